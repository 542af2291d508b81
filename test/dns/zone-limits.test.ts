// The total bounds on one loaded zone (found by the new-user trial): an $INCLUDE diamond (each level includes the
// next ten times) ran past 40 s and printed 99,999 warnings, 200 lines of `$GENERATE 0-65535` ran past 60 s at
// 3.8 GB. Each bound is held at its value: the refusal comes at the record or directive that crosses it, naming
// the bound; warnings are listed up to a bound and the rest counted in one warning.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ZONE_LIMITS,
  type IncludeReader,
  loadZoneFile,
  loadZonePaths,
  parseZone,
  ZoneParseError,
} from '../../src/dns/zonefile.js';
import { scratchDir } from '../support/scratch.js';

const scratch = scratchDir('mailgate-zl-');
const write = scratch.write;

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<ZoneParseError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ZoneParseError) return e;
    throw e;
  }
  throw new Error('the zone was not refused');
}

const HEAD =
  '$ORIGIN h.example.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n';

/** `n` lines of `$INCLUDE file`. */
const includes = (file: string, n: number) => `$INCLUDE ${file}\n`.repeat(n);

describe('the defaults', () => {
  it('are the documented values', () => {
    expect(DEFAULT_ZONE_LIMITS).toEqual({
      maxRecords: 1_000_000,
      maxTotalBytes: 128 * 1024 * 1024,
      maxIncludes: 10_000,
      maxGeneratedRecords: 262_144,
      maxWarnings: 1_000,
    });
  });

  it("refuse the trial's $INCLUDE diamond at the 10,001st $INCLUDE (four levels of ten: 11,110 in all)", async () => {
    // h includes l1 ten times, l1 includes l2 ten times, ... l4 is empty. Depth first, each l1 costs 1 + 10 +
    // 100 + 1,000 = 1,111 includes: nine of them make 9,999, the tenth is the 10,000th, and its first line the
    // 10,001st.
    await write('diamond/l4.inc', '');
    await write('diamond/l3.inc', includes('l4.inc', 10));
    await write('diamond/l2.inc', includes('l3.inc', 10));
    await write('diamond/l1.inc', includes('l2.inc', 10));
    const zone = await write('diamond/h.example.zone', `${HEAD}${includes('l1.inc', 10)}`);
    const e = await refusal(loadZoneFile(zone));
    expect(e.file).toBe(join(scratch.dir, 'diamond/l1.inc'));
    expect([e.line, e.column]).toEqual([1, 1]);
    expect(e.detail).toBe(
      'more than 10,000 $INCLUDEs (maxIncludes: the bound on the $INCLUDE directives one zone follows, a file included twice counted twice)',
    );
    // three levels (1,110 includes) load
    await write(
      'diamond/g.example.zone',
      `${HEAD.replace('h.example', 'g.example')}${includes('l2.inc', 10)}`,
    );
    const ok = await loadZoneFile(join(scratch.dir, 'diamond/g.example.zone'));
    expect(ok.includes).toEqual([
      join(scratch.dir, 'diamond/l2.inc'),
      join(scratch.dir, 'diamond/l3.inc'),
      join(scratch.dir, 'diamond/l4.inc'),
    ]);
  });

  it('list the first 1,000 warnings and count the rest in one last warning (parseZone, loadZoneFile, loadZonePaths)', async () => {
    // a fragment (no SOA) of 1,500 equal records: 1,499 duplicates
    const text = '$ORIGIN w.example.\n' + 'x A 192.0.2.1\n'.repeat(1500);
    const file = await write('warn/w.example.zone', text);
    for (const zone of [
      parseZone(text),
      await loadZoneFile(file),
      (await loadZonePaths([join(scratch.dir, 'warn')]))[0]!,
    ]) {
      expect(zone.records).toHaveLength(1);
      expect(zone.warnings).toHaveLength(1001);
      expect(zone.warnings[0]).toEqual({
        line: 3,
        message: 'duplicate A record for x.w.example (same as line 2); servers keep one',
      });
      expect(zone.warnings[999]!.line).toBe(1002);
      expect(zone.warnings[1000]).toEqual({
        line: 1,
        message:
          '499 more warnings about this zone are not listed: mailgate lists the first 1,000 (maxWarnings), 1,499 in all',
      });
    }
  });
});

describe('records in all (maxRecords)', () => {
  it('refuses the record that crosses the bound, in the zone file or an included one', async () => {
    const limits = { maxRecords: 5 }; // HEAD has 3
    expect(parseZone(`${HEAD}a A 192.0.2.1\n`, { limits }).records).toHaveLength(4);
    const e = await refusal(() =>
      parseZone(`${HEAD}a A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\n`, { limits }),
    );
    expect([e.file, e.line]).toEqual(['zone', 8]);
    expect(e.detail).toBe(
      'the zone has more than 5 records (maxRecords: the bound on the records of one zone with its $INCLUDEs and $GENERATEs)',
    );
    // duplicates count: they cost as much to read
    const dup = await refusal(() => parseZone(`${HEAD}${'a A 192.0.2.1\n'.repeat(3)}`, { limits }));
    expect(dup.line).toBe(8);
    await write('rec/more.inc', 'a A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\n');
    const zone = await write('rec/h.example.zone', `${HEAD}$INCLUDE more.inc\n`);
    const inc = await refusal(loadZoneFile(zone, { limits }));
    expect([inc.file, inc.line]).toEqual([join(scratch.dir, 'rec/more.inc'), 3]);
  });

  it('refuses a $GENERATE that would cross it before making any record', async () => {
    const e = await refusal(() =>
      parseZone(`${HEAD}$GENERATE 1-2 a$ A 192.0.2.$\n$GENERATE 1-100 b$ A 192.0.2.$\n`, {
        limits: { maxRecords: 10 },
      }),
    );
    expect([e.line, e.column]).toEqual([7, 11]);
    expect(e.detail).toBe(
      'this $GENERATE takes the zone to 105 records, over 10 (maxRecords: the bound on the records of one zone with its $INCLUDEs and $GENERATEs)',
    );
  });
});

describe('$GENERATE records in all (maxGeneratedRecords)', () => {
  it('refuses the directive that crosses it, at its range', () => {
    // the trial's flood in small: every line is within the per-directive bound (65,536), together they are not
    const flood = Array.from({ length: 5 }, (_, i) => `$GENERATE 0-299 g${i}-$ A 192.0.2.1\n`).join('');
    const limits = { maxGeneratedRecords: 1000 };
    let e: ZoneParseError | undefined;
    try {
      parseZone(`${HEAD}${flood}`, { limits });
    } catch (x) {
      e = x as ZoneParseError;
    }
    expect(e).toBeInstanceOf(ZoneParseError);
    expect([e!.line, e!.column]).toEqual([9, 11]);
    expect(e!.detail).toBe(
      "this $GENERATE takes the zone's generated records to 1,200, over 1,000 (maxGeneratedRecords: the bound on the records all $GENERATE directives of one zone make)",
    );
    // exactly at the bound loads
    const ok = parseZone(`${HEAD}$GENERATE 1-500 a$ A 192.0.2.1\n$GENERATE 1-500 b$ A 192.0.2.1\n`, {
      limits,
    });
    expect(ok.records).toHaveLength(1003);
  });
});

describe('bytes read in all (maxTotalBytes)', () => {
  it('counts the zone file and every $INCLUDE read, a file included twice twice', async () => {
    const part = await write('bytes/part.inc', 'p TXT "0123456789012345678901234567890123456789"\n'); // 49 bytes
    const main = `$ORIGIN b.example.\n$INCLUDE part.inc\n$INCLUDE part.inc\n$INCLUDE part.inc\n`; // 73 bytes
    const zone = await write('bytes/b.example.zone', main);
    expect([Buffer.byteLength(main), (await readFile(part)).length]).toEqual([73, 49]);
    const loaded = await loadZoneFile(zone, { limits: { maxTotalBytes: 73 + 3 * 49 } });
    expect(loaded.records).toHaveLength(1);
    const e = await refusal(loadZoneFile(zone, { limits: { maxTotalBytes: 73 + 3 * 49 - 1 } }));
    expect([e.file, e.line, e.column]).toEqual([zone, 4, 10]);
    expect(e.detail).toBe(
      "$INCLUDE part.inc: its 49 bytes take the zone's text to 220 bytes, over 219 (maxTotalBytes: the bound on the bytes one zone reads, its file and every $INCLUDE, a file included twice counted twice)",
    );
  });

  it('tells the include reader what is left, and checks what a reader returns all the same', () => {
    const asked: (number | undefined)[] = [];
    const reader: IncludeReader = (path, _from, maxBytes) => {
      asked.push(maxBytes);
      return { file: path, id: path, text: 'x A 192.0.2.1\n' }; // 14 bytes, whatever maxBytes says
    };
    const text = '$ORIGIN r.example.\n$INCLUDE a\n$INCLUDE b\n'; // 41 bytes
    const e = (() => {
      try {
        parseZone(text, { include: reader, limits: { maxTotalBytes: 60 } });
      } catch (x) {
        return x as ZoneParseError;
      }
    })();
    expect(asked).toEqual([19, 5]);
    expect(e).toBeInstanceOf(ZoneParseError);
    expect([e!.line, e!.column]).toEqual([3, 10]);
    expect(e!.detail).toMatch(
      /^\$INCLUDE b: its 14 bytes take the zone's text to 69 bytes, over 60 \(maxTotalBytes/,
    );
  });

  it('refuses zone text over the bound before reading it', async () => {
    const e = await refusal(() =>
      parseZone('$ORIGIN t.example.\nx A 192.0.2.1\n', { limits: { maxTotalBytes: 10 } }),
    );
    expect([e.file, e.line]).toEqual(['zone', 0]);
    expect(e.detail).toBe(
      '33 bytes is over 10 (maxTotalBytes: the bound on the bytes one zone reads, its file and every $INCLUDE)',
    );
  });
});

describe('$INCLUDEs in all (maxIncludes)', () => {
  it('counts every $INCLUDE followed, the same file again too', async () => {
    await write('count/leaf.inc', 'x A 192.0.2.1\n');
    const zone = await write('count/c.example.zone', `$ORIGIN c.example.\n${includes('leaf.inc', 4)}`);
    expect((await loadZoneFile(zone, { limits: { maxIncludes: 4 } })).includes).toHaveLength(1);
    const e = await refusal(loadZoneFile(zone, { limits: { maxIncludes: 3 } }));
    expect([e.file, e.line, e.column]).toEqual([zone, 5, 1]);
    expect(e.detail).toMatch(/^more than 3 \$INCLUDEs \(maxIncludes/);
  });
});

describe('warnings kept (maxWarnings)', () => {
  it('keeps the first by line from the parse and the zone checks, and counts the rest', () => {
    // parse-time warnings ($GENERATE is BIND's) on lines 2-4, zone-check warnings (duplicates) on lines 6-7
    const text =
      '$ORIGIN k.example.\n' +
      '$GENERATE 1-1 a$ A 192.0.2.1\n$GENERATE 2-2 a$ A 192.0.2.1\n$GENERATE 3-3 a$ A 192.0.2.1\n' +
      'b A 192.0.2.1\n'.repeat(3);
    const zone = parseZone(text, { limits: { maxWarnings: 4 } });
    expect(zone.warnings.map((w) => w.line)).toEqual([2, 3, 4, 6, 1]);
    expect(zone.warnings[4]!.message).toBe(
      '1 more warning about this zone is not listed: mailgate lists the first 4 (maxWarnings), 5 in all',
    );
    // no summary when all fit
    expect(parseZone(text, { limits: { maxWarnings: 5 } }).warnings.map((w) => w.line)).toEqual([
      2, 3, 4, 6, 7,
    ]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => parseZone('$ORIGIN k.example.\n', { limits: { maxWarnings: 0 } })).toThrow(
      new RangeError('zone limit maxWarnings must be a positive integer'),
    );
    expect(() => parseZone('$ORIGIN k.example.\n', { limits: { maxRecords: 1.5 } })).toThrow(RangeError);
  });
});
