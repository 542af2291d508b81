/**
 * Loads `node:sqlite` on first use. Node 22 (and Node 24 before SQLite became stable there) prints
 * "ExperimentalWarning: SQLite is an experimental feature" on stderr when the module is loaded. That line is
 * about Node, not about the user's reports, and would land in the middle of CLI output and CI logs, so this
 * loader keeps exactly that one warning off the terminal: while (and only while) it imports the module,
 * `process.emitWarning` drops an `ExperimentalWarning` whose message names SQLite and passes every other
 * warning through unchanged. Nothing else is silenced, and no process-wide flag (`--no-warnings`) is used.
 * {@link sqliteWarningSuppressed} says whether a warning was dropped (the CLI's `--verbose` prints it).
 *
 * @module
 */

type SqliteModule = typeof import('node:sqlite');

let loaded: Promise<SqliteModule> | null = null;
let suppressed: string | null = null;

/** True when the target warning is the SQLite experimental warning (and nothing else). */
export function isSqliteExperimentalWarning(warning: string | Error, typeOrOptions?: unknown): boolean {
  const type =
    typeof typeOrOptions === 'string'
      ? typeOrOptions
      : typeof typeOrOptions === 'object' && typeOrOptions !== null
        ? (typeOrOptions as { type?: string }).type
        : undefined;
  const name = typeof warning === 'string' ? type : (warning.name ?? type);
  const message = typeof warning === 'string' ? warning : warning.message;
  return name === 'ExperimentalWarning' && /\bSQLite\b/i.test(message);
}

/**
 * Runs `load` with the SQLite experimental warning filtered out of `process.emitWarning` (see the module
 * documentation); restores `process.emitWarning` afterwards, whatever happens.
 */
export async function withoutSqliteWarning<T>(load: () => Promise<T>): Promise<T> {
  const original = process.emitWarning;
  const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteExperimentalWarning(warning, rest[0])) {
      suppressed = typeof warning === 'string' ? warning : warning.message;
      return;
    }
    return (original as (...a: unknown[]) => void).call(process, warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    return await load();
  } finally {
    if (process.emitWarning === (filtered as typeof process.emitWarning)) process.emitWarning = original;
  }
}

/**
 * `node:sqlite`, loaded once (see the module documentation for the warning it may print). Loaded with
 * `process.getBuiltinModule` (synchronous, and left alone by bundlers and module runners).
 *
 * @throws Error (as a rejection) when this Node has no `node:sqlite` (before 22.5).
 */
export function loadSqlite(): Promise<SqliteModule> {
  loaded ??= withoutSqliteWarning(async () => {
    const mod = process.getBuiltinModule('node:sqlite') as SqliteModule | undefined;
    if (!mod)
      throw new Error(
        `node:sqlite is not available in Node ${process.version} (mailgate needs Node 22.19 or later)`,
      );
    return mod;
  });
  return loaded;
}

/** The SQLite experimental warning that {@link loadSqlite} kept off the terminal, or null when Node printed none. */
export function sqliteWarningSuppressed(): string | null {
  return suppressed;
}
