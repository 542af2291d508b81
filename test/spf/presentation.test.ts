/**
 * How SPF results read (issue 10 §5): an unknown term is quoted as written (escaped), network sizes are exact
 * (never a float's exponent form), and the flattening suggestion splits TXT strings only between terms.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TXT_STRING_OCTETS, splitTxtStrings, suggestFlatten } from '../../src/spf/flatten.js';
import { formatAddressCount, formatBlockSize } from '../../src/spf/networks.js';
import { parseSpfRecord } from '../../src/spf/record.js';
import { runCli } from '../support/cli.js';

const errorOf = (record: string) => parseSpfRecord(record).errors[0];

describe('unknown terms are named by their text', () => {
  it('quotes a term with no mechanism name instead of an empty name', () => {
    expect(errorOf('v=spf1 ::error::oops -all')).toMatchObject({
      code: 'unknown-mechanism',
      message: 'unknown term "::error::oops": no mechanism name before ":" (RFC 7208 §5, §12)',
      offset: 7,
      length: 13,
    });
    expect(errorOf('v=spf1 /24 -all')?.message).toBe(
      'unknown term "/24": no mechanism name before "/" (RFC 7208 §5, §12)',
    );
  });

  it('names the mechanism and its term, escaped and shortened', () => {
    expect(errorOf('v=spf1 foo:bar.example -all')?.message).toBe(
      'unknown mechanism "foo" in term "foo:bar.example" (RFC 7208 §5, §12)',
    );
    expect(errorOf('v=spf1 ip5 -all')?.message).toBe('unknown mechanism "ip5" (RFC 7208 §5, §12)');
    // Untrusted text after the ":": quotes, backslashes and control characters are escaped.
    expect(errorOf('v=spf1 :"a\\b\u001b[31m -all')?.message).toBe(
      'unknown term ":\\"a\\\\b\\x1b[31m": no mechanism name before ":" (RFC 7208 §5, §12)',
    );
    const long = `:${'x'.repeat(200)}`;
    expect(errorOf(`v=spf1 ${long} -all`)?.message).toBe(
      `unknown term "${long.slice(0, 64)}...": no mechanism name before ":" (RFC 7208 §5, §12)`,
    );
  });
});

describe('network sizes are exact', () => {
  it('prints block sizes as decimals up to 2^32 and as powers of two above', () => {
    expect(formatBlockSize({ version: 4, prefix: 24 })).toBe('256');
    expect(formatBlockSize({ version: 4, prefix: 0 })).toBe('4294967296');
    expect(formatBlockSize({ version: 6, prefix: 128 })).toBe('1');
    expect(formatBlockSize({ version: 6, prefix: 96 })).toBe('4294967296');
    expect(formatBlockSize({ version: 6, prefix: 36 })).toBe('2^92');
    expect(formatBlockSize({ version: 6, prefix: 33 })).toBe('2^95');
    expect(formatBlockSize({ version: 6, prefix: 0 })).toBe('2^128');
  });

  it('prints address counts with every digit', () => {
    expect(formatAddressCount(256n)).toBe('256');
    expect(formatAddressCount(1n << 92n)).toBe('4951760157141521099596496896 (2^92)');
    // a /36 and a /64: 2^92 + 2^64, which a float would round to 2^92
    expect(formatAddressCount((1n << 92n) + (1n << 64n))).toBe('4951760175588265173306048512 (~2^92.0)');
    expect(formatAddressCount(3n << 40n)).toBe('3298534883328 (~2^41.6)');
  });

  it('mailgate spf shows exact IPv6 sizes, never an exponent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-spf-'));
    const zone = join(dir, 'v6.test.zone');
    writeFileSync(
      zone,
      '$ORIGIN v6.test.\n@ TXT "v=spf1 ip6:2001:4860:4000::/36 ip6:2001:db8::/64 ip4:192.0.2.0/24 -all"\n',
    );
    const r = await runCli(['spf', 'v6.test', '--offline', '--zone', zone]);
    expect(r.stdout).not.toMatch(/\de\+\d/);
    expect(r.stdout).toContain(
      'authorized networks: 256 IPv4 addresses, 4951760175588265173306048512 (~2^92.0) IPv6 addresses',
    );
    expect(r.stdout).toMatch(/^ {2}2001:4860:4000::\/36 +2\^92$/m);
    expect(r.stdout).toMatch(/^ {2}2001:db8::\/64 +2\^64$/m);
    expect(r.stdout).toMatch(/^ {2}192\.0\.2\.0\/24 +256$/m);
  });
});

describe('flattening splits TXT strings between terms', () => {
  it('keeps ip4:209.85.128.0/17 whole (the string boundary falls before the space of the next term)', () => {
    const terms = ['v=spf1'];
    for (let i = 0; terms.join(' ').length < 240; i++) terms.push(`ip4:192.0.2.${i}`);
    terms.push('ip4:209.85.128.0/17', '-all');
    const text = terms.join(' ');
    const { strings, cutTerms } = splitTxtStrings(text);
    expect(cutTerms).toEqual([]);
    expect(strings.join('')).toBe(text);
    expect(strings.some((s) => s.includes('ip4:209.85.128.0/17'))).toBe(true);
    expect(strings[1]?.startsWith(' ')).toBe(true);
  });

  it('cuts a single term over 255 octets as a last resort, and says which', () => {
    const term = `exists:%{i}.${'a'.repeat(300)}.example`;
    const { strings, cutTerms } = splitTxtStrings(`v=spf1 ${term} -all`);
    expect(cutTerms).toEqual([term]);
    expect(strings.join('')).toBe(`v=spf1 ${term} -all`);
    for (const s of strings) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_TXT_STRING_OCTETS);
  });

  it('the suggestion says when a kept term had to be cut', () => {
    const term = `exists:%{i}.${'a'.repeat(300)}.example`;
    const s = suggestFlatten('cut.test', [], [{ term, cost: 1, after: false }], '-all', 10, 2000);
    expect(s.records[0]?.note).toBe(
      `a term is longer than 255 octets and cut inside ("${term.slice(0, 40)}..."): receivers join the strings, so it still works, but check the record before publishing`,
    );
    expect(s.warning).toContain(`cut.test: ${s.records[0]?.note}.`);
  });

  it('property: strings join to the text, fit 255 octets, and hold every term whole', () => {
    const term = fc.stringMatching(/^[a-z0-9:./%{}-]{1,120}$/);
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 60 }), (ts) => {
        const text = ['v=spf1', ...ts].join(' ');
        const { strings, cutTerms } = splitTxtStrings(text);
        expect(cutTerms).toEqual([]);
        expect(strings.join('')).toBe(text);
        let at = 0;
        const bounds = new Set<number>();
        for (const s of strings) {
          expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_TXT_STRING_OCTETS);
          at += s.length;
          bounds.add(at);
        }
        // Every boundary but the end is just before a space: no term is split.
        for (const b of bounds) if (b < text.length) expect(text[b]).toBe(' ');
      }),
      { numRuns: 200, seed: 10 },
    );
  });
});

describe('mailgate spf --ip shows the evaluation trace in text', () => {
  const samples = join(import.meta.dirname, '..', '..', 'samples', 'zones');

  it('lists each record entered and each term tried, with the lookups counted against the limits', async () => {
    const r = await runCli([
      'spf',
      'too-many-lookups.example',
      '--ip',
      '209.85.128.5',
      '--offline',
      '--zone',
      samples,
    ]);
    expect(r.code).toBe(0);
    const trace = r.stdout.slice(r.stdout.indexOf('Evaluation trace'));
    expect(trace.split('\n').slice(0, 7)).toEqual([
      'Evaluation trace (DNS lookups 4 of 10, void lookups 0 of 2):',
      '  too-many-lookups.example: v=spf1 a mx include:_spf.google.com include:spf.improvmx.com include:_spf.protonmail.ch include:servers.mcsv.net ~all',
      '    a  no match  [lookups 1/10, void 0/2]',
      '    mx  no match  [lookups 2/10, void 0/2]',
      '    _spf.google.com (include): v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all',
      expect.stringMatching(/^ {6}_netblocks\.google\.com \(include\): v=spf1 ip4:35\.190\.247\.0\/24 /),
      '        ip4:35.190.247.0/24  no match  [lookups 4/10, void 0/2]',
    ]);
    expect(trace).toContain('        ip4:209.85.128.0/17  match\n');
    expect(trace).toContain('      include:_netblocks.google.com  match\n');
    expect(trace.trimEnd().split('\n').at(-1)).toBe('    include:_spf.google.com  match');
  });

  it('counts void lookups and shows a missing include record and the permerror it causes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-spf-'));
    const zone = join(dir, 'trace.test.zone');
    writeFileSync(
      zone,
      [
        '$ORIGIN trace.test.',
        '@ TXT "v=spf1 a:nx1.trace.test mx:nx2.trace.test include:gone.trace.test -all"',
        'gone TXT "not spf"',
        '',
      ].join('\n'),
    );
    const r = await runCli(['spf', 'trace.test', '--ip', '192.0.2.9', '--offline', '--zone', zone]);
    expect(r.code).toBe(1);
    const trace = r.stdout.slice(r.stdout.indexOf('Evaluation trace')).trimEnd().split('\n');
    expect(trace[0]).toBe('Evaluation trace (DNS lookups 3 of 10, void lookups 2 of 2):');
    expect(trace[2]).toBe('    a:nx1.trace.test  no match  [lookups 1/10, void 1/2]');
    expect(trace[3]).toBe('    mx:nx2.trace.test  no match  [lookups 2/10, void 2/2]');
    expect(trace.slice(4).join('\n')).toMatch(/gone\.trace\.test \(include\): no SPF record/);
    expect(trace.at(-1)).toMatch(/^ {4}include:gone\.trace\.test {2}permerror/);
  });
});
