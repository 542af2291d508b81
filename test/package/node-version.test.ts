/**
 * On a Node.js older than 22.19 the library fails at import with a typed error naming the required version
 * (not mailauth's `webidl.util.markAsUncloneable is not a function`), and the CLI says so in one line. Run with
 * the machine's own old Node (outside node_modules/.bin), against the build in lib/ (`npm test` builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertSupportedNode,
  isSupportedNode,
  REQUIRED_NODE_VERSION,
  UnsupportedNodeError,
} from '../../src/node-version.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A `node` older than 22.19 on PATH or in /usr/local/bin, /usr/bin, outside node_modules; or undefined. */
function oldNode(): { path: string; version: string } | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin'].filter(
    (d) => d && !d.includes('node_modules'),
  );
  for (const dir of new Set(dirs)) {
    const path = join(dir, 'node');
    if (!existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      if (!isSupportedNode(version)) return { path, version };
    } catch {
      // not runnable: try the next one
    }
  }
  return undefined;
}

const old = oldNode();
if (!old) console.warn('no Node.js older than 22.19 outside node_modules: the old-runtime test is skipped');

describe('the required Node.js version', () => {
  it('is the engines range of package.json, and is checked by major and minor', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(REQUIRED_NODE_VERSION).toBe(pkg.engines.node);
    expect(['20.20.2', '22.18.9', '18.0.0', '0.0.0', ''].map(isSupportedNode)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['22.19.0', '22.20.1', '24.0.0', '30.1.0'].map(isSupportedNode)).toEqual([true, true, true, true]);
    expect(() => assertSupportedNode('20.20.2')).toThrow(UnsupportedNodeError);
    const err = new UnsupportedNodeError('20.20.2');
    expect(err).toMatchObject({
      name: 'UnsupportedNodeError',
      code: 'ERR_MAILGATE_NODE_VERSION',
      required: '>=22.19',
      found: '20.20.2',
      message: 'mailgate requires Node.js >=22.19 (this is 20.20.2)',
    });
  });

  it.skipIf(!old)(
    'importing the library on an old Node.js throws UnsupportedNodeError, the CLI prints one line',
    () => {
      const node = old!;
      const lib = join(ROOT, 'lib', 'index.js');
      expect(existsSync(lib), 'lib/ is built by `npm test` (npm run build)').toBe(true);
      const script = `import(${JSON.stringify(lib)}).then(
      () => console.log(JSON.stringify({ ok: true })),
      (e) => console.log(JSON.stringify({ name: e.name, code: e.code, required: e.required, found: e.found, message: e.message })),
    );`;
      const r = spawnSync(node.path, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(JSON.parse(r.stdout)).toEqual({
        name: 'UnsupportedNodeError',
        code: 'ERR_MAILGATE_NODE_VERSION',
        required: '>=22.19',
        found: node.version,
        message: `mailgate requires Node.js >=22.19 (this is ${node.version})`,
      });
      expect(r.stderr).not.toContain('markAsUncloneable');
      const cli = spawnSync(node.path, [join(ROOT, 'lib', 'cli', 'bin.js'), '--version'], {
        encoding: 'utf8',
      });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toBe(`mailgate: Node.js >=22.19 is required (this is ${node.version})\n`);
      expect(cli.stdout).toBe('');
    },
  );
});
