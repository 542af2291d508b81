/**
 * End to end through the CLI and live DNS (`--dns-server`, the loopback server serving the sample zones): answers
 * built to fool a verdict give DNS trouble (exit 3), never "no record" (issue 10 §3): RCODE 6–11, a CNAME loop
 * answered NOERROR, a record owned by another name. And a DKIM selector that an authoritative server answers
 * with a lone CNAME is followed to the key (issue 10 §5).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { runCli } from '../support/cli.js';
import { type DnsServer, type FaultReply, startDnsServer } from '../support/dns-server.js';

const samples = fileURLToPath(new URL('../../samples/', import.meta.url));
const zoneText = (name: string) => readFileSync(`${samples}zones/${name}.zone`, 'utf8');
const message = `${samples}messages/shop-newsletter.eml`;

let server: DnsServer;
let fault: (name: string, type: string) => FaultReply | undefined = () => undefined;
// no fault here drops a query: a generous timeout only guards against a busy machine
const live = () => ['--dns-server', server.address, '--dns-timeout', '5000', '--dns-tries', '1'];

const txt = (name: string, text: string): dnsPacket.Answer => ({
  type: 'TXT',
  name,
  class: 'IN',
  ttl: 0,
  data: [Buffer.from(text)],
});
const cname = (name: string, target: string): dnsPacket.Answer => ({
  type: 'CNAME',
  name,
  class: 'IN',
  ttl: 0,
  data: target,
});

beforeAll(async () => {
  server = await startDnsServer({
    resolver: zoneResolver([parseZone(zoneText('shop.test')), parseZone(zoneText('bulkmailer.test'))], {
      offline: true,
    }),
    faults: { reply: (name, type) => fault(name, type) },
  });
});
afterAll(async () => {
  await server.close();
});

/** The faults that must read as DNS trouble, each applied to one name (all types). */
const FOOLING: Record<string, (name: string) => FaultReply> = {
  'RCODE 6 (YXDOMAIN)': () => ({ rcode: 6 }),
  'RCODE 9 (NOTAUTH)': () => ({ rcode: 9 }),
  'RCODE 11 (DSOTYPENI)': () => ({ rcode: 11 }),
  'a CNAME loop answered NOERROR': (name) => ({
    answers: [cname(name, `loop.${name}`), cname(`loop.${name}`, name)],
  }),
  'a p=none / ?all record owned by another name': (name) => ({
    answers: [txt(`other.${name}`, name.startsWith('_dmarc') ? 'v=DMARC1; p=none' : 'v=spf1 ?all')],
  }),
};

describe('mailgate spf --ip, audit and verify through --dns-server', () => {
  it('give the real verdicts when the server behaves', async () => {
    fault = () => undefined;
    const spf = await runCli(['spf', 'shop.test', '--ip', '192.0.2.7', ...live()]);
    expect(spf.code).toBe(0);
    const audit = await runCli(['audit', 'shop.test', '--skip', 'https', '--format', 'json', ...live()]);
    const report = JSON.parse(audit.stdout) as {
      dmarc: { policy: string };
      summary: { dnsTrouble: boolean };
    };
    expect(report.dmarc.policy).toBe('reject');
    expect(report.summary.dnsTrouble).toBe(false);
    const verify = await runCli(['verify', message, '--trust-received', '--format', 'json', ...live()]);
    const r = JSON.parse(verify.stdout) as { dmarc: { result: string; policy: string } };
    expect(r.dmarc).toMatchObject({ result: 'pass', policy: 'reject' });
    expect(verify.code).toBe(0);
  });

  for (const [what, make] of Object.entries(FOOLING)) {
    it(`${what}: spf --ip is temperror (exit 3), not none or neutral`, async () => {
      fault = (name) => (name === 'shop.test' ? make(name) : undefined);
      const r = await runCli(['spf', 'shop.test', '--ip', '192.0.2.7', '--format', 'json', ...live()]);
      expect(JSON.parse(r.stdout)).toMatchObject({ result: 'temperror' });
      expect(r.code).toBe(3);
    });

    it(`${what}: audit reports dmarc.dns-error (exit 3), not dmarc.no-record or the other name's policy`, async () => {
      fault = (name) => (name === '_dmarc.shop.test' ? make(name) : undefined);
      const r = await runCli(['audit', 'shop.test', '--skip', 'https', '--format', 'json', ...live()]);
      const report = JSON.parse(r.stdout) as {
        dmarc: { policy: string | null };
        findings: { id: string }[];
        summary: { dnsTrouble: boolean };
      };
      const ids = report.findings.map((f) => f.id);
      expect(ids).toContain('dmarc.dns-error');
      expect(ids).not.toContain('dmarc.no-record');
      expect(ids).not.toContain('dmarc.policy-none');
      expect(report.dmarc.policy).not.toBe('none');
      expect(report.summary.dnsTrouble).toBe(true);
      expect(r.code).toBe(3);
    });

    it(`${what}: verify gives dmarc=temperror (exit 3), not dmarc=none`, async () => {
      fault = (name) => (name === '_dmarc.shop.test' ? make(name) : undefined);
      const r = await runCli(['verify', message, '--trust-received', '--format', 'json', ...live()]);
      const report = JSON.parse(r.stdout) as {
        dmarc: { result: string };
        authenticationResults: { header: string };
      };
      expect(report.dmarc.result).toBe('temperror');
      expect(report.authenticationResults.header).toContain('dmarc=temperror');
      expect(r.code).toBe(3);
    });
  }

  it('follows a DKIM selector that an authoritative server answers with a lone CNAME (dkim=pass)', async () => {
    const records = zoneResolver([parseZone(zoneText('shop.test'))], { offline: true });
    const key = async (selector: string) => {
      const r = await records.query(`${selector}._domainkey.shop.test`, 'TXT');
      if (!r.ok) throw new Error('sample key missing');
      return r.records[0]!.join('');
    };
    const keys = { '2024r': await key('2024r'), '2024e': await key('2024e') };
    fault = (name) => {
      const selector = /^(2024[re])\._domainkey\.shop\.test$/.exec(name)?.[1];
      if (selector) return { answers: [cname(name, `${selector}.keys.esp.test`)] };
      const target = /^(2024[re])\.keys\.esp\.test$/.exec(name)?.[1] as keyof typeof keys | undefined;
      if (target) {
        // the key, split into 255-octet character-strings
        const strings = keys[target].match(/.{1,255}/g) ?? [];
        return {
          answers: [{ type: 'TXT', name, class: 'IN', ttl: 0, data: strings.map((s) => Buffer.from(s)) }],
        };
      }
      return undefined;
    };
    const r = await runCli(['verify', message, '--trust-received', '--format', 'json', ...live()]);
    const report = JSON.parse(r.stdout) as { dkim: { result: string; s: string }[] };
    expect(report.dkim.map((s) => `${s.s} ${s.result}`)).toEqual(['2024r pass', '2024e pass']);
    expect(r.code).toBe(0);
  });
});
