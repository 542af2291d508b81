/**
 * Generated zones for batch tests and the benchmark: `count` domains `d<N>.bulk.test` that share SPF includes,
 * MX hosts and a DKIM key at two providers, with varied DMARC, TLS-RPT, BIMI and null MX set-ups.
 */

import { generateKeyPairSync } from 'node:crypto';

const SOA = 'SOA ns.bulk.test. hostmaster.bulk.test. 1 7200 900 1209600 300';
/** Every zone's apex NS (a zone needs one; ns.bulk.test has its address in the bulk zone). */
const NS = 'NS ns.bulk.test.';

/** A DKIM RSA public key (1024 bits, so every answer fits in 512 octets of UDP) as a `p=` value. */
export function dkimPublicKey(): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** The zone texts: the bulk domains, the two providers, and their reverse zone. */
export function bulkZones(count: number, p = dkimPublicKey()): { domains: string[]; zones: string[] } {
  const domains: string[] = [];
  const bulk = [`$ORIGIN bulk.test.`, `@ ${SOA}`, `@ ${NS}`, 'ns A 192.0.2.53'];
  for (let i = 0; i < count; i++) {
    const d = `d${i}`;
    domains.push(`${d}.bulk.test`);
    const provider = i % 2 === 0 ? 'provider-a.test' : 'provider-b.test';
    if (i % 17 === 5) {
      bulk.push(`${d} MX 0 .`, `${d} TXT "v=spf1 include:_spf.${provider} -all"`);
    } else {
      bulk.push(`${d} MX 10 mx1.${provider}.`, `${d} MX 20 mx2.${provider}.`);
      bulk.push(`${d} TXT "v=spf1 include:_spf.${provider} ${i % 3 === 0 ? 'ip4:203.0.113.0/24 ' : ''}-all"`);
    }
    const policy = ['reject', 'quarantine', 'none'][i % 3]!;
    bulk.push(`_dmarc.${d} TXT "v=DMARC1; p=${policy}; rua=mailto:dmarc@${d}.bulk.test"`);
    bulk.push(`s1._domainkey.${d} TXT "v=DKIM1; k=rsa; p=${p}"`);
    if (i % 4 === 0) bulk.push(`_smtp._tls.${d} TXT "v=TLSRPTv1; rua=mailto:tls@${d}.bulk.test"`);
    if (i % 5 === 0) bulk.push(`default._bimi.${d} TXT "v=BIMI1; l=https://bimi.${d}.bulk.test/logo.svg"`);
    if (i % 7 === 0) bulk.push(`_mta-sts.${d} TXT "v=STSv1; id=${i}"`);
  }
  const provider = (name: string, net: string) =>
    [
      `$ORIGIN ${name}.`,
      `@ ${SOA}`,
      `@ ${NS}`,
      `_spf TXT "v=spf1 include:_netblocks.${name} include:_netblocks2.${name} ~all"`,
      `_netblocks TXT "v=spf1 ip4:${net}.0/25 -all"`,
      `_netblocks2 TXT "v=spf1 ip4:${net}.128/25 -all"`,
      `mx1 A ${net}.25`,
      `mx2 A ${net}.26`,
    ].join('\n');
  const reverse = [
    `$ORIGIN 100.51.198.in-addr.arpa.`,
    `@ ${SOA}`,
    `@ ${NS}`,
    '25 PTR mx1.provider-a.test.',
    '26 PTR mx2.provider-a.test.',
  ].join('\n');
  const reverseB = [
    `$ORIGIN 0.0.192.in-addr.arpa.`,
    `@ ${SOA}`,
    `@ ${NS}`,
    '25 PTR mx1.provider-b.test.',
  ].join('\n');
  return {
    domains,
    zones: [
      `${bulk.join('\n')}\n`,
      provider('provider-a.test', '198.51.100'),
      provider('provider-b.test', '192.0.0'),
      reverse,
      reverseB,
    ],
  };
}
