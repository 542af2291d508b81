import { describe, expect, it } from 'vitest';
import type { AuditOptions } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import {
  BatchMergeError,
  type BatchReport,
  buildBatchReport,
  formatShards,
  mergeBatchReports,
  parseBatchReport,
  reportOutcome,
  shardPositions,
} from '../../src/audit/batch-report.js';
import { parseDomainList, parseShard, shardSlice, uniqueDomains } from '../../src/audit/domain-list.js';
import { renderBatchCsv } from '../../src/report/batch-csv.js';
import { renderBatchMarkdown } from '../../src/report/batch-markdown.js';
import { renderBatchReport } from '../../src/report/batch-render.js';
import { renderBatchSummary } from '../../src/report/batch-summary.js';
import { originZones } from '../support/resolvers.js';
import { bulkZones } from './bulk-zones.js';

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

  it('drops a domain listed again (after normalisation), keeping the first, and says which lines', () => {
    const list = parseDomainList(
      'acme.test\nexample.org\nACME.TEST\nacme.test.  # trailing dot\nbücher.example\nxn--bcher-kva.example\nexample.org\n',
    );
    expect(list.domains).toEqual([
      { domain: 'acme.test', line: 1 },
      { domain: 'example.org', line: 2 },
      { domain: 'bücher.example', line: 5 },
    ]);
    expect(list.duplicates).toEqual([
      { line: 3, text: 'ACME.TEST', firstLine: 1 },
      { line: 4, text: 'acme.test.', firstLine: 1 },
      { line: 6, text: 'xn--bcher-kva.example', firstLine: 5 },
      { line: 7, text: 'example.org', firstLine: 2 },
    ]);
    expect(list.errors).toEqual([]);
    expect(parseDomainList('a.example\nb.example\n').duplicates).toEqual([]);
    // The same rule for lists that are not files (the Action's domains input, a policy's domains).
    expect(
      uniqueDomains(['acme.test', 'ACME.TEST', 'b.example', 'acme.test.', 'not a name', 'not a name']),
    ).toEqual({
      domains: ['acme.test', 'b.example', 'not a name'],
      duplicates: ['ACME.TEST', 'acme.test.', 'not a name'],
    });
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
  const resolver = () => originZones(...zones);

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

    expect(merged.missing).toBeUndefined();
    expect(() => mergeBatchReports(shards.slice(0, 2))).toThrow(/missing shard\(s\) 2\/3/);
    // shards = [3/3, 1/3, 2/3]: without 2/3, input positions 1, 4, 7, 10 are missing.
    const partial = mergeBatchReports(shards.slice(0, 2), { allowPartial: true });
    expect(partial.entries).toHaveLength(8);
    expect(partial.missing).toEqual({ shards: [{ index: 2, count: 3 }], domains: 4 });
    expect(shardPositions({ index: 2, count: 3 }, 12)).toEqual([1, 4, 7, 10]);
    expect(formatShards(partial.missing!.shards)).toBe('2/3');
    // Merging the partial report with the missing shard completes it.
    const completed = mergeBatchReports([partial, shards[2]!]);
    expect(completed.missing).toBeUndefined();
    expect(completed.entries).toEqual(whole.entries);
    expect(() => mergeBatchReports([shards[0]!, shards[0]!])).toThrow(/appears twice/);
    expect(() => mergeBatchReports([shards[0]!, { ...shards[1]!, total: 13 }])).toThrow(/different lists/);
    expect(() => mergeBatchReports([whole, shards[0]!])).toThrow(BatchMergeError);
    expect(() => parseBatchReport([whole.entries[0]!.report], 'x.json')).toThrow(
      /not a mailgate batch report/,
    );
    const json = (r: BatchReport) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    expect(() => parseBatchReport({ ...json(shards[0]!), total: 1e12 }, 'big.json')).toThrow(
      /big\.json has an invalid total/,
    );
    expect(() => parseBatchReport({ ...json(shards[0]!), total: 2 }, 'small.json')).toThrow(/invalid total/);
    expect(() => parseBatchReport({ ...json(shards[0]!), shard: { index: 4, count: 3 } }, 's.json')).toThrow(
      /invalid shard/,
    );
    expect(() => parseBatchReport({ ...json(shards[0]!), failOn: 'sometimes' }, 'f.json')).toThrow(
      /f\.json has no valid failOn level/,
    );
  });

  it("merges at the shards' own failing level, or at failOn when given", async () => {
    const shards: BatchReport[] = [];
    for (const [index, failOn] of [
      [1, 'warning'],
      [2, 'warning'],
    ] as const) {
      const slice = shardSlice(domains, { index, count: 2 });
      const r = await auditDomains(
        slice.map((s) => s.item),
        { resolver: resolver(), ...AUDIT, indexes: slice.map((s) => s.index) },
      );
      shards.push(buildBatchReport(r, { total: 12, shard: { index, count: 2 }, failOn }));
    }
    const merged = mergeBatchReports(shards);
    expect(merged.failOn).toBe('warning');
    // Every domain has a 1024-bit DKIM key (a warning): all fail at the shards' level, as each shard said.
    expect(merged.summary.failing).toBe(12);
    expect(merged.summary.failing).toBe(shards[0]!.summary.failing + shards[1]!.summary.failing);
    expect(mergeBatchReports(shards, { failOn: 'never' }).summary.failing).toBe(0);
    // Shards audited at different levels: the strictest wins.
    const mixed = mergeBatchReports([shards[0]!, { ...shards[1]!, failOn: 'error' }]);
    expect(mixed.failOn).toBe('warning');
    const lax = mergeBatchReports([
      { ...shards[0]!, failOn: 'never' },
      { ...shards[1]!, failOn: 'error' },
    ]);
    expect(lax.failOn).toBe('error');
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
