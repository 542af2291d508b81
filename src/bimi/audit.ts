/**
 * `auditBimi`: a domain's BIMI deployment (draft-brand-indicators-for-message-identification): the Assertion
 * Record at `<selector>._bimi.<domain>` (falling back to the Organizational Domain, §7.2), its `l=` and `a=`
 * locations, the SVG Tiny PS logo and the mark certificate (validated offline through mailauth once fetched),
 * and the DMARC enforcement prerequisite (§7.1).
 *
 * @module
 */

import { getDomain } from 'tldts';
import { type DnsSource, isTransientFailure, type Resolver } from '../dns/resolver.js';
import { queryTaggedTxt } from '../dns/txt.js';
import type { Evidence, Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  type FetchFailure,
  type FetchOptions,
  type FetchResult,
  fetchHttps,
  type HttpsFetch,
  hasMediaType,
} from '../https/fetch.js';
import { BIMI_FINDINGS as F } from './findings.js';
import { isBimiRecord, isHttpsUrl, parseBimiRecord } from './record.js';

/** Logos over this many bytes get `bimi.logo-large` (the BIMI Group's 32 KB limit). */
export const LOGO_SIZE_LIMIT = 32 * 1024;
/** Largest logo fetched, in bytes. */
const LOGO_FETCH_LIMIT = 512 * 1024;
/** Largest mark certificate chain fetched, in bytes. */
const CERT_FETCH_LIMIT = 256 * 1024;

/**
 * The DMARC policy that applies to the domain, as far as BIMI cares (§7.1 steps 7 to 9). Built by the domain
 * audit from the DMARC section.
 */
export interface BimiDmarcPolicy {
  /** A DMARC record applies to the domain (its own or its Organizational Domain's). */
  found: boolean;
  /** `p` of the applicable record. */
  p?: string;
  /** `sp` of the applicable record, when present. */
  sp?: string;
  /** `pct` (RFC 7489), when present. */
  pct?: number;
  /** `t=y` (RFC 9989 testing mode). */
  testing?: boolean;
  /** DNS trouble left the DMARC policy undecided: the prerequisite is not judged. */
  undetermined?: boolean;
}

/** Options for {@link auditBimi}. */
export interface BimiAuditOptions {
  resolver: Resolver;
  /** The BIMI selector (default `default`). */
  selector?: string;
  /** The applicable DMARC policy; when absent the prerequisite is not checked. */
  dmarc?: BimiDmarcPolicy;
  /** Fetch the logo and the mark certificate over HTTPS and validate them (default true). */
  fetchAssets?: boolean;
  /** The HTTPS fetcher (default {@link fetchHttps}). */
  fetch?: HttpsFetch;
  /** Trusted CA certificates (PEM) for the HTTPS fetches, replacing the system roots (tests). */
  ca?: FetchOptions['ca'];
  /** Time limit per fetch, in ms (default 10000). */
  timeoutMs?: number;
  /** The time at which the mark certificate must be valid (default: now). */
  now?: Date;
  signal?: AbortSignal;
}

/** The logo at `l=`. */
export interface BimiLogo {
  url: string;
  fetched: boolean;
  contentType?: string | null;
  /** Size in bytes. */
  bytes?: number;
  /** SVG Tiny PS validation (mailauth `validateBimiSvg`): true, or false with `error`. */
  svgValid?: boolean;
  error?: { code?: string; message: string };
}

/** The mark certificate at `a=`. */
export interface BimiCertificate {
  url: string;
  fetched: boolean;
  /** The chain validated to a BIMI root and the certificate covers the domain (mailauth `validateBimiVmc`). */
  valid?: boolean;
  /** `VMC` or `CMC`. */
  type?: string;
  subjectAltName?: string[];
  validTo?: string;
  /** The logo embedded in the certificate is the one at `l=` (hash comparison); absent when not compared. */
  logoMatches?: boolean;
  error?: { code?: string; message: string };
}

/**
 * The BIMI section of a domain report.
 * - `status`: `found` (a usable record, or a declination; logo and certificate results are in `logo` and
 *   `certificate`), `none`, `multiple` (several records: receivers show no logo), `invalid` (a broken record),
 *   `dns-error`.
 * - `statusDetail`: `declined` (empty `l=` and `a=`: the domain declines to show a logo).
 */
export interface BimiAudit {
  domain: string;
  selector: string;
  status: RecordStatus;
  statusDetail?: 'declined';
  /** The record found and where (the domain, or its Organizational Domain). */
  record: { name: string; text: string; source?: DnsSource } | null;
  location: string | null;
  authority: string | null;
  logo?: BimiLogo;
  certificate?: BimiCertificate;
  /** Whether the DMARC prerequisite holds; null when not judged. */
  dmarcEnforced: boolean | null;
  findings: Finding[];
}

type Lookup =
  | { kind: 'found'; name: string; text: string; source?: DnsSource }
  | { kind: 'none' }
  | { kind: 'multiple'; name: string; records: string[] }
  | { kind: 'dns-error'; name: string; failure: string };

type Mailauth = typeof import('mailauth');

/** mailauth (SVG and VMC validation), loaded on first use: an audit without a BIMI logo never loads it. */
function loadMailauth(): Promise<Mailauth> {
  return import('mailauth');
}

async function lookupAt(name: string, resolver: Resolver): Promise<Lookup | null> {
  const txt = await queryTaggedTxt(resolver, name, isBimiRecord);
  if (txt.status === 'dns-error') return { kind: 'dns-error', name, failure: txt.kind };
  if (txt.status === 'none') return null;
  const recs = txt.records;
  if (recs.length === 0) return null;
  if (recs.length > 1) return { kind: 'multiple', name, records: recs.map((r) => r.text) };
  const r = recs[0]!;
  return { kind: 'found', name, text: r.text, ...(r.source ? { source: r.source } : {}) };
}

/** The reason the DMARC policy does not meet BIMI's prerequisite, or null when it does. */
export function dmarcShortfall(d: BimiDmarcPolicy): string | null {
  if (!d.found) return 'the domain has no DMARC policy';
  if (d.p !== 'quarantine' && d.p !== 'reject') return `the DMARC policy is p=${d.p ?? '(none)'}`;
  if (d.sp === 'none') return 'the DMARC subdomain policy is sp=none';
  if (d.p === 'quarantine' && d.pct !== undefined && d.pct !== 100)
    return `the DMARC policy applies to pct=${d.pct}% only`;
  if (d.testing) return 'the DMARC policy is in testing mode (t=y)';
  return null;
}

function failureMessage(res: FetchResult & { ok: false }) {
  return { ...(res.code ? { code: res.code } : { code: res.kind }), message: res.message };
}

/**
 * A fetch that failed because resolving the host hit a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) is DNS
 * trouble, not a broken asset: it becomes `bimi.dns-error` with `details.kind` (the DNS failure kind), the URL
 * and the host, so the policy gate reads it as undetermined. Any other failure gives undefined (the caller
 * reports `bimi.logo-fetch-failed` or `bimi.certificate-fetch-failed`).
 */
function fetchDnsError(
  what: 'logo' | 'mark certificate',
  res: FetchFailure,
  evidence: Evidence,
  o: { domain: string },
): Finding | undefined {
  if (res.kind !== 'dns' || !res.dnsKind || !isTransientFailure(res.dnsKind)) return undefined;
  const host = hostOf(res.url);
  return F.dnsError(
    `the ${what} ${res.url} could not be fetched: resolving ${host} failed (${res.dnsKind}); the ${what} is unchecked, not broken`,
    {
      ...evidence,
      details: { kind: res.dnsKind, host, url: res.url, asset: what === 'logo' ? 'logo' : 'certificate' },
    },
    o,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * Audits `domain`'s BIMI record at `options.selector` (default `default`).
 *
 * Findings: `bimi.no-record`, `bimi.multiple-records`, `bimi.invalid-record`, `bimi.declined`,
 * `bimi.missing-location`, `bimi.invalid-location`, `bimi.invalid-authority`, `bimi.no-authority`,
 * `bimi.dmarc-not-enforced`, `bimi.logo-fetch-failed`, `bimi.logo-content-type`, `bimi.logo-large`,
 * `bimi.logo-invalid`, `bimi.certificate-fetch-failed`, `bimi.certificate-invalid`, `bimi.dns-error`.
 * A transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) is `bimi.dns-error` with `evidence.details.kind`, both at
 * the record and when resolving the logo or certificate host for the HTTPS fetch (then with `details.url`,
 * `details.host` and `details.asset`): the asset is unchecked, not broken.
 *
 * The mark certificate is validated by mailauth (`validateBimiVmc`, through `@postalsys/vmc`) from the fetched
 * bytes only: no network beyond the two HTTPS fetches, no revocation check.
 *
 * @param domain - a normalised domain name.
 * @returns the {@link BimiAudit}; never throws.
 */
export async function auditBimi(domain: string, options: BimiAuditOptions): Promise<BimiAudit> {
  const selector = (options.selector ?? 'default').toLowerCase();
  const findings: Finding[] = [];
  const o = { domain };
  const out: BimiAudit = {
    domain,
    selector,
    status: 'none',
    record: null,
    location: null,
    authority: null,
    dmarcEnforced: null,
    findings,
  };
  const own = `${selector}._bimi.${domain}`;
  let found = await lookupAt(own, options.resolver);
  const org = getDomain(domain, { allowPrivateDomains: false });
  if (found === null && org && org !== domain)
    found = await lookupAt(`${selector}._bimi.${org}`, options.resolver);
  if (found === null) {
    findings.push(F.noRecord(`${domain} publishes no BIMI record at ${own}`, { name: own }, o));
    return out;
  }
  if (found.kind === 'dns-error') {
    findings.push(
      F.dnsError(
        `TXT ${found.name} failed (${found.failure})`,
        { name: found.name, details: { kind: found.failure, type: 'TXT' } },
        o,
      ),
    );
    out.status = 'dns-error';
    return out;
  }
  if (found.kind === 'multiple') {
    findings.push(
      F.multipleRecords(
        `${found.name} has ${found.records.length} BIMI records: receivers show no logo`,
        {
          name: found.name,
          details: { records: found.records },
        },
        o,
      ),
    );
    out.status = 'multiple';
    return out;
  }
  if (found.kind !== 'found') return out;
  out.record = { name: found.name, text: found.text, ...(found.source ? { source: found.source } : {}) };
  const evidence = {
    name: found.name,
    record: found.text,
    ...(found.source ? { source: found.source } : {}),
  };
  const rec = parseBimiRecord(found.text);
  out.location = rec.location;
  out.authority = rec.authority;
  for (const e of rec.errors) findings.push(F.invalidRecord(`${found.name}: ${e}`, evidence, o));
  if (rec.location === '' && !rec.authority) {
    findings.push(F.declined(`${domain} declines BIMI (empty l= and a=)`, evidence, o));
    out.status = 'found';
    out.statusDetail = 'declined';
    return out;
  }
  let usable = rec.errors.length === 0;
  if (rec.location === null || rec.location === '') {
    findings.push(F.missingLocation(`${found.name} has no logo location (l=)`, evidence, o));
    usable = false;
  } else if (!isHttpsUrl(rec.location)) {
    findings.push(
      F.invalidLocation(
        `${found.name}: l=${rec.location} is not an https URL`,
        { ...evidence, term: `l=${rec.location}` },
        o,
      ),
    );
    usable = false;
  }
  const authorityOk = rec.authority !== null && rec.authority !== '' && isHttpsUrl(rec.authority);
  if (rec.authority === null || rec.authority === '')
    findings.push(F.noAuthority(`${found.name} has no mark certificate location (a=)`, evidence, o));
  else if (!authorityOk) {
    findings.push(
      F.invalidAuthority(
        `${found.name}: a=${rec.authority} is not an https URL`,
        { ...evidence, term: `a=${rec.authority}` },
        o,
      ),
    );
    usable = false;
  }
  out.status = usable ? 'found' : 'invalid';

  if (options.dmarc && !options.dmarc.undetermined) {
    const shortfall = dmarcShortfall(options.dmarc);
    out.dmarcEnforced = shortfall === null;
    if (shortfall)
      findings.push(
        F.dmarcNotEnforced(
          `${domain} publishes BIMI but ${shortfall}: receivers show no logo`,
          {
            name: `_dmarc.${domain}`,
            details: { ...options.dmarc },
          },
          o,
        ),
      );
  }

  if (options.fetchAssets === false) return out;
  const fetch = options.fetch ?? fetchHttps;
  const fetchOpts = (maxBytes: number, accept: string): FetchOptions => ({
    resolver: options.resolver,
    timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes,
    accept,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const logoUrl = rec.location && isHttpsUrl(rec.location) ? rec.location : null;
  const certUrl = authorityOk ? rec.authority! : null;
  const [logoRes, certRes] = await Promise.all([
    logoUrl ? fetch(logoUrl, fetchOpts(LOGO_FETCH_LIMIT, 'image/svg+xml')) : Promise.resolve(null),
    certUrl
      ? fetch(certUrl, fetchOpts(CERT_FETCH_LIMIT, 'application/pem-certificate-chain, */*'))
      : Promise.resolve(null),
  ]);

  let logoBody: Buffer | undefined;
  if (logoUrl && logoRes) {
    if (!logoRes.ok) {
      out.logo = { url: logoUrl, fetched: false, error: failureMessage(logoRes) };
      findings.push(
        fetchDnsError('logo', logoRes, evidence, o) ??
          F.logoFetchFailed(
            `logo ${logoRes.message}`,
            { ...evidence, details: { url: logoUrl, kind: logoRes.kind } },
            o,
          ),
      );
    } else {
      logoBody = logoRes.body;
      const logo: BimiLogo = {
        url: logoUrl,
        fetched: true,
        contentType: logoRes.contentType,
        bytes: logoRes.body.length,
      };
      out.logo = logo;
      if (!hasMediaType(logoRes.contentType, 'image/svg+xml'))
        findings.push(
          F.logoContentType(
            `logo ${logoUrl} served as ${JSON.stringify(logoRes.contentType ?? '(none)')}`,
            {
              ...evidence,
              details: { url: logoUrl, contentType: logoRes.contentType },
            },
            o,
          ),
        );
      if (logoRes.body.length > LOGO_SIZE_LIMIT)
        findings.push(
          F.logoLarge(
            `logo ${logoUrl} is ${logoRes.body.length} bytes (over ${LOGO_SIZE_LIMIT})`,
            {
              ...evidence,
              details: { url: logoUrl, bytes: logoRes.body.length },
            },
            o,
          ),
        );
      try {
        (await loadMailauth()).validateBimiSvg(logoRes.body);
        logo.svgValid = true;
      } catch (err) {
        const e = err as Error & { code?: string };
        logo.svgValid = false;
        logo.error = { ...(e.code ? { code: e.code } : {}), message: e.message };
        findings.push(
          F.logoInvalid(
            `logo ${logoUrl}: ${e.message}${e.code ? ` (${e.code})` : ''}`,
            {
              ...evidence,
              details: { url: logoUrl, ...(e.code ? { code: e.code } : {}) },
            },
            o,
          ),
        );
      }
    }
  }

  if (certUrl && certRes) {
    if (!certRes.ok) {
      out.certificate = { url: certUrl, fetched: false, error: failureMessage(certRes) };
      findings.push(
        fetchDnsError('mark certificate', certRes, evidence, o) ??
          F.certificateFetchFailed(
            `mark certificate ${certRes.message}`,
            { ...evidence, details: { url: certUrl, kind: certRes.kind } },
            o,
          ),
      );
    } else {
      out.certificate = await checkCertificate(
        certUrl,
        certRes.body,
        logoUrl,
        logoBody,
        found.name,
        selector,
        options.now,
      );
      const c = out.certificate;
      if (!c.valid)
        findings.push(
          F.certificateInvalid(
            `mark certificate ${certUrl}: ${c.error?.message ?? 'does not validate'}`,
            {
              ...evidence,
              details: { url: certUrl, ...(c.error?.code ? { code: c.error.code } : {}) },
            },
            o,
          ),
        );
    }
  }
  return out;
}

async function checkCertificate(
  url: string,
  pem: Buffer,
  logoUrl: string | null,
  logo: Buffer | undefined,
  recordName: string,
  selector: string,
  now: Date | undefined,
): Promise<BimiCertificate> {
  const d = recordName.slice(recordName.indexOf('._bimi.') + '._bimi.'.length);
  const cert: BimiCertificate = { url, fetched: true };
  try {
    // Both bytes are given (locationPath/authorityPath), so mailauth downloads nothing: the check is offline.
    const { validateBimiVmc } = await loadMailauth();
    const result = await validateBimiVmc(
      {
        status: { result: 'pass', header: { selector, d } },
        ...(logo && logoUrl ? { location: logoUrl, locationPath: logo } : {}),
        authority: url,
        authorityPath: pem,
      } as unknown as Parameters<Mailauth['validateBimiVmc']>[0],
      now ? { now } : {},
    );
    const auth = result ? result.authority : undefined;
    if (!auth) return { ...cert, valid: false, error: { message: 'no validation result' } };
    const vmc = auth.vmc as
      | { type?: string; certificate?: { subjectAltName?: string[]; validTo?: string } }
      | undefined;
    if (vmc?.type) cert.type = vmc.type;
    if (vmc?.certificate?.subjectAltName) cert.subjectAltName = vmc.certificate.subjectAltName;
    if (vmc?.certificate?.validTo) cert.validTo = vmc.certificate.validTo;
    if (auth.hashMatch !== undefined) cert.logoMatches = auth.hashMatch;
    if (!auth.success) {
      cert.valid = false;
      cert.error = {
        ...(auth.error?.code ? { code: auth.error.code } : {}),
        message: auth.error?.message ?? 'invalid',
      };
    } else if (auth.hashMatch === false) {
      cert.valid = false;
      cert.error = {
        code: 'LOGO_HASH_MISMATCH',
        message: `the logo embedded in the certificate is not the one at ${logoUrl}`,
      };
    } else cert.valid = true;
  } catch (err) {
    const e = err as Error & { code?: string };
    cert.valid = false;
    cert.error = { ...(e.code ? { code: e.code } : {}), message: e.message };
  }
  return cert;
}
