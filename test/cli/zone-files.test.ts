// The CLI's --zone and --zone-origin (issue 12 items 2 and 3): a zone file servers would refuse exits 2 naming
// the file and line; origins from file names, $ORIGIN or --zone-origin; warnings name their file and line.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { scratchDir } from '../support/scratch.js';

const HEAD = '$TTL 300\n@ SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n';

const scratch = scratchDir('mailgate-cli-zones-');
const write = scratch.write;

describe('mailgate --zone', () => {
  it('exits 2 for a zone file Knot would refuse, naming the file, line and column', async () => {
    const file = await write('acme.test.zone', `${HEAD}@ IN TXTT "v=spf1 -all"\n`);
    const r = await runCli(['spf', 'acme.test', '--offline', '--zone', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `mailgate: zone file ${file}:5:6: unknown record type 'TXTT' (not a type Knot knows, nor TYPEn)\n`,
    );
  });

  it('takes db.t.example as t.example, and a --zone-origin mapping for any other name', async () => {
    const bind = await write('db.t.example', `${HEAD}@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n`);
    const ok = await runCli(['spf', 't.example', '--offline', '--zone', bind, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).record).toBe('v=spf1 ip4:192.0.2.0/24 -all');

    const main = await write('layout/main', `${HEAD}@ TXT "v=spf1 -all"\n`);
    const ambiguous = await runCli(['spf', 'acme.test', '--offline', '--zone', main]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`--zone-origin ${main}=example.com`);
    const mapped = await runCli([
      'spf',
      'acme.test',
      '--offline',
      '--zone',
      main,
      '--zone-origin',
      `${main}=acme.test`,
      '--format',
      'json',
    ]);
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout).record).toBe('v=spf1 -all');
  });

  it('refuses a malformed or unused --zone-origin', async () => {
    const file = await write('b.test.zone', `${HEAD}@ TXT "v=spf1 -all"\n`);
    const bad = await runCli(['spf', 'b.test', '--offline', '--zone', file, '--zone-origin', 'nothing']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'mailgate: --zone-origin "nothing" is not FILE=ORIGIN (e.g. --zone-origin zones/main.zone=example.com)\n',
    ]);
    const unused = await runCli([
      'spf',
      'b.test',
      '--offline',
      '--zone',
      file,
      '--zone-origin',
      'x.zone=x.test',
    ]);
    expect(unused.code).toBe(2);
    expect(unused.stderr).toMatch(/^mailgate: --zone-origin .*x\.zone=x\.test: no --zone file is .*x\.zone/);
  });

  it('prints what servers load but change as warnings with the file and line, including $INCLUDEd files', async () => {
    await write('inc/parts.inc', `long TXT "${'a'.repeat(300)}"\n`);
    const file = await write('inc/c.test.zone', `${HEAD}@ TXT "v=spf1 -all"\n$INCLUDE parts.inc\n`);
    const r = await runCli(['spf', 'c.test', '--offline', '--zone', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^mailgate: warning: ${join(scratch.dir, 'inc/parts.inc').replace(/[.]/g, '\\.')}:1: TXT character-string of 300 octets`,
      ),
    );
  });

  it('lists at most 1,000 zone warnings and counts the rest; refuses a zone over its total bounds (exit 2)', async () => {
    // the new-user trial's four-level $INCLUDE diamond printed 99,999 "duplicate A record" warnings
    const file = await write('many/w.test.zone', `${HEAD}${'x A 192.0.2.1\n'.repeat(1500)}`);
    const r = await runCli(['spf', 'w.test', '--offline', '--zone', file]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe(
      `mailgate: warning: ${file}:6: duplicate A record for x.w.test (same as line 5); servers keep one`,
    );
    expect(lines[1000]).toBe(
      `mailgate: warning: ${file}:1: 499 more warnings about this zone are not listed: mailgate lists the first 1,000 (maxWarnings), 1,499 in all`,
    );
    // 10,001 $INCLUDEs of an empty file: over the 10,000 a zone may follow
    await write('many/empty.inc', '');
    const inc = await write('many/i.test.zone', `${HEAD}${'$INCLUDE empty.inc\n'.repeat(10_001)}`);
    const refused = await runCli(['spf', 'i.test', '--offline', '--zone', inc]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `mailgate: zone file ${inc}:10005:1: more than 10,000 $INCLUDEs (maxIncludes: the bound on the $INCLUDE directives one zone follows, a file included twice counted twice)\n`,
    );
  });

  it('reads $INCLUDE only inside the directory holding the zone files, or --zone-root; never quotes a file outside it', async () => {
    // a zone file from a pull request naming a file of the CI runner: its content must not reach the log
    const secret = await write('runner/secret.env', 'TOKEN=hunter2-do-not-print\n');
    const file = await write('pr/zones/d.test.zone', `${HEAD}@ TXT "v=spf1 -all"\n$INCLUDE ${secret}\n`);
    const refused = await runCli(['spf', 'd.test', '--offline', '--zone', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `mailgate: zone file ${file}:6:10: $INCLUDE ${secret}: ${secret} is outside ${join(scratch.dir, 'pr/zones')} (symbolic links resolved); include only files inside it\n`,
    );
    expect(refused.stderr).not.toContain('hunter2');
    // relative paths climbing out are refused alike; the directory given with --zone is the root
    const climb = await write('pr/zones/e.test.zone', `${HEAD}$INCLUDE ../../runner/secret.env\n`);
    const up = await runCli(['spf', 'e.test', '--offline', '--zone', join(scratch.dir, 'pr/zones')]);
    expect(up.code).toBe(2);
    expect(up.stderr).toContain(`is outside ${join(scratch.dir, 'pr/zones')}`);
    expect(up.stderr).not.toContain('hunter2');
    // --zone-root widens it: then the included file is read (and, not being a zone, refused with its line)
    const wide = await runCli(['spf', 'd.test', '--offline', '--zone', file, '--zone-root', scratch.dir]);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toMatch(/secret\.env:1:1: invalid domain name/);
    await rm(climb);
  });
});
