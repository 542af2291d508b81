/**
 * Findings raised by the policy gate: one per domain rule of the policy file, plus the gate's own
 * observations (an expired suppression). Their ids (`policy.*`) are in the findings catalog so that SARIF
 * rules and the documentation cover them like every protocol finding.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

const UNDETERMINED_REMEDIATION =
  'Re-run when the DNS servers answer (the message names the query that failed), or check the record by hand; an undetermined rule never passes.';

/** Every policy-gate finding; `POLICY_FINDINGS.definitions` feeds the catalog. */
export const POLICY_FINDINGS = defineFindings({
  spfRecord: {
    id: 'policy.spf-record',
    severity: 'error',
    title: 'Policy: SPF record required',
    rfc: 'RFC 7208 §4.5',
    remediation: 'Publish exactly one valid "v=spf1 ... -all" TXT record at the domain.',
  },
  spfAuthorize: {
    id: 'policy.spf-authorize',
    severity: 'error',
    title: 'Policy: sender not authorized by SPF',
    rfc: 'RFC 7208 §4',
    remediation:
      'Add the sender to the SPF record (ip4:/ip6: for addresses and networks, include: for a provider), or remove it from the policy.',
  },
  spfAll: {
    id: 'policy.spf-all',
    severity: 'error',
    title: 'Policy: SPF record does not end with the required all',
    rfc: 'RFC 7208 §5.1',
    remediation: 'End the record with the required "-all" (or "~all" where the policy accepts it).',
  },
  spfLookups: {
    id: 'policy.spf-lookups',
    severity: 'error',
    title: 'Policy: SPF lookup budget exceeded',
    rfc: 'RFC 7208 §4.6.4',
    remediation:
      'Remove includes you no longer use, replace a/mx mechanisms with ip4:/ip6:, or ask providers for narrower includes.',
  },
  dmarcRecord: {
    id: 'policy.dmarc-record',
    severity: 'error',
    title: 'Policy: DMARC record required',
    rfc: 'RFC 9989 §4.10',
    remediation:
      'Publish a TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=reject; rua=mailto:dmarc@<domain>".',
  },
  dmarcPolicy: {
    id: 'policy.dmarc-policy',
    severity: 'error',
    title: 'Policy: DMARC policy weaker than required',
    rfc: 'RFC 9989 §4.7',
    remediation:
      'Raise p= (or sp=/np=) to the required level once aggregate reports show legitimate mail aligned.',
  },
  dmarcRua: {
    id: 'policy.dmarc-rua',
    severity: 'error',
    title: 'Policy: DMARC aggregate reports required',
    rfc: 'RFC 9989 §4.7',
    remediation: 'Add rua=mailto:<address> to the DMARC record.',
  },
  dmarcAlignment: {
    id: 'policy.dmarc-alignment',
    severity: 'error',
    title: 'Policy: DMARC alignment mode differs',
    rfc: 'RFC 9989 §4.7',
    remediation: 'Set adkim=/aspf= to the wanted mode: s (strict) or r (relaxed, the default).',
  },
  dkimSelector: {
    id: 'policy.dkim-selector',
    severity: 'error',
    title: 'Policy: DKIM selector missing or unusable',
    rfc: 'RFC 6376 §3.6.2.1',
    remediation:
      'Publish the public key at <selector>._domainkey.<domain> as your signing service instructs.',
  },
  dkimKeySize: {
    id: 'policy.dkim-key-size',
    severity: 'error',
    title: 'Policy: DKIM key shorter than required',
    rfc: 'RFC 8301 §3.2',
    remediation:
      'Rotate to a longer RSA key (2048 bits) or an Ed25519 key under a new selector, then retire the old one.',
  },
  mtaStsMode: {
    id: 'policy.mta-sts-mode',
    severity: 'error',
    title: 'Policy: MTA-STS mode weaker than required',
    rfc: 'RFC 8461 §3.2',
    remediation:
      'Publish the MTA-STS policy with the required mode (testing, then enforce) and bump the id= in the TXT record.',
  },
  reportsLostMail: {
    id: 'policy.reports-lost-mail',
    severity: 'error',
    title: 'Policy: the change breaks more reported mail than allowed',
    rfc: 'RFC 9989 §5.3',
    remediation:
      'Keep what the senders named rely on (the SPF include or term, the DKIM key at its selector), or move them to another aligned method first; the annotation points at the zone line whose change breaks their mail.',
  },
  // One finding per rule that can be undetermined (DNS trouble, or a check that cannot be made exact): same
  // area prefix as the rule's own finding, a title saying it could not be checked, severity warning.
  spfAuthorizeUndetermined: {
    id: 'policy.spf-authorize-undetermined',
    severity: 'warning',
    title: 'Policy: SPF authorization could not be checked',
    rfc: 'RFC 7208 §4',
    remediation: UNDETERMINED_REMEDIATION,
  },
  spfAllUndetermined: {
    id: 'policy.spf-all-undetermined',
    severity: 'warning',
    title: 'Policy: SPF all mechanism could not be checked',
    rfc: 'RFC 7208 §5.1',
    remediation: UNDETERMINED_REMEDIATION,
  },
  spfLookupsUndetermined: {
    id: 'policy.spf-lookups-undetermined',
    severity: 'warning',
    title: 'Policy: SPF lookup count could not be checked',
    rfc: 'RFC 7208 §4.6.4',
    remediation: UNDETERMINED_REMEDIATION,
  },
  dmarcPolicyUndetermined: {
    id: 'policy.dmarc-policy-undetermined',
    severity: 'warning',
    title: 'Policy: DMARC policy could not be checked',
    rfc: 'RFC 9989 §4.10',
    remediation: UNDETERMINED_REMEDIATION,
  },
  dmarcRuaUndetermined: {
    id: 'policy.dmarc-rua-undetermined',
    severity: 'warning',
    title: 'Policy: DMARC aggregate reports could not be checked',
    rfc: 'RFC 9989 §4.10',
    remediation: UNDETERMINED_REMEDIATION,
  },
  dmarcAlignmentUndetermined: {
    id: 'policy.dmarc-alignment-undetermined',
    severity: 'warning',
    title: 'Policy: DMARC alignment mode could not be checked',
    rfc: 'RFC 9989 §4.10',
    remediation: UNDETERMINED_REMEDIATION,
  },
  dkimSelectorUndetermined: {
    id: 'policy.dkim-selector-undetermined',
    severity: 'warning',
    title: 'Policy: DKIM selector could not be checked',
    rfc: 'RFC 6376 §3.6.2.1',
    remediation: UNDETERMINED_REMEDIATION,
  },
  mtaStsModeUndetermined: {
    id: 'policy.mta-sts-mode-undetermined',
    severity: 'warning',
    title: 'Policy: MTA-STS mode could not be checked',
    rfc: 'RFC 8461 §3.2',
    remediation:
      'Re-run when the DNS servers answer, with HTTPS checks enabled so the MTA-STS policy file is fetched.',
  },
  reportsLostMailUndetermined: {
    id: 'policy.reports-lost-mail-undetermined',
    severity: 'warning',
    title: 'Policy: the reported mail a change breaks could not be counted',
    rfc: 'RFC 9989 §5.3',
    remediation: UNDETERMINED_REMEDIATION,
  },
  reportsNotChecked: {
    id: 'policy.reports-not-checked',
    severity: 'info',
    title: 'Policy: reported mail not checked (no DMARC aggregate reports given)',
    rfc: 'RFC 9990 §2',
    remediation:
      'Give the DMARC aggregate reports (the Action input dmarc-reports, or mailgate audit --dmarc-reports) so the change is replayed on real traffic.',
  },
  mtaStsModeNotChecked: {
    id: 'policy.mta-sts-mode-not-checked',
    severity: 'info',
    title: 'Policy: MTA-STS mode not checked (HTTPS off)',
    rfc: 'RFC 8461 §3.3',
    remediation:
      'Give the policy file from the repository (the Action input mta-sts-policies, or --mta-sts-policy DOMAIN=FILE), or run with HTTPS checks on so it is fetched.',
  },
  suppressionExpired: {
    id: 'policy.suppression-expired',
    severity: 'warning',
    title: 'Policy: suppression expired',
    remediation:
      'Fix the finding, or renew the suppression with a new expires date and an up-to-date reason.',
  },
});

/**
 * The finding a rule reports when it is `not-checked` (its check was turned off), by the id of the rule's own
 * finding: an info, never a failure and never DNS trouble.
 */
export const NOT_CHECKED_FINDING: Readonly<Record<string, PolicyFindingFactory>> = {
  'policy.mta-sts-mode': POLICY_FINDINGS.mtaStsModeNotChecked,
  'policy.reports-lost-mail': POLICY_FINDINGS.reportsNotChecked,
};

/** A policy rule's finding factory (every entry of {@link POLICY_FINDINGS} has this type). */
type PolicyFindingFactory = (typeof POLICY_FINDINGS)['spfAll'];

/**
 * The finding a rule reports when it is `undetermined`, by the id of the rule's own finding
 * (`policy.dmarc-policy` → `policy.dmarc-policy-undetermined`), so that titles (annotations, SARIF) say the rule
 * could not be checked rather than that it failed.
 */
export const UNDETERMINED_FINDING: Readonly<Record<string, PolicyFindingFactory>> = {
  'policy.spf-authorize': POLICY_FINDINGS.spfAuthorizeUndetermined,
  'policy.spf-all': POLICY_FINDINGS.spfAllUndetermined,
  'policy.spf-lookups': POLICY_FINDINGS.spfLookupsUndetermined,
  'policy.dmarc-policy': POLICY_FINDINGS.dmarcPolicyUndetermined,
  'policy.dmarc-rua': POLICY_FINDINGS.dmarcRuaUndetermined,
  'policy.dmarc-alignment': POLICY_FINDINGS.dmarcAlignmentUndetermined,
  'policy.dkim-selector': POLICY_FINDINGS.dkimSelectorUndetermined,
  'policy.mta-sts-mode': POLICY_FINDINGS.mtaStsModeUndetermined,
  'policy.reports-lost-mail': POLICY_FINDINGS.reportsLostMailUndetermined,
};
