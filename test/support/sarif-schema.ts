/**
 * Validates SARIF logs against the official SARIF 2.1.0 JSON schema (OASIS, rtm.5: the schema that SchemaStore
 * serves as sarif-2.1.0.json), as shipped by Microsoft's SARIF SDK for JavaScript in `@microsoft/jest-sarif`.
 * The schema is draft-04: Ajv 8 reads it as draft-07 once its `$schema` and `id` are dropped (the keywords it
 * uses mean the same in both: no boolean `exclusiveMinimum`, no `dependencies` change), with `strict: false` for
 * the schema's own annotations, `unicodeRegExp: false` for one pattern written for non-Unicode regular
 * expressions, and with the formats it names checked (`uri`, `uri-reference`, `date-time`).
 *
 * The Action runners (test/support/action-runner.ts) and the in-process CLI (test/support/cli.ts) call
 * {@link expectValidSarif} on every SARIF log they produce, so every SARIF of the suite is validated.
 */

import schemaJson from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json' with { type: 'json' };
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';

let validate: ValidateFunction | undefined;
let ajv: Ajv | undefined;

/** The compiled validator (once per process). */
export function sarifValidator(): { validate: ValidateFunction; ajv: Ajv } {
  if (!validate || !ajv) {
    const { $schema: _s, id: _id, ...schema } = schemaJson as Record<string, unknown>;
    // unicodeRegExp: false: the schema's `language` pattern has a stray `]`, valid only without the `u` flag
    // (as JSON Schema's ECMA 262 patterns were read when the schema was written).
    ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat(
      'uri-reference',
      (s: string) => URL.canParse(s, 'file:///base/') && !/[\s"<>\\^`{|}]/.test(s),
    );
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    validate = ajv.compile(schema);
  }
  return { validate, ajv };
}

/** The schema errors of a SARIF log (empty when it is valid). */
export function sarifErrors(log: unknown): string[] {
  const v = sarifValidator();
  return v.validate(log) ? [] : (v.validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/**
 * Expects a SARIF log to be valid SARIF 2.1.0 and acceptable to GitHub code scanning: every result has a
 * `physicalLocation` with an `artifactLocation.uri` and a `region.startLine`, and a `partialFingerprints` entry.
 */
export function expectValidSarif(log: unknown, label = 'SARIF'): void {
  expect(sarifErrors(log), `${label}: valid against the SARIF 2.1.0 schema`).toEqual([]);
  const runs = (log as { runs: { results: Record<string, unknown>[] }[] }).runs;
  for (const run of runs) {
    for (const r of run.results) {
      const loc = (
        r.locations as {
          physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
        }[]
      )?.[0];
      expect(
        loc?.physicalLocation?.artifactLocation?.uri,
        `${label}: ${String(r.ruleId)} has a file`,
      ).toMatch(/./);
      expect(
        loc?.physicalLocation?.region?.startLine,
        `${label}: ${String(r.ruleId)} has a line`,
      ).toBeGreaterThanOrEqual(1);
      expect(
        Object.keys((r.partialFingerprints as object) ?? {}),
        `${label}: ${String(r.ruleId)} fingerprints`,
      ).not.toEqual([]);
    }
  }
}
