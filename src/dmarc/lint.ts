/**
 * The judgement of a parsed DMARC Policy Record (RFC 9989 §4.7, §4.10.1; RFC 7489 §6.3 for the historic tags):
 * `p=none`, weaker `sp`/`np`, `t=y`, historic `pct`/`rf`/`ri`, `pct` below 100, no `rua`, `fo` without `ruf`,
 * `psd=y`, and a record that gets no DMARC processing. Each finding points at its tag.
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';
import { type DmarcEffective, weaker } from './effective.js';
import { DMARC_FINDINGS as F } from './findings.js';
import { type DmarcPublishedTags, type DmarcTag, HISTORIC_TAGS } from './record.js';

/** Adds the lint findings of a parsed record to `findings` (see the module description). */
export function lint(
  text: string,
  seen: Map<string, DmarcTag>,
  published: DmarcPublishedTags,
  invalidTags: readonly string[],
  effective: DmarcEffective | null,
  findings: Finding[],
): void {
  const at = (name: string) => {
    const tag = seen.get(name);
    return tag
      ? { record: text, term: `${tag.rawName}=${tag.value}`, position: tag.position }
      : { record: text, position: { offset: 0, length: text.length } };
  };
  if (effective === null) {
    findings.push(
      F.recordUnusable(
        published.p === undefined
          ? 'The record has no valid p= tag and no valid rua= URI: receivers apply no DMARC processing'
          : 'The record has an invalid sp= or np= tag and no valid rua= URI: receivers apply no DMARC processing',
        at(published.p === undefined ? 'p' : invalidTags.includes('sp') ? 'sp' : 'np'),
      ),
    );
  } else if (effective.policyBasis === 'p-none-fallback') {
    findings.push(
      F.policyMissing(
        published.p === undefined
          ? 'No valid p= tag: receivers act as if p=none was published'
          : 'An invalid sp= or np= tag makes receivers act as if only p=none was published',
        at(published.p === undefined ? 'p' : invalidTags.includes('sp') ? 'sp' : 'np'),
      ),
    );
  }
  if (published.p === 'none') {
    findings.push(
      F.policyNone('p=none: failing mail is not quarantined or rejected (monitoring only)', at('p')),
    );
  }
  if (published.p && published.sp && weaker(published.sp, published.p)) {
    findings.push(
      F.subdomainPolicyWeaker(
        `sp=${published.sp} is weaker than p=${published.p} for existing subdomains`,
        at('sp'),
      ),
    );
  }
  if (published.p && published.np) {
    const base = published.sp ?? published.p;
    if (weaker(published.np, base)) {
      findings.push(
        F.npWeaker(
          `np=${published.np} is weaker than ${published.sp ? 'sp' : 'p'}=${base} for non-existent subdomains`,
          at('np'),
        ),
      );
    }
  }
  if (published.t === 'y') {
    const p = published.p ?? 'none';
    findings.push(
      F.testing(
        p === 'none'
          ? 't=y (test mode) has no effect on p=none'
          : `t=y (test mode): RFC 9989 receivers apply ${p === 'reject' ? 'quarantine' : 'none'} instead of ${p}`,
        at('t'),
      ),
    );
  }
  for (const name of HISTORIC_TAGS) {
    if (seen.has(name)) {
      findings.push(F.historicTag(`${name}= is historic: RFC 9989 receivers ignore it`, at(name)));
    }
  }
  if (published.pct !== undefined && published.pct < 100) {
    findings.push(
      F.pctPartial(
        `pct=${published.pct}: RFC 7489 receivers apply the policy to ${published.pct}% of failing mail (and the next weaker policy to the rest); RFC 9989 receivers ignore pct`,
        at('pct'),
      ),
    );
  }
  if (!published.rua) {
    findings.push(
      F.noRua(
        seen.has('rua')
          ? 'rua= has no valid URI: no aggregate reports will be sent'
          : 'No rua= tag: no aggregate reports will be sent',
        at('rua'),
      ),
    );
  }
  if (seen.has('fo') && !published.ruf) {
    findings.push(F.foIgnored('fo= is ignored because there is no valid ruf= destination', at('fo')));
  }
  if (published.psd === 'y') {
    findings.push(
      F.psdDeclared(
        'psd=y: this record declares its domain a Public Suffix Domain (its children are organizations)',
        at('psd'),
      ),
    );
  }
}
