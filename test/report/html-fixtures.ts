/**
 * Inputs of the HTML report tests and screenshots: a domain whose every record is hostile to an HTML page, the
 * sample domains as a batch, and the generated 300-domain batch of the batch tests.
 */
import { auditDomain, type DomainReport } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import { type BatchReport, buildBatchReport } from '../../src/audit/batch-report.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { bulkZones } from '../audit/bulk-zones.js';
import { FIXED_NOW, sampleZones } from '../support/samples.js';

/**
 * Records that try to run script, close the style element, inject elements and `javascript:` URLs, and reorder
 * text (U+202E RIGHT-TO-LEFT OVERRIDE, written `\226\128\174` in RFC 1035 notation; `\027` is ESC). Each script
 * would set `window.__pwned`.
 */
export const HOSTILE_ZONE = `$ORIGIN hostile.example.
$TTL 300
@       SOA ns1 hostmaster 1 7200 900 1209600 300
@       NS  ns1
ns1     A   192.0.2.53
@       MX  10 mail
mail    A   192.0.2.25
@       TXT "v=spf1 ip4:192.0.2.1 include:</script><script>window.__pwned=1</script> -all"
_dmarc  TXT "v=DMARC1; p=none; rua=javascript:window.__pwned=2; ruf=mailto:a@b</style><img src=x onerror=window.__pwned=3>"
sel._domainkey TXT "v=DKIM1; k=rsa; n=\\226\\128\\174exe.gnp\\027[31m; p=notbase64"
_mta-sts TXT "v=STSv1; id=<svg/onload=window.__pwned=4>"
_smtp._tls TXT "v=TLSRPTv1; rua=javascript:window.__pwned=5"
default._bimi TXT "v=BIMI1; l=javascript:window.__pwned=6; a="
`;

/** The audit of `hostile.example` (offline, selector `sel`). */
export async function hostileReport(): Promise<DomainReport> {
  const zones = [
    ...sampleZones(),
    parseZone(HOSTILE_ZONE, { origin: 'hostile.example', file: 'zones/hostile.example.zone' }),
  ];
  return auditDomain('hostile.example', {
    resolver: zoneResolver(zones, { offline: true }),
    selectors: ['sel'],
    now: FIXED_NOW,
  });
}

/** The generated batch: `count` domains `d<N>.bulk.test` audited offline (one DKIM selector, `s1`). */
export async function bulkBatch(count: number): Promise<BatchReport> {
  const { domains, zones } = bulkZones(count);
  const resolver = zoneResolver(
    zones.map((text) => parseZone(text, {})),
    { offline: true },
  );
  const result = await auditDomains(domains, {
    resolver,
    selectors: ['s1'],
    concurrency: 16,
    now: FIXED_NOW,
  });
  return buildBatchReport(result, { failOn: 'error' });
}
