/**
 * Base versus head: the problems of the configuration before a change (the base) compared with those after it
 * (the head), so a gate can fail only on what the change introduces or makes worse (`fail-on: new`).
 *
 * Problems ({@link Problem}) are compared member by member (their rules and findings), by key: a rule by domain,
 * rule and subject (`spf.authorize 192.0.2.0/24`), a finding by domain, id and DNS name (then term when one
 * report holds several). A finding the exact key misses is matched by its id and name alone, one to one, so a
 * finding whose term changed (another include now crosses the budget) is the same finding.
 *
 * A head problem is
 * - `new` when none of its members failed in the base (a domain new in the change has only new problems);
 * - `worse` when some member is new, or failed in both and got worse: a rule whose observed value is weaker
 *   (more SPF lookups, `p=none` after `p=quarantine`, a shorter key, a weaker `all` or MTA-STS mode, more lost
 *   messages) or a finding whose severity rose or whose measure grew (`details.lookups`, `voidLookups`,
 *   `messages`; fewer `bits`);
 * - `unknown` when the base could not be checked where it matters (the member was undetermined in the base, or
 *   is missing from a base area that DNS trouble left undetermined): the change cannot be judged there;
 * - `unchanged` otherwise.
 * A base problem none of whose members still fails in the head is `fixed`.
 *
 * The verdict ({@link ProblemDiff.status}): `failed` when a `new` or `worse` problem fails (a failed rule, a
 * finding at or above `fail-on`); else `undetermined` when a `new`, `worse` or `unknown` problem is undetermined,
 * or an `unknown` one fails; else `passed`. Unchanged problems never fail the verdict, whatever they are.
 *
 * @module
 */

import { isDnsTrouble } from '../audit/dns-trouble.js';
import { SEVERITY_RANK } from '../findings/finding.js';
import type { GateStatus } from './gate/types.js';
import { areaOf, looseFindingKey, type Problem, type ProblemMember } from './problems.js';

/** How a problem changed between the base and the head (see the module notes). */
export type ChangeStatus = 'new' | 'worse' | 'unknown' | 'unchanged' | 'fixed';

/** One problem of the comparison. */
export interface ProblemChange {
  status: ChangeStatus;
  /** The head's problem, or for `fixed` the base's. */
  problem: Problem;
  /** For `worse`: what got worse, one clause each (`SPF lookups 9 → 12`, `dmarc.p: p=quarantine → p=none`). */
  worse?: string[];
  /** For `unknown`: why the base could not say. */
  unknown?: string;
}

/** The comparison of a base and a head. */
export interface ProblemDiff {
  /** The verdict for `fail-on: new` (see the module notes). */
  status: GateStatus;
  passed: boolean;
  /** One line saying why it did not pass; empty when it passed. */
  reason: string;
  counts: Record<ChangeStatus, number>;
  /** Head problems (`new`, `worse`, `unknown`, then `unchanged`), then the base's `fixed` ones. */
  changes: ProblemChange[];
}

/** Options of {@link diffProblems}. */
export interface DiffOptions {
  /** Domains that the change adds (no zone file for them before): all their problems are new. */
  newDomains?: ReadonlySet<string>;
}

const STRENGTH: Readonly<Record<string, number>> = {
  // DMARC p/sp/np (RFC 9989 §4.7) and MTA-STS modes (RFC 8461 §5): higher is stronger.
  none: 0,
  quarantine: 1,
  reject: 2,
  testing: 1,
  enforce: 2,
};

/** The `all` qualifiers from the most to the least permissive (RFC 7208 §4.6.2, §5.1). */
function allStrength(actual: string): number | undefined {
  if (actual.startsWith('+all')) return 0;
  if (actual.startsWith('?all') || actual.startsWith('no all')) return 1;
  if (actual.startsWith('~all')) return 2;
  if (actual.startsWith('-all')) return 3;
  return ['none', 'invalid', 'multiple'].includes(actual) ? 1 : undefined;
}

/** The weakest policy named in a DMARC or MTA-STS `actual` (`sp=none or np=reject`, `mode testing`). */
function policyStrength(actual: string): number | undefined {
  if (['none', 'invalid', 'multiple', 'no record'].includes(actual)) return -1;
  const values = [...actual.matchAll(/(?:=|mode )(none|quarantine|reject|testing|enforce)\b/g)].map(
    (m) => STRENGTH[m[1]!]!,
  );
  return values.length > 0 ? Math.min(...values) : undefined;
}

/** How much worse a failed rule's observed value is, as a clause, or undefined when it is not worse. */
function ruleWorse(rule: string, before: string | undefined, after: string | undefined): string | undefined {
  if (before === undefined || after === undefined || before === after) return undefined;
  const num = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined);
  const say = `${rule}: ${before} → ${after}`;
  switch (rule) {
    case 'spf.max-lookups':
    case 'reports.max-lost-messages':
    case 'reports.max-lost-share': {
      const a = num(before);
      const b = num(after);
      return a !== undefined && b !== undefined && b > a ? say : undefined;
    }
    case 'dkim.min-key-bits': {
      const a = num(before);
      const b = num(after);
      return a !== undefined && b !== undefined && b < a ? say : undefined;
    }
    case 'spf.all': {
      const a = allStrength(before);
      const b = allStrength(after);
      return a !== undefined && b !== undefined && b < a ? say : undefined;
    }
    case 'dmarc.p':
    case 'dmarc.sp':
    case 'dmarc.np':
    case 'mta-sts.mode': {
      const a = policyStrength(before);
      const b = policyStrength(after);
      return a !== undefined && b !== undefined && b < a ? say : undefined;
    }
    default:
      return undefined;
  }
}

/** Measures a finding's details may carry, and which way is worse. */
const MEASURES: readonly { key: string; label: string; worse: 'higher' | 'lower' }[] = [
  { key: 'lookups', label: 'DNS lookups', worse: 'higher' },
  { key: 'voidLookups', label: 'void lookups', worse: 'higher' },
  { key: 'messages', label: 'messages', worse: 'higher' },
  { key: 'bits', label: 'key bits', worse: 'lower' },
];

function findingWorse(before: ProblemMember, after: ProblemMember): string[] {
  const a = before.finding;
  const b = after.finding;
  if (!a || !b) return [];
  const out: string[] = [];
  if (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity])
    out.push(`${b.id}: severity ${a.severity} → ${b.severity}`);
  for (const m of MEASURES) {
    const x = a.evidence?.details?.[m.key];
    const y = b.evidence?.details?.[m.key];
    if (typeof x !== 'number' || typeof y !== 'number') continue;
    if (m.worse === 'higher' ? y > x : y < x) out.push(`${b.id}: ${m.label} ${x} → ${y}`);
  }
  return out;
}

function isTroubled(m: ProblemMember): boolean {
  if (m.rule) return m.rule.outcome === 'undetermined' && m.rule.inexact !== true;
  return m.finding !== undefined && isDnsTrouble(m.finding);
}

function memberArea(m: ProblemMember): string {
  return areaOf(m.rule ? m.rule.rule : (m.finding?.id ?? ''));
}

const ORDER: Readonly<Record<ChangeStatus, number>> = {
  new: 0,
  worse: 1,
  unknown: 2,
  unchanged: 3,
  fixed: 4,
};

/**
 * Compares the base's problems with the head's (see the module notes).
 *
 * @param base the problems before the change (`problemsOf` each domain of the base gate; `info` ones are ignored)
 * @param head the problems after it
 * @returns the verdict for `fail-on: new`, the counts and every problem with its status.
 */
export function diffProblems(
  base: readonly Problem[],
  head: readonly Problem[],
  options: DiffOptions = {},
): ProblemDiff {
  const baseProblems = base.filter((p) => p.outcome !== 'info');
  const headProblems = head.filter((p) => p.outcome !== 'info');
  const exact = new Map<string, { m: ProblemMember; p: Problem }>();
  const loose = new Map<string, { m: ProblemMember; p: Problem }[]>();
  const troubled = new Set<string>();
  for (const p of baseProblems) {
    for (const m of p.members) {
      exact.set(m.key, { m, p });
      if (m.finding) {
        const k = looseFindingKey(m.finding, p.domain);
        const list = loose.get(k) ?? [];
        list.push({ m, p });
        loose.set(k, list);
      }
      if (isTroubled(m)) troubled.add(`${p.domain} ${memberArea(m)}`);
    }
  }
  const matched = new Set<ProblemMember>();
  const stillFailing = new Set<Problem>();
  const match = (m: ProblemMember, domain: string): { m: ProblemMember; p: Problem } | undefined => {
    const e = exact.get(m.key);
    if (e && !matched.has(e.m)) return e;
    if (!m.finding) return undefined;
    return loose.get(looseFindingKey(m.finding, domain))?.find((x) => !matched.has(x.m));
  };

  const changes: ProblemChange[] = [];
  for (const p of headProblems) {
    if (options.newDomains?.has(p.domain)) {
      changes.push({ status: 'new', problem: p });
      continue;
    }
    let fresh = 0;
    let unknown: string | undefined;
    const worse: string[] = [];
    const added: string[] = [];
    for (const m of p.members) {
      const b = match(m, p.domain);
      if (!b) {
        if (troubled.has(`${p.domain} ${memberArea(m)}`))
          unknown ??= `DNS trouble left ${memberArea(m)} undetermined for ${p.domain} before the change`;
        else {
          fresh++;
          added.push(`${m.rule?.rule ?? m.finding?.id} is new`);
        }
        continue;
      }
      matched.add(b.m);
      stillFailing.add(b.p);
      if (isTroubled(b.m) && !isTroubled(m)) {
        unknown ??= `${b.m.rule?.rule ?? b.m.finding?.id} could not be checked before the change (DNS trouble)`;
        continue;
      }
      if (m.rule && b.m.rule) {
        const w = ruleWorse(m.rule.rule, b.m.rule.actual, m.rule.actual);
        if (w) worse.push(w);
      } else worse.push(...findingWorse(b.m, m));
    }
    let status: ChangeStatus;
    if (fresh === p.members.length) status = 'new';
    else if (fresh > 0 || worse.length > 0) status = 'worse';
    else if (unknown !== undefined) status = 'unknown';
    else status = 'unchanged';
    const change: ProblemChange = { status, problem: p };
    if (status === 'worse') change.worse = [...worse, ...added];
    if (status === 'unknown' && unknown !== undefined) change.unknown = unknown;
    changes.push(change);
  }
  changes.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  for (const p of baseProblems) {
    if (stillFailing.has(p) || options.newDomains?.has(p.domain)) continue;
    changes.push({ status: 'fixed', problem: p });
  }
  const counts: Record<ChangeStatus, number> = { new: 0, worse: 0, unknown: 0, unchanged: 0, fixed: 0 };
  for (const c of changes) counts[c.status]++;

  const introduced = changes.filter((c) => c.status === 'new' || c.status === 'worse');
  const failing = introduced.filter((c) => c.problem.outcome === 'fail');
  const undetermined = changes.filter(
    (c) =>
      ((c.status === 'new' || c.status === 'worse' || c.status === 'unknown') &&
        c.problem.outcome === 'undetermined') ||
      (c.status === 'unknown' && c.problem.outcome === 'fail'),
  );
  const status: GateStatus =
    failing.length > 0 ? 'failed' : undetermined.length > 0 ? 'undetermined' : 'passed';
  const label = (cs: ProblemChange[]) => {
    const names = [...new Set(cs.map((c) => c.problem.rules[0]?.rule ?? c.problem.finding.id))];
    return names.length > 4 ? `${names.slice(0, 4).join(', ')}, ...` : names.join(', ');
  };
  const doms = (cs: ProblemChange[]) => {
    const list = [...new Set(cs.map((c) => c.problem.domain))];
    return list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
  };
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  let reason = '';
  if (status === 'failed') {
    const nw = failing.filter((c) => c.status === 'new').length;
    const wr = failing.length - nw;
    const what = [
      nw > 0 ? `introduces ${n(nw, 'problem')}` : '',
      wr > 0 ? `makes ${n(wr, 'problem')} worse` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    reason = `mailgate: this change ${what} for ${doms(failing)} (${label(failing)})`;
  } else if (status === 'undetermined') {
    reason = `mailgate: ${n(undetermined.length, 'problem')} could not be compared with the base because of DNS errors for ${doms(undetermined)} (${label(undetermined)})`;
  }
  return { status, passed: status === 'passed', reason, counts, changes };
}
