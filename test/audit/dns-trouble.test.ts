/**
 * One meaning of "DNS trouble": the catalog's `dnsTrouble` flag, read through `isDnsTrouble`, is what the exit
 * code, the report summary, the batch outcome and the policy gate all go by, for every catalog id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type DomainReport, summarize } from '../../src/audit/audit.js';
import { reportOutcome } from '../../src/audit/batch-report.js';
import { isDnsTrouble } from '../../src/audit/dns-trouble.js';
import { FINDINGS_CATALOG } from '../../src/catalog.js';
import { auditExitCode } from '../../src/cli/commands/audit.js';
import { EXIT } from '../../src/cli/common.js';
import type { Finding, FindingDefinition } from '../../src/findings/finding.js';
import { gate } from '../../src/policy/gate.js';
import { auditSample, FIXED_NOW, sampleResolver } from '../support/samples.js';

const DOMAIN = 'mailgate-healthy.example';

/** A finding of `def` on the healthy sample domain; its evidence says TIMEOUT whatever the id (evidence plays no part). */
function findingOf(def: FindingDefinition): Finding {
  return {
    id: def.id,
    severity: def.severity,
    message: `test finding ${def.id}`,
    domain: DOMAIN,
    evidence: { name: DOMAIN, details: { kind: 'TIMEOUT' } },
  };
}

describe('DNS trouble: one flag in the catalog, one function, four consumers', () => {
  let healthy: DomainReport;
  beforeAll(async () => {
    healthy = await auditSample(DOMAIN, { selectors: ['s2026'], checks: { reverseDns: false } });
    // The base report is clean, so whatever the consumers say comes from the one injected finding.
    expect(healthy.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(healthy.summary.dnsTrouble).toBe(false);
  });

  it('the flagged ids are exactly the *.dns-error ids and audit.timeout', () => {
    const flagged = FINDINGS_CATALOG.filter((d) => d.dnsTrouble).map((d) => d.id);
    expect(flagged).toEqual([
      'spf.dns-error',
      'dmarc.dns-error',
      'dkim.dns-error',
      'arc.dns-error',
      'message.dns-error',
      'mx.dns-error',
      'mtasts.dns-error',
      'tlsrpt.dns-error',
      'bimi.dns-error',
      'audit.timeout',
    ]);
    expect(flagged).toEqual(FINDINGS_CATALOG.filter((d) => isDnsTrouble(findingOf(d))).map((d) => d.id));
    // An id outside the catalog is no DNS trouble, whatever its name or evidence.
    expect(isDnsTrouble({ id: 'custom.dns-error', severity: 'error', message: '' })).toBe(false);
  });

  it('exit code, summary, batch outcome and gate agree on every catalog id', async () => {
    const disagreements: string[] = [];
    for (const def of FINDINGS_CATALOG) {
      const finding = findingOf(def);
      const trouble = isDnsTrouble(finding);
      // At `warning` an error or warning finding fails; an info finding fails nothing (fail-on never).
      const failOn = def.severity === 'info' ? 'never' : 'warning';
      const findings = [...healthy.findings, finding];
      const report: DomainReport = { ...healthy, findings, summary: summarize(findings) };
      const expected = trouble ? 'undetermined' : def.severity === 'info' ? 'pass' : 'fail';

      const exit = auditExitCode([report], failOn);
      const byExit = exit === EXIT.DNS ? 'undetermined' : exit === EXIT.FAIL ? 'fail' : 'pass';
      const bySummary = report.summary.dnsTrouble
        ? 'undetermined'
        : expected === 'undetermined'
          ? '?'
          : expected;
      const byBatch = reportOutcome(report, failOn);
      const g = await gate(
        report,
        { 'fail-on': failOn },
        {
          resolver: sampleResolver(),
          now: FIXED_NOW,
        },
      );
      const byGate = g.status === 'failed' ? 'fail' : g.status === 'undetermined' ? 'undetermined' : 'pass';
      const rule = g.rules.find((r) => r.rule === 'finding' && r.id === def.id);
      const byRule = rule?.outcome ?? 'pass';
      const seen = { byExit, bySummary, byBatch, byGate, byRule };
      for (const [consumer, outcome] of Object.entries(seen)) {
        if (outcome !== expected)
          disagreements.push(`${def.id}: ${consumer} says ${outcome}, expected ${expected}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
