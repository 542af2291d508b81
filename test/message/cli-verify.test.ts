import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { READ_CHUNK_BYTES, readFileChunks } from '../../src/cli/commands/verify.js';
import { main } from '../../src/cli/main.js';

const samples = fileURLToPath(new URL('../../samples/', import.meta.url));
const zoneArgs = ['shop.test', 'bulkmailer.test', 'forwarder.test'].flatMap((z) => [
  '--zone',
  join(samples, 'zones', `${z}.zone`),
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
    expect(report.schemaVersion).toBe(2);
    expect(report.why[0]).toBe(
      'No DMARC policy for football.example.com: no DMARC record found (asked _dmarc.football.example.com, _dmarc.example.com, _dmarc.com)',
    );
    expect(report.dmarc.why).toBe(report.why[0]);
    expect(report.explanation).toBeUndefined();
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
    expect(big.err).toBe(
      `mailgate: ${msg('rfc8463.eml')}: the message is larger than --max-size (100 bytes); give a larger --max-size to verify it\n`,
    );
    // A header field of 2 MiB, then the empty line and a body: the header section is over its 1 MiB limit (a
    // new-user trial read "no empty line ends it" for a message that has one).
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-verify-'));
    const file = join(dir, 'giant.eml');
    writeFileSync(file, `From: a@shop.test\r\nX-Big: ${'x'.repeat(2 * 1024 * 1024)}\r\n\r\nbody\r\n`);
    const header = await run([file, ...allZones]);
    rmSync(dir, { recursive: true, force: true });
    expect(header.code).toBe(2);
    expect(header.err).toBe(
      `mailgate: ${file}: the header section is larger than 1048576 bytes (the limit for a header section): the empty line that ends it does not come within that size\n`,
    );
  });

  it('--max-size stops reading at the limit: at most the limit plus one chunk is read (stdin and a file)', async () => {
    const limit = 1_000_000;
    const header = Buffer.from('From: a@shop.test\r\nSubject: big\r\n\r\n');
    const line = Buffer.from(`${'x'.repeat(998)}\r\n`);
    // Standard input as a stream that counts what is pulled from it (10 MB on offer).
    let pulled = 0;
    async function* stdin() {
      for (let i = 0; i < 10_000; i++) {
        const chunk = i === 0 ? Buffer.concat([header, line]) : line;
        pulled += chunk.length;
        yield chunk;
      }
    }
    let err = '';
    const code = await main(['verify', '-', '--max-size', String(limit), ...allZones], {
      stdout: new Writable({ write: (_c, _e, cb) => cb() }),
      stderr: new Writable({
        write: (c, _e, cb) => {
          err += String(c);
          cb();
        },
      }),
      env: {},
      stdin: stdin(),
    });
    expect(code).toBe(2);
    expect(err).toBe(
      `mailgate: standard input: the message is larger than --max-size (${limit} bytes); give a larger --max-size to verify it\n`,
    );
    expect(pulled).toBeGreaterThan(limit);
    expect(pulled).toBeLessThanOrEqual(limit + line.length);
    // A file: read chunk by chunk, only as fast as the verifier asks (READ_CHUNK_BYTES each).
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-verify-'));
    const file = join(dir, 'big.eml');
    writeFileSync(file, Buffer.concat([header, Buffer.alloc(8 * limit, 0x78)]));
    let read = 0;
    for await (const chunk of readFileChunks(file)) {
      read += chunk.length;
      if (read > limit) break;
    }
    expect(read).toBe(Math.ceil((limit + 1) / READ_CHUNK_BYTES) * READ_CHUNK_BYTES);
    // The CLI itself, bytes counted on every FileHandle read while it runs (the zone files are read otherwise).
    const handle = await openFile(file);
    const proto = Object.getPrototypeOf(handle) as {
      read: (...a: unknown[]) => Promise<{ bytesRead: number }>;
    };
    await handle.close();
    let viaCli = 0;
    const realRead = proto.read;
    proto.read = async function (this: unknown, ...a: unknown[]) {
      const r = await realRead.apply(this, a);
      viaCli += r.bytesRead;
      return r;
    };
    let fromFile: Awaited<ReturnType<typeof run>>;
    try {
      fromFile = await run([file, '--max-size', String(limit), ...allZones]);
    } finally {
      proto.read = realRead;
    }
    expect(fromFile.code).toBe(2);
    expect(fromFile.err).toContain('the message is larger than --max-size (1000000 bytes)');
    expect(viaCli).toBeGreaterThan(limit);
    expect(viaCli).toBeLessThanOrEqual(limit + READ_CHUNK_BYTES);
  });

  it('exits 2 with one line for input that has no header section; headers without From stay a verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-verify-'));
    let seed = 7;
    const junk = Buffer.alloc(5000);
    for (let i = 0; i < junk.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk[i] = seed & 0xff;
    }
    const inputs: [string, string | Buffer, string][] = [
      ['empty.eml', '', 'the message is empty (0 bytes): it has no header section'],
      ['junk.eml', junk, 'the message has no header section: its first line is not a header field'],
      [
        'text.eml',
        'just some text\nno fields\n\nbody\n',
        'the message has no header section: its first line',
      ],
    ];
    for (const [name, content, why] of inputs) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = await run([file, ...allZones]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`${file}: ${why}`);
    }
    const noFrom = join(dir, 'nofrom.eml');
    writeFileSync(noFrom, 'Subject: hi\n\nbody\n');
    const r = await run([noFrom, ...allZones]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^DMARC +permerror/m);
  });

  it('reads a named pipe (as <(cat file.eml) gives), and rejects a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-verify-'));
    const fifo = join(dir, 'message.pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = new Promise<void>((resolve, reject) => {
      const w = createWriteStream(fifo);
      w.on('error', reject);
      w.end(readFileSync(msg('rfc8463.eml')), () => resolve());
    });
    const [r] = await Promise.all([run([fifo, '--authserv-id', 'mx', ...allZones]), writer]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}pass +d=football\.example\.com s=brisbane /m);
    // the size limit holds for a pipe too
    const fifo2 = join(dir, 'big.pipe');
    execFileSync('mkfifo', [fifo2]);
    const writer2 = new Promise<void>((resolve) => {
      const w = createWriteStream(fifo2);
      w.on('error', () => resolve()); // the reader may close first
      w.end(readFileSync(msg('rfc8463.eml')), () => resolve());
    });
    const [big] = await Promise.all([run([fifo2, '--max-size', '100', ...allZones]), writer2]);
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/larger than --max-size \(100 bytes\)/);
    const d = await run([dir, ...allZones]);
    expect(d.code).toBe(2);
    expect(d.err).toContain(`${dir} is a directory, not a message`);
  });

  it('counts findings in the singular and plural correctly', async () => {
    // Not bulk mail (no List-Unsubscribe, List-Id or Precedence): the 1024-bit RSA key is the one warning.
    const plain = await run([msg('rfc8463.eml'), ...allZones]);
    expect(plain.out).toContain('Findings: 0 errors, 1 warning, 1 info\n');
    expect(plain.out).toContain('Bulk-sender readiness: not checked (not bulk mail; --bulk checks it)');
    const r = await run([msg('rfc8463.eml'), '--bulk', ...allZones]);
    expect(r.out).toContain('Findings: 0 errors, 7 warnings, 1 info\n');
    expect(r.out).not.toContain('neither SPF nor DKIM aligns');
    expect(r.out.match(/message\.bulk-dmarc/g)).toHaveLength(1);
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
