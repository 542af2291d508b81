// Name lengths after macro expansion are counted in octets (RFC 1035 §2.3.4; RFC 7208 §4.8, §7.3): a
// non-ASCII (SMTPUTF8, RFC 6531) local-part in %{l} or %{s} is longer in UTF-8 octets than in characters.
import { describe, expect, it } from 'vitest';
import { type DnsResult, dnsFailure, type RRType } from '../../src/dns/resolver.js';
import { checkHost } from '../../src/spf/check-host.js';
import { expandDomainSpec, isQueryableName, type MacroValues, parseDomainSpec } from '../../src/spf/macro.js';

const values = (localPart: string): MacroValues => ({
  sender: `${localPart}@example.com`,
  localPart,
  senderDomain: 'example.com',
  domain: 'example.com',
  ipDots: '192.0.2.1',
  ipText: '192.0.2.1',
  ipVersionLabel: 'in-addr',
  helo: 'mail.example.com',
  receiver: 'unknown',
  timestamp: 0,
  validatedName: async () => 'unknown',
});
const spec = (text: string) => {
  const p = parseDomainSpec(text, 0);
  if (!p.value) throw new Error(p.error.message);
  return p.value;
};

describe('macro name lengths in octets', () => {
  it('limits labels to 63 octets: 32 "é" are 32 characters but 64 octets', () => {
    expect(Buffer.byteLength('é'.repeat(32))).toBe(64);
    expect(isQueryableName(`${'é'.repeat(31)}.example.com`)).toBe(true); // 62 octets
    expect(isQueryableName(`${'é'.repeat(32)}.example.com`)).toBe(false);
    expect(isQueryableName(`${'x'.repeat(63)}.example.com`)).toBe(true);
  });

  it('limits names to 253 octets: 80 labels "éé" are 239 characters but 399 octets', () => {
    const fits = Array.from({ length: 50 }, () => 'é').join('.'); // 50 * 2 + 49 = 149 octets
    expect(isQueryableName(fits)).toBe(true);
    const over = Array.from({ length: 40 }, () => 'éé').join('.'); // 119 characters, 199 octets
    expect(`${over}.${over}`.length).toBe(239);
    expect(isQueryableName(`${over}.${over}`)).toBe(false); // 399 octets
  });

  it('truncates an expansion over 253 octets from the left, label by label (RFC 7208 §7.3)', async () => {
    const local = Array.from({ length: 40 }, () => 'éé').join('.'); // 119 characters, 199 octets
    // %{l}.%{l}.t.example: 249 characters (under 253) but 409 octets: 32 labels of 5 octets go.
    const out = await expandDomainSpec(spec('%{l}.%{l}.t.example'), values(local));
    expect(out).toBe(`${'éé.'.repeat(48)}t.example`);
    expect(Buffer.byteLength(out)).toBe(249);
    // ASCII is unchanged: 253 octets stay, 254 lose a label.
    const a = `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(59)}`; // 245
    expect(await expandDomainSpec(spec('%{l}.example'), values(a))).toBe(`${a}.example`);
    expect(await expandDomainSpec(spec('%{l}.example1'), values(a))).toBe(
      `${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(59)}.example1`,
    );
  });

  it('checkHost queries the truncated name for a non-ASCII local-part, and matches on it', async () => {
    const local = Array.from({ length: 40 }, () => 'éé').join('.');
    const expected = `${'éé.'.repeat(48)}t.example`;
    const asked: string[] = [];
    const resolver = {
      async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
        asked.push(`${name}/${type}`);
        if (name === 'example.com' && type === 'TXT')
          return {
            ok: true,
            name,
            type,
            records: [['v=spf1 exists:%{l}.%{l}.t.example -all']],
          } as DnsResult<T>;
        if (name === expected && type === 'A')
          return { ok: true, name, type, records: ['127.0.0.2'] } as DnsResult<T>;
        return dnsFailure(name, type, 'NXDOMAIN');
      },
    };
    const r = await checkHost(
      { ip: '192.0.2.1', domain: 'example.com', sender: `${local}@example.com` },
      { resolver },
    );
    expect(asked).toEqual(['example.com/TXT', `${expected}/A`]);
    expect(r.result).toBe('pass');
    expect(r.voidLookups).toBe(0);
  });

  it('checkHost does not query a label over 63 octets from %{l}: no match, no void lookup', async () => {
    const asked: string[] = [];
    const resolver = {
      async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
        asked.push(`${name}/${type}`);
        if (name === 'example.com' && type === 'TXT')
          return { ok: true, name, type, records: [['v=spf1 exists:%{l}.t.example ~all']] } as DnsResult<T>;
        return dnsFailure(name, type, 'BADNAME');
      },
    };
    const r = await checkHost(
      { ip: '192.0.2.1', domain: 'example.com', sender: `${'ü'.repeat(40)}@example.com` },
      { resolver },
    );
    expect(asked).toEqual(['example.com/TXT']);
    expect(r.result).toBe('softfail');
  });
});
