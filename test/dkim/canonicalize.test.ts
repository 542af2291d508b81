// Canonicalization (RFC 6376 §3.4): the RFC's own examples (§3.4.5), a line-by-line reference written from the
// RFC text, chunk boundaries anywhere, l= limits, and the header forms. The streaming canonicalizer must give
// the same octets whatever the chunking.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BodyCanonicalizer,
  BodyHashes,
  type Canonicalization,
  canonicalizeBody,
  relaxedHeader,
  stripSignatureValue,
} from '../../src/dkim/canonicalize.js';
import { MessageHeaderSection, splitHeaderFields } from '../../src/mail/message.js';

/** The RFC text, line by line (CRLF input only): the reference the streaming code is checked against. */
function reference(body: string, mode: Canonicalization): string {
  let lines = body.split('\r\n');
  // the part after the last CRLF is a line without its CRLF; an empty one is not a line
  if (lines[lines.length - 1] === '') lines.pop();
  if (mode === 'relaxed') lines = lines.map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return mode === 'simple' ? '\r\n' : '';
  return `${lines.join('\r\n')}\r\n`;
}

function streamed(body: string, mode: Canonicalization, cuts: number[]): string {
  let out = '';
  const c = new BodyCanonicalizer(mode, (t) => {
    out += typeof t === 'string' ? t : t.toString('latin1');
  });
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(cut, body.length);
    c.write(Buffer.from(body.slice(from, at), 'latin1'));
    from = at;
  }
  c.write(Buffer.from(body.slice(from), 'latin1'));
  c.end();
  return out;
}

describe('body canonicalization (RFC 6376 §3.4.3, §3.4.4)', () => {
  it('gives the RFC 6376 §3.4.5 examples', () => {
    const body = ' C \r\nD \t E\r\n\r\n\r\n';
    expect(streamed(body, 'relaxed', [])).toBe(' C\r\nD E\r\n');
    expect(streamed(body, 'simple', [])).toBe(' C \r\nD \t E\r\n');
  });

  it('handles empty bodies and bodies without a final CRLF (RFC 6376 §3.4.3, §3.4.4 and errata 1384)', () => {
    expect(streamed('', 'simple', [])).toBe('\r\n');
    expect(streamed('', 'relaxed', [])).toBe('');
    expect(streamed('\r\n\r\n', 'simple', [])).toBe('\r\n');
    expect(streamed(' \t\r\n', 'relaxed', [])).toBe('');
    expect(streamed('abc', 'simple', [])).toBe('abc\r\n');
    expect(streamed('abc \t', 'relaxed', [])).toBe('abc\r\n');
    expect(streamed('a\rb\r', 'simple', [])).toBe('a\rb\r\r\n');
  });

  it('matches the line-by-line reference whatever the chunk boundaries', () => {
    const body = fc
      .array(fc.constantFrom('a', 'b', ' ', '\t', '\r\n', '\r\n', '\r', '\u00a0', 'é'), { maxLength: 60 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(
        body,
        fc.array(fc.nat(70), { maxLength: 6 }),
        fc.constantFrom('simple', 'relaxed'),
        (b, cuts, mode) => {
          const m = mode as Canonicalization;
          // the reference treats a lone CR as content, as the RFC does; it only splits on CRLF
          expect(streamed(b, m, cuts)).toBe(reference(b, m));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps white space that a later chunk turns into an inner run or a line end', () => {
    expect(streamed('a  \t', 'relaxed', [2])).toBe('a\r\n');
    expect(streamed('a  \t\r\nb', 'relaxed', [2, 4, 5])).toBe('a\r\nb\r\n');
    expect(streamed('a  \t b\r\n', 'relaxed', [1, 3])).toBe('a b\r\n');
    expect(streamed('a\r\n\r\n\r\nb', 'simple', [1, 2, 3, 4, 5, 6])).toBe('a\r\n\r\n\r\nb\r\n');
  });

  it('reads bare LF as CRLF for a body held in memory', () => {
    expect(canonicalizeBody(Buffer.from('a \nb\n\n'), 'relaxed').toString()).toBe('a\r\nb\r\n');
  });
});

describe('body hashes with l= (RFC 6376 §3.4.5, §3.5)', () => {
  it('hashes the first l octets of the canonical body and keeps what follows', () => {
    const hashes = new BodyHashes();
    const whole = hashes.add({ canonicalization: 'relaxed', hash: 'sha256' });
    const limited = hashes.add({ canonicalization: 'relaxed', hash: 'sha256', limit: 5 });
    hashes.write(Buffer.from('Hi  there\r\nmore  text\r\n\r\n'));
    hashes.end();
    const canonical = 'Hi there\r\nmore text\r\n';
    const sha = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(hashes.result(whole)).toEqual({ digest: sha(canonical), canonicalBytes: canonical.length });
    expect(hashes.result(limited)).toEqual({
      digest: sha(canonical.slice(0, 5)),
      canonicalBytes: canonical.length,
      unsigned: canonical.slice(5),
    });
  });

  it('computes the RFC 6376 Appendix A body hash of an empty body', () => {
    // simple canonicalization of an empty body is CRLF (RFC 6376 §3.4.3)
    const hashes = new BodyHashes();
    const k = hashes.add({ canonicalization: 'simple', hash: 'sha256' });
    hashes.end();
    expect(hashes.result(k)?.digest).toBe('frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=');
  });
});

describe('header canonicalization (RFC 6376 §3.4.2) and b= removal (§3.7)', () => {
  it('gives the RFC 6376 §3.4.5 example', () => {
    expect(relaxedHeader('A: X')).toBe('a:X');
    expect(relaxedHeader('B : Y\t\r\n\tZ  ')).toBe('b:Y Z');
  });

  it('lower-cases only US-ASCII letters of the name, leaving latin1 octets alone', () => {
    expect(relaxedHeader('X-\u00c9T\u00c9: V')).toBe('x-\u00c9t\u00c9:V');
  });

  it('empties exactly the b= value, not bh= or a b= inside another tag', () => {
    expect(stripSignatureValue('DKIM-Signature: a=rsa-sha256; bh=abc; b=de\r\n f; z=From:b=1')).toBe(
      'DKIM-Signature: a=rsa-sha256; bh=abc; b=; z=From:b=1',
    );
    expect(stripSignatureValue('DKIM-Signature: b = xyz ;d=x')).toBe('DKIM-Signature: b =;d=x');
    expect(stripSignatureValue('DKIM-Signature: B=xyz; d=x')).toBe('DKIM-Signature: B=xyz; d=x');
  });
});

describe('the message model (RFC 5322 §2.2, RFC 6376 §5.4.2)', () => {
  const section = new MessageHeaderSection(
    splitHeaderFields(
      'From: a@x.test\r\nTo: b@x.test\r\nSubject: one\r\n two\nsubject: three\r\nnot a field\r\nX: y',
    ),
  );

  it('splits fields once, folding kept, a line that is not a field appended to the one above', () => {
    expect(section.fields.map((f) => f.raw)).toEqual([
      'From: a@x.test',
      'To: b@x.test',
      'Subject: one\r\n two',
      'subject: three\r\nnot a field',
      'X: y',
    ]);
    expect(section.count('subject')).toBe(2);
  });

  it('selects repeated fields bottom-up, and a name with no instance left selects nothing', () => {
    expect(section.select(['Subject', 'SUBJECT', 'subject', ' from ']).map((f) => f.raw)).toEqual([
      'subject: three\r\nnot a field',
      'Subject: one\r\n two',
      'From: a@x.test',
    ]);
  });

  it('skips an mbox From_ line', () => {
    const s = new MessageHeaderSection(
      splitHeaderFields('From a@x.test Mon Jan  1 12:00:00 2024\nFrom: a@x.test'),
    );
    expect(s.fields.map((f) => f.key)).toEqual(['from']);
  });
});
