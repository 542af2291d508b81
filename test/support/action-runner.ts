/**
 * Runs a JavaScript Action the way the GitHub Actions runner does, for tests (or, with {@link runActionInProcess},
 * calls the Action's `run()` from the sources in this process with the same environment): a Node 24 process with the inputs
 * as `INPUT_<NAME>` variables (upper-cased, spaces to `_`, hyphens kept), `GITHUB_OUTPUT` and
 * `GITHUB_STEP_SUMMARY` files, `GITHUB_WORKSPACE` and `RUNNER_TEMP` (`<workspace>/.runner-temp`); then reads the outputs file, the summary, and the
 * workflow commands on standard output as the runner would interpret them (honouring `::stop-commands::`).
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectValidSarif } from './sarif-schema.js';

/** A workflow command the runner would execute. */
export interface WorkflowCommand {
  command: string;
  /** Properties, unescaped (`file`, `line`, `title`...). */
  properties: Record<string, string>;
  /** The data, unescaped (`%25` → `%`, `%0A` → LF, `%0D` → CR). */
  data: string;
  /** The line as printed. */
  raw: string;
}

/**
 * Validates the SARIF log a run wrote (its `sarif` output), when it wrote one: every SARIF the suite produces is
 * checked against the SARIF 2.1.0 schema (test/support/sarif-schema.ts).
 */
async function checkSarifOutput(outputs: Record<string, string>): Promise<void> {
  const path = outputs.sarif;
  if (!path || !existsSync(path)) return;
  expectValidSarif(JSON.parse(await readFile(path, 'utf8')), `SARIF of the Action (${path})`);
}

/** The result of {@link runAction}. */
export interface ActionRun {
  /** Exit code (`core.setFailed` sets 1). */
  code: number;
  stdout: string;
  stderr: string;
  /** The outputs written to `GITHUB_OUTPUT`. */
  outputs: Record<string, string>;
  /** The job summary written to `GITHUB_STEP_SUMMARY` (Markdown). */
  summary: string;
  /** The commands the runner would process, in order (inside a stop-commands block only the resume token counts). */
  commands: WorkflowCommand[];
  /** Lines printed while commands were stopped (shown as text by the runner). */
  stoppedLines: string[];
}

/** Options for {@link runAction}. */
export interface RunActionOptions {
  /**
   * The entry script (default: `MAILGATE_ACTION_ENTRY` when set, e.g. a scratch `ncc build`, else `dist/index.js`
   * of the repository).
   */
  entry?: string;
  /** Input values by name as in action.yml (`zone-files`, `dns-servers`...). Inputs not given are empty. */
  inputs?: Record<string, string>;
  /** Defaults from action.yml, applied to inputs not given (the runner does this from `action.yml`). */
  defaults?: Record<string, string>;
  /** The workspace (the working directory and `GITHUB_WORKSPACE`). */
  workspace: string;
  /** More environment variables. */
  env?: Record<string, string>;
  /** Kill the process after this many ms (default 60 000). */
  timeoutMs?: number;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** The Node 24 binary: this process when it is Node ≥ 24 (vitest via npx), else the `node` devDependency. */
export function node24(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return process.execPath;
  const local = join(ROOT, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(local)) return local;
  throw new Error('Node 24 is needed to run the Action (npm install the node devDependency)');
}

/** The environment variable the runner sets for an input: `INPUT_` + name upper-cased, spaces to `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** Parses one line as the runner does (`::command k=v,k=v::data` after leading white space), or null. */
export function parseCommand(line: string): WorkflowCommand | null {
  const text = line.trimStart();
  if (!text.startsWith('::')) return null;
  const end = text.indexOf('::', 2);
  if (end < 0) return null;
  const head = text.slice(2, end);
  const data = text.slice(end + 2);
  const space = head.indexOf(' ');
  const command = space < 0 ? head : head.slice(0, space);
  if (command === '') return null;
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, data: unescapeData(data), raw: line };
}

/** Interprets stdout like the runner: commands, with `::stop-commands::TOKEN` ... `::TOKEN::` blocks honoured. */
export function interpretStdout(stdout: string): { commands: WorkflowCommand[]; stoppedLines: string[] } {
  const commands: WorkflowCommand[] = [];
  const stoppedLines: string[] = [];
  let stopToken: string | null = null;
  for (const line of stdout.split(/\r?\n/)) {
    const cmd = parseCommand(line);
    if (stopToken !== null) {
      if (cmd && cmd.command === stopToken) {
        commands.push(cmd);
        stopToken = null;
      } else {
        stoppedLines.push(line);
      }
      continue;
    }
    if (!cmd) continue;
    commands.push(cmd);
    if (cmd.command === 'stop-commands') stopToken = cmd.data;
  }
  return { commands, stoppedLines };
}

/** Parses a `GITHUB_OUTPUT` file (`name<<DELIMITER` blocks and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]!);
      out[name!] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/**
 * Runs the Action entry script with the runner's environment and returns what it produced.
 * The process gets a clean environment (PATH, HOME, TMPDIR and the given variables), so the test machine's
 * `GITHUB_*` and `INPUT_*` variables do not leak in.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const tmp = await mkdtemp(join(tmpdir(), 'mailgate-action-'));
  const outputFile = join(tmp, 'output.txt');
  const summaryFile = join(tmp, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const runnerTemp = join(options.workspace, '.runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmp,
    TMPDIR: tmp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env,
  };
  const inputs = { ...options.defaults, ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  const entry = options.entry ?? process.env.MAILGATE_ACTION_ENTRY ?? join(ROOT, 'dist', 'index.js');
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(node24(), [entry], {
          cwd: options.workspace,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
        });
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
        child.on('error', reject);
        child.on('close', (c) => {
          clearTimeout(timer);
          resolve({ code: c ?? -1, stdout, stderr });
        });
      },
    );
    const { commands, stoppedLines } = interpretStdout(stdout);
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
    await checkSarifOutput(outputs);
    return {
      code,
      stdout,
      stderr,
      outputs,
      summary: await readFile(summaryFile, 'utf8'),
      commands,
      stoppedLines,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The input defaults declared in `action.yml` (read with a small parser: `inputs.<name>.default`). */
export async function actionDefaults(): Promise<Record<string, string>> {
  const { parse } = await import('yaml');
  const doc = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(Object.entries(doc.inputs).map(([k, v]) => [k, String(v.default ?? '')]));
}

/** A file that lives as long as this process: `@actions/core` caches the job summary path on first use. */
let inProcessSummary: string | undefined;

/**
 * Calls the Action's `run()` from the sources (`src/action/main.ts`) in this process, with the environment the
 * runner would give (as {@link runAction}: inputs, `GITHUB_WORKSPACE`, `RUNNER_TEMP`, `GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`), capturing what it writes to standard output. The process environment, working
 * directory and `process.exitCode` are restored afterwards. Tests of behaviour in `src/action` use this, so they
 * need no rebuilt `dist/`.
 */
export async function runActionInProcess(options: RunActionOptions): Promise<ActionRun> {
  const tmp = await mkdtemp(join(tmpdir(), 'mailgate-action-'));
  const outputFile = join(tmp, 'output.txt');
  await writeFile(outputFile, '');
  if (!inProcessSummary) {
    inProcessSummary = join(await mkdtemp(join(tmpdir(), 'mailgate-summary-')), 'summary.md');
    await writeFile(inProcessSummary, '');
  } else {
    await truncate(inProcessSummary);
  }
  const runnerTemp = join(options.workspace, '.runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  const saved = { ...process.env };
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  for (const k of Object.keys(process.env)) if (/^(INPUT_|GITHUB_|RUNNER_)/.test(k)) delete process.env[k];
  Object.assign(process.env, {
    RUNNER_TEMP: runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: inProcessSummary,
    ...options.env,
  });
  for (const [name, value] of Object.entries({ ...options.defaults, ...options.inputs }))
    process.env[inputVariable(name)] = value;
  let stdout = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  let code = 0;
  try {
    process.chdir(options.workspace);
    process.exitCode = undefined;
    const { run } = await import('../../src/action/main.js');
    await run();
    code = Number(process.exitCode ?? 0);
  } finally {
    process.stdout.write = write;
    process.chdir(savedCwd);
    process.exitCode = savedExitCode;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  try {
    const { commands, stoppedLines } = interpretStdout(stdout);
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
    await checkSarifOutput(outputs);
    return {
      code,
      stdout,
      stderr: '',
      outputs,
      summary: await readFile(inProcessSummary, 'utf8'),
      commands,
      stoppedLines,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
