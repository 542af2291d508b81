/**
 * Audits the DKIM keys a domain publishes (RFC 6376 §3.6): for each selector, the key record parsed and the
 * key measured; without selectors, whether `_domainkey.<domain>` exists at all (RFC 8020) and a probe of
 * common selectors.
 *
 * @module
 */

import { type DnsFailureKind, isAbsent, joinTxt, normalizeName, type Resolver } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import { DKIM_FINDINGS as F } from './findings.js';
import { type DkimKeyRecordView, keyRecordFindings, keyRecordView } from './lint.js';
import { parseDkimKeyRecord } from './record.js';
import { COMMON_SELECTORS, providerForCname } from './selectors.js';

/** Options for {@link auditDkim}. */
export interface DkimAuditOptions {
  /** Selectors to check. When given, discovery is off unless `discover` is true. */
  selectors?: string[];
  /** Where records come from. */
  resolver: Resolver;
  /**
   * Probe {@link COMMON_SELECTORS} (default: true when no `selectors` are given). Skipped when `_domainkey`
   * is NXDOMAIN, since RFC 8020 says nothing exists below a name that does not exist.
   */
  discover?: boolean;
  /**
   * More selectors to probe during discovery, before {@link COMMON_SELECTORS}: the ones local data says exist
   * (the `<selector>._domainkey.<domain>` names of the loaded zone files). Found ones are `discovered`.
   */
  candidates?: string[];
}

/** One selector's audit. */
export interface DkimSelectorAudit {
  /** The selector as given or probed. */
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /**
   * `found`: a usable key record (no errors, not revoked); `none`: NXDOMAIN, NODATA or BADNAME; `invalid`: TXT
   * records, none of them usable (`statusDetail` `revoked` when the first is revoked: empty `p=`); `dns-error`:
   * the lookup failed (TIMEOUT, SERVFAIL, REFUSED).
   */
  status: RecordStatus;
  /** `revoked`: an `invalid` selector whose key is revoked (empty `p=`, RFC 6376 §3.6.1). */
  statusDetail?: 'revoked';
  /** The DNS failure kind for `none`/`dns-error`. */
  dnsError?: DnsFailureKind;
  /** `given` by the caller or `discovered` by probing the common list. */
  origin: 'given' | 'discovered';
  /** CNAMEs followed to the record (a key delegated to a provider). */
  cnames?: string[];
  /** The provider, from the CNAME target or the common-selector list. */
  provider?: string;
  /** The TXT records at the name, parsed: the first {@link MAX_KEY_RECORDS} (`recordCount` says how many there were). */
  records: DkimKeyRecordView[];
  /** How many TXT records the name holds, when more than {@link MAX_KEY_RECORDS} (only those are parsed and judged). */
  recordCount?: number;
}

/**
 * The most TXT records of one selector that are parsed and judged (each gets its findings); the others are
 * counted. A name with 100k records made one audit use 1.1 GB and write a 206 MB report.
 */
export const MAX_KEY_RECORDS = 20;

/** Whether `_domainkey.<domain>` exists: `exists` (NOERROR, maybe an empty non-terminal), `nxdomain`, or `unknown`. */
export interface DomainKeyTree {
  /** `_domainkey.<domain>`. */
  name: string;
  /** What the answer means: names exist below it, nothing exists below it, or it could not be told. */
  status: 'exists' | 'nxdomain' | 'unknown';
  /** The DNS answer kind: `NOERROR` (records or an empty non-terminal) or a failure kind. */
  answer: 'NOERROR' | DnsFailureKind;
  /** A sentence explaining what the answer means. */
  note: string;
}

/** The DKIM audit of a domain. JSON-stable. */
export interface DkimAudit {
  /** The audited domain (lower-case A-labels). */
  domain: string;
  /** The RFC 8020 check of `_domainkey.<domain>` (asked only when no selectors were given). */
  domainKeyTree?: DomainKeyTree;
  /** The probe of common selectors, when it ran. */
  discovery?: {
    /** Selectors probed. */
    probed: string[];
    /** Selectors that have TXT records. */
    found: string[];
    /**
     * Selectors whose lookup failed with a transient DNS error (TIMEOUT, SERVFAIL, REFUSED), with the kind.
     * They are not in {@link DkimAudit.selectors}; one `dkim.dns-error` finding counts them.
     */
    unchecked: { selector: string; kind: DnsFailureKind }[];
    /** Always: discovery can never prove that a domain has no DKIM key. */
    note: string;
  };
  /**
   * The selectors checked: given ones always; discovered ones only when found (probes that failed with a DNS
   * error are counted in {@link DkimAudit.discovery}).
   */
  selectors: DkimSelectorAudit[];
  /** Findings about the keys (ids `dkim.*`, see src/dkim/findings.ts). */
  findings: Finding[];
}

const DISCOVERY_NOTE =
  'Selectors cannot be listed through DNS; only common selectors were probed, so finding none never proves that the domain publishes no DKIM key.';

async function auditSelector(
  domain: string,
  selector: string,
  origin: 'given' | 'discovered',
  resolver: Resolver,
): Promise<{ audit: DkimSelectorAudit; findings: Finding[] }> {
  const name = `${selector}._domainkey.${domain}`;
  const audit: DkimSelectorAudit = { selector, name, status: 'none', origin, records: [] };
  const findings: Finding[] = [];
  const res = await resolver.query(name, 'TXT');
  if (!res.ok) {
    audit.dnsError = res.kind;
    if (isAbsent(res.kind)) {
      audit.status = 'none';
      if (origin === 'given') {
        findings.push(F.noKey(`No DKIM key at ${name} (${res.kind}).`, { name }));
      }
    } else {
      audit.status = 'dns-error';
      findings.push(
        F.dnsError(`The lookup of ${name} failed (${res.kind}); the key could not be checked.`, { name }),
      );
    }
    return { audit, findings };
  }
  if (res.cnames?.length) {
    audit.cnames = res.cnames;
    const target = res.cnames[res.cnames.length - 1] ?? '';
    const provider = providerForCname(target);
    if (provider) audit.provider = provider;
    findings.push(
      F.keyViaCname(`${name} is a CNAME to ${res.cnames.join(' -> ')}${provider ? ` (${provider})` : ''}.`, {
        name,
        details: { cnames: res.cnames },
      }),
    );
  }
  if (!audit.provider) {
    const common = COMMON_SELECTORS.find((c) => c.selector === selector);
    if (common && origin === 'discovered') audit.provider = common.provider;
  }
  res.records.slice(0, MAX_KEY_RECORDS).forEach((strings, i) => {
    const text = joinTxt(strings);
    audit.records.push(keyRecordView(strings, parseDkimKeyRecord(text), res.source?.[i]));
  });
  const count = res.records.length;
  if (count > MAX_KEY_RECORDS) audit.recordCount = count;
  const usable = audit.records.some((r) => r.errors.length === 0 && !r.revoked);
  audit.status = usable ? 'found' : 'invalid';
  if (!usable && audit.records[0]?.revoked) audit.statusDetail = 'revoked';
  if (count > 1) {
    findings.push(
      F.multipleKeyRecords(`${count} TXT records at ${name}; verifiers use one of them unpredictably.`, {
        name,
        details: {
          records: audit.records.map((r) => r.text),
          ...(count > audit.records.length ? { omitted: count - audit.records.length } : {}),
        },
      }),
    );
  }
  for (const r of audit.records) findings.push(...keyRecordFindings(name, r));
  return { audit, findings };
}

/**
 * Audits the DKIM keys of `domain`.
 *
 * - With `selectors`: each `<selector>._domainkey.<domain>` is fetched, every TXT record parsed; a missing one
 *   is an error finding (`dkim.no-key`).
 * - Without: `_domainkey.<domain>` is asked first. NXDOMAIN means no key exists below it (RFC 8020, as
 *   Internet.nl's mail test checks); NOERROR (even with no data: an empty non-terminal) means names exist
 *   below it. Then `candidates` (selectors the zone files hold) and {@link COMMON_SELECTORS} are probed unless
 *   `discover` is false.
 *
 * Never throws for DNS reasons: failures are findings (`dkim.dns-error`): one per given selector, and one in
 * all for the probed selectors that could not be checked (how many, and the failure kinds).
 *
 * @param domain the domain (U-labels are converted to A-labels).
 */
export async function auditDkim(domain: string, options: DkimAuditOptions): Promise<DkimAudit> {
  const name = normalizeName(domain) ?? domain.toLowerCase();
  const out: DkimAudit = { domain: name, selectors: [], findings: [] };
  const given = [...new Set((options.selectors ?? []).map((s) => s.trim()).filter((s) => s !== ''))];
  const discover = options.discover ?? given.length === 0;

  if (given.length === 0) {
    const treeName = `_domainkey.${name}`;
    const res = await options.resolver.query(treeName, 'TXT');
    let tree: DomainKeyTree;
    if (res.ok || res.kind === 'NODATA') {
      tree = {
        name: treeName,
        status: 'exists',
        answer: 'NOERROR',
        note: res.ok
          ? `${treeName} exists (it even has TXT records), so names exist below it.`
          : `${treeName} answers NOERROR with no data: an empty non-terminal (RFC 8020), so keys exist below it.`,
      };
    } else if (res.kind === 'NXDOMAIN') {
      tree = {
        name: treeName,
        status: 'nxdomain',
        answer: 'NXDOMAIN',
        note: `${treeName} does not exist (NXDOMAIN): per RFC 8020 no selector exists below it, so the domain publishes no DKIM key (unless its DNS server mishandles empty non-terminals).`,
      };
      out.findings.push(F.noDomainKeyTree(tree.note, { name: treeName }));
    } else {
      tree = {
        name: treeName,
        status: 'unknown',
        answer: res.kind,
        note: `${treeName} could not be checked (${res.kind}).`,
      };
    }
    out.domainKeyTree = tree;
  }

  const checks: Promise<{ audit: DkimSelectorAudit; findings: Finding[] }>[] = given.map((s) =>
    auditSelector(name, s, 'given', options.resolver),
  );
  const probing = discover && out.domainKeyTree?.status !== 'nxdomain';
  const probed = probing
    ? [...new Set([...(options.candidates ?? []), ...COMMON_SELECTORS.map((c) => c.selector)])].filter(
        (s) => !given.includes(s),
      )
    : [];
  const probes = probed.map((s) => auditSelector(name, s, 'discovered', options.resolver));
  const [givenResults, probeResults] = await Promise.all([Promise.all(checks), Promise.all(probes)]);
  for (const r of givenResults) {
    out.selectors.push(r.audit);
    out.findings.push(...r.findings);
  }
  const found: string[] = [];
  const unchecked: { selector: string; kind: DnsFailureKind }[] = [];
  for (const r of probeResults) {
    if (r.audit.status === 'none') continue;
    if (r.audit.status === 'dns-error') {
      // aggregated below: one finding for all the probes DNS trouble left unchecked
      unchecked.push({ selector: r.audit.selector, kind: r.audit.dnsError ?? 'SERVFAIL' });
      continue;
    }
    out.selectors.push(r.audit);
    out.findings.push(...r.findings);
    if (r.audit.records.length > 0) found.push(r.audit.selector);
  }
  if (discover && out.domainKeyTree?.status !== 'nxdomain') {
    out.discovery = { probed, found, unchecked, note: DISCOVERY_NOTE };
    if (unchecked.length > 0) out.findings.push(uncheckedFinding(name, probed.length, unchecked));
    const checked = probed.length - unchecked.length;
    if (found.length === 0 && given.length === 0 && checked > 0) {
      const partly = unchecked.length > 0 ? ` checked (${unchecked.length} could not be)` : '';
      out.findings.push(
        F.noSelectorFound(
          `None of the ${checked} common selectors${partly} has a key at ${name}. ${DISCOVERY_NOTE}`,
          {
            name: `_domainkey.${name}`,
            details: { probed, unchecked: unchecked.map((u) => u.selector) },
          },
        ),
      );
    }
  } else if (discover) {
    out.discovery = {
      probed: [],
      found: [],
      unchecked: [],
      note: `Not probed: ${out.domainKeyTree?.note ?? ''} ${DISCOVERY_NOTE}`,
    };
  }
  return out;
}

/**
 * The one `dkim.dns-error` finding for the probed selectors that DNS trouble left unchecked:
 * how many, of how many, and which failure kinds (`evidence.details.kind` is the most frequent kind).
 */
function uncheckedFinding(
  domain: string,
  probed: number,
  unchecked: readonly { selector: string; kind: DnsFailureKind }[],
): Finding {
  const counts = new Map<DnsFailureKind, number>();
  for (const u of unchecked) counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kinds =
    byCount.length === 1 ? (byCount[0]?.[0] ?? '') : byCount.map(([k, n]) => `${n} ${k}`).join(', ');
  const n = unchecked.length;
  const all = n === probed ? (n === 1 ? 'The' : `All ${n}`) : `${n} of the ${probed}`;
  return F.dnsError(
    `${all} common selector${probed === 1 ? '' : 's'} probed under _domainkey.${domain} could not be checked (DNS ${kinds}); whether keys exist there is unknown.`,
    {
      name: `_domainkey.${domain}`,
      details: {
        kind: byCount[0]?.[0] ?? 'SERVFAIL',
        kinds: Object.fromEntries(byCount),
        unchecked: n,
        probed,
        selectors: unchecked.map((u) => u.selector),
      },
    },
  );
}
