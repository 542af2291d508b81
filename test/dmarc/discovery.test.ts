/**
 * RFC 9989 §4.10 DNS Tree Walk and §4.10.1/§4.10.2 policy and Organizational Domain discovery, built from the
 * RFC's own examples (§4.10, §4.10.2, §5.1.8, Appendix B.4), plus the RFC 7489 mode (§6.6.3 with the PSL).
 */

import { describe, expect, it } from 'vitest';
import {
  createRecordLookup,
  discoverPolicy,
  organizationalDomain9989,
  treeWalk,
  WALK_MAX_QUERIES,
} from '../../src/dmarc/discovery.js';
import { failing, recording, zones } from '../support/resolvers.js';

const EMPTY_COM = zones({ com: '@ IN NS ns.example.\n', example: '@ IN NS ns.example.\n' });

describe('Tree Walk query names (RFC 9989 §4.10 steps 3–7)', () => {
  it('the §4.10 example: a.b.c.d.e.f.g.h.i.j.mail.example.com needs exactly these eight queries', async () => {
    const walk = await treeWalk('a.b.c.d.e.f.g.h.i.j.mail.example.com', createRecordLookup(EMPTY_COM));
    expect(walk.steps.map((s) => s.name)).toEqual([
      '_dmarc.a.b.c.d.e.f.g.h.i.j.mail.example.com',
      '_dmarc.g.h.i.j.mail.example.com',
      '_dmarc.h.i.j.mail.example.com',
      '_dmarc.i.j.mail.example.com',
      '_dmarc.j.mail.example.com',
      '_dmarc.mail.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
    expect(walk.found).toEqual([]);
  });

  const expectedNames = (n: number): string[] => {
    const labels = Array.from({ length: n - 1 }, (_, i) => `l${n - 1 - i}`).concat('example');
    const names = [labels.join('.')];
    let cur = labels.length >= 8 ? labels.slice(-7) : labels.slice(1);
    while (cur.length > 0) {
      names.push(cur.join('.'));
      cur = cur.slice(1);
    }
    return names;
  };

  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 40]) {
    it(`${n} label${n > 1 ? 's' : ''}: ${Math.min(n, WALK_MAX_QUERIES)} queries`, async () => {
      const domain = Array.from({ length: n - 1 }, (_, i) => `l${n - 1 - i}`)
        .concat('example')
        .join('.');
      const r = recording(EMPTY_COM);
      const walk = await treeWalk(domain, createRecordLookup(r));
      const names = walk.steps.map((s) => s.domain);
      expect(names).toEqual(expectedNames(n));
      expect(names).toHaveLength(Math.min(n, 8));
      expect(r.asked).toEqual(names.map((d) => `_dmarc.${d}/TXT`));
      // the second query of a long name has exactly seven labels
      if (n >= 8) expect(names[1]!.split('.')).toHaveLength(7);
    });
  }
});

describe('Organizational Domain selection (RFC 9989 §4.10.2)', () => {
  const mailExample = (records: string) =>
    zones({ 'example.com': records, com: '@ IN NS ns.example.com.\n' });

  it('§4.10.2 example 1: records at mail.example.com and example.com -> example.com (fewest labels)', async () => {
    const r = mailExample('_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.mail IN TXT "v=DMARC1; p=none"\n');
    const o = await organizationalDomain9989('a.mail.example.com', createRecordLookup(r));
    expect(o.domain).toBe('example.com');
    expect(o.rule).toBe('fewest-labels');
    expect(o.walk.steps.map((s) => s.domain)).toEqual([
      'a.mail.example.com',
      'mail.example.com',
      'example.com',
      'com',
    ]);
  });

  it('§4.10.2 example 2: psd=n at mail.example.com -> mail.example.com, and the walk stops there', async () => {
    const r = mailExample(
      '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.mail IN TXT "v=DMARC1; p=none; psd=n"\n',
    );
    const o = await organizationalDomain9989('a.mail.example.com', createRecordLookup(r));
    expect(o).toMatchObject({ domain: 'mail.example.com', rule: 'psd=n' });
    expect(o.walk.steps.map((s) => s.domain)).toEqual(['a.mail.example.com', 'mail.example.com']);
  });

  it('§4.10.2 example 3: only _dmarc.com with psd=y -> example.com (one label below)', async () => {
    const r = zones({ com: '_dmarc IN TXT "v=DMARC1; p=reject; psd=y"\n', 'example.com': '@ IN NS ns\n' });
    const o = await organizationalDomain9989('a.mail.example.com', createRecordLookup(r));
    expect(o).toMatchObject({ domain: 'example.com', rule: 'psd=y' });
  });

  it('no record anywhere -> the start domain itself', async () => {
    const o = await organizationalDomain9989('a.mail.example.com', createRecordLookup(EMPTY_COM));
    expect(o).toMatchObject({ domain: 'a.mail.example.com', rule: 'start' });
  });

  it('psd=y at the start domain does not count: the start domain is its own Organizational Domain', async () => {
    const r = zones({ example: '_dmarc.bank IN TXT "v=DMARC1; p=reject; psd=y"\n' });
    const o = await organizationalDomain9989('bank.example', createRecordLookup(r));
    expect(o).toMatchObject({ domain: 'bank.example', rule: 'fewest-labels' });
  });

  it('B.4.1: example.com and signing.example.com both publish; both have Organizational Domain example.com', async () => {
    const r = mailExample('_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.signing IN TXT "v=DMARC1; p=none"\n');
    const lookup = createRecordLookup(r);
    expect((await organizationalDomain9989('example.com', lookup)).domain).toBe('example.com');
    const s = await organizationalDomain9989('signing.example.com', lookup);
    expect(s.domain).toBe('example.com');
    expect(s.walk.steps.map((x) => x.name)).toEqual([
      '_dmarc.signing.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
  });

  it('B.4.3: PSD bank.example (psd=y), giant.bank.example publishes, mega does not', async () => {
    const r = zones({
      example:
        '_dmarc.bank IN TXT "v=DMARC1; p=reject; psd=y"\n' +
        '_dmarc.giant.bank IN TXT "v=DMARC1; p=quarantine"\n' +
        'mail.mega.bank IN A 192.0.2.1\n',
    });
    const lookup = createRecordLookup(r);
    const author = await organizationalDomain9989('giant.bank.example', lookup);
    expect(author).toMatchObject({ domain: 'giant.bank.example', rule: 'psd=y' });
    expect(author.walk.steps.map((s) => s.domain)).toEqual(['giant.bank.example', 'bank.example']);
    expect((await organizationalDomain9989('mail.giant.bank.example', lookup)).domain).toBe(
      'giant.bank.example',
    );
    const dkim = await organizationalDomain9989('mail.mega.bank.example', lookup);
    expect(dkim.domain).toBe('mega.bank.example');
    expect(dkim.walk.steps.map((s) => s.domain)).toEqual([
      'mail.mega.bank.example',
      'mega.bank.example',
      'bank.example',
    ]);
  });
});

describe('Policy discovery (RFC 9989 §4.10.1)', () => {
  it('§5.1.8: the psd=n record at b.c.d.e.f.g.example.com is never found from a 10-label Author Domain', async () => {
    const r = zones({
      'example.com':
        '_dmarc IN TXT "v=DMARC1; p=reject"\n' + '_dmarc.b.c.d.e.f.g IN TXT "v=DMARC1; p=none; psd=n"\n',
      com: '@ IN NS ns.example.com.\n',
    });
    const d = await discoverPolicy('mail.a.b.c.d.e.f.g.example.com', { resolver: r });
    expect(d.queries).toEqual([
      '_dmarc.mail.a.b.c.d.e.f.g.example.com',
      '_dmarc.c.d.e.f.g.example.com',
      '_dmarc.d.e.f.g.example.com',
      '_dmarc.e.f.g.example.com',
      '_dmarc.f.g.example.com',
      '_dmarc.g.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
    expect(d).toMatchObject({
      recordName: '_dmarc.example.com',
      policyDomain: 'example.com',
      source: 'organizational',
      organizationalDomain: 'example.com',
    });
    expect(d.record?.published.p).toBe('reject');
    // ...while a record at the Author Domain itself is always found (the first query)
    const own = zones({
      'example.com':
        '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.mail.a.b.c.d.e.f.g IN TXT "v=DMARC1; p=none"\n',
    });
    const d2 = await discoverPolicy('mail.a.b.c.d.e.f.g.example.com', { resolver: own });
    expect(d2).toMatchObject({ source: 'domain', recordName: '_dmarc.mail.a.b.c.d.e.f.g.example.com' });
  });

  it('B.4.2: deep Author Domain, policy domain example.com', async () => {
    const r = zones({
      'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.signing IN TXT "v=DMARC1; p=none"\n',
    });
    const d = await discoverPolicy('a.b.c.d.e.f.g.h.i.j.k.example.com', { resolver: r });
    expect(d.queries).toEqual([
      '_dmarc.a.b.c.d.e.f.g.h.i.j.k.example.com',
      '_dmarc.g.h.i.j.k.example.com',
      '_dmarc.h.i.j.k.example.com',
      '_dmarc.i.j.k.example.com',
      '_dmarc.j.k.example.com',
      '_dmarc.k.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
    expect(d).toMatchObject({ policyDomain: 'example.com', organizationalDomain: 'example.com' });
  });

  it('B.4.3: the PSD record applies when the Organizational Domain publishes none', async () => {
    const r = zones({
      example:
        '_dmarc.bank IN TXT "v=DMARC1; p=reject; psd=y"\n_dmarc.giant.bank IN TXT "v=DMARC1; p=quarantine"\n',
    });
    const giant = await discoverPolicy('giant.bank.example', { resolver: r });
    expect(giant).toMatchObject({
      source: 'domain',
      policyDomain: 'giant.bank.example',
      organizationalDomain: 'giant.bank.example',
    });
    const sub = await discoverPolicy('mail.giant.bank.example', { resolver: r });
    expect(sub).toMatchObject({ source: 'organizational', policyDomain: 'giant.bank.example' });
    const mega = await discoverPolicy('mail.mega.bank.example', { resolver: r });
    expect(mega).toMatchObject({
      source: 'psd',
      policyDomain: 'bank.example',
      recordName: '_dmarc.bank.example',
      organizationalDomain: 'mega.bank.example',
    });
  });

  it('several DMARC records at one name are discarded and the walk goes on (§4.10 step 2)', async () => {
    const r = zones({
      'example.com':
        '_dmarc IN TXT "v=DMARC1; p=quarantine"\n' +
        '_dmarc.sub IN TXT "v=DMARC1; p=reject"\n_dmarc.sub IN TXT "v=DMARC1; p=none"\n' +
        '_dmarc.sub IN TXT "not dmarc"\n',
    });
    const d = await discoverPolicy('sub.example.com', { resolver: r });
    expect(d.lookups[0]).toMatchObject({ outcome: 'multiple', otherTxt: ['not dmarc'] });
    expect(d.lookups[0]!.records).toHaveLength(2);
    expect(d).toMatchObject({ source: 'organizational', policyDomain: 'example.com' });
  });

  it('a non-DMARC TXT record (an SPF record at _dmarc) is not a policy', async () => {
    const r = zones({ 'example.com': '_dmarc IN TXT "v=spf1 -all"\n' });
    const d = await discoverPolicy('example.com', { resolver: r });
    expect(d.record).toBeNull();
    expect(d.noRecordReason).toBe('no-record');
    expect(d.lookups[0]).toMatchObject({ outcome: 'none', otherTxt: ['v=spf1 -all'] });
  });

  it('multiple-records is the reason when nothing else was found', async () => {
    const r = zones({
      'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc IN TXT "v=DMARC1; p=none"\n',
    });
    const d = await discoverPolicy('example.com', { resolver: r });
    expect(d).toMatchObject({ record: null, noRecordReason: 'multiple-records' });
  });

  it('names are normalised; an invalid or too long name has no policy', async () => {
    const r = zones({ 'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n' });
    expect(await discoverPolicy('EXAMPLE.com.', { resolver: r })).toMatchObject({
      domain: 'example.com',
      source: 'domain',
    });
    expect(await discoverPolicy('a..b', { resolver: r })).toMatchObject({
      record: null,
      noRecordReason: 'invalid-domain',
    });
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(57)}.example.com`;
    const d = await discoverPolicy(long, { resolver: r });
    expect(d.lookups[0]).toMatchObject({ outcome: 'none', dnsKind: 'BADNAME' });
    expect(d.source).toBe('organizational');
  });
});

describe('transient DNS errors are not "no policy"', () => {
  const base = zones({
    'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.own IN TXT "v=DMARC1; p=none"\n',
  });

  it('a TIMEOUT at the Author Domain: temperror, no record', async () => {
    const d = await discoverPolicy('a.example.com', {
      resolver: failing(base, { '_dmarc.a.example.com': 'TIMEOUT' }),
    });
    expect(d).toMatchObject({ record: null, noRecordReason: 'dns-error', organizationalDomain: null });
    expect(d.error).toMatchObject({ kind: 'TIMEOUT', name: '_dmarc.a.example.com' });
  });

  it('a SERVFAIL higher up the walk before any record: temperror', async () => {
    const d = await discoverPolicy('a.example.com', {
      resolver: failing(base, { '_dmarc.example.com': 'SERVFAIL' }),
    });
    expect(d.record).toBeNull();
    expect(d.error?.kind).toBe('SERVFAIL');
  });

  it("after the Author Domain's own record: the record stands, the Organizational Domain is unknown", async () => {
    const d = await discoverPolicy('own.example.com', {
      resolver: failing(base, { '_dmarc.example.com': 'TIMEOUT' }),
    });
    expect(d).toMatchObject({ source: 'domain', organizationalDomain: null });
    expect(d.error?.kind).toBe('TIMEOUT');
  });

  it('RFC 7489 mode too', async () => {
    const d = await discoverPolicy('a.example.com', {
      resolver: failing(base, { '_dmarc.example.com': 'REFUSED' }),
      mode: '7489',
    });
    expect(d).toMatchObject({ record: null, noRecordReason: 'dns-error', error: { kind: 'REFUSED' } });
  });
});

describe('RFC 7489 mode (§6.6.3 with the Public Suffix List)', () => {
  const r = zones({
    'example.co.uk': '_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine"\n',
    'example.com':
      '_dmarc IN TXT "v=DMARC1; p=reject"\n' +
      '_dmarc.multi IN TXT "v=DMARC1; p=reject"\n_dmarc.multi IN TXT "v=DMARC1; p=none"\n' +
      '_dmarc.mid IN TXT "v=DMARC1; p=none"\n',
  });

  it('the domain, then its PSL Organizational Domain: two queries at most', async () => {
    const d = await discoverPolicy('a.b.mail.example.co.uk', { resolver: r, mode: '7489' });
    expect(d.queries).toEqual(['_dmarc.a.b.mail.example.co.uk', '_dmarc.example.co.uk']);
    expect(d).toMatchObject({
      mode: '7489',
      source: 'organizational',
      organizationalDomain: 'example.co.uk',
      organizationalRule: 'psl',
    });
  });

  it('intermediate records are not seen (no tree walk)', async () => {
    const d = await discoverPolicy('x.mid.example.com', { resolver: r, mode: '7489' });
    expect(d.policyDomain).toBe('example.com');
    const bis = await discoverPolicy('x.mid.example.com', { resolver: r });
    expect(bis.policyDomain).toBe('example.com'); // fewest labels in RFC 9989 too
  });

  it('several records at the domain end discovery (step 5) instead of falling back', async () => {
    const d = await discoverPolicy('multi.example.com', { resolver: r, mode: '7489' });
    expect(d).toMatchObject({ record: null, noRecordReason: 'multiple-records' });
    expect(d.queries).toEqual(['_dmarc.multi.example.com']);
    const bis = await discoverPolicy('multi.example.com', { resolver: r });
    expect(bis.policyDomain).toBe('example.com');
  });

  it('a public suffix is its own Organizational Domain', async () => {
    const d = await discoverPolicy('co.uk', { resolver: r, mode: '7489' });
    expect(d).toMatchObject({
      organizationalDomain: 'co.uk',
      organizationalRule: 'psl-suffix',
      record: null,
    });
    expect(d.queries).toEqual(['_dmarc.co.uk']);
  });
});
