import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/audit/audit.js';
import { auditDomain } from '../../src/audit/audit.js';
import { FINDINGS_CATALOG } from '../../src/catalog.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { type GateResult, gateReports } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { problemsOf } from '../../src/policy/problems.js';
import { CSV_COLUMNS, renderCsv } from '../../src/report/csv.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { REPORT_FORMATS, renderDomainReports } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { artifactUri, renderSarif, sarifText } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { FIXED_NOW, sampleResolver } from '../support/samples.js';
import { evilReport, sampleReports, troubleReport } from './fixtures.js';
import { markdownProblems, stripCodeSpans } from './markdown-check.js';

let samples: DomainReport[];
let evil: DomainReport;
let trouble: DomainReport;
let gate: GateResult;

beforeAll(async () => {
  samples = await sampleReports();
  evil = await evilReport();
  trouble = await troubleReport();
  const policy = parsePolicy(
    'defaults:\n  spf: { all: "-all", max-lookups: 8 }\n  dmarc: { p: quarantine, rua: true }\n  dkim: { min-key-bits: 2048 }\n',
  ).policy;
  gate = await gateReports(samples, policy, { resolver: sampleResolver() });
});

/** A minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('text', () => {
  it('shows a table of records, the include tree, then one line per finding', () => {
    const text = renderText([samples[0]!]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^mailgate-healthy\.example {2}0 errors, \d+ warnings?, \d+ infos?$/);
    expect(lines).toContain(
      '  SPF      v=spf1 ip4:192.0.2.0/24 include:_spf.google.com include:servers.mcsv.net -all  [5 lookups; all: -all] (samples/zones/mailgate-healthy.example.zone:14)',
    );
    expect(lines).toContain(
      '  DMARC    v=DMARC1; p=reject; sp=reject; adkim=s; aspf=r; rua=mailto:dmarc-reports@mailgate-healthy.example  [at _dmarc.mailgate-healthy.example] (samples/zones/mailgate-healthy.example.zone:15)',
    );
    expect(lines).toContain(
      '  DKIM     s2026: rsa 2048 bits (samples/zones/mailgate-healthy.example.zone:16)',
    );
    expect(lines).toContain('    mailgate-healthy.example  5 lookups in total');
    expect(lines).toContain('      include:_spf.google.com  costs 4 (1 + 3 below)');
    expect(lines).toContain('        include:_netblocks.google.com  costs 1');
    const lookups = renderText([samples[1]!]).split('\n');
    expect(lookups).toContain(
      '  DKIM     google: rsa 1024 bits (samples/zones/too-many-lookups.example.zone:15)',
    );
    expect(
      lookups.some((l) =>
        /^ {2}error {3}spf\.lookup-limit {2}the SPF policy of too-many-lookups\.example needs up to 12/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it('uses ANSI colour only when asked', () => {
    expect(renderText(samples)).not.toContain('\u001b');
    const colored = renderText(samples, { color: true });
    expect(colored).toContain('\u001b[31merror  \u001b[0m spf.lookup-limit');
  });

  it('shows control characters from DNS visibly, even with colour on', () => {
    for (const color of [false, true]) {
      const text = renderText([evil], { color });
      expect(text).toContain('z=\\x1b[31mred\\x0a::error::newline');
      const withoutOurColours = text.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutOurColours).not.toContain('\u001b');
      // Every line is ours: none starts with DNS text.
      for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    }
  });

  it('shows the policy verdict and each rule when a gate ran', () => {
    const text = renderText(samples, { gate });
    expect(text).toContain('  Policy   failed');
    expect(text).toContain(
      '    FAIL         dmarc.p  DMARC p=none for too-many-lookups.example is weaker than the required quarantine',
    );
    expect(text.split('\n').at(-1)).toBe(gate.reason);
  });
});

describe('markdown', () => {
  it('renders the records, the include tree and the findings as well-formed GFM', () => {
    const md = renderMarkdown(samples);
    expect(markdownProblems(md)).toEqual([]);
    expect(md).toContain(
      '| SPF | `v=spf1 ip4:192.0.2.0/24 include:_spf.google.com include:servers.mcsv.net -all` | mailgate\\-healthy\\.example (samples/zones/mailgate\\-healthy\\.example\\.zone:14) | 5 lookups; ends with `-all` |',
    );
    expect(md).toContain('  - `include:_spf.google.com` — costs 4 (1 + 3 below)');
    expect(md).toContain('<summary>SPF include tree: 12 DNS lookups of 10</summary>');
  });

  it('puts the verdict first, failing domains first and failing rules first', () => {
    const md = renderMarkdown(samples, { gate });
    expect(markdownProblems(md)).toEqual([]);
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    expect(headings).toEqual([
      '### too\\-many\\-lookups\\.example — ❌ failed',
      '### broken\\-spf\\.example — ❌ failed',
      '### mailgate\\-healthy\\.example — ✅ passed',
    ]);
    expect(md.split('\n')[2]).toBe(`**❌ failed**: ${escapeMarkdown(gate.reason)}`);
    const section = md.slice(md.indexOf('### too'), md.indexOf('### broken'));
    const outcomes = section
      .split('\n')
      .filter((l) => /^\| (❌|✅|⚠️|💤)/.test(l))
      .map((l) => l.split(' | ')[0]);
    expect(outcomes.indexOf('| ✅ pass')).toBeGreaterThan(outcomes.lastIndexOf('| ❌ fail'));
    expect(section).toContain('| ❌ fail | `spf.max-lookups` | &lt;\\= 8 | 12 |');
    expect(section).toContain('**What to change**');
  });

  it('renders hostile DNS text as literal text', () => {
    const md = renderMarkdown([evil]);
    expect(markdownProblems(md)).toEqual([]);
    // The DMARC record shows in a code span, its pipes escaped, its control characters visible.
    expect(md).toContain('**bold**\\|cell\\|[l](https://evil.example); z=\\x1b[31mred\\x0a::error::newline;');
    for (const line of md.split('\n')) {
      const outside = stripCodeSpans(line);
      expect(outside).not.toMatch(/<img|<script/);
      expect(outside).not.toContain('%0A::');
    }
  });
});

describe('csv', () => {
  it('writes one row per domain with every column', () => {
    const rows = parseCsv(renderCsv([...samples, evil], { gate }));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const healthy = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(healthy).toMatchObject({
      domain: 'mailgate-healthy.example',
      spf_status: 'found',
      spf_lookups: '5',
      spf_all: 'fail',
      dmarc_p: 'reject',
      dmarc_found_at: '_dmarc.mailgate-healthy.example',
      dmarc_rua: 'mailto:dmarc-reports@mailgate-healthy.example',
      dkim_selectors: 's2026:rsa:2048',
      policy: 'passed',
    });
    const lookups = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[2]![i]]));
    expect(lookups.failed_rules?.split(' ')).toEqual(
      expect.arrayContaining([
        'spf.all',
        'spf.max-lookups',
        'dmarc.p',
        'dkim.min-key-bits',
        'spf.lookup-limit',
      ]),
    );
    expect(healthy).toMatchObject({
      spf_void_lookups: '0',
      spf_void_lookups_ipv4: '0',
      spf_void_lookups_ipv6: '0',
      dmarc_sp_effective: 'reject',
      dmarc_np_effective: 'reject', // np absent: falls back to sp (RFC 9989 §4.7)
      dmarc_sp_published: 'reject',
      dmarc_np_published: '',
    });
    const hostile = rows[4]!;
    expect(hostile.join('')).not.toMatch(/[\r\n\u001b]/);
    // formula-injection protection: no cell of any row starts a spreadsheet formula
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('counts void lookups per address family and tells published sp/np from effective ones', async () => {
    const zone = parseZone(
      `$ORIGIN void.example.
$TTL 300
@        SOA ns1 hostmaster 1 7200 900 1209600 300
@        NS  ns1
ns1      A   192.0.2.53
@        TXT "v=spf1 a:v6only.void.example a:nothing.void.example -all"
v6only   AAAA 2001:db8::1
_dmarc   TXT "v=DMARC1; p=reject; np=quarantine; rua=mailto:d@void.example"
`,
      { origin: 'void.example', file: 'zones/void.example.zone' },
    );
    const report = await auditDomain('void.example', {
      resolver: zoneResolver([zone], { offline: true }),
      now: FIXED_NOW,
    });
    const rows = parseCsv(renderCsv([report]));
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    // a:nothing is void for both families (NXDOMAIN); a:v6only only for IPv4 clients (no A records, RFC 7208 §5.3)
    expect(row).toMatchObject({
      spf_lookups: '2',
      spf_void_lookups: '2',
      spf_void_lookups_ipv4: '2',
      spf_void_lookups_ipv6: '1',
      dmarc_p: 'reject',
      dmarc_sp_effective: 'reject', // sp absent: p applies to subdomains
      dmarc_np_effective: 'quarantine',
      dmarc_sp_published: '',
      dmarc_np_published: 'quarantine',
    });
    // no SPF record: the lookup columns are empty, not 0
    const noSpf = await auditDomain('ns1.void.example', {
      resolver: zoneResolver([zone], { offline: true }),
      now: FIXED_NOW,
    });
    const none = parseCsv(renderCsv([noSpf]))[1]!;
    const noneRow = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, none[i]]));
    expect(noneRow).toMatchObject({
      spf_status: 'none',
      spf_lookups: '',
      spf_void_lookups: '',
      spf_void_lookups_ipv4: '',
      spf_void_lookups_ipv6: '',
    });
  });
});

describe('sarif', () => {
  it('locates terms by record offset in properties, never by zone-file column (the file text differs)', async () => {
    // The record as written spans two lines and three quoted character-strings, one with \DDD and \" escapes:
    // an offset into the joined record text is no column of any line of the file.
    const zone = parseZone(
      `$ORIGIN split.example.
$TTL 300
@        SOA ns1 hostmaster 1 7200 900 1209600 300
@        NS  ns1
ns1      A   192.0.2.53
@        TXT ( "v=spf1 ip4:192.0.2.1 "
               "ptr ?all" )
_dmarc   TXT ( "v=DMARC1; x=\\"\\059\\"; "
               "p=none; rua=mailto:d@split.example" )
`,
      { origin: 'split.example', file: 'zones/split.example.zone' },
    );
    const report = await auditDomain('split.example', {
      resolver: zoneResolver([zone], { offline: true }),
      now: FIXED_NOW,
    });
    const results = renderSarif([report]).runs[0]!.results;
    const positioned = report.findings.filter((f) => f.evidence?.position && f.evidence.source);
    expect(positioned.length).toBeGreaterThan(0);
    for (const f of positioned) {
      const r = results.find((x) => x.ruleId === f.id && x.properties.term === f.evidence?.term)!;
      const region = r.locations[0]!.physicalLocation!.region;
      expect(Object.keys(region)).toEqual(['startLine']);
      expect(region.startLine).toBe(f.evidence!.source!.line);
      expect(r.properties.termOffset).toBe(f.evidence!.position!.offset);
      expect(r.properties.termLength).toBe(f.evidence!.position!.length);
    }
    const ptr = results.find((x) => x.ruleId === 'spf.ptr-used')!;
    expect(ptr.properties).toMatchObject({
      record: 'v=spf1 ip4:192.0.2.1 ptr ?all',
      term: 'ptr',
      termOffset: 21,
    });
    expect(ptr.properties.termLength).toBe(3);
    expect(ptr.locations[0]!.physicalLocation!.region).toEqual({ startLine: 6 });
    const none = results.find((x) => x.ruleId === 'dmarc.policy-none')!;
    const rec = none.properties.record!;
    expect(rec).toBe('v=DMARC1; x=";"; p=none; rua=mailto:d@split.example');
    const off = none.properties.termOffset!;
    expect(rec.slice(off, off + none.properties.termLength!)).toBe('p=none');
    // the record starts on line 8; p=none is written on line 9, at another column than its record offset (17)
    expect(none.locations[0]!.physicalLocation!.region).toEqual({ startLine: 8 });
  });

  it('has the catalog as rules and one result per problem, info and suppressed finding, located in zone files', () => {
    const log = renderSarif(samples, { gate });
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('mailgate');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    for (const d of FINDINGS_CATALOG) expect(ruleIds).toContain(d.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    const expectedResults = gate.domains.reduce(
      (n, d) => n + problemsOf(d, { withInfos: true }).length + d.suppressed.length,
      0,
    );
    // A failed rule and the finding behind it are one result: fewer results than findings.
    expect(expectedResults).toBeLessThan(gate.domains.reduce((n, d) => n + d.findings.length, 0));
    expect(run.results).toHaveLength(expectedResults);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.locations.length).toBe(1);
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const fingerprints = run.results.map((r) => r.partialFingerprints['mailgateProblem/v1']);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    // p=none fails the policy's dmarc.p rule: one result, the rule's, with the finding behind it as related.
    expect(run.results.find((r) => r.ruleId === 'dmarc.policy-none')).toBeUndefined();
    const failed = run.results.find(
      (r) => r.ruleId === 'policy.dmarc-policy' && r.properties.domain === 'too-many-lookups.example',
    )!;
    expect(failed.level).toBe('error');
    expect(failed.properties).toMatchObject({ rules: ['dmarc.p'], related: ['dmarc.policy-none'] });
    expect(failed.message.text).toBe(
      'too-many-lookups.example: DMARC p=none for too-many-lookups.example is weaker than the required quarantine',
    );
    expect(failed.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'samples/zones/too-many-lookups.example.zone', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14 },
    });
  });

  it('marks suppressed findings and escapes embedded-link brackets', () => {
    const policy = parsePolicy(
      'findings:\n  spf.lookup-limit:\n    suppress: { reason: "known [JIRA-1]" }\n',
    ).policy;
    return gateReports([samples[1]!, evil], policy).then((g) => {
      const run = renderSarif([samples[1]!, evil], { gate: g }).runs[0]!;
      const suppressed = run.results.find((r) => r.ruleId === 'spf.lookup-limit')!;
      expect(suppressed.suppressions).toEqual([
        { kind: 'external', status: 'accepted', justification: 'known [JIRA-1]' },
      ]);
      const hostile = run.results.filter((r) => r.properties.domain === 'evil.example');
      expect(hostile.length).toBeGreaterThan(0);
      // No embedded link (§3.11.6: "[" link text "](" target ")", with \\, \[ and \] escapes) can form, and
      // nothing is left that breaks a line or colours a terminal.
      const EMBEDDED_LINK = /(^|[^\\])\[(?:[^[\]\\]|\\.)*\]\(/;
      for (const r of hostile) expect(r.message.text).not.toMatch(EMBEDDED_LINK);
      for (const r of hostile) expect(r.message.text).not.toMatch(/[\u0000-\u001f\u007f]/);
      const linked = structuredClone(evil);
      linked.findings[0]!.message = 'tag y=[l](https://evil.example) \u001b[31m';
      expect(renderSarif([linked]).runs[0]!.results[0]!.message.text).toBe(
        // the visible escape's own backslash is escaped too, so a viewer shows `\x1b[31m`
        'evil.example: tag y=\\[l\\](https://evil.example) \\\\x1b\\[31m',
      );
    });
  });

  it('message.text is plain text: no Markdown escaping, control characters made visible (§3.11.8)', () => {
    const plain = 'a *b* _c_ |d| <e> `f` #g & "h" C:\\path [1] x.y-z!';
    expect(sarifText(plain)).toBe(plain);
    expect(sarifText('red \u001b[31m\nnext\u202e')).toBe('red \\x1b[31m\\x0anext\\u{202e}');
    // Only where `](` could make an embedded link are brackets and backslashes escaped.
    expect(sarifText('see [here](3) or \\ [x]')).toBe('see \\[here\\](3) or \\\\ \\[x\\]');
    const withEvidence = structuredClone(samples[1]!);
    const f = withEvidence.findings.find((x) => x.id === 'dmarc.policy-none')!;
    f.message = 'p=none: *not* <b>bold</b> | pipe';
    const run = renderSarif([withEvidence]).runs[0]!;
    expect(run.results.find((r) => r.ruleId === 'dmarc.policy-none')!.message.text).toBe(
      'too-many-lookups.example: p=none: *not* <b>bold</b> | pipe',
    );
  });

  it('artifactLocation.uri is a valid relative URI reference (each segment percent-encoded)', () => {
    expect(artifactUri('samples/zones/too-many-lookups.example.zone')).toEqual({
      uri: 'samples/zones/too-many-lookups.example.zone',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactUri('zones/my zone|<`x>.zone')).toEqual({
      uri: 'zones/my%20zone%7C%3C%60x%3E.zone',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactUri('./a\\b\u0007c#d?e%f.zone').uri).toBe('a/b%07c%23d%3Fe%25f.zone');
    expect(artifactUri('dns:zones/bücher.zone').uri).toBe('dns%3Azones/b%C3%BCcher.zone');
    expect(artifactUri('/srv/my zones/a.zone')).toEqual({ uri: 'file:///srv/my%20zones/a.zone' });
    expect(artifactUri('C:\\zones\\a b.zone')).toEqual({ uri: 'file:///C:/zones/a%20b.zone' });
    expect(artifactUri('lone\ud800.zone').uri).toBe('lone%EF%BF%BD.zone');

    const located = structuredClone(samples[1]!);
    for (const x of located.findings)
      if (x.evidence?.source) x.evidence.source = { ...x.evidence.source, file: 'zones/a b|`<\u001b>.zone' };
    const run = renderSarif([located], { failOn: 'never' }).runs[0]!;
    // RFC 3986 relative-ref, path-noscheme: unreserved, pct-encoded, sub-delims, ":" (not in the first segment), "@".
    const RELATIVE_REF =
      /^(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})+(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})*)*$/;
    // Results without a zone file line fall back to the placeholder policy file; the others are in the zone file.
    const uris = run.results
      .flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri))
      .filter((uri) => uri !== '.github/mailgate.yml');
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri).toBe('zones/a%20b%7C%60%3C%1B%3E.zone');
      expect(uri).toMatch(RELATIVE_REF);
    }
  });
});

describe('json and renderDomainReports', () => {
  it('keeps one object for one domain, an array for several, and an envelope with a gate', () => {
    expect(JSON.parse(renderJson([samples[0]!])).domain).toBe('mailgate-healthy.example');
    expect(JSON.parse(renderJson(samples))).toHaveLength(3);
    const gated = JSON.parse(renderJson(samples, { gate }));
    expect(gated.schemaVersion).toBe(2);
    expect(gated.gate.status).toBe('failed');
    expect(gated.reports).toHaveLength(3);
  });

  it('renders every format it lists, and rejects others', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'markdown', 'sarif', 'csv', 'html']);
    for (const f of REPORT_FORMATS) expect(renderDomainReports(samples, f).length).toBeGreaterThan(100);
    expect(JSON.parse(renderDomainReports(samples, 'sarif')).version).toBe('2.1.0');
    expect(() => renderDomainReports(samples, 'xml')).toThrow(RangeError);
  });

  it('marks DNS trouble', () => {
    expect(renderText([trouble])).toContain('DNS trouble: some checks could not complete');
    expect(renderMarkdown([trouble])).toContain('⚠️ DNS trouble');
  });
});
