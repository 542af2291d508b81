// The DKIM signature cap and the message time limit (issue 10 §2): a message with many DKIM signatures naming
// domains whose DNS never answers must give a verdict, with what is pending as temperror and what is beyond the
// cap as policy. Asserted on results and on the queries the loopback server received, never on wall time (the
// limits are generous so that a busy machine still sends every question before they pass).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SIGNATURES, NOT_EVALUATED_REASON, verifyDkim } from '../../src/dkim/verify.js';
import { systemResolver } from '../../src/dns/system.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { verifyMessage } from '../../src/message/verify.js';
import { renderMessageReportText } from '../../src/report/message.js';
import { runCli } from '../support/cli.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';

/** A syntactically valid DKIM-Signature for `d`, with a made-up signature (it never gets that far). */
function signatureFor(d: string): string {
  return `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${d}; s=s; h=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA${Buffer.from(d).toString('base64')}`;
}

function manySigned(n: number): string {
  const sigs = Array.from({ length: n }, (_, i) => signatureFor(`d${i + 1}.test`));
  return `${sigs.join('\r\n')}\r\nFrom: a@shop.test\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nbody\r\n`;
}

let server: DnsServer;
beforeAll(async () => {
  // every question is dropped: the server never answers
  server = await startDnsServer({
    resolver: zoneResolverFromText('$ORIGIN test.\n@ IN SOA ns hm 1 1 1 1 1\n', 'test'),
    faults: { drop: () => true },
  });
});
afterAll(async () => {
  await server.close();
});

/** A resolver over the silent server: one try each, whose own timeout comes long after the message limit. */
const silent = () => systemResolver({ servers: [server.address], timeoutMs: 5_000, tries: 1 });

/** Waits until the server has received `n` queries (loopback delivery), then returns what it received. */
async function received(before: Map<string, number>, n: number): Promise<Map<string, number>> {
  const since = () => {
    const m = new Map<string, number>();
    for (const [k, v] of server.stats.byQuestion) {
      const d = v - (before.get(k) ?? 0);
      if (d > 0) m.set(k, d);
    }
    return m;
  };
  for (let i = 0; i < 200 && [...since().values()].reduce((a, b) => a + b, 0) < n; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return since();
}

describe('verifyMessage: signature cap and time limit against a DNS server that never answers', () => {
  it(`evaluates the first ${DEFAULT_MAX_SIGNATURES} of 20 signatures concurrently; the time limit makes them temperror and the rest policy`, async () => {
    const before = new Map(server.stats.byQuestion);
    const r = await verifyMessage(manySigned(20), {
      resolver: silent(),
      timeoutMs: 1000,
      authservId: 'mx',
      ip: '192.0.2.1',
      mailFrom: 'bounce@shop.test',
    });
    expect(r.dkim).toHaveLength(20);
    expect(r.dkim.slice(0, 10).map((s) => [s.result, s.reason])).toEqual(
      Array.from({ length: 10 }, (_, i) => [
        'temperror',
        `DNS TIMEOUT looking up the key at s._domainkey.d${i + 1}.test`,
      ]),
    );
    expect(r.dkim.slice(10).map((s) => [s.result, s.reason, s.crypto, s.d])).toEqual(
      Array.from({ length: 10 }, (_, i) => [
        'policy',
        NOT_EVALUATED_REASON,
        'not-checked',
        `d${i + 11}.test`,
      ]),
    );
    expect(r.dkim[0]?.findings.map((f) => f.id)).toContain('dkim.dns-error');
    expect(r.findings.find((f) => f.id === 'dkim.signatures-not-evaluated')).toMatchObject({
      severity: 'warning',
      message:
        'The message has 20 DKIM-Signature header fields; the first 10 were evaluated and the other 10 were not (result policy).',
      evidence: { details: { signatures: 20, evaluated: 10, skipped: 10 } },
    });
    // SPF and DMARC came after the limit had passed: temperror without a query
    expect(r.spf.result).toBe('temperror');
    expect(r.dmarc.result).toBe('temperror');
    expect(r.summary.dnsTrouble).toBe(true);
    // one Authentication-Results resinfo per evaluated signature, one for the ten others
    expect(r.authenticationResults.value.match(/dkim=temperror/g)).toHaveLength(10);
    expect(r.authenticationResults.value).toContain(
      'dkim=policy (10 more DKIM signatures not evaluated, verifier limit)',
    );
    // The text report folds them into one line too (5,000 signatures wrote 1.4 MB, a new-user trial found).
    const text = renderMessageReportText(r, { color: false });
    expect(text.split('\n').filter((l) => /\s$/.test(l))).toEqual([]); // no padded result word left at a line's end
    expect(text.split('\n').filter((l) => /^ {2}policy/.test(l))).toEqual([
      '  policy    10 more signatures not evaluated (over the limit of signatures verified): d=d11.test, d=d12.test, d=d13.test, d=d14.test, d=d15.test, and 5 more domains',
    ]);
    const q = await received(before, 10);
    expect([...q.keys()].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `s._domainkey.d${i + 1}.test TXT`).sort(),
    );
    expect([...q.values()]).toEqual(Array(10).fill(1));
  }, 30_000);

  it('bounds a message with 1,000 signatures to the same ten key queries', async () => {
    const before = new Map(server.stats.byQuestion);
    const r = await verifyMessage(manySigned(1000), {
      resolver: silent(),
      timeoutMs: 1000,
      authservId: 'mx',
    });
    expect(r.dkim.filter((s) => s.result === 'temperror')).toHaveLength(10);
    expect(r.dkim.filter((s) => s.result === 'policy')).toHaveLength(990);
    expect(r.summary).toMatchObject({ dkimPass: 0, dkimTotal: 1000, dnsTrouble: true });
    expect(r.authenticationResults.value.match(/dkim=/g)).toHaveLength(11);
    const q = await received(before, 10);
    expect([...q.values()].reduce((a, b) => a + b, 0)).toBe(10);
  }, 30_000);

  it('takes the cap as an option (maxDkimSignatures), 0 evaluating none', async () => {
    const before = new Map(server.stats.byQuestion);
    const r = await verifyMessage(manySigned(3), {
      resolver: silent(),
      timeoutMs: 1000,
      authservId: 'mx',
      maxDkimSignatures: 0,
    });
    expect(r.dkim.map((s) => s.result)).toEqual(['policy', 'policy', 'policy']);
    // only DMARC asked (and timed out)
    const q = await received(before, 1);
    expect([...q.keys()]).toEqual(['_dmarc.shop.test TXT']);
    await expect(verifyMessage(manySigned(1), { resolver: silent(), timeoutMs: 0 })).rejects.toThrow(
      RangeError,
    );
  }, 30_000);

  it('mailgate verify --message-timeout: exits 3 (DNS trouble) with the pending lookups as temperror', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-limits-'));
    try {
      const file = join(dir, 'many.eml');
      writeFileSync(file, manySigned(12));
      const res = await runCli([
        'verify',
        file,
        '--dns-server',
        server.address,
        '--dns-timeout',
        '5000',
        '--message-timeout',
        '200',
        '--authserv-id',
        'mx',
        '--format',
        'json',
      ]);
      expect(res.code).toBe(3);
      const report = JSON.parse(res.stdout) as { dkim: { result: string }[] };
      expect(report.dkim.map((s) => s.result)).toEqual([...Array(10).fill('temperror'), 'policy', 'policy']);
      const bad = await runCli(['verify', file, '--message-timeout', '0']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--message-timeout must be a positive number of milliseconds');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('verifyDkim: timeoutMs', () => {
  it('gives temperror for the keys still pending when the limit passes', async () => {
    let asked = 0;
    const hanging = {
      query: () => {
        asked++;
        return new Promise<never>(() => {});
      },
    };
    const sigs = await verifyDkim(manySigned(3), { resolver: hanging, timeoutMs: 50 });
    expect(sigs.map((s) => [s.result, s.key?.dnsError])).toEqual(Array(3).fill(['temperror', 'TIMEOUT']));
    expect(asked).toBe(3);
    await expect(verifyDkim(manySigned(1), { resolver: hanging, maxSignatures: -1 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('verifyMessage takes a signal (a request that went away)', () => {
  it('ends as at its time limit when the signal aborts: what waited for DNS is temperror, the report is returned', async () => {
    const never = { query: () => new Promise<never>(() => {}) };
    const controller = new AbortController();
    const pending = verifyMessage(manySigned(2), {
      resolver: never,
      timeoutMs: 600_000,
      signal: controller.signal,
      ip: '192.0.2.1',
      mailFrom: 'bounce@shop.test',
    });
    setTimeout(() => controller.abort(), 50);
    const r = await pending;
    expect(r.dkim.map((s) => s.result)).toEqual(['temperror', 'temperror']);
    expect([r.spf.result, r.dmarc.result, r.summary.dnsTrouble]).toEqual(['temperror', 'temperror', true]);
    await expect(verifyMessage(manySigned(1), { resolver: never, signal: {} as never })).rejects.toThrow(
      new TypeError('verifyMessage: signal must be an AbortSignal'),
    );
  });
});
