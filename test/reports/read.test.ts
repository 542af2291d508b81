import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AggregateXmlReader, parseAggregateXml } from '../../src/reports/aggregate-xml.js';
import { ReportReadError } from '../../src/reports/errors.js';
import { gunzipMembers } from '../../src/reports/gzip.js';
import { ingestReportBytes, ingestReports, MemorySink } from '../../src/reports/ingest.js';
import { parseTlsReport } from '../../src/reports/tlsrpt-json.js';

const REAL = '/work/shared/realworld/dmarc-reports';

function report(records: string, extra = '', ns = ''): string {
  return `<?xml version="1.0"?>
<feedback${ns}>
  <report_metadata><org_name>Receiver</org_name><email>r@receiver.example</email>
    <report_id>r-1</report_id><date_range><begin>1700000000</begin><end>1700086399</end></date_range>
  </report_metadata>
  <policy_published><domain>Example.COM</domain><p>none</p><sp>reject</sp><adkim>r</adkim><aspf>s</aspf><pct>100</pct></policy_published>
  ${extra}${records}
</feedback>`;
}

const ROW = `<record><row><source_ip>192.0.2.10</source_ip><count>7</count>
  <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row>
  <identifiers><envelope_from>bounce.example.com</envelope_from><header_from>example.com</header_from></identifiers>
  <auth_results><dkim><domain>example.com</domain><selector>s1</selector><result>pass</result></dkim>
  <spf><domain>bounce.example.com</domain><scope>mfrom</scope><result>softfail</result></spf></auth_results></record>`;

describe('aggregate report XML', () => {
  it('reads every field of a record (RFC 7489 Appendix C)', () => {
    const r = parseAggregateXml(report(ROW));
    expect(r.format).toBe('rfc7489');
    expect(r.metadata).toMatchObject({
      orgName: 'Receiver',
      reportId: 'r-1',
      begin: 1700000000,
      end: 1700086399,
    });
    expect(r.policy).toEqual({
      domain: 'example.com',
      p: 'none',
      sp: 'reject',
      adkim: 'r',
      aspf: 's',
      pct: 100,
    });
    expect(r.records).toEqual([
      {
        sourceIp: '192.0.2.10',
        count: 7,
        disposition: 'none',
        dkim: 'pass',
        spf: 'fail',
        reasons: [],
        headerFrom: 'example.com',
        envelopeFrom: 'bounce.example.com',
        dkimResults: [{ domain: 'example.com', selector: 's1', result: 'pass' }],
        spfResults: [{ domain: 'bounce.example.com', scope: 'mfrom', result: 'softfail' }],
      },
    ]);
    expect(r.tolerated).toEqual({ 'missing-version': 1 });
  });

  it('reads RFC 9990 with the namespace, with a prefix, and tolerates upper-case results', () => {
    const ns = ' xmlns="urn:ietf:params:xml:ns:dmarc-2.0"';
    const r = parseAggregateXml(report(ROW.replace('<dkim>pass</dkim>', '<dkim>PASS</dkim>'), '', ns));
    expect(r.format).toBe('rfc9990');
    expect(r.records[0]?.dkim).toBe('pass');
    expect(r.tolerated['upper-case-value']).toBe(1);
    const prefixed = report(ROW)
      .replace('<feedback>', '<d:feedback xmlns:d="urn:ietf:params:xml:ns:dmarc-2.0">')
      .replace('</feedback>', '</d:feedback>');
    expect(parseAggregateXml(prefixed).format).toBe('rfc9990');
  });

  it('canonicalises IPv6 and IPv4-mapped source addresses and refuses a bad one without dropping the report', () => {
    const rows = [
      ROW.replace('192.0.2.10', '2001:DB8:0:0::1'),
      ROW.replace('192.0.2.10', '::ffff:192.0.2.99'),
      ROW.replace('192.0.2.10', 'not-an-ip'),
      ROW.replace('<count>7</count>', '<count>-3</count>'),
    ].join('');
    const out: string[] = [];
    const reader = new AggregateXmlReader('x.xml', { onRecord: (r) => out.push(r.sourceIp) });
    reader.write(report(rows));
    const s = reader.end();
    expect(out).toEqual(['2001:db8::1', '192.0.2.99']);
    expect(s.refusedRecords).toBe(2);
    expect(s.refusedReasons).toEqual([
      { reason: '<source_ip> is not an IP address', count: 1, examples: ['not-an-ip'] },
      { reason: '<count> is not a whole number', count: 1, examples: ['-3'] },
    ]);
    expect(s.messages).toBe(14);
  });

  it('never expands DTD entities (no billion laughs) and never fetches external ones', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${report(ROW.replace('<header_from>example.com', '<header_from>&b;'))}`;
    expect(() => parseAggregateXml(laughs)).toThrow(/not well-formed XML: Invalid character entity/);
    const external = `<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY x SYSTEM "file:///etc/passwd">]>${report(ROW.replace('<header_from>example.com', '<header_from>&x;'))}`;
    expect(() => parseAggregateXml(external)).toThrow(ReportReadError);
    // the five predefined entities and character references are read
    const ok = parseAggregateXml(
      report(ROW.replace('<header_from>example.com', '<header_from>ex&#97;mple.com')),
    );
    expect(ok.records[0]?.headerFrom).toBe('example.com');
  });

  it('refuses what is not a report, with a typed error naming the input', () => {
    expect(() => parseAggregateXml('<html><body/></html>', 'a.xml')).toThrow(
      'a.xml: not a DMARC aggregate report',
    );
    const noId = report(ROW).replace('<report_id>r-1</report_id>', '');
    expect(() => parseAggregateXml(noId, 'b.xml')).toThrow('b.xml: the report has no <report_id>');
    expect(() => parseAggregateXml(report(ROW).slice(0, 400), 'c.xml')).toThrow(/c\.xml: /);
  });

  it('stops reading when the header is declined (a duplicate report)', () => {
    let records = 0;
    const reader = new AggregateXmlReader('x.xml', { onHeader: () => false, onRecord: () => records++ });
    reader.write(report(ROW + ROW));
    expect(reader.end().stopped).toBe(true);
    expect(records).toBe(0);
  });
});

describe('odd gzip framings', () => {
  const xml = Buffer.from(report(ROW));
  it('reads several members as one stream, and ignores junk after the last member (counted)', () => {
    const two = Buffer.concat([gzipSync(xml.subarray(0, 100)), gzipSync(xml.subarray(100))]);
    expect(gunzipMembers(two, 1e6)).toMatchObject({ members: 2, trailingBytes: 0 });
    expect(gunzipMembers(two, 1e6).data.equals(xml)).toBe(true);
    const junk = Buffer.concat([gzipSync(xml), Buffer.from('\r\n--boundary--\r\n')]);
    expect(gunzipMembers(junk, 1e6)).toMatchObject({ members: 1, trailingBytes: 16 });
  });

  it('refuses a truncated or corrupted member and a compression bomb', () => {
    const gz = gzipSync(xml);
    expect(() => gunzipMembers(gz.subarray(0, gz.length - 4), 1e6)).toThrow(/truncated/);
    const bad = Buffer.from(gz);
    bad.writeUInt32LE(bad.readUInt32LE(bad.length - 8) ^ 1, bad.length - 8);
    expect(() => gunzipMembers(bad, 1e6)).toThrow(/CRC-32/);
    expect(() => gunzipMembers(gzipSync(Buffer.alloc(1e6)), 1e5)).toThrow(/over the 100000-byte limit/);
  });

  it('ingests a gzip report with junk after it and says so', async () => {
    const sink = new MemorySink();
    const s = await ingestReportBytes('r.xml.gz', Buffer.concat([gzipSync(xml), Buffer.from('junk')]), sink);
    expect(s.aggregate.reports).toBe(1);
    expect(s.tolerated['trailing-data']).toBe(1);
    expect(sink.aggregate[0]?.input).toBe('r.xml.gz');
  });
});

describe('mbox', () => {
  it('reads every message of a mailbox, refuses the broken one by name, and goes on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-mbox-'));
    const msg = (id: string, body: string) =>
      `From dmarc@receiver.example Mon Jan  1 00:00:00 2024\nFrom: dmarc@receiver.example\nSubject: Report ${id}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/gzip\nContent-Disposition: attachment; filename="r${id}.xml.gz"\nContent-Transfer-Encoding: base64\n\n${body}\n--b--\n`;
    const gz = (id: string) => gzipSync(report(ROW).replace('r-1', id)).toString('base64');
    const mbox =
      msg('1', gz('1')) + msg('2', Buffer.from('not gzip at all').toString('base64')) + msg('3', gz('3'));
    await writeFile(join(dir, 'reports.mbox'), mbox);
    const sink = new MemorySink();
    const s = await ingestReports([dir], sink);
    expect(s.aggregate.reports).toBe(2);
    expect(sink.aggregate.map((r) => r.metadata.reportId)).toEqual(['1', '3']);
    expect(s.refused.inputs).toEqual([
      {
        input: join(dir, 'reports.mbox#2!r2.xml.gz'),
        code: 'unsupported',
        reason: expect.stringContaining('not a report'),
        count: 1,
      },
    ]);
    // the generated reports have no <version> (as RFC 7489 reporters often do): tolerated and counted
    expect(s.files).toEqual({ total: 1, read: 1, tolerated: 1, refused: 0 });
  });
});

describe('SMTP TLS reports (RFC 8460 §4)', () => {
  it('reads the RFC 8460 example', async () => {
    const { readFile } = await import('node:fs/promises');
    const r = parseTlsReport(await readFile(join(REAL, 'smtp_tls/rfc8460.json'), 'utf8'));
    expect(r.policies[0]).toMatchObject({
      policyType: 'sts',
      policyDomain: 'company-y.example',
      successful: 5326,
      failed: 303,
      mxHost: '*.mail.company-y.example',
    });
    expect(r.policies[0]?.failures.map((f) => [f.resultType, f.count, f.receivingMxHostname])).toEqual([
      ['certificate-expired', 100, 'mx1.mail.company-y.example'],
      ['starttls-not-supported', 200, 'mx2.mail.company-y.example'],
      ['validation-failure', 3, 'mx-backup.mail.company-y.example'],
    ]);
    expect(r.tolerated).toEqual({});
  });
});

describe('the real reports', () => {
  it('reads or refuses every file, counts duplicates once, and recognises failure reports', async () => {
    const sink = new MemorySink();
    const s = await ingestReports([REAL], sink);
    expect(s.files).toEqual({ total: 27, read: 23, tolerated: 11, refused: 4 });
    // nice-input.xml, .xml.gz and .xml.zip are one report (google.com, 11038226378739404135): read once
    expect(s.aggregate).toMatchObject({ reports: 13, duplicates: 2, records: 51, refusedRecords: 0 });
    expect(s.tls).toMatchObject({ reports: 3, duplicates: 0, tolerated: 1, policies: 3 });
    expect(s.failureReports).toBe(5);
    // four inputs refused, listed by reason: README.md and parsedmarc.LICENSE share one
    expect(s.refused.total).toBe(4);
    const rel = (p: string) => p.slice(REAL.length + 1);
    expect(s.refused.inputs.map((r) => [rel(r.input), r.code, r.count, (r.others ?? []).map(rel)])).toEqual([
      ['README.md', 'unsupported', 2, ['parsedmarc.LICENSE']],
      ['aggregate/invalid_xml.xml', 'xml', 1, []],
      ['empty.xml', 'empty', 1, []],
    ]);
    // sax counts lines from 0: the bad character is on line 5 of the file (`<email><bad-xml@...`), column 18
    expect(s.refused.inputs[1]?.reason).toBe(
      'not well-formed XML: Invalid character in tag name (line 5, column 18)',
    );
    expect(s.tolerated).toEqual({
      'missing-org-name': 1,
      'missing-version': 8,
      'empty-auth-domain': 2,
      'empty-reason': 1,
      'stray-text': 1,
      'unclosed-wrapper': 1,
      'tls-summary-mismatch': 1,
    });
    const google = sink.aggregate.find((r) => r.metadata.reportId === '949348866075514174');
    expect(google?.input).toMatch(/\.eml!google\.com!borschow\.com!1549929600!1550015999\.zip!/);
    expect(google?.policy.domain).toBe('borschow.com');
  });
});
