/**
 * The generated DKIM corpus of the differential tests (dkimpy: differential.test.ts; mailauth:
 * differential-mailauth.test.ts): N messages with varied headers, folding, whitespace, canonicalizations, l=,
 * Ed25519 and RSA keys, and tampering after signing. Deterministic for a given set of keys (a seeded PRNG).
 */
import { seededRandom } from '../../src/dmarc/sampler.js';
import { sign, type TestKey } from './helpers.js';

/** A small deterministic PRNG (mulberry32) so the corpus is the same on every run. */
export function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

export type Tamper =
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

export interface Case {
  msg: string;
  c: string;
  algorithm: string;
  l: boolean;
  tamper: Tamper;
}

/** The signing domain of the corpus. */
export const D = 'diff.example';

/** Generates the corpus, signed with `keys` (`r2048`, `r1024`, `r512`, `ed`), each key at selector = its name. */
export async function generateCorpus(keys: Record<string, TestKey>, N: number): Promise<Case[]> {
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
      const w = Array.from({ length: rnd.int(10) }, () => rnd.pick(words)).join(rnd.pick([' ', '  ', '\t']));
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

  return cases;
}
