/**
 * A policy with many domains loads in linear time (issue 10 §2: yaml's unique-key check compared every key with
 * every earlier key of its mapping; 8k domains took 6 s, 200k never finished). Duplicate keys are still
 * errors with their line. See test/support/linear.ts.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, PolicyError, parsePolicy } from '../../src/policy/load.js';
import { expectLinear, measureGrowth } from '../support/linear.js';

const policyWith = (n: number) =>
  `version: 1\ndomains:\n${Array.from({ length: n }, (_, i) => `  d${i}.example:\n    dmarc:\n      p: reject\n`).join('')}`;

function issuesOf(text: string): string[] {
  try {
    parsePolicy(text, { file: 'mailgate.yml' });
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).issues.map(formatIssue);
  }
  throw new Error('expected the policy to be rejected');
}

describe('parsePolicy with many domains (src/policy/load.ts)', { timeout: 120_000 }, () => {
  it('reports each repeated key at its line, in nested mappings and lists too', () => {
    expect(issuesOf('a: 1\na: 2\n')).toEqual(['mailgate.yml:2: Map keys must be unique']);
    expect(
      issuesOf(
        'version: 1\ndomains:\n  a.example: {}\n  b.example: {}\n  a.example: {}\nfindings:\n  x: [{a: 1, a: 2}]\n',
      ),
    ).toEqual(['mailgate.yml:5: Map keys must be unique', 'mailgate.yml:7: Map keys must be unique']);
    // keys compare as values: 1 and "1" differ, as in yaml's own check (the schema rejects both keys)
    expect(
      issuesOf('version: 1\nfindings: {1: {severity: error}, "1": {severity: error}}\n').join('\n'),
    ).not.toContain('unique');
  });

  it('loads 10× the domains in at most ~30× the time', async () => {
    expect(Object.keys(parsePolicy(policyWith(3)).policy.domains ?? {})).toEqual([
      'd0.example',
      'd1.example',
      'd2.example',
    ]);
    const g = await measureGrowth(
      policyWith,
      (text) =>
        expect(Object.keys(parsePolicy(text).policy.domains ?? {})).toHaveLength(
          text.split('dmarc').length - 1,
        ),
      { base: 1_000 },
    );
    expectLinear(g, 'policy with n domains');
  });

  it('rejects mappings as keys with the line, in linear time (found by npm run fuzz: 400 "{" took minutes)', async () => {
    expect(issuesOf('version: 1\ndomains:\n  {a: 1}: {}\n')).toEqual([
      'mailgate.yml:3: Keys must be plain scalars (text or numbers)',
    ]);
    expect(issuesOf('{{{x}}}')).toEqual(['mailgate.yml:1: Keys must be plain scalars (text or numbers)']);
    const g = await measureGrowth(
      (n) => `${'{'.repeat(n)}x${'}'.repeat(n)}`,
      (text) => expect(() => parsePolicy(text)).toThrow(PolicyError),
      { base: 100 },
    );
    expectLinear(g, 'policy with nested mapping keys');
  });
});
