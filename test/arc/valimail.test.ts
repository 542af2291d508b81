/**
 * The ValiMail ARC validation suite (/work/shared/conformance/arc/, MIT, written against
 * draft-ietf-dmarc-arc-protocol-18). Each scenario's txt-records are served as TXT records; each message is
 * converted to CRLF and its chain result compared with `cv` case-insensitively. For the three tests whose `cv`
 * is '' (chains that already carry a seal with cv=fail; dkimpy returns no cv) RFC 8617 says the chain failed,
 * so "fail" is expected there (as the conformance README explains).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { verifyArc } from '../../src/arc/verify.js';
import { dnsFailure, type Resolver } from '../../src/dns/resolver.js';

interface Scenario {
  description: string;
  tests: Record<string, { message: string; cv: string | null; description?: string }>;
  'txt-records'?: Record<string, string>;
}

const FILE = '/work/shared/conformance/arc/arc-draft-validation-tests.yml';
const scenarios = parseAllDocuments(readFileSync(FILE, 'utf8')).map((d) => d.toJS() as Scenario);

function mapResolver(records: Record<string, string>): Resolver {
  const byName = new Map(Object.entries(records).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    async query(name, type) {
      const n = name.toLowerCase().replace(/\.$/, '');
      const value = byName.get(n);
      if (value === undefined) return dnsFailure(n, type, 'NXDOMAIN');
      if (type !== 'TXT') return dnsFailure(n, type, 'NODATA');
      const strings: string[] = [];
      for (let i = 0; i < value.length; i += 255) strings.push(value.slice(i, i + 255));
      return { ok: true, name: n, type, records: [strings] } as never;
    },
  };
}

/** Tests where our verdict differs from the suite's expected cv, with the reason. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  ams_fields_h_empty:
    'expects pass for an ARC-Message-Signature with an empty h=; RFC 8617 §4.1.2 gives the AMS the DKIM-Signature semantics, where h= MUST NOT be empty and MUST include From (RFC 6376 §3.5, §6.1.1), so mailauth (and we) fail it',
};

const cases = scenarios.flatMap((s) =>
  Object.entries(s.tests).map(([name, t]) => ({
    scenario: s.description,
    name,
    message: t.message ?? '',
    expected: t.cv === null || t.cv === undefined ? 'none' : String(t.cv).toLowerCase() || 'fail',
    emptyCv: t.cv === '',
    resolver: mapResolver(s['txt-records'] ?? {}),
  })),
);

describe('ValiMail ARC validation suite', () => {
  it('has the 171 tests the README counts', () => {
    expect(cases).toHaveLength(171);
  });

  it('matches the expected cv for every test', async () => {
    const mismatches: string[] = [];
    let pass = 0;
    for (const c of cases) {
      const msg = c.message.replace(/\r?\n/g, '\r\n');
      const res = await verifyArc(msg, { resolver: c.resolver });
      if (res.result === c.expected) pass++;
      else if (!KNOWN_DIFFERENCES[c.name]) {
        mismatches.push(`${c.name}: expected ${c.expected}, got ${res.result} (${res.reason ?? ''})`);
      }
    }
    console.log(`ValiMail ARC validation suite: ${pass}/${cases.length} match the expected cv`);
    expect(mismatches).toEqual([]);
    expect(pass).toBe(cases.length - Object.keys(KNOWN_DIFFERENCES).length);
  }, 120_000);
});
