/**
 * The HTTPS fetcher behind MTA-STS policy retrieval (RFC 8461 §3.3) and BIMI asset retrieval: one GET, the
 * certificate always validated, redirects refused, a size limit and an overall time limit, and the host name
 * resolved through mailgate's {@link Resolver} (so zone files decide where `mta-sts.<domain>` goes).
 *
 * Failures are values ({@link FetchFailure}), never exceptions. The fetcher is injectable: audits take an
 * {@link HttpsFetch} so tests (and callers behind a proxy) can wrap or replace it.
 *
 * @module
 */

import type { LookupAddress } from 'node:dns';
import https from 'node:https';
import { isIP } from 'node:net';
import { type DnsFailureKind, isAbsent, normalizeName, type Resolver } from '../dns/resolver.js';

/** Default overall time limit for one fetch, in milliseconds (RFC 8461 §3.3 suggests at most one minute). */
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
/** Default body size limit, in bytes (RFC 8461 §3.3: "a maximum size of 64 kilobytes"). */
export const DEFAULT_MAX_BYTES = 64 * 1024;

/** Options for one {@link HttpsFetch} call. */
export interface FetchOptions {
  /** Resolves the URL's host name (A, then AAAA when there is no A record). */
  resolver: Resolver;
  /**
   * Trusted CA certificates (PEM) that REPLACE the system roots for this request: for tests with a test CA
   * and for private PKIs. The certificate is always validated (`rejectUnauthorized` is always true).
   */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Overall time limit, in milliseconds, from the DNS lookup to the last body byte. */
  timeoutMs: number;
  /** The largest accepted body, in bytes; a larger `Content-Length` or body fails with `too-large`. */
  maxBytes: number;
  /** The `Accept` header to send (default `*\/*`). */
  accept?: string;
  /** Aborts the fetch (it then fails with `timeout`). */
  signal?: AbortSignal;
}

/** A fetched resource: HTTP 200 with a body within the limits. */
export interface FetchSuccess {
  ok: true;
  url: string;
  /** Always 200: any other status is a {@link FetchFailure}. */
  status: 200;
  /** The `Content-Type` header as sent, or null when absent. */
  contentType: string | null;
  body: Buffer;
  /** The IP address the connection went to. */
  address: string;
}

/**
 * Why a fetch failed:
 * - `bad-url`: not an `https:` URL with a valid host name.
 * - `no-address`: the host name has no A/AAAA record (NXDOMAIN or NODATA).
 * - `dns`: a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) resolving the host; see `dnsKind`.
 * - `tls`: the TLS handshake failed, e.g. the certificate is not trusted or not valid for the host; see `code`.
 * - `redirect`: a 3xx status (redirects are never followed, RFC 8461 §3.3); see `location`.
 * - `http-status`: any other status than 200; see `status`.
 * - `too-large`: the body (or its announced `Content-Length`) exceeds `maxBytes`.
 * - `timeout`: the time limit was reached or the fetch was aborted.
 * - `connection`: the connection failed or closed early (refused, reset, incomplete body); see `code`.
 */
export type FetchFailureKind =
  | 'bad-url'
  | 'no-address'
  | 'dns'
  | 'tls'
  | 'redirect'
  | 'http-status'
  | 'too-large'
  | 'timeout'
  | 'connection';

/** A fetch that produced no usable body, and why. */
export interface FetchFailure {
  ok: false;
  url: string;
  kind: FetchFailureKind;
  /** One sentence, for findings. */
  message: string;
  /** The HTTP status, for `redirect` and `http-status`. */
  status?: number;
  /** The `Location` header of a refused redirect. */
  location?: string;
  /** The DNS failure kind, for `dns` and `no-address`. */
  dnsKind?: DnsFailureKind;
  /** The Node/OpenSSL error code, for `tls` and `connection` (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`, `ECONNREFUSED`). */
  code?: string;
}

/** The outcome of {@link fetchHttps}: the body (at most `maxBytes` bytes) or a typed failure; never thrown. */
export type FetchResult = FetchSuccess | FetchFailure;

/** Fetches one https URL. The default implementation is {@link fetchHttps}; tests and proxies may inject another. */
export type HttpsFetch = (url: string, options: FetchOptions) => Promise<FetchResult>;

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO|ALTNAME|TLS|SSL|HANDSHAKE|ISSUER|SIGNATURE/i;

function fail(
  url: string,
  kind: FetchFailureKind,
  message: string,
  extra: Partial<FetchFailure> = {},
): FetchFailure {
  return { ok: false, url, kind, message, ...extra };
}

async function resolveHost(
  host: string,
  resolver: Resolver,
): Promise<{ ok: true; addresses: LookupAddress[] } | { ok: false; kind: DnsFailureKind; message: string }> {
  const a = await resolver.query(host, 'A');
  if (a.ok) return { ok: true, addresses: a.records.map((address) => ({ address, family: 4 })) };
  if (a.kind !== 'NODATA') return { ok: false, kind: a.kind, message: a.message };
  const aaaa = await resolver.query(host, 'AAAA');
  if (aaaa.ok) return { ok: true, addresses: aaaa.records.map((address) => ({ address, family: 6 })) };
  return { ok: false, kind: aaaa.kind, message: aaaa.message };
}

/**
 * GETs an `https:` URL the way RFC 8461 §3.3 wants a policy fetched, and returns the body or a typed failure.
 *
 * - The host is resolved through `options.resolver` (A, then AAAA) and the connection uses those addresses
 *   through a custom `lookup`, so SNI and certificate checks still use the host name.
 * - The certificate chain and host name are always validated (`rejectUnauthorized: true`), against the system
 *   roots or `options.ca`.
 * - Only status 200 succeeds; 3xx redirects are refused, not followed.
 * - The body is limited to `options.maxBytes` bytes and the whole exchange to `options.timeoutMs` ms.
 * - No connection reuse (`agent: false`), no cookies, no credentials.
 *
 * Never throws.
 */
export async function fetchHttps(url: string, options: FetchOptions): Promise<FetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(url, 'bad-url', `'${url}' is not a valid URL`);
  }
  if (parsed.protocol !== 'https:') return fail(url, 'bad-url', `'${url}' is not an https URL`);
  if (parsed.username || parsed.password) return fail(url, 'bad-url', `'${url}' carries credentials`);
  const rawHost = parsed.hostname;
  if (isIP(rawHost.replace(/^\[|\]$/g, '')) !== 0)
    return fail(url, 'bad-url', `'${url}' names an IP address, not a host`);
  const host = normalizeName(rawHost);
  if (host === null) return fail(url, 'bad-url', `'${url}' has an invalid host name`);

  const started = Date.now();
  if (options.signal?.aborted) return fail(url, 'timeout', `fetching ${url} was aborted`);
  const resolved = await resolveHost(host, options.resolver);
  if (!resolved.ok) {
    if (isAbsent(resolved.kind))
      return fail(url, 'no-address', `${host} has no A or AAAA record (${resolved.kind})`, {
        dnsKind: resolved.kind,
      });
    return fail(url, 'dns', `resolving ${host} failed (${resolved.kind})`, { dnsKind: resolved.kind });
  }
  const remaining = options.timeoutMs - (Date.now() - started);
  if (remaining <= 0 || options.signal?.aborted)
    return fail(url, 'timeout', `fetching ${url} took over ${options.timeoutMs} ms`);
  const addresses = resolved.addresses;
  const first = addresses[0]!;

  return new Promise<FetchResult>((resolve) => {
    let settled = false;
    let req: ReturnType<typeof https.request> | undefined;
    const done = (result: FetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      req?.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done(fail(url, 'timeout', `fetching ${url} took over ${options.timeoutMs} ms`)),
      remaining,
    );
    const onAbort = () => done(fail(url, 'timeout', `fetching ${url} was aborted`));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    try {
      req = https.request(
        {
          protocol: 'https:',
          host,
          servername: host,
          port: parsed.port ? Number(parsed.port) : 443,
          path: `${parsed.pathname}${parsed.search}`,
          method: 'GET',
          headers: { host: parsed.host, accept: options.accept ?? '*/*', 'user-agent': 'mailgate' },
          rejectUnauthorized: true,
          ...(options.ca ? { ca: options.ca } : {}),
          agent: false,
          lookup: ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
            if (opts?.all) callback(null, addresses);
            else callback(null, first.address, first.family);
          }) as never,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
            return done(
              fail(
                url,
                'redirect',
                `${url} answered ${status} (redirect${location ? ` to ${location}` : ''}, not followed)`,
                {
                  status,
                  ...(location ? { location } : {}),
                },
              ),
            );
          }
          if (status !== 200)
            return done(fail(url, 'http-status', `${url} answered HTTP ${status}`, { status }));
          const announced = Number(res.headers['content-length']);
          if (Number.isFinite(announced) && announced > options.maxBytes)
            return done(
              fail(url, 'too-large', `${url} announced ${announced} bytes (limit ${options.maxBytes})`),
            );
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxBytes)
              return done(fail(url, 'too-large', `${url} sent over ${options.maxBytes} bytes`));
            chunks.push(chunk);
          });
          res.on('end', () => {
            if (!res.complete) return done(fail(url, 'connection', `${url}: incomplete response`));
            const ct = res.headers['content-type'];
            done({
              ok: true,
              url,
              status: 200,
              contentType: typeof ct === 'string' ? ct : null,
              body: Buffer.concat(chunks, size),
              address: res.socket?.remoteAddress ?? first.address,
            });
          });
          res.on('error', (err: NodeJS.ErrnoException) =>
            done(fail(url, 'connection', `${url}: ${err.message}`, err.code ? { code: err.code } : {})),
          );
          res.on('close', () => {
            if (!res.complete)
              done(fail(url, 'connection', `${url}: connection closed before the body ended`));
          });
        },
      );
    } catch (err) {
      return done(fail(url, 'connection', `${url}: ${(err as Error).message}`));
    }
    req.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      const tls = TLS_CODE.test(code) || /certificate/i.test(err.message);
      done(fail(url, tls ? 'tls' : 'connection', `${url}: ${err.message}`, code ? { code } : {}));
    });
    req.end();
  });
}

/**
 * Checks a `Content-Type` header's media type (parameters ignored, case-insensitive).
 * @returns true when the media type is `expected`.
 */
export function hasMediaType(contentType: string | null, expected: string): boolean {
  if (contentType === null) return false;
  return (contentType.split(';')[0] ?? '').trim().toLowerCase() === expected.toLowerCase();
}
