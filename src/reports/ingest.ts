/**
 * Ingestion: files → containers → documents → reports → a {@link ReportSink} (the store, or memory), with
 * counts of everything read, tolerated, skipped as a duplicate and refused. One bad file, attachment or
 * message is refused with a {@link ReportReadError} naming it, and the run goes on.
 *
 * @module
 */

import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import {
  type AggregateHeader,
  type AggregateReadSummary,
  AggregateXmlReader,
  RECORD_REFUSAL_EXAMPLES,
  type RecordRefusal,
} from './aggregate-xml.js';
import { ReportReadError, type ReportReadErrorCode } from './errors.js';
import { findReportFiles, type ReportFile } from './inputs.js';
import { MAX_HELD_MESSAGES } from './limits.js';
import { parseTlsReport } from './tlsrpt-json.js';
import type {
  AggregateRecord,
  FailureReportInfo,
  TlsReport,
  ToleranceCounts,
  ToleranceKind,
} from './types.js';
import { type UnwrapLimits, type Unwrapped, unwrapBytes, unwrapFile } from './unwrap.js';

/** Receives one aggregate report's records; the report is kept only when `commit` is called. */
export interface AggregateWriter {
  record(record: AggregateRecord): void;
  commit(summary: AggregateReadSummary): void;
  abort(): void;
}

/** Where ingested reports go. Implementations: the SQLite store (`ReportStore`) and {@link MemorySink}. */
export interface ReportSink {
  /**
   * Starts an aggregate report. Returns `null` when the report is already held (same reporter and report id):
   * it is then skipped as a duplicate.
   */
  beginAggregate(header: AggregateHeader, input: string): AggregateWriter | null;
  /** Adds a TLS report; `false` when it is already held (same organisation and report id). */
  addTlsReport(report: TlsReport, input: string): boolean;
  /** Counts a failure report (not analysed). */
  addFailureReport(info: FailureReportInfo, input: string): void;
}

/** Progress of an ingest, for progress bars. */
export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  /** Bytes of input files finished (file sizes, compressed). */
  bytesDone: number;
  bytesTotal: number;
  /** Aggregate records read so far. */
  records: number;
  /** The file being read. */
  current?: string;
}

/** Options of {@link ingestReports}. */
export interface IngestOptions extends UnwrapLimits {
  /** Called after each file (and at most every 2,000 records within a file). */
  onProgress?: (p: IngestProgress) => void;
  /** Called for each refused input as it happens (the summary lists them too). */
  onRefused?: (error: ReportReadError) => void;
  /** At most this many distinct refusal reasons are listed in the summary (all are counted; default 1,000). */
  maxListedRefusals?: number;
  /**
   * The clock, seconds since the epoch (default: now). A report whose period ends more than
   * {@link FUTURE_SLACK_SECONDS} after it is refused.
   */
  now?: () => number;
}

/**
 * How far past the time of ingest a report period may end, in seconds (one day: a reporter's clock, or a period
 * that ends at midnight in a time zone ahead of the ingesting machine's). A report that ends later than that
 * covers time that has not happened: its clock is wrong or it is forged. Refused (`invalid-report`), it cannot
 * become "the latest report", which anchors `--since Nd` and the published policy shown.
 */
export const FUTURE_SLACK_SECONDS = 86_400;

/**
 * Refuses a report period that ends more than {@link FUTURE_SLACK_SECONDS} after `now`.
 * @param end the period's end, seconds since the epoch (already checked by `checkReportPeriod`).
 * @param now the time of ingest, seconds since the epoch.
 * @throws {@link ReportReadError} `invalid-report` naming both times.
 */
export function refuseFuturePeriod(input: string, end: number, now: number): void {
  if (end <= now + FUTURE_SLACK_SECONDS) return;
  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  throw new ReportReadError(
    input,
    'invalid-report',
    `the report period ends ${iso(end)}, more than a day after the time of ingest (${iso(now)}): a report cannot cover the future (a wrong clock, or forged)`,
  );
}

/** Record refusals of an ingest, by reason, with the first input that had each. */
export interface RecordRefusalSeen extends RecordRefusal {
  /** The first input with a record refused for this reason. */
  input: string;
}

/**
 * One refusal reason in {@link IngestSummary}: an input, or a group of inputs refused for the same code and
 * reason (10,000 empty entries of one zip are one entry with `count` 10,000, not 10,000 lines).
 */
export interface RefusedInput {
  /** The input refused (the first one, when `count` is over 1). */
  input: string;
  code: ReportReadErrorCode;
  reason: string;
  /** How many inputs were refused with this code and reason (1 for an input alone). */
  count: number;
  /** The next inputs refused for the same reason, after `input` (at most 4). */
  others?: string[];
  /** True when the refusal ended the reading of an archive (what came after it was not read); listed first. */
  stoppedReading?: boolean;
}

/** How many further inputs a grouped {@link RefusedInput} names in `others`. */
const REFUSAL_EXAMPLES = 4;

/**
 * One line for a listed refusal (untrusted text: escape it for the output): `a.xml: reason`, or for a group
 * `10,000 inputs: reason (a!e0.txt, a!e1.txt, …)`.
 */
export function refusalText(r: RefusedInput): string {
  if (r.count <= 1) return `${r.input}: ${r.reason}`;
  const names = [r.input, ...(r.others ?? [])];
  const more = r.count > names.length ? ', …' : '';
  return `${r.count.toLocaleString('en-US')} inputs: ${r.reason} (${names.join(', ')}${more})`;
}

/**
 * One line for the records refused for one reason (untrusted text: escape it for the output):
 * `<count> is over 4,294,967,295 (not a plausible count), e.g. "999999999999999" (first in c15.xml)`.
 */
export function recordRefusalText(r: RecordRefusalSeen): string {
  const examples = r.examples.map((x) => JSON.stringify(x)).join(', ');
  return `${r.reason}${examples ? `, e.g. ${examples}` : ''} (first in ${r.input})`;
}

/** Refused inputs counted in `refused.total` but in no listed entry (past `maxListedRefusals` reasons). */
export function unlistedRefusals(refused: IngestSummary['refused']): number {
  return refused.total - refused.inputs.reduce((n, r) => n + r.count, 0);
}

/**
 * What an ingest did. Every file is read or refused; every document is a new report, a duplicate, a failure
 * report or refused; every record is read or refused. `tolerated` counts the deviations accepted.
 */
export interface IngestSummary {
  files: {
    total: number;
    /** Files from which at least one report was read (new or duplicate) or a failure report recognised. */
    read: number;
    /** Files that needed a tolerance. */
    tolerated: number;
    /** Files from which nothing could be read (each has at least one refusal). */
    refused: number;
  };
  aggregate: {
    /** New reports kept. */
    reports: number;
    /** Reports skipped because the same reporter and report id were already held. */
    duplicates: number;
    /** New reports that needed a tolerance. */
    tolerated: number;
    /** Records read from new reports. */
    records: number;
    /** Of those, records that needed a tolerance. */
    toleratedRecords: number;
    /** Records refused (bad source IP or count, an over-long field); their report was kept without them. */
    refusedRecords: number;
    /** Why records were refused: one entry per reason, counted, with a few examples (all reasons are listed). */
    refusedReasons: RecordRefusalSeen[];
    /** Messages in the records read (sum of `<count>`). */
    messages: number;
  };
  tls: { reports: number; duplicates: number; tolerated: number; policies: number };
  /** Failure (ruf) reports recognised and counted, not analysed. */
  failureReports: number;
  /**
   * Inputs refused (files, archive members, messages), per code, and listed by reason: the refusals that ended
   * the reading of an archive first, then the others in the order met, one entry per distinct code and reason
   * (at most `maxListedRefusals` entries; the inputs past them are in `total` only).
   */
  refused: { total: number; byCode: Partial<Record<ReportReadErrorCode, number>>; inputs: RefusedInput[] };
  /** Deviations accepted, by kind (see `TOLERANCE_TEXT`). */
  tolerated: ToleranceCounts;
}

/** A fresh, zeroed {@link IngestSummary}. */
export function emptyIngestSummary(): IngestSummary {
  return {
    files: { total: 0, read: 0, tolerated: 0, refused: 0 },
    aggregate: {
      reports: 0,
      duplicates: 0,
      tolerated: 0,
      records: 0,
      toleratedRecords: 0,
      refusedRecords: 0,
      refusedReasons: [],
      messages: 0,
    },
    tls: { reports: 0, duplicates: 0, tolerated: 0, policies: 0 },
    failureReports: 0,
    refused: { total: 0, byCode: {}, inputs: [] },
    tolerated: {},
  };
}

function addTolerances(into: ToleranceCounts, from: ToleranceCounts | readonly ToleranceKind[]): number {
  let n = 0;
  const entries: [ToleranceKind, number][] = Array.isArray(from)
    ? (from as ToleranceKind[]).map((k) => [k, 1])
    : (Object.entries(from) as [ToleranceKind, number][]);
  for (const [k, v] of entries) {
    into[k] = (into[k] ?? 0) + v;
    n += v;
  }
  return n;
}

/** The text encoding an XML declaration names, when it is not UTF-8 (e.g. ISO-8859-1). */
function xmlEncoding(head: Uint8Array): string {
  const text = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    text.replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, ''),
  );
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'utf-8';
  }
}

/**
 * A streaming decoder for an encoding: node:string_decoder for UTF-8 (the common case, and the fastest), else
 * the WHATWG TextDecoder (ISO-8859-1, windows-1252...). Both keep a character split across chunks whole.
 */
function textDecoder(label: string): { write(chunk: Uint8Array): string; end(): string } {
  if (label === 'utf-8' || label === 'utf8') {
    const d = new StringDecoder('utf8');
    return { write: (c) => d.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength)), end: () => d.end() };
  }
  const d = new TextDecoder(label);
  return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
}

/** The UTF-8 bytes of U+FFFD (EF BF BD): a replacement character the document itself holds. */
const FFFD_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

/** How many times `needle` occurs in `haystack` (non-overlapping; `indexOf` in a loop, linear). */
function occurrences(haystack: Buffer | string, needle: Buffer | string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle as string); at >= 0; at = haystack.indexOf(needle as string, at + 1))
    n++;
  return n;
}

/**
 * Counts the bytes a UTF-8 decoder replaced with U+FFFD because they are not UTF-8: the U+FFFD in its output
 * less the ones the input spelled out itself (the bytes EF BF BD, also across chunk boundaries).
 */
export class Utf8ReplacementCounter {
  #decoded = 0;
  #literal = 0;
  /** The last two bytes of the previous chunk (a literal EF BF BD may straddle two chunks). */
  #tail: Buffer = Buffer.alloc(0);

  /** Feeds input bytes. */
  bytes(chunk: Uint8Array): void {
    const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#tail.length > 0)
      this.#literal += occurrences(Buffer.concat([this.#tail, b.subarray(0, 2)]), FFFD_BYTES);
    this.#literal += occurrences(b, FFFD_BYTES);
    this.#tail = Buffer.from(b.subarray(Math.max(0, b.length - 2)));
  }

  /** Feeds the decoder's output for those bytes. */
  text(decoded: string): void {
    this.#decoded += occurrences(decoded, '\uFFFD');
  }

  /** Invalid byte sequences replaced so far. */
  get replaced(): number {
    return Math.max(0, this.#decoded - this.#literal);
  }
}

/** State for one file: did anything come out of it. */
interface FileState {
  read: boolean;
  tolerated: boolean;
  refused: boolean;
}

/**
 * Reads report files into a sink.
 *
 * @param names files, directories and glob patterns (see `findReportFiles`).
 * @param sink where reports go (the store, or a {@link MemorySink}).
 * @returns the counts; never throws for bad input (each bad input is a refusal in the summary).
 * @throws only what the sink throws (e.g. a store that cannot be written).
 */
export async function ingestReports(
  names: readonly string[],
  sink: ReportSink,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const summary = emptyIngestSummary();
  const { files, errors } = await findReportFiles(names);
  const refuse = (e: ReportReadError) => recordRefusal(summary, e, options);
  for (const e of errors) {
    summary.files.total++;
    summary.files.refused++;
    refuse(e);
  }
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal,
    records: 0,
  };
  for (const file of files) {
    progress.current = file.path;
    await ingestFile(file, sink, summary, options, progress);
    progress.filesDone++;
    progress.bytesDone += file.size;
    options.onProgress?.({ ...progress });
  }
  return summary;
}

/**
 * Reads report bytes held in memory (an attachment, a downloaded file) into a sink.
 * @param name the name used in the summary and errors.
 */
export async function ingestReportBytes(
  name: string,
  bytes: Uint8Array,
  sink: ReportSink,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const summary = emptyIngestSummary();
  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: 1,
    bytesDone: 0,
    bytesTotal: bytes.length,
    records: 0,
  };
  await ingestItems(name, unwrapBytes(name, bytes, options), sink, summary, options, progress);
  return summary;
}

/** The listed refusals of a summary by code and reason, to group repeats (kept out of the JSON summary). */
const refusalGroups = new WeakMap<IngestSummary, Map<string, RefusedInput>>();

function recordRefusal(summary: IngestSummary, e: ReportReadError, options: IngestOptions): void {
  const refused = summary.refused;
  refused.total++;
  refused.byCode[e.code] = (refused.byCode[e.code] ?? 0) + 1;
  options.onRefused?.(e);
  let groups = refusalGroups.get(summary);
  if (!groups) {
    groups = new Map();
    refusalGroups.set(summary, groups);
  }
  const key = `${e.stopsReading ? 's' : 'n'}\u0000${e.code}\u0000${e.reason}`;
  const group = groups.get(key);
  if (group) {
    group.count++;
    const others = group.others ?? [];
    if (others.length < REFUSAL_EXAMPLES) group.others = [...others, e.input];
    return;
  }
  if (refused.inputs.length >= (options.maxListedRefusals ?? 1000)) return;
  const entry: RefusedInput = { input: e.input, code: e.code, reason: e.reason, count: 1 };
  groups.set(key, entry);
  if (!e.stopsReading) {
    refused.inputs.push(entry);
    return;
  }
  // after the refusals that ended the reading of an archive already listed, before all others
  entry.stoppedReading = true;
  const at = refused.inputs.findIndex((r) => r.stoppedReading !== true);
  if (at < 0) refused.inputs.push(entry);
  else refused.inputs.splice(at, 0, entry);
}

async function ingestFile(
  file: ReportFile,
  sink: ReportSink,
  summary: IngestSummary,
  options: IngestOptions,
  progress: IngestProgress,
): Promise<void> {
  await ingestItems(file.path, unwrapFile(file.path, file.size, options), sink, summary, options, progress);
}

async function ingestItems(
  _name: string,
  items: AsyncIterable<Unwrapped>,
  sink: ReportSink,
  summary: IngestSummary,
  options: IngestOptions,
  progress: IngestProgress,
): Promise<void> {
  summary.files.total++;
  const state: FileState = { read: false, tolerated: false, refused: false };
  for await (const item of items) {
    if (item.kind === 'error') {
      state.refused = true;
      recordRefusal(summary, item.error, options);
      continue;
    }
    if (item.kind === 'failure') {
      state.read = true;
      summary.failureReports++;
      sink.addFailureReport(item.failure, item.name);
      continue;
    }
    try {
      if (item.format === 'json') await readTls(item, sink, summary, state, options);
      else await readAggregate(item, sink, summary, state, options, progress);
    } catch (e) {
      if (!(e instanceof ReportReadError)) throw e;
      state.refused = true;
      recordRefusal(summary, e, options);
    }
  }
  if (state.read) summary.files.read++;
  else summary.files.refused++;
  if (state.tolerated) summary.files.tolerated++;
}

type Document = Extract<Unwrapped, { kind: 'document' }>;

async function readTls(
  doc: Document,
  sink: ReportSink,
  summary: IngestSummary,
  state: FileState,
  options: IngestOptions,
): Promise<void> {
  const parts: Buffer[] = [];
  let size = 0;
  const limit = Math.min(options.maxMessageBytes ?? 64 * 1024 * 1024, 256 * 1024 * 1024);
  for await (const c of doc.chunks) {
    size += c.byteLength;
    if (size > limit)
      throw new ReportReadError(doc.name, 'too-large', `TLS report over the ${limit}-byte limit`);
    parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  }
  const bytes = Buffer.concat(parts, size);
  const counter = new Utf8ReplacementCounter();
  counter.bytes(bytes);
  const text = bytes.toString('utf8');
  counter.text(text);
  const report = parseTlsReport(text, doc.name);
  refuseFuturePeriod(doc.name, report.end, (options.now ?? nowSeconds)());
  if (counter.replaced > 0)
    report.tolerated['invalid-utf8'] = (report.tolerated['invalid-utf8'] ?? 0) + counter.replaced;
  const n = addTolerances(report.tolerated, doc.tolerated);
  state.read = true;
  if (!sink.addTlsReport(report, doc.name)) {
    summary.tls.duplicates++;
    return;
  }
  summary.tls.reports++;
  summary.tls.policies += report.policies.length;
  if (n > 0 || Object.keys(report.tolerated).length > 0) {
    summary.tls.tolerated++;
    state.tolerated = true;
    addTolerances(summary.tolerated, report.tolerated);
  }
}

async function readAggregate(
  doc: Document,
  sink: ReportSink,
  summary: IngestSummary,
  state: FileState,
  options: IngestOptions,
  progress: IngestProgress,
): Promise<void> {
  let writer: AggregateWriter | null = null;
  let duplicate = false;
  let sinceProgress = 0;
  const now = (options.now ?? nowSeconds)();
  const reader = new AggregateXmlReader(doc.name, {
    onHeader: (header) => {
      refuseFuturePeriod(doc.name, header.metadata.end, now);
      writer = sink.beginAggregate(header, doc.name);
      if (writer === null) duplicate = true;
      return writer !== null;
    },
    onRecord: (r) => {
      (writer as AggregateWriter | null)?.record(r);
      progress.records++;
      if (++sinceProgress >= 2000) {
        sinceProgress = 0;
        options.onProgress?.({ ...progress });
      }
    },
  });
  let decoder: { write(chunk: Uint8Array): string; end(): string } | null = null;
  let result: AggregateReadSummary;
  const extra: ToleranceKind[] = [...doc.tolerated];
  // bytes that are not UTF-8 become U+FFFD: counted (UTF-8 documents; other encodings decode every byte)
  let utf8: Utf8ReplacementCounter | null = null;
  const decode = (text: string) => {
    utf8?.text(text);
    return text;
  };
  try {
    try {
      for await (const chunk of doc.chunks) {
        if (!decoder) {
          const label = xmlEncoding(chunk);
          decoder = textDecoder(label);
          if (label === 'utf-8' || label === 'utf8') utf8 = new Utf8ReplacementCounter();
        }
        utf8?.bytes(chunk);
        reader.write(decode(decoder.write(chunk)));
        if (reader.stopped) break;
      }
      if (decoder && !reader.stopped) reader.write(decode(decoder.end()));
    } catch (e) {
      // junk after a complete report (e.g. after the gzip data of a streamed member): the report is whole
      if (!(e instanceof ReportReadError) || !reader.complete || e.code === 'xml') throw e;
      extra.push('trailing-data');
    }
    result = reader.end();
  } catch (e) {
    (writer as AggregateWriter | null)?.abort();
    throw e;
  }
  if (duplicate) {
    state.read = true;
    summary.aggregate.duplicates++;
    return;
  }
  addTolerances(result.tolerated, extra);
  if (utf8 && utf8.replaced > 0)
    result.tolerated['invalid-utf8'] = (result.tolerated['invalid-utf8'] ?? 0) + utf8.replaced;
  // may refuse the report (a total past what a store can sum exactly): it then rolls itself back
  (writer as AggregateWriter | null)?.commit(result);
  state.read = true;
  const a = summary.aggregate;
  a.reports++;
  a.records += result.records;
  a.toleratedRecords += result.toleratedRecords;
  a.refusedRecords += result.refusedRecords;
  a.messages += result.messages;
  for (const r of result.refusedReasons) {
    const seen = a.refusedReasons.find((x) => x.reason === r.reason);
    if (!seen) {
      a.refusedReasons.push({ ...r, examples: [...r.examples], input: doc.name });
      continue;
    }
    seen.count += r.count;
    for (const x of r.examples)
      if (seen.examples.length < RECORD_REFUSAL_EXAMPLES && !seen.examples.includes(x)) seen.examples.push(x);
  }
  if (addTolerances(summary.tolerated, result.tolerated) > 0) {
    a.tolerated++;
    state.tolerated = true;
  }
}

/** A report held by a {@link MemorySink}: the header, its records and what was tolerated. */
export interface HeldAggregateReport extends AggregateHeader {
  input: string;
  records: AggregateRecord[];
  tolerated: ToleranceCounts;
}

/**
 * Refuses a report whose messages would take what is held past {@link MAX_HELD_MESSAGES} (every sum over held
 * counts then stays exact).
 * @param held messages already held; @param adding the report's messages.
 * @throws {@link ReportReadError} `invalid-report`.
 */
export function refuseTotalPast(input: string, held: number, adding: number): void {
  if (held + adding <= MAX_HELD_MESSAGES) return;
  throw new ReportReadError(
    input,
    'invalid-report',
    `its ${adding.toLocaleString('en-US')} messages would take the messages held past ${MAX_HELD_MESSAGES.toLocaleString('en-US')} (2^53 - 1), more than any real mail`,
  );
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The reporter of a report, for duplicate detection: its org name, else its email, trimmed and lower-case. */
export function reporterName(orgName: string, email: string): string {
  return (orgName.trim() || email).trim().toLowerCase();
}

/** The key that identifies a report for duplicate detection: the {@link reporterName} and the report id. */
export function reportKey(orgName: string, email: string, reportId: string): string {
  return `${reporterName(orgName, email)}\u0000${reportId.trim()}`;
}

/** A {@link ReportSink} that keeps everything in memory (tests, one-shot analysis of a few files). */
export class MemorySink implements ReportSink {
  readonly aggregate: HeldAggregateReport[] = [];
  readonly tls: Array<TlsReport & { input: string }> = [];
  readonly failures: Array<FailureReportInfo & { input: string }> = [];
  readonly #keys = new Set<string>();
  /** Messages held (at most {@link MAX_HELD_MESSAGES}). */
  #messages = 0;

  beginAggregate(header: AggregateHeader, input: string): AggregateWriter | null {
    const key = `a\u0000${reportKey(header.metadata.orgName, header.metadata.email, header.metadata.reportId)}`;
    if (this.#keys.has(key)) return null;
    const records: AggregateRecord[] = [];
    return {
      record: (r) => records.push(r),
      commit: (s) => {
        refuseTotalPast(input, this.#messages, s.messages);
        this.#messages += s.messages;
        this.#keys.add(key);
        this.aggregate.push({ ...header, input, records, tolerated: s.tolerated });
      },
      abort: () => {},
    };
  }

  addTlsReport(report: TlsReport, input: string): boolean {
    const key = `t\u0000${reportKey(report.orgName, report.contactInfo ?? '', report.reportId)}`;
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    this.tls.push({ ...report, input });
    return true;
  }

  addFailureReport(info: FailureReportInfo, input: string): void {
    this.failures.push({ ...info, input });
  }
}
