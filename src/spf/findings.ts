/**
 * The SPF findings catalog (ids `spf.*`). Each entry has a stable id, a severity, a title, the RFC section and
 * what to change. {@link auditSpf} produces these.
 *
 * The `type 99` (SPF RR) check of RFC 7208 §3.1/§14.1 needs the zone files: the {@link Resolver} contract has
 * no type-99 query, so `spf.type99-record` is only reported when `auditSpf` is given `zones`.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';
import { DEFAULT_SPF_LIMITS } from './limits.js';

const { maxLookups, maxVoidLookups, maxMxHosts } = DEFAULT_SPF_LIMITS;

/**
 * The SPF findings catalog: one `FindingFactory` per key, `(message, evidence?, context?) => Finding`,
 * which fills in the entry's id (`spf.<slug>`), severity, RFC section and remediation (e.g.
 * `SPF_FINDINGS.lookupLimit('...', { name: 'example.com' })`); and `definitions`, every entry, which the lead
 * aggregates into the catalog (docs/findings.md). `auditSpf` reports them. The limits in titles and
 * remediations are those of `DEFAULT_SPF_LIMITS` (RFC 7208 §4.6.4). Ids are stable: policy files name them.
 */
export const SPF_FINDINGS = defineFindings({
  noRecord: {
    id: 'spf.no-record',
    severity: 'warning',
    title: 'No SPF record',
    rfc: 'RFC 7208 §4.5',
    remediation:
      'Publish one TXT record beginning with "v=spf1" that lists the hosts that send mail for the domain, ' +
      'or "v=spf1 -all" if the domain sends no mail.',
  },
  invalidDomain: {
    id: 'spf.invalid-domain',
    severity: 'error',
    title: 'Not a valid domain name',
    rfc: 'RFC 7208 §4.3',
    remediation:
      'Give a fully qualified domain name (labels of 1-63 octets, at most 253 octets, at least two labels).',
  },
  type99Record: {
    id: 'spf.type99-record',
    severity: 'warning',
    title: 'SPF (type 99) resource record present',
    rfc: 'RFC 7208 §3.1, §14.1',
    remediation:
      'Remove the SPF-type record: RFC 7208 deprecated it, receivers only read TXT, and the two can drift apart.',
  },
  multipleRecords: {
    id: 'spf.multiple-records',
    severity: 'error',
    title: 'Several SPF records',
    rfc: 'RFC 7208 §4.5',
    remediation: 'Merge the records into one TXT record: with more than one, check_host() returns permerror.',
  },
  syntaxError: {
    id: 'spf.syntax-error',
    severity: 'error',
    title: 'SPF syntax error',
    rfc: 'RFC 7208 §4.6, §12',
    remediation: 'Fix the term at the given position: any syntax error makes the whole record a permerror.',
  },
  dnsError: {
    id: 'spf.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS error while reading SPF',
    rfc: 'RFC 7208 §4.4, §5',
    remediation:
      'The DNS did not answer (timeout or server failure): receivers get temperror. Check the authoritative servers of the name.',
  },
  lookupLimit: {
    id: 'spf.lookup-limit',
    severity: 'error',
    title: `More than ${maxLookups} DNS-querying terms`,
    rfc: 'RFC 7208 §4.6.4',
    remediation:
      'Remove unused includes, replace a/mx with ip4/ip6 where the addresses are stable, or flatten third-party ' +
      'includes (at the cost of following their changes by hand).',
  },
  voidLookupLimit: {
    id: 'spf.void-lookup-limit',
    severity: 'error',
    title: `More than ${maxVoidLookups} void lookups`,
    rfc: 'RFC 7208 §4.6.4',
    remediation: 'Remove the terms whose names do not exist or have no records.',
  },
  voidLookup: {
    id: 'spf.void-lookup',
    severity: 'warning',
    title: 'Void lookup',
    rfc: 'RFC 7208 §4.6.4',
    remediation: `Remove the term or fix the name: each void lookup counts toward the limit of ${maxVoidLookups}.`,
  },
  voidBudgetSpent: {
    id: 'spf.void-budget-spent',
    severity: 'warning',
    title: 'Void-lookup budget spent before a term that can be void',
    rfc: 'RFC 7208 §4.6.4',
    remediation: `Remove the void terms before it: once ${maxVoidLookups} void lookups are spent, one more (e.g. the usual NXDOMAIN answer of an exists:%{i}... term) makes check_host() return permerror.`,
  },
  targetNoAddresses: {
    id: 'spf.target-no-addresses',
    severity: 'warning',
    title: 'a/mx target without addresses',
    rfc: 'RFC 7208 §5.3, §5.4',
    remediation: 'Remove the term, or point it at a name that has A/AAAA records.',
  },
  mxTooManyHosts: {
    id: 'spf.mx-too-many-hosts',
    severity: 'error',
    title: `mx with more than ${maxMxHosts} hosts`,
    rfc: 'RFC 7208 §4.6.4',
    remediation: `An mx mechanism over more than ${maxMxHosts} MX records is a permerror: list the sending hosts with ip4/ip6 instead.`,
  },
  ptrUsed: {
    id: 'spf.ptr-used',
    severity: 'warning',
    title: 'ptr mechanism used',
    rfc: 'RFC 7208 §5.5',
    remediation:
      'The ptr mechanism SHOULD NOT be used: it is slow, unreliable and costly for receivers. Use ip4/ip6 or a.',
  },
  passAll: {
    id: 'spf.pass-all',
    severity: 'error',
    title: '+all authorizes every host',
    rfc: 'RFC 7208 §5.1',
    remediation: 'Replace "+all" with "-all" or "~all": "+all" lets anyone send as the domain.',
  },
  authorizesEverything: {
    id: 'spf.authorizes-everything',
    severity: 'error',
    title: 'The policy authorizes every address, like +all',
    rfc: 'RFC 7208 §5.6, §5.1',
    remediation:
      'List the networks that send the domain\'s mail (ip4:/ip6: of their size, or include: of the provider): a /0 (ip4:0.0.0.0/0, ip6:::/0, a/0, mx/0) or halves of the space let anyone send as the domain, as "+all" does.',
  },
  wideNetworks: {
    id: 'spf.wide-networks',
    severity: 'warning',
    title: 'The policy authorizes a very large network',
    rfc: 'RFC 7208 §5.6',
    remediation:
      'Check the prefix lengths: more than a /8 of IPv4 (16,777,216 addresses) or a /16 of IPv6 is far more than any sender uses, and lets whoever else holds addresses there send as the domain.',
  },
  neutralAll: {
    id: 'spf.neutral-all',
    severity: 'warning',
    title: '?all gives no protection',
    rfc: 'RFC 7208 §5.1, §8.2',
    remediation:
      'End the record with "-all" (or "~all" while testing): "?all" says nothing about other hosts.',
  },
  noAll: {
    id: 'spf.no-all',
    severity: 'warning',
    title: 'No all and no redirect',
    rfc: 'RFC 7208 §4.7',
    remediation: 'End the record with "-all" or "~all": without it, unlisted hosts get neutral.',
  },
  redirectIgnored: {
    id: 'spf.redirect-ignored',
    severity: 'warning',
    title: 'redirect ignored because of all',
    rfc: 'RFC 7208 §6.1',
    remediation:
      'Remove either the "all" mechanism or the redirect modifier: redirect only applies when no mechanism matches.',
  },
  termsAfterAll: {
    id: 'spf.terms-after-all',
    severity: 'warning',
    title: 'Terms after all are ignored',
    rfc: 'RFC 7208 §5.1',
    remediation: 'Move the terms before "all", or remove them: mechanisms after "all" are never evaluated.',
  },
  includeNoRecord: {
    id: 'spf.include-no-record',
    severity: 'error',
    title: 'include target without an SPF record',
    rfc: 'RFC 7208 §5.2',
    remediation:
      'Fix or remove the include: a target without an SPF record makes check_host() return permerror.',
  },
  redirectNoRecord: {
    id: 'spf.redirect-no-record',
    severity: 'error',
    title: 'redirect target without an SPF record',
    rfc: 'RFC 7208 §6.1',
    remediation:
      'Fix the redirect target: a target without an SPF record makes check_host() return permerror.',
  },
  loop: {
    id: 'spf.loop',
    severity: 'error',
    title: 'include or redirect loop',
    rfc: 'RFC 7208 §4.6.4',
    remediation: 'Break the loop: evaluation runs into the lookup limit and returns permerror.',
  },
  txtStringTooLong: {
    id: 'spf.txt-string-too-long',
    severity: 'error',
    title: 'TXT character-string over 255 octets',
    rfc: 'RFC 7208 §3.3, RFC 1035 §3.3',
    remediation: 'Split the record into several character-strings of at most 255 octets each ("..." "...").',
  },
  recordOver450: {
    id: 'spf.record-over-450',
    severity: 'warning',
    title: 'SPF record over 450 bytes',
    rfc: 'RFC 7208 §3.4',
    remediation:
      'Keep the record under 450 bytes so the DNS answer fits in 512 octets over UDP; shorten or split with include.',
  },
  recordOver512: {
    id: 'spf.record-over-512',
    severity: 'error',
    title: 'SPF record over 512 bytes',
    rfc: 'RFC 7208 §3.4',
    remediation: 'The answer cannot fit in a 512-octet UDP message: split the record with include.',
  },
  recordTooLarge: {
    id: 'spf.record-too-large',
    severity: 'error',
    title: 'SPF record larger than a TXT record can be',
    rfc: 'RFC 1035 §3.2.1, §3.3.14; RFC 7208 §3.3',
    remediation:
      'A TXT RDATA holds at most 65535 octets (its length is a 16-bit field), so no DNS server can serve this ' +
      'record: split the policy into several records joined with include.',
  },
  analysisIncomplete: {
    id: 'spf.analysis-incomplete',
    severity: 'info',
    title: 'Policy too large to analyze fully',
    rfc: 'RFC 7208 §4.6.4',
    remediation:
      `The policy is far over the limit of ${maxLookups} DNS-querying terms, so receivers return permerror long before ` +
      'reaching the parts the analysis skipped: cut it down to what fits the limit.',
  },
  duplicateTerm: {
    id: 'spf.duplicate-term',
    severity: 'warning',
    title: 'Duplicate term',
    rfc: 'RFC 7208 §4.6',
    remediation:
      'Remove the repeated term: it adds nothing, and DNS-querying duplicates waste the lookup budget.',
  },
  overlappingNetworks: {
    id: 'spf.overlapping-networks',
    severity: 'info',
    title: 'Overlapping networks',
    rfc: 'RFC 7208 §5.6',
    remediation: 'Remove the network that is contained in another.',
  },
  macroInIp: {
    id: 'spf.macro-in-ip',
    severity: 'error',
    title: 'Macro inside ip4/ip6',
    rfc: 'RFC 7208 §5.6',
    remediation:
      'ip4/ip6 take a literal network; macros are only expanded in domain-specs. Use exists with a macro instead.',
  },
  unknownModifier: {
    id: 'spf.unknown-modifier',
    severity: 'info',
    title: 'Unknown modifier',
    rfc: 'RFC 7208 §6',
    remediation: 'Unknown modifiers are ignored by receivers; check for a typo (e.g. "redirect", "exp").',
  },
  misplacedRecord: {
    id: 'spf.misplaced-record',
    severity: 'warning',
    title: 'SPF record on the DMARC or DKIM name',
    rfc: 'RFC 7208 §4.4, RFC 7489 §6.1',
    remediation:
      'SPF is looked up at the domain itself: move the v=spf1 record from the _dmarc/_domainkey name to the domain.',
  },
  misplacedNotChecked: {
    id: 'spf.misplaced-not-checked',
    severity: 'info',
    title: 'Could not check the DMARC or DKIM name for a misplaced SPF record',
    rfc: 'RFC 7208 §4.4',
    remediation:
      'Nothing to fix in the SPF policy: the DNS did not answer for the _dmarc or _domainkey name, so the ' +
      'check for a v=spf1 record published there was skipped. Run the analysis again to complete it.',
  },
  macroNotChecked: {
    id: 'spf.macro-not-checked',
    severity: 'info',
    title: 'Term depends on macros and cannot be checked statically',
    rfc: 'RFC 7208 §7.2, §7.3',
    remediation:
      'Nothing to fix if intended: the target depends on each message or client (%{i}, %{s}, %{l}, %{h}, %{p}, ' +
      '%{v}); make sure the names it expands to exist for the mail you send.',
  },
  notFlattenable: {
    id: 'spf.not-flattenable',
    severity: 'info',
    title: 'Terms that cannot be flattened',
    rfc: 'RFC 7208 §7',
    remediation:
      'Terms with macros, exists and ptr depend on each message; they are kept as they are when flattening.',
  },
});
