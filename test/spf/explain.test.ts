import { describe, expect, it } from 'vitest';
import { checkHost } from '../../src/spf/check-host.js';
import { explainSpf } from '../../src/spf/explain.js';
import { zones } from '../support/resolvers.js';

const resolver = zones({
  'example.net': `
plain    TXT "v=spf1 ip4:192.0.2.0/24"
broken   TXT "v=spf1 ip4:192.0.2.0/24 include:bad.example.net -all"
bad      TXT "v=spf1 a:%{z}.example.net -all"
redir    TXT "v=spf1 redirect=plain.example.net"
`,
});
const params = (domain: string, ip = '198.51.100.1') => ({ ip, domain, sender: `x@${domain}` });

describe('explainSpf', () => {
  it('explains the default neutral result (§4.7)', async () => {
    const r = await checkHost(params('plain.example.net'), { resolver });
    expect(explainSpf(r)).toBe(
      'SPF neutral for plain.example.net: the domain makes no assertion about the client. 198.51.100.1 matched no ' +
        'mechanism in the record of plain.example.net, which has no redirect, so the default result is neutral ' +
        '(RFC 7208 §4.7). 0 of 10 lookups used.',
    );
  });

  it('names the term, position and depth of a permerror', async () => {
    const r = await checkHost(params('broken.example.net'), { resolver });
    expect(r.result).toBe('permerror');
    const text = explainSpf(r);
    expect(text).toContain('SPF permerror for broken.example.net: the policy could not be interpreted.');
    expect(text).toContain('syntax error in the SPF record of bad.example.net at position 9');
    expect(text).toContain(
      '(term "a:%{z}.example.net" at position 7 of the record of bad.example.net, depth 1)',
    );
  });

  it('says when the decision came through a redirect', async () => {
    const r = await checkHost(params('redir.example.net', '192.0.2.7'), { resolver });
    expect(r.result).toBe('pass');
    expect(explainSpf(r)).toContain(
      '192.0.2.7 matched ip4:192.0.2.0/24 in the record of plain.example.net, reached through redirect=plain.example.net in redir.example.net (depth 1).',
    );
    expect(explainSpf(r)).toContain('1 of 10 lookups used.');
  });

  it('explains none', async () => {
    const r = await checkHost(params('nothing.example.net'), { resolver });
    expect(explainSpf(r)).toBe(
      'SPF none for nothing.example.net: the domain publishes no SPF policy. nothing.example.net publishes no SPF record (RFC 7208 §4.5). 0 of 10 lookups used.',
    );
  });
});
