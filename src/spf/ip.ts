/**
 * IP address helpers for SPF: strict parsing of the `ip4-network` / `ip6-network` forms of RFC 7208 §5.6,
 * client addresses (RFC 7208 §5: an IPv4-mapped IPv6 address is an IPv4 client), CIDR matching, and the
 * text forms used by the `i` and `c` macros (RFC 7208 §7.3).
 *
 * @module
 */

/** A parsed IP address: 4 bytes for IPv4, 16 for IPv6. */
export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

/**
 * Parses an `ip4-network` (RFC 7208 §5.6): exactly four dotted decimal `qnum`s without leading zeros.
 * @returns the address, or `null` when the text is not in that form.
 */
export function parseIp4(text: string): IpAddress | null {
  const bytes = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      // a qnum: 1 to 3 digits, no leading zero, at most 255
      if (digits === 0 || part > 3 || value > 255) return null;
      bytes[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && value === 0) return null;
      value = value * 10 + (c - 0x30);
      if (++digits > 3) return null;
    } else return null;
  }
  return part === 4 ? { version: 4, bytes } : null;
}

/**
 * Parses an `ip6-network` in the text forms of RFC 4291 §2.2 (full, `::`-compressed, and with an embedded
 * dotted IPv4 tail). Zone indexes (`%eth0`) and brackets are not accepted.
 * @returns the address, or `null` when the text is not in one of those forms.
 */
export function parseIp6(text: string): IpAddress | null {
  if (text.length === 0 || text.length > 45) return null;
  let head = text;
  let v4: IpAddress | null = null;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return null;
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    v4 = parseIp4(tail);
    if (!v4) return null;
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps "::"; "a:b::1.2.3.4" keeps "a:b::"; "a:...:f:1.2.3.4" leaves a trailing ":" to drop.
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsWanted = v4 ? 6 : 8;
  const dbl = head.indexOf('::');
  if (dbl !== head.lastIndexOf('::')) return null;
  const parseGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const left = parseGroups(head.slice(0, dbl));
    const right = parseGroups(head.slice(dbl + 2));
    if (!left || !right) return null;
    const missing = groupsWanted - left.length - right.length;
    if (missing < 1) return null;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    const all = parseGroups(head);
    if (!all || all.length !== groupsWanted) return null;
    groups = all;
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (v4) bytes.set(v4.bytes, 12);
  return { version: 6, bytes };
}

/**
 * Parses an SMTP client address (`<ip>` of check_host(), RFC 7208 §4.1). Accepts dotted IPv4 and the
 * RFC 4291 IPv6 forms (surrounding whitespace and `[...]` brackets are ignored). An IPv4-mapped IPv6
 * address (`::ffff:a.b.c.d`) is returned as the IPv4 address (RFC 7208 §5).
 * @returns the address, or `null` when the text is not an IP address.
 */
export function parseClientIp(text: string): IpAddress | null {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (/^ipv6:/i.test(t)) t = t.slice(5);
  const ip = t.includes(':') ? parseIp6(t) : parseIp4(t);
  if (!ip) return null;
  return unmapIp(ip);
}

/** Turns an IPv4-mapped IPv6 address (`::ffff:0:0/96`) into the IPv4 address; other addresses are returned as is. */
export function unmapIp(ip: IpAddress): IpAddress {
  if (ip.version === 6) {
    const b = ip.bytes;
    let mapped = b[10] === 0xff && b[11] === 0xff;
    for (let i = 0; i < 10 && mapped; i++) if (b[i] !== 0) mapped = false;
    if (mapped) return { version: 4, bytes: b.slice(12) };
  }
  return ip;
}

/** True when the first `prefix` bits of `a` and `b` are equal and both have the same version. */
export function cidrMatch(a: IpAddress, b: IpAddress, prefix: number): boolean {
  if (a.version !== b.version) return false;
  const full = Math.floor(prefix / 8);
  for (let i = 0; i < full; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a.bytes[full] ?? 0) & mask) === ((b.bytes[full] ?? 0) & mask);
}

function dottedQuad(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** The canonical text form: dotted quad, or RFC 5952 compressed lower-case IPv6. */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return dottedQuad(ip.bytes);
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  // Longest run of at least two zero groups (RFC 5952 §4.2.2, §4.2.3: first one on ties).
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * The dot-format of an address for the `i` macro and reverse lookups (RFC 7208 §7.3): dotted quad for IPv4;
 * for IPv6 the 32 nibbles, lower-case hex, most significant first, separated by dots (RFC 7208 §7.4 example).
 */
export function dotFormat(ip: IpAddress): string {
  if (ip.version === 4) return dottedQuad(ip.bytes);
  const nibbles: string[] = [];
  for (const b of ip.bytes) nibbles.push((b >> 4).toString(16), (b & 0xf).toString(16));
  return nibbles.join('.');
}

/** The reverse-lookup name (`in-addr.arpa` / `ip6.arpa`, RFC 1035 §3.5, RFC 3596 §2.5) of an address. */
export function reverseName(ip: IpAddress): string {
  return `${dotFormat(ip).split('.').reverse().join('.')}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa`;
}

/** Parses an address as given by a {@link Resolver} answer (A or AAAA record data). */
export function parseAnswerIp(text: string): IpAddress | null {
  return text.includes(':') ? parseIp6(text) : parseIp4(text);
}
