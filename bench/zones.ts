/**
 * Zone-file loading speed: `loadZoneFile` on generated realistic zones of growing size (the record mix of the
 * zone differential: MX, A, AAAA, TXT with SPF/DMARC/DKIM, CAA, SRV, TLSA, CNAME, a delegation), side by side
 * with Knot's `kzonecheck` and BIND's `named-checkzone` on the same files when they are installed.
 *
 * Options: --records N[,N...] (1000,10000,100000) --runs N (3, the best run is shown) --json.
 *
 * Run with `npm run bench zones` (see bench/run.mjs): not part of `npm test`.
 */

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadZoneFile } from '../src/dns/zonefile.js';

/** One measurement. */
export interface ZoneBenchRow {
  records: number;
  bytes: number;
  /** Best of the runs, in milliseconds; undefined when the peer is not installed. */
  mailgateMs: number;
  kzonecheckMs?: number;
  namedCheckzoneMs?: number;
  /** Heap growth while loading (MB, one run), a rough memory figure. */
  heapMb: number;
}

const DKIM =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqH+YIU9TT2mHuSKvIxAgLH+9mPWe9DFnBJeLpCPfflHtSDJ/SQt47aXdg4DsIcBdk1yU7IGngmuJ6+Lq8LijcAQ3LDUnK1GNItVO7axC8nqwFSw7VmwsfMfI+GKTGFp0h2LLOstM6rVenhG3y5RpUbg';

/** A zone of about `records` records for `bench.example`. */
export function benchZone(records: number): string {
  const lines = [
    '$ORIGIN bench.example.',
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '@ IN NS ns1',
    'ns1 IN A 192.0.2.53',
  ];
  for (let i = 0; lines.length < records + 5; i++) {
    const h = `h${i}`;
    lines.push(
      `${h} IN A 192.0.${(i >> 8) & 255}.${i & 255}`,
      `${h} IN AAAA 2001:db8::${i.toString(16)}`,
      `${h} IN MX 10 ${h}`,
      `${h} IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.provider.net -all"`,
      `_dmarc.${h} IN TXT "v=DMARC1; p=reject; rua=mailto:d@${h}.bench.example"`,
      `s1._domainkey.${h} IN TXT ( "v=DKIM1; k=rsa; " "p=${DKIM}" )`,
      `${h} IN CAA 0 issue "letsencrypt.org"`,
      `_sip._tcp.${h} IN SRV 10 5 5060 ${h}`,
      `_25._tcp.${h} IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`,
      `www.${h} IN CNAME ${h}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function have(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

function timeCommand(cmd: string, args: string[], runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(cmd, args, { stdio: 'ignore' });
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Runs the benchmark and prints a table (or JSON). */
export async function main(argv: string[]): Promise<ZoneBenchRow[]> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (arg('--records') ?? '1000,10000,100000').split(',').map(Number);
  const runs = Number(arg('--runs') ?? 3);
  const dir = await mkdtemp(join(tmpdir(), 'mailgate-bench-zones-'));
  const rows: ZoneBenchRow[] = [];
  try {
    for (const records of sizes) {
      const file = join(dir, `${records}`, 'bench.example.zone');
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, benchZone(records));
      const bytes = (await stat(file)).size;
      let best = Number.POSITIVE_INFINITY;
      const before = process.memoryUsage().heapUsed;
      let heapMb = 0;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const zone = await loadZoneFile(file);
        best = Math.min(best, performance.now() - t);
        if (i === 0) heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
        if (zone.records.length < records) throw new Error('short zone');
      }
      const row: ZoneBenchRow = { records, bytes, mailgateMs: best, heapMb };
      if (have('kzonecheck'))
        row.kzonecheckMs = timeCommand('kzonecheck', ['-d', 'off', '-o', 'bench.example', file], runs);
      if (have('named-checkzone'))
        row.namedCheckzoneMs = timeCommand('named-checkzone', ['-i', 'local', 'bench.example', file], runs);
      rows.push(row);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    const ms = (v?: number) => (v === undefined ? 'n/a' : v.toFixed(0));
    console.log('| records | MB | mailgate ms | kzonecheck ms | named-checkzone ms | heap MB |');
    console.log('| ------: | -: | ----------: | ------------: | -----------------: | ------: |');
    for (const r of rows)
      console.log(
        `| ${r.records} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${ms(r.mailgateMs)} | ${ms(r.kzonecheckMs)} | ${ms(r.namedCheckzoneMs)} | ${r.heapMb.toFixed(0)} |`,
      );
  }
  return rows;
}
