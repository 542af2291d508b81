import { describe, expect, it } from 'vitest';
import type { Resolver } from '../../src/dns/resolver.js';
import { checkHost, DEFAULT_SPF_LIMITS, verifySpfIdentity } from '../../src/spf/check-host.js';
import { explainSpf } from '../../src/spf/explain.js';
import { failing, recording, zones } from '../support/resolvers.js';

const Z = {
  'example.com': `
@        TXT "v=spf1 mx include:_spf.mid.example -all" 
@        MX  10 mail
mail     A   192.0.2.10
limit2   TXT "v=spf1 a a a ip4:192.0.2.99 -all"
limit2   A   192.0.2.1
voids    TXT "v=spf1 a:nx1.example.com a:nx2.example.com a:nx3.example.com ip4:192.0.2.99 -all"
mx11     TXT "v=spf1 mx -all"
mx11     MX  0 m1
mx11     MX  1 m2
mx11     MX  2 m3
mx11     MX  3 m4
mx11     MX  4 m5
mx11     MX  5 m6
mx11     MX  6 m7
mx11     MX  7 m8
mx11     MX  8 m9
mx11     MX  9 m10
mx11     MX  10 m11
m11      A   192.0.2.11
expfail  TXT "v=spf1 -all exp=why.example.com"
why      TXT "%{i} is not one of %{d}'s designated mail servers."
spf99    SPF "v=spf1 +all"
`,
  'mid.example': `
_spf     TXT "v=spf1 include:_spf.esp.example ~all"
`,
  'esp.example': `
_spf     TXT "v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:5::/48 ?all"
`,
};

describe('checkHost', () => {
  const resolver = zones(Z);

  it('passes through two includes and records the deciding term, depth and lookups', async () => {
    const r = await checkHost(
      { ip: '203.0.113.5', domain: 'example.com', sender: 'a@example.com' },
      { resolver },
    );
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(3); // mx, include, include
    expect(r.voidLookups).toBe(0);
    expect(r.decidedBy).toMatchObject({
      kind: 'mechanism',
      domain: '_spf.esp.example',
      term: 'ip4:203.0.113.0/24',
      qualifier: '+',
      depth: 2,
    });
    expect(r.decidedBy?.path.map((h) => [h.domain, h.term, h.target])).toEqual([
      ['example.com', 'include:_spf.mid.example', '_spf.mid.example'],
      ['_spf.mid.example', 'include:_spf.esp.example', '_spf.esp.example'],
    ]);
    const records = r.trace
      .filter((e) => e.type === 'record')
      .map((e) => e.type === 'record' && [e.domain, e.depth]);
    expect(records).toEqual([
      ['example.com', 0],
      ['_spf.mid.example', 1],
      ['_spf.esp.example', 2],
    ]);
    const terms = r.trace
      .filter((e) => e.type === 'term')
      .map((e) => e.type === 'term' && `${e.domain} ${e.term} ${e.outcome}`);
    expect(terms).toEqual([
      'example.com mx no-match',
      '_spf.esp.example ip4:203.0.113.0/24 match',
      '_spf.mid.example include:_spf.esp.example match',
      'example.com include:_spf.mid.example match',
    ]);
    const text = explainSpf(r);
    expect(text).toContain(
      '203.0.113.5 matched ip4:203.0.113.0/24 in the record of _spf.esp.example, reached through include at depth 2',
    );
    expect(text).toContain('3 of 10 lookups used');
  });

  it('gives fail with the domain explanation, macros expanded (§6.2)', async () => {
    const r = await checkHost(
      { ip: '192.0.2.200', domain: 'expfail.example.com', sender: 'x@expfail.example.com' },
      { resolver },
    );
    expect(r.result).toBe('fail');
    expect(r.explanation).toBe("192.0.2.200 is not one of expfail.example.com's designated mail servers.");
    expect(explainSpf(r)).toContain(`The domain's explanation: "192.0.2.200 is not one`);
  });

  it('treats an IPv4-mapped IPv6 client as IPv4 (§5)', async () => {
    const r = await checkHost(
      { ip: '::ffff:192.0.2.10', domain: 'example.com', sender: 'a@example.com' },
      { resolver },
    );
    expect(r.result).toBe('pass');
    expect(r.ip).toBe('192.0.2.10');
    expect(r.decidedBy?.term).toBe('mx');
  });

  it('enforces a configurable lookup limit (§4.6.4)', async () => {
    const p = { ip: '192.0.2.99', domain: 'limit2.example.com', sender: 'a@limit2.example.com' };
    expect((await checkHost(p, { resolver })).result).toBe('pass');
    const r = await checkHost(p, { resolver, limits: { maxLookups: 2 } });
    expect(r.result).toBe('permerror');
    expect(r.problemAt).toMatchObject({ term: 'a', offset: 11 });
    expect(r.lookups).toBe(3);
  });

  it('counts void lookups: the third is permerror by default, allowed when configured', async () => {
    const p = { ip: '192.0.2.99', domain: 'voids.example.com', sender: 'a@voids.example.com' };
    const r = await checkHost(p, { resolver });
    expect(r.result).toBe('permerror');
    expect(r.voidLookups).toBe(3);
    expect(r.problemAt?.term).toBe('a:nx3.example.com');
    expect((await checkHost(p, { resolver, limits: { maxVoidLookups: 3 } })).result).toBe('pass');
  });

  it('gives permerror for an mx with more than 10 hosts, unless the limit is raised', async () => {
    const p = { ip: '192.0.2.11', domain: 'mx11.example.com', sender: 'a@mx11.example.com' };
    const r = await checkHost(p, { resolver });
    expect(r.result).toBe('permerror');
    expect(r.problem).toContain('11 MX records');
    expect((await checkHost(p, { resolver, limits: { maxMxHosts: 11 } })).result).toBe('pass');
  });

  it('maps TIMEOUT and SERVFAIL to temperror, never to none', async () => {
    const timeout = failing(resolver, { 'example.com/TXT': 'TIMEOUT' });
    const r1 = await checkHost(
      { ip: '192.0.2.10', domain: 'example.com', sender: 'a@example.com' },
      { resolver: timeout },
    );
    expect(r1.result).toBe('temperror');
    const servfail = failing(resolver, { '_spf.esp.example/TXT': 'SERVFAIL' });
    const r2 = await checkHost(
      { ip: '203.0.113.5', domain: 'example.com', sender: 'a@example.com' },
      { resolver: servfail },
    );
    expect(r2.result).toBe('temperror');
    const mxTimeout = failing(resolver, { 'example.com/MX': 'TIMEOUT' });
    const r3 = await checkHost(
      { ip: '203.0.113.5', domain: 'example.com', sender: 'a@example.com' },
      { resolver: mxTimeout },
    );
    expect(r3.result).toBe('temperror');
    expect(r3.problemAt?.term).toBe('mx');
  });

  it('stops with temperror at the elapsed-time limit (injected clock)', async () => {
    let t = 0;
    const slowClock = () => {
      t += 6_000;
      return t;
    };
    const r = await checkHost(
      { ip: '203.0.113.5', domain: 'example.com', sender: 'a@example.com' },
      { resolver, now: slowClock },
    );
    expect(DEFAULT_SPF_LIMITS.timeoutMs).toBeGreaterThanOrEqual(20_000);
    expect(r.result).toBe('temperror');
    expect(r.problem).toContain('time limit');
  });

  it('stops with temperror when a query never answers (timeoutMs)', async () => {
    const hanging: Resolver = { query: () => new Promise(() => {}) };
    const r = await checkHost(
      { ip: '192.0.2.1', domain: 'example.com', sender: 'a@example.com' },
      { resolver: hanging, limits: { timeoutMs: 30 } },
    );
    expect(r.result).toBe('temperror');
  });

  it('never throws on bad input: malformed IP -> permerror, malformed domain -> none (§4.3)', async () => {
    const bad = await checkHost(
      { ip: '999.1.1.1', domain: 'example.com', sender: 'a@example.com' },
      { resolver },
    );
    expect(bad.result).toBe('permerror');
    expect(bad.problem).toContain('not an IP address');
    expect(bad.trace).toEqual([]);
    for (const domain of ['', 'localhost', 'a..b.com', '[192.0.2.1]', `${'x'.repeat(64)}.com`]) {
      const r = await checkHost({ ip: '192.0.2.1', domain, sender: '' }, { resolver });
      expect(r.result).toBe('none');
    }
  });

  it('does not query type 99: a zone SPF-type record is not a policy (§3.1)', async () => {
    const rec = recording(resolver);
    const r = await checkHost(
      { ip: '192.0.2.1', domain: 'spf99.example.com', sender: 'a@spf99.example.com' },
      { resolver: rec },
    );
    expect(r.result).toBe('none');
    expect(rec.asked).toEqual(['spf99.example.com/TXT']);
  });
});

describe('verifySpfIdentity', () => {
  const resolver = zones(Z);
  it('checks MAIL FROM with the domain after the last @', async () => {
    const r = await verifySpfIdentity(
      { ip: '192.0.2.10', mailFrom: '<"odd@local"@example.com>', helo: 'h.example.org' },
      { resolver },
    );
    expect(r.identity).toBe('mailfrom');
    expect(r.domain).toBe('example.com');
    expect(r.result).toBe('pass');
  });
  it('checks postmaster@HELO for the null reverse-path (§2.4)', async () => {
    for (const mailFrom of ['', '<>']) {
      const r = await verifySpfIdentity({ ip: '192.0.2.10', mailFrom, helo: 'example.com' }, { resolver });
      expect(r.identity).toBe('helo');
      expect(r.sender).toBe('postmaster@example.com');
      expect(r.result).toBe('pass');
    }
  });
});

describe('include and redirect (RFC 7208 §5.2, §6.1)', () => {
  const resolver = zones({
    'hop.example': `
incnone  TXT "v=spf1 include:nothing.hop.example -all"
rednone  TXT "v=spf1 redirect=nothing.hop.example"
incbad   TXT "v=spf1 include:%{l}.hop.example -all"
redbad   TXT "v=spf1 redirect=%{l}.hop.example"
nothing  TXT "not an spf record"
redok    TXT "v=spf1 ip4:198.51.100.1 redirect=target.hop.example"
incok    TXT "v=spf1 include:target.hop.example -all"
target   TXT "v=spf1 ip4:192.0.2.0/24 ~all"
`,
  });
  const check = (domain: string, ip = '192.0.2.1', local = 'a') =>
    checkHost({ ip, domain, sender: `${local}@${domain}` }, { resolver });

  it.each([
    [
      'incnone.hop.example',
      'a',
      'include target nothing.hop.example has no SPF record (RFC 7208 §5.2)',
      'include:nothing.hop.example',
    ],
    [
      'rednone.hop.example',
      'a',
      'redirect target nothing.hop.example has no SPF record (RFC 7208 §6.1)',
      'redirect=nothing.hop.example',
    ],
    [
      'incbad.hop.example',
      'a..b',
      'include target "a..b.hop.example" is not a valid domain name (RFC 7208 §5.2)',
      'include:%{l}.hop.example',
    ],
    [
      'redbad.hop.example',
      'a..b',
      'redirect target "a..b.hop.example" is not a valid domain name (RFC 7208 §6.1)',
      'redirect=%{l}.hop.example',
    ],
  ])('%s (local-part %s): permerror "%s" at the term', async (domain, local, problem, term) => {
    const r = await check(domain, '192.0.2.1', local);
    expect(r.result).toBe('permerror');
    expect(r.problem).toBe(problem);
    expect(r.problemAt).toMatchObject({ domain, term, depth: 0 });
    expect(r.lookups).toBe(1);
    const last = r.trace.filter((e) => e.type === 'term').at(-1);
    expect(last).toMatchObject({ term, outcome: 'permerror' });
  });

  it('redirect hands over the target result; include matches only on its pass', async () => {
    const red = await check('redok.hop.example', '192.0.2.7');
    expect(red.result).toBe('pass');
    expect(red.decidedBy?.path.map((h) => [h.via, h.term, h.target])).toEqual([
      ['redirect', 'redirect=target.hop.example', 'target.hop.example'],
    ]);
    const redTerm = red.trace.find((e) => e.type === 'term' && e.term.startsWith('redirect'));
    expect(redTerm).toMatchObject({ outcome: 'match', detail: 'redirect to target.hop.example: pass' });
    expect((await check('redok.hop.example', '203.0.113.1')).result).toBe('softfail');
    const inc = await check('incok.hop.example', '192.0.2.7');
    expect(inc.result).toBe('pass');
    expect(inc.decidedBy).toMatchObject({ domain: 'target.hop.example', term: 'ip4:192.0.2.0/24', depth: 1 });
    // The target's ~all is not a pass, so the include does not match and -all decides.
    const miss = await check('incok.hop.example', '203.0.113.1');
    expect(miss.result).toBe('fail');
    expect(miss.decidedBy).toMatchObject({ domain: 'incok.hop.example', term: '-all', depth: 0 });
  });
});
