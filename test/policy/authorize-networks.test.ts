/**
 * spf.authorize for networks: every address must get pass from check_host(). The network is split at the
 * boundaries of every network of the SPF tree (ip4/ip6 terms, resolved a/mx addresses, through include and
 * redirect) and check_host() runs once per range; ptr and client-address macros make the check inexact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDomain } from '../../src/audit/audit.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import {
  addressText,
  elementaryRanges,
  entryRange,
  rangeText,
  spfBoundaries,
} from '../../src/policy/gate/spf-ranges.js';
import { gateReports, type RuleResult } from '../../src/policy/gate.js';
import { auditSpf } from '../../src/spf/audit.js';
import { checkHost } from '../../src/spf/check-host.js';
import { FIXED_NOW } from '../support/samples.js';

const DOMAIN = 'nets.example';

function zone(records: string): string {
  return `$ORIGIN ${DOMAIN}.
$TTL 300
@ SOA ns1 hostmaster 1 7200 900 1209600 300
@ NS ns1
ns1 A 192.0.2.53
${records}
`;
}

async function authorize(
  records: string,
  entries: string[],
  options: { maxAuthorizeChecks?: number } = {},
): Promise<{ rules: RuleResult[]; reason: string }> {
  const resolver = zoneResolverFromText(zone(records), `${DOMAIN}.`);
  const report = await auditDomain(DOMAIN, {
    resolver,
    now: FIXED_NOW,
    selectors: ['s1'],
    checks: { mx: false, mtaSts: false, tlsRpt: false, bimi: false, reverseDns: false, https: false },
  });
  // fail-on: never: only the authorize rules count.
  const g = await gateReports(
    [report],
    { defaults: { spf: { authorize: entries } } },
    {
      resolver,
      failOn: 'never',
      ...options,
    },
  );
  const rules = g.domains[0]!.rules.filter((r) => r.rule === 'spf.authorize');
  // Results keep the policy's order within an outcome; give them back in the order of `entries`.
  return { rules: entries.map((e) => rules.find((r) => r.expected === e)!), reason: g.reason };
}

const check = (records: string, ip: string) =>
  checkHost(
    { ip, domain: DOMAIN, sender: `postmaster@${DOMAIN}` },
    { resolver: zoneResolverFromText(zone(records), `${DOMAIN}.`) },
  ).then((r) => r.result);

describe('spf.authorize networks: every address must pass', () => {
  const HOLE = '@ TXT "v=spf1 -ip4:192.0.2.7 ip4:192.0.2.0/24 -all"';

  it('fails 192.0.2.0/24 when 192.0.2.7 fails, though its first and last address pass', async () => {
    // What sampling the ends saw:
    expect(await check(HOLE, '192.0.2.0')).toBe('pass');
    expect(await check(HOLE, '192.0.2.255')).toBe('pass');
    expect(await check(HOLE, '192.0.2.7')).toBe('fail');
    const { rules } = await authorize(HOLE, ['192.0.2.0/24', '192.0.2.8/29', '192.0.2.0/30', '192.0.2.7']);
    expect(rules[0]).toMatchObject({
      outcome: 'fail',
      actual: '192.0.2.0-192.0.2.6: pass, 192.0.2.7: fail',
      message: '192.0.2.0/24 is not authorized by SPF for nets.example: check_host(192.0.2.7) = fail',
      finding: { id: 'policy.spf-authorize', severity: 'error' },
    });
    // A network that does not reach the hole passes in one check; one that ends before it too.
    expect(rules[1]).toMatchObject({ outcome: 'pass', actual: '192.0.2.8/29: pass' });
    expect(rules[2]).toMatchObject({ outcome: 'pass', actual: '192.0.2.0/30: pass' });
    // A single address still runs check_host() on itself.
    expect(rules[3]).toMatchObject({ outcome: 'fail', actual: '192.0.2.7: fail' });
  });

  it('follows includes: a -ip4 in an included record carves a hole the root record does not show', async () => {
    const records = `@ TXT "v=spf1 include:_spf.partner.nets.example -all"
_spf.partner TXT "v=spf1 -ip4:203.0.113.64/26 ip4:203.0.113.0/24 -all"`;
    expect(await check(records, '203.0.113.0')).toBe('pass');
    expect(await check(records, '203.0.113.255')).toBe('pass');
    const { rules } = await authorize(records, ['203.0.113.0/24', '203.0.113.128/25']);
    expect(rules[0]).toMatchObject({
      outcome: 'fail',
      actual: '203.0.113.0/26: pass, 203.0.113.64/26: fail',
      message:
        '203.0.113.0/24 is not authorized by SPF for nets.example: check_host(203.0.113.64) = fail (for 203.0.113.64/26)',
    });
    expect(rules[1]).toMatchObject({ outcome: 'pass', actual: '203.0.113.128/25: pass' });
  });

  it('follows redirect, and cuts at the addresses of a and mx terms with their cidr lengths', async () => {
    const records = `@ TXT "v=spf1 redirect=_spf.nets.example"
_spf TXT "v=spf1 -mx:nets.example -a:old.nets.example/30 ip4:192.0.2.0/24 -all"
@ MX 10 mail
mail A 192.0.2.25
old A 192.0.2.130`;
    const { rules } = await authorize(records, ['192.0.2.0/25', '192.0.2.128/25', '192.0.2.192/26']);
    expect(rules[0]).toMatchObject({
      outcome: 'fail',
      actual: '192.0.2.0-192.0.2.24: pass, 192.0.2.25: fail',
    });
    expect(rules[1]).toMatchObject({ outcome: 'fail', actual: '192.0.2.128/30: fail' });
    expect(rules[2]).toMatchObject({ outcome: 'pass', actual: '192.0.2.192/26: pass' });
  });

  it('a network only partly covered by an a term fails at the first uncovered range', async () => {
    const records = `@ TXT "v=spf1 a:out.nets.example/28 -all"
out A 192.0.2.40`;
    const { rules } = await authorize(records, ['192.0.2.32/28', '192.0.2.32/27']);
    expect(rules[0]).toMatchObject({ outcome: 'pass', actual: '192.0.2.32/28: pass' });
    expect(rules[1]).toMatchObject({ outcome: 'fail', actual: '192.0.2.32/28: pass, 192.0.2.48/28: fail' });
  });

  it('IPv6: ip6 terms, AAAA addresses of a terms, and IPv4-mapped networks checked as IPv4', async () => {
    const records = `@ TXT "v=spf1 -ip6:2001:db8:1::/48 -a:v6.nets.example ip6:2001:db8::/32 -ip4:192.0.2.7 ip4:192.0.2.0/24 -all"
v6 AAAA 2001:db8:2::25`;
    const { rules } = await authorize(records, [
      '2001:db8::/32',
      '2001:db8:2::/48',
      '2001:db8:3::/48',
      '::ffff:192.0.2.0/120',
      '::ffff:192.0.2.8/125',
    ]);
    expect(rules[0]).toMatchObject({
      outcome: 'fail',
      actual: '2001:db8::/48: pass, 2001:db8:1::/48: fail',
    });
    expect(rules[1]).toMatchObject({
      outcome: 'fail',
      actual: '2001:db8:2::-2001:db8:2::24: pass, 2001:db8:2::25: fail',
    });
    expect(rules[2]).toMatchObject({ outcome: 'pass', actual: '2001:db8:3::/48: pass' });
    expect(rules[3]).toMatchObject({
      outcome: 'fail',
      actual: '::ffff:192.0.2.0-::ffff:192.0.2.6: pass, ::ffff:192.0.2.7: fail',
    });
    expect(rules[4]).toMatchObject({ outcome: 'pass', actual: '::ffff:192.0.2.8/125: pass' });
  });

  it('an exists term with a fixed target matches alike for every address: the check stays exact', async () => {
    const records = `@ TXT "v=spf1 exists:allow.nets.example -all"
allow A 127.0.0.2`;
    const { rules } = await authorize(records, ['198.51.100.0/24']);
    expect(rules[0]).toMatchObject({ outcome: 'pass', actual: '198.51.100.0/24: pass' });
  });
});

describe('spf.authorize networks: terms that ranges cannot describe', () => {
  it('ptr evaluated before the pass makes the network undetermined (inexact), never a pass', async () => {
    const { rules, reason } = await authorize('@ TXT "v=spf1 ptr ip4:192.0.2.0/24 -all"', ['192.0.2.0/24']);
    expect(rules[0]).toMatchObject({
      outcome: 'undetermined',
      inexact: true,
      actual: '192.0.2.0/24: pass (not exact)',
      message:
        "could not check every address of 192.0.2.0/24: check_host() gives pass for the first address of each of its 1 range, but evaluated terms whose match can differ within a range (ptr in nets.example: ptr matches on the client's reverse DNS (RFC 7208 §5.5))",
      finding: { id: 'policy.spf-authorize-undetermined', severity: 'warning' },
    });
    expect(reason).toBe(
      'mailgate policy undetermined: 1 problem could not be checked exactly for nets.example (spf.authorize)',
    );
  });

  it('a ptr that check_host() never reaches for the network leaves the check exact', async () => {
    const { rules } = await authorize('@ TXT "v=spf1 ip4:192.0.2.0/24 ptr -all"', ['192.0.2.0/24']);
    expect(rules[0]).toMatchObject({ outcome: 'pass', actual: '192.0.2.0/24: pass' });
  });

  it('exists:%{i} is undetermined when the ranges pass, and fails when a range fails', async () => {
    const records = '@ TXT "v=spf1 exists:%{i}._allow.nets.example ip4:192.0.2.0/24 -all"';
    const { rules } = await authorize(records, ['192.0.2.0/24']);
    expect(rules[0]).toMatchObject({ outcome: 'undetermined', inexact: true });
    expect(rules[0]!.message).toContain(
      'exists:%{i}._allow.nets.example in nets.example: its target depends on %{i}, which is known only for each client address (RFC 7208 §7.3)',
    );
    // No address of 198.51.100.0/24 is listed: check_host(198.51.100.0) fails, so the network fails.
    const { rules: failing } = await authorize(records, ['198.51.100.0/24']);
    expect(failing[0]).toMatchObject({ outcome: 'fail', actual: '198.51.100.0/24: fail' });
  });

  it('an include whose target depends on the sender is undetermined: its networks are unknown', async () => {
    const records = `@ TXT "v=spf1 include:%{l}._spf.nets.example ip4:192.0.2.0/24 -all"
postmaster._spf TXT "v=spf1 ip4:192.0.2.0/25 -all"`;
    const { rules } = await authorize(records, ['192.0.2.0/24']);
    expect(rules[0]).toMatchObject({ outcome: 'undetermined', inexact: true });
    expect(rules[0]!.message).toContain(
      'include:%{l}._spf.nets.example in nets.example: its target depends on %{l}, so the gate cannot know its networks',
    );
  });
});

describe('spf.authorize networks: the number of check_host() runs is bounded', () => {
  const many = Array.from({ length: 300 }, (_, i) => `many A 10.0.${i >> 7}.${((i & 127) << 1) + 1}`).join(
    '\n',
  );
  const records = `@ TXT "v=spf1 a:many.nets.example ip4:10.0.0.0/16 -all"\n${many}`;

  it('a network with more ranges than the cap is undetermined, not a pass', async () => {
    const { rules } = await authorize(records, ['10.0.0.0/16']);
    // 300 single addresses cut 10.0.0.0/16 into 601 ranges; 256 are checked.
    expect(rules[0]).toMatchObject({
      outcome: 'undetermined',
      inexact: true,
      actual: '256 ranges: pass (345 of 601 ranges not checked)',
      message:
        'could not check every address of 10.0.0.0/16: the SPF policy of nets.example treats it as 601 separate address ranges, more than the 256 check_host() runs the gate makes per network; the first 256 pass. Authorize smaller networks',
    });
    const raised = await authorize(records, ['10.0.0.0/16'], { maxAuthorizeChecks: 601 });
    expect(raised.rules[0]).toMatchObject({ outcome: 'pass', actual: '601 ranges: pass' });
  });

  it('a failing range within the cap still fails; one past it leaves the rule undetermined', async () => {
    const hole = '@ TXT "v=spf1 -ip4:192.0.2.200 ip4:192.0.2.0/24 -all"';
    const within = await authorize(hole, ['192.0.2.0/24'], { maxAuthorizeChecks: 2 });
    expect(within.rules[0]).toMatchObject({
      outcome: 'fail',
      actual: '192.0.2.0-192.0.2.199: pass, 192.0.2.200: fail',
    });
    const past = await authorize(hole, ['192.0.2.0/24'], { maxAuthorizeChecks: 1 });
    expect(past.rules[0]).toMatchObject({
      outcome: 'undetermined',
      actual: '192.0.2.0-192.0.2.199: pass (2 of 3 ranges not checked)',
    });
  });
});

describe('spf-ranges helpers', () => {
  it('formats ranges as an address, a CIDR network or first-last', () => {
    expect(rangeText(entryRange('192.0.2.0/24'))).toBe('192.0.2.0/24');
    expect(rangeText(entryRange('192.0.2.9'))).toBe('192.0.2.9');
    expect(rangeText({ version: 4, first: 0xc0000200n, last: 0xc0000206n })).toBe('192.0.2.0-192.0.2.6');
    expect(rangeText(entryRange('2001:db8::/32'))).toBe('2001:db8::/32');
    expect(rangeText(entryRange('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(addressText(6, 0xffffc0000207n)).toBe('::ffff:192.0.2.7');
    expect(() => entryRange('1.2.3')).toThrow(RangeError);
  });

  it('cuts an entry at every network that intersects it, and nowhere else', async () => {
    const records = `@ TXT "v=spf1 ip4:192.0.2.16/28 -ip4:192.0.2.20/30 ip4:198.51.100.0/24 a:h.nets.example -all"
h A 192.0.2.100`;
    const analysis = await auditSpf(DOMAIN, {
      resolver: zoneResolverFromText(zone(records), `${DOMAIN}.`),
    });
    const b = spfBoundaries(analysis.tree!);
    expect(b.opaque.size).toBe(0);
    expect(b.domains).toEqual(new Set([DOMAIN]));
    expect(elementaryRanges(entryRange('192.0.2.0/24'), b).map(rangeText)).toEqual([
      '192.0.2.0/28',
      '192.0.2.16/30',
      '192.0.2.20/30',
      '192.0.2.24/29',
      '192.0.2.32-192.0.2.99',
      '192.0.2.100',
      '192.0.2.101-192.0.2.255',
    ]);
    // The union of the ranges is the entry.
    const all = elementaryRanges(entryRange('0.0.0.0/0'), b);
    expect(all[0]!.first).toBe(0n);
    expect(all[all.length - 1]!.last).toBe(0xffffffffn);
    for (let i = 1; i < all.length; i++) expect(all[i]!.first).toBe(all[i - 1]!.last + 1n);
  });
});

describe('gate options', () => {
  it('rejects a maxAuthorizeChecks that is not a positive integer', async () => {
    const report = await auditDomain(DOMAIN, {
      resolver: zoneResolverFromText(zone('@ TXT "v=spf1 -all"'), `${DOMAIN}.`),
      now: FIXED_NOW,
      selectors: ['s1'],
      checks: { mx: false, mtaSts: false, tlsRpt: false, bimi: false, reverseDns: false, https: false },
    });
    for (const bad of [0, -1, 1.5, Number.NaN])
      await expect(gateReports([report], {}, { maxAuthorizeChecks: bad }), String(bad)).rejects.toThrow(
        RangeError,
      );
  });
});

describe('spf.authorize networks agree with check_host() on every address', () => {
  // Random policies over 192.0.2.0/26: ip4 terms with any qualifier, an include with its own terms, an a term.
  const net = fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 26, max: 32 }))
    .map(([host, prefix]) => `192.0.2.${host}/${prefix}`);
  const qualifier = fc.constantFrom('', '-', '~', '?');
  const ipTerm = fc.tuple(qualifier, net).map(([q, n]) => `${q}ip4:${n}`);
  const policyArb = fc.record({
    root: fc.array(ipTerm, { maxLength: 3 }),
    include: fc.array(ipTerm, { maxLength: 3 }),
    includeQualifier: qualifier,
    aPrefix: fc.integer({ min: 28, max: 32 }),
    aHost: fc.integer({ min: 0, max: 63 }),
    aQualifier: qualifier,
    end: fc.constantFrom('-all', '+all', '~all'),
  });

  it('passes exactly when every address passes, fails exactly when one does not', async () => {
    await fc.assert(
      fc.asyncProperty(policyArb, async (p) => {
        const records = `@ TXT "v=spf1 ${[
          ...p.root,
          `${p.includeQualifier}include:_inc.nets.example`,
          `${p.aQualifier}a:h.nets.example/${p.aPrefix}`,
          p.end,
        ].join(' ')}"
_inc TXT "v=spf1 ${[...p.include, '-all'].join(' ')}"
h A 192.0.2.${p.aHost}`;
        const resolver = zoneResolverFromText(zone(records), `${DOMAIN}.`);
        let every = true;
        for (let host = 0; host < 64 && every; host++) {
          const r = await checkHost(
            { ip: `192.0.2.${host}`, domain: DOMAIN, sender: `postmaster@${DOMAIN}`, helo: DOMAIN },
            { resolver },
          );
          every = r.result === 'pass';
        }
        const { rules } = await authorize(records, ['192.0.2.0/26']);
        expect(rules[0]!.outcome).toBe(every ? 'pass' : 'fail');
      }),
      { numRuns: 40, seed: 7208 },
    );
  });
});
