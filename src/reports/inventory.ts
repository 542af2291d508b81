/**
 * The sender inventory of a domain: the reported traffic grouped into senders.
 *
 * - A source address that the Author Domain's SPF record authorizes belongs to the sender named by the term
 *   that authorizes it (`include:sendgrid.net` → SendGrid; `ip4:192.0.2.0/24`; `mx`), see `attribution.ts`.
 * - Otherwise, a passing DKIM signature names it: a (`d=`, selector) pair that the domain's SPF-authorized
 *   senders also sign with belongs to that sender (its mail came through a forwarder); any other passing
 *   `d=` is a sender of its own (`dkim:esp.example`).
 * - Otherwise, SPF passing for another MAIL FROM domain names it (`mailfrom:bounces.esp.example`).
 * - What is left is unauthorized, listed per source address with its volume.
 *
 * A message is *likely forwarded* when its source address is not authorized by the domain's SPF, SPF did not
 * pass for it, and DKIM passed and aligned (the original signature survived the relay); or when its passing
 * (`d=`, selector) belongs to an SPF-authorized sender of the domain.
 *
 * @module
 */

import type { SpfAttribution, SpfAttributor } from './attribution.js';
import { providerName } from './providers.js';
import type { TrafficRow } from './traffic.js';

/** How a sender was identified. */
export type SenderKind = 'spf' | 'dkim' | 'mailfrom' | 'unauthorized';

/** One sender of a domain, with what the reports say about its mail. Counts are messages. */
export interface Sender {
  /** Stable id within the domain: `spf:include:sendgrid.net`, `spf:ip4:192.0.2.0/24`, `dkim:esp.example`, `mailfrom:...`, `unauthorized`. */
  id: string;
  kind: SenderKind;
  /** A display name: the provider when known, else the include, term, `d=` or domain. */
  name: string;
  /** For `spf`: the authorizing term of the domain's record, and the include's target when it is an include. */
  spf?: { term: string; termDomain: string; include?: string };
  messages: number;
  /** Messages whose DMARC result was pass (aligned SPF or aligned DKIM pass, as the receivers evaluated it). */
  dmarcPass: number;
  /** `dmarcPass / messages` (0..1). */
  dmarcPassRate: number;
  /** Messages with an aligned SPF pass (`<policy_evaluated><spf>` pass). */
  spfAligned: number;
  /** Messages with an aligned DKIM pass (`<policy_evaluated><dkim>` pass). */
  dkimAligned: number;
  /** Messages for which SPF passed for some domain (`<auth_results><spf>`), aligned or not. */
  spfPass: number;
  /** Messages with at least one passing DKIM signature, aligned or not. */
  dkimPass: number;
  /** Messages likely relayed by a forwarder (see the module documentation). */
  forwarded: number;
  /** What the receivers did: messages per disposition (`none`, `quarantine`, `reject`, `pass`). */
  dispositions: Record<string, number>;
  /** Passing DKIM signatures seen: `d=`, selector (`''` when not reported), messages, aligned with the From domain. */
  dkimSigners: Array<{ domain: string; selector: string; messages: number }>;
  /** MAIL FROM domains seen (from `<envelope_from>`, else the SPF result's domain), with messages. */
  mailFrom: Array<{ domain: string; messages: number }>;
  /** Source addresses, most messages first (all of them: a sender rarely has many). */
  sources: Array<{ ip: string; messages: number }>;
  /** Seconds since the epoch. */
  firstSeen: number;
  lastSeen: number;
}

/** One unauthorized source address. */
export interface UnauthorizedSource {
  ip: string;
  messages: number;
  /** From domains it used. */
  headerFrom: string[];
  dispositions: Record<string, number>;
  /** The check_host() result for it (fail, softfail, neutral, none...). */
  spf: string;
  firstSeen: number;
  lastSeen: number;
}

/** The inventory of one domain. */
export interface DomainInventory {
  domain: string;
  /** Seconds since the epoch: the earliest report begin and the latest report end in the traffic. */
  period: { from: number; to: number };
  messages: number;
  dmarcPass: number;
  /** Senders, most messages first; the `unauthorized` sender (when any) last. */
  senders: Sender[];
  /** Unauthorized sources, most messages first. */
  unauthorized: UnauthorizedSource[];
  /** SPF attributions that DNS trouble left undecided (temperror), by address: their rows are in `unauthorized`. */
  undetermined: string[];
}

/** Per-row facts the inventory, readiness and what-if share. */
export interface RowFacts {
  dmarcPass: boolean;
  spfPass: boolean;
  passingDkim: Array<{ domain: string; selector: string }>;
  mailFrom: string;
}

/** The MAIL FROM domain of a row: `<envelope_from>`, else an SPF result's domain (mfrom scope first), else the From domain. */
export function mailFromDomain(r: TrafficRow): string {
  if (r.envelopeFrom) return r.envelopeFrom;
  const mfrom = r.spfResults.find((s) => s.domain !== '' && s.scope !== 'helo');
  return mfrom?.domain ?? r.headerFrom;
}

/** The facts of one row (see {@link RowFacts}). */
export function rowFacts(r: TrafficRow): RowFacts {
  return {
    dmarcPass: r.dkim === 'pass' || r.spf === 'pass',
    spfPass: r.spfResults.some((s) => s.result === 'pass'),
    passingDkim: r.dkimResults
      .filter((d) => d.result === 'pass' && d.domain !== '')
      .map((d) => ({ domain: d.domain, selector: d.selector ?? '' })),
    mailFrom: mailFromDomain(r),
  };
}

/** Options of {@link buildInventory}. */
export interface InventoryOptions {
  /** Runs check_host() per (From domain, source address), cached. */
  attributor: SpfAttributor;
}

/** A row with its sender, as classified by {@link classifyTraffic}. */
export interface ClassifiedRow {
  row: TrafficRow;
  facts: RowFacts;
  attribution: SpfAttribution;
  senderId: string;
  kind: SenderKind;
  name: string;
  forwarded: boolean;
}

function spfSenderId(a: SpfAttribution): string {
  return `spf:${a.term ?? '?'}`;
}

/**
 * Classifies every row into a sender (see the module documentation). Rows of all domains may be mixed;
 * senders are per policy domain.
 */
export async function classifyTraffic(
  traffic: readonly TrafficRow[],
  attributor: SpfAttributor,
): Promise<ClassifiedRow[]> {
  const attributions = await Promise.all(traffic.map((r) => attributor.attribute(r.headerFrom, r.sourceIp)));
  // (domain, d=, selector) → the SPF sender that signs with it in directly delivered mail
  const signers = new Map<string, { id: string; name: string; messages: number }>();
  const facts = traffic.map(rowFacts);
  traffic.forEach((r, i) => {
    const a = attributions[i] as SpfAttribution;
    if (a.result !== 'pass') return;
    for (const s of (facts[i] as RowFacts).passingDkim) {
      const key = `${r.domain}\u0000${s.domain}\u0000${s.selector}`;
      const prev = signers.get(key);
      if (!prev || prev.messages < r.count)
        signers.set(key, { id: spfSenderId(a), name: spfName(a), messages: r.count });
    }
  });
  return traffic.map((row, i) => {
    const a = attributions[i] as SpfAttribution;
    const f = facts[i] as RowFacts;
    if (a.result === 'pass')
      return {
        row,
        facts: f,
        attribution: a,
        senderId: spfSenderId(a),
        kind: 'spf',
        name: spfName(a),
        forwarded: false,
      };
    for (const s of f.passingDkim) {
      const owner = signers.get(`${row.domain}\u0000${s.domain}\u0000${s.selector}`);
      if (owner)
        return {
          row,
          facts: f,
          attribution: a,
          senderId: owner.id,
          kind: 'spf',
          name: owner.name,
          forwarded: true,
        };
    }
    const likelyForwarded = !f.spfPass && row.dkim === 'pass';
    const signer = f.passingDkim[0];
    if (signer) {
      const name = providerName(signer.domain) ?? signer.domain;
      return {
        row,
        facts: f,
        attribution: a,
        senderId: `dkim:${signer.domain}`,
        kind: 'dkim',
        name,
        forwarded: likelyForwarded,
      };
    }
    if (f.spfPass) {
      const d = row.spfResults.find((s) => s.result === 'pass')?.domain ?? f.mailFrom;
      return {
        row,
        facts: f,
        attribution: a,
        senderId: `mailfrom:${d}`,
        kind: 'mailfrom',
        name: providerName(d) ?? d,
        forwarded: false,
      };
    }
    return {
      row,
      facts: f,
      attribution: a,
      senderId: 'unauthorized',
      kind: 'unauthorized',
      name: 'unauthorized sources',
      forwarded: false,
    };
  });
}

function spfName(a: SpfAttribution): string {
  if (a.provider) return a.provider;
  return a.term ?? 'SPF';
}

function bump(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

function topList<K extends string>(
  m: Map<string, number>,
  key: K,
): Array<Record<K, string> & { messages: number }> {
  return [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, messages]) => ({ [key]: k, messages }) as Record<K, string> & { messages: number });
}

/**
 * Builds the inventory of every domain in `traffic` (one {@link DomainInventory} per policy domain, sorted by
 * domain). Runs check_host() once per distinct (From domain, source address) through `options.attributor`.
 */
export async function buildInventory(
  traffic: readonly TrafficRow[],
  options: InventoryOptions,
): Promise<DomainInventory[]> {
  const classified = await classifyTraffic(traffic, options.attributor);
  return inventoryFromClassified(classified);
}

/** Builds inventories from rows already classified by {@link classifyTraffic}. */
export function inventoryFromClassified(classified: readonly ClassifiedRow[]): DomainInventory[] {
  const byDomain = new Map<string, ClassifiedRow[]>();
  for (const c of classified) {
    const list = byDomain.get(c.row.domain);
    if (list) list.push(c);
    else byDomain.set(c.row.domain, [c]);
  }
  const out: DomainInventory[] = [];
  for (const [domain, rows] of [...byDomain].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const senders = new Map<
      string,
      Sender & {
        _signers: Map<string, number>;
        _mailFrom: Map<string, number>;
        _sources: Map<string, number>;
      }
    >();
    const unauthorized = new Map<string, UnauthorizedSource & { _from: Set<string> }>();
    const undetermined = new Set<string>();
    const inv: DomainInventory = {
      domain,
      period: { from: Number.POSITIVE_INFINITY, to: 0 },
      messages: 0,
      dmarcPass: 0,
      senders: [],
      unauthorized: [],
      undetermined: [],
    };
    for (const c of rows) {
      const r = c.row;
      inv.messages += r.count;
      if (c.facts.dmarcPass) inv.dmarcPass += r.count;
      inv.period.from = Math.min(inv.period.from, r.firstSeen);
      inv.period.to = Math.max(inv.period.to, r.lastSeen);
      let s = senders.get(c.senderId);
      if (!s) {
        s = {
          id: c.senderId,
          kind: c.kind,
          name: c.name,
          messages: 0,
          dmarcPass: 0,
          dmarcPassRate: 0,
          spfAligned: 0,
          dkimAligned: 0,
          spfPass: 0,
          dkimPass: 0,
          forwarded: 0,
          dispositions: {},
          dkimSigners: [],
          mailFrom: [],
          sources: [],
          firstSeen: r.firstSeen,
          lastSeen: r.lastSeen,
          _signers: new Map(),
          _mailFrom: new Map(),
          _sources: new Map(),
        };
        if (c.kind === 'spf' && c.attribution.result === 'pass' && c.attribution.term) {
          s.spf = { term: c.attribution.term, termDomain: c.attribution.termDomain ?? r.headerFrom };
          if (c.attribution.include) s.spf.include = c.attribution.include;
        }
        senders.set(c.senderId, s);
      }
      if (!s.spf && c.kind === 'spf' && c.attribution.result === 'pass' && c.attribution.term) {
        s.spf = { term: c.attribution.term, termDomain: c.attribution.termDomain ?? r.headerFrom };
        if (c.attribution.include) s.spf.include = c.attribution.include;
      }
      s.messages += r.count;
      if (c.facts.dmarcPass) s.dmarcPass += r.count;
      if (r.spf === 'pass') s.spfAligned += r.count;
      if (r.dkim === 'pass') s.dkimAligned += r.count;
      if (c.facts.spfPass) s.spfPass += r.count;
      if (c.facts.passingDkim.length > 0) s.dkimPass += r.count;
      if (c.forwarded) s.forwarded += r.count;
      bump(s.dispositions, r.disposition || 'none', r.count);
      for (const d of c.facts.passingDkim) {
        const k = `${d.domain}\u0000${d.selector}`;
        s._signers.set(k, (s._signers.get(k) ?? 0) + r.count);
      }
      s._mailFrom.set(c.facts.mailFrom, (s._mailFrom.get(c.facts.mailFrom) ?? 0) + r.count);
      s._sources.set(r.sourceIp, (s._sources.get(r.sourceIp) ?? 0) + r.count);
      s.firstSeen = Math.min(s.firstSeen, r.firstSeen);
      s.lastSeen = Math.max(s.lastSeen, r.lastSeen);
      if (c.kind === 'unauthorized') {
        if (c.attribution.result === 'temperror') undetermined.add(r.sourceIp);
        let u = unauthorized.get(r.sourceIp);
        if (!u) {
          u = {
            ip: r.sourceIp,
            messages: 0,
            headerFrom: [],
            dispositions: {},
            spf: c.attribution.result,
            firstSeen: r.firstSeen,
            lastSeen: r.lastSeen,
            _from: new Set(),
          };
          unauthorized.set(r.sourceIp, u);
        }
        u.messages += r.count;
        u._from.add(r.headerFrom);
        bump(u.dispositions, r.disposition || 'none', r.count);
        u.firstSeen = Math.min(u.firstSeen, r.firstSeen);
        u.lastSeen = Math.max(u.lastSeen, r.lastSeen);
      }
    }
    for (const s of senders.values()) {
      const { _signers, _mailFrom, _sources, ...sender } = s;
      sender.dmarcPassRate = sender.messages > 0 ? sender.dmarcPass / sender.messages : 0;
      sender.dkimSigners = [..._signers]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([k, messages]) => {
          const [d, sel] = k.split('\u0000');
          return { domain: d ?? '', selector: sel ?? '', messages };
        });
      sender.mailFrom = topList(_mailFrom, 'domain');
      sender.sources = topList(_sources, 'ip');
      inv.senders.push(sender);
    }
    inv.senders.sort(
      (a, b) =>
        Number(a.kind === 'unauthorized') - Number(b.kind === 'unauthorized') ||
        b.messages - a.messages ||
        (a.id < b.id ? -1 : 1),
    );
    inv.unauthorized = [...unauthorized.values()]
      .map(({ _from, ...u }) => ({ ...u, headerFrom: [..._from].sort() }))
      .sort((a, b) => b.messages - a.messages || (a.ip < b.ip ? -1 : 1));
    inv.undetermined = [...undetermined].sort();
    if (!Number.isFinite(inv.period.from)) inv.period.from = 0;
    out.push(inv);
  }
  return out;
}
