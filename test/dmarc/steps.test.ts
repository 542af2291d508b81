/**
 * DMARC over held DNS answers: the evaluation takes what a shared cache holds at once and finishes without a
 * promise, with the same result and the same question log as when it has to ask; a record lookup shared by
 * concurrent discoveries asks each `_dmarc` name once.
 */

import { describe, expect, it } from 'vitest';
import {
  createRecordLookup,
  type DmarcDiscovery,
  discoverPolicy,
  lookupDmarcRecord,
  organizationalDomain9989,
  treeWalk,
} from '../../src/dmarc/discovery.js';
import { evaluateDmarc, evaluateDmarcNow } from '../../src/dmarc/evaluate.js';
import { cachedResolver } from '../../src/dns/cache.js';
import { Deadline } from '../../src/dns/deadline.js';
import { checkMessageDmarc, checkMessageDmarcNow, type MessageDmarcInput } from '../../src/message/dmarc.js';
import { recording, zones } from '../support/resolvers.js';

const ZONES = {
  'example.com': '_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; np=reject"\nmail IN A 192.0.2.1\n',
  com: '@ IN NS ns.example.com.\n',
};

// Author Domain mail.example.com: policy from the Organizational Domain's record (sp=, the name exists); SPF's
// bounce.example.com needs its own Tree Walk (RFC 9989 §4.10.2); DKIM's example.com walks over held answers only.
const INPUT = {
  from: ['News <news@mail.example.com>'],
  spf: { result: 'pass', domain: 'bounce.example.com' },
  dkim: [{ result: 'pass', domain: 'example.com', selector: 's1' }],
};
const QUERIES = [
  'TXT _dmarc.mail.example.com',
  'TXT _dmarc.example.com',
  'TXT _dmarc.com',
  'A mail.example.com',
  'TXT _dmarc.bounce.example.com',
];

describe('evaluateDmarcNow', () => {
  it('asks what the cache does not hold (a promise), then over held answers returns the evaluation at once', async () => {
    const inner = recording(zones(ZONES));
    const cache = cachedResolver(inner);
    const cold = evaluateDmarcNow(INPUT, { resolver: cache });
    expect(cold).toBeInstanceOf(Promise);
    const first = await cold;
    expect(first).toMatchObject({
      result: 'pass',
      policy: 'quarantine',
      policySource: 'sp',
      authorDomainExists: true,
      organizationalDomain: 'example.com',
      alignedBy: ['spf', 'dkim'],
      queries: QUERIES,
    });
    expect(first.alignment.spf).toMatchObject({
      aligned: true,
      reason: 'same-organizational-domain',
      organizationalDomain: 'example.com',
    });
    const asked = inner.asked.length;
    expect(asked).toBe(QUERIES.length);

    const warm = evaluateDmarcNow(INPUT, { resolver: cache });
    expect(warm).not.toBeInstanceOf(Promise);
    // the same evaluation, the same question log (held answers are logged too), nothing asked again
    expect(warm).toEqual(first);
    expect(inner.asked).toHaveLength(asked);
    // and the same as the public async function over a resolver without a cache
    expect(await evaluateDmarc(INPUT, { resolver: zones(ZONES) })).toEqual(first);
  });

  it("through a Deadline's resolver (as verifyMessage asks): at once over held answers", async () => {
    const cache = cachedResolver(zones(ZONES));
    const deadline = new Deadline(30_000, 'the message time limit of 30000 ms');
    const input: MessageDmarcInput = {
      from: INPUT.from,
      spf: { result: 'pass', domain: 'bounce.example.com', identity: 'mailfrom', engine: 'mailgate' },
      dkim: [],
    };
    const options = { resolver: deadline.resolver(cache) };
    const first = await checkMessageDmarc(input, options);
    expect(first).toMatchObject({ result: 'pass', policy: 'quarantine', alignedBy: ['spf'] });
    const warm = checkMessageDmarcNow(input, options);
    expect(warm).not.toBeInstanceOf(Promise);
    expect(warm).toEqual(first);
    deadline.dispose();
  });

  it('a TIMEOUT the cache does not keep is asked again and stays a temperror, never "no record"', async () => {
    let timeouts = 0;
    const base = zones(ZONES);
    const cache = cachedResolver({
      query: (name, type) => {
        if (name === '_dmarc.example.com') {
          timeouts++;
          return Promise.resolve({ ok: false, name, type, kind: 'TIMEOUT', message: 'injected' } as never);
        }
        return base.query(name, type);
      },
    });
    for (let k = 1; k <= 2; k++) {
      const ev = await evaluateDmarcNow(INPUT, { resolver: cache });
      expect(ev).toMatchObject({ result: 'temperror', record: null, error: { kind: 'TIMEOUT' } });
      expect(timeouts).toBe(k);
    }
  });
});

describe('a record lookup shared by concurrent discoveries', () => {
  it('asks each _dmarc name once: a discovery waits for the answer another one asked for', async () => {
    const inner = recording(zones(ZONES));
    const lookup = createRecordLookup(inner);
    const [walk, legacy]: [DmarcDiscovery, DmarcDiscovery] = await Promise.all([
      discoverPolicy('mail.example.com', { resolver: inner, lookup }),
      discoverPolicy('mail.example.com', { resolver: inner, mode: '7489', lookup }),
    ]);
    expect(walk).toMatchObject({ source: 'organizational', policyDomain: 'example.com' });
    expect(walk.queries).toEqual(['_dmarc.mail.example.com', '_dmarc.example.com', '_dmarc.com']);
    expect(legacy).toMatchObject({ source: 'organizational', policyDomain: 'example.com' });
    expect(legacy.queries).toEqual(['_dmarc.mail.example.com', '_dmarc.example.com']);
    // the 7489 discovery's lookups are the same objects the walk got
    expect(legacy.lookups[1]).toBe(walk.lookups[1]);
    expect([...inner.asked].sort()).toEqual([
      '_dmarc.com/TXT',
      '_dmarc.example.com/TXT',
      '_dmarc.mail.example.com/TXT',
    ]);
    expect(lookup.queries).toHaveLength(3);
  });
});

describe('the public walk functions over a plain async record lookup', () => {
  it('treeWalk and organizationalDomain9989 wait for each lookup and give what a memoising lookup gives', async () => {
    const r = zones(ZONES);
    const asked: string[] = [];
    const plain = (domain: string) => {
      asked.push(domain);
      return lookupDmarcRecord(r, domain);
    };
    const walk = await treeWalk('a.mail.example.com', plain);
    expect(asked).toEqual(['a.mail.example.com', 'mail.example.com', 'example.com', 'com']);
    expect(walk).toEqual(await treeWalk('a.mail.example.com', createRecordLookup(r)));
    expect(walk.found.map((s) => s.domain)).toEqual(['example.com']);
    const org = await organizationalDomain9989('a.mail.example.com', plain);
    expect(org).toMatchObject({ domain: 'example.com', rule: 'fewest-labels' });
  });

  it("a plain lookup's rejection is the walk's rejection", async () => {
    const broken = () => Promise.reject(new Error('lookup broke'));
    await expect(treeWalk('example.com', broken)).rejects.toThrow('lookup broke');
  });
});
