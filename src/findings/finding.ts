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
  /** The zone file and 1-based line that define the record, when it came from a zone file. */
  source?: { file: string; line: number };
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

/** A catalog entry: the fixed parts of a finding. */
export interface FindingDefinition {
  id: string;
  severity: Severity;
  /** A short title for tables and SARIF rule names. */
  title: string;
  rfc?: string;
  remediation?: string;
}

/** A factory for one definition's findings: pass the message and evidence, get a {@link Finding}. */
export type FindingFactory = (message: string, evidence?: Evidence, overrides?: Partial<Finding>) => Finding;

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
    factories[key] = (message, evidence, overrides) => {
      const f: Finding = { id: def.id, severity: def.severity, message };
      if (evidence) f.evidence = evidence;
      if (def.rfc) f.rfc = def.rfc;
      if (def.remediation) f.remediation = def.remediation;
      return { ...f, ...overrides };
    };
  }
  return Object.assign(factories as Record<K, FindingFactory>, {
    definitions: Object.values(defs) as FindingDefinition[],
  });
}

/** Sorts findings most severe first, then by id, without mutating the input. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id),
  );
}
