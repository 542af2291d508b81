import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/policy/load.js';
import { ROOT } from '../support/samples.js';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

async function load() {
  const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
  const doc = await readFile(join(ROOT, 'docs', 'action.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return { action, doc, blocks };
}

describe('action.yml and docs/action.md', () => {
  it('runs dist/index.js on node24', async () => {
    const { action } = await load();
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.inputs)).toEqual([
      'domains',
      'policy',
      'selectors',
      'zone-files',
      'zone-origins',
      'dns-servers',
      'dns-timeout',
      'dmarc-mode',
      'fail-on',
      'base',
      'mta-sts-policies',
      'dmarc-reports',
      'sarif-file',
      'report-file',
      'html-file',
    ]);
    expect(Object.keys(action.outputs)).toEqual([
      'passed',
      'errors',
      'warnings',
      'report',
      'sarif',
      'html',
      'introduced',
      'fixed',
    ]);
  });

  it('documents every input and output', async () => {
    const { action, doc } = await load();
    for (const name of Object.keys(action.inputs)) expect(doc).toContain(`| \`${name}\` |`);
    for (const name of Object.keys(action.outputs)) expect(doc).toContain(`| \`${name}\` |`);
  });

  it('has three workflows that parse and use only declared inputs and outputs', async () => {
    const { action, blocks } = await load();
    const workflows = blocks.map((b) => parse(b) as Record<string, unknown>).filter((w) => 'jobs' in w);
    expect(workflows).toHaveLength(3);
    let uses = 0;
    for (const wf of workflows) {
      for (const job of Object.values(wf.jobs as Record<string, { steps?: Record<string, unknown>[] }>)) {
        for (const step of job.steps ?? []) {
          if (step.uses !== 'mailgate/mailgate@v1') continue;
          uses++;
          for (const key of Object.keys((step.with as object) ?? {}))
            expect(Object.keys(action.inputs)).toContain(key);
        }
      }
      for (const m of JSON.stringify(wf).matchAll(/steps\.mailgate\.outputs\.([a-z-]+)/g)) {
        expect(Object.keys(action.outputs)).toContain(m[1]);
      }
    }
    expect(uses).toBe(3);
  });

  it('shows a valid sender policy', async () => {
    const { blocks } = await load();
    const policy = blocks.find((b) => b.startsWith('# .github/mailgate-sender.yml'))!;
    const loaded = parsePolicy(policy, { file: 'mailgate-sender.yml' });
    expect(loaded.policy.domains?.['mail.example.com']?.spf?.authorize).toEqual([
      'include:sendgrid.net',
      '198.51.100.25',
    ]);
    expect(loaded.warnings).toEqual([]);
  });
});
