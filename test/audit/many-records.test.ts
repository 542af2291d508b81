/**
 * One name with thousands of TXT records (issue 10 §2: 100k records at `_dmarc` made `audit` use 1.1 to 1.45 GB
 * and write a 277 MB report; at a DKIM selector 1.15 GB, 26 s and a 206 MB report): the DMARC lookup and the DKIM
 * selector audit keep the first 20 records and count the rest, and the findings say how many were left out.
 * Checked by counting, not by timing or memory.
 */
import { describe, expect, it } from 'vitest';
import { auditDkim, MAX_KEY_RECORDS } from '../../src/dkim/audit.js';
import { auditDmarc } from '../../src/dmarc/audit.js';
import { lookupDmarcRecord, MAX_KEPT_RECORDS } from '../../src/dmarc/discovery.js';
import { zones } from '../support/resolvers.js';

const N = 5000;
const many = (prefix: string) =>
  Array.from({ length: N }, (_, i) => `_dmarc TXT "${prefix}; p=none; rua=mailto:r${i}@example.com"`).join(
    '\n',
  );

describe('a _dmarc name with thousands of TXT records', () => {
  it('several v=DMARC1 records: the first 20 are kept and listed, the rest counted', async () => {
    const resolver = zones({ 'example.com': many('v=DMARC1') });
    const l = await lookupDmarcRecord(resolver, 'example.com');
    expect(l).toMatchObject({ outcome: 'multiple', recordCount: N });
    expect(l.records).toHaveLength(MAX_KEPT_RECORDS);
    expect(l.records?.[19]?.text).toBe('v=DMARC1; p=none; rua=mailto:r19@example.com');
    expect(l.source).toHaveLength(MAX_KEPT_RECORDS);
    expect(l.source?.[0]?.line).toBe(1);

    const a = await auditDmarc('example.com', { resolver });
    const multiple = a.findings.filter((f) => f.id === 'dmarc.multiple-records');
    expect(multiple).toHaveLength(1);
    expect(multiple[0]?.message).toBe(`${N} DMARC records at _dmarc.example.com; receivers discard them all`);
    expect(multiple[0]?.evidence?.details).toMatchObject({ omitted: N - MAX_KEPT_RECORDS });
    expect((multiple[0]?.evidence?.details as { records?: string[] } | undefined)?.records).toHaveLength(
      MAX_KEPT_RECORDS,
    );
    // the report stays small: both Tree Walks (RFC 9989 and the RFC 7489 comparison) keep 20 records
    expect(JSON.stringify(a).length).toBeLessThan(200_000);
  });

  it('records that are not DMARC records: 20 findings, then one saying how many more were ignored', async () => {
    const resolver = zones({ 'example.com': many('x=DMARC1') });
    const l = await lookupDmarcRecord(resolver, 'example.com');
    expect(l).toMatchObject({ outcome: 'none', otherTxtCount: N });
    expect(l.otherTxt).toHaveLength(MAX_KEPT_RECORDS);
    expect(l.ignored).toHaveLength(MAX_KEPT_RECORDS);

    const a = await auditDmarc('example.com', { resolver });
    const ignored = a.findings.filter((f) => f.id === 'dmarc.record-ignored');
    expect(ignored).toHaveLength(MAX_KEPT_RECORDS + 1);
    expect(ignored[0]?.evidence?.source?.line).toBe(1);
    expect(ignored.at(-1)?.message).toBe(
      `${N - MAX_KEPT_RECORDS} more TXT records at _dmarc.example.com (not listed one by one) are not DMARC records and are ignored; no DMARC policy applies to example.com`,
    );
    expect(ignored.at(-1)?.evidence?.details).toEqual({
      omitted: N - MAX_KEPT_RECORDS,
      listed: MAX_KEPT_RECORDS,
    });
    expect(JSON.stringify(a).length).toBeLessThan(200_000);
  });

  it('up to 20 records are all listed, as before', async () => {
    const resolver = zones({
      'example.com':
        '_dmarc TXT "v=DMARC1; p=none"\n_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "v=spf1 -all"',
    });
    const l = await lookupDmarcRecord(resolver, 'example.com');
    expect(l).toMatchObject({
      outcome: 'multiple',
      recordCount: 2,
      otherTxt: ['v=spf1 -all'],
      otherTxtCount: 1,
    });
    const a = await auditDmarc('example.com', { resolver });
    const multiple = a.findings.find((f) => f.id === 'dmarc.multiple-records');
    expect(multiple?.evidence?.details).toEqual({ records: ['v=DMARC1; p=none', 'v=DMARC1; p=reject'] });
  });
});

describe('a DKIM selector with thousands of TXT records', () => {
  it('parses and judges the first 20, counts the rest, and says so in dkim.multiple-key-records', async () => {
    const records = Array.from({ length: N }, (_, i) => `s1._domainkey TXT "v=DKIM1; k=rsa; p=bad${i}"`);
    const resolver = zones({ 'example.com': records.join('\n') });
    const a = await auditDkim('example.com', { resolver, selectors: ['s1'] });
    const s1 = a.selectors[0]!;
    expect(s1.records).toHaveLength(MAX_KEY_RECORDS);
    expect(s1.recordCount).toBe(N);
    const multiple = a.findings.filter((f) => f.id === 'dkim.multiple-key-records');
    expect(multiple.map((f) => f.message)).toEqual([
      `${N} TXT records at s1._domainkey.example.com; verifiers use one of them unpredictably.`,
    ]);
    expect(multiple[0]?.evidence?.details).toMatchObject({ omitted: N - MAX_KEY_RECORDS });
    // findings for the records judged only, not one per record
    expect(a.findings.length).toBeLessThan(3 * MAX_KEY_RECORDS);
    expect(JSON.stringify(a).length).toBeLessThan(200_000);
  });
});
