// Bad input gets a clear usage error (exit 2) or a typed error, never a crash, a hang or a silent wrong answer.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditableDomain,
  auditDomain,
  InvalidAuditOptionError,
  InvalidDomainError,
} from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import { auditDmarc } from '../../src/dmarc/audit.js';
import { evaluateDmarc } from '../../src/dmarc/evaluate.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { runCli } from '../support/cli.js';

let dir: string;
let zone: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-cli-'));
  zone = join(dir, 'acme.test.zone');
  await writeFile(zone, '$ORIGIN acme.test.\n@ TXT "v=spf1 -all"\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('auditDomain arguments', () => {
  const resolver = zoneResolverFromText('@ TXT "v=spf1 -all"\n', 'acme.test');

  // xn--zz.com and xn--.test: "A-labels" whose Punycode decodes to nothing (a new-user trial found them accepted)
  it.each([
    '1.2.3.4',
    '*.acme.test',
    'a b.test',
    'acme.test/x',
    'localhost',
    '',
    '-bad.test',
    'xn--zz.com',
    'mail.xn--a.test',
  ])('rejects %j as a domain', async (d) => {
    expect(() => auditableDomain(d)).toThrow(InvalidDomainError);
    await expect(auditDomain(d, { resolver })).rejects.toBeInstanceOf(InvalidDomainError);
  });

  it.each(['exa mple.com', '192.0.2.1', '*.acme.test', 'localhost', 'a..b'])(
    'audit, spf and dmarc refuse %j alike (one validator), exit 2 with one line',
    async (d) => {
      for (const command of ['audit', 'spf', 'dmarc']) {
        const r = await runCli([command, d, '--offline', '--zone', zone]);
        expect(r.code, command).toBe(2);
        expect(r.stderr, command).toBe(`mailgate: not a valid domain name: '${d}'\n`);
        expect(r.stdout, command).toBe('');
      }
    },
  );

  it('accepts IDN, underscores and trailing dots', () => {
    expect(auditableDomain('Bücher.Example.')).toBe('xn--bcher-kva.example');
    expect(auditableDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(auditableDomain('xn--ls8h.la')).toBe('xn--ls8h.la');
    expect(auditableDomain('_spf.acme.test')).toBe('_spf.acme.test');
  });

  it('names what is wrong with the options', async () => {
    await expect(auditDomain('acme.test', undefined as never)).rejects.toThrow(/options\.resolver/);
    await expect(auditDomain('acme.test', { resolver, selectors: 'google' as never })).rejects.toBeInstanceOf(
      InvalidAuditOptionError,
    );
    await expect(auditDomain('acme.test', { resolver, selectors: [''] })).rejects.toThrow(
      /not a valid DKIM selector/,
    );
    await expect(auditDomain('acme.test', { resolver, dmarcMode: 'xyz' as never })).rejects.toThrow(
      /dmarcMode/,
    );
    // from a library-user trial: a signal that is not an AbortSignal made every question a dns-error, and a
    // negative budget was accepted
    await expect(auditDomain('acme.test', { resolver, signal: {} as never })).rejects.toThrow(
      new InvalidAuditOptionError('auditDomain: signal must be an AbortSignal'),
    );
    for (const spfBudget of [-5, Number.NaN, 1.5])
      await expect(auditDomain('acme.test', { resolver, spfBudget })).rejects.toThrow(
        new InvalidAuditOptionError('auditDomain: spfBudget must be an integer number of DNS lookups >= 0'),
      );
  });

  it('refuses bad batch options once, up front, instead of failing every domain', async () => {
    await expect(auditDomains(['a.example'], {} as never)).rejects.toThrow(/options\.resolver/);
    await expect(
      auditDomains(['a.example'], { resolver, selectors: ['bad selector'] }),
    ).rejects.toBeInstanceOf(InvalidAuditOptionError);
    await expect(auditDomain('acme.test', { resolver, dmarcMode: 7489 as never })).rejects.toThrow(
      "dmarcMode must be the string '9989' or '7489', not 7489",
    );
  });

  it('evaluateDmarc and auditDmarc refuse calls that cannot work', async () => {
    await expect(evaluateDmarc({ from: ['a@a.example'], dkim: [] }, {} as never)).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(
      evaluateDmarc({ from: ['a@a.example'], dkim: [] }, { resolver, mode: '7490' as never }),
    ).rejects.toThrow("mode must be the string '9989' or '7489', not \"7490\"");
    await expect(auditDmarc('a.example', { resolver, mode: 'x' as never })).rejects.toBeInstanceOf(TypeError);
  });

  it('evaluateDmarc takes a From given as one string as one field, and other odd input as no From (never throws)', async () => {
    // a library-user trial got a TypeError for from: 'a@b'
    const one = await evaluateDmarc({ from: 'a@acme.test' as never, dkim: [] }, { resolver });
    const list = await evaluateDmarc({ from: ['a@acme.test'], dkim: [] }, { resolver });
    expect(one.result).toBe(list.result);
    expect(one.authorDomain).toBe('acme.test');
    const none = await evaluateDmarc({ from: 42 as never, dkim: 'x' as never }, { resolver });
    expect(none.result).toBe('permerror');
  });

  it('does not hang on a resolver that never answers: the time limit turns silence into TIMEOUT', async () => {
    const silent: Resolver = { query: () => new Promise(() => {}) };
    const report = await auditDomain('acme.test', {
      resolver: silent,
      selectors: ['s1'],
      timeoutMs: 300,
      checks: { https: false },
    });
    expect(report.summary.dnsTrouble).toBe(true);
    expect(report.findings.map((f) => f.id)).toContain('audit.timeout');
    expect(report.findings.map((f) => f.id)).toContain('spf.dns-error');
    expect(report.findings.map((f) => f.id)).not.toContain('spf.no-record');
  });
});

describe('mailgate CLI input handling', () => {
  it('rejects non-domains and bad selectors with exit 2, showing control characters', async () => {
    const r1 = await runCli(['audit', '\u001b[31mred.test', '--offline', '--zone', dir]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toBe("mailgate: not a valid domain name: '\\x1b[31mred.test'\n");
    const r2 = await runCli(['audit', '1.2.3.4', '--offline', '--zone', dir]);
    expect(r2.code).toBe(2);
    const r3 = await runCli(['audit', 'acme.test', '-s', '', '--offline', '--zone', dir]);
    expect(r3).toMatchObject({ code: 2, stderr: "mailgate: not a valid selector: ''\n" });
  });

  it('prints zone warnings on standard error and still answers from the zone', async () => {
    const zone = join(dir, 'proposed.zone');
    await writeFile(
      zone,
      '$ORIGIN acme.test.\n@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n$ORIGIN vendor.test.\nspf TXT "v=spf1 -all"\n',
    );
    const r = await runCli(['spf', 'acme.test', '--ip', '192.0.2.9', '--offline', '--zone', zone]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `mailgate: warning: ${zone}:4: TXT record for spf.vendor.test is outside the zone origin acme.test`,
    );
  });

  it('with --offline never fetches over HTTPS (MTA-STS policy not fetched)', async () => {
    const zone = join(dir, 'sts.test.zone');
    await writeFile(
      zone,
      '@ MX 10 mx\nmx A 127.0.0.1\n_mta-sts TXT "v=STSv1; id=2024"\nmta-sts A 127.0.0.1\n',
    );
    const r = await runCli([
      'audit',
      'sts.test',
      '-s',
      's1',
      '--offline',
      '--zone',
      zone,
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as {
      mtaSts: { policy?: { fetched?: boolean } };
      findings: { id: string }[];
    };
    expect(report.findings.map((f) => f.id)).not.toContain('mtasts.policy-unreachable');
  });

  it('rejects an authserv-id that cannot appear in Authentication-Results (RFC 8601 §2.5) with exit 2', async () => {
    const msg = join(import.meta.dirname, '..', '..', 'samples', 'messages', 'rfc8463.eml');
    const r = await runCli(['verify', msg, '--authserv-id', 'x'.repeat(300), '--offline', '--zone', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mailgate: --authserv-id: authserv-id is 300 octets long/m);
  });

  it('reports a type 99 (SPF) record from a zone file in audit and spf (RFC 7208 §3.1)', async () => {
    const zone = join(dir, 't99.test.zone');
    await writeFile(zone, '@ TXT "v=spf1 -all"\n@ SPF "v=spf1 +all"\n');
    for (const argv of [
      ['audit', 't99.test', '-s', 's1', '--format', 'json'],
      ['spf', 't99.test', '--format', 'json'],
    ]) {
      const r = await runCli([...argv, '--offline', '--zone', zone]);
      const found = (
        JSON.parse(r.stdout) as { findings: { id: string; evidence?: { source?: unknown } }[] }
      ).findings.find((f) => f.id === 'spf.type99-record');
      expect(found?.evidence?.source).toEqual({ file: zone, line: 2 });
    }
  });

  it('drops duplicate domains from a list, with a note', async () => {
    const list = join(dir, 'domains.txt');
    await writeFile(list, 'acme.test\nACME.TEST.\n');
    await writeFile(join(dir, 'acme.test.zone'), '@ TXT "v=spf1 -all"\n');
    const r = await runCli([
      'audit',
      '--domains-file',
      list,
      '-s',
      's1',
      '--offline',
      '--zone',
      dir,
      '--format',
      'json',
    ]);
    expect(r.stderr).toContain('mailgate: note: 1 duplicate domain dropped (line 2 repeats line 1)');
    expect((JSON.parse(r.stdout) as { entries: unknown[] }).entries).toHaveLength(1);
  });

  it('says DKIM selectors could not be checked when DNS is unreachable, not that none exist', async () => {
    const r = await runCli([
      'audit',
      'acme.test',
      '--dns-server',
      '127.0.0.1:9',
      '--dns-timeout',
      '200',
      '--dns-tries',
      '1',
      '--skip',
      'https',
      '--no-color',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/DKIM\s+30 of 30 common selectors could not be checked \(DNS TIMEOUT\)/);
    expect(r.stdout).not.toContain('no selector found');
  });

  it('exits quietly when the reader of its output goes away (EPIPE)', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'lib', 'cli', 'bin.js');
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // like `| true`: nobody reads
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
