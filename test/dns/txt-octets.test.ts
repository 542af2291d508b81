// One rule decodes TXT octets everywhere (decodeTxtRecord, per record): a zone file and a live server publishing
// the same octets give the same strings.
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemResolver } from '../../src/dns/system.js';
import { decodeTxtRecord } from '../../src/dns/txt-octets.js';
import { queryWire } from '../../src/dns/wire.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';

const ZONE = `$ORIGIN octets.test.
@      SOA ns hostmaster 1 7200 3600 1209600 300
mixed  TXT "caf\\195\\169" "\\128"
utf8   TXT "caf\\195\\169" "\\228\\184\\173"
split  TXT "caf\\195" "\\169"
`;

/** The octets each record publishes, as they go on the wire. */
const OCTETS: Record<string, Buffer[]> = {
  'mixed.octets.test': [Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9]), Buffer.from([0x80])],
  'utf8.octets.test': [Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9]), Buffer.from([0xe4, 0xb8, 0xad])],
  'split.octets.test': [Buffer.from([0x63, 0x61, 0x66, 0xc3]), Buffer.from([0xa9])],
};

/** The strings every path must give for those octets. */
const EXPECTED: Record<string, string[]> = {
  // one string is valid UTF-8, the other is not: the whole record keeps one character per octet
  'mixed.octets.test': ['caf\u00c3\u00a9', '\u0080'],
  'utf8.octets.test': ['caf\u00e9', '\u4e2d'],
  // a UTF-8 sequence split across strings is not valid per string: octet form
  'split.octets.test': ['caf\u00c3', '\u00a9'],
};

const zone = zoneResolver([parseZone(ZONE)], { offline: true });

/**
 * A UDP responder that sends each record's exact octets. The loopback server (test/support/dns-server.ts) sends
 * strings as their UTF-8 encoding, so it cannot publish octets that are not valid UTF-8.
 */
let raw: dgram.Socket;
let rawAddress: string;
let loopback: DnsServer;

beforeAll(async () => {
  raw = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => raw.bind(0, '127.0.0.1', resolve));
  rawAddress = `127.0.0.1:${raw.address().port}`;
  raw.on('message', (msg, rinfo) => {
    const q = dnsPacket.decode(msg);
    const question = q.questions?.[0];
    const data = question ? OCTETS[question.name.toLowerCase()] : undefined;
    const reply: dnsPacket.Packet = {
      type: 'response',
      id: q.id ?? 0,
      flags: dnsPacket.RECURSION_AVAILABLE | (data ? 0 : 3),
      questions: q.questions ?? [],
      answers: data && question ? [{ type: 'TXT', name: question.name, ttl: 0, class: 'IN', data }] : [],
    };
    raw.send(dnsPacket.encode(reply), rinfo.port, rinfo.address);
  });
  loopback = await startDnsServer({ resolver: zone });
});

afterAll(async () => {
  raw.close();
  await loopback.close();
});

describe('TXT octets decode the same from a zone file and from the wire', () => {
  it('zoneResolver decodes per record', async () => {
    for (const [name, strings] of Object.entries(EXPECTED)) {
      expect(await zone.query(name, 'TXT'), name).toMatchObject({ ok: true, records: [strings] });
    }
  });

  it('systemResolver (c-ares) and queryWire give the same strings for the same octets', async () => {
    const live = systemResolver({ servers: [rawAddress], timeoutMs: 1000, tries: 1 });
    for (const [name, strings] of Object.entries(EXPECTED)) {
      const fromZone = await zone.query(name, 'TXT');
      const fromCares = await live.query(name, 'TXT');
      const fromWire = await queryWire(name, 'TXT', { servers: [rawAddress], timeoutMs: 1000, tries: 1 });
      expect(fromCares, name).toMatchObject({ ok: true, records: [strings] });
      expect(fromWire, name).toMatchObject({ ok: true, records: [strings] });
      expect(fromZone.ok && fromCares.ok && fromCares.records).toEqual(fromZone.ok && fromZone.records);
    }
  });

  it('a valid UTF-8 record served from the zone by the loopback server round-trips unchanged', async () => {
    const live = systemResolver({ servers: [loopback.address], timeoutMs: 1000, tries: 1 });
    expect(await live.query('utf8.octets.test', 'TXT')).toMatchObject({
      ok: true,
      records: [EXPECTED['utf8.octets.test']],
    });
  });

  it('decodeTxtRecord is the rule', () => {
    for (const [name, octets] of Object.entries(OCTETS)) {
      expect(decodeTxtRecord(octets.map((b) => b.toString('latin1'))), name).toEqual(EXPECTED[name]);
    }
  });
});
