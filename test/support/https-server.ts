/**
 * A loopback HTTPS server for tests, with a throw-away PKI made by the `openssl` CLI at run time (node:crypto
 * cannot issue X.509 certificates). Used for MTA-STS policy fetches and BIMI assets: the product's fetcher keeps
 * `rejectUnauthorized: true` and the tests hand it the test CA.
 *
 * @module
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FetchOptions, type FetchResult, fetchHttps, type HttpsFetch } from '../../src/https/fetch.js';

/** True when the `openssl` command-line tool can be run. */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Message for `describe.skipIf(!opensslAvailable())`. */
export const NO_OPENSSL = 'openssl CLI not found: HTTPS tests (MTA-STS, BIMI) skipped';

/** A certificate and its private key, PEM. */
export interface KeyPair {
  cert: string;
  key: string;
}

/** A test certificate authority in a temporary directory. */
export interface TestPki {
  /** The CA certificate (PEM): pass it as `ca` to the fetcher. */
  caCert: string;
  /** Issues a server certificate for `hosts` (subjectAltName DNS names) signed by this CA. */
  issue(hosts: string[]): KeyPair;
  /** Deletes the temporary directory. */
  dispose(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/**
 * Makes a CA (EC P-256, valid 2 days) in a fresh temporary directory.
 * @throws when `openssl` is missing or fails.
 */
export function createTestPki(name = 'mailgate test CA'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'mailgate-pki-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  let serial = 0;
  return {
    caCert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    issue(hosts: string[]): KeyPair {
      serial++;
      const base = `leaf${serial}`;
      writeFileSync(
        join(dir, `${base}.ext`),
        [
          `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
          'basicConstraints=CA:FALSE',
          'keyUsage=critical,digitalSignature',
          'extendedKeyUsage=serverAuth',
        ].join('\n'),
      );
      openssl(
        [
          'req',
          ...ec,
          '-keyout',
          `${base}.key`,
          '-out',
          `${base}.csr`,
          '-subj',
          `/CN=${hosts[0] ?? 'localhost'}`,
        ],
        dir,
      );
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(1000 + serial),
          '-out',
          `${base}.pem`,
          '-days',
          '2',
          '-extfile',
          `${base}.ext`,
        ],
        dir,
      );
      return {
        cert: readFileSync(join(dir, `${base}.pem`), 'utf8'),
        key: readFileSync(join(dir, `${base}.key`), 'utf8'),
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A canned response: status (default 200), headers, body. */
export interface StaticResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Answers a request: a canned response, or a handler that writes its own (or never answers). */
export type Route = StaticResponse | ((req: IncomingMessage, res: ServerResponse) => void);

/** A running test HTTPS server. */
export interface TestHttpsServer {
  port: number;
  /** `host + path` of every request received, in order (host without port). */
  requests: string[];
  /** Sets the route for `https://<host><path>` (host without port). */
  route(host: string, path: string, route: Route): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTPS server on 127.0.0.1 (a free port) with `pair`. Requests are routed by `Host` (port removed)
 * and path; unknown routes get 404.
 */
export async function startHttpsServer(pair: KeyPair): Promise<TestHttpsServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = https.createServer({ cert: pair.cert, key: pair.key }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const key = `${host}${req.url ?? '/'}`;
    requests.push(key);
    const route = routes.get(key);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') return route(req, res);
    res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    route: (host, path, route) => routes.set(`${host.toLowerCase()}${path}`, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The product fetcher ({@link fetchHttps}), but connecting to `port` instead of 443: the URL is rewritten, so
 * the host name (SNI, certificate check, `Host`) is unchanged and the address still comes from the Resolver.
 */
export function fetchOnPort(port: number, calls?: string[]): HttpsFetch {
  return (url: string, options: FetchOptions): Promise<FetchResult> => {
    calls?.push(url);
    const u = new URL(url);
    u.port = String(port);
    return fetchHttps(u.toString(), options).then((r) => ({ ...r, url }));
  };
}
