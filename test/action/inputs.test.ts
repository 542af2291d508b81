import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionInputError, readInputs, splitGlobs, splitList } from '../../src/action/inputs.js';
import { loadZoneGlobs, workspacePattern } from '../../src/action/zones.js';
import { locateInZones } from '../../src/audit/locate.js';
import { parseZone } from '../../src/dns/zonefile.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it('splits lists on commas, newlines and spaces, and drops comments', () => {
    expect(splitList('example.com, example.org\n  mail.example.net # prod\n\n')).toEqual([
      'example.com',
      'example.org',
      'mail.example.net',
    ]);
    expect(splitGlobs('zones/*.zone\n!zones/test-*.zone, other dir/*.db')).toEqual([
      'zones/*.zone',
      '!zones/test-*.zone',
      'other dir/*.db',
    ]);
  });

  it('does not split a glob list inside braces', () => {
    expect(splitGlobs('zones/*.{zone,db}, !zones/{test,tmp}-*.{zone,db}\nlegacy/*.zone')).toEqual([
      'zones/*.{zone,db}',
      '!zones/{test,tmp}-*.{zone,db}',
      'legacy/*.zone',
    ]);
    // A newline ends a pattern even inside an unclosed brace.
    expect(splitGlobs('zones/{a,b\nc.zone,d.zone')).toEqual(['zones/{a,b', 'c.zone', 'd.zone']);
  });

  it('parses every input with its default', () => {
    expect(readInputs(reader({ domains: 'example.com' }))).toEqual({
      domains: ['example.com'],
      selectors: [],
      zoneFiles: [],
      zoneOrigins: new Map(),
      dnsServers: [],
      dnsTimeoutMs: 5000,
      dmarcMode: '9989',
      base: 'auto',
      mtaStsPolicies: new Map(),
      dmarcReports: [],
    });
    expect(
      readInputs(
        reader({
          domains: 'a.example\nb.example',
          policy: ' .github/mailgate.yml ',
          selectors: 'google, s1',
          'zone-files': 'zones/*.zone',
          'zone-origins': '# layout\n./zones/main.zone = Example.COM.\nzones/x=y.example\n',
          'dns-servers': '127.0.0.1:5353, [2001:db8::53]:53',
          'dns-timeout': '250',
          'dmarc-mode': '7489',
          'fail-on': 'warning',
          base: 'live',
          'mta-sts-policies': '# repo policies\nExample.COM.=.well-known/mta-sts.txt\nb.example = sts/b.txt',
          'dmarc-reports': 'reports/\nold/*.xml.gz',
          'sarif-file': 'out.sarif',
          'report-file': 'out.json',
          'html-file': 'out.html',
        }),
      ),
    ).toEqual({
      domains: ['a.example', 'b.example'],
      policy: '.github/mailgate.yml',
      selectors: ['google', 's1'],
      zoneFiles: ['zones/*.zone'],
      zoneOrigins: new Map([
        ['zones/main.zone', 'example.com'],
        ['zones/x', 'y.example'],
      ]),
      dnsServers: ['127.0.0.1:5353', '[2001:db8::53]:53'],
      dnsTimeoutMs: 250,
      dmarcMode: '7489',
      failOn: 'warning',
      base: 'live',
      mtaStsPolicies: new Map([
        ['example.com', '.well-known/mta-sts.txt'],
        ['b.example', 'sts/b.txt'],
      ]),
      dmarcReports: ['reports/', 'old/*.xml.gz'],
      sarifFile: 'out.sarif',
      reportFile: 'out.json',
      htmlFile: 'out.html',
    });
  });

  it('says which input is wrong and what it expects', () => {
    const cases: [Record<string, string>, string][] = [
      [{ domains: 'example.com, not_a domain!' }, 'domains: "not_a" is not a domain name'],
      [{ selectors: 's1;rm' }, 'selectors: "s1;rm" is not a DKIM selector'],
      [
        { 'dmarc-mode': '2015' },
        'dmarc-mode: must be 9989 (RFC 9989, the default) or 7489 (RFC 7489), not "2015"',
      ],
      [
        { 'fail-on': 'info' },
        'fail-on: must be new (only what the change introduces or makes worse), error, warning or never, not "info"',
      ],
      [{ base: 'head' }, 'base: must be auto'],
      [
        { 'mta-sts-policies': 'example.com' },
        'mta-sts-policies: "example.com" is not DOMAIN=FILE (one per line, e.g. example.com=.well-known/mta-sts.txt)',
      ],
      [{ 'mta-sts-policies': 'example.com=../x.txt' }, 'the file must be a path inside the repository'],
      [{ 'mta-sts-policies': 'a.example=x\nA.example.=y' }, 'mta-sts-policies: a.example is given twice'],
      [
        { 'dns-timeout': '5s' },
        'dns-timeout: must be a whole number of milliseconds from 1 to 60000, not "5s"',
      ],
      [
        { 'dns-servers': 'dns.google' },
        'dns-servers: "dns.google" is not an IP address with an optional port',
      ],
      [{ 'dns-servers': '127.0.0.1:99999' }, 'dns-servers: "127.0.0.1:99999" is not an IP address'],
      [
        { 'zone-origins': 'zones/main.zone' },
        'zone-origins: "zones/main.zone" is not FILE=ORIGIN (one per line, e.g. zones/main.zone=example.com)',
      ],
      [{ 'zone-origins': 'zones/a=not a domain' }, 'zone-origins: "zones/a=not a domain" is not FILE=ORIGIN'],
      [{ 'zone-origins': '../outside.zone=example.com' }, 'the file must be a path inside the repository'],
      [
        { 'zone-origins': 'z/a=a.example\nz/a=b.example' },
        'zone-origins: z/a is given two origins (a.example and b.example)',
      ],
    ];
    for (const [values, message] of cases) {
      expect(() => readInputs(reader(values))).toThrow(ActionInputError);
      expect(() => readInputs(reader(values))).toThrow(message);
    }
  });
});

describe('zone files', () => {
  it('loads globs relative to the workspace, with repository-relative names', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'mailgate-zones-'));
    await mkdir(join(ws, 'zones'));
    await writeFile(join(ws, 'zones/example.com.zone'), '@ SOA ns h 1 2 3 4 5\n@ TXT "v=spf1 -all"\n');
    await writeFile(join(ws, 'zones/test-x.example.zone'), '@ TXT "v=spf1 -all"\n');
    await writeFile(join(ws, 'zones/bad.example.zone'), '@ TXT "unterminated\n');
    const zones = await loadZoneGlobs(['zones/*.zone', '!zones/test-*', '!zones/bad*'], ws);
    expect(zones.map((z) => [z.file, z.origin])).toEqual([['zones/example.com.zone', 'example.com']]);
    await expect(loadZoneGlobs(['zones/bad*.zone'], ws)).rejects.toThrow(
      'zone-files: zones/bad.example.zone:1:7: unterminated quoted string: the closing " is missing on this line (a quoted string continues on the next line only inside parentheses)',
    );
    await expect(loadZoneGlobs(['nothing/*.zone'], ws)).rejects.toThrow(
      'zone-files: no file matches "nothing/*.zone"',
    );
  });

  it('takes a directory as the *.zone files below it, braces as one pattern, and stays in the workspace', async () => {
    const base = await mkdtemp(join(tmpdir(), 'mailgate-zones-'));
    const ws = join(base, 'ws');
    try {
      await mkdir(join(ws, 'zones/sub/deeper'), { recursive: true });
      await mkdir(join(ws, 'empty'), { recursive: true });
      await writeFile(join(ws, 'zones/a.example.zone'), '@ SOA ns h 1 2 3 4 5\n');
      await writeFile(join(ws, 'zones/b.example.db'), '@ SOA ns h 1 2 3 4 5\n');
      await writeFile(join(ws, 'zones/README.md'), '# Our zones: edit with care\n');
      await writeFile(join(ws, 'zones/sub/c.example.zone'), '@ SOA ns h 1 2 3 4 5\n');
      await writeFile(join(ws, 'zones/sub/deeper/d.example.zone'), '@ SOA ns h 1 2 3 4 5\n');
      await writeFile(join(ws, 'empty/notes.txt'), 'nothing\n');
      const files = async (patterns: string[]) => (await loadZoneGlobs(patterns, ws)).map((z) => z.file);
      const below = ['zones/a.example.zone', 'zones/sub/c.example.zone', 'zones/sub/deeper/d.example.zone'];
      expect(await files(['zones'])).toEqual(below);
      expect(await files(['zones/'])).toEqual(below);
      expect(await files(['zones/**'])).toEqual(below);
      expect(await files([join(ws, 'zones')])).toEqual(below);
      expect(await files(['zones', '!zones/sub/deeper'])).toEqual(below.slice(0, 2));
      expect(await files(['zones/**', '!zones/sub/**'])).toEqual(below.slice(0, 1));
      expect(await files(['zones/*.{zone,db}'])).toEqual(['zones/a.example.zone', 'zones/b.example.db']);
      expect((await loadZoneGlobs(['zones/*.db'], ws)).map((z) => z.origin)).toEqual(['b.example']);
      await expect(loadZoneGlobs(['empty'], ws)).rejects.toThrow(
        'zone-files: no *.zone file below "empty" (a directory contributes the *.zone files below it; for other names use a pattern such as zones/*.db)',
      );
      await expect(loadZoneGlobs(['zones/*.md'], ws)).rejects.toThrow(
        'zone-files: zones/README.md is not a zone file (no .zone or .db name, no $ORIGIN, $TTL or SOA record; content not shown)',
      );
      await expect(loadZoneGlobs(['!zones/sub/*.zone', '!zones/*.db'], ws)).rejects.toThrow(
        'zone-files has only exclusions (!zones/sub/*.zone, !zones/*.db): list the zone files to include too, e.g. zones/*.zone',
      );
      await expect(loadZoneGlobs(['zones/../../*.zone'], ws)).rejects.toThrow(
        'zone-files: "zones/../../*.zone" is outside the repository;',
      );
      // A brace that climbs out is caught on the match.
      await writeFile(join(base, 'outside.example.zone'), '@ SOA ns h 1 2 3 4 5\n');
      await expect(loadZoneGlobs(['{..,zones}/*.zone'], ws)).rejects.toThrow(
        'zone-files: ../outside.example.zone is outside the repository; zone files must be in the repository',
      );
      // A link inside a directory is not followed, and said (found by a new-user trial: it was skipped silently)
      await symlink(join(base, 'outside.example.zone'), join(ws, 'zones/sub/linked.example.zone'));
      const skipped: string[] = [];
      const loaded = await loadZoneGlobs(['zones'], ws, new Map(), { onLinkSkipped: (f) => skipped.push(f) });
      expect([loaded.map((z) => z.file), skipped]).toEqual([below, ['zones/sub/linked.example.zone']]);
      const excludedToo: string[] = [];
      await loadZoneGlobs(['zones', '!zones/sub'], ws, new Map(), {
        onLinkSkipped: (f) => excludedToo.push(f),
      });
      expect(excludedToo).toEqual([]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('normalises zone-files patterns relative to the workspace', () => {
    const ws = join(tmpdir(), 'ws');
    expect(workspacePattern('./zones//*.zone', ws)).toBe('zones/*.zone');
    expect(workspacePattern('zones/**', ws)).toBe('zones');
    expect(workspacePattern('**', ws)).toBe('.');
    expect(workspacePattern('a/../zones/', ws)).toBe('zones');
    expect(workspacePattern(join(ws, 'zones', '*.zone'), ws)).toBe('zones/*.zone');
    expect(() => workspacePattern('..', ws)).toThrow('zone-files: ".." is outside the repository;');
    expect(() => workspacePattern(join(tmpdir(), 'other', '*.zone'), ws)).toThrow(ActionInputError);
  });

  it('locates a finding at the record line, or names the record the zone lacks (never the SOA)', () => {
    const zone = parseZone(
      '$ORIGIN example.com.\n@ SOA ns h 1 2 3 4 5\n@ TXT "v=spf1 " "-all"\n@ TXT "google-site-verification=x"\n',
      { file: 'zones/example.com.zone' },
    );
    const at = (id: string, evidence: object) =>
      locateInZones({ id, severity: 'error', message: '', evidence }, [zone]);
    expect(at('spf.lookup-limit', { name: 'example.com', record: 'v=spf1 -all' })).toEqual({
      file: 'zones/example.com.zone',
      line: 3,
    });
    expect(at('spf.no-all', { name: 'example.com' })).toEqual({ file: 'zones/example.com.zone', line: 3 });
    expect(at('dmarc.no-record', { name: '_dmarc.example.com' })).toEqual({
      file: 'zones/example.com.zone',
      absent: { name: '_dmarc.example.com', type: 'TXT' },
    });
    expect(at('spf.dns-error', { name: '_spf.google.com' })).toBeUndefined();
    expect(at('mx.no-ptr', { name: 'example.com' })).toBeUndefined();
  });

  it('locates what used to land on the SOA at its own record: mtasts.*, bimi.dmarc-not-enforced, dkim.key-cname', () => {
    const zone = parseZone(
      [
        '$ORIGIN example.com.',
        '@ SOA ns1 h 1 2 3 4 5',
        '@ NS ns1',
        '_dmarc TXT "v=DMARC1; p=none"',
        '_mta-sts TXT "v=STSv1; id=1"',
        'mta-sts CNAME sts.host.example.net.',
        'k1._domainkey CNAME dkim1.provider.example.',
        'default._bimi TXT "v=BIMI1; l=https://example.com/logo.svg"',
        '',
      ].join('\n'),
      { file: 'zones/example.com.zone' },
    );
    const at = (id: string, name: string) =>
      locateInZones({ id, severity: 'warning', message: '', domain: 'example.com', evidence: { name } }, [
        zone,
      ]);
    const file = 'zones/example.com.zone';
    expect(at('bimi.dmarc-not-enforced', '_dmarc.example.com')).toEqual({ file, line: 4 });
    expect(at('mtasts.invalid-record', '_mta-sts.example.com')).toEqual({ file, line: 5 });
    expect(at('mtasts.policy-certificate', 'mta-sts.example.com')).toEqual({ file, line: 6 });
    expect(at('dkim.key-cname', 'k1._domainkey.example.com')).toEqual({ file, line: 7 });
    expect(at('bimi.invalid-location', 'default._bimi.example.com')).toEqual({ file, line: 8 });
    expect(at('tlsrpt.no-record', '_smtp._tls.example.com')).toEqual({
      file,
      absent: { name: '_smtp._tls.example.com', type: 'TXT' },
    });
  });

  it('locates MX findings at their record, a missing record at its file, a term at its column', () => {
    const zone = parseZone(
      [
        '; proposed zone',
        '$ORIGIN example.com.',
        '@ NS ns1',
        '@ SOA ns1 h 1 2 3 4 5',
        '@ TXT "v=spf1 include:_spf.example.net -all"',
        '@ TXT "google-site-verification=x"',
        '@ MX 0 .',
        'mx1 A 10.0.0.25',
        '',
      ].join('\n'),
      { file: 'zones/example.com.zone' },
    );
    const at = (id: string, evidence: object | undefined, domain = 'example.com') =>
      locateInZones({ id, severity: 'warning', message: '', domain, ...(evidence ? { evidence } : {}) }, [
        zone,
      ]);
    const file = 'zones/example.com.zone';
    expect(at('mx.no-mx', { name: 'example.com' })).toEqual({ file, line: 7 });
    expect(at('mx.domain-not-found', { name: 'nope.example.com' })).toEqual({
      file,
      absent: { name: 'nope.example.com', type: 'MX' },
    });
    expect(at('mx.null-mx', { name: 'example.com', record: '0 .' })).toEqual({ file, line: 7 });
    expect(
      at('mx.non-public-address', { name: 'mx1.example.com', details: { address: '10.0.0.25' } }),
    ).toEqual({ file, line: 8 });
    expect(at('mx.no-mx', { name: 'example.org' })).toBeUndefined();
    // The term that crosses the lookup budget: its column in the file (the text starts after the quote, col 8).
    expect(at('spf.lookup-limit', { name: 'example.com', term: 'include:_spf.example.net' })).toEqual({
      file,
      line: 5,
      column: 15,
    });
    // A deleted record: the zone before the change had it.
    const before = parseZone(
      '$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\n_dmarc TXT "v=DMARC1; p=reject"\n',
      {
        file: 'zones/example.com.zone',
      },
    );
    expect(
      locateInZones(
        { id: 'dmarc.no-record', severity: 'error', message: '', evidence: { name: '_dmarc.example.com' } },
        [zone],
        {
          before: [before],
        },
      ),
    ).toEqual({
      file,
      absent: { name: '_dmarc.example.com', type: 'TXT', before: { file, line: 3 } },
    });
    // A policy rule about SPF is at the SPF record even beside other TXT records at the apex.
    expect(at('policy.spf-lookups', { name: 'example.com' })).toEqual({ file, line: 5 });
    expect(at('policy.dmarc-policy', { name: '_dmarc.example.com' })).toEqual({
      file,
      absent: { name: '_dmarc.example.com', type: 'TXT' },
    });
    // An expired suppression is about the policy file, not the zone's apex records.
    expect(at('policy.suppression-expired', { term: 'dmarc.policy-none' })).toBeUndefined();
    expect(at('policy.suppression-expired', undefined)).toBeUndefined();
  });
});
