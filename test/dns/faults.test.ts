/**
 * Answers that must not fool a verdict (issue 10 §3, §5), through `systemResolver` against the loopback server:
 * every RCODE other than NOERROR/NXDOMAIN is DNS trouble (c-ares reported RCODE 6–11 as ENODATA: "no record"),
 * a CNAME loop answered NOERROR is SERVFAIL, records owned by a name other than the question are rejected, and a
 * lone CNAME (an authoritative server pointing outside its zones) is followed by asking its target.
 */
import type dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsFailure } from '../../src/dns/resolver.js';
import { systemResolver } from '../../src/dns/system.js';
import { MAX_CNAME_CHAIN } from '../../src/dns/wire.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { type DnsServer, type FaultReply, questionKey, startDnsServer } from '../support/dns-server.js';

const ZONE = [
  '@ TXT "v=spf1 ip4:192.0.2.0/24 -all"',
  '@ A 192.0.2.1',
  '_dmarc TXT "v=DMARC1; p=reject"',
  'target TXT "at the target"',
].join('\n');

const txt = (name: string, text: string): dnsPacket.Answer => ({
  type: 'TXT',
  name,
  class: 'IN',
  ttl: 0,
  data: [Buffer.from(text)],
});
const cname = (name: string, target: string): dnsPacket.Answer => ({
  type: 'CNAME',
  name,
  class: 'IN',
  ttl: 0,
  data: target,
});

let server: DnsServer;
let fault: (name: string, type: string, transport: 'udp' | 'tcp') => FaultReply | undefined = () => undefined;
// generous: the faults answer at once, and a timeout here would be a failure of a test that cannot time out
const dns = () => systemResolver({ servers: [server.address], timeoutMs: 5000, tries: 1 });

beforeAll(async () => {
  server = await startDnsServer({
    resolver: zoneResolverFromText(ZONE, 'example.com'),
    faults: { reply: (name, type, transport) => fault(name, type, transport) },
  });
});
afterAll(async () => {
  await server.close();
});

describe('systemResolver: RCODEs', () => {
  it('makes every RCODE other than NOERROR and NXDOMAIN DNS trouble, never NODATA', async () => {
    const kinds: Record<number, string> = {};
    for (let rcode = 1; rcode <= 15; rcode++) {
      if (rcode === 3) continue;
      fault = (name) => (name === 'example.com' ? { rcode } : undefined);
      const r = (await dns().query('example.com', 'TXT')) as DnsFailure;
      kinds[rcode] = `${r.kind} ${r.message}`;
    }
    expect(kinds).toEqual({
      1: 'REFUSED EFORMERR',
      2: 'SERVFAIL ESERVFAIL',
      4: 'REFUSED ENOTIMP',
      5: 'REFUSED EREFUSED',
      6: 'SERVFAIL ESERVFAIL (RCODE 6 YXDOMAIN)',
      7: 'SERVFAIL ESERVFAIL (RCODE 7 YXRRSET)',
      8: 'SERVFAIL ESERVFAIL (RCODE 8 NXRRSET)',
      9: 'SERVFAIL ESERVFAIL (RCODE 9 NOTAUTH)',
      10: 'SERVFAIL ESERVFAIL (RCODE 10 NOTZONE)',
      11: 'SERVFAIL ESERVFAIL (RCODE 11 DSOTYPENI)',
      12: 'SERVFAIL ESERVFAIL (RCODE 12)',
      13: 'SERVFAIL ESERVFAIL (RCODE 13)',
      14: 'SERVFAIL ESERVFAIL (RCODE 14)',
      15: 'SERVFAIL ESERVFAIL (RCODE 15)',
    });
    fault = () => undefined;
    expect(await dns().query('example.com', 'TXT')).toMatchObject({
      ok: true,
      records: [['v=spf1 ip4:192.0.2.0/24 -all']],
    });
  });

  it('keeps NOERROR with an empty answer NODATA and RCODE 3 NXDOMAIN', async () => {
    fault = (name) => (name === 'example.com' ? { rcode: 0 } : undefined);
    expect(await dns().query('example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    fault = (name) => (name === 'example.com' ? { rcode: 3 } : undefined);
    expect(await dns().query('example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });
});

describe('systemResolver: CNAMEs and owner names', () => {
  it('calls a CNAME loop answered NOERROR SERVFAIL, as the zone resolver does', async () => {
    fault = (name) =>
      name === '_dmarc.example.com'
        ? {
            answers: [
              cname('_dmarc.example.com', 'a.example.com'),
              cname('a.example.com', '_dmarc.example.com'),
            ],
          }
        : undefined;
    expect(await dns().query('_dmarc.example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: 'CNAME loop',
    });
    const zone = zoneResolverFromText('_dmarc CNAME a\na CNAME _dmarc', 'example.com');
    expect(await zone.query('_dmarc.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'SERVFAIL' });
  });

  it('rejects records owned by another name, with or without a CNAME chain, instead of applying them', async () => {
    fault = (name) =>
      name === '_dmarc.example.com' ? { answers: [txt('_dmarc.other.test', 'v=DMARC1; p=none')] } : undefined;
    expect(await dns().query('_dmarc.example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: 'EBADRESP: the answer holds TXT records owned by _dmarc.other.test, not by _dmarc.example.com',
    });
    fault = (name) =>
      name === '_dmarc.example.com'
        ? {
            answers: [
              cname('_dmarc.example.com', 'policy.example.net'),
              txt('elsewhere.example.net', 'v=DMARC1; p=none'),
            ],
          }
        : undefined;
    expect(await dns().query('_dmarc.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'SERVFAIL' });
  });

  it('rejects an answer of records of another type owned by another name (found by npm run fuzz -- dns-faults)', async () => {
    // before: an MX question answered with someone else's TXT record was NODATA, so `audit` said "no MX"
    fault = (name) =>
      name === 'example.com' ? { answers: [txt('other.example.com', 'v=spf1 ?all')] } : undefined;
    expect(await dns().query('example.com', 'MX')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: 'EBADRESP: the answer holds TXT records owned by other.example.com, not by example.com',
    });
  });

  it('takes the records owned by the end of the chain and leaves the others', async () => {
    fault = (name) =>
      name === '_dmarc.example.com'
        ? {
            answers: [
              cname('_dmarc.example.com', 'policy.example.net'),
              txt('policy.example.net', 'v=DMARC1; p=reject'),
              txt('injected.example.org', 'v=DMARC1; p=none'),
            ],
          }
        : undefined;
    expect(await dns().query('_dmarc.example.com', 'TXT')).toEqual({
      ok: true,
      name: '_dmarc.example.com',
      type: 'TXT',
      records: [['v=DMARC1; p=reject']],
      cnames: ['policy.example.net'],
    });
  });

  it('asks the target of a CNAME the server did not resolve (an authoritative server for a DKIM selector)', async () => {
    // s1._domainkey.shop.test is a CNAME to the ESP's key: the server answers only the CNAME, as an authoritative
    // server does for a target outside its zones, and answers the target when asked.
    fault = (name) => {
      if (name === 's1._domainkey.shop.test') return { answers: [cname(name, 'target.example.com')] };
      return undefined;
    };
    const before = server.stats.byQuestion.get(questionKey('target.example.com', 'TXT')) ?? 0;
    expect(await dns().query('s1._domainkey.shop.test', 'TXT')).toEqual({
      ok: true,
      name: 's1._domainkey.shop.test',
      type: 'TXT',
      records: [['at the target']],
      cnames: ['target.example.com'],
    });
    expect(server.stats.byQuestion.get(questionKey('target.example.com', 'TXT'))).toBe(before + 1);
  });

  it('asks the target of a lone CNAME unless the reply is a negative answer for it (SOA in the authority section)', async () => {
    const soa: dnsPacket.Answer = {
      type: 'SOA',
      name: 'example.com',
      class: 'IN',
      ttl: 0,
      data: {
        mname: 'ns.example.com',
        rname: 'h.example.com',
        serial: 1,
        refresh: 2,
        retry: 3,
        expire: 4,
        minimum: 5,
      },
    };
    fault = (name) =>
      name === 'alias.example.com' ? { answers: [cname(name, 'gone.example.com')] } : undefined;
    expect(await dns().query('alias.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(server.stats.byQuestion.get(questionKey('gone.example.com', 'TXT'))).toBe(1);
    fault = (name) =>
      name === 'alias2.example.com'
        ? { answers: [cname(name, 'nodata.example.com')], authorities: [soa] }
        : undefined;
    expect(await dns().query('alias2.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(server.stats.byQuestion.has(questionKey('nodata.example.com', 'TXT'))).toBe(false);
  });

  it('bounds a chain of lone CNAMEs, and finds a loop across replies', async () => {
    fault = (name) => {
      const m = /^c(\d+)\.example\.com$/.exec(name);
      return m ? { answers: [cname(name, `c${Number(m[1]) + 1}.example.com`)] } : undefined;
    };
    expect(await dns().query('c0.example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: `CNAME chain longer than ${MAX_CNAME_CHAIN}`,
    });
    fault = (name) => {
      if (name === 'p.example.com') return { answers: [cname(name, 'q.example.com')] };
      if (name === 'q.example.com') return { answers: [cname(name, 'p.example.com')] };
      return undefined;
    };
    expect(await dns().query('p.example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: 'CNAME loop',
    });
  });
});

describe('systemResolver: transport faults', () => {
  it('gets a truncated answer over TCP, and calls a failed TCP retry SERVFAIL, never NODATA', async () => {
    fault = (name) => (name === 'example.com' ? { truncated: true } : undefined);
    expect(await dns().query('example.com', 'TXT')).toMatchObject({ ok: true });
    fault = (name) => (name === 'example.com' ? { truncated: true, tcp: 'close' } : undefined);
    expect(await dns().query('example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: 'EOF',
    });
  });

  it('cancels a question when its signal aborts: TIMEOUT, and no retry is sent', async () => {
    fault = (name) => (name === 'silent.example.com' ? 'drop' : undefined);
    const resolver = systemResolver({ servers: [server.address], timeoutMs: 60_000, tries: 3 });
    const controller = new AbortController();
    const pending = resolver.query('silent.example.com', 'TXT', { signal: controller.signal });
    // wait until the server has the query, then abort: no answer is ever coming
    for (let i = 0; i < 4000 && !server.stats.byQuestion.has(questionKey('silent.example.com', 'TXT')); i++)
      await new Promise((r) => setTimeout(r, 10));
    controller.abort('deadline');
    expect(await pending).toMatchObject({ ok: false, kind: 'TIMEOUT', message: 'ECANCELLED' });
    expect(server.stats.byQuestion.get(questionKey('silent.example.com', 'TXT'))).toBe(1);
  }, 60_000);
});
