import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadPolicy, PolicyError, parsePolicy } from '../../src/policy/load.js';

function issuesOf(text: string, file = 'mailgate.yml'): string[] {
  try {
    parsePolicy(text, { file });
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).issues.map(formatIssue);
  }
  throw new Error('expected the policy to be rejected');
}

const VALID = `version: 1
fail-on: warning
defaults:
  spf:
    all: "~all"
    max-lookups: 8
  dmarc:
    p: quarantine
    rua: true
domains:
  example.com:
    spf:
      authorize: [192.0.2.1, 198.51.100.0/24, "2001:db8::/32", include:_spf.google.com]
    dmarc:
      p: reject
      alignment: { dkim: strict, spf: relaxed }
    dkim:
      selectors: [google, s1]
      min-key-bits: 2048
    mta-sts:
      mode: enforce
findings:
  dmarc.policy-none:
    severity: error
  spf.lookup-limit:
    suppress:
      - reason: vendor include being removed
        expires: 2026-03-31
        domains: [example.org]
`;

describe('parsePolicy', () => {
  it('accepts a complete valid policy and keeps the keys as written', () => {
    const { policy, warnings, lineOf } = parsePolicy(VALID, { file: 'mailgate.yml' });
    expect(warnings).toEqual([]);
    expect(policy['fail-on']).toBe('warning');
    expect(policy.defaults?.spf?.['max-lookups']).toBe(8);
    expect(policy.domains?.['example.com']?.spf?.authorize).toEqual([
      '192.0.2.1',
      '198.51.100.0/24',
      '2001:db8::/32',
      'include:_spf.google.com',
    ]);
    // YAML core schema: the date stays a string.
    const s = policy.findings?.['spf.lookup-limit']?.suppress;
    expect(Array.isArray(s) && s[0]?.expires).toBe('2026-03-31');
    expect(lineOf(['domains', 'example.com', 'dmarc', 'p'])).toBe(15);
    expect(lineOf(['defaults', 'spf', 'max-lookups'])).toBe(6);
    expect(lineOf(['nope'])).toBeUndefined();
  });

  it('names the line and the key of a bad enum value (the issue example)', () => {
    const text = VALID.replace('      p: reject', '      p: rejectt');
    expect(issuesOf(text)).toEqual([
      'mailgate.yml:15: domains.example.com.dmarc.p: must be one of none, quarantine, reject',
    ]);
  });

  it('points at a misspelt key and suggests the right one', () => {
    const text = 'defaults:\n  dmarc:\n    p: reject\n    ruaa: true\n';
    expect(issuesOf(text)).toEqual([
      'mailgate.yml:4: defaults.dmarc.ruaa: unknown key (did you mean rua?); allowed keys: p, sp, np, rua, alignment',
    ]);
  });

  it('reports every problem, each with its own line', () => {
    const text = [
      'version: 2', // 1
      'defaults:', // 2
      '  spf:', // 3
      '    max-lookups: 11', // 4
      '    all: "+all"', // 5
      '    authorize: [192.0.2.300, "include:"]', // 6
      'findings:', // 7
      '  spf.lookup-limit:', // 8
      '    suppress:', // 9
      '      expires: 2026-1-1', // 10
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      'mailgate.yml:1: version: must be 1',
      'mailgate.yml:4: defaults.spf.max-lookups: must be <= 10',
      'mailgate.yml:5: defaults.spf.all: must be one of -all, ~all',
      'mailgate.yml:6: defaults.spf.authorize[1]: must be an IP address, a network (192.0.2.0/24, 2001:db8::/32) or include:DOMAIN',
      'mailgate.yml:9: findings.spf.lookup-limit.suppress: missing required key reason',
      'mailgate.yml:10: findings.spf.lookup-limit.suppress.expires: must be a date written YYYY-MM-DD',
    ]);
  });

  it('checks addresses and dates beyond their patterns', () => {
    expect(
      issuesOf('defaults:\n  spf:\n    authorize:\n      - 192.0.2.300\n      - 192.0.2.0/33\n'),
    ).toEqual([
      'mailgate.yml:4: defaults.spf.authorize[0]: "192.0.2.300" is not a valid IP address or network (prefix up to /32 for IPv4, /128 for IPv6)',
      'mailgate.yml:5: defaults.spf.authorize[1]: "192.0.2.0/33" is not a valid IP address or network (prefix up to /32 for IPv4, /128 for IPv6)',
    ]);
    expect(
      issuesOf('findings:\n  spf.lookup-limit:\n    suppress:\n      reason: x\n      expires: 2026-02-30\n'),
    ).toEqual([
      'mailgate.yml:5: findings.spf.lookup-limit.suppress.expires: 2026-02-30 is not a calendar date',
    ]);
  });

  it('rejects a bad domain key and a bad finding id at the key', () => {
    expect(issuesOf('domains:\n  "not a domain": {}\nfindings:\n  Bad_Id: {}\n')).toEqual([
      'mailgate.yml:2: domains.not a domain: must be a domain name such as example.com',
      'mailgate.yml:4: findings.Bad_Id: must be a finding id such as dmarc.policy-none',
    ]);
  });

  it('explains a value of the wrong type', () => {
    expect(issuesOf('defaults:\n  spf: yes please\n')).toEqual([
      'mailgate.yml:2: defaults.spf: must be a mapping of keys to values',
    ]);
    expect(issuesOf('findings:\n  spf.lookup-limit:\n    suppress: later\n')).toEqual([
      'mailgate.yml:3: findings.spf.lookup-limit.suppress: must be a mapping of keys to values or a list',
    ]);
    expect(issuesOf('- a\n- b\n')).toEqual(['mailgate.yml:1: must be a mapping of keys to values']);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(issuesOf('defaults:\n  spf:\n    all: "-all\n')).toEqual([
      'mailgate.yml:4: Missing closing "quote',
    ]);
    expect(issuesOf('a: 1\na: 2\n')).toEqual(['mailgate.yml:2: Map keys must be unique']);
  });

  it('reads JSON with line numbers too', () => {
    const json = '{\n  "defaults": {\n    "dmarc": {\n      "p": "strict"\n    }\n  }\n}\n';
    expect(issuesOf(json, 'mailgate.json')).toEqual([
      'mailgate.json:4: defaults.dmarc.p: must be one of none, quarantine, reject',
    ]);
    expect(parsePolicy('{"defaults": {"dmarc": {"p": "reject"}}}').policy.defaults?.dmarc?.p).toBe('reject');
  });

  it('warns about finding ids that are not in the catalog', () => {
    const { warnings } = parsePolicy('findings:\n  spf.lookup-limt:\n    severity: info\n', {
      file: 'p.yml',
    });
    expect(warnings.map(formatIssue)).toEqual([
      'p.yml:2: findings.spf.lookup-limt: no finding with this id in the catalog (did you mean spf.lookup-limit?); the rule has no effect',
    ]);
  });

  it('accepts an empty file as an empty policy', () => {
    expect(parsePolicy('').policy).toEqual({});
    expect(parsePolicy('# just a comment\n').policy).toEqual({});
  });
});

describe('loadPolicy', () => {
  it('reads a file and names it in issues', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-policy-'));
    const file = join(dir, 'mailgate.yml');
    await writeFile(file, 'defaults:\n  dkim:\n    min-key-bits: 100\n');
    await expect(loadPolicy(file)).rejects.toThrow(`${file}:3: defaults.dkim.min-key-bits: must be >= 512`);
  });

  it('says when the file cannot be read', async () => {
    const err = await loadPolicy('/nonexistent/mailgate.yml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as Error).message).toBe('cannot read the policy file /nonexistent/mailgate.yml (ENOENT)');
  });
});
