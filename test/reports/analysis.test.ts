import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overlayResolver } from '../../src/dns/overlay.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { attributeSource, SpfAttributor } from '../../src/reports/attribution.js';
import { buildInventory, classifyTraffic } from '../../src/reports/inventory.js';
import { assessReadiness } from '../../src/reports/readiness.js';
import type { TrafficRow } from '../../src/reports/traffic.js';
import { whatIf } from '../../src/reports/whatif.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The DKIM key of samples/zones/mailgate-healthy.example.zone (a real 2048-bit RSA key). */
async function sampleKey(): Promise<string> {
  const zone = await readFile(join(ROOT, 'samples/zones/mailgate-healthy.example.zone'), 'utf8');
  return /s2026\._domainkey\s+TXT\s+(.*)$/m.exec(zone)![1]!;
}

async function zones(spf: string, withKey = true) {
  const key = await sampleKey();
  const text = [
    '$ORIGIN example.com.',
    '@ SOA ns1 hostmaster 1 7200 900 1209600 300',
    '@ NS ns1',
    `@ TXT "${spf}"`,
    '_dmarc TXT "v=DMARC1; p=none; rua=mailto:d@example.com"',
    withKey ? `s1._domainkey TXT ${key}` : '; s1 key removed',
    'www A 192.0.2.80',
  ].join('\n');
  const esp = '$ORIGIN esp.example.\n@ SOA ns1 h 1 1 1 1 1\n_spf TXT "v=spf1 ip4:198.51.100.0/24 -all"\n';
  return [
    parseZone(text, { file: 'zones/example.com.zone' }),
    parseZone(esp, { file: 'zones/esp.example.zone' }),
  ];
}

const SPF = 'v=spf1 ip4:192.0.2.0/24 include:_spf.esp.example -all';

function row(p: Partial<TrafficRow> & { sourceIp: string; count: number }): TrafficRow {
  return {
    domain: 'example.com',
    disposition: 'none',
    dkim: 'fail',
    spf: 'fail',
    reasons: [],
    headerFrom: 'example.com',
    envelopeFrom: 'example.com',
    dkimResults: [],
    spfResults: [],
    firstSeen: 1_767_225_600,
    lastSeen: 1_767_311_999,
    reports: 1,
    ...p,
  };
}

const SIGNED = [{ domain: 'example.com', selector: 's1', result: 'pass' }];
const TRAFFIC: TrafficRow[] = [
  // the domain's own servers: SPF and DKIM aligned
  row({
    sourceIp: '192.0.2.5',
    count: 100,
    dkim: 'pass',
    spf: 'pass',
    dkimResults: SIGNED,
    spfResults: [{ domain: 'example.com', result: 'pass' }],
  }),
  // an ESP through include:_spf.esp.example: SPF aligned, no DKIM
  row({
    sourceIp: '198.51.100.7',
    count: 40,
    spf: 'pass',
    spfResults: [{ domain: 'example.com', result: 'pass' }],
  }),
  // a forwarder: SPF fails, the domain's signature survived
  row({
    sourceIp: '203.0.113.9',
    count: 5,
    dkim: 'pass',
    envelopeFrom: 'fwd.example.net',
    dkimResults: SIGNED,
    spfResults: [{ domain: 'fwd.example.net', result: 'fail' }],
  }),
  // a spoofer
  row({ sourceIp: '203.0.113.50', count: 7, spfResults: [{ domain: 'example.com', result: 'fail' }] }),
  // an ESP that is not authorized and signs with its own d=
  row({
    sourceIp: '198.18.0.9',
    count: 12,
    envelopeFrom: 'bounce.other-esp.example',
    dkimResults: [{ domain: 'other-esp.example', selector: 'x', result: 'pass' }],
    spfResults: [{ domain: 'bounce.other-esp.example', result: 'pass' }],
  }),
];

describe('SPF attribution (check_host)', () => {
  it('names the include or the term of the domain record that authorizes an address', async () => {
    const resolver = zoneResolver(await zones(SPF), { offline: true });
    expect(await attributeSource('example.com', '198.51.100.7', resolver)).toEqual({
      result: 'pass',
      term: 'include:_spf.esp.example',
      termDomain: 'example.com',
      include: '_spf.esp.example',
      matched: { domain: '_spf.esp.example', term: 'ip4:198.51.100.0/24' },
    });
    expect(await attributeSource('example.com', '192.0.2.5', resolver)).toMatchObject({
      result: 'pass',
      term: 'ip4:192.0.2.0/24',
    });
    expect(await attributeSource('example.com', '203.0.113.50', resolver)).toMatchObject({
      result: 'fail',
      term: '-all',
    });
  });
});

describe('sender inventory', () => {
  it('groups the traffic into senders, marks forwarded mail and lists unauthorized sources', async () => {
    const resolver = zoneResolver(await zones(SPF), { offline: true });
    const [inv] = await buildInventory(TRAFFIC, { attributor: new SpfAttributor(resolver) });
    expect(inv!.messages).toBe(164);
    expect(inv!.dmarcPass).toBe(145);
    expect(inv!.senders.map((s) => [s.id, s.messages, s.dmarcPass, s.forwarded])).toEqual([
      ['spf:ip4:192.0.2.0/24', 105, 105, 5],
      ['spf:include:_spf.esp.example', 40, 40, 0],
      ['dkim:other-esp.example', 12, 0, 0],
      ['unauthorized', 7, 0, 0],
    ]);
    expect(inv!.senders[0]!.dkimSigners).toEqual([{ domain: 'example.com', selector: 's1', messages: 105 }]);
    expect(inv!.senders[0]!.sources).toEqual([
      { ip: '192.0.2.5', messages: 100 },
      { ip: '203.0.113.9', messages: 5 },
    ]);
    expect(inv!.unauthorized).toEqual([
      expect.objectContaining({ ip: '203.0.113.50', messages: 7, spf: 'fail', headerFrom: ['example.com'] }),
    ]);
  });
});

describe('enforcement readiness', () => {
  it('counts what p=quarantine and p=reject would affect, and names the senders to fix first', async () => {
    const resolver = zoneResolver(await zones(SPF), { offline: true });
    const classified = await classifyTraffic(TRAFFIC, new SpfAttributor(resolver));
    const [r] = assessReadiness(classified);
    expect(r!.reject).toMatchObject({
      failing: 19,
      alreadyEnforced: 0,
      affected: 19,
      affectedLegitimate: 12,
      affectedUnauthorized: 7,
      verdict: 'not-ready',
    });
    expect(r!.reject.legitimateShare).toBeCloseTo(12 / 164, 10);
    expect(r!.fixFirst.map((s) => [s.id, s.failing])).toEqual([['dkim:other-esp.example', 12]]);
    expect(r!.fixFirst[0]!.fixes).toEqual([
      "DKIM passes with d=other-esp.example, not aligned: sign with d=example.com (publish the sender's key under example.com)",
      "its servers are not in example.com's SPF record: add the sender's include (and a MAIL FROM in example.com)",
    ]);
  });

  it('honours the policy already applied and t=y', async () => {
    const resolver = zoneResolver(await zones(SPF), { offline: true });
    const quarantined = TRAFFIC.map((r) =>
      r.sourceIp === '203.0.113.50' ? { ...r, disposition: 'quarantine' } : r,
    );
    const classified = await classifyTraffic(quarantined, new SpfAttributor(resolver));
    const policies = { 'example.com': { domain: 'example.com', p: 'quarantine', testing: 'y', seenAt: 1 } };
    const [r] = assessReadiness(classified, { policies, maxLegitimateShare: 0.1 });
    expect(r!.quarantine).toMatchObject({
      alreadyEnforced: 7,
      affected: 12,
      verdict: 'ready',
      affectedIfTestingKept: 0,
    });
    expect(r!.reject).toMatchObject({ alreadyEnforced: 0, affected: 19, affectedIfTestingKept: 12 });
  });
});

describe('what-if on real traffic', () => {
  it("dropping an include loses that sender's mail, with the SPF record line as the cause", async () => {
    const currentZones = await zones(SPF);
    const current = zoneResolver(currentZones, { offline: true });
    const proposedZones = [(await zones('v=spf1 ip4:192.0.2.0/24 -all'))[0]!];
    const result = await whatIf(TRAFFIC, {
      current,
      proposed: overlayResolver(proposedZones, current),
      proposedZones,
    });
    const [d] = result.domains;
    expect(d).toMatchObject({ domain: 'example.com', messages: 164, lost: 40, gained: 0, undetermined: 0 });
    expect(d!.senders.map((s) => [s.senderId, s.lost, s.lostShare])).toEqual([
      ['spf:include:_spf.esp.example', 40, 1],
    ]);
    const spf = d!.senders[0]!.changes.find((c) => c.method === 'spf')!;
    expect(spf).toMatchObject({ subject: 'example.com', before: 'pass', after: 'fail', messages: 40 });
    expect(spf.causes).toEqual([
      {
        name: 'example.com',
        type: 'TXT',
        before: [SPF],
        after: ['v=spf1 ip4:192.0.2.0/24 -all'],
        source: [{ file: 'zones/example.com.zone', line: 4 }],
      },
    ]);
  });

  it('removing a DKIM key loses the forwarded mail that only DKIM carried, and weakens the rest', async () => {
    const current = zoneResolver(await zones(SPF), { offline: true });
    const proposedZones = [(await zones(SPF, false))[0]!];
    const result = await whatIf(TRAFFIC, {
      current,
      proposed: overlayResolver(proposedZones, current),
      proposedZones,
    });
    const sender = result.domains[0]!.senders.find((s) => s.senderId === 'spf:ip4:192.0.2.0/24')!;
    expect(sender).toMatchObject({ lost: 5, weakened: 100, messages: 105 });
    const dkim = sender.changes.find((c) => c.method === 'dkim')!;
    expect(dkim.causes).toEqual([
      {
        name: 's1._domainkey.example.com',
        type: 'TXT',
        before: [expect.stringMatching(/^v=DKIM1; k=rsa; p=MIIB/)],
        after: { failure: 'NXDOMAIN' },
        zoneFile: 'zones/example.com.zone',
      },
    ]);
  });
});
