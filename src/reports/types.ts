/**
 * The data read from DMARC aggregate reports (RFC 7489 Appendix C, RFC 9990 §2 and its XML schema, the older
 * draft format) and SMTP TLS reports (RFC 8460 §4), as plain JSON-stable objects.
 *
 * Everything here came from a third party: strings are untrusted (renderers escape them).
 *
 * @module
 */

/** The `<report_metadata>` of an aggregate report (RFC 9990 §2.1.1, RFC 7489 Appendix C). */
export interface ReportMetadata {
  /** `<org_name>`: the reporting organisation (may be empty in the wild; see the tolerances). */
  orgName: string;
  /** `<email>`: the reporter's contact address. */
  email: string;
  /** `<extra_contact_info>`, when present. */
  extraContactInfo?: string;
  /** `<report_id>`: unique per reporter; with `orgName` it identifies the report (duplicates are skipped). */
  reportId: string;
  /** `<date_range><begin>`: start of the reported period, seconds since the Unix epoch (UTC). */
  begin: number;
  /** `<date_range><end>`: end of the reported period, seconds since the Unix epoch (UTC). */
  end: number;
  /** `<error>` elements: problems the reporter had (untrusted text). */
  errors: string[];
  /** RFC 9990 `<generator>`, when present. */
  generator?: string;
}

/** The `<policy_published>` of an aggregate report: the DMARC record the reporter found. */
export interface PolicyPublished {
  /** `<domain>`: the domain whose record was found (lower-cased). */
  domain: string;
  /** `<p>` (none, quarantine, reject), as written lower-cased; `''` when absent. */
  p: string;
  /** `<sp>`, when present. */
  sp?: string;
  /** RFC 9990 `<np>`, when present. */
  np?: string;
  /** `<adkim>` (`r` or `s`), when present. */
  adkim?: string;
  /** `<aspf>` (`r` or `s`), when present. */
  aspf?: string;
  /** RFC 7489 `<pct>` (0..100), when present and numeric. */
  pct?: number;
  /** `<fo>`, when present. */
  fo?: string;
  /** RFC 9990 `<testing>` (`y` or `n`): the record had `t=y`. */
  testing?: string;
  /** RFC 9990 `<discovery_method>` (`psl` or `treewalk`). */
  discoveryMethod?: string;
}

/** One `<reason>` of `<policy_evaluated>`: why the receiver did not apply the policy as published. */
export interface PolicyOverrideReason {
  /** `forwarded`, `sampled_out`, `trusted_forwarder`, `mailing_list`, `local_policy`, `policy_test_mode`, `other`. */
  type: string;
  comment?: string;
}

/** One DKIM signature result of `<auth_results>` (RFC 9990 §2.1.4). */
export interface DkimAuthResult {
  /** The `d=` of the signature (the SDID), lower-cased. */
  domain: string;
  /** The `s=` of the signature, when reported. */
  selector?: string;
  /** `none`, `pass`, `fail`, `policy`, `neutral`, `temperror`, `permerror` (lower-cased). */
  result: string;
  humanResult?: string;
}

/** One SPF result of `<auth_results>` (RFC 9990 §2.1.4). */
export interface SpfAuthResult {
  /** The domain SPF checked (MAIL FROM domain, or HELO for scope `helo`), lower-cased; may be `''`. */
  domain: string;
  /** `mfrom` or `helo`, when reported. */
  scope?: string;
  /** `none`, `neutral`, `pass`, `fail`, `softfail`, `temperror`, `permerror` (lower-cased). */
  result: string;
  humanResult?: string;
}

/** One `<record>` of an aggregate report: a group of messages from one source with one set of results. */
export interface AggregateRecord {
  /** `<source_ip>`: the sending address, canonical text form. */
  sourceIp: string;
  /** `<count>`: number of messages. */
  count: number;
  /** `<policy_evaluated><disposition>`: what the receiver did (`none`, `quarantine`, `reject`; RFC 9990 adds `pass`). */
  disposition: string;
  /** `<policy_evaluated><dkim>`: the DMARC-aligned DKIM result (`pass` or `fail`). */
  dkim: string;
  /** `<policy_evaluated><spf>`: the DMARC-aligned SPF result (`pass` or `fail`). */
  spf: string;
  /** `<policy_evaluated><reason>`s (empty reasons are dropped and counted as a tolerance). */
  reasons: PolicyOverrideReason[];
  /** `<identifiers><header_from>`: the RFC5322.From domain (lower-cased). */
  headerFrom: string;
  /** `<identifiers><envelope_from>`: the RFC5321.MailFrom domain, when reported (lower-cased). */
  envelopeFrom?: string;
  /** `<identifiers><envelope_to>`: the recipient domain, when reported (lower-cased). */
  envelopeTo?: string;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
}

/**
 * What a reader tolerated: real reporters deviate from the schema in known ways. Each kind is counted, so
 * nothing is accepted silently. Keys are stable ids (see {@link TOLERANCE_TEXT}).
 */
export type ToleranceCounts = Partial<Record<ToleranceKind, number>>;

/** The kinds of deviation the aggregate and TLS readers accept, with what they do about each. */
export type ToleranceKind =
  | 'empty-reason'
  | 'upper-case-value'
  | 'missing-org-name'
  | 'missing-version'
  | 'draft-identities'
  | 'unclosed-wrapper'
  | 'stray-text'
  | 'missing-header-from'
  | 'unknown-element'
  | 'trailing-data'
  | 'empty-auth-domain'
  | 'tls-summary-mismatch'
  | 'reversed-date-range'
  | 'invalid-utf8'
  | 'long-text-cut'
  | 'errors-dropped';

/** One sentence per tolerance kind, for summaries. */
export const TOLERANCE_TEXT: Readonly<Record<ToleranceKind, string>> = {
  'empty-reason': 'empty <reason> element ignored',
  'upper-case-value': 'result or disposition in upper case (read case-insensitively)',
  'missing-org-name': 'empty or missing <org_name> (the report is identified by the reporter email instead)',
  'missing-version': 'no <version> element (RFC 7489 and draft reports)',
  'draft-identities': 'draft element <identities> read as <identifiers>',
  'unclosed-wrapper': 'report wrapped in an element that is never closed (e.g. a stray <xs:schema>)',
  'stray-text': 'text outside any field ignored',
  'missing-header-from': 'record without <header_from> (the policy domain is used)',
  'unknown-element': 'element not in the schema ignored',
  'trailing-data': 'bytes after the end of the compressed data or the document ignored',
  'empty-auth-domain': 'SPF or DKIM result with an empty domain',
  'tls-summary-mismatch': 'TLS report failure details do not add up to its total failure count',
  'reversed-date-range': 'report period with its begin after its end (read with the two swapped)',
  'invalid-utf8': 'bytes that are not UTF-8 (each replaced with U+FFFD)',
  'long-text-cut':
    'free text (comment, human result, error, contact info) over 4,096 characters cut to 4,096',
  'errors-dropped': '<error> element past the first 100 of a report not kept',
};

/** A complete aggregate report as read (records included: use the streaming reader for big reports). */
export interface AggregateReport {
  /** The schema the document follows: `rfc9990` (namespace `urn:ietf:params:xml:ns:dmarc-2.0`), `rfc7489` or `draft`. */
  format: 'rfc9990' | 'rfc7489' | 'draft';
  /** `<version>`, when present. */
  version?: string;
  metadata: ReportMetadata;
  policy: PolicyPublished;
  records: AggregateRecord[];
  /** What was tolerated while reading. */
  tolerated: ToleranceCounts;
}

/** One policy section of an SMTP TLS report (RFC 8460 §4.3, §4.4). */
export interface TlsPolicyResult {
  /** `sts`, `tlsa` or `no-policy-found`. */
  policyType: string;
  /** The policy domain (lower-cased). */
  policyDomain: string;
  /** `mx-host` when given (an MTA-STS pattern such as `*.mail.example`). */
  mxHost?: string;
  /** `total-successful-session-count`. */
  successful: number;
  /** `total-failure-session-count`. */
  failed: number;
  /** `failure-details`, one per result type and host pair reported. */
  failures: Array<{
    /** `result-type`, e.g. `certificate-expired`, `starttls-not-supported`, `sts-policy-fetch-error`. */
    resultType: string;
    /** `failed-session-count`. */
    count: number;
    receivingMxHostname?: string;
    receivingIp?: string;
    sendingMtaIp?: string;
    failureReasonCode?: string;
  }>;
}

/** An SMTP TLS report (RFC 8460 §4). Dates are seconds since the Unix epoch. */
export interface TlsReport {
  orgName: string;
  reportId: string;
  contactInfo?: string;
  begin: number;
  end: number;
  policies: TlsPolicyResult[];
  tolerated: ToleranceCounts;
}

/** A DMARC failure report (ruf; RFC 9991 / RFC 6591 ARF), recognised and counted but not analysed. */
export interface FailureReportInfo {
  /** `arf`: a multipart/report with a `message/feedback-report` part; `plain`: a failure report without one. */
  shape: 'arf' | 'plain';
  /** `Feedback-Type` (e.g. `auth-failure`), when present. */
  feedbackType?: string;
  /** `Reported-Domain` or the domain named in the subject, when found. */
  reportedDomain?: string;
}
