/**
 * Validates what `mailgate spf` and `mailgate dmarc` print with `--format json` against the published schemas
 * (`schema/spf-verdict.schema.json`, `spf-analysis`, `dmarc-report`), compiled from the files as a consumer
 * would. The in-process CLI runners call it, so every such JSON a test produces is checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let compiled:
  | { verdict: ValidateFunction; analysis: ValidateFunction; dmarc: ValidateFunction; ajv: Ajv2020 }
  | undefined;

/** The validators, compiled once from the files in `schema/`. */
export function cliJsonValidators() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    for (const name of ['domain-report', 'spf-verdict', 'spf-analysis', 'dmarc-report'])
      ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schema', `${name}.schema.json`), 'utf8')));
    const get = (name: string) =>
      ajv.getSchema(`https://github.com/mailgate/mailgate/schema/${name}.schema.json`)!;
    compiled = {
      verdict: get('spf-verdict'),
      analysis: get('spf-analysis'),
      dmarc: get('dmarc-report'),
      ajv,
    };
  }
  return compiled;
}

/**
 * When `argv` is `spf ...` or `dmarc ...` with `--format json` and `stdout` holds the JSON, expects it to
 * validate against its schema (and returns the schema's name); otherwise does nothing.
 */
export function checkCliJson(argv: readonly string[], stdout: string): string | undefined {
  const command = argv[0];
  const format = argv.indexOf('--format');
  if ((command !== 'spf' && command !== 'dmarc') || format < 0 || argv[format + 1] !== 'json')
    return undefined;
  if (stdout.trim() === '' || argv.includes('--output') || argv.includes('-o')) return undefined;
  const v = cliJsonValidators();
  const which = command === 'dmarc' ? 'dmarc' : argv.includes('--ip') ? 'verdict' : 'analysis';
  const validate = v[which];
  const json = JSON.parse(stdout);
  const ok = validate(json);
  expect(
    ok ? [] : v.ajv.errorsText(validate.errors),
    `${argv.join(' ')}: JSON must match its schema`,
  ).toEqual([]);
  return which;
}
