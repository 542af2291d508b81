// TEMPORARY: snapshot of analyzeSpf / checkHost outputs for refactoring (deleted before report).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { analyzeSpf } from '../../src/spf/analyze.js';
import { verifySpfIdentity } from '../../src/spf/check-host.js';
import { generatedCases, tableResolver } from './differential.js';
import { failing, zones } from './helpers.js';

const OUT = process.env.SPF_BASE_OUT ?? '/tmp/spfbase/before.json';

it('baseline', async () => {
  const out: Record<string, unknown> = {};
  const src = readFileSync(join(import.meta.dirname, 'analyze.test.ts'), 'utf8');
  const zsrc = src.slice(
    src.indexOf('const ZONES = {') + 'const ZONES = '.length,
    src.indexOf('\n};', src.indexOf('const ZONES = {')) + 2,
  );
  const long = (n: number) => Array.from({ length: n }, (_, i) => `ip4:10.${i}.1.0/24`).join(' ');
  const longRecord = (bytes: number) => {
    let r = 'v=spf1';
    let i = 0;
    while (r.length < bytes - 20) r += ` ip4:10.${Math.floor(i / 250)}.${i++ % 250}.1`;
    return `${r} -all`;
  };
  const quoteSplit = (t: string) => (t.match(/.{1,200}/g) ?? []).map((s) => `"${s}"`).join(' ');
  const Z = new Function('long', 'longRecord', 'quoteSplit', `return ${zsrc}`)(long, longRecord, quoteSplit);
  const r1 = zones(Z);
  const names = new Set<string>();
  for (const [origin, text] of Object.entries(Z as Record<string, string>))
    for (const line of text.split('\n')) {
      const m = /^(\S+)\s+TXT/.exec(line);
      if (m) names.add(m[1] === '@' ? origin : `${m[1]}.${origin}`);
    }
  names.add('nowhere.example.org');
  for (const n of names) {
    out[`z:${n}`] = await analyzeSpf(n, { resolver: r1 });
    out[`zb:${n}`] = await analyzeSpf(n, { resolver: r1, budget: 3, maxNodes: 3, maxTermLookups: 2 });
    out[`zf:${n}`] = await analyzeSpf(n, {
      resolver: failing(r1, {
        'slow.example.org/TXT': 'SERVFAIL',
        'c.example.net': 'TIMEOUT',
        'mx1.example.org/AAAA': 'SERVFAIL',
      }),
    });
  }
  const dir = join(import.meta.dirname, '..', '..', 'samples', 'zones');
  const files = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.zone'))
      .map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'realworld'))
      .filter((f) => f.endsWith('.zone'))
      .map((f) => join(dir, 'realworld', f)),
  ];
  const zs = files.map((f) => parseZone(readFileSync(f, 'utf8'), { file: f.slice(dir.length) }));
  const r2 = zoneResolver(zs, { offline: true });
  const owners = new Set<string>();
  for (const z of zs)
    for (const rr of z.records) if (rr.type === 'TXT' && /v=spf1/i.test(rr.rdata)) owners.add(rr.name);
  for (const n of owners) out[`s:${n}`] = await analyzeSpf(n, { resolver: r2, zones: zs });
  // random policies through checkHost and analyzeSpf
  for (const c of generatedCases(300, 77)) {
    const resolver = tableResolver(c.answers);
    const r = await verifySpfIdentity(
      { ip: c.ip, mailFrom: c.sender, helo: c.helo },
      { resolver, now: () => 1_000_000 },
    );
    out[`c:${c.id}`] = r;
    const dom = c.sender.includes('@') ? c.sender.slice(c.sender.lastIndexOf('@') + 1) : c.helo;
    out[`ca:${c.id}`] = await analyzeSpf(dom, { resolver });
  }
  writeFileSync(OUT, JSON.stringify(out, null, 1));
}, 600_000);
