/**
 * A streaming reader of DMARC aggregate reports (RFC 9990 §2 and its XML schema, with or without the
 * `urn:ietf:params:xml:ns:dmarc-2.0` namespace; RFC 7489 Appendix C; the older draft format).
 *
 * XML is parsed by `sax` in strict mode with only the five predefined XML entities: a DOCTYPE is read past
 * but its entity declarations are never expanded, and nothing external is ever fetched. sax flushes long text
 * and refuses an over-long name or attribute (64 KiB), so memory stays bounded by one record however large the
 * report; records are handed to the caller one by one.
 *
 * What real reporters do that the schema does not allow is accepted and counted ({@link ToleranceKind}):
 * an empty `<reason>`, upper-case `PASS`, missing `<version>` or `<org_name>`, a stray `<xs:schema>` wrapper
 * left unclosed, stray text between elements, the draft's `<identities>`.
 *
 * @module
 */

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import sax from 'sax';
import { auditableDomain, InvalidDomainError } from '../audit/domain-name.js';
import { ReportReadError } from './errors.js';
import {
  MAX_FREE_TEXT_CHARS,
  MAX_NAME_CHARS,
  MAX_REPORTED_COUNT_TEXT,
  parseReportedCount,
} from './limits.js';
import { checkReportPeriod } from './period.js';
import type {
  AggregateRecord,
  AggregateReport,
  DkimAuthResult,
  PolicyOverrideReason,
  PolicyPublished,
  ReportMetadata,
  SpfAuthResult,
  ToleranceCounts,
  ToleranceKind,
} from './types.js';

/** The RFC 9990 namespace. */
export const DMARC_XML_NAMESPACE = 'urn:ietf:params:xml:ns:dmarc-2.0';

/** The parts of a report that precede its records. */
export interface AggregateHeader {
  format: AggregateReport['format'];
  version?: string;
  metadata: ReportMetadata;
  policy: PolicyPublished;
}

/** What the reader reports at the end of a document. */
export interface AggregateReadSummary extends AggregateHeader {
  /** Records handed to `onRecord`. */
  records: number;
  /** Messages in those records (sum of `<count>`). */
  messages: number;
  /** Records refused (a bad source IP, a bad or implausible count, an over-long field). */
  refusedRecords: number;
  /** Why, counted by reason (one entry per distinct reason, a few examples each). */
  refusedReasons: RecordRefusal[];
  /** Records that needed a tolerance. */
  toleratedRecords: number;
  tolerated: ToleranceCounts;
  /** True when `onHeader` returned `false` and reading stopped early (e.g. a duplicate report). */
  stopped: boolean;
}

/**
 * Records refused for one reason. The reason is a fixed sentence (`<count> is over 4,294,967,295`); the
 * values that caused it are in `examples` (untrusted text, cut to 60 characters: escape them for the output).
 */
export interface RecordRefusal {
  reason: string;
  /** Records refused for this reason. */
  count: number;
  /** The first few offending values (at most {@link RECORD_REFUSAL_EXAMPLES}). */
  examples: string[];
}

/** How many offending values a {@link RecordRefusal} keeps. */
export const RECORD_REFUSAL_EXAMPLES = 3;

/** The most `<error>` elements of a report kept (the rest are counted, `errors-dropped`). */
export const MAX_REPORT_ERRORS = 100;

/** Free-text fields (cut when too long); every other field is a name or an identifier (refused). */
const FREE_TEXT: ReadonlySet<string> = new Set([
  'extra_contact_info',
  'generator',
  'error',
  'reason_comment',
  'dkim_human',
  'spf_human',
]);

/** The fields of a `<record>` (an over-long one refuses the record, not the report). */
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'source_ip',
  'count',
  'disposition',
  'pe_dkim',
  'pe_spf',
  'reason_type',
  'header_from',
  'envelope_from',
  'envelope_to',
  'dkim_domain',
  'dkim_selector',
  'dkim_result',
  'spf_domain',
  'spf_scope',
  'spf_result',
]);

/** Callbacks of {@link AggregateXmlReader}. */
export interface AggregateHandlers {
  /**
   * Called once, when the metadata and published policy are complete (before the first record is handed over).
   * Return `false` to stop reading: the rest of the document is not parsed and `end()` reports `stopped`.
   * May throw a {@link ReportReadError} to refuse the report.
   */
  onHeader?(header: AggregateHeader): boolean | undefined;
  /** Called for each record, in document order. */
  onRecord?(record: AggregateRecord): void;
}

/** Limits of the reader. */
export interface AggregateReadLimits {
  /** Records kept in memory when a report puts them before its metadata (default 100,000). */
  maxBufferedRecords?: number;
}

type Field =
  | 'version'
  | 'org_name'
  | 'email'
  | 'extra_contact_info'
  | 'report_id'
  | 'generator'
  | 'error'
  | 'begin'
  | 'end'
  | 'pp'
  | 'source_ip'
  | 'count'
  | 'disposition'
  | 'pe_dkim'
  | 'pe_spf'
  | 'reason_type'
  | 'reason_comment'
  | 'header_from'
  | 'envelope_from'
  | 'envelope_to'
  | 'dkim_domain'
  | 'dkim_selector'
  | 'dkim_result'
  | 'dkim_human'
  | 'spf_domain'
  | 'spf_scope'
  | 'spf_result'
  | 'spf_human';

/** Leaf elements by their path below `<feedback>`. `pp` fields are stored under their own name. */
const LEAVES: ReadonlyMap<string, Field> = new Map([
  ['version', 'version'],
  ['report_metadata/org_name', 'org_name'],
  ['report_metadata/email', 'email'],
  ['report_metadata/extra_contact_info', 'extra_contact_info'],
  ['report_metadata/report_id', 'report_id'],
  ['report_metadata/generator', 'generator'],
  ['report_metadata/error', 'error'],
  ['report_metadata/date_range/begin', 'begin'],
  ['report_metadata/date_range/end', 'end'],
  ...['domain', 'p', 'sp', 'np', 'adkim', 'aspf', 'pct', 'fo', 'testing', 'discovery_method'].map(
    (n) => [`policy_published/${n}`, 'pp'] as [string, Field],
  ),
  ['record/row/source_ip', 'source_ip'],
  ['record/row/count', 'count'],
  ['record/row/policy_evaluated/disposition', 'disposition'],
  ['record/row/policy_evaluated/dkim', 'pe_dkim'],
  ['record/row/policy_evaluated/spf', 'pe_spf'],
  ['record/row/policy_evaluated/reason/type', 'reason_type'],
  ['record/row/policy_evaluated/reason/comment', 'reason_comment'],
  ['record/identifiers/header_from', 'header_from'],
  ['record/identifiers/envelope_from', 'envelope_from'],
  ['record/identifiers/envelope_to', 'envelope_to'],
  ['record/auth_results/dkim/domain', 'dkim_domain'],
  ['record/auth_results/dkim/selector', 'dkim_selector'],
  ['record/auth_results/dkim/result', 'dkim_result'],
  ['record/auth_results/dkim/human_result', 'dkim_human'],
  ['record/auth_results/spf/domain', 'spf_domain'],
  ['record/auth_results/spf/scope', 'spf_scope'],
  ['record/auth_results/spf/result', 'spf_result'],
  ['record/auth_results/spf/human_result', 'spf_human'],
]);

/** Container elements by path below `<feedback>` (anything else is unknown and skipped). */
const CONTAINERS: ReadonlySet<string> = new Set([
  'report_metadata',
  'report_metadata/date_range',
  'policy_published',
  'record',
  'record/row',
  'record/row/policy_evaluated',
  'record/row/policy_evaluated/reason',
  'record/identifiers',
  'record/auth_results',
  'record/auth_results/dkim',
  'record/auth_results/spf',
]);

/** Elements whose whole content is ignored without counting: extensions are allowed by the schema. */
const EXTENSIONS: ReadonlySet<string> = new Set(['extension', 'record/extension']);

/** One element path below `<feedback>`, as a tree: an open element costs one small map lookup. */
interface PathNode {
  /** The path (`record/row/count`; `''` for `<feedback>` itself). */
  path: string;
  leaf: Field | null;
  container: boolean;
  extension: boolean;
  children: Map<string, PathNode>;
}

function pathTree(): PathNode {
  const root: PathNode = { path: '', leaf: null, container: true, extension: false, children: new Map() };
  const node = (path: string): PathNode => {
    let n = root;
    for (const name of path.split('/')) {
      let c = n.children.get(name);
      if (!c) {
        c = {
          path: n.path === '' ? name : `${n.path}/${name}`,
          leaf: null,
          container: false,
          extension: false,
          children: new Map(),
        };
        n.children.set(name, c);
      }
      n = c;
    }
    return n;
  };
  for (const [path, field] of LEAVES) node(path).leaf = field;
  for (const path of CONTAINERS) node(path).container = true;
  for (const path of EXTENSIONS) node(path).extension = true;
  return root;
}

const PATHS: PathNode = pathTree();
/** `<identifiers>` under `<record>`, which the draft format called `<identities>`. */
const IDENTIFIERS = PATHS.children.get('record')?.children.get('identifiers') as PathNode;

interface RecordDraft {
  sourceIp: string;
  count: string;
  disposition: string;
  dkim: string;
  spf: string;
  reasons: PolicyOverrideReason[];
  reason: PolicyOverrideReason | null;
  headerFrom: string | undefined;
  envelopeFrom: string | undefined;
  envelopeTo: string | undefined;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
  dkimDraft: DkimAuthResult | null;
  spfDraft: SpfAuthResult | null;
  tolerated: boolean;
  /** The first field of the record that was over {@link MAX_NAME_CHARS} (its element name), when one was. */
  overLong: string | null;
}

function newDraft(): RecordDraft {
  return {
    sourceIp: '',
    count: '',
    disposition: '',
    dkim: '',
    spf: '',
    reasons: [],
    reason: null,
    headerFrom: undefined,
    envelopeFrom: undefined,
    envelopeTo: undefined,
    dkimResults: [],
    spfResults: [],
    dkimDraft: null,
    spfDraft: null,
    tolerated: false,
    overLong: null,
  };
}

/** Canonical text of an IP address, or null when `text` is not one. */
export function canonicalIp(text: string): string | null {
  const v = isIP(text);
  if (v === 4) return text;
  if (v === 6) {
    try {
      const a = ipaddr.parse(text);
      if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress())
        return (a as ipaddr.IPv6).toIPv4Address().toString();
      return a.toString();
    } catch {
      return null;
    }
  }
  return null;
}

const DIGITS = /^\d{1,15}$/;

/** Characters of a leaf's text kept while reading: enough to tell that a free-text field is over its limit. */
const LEAF_BUFFER = MAX_FREE_TEXT_CHARS + 1;

/**
 * Reads one aggregate report document fed in chunks. Create one per document.
 *
 * @example
 * const reader = new AggregateXmlReader('report.xml', { onRecord: (r) => rows.push(r) });
 * reader.write(text);
 * const summary = reader.end();
 */
export class AggregateXmlReader {
  readonly #input: string;
  readonly #handlers: AggregateHandlers;
  readonly #maxBuffered: number;
  readonly #parser: sax.SAXParser;
  /** Open elements, from the document root down. */
  #depth = 0;
  /** The path nodes of the open elements (null: outside `<feedback>`, or an element that is skipped). */
  readonly #nodes: Array<PathNode | null> = [];
  #feedbackDepth = -1;
  #feedbackClosed = false;
  #skipDepth = -1;
  #leaf: Field | null = null;
  #leafName = '';
  #text = '';
  /** Characters of the open leaf's text read in all (the kept part is at most {@link LEAF_BUFFER}). */
  #textRead = 0;
  /** True when the open leaf's text went on past {@link LEAF_BUFFER} (more than white space). */
  #textOver = false;
  #format: AggregateReport['format'] = 'rfc7489';
  #version: string | undefined;
  readonly #metadata: ReportMetadata = {
    orgName: '',
    email: '',
    reportId: '',
    begin: NaN,
    end: NaN,
    errors: [],
  };
  readonly #policy: Record<string, string> = {};
  #headerSent = false;
  #stopped = false;
  readonly #buffered: AggregateRecord[] = [];
  #draft: RecordDraft | null = null;
  #records = 0;
  #messages = 0;
  #refused = 0;
  readonly #refusedReasons: RecordRefusal[] = [];
  #toleratedRecords = 0;
  readonly #tolerated: ToleranceCounts = {};
  #error: ReportReadError | null = null;
  #sawElement = false;

  /**
   * @param input the input's name, used in errors (a path or `path!member`).
   * @param handlers called for the header and each record.
   */
  constructor(input: string, handlers: AggregateHandlers = {}, limits: AggregateReadLimits = {}) {
    this.#input = input;
    this.#handlers = handlers;
    this.#maxBuffered = limits.maxBufferedRecords ?? 100_000;
    // strictEntities: only the five XML entities (no HTML entity table); @types/sax predates the option.
    const options = { strictEntities: true, position: true, trim: true, normalize: false };
    const p = sax.parser(true, options as sax.SAXOptions);
    this.#parser = p;
    p.onopentag = (node) => this.#open(node as sax.Tag);
    p.onclosetag = () => this.#close();
    p.ontext = (t) => this.#onText(t);
    p.oncdata = (t) => this.#onText(t);
    p.onerror = (e) => {
      // sax keeps going only if the error is cleared; stop at the first one instead.
      throw e;
    };
  }

  /** True once reading stopped because `onHeader` returned false. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** True once `</feedback>` was read. */
  get complete(): boolean {
    return this.#feedbackClosed;
  }

  #tolerate(kind: ToleranceKind): void {
    this.#tolerated[kind] = (this.#tolerated[kind] ?? 0) + 1;
    if (this.#draft) this.#draft.tolerated = true;
  }

  /**
   * Feeds the next chunk of the document.
   * @throws {@link ReportReadError} (`xml`, `not-a-report`, `invalid-report`) at the first problem.
   */
  write(chunk: string): void {
    if (this.#stopped || this.#error) {
      if (this.#error) throw this.#error;
      return;
    }
    try {
      this.#parser.write(chunk);
    } catch (e) {
      if (e === STOP) return;
      throw this.#fail(e);
    }
  }

  #fail(e: unknown): ReportReadError {
    if (e instanceof ReportReadError) {
      this.#error = e;
      return e;
    }
    // sax appends "\nLine: L\nColumn: C\nChar: X" with L counted from 0 and C from 1: said as line L+1, column C
    const [head = '', ...rest] = (e instanceof Error ? e.message : String(e)).split('\n');
    const line = rest.map((l) => /^Line: (\d+)$/.exec(l)?.[1]).find((v) => v !== undefined);
    const column = rest.map((l) => /^Column: (\d+)$/.exec(l)?.[1]).find((v) => v !== undefined);
    const where =
      line === undefined
        ? ''
        : ` (line ${Number(line) + 1}${column === undefined ? '' : `, column ${column}`})`;
    this.#error = new ReportReadError(this.#input, 'xml', `not well-formed XML: ${head}${where}`);
    return this.#error;
  }

  /**
   * Ends the document and returns what was read.
   * @throws {@link ReportReadError} when the document is not a complete, well-formed aggregate report.
   */
  end(): AggregateReadSummary {
    if (this.#error) throw this.#error;
    if (!this.#stopped) {
      try {
        this.#parser.close();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // A report wrapped in an element that is never closed (e.g. `<xs:schema ...>` left open before
        // `<feedback>`): the report itself is complete, so it is read and the wrapper counted.
        if (!(this.#feedbackClosed && /^Unclosed root tag/.test(message))) throw this.#fail(e);
        this.#tolerate('unclosed-wrapper');
      }
      if (this.#feedbackDepth < 0 && !this.#feedbackClosed) {
        throw new ReportReadError(
          this.#input,
          this.#sawElement ? 'not-a-report' : 'xml',
          this.#sawElement
            ? 'not a DMARC aggregate report (no <feedback> element)'
            : 'no XML element in the document',
        );
      }
      if (!this.#feedbackClosed)
        throw new ReportReadError(this.#input, 'xml', 'the document ends before </feedback>');
      if (!this.#headerSent) {
        try {
          this.#sendHeader();
        } catch (e) {
          if (e !== STOP) throw e;
        }
      }
      if (this.#stopped) this.#buffered.length = 0;
      for (const r of this.#buffered.splice(0)) this.#handlers.onRecord?.(r);
    }
    return {
      ...this.#header(),
      records: this.#records,
      messages: this.#messages,
      refusedRecords: this.#refused,
      refusedReasons: this.#refusedReasons,
      toleratedRecords: this.#toleratedRecords,
      tolerated: this.#tolerated,
      stopped: this.#stopped,
    };
  }

  #open(node: sax.Tag): void {
    this.#sawElement = true;
    const name = localName(node.name);
    const parent = this.#nodes.length > 0 ? this.#nodes[this.#nodes.length - 1] : null;
    const depth = ++this.#depth;
    if (this.#skipDepth >= 0) {
      this.#nodes.push(null);
      return;
    }
    if (this.#feedbackDepth < 0) {
      if (name === 'feedback' && !this.#feedbackClosed && depth <= 2) {
        this.#feedbackDepth = depth;
        if (declaresNamespace(node.attributes)) this.#format = 'rfc9990';
        this.#nodes.push(PATHS);
        return;
      }
      this.#nodes.push(null);
      return;
    }
    let here = parent?.children.get(name);
    if (!here && parent?.path === 'record' && name === 'identities') {
      this.#tolerate('draft-identities');
      this.#format = this.#format === 'rfc9990' ? this.#format : 'draft';
      here = IDENTIFIERS;
    }
    if (this.#leaf || !here || !(here.leaf || here.container)) {
      // an element inside a leaf, or not in the schema (extensions are allowed and not counted)
      if (this.#leaf || !here?.extension) this.#tolerate('unknown-element');
      this.#skipDepth = depth;
      this.#nodes.push(null);
      return;
    }
    this.#nodes.push(here);
    const leaf = here.leaf;
    if (leaf) {
      this.#leaf = leaf;
      this.#leafName = name;
      this.#text = '';
      this.#textRead = 0;
      this.#textOver = false;
      if (leaf === 'source_ip' && !this.#headerSent) this.#sendHeader();
      return;
    }
    switch (here.path) {
      case 'record':
        if (!this.#headerSent && this.#metadataComplete()) this.#sendHeader();
        this.#draft = newDraft();
        break;
      case 'record/row/policy_evaluated/reason':
        if (this.#draft) this.#draft.reason = { type: '' };
        break;
      case 'record/auth_results/dkim':
        if (this.#draft) this.#draft.dkimDraft = { domain: '', result: '' };
        break;
      case 'record/auth_results/spf':
        if (this.#draft) this.#draft.spfDraft = { domain: '', result: '' };
        break;
    }
  }

  #onText(text: string): void {
    if (this.#leaf) {
      // kept up to LEAF_BUFFER characters: a 600 MB <org_name> costs no more memory than a short one
      this.#textRead += text.length;
      if (this.#textOver) return;
      const t = this.#text === '' ? text.trimStart() : text;
      const room = LEAF_BUFFER - this.#text.length;
      if (t.length <= room) {
        this.#text += t;
        return;
      }
      this.#text += t.slice(0, room);
      // white space past the buffer may still be trimmed away; anything else makes the field over-long
      if (/\S/.test(t.slice(room))) this.#textOver = true;
      return;
    }
    if (this.#skipDepth >= 0 || this.#feedbackDepth < 0) return;
    if (/\S/.test(text)) this.#tolerate('stray-text');
  }

  #close(): void {
    const depth = this.#depth--;
    const path = this.#nodes.pop()?.path;
    if (this.#skipDepth >= 0) {
      if (depth === this.#skipDepth) this.#skipDepth = -1;
      return;
    }
    if (depth === this.#feedbackDepth) {
      this.#feedbackDepth = -1;
      this.#feedbackClosed = true;
      return;
    }
    if (path === null || path === undefined) return;
    if (this.#leaf) {
      const value = this.#checkLength(this.#leaf, this.#leafName, this.#text.trim());
      if (value !== null) this.#setLeaf(this.#leaf, this.#leafName, value);
      this.#leaf = null;
      this.#text = '';
      return;
    }
    const d = this.#draft;
    switch (path) {
      case 'record/row/policy_evaluated/reason':
        if (d?.reason) {
          if (d.reason.type === '' && !d.reason.comment) this.#tolerate('empty-reason');
          else d.reasons.push(d.reason);
          d.reason = null;
        }
        break;
      case 'record/auth_results/dkim':
        if (d?.dkimDraft) {
          if (d.dkimDraft.domain === '') this.#tolerate('empty-auth-domain');
          d.dkimResults.push(d.dkimDraft);
          d.dkimDraft = null;
        }
        break;
      case 'record/auth_results/spf':
        if (d?.spfDraft) {
          if (d.spfDraft.domain === '') this.#tolerate('empty-auth-domain');
          d.spfResults.push(d.spfDraft);
          d.spfDraft = null;
        }
        break;
      case 'record':
        if (d) this.#finishRecord(d);
        this.#draft = null;
        break;
      case 'report_metadata':
      case 'policy_published':
        if (!this.#headerSent && this.#metadataComplete()) this.#sendHeader();
        break;
    }
  }

  /**
   * Applies the length limits to a leaf's text: free text over {@link MAX_FREE_TEXT_CHARS} is cut (counted);
   * a record field over {@link MAX_NAME_CHARS} marks the record for refusal (null: the value is not used);
   * a metadata or policy field over it refuses the report.
   * @throws {@link ReportReadError} `invalid-report` for an over-long metadata or policy field.
   */
  #checkLength(field: Field, name: string, value: string): string | null {
    if (FREE_TEXT.has(field)) {
      if (!this.#textOver && value.length <= MAX_FREE_TEXT_CHARS) return value;
      this.#tolerate('long-text-cut');
      return value.slice(0, MAX_FREE_TEXT_CHARS);
    }
    if (!this.#textOver && value.length <= MAX_NAME_CHARS) return value;
    const read = (this.#textOver ? this.#textRead : value.length).toLocaleString('en-US');
    const d = this.#draft;
    if (d && RECORD_FIELDS.has(field)) {
      d.overLong ??= name;
      return null;
    }
    throw new ReportReadError(
      this.#input,
      'invalid-report',
      `<${name}> is over ${MAX_NAME_CHARS.toLocaleString('en-US')} characters (${read}${this.#textOver ? ' or more' : ''}): no real report has such a value`,
    );
  }

  #lower(value: string): string {
    const lower = value.toLowerCase();
    if (lower !== value && /[A-Z]/.test(value) && /^[A-Za-z_]+$/.test(value))
      this.#tolerate('upper-case-value');
    return lower;
  }

  #setLeaf(field: Field, name: string, value: string): void {
    const d = this.#draft;
    const m = this.#metadata;
    switch (field) {
      case 'version':
        this.#version = value;
        return;
      case 'org_name':
        m.orgName = value;
        return;
      case 'email':
        m.email = value;
        return;
      case 'extra_contact_info':
        m.extraContactInfo = value;
        return;
      case 'report_id':
        m.reportId = value;
        return;
      case 'generator':
        m.generator = value;
        return;
      case 'error':
        if (m.errors.length < MAX_REPORT_ERRORS) m.errors.push(value);
        else this.#tolerate('errors-dropped');
        return;
      case 'begin':
        m.begin = DIGITS.test(value) ? Number(value) : NaN;
        return;
      case 'end':
        m.end = DIGITS.test(value) ? Number(value) : NaN;
        return;
      case 'pp':
        this.#policy[name] = value;
        return;
    }
    if (!d) return;
    switch (field) {
      case 'source_ip':
        d.sourceIp = value;
        return;
      case 'count':
        d.count = value;
        return;
      case 'disposition':
        d.disposition = this.#lower(value);
        return;
      case 'pe_dkim':
        d.dkim = this.#lower(value);
        return;
      case 'pe_spf':
        d.spf = this.#lower(value);
        return;
      case 'reason_type':
        if (d.reason) d.reason.type = this.#lower(value);
        return;
      case 'reason_comment':
        if (d.reason && value !== '') d.reason.comment = value;
        return;
      case 'header_from':
        d.headerFrom = value.toLowerCase();
        return;
      case 'envelope_from':
        d.envelopeFrom = value.toLowerCase();
        return;
      case 'envelope_to':
        d.envelopeTo = value.toLowerCase();
        return;
      case 'dkim_domain':
        if (d.dkimDraft) d.dkimDraft.domain = value.toLowerCase();
        return;
      case 'dkim_selector':
        if (d.dkimDraft) d.dkimDraft.selector = value;
        return;
      case 'dkim_result':
        if (d.dkimDraft) d.dkimDraft.result = this.#lower(value);
        return;
      case 'dkim_human':
        if (d.dkimDraft && value !== '') d.dkimDraft.humanResult = value;
        return;
      case 'spf_domain':
        if (d.spfDraft) d.spfDraft.domain = value.toLowerCase();
        return;
      case 'spf_scope':
        if (d.spfDraft) d.spfDraft.scope = this.#lower(value);
        return;
      case 'spf_result':
        if (d.spfDraft) d.spfDraft.result = this.#lower(value);
        return;
      case 'spf_human':
        if (d.spfDraft && value !== '') d.spfDraft.humanResult = value;
        return;
    }
  }

  #metadataComplete(): boolean {
    return this.#metadata.reportId !== '' && this.#policy.domain !== undefined;
  }

  #header(): AggregateHeader {
    const pp = this.#policy;
    const policy: PolicyPublished = {
      domain: (pp.domain ?? '').toLowerCase(),
      p: (pp.p ?? '').toLowerCase(),
    };
    if (pp.sp !== undefined) policy.sp = pp.sp.toLowerCase();
    if (pp.np !== undefined) policy.np = pp.np.toLowerCase();
    if (pp.adkim !== undefined) policy.adkim = pp.adkim.toLowerCase();
    if (pp.aspf !== undefined) policy.aspf = pp.aspf.toLowerCase();
    if (pp.pct !== undefined && DIGITS.test(pp.pct)) policy.pct = Number(pp.pct);
    if (pp.fo !== undefined) policy.fo = pp.fo;
    if (pp.testing !== undefined) policy.testing = pp.testing.toLowerCase();
    if (pp.discovery_method !== undefined) policy.discoveryMethod = pp.discovery_method.toLowerCase();
    const h: AggregateHeader = { format: this.#format, metadata: this.#metadata, policy };
    if (this.#version !== undefined) h.version = this.#version;
    return h;
  }

  #sendHeader(): void {
    this.#headerSent = true;
    const m = this.#metadata;
    if (m.reportId === '')
      throw new ReportReadError(this.#input, 'invalid-report', 'the report has no <report_id>');
    const period = checkReportPeriod(m.begin, m.end);
    if ('problem' in period)
      throw new ReportReadError(
        this.#input,
        'invalid-report',
        `the report has no valid <date_range> (seconds since the epoch): ${period.problem}`,
      );
    if (period.reversed) {
      // <begin> after <end>: the period is read the right way round, and said
      m.begin = period.begin;
      m.end = period.end;
      this.#tolerated['reversed-date-range'] = (this.#tolerated['reversed-date-range'] ?? 0) + 1;
    }
    if (!this.#policy.domain)
      throw new ReportReadError(
        this.#input,
        'invalid-report',
        'the report has no <policy_published><domain>',
      );
    try {
      this.#policy.domain = auditableDomain(this.#policy.domain);
    } catch (e) {
      if (!(e instanceof InvalidDomainError)) throw e;
      throw new ReportReadError(
        this.#input,
        'invalid-report',
        `<policy_published><domain> is not a valid domain name: "${this.#policy.domain.slice(0, 80)}"`,
      );
    }
    if (m.orgName === '') this.#tolerate('missing-org-name');
    if (this.#version === undefined && this.#format !== 'rfc9990') this.#tolerate('missing-version');
    const keep = this.#handlers.onHeader?.(this.#header());
    if (keep === false) {
      this.#stopped = true;
      // stop parsing: the rest of the document is not needed
      throw STOP;
    }
  }

  #refuseRecord(reason: string, example?: string): void {
    this.#refused++;
    let r = this.#refusedReasons.find((x) => x.reason === reason);
    if (!r) {
      r = { reason, count: 0, examples: [] };
      this.#refusedReasons.push(r);
    }
    r.count++;
    const shown = example?.slice(0, 60);
    if (shown !== undefined && r.examples.length < RECORD_REFUSAL_EXAMPLES && !r.examples.includes(shown))
      r.examples.push(shown);
  }

  #finishRecord(d: RecordDraft): void {
    if (d.overLong !== null) {
      this.#refuseRecord(`<${d.overLong}> is over ${MAX_NAME_CHARS.toLocaleString('en-US')} characters`);
      return;
    }
    const ip = canonicalIp(d.sourceIp);
    if (ip === null) {
      this.#refuseRecord('<source_ip> is not an IP address', d.sourceIp);
      return;
    }
    const count = parseReportedCount(d.count);
    if (count === 'not-a-number') {
      this.#refuseRecord('<count> is not a whole number', d.count);
      return;
    }
    if (count === 'over-limit') {
      this.#refuseRecord(`<count> is over ${MAX_REPORTED_COUNT_TEXT} (not a plausible count)`, d.count);
      return;
    }
    if (d.headerFrom === undefined || d.headerFrom === '') this.#tolerate('missing-header-from');
    const rec: AggregateRecord = {
      sourceIp: ip,
      count,
      disposition: d.disposition,
      dkim: d.dkim,
      spf: d.spf,
      reasons: d.reasons,
      headerFrom: d.headerFrom || (this.#policy.domain ?? '').toLowerCase(),
      dkimResults: d.dkimResults,
      spfResults: d.spfResults,
    };
    if (d.envelopeFrom !== undefined && d.envelopeFrom !== '') rec.envelopeFrom = d.envelopeFrom;
    if (d.envelopeTo !== undefined && d.envelopeTo !== '') rec.envelopeTo = d.envelopeTo;
    this.#records++;
    this.#messages += rec.count;
    if (d.tolerated) this.#toleratedRecords++;
    if (!this.#headerSent) {
      if (this.#buffered.length >= this.#maxBuffered)
        throw new ReportReadError(
          this.#input,
          'invalid-report',
          `more than ${this.#maxBuffered} records before the report metadata`,
        );
      this.#buffered.push(rec);
      return;
    }
    this.#handlers.onRecord?.(rec);
  }
}

/** Thrown from a handler to stop sax once `onHeader` declined the report; caught by `write`/`end`. */
const STOP = Symbol('stop');

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** True when the element declares the RFC 9990 namespace (as the default namespace or for a prefix). */
function declaresNamespace(attrs: Record<string, string | sax.QualifiedAttribute>): boolean {
  for (const [k, v] of Object.entries(attrs))
    if (
      (k === 'xmlns' || k.startsWith('xmlns:')) &&
      typeof v === 'string' &&
      v.trim() === DMARC_XML_NAMESPACE
    )
      return true;
  return false;
}

/**
 * Reads a whole aggregate report held in memory.
 * @throws {@link ReportReadError} when it is not a complete, well-formed aggregate report.
 */
export function parseAggregateXml(text: string, input = 'report.xml'): AggregateReport {
  const records: AggregateRecord[] = [];
  const reader = new AggregateXmlReader(input, { onRecord: (r) => records.push(r) });
  reader.write(text);
  const s = reader.end();
  const report: AggregateReport = {
    format: s.format,
    metadata: s.metadata,
    policy: s.policy,
    records,
    tolerated: s.tolerated,
  };
  if (s.version !== undefined) report.version = s.version;
  return report;
}
