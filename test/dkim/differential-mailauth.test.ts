/**
 * Differential test against mailauth (the library mailgate used to verify with, kept as an oracle): the generated
 * corpus of the dkimpy differential (test/dkim/corpus.ts, 300 messages), and a corpus of DKIM-signed messages and
 * ARC chains, each with a mutation (body, header, folding, tag order, key-record white space and non-ASCII bytes,
 * algorithms, key flags), verified by mailgate (verifyDkim, verifyArc) and by
 * mailauth (dkimVerify, arc(), default mode). The verdicts must agree, or differ as
 * test/dkim/fixtures/mailauth-differences.ts lists, with its RFC section; anything else fails.
 */
import { dkimVerify, arc as mailauthArc, sealMessage } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyArc } from '../../src/arc/verify.js';
import { MAILAUTH_PASSED_THEN_EXPIRED } from '../../src/dkim/mailauth-status.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import { toMailauthResolver } from '../../src/dns/mailauth.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { txtZone } from '../support/resolvers.js';
import { D as CORPUS_DOMAIN, generateCorpus, prng } from './corpus.js';
import { MAILAUTH_DIFFERENCES } from './fixtures/mailauth-differences.js';
import { ed25519Key, keyRecord, rsaKey, sign, type TestKey } from './helpers.js';

const D = 'corpus.example';
const NOW = new Date('2024-06-01T12:00:00Z');

interface Case {
  id: string;
  mutation: string;
  msg: string;
  resolver: Resolver;
  kind: 'dkim' | 'arc';
  /** The verification time (the dkimpy corpus is signed now). */
  now?: Date;
}

/** DKIM mutations and the key record each uses (`null`: the plain record). */
const DKIM_MUTATIONS = [
  'none',
  'body-char',
  'body-trailing-space',
  'body-blank-lines',
  'body-utf8',
  'header-value',
  'header-case',
  'header-space-after-colon',
  'unsigned-header-added',
  'fold-signed-header',
  'refold-signature',
  'signature-tag-order',
  'lf-endings',
  'key-spaces',
  'key-folded',
  'key-v-not-first',
  'key-nbsp',
  'key-ideographic-space',
  'key-nbsp-in-p',
  'rsa-sha1',
  'key-strict-identity',
  'expired',
] as const;
type DkimMutation = (typeof DKIM_MUTATIONS)[number];

function keyText(key: TestKey, mutation: DkimMutation): string {
  const k = key.type;
  switch (mutation) {
    case 'key-spaces':
      return `v = DKIM1 ;\tk = ${k} ; p = ${key.p} ;`;
    case 'key-folded':
      return `v=DKIM1; k=${k};\r\n\tp=${key.p.slice(0, 20)}\r\n ${key.p.slice(20)}`;
    case 'key-v-not-first':
      return `k=${k}; v=DKIM1; p=${key.p}`;
    case 'key-nbsp':
      return `v=DKIM1;\u00a0k=${k};\u00a0p=${key.p}`;
    case 'key-ideographic-space':
      return `v=DKIM1;\u3000k=${k}; p=${key.p}`;
    case 'key-nbsp-in-p':
      return `v=DKIM1; k=${k}; p=${key.p.slice(0, 16)}\u00a0${key.p.slice(16)}`;
    case 'key-strict-identity':
      return `v=DKIM1; k=${k}; t=s; p=${key.p}`;
    default:
      return keyRecord(key);
  }
}

function baseMessage(rnd: ReturnType<typeof prng>, n: number): string {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'x', 'a  b', 'tab\there'];
  const headers = [
    `From: Sender ${n} <s${n}@${D}>`,
    `To: r${n}@example.net`,
    `Subject: ${Array.from({ length: 1 + rnd.int(5) }, () => rnd.pick(words)).join(' ')}`,
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    `Message-ID: <m${n}@${D}>`,
  ];
  const lines = Array.from({ length: 1 + rnd.int(6) }, () =>
    Array.from({ length: 1 + rnd.int(8) }, () => rnd.pick(words)).join(rnd.pick([' ', ' ', '  ', '\t'])),
  );
  return `${headers.join('\r\n')}\r\n\r\n${lines.join('\r\n')}\r\n`;
}

function mutate(signed: string, mutation: DkimMutation): string {
  const sep = signed.indexOf('\r\n\r\n');
  let head = signed.slice(0, sep + 2);
  let body = signed.slice(sep + 4);
  switch (mutation) {
    case 'body-char':
      body = `${body[0] === 'Z' ? 'Y' : 'Z'}${body.slice(1)}`;
      break;
    case 'body-trailing-space':
      body = body.replace('\r\n', '  \r\n');
      break;
    case 'body-blank-lines':
      body += '\r\n\r\n';
      break;
    case 'header-value':
      head = head.replace(/^Date: Mon/m, 'Date: Tue');
      break;
    case 'header-case':
      head = head.replace(/^Subject:/m, 'SUBJECT:');
      break;
    case 'header-space-after-colon':
      head = head.replace(/^To: /m, 'To:    ');
      break;
    case 'unsigned-header-added':
      head += 'X-Added: yes\r\n';
      break;
    case 'fold-signed-header':
      head = head.replace(/^(Subject: \S+) /m, '$1\r\n ');
      break;
    case 'refold-signature':
      head = head.replace(/; b=/, ';\r\n\tb=');
      break;
    case 'signature-tag-order':
      head = head.replace(/(DKIM-Signature: )(v=1; )(a=[^;]+; )/, '$1$3$2');
      break;
    default:
      break;
  }
  const out = `${head}\r\n${body}`;
  return mutation === 'lf-endings' ? out.replace(/\r\n/g, '\n') : out;
}

async function dkimCases(keys: { rsa: TestKey; ed: TestKey }): Promise<Case[]> {
  const rnd = prng(20240613);
  const cases: Case[] = [];
  let n = 0;
  for (const mutation of DKIM_MUTATIONS) {
    for (let copy = 0; copy < 8; copy++, n++) {
      const key = mutation === 'rsa-sha1' || rnd.chance(0.5) ? keys.rsa : keys.ed;
      const algorithm =
        key.type === 'ed25519' ? 'ed25519-sha256' : mutation === 'rsa-sha1' ? 'rsa-sha1' : 'rsa-sha256';
      let msg = baseMessage(rnd, n);
      if (mutation === 'body-utf8') msg = msg.replace(/\r\n\r\n/, '\r\n\r\nnaïve café ünïcode 日本\r\n');
      const signed = await sign(msg, {
        domain: D,
        selector: 's',
        key,
        algorithm,
        canonicalization: `${rnd.pick(['simple', 'relaxed'])}/${rnd.pick(['simple', 'relaxed'])}`,
        signTime: new Date('2024-06-01T00:00:00Z'),
        ...(mutation === 'expired' ? { expires: new Date('2024-06-01T06:00:00Z') } : {}),
        ...(mutation === 'key-strict-identity' ? { identity: `user@news.${D}` } : {}),
      });
      cases.push({
        id: `dkim#${n}`,
        kind: 'dkim',
        now: NOW,
        mutation,
        msg: mutate(signed, mutation),
        resolver: txtZone(D, { 's._domainkey': keyText(key, mutation) }),
      });
    }
  }
  return cases;
}

const ARC_MUTATIONS = [
  'none',
  'two-sets',
  'body-after-seal',
  'aar-changed',
  'ams-changed',
  'seal-cv-changed',
  'instance-gap',
  'arc-key-nbsp',
  'arc-key-spaces',
] as const;

async function arcCases(keys: { rsa: TestKey; ed: TestKey }): Promise<Case[]> {
  const rnd = prng(86170613);
  const cases: Case[] = [];
  let n = 0;
  const seal = async (msg: string, key: TestKey, cv: string, i: number) =>
    (
      await sealMessage(msg, {
        signingDomain: 'fwd.example',
        selector: key.type === 'rsa' ? 'arc-rsa' : 'arc-ed',
        privateKey: key.privateKey,
        cv,
        authResults: `hop${i}.fwd.example; spf=pass smtp.mailfrom=${D}; dkim=pass header.d=${D}; dmarc=pass header.from=${D}`,
        signTime: new Date('2024-06-01T00:00:00Z'),
      })
    ).toString();
  for (const mutation of ARC_MUTATIONS) {
    for (let copy = 0; copy < 6; copy++, n++) {
      const key = rnd.chance(0.5) ? keys.rsa : keys.ed;
      let msg = baseMessage(rnd, 1000 + n);
      msg = (await seal(msg, key, 'none', 1)) + msg;
      if (mutation !== 'none' && mutation !== 'arc-key-nbsp' && mutation !== 'arc-key-spaces') {
        msg = (await seal(msg, rnd.chance(0.5) ? keys.rsa : keys.ed, 'pass', 2)) + msg;
      }
      switch (mutation) {
        case 'body-after-seal':
          msg = msg.replace(/\r\n\r\n(.)/, (_m, c: string) => `\r\n\r\n${c === 'Z' ? 'Y' : 'Z'}`);
          break;
        case 'aar-changed':
          msg = msg.replace('hop1.fwd.example; spf=pass', 'hop1.fwd.example; spf=fail');
          break;
        case 'ams-changed':
          msg = msg.replace(/(ARC-Message-Signature: i=1;[\s\S]*?)bh=/, '$1 bh=');
          break;
        case 'seal-cv-changed':
          msg = msg.replace(/(ARC-Seal: i=2;[\s\S]*?)cv=pass/, '$1cv=none');
          break;
        case 'instance-gap':
          msg = msg.replace(/\bi=2;/g, 'i=3;');
          break;
        default:
          break;
      }
      const record = (k: TestKey) =>
        mutation === 'arc-key-nbsp'
          ? `v=DKIM1;\u00a0k=${k.type};\u00a0p=${k.p}`
          : mutation === 'arc-key-spaces'
            ? `v = DKIM1 ; k = ${k.type} ; p = ${k.p}`
            : keyRecord(k);
      cases.push({
        id: `arc#${n}`,
        kind: 'arc',
        mutation,
        msg,
        resolver: txtZone('fwd.example', {
          'arc-rsa._domainkey': record(keys.rsa),
          'arc-ed._domainkey': record(keys.ed),
        }),
      });
    }
  }
  return cases;
}

/**
 * mailauth's verdict (does the only DKIM signature pass, does the ARC chain pass) and, for DKIM, whether the
 * cryptography verified: `pass`, or `neutral` with a comment that says it verified before x= was applied.
 */
async function theirs(c: Case): Promise<{ pass: boolean; crypto?: boolean }> {
  const resolver = toMailauthResolver(c.resolver) as never;
  const v = await dkimVerify(Buffer.from(c.msg, 'utf8'), { resolver, curTime: c.now ?? new Date() } as never);
  if (c.kind === 'arc')
    return { pass: (await mailauthArc(v.arc as never, { resolver } as never)).status.result === 'pass' };
  const r = v.results[0];
  const pass = r?.status.result === 'pass';
  return {
    pass,
    crypto:
      pass || (r?.status.result === 'neutral' && MAILAUTH_PASSED_THEN_EXPIRED.has(r.status.comment ?? '')),
  };
}

async function ours(c: Case): Promise<{ pass: boolean; crypto?: boolean }> {
  if (c.kind === 'arc')
    return {
      pass: (await verifyArc(Buffer.from(c.msg, 'utf8'), { resolver: c.resolver })).result === 'pass',
    };
  const [sig] = await verifyDkim(Buffer.from(c.msg, 'utf8'), {
    resolver: c.resolver,
    now: c.now ?? new Date(),
    keyCache: false,
  });
  return { pass: sig?.result === 'pass', crypto: sig?.crypto === 'pass' };
}

describe('differential: mailgate vs mailauth (dkimVerify, arc)', () => {
  let keys: { rsa: TestKey; ed: TestKey };
  let corpusKeys: Record<string, TestKey>;
  beforeAll(() => {
    keys = { rsa: rsaKey(2048), ed: ed25519Key() };
    corpusKeys = { r2048: keys.rsa, r1024: rsaKey(1024), r512: rsaKey(512), ed: keys.ed };
  });

  /** The dkimpy corpus; an rsa-sha1 signature is its own kind (the one difference there, RFC 8301 §3.1). */
  async function corpusCases(): Promise<Case[]> {
    const resolver = txtZone(
      CORPUS_DOMAIN,
      Object.fromEntries(Object.entries(corpusKeys).map(([name, k]) => [`${name}._domainkey`, keyRecord(k)])),
    );
    return (await generateCorpus(corpusKeys, 300)).map((c, i) => ({
      id: `corpus#${i}`,
      kind: 'dkim' as const,
      mutation: c.algorithm === 'rsa-sha1' ? 'rsa-sha1' : `corpus-${c.tamper}`,
      msg: c.msg,
      resolver,
    }));
  }

  it('agrees on the generated corpora with mutations, or differs only as the fixture lists', async () => {
    const cases = [...(await corpusCases()), ...(await dkimCases(keys)), ...(await arcCases(keys))];
    const unexplained: string[] = [];
    const differences = new Map<string, number>();
    const outcomes = { pass: 0, fail: 0 };
    for (const c of cases) {
      const [x, y] = [await ours(c), await theirs(c)];
      const [a, b] = [x.pass, y.pass];
      outcomes[a ? 'pass' : 'fail']++;
      // an expired signature: neither passes, and both verified its cryptography (RFC 6376 §3.5 x= is policy)
      if (c.mutation === 'expired') expect([c.id, x.crypto, y.crypto]).toEqual([c.id, true, true]);
      if (a === b) continue;
      const known = MAILAUTH_DIFFERENCES.find(
        (d) => d.mutation === c.mutation && (d.ours === 'pass') === a && (d.theirs === 'pass') === b,
      );
      if (known) differences.set(c.mutation, (differences.get(c.mutation) ?? 0) + 1);
      else
        unexplained.push(
          `${c.id} ${c.mutation}: mailgate ${a ? 'pass' : 'not pass'}, mailauth ${b ? 'pass' : 'not pass'}`,
        );
    }
    console.log(
      `differential vs mailauth: ${cases.length} cases (mailgate: ${outcomes.pass} pass, ${outcomes.fail} not), documented differences: ${JSON.stringify(Object.fromEntries(differences))}, unexplained: ${unexplained.length}`,
    );
    expect(unexplained).toEqual([]);
    // every listed difference shows up in the corpus (a fixture entry that never applies is stale)
    expect([...differences.keys()].sort()).toEqual(MAILAUTH_DIFFERENCES.map((d) => d.mutation).sort());
    // both outcomes are exercised
    expect(outcomes.pass).toBeGreaterThan(cases.length / 4);
    expect(outcomes.fail).toBeGreaterThan(cases.length / 4);
  }, 120_000);
});
