/** Test helpers: reports of the sample zones, audited offline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditOptions, auditDomain, type DomainReport } from '../../src/audit/audit.js';
import { type DnsFailureKind, dnsFailure, type Resolver } from '../../src/dns/resolver.js';
import { parseZone, type Zone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The sample zones (samples/zones/*.zone) and the real-world provider zones they include. */
export function sampleZones(): Zone[] {
  const zones: Zone[] = [];
  for (const name of ['mailgate-healthy.example', 'too-many-lookups.example', 'broken-spf.example']) {
    const file = `samples/zones/${name}.zone`;
    zones.push(parseZone(readFileSync(join(ROOT, file), 'utf8'), { origin: name, file }));
  }
  for (const name of [
    'google.com',
    'mcsv.net',
    'improvmx.com',
    '_spf.protonmail.ch',
    '_spf2.protonmail.ch',
  ]) {
    const file = `samples/zones/realworld/${name}.zone`;
    zones.push(parseZone(readFileSync(join(ROOT, file), 'utf8'), { origin: name, file }));
  }
  return zones;
}

/** An offline resolver over the sample zones. */
export function sampleResolver(): Resolver {
  return zoneResolver(sampleZones(), { offline: true });
}

/** A resolver that fails every question whose name matches with `kind`. */
export function failing(
  inner: Resolver,
  match: (name: string, type: string) => boolean,
  kind: DnsFailureKind = 'SERVFAIL',
): Resolver {
  return {
    query(name, type) {
      return match(name.toLowerCase(), type)
        ? Promise.resolve(dnsFailure(name, type, kind, 'injected'))
        : inner.query(name, type);
    },
  };
}

export const FIXED_NOW = () => new Date('2026-01-15T12:00:00Z');

/** Audits a sample domain offline. */
export function auditSample(domain: string, options: Partial<AuditOptions> = {}): Promise<DomainReport> {
  return auditDomain(domain, { resolver: sampleResolver(), now: FIXED_NOW, ...options });
}
