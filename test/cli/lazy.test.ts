// Cold start: `mailgate --version` and `--help` load no command module and no protocol code; the command being
// run loads only its own module. The top-level help lists each command from commands/index.ts without loading
// it: what it shows must be what the command itself registers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { DESCRIPTIONS } from '../../src/cli/commands/descriptions.js';
import { COMMANDS, commandOf } from '../../src/cli/commands/index.js';
import type { CliContext } from '../../src/cli/context.js';
import { VERSION } from '../../src/version.js';
import { runCli } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The modules `node lib/cli/bin.js ...args` loads from lib/ (relative paths), recorded by a loader hook that
 * appends each URL to a file before the module is loaded (a synchronous write: nothing is lost when the process
 * exits right after).
 */
function loadedModules(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mailgate-lazy-'));
  try {
    const log = join(dir, 'loaded.txt');
    writeFileSync(log, '');
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      [
        "import { appendFileSync } from 'node:fs';",
        'export async function load(url, context, next) {',
        `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');`,
        '  return next(url, context);',
        '}',
        '',
      ].join('\n'),
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const r = spawnSync(
      process.execPath,
      ['--import', register, join(ROOT, 'lib', 'cli', 'bin.js'), ...args],
      {
        encoding: 'utf8',
        cwd: ROOT,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const lib = pathToFileURL(join(ROOT, 'lib')).href;
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith(lib))
      .map((u) => u.slice(lib.length + 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cold start', () => {
  it('prints the version as commander would', () => {
    const out = spawnSync(process.execPath, [join(ROOT, 'lib', 'cli', 'bin.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(out.stdout).toBe(`${VERSION}\n`);
    expect(out.status).toBe(0);
  });

  it('mailgate --version loads the version (and the Node.js version check) only; --help only the CLI shell (bin, main, the command table)', () => {
    expect(loadedModules(['--version']).sort()).toEqual(['cli/bin.js', 'node-version.js', 'version.js']);
    for (const args of [['--help'], ['help'], ['-V', '--help']]) {
      expect(loadedModules(args).sort(), args.join(' ')).toEqual(
        [
          'cli/bin.js',
          'cli/commands/descriptions.js',
          'cli/commands/index.js',
          'cli/context.js',
          'cli/main.js',
          'report/escape.js',
          'node-version.js',
          'version.js',
        ].sort(),
      );
    }
  });

  it('a command loads its own module, not the others', () => {
    const loaded = loadedModules(['verify', '--help']);
    expect(loaded).toContain('cli/commands/verify.js');
    expect(loaded).toContain('message/verify.js');
    for (const other of ['audit', 'dmarc', 'report', 'spf'])
      expect(loaded).not.toContain(`cli/commands/${other}.js`);
    expect(loaded).not.toContain('audit/audit.js');
  });

  it('finds the command in argv, also after `help`', () => {
    expect(commandOf(['verify', '--ip', '192.0.2.1', 'm.eml'])).toBe('verify');
    expect(commandOf(['help', 'spf'])).toBe('spf');
    expect(commandOf(['--version'])).toBeUndefined();
  });
});

describe('the top-level command list', () => {
  it('shows each command as the command itself registers it', async () => {
    const ctx: CliContext = { stdout: process.stdout, stderr: process.stderr, env: {}, exitCode: 0 };
    const help = new Help();
    for (const entry of COMMANDS) {
      const program = new Command('mailgate');
      (await entry.load()).register(program, ctx);
      const real = program.commands.find((c) => c.name() === entry.name);
      expect(real, entry.name).toBeDefined();
      const stub = new Command(entry.name);
      for (const a of entry.args) stub.argument(a);
      if (entry.options) stub.option('--options');
      expect(help.subcommandTerm(stub), entry.name).toBe(help.subcommandTerm(real as Command));
      expect(real?.description(), entry.name).toBe(DESCRIPTIONS[entry.name]);
    }
    expect(COMMANDS.map((c) => c.name)).toEqual(Object.keys(DESCRIPTIONS));
  });

  it('prints the same help whichever command is loaded', async () => {
    const top = (await runCli(['--help'])).stdout;
    expect(top).toContain('verify [options] <file>');
    expect(top).toContain('audit [options] [domain...]');
    // an unknown command is still refused by name
    const unknown = await runCli(['veryfy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'veryfy'");
  });
});
