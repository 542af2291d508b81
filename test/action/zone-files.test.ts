/**
 * Issue 12 items 2 and 3 through the Action's `run()` (in this process, with the runner's environment): zone
 * files load as Knot loads them, a refused file fails the step with an annotation on its line, origins come from
 * file names, `$ORIGIN` or `zone-origins`, and `$INCLUDE` stays in the workspace.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionRun, actionDefaults, runActionInProcess } from '../support/action-runner.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { sampleResolver } from '../support/samples.js';

let server: DnsServer;
let base: string;
let defaults: Record<string, string>;

const HEAD = '$TTL 300\n@ SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n';

/** A fresh workspace with the given files. */
async function workspace(files: Record<string, string>): Promise<string> {
  const ws = await mkdtemp(join(base, 'ws-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(ws, name, '..'), { recursive: true });
    await writeFile(join(ws, name), text);
  }
  return ws;
}

function run(ws: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runActionInProcess({
    workspace: ws,
    defaults,
    inputs: { 'dns-servers': server.address, 'dns-timeout': '300', ...inputs },
  });
}

const commandsOf = (r: ActionRun, name: string) => r.commands.filter((c) => c.command === name);

beforeAll(async () => {
  defaults = await actionDefaults();
  server = await startDnsServer({ resolver: sampleResolver() });
  base = await mkdtemp(join(tmpdir(), 'mailgate-zf-'));
});

afterAll(async () => {
  await server?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe('a zone file servers would refuse fails the step, annotated on its line', () => {
  it.each([
    ['garbage line here with no type', 5, 9, "unknown record type 'line'"],
    ['@ IN TXTT "v=spf1 -all"', 5, 6, "unknown record type 'TXTT'"],
    ['www IN IN A 192.0.2.1', 5, 8, 'the class IN is given twice'],
    ['@ TXT "v=spf1 -all\nsel._domainkey TXT "v=DKIM1; p=abc"', 5, 7, 'unterminated quoted string'],
  ])('%j', async (line, lineNo, column, detail) => {
    const ws = await workspace({ 'zones/acme.test.zone': `${HEAD}${line}\n` });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    const [annotation, failed] = commandsOf(r, 'error');
    expect(annotation!.properties).toEqual({
      title: 'mailgate zone file',
      file: 'zones/acme.test.zone',
      line: String(lineNo),
      col: String(column),
    });
    expect(annotation!.data).toContain(detail);
    expect(failed!.data).toBe(
      `mailgate: zone-files: zones/acme.test.zone:${lineNo}:${column}: ${annotation!.data}`,
    );
    expect(r.outputs).toEqual({});
  });

  it('refuses a CNAME beside other data (a warning before; Knot and BIND refuse the zone)', async () => {
    const ws = await workspace({ 'zones/acme.test.zone': `${HEAD}www CNAME web\nwww TXT "x"\n` });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    expect(commandsOf(r, 'error')[0]!.properties).toMatchObject({ file: 'zones/acme.test.zone', line: '6' });
  });

  it('annotates what servers load but change on its line, and still audits', async () => {
    const ws = await workspace({
      'zones/acme.test.zone': `${HEAD}@ TXT "v=spf1 ${'ip4:192.0.2.1 '.repeat(22)}-all"\n_dmarc TXT "v=DMARC1; p=reject"\n`,
    });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.outputs.report).toBeDefined();
    const warning = commandsOf(r, 'warning').find((c) => c.properties.title === 'mailgate zone file');
    expect(warning!.properties).toMatchObject({ file: 'zones/acme.test.zone', line: '5' });
    expect(warning!.data).toMatch(/^TXT character-string of 319 octets is over 255 .*Knot serves it split/);
  });
});

describe('the bounds on one zone in the Action', () => {
  it('annotates at most 1,000 zone warnings and counts the rest in one more', async () => {
    const ws = await workspace({
      'zones/acme.test.zone': `${HEAD}_dmarc TXT "v=DMARC1; p=reject"\n${'x A 192.0.2.1\n'.repeat(1500)}`,
    });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.outputs.report).toBeDefined();
    const warnings = commandsOf(r, 'warning').filter((c) => c.properties.title === 'mailgate zone file');
    expect(warnings).toHaveLength(1001);
    expect(warnings[0]!.properties).toMatchObject({ file: 'zones/acme.test.zone', line: '7' });
    expect(warnings[1000]!.properties).toMatchObject({ file: 'zones/acme.test.zone', line: '1' });
    expect(warnings[1000]!.data).toBe(
      '499 more warnings about this zone are not listed: mailgate lists the first 1,000 (maxWarnings), 1,499 in all',
    );
  });

  it('fails the step on a $GENERATE flood, at the directive that crosses the bound', async () => {
    // five /16s of $GENERATE: each within the 65,536 per directive, together over the 262,144 of a zone; the
    // fifth is refused before it makes a record (the test reads 262,144 records: about 3 s)
    const flood = Array.from({ length: 5 }, (_, i) => `$GENERATE 0-65535 g${i}-$ A 192.0.2.1\n`).join('');
    const ws = await workspace({ 'zones/acme.test.zone': `${HEAD}${flood}` });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    const [annotation] = commandsOf(r, 'error');
    expect(annotation!.properties).toEqual({
      title: 'mailgate zone file',
      file: 'zones/acme.test.zone',
      line: '9',
      col: '11',
    });
    expect(annotation!.data).toBe(
      "this $GENERATE takes the zone's generated records to 327,680, over 262,144 (maxGeneratedRecords: the bound on the records all $GENERATE directives of one zone make)",
    );
  });
});

describe('origins as people name their files', () => {
  it("takes BIND's db.t.example as t.example and audits it from the file", async () => {
    const ws = await workspace({
      'zones/db.t.example': `${HEAD}@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=none"\n`,
    });
    const r = await run(ws, { domains: 't.example', 'zone-files': 'zones/db.*' });
    expect(r.stdout).toContain('what-if mode with 1 zone file over live DNS: zones/db.t.example');
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    const dmarc = report.reports[0].findings.find((f: { id: string }) => f.id === 'dmarc.policy-none');
    // p=none, the term of the finding, starts at column 23 of its line.
    expect(dmarc.evidence.source).toEqual({ file: 'zones/db.t.example', line: 6, column: 23 });
  });

  it('fails on a file whose origin is ambiguous, saying how to name or map it; zone-origins maps it', async () => {
    const ws = await workspace({ 'zones/main.zone': `${HEAD}@ TXT "v=spf1 -all"\n` });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    const [annotation, failed] = commandsOf(r, 'error');
    expect(annotation!.properties).toEqual({ title: 'mailgate zone file', file: 'zones/main.zone' });
    expect(failed!.data).toBe(
      'mailgate: zone-files: zones/main.zone:0: cannot tell which zone this file is: its name is not a zone name and it does not start with $ORIGIN; name the file example.com.zone, example.com.db or db.example.com, start it with "$ORIGIN example.com.", or map it explicitly (CLI: --zone-origin zones/main.zone=example.com; Action: zone-origins: zones/main.zone=example.com)',
    );
    const mapped = await run(ws, {
      domains: 'acme.test',
      'zone-files': 'zones/*.zone',
      'zone-origins': 'zones/main.zone=acme.test',
    });
    expect(mapped.outputs.report).toBeDefined();
    expect(mapped.stdout).toContain('what-if mode with 1 zone file over live DNS: zones/main.zone');
    const stray = await run(ws, {
      domains: 'acme.test',
      'zone-files': 'zones/*.zone',
      'zone-origins': 'zones/main.zone=acme.test\nzones/gone.zone=gone.test',
    });
    expect(commandsOf(stray, 'error').map((c) => c.data)).toEqual([
      'mailgate: zone-origins: zones/gone.zone is not one of the zone files loaded (zones/main.zone); give its repository path as zone-files matches it',
    ]);
  });
});

describe('$INCLUDE in the Action', () => {
  it('reads included files in the workspace, locates their records there, and does not load them on their own', async () => {
    const ws = await workspace({
      'zones/acme.test.zone': `${HEAD}$INCLUDE mail.zone\n`,
      'zones/mail.zone': '@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=none"\n',
    });
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.stdout).toContain('what-if mode with 1 zone file over live DNS: zones/acme.test.zone');
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    const dmarc = report.reports[0].findings.find((f: { id: string }) => f.id === 'dmarc.policy-none');
    expect(dmarc.evidence.source).toEqual({ file: 'zones/mail.zone', line: 2, column: 23 });
  });

  it('refuses an $INCLUDE outside the workspace, at its line', async () => {
    const ws = await workspace({ 'zones/acme.test.zone': `${HEAD}$INCLUDE ../../outside.inc\n` });
    await writeFile(join(ws, '..', 'outside.inc'), 'x TXT "secret"\n');
    const r = await run(ws, { domains: 'acme.test', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    const [annotation] = commandsOf(r, 'error');
    expect(annotation!.properties).toMatchObject({ file: 'zones/acme.test.zone', line: '5', col: '10' });
    expect(annotation!.data).toMatch(
      /^\$INCLUDE \.\.\/\.\.\/outside\.inc: .* is outside .* \(symbolic links resolved\)/,
    );
    expect(r.stdout).not.toContain('secret');
  });
});
