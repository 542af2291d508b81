/**
 * Where a finding is in the zone files: the record it is about (its file, line and, for a term of a TXT record,
 * column), or, when the zone does not hold that record, the zone file with the record named (and, given the
 * zone files before a change, the line where it was). The CLI and the GitHub Action both locate findings with
 * this module, so annotations, SARIF and the job summary point at the same place.
 *
 * Nothing is located at a zone's SOA unless it is about the SOA: a record that should exist but does not is a
 * problem of the file, not of its first record.
 *
 * @module
 */

import { joinTxt, normalizeName } from '../dns/resolver.js';
import type { Zone, ZoneRecord } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import type { DomainReport } from './audit.js';

/** A place in a repository file: 1-based line and column when known (a file alone is about the whole file). */
export interface SourceLocation {
  /** Repository-relative path with `/`, or the path as given to the CLI. */
  file: string;
  line?: number;
  column?: number;
}

/**
 * Where a finding's record is in the zones, or where it is missing: {@link SourceLocation} plus, when the zone
 * does not hold the record, `absent` naming it (`TXT _dmarc.example.com`) and, when the zones before the change
 * held it, `before` (its file and line there: the change deleted it).
 */
export interface ZoneLocation extends SourceLocation {
  absent?: { name: string; type: string; before?: { file: string; line: number } };
}

/** The text that starts each kind of TXT-published record. */
const TXT_PREFIX: Readonly<Record<string, RegExp>> = {
  spf: /^v=spf1(\s|$)/i,
  dmarc: /^v=DMARC1/i,
  mtasts: /^v=STSv1/i,
  tlsrpt: /^v=TLSRPTv1/i,
  bimi: /^v=BIMI1/i,
};

/** The protocol area whose record a policy rule's finding is about (`policy.spf-lookups` → `spf`). */
const POLICY_AREA: readonly [RegExp, string][] = [
  [/^policy\.spf-/, 'spf'],
  [/^policy\.dmarc-/, 'dmarc'],
  [/^policy\.dkim-/, 'dkim'],
  [/^policy\.mta-sts-/, 'mtasts'],
];

/** Findings about the policy file itself, never about a DNS record: located in the policy file by the caller. */
export const POLICY_FILE_FINDINGS: ReadonlySet<string> = new Set(['policy.suppression-expired']);

/** The zone with the longest origin that contains `name`. */
export function zoneFor(zones: readonly Zone[], name: string): Zone | undefined {
  let best: Zone | undefined;
  for (const z of zones) {
    if (name === z.origin || name.endsWith(`.${z.origin}`) || z.origin === '') {
      if (!best || z.origin.length > best.origin.length) best = z;
    }
  }
  return best;
}

function fileOf(zone: Zone): string {
  return zone.file ?? zone.origin;
}

function at(zone: Zone, r: ZoneRecord): { file: string; line: number } {
  return { file: r.file ?? fileOf(zone), line: r.line };
}

function areaOf(id: string): string {
  for (const [re, area] of POLICY_AREA) if (re.test(id)) return area;
  return id.split('.')[0] ?? '';
}

/** What a finding is about, at its name: a TXT record of a kind, an MX, a host's addresses, or any record. */
interface Wanted {
  types: readonly string[];
  /** For TXT: the record's kind, by its first tag. */
  prefix?: RegExp;
  /** The type named when the record is absent. */
  absentType: string;
}

/** The record a finding is about, from its area and name (`_dmarc.` names are DMARC whatever the area). */
function wantedFor(finding: Finding, name: string): Wanted | undefined {
  const area = areaOf(finding.id);
  if (name.startsWith('_dmarc.')) return { types: ['TXT'], prefix: TXT_PREFIX.dmarc!, absentType: 'TXT' };
  if (name.startsWith('_mta-sts.')) return { types: ['TXT'], prefix: TXT_PREFIX.mtasts!, absentType: 'TXT' };
  if (name.startsWith('mta-sts.')) return { types: ['A', 'AAAA', 'CNAME'], absentType: 'A' };
  if (name.startsWith('_smtp._tls.'))
    return { types: ['TXT'], prefix: TXT_PREFIX.tlsrpt!, absentType: 'TXT' };
  // A DMARC report domain that cannot take mail is about its MX (and address) records.
  if (/^dmarc\.report-domain-/.test(finding.id)) return { types: ['MX', 'A', 'AAAA'], absentType: 'MX' };
  switch (area) {
    case 'spf':
      return { types: ['TXT', 'SPF'], prefix: TXT_PREFIX.spf!, absentType: 'TXT' };
    case 'dmarc':
      return { types: ['TXT'], prefix: TXT_PREFIX.dmarc!, absentType: 'TXT' };
    case 'dkim':
      return { types: ['TXT', 'CNAME'], absentType: 'TXT' };
    case 'bimi':
      return { types: ['TXT'], prefix: TXT_PREFIX.bimi!, absentType: 'TXT' };
    case 'mtasts':
      return { types: ['TXT'], prefix: TXT_PREFIX.mtasts!, absentType: 'TXT' };
    case 'tlsrpt':
      return { types: ['TXT'], prefix: TXT_PREFIX.tlsrpt!, absentType: 'TXT' };
    case 'mx':
      // Reverse DNS is not in these zones (a PTR is the address owner's); the others are about the MX records.
      if (/^mx\.(no-ptr|fcrdns-mismatch|not-checked-offline|dns-error)$/.test(finding.id)) return undefined;
      return { types: ['MX'], absentType: 'MX' };
    default:
      return undefined;
  }
}

function txtText(r: ZoneRecord): string | undefined {
  return Array.isArray(r.data) ? joinTxt(r.data as string[]) : undefined;
}

/** The records at `name` in `zone` that a finding of this kind is about. */
function candidates(zone: Zone, name: string, wanted: Wanted): ZoneRecord[] {
  return zone.records.filter((r) => {
    if (r.name !== name || !wanted.types.includes(r.type)) return false;
    if ((r.type === 'TXT' || r.type === 'SPF') && wanted.prefix) {
      const text = txtText(r);
      return text !== undefined && wanted.prefix.test(text);
    }
    return true;
  });
}

/** The 1-based line and column of `term` in a TXT record as written, when one of its words holds it once. */
export function termColumn(r: ZoneRecord, term: string): { line: number; column: number } | undefined {
  if (!r.parts || term === '') return undefined;
  const hits = r.parts.flatMap((p) => {
    const i = p.text.indexOf(term);
    return i >= 0 && p.text.indexOf(term, i + 1) < 0 ? [{ line: p.line, column: p.column + i }] : [];
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** The MX record a finding names (`evidence.record` is `<preference> <exchange>`), or the address record it names. */
function mxRecord(finding: Finding, zone: Zone, name: string): ZoneRecord | undefined {
  const record = finding.evidence?.record;
  if (record !== undefined) {
    const mx = zone.records.find((r) => {
      if (r.name !== name || r.type !== 'MX') return false;
      const d = r.data as { priority: number; exchange: string } | undefined;
      return d !== undefined && `${d.priority} ${d.exchange === '' ? '.' : d.exchange}` === record;
    });
    if (mx) return mx;
  }
  const address = finding.evidence?.details?.address;
  if (typeof address === 'string')
    return zone.records.find(
      (r) => (r.type === 'A' || r.type === 'AAAA') && r.name === name && r.data === address,
    );
  return undefined;
}

/** Where the zones before a change held a record of this kind at `name`. */
function before(
  zones: readonly Zone[] | undefined,
  name: string,
  wanted: Wanted,
): { file: string; line: number } | undefined {
  if (!zones) return undefined;
  const zone = zoneFor(zones, name);
  const r = zone ? candidates(zone, name, wanted)[0] : undefined;
  return zone && r ? at(zone, r) : undefined;
}

/** Options of {@link locateInZones}. */
export interface LocateOptions {
  /** The zone files before the change (a pull request's base): a record they hold and `zones` lack was deleted. */
  before?: readonly Zone[];
}

/**
 * Where in the zones a finding's record is defined, or should be.
 *
 * - A record of the finding's kind at `evidence.name` (the TXT record whose text is `evidence.record`, else the
 *   only TXT record of its kind; the MX record or address a finding names; a DKIM selector's TXT or CNAME; the
 *   `mta-sts` host's address): its file and line, and the column of `evidence.term` when one word of the
 *   record holds it once.
 * - When the zone holding the name has no such record: that zone's file without a line, and `absent` naming the
 *   record (with `before`, its old place, when `options.before` held it).
 * - Findings about the policy file ({@link POLICY_FILE_FINDINGS}), names outside every zone, and findings whose
 *   record has no zone form (reverse DNS, a provider's include outside the zones): undefined.
 */
export function locateInZones(
  finding: Finding,
  zones: readonly Zone[],
  options: LocateOptions = {},
): ZoneLocation | undefined {
  if (POLICY_FILE_FINDINGS.has(finding.id)) return undefined;
  const rawName = finding.evidence?.name ?? finding.domain;
  if (!rawName) return undefined;
  const name = normalizeName(rawName);
  if (!name) return undefined;
  const zone = zoneFor(zones, name);
  if (!zone) return undefined;
  const wanted = wantedFor(finding, name);
  if (!wanted) return undefined;
  if (wanted.types.includes('MX')) {
    const r = mxRecord(finding, zone, name);
    if (r) return at(zone, r);
  }
  const found = candidates(zone, name, wanted);
  const record = finding.evidence?.record;
  const exact = record === undefined ? undefined : found.find((r) => txtText(r) === record);
  const chosen = exact ?? (found.length === 1 ? found[0] : undefined) ?? found[0];
  if (chosen) {
    const term = finding.evidence?.term;
    const col = term !== undefined ? termColumn(chosen, term) : undefined;
    return col ? { file: chosen.file ?? fileOf(zone), ...col } : at(zone, chosen);
  }
  const was = before(options.before, name, wanted);
  return {
    file: fileOf(zone),
    absent: { name, type: wanted.absentType, ...(was ? { before: was } : {}) },
  };
}

/**
 * Returns the report with `evidence.source` set on every finding whose record the zones hold (file, line and,
 * for a term, column); a source the audit already set is kept, with the term's column added when the zones know
 * it. The report is copied, not changed.
 */
export function withZoneSources(report: DomainReport, zones: readonly Zone[]): DomainReport {
  if (zones.length === 0) return report;
  const findings = report.findings.map((f) => {
    const own = f.evidence?.source;
    if (own && (own.column !== undefined || f.evidence?.term === undefined)) return f;
    const loc = locateInZones(f, zones);
    if (!loc || loc.line === undefined) return f;
    // A source the audit set (the record's first line) gains the term's column when the zones place it there.
    if (own && (loc.file !== own.file || loc.column === undefined)) return f;
    const source = {
      file: loc.file,
      line: loc.line,
      ...(loc.column !== undefined ? { column: loc.column } : {}),
    };
    return { ...f, evidence: { ...(f.evidence ?? {}), source } };
  });
  return { ...report, findings };
}

/**
 * The zone files a domain is audited against: those whose origin is the domain, one of its parents (the zone
 * that holds its names) or one of its subdomains (a delegated `_domainkey` or `_dmarc` zone), by file name.
 */
export function zonesOfDomain(domain: string, zones: readonly Zone[]): Zone[] {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return zones.filter(
    (z) => z.origin === d || d.endsWith(`.${z.origin}`) || z.origin.endsWith(`.${d}`) || z.origin === '',
  );
}
