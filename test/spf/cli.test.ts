import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkCliJson } from '../support/cli-schemas.js';

const dir = mkdtempSync(join(tmpdir(), 'mailgate-spf-'));
const zone = join(dir, 'example.com.zone');
writeFileSync(
  zone,
  `$ORIGIN example.com.
@        TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.com -all"
_spf     TXT "v=spf1 ip4:203.0.113.0/24 ptr ~all"
big      TXT "v=spf1 include:_spf.example.com a a a a a a a a a a -all"
big      A   198.51.100.1
macro    TXT "v=spf1 exists:%{ir}.x include:%{d}.x.example.com a:%{p}.example.com -all"
one      TXT "v=spf1 include:_spf.example.com -all"
`,
);

async function run(args: string[]) {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) =>
    new Writable({
      write: (c, _e, cb) => {
        f(String(c));
        cb();
      },
    });
  const code = await main(['spf', ...args, '--zone', zone, '--offline'], {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env: {},
  });
  checkCliJson(['spf', ...args], out);
  return { code, out, err };
}

describe('mailgate spf', () => {
  it('gives the verdict and the explanation for --ip (exit 0 for pass)', async () => {
    const r = await run(['example.com', '--ip', '203.0.113.5']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('SPF pass for example.com');
    expect(r.out).toContain(
      '203.0.113.5 matched ip4:203.0.113.0/24 in the record of _spf.example.com, reached through include at depth 1',
    );
    expect(r.out).toContain('1 of 10 lookups used');
  });

  it('JSON verdict carries schemaVersion, result, why, lookups and trace; exit 1 for fail', async () => {
    const r = await run(['example.com', '--ip', '198.51.100.9', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.schemaVersion).toBe(1);
    expect(j.result).toBe('fail');
    expect(j.why).toContain('matched -all in the record of example.com');
    // `explanation` is the library's: the domain's exp= text (RFC 7208 §6.2); example.com has none.
    expect(j).not.toHaveProperty('explanation');
    expect(typeof j.lookups).toBe('number');
    expect(Array.isArray(j.trace)).toBe(true);
  });

  it('analyzes without --ip: tree with costs, networks, findings (exit 1 on an error finding)', async () => {
    const r = await run(['big.example.com']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('lookups       12 of 10 (worst case)');
    // The term's cost, as in the findings and the other formats: the include counts 1, plus its ptr.
    expect(r.out).toContain('include:_spf.example.com -> _spf.example.com  costs 2 (1 + 1 below)');
    expect(r.out).toContain('big.example.com  12 lookups in total');
    // big has an A record only: each of its ten a terms is void for an IPv6 client (RFC 7208 §5.3, §4.6.4).
    expect(r.out).toContain('void lookups  IPv4 clients 0 of 2, IPv6 clients 10 of 2  OVER THE LIMIT');
    expect(r.out).toContain('has 10 void lookups for IPv6 clients (limit 2)');
    expect(r.out).toContain('spf.lookup-limit');
    expect(r.out).toContain('spf.ptr-used');
    expect(r.out).toContain('a appears 10 times in the SPF record of big.example.com');
    expect(r.out).toContain('203.0.113.0/24');
    expect(r.out).toContain('flattening suggestion');
    const j = JSON.parse((await run(['big.example.com', '--format', 'json'])).out);
    expect(j.lookups).toBe(12);
    expect(j.findings.map((f: { id: string }) => f.id)).toContain('spf.lookup-limit');
  });

  it('rejects a malformed --ip as a usage error (exit 2)', async () => {
    const r = await run(['example.com', '--ip', '1.2.3']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not an IP address');
  });

  it('counts findings and lookups in the singular and the plural', async () => {
    const r = await run(['one.example.com', '--budget', '5']);
    expect(r.out).toContain('findings: 0 errors, 1 warning, 1 info\n');
    expect(r.out).toContain('flattening suggestion: 1 lookup (budget 5)');
    const b = await run(['big.example.com']);
    expect(b.out).toContain('findings: 2 errors, 2 warnings, 1 info\n');
    expect(b.out).toContain('flattening suggestion: 1 lookup (budget 10)');
  });

  it('expands %{d} statically and checks the include target; other macros get an info finding', async () => {
    const r = await run(['macro.example.com']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('findings: 1 error, 0 warnings, 3 infos');
    expect(r.out).toContain(
      'include:%{d}.x.example.com -> macro.example.com.x.example.com  costs 1 [none: NXDOMAIN]',
    );
    expect(r.out).toContain(
      'error   spf.include-no-record  include:%{d}.x.example.com in the SPF record of macro.example.com: macro.example.com.x.example.com has no SPF record',
    );
    expect(r.out).toContain(
      'info    spf.macro-not-checked  exists:%{ir}.x in the SPF record of macro.example.com depends on %{i}',
    );
    expect(r.out).toContain('info    spf.macro-not-checked  a:%{p}.example.com');
  });
});
