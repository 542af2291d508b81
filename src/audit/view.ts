/**
 * The read model of a {@link DomainReport}: the facts the tables, the CSV row, the policy gate and the pull-request
 * gate need (the SPF record and its include tree with the cost of every term, the DMARC record and where it was
 * found, each DKIM selector with its key size, a row per optional section), read from the report's protocol
 * sections in one place so that renderers do not each depend on the section types.
 *
 * Every section already says whether its record was read in one vocabulary ({@link RecordStatus}, set by the
 * protocol where it reads the record, with a `statusDetail` for its particular cases): this module copies it,
 * it translates nothing.
 *
 * All text here is untrusted DNS text: renderers escape it.
 *
 * @module
 */

import type { DkimAudit } from '../dkim/index.js';
import type { DmarcAudit } from '../dmarc/index.js';
import type { DnsSource } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import type { SpfAudit, SpfTermInfo, SpfTreeNode } from '../spf/index.js';
import type { DomainReport } from './audit.js';
import { isDnsTrouble } from './dns-trouble.js';

export type { RecordStatus } from '../findings/record-status.js';

/** One node of the SPF include tree. */
export interface SpfTreeView {
  /** The domain whose record this is. */
  domain: string;
  /** How it was reached: the checked domain itself, an `include`, or a `redirect`. */
  via: 'root' | 'include' | 'redirect';
  /** The include/redirect term of the parent that leads here, as written. */
  viaTerm?: string;
  /** The qualifier of the `include` term that reached it (`+` when none was written). */
  qualifier?: string;
  /** The record text, when one was found. */
  record?: string;
  /** Every v=spf1 record, when there are several. */
  records?: string[];
  /** Status of the record at this node (`loop`: already on the path; `not-expanded`: the analysis's node cap). */
  status: SpfTreeNode['status'];
  /** Why the status is what it is, when it is not `found` (e.g. `TXT example.com: TIMEOUT`). */
  detail?: string;
  /** DNS-querying terms in this record itself (RFC 7208 §4.6.4). */
  lookups: number;
  /** DNS-querying terms of this record and everything below it. */
  totalLookups: number;
  /** Void lookups of this record and everything below it. */
  voidLookups: number;
  /**
   * The record's terms in record order, with their cost (1 for a reached DNS-querying term), what they resolved
   * to, and `child` (an index into `children`) for an include or redirect that was followed.
   */
  terms: readonly SpfTermInfo[];
  children: SpfTreeView[];
}

/** SPF facts. */
export interface SpfView {
  status: RecordStatus;
  record?: string;
  source?: DnsSource;
  /** The qualifier of the `all` that ends the effective record (after redirects), or `undefined` when there is none. */
  allQualifier?: '+' | '-' | '~' | '?';
  /** DNS-querying terms over the whole include tree. */
  lookups?: number;
  /** Void lookups over the tree. */
  voidLookups?: number;
  tree?: SpfTreeView;
  /** Domains reached through `include` (with a `+` qualifier) anywhere in the tree, lower-case. */
  includes: string[];
}

/** DMARC facts. */
export interface DmarcView {
  status: RecordStatus;
  /** Where the policy record was found (`_dmarc.example.com`, or an Organizational Domain's `_dmarc` name). */
  name?: string;
  /** True when the policy came from another name than `_dmarc.<domain>` (Organizational Domain or PSD). */
  inherited?: boolean;
  record?: string;
  source?: DnsSource;
  p?: string;
  sp?: string;
  np?: string;
  adkim?: 'r' | 's';
  aspf?: 'r' | 's';
  rua: string[];
  ruf: string[];
}

/** One DKIM selector. */
export interface DkimSelectorView {
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /** `found`: a usable key; `none`: no record; `invalid`: no usable record; `dns-error`. */
  status: RecordStatus;
  /** `revoked`: an `invalid` selector whose key is revoked (empty `p=`). */
  statusDetail?: 'revoked';
  keyType?: string;
  /** Key size in bits (RSA modulus length; 256 for Ed25519). */
  bits?: number;
  record?: string;
  source?: DnsSource;
  testing?: boolean;
}

/** MTA-STS facts, when the audit reports them. */
export interface MtaStsView {
  status: RecordStatus;
  /** `policy-not-fetched`: the record is fine but the policy was not fetched (its mode is unknown). */
  statusDetail?: 'policy-not-fetched';
  mode?: 'none' | 'testing' | 'enforce';
}

/** One row of the records table for the optional sections (MX, MTA-STS, TLS-RPT, BIMI). */
export interface ExtraRecordView {
  /** `MX`, `MTA-STS`, `TLS-RPT`, `BIMI`. */
  label: string;
  /** The DNS name asked. */
  name: string;
  status: RecordStatus;
  /** The section's particular case (`null-mx`, `nxdomain`, `policy-not-fetched`, `declined`), when it has one. */
  statusDetail?: string;
  /** The record text (TXT) or the MX hosts, when found. */
  record?: string;
  source?: DnsSource;
  /** A short summary for people (`mode enforce`, `2 hosts`, `null MX: receives no mail`...). */
  detail?: string;
}

/** Everything renderers and the gate read from one report. */
export interface ReportView {
  domain: string;
  spf: SpfView;
  dmarc: DmarcView;
  dkim: DkimSelectorView[];
  /**
   * When no selector was given and common selectors were probed: how many probes DNS trouble left unchecked
   * (so "no selector found" would be wrong), and the failure kinds.
   */
  dkimUnchecked?: { count: number; probed: number; kinds: string[] };
  /** Present when the report has an MTA-STS section. */
  mtaSts?: MtaStsView;
  /** Rows for the optional sections present in the report, in a fixed order. */
  extras: ExtraRecordView[];
}

/** True when the report has a DNS-trouble finding (see `isDnsTrouble`) for `area` (`spf`, `dmarc`, `dkim`...). */
export function hasTrouble(findings: readonly Finding[], area: string): boolean {
  return findings.some((f) => f.id.startsWith(`${area}.`) && isDnsTrouble(f));
}

/**
 * A section's state in one word for tables and CSV cells: its `statusDetail` when it has one (`null-mx`,
 * `nxdomain`, `policy-not-fetched`, `declined`), else its {@link RecordStatus}; undefined for a skipped section.
 */
export function sectionState(
  section: { status: RecordStatus; statusDetail?: string } | undefined,
): string | undefined {
  return section ? (section.statusDetail ?? section.status) : undefined;
}

/** `found` or `invalid`: the record is there, so its tree, costs and networks mean something. */
const readable = (status: RecordStatus) => status === 'found' || status === 'invalid';

function spfView(analysis: SpfAudit, findings: readonly Finding[]): SpfView {
  const tree = analysis.tree;
  const view: SpfView = { status: analysis.status, includes: [] };
  if (analysis.record !== null) view.record = analysis.record;
  const source =
    tree?.source ??
    findings.find((f) => f.id.startsWith('spf.') && f.evidence?.source && f.evidence.name === analysis.domain)
      ?.evidence?.source;
  if (source) view.source = source;
  if (tree && readable(analysis.status)) {
    view.lookups = analysis.lookups;
    view.voidLookups = analysis.voidLookups;
    view.allQualifier = effectiveAll(tree);
    view.includes = passIncludes(tree);
  }
  if (tree) view.tree = viewSpfTree(tree);
  return view;
}

/** The qualifier of the `all` that ends the policy: the root record's, or its redirect target's (RFC 7208 §6.1). */
function effectiveAll(node: SpfTreeNode): SpfView['allQualifier'] {
  for (let n: SpfTreeNode | undefined = node, hops = 0; n && hops < 12; hops++) {
    const all = n.terms.find((t) => t.kind === 'mechanism' && t.name === 'all' && t.reached);
    if (all) return (all.qualifier ?? '+') as SpfView['allQualifier'];
    const redirect: SpfTermInfo | undefined = n.terms.find(
      (t) => t.kind === 'modifier' && t.name === 'redirect' && t.reached,
    );
    n = redirect?.child !== undefined ? n.children[redirect.child] : undefined;
  }
  return undefined;
}

/** Domains reached through a `+include` from the policy's root chain (root and redirect targets), recursively. */
function passIncludes(root: SpfTreeNode): string[] {
  const out = new Set<string>();
  const walk = (n: SpfTreeNode, depth: number) => {
    if (depth > 20) return;
    for (const t of n.terms) {
      if (!t.reached || t.child === undefined) continue;
      const child = n.children[t.child];
      if (!child) continue;
      if (t.kind === 'mechanism' && t.name === 'include' && (t.qualifier ?? '+') === '+') {
        out.add(child.domain.toLowerCase());
        walk(child, depth + 1);
      } else if (t.kind === 'modifier' && t.name === 'redirect') {
        walk(child, depth + 1);
      }
    }
  };
  walk(root, 0);
  return [...out];
}

/**
 * The {@link SpfTreeView} of an SPF include tree (`SpfAudit.tree`, also the `spf` command's analysis): every
 * node with its costs and terms, and how it was reached.
 */
export function viewSpfTree(node: SpfTreeNode, qualifier?: string): SpfTreeView {
  const v: SpfTreeView = {
    domain: node.domain,
    via: node.via,
    status: node.status,
    lookups: node.ownLookups,
    totalLookups: node.lookups,
    voidLookups: node.subtreeVoidLookups,
    terms: node.terms,
    children: [],
  };
  if (node.viaTerm !== undefined) v.viaTerm = node.viaTerm;
  if (qualifier !== undefined) v.qualifier = qualifier;
  if (node.record !== undefined) v.record = node.record;
  if (node.records !== undefined) v.records = node.records;
  if (node.detail !== undefined && node.status !== 'found') v.detail = node.detail;
  node.children.forEach((child, i) => {
    const term = node.terms.find((t) => t.child === i);
    v.children.push(viewSpfTree(child, child.via === 'include' ? (term?.qualifier ?? '+') : undefined));
  });
  return v;
}

function dkimView(audit: DkimAudit): DkimSelectorView[] {
  return audit.selectors.map((s) => {
    const rec = s.records.find((r) => r.errors.length === 0 && !r.revoked) ?? s.records[0];
    const v: DkimSelectorView = { selector: s.selector, name: s.name, status: s.status };
    if (s.statusDetail) v.statusDetail = s.statusDetail;
    if (rec) {
      v.record = rec.text;
      v.keyType = rec.keyType ?? rec.k;
      if (rec.bits !== undefined) v.bits = rec.bits;
      if (rec.source) v.source = rec.source;
      if (rec.t.includes('y')) v.testing = true;
    }
    return v;
  });
}

function extras(report: DomainReport): ExtraRecordView[] {
  const out: ExtraRecordView[] = [];
  const d = report.domain;
  const row = (
    label: string,
    name: string,
    section: { status: RecordStatus; statusDetail?: string },
    rec: { text: string; source?: DnsSource } | null,
    detail?: string,
  ) => {
    const r: ExtraRecordView = { label, name, status: section.status };
    if (section.statusDetail) r.statusDetail = section.statusDetail;
    if (rec) {
      r.record = rec.text;
      if (rec.source) r.source = rec.source;
    }
    if (detail) r.detail = detail;
    out.push(r);
  };
  if (report.mx) {
    const mx = report.mx;
    const hosts = mx.hosts.map((h) => `${h.priority} ${h.exchange}`).join(', ');
    const record = mx.nullMx && mx.hosts.length === 0 ? '0 .' : hosts;
    const detail = mx.nullMx
      ? 'null MX: receives no mail'
      : mx.hosts.length
        ? `${mx.hosts.length} host${mx.hosts.length === 1 ? '' : 's'}`
        : undefined;
    row(
      'MX',
      d,
      mx,
      record ? { text: record, ...(mx.hosts[0]?.source ? { source: mx.hosts[0].source } : {}) } : null,
      detail,
    );
  }
  if (report.mtaSts) {
    const m = report.mtaSts;
    row(
      'MTA-STS',
      m.record?.name ?? `_mta-sts.${d}`,
      m,
      m.record,
      m.mode ? `mode ${m.mode}` : m.statusDetail === 'policy-not-fetched' ? 'policy not fetched' : undefined,
    );
  }
  if (report.tlsRpt) {
    const t = report.tlsRpt;
    row('TLS-RPT', t.record?.name ?? `_smtp._tls.${d}`, t, t.record);
  }
  if (report.bimi) {
    const b = report.bimi;
    row(
      'BIMI',
      b.record?.name ?? `${b.selector}._bimi.${d}`,
      b,
      b.record,
      b.statusDetail === 'declined' ? 'declined (empty l= and a=)' : undefined,
    );
  }
  return out;
}

function dmarcView(audit: DmarcAudit): DmarcView {
  const d = audit.discovery;
  const view: DmarcView = { status: audit.status, rua: [], ruf: [] };
  if (audit.recordName) view.name = audit.recordName;
  if (audit.record) view.record = audit.record.text;
  if (audit.source && audit.source !== 'domain') view.inherited = true;
  const lookup = d.lookups.find((l) => l.name === audit.recordName && l.outcome === 'record');
  if (lookup?.recordSource) view.source = { file: lookup.recordSource.file, line: lookup.recordSource.line };
  const published = audit.record?.published;
  const eff = audit.effective;
  if (eff) {
    // The policy for the domain itself: its own p=, or the inherited record's sp=/np= (RFC 9989 §4.10.1).
    view.p = audit.policy ?? eff.p;
    view.sp = eff.sp;
    view.np = eff.np;
    view.adkim = eff.adkim;
    view.aspf = eff.aspf;
    view.rua = eff.rua.filter((u) => u.valid).map((u) => u.uri);
    view.ruf = eff.ruf.filter((u) => u.valid).map((u) => u.uri);
  } else if (published) {
    if (published.p) view.p = published.p;
    if (published.sp) view.sp = published.sp;
    if (published.np) view.np = published.np;
    if (published.adkim) view.adkim = published.adkim;
    if (published.aspf) view.aspf = published.aspf;
    view.rua = (published.rua ?? []).filter((u) => u.valid).map((u) => u.uri);
    view.ruf = (published.ruf ?? []).filter((u) => u.valid).map((u) => u.uri);
  }
  return view;
}

/** Builds the {@link ReportView} of a report. */
export function viewReport(report: DomainReport): ReportView {
  const view: ReportView = {
    domain: report.domain,
    spf: spfView(report.spf, report.findings),
    dmarc: dmarcView(report.dmarc),
    dkim: dkimView(report.dkim),
    extras: extras(report),
  };
  const unchecked = report.dkim.discovery?.unchecked ?? [];
  if (unchecked.length > 0) {
    view.dkimUnchecked = {
      count: unchecked.length,
      probed: report.dkim.discovery?.probed.length ?? unchecked.length,
      kinds: [...new Set(unchecked.map((u) => u.kind))],
    };
  }
  if (report.mtaSts) {
    const m = report.mtaSts;
    view.mtaSts = { status: m.status };
    if (m.statusDetail) view.mtaSts.statusDetail = m.statusDetail;
    if (m.mode) view.mtaSts.mode = m.mode;
  }
  return view;
}
