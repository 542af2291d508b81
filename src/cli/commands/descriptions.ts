/**
 * What each command does, in one line: registered by the command itself and listed by `mailgate --help`
 * without loading it (commands/index.ts).
 *
 * @module
 */

/** The one-line description of each command. */
export const DESCRIPTIONS = {
  audit: "audit domains' sender configuration: SPF, DMARC, DKIM, MX, MTA-STS, TLS-RPT, BIMI",
  diff: 'compare two saved JSON reports: the problems the second introduces, makes worse and fixes',
  dmarc: "show where a domain's DMARC policy is found, its effective tags, and the findings",
  report: 'work with saved reports',
  rua: 'DMARC aggregate and SMTP TLS reports: ingest, summarize, list senders, readiness, what-if',
  spf: "evaluate a domain's SPF policy for a client (--ip), or analyze it: include tree, lookup costs, networks, findings",
  verify: 'verify a message: DKIM signatures, SPF, DMARC, ARC; prints Authentication-Results',
} as const;
