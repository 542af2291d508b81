/**
 * The batch progress bar: only for two domains or more, on a terminal, without NO_COLOR / --no-color / CI /
 * TERM=dumb (issue 10 §5: escapes were written on a terminal for a single domain with NO_COLOR set).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsProgress } from '../../src/cli/commands/audit.js';
import type { CliContext } from '../../src/cli/common.js';
import { main } from '../../src/cli/main.js';
import { Capture } from '../support/cli.js';

const zones = join(import.meta.dirname, '..', '..', 'samples', 'zones');

async function onTerminal(domains: string[], env: NodeJS.ProcessEnv, ...extra: string[]) {
  const stdout = new Capture(true);
  const stderr = new Capture(true);
  const code = await main(
    ['audit', ...domains, '--offline', '--zone', zones, '--fail-on', 'never', ...extra],
    {
      stdout,
      stderr,
      env,
    },
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('progress bar', () => {
  it('is decided by the domain count, the terminal and the environment', () => {
    const ctx = (tty: boolean, env: NodeJS.ProcessEnv) =>
      ({ stdout: new Capture(tty), stderr: new Capture(tty), env, exitCode: 0 }) as CliContext;
    expect(wantsProgress(ctx(true, {}), 2)).toBe(true);
    expect(wantsProgress(ctx(true, {}), 1)).toBe(false);
    expect(wantsProgress(ctx(true, { NO_COLOR: '1' }), 5)).toBe(false);
    expect(wantsProgress(ctx(true, { TERM: 'dumb' }), 5)).toBe(false);
    expect(wantsProgress(ctx(true, { CI: 'true' }), 5)).toBe(false);
    expect(wantsProgress(ctx(true, {}), 5, { color: false })).toBe(false);
    expect(wantsProgress(ctx(false, {}), 5)).toBe(false);
  });

  it('writes no escape for one domain on a terminal, nor with NO_COLOR or --no-color for several', async () => {
    const one = await onTerminal(['mailgate-healthy.example'], {});
    expect(one.stderr).toBe('');
    const several = ['mailgate-healthy.example', 'open-relay.example', 'broken-spf.example'];
    for (const [env, extra] of [
      [{ NO_COLOR: '1' }, []],
      [{}, ['--no-color']],
    ] as const) {
      const r = await onTerminal(several, env, ...extra);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toContain('\u001b');
    }
    // The control: several domains on a terminal, colours welcome: the bar draws (and clears) itself on
    // standard error with escape sequences.
    const bar = await onTerminal(several, {});
    expect(bar.stderr).toContain('\u001b[');
  });
});
