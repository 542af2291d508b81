/**
 * Selector discovery also probes the selectors the loaded zone files hold (issue 10 §5): DNS cannot list the
 * names under `_domainkey`, but a zone file can, so a key at an uncommon selector is found offline and in the
 * what-if mode of the CLI (`audit`, `audit --policy`) and the Action.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDomain, zoneSelectors } from '../../src/audit/audit.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver, zoneResolverFromText } from '../../src/dns/zones.js';
import { keyRecord, rsaKey } from '../dkim/helpers.js';
import { actionDefaults, runActionInProcess } from '../support/action-runner.js';
import { runCli } from '../support/cli.js';
import { startDnsServer } from '../support/dns-server.js';
import { txt } from '../support/resolvers.js';

const key = rsaKey(2048);
const ZONE = [
  '$ORIGIN rare.test.',
  '@ SOA ns hostmaster 1 7200 900 1209600 300',
  '@ TXT "v=spf1 -all"',
  `s2026._domainkey TXT ${txt(keyRecord(key))}`,
  `a.b._domainkey TXT ${txt(keyRecord(key))}`,
  'sel1._domainkey CNAME sel1.dkim.provider.example.',
  '_domainkey TXT "o=~"',
  'other.test._domainkey.x TXT "v=DKIM1; p="',
  '',
].join('\n');

describe('zoneSelectors', () => {
  it('lists the selectors under _domainkey.<domain> with a TXT or CNAME record, in file order', () => {
    // A wildcard owner names no selector (it answers every probe, RFC 4592).
    const zone = parseZone(`${ZONE}*._domainkey TXT "v=DKIM1; p="\n`, { file: 'rare.test.zone' });
    expect(zoneSelectors('rare.test', [zone])).toEqual(['s2026', 'a.b', 'sel1']);
    expect(zoneSelectors('other.test', [zone])).toEqual([]);
  });
});

describe('auditDomain: discovery probes the zone selectors first', () => {
  it('finds a key at an uncommon selector when the zone files are given, and not otherwise', async () => {
    const zones = [parseZone(ZONE, { file: 'rare.test.zone' })];
    const resolver = zoneResolver(zones, { offline: true });
    const withZones = await auditDomain('rare.test', { resolver, zones, checks: { https: false } });
    expect(withZones.dkim.discovery?.probed.slice(0, 3)).toEqual(['s2026', 'a.b', 'sel1']);
    expect(withZones.dkim.selectors.map((s) => [s.selector, s.origin, s.status])).toEqual([
      ['s2026', 'discovered', 'found'],
      ['a.b', 'discovered', 'found'],
    ]);
    expect(withZones.findings.map((f) => f.id)).not.toContain('dkim.no-selector-found');
    const without = await auditDomain('rare.test', { resolver, checks: { https: false } });
    expect(without.dkim.selectors).toEqual([]);
    expect(without.findings.map((f) => f.id)).toContain('dkim.no-selector-found');
  });

  it('works through mailgate audit, also with --policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailgate-zone-selectors-'));
    const zone = join(dir, 'rare.test.zone');
    writeFileSync(zone, ZONE);
    const policy = join(dir, 'policy.yml');
    writeFileSync(policy, 'defaults:\n  dkim: { min-key-bits: 2048 }\n');
    for (const extra of [[], ['--policy', policy]]) {
      const r = await runCli([
        'audit',
        'rare.test',
        '--offline',
        '--zone',
        zone,
        '--format',
        'json',
        ...extra,
      ]);
      const json = JSON.parse(r.stdout);
      const report = Array.isArray(json) ? json[0] : (json.reports?.[0] ?? json);
      expect(
        report.dkim.selectors.map((s: { selector: string }) => s.selector),
        extra.join(' '),
      ).toEqual(['s2026', 'a.b']);
    }
  });
});

describe('the Action: zone-files selectors are discovered in what-if mode', () => {
  it('finds the key at the uncommon selector of a proposed zone', async () => {
    const server = await startDnsServer({
      resolver: zoneResolverFromText('$ORIGIN live.test.\n@ TXT "x"\n'),
    });
    try {
      const workspace = mkdtempSync(join(tmpdir(), 'mailgate-zone-selectors-action-'));
      await mkdir(join(workspace, 'zones'));
      writeFileSync(join(workspace, 'zones', 'rare.test.zone'), ZONE);
      const r = await runActionInProcess({
        workspace,
        defaults: await actionDefaults(),
        inputs: {
          domains: 'rare.test',
          'zone-files': 'zones/*.zone',
          'dns-servers': server.address,
          'dns-timeout': '300',
          'fail-on': 'never',
        },
      });
      const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
      expect(report.reports[0].dkim.selectors.map((s: { selector: string }) => s.selector)).toEqual([
        's2026',
        'a.b',
      ]);
    } finally {
      await server.close();
    }
  });
});
