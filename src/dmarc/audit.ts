/**
 * DMARC audit of a sending domain: policy discovery in the chosen mode (and in the other one, to compare),
 * the record's lint, and the audit findings — no record or a record at the wrong name, several records,
 * inherited and PSD policies, a subdomain record weaker than the organizational policy, report destinations
 * (RFC 9990 §4 authorization of external destinations, MX of report domains), DNS trouble, and RFC 9989 vs
 * RFC 7489 receivers choosing different policy records or Organizational Domains.
 *
 * @module
 */

import { guardedResolver } from '../dns/guard.js';
import { joinTxt, normalizeName, type Resolver } from '../dns/resolver.js';
import type { Evidence, Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import {
  createRecordLookup,
  type DmarcDiscovery,
  type DmarcDnsError,
  type DmarcLookup,
  type DmarcMode,
  type DmarcRecordLookup,
  discoverPolicy,
  organizationalDomain7489,
  organizationalDomain9989,
} from './discovery.js';
import { type DmarcEffective, effectivePolicy, weaker } from './effective.js';
import { domainExists } from './existence.js';
import { DMARC_RFC7489_CITATIONS, DMARC_FINDINGS as F } from './findings.js';
import { assertDmarcOptions } from './options.js';
import { type AssessmentPolicy, type DmarcParseResult, type DmarcUri, parseDmarcRecord } from './record.js';

/** One report destination of the applied record, with the checks made on it. */
export interface ReportDestination {
  tag: 'rua' | 'ruf';
  uri: string;
  /** The mailto: domain; absent for other schemes. */
  domain?: string;
  /** True when its Organizational Domain differs from the policy domain's (RFC 9990 §4). */
  external?: boolean;
  /** The authorization record name `<policy domain>._report._dmarc.<destination>`, for an external destination. */
  authorizationName?: string;
  /** Whether a v=DMARC1 record authorizes it (a wildcard `*._report._dmarc` counts); null after a DNS error. */
  authorized?: boolean | null;
  /** MX state of the destination domain: `ok`, `none` (no MX records), `null-mx` (RFC 7505), or `error`. */
  mx?: 'ok' | 'none' | 'null-mx' | 'error';
}

/** The result of {@link auditDmarc}. */
export interface DmarcAudit {
  /** The audited domain, normalised. */
  domain: string;
  /**
   * The DMARC Policy Record that applies: `found` (with an effective policy), `none`, `multiple` (several records
   * at one name: receivers discard them), `invalid` (a record that gets no DMARC processing) or `dns-error`
   * (discovery was stopped by a TIMEOUT/SERVFAIL/REFUSED).
   */
  status: RecordStatus;
  mode: DmarcMode;
  /** The DMARC Policy Record that applies to mail from the domain, or null. */
  record: DmarcParseResult | null;
  recordName: string | null;
  policyDomain: string | null;
  /** Whose record applies: the domain's own, its Organizational Domain's, or a PSD's. */
  source: DmarcDiscovery['source'];
  organizationalDomain: string | null;
  /** The record's effective values under `mode`. */
  effective: DmarcEffective | null;
  /** The policy for mail from the domain itself: `p` of its own record, else `sp` (or `np` if it does not exist). */
  policy: AssessmentPolicy | null;
  policySource?: 'p' | 'sp' | 'np';
  /**
   * RFC 9989 mode, when the record is inherited: whether the audited name exists (the existence test of
   * Appendix A.4); null when DNS trouble left it unknown. Absent otherwise.
   */
  domainExists?: boolean | null;
  /** Discovery in `mode`. */
  discovery: DmarcDiscovery;
  /** Discovery in the other mode, for comparison. */
  comparison: DmarcDiscovery;
  reporting: ReportDestination[];
  findings: Finding[];
}

/** The {@link RecordStatus} of the record discovery found (or why there is none). */
function recordStatus(d: DmarcDiscovery, effective: DmarcEffective | null): RecordStatus {
  if (d.record) return d.record.isDmarc && effective ? 'found' : 'invalid';
  if (d.noRecordReason === 'dns-error') return 'dns-error';
  if (d.noRecordReason === 'multiple-records') return 'multiple';
  return 'none';
}

function otherMode(mode: DmarcMode): DmarcMode {
  return mode === '9989' ? '7489' : '9989';
}

function recordEvidence(l: DmarcLookup, extra: Partial<Evidence> = {}): Evidence {
  const ev: Evidence = { name: l.name, ...extra };
  if (l.record) ev.record = l.record.text;
  if (l.recordSource) ev.source = { file: l.recordSource.file, line: l.recordSource.line };
  return ev;
}

/**
 * Audits the DMARC set-up of `domain` (see the module description). Lint findings of the applied record carry
 * the record name and, when the answer came from a zone file, its file and line. Never throws; DNS failures
 * become `dmarc.dns-error` findings.
 */
export async function auditDmarc(
  domain: string,
  options: { resolver: Resolver; mode?: DmarcMode },
): Promise<DmarcAudit> {
  assertDmarcOptions(options, 'auditDmarc');
  const mode = options.mode ?? '9989';
  const resolver = guardedResolver(options.resolver);
  const lookup = createRecordLookup(resolver);
  const name = normalizeName(domain) ?? domain;
  const [discovery, comparison] = await Promise.all([
    discoverPolicy(name, { resolver, mode, lookup }),
    discoverPolicy(name, { resolver, mode: otherMode(mode), lookup }),
  ]);
  const findings: Finding[] = [];
  // `rules`: whose rules produced the finding; in RFC 7489 mode its RFC 7489 section is cited when it has one.
  const add = (f: Finding, rules: DmarcMode = mode) => {
    const rfc = rules === '7489' ? DMARC_RFC7489_CITATIONS[f.id] : undefined;
    findings.push({ ...f, ...(rfc ? { rfc } : {}), domain: name });
  };
  const dnsErrors = new Set<string>();
  const dnsError = (err: DmarcDnsError, what: string, rules: DmarcMode = mode) => {
    const key = `${err.name} ${err.kind}`;
    if (dnsErrors.has(key)) return;
    dnsErrors.add(key);
    add(
      F.dnsError(`DNS ${err.kind} for ${err.name} (${what}); the result is undecided, not "no policy"`, {
        name: err.name,
        details: { kind: err.kind, step: what },
      }),
      rules,
    );
  };

  const effective = discovery.record ? effectivePolicy(discovery.record, mode) : null;
  const audit: DmarcAudit = {
    domain: name,
    status: recordStatus(discovery, effective),
    mode,
    record: discovery.record,
    recordName: discovery.recordName,
    policyDomain: discovery.policyDomain,
    source: discovery.source,
    organizationalDomain: discovery.organizationalDomain,
    effective,
    policy: null,
    discovery,
    comparison,
    reporting: [],
    findings,
  };

  if (discovery.noRecordReason === 'invalid-domain') {
    add(F.noRecord(`'${domain}' is not a domain name that can publish a DMARC record`, { name: domain }));
    return audit;
  }
  if (discovery.error) dnsError(discovery.error, `DMARC discovery, RFC ${mode}`);
  if (comparison.error) {
    dnsError(comparison.error, `DMARC discovery, RFC ${otherMode(mode)}`, otherMode(mode));
  }

  // --- several records at one name, anywhere discovery looked ---
  const seenNames = new Set<string>();
  const ownLookups = new Set(discovery.lookups);
  for (const l of [...discovery.lookups, ...comparison.lookups]) {
    if (l.outcome !== 'multiple' || seenNames.has(l.name)) continue;
    seenNames.add(l.name);
    const listed = (l.records ?? []).map((r) => r.text);
    const count = l.recordCount ?? listed.length;
    add(
      F.multipleRecords(`${count} DMARC records at ${l.name}; receivers discard them all`, {
        name: l.name,
        details: { records: listed, ...(count > listed.length ? { omitted: count - listed.length } : {}) },
      }),
      ownLookups.has(l) ? mode : otherMode(mode),
    );
  }

  // --- TXT records at a _dmarc name that discovery discarded (not v=DMARC1 first, exactly) ---
  for (const f of ignoredRecords(name, discovery)) add(f);

  // --- the domain's own name: wrong-name mistakes ---
  const own = await lookup(name);
  if (own.outcome !== 'record') {
    for (const txt of own.otherTxt ?? []) {
      if (SPF_RECORD.test(txt)) {
        add(
          F.spfAtDmarc(`${own.name} holds an SPF record instead of a DMARC record`, {
            name: own.name,
            record: txt,
          }),
        );
      }
    }
    const apex = await resolver.query(name, 'TXT');
    if (apex.ok) {
      for (const strings of apex.records) {
        const p = parseDmarcRecord(joinTxt(strings));
        if (p.isDmarc) {
          add(
            F.recordAtApex(`A v=DMARC1 record is published at ${name} itself, where receivers never look`, {
              name,
              record: p.text,
            }),
          );
        }
      }
    } else if (!['NXDOMAIN', 'NODATA', 'BADNAME'].includes(apex.kind)) {
      dnsError({ kind: apex.kind, name, message: apex.message }, 'TXT at the domain');
    }
  }

  if (!discovery.record) {
    if (!discovery.error && discovery.noRecordReason !== 'multiple-records') {
      add(
        F.noRecord(`No DMARC record applies to ${name} (asked ${discovery.queries.join(', ')})`, {
          name: `_dmarc.${name}`,
          details: { queries: discovery.queries },
        }),
      );
    }
  } else {
    const applied = discovery.lookups.find((l) => l.name === discovery.recordName && l.outcome === 'record')!;
    if (discovery.source !== 'domain') {
      add(
        F.inheritedPolicy(
          `${name} has no DMARC record of its own; the record at ${discovery.recordName} applies${
            discovery.source === 'psd' ? ' (a Public Suffix Domain policy)' : ''
          }`,
          recordEvidence(applied),
        ),
      );
      if (discovery.source === 'psd') {
        add(
          F.psdPolicy(
            `Only the Public Suffix Domain policy at ${discovery.recordName} covers ${name}; its Organizational Domain ${discovery.organizationalDomain} publishes none`,
            recordEvidence(applied),
          ),
        );
      }
    }
    // --- the policy for the domain itself ---
    if (effective) {
      if (discovery.source === 'domain') {
        audit.policy = effective.p;
        audit.policySource = 'p';
      } else if (mode === '9989') {
        // asked even when np equals sp: np= is the source for a non-existent subdomain (RFC 9989 §4.7)
        const ex = await domainExists(resolver, name);
        audit.domainExists = ex.exists;
        if (ex.error && effective.np !== effective.sp) dnsError(ex.error, 'domain existence test');
        audit.policy = ex.exists === false ? effective.np : effective.sp;
        audit.policySource = ex.exists === false ? 'np' : 'sp';
      } else {
        audit.policy = effective.sp;
        audit.policySource = 'sp';
      }
    }

    for (const f of discovery.record.findings) {
      add({
        ...f,
        ...aboutOtherSubdomains(f, name, audit),
        evidence: { ...recordEvidence(applied), ...f.evidence },
      });
    }

    // --- a subdomain record weaker than the organizational policy ---
    const orgDomain = discovery.organizationalDomain;
    if (discovery.source === 'domain' && effective && orgDomain && orgDomain !== name) {
      const org = await lookup(orgDomain);
      const orgEff = org.record ? effectivePolicy(org.record, mode) : null;
      if (orgEff && weaker(effective.p, orgEff.sp)) {
        add(
          F.subdomainWeakens(
            `${discovery.recordName} publishes p=${effective.p}, weaker than the ${orgEff.sp === orgEff.p ? 'p' : 'sp'}=${orgEff.sp} that ${org.name} sets for its subdomains`,
            recordEvidence(applied, { term: `p=${effective.p}` }),
          ),
        );
      }
    }

    // --- report destinations ---
    if (effective && discovery.policyDomain) {
      audit.reporting = await checkReporting(
        discovery.policyDomain,
        effective,
        mode,
        resolver,
        lookup,
        add,
        dnsError,
      );
    }
  }

  // --- the two modes ---
  const differs =
    !discovery.error &&
    !comparison.error &&
    (discovery.recordName !== comparison.recordName ||
      discovery.organizationalDomain !== comparison.organizationalDomain);
  if (differs) {
    const by = (d: DmarcDiscovery) =>
      `RFC ${d.mode}: ${d.recordName ?? 'no policy'}${d.organizationalDomain ? `, Organizational Domain ${d.organizationalDomain}` : ''}`;
    const [a, b] = mode === '9989' ? [discovery, comparison] : [comparison, discovery];
    add(
      F.modeDivergence(`RFC 9989 and RFC 7489 receivers disagree for ${name}: ${by(a)}; ${by(b)}`, {
        name: `_dmarc.${name}`,
        details: {
          rfc9989: { recordName: a.recordName, organizationalDomain: a.organizationalDomain },
          rfc7489: { recordName: b.recordName, organizationalDomain: b.organizationalDomain },
        },
      }),
    );
  }
  return audit;
}

/**
 * The lint finding `dmarc.subdomain-policy-weaker` ("sp= is weaker than p= for existing subdomains") does not
 * apply to an audited name that does not exist (np= governs it, RFC 9989 §4.7): its message is reworded as
 * being about the organization's other, existing subdomains. Other findings are returned unchanged (`{}`).
 */
function aboutOtherSubdomains(f: Finding, name: string, audit: DmarcAudit): Partial<Finding> {
  if (f.id !== 'dmarc.subdomain-policy-weaker' || audit.domainExists !== false || !audit.effective) return {};
  const eff = audit.effective;
  return {
    message: `${f.message.replace(/ for existing subdomains$/, '')} for the other, existing subdomains of ${
      audit.policyDomain ?? audit.organizationalDomain ?? 'the organization'
    }; it does not apply to ${name}, which does not exist (np=${eff.np} applies to it)`,
  };
}

/** Where the policy came from instead of a discarded record, for the `dmarc.record-ignored` message. */
function instead(d: DmarcDiscovery): string {
  if (d.record && d.recordName) {
    const whose =
      d.source === 'organizational'
        ? ' (the Organizational Domain)'
        : d.source === 'psd'
          ? ' (a Public Suffix Domain)'
          : '';
    return `the policy comes from ${d.recordName}${whose} instead`;
  }
  if (d.error) return `the policy is undecided (DNS ${d.error.kind} for ${d.error.name})`;
  return `no DMARC policy applies to ${d.domain}`;
}

/**
 * `dmarc.record-ignored` for each TXT record that discovery set aside at a `_dmarc` name it asked before the
 * one whose record applies (all of them when none applies): a record that fails the exact `v=DMARC1`-first
 * rule (RFC 9989 §4.7, §4.10; RFC 7489 §6.3, §6.6.3) is discarded silently by receivers. SPF records at the
 * domain's own `_dmarc` name are left to `dmarc.spf-at-dmarc`.
 */
function ignoredRecords(domain: string, d: DmarcDiscovery): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const l of d.lookups) {
    if (l.name === d.recordName) break;
    if (l.outcome !== 'none' || seen.has(l.name)) continue;
    seen.add(l.name);
    for (const txt of l.ignored ?? []) {
      if (l.domain === domain && SPF_RECORD.test(txt.text)) continue;
      const ev: Evidence = { name: l.name, record: txt.text, details: { reason: txt.reason } };
      if (txt.source) ev.source = { file: txt.source.file, line: txt.source.line };
      out.push(
        F.recordIgnored(
          `${l.name} TXT "${txt.text}" is not a DMARC record and is ignored: ${txt.reason}; ${instead(d)}`,
          ev,
        ),
      );
    }
    const omitted = (l.otherTxtCount ?? 0) - (l.ignored?.length ?? 0);
    if (omitted > 0) {
      out.push(
        F.recordIgnored(
          `${omitted} more TXT records at ${l.name} (not listed one by one) are not DMARC records and are ignored; ${instead(d)}`,
          { name: l.name, details: { omitted, listed: l.ignored?.length ?? 0 } },
        ),
      );
    }
  }
  return out;
}

const SPF_RECORD = /^\s*v\s*=\s*spf1(\s|$)/i;

async function checkReporting(
  policyDomain: string,
  effective: DmarcEffective,
  mode: DmarcMode,
  resolver: Resolver,
  lookup: DmarcRecordLookup,
  add: (f: Finding) => void,
  dnsError: (err: DmarcDnsError, what: string) => void,
): Promise<ReportDestination[]> {
  const orgCache = new Map<string, Promise<string | null>>();
  const orgOf = (d: string): Promise<string | null> => {
    let p = orgCache.get(d);
    if (!p) {
      p =
        mode === '7489'
          ? Promise.resolve(organizationalDomain7489(d) ?? d)
          : organizationalDomain9989(d, lookup).then((o) => {
              if (o.walk.error) {
                const e = o.walk.error;
                dnsError(
                  { kind: e.dnsKind ?? 'SERVFAIL', name: e.name, message: e.message ?? '' },
                  'Tree Walk',
                );
              }
              return o.domain;
            });
      orgCache.set(d, p);
    }
    return p;
  };
  const policyOrg = await orgOf(policyDomain);
  const mxChecked = new Map<string, ReportDestination['mx']>();
  const authChecked = new Map<string, boolean | null>();
  const out: ReportDestination[] = [];
  const entries: Array<['rua' | 'ruf', DmarcUri]> = [
    ...effective.rua.map((u) => ['rua', u] as ['rua', DmarcUri]),
    ...effective.ruf.map((u) => ['ruf', u] as ['ruf', DmarcUri]),
  ];
  for (const [tag, u] of entries) {
    const dest: ReportDestination = { tag, uri: u.uri };
    out.push(dest);
    if (!u.domain) continue;
    dest.domain = u.domain;
    const destOrg = await orgOf(u.domain);
    if (policyOrg !== null && destOrg !== null) {
      dest.external = policyOrg !== destOrg && u.domain !== policyDomain;
    }
    if (dest.external) {
      const authName = `${policyDomain}._report._dmarc.${u.domain}`;
      dest.authorizationName = authName;
      if (!authChecked.has(authName)) {
        const res = await resolver.query(authName, 'TXT');
        let ok: boolean | null;
        if (res.ok) ok = res.records.some((s) => parseDmarcRecord(joinTxt(s)).isDmarc);
        else if (['NXDOMAIN', 'NODATA', 'BADNAME'].includes(res.kind)) ok = false;
        else {
          ok = null;
          dnsError({ kind: res.kind, name: authName, message: res.message }, 'external report authorization');
        }
        authChecked.set(authName, ok);
        if (ok === false) {
          add(
            F.externalDestinationUnauthorized(
              `${tag}=${u.uri} is outside ${policyDomain}'s organization and ${authName} has no v=DMARC1 record: receivers will not send it reports`,
              { name: authName, term: u.raw, details: { destination: u.domain } },
            ),
          );
        }
      }
      dest.authorized = authChecked.get(authName) ?? null;
    }
    if (!mxChecked.has(u.domain)) {
      const mx = await resolver.query(u.domain, 'MX');
      let state: ReportDestination['mx'];
      if (mx.ok) state = mx.records.every((r) => r.exchange === '') ? 'null-mx' : 'ok';
      else if (['NXDOMAIN', 'NODATA', 'BADNAME'].includes(mx.kind)) state = 'none';
      else {
        state = 'error';
        dnsError({ kind: mx.kind, name: u.domain, message: mx.message }, 'MX of a report domain');
      }
      mxChecked.set(u.domain, state);
      if (state === 'none' || state === 'null-mx') {
        const gone = !mx.ok && mx.kind !== 'NODATA';
        // no MX: mail goes to the domain's own address records (the implicit MX, RFC 5321 §5.1), if any
        const address = state === 'none' && !gone ? await hasAddressRecords(resolver, u.domain) : undefined;
        if (address?.error) dnsError(address.error, 'address records of a report domain');
        const undeliverable = state === 'null-mx' || gone || address?.exists === false;
        const evidence = { name: u.domain, term: u.raw };
        add(
          undeliverable
            ? F.reportDomainUndeliverable(
                state === 'null-mx'
                  ? `Report domain ${u.domain} publishes a null MX (RFC 7505): it accepts no mail`
                  : gone
                    ? `Report domain ${u.domain} does not exist (${mx.ok ? '' : mx.kind}): reports cannot be delivered`
                    : `Report domain ${u.domain} has no MX and no A/AAAA records: reports cannot be delivered at all`,
                evidence,
              )
            : F.reportDomainNoMx(
                address?.exists === true
                  ? `Report domain ${u.domain} has no MX records; reports rely on its A/AAAA records (the implicit MX of RFC 5321 §5.1)`
                  : `Report domain ${u.domain} has no MX records; reports rely on the address-record fallback at best (its A/AAAA records are unknown: DNS trouble)`,
                evidence,
              ),
        );
      }
    }
    dest.mx = mxChecked.get(u.domain);
  }
  return out;
}

/**
 * Whether `domain` has A or AAAA records (the implicit MX of RFC 5321 §5.1). `exists` is null, with the first
 * transient `error`, when neither answered and one failed with TIMEOUT, SERVFAIL or REFUSED.
 */
async function hasAddressRecords(
  resolver: Resolver,
  domain: string,
): Promise<{ exists: boolean | null; error?: DmarcDnsError }> {
  let error: DmarcDnsError | undefined;
  for (const type of ['A', 'AAAA'] as const) {
    const r = await resolver.query(domain, type);
    if (r.ok && r.records.length > 0) return { exists: true };
    if (!r.ok && !['NXDOMAIN', 'NODATA', 'BADNAME'].includes(r.kind))
      error ??= { kind: r.kind, name: domain, message: r.message };
  }
  return error ? { exists: null, error } : { exists: false };
}
