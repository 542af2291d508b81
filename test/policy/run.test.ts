/**
 * `auditAndGate` audits with the one batch loop (`auditDomains`): every audit option means with a policy what it
 * means without one, and the policy adds its DKIM selectors per domain. `mailgate audit` with and without
 * `--policy` gives the same domain reports (issue 11, item 1: the BIMI selector, the zone files' type 99 SPF
 * record, the concurrency and the per-domain time limit used to be dropped with `--policy`).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/audit/audit.js';
import { auditDomains, type BatchOptions } from '../../src/audit/batch.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { parsePolicy } from '../../src/policy/load.js';
import { AuditIncompleteError, auditAndGate } from '../../src/policy/run.js';
import { runCli } from '../support/cli.js';
import { FIXED_NOW } from '../support/samples.js';

/** Two domains: a type 99 SPF record beside the TXT one, a BIMI record at selector `brand` only, a DKIM key at s1. */
const ZONE = `$ORIGIN same.test.
$TTL 300
@         SOA  ns1 hostmaster 1 7200 900 1209600 300
@         NS   ns1
ns1       A    192.0.2.53
a         MX   10 mx.a
mx.a      A    192.0.2.25
a         TXT  "v=spf1 ip4:192.0.2.25 -all"
a         SPF  "v=spf1 ip4:192.0.2.25 -all"
_dmarc.a  TXT  "v=DMARC1; p=reject; rua=mailto:d@a.same.test"
brand._bimi.a TXT "v=BIMI1; l=https://a.same.test/logo.svg; a="
s1._domainkey.a TXT "v=DKIM1; k=rsa; p="
b         TXT  "v=spf1 -all"
b         SPF  "v=spf1 +all"
s2._domainkey.b TXT "v=DKIM1; k=rsa; p="
`;
const DOMAINS = ['a.same.test', 'b.same.test'];

const zone = () => parseZone(ZONE, { origin: 'same.test', file: 'same.test.zone' });

function options(): BatchOptions {
  const z = zone();
  return {
    resolver: zoneResolver([z], { offline: true }),
    zones: [z],
    selectors: ['s1'],
    bimiSelector: 'brand',
    dmarcMode: '7489',
    checks: { https: false },
    concurrency: 1,
    timeoutMsPerDomain: 30_000,
    now: FIXED_NOW,
  };
}

const reportsOf = async (o: BatchOptions) =>
  (await auditDomains(DOMAINS, o)).entries.map((e) => e.report as DomainReport);

describe('auditAndGate: the one batch loop', () => {
  it('gives the reports auditDomains gives with the same options (BIMI selector, type 99, DMARC mode)', async () => {
    const plain = await reportsOf(options());
    const { reports, gate } = await auditAndGate(DOMAINS, { ...options(), policy: {} });
    expect(reports).toEqual(plain);
    expect(gate.status).toBe('failed');
    // The values `--policy` used to lose:
    expect(reports[0]!.bimi).toMatchObject({ selector: 'brand', status: 'found' });
    expect(reports.map((r) => r.findings.filter((f) => f.id === 'spf.type99-record').length)).toEqual([1, 1]);
    expect(reports[1]!.findings.find((f) => f.id === 'spf.type99-record')?.evidence?.source).toEqual({
      file: 'same.test.zone',
      line: 14,
    });
    expect(reports.map((r) => r.dmarc.mode)).toEqual(['7489', '7489']);
  });

  it("adds each domain's policy selectors to the given ones", async () => {
    const policy = parsePolicy('domains:\n  b.same.test:\n    dkim: { selectors: [s2] }\n').policy;
    const { reports } = await auditAndGate(DOMAINS, { ...options(), policy });
    expect(reports.map((r) => r.dkim.selectors.map((s) => s.selector))).toEqual([['s1'], ['s1', 's2']]);
    const plain = await reportsOf({ ...options(), selectors: ['s1', 's2'] });
    expect(reports[1]).toEqual(plain[1]);
  });

  it('forwards the per-domain time limit and the limit of questions in flight', async () => {
    const inner = zoneResolver([zone()], { offline: true });
    let inFlight = 0;
    let most = 0;
    const hang: Resolver = {
      async query(name, type) {
        if (name.startsWith('_dmarc.b.')) return new Promise(() => {});
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          await new Promise((r) => setTimeout(r, 2));
          return await inner.query(name, type);
        } finally {
          inFlight--;
        }
      },
    };
    const { reports, gate } = await auditAndGate(DOMAINS, {
      ...options(),
      resolver: hang,
      timeoutMsPerDomain: 200,
      maxQueriesInFlight: 1,
      policy: { 'fail-on': 'never' },
    });
    expect(reports[0]!.findings.map((f) => f.id)).not.toContain('audit.timeout');
    expect(reports[1]!.findings.map((f) => f.id)).toContain('audit.timeout');
    expect(reports[1]!.summary.dnsTrouble).toBe(true);
    expect(gate.status).toBe('undetermined');
    expect(most).toBe(1);
  });

  it('forwards the concurrency: one domain at a time asks all its questions before the next', async () => {
    const order = async (concurrency: number) => {
      const inner = zoneResolver([zone()], { offline: true });
      const asked: string[] = [];
      const logging: Resolver = {
        query: async (name, type) => {
          asked.push(name);
          await new Promise((r) => setTimeout(r, 1));
          return inner.query(name, type);
        },
      };
      await auditAndGate(DOMAINS, { ...options(), resolver: logging, concurrency, policy: {} });
      const lastA = asked.findLastIndex((n) => n.endsWith('a.same.test'));
      const firstB = asked.findIndex((n) => n.endsWith('b.same.test'));
      return lastA < firstB ? 'one after the other' : 'interleaved';
    };
    expect(await order(1)).toBe('one after the other');
    expect(await order(2)).toBe('interleaved');
  });

  it('refuses an invalid name before any DNS question, and never gates a domain without a report', async () => {
    let asked = 0;
    const counting: Resolver = {
      query: (name, type) => {
        asked++;
        return options().resolver.query(name, type);
      },
    };
    await expect(
      auditAndGate(['a.same.test', 'not a domain'], { ...options(), resolver: counting, policy: {} }),
    ).rejects.toThrow("not a valid domain name: 'not a domain'");
    expect(asked).toBe(0);
    const broken: Resolver = {
      query: () => {
        throw new Error('resolver bug');
      },
    };
    // A resolver that throws is SERVFAIL (never a crash); a transform that throws is the domain's internal error.
    const r = await auditAndGate(['a.same.test'], { ...options(), resolver: broken, policy: {} });
    expect(r.gate.status).toBe('undetermined');
    await expect(
      auditAndGate(['a.same.test'], {
        ...options(),
        policy: {},
        domainSelectors: () => {
          throw new Error('selector bug');
        },
      }),
    ).rejects.toThrow(AuditIncompleteError);
  });
});

describe('mailgate audit with and without --policy', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailgate-run-'));
    await writeFile(join(dir, 'same.test.zone'), ZONE);
    await writeFile(join(dir, 'empty.yml'), 'fail-on: never\n');
  });

  it('gives equal domain reports for the same input', async () => {
    const argv = [
      'audit',
      ...DOMAINS,
      '--offline',
      '--zone',
      join(dir, 'same.test.zone'),
      '-s',
      's1',
      '--bimi-selector',
      'brand',
      '--dmarc-mode',
      '7489',
      '--skip',
      'https',
      '--concurrency',
      '1',
      '--domain-timeout',
      '30000',
      '--format',
      'json',
    ];
    const plain = await runCli(argv);
    const gated = await runCli([...argv, '--policy', join(dir, 'empty.yml')]);
    expect(plain.stderr).toBe('');
    expect(gated.stderr).toBe('');
    const withoutClock = (reports: DomainReport[]) => reports.map(({ checkedAt: _, ...r }) => r);
    const a = withoutClock(JSON.parse(plain.stdout) as DomainReport[]);
    const b = withoutClock((JSON.parse(gated.stdout) as { reports: DomainReport[] }).reports);
    expect(b).toEqual(a);
    expect(b[0]!.bimi).toMatchObject({ selector: 'brand', status: 'found' });
    expect(b[1]!.findings.map((f) => f.id)).toContain('spf.type99-record');
    expect(gated.code).toBe(0);
    expect(plain.code).toBe(1);
  });
});
