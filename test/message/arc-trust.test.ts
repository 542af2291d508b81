// Trusted ARC sealers judged over every sealer of a passing chain (RFC 8617 §7.2), with the oldest-pass value of
// §5.2 step 5: a trusted sealer that recorded dmarc=pass vouches for the message when no untrusted later hop
// changed what it signed.
import { sealMessage } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../../src/dns/resolver.js';
import { verifyMessage } from '../../src/message/verify.js';
import { ed25519Key, keyRecord, message, sign, type TestKey } from '../dkim/helpers.js';
import { txtZones as zones } from '../support/resolvers.js';

let shop: TestKey;
let list: TestKey;
let relay: TestKey;
beforeAll(() => {
  shop = ed25519Key();
  list = ed25519Key();
  relay = ed25519Key();
});

const world = (): Resolver =>
  zones({
    'shop.test': { _dmarc: 'v=DMARC1; p=reject', 's1._domainkey': keyRecord(shop) },
    'lists.test': { 'arc._domainkey': keyRecord(list) },
    'relay.test': { 'arc._domainkey': keyRecord(relay) },
  });

async function seal(
  msg: string,
  domain: string,
  key: TestKey,
  cv: string,
  dmarc: string,
  headerFrom = 'shop.test',
): Promise<string> {
  const headers = await sealMessage(msg, {
    signingDomain: domain,
    selector: 'arc',
    privateKey: key.privateKey,
    cv,
    authResults: `mx.${domain}; dkim=${dmarc} header.d=shop.test; dmarc=${dmarc}${headerFrom ? ` header.from=${headerFrom}` : ''}`,
    signTime: new Date('2024-05-01T00:00:00Z'),
  });
  return headers.toString() + msg;
}

/** The author signs; the list changes the message (breaking DKIM) and seals; then a relay seals. */
async function chain(opts: {
  listRecords: string;
  relayModifies: boolean;
  listFrom?: string;
}): Promise<string> {
  const original = await sign(message({ from: 'news@shop.test', body: 'Hello.\r\n' }), {
    domain: 'shop.test',
    selector: 's1',
    key: shop,
  });
  const listed = original.replace('Hello.\r\n', 'Hello.\r\n-- \r\nlist footer\r\n');
  const one = await seal(listed, 'lists.test', list, 'none', opts.listRecords, opts.listFrom);
  const relayed = opts.relayModifies ? one.replace('list footer', 'list footer (relayed)') : one;
  return seal(relayed, 'relay.test', relay, 'pass', 'fail');
}

const verify = (msg: string, trustedArcSealers: string[]) =>
  verifyMessage(msg, { resolver: world(), authservId: 'mx', trustedArcSealers });

describe('ARC trusted sealers over the whole chain (RFC 8617 §7.2)', () => {
  it('overrides for a trusted older sealer that recorded dmarc=pass when the later, untrusted hop changed nothing', async () => {
    const r = await verify(await chain({ listRecords: 'pass', relayModifies: false }), ['lists.test']);
    expect(r.dmarc.result).toBe('fail');
    expect(r.arc).toMatchObject({
      result: 'pass',
      instance: 2,
      oldestPass: 0,
      sealers: ['lists.test', 'relay.test'],
    });
    expect(r.dmarc.arcOverride).toEqual({
      sealer: 'lists.test',
      instance: 1,
      recordedDmarc: 'pass',
      disposition: 'none',
      reason: 'trusted_forwarder',
    });
    expect(r.why.join('\n')).toContain('lists.test (i=1), which recorded dmarc=pass, is a trusted sealer');
    // What a receiver acts on: the policy asks reject, the override makes it none (a library-user trial acted on
    // dmarc.disposition and would have rejected the message).
    expect([r.dmarc.disposition, r.summary.disposition]).toEqual(['reject', 'none']);
  });

  it('does not override when an untrusted later hop changed what the trusted sealer signed (oldest-pass above it)', async () => {
    const r = await verify(await chain({ listRecords: 'pass', relayModifies: true }), ['lists.test']);
    expect(r.arc).toMatchObject({ result: 'pass', oldestPass: 2 });
    expect(r.dmarc.arcOverride).toBeUndefined();
    expect(r.summary.disposition).toBe('reject');
    expect(r.findings.map((f) => f.id)).toContain('message.dmarc-fail');
  });

  it('overrides when every later sealer is trusted too, even if they changed the message', async () => {
    const r = await verify(await chain({ listRecords: 'pass', relayModifies: true }), [
      'lists.test',
      'relay.test',
    ]);
    expect(r.dmarc.arcOverride).toMatchObject({ sealer: 'lists.test', instance: 1 });
  });

  it('does not override on the word of trusted sealers that recorded no dmarc=pass', async () => {
    const failing = await chain({ listRecords: 'fail', relayModifies: false });
    expect((await verify(failing, ['lists.test', 'relay.test'])).dmarc.arcOverride).toBeUndefined();
    // the newest sealer alone, trusted, recorded dmarc=fail: no override either (it was the only one judged before)
    expect((await verify(failing, ['relay.test'])).dmarc.arcOverride).toBeUndefined();
  });

  it('does not override on a dmarc=pass the trusted sealer recorded for another From domain, or for none named', async () => {
    // found by a new-user trial: a pass recorded for header.from=attacker.test overrode a fail for shop.test
    for (const listFrom of ['attacker.test', '']) {
      const r = await verify(await chain({ listRecords: 'pass', relayModifies: false, listFrom }), [
        'lists.test',
      ]);
      expect({
        listFrom,
        dmarc: r.dmarc.result,
        arc: r.arc.result,
        override: r.dmarc.arcOverride ?? null,
      }).toEqual({
        listFrom,
        dmarc: 'fail',
        arc: 'pass',
        override: null,
      });
      expect(r.summary.disposition).toBe('reject');
    }
    // the same chain with header.from=SHOP.TEST. (case and a trailing dot) still vouches for shop.test
    const r = await verify(
      await chain({ listRecords: 'pass', relayModifies: false, listFrom: 'SHOP.TEST.' }),
      ['lists.test'],
    );
    expect(r.dmarc.arcOverride?.sealer).toBe('lists.test');
  });
});
