// The demo's sample domains yield exactly the findings planted in their zone files (samples/zones/*.zone),
// evaluated offline on the bundled zones, the way `npm run demo` runs them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDomain } from '../../src/audit/audit.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { loadZonePaths, parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples', 'zones');
let resolver: Resolver;

beforeAll(async () => {
  resolver = zoneResolver(await loadZonePaths([SAMPLES]), { offline: true });
});

const audit = (domain: string, selectors: string[]) =>
  auditDomain(domain, { resolver, selectors, checks: { https: false } });

const ids = (findings: { id: string; severity: string }[]) =>
  findings.map((f) => `${f.severity} ${f.id}`).sort();

describe('sample domains (samples/zones)', () => {
  it('mailgate-healthy.example: no error or warning', async () => {
    const r = await audit('mailgate-healthy.example', ['s2026']);
    expect(ids(r.findings)).toEqual(['info bimi.no-record', 'info mtasts.no-record']);
    expect(r.spf.lookups).toBe(5); // include:_spf.google.com costs 4 (RFC 7208 §4.6.4), servers.mcsv.net 1
    expect(r.dkim.selectors[0]).toMatchObject({ selector: 's2026' });
  });

  it('too-many-lookups.example: 12 DNS-querying terms, p=none, a 1024-bit key', async () => {
    const r = await audit('too-many-lookups.example', ['google']);
    expect(ids(r.findings)).toEqual([
      'error spf.lookup-limit',
      'info bimi.no-record',
      'info mtasts.no-record',
      'info mx.not-checked-offline',
      'info tlsrpt.no-record',
      'warning dkim.rsa-key-below-2048',
      'warning dmarc.policy-none',
    ]);
    expect(r.spf.lookups).toBe(12);
    // Offline, the reverse zone of 198.51.100.25 is not loaded: not checked, not "no PTR".
    expect(r.mx?.hosts[0]?.addresses).toEqual([
      { address: '198.51.100.25', family: 4, ptr: [], fcrdns: null, reverseDnsNotChecked: 'offline' },
    ]);
    expect(r.findings.find((f) => f.id === 'mx.not-checked-offline')?.message).toBe(
      'not checked (offline): 1 name outside the zone files: 25.100.51.198.in-addr.arpa (PTR) for 198.51.100.25',
    );
  });

  it('open-relay.example: +all, two DMARC records, a weak and a revoked key', async () => {
    const r = await audit('open-relay.example', ['legacy', 'old']);
    expect(ids(r.findings)).toEqual([
      'error dmarc.multiple-records',
      'error spf.pass-all',
      'info bimi.no-record',
      'info mtasts.no-record',
      'info mx.not-checked-offline',
      'info tlsrpt.no-record',
      'warning dkim.rsa-key-below-2048',
      'warning dkim.selector-revoked',
    ]);
  });

  it('broken-spf.example: SPF syntax error, no DMARC, no DKIM key', async () => {
    const r = await audit('broken-spf.example', ['default']);
    expect(ids(r.findings)).toEqual([
      'error dkim.no-key',
      'error dmarc.no-record',
      'error spf.syntax-error',
      'info bimi.no-record',
      'info mtasts.no-record',
      'info tlsrpt.no-record',
    ]);
    const syntax = r.findings.find((f) => f.id === 'spf.syntax-error');
    expect(syntax?.evidence?.position).toEqual({ offset: 14, length: 11 });
    expect(syntax?.evidence?.record?.slice(14, 25)).toBe('192.0.2.300');
  });

  it('proton.me (real snapshot): its MX hosts at protonmail.ch are outside the zones, not checked offline', async () => {
    const r = await audit('proton.me', []);
    expect(ids(r.findings)).toEqual([
      'info bimi.declined',
      'info dmarc.fo-ignored',
      'info mtasts.no-record',
      'info mx.not-checked-offline',
      'info tlsrpt.no-record',
      'warning dkim.no-domainkey-tree',
      'warning dmarc.no-rua',
    ]);
    expect(r.mx?.hosts.map((h) => [h.exchange, h.notChecked, h.addresses])).toEqual([
      ['mail.protonmail.ch', 'offline', []],
      ['mailsec.protonmail.ch', 'offline', []],
    ]);
    expect(r.spf.lookups).toBe(2); // _spf.protonmail.ch and _spf2.protonmail.ch are in the snapshot zones
  });

  it('the same MX host with its zone loaded but no address is still mx.no-address (inside the zones)', async () => {
    const zones = await loadZonePaths([SAMPLES]);
    const withProvider = zoneResolver(
      [...zones, parseZone('$ORIGIN protonmail.ch.\n@ TXT "snapshot"\n', { file: 'protonmail.ch.zone' })],
      { offline: true },
    );
    const r = await auditDomain('proton.me', { resolver: withProvider, checks: { https: false } });
    expect(ids(r.findings).filter((id) => id.includes(' mx.'))).toEqual([
      'error mx.no-address',
      'error mx.no-address',
    ]);
  });
});

describe('zone file locations in findings', () => {
  it('points SPF, DMARC and DKIM findings at their zone file lines', async () => {
    const r = await audit('too-many-lookups.example', ['google']);
    const at = (id: string) => r.findings.find((f) => f.id === id)?.evidence?.source;
    const file = join(SAMPLES, 'too-many-lookups.example.zone');
    expect(at('spf.lookup-limit')).toEqual({ file, line: 13 });
    expect(at('dmarc.policy-none')).toEqual({ file, line: 14 });
    expect(at('dkim.rsa-key-below-2048')).toEqual({ file, line: 15 });
  });
});
