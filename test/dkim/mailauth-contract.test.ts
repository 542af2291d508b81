// What src/dkim/verify.ts assumes about mailauth's DKIM results, checked against the installed mailauth: the
// stable fields it reads, and each status comment it still has to read (src/dkim/mailauth-status.ts). An upgrade
// that renames a field or rewords a comment fails here, not silently in the verdicts.
import { type DKIMResult, dkimVerify } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAILAUTH_PASSED_THEN_EXPIRED } from '../../src/dkim/mailauth-status.js';
import { toMailauthResolver } from '../../src/dns/mailauth.js';
import { txtZone } from '../support/resolvers.js';
import { ed25519Key, handSign, keyRecord, message, sign, type TestKey } from './helpers.js';

const D = 'mail.example';
let ed: TestKey;
beforeAll(() => {
  ed = ed25519Key();
});

/** mailauth's result for the only signature of `msg`, as src/dkim/verify.ts calls it (lenient mode). */
async function mailauthResult(msg: string, now: Date): Promise<DKIMResult> {
  const resolver = toMailauthResolver(txtZone(D, { 's._domainkey': keyRecord(ed) }));
  const out = await dkimVerify(Buffer.from(msg), {
    resolver: resolver as never,
    minBitLength: 1,
    curTime: now,
  });
  expect(out.results).toHaveLength(1);
  return out.results[0]!;
}

const signTime = new Date('2024-03-01T00:00:00Z');
const expires = new Date('2024-03-08T00:00:00Z');

describe('mailauth DKIM contract', () => {
  it('pass: status.result "pass"', async () => {
    const msg = await sign(message(), { domain: D, selector: 's', key: ed, signTime });
    const r = await mailauthResult(msg, new Date('2024-03-02T00:00:00Z'));
    expect(r.status.result).toBe('pass');
    expect(r.bodyHash).toBe(r.bodyHashExpecting);
  });

  it('a changed body: bodyHash differs from bodyHashExpecting (the fields verify.ts reads)', async () => {
    const msg = (await sign(message(), { domain: D, selector: 's', key: ed, signTime })).replace(
      'the numbers are attached',
      'the numbers are ATTACHED',
    );
    const r = await mailauthResult(msg, new Date('2024-03-02T00:00:00Z'));
    expect(typeof r.bodyHash).toBe('string');
    expect(typeof r.bodyHashExpecting).toBe('string');
    expect(r.bodyHash).not.toBe(r.bodyHashExpecting);
    expect(r.status.result).not.toBe('pass');
    expect(r.status.comment).toBe('body hash did not verify');
  });

  it('expired: verified, then "neutral" with the comment "expired" (read by verify.ts)', async () => {
    const msg = await sign(message(), { domain: D, selector: 's', key: ed, signTime, expires });
    const r = await mailauthResult(msg, new Date('2024-03-09T00:00:00Z'));
    expect(r.status.result).toBe('neutral');
    expect(r.status.comment).toBe('expired');
    expect(MAILAUTH_PASSED_THEN_EXPIRED.has(r.status.comment ?? '')).toBe(true);
    // the same signature before x= passes: "expired" is only set after the cryptography verified
    expect((await mailauthResult(msg, new Date('2024-03-02T00:00:00Z'))).status.result).toBe('pass');
  });

  it('x= before t=: verified, then "neutral" with the comment "invalid expiration" (read by verify.ts)', async () => {
    const msg = await sign(message(), {
      domain: D,
      selector: 's',
      key: ed,
      signTime: expires,
      expires: signTime,
    });
    expect(msg).toMatch(/x=\d+/);
    // verified before x= itself (after it, mailauth says "expired" instead)
    const r = await mailauthResult(msg, new Date('2024-02-28T00:00:00Z'));
    expect(r.status.result).toBe('neutral');
    expect(r.status.comment).toBe('invalid expiration');
    expect(MAILAUTH_PASSED_THEN_EXPIRED.has(r.status.comment ?? '')).toBe(true);
  });

  it('From not in h=: never verified, "neutral" (verify.ts decides from its own parse of h=)', async () => {
    const msg = handSign(message(), { domain: D, selector: 's', key: ed, h: ['to', 'subject'] });
    const r = await mailauthResult(msg, new Date('2024-03-02T00:00:00Z'));
    expect(r.status.result).toBe('neutral');
    expect(r.status.comment).toBe('From field not signed');
  });

  it('lists exactly the comments verify.ts reads', () => {
    expect([...MAILAUTH_PASSED_THEN_EXPIRED].sort()).toEqual(['expired', 'invalid expiration']);
  });
});
