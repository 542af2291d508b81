/**
 * The sample messages in samples/messages/ give the verdicts samples/messages/README.md documents, with the
 * zone files in samples/zones/ (offline) and --trust-received.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadZoneFile } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { type VerifyMessageOptions, verifyMessage } from '../../src/message/verify.js';

const ZONES = new URL('../../samples/zones/', import.meta.url);
const MESSAGES = new URL('../../samples/messages/', import.meta.url);

async function resolver() {
  const files = readdirSync(ZONES).filter(
    (f) => f.endsWith('.test.zone') || f === 'football.example.com.zone',
  );
  return zoneResolver(await Promise.all(files.map((f) => loadZoneFile(new URL(f, ZONES).pathname))), {
    offline: true,
  });
}

const NOW = new Date('2024-06-02T00:00:00Z');

const EXPECTED: Record<
  string,
  {
    options?: Partial<VerifyMessageOptions>;
    dkim: string[];
    spf: string;
    dmarc: string;
    arc: string;
    more?: string[];
  }
> = {
  'rfc8463.eml': { dkim: ['pass', 'pass'], spf: 'none', dmarc: 'none', arc: 'none' },
  'shop-newsletter.eml': {
    dkim: ['pass', 'pass'],
    spf: 'pass',
    dmarc: 'pass',
    arc: 'none',
    more: ['bulk-ready'],
  },
  'shop-tampered.eml': {
    dkim: ['fail', 'fail'],
    spf: 'fail',
    dmarc: 'fail',
    arc: 'none',
    more: ['dis=reject'],
  },
  'lf-line-endings.eml': { dkim: ['pass', 'pass'], spf: 'pass', dmarc: 'pass', arc: 'none', more: ['lf'] },
  'rsa-sha1.eml': { dkim: ['fail'], spf: 'pass', dmarc: 'pass', arc: 'none' },
  'esp-unaligned.eml': { dkim: ['pass'], spf: 'pass', dmarc: 'fail', arc: 'none', more: ['dis=reject'] },
  'forwarded-arc.eml': {
    dkim: ['fail', 'fail'],
    spf: 'pass',
    dmarc: 'fail',
    arc: 'pass',
    more: ['dis=reject'],
  },
  'forwarded-arc.eml (trusted sealer)': {
    options: { trustedArcSealers: ['forwarder.test'] },
    dkim: ['fail', 'fail'],
    spf: 'pass',
    dmarc: 'fail',
    arc: 'pass',
    more: ['override'],
  },
};

describe('samples/messages', () => {
  it('has an expectation for every sample message', () => {
    const files = readdirSync(MESSAGES).filter((f) => f.endsWith('.eml'));
    expect(files.sort()).toEqual(
      Object.keys(EXPECTED)
        .filter((k) => !k.includes(' '))
        .sort(),
    );
  });

  for (const [name, exp] of Object.entries(EXPECTED)) {
    it(`${name}: dkim=${exp.dkim.join(',')} spf=${exp.spf} dmarc=${exp.dmarc} arc=${exp.arc}`, async () => {
      const file = name.split(' ')[0] as string;
      const raw = readFileSync(new URL(file, MESSAGES));
      const r = await verifyMessage(raw, {
        resolver: await resolver(),
        trustReceived: true,
        authservId: 'mx.example.net',
        now: NOW,
        ...exp.options,
      });
      expect(r.dkim.map((s) => s.result)).toEqual(exp.dkim);
      expect(r.spf.result).toBe(exp.spf);
      expect(r.dmarc.result).toBe(exp.dmarc);
      expect(r.arc.result).toBe(exp.arc);
      for (const m of exp.more ?? []) {
        if (m === 'bulk-ready') expect(r.bulkSender?.ready).toBe(true);
        if (m === 'dis=reject') expect(r.dmarc.disposition).toBe('reject');
        if (m === 'lf') expect(r.message.lineEndings).toBe('lf');
        if (m === 'override') expect(r.dmarc.arcOverride?.sealer).toBe('forwarder.test');
      }
    });
  }
});
