/**
 * Differential testing support: a DNS answer table that every engine reads (ours and mailauth through a
 * Resolver, pyspf and Mail::SPF through their driver scripts), the peers' runners, and a seeded generator of
 * SPF policies, zones and clients.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import {
  type DnsFailureKind,
  type DnsResult,
  dnsFailure,
  type RecordDataMap,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js';
import { verifySpfIdentity } from '../../src/spf/check-host.js';
import { parseClientIp, reverseName } from '../../src/spf/ip.js';

/** `name|TYPE` -> records, or the failure kind. A missing key: NODATA if the name has other keys, else NXDOMAIN. */
export type AnswerTable = Record<string, { records: unknown[] } | { error: DnsFailureKind }>;

/** One differential case. */
export interface DiffCase {
  id: string;
  answers: AnswerTable;
  ip: string;
  /** MAIL FROM; empty for the null reverse-path (postmaster@helo is checked). */
  sender: string;
  helo: string;
}

/** The answer of one engine for one case. */
export interface PeerAnswer {
  result: string;
  explanation?: string | null;
  /** Peers: the error text of a permerror/temperror. Ours: the problem and trace, for diagnosing. */
  detail?: string;
  problem?: string;
  trace?: unknown[];
}

const TYPES: RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'PTR'];

/** Reads every name x type of `names` through `resolver` into a table (CNAMEs come out flattened). */
export async function tableFrom(resolver: Resolver, names: Iterable<string>): Promise<AnswerTable> {
  const table: AnswerTable = {};
  for (const raw of names) {
    const name = raw.toLowerCase().replace(/\.$/, '');
    for (const type of TYPES) {
      const r = await resolver.query(name, type);
      table[`${name}|${type}`] = r.ok ? { records: r.records as unknown[] } : { error: r.kind };
    }
  }
  return table;
}

/** A Resolver over a table (the same data the peers read). */
export function tableResolver(table: AnswerTable): Resolver {
  const names = new Set(Object.keys(table).map((k) => k.slice(0, k.lastIndexOf('|'))));
  return {
    async query<T extends RRType>(rawName: string, type: T): Promise<DnsResult<T>> {
      const name = rawName.toLowerCase().replace(/\.$/, '');
      const e = table[`${name}|${type}`];
      if (!e) return dnsFailure(name, type, names.has(name) ? 'NODATA' : 'NXDOMAIN', '');
      if ('error' in e) return dnsFailure(name, type, e.error, '');
      return { ok: true, name, type, records: e.records as RecordDataMap[T][] };
    },
  };
}

/** Adapts a Resolver to mailauth's node:dns-shaped resolver, throwing errors with node codes. */
export function nodeStyleResolver(resolver: Resolver) {
  const codes: Record<DnsFailureKind, string> = {
    NXDOMAIN: 'ENOTFOUND',
    NODATA: 'ENODATA',
    TIMEOUT: 'ETIMEOUT',
    SERVFAIL: 'ESERVFAIL',
    REFUSED: 'EREFUSED',
    BADNAME: 'EBADNAME',
  };
  return async (name: string, rrtype: string): Promise<unknown[]> => {
    if (!TYPES.includes(rrtype as RRType)) {
      const err = new Error(`${rrtype} ${name}: ENODATA`) as Error & { code: string };
      err.code = 'ENODATA';
      throw err;
    }
    const r = await resolver.query(name, rrtype as RRType);
    if (r.ok) return [...r.records];
    const err = new Error(`${rrtype} ${name}: ${r.kind}`) as Error & { code: string };
    err.code = codes[r.kind];
    throw err;
  };
}

/** Our engine on a case. */
export async function runOurs(c: DiffCase): Promise<PeerAnswer> {
  const r = await verifySpfIdentity(
    { ip: c.ip, mailFrom: c.sender, helo: c.helo },
    { resolver: tableResolver(c.answers) },
  );
  const out: PeerAnswer = { result: r.result, explanation: r.explanation ?? null, trace: r.trace };
  if (r.problem) out.problem = r.problem;
  return out;
}

/** mailauth 7 `spf()` in RFC 7208 strict mode on a case. */
export async function runMailauth(c: DiffCase): Promise<PeerAnswer> {
  const opts: Record<string, unknown> = {
    ip: c.ip,
    helo: c.helo,
    mta: 'mx.receiver.test',
    resolver: nodeStyleResolver(tableResolver(c.answers)),
    strict: true,
  };
  if (c.sender) opts.sender = c.sender;
  const r = (await mailauthSpf(opts as never)) as { status: { result: string }; explanation?: string };
  return { result: r.status.result, explanation: r.explanation ?? null };
}

const PEERS = {
  pyspf: {
    cmd: '/usr/bin/python3',
    script: 'pyspf_driver.py',
    probe: ['-c', 'import spf'],
    pkg: 'python3-spf',
  },
  'mail-spf': {
    cmd: 'perl',
    script: 'mailspf_driver.pl',
    probe: ['-MMail::SPF', '-MJSON::PP', '-e', '1'],
    pkg: 'libmail-spf-perl',
  },
} as const;

/** The external peers. */
export type ExternalPeer = keyof typeof PEERS;

/** Why a peer cannot run (naming the Debian package), or null when it can. */
export function peerMissing(peer: ExternalPeer): string | null {
  const p = PEERS[peer];
  const r = spawnSync(p.cmd, [...p.probe], { stdio: 'ignore' });
  return r.status === 0
    ? null
    : `${peer} is not installed (Debian package ${p.pkg}: apt-get install -y ${p.pkg})`;
}

/** Runs a batch of cases through an external peer's driver script. */
export function runExternal(peer: ExternalPeer, cases: readonly DiffCase[]): PeerAnswer[] {
  const p = PEERS[peer];
  const script = fileURLToPath(new URL(`./peers/${p.script}`, import.meta.url));
  const input = JSON.stringify({
    cases: cases.map(({ answers, ip, sender, helo }) => ({ answers, ip, sender, helo })),
  });
  const r = spawnSync(p.cmd, [script], { input, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${peer} driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PeerAnswer[];
}

// ---------------------------------------------------------------------------------------------------------------
// Generator

const IP4 = ['192.0.2.1', '192.0.2.2', '192.0.2.130', '198.51.100.7'];
const IP6 = ['2001:db8::1', '2001:db8::2', '2001:db8:1::7'];
const CLIENTS = [...IP4, ...IP6, '::ffff:192.0.2.1'];
const HOSTS = ['h1.test', 'h2.test', 'h3.test', 'nx.test', 'to.test'];
const DOMS = ['d0.test', 'd1.test', 'd2.test', 'd3.test'];

const q = fc.constantFrom('', '', '', '+', '-', '~', '?');
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const opt = (a: fc.Arbitrary<string>) => fc.oneof(fc.constant(''), a);

const term: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(q, pick(['all'])).map(([a, b]) => a + b) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(q, pick(IP4), opt(pick(['/0', '/8', '/24', '/25', '/30', '/32'])))
      .map(([a, ip, c]) => `${a}ip4:${ip}${c}`),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(q, pick(IP6), opt(pick(['/0', '/32', '/64', '/128'])))
      .map(([a, ip, c]) => `${a}ip6:${ip}${c}`),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(q, opt(pick(HOSTS).map((h) => `:${h}`)), opt(pick(['/24', '//64', '/24//64', '/0'])))
      .map(([a, h, c]) => `${a}a${h}${c}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(q, opt(pick(DOMS).map((d) => `:${d}`)), opt(pick(['/24', '//48'])))
      .map(([a, d, c]) => `${a}mx${d}${c}`),
  },
  { weight: 3, arbitrary: fc.tuple(q, pick(DOMS)).map(([a, d]) => `${a}include:${d}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        q,
        pick([
          'h1.test',
          'nx.test',
          'to.test',
          '%{i}.e.test',
          '%{l}.e.test',
          '%{d1}.e.test',
          '%{ir}.%{v}.e.test',
        ]),
      )
      .map(([a, t]) => `${a}exists:${t}`),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(q, opt(pick([':test', ':h1.test', ':d1.test']))).map(([a, t]) => `${a}ptr${t}`),
  },
  { weight: 2, arbitrary: pick(DOMS).map((d) => `redirect=${d}`) },
  { weight: 1, arbitrary: pick(['exp=x.test', 'exp=%{d}.x.test', 'foo=bar', 'v2=%{d}']) },
  {
    weight: 1,
    arbitrary: pick([
      'a:museum',
      'ip4:1.2.3',
      'include:',
      'exists:%(i).test',
      '-all.',
      'mx:%{x}.test',
      'ip6:1::2::3',
    ]),
  },
);

const record = fc.array(term, { minLength: 0, maxLength: 6 }).map((ts) => ['v=spf1', ...ts].join(' '));

/** Generated SPF records in canonical form (single spaces, lower-case names), valid and invalid terms mixed. */
export const recordArbitrary: fc.Arbitrary<string> = record;

/** A generated scenario: TXT per domain (possibly none, several, or a failure), hosts, MX, PTR, exists names. */
const scenario = fc.record({
  txt: fc.tuple(
    ...DOMS.map(() =>
      fc.oneof(
        { weight: 12, arbitrary: record.map((r) => ({ records: [[r], ['other text']] }) as const) },
        { weight: 1, arbitrary: fc.constant({ records: [['not spf']] } as const) },
        {
          weight: 1,
          arbitrary: fc.tuple(record, record).map(([a, b]) => ({ records: [[a], [b]] }) as const),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom({ error: 'NXDOMAIN' } as const, { error: 'TIMEOUT' } as const),
        },
      ),
    ),
  ),
  hosts: fc.tuple(
    ...['h1.test', 'h2.test', 'h3.test'].map(() =>
      fc.record({ a: fc.subarray(IP4, { maxLength: 2 }), aaaa: fc.subarray(IP6, { maxLength: 2 }) }),
    ),
  ),
  mx: fc.tuple(...DOMS.map(() => fc.subarray(HOSTS, { maxLength: 3 }))),
  ptr: fc.subarray([...HOSTS, ...DOMS], { maxLength: 3 }),
  exists: fc.subarray(['i', 'l', 'd'], { maxLength: 3 }),
  ip: pick(CLIENTS),
  sender: pick(['user@d0.test', 'first.last@d0.test', '', 'a-b+c@d0.test']),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Builds the answer table of a generated scenario. */
function buildTable(s: Scenario) {
  const t: AnswerTable = {};
  DOMS.forEach((d, i) => {
    const txt = s.txt[i]!;
    if ('error' in txt) {
      if (txt.error === 'TIMEOUT') for (const ty of TYPES) t[`${d}|${ty}`] = { error: 'TIMEOUT' };
      return; // NXDOMAIN: no keys at all
    }
    t[`${d}|TXT`] = { records: txt.records.map((r) => [...r]) };
    const mx = s.mx[i]!;
    if (mx.length) t[`${d}|MX`] = { records: mx.map((h, k) => ({ priority: k * 10, exchange: h })) };
    t[`${d}|A`] = { records: ['192.0.2.200'] };
  });
  ['h1.test', 'h2.test', 'h3.test'].forEach((h, i) => {
    const { a, aaaa } = s.hosts[i]!;
    if (a.length) t[`${h}|A`] = { records: [...a] };
    if (aaaa.length) t[`${h}|AAAA`] = { records: [...aaaa] };
    if (!a.length && !aaaa.length) t[`${h}|TXT`] = { records: [['host without addresses']] };
  });
  for (const ty of TYPES) t[`to.test|${ty}`] = { error: 'TIMEOUT' };
  const client = parseClientIp(s.ip)!;
  if (s.ptr.length) t[`${reverseName(client)}|PTR`] = { records: [...s.ptr] };
  const dots =
    client.version === 4
      ? [...client.bytes].join('.')
      : reverseName(client).split('.').slice(0, 32).reverse().join('.');
  const local = s.sender === '' ? 'postmaster' : s.sender.slice(0, s.sender.lastIndexOf('@'));
  for (const e of s.exists) {
    const name = e === 'i' ? `${dots}.e.test` : e === 'l' ? `${local}.e.test` : 'test.e.test';
    t[`${name.toLowerCase()}|A`] = { records: ['127.0.0.2'] };
  }
  t['x.test|TXT'] = { records: [['Not authorized: %{i} for %{s}']] };
  t['d0.test.x.test|TXT'] = { records: [['d0 says no to %{c}']] };
  return t;
}

/** `count` generated cases from a fixed seed (deterministic). */
export function generatedCases(count: number, seed: number): DiffCase[] {
  return fc.sample(scenario, { seed, numRuns: count }).map((s, i) => ({
    id: `gen-${seed}-${i}`,
    answers: buildTable(s),
    ip: s.ip,
    sender: s.sender,
    helo: 'h1.test',
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Confirming a disagreement's category

function rewriteTxt(t: AnswerTable, f: (rec: string) => string): AnswerTable {
  const out: AnswerTable = {};
  for (const [k, v] of Object.entries(t)) {
    out[k] =
      k.endsWith('|TXT') && 'records' in v
        ? { records: (v.records as string[][]).map((r) => [f(r.join(''))]) }
        : v;
  }
  return out;
}

function timesOut(t: AnswerTable, name: string): boolean {
  const e = t[`${name}|A`] ?? t[`${name}|AAAA`];
  return e !== undefined && 'error' in e && e.error === 'TIMEOUT';
}

/** Replaces PTR names (or MX exchanges) whose address lookups time out by a resolvable, non-matching host. */
function replaceTimingOut(t: AnswerTable, type: 'PTR' | 'MX'): AnswerTable {
  const out: AnswerTable = {
    'zz.test|A': { records: ['203.0.113.1'] },
    'zz.test|AAAA': { records: ['2001:db8:ffff::1'] },
  };
  for (const [k, e] of Object.entries(t)) {
    if (!k.endsWith(`|${type}`) || !('records' in e)) {
      out[k] = e;
      continue;
    }
    out[k] = {
      records: (e.records as unknown[]).map((n) => {
        if (type === 'PTR') return timesOut(t, n as string) ? 'zz.test' : n;
        const mx = n as { exchange: string; priority: number };
        return timesOut(t, mx.exchange) ? { ...mx, exchange: 'zz.test' } : mx;
      }),
    };
  }
  return out;
}

/** One disagreement to confirm: the case, both answers and the category it is listed under. */
export interface Disagreement {
  c: DiffCase;
  ours: PeerAnswer;
  theirs: PeerAnswer;
  category: string;
}

/**
 * Checks that each generated disagreement is explained by its category: by the peer's error text, by our
 * problem text, or by changing only the feature the category names and seeing the engines agree. The changed
 * cases that need the peer again are run through it in one batch (one process for all of them, never one per
 * case: a process per case made the test slow enough to time out on a busy machine).
 */
export async function confirmCategories(
  peer: ExternalPeer,
  items: readonly Disagreement[],
): Promise<boolean[]> {
  const verdicts: boolean[] = [];
  const reruns: { index: number; changed: DiffCase }[] = [];
  for (const [index, { c, ours, theirs, category }] of items.entries()) {
    const detail = theirs.detail ?? theirs.result;
    switch (category) {
      case 'self-include-before-evaluation':
        verdicts.push(/trivial recursion/.test(detail));
        break;
      case 'void-lookups-per-term':
        verdicts.push(/void/i.test(detail) && !/void lookups/.test(ours.problem ?? ''));
        break;
      case 'syntax-error-anywhere':
        verdicts.push(
          ours.result === 'permerror' &&
            /^syntax error/.test(ours.problem ?? '') &&
            theirs.result !== 'permerror',
        );
        break;
      case 'peer-crash-malformed-domain':
        verdicts.push(/^crash: .*label/.test(theirs.result));
        break;
      case 'mx-limit-permerror':
        verdicts.push(/more than 10/.test(ours.problem ?? ''));
        break;
      case 'ip6-matches-ipv4-client': {
        if (parseClientIp(c.ip)?.version !== 4) {
          verdicts.push(false);
          break;
        }
        const t = rewriteTxt(c.answers, (r) =>
          r.replace(/(^| )([+\-~?]?)ip6:[0-9a-f:.]+\/0(?= |$)/gi, '$1$2all'),
        );
        verdicts.push((await runOurs({ ...c, answers: t })).result === theirs.result);
        break;
      }
      case 'ptr-validation-dns-error':
      case 'mx-hosts-after-match': {
        verdicts.push(false); // decided below, after the batch
        if (!/TIMEOUT|SERVFAIL/.test(detail)) break;
        const t = replaceTimingOut(c.answers, category === 'ptr-validation-dns-error' ? 'PTR' : 'MX');
        reruns.push({ index, changed: { ...c, answers: t } });
        break;
      }
      default:
        verdicts.push(false);
    }
  }
  if (reruns.length > 0) {
    const again = runExternal(
      peer,
      reruns.map((r) => r.changed),
    );
    for (const [k, { index, changed }] of reruns.entries()) {
      const want = items[index]!.ours.result;
      verdicts[index] = again[k]?.result === want && (await runOurs(changed)).result === want;
    }
  }
  return verdicts;
}
