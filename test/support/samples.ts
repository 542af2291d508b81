/** The sample zones (samples/zones/), audited offline: the fixtures of the policy, report and Action tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditOptions, auditDomain, type DomainReport } from '../../src/audit/audit.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { parseZone, type Zone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

/** The repository root. */
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

/** The clock of the sample audits. */
export const FIXED_NOW = () => new Date('2026-01-15T12:00:00Z');

/** Audits a sample domain offline. */
export function auditSample(domain: string, options: Partial<AuditOptions> = {}): Promise<DomainReport> {
  return auditDomain(domain, { resolver: sampleResolver(), now: FIXED_NOW, ...options });
}
