/**
 * The findings catalog is complete and authoritative:
 * - every catalog id is produced by a fixture of the corpus (test/catalog/corpus.ts), or is on the allow-list
 *   below with the reason it cannot be;
 * - every finding the corpus produces has its catalog entry's severity, RFC section and remediation (call sites
 *   set the message, the evidence and the domain, nothing else; RFC 7489 mode cites the entry's `rfc7489`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_CATALOG, findingDefinition } from '../../src/catalog.js';
import { ROOT } from '../support/samples.js';
import { type Produced, produceAll } from './corpus.js';

/** Catalog ids no fixture produces, and why. Keep it short: an entry here is a finding nobody has seen. */
const NOT_PRODUCED: Readonly<Record<string, string>> = {};

let produced: Produced[];
beforeAll(async () => {
  produced = await produceAll();
}, 120_000);

describe('the findings corpus', () => {
  it('produces every catalog id, except the allow-listed ones', () => {
    const seen = new Set(produced.map((p) => p.finding.id));
    const missing = FINDINGS_CATALOG.map((d) => d.id).filter((id) => !seen.has(id) && !(id in NOT_PRODUCED));
    expect(missing).toEqual([]);
    // An allow-listed id that is produced after all, or that left the catalog, leaves the list.
    const stale = Object.keys(NOT_PRODUCED).filter((id) => seen.has(id) || !findingDefinition(id));
    expect(stale).toEqual([]);
  });

  it('produces no id outside the catalog', () => {
    const unknown = [...new Set(produced.map((p) => p.finding.id))].filter((id) => !findingDefinition(id));
    expect(unknown).toEqual([]);
  });

  it('gives every finding the severity, RFC section and remediation of its catalog entry', () => {
    const differ: string[] = [];
    for (const { fixture, finding: f } of produced) {
      const def = findingDefinition(f.id);
      if (!def) continue;
      const rfcs = [def.rfc, def.rfc7489];
      if (f.severity !== def.severity)
        differ.push(`${fixture}: ${f.id} severity ${f.severity} (catalog ${def.severity})`);
      if (!rfcs.includes(f.rfc)) differ.push(`${fixture}: ${f.id} rfc ${f.rfc} (catalog ${def.rfc})`);
      if (f.remediation !== def.remediation)
        differ.push(`${fixture}: ${f.id} remediation differs from the catalog`);
    }
    expect(differ).toEqual([]);
    // The RFC 7489 citations are used (in RFC 7489 mode), so the check above sees both kinds.
    expect(
      produced.some(
        (p) => p.finding.rfc !== undefined && p.finding.rfc === findingDefinition(p.finding.id)?.rfc7489,
      ),
    ).toBe(true);
  });
});

describe('the README recipe for adding a finding', () => {
  it('names files that exist and the ids it gives as examples', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Contributing'), readme.indexOf('## Licence'));
    expect(section).toContain('### Adding a finding');
    const paths = [...section.matchAll(/`((?:src|test|docs|schema)\/[^`*<]+)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(8);
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
    for (const [, id] of section.matchAll(/`([a-z]+\.[a-z0-9-]+)`/g))
      if (!/\.(ts|md|json)$/.test(id!)) expect(findingDefinition(id!), id).toBeDefined();
  });
});
