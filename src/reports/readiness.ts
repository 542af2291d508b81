/**
 * Enforcement readiness: for `p=quarantine` and `p=reject`, how much of the reported mail would have been
 * affected in the period, which of it is legitimate (a known sender's mail, forwarded mail) and which is
 * unauthorized, and the senders to fix first with what to fix for each.
 *
 * The reports' own results decide (RFC 7489 §7.2.1.1 / RFC 9990 §2.1: `<policy_evaluated>` holds the DMARC-aligned
 * DKIM and SPF results): a message fails DMARC when neither is `pass`. What the receivers already did is
 * honoured: a failing message already quarantined or rejected is *already enforced*, not newly affected. The
 * record's `t=y` (RFC 9989 §4.7, `<testing>y</testing>`) is honoured too: while it stays, receivers apply one
 * level lower (reject → quarantine, quarantine → none), which `affectedIfTestingKept` shows.
 *
 * @module
 */

import { organizationalDomain7489 } from '../dmarc/index.js';
import type { ClassifiedRow, DomainInventory } from './inventory.js';
import { inventoryFromClassified } from './inventory.js';
import type { PolicyPublished } from './types.js';

/** The policy a domain published, as the latest report in the period showed it. */
export interface PublishedPolicySeen extends PolicyPublished {
  /** End of the report that showed it (seconds since the epoch). */
  seenAt: number;
}

/** Options of {@link assessReadiness}. */
export interface ReadinessOptions {
  /**
   * The largest share (0..1) of all messages that may be legitimate mail newly affected for a target to be
   * `ready` (default 0.001, i.e. 0.1 %; 0 asks for a clean history).
   */
  maxLegitimateShare?: number;
  /** The latest published policy per domain (from the reports), to honour `t=` and say what is in force. */
  policies?: Readonly<Record<string, PublishedPolicySeen>>;
}

/** The outcome for one target policy. Counts are messages. */
export interface ReadinessTarget {
  policy: 'quarantine' | 'reject';
  /** Messages failing DMARC in the period. */
  failing: number;
  /** Failing messages the receivers already quarantined or rejected (at least as strong as the target). */
  alreadyEnforced: number;
  /** Failing messages whose handling would change (the receivers did less than the target). */
  affected: number;
  /** Of `affected`: mail of known senders (including forwarded mail). */
  affectedLegitimate: number;
  /** Of `affected`: unauthorized sources. */
  affectedUnauthorized: number;
  /** `affectedLegitimate / messages` (0..1). */
  legitimateShare: number;
  /** Of `affected`: messages a receiver already exempted by local policy (a `<reason>` such as forwarded, mailing_list). */
  overridden: number;
  /** With `t=y` kept, the messages affected at the level receivers would apply (one lower). */
  affectedIfTestingKept?: number;
  verdict: 'ready' | 'not-ready';
}

/** One sender's part in the readiness, with what to fix. */
export interface SenderReadiness {
  id: string;
  name: string;
  kind: DomainInventory['senders'][number]['kind'];
  messages: number;
  /** Messages failing DMARC. */
  failing: number;
  /** `failing / messages` (0..1). */
  failingShare: number;
  /** Of the failing, forwarded messages. */
  forwardedFailing: number;
  /** What to change, most effective first (sentences). */
  fixes: string[];
}

/** The readiness of one domain. */
export interface DomainReadiness {
  domain: string;
  period: { from: number; to: number };
  messages: number;
  dmarcPass: number;
  /** The policy in force, per the latest report; absent when no report showed one. */
  current?: PublishedPolicySeen;
  quarantine: ReadinessTarget;
  reject: ReadinessTarget;
  /** Senders with failing legitimate mail, most failing messages first (the ones to fix first). */
  fixFirst: SenderReadiness[];
  /** Unauthorized messages in the period (what enforcement is meant to stop). */
  unauthorized: number;
}

const STRENGTH: Readonly<Record<string, number>> = { none: 0, pass: 0, quarantine: 1, reject: 2 };

function aligned(mailFrom: string, domain: string): boolean {
  const a = organizationalDomain7489(mailFrom);
  return a !== null && a === organizationalDomain7489(domain);
}

function fixesFor(rows: readonly ClassifiedRow[], domain: string): string[] {
  const fixes = new Set<string>();
  for (const c of rows) {
    if (c.facts.dmarcPass) continue;
    const r = c.row;
    const from = r.headerFrom || domain;
    if (r.reasons.some((x) => x.type === 'mailing_list')) {
      fixes.add(
        'mailing-list mail: the list changes messages, breaking DKIM; ask the list to rewrite From for DMARC domains, or rely on receivers that honour ARC',
      );
      continue;
    }
    if (c.forwarded) {
      fixes.add(
        `forwarded mail fails because it has no intact DKIM signature with d=${from}: sign every message with an aligned d= (DKIM survives forwarding, SPF does not)`,
      );
      continue;
    }
    const thirdPartyDkim = c.facts.passingDkim.find((d) => !aligned(d.domain, from));
    if (c.kind === 'spf' && !aligned(c.facts.mailFrom, from))
      fixes.add(
        `SPF passes for ${c.facts.mailFrom}, which is not aligned with ${from}: use a MAIL FROM (return-path) in ${from} at this sender`,
      );
    if (thirdPartyDkim)
      fixes.add(
        `DKIM passes with d=${thirdPartyDkim.domain}, not aligned: sign with d=${from} (publish the sender's key under ${from})`,
      );
    else if (c.facts.passingDkim.length === 0 && c.kind !== 'unauthorized')
      fixes.add(`no passing DKIM signature: sign with d=${from}`);
    if (c.kind === 'mailfrom' || c.kind === 'dkim')
      fixes.add(
        `its servers are not in ${from}'s SPF record: add the sender's include (and a MAIL FROM in ${from})`,
      );
  }
  return [...fixes];
}

/**
 * Assesses enforcement readiness per domain from classified traffic (see `classifyTraffic`).
 * Pure: no DNS (the classification already ran check_host()).
 */
export function assessReadiness(
  classified: readonly ClassifiedRow[],
  options: ReadinessOptions = {},
): DomainReadiness[] {
  const maxShare = options.maxLegitimateShare ?? 0.001;
  const inventories = new Map(inventoryFromClassified(classified).map((i) => [i.domain, i]));
  const byDomain = new Map<string, ClassifiedRow[]>();
  for (const c of classified) {
    const l = byDomain.get(c.row.domain);
    if (l) l.push(c);
    else byDomain.set(c.row.domain, [c]);
  }
  const out: DomainReadiness[] = [];
  for (const [domain, rows] of [...byDomain].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const inv = inventories.get(domain) as DomainInventory;
    const current = options.policies?.[domain];
    const testing = current?.testing === 'y';
    const target = (policy: 'quarantine' | 'reject'): ReadinessTarget => {
      const t: ReadinessTarget = {
        policy,
        failing: 0,
        alreadyEnforced: 0,
        affected: 0,
        affectedLegitimate: 0,
        affectedUnauthorized: 0,
        legitimateShare: 0,
        overridden: 0,
        verdict: 'ready',
      };
      const lower = policy === 'reject' ? 'quarantine' : 'none';
      let affectedLower = 0;
      for (const c of rows) {
        if (c.facts.dmarcPass) continue;
        const n = c.row.count;
        t.failing += n;
        const done = STRENGTH[c.row.disposition] ?? 0;
        if (done >= (STRENGTH[policy] ?? 0)) {
          t.alreadyEnforced += n;
        } else {
          t.affected += n;
          if (c.kind === 'unauthorized') t.affectedUnauthorized += n;
          else t.affectedLegitimate += n;
          if (c.row.reasons.length > 0) t.overridden += n;
        }
        if (done < (STRENGTH[lower] ?? 0)) affectedLower += n;
      }
      t.legitimateShare = inv.messages > 0 ? t.affectedLegitimate / inv.messages : 0;
      if (testing) t.affectedIfTestingKept = lower === 'none' ? 0 : affectedLower;
      t.verdict = t.legitimateShare <= maxShare ? 'ready' : 'not-ready';
      return t;
    };
    const bySender = new Map<string, ClassifiedRow[]>();
    for (const c of rows) {
      const l = bySender.get(c.senderId);
      if (l) l.push(c);
      else bySender.set(c.senderId, [c]);
    }
    const fixFirst: SenderReadiness[] = [];
    for (const s of inv.senders) {
      if (s.kind === 'unauthorized') continue;
      const srows = bySender.get(s.id) ?? [];
      let failing = 0;
      let forwardedFailing = 0;
      for (const c of srows) {
        if (c.facts.dmarcPass) continue;
        failing += c.row.count;
        if (c.forwarded) forwardedFailing += c.row.count;
      }
      if (failing === 0) continue;
      fixFirst.push({
        id: s.id,
        name: s.name,
        kind: s.kind,
        messages: s.messages,
        failing,
        failingShare: s.messages > 0 ? failing / s.messages : 0,
        forwardedFailing,
        fixes: fixesFor(srows, domain),
      });
    }
    fixFirst.sort((a, b) => b.failing - a.failing || (a.id < b.id ? -1 : 1));
    const r: DomainReadiness = {
      domain,
      period: inv.period,
      messages: inv.messages,
      dmarcPass: inv.dmarcPass,
      quarantine: target('quarantine'),
      reject: target('reject'),
      fixFirst,
      unauthorized: inv.unauthorized.reduce((n, u) => n + u.messages, 0),
    };
    if (current) r.current = current;
    out.push(r);
  }
  return out;
}
