import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/audit/audit.js';
import { gateReports } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { renderJson } from '../../src/report/json.js';
import { ROOT, sampleResolver } from '../support/samples.js';
import { evilReport, sampleReports, troubleReport } from './fixtures.js';

/** Validators compiled from the published files (not the TS constants), as a consumer would. */
async function validators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const load = async (name: string) => JSON.parse(await readFile(join(ROOT, 'schema', name), 'utf8'));
  ajv.addSchema(await load('domain-report.schema.json'));
  ajv.addSchema(await load('gated-report.schema.json'));
  const domain = ajv.getSchema('https://github.com/mailgate/mailgate/schema/domain-report.schema.json')!;
  const gated = ajv.getSchema('https://github.com/mailgate/mailgate/schema/gated-report.schema.json')!;
  return { domain, gated, ajv };
}

let reports: DomainReport[];

beforeAll(async () => {
  reports = [...(await sampleReports()), await evilReport(), await troubleReport()];
});

describe('schema/domain-report.schema.json', () => {
  it('validates real reports, as JSON text (samples, hostile records, DNS trouble)', async () => {
    const { domain, ajv } = await validators();
    for (const r of reports) {
      const json = JSON.parse(renderJson([r]));
      const ok = domain(json);
      expect(ok ? [] : ajv.errorsText(domain.errors)).toEqual([]);
      expect(json.schemaVersion).toBe(2);
    }
  });

  it('rejects reports that break the contract', async () => {
    const { domain } = await validators();
    const good = JSON.parse(renderJson([reports[1]!]));
    const broken = [
      { ...good, findings: undefined },
      { ...good, schemaVersion: 1 },
      // every record section speaks the one RecordStatus vocabulary
      { ...good, spf: { ...good.spf, status: 'ok' } },
      { ...good, dmarc: { ...good.dmarc, status: undefined } },
      { ...good, mx: { ...good.mx, status: 'hosts' } },
      { ...good, mtaSts: { ...good.mtaSts, status: 'valid' } },
      { ...good, bimi: { ...good.bimi, statusDetail: 'published' } },
      { ...good, findings: [{ id: 'spf.x', severity: 'fatal', message: 'x' }] },
      {
        ...good,
        findings: [
          { id: 'spf.x', severity: 'error', message: 'x', evidence: { source: { file: 'z', line: 0 } } },
        ],
      },
      { ...good, summary: { ...good.summary, dnsTrouble: 'no' } },
      { ...good, checkedAt: 'yesterday' },
      { ...good, extra: 'not a section' },
    ];
    for (const b of broken) expect(domain(b)).toBe(false);
  });
});

describe('schema/gated-report.schema.json', () => {
  it('validates the gated report (the Action report file)', async () => {
    const { gated, ajv } = await validators();
    const policy = parsePolicy(
      'defaults:\n  dmarc: { p: reject }\nfindings:\n  spf.lookup-limit:\n    suppress: { reason: known, expires: 2030-01-01 }\n',
    ).policy;
    const g = await gateReports(reports, policy, { resolver: sampleResolver() });
    const json = JSON.parse(renderJson(reports, { gate: g }));
    const ok = gated(json);
    expect(ok ? [] : ajv.errorsText(gated.errors)).toEqual([]);
    expect(gated({ ...json, gate: { ...json.gate, status: 'maybe' } })).toBe(false);
  });
});
