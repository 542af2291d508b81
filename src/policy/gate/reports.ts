/**
 * The gate's `reports` rules: how much reported mail a change may break. The what-if (`whatIf`, issue 15)
 * replays every sender of the DMARC aggregate reports against the DNS before and after the change; mail that
 * goes from DMARC pass to fail is lost (RFC 9989 §5.3). `max-lost-messages` limits the count,
 * `max-lost-share` the share of the domain's reported messages.
 *
 * The rule's finding points at the change that breaks the most mail: the first cause of the sender that loses
 * the most (its zone file line, `evidence.source`, from `whatIfFindings`).
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import type { Evidence } from '../../findings/finding.js';
import { type DomainWhatIf, whatIfFindings } from '../../reports/index.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { GateDomainRules } from '../schema.js';
import { addPolicyRule, type RuleSet } from './rules.js';
import type { GateOptions, RuleOutcome } from './types.js';

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 3 : 1)} %`;

/** The evidence of the sender that loses the most mail: its cause's DNS name, record and zone file line. */
function worstEvidence(d: DomainWhatIf): Evidence {
  const lost = whatIfFindings({
    domains: [d],
    totals: { messages: d.messages, lost: d.lost, gained: d.gained, undetermined: d.undetermined },
    replays: 0,
    uncheckedSignatures: 0,
  }).filter((f) => f.id === 'reports.whatif-lost-mail');
  const first = lost[0]?.evidence;
  const senders = d.senders.filter((s) => s.lost > 0).map((s) => `${s.name} (${s.lost})`);
  return {
    ...(first?.name !== undefined ? { name: first.name } : { name: d.domain }),
    ...(first?.record !== undefined ? { record: first.record } : {}),
    ...(first?.source ? { source: first.source } : {}),
    details: {
      lost: d.lost,
      messages: d.messages,
      share: d.lostShare,
      undetermined: d.undetermined,
      senders,
    },
  };
}

/**
 * Checks `reports.max-lost-messages` and `reports.max-lost-share` for one domain: `not-checked` without a what-if
 * (no reports given), `pass` when the domain has no reported mail or stays within the limit, `fail` over it,
 * `undetermined` when replays that met DNS trouble could take it over.
 */
export function checkReports(
  rules: GateDomainRules,
  set: RuleSet,
  report: DomainReport,
  options: GateOptions,
): void {
  const r = rules.reports;
  if (!r) return;
  const limits: { key: 'max-lost-messages' | 'max-lost-share'; max: number }[] = [];
  if (r['max-lost-messages'] !== undefined)
    limits.push({ key: 'max-lost-messages', max: r['max-lost-messages'] });
  if (r['max-lost-share'] !== undefined) limits.push({ key: 'max-lost-share', max: r['max-lost-share'] });
  const domain = report.domain;
  const d = options.whatIf?.domains.find((x) => x.domain === domain);
  for (const { key, max } of limits) {
    const share = key === 'max-lost-share';
    const show = (n: number) => (share ? pct(n) : `${n} message${n === 1 ? '' : 's'}`);
    let outcome: RuleOutcome;
    let message: string;
    let actual: string | undefined;
    let evidence: Evidence = { name: domain };
    if (!options.whatIf) {
      outcome = 'not-checked';
      message = `Reported mail of ${domain} not checked: no DMARC aggregate reports were given (the policy allows at most ${show(max)} to go from DMARC pass to fail)`;
    } else if (!d || d.messages === 0) {
      outcome = 'pass';
      actual = '0';
      message = `No reported mail of ${domain} in the DMARC aggregate reports given: nothing to break`;
    } else {
      const value = share ? d.lostShare : d.lost;
      const worstCase = share ? (d.lost + d.undetermined) / d.messages : d.lost + d.undetermined;
      actual = share ? String(Number(value.toFixed(6))) : String(value);
      evidence = worstEvidence(d);
      const breaks = `The change makes ${d.lost} of ${d.messages} reported messages of ${domain} (${pct(d.lostShare)}) go from DMARC pass to fail`;
      if (value > max) {
        outcome = 'fail';
        const who = d.senders
          .filter((s) => s.lost > 0)
          .slice(0, 3)
          .map((s) => `${s.name} ${s.lost}`);
        message = `${breaks}; the policy allows at most ${show(max)}${who.length ? ` (${who.join(', ')})` : ''}`;
      } else if (worstCase > max) {
        outcome = 'undetermined';
        message = `${breaks}, and ${d.undetermined} more could not be replayed because of DNS errors; with them it could exceed the ${show(max)} the policy allows`;
      } else {
        outcome = 'pass';
        message = `${breaks} (at most ${show(max)} allowed)`;
      }
    }
    addPolicyRule(set, {
      rule: `reports.${key}`,
      section: 'reports',
      key,
      outcome,
      message,
      factory: POLICY_FINDINGS.reportsLostMail,
      evidence,
      expected: `<= ${max}`,
      ...(actual !== undefined ? { actual } : {}),
    });
  }
}
