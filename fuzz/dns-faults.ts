/**
 * The DNS fault matrix (`npm run fuzz -- dns-faults`): `mailgate spf --ip`, `audit` and `verify` against the
 * loopback DNS server (`test/support/dns-server.ts`) serving the sample zones of `shop.test`, with one fault at a
 * time on the name each check needs (the SPF record, the DMARC record, a DKIM key). Every outcome must be DNS
 * trouble (temperror, a `*.dns-error` finding, exit code 3) for a fault that leaves the answer unknown, and the
 * real verdict for one that does not (a truncated answer retried over TCP, an oversize UDP answer), never "no
 * record" except for an empty NOERROR answer, and never a crash. Prints a table; exit code 1 on any mismatch.
 *
 * Options: --timeout-ms N (per DNS try, default 300; the `timeout` fault waits this long).
 */

import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type dnsPacket from 'dns-packet';
import { main as cli } from '../src/cli/main.js';
import { parseZone } from '../src/dns/zonefile.js';
import { zoneResolver } from '../src/dns/zones.js';
import { type FaultReply, startDnsServer } from '../test/support/dns-server.js';

const samples = fileURLToPath(new URL('../samples/', import.meta.url));

/** One fault: what the server does for the faulty name, and whether the answer stays unknown. */
interface Fault {
  name: string;
  reply: (qname: string) => FaultReply;
  /** `trouble`: DNS trouble expected; `absent`: "no record" is right; `answer`: the real verdict. */
  expect: 'trouble' | 'absent' | 'answer';
}

const record = (type: string, name: string, data: unknown): dnsPacket.Answer =>
  ({ type, name, class: 'IN', ttl: 0, data }) as dnsPacket.Answer;

const FAULTS: Fault[] = [
  { name: 'none (baseline)', reply: () => undefined as unknown as FaultReply, expect: 'answer' },
  { name: 'timeout', reply: () => 'drop', expect: 'trouble' },
  { name: 'SERVFAIL', reply: () => ({ rcode: 2 }), expect: 'trouble' },
  { name: 'REFUSED', reply: () => ({ rcode: 5 }), expect: 'trouble' },
  { name: 'FORMERR', reply: () => ({ rcode: 1 }), expect: 'trouble' },
  { name: 'NOTIMP', reply: () => ({ rcode: 4 }), expect: 'trouble' },
  ...[6, 7, 8, 9, 10, 11].map(
    (rcode): Fault => ({ name: `RCODE ${rcode}`, reply: () => ({ rcode }), expect: 'trouble' }),
  ),
  { name: 'truncated + TCP fails', reply: () => ({ truncated: true, tcp: 'close' }), expect: 'trouble' },
  {
    name: 'CNAME loop',
    reply: (q) => ({ answers: [record('CNAME', q, `loop.${q}`), record('CNAME', `loop.${q}`, q)] }),
    expect: 'trouble',
  },
  {
    name: 'wrong owner',
    reply: (q) => ({ answers: [record('TXT', `other.${q}`, [Buffer.from('v=spf1 ?all')])] }),
    expect: 'trouble',
  },
  { name: 'empty answer (NOERROR)', reply: () => ({ rcode: 0 }), expect: 'absent' },
  { name: 'truncated, TCP works', reply: () => ({ truncated: true }), expect: 'answer' },
  { name: 'oversize UDP answer', reply: () => ({ oversize: true }), expect: 'answer' },
];

/** What a scenario observed: `trouble`, `absent`, `answer`, or `crash`, and the exit code. */
interface Outcome {
  kind: 'trouble' | 'absent' | 'answer' | 'crash';
  exit: number;
  detail: string;
}

/** One scenario: a command, the name the fault is put on, and how to read the outcome. */
interface Scenario {
  name: string;
  faulty: string;
  argv: string[];
  read: (json: unknown, exit: number) => Outcome;
}

const ids = (r: unknown): string[] =>
  ((r as { findings?: { id: string }[] }).findings ?? []).map((f) => f.id);

function auditOutcome(prefix: 'spf' | 'dmarc', present: (r: unknown) => boolean) {
  return (r: unknown, exit: number): Outcome => {
    const found = ids(r);
    if (found.includes(`${prefix}.dns-error`))
      return { kind: 'trouble', exit, detail: `${prefix}.dns-error` };
    if (found.includes(`${prefix}.no-record`)) return { kind: 'absent', exit, detail: `${prefix}.no-record` };
    return present(r)
      ? { kind: 'answer', exit, detail: 'record found' }
      : { kind: 'crash', exit, detail: 'neither record nor finding' };
  };
}

function verifyOutcome(pick: (r: Record<string, unknown>) => string | undefined) {
  return (r: unknown, exit: number): Outcome => {
    const result = pick(r as Record<string, unknown>) ?? '?';
    const kind = result === 'temperror' ? 'trouble' : result === 'pass' ? 'answer' : 'absent';
    return { kind, exit, detail: result };
  };
}

const message = `${samples}messages/shop-newsletter.eml`;

const SCENARIOS: Scenario[] = [
  {
    name: 'spf --ip (SPF record)',
    faulty: 'shop.test',
    argv: ['spf', 'shop.test', '--ip', '192.0.2.7', '--format', 'json'],
    read: (r, exit) => {
      const result = (r as { result: string }).result;
      const kind = result === 'temperror' ? 'trouble' : result === 'none' ? 'absent' : 'answer';
      return { kind, exit, detail: result };
    },
  },
  {
    name: 'audit (SPF record)',
    faulty: 'shop.test',
    argv: ['audit', 'shop.test', '--skip', 'https', '--format', 'json'],
    read: auditOutcome('spf', (r) => Boolean((r as { spf?: { record?: string } }).spf?.record)),
  },
  {
    name: 'audit (DMARC record)',
    faulty: '_dmarc.shop.test',
    argv: ['audit', 'shop.test', '--skip', 'https', '--format', 'json'],
    read: auditOutcome('dmarc', (r) => (r as { dmarc?: { policy?: string } }).dmarc?.policy === 'reject'),
  },
  {
    name: 'verify (SPF)',
    faulty: 'shop.test',
    argv: ['verify', message, '--trust-received', '--format', 'json'],
    read: verifyOutcome((r) => (r.spf as { result?: string } | undefined)?.result),
  },
  {
    name: 'verify (DMARC)',
    faulty: '_dmarc.shop.test',
    argv: ['verify', message, '--trust-received', '--format', 'json'],
    read: verifyOutcome((r) => (r.dmarc as { result?: string } | undefined)?.result),
  },
  {
    name: 'verify (DKIM key)',
    faulty: '2024r._domainkey.shop.test',
    argv: ['verify', message, '--trust-received', '--format', 'json'],
    read: verifyOutcome(
      (r) => (r.dkim as { result?: string; s?: string }[] | undefined)?.find((s) => s.s === '2024r')?.result,
    ),
  },
];

/** The exit code each expectation allows (3: DNS trouble; 0 or 1: a verdict). */
function exitOk(fault: Fault, o: Outcome): boolean {
  if (fault.expect === 'trouble') return o.exit === 3;
  return o.exit === 0 || o.exit === 1;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the matrix; returns the exit code (0 when every cell is as expected). */
export async function main(argv: string[]): Promise<number> {
  const t = argv.indexOf('--timeout-ms');
  const timeoutMs = t >= 0 ? Number(argv[t + 1]) : 300;
  let current: { name: string; fault: Fault } | undefined;
  const zones = ['shop.test', 'bulkmailer.test'].map((z) =>
    parseZone(readFileSync(`${samples}zones/${z}.zone`, 'utf8')),
  );
  const server = await startDnsServer({
    resolver: zoneResolver(zones, { offline: true }),
    faults: {
      reply: (name) =>
        current && name === current.name && current.fault.name !== 'none (baseline)'
          ? current.fault.reply(name)
          : undefined,
    },
  });
  const live = ['--dns-server', server.address, '--dns-timeout', String(timeoutMs), '--dns-tries', '1'];
  const rows: string[][] = [['fault', ...SCENARIOS.map((s) => s.name)]];
  let bad = 0;
  try {
    for (const fault of FAULTS) {
      const row = [`${fault.name} (${fault.expect})`];
      for (const scenario of SCENARIOS) {
        current = { name: scenario.faulty, fault };
        const stdout = new Sink();
        const stderr = new Sink();
        let outcome: Outcome;
        try {
          const exit = await cli([...scenario.argv, ...live], { stdout, stderr, env: {} });
          outcome = scenario.read(JSON.parse(stdout.text), exit);
        } catch (err) {
          outcome = { kind: 'crash', exit: -1, detail: String(err).slice(0, 60) };
        }
        if (/internal error/.test(stderr.text))
          outcome = { kind: 'crash', exit: outcome.exit, detail: 'internal error' };
        const ok = outcome.kind === fault.expect && exitOk(fault, outcome);
        if (!ok) bad++;
        row.push(`${ok ? 'ok ' : 'BAD'} ${outcome.kind} ${outcome.detail} exit ${outcome.exit}`);
      }
      rows.push(row);
    }
  } finally {
    await server.close();
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | '));
  console.log(
    `\n${FAULTS.length} faults × ${SCENARIOS.length} scenarios: ${bad === 0 ? 'every outcome as expected' : `${bad} unexpected`}`,
  );
  return bad === 0 ? 0 : 1;
}
