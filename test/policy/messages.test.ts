/** The gate's messages say what the policy expected and what was found; the text output lists every counted rule. */
import { describe, expect, it } from 'vitest';
import { auditDomain } from '../../src/audit/audit.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import type { FetchResult, HttpsFetch } from '../../src/https/fetch.js';
import { parseAuthorizeEntry } from '../../src/policy/authorize.js';
import { gate, gateReports, networkEnds } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import type { GatePolicy } from '../../src/policy/schema.js';
import { renderText } from '../../src/report/text.js';
import { auditSample, FIXED_NOW, sampleResolver } from '../support/samples.js';

const policy = (yaml: string): GatePolicy => parsePolicy(yaml).policy;

const ZONE = (sts: string) => `$ORIGIN sts.example.
$TTL 300
@ SOA ns1 hostmaster 1 7200 900 1209600 300
@ NS ns1
ns1 A 192.0.2.53
@ MX 10 mail
mail A 192.0.2.25
mta-sts A 192.0.2.80
@ TXT "v=spf1 mx -all"
_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@sts.example"
${sts}
`;

const policyFile =
  (mode: string): HttpsFetch =>
  async (url): Promise<FetchResult> => ({
    ok: true,
    url,
    status: 200,
    contentType: 'text/plain',
    body: Buffer.from(`version: STSv1\r\nmode: ${mode}\r\nmx: mail.sts.example\r\nmax_age: 604800\r\n`),
    address: '192.0.2.80',
  });

async function mtaStsRule(sts: string, options: { https?: false; fetch?: HttpsFetch } = {}) {
  const resolver = zoneResolverFromText(ZONE(sts), 'sts.example.');
  const report = await auditDomain('sts.example', {
    resolver,
    now: FIXED_NOW,
    selectors: ['s1'],
    checks: {
      bimi: false,
      tlsRpt: false,
      reverseDns: false,
      ...(options.https === false ? { https: false } : {}),
    },
    ...(options.fetch ? { https: { fetch: options.fetch } } : {}),
  });
  const g = await gate(report, policy('defaults:\n  mta-sts: { mode: enforce }\n'), {
    resolver,
    now: FIXED_NOW,
  });
  return g.rules.find((r) => r.rule === 'mta-sts.mode')!;
}

describe('MTA-STS mode: what was expected and what was found', () => {
  it('no record', async () => {
    expect(await mtaStsRule('')).toMatchObject({
      outcome: 'fail',
      expected: 'enforce',
      actual: 'no record',
      message:
        'The policy requires MTA-STS mode enforce for sts.example, but sts.example publishes no MTA-STS record (no "v=STSv1" TXT record at _mta-sts.sts.example)',
    });
  });

  it('a record without id= (invalid)', async () => {
    expect(await mtaStsRule('_mta-sts TXT "v=STSv1;"')).toMatchObject({
      outcome: 'fail',
      actual: 'invalid',
      message:
        'The policy requires MTA-STS mode enforce for sts.example, but the MTA-STS record at _mta-sts.sts.example is not valid (no usable id=), so senders apply no policy',
    });
  });

  it('two records (invalid)', async () => {
    const rule = await mtaStsRule('_mta-sts TXT "v=STSv1; id=1"\n_mta-sts TXT "v=STSv1; id=2"');
    expect(rule.message).toBe(
      'The policy requires MTA-STS mode enforce for sts.example, but _mta-sts.sts.example has more than one "v=STSv1" record, so senders apply no MTA-STS policy',
    );
  });

  it('HTTPS skipped and no repository file: not checked (an info), never undetermined or failed', async () => {
    expect(await mtaStsRule('_mta-sts TXT "v=STSv1; id=20260101"', { https: false })).toMatchObject({
      outcome: 'not-checked',
      id: 'policy.mta-sts-mode-not-checked',
      actual: 'policy not fetched',
      message:
        'MTA-STS mode of sts.example not checked (HTTPS off): its MTA-STS policy file was not checked (HTTPS off, and no policy file from the repository was given), so its mode is unknown; the policy requires enforce',
      finding: { id: 'policy.mta-sts-mode-not-checked', severity: 'info' },
    });
  });

  it('a weaker mode, and the required one', async () => {
    const rec = '_mta-sts TXT "v=STSv1; id=20260101"';
    expect(await mtaStsRule(rec, { fetch: policyFile('testing') })).toMatchObject({
      outcome: 'fail',
      actual: 'mode testing',
      message:
        'The policy requires MTA-STS mode enforce for sts.example, but its MTA-STS policy has mode testing',
    });
    expect(await mtaStsRule(rec, { fetch: policyFile('enforce') })).toMatchObject({
      outcome: 'pass',
      actual: 'mode enforce',
    });
  });
});

describe('SPF, DMARC and DKIM rules without a usable record', () => {
  it('say what is missing instead of a bare status', async () => {
    const report = await auditSample('broken-spf.example', { selectors: ['s1'] });
    const g = await gate(
      report,
      policy(
        'defaults:\n  spf: { all: "-all", max-lookups: 5, authorize: [192.0.2.125] }\n  dmarc: { p: reject, rua: true, alignment: strict }\n  dkim: { selectors: [s1] }\n',
      ),
      { resolver: sampleResolver(), now: FIXED_NOW },
    );
    const msg = (rule: string) => g.rules.filter((r) => r.rule === rule).map((r) => r.message);
    expect(msg('spf.all')).toEqual([
      'The policy requires the SPF record of broken-spf.example to end with -all, but the SPF record of broken-spf.example has a syntax error, so check_host() returns permerror (RFC 7208 §4.6)',
    ]);
    expect(msg('spf.max-lookups')).toEqual([
      'The policy allows at most 5 DNS lookups for the SPF record of broken-spf.example, but the SPF record of broken-spf.example has a syntax error, so check_host() returns permerror (RFC 7208 §4.6)',
    ]);
    expect(msg('spf.authorize')).toEqual([
      '192.0.2.125 is not authorized: the SPF record of broken-spf.example has a syntax error, so check_host() returns permerror (RFC 7208 §4.6)',
    ]);
    const noDmarc =
      'no DMARC record was found for broken-spf.example (at _dmarc.broken-spf.example or an Organizational Domain above it)';
    expect(msg('dmarc.p')).toEqual([
      `The policy requires DMARC p=reject or stronger for broken-spf.example, but ${noDmarc}`,
    ]);
    expect(msg('dmarc.rua')).toEqual([
      `The policy requires a DMARC aggregate report address (rua=) for broken-spf.example, but ${noDmarc}`,
    ]);
    expect(msg('dmarc.alignment')).toEqual([
      `The policy wants strict DKIM alignment (adkim=s) for broken-spf.example, but ${noDmarc}`,
      `The policy wants strict SPF alignment (aspf=s) for broken-spf.example, but ${noDmarc}`,
    ]);
    expect(msg('dkim.selectors')).toEqual([
      'The policy requires a usable DKIM key for selector s1 of broken-spf.example, but there is no key record at s1._domainkey.broken-spf.example',
    ]);
  });
});

describe('text output lists every rule, and the problems the verdict counts', () => {
  it('a failed rule and the finding behind it are one problem: PROBLEM lines match "N problems"', async () => {
    const report = await auditSample('too-many-lookups.example', { selectors: ['s2026'] });
    const g = await gateReports(
      [report],
      policy('defaults:\n  spf: { all: "-all" }\n  dmarc: { p: reject }\n  dkim: { selectors: [s2026] }\n'),
      { resolver: sampleResolver(), now: FIXED_NOW },
    );
    const text = renderText([report], { gate: g });
    const lines = text.split('\n');
    // Every rule result is listed: 3 policy rules and 2 error findings fail.
    const fails = lines.filter((l) => l.startsWith('    FAIL '));
    expect(fails.length).toBe(g.counts.failed);
    expect(g.counts.failed).toBe(5);
    expect(fails).toContain(
      '    FAIL         dkim.no-key  No DKIM key at s2026._domainkey.too-many-lookups.example (NXDOMAIN). (error finding)',
    );
    // They are 4 problems: the DKIM selector rule and dkim.no-key are one.
    const problems = lines.filter((l) => l.startsWith('    PROBLEM '));
    expect(problems).toEqual([
      '    PROBLEM      policy.spf-all  SPF record of too-many-lookups.example ends with ~all; the policy requires -all',
      // The dmarc.policy-none warning is the same problem as the failed dmarc.p rule.
      '    PROBLEM      policy.dmarc-policy + dmarc.policy-none  DMARC p=none for too-many-lookups.example is weaker than the required reject',
      '    PROBLEM      policy.dkim-selector + dkim.no-key  The policy requires a usable DKIM key for selector s2026 of too-many-lookups.example, but there is no key record at s2026._domainkey.too-many-lookups.example',
      expect.stringMatching(
        /^ {4}PROBLEM {6}spf\.lookup-limit {2}the SPF policy of too-many-lookups\.example needs up to 12 DNS-querying terms \(limit 10\); include:_spf\.protonmail\.ch \(costs 2\) takes it to 11: /,
      ),
    ]);
    expect(text).toContain('mailgate policy failed: 4 problems for too-many-lookups.example');
  });
});

describe('spf.authorize entries: parsed strictly, never expanded', () => {
  it('parseAuthorizeEntry accepts addresses, networks and include:DOMAIN as --ip would', () => {
    expect(parseAuthorizeEntry('192.0.2.1')).toEqual({ kind: 'ip', address: '192.0.2.1', version: 4 });
    expect(parseAuthorizeEntry('192.0.2.0/24')).toEqual({
      kind: 'ip',
      address: '192.0.2.0',
      version: 4,
      prefix: 24,
    });
    expect(parseAuthorizeEntry('::ffff:1.2.3.4')).toEqual({
      kind: 'ip',
      address: '::ffff:1.2.3.4',
      version: 6,
    });
    expect(parseAuthorizeEntry('2001:db8::/0')).toMatchObject({ version: 6, prefix: 0 });
    expect(parseAuthorizeEntry('include:_SPF.Google.com.')).toEqual({
      kind: 'include',
      domain: '_spf.google.com',
    });
    for (const bad of [
      '1.2.3',
      '01.2.3.4',
      '1.2.3.04',
      '0x7f.0.0.1',
      '999.1.1.1',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0.0/08',
      '2001:db8::/129',
      'fe80::1%eth0',
      'include:',
      'include:a..b',
      'include:.example.com',
      'include:nodot',
    ])
      expect(parseAuthorizeEntry(bad), bad).toHaveProperty('error');
  });

  it('the gate fails a shorthand address of an unvalidated policy instead of checking 1.2.0.3', async () => {
    const report = await auditSample('mailgate-healthy.example');
    const g = await gate(
      report,
      { defaults: { spf: { authorize: ['1.2.3'] } } },
      { resolver: sampleResolver() },
    );
    expect(g.rules[0]).toMatchObject({
      rule: 'spf.authorize',
      outcome: 'fail',
      actual: 'invalid entry',
      message:
        'spf.authorize entry "1.2.3" is not an IP address or network: IPv4 is four decimal numbers 0-255 without leading zeros (192.0.2.1), IPv6 as in RFC 4291 (2001:db8::1)',
    });
    expect(() => networkEnds('1.2.3')).toThrow(RangeError);
    expect(() => networkEnds('10.0.0.0/33')).toThrow(RangeError);
  });
});
