import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cidr, cidrContains } from '../../src/spf/networks.js';
import { type NetworkTerm, redundantNetworks } from '../../src/spf/overlap.js';
import { parseSpfRecord, printSpfTerm, type Qualifier } from '../../src/spf/record.js';

/** The ip4/ip6 terms of a record, as auditSpf gives them to redundantNetworks. */
function networkTerms(record: string): NetworkTerm[] {
  const out: NetworkTerm[] = [];
  parseSpfRecord(record).record.terms.forEach((t, index) => {
    if (t.kind === 'mechanism' && (t.name === 'ip4' || t.name === 'ip6')) {
      const cidr: Cidr = { address: t.address, prefix: t.cidr ?? (t.name === 'ip4' ? 32 : 128) };
      out.push({ index, cidr, qualifier: t.qualifier, key: printSpfTerm(t).toLowerCase() });
    }
  });
  return out;
}

const equal = (a: Cidr, b: Cidr) => cidrContains(a, b) && cidrContains(b, a);

/**
 * The rule written pairwise (O(n^2)): O qualifies as X's container when it contains X, has another text, and
 * comes first, or comes later with the same qualifier (but not an equal network that comes later). The largest
 * qualifying network is named, the first in record order among equal ones.
 */
function reference(terms: readonly NetworkTerm[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const x of terms) {
    const qualifying = terms.filter(
      (o) =>
        o !== x &&
        o.key !== x.key &&
        cidrContains(o.cidr, x.cidr) &&
        (o.index < x.index || (o.qualifier === x.qualifier && !equal(o.cidr, x.cidr))),
    );
    if (qualifying.length === 0) continue;
    const largest = Math.min(...qualifying.map((o) => o.cidr.prefix));
    const widest = qualifying.filter((o) => o.cidr.prefix === largest);
    const earlier = widest.filter((o) => o.index < x.index);
    out.set(x.index, (earlier[0] ?? widest[0])!.index);
  }
  return out;
}

describe('redundantNetworks', () => {
  it('names the largest network a term is inside, and no carve-out', () => {
    const terms = networkTerms(
      'v=spf1 -ip4:192.0.2.9 ip4:192.0.2.0/24 ip4:192.0.2.0/25 ip4:192.0.0.0/16 ~ip4:192.0.2.5 ip4:192.0.2.0/24 -all',
    );
    // Term indexes: 0 -ip4:192.0.2.9, 1 /24, 2 /25, 3 /16, 4 ~ip4:192.0.2.5, 5 /24 again (a duplicate).
    // -ip4:192.0.2.9 comes before every network containing it, all with another qualifier: a carve-out.
    expect([...redundantNetworks(terms)].sort()).toEqual([
      [1, 3], // the /24 before the /16, same qualifier
      [2, 3], // the /25: the /24 comes first, but the /16 (later, same qualifier) is larger
      [4, 3], // ~ip4 after the /16
      [5, 3], // the duplicate /24 is not inside itself, but inside the /16
    ]);
  });

  it('agrees with the pairwise rule on random records', () => {
    const term = fc
      .tuple(
        fc.constantFrom<Qualifier>('+', '-', '~', '?'),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(22, 23, 24, 25, 26, 32),
      )
      .map(([q, explicit, a, b, prefix]) =>
        explicit
          ? `${q}ip4:192.0.${a}.${b * 32}/${prefix}`
          : `ip${a === 3 ? 6 : 4}:${a === 3 ? `2001:db8::${b}` : `192.0.${a}.${b * 32}`}/${a === 3 ? prefix + 96 : prefix}`,
      );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 40 }), (list) => {
        const terms = networkTerms(['v=spf1', ...list].join(' '));
        expect(redundantNetworks(terms)).toEqual(reference(terms));
      }),
      { seed: 7208, numRuns: 300 },
    );
  });
});
