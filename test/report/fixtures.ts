/** Reports used by the renderer tests: sample domains, a hostile domain, and one with DNS trouble. */
import type { DomainReport } from '../../src/audit/audit.js';
import { auditDomain } from '../../src/audit/audit.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { failing } from '../support/resolvers.js';
import { auditSample, FIXED_NOW, sampleResolver, sampleZones } from '../support/samples.js';

/**
 * A zone whose TXT records try to inject workflow commands, Markdown, HTML and terminal escapes
 * (`\027` is ESC, `\010` a line feed, in RFC 1035 `\DDD` notation).
 */
export const EVIL_ZONE = `$ORIGIN evil.example.
$TTL 300
@       SOA ns1 hostmaster 1 7200 900 1209600 300
@       NS  ns1
ns1     A   192.0.2.53
@       TXT "v=spf1 ip4:192.0.2.1 include:%0A::error::spf -all"
_dmarc  TXT "v=DMARC1; p=none; x=::add-mask::secret; y=<img src=x onerror=alert(1)>**bold**|cell|[l](https://evil.example); z=\\027[31mred\\010::error::newline; w=::stop-commands::tok; v=##[set-output name=x]y"
sel._domainkey TXT "v=DKIM1; k=rsa; n=::warning::note; p=notbase64!!"
`;

/** The strings that must never reach a workflow command or the summary unescaped. */
export const HOSTILE = [
  '::error::',
  '::add-mask::',
  '::stop-commands::',
  '%0A',
  '<img',
  '**bold**',
  '\u001b',
  '##[',
];

export async function evilReport(): Promise<DomainReport> {
  const zones = [
    ...sampleZones(),
    parseZone(EVIL_ZONE, { origin: 'evil.example', file: 'zones/evil.example.zone' }),
  ];
  return auditDomain('evil.example', {
    resolver: zoneResolver(zones, { offline: true }),
    selectors: ['sel'],
    now: FIXED_NOW,
  });
}

export async function troubleReport(): Promise<DomainReport> {
  const resolver = failing(sampleResolver(), (n) => (n.startsWith('_dmarc.') ? 'TIMEOUT' : undefined));
  return auditSample('mailgate-healthy.example', { resolver, selectors: ['s2026'] });
}

export async function sampleReports(): Promise<DomainReport[]> {
  return [
    await auditSample('mailgate-healthy.example', { selectors: ['s2026'] }),
    await auditSample('too-many-lookups.example', { selectors: ['google'] }),
    await auditSample('broken-spf.example'),
  ];
}
