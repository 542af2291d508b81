/**
 * schema/message-report.schema.json validates the `mailgate verify --format json` report of every sample message
 * (verified offline against samples/zones, with the options of its `.args` file) and of a hostile message.
 * A closed copy of the schema (every object `additionalProperties: false`) checks that every field the reports
 * carry is typed in the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadZoneFile } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import {
  MESSAGE_REPORT_SCHEMA_VERSION,
  type MessageReport,
  type VerifyMessageOptions,
  verifyMessage,
} from '../../src/message/verify.js';
import { MESSAGE_REPORT_SCHEMA_ID } from '../../src/report/schema.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ZONES = join(ROOT, 'samples', 'zones');
const MESSAGES = join(ROOT, 'samples', 'messages');
const NOW = new Date('2024-06-02T00:00:00Z');

async function resolver() {
  const files = readdirSync(ZONES).filter(
    (f) => f.endsWith('.test.zone') || f === 'football.example.com.zone',
  );
  return zoneResolver(await Promise.all(files.map((f) => loadZoneFile(join(ZONES, f)))), { offline: true });
}

/** The options a sample's `.args` file gives (the demo passes them to `mailgate verify`). */
function argsOptions(name: string): Partial<VerifyMessageOptions> {
  let lines: string[];
  try {
    lines = readFileSync(join(MESSAGES, name.replace(/\.eml$/, '.args')), 'utf8').split('\n');
  } catch {
    return {};
  }
  const out: Partial<VerifyMessageOptions> = {};
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]?.trim();
    const next = () => lines[++i]?.trim() ?? '';
    if (a === '--trust-received') out.trustReceived = true;
    else if (a === '--authserv-id') out.authservId = next();
    else if (a === '--trusted-arc-sealer') out.trustedArcSealers = [...(out.trustedArcSealers ?? []), next()];
    else if (a === '--ip') out.ip = next();
    else if (a === '--mail-from') out.mailFrom = next();
    else if (a === '--helo') out.helo = next();
    else if (a) throw new Error(`${name}: unknown argument ${a} in the .args file (teach this test)`);
  }
  return out;
}

/** A copy of a schema with every object that has `properties` closed (`additionalProperties: false`). */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' ? mapValues(v, closed) : closed(v);
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}
const mapValues = (o: unknown, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, f(v)]));

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(schema);
}

const errors = (v: ValidateFunction) =>
  (v.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);

/** A hostile message: ESC, workflow commands, CR-less junk and very long header fields. */
const ESC = '\u001b';
const HOSTILE_MESSAGE = [
  `From: "${ESC}[31mred${ESC}[0m ::error::pwned" <attacker@shop.test>`,
  'To: victim@example.net',
  `Subject: ::error file=x::injected %0A::add-mask::secret ${'A'.repeat(12_000)}`,
  `X-Long: ${Array.from({ length: 400 }, (_, i) => `word${i}`).join('\r\n ')}`,
  'Received: from evil.test (evil.test [192.0.2.66]) by mx.example.net; Sun, 2 Jun 2024 00:00:00 +0000',
  `DKIM-Signature: v=1; a=rsa-sha256; d=shop.test; s=${ESC}[1m::error::; h=from:to; bh=AAAA; b=${'B'.repeat(5000)}`,
  `Message-ID: <${'m'.repeat(2000)}@evil.test>`,
  'Date: ::warning::tomorrow',
  '',
  `Body with ${ESC}]0;title\u0007 and ::stop-commands::tok`,
  '',
].join('\r\n');

let schemaFile: object;
const reports: [string, MessageReport][] = [];

beforeAll(async () => {
  schemaFile = JSON.parse(await readFile(join(ROOT, 'schema', 'message-report.schema.json'), 'utf8'));
  const res = await resolver();
  const samples = readdirSync(MESSAGES).filter((f) => f.endsWith('.eml'));
  for (const name of samples.sort()) {
    const raw = readFileSync(join(MESSAGES, name));
    reports.push([name, await verifyMessage(raw, { resolver: res, now: NOW, ...argsOptions(name) })]);
  }
  reports.push([
    'hostile',
    await verifyMessage(HOSTILE_MESSAGE, {
      resolver: res,
      now: NOW,
      trustReceived: true,
      authservId: 'mx.example.net',
    }),
  ]);
  reports.push([
    'a display name showing another address',
    await verifyMessage('From: "boss@evil.example" <news@shop.test>\r\nSubject: x\r\n\r\nbody\r\n', {
      resolver: res,
      now: NOW,
    }),
  ]);
  reports.push([
    'unsigned, no envelope, bulk sender off',
    await verifyMessage('Subject: x\r\n\r\nbody\r\n', { resolver: res, now: NOW, bulkSender: false }),
  ]);
}, 60_000);

describe('schema/message-report.schema.json', () => {
  it('is draft 2020-12 with the published $id and schemaVersion 2 (`why` replaced `explanation`)', () => {
    const s = schemaFile as {
      $schema: string;
      $id: string;
      properties: { schemaVersion: { const: number } };
    };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(MESSAGE_REPORT_SCHEMA_ID);
    expect(s.properties.schemaVersion.const).toBe(2);
    expect(s.properties.schemaVersion.const).toBe(MESSAGE_REPORT_SCHEMA_VERSION);
  });

  it('covers every sample message, an ARC chain, a DMARC override, a failure and the hostile message', () => {
    expect(reports.map(([n]) => n)).toContain('forwarded-arc.eml');
    const byName = Object.fromEntries(reports);
    expect(byName['forwarded-arc.eml']?.arc.result).toBe('pass');
    expect(byName['forwarded-arc.eml']?.dmarc.arcOverride?.sealer).toBe('forwarder.test');
    expect(byName['shop-tampered.eml']?.dmarc.result).toBe('fail');
    expect(byName.hostile?.message.subject).toContain('::error');
    expect(byName.hostile?.message.from[0]).toContain(ESC);
    expect(
      byName['a display name showing another address']?.dmarc.displayNameAddresses?.[0]?.shownDomain,
    ).toBe('evil.example');
    expect(reports.length).toBe(readdirSync(MESSAGES).filter((f) => f.endsWith('.eml')).length + 3);
  });

  it('validates every report as the JSON text `mailgate verify --format json` prints', () => {
    const validate = compile(schemaFile);
    for (const [name, r] of reports) {
      const json = JSON.parse(JSON.stringify(r, null, 2));
      expect([name, validate(json) ? [] : errors(validate)]).toEqual([name, []]);
    }
  });

  it('types every field the reports carry (closed copy of the schema)', () => {
    const validate = compile(closed(schemaFile) as object);
    for (const [name, r] of reports) {
      const json = JSON.parse(JSON.stringify(r));
      expect([name, validate(json) ? [] : errors(validate)]).toEqual([name, []]);
    }
    // the published schema lets sections grow; the closed copy does not
    const open = compile(schemaFile);
    const good = JSON.parse(JSON.stringify(reports[0]![1]));
    for (const extra of [
      { ...good, spf: { ...good.spf, undocumented: 1 } },
      { ...good, dkim: [{ ...good.dkim[0], key: { ...good.dkim[0].key, undocumented: 1 } }] },
      { ...good, arc: { ...good.arc, undocumented: 1 } },
    ]) {
      expect(open(extra)).toBe(true);
      expect(validate(extra)).toBe(false);
    }
  });

  it('rejects reports that break the contract', () => {
    const validate = compile(schemaFile);
    const good = JSON.parse(JSON.stringify(reports[0]![1]));
    expect(validate(good)).toBe(true);
    const broken = [
      { ...good, schemaVersion: 1 },
      { ...good, why: undefined, explanation: good.why },
      { ...good, findings: undefined },
      { ...good, verifiedAt: 'now' },
      { ...good, extra: 1 },
      { ...good, spf: { ...good.spf, result: 'maybe' } },
      { ...good, dmarc: { ...good.dmarc, disposition: 'drop' } },
      { ...good, dkim: [{ ...good.dkim[0], result: 'ok' }] },
      { ...good, summary: { ...good.summary, dkimPass: -1 } },
      { ...good, message: { ...good.message, lineEndings: 'cr' } },
      { ...good, authenticationResults: { ...good.authenticationResults, value: `x${ESC}` } },
      { ...good, findings: [{ id: 'dkim.x', severity: 'fatal', message: 'x' }] },
    ];
    for (const b of broken) expect(validate(b)).toBe(false);
  });
});
