// Layering: ARC and the message service use DKIM only through its public face (src/dkim/index.ts), and the
// protocol-neutral pieces live outside src/dkim (src/mail for message/tag-list primitives, src/dns/mailauth.ts).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

async function importsOf(folder: string): Promise<{ file: string; from: string }[]> {
  const out: { file: string; from: string }[] = [];
  for (const file of await readdir(join(SRC, folder))) {
    if (!file.endsWith('.ts')) continue;
    const text = await readFile(join(SRC, folder, file), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)) {
      out.push({ file: `${folder}/${file}`, from: m[1]! });
    }
  }
  return out;
}

describe('layering', () => {
  it('src/arc and src/message import DKIM from src/dkim/index.ts only', async () => {
    const all = [...(await importsOf('arc')), ...(await importsOf('message'))];
    const dkim = all.filter((i) => i.from.startsWith('../dkim/'));
    expect(dkim.length).toBeGreaterThan(0);
    expect(dkim.filter((i) => i.from !== '../dkim/index.js')).toEqual([]);
  });

  it('src/dkim, src/arc and src/message take the shared pieces from src/mail and src/dns', async () => {
    const all = [...(await importsOf('dkim')), ...(await importsOf('arc')), ...(await importsOf('message'))];
    expect(
      all.filter(
        (i) => /mailauth-dns|\/tag-list|\/message-input/.test(i.from) && !i.from.startsWith('../mail/'),
      ),
    ).toEqual([]);
    expect(all.some((i) => i.from === '../dns/mailauth.js')).toBe(true);
    expect(all.some((i) => i.from === '../mail/tag-list.js')).toBe(true);
    expect(all.some((i) => i.from === '../mail/message-input.js')).toBe(true);
  });

  it('src/mail depends on nothing in the protocol folders', async () => {
    expect((await importsOf('mail')).filter((i) => i.from.startsWith('..'))).toEqual([]);
  });
});
