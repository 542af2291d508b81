/**
 * The findings catalog: every finding definition of every module, in one list. Policy files refer to these
 * ids, SARIF `rules` are built from them, and `docs/findings.md` is generated from them.
 *
 * Each protocol folder declares its findings in `src/<area>/findings.ts` (`defineFindings`); this module only
 * gathers their `.definitions`.
 *
 * @module
 */

import { ARC_FINDINGS } from './arc/findings.js';
import { AUDIT_FINDINGS } from './audit/findings.js';
import { BIMI_FINDINGS } from './bimi/findings.js';
import { DKIM_FINDINGS } from './dkim/findings.js';
import { DMARC_FINDINGS } from './dmarc/findings.js';
import type { FindingDefinition } from './findings/finding.js';
import { MESSAGE_FINDINGS } from './message/findings.js';
import { MTASTS_FINDINGS } from './mtasts/findings.js';
import { MX_FINDINGS } from './mx/findings.js';
import { POLICY_FINDINGS } from './policy/findings.js';
import { REPORTS_FINDINGS } from './reports/findings.js';
import { SPF_FINDINGS } from './spf/findings.js';
import { TLSRPT_FINDINGS } from './tlsrpt/findings.js';

/** The finding groups, by area, in documentation order. */
export const FINDING_GROUPS: ReadonlyArray<{ area: string; definitions: readonly FindingDefinition[] }> = [
  { area: 'spf', definitions: SPF_FINDINGS.definitions },
  { area: 'dmarc', definitions: DMARC_FINDINGS.definitions },
  { area: 'dkim', definitions: DKIM_FINDINGS.definitions },
  { area: 'arc', definitions: ARC_FINDINGS.definitions },
  { area: 'message', definitions: MESSAGE_FINDINGS.definitions },
  { area: 'mx', definitions: MX_FINDINGS.definitions },
  { area: 'mtasts', definitions: MTASTS_FINDINGS.definitions },
  { area: 'tlsrpt', definitions: TLSRPT_FINDINGS.definitions },
  { area: 'bimi', definitions: BIMI_FINDINGS.definitions },
  { area: 'audit', definitions: AUDIT_FINDINGS.definitions },
  { area: 'policy', definitions: POLICY_FINDINGS.definitions },
  { area: 'reports', definitions: REPORTS_FINDINGS.definitions },
];

/** Every finding definition, grouped by area, each id once. */
export const FINDINGS_CATALOG: readonly FindingDefinition[] = FINDING_GROUPS.flatMap((g) => g.definitions);

const BY_ID: ReadonlyMap<string, FindingDefinition> = new Map(FINDINGS_CATALOG.map((d) => [d.id, d]));

/** The definition of a finding id, or `undefined` for an id not in the catalog. */
export function findingDefinition(id: string): FindingDefinition | undefined {
  return BY_ID.get(id);
}

/** Ids defined more than once (must be empty; checked by the catalog test). */
export function duplicateFindingIds(): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const d of FINDINGS_CATALOG) {
    if (seen.has(d.id)) dups.add(d.id);
    seen.add(d.id);
  }
  return [...dups];
}
