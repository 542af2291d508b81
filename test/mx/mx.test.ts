import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMx, type MxAudit } from '../../src/mx/audit.js';
import { MX_FINDINGS } from '../../src/mx/findings.js';
import { MAX_PTR_NAMES, nonPublicRange, reverseDns, reverseName, sameAddress } from '../../src/mx/reverse.js';
import { type Loopback, loopback } from '../audit/loopback.js';
import { originZones } from '../support/resolvers.js';

const V6 = '2001:db8::26';

const ZONE = `$ORIGIN example.test.
@            SOA ns hostmaster 1 7200 900 1209600 300
; good: two MX published out of order, A/AAAA, PTR and FCrDNS all fine
good         MX 20 mx2.good
good         MX 10 mx1.good
mx1.good     A 192.0.2.25
mx2.good     A 192.0.2.26
mx2.good     AAAA ${V6}
nomx         TXT "v=spf1 -all"
null         MX 0 .
nullmixed    MX 0 .
nullmixed    MX 10 mx1.good
nullpref     MX 10 .
noaddr       MX 10 ghost.example.test.
noaddr       MX 20 nodata.example.test.
nodata       TXT "no address here"
alias        MX 10 mailalias
mailalias    CNAME mx1.good
iplit        MX 10 192.0.2.7.
noptr        MX 10 bare
bare         A 192.0.2.30
mismatch     MX 10 liar
liar         A 192.0.2.31
other        A 192.0.2.99
private      MX 10 inside
inside       A 10.0.0.5
broken       MX 10 mx1.good
slowhost     MX 10 slow
slow         A 192.0.2.40
`;

const REVERSE4 = `$ORIGIN 2.0.192.in-addr.arpa.
@    SOA ns.example.test. hostmaster.example.test. 1 7200 900 1209600 300
25   PTR mx1.good.example.test.
26   PTR mx2.good.example.test.
31   PTR other.example.test.
40   PTR slow.example.test.
`;

const REVERSE6 = `$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa.
@    SOA ns.example.test. hostmaster.example.test. 1 7200 900 1209600 300
${reverseName(V6)}. PTR mx2.good.example.test.
`;

const ids = (a: MxAudit) => a.findings.map((f) => f.id).sort();

describe('reverse DNS helpers', () => {
  it('builds in-addr.arpa and ip6.arpa names (RFC 1035 §3.5, RFC 3596 §2.5)', () => {
    expect(reverseName('192.0.2.25')).toBe('25.2.0.192.in-addr.arpa');
    // RFC 3596 §2.5 example: 4321:0:1:2:3:4:567:89ab
    expect(reverseName('4321:0:1:2:3:4:567:89ab')).toBe(
      'b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa',
    );
    expect(reverseName('mx.example')).toBeNull();
  });
  it('compares address texts by value and classifies non-public ranges', () => {
    expect(sameAddress('2001:db8::1', '2001:0db8:0:0:0:0:0:1')).toBe(true);
    expect(sameAddress('192.0.2.1', '192.0.2.2')).toBe(false);
    expect(nonPublicRange('10.1.2.3')).toBe('private');
    expect(nonPublicRange('127.0.0.1')).toBe('loopback');
    expect(nonPublicRange('fe80::1')).toBe('linkLocal');
    expect(nonPublicRange('192.0.2.1')).toBeNull();
    expect(nonPublicRange('8.8.8.8')).toBeNull();
  });
  it('confirms reverse DNS forward (FCrDNS) or reports the mismatch', async () => {
    const r = originZones(ZONE, REVERSE4, REVERSE6);
    expect(await reverseDns('192.0.2.25', r)).toEqual({
      ptr: ['mx1.good.example.test'],
      fcrdns: true,
      confirmedBy: 'mx1.good.example.test',
    });
    expect(await reverseDns(V6, r)).toMatchObject({ ptr: ['mx2.good.example.test'], fcrdns: true });
    expect(await reverseDns('192.0.2.31', r)).toEqual({ ptr: ['other.example.test'], fcrdns: false });
    expect(await reverseDns('192.0.2.30', r)).toEqual({ ptr: [], fcrdns: null });
  });
});

describe('reverseDns: PTR answers with many names', () => {
  // 300 PTR names, the one that confirms the address 11th: only the first 10 are checked (RFC 7208 §4.6.4 limit)
  const names = Array.from({ length: 300 }, (_, i) => `h${i + 1}.many.example.test`);
  const zone = (confirming: number) =>
    originZones(
      `$ORIGIN many.example.test.\n${names.map((_, i) => `h${i + 1} A ${i + 1 === confirming ? '192.0.2.80' : '192.0.2.81'}`).join('\n')}\n`,
      `$ORIGIN 2.0.192.in-addr.arpa.\n${names.map((n) => `80 PTR ${n}.`).join('\n')}\n`,
    );

  it('checks at most MAX_PTR_NAMES (10) names forward and counts the rest', async () => {
    const inner = zone(11);
    const asked: string[] = [];
    const counting = {
      query: ((name: string, type: 'A') => {
        asked.push(`${type} ${name}`);
        return inner.query(name, type);
      }) as typeof inner.query,
    };
    const rev = await reverseDns('192.0.2.80', counting);
    expect(MAX_PTR_NAMES).toBe(10);
    expect(rev.ptr).toEqual(names.slice(0, 10));
    expect(rev.ptrIgnored).toBe(290);
    expect(rev.fcrdns).toBe(false);
    expect(asked).toEqual(['PTR 80.2.0.192.in-addr.arpa', ...names.slice(0, 10).map((n) => `A ${n}`)]);
  });

  it('still confirms through the 10th name', async () => {
    expect(await reverseDns('192.0.2.80', zone(10))).toMatchObject({
      fcrdns: true,
      confirmedBy: 'h10.many.example.test',
      ptrIgnored: 290,
    });
  });

  it('says in the mx.fcrdns-mismatch finding that names were left unchecked', async () => {
    const audit = await auditMx('many.example.test', {
      resolver: originZones(
        '$ORIGIN many.example.test.\n@ MX 10 mail\nmail A 192.0.2.80\n',
        `$ORIGIN 2.0.192.in-addr.arpa.\n${names.map((n) => `80 PTR ${n}.`).join('\n')}\n`,
      ),
    });
    const f = audit.findings.find((x) => x.id === 'mx.fcrdns-mismatch');
    expect(f?.message).toBe(
      `192.0.2.80 (MX mail.many.example.test of many.example.test) has PTR ${names.slice(0, 10).join(', ')} (and 290 more, not checked: at most 10 are), which does not resolve back to it`,
    );
    expect(f?.evidence?.details).toMatchObject({ ptrIgnored: 290 });
  });
});

describe('auditMx through the loopback DNS server', () => {
  let lb: Loopback;
  let slowLb: Loopback;
  beforeAll(async () => {
    lb = await loopback([ZONE, REVERSE4, REVERSE6], {
      faults: { servfail: (name, type) => name === 'broken.example.test' && type === 'MX' },
    });
    // A server that never answers the PTR of 192.0.2.40: the client gives up after one short try.
    slowLb = await loopback([ZONE, REVERSE4, REVERSE6], {
      faults: { drop: (name) => name === '40.2.0.192.in-addr.arpa' },
      timeoutMs: 300,
    });
  });
  afterAll(async () => {
    await lb?.close();
    await slowLb?.close();
  });

  it('sorts MX records by preference and checks addresses, PTR and FCrDNS', async () => {
    const a = await auditMx('good.example.test', { resolver: lb.resolver });
    expect(a.status).toBe('found');
    expect(a.statusDetail).toBeUndefined();
    expect(a.nullMx).toBe(false);
    expect(a.findings).toEqual([]);
    expect(a.hosts.map((h) => [h.priority, h.exchange])).toEqual([
      [10, 'mx1.good.example.test'],
      [20, 'mx2.good.example.test'],
    ]);
    expect(a.hosts[1]!.addresses).toEqual([
      { address: '192.0.2.26', family: 4, ptr: ['mx2.good.example.test'], fcrdns: true },
      { address: V6, family: 6, ptr: ['mx2.good.example.test'], fcrdns: true },
    ]);
  });

  it('reports a domain without MX (implicit MX) and a domain that does not exist', async () => {
    const nomx = await auditMx('nomx.example.test', { resolver: lb.resolver });
    expect(nomx.status).toBe('none');
    expect(ids(nomx)).toEqual(['mx.no-mx']);
    const missing = await auditMx('missing.example.test', { resolver: lb.resolver });
    expect(missing).toMatchObject({ status: 'none', statusDetail: 'nxdomain' });
    expect(ids(missing)).toEqual(['mx.domain-not-found']);
  });

  it('recognises a null MX (RFC 7505), alone, mixed with other records, or with a non-zero preference', async () => {
    const nul = await auditMx('null.example.test', { resolver: lb.resolver });
    expect(nul).toMatchObject({ status: 'found', statusDetail: 'null-mx', nullMx: true, hosts: [] });
    expect(ids(nul)).toEqual(['mx.null-mx']);
    expect(nul.findings[0]!.severity).toBe('info');

    const mixed = await auditMx('nullmixed.example.test', { resolver: lb.resolver });
    expect(mixed).toMatchObject({ status: 'found', nullMx: true });
    expect(mixed.statusDetail).toBeUndefined();
    expect(ids(mixed)).toEqual(['mx.null-mx', 'mx.null-mx-mixed']);
    expect(mixed.hosts.map((h) => h.exchange)).toEqual(['mx1.good.example.test']);

    const pref = await auditMx('nullpref.example.test', { resolver: lb.resolver });
    expect(ids(pref)).toEqual(['mx.null-mx', 'mx.null-mx-preference']);
  });

  it('reports MX targets without A/AAAA, with the reason', async () => {
    const a = await auditMx('noaddr.example.test', { resolver: lb.resolver });
    expect(ids(a)).toEqual(['mx.no-address', 'mx.no-address']);
    expect(a.findings.map((f) => f.evidence?.details?.kind)).toEqual(['NXDOMAIN', 'NODATA']);
    expect(a.findings[0]!.evidence?.record).toBe('10 ghost.example.test');
  });

  it('reports an MX target that is an alias, and one that is an IP literal', async () => {
    const alias = await auditMx('alias.example.test', { resolver: lb.resolver });
    expect(ids(alias)).toEqual(['mx.cname']);
    expect(alias.hosts[0]).toMatchObject({
      exchange: 'mailalias.example.test',
      canonicalName: 'mx1.good.example.test',
      addresses: [{ address: '192.0.2.25', fcrdns: true }],
    });
    const lit = await auditMx('iplit.example.test', { resolver: lb.resolver });
    expect(ids(lit)).toEqual(['mx.ip-literal']);
    expect(lit.hosts[0]).toMatchObject({ exchange: '192.0.2.7', ipLiteral: true, addresses: [] });
  });

  it('reports missing PTR, reverse DNS that is not forward-confirmed, and private addresses', async () => {
    const noptr = await auditMx('noptr.example.test', { resolver: lb.resolver });
    expect(ids(noptr)).toEqual(['mx.no-ptr']);
    expect(noptr.findings[0]!.evidence?.details).toEqual({ address: '192.0.2.30' });
    const mismatch = await auditMx('mismatch.example.test', { resolver: lb.resolver });
    expect(ids(mismatch)).toEqual(['mx.fcrdns-mismatch']);
    expect(mismatch.hosts[0]!.addresses[0]).toMatchObject({ ptr: ['other.example.test'], fcrdns: false });
    const priv = await auditMx('private.example.test', { resolver: lb.resolver });
    expect(ids(priv)).toEqual(['mx.no-ptr', 'mx.non-public-address']);
  });

  it('skips PTR/FCrDNS when asked', async () => {
    const a = await auditMx('noptr.example.test', { resolver: lb.resolver, reverseDns: false });
    expect(a.findings).toEqual([]);
    expect(a.reverseDnsChecked).toBe(false);
    expect(a.hosts[0]!.addresses).toEqual([{ address: '192.0.2.30', family: 4 }]);
  });

  it('turns SERVFAIL and timeouts into mx.dns-error, never into "no record"', async () => {
    const broken = await auditMx('broken.example.test', { resolver: lb.resolver });
    expect(broken.status).toBe('dns-error');
    expect(ids(broken)).toEqual(['mx.dns-error']);
    expect(broken.findings[0]).toMatchObject({
      severity: 'error',
      evidence: { details: { kind: 'SERVFAIL' } },
    });
    const slow = await auditMx('slowhost.example.test', { resolver: slowLb.resolver });
    expect(ids(slow)).toEqual(['mx.dns-error']);
    expect(slow.findings[0]!.evidence?.details).toMatchObject({ kind: 'TIMEOUT', type: 'PTR' });
    expect(slow.hosts[0]!.addresses[0]).toMatchObject({ fcrdns: null });
  });

  it('declares every finding it emits in the catalog', () => {
    const declared = new Set(MX_FINDINGS.definitions.map((d) => d.id));
    for (const id of [
      'mx.no-mx',
      'mx.null-mx',
      'mx.cname',
      'mx.no-ptr',
      'mx.fcrdns-mismatch',
      'mx.dns-error',
    ])
      expect(declared.has(id)).toBe(true);
    expect(MX_FINDINGS.definitions.every((d) => d.id.startsWith('mx.'))).toBe(true);
  });
});
