/**
 * What-if on real traffic: replays every reported sender against today's DNS and against proposed DNS (zone
 * files laid over today's, `overlayResolver`), and lists the senders whose mail would go from DMARC pass to
 * fail, with their volume and the DNS records whose change causes it.
 *
 * Each distinct (From domain, MAIL FROM domain, source address, DKIM signatures) of the reports is replayed
 * twice, with the same code a receiver runs:
 * - SPF: check_host() (RFC 7208 §4) with the source address and the MAIL FROM domain;
 * - DKIM: a signature that passed in the report still passes when its selector still publishes a usable key
 *   (RFC 6376 §3.6.1: the record parses, is not revoked, the key is readable); one that failed stays failed
 *   (a signature cannot be re-verified without the message); a signature reported without a selector cannot
 *   be checked and keeps its reported result (counted in `uncheckedSignatures`);
 * - DMARC: evaluateDmarc() (RFC 9989 §5.3, or RFC 7489 mode) with those results, against the DMARC record
 *   the DNS holds (today's, or the proposed one).
 *
 * The cause of a change is found by comparison, not guessed: every DNS answer the proposed replay read for
 * the method that changed is asked of today's DNS too, and the answers that differ are the causes, each with
 * its zone file line when the proposed answer came from a zone file (`DnsAnswer.source`), or the zone file
 * that no longer holds a removed record.
 *
 * @module
 */

import { parseDkimKeyRecord } from '../dkim/index.js';
import type { DmarcMode } from '../dmarc/index.js';
import { evaluateDmarc } from '../dmarc/index.js';
import { cachedResolver } from '../dns/cache.js';
import { guardedResolver } from '../dns/guard.js';
import {
  type DnsResult,
  type DnsSource,
  isTransientFailure,
  joinTxt,
  normalizeName,
  type Resolver,
  type RRType,
} from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import { checkHost } from '../spf/index.js';
import { SpfAttributor } from './attribution.js';
import { type ClassifiedRow, classifyTraffic } from './inventory.js';
import type { TrafficRow } from './traffic.js';

/** Options of {@link whatIf}. */
export interface WhatIfOptions {
  /** Today's DNS: the baseline (e.g. the system resolver, or zone files with `--offline`). */
  current: Resolver;
  /** The proposed DNS: the proposed zone files over today's DNS (`overlayResolver(zones, current)`). */
  proposed: Resolver;
  /** The proposed zone files, to name the file of a record the change removes. */
  proposedZones?: readonly Zone[];
  /** DMARC mode for the replays (default `9989`). */
  mode?: DmarcMode;
  /** Attributes senders (against today's DNS); default: a new one over `current`. */
  attributor?: SpfAttributor;
  /** Replays run at once (default 8). */
  concurrency?: number;
}

/** A DNS answer that differs between today and the proposal, read by a replay whose result changed. */
export interface DnsChange {
  /** The name asked (lower-case). */
  name: string;
  type: RRType;
  /** Today's answer: the records (TXT character-strings joined; other types as text) or the failure kind. */
  before: string[] | { failure: string };
  /** The proposed answer, the same way. */
  after: string[] | { failure: string };
  /** Where the proposed answer is defined (zone file and line), when it came from a zone file. */
  source?: DnsSource[];
  /** For a record the proposal removes: the proposed zone file that no longer holds it. */
  zoneFile?: string;
}

/** One method whose result changes for a sender's mail. */
export interface MethodChange {
  method: 'spf' | 'dkim' | 'dmarc';
  /** What it checked: the MAIL FROM domain (spf), `d=`/selector (dkim), the From domain (dmarc). */
  subject: string;
  before: string;
  after: string;
  /** Messages concerned. */
  messages: number;
  /** The DNS answers that differ (see {@link DnsChange}); empty when the change came from elsewhere. */
  causes: DnsChange[];
}

/** One sender whose mail the proposal changes. Counts are messages in the reported period. */
export interface SenderWhatIf {
  domain: string;
  senderId: string;
  name: string;
  kind: ClassifiedRow['kind'];
  messages: number;
  /** Messages whose DMARC result goes from pass to fail. */
  lost: number;
  /** `lost / messages` (0..1). */
  lostShare: number;
  /** The disposition the proposed policy asks for the lost messages (`none`, `quarantine`, `reject`). */
  lostDisposition: string;
  /** Messages that still pass DMARC but lose an aligned SPF or DKIM pass (one more change away from failing). */
  weakened: number;
  /** Messages whose DMARC result goes from fail to pass. */
  gained: number;
  /** Messages with a replay that met DNS trouble (TIMEOUT, SERVFAIL): undetermined, never counted as a pass. */
  undetermined: number;
  changes: MethodChange[];
}

/** What the proposal does to one domain's reported mail. */
export interface DomainWhatIf {
  domain: string;
  messages: number;
  lost: number;
  lostShare: number;
  gained: number;
  undetermined: number;
  /** Senders with any change, most lost messages first. */
  senders: SenderWhatIf[];
}

/** The result of {@link whatIf}. */
export interface WhatIfResult {
  domains: DomainWhatIf[];
  totals: { messages: number; lost: number; gained: number; undetermined: number };
  /** Distinct replays run (each twice: today and proposed). */
  replays: number;
  /** DKIM signatures reported without a selector: their result could not be replayed and was kept. */
  uncheckedSignatures: number;
}

interface Replay {
  spf: string;
  spfQuestions: string[];
  dkim: Array<{ domain: string; selector: string; result: string; questions: string[] }>;
  dmarc: string;
  disposition: string;
  dmarcQuestions: string[];
  spfAligned: boolean;
  dkimAligned: boolean;
  trouble: boolean;
}

/** A resolver that notes every question asked (`TYPE name`, the name as asked: see `causes`). */
const recording = (inner: Resolver, log: string[]): Resolver => guardedResolver(inner, log);

async function dkimKeyUsable(resolver: Resolver, name: string): Promise<'pass' | 'fail' | 'temperror'> {
  const res = await resolver.query(name, 'TXT');
  if (!res.ok) return isTransientFailure(res) ? 'temperror' : 'fail';
  for (const strings of res.records) {
    const rec = parseDkimKeyRecord(joinTxt(strings));
    if (rec.errors.length === 0 && !rec.revoked && rec.key) return 'pass';
  }
  return 'fail';
}

async function replay(
  row: TrafficRow,
  mailFrom: string,
  resolver: Resolver,
  mode: DmarcMode,
): Promise<Replay> {
  const spfQuestions: string[] = [];
  const spf = await checkHost(
    { ip: row.sourceIp, domain: mailFrom, sender: `postmaster@${mailFrom}` },
    { resolver: recording(resolver, spfQuestions) },
  );
  const dkim: Replay['dkim'] = [];
  for (const d of row.dkimResults) {
    const questions: string[] = [];
    let result = d.result;
    if (d.result === 'pass' && d.selector) {
      const name = `${d.selector}._domainkey.${d.domain}`;
      result = await dkimKeyUsable(recording(resolver, questions), name);
    }
    dkim.push({ domain: d.domain, selector: d.selector ?? '', result, questions });
  }
  const dmarcQuestions: string[] = [];
  const ev = await evaluateDmarc(
    {
      from: [`postmaster@${row.headerFrom}`],
      spf: { result: spf.result, domain: mailFrom },
      dkim: dkim.map((d) => ({
        result: d.result,
        domain: d.domain,
        ...(d.selector ? { selector: d.selector } : {}),
      })),
    },
    { resolver: recording(resolver, dmarcQuestions), mode, random: () => 0 },
  );
  return {
    spf: spf.result,
    spfQuestions,
    dkim,
    dmarc: ev.result,
    disposition: ev.disposition,
    dmarcQuestions,
    spfAligned: ev.alignedBy.includes('spf'),
    dkimAligned: ev.alignedBy.includes('dkim'),
    trouble:
      spf.result === 'temperror' || ev.result === 'temperror' || dkim.some((d) => d.result === 'temperror'),
  };
}

function answerText(r: DnsResult): string[] | { failure: string } {
  if (!r.ok) return { failure: r.kind };
  return (r.records as unknown[]).map((x) =>
    Array.isArray(x) ? joinTxt(x as string[]) : typeof x === 'string' ? x : JSON.stringify(x),
  );
}

async function pool<T>(items: readonly T[], n: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      await run(items[i] as T);
    }
  });
  await Promise.all(workers);
}

/**
 * Replays the reported traffic against today's DNS and the proposed DNS (see the module documentation).
 *
 * @param traffic rows from the store (`ReportStore.traffic`) or from reports in memory (`trafficFromReports`).
 * @returns per domain, the senders whose mail changes, with volumes and causes; never throws for DNS reasons
 *   (DNS trouble makes a replay undetermined, counted in `undetermined`, never a pass).
 */
export async function whatIf(traffic: readonly TrafficRow[], options: WhatIfOptions): Promise<WhatIfResult> {
  const mode = options.mode ?? '9989';
  const current = cachedResolver(options.current);
  const proposed = cachedResolver(options.proposed);
  const attributor = options.attributor ?? new SpfAttributor(current);
  const classified = await classifyTraffic(traffic, attributor);
  const units = new Map<string, { row: TrafficRow; mailFrom: string; rows: ClassifiedRow[] }>();
  let unchecked = 0;
  for (const c of classified) {
    const r = c.row;
    for (const d of r.dkimResults) if (d.result === 'pass' && !d.selector) unchecked += r.count;
    const key = JSON.stringify([
      r.headerFrom,
      c.facts.mailFrom,
      r.sourceIp,
      r.dkimResults.map((d) => [d.domain, d.selector ?? '', d.result]),
    ]);
    const u = units.get(key);
    if (u) u.rows.push(c);
    else units.set(key, { row: r, mailFrom: c.facts.mailFrom, rows: [c] });
  }
  const results = new Map<string, { before: Replay; after: Replay }>();
  await pool([...units], options.concurrency ?? 8, async ([key, u]) => {
    const before = await replay(u.row, u.mailFrom, current, mode);
    const after = await replay(u.row, u.mailFrom, proposed, mode);
    results.set(key, { before, after });
  });

  const causes = async (questions: readonly string[]): Promise<DnsChange[]> => {
    const out: DnsChange[] = [];
    const seen = new Set<string>();
    for (const asked of questions) {
      const sp = asked.indexOf(' ');
      const type = asked.slice(0, sp) as RRType;
      const name = normalizeName(asked.slice(sp + 1)) ?? asked.slice(sp + 1);
      const q = `${type} ${name}`;
      if (seen.has(q)) continue;
      seen.add(q);
      const [a, b] = await Promise.all([current.query(name, type), proposed.query(name, type)]);
      const before = answerText(a);
      const after = answerText(b);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const change: DnsChange = { name, type, before, after };
      if (b.ok && b.source) change.source = b.source;
      if (!b.ok) {
        const zone = options.proposedZones
          ?.filter((z) => name === z.origin || name.endsWith(`.${z.origin}`))
          .sort((x, y) => y.origin.length - x.origin.length)[0];
        if (zone?.file) change.zoneFile = zone.file;
      }
      out.push(change);
    }
    return out;
  };

  const senders = new Map<string, SenderWhatIf>();
  const domains = new Map<string, DomainWhatIf>();
  for (const [key, u] of units) {
    const { before, after } = results.get(key) as { before: Replay; after: Replay };
    for (const c of u.rows) {
      const r = c.row;
      let d = domains.get(r.domain);
      if (!d) {
        d = { domain: r.domain, messages: 0, lost: 0, lostShare: 0, gained: 0, undetermined: 0, senders: [] };
        domains.set(r.domain, d);
      }
      d.messages += r.count;
      const sKey = `${r.domain}\u0000${c.senderId}`;
      let s = senders.get(sKey);
      if (!s) {
        s = {
          domain: r.domain,
          senderId: c.senderId,
          name: c.name,
          kind: c.kind,
          messages: 0,
          lost: 0,
          lostShare: 0,
          lostDisposition: 'none',
          weakened: 0,
          gained: 0,
          undetermined: 0,
          changes: [],
        };
        senders.set(sKey, s);
      }
      s.messages += r.count;
      if (before.trouble || after.trouble) {
        s.undetermined += r.count;
        d.undetermined += r.count;
        continue;
      }
      const lost = before.dmarc === 'pass' && after.dmarc !== 'pass';
      if (lost) {
        s.lost += r.count;
        d.lost += r.count;
        if ((DISPOSITION_RANK[after.disposition] ?? 0) > (DISPOSITION_RANK[s.lostDisposition] ?? 0))
          s.lostDisposition = after.disposition;
      } else if (before.dmarc !== 'pass' && after.dmarc === 'pass') {
        s.gained += r.count;
        d.gained += r.count;
      } else if (
        before.dmarc === 'pass' &&
        ((before.spfAligned && !after.spfAligned) || (before.dkimAligned && !after.dkimAligned))
      ) {
        s.weakened += r.count;
      }
      if (!lost && before.spf === after.spf && before.dmarc === after.dmarc && sameDkim(before, after))
        continue;
      const add = async (
        method: MethodChange['method'],
        subject: string,
        b: string,
        a: string,
        qs: string[],
      ) => {
        const existing = s!.changes.find(
          (m) => m.method === method && m.subject === subject && m.before === b && m.after === a,
        );
        if (existing) {
          existing.messages += r.count;
          return;
        }
        s!.changes.push({
          method,
          subject,
          before: b,
          after: a,
          messages: r.count,
          causes: await causes(qs),
        });
      };
      if (before.spf !== after.spf) await add('spf', u.mailFrom, before.spf, after.spf, after.spfQuestions);
      for (const [i, dk] of after.dkim.entries()) {
        const was = before.dkim[i];
        if (was && was.result !== dk.result)
          await add('dkim', `d=${dk.domain} s=${dk.selector}`, was.result, dk.result, dk.questions);
      }
      if (before.dmarc !== after.dmarc)
        await add('dmarc', r.headerFrom, before.dmarc, after.dmarc, after.dmarcQuestions);
    }
  }
  const out: WhatIfResult = {
    domains: [],
    totals: { messages: 0, lost: 0, gained: 0, undetermined: 0 },
    replays: units.size,
    uncheckedSignatures: unchecked,
  };
  for (const d of [...domains.values()].sort((a, b) => (a.domain < b.domain ? -1 : 1))) {
    d.senders = [...senders.values()]
      .filter((s) => s.domain === d.domain && (s.changes.length > 0 || s.undetermined > 0))
      .map((s) => ({ ...s, lostShare: s.messages > 0 ? s.lost / s.messages : 0 }))
      .sort((a, b) => b.lost - a.lost || b.weakened - a.weakened || (a.senderId < b.senderId ? -1 : 1));
    d.lostShare = d.messages > 0 ? d.lost / d.messages : 0;
    out.domains.push(d);
    out.totals.messages += d.messages;
    out.totals.lost += d.lost;
    out.totals.gained += d.gained;
    out.totals.undetermined += d.undetermined;
  }
  return out;
}

const DISPOSITION_RANK: Readonly<Record<string, number>> = { none: 0, quarantine: 1, reject: 2 };

function sameDkim(a: Replay, b: Replay): boolean {
  return a.dkim.every((d, i) => b.dkim[i]?.result === d.result);
}
