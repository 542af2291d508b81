import { describe, expect, it } from 'vitest';
import { toMailauthResolver } from '../../src/dns/mailauth.js';
import { dnsFailure, type Resolver } from '../../src/dns/resolver.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';

const zone = zoneResolverFromText(
  `$ORIGIN example.test.
@ IN SOA ns hm 1 1 1 1 1
@ IN MX 10 mx1.example.test.
@ IN TXT "v=spf1 " "-all"
mx1 IN A 192.0.2.1
alias IN CNAME mx1
`,
  'example.test',
);

describe('toMailauthResolver', () => {
  it('answers in the shape of node:dns/promises', async () => {
    const r = toMailauthResolver(zone);
    expect(await r('example.test', 'TXT')).toEqual([['v=spf1 ', '-all']]);
    expect(await r('example.test', 'MX')).toEqual([{ exchange: 'mx1.example.test', priority: 10 }]);
    expect(await r('alias.example.test', 'A')).toEqual(['192.0.2.1']);
    expect(r.resultFor('EXAMPLE.test.', 'TXT')?.ok).toBe(true);
    expect(r.log).toHaveLength(3);
  });

  it('throws node-style error codes for each failure kind', async () => {
    const r = toMailauthResolver(zone);
    await expect(r('nope.example.test', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(r('mx1.example.test', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
    const failing = (kind: 'TIMEOUT' | 'SERVFAIL' | 'REFUSED'): Resolver => ({
      query: async (name, type) => dnsFailure(name, type, kind),
    });
    await expect(toMailauthResolver(failing('TIMEOUT'))('a.test', 'TXT')).rejects.toMatchObject({
      code: 'ETIMEOUT',
    });
    await expect(toMailauthResolver(failing('SERVFAIL'))('a.test', 'TXT')).rejects.toMatchObject({
      code: 'ESERVFAIL',
    });
    await expect(toMailauthResolver(failing('REFUSED'))('a.test', 'TXT')).rejects.toMatchObject({
      code: 'EREFUSED',
    });
    await expect(r('example.test', 'SRV')).rejects.toMatchObject({ code: 'ENOTIMP' });
  });
});
