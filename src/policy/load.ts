/**
 * Reads a policy file (YAML or JSON), validates it against {@link POLICY_SCHEMA}, and reports every problem
 * with its line and key: `mailgate.yml:12: domains.example.com.dmarc.p: must be one of none, quarantine, reject`.
 *
 * JSON is parsed as YAML 1.2 (a superset of JSON), so both formats get line numbers. The YAML core schema is
 * used: `2026-01-31` stays a string and `on`/`yes` are not booleans.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { FINDINGS_CATALOG } from '../catalog.js';
import { parseAuthorizeEntry } from './authorize.js';
import { domainKey } from './gate/domain-rules.js';
import { type GatePolicy, POLICY_SCHEMA } from './schema.js';
import { checkYamlShape } from './yaml-limits.js';

/** One problem in a policy file. `line` is 1-based; `path` is the dotted key path (`domains.example.com.dmarc.p`). */
export interface PolicyIssue {
  /** The file name given to the loader (`policy` when none). */
  file: string;
  /** 1-based line of the offending key or value; 0 when the file could not be read. */
  line: number;
  /** Dotted key path, e.g. `domains.example.com.spf.authorize[2]` (empty for a syntax error or a problem with the whole file). */
  path: string;
  /** One sentence saying what is wrong. */
  message: string;
}

/** Thrown by {@link parsePolicy}/{@link loadPolicy} for an unreadable or invalid policy file; `issues` lists every problem. */
export class PolicyError extends Error {
  /** Every problem found, in file order. */
  readonly issues: PolicyIssue[];
  /**
   * @param issues the problems (at least one)
   * @param headline the error message; default: the issues formatted with {@link formatIssue}, one per line
   */
  constructor(issues: PolicyIssue[], headline?: string) {
    super(headline ?? issues.map(formatIssue).join('\n'));
    this.name = 'PolicyError';
    this.issues = issues;
  }
}

/** A validated policy, where it came from, and a way to find the line of any key (for annotations and SARIF). */
export interface LoadedPolicy {
  /** The policy as written (validated against {@link POLICY_SCHEMA}). */
  policy: GatePolicy;
  /** The file name used in messages. */
  file: string;
  /** Problems that do not invalidate the policy (e.g. a finding id that is not in the catalog). */
  warnings: PolicyIssue[];
  /**
   * The 1-based line of the value at `path` (e.g. `['domains', 'example.com', 'dmarc', 'p']`), or of the nearest
   * ancestor present in the file; `undefined` when not even the first key is present.
   */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** One issue as a line: `file:line: path: message` (`mailgate.yml:7: defaults.dmarc.p: must be one of ...`). */
export function formatIssue(issue: PolicyIssue): string {
  return `${issue.file}:${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    ajv.addKeyword({ keyword: 'x-error', schemaType: 'string' });
    validator = ajv.compile(POLICY_SCHEMA);
  }
  return validator;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['domains', 'example.com', 'spf', 'authorize', '2']` → `domains.example.com.spf.authorize[2]`. */
function dotted(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${seg}`;
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(word: string, choices: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of choices) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3))
    ? ` (did you mean ${best}?)`
    : '';
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping of keys to values',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

interface RawIssue {
  path: string[];
  /** Point at the key itself (unknown keys) rather than its value. */
  atKey: boolean;
  message: string;
  keyword: string;
}

function describe(e: ErrorObject): RawIssue | null {
  const path = decodePointer(e.instancePath);
  const xError = (e.parentSchema as Record<string, unknown> | undefined)?.['x-error'];
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      return {
        path: [...path, key],
        atKey: true,
        keyword: e.keyword,
        message: `unknown key${suggestion(key, allowed)}; allowed keys: ${allowed.join(', ')}`,
      };
    }
    case 'propertyNames':
      return null; // the nested error (with propertyName) says what is wrong
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return { path, atKey: path.length > 0, keyword: e.keyword, message: `missing required key ${key}` };
    }
    case 'enum':
      return {
        path,
        atKey: false,
        keyword: e.keyword,
        message: `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`,
      };
    case 'const':
      return {
        path,
        atKey: false,
        keyword: e.keyword,
        message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'type': {
      const t = String((e.params as { type: string }).type);
      return {
        path,
        atKey: false,
        keyword: e.keyword,
        message: `must be ${t
          .split(',')
          .map((x) => TYPE_NAMES[x] ?? x)
          .join(' or ')}`,
      };
    }
    case 'pattern': {
      const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
      if (propertyName !== undefined) {
        return {
          path: [...path, propertyName],
          atKey: true,
          keyword: e.keyword,
          message: typeof xError === 'string' ? xError : `key does not match ${e.schema}`,
        };
      }
      return {
        path,
        atKey: false,
        keyword: e.keyword,
        message: typeof xError === 'string' ? xError : `must match ${String(e.schema)}`,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path,
        atKey: false,
        keyword: e.keyword,
        message: `must be ${(e.params as { comparison: string }).comparison} ${(e.params as { limit: number }).limit}`,
      };
    case 'minLength':
      return { path, atKey: false, keyword: e.keyword, message: 'must not be empty' };
    case 'minItems':
      return { path, atKey: false, keyword: e.keyword, message: 'must not be an empty list' };
    case 'uniqueItems':
      return { path, atKey: false, keyword: e.keyword, message: 'must not list the same value twice' };
    case 'oneOf':
      return { path, atKey: false, keyword: e.keyword, message: 'does not match any allowed form' };
    default:
      return { path, atKey: false, keyword: e.keyword, message: e.message ?? 'is invalid' };
  }
}

/**
 * Turns ajv's errors into one message per problem. `oneOf` alternatives each report their own mismatch; where a
 * specific error exists at or below a path, the generic `type`/`oneOf` errors for that path are dropped.
 */
function simplify(errors: readonly ErrorObject[]): RawIssue[] {
  const raw = errors.map(describe).filter((x): x is RawIssue => x !== null);
  const key = (p: string[]) => p.join('\u0000');
  const specific = raw.filter((r) => r.keyword !== 'type' && r.keyword !== 'oneOf');
  const out: RawIssue[] = [];
  const seen = new Set<string>();
  const typesAt = new Map<string, RawIssue[]>();
  for (const r of raw) {
    if (r.keyword === 'type' || r.keyword === 'oneOf') {
      const covered = specific.some(
        (s) => s.path.length >= r.path.length && r.path.every((seg, i) => s.path[i] === seg),
      );
      if (covered) continue;
      const list = typesAt.get(key(r.path)) ?? [];
      list.push(r);
      typesAt.set(key(r.path), list);
      continue;
    }
    const id = `${key(r.path)}\u0001${r.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(r);
    }
  }
  for (const list of typesAt.values()) {
    const types = list.filter((r) => r.keyword === 'type');
    const first = list[0]!;
    if (types.length === 0) {
      out.push(first);
      continue;
    }
    const wanted = [...new Set(types.map((t) => t.message.replace(/^must be /, '')))];
    out.push({ ...first, keyword: 'type', message: `must be ${wanted.join(' or ')}` });
  }
  return out;
}

/** Finds the YAML node at `path`, or the deepest ancestor present; `key` asks for the key node of the last step. */
function nodeAt(root: unknown, path: readonly (string | number)[], key: boolean): Node | undefined {
  let node = root as Node | undefined;
  let found = node;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return found;
      if (key && i === path.length - 1) return (pair.key as Node) ?? found;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return found;
      node = item as Node;
    } else {
      return found;
    }
    found = node;
  }
  return found;
}

function lineFinder(root: unknown, counter: LineCounter) {
  return (path: readonly (string | number)[], key = false): number | undefined => {
    if (path.length > 0 && !(isMap(root) && nodeAt(root, path.slice(0, 1), true) !== root)) return undefined;
    const node = nodeAt(root, path, key);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
}

function checkDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * Checks that schema patterns cannot express: real IP addresses and prefix lengths and real domains in
 * `spf.authorize` (see `parseAuthorizeEntry`), real calendar dates. Runs on the raw data even when the schema
 * found problems (values of the wrong type are skipped: the schema reports those), so every bad entry of a list
 * is reported, not only the first.
 */
function semanticIssues(data: Record<string, unknown>): RawIssue[] {
  const out: RawIssue[] = [];
  const domainPolicies: [string[], unknown][] = [[['defaults'], data.defaults]];
  if (isObject(data.domains))
    for (const [name, dp] of Object.entries(data.domains)) domainPolicies.push([['domains', name], dp]);
  for (const [base, dp] of domainPolicies) {
    const spf = isObject(dp) ? dp.spf : undefined;
    const list = isObject(spf) ? spf.authorize : undefined;
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, i) => {
      if (typeof entry !== 'string') return;
      const parsed = parseAuthorizeEntry(entry);
      if ('error' in parsed)
        out.push({
          path: [...base, 'spf', 'authorize', String(i)],
          atKey: false,
          keyword: 'semantic',
          message: parsed.error,
        });
    });
  }
  // Two keys naming one domain (`SHOP.TEST` and `shop.test`, `shop.test.`): the gate would use one and drop the
  // other's rules without a word.
  const firstKey = new Map<string, string>();
  for (const name of isObject(data.domains) ? Object.keys(data.domains) : []) {
    const first = firstKey.get(domainKey(name));
    if (first === undefined) firstKey.set(domainKey(name), name);
    else
      out.push({
        path: ['domains', name],
        atKey: true,
        keyword: 'semantic',
        message: `names the same domain as "${first}" (domain names are compared without case or a final dot); merge the two entries`,
      });
  }
  for (const [id, rule] of Object.entries(isObject(data.findings) ? data.findings : {})) {
    const suppress = isObject(rule) ? rule.suppress : undefined;
    const list = suppress === undefined ? [] : Array.isArray(suppress) ? suppress : [suppress];
    list.forEach((s: unknown, i) => {
      const expires = isObject(s) ? s.expires : undefined;
      if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !checkDate(expires)) {
        const path = ['findings', id, 'suppress', ...(Array.isArray(suppress) ? [String(i)] : []), 'expires'];
        out.push({ path, atKey: false, keyword: 'semantic', message: `${expires} is not a calendar date` });
      }
    });
  }
  return out;
}

/**
 * The keys that repeat an earlier key of the same mapping (YAML 1.2 §3.2.1.1: keys are unique), compared as
 * yaml's `uniqueKeys` does (scalars by value), and the keys that are not scalars, with the offset of the key. One
 * Set per mapping and an explicit stack instead of recursion: linear in the number of nodes, whatever the
 * nesting depth.
 */
function duplicateKeys(root: unknown): { pos: number; message: string }[] {
  const out: { pos: number; message: string }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value))
            out.push({ pos: pair.key.range?.[0] ?? 0, message: 'Map keys must be unique' });
          seen.add(pair.key.value);
        } else if (pair.key !== null) {
          // a mapping or sequence as a key: no policy key is one, and turning it into a string for toJS is
          // exponential in its nesting (a line of 400 "{" took minutes)
          out.push({
            pos: (pair.key as Node).range?.[0] ?? 0,
            message: 'Keys must be plain scalars (text or numbers)',
          });
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}

/**
 * Parses and validates policy text.
 *
 * @param text - the file content (YAML or JSON).
 * @param options.file - the name shown in issues (default `policy`).
 * @returns the {@link LoadedPolicy}; warnings list finding ids that are not in the catalog.
 * @throws {@link PolicyError} listing every syntax or schema problem with its line and key path.
 */
export function parsePolicy(text: string, options: { file?: string } = {}): LoadedPolicy {
  const file = options.file ?? 'policy';
  const counter = new LineCounter();
  // yaml's own unique-key check compares each key with every earlier key of its map (quadratic: a policy with
  // 200k domains never finished loading); duplicateKeys does the same check with one Set per map.
  // Each syntax error is an Error whose stack the yaml library captures: a file of 60k stray "]" took 4.5 s
  // (40k: 2 s; 0.3 s without stacks). Nothing reads those stacks, so none are captured while parsing.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let doc: ReturnType<typeof parseDocument>;
  try {
    // logLevel 'error': yaml's warnings (process.emitWarning) would reach the user's terminal; what they warn about
    // (e.g. a collection as a key) is refused below as a policy error with its line.
    doc = parseDocument(text, {
      lineCounter: counter,
      prettyErrors: false,
      uniqueKeys: false,
      logLevel: 'error',
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const errors = [
    // Resource exhaustion (deep nesting) is reported once, at its first line.
    ...doc.errors
      .filter(
        (e, i, all) => e.code !== 'RESOURCE_EXHAUSTION' || i === all.findIndex((x) => x.code === e.code),
      )
      .map((e) => ({
        pos: e.pos[0],
        message:
          e.code === 'RESOURCE_EXHAUSTION'
            ? `nested too deeply to read (${e.message.split('\n')[0]}); a policy needs a few levels`
            : (e.message.split('\n')[0] ?? e.message),
      })),
    ...duplicateKeys(doc.contents),
  ].sort((a, b) => a.pos - b.pos);
  if (errors.length > 0) {
    throw new PolicyError(
      errors.map((e) => ({ file, line: counter.linePos(e.pos).line, path: '', message: e.message })),
    );
  }
  // Unresolved aliases, alias cycles and bombs, deep nesting: policy errors with a line, checked before toJS.
  const shape = checkYamlShape(doc, counter);
  if (shape) throw new PolicyError([{ file, line: shape.line, path: '', message: shape.message }]);
  const findLine = lineFinder(doc.contents, counter);
  const issue = (r: RawIssue): PolicyIssue => ({
    file,
    line: findLine(r.path, r.atKey) ?? 1,
    path: dotted(r.path),
    message: r.message,
  });
  // checkYamlShape bounded what aliases expand to, so yaml's own alias-count heuristic (which refuses an anchor
  // used more than 100 times) is off.
  const data = (doc.toJS({ maxAliasCount: -1 }) ?? {}) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PolicyError([{ file, line: 1, path: '', message: 'must be a mapping of keys to values' }]);
  }
  const validate = compile();
  const schemaIssues = validate(data) ? [] : simplify(validate.errors ?? []);
  // One message per value: a schema problem at a path wins over a semantic one there.
  const reported = new Set(schemaIssues.map((r) => r.path.join('\u0000')));
  const semantic = semanticIssues(data as Record<string, unknown>).filter(
    (r) => !reported.has(r.path.join('\u0000')),
  );
  if (schemaIssues.length > 0 || semantic.length > 0) {
    const issues = [...schemaIssues, ...semantic].map(issue);
    issues.sort((a, b) => a.line - b.line || a.path.localeCompare(b.path, 'en', { numeric: true }));
    throw new PolicyError(issues);
  }
  const policy = data as GatePolicy;
  const known = new Set(FINDINGS_CATALOG.map((d) => d.id));
  const warnings: PolicyIssue[] = Object.keys(policy.findings ?? {})
    .filter((id) => !known.has(id))
    .map((id) => ({
      file,
      line: findLine(['findings', id], true) ?? 1,
      path: `findings.${id}`,
      message: `no finding with this id in the catalog${suggestion(id, [...known])}; the rule has no effect`,
    }));
  if (Object.keys(policy).length === 0) {
    // an empty file (or `~`) is a valid policy, but more likely a mistake than a choice: say what it means
    warnings.push({
      file,
      line: 1,
      path: '',
      message:
        'the policy file is empty: every domain is gated by the default rules only (see docs/policy.md); write `version: 1` to make an empty policy deliberate',
    });
  }
  return { policy, file, warnings, lineOf: (path) => findLine(path) };
}

/**
 * Reads and validates a policy file.
 *
 * @param path - the file path; also the name shown in issues.
 * @throws {@link PolicyError} when the file cannot be read (with the fs error code) or is invalid.
 */
export async function loadPolicy(path: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new PolicyError(
      [{ file: path, line: 0, path: '', message: `cannot read the policy file (${code})` }],
      `cannot read the policy file ${path} (${code})`,
    );
  }
  return parsePolicy(text, { file: path });
}
