/**
 * The DMARC findings catalog: record lint (RFC 9989 §4.7, §4.8), discovery problems (RFC 9989 §4.10,
 * RFC 7489 §6.6.3) and audit observations (reporting, RFC 9990 §4; subdomain policies; the two modes).
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** Every DMARC finding, one factory per key; `DMARC_FINDINGS.definitions` feeds the catalog. */
export const DMARC_FINDINGS = defineFindings({
  // --- record syntax (src/dmarc/record.ts) ---
  notDmarcRecord: {
    id: 'dmarc.not-dmarc-record',
    severity: 'error',
    title: 'Record does not start with v=DMARC1',
    rfc: 'RFC 9989 §4.7',
    rfc7489: 'RFC 7489 §6.3',
    remediation:
      'Start the record with "v=DMARC1;" exactly: the v tag first, the value "DMARC1" in upper case.',
  },
  syntax: {
    id: 'dmarc.syntax',
    severity: 'warning',
    title: 'Malformed tag',
    rfc: 'RFC 9989 §4.8',
    rfc7489: 'RFC 7489 §6.4',
    remediation:
      'Write every tag as name=value and separate tags with ";". Receivers ignore malformed parts.',
  },
  unknownTag: {
    id: 'dmarc.unknown-tag',
    severity: 'info',
    title: 'Unknown tag (ignored)',
    rfc: 'RFC 9989 §4.7',
    rfc7489: 'RFC 7489 §6.3',
    remediation: 'Remove the tag or correct its spelling; receivers ignore tags they do not know.',
  },
  tagCase: {
    id: 'dmarc.tag-case',
    severity: 'info',
    title: 'Tag name not in lower case',
    rfc: 'RFC 6376 §3.2',
    remediation:
      'Write tag names in lower case: the tag-list syntax DMARC borrows from DKIM is case-sensitive.',
  },
  duplicateTag: {
    id: 'dmarc.duplicate-tag',
    severity: 'error',
    title: 'Duplicate tag',
    rfc: 'RFC 6376 §3.2',
    remediation:
      'Keep one occurrence of each tag. A strict receiver treats the whole record as invalid; others use the first or the last value.',
  },
  invalidValue: {
    id: 'dmarc.invalid-value',
    severity: 'error',
    title: 'Invalid tag value',
    rfc: 'RFC 9989 §4.8',
    rfc7489: 'RFC 7489 §6.3, §6.4',
    remediation:
      'Use one of the values the RFC defines for the tag; an invalid value is replaced by the default.',
  },
  invalidUri: {
    id: 'dmarc.invalid-uri',
    severity: 'error',
    title: 'Invalid reporting URI',
    rfc: 'RFC 9989 §4.8',
    rfc7489: 'RFC 7489 §6.2, §6.4',
    remediation:
      'Write each destination as a URI, e.g. "mailto:dmarc@example.com"; encode "," and "!" as %2C and %21.',
  },
  uriScheme: {
    id: 'dmarc.uri-scheme',
    severity: 'info',
    title: 'Reporting URI is not mailto:',
    rfc: 'RFC 9989 §4.7',
    rfc7489: 'RFC 7489 §6.2',
    remediation: 'Receivers only have to support mailto: URIs; add a mailto: destination.',
  },
  uriSizeLimit: {
    id: 'dmarc.uri-size-limit',
    severity: 'info',
    title: 'Obsolete report size limit',
    rfc: 'RFC 9989 §4.8, Appendix C.4',
    remediation: 'Remove the "!size" suffix; RFC 9989 dropped report size limits and reporters ignore it.',
  },
  recordUnusable: {
    id: 'dmarc.record-unusable',
    severity: 'error',
    title: 'Record has no valid policy and no reporting address',
    rfc: 'RFC 9989 §4.10.1',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation:
      'Publish a valid p= (none, quarantine or reject) and a rua= reporting URI; without either, receivers apply no DMARC processing.',
  },
  policyMissing: {
    id: 'dmarc.policy-missing',
    severity: 'warning',
    title: 'No valid p= tag: treated as p=none',
    rfc: 'RFC 9989 §4.10.1',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation: 'Publish p=none, p=quarantine or p=reject explicitly.',
  },
  policyNone: {
    id: 'dmarc.policy-none',
    severity: 'warning',
    title: 'Policy is p=none (monitoring only)',
    rfc: 'RFC 9989 §3.2.12',
    rfc7489: 'RFC 7489 §6.3',
    remediation:
      'Once aggregate reports show all legitimate mail aligned, move to p=quarantine, then p=reject.',
  },
  subdomainPolicyWeaker: {
    id: 'dmarc.subdomain-policy-weaker',
    severity: 'warning',
    title: 'sp= weaker than p=',
    rfc: 'RFC 9989 §4.7',
    rfc7489: 'RFC 7489 §6.3',
    remediation: 'Raise sp= to the p= value (or remove it) unless subdomains really need a weaker policy.',
  },
  npWeaker: {
    id: 'dmarc.np-weaker',
    severity: 'warning',
    title: 'np= weaker than the subdomain policy',
    rfc: 'RFC 9989 §4.7',
    remediation: 'Non-existent subdomains send no legitimate mail: set np=reject.',
  },
  testing: {
    id: 'dmarc.testing',
    severity: 'warning',
    title: 't=y: policy applied one level lower',
    rfc: 'RFC 9989 §4.7',
    remediation:
      'Remove t=y when testing is over; until then reject acts as quarantine and quarantine as none.',
  },
  historicTag: {
    id: 'dmarc.historic-tag',
    severity: 'info',
    title: 'Historic tag (pct, rf, ri)',
    rfc: 'RFC 9989 Appendix A.6, Appendix C.5.2',
    remediation: 'RFC 9989 removed pct, rf and ri; use t=y instead of pct=0 and remove the others.',
  },
  pctPartial: {
    id: 'dmarc.pct-partial',
    severity: 'warning',
    title: 'pct below 100: RFC 7489 receivers apply the policy to a sample only',
    rfc: 'RFC 7489 §6.3, RFC 9989 Appendix A.6',
    rfc7489: 'RFC 7489 §6.3',
    remediation: 'Remove pct (RFC 9989 receivers ignore it) or set it to 100; use t=y to test.',
  },
  noRua: {
    id: 'dmarc.no-rua',
    severity: 'warning',
    title: 'No aggregate report destination (rua=)',
    rfc: 'RFC 9989 §4.7, §5.1.3',
    rfc7489: 'RFC 7489 §6.3, §7.2',
    remediation: 'Add rua=mailto:... so that receivers send aggregate reports; without it none are sent.',
  },
  tooManyUris: {
    id: 'dmarc.too-many-uris',
    severity: 'warning',
    title: 'More than two URIs in rua= or ruf=',
    rfc: 'RFC 7489 §6.2, RFC 9989 Appendix C.7',
    rfc7489: 'RFC 7489 §6.2',
    remediation: 'List at most two destinations: RFC 7489 receivers only have to support two.',
  },
  foIgnored: {
    id: 'dmarc.fo-ignored',
    severity: 'info',
    title: 'fo= without ruf= is ignored',
    rfc: 'RFC 9989 §4.7',
    rfc7489: 'RFC 7489 §6.3',
    remediation: 'Remove fo=, or add a ruf= destination for failure reports.',
  },
  psdDeclared: {
    id: 'dmarc.psd-declared',
    severity: 'info',
    title: 'Record declares a Public Suffix Domain (psd=y)',
    rfc: 'RFC 9989 §4.7, §5.2',
    remediation: 'Only a Public Suffix Operator publishes psd=y; an organization declares itself with psd=n.',
  },

  // --- discovery and audit (src/dmarc/audit.ts) ---
  noRecord: {
    id: 'dmarc.no-record',
    severity: 'error',
    title: 'No DMARC record',
    rfc: 'RFC 9989 §5.1.4',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation:
      'Publish a TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=none; rua=mailto:dmarc@<domain>".',
  },
  recordAtApex: {
    id: 'dmarc.record-at-apex',
    severity: 'error',
    title: 'DMARC record published at the domain instead of _dmarc',
    rfc: 'RFC 9989 §4.5',
    rfc7489: 'RFC 7489 §6.1',
    remediation:
      'Move the v=DMARC1 TXT record to the name _dmarc.<domain>; receivers never look at the domain itself.',
  },
  spfAtDmarc: {
    id: 'dmarc.spf-at-dmarc',
    severity: 'error',
    title: 'SPF record published at _dmarc',
    rfc: 'RFC 9989 §4.5, RFC 7208 §3',
    rfc7489: 'RFC 7489 §6.1, RFC 7208 §3',
    remediation: 'Publish the SPF record at the domain itself and a v=DMARC1 record at _dmarc.<domain>.',
  },
  recordIgnored: {
    id: 'dmarc.record-ignored',
    severity: 'warning',
    title: 'TXT record at _dmarc ignored: not a valid DMARC record',
    rfc: 'RFC 9989 §4.7, §4.10',
    rfc7489: 'RFC 7489 §6.3, §6.6.3',
    remediation:
      'Start the record with "v=DMARC1;" exactly (the v tag first, "DMARC1" in upper case, nothing before it); ' +
      'until then receivers discard it and apply the parent or Organizational Domain policy, or none.',
  },
  multipleRecords: {
    id: 'dmarc.multiple-records',
    severity: 'error',
    title: 'Several DMARC records at one name',
    rfc: 'RFC 9989 §4.10, RFC 7489 §6.6.3',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation:
      'Publish exactly one v=DMARC1 TXT record per name; with several, receivers discard them all.',
  },
  inheritedPolicy: {
    id: 'dmarc.inherited-policy',
    severity: 'info',
    title: 'Policy inherited from the Organizational Domain or a PSD',
    rfc: 'RFC 9989 §4.10.1',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation: 'Nothing to do if intended; publish _dmarc.<domain> to give this domain its own policy.',
  },
  psdPolicy: {
    id: 'dmarc.psd-policy',
    severity: 'warning',
    title: 'Only a Public Suffix Domain policy applies',
    rfc: 'RFC 9989 §4.10.1',
    remediation:
      'Publish a DMARC record for the Organizational Domain; a PSD policy is a fallback, not a substitute.',
  },
  dnsError: {
    id: 'dmarc.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS error during DMARC discovery',
    rfc: 'RFC 9989 §4.10.1, §5.3.6',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation:
      'Retry later; check the authoritative servers of the names that failed. A timeout is not "no policy".',
  },
  externalDestinationUnauthorized: {
    id: 'dmarc.external-destination-unauthorized',
    severity: 'warning',
    title: 'External report destination not authorized',
    rfc: 'RFC 9990 §4',
    rfc7489: 'RFC 7489 §7.1',
    remediation:
      'Ask the destination domain to publish TXT "v=DMARC1" at the name the finding gives (<policy domain>._report._dmarc.<destination>, or *._report._dmarc.<destination> for every domain it accepts reports for), or send reports to an address in your own organization; until then receivers do not send it reports.',
  },
  reportDomainNoMx: {
    id: 'dmarc.report-domain-no-mx',
    severity: 'warning',
    title: 'Report destination domain has no MX (relies on its address records)',
    rfc: 'RFC 5321 §5.1',
    remediation:
      'Publish MX records for the report domain, or use a report address at a domain that has them: delivery to the A/AAAA records (the implicit MX) is a fallback some senders skip.',
  },
  reportDomainUndeliverable: {
    id: 'dmarc.report-domain-undeliverable',
    severity: 'error',
    title: 'Report destination domain accepts no mail',
    rfc: 'RFC 5321 §5.1, RFC 7505',
    remediation:
      'Use a report address at a domain that receives mail (MX records, not a null MX): this one does not exist, publishes a null MX, or has neither MX nor address records.',
  },
  subdomainWeakens: {
    id: 'dmarc.subdomain-weakens',
    severity: 'warning',
    title: 'Subdomain record weakens the organizational policy',
    rfc: 'RFC 9989 §4.10.1',
    rfc7489: 'RFC 7489 §6.6.3',
    remediation:
      'The subdomain record replaces the organizational sp=/p= for this name; align its p= with the organizational policy.',
  },
  modeDivergence: {
    id: 'dmarc.mode-divergence',
    severity: 'warning',
    title: 'RFC 9989 and RFC 7489 receivers find different policies',
    rfc: 'RFC 9989 Appendix C.3',
    remediation:
      'Publish an explicit DMARC record at the domain (and psd=n at the Organizational Domain) so that both kinds of receiver agree.',
  },
});

/**
 * The RFC 7489 sections of the findings whose rule RFC 7489 also has, by finding id (the `rfc7489` field of the
 * catalog entries): in RFC 7489 mode the audit cites these instead of the RFC 9989 sections. Findings about RFC
 * 9989 additions (np, psd, t, the Tree Walk, historic tags) keep their RFC 9989 citation.
 */
export const DMARC_RFC7489_CITATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  DMARC_FINDINGS.definitions.flatMap((d) => (d.rfc7489 ? [[d.id, d.rfc7489]] : [])),
);
