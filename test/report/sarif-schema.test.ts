/**
 * SARIF against the official SARIF 2.1.0 JSON schema (test/support/sarif-schema.ts): the renderer's logs for the
 * samples, with and without a gate, hostile records and DNS trouble; the CLI's and the Action's logs are checked
 * by their test runners in every test that produces one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/audit/audit.js';
import { auditDomain } from '../../src/audit/audit.js';
import { type GateResult, gateReports } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { problemLocator } from '../../src/policy/locate.js';
import { renderSarif } from '../../src/report/sarif.js';
import { runCli } from '../support/cli.js';
import { txtZone } from '../support/resolvers.js';
import { ROOT, sampleResolver } from '../support/samples.js';
import { expectValidSarif, sarifErrors } from '../support/sarif-schema.js';
import { evilReport, sampleReports, troubleReport } from './fixtures.js';

let reports: DomainReport[];
let gate: GateResult;

beforeAll(async () => {
  reports = [...(await sampleReports()), await evilReport(), await troubleReport()];
  const policy = parsePolicy(
    'defaults:\n  spf: { all: "-all", max-lookups: 8 }\n  dmarc: { p: reject, rua: true }\n  dkim: { min-key-bits: 2048 }\n  mta-sts: { mode: enforce }\nfindings:\n  dmarc.policy-none:\n    suppress: { reason: accepted }\n',
  ).policy;
  gate = await gateReports(reports, policy, { resolver: sampleResolver() });
});

describe('SARIF 2.1.0 schema', () => {
  it('rejects what it should (the validator can fail)', () => {
    const log = renderSarif(reports.slice(0, 1));
    expect(sarifErrors(log)).toEqual([]);
    const broken = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.results[0]!.message;
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(sarifErrors(broken)).toEqual([
      "/runs/0/results/0 must have required property 'message'",
      '/runs/0/results/0/level must be equal to one of the allowed values',
    ]);
  });

  it('accepts the renderer output with and without a gate, with a locator and without', () => {
    expectValidSarif(renderSarif(reports), 'plain');
    expectValidSarif(renderSarif(reports, { gate }), 'gated');
    const locator = problemLocator({ zones: [], fallback: { file: '.github/workflows/mail.yml', line: 1 } });
    const log = renderSarif(reports, { gate, locate: locator.sarif, category: 'mailgate/' });
    expectValidSarif(log, 'gated, located');
    // Every result is in a file with a line; results nothing in the repository is about are at the fallback.
    expect(
      new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)),
    ).toContain('.github/workflows/mail.yml');
  });

  it('accepts what mailgate audit --format sarif prints, each result in a file (zone line, else placeholder)', async () => {
    const r = await runCli([
      'audit',
      'too-many-lookups.example',
      '--offline',
      '--zone',
      `${ROOT}/samples/zones`,
      '--format',
      'sarif',
    ]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    expect(results.length).toBeGreaterThan(5);
    const lookup = results.find((x) => x.ruleId === 'spf.lookup-limit')!;
    expect(lookup.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(
      /samples\/zones\/too-many-lookups\.example\.zone$/,
    );
    // The term that takes the record over the limit, include:_spf.protonmail.ch, starts at column 77.
    expect(lookup.locations[0]!.physicalLocation.region).toEqual({ startLine: 13, startColumn: 77 });
  });

  it("keeps a result's fingerprint while its record and message change (alerts are tracked across runs)", async () => {
    const audit = (spf: string) =>
      auditDomain('fp.example', {
        resolver: txtZone('fp.example', { '@': spf, _dmarc: 'v=DMARC1; p=none' }),
        checks: { mx: false, mtaSts: false, tlsRpt: false, bimi: false },
      });
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `exists:t${i}.%{d}`).join(' ');
    const before = renderSarif([await audit(`v=spf1 ${terms(11)} -all`)]).runs[0]!.results;
    const after = renderSarif([await audit(`v=spf1 a ${terms(12)} ~all`)]).runs[0]!.results;
    const pick = (rs: typeof before, id: string) => rs.find((r) => r.ruleId === id)!;
    for (const id of ['spf.lookup-limit', 'dmarc.policy-none']) {
      expect(pick(after, id).partialFingerprints).toEqual(pick(before, id).partialFingerprints);
    }
    expect(pick(after, 'spf.lookup-limit').message.text).not.toBe(
      pick(before, 'spf.lookup-limit').message.text,
    );
    expect(pick(after, 'spf.lookup-limit').properties.record).not.toBe(
      pick(before, 'spf.lookup-limit').properties.record,
    );
  });
});
