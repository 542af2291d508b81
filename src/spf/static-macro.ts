/**
 * Static expansion of SPF macros for analysis without a client (RFC 7208 §7.2, §7.3): the letters whose value
 * is the same for every message are expanded, so a target such as `include:%{d}._spf.example.com` can be
 * checked like a literal one.
 *
 * - `d`: the `<domain>` of the current check_host(): the analyzed domain in its own record, the target
 *   domain in an included or redirected record (RFC 7208 §4.1, §5.2, §6.1).
 * - `o`: the domain of `<sender>`, which no recursion changes (RFC 7208 §7.2): the analyzed domain, as the
 *   policy of a domain is evaluated for mail whose MAIL FROM (or HELO) identity is that domain (§4.1).
 *
 * Every other letter (`s`, `l`, `i`, `p`, `h`, `v`, and `c`, `r`, `t` of explanations) depends on the
 * message or the client.
 *
 * @module
 */

import { type MacroString, targetName, transformValue, urlEscape } from './macro.js';

/** The macro letters known without a client (see the module description). */
export const STATIC_MACRO_LETTERS: ReadonlySet<string> = new Set(['d', 'o']);

/** The values of the {@link STATIC_MACRO_LETTERS}. */
export interface StaticMacroValues {
  /** `d`: the domain of the current check_host() (lower-case A-labels). */
  domain: string;
  /** `o`: the domain of the sender: the analyzed domain. */
  senderDomain: string;
}

/** The macro letters of a macro-string whose value depends on the message or the client, each once, in order. */
export function dynamicMacroLetters(ms: MacroString): string[] {
  const out: string[] = [];
  for (const t of ms.tokens) {
    if (t.type === 'macro' && !STATIC_MACRO_LETTERS.has(t.letter) && !out.includes(t.letter))
      out.push(t.letter);
  }
  return out;
}

/**
 * Expands a domain-spec whose macros are all static (RFC 7208 §7.3, §7.4: transformers, delimiters,
 * URL escaping of upper-case letters, `%%` `%_` `%-`; a trailing dot dropped, a result over 253 octets
 * shortened from the left label by label, as check_host() does).
 *
 * @returns the target name (not normalised), or null when a macro depends on the message or the client
 */
export function expandStaticDomainSpec(ms: MacroString, values: StaticMacroValues): string | null {
  let out = '';
  for (const t of ms.tokens) {
    if (t.type === 'literal') out += t.text;
    else if (t.type === 'escape') out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
    else {
      if (!STATIC_MACRO_LETTERS.has(t.letter)) return null;
      const raw = t.letter === 'd' ? values.domain : values.senderDomain;
      const transformed = transformValue(raw, t.digits, t.reverse, t.delimiters);
      out += t.urlEscape ? urlEscape(transformed) : transformed;
    }
  }
  return targetName(out);
}

/** Writes a name back as a macro-string that expands to it: `%` as `%%`, a space as `%_`. */
export function escapeMacroLiteral(name: string): string {
  return name.replace(/%/g, '%%').replace(/ /g, '%_');
}
