import { describe, expect, it } from 'vitest';
import { mailauthVerdict, mxCovered, parseStsPolicy } from '../../src/mtasts/policy.js';
import { isStsRecord, parseStsRecord } from '../../src/mtasts/record.js';

// RFC 8461 §3.2 example policy.
const RFC_POLICY = [
  'version: STSv1',
  'mode: enforce',
  'mx: mail.example.com',
  'mx: *.example.net',
  'mx: backupmx.example.com',
  'max_age: 604800',
].join('\r\n');

describe('MTA-STS TXT record (RFC 8461 §3.1)', () => {
  it('parses the RFC example', () => {
    expect(isStsRecord('v=STSv1; id=20160831085700Z;')).toBe(true);
    expect(parseStsRecord('v=STSv1; id=20160831085700Z;')).toEqual({
      id: '20160831085700Z',
      extensions: [],
      errors: [],
    });
  });
  it('discards records that do not start with v=STSv1', () => {
    expect(isStsRecord('v=spf1 -all')).toBe(false);
    expect(isStsRecord('v=stsv1; id=1')).toBe(false);
    expect(isStsRecord(' v=STSv1; id=1')).toBe(false);
  });
  it('reports a missing or malformed id and bad extensions', () => {
    expect(parseStsRecord('v=STSv1;').errors).toEqual(['the record has no id field']);
    const long = parseStsRecord(`v=STSv1; id=${'a'.repeat(33)}`);
    expect(long.id).toBeNull();
    expect(long.errors[0]).toMatch(/1 to 32 letters and digits/);
    expect(parseStsRecord('v=STSv1; id=abc-def').id).toBeNull();
    expect(parseStsRecord('v=STSv1; id=1; ext=a=b').errors).toHaveLength(1);
    expect(parseStsRecord('v=STSv1; id=1; ext=ok').extensions).toEqual([{ name: 'ext', value: 'ok' }]);
    expect(parseStsRecord('v=STSv1;; id=1').errors).toEqual(['empty field between two ";"']);
  });
});

describe('MTA-STS policy file (RFC 8461 §3.2)', () => {
  it('parses the RFC example', () => {
    expect(parseStsPolicy(RFC_POLICY)).toEqual({
      version: 'STSv1',
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mail.example.com', '*.example.net', 'backupmx.example.com'],
      errors: [],
      syntaxWarnings: [],
    });
  });

  it('lists every problem, not only the first', () => {
    const p = parseStsPolicy('version: STSv2\nmode: strict\nmax_age: soon\n');
    expect(p.errors).toEqual([
      'version "STSv2" is not STSv1',
      'mode "strict" is not enforce, testing or none',
      'max_age "soon" is not a number of seconds (1 to 10 digits)',
    ]);
  });

  it('rejects max_age over one year and enforce without mx', () => {
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 31557601').errors).toEqual([
      'max_age 31557601 is over 31557600 seconds (one year)',
    ]);
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 31557600').errors).toEqual([]);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmax_age: 86400').errors).toEqual([
      'mode enforce needs at least one mx field',
    ]);
  });

  it('flags what lenient senders accept but the RFC syntax does not', () => {
    const p = parseStsPolicy('Version: STSv1\nmode: Enforce\nmx: mx.example.com\nmax_age: 86400');
    expect(p.errors).toEqual([]);
    expect(p.mode).toBe('enforce');
    expect(p.syntaxWarnings).toEqual([
      'field name "Version" should be "version"',
      'mode "Enforce" should be "enforce"',
    ]);
  });

  // [name, text, usable (lenient senders), clean (RFC syntax)]; mailauth's parsePolicy (lax / strict) must agree.
  const table: Array<[string, string, boolean, boolean]> = [
    ['RFC example', RFC_POLICY, true, true],
    ['LF line ends', RFC_POLICY.replace(/\r\n/g, '\n'), true, true],
    ['testing mode', 'version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 3600', true, true],
    ['none without mx', 'version: STSv1\nmode: none\nmax_age: 0', true, true],
    ['bad version', 'version: STSv2\nmode: enforce\nmx: mx.example.com\nmax_age: 3600', false, false],
    ['no version', 'mode: enforce\nmx: mx.example.com\nmax_age: 3600', false, false],
    ['bad mode', 'version: STSv1\nmode: on\nmx: mx.example.com\nmax_age: 3600', false, false],
    ['no max_age', 'version: STSv1\nmode: enforce\nmx: mx.example.com', false, false],
    [
      'max_age too big',
      'version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 99999999999',
      false,
      false,
    ],
    ['enforce without mx', 'version: STSv1\nmode: enforce\nmax_age: 3600', false, false],
    ['bad mx pattern', 'version: STSv1\nmode: enforce\nmx: mx_1.example.com\nmax_age: 3600', true, false],
    ['upper-case mode', 'version: STSv1\nmode: ENFORCE\nmx: mx.example.com\nmax_age: 3600', true, false],
    ['upper-case key', 'version: STSv1\nMode: enforce\nmx: mx.example.com\nmax_age: 3600', true, false],
    ['html page', '<html><body>Not here</body></html>', false, false],
  ];
  it.each(table)('judges "%s" as mailauth does', (_name, text, usable, clean) => {
    const ours = parseStsPolicy(text);
    expect(ours.errors.length === 0).toBe(usable);
    expect(ours.errors.length === 0 && ours.syntaxWarnings.length === 0).toBe(clean);
    expect(mailauthVerdict(text)).toEqual({ lax: usable, strict: clean });
  });

  it('keeps the first of a repeated field and says so (mailauth ignores the repeat silently)', () => {
    const p = parseStsPolicy('version: STSv1\nmode: enforce\nmode: none\nmx: mx.example.com\nmax_age: 3600');
    expect(p.mode).toBe('enforce');
    expect(p.syntaxWarnings).toEqual(['field "mode" appears more than once (the first one counts)']);
  });
});

describe('MX matching (RFC 8461 §4.1)', () => {
  const patterns = ['mail.example.com', '*.example.net'];
  it('matches exact names and one left-most label for wildcards', () => {
    expect(mxCovered('mail.example.com', patterns)).toEqual({ covered: true, pattern: 'mail.example.com' });
    expect(mxCovered('MAIL.example.com.', patterns).covered).toBe(true);
    expect(mxCovered('mx1.example.net', patterns)).toEqual({ covered: true, pattern: '*.example.net' });
    expect(mxCovered('example.net', patterns).covered).toBe(false);
    expect(mxCovered('a.b.example.net', patterns).covered).toBe(false);
    expect(mxCovered('mail.example.org', patterns).covered).toBe(false);
  });
});
