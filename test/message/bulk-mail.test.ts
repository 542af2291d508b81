/**
 * Bulk-sender checks apply to bulk mail only (issue 10 §5): a clean one-to-one message (signed the way Google
 * Workspace signs: the usual fields, nothing oversigned) exits 0 with `--fail-on warning`; mail that looks bulk
 * (List-Unsubscribe, List-Id, Precedence: bulk|list) or `--bulk` gets the `message.bulk-*` findings and
 * `dkim.not-oversigned`; `--no-bulk` leaves the checks out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DkimSignatureResult } from '../../src/dkim/index.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { bulkApplies, bulkIndicators, bulkSenderReadiness } from '../../src/message/bulk-sender.js';
import type { MessageDmarc } from '../../src/message/dmarc.js';
import type { MessageSpf } from '../../src/message/spf.js';
import { verifyMessage } from '../../src/message/verify.js';
import { keyRecord, message, rsaKey, sign, type TestKey } from '../dkim/helpers.js';
import { runCli } from '../support/cli.js';
import { zoneText } from '../support/resolvers.js';

/** The header fields Gmail / Google Workspace sign (h=), in its order: no name is listed twice. */
const WORKSPACE_H = ['MIME-Version', 'Date', 'Message-ID', 'Subject', 'From', 'To', 'Content-Type'];
const ENVELOPE = ['--ip', '192.0.2.25', '--mail-from', 'alice@corp.test', '--helo', 'mail-sor-f41.corp.test'];

let key: TestKey;
let dir: string;
let zoneFile: string;

beforeAll(() => {
  key = rsaKey(2048);
  dir = mkdtempSync(join(tmpdir(), 'mailgate-bulk-'));
  zoneFile = join(dir, 'corp.test.zone');
  writeFileSync(
    zoneFile,
    zoneText('corp.test', {
      '@': 'v=spf1 ip4:192.0.2.0/24 -all',
      _dmarc: 'v=DMARC1; p=reject; rua=mailto:dmarc@corp.test',
      'google._domainkey': keyRecord(key),
    }),
  );
});

async function signed(extra: string[] = [], h = WORKSPACE_H): Promise<string> {
  return sign(message({ from: 'alice@corp.test', extraHeaders: extra }), {
    domain: 'corp.test',
    selector: 'google',
    key,
    headerList: h,
  });
}

async function verifyCli(text: string, ...args: string[]) {
  const file = join(dir, `m-${Math.random().toString(36).slice(2)}.eml`);
  writeFileSync(file, text);
  return runCli(['verify', file, ...ENVELOPE, '--offline', '--zone', zoneFile, ...args]);
}

describe('bulkIndicators', () => {
  const h = (lines: [string, string][]) =>
    lines.map(([name, value]) => ({ name, key: name.toLowerCase(), value }));

  it('names the header fields that make a message bulk mail, and nothing for one-to-one mail', () => {
    expect(
      bulkIndicators(
        h([
          ['From', 'a@b.test'],
          ['Precedence', ' first-class'],
        ]),
      ),
    ).toEqual([]);
    expect(bulkIndicators(h([['List-Id', '<deals.shop.test>']]))).toEqual(['List-Id']);
    expect(bulkIndicators(h([['Precedence', ' Bulk']]))).toEqual(['Precedence: bulk']);
    expect(bulkIndicators(h([['precedence', '\r\n list']]))).toEqual(['Precedence: list']);
    expect(
      bulkIndicators(
        h([
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
          ['List-Unsubscribe', '<https://shop.test/u>'],
        ]),
      ),
    ).toEqual(['List-Unsubscribe', 'List-Unsubscribe-Post']);
    expect(bulkApplies(h([]), 'auto')).toEqual({ applies: false, detectedBy: [] });
    expect(bulkApplies(h([]), true)).toEqual({ applies: true, detectedBy: [] });
    expect(bulkApplies(h([['List-Id', 'x']]), false)).toEqual({ applies: false, detectedBy: ['List-Id'] });
  });
});

describe('mailgate verify: bulk checks for bulk mail only', () => {
  it('a clean one-to-one message exits 0 with --fail-on warning: no bulk findings, no dkim.not-oversigned', async () => {
    const r = await verifyCli(await signed(), '--fail-on', 'warning', '--format', 'json');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.dmarc.result).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(r.code).toBe(0);
    // The data is kept: the checks (applies false) and what is not oversigned.
    expect(report.bulkSender).toMatchObject({ applies: false, detectedBy: [] });
    expect(report.dkim[0].notOversigned).toContain('subject');
    const text = await verifyCli(await signed(), '--fail-on', 'warning');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Bulk-sender readiness: not checked (not bulk mail; --bulk checks it)\n');
    expect(text.stdout).not.toContain('MISS');
  });

  it('--bulk applies the checks to the same message (exit 1 with --fail-on warning)', async () => {
    const r = await verifyCli(await signed(), '--bulk', '--fail-on', 'warning', '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { id: string }) => f.id).sort()).toEqual([
      'dkim.not-oversigned',
      'message.bulk-list-unsubscribe',
      'message.bulk-one-click',
    ]);
    expect(report.bulkSender).toMatchObject({ applies: true, detectedBy: [], ready: false });
  });

  it('mail that looks bulk gets the checks by itself, and --no-bulk leaves them out', async () => {
    for (const [field, by] of [
      ['List-Id: Deals <deals.corp.test>', 'List-Id'],
      ['Precedence: bulk', 'Precedence: bulk'],
      ['List-Unsubscribe: <mailto:unsub@corp.test>', 'List-Unsubscribe'],
    ] as const) {
      const msg = await signed([field]);
      const r = await verifyCli(msg, '--fail-on', 'warning', '--format', 'json');
      expect(r.code, field).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.bulkSender, field).toMatchObject({ applies: true, detectedBy: [by] });
      expect(
        report.findings.map((f: { id: string }) => f.id),
        field,
      ).toContain('message.bulk-one-click');
      expect(
        report.findings.map((f: { id: string }) => f.id),
        field,
      ).toContain('dkim.not-oversigned');
      const text = await verifyCli(msg);
      expect(text.stdout, field).toContain(`Bulk-sender readiness: not ready (bulk mail: ${by})`);
      const off = await verifyCli(msg, '--no-bulk', '--fail-on', 'warning', '--format', 'json');
      expect(off.code, field).toBe(0);
      const offReport = JSON.parse(off.stdout);
      expect(offReport.bulkSender, field).toBeUndefined();
      expect(offReport.findings, field).toEqual([]);
    }
  });

  it('an explicit notOversigned DKIM rule applies to every message (library)', async () => {
    const resolver = zoneResolver(
      [parseZone(zoneText('corp.test', { 'google._domainkey': keyRecord(key) }), {})],
      {
        offline: true,
      },
    );
    const msg = await signed();
    const plain = await verifyMessage(msg, { resolver, authservId: 'mx' });
    expect(plain.findings.map((f) => f.id)).not.toContain('dkim.not-oversigned');
    expect(plain.dkim[0]?.rules.map((r) => r.rule)).not.toContain('not-oversigned');
    const asked = await verifyMessage(msg, {
      resolver,
      authservId: 'mx',
      dkimPolicy: { notOversigned: 'warn' },
    });
    expect(asked.findings.map((f) => f.id)).toContain('dkim.not-oversigned');
    // The deprecated bulkSender option maps onto bulk.
    const old = await verifyMessage(msg, { resolver, authservId: 'mx', bulkSender: true });
    expect(old.bulkSender?.applies).toBe(true);
    const none = await verifyMessage(msg, { resolver, authservId: 'mx', bulkSender: false });
    expect(none.bulkSender).toBeUndefined();
  });
});

describe('bulkSenderReadiness', () => {
  it('names each passing DKIM domain once (two signatures of one d=: "d=shop.test", not "d=shop.test, d=shop.test")', () => {
    const sig = (s: string) =>
      ({ d: 'shop.test', s, result: 'pass', signedHeaders: ['from'] }) as unknown as DkimSignatureResult;
    const r = bulkSenderReadiness(
      [],
      { result: 'pass' } as unknown as MessageSpf,
      [sig('2024r'), sig('2024e')],
      {
        result: 'pass',
        policy: 'reject',
        authorDomain: 'shop.test',
        alignment: [],
        alignedBy: ['dkim'],
      } as unknown as MessageDmarc,
    );
    expect(r.checks.find((c) => c.id === 'dkim-pass')?.detail).toBe('DKIM pass for d=shop.test');
  });
});
