/**
 * OpenDMARC's live-test zone fragment (libopendmarc/tests/testfiles/test-dns.zone.inc), served under the two-label
 * base `example.test` as the conformance README describes, so that the label counts in its comments hold
 * (`d6.d5.d4.d3.d2.d1.eightlabel.dmarcwalk.example.test` has 10 labels, its record sits at 7).
 *
 * RFC 9989 expectations are the fragment's own comments. Two notes where this engine is more literal:
 * - the 10-label case makes two queries, not one: §4.10.1 always queries the Author Domain first, and the
 *   shortcut to seven labels (§4.10 step 4) applies to the next query (the fragment counts the walk's queries
 *   after that first one);
 * - RFC 7489 mode here means the Public Suffix List (§3.2), under which `example.test` is the Organizational
 *   Domain of every name below it (`test` is not listed, so the implicit `*` rule applies). The fragment's
 *   "rfc7489" mode is OpenDMARC's one-label-at-a-time walk, which RFC 7489 does not describe.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverPolicy } from '../../src/dmarc/discovery.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

/**
 * OpenDMARC's fixture, with its one relative `$ORIGIN dmarcwalk` made absolute: Knot refuses a relative `$ORIGIN`
 * (BIND accepts it), and mailgate loads zone files as Knot does.
 */
function opendmarcFixture(): string {
  return readFileSync('/work/shared/conformance/dmarc/opendmarc-test-dns.zone.inc', 'utf8').replace(
    '\n$ORIGIN dmarcwalk\n',
    '\n$ORIGIN dmarcwalk.example.test.\n',
  );
}

const BASE = 'example.test';
const zone = parseZone(opendmarcFixture(), {
  origin: BASE,
  file: 'opendmarc-test-dns.zone.inc',
});
const resolver = zoneResolver([zone], { offline: true });
const n = (rel: string) => (rel === '' ? BASE : `${rel}.${BASE}`);

interface Case {
  query: string;
  org9989: string;
  record9989: string | null;
  source9989: 'domain' | 'organizational' | 'psd' | null;
  p9989?: string;
  queries9989: number;
  record7489: string | null;
}

const CASES: Case[] = [
  {
    query: 'direct.dmarcwalk',
    org9989: 'direct.dmarcwalk',
    record9989: 'direct.dmarcwalk',
    source9989: 'domain',
    p9989: 'reject',
    queries9989: 2,
    record7489: 'direct.dmarcwalk',
  },
  {
    query: 'sub.nopsd.dmarcwalk',
    org9989: 'nopsd.dmarcwalk',
    record9989: 'nopsd.dmarcwalk',
    source9989: 'organizational',
    p9989: 'quarantine',
    queries9989: 3,
    record7489: '',
  },
  {
    query: 'sub.psdn.dmarcwalk',
    org9989: 'psdn.dmarcwalk',
    record9989: 'psdn.dmarcwalk',
    source9989: 'organizational',
    p9989: 'reject',
    queries9989: 2,
    record7489: '',
  },
  {
    query: 'leaf.mid.psdy.dmarcwalk',
    org9989: 'mid.psdy.dmarcwalk',
    record9989: 'psdy.dmarcwalk',
    source9989: 'psd',
    p9989: 'none',
    queries9989: 3,
    record7489: '',
  },
  {
    query: 'd6.d5.d4.d3.d2.d1.eightlabel.dmarcwalk',
    org9989: 'd3.d2.d1.eightlabel.dmarcwalk',
    record9989: 'd3.d2.d1.eightlabel.dmarcwalk',
    source9989: 'organizational',
    p9989: 'reject',
    queries9989: 2,
    record7489: '',
  },
  {
    query: 'multirecord.dmarcwalk',
    org9989: 'multirecord.dmarcwalk',
    record9989: 'dmarcwalk',
    source9989: 'psd',
    p9989: 'reject',
    queries9989: 2,
    record7489: null,
  },
  {
    // "existing domain, no DMARC": the apex record applies in both modes
    query: 'webhost',
    org9989: '',
    record9989: '',
    source9989: 'organizational',
    p9989: 'none',
    queries9989: 3,
    record7489: '',
  },
];

describe('OpenDMARC dmarcwalk fixture under example.test', () => {
  it('the 10-label query name and its 7-label record', () => {
    expect('d6.d5.d4.d3.d2.d1.eightlabel.dmarcwalk.example.test'.split('.')).toHaveLength(10);
    expect('d3.d2.d1.eightlabel.dmarcwalk.example.test'.split('.')).toHaveLength(7);
  });

  for (const c of CASES) {
    it(`RFC 9989: ${c.query}`, async () => {
      const d = await discoverPolicy(n(c.query), { resolver });
      expect(d.organizationalDomain).toBe(n(c.org9989));
      expect(d.policyDomain).toBe(c.record9989 === null ? null : n(c.record9989));
      expect(d.source).toBe(c.source9989);
      if (c.p9989) expect(d.record?.effective?.p).toBe(c.p9989);
      expect(d.queries).toHaveLength(c.queries9989);
    });

    it(`RFC 7489: ${c.query}`, async () => {
      const d = await discoverPolicy(n(c.query), { resolver, mode: '7489' });
      expect(d.organizationalDomain).toBe(BASE);
      expect(d.policyDomain).toBe(c.record7489 === null ? null : n(c.record7489));
    });
  }

  it('the 10-label walk: the Author Domain, then straight to seven labels (RFC 9989 §4.10 step 4)', async () => {
    const d = await discoverPolicy(n('d6.d5.d4.d3.d2.d1.eightlabel.dmarcwalk'), { resolver });
    expect(d.queries).toEqual([
      '_dmarc.d6.d5.d4.d3.d2.d1.eightlabel.dmarcwalk.example.test',
      '_dmarc.d3.d2.d1.eightlabel.dmarcwalk.example.test',
    ]);
    expect(d.organizationalRule).toBe('psd=n');
  });

  it('multirecord: the direct answer is discarded, the PSD record applies, RFC 7489 finds no policy', async () => {
    const d = await discoverPolicy(n('multirecord.dmarcwalk'), { resolver });
    expect(d.lookups[0]).toMatchObject({ outcome: 'multiple' });
    expect(d.organizationalRule).toBe('psd=y');
    const legacy = await discoverPolicy(n('multirecord.dmarcwalk'), { resolver, mode: '7489' });
    expect(legacy.noRecordReason).toBe('multiple-records');
  });
});
