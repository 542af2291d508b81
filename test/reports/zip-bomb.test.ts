// Found by the new-user trial: a 1.5 MB zip whose 10,000 central-directory entries all point at one deflated
// 1,000 MB XML entry passed the per-entry limit 10,000 times and was inflated and parsed again each time (hours
// of CPU). Entries whose data overlap end the reading of their archive; all that one input inflates to is
// bounded by maxInflatedBytes. The zips here are small and built in the test, the budgets configured small.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestReportBytes, ingestReports, MemorySink } from '../../src/reports/ingest.js';
import { DEFAULT_UNWRAP_LIMITS } from '../../src/reports/unwrap.js';
import { runCli } from '../support/cli.js';
import { generateReports, reportMbox, zipFiles } from '../support/report-generator.js';

/** A one-record aggregate report with its id, padded with `pad` spaces (what the trial's bomb held). */
function report(id: string, pad = 0): Buffer {
  return Buffer.from(
    `<?xml version="1.0"?><feedback><report_metadata><org_name>rx.example</org_name><email>x@rx.example</email><report_id>${id}</report_id><date_range><begin>1767225600</begin><end>1767311999</end></date_range></report_metadata><policy_published><domain>mailgate-healthy.example</domain><p>none</p></policy_published><record><row><source_ip>192.0.2.40</source_ip><count>10</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>mailgate-healthy.example</header_from></identifiers><auth_results><spf><domain>mailgate-healthy.example</domain><result>pass</result></spf></auth_results></record>${' '.repeat(pad)}</feedback>`,
  );
}

/** A local file header (APPNOTE 4.3.7) for `name`. */
function localHeader(name: string, method: 0 | 8, crc: number, compressed: number, size: number): Buffer {
  const nm = Buffer.from(name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nm.length, 26);
  return Buffer.concat([h, nm]);
}

/** A central directory header (APPNOTE 4.3.12) for `name`, its local header at `offset`. */
function centralHeader(
  name: string,
  method: 0 | 8,
  crc: number,
  compressed: number,
  size: number,
  offset: number,
): Buffer {
  const nm = Buffer.from(name);
  const c = Buffer.alloc(46);
  c.writeUInt32LE(0x02014b50, 0);
  c.writeUInt16LE(20, 4);
  c.writeUInt16LE(20, 6);
  c.writeUInt16LE(method, 10);
  c.writeUInt32LE(crc, 16);
  c.writeUInt32LE(compressed, 20);
  c.writeUInt32LE(size, 24);
  c.writeUInt16LE(nm.length, 28);
  c.writeUInt32LE(offset, 42);
  return Buffer.concat([c, nm]);
}

/** A zip of the local part `body` and the central directory `central`. */
function zipOf(body: Buffer, central: Buffer[]): Buffer {
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, cd, end]);
}

/** The trial's mkoverlap.py: one deflated entry, and `n` central entries `e0.xml`... all pointing at it. */
function overlappingZip(data: Buffer, n: number): Buffer {
  const body = deflateRawSync(data);
  const crc = crc32(data);
  const local = Buffer.concat([localHeader('k.xml', 8, crc, body.length, data.length), body]);
  const central = Array.from({ length: n }, (_, i) =>
    centralHeader(`e${i}.xml`, 8, crc, body.length, data.length, 0),
  );
  return zipOf(local, central);
}

/**
 * An entry `b.xml` (a deflated report) hidden inside the data of a stored entry `a.bin`: both are well formed,
 * their ranges overlap without sharing a local header. `bFirst` lists b.xml first in the central directory.
 */
function nestedEntryZip(xml: Buffer, bFirst: boolean): Buffer {
  const deflated = deflateRawSync(xml);
  const b = Buffer.concat([localHeader('b.xml', 8, crc32(xml), deflated.length, xml.length), deflated]);
  const a = Buffer.concat([localHeader('a.bin', 0, crc32(b), b.length, b.length), b]);
  const ca = centralHeader('a.bin', 0, crc32(b), b.length, b.length, 0);
  const cb = centralHeader('b.xml', 8, crc32(xml), deflated.length, xml.length, 35);
  return zipOf(a, bFirst ? [cb, ca] : [ca, cb]);
}

describe('zip entries that share data', () => {
  it("reads the first of the trial's overlapping entries and refuses the second, ending the archive", async () => {
    const data = report('bomb', 100_000);
    const zip = overlappingZip(data, 1000);
    const sink = new MemorySink();
    const s = await ingestReportBytes('ov.zip', zip, sink);
    expect(s.aggregate.reports).toBe(1);
    expect(s.refused.total).toBe(1);
    expect(s.refused.inputs).toEqual([
      {
        input: 'ov.zip!e1.xml',
        code: 'archive',
        reason:
          'its data overlaps the data of the entry e0.xml: zip entries that share data are a zip bomb (each would be inflated again), not an archive of reports; the rest was not read',
        count: 1,
        stoppedReading: true,
      },
    ]);
  });

  it('refuses an entry inside the data of another, in either order of the central directory', async () => {
    const xml = report('inner');
    const first = await ingestReportBytes('n.zip', nestedEntryZip(xml, true), new MemorySink());
    expect(first.aggregate.reports).toBe(1); // b.xml, then a.bin refused
    expect(first.refused.inputs.map((r) => [r.input, r.reason.slice(0, 50), r.stoppedReading])).toEqual([
      ['n.zip!a.bin', 'its data overlaps the data of the entry b.xml: zip', true],
    ]);
    const second = await ingestReportBytes('n.zip', nestedEntryZip(xml, false), new MemorySink());
    expect(second.aggregate.reports).toBe(0); // a.bin holds b.xml's local header alone, and b.xml is refused
    expect(second.refused.inputs.map((r) => [r.input, r.code])).toEqual([
      ['n.zip!b.xml', 'archive'],
      ['n.zip!a.bin', 'archive'],
    ]);
    expect(second.refused.inputs[1]!.reason).toMatch(
      /^not a readable zip archive \(End of central directory/,
    );
    expect(second.refused.inputs[0]!.reason).toMatch(/^its data overlaps the data of the entry a\.bin: /);
  });

  it('reads a zip whose entries are all apart, every entry (no false refusal)', async () => {
    const zip = zipFiles([0, 1, 2, 3].map((i) => ({ name: `r${i}.xml`, data: report(`r${i}`) })));
    const s = await ingestReportBytes('ok.zip', zip, new MemorySink());
    expect(s.aggregate.reports).toBe(4);
    expect(s.refused.total).toBe(0);
  });

  it('mailgate rua summary names the refusal (exit 0, the first entry read)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-zipbomb-'));
    const file = join(dir, 'ov.zip');
    await writeFile(file, overlappingZip(report('bomb', 1000), 50));
    const r = await runCli(['rua', 'summary', '--no-db', file]);
    expect(r.stdout).toContain(
      `${file}!e1.xml: its data overlaps the data of the entry e0.xml: zip entries that share data are a zip bomb`,
    );
  });
});

describe('all that one input inflates to (maxInflatedBytes)', () => {
  it('is 4 GiB by default', () => {
    expect(DEFAULT_UNWRAP_LIMITS.maxInflatedBytes).toBe(4 * 1024 * 1024 * 1024);
  });

  it('ends the reading of an archive at the entry that crosses it', async () => {
    const reports = [0, 1, 2].map((i) => report(`r${i}`));
    const size = reports[0]!.length;
    const zip = zipFiles(reports.map((data, i) => ({ name: `r${i}.xml`, data })));
    // room for two entries and a half
    const s = await ingestReportBytes('three.zip', zip, new MemorySink(), {
      maxInflatedBytes: Math.floor(2.5 * size),
    });
    expect(s.aggregate.reports).toBe(2);
    expect(s.refused.inputs).toEqual([
      {
        input: 'three.zip!r2.xml',
        code: 'too-large',
        reason: `the input inflates to more than ${Math.floor(2.5 * size).toLocaleString('en-US')} bytes in all (maxInflatedBytes: the bound on what one input decompresses to, all its zip entries and gzip data together, nested ones too); the rest of the input was not read`,
        count: 1,
        stoppedReading: true,
      },
    ]);
    // exactly the three entries' bytes: all read
    const all = await ingestReportBytes('three.zip', zip, new MemorySink(), { maxInflatedBytes: 3 * size });
    expect(all.aggregate.reports).toBe(3);
  });

  it('counts nested containers together: a gzip inside a zip is its zip entry and its inflated document', async () => {
    const xml = report('nested');
    const gz = gzipSync(xml);
    const zip = zipFiles([{ name: 'r.xml.gz', data: gz }]);
    const enough = await ingestReportBytes('n.zip', zip, new MemorySink(), {
      maxInflatedBytes: gz.length + xml.length,
    });
    expect(enough.aggregate.reports).toBe(1);
    const short = await ingestReportBytes('n.zip', zip, new MemorySink(), {
      maxInflatedBytes: gz.length + xml.length - 1,
    });
    expect(short.aggregate.reports).toBe(0);
    expect(short.refused.inputs.map((r) => [r.input, r.code, r.stoppedReading])).toEqual([
      ['n.zip!r.xml.gz', 'too-large', true],
    ]);
  });

  it('bounds one gzip file and one mbox as a whole (the files given to rua and the Action)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-inflate-'));
    const xml = report('gz', 5000);
    await writeFile(join(dir, 'r.xml.gz'), gzipSync(xml));
    const one = await ingestReports([join(dir, 'r.xml.gz')], new MemorySink(), {
      maxInflatedBytes: xml.length - 1,
    });
    expect(one.aggregate.reports).toBe(0);
    expect(one.refused.inputs.map((r) => [r.input, r.code, r.stoppedReading])).toEqual([
      [join(dir, 'r.xml.gz'), 'too-large', true],
    ]);
    // an mbox of three messages with gzip attachments: the budget is the mailbox's, not each message's
    const reports = generateReports({ reports: 3, rowsPerReport: 2, seed: 7 });
    const sizes = reports.map((r) => Buffer.byteLength(r.xml));
    await writeFile(join(dir, 'in.mbox'), reportMbox(reports));
    const mbox = await ingestReports([join(dir, 'in.mbox')], new MemorySink(), {
      maxInflatedBytes: sizes[0]! + sizes[1]!,
    });
    expect(mbox.aggregate.reports).toBe(2);
    expect(mbox.refused.inputs.map((r) => [r.input, r.code, r.stoppedReading])).toEqual([
      [`${join(dir, 'in.mbox')}#3!${reports[2]!.fileName}.gz`, 'too-large', true],
    ]);
  });
});
