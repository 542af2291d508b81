/**
 * A reusable runner for the OpenSPF YAML test suites (RFC 7208 and RFC 4408 editions): loads the
 * multi-document YAML, builds a Resolver per scenario with `makeResolver`, checks each case through
 * {@link verifySpfIdentity} (MAIL FROM, or postmaster@HELO for an empty MAIL FROM, as testspf.py does),
 * and returns one outcome per case. It asserts nothing itself.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Resolver } from '../../src/dns/resolver.js';
import { type SpfLimits, type SpfResult, verifySpfIdentity } from '../../src/spf/check-host.js';
import type { ZoneData } from './suite-resolver.js';

/** One test case of a suite. */
export interface SuiteCase {
  id: string;
  scenario: string;
  spec?: string;
  description?: string;
  host: string;
  mailfrom: string;
  helo: string;
  /** Acceptable results, the first preferred. */
  results: string[];
  /** Expected explanation; `DEFAULT` means the checker's default (the domain published none that applies). */
  explanation?: string;
}

/** One scenario: its zone data and cases. */
export interface SuiteScenario {
  description: string;
  zonedata: ZoneData;
  cases: SuiteCase[];
}

/** What happened to one case. */
export interface SuiteOutcome {
  id: string;
  scenario: string;
  spec?: string;
  expected: string[];
  actual: string;
  /** True when the result is acceptable and the explanation (when the case gives one) matches. */
  ok: boolean;
  /** True when the result is the preferred (first) one. */
  preferred: boolean;
  explanationExpected?: string;
  explanationActual?: string;
  /** How the explanation was compared: exactly, or ASCII case-insensitively for ids listed in the options. */
  explanationComparison?: 'exact' | 'case-insensitive';
  problem?: string;
  result: SpfResult;
}

/** Options of {@link runSuite}. */
export interface RunSuiteOptions {
  /** Case ids whose explanation is compared case-insensitively, with the reason. */
  explanationCaseInsensitive?: Record<string, string>;
  limits?: Partial<SpfLimits>;
}

/**
 * Path of a file under the shared conformance folder: `/work/shared/conformance` when present, else the
 * `shared/conformance` folder next to the repository (where CI puts its copy).
 */
export function conformancePath(relative: string): string {
  const candidates = [
    '/work/shared/conformance',
    fileURLToPath(new URL('../../../shared/conformance', import.meta.url)),
  ];
  const base = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
  return `${base}/${relative}`;
}

/** The RFC 7208 suite (203 cases) and the RFC 4408 suite (191 cases). */
export const RFC7208_SUITE = conformancePath('spf/rfc7208-tests.yml');
export const RFC4408_SUITE = conformancePath('spf/rfc4408-tests.yml');

/**
 * Case ids (both suites) whose explanation is compared ASCII case-insensitively, with the reason; every other
 * explanation is compared exactly.
 */
export const SUITE_EXPLANATION_CASE_INSENSITIVE: Record<string, string> = {
  'v-macro-ip6':
    'The suite expects upper-case nibbles from %{ir} (pyspf builds them with .upper()); RFC 7208 §7.4 shows the ' +
    'IPv6 dot-format in lower case ("1.0.b.c.0.0..."), which is what we produce. DNS names are case-insensitive.',
};

/** Loads a suite file (multi-document YAML). */
export function loadSuite(file: string): SuiteScenario[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const scenarios: SuiteScenario[] = [];
  for (const doc of docs) {
    if ('errors' in doc && doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    const data = doc.toJS() as {
      description?: string;
      tests?: Record<string, Record<string, unknown>>;
      zonedata?: ZoneData;
    } | null;
    if (!data?.tests) continue;
    const description = String(data.description ?? '');
    const cases: SuiteCase[] = Object.entries(data.tests).map(([id, t]) => {
      const results = Array.isArray(t.result) ? t.result.map(String) : [String(t.result)];
      const c: SuiteCase = {
        id,
        scenario: description,
        host: String(t.host ?? ''),
        mailfrom: t.mailfrom == null ? '' : String(t.mailfrom),
        helo: String(t.helo ?? ''),
        results,
      };
      if (t.spec !== undefined) c.spec = String(t.spec);
      if (typeof t.description === 'string') c.description = t.description;
      if (t.explanation !== undefined && t.explanation !== null) c.explanation = String(t.explanation);
      return c;
    });
    scenarios.push({ description, zonedata: data.zonedata ?? {}, cases });
  }
  return scenarios;
}

/**
 * Runs every case of a suite file.
 *
 * @param file path of the YAML suite
 * @param makeResolver builds the Resolver for a scenario from its zonedata (e.g. `suiteResolver`, or a
 *   system resolver pointed at a loopback server serving that zonedata)
 */
export async function runSuite(
  file: string,
  makeResolver: (zonedata: ZoneData, scenario: SuiteScenario) => Resolver | Promise<Resolver>,
  options: RunSuiteOptions = {},
): Promise<SuiteOutcome[]> {
  const outcomes: SuiteOutcome[] = [];
  for (const scenario of loadSuite(file)) {
    const resolver = await makeResolver(scenario.zonedata, scenario);
    for (const c of scenario.cases) {
      const result = await verifySpfIdentity(
        { ip: c.host, mailFrom: c.mailfrom, helo: c.helo },
        options.limits ? { resolver, limits: options.limits } : { resolver },
      );
      const resultOk = c.results.includes(result.result);
      let explanationOk = true;
      let comparison: 'exact' | 'case-insensitive' | undefined;
      if (c.explanation !== undefined) {
        comparison = options.explanationCaseInsensitive?.[c.id] ? 'case-insensitive' : 'exact';
        if (c.explanation === 'DEFAULT') explanationOk = result.explanation === undefined;
        else if (comparison === 'exact') explanationOk = result.explanation === c.explanation;
        else explanationOk = result.explanation?.toLowerCase() === c.explanation.toLowerCase();
      }
      const o: SuiteOutcome = {
        id: c.id,
        scenario: c.scenario,
        expected: c.results,
        actual: result.result,
        ok: resultOk && explanationOk,
        preferred: c.results[0] === result.result,
        result,
      };
      if (c.spec !== undefined) o.spec = c.spec;
      if (c.explanation !== undefined) o.explanationExpected = c.explanation;
      if (result.explanation !== undefined) o.explanationActual = result.explanation;
      if (comparison) o.explanationComparison = comparison;
      if (result.problem) o.problem = result.problem;
      outcomes.push(o);
    }
  }
  return outcomes;
}
