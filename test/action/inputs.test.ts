import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionInputError, readInputs, splitGlobs, splitList } from '../../src/action/inputs.js';
import { loadZoneGlobs, locateInZones } from '../../src/action/zones.js';
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

  it('parses every input with its default', () => {
    expect(readInputs(reader({ domains: 'example.com' }))).toEqual({
      domains: ['example.com'],
      selectors: [],
      zoneFiles: [],
      dnsServers: [],
      dnsTimeoutMs: 5000,
      dmarcMode: '9989',
    });
    expect(
      readInputs(
        reader({
          domains: 'a.example\nb.example',
          policy: ' .github/mailgate.yml ',
          selectors: 'google, s1',
          'zone-files': 'zones/*.zone',
          'dns-servers': '127.0.0.1:5353, [2001:db8::53]:53',
          'dns-timeout': '250',
          'dmarc-mode': '7489',
          'fail-on': 'warning',
          'sarif-file': 'out.sarif',
          'report-file': 'out.json',
        }),
      ),
    ).toEqual({
      domains: ['a.example', 'b.example'],
      policy: '.github/mailgate.yml',
      selectors: ['google', 's1'],
      zoneFiles: ['zones/*.zone'],
      dnsServers: ['127.0.0.1:5353', '[2001:db8::53]:53'],
      dnsTimeoutMs: 250,
      dmarcMode: '7489',
      failOn: 'warning',
      sarifFile: 'out.sarif',
      reportFile: 'out.json',
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
      [{ 'fail-on': 'info' }, 'fail-on: must be error, warning or never, not "info"'],
      [
        { 'dns-timeout': '5s' },
        'dns-timeout: must be a whole number of milliseconds from 1 to 60000, not "5s"',
      ],
      [
        { 'dns-servers': 'dns.google' },
        'dns-servers: "dns.google" is not an IP address with an optional port',
      ],
      [{ 'dns-servers': '127.0.0.1:99999' }, 'dns-servers: "127.0.0.1:99999" is not an IP address'],
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
      /^zone-files: zones\/bad\.example\.zone:1: /,
    );
    await expect(loadZoneGlobs(['nothing/*.zone'], ws)).rejects.toThrow(
      'zone-files: no file matches "nothing/*.zone"',
    );
  });

  it('locates a finding at the record line, or at the zone to change', () => {
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
      line: 2,
    });
    expect(at('spf.dns-error', { name: '_spf.google.com' })).toBeUndefined();
    expect(at('mx.no-ptr', { name: 'example.com' })).toBeUndefined();
  });
});
