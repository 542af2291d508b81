import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadPolicy, PolicyError, parsePolicy } from '../../src/policy/load.js';
import { MAX_ALIAS_NODES, MAX_POLICY_DEPTH } from '../../src/policy/yaml-limits.js';

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
      'mailgate.yml:6: defaults.spf.authorize[0]: "192.0.2.300" is not an IP address or network: IPv4 is four decimal numbers 0-255 without leading zeros (192.0.2.1), IPv6 as in RFC 4291 (2001:db8::1)',
      'mailgate.yml:6: defaults.spf.authorize[1]: must be an IP address, a network (192.0.2.0/24, 2001:db8::/32) or include:DOMAIN',
      'mailgate.yml:9: findings.spf.lookup-limit.suppress: missing required key reason',
      'mailgate.yml:10: findings.spf.lookup-limit.suppress.expires: must be a date written YYYY-MM-DD',
    ]);
  });

  it('checks addresses and dates beyond their patterns', () => {
    expect(
      issuesOf('defaults:\n  spf:\n    authorize:\n      - 192.0.2.300\n      - 192.0.2.0/33\n'),
    ).toEqual([
      'mailgate.yml:4: defaults.spf.authorize[0]: "192.0.2.300" is not an IP address or network: IPv4 is four decimal numbers 0-255 without leading zeros (192.0.2.1), IPv6 as in RFC 4291 (2001:db8::1)',
      'mailgate.yml:5: defaults.spf.authorize[1]: "192.0.2.0/33" has an invalid prefix length: /0 to /32 for IPv4, decimal without leading zeros',
    ]);
    expect(
      issuesOf('findings:\n  spf.lookup-limit:\n    suppress:\n      reason: x\n      expires: 2026-02-30\n'),
    ).toEqual([
      'mailgate.yml:5: findings.spf.lookup-limit.suppress.expires: 2026-02-30 is not a calendar date',
    ]);
  });

  it('validates authorize entries as strictly as --ip, reporting every bad entry with its line', () => {
    const text = [
      'defaults:', // 1
      '  spf:', // 2
      '    authorize: ["999.1.1.1", "10.0.0.0/33", "include:", "::ffff:1.2.3.4"]', // 3
      'domains:', // 4
      '  example.com:', // 5
      '    spf:', // 6
      '      authorize:', // 7
      '        - "1.2.3"', // 8: inet_aton shorthand for 1.2.0.3
      '        - 01.2.3.4', // 9: leading zero (octal to some parsers)
      '        - include:a..b', // 10
      '        - 192.0.2.0/024', // 11
      '        - "2001:db8::/129"', // 12
      '        - "fe80::1%eth0"', // 13: zone index
      '        - include:localhost', // 14: one label
      '        - 192.0.2.0/0', // 15: fine
      '        - "2001:db8::/128"', // 16: fine
      '        - include:_spf.Example.COM.', // 17: fine
    ].join('\n');
    const ip = (v: string) =>
      `"${v}" is not an IP address or network: IPv4 is four decimal numbers 0-255 without leading zeros (192.0.2.1), IPv6 as in RFC 4291 (2001:db8::1)`;
    const notDomain = (v: string) =>
      `"${v}" does not name a domain: include: must be followed by a domain name such as _spf.example.com`;
    expect(issuesOf(text)).toEqual([
      `mailgate.yml:3: defaults.spf.authorize[0]: ${ip('999.1.1.1')}`,
      'mailgate.yml:3: defaults.spf.authorize[1]: "10.0.0.0/33" has an invalid prefix length: /0 to /32 for IPv4, decimal without leading zeros',
      'mailgate.yml:3: defaults.spf.authorize[2]: must be an IP address, a network (192.0.2.0/24, 2001:db8::/32) or include:DOMAIN',
      `mailgate.yml:8: domains.example.com.spf.authorize[0]: ${ip('1.2.3')}`,
      `mailgate.yml:9: domains.example.com.spf.authorize[1]: ${ip('01.2.3.4')}`,
      `mailgate.yml:10: domains.example.com.spf.authorize[2]: ${notDomain('include:a..b')}`,
      'mailgate.yml:11: domains.example.com.spf.authorize[3]: "192.0.2.0/024" has an invalid prefix length: /0 to /32 for IPv4, decimal without leading zeros',
      'mailgate.yml:12: domains.example.com.spf.authorize[4]: "2001:db8::/129" has an invalid prefix length: /0 to /128 for IPv6, decimal without leading zeros',
      'mailgate.yml:13: domains.example.com.spf.authorize[5]: must be an IP address, a network (192.0.2.0/24, 2001:db8::/32) or include:DOMAIN',
      `mailgate.yml:14: domains.example.com.spf.authorize[6]: ${notDomain('include:localhost')}`,
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

  it("refuses two keys naming one domain (case, final dot): the gate would drop one entry's rules", () => {
    // Found by a new-user trial: SHOP.TEST: {} before shop.test: {dkim: ...} silently lost the dkim rule.
    expect(
      issuesOf(
        'domains:\n  SHOP.TEST: {}\n  shop.test:\n    dkim: { selectors: [nope] }\n  other.test.: {}\n  Other.Test: {}\n',
      ),
    ).toEqual([
      'mailgate.yml:3: domains.shop.test: names the same domain as "SHOP.TEST" (domain names are compared without case or a final dot); merge the two entries',
      'mailgate.yml:6: domains.Other.Test: names the same domain as "other.test." (domain names are compared without case or a final dot); merge the two entries',
    ]);
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

  it('refuses unresolved aliases, alias cycles, alias bombs and deep nesting with their line', () => {
    expect(issuesOf('version: 1\ndomains: {a.example: *nope}\n')).toEqual([
      'mailgate.yml:2: alias *nope names no anchor set before it (write &nope on an earlier value)',
    ]);
    // The anchor must come first (YAML 1.2 §7.1).
    expect(issuesOf('domains:\n  a.example: *p\n  b.example: &p {dmarc: {p: reject}}\n')).toEqual([
      'mailgate.yml:2: alias *p names no anchor set before it (write &p on an earlier value)',
    ]);
    expect(issuesOf('defaults: &d\n  spf: *d\n')).toEqual([
      'mailgate.yml:2: alias *d refers to a value that contains it',
    ]);
    // Billion laughs (9^9 values expanded): the aliases on lines 3-6 add 90 + 7,290 + 66,420 + ... values; the
    // first alias of line 7 (x-f) passes MAX_ALIAS_NODES and is refused before anything is expanded.
    const names = 'abcdefghi';
    let bomb = 'version: 1\nx-a: &a [l, l, l, l, l, l, l, l, l]\n';
    for (let i = 1; i < names.length; i++)
      bomb += `x-${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]\n`;
    expect(issuesOf(bomb)).toEqual([
      `mailgate.yml:7: aliases expand to more than ${MAX_ALIAS_NODES} values (an alias bomb?); write the values out or share fewer`,
    ]);
    // Nesting: flow and block, past MAX_POLICY_DEPTH, and far past it (where the parser itself gives up).
    const flow = (n: number) => `defaults: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(issuesOf(flow(MAX_POLICY_DEPTH + 1))).toEqual([
      `mailgate.yml:1: nested more than ${MAX_POLICY_DEPTH} levels deep`,
    ]);
    expect(issuesOf(flow(100_000))).toEqual([
      'mailgate.yml:1: nested too deeply to read (Maximum call stack size exceeded); a policy needs a few levels',
    ]);
    const block = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(issuesOf(`${block} 1\n`)).toEqual([
      `mailgate.yml:64: nested more than ${MAX_POLICY_DEPTH} levels deep`,
    ]);
    // Within bounds by nesting, too deep through an alias chain.
    let chain = 'x-0: &a0 [1]\n';
    for (let i = 1; i <= 70; i++) chain += `x-${i}: &a${i} [*a${i - 1}]\n`;
    expect(issuesOf(chain)[0]).toMatch(
      /^mailgate\.yml:\d+: nested more than 64 levels deep \(alias \*a\d+ followed\)$/,
    );
  });

  it("expands an anchor used more than 100 times (yaml's own heuristic would refuse it)", () => {
    const domains = Array.from({ length: 300 }, (_, i) => `  d${i}.example: *std`).join('\n');
    const { policy } = parsePolicy(
      `defaults: &std {dmarc: {p: reject}, spf: {all: "-all"}}\ndomains:\n${domains}\n`,
    );
    expect(Object.keys(policy.domains ?? {})).toHaveLength(300);
    expect(policy.domains?.['d299.example']?.dmarc?.p).toBe('reject');
  });

  it('accepts an empty file as an empty policy, with a warning that says what it means (found by a new-user trial)', () => {
    expect(parsePolicy('').policy).toEqual({});
    for (const text of ['', '~\n', '# nothing yet\n']) {
      expect(parsePolicy(text, { file: 'p.yml' }).warnings).toEqual([
        {
          file: 'p.yml',
          line: 1,
          path: '',
          message:
            'the policy file is empty: every domain is gated by the default rules only (see docs/policy.md); write `version: 1` to make an empty policy deliberate',
        },
      ]);
    }
    expect(parsePolicy('version: 1\n').warnings).toEqual([]);
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
