import { describe, expect, it } from 'vitest';
import { expandDomainSpec, type MacroValues, parseDomainSpec } from '../../src/spf/macro.js';
import {
  dynamicMacroLetters,
  escapeMacroLiteral,
  expandStaticDomainSpec,
} from '../../src/spf/static-macro.js';

const spec = (text: string) => {
  const r = parseDomainSpec(text, 0);
  if (r.error) throw new Error(r.error.message);
  return r.value;
};
const values = { domain: '_spf.a.example.org', senderDomain: 'example.org' };

describe('expandStaticDomainSpec', () => {
  it.each([
    ['%{d}.x.example', '_spf.a.example.org.x.example'],
    // RFC 7208 §7.3 transformers on the values of d and o (cf. the §7.4 examples with %{d4}, %{d2}, %{dr}).
    ['%{d2}.x.example', 'example.org.x.example'],
    ['%{dr}.x.example', 'org.example.a._spf.x.example'],
    ['%{d2r}', 'a._spf'],
    ['%{o}', 'example.org'],
    ['%{or}.x.example', 'org.example.x.example'],
    // A delimiter that the value does not contain: one part.
    ['%{o2-}.x.example', 'example.org.x.example'],
    ['%{D}.x.example', '_spf.a.example.org.x.example'],
    // Escapes, and the trailing dot dropped.
    ['%{d}.x.example.', '_spf.a.example.org.x.example'],
    ['a%%b.%{o}', 'a%b.example.org'],
    ['literal.example', 'literal.example'],
  ])('%s -> %s', async (text, expected) => {
    expect(expandStaticDomainSpec(spec(text), values)).toBe(expected);
    // The same as check_host()'s expansion for a message from the analyzed domain.
    const full: MacroValues = {
      sender: 'someone@example.org',
      localPart: 'someone',
      senderDomain: values.senderDomain,
      domain: values.domain,
      ipDots: '192.0.2.1',
      ipText: '192.0.2.1',
      ipVersionLabel: 'in-addr',
      helo: 'mta.example.net',
      receiver: 'unknown',
      timestamp: 0,
      validatedName: async () => 'unknown',
    };
    expect(await expandDomainSpec(spec(text), full)).toBe(expected);
  });

  it('shortens a result over 253 characters from the left, as check_host() does (RFC 7208 §7.3)', () => {
    const long = {
      domain: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example`,
      senderDomain: 'x.org',
    };
    expect(expandStaticDomainSpec(spec('%{d}.%{d}'), long)).toBe(`example.${long.domain}`);
  });

  it('leaves specs with per-message letters unexpanded and names those letters', () => {
    for (const text of [
      '%{i}.x.example',
      '%{d}.%{ir}.x.example',
      '%{l}.%{d}',
      '%{p}.x.example',
      '%{h}',
      '%{v}.x.example',
      '%{s}',
    ]) {
      expect(expandStaticDomainSpec(spec(text), values)).toBeNull();
    }
    expect(dynamicMacroLetters(spec('%{ir}.%{d}.%{i}.%{l}.x.example'))).toEqual(['i', 'l']);
    expect(dynamicMacroLetters(spec('%{d}.%{o}.x.example'))).toEqual([]);
  });

  it('escapes a name back into a macro-string that expands to it', () => {
    expect(escapeMacroLiteral('a%b c.example')).toBe('a%%b%_c.example');
    expect(expandStaticDomainSpec(spec(`${escapeMacroLiteral('a%b.example')}`), values)).toBe('a%b.example');
  });
});
