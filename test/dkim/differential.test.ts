/**
 * Differential test against dkimpy (Debian package python3-dkim): a few hundred generated messages (varied
 * headers, folding, whitespace, canonicalizations, l=, Ed25519 and RSA, tampering after signing) are verified
 * by us and by dkimpy; the verdicts must agree, or differ only by a documented policy rule (src/dkim/policy.ts).
 * Skips, naming the package, when no python3 can `import dkim`.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyDkim } from '../../src/dkim/verify.js';
import { txtZone } from '../support/resolvers.js';
import { ed25519Key, keyRecord, rsaKey, sign, type TestKey } from './helpers.js';

const PYTHONS = ['python3', '/usr/bin/python3'];
const python = PYTHONS.find((p) => spawnSync(p, ['-c', 'import dkim'], { stdio: 'ignore' }).status === 0);

const DKIMPY = `
import sys, json, base64, dkim
data = json.load(sys.stdin)
keys = {k.lower(): v for k, v in data["keys"].items()}
def dnsfunc(name, timeout=5):
    n = name.decode() if isinstance(name, bytes) else name
    v = keys.get(n.rstrip(".").lower())
    return v.encode() if v is not None else None
out = []
for m in data["messages"]:
    try:
        ok = dkim.DKIM(base64.b64decode(m)).verify(idx=0, dnsfunc=dnsfunc)
        out.append({"ok": bool(ok)})
    except Exception as e:
        out.append({"ok": False, "error": str(e)})
json.dump(out, sys.stdout)
`;

/** A small deterministic PRNG (mulberry32) so the corpus is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

type Tamper =
  | 'none'
  | 'body-text'
  | 'body-whitespace'
  | 'body-blank-lines'
  | 'header-whitespace'
  | 'header-case'
  | 'header-value'
  | 'unsigned-header'
  | 'append-after-l'
  | 'lf-endings';

interface Case {
  msg: string;
  c: string;
  algorithm: string;
  l: boolean;
  tamper: Tamper;
}

const D = 'diff.example';
const N = 300;

describe.skipIf(!python)('differential: mailgate vs dkimpy', () => {
  let keys: Record<string, TestKey>;
  beforeAll(() => {
    keys = { r2048: rsaKey(2048), r1024: rsaKey(1024), r512: rsaKey(512), ed: ed25519Key() };
  });

  it(`agrees with dkimpy on ${N} generated messages, or differs by a documented rule`, async () => {
    const rnd = prng(20240601);
    const words = ['alpha', 'beta', 'gamma', 'delta', 'Ünïcode', 'naïve', 'x', '', 'tab\there', 'a  b'];
    const cases: Case[] = [];
    for (let n = 0; n < N; n++) {
      const subject = Array.from({ length: 1 + rnd.int(6) }, () => rnd.pick(words)).join(' ');
      const foldedSubject = rnd.chance(0.3) ? subject.replace(' ', '\r\n\t') : subject;
      const headers = [
        `${rnd.pick(['From', 'FROM', 'from'])}:${rnd.pick([' ', '  ', '\t', ''])}Sender ${n} <s${n}@${D}>`,
        `To: r${n}@example.net${rnd.chance(0.2) ? ' ' : ''}`,
        `Subject: ${foldedSubject || 'empty'}`,
        'Date: Mon, 01 Jan 2024 10:00:00 +0000',
        `Message-ID: <m${n}@${D}>`,
      ];
      if (rnd.chance(0.3)) headers.push(`X-Extra: ${rnd.pick(words)}\r\n  continued`);
      if (rnd.chance(0.2)) headers.push('Cc: a@example.net,\r\n b@example.net');
      const lines = Array.from({ length: rnd.int(8) }, () => {
        const w = Array.from({ length: rnd.int(10) }, () => rnd.pick(words)).join(
          rnd.pick([' ', '  ', '\t']),
        );
        return rnd.chance(0.2) ? `${w}  ` : w;
      });
      let body = lines.join('\r\n');
      if (body !== '' || rnd.chance(0.5)) body += '\r\n';
      if (rnd.chance(0.3)) body += '\r\n\r\n';
      const msg = `${headers.join('\r\n')}\r\n\r\n${body}`;
      const c = `${rnd.pick(['simple', 'relaxed'])}/${rnd.pick(['simple', 'relaxed'])}`;
      const keyName = rnd.pick(['r2048', 'r2048', 'r1024', 'r512', 'ed', 'ed', 'ed']);
      const algorithm = keyName === 'ed' ? 'ed25519-sha256' : rnd.chance(0.1) ? 'rsa-sha1' : 'rsa-sha256';
      const l = rnd.chance(0.15);
      const headerList = rnd.pick([
        undefined,
        ['From', 'To', 'Subject', 'Date', 'Message-ID'],
        ['From', 'Subject', 'Subject', 'Date'],
        ['From', 'To', 'Subject', 'Cc', 'X-Extra'],
      ]);
      let signed = await sign(msg, {
        domain: D,
        selector: keyName,
        key: keys[keyName] as TestKey,
        canonicalization: c,
        algorithm,
        signTime: new Date(),
        ...(l ? { maxBodyLength: Buffer.byteLength(body.replace(/\r\n$/, '')) } : {}),
        ...(headerList ? { headerList } : {}),
      });
      const tamper: Tamper = rnd.pick([
        'none',
        'none',
        'none',
        'body-text',
        'body-whitespace',
        'body-blank-lines',
        'header-whitespace',
        'header-case',
        'header-value',
        'unsigned-header',
        'append-after-l',
        'lf-endings',
      ] as const);
      const sep = signed.indexOf('\r\n\r\n');
      let head = signed.slice(0, sep + 2);
      let tail = signed.slice(sep + 4);
      switch (tamper) {
        case 'body-text':
          tail = tail.length ? `${tail[0] === 'Z' ? 'Y' : 'Z'}${tail.slice(1)}` : 'Z\r\n';
          break;
        case 'body-whitespace':
          tail = tail.replace(/ /, '   ').replace(/\r\n/, ' \r\n');
          break;
        case 'body-blank-lines':
          tail += '\r\n\r\n\r\n';
          break;
        case 'header-whitespace':
          head = head.replace(/^Date: /m, 'Date:    ');
          break;
        case 'header-case':
          head = head.replace(/^Date:/m, 'DATE:');
          break;
        case 'header-value':
          head = head.replace(/^Date: Mon, 01 Jan 2024 10:00:00/m, 'Date: Tue, 02 Jan 2024 10:00:00');
          break;
        case 'unsigned-header':
          head = `${head}X-Added-Later: yes\r\n`;
          break;
        case 'append-after-l':
          tail += 'appended after signing\r\n';
          break;
        default:
          break;
      }
      signed = `${head}\r\n${tail}`;
      if (tamper === 'lf-endings') signed = signed.replace(/\r\n/g, '\n');
      cases.push({ msg: signed, c, algorithm, l, tamper });
    }

    const keyRecords: Record<string, string> = {};
    for (const [name, k] of Object.entries(keys)) keyRecords[`${name}._domainkey.${D}`] = keyRecord(k);
    const py = spawnSync(python as string, ['-c', DKIMPY], {
      input: JSON.stringify({
        keys: keyRecords,
        messages: cases.map((x) => Buffer.from(x.msg, 'utf8').toString('base64')),
      }),
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    expect(py.status, py.stderr).toBe(0);
    const theirs = JSON.parse(py.stdout) as { ok: boolean; error?: string }[];

    const resolver = txtZone(
      D,
      Object.fromEntries(Object.entries(keys).map(([name, k]) => [`${name}._domainkey`, keyRecord(k)])),
    );
    let agree = 0;
    const documented: Record<string, number> = {};
    const unexplained: string[] = [];
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i] as Case;
      const [ours] = await verifyDkim(Buffer.from(c.msg, 'utf8'), { resolver });
      const weSay = ours?.result === 'pass';
      const theySay = theirs[i]?.ok === true;
      if (weSay === theySay) {
        agree++;
        continue;
      }
      // a documented policy rule: rsa-sha1 is not accepted (RFC 8301 §3.1); dkimpy still verifies it
      if (!weSay && theySay && ours?.crypto === 'pass' && ours.rules.some((r) => r.rule === 'rsa-sha1')) {
        documented['rsa-sha1 (RFC 8301 §3.1)'] = (documented['rsa-sha1 (RFC 8301 §3.1)'] ?? 0) + 1;
        continue;
      }
      unexplained.push(
        `#${i} c=${c.c} a=${c.algorithm} l=${c.l} tamper=${c.tamper}: ours ${ours?.result} (${ours?.reason ?? ''}), dkimpy ${theySay} (${theirs[i]?.error ?? ''})`,
      );
    }
    const passes = theirs.filter((t) => t.ok).length;
    console.log(
      `differential vs dkimpy: ${cases.length} messages, ${agree} agree (dkimpy: ${passes} pass, ${cases.length - passes} fail), documented differences: ${JSON.stringify(documented)}, unexplained: ${unexplained.length}`,
    );
    expect(unexplained).toEqual([]);
    // the corpus exercises both outcomes
    expect(passes).toBeGreaterThan(N / 3);
    expect(cases.length - passes).toBeGreaterThan(N / 10);
  }, 60_000);
});

describe.runIf(!python)('differential: mailgate vs dkimpy (skipped)', () => {
  it.skip('needs dkimpy: install the Debian package python3-dkim (python3 -c "import dkim" failed)', () => {});
});
