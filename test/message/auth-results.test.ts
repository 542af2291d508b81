// RFC 8601 Authentication-Results from hostile values: folding, line limits, US-ASCII, no truncated identities.
import { describe, expect, it } from 'vitest';
import { parseAuthResultsValue } from '../../src/arc/aar.js';
import type { ArcResult } from '../../src/arc/verify.js';
import type { DkimSignatureResult } from '../../src/dkim/index.js';
import {
  type AuthResultsInput,
  buildAuthenticationResults,
  FOLD_AT,
  formatAuthservId,
  MAX_LINE,
} from '../../src/message/auth-results.js';
import type { MessageDmarc } from '../../src/message/dmarc.js';
import type { MessageSpf } from '../../src/message/spf.js';

function dkim(extra: Partial<DkimSignatureResult> = {}): DkimSignatureResult {
  return {
    index: 0,
    result: 'pass',
    crypto: 'pass',
    d: 'shop.example',
    i: '@shop.example',
    s: 'sel1',
    a: 'rsa-sha256',
    b: 'abcdEFGH',
    c: 'relaxed/relaxed',
    signedHeaders: ['from'],
    notOversigned: [],
    rules: [],
    findings: [],
    ...extra,
  };
}

const spf = (extra: Partial<MessageSpf> = {}): MessageSpf => ({
  result: 'pass',
  identity: 'mailfrom',
  domain: 'shop.example',
  mailFrom: 'bounce@shop.example',
  engine: 'mailgate',
  ...extra,
});

const dmarc: MessageDmarc = {
  result: 'pass',
  policy: 'reject',
  disposition: 'none',
  authorDomain: 'shop.example',
  policyDomain: 'shop.example',
  alignedBy: ['dkim'],
  alignment: [],
  why: 'DMARC pass',
  mode: '9989',
  engine: 'mailgate',
};

const arc: ArcResult = { result: 'none', instance: 0, sets: [], sealers: [], findings: [] };

const input = (extra: Partial<AuthResultsInput> = {}): AuthResultsInput => ({
  authservId: 'mx.example.net',
  dkim: [dkim()],
  spf: spf(),
  dmarc,
  arc,
  ...extra,
});

const lines = (header: string) => header.replace(/\r\n$/, '').split('\r\n');

describe('buildAuthenticationResults: ordinary values', () => {
  it('keeps a short resinfo on one line', () => {
    const h = buildAuthenticationResults(input({ ip: '192.0.2.1' }));
    expect(lines(h.header)).toEqual([
      'Authentication-Results: mx.example.net;',
      '\tdkim=pass header.d=shop.example header.i=@shop.example header.s=sel1',
      '\theader.a=rsa-sha256 header.b=abcdEFGH;',
      '\tspf=pass smtp.mailfrom=bounce@shop.example;',
      '\tdmarc=pass (p=reject) header.from=shop.example;',
      '\tarc=none smtp.remote-ip=192.0.2.1',
    ]);
  });
});

describe('buildAuthenticationResults: hostile values', () => {
  const longExp = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const h = buildAuthenticationResults(
    input({
      dkim: [
        dkim({
          d: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(40)}`,
        }),
        dkim({ i: 'jörg@shop.example', reason: 'x'.repeat(500) }),
      ],
      spf: spf({ result: 'fail', reason: `explanation: ${longExp} ${'y'.repeat(100)}` }),
    }),
  );
  const all = lines(h.header);

  it('folds so no line exceeds 78 octets where a folding point allows, and none 998', () => {
    for (const line of all) {
      expect(line.length).toBeLessThanOrEqual(MAX_LINE);
      // only a single unbreakable piece (the 100-char word, the 500-char reason) may stay longer than 78
      if (line.length > FOLD_AT) expect(line.trim().includes(' '), line.slice(0, 40)).toBe(false);
    }
    expect(all.filter((l) => l.length > FOLD_AT)).toHaveLength(2);
    expect(all.slice(1).every((l) => l.startsWith('\t'))).toBe(true);
  });

  it('writes US-ASCII only', () => {
    expect(h.header).toMatch(/^[\x20-\x7e\r\n\t]+$/);
  });

  it('drops a 300-octet d= and a non-ASCII i= rather than truncating them, and says so', () => {
    const parsed = parseAuthResultsValue(h.value);
    expect(parsed.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'dkim=pass',
      'spf=fail',
      'dmarc=pass',
      'arc=none',
    ]);
    expect(parsed.results[0]?.props['header.d']).toBeUndefined();
    expect(parsed.results[0]?.props['header.s']).toBe('sel1');
    expect(parsed.results[1]?.props['header.i']).toBeUndefined();
    expect(parsed.results[1]?.props['header.d']).toBe('shop.example');
    const unfolded = h.value.replace(/\r\n\t/g, ' ');
    expect(unfolded).toContain('(header.d omitted: over 253 octets)');
    expect(unfolded).toContain(', header.i omitted: not US-ASCII)');
    // the comment text is kept whole up to its cap (400 characters and "...")
    expect(unfolded).toContain(`(${'x'.repeat(400)}..., header.i omitted`);
    expect(unfolded).toContain(`(explanation: ${longExp} ${'y'.repeat(100)})`);
  });

  it('keeps a 253-octet d= (the longest domain name)', () => {
    const d = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(d).toHaveLength(253);
    const v = buildAuthenticationResults(input({ dkim: [dkim({ d })] })).value;
    expect(parseAuthResultsValue(v).results[0]?.props['header.d']).toBe(d);
  });
});

describe('formatAuthservId', () => {
  it('writes an IDN in A-labels and refuses other non-ASCII or over-long ids', () => {
    expect(formatAuthservId('mx.bücher.example')).toBe('mx.xn--bcher-kva.example');
    expect(formatAuthservId('mx.example; dkim=pass')).toBe('"mx.example; dkim=pass"');
    expect(() => formatAuthservId('mx \u00e9 example')).toThrow(TypeError);
    expect(() => formatAuthservId('a'.repeat(256))).toThrow(/256 octets/);
  });
});
