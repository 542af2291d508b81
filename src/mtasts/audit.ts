/**
 * `auditMtaSts`: a domain's MTA-STS deployment (RFC 8461): the `_mta-sts` TXT record (§3.1), the policy
 * fetched from `https://mta-sts.<domain>/.well-known/mta-sts.txt` (§3.3), its fields (§3.2), and whether every
 * MX host is covered by an `mx` pattern (§4.1).
 *
 * @module
 */

import { type DnsSource, isTransientFailure, type Resolver } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import { readTaggedRecord } from '../findings/tagged-txt.js';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  type FetchFailure,
  type FetchOptions,
  fetchHttps,
  type HttpsFetch,
  hasMediaType,
} from '../https/fetch.js';
import { MTASTS_FINDINGS as F } from './findings.js';
import { mxCovered, parseStsPolicy, type StsMode, type StsPolicy } from './policy.js';
import { isStsRecord, parseStsRecord } from './record.js';

/** `max_age` values below this many seconds (one day) get `mtasts.max-age-short`. */
export const SHORT_MAX_AGE = 86_400;
/** At most this much of the policy text is kept in the report, in characters. */
const POLICY_TEXT_LIMIT = 4096;

/** Options for {@link auditMtaSts}. */
export interface MtaStsAuditOptions {
  resolver: Resolver;
  /** Fetch the policy over HTTPS (default true). When false only the TXT record is checked. */
  fetchPolicy?: boolean;
  /** The HTTPS fetcher (default {@link fetchHttps}). */
  fetch?: HttpsFetch;
  /** Trusted CA certificates (PEM) replacing the system roots, e.g. a test CA. The certificate is always checked. */
  ca?: FetchOptions['ca'];
  /** Time limit for the policy fetch, in ms (default {@link DEFAULT_FETCH_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Size limit for the policy file, in bytes (default {@link DEFAULT_MAX_BYTES}, 64 KiB). */
  maxBytes?: number;
  /** The MX hosts to check coverage for; default: the domain's MX records, queried through `resolver`. */
  mxHosts?: string[];
  /** Aborts the policy fetch. */
  signal?: AbortSignal;
  /**
   * The domain's policy file from a repository (a proposed `.well-known/mta-sts.txt`): used instead of fetching,
   * whatever `fetchPolicy` says, and findings about it point at its lines.
   */
  policyFile?: StsPolicyFile;
}

/** An MTA-STS policy file read from a repository instead of fetched (see {@link MtaStsAuditOptions.policyFile}). */
export interface StsPolicyFile {
  /** Its path, for findings (repository-relative in the Action). */
  file: string;
  /** Its content (UTF-8). */
  text: string;
}

/** The 1-based line of the first `key:` field of a policy text (for `mx`, the one whose value is `value`), else 1. */
export function policyLine(text: string, key: string, value?: string): number {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== key) continue;
    if (
      value === undefined ||
      line
        .slice(colon + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, '') === value
    )
      return i + 1;
  }
  return 1;
}

/** How a policy fetch went. */
export interface MtaStsPolicyFetch {
  url: string;
  /** True when the body was received (status 200, within the limits). */
  fetched: boolean;
  contentType?: string | null;
  /** The policy text (at most 4096 characters kept). */
  text?: string;
  /** The parsed policy, when fetched. */
  parsed?: StsPolicy;
  /** Why the fetch failed. */
  error?: { kind: FetchFailure['kind']; message: string; code?: string; status?: number };
  /** Set when the policy was read from this repository file instead of fetched (`fetched` is then false). */
  file?: string;
}

/** Coverage of one MX host by the policy's `mx` patterns. */
export interface MtaStsMxCoverage {
  host: string;
  covered: boolean;
  /** The pattern that matched. */
  pattern?: string;
}

/**
 * The MTA-STS section of a domain report.
 * - `status`: `found` (a usable policy, or a usable record whose policy was not fetched), `none` (no `v=STSv1`
 *   record), `multiple` (several records: senders apply no policy), `invalid` (the record or the policy is
 *   unusable: senders apply no policy), `dns-error`.
 * - `statusDetail`: `policy-not-fetched` (the record is fine, policy fetching was disabled: the mode is unknown).
 */
export interface MtaStsAudit {
  domain: string;
  status: RecordStatus;
  statusDetail?: 'policy-not-fetched';
  /** The `_mta-sts` TXT record, when exactly one was found. */
  record: { name: string; text: string; id: string | null; source?: DnsSource } | null;
  policy: MtaStsPolicyFetch | null;
  /** The usable policy's mode and max_age (seconds). */
  mode: StsMode | null;
  maxAge: number | null;
  /** Coverage of each MX host (mode enforce or testing only). */
  mx: MtaStsMxCoverage[];
  findings: Finding[];
}

function fetchFinding(domain: string, failure: FetchFailure): Finding {
  const evidence = {
    name: `mta-sts.${domain}`,
    details: {
      url: failure.url,
      kind: failure.kind,
      ...(failure.code ? { code: failure.code } : {}),
      ...(failure.status ? { status: failure.status } : {}),
      ...(failure.location ? { location: failure.location } : {}),
    },
  };
  const o = { domain };
  switch (failure.kind) {
    case 'no-address':
      return F.policyHostMissing(
        `policy host mta-sts.${domain} has no A/AAAA record (${failure.dnsKind})`,
        evidence,
        o,
      );
    case 'dns':
      return F.dnsError(
        `resolving policy host mta-sts.${domain} failed (${failure.dnsKind})`,
        {
          ...evidence,
          details: { ...evidence.details, kind: failure.dnsKind },
        },
        o,
      );
    case 'tls':
      return F.policyCertificate(
        `the certificate of mta-sts.${domain} is not valid: ${failure.message}`,
        evidence,
        o,
      );
    case 'redirect':
      return F.policyRedirect(failure.message, evidence, o);
    case 'http-status':
      return F.policyHttpStatus(failure.message, evidence, o);
    case 'too-large':
      return F.policyTooLarge(failure.message, evidence, o);
    case 'timeout':
      return F.policyTimeout(failure.message, evidence, o);
    default:
      return F.policyUnreachable(failure.message, evidence, o);
  }
}

async function mxHostsOf(domain: string, resolver: Resolver): Promise<string[] | Finding> {
  const mx = await resolver.query(domain, 'MX');
  if (mx.ok)
    return [...new Set(mx.records.map((r) => r.exchange.toLowerCase()).filter((e) => e !== ''))].sort();
  if (isTransientFailure(mx))
    return F.dnsError(
      `MX ${domain} failed (${mx.kind}): MX coverage by the policy is undecided`,
      {
        name: domain,
        details: { kind: mx.kind, type: 'MX' },
      },
      { domain },
    );
  return [];
}

/**
 * Audits `domain`'s MTA-STS deployment.
 *
 * Findings: `mtasts.no-record`, `mtasts.multiple-records`, `mtasts.invalid-record`, `mtasts.policy-host-missing`,
 * `mtasts.policy-certificate`, `mtasts.policy-redirect`, `mtasts.policy-http-status`, `mtasts.policy-too-large`,
 * `mtasts.policy-timeout`, `mtasts.policy-unreachable`, `mtasts.policy-content-type`, `mtasts.policy-invalid`,
 * `mtasts.policy-syntax`, `mtasts.max-age-short`, `mtasts.mode-testing`, `mtasts.mode-none`,
 * `mtasts.mx-not-covered`, and `mtasts.dns-error`.
 *
 * @param domain - a normalised domain name.
 * @returns the {@link MtaStsAudit}; never throws.
 */
export async function auditMtaSts(domain: string, options: MtaStsAuditOptions): Promise<MtaStsAudit> {
  const { resolver } = options;
  const findings: Finding[] = [];
  const o = { domain };
  const name = `_mta-sts.${domain}`;
  const out: MtaStsAudit = {
    domain,
    status: 'none',
    record: null,
    policy: null,
    mode: null,
    maxAge: null,
    mx: [],
    findings,
  };

  const cand = await readTaggedRecord(resolver, name, isStsRecord, out, {
    label: 'MTA-STS record',
    version: 'v=STSv1',
    severalMean: 'senders apply no MTA-STS policy',
    findings: F,
  });
  if (!cand) return out;
  const parsed = parseStsRecord(cand.text);
  out.record = { name, text: cand.text, id: parsed.id, ...(cand.source ? { source: cand.source } : {}) };
  const recordEvidence = { name, record: cand.text, ...(cand.source ? { source: cand.source } : {}) };
  for (const e of parsed.errors) findings.push(F.invalidRecord(`${name}: ${e}`, recordEvidence, o));
  if (parsed.id === null) {
    out.status = 'invalid';
    return out;
  }

  const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
  if (options.policyFile)
    return checkPolicy(out, url, options.policyFile.text, null, options, options.policyFile.file);
  if (options.fetchPolicy === false) {
    out.policy = { url, fetched: false };
    out.status = 'found';
    out.statusDetail = 'policy-not-fetched';
    return out;
  }
  const fetch = options.fetch ?? fetchHttps;
  const res = await fetch(url, {
    resolver,
    timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    accept: 'text/plain',
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok) {
    out.policy = {
      url,
      fetched: false,
      error: {
        kind: res.kind,
        message: res.message,
        ...(res.code ? { code: res.code } : {}),
        ...(res.status ? { status: res.status } : {}),
      },
    };
    findings.push(fetchFinding(domain, res));
    out.status = res.kind === 'dns' ? 'dns-error' : 'invalid';
    return out;
  }
  return checkPolicy(out, url, res.body.toString('utf8'), res.contentType, options);
}

/** The policy field an error of `parseStsPolicy` is about. */
function errorField(error: string): string {
  if (/needs at least one mx/.test(error)) return 'mx';
  if (/max_age/.test(error)) return 'max_age';
  if (/mode/.test(error)) return 'mode';
  return 'version';
}

/**
 * Checks a policy text (fetched, or read from `file`) and completes `out`: content type (fetched only), syntax,
 * mode, `max_age`, MX coverage. Findings about a repository file carry `evidence.source` at the line of the
 * field they are about.
 */
async function checkPolicy(
  out: MtaStsAudit,
  url: string,
  text: string,
  contentType: string | null | undefined,
  options: MtaStsAuditOptions,
  file?: string,
): Promise<MtaStsAudit> {
  const { resolver } = options;
  const { domain, findings } = out;
  const o = { domain };
  const policy = parseStsPolicy(text);
  out.policy = {
    url,
    fetched: file === undefined,
    ...(file === undefined ? { contentType } : { file }),
    text: text.length > POLICY_TEXT_LIMIT ? text.slice(0, POLICY_TEXT_LIMIT) : text,
    parsed: policy,
  };
  const at = (key: string, value?: string) =>
    file === undefined ? {} : { source: { file, line: policyLine(text, key, value) } };
  const policyEvidence = {
    name: `mta-sts.${domain}`,
    record: text.slice(0, POLICY_TEXT_LIMIT),
    details: { url, ...(file !== undefined ? { file } : {}) },
  };
  let usable = true;
  if (file === undefined && !hasMediaType(contentType ?? null, 'text/plain')) {
    findings.push(
      F.policyContentType(
        `${url} was served as ${JSON.stringify(contentType ?? '(none)')}, not text/plain`,
        {
          ...policyEvidence,
          details: { url, contentType },
        },
        o,
      ),
    );
  }
  const where = file ?? url;
  for (const e of policy.errors) {
    findings.push(F.policyInvalid(`${where}: ${e}`, { ...policyEvidence, ...at(errorField(e)) }, o));
    usable = false;
  }
  if (policy.syntaxWarnings.length > 0)
    findings.push(
      F.policySyntax(
        `${where}: ${policy.syntaxWarnings.join('; ')}`,
        {
          ...policyEvidence,
          details: { ...policyEvidence.details, problems: policy.syntaxWarnings },
          ...(file !== undefined ? { source: { file, line: 1 } } : {}),
        },
        o,
      ),
    );
  if (!usable) {
    out.status = 'invalid';
    return out;
  }
  out.mode = policy.mode;
  out.maxAge = policy.maxAge;
  out.status = 'found';
  if (policy.maxAge !== null && policy.maxAge < SHORT_MAX_AGE)
    findings.push(
      F.maxAgeShort(
        `${where}: max_age ${policy.maxAge} s is under one day`,
        {
          ...policyEvidence,
          term: `max_age: ${policy.maxAge}`,
          ...at('max_age'),
        },
        o,
      ),
    );
  if (policy.mode === 'testing')
    findings.push(
      F.modeTesting(
        `${domain}'s MTA-STS policy${file !== undefined ? ` (${file})` : ''} is in testing mode: senders report but still deliver`,
        { ...policyEvidence, ...at('mode') },
        o,
      ),
    );
  if (policy.mode === 'none')
    findings.push(
      F.modeNone(
        `${domain}'s MTA-STS policy${file !== undefined ? ` (${file})` : ''} has mode none: senders apply no policy`,
        { ...policyEvidence, ...at('mode') },
        o,
      ),
    );
  if (policy.mode === 'enforce' || policy.mode === 'testing') {
    const hosts = options.mxHosts
      ? [
          ...new Set(options.mxHosts.map((h) => h.toLowerCase().replace(/\.$/, '')).filter((h) => h !== '')),
        ].sort()
      : await mxHostsOf(domain, resolver);
    if (!Array.isArray(hosts)) findings.push(hosts);
    else
      for (const host of hosts) {
        const c = mxCovered(host, policy.mx);
        out.mx.push({ host, covered: c.covered, ...(c.pattern ? { pattern: c.pattern } : {}) });
        if (!c.covered)
          findings.push(
            F.mxNotCovered(
              `MX ${host} is not covered by ${domain}'s MTA-STS policy (mx: ${policy.mx.join(', ')}): senders ${policy.mode === 'enforce' ? 'will not deliver to it' : 'report failures for it'}`,
              {
                ...policyEvidence,
                term: host,
                details: { ...policyEvidence.details, host, patterns: policy.mx },
                ...at('mx'),
              },
              o,
            ),
          );
      }
  }
  return out;
}
