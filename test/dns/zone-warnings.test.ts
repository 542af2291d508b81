// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${offset,width,base} is BIND $GENERATE syntax in these strings
// What a DNS server would ignore or change in a zone file is reported, never silently dropped (bugs found by a
// new user: out-of-zone records vanished and were then reported as missing); origins as people name their files
// (issue 12 item 3); $INCLUDE and $GENERATE.
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadZoneFile,
  loadZonePaths,
  MAX_GENERATE_RECORDS,
  originFromFileName,
  parseZone,
  ZoneParseError,
} from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { scratchDir } from '../support/scratch.js';

const scratch = scratchDir('mailgate-zw-');
const write = scratch.write;

async function refusal(p: Promise<unknown>): Promise<ZoneParseError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ZoneParseError) return e;
    throw e;
  }
  throw new Error('expected a ZoneParseError');
}

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
          /^TXT record for spf\.vendor\.test is outside the zone origin acme\.test and is ignored/,
        ),
      },
    ]);
  });

  it('refuses a CNAME beside other data (RFC 1034 §3.6.2), and warns about CNAME loops', () => {
    expect(() => parseZone('both CNAME c\nboth TXT "x"\n', { origin: 'cn.test', file: 'cn.zone' })).toThrow(
      'cn.zone:2: both.cn.test has a CNAME and other data (TXT at line 2, CNAME at line 1): a CNAME must be alone at its name (RFC 1034 §3.6.2), and Knot and BIND refuse the zone',
    );
    const z = parseZone('self CNAME self\nl1 CNAME l2\nl2 CNAME l1\n', { origin: 'cn.test' });
    expect(z.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      '1: CNAME loop: self.cn.test -> self.cn.test (resolvers answer SERVFAIL)',
      '2: CNAME loop: l1.cn.test -> l2.cn.test -> l1.cn.test (resolvers answer SERVFAIL)',
      '3: CNAME loop: l2.cn.test -> l1.cn.test -> l2.cn.test (resolvers answer SERVFAIL)',
    ]);
  });

  it('warns when unquoted words become several character-strings joined without spaces (RFC 7208 §3.3)', () => {
    const z = parseZone('@ TXT v=spf1 -all\nx TXT "v=spf1 " "-all"\n', { origin: 'acme.test' });
    expect(z.records.map((r) => r.data)).toEqual([
      ['v=spf1', '-all'],
      ['v=spf1 ', '-all'],
    ]);
    expect(z.warnings).toHaveLength(1);
    expect(z.warnings[0]).toMatchObject({ line: 1, message: expect.stringContaining('"v=spf1-all"') });
  });

  it('warns about a TTL over 2^31-1 (RFC 2181 §8); over 2^32-1 it is refused, as Knot refuses it', () => {
    const z = parseZone('@ 4294967295 TXT "x"\n', { origin: 'acme.test' });
    expect(z.warnings).toEqual([
      { line: 1, message: 'TTL 4294967295 is over 2147483647; resolvers treat it as 0 (RFC 2181 §8)' },
    ]);
    expect(() => parseZone('@ 99999999999 TXT "x"\n', { origin: 'acme.test' })).toThrow(
      /TTL '99999999999' is over 4294967295 seconds/,
    );
  });

  it('warns about an empty zone and about RRsets with different TTLs', () => {
    expect(parseZone('; nothing\n', { origin: 'acme.test' }).warnings).toEqual([
      { line: 1, message: 'the zone file has no records' },
    ]);
    expect(parseZone('a 300 A 192.0.2.1\na 600 A 192.0.2.2\n', { origin: 'acme.test' }).warnings).toEqual([
      {
        line: 2,
        message:
          'A records for a.acme.test have different TTLs (300 at line 1, 600 here); servers give the set one TTL',
      },
    ]);
  });
});

describe('zone origins as people name their files (issue 12 item 3)', () => {
  it.each([
    ['example.com.zone', 'example.com'],
    ['Example.COM.zone', 'example.com'],
    ['example.com.db', 'example.com'],
    ['db.example.com', 'example.com'],
    ['db.t.example', 't.example'],
    ['example.com', 'example.com'],
    ['2.0.192.in-addr.arpa.zone', '2.0.192.in-addr.arpa'],
    ['zones/sub/acme.test.zone', 'acme.test'],
    ['main.zone', undefined],
    ['db.local', undefined],
    ['records.txt', undefined],
    ['common.inc', undefined],
    ['example.com.zone.bak', undefined],
    ['10.0.0.1', undefined],
  ])('%s -> %s', (file, origin) => {
    expect(originFromFileName(file)).toBe(origin);
  });

  it('takes the origin from the name, from a leading $ORIGIN, or from a mapping', async () => {
    // The case of issue 12: BIND's db.t.example without $ORIGIN is t.example, not db.t.example.
    const bind = await write(
      'db.t.example',
      '@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n@ TXT "v=spf1 -all"\n',
    );
    const z = await loadZoneFile(bind);
    expect(z.origin).toBe('t.example');
    expect(z.warnings).toEqual([]);
    const inside = await write('main.zone', '$TTL 300\n$ORIGIN acme.test.\n@ TXT "v=spf1 -all"\n');
    expect((await loadZoneFile(inside)).origin).toBe('acme.test');
    const mapped = await write('layout/primary', 'www A 192.0.2.1\n');
    expect((await loadZoneFile(mapped, { origin: 'mapped.test' })).records[0]!.name).toBe('www.mapped.test');
  });

  it('refuses a file whose origin is ambiguous, saying how to name or map it', async () => {
    const file = await write('proposed.zone', 'acme.test. TXT "v=spf1 -all"\n');
    const e = await refusal(loadZoneFile(file));
    expect(e.line).toBe(0);
    expect(e.detail).toBe(
      `cannot tell which zone this file is: its name is not a zone name and it does not start with $ORIGIN; name the file example.com.zone, example.com.db or db.example.com, start it with "$ORIGIN example.com.", or map it explicitly (CLI: --zone-origin ${file}=example.com; Action: zone-origins: ${file}=example.com)`,
    );
  });

  it('refuses a file whose name and $ORIGIN disagree', async () => {
    const file = await write('acme.test.zone', '$ORIGIN other.test.\n@ TXT "v=spf1 -all"\n');
    const e = await refusal(loadZoneFile(file));
    expect(e.line).toBe(1);
    expect(e.detail).toMatch(/^the file name says the zone is acme\.test but its \$ORIGIN says other\.test/);
    // A mapping decides: servers load the file under the zone name they are configured with.
    expect((await loadZoneFile(file, { origin: 'other.test' })).origin).toBe('other.test');
  });
});

describe('$INCLUDE', () => {
  it('reads files relative to the including file, each record keeping its own file and line', async () => {
    await write('inc/parts/dkim.inc', '; keys\nsel._domainkey TXT "v=DKIM1; p=abc"\n');
    await write('inc/parts/vendor.inc', '$TTL 60\nspf TXT "v=spf1 -all"\n');
    const main = await write(
      'inc/acme.test.zone',
      '$TTL 300\n@ TXT "v=spf1 include:spf.vendor.acme.test -all"\n$INCLUDE parts/dkim.inc\n$INCLUDE "parts/vendor.inc" vendor.acme.test.\nafter TXT "x"\n',
    );
    const z = await loadZoneFile(main);
    expect(z.records.map((r) => [r.name, r.ttl, r.file ?? 'main', r.line])).toEqual([
      ['acme.test', 300, 'main', 2],
      ['sel._domainkey.acme.test', 300, join(scratch.dir, 'inc/parts/dkim.inc'), 2],
      ['spf.vendor.acme.test', 60, join(scratch.dir, 'inc/parts/vendor.inc'), 2],
      // The included file's $TTL and origin do not leak back (Knot's rule).
      ['after.acme.test', 300, 'main', 5],
    ]);
    expect(z.includes).toEqual([
      join(scratch.dir, 'inc/parts/dkim.inc'),
      join(scratch.dir, 'inc/parts/vendor.inc'),
    ]);
    const answer = await zoneResolver([z], { offline: true }).query('sel._domainkey.acme.test', 'TXT');
    expect(answer.ok && answer.source).toEqual([{ file: join(scratch.dir, 'inc/parts/dkim.inc'), line: 2 }]);
  });

  it('reports an error in an included file at its own file and line', async () => {
    await write('inc2/bad.inc', 'ok TXT "x"\nbad A 300.0.0.1\n');
    const main = await write('inc2/acme.test.zone', '$INCLUDE bad.inc\n');
    const e = await refusal(loadZoneFile(main));
    expect([e.file, e.line, e.column]).toEqual([join(scratch.dir, 'inc2/bad.inc'), 2, 7]);
  });

  it('refuses loops, missing files, files outside the root and a blank owner at the start', async () => {
    await write('loop/a.inc', '$INCLUDE b.inc\n');
    await write('loop/b.inc', '$INCLUDE a.inc\n');
    const loop = await write('loop/acme.test.zone', '$INCLUDE a.inc\n');
    expect((await refusal(loadZoneFile(loop))).detail).toMatch(
      /^\$INCLUDE loop: .*acme\.test\.zone -> .*a\.inc -> .*b\.inc -> .*a\.inc$/,
    );
    const self = await write('self/acme.test.zone', '$INCLUDE acme.test.zone\n');
    expect((await refusal(loadZoneFile(self))).detail).toMatch(/^\$INCLUDE loop/);
    const missing = await write('missing/acme.test.zone', '\n$INCLUDE nothere.inc\n');
    const m = await refusal(loadZoneFile(missing));
    expect([m.line, m.detail]).toEqual([
      2,
      `$INCLUDE nothere.inc: cannot read ${join(scratch.dir, 'missing/nothere.inc')} (ENOENT)`,
    ]);
    await write('outside.inc', 'x TXT "secret"\n');
    const root = join(scratch.dir, 'ws');
    const climbing = await write('ws/acme.test.zone', '$INCLUDE ../outside.inc\n');
    expect((await refusal(loadZoneFile(climbing, { root }))).detail).toMatch(
      /outside .*ws \(symbolic links resolved\)/,
    );
    await symlink(join(scratch.dir, 'outside.inc'), join(root, 'link.inc'));
    const viaLink = await write('ws/b.test.zone', '$INCLUDE link.inc\n');
    expect((await refusal(loadZoneFile(viaLink, { root }))).detail).toMatch(/outside/);
    // no root: the zone file's own directory is the root (a zone file from a pull request cannot read the machine)
    expect((await refusal(loadZoneFile(viaLink))).detail).toMatch(
      /link\.inc is outside .*ws \(symbolic links resolved\)/,
    );
    expect((await refusal(loadZoneFile(climbing))).detail).toMatch(/outside/);
    expect((await loadZoneFile(viaLink, { root: '/' })).records).toHaveLength(1); // any file, when asked
    const abs = await write('ws/c.test.zone', `$INCLUDE ${join(scratch.dir, 'outside.inc')}\n`);
    expect((await refusal(loadZoneFile(abs))).detail).toMatch(/outside.inc is outside/);
    expect((await refusal(loadZonePaths([abs]))).detail).toMatch(/outside.inc is outside/);
    expect((await loadZonePaths([abs], { root: scratch.dir }))[0]!.records).toHaveLength(1);
    await write('blank/first.inc', ' TXT "whose?"\n');
    const blank = await write('blank/acme.test.zone', 'www A 192.0.2.1\n$INCLUDE first.inc\n');
    expect((await refusal(loadZoneFile(blank))).detail).toMatch(/no owner name/);
    const dev = await write('dev/acme.test.zone', '$INCLUDE /dev/zero\n');
    expect((await refusal(loadZoneFile(dev))).detail).toMatch(/\/dev\/zero is outside/);
    expect((await refusal(loadZoneFile(dev, { root: '/' }))).detail).toMatch(/not a regular file/);
  });

  it('loads an included file only as part of the zone that includes it', async () => {
    await write('tree/common.zone', 'mx TXT "shared"\n');
    await write('tree/acme.test.zone', '$INCLUDE common.zone\n@ TXT "v=spf1 -all"\n');
    const zones = await loadZonePaths([join(scratch.dir, 'tree')]);
    expect(zones.map((z) => [z.origin, z.records.length])).toEqual([['acme.test', 2]]);
  });
});

describe('$GENERATE (BIND)', () => {
  const gen = (line: string) => parseZone(`${line}\n`, { origin: 'example.com', file: 'g.zone' });

  it('expands ranges, steps and ${offset,width,base} as BIND does, with a warning that Knot refuses it', () => {
    // Values checked with named-compilezone 9.18.
    expect(gen('$GENERATE 1-10/4 host$ A 192.0.2.$').records.map((r) => [r.name, r.data])).toEqual([
      ['host1.example.com', '192.0.2.1'],
      ['host5.example.com', '192.0.2.5'],
      ['host9.example.com', '192.0.2.9'],
    ]);
    expect(gen('$GENERATE 1-3 host${10,4,x} A 192.0.2.${0}').records.map((r) => r.name)).toEqual([
      'host000b.example.com',
      'host000c.example.com',
      'host000d.example.com',
    ]);
    expect(gen('$GENERATE 10-11 h${-5,2,X} A 192.0.2.$').records.map((r) => r.name)).toEqual([
      'h05.example.com',
      'h06.example.com',
    ]);
    expect(gen('$GENERATE 1-2 h${0,3,n} A 192.0.2.$').records.map((r) => r.name)).toEqual([
      'h1.0.example.com',
      'h2.0.example.com',
    ]);
    expect(gen('$GENERATE 254-255 ${0,0,N}.x A 192.0.2.1').records.map((r) => r.name)).toEqual([
      'e.f.x.example.com',
      'f.f.x.example.com',
    ]);
    expect(gen('$GENERATE 1-2 h$ 300 IN MX "10 mx$"').records.map((r) => [r.ttl, r.data])).toEqual([
      [300, { priority: 10, exchange: 'mx1.example.com' }],
      [300, { priority: 10, exchange: 'mx2.example.com' }],
    ]);
    const txt = gen('$GENERATE 1-1 h$ TXT "v=spf1 ip4:192.0.2.$ -all"');
    expect(txt.records[0]!.data).toEqual(['v=spf1', 'ip4:192.0.2.1', '-all']); // BIND re-reads the words
    expect(txt.warnings.map((w) => w.message)).toContain(
      '$GENERATE is a BIND extension: Knot DNS and NSD refuse the zone (mailgate expands it as BIND does)',
    );
  });

  it.each([
    ['$GENERATE 3-1 h$ A 192.0.2.$', /starts after it stops/],
    ['$GENERATE 1-3/0 h$ A 192.0.2.$', /step .* must be at least 1/],
    ['$GENERATE 1 h$ A 192.0.2.$', /is not start-stop/],
    ['$GENERATE 1-2 h${0 A 192.0.2.$', /has no closing '\}'/],
    ['$GENERATE 1-2 h${0,3,z} A 192.0.2.$', /is not \$\{offset\[,width\[,base\]\]\}/],
    ['$GENERATE 1-2 h$ A 192.0.2.$ extra', /unexpected 'extra'/],
    ['$GENERATE 1-2 h$ FOO 192.0.2.$', /unknown record type 'FOO'/],
    ['$GENERATE 1-2 h$ A', /needs a type and RDATA/],
    ['$GENERATE 250-260 h$ A 192.0.2.$', /192\.0\.2\.256' is not an IPv4 address/],
    [
      `$GENERATE 0-${MAX_GENERATE_RECORDS} h$ A 192.0.2.1`,
      /makes 65537 records; mailgate allows at most 65536/,
    ],
  ])('refuses %j', (line, re) => {
    expect(() => gen(line)).toThrow(re);
  });
});
