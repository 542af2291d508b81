import { describe, expect, it } from 'vitest';
import { domainRules, gate, gateReports, networkEnds, type RuleResult } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import type { GatePolicy } from '../../src/policy/schema.js';
import { failing } from '../support/resolvers.js';
import { auditSample, FIXED_NOW, sampleResolver } from '../support/samples.js';

const policy = (yaml: string): GatePolicy => parsePolicy(yaml).policy;
const outcomes = (rules: RuleResult[]) =>
  rules.map((r) => `${r.outcome} ${r.rule === 'finding' ? r.id : r.rule}`);
/** Policy rules only (the audit's findings grow as sections are added). */
const ruleOutcomes = (rules: RuleResult[]) => outcomes(rules.filter((r) => r.rule !== 'finding'));
/** Finding rules for the given ids only. */
const findingOutcomes = (rules: RuleResult[], ids: string[]) =>
  outcomes(rules.filter((r) => r.rule === 'finding' && ids.includes(r.id)));
const SPF_DMARC_DKIM = /^(spf|dmarc|dkim)\./;

const HEALTHY = 'mailgate-healthy.example';
const LOOKUPS = 'too-many-lookups.example';

describe('gate: domain rules', () => {
  it('passes a domain that meets every rule, checking authorizations with check_host()', async () => {
    const report = await auditSample(HEALTHY, { selectors: ['s2026'] });
    const p = policy(`
defaults:
  spf: { all: "-all", max-lookups: 8 }
  dmarc: { p: reject, sp: reject, np: quarantine, rua: true, alignment: { dkim: strict, spf: relaxed } }
  dkim: { selectors: [s2026], min-key-bits: 2048 }
domains:
  ${HEALTHY}:
    spf:
      authorize: [192.0.2.40, 192.0.2.0/24, include:_spf.google.com, include:servers.mcsv.net]
`);
    const g = await gate(report, p, { resolver: sampleResolver(), now: FIXED_NOW });
    expect(g.status).toBe('passed');
    expect(g.passed).toBe(true);
    expect(ruleOutcomes(g.rules)).toEqual([
      'pass spf.all',
      'pass spf.max-lookups',
      'pass spf.authorize',
      'pass spf.authorize',
      'pass spf.authorize',
      'pass spf.authorize',
      'pass dmarc.p',
      'pass dmarc.sp',
      'pass dmarc.np',
      'pass dmarc.rua',
      'pass dmarc.alignment',
      'pass dmarc.alignment',
      'pass dkim.selectors',
      'pass dkim.min-key-bits',
    ]);
    const net = g.rules.find((r) => r.expected === '192.0.2.0/24')!;
    // One check_host() run: no network of the include tree cuts 192.0.2.0/24.
    expect(net.actual).toBe('192.0.2.0/24: pass');
    expect(g.rules.find((r) => r.rule === 'spf.max-lookups')!.actual).toBe('5');
    expect(g.rules.find((r) => r.rule === 'dkim.min-key-bits')!.actual).toBe('2048');
    // The domain's own entry locates authorize; defaults locate the rest.
    expect(g.rules.find((r) => r.rule === 'spf.authorize')!.policyPath).toEqual([
      'domains',
      HEALTHY,
      'spf',
      'authorize',
    ]);
    expect(g.rules.find((r) => r.rule === 'dmarc.p')!.policyPath).toEqual(['defaults', 'dmarc', 'p']);
  });

  it('fails each rule that does not hold, failing rules first, with expected and found values', async () => {
    const report = await auditSample(LOOKUPS, { selectors: ['google', 'missing1'] });
    const p = policy(`
defaults:
  spf: { all: "-all", max-lookups: 8, authorize: [198.51.100.25, 203.0.113.7, include:spf.example.net] }
  dmarc: { p: quarantine, rua: true, alignment: strict }
  dkim: { selectors: [google, missing1], min-key-bits: 2048 }
`);
    const g = await gate(report, p, { resolver: sampleResolver(), now: FIXED_NOW });
    expect(g.status).toBe('failed');
    expect(ruleOutcomes(g.rules)).toEqual([
      'fail spf.all',
      'fail spf.max-lookups',
      'fail spf.authorize',
      'fail spf.authorize',
      'fail dmarc.p',
      'fail dmarc.alignment',
      'fail dmarc.alignment',
      'fail dkim.selectors',
      'fail dkim.min-key-bits',
      'pass spf.authorize',
      'pass dmarc.rua',
      'pass dkim.selectors',
    ]);
    const byRule = (rule: string, expected?: string) =>
      g.rules.find((r) => r.rule === rule && (expected === undefined || r.expected === expected))!;
    expect(byRule('spf.all')).toMatchObject({ expected: '-all', actual: '~all' });
    expect(byRule('spf.max-lookups')).toMatchObject({ expected: '<= 8', actual: '12' });
    // 198.51.100.25 is mail.too-many-lookups.example, matched by "mx" before the lookup limit is reached; any other
    // address runs into the limit (12 DNS-querying terms > 10): check_host() gives permerror (RFC 7208 §4.6.4).
    expect(byRule('spf.authorize', '198.51.100.25').outcome).toBe('pass');
    expect(byRule('spf.authorize', '203.0.113.7')).toMatchObject({
      outcome: 'fail',
      actual: '203.0.113.7: permerror',
    });
    expect(byRule('spf.authorize', 'include:spf.example.net').actual).toBe(
      'includes: _spf.google.com, _netblocks.google.com, _netblocks2.google.com, _netblocks3.google.com, spf.improvmx.com, spf4.improvmx.com, spf6.improvmx.com, _spf.protonmail.ch, _spf2.protonmail.ch, servers.mcsv.net',
    );
    expect(byRule('dmarc.p')).toMatchObject({ expected: 'p=quarantine', actual: 'p=none' });
    expect(byRule('dkim.min-key-bits')).toMatchObject({ expected: '>= 2048', actual: '1024' });
    expect(byRule('dkim.selectors', 'missing1')).toMatchObject({ outcome: 'fail', actual: 'none' });
    // Failed rules become policy.* findings, in the effective findings.
    expect(g.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'policy.spf-all',
        'policy.spf-lookups',
        'policy.dmarc-policy',
        'policy.dkim-key-size',
      ]),
    );
    expect(g.findings.find((f) => f.id === 'policy.dmarc-policy')!.evidence).toMatchObject({
      name: '_dmarc.too-many-lookups.example',
      record: 'v=DMARC1; p=none; rua=mailto:dmarc@too-many-lookups.example',
      source: { file: 'samples/zones/too-many-lookups.example.zone', line: 14 },
    });
  });

  it('fails a network part of which is not authorized', async () => {
    const report = await auditSample(HEALTHY);
    const g = await gate(report, policy('defaults:\n  spf:\n    authorize: [192.0.2.0/23]\n'), {
      resolver: sampleResolver(),
    });
    expect(g.rules[0]).toMatchObject({
      outcome: 'fail',
      actual: '192.0.2.0/24: pass, 192.0.3.0/24: fail',
    });
  });

  it('fails the rules of a domain without records', async () => {
    const report = await auditSample('broken-spf.example');
    const g = await gate(
      report,
      policy('defaults:\n  spf: { all: "-all" }\n  dmarc: { p: none, rua: true }\n'),
    );
    // A record with a syntax error is a permerror for receivers: its -all does not count.
    expect(ruleOutcomes(g.rules)).toEqual(['fail spf.all', 'fail dmarc.p', 'fail dmarc.rua']);
    expect(findingOutcomes(g.rules, ['dmarc.no-record', 'spf.syntax-error'])).toEqual([
      'fail dmarc.no-record',
      'fail spf.syntax-error',
    ]);
    // The record is unusable: the rule fails with policy.spf-record, as DMARC's fails with policy.dmarc-record.
    expect(g.rules[0]).toMatchObject({ id: 'policy.spf-record', actual: 'invalid' });
    expect(g.rules[0]?.finding).toMatchObject({ id: 'policy.spf-record', severity: 'error' });
    expect(g.rules[1]).toMatchObject({ id: 'policy.dmarc-record', actual: 'none' });
  });
});

describe('gate: DNS trouble is undetermined, never a pass', () => {
  it('DMARC rules are undetermined when _dmarc lookups fail', async () => {
    const resolver = failing(sampleResolver(), (n) => (n.startsWith('_dmarc.') ? 'SERVFAIL' : undefined));
    const report = await auditSample(HEALTHY, { resolver, selectors: ['s2026'] });
    const p = policy('defaults:\n  dmarc: { p: reject, rua: true }\n  spf: { all: "-all" }\n');
    const g = await gate(report, p, { resolver });
    expect(g.status).toBe('undetermined');
    expect(g.passed).toBe(false);
    expect(ruleOutcomes(g.rules)).toEqual(['undetermined dmarc.p', 'undetermined dmarc.rua', 'pass spf.all']);
    expect(findingOutcomes(g.rules, ['dmarc.dns-error'])).toEqual(['undetermined dmarc.dns-error']);
    expect(g.rules[0]!.finding).toMatchObject({
      id: 'policy.dmarc-policy-undetermined',
      severity: 'warning',
    });
  });

  it('check_host temperror makes an authorization undetermined', async () => {
    const good = sampleResolver();
    const report = await auditSample(HEALTHY);
    const resolver = failing(good, { '_spf.google.com': 'TIMEOUT' });
    const g = await gate(report, policy('defaults:\n  spf:\n    authorize: [203.0.113.1]\n'), { resolver });
    expect(g.rules[0]).toMatchObject({ rule: 'spf.authorize', outcome: 'undetermined', actual: 'temperror' });
    expect(g.status).toBe('undetermined');
  });

  it('a DNS error on the SPF record makes SPF rules undetermined; failures elsewhere still fail', async () => {
    const resolver = failing(sampleResolver(), { [`${LOOKUPS}/TXT`]: 'SERVFAIL' });
    const report = await auditSample(LOOKUPS, { resolver });
    const g = await gate(
      report,
      policy('defaults:\n  spf: { all: "-all", max-lookups: 8 }\n  dmarc: { p: reject }\n'),
      { resolver },
    );
    expect(ruleOutcomes(g.rules)).toEqual([
      'fail dmarc.p',
      'undetermined spf.all',
      'undetermined spf.max-lookups',
    ]);
    expect(findingOutcomes(g.rules, ['spf.dns-error'])).toEqual(['undetermined spf.dns-error']);
    expect(g.status).toBe('failed');
  });
});

describe('gate: finding rules, overrides and suppressions', () => {
  it('fails on findings at or above fail-on; the override and the input threshold apply', async () => {
    const report = await auditSample(LOOKUPS, { selectors: ['google'] });
    const ids = report.findings.filter((f) => SPF_DMARC_DKIM.test(f.id)).map((f) => f.id);
    expect(ids).toEqual(['spf.lookup-limit', 'dkim.rsa-key-below-2048', 'dmarc.policy-none']);
    const error = await gate(report, policy('{}'));
    expect(findingOutcomes(error.rules, ids)).toEqual(['fail spf.lookup-limit']);
    const warn = await gate(report, policy('fail-on: warning\n'));
    expect(findingOutcomes(warn.rules, ids)).toEqual([
      'fail spf.lookup-limit',
      'fail dkim.rsa-key-below-2048',
      'fail dmarc.policy-none',
    ]);
    const never = await gate(report, policy('fail-on: warning\n'), { failOn: 'never' });
    expect(never.rules).toEqual([]);
    expect(never.status).toBe('passed');
    const raised = await gate(report, policy('findings:\n  dmarc.policy-none:\n    severity: error\n'));
    expect(findingOutcomes(raised.rules, ids)).toEqual(['fail spf.lookup-limit', 'fail dmarc.policy-none']);
    expect(raised.findings.find((f) => f.id === 'dmarc.policy-none')!.severity).toBe('error');
    expect(raised.counts.errors - error.counts.errors).toBe(1);
    expect(raised.counts.warnings - error.counts.warnings).toBe(-1);
  });

  it('a suppression with a reason accepts the finding until it expires', async () => {
    const report = await auditSample(LOOKUPS, { selectors: ['google'] });
    const p = policy(`
findings:
  spf.lookup-limit:
    suppress:
      reason: "vendor include being removed (JIRA-123)"
      expires: 2026-01-15
`);
    const baseline = await gate(report, policy('{}'), { now: FIXED_NOW });
    const active = await gate(report, p, { now: FIXED_NOW });
    expect(active.status).toBe('passed');
    expect(active.rules[0]).toMatchObject({
      outcome: 'suppressed',
      id: 'spf.lookup-limit',
      suppression: { reason: 'vendor include being removed (JIRA-123)', expires: '2026-01-15' },
      policyPath: ['findings', 'spf.lookup-limit', 'suppress'],
    });
    expect(active.counts).toEqual({ ...baseline.counts, errors: baseline.counts.errors - 1, suppressed: 1 });
    expect(active.findings.map((f) => f.id)).not.toContain('spf.lookup-limit');

    const expired = await gate(report, p, { now: () => new Date('2026-01-16T00:00:00Z') });
    expect(expired.status).toBe('failed');
    expect(findingOutcomes(expired.rules, ['spf.lookup-limit'])).toEqual(['fail spf.lookup-limit']);
    const warning = expired.findings.find((f) => f.id === 'policy.suppression-expired')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toBe(
      'The suppression of spf.lookup-limit expired on 2026-01-15 (reason given: vendor include being removed (JIRA-123)); the finding counts again',
    );
  });

  it('a suppression scoped to other domains does not apply', async () => {
    const report = await auditSample(LOOKUPS);
    const p = policy(
      'findings:\n  spf.lookup-limit:\n    suppress: { reason: other, domains: [example.org] }\n',
    );
    expect((await gate(report, p)).status).toBe('failed');
  });
});

describe('gateReports', () => {
  it('combines domains: failed beats undetermined beats passed; the reason is one line', async () => {
    const resolver = failing(sampleResolver(), { '_dmarc.mailgate-healthy.example': 'SERVFAIL' });
    const reports = [
      await auditSample(HEALTHY, { resolver, selectors: ['s2026'] }),
      await auditSample(LOOKUPS),
    ];
    const g = await gateReports(reports, policy('defaults:\n  dmarc: { p: reject }\n'), { resolver });
    expect(g.status).toBe('failed');
    expect(g.domains.map((d) => d.status)).toEqual(['undetermined', 'failed']);
    expect(g.reason).toBe(
      'mailgate policy failed: 2 problems for too-many-lookups.example (dmarc.p, spf.lookup-limit)',
    );
    expect(g.reason).not.toContain('\n');
    expect(g.counts).toMatchObject({ failed: 2, undetermined: 2 });
    const only = await gateReports([reports[0]!], policy('defaults:\n  dmarc: { p: reject }\n'), {
      resolver,
    });
    expect(only.reason).toBe(
      'mailgate policy undetermined: 1 problem could not be checked because of DNS errors for mailgate-healthy.example (dmarc.p)',
    );
  });
});

describe('helpers', () => {
  it('domainRules merges defaults and the domain entry key by key', () => {
    const p = policy(`
defaults: { spf: { all: "~all", max-lookups: 8 }, dmarc: { p: quarantine } }
domains:
  Example.COM.: { spf: { all: "-all" } }
`);
    expect(domainRules(p, 'example.com')).toEqual({
      rules: { spf: { all: '-all', 'max-lookups': 8 }, dmarc: { p: 'quarantine' } },
      key: 'Example.COM.',
    });
    expect(domainRules(p, 'example.org')).toEqual({
      rules: { spf: { all: '~all', 'max-lookups': 8 }, dmarc: { p: 'quarantine' } },
    });
  });

  it('networkEnds gives the first and last address of a network', () => {
    expect(networkEnds('192.0.2.0/24')).toEqual(['192.0.2.0', '192.0.2.255']);
    expect(networkEnds('192.0.2.77/30')).toEqual(['192.0.2.76', '192.0.2.79']);
    expect(networkEnds('192.0.2.1')).toEqual(['192.0.2.1']);
    expect(networkEnds('192.0.2.1/32')).toEqual(['192.0.2.1']);
    expect(networkEnds('2001:db8::/32')).toEqual(['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff']);
  });
});
