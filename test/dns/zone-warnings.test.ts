// What a DNS server would ignore or change in a zone file is reported, never silently dropped (bugs found by a
// new user: out-of-zone records vanished and were then reported as missing).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZoneFile, parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-zw-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zone warnings', () => {
  it('warns about records outside the origin, with their line', () => {
    const z = parseZone(
      '$ORIGIN acme.test.\n@ TXT "v=spf1 -all"\n$ORIGIN vendor.test.\nspf TXT "v=spf1 -all"\n',
    );
    expect(z.origin).toBe('acme.test');
    expect(z.warnings).toEqual([
      {
        line: 4,
        message: expect.stringMatching(
          /^TXT record for spf\.vendor\.test is outside the zone origin acme\.test/,
        ),
      },
    ]);
  });

  it('warns about a CNAME beside other data and about CNAME loops (RFC 1034 §3.6.2)', () => {
    const z = parseZone('both CNAME c\nboth TXT "x"\nself CNAME self\nl1 CNAME l2\nl2 CNAME l1\n', {
      origin: 'cn.test',
    });
    const messages = z.warnings.map((w) => `${w.line}: ${w.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^1: both\.cn\.test has a CNAME and other records \(TXT\)/),
      '3: CNAME loop: self.cn.test -> self.cn.test (resolvers answer SERVFAIL)',
      '4: CNAME loop: l1.cn.test -> l2.cn.test -> l1.cn.test (resolvers answer SERVFAIL)',
      '5: CNAME loop: l2.cn.test -> l1.cn.test -> l2.cn.test (resolvers answer SERVFAIL)',
    ]);
  });

  it('warns when unquoted words become several character-strings joined without spaces (RFC 7208 §3.3)', () => {
    const z = parseZone('@ TXT v=spf1 -all\n@ TXT "v=spf1 " "-all"\n', { origin: 'acme.test' });
    expect(z.records.map((r) => r.data)).toEqual([
      ['v=spf1', '-all'],
      ['v=spf1 ', '-all'],
    ]);
    expect(z.warnings).toHaveLength(1);
    expect(z.warnings[0]).toMatchObject({ line: 1, message: expect.stringContaining('"v=spf1-all"') });
  });

  it('warns about a TTL over 2^31-1 (RFC 2181 §8)', () => {
    const z = parseZone('@ 99999999999 TXT "x"\n', { origin: 'acme.test' });
    expect(z.warnings).toEqual([
      { line: 1, message: 'TTL 99999999999 is over 2147483647; resolvers treat it as 0 (RFC 2181 §8)' },
    ]);
  });

  it('warns about an empty zone', () => {
    expect(parseZone('; nothing\n', { origin: 'acme.test' }).warnings).toEqual([
      { line: 1, message: 'the zone file has no records' },
    ]);
  });
});

describe('loadZoneFile origin inference', () => {
  it('takes the common suffix of absolute names, not the file name', async () => {
    const file = join(dir, 'proposed.zone');
    await writeFile(
      file,
      'acme.test. TXT "v=spf1 ip4:192.0.2.0/24 -all"\n_dmarc.acme.test. TXT "v=DMARC1; p=reject; rua=mailto:d@acme.test"\n',
    );
    const zone = await loadZoneFile(file);
    expect(zone.origin).toBe('acme.test');
    expect(zone.warnings).toEqual([]);
    const r = zoneResolver([zone], { offline: true });
    expect(await r.query('_dmarc.acme.test', 'TXT')).toMatchObject({ ok: true });
  });

  it('takes the SOA owner when there is one', async () => {
    const file = join(dir, 'db.acme');
    await writeFile(
      file,
      'acme.test. SOA ns.acme.test. h.acme.test. 1 2 3 4 5\nwww.acme.test. A 192.0.2.1\n',
    );
    expect((await loadZoneFile(file)).origin).toBe('acme.test');
  });

  it('keeps the file name when names are relative to it', async () => {
    const file = join(dir, 'example.org.zone');
    await writeFile(file, '@ TXT "v=spf1 -all"\nwww A 192.0.2.1\n');
    expect((await loadZoneFile(file)).origin).toBe('example.org');
  });
});
