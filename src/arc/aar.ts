/**
 * A small reader for Authentication-Results values (RFC 8601 §2.2), enough to show what an ARC sealer
 * recorded in its ARC-Authentication-Results (RFC 8617 §4.1.1) and to check generated headers.
 *
 * @module
 */

/** One `method=result` with its properties. */
export interface ResInfo {
  /** The method, lower-cased (`spf`, `dkim`, `dmarc`, `arc`...). */
  method: string;
  /** The result, lower-cased. */
  result: string;
  /** `reason=` when given. */
  reason?: string;
  /** Properties as `ptype.property` → value (quotes removed). */
  props: Record<string, string>;
}

/** A parsed Authentication-Results (or ARC-Authentication-Results) value. */
export interface AuthResultsValue {
  /** The ARC instance (`i=N;` at the start of an ARC-Authentication-Results), when present. */
  instance?: number;
  /** The authserv-id. */
  authservId: string;
  /** The version after the authserv-id, when present. */
  version?: string;
  /** The results; empty for `none`. */
  results: ResInfo[];
}

type Token = { kind: 'word' | 'quoted' | 'semi' | 'eq'; text: string };

/** Tokenizes: comments dropped (nested, with quoted-pairs), quoted-strings unescaped, `;` and `=` separate. */
function tokenize(value: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let word = '';
  const flush = () => {
    if (word !== '') out.push({ kind: 'word', text: word });
    word = '';
  };
  while (i < value.length) {
    const c = value[i] as string;
    if (c === '(') {
      flush();
      let depth = 1;
      i++;
      while (i < value.length && depth > 0) {
        const d = value[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
        i++;
      }
      continue;
    }
    if (c === '"') {
      flush();
      let text = '';
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        text += value[i];
        i++;
      }
      i++;
      out.push({ kind: 'quoted', text });
      continue;
    }
    if (c === ';' || c === '=') {
      flush();
      out.push({ kind: c === ';' ? 'semi' : 'eq', text: c });
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      flush();
      i++;
      continue;
    }
    word += c;
    i++;
  }
  flush();
  return out;
}

/**
 * Parses an Authentication-Results value (or an ARC-Authentication-Results value, with its leading `i=N;`).
 * Lenient: unknown shapes are skipped, never thrown on.
 */
export function parseAuthResultsValue(value: string): AuthResultsValue {
  const tokens = tokenize(value);
  const stmts: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'semi') stmts.push([]);
    else stmts[stmts.length - 1]?.push(t);
  }
  const out: AuthResultsValue = { authservId: '', results: [] };
  let k = 0;
  const first = stmts[0] ?? [];
  if (
    first.length === 3 &&
    first[0]?.text === 'i' &&
    first[1]?.kind === 'eq' &&
    /^\d+$/.test(first[2]?.text ?? '')
  ) {
    out.instance = Number(first[2]?.text);
    k = 1;
  }
  const head = stmts[k] ?? [];
  out.authservId = head[0]?.text ?? '';
  if (head[1] && head[1].kind !== 'eq') out.version = head[1].text;
  for (const stmt of stmts.slice(k + 1)) {
    if (stmt.length < 3 || stmt[1]?.kind !== 'eq') continue;
    const info: ResInfo = {
      method: (stmt[0]?.text ?? '').toLowerCase(),
      result: (stmt[2]?.text ?? '').toLowerCase(),
      props: {},
    };
    let j = 3;
    while (j + 2 < stmt.length) {
      const name = stmt[j];
      const eq = stmt[j + 1];
      const val = stmt[j + 2];
      if (!name || !eq || !val || eq.kind !== 'eq') {
        j++;
        continue;
      }
      if (name.text.toLowerCase() === 'reason') info.reason = val.text;
      else info.props[name.text.toLowerCase()] = val.text;
      j += 3;
    }
    out.results.push(info);
  }
  return out;
}
