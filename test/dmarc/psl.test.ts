/**
 * The Public Suffix List's own test vectors (publicsuffix/list tests/tests.txt and tests/test_psl.txt, stored in
 * /work/shared/conformance/psl/) drive the RFC 7489 Organizational Domain function. The expected value is the
 * registrable domain, compared in A-labels; `null` when the input is a public suffix, starts with a dot, or is null.
 */

import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { organizationalDomain7489 } from '../../src/dmarc/discovery.js';

const DIR = '/work/shared/conformance/psl';

function toA(name: string | null): string | null {
  return name === null ? null : domainToASCII(name.toLowerCase()) || name.toLowerCase();
}

function vectorsFromTestsTxt(): Array<[string | null, string | null]> {
  return readFileSync(`${DIR}/tests.txt`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//'))
    .map((l) => {
      const [input, expected] = l.split(/\s+/);
      return [input === 'null' ? null : input!, expected === 'null' ? null : expected!];
    });
}

function vectorsFromTestPsl(): Array<[string | null, string | null]> {
  const out: Array<[string | null, string | null]> = [];
  const re = /^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);/;
  for (const line of readFileSync(`${DIR}/test_psl.txt`, 'utf8').split('\n')) {
    const m = re.exec(line.trim());
    if (!m) continue;
    const unq = (s: string) => (s === 'null' ? null : s.slice(1, -1));
    out.push([unq(m[1]!), unq(m[2]!)]);
  }
  return out;
}

const org = (input: string | null) => (input === null ? null : organizationalDomain7489(input));

describe('PSL test vectors -> organizationalDomain7489', () => {
  const a = vectorsFromTestsTxt();
  const b = vectorsFromTestPsl();

  it('both files hold the 78 active cases', () => {
    expect(a).toHaveLength(78);
    expect(b).toHaveLength(78);
  });

  it.each(a)('tests.txt: %s -> %s', (input, expected) => {
    expect(toA(org(input))).toBe(toA(expected));
  });

  it.each(b)('test_psl.txt: %s -> %s', (input, expected) => {
    expect(toA(org(input))).toBe(toA(expected));
  });

  it('the private section is used (uk.com is a CentralNic suffix)', () => {
    expect(organizationalDomain7489('a.b.example.uk.com')).toBe('example.uk.com');
    expect(organizationalDomain7489('uk.com')).toBeNull();
  });

  it('names with underscores and trailing dots', () => {
    expect(organizationalDomain7489('_dmarc.mail.example.co.uk.')).toBe('example.co.uk');
    expect(organizationalDomain7489('bounce.esp.example')).toBe('esp.example');
  });
});
