/**
 * DMARC evaluation: alignment (RFC 9989 §4.4, §4.10.2, Appendix B.1, B.3.1, B.4.3), policy selection
 * (§4.10.1, `np` with the Appendix A.4 existence test), `t=y` (§4.7), RFC 7489 `pct` (§6.3), and the
 * temperror/permerror/none outcomes.
 */

import { describe, expect, it } from 'vitest';
import { evaluateDmarc } from '../../src/dmarc/evaluate.js';
import { seededRandom } from '../../src/dmarc/sampler.js';
import { failing, zones } from '../support/resolvers.js';

const pass = (domain: string, selector?: string) => ({
  result: 'pass',
  domain,
  ...(selector ? { selector } : {}),
});

describe('the issue example', () => {
  it('SPF and DKIM pass for an ESP, neither aligned: fail, reject', async () => {
    const resolver = zones({
      'example.com': '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n',
      'esp.example': '_dmarc IN TXT "v=DMARC1; p=none"\nbounce IN A 192.0.2.1\n',
    });
    const e = await evaluateDmarc(
      {
        from: ['"Example" <news@example.com>'],
        spf: { result: 'pass', domain: 'bounce.esp.example' },
        dkim: [pass('esp.example')],
      },
      { resolver },
    );
    expect(e).toMatchObject({
      result: 'fail',
      policy: 'reject',
      policySource: 'p',
      disposition: 'reject',
      authorDomain: 'example.com',
      organizationalDomain: 'example.com',
      recordName: '_dmarc.example.com',
      mode: '9989',
    });
    expect(e.alignment.spf).toMatchObject({
      aligned: false,
      reason: 'organizational-domains-differ',
      mode: 'relaxed',
    });
    expect(e.alignment.dkim[0]).toMatchObject({ aligned: false, reason: 'organizational-domains-differ' });
    expect(e.why).toBe(
      'DMARC fails: SPF passed for bounce.esp.example, not aligned with example.com (organizational domains differ); ' +
        'DKIM d=esp.example passed but is not aligned (organizational domains differ); policy reject from _dmarc.example.com',
    );
    // identifiers outside the Organizational Domain need no Tree Walk
    expect(e.queries).toEqual(['TXT _dmarc.example.com', 'TXT _dmarc.com']);
  });
});

describe('identifier alignment', () => {
  const resolver = zones({
    'example.com':
      '_dmarc IN TXT "v=DMARC1; p=reject; aspf=r; rua=mailto:dmarc-feedback@example.com"\n' +
      'child IN A 192.0.2.1\nmail IN A 192.0.2.2\n',
  });

  it('B.3.1: SPF mail.example.com (relaxed) and DKIM example.com (identical) both align', async () => {
    const e = await evaluateDmarc(
      {
        from: ['sender@example.com'],
        spf: { result: 'pass', domain: 'mail.example.com' },
        dkim: [pass('example.com', 's1')],
      },
      { resolver },
    );
    expect(e.result).toBe('pass');
    expect(e.alignedBy).toEqual(['spf', 'dkim']);
    expect(e.alignment.spf).toMatchObject({
      aligned: true,
      reason: 'same-organizational-domain',
      organizationalDomain: 'example.com',
    });
    expect(e.alignment.dkim[0]).toMatchObject({ aligned: true, reason: 'identical', selector: 's1' });
    expect(e.disposition).toBe('none');
    expect(e.why).toBe(
      'DMARC passes: SPF passed for mail.example.com, aligned with example.com (same organizational domain example.com); ' +
        'DKIM d=example.com s=s1 passed and is aligned (identical); policy reject from _dmarc.example.com',
    );
  });

  it('B.1.1 examples: strict, relaxed (child of the Author Domain), and no alignment', async () => {
    const strict = await evaluateDmarc(
      { from: ['sender@example.com'], spf: { result: 'pass', domain: 'example.com' }, dkim: [] },
      { resolver },
    );
    expect(strict.alignment.spf).toMatchObject({ aligned: true, reason: 'identical' });
    const relaxed = await evaluateDmarc(
      { from: ['sender@example.com'], spf: { result: 'pass', domain: 'child.example.com' }, dkim: [] },
      { resolver },
    );
    expect(relaxed.alignment.spf).toMatchObject({ aligned: true, reason: 'same-organizational-domain' });
    const none = await evaluateDmarc(
      { from: ['sender@child.example.com'], spf: { result: 'pass', domain: 'example.net' }, dkim: [] },
      { resolver },
    );
    expect(none).toMatchObject({ result: 'fail', policySource: 'sp' });
    expect(none.alignment.spf).toMatchObject({ aligned: false, reason: 'organizational-domains-differ' });
  });

  it('strict modes (aspf=s, adkim=s) need the identical domain', async () => {
    const r = zones({ 'example.com': '_dmarc IN TXT "v=DMARC1; p=quarantine; aspf=s; adkim=s"\n' });
    const e = await evaluateDmarc(
      {
        from: ['a@example.com'],
        spf: { result: 'pass', domain: 'mail.example.com' },
        dkim: [pass('Example.COM.')],
      },
      { resolver: r },
    );
    expect(e.result).toBe('pass');
    expect(e.alignment.spf).toMatchObject({ aligned: false, mode: 'strict', reason: 'strict-not-identical' });
    expect(e.alignment.dkim[0]).toMatchObject({ aligned: true, mode: 'strict', domain: 'example.com' });
  });

  it('only a pass authenticates: failing SPF and DKIM for the Author Domain itself do not align', async () => {
    const e = await evaluateDmarc(
      {
        from: ['a@example.com'],
        spf: { result: 'SoftFail', domain: 'example.com' },
        dkim: [
          { result: 'fail', domain: 'example.com' },
          { result: 'neutral', domain: 'example.com' },
        ],
      },
      { resolver },
    );
    expect(e.result).toBe('fail');
    expect(e.alignment.spf).toMatchObject({ authenticated: false, aligned: false, result: 'softfail' });
    expect(e.why).toBe(
      'DMARC fails: SPF softfail for example.com; DKIM d=example.com fail; DKIM d=example.com neutral; policy reject from _dmarc.example.com',
    );
  });

  it('the HELO identity of a null reverse-path counts as the SPF identifier (RFC 7208 §2.4)', async () => {
    const e = await evaluateDmarc(
      {
        from: ['a@example.com'],
        spf: { result: 'pass', domain: 'mail.example.com', identity: 'helo' },
        dkim: [],
      },
      { resolver },
    );
    expect(e.result).toBe('pass');
    expect(e.why).toContain('SPF passed for mail.example.com (HELO, null MAIL FROM), aligned');
  });

  it('B.4.3: SPF mail.giant.bank.example aligns, DKIM mail.mega.bank.example does not', async () => {
    const r = zones({
      example:
        '_dmarc.bank IN TXT "v=DMARC1; p=reject; psd=y"\n_dmarc.giant.bank IN TXT "v=DMARC1; p=quarantine"\n',
    });
    const e = await evaluateDmarc(
      {
        from: ['ceo@giant.bank.example'],
        spf: { result: 'pass', domain: 'mail.giant.bank.example' },
        dkim: [pass('mail.mega.bank.example')],
      },
      { resolver: r },
    );
    expect(e).toMatchObject({
      result: 'pass',
      organizationalDomain: 'giant.bank.example',
      policy: 'quarantine',
    });
    expect(e.alignment.spf).toMatchObject({ aligned: true, organizationalDomain: 'giant.bank.example' });
    expect(e.alignment.dkim[0]).toMatchObject({ aligned: false, reason: 'organizational-domains-differ' });
  });

  it('psd=n makes a subdomain its own organization: the modes disagree on alignment', async () => {
    const r = zones({
      'example.com':
        '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.sub IN TXT "v=DMARC1; p=reject; psd=n"\nx.sub IN A 192.0.2.1\n',
    });
    const input = { from: ['a@x.sub.example.com'], dkim: [pass('example.com')] };
    const bis = await evaluateDmarc(input, { resolver: r });
    expect(bis).toMatchObject({
      result: 'fail',
      organizationalDomain: 'sub.example.com',
      recordName: '_dmarc.sub.example.com',
    });
    expect(bis.alignment.dkim[0]!.detail).toBe(
      'organizational domains differ (example.com is not under sub.example.com)',
    );
    const legacy = await evaluateDmarc(input, { resolver: r, mode: '7489' });
    expect(legacy).toMatchObject({
      result: 'pass',
      organizationalDomain: 'example.com',
      recordName: '_dmarc.example.com',
    });
    expect(legacy.why.endsWith('[RFC 7489 mode]')).toBe(true);
  });
});

describe('policy selection: p, sp, np (RFC 9989 §4.10.1, Appendix A.4)', () => {
  const resolver = zones({
    'example.com':
      '_dmarc IN TXT "v=DMARC1; p=none; sp=quarantine; np=reject"\n' +
      'exists IN A 192.0.2.1\nmxonly IN MX 10 mx.example.com.\nalias IN CNAME gone.example.com.\n' +
      'deep.ent IN A 192.0.2.3\n',
  });
  const fail = (from: string, mode?: '9989' | '7489') =>
    evaluateDmarc(
      { from: [from], dkim: [{ result: 'fail', domain: 'example.com' }] },
      { resolver, ...(mode ? { mode } : {}) },
    );

  it('the Organizational Domain itself: p', async () => {
    expect(await fail('a@example.com')).toMatchObject({
      policy: 'none',
      policySource: 'p',
      disposition: 'none',
    });
  });
  it('an existing subdomain: sp (A record, MX only, a dangling CNAME, an empty non-terminal)', async () => {
    for (const d of ['exists', 'mxonly', 'alias', 'ent']) {
      const e = await fail(`a@${d}.example.com`);
      expect(e, d).toMatchObject({
        policy: 'quarantine',
        policySource: 'sp',
        disposition: 'quarantine',
        authorDomainExists: true,
      });
    }
  });
  it('a non-existent subdomain: np', async () => {
    const e = await fail('a@ghost.example.com');
    expect(e).toMatchObject({
      policy: 'reject',
      policySource: 'np',
      authorDomainExists: false,
      disposition: 'reject',
    });
    expect(e.queries).toEqual([
      'TXT _dmarc.ghost.example.com',
      'TXT _dmarc.example.com',
      'TXT _dmarc.com',
      'A ghost.example.com',
      'CNAME ghost.example.com',
    ]);
    expect(e.why).toContain('policy reject from _dmarc.example.com (np, non-existent subdomain)');
  });
  it('RFC 7489 mode has no np', async () => {
    expect(await fail('a@ghost.example.com', '7489')).toMatchObject({
      policy: 'quarantine',
      policySource: 'sp',
    });
  });
  it('np equal to sp: the existence test still runs, and np= is the source for a non-existent subdomain', async () => {
    const r = zones({ 'example.com': '_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine"\n' });
    const e = await evaluateDmarc({ from: ['a@ghost.example.com'], dkim: [] }, { resolver: r });
    // np defaults to sp (quarantine); ghost.example.com does not exist, so np applies (RFC 9989 §4.7)
    expect(e).toMatchObject({ policy: 'quarantine', policySource: 'np', authorDomainExists: false });
    expect(e.queries.filter((q) => !q.startsWith('TXT'))).toEqual([
      'A ghost.example.com',
      'CNAME ghost.example.com',
    ]);
  });
  it('explicit np= equal to sp= (np.example): np= for a non-existent subdomain, sp= for an existing one', async () => {
    const r = zones({
      'np.example':
        '@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; sp=reject; np=reject"\nwww A 192.0.2.1\n',
    });
    const gone = await evaluateDmarc({ from: ['a@nothere.np.example'], dkim: [] }, { resolver: r });
    expect(gone).toMatchObject({ policy: 'reject', policySource: 'np', authorDomainExists: false });
    const www = await evaluateDmarc({ from: ['a@www.np.example'], dkim: [] }, { resolver: r });
    expect(www).toMatchObject({ policy: 'reject', policySource: 'sp', authorDomainExists: true });
  });
  it('np equal to sp and the existence test fails: sp applies, no temperror (the policy is the same)', async () => {
    const r = failing(zones({ 'example.com': '_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine"\n' }), {
      'ghost.example.com/A': 'TIMEOUT',
    });
    const e = await evaluateDmarc({ from: ['a@ghost.example.com'], dkim: [] }, { resolver: r });
    expect(e).toMatchObject({
      result: 'fail',
      policy: 'quarantine',
      policySource: 'sp',
      authorDomainExists: null,
    });
  });
  it('a subdomain record of its own: p of that record', async () => {
    const r = zones({
      'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc.news IN TXT "v=DMARC1; p=none"\n',
    });
    const e = await evaluateDmarc({ from: ['a@news.example.com'], dkim: [] }, { resolver: r });
    expect(e).toMatchObject({
      policy: 'none',
      policySource: 'p',
      recordName: '_dmarc.news.example.com',
      organizationalDomain: 'example.com',
    });
  });
});

describe('t=y and pct', () => {
  const resolver = zones({
    'example.com': '_dmarc IN TXT "v=DMARC1; p=reject; t=y; pct=50"\n',
    'example.org': '_dmarc IN TXT "v=DMARC1; p=quarantine; t=y"\n',
  });
  const input = (d: string) => ({ from: [`a@${d}`], dkim: [] });

  it('RFC 9989: t=y applies the policy one level lower, pct is ignored', async () => {
    expect(await evaluateDmarc(input('example.com'), { resolver })).toMatchObject({
      result: 'fail',
      policy: 'reject',
      testing: true,
      disposition: 'quarantine',
    });
    const org = await evaluateDmarc(input('example.org'), { resolver });
    expect(org).toMatchObject({ policy: 'quarantine', disposition: 'none' });
    expect(org.why).toContain('t=y: none applied');
  });

  it('RFC 7489: t is unknown, pct samples with the given random source', async () => {
    const hit = await evaluateDmarc(input('example.com'), { resolver, mode: '7489', random: () => 0.2 });
    expect(hit).toMatchObject({
      disposition: 'reject',
      testing: false,
      sampling: { pct: 50, draw: 0.2, selected: true },
    });
    const miss = await evaluateDmarc(input('example.com'), { resolver, mode: '7489', random: () => 0.7 });
    expect(miss).toMatchObject({ disposition: 'quarantine', sampling: { selected: false } });
    expect(miss.why).toContain('pct=50: not sampled, quarantine applied');
    expect((await evaluateDmarc(input('example.org'), { resolver, mode: '7489' })).disposition).toBe(
      'quarantine',
    );
  });

  it('a seeded sampler reproduces the same dispositions, about pct% of them selected', async () => {
    const run = async (seed: number) => {
      const random = seededRandom(seed);
      const out: string[] = [];
      for (let i = 0; i < 200; i++) {
        out.push((await evaluateDmarc(input('example.com'), { resolver, mode: '7489', random })).disposition);
      }
      return out;
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    const rejected = a.filter((d) => d === 'reject').length;
    expect(rejected).toBeGreaterThan(70);
    expect(rejected).toBeLessThan(130);
  });
});

describe('none, temperror, permerror', () => {
  const base = zones({
    'example.com':
      '_dmarc IN TXT "v=DMARC1; p=reject; sp=reject; np=none"\n_dmarc.own IN TXT "v=DMARC1; p=reject"\n' +
      '_dmarc.bad IN TXT "v=DMARC1; p=block"\n',
  });

  it('no record: none, with the names asked', async () => {
    const e = await evaluateDmarc(
      { from: ['a@example.net'], dkim: [pass('example.net')] },
      { resolver: base },
    );
    expect(e).toMatchObject({ result: 'none', policy: null, disposition: 'none', recordName: null });
    expect(e.why).toBe(
      'No DMARC policy for example.net: no DMARC record found (asked _dmarc.example.net, _dmarc.net)',
    );
  });

  it('a record with no valid p and no rua: none (RFC 9989 §4.10.1)', async () => {
    const e = await evaluateDmarc({ from: ['a@bad.example.com'], dkim: [] }, { resolver: base });
    expect(e).toMatchObject({ result: 'none', recordName: '_dmarc.bad.example.com', effective: null });
    expect(e.why).toContain('gets no DMARC processing');
  });

  it('a TIMEOUT on the policy query is a temperror, not none', async () => {
    const r = failing(base, { '_dmarc.x.example.com': 'TIMEOUT' });
    const e = await evaluateDmarc(
      { from: ['a@x.example.com'], dkim: [pass('example.com')] },
      { resolver: r },
    );
    expect(e).toMatchObject({ result: 'temperror', disposition: 'none', error: { kind: 'TIMEOUT' } });
    expect(e.why).toBe(
      'DMARC temperror: DNS TIMEOUT for _dmarc.x.example.com; the policy for x.example.com cannot be determined',
    );
  });

  it('an existence test that times out: temperror when nothing aligns and np differs from sp', async () => {
    const r = failing(base, { 'ghost.example.com/A': 'SERVFAIL' });
    const e = await evaluateDmarc({ from: ['a@ghost.example.com'], dkim: [] }, { resolver: r });
    expect(e).toMatchObject({
      result: 'temperror',
      authorDomainExists: null,
      policy: 'none',
      error: { kind: 'SERVFAIL' },
    });
    const aligned = await evaluateDmarc(
      { from: ['a@ghost.example.com'], dkim: [pass('example.com')] },
      { resolver: r },
    );
    expect(aligned.result).toBe('pass');
  });

  it("an identifier's Tree Walk that fails: temperror unless another identifier aligns", async () => {
    const r = failing(base, { '_dmarc.mail.example.com': 'TIMEOUT' });
    const e = await evaluateDmarc(
      { from: ['a@own.example.com'], dkim: [pass('mail.example.com')] },
      { resolver: r },
    );
    expect(e.result).toBe('temperror');
    expect(e.alignment.dkim[0]).toMatchObject({
      aligned: null,
      reason: 'dns-error',
      error: { kind: 'TIMEOUT' },
    });
    const other = await evaluateDmarc(
      { from: ['a@own.example.com'], dkim: [pass('mail.example.com'), pass('own.example.com')] },
      { resolver: r },
    );
    expect(other.result).toBe('pass');
  });

  it("the Author Domain's own record with a failed walk above it: identifiers with another TLD still fail", async () => {
    const r = failing(base, { '_dmarc.example.com': 'TIMEOUT' });
    const e = await evaluateDmarc(
      { from: ['a@own.example.com'], dkim: [pass('esp.example')] },
      { resolver: r },
    );
    expect(e).toMatchObject({ result: 'fail', organizationalDomain: null, policy: 'reject' });
    const same = await evaluateDmarc(
      { from: ['a@own.example.com'], dkim: [pass('example.com')] },
      { resolver: r },
    );
    expect(same.result).toBe('temperror');
  });

  it('the Tree Walk limit per message', async () => {
    let zone = '_dmarc IN TXT "v=DMARC1; p=reject"\n';
    for (let i = 0; i < 12; i++) zone += `_dmarc.s${i} IN TXT "v=DMARC1; p=none; psd=n"\n`;
    const r = zones({ 'example.com': zone });
    const e = await evaluateDmarc(
      { from: ['a@example.com'], dkim: Array.from({ length: 12 }, (_, i) => pass(`s${i}.example.com`)) },
      { resolver: r },
    );
    expect(e.alignment.dkim.slice(0, 10).every((a) => a.aligned === false)).toBe(true);
    expect(e.alignment.dkim[10]).toMatchObject({ aligned: null, reason: 'walk-limit' });
    expect(e.result).toBe('temperror');
  });

  it('no From, several From fields, malformed From: permerror, never a crash', async () => {
    for (const from of [
      [],
      ['a@example.com', 'b@example.com'],
      ['not an address'],
      ['undisclosed-recipients:;'],
    ]) {
      const e = await evaluateDmarc({ from, dkim: [pass('example.com')] }, { resolver: base });
      expect(e.result, JSON.stringify(from)).toBe('permerror');
      expect(e.queries).toEqual([]);
      expect(e.why.startsWith('DMARC cannot be evaluated (permerror): ')).toBe(true);
    }
  });

  it('a resolver that throws (against its contract) gives a temperror, not a crash', async () => {
    const broken = {
      query: async () => {
        throw new Error('boom');
      },
    };
    const e = await evaluateDmarc(
      { from: ['a@example.com'], dkim: [pass('example.com')] },
      { resolver: broken },
    );
    expect(e).toMatchObject({
      result: 'temperror',
      error: { kind: 'SERVFAIL', message: 'resolver error: boom' },
    });
  });

  it('an address literal Author Domain: none', async () => {
    const e = await evaluateDmarc({ from: ['a@[192.0.2.1]'], dkim: [] }, { resolver: base });
    expect(e).toMatchObject({ result: 'none', authorDomain: null });
  });
});

describe('several Author Domains in one From field (RFC 9989 §11.5)', () => {
  const resolver = zones({
    'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n',
    'example.org': '_dmarc IN TXT "v=DMARC1; p=quarantine"\n',
  });
  const input = { from: ['a@example.com, b@example.org'], dkim: [pass('example.org')] };

  it('each is evaluated and the strictest failing policy applies', async () => {
    const e = await evaluateDmarc(input, { resolver });
    expect(e).toMatchObject({ result: 'fail', disposition: 'reject', authorDomain: 'example.com' });
    expect(e.perAuthorDomain?.map((x) => [x.authorDomain, x.result])).toEqual([
      ['example.com', 'fail'],
      ['example.org', 'pass'],
    ]);
    expect(e.why.startsWith('Several Author Domains (example.com, example.org)')).toBe(true);
  });

  it('or stop with permerror, or above the limit', async () => {
    expect((await evaluateDmarc(input, { resolver, multipleAuthorDomains: 'permerror' })).result).toBe(
      'permerror',
    );
    expect((await evaluateDmarc(input, { resolver, maxAuthorDomains: 1 })).result).toBe('permerror');
  });
});
