import { describe, expect, it } from 'vitest';
import type { AuditOptions } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import {
  BatchMergeError,
  type BatchReport,
  buildBatchReport,
  mergeBatchReports,
  parseBatchReport,
  reportOutcome,
} from '../../src/audit/batch-report.js';
import { parseDomainList, parseShard, shardSlice } from '../../src/audit/domain-list.js';
import { renderBatchCsv } from '../../src/report/batch-csv.js';
import { renderBatchMarkdown } from '../../src/report/batch-markdown.js';
import { renderBatchReport } from '../../src/report/batch-render.js';
import { renderBatchSummary } from '../../src/report/batch-summary.js';
import { bulkZones } from './bulk-zones.js';
import { zonesResolver } from './loopback.js';

const NOW = () => new Date('2026-01-15T12:00:00Z');
const AUDIT: Pick<AuditOptions, 'selectors' | 'now' | 'checks'> = {
  selectors: ['s1'],
  now: NOW,
  checks: { https: false },
};

describe('domain lists and shards', () => {
  it('parses one domain a line with # comments', () => {
    const { domains, errors } = parseDomainList(
      '# portfolio\nexample.com\n\n  Example.ORG  # trailing comment\r\nbücher.example\nnot a domain\nlocalhost\nfoo..bar\n',
    );
    expect(domains).toEqual([
      { domain: 'example.com', line: 2 },
      { domain: 'Example.ORG', line: 4 },
      { domain: 'bücher.example', line: 5 },
    ]);
    expect(errors).toEqual([
      { line: 6, text: 'not a domain', message: 'one domain a line expected' },
      { line: 7, text: 'localhost', message: 'not a valid domain name' },
      { line: 8, text: 'foo..bar', message: 'not a valid domain name' },
    ]);
  });

  it('parses i/n (1-based) and rejects the rest', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/4', '1.5/4']) expect(parseShard(bad)).toBeNull();
  });

  it('slices round-robin: every item in exactly one shard, sizes within one', () => {
    const items = Array.from({ length: 23 }, (_, i) => `d${i}`);
    const slices = [1, 2, 3, 4, 5].map((index) => shardSlice(items, { index, count: 5 }));
    expect(slices[0]!.map((s) => s.index)).toEqual([0, 5, 10, 15, 20]);
    expect(slices[4]!.map((s) => s.item)).toEqual(['d4', 'd9', 'd14', 'd19']);
    const all = slices
      .flat()
      .map((s) => s.index)
      .sort((a, b) => a - b);
    expect(all).toEqual(items.map((_, i) => i));
    const sizes = slices.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(shardSlice(items, { index: 2, count: 5 })).toEqual(shardSlice(items, { index: 2, count: 5 }));
  });
});

describe('batch reports: summary, merge, renderers', () => {
  const { domains, zones } = bulkZones(12);
  const resolver = () => zonesResolver(...zones);

  it('summarises outcomes and the most common findings', async () => {
    const result = await auditDomains(domains, { resolver: resolver(), ...AUDIT });
    const report = buildBatchReport(result, { failOn: 'error' });
    const s = report.summary;
    expect(s.domains).toBe(12);
    expect(s.passing + s.failing + s.undetermined + s.errored).toBe(12);
    expect(report.entries.map((e) => e.outcome)).toEqual(
      result.entries.map((e) => reportOutcome(e.report!, 'error')),
    );
    // the DKIM key is 1024 bits in every domain: the most widespread finding
    expect(s.findings[0]).toMatchObject({ domains: 12 });
    const counts = s.findings.map((f) => f.domains);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(report.dns).toEqual(result.dns);
    const never = buildBatchReport(result, { failOn: 'never' });
    expect(never.summary.failing).toBe(0);
  });

  it('merges shard reports back into the whole-list report', async () => {
    const whole = buildBatchReport(await auditDomains(domains, { resolver: resolver(), ...AUDIT }), {
      total: 12,
    });
    const shards: BatchReport[] = [];
    for (const index of [3, 1, 2]) {
      const slice = shardSlice(domains, { index, count: 3 });
      const r = await auditDomains(
        slice.map((s) => s.item),
        { resolver: resolver(), ...AUDIT, indexes: slice.map((s) => s.index) },
      );
      // round-trip through JSON, as the CLI does
      shards.push(
        parseBatchReport(
          JSON.parse(JSON.stringify(buildBatchReport(r, { total: 12, shard: { index, count: 3 } }))),
          `s${index}`,
        ),
      );
    }
    const merged = mergeBatchReports(shards);
    expect(merged.entries).toEqual(whole.entries);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.mergedShards).toEqual([
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
    expect(merged.dns.queries).toBe(shards.reduce((n, s) => n + s.dns.queries, 0));

    expect(() => mergeBatchReports(shards.slice(0, 2))).toThrow(/missing shard\(s\) 2\/3/);
    expect(mergeBatchReports(shards.slice(0, 2), { allowPartial: true }).entries).toHaveLength(8);
    expect(() => mergeBatchReports([shards[0]!, shards[0]!])).toThrow(/appears twice/);
    expect(() => mergeBatchReports([shards[0]!, { ...shards[1]!, total: 13 }])).toThrow(/different lists/);
    expect(() => mergeBatchReports([whole, shards[0]!])).toThrow(BatchMergeError);
    expect(() => parseBatchReport([whole.entries[0]!.report], 'x.json')).toThrow(
      /not a mailgate batch report/,
    );
  });

  it('renders CSV, Markdown and the text summary, escaping DNS text', async () => {
    const result = await auditDomains(domains.slice(0, 3), { resolver: resolver(), ...AUDIT });
    const report = buildBatchReport(result);
    // A hostile domain label and finding id as they could come from DNS data.
    const evil = structuredClone(report);
    evil.entries[0]!.report!.domain = '=HYPERLINK("http://x")';
    evil.entries[0]!.report!.findings[0]!.id = 'x.|evil*';
    evil.summary.findings[0]!.id = 'x.\u001b[31mred';

    const csv = renderBatchCsv(evil).split('\r\n');
    expect(csv[0]).toBe(
      'index,domain,outcome,errors,warnings,infos,dns_trouble,mx,mta_sts,mta_sts_mode,tls_rpt,bimi,dns_queries,finding_ids,error',
    );
    expect(csv).toHaveLength(5); // header, 3 rows, final empty line
    expect(csv[1]).toMatch(/^0,"'=HYPERLINK\(""http:\/\/x""\)",/);
    expect(csv[2]).toMatch(/^1,d1\.bulk\.test,(pass|fail|undetermined),/);

    const md = renderBatchMarkdown(evil);
    expect(md).toContain('| outcome | domains |');
    expect(md).toContain('\\=HYPERLINK\\(&quot;http\\://x&quot;\\)');
    expect(md).not.toContain('\u001b');

    const text = renderBatchSummary(evil);
    expect(text.split('\n')[0]).toBe('Batch summary: 3 domains (fail on error)');
    expect(text).toContain(
      `DNS: ${report.dns.queries} queries sent, ${report.dns.cacheHits} answered from the cache`,
    );
    expect(text).toContain('x.\\x1b[31mred');
    expect(text).not.toContain('\u001b');
    expect(JSON.parse(renderBatchReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(() => renderBatchReport(report, 'xml')).toThrow(RangeError);
  });
});
