import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const samples = fileURLToPath(new URL('../../samples/', import.meta.url));
const zoneArgs = ['shop.test', 'bulkmailer.test', 'forwarder.test'].flatMap((z) => [
  '--zone',
  join(samples, 'zones', `messages-${z}.zone`),
]);
const allZones = [...zoneArgs, '--zone', join(samples, 'zones', 'football.example.com.zone'), '--offline'];

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
  const code = await main(['verify', ...args], {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env: {},
  });
  return { code, out, err };
}

const msg = (name: string) => join(samples, 'messages', name);

describe('mailgate verify', () => {
  it('shows each signature on one line, then SPF, DMARC, ARC, findings and Authentication-Results (exit 0)', async () => {
    const r = await run([
      msg('shop-newsletter.eml'),
      '--trust-received',
      '--authserv-id',
      'mx.example.net',
      ...allZones,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /^ {2}pass +d=shop\.test s=2024[re] /.test(l))).toHaveLength(2);
    expect(r.out).toMatch(/^SPF +pass +shop\.test \(mailfrom\)/m);
    expect(r.out).toMatch(/^DMARC +pass +shop\.test, policy reject, aligned by spf, dkim/m);
    expect(r.out).toMatch(/^ARC +none/m);
    expect(r.out).toContain('Bulk-sender readiness: ready');
    expect(r.out).toContain('Authentication-Results: mx.example.net;');
    expect(r.out.indexOf('DKIM (2 signatures)')).toBeLessThan(r.out.indexOf('SPF'));
  });

  it('exits 1 when DMARC fails, and 0 with a trusted ARC sealer override', async () => {
    const fail = await run([msg('forwarded-arc.eml'), '--trust-received', ...allZones]);
    expect(fail.code).toBe(1);
    expect(fail.out).toMatch(/^ARC +pass +i=1, sealed by forwarder\.test/m);
    const ok = await run([
      msg('forwarded-arc.eml'),
      '--trust-received',
      '--trusted-arc-sealer',
      'forwarder.test',
      ...allZones,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('override by trusted ARC sealer forwarder.test');
  });

  it('prints the report as JSON with --format json', async () => {
    const r = await run([msg('rfc8463.eml'), '--format', 'json', '--authserv-id', 'mx', ...allZones]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.schemaVersion).toBe(1);
    expect(report.dkim.map((s: { result: string }) => s.result)).toEqual(['pass', 'pass']);
    expect(report.authenticationResults.name).toBe('Authentication-Results');
  });

  it('exits 3 when DNS trouble prevented the verdict', async () => {
    // the key's zone is not loaded and the only DNS server does not answer (a closed loopback port)
    const r = await run([
      msg('rfc8463.eml'),
      '--dns-server',
      '127.0.0.1:9',
      '--dns-timeout',
      '100',
      '--dns-tries',
      '1',
      '--fail-on',
      'dkim',
    ]);
    expect(r.code).toBe(3);
    // an unsigned message passes the default --fail-on dmarc (no DMARC record here) but fails --fail-on dkim
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-verify-'));
    const file = join(dir, 'unsigned.eml');
    writeFileSync(file, 'From: joe@football.example.com\r\nSubject: hi\r\n\r\nbody\r\n');
    expect((await run([file, ...allZones])).code).toBe(0);
    expect((await run([file, '--fail-on', 'dkim', ...allZones])).code).toBe(1);
    const json = await run([
      msg('rfc8463.eml'),
      '--dns-server',
      '127.0.0.1:9',
      '--dns-timeout',
      '100',
      '--dns-tries',
      '1',
      '--format',
      'json',
    ]);
    const report = JSON.parse(json.out);
    expect(report.dkim.map((s: { result: string }) => s.result)).toEqual(['temperror', 'temperror']);
    expect(json.code).toBe(3);
  });

  it('exits 2 for usage and input errors', async () => {
    expect((await run(['/nonexistent/file.eml', ...allZones])).code).toBe(2);
    expect((await run([msg('rfc8463.eml'), '--ip', 'not-an-ip', ...allZones])).code).toBe(2);
    expect((await run([msg('rfc8463.eml'), '--fail-on', 'sometimes', ...allZones])).code).toBe(2);
    const big = await run([msg('rfc8463.eml'), '--max-size', '100', ...allZones]);
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/larger than the limit of 100 bytes/);
  });

  it('escapes control characters from the message in text output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-verify-'));
    const file = join(dir, 'evil.eml');
    writeFileSync(file, 'From: a@shop.test\r\nSubject: \u001b[31mred\u001b[0m\r\n\r\nbody\r\n');
    const r = await run([file, ...allZones]);
    expect(r.out).not.toContain('\u001b[31m');
    expect(r.out).toContain('\\x1b[31mred');
  });
});
