/**
 * `mailgate dmarc`: run in-process over zone files (offline), text and JSON output, exit codes.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const run = (args: string[]) => runCli(args);

const dir = mkdtempSync(join(tmpdir(), 'mailgate-dmarc-'));
const zone = join(dir, 'example.com.zone');
writeFileSync(
  zone,
  [
    '$ORIGIN example.com.',
    '@ IN MX 10 mx',
    '_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com"',
    '_dmarc.dept IN TXT "v=DMARC1; p=none; psd=n; rua=mailto:d@example.com"',
    '_dmarc.evil IN TXT "v=DMARC1; p=reject; rua=mailto:x@\\027[31mred.example"',
    'www IN A 192.0.2.1',
    '_dmarc.c IN TXT "v=dmarc1; p=reject"',
    // A CNAME loop: resolvers answer SERVFAIL for _dmarc.y.example.com.
    '_dmarc.y IN CNAME loop1',
    'loop1 IN CNAME loop2',
    'loop2 IN CNAME loop1',
    '',
  ].join('\n'),
);

describe('mailgate dmarc', () => {
  it('prints where the policy was found, the effective tags and the findings', async () => {
    const r = await run(['dmarc', 'www.example.com', '--zone', zone, '--offline']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DMARC for www.example.com (RFC 9989)');
    expect(r.stdout).toContain(
      'policy record   _dmarc.example.com (inherited from the Organizational Domain)',
    );
    expect(r.stdout).toContain(
      'effective tags  p=reject sp=quarantine np=quarantine adkim=r aspf=r psd=u t=n fo=0',
    );
    expect(r.stdout).toContain('policy          quarantine (from sp=: www.example.com exists)');
    expect(r.stdout).toContain('rua             mailto:d@example.com (internal, MX ok)');
    expect(r.stdout).toContain(
      'RFC 7489 view   _dmarc.example.com, Organizational Domain example.com (same)',
    );
    expect(r.stdout).toContain('findings: 0 errors, 1 warning, 1 info\n');
    expect(r.stdout).toContain('warning dmarc.subdomain-policy-weaker');
  });

  it('a non-existent subdomain under sp=np: the policy source is np=', async () => {
    const z = join(dir, 'np.example.zone');
    writeFileSync(
      z,
      '$ORIGIN np.example.\n@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; sp=reject; np=reject"\n',
    );
    const r = await run(['dmarc', 'nothere.np.example', '--zone', z, '--offline']);
    expect(r.stdout).toContain('policy          reject (from np=: nothere.np.example does not exist)');
    expect(r.stdout).not.toContain('from sp=');
  });

  it('names the tag a policy really came from when np= or sp= is not published (their defaults, RFC 9989 §4.7)', async () => {
    // A new-user trial read "reject (from sp=)" for a record with no sp= tag.
    const z = join(dir, 'defaults.example.zone');
    writeFileSync(
      z,
      '$ORIGIN defaults.example.\n@ TXT "v=spf1 -all"\nwww A 192.0.2.1\n_dmarc TXT "v=DMARC1; p=reject"\n',
    );
    const args = ['--zone', z, '--offline'];
    expect((await run(['dmarc', 'nothere.defaults.example', ...args])).stdout).toContain(
      'policy          reject (from p=, no np= or sp=: nothere.defaults.example does not exist)',
    );
    expect((await run(['dmarc', 'www.defaults.example', ...args])).stdout).toContain(
      'policy          reject (from p=, no sp=: www.defaults.example exists)',
    );
    writeFileSync(
      z,
      '$ORIGIN defaults.example.\n@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; sp=quarantine"\n',
    );
    expect((await run(['dmarc', 'nothere.defaults.example', ...args])).stdout).toContain(
      'policy          quarantine (from sp=, no np=: nothere.defaults.example does not exist)',
    );
  });

  it('--dmarc-mode 7489, and the divergence finding', async () => {
    const r = await run(['dmarc', 'a.dept.example.com', '--dmarc-mode', '7489', '--zone', zone, '--offline']);
    expect(r.stdout).toContain('DMARC for a.dept.example.com (RFC 7489)');
    expect(r.stdout).toContain('effective tags  p=reject sp=quarantine adkim=r aspf=r pct=100 fo=0');
    expect(r.stdout).toContain(
      'RFC 9989 view   _dmarc.dept.example.com, Organizational Domain dept.example.com (differs)',
    );
    expect(r.stdout).toContain('dmarc.mode-divergence');
  });

  it('--mode is a hidden deprecated alias of --dmarc-mode that warns', async () => {
    const alias = await run(['dmarc', 'a.dept.example.com', '--mode', '7489', '--zone', zone, '--offline']);
    expect(alias.stderr.split('\n')[0]).toBe(
      'mailgate: warning: --mode is deprecated; use --dmarc-mode (as audit and verify do)',
    );
    expect(alias.stdout).toContain('DMARC for a.dept.example.com (RFC 7489)');
    const both = await run([
      'dmarc',
      'example.com',
      '--mode',
      '7489',
      '--dmarc-mode',
      '9989',
      '--zone',
      zone,
      '--offline',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --dmarc-mode only (--mode is its deprecated alias)');
    const help = await run(['dmarc', '--help']);
    expect(help.stdout).toContain('--dmarc-mode <mode>');
    expect(help.stdout).not.toContain('--mode <mode>');
  });

  it('--format json is the DmarcAudit object', async () => {
    const r = await run(['dmarc', 'example.com', '--format', 'json', '--zone', zone, '--offline']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      domain: 'example.com',
      mode: '9989',
      recordName: '_dmarc.example.com',
      policy: 'reject',
    });
    expect(Array.isArray(j.findings)).toBe(true);
  });

  it('exit 1 on an error finding (no record), 0 with --fail-on never, 2 on bad usage', async () => {
    expect((await run(['dmarc', 'example.org', '--zone', zone, '--offline'])).code).toBe(1);
    expect(
      (await run(['dmarc', 'example.org', '--zone', zone, '--offline', '--fail-on', 'never'])).code,
    ).toBe(0);
    const bad = await run(['dmarc', 'example.com', '--dmarc-mode', '2015', '--zone', zone, '--offline']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('mailgate: --dmarc-mode must be 9989 or 7489\n');
    expect((await run(['dmarc', 'a..b', '--zone', zone, '--offline'])).code).toBe(2);
  });

  it('control characters from DNS are shown, not interpreted', async () => {
    const r = await run(['dmarc', 'evil.example.com', '--zone', zone, '--offline', '--fail-on', 'never']);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b[31m');
  });

  it('says that a TXT record at _dmarc was ignored, and where the policy comes from instead', async () => {
    const r = await run(['dmarc', 'c.example.com', '--zone', zone, '--offline']);
    expect(r.stdout).toContain(
      'policy record   _dmarc.example.com (inherited from the Organizational Domain)',
    );
    expect(r.stdout).toContain(
      'warning dmarc.record-ignored  _dmarc.c.example.com TXT "v=dmarc1; p=reject" is not a DMARC record and is ignored: ' +
        "the version value 'dmarc1' must be exactly 'DMARC1' (case-sensitive); the policy comes from _dmarc.example.com " +
        '(the Organizational Domain) instead [RFC 9989 §4.7, §4.10]',
    );
    expect(r.stdout).toContain('findings: 0 errors, 2 warnings, 1 info\n');
  });

  it('--dmarc-mode 7489 cites RFC 7489 and shows an undecided RFC 9989 view as undecided', async () => {
    const r = await run(['dmarc', 'x.y.example.com', '--dmarc-mode', '7489', '--zone', zone, '--offline']);
    expect(r.stdout).toContain('DMARC for x.y.example.com (RFC 7489)');
    expect(r.stdout).toContain('RFC 9989 view   undecided (DNS SERVFAIL for _dmarc.y.example.com)');
    expect(r.stdout).not.toContain('view   no policy');
    expect(r.stdout).toContain(
      'error   dmarc.dns-error  DNS SERVFAIL for _dmarc.y.example.com (DMARC discovery, RFC 9989); the result is undecided, not "no policy" [RFC 9989 §4.10.1, §5.3.6]',
    );
    expect(r.stdout).toContain(
      'info    dmarc.inherited-policy  x.y.example.com has no DMARC record of its own; the record at _dmarc.example.com applies [RFC 7489 §6.6.3]',
    );
    expect(r.stdout).toContain('findings: 1 error, 1 warning, 1 info\n');
    expect(r.stdout).toContain('[RFC 7489 §6.3]');
  });
});
