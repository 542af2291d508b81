/**
 * Syntax checks of the From field value that DMARC does not make itself: RFC 5322 §3.6.2 defines From as a
 * `mailbox-list`; RFC 6854 §2.1 allows the `group` form of §3.4 (`display-name ":" [group-list] ";"`) there too,
 * but only for limited use, and many receivers refuse it.
 *
 * @module
 */

/**
 * Finds group syntax in a From field value (unfolded, untrusted text): a `:` outside quoted strings, comments
 * (nested, RFC 5322 §3.2.2), angle-bracketed addresses (whose obsolete route form `<@a,@b:x@y>` contains a
 * colon, §4.4), domain literals (`[IPv6:2001:db8::1]`) and RFC 2047 encoded-words, and not after an `@` of the
 * same list element (a display name has none, so such a colon belongs to a malformed address, not a group).
 *
 * @returns the group's display-name (trimmed, possibly empty) when the value uses group syntax, else null.
 */
export function fromGroupName(value: string): string | null {
  let depth = 0; // comment nesting
  let quoted = false;
  let angle = false;
  let at = false; // an "@" in this list element
  let element = 0; // where this list element starts
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (quoted || depth > 0)) {
      i++; // quoted-pair
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (angle) {
      if (c === '>') angle = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') depth = 1;
    else if (c === '<') angle = true;
    else if (c === '@') at = true;
    else if (c === ',') {
      at = false;
      element = i + 1;
    } else if (c === '[') {
      // a domain literal (RFC 5322 §3.4.1): its colons are an IPv6 address's
      const close = value.indexOf(']', i);
      i = close < 0 ? value.length : close;
    } else if (c === '=' && value[i + 1] === '?') {
      // an encoded-word (RFC 2047 §2): =?charset?encoding?encoded-text?=
      const m = /^=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=/.exec(value.slice(i));
      if (m) i += m[0].length - 1;
    } else if (c === ':' && !at) return value.slice(element, i).trim();
  }
  return null;
}
