/**
 * The layering of `src/`, checked on every import of every file (`../shared/ARCHITECTURE.md`, README
 * "Contributing"):
 *
 * ```
 *  faces      cli/  action/  index.ts
 *  renderers  report/                                       data in, text out: no DNS
 *  services   audit/  message/  policy/  reports/  catalog.ts
 *  protocols  spf/ dmarc/ dkim/ arc/ mtasts/ tlsrpt/ bimi/ mx/  findings/
 *  primitives dns/  mail/  https/  version.ts  node-version.ts  runtime.ts
 * ```
 *
 * - Imports flow down (or stay in their layer), never up; type-only imports too.
 * - Every protocol folder has an entry module, `index.ts`, and other folders import the protocol through it only
 *   (the catalog reads the protocols' `findings.ts` declarations directly: they are data).
 * - `report/` and `policy/` read data: they ask no DNS question and hold no resolver, except where listed below
 *   with the reason.
 * - A value set defined once stays defined once (issue 11: one name per concept).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

const LAYERS = ['primitives', 'protocols', 'services', 'renderers', 'faces'] as const;
type Layer = (typeof LAYERS)[number];

/** The layer of each top-level folder and root file of `src/`. A new one must be placed here. */
const PLACE: Record<string, Layer> = {
  dns: 'primitives',
  mail: 'primitives',
  https: 'primitives',
  'version.ts': 'primitives',
  'node-version.ts': 'primitives',
  'runtime.ts': 'primitives',
  findings: 'protocols',
  spf: 'protocols',
  dmarc: 'protocols',
  dkim: 'protocols',
  arc: 'protocols',
  mtasts: 'protocols',
  tlsrpt: 'protocols',
  bimi: 'protocols',
  mx: 'protocols',
  audit: 'services',
  message: 'services',
  policy: 'services',
  reports: 'services',
  // The catalog gathers every area's finding declarations, the services' (audit, message, policy) included.
  'catalog.ts': 'services',
  report: 'renderers',
  cli: 'faces',
  action: 'faces',
  'index.ts': 'faces',
};

const PROTOCOLS = ['spf', 'dmarc', 'dkim', 'arc', 'mtasts', 'tlsrpt', 'bimi', 'mx'];

/**
 * Where `report/` or `policy/` may call something that asks DNS, and why. Each entry is `file: imported name`.
 */
const DNS_EXCEPTIONS: Record<string, string> = {
  'policy/gate/spf-authorize.ts: checkHost':
    'spf.authorize entries run check_host() through the resolver given to the gate (GateOptions.resolver); moving these runs into the audit (ARCHITECTURE: "computed by the audit it asks for") is open work',
  'policy/run.ts: auditDomains':
    'auditAndGate is the audit-then-gate service: it asks the one batch loop for the reports, and the reports service (whatIf) for the replay of reported traffic through the resolvers it is given; it asks DNS nothing itself',
};

/** Names of functions that ask DNS (or HTTPS) or build a resolver. */
const ASKS_DNS =
  /^(audit[A-Z]|check[A-Z]|verify[A-Z]|discover|evaluate[A-Z]|lookup|query|fetch|treeWalk)|Resolver$/;

interface Import {
  /** The importing file, relative to `src/` (`spf/audit.ts`). */
  from: string;
  /** The imported file, relative to `src/` (`dns/resolver.ts`). */
  to: string;
  /** The imported names (empty for `export *`, side-effect and dynamic imports). */
  names: string[];
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative import and re-export of `src/` (static, side-effect and dynamic). */
function imports(): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    const text = readFileSync(file, 'utf8');
    const pattern =
      /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:\{([^}]*)\}|\*(?:\s+as\s+\w+)?|\w+)\s+from\s+'([^']+)'|import\s*\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g;
    for (const m of text.matchAll(pattern)) {
      const spec = m[4] ?? m[5] ?? m[6]!;
      if (!spec.startsWith('.')) continue;
      const to = normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
      const names = (m[3] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      const typeOnly = m[2] !== undefined || (names.length > 0 && names.every((n) => n.startsWith('type ')));
      out.push({
        from,
        to,
        names: names.map((n) => n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!),
        typeOnly,
      });
    }
  }
  return out;
}

/** The top-level folder or root file a `src/`-relative path belongs to. */
const top = (path: string) => path.split('/')[0]!;
const layerOf = (path: string) => PLACE[top(path)];
const rank = (path: string) => LAYERS.indexOf(layerOf(path)!);

describe('the layers of src/', () => {
  const all = imports();

  it('finds the imports (the parser sees them)', () => {
    expect(all.length).toBeGreaterThan(500);
    expect(all).toContainEqual({
      from: 'spf/audit.ts',
      to: 'dns/resolver.ts',
      names: expect.any(Array),
      typeOnly: false,
    });
  });

  it('places every folder and root file of src/ in a layer', () => {
    const tops = [...new Set(sourceFiles(SRC).map((f) => top(relative(SRC, f))))].sort();
    expect(tops.filter((t) => PLACE[t] === undefined)).toEqual([]);
  });

  it('has imports flow down only: primitives <- protocols <- services <- renderers <- faces', () => {
    const up = all
      .filter((i) => rank(i.to) > rank(i.from))
      .map((i) => `${i.from} (${layerOf(i.from)}) imports ${i.to} (${layerOf(i.to)})`);
    expect(up).toEqual([]);
  });

  it('gives every protocol an entry module, and other folders import a protocol only through it', () => {
    for (const p of PROTOCOLS)
      expect(sourceFiles(join(SRC, p)).map((f) => relative(SRC, f))).toContain(`${p}/index.ts`);
    const bypass = all
      .filter((i) => PROTOCOLS.includes(top(i.to)) && top(i.from) !== top(i.to))
      .filter((i) => i.to !== `${top(i.to)}/index.ts`)
      .filter((i) => !(i.from === 'catalog.ts' && i.to === `${top(i.to)}/findings.ts`))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(bypass).toEqual([]);
  });

  it('keeps findings declarations data: each findings.ts imports only the finding shape and its own folder', () => {
    const decl = all.filter((i) => /(^|\/)findings\.ts$/.test(i.from) && i.from !== 'findings/finding.ts');
    expect(
      decl
        .filter((i) => i.to !== 'findings/finding.ts' && top(i.to) !== top(i.from))
        .map((i) => `${i.from} imports ${i.to}`),
    ).toEqual([]);
  });

  it('lets report/ and policy/ read data only: no DNS question, no resolver (listed exceptions aside)', () => {
    const readers = all.filter((i) => top(i.from) === 'report' || top(i.from) === 'policy');
    const asks = readers
      .filter((i) => !i.typeOnly && top(i.to) !== top(i.from))
      .flatMap((i) => i.names.filter((n) => ASKS_DNS.test(n)).map((n) => `${i.from}: ${n}`))
      .filter((key) => DNS_EXCEPTIONS[key] === undefined);
    expect(asks).toEqual([]);
    // Nothing there queries a resolver itself, or reaches the network or the file system's DNS helpers.
    const queries = sourceFiles(join(SRC, 'report'))
      .concat(sourceFiles(join(SRC, 'policy')))
      .filter((f) => /\.query\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(queries).toEqual([]);
    expect(readers.filter((i) => top(i.to) === 'https').map((i) => `${i.from} imports ${i.to}`)).toEqual([]);
    // Renderers never parse a record again: they render the analysis they are given.
    const parses = all
      .filter((i) => top(i.from) === 'report' && !i.typeOnly && top(i.to) !== 'report')
      .flatMap((i) => i.names.filter((n) => /^parse/.test(n)).map((n) => `${i.from}: ${n}`));
    expect(parses).toEqual([]);
    // The exceptions are still needed (an unneeded one is a rule nobody checks).
    for (const key of Object.keys(DNS_EXCEPTIONS)) {
      const [file, name] = key.split(': ');
      expect(
        readers.some((i) => i.from === file && i.names.includes(name!)),
        key,
      ).toBe(true);
    }
  });
});

describe('one definition per value set', () => {
  const text = sourceFiles(SRC).map((f) => [relative(SRC, f), readFileSync(f, 'utf8')] as const);
  const defined = (union: RegExp) => text.filter(([, t]) => union.test(t)).map(([f]) => f);

  it.each([
    [
      'AssessmentPolicy (none, quarantine, reject)',
      /=\s*'none'\s*\|\s*'quarantine'\s*\|\s*'reject'\s*;/,
      'dmarc/record.ts',
    ],
    [
      'SpfResultCode',
      /=\s*'none'\s*\|\s*'neutral'\s*\|\s*'pass'\s*\|\s*'fail'\s*\|\s*'softfail'\s*\|\s*'temperror'\s*\|\s*'permerror'\s*;/,
      'spf/result.ts',
    ],
    ['Severity', /=\s*'error'\s*\|\s*'warning'\s*\|\s*'info'\s*;/, 'findings/finding.ts'],
    ['FailOn', /=\s*'error'\s*\|\s*'warning'\s*\|\s*'never'\s*;/, 'findings/finding.ts'],
    [
      'RecordStatus',
      /=\s*'found'\s*\|\s*'none'\s*\|\s*'multiple'\s*\|\s*'invalid'\s*\|\s*'dns-error'\s*;/,
      'findings/record-status.ts',
    ],
    [
      'DmarcResult',
      /=\s*'pass'\s*\|\s*'fail'\s*\|\s*'none'\s*\|\s*'temperror'\s*\|\s*'permerror'\s*;/,
      'dmarc/evaluate.ts',
    ],
  ])('%s is written once', (_name, union, where) => {
    expect(defined(union)).toEqual([where]);
  });

  it('the ANSI escape sequences are written once (the painter)', () => {
    expect(defined(/\\u001b\[/).filter((f) => f !== 'report/escape.ts')).toEqual(['report/paint.ts']);
  });

  it('"a thrown error becomes SERVFAIL" is written once, and resolvers are wrapped in dns/ only', () => {
    expect(defined(/'SERVFAIL',\s*`resolver error/)).toEqual(['dns/resolver.ts']);
    // Nobody catches a resolver's throw by hand: they ask through queryOrServfail.
    expect(defined(/\.query\([^)]*\)\s*\.catch\(|kind:\s*'SERVFAIL'/)).toEqual([]);
    // The resolver decorators (cache, guard, in-flight limit, time limit) live with the resolvers.
    const wrappers = text
      .filter(([, t]) => /\bquery<T extends RRType>\(/.test(t) && /:\s*Resolver\b/.test(t))
      .map(([f]) => f)
      .filter((f) => !f.startsWith('dns/') && !f.startsWith('spf/'));
    expect(wrappers).toEqual([]);
  });
});
