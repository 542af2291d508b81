/**
 * A flat, renderer-friendly view of a {@link DomainReport}: the facts the tables, the CSV row and the policy
 * gate need (the SPF record and its include tree, the DMARC record and where it was found, each DKIM selector
 * with its key size), read from the report's protocol sections in one place so that renderers do not each
 * depend on the section types.
 *
 * All text here is untrusted DNS text: renderers escape it.
 *
 * @module
 */

import type { DkimAudit } from '../dkim/key.js';
import type { DmarcAudit } from '../dmarc/audit.js';
import { type DnsSource, TRANSIENT_FAILURES } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { MtaStsAudit } from '../mtasts/audit.js';
import type { SpfAnalysis, SpfTermInfo, SpfTreeNode } from '../spf/analyze.js';
import type { DomainReport } from './audit.js';
import { isDnsTrouble } from './dns-trouble.js';

/** Whether a record was found, and if not, why. `dns-error`: a TIMEOUT/SERVFAIL/REFUSED stopped the check. */
export type RecordStatus = 'found' | 'none' | 'multiple' | 'invalid' | 'dns-error';

/** One node of the SPF include tree. */
export interface SpfTreeView {
  /** The domain whose record this is. */
  domain: string;
  /** How it was reached: the checked domain itself, an `include`, or a `redirect`. */
  via: 'root' | 'include' | 'redirect';
  /** The qualifier of the `include` term that reached it (`+` when none was written). */
  qualifier?: string;
  /** The record text, when one was found. */
  record?: string;
  /** Status of the record at this node. */
  status: RecordStatus | 'loop' | 'limit';
  /** DNS-querying terms in this record itself (RFC 7208 §4.6.4). */
  lookups: number;
  /** DNS-querying terms of this record and everything below it. */
  totalLookups: number;
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
  /** `found`: a usable key; `none`: no record; `invalid`: unusable record; `revoked`: empty p=. */
  status: RecordStatus | 'revoked';
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
  mode?: 'none' | 'testing' | 'enforce';
}

/** One row of the records table for the optional sections (MX, MTA-STS, TLS-RPT, BIMI). */
export interface ExtraRecordView {
  /** `MX`, `MTA-STS`, `TLS-RPT`, `BIMI`. */
  label: string;
  /** The DNS name asked. */
  name: string;
  status: RecordStatus;
  /** The record text (TXT) or the MX hosts, when found. */
  record?: string;
  source?: DnsSource;
  /** A short summary (`mode enforce`, `2 hosts`...). */
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

function spfView(analysis: SpfAnalysis, findings: readonly Finding[]): SpfView {
  const tree = analysis.tree;
  const troubleAtRoot = analysis.dnsErrors.some((e) => e.name === analysis.domain && e.type === 'TXT');
  let status: RecordStatus;
  if (troubleAtRoot || tree?.status === 'dns-error') status = 'dns-error';
  else if (analysis.records.length > 1 || tree?.status === 'multiple') status = 'multiple';
  else if (analysis.record === null) status = 'none';
  else if (tree?.status === 'syntax-error') status = 'invalid';
  else status = 'found';
  const view: SpfView = { status, includes: [] };
  if (analysis.record !== null) view.record = analysis.record;
  const source =
    analysis.tree?.source ??
    findings.find((f) => f.id.startsWith('spf.') && f.evidence?.source && f.evidence.name === analysis.domain)
      ?.evidence?.source;
  if (source) view.source = source;
  if (tree && status !== 'dns-error' && status !== 'none' && status !== 'multiple') {
    view.lookups = analysis.lookups;
    view.voidLookups = analysis.voidLookups;
    view.allQualifier = effectiveAll(tree);
    view.includes = passIncludes(tree);
  }
  if (tree) view.tree = treeView(tree, 'root');
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

const TREE_STATUS: Record<SpfTreeNode['status'], SpfTreeView['status']> = {
  ok: 'found',
  none: 'none',
  multiple: 'multiple',
  'syntax-error': 'invalid',
  'dns-error': 'dns-error',
  loop: 'loop',
  'not-expanded': 'limit',
};

function treeView(node: SpfTreeNode, via: SpfTreeView['via'], qualifier?: string): SpfTreeView {
  const v: SpfTreeView = {
    domain: node.domain,
    via,
    status: TREE_STATUS[node.status] ?? 'invalid',
    lookups: node.ownLookups,
    totalLookups: node.lookups,
    children: [],
  };
  if (qualifier !== undefined) v.qualifier = qualifier;
  if (node.record !== undefined) v.record = node.record;
  node.children.forEach((child, i) => {
    const term = node.terms.find((t) => t.child === i);
    const childVia = term?.kind === 'modifier' ? 'redirect' : 'include';
    v.children.push(treeView(child, childVia, childVia === 'include' ? (term?.qualifier ?? '+') : undefined));
  });
  return v;
}

function dkimView(audit: DkimAudit): DkimSelectorView[] {
  return audit.selectors.map((s) => {
    const usable = s.records.find((r) => r.errors.length === 0 && !r.revoked);
    const rec = usable ?? s.records[0];
    let status: DkimSelectorView['status'];
    if (s.status === 'error')
      status = s.dnsError && !TRANSIENT_FAILURES.has(s.dnsError) ? 'none' : 'dns-error';
    else if (s.status === 'missing' || !rec) status = 'none';
    else if (usable) status = 'found';
    else if (rec.revoked) status = 'revoked';
    else status = 'invalid';
    const v: DkimSelectorView = { selector: s.selector, name: s.name, status };
    if (rec) {
      v.record = rec.text;
      if (rec.keyType) v.keyType = rec.keyType;
      else v.keyType = rec.k;
      if (rec.bits !== undefined) v.bits = rec.bits;
      if (rec.source) v.source = rec.source;
      if (rec.t.includes('y')) v.testing = true;
    }
    return v;
  });
}

function mtaStsView(audit: MtaStsAudit): MtaStsView {
  const status: RecordStatus =
    audit.status === 'valid'
      ? 'found'
      : audit.status === 'absent'
        ? 'none'
        : audit.status === 'dns-error'
          ? 'dns-error'
          : 'invalid';
  const v: MtaStsView = { status };
  if (audit.mode) v.mode = audit.mode;
  return v;
}

const SECTION_STATUS: Record<string, RecordStatus> = {
  valid: 'found',
  published: 'found',
  hosts: 'found',
  'null-mx': 'found',
  declined: 'found',
  'not-fetched': 'found',
  absent: 'none',
  none: 'none',
  nxdomain: 'none',
  'dns-error': 'dns-error',
  invalid: 'invalid',
};

function extras(report: DomainReport): ExtraRecordView[] {
  const out: ExtraRecordView[] = [];
  const d = report.domain;
  const row = (
    label: string,
    name: string,
    status: string,
    rec: { text: string; source?: DnsSource } | null,
    detail?: string,
  ) => {
    const r: ExtraRecordView = { label, name, status: SECTION_STATUS[status] ?? 'invalid' };
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
      mx.status,
      record ? { text: record, ...(mx.hosts[0]?.source ? { source: mx.hosts[0].source } : {}) } : null,
      detail,
    );
  }
  if (report.mtaSts) {
    const m = report.mtaSts;
    row(
      'MTA-STS',
      m.record?.name ?? `_mta-sts.${d}`,
      m.status,
      m.record,
      m.mode ? `mode ${m.mode}` : m.status === 'not-fetched' ? 'policy not fetched' : undefined,
    );
  }
  if (report.tlsRpt) {
    const t = report.tlsRpt;
    row('TLS-RPT', t.record?.name ?? `_smtp._tls.${d}`, t.status, t.record);
  }
  if (report.bimi) {
    const b = report.bimi;
    row(
      'BIMI',
      b.record?.name ?? `${b.selector}._bimi.${d}`,
      b.status,
      b.record,
      b.status === 'declined' ? 'declined (empty l= and a=)' : undefined,
    );
  }
  return out;
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
  if (report.mtaSts) view.mtaSts = mtaStsView(report.mtaSts);
  return view;
}

function dmarcView(audit: DmarcAudit): DmarcView {
  const d = audit.discovery;
  let status: RecordStatus;
  if (audit.record) status = audit.record.isDmarc && audit.effective ? 'found' : 'invalid';
  else if (d.noRecordReason === 'dns-error') status = 'dns-error';
  else if (d.noRecordReason === 'multiple-records') status = 'multiple';
  else status = 'none';
  const view: DmarcView = { status, rua: [], ruf: [] };
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
