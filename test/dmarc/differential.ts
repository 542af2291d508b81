/**
 * The differential harness: generated DNS worlds and messages (fast-check), run through our `evaluateDmarc` in
 * RFC 9989 mode and through mailauth's `dmarc()` (which implements the RFC 9989 Tree Walk), each reduced to a
 * comparable summary. Used by differential.test.ts.
 */

import { createRequire } from 'node:module';
import fc from 'fast-check';
import { type DmarcEvaluation, evaluateDmarc } from '../../src/dmarc/evaluate.js';
import type { DnsFailureKind, Resolver, RRType } from '../../src/dns/resolver.js';
import { failing, zones } from '../support/resolvers.js';

const require = createRequire(import.meta.url);

interface MailauthDmarcResult {
  domain: string;
  policy: string;
  policyDomain?: string;
  status: { result: string };
  alignment: { spf: { result?: string | false }; dkim: { result?: string | false } };
}
type MailauthDmarc = (opts: Record<string, unknown>) => Promise<MailauthDmarcResult | false>;
const { dmarc: mailauthDmarc } = require('mailauth/lib/dmarc/index.js') as { dmarc: MailauthDmarc };
const addressparser = require('nodemailer/lib/addressparser') as (
  s: string,
) => Array<{ address?: string; name?: string; group?: Array<{ address?: string }> }>;

const NODE_CODES: Record<DnsFailureKind, string> = {
  NXDOMAIN: 'ENOTFOUND',
  NODATA: 'ENODATA',
  TIMEOUT: 'ETIMEOUT',
  SERVFAIL: 'ESERVFAIL',
  REFUSED: 'EREFUSED',
  BADNAME: 'EBADNAME',
};

/**
 * Adapts a {@link Resolver} to the `(name, rrtype)` function mailauth takes (shaped like `node:dns` `resolve`):
 * records as node returns them (TXT as arrays of character-strings), failures thrown as errors with node's
 * codes (ENOTFOUND, ENODATA, ETIMEOUT, ...).
 */
export function nodeStyleResolver(resolver: Resolver) {
  return async (name: string, rrtype: string): Promise<unknown[]> => {
    const res = await resolver.query(name, rrtype as RRType);
    if (!res.ok) {
      const code = NODE_CODES[res.kind];
      throw Object.assign(new Error(`${code} ${name}`), { code });
    }
    return res.records as unknown[];
  };
}

// ---------------------------------------------------------------- the generated world

/** Names that may carry a DMARC record, by zone. */
const RECORD_SITES = [
  'example.com',
  'a.example.com',
  'b.a.example.com',
  'mail.example.com',
  'd.c.b.a.example.com',
  'g.f.e.d.c.b.a.example.com',
  'com',
  'example',
  'bank.example',
  'giant.bank.example',
  'esp.example',
];

/** Names that may exist (an A record). */
const HOSTS = [
  'a.example.com',
  'mail.example.com',
  'x.b.a.example.com',
  'giant.bank.example',
  'bounce.esp.example',
];

/** Domains used as Author Domains and identifiers. */
export const DOMAINS = [
  'example.com',
  'a.example.com',
  'b.a.example.com',
  'x.b.a.example.com',
  'mail.example.com',
  'ghost.example.com',
  'k.j.i.h.g.f.e.d.c.b.a.example.com',
  'giant.bank.example',
  'mega.bank.example',
  'bank.example',
  'esp.example',
  'bounce.esp.example',
  'example.org',
  'Mail.Example.COM',
];

export interface GenRecord {
  site: string;
  tags: string;
  /** A tag repeated at the end with another value (`p=...` or `psd=...`), or null. */
  dupTag: string | null;
  /** A second v=DMARC1 record at the same name. */
  duplicate: boolean;
  /** An extra non-DMARC TXT record (SPF) at the name. */
  spfToo: boolean;
}

export interface GenCase {
  records: GenRecord[];
  hosts: string[];
  failure: { name: string; kind: DnsFailureKind } | null;
  from: string[];
  spf: { result: string; domain: string } | null;
  dkim: Array<{ result: string; domain: string }>;
}

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const tagsArb: fc.Arbitrary<string> = fc
  .record({
    p: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('none', 'quarantine', 'reject') },
      { weight: 1, arbitrary: fc.constantFrom('', 'bogus') },
    ),
    sp: opt(fc.constantFrom('none', 'quarantine', 'reject')),
    np: opt(fc.constantFrom('none', 'quarantine', 'reject')),
    psd: fc.option(fc.constantFrom('y', 'n'), { nil: undefined, freq: 3 }),
    adkim: opt(fc.constantFrom('r', 's')),
    aspf: opt(fc.constantFrom('r', 's')),
    t: fc.option(fc.constant('y'), { nil: undefined, freq: 4 }),
    rua: opt(fc.constant('mailto:d@example.com')),
  })
  .map((r) => {
    const parts = ['v=DMARC1'];
    if (r.p !== '') parts.push(`p=${r.p}`);
    for (const k of ['sp', 'np', 'psd', 'adkim', 'aspf', 't', 'rua'] as const) {
      if (r[k] !== undefined) parts.push(`${k}=${r[k]}`);
    }
    return parts.join('; ');
  });

const recordArb: fc.Arbitrary<GenRecord> = fc.record({
  site: fc.oneof(
    { weight: 3, arbitrary: fc.constant('example.com') },
    { weight: 8, arbitrary: fc.constantFrom(...RECORD_SITES) },
  ),
  tags: tagsArb,
  dupTag: fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('p=none', 'p=reject', 'psd=y', 'psd=n') },
  ),
  duplicate: fc.integer({ min: 0, max: 11 }).map((k) => k === 0),
  spfToo: fc.boolean(),
});

const recordsArb = fc.array(recordArb, { minLength: 1, maxLength: 7 }).map((rs) => {
  const seen = new Set<string>();
  return rs.filter((r) => {
    if (seen.has(r.site)) return false;
    seen.add(r.site);
    return true;
  });
});

const localArb = fc.constantFrom('user', 'john.doe', '"quoted@local"', '"x y"');

const mailboxArb = fc
  .tuple(localArb, fc.constantFrom(...DOMAINS), fc.integer({ min: 0, max: 5 }))
  .map(([local, domain, form]) => {
    const addr = `${local}@${domain}`;
    switch (form) {
      case 0:
        return addr;
      case 1:
        return `John Doe <${addr}>`;
      case 2:
        return `"Doe, John" <${addr}>`;
      case 3:
        return `"ceo@bank.example" <${addr}>`;
      case 4:
        return `=?utf-8?B?SsO8cmdlbg==?= <${addr}>`;
      default:
        return `(comment) ${addr}`;
    }
  });

const fromArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 14, arbitrary: mailboxArb.map((m) => [m]) },
  { weight: 2, arbitrary: fc.tuple(mailboxArb, mailboxArb).map(([a, b]) => [`${a}, ${b}`]) },
  { weight: 1, arbitrary: fc.tuple(mailboxArb, mailboxArb).map(([a, b]) => [a, b]) },
  { weight: 1, arbitrary: mailboxArb.map((m) => [`Team: ${m};`]) },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['undisclosed-recipients:;'], [], ['no address']) },
);

const idArb = fc.record({
  result: fc.oneof(
    { weight: 4, arbitrary: fc.constant('pass') },
    { weight: 1, arbitrary: fc.constantFrom('fail', 'softfail') },
  ),
  domain: fc.constantFrom(...DOMAINS, 'esp.example', 'bounce.esp.example', 'mega.bank.example'),
});

const failureArb = fc.option(
  fc.record({
    name: fc.constantFrom(
      ...RECORD_SITES.map((s) => `_dmarc.${s}`),
      '_dmarc.ghost.example.com',
      '_dmarc.x.b.a.example.com',
      'ghost.example.com/A',
      'mega.bank.example/A',
    ),
    kind: fc.constantFrom<DnsFailureKind>('TIMEOUT', 'SERVFAIL'),
  }),
  { nil: null, freq: 6 },
);

export const caseArb: fc.Arbitrary<GenCase> = fc.record({
  records: recordsArb,
  hosts: fc.subarray(HOSTS),
  failure: failureArb,
  from: fromArb,
  spf: fc.option(idArb, { nil: null, freq: 4 }),
  dkim: fc.array(idArb, { maxLength: 3 }),
});

/** Builds the zones of a generated case. */
export function resolverFor(c: GenCase): Resolver {
  const texts: Record<string, string> = {
    com: '@ IN NS ns.example.net.\n',
    'example.com': '@ IN NS ns.example.net.\n@ IN A 192.0.2.10\n',
    example: '@ IN NS ns.example.net.\n',
    org: '@ IN NS ns.example.net.\n',
  };
  const zoneOf = (name: string) =>
    name === 'com' || name === 'example'
      ? name
      : name.endsWith('.example.com') || name === 'example.com'
        ? 'example.com'
        : 'example';
  for (const r of c.records) {
    const z = zoneOf(r.site);
    texts[z] += `_dmarc.${r.site}. IN TXT "${r.dupTag ? `${r.tags}; ${r.dupTag}` : r.tags}"\n`;
    if (r.duplicate) texts[z] += `_dmarc.${r.site}. IN TXT "v=DMARC1; p=none"\n`;
    if (r.spfToo) texts[z] += `_dmarc.${r.site}. IN TXT "v=spf1 -all"\n`;
  }
  for (const h of c.hosts) texts[zoneOf(h)] += `${h}. IN A 192.0.2.1\n`;
  const base = zones(texts);
  if (!c.failure) return base;
  return failing(base, {
    [c.failure.name.includes('/') ? c.failure.name : `${c.failure.name}/TXT`]: c.failure.kind,
  });
}

// ---------------------------------------------------------------- the two engines, summarised

/** What both engines are compared on. `result` is `noresult` when mailauth returns false. */
export interface Summary {
  result: string;
  /** The disposition-relevant policy after t=y (mailauth's `policy`), for pass and fail. */
  policy?: string;
  policyDomain?: string | null;
  orgDomain?: string | null;
  spfAligned?: boolean;
  dkimAligned?: boolean;
}

const DOWN: Record<string, string> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

export function summarizeOurs(e: DmarcEvaluation): Summary {
  if (e.result === 'permerror') return { result: 'noresult' };
  const s: Summary = { result: e.result };
  if (e.result === 'none' && !e.discovery) return s;
  s.orgDomain = e.organizationalDomain ?? e.authorDomain;
  if (e.result === 'pass' || e.result === 'fail') {
    s.policy = e.policy ? (e.testing ? DOWN[e.policy] : e.policy) : undefined;
    s.policyDomain = e.policyDomain;
    s.spfAligned = e.alignedBy.includes('spf');
    s.dkimAligned = e.alignedBy.includes('dkim');
  }
  return s;
}

export function summarizeMailauth(r: MailauthDmarcResult | false): Summary {
  if (!r) return { result: 'noresult' };
  const s: Summary = { result: r.status.result };
  if (r.status.result === 'none' && !r.domain) return s;
  s.orgDomain = r.domain;
  if (r.status.result === 'pass' || r.status.result === 'fail') {
    s.policy = r.policy;
    s.policyDomain = r.policyDomain ?? null;
    s.spfAligned = !!r.alignment.spf.result;
    s.dkimAligned = !!r.alignment.dkim.result;
  }
  return s;
}

/** Runs one case through both engines. */
export async function runBoth(
  c: GenCase,
): Promise<{ ours: DmarcEvaluation; oursSummary: Summary; theirs: Summary }> {
  const resolver = resolverFor(c);
  const ours = await evaluateDmarc(
    { from: c.from, ...(c.spf ? { spf: c.spf } : {}), dkim: c.dkim },
    { resolver, mode: '9989' },
  );
  const headerFrom: string[] = [];
  for (const field of c.from) {
    for (const addr of addressparser(field)) {
      for (const mb of addr.group ?? [addr]) if (mb?.address) headerFrom.push(mb.address);
    }
  }
  const theirs = await mailauthDmarc({
    headerFrom,
    fromFields: c.from.length,
    spfDomains: c.spf && c.spf.result === 'pass' ? [c.spf.domain] : [],
    dkimDomains: c.dkim.filter((d) => d.result === 'pass').map((d) => ({ domain: d.domain })),
    resolver: nodeStyleResolver(resolver),
  });
  return { ours, oursSummary: summarizeOurs(ours), theirs: summarizeMailauth(theirs) };
}
