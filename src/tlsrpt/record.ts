/**
 * TLS-RPT TXT record syntax (RFC 8460 §3):
 *
 * ```
 * tlsrpt-record     = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 * field-delim       = *WSP ";" *WSP
 * tlsrpt-version    = %s"v=TLSRPTv1"
 * tlsrpt-rua        = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 * tlsrpt-uri        = URI   ; commas and semicolons must be percent-encoded
 * tlsrpt-extension  = tlsrpt-ext-name "=" tlsrpt-ext-value
 * tlsrpt-ext-name   = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 * tlsrpt-ext-value  = 1*(%x21-3A / %x3C / %x3E-7E)
 * ```
 *
 * @module
 */

/** True when a TXT record is a TLS-RPT record candidate: it begins with `v=TLSRPTv1` (RFC 8460 §3). */
export function isTlsRptRecord(text: string): boolean {
  return /^v=TLSRPTv1[ \t]*(;|$)/.test(text);
}

/** One `rua` URI and whether it is usable. */
export interface TlsRptUri {
  uri: string;
  scheme: 'mailto' | 'https' | null;
  /** Why the URI is not usable; absent when it is. */
  error?: string;
}

/** A parsed `_smtp._tls` record. */
export interface TlsRptRecord {
  /** The `rua` URIs in order (empty when `rua` is missing). */
  rua: TlsRptUri[];
  /** True when the record has a `rua` field. */
  hasRua: boolean;
  /** Extension fields, in order. */
  extensions: Array<{ name: string; value: string }>;
  /** Syntax problems other than URI problems, one sentence each. */
  errors: string[];
}

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
/** A mailbox: local-part "@" domain, conservatively (RFC 5321 §4.1.2 dot-atom local part, LDH domain). */
const MAILBOX =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Checks one reporting URI: `mailto:` with one address (RFC 6068), or an `https:` URL with a host. */
export function checkReportUri(uri: string): TlsRptUri {
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon).toLowerCase() : '';
  if (scheme === 'mailto') {
    const rest = uri.slice(colon + 1);
    const addr = decodeURIComponentSafe(rest.split('?')[0] ?? '');
    if (addr === null || !MAILBOX.test(addr))
      return { uri, scheme: 'mailto', error: `"${rest}" is not one email address` };
    return { uri, scheme: 'mailto' };
  }
  if (scheme === 'https') {
    try {
      const u = new URL(uri);
      if (u.hostname === '') return { uri, scheme: 'https', error: 'the URL has no host' };
      return { uri, scheme: 'https' };
    } catch {
      return { uri, scheme: 'https', error: 'not a valid URL' };
    }
  }
  return {
    uri,
    scheme: null,
    error: scheme ? `scheme "${scheme}:" is not mailto or https` : 'not a URI (no scheme)',
  };
}

function decodeURIComponentSafe(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Parses a TLS-RPT record (character-strings already joined) per RFC 8460 §3. Never throws. */
export function parseTlsRptRecord(text: string): TlsRptRecord {
  const out: TlsRptRecord = { rua: [], hasRua: false, extensions: [], errors: [] };
  const parts = text.split(';');
  const version = (parts[0] ?? '').trim();
  if (version !== 'v=TLSRPTv1')
    out.errors.push(`the record must start with "v=TLSRPTv1" (found "${version}")`);
  for (let i = 1; i < parts.length; i++) {
    const field = parts[i]!.trim();
    if (field === '') {
      if (i !== parts.length - 1) out.errors.push('empty field between two ";"');
      continue;
    }
    const eq = field.indexOf('=');
    if (eq < 1) {
      out.errors.push(`field "${field}" is not name=value`);
      continue;
    }
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'rua') {
      if (out.hasRua) {
        out.errors.push('rua appears more than once');
        continue;
      }
      out.hasRua = true;
      const uris = value.split(',').map((u) => u.trim());
      for (const u of uris) {
        if (u === '') out.rua.push({ uri: u, scheme: null, error: 'empty URI' });
        else out.rua.push(checkReportUri(u));
      }
    } else if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      out.errors.push(`field "${field}" is not a valid extension`);
    } else {
      out.extensions.push({ name, value });
    }
  }
  return out;
}
