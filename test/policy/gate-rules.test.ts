/**
 * The gate decides each rule from the data that rule needs: DMARC rules stay decided when only the Organizational
 * Domain walk failed; DKIM selectors must hold a key a verifier can use; domain entries merge with the defaults
 * key by key at every depth; inherited DMARC policies are named by the tag and record they come from.
 */
import { describe, expect, it } from 'vitest';
import { type AuditOptions, auditDomain, type DomainReport } from '../../src/audit/audit.js';
import { findingDefinition } from '../../src/catalog.js';
import type { DnsFailureKind, Resolver } from '../../src/dns/resolver.js';
import { domainRules, gate, type RuleResult } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import type { GatePolicy } from '../../src/policy/schema.js';
import { failing, originZones as zones } from '../support/resolvers.js';
import { FIXED_NOW } from '../support/samples.js';

const policy = (yaml: string): GatePolicy => parsePolicy(yaml).policy;
const OFFLINE: AuditOptions['checks'] = { mx: false, mtaSts: false, tlsRpt: false, bimi: false };

function audit(
  domain: string,
  resolver: Resolver,
  options: Partial<AuditOptions> = {},
): Promise<DomainReport> {
  return auditDomain(domain, { resolver, now: FIXED_NOW, checks: OFFLINE, ...options });
}

const rulesOf = (rules: RuleResult[], rule: string) => rules.filter((r) => r.rule === rule);
const ruleOf = (rules: RuleResult[], rule: string) => rulesOf(rules, rule)[0]!;

const EXAMPLE_COM = `$ORIGIN example.com.
@       IN SOA ns1.example.com. host.example.com. 1 7200 3600 1209600 300
@       IN NS  ns1.example.com.
@       IN MX 10 mx1.example.com.
mx1     IN A 192.0.2.10
@       IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc  IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"
`;
const COM = `$ORIGIN com.
@ IN SOA a.gtld. h.gtld. 1 2 3 4 5
`;

describe('DMARC rules: undetermined only when the data the rule needs is unknown', () => {
  const timeout = (match: (name: string, type: string) => boolean, kind: DnsFailureKind = 'TIMEOUT') =>
    failing(zones(EXAMPLE_COM, COM), (n, t) => (match(n, t) ? kind : undefined));

  it('a Tree Walk TIMEOUT above the domain leaves p, rua and alignment of its own record decided', async () => {
    // Only _dmarc.com (asked to find the Organizational Domain, RFC 9989 §4.10.2) times out.
    const resolver = timeout((n) => n === '_dmarc.com');
    const report = await audit('example.com', resolver);
    expect(report.dmarc.record?.text).toBe('v=DMARC1; p=reject; rua=mailto:d@example.com');
    expect(report.dmarc.discovery.error).toMatchObject({ kind: 'TIMEOUT', name: '_dmarc.com' });
    const p = policy(`
defaults:
  dmarc: { p: quarantine, sp: reject, np: quarantine, rua: true, alignment: { dkim: relaxed, spf: strict } }
`);
    const g = await gate(report, p, { resolver, now: FIXED_NOW });
    expect(g.rules.filter((r) => r.rule.startsWith('dmarc.')).map((r) => `${r.outcome} ${r.rule}`)).toEqual([
      'fail dmarc.alignment',
      'pass dmarc.p',
      'pass dmarc.sp',
      'pass dmarc.np',
      'pass dmarc.rua',
      'pass dmarc.alignment',
    ]);
    expect(ruleOf(g.rules, 'dmarc.p')).toMatchObject({
      actual: 'p=reject',
      message: 'p=reject (required: quarantine or stronger)',
    });
    expect(ruleOf(g.rules, 'dmarc.rua')).toMatchObject({ actual: 'mailto:d@example.com' });
    expect(rulesOf(g.rules, 'dmarc.alignment').map((r) => r.actual)).toEqual(['aspf=r', 'adkim=r']);
    // The walk's TIMEOUT is still DNS trouble: its finding rule is undetermined (and names the query).
    const trouble = g.rules.filter((r) => r.rule === 'finding' && r.id === 'dmarc.dns-error');
    expect(trouble.map((r) => r.outcome)).toEqual(['undetermined']);
    expect(trouble[0]!.message).toContain('_dmarc.com');
  });

  it('with only p and rua required, the gate is undetermined by the dns-error finding alone', async () => {
    const resolver = timeout((n) => n === '_dmarc.com');
    const report = await audit('example.com', resolver);
    const g = await gate(report, policy('defaults:\n  dmarc: { p: quarantine, rua: true }\n'), { resolver });
    expect(g.rules.map((r) => `${r.outcome} ${r.rule === 'finding' ? r.id : r.rule}`)).toEqual([
      'undetermined dmarc.dns-error',
      'pass dmarc.p',
      'pass dmarc.rua',
    ]);
    expect(g.status).toBe('undetermined');
  });

  it('the record itself timing out makes every rule undetermined, naming the query', async () => {
    const resolver = timeout((n) => n === '_dmarc.example.com');
    const report = await audit('example.com', resolver);
    const g = await gate(report, policy('defaults:\n  dmarc: { p: quarantine, rua: true }\n'), { resolver });
    expect(ruleOf(g.rules, 'dmarc.p')).toMatchObject({
      outcome: 'undetermined',
      id: 'policy.dmarc-policy-undetermined',
      message:
        'The policy requires DMARC p=quarantine or stronger for example.com, but the DMARC record of example.com could not be read (DNS TIMEOUT for _dmarc.example.com)',
      finding: { id: 'policy.dmarc-policy-undetermined', severity: 'warning' },
    });
    expect(ruleOf(g.rules, 'dmarc.rua')).toMatchObject({
      outcome: 'undetermined',
      id: 'policy.dmarc-rua-undetermined',
    });
  });

  it('a subdomain whose inherited record times out says it has no record of its own', async () => {
    const resolver = timeout((n) => n === '_dmarc.example.com', 'SERVFAIL');
    const report = await audit('mail.example.com', resolver);
    const g = await gate(report, policy('defaults:\n  dmarc: { p: quarantine }\n'), { resolver });
    expect(ruleOf(g.rules, 'dmarc.p')).toMatchObject({
      outcome: 'undetermined',
      message:
        'The policy requires DMARC p=quarantine or stronger for mail.example.com, but mail.example.com has no DMARC record of its own, and the record that applies to it could not be read (DNS SERVFAIL for _dmarc.example.com)',
    });
  });

  it('titles of undetermined policy findings say "could not be checked", never "weaker than required"', async () => {
    const resolver = timeout((n) => n === '_dmarc.example.com');
    const report = await audit('example.com', resolver, { selectors: ['s1'] });
    const dkimDown = failing(resolver, { 's1._domainkey.example.com': 'TIMEOUT' });
    const report2 = await audit('example.com', dkimDown, { selectors: ['s1'] });
    const p = policy(
      'defaults:\n  dmarc: { p: reject, sp: reject, rua: true, alignment: strict }\n  dkim: { selectors: [s1] }\n',
    );
    const g = [await gate(report, p, { resolver }), await gate(report2, p, { resolver: dkimDown })];
    const undetermined = g
      .flatMap((x) => x.rules)
      .filter((r) => r.rule !== 'finding' && r.outcome === 'undetermined');
    const titles = [...new Set(undetermined.map((r) => findingDefinition(r.finding!.id)?.title))];
    expect(titles.sort()).toEqual([
      'Policy: DKIM selector could not be checked',
      'Policy: DMARC aggregate reports could not be checked',
      'Policy: DMARC alignment mode could not be checked',
      'Policy: DMARC policy could not be checked',
    ]);
  });
});

describe('DMARC p of a domain without a record of its own (RFC 9989 §4.10.1)', () => {
  const ORG = (dmarc: string) => `$ORIGIN example.
@ IN SOA ns h 1 2 3 4 5
_dmarc.org1 IN TXT "${dmarc}"
org1 IN A 192.0.2.1
org1 IN TXT "v=spf1 -all"
sub.org1 IN A 192.0.2.2
sub.org1 IN TXT "v=spf1 -all"
`;

  it('names the tag and the record the policy comes from', async () => {
    const resolver = zones(ORG('v=DMARC1; p=reject; sp=none; np=none; rua=mailto:a@org1.example'));
    const report = await audit('sub.org1.example', resolver);
    const g = await gate(report, policy('defaults:\n  dmarc: { p: reject, sp: quarantine }\n'), { resolver });
    expect(ruleOf(g.rules, 'dmarc.p')).toMatchObject({
      outcome: 'fail',
      expected: 'p=reject',
      actual: 'sp=none',
      message:
        'The DMARC policy that applies to sub.org1.example is none (sp= of _dmarc.org1.example), weaker than the required reject',
    });
    expect(ruleOf(g.rules, 'dmarc.sp')).toMatchObject({
      outcome: 'fail',
      message:
        'The DMARC policy that applies to subdomains of sub.org1.example is none (sp= of _dmarc.org1.example), weaker than the required quarantine',
    });
  });

  it('a record without sp= gives its p= to subdomains, and says so', async () => {
    const resolver = zones(ORG('v=DMARC1; p=quarantine'));
    const report = await audit('sub.org1.example', resolver);
    const g = await gate(report, policy('defaults:\n  dmarc: { p: quarantine }\n'), { resolver });
    expect(ruleOf(g.rules, 'dmarc.p')).toMatchObject({
      outcome: 'pass',
      actual: 'p=quarantine',
      message:
        'The DMARC policy that applies to sub.org1.example is quarantine (p= of _dmarc.org1.example; required: quarantine or stronger)',
    });
  });

  it('when the existence test times out, p is undetermined only if sp= and np= would decide differently', async () => {
    const record = 'v=DMARC1; p=reject; sp=quarantine; np=reject';
    const resolver = failing(zones(ORG(record)), { 'sub.org1.example/A': 'TIMEOUT' });
    const report = await audit('sub.org1.example', resolver);
    const split = await gate(report, policy('defaults:\n  dmarc: { p: reject }\n'), { resolver });
    expect(ruleOf(split.rules, 'dmarc.p')).toMatchObject({
      outcome: 'undetermined',
      message:
        'The policy requires DMARC p=reject or stronger for sub.org1.example, but whether sub.org1.example exists could not be determined (DNS TIMEOUT for sub.org1.example), so it is unknown whether sp=quarantine or np=reject of _dmarc.org1.example applies to it',
    });
    const agree = await gate(report, policy('defaults:\n  dmarc: { p: quarantine }\n'), { resolver });
    expect(ruleOf(agree.rules, 'dmarc.p')).toMatchObject({
      outcome: 'pass',
      actual: 'sp=quarantine or np=reject',
    });
  });
});

// example.zone of the tester, selectors of c.example, plus an unknown k= and a 512-bit RSA key.
const KEY_2048 =
  '"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtnGQyHVeJMrraR35/+NtJkK1foduImM+2Z7xnhqmDN3P/C2O1XW+O5yn1tKmeBCSJDWfWEfai6qjQT/tb6trRG2YRRHRbdu73wCxFuMEmmjKoMCWEcQbLj0QTUgWr8dekI4fe+Db91aqt4W2nsK/3MQ2pmjC" "D1mTBXGIp4ciLL/emwq4O2rdUAK4St+6nvum56GezYiwyCAQ3fIFjEiqM22BNkWPBX52KKfB8mKb3dtENIdHShsfg49pLUANm2pd7kz4d2cfIMRnX8Ssj4LVnxx7lNrIKc4s6YEbOfM1CkMrPDKmIVZ34Bfbivlvwl7alRr+6tEGDLbZsqhef5xrBQIDAQAB"';
const DKIM_ZONE = `$ORIGIN example.
@ IN SOA ns h 1 2 3 4 5
c IN TXT "v=spf1 -all"
_dmarc.c IN TXT "v=DMARC1; p=none; sp=reject"
s1024._domainkey.c IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDI+/jMbLGKZWkRCgk2FtnyJXouS5RiE6E5XWJLJlxBBjZZhnlaFGF7L9pTePB2bm6DnOWQisvS2JrXO2eC6WcUTaux+n6hUNh+7NrE5pUYeTSzp2dqhhd8DZk3yZUO5SP3e3p3VubPwvUE0rIx8ncr/TU2F5nSx0M+hNUCB8U2pQIDAQAB"
s2048._domainkey.c IN TXT "v=DKIM1; k=rsa; h=sha1; p=" ${KEY_2048}
sboth._domainkey.c IN TXT "v=DKIM1; k=rsa; h=sha1:sha256; p=" ${KEY_2048}
stest._domainkey.c IN TXT "v=DKIM1; t=y; p=" ${KEY_2048}
sed._domainkey.c IN TXT "v=DKIM1; k=ed25519; p=8R5OxafkEx3B+OmmAjUZPBmYlYBesiBAD9QYm/Ctj5Q="
srev._domainkey.c IN TXT "v=DKIM1; p="
sdsa._domainkey.c IN TXT "v=DKIM1; k=dsa; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAOkvWx3o2KeHnfui7WYIprnn"
s512._domainkey.c IN TXT "v=DKIM1; k=rsa; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAOkvWx3o2KeHnfui7WYIprnn+KvRsy7U5zwAfwQWEOi2Z0RhKjQWFlsl3FulDi8Xb5B+AfpFbaJoYicGf96LHjsCAwEAAQ=="
`;

describe('dkim.selectors: a key a verifier can use (RFC 6376 §3.6.1, RFC 8301)', () => {
  it('fails sha1-only, revoked, unknown-type and sub-1024-bit keys, naming why', async () => {
    const resolver = zones(DKIM_ZONE);
    const selectors = ['s1024', 's2048', 'sboth', 'stest', 'sed', 'srev', 'sdsa', 's512', 'missing'];
    const report = await audit('c.example', resolver, { selectors });
    const g = await gate(report, policy(`defaults:\n  dkim: { selectors: [${selectors.join(', ')}] }\n`), {
      resolver,
    });
    const by: Record<string, RuleResult> = Object.fromEntries(
      rulesOf(g.rules, 'dkim.selectors').map((r) => [r.expected, r]),
    );
    expect(Object.fromEntries(Object.entries(by).map(([k, r]) => [k, `${r.outcome} ${r.actual}`]))).toEqual({
      s1024: 'pass found',
      s2048: 'fail h=sha1',
      sboth: 'pass found',
      stest: 'pass found',
      sed: 'pass found',
      srev: 'fail revoked',
      sdsa: 'fail k=dsa',
      s512: 'fail 512 bits',
      missing: 'fail none',
    });
    expect(by.s2048!.message).toBe(
      'The policy requires a usable DKIM key for selector s2048 of c.example, but the key at s2048._domainkey.c.example allows only h=sha1, and verifiers must not accept rsa-sha1 signatures (RFC 8301 §3.1), so no acceptable signature can verify with it',
    );
    expect(by.s2048!.finding).toMatchObject({ id: 'policy.dkim-selector', severity: 'error' });
    expect(by.srev!.message).toBe(
      'The policy requires a usable DKIM key for selector srev of c.example, but the key at srev._domainkey.c.example is revoked (empty p=)',
    );
    expect(by.sdsa!.message).toContain('unknown key type k=dsa');
    expect(by.s512!.message).toContain(
      'has 512 bits, and verifiers must not accept signatures made with keys under 1024 bits (RFC 8301 §3.2)',
    );
    expect(by.missing!.message).toContain('there is no key record at missing._domainkey.c.example');
  });

  it('min-key-bits stays its own rule', async () => {
    const resolver = zones(DKIM_ZONE);
    const report = await audit('c.example', resolver, { selectors: ['s1024', 'sed'] });
    const g = await gate(
      report,
      policy('defaults:\n  dkim: { selectors: [s1024, sed], min-key-bits: 2048 }\n'),
    );
    expect(
      g.rules.filter((r) => r.rule.startsWith('dkim.')).map((r) => `${r.outcome} ${r.rule} ${r.actual}`),
    ).toEqual(['fail dkim.min-key-bits 1024', 'pass dkim.selectors found', 'pass dkim.selectors found']);
  });
});

describe('domain entries merge with the defaults key by key at every depth', () => {
  const P5 = `version: 1
defaults:
  dmarc:
    alignment: {spf: strict}
domains:
  org1.example:
    dmarc:
      alignment:
        dkim: strict
`;
  const P4 = `version: 1
defaults:
  dmarc:
    alignment: strict
    p: reject
domains:
  org1.example:
    dmarc:
      alignment:
        dkim: relaxed
  org2.example:
    dmarc:
      alignment: relaxed
`;

  it('nested mappings merge; the domain keeps the defaults entries it does not set', () => {
    expect(domainRules(policy(P5), 'org1.example').rules).toEqual({
      dmarc: { alignment: { spf: 'strict', dkim: 'strict' } },
    });
  });

  it('a shorthand mode expands to both identifiers before merging', () => {
    const p = policy(P4);
    expect(domainRules(p, 'org1.example').rules).toEqual({
      dmarc: { alignment: { dkim: 'relaxed', spf: 'strict' }, p: 'reject' },
    });
    expect(domainRules(p, 'org2.example').rules.dmarc?.alignment).toBe('relaxed');
    expect(domainRules(p, 'other.example').rules.dmarc?.alignment).toBe('strict');
  });

  it('lists replace the defaults', () => {
    const p = policy(`
defaults: { dkim: { selectors: [a, b], min-key-bits: 2048 }, spf: { authorize: [192.0.2.1] } }
domains:
  org1.example: { dkim: { selectors: [c] } }
`);
    expect(domainRules(p, 'org1.example').rules).toEqual({
      spf: { authorize: ['192.0.2.1'] },
      dkim: { selectors: ['c'], 'min-key-bits': 2048 },
    });
  });

  it('the gate checks both identifiers and locates each where it was written', async () => {
    const resolver = zones(`$ORIGIN example.
@ IN SOA ns h 1 2 3 4 5
_dmarc.org1 IN TXT "v=DMARC1; p=reject; adkim=r"
org1 IN TXT "v=spf1 -all"
`);
    const report = await audit('org1.example', resolver);
    for (const [yaml, expected] of [
      [
        P5,
        [
          ['fail', 'adkim=r', ['domains', 'org1.example', 'dmarc', 'alignment', 'dkim'], 9],
          ['fail', 'aspf=r', ['defaults', 'dmarc', 'alignment', 'spf'], 4],
        ],
      ],
      [
        P4,
        [
          ['fail', 'aspf=r', ['defaults', 'dmarc', 'alignment'], 4],
          ['pass', 'adkim=r', ['domains', 'org1.example', 'dmarc', 'alignment', 'dkim'], 10],
        ],
      ],
    ] as const) {
      const loaded = parsePolicy(yaml);
      const g = await gate(report, loaded.policy, { resolver });
      const align = rulesOf(g.rules, 'dmarc.alignment');
      expect(align.map((r) => [r.outcome, r.actual, r.policyPath, loaded.lineOf(r.policyPath!)])).toEqual(
        expected,
      );
    }
  });
});

describe('DMARC p, sp and np as receivers apply them: t=y and pct lower them (found by a new-user trial)', () => {
  const withRecord = (dmarc: string) =>
    zones(EXAMPLE_COM.replace('"v=DMARC1; p=reject; rua=mailto:d@example.com"', `"${dmarc}"`), COM);

  it('fails p: reject for p=reject with t=y (RFC 9989: receivers apply quarantine)', async () => {
    const resolver = withRecord('v=DMARC1; p=reject; sp=reject; t=y; rua=mailto:d@example.com');
    const report = await audit('example.com', resolver);
    const g = await gate(report, policy('defaults:\n  dmarc: { p: reject, sp: reject }\n'), { resolver });
    expect(ruleOf(g.rules, 'dmarc.p')).toMatchObject({
      outcome: 'fail',
      actual: 'p=reject',
      message:
        'DMARC p=reject for example.com is weaker than the required reject in effect (t=y: receivers apply quarantine instead (RFC 9989 §4.7))',
    });
    expect(ruleOf(g.rules, 'dmarc.sp')).toMatchObject({ outcome: 'fail' });
    // a weaker requirement is still met: quarantine is applied
    const q = await gate(report, policy('defaults:\n  dmarc: { p: quarantine }\n'), { resolver });
    expect(ruleOf(q.rules, 'dmarc.p')).toMatchObject({ outcome: 'pass' });
  });

  it('fails p: reject for p=reject; pct=0 in RFC 7489 mode, and passes it in RFC 9989 mode (pct is historic there)', async () => {
    const resolver = withRecord('v=DMARC1; p=reject; pct=0; rua=mailto:d@example.com');
    const rules = 'defaults:\n  dmarc: { p: reject }\n';
    const r7489 = await audit('example.com', resolver, { dmarcMode: '7489' });
    expect(ruleOf((await gate(r7489, policy(rules), { resolver })).rules, 'dmarc.p')).toMatchObject({
      outcome: 'fail',
      message:
        'DMARC p=reject for example.com is weaker than the required reject in effect (pct=0: receivers apply quarantine to the failing mail outside the sample (RFC 7489 §6.6.4))',
    });
    const r9989 = await audit('example.com', resolver);
    expect(ruleOf((await gate(r9989, policy(rules), { resolver })).rules, 'dmarc.p')).toMatchObject({
      outcome: 'pass',
    });
  });
});
