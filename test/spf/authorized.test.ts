import { describe, expect, it } from 'vitest';
import { renderSpfAnalysisText } from '../../src/report/spf.js';
import { type AddressSet, setBlocks, setOf, subtract } from '../../src/spf/address-set.js';
import { auditSpf, type SpfAudit } from '../../src/spf/audit.js';
import { checkHost } from '../../src/spf/check-host.js';
import { parseClientIp } from '../../src/spf/ip.js';
import { zones } from '../support/resolvers.js';

// The postmaster's repro zones (trial 3): an ESP that excludes one of its addresses, an included +all, a
// leading -ip4, A-only targets for IPv6 clients, and voids spent before an exists:%{i}.
const ZONES = {
  'acme.example': `
@ MX 10 mx-old.acme.example.
@ TXT "v=spf1 mx a:relay.acme.example include:mail.helpdesk.example ~all"
relay A 203.0.113.10
mx-old A 203.0.113.20
`,
  'helpdesk.example': `
mail TXT "v=spf1 -ip4:198.51.100.66 ip4:198.51.100.0/24 ip6:2001:db8:100::/48 ~all"
`,
  'edge.example': `
v6 TXT "v=spf1 a:r1.edge.example a:r2.edge.example a:r3.edge.example ip6:2001:db8::/32 ip4:192.0.2.0/24 -all"
r1 A 192.0.2.1
r2 A 192.0.2.2
r3 A 192.0.2.3
plusall TXT "v=spf1 include:_esp.edge.example -all"
_esp TXT "v=spf1 ip4:198.51.100.0/24 +all"
_esp2 TXT "v=spf1 ip4:198.51.100.7 -all"
order TXT "v=spf1 -ip4:192.0.2.128/25 ip4:192.0.2.0/24 include:_esp2.edge.example -all"
late TXT "v=spf1 -ip4:192.0.2.9 exists:%{i}.ok.edge.example ip4:192.0.2.0/24 -all"
early TXT "v=spf1 exists:%{i}.ok.edge.example -ip4:192.0.2.9 ip4:192.0.2.0/24 -all"
`,
  'voids.example': `
@ TXT "v=spf1 a:gone1.voids.example mx:nomx.voids.example exists:%{i}.allow.voids.example ip4:192.0.2.1 -all"
two TXT "v=spf1 a:gone1.voids.example mx:nomx.voids.example ip4:192.0.2.1 -all"
nomx A 192.0.2.50
`,
};
const resolver = zones(ZONES);
const cidrs = (a: SpfAudit) => a.networks.blocks.map((b) => b.cidr);

/** check_host() of `domain` for `ip` with `resolver`. */
async function verdict(r: typeof resolver, domain: string, ip: string): Promise<string> {
  return (await checkHost({ ip, domain, sender: `postmaster@${domain}`, helo: domain }, { resolver: r }))
    .result;
}

/** True when `ip` lies in `set`. */
function inSet(set: AddressSet, ip: string): boolean {
  const p = parseClientIp(ip)!;
  let v = 0n;
  for (const b of p.bytes) v = (v << 8n) | BigInt(b);
  return (p.version === 4 ? set.v4 : set.v6).some(([s, e]) => s <= v && v <= e);
}

describe('authorized networks as an ordered set computation (RFC 7208 §4.6.2, §5.2)', () => {
  it('subtracts a -ip4 of an included record, and the flattened record keeps exactly that set (item 1)', async () => {
    const a = await auditSpf('acme.example', { resolver, budget: 10 });
    expect(cidrs(a)).toEqual([
      '198.51.100.0/26',
      '198.51.100.64/31',
      '198.51.100.67/32',
      '198.51.100.68/30',
      '198.51.100.72/29',
      '198.51.100.80/28',
      '198.51.100.96/27',
      '198.51.100.128/25',
      '203.0.113.10/32',
      '203.0.113.20/32',
      '2001:db8:100::/48',
    ]);
    expect(a.networks.ipv4Addresses).toBe(257); // 255 of the ESP's /24 + relay + mx-old
    expect(a.networks.exact).toBe(true);
    const f = a.flatten!;
    expect(f.exact).toBe(true);
    expect(f.records.map((r) => r.text)).toEqual([
      'v=spf1 ip4:198.51.100.0/26 ip4:198.51.100.64/31 ip4:198.51.100.67 ip4:198.51.100.68/30 ip4:198.51.100.72/29 ip4:198.51.100.80/28 ip4:198.51.100.96/27 ip4:198.51.100.128/25 ip4:203.0.113.10 ip4:203.0.113.20 ip6:2001:db8:100::/48 ~all',
    ]);
    // check_host() agrees, on the original policy and on the flattened record.
    const flat = zones({ 'acme.example': `@ TXT "${f.records[0]!.text}"` });
    for (const [ip, want] of [
      ['198.51.100.66', 'softfail'],
      ['198.51.100.65', 'pass'],
      ['198.51.100.67', 'pass'],
      ['203.0.113.20', 'pass'],
      ['2001:db8:100::1', 'pass'],
    ] as const) {
      expect(await verdict(resolver, 'acme.example', ip)).toBe(want);
      expect(await verdict(flat, 'acme.example', ip)).toBe(want);
    }
  });

  it('counts an included +all as authorizing everything and refuses to flatten it (item 2)', async () => {
    const a = await auditSpf('plusall.edge.example', { resolver, budget: 10 });
    expect(cidrs(a)).toEqual(['0.0.0.0/0', '::/0']);
    expect(a.networks.ipv4Addresses).toBe(2 ** 32);
    expect(a.networks.ipv6AddressCount).toBe((1n << 128n).toString());
    expect(await verdict(resolver, 'plusall.edge.example', '203.0.113.99')).toBe('pass');
    expect(a.flatten?.records).toEqual([]);
    expect(a.flatten?.exact).toBe(false);
    expect(a.flatten?.refused).toContain('authorizes every IPv4 and IPv6 address');
    const text = renderSpfAnalysisText(a);
    expect(text).toContain('authorized networks: 4294967296 IPv4 addresses');
    expect(text).toContain('flattening suggestion: none. No flattened record is suggested');
  });

  it("subtracts a leading -ip4 of the domain's own record (item 3)", async () => {
    const a = await auditSpf('order.edge.example', { resolver, budget: 10 });
    expect(cidrs(a)).toEqual(['192.0.2.0/25', '198.51.100.7/32']);
    expect(a.networks.ipv4Addresses).toBe(129);
    expect(a.flatten?.records.map((r) => r.text)).toEqual([
      'v=spf1 ip4:192.0.2.0/25 ip4:198.51.100.7 -ip4:192.0.2.128/25 -all',
    ]);
    expect(await verdict(resolver, 'order.edge.example', '192.0.2.200')).toBe('fail');
    expect(await verdict(resolver, 'order.edge.example', '192.0.2.100')).toBe('pass');
  });

  it('keeps a message-dependent term first only when that cannot change who passes', async () => {
    // exists:%{i} before any other term: kept first, the networks are exact otherwise.
    const early = await auditSpf('early.edge.example', { resolver, budget: 10 });
    expect(early.networks.exact).toBe(false);
    expect(cidrs(early)).toEqual([
      '192.0.2.0/29',
      '192.0.2.8/32',
      '192.0.2.10/31',
      '192.0.2.12/30',
      '192.0.2.16/28',
      '192.0.2.32/27',
      '192.0.2.64/26',
      '192.0.2.128/25',
    ]);
    expect(early.flatten?.records.map((r) => r.text)).toEqual([
      expect.stringMatching(
        /^v=spf1 exists:%\{i\}\.ok\.edge\.example ip4:192\.0\.2\.0\/29 .* -ip4:192\.0\.2\.9 -all$/,
      ),
    ]);
    // After -ip4:192.0.2.9, moving exists:%{i} first would let 192.0.2.9 pass: refused.
    const late = await auditSpf('late.edge.example', { resolver, budget: 10 });
    expect(late.flatten?.records).toEqual([]);
    expect(late.flatten?.refused).toContain(
      'exists:%{i}.ok.edge.example (late.edge.example) comes after terms that give other addresses a non-pass result',
    );
  });

  it('set operations give the minimal CIDR list of a difference', () => {
    const a = setOf([{ address: parseClientIp('198.51.100.0')!, prefix: 24 }]);
    const b = setOf([{ address: parseClientIp('198.51.100.66')!, prefix: 32 }]);
    const d = subtract(a, b);
    expect(setBlocks(d).map((x) => x.cidr)).toEqual([
      '198.51.100.0/26',
      '198.51.100.64/31',
      '198.51.100.67/32',
      '198.51.100.68/30',
      '198.51.100.72/29',
      '198.51.100.80/28',
      '198.51.100.96/27',
      '198.51.100.128/25',
    ]);
    expect(inSet(d, '198.51.100.66')).toBe(false);
    expect(inSet(d, '198.51.100.67')).toBe(true);
  });
});

describe('void lookups per client address family (RFC 7208 §4.6.4, §5.3)', () => {
  it('counts an a term whose target has only A records as void for IPv6 clients (item 4)', async () => {
    const a = await auditSpf('v6.edge.example', { resolver });
    expect(a.voidLookupsByFamily).toEqual({ ipv4: 0, ipv6: 3 });
    const f = a.findings.filter((x) => x.id === 'spf.void-lookup-limit');
    expect(f.map((x) => x.message)).toEqual([
      'the SPF policy of v6.edge.example has 3 void lookups for IPv6 clients (limit 2): check_host() returns permerror for every IPv6 client that no earlier term matches',
    ]);
    expect(f[0]?.evidence?.details).toMatchObject({ ipv4: 0, ipv6: 3, families: ['ipv6'] });
    // check_host() agrees: every IPv6 client gets permerror, IPv4 clients do not.
    expect(await verdict(resolver, 'v6.edge.example', '2001:db8::1')).toBe('permerror');
    expect(await verdict(resolver, 'v6.edge.example', '192.0.2.77')).toBe('pass');
    // Not void for every client: no per-term spf.void-lookup finding.
    expect(a.findings.map((x) => x.id)).not.toContain('spf.void-lookup');
    expect(renderSpfAnalysisText(a)).toContain(
      'void lookups  IPv4 clients 0 of 2, IPv6 clients 3 of 2  OVER THE LIMIT',
    );
  });

  it('warns when the void budget is spent before a term that can be void (item 5)', async () => {
    const a = await auditSpf('voids.example', { resolver });
    expect(a.voidLookupsByFamily).toEqual({ ipv4: 2, ipv6: 2 });
    const f = a.findings.filter((x) => x.id === 'spf.void-budget-spent');
    expect(f.map((x) => [x.severity, x.evidence?.term, x.evidence?.details?.families])).toEqual([
      ['warning', 'exists:%{i}.allow.voids.example', ['ipv4', 'ipv6']],
    ]);
    // check_host() agrees: even 192.0.2.1, which ip4:192.0.2.1 authorizes, gets permerror.
    expect(await verdict(resolver, 'voids.example', '192.0.2.1')).toBe('permerror');
    const flat = (await auditSpf('voids.example', { resolver, budget: 10 })).flatten!;
    expect(flat.exact).toBe(false);
    expect(flat.warning).toContain('the flattened record does not, so it authorizes clients that fail today');
    // Without the exists term the two voids are within the limit: no warning, and 192.0.2.1 passes.
    const two = await auditSpf('two.voids.example', { resolver });
    expect(two.findings.map((x) => x.id)).not.toContain('spf.void-budget-spent');
    expect(await verdict(resolver, 'two.voids.example', '192.0.2.1')).toBe('pass');
  });

  it('gives one finding per void term: spf.void-lookup, not also spf.target-no-addresses (item 8)', async () => {
    const a = await auditSpf('two.voids.example', { resolver });
    const perTerm = a.findings
      .filter((x) => x.id === 'spf.void-lookup' || x.id === 'spf.target-no-addresses')
      .map((x) => [x.id, x.evidence?.term]);
    expect(perTerm).toEqual([
      ['spf.void-lookup', 'a:gone1.voids.example'],
      ['spf.void-lookup', 'mx:nomx.voids.example'],
    ]);
  });
});

describe('costs in the text tree (item 6)', () => {
  it('shows the cost of the include term (1 + its subtree), like the findings and the other formats', async () => {
    const r = zones({
      'g.example': `
@ TXT "v=spf1 include:_spf.g.example -all"
_spf TXT "v=spf1 include:_n1.g.example include:_n2.g.example ~all"
_n1 TXT "v=spf1 ip4:192.0.2.0/24 ~all"
_n2 TXT "v=spf1 ip4:198.51.100.0/24 ~all"
`,
    });
    const text = renderSpfAnalysisText(await auditSpf('g.example', { resolver: r }));
    expect(text).toContain('  g.example  3 lookups in total');
    expect(text).toContain('include:_spf.g.example -> _spf.g.example  costs 3 (1 + 2 below)');
    expect(text).toContain('include:_n1.g.example -> _n1.g.example  costs 1');
  });
});

describe('Markdown SPF tree (item 7)', () => {
  it('lists every DNS-querying term with its cost, and the lines add up to the total', async () => {
    const { auditDomain } = await import('../../src/audit/audit.js');
    const { renderMarkdown } = await import('../../src/report/markdown.js');
    const report = await auditDomain('acme.example', {
      resolver,
      now: () => new Date('2026-01-15T12:00:00Z'),
    });
    const md = renderMarkdown([report]);
    const tree = md.slice(
      md.indexOf('<summary>SPF include tree'),
      md.indexOf('</details>', md.indexOf('<summary>SPF include tree')),
    );
    expect(tree).toContain('SPF include tree: 3 DNS lookups of 10');
    expect(tree).toContain(
      '- `acme.example` — 3 lookups in total\n  - `mx` — costs 1\n  - `a:relay.acme.example` — costs 1\n  - `include:mail.helpdesk.example` — costs 1',
    );
    const costs = [...tree.matchAll(/^ {2}- .* — costs (\d+)/gm)].map((m) => Number(m[1]));
    expect(costs.reduce((x, y) => x + y, 0)).toBe(3);
  });
});
