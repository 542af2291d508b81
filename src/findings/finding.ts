/**
 * The shape of an audit observation. Every protocol module declares its findings with {@link defineFindings};
 * `src/catalog.ts` gathers them into the one catalog that policy files, reports and the generated
 * documentation refer to by id.
 *
 * @module
 */

/** How bad a finding is. `error`: mail will fail or be spoofable; `warning`: risky or fragile; `info`: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** Severity ranks for sorting and thresholds (`error` highest). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/**
 * A severity threshold: findings at this severity or above fail a check (`never`: no finding does). The one
 * type behind the CLI's `--fail-on`, the policy file's `fail-on`, the Action's `fail-on` input and batch outcomes.
 */
export type FailOn = 'error' | 'warning' | 'never';

/** Every {@link FailOn} value, in the order help texts list them. */
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

/** True when `severity` is at or above the threshold `failOn` (never for `never`). */
export function atOrAbove(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** A location inside a record's text: `offset` and `length` in UTF-16 code units of {@link Evidence.record}. */
export interface Position {
  offset: number;
  length: number;
}

/** What a finding was observed on. Every field is optional; give as many as apply. */
export interface Evidence {
  /** The DNS name the record was found at (or was expected at). */
  name?: string;
  /** The record text as published (TXT character-strings joined). */
  record?: string;
  /** The term, tag or header the finding is about. */
  term?: string;
  /** Where in `record` the term is. */
  position?: Position;
  /**
   * The file and 1-based line that define the record (a zone file, or a repository MTA-STS policy file), and the
   * 1-based column of `term` in that file when it is known.
   */
  source?: { file: string; line: number; column?: number };
  /** Other structured details (numbers, lists) a renderer may show. */
  details?: Record<string, unknown>;
}

/** One audit observation: a stable catalog id, a severity, a sentence, the evidence, the RFC, and what to do. */
export interface Finding {
  /** Stable id, `<area>.<slug>`, e.g. `spf.lookup-limit`, `dmarc.policy-none`. */
  id: string;
  severity: Severity;
  /** One sentence saying what was observed (may contain untrusted DNS text: renderers escape it). */
  message: string;
  /** The domain whose audit produced the finding. */
  domain?: string;
  evidence?: Evidence;
  /** The RFC section that applies, e.g. `RFC 7208 §4.6.4`. */
  rfc?: string;
  /** What to change to fix it. */
  remediation?: string;
}

/**
 * A catalog entry: the fixed parts of a finding. The catalog is the one source of a finding's severity, title,
 * RFC section and remediation: call sites give only the message, the evidence and the domain (see
 * {@link FindingFactory}).
 */
export interface FindingDefinition {
  /** Stable id, `<area>.<slug>`. */
  id: string;
  severity: Severity;
  /** A short title for tables and SARIF rule names. */
  title: string;
  /** The RFC section that applies, e.g. `RFC 7208 §4.6.4`. */
  rfc?: string;
  /** The RFC 7489 section, cited instead of `rfc` when DMARC runs in RFC 7489 mode (DMARC findings only). */
  rfc7489?: string;
  /** What to change to fix it. */
  remediation?: string;
  /**
   * True when the finding means "DNS trouble prevented a verdict": a TIMEOUT, SERVFAIL or REFUSED (or the audit's
   * time limit) kept a check from completing. Such a finding never fails a check on its own: exit codes say 3,
   * summaries say `dnsTrouble`, batch outcomes and the policy gate say `undetermined` (read it through
   * `isDnsTrouble`, src/audit/dns-trouble.ts).
   */
  dnsTrouble?: true;
}

/** What a call site may add to a finding besides its message and evidence: the domain whose audit produced it. */
export interface FindingContext {
  domain?: string;
}

/**
 * A factory for one definition's findings: pass the message, the evidence and (optionally) the domain; the id,
 * severity, RFC section and remediation come from the definition, never from the call site.
 */
export type FindingFactory = (message: string, evidence?: Evidence, context?: FindingContext) => Finding;

/**
 * Declares a group of findings and returns one factory per key.
 *
 * @example
 * const F = defineFindings({ noRecord: { id: 'spf.no-record', severity: 'error', title: 'No SPF record', rfc: 'RFC 7208 §4.5' } });
 * findings.push(F.noRecord('example.com publishes no SPF record', { name: 'example.com' }));
 */
export function defineFindings<K extends string>(
  defs: Record<K, FindingDefinition>,
): Record<K, FindingFactory> & { definitions: FindingDefinition[] } {
  const factories: Record<string, FindingFactory> = {};
  for (const key of Object.keys(defs) as K[]) {
    const def = defs[key];
    factories[key] = (message, evidence, context) => {
      const f: Finding = { id: def.id, severity: def.severity, message };
      if (evidence) f.evidence = evidence;
      if (def.rfc) f.rfc = def.rfc;
      if (def.remediation) f.remediation = def.remediation;
      if (context?.domain !== undefined) f.domain = context.domain;
      return f;
    };
  }
  return Object.assign(factories as Record<K, FindingFactory>, {
    definitions: Object.values(defs) as FindingDefinition[],
  });
}

/**
 * The one way a finding's severity may differ from its catalog entry: a severity the user configured, either a
 * policy file's `findings.<id>.severity` (the gate) or a DKIM verifier policy rule set to another outcome than
 * its default (`warn` gives `warning`, `fail`/`policy` give `error`; src/dkim/policy.ts). Call sites never pick a
 * severity themselves.
 *
 * @returns `finding` itself when `severity` is its severity already, else a copy with `severity`.
 */
export function withPolicySeverity(finding: Finding, severity: Severity): Finding {
  return finding.severity === severity ? finding : { ...finding, severity };
}

/** Counts findings by severity. */
export function countBySeverity(findings: readonly Finding[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else if (f.severity === 'info') infos++;
  }
  return { errors, warnings, infos };
}

/** Sorts findings most severe first, then by id, without mutating the input. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  if (findings.length < 2) return findings.slice();
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id),
  );
}
