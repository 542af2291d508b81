/**
 * Base versus head (src/policy/diff.ts) and problems (src/policy/problems.ts) on real gates: what "new", "worse",
 * "unknown", "unchanged" and "fixed" mean, matching by key (never by message), and the verdict.
 */
import { describe, expect, it } from 'vitest';
import { auditDomain } from '../../src/audit/audit.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { diffProblems } from '../../src/policy/diff.js';
import { gate } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { type Problem, problemsOf } from '../../src/policy/problems.js';
import { failing, txtZone } from '../support/resolvers.js';
import { FIXED_NOW } from '../support/samples.js';

const D = 'diff.example';
const CHECKS = { mx: false, mtaSts: false, tlsRpt: false, bimi: false } as const;

async function problems(
  records: Record<string, string>,
  yaml: string,
  wrap?: (r: Resolver) => Resolver,
): Promise<Problem[]> {
  const base = txtZone(D, records);
  const resolver = wrap ? wrap(base) : base;
  const report = await auditDomain(D, { resolver, now: FIXED_NOW, checks: CHECKS, selectors: ['s1'] });
  return problemsOf(await gate(report, parsePolicy(yaml).policy, { resolver, now: FIXED_NOW }));
}

/** The changes other than `unchanged`, as `status key`. */
const statuses = (d: ReturnType<typeof diffProblems>) =>
  d.changes.filter((c) => c.status !== 'unchanged').map((c) => `${c.status} ${c.problem.key}`);

describe('diffProblems', () => {
  it('a weaker p= of a rule that already failed is worse; the same one is unchanged', async () => {
    const policy = 'defaults:\n  dmarc: { p: reject }\n';
    const quarantine = await problems({ '@': 'v=spf1 -all', _dmarc: 'v=DMARC1; p=quarantine' }, policy);
    const none = await problems({ '@': 'v=spf1 -all', _dmarc: 'v=DMARC1; p=none' }, policy);
    const worse = diffProblems(quarantine, none);
    expect(worse.changes.find((c) => c.problem.key === `rule ${D} dmarc.p`)).toMatchObject({
      status: 'worse',
      // p=none also raises dmarc.policy-none, the same problem seen by the audit.
      worse: ['dmarc.p: p=quarantine → p=none', 'dmarc.policy-none is new'],
    });
    expect(worse.status).toBe('failed');
    expect(worse.reason).toBe(`mailgate: this change makes 1 problem worse for ${D} (dmarc.p)`);
    const same = diffProblems(none, none);
    expect(same.status).toBe('passed');
    expect(same.counts).toMatchObject({ new: 0, worse: 0, fixed: 0 });
    expect(same.changes.every((c) => c.status === 'unchanged')).toBe(true);
    // The other way round it is not worse: unchanged (still failing), never fixed.
    expect(
      diffProblems(none, quarantine).changes.find((c) => c.problem.key === `rule ${D} dmarc.p`)?.status,
    ).toBe('unchanged');
  });

  it('more SPF lookups over the budget is worse, matched although the crossing term and message changed', async () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `exists:t${i}.%{d}`);
    const eleven = await problems({ '@': `v=spf1 ${terms(11).join(' ')} -all` }, 'defaults: {}\n');
    const twelve = await problems(
      { '@': `v=spf1 exists:first.%{d} ${terms(11).join(' ')} -all` },
      'defaults: {}\n',
    );
    const d = diffProblems(eleven, twelve);
    const limit = d.changes.find((c) => c.problem.finding.id === 'spf.lookup-limit')!;
    expect(limit).toMatchObject({ status: 'worse', worse: ['spf.lookup-limit: DNS lookups 11 → 12'] });
    // The term that crosses the limit of 10 moved, and the message changed: still the same finding.
    expect(eleven.find((p) => p.finding.id === 'spf.lookup-limit')!.finding.evidence?.term).toBe(
      'exists:t10.%{d}',
    );
    expect(limit.problem.finding.evidence?.term).toBe('exists:t9.%{d}');
    // (each void exists: term is a spf.void-lookup finding of its own, keyed by its term)
    expect(d.counts.fixed).toBe(0);
    expect(d.status).toBe('failed');
  });

  it('a problem the base could not check (DNS trouble) is unknown: undetermined, never a pass or a failure', async () => {
    const policy = 'defaults:\n  dmarc: { p: reject }\n';
    const troubled = await problems({ '@': 'v=spf1 -all', _dmarc: 'v=DMARC1; p=reject' }, policy, (r) =>
      failing(r, { [`_dmarc.${D}`]: 'SERVFAIL' }),
    );
    const none = await problems({ '@': 'v=spf1 -all', _dmarc: 'v=DMARC1; p=none' }, policy);
    const d = diffProblems(troubled, none);
    expect(d.changes.find((c) => c.problem.key === `rule ${D} dmarc.p`)).toMatchObject({
      status: 'unknown',
      unknown: 'dmarc.p could not be checked before the change (DNS trouble)',
    });
    expect(d.status).toBe('undetermined');
    expect(d.reason).toMatch(
      /^mailgate: \d+ problems? could not be compared with the base because of DNS errors for diff\.example \(/,
    );
  });

  it('new, fixed and new domains', async () => {
    const policy = 'defaults:\n  spf: { all: "-all" }\n  dmarc: { p: reject }\n';
    const before = await problems({ '@': 'v=spf1 ~all', _dmarc: 'v=DMARC1; p=reject' }, policy);
    const after = await problems({ '@': 'v=spf1 -all', _dmarc: 'v=DMARC1; p=none' }, policy);
    const d = diffProblems(before, after);
    expect(statuses(d)).toEqual([`new rule ${D} dmarc.p`, `fixed rule ${D} spf.all`]);
    expect(d.status).toBe('failed');
    expect(d.reason).toBe(`mailgate: this change introduces 1 problem for ${D} (dmarc.p)`);
    // A domain the change adds: everything is new, whatever a live base said.
    expect(statuses(diffProblems(after, after, { newDomains: new Set([D]) }))).toEqual([
      `new rule ${D} dmarc.p`,
      `new finding ${D} dkim.no-key s1._domainkey.${D}`,
      `new finding ${D} dmarc.no-rua _dmarc.${D}`,
    ]);
  });
});
