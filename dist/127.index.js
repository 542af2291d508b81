export const id = 127;
export const ids = [127];
export const modules = {

/***/ 14127:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// UNUSED EXPORTS: MAX_ANNOTATIONS

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./node_modules/tldts/dist/cjs/index.js
var cjs = __webpack_require__(20935);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./lib/dns/resolver.js
/**
 * The one DNS abstraction every protocol module uses.
 *
 * A {@link Resolver} answers `query(name, type)` with a {@link DnsResult}: either the records or a
 * {@link DnsFailure} whose `kind` says *why* there are none. Failures are values, not exceptions, so that
 * each protocol maps them per its own RFC (RFC 7208 §4.4/§4.6.4: NXDOMAIN/NODATA are void lookups,
 * TIMEOUT/SERVFAIL are temperror). A timeout is never reported as "no record".
 *
 * @module
 */

/** All supported record types, in a stable order. */
const RR_TYPES = (/* unused pure expression or super */ null && (['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS', 'SOA']));
/**
 * Kinds that mean "we could not find out" rather than "there is nothing": a check is undetermined (SPF
 * temperror, RFC 7208 §2.6.6; a `*.dns-error` finding), never "no record".
 */
const TRANSIENT_FAILURES = new Set(['TIMEOUT', 'SERVFAIL', 'REFUSED']);
/** True for a failed result (or a failure kind) that is transient: see {@link TRANSIENT_FAILURES}. */
function resolver_isTransientFailure(result) {
    if (typeof result === 'string')
        return TRANSIENT_FAILURES.has(result);
    return !result.ok && TRANSIENT_FAILURES.has(result.kind);
}
/**
 * Kinds that mean "there is no such record to use", which every protocol treats alike (no key, no DMARC record,
 * no PTR): exactly `NXDOMAIN` (the name does not exist), `NODATA` (it exists without the type) and `BADNAME` (the
 * name cannot be queried, so no record can be published there). The complement of {@link TRANSIENT_FAILURES}
 * among the {@link DnsFailureKind}s. Code that must tell NXDOMAIN from NODATA (SPF void lookups count both; the
 * DMARC `np` existence test does not) checks the kind itself.
 */
const ABSENT_FAILURES = new Set(['NXDOMAIN', 'NODATA', 'BADNAME']);
/**
 * True for a failed result (or a failure kind) that says the record is absent: `NXDOMAIN`, `NODATA` or
 * `BADNAME` ({@link ABSENT_FAILURES}). False for an answer and for a transient failure (TIMEOUT, SERVFAIL,
 * REFUSED), which is never "no record".
 */
function resolver_isAbsent(result) {
    if (typeof result === 'string')
        return ABSENT_FAILURES.has(result);
    return !result.ok && ABSENT_FAILURES.has(result.kind);
}
/** True for a failure that asked nothing: the name is outside the zones of an offline resolver ({@link DnsFailure.offline}). */
function isNotCheckedOffline(result) {
    return !result.ok && result.offline === true;
}
/** The `TIMEOUT` failure of a question cancelled through {@link QueryOptions.signal}. */
function cancelled(name, type, signal) {
    const reason = signal?.reason;
    return dnsFailure(name, type, 'TIMEOUT', typeof reason === 'string' ? `cancelled: ${reason}` : 'cancelled');
}
/** A name {@link normalizeName} returns unchanged (linear: a label cannot contain the dot that ends it). */
const PLAIN_NAME = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}$/;
/**
 * Normalises a domain name for querying: trims surrounding white space and one trailing dot, converts U-labels to A-labels (IDNA via
 * WHATWG `domainToASCII`), lower-cases, and checks the RFC 1035 §2.3.4 limits (labels 1..63 octets, name
 * at most 253 octets). Underscore labels (`_dmarc`, `_domainkey`) and other octets allowed in DNS are kept.
 *
 * @returns the normalised name, or `null` when the name cannot be queried (BADNAME).
 */
function resolver_normalizeName(name) {
    // the common case, already normalised: lower-case LDH and underscore labels of 1 to 63 octets
    if (name.length <= 253 && PLAIN_NAME.test(name))
        return name;
    let n = name.trim();
    if (n.endsWith('.'))
        n = n.slice(0, -1);
    if (n === '')
        return null;
    // Any octet may appear in a label (RFC 2181 §11), and SPF macros build names with spaces, `%` or `:`
    // (RFC 7208 §7); only control characters are refused, since no registry allows them and logs would break.
    if (/[\x00-\x1f\x7f]/.test(n))
        return null;
    if (/[^\x00-\x7f]/.test(n)) {
        // IDN: convert label by label so underscore labels survive.
        const labels = n.split('.').map((label) => {
            if (!/[^\x00-\x7f]/.test(label))
                return label;
            const ascii = (0,external_node_url_.domainToASCII)(label);
            return ascii === '' ? null : ascii;
        });
        if (labels.some((l) => l === null))
            return null;
        n = labels.join('.');
    }
    n = n.toLowerCase();
    if (n.length > 253)
        return null;
    for (const label of n.split('.')) {
        if (label.length === 0 || label.length > 63)
            return null;
    }
    return n;
}
/** Builds a {@link DnsFailure}. */
function dnsFailure(name, type, kind, message = '') {
    return { ok: false, name, type, kind, message };
}
/**
 * The failure that a resolver which threw stands for: SERVFAIL (a temperror, never "no record"), saying
 * `resolver error: <message>`.
 */
function thrownFailure(name, type, err) {
    return dnsFailure(name, type, 'SERVFAIL', `resolver error: ${err instanceof Error ? err.message : String(err)}`);
}
/**
 * Asks `resolver`, and never throws: the {@link Resolver} contract says `query` never throws, but a buggy
 * implementation may throw or reject; that becomes {@link thrownFailure} (SERVFAIL), so it cannot crash a verdict
 * or a batch. Every wrapper that calls another resolver (the guard, the cache, the in-flight limit, the audit's
 * time limit) asks through this one function.
 */
async function resolver_queryOrServfail(resolver, name, type, options) {
    try {
        return await (options ? resolver.query(name, type, options) : resolver.query(name, type));
    }
    catch (err) {
        return thrownFailure(name, type, err);
    }
}
/** Joins a TXT record's character-strings into one string (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
function resolver_joinTxt(strings) {
    return strings.join('');
}

;// CONCATENATED MODULE: ./lib/dns/txt.js
/**
 * The lookup every "versioned TXT record at a fixed name" protocol shares (MTA-STS `_mta-sts`, TLS-RPT
 * `_smtp._tls`, BIMI `<selector>._bimi`, ...): ask for TXT, keep the records the protocol recognises, and say
 * whether DNS trouble left the answer unknown.
 *
 * @module
 */

/**
 * Asks for the TXT records at `name` and keeps those for which `isRecord(joinedText)` is true
 * (e.g. `/^v=STSv1(;|\s|$)/`). Never throws.
 */
async function queryTaggedTxt(resolver, name, isRecord) {
    const txt = await resolver.query(name, 'TXT');
    if (!txt.ok) {
        return resolver_isTransientFailure(txt)
            ? { status: 'dns-error', name, kind: txt.kind }
            : { status: 'none', name, kind: txt.kind };
    }
    const records = [];
    txt.records.forEach((strings, i) => {
        const text = resolver_joinTxt(strings);
        if (!isRecord(text))
            return;
        const source = txt.source?.[i];
        records.push({ text, strings, ...(source ? { source } : {}) });
    });
    return records.length > 0 ? { status: 'found', name, records } : { status: 'none', name };
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./lib/https/fetch.js
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



/** Default overall time limit for one fetch, in milliseconds (RFC 8461 §3.3 suggests at most one minute). */
const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
/** Default body size limit, in bytes (RFC 8461 §3.3: "a maximum size of 64 kilobytes"). */
const DEFAULT_MAX_BYTES = 64 * 1024;
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO|ALTNAME|TLS|SSL|HANDSHAKE|ISSUER|SIGNATURE/i;
function fail(url, kind, message, extra = {}) {
    return { ok: false, url, kind, message, ...extra };
}
async function resolveHost(host, resolver) {
    const a = await resolver.query(host, 'A');
    if (a.ok)
        return { ok: true, addresses: a.records.map((address) => ({ address, family: 4 })) };
    if (a.kind !== 'NODATA')
        return { ok: false, kind: a.kind, message: a.message };
    const aaaa = await resolver.query(host, 'AAAA');
    if (aaaa.ok)
        return { ok: true, addresses: aaaa.records.map((address) => ({ address, family: 6 })) };
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
async function fetchHttps(url, options) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return fail(url, 'bad-url', `'${url}' is not a valid URL`);
    }
    if (parsed.protocol !== 'https:')
        return fail(url, 'bad-url', `'${url}' is not an https URL`);
    if (parsed.username || parsed.password)
        return fail(url, 'bad-url', `'${url}' carries credentials`);
    const rawHost = parsed.hostname;
    if ((0,external_node_net_.isIP)(rawHost.replace(/^\[|\]$/g, '')) !== 0)
        return fail(url, 'bad-url', `'${url}' names an IP address, not a host`);
    const host = resolver_normalizeName(rawHost);
    if (host === null)
        return fail(url, 'bad-url', `'${url}' has an invalid host name`);
    const started = Date.now();
    if (options.signal?.aborted)
        return fail(url, 'timeout', `fetching ${url} was aborted`);
    const resolved = await resolveHost(host, options.resolver);
    if (!resolved.ok) {
        if (resolver_isAbsent(resolved.kind))
            return fail(url, 'no-address', `${host} has no A or AAAA record (${resolved.kind})`, {
                dnsKind: resolved.kind,
            });
        return fail(url, 'dns', `resolving ${host} failed (${resolved.kind})`, { dnsKind: resolved.kind });
    }
    const remaining = options.timeoutMs - (Date.now() - started);
    if (remaining <= 0 || options.signal?.aborted)
        return fail(url, 'timeout', `fetching ${url} took over ${options.timeoutMs} ms`);
    const addresses = resolved.addresses;
    const first = addresses[0];
    return new Promise((resolve) => {
        let settled = false;
        let req;
        const done = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            req?.destroy();
            resolve(result);
        };
        const timer = setTimeout(() => done(fail(url, 'timeout', `fetching ${url} took over ${options.timeoutMs} ms`)), remaining);
        const onAbort = () => done(fail(url, 'timeout', `fetching ${url} was aborted`));
        options.signal?.addEventListener('abort', onAbort, { once: true });
        try {
            req = external_node_https_.request({
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
                lookup: ((_hostname, opts, callback) => {
                    if (opts?.all)
                        callback(null, addresses);
                    else
                        callback(null, first.address, first.family);
                }),
            }, (res) => {
                const status = res.statusCode ?? 0;
                if (status >= 300 && status < 400) {
                    const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
                    return done(fail(url, 'redirect', `${url} answered ${status} (redirect${location ? ` to ${location}` : ''}, not followed)`, {
                        status,
                        ...(location ? { location } : {}),
                    }));
                }
                if (status !== 200)
                    return done(fail(url, 'http-status', `${url} answered HTTP ${status}`, { status }));
                const announced = Number(res.headers['content-length']);
                if (Number.isFinite(announced) && announced > options.maxBytes)
                    return done(fail(url, 'too-large', `${url} announced ${announced} bytes (limit ${options.maxBytes})`));
                const chunks = [];
                let size = 0;
                res.on('data', (chunk) => {
                    size += chunk.length;
                    if (size > options.maxBytes)
                        return done(fail(url, 'too-large', `${url} sent over ${options.maxBytes} bytes`));
                    chunks.push(chunk);
                });
                res.on('end', () => {
                    if (!res.complete)
                        return done(fail(url, 'connection', `${url}: incomplete response`));
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
                res.on('error', (err) => done(fail(url, 'connection', `${url}: ${err.message}`, err.code ? { code: err.code } : {})));
                res.on('close', () => {
                    if (!res.complete)
                        done(fail(url, 'connection', `${url}: connection closed before the body ended`));
                });
            });
        }
        catch (err) {
            return done(fail(url, 'connection', `${url}: ${err.message}`));
        }
        req.on('error', (err) => {
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
function hasMediaType(contentType, expected) {
    if (contentType === null)
        return false;
    return (contentType.split(';')[0] ?? '').trim().toLowerCase() === expected.toLowerCase();
}

;// CONCATENATED MODULE: ./lib/findings/finding.js
/**
 * The shape of an audit observation. Every protocol module declares its findings with {@link defineFindings};
 * `src/catalog.ts` gathers them into the one catalog that policy files, reports and the generated
 * documentation refer to by id.
 *
 * @module
 */
/** Severity ranks for sorting and thresholds (`error` highest). */
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
/** Every {@link FailOn} value, in the order help texts list them. */
const FAIL_ON = (/* unused pure expression or super */ null && (['error', 'warning', 'never']));
/** True when `severity` is at or above the threshold `failOn` (never for `never`). */
function atOrAbove(severity, failOn) {
    return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
/**
 * Declares a group of findings and returns one factory per key.
 *
 * @example
 * const F = defineFindings({ noRecord: { id: 'spf.no-record', severity: 'error', title: 'No SPF record', rfc: 'RFC 7208 §4.5' } });
 * findings.push(F.noRecord('example.com publishes no SPF record', { name: 'example.com' }));
 */
function defineFindings(defs) {
    const factories = {};
    for (const key of Object.keys(defs)) {
        const def = defs[key];
        factories[key] = (message, evidence, context) => {
            const f = { id: def.id, severity: def.severity, message };
            if (evidence)
                f.evidence = evidence;
            if (def.rfc)
                f.rfc = def.rfc;
            if (def.remediation)
                f.remediation = def.remediation;
            if (context?.domain !== undefined)
                f.domain = context.domain;
            return f;
        };
    }
    return Object.assign(factories, {
        definitions: Object.values(defs),
    });
}
/**
 * The one way a finding's severity may differ from its catalog entry: a severity the user configured, either a
 * policy file's `findings.<id>.severity` (the gate) or a DKIM verifier policy rule set to another outcome than
 * its default (`warn` gives `warning`, `fail`/`policy` give `error`; src/dkim/policy.ts). Call sites never pick a
 * severity themselves.
 *
 * @returns `finding` itself when `severity` is its severity already, else a copy with `severity`.
 */
function finding_withPolicySeverity(finding, severity) {
    return finding.severity === severity ? finding : { ...finding, severity };
}
/** Counts findings by severity. */
function countBySeverity(findings) {
    const count = (s) => findings.filter((f) => f.severity === s).length;
    return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}
/** Sorts findings most severe first, then by id, without mutating the input. */
function sortFindings(findings) {
    return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id));
}

;// CONCATENATED MODULE: ./lib/bimi/findings.js
/**
 * The BIMI findings catalog (draft-brand-indicators-for-message-identification): the assertion record at
 * `<selector>._bimi.<domain>`, the SVG Tiny PS logo, the mark certificate (VMC/CMC), and the DMARC enforcement
 * prerequisite.
 *
 * @module
 */

const DRAFT = 'draft-brand-indicators-for-message-identification';
/** Every BIMI finding, one factory per key; `BIMI_FINDINGS.definitions` feeds the catalog. */
const BIMI_FINDINGS = defineFindings({
    dnsError: {
        id: 'bimi.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS failure while checking BIMI',
        rfc: `${DRAFT} §7.2`,
        remediation: 'Check that the name servers answer: TXT queries under _bimi.<domain>, and A/AAAA queries for the hosts of the l= and a= URLs; retry later.',
    },
    noRecord: {
        id: 'bimi.no-record',
        severity: 'info',
        title: 'No BIMI record',
        rfc: `${DRAFT} §4`,
        remediation: 'To show a logo in supporting mailboxes, publish "default._bimi TXT "v=BIMI1; l=<https SVG>; a=<https PEM>"".',
    },
    multipleRecords: {
        id: 'bimi.multiple-records',
        severity: 'error',
        title: 'Several BIMI records',
        rfc: `${DRAFT} §7.2`,
        remediation: 'Publish exactly one "v=BIMI1" TXT record per selector; with several, receivers show no logo.',
    },
    invalidRecord: {
        id: 'bimi.invalid-record',
        severity: 'error',
        title: 'Malformed BIMI record',
        rfc: `${DRAFT} §4.3`,
        remediation: 'Write the record as "v=BIMI1; l=<https URL>; a=<https URL>" (tag=value pairs separated by ";").',
    },
    declined: {
        id: 'bimi.declined',
        severity: 'info',
        title: 'BIMI declined (empty l= and a=)',
        rfc: `${DRAFT} §4.3.1`,
    },
    missingLocation: {
        id: 'bimi.missing-location',
        severity: 'error',
        title: 'BIMI record without a logo location (l=)',
        rfc: `${DRAFT} §4.3`,
        remediation: 'Add "l=" with the https URL of the SVG Tiny PS logo.',
    },
    invalidLocation: {
        id: 'bimi.invalid-location',
        severity: 'error',
        title: 'BIMI logo location is not an https URL',
        rfc: `${DRAFT} §4.3`,
        remediation: 'Serve the logo over HTTPS and give its https:// URL in "l=".',
    },
    invalidAuthority: {
        id: 'bimi.invalid-authority',
        severity: 'error',
        title: 'BIMI authority location is not an https URL',
        rfc: `${DRAFT} §4.3`,
        remediation: 'Serve the mark certificate (PEM) over HTTPS and give its https:// URL in "a=".',
    },
    noAuthority: {
        id: 'bimi.no-authority',
        severity: 'warning',
        title: 'BIMI record without a mark certificate (a=)',
        rfc: `${DRAFT} §4.3`,
        remediation: 'Most mailbox providers (e.g. Gmail, Apple Mail) show a logo only with a Verified or Common Mark Certificate: add "a=".',
    },
    dmarcNotEnforced: {
        id: 'bimi.dmarc-not-enforced',
        severity: 'error',
        title: 'BIMI needs DMARC enforcement (quarantine or reject)',
        rfc: `${DRAFT} §7.1`,
        remediation: 'Publish a DMARC policy p=quarantine (pct=100) or p=reject, without sp=none or t=y, at the domain and its Organizational Domain.',
    },
    logoFetchFailed: {
        id: 'bimi.logo-fetch-failed',
        severity: 'error',
        title: 'BIMI logo could not be fetched',
        rfc: `${DRAFT} §7.3`,
        remediation: 'Serve the logo at the l= URL over HTTPS (valid certificate, status 200, no redirect).',
    },
    logoContentType: {
        id: 'bimi.logo-content-type',
        severity: 'warning',
        title: 'BIMI logo not served as image/svg+xml',
        rfc: `${DRAFT} §5.1`,
        remediation: 'Serve the logo with "Content-Type: image/svg+xml".',
    },
    logoLarge: {
        id: 'bimi.logo-large',
        severity: 'warning',
        title: 'BIMI logo over 32 KB',
        rfc: `${DRAFT} §5.1`,
        remediation: 'Keep the SVG under 32 KB (the BIMI Group’s limit); simplify paths or remove metadata.',
    },
    logoInvalid: {
        id: 'bimi.logo-invalid',
        severity: 'error',
        title: 'BIMI logo is not a valid SVG Tiny PS file',
        rfc: `${DRAFT} §5.1`,
        remediation: 'Export the logo as SVG Tiny Portable/Secure: baseProfile="tiny-ps", a <title>, no x/y on the root, no scripts, animation or external references.',
    },
    certificateFetchFailed: {
        id: 'bimi.certificate-fetch-failed',
        severity: 'error',
        title: 'BIMI mark certificate could not be fetched',
        rfc: `${DRAFT} §7.4`,
        remediation: 'Serve the PEM certificate chain at the a= URL over HTTPS (valid certificate, status 200, no redirect).',
    },
    certificateInvalid: {
        id: 'bimi.certificate-invalid',
        severity: 'error',
        title: 'BIMI mark certificate does not validate',
        rfc: `${DRAFT} §7.4`,
        remediation: 'Publish the full chain of a current Verified/Common Mark Certificate from a BIMI-recognised issuer, issued for this domain, whose embedded logo is the one at l=.',
    },
});

;// CONCATENATED MODULE: ./lib/bimi/record.js
/**
 * BIMI Assertion Record syntax (draft-brand-indicators-for-message-identification §4.3): a DKIM-style tag-list
 * (RFC 6376 §3.2) beginning with `v=BIMI1`, with `l=` (logo location, https) and `a=` (authority evidence
 * location, https).
 *
 * @module
 */
/** True when a TXT record is a BIMI record candidate: it begins with a `v=BIMI1` tag (§7.2 steps 4 and 7). */
function isBimiRecord(text) {
    return /^v[ \t]*=[ \t]*BIMI1[ \t]*(;|$)/i.test(text.trim());
}
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Parses a BIMI record (character-strings already joined). Never throws. */
function parseBimiRecord(text) {
    const out = { location: null, authority: null, tags: {}, errors: [] };
    const seen = new Set();
    const parts = text.split(';');
    parts.forEach((raw, i) => {
        const field = raw.trim();
        if (field === '') {
            if (i !== parts.length - 1)
                out.errors.push('empty tag between two ";"');
            return;
        }
        const eq = field.indexOf('=');
        if (eq < 1) {
            out.errors.push(`"${field}" is not tag=value`);
            return;
        }
        const name = field.slice(0, eq).trim().toLowerCase();
        const value = field
            .slice(eq + 1)
            .trim()
            .replace(/[ \t\r\n]+/g, '');
        if (!TAG_NAME.test(name)) {
            out.errors.push(`"${field.slice(0, eq)}" is not a valid tag name`);
            return;
        }
        if (seen.has(name)) {
            out.errors.push(`tag ${name} appears more than once`);
            return;
        }
        seen.add(name);
        if (i === 0 && (name !== 'v' || value !== 'BIMI1'))
            out.errors.push('the record must start with "v=BIMI1"');
        if (name === 'l')
            out.location = value;
        else if (name === 'a')
            out.authority = value;
        else if (name !== 'v')
            out.tags[name] = value;
    });
    return out;
}
/** True when `value` is an absolute https URL with a host. */
function isHttpsUrl(value) {
    try {
        const u = new URL(value);
        return u.protocol === 'https:' && u.hostname !== '';
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./lib/bimi/audit.js
/**
 * `auditBimi`: a domain's BIMI deployment (draft-brand-indicators-for-message-identification): the Assertion
 * Record at `<selector>._bimi.<domain>` (falling back to the Organizational Domain, §7.2), its `l=` and `a=`
 * locations, the SVG Tiny PS logo and the mark certificate (validated offline through mailauth once fetched),
 * and the DMARC enforcement prerequisite (§7.1).
 *
 * @module
 */






/** Logos over this many bytes get `bimi.logo-large` (the BIMI Group's 32 KB limit). */
const LOGO_SIZE_LIMIT = 32 * 1024;
/** Largest logo fetched, in bytes. */
const LOGO_FETCH_LIMIT = 512 * 1024;
/** Largest mark certificate chain fetched, in bytes. */
const CERT_FETCH_LIMIT = 256 * 1024;
/** mailauth (SVG and VMC validation), loaded on first use: an audit without a BIMI logo never loads it. */
function loadMailauth() {
    return __webpack_require__.e(/* import() */ 468).then(__webpack_require__.t.bind(__webpack_require__, 79468, 19));
}
async function lookupAt(name, resolver) {
    const txt = await queryTaggedTxt(resolver, name, isBimiRecord);
    if (txt.status === 'dns-error')
        return { kind: 'dns-error', name, failure: txt.kind };
    if (txt.status === 'none')
        return null;
    const recs = txt.records;
    if (recs.length === 0)
        return null;
    if (recs.length > 1)
        return { kind: 'multiple', name, records: recs.map((r) => r.text) };
    const r = recs[0];
    return { kind: 'found', name, text: r.text, ...(r.source ? { source: r.source } : {}) };
}
/** The reason the DMARC policy does not meet BIMI's prerequisite, or null when it does. */
function dmarcShortfall(d) {
    if (!d.found)
        return 'the domain has no DMARC policy';
    if (d.p !== 'quarantine' && d.p !== 'reject')
        return `the DMARC policy is p=${d.p ?? '(none)'}`;
    if (d.sp === 'none')
        return 'the DMARC subdomain policy is sp=none';
    if (d.p === 'quarantine' && d.pct !== undefined && d.pct !== 100)
        return `the DMARC policy applies to pct=${d.pct}% only`;
    if (d.testing)
        return 'the DMARC policy is in testing mode (t=y)';
    return null;
}
function failureMessage(res) {
    return { ...(res.code ? { code: res.code } : { code: res.kind }), message: res.message };
}
/**
 * A fetch that failed because resolving the host hit a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) is DNS
 * trouble, not a broken asset: it becomes `bimi.dns-error` with `details.kind` (the DNS failure kind), the URL
 * and the host, so the policy gate reads it as undetermined. Any other failure gives undefined (the caller
 * reports `bimi.logo-fetch-failed` or `bimi.certificate-fetch-failed`).
 */
function fetchDnsError(what, res, evidence, o) {
    if (res.kind !== 'dns' || !res.dnsKind || !resolver_isTransientFailure(res.dnsKind))
        return undefined;
    const host = hostOf(res.url);
    return BIMI_FINDINGS.dnsError(`the ${what} ${res.url} could not be fetched: resolving ${host} failed (${res.dnsKind}); the ${what} is unchecked, not broken`, {
        ...evidence,
        details: { kind: res.dnsKind, host, url: res.url, asset: what === 'logo' ? 'logo' : 'certificate' },
    }, o);
}
function hostOf(url) {
    try {
        return new URL(url).hostname;
    }
    catch {
        return url;
    }
}
/**
 * Audits `domain`'s BIMI record at `options.selector` (default `default`).
 *
 * Findings: `bimi.no-record`, `bimi.multiple-records`, `bimi.invalid-record`, `bimi.declined`,
 * `bimi.missing-location`, `bimi.invalid-location`, `bimi.invalid-authority`, `bimi.no-authority`,
 * `bimi.dmarc-not-enforced`, `bimi.logo-fetch-failed`, `bimi.logo-content-type`, `bimi.logo-large`,
 * `bimi.logo-invalid`, `bimi.certificate-fetch-failed`, `bimi.certificate-invalid`, `bimi.dns-error`.
 * A transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) is `bimi.dns-error` with `evidence.details.kind`, both at
 * the record and when resolving the logo or certificate host for the HTTPS fetch (then with `details.url`,
 * `details.host` and `details.asset`): the asset is unchecked, not broken.
 *
 * The mark certificate is validated by mailauth (`validateBimiVmc`, through `@postalsys/vmc`) from the fetched
 * bytes only: no network beyond the two HTTPS fetches, no revocation check.
 *
 * @param domain - a normalised domain name.
 * @returns the {@link BimiAudit}; never throws.
 */
async function auditBimi(domain, options) {
    const selector = (options.selector ?? 'default').toLowerCase();
    const findings = [];
    const o = { domain };
    const out = {
        domain,
        selector,
        status: 'none',
        record: null,
        location: null,
        authority: null,
        dmarcEnforced: null,
        findings,
    };
    const own = `${selector}._bimi.${domain}`;
    let found = await lookupAt(own, options.resolver);
    const org = (0,cjs/* getDomain */.FB)(domain, { allowPrivateDomains: false });
    if (found === null && org && org !== domain)
        found = await lookupAt(`${selector}._bimi.${org}`, options.resolver);
    if (found === null) {
        findings.push(BIMI_FINDINGS.noRecord(`${domain} publishes no BIMI record at ${own}`, { name: own }, o));
        return out;
    }
    if (found.kind === 'dns-error') {
        findings.push(BIMI_FINDINGS.dnsError(`TXT ${found.name} failed (${found.failure})`, { name: found.name, details: { kind: found.failure, type: 'TXT' } }, o));
        out.status = 'dns-error';
        return out;
    }
    if (found.kind === 'multiple') {
        findings.push(BIMI_FINDINGS.multipleRecords(`${found.name} has ${found.records.length} BIMI records: receivers show no logo`, {
            name: found.name,
            details: { records: found.records },
        }, o));
        out.status = 'multiple';
        return out;
    }
    if (found.kind !== 'found')
        return out;
    out.record = { name: found.name, text: found.text, ...(found.source ? { source: found.source } : {}) };
    const evidence = {
        name: found.name,
        record: found.text,
        ...(found.source ? { source: found.source } : {}),
    };
    const rec = parseBimiRecord(found.text);
    out.location = rec.location;
    out.authority = rec.authority;
    for (const e of rec.errors)
        findings.push(BIMI_FINDINGS.invalidRecord(`${found.name}: ${e}`, evidence, o));
    if (rec.location === '' && !rec.authority) {
        findings.push(BIMI_FINDINGS.declined(`${domain} declines BIMI (empty l= and a=)`, evidence, o));
        out.status = 'found';
        out.statusDetail = 'declined';
        return out;
    }
    let usable = rec.errors.length === 0;
    if (rec.location === null || rec.location === '') {
        findings.push(BIMI_FINDINGS.missingLocation(`${found.name} has no logo location (l=)`, evidence, o));
        usable = false;
    }
    else if (!isHttpsUrl(rec.location)) {
        findings.push(BIMI_FINDINGS.invalidLocation(`${found.name}: l=${rec.location} is not an https URL`, { ...evidence, term: `l=${rec.location}` }, o));
        usable = false;
    }
    const authorityOk = rec.authority !== null && rec.authority !== '' && isHttpsUrl(rec.authority);
    if (rec.authority === null || rec.authority === '')
        findings.push(BIMI_FINDINGS.noAuthority(`${found.name} has no mark certificate location (a=)`, evidence, o));
    else if (!authorityOk) {
        findings.push(BIMI_FINDINGS.invalidAuthority(`${found.name}: a=${rec.authority} is not an https URL`, { ...evidence, term: `a=${rec.authority}` }, o));
        usable = false;
    }
    out.status = usable ? 'found' : 'invalid';
    if (options.dmarc && !options.dmarc.undetermined) {
        const shortfall = dmarcShortfall(options.dmarc);
        out.dmarcEnforced = shortfall === null;
        if (shortfall)
            findings.push(BIMI_FINDINGS.dmarcNotEnforced(`${domain} publishes BIMI but ${shortfall}: receivers show no logo`, {
                name: `_dmarc.${domain}`,
                details: { ...options.dmarc },
            }, o));
    }
    if (options.fetchAssets === false)
        return out;
    const fetch = options.fetch ?? fetchHttps;
    const fetchOpts = (maxBytes, accept) => ({
        resolver: options.resolver,
        timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
        maxBytes,
        accept,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
    });
    const logoUrl = rec.location && isHttpsUrl(rec.location) ? rec.location : null;
    const certUrl = authorityOk ? rec.authority : null;
    const [logoRes, certRes] = await Promise.all([
        logoUrl ? fetch(logoUrl, fetchOpts(LOGO_FETCH_LIMIT, 'image/svg+xml')) : Promise.resolve(null),
        certUrl
            ? fetch(certUrl, fetchOpts(CERT_FETCH_LIMIT, 'application/pem-certificate-chain, */*'))
            : Promise.resolve(null),
    ]);
    let logoBody;
    if (logoUrl && logoRes) {
        if (!logoRes.ok) {
            out.logo = { url: logoUrl, fetched: false, error: failureMessage(logoRes) };
            findings.push(fetchDnsError('logo', logoRes, evidence, o) ??
                BIMI_FINDINGS.logoFetchFailed(`logo ${logoRes.message}`, { ...evidence, details: { url: logoUrl, kind: logoRes.kind } }, o));
        }
        else {
            logoBody = logoRes.body;
            const logo = {
                url: logoUrl,
                fetched: true,
                contentType: logoRes.contentType,
                bytes: logoRes.body.length,
            };
            out.logo = logo;
            if (!hasMediaType(logoRes.contentType, 'image/svg+xml'))
                findings.push(BIMI_FINDINGS.logoContentType(`logo ${logoUrl} served as ${JSON.stringify(logoRes.contentType ?? '(none)')}`, {
                    ...evidence,
                    details: { url: logoUrl, contentType: logoRes.contentType },
                }, o));
            if (logoRes.body.length > LOGO_SIZE_LIMIT)
                findings.push(BIMI_FINDINGS.logoLarge(`logo ${logoUrl} is ${logoRes.body.length} bytes (over ${LOGO_SIZE_LIMIT})`, {
                    ...evidence,
                    details: { url: logoUrl, bytes: logoRes.body.length },
                }, o));
            try {
                (await loadMailauth()).validateBimiSvg(logoRes.body);
                logo.svgValid = true;
            }
            catch (err) {
                const e = err;
                logo.svgValid = false;
                logo.error = { ...(e.code ? { code: e.code } : {}), message: e.message };
                findings.push(BIMI_FINDINGS.logoInvalid(`logo ${logoUrl}: ${e.message}${e.code ? ` (${e.code})` : ''}`, {
                    ...evidence,
                    details: { url: logoUrl, ...(e.code ? { code: e.code } : {}) },
                }, o));
            }
        }
    }
    if (certUrl && certRes) {
        if (!certRes.ok) {
            out.certificate = { url: certUrl, fetched: false, error: failureMessage(certRes) };
            findings.push(fetchDnsError('mark certificate', certRes, evidence, o) ??
                BIMI_FINDINGS.certificateFetchFailed(`mark certificate ${certRes.message}`, { ...evidence, details: { url: certUrl, kind: certRes.kind } }, o));
        }
        else {
            out.certificate = await checkCertificate(certUrl, certRes.body, logoUrl, logoBody, found.name, selector, options.now);
            const c = out.certificate;
            if (!c.valid)
                findings.push(BIMI_FINDINGS.certificateInvalid(`mark certificate ${certUrl}: ${c.error?.message ?? 'does not validate'}`, {
                    ...evidence,
                    details: { url: certUrl, ...(c.error?.code ? { code: c.error.code } : {}) },
                }, o));
        }
    }
    return out;
}
async function checkCertificate(url, pem, logoUrl, logo, recordName, selector, now) {
    const d = recordName.slice(recordName.indexOf('._bimi.') + '._bimi.'.length);
    const cert = { url, fetched: true };
    try {
        // Both bytes are given (locationPath/authorityPath), so mailauth downloads nothing: the check is offline.
        const { validateBimiVmc } = await loadMailauth();
        const result = await validateBimiVmc({
            status: { result: 'pass', header: { selector, d } },
            ...(logo && logoUrl ? { location: logoUrl, locationPath: logo } : {}),
            authority: url,
            authorityPath: pem,
        }, now ? { now } : {});
        const auth = result ? result.authority : undefined;
        if (!auth)
            return { ...cert, valid: false, error: { message: 'no validation result' } };
        const vmc = auth.vmc;
        if (vmc?.type)
            cert.type = vmc.type;
        if (vmc?.certificate?.subjectAltName)
            cert.subjectAltName = vmc.certificate.subjectAltName;
        if (vmc?.certificate?.validTo)
            cert.validTo = vmc.certificate.validTo;
        if (auth.hashMatch !== undefined)
            cert.logoMatches = auth.hashMatch;
        if (!auth.success) {
            cert.valid = false;
            cert.error = {
                ...(auth.error?.code ? { code: auth.error.code } : {}),
                message: auth.error?.message ?? 'invalid',
            };
        }
        else if (auth.hashMatch === false) {
            cert.valid = false;
            cert.error = {
                code: 'LOGO_HASH_MISMATCH',
                message: `the logo embedded in the certificate is not the one at ${logoUrl}`,
            };
        }
        else
            cert.valid = true;
    }
    catch (err) {
        const e = err;
        cert.valid = false;
        cert.error = { ...(e.code ? { code: e.code } : {}), message: e.message };
    }
    return cert;
}

;// CONCATENATED MODULE: ./lib/bimi/index.js
/**
 * BIMI: the entry module other folders import from: the audit of the BIMI record, logo and mark certificate, the
 * record parser, and the findings.
 *
 * @module
 */


;// CONCATENATED MODULE: ./lib/mail/message-input.js
/**
 * Message input for verification: what a message may be given as, the size limits and their typed errors, the
 * header-section rule (`ENOHEADERS`), and what is observed while reading ({@link MessageShape}). The reader
 * itself, and the message model, are in message.ts.
 *
 * @module
 */
/** Default maximum message size: 64 MiB (RFC 5321 sets no limit; common MTAs cap at 10-50 MB). */
const message_input_DEFAULT_MAX_MESSAGE_BYTES = (/* unused pure expression or super */ null && (64 * 1024 * 1024));
/** Default maximum header section size: 1 MiB. */
const message_input_DEFAULT_MAX_HEADER_BYTES = (/* unused pure expression or super */ null && (1024 * 1024));
/**
 * A message could not be read as a message. `code` tells why:
 * - `EMESSAGETOOLARGE`, `EHEADERTOOLARGE`: a size limit was exceeded ({@link MessageTooLargeError});
 * - `ENOHEADERS`: the input has no header section (see {@link startsWithHeaderField}): it is empty, or its
 *   first line is not a header field (only with {@link MessageReadOptions.requireHeaderSection}, which
 *   `verifyMessage` sets);
 * - `EINPUT`: the input is not bytes, text or a stream of them, or the stream failed.
 */
class message_input_MessageInputError extends Error {
    /** `EMESSAGETOOLARGE`, `EHEADERTOOLARGE`, `ENOHEADERS` or `EINPUT`. */
    code;
    /** The limit that was exceeded, in bytes (for the size errors). */
    limit;
    constructor(code, message, limit) {
        super(message);
        this.name =
            code === 'EMESSAGETOOLARGE' || code === 'EHEADERTOOLARGE'
                ? 'MessageTooLargeError'
                : 'MessageInputError';
        this.code = code;
        if (limit !== undefined)
            this.limit = limit;
    }
}
/** Thrown when the message (or its header section) is larger than the configured limit. */
class message_input_MessageTooLargeError extends message_input_MessageInputError {
    constructor(code, limit) {
        super(code, code === 'EMESSAGETOOLARGE'
            ? `message is larger than the limit of ${limit} bytes (maxMessageBytes)`
            : `header section is larger than the limit of ${limit} bytes (maxHeaderBytes); no empty line ends it`, limit);
    }
}
const MBOX_FROM = Buffer.from('From ', 'latin1');
/**
 * Decides, byte by byte as the message streams in, whether it starts with a header field. "No header section"
 * means the message is empty, or its first line is not `field-name ":"` where field-name is one or more
 * printable US-ASCII characters other than ":" (RFC 5322 §2.2, §3.6.8), optionally followed by spaces or tabs
 * before the colon (the obsolete syntax of RFC 5322 §4.5). A first line starting with `From ` that is not a
 * header field is taken as an mbox separator line (RFC 4155) and the test applies to the line after it. An
 * empty first line (a message that begins with the header/body separator) has no header fields either.
 * Only the first line (or two) is examined: a message with a header field but no From is still a message.
 */
class message_input_HeaderStart {
    /** `true`: a header field starts the message; `false`: none does; undefined: not decided yet. */
    verdict;
    /** Why the verdict is false. */
    why = '';
    line = 0; // 0: the first line; 1: the line after an mbox From_ line
    at = 0; // bytes seen on the current line
    nameLength = 0;
    blank = false; // spaces or tabs after the name
    mboxPrefix = true; // line 0 so far matches "From "
    skipping = false; // inside the mbox From_ line, waiting for its LF
    feed(chunk) {
        for (let i = 0; i < chunk.length && this.verdict === undefined; i++)
            this.byte(chunk[i]);
    }
    end(total) {
        if (this.verdict !== undefined)
            return;
        this.verdict = false;
        this.why =
            total === 0
                ? 'the message is empty (0 bytes): it has no header section'
                : `the message has no header section: ${this.line === 1 ? 'after the mbox "From " line, there is no header field' : 'its only line is not a header field ("Name: value", RFC 5322 §2.2)'}`;
    }
    byte(b) {
        if (this.skipping) {
            if (b === 0x0a)
                this.nextLine();
            return;
        }
        if (this.line === 0 && this.at < MBOX_FROM.length && b !== MBOX_FROM[this.at])
            this.mboxPrefix = false;
        this.at++;
        if (b === 0x3a) {
            if (this.nameLength > 0)
                this.verdict = true;
            else
                this.reject(b);
        }
        else if (b > 0x20 && b < 0x7f && !this.blank)
            this.nameLength++;
        else if ((b === 0x20 || b === 0x09) && this.nameLength > 0)
            this.blank = true;
        else
            this.reject(b);
    }
    reject(b) {
        if (this.line === 0 && this.mboxPrefix && this.at > MBOX_FROM.length) {
            if (b === 0x0a)
                this.nextLine();
            else
                this.skipping = true;
            return;
        }
        this.verdict = false;
        const where = this.line === 1 ? 'the line after the mbox "From " line' : 'its first line';
        this.why =
            this.at === 1 && (b === 0x0d || b === 0x0a)
                ? `the message has no header section: ${where} is empty`
                : `the message has no header section: ${where} is not a header field ("Name: value", RFC 5322 §2.2)`;
    }
    nextLine() {
        this.skipping = false;
        this.line = 1;
        this.at = 0;
        this.nameLength = 0;
        this.blank = false;
    }
}
/**
 * Whether `message` starts with a header field, by the rule of {@link MessageInputError} `ENOHEADERS`: the first
 * line (after an optional mbox `From ` line) must begin `field-name:` (RFC 5322 §2.2, §3.6.8).
 */
function startsWithHeaderField(message) {
    const h = new message_input_HeaderStart();
    const buf = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    h.feed(buf);
    h.end(buf.length);
    return h.verdict === true;
}
/** Unfolds a header value (RFC 5322 §2.2.3) and trims it. */
function unfold(value) {
    return value
        .replace(/\r?\n(?=[ \t])/g, '')
        .replace(/\r?\n/g, ' ')
        .trim();
}

;// CONCATENATED MODULE: ./lib/mail/message.js
/**
 * The message model: a message read once, on Buffers. The header section is split into header fields once
 * (RFC 5322 §2.2), each kept as its octets (a latin1 string: one UTF-16 unit per octet, for canonicalization) and
 * as text (UTF-8, for reading), and indexed by lower-case field name so that repeated fields are found
 * bottom-up (RFC 6376 §5.4.2). The body is never held: it is streamed, with bare LFs read as CRLF, to a
 * {@link BodySink} chosen once the header section is known (the DKIM body hashes).
 *
 * DKIM, ARC, DMARC (From), SPF (the envelope from Received/Return-Path) and the message report all read the
 * same {@link MessageHeaderSection}.
 *
 * @module
 */

/**
 * The header fields of a message, in order (top first), looked up by lower-case name. Field names are compared
 * in ASCII case-insensitively (RFC 5322 §1.2.2), so `FROM` and `From` are one name.
 */
class MessageHeaderSection {
    /** Every header field, top first. */
    fields;
    byKey = new Map();
    constructor(fields) {
        this.fields = fields;
        for (const f of fields) {
            const list = this.byKey.get(f.key);
            if (list)
                list.push(f);
            else
                this.byKey.set(f.key, [f]);
        }
    }
    /** The fields named `key` (lower-case), top first; empty when there are none. */
    all(key) {
        return this.byKey.get(key) ?? NONE;
    }
    /** How many fields are named `key` (lower-case). */
    count(key) {
        return this.byKey.get(key)?.length ?? 0;
    }
    /** The topmost field named `key` (lower-case). */
    first(key) {
        return this.byKey.get(key)?.[0];
    }
    /**
     * The fields a signature's `h=` list selects (RFC 6376 §5.4.2): for each name in order, the bottom-most
     * instance not selected yet; a name with no instance left selects nothing (the null string).
     *
     * @param names field names as written in `h=` (case-insensitive; surrounding FWS is ignored).
     * @returns the selected fields, in `h=` order, without the names that selected nothing.
     */
    select(names) {
        const used = new Map();
        const out = [];
        for (const name of names) {
            const key = message_lowerAscii(trimFws(name));
            const list = this.byKey.get(key);
            if (!list)
                continue;
            const n = used.get(key) ?? 0;
            if (n >= list.length)
                continue;
            used.set(key, n + 1);
            out.push(list[list.length - 1 - n]);
        }
        return out;
    }
}
const NONE = Object.freeze([]);
const CHUNK = (/* unused pure expression or super */ null && (64 * 1024));
const NON_ASCII = /[^\x00-\x7f]/;
const UPPER = /[A-Z]/g;
/**
 * Lower-cases US-ASCII letters only. `String.prototype.toLowerCase` would also map latin1 octets 0xC0-0xDE
 * (read from a header as one code unit per octet), changing the octets.
 */
function message_lowerAscii(s) {
    return NON_ASCII.test(s) ? s.replace(UPPER, (c) => c.toLowerCase()) : s.toLowerCase();
}
/** Removes SP, HTAB, CR and LF (and nothing else) from both ends. */
function trimFws(s) {
    let a = 0;
    let b = s.length;
    while (a < b && isFws(s.charCodeAt(a)))
        a++;
    while (b > a && isFws(s.charCodeAt(b - 1)))
        b--;
    return a === 0 && b === s.length ? s : s.slice(a, b);
}
function isFws(c) {
    return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}
/**
 * RFC 5322 §2.2, §3.6.8: a line opens a header field when it starts with a field name (printable US-ASCII except
 * the colon) followed by the colon, with optional white space before the colon (the obsolete syntax of §4.5).
 * A line that does not, and does not start with white space (a fold), is appended to the field above: read any
 * other way, a line a mail reader shows as part of a value could escape a signature. (Appending can only add
 * octets to a signed value, so it can only turn a pass into a fail.)
 */
function startsField(line) {
    let i = 0;
    const n = line.length;
    while (i < n) {
        const c = line.charCodeAt(i);
        if (c > 0x20 && c < 0x7f && c !== 0x3a)
            i++;
        else
            break;
    }
    if (i === 0)
        return false;
    while (i < n && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09))
        i++;
    return line.charCodeAt(i) === 0x3a;
}
/**
 * Splits a header section (its octets as a latin1 string, without the empty line that ends it) into fields.
 * Lines end with CRLF or a bare LF; a field's lines are joined with CRLF. An mbox `From ` line (RFC 4155) first
 * is not a field.
 */
function splitHeaderFields(text) {
    const fields = [];
    // octets as text: US-ASCII reads the same in latin1 and UTF-8, so only a section with other octets is decoded
    const ascii = !NON_ASCII.test(text);
    let current;
    const flush = () => {
        if (!current)
            return;
        const raw = current.length === 1 ? current[0] : current.join('\r\n');
        current = undefined;
        const colon = raw.indexOf(':');
        let name = colon < 0 ? raw : raw.slice(0, colon);
        if (name.indexOf('\n') >= 0)
            name = name.replace(/\r?\n/g, '');
        name = trimWsp(name);
        const value = colon < 0
            ? ''
            : ascii
                ? raw.slice(colon + 1)
                : Buffer.from(raw.slice(colon + 1), 'latin1').toString('utf8');
        fields.push({ name, key: message_lowerAscii(name), value, raw });
    };
    let start = 0;
    let first = true;
    const n = text.length;
    while (start < n) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = n;
        const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
        start = end + 1;
        if (first) {
            first = false;
            if (line.startsWith('From ') && !startsField(line))
                continue;
        }
        const c = line.charCodeAt(0);
        if (current && (c === 0x20 || c === 0x09 || !startsField(line)))
            current.push(line);
        else {
            flush();
            current = [line];
        }
    }
    flush();
    return fields;
}
function trimWsp(s) {
    let a = 0;
    let b = s.length;
    while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09))
        a++;
    while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09))
        b--;
    return a === 0 && b === s.length ? s : s.slice(a, b);
}
const CRLF = Buffer.from('\r\n', 'latin1');
/**
 * Reads a message incrementally: {@link MessageReader.push} each chunk, then {@link MessageReader.end}. Enforces
 * the size limits (throwing {@link MessageTooLargeError}) and, with `requireHeaderSection`, the header-section
 * rule (throwing {@link MessageInputError} `ENOHEADERS` as soon as the first line or two decide it).
 */
class MessageReader {
    shape = {
        bytes: 0,
        headerBytes: 0,
        bodyBytes: 0,
        hasSeparator: false,
        lineEndings: 'none',
        crlf: 0,
        bareLf: 0,
    };
    maxMessage;
    maxHeader;
    start;
    chooseBody;
    header;
    sink;
    headerChunks = [];
    inHeader = true;
    prev = -1; // the last octet of the previous chunk
    lastLf = -1; // absolute position of the last LF (-1: the message start begins a line)
    constructor(options = {}) {
        this.maxMessage = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
        this.maxHeader = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
        this.start = options.requireHeaderSection ? new HeaderStart() : undefined;
        this.chooseBody = options.body;
    }
    /** Reads the next chunk. @throws {@link MessageInputError} for a limit or a missing header section. */
    push(chunk) {
        if (chunk.length === 0)
            return;
        const shape = this.shape;
        const base = shape.bytes;
        shape.bytes += chunk.length;
        if (shape.bytes > this.maxMessage)
            throw new MessageTooLargeError('EMESSAGETOOLARGE', this.maxMessage);
        if (this.start && this.start.verdict === undefined) {
            this.start.feed(chunk);
            if (this.start.verdict === false)
                throw new MessageInputError('ENOHEADERS', this.start.why);
        }
        let bodyFrom = -1;
        let bare; // positions of bare LFs in the body part of this chunk
        const prevByte = this.prev;
        for (let pos = chunk.indexOf(0x0a); pos >= 0; pos = chunk.indexOf(0x0a, pos + 1)) {
            const cr = (pos > 0 ? chunk[pos - 1] : prevByte) === 0x0d;
            if (cr)
                shape.crlf++;
            else
                shape.bareLf++;
            const at = base + pos;
            if (this.inHeader) {
                // the line this LF ends is empty: the first empty line ends the header section (RFC 5322 §2.1)
                if (at - this.lastLf === 1 || (at - this.lastLf === 2 && cr)) {
                    if (at + 1 > this.maxHeader)
                        throw new MessageTooLargeError('EHEADERTOOLARGE', this.maxHeader);
                    this.inHeader = false;
                    shape.hasSeparator = true;
                    shape.headerBytes = at + 1;
                    bodyFrom = pos + 1;
                }
            }
            else if (!cr) {
                bare ??= [];
                bare.push(pos);
            }
            this.lastLf = at;
        }
        this.prev = chunk[chunk.length - 1];
        if (this.inHeader) {
            if (shape.bytes > this.maxHeader)
                throw new MessageTooLargeError('EHEADERTOOLARGE', this.maxHeader);
            this.headerChunks.push(chunk);
            return;
        }
        let body = chunk;
        if (bodyFrom >= 0) {
            this.headerChunks.push(chunk.subarray(0, bodyFrom));
            this.endHeader();
            body = chunk.subarray(bodyFrom);
        }
        if (body.length === 0 || !this.sink)
            return;
        if (!bare) {
            this.sink.write(body);
            return;
        }
        // bare LFs become CRLF (as on the wire); positions are in `chunk`, the body starts at bodyFrom
        const offset = Math.max(bodyFrom, 0);
        const parts = [];
        let from = 0;
        for (const p of bare) {
            const q = p - offset;
            parts.push(body.subarray(from, q), CRLF);
            from = q + 1;
        }
        parts.push(body.subarray(from));
        this.sink.write(Buffer.concat(parts));
    }
    /**
     * Ends the message and returns it.
     * @throws {@link MessageInputError} `ENOHEADERS` when a header section is required and there is none.
     */
    end() {
        const shape = this.shape;
        this.start?.end(shape.bytes);
        if (this.start?.verdict === false)
            throw new MessageInputError('ENOHEADERS', this.start.why);
        if (this.inHeader) {
            shape.headerBytes = shape.bytes;
            this.endHeader();
        }
        shape.bodyBytes = shape.bytes - shape.headerBytes;
        shape.lineEndings =
            shape.crlf && shape.bareLf ? 'mixed' : shape.bareLf ? 'lf' : shape.crlf ? 'crlf' : 'none';
        this.sink?.end();
        return { header: this.header, shape };
    }
    endHeader() {
        const bytes = this.headerChunks.length === 1 ? this.headerChunks[0] : Buffer.concat(this.headerChunks);
        this.headerChunks = [];
        // without the empty line that ends the section
        let end = bytes.length;
        if (this.shape.hasSeparator) {
            end--; // LF
            if (end > 0 && bytes[end - 1] === 0x0d)
                end--;
        }
        this.header = new MessageHeaderSection(splitHeaderFields(bytes.toString('latin1', 0, end)));
        this.sink = this.chooseBody?.(this.header);
    }
}
/**
 * {@link readMessage} for a message already in memory (bytes or text), without waiting; undefined for a stream.
 *
 * @throws as {@link readMessage} (except `EINPUT`: input that is neither bytes, text nor a stream gives undefined).
 */
function message_readMessageNow(input, options = {}) {
    if (typeof input === 'string')
        input = Buffer.from(input, 'utf8');
    if (!(input instanceof Uint8Array))
        return undefined;
    const reader = new MessageReader(options);
    const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (buf.length <= CHUNK)
        reader.push(buf);
    else
        for (let i = 0; i < buf.length; i += CHUNK)
            reader.push(buf.subarray(i, i + CHUNK));
    return reader.end();
}
/**
 * Reads a message: the header section split into fields, the body streamed to the sink `options.body` chooses.
 * A Buffer or string is read synchronously in chunks; a stream is read as it arrives.
 *
 * @param input the message: bytes, text (encoded as UTF-8), or an async iterable of chunks.
 * @throws {@link MessageInputError} `EINPUT` for input that is not a message or a failing stream;
 *   {@link MessageTooLargeError} beyond a limit; `ENOHEADERS` with `requireHeaderSection` (see
 *   {@link MessageReadOptions}).
 */
async function message_readMessage(input, options = {}) {
    const now = message_readMessageNow(input, options);
    if (now)
        return now;
    const reader = new MessageReader(options);
    if (input && typeof input[Symbol.asyncIterator] === 'function') {
        try {
            for await (const c of input) {
                if (typeof c === 'string')
                    reader.push(Buffer.from(c, 'utf8'));
                else if (c instanceof Uint8Array)
                    reader.push(Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));
                else
                    throw new MessageInputError('EINPUT', 'message stream yielded something other than bytes or text');
            }
        }
        catch (err) {
            if (err instanceof MessageInputError)
                throw err;
            throw new MessageInputError('EINPUT', `the message could not be read: ${err.message}`);
        }
        return reader.end();
    }
    throw new MessageInputError('EINPUT', 'message must be a Buffer, a string or a stream of bytes');
}

;// CONCATENATED MODULE: ./lib/dkim/canonicalize.js
/**
 * DKIM canonicalization (RFC 6376 §3.4) on octets: header fields (§3.4.1 simple, §3.4.2 relaxed) and the body
 * (§3.4.3 simple, §3.4.4 relaxed), streamed, with the body length limit `l=` (§3.4.5) applied by the hashes.
 *
 * Text is handled as latin1 strings (one UTF-16 unit per octet), so native string operations and linear regular
 * expressions do the work instead of a JavaScript loop per octet, and `hash.update(text, 'latin1')` hashes the
 * exact octets. The body is never held: only an incomplete last line (at most a few octets of white space) and a
 * count of pending empty lines are carried from one chunk to the next.
 *
 * @module
 */


/**
 * A run of WSP that is not already a single SP (two or more WSP, or a lone HTAB): what relaxed canonicalization
 * rewrites to one SP. Single spaces, by far the most common, are not matches, so replacing does little work.
 * Linear: a match is a maximal run, and a position that fails is given up after one or two characters.
 */
const WSP_RUN = /[ \t]{2,}|\t/g;
const CRLF_ANY = /\r\n/g;
/**
 * The relaxed form of a header field (RFC 6376 §3.4.2): name lower-cased, unfolded, runs of WSP reduced to one
 * SP, WSP at the end of the value and around the colon removed. Without the final CRLF.
 *
 * @param raw the field as octets (latin1), lines joined with CRLF, without its final CRLF.
 */
function canonicalize_relaxedHeader(raw) {
    let s = raw.indexOf('\r\n') >= 0 ? raw.replace(CRLF_ANY, '') : raw;
    const colon = s.indexOf(':');
    if (colon >= 0) {
        let name = lowerAscii(s.slice(0, colon));
        name = name.replace(WSP_RUN, ' ');
        if (name.charCodeAt(0) === 0x20)
            name = name.slice(1);
        if (name.charCodeAt(name.length - 1) === 0x20)
            name = name.slice(0, -1);
        let value = s.slice(colon + 1).replace(WSP_RUN, ' ');
        if (value.charCodeAt(0) === 0x20)
            value = value.slice(1);
        if (value.charCodeAt(value.length - 1) === 0x20)
            value = value.slice(0, -1);
        return `${name}:${value}`;
    }
    s = s.replace(WSP_RUN, ' ');
    if (s.charCodeAt(0) === 0x20)
        s = s.slice(1);
    if (s.charCodeAt(s.length - 1) === 0x20)
        s = s.slice(0, -1);
    return s;
}
/**
 * Empties the value of the `b=` tag of a signature header field, keeping `b=` (RFC 6376 §3.7: "the value of the
 * b= tag (including all surrounding whitespace) deleted"). The tag is found as the tag-list parser finds it:
 * the field value split on `;` (which cannot occur inside a tag value), the last tag-spec whose name, without the
 * FWS around it, is exactly `b` (tag names are case-sensitive, RFC 6376 §3.2).
 *
 * @param raw the field as octets (latin1), name and colon included.
 */
function canonicalize_stripSignatureValue(raw) {
    const colon = raw.indexOf(':');
    let end = raw.length;
    while (end > colon) {
        const semi = raw.lastIndexOf(';', end - 1);
        const start = semi > colon ? semi + 1 : colon + 1;
        const eq = raw.indexOf('=', start);
        if (eq >= 0 && eq < end && isTagName(raw, start, eq, 'b'))
            return raw.slice(0, eq + 1) + raw.slice(end);
        if (start === colon + 1)
            break;
        end = semi;
    }
    return raw;
}
/** True when `raw[start..eq)` is `name` with only FWS around it. */
function isTagName(raw, start, eq, name) {
    let a = start;
    let b = eq;
    while (a < b && isFwsCode(raw.charCodeAt(a)))
        a++;
    while (b > a && isFwsCode(raw.charCodeAt(b - 1)))
        b--;
    return b - a === name.length && raw.startsWith(name, a);
}
function isFwsCode(c) {
    return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}
const MAX_REPEAT = (/* unused pure expression or super */ null && (32 * 1024));
const CR = Buffer.from('\r', 'latin1');
/** Relaxed canonicalization works on at most this many octets at a time. */
const SCRATCH_BYTES = 64 * 1024;
/**
 * Where relaxed canonicalization writes a chunk's canonical octets: one buffer for the process (the work is
 * synchronous and the piece is hashed, or copied, before the next chunk), so a message allocates none.
 */
const SCRATCH = Buffer.allocUnsafe(SCRATCH_BYTES + 2);
function emitCrlfs(emit, n) {
    while (n > 0) {
        const k = Math.min(n, MAX_REPEAT);
        emit('\r\n'.repeat(k));
        n -= k;
    }
}
/**
 * A streaming body canonicalizer (RFC 6376 §3.4.3, §3.4.4). Input chunks must have every LF preceded by CR
 * (the message reader turns bare LFs into CRLF).
 *
 * Simple canonicalization hashes the octets as they are; only trailing empty lines are held back. Relaxed
 * canonicalization runs a small state machine over the octets into a scratch buffer: measured on 2 KB and 128 KB of
 * mail text it is 2 to 4 times faster than the same rules as regular expressions over latin1 text (the many short
 * runs of white space make a native replace allocate and copy per match), and it is linear by construction. What a
 * chunk boundary leaves undecided (white space, a CR) is state, not text.
 */
class BodyCanonicalizer {
    mode;
    emit;
    pending = 0; // empty lines held back: they are dropped if nothing but empty lines follows
    content = false; // some non-empty line was emitted
    cr = false; // a CR ended the last chunk: line end or content, the next octet says
    wsp = false; // relaxed: white space seen and not yet written (one SP, or nothing before CRLF)
    constructor(mode, emit) {
        this.mode = mode;
        this.emit = emit;
    }
    /** Canonicalizes the next body octets. */
    write(chunk) {
        if (chunk.length === 0)
            return;
        if (this.mode === 'simple')
            this.writeSimple(chunk);
        else
            for (let i = 0; i < chunk.length; i += SCRATCH_BYTES)
                this.writeRelaxed(i === 0 && chunk.length <= SCRATCH_BYTES ? chunk : chunk.subarray(i, i + SCRATCH_BYTES));
    }
    /** Simple (§3.4.3): the octets as they are; a final CR waits for the next chunk. */
    writeSimple(chunk) {
        let data = chunk;
        if (this.cr) {
            data = Buffer.concat([CR, chunk]);
            this.cr = false;
        }
        let end = data.length;
        if (data[end - 1] === 0x0d) {
            end--;
            this.cr = true;
        }
        this.lines(data, end);
    }
    /**
     * Relaxed (§3.4.4): each run of SP/HTAB becomes one SP, or nothing when CRLF follows it; a CR not followed by LF
     * is content.
     */
    writeRelaxed(chunk) {
        const n = chunk.length;
        // at most one SP and one CR held from the last chunk, plus the chunk (never more than SCRATCH_BYTES)
        const out = SCRATCH;
        let o = 0;
        let wsp = this.wsp;
        let i = 0;
        if (this.cr) {
            this.cr = false;
            if (chunk[0] === 0x0a) {
                out[o++] = 0x0d;
                out[o++] = 0x0a;
                wsp = false;
                i = 1;
            }
            else {
                if (wsp)
                    out[o++] = 0x20;
                out[o++] = 0x0d;
                wsp = false;
            }
        }
        for (; i < n; i++) {
            const c = chunk[i];
            if (c === 0x20 || c === 0x09) {
                wsp = true;
                continue;
            }
            if (c === 0x0d) {
                if (i + 1 === n) {
                    this.cr = true; // decided by the next chunk
                    break;
                }
                if (chunk[i + 1] === 0x0a) {
                    // end of line: white space before it is dropped
                    out[o++] = 0x0d;
                    out[o++] = 0x0a;
                    wsp = false;
                    i++;
                    continue;
                }
            }
            if (wsp) {
                out[o++] = 0x20;
                wsp = false;
            }
            out[o++] = c;
        }
        this.wsp = wsp;
        this.lines(out, o);
    }
    /** Emits `canon[0..end)`, holding back the CRLFs that end it (empty lines are dropped if nothing follows them). */
    lines(canon, end) {
        let k = end;
        while (k >= 2 && canon[k - 1] === 0x0a && canon[k - 2] === 0x0d)
            k -= 2;
        if (k > 0) {
            this.flushPending();
            this.out(k === canon.length ? canon : canon.subarray(0, k));
        }
        this.pending += (end - k) / 2;
    }
    flushPending() {
        if (this.pending > 0) {
            emitCrlfs(this.emit, this.pending);
            this.pending = 0;
        }
    }
    out(piece) {
        this.content = true;
        this.emit(piece);
    }
    /** Ends the body: drops trailing empty lines, ends the last line with CRLF (simple: an empty body is CRLF). */
    end() {
        // a final lone CR is content; relaxed: white space before it stays (one SP), white space at the very end goes
        if (this.cr) {
            this.flushPending();
            this.out(this.mode === 'relaxed' && this.wsp ? ' \r' : '\r');
        }
        this.cr = false;
        this.wsp = false;
        this.pending = 0;
        if (this.content || this.mode === 'simple')
            this.emit('\r\n');
    }
}
/**
 * Canonicalizes a whole body held in memory (bare LFs are read as CRLF, as the verifier reads them).
 *
 * @param body the body octets.
 * @param mode `simple` or `relaxed`.
 * @returns the canonical body octets.
 */
function canonicalizeBody(body, mode) {
    const parts = [];
    const c = new BodyCanonicalizer(mode, (t) => parts.push(typeof t === 'string' ? Buffer.from(t, 'latin1') : t));
    c.write(Buffer.from(body.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'));
    c.end();
    return Buffer.concat(parts);
}
/** How much of the content after an `l=` limit is kept for the report, in octets. */
const UNSIGNED_EXCERPT_CHARS = 300;
/**
 * Computes every body hash the signatures of a message ask for in one pass over the body: one canonicalizer
 * per canonicalization, each feeding the hashes (algorithm and `l=`) that use it. Identical requests share one
 * hash. Use as the message's body sink ({@link write}, {@link end}), then read {@link result}.
 */
class canonicalize_BodyHashes {
    lanes = new Map();
    results;
    /** Registers a request (before the body is written). @returns its key for {@link result}. */
    add(req) {
        const key = `${req.canonicalization}:${req.hash}:${req.limit ?? ''}`;
        let lane = this.lanes.get(req.canonicalization);
        if (!lane) {
            const l = {
                bytes: 0,
                hashers: new Map(),
                canonicalizer: new BodyCanonicalizer(req.canonicalization, (t) => this.feed(l, t)),
            };
            lane = l;
            this.lanes.set(req.canonicalization, lane);
        }
        if (!lane.hashers.has(key)) {
            const h = { hash: createHash(req.hash), remaining: req.limit ?? Number.POSITIVE_INFINITY };
            if (req.limit !== undefined)
                h.unsigned = '';
            lane.hashers.set(key, h);
        }
        return key;
    }
    /** True when at least one hash was requested. */
    get size() {
        return this.lanes.size;
    }
    feed(lane, piece) {
        lane.bytes += piece.length;
        for (const h of lane.hashers.values()) {
            if (h.remaining >= piece.length) {
                if (typeof piece === 'string')
                    h.hash.update(piece, 'latin1');
                else
                    h.hash.update(piece);
                h.remaining -= piece.length;
            }
            else {
                if (h.remaining > 0) {
                    if (typeof piece === 'string')
                        h.hash.update(piece.slice(0, h.remaining), 'latin1');
                    else
                        h.hash.update(piece.subarray(0, h.remaining));
                }
                if (h.unsigned !== undefined && h.unsigned.length < UNSIGNED_EXCERPT_CHARS) {
                    const to = h.remaining + UNSIGNED_EXCERPT_CHARS - h.unsigned.length;
                    h.unsigned +=
                        typeof piece === 'string'
                            ? piece.slice(h.remaining, to)
                            : piece.toString('latin1', h.remaining, Math.min(to, piece.length));
                }
                h.remaining = 0;
            }
        }
    }
    /** Body octets (CRLF line endings). */
    write(chunk) {
        for (const lane of this.lanes.values())
            lane.canonicalizer.write(chunk);
    }
    /** The body has ended: the hashes are final. */
    end() {
        if (this.results)
            return;
        const results = new Map();
        for (const lane of this.lanes.values()) {
            lane.canonicalizer.end();
            for (const [key, h] of lane.hashers) {
                const out = { digest: h.hash.digest('base64'), canonicalBytes: lane.bytes };
                if (h.unsigned !== undefined)
                    out.unsigned = h.unsigned;
                results.set(key, out);
            }
        }
        this.results = results;
    }
    /** The result of a request registered with {@link add}; undefined before {@link end} or for an unknown key. */
    result(key) {
        return this.results?.get(key);
    }
}

;// CONCATENATED MODULE: ./lib/dkim/crypto.js
/**
 * The signature check of RFC 6376 §3.7 / §6.1.3 step 4 on canonical header data: the data to sign built from
 * the selected header fields (§5.4.2) and the signature field with its `b=` value emptied, and the signature
 * verified with node:crypto against a KeyObject (RSASSA-PKCS1-v1_5 for `rsa-*`, RFC 8017; Ed25519 over the
 * SHA-256 of the data for `ed25519-sha256`, RFC 8463 §3).
 *
 * @module
 */


/** Remembers the relaxed form of each header field of a message (a field may be signed by several signatures). */
class crypto_HeaderCanonicalForms {
    relaxed = new Map();
    /** The field in `canon` form, without its final CRLF. */
    of(field, canon) {
        if (canon === 'simple')
            return field.raw;
        let r = this.relaxed.get(field);
        if (r === undefined) {
            r = relaxedHeader(field.raw);
            this.relaxed.set(field, r);
        }
        return r;
    }
}
/**
 * The data a signature signs (RFC 6376 §3.7): each header field `h=` selects (§5.4.2), canonicalized and ending
 * with CRLF, then the signature field itself with its `b=` value emptied, canonicalized, without a final CRLF.
 *
 * @param header the message's header section.
 * @param signedHeaders the `h=` names, in order.
 * @param signatureField the signature header field being verified.
 * @param canon the header canonicalization.
 * @param forms a cache of canonical forms shared by the message's signatures.
 * @returns the data as latin1 text (one code unit per octet).
 */
function crypto_signedHeaderData(header, signedHeaders, signatureField, canon, forms = new crypto_HeaderCanonicalForms()) {
    let data = '';
    for (const f of header.select(signedHeaders))
        data += `${forms.of(f, canon)}\r\n`;
    const stripped = stripSignatureValue(signatureField.raw);
    data += canon === 'relaxed' ? relaxedHeader(stripped) : stripped;
    return data;
}
/**
 * Verifies a signature over header data.
 *
 * @param keyAlgorithm `rsa` or `ed25519` (the `a=` key part; the key must be of that type).
 * @param hashAlgorithm `sha256` or `sha1` (the `a=` hash part).
 * @param publicKey the signer's key.
 * @param data the signed data, latin1 text ({@link signedHeaderData}).
 * @param signature the decoded `b=` value.
 * @returns ok, or not ok (with `error` when node:crypto refused the inputs, e.g. a malformed signature length).
 */
function crypto_verifySignedData(keyAlgorithm, hashAlgorithm, publicKey, data, signature) {
    try {
        const bytes = Buffer.from(data, 'latin1');
        const ok = keyAlgorithm === 'ed25519'
            ? verify(null, createHash('sha256').update(bytes).digest(), publicKey, signature)
            : verify(hashAlgorithm, bytes, publicKey, signature);
        return ok ? { ok: true } : { ok: false };
    }
    catch (err) {
        return { ok: false, error: err.message };
    }
}

;// CONCATENATED MODULE: ./lib/dkim/findings.js
/**
 * The DKIM findings: observations on signatures (src/dkim/verify.ts) and on published key records
 * (src/dkim/key.ts). A revoked key is two findings: `dkim.key-revoked` (a signature's key, error: the signature
 * fails) and `dkim.selector-revoked` (a selector of the domain audit, warning: fine when retired on purpose).
 * Severities are those of the default verifier policy; a verifier policy rule configured otherwise (see
 * src/dkim/policy.ts) re-grades its finding through `withPolicySeverity`.
 *
 * @module
 */

/** The DKIM findings catalog (RFC 6376, RFC 8301, RFC 8463): signature and key-record observations; see docs/findings.md. */
const DKIM_FINDINGS = defineFindings({
    // --- signatures on a message ---
    signatureInvalid: {
        id: 'dkim.signature-invalid',
        severity: 'error',
        title: 'DKIM-Signature is malformed',
        rfc: 'RFC 6376 §3.5, §6.1.1',
        remediation: 'Fix the signer: every required tag (v, a, b, bh, d, h, s) once, with valid values.',
    },
    bodyHashMismatch: {
        id: 'dkim.body-hash-mismatch',
        severity: 'error',
        title: 'Body hash does not match',
        rfc: 'RFC 6376 §6.1.3',
        remediation: 'The body changed after signing (a footer, a re-encoding, line-ending changes) or the signer hashed a different body.',
    },
    signatureMismatch: {
        id: 'dkim.signature-mismatch',
        severity: 'error',
        title: 'Signature does not verify',
        rfc: 'RFC 6376 §6.1.3',
        remediation: 'A signed header field changed in transit, or the published key does not match the signing key.',
    },
    rsaSha1: {
        id: 'dkim.rsa-sha1',
        severity: 'error',
        title: 'rsa-sha1 signature',
        rfc: 'RFC 8301 §3.1',
        remediation: 'Sign with rsa-sha256 (or ed25519-sha256 alongside it).',
    },
    rsaKeyTooShort: {
        id: 'dkim.rsa-key-too-short',
        severity: 'error',
        title: 'RSA key shorter than 1024 bits',
        rfc: 'RFC 8301 §3.2',
        remediation: 'Publish a 2048-bit RSA key under a new selector and sign with it.',
    },
    rsaKeyBelow2048: {
        id: 'dkim.rsa-key-below-2048',
        severity: 'warning',
        title: 'RSA key shorter than 2048 bits',
        rfc: 'RFC 8301 §3.2',
        remediation: 'Signers SHOULD use RSA keys of at least 2048 bits: rotate to a 2048-bit key.',
    },
    fromNotSigned: {
        id: 'dkim.from-not-signed',
        severity: 'error',
        title: 'From header field not signed',
        rfc: 'RFC 6376 §5.4',
        remediation: 'Include From in h= (and list it once more than it occurs, to oversign it).',
    },
    signatureExpired: {
        id: 'dkim.signature-expired',
        severity: 'error',
        title: 'Signature expired (x=)',
        rfc: 'RFC 6376 §3.5',
        remediation: 'Messages must be verified before x=; signers should allow enough time for delivery.',
    },
    timestampFuture: {
        id: 'dkim.timestamp-future',
        severity: 'error',
        title: 'Signature timestamp (t=) in the future',
        rfc: 'RFC 6376 §3.5',
        remediation: "Fix the signing host's clock.",
    },
    bodyLengthLimit: {
        id: 'dkim.body-length-limit',
        severity: 'warning',
        title: 'Signature covers only part of the body (l=)',
        rfc: 'RFC 6376 §8.2',
        remediation: 'Do not use l=: content can be appended to the message without breaking the signature.',
    },
    unsignedContent: {
        id: 'dkim.unsigned-content',
        severity: 'warning',
        title: 'Content after the l= limit is not signed',
        rfc: 'RFC 6376 §8.2',
        remediation: 'Treat the unsigned part as unauthenticated; it may have been appended by anyone.',
    },
    notOversigned: {
        id: 'dkim.not-oversigned',
        severity: 'warning',
        title: 'Header fields can be added without breaking the signature',
        rfc: 'RFC 6376 §8.15',
        remediation: 'List each of these names in h= once more than it occurs in the message ("oversigning") so added instances break the signature.',
    },
    keyTesting: {
        id: 'dkim.key-testing',
        severity: 'warning',
        title: 'Key record in testing mode (t=y)',
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Remove t=y once DKIM works: receivers treat testing signatures like unsigned mail.',
    },
    keyStrictIdentity: {
        id: 'dkim.key-strict-identity',
        severity: 'error',
        title: 'i= is a subdomain of d= but the key has t=s',
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Sign with i= in the d= domain itself, or remove t=s from the key record.',
    },
    keyHashExcluded: {
        id: 'dkim.key-hash-excluded',
        severity: 'error',
        title: "The key record's h= excludes the signature's hash",
        rfc: 'RFC 6376 §3.6.1, §6.1.2',
        remediation: 'Sign with a hash the key allows (sha256), or fix h= in the key record.',
    },
    keyServiceExcluded: {
        id: 'dkim.key-service-excluded',
        severity: 'error',
        title: "The key record's s= excludes email",
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Use s=email or s=* (or omit s=).',
    },
    keyTypeMismatch: {
        id: 'dkim.key-type-mismatch',
        severity: 'error',
        title: "The key type does not match the signature's algorithm",
        rfc: 'RFC 6376 §6.1.2',
        remediation: 'Publish the key of the type the signer uses (k=rsa or k=ed25519) under its selector.',
    },
    keyMissing: {
        id: 'dkim.key-missing',
        severity: 'error',
        title: 'No key record at the selector',
        rfc: 'RFC 6376 §6.1.2',
        remediation: 'Publish the public key at <selector>._domainkey.<domain>, or fix the selector the signer uses.',
    },
    keyRevoked: {
        id: 'dkim.key-revoked',
        severity: 'error',
        title: "The signature's key is revoked (empty p=)",
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Sign with a current key; a revoked selector must no longer be used.',
    },
    keyInvalid: {
        id: 'dkim.key-invalid',
        severity: 'error',
        title: 'Key record unusable',
        rfc: 'RFC 6376 §3.6.1, §6.1.2',
        remediation: 'Republish the key record: v=DKIM1; k=rsa|ed25519; p=<base64 key>.',
    },
    dnsError: {
        id: 'dkim.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'A DKIM key could not be fetched (DNS error)',
        rfc: 'RFC 6376 §6.1.2',
        remediation: 'A temporary DNS failure (timeout, SERVFAIL): retry later, or check the DNS servers of the signing domain.',
    },
    multipleKeyRecords: {
        id: 'dkim.multiple-key-records',
        severity: 'warning',
        title: 'Several TXT records at one selector',
        rfc: 'RFC 6376 §3.6.2.2',
        remediation: 'Keep exactly one TXT record per selector; results are undefined otherwise.',
    },
    lfLineEndings: {
        id: 'dkim.lf-line-endings',
        severity: 'info',
        title: 'Message uses LF line endings',
        rfc: 'RFC 5322 §2.1, RFC 6376 §3.4',
        remediation: 'The message was converted to CRLF before verifying (as it was on the wire). Save messages with CRLF to verify byte-exactly.',
    },
    noHeaderSeparator: {
        id: 'dkim.no-header-separator',
        severity: 'warning',
        title: 'No empty line between header and body',
        rfc: 'RFC 5322 §2.1',
        remediation: 'The whole message was read as header fields with an empty body.',
    },
    signaturesNotEvaluated: {
        id: 'dkim.signatures-not-evaluated',
        severity: 'warning',
        title: 'DKIM signatures beyond the verifier limit were not evaluated',
        rfc: 'RFC 6376 §6.1, §8.4',
        remediation: 'The message carries more DKIM-Signature fields than the verifier evaluates (each costs a DNS query and a signature check); the ones after the limit get the result policy. Sign once or twice per message; raise maxDkimSignatures only for mail you expect to carry more.',
    },
    noSignature: {
        id: 'dkim.no-signature',
        severity: 'info',
        title: 'Message has no DKIM signature',
        rfc: 'RFC 6376 §6.1',
        remediation: 'Sign outgoing mail with DKIM at the sending domain.',
    },
    // --- keys published at a domain ---
    noKey: {
        id: 'dkim.no-key',
        severity: 'error',
        title: 'No DKIM key at the selector',
        rfc: 'RFC 6376 §3.6.2.1',
        remediation: 'Publish the key at <selector>._domainkey.<domain>, or remove the selector from the list.',
    },
    selectorRevoked: {
        id: 'dkim.selector-revoked',
        severity: 'warning',
        title: 'Selector publishes a revoked key (empty p=)',
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Fine if the selector was retired on purpose; make sure no signer still uses it.',
    },
    keySha1Only: {
        id: 'dkim.key-sha1-only',
        severity: 'error',
        title: 'Key allows no sha256 (h= lists only sha1 or unknown hashes)',
        rfc: 'RFC 8301 §3.1, RFC 6376 §3.6.1',
        remediation: 'Use h=sha256 or remove h=: verifiers reject rsa-sha1 signatures, so this key cannot verify any acceptable one.',
    },
    keyUnknownHash: {
        id: 'dkim.key-unknown-hash',
        severity: 'warning',
        title: 'Key record lists a hash algorithm verifiers do not know',
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'List only sha256 in h= (or remove h=); unknown names are ignored by verifiers.',
    },
    keyRecordLint: {
        id: 'dkim.key-record-lint',
        severity: 'warning',
        title: 'Key record does not follow the RFC 6376 syntax rules',
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Write the record as v=DKIM1; k=rsa|ed25519; p=<base64 key>, with v= first.',
    },
    keyUnknownType: {
        id: 'dkim.key-unknown-type',
        severity: 'error',
        title: 'Unknown key type (k=)',
        rfc: 'RFC 6376 §3.6.1, RFC 8463',
        remediation: 'Use k=rsa or k=ed25519.',
    },
    keyMalformed: {
        id: 'dkim.key-malformed',
        severity: 'error',
        title: 'Malformed key record or key data',
        rfc: 'RFC 6376 §3.6.1',
        remediation: 'Republish the record: v=DKIM1; k=rsa; p=<base64 of the DER SubjectPublicKeyInfo>.',
    },
    keyViaCname: {
        id: 'dkim.key-cname',
        severity: 'info',
        title: 'Selector is a CNAME to another name (often an email provider)',
        rfc: 'RFC 6376 §3.6.2.1',
        remediation: 'Fine when the provider rotates the key for you; make sure the CNAME target exists.',
    },
    noDomainKeyTree: {
        id: 'dkim.no-domainkey-tree',
        severity: 'warning',
        title: '_domainkey does not exist (NXDOMAIN): no DKIM keys under it',
        rfc: 'RFC 8020 §2, RFC 6376 §3.6.2.1',
        remediation: 'Sign mail with DKIM and publish the key at <selector>._domainkey.<domain>.',
    },
    noSelectorFound: {
        id: 'dkim.no-selector-found',
        severity: 'info',
        title: 'None of the probed common selectors has a key',
        rfc: 'RFC 6376 §3.1',
        remediation: 'Selectors cannot be listed through DNS: pass the selectors you use (from a DKIM-Signature s= of your mail).',
    },
});

;// CONCATENATED MODULE: ./lib/mail/tag-list.js
/**
 * The tag-list syntax of RFC 6376 §3.2, a message/record primitive shared by DKIM-Signature header fields,
 * DKIM key records (src/dkim) and the ARC header fields that reuse it (RFC 8617 §4.1, src/arc).
 *
 * @module
 */
const tag_list_TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Names a character for an error message: `U+00A0 (no-break space)`. */
function describeCodePoint(c) {
    const cp = c.codePointAt(0) ?? 0;
    const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const names = {
        160: 'no-break space',
        194: 'the first octet of a UTF-8 sequence read as latin1',
        8199: 'figure space',
        8239: 'narrow no-break space',
        12288: 'ideographic space',
        65279: 'zero width no-break space',
        8203: 'zero width space',
    };
    const name = names[cp] ?? (cp < 0x20 || cp === 0x7f ? 'a control character' : undefined);
    return name ? `${hex} (${name})` : hex;
}
/** Removes FWS (SP, HTAB, CR, LF) from both ends, and nothing else (not U+00A0, unlike `trim()`). */
function tag_list_trimFws(s) {
    let a = 0;
    let b = s.length;
    while (a < b && tag_list_isFws(s.charCodeAt(a)))
        a++;
    while (b > a && tag_list_isFws(s.charCodeAt(b - 1)))
        b--;
    return a === 0 && b === s.length ? s : s.slice(a, b);
}
function tag_list_isFws(c) {
    return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}
/**
 * Parses an RFC 6376 §3.2 tag-list. Never throws: problems are listed in `errors` (a character that no
 * tag-list may contain, such as U+00A0 where only SP, HTAB and folding are white space; empty tag-specs other
 * than one trailing `;`; parts without `=`; invalid tag names; characters outside VALCHAR) and `duplicates`.
 *
 * @param text the tag-list (a header field value, or a TXT record's strings joined).
 */
function tag_list_parseTagList(text) {
    const tags = [];
    const map = new Map();
    const duplicates = [];
    const errors = [];
    const n = text.length;
    // the first character no tag-list may contain (native search; per tag-spec only when there is one)
    const foreign = text.search(FOREIGN);
    let start = 0;
    for (;;) {
        let end = text.indexOf(';', start);
        const last = end < 0;
        if (last)
            end = n;
        let eq = text.indexOf('=', start);
        if (eq >= end)
            eq = -1;
        if (eq < 0) {
            const spec = tag_list_trimFws(text.slice(start, end));
            if (spec === '') {
                if (!last || start === 0) {
                    if (!last || end > start)
                        errors.push('empty tag-spec');
                    else
                        errors.push('empty tag-list');
                }
            }
            else {
                errors.push(`tag-spec without "=": ${JSON.stringify(clip(spec))}`);
            }
        }
        else {
            const name = tag_list_trimFws(text.slice(start, eq));
            const raw = text.slice(eq + 1, end);
            if (!tag_list_TAG_NAME.test(name)) {
                errors.push(`invalid tag name ${JSON.stringify(clip(name))}`);
            }
            else {
                if (foreign >= 0 && foreign < end && FOREIGN.test(raw)) {
                    errors.push(`tag ${name}= has characters outside the allowed range`);
                }
                let value = tag_list_trimFws(raw);
                if (FWS_INSIDE.test(value))
                    value = value.replace(FWS_RUN, ' ');
                if (map.has(name) && !duplicates.includes(name))
                    duplicates.push(name);
                map.set(name, value);
                tags.push({ name, value, raw, offset: start });
            }
        }
        if (last)
            break;
        start = end + 1;
    }
    if (foreign >= 0) {
        errors.unshift(`${describeCodePoint(text.slice(foreign, foreign + 2))} at offset ${foreign} is not allowed in a tag-list (RFC 6376 §3.2: only SP, HTAB and folding are white space, values are printable US-ASCII)`);
    }
    return { tags, map, duplicates, errors };
}
/** Anything a tag-list can never contain: not printable US-ASCII, SP, HTAB, CR or LF. */
const FOREIGN = /[^\x20-\x7e\t\r\n]/;
const FWS_INSIDE = /[ \t\r\n]/;
const FWS_RUN = /[ \t\r\n]+/g;
function clip(s, max = 40) {
    return s.length > max ? `${s.slice(0, max)}...` : s;
}
/** Removes all FWS from a value (for `b=`, `bh=`, `p=`, where RFC 6376 §3.5/§3.6.1 allow FWS anywhere). */
function tag_list_stripFws(value) {
    return FWS_INSIDE.test(value) ? value.replace(FWS_RUN, '') : value;
}
/** Splits a colon-separated list (`h=`, key `h=`/`s=`/`t=`), trimming FWS and dropping empty entries. */
function tag_list_splitColonList(value) {
    const parts = value.split(':');
    const out = [];
    for (const part of parts) {
        const v = tag_list_trimFws(part);
        if (v !== '')
            out.push(v);
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/dkim/key-record.js
/**
 * Parses a DKIM key record (RFC 6376 §3.6.1, RFC 8463 §4) and measures the public key with node:crypto.
 *
 * @module
 */


/** Key types this verifier can use (RFC 6376 §3.6.1 `k=rsa`, RFC 8463 `k=ed25519`). */
const KNOWN_KEY_TYPES = ['rsa', 'ed25519'];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/**
 * Reads a public key from base64 `p=` data as node:crypto sees it, with its KeyObject (one `createPublicKey` per
 * key; its size is read from the KeyObject's `asymmetricKeyDetails`).
 *
 * @param p the base64 data, FWS already removed.
 * @param keyType the record's `k=` (`rsa` or `ed25519`).
 * @returns the key info and KeyObject, or an `error` sentence (malformed base64, not a key, wrong type).
 */
function readPublicKey(p, keyType) {
    if (!BASE64.test(p))
        return { error: 'p= is not valid base64' };
    const der = Buffer.from(p, 'base64');
    if (keyType === 'ed25519') {
        if (der.length !== 32)
            return { error: `an Ed25519 key must be 32 octets (RFC 8463 §4), found ${der.length}` };
        try {
            const keyObject = (0,external_node_crypto_.createPublicKey)({
                key: Buffer.concat([ED25519_SPKI_PREFIX, der]),
                format: 'der',
                type: 'spki',
            });
            return { key: { type: 'ed25519', bits: 256, format: 'raw' }, keyObject };
        }
        catch (err) {
            return { error: `not an Ed25519 key (${err.message})` };
        }
    }
    if (keyType !== 'rsa')
        return { error: `unknown key type k=${keyType}` };
    // a bare RSAPublicKey (PKCS#1) is a SEQUENCE whose first element is an INTEGER; SubjectPublicKeyInfo starts
    // with the AlgorithmIdentifier SEQUENCE: try the likely form first
    const order = looksLikePkcs1(der) ? ['pkcs1', 'spki'] : ['spki', 'pkcs1'];
    for (const type of order) {
        try {
            const keyObject = (0,external_node_crypto_.createPublicKey)({ key: der, format: 'der', type });
            if (keyObject.asymmetricKeyType !== 'rsa') {
                return { error: `p= holds a ${keyObject.asymmetricKeyType} key, not an RSA key` };
            }
            return {
                key: { type: 'rsa', bits: keyObject.asymmetricKeyDetails?.modulusLength ?? 0, format: type },
                keyObject,
            };
        }
        catch {
            // try the next encoding
        }
    }
    return { error: 'p= is not a DER-encoded RSA public key' };
}
/** True when the DER SEQUENCE's first element is an INTEGER (RFC 8017 A.1.1 RSAPublicKey). */
function looksLikePkcs1(der) {
    if (der.length < 3 || der[0] !== 0x30)
        return false;
    const len = der[1];
    const header = len < 0x80 ? 2 : 2 + (len & 0x7f);
    return der[header] === 0x02;
}
/**
 * Parses a DKIM key record (RFC 6376 §3.6.1 with the tag-list grammar of §3.2: only SP, HTAB and folding are
 * white space, so a record with U+00A0 between its tags is not a valid record). Never throws: an unusable
 * record has `errors`.
 *
 * @param text the TXT record with its character-strings joined.
 */
function parseDkimKeyRecord(text) {
    return key_record_readDkimKeyRecord(text).record;
}
/** {@link parseDkimKeyRecord}, also returning the KeyObject the verifier uses. */
function key_record_readDkimKeyRecord(text) {
    const tags = tag_list_parseTagList(text);
    const errors = [];
    const warnings = [];
    for (const e of tags.errors)
        errors.push(`tag-list syntax: ${e}`);
    for (const d of tags.duplicates)
        errors.push(`duplicate tag ${d}=`);
    const get = (n) => tags.map.get(n);
    const rec = {
        text,
        keyType: 'rsa',
        keyTypeExplicit: false,
        publicKey: '',
        revoked: false,
        serviceTypes: ['*'],
        flags: [],
        testing: false,
        strictIdentity: false,
        errors,
        warnings,
        tags,
    };
    let publicKey;
    const v = get('v');
    if (v !== undefined) {
        rec.version = v;
        if (v !== 'DKIM1')
            errors.push(`v=${v} is not DKIM1`);
        else if (tags.tags[0]?.name !== 'v')
            warnings.push('v= is not the first tag (RFC 6376 §3.6.1)');
    }
    const k = get('k');
    if (k !== undefined) {
        rec.keyType = k.toLowerCase();
        rec.keyTypeExplicit = true;
        if (!KNOWN_KEY_TYPES.includes(rec.keyType))
            errors.push(`unknown key type k=${k}`);
    }
    const h = get('h');
    if (h !== undefined)
        rec.hashAlgorithms = tag_list_splitColonList(h).map((x) => x.toLowerCase());
    const s = get('s');
    if (s !== undefined) {
        rec.serviceTypes = tag_list_splitColonList(s).map((x) => x.toLowerCase());
        if (!rec.serviceTypes.includes('*') && !rec.serviceTypes.includes('email')) {
            errors.push(`s=${s} does not include email or *`);
        }
    }
    const t = get('t');
    if (t !== undefined) {
        rec.flags = tag_list_splitColonList(t).map((x) => x.toLowerCase());
        rec.testing = rec.flags.includes('y');
        rec.strictIdentity = rec.flags.includes('s');
    }
    const n = get('n');
    if (n !== undefined)
        rec.notes = n;
    const p = get('p');
    if (p === undefined) {
        errors.push('missing required tag p=');
    }
    else {
        rec.publicKey = tag_list_stripFws(p);
        if (rec.publicKey === '') {
            rec.revoked = true;
        }
        else if (KNOWN_KEY_TYPES.includes(rec.keyType)) {
            const read = readPublicKey(rec.publicKey, rec.keyType);
            if (read.key)
                rec.key = read.key;
            if (read.keyObject)
                publicKey = read.keyObject;
            if (read.error)
                errors.push(read.error);
        }
    }
    return publicKey ? { record: rec, publicKey } : { record: rec };
}

;// CONCATENATED MODULE: ./lib/dkim/selectors.js
/**
 * Common DKIM selectors, for discovery when the caller names none. DNS offers no way to list the selectors
 * under `_domainkey` (RFC 6376 §3.1 leaves them to the signer), so discovery can only probe names that are
 * commonly used: finding none never proves a domain has no DKIM key.
 *
 * Each entry says where the selector comes from: `documented` means the provider's own setup documentation
 * tells customers to publish that selector; `observed` means it is widely seen in published DNS (and in the
 * selector lists of other checkers) but is not a documented default.
 *
 * @module
 */
/** The probed selectors, in probe order. */
const COMMON_SELECTORS = [
    {
        selector: 'selector1',
        provider: 'Microsoft 365',
        basis: 'documented',
        source: 'Microsoft Learn, "How to use DKIM for email in your custom domain" (CNAMEs selector1/selector2)',
    },
    {
        selector: 'selector2',
        provider: 'Microsoft 365',
        basis: 'documented',
        source: 'Microsoft Learn, as selector1',
    },
    {
        selector: 'google',
        provider: 'Google Workspace',
        basis: 'documented',
        source: 'Google Workspace Admin Help, "Set up DKIM" (default selector prefix "google")',
    },
    {
        selector: 's1',
        provider: 'Twilio SendGrid',
        basis: 'documented',
        source: 'SendGrid docs, "How to Set Up Domain Authentication" (automated security CNAMEs s1/s2)',
    },
    { selector: 's2', provider: 'Twilio SendGrid', basis: 'documented', source: 'SendGrid docs, as s1' },
    {
        selector: 'k2',
        provider: 'Mailchimp',
        basis: 'documented',
        source: 'Mailchimp help, "Set up email domain authentication" (CNAMEs k2/k3 to dkim2/dkim3.mcsv.net)',
    },
    { selector: 'k3', provider: 'Mailchimp', basis: 'documented', source: 'Mailchimp help, as k2' },
    {
        selector: 'k1',
        provider: 'Mailchimp (older setups), Mailgun',
        basis: 'observed',
        source: 'Older Mailchimp instructions used k1; Mailgun also offers k1',
    },
    {
        selector: 'mandrill',
        provider: 'Mailchimp Transactional (Mandrill)',
        basis: 'documented',
        source: 'Mandrill docs, "SPF and DKIM" (mandrill._domainkey)',
    },
    {
        selector: 'amazonses',
        provider: 'Amazon SES (legacy TXT setup)',
        basis: 'observed',
        source: 'Legacy SES DKIM; Easy DKIM publishes three random 32-character token selectors, which cannot be discovered',
    },
    {
        selector: 'mx',
        provider: 'Mailgun',
        basis: 'observed',
        source: 'Mailgun domain setup (older domains use mx._domainkey)',
    },
    {
        selector: 'pic',
        provider: 'Mailgun',
        basis: 'observed',
        source: 'Mailgun domain setup (selector shown in the DNS records page)',
    },
    { selector: 'krs', provider: 'Mailgun', basis: 'observed', source: 'Mailgun domain setup' },
    {
        selector: 'smtp',
        provider: 'Mailgun, generic',
        basis: 'observed',
        source: 'Mailgun domain setup; generic MTAs',
    },
    {
        selector: 'mailo',
        provider: 'Mailgun',
        basis: 'observed',
        source: 'Mailgun domain setup (newer domains)',
    },
    {
        selector: 'mailjet',
        provider: 'Mailjet',
        basis: 'documented',
        source: 'Mailjet docs, "Authenticate your domain" (mailjet._domainkey)',
    },
    {
        selector: 'zmail',
        provider: 'Zoho Mail',
        basis: 'observed',
        source: 'Zoho Mail admin console default selector',
    },
    {
        selector: 'protonmail',
        provider: 'Proton Mail',
        basis: 'documented',
        source: 'Proton support, "How to set up DKIM" (CNAMEs protonmail, protonmail2, protonmail3)',
    },
    {
        selector: 'protonmail2',
        provider: 'Proton Mail',
        basis: 'documented',
        source: 'Proton support, as protonmail',
    },
    {
        selector: 'protonmail3',
        provider: 'Proton Mail',
        basis: 'documented',
        source: 'Proton support, as protonmail',
    },
    {
        selector: 'fm1',
        provider: 'Fastmail',
        basis: 'documented',
        source: 'Fastmail help, "Custom domains" (CNAMEs fm1, fm2, fm3)',
    },
    { selector: 'fm2', provider: 'Fastmail', basis: 'documented', source: 'Fastmail help, as fm1' },
    { selector: 'fm3', provider: 'Fastmail', basis: 'documented', source: 'Fastmail help, as fm1' },
    {
        selector: 'sig1',
        provider: 'iCloud custom domains',
        basis: 'observed',
        source: 'iCloud+ custom domain setup',
    },
    {
        selector: 'cm',
        provider: 'Campaign Monitor',
        basis: 'observed',
        source: 'Campaign Monitor domain setup',
    },
    {
        selector: 'default',
        provider: 'cPanel, DirectAdmin, OpenDKIM, rspamd',
        basis: 'observed',
        source: 'The default selector of common hosting panels and signer configurations',
    },
    {
        selector: 'dkim',
        provider: 'generic (rspamd examples, many MTAs)',
        basis: 'observed',
        source: 'Common choice',
    },
    { selector: 'mail', provider: 'generic', basis: 'observed', source: 'Common choice' },
    { selector: 's1024', provider: 'Yahoo, generic', basis: 'observed', source: 'Seen on large senders' },
    { selector: 's2048', provider: 'Yahoo, generic', basis: 'observed', source: 'Seen on large senders' },
];
/** CNAME target suffixes that identify the provider hosting a delegated key. */
const PROVIDER_CNAME_SUFFIXES = [
    { suffix: 'onmicrosoft.com', provider: 'Microsoft 365' },
    { suffix: 'sendgrid.net', provider: 'Twilio SendGrid' },
    { suffix: 'mcsv.net', provider: 'Mailchimp' },
    { suffix: 'mandrillapp.com', provider: 'Mailchimp Transactional (Mandrill)' },
    { suffix: 'amazonses.com', provider: 'Amazon SES' },
    { suffix: 'mailgun.org', provider: 'Mailgun' },
    { suffix: 'protonmail.ch', provider: 'Proton Mail' },
    { suffix: 'messagingengine.com', provider: 'Fastmail' },
    { suffix: 'hubspotemail.net', provider: 'HubSpot' },
    { suffix: 'zoho.com', provider: 'Zoho' },
];
/** The provider a CNAME target belongs to, when known. */
function providerForCname(target) {
    const t = target.toLowerCase().replace(/\.$/, '');
    return PROVIDER_CNAME_SUFFIXES.find((p) => t === p.suffix || t.endsWith(`.${p.suffix}`))?.provider;
}

;// CONCATENATED MODULE: ./lib/dkim/key.js
/**
 * Audits the DKIM keys a domain publishes (RFC 6376 §3.6): for each selector, the key record parsed and the
 * key measured; without selectors, whether `_domainkey.<domain>` exists at all (RFC 8020) and a probe of
 * common selectors.
 *
 * @module
 */




/**
 * The most TXT records of one selector that are parsed and judged (each gets its findings); the others are
 * counted. A name with 100k records made one audit use 1.1 GB and write a 206 MB report.
 */
const MAX_KEY_RECORDS = 20;
const DISCOVERY_NOTE = 'Selectors cannot be listed through DNS; only common selectors were probed, so finding none never proves that the domain publishes no DKIM key.';
function view(strings, rec, source) {
    const v = {
        text: rec.text,
        strings,
        k: rec.keyType,
        p: rec.publicKey,
        s: rec.serviceTypes,
        t: rec.flags,
        revoked: rec.revoked,
        errors: rec.errors,
        warnings: rec.warnings,
    };
    if (rec.version !== undefined)
        v.v = rec.version;
    if (rec.hashAlgorithms)
        v.h = rec.hashAlgorithms;
    if (rec.notes !== undefined)
        v.n = rec.notes;
    if (rec.key) {
        v.keyType = rec.key.type;
        v.bits = rec.key.bits;
    }
    if (source)
        v.source = source;
    return v;
}
/** Findings for one parsed key record. */
function keyRecordFindings(name, r) {
    const out = [];
    const ev = { name, record: r.text };
    if (r.source)
        ev.source = r.source;
    if (r.revoked) {
        out.push(DKIM_FINDINGS.selectorRevoked(`The key at ${name} is revoked (empty p=).`, ev));
        return out;
    }
    const unknownType = r.errors.find((e) => e.startsWith('unknown key type'));
    if (unknownType)
        out.push(DKIM_FINDINGS.keyUnknownType(`The key record at ${name} has an ${unknownType}.`, { ...ev, term: 'k=' }));
    const other = r.errors.filter((e) => e !== unknownType);
    if (other.length)
        out.push(DKIM_FINDINGS.keyMalformed(`The key record at ${name} is unusable: ${other.join('; ')}.`, ev));
    if (r.keyType === 'rsa' && r.bits !== undefined) {
        if (r.bits < 1024) {
            out.push(DKIM_FINDINGS.rsaKeyTooShort(`The RSA key at ${name} has ${r.bits} bits; verifiers reject keys under 1024 bits.`, { ...ev, details: { bits: r.bits } }));
        }
        else if (r.bits < 2048) {
            out.push(DKIM_FINDINGS.rsaKeyBelow2048(`The RSA key at ${name} has ${r.bits} bits; 2048 are recommended.`, {
                ...ev,
                details: { bits: r.bits },
            }));
        }
    }
    if (r.t.includes('y'))
        out.push(DKIM_FINDINGS.keyTesting(`The key at ${name} has t=y (testing mode).`, { ...ev, term: 't=y' }));
    if (r.h && r.h.length > 0) {
        const unknown = r.h.filter((x) => x !== 'sha1' && x !== 'sha256');
        if (!r.h.includes('sha256')) {
            out.push(DKIM_FINDINGS.keySha1Only(`The key at ${name} allows no sha256 (h=${r.h.join(':')}): verifiers accept only rsa-sha256 and ed25519-sha256 (RFC 8301 §3.1), so no signature can use this key.`, { ...ev, term: 'h=' }));
        }
        else if (unknown.length > 0) {
            out.push(DKIM_FINDINGS.keyUnknownHash(`The key at ${name} lists unknown hash algorithms in h=: ${unknown.join(', ')}.`, {
                ...ev,
                term: 'h=',
            }));
        }
    }
    for (const w of r.warnings)
        out.push(DKIM_FINDINGS.keyRecordLint(`The key record at ${name}: ${w}.`, ev));
    return out;
}
async function auditSelector(domain, selector, origin, resolver) {
    const name = `${selector}._domainkey.${domain}`;
    const audit = { selector, name, status: 'none', origin, records: [] };
    const findings = [];
    const res = await resolver.query(name, 'TXT');
    if (!res.ok) {
        audit.dnsError = res.kind;
        if (resolver_isAbsent(res.kind)) {
            audit.status = 'none';
            if (origin === 'given') {
                findings.push(DKIM_FINDINGS.noKey(`No DKIM key at ${name} (${res.kind}).`, { name }));
            }
        }
        else {
            audit.status = 'dns-error';
            findings.push(DKIM_FINDINGS.dnsError(`The lookup of ${name} failed (${res.kind}); the key could not be checked.`, { name }));
        }
        return { audit, findings };
    }
    if (res.cnames?.length) {
        audit.cnames = res.cnames;
        const target = res.cnames[res.cnames.length - 1] ?? '';
        const provider = providerForCname(target);
        if (provider)
            audit.provider = provider;
        findings.push(DKIM_FINDINGS.keyViaCname(`${name} is a CNAME to ${res.cnames.join(' -> ')}${provider ? ` (${provider})` : ''}.`, {
            name,
            details: { cnames: res.cnames },
        }));
    }
    if (!audit.provider) {
        const common = COMMON_SELECTORS.find((c) => c.selector === selector);
        if (common && origin === 'discovered')
            audit.provider = common.provider;
    }
    res.records.slice(0, MAX_KEY_RECORDS).forEach((strings, i) => {
        const text = resolver_joinTxt(strings);
        audit.records.push(view(strings, parseDkimKeyRecord(text), res.source?.[i]));
    });
    const count = res.records.length;
    if (count > MAX_KEY_RECORDS)
        audit.recordCount = count;
    const usable = audit.records.some((r) => r.errors.length === 0 && !r.revoked);
    audit.status = usable ? 'found' : 'invalid';
    if (!usable && audit.records[0]?.revoked)
        audit.statusDetail = 'revoked';
    if (count > 1) {
        findings.push(DKIM_FINDINGS.multipleKeyRecords(`${count} TXT records at ${name}; verifiers use one of them unpredictably.`, {
            name,
            details: {
                records: audit.records.map((r) => r.text),
                ...(count > audit.records.length ? { omitted: count - audit.records.length } : {}),
            },
        }));
    }
    for (const r of audit.records)
        findings.push(...keyRecordFindings(name, r));
    return { audit, findings };
}
/**
 * Audits the DKIM keys of `domain`.
 *
 * - With `selectors`: each `<selector>._domainkey.<domain>` is fetched, every TXT record parsed; a missing one
 *   is an error finding (`dkim.no-key`).
 * - Without: `_domainkey.<domain>` is asked first. NXDOMAIN means no key exists below it (RFC 8020, as
 *   Internet.nl's mail test checks); NOERROR (even with no data: an empty non-terminal) means names exist
 *   below it. Then `candidates` (selectors the zone files hold) and {@link COMMON_SELECTORS} are probed unless
 *   `discover` is false.
 *
 * Never throws for DNS reasons: failures are findings (`dkim.dns-error`): one per given selector, and one in
 * all for the probed selectors that could not be checked (how many, and the failure kinds).
 *
 * @param domain the domain (U-labels are converted to A-labels).
 */
async function auditDkim(domain, options) {
    const name = resolver_normalizeName(domain) ?? domain.toLowerCase();
    const out = { domain: name, selectors: [], findings: [] };
    const given = [...new Set((options.selectors ?? []).map((s) => s.trim()).filter((s) => s !== ''))];
    const discover = options.discover ?? given.length === 0;
    if (given.length === 0) {
        const treeName = `_domainkey.${name}`;
        const res = await options.resolver.query(treeName, 'TXT');
        let tree;
        if (res.ok || res.kind === 'NODATA') {
            tree = {
                name: treeName,
                status: 'exists',
                answer: 'NOERROR',
                note: res.ok
                    ? `${treeName} exists (it even has TXT records), so names exist below it.`
                    : `${treeName} answers NOERROR with no data: an empty non-terminal (RFC 8020), so keys exist below it.`,
            };
        }
        else if (res.kind === 'NXDOMAIN') {
            tree = {
                name: treeName,
                status: 'nxdomain',
                answer: 'NXDOMAIN',
                note: `${treeName} does not exist (NXDOMAIN): per RFC 8020 no selector exists below it, so the domain publishes no DKIM key (unless its DNS server mishandles empty non-terminals).`,
            };
            out.findings.push(DKIM_FINDINGS.noDomainKeyTree(tree.note, { name: treeName }));
        }
        else {
            tree = {
                name: treeName,
                status: 'unknown',
                answer: res.kind,
                note: `${treeName} could not be checked (${res.kind}).`,
            };
        }
        out.domainKeyTree = tree;
    }
    const checks = given.map((s) => auditSelector(name, s, 'given', options.resolver));
    const probing = discover && out.domainKeyTree?.status !== 'nxdomain';
    const probed = probing
        ? [...new Set([...(options.candidates ?? []), ...COMMON_SELECTORS.map((c) => c.selector)])].filter((s) => !given.includes(s))
        : [];
    const probes = probed.map((s) => auditSelector(name, s, 'discovered', options.resolver));
    const [givenResults, probeResults] = await Promise.all([Promise.all(checks), Promise.all(probes)]);
    for (const r of givenResults) {
        out.selectors.push(r.audit);
        out.findings.push(...r.findings);
    }
    const found = [];
    const unchecked = [];
    for (const r of probeResults) {
        if (r.audit.status === 'none')
            continue;
        if (r.audit.status === 'dns-error') {
            // aggregated below: one finding for all the probes DNS trouble left unchecked
            unchecked.push({ selector: r.audit.selector, kind: r.audit.dnsError ?? 'SERVFAIL' });
            continue;
        }
        out.selectors.push(r.audit);
        out.findings.push(...r.findings);
        if (r.audit.records.length > 0)
            found.push(r.audit.selector);
    }
    if (discover && out.domainKeyTree?.status !== 'nxdomain') {
        out.discovery = { probed, found, unchecked, note: DISCOVERY_NOTE };
        if (unchecked.length > 0)
            out.findings.push(uncheckedFinding(name, probed.length, unchecked));
        const checked = probed.length - unchecked.length;
        if (found.length === 0 && given.length === 0 && checked > 0) {
            const partly = unchecked.length > 0 ? ` checked (${unchecked.length} could not be)` : '';
            out.findings.push(DKIM_FINDINGS.noSelectorFound(`None of the ${checked} common selectors${partly} has a key at ${name}. ${DISCOVERY_NOTE}`, {
                name: `_domainkey.${name}`,
                details: { probed, unchecked: unchecked.map((u) => u.selector) },
            }));
        }
    }
    else if (discover) {
        out.discovery = {
            probed: [],
            found: [],
            unchecked: [],
            note: `Not probed: ${out.domainKeyTree?.note ?? ''} ${DISCOVERY_NOTE}`,
        };
    }
    return out;
}
/**
 * The one `dkim.dns-error` finding for the probed selectors that DNS trouble left unchecked:
 * how many, of how many, and which failure kinds (`evidence.details.kind` is the most frequent kind).
 */
function uncheckedFinding(domain, probed, unchecked) {
    const counts = new Map();
    for (const u of unchecked)
        counts.set(u.kind, (counts.get(u.kind) ?? 0) + 1);
    const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const kinds = byCount.length === 1 ? (byCount[0]?.[0] ?? '') : byCount.map(([k, n]) => `${n} ${k}`).join(', ');
    const n = unchecked.length;
    const all = n === probed ? (n === 1 ? 'The' : `All ${n}`) : `${n} of the ${probed}`;
    return DKIM_FINDINGS.dnsError(`${all} common selector${probed === 1 ? '' : 's'} probed under _domainkey.${domain} could not be checked (DNS ${kinds}); whether keys exist there is unknown.`, {
        name: `_domainkey.${domain}`,
        details: {
            kind: byCount[0]?.[0] ?? 'SERVFAIL',
            kinds: Object.fromEntries(byCount),
            unchecked: n,
            probed,
            selectors: unchecked.map((u) => u.selector),
        },
    });
}

;// CONCATENATED MODULE: ./lib/dkim/key-cache.js
/**
 * A bounded cache of DKIM key lookups (RFC 6376 §3.6.2): the TXT answer at `<selector>._domainkey.<domain>`,
 * its first record parsed once and its public key made into one node:crypto KeyObject, shared by every message
 * verified with the same resolver (a batch, a long-running process) and by DKIM-Signatures, ARC-Message-Signatures
 * and ARC-Seals that name the same key.
 *
 * - Bounded in entries ({@link DkimKeyCacheOptions.maxEntries}, least recently used evicted, by CLOCK) and in age: an
 *   answer is kept {@link DkimKeyCacheOptions.maxAgeMs} at most, less when the resolver gives its TTL
 *   ({@link DnsAnswer.ttl}).
 * - Negative caching in the spirit of RFC 2308: NXDOMAIN, NODATA and BADNAME are kept
 *   {@link DkimKeyCacheOptions.negativeTtlMs}, so a flood of messages naming a missing selector asks DNS once a
 *   minute, not once a message.
 * - Transient failures (TIMEOUT, SERVFAIL, REFUSED) are kept only {@link DkimKeyCacheOptions.transientTtlMs}
 *   (RFC 2308 §7), and as what they are: they give `temperror`, never "no key".
 * - Concurrent lookups of one name share one DNS question.
 *
 * @module
 */


/** The defaults of {@link DkimKeyCacheOptions}. */
const DEFAULT_KEY_CACHE = Object.freeze({
    maxEntries: 10_000,
    maxAgeMs: 3_600_000,
    negativeTtlMs: 60_000,
    transientTtlMs: 5_000,
});
/** The cache; see the module documentation. */
class key_cache_DkimKeyCache {
    entries = new Map();
    options;
    now;
    counters = { hits: 0, misses: 0, evicted: 0 };
    /** @throws RangeError when a limit is negative or not a number. */
    constructor(options = {}) {
        this.options = { ...DEFAULT_KEY_CACHE };
        for (const k of ['maxEntries', 'maxAgeMs', 'negativeTtlMs', 'transientTtlMs']) {
            const v = options[k];
            if (v === undefined)
                continue;
            if (typeof v !== 'number' || Number.isNaN(v) || v < 0)
                throw new RangeError(`${k} must be a number >= 0`);
            this.options[k] = v;
        }
        this.now = options.now ?? Date.now;
    }
    /**
     * The key record at `name`, from the cache or asked of `resolver`.
     *
     * @param name `<selector>._domainkey.<domain>`.
     * @param resolver asked when the name is not cached (its failures are values; one that throws is SERVFAIL).
     */
    lookup(name, resolver) {
        const key = cacheKey(name);
        const hit = this.entries.get(key);
        if (hit && (hit.pending || hit.expires > this.now())) {
            this.counters.hits++;
            hit.used = true;
            return hit.pending ?? Promise.resolve(hit.value);
        }
        this.counters.misses++;
        const entry = { expires: Number.POSITIVE_INFINITY, used: false };
        const pending = fetchKey(key, resolver).then((value) => {
            entry.pending = undefined;
            entry.value = value;
            entry.expires = this.now() + this.keepFor(value.result);
            if (entry.expires <= this.now() && this.entries.get(key) === entry)
                this.entries.delete(key);
            return value;
        });
        entry.pending = pending;
        this.entries.delete(key);
        this.entries.set(key, entry);
        this.evict();
        return pending;
    }
    /**
     * The cached lookup of `name` when one is held and fresh (counted as a hit), without waiting; undefined when
     * DNS has to be asked (use {@link lookup}).
     */
    hit(name) {
        const entry = this.entries.get(cacheKey(name));
        if (!entry?.value || entry.expires <= this.now())
            return undefined;
        this.counters.hits++;
        entry.used = true;
        return entry.value;
    }
    /** The cached lookup of `name` when one is held and fresh, without asking DNS (nor counting a hit). */
    peek(name) {
        const hit = this.entries.get(cacheKey(name));
        return hit?.value && hit.expires > this.now() ? hit.value : undefined;
    }
    keepFor(result) {
        const o = this.options;
        if (result.ok)
            return Math.min(o.maxAgeMs, result.ttl === undefined ? o.maxAgeMs : result.ttl * 1000);
        if (isTransientFailure(result))
            return o.transientTtlMs;
        return o.negativeTtlMs;
    }
    /**
     * Keeps at most `maxEntries` (CLOCK, an approximation of least recently used that changes nothing on a hit): the
     * oldest entry goes, unless it was used since it came in or since its last second chance, then it moves to the
     * back with its mark cleared.
     */
    evict() {
        let chances = this.entries.size;
        while (this.entries.size > this.options.maxEntries) {
            const [oldest, entry] = this.entries.entries().next().value;
            this.entries.delete(oldest);
            if (entry.used && chances-- > 0) {
                entry.used = false;
                this.entries.set(oldest, entry);
                continue;
            }
            this.counters.evicted++;
        }
    }
    /** The counters. */
    stats() {
        return { ...this.counters, entries: this.entries.size };
    }
    /** Forgets every entry (counters are kept). */
    clear() {
        this.entries.clear();
    }
}
const key_cache_PLAIN_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/;
/** The cache key of a name: itself when it is already a plain lower-case name, else {@link normalizeName}. */
function cacheKey(name) {
    if (key_cache_PLAIN_NAME.test(name))
        return name;
    return normalizeName(name) ?? name.toLowerCase();
}
async function fetchKey(name, resolver) {
    // a resolver must not throw; if one does, the lookup failed for now (SERVFAIL)
    const result = await queryOrServfail(resolver, name, 'TXT');
    if (!result.ok)
        return { name, result };
    const text = joinTxt(result.records[0] ?? []);
    const read = readDkimKeyRecord(text);
    const out = { name, result, text, record: read.record };
    if (read.publicKey)
        out.publicKey = read.publicKey;
    return out;
}
const shared = new WeakMap();
/**
 * The key cache shared by every verification that uses `resolver` (created on first use with the defaults).
 * Keyed by the resolver object, so resolvers that answer differently never share keys.
 */
function key_cache_sharedKeyCache(resolver) {
    let cache = shared.get(resolver);
    if (!cache) {
        cache = new key_cache_DkimKeyCache();
        shared.set(resolver, cache);
    }
    return cache;
}
/**
 * Looks up a key through the cache, within the time limit: when it passes first, the lookup is a TIMEOUT
 * (a temperror), and nothing is cached for it.
 */
function key_cache_lookupKey(name, options) {
    const deadline = options.deadline;
    if (!deadline)
        return options.keyCache.lookup(name, options.resolver);
    const timedOut = () => ({ name, result: deadline.failure(name, 'TXT') });
    if (deadline.passed) {
        // past the limit, a key already known is used, and no question is asked
        const known = options.keyCache.peek(name);
        return Promise.resolve(known ?? timedOut());
    }
    return deadline.race(options.keyCache.lookup(name, options.resolver), timedOut);
}

;// CONCATENATED MODULE: ./lib/dkim/policy.js
/**
 * The verifier policy mailgate applies on top of mailauth's cryptographic check. Each rule is documented with
 * its RFC and can be configured per verification.
 *
 * | rule (slug; option)                          | fires when                                           | default | RFC |
 * | --------------------------------------------- | ---------------------------------------------------- | ------- | --- |
 * | `rsa-sha1`; `rsaSha1`                         | `a=rsa-sha1`                                         | `fail`  | RFC 8301 §3.1 |
 * | `rsa-key-too-short`; `rsaKeyTooShort`         | RSA key shorter than `rsaMinBits` (1024)             | `fail`  | RFC 8301 §3.2 |
 * | `rsa-key-below-2048`; `rsaKeyBelow2048`       | RSA key shorter than `rsaRecommendedBits` (2048)     | `warn`  | RFC 8301 §3.2 |
 * | `from-not-signed`; `fromNotSigned`            | `h=` does not list From                              | `fail`  | RFC 6376 §5.4, §6.1.1 |
 * | `signature-expired`; `signatureExpired`       | `x=` + `clockSkewSeconds` is before `now`            | `fail`  | RFC 6376 §3.5 |
 * | `timestamp-future`; `timestampFuture`         | `t=` is after `now` + `clockSkewSeconds`             | `fail`  | RFC 6376 §3.5 |
 * | `body-length-limit`; `bodyLengthLimit`        | `l=` present                                         | `warn`  | RFC 6376 §8.2 |
 * | `unsigned-content`; `unsignedContent`         | body content after the `l=` limit                    | `warn`  | RFC 6376 §8.2 |
 * | `key-testing`; `keyTesting`                   | key record `t=y`                                     | `warn`  | RFC 6376 §3.6.1 |
 * | `not-oversigned`; `notOversigned`             | a name in `oversignHeaders` is not listed in `h=` more times than it occurs | `warn` | RFC 6376 §8.15 |
 *
 * Each rule raises the finding `dkim.<slug>` ({@link DKIM_RULES}).
 *
 * Actions: `fail` makes a cryptographically valid signature `fail`; `policy` makes it `policy` (RFC 8601
 * §2.7.1 "not acceptable to the ADMD", rendered with `policy.dkim-rules`); `warn` keeps the result and adds a
 * warning finding; `off` disables the rule. Neither `fail` nor `policy` counts as a pass for DMARC.
 *
 * Not configurable (they follow from the RFCs' definitions, not from local policy): a malformed signature is
 * `neutral` (RFC 8601 §2.7.1 "syntax errors"); a missing, revoked, unparsable or inapplicable key (`h=`, `s=`,
 * `k=`, `t=s`) is `permerror`; a DNS timeout or server failure is `temperror`; a body hash or signature
 * mismatch is `fail`.
 *
 * @module
 */
/**
 * The verifier rules, one slug each: the slug is the rule id in a signature's `rules` and in the
 * Authentication-Results `policy.dkim-rules` property, `dkim.<slug>` is the id of the finding the rule raises,
 * and the slug camel-cased ({@link DkimRuleName}, e.g. `rsa-key-too-short` and `rsaKeyTooShort`) is the key of
 * {@link DkimVerifierPolicy} that sets its action. This table is the one place the names come from.
 */
const DKIM_RULE_SLUGS = [
    'rsa-sha1',
    'rsa-key-too-short',
    'rsa-key-below-2048',
    'from-not-signed',
    'signature-expired',
    'timestamp-future',
    'body-length-limit',
    'unsigned-content',
    'key-testing',
    'not-oversigned',
];
/** The camel-cased form of a slug: `rsa-key-below-2048` gives `rsaKeyBelow2048`. */
function camelCase(slug) {
    return slug.replace(/-(.)/g, (_, c) => c.toUpperCase());
}
/** Header fields an attacker could add to a signed message to change what the reader sees. */
const DEFAULT_OVERSIGN_HEADERS = [
    'from',
    'to',
    'cc',
    'subject',
    'date',
    'reply-to',
    'sender',
    'message-id',
    'mime-version',
    'content-type',
    'content-transfer-encoding',
    'list-unsubscribe',
    'list-unsubscribe-post',
];
/** The defaults (see the module table). */
const DEFAULT_DKIM_VERIFIER_POLICY = Object.freeze({
    rsaSha1: 'fail',
    rsaKeyTooShort: 'fail',
    rsaKeyBelow2048: 'warn',
    fromNotSigned: 'fail',
    signatureExpired: 'fail',
    timestampFuture: 'fail',
    bodyLengthLimit: 'warn',
    unsignedContent: 'warn',
    keyTesting: 'warn',
    notOversigned: 'warn',
    rsaMinBits: 1024,
    rsaRecommendedBits: 2048,
    clockSkewSeconds: 300,
    oversignHeaders: [...DEFAULT_OVERSIGN_HEADERS],
});
const RFC = {
    'rsa-sha1': 'RFC 8301 §3.1',
    'rsa-key-too-short': 'RFC 8301 §3.2',
    'rsa-key-below-2048': 'RFC 8301 §3.2',
    'from-not-signed': 'RFC 6376 §5.4',
    'signature-expired': 'RFC 6376 §3.5',
    'timestamp-future': 'RFC 6376 §3.5',
    'body-length-limit': 'RFC 6376 §8.2',
    'unsigned-content': 'RFC 6376 §8.2',
    'key-testing': 'RFC 6376 §3.6.1',
    'not-oversigned': 'RFC 6376 §8.15',
};
/** Each rule by its {@link DkimRuleName}: its slug, the id of the finding it raises (`dkim.<slug>`) and its RFC. */
const policy_DKIM_RULES = Object.fromEntries(DKIM_RULE_SLUGS.map((slug) => [camelCase(slug), { slug, findingId: `dkim.${slug}`, rfc: RFC[slug] }]));
/** Merges a partial policy over {@link DEFAULT_DKIM_VERIFIER_POLICY}. */
function policy_resolveDkimVerifierPolicy(policy) {
    const merged = {
        ...DEFAULT_DKIM_VERIFIER_POLICY,
        oversignHeaders: [...DEFAULT_DKIM_VERIFIER_POLICY.oversignHeaders],
    };
    if (!policy)
        return merged;
    for (const [k, v] of Object.entries(policy)) {
        if (v !== undefined)
            merged[k] = v;
    }
    merged.oversignHeaders = merged.oversignHeaders.map((h) => h.toLowerCase());
    return merged;
}

;// CONCATENATED MODULE: ./lib/dns/deadline.js
/**
 * One time limit for a whole piece of work (a message's verification, one check_host() evaluation): a single
 * timer, against which every wait for DNS is raced, instead of a timer per query. When it passes, every answer
 * still awaited, and every question asked after, is a TIMEOUT failure (never "no record"), so the work finishes
 * with temperror for what was pending.
 *
 * @module
 */

/** The longest delay `setTimeout` honours, in ms (a signed 32-bit integer); longer delays fire after 1 ms. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
/**
 * A promise that resolves to `'timeout'` after `delayMs` real milliseconds. Delays longer than
 * {@link MAX_TIMER_DELAY_MS} (which `setTimeout` would fire after 1 ms) are waited out in several timers.
 * The timers do not keep the process alive.
 */
function delay(delayMs) {
    let timer;
    let cancelled = false;
    const promise = new Promise((resolve) => {
        let left = delayMs;
        const arm = () => {
            if (cancelled)
                return;
            if (left <= 0) {
                resolve('timeout');
                return;
            }
            const step = Math.min(left, MAX_TIMER_DELAY_MS);
            left -= step;
            timer = setTimeout(arm, step);
            timer.unref?.();
        };
        arm();
    });
    return {
        promise,
        cancel: () => {
            cancelled = true;
            clearTimeout(timer);
        },
    };
}
/** A time limit; see the module documentation. */
class deadline_Deadline {
    now;
    /** When it passes, in ms since the epoch (by {@link Deadline.now}). */
    at;
    /** The limit, in ms. */
    limitMs;
    /** What the limit is, for messages (e.g. `the message time limit of 30000 ms`). */
    what;
    timer;
    fired = false;
    /**
     * Starts the clock.
     *
     * @param limitMs the limit in ms (≥ 1; larger than 2^31-1 is waited out in several timers).
     * @param what names the limit in failure messages.
     * @param now the clock used to tell whether it passed (default `Date.now`); the timer runs in real time.
     * @throws RangeError when `limitMs` is not a positive number.
     */
    constructor(limitMs, what, now = Date.now) {
        this.now = now;
        if (typeof limitMs !== 'number' || !(limitMs >= 1))
            throw new RangeError(`${what} must be at least 1 ms`);
        this.limitMs = limitMs;
        this.what = what;
        this.at = now() + limitMs;
        this.timer = delay(limitMs);
        void this.timer.promise.then(() => {
            this.fired = true;
        });
    }
    /** True once the limit has passed (by the clock, or because the timer fired). */
    get passed() {
        return this.fired || this.now() >= this.at;
    }
    /** Milliseconds left (0 when passed). */
    get remainingMs() {
        return this.fired ? 0 : Math.max(0, this.at - this.now());
    }
    /**
     * Waits for `work`, or for the limit, whichever comes first.
     * @returns what `work` gives, or `onTimeout()` when the limit passes first (or has passed).
     */
    race(work, onTimeout) {
        if (this.passed)
            return Promise.resolve(onTimeout());
        return Promise.race([work, this.timer.promise.then(onTimeout)]);
    }
    /**
     * A resolver whose answers are raced against the limit: past it, every question is a TIMEOUT failure. An answer
     * `inner` already holds (a {@link PeekableResolver}) is given at once, without a race.
     */
    resolver(inner) {
        const peek = inner.peek;
        return {
            query: (name, type) => {
                const held = peek?.call(inner, name, type);
                if (held)
                    return Promise.resolve(held);
                // past the limit, the question is not even asked
                return this.passed
                    ? Promise.resolve(this.failure(name, type))
                    : this.race(inner.query(name, type), () => this.failure(name, type));
            },
        };
    }
    /** The TIMEOUT failure for a question the limit cut short. */
    failure(name, type) {
        return dnsFailure(name, type, 'TIMEOUT', `${this.what} was exceeded`);
    }
    /** Stops the timer (the work is done). */
    dispose() {
        this.timer.cancel();
    }
}

;// CONCATENATED MODULE: ./lib/dkim/signature.js
/**
 * Parses and validates a DKIM-Signature header field value (RFC 6376 §3.5, §6.1.1), independently of the
 * cryptographic check, so that every signature gets a result and a reason even when mailauth skips it.
 *
 * @module
 */

/** The signing algorithms this verifier knows (RFC 6376 §3.3, RFC 8463 §3). */
const KNOWN_ALGORITHMS = (/* unused pure expression or super */ null && (['rsa-sha256', 'rsa-sha1', 'ed25519-sha256']));
/** Tags a DKIM-Signature must have (RFC 6376 §3.5: v, a, b, bh, d, h, s are REQUIRED). */
const REQUIRED_SIGNATURE_TAGS = (/* unused pure expression or super */ null && (['v', 'a', 'b', 'bh', 'd', 'h', 's']));
const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN_NAME = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+$`);
const SELECTOR = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*$`);
const TIMESTAMP = /^[0-9]{1,12}$/;
const BODY_LENGTH = /^[0-9]{1,76}$/;
const signature_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Decodes dkim-quoted-printable (RFC 6376 §2.11): `=XX` hex escapes; FWS is not part of the value. */
function decodeDkimQuotedPrintable(value) {
    const bytes = [];
    const src = Buffer.from(value.replace(/[ \t\r\n]+/g, ''), 'utf8');
    for (let i = 0; i < src.length; i++) {
        const c = src[i];
        if (c === 0x3d && i + 2 < src.length && /^[0-9A-Fa-f]{2}$/.test(src.subarray(i + 1, i + 3).toString())) {
            bytes.push(Number.parseInt(src.subarray(i + 1, i + 3).toString(), 16));
            i += 2;
        }
        else {
            bytes.push(c);
        }
    }
    return Buffer.from(bytes).toString('utf8');
}
/** Whether `child` equals `parent` or is a subdomain of it (ASCII case-insensitive, trailing dots ignored). */
function isSameOrSubdomain(child, parent) {
    const c = child.toLowerCase().replace(/\.$/, '');
    const p = parent.toLowerCase().replace(/\.$/, '');
    return c !== '' && p !== '' && (c === p || c.endsWith(`.${p}`));
}
/**
 * Parses a DKIM-Signature header field value (the text after the colon, folded or not).
 * Never throws; see {@link ParsedDkimSignature.problems}.
 */
function signature_parseDkimSignature(value) {
    const tags = parseTagList(value);
    const problems = [];
    for (const e of tags.errors)
        problems.push(`tag-list syntax: ${e}`);
    for (const d of tags.duplicates)
        problems.push(`duplicate tag ${d}= (RFC 6376 §3.2: the whole tag-list is invalid)`);
    const get = (name) => tags.map.get(name);
    const missing = REQUIRED_SIGNATURE_TAGS.filter((t) => get(t) === undefined);
    if (missing.length)
        problems.push(`missing required tag${missing.length > 1 ? 's' : ''} ${missing.map((t) => `${t}=`).join(', ')}`);
    const out = {
        canonicalization: { header: 'simple', body: 'simple' },
        signedHeaders: [],
        auidExplicit: false,
        queryMethods: ['dns/txt'],
        tags,
        problems,
        unknownAlgorithm: false,
    };
    const v = get('v');
    if (v !== undefined) {
        out.version = v;
        if (v !== '1')
            problems.push(`incompatible version v=${v} (RFC 6376 §6.1.1 requires v=1)`);
    }
    const a = get('a');
    if (a !== undefined) {
        out.algorithm = a.toLowerCase();
        const dash = out.algorithm.indexOf('-');
        out.keyAlgorithm = dash < 0 ? out.algorithm : out.algorithm.slice(0, dash);
        out.hashAlgorithm = dash < 0 ? '' : out.algorithm.slice(dash + 1);
        if (!KNOWN_ALGORITHMS.includes(out.algorithm)) {
            out.unknownAlgorithm = true;
            problems.push(`unsupported algorithm a=${a}`);
        }
    }
    const b = get('b');
    if (b !== undefined) {
        out.signature = stripFws(b);
        if (!signature_BASE64.test(out.signature) || out.signature === '')
            problems.push('b= is empty or not base64');
    }
    const bh = get('bh');
    if (bh !== undefined) {
        out.bodyHash = stripFws(bh);
        if (!signature_BASE64.test(out.bodyHash) || out.bodyHash === '')
            problems.push('bh= is empty or not base64');
    }
    const c = get('c');
    if (c !== undefined) {
        const [hc, bc, ...rest] = c.toLowerCase().split('/');
        out.canonicalization = { header: (hc ?? '').trim(), body: (bc ?? 'simple').trim() };
        const ok = ['simple', 'relaxed'];
        if (rest.length || !ok.includes(out.canonicalization.header) || !ok.includes(out.canonicalization.body)) {
            problems.push(`unknown canonicalization c=${c}`);
        }
    }
    const d = get('d');
    if (d !== undefined) {
        out.sdid = d.toLowerCase().replace(/\.$/, '');
        if (!DOMAIN_NAME.test(out.sdid))
            problems.push(`d=${d} is not a domain name`);
    }
    const h = get('h');
    if (h !== undefined) {
        out.signedHeaders = splitColonList(h);
        if (out.signedHeaders.length === 0)
            problems.push('h= is empty (RFC 6376 §3.5: the list MUST NOT be empty)');
    }
    const i = get('i');
    if (i !== undefined) {
        out.auidExplicit = true;
        out.auid = decodeDkimQuotedPrintable(i);
        const at = out.auid.lastIndexOf('@');
        out.auidDomain = (at < 0 ? '' : out.auid.slice(at + 1)).toLowerCase().replace(/\.$/, '');
        if (at < 0 || out.auidDomain === '')
            problems.push(`i=${i} has no domain part`);
        else if (out.sdid && !isSameOrSubdomain(out.auidDomain, out.sdid)) {
            problems.push(`i= domain ${out.auidDomain} is not d=${out.sdid} or a subdomain of it (RFC 6376 §3.5)`);
        }
    }
    else if (out.sdid !== undefined) {
        out.auid = `@${out.sdid}`;
        out.auidDomain = out.sdid;
    }
    const l = get('l');
    if (l !== undefined) {
        if (BODY_LENGTH.test(l))
            out.bodyLength = Number(l);
        else
            problems.push(`l=${l} is not a number of octets`);
    }
    const q = get('q');
    if (q !== undefined) {
        out.queryMethods = splitColonList(q).map((m) => m.toLowerCase());
        if (!out.queryMethods.includes('dns/txt'))
            problems.push(`q=${q} does not offer dns/txt`);
    }
    const s = get('s');
    if (s !== undefined) {
        out.selector = s;
        if (!SELECTOR.test(s))
            problems.push(`s=${s} is not a valid selector`);
    }
    const t = get('t');
    if (t !== undefined) {
        if (TIMESTAMP.test(t))
            out.timestamp = Number(t);
        else
            problems.push(`t=${t} is not a timestamp`);
    }
    const x = get('x');
    if (x !== undefined) {
        if (TIMESTAMP.test(x))
            out.expiration = Number(x);
        else
            problems.push(`x=${x} is not a timestamp`);
    }
    if (out.timestamp !== undefined && out.expiration !== undefined && out.expiration <= out.timestamp) {
        problems.push('x= is not after t= (RFC 6376 §3.5)');
    }
    const z = get('z');
    if (z !== undefined)
        out.copiedHeaders = z;
    return out;
}
/** Whether the signature's `h=` lists the From header field (RFC 6376 §5.4: it MUST). */
function signature_signsFrom(sig) {
    return sig.signedHeaders.some((name) => name.toLowerCase() === 'from');
}

;// CONCATENATED MODULE: ./lib/dkim/verify.js
/**
 * DKIM signature verification (RFC 6376 §6, RFC 8301, RFC 8463), on the message read once
 * (src/mail/message.ts): body hashes computed while the body streams, keys from the shared {@link DkimKeyCache},
 * signatures checked with node:crypto, and mailgate's policy (src/dkim/policy.ts) applied to the outcome.
 *
 * Order of checks for each signature (RFC 6376 §6.1): the signature's syntax (§6.1.1) → the key (§6.1.2) →
 * body hash and signature (§6.1.3) → policy rules on a cryptographically valid signature. Signatures are
 * evaluated concurrently (their key lookups run at once); at most {@link DEFAULT_MAX_SIGNATURES} of them
 * (`maxSignatures`), the rest are reported with the result `policy` and one `dkim.signatures-not-evaluated`
 * finding.
 *
 * @module
 */










/**
 * How many DKIM-Signature fields of a message are evaluated by default: 10. Real mail carries one to three (the
 * author's domain, an ESP, a mailing list); a forwarded list message rarely more than five. Each evaluated
 * signature may cost a DNS query and a signature check, so the limit bounds what one message can make the
 * verifier do (RFC 6376 §8.4 on denial of service; §6.1 lets a verifier limit the signatures it verifies).
 * mailauth 8 evaluates 20.
 */
const DEFAULT_MAX_SIGNATURES = 10;
/** The reason of a signature left unevaluated by the `maxSignatures` limit (its result is `policy`). */
const NOT_EVALUATED_REASON = 'not evaluated: more DKIM signatures than the verifier evaluates (RFC 6376 §6.1)';
/** True for a signature left unevaluated by the `maxSignatures` limit. */
function isNotEvaluated(sig) {
    return sig.result === 'policy' && sig.reason === NOT_EVALUATED_REASON;
}
/**
 * Verifies every DKIM-Signature of a message and applies the policy.
 *
 * @param raw the message (CRLF or LF line endings; LF is converted and reported).
 * @returns one {@link DkimSignatureResult} per DKIM-Signature header field, top first (empty when unsigned).
 * @throws {@link MessageInputError} (`EMESSAGETOOLARGE`, `EHEADERTOOLARGE`, `EINPUT`; `ENOHEADERS` with
 *   `requireHeaderSection`) when the input cannot be read, exceeds a limit, or has no header section.
 * @throws RangeError when `maxSignatures` or `timeoutMs` is not a valid number.
 */
async function verifyDkim(raw, options) {
    return (await verifyDkimMessage(raw, options)).signatures;
}
/**
 * Like {@link verifyDkim}, but also returns the header fields, the message shape and message-level findings,
 * and keeps the message model for ARC ({@link DkimMessageVerification.internal}). The message is read once.
 *
 * @throws {@link MessageInputError} when the input cannot be read or exceeds a limit; with
 *   `requireHeaderSection`, also when it has no header section (`ENOHEADERS`: empty, or the first line is not
 *   a header field; see `startsWithHeaderField`).
 * @throws RangeError when `maxSignatures` or `timeoutMs` is not a valid number.
 * @throws TypeError when `resolver` is not a Resolver.
 */
async function verifyDkimMessage(raw, options) {
    if (typeof options?.resolver?.query !== 'function')
        throw new TypeError('options.resolver must be a Resolver (an object with query(name, type))');
    const policy = resolveDkimVerifierPolicy(options.policy);
    const now = options.now ?? new Date();
    const maxSignatures = options.maxSignatures ?? DEFAULT_MAX_SIGNATURES;
    if (!Number.isSafeInteger(maxSignatures) || maxSignatures < 0)
        throw new RangeError(`maxSignatures must be an integer >= 0, got ${String(maxSignatures)}`);
    const keyCache = options.keyCache === false
        ? new DkimKeyCache({ transientTtlMs: 0, negativeTtlMs: 0 })
        : (options.keyCache ?? sharedKeyCache(options.resolver));
    const hashes = new BodyHashes();
    const prepared = [];
    const extra = [];
    const readOptions = {
        body: (header) => {
            let index = 0;
            for (const field of header.all('dkim-signature')) {
                const sig = parseDkimSignature(field.value);
                const p = { index, field, sig, evaluated: index < maxSignatures };
                index++;
                if (p.evaluated && sig.problems.length === 0 && signsFrom(sig)) {
                    p.bodyKey = hashes.add({
                        canonicalization: sig.canonicalization.body,
                        hash: sig.hashAlgorithm ?? 'sha256',
                        ...(sig.bodyLength !== undefined ? { limit: sig.bodyLength } : {}),
                    });
                }
                prepared.push(p);
            }
            for (const r of options.bodyHashRequests?.(header) ?? []) {
                extra.push({ key: r.key, internal: hashes.add(r.request) });
            }
            return hashes.size > 0 ? hashes : undefined;
        },
    };
    if (options.maxMessageBytes !== undefined)
        readOptions.maxMessageBytes = options.maxMessageBytes;
    if (options.maxHeaderBytes !== undefined)
        readOptions.maxHeaderBytes = options.maxHeaderBytes;
    if (options.requireHeaderSection)
        readOptions.requireHeaderSection = true;
    // bytes in memory are read without waiting; a stream as it arrives
    const read = readMessageNow(raw, readOptions) ?? (await readMessage(raw, readOptions));
    hashes.end();
    let deadline = options.deadline;
    let ownDeadline;
    if (!deadline && options.timeoutMs !== undefined) {
        ownDeadline = new Deadline(options.timeoutMs, `the DKIM time limit of ${options.timeoutMs} ms`);
        deadline = ownDeadline;
    }
    const ctx = {
        policy,
        now,
        header: read.header,
        resolver: options.resolver,
        keyCache,
        forms: new HeaderCanonicalForms(),
        hashes,
        ...(deadline ? { deadline } : {}),
    };
    let signatures;
    try {
        // the keys first, all at once (from the cache without waiting when it holds them), then each signature
        const lookups = prepared.map((p) => p.evaluated && p.sig.problems.length === 0 ? keyFor(p.sig, ctx) : undefined);
        if (lookups.some((l) => l instanceof Promise)) {
            const settled = await Promise.all(lookups);
            for (let i = 0; i < settled.length; i++)
                lookups[i] = settled[i];
        }
        signatures = prepared.map((p, i) => evaluateSignature(p, lookups[i], ctx));
    }
    finally {
        ownDeadline?.dispose();
    }
    const findings = [];
    const shape = read.shape;
    if (shape.lineEndings === 'lf' || shape.lineEndings === 'mixed') {
        findings.push(F.lfLineEndings(`The message uses ${shape.lineEndings === 'lf' ? 'LF' : 'mixed CRLF and LF'} line endings (${shape.bareLf} bare LF); they were read as CRLF.`, { details: { bareLf: shape.bareLf, crlf: shape.crlf } }));
    }
    if (!shape.hasSeparator && shape.bytes > 0) {
        findings.push(F.noHeaderSeparator('No empty line ends the header section; the body was taken as empty.'));
    }
    if (signatures.length === 0)
        findings.push(F.noSignature('The message has no DKIM-Signature header field.'));
    const skipped = signatures.length - Math.min(signatures.length, maxSignatures);
    if (skipped > 0) {
        findings.push(F.signaturesNotEvaluated(`The message has ${signatures.length} DKIM-Signature header fields; the first ${maxSignatures} were evaluated and the other ${skipped} were not (result policy).`, {
            term: 'DKIM-Signature',
            details: { signatures: signatures.length, evaluated: maxSignatures, skipped },
        }));
    }
    const bodyHashes = new Map();
    for (const e of extra) {
        const r = hashes.result(e.internal);
        if (r)
            bodyHashes.set(e.key, r);
    }
    const out = {
        signatures,
        headers: [...read.header.fields],
        shape,
        findings,
        verifiedAt: now.toISOString(),
    };
    const internal = {
        header: read.header,
        bodyHashes,
        resolver: options.resolver,
        keyCache,
        forms: ctx.forms,
    };
    if (options.deadline)
        internal.deadline = options.deadline;
    Object.defineProperty(out, 'internal', { value: internal, enumerable: false });
    return out;
}
/** The key of a signature: at once when the cache holds it fresh, else the lookup (within the time limit). */
function keyFor(sig, ctx) {
    const name = `${sig.selector}._domainkey.${sig.sdid}`;
    return ctx.keyCache.hit(name) ?? lookupKey(name, ctx);
}
function evaluateKey(sig, lookup) {
    const name = `${sig.selector}._domainkey.${sig.sdid}`;
    const info = { name };
    const findings = [];
    const res = lookup.result;
    const ev = { name };
    if (!res.ok) {
        info.dnsError = res.kind;
        if (isAbsent(res.kind)) {
            const reason = `no key for signature (${res.kind} for ${name})`;
            return {
                info,
                findings,
                verdict: { result: 'permerror', reason, finding: F.keyMissing(`${reason}.`, ev) },
            };
        }
        const reason = `DNS ${res.kind} looking up the key at ${name}`;
        return {
            info,
            findings,
            verdict: { result: 'temperror', reason, finding: F.dnsError(`${reason}.`, ev) },
        };
    }
    const text = lookup.text ?? '';
    const record = lookup.record;
    info.record = text;
    info.recordCount = res.records.length;
    if (res.cnames?.length)
        info.cnames = res.cnames;
    if (res.source?.[0])
        info.source = res.source[0];
    info.keyType = record.keyType;
    if (record.key)
        info.bits = record.key.bits;
    info.flags = record.flags;
    if (record.hashAlgorithms)
        info.hashAlgorithms = record.hashAlgorithms;
    const evidence = { name, record: text };
    if (info.source)
        evidence.source = info.source;
    if (res.records.length > 1) {
        findings.push(F.multipleKeyRecords(`${res.records.length} TXT records at ${name}; the first one was used.`, evidence));
    }
    const fail = (result, reason, factory) => ({
        info,
        record,
        lookup,
        findings,
        verdict: { result, reason, finding: factory(`${reason[0]?.toUpperCase()}${reason.slice(1)}.`, evidence) },
    });
    if (record.revoked)
        return fail('permerror', `key revoked (empty p=) at ${name}`, F.keyRevoked);
    if (!record.serviceTypes.includes('*') && !record.serviceTypes.includes('email')) {
        return fail('permerror', `key at ${name} is not for email (s=${record.serviceTypes.join(':')})`, F.keyServiceExcluded);
    }
    if (record.errors.length)
        return fail('permerror', `unusable key record at ${name}: ${record.errors[0]}`, F.keyInvalid);
    if (sig.keyAlgorithm && record.keyType !== sig.keyAlgorithm) {
        return fail('permerror', `key type k=${record.keyType} does not match a=${sig.algorithm}`, F.keyTypeMismatch);
    }
    if (record.hashAlgorithms && sig.hashAlgorithm && !record.hashAlgorithms.includes(sig.hashAlgorithm)) {
        return fail('permerror', `key record h=${record.hashAlgorithms.join(':')} does not allow ${sig.hashAlgorithm}`, F.keyHashExcluded);
    }
    if (record.strictIdentity && sig.auidExplicit && sig.auidDomain && sig.auidDomain !== sig.sdid) {
        return fail('permerror', `key has t=s but i= domain ${sig.auidDomain} is a subdomain of d=${sig.sdid}`, F.keyStrictIdentity);
    }
    return { info, record, lookup, findings };
}
function iso(seconds) {
    if (seconds === undefined)
        return undefined;
    const d = new Date(seconds * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
function evaluateSignature(p, lookup, ctx) {
    const { policy } = ctx;
    const { index, sig } = p;
    const out = {
        index,
        result: 'neutral',
        crypto: 'not-checked',
        c: `${sig.canonicalization.header}/${sig.canonicalization.body}`,
        signedHeaders: sig.signedHeaders,
        notOversigned: [],
        rules: [],
        findings: [],
    };
    if (sig.sdid !== undefined)
        out.d = sig.sdid;
    if (sig.auid !== undefined)
        out.i = sig.auid;
    if (sig.selector !== undefined)
        out.s = sig.selector;
    if (sig.algorithm !== undefined)
        out.a = sig.algorithm;
    const signedAt = iso(sig.timestamp);
    if (signedAt)
        out.signedAt = signedAt;
    const expiresAt = iso(sig.expiration);
    if (expiresAt)
        out.expiresAt = expiresAt;
    if (sig.signature)
        out.b = sig.signature.slice(0, 8);
    const sigEvidence = (extra = {}) => ({
        name: out.d ? `DKIM-Signature d=${out.d} s=${out.s ?? '?'}` : `DKIM-Signature #${index + 1}`,
        ...extra,
    });
    const fired = (rule, message, factory, extra = {}) => {
        const outcome = policy[rule];
        if (outcome === 'off')
            return;
        out.rules.push({ rule: DKIM_RULES[rule].slug, outcome });
        const who = `Signature d=${out.d ?? '?'} s=${out.s ?? '?'}: `;
        out.findings.push(withPolicySeverity(factory(who + message, sigEvidence(extra)), outcome === 'warn' ? 'warning' : 'error'));
        return outcome;
    };
    if (!p.evaluated) {
        // RFC 6376 §6.1: a verifier MAY limit the signatures it verifies; RFC 8601 §2.7.1 "policy": the signature
        // was not acceptable to the ADMD (here: not evaluated, by its local limit)
        out.result = 'policy';
        out.reason = NOT_EVALUATED_REASON;
        if (sig.bodyHash)
            out.bodyHash = { expected: sig.bodyHash };
        return out;
    }
    // §6.1.1: the signature itself
    if (sig.problems.length) {
        out.result = 'neutral';
        out.reason = `signature not valid: ${sig.problems[0]}`;
        out.findings.push(F.signatureInvalid(`DKIM-Signature #${index + 1} is not valid: ${sig.problems.join('; ')}.`, sigEvidence({
            details: { problems: sig.problems },
        })));
        return out;
    }
    // §6.1.2: the key
    const key = evaluateKey(sig, lookup);
    out.key = key.info;
    out.findings.push(...key.findings);
    const body = p.bodyKey !== undefined ? ctx.hashes.result(p.bodyKey) : undefined;
    out.bodyHash = {};
    if (sig.bodyHash)
        out.bodyHash.expected = sig.bodyHash;
    if (body)
        out.bodyHash.computed = body.digest;
    // rules that describe the signature whatever its cryptographic result
    const ruleVerdicts = [];
    const rule = (name, reason, message, factory, extra) => {
        const outcome = fired(name, message, factory, extra);
        if (outcome === 'fail' || outcome === 'policy')
            ruleVerdicts.push({ outcome, reason, rule: DKIM_RULES[name].slug });
    };
    if (sig.algorithm === 'rsa-sha1') {
        rule('rsaSha1', 'rsa-sha1 is not accepted (RFC 8301 §3.1)', 'The signature uses rsa-sha1, which RFC 8301 forbids for verifying.', F.rsaSha1, { term: 'a=rsa-sha1' });
    }
    const bits = key.record?.key?.type === 'rsa' ? key.record.key.bits : undefined;
    if (bits !== undefined && bits < policy.rsaMinBits) {
        rule('rsaKeyTooShort', `RSA key of ${bits} bits is too short (RFC 8301 §3.2)`, `The ${bits}-bit RSA key at ${key.info.name} is shorter than ${policy.rsaMinBits} bits.`, F.rsaKeyTooShort, { details: { bits } });
    }
    else if (bits !== undefined && bits < policy.rsaRecommendedBits) {
        rule('rsaKeyBelow2048', `RSA key of ${bits} bits`, `The RSA key at ${key.info.name} has ${bits} bits; at least ${policy.rsaRecommendedBits} are recommended.`, F.rsaKeyBelow2048, { details: { bits } });
    }
    if (!signsFrom(sig)) {
        rule('fromNotSigned', 'From is not signed (RFC 6376 §5.4)', 'h= does not list From, which every signature MUST sign.', F.fromNotSigned, { term: 'h=' });
    }
    const nowSec = Math.floor(ctx.now.getTime() / 1000);
    if (sig.expiration !== undefined && nowSec > sig.expiration + policy.clockSkewSeconds) {
        rule('signatureExpired', `signature expired at ${out.expiresAt}`, `The signature expired at ${out.expiresAt} (x=).`, F.signatureExpired, { term: 'x=' });
    }
    if (sig.timestamp !== undefined && sig.timestamp > nowSec + policy.clockSkewSeconds) {
        rule('timestampFuture', `signature timestamp ${out.signedAt} is in the future`, `t= (${out.signedAt}) is later than the verification time.`, F.timestampFuture, { term: 't=' });
    }
    if (key.record?.testing) {
        fired('keyTesting', `The key at ${key.info.name} has t=y: the domain is testing DKIM, and receivers treat the message as unsigned.`, F.keyTesting, { term: 't=y' });
    }
    if (sig.bodyLength !== undefined) {
        const bl = { limit: sig.bodyLength };
        if (body) {
            bl.canonicalBytes = body.canonicalBytes;
            bl.unsignedBytes = Math.max(0, body.canonicalBytes - sig.bodyLength);
        }
        out.bodyLength = bl;
        fired('bodyLengthLimit', `The signature has l=${sig.bodyLength}: it covers only the first ${sig.bodyLength} octets of the body.`, F.bodyLengthLimit, { term: `l=${sig.bodyLength}` });
        if (bl.unsignedBytes && bl.unsignedBytes > 0) {
            if (body?.unsigned)
                bl.unsignedExcerpt = Buffer.from(body.unsigned, 'latin1').toString('utf8');
            fired('unsignedContent', `${bl.unsignedBytes} octets of the body follow the l= limit and are not signed.`, F.unsignedContent, {
                details: { unsignedBytes: bl.unsignedBytes, excerpt: bl.unsignedExcerpt },
            });
        }
    }
    const signedCounts = new Map();
    for (const h of sig.signedHeaders)
        signedCounts.set(h.toLowerCase(), (signedCounts.get(h.toLowerCase()) ?? 0) + 1);
    out.notOversigned = policy.oversignHeaders.filter((h) => (signedCounts.get(h) ?? 0) <= ctx.header.count(h));
    if (out.notOversigned.length) {
        fired('notOversigned', `These header fields can be added without breaking the signature: ${out.notOversigned.join(', ')}.`, F.notOversigned, { term: 'h=', details: { headers: out.notOversigned } });
    }
    if (key.verdict) {
        out.result = key.verdict.result;
        out.reason = key.verdict.reason;
        out.findings.push(key.verdict.finding);
        return out;
    }
    // §6.1.3: body hash and signature
    if (!signsFrom(sig)) {
        // RFC 6376 §6.1.1: a signature that does not sign From is not verified (PERMFAIL)
        const v = ruleVerdicts.find((r) => r.rule === DKIM_RULES.fromNotSigned.slug);
        out.result = v ? (v.outcome === 'fail' ? 'fail' : 'policy') : 'neutral';
        out.reason = v?.reason ?? 'From is not signed, so the signature was not verified (RFC 6376 §6.1.1)';
        return out;
    }
    if (!body || !key.lookup?.publicKey) {
        out.result = 'neutral';
        out.reason = 'the signature could not be processed';
        return out;
    }
    if (!sameBase64(body.digest, sig.bodyHash ?? '')) {
        out.crypto = 'fail';
        out.result = 'fail';
        out.reason = 'body hash did not verify';
        out.findings.push(F.bodyHashMismatch(`The body hash of signature #${index + 1} (d=${out.d}) does not match the body.`, sigEvidence({
            details: { expected: out.bodyHash?.expected, computed: out.bodyHash?.computed },
        })));
        return out;
    }
    const canon = sig.canonicalization.header;
    const data = signedHeaderData(ctx.header, sig.signedHeaders, p.field, canon, ctx.forms);
    const check = verifySignedData(sig.keyAlgorithm ?? '', sig.hashAlgorithm ?? '', key.lookup.publicKey, data, Buffer.from(sig.signature ?? '', 'base64'));
    if (check.ok) {
        out.crypto = 'pass';
    }
    else if (check.error === undefined) {
        out.crypto = 'fail';
        out.result = 'fail';
        out.reason = 'signature did not verify';
        out.findings.push(F.signatureMismatch(`The signature #${index + 1} (d=${out.d}) does not verify over the signed header fields.`, sigEvidence()));
        return out;
    }
    else {
        out.result = 'permerror';
        out.reason = `key or signature unusable: ${check.error}`;
        out.findings.push(F.keyInvalid(`Signature #${index + 1} could not be verified: ${out.reason}.`, sigEvidence()));
        return out;
    }
    const verdict = ruleVerdicts.find((v) => v.outcome === 'fail') ?? ruleVerdicts[0];
    if (verdict) {
        out.result = verdict.outcome === 'fail' ? 'fail' : 'policy';
        out.reason = verdict.reason;
    }
    else {
        out.result = 'pass';
    }
    return out;
}
/** Compares two base64 values by their decoded octets (padding and line breaks aside). */
function sameBase64(a, b) {
    if (a === b)
        return true;
    return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}

;// CONCATENATED MODULE: ./lib/dkim/index.js
/**
 * The public face of the DKIM module (RFC 6376) for other modules: message verification, key-record parsing, the
 * audit of a domain's key records, and the findings. Other folders import DKIM from here only, never from the
 * files behind it.
 *
 * @module
 */








;// CONCATENATED MODULE: ./lib/dns/guard.js
/**
 * A defensive wrapper for injected resolvers: the {@link Resolver} contract says `query` never throws, but a
 * buggy implementation must not crash a DMARC verdict, so a thrown error becomes a SERVFAIL (a temperror).
 *
 * @module
 */

/**
 * Wraps `inner` so that a thrown error or rejected promise becomes a SERVFAIL failure, and (when `log` is given)
 * records each question as `TYPE name`.
 */
function guard_guardedResolver(inner, log) {
    return {
        query(name, type, options) {
            log?.push(`${type} ${name}`);
            return resolver_queryOrServfail(inner, name, type, options);
        },
    };
}

;// CONCATENATED MODULE: ./lib/dmarc/names.js
/**
 * Small helpers on domain names for DMARC: label counts, parents, the `_dmarc` name.
 * Names are expected normalised (lower-case A-labels, no trailing dot; see `normalizeName`).
 *
 * @module
 */
/** The name a DMARC Policy Record for `domain` is published at (RFC 9989 §4.5): `_dmarc.<domain>`. */
function dmarcName(domain) {
    return `_dmarc.${domain}`;
}
/** True when `domain` is `ancestor` or a subdomain of it. */
function names_isAtOrBelow(domain, ancestor) {
    return domain === ancestor || domain.endsWith(`.${ancestor}`);
}
/** The last `n` labels of `domain` (the whole name when it has fewer). */
function lastLabels(domain, n) {
    return domain.split('.').slice(-n).join('.');
}
/** The top-level label (`com` for `a.example.com`). */
function names_topLabel(domain) {
    const i = domain.lastIndexOf('.');
    return i < 0 ? domain : domain.slice(i + 1);
}
/** True for an RFC 5321 address literal (`[192.0.2.1]`) or a bare IP address: not a DNS name. */
function names_isAddressLiteral(domain) {
    return domain.startsWith('[') || /^[0-9.]+$/.test(domain) || domain.includes(':');
}

;// CONCATENATED MODULE: ./lib/dmarc/effective.js
/**
 * The values a receiver applies from a DMARC Policy Record (RFC 9989 §4.7 and §4.10.1, or RFC 7489 §6.3 and
 * §6.6.3 step 6): defaults, `sp` falling back to `p`, `np` to `sp`, and the "act as p=none" rule; and the order
 * of the {@link AssessmentPolicy} values.
 *
 * @module
 */
/** The policy values, weakest first. */
const effective_POLICY_STRENGTH = {
    none: 0,
    quarantine: 1,
    reject: 2,
};
/** Policy strength comparison: true when `a` is weaker than `b`. */
function weaker(a, b) {
    return effective_POLICY_STRENGTH[a] < effective_POLICY_STRENGTH[b];
}
/** The effective values of parsed tags (the parser's and {@link effectivePolicy}'s common step). */
function effectivePolicyOf(published, invalidTags, mode) {
    const policyTags = mode === '9989' ? ['p', 'sp', 'np'] : ['p', 'sp'];
    const policyValid = published.p !== undefined && !policyTags.some((t) => invalidTags.includes(t));
    const rua = published.rua ?? [];
    const ruf = published.ruf ?? [];
    let p;
    let sp;
    let np;
    let policyBasis = 'published';
    if (policyValid) {
        p = published.p;
        sp = published.sp ?? p;
        np = mode === '9989' ? (published.np ?? sp) : sp;
    }
    else if (rua.length > 0) {
        p = sp = np = 'none';
        policyBasis = 'p-none-fallback';
    }
    else {
        return null;
    }
    return {
        mode,
        p,
        sp,
        np,
        policyBasis,
        adkim: published.adkim ?? 'r',
        aspf: published.aspf ?? 'r',
        psd: mode === '9989' ? (published.psd ?? 'u') : 'u',
        testing: mode === '9989' && published.t === 'y',
        pct: mode === '7489' ? (published.pct ?? 100) : 100,
        fo: published.fo ?? ['0'],
        rua,
        ruf,
    };
}
/**
 * The values a receiver applies under `mode` (RFC 9989 §4.7 and §4.10.1, or RFC 7489 §6.3 and §6.6.3 step 6,
 * where `np`, `psd` and `t` do not exist and `pct` does). Returns null when the record is not a DMARC
 * record or gets no DMARC processing (no valid policy and no valid `rua`).
 */
function effective_effectivePolicy(parsed, mode) {
    if (!parsed.isDmarc)
        return null;
    return effectivePolicyOf(parsed.published, parsed.invalidTags, mode);
}

;// CONCATENATED MODULE: ./lib/dmarc/findings.js
/**
 * The DMARC findings catalog: record lint (RFC 9989 §4.7, §4.8), discovery problems (RFC 9989 §4.10,
 * RFC 7489 §6.6.3) and audit observations (reporting, RFC 9990 §4; subdomain policies; the two modes).
 *
 * @module
 */

/** Every DMARC finding, one factory per key; `DMARC_FINDINGS.definitions` feeds the catalog. */
const DMARC_FINDINGS = defineFindings({
    // --- record syntax (src/dmarc/record.ts) ---
    notDmarcRecord: {
        id: 'dmarc.not-dmarc-record',
        severity: 'error',
        title: 'Record does not start with v=DMARC1',
        rfc: 'RFC 9989 §4.7',
        rfc7489: 'RFC 7489 §6.3',
        remediation: 'Start the record with "v=DMARC1;" exactly: the v tag first, the value "DMARC1" in upper case.',
    },
    syntax: {
        id: 'dmarc.syntax',
        severity: 'warning',
        title: 'Malformed tag',
        rfc: 'RFC 9989 §4.8',
        rfc7489: 'RFC 7489 §6.4',
        remediation: 'Write every tag as name=value and separate tags with ";". Receivers ignore malformed parts.',
    },
    unknownTag: {
        id: 'dmarc.unknown-tag',
        severity: 'info',
        title: 'Unknown tag (ignored)',
        rfc: 'RFC 9989 §4.7',
        rfc7489: 'RFC 7489 §6.3',
        remediation: 'Remove the tag or correct its spelling; receivers ignore tags they do not know.',
    },
    tagCase: {
        id: 'dmarc.tag-case',
        severity: 'info',
        title: 'Tag name not in lower case',
        rfc: 'RFC 6376 §3.2',
        remediation: 'Write tag names in lower case: the tag-list syntax DMARC borrows from DKIM is case-sensitive.',
    },
    duplicateTag: {
        id: 'dmarc.duplicate-tag',
        severity: 'error',
        title: 'Duplicate tag',
        rfc: 'RFC 6376 §3.2',
        remediation: 'Keep one occurrence of each tag. A strict receiver treats the whole record as invalid; others use the first or the last value.',
    },
    invalidValue: {
        id: 'dmarc.invalid-value',
        severity: 'error',
        title: 'Invalid tag value',
        rfc: 'RFC 9989 §4.8',
        rfc7489: 'RFC 7489 §6.3, §6.4',
        remediation: 'Use one of the values the RFC defines for the tag; an invalid value is replaced by the default.',
    },
    invalidUri: {
        id: 'dmarc.invalid-uri',
        severity: 'error',
        title: 'Invalid reporting URI',
        rfc: 'RFC 9989 §4.8',
        rfc7489: 'RFC 7489 §6.2, §6.4',
        remediation: 'Write each destination as a URI, e.g. "mailto:dmarc@example.com"; encode "," and "!" as %2C and %21.',
    },
    uriScheme: {
        id: 'dmarc.uri-scheme',
        severity: 'info',
        title: 'Reporting URI is not mailto:',
        rfc: 'RFC 9989 §4.7',
        rfc7489: 'RFC 7489 §6.2',
        remediation: 'Receivers only have to support mailto: URIs; add a mailto: destination.',
    },
    uriSizeLimit: {
        id: 'dmarc.uri-size-limit',
        severity: 'info',
        title: 'Obsolete report size limit',
        rfc: 'RFC 9989 §4.8, Appendix C.4',
        remediation: 'Remove the "!size" suffix; RFC 9989 dropped report size limits and reporters ignore it.',
    },
    recordUnusable: {
        id: 'dmarc.record-unusable',
        severity: 'error',
        title: 'Record has no valid policy and no reporting address',
        rfc: 'RFC 9989 §4.10.1',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'Publish a valid p= (none, quarantine or reject) and a rua= reporting URI; without either, receivers apply no DMARC processing.',
    },
    policyMissing: {
        id: 'dmarc.policy-missing',
        severity: 'warning',
        title: 'No valid p= tag: treated as p=none',
        rfc: 'RFC 9989 §4.10.1',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'Publish p=none, p=quarantine or p=reject explicitly.',
    },
    policyNone: {
        id: 'dmarc.policy-none',
        severity: 'warning',
        title: 'Policy is p=none (monitoring only)',
        rfc: 'RFC 9989 §3.2.12',
        rfc7489: 'RFC 7489 §6.3',
        remediation: 'Once aggregate reports show all legitimate mail aligned, move to p=quarantine, then p=reject.',
    },
    subdomainPolicyWeaker: {
        id: 'dmarc.subdomain-policy-weaker',
        severity: 'warning',
        title: 'sp= weaker than p=',
        rfc: 'RFC 9989 §4.7',
        rfc7489: 'RFC 7489 §6.3',
        remediation: 'Raise sp= to the p= value (or remove it) unless subdomains really need a weaker policy.',
    },
    npWeaker: {
        id: 'dmarc.np-weaker',
        severity: 'warning',
        title: 'np= weaker than the subdomain policy',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Non-existent subdomains send no legitimate mail: set np=reject.',
    },
    testing: {
        id: 'dmarc.testing',
        severity: 'warning',
        title: 't=y: policy applied one level lower',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Remove t=y when testing is over; until then reject acts as quarantine and quarantine as none.',
    },
    historicTag: {
        id: 'dmarc.historic-tag',
        severity: 'info',
        title: 'Historic tag (pct, rf, ri)',
        rfc: 'RFC 9989 Appendix A.6, Appendix C.5.2',
        remediation: 'RFC 9989 removed pct, rf and ri; use t=y instead of pct=0 and remove the others.',
    },
    pctPartial: {
        id: 'dmarc.pct-partial',
        severity: 'warning',
        title: 'pct below 100: RFC 7489 receivers apply the policy to a sample only',
        rfc: 'RFC 7489 §6.3, RFC 9989 Appendix A.6',
        rfc7489: 'RFC 7489 §6.3',
        remediation: 'Remove pct (RFC 9989 receivers ignore it) or set it to 100; use t=y to test.',
    },
    noRua: {
        id: 'dmarc.no-rua',
        severity: 'warning',
        title: 'No aggregate report destination (rua=)',
        rfc: 'RFC 9989 §4.7, §5.1.3',
        rfc7489: 'RFC 7489 §6.3, §7.2',
        remediation: 'Add rua=mailto:... so that receivers send aggregate reports; without it none are sent.',
    },
    tooManyUris: {
        id: 'dmarc.too-many-uris',
        severity: 'warning',
        title: 'More than two URIs in rua= or ruf=',
        rfc: 'RFC 7489 §6.2, RFC 9989 Appendix C.7',
        rfc7489: 'RFC 7489 §6.2',
        remediation: 'List at most two destinations: RFC 7489 receivers only have to support two.',
    },
    foIgnored: {
        id: 'dmarc.fo-ignored',
        severity: 'info',
        title: 'fo= without ruf= is ignored',
        rfc: 'RFC 9989 §4.7',
        rfc7489: 'RFC 7489 §6.3',
        remediation: 'Remove fo=, or add a ruf= destination for failure reports.',
    },
    psdDeclared: {
        id: 'dmarc.psd-declared',
        severity: 'info',
        title: 'Record declares a Public Suffix Domain (psd=y)',
        rfc: 'RFC 9989 §4.7, §5.2',
        remediation: 'Only a Public Suffix Operator publishes psd=y; an organization declares itself with psd=n.',
    },
    // --- discovery and audit (src/dmarc/audit.ts) ---
    noRecord: {
        id: 'dmarc.no-record',
        severity: 'error',
        title: 'No DMARC record',
        rfc: 'RFC 9989 §5.1.4',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'Publish a TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=none; rua=mailto:dmarc@<domain>".',
    },
    recordAtApex: {
        id: 'dmarc.record-at-apex',
        severity: 'error',
        title: 'DMARC record published at the domain instead of _dmarc',
        rfc: 'RFC 9989 §4.5',
        rfc7489: 'RFC 7489 §6.1',
        remediation: 'Move the v=DMARC1 TXT record to the name _dmarc.<domain>; receivers never look at the domain itself.',
    },
    spfAtDmarc: {
        id: 'dmarc.spf-at-dmarc',
        severity: 'error',
        title: 'SPF record published at _dmarc',
        rfc: 'RFC 9989 §4.5, RFC 7208 §3',
        rfc7489: 'RFC 7489 §6.1, RFC 7208 §3',
        remediation: 'Publish the SPF record at the domain itself and a v=DMARC1 record at _dmarc.<domain>.',
    },
    recordIgnored: {
        id: 'dmarc.record-ignored',
        severity: 'warning',
        title: 'TXT record at _dmarc ignored: not a valid DMARC record',
        rfc: 'RFC 9989 §4.7, §4.10',
        rfc7489: 'RFC 7489 §6.3, §6.6.3',
        remediation: 'Start the record with "v=DMARC1;" exactly (the v tag first, "DMARC1" in upper case, nothing before it); ' +
            'until then receivers discard it and apply the parent or Organizational Domain policy, or none.',
    },
    multipleRecords: {
        id: 'dmarc.multiple-records',
        severity: 'error',
        title: 'Several DMARC records at one name',
        rfc: 'RFC 9989 §4.10, RFC 7489 §6.6.3',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'Publish exactly one v=DMARC1 TXT record per name; with several, receivers discard them all.',
    },
    inheritedPolicy: {
        id: 'dmarc.inherited-policy',
        severity: 'info',
        title: 'Policy inherited from the Organizational Domain or a PSD',
        rfc: 'RFC 9989 §4.10.1',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'Nothing to do if intended; publish _dmarc.<domain> to give this domain its own policy.',
    },
    psdPolicy: {
        id: 'dmarc.psd-policy',
        severity: 'warning',
        title: 'Only a Public Suffix Domain policy applies',
        rfc: 'RFC 9989 §4.10.1',
        remediation: 'Publish a DMARC record for the Organizational Domain; a PSD policy is a fallback, not a substitute.',
    },
    dnsError: {
        id: 'dmarc.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS error during DMARC discovery',
        rfc: 'RFC 9989 §4.10.1, §5.3.6',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'Retry later; check the authoritative servers of the names that failed. A timeout is not "no policy".',
    },
    externalDestinationUnauthorized: {
        id: 'dmarc.external-destination-unauthorized',
        severity: 'warning',
        title: 'External report destination not authorized',
        rfc: 'RFC 9990 §4',
        rfc7489: 'RFC 7489 §7.1',
        remediation: 'Ask the destination domain to publish TXT "v=DMARC1" at the name the finding gives (<policy domain>._report._dmarc.<destination>, or *._report._dmarc.<destination> for every domain it accepts reports for), or send reports to an address in your own organization; until then receivers do not send it reports.',
    },
    reportDomainNoMx: {
        id: 'dmarc.report-domain-no-mx',
        severity: 'warning',
        title: 'Report destination domain has no MX (relies on its address records)',
        rfc: 'RFC 5321 §5.1',
        remediation: 'Publish MX records for the report domain, or use a report address at a domain that has them: delivery to the A/AAAA records (the implicit MX) is a fallback some senders skip.',
    },
    reportDomainUndeliverable: {
        id: 'dmarc.report-domain-undeliverable',
        severity: 'error',
        title: 'Report destination domain accepts no mail',
        rfc: 'RFC 5321 §5.1, RFC 7505',
        remediation: 'Use a report address at a domain that receives mail (MX records, not a null MX): this one does not exist, publishes a null MX, or has neither MX nor address records.',
    },
    subdomainWeakens: {
        id: 'dmarc.subdomain-weakens',
        severity: 'warning',
        title: 'Subdomain record weakens the organizational policy',
        rfc: 'RFC 9989 §4.10.1',
        rfc7489: 'RFC 7489 §6.6.3',
        remediation: 'The subdomain record replaces the organizational sp=/p= for this name; align its p= with the organizational policy.',
    },
    modeDivergence: {
        id: 'dmarc.mode-divergence',
        severity: 'warning',
        title: 'RFC 9989 and RFC 7489 receivers find different policies',
        rfc: 'RFC 9989 Appendix C.3',
        remediation: 'Publish an explicit DMARC record at the domain (and psd=n at the Organizational Domain) so that both kinds of receiver agree.',
    },
});
/**
 * The RFC 7489 sections of the findings whose rule RFC 7489 also has, by finding id (the `rfc7489` field of the
 * catalog entries): in RFC 7489 mode the audit cites these instead of the RFC 9989 sections. Findings about RFC
 * 9989 additions (np, psd, t, the Tree Walk, historic tags) keep their RFC 9989 citation.
 */
const DMARC_RFC7489_CITATIONS = Object.fromEntries(DMARC_FINDINGS.definitions.flatMap((d) => (d.rfc7489 ? [[d.id, d.rfc7489]] : [])));

;// CONCATENATED MODULE: ./lib/dmarc/lint.js
/**
 * The judgement of a parsed DMARC Policy Record (RFC 9989 §4.7, §4.10.1; RFC 7489 §6.3 for the historic tags):
 * `p=none`, weaker `sp`/`np`, `t=y`, historic `pct`/`rf`/`ri`, `pct` below 100, no `rua`, `fo` without `ruf`,
 * `psd=y`, and a record that gets no DMARC processing. Each finding points at its tag.
 *
 * @module
 */



/** Adds the lint findings of a parsed record to `findings` (see the module description). */
function lint(text, seen, published, invalidTags, effective, findings) {
    const at = (name) => {
        const tag = seen.get(name);
        return tag
            ? { record: text, term: `${tag.rawName}=${tag.value}`, position: tag.position }
            : { record: text, position: { offset: 0, length: text.length } };
    };
    if (effective === null) {
        findings.push(DMARC_FINDINGS.recordUnusable(published.p === undefined
            ? 'The record has no valid p= tag and no valid rua= URI: receivers apply no DMARC processing'
            : 'The record has an invalid sp= or np= tag and no valid rua= URI: receivers apply no DMARC processing', at(published.p === undefined ? 'p' : invalidTags.includes('sp') ? 'sp' : 'np')));
    }
    else if (effective.policyBasis === 'p-none-fallback') {
        findings.push(DMARC_FINDINGS.policyMissing(published.p === undefined
            ? 'No valid p= tag: receivers act as if p=none was published'
            : 'An invalid sp= or np= tag makes receivers act as if only p=none was published', at(published.p === undefined ? 'p' : invalidTags.includes('sp') ? 'sp' : 'np')));
    }
    if (published.p === 'none') {
        findings.push(DMARC_FINDINGS.policyNone('p=none: failing mail is not quarantined or rejected (monitoring only)', at('p')));
    }
    if (published.p && published.sp && weaker(published.sp, published.p)) {
        findings.push(DMARC_FINDINGS.subdomainPolicyWeaker(`sp=${published.sp} is weaker than p=${published.p} for existing subdomains`, at('sp')));
    }
    if (published.p && published.np) {
        const base = published.sp ?? published.p;
        if (weaker(published.np, base)) {
            findings.push(DMARC_FINDINGS.npWeaker(`np=${published.np} is weaker than ${published.sp ? 'sp' : 'p'}=${base} for non-existent subdomains`, at('np')));
        }
    }
    if (published.t === 'y') {
        const p = published.p ?? 'none';
        findings.push(DMARC_FINDINGS.testing(p === 'none'
            ? 't=y (test mode) has no effect on p=none'
            : `t=y (test mode): RFC 9989 receivers apply ${p === 'reject' ? 'quarantine' : 'none'} instead of ${p}`, at('t')));
    }
    for (const name of HISTORIC_TAGS) {
        if (seen.has(name)) {
            findings.push(DMARC_FINDINGS.historicTag(`${name}= is historic: RFC 9989 receivers ignore it`, at(name)));
        }
    }
    if (published.pct !== undefined && published.pct < 100) {
        findings.push(DMARC_FINDINGS.pctPartial(`pct=${published.pct}: RFC 7489 receivers apply the policy to ${published.pct}% of failing mail (and the next weaker policy to the rest); RFC 9989 receivers ignore pct`, at('pct')));
    }
    if (!published.rua) {
        findings.push(DMARC_FINDINGS.noRua(seen.has('rua')
            ? 'rua= has no valid URI: no aggregate reports will be sent'
            : 'No rua= tag: no aggregate reports will be sent', at('rua')));
    }
    if (seen.has('fo') && !published.ruf) {
        findings.push(DMARC_FINDINGS.foIgnored('fo= is ignored because there is no valid ruf= destination', at('fo')));
    }
    if (published.psd === 'y') {
        findings.push(DMARC_FINDINGS.psdDeclared('psd=y: this record declares its domain a Public Suffix Domain (its children are organizations)', at('psd')));
    }
}

;// CONCATENATED MODULE: ./lib/dmarc/record.js
/**
 * DMARC Policy Record parser (RFC 9989 §4.7 tags, §4.8 formal definition; RFC 7489 §6.3 for the historic `pct`,
 * `rf` and `ri`): the tags with their positions, the reporting URIs, the valid values.
 *
 * The record uses the DKIM tag-list syntax (RFC 6376 §3.2). Parsing never throws: every problem is a
 * {@link Finding} pointing at the tag (`evidence.position` is an offset into the record text). The values a
 * receiver would apply (defaults, `np` falling back to `sp` then `p`, the §4.10.1 "act as p=none" rule) are
 * computed by `effectivePolicy` (effective.ts); what the record's values are worth is judged by lint.ts. The
 * split follows SPF's: record.ts parses with positions, lint.ts judges, audit.ts composes.
 *
 * @module
 */




/** Tags RFC 9989 removed (Appendix C.5.2): RFC 7489 §6.3 defined them. */
const HISTORIC_TAGS = new Set(['pct', 'rf', 'ri']);
/** The tag names RFC 9989 §4.7 defines, plus the {@link HISTORIC_TAGS}. */
const KNOWN_TAGS = new Set([
    ...['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf'],
    ...HISTORIC_TAGS,
]);
const POLICIES = new Set(['none', 'quarantine', 'reject']);
const WSP = /[ \t\r\n]/;
function segments(text) {
    const out = [];
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
        if (i === text.length || text[i] === ';') {
            let s = start;
            let e = i;
            while (s < e && WSP.test(text[s]))
                s++;
            while (e > s && WSP.test(text[e - 1]))
                e--;
            if (e > s)
                out.push({ text: text.slice(s, e), start: s });
            start = i + 1;
        }
    }
    return out;
}
/**
 * Parses one reporting URI (RFC 9989 §4.8 `dmarc-uri` / `obs-dmarc-uri`): an RFC 3986 URI in which `,` and `!`
 * are percent-encoded, optionally followed by an obsolete `!size` suffix. For `mailto:` the address and its
 * domain are extracted.
 */
function parseReportingUri(raw, position = { offset: 0, length: raw.length }) {
    const out = { raw, uri: raw, scheme: '', valid: false, position };
    const size = /!([0-9]+[kmgt]?)$/i.exec(raw);
    if (size) {
        out.sizeLimit = size[1].toLowerCase();
        out.uri = raw.slice(0, size.index);
    }
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(out.uri);
    if (!m) {
        out.problem = out.uri.includes('@')
            ? 'not a URI: an address needs the "mailto:" scheme'
            : 'not a URI (no scheme)';
        return out;
    }
    out.scheme = m[1].toLowerCase();
    const rest = m[2];
    if (!/^(?:[A-Za-z0-9\-._~:/?#[\]@$&'()*+=]|%[0-9A-Fa-f]{2})*$/.test(rest)) {
        out.problem = /[,!]/.test(rest)
            ? '"," and "!" must be percent-encoded inside a reporting URI'
            : 'characters not allowed in a URI (white space, quotes or non-ASCII)';
        return out;
    }
    if (out.scheme === 'mailto') {
        const q = rest.indexOf('?');
        let address;
        try {
            address = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
        }
        catch {
            out.problem = 'bad percent-encoding';
            return out;
        }
        out.address = address;
        const at = address.lastIndexOf('@');
        if (at <= 0 || at === address.length - 1) {
            out.problem = 'mailto: URI without a valid address';
            return out;
        }
        const domain = resolver_normalizeName(address.slice(at + 1));
        if (domain === null || domain.startsWith('[')) {
            out.problem = `mailto: address has an invalid domain '${address.slice(at + 1)}'`;
            return out;
        }
        out.domain = domain;
    }
    else if (rest === '') {
        out.problem = 'empty URI after the scheme';
        return out;
    }
    out.valid = true;
    return out;
}
function parseUriList(tag) {
    const uris = [];
    const value = tag.value;
    let start = 0;
    for (let i = 0; i <= value.length; i++) {
        if (i === value.length || value[i] === ',') {
            let s = start;
            let e = i;
            while (s < e && WSP.test(value[s]))
                s++;
            while (e > s && WSP.test(value[e - 1]))
                e--;
            const raw = value.slice(s, e);
            const pos = { offset: tag.valuePosition.offset + s, length: e - s };
            uris.push(raw === ''
                ? { ...parseReportingUri(raw, pos), problem: 'empty URI in the list' }
                : parseReportingUri(raw, pos));
            start = i + 1;
        }
    }
    return uris;
}
function parseFo(value) {
    const parts = value.split(':').map((p) => p.trim());
    const seen = new Set();
    for (const p of parts) {
        if (!['0', '1', 'd', 's'].includes(p) || seen.has(p))
            return null;
        seen.add(p);
    }
    if (seen.has('0') && seen.has('1'))
        return null;
    return parts;
}
/**
 * Parses and lints a DMARC Policy Record.
 *
 * - The first tag must be `v=DMARC1` (`v` in any case, the value exactly `DMARC1`); otherwise
 *   `isDmarc` is false, the only finding is `dmarc.not-dmarc-record`, and `effective` is null.
 * - Tag names are compared case-insensitively (a non-lower-case name is an info finding); unknown tags are
 *   ignored (info); a duplicated tag is an error and only its first occurrence is used.
 * - Invalid values are errors and fall back to the defaults (RFC 9989 §4.8), except that an invalid or
 *   missing `p` (or an invalid `sp`/`np`) makes the record act as `p=none` when `rua` has a valid URI and
 *   otherwise gives no DMARC processing at all (RFC 9989 §4.10.1).
 * - Lint: `p=none`, weaker `sp`/`np`, `t=y`, historic `pct`/`rf`/`ri`, no `rua`, more than two URIs,
 *   non-mailto and obsolete size-limited URIs, `fo` without `ruf`, `psd=y`.
 *
 * Never throws. Findings carry `evidence.record`, `evidence.term` and `evidence.position`; callers add `name`.
 *
 * @param text the record: a TXT record's character-strings joined (RFC 9989 §4.5).
 */
function parseDmarcRecord(text) {
    const findings = [];
    const tags = [];
    const published = {};
    const invalidTags = [];
    const ev = (term, position) => ({ record: text, term, position });
    const segs = segments(text);
    for (const seg of segs) {
        const eq = seg.text.indexOf('=');
        const position = { offset: seg.start, length: seg.text.length };
        if (eq < 0) {
            findings.push(DMARC_FINDINGS.syntax(`'${seg.text}' is not a name=value tag; it is ignored`, ev(seg.text, position)));
            continue;
        }
        const rawName = seg.text.slice(0, eq).trim();
        const afterEq = seg.text.slice(eq + 1);
        const lead = afterEq.length - afterEq.trimStart().length;
        const value = afterEq.trim();
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(rawName)) {
            findings.push(DMARC_FINDINGS.syntax(`'${rawName}' is not a valid tag name; the tag is ignored`, ev(seg.text, position)));
            continue;
        }
        tags.push({
            name: rawName.toLowerCase(),
            rawName,
            value,
            position,
            valuePosition: { offset: seg.start + eq + 1 + lead, length: value.length },
        });
    }
    const first = tags[0];
    const firstSeg = segs[0];
    const isDmarc = first !== undefined &&
        firstSeg !== undefined &&
        first.position.offset === firstSeg.start &&
        first.name === 'v' &&
        first.value === 'DMARC1';
    if (!isDmarc) {
        let why = 'the record does not start with v=DMARC1';
        if (first?.name === 'v' &&
            first.position.offset === firstSeg?.start &&
            first.value.toUpperCase() === 'DMARC1') {
            why = `the version value '${first.value}' must be exactly 'DMARC1' (case-sensitive)`;
        }
        else if (tags.some((t) => t.name === 'v' && t.value === 'DMARC1')) {
            why = 'v=DMARC1 must be the first tag';
        }
        else {
            const at = text.search(/v\s*=\s*DMARC1/i);
            const junk = at > 0 ? text.slice(0, at).trim() : '';
            if (junk !== '') {
                const shown = junk.length > 40 ? `${junk.slice(0, 40)}...` : junk;
                why = `the text '${shown}' comes before v=DMARC1, which must be the first tag`;
            }
        }
        findings.splice(0, findings.length, DMARC_FINDINGS.notDmarcRecord(`Not a DMARC record: ${why}; receivers ignore it`, ev(text, { offset: 0, length: text.length })));
        return {
            text,
            isDmarc: false,
            notDmarcReason: why,
            tags,
            published,
            invalidTags,
            effective: null,
            findings,
        };
    }
    const seen = new Map();
    const invalid = (tag, expected) => {
        invalidTags.push(tag.name);
        findings.push(DMARC_FINDINGS.invalidValue(`${tag.name}=${tag.value} is not valid (${expected}); the tag is ignored`, ev(`${tag.rawName}=${tag.value}`, tag.position)));
    };
    for (const tag of tags.slice(1)) {
        const term = `${tag.rawName}=${tag.value}`;
        if (tag.rawName !== tag.name && KNOWN_TAGS.has(tag.name)) {
            findings.push(DMARC_FINDINGS.tagCase(`Tag name '${tag.rawName}' should be written '${tag.name}'`, ev(term, tag.position)));
        }
        if (!KNOWN_TAGS.has(tag.name)) {
            findings.push(DMARC_FINDINGS.unknownTag(`Unknown tag '${tag.rawName}' is ignored`, ev(term, tag.position)));
            continue;
        }
        const prev = seen.get(tag.name);
        if (prev || tag.name === 'v') {
            findings.push(DMARC_FINDINGS.duplicateTag(`Tag '${tag.name}' appears more than once; this parser uses the first (${prev ? `${prev.name}=${prev.value}` : 'v=DMARC1'}), RFC 6376 §3.2 makes the record invalid`, ev(term, tag.position)));
            continue;
        }
        seen.set(tag.name, tag);
        const v = tag.value.toLowerCase();
        if (tag.value === '') {
            invalid(tag, 'empty value');
            continue;
        }
        switch (tag.name) {
            case 'p':
            case 'sp':
            case 'np':
                if (POLICIES.has(v))
                    published[tag.name] = v;
                else
                    invalid(tag, 'expected none, quarantine or reject');
                break;
            case 'adkim':
            case 'aspf':
                if (v === 'r' || v === 's')
                    published[tag.name] = v;
                else
                    invalid(tag, 'expected r or s');
                break;
            case 'psd':
                if (v === 'y' || v === 'n' || v === 'u')
                    published.psd = v;
                else
                    invalid(tag, 'expected y, n or u');
                break;
            case 't':
                if (v === 'y' || v === 'n')
                    published.t = v;
                else
                    invalid(tag, 'expected y or n');
                break;
            case 'fo': {
                const fo = parseFo(v);
                if (fo)
                    published.fo = fo;
                else
                    invalid(tag, 'expected 0, 1, d, s separated by ":", with 0 and 1 not both');
                break;
            }
            case 'pct':
                if (/^[0-9]{1,3}$/.test(v) && Number(v) <= 100)
                    published.pct = Number(v);
                else
                    invalid(tag, 'expected an integer from 0 to 100');
                break;
            case 'ri':
                if (/^[0-9]{1,10}$/.test(v) && Number(v) <= 0xffffffff)
                    published.ri = Number(v);
                else
                    invalid(tag, 'expected an integer number of seconds');
                break;
            case 'rf':
                if (/^[a-z][a-z0-9-]*(?:\s*:\s*[a-z][a-z0-9-]*)*$/.test(v))
                    published.rf = v.split(':').map((s) => s.trim());
                else
                    invalid(tag, 'expected a colon-separated list of report formats such as afrf');
                break;
            case 'rua':
            case 'ruf': {
                const uris = parseUriList(tag);
                for (const u of uris) {
                    const uev = ev(u.raw, u.position);
                    if (!u.valid) {
                        findings.push(DMARC_FINDINGS.invalidUri(`${tag.name}: '${u.raw}' is not a valid reporting URI: ${u.problem}`, uev));
                        continue;
                    }
                    if (u.scheme !== 'mailto') {
                        findings.push(DMARC_FINDINGS.uriScheme(`${tag.name}: '${u.uri}' uses ${u.scheme}:, which receivers need not support`, uev));
                    }
                    if (u.sizeLimit) {
                        findings.push(DMARC_FINDINGS.uriSizeLimit(`${tag.name}: '${u.raw}' carries an obsolete size limit !${u.sizeLimit}`, uev));
                    }
                }
                if (uris.some((u) => u.valid))
                    published[tag.name] = uris.filter((u) => u.valid);
                else
                    invalidTags.push(tag.name);
                if (uris.length > 2) {
                    findings.push(DMARC_FINDINGS.tooManyUris(`${tag.name} lists ${uris.length} URIs; RFC 7489 receivers need only send to two`, ev(`${tag.rawName}=${tag.value}`, tag.position)));
                }
                break;
            }
        }
    }
    const effective = effectivePolicyOf(published, invalidTags, '9989');
    lint(text, seen, published, invalidTags, effective, findings);
    return { text, isDmarc: true, tags, published, invalidTags, effective, findings };
}

;// CONCATENATED MODULE: ./lib/dmarc/discovery.js
/**
 * DMARC policy discovery and Organizational Domains.
 *
 * - RFC 9989 (default): the DNS Tree Walk (§4.10) — at most eight `_dmarc` TXT queries, names of eight or more
 *   labels shortened to seven after the first query, a walk stopped by a record with `psd=y` or `psd=n`, and
 *   several v=DMARC1 records at one name discarded; policy discovery (§4.10.1) takes the record of the Author
 *   Domain, else of its Organizational Domain, else of its Public Suffix Domain; the Organizational Domain is
 *   selected from the records the walk found by the §4.10.2 rules.
 * - RFC 7489 mode: the Organizational Domain is the registrable domain by the Public Suffix List (§3.2, using
 *   tldts' bundled list with its private section); the record is looked up at the domain, then at the
 *   Organizational Domain (§6.6.3).
 *
 * DNS failures are values: NXDOMAIN, NODATA (and a name too long to query) mean "no record here"; TIMEOUT,
 * SERVFAIL and REFUSED stop discovery with an `error` (a temperror), never "no policy".
 *
 * @module
 */





/** The most labels a Tree Walk query name keeps after its first query (RFC 9989 §4.10 step 4). */
const WALK_MAX_LABELS = 7;
/** The most queries one Tree Walk makes (RFC 9989 §4.10). */
const WALK_MAX_QUERIES = 8;
/**
 * The most records of each kind one {@link DmarcLookup} keeps (v=DMARC1 records of `multiple`, TXT records set
 * aside); the others are counted (`recordCount`, `otherTxtCount`). Receivers discard every record of a name with
 * several, so the first ones say all there is to fix.
 */
const MAX_KEPT_RECORDS = 20;
/**
 * Queries the DMARC record of one domain (RFC 9989 §4.10 steps 1–2): TXT at `_dmarc.<domain>`, character-strings
 * joined, records not starting with v=DMARC1 set aside, several v=DMARC1 records reported as `multiple`.
 */
async function lookupDmarcRecord(resolver, domain) {
    const name = dmarcName(domain);
    const res = await resolver.query(name, 'TXT');
    if (!res.ok) {
        if (resolver_isAbsent(res.kind)) {
            return { domain, name, outcome: 'none', dnsKind: res.kind };
        }
        return { domain, name, outcome: 'error', dnsKind: res.kind, message: res.message };
    }
    // One record at a time, keeping at most MAX_KEPT_RECORDS of each kind and counting the rest: a name with
    // 100k TXT records must not keep 100k parsed records (and their findings) alive.
    const dmarc = [];
    let dmarcCount = 0;
    let firstDmarcIndex = -1;
    const other = [];
    const ignored = [];
    let otherCount = 0;
    res.records.forEach((strings, i) => {
        const p = parseDmarcRecord(resolver_joinTxt(strings));
        if (p.isDmarc) {
            if (dmarcCount === 0)
                firstDmarcIndex = i;
            dmarcCount++;
            if (dmarc.length < MAX_KEPT_RECORDS)
                dmarc.push(p);
            return;
        }
        otherCount++;
        if (other.length >= MAX_KEPT_RECORDS)
            return;
        other.push(p.text);
        const item = { text: p.text, reason: p.notDmarcReason ?? 'not a DMARC record' };
        const src = res.source?.[i];
        if (src)
            item.source = src;
        ignored.push(item);
    });
    const out = { domain, name, outcome: 'none' };
    if (otherCount > 0) {
        out.otherTxt = other;
        out.otherTxtCount = otherCount;
        out.ignored = ignored;
    }
    if (res.source)
        out.source = res.source.slice(0, MAX_KEPT_RECORDS);
    if (dmarcCount === 1) {
        out.outcome = 'record';
        out.record = dmarc[0];
        const src = res.source?.[firstDmarcIndex];
        if (src)
            out.recordSource = src;
    }
    else if (dmarcCount > 1) {
        out.outcome = 'multiple';
        out.records = dmarc;
        out.recordCount = dmarcCount;
    }
    return out;
}
/**
 * A memoising record lookup: each `_dmarc` name is queried once, so that the Tree Walks of one message (the
 * Author Domain's and each identifier's) share their answers. `queries` lists the names asked, in order.
 */
function discovery_createRecordLookup(resolver) {
    const cache = new Map();
    const queries = [];
    const fn = (domain) => {
        let p = cache.get(domain);
        if (!p) {
            queries.push(dmarcName(domain));
            p = lookupDmarcRecord(resolver, domain);
            cache.set(domain, p);
        }
        return p;
    };
    return Object.assign(fn, { queries });
}
/**
 * The DNS Tree Walk (RFC 9989 §4.10): queries `_dmarc.<start>`, then removes labels from the left — straight to
 * seven labels when the name has eight or more, then one at a time — until a record with `psd=y` or `psd=n`
 * is found or no labels remain. Stops early on a transient DNS failure (`error`).
 */
async function treeWalk(start, lookup) {
    const walk = { start, steps: [], found: [] };
    let labels = start.split('.');
    while (labels.length > 0) {
        const step = await lookup(labels.join('.'));
        walk.steps.push(step);
        if (step.outcome === 'error') {
            walk.error = step;
            return walk;
        }
        if (step.outcome === 'record') {
            walk.found.push(step);
            const psd = step.record.published.psd;
            if (psd === 'y' || psd === 'n')
                break;
        }
        labels = labels.length > WALK_MAX_LABELS ? labels.slice(-WALK_MAX_LABELS) : labels.slice(1);
    }
    return walk;
}
/**
 * Selects the Organizational Domain from a completed Tree Walk (RFC 9989 §4.10.2): looking at the records found
 * from the longest name to the shortest, a record with `psd=n` gives its own domain; a record with `psd=y`
 * other than at the start gives the domain one label below it; otherwise the record with the fewest labels;
 * with no record, the start domain.
 */
function selectOrganizationalDomain(start, found) {
    for (const step of found) {
        const psd = step.record?.published.psd;
        if (psd === 'n')
            return { domain: step.domain, rule: 'psd=n' };
        if (psd === 'y' && step.domain !== start) {
            return { domain: lastLabels(start, step.domain.split('.').length + 1), rule: 'psd=y' };
        }
    }
    const last = found[found.length - 1];
    return last ? { domain: last.domain, rule: 'fewest-labels' } : { domain: start, rule: 'start' };
}
/**
 * The RFC 7489 Organizational Domain (§3.2): the public suffix of `domain` by the Public Suffix List plus one
 * label, using tldts' bundled list including its private section (e.g. `example.uk.com`).
 *
 * @returns the Organizational Domain (lower-case A-labels), or null when `domain` is itself a public suffix,
 *   is not a valid name (empty label, leading dot), or is an IP address.
 */
function discovery_organizationalDomain7489(domain) {
    const name = resolver_normalizeName(domain);
    if (name === null || domain.trim().startsWith('.'))
        return null;
    const org = (0,cjs/* getDomain */.FB)(name, { allowPrivateDomains: true, extractHostname: false, validateHostname: false });
    return org ? org.toLowerCase() : null;
}
/** The RFC 9989 Organizational Domain of `domain` by a Tree Walk; `domain` null when a DNS error left it unknown. */
async function discovery_organizationalDomain9989(domain, lookup) {
    const walk = await treeWalk(domain, lookup);
    if (walk.error)
        return { domain: null, walk };
    const sel = selectOrganizationalDomain(domain, walk.found);
    return { domain: sel.domain, rule: sel.rule, walk };
}
function dnsError(step) {
    return { kind: step.dnsKind ?? 'SERVFAIL', name: step.name, message: step.message ?? '' };
}
/**
 * Discovers the DMARC Policy Record that applies to `domain`, where it was found, and the Organizational Domain.
 *
 * - `mode: '9989'` (default): RFC 9989 §4.10.1 on one Tree Walk from the domain (so that the walk also yields
 *   the Organizational Domain, §4.10.2): the domain's own record, else the Organizational Domain's, else the
 *   PSD's (the `psd=y` record that stopped the walk). A DNS error before the policy is known is an `error`
 *   with no record; after the domain's own record was found, the record stands and only the Organizational
 *   Domain is unknown.
 * - `mode: '7489'`: RFC 7489 §6.6.3: the domain, then (if the domain has no v=DMARC1 record at all) its PSL
 *   Organizational Domain. Several records at the domain end discovery with no policy (step 5).
 *
 * Never throws. `options.lookup` lets callers share a memoising {@link createRecordLookup} across calls.
 */
async function discovery_discoverPolicy(domain, options) {
    const mode = options.mode ?? '9989';
    const lookup = options.lookup ?? discovery_createRecordLookup(guard_guardedResolver(options.resolver));
    const lookups = [];
    const tracked = async (d) => {
        const r = await lookup(d);
        lookups.push(r);
        return r;
    };
    const name = resolver_normalizeName(domain);
    const out = {
        mode,
        domain: name ?? domain,
        record: null,
        recordName: null,
        policyDomain: null,
        source: null,
        organizationalDomain: null,
        queries: [],
        lookups,
    };
    const finish = () => {
        out.queries = lookups.map((l) => l.name);
        return out;
    };
    if (name === null || names_isAddressLiteral(name)) {
        out.noRecordReason = 'invalid-domain';
        return finish();
    }
    const use = (step, source) => {
        out.record = step.record;
        out.recordName = step.name;
        out.policyDomain = step.domain;
        out.source = source;
    };
    if (mode === '7489') {
        const org = discovery_organizationalDomain7489(name);
        out.organizationalDomain = org ?? name;
        out.organizationalRule = org ? 'psl' : 'psl-suffix';
        const first = await tracked(name);
        if (first.outcome === 'record')
            use(first, 'domain');
        else if (first.outcome === 'error') {
            out.error = dnsError(first);
            out.noRecordReason = 'dns-error';
        }
        else if (first.outcome === 'multiple')
            out.noRecordReason = 'multiple-records';
        else if (out.organizationalDomain !== name) {
            const second = await tracked(out.organizationalDomain);
            if (second.outcome === 'record')
                use(second, 'organizational');
            else if (second.outcome === 'error') {
                out.error = dnsError(second);
                out.noRecordReason = 'dns-error';
            }
            else
                out.noRecordReason = second.outcome === 'multiple' ? 'multiple-records' : 'no-record';
        }
        else
            out.noRecordReason = 'no-record';
        return finish();
    }
    const walk = await treeWalk(name, tracked);
    const own = walk.found[0]?.domain === name ? walk.found[0] : undefined;
    if (walk.error) {
        out.error = dnsError(walk.error);
        if (own)
            use(own, 'domain');
        else
            out.noRecordReason = 'dns-error';
        return finish();
    }
    const sel = selectOrganizationalDomain(name, walk.found);
    out.organizationalDomain = sel.domain;
    out.organizationalRule = sel.rule;
    if (own) {
        use(own, 'domain');
        return finish();
    }
    const orgStep = walk.found.find((s) => s.domain === sel.domain);
    const last = walk.found[walk.found.length - 1];
    if (orgStep)
        use(orgStep, 'organizational');
    else if (last && last.record.published.psd === 'y')
        use(last, 'psd');
    else
        out.noRecordReason = walk.steps.some((s) => s.outcome === 'multiple') ? 'multiple-records' : 'no-record';
    return finish();
}

;// CONCATENATED MODULE: ./lib/dmarc/existence.js
/**
 * The domain existence test for `np` (RFC 9989 Appendix A.4, §3.2.13 with RFC 8020): a name exists if any
 * record exists for it; only NXDOMAIN means it does not.
 *
 * @module
 */

/**
 * Tests whether `domain` exists. Asks for A: an answer or NODATA means it exists (NODATA is "the name exists
 * without that type", RFC 2308 §2.2). After NXDOMAIN, asks for CNAME, because a resolver answers an A
 * question for a dangling alias with the target's NXDOMAIN while the alias itself exists. A name that cannot
 * be queried (BADNAME) does not exist. TIMEOUT, SERVFAIL and REFUSED give `exists: null` and an `error`.
 */
async function existence_domainExists(resolver, domain) {
    const queries = [`A ${domain}`];
    const a = await resolver.query(domain, 'A');
    if (a.ok || a.kind === 'NODATA')
        return { exists: true, queries };
    if (resolver_isTransientFailure(a.kind)) {
        return { exists: null, queries, error: { kind: a.kind, name: domain, message: a.message } };
    }
    if (a.kind === 'BADNAME')
        return { exists: false, queries };
    queries.push(`CNAME ${domain}`);
    const c = await resolver.query(domain, 'CNAME');
    // NODATA here would be an inconsistent server, but it still says the name exists (Appendix A.4).
    if (c.ok || c.kind === 'NODATA')
        return { exists: true, queries };
    // what is left of the absent kinds (isAbsent) is NXDOMAIN or BADNAME: the name does not exist
    if (resolver_isAbsent(c.kind))
        return { exists: false, queries };
    return { exists: null, queries, error: { kind: c.kind, name: domain, message: c.message } };
}

;// CONCATENATED MODULE: ./lib/dmarc/options.js
/**
 * Checks the options every DMARC entry point shares. Bad *input* (a message, a record) never throws; a call
 * that cannot work at all (no resolver, an unknown mode) is a programming error and does.
 *
 * @module
 */
/** The DMARC rules to apply: RFC 9989 (default) or RFC 7489. */
const DMARC_MODES = ['9989', '7489'];
/**
 * @throws TypeError when `options.resolver` has no `query` method or `options.mode` is not `'9989'`/`'7489'`.
 */
function options_assertDmarcOptions(options, caller) {
    if (!options || typeof options.resolver?.query !== 'function')
        throw new TypeError(`${caller}: options.resolver (a Resolver with a query method) is required`);
    if (options.mode !== undefined && !DMARC_MODES.includes(options.mode))
        throw new TypeError(`${caller}: mode must be the string '9989' or '7489', not ${JSON.stringify(options.mode)}`);
}

;// CONCATENATED MODULE: ./lib/dmarc/audit.js
/**
 * DMARC audit of a sending domain: policy discovery in the chosen mode (and in the other one, to compare),
 * the record's lint, and the audit findings — no record or a record at the wrong name, several records,
 * inherited and PSD policies, a subdomain record weaker than the organizational policy, report destinations
 * (RFC 9990 §4 authorization of external destinations, MX of report domains), DNS trouble, and RFC 9989 vs
 * RFC 7489 receivers choosing different policy records or Organizational Domains.
 *
 * @module
 */








/** The {@link RecordStatus} of the record discovery found (or why there is none). */
function recordStatus(d, effective) {
    if (d.record)
        return d.record.isDmarc && effective ? 'found' : 'invalid';
    if (d.noRecordReason === 'dns-error')
        return 'dns-error';
    if (d.noRecordReason === 'multiple-records')
        return 'multiple';
    return 'none';
}
function otherMode(mode) {
    return mode === '9989' ? '7489' : '9989';
}
function recordEvidence(l, extra = {}) {
    const ev = { name: l.name, ...extra };
    if (l.record)
        ev.record = l.record.text;
    if (l.recordSource)
        ev.source = { file: l.recordSource.file, line: l.recordSource.line };
    return ev;
}
/**
 * Audits the DMARC set-up of `domain` (see the module description). Lint findings of the applied record carry
 * the record name and, when the answer came from a zone file, its file and line. Never throws; DNS failures
 * become `dmarc.dns-error` findings.
 */
async function auditDmarc(domain, options) {
    options_assertDmarcOptions(options, 'auditDmarc');
    const mode = options.mode ?? '9989';
    const resolver = guard_guardedResolver(options.resolver);
    const lookup = discovery_createRecordLookup(resolver);
    const name = resolver_normalizeName(domain) ?? domain;
    const [discovery, comparison] = await Promise.all([
        discovery_discoverPolicy(name, { resolver, mode, lookup }),
        discovery_discoverPolicy(name, { resolver, mode: otherMode(mode), lookup }),
    ]);
    const findings = [];
    // `rules`: whose rules produced the finding; in RFC 7489 mode its RFC 7489 section is cited when it has one.
    const add = (f, rules = mode) => {
        const rfc = rules === '7489' ? DMARC_RFC7489_CITATIONS[f.id] : undefined;
        findings.push({ ...f, ...(rfc ? { rfc } : {}), domain: name });
    };
    const dnsErrors = new Set();
    const dnsError = (err, what, rules = mode) => {
        const key = `${err.name} ${err.kind}`;
        if (dnsErrors.has(key))
            return;
        dnsErrors.add(key);
        add(DMARC_FINDINGS.dnsError(`DNS ${err.kind} for ${err.name} (${what}); the result is undecided, not "no policy"`, {
            name: err.name,
            details: { kind: err.kind, step: what },
        }), rules);
    };
    const effective = discovery.record ? effective_effectivePolicy(discovery.record, mode) : null;
    const audit = {
        domain: name,
        status: recordStatus(discovery, effective),
        mode,
        record: discovery.record,
        recordName: discovery.recordName,
        policyDomain: discovery.policyDomain,
        source: discovery.source,
        organizationalDomain: discovery.organizationalDomain,
        effective,
        policy: null,
        discovery,
        comparison,
        reporting: [],
        findings,
    };
    if (discovery.noRecordReason === 'invalid-domain') {
        add(DMARC_FINDINGS.noRecord(`'${domain}' is not a domain name that can publish a DMARC record`, { name: domain }));
        return audit;
    }
    if (discovery.error)
        dnsError(discovery.error, `DMARC discovery, RFC ${mode}`);
    if (comparison.error) {
        dnsError(comparison.error, `DMARC discovery, RFC ${otherMode(mode)}`, otherMode(mode));
    }
    // --- several records at one name, anywhere discovery looked ---
    const seenNames = new Set();
    const ownLookups = new Set(discovery.lookups);
    for (const l of [...discovery.lookups, ...comparison.lookups]) {
        if (l.outcome !== 'multiple' || seenNames.has(l.name))
            continue;
        seenNames.add(l.name);
        const listed = (l.records ?? []).map((r) => r.text);
        const count = l.recordCount ?? listed.length;
        add(DMARC_FINDINGS.multipleRecords(`${count} DMARC records at ${l.name}; receivers discard them all`, {
            name: l.name,
            details: { records: listed, ...(count > listed.length ? { omitted: count - listed.length } : {}) },
        }), ownLookups.has(l) ? mode : otherMode(mode));
    }
    // --- TXT records at a _dmarc name that discovery discarded (not v=DMARC1 first, exactly) ---
    for (const f of ignoredRecords(name, discovery))
        add(f);
    // --- the domain's own name: wrong-name mistakes ---
    const own = await lookup(name);
    if (own.outcome !== 'record') {
        for (const txt of own.otherTxt ?? []) {
            if (SPF_RECORD.test(txt)) {
                add(DMARC_FINDINGS.spfAtDmarc(`${own.name} holds an SPF record instead of a DMARC record`, {
                    name: own.name,
                    record: txt,
                }));
            }
        }
        const apex = await resolver.query(name, 'TXT');
        if (apex.ok) {
            for (const strings of apex.records) {
                const p = parseDmarcRecord(resolver_joinTxt(strings));
                if (p.isDmarc) {
                    add(DMARC_FINDINGS.recordAtApex(`A v=DMARC1 record is published at ${name} itself, where receivers never look`, {
                        name,
                        record: p.text,
                    }));
                }
            }
        }
        else if (!['NXDOMAIN', 'NODATA', 'BADNAME'].includes(apex.kind)) {
            dnsError({ kind: apex.kind, name, message: apex.message }, 'TXT at the domain');
        }
    }
    if (!discovery.record) {
        if (!discovery.error && discovery.noRecordReason !== 'multiple-records') {
            add(DMARC_FINDINGS.noRecord(`No DMARC record applies to ${name} (asked ${discovery.queries.join(', ')})`, {
                name: `_dmarc.${name}`,
                details: { queries: discovery.queries },
            }));
        }
    }
    else {
        const applied = discovery.lookups.find((l) => l.name === discovery.recordName && l.outcome === 'record');
        if (discovery.source !== 'domain') {
            add(DMARC_FINDINGS.inheritedPolicy(`${name} has no DMARC record of its own; the record at ${discovery.recordName} applies${discovery.source === 'psd' ? ' (a Public Suffix Domain policy)' : ''}`, recordEvidence(applied)));
            if (discovery.source === 'psd') {
                add(DMARC_FINDINGS.psdPolicy(`Only the Public Suffix Domain policy at ${discovery.recordName} covers ${name}; its Organizational Domain ${discovery.organizationalDomain} publishes none`, recordEvidence(applied)));
            }
        }
        // --- the policy for the domain itself ---
        if (effective) {
            if (discovery.source === 'domain') {
                audit.policy = effective.p;
                audit.policySource = 'p';
            }
            else if (mode === '9989') {
                // asked even when np equals sp: np= is the source for a non-existent subdomain (RFC 9989 §4.7)
                const ex = await existence_domainExists(resolver, name);
                audit.domainExists = ex.exists;
                if (ex.error && effective.np !== effective.sp)
                    dnsError(ex.error, 'domain existence test');
                audit.policy = ex.exists === false ? effective.np : effective.sp;
                audit.policySource = ex.exists === false ? 'np' : 'sp';
            }
            else {
                audit.policy = effective.sp;
                audit.policySource = 'sp';
            }
        }
        for (const f of discovery.record.findings) {
            add({
                ...f,
                ...aboutOtherSubdomains(f, name, audit),
                evidence: { ...recordEvidence(applied), ...f.evidence },
            });
        }
        // --- a subdomain record weaker than the organizational policy ---
        const orgDomain = discovery.organizationalDomain;
        if (discovery.source === 'domain' && effective && orgDomain && orgDomain !== name) {
            const org = await lookup(orgDomain);
            const orgEff = org.record ? effective_effectivePolicy(org.record, mode) : null;
            if (orgEff && weaker(effective.p, orgEff.sp)) {
                add(DMARC_FINDINGS.subdomainWeakens(`${discovery.recordName} publishes p=${effective.p}, weaker than the ${orgEff.sp === orgEff.p ? 'p' : 'sp'}=${orgEff.sp} that ${org.name} sets for its subdomains`, recordEvidence(applied, { term: `p=${effective.p}` })));
            }
        }
        // --- report destinations ---
        if (effective && discovery.policyDomain) {
            audit.reporting = await checkReporting(discovery.policyDomain, effective, mode, resolver, lookup, add, dnsError);
        }
    }
    // --- the two modes ---
    const differs = !discovery.error &&
        !comparison.error &&
        (discovery.recordName !== comparison.recordName ||
            discovery.organizationalDomain !== comparison.organizationalDomain);
    if (differs) {
        const by = (d) => `RFC ${d.mode}: ${d.recordName ?? 'no policy'}${d.organizationalDomain ? `, Organizational Domain ${d.organizationalDomain}` : ''}`;
        const [a, b] = mode === '9989' ? [discovery, comparison] : [comparison, discovery];
        add(DMARC_FINDINGS.modeDivergence(`RFC 9989 and RFC 7489 receivers disagree for ${name}: ${by(a)}; ${by(b)}`, {
            name: `_dmarc.${name}`,
            details: {
                rfc9989: { recordName: a.recordName, organizationalDomain: a.organizationalDomain },
                rfc7489: { recordName: b.recordName, organizationalDomain: b.organizationalDomain },
            },
        }));
    }
    return audit;
}
/**
 * The lint finding `dmarc.subdomain-policy-weaker` ("sp= is weaker than p= for existing subdomains") does not
 * apply to an audited name that does not exist (np= governs it, RFC 9989 §4.7): its message is reworded as
 * being about the organization's other, existing subdomains. Other findings are returned unchanged (`{}`).
 */
function aboutOtherSubdomains(f, name, audit) {
    if (f.id !== 'dmarc.subdomain-policy-weaker' || audit.domainExists !== false || !audit.effective)
        return {};
    const eff = audit.effective;
    return {
        message: `${f.message.replace(/ for existing subdomains$/, '')} for the other, existing subdomains of ${audit.policyDomain ?? audit.organizationalDomain ?? 'the organization'}; it does not apply to ${name}, which does not exist (np=${eff.np} applies to it)`,
    };
}
/** Where the policy came from instead of a discarded record, for the `dmarc.record-ignored` message. */
function instead(d) {
    if (d.record && d.recordName) {
        const whose = d.source === 'organizational'
            ? ' (the Organizational Domain)'
            : d.source === 'psd'
                ? ' (a Public Suffix Domain)'
                : '';
        return `the policy comes from ${d.recordName}${whose} instead`;
    }
    if (d.error)
        return `the policy is undecided (DNS ${d.error.kind} for ${d.error.name})`;
    return `no DMARC policy applies to ${d.domain}`;
}
/**
 * `dmarc.record-ignored` for each TXT record that discovery set aside at a `_dmarc` name it asked before the
 * one whose record applies (all of them when none applies): a record that fails the exact `v=DMARC1`-first
 * rule (RFC 9989 §4.7, §4.10; RFC 7489 §6.3, §6.6.3) is discarded silently by receivers. SPF records at the
 * domain's own `_dmarc` name are left to `dmarc.spf-at-dmarc`.
 */
function ignoredRecords(domain, d) {
    const out = [];
    const seen = new Set();
    for (const l of d.lookups) {
        if (l.name === d.recordName)
            break;
        if (l.outcome !== 'none' || seen.has(l.name))
            continue;
        seen.add(l.name);
        for (const txt of l.ignored ?? []) {
            if (l.domain === domain && SPF_RECORD.test(txt.text))
                continue;
            const ev = { name: l.name, record: txt.text, details: { reason: txt.reason } };
            if (txt.source)
                ev.source = { file: txt.source.file, line: txt.source.line };
            out.push(DMARC_FINDINGS.recordIgnored(`${l.name} TXT "${txt.text}" is not a DMARC record and is ignored: ${txt.reason}; ${instead(d)}`, ev));
        }
        const omitted = (l.otherTxtCount ?? 0) - (l.ignored?.length ?? 0);
        if (omitted > 0) {
            out.push(DMARC_FINDINGS.recordIgnored(`${omitted} more TXT records at ${l.name} (not listed one by one) are not DMARC records and are ignored; ${instead(d)}`, { name: l.name, details: { omitted, listed: l.ignored?.length ?? 0 } }));
        }
    }
    return out;
}
const SPF_RECORD = /^\s*v\s*=\s*spf1(\s|$)/i;
async function checkReporting(policyDomain, effective, mode, resolver, lookup, add, dnsError) {
    const orgCache = new Map();
    const orgOf = (d) => {
        let p = orgCache.get(d);
        if (!p) {
            p =
                mode === '7489'
                    ? Promise.resolve(discovery_organizationalDomain7489(d) ?? d)
                    : discovery_organizationalDomain9989(d, lookup).then((o) => {
                        if (o.walk.error) {
                            const e = o.walk.error;
                            dnsError({ kind: e.dnsKind ?? 'SERVFAIL', name: e.name, message: e.message ?? '' }, 'Tree Walk');
                        }
                        return o.domain;
                    });
            orgCache.set(d, p);
        }
        return p;
    };
    const policyOrg = await orgOf(policyDomain);
    const mxChecked = new Map();
    const authChecked = new Map();
    const out = [];
    const entries = [
        ...effective.rua.map((u) => ['rua', u]),
        ...effective.ruf.map((u) => ['ruf', u]),
    ];
    for (const [tag, u] of entries) {
        const dest = { tag, uri: u.uri };
        out.push(dest);
        if (!u.domain)
            continue;
        dest.domain = u.domain;
        const destOrg = await orgOf(u.domain);
        if (policyOrg !== null && destOrg !== null) {
            dest.external = policyOrg !== destOrg && u.domain !== policyDomain;
        }
        if (dest.external) {
            const authName = `${policyDomain}._report._dmarc.${u.domain}`;
            dest.authorizationName = authName;
            if (!authChecked.has(authName)) {
                const res = await resolver.query(authName, 'TXT');
                let ok;
                if (res.ok)
                    ok = res.records.some((s) => parseDmarcRecord(resolver_joinTxt(s)).isDmarc);
                else if (['NXDOMAIN', 'NODATA', 'BADNAME'].includes(res.kind))
                    ok = false;
                else {
                    ok = null;
                    dnsError({ kind: res.kind, name: authName, message: res.message }, 'external report authorization');
                }
                authChecked.set(authName, ok);
                if (ok === false) {
                    add(DMARC_FINDINGS.externalDestinationUnauthorized(`${tag}=${u.uri} is outside ${policyDomain}'s organization and ${authName} has no v=DMARC1 record: receivers will not send it reports`, { name: authName, term: u.raw, details: { destination: u.domain } }));
                }
            }
            dest.authorized = authChecked.get(authName) ?? null;
        }
        if (!mxChecked.has(u.domain)) {
            const mx = await resolver.query(u.domain, 'MX');
            let state;
            if (mx.ok)
                state = mx.records.every((r) => r.exchange === '') ? 'null-mx' : 'ok';
            else if (['NXDOMAIN', 'NODATA', 'BADNAME'].includes(mx.kind))
                state = 'none';
            else {
                state = 'error';
                dnsError({ kind: mx.kind, name: u.domain, message: mx.message }, 'MX of a report domain');
            }
            mxChecked.set(u.domain, state);
            if (state === 'none' || state === 'null-mx') {
                const gone = !mx.ok && mx.kind !== 'NODATA';
                // no MX: mail goes to the domain's own address records (the implicit MX, RFC 5321 §5.1), if any
                const address = state === 'none' && !gone ? await hasAddressRecords(resolver, u.domain) : undefined;
                if (address?.error)
                    dnsError(address.error, 'address records of a report domain');
                const undeliverable = state === 'null-mx' || gone || address?.exists === false;
                const evidence = { name: u.domain, term: u.raw };
                add(undeliverable
                    ? DMARC_FINDINGS.reportDomainUndeliverable(state === 'null-mx'
                        ? `Report domain ${u.domain} publishes a null MX (RFC 7505): it accepts no mail`
                        : gone
                            ? `Report domain ${u.domain} does not exist (${mx.ok ? '' : mx.kind}): reports cannot be delivered`
                            : `Report domain ${u.domain} has no MX and no A/AAAA records: reports cannot be delivered at all`, evidence)
                    : DMARC_FINDINGS.reportDomainNoMx(address?.exists === true
                        ? `Report domain ${u.domain} has no MX records; reports rely on its A/AAAA records (the implicit MX of RFC 5321 §5.1)`
                        : `Report domain ${u.domain} has no MX records; reports rely on the address-record fallback at best (its A/AAAA records are unknown: DNS trouble)`, evidence));
            }
        }
        dest.mx = mxChecked.get(u.domain);
    }
    return out;
}
/**
 * Whether `domain` has A or AAAA records (the implicit MX of RFC 5321 §5.1). `exists` is null, with the first
 * transient `error`, when neither answered and one failed with TIMEOUT, SERVFAIL or REFUSED.
 */
async function hasAddressRecords(resolver, domain) {
    let error;
    for (const type of ['A', 'AAAA']) {
        const r = await resolver.query(domain, type);
        if (r.ok && r.records.length > 0)
            return { exists: true };
        if (!r.ok && !['NXDOMAIN', 'NODATA', 'BADNAME'].includes(r.kind))
            error ??= { kind: r.kind, name: domain, message: r.message };
    }
    return error ? { exists: null, error } : { exists: false };
}

;// CONCATENATED MODULE: ./lib/dmarc/author.js
/**
 * The Author Domain: the domain of the RFC5322.From mailboxes (RFC 9989 §3.2.2, §5.3.1).
 *
 * From is a `mailbox-list` (RFC 5322 §3.6.2); RFC 6854 also allows a group. This module tokenizes the field
 * value the RFC 5322 §3.2 way — quoted strings (with quoted-pairs), nested comments, domain literals, specials —
 * so that an `@` or `,` inside a quoted display name or a quoted local-part never splits an address, and
 * handles angle addresses, obsolete source routes (§4.4), groups and empty list elements. RFC 2047 encoded
 * words are decoded in display names for reporting only: they never supply the domain.
 *
 * The result follows RFC 9989 §5.3.1: exactly one Author Domain (several mailboxes may share it); zero or
 * several domains, an unparseable mailbox, or several From header fields (RFC 5322 §3.6 allows one; RFC 9989
 * §4.4) leave no Author Domain, with a status saying why.
 *
 * @module
 */

const BLANKS = new Set([' ', '\t', '\r', '\n']);
const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '.', '"']);
function tokenize(s, notes) {
    const toks = [];
    let i = 0;
    while (i < s.length) {
        const c = s[i];
        if (BLANKS.has(c)) {
            i++;
        }
        else if (c === '(') {
            let depth = 0;
            for (; i < s.length; i++) {
                const d = s[i];
                if (d === '\\')
                    i++;
                else if (d === '(')
                    depth++;
                else if (d === ')' && --depth === 0)
                    break;
            }
            if (depth > 0)
                notes.add('unterminated comment in From');
            i++;
        }
        else if (c === '"') {
            // the text between the quotes, quoted-pairs unescaped: slices between backslashes, not one string per character
            const start = i;
            const pieces = [];
            i++;
            let from = i;
            let closed = false;
            while (i < s.length) {
                const d = s[i];
                if (d === '\\' && i + 1 < s.length) {
                    pieces.push(s.slice(from, i), s[i + 1]);
                    i += 2;
                    from = i;
                }
                else if (d === '"') {
                    closed = true;
                    break;
                }
                else {
                    i++;
                }
            }
            pieces.push(s.slice(from, i));
            if (closed)
                i++;
            if (!closed)
                notes.add('unterminated quoted string in From');
            toks.push({ t: 'qs', v: pieces.join(''), start, end: i });
        }
        else if (c === '[') {
            const start = i;
            const close = s.indexOf(']', i);
            const end = close < 0 ? s.length : close + 1;
            toks.push({ t: 'lit', v: s.slice(start, end), start, end });
            i = end;
        }
        else if (SPECIALS.has(c)) {
            toks.push({ t: 'sp', v: c, start: i, end: i + 1 });
            i++;
        }
        else {
            const start = i;
            while (i < s.length && !SPECIALS.has(s[i]) && !BLANKS.has(s[i]))
                i++;
            toks.push({ t: 'atom', v: s.slice(start, i), start, end: i });
        }
    }
    return toks;
}
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
/**
 * Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`); white space between adjacent encoded words is
 * dropped (RFC 2047 §6.2). Unknown charsets and malformed words are left as written.
 */
function decodeEncodedWords(text) {
    const joined = text.replace(/(\?=)\s+(?==\?)/g, '$1');
    return joined.replace(ENCODED_WORD, (whole, charset, enc, data) => {
        try {
            let bytes;
            if (enc.toUpperCase() === 'B') {
                bytes = Buffer.from(data, 'base64');
            }
            else {
                const out = [];
                for (let i = 0; i < data.length; i++) {
                    const ch = data[i];
                    if (ch === '_')
                        out.push(0x20);
                    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
                        out.push(Number.parseInt(data.slice(i + 1, i + 3), 16));
                        i += 2;
                    }
                    else
                        out.push(ch.charCodeAt(0) & 0xff);
                }
                bytes = Uint8Array.from(out);
            }
            return new TextDecoder(charset.toLowerCase()).decode(bytes);
        }
        catch {
            return whole;
        }
    });
}
function displayText(s, toks) {
    if (toks.length === 0)
        return undefined;
    // Rebuild from the source so that spacing between words survives; quoted strings lose their quotes.
    let out = '';
    let prevEnd = toks[0].start;
    for (const t of toks) {
        if (t.start > prevEnd)
            out += ' ';
        out += t.t === 'qs' ? t.v : s.slice(t.start, t.end);
        prevEnd = t.end;
    }
    const decoded = decodeEncodedWords(out).trim();
    return decoded === '' ? undefined : decoded;
}
/** A domain of two or more labels of letters, digits and hyphens, right after an `@` (sticky). */
const ADDRESS_LIKE_DOMAIN = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/y;
/** A character that cannot be part of the local-part of an address-like text: blanks, `@`, `<`, `>`, `"`. */
const NOT_LOCAL = /[\s@<>"]/;
/**
 * The first address-like text (`local@domain.tld`, as a mail reader may show it) in `text`, and its domain; or
 * null. Scans from each `@` (left over the local-part, right over the domain), so it is linear in the length of
 * `text` (the equivalent `/[^\s@<>"]+@(...)/` is quadratic on a long text without an `@`).
 */
function addressLike(text) {
    let at = text.indexOf('@');
    let floor = 0; // the local-part of this `@` cannot reach back over the previous `@`
    while (at >= 0) {
        let start = at;
        while (start > floor && !NOT_LOCAL.test(text[start - 1]))
            start--;
        if (start < at) {
            ADDRESS_LIKE_DOMAIN.lastIndex = at + 1;
            const domain = ADDRESS_LIKE_DOMAIN.exec(text);
            if (domain)
                return { match: text.slice(start, at + 1 + domain[0].length), domain: domain[0] };
        }
        floor = at + 1;
        at = text.indexOf('@', at + 1);
    }
    return null;
}
function mailboxFrom(s, toks, field, group, notes) {
    let display = [];
    let addr = toks;
    const lt = toks.findIndex((t) => t.t === 'sp' && t.v === '<');
    if (lt >= 0) {
        display = toks.slice(0, lt);
        let gt = toks.findIndex((t, i) => i > lt && t.t === 'sp' && t.v === '>');
        if (gt < 0) {
            notes.add('unterminated angle address in From');
            gt = toks.length;
        }
        addr = toks.slice(lt + 1, gt);
        if (addr[0]?.t === 'sp' && addr[0].v === '@') {
            const colon = addr.findIndex((t) => t.t === 'sp' && t.v === ':');
            if (colon >= 0) {
                notes.add('obsolete source route removed from a From address (RFC 5322 §4.4)');
                addr = addr.slice(colon + 1);
            }
        }
    }
    const text = (ts) => ts.map((t) => (t.t === 'qs' ? `"${t.v.replace(/(["\\])/g, '\\$1')}"` : t.v)).join('');
    const ats = addr.map((t, i) => (t.t === 'sp' && t.v === '@' ? i : -1)).filter((i) => i >= 0);
    const mb = { field, address: text(addr), localPart: '', rawDomain: '', domain: null };
    const name = displayText(s, display);
    if (name !== undefined)
        mb.displayName = name;
    if (group !== undefined)
        mb.group = group;
    if (ats.length === 0) {
        const decoded = decodeEncodedWords(s.slice(toks[0]?.start ?? 0, toks[toks.length - 1]?.end ?? 0));
        const m = addressLike(decoded);
        mb.problem = m
            ? `no addr-spec; the encoded text decodes to '${m.match}', which a mail reader may show`
            : 'no addr-spec (no "@")';
        return mb;
    }
    if (ats.length > 1) {
        mb.problem = `malformed address: ${ats.length} "@" signs outside quotes`;
        return mb;
    }
    const at = ats[0];
    const local = addr.slice(0, at);
    const dom = addr.slice(at + 1);
    mb.localPart = text(local);
    mb.rawDomain = text(dom);
    if (local.length === 0) {
        mb.problem = 'empty local-part';
        return mb;
    }
    if (dom.length === 1 && dom[0].t === 'lit') {
        mb.domain = dom[0].v;
        return mb;
    }
    if (dom.length === 0 || dom.some((t) => t.t !== 'atom' && !(t.t === 'sp' && t.v === '.'))) {
        mb.problem = `malformed domain '${mb.rawDomain}'`;
        return mb;
    }
    const domain = normalizeName(mb.rawDomain);
    if (domain === null || mb.rawDomain.startsWith('.') || mb.rawDomain.includes('..')) {
        mb.problem = `invalid domain '${mb.rawDomain}'`;
        return mb;
    }
    mb.domain = domain;
    if (mb.displayName) {
        const m = addressLike(mb.displayName);
        if (m && normalizeName(m.domain) !== domain) {
            notes.add(`the display name '${mb.displayName}' shows an address at ${m.domain}, not ${domain} (display name attacks are outside DMARC, RFC 9989 §11.4)`);
        }
    }
    return mb;
}
function parseField(s, field, notes) {
    const toks = tokenize(s, notes);
    const out = [];
    let current = [];
    // whether `current` holds an "@" token: kept as tokens are added, so that a long run of ":" after an "@" is
    // not a rescan of `current` per ":" (quadratic)
    let currentHasAt = false;
    let inAngle = false;
    let group;
    const flush = () => {
        if (current.length > 0)
            out.push(mailboxFrom(s, current, field, group, notes));
        current = [];
        currentHasAt = false;
    };
    for (const t of toks) {
        if (t.t === 'sp') {
            if (t.v === '<')
                inAngle = true;
            else if (t.v === '>')
                inAngle = false;
            else if (!inAngle && t.v === ':' && group === undefined && !currentHasAt) {
                group = displayText(s, current) ?? '';
                notes.add('group syntax in From (RFC 6854): its mailboxes are authors');
                current = [];
                continue;
            }
            else if (!inAngle && t.v === ',') {
                flush();
                continue;
            }
            else if (!inAngle && t.v === ';' && group !== undefined) {
                flush();
                group = undefined;
                continue;
            }
        }
        if (t.t === 'sp' && t.v === '@')
            currentHasAt = true;
        current.push(t);
    }
    flush();
    return out;
}
/**
 * Extracts the Author Domain from the From header field values (RFC 9989 §5.3.1).
 *
 * @param fromHeaderValues the value of each From header field (what follows `From:`), unfolded or not.
 * @returns the Author Domain when there is exactly one, and otherwise a status and reason. Never throws.
 */
function author_extractAuthorDomain(fromHeaderValues) {
    const notes = new Set();
    const fieldCount = fromHeaderValues.length;
    const mailboxes = [];
    fromHeaderValues.forEach((raw, field) => {
        const value = String(raw)
            .replace(/\r?\n(?=[ \t])/g, '')
            .replace(/[\r\n]/g, ' ');
        for (const m of parseField(value, field, notes))
            mailboxes.push(m); // no spread: a field may list 200k mailboxes
    });
    const domains = [...new Set(mailboxes.flatMap((m) => (m.domain === null ? [] : [m.domain])))];
    const result = (status, reason, authorDomain = null) => ({
        status,
        authorDomain,
        domains,
        mailboxes,
        fieldCount,
        reason,
        notes: [...notes],
    });
    if (fieldCount === 0)
        return result('no-from', 'The message has no From header field (RFC 5322 §3.6 requires one)');
    if (fieldCount > 1) {
        return result('multiple-from-fields', `The message has ${fieldCount} From header fields (RFC 5322 §3.6 allows one); DMARC cannot determine a single Author Domain (RFC 9989 §4.4, §11.5)`);
    }
    const bad = mailboxes.find((m) => m.domain === null);
    if (bad) {
        return result('invalid-domain', `From mailbox '${bad.address || bad.displayName || ''}': ${bad.problem}`);
    }
    if (mailboxes.length === 0)
        return result('no-mailbox', 'The From field lists no mailbox');
    if (domains.length > 1) {
        return result('multiple-domains', `The From field has mailboxes in ${domains.length} domains (${domains.join(', ')}); RFC 9989 §5.3.1 needs exactly one Author Domain`);
    }
    const only = domains[0];
    if (only.startsWith('[')) {
        return result('domain-literal', `The Author Domain is an address literal ${only}, which cannot publish a DMARC record`);
    }
    return result('ok', `Author Domain ${only}`, only);
}

;// CONCATENATED MODULE: ./lib/dmarc/evaluate.js
/**
 * DMARC evaluation of one message (RFC 9989 §5.3, or RFC 7489 §6.6 in `7489` mode): Author Domain, policy
 * discovery, identifier alignment of the SPF-authenticated MAIL FROM domain and of every passing DKIM `d=`,
 * the pass/fail verdict, the policy (`p`, `sp`, or `np` after the domain existence test), `t=y` or `pct`,
 * and a plain-language explanation.
 *
 * @module
 */









/** The most Author Domains evaluated for one message (RFC 9989 §11.5 asks for a limit). */
const MAX_AUTHOR_DOMAINS = 5;
/** The most identifier Tree Walks per Author Domain (each is at most 8 queries; RFC 9989 §4.10.2 sets no limit). */
const MAX_ALIGNMENT_WALKS = 10;
const DOWNGRADE = {
    reject: 'quarantine',
    quarantine: 'none',
    none: 'none',
};
function base(mode, author) {
    return {
        mode,
        result: 'none',
        policy: null,
        disposition: 'none',
        testing: false,
        authorDomain: author.authorDomain,
        author,
        organizationalDomain: null,
        recordName: null,
        policyDomain: null,
        record: null,
        effective: null,
        alignment: { spf: null, dkim: [] },
        alignedBy: [],
        discovery: null,
        queries: [],
        why: '',
    };
}
/**
 * Evaluates DMARC for one message.
 *
 * Results: `pass` (an authenticated identifier aligns), `fail` (none does), `none` (no applicable policy:
 * no record, a record that gets no DMARC processing, an address-literal Author Domain), `temperror` (a DNS
 * failure left the policy or an alignment undecided), `permerror` (no single Author Domain: no From, several
 * From fields, a malformed address; or more Author Domains than `maxAuthorDomains`).
 *
 * RFC 9989 mode: Tree Walks for the policy and for relaxed alignment, `np` with the existence test, `t=y`.
 * RFC 7489 mode: PSL Organizational Domains, no `np`/`psd`/`t`, `pct` sampled with `options.random`.
 *
 * Never throws for bad input or DNS trouble.
 *
 * @throws TypeError for a call that cannot work: no `options.resolver`, or a `mode` other than '9989'/'7489'.
 */
async function evaluateDmarc(input, options) {
    assertDmarcOptions(options, 'evaluateDmarc');
    const mode = options.mode ?? '9989';
    const log = [];
    const resolver = guardedResolver(options.resolver, log);
    const ctx = {
        resolver,
        mode,
        random: options.random ?? Math.random,
        lookup: createRecordLookup(resolver),
        queries: log,
    };
    const author = extractAuthorDomain(input.from ?? []);
    const dkim = input.dkim ?? [];
    let out;
    if (author.status === 'ok') {
        out = await evaluateForDomain(author.authorDomain, author, input.spf, dkim, ctx);
    }
    else if (author.status === 'domain-literal') {
        out = base(mode, author);
        out.reason = 'address literal';
    }
    else if (author.status === 'multiple-domains' && options.multipleAuthorDomains !== 'permerror') {
        const max = options.maxAuthorDomains ?? MAX_AUTHOR_DOMAINS;
        out = base(mode, author);
        if (author.domains.length > max) {
            out.result = 'permerror';
            out.reason = `${author.domains.length} Author Domains, more than the ${max} evaluated`;
        }
        else {
            const each = [];
            for (const d of author.domains) {
                if (d.startsWith('['))
                    continue;
                each.push(await evaluateForDomain(d, author, input.spf, dkim, ctx));
            }
            out = combine(mode, author, each);
        }
    }
    else {
        out = base(mode, author);
        out.result = 'permerror';
        out.reason = author.reason;
    }
    out.queries = [...log];
    out.why = explainEvaluation(out);
    return out;
}
/** RFC 9989 §11.5: the strictest failing policy among the Author Domains; otherwise temperror, pass, none. */
function combine(mode, author, each) {
    const failing = each.filter((e) => e.result === 'fail');
    const pick = failing.sort((a, b) => POLICY_STRENGTH[b.disposition] - POLICY_STRENGTH[a.disposition] ||
        POLICY_STRENGTH[b.policy ?? 'none'] - POLICY_STRENGTH[a.policy ?? 'none'])[0] ??
        each.find((e) => e.result === 'temperror') ??
        each.find((e) => e.result === 'pass') ??
        each[0];
    const out = pick ? { ...pick } : base(mode, author);
    out.author = author;
    out.perAuthorDomain = each;
    return out;
}
async function evaluateForDomain(authorDomain, author, spf, dkim, ctx) {
    const out = base(ctx.mode, author);
    out.authorDomain = authorDomain;
    const discovery = await discoverPolicy(authorDomain, {
        resolver: ctx.resolver,
        mode: ctx.mode,
        lookup: ctx.lookup,
    });
    out.discovery = discovery;
    out.organizationalDomain = discovery.organizationalDomain;
    out.recordName = discovery.recordName;
    out.policyDomain = discovery.policyDomain;
    out.record = discovery.record;
    if (!discovery.record) {
        if (discovery.error) {
            out.result = 'temperror';
            out.error = discovery.error;
            out.reason = `DNS ${discovery.error.kind} for ${discovery.error.name}`;
        }
        else {
            out.reason = discovery.noRecordReason === 'multiple-records' ? 'several records' : 'no record';
        }
        return out;
    }
    const eff = effectivePolicy(discovery.record, ctx.mode);
    out.effective = eff;
    if (!eff) {
        out.reason = 'record unusable';
        return out;
    }
    // --- the policy (RFC 9989 §4.10.1; RFC 7489 §6.6.3) ---
    let existenceUnknown = false;
    if (discovery.source === 'domain') {
        out.policy = eff.p;
        out.policySource = 'p';
    }
    else if (ctx.mode === '9989') {
        // The existence test runs even when np equals sp, so that the source of the policy is named correctly:
        // np applies to non-existent subdomains (RFC 9989 §4.7), whatever the values.
        const ex = await domainExists(ctx.resolver, authorDomain);
        out.authorDomainExists = ex.exists;
        if (ex.exists === null && eff.np === eff.sp) {
            // the same policy either way: the DNS trouble does not leave the verdict undecided
            out.policy = eff.sp;
            out.policySource = 'sp';
        }
        else if (ex.exists === null) {
            existenceUnknown = true;
            out.error = ex.error;
            // one of the two applies; report the weaker until the existence is known
            const weakerIsNp = POLICY_STRENGTH[eff.np] < POLICY_STRENGTH[eff.sp];
            out.policy = weakerIsNp ? eff.np : eff.sp;
            out.policySource = weakerIsNp ? 'np' : 'sp';
        }
        else {
            out.policy = ex.exists ? eff.sp : eff.np;
            out.policySource = ex.exists ? 'sp' : 'np';
        }
    }
    else {
        out.policy = eff.sp;
        out.policySource = 'sp';
    }
    out.testing = eff.testing;
    // --- identifier alignment (RFC 9989 §4.4, §4.10.2; RFC 7489 §3.1) ---
    const align = alignmentChecker(authorDomain, discovery, eff, ctx);
    if (spf)
        out.alignment.spf = await align('spf', spf.domain, spf.result, { identity: spf.identity ?? 'mailfrom' });
    for (const sig of dkim) {
        out.alignment.dkim.push(await align('dkim', sig.domain, sig.result, sig.selector === undefined ? {} : { selector: sig.selector }));
    }
    const all = [...(out.alignment.spf ? [out.alignment.spf] : []), ...out.alignment.dkim];
    out.alignedBy = [...new Set(all.filter((a) => a.aligned === true).map((a) => a.method))];
    const unknown = all.find((a) => a.aligned === null);
    if (out.alignedBy.length > 0) {
        out.result = 'pass';
    }
    else if (unknown) {
        out.result = 'temperror';
        out.error = unknown.error ?? out.error;
        out.reason = `alignment of ${unknown.domain} unknown`;
    }
    else if (existenceUnknown) {
        out.result = 'temperror';
        out.reason = `existence of ${authorDomain} unknown (sp=${eff.sp}, np=${eff.np})`;
    }
    else {
        out.result = 'fail';
    }
    // --- disposition: t=y (RFC 9989 §4.7) or pct (RFC 7489 §6.3, §6.6.4) ---
    if (out.result === 'fail' && out.policy) {
        let applied = out.policy;
        if (eff.testing)
            applied = DOWNGRADE[applied];
        if (ctx.mode === '7489' && eff.pct < 100 && applied !== 'none') {
            const draw = ctx.random();
            const selected = draw * 100 < eff.pct;
            out.sampling = { pct: eff.pct, draw, selected };
            if (!selected)
                applied = DOWNGRADE[applied];
        }
        out.disposition = applied;
    }
    return out;
}
function alignmentChecker(authorDomain, discovery, eff, ctx) {
    const orgs = new Map();
    const authorOrg7489 = organizationalDomain7489(authorDomain) ?? authorDomain;
    const orgOf = (domain) => {
        let p = orgs.get(domain);
        if (!p) {
            p = organizationalDomain9989(domain, ctx.lookup).then((o) => {
                const err = o.walk.error;
                return err
                    ? {
                        domain: null,
                        error: { kind: err.dnsKind ?? 'SERVFAIL', name: err.name, message: err.message ?? '' },
                    }
                    : { domain: o.domain };
            });
            orgs.set(domain, p);
        }
        return p;
    };
    return async (method, rawDomain, rawResult, extra) => {
        const strict = (method === 'spf' ? eff.aspf : eff.adkim) === 's';
        const result = String(rawResult ?? '')
            .trim()
            .toLowerCase();
        const domain = normalizeName(String(rawDomain ?? ''));
        const a = {
            method,
            domain: domain ?? String(rawDomain ?? ''),
            ...extra,
            result,
            authenticated: result === 'pass',
            aligned: false,
            mode: strict ? 'strict' : 'relaxed',
            reason: 'not-authenticated',
            detail: `${method === 'spf' ? 'SPF' : 'DKIM'} result is ${result || 'empty'}`,
        };
        if (!a.authenticated)
            return a;
        if (domain === null || isAddressLiteral(domain)) {
            a.reason = 'invalid-domain';
            a.detail = `'${rawDomain}' is not a domain name`;
            return a;
        }
        if (domain === authorDomain) {
            a.aligned = true;
            a.reason = 'identical';
            a.detail = `identical to ${authorDomain}`;
            return a;
        }
        if (strict) {
            a.reason = 'strict-not-identical';
            a.detail = `strict alignment requires exactly ${authorDomain}`;
            return a;
        }
        if (ctx.mode === '7489') {
            const org = organizationalDomain7489(domain) ?? domain;
            a.organizationalDomain = org;
            a.aligned = org === authorOrg7489;
            a.reason = a.aligned ? 'same-organizational-domain' : 'organizational-domains-differ';
            a.detail = a.aligned
                ? `same organizational domain ${org}`
                : `organizational domains differ (${org} vs ${authorOrg7489})`;
            return a;
        }
        const authorOrg = discovery.organizationalDomain;
        if (authorOrg === null) {
            if (topLabel(domain) !== topLabel(authorDomain)) {
                a.reason = 'organizational-domains-differ';
                a.detail = `organizational domains differ (${domain} shares no parent with ${authorDomain})`;
                return a;
            }
            a.aligned = null;
            a.reason = 'dns-error';
            if (discovery.error)
                a.error = discovery.error;
            a.detail = `the Organizational Domain of ${authorDomain} is unknown (DNS ${discovery.error?.kind ?? 'error'})`;
            return a;
        }
        if (!isAtOrBelow(domain, authorOrg)) {
            a.reason = 'organizational-domains-differ';
            a.detail = `organizational domains differ (${domain} is not under ${authorOrg})`;
            return a;
        }
        if (!orgs.has(domain) && orgs.size >= MAX_ALIGNMENT_WALKS) {
            a.aligned = null;
            a.reason = 'walk-limit';
            a.detail = `not checked: more than ${MAX_ALIGNMENT_WALKS} Tree Walks for one message`;
            return a;
        }
        const org = await orgOf(domain);
        if (org.domain === null) {
            a.aligned = null;
            a.reason = 'dns-error';
            if (org.error)
                a.error = org.error;
            a.detail = `the Organizational Domain of ${domain} is unknown (DNS ${org.error?.kind ?? 'error'} for ${org.error?.name ?? domain})`;
            return a;
        }
        a.organizationalDomain = org.domain;
        a.aligned = org.domain === authorOrg;
        a.reason = a.aligned ? 'same-organizational-domain' : 'organizational-domains-differ';
        a.detail = a.aligned
            ? `same organizational domain ${authorOrg}`
            : `organizational domains differ (${org.domain} vs ${authorOrg})`;
        return a;
    };
}

;// CONCATENATED MODULE: ./lib/dmarc/index.js
/**
 * DMARC (RFC 9989, with RFC 7489 as a mode): record parsing and lint, policy discovery, evaluation, audit.
 *
 * @module
 */






;// CONCATENATED MODULE: ./lib/dns/abort.js
/**
 * A {@link Resolver} that stops waiting when an `AbortSignal` fires: every question still pending, and every
 * later one, is answered at once as a `TIMEOUT` failure. This is how a domain audit honours a time limit without
 * hanging and without throwing away what it already learned: the protocol audits finish with `*.dns-error`
 * findings for what was still unanswered. The signal goes down with every question, so the resolvers below
 * cancel what is in flight (the batch's limiter drops queued questions, the wire client closes its sockets).
 *
 * @module
 */

/**
 * Wraps `inner` so that questions fail as TIMEOUT once `signal` is aborted. The signal is passed to `inner` with
 * each question (combined with the asker's own, if any), so a resolver that honours it cancels the questions in
 * flight and sends nothing more; one that ignores it is simply no longer waited for.
 */
function abortableResolver(inner, signal) {
    return {
        ...(inner.offline ? { offline: true } : {}),
        query(name, type, options = {}) {
            const timeout = () => dnsFailure(name, type, 'TIMEOUT', 'audit time limit reached');
            if (signal.aborted)
                return Promise.resolve(timeout());
            const combined = options.signal ? AbortSignal.any([signal, options.signal]) : signal;
            return new Promise((resolve) => {
                const onAbort = () => resolve(timeout());
                signal.addEventListener('abort', onAbort, { once: true });
                void resolver_queryOrServfail(inner, name, type, { signal: combined }).then((r) => {
                    signal.removeEventListener('abort', onAbort);
                    resolve(r);
                });
            });
        },
    };
}

;// CONCATENATED MODULE: ./lib/dns/cache.js
/**
 * Memoisation and query accounting for any {@link Resolver}.
 *
 * @module
 */

/**
 * Wraps `inner` so each distinct question (normalised name + type) is asked once: later and concurrent askers
 * share the same answer.
 *
 * - Answers, NXDOMAIN, NODATA and BADNAME are kept for the cache's life (make a new cache per run).
 * - A transient failure (TIMEOUT, SERVFAIL, REFUSED; {@link isTransientFailure}) is shared only with the askers
 *   that joined the question while it was in flight; once it settles it is forgotten, so a later asker (e.g. the
 *   next domain of a batch that includes the same `_spf.google.com`) sends the question again instead of
 *   inheriting one timeout for the whole batch.
 * - Cancellation ({@link QueryOptions.signal}): an asker whose signal aborts gets `TIMEOUT` at once; the inner
 *   question is cancelled only when every asker sharing it has aborted (one domain's time limit never cancels a
 *   question another domain of the batch still waits for). A cancelled answer is not kept.
 * - An inner resolver that throws (it must not) gives a SERVFAIL, treated like any transient failure.
 */
function cachedResolver(inner) {
    const cache = new Map();
    const inFlight = new Map();
    const settled = new Map();
    const stats = { queries: 0, cacheHits: 0, failures: {} };
    /** Waits for `flight` on behalf of one asker, who stops waiting (and stops counting) when `signal` aborts. */
    const join = (key, name, type, flight, signal) => {
        if (!signal) {
            flight.waiting++;
            return flight.promise;
        }
        if (signal.aborted)
            return Promise.resolve(cancelled(name, type, signal));
        flight.waiting++;
        return new Promise((resolve) => {
            const onAbort = () => {
                flight.waiting--;
                if (flight.waiting === 0) {
                    // nobody waits any more: cancel it, and let a later asker send the question afresh
                    if (inFlight.get(key) === flight)
                        inFlight.delete(key);
                    flight.controller.abort(signal.reason);
                }
                resolve(cancelled(name, type, signal));
            };
            signal.addEventListener('abort', onAbort, { once: true });
            flight.promise.then((r) => {
                signal.removeEventListener('abort', onAbort);
                resolve(r);
            });
        });
    };
    return {
        peek(name, type) {
            const hit = settled.get(`${resolver_normalizeName(name) ?? name}\u0000${type}`);
            if (hit)
                stats.cacheHits++;
            return hit;
        },
        query(name, type, options = {}) {
            const key = `${resolver_normalizeName(name) ?? name}\u0000${type}`;
            const flying = inFlight.get(key);
            if (flying) {
                stats.cacheHits++;
                return join(key, name, type, flying, options.signal);
            }
            const hit = cache.get(key);
            if (hit) {
                stats.cacheHits++;
                return hit;
            }
            if (options.signal?.aborted)
                return Promise.resolve(cancelled(name, type, options.signal));
            stats.queries++;
            const controller = new AbortController();
            const flight = { promise: Promise.resolve(), waiting: 0, controller };
            // A resolver must not throw; if one does, the question fails as SERVFAIL rather than crashing a batch.
            flight.promise = resolver_queryOrServfail(inner, name, type, { signal: controller.signal }).then((r) => {
                if (inFlight.get(key) === flight)
                    inFlight.delete(key);
                if (controller.signal.aborted)
                    return r; // cancelled: neither counted as the server's answer nor kept
                if (!r.ok)
                    stats.failures[r.kind] = (stats.failures[r.kind] ?? 0) + 1;
                // Transient failures are shared with the askers already waiting, never memoised.
                if (!resolver_isTransientFailure(r)) {
                    cache.set(key, Promise.resolve(r));
                    settled.set(key, r);
                }
                return r;
            });
            inFlight.set(key, flight);
            return join(key, name, type, flight, options.signal);
        },
        stats: () => ({ ...stats, failures: { ...stats.failures } }),
        clear: () => {
            cache.clear();
            inFlight.clear();
            settled.clear();
        },
        ...(inner.offline ? { offline: true } : {}),
    };
}

;// CONCATENATED MODULE: ./lib/findings/tagged-txt.js
/**
 * The findings every "one versioned TXT record at a fixed name" protocol raises the same way (MTA-STS
 * `_mta-sts`, TLS-RPT `_smtp._tls`): DNS trouble, no record, several records. Each protocol passes its own
 * finding factories and words; what is left for it is the one record.
 *
 * @module
 */

/**
 * Turns a {@link TaggedTxt} lookup into either the one record, or the finding that explains why there is none
 * to use and the section's {@link RecordStatus} that goes with it (`dns-error`, `none` or `multiple`).
 */
function oneTaggedRecord(domain, txt, words) {
    const o = { domain };
    const { name } = txt;
    if (txt.status === 'dns-error') {
        const finding = words.findings.dnsError(`TXT ${name} failed (${txt.kind})`, { name, details: { kind: txt.kind, type: 'TXT' } }, o);
        return { status: 'dns-error', finding };
    }
    if (txt.status === 'none') {
        const what = txt.kind ? words.label : `"${words.version}" record`;
        return {
            status: 'none',
            finding: words.findings.noRecord(`${domain} publishes no ${what} at ${name}`, { name }, o),
        };
    }
    if (txt.records.length > 1) {
        const finding = words.findings.multipleRecords(`${name} has ${txt.records.length} "${words.version}" records: ${words.severalMean}`, { name, details: { records: txt.records.map((c) => c.text) } }, o);
        return { status: 'multiple', finding };
    }
    return { record: txt.records[0] };
}
/**
 * Reads the one record of a section at `name` ({@link queryTaggedTxt}, then {@link oneTaggedRecord}): returns it,
 * or, when there is none to use, adds the finding that says why to `section.findings`, sets `section.status`
 * (`dns-error`, `none` or `multiple`) and returns null.
 */
async function readTaggedRecord(resolver, name, isRecord, section, words) {
    const one = oneTaggedRecord(section.domain, await queryTaggedTxt(resolver, name, isRecord), words);
    if ('record' in one)
        return one.record;
    section.findings.push(one.finding);
    section.status = one.status;
    return null;
}

;// CONCATENATED MODULE: ./lib/mtasts/findings.js
/**
 * The MTA-STS findings catalog (RFC 8461): the `_mta-sts` TXT record, the policy fetched over HTTPS, and
 * whether the policy covers every MX host.
 *
 * @module
 */

/** Every MTA-STS finding, one factory per key; `MTASTS_FINDINGS.definitions` feeds the catalog. */
const MTASTS_FINDINGS = defineFindings({
    dnsError: {
        id: 'mtasts.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS failure while checking MTA-STS',
        rfc: 'RFC 8461 §3.1',
        remediation: 'Check that the domain’s name servers answer for _mta-sts.<domain> and mta-sts.<domain>; retry later.',
    },
    noRecord: {
        id: 'mtasts.no-record',
        severity: 'info',
        title: 'No MTA-STS policy',
        rfc: 'RFC 8461 §3.1',
        remediation: 'Publish "_mta-sts TXT "v=STSv1; id=<id>"" and a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt so senders require TLS to your MX hosts.',
    },
    multipleRecords: {
        id: 'mtasts.multiple-records',
        severity: 'error',
        title: 'Several MTA-STS TXT records',
        rfc: 'RFC 8461 §3.1',
        remediation: 'Publish exactly one "v=STSv1" TXT record at _mta-sts.<domain>; with several, senders ignore MTA-STS.',
    },
    invalidRecord: {
        id: 'mtasts.invalid-record',
        severity: 'error',
        title: 'Malformed MTA-STS TXT record',
        rfc: 'RFC 8461 §3.1',
        remediation: 'Write the record as "v=STSv1; id=<1 to 32 letters and digits>;" and change the id whenever the policy changes.',
    },
    policyHostMissing: {
        id: 'mtasts.policy-host-missing',
        severity: 'error',
        title: 'MTA-STS policy host does not resolve',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Publish A/AAAA records for mta-sts.<domain> pointing at the web server that serves the policy.',
    },
    policyCertificate: {
        id: 'mtasts.policy-certificate',
        severity: 'error',
        title: 'MTA-STS policy host certificate is not valid',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Serve mta-sts.<domain> with a certificate from a public CA whose subjectAltName covers mta-sts.<domain>, with the full chain.',
    },
    policyRedirect: {
        id: 'mtasts.policy-redirect',
        severity: 'error',
        title: 'MTA-STS policy URL redirects',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Serve the policy directly at https://mta-sts.<domain>/.well-known/mta-sts.txt: senders do not follow redirects.',
    },
    policyHttpStatus: {
        id: 'mtasts.policy-http-status',
        severity: 'error',
        title: 'MTA-STS policy not served with HTTP 200',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Serve the policy file with status 200 at /.well-known/mta-sts.txt.',
    },
    policyTooLarge: {
        id: 'mtasts.policy-too-large',
        severity: 'error',
        title: 'MTA-STS policy too large',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Keep the policy file small (senders may refuse policies over 64 KB).',
    },
    policyTimeout: {
        id: 'mtasts.policy-timeout',
        severity: 'error',
        title: 'MTA-STS policy fetch timed out',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Make the policy host answer promptly; senders give up after a short time.',
    },
    policyUnreachable: {
        id: 'mtasts.policy-unreachable',
        severity: 'error',
        title: 'MTA-STS policy host unreachable',
        rfc: 'RFC 8461 §3.3',
        remediation: 'Make the policy host accept HTTPS connections on port 443.',
    },
    policyContentType: {
        id: 'mtasts.policy-content-type',
        severity: 'error',
        title: 'MTA-STS policy not served as text/plain',
        rfc: 'RFC 8461 §3.2',
        remediation: 'Serve the policy file with "Content-Type: text/plain".',
    },
    policyInvalid: {
        id: 'mtasts.policy-invalid',
        severity: 'error',
        title: 'Invalid MTA-STS policy',
        rfc: 'RFC 8461 §3.2',
        remediation: 'Write the policy as lines "version: STSv1", "mode: enforce|testing|none", "max_age: <seconds>" and one "mx: <host or *.domain>" per MX host.',
    },
    policySyntax: {
        id: 'mtasts.policy-syntax',
        severity: 'warning',
        title: 'MTA-STS policy deviates from the RFC syntax',
        rfc: 'RFC 8461 §3.2',
        remediation: 'Use the exact field names and values of RFC 8461 §3.2 (lower-case, no stray characters); lenient senders accept it, strict ones do not.',
    },
    maxAgeShort: {
        id: 'mtasts.max-age-short',
        severity: 'warning',
        title: 'MTA-STS max_age is short',
        rfc: 'RFC 8461 §3.2',
        remediation: 'Use a max_age of weeks (e.g. 604800 or more) once the policy is stable, so senders cache it.',
    },
    modeTesting: {
        id: 'mtasts.mode-testing',
        severity: 'info',
        title: 'MTA-STS in testing mode',
        rfc: 'RFC 8461 §5',
        remediation: 'Once TLS-RPT reports show no failures, switch the policy to "mode: enforce".',
    },
    modeNone: {
        id: 'mtasts.mode-none',
        severity: 'warning',
        title: 'MTA-STS policy mode is none',
        rfc: 'RFC 8461 §5',
        remediation: 'Mode none disables MTA-STS; use testing or enforce, or remove the TXT record once senders’ caches expire.',
    },
    mxNotCovered: {
        id: 'mtasts.mx-not-covered',
        severity: 'error',
        title: 'MX host not covered by the MTA-STS policy',
        rfc: 'RFC 8461 §4.1',
        remediation: 'Add an "mx:" line matching the host (exact name, or "*." plus its parent domain) to the policy and change the id.',
    },
});

// EXTERNAL MODULE: ./node_modules/mailauth/lib/mta-sts.js
var mta_sts = __webpack_require__(49056);
;// CONCATENATED MODULE: ./lib/mtasts/policy.js
/**
 * MTA-STS policy files (RFC 8461 §3.2): parsing with one diagnostic per problem, and MX matching.
 *
 * The verdict (valid or not) follows mailauth's `parsePolicy` (`mailauth/lib/mta-sts.js`): strict mode gives the
 * RFC syntax; when only the lenient mode accepts the file, the policy is usable by lenient senders but is
 * flagged. MX matching (§4.1, a wildcard matches exactly one left-most label) is mailauth's `validateMx`.
 *
 * @module
 */

/** The `max_age` upper bound, in seconds (RFC 8461 §3.2: "up to 31557600"). */
const MAX_AGE_LIMIT = 31_557_600;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const MAX_AGE = /^[0-9]{1,10}$/;
const MX_PATTERN = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
/**
 * Parses an MTA-STS policy file (RFC 8461 §3.2): `key: value` lines separated by CRLF or LF; `mx` repeats,
 * other keys count once (the first). Never throws.
 *
 * Errors (policy unusable): version not `STSv1`, mode not `enforce|testing|none`, `max_age` missing or not
 * 0..{@link MAX_AGE_LIMIT}, no `mx` in mode enforce/testing. Syntax warnings (lenient senders, and mailauth's
 * lenient mode, accept them): field-name or mode case, a malformed `mx` pattern, a repeated field, a line
 * without ":".
 */
function parseStsPolicy(text) {
    const policy = {
        version: null,
        mode: null,
        maxAge: null,
        mx: [],
        errors: [],
        syntaxWarnings: [],
    };
    const seen = new Set();
    let modeRaw = null;
    let maxAgeRaw = null;
    for (const line of text.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) {
            if (line.trim() !== '')
                policy.syntaxWarnings.push(`line "${line.trim()}" is not "key: value" (ignored)`);
            continue;
        }
        const rawKey = line.slice(0, colon);
        const key = rawKey.trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (['version', 'mode', 'max_age', 'mx'].includes(key) && rawKey !== key)
            policy.syntaxWarnings.push(`field name "${rawKey}" should be "${key}"`);
        else if (!EXT_NAME.test(rawKey))
            policy.syntaxWarnings.push(`field name "${rawKey}" is not valid (ignored)`);
        if (key === 'mx') {
            const mx = value.toLowerCase().replace(/\.$/, '');
            if (!MX_PATTERN.test(value))
                policy.syntaxWarnings.push(`mx pattern "${value}" is not a host name or "*." plus a domain`);
            if (!policy.mx.includes(mx))
                policy.mx.push(mx);
            continue;
        }
        if (seen.has(key)) {
            policy.syntaxWarnings.push(`field "${key}" appears more than once (the first one counts)`);
            continue;
        }
        seen.add(key);
        if (key === 'version')
            policy.version = value;
        else if (key === 'mode')
            modeRaw = value;
        else if (key === 'max_age')
            maxAgeRaw = value;
    }
    if (policy.version !== 'STSv1')
        policy.errors.push(policy.version === null
            ? 'the policy has no version field'
            : `version "${policy.version}" is not STSv1`);
    if (modeRaw === null)
        policy.errors.push('the policy has no mode field');
    else {
        const m = modeRaw.toLowerCase();
        if (m === 'enforce' || m === 'testing' || m === 'none') {
            policy.mode = m;
            if (m !== modeRaw)
                policy.syntaxWarnings.push(`mode "${modeRaw}" should be "${m}"`);
        }
        else
            policy.errors.push(`mode "${modeRaw}" is not enforce, testing or none`);
    }
    if (maxAgeRaw === null)
        policy.errors.push('the policy has no max_age field');
    else if (MAX_AGE.test(maxAgeRaw)) {
        policy.maxAge = Number(maxAgeRaw);
        if (policy.maxAge > MAX_AGE_LIMIT)
            policy.errors.push(`max_age ${maxAgeRaw} is over ${MAX_AGE_LIMIT} seconds (one year)`);
    }
    else
        policy.errors.push(`max_age "${maxAgeRaw}" is not a number of seconds (1 to 10 digits)`);
    if ((policy.mode === 'enforce' || policy.mode === 'testing') && policy.mx.length === 0)
        policy.errors.push(`mode ${policy.mode} needs at least one mx field`);
    return policy;
}
/**
 * Whether mailauth's parser accepts the file, strictly (RFC syntax) and leniently. Used to cross-check
 * {@link parseStsPolicy}; exposed for tests.
 */
function mailauthVerdict(text) {
    const ok = (strict) => {
        try {
            mailauthParsePolicy(text, { strict });
            return true;
        }
        catch {
            return false;
        }
    };
    return { strict: ok(true), lax: ok(false) };
}
/**
 * True when `host` matches one of the policy's `mx` patterns (RFC 8461 §4.1): exactly, or `*.suffix` matching
 * one whole left-most label. Uses mailauth's `validateMx`; the mode is taken as `enforce` for the test.
 */
function mxCovered(host, patterns) {
    const result = (0,mta_sts.validateMx)(host, { mode: 'enforce', mx: [...patterns] });
    if (!result.valid)
        return { covered: false };
    const pattern = patterns.find((p) => p === result.match || p === `*${result.match}`);
    return pattern ? { covered: true, pattern } : { covered: true };
}

;// CONCATENATED MODULE: ./lib/mtasts/record.js
/**
 * MTA-STS TXT record syntax (RFC 8461 §3.1):
 *
 * ```
 * sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
 * sts-version     = %s"v=STSv1"
 * sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 * sts-ext-name    = (ALPHA / DIGIT) 0*31(ALPHA / DIGIT / "_" / "-" / ".")
 * sts-ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)
 * ```
 *
 * @module
 */
/** True when a TXT record is an MTA-STS record candidate: it begins with `v=STSv1` (RFC 8461 §3.1). */
function isStsRecord(text) {
    return /^v=STSv1[ \t]*(;|$)/.test(text);
}
const ID = /^[A-Za-z0-9]{1,32}$/;
const record_EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
/**
 * `text` without trailing spaces and tabs (RFC 8461 `*WSP`), and without leading ones unless `leading` is
 * false. A scan from each end: linear (`/[ \t]+$/` is quadratic on a long run of blanks not at the end).
 */
function record_trimWsp(text, leading = true) {
    let start = 0;
    let end = text.length;
    while (leading && start < end && (text[start] === ' ' || text[start] === '\t'))
        start++;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t'))
        end--;
    return text.slice(start, end);
}
/**
 * Parses an MTA-STS TXT record (character-strings already joined) per RFC 8461 §3.1. Never throws: problems
 * are listed in `errors`. When `id` appears twice the first one counts (as in mailauth and common senders).
 */
function parseStsRecord(text) {
    const errors = [];
    const extensions = [];
    let id = null;
    const parts = text.split(';');
    const version = record_trimWsp(parts[0] ?? '', false);
    if (version !== 'v=STSv1')
        errors.push(`the record must start with "v=STSv1" (found "${version}")`);
    let sawId = false;
    for (let i = 1; i < parts.length; i++) {
        const raw = parts[i];
        const field = record_trimWsp(raw);
        if (field === '') {
            if (i !== parts.length - 1)
                errors.push('empty field between two ";"');
            continue;
        }
        const eq = field.indexOf('=');
        if (eq < 1) {
            errors.push(`field "${field}" is not name=value`);
            continue;
        }
        const name = field.slice(0, eq);
        const value = field.slice(eq + 1);
        if (name === 'id') {
            if (sawId) {
                errors.push('id appears more than once (the first one counts)');
                continue;
            }
            sawId = true;
            if (ID.test(value))
                id = value;
            else
                errors.push(`id "${value}" must be 1 to 32 letters and digits`);
        }
        else if (!record_EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
            errors.push(`field "${field}" is not a valid extension (name=value of printable characters)`);
        }
        else {
            extensions.push({ name, value });
        }
    }
    if (!sawId)
        errors.push('the record has no id field');
    return { id, extensions, errors };
}

;// CONCATENATED MODULE: ./lib/mtasts/audit.js
/**
 * `auditMtaSts`: a domain's MTA-STS deployment (RFC 8461): the `_mta-sts` TXT record (§3.1), the policy
 * fetched from `https://mta-sts.<domain>/.well-known/mta-sts.txt` (§3.3), its fields (§3.2), and whether every
 * MX host is covered by an `mx` pattern (§4.1).
 *
 * @module
 */






/** `max_age` values below this many seconds (one day) get `mtasts.max-age-short`. */
const SHORT_MAX_AGE = 86_400;
/** At most this much of the policy text is kept in the report, in characters. */
const POLICY_TEXT_LIMIT = 4096;
function fetchFinding(domain, failure) {
    const evidence = {
        name: `mta-sts.${domain}`,
        details: {
            url: failure.url,
            kind: failure.kind,
            ...(failure.code ? { code: failure.code } : {}),
            ...(failure.status ? { status: failure.status } : {}),
            ...(failure.location ? { location: failure.location } : {}),
        },
    };
    const o = { domain };
    switch (failure.kind) {
        case 'no-address':
            return MTASTS_FINDINGS.policyHostMissing(`policy host mta-sts.${domain} has no A/AAAA record (${failure.dnsKind})`, evidence, o);
        case 'dns':
            return MTASTS_FINDINGS.dnsError(`resolving policy host mta-sts.${domain} failed (${failure.dnsKind})`, {
                ...evidence,
                details: { ...evidence.details, kind: failure.dnsKind },
            }, o);
        case 'tls':
            return MTASTS_FINDINGS.policyCertificate(`the certificate of mta-sts.${domain} is not valid: ${failure.message}`, evidence, o);
        case 'redirect':
            return MTASTS_FINDINGS.policyRedirect(failure.message, evidence, o);
        case 'http-status':
            return MTASTS_FINDINGS.policyHttpStatus(failure.message, evidence, o);
        case 'too-large':
            return MTASTS_FINDINGS.policyTooLarge(failure.message, evidence, o);
        case 'timeout':
            return MTASTS_FINDINGS.policyTimeout(failure.message, evidence, o);
        default:
            return MTASTS_FINDINGS.policyUnreachable(failure.message, evidence, o);
    }
}
async function mxHostsOf(domain, resolver) {
    const mx = await resolver.query(domain, 'MX');
    if (mx.ok)
        return [...new Set(mx.records.map((r) => r.exchange.toLowerCase()).filter((e) => e !== ''))].sort();
    if (resolver_isTransientFailure(mx))
        return MTASTS_FINDINGS.dnsError(`MX ${domain} failed (${mx.kind}): MX coverage by the policy is undecided`, {
            name: domain,
            details: { kind: mx.kind, type: 'MX' },
        }, { domain });
    return [];
}
/**
 * Audits `domain`'s MTA-STS deployment.
 *
 * Findings: `mtasts.no-record`, `mtasts.multiple-records`, `mtasts.invalid-record`, `mtasts.policy-host-missing`,
 * `mtasts.policy-certificate`, `mtasts.policy-redirect`, `mtasts.policy-http-status`, `mtasts.policy-too-large`,
 * `mtasts.policy-timeout`, `mtasts.policy-unreachable`, `mtasts.policy-content-type`, `mtasts.policy-invalid`,
 * `mtasts.policy-syntax`, `mtasts.max-age-short`, `mtasts.mode-testing`, `mtasts.mode-none`,
 * `mtasts.mx-not-covered`, and `mtasts.dns-error`.
 *
 * @param domain - a normalised domain name.
 * @returns the {@link MtaStsAudit}; never throws.
 */
async function auditMtaSts(domain, options) {
    const { resolver } = options;
    const findings = [];
    const o = { domain };
    const name = `_mta-sts.${domain}`;
    const out = {
        domain,
        status: 'none',
        record: null,
        policy: null,
        mode: null,
        maxAge: null,
        mx: [],
        findings,
    };
    const cand = await readTaggedRecord(resolver, name, isStsRecord, out, {
        label: 'MTA-STS record',
        version: 'v=STSv1',
        severalMean: 'senders apply no MTA-STS policy',
        findings: MTASTS_FINDINGS,
    });
    if (!cand)
        return out;
    const parsed = parseStsRecord(cand.text);
    out.record = { name, text: cand.text, id: parsed.id, ...(cand.source ? { source: cand.source } : {}) };
    const recordEvidence = { name, record: cand.text, ...(cand.source ? { source: cand.source } : {}) };
    for (const e of parsed.errors)
        findings.push(MTASTS_FINDINGS.invalidRecord(`${name}: ${e}`, recordEvidence, o));
    if (parsed.id === null) {
        out.status = 'invalid';
        return out;
    }
    const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
    if (options.fetchPolicy === false) {
        out.policy = { url, fetched: false };
        out.status = 'found';
        out.statusDetail = 'policy-not-fetched';
        return out;
    }
    const fetch = options.fetch ?? fetchHttps;
    const res = await fetch(url, {
        resolver,
        timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
        maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        accept: 'text/plain',
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!res.ok) {
        out.policy = {
            url,
            fetched: false,
            error: {
                kind: res.kind,
                message: res.message,
                ...(res.code ? { code: res.code } : {}),
                ...(res.status ? { status: res.status } : {}),
            },
        };
        findings.push(fetchFinding(domain, res));
        out.status = res.kind === 'dns' ? 'dns-error' : 'invalid';
        return out;
    }
    const text = res.body.toString('utf8');
    const policy = parseStsPolicy(text);
    out.policy = {
        url,
        fetched: true,
        contentType: res.contentType,
        text: text.length > POLICY_TEXT_LIMIT ? text.slice(0, POLICY_TEXT_LIMIT) : text,
        parsed: policy,
    };
    const policyEvidence = {
        name: `mta-sts.${domain}`,
        record: text.slice(0, POLICY_TEXT_LIMIT),
        details: { url },
    };
    let usable = true;
    if (!hasMediaType(res.contentType, 'text/plain')) {
        findings.push(MTASTS_FINDINGS.policyContentType(`${url} was served as ${JSON.stringify(res.contentType ?? '(none)')}, not text/plain`, {
            ...policyEvidence,
            details: { url, contentType: res.contentType },
        }, o));
    }
    for (const e of policy.errors) {
        findings.push(MTASTS_FINDINGS.policyInvalid(`${url}: ${e}`, policyEvidence, o));
        usable = false;
    }
    if (policy.syntaxWarnings.length > 0)
        findings.push(MTASTS_FINDINGS.policySyntax(`${url}: ${policy.syntaxWarnings.join('; ')}`, {
            ...policyEvidence,
            details: { url, problems: policy.syntaxWarnings },
        }, o));
    if (!usable) {
        out.status = 'invalid';
        return out;
    }
    out.mode = policy.mode;
    out.maxAge = policy.maxAge;
    out.status = 'found';
    if (policy.maxAge !== null && policy.maxAge < SHORT_MAX_AGE)
        findings.push(MTASTS_FINDINGS.maxAgeShort(`${url}: max_age ${policy.maxAge} s is under one day`, {
            ...policyEvidence,
            term: `max_age: ${policy.maxAge}`,
        }, o));
    if (policy.mode === 'testing')
        findings.push(MTASTS_FINDINGS.modeTesting(`${domain}'s MTA-STS policy is in testing mode: senders report but still deliver`, policyEvidence, o));
    if (policy.mode === 'none')
        findings.push(MTASTS_FINDINGS.modeNone(`${domain}'s MTA-STS policy has mode none: senders apply no policy`, policyEvidence, o));
    if (policy.mode === 'enforce' || policy.mode === 'testing') {
        const hosts = options.mxHosts
            ? [
                ...new Set(options.mxHosts.map((h) => h.toLowerCase().replace(/\.$/, '')).filter((h) => h !== '')),
            ].sort()
            : await mxHostsOf(domain, resolver);
        if (!Array.isArray(hosts))
            findings.push(hosts);
        else
            for (const host of hosts) {
                const c = mxCovered(host, policy.mx);
                out.mx.push({ host, covered: c.covered, ...(c.pattern ? { pattern: c.pattern } : {}) });
                if (!c.covered)
                    findings.push(MTASTS_FINDINGS.mxNotCovered(`MX ${host} is not covered by ${domain}'s MTA-STS policy (mx: ${policy.mx.join(', ')}): senders ${policy.mode === 'enforce' ? 'will not deliver to it' : 'report failures for it'}`, { ...policyEvidence, term: host, details: { url, host, patterns: policy.mx } }, o));
            }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/mtasts/index.js
/**
 * MTA-STS (RFC 8461): the entry module other folders import from: the audit of a domain's deployment, the
 * `_mta-sts` record and policy file parsers, and the findings.
 *
 * @module
 */


;// CONCATENATED MODULE: ./lib/mx/findings.js
/**
 * The MX findings catalog: the mail exchangers a domain publishes (RFC 5321 §5.1, RFC 7505 null MX) and the
 * reverse DNS of their addresses (PTR and forward-confirmed reverse DNS).
 *
 * @module
 */

/** Every MX finding, one factory per key; `MX_FINDINGS.definitions` feeds the catalog. */
const MX_FINDINGS = defineFindings({
    dnsError: {
        id: 'mx.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS failure while checking MX records',
        rfc: 'RFC 5321 §5.1',
        remediation: 'Check that the domain’s name servers answer MX, A/AAAA and PTR queries; retry later.',
    },
    domainNotFound: {
        id: 'mx.domain-not-found',
        severity: 'error',
        title: 'Domain does not exist',
        rfc: 'RFC 5321 §5.1',
        remediation: 'Check the domain name, or register and delegate it before sending mail from it.',
    },
    noMx: {
        id: 'mx.no-mx',
        severity: 'warning',
        title: 'No MX record',
        rfc: 'RFC 5321 §5.1',
        remediation: 'Publish MX records for the hosts that receive mail (replies and bounces), or a null MX ("MX 0 .") if the domain receives none.',
    },
    nullMx: {
        id: 'mx.null-mx',
        severity: 'info',
        title: 'Null MX: the domain accepts no mail',
        rfc: 'RFC 7505 §3',
    },
    nullMxMixed: {
        id: 'mx.null-mx-mixed',
        severity: 'error',
        title: 'Null MX published together with other MX records',
        rfc: 'RFC 7505 §3',
        remediation: 'A null MX must be the only MX record: remove either the null MX or the other MX records.',
    },
    nullMxPreference: {
        id: 'mx.null-mx-preference',
        severity: 'warning',
        title: 'Null MX with a preference other than 0',
        rfc: 'RFC 7505 §3',
        remediation: 'Publish the null MX as "MX 0 ." (preference 0).',
    },
    nullMxSpfAuthorizes: {
        id: 'mx.null-mx-spf-authorizes',
        severity: 'warning',
        title: 'Null MX domain publishes SPF that authorizes hosts',
        rfc: 'RFC 7505 §4.2',
        remediation: 'A domain that accepts no mail should send none: publish "v=spf1 -all", or remove the null MX if the domain sends mail (receivers may reject mail whose bounces cannot be delivered).',
    },
    noAddress: {
        id: 'mx.no-address',
        severity: 'error',
        title: 'MX target has no A or AAAA record',
        rfc: 'RFC 5321 §5.1',
        remediation: 'Give the mail exchanger an A and/or AAAA record, or point the MX record at a host that has one.',
    },
    cname: {
        id: 'mx.cname',
        severity: 'warning',
        title: 'MX target is an alias (CNAME)',
        rfc: 'RFC 2181 §10.3',
        remediation: 'Point the MX record at the canonical host name (the CNAME’s target), not at an alias.',
    },
    ipLiteral: {
        id: 'mx.ip-literal',
        severity: 'error',
        title: 'MX target is an IP address',
        rfc: 'RFC 1035 §3.3.9',
        remediation: 'An MX record names a host, not an address: publish an A/AAAA record for a host name and point the MX at it.',
    },
    nonPublicAddress: {
        id: 'mx.non-public-address',
        severity: 'warning',
        title: 'MX host resolves to a non-public address',
        rfc: 'RFC 6890',
        remediation: 'Publish the mail exchanger’s public addresses; private, loopback and link-local addresses are unreachable from the Internet.',
    },
    noPtr: {
        id: 'mx.no-ptr',
        severity: 'warning',
        title: 'MX host address has no PTR record',
        rfc: 'RFC 1912 §2.1',
        remediation: 'Ask the address block’s owner (the hosting or network provider) to publish a PTR record naming the host; bulk-sender rules expect reverse DNS on mail servers.',
    },
    notCheckedOffline: {
        id: 'mx.not-checked-offline',
        severity: 'info',
        title: 'Not checked (offline): names outside the zone files',
        rfc: 'RFC 5321 §5.1',
        remediation: 'Nothing to fix: offline, only the zone files answer. Load the zones of these names too, or run without --offline to check them.',
    },
    fcrdnsMismatch: {
        id: 'mx.fcrdns-mismatch',
        severity: 'warning',
        title: 'Reverse DNS is not forward-confirmed',
        rfc: 'RFC 8601 §3',
        remediation: 'Make the PTR name resolve (A/AAAA) back to the same address (forward-confirmed reverse DNS, "iprev").',
    },
});

// EXTERNAL MODULE: ./node_modules/ipaddr.js/lib/ipaddr.js
var ipaddr = __webpack_require__(48280);
;// CONCATENATED MODULE: ./lib/mx/reverse.js
/**
 * Reverse DNS of an address: the PTR names (RFC 1035 §3.5, RFC 3596 §2.5) and forward-confirmed reverse DNS
 * (FCrDNS, the "iprev" check of RFC 8601 §3): a PTR name whose A/AAAA records include the address.
 *
 * @module
 */


/**
 * The reverse-lookup name of an IPv4 or IPv6 address: `4.3.2.1.in-addr.arpa` for `1.2.3.4`, 32 nibbles under
 * `ip6.arpa` for IPv6.
 * @returns the name, or null when `address` is not an IP address.
 */
function reverseName(address) {
    if (!ipaddr.isValid(address))
        return null;
    const ip = ipaddr.parse(address);
    const bytes = ip.toByteArray();
    if (ip.kind() === 'ipv4')
        return `${[...bytes].reverse().join('.')}.in-addr.arpa`;
    const nibbles = [];
    for (const b of bytes)
        nibbles.push((b >> 4).toString(16), (b & 0xf).toString(16));
    return `${nibbles.reverse().join('.')}.ip6.arpa`;
}
/** True when two address texts denote the same address (`2001:db8::1` equals `2001:0db8:0:0::1`). */
function sameAddress(a, b) {
    if (!ipaddr.isValid(a) || !ipaddr.isValid(b))
        return false;
    const x = ipaddr.parse(a);
    const y = ipaddr.parse(b);
    return x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString();
}
/**
 * The special-purpose range of an address that makes it unusable on the Internet (RFC 6890), or null for a
 * global unicast address. Documentation ranges (192.0.2.0/24, 2001:db8::/32) count as global here so that
 * examples and tests look like real hosts.
 */
function nonPublicRange(address) {
    if (!ipaddr.isValid(address))
        return null;
    const ip = ipaddr.parse(address);
    const range = ip.range();
    const bad = [
        'unspecified',
        'loopback',
        'private',
        'linkLocal',
        'uniqueLocal',
        'multicast',
        'broadcast',
        'carrierGradeNat',
    ];
    return bad.includes(range) ? range : null;
}
/**
 * The most PTR names checked by {@link reverseDns}: 10, the limit RFC 7208 §4.6.4 sets for the `ptr` mechanism
 * ("if more than 10 PTR records are returned ... all records other than the first 10 MUST be ignored"). A PTR
 * answer with hundreds of names would otherwise cost hundreds of forward lookups.
 */
const MAX_PTR_NAMES = 10;
/**
 * Looks up the PTR records of `address` and checks each PTR name's A (IPv4) or AAAA (IPv6) records for the
 * address, stopping at the first confirmation. Only the first {@link MAX_PTR_NAMES} distinct names are checked
 * (at most 1 PTR + 10 A/AAAA queries per address); the others are counted in `ptrIgnored`. Never throws.
 */
async function reverseDns(address, resolver) {
    const name = reverseName(address);
    if (name === null)
        return { ptr: [], fcrdns: null };
    const ptr = await resolver.query(name, 'PTR');
    if (!ptr.ok) {
        if (isNotCheckedOffline(ptr))
            return { ptr: [], fcrdns: null, notCheckedOffline: [name] };
        if (resolver_isAbsent(ptr.kind))
            return { ptr: [], fcrdns: null };
        return { ptr: [], fcrdns: null, dnsError: { name, type: 'PTR', kind: ptr.kind } };
    }
    const all = [...new Set(ptr.records.map((r) => r.toLowerCase()))];
    const names = all.slice(0, MAX_PTR_NAMES);
    const base = all.length > names.length ? { ptr: names, ptrIgnored: all.length - names.length } : { ptr: names };
    const type = ipaddr.parse(address).kind() === 'ipv4' ? 'A' : 'AAAA';
    let dnsError;
    const offline = [];
    for (const host of names) {
        const fwd = await resolver.query(host, type);
        if (fwd.ok) {
            if (fwd.records.some((r) => sameAddress(r, address)))
                return { ...base, fcrdns: true, confirmedBy: host };
        }
        else if (isNotCheckedOffline(fwd)) {
            offline.push(host);
        }
        else if (resolver_isTransientFailure(fwd)) {
            dnsError ??= { name: host, type, kind: fwd.kind };
        }
    }
    if (dnsError)
        return { ...base, fcrdns: null, dnsError };
    return offline.length > 0
        ? { ...base, fcrdns: null, notCheckedOffline: offline }
        : { ...base, fcrdns: false };
}

;// CONCATENATED MODULE: ./lib/mx/audit.js
/**
 * `auditMx`: the mail exchangers a domain publishes (RFC 5321 §5.1), null MX (RFC 7505), the hosts' addresses,
 * and for each address its PTR records and forward-confirmed reverse DNS, which bulk-sender rules expect.
 *
 * @module
 */




/** True when a failure means "could not find out" (as opposed to "there is nothing"). */
const audit_transient = (r) => resolver_isTransientFailure(r);
function dnsErrorFinding(domain, r, what) {
    return MX_FINDINGS.dnsError(`${what}: ${r.type} ${r.name} failed (${r.kind})`, {
        name: r.name,
        details: { kind: r.kind, type: r.type, ...(r.message ? { message: r.message } : {}) },
    }, { domain });
}
function isIpLiteral(exchange) {
    const bare = exchange.replace(/^\[|\]$/g, '');
    return (0,external_node_net_.isIP)(bare) !== 0 || /^\d+\.\d+\.\d+\.\d+$/.test(bare);
}
/**
 * Audits the MX records of `domain`.
 *
 * Findings: `mx.domain-not-found`, `mx.no-mx`, `mx.null-mx`, `mx.null-mx-mixed`, `mx.null-mx-preference`,
 * `mx.ip-literal`, `mx.cname`, `mx.no-address`, `mx.non-public-address`, `mx.no-ptr`, `mx.fcrdns-mismatch`,
 * and `mx.dns-error` when a TIMEOUT/SERVFAIL/REFUSED leaves a check undecided. (`mx.null-mx-spf-authorizes`
 * needs the SPF analysis and is added by the domain audit.)
 *
 * Offline (a resolver over zone files only), a third-party name outside the zones (an MX host at a provider,
 * the `in-addr.arpa` name of its address) was never asked: such names are "not checked (offline)" in the data
 * ({@link MxHost.notChecked}, {@link MxAddress.reverseDnsNotChecked}) and listed in one
 * `mx.not-checked-offline` info, never `mx.no-address`, `mx.no-ptr` or `mx.fcrdns-mismatch`.
 *
 * @param domain - a normalised domain name (lower-case A-labels).
 * @returns the {@link MxAudit}; never throws for DNS reasons.
 */
async function auditMx(domain, options) {
    const { resolver } = options;
    const checkReverse = options.reverseDns ?? true;
    const maxHosts = options.maxHosts ?? 16;
    const findings = [];
    const base = { domain, nullMx: false, hosts: [], reverseDnsChecked: checkReverse, findings };
    const answer = await resolver.query(domain, 'MX');
    if (!answer.ok) {
        if (answer.kind === 'NXDOMAIN' || answer.kind === 'BADNAME') {
            findings.push(MX_FINDINGS.domainNotFound(`${domain} does not exist (${answer.kind})`, { name: domain }, { domain }));
            return { ...base, status: 'none', statusDetail: 'nxdomain' };
        }
        if (answer.kind === 'NODATA') {
            findings.push(MX_FINDINGS.noMx(`${domain} publishes no MX record; senders fall back to its A/AAAA records (implicit MX)`, {
                name: domain,
            }, { domain }));
            return { ...base, status: 'none' };
        }
        findings.push(dnsErrorFinding(domain, answer, `MX records of ${domain}`));
        return { ...base, status: 'dns-error' };
    }
    const records = answer.records
        .map((r, i) => ({ ...r, exchange: r.exchange.toLowerCase(), source: answer.source?.[i] }))
        .sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
    const evidence = (r) => ({
        name: domain,
        record: `${r.priority} ${r.exchange === '' ? '.' : r.exchange}`,
        ...(r.source ? { source: r.source } : {}),
    });
    const nulls = records.filter((r) => r.exchange === '');
    const named = records.filter((r) => r.exchange !== '');
    const nullMx = nulls.length > 0;
    if (nullMx) {
        const n = nulls[0];
        findings.push(MX_FINDINGS.nullMx(`${domain} publishes a null MX: it accepts no mail`, evidence(n), { domain }));
        if (named.length > 0)
            findings.push(MX_FINDINGS.nullMxMixed(`${domain} publishes a null MX together with ${named.length} other MX record(s)`, { ...evidence(n), details: { others: named.map((r) => r.exchange) } }, { domain }));
        for (const r of nulls.filter((x) => x.priority !== 0))
            findings.push(MX_FINDINGS.nullMxPreference(`the null MX of ${domain} has preference ${r.priority}, not 0`, evidence(r), {
                domain,
            }));
        if (named.length === 0)
            return { ...base, nullMx, status: 'found', statusDetail: 'null-mx' };
    }
    const checked = named.slice(0, maxHosts);
    const hosts = await Promise.all(checked.map(async (r) => {
        const hostFindings = [];
        /** Names outside the zones of an offline resolver, not asked: one `mx.not-checked-offline` lists them. */
        const notChecked = [];
        const host = {
            priority: r.priority,
            exchange: r.exchange,
            ipLiteral: isIpLiteral(r.exchange),
            addresses: [],
            ...(r.source ? { source: r.source } : {}),
        };
        if (host.ipLiteral) {
            hostFindings.push(MX_FINDINGS.ipLiteral(`MX ${r.exchange} of ${domain} is an IP address, not a host name`, evidence(r), {
                domain,
            }));
            return { host, findings: hostFindings, notChecked };
        }
        const [a, aaaa, cname] = await Promise.all([
            resolver.query(r.exchange, 'A'),
            resolver.query(r.exchange, 'AAAA'),
            resolver.query(r.exchange, 'CNAME'),
        ]);
        const alias = cname.ok
            ? cname.records[0]
            : (a.ok && a.cnames?.at(-1)) || (aaaa.ok && aaaa.cnames?.at(-1));
        if (alias) {
            host.canonicalName = alias;
            hostFindings.push(MX_FINDINGS.cname(`MX ${r.exchange} of ${domain} is an alias (CNAME) for ${alias}`, {
                ...evidence(r),
                details: { canonicalName: alias },
            }, { domain }));
        }
        if (a.ok)
            for (const address of a.records)
                host.addresses.push({ address, family: 4 });
        if (aaaa.ok)
            for (const address of aaaa.records)
                host.addresses.push({ address, family: 6 });
        for (const res of [a, aaaa, cname])
            if (!res.ok && audit_transient(res))
                hostFindings.push(dnsErrorFinding(domain, res, `MX host ${r.exchange}`));
        if (host.addresses.length === 0 && isNotCheckedOffline(a) && isNotCheckedOffline(aaaa)) {
            host.notChecked = 'offline';
            notChecked.push(`${r.exchange} (A/AAAA)`);
        }
        else if (host.addresses.length === 0 && !audit_transient(a) && !audit_transient(aaaa)) {
            const kind = !a.ok ? a.kind : 'NODATA';
            hostFindings.push(MX_FINDINGS.noAddress(`MX ${r.exchange} of ${domain} has no A or AAAA record (${kind})`, {
                ...evidence(r),
                details: { kind },
            }, { domain }));
        }
        for (const addr of host.addresses) {
            const range = nonPublicRange(addr.address);
            if (range)
                hostFindings.push(MX_FINDINGS.nonPublicAddress(`MX ${r.exchange} of ${domain} resolves to ${addr.address} (${range})`, {
                    name: r.exchange,
                    details: { address: addr.address, range },
                }, { domain }));
        }
        if (checkReverse) {
            const rdns = await Promise.all(host.addresses.map((addr) => reverseDns(addr.address, resolver)));
            host.addresses.forEach((addr, i) => {
                const rev = rdns[i];
                addr.ptr = rev.ptr;
                addr.fcrdns = rev.fcrdns;
                if (rev.notCheckedOffline && rev.fcrdns === null && !rev.dnsError) {
                    addr.reverseDnsNotChecked = 'offline';
                    const names = rev.notCheckedOffline.map((n) => `${n} (${rev.ptr.length === 0 ? 'PTR' : 'A/AAAA'})`);
                    notChecked.push(...names.map((n) => `${n} for ${addr.address}`));
                }
                else if (rev.dnsError) {
                    hostFindings.push(MX_FINDINGS.dnsError(`reverse DNS of ${addr.address} (MX ${r.exchange}): ${rev.dnsError.type} ${rev.dnsError.name} failed (${rev.dnsError.kind})`, {
                        name: rev.dnsError.name,
                        details: { kind: rev.dnsError.kind, type: rev.dnsError.type, address: addr.address },
                    }, { domain }));
                }
                else if (rev.ptr.length === 0) {
                    hostFindings.push(MX_FINDINGS.noPtr(`${addr.address} (MX ${r.exchange} of ${domain}) has no PTR record`, {
                        name: r.exchange,
                        details: { address: addr.address },
                    }, { domain }));
                }
                else if (rev.fcrdns === false) {
                    hostFindings.push(MX_FINDINGS.fcrdnsMismatch(`${addr.address} (MX ${r.exchange} of ${domain}) has PTR ${rev.ptr.join(', ')}${rev.ptrIgnored ? ` (and ${rev.ptrIgnored} more, not checked: at most ${MAX_PTR_NAMES} are)` : ''}, which does not resolve back to it`, {
                        name: r.exchange,
                        details: {
                            address: addr.address,
                            ptr: rev.ptr,
                            ...(rev.ptrIgnored ? { ptrIgnored: rev.ptrIgnored } : {}),
                        },
                    }, { domain }));
                }
            });
        }
        return { host, findings: hostFindings, notChecked };
    }));
    for (const h of hosts)
        findings.push(...h.findings);
    const notChecked = hosts.flatMap((h) => h.notChecked);
    if (notChecked.length > 0)
        findings.push(MX_FINDINGS.notCheckedOffline(`not checked (offline): ${notChecked.length} name${notChecked.length === 1 ? '' : 's'} outside the zone files: ${notChecked.join(', ')}`, { name: domain, details: { names: notChecked } }, { domain }));
    return {
        ...base,
        nullMx,
        status: 'found',
        hosts: hosts.map((h) => h.host),
    };
}

;// CONCATENATED MODULE: ./lib/mx/index.js
/**
 * MX (RFC 5321 §5.1, RFC 7505): the entry module other folders import from: the audit of a domain's mail
 * exchangers and their reverse DNS, and the findings.
 *
 * @module
 */



;// CONCATENATED MODULE: ./lib/spf/ip.js
/**
 * IP address helpers for SPF: strict parsing of the `ip4-network` / `ip6-network` forms of RFC 7208 §5.6,
 * client addresses (RFC 7208 §5: an IPv4-mapped IPv6 address is an IPv4 client), CIDR matching, and the
 * text forms used by the `i` and `c` macros (RFC 7208 §7.3).
 *
 * @module
 */
/**
 * Parses an `ip4-network` (RFC 7208 §5.6): exactly four dotted decimal `qnum`s without leading zeros.
 * @returns the address, or `null` when the text is not in that form.
 */
function parseIp4(text) {
    const bytes = new Uint8Array(4);
    let part = 0;
    let value = 0;
    let digits = 0;
    for (let i = 0; i <= text.length; i++) {
        const c = i < text.length ? text.charCodeAt(i) : 0x2e;
        if (c === 0x2e) {
            // a qnum: 1 to 3 digits, no leading zero, at most 255
            if (digits === 0 || part > 3 || value > 255)
                return null;
            bytes[part++] = value;
            value = 0;
            digits = 0;
        }
        else if (c >= 0x30 && c <= 0x39) {
            if (digits > 0 && value === 0)
                return null;
            value = value * 10 + (c - 0x30);
            if (++digits > 3)
                return null;
        }
        else
            return null;
    }
    return part === 4 ? { version: 4, bytes } : null;
}
/**
 * Parses an `ip6-network` in the text forms of RFC 4291 §2.2 (full, `::`-compressed, and with an embedded
 * dotted IPv4 tail). Zone indexes (`%eth0`) and brackets are not accepted.
 * @returns the address, or `null` when the text is not in one of those forms.
 */
function parseIp6(text) {
    if (text.length === 0 || text.length > 45)
        return null;
    let head = text;
    let v4 = null;
    const lastColon = text.lastIndexOf(':');
    if (lastColon < 0)
        return null;
    const tail = text.slice(lastColon + 1);
    if (tail.includes('.')) {
        v4 = parseIp4(tail);
        if (!v4)
            return null;
        head = text.slice(0, lastColon + 1);
        // "::1.2.3.4" keeps "::"; "a:b::1.2.3.4" keeps "a:b::"; "a:...:f:1.2.3.4" leaves a trailing ":" to drop.
        if (!head.endsWith('::'))
            head = head.slice(0, -1);
    }
    const groupsWanted = v4 ? 6 : 8;
    const dbl = head.indexOf('::');
    if (dbl !== head.lastIndexOf('::'))
        return null;
    const parseGroups = (s) => {
        if (s === '')
            return [];
        const out = [];
        for (const g of s.split(':')) {
            if (!/^[0-9a-fA-F]{1,4}$/.test(g))
                return null;
            out.push(Number.parseInt(g, 16));
        }
        return out;
    };
    let groups;
    if (dbl >= 0) {
        const left = parseGroups(head.slice(0, dbl));
        const right = parseGroups(head.slice(dbl + 2));
        if (!left || !right)
            return null;
        const missing = groupsWanted - left.length - right.length;
        if (missing < 1)
            return null;
        groups = [...left, ...new Array(missing).fill(0), ...right];
    }
    else {
        const all = parseGroups(head);
        if (!all || all.length !== groupsWanted)
            return null;
        groups = all;
    }
    const bytes = new Uint8Array(16);
    groups.forEach((g, i) => {
        bytes[i * 2] = g >> 8;
        bytes[i * 2 + 1] = g & 0xff;
    });
    if (v4)
        bytes.set(v4.bytes, 12);
    return { version: 6, bytes };
}
/**
 * Parses an SMTP client address (`<ip>` of check_host(), RFC 7208 §4.1). Accepts dotted IPv4 and the
 * RFC 4291 IPv6 forms (surrounding whitespace and `[...]` brackets are ignored). An IPv4-mapped IPv6
 * address (`::ffff:a.b.c.d`) is returned as the IPv4 address (RFC 7208 §5).
 * @returns the address, or `null` when the text is not an IP address.
 */
function parseClientIp(text) {
    let t = text.trim();
    if (t.startsWith('[') && t.endsWith(']'))
        t = t.slice(1, -1);
    if (/^ipv6:/i.test(t))
        t = t.slice(5);
    const ip = t.includes(':') ? parseIp6(t) : parseIp4(t);
    if (!ip)
        return null;
    return unmapIp(ip);
}
/** Turns an IPv4-mapped IPv6 address (`::ffff:0:0/96`) into the IPv4 address; other addresses are returned as is. */
function unmapIp(ip) {
    if (ip.version === 6) {
        const b = ip.bytes;
        let mapped = b[10] === 0xff && b[11] === 0xff;
        for (let i = 0; i < 10 && mapped; i++)
            if (b[i] !== 0)
                mapped = false;
        if (mapped)
            return { version: 4, bytes: b.slice(12) };
    }
    return ip;
}
/** True when the first `prefix` bits of `a` and `b` are equal and both have the same version. */
function cidrMatch(a, b, prefix) {
    if (a.version !== b.version)
        return false;
    const full = Math.floor(prefix / 8);
    for (let i = 0; i < full; i++)
        if (a.bytes[i] !== b.bytes[i])
            return false;
    const rest = prefix % 8;
    if (rest === 0)
        return true;
    const mask = (0xff << (8 - rest)) & 0xff;
    return ((a.bytes[full] ?? 0) & mask) === ((b.bytes[full] ?? 0) & mask);
}
/** The canonical text form: dotted quad, or RFC 5952 compressed lower-case IPv6. */
function formatIp(ip) {
    if (ip.version === 4)
        return Array.from(ip.bytes).join('.');
    const groups = [];
    for (let i = 0; i < 16; i += 2)
        groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
    // Longest run of at least two zero groups (RFC 5952 §4.2.2, §4.2.3: first one on ties).
    let bestStart = -1;
    let bestLen = 1;
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0)
            j++;
        if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (bestStart < 0)
        return hex.join(':');
    return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
/**
 * The dot-format of an address for the `i` macro and reverse lookups (RFC 7208 §7.3): dotted quad for IPv4;
 * for IPv6 the 32 nibbles, lower-case hex, most significant first, separated by dots (RFC 7208 §7.4 example).
 */
function dotFormat(ip) {
    if (ip.version === 4)
        return Array.from(ip.bytes).join('.');
    const nibbles = [];
    for (const b of ip.bytes)
        nibbles.push((b >> 4).toString(16), (b & 0xf).toString(16));
    return nibbles.join('.');
}
/** The reverse-lookup name (`in-addr.arpa` / `ip6.arpa`, RFC 1035 §3.5, RFC 3596 §2.5) of an address. */
function ip_reverseName(ip) {
    return `${dotFormat(ip).split('.').reverse().join('.')}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa`;
}
/** Parses an address as given by a {@link Resolver} answer (A or AAAA record data). */
function parseAnswerIp(text) {
    return text.includes(':') ? parseIp6(text) : parseIp4(text);
}

;// CONCATENATED MODULE: ./lib/spf/networks.js
/**
 * CIDR arithmetic for SPF analysis: merging a set of networks into the minimal list of CIDR blocks that
 * covers exactly the same addresses, and counting addresses.
 *
 * @module
 */

/**
 * The number of addresses of a block, exactly, for people: decimal up to 2^32 (`16777216` for a /8, `1` for a
 * /128), above that as a power of two (`2^96` for an IPv6 /32), never in a float's exponent form.
 */
function formatBlockSize(block) {
    const bits = (block.version === 4 ? 32 : 128) - block.prefix;
    return bits <= 32 ? (1n << BigInt(bits)).toString() : `2^${bits}`;
}
/**
 * An exact address count for people: decimal up to 2^32, else the decimal digits and the nearest power of two
 * (`79228162514264337593543950336 (2^96)`; `~2^95.6` when not a power of two).
 */
function formatAddressCount(count) {
    if (count <= 1n << 32n)
        return count.toString();
    const bits = count.toString(2).length - 1;
    if (count === 1n << BigInt(bits))
        return `${count} (2^${bits})`;
    const fraction = Number(count >> BigInt(bits - 52)) / 2 ** 52;
    return `${count} (~2^${(bits + Math.log2(fraction)).toFixed(1)})`;
}
/** The exact number of addresses of one version in a list of blocks (disjoint, as {@link mergeCidrs} makes them). */
function countAddresses(blocks, version) {
    const bits = version === 4 ? 32 : 128;
    let n = 0n;
    for (const b of blocks)
        if (b.version === version)
            n += 1n << BigInt(bits - b.prefix);
    return n;
}
function toBig(ip) {
    let v = 0n;
    for (const b of ip.bytes)
        v = (v << 8n) | BigInt(b);
    return v;
}
function fromBig(v, version) {
    const len = version === 4 ? 4 : 16;
    const bytes = new Uint8Array(len);
    let x = v;
    for (let i = len - 1; i >= 0; i--) {
        bytes[i] = Number(x & 0xffn);
        x >>= 8n;
    }
    return { version, bytes };
}
/** The network address of `cidr` (host bits cleared) and the last address, as integers. */
function cidrRange(c) {
    const bits = c.address.version === 4 ? 32n : 128n;
    const hostBits = bits - BigInt(c.prefix);
    const start = (toBig(c.address) >> hostBits) << hostBits;
    return [start, start + (1n << hostBits) - 1n];
}
/** True when network `inner` lies inside network `outer` (same version). */
function cidrContains(outer, inner) {
    if (outer.address.version !== inner.address.version)
        return false;
    const [os, oe] = cidrRange(outer);
    const [is, ie] = cidrRange(inner);
    return os <= is && ie <= oe;
}
/**
 * Merges networks into the minimal sorted list of CIDR blocks covering exactly their union, IPv4 first.
 */
function mergeCidrs(nets) {
    const out = [];
    for (const version of [4, 6]) {
        const ranges = nets
            .filter((n) => n.address.version === version)
            .map(cidrRange)
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const merged = [];
        for (const r of ranges) {
            const last = merged[merged.length - 1];
            if (last && r[0] <= last[1] + 1n) {
                if (r[1] > last[1])
                    last[1] = r[1];
            }
            else
                merged.push([r[0], r[1]]);
        }
        out.push(...rangesToBlocks(merged, version));
    }
    return out;
}
/**
 * The minimal sorted list of CIDR blocks covering sorted, disjoint inclusive integer ranges of one version.
 */
function rangesToBlocks(ranges, version) {
    const bits = version === 4 ? 32 : 128;
    const out = [];
    for (const [s, e] of ranges) {
        let start = s;
        while (start <= e) {
            // Largest block aligned at `start` that does not pass `e`.
            let size = 1n;
            let prefix = bits;
            while (prefix > 0) {
                const next = size << 1n;
                if (start % next !== 0n || start + next - 1n > e)
                    break;
                size = next;
                prefix--;
            }
            out.push({
                cidr: `${formatIp(fromBig(start, version))}/${prefix}`,
                version,
                prefix,
                addresses: Number(size),
            });
            start += size;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/spf/address-set.js
/**
 * Sets of IP addresses as sorted, disjoint, non-adjacent integer ranges per address family, for the ordered
 * set computation of the authorized networks of an SPF policy (RFC 7208 §4.6.2, §5.2).
 *
 * @module
 */

const MAX = { v4: (1n << 32n) - 1n, v6: (1n << 128n) - 1n };
/** The empty set. */
function emptySet() {
    return { v4: [], v6: [] };
}
/** Every IPv4 and IPv6 address (what `all` matches). */
function fullSet() {
    return { v4: [[0n, MAX.v4]], v6: [[0n, MAX.v6]] };
}
/** The set of a list of networks. */
function setOf(nets) {
    const s = emptySet();
    for (const n of nets) {
        const r = cidrRange(n);
        (n.address.version === 4 ? s.v4 : s.v6).push(r);
    }
    return { v4: normalize(s.v4), v6: normalize(s.v6) };
}
function normalize(ranges) {
    const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out = [];
    for (const r of sorted) {
        const last = out[out.length - 1];
        if (last && r[0] <= last[1] + 1n) {
            if (r[1] > last[1])
                last[1] = r[1];
        }
        else
            out.push([r[0], r[1]]);
    }
    return out;
}
function subtractRanges(a, b) {
    const out = [];
    let j = 0;
    for (const [s0, e] of a) {
        let s = s0;
        while (j < b.length && b[j][1] < s)
            j++;
        let k = j;
        while (k < b.length && s <= e) {
            const [bs, be] = b[k];
            if (bs > e)
                break;
            if (bs > s)
                out.push([s, bs - 1n]);
            s = be + 1n;
            k++;
        }
        if (s <= e)
            out.push([s, e]);
    }
    return out;
}
/** `a ∪ b`. */
function union(a, b) {
    return { v4: normalize([...a.v4, ...b.v4]), v6: normalize([...a.v6, ...b.v6]) };
}
/** `a \ b`. */
function subtract(a, b) {
    return { v4: subtractRanges(a.v4, b.v4), v6: subtractRanges(a.v6, b.v6) };
}
/** True when the set has no address. */
function isEmpty(s) {
    return s.v4.length === 0 && s.v6.length === 0;
}
/** True when the set holds every IPv4 and every IPv6 address. */
function isFull(s) {
    const f = (r, max) => r.length === 1 && r[0]?.[0] === 0n && r[0]?.[1] === max;
    return f(s.v4, MAX.v4) && f(s.v6, MAX.v6);
}
/** The minimal sorted CIDR list of a set, IPv4 first. */
function setBlocks(s) {
    return [...rangesToBlocks(s.v4, 4), ...rangesToBlocks(s.v6, 6)];
}

;// CONCATENATED MODULE: ./lib/spf/authorized.js
/**
 * The authorized networks of an SPF policy as an ordered set computation over its include/redirect tree
 * (RFC 7208 §4.6.2: the first matching mechanism decides; §5.2: `include` matches only when the included
 * record's result is pass; §6.1: `redirect` decides what no mechanism matched).
 *
 * Per record, walking its reached terms in order: a pass term adds the addresses it matches that no earlier
 * term decided; a non-pass term only marks its addresses as decided (so later pass terms cannot add them).
 * An include matches exactly the pass set of its record. Terms whose match depends on each message (macros,
 * `exists`, `ptr`) or on DNS that failed make the result inexact: they are listed, and when moving them in
 * front of a flattened list could change which clients pass, flattening is unsafe.
 *
 * @module
 */

/**
 * Computes the authorized (pass) set of the policy rooted at `tree`.
 * @param nets the networks of the ip4/ip6 and resolved a/mx terms (terms missing from it are dynamic)
 */
function authorizedSet(tree, nets) {
    const out = { pass: emptySet(), exact: true, dynamic: [], unsafe: [] };
    out.pass = walk(tree, nets, { pass: false, nonPass: false }, true, out).pass;
    return out;
}
function walk(node, nets, prior, rootChain, out) {
    let pass = emptySet();
    let decided = emptySet();
    if (node.status !== 'found') {
        out.exact = false;
        out.dynamic.push(`${node.viaTerm ?? node.domain} (${node.domain}: ${node.status})`);
        out.unsafe.push(`${node.domain} gives no usable record (${node.status}), so check_host() errors there`);
        return { pass, decided };
    }
    // The flattened list keeps a dynamic term before the networks: that keeps the authorized set only when no
    // earlier term decided addresses the other way (a pass term after non-pass ones, a non-pass term after pass
    // ones), and a non-pass term of an included record is not kept at all.
    const here = () => ({
        pass: prior.pass || !isEmpty(pass),
        nonPass: prior.nonPass || !isEmpty(subtract(decided, pass)),
    });
    const dynamic = (t, qualifierPass) => {
        out.exact = false;
        out.dynamic.push(`${t.term} (${node.domain})`);
        const h = here();
        if (qualifierPass && h.nonPass) {
            out.unsafe.push(`${t.term} (${node.domain}) comes after terms that give other addresses a non-pass result`);
        }
        else if (!qualifierPass && !rootChain) {
            out.unsafe.push(`${t.term} (${node.domain}) is a non-pass term of an included record`);
        }
        else if (!qualifierPass && h.pass) {
            out.unsafe.push(`${t.term} (${node.domain}) is a non-pass term after terms that authorize addresses`);
        }
    };
    for (const t of node.terms) {
        if (!t.reached)
            continue;
        if (t.kind === 'invalid') {
            dynamic(t, false);
            continue;
        }
        if (t.kind === 'modifier') {
            if (t.name !== 'redirect')
                continue;
            const child = t.child === undefined ? undefined : node.children[t.child];
            if (!child) {
                dynamic(t, true);
                continue;
            }
            const r = walk(child, nets, here(), rootChain, out);
            pass = union(pass, subtract(r.pass, decided));
            decided = fullSet();
            continue;
        }
        const isPass = (t.qualifier ?? '+') === '+';
        let matched;
        if (t.name === 'all')
            matched = fullSet();
        else if (t.name === 'include') {
            const child = t.child === undefined ? undefined : node.children[t.child];
            if (child) {
                const before = out.exact;
                const r = walk(child, nets, isPass ? here() : { pass: true, nonPass: true }, false, out);
                matched = r.pass;
                if (before && !out.exact && !isPass) {
                    out.unsafe.push(`${t.term} (${node.domain}) is not pass-qualified and its record depends on each message`);
                }
            }
        }
        else {
            const n = nets.get(t);
            if (n)
                matched = setOf(n);
        }
        if (!matched) {
            dynamic(t, isPass);
            continue;
        }
        if (isPass)
            pass = union(pass, subtract(matched, decided));
        decided = union(decided, matched);
    }
    return { pass, decided };
}

;// CONCATENATED MODULE: ./lib/spf/limits.js
/**
 * The processing limits of check_host() (RFC 7208 §4.6.4): their defaults, and the validation of limits a
 * caller gives.
 *
 * @module
 */
/** The RFC 7208 §4.6.4 limits. */
const DEFAULT_SPF_LIMITS = Object.freeze({
    maxLookups: 10,
    maxVoidLookups: 2,
    maxMxHosts: 10,
    maxPtrNames: 10,
    timeoutMs: 20_000,
});

/** The smallest value of each limit: 0 allows none of what the count limits count; a time limit must be positive. */
const MINIMUM = {
    maxLookups: 0,
    maxVoidLookups: 0,
    maxMxHosts: 0,
    maxPtrNames: 0,
    timeoutMs: 1,
};
/**
 * Merges caller limits over {@link DEFAULT_SPF_LIMITS} and validates them. A limit that is absent or
 * `undefined` takes its default; keys other than those of {@link SpfLimits} are ignored.
 *
 * @param limits the caller's limits (`CheckHostOptions.limits`)
 * @returns a complete, valid set of limits
 * @throws TypeError when `limits` is not an object, or a limit is not a number
 * @throws RangeError when a limit is not a safe integer (NaN, Infinity, a fraction), or is below its minimum:
 *   0 for `maxLookups`, `maxVoidLookups`, `maxMxHosts` and `maxPtrNames`, 1 for `timeoutMs`
 */
function resolveSpfLimits(limits) {
    if (limits === undefined || limits === null)
        return { ...DEFAULT_SPF_LIMITS };
    if (typeof limits !== 'object') {
        throw new TypeError(`checkHost: limits must be an object, got ${typeof limits}`);
    }
    const out = { ...DEFAULT_SPF_LIMITS };
    for (const key of Object.keys(MINIMUM)) {
        const value = limits[key];
        if (value === undefined)
            continue;
        if (typeof value !== 'number') {
            throw new TypeError(`checkHost: limits.${key} must be a number, got ${typeof value}`);
        }
        const min = MINIMUM[key];
        if (!Number.isSafeInteger(value) || value < min) {
            throw new RangeError(`checkHost: limits.${key} must be an integer from ${min} to ${Number.MAX_SAFE_INTEGER}, got ${String(value)}`);
        }
        out[key] = value;
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/spf/findings.js
/**
 * The SPF findings catalog (ids `spf.*`). Each entry has a stable id, a severity, a title, the RFC section and
 * what to change. {@link auditSpf} produces these.
 *
 * The `type 99` (SPF RR) check of RFC 7208 §3.1/§14.1 needs the zone files: the {@link Resolver} contract has
 * no type-99 query, so `spf.type99-record` is only reported when `auditSpf` is given `zones`.
 *
 * @module
 */


const { maxLookups, maxVoidLookups, maxMxHosts } = DEFAULT_SPF_LIMITS;
/**
 * The SPF findings catalog: one `FindingFactory` per key, `(message, evidence?, context?) => Finding`,
 * which fills in the entry's id (`spf.<slug>`), severity, RFC section and remediation (e.g.
 * `SPF_FINDINGS.lookupLimit('...', { name: 'example.com' })`); and `definitions`, every entry, which the lead
 * aggregates into the catalog (docs/findings.md). `auditSpf` reports them. The limits in titles and
 * remediations are those of `DEFAULT_SPF_LIMITS` (RFC 7208 §4.6.4). Ids are stable: policy files name them.
 */
const SPF_FINDINGS = defineFindings({
    noRecord: {
        id: 'spf.no-record',
        severity: 'warning',
        title: 'No SPF record',
        rfc: 'RFC 7208 §4.5',
        remediation: 'Publish one TXT record beginning with "v=spf1" that lists the hosts that send mail for the domain, ' +
            'or "v=spf1 -all" if the domain sends no mail.',
    },
    invalidDomain: {
        id: 'spf.invalid-domain',
        severity: 'error',
        title: 'Not a valid domain name',
        rfc: 'RFC 7208 §4.3',
        remediation: 'Give a fully qualified domain name (labels of 1-63 octets, at most 253 octets, at least two labels).',
    },
    type99Record: {
        id: 'spf.type99-record',
        severity: 'warning',
        title: 'SPF (type 99) resource record present',
        rfc: 'RFC 7208 §3.1, §14.1',
        remediation: 'Remove the SPF-type record: RFC 7208 deprecated it, receivers only read TXT, and the two can drift apart.',
    },
    multipleRecords: {
        id: 'spf.multiple-records',
        severity: 'error',
        title: 'Several SPF records',
        rfc: 'RFC 7208 §4.5',
        remediation: 'Merge the records into one TXT record: with more than one, check_host() returns permerror.',
    },
    syntaxError: {
        id: 'spf.syntax-error',
        severity: 'error',
        title: 'SPF syntax error',
        rfc: 'RFC 7208 §4.6, §12',
        remediation: 'Fix the term at the given position: any syntax error makes the whole record a permerror.',
    },
    dnsError: {
        id: 'spf.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS error while reading SPF',
        rfc: 'RFC 7208 §4.4, §5',
        remediation: 'The DNS did not answer (timeout or server failure): receivers get temperror. Check the authoritative servers of the name.',
    },
    lookupLimit: {
        id: 'spf.lookup-limit',
        severity: 'error',
        title: `More than ${maxLookups} DNS-querying terms`,
        rfc: 'RFC 7208 §4.6.4',
        remediation: 'Remove unused includes, replace a/mx with ip4/ip6 where the addresses are stable, or flatten third-party ' +
            'includes (at the cost of following their changes by hand).',
    },
    voidLookupLimit: {
        id: 'spf.void-lookup-limit',
        severity: 'error',
        title: `More than ${maxVoidLookups} void lookups`,
        rfc: 'RFC 7208 §4.6.4',
        remediation: 'Remove the terms whose names do not exist or have no records.',
    },
    voidLookup: {
        id: 'spf.void-lookup',
        severity: 'warning',
        title: 'Void lookup',
        rfc: 'RFC 7208 §4.6.4',
        remediation: `Remove the term or fix the name: each void lookup counts toward the limit of ${maxVoidLookups}.`,
    },
    voidBudgetSpent: {
        id: 'spf.void-budget-spent',
        severity: 'warning',
        title: 'Void-lookup budget spent before a term that can be void',
        rfc: 'RFC 7208 §4.6.4',
        remediation: `Remove the void terms before it: once ${maxVoidLookups} void lookups are spent, one more (e.g. the usual NXDOMAIN answer of an exists:%{i}... term) makes check_host() return permerror.`,
    },
    targetNoAddresses: {
        id: 'spf.target-no-addresses',
        severity: 'warning',
        title: 'a/mx target without addresses',
        rfc: 'RFC 7208 §5.3, §5.4',
        remediation: 'Remove the term, or point it at a name that has A/AAAA records.',
    },
    mxTooManyHosts: {
        id: 'spf.mx-too-many-hosts',
        severity: 'error',
        title: `mx with more than ${maxMxHosts} hosts`,
        rfc: 'RFC 7208 §4.6.4',
        remediation: `An mx mechanism over more than ${maxMxHosts} MX records is a permerror: list the sending hosts with ip4/ip6 instead.`,
    },
    ptrUsed: {
        id: 'spf.ptr-used',
        severity: 'warning',
        title: 'ptr mechanism used',
        rfc: 'RFC 7208 §5.5',
        remediation: 'The ptr mechanism SHOULD NOT be used: it is slow, unreliable and costly for receivers. Use ip4/ip6 or a.',
    },
    passAll: {
        id: 'spf.pass-all',
        severity: 'error',
        title: '+all authorizes every host',
        rfc: 'RFC 7208 §5.1',
        remediation: 'Replace "+all" with "-all" or "~all": "+all" lets anyone send as the domain.',
    },
    neutralAll: {
        id: 'spf.neutral-all',
        severity: 'warning',
        title: '?all gives no protection',
        rfc: 'RFC 7208 §5.1, §8.2',
        remediation: 'End the record with "-all" (or "~all" while testing): "?all" says nothing about other hosts.',
    },
    noAll: {
        id: 'spf.no-all',
        severity: 'warning',
        title: 'No all and no redirect',
        rfc: 'RFC 7208 §4.7',
        remediation: 'End the record with "-all" or "~all": without it, unlisted hosts get neutral.',
    },
    redirectIgnored: {
        id: 'spf.redirect-ignored',
        severity: 'warning',
        title: 'redirect ignored because of all',
        rfc: 'RFC 7208 §6.1',
        remediation: 'Remove either the "all" mechanism or the redirect modifier: redirect only applies when no mechanism matches.',
    },
    termsAfterAll: {
        id: 'spf.terms-after-all',
        severity: 'warning',
        title: 'Terms after all are ignored',
        rfc: 'RFC 7208 §5.1',
        remediation: 'Move the terms before "all", or remove them: mechanisms after "all" are never evaluated.',
    },
    includeNoRecord: {
        id: 'spf.include-no-record',
        severity: 'error',
        title: 'include target without an SPF record',
        rfc: 'RFC 7208 §5.2',
        remediation: 'Fix or remove the include: a target without an SPF record makes check_host() return permerror.',
    },
    redirectNoRecord: {
        id: 'spf.redirect-no-record',
        severity: 'error',
        title: 'redirect target without an SPF record',
        rfc: 'RFC 7208 §6.1',
        remediation: 'Fix the redirect target: a target without an SPF record makes check_host() return permerror.',
    },
    loop: {
        id: 'spf.loop',
        severity: 'error',
        title: 'include or redirect loop',
        rfc: 'RFC 7208 §4.6.4',
        remediation: 'Break the loop: evaluation runs into the lookup limit and returns permerror.',
    },
    txtStringTooLong: {
        id: 'spf.txt-string-too-long',
        severity: 'error',
        title: 'TXT character-string over 255 octets',
        rfc: 'RFC 7208 §3.3, RFC 1035 §3.3',
        remediation: 'Split the record into several character-strings of at most 255 octets each ("..." "...").',
    },
    recordOver450: {
        id: 'spf.record-over-450',
        severity: 'warning',
        title: 'SPF record over 450 bytes',
        rfc: 'RFC 7208 §3.4',
        remediation: 'Keep the record under 450 bytes so the DNS answer fits in 512 octets over UDP; shorten or split with include.',
    },
    recordOver512: {
        id: 'spf.record-over-512',
        severity: 'error',
        title: 'SPF record over 512 bytes',
        rfc: 'RFC 7208 §3.4',
        remediation: 'The answer cannot fit in a 512-octet UDP message: split the record with include.',
    },
    recordTooLarge: {
        id: 'spf.record-too-large',
        severity: 'error',
        title: 'SPF record larger than a TXT record can be',
        rfc: 'RFC 1035 §3.2.1, §3.3.14; RFC 7208 §3.3',
        remediation: 'A TXT RDATA holds at most 65535 octets (its length is a 16-bit field), so no DNS server can serve this ' +
            'record: split the policy into several records joined with include.',
    },
    analysisIncomplete: {
        id: 'spf.analysis-incomplete',
        severity: 'info',
        title: 'Policy too large to analyze fully',
        rfc: 'RFC 7208 §4.6.4',
        remediation: `The policy is far over the limit of ${maxLookups} DNS-querying terms, so receivers return permerror long before ` +
            'reaching the parts the analysis skipped: cut it down to what fits the limit.',
    },
    duplicateTerm: {
        id: 'spf.duplicate-term',
        severity: 'warning',
        title: 'Duplicate term',
        rfc: 'RFC 7208 §4.6',
        remediation: 'Remove the repeated term: it adds nothing, and DNS-querying duplicates waste the lookup budget.',
    },
    overlappingNetworks: {
        id: 'spf.overlapping-networks',
        severity: 'info',
        title: 'Overlapping networks',
        rfc: 'RFC 7208 §5.6',
        remediation: 'Remove the network that is contained in another.',
    },
    macroInIp: {
        id: 'spf.macro-in-ip',
        severity: 'error',
        title: 'Macro inside ip4/ip6',
        rfc: 'RFC 7208 §5.6',
        remediation: 'ip4/ip6 take a literal network; macros are only expanded in domain-specs. Use exists with a macro instead.',
    },
    unknownModifier: {
        id: 'spf.unknown-modifier',
        severity: 'info',
        title: 'Unknown modifier',
        rfc: 'RFC 7208 §6',
        remediation: 'Unknown modifiers are ignored by receivers; check for a typo (e.g. "redirect", "exp").',
    },
    misplacedRecord: {
        id: 'spf.misplaced-record',
        severity: 'warning',
        title: 'SPF record on the DMARC or DKIM name',
        rfc: 'RFC 7208 §4.4, RFC 7489 §6.1',
        remediation: 'SPF is looked up at the domain itself: move the v=spf1 record from the _dmarc/_domainkey name to the domain.',
    },
    misplacedNotChecked: {
        id: 'spf.misplaced-not-checked',
        severity: 'info',
        title: 'Could not check the DMARC or DKIM name for a misplaced SPF record',
        rfc: 'RFC 7208 §4.4',
        remediation: 'Nothing to fix in the SPF policy: the DNS did not answer for the _dmarc or _domainkey name, so the ' +
            'check for a v=spf1 record published there was skipped. Run the analysis again to complete it.',
    },
    macroNotChecked: {
        id: 'spf.macro-not-checked',
        severity: 'info',
        title: 'Term depends on macros and cannot be checked statically',
        rfc: 'RFC 7208 §7.2, §7.3',
        remediation: 'Nothing to fix if intended: the target depends on each message or client (%{i}, %{s}, %{l}, %{h}, %{p}, ' +
            '%{v}); make sure the names it expands to exist for the mail you send.',
    },
    notFlattenable: {
        id: 'spf.not-flattenable',
        severity: 'info',
        title: 'Terms that cannot be flattened',
        rfc: 'RFC 7208 §7',
        remediation: 'Terms with macros, exists and ptr depend on each message; they are kept as they are when flattening.',
    },
});

;// CONCATENATED MODULE: ./lib/spf/budget.js
/**
 * The lookup budget of a policy (RFC 7208 §4.6.4): worst-case DNS-querying terms and void lookups of each
 * subtree of the include/redirect tree, and the findings when the whole policy exceeds the limits.
 *
 * @module
 */


/**
 * Sets the subtree totals of a node whose terms and children are done: `lookups` (its own reached
 * DNS-querying terms plus the `lookups` of the children its reached terms lead to) and `subtreeVoidLookups`.
 */
function sumSubtree(node) {
    const reachedChildren = new Set();
    for (const t of node.terms)
        if (t.child !== undefined && t.reached)
            reachedChildren.add(t.child);
    node.lookups =
        node.ownLookups + node.children.reduce((n, c, i) => n + (reachedChildren.has(i) ? c.lookups : 0), 0);
    node.subtreeVoidLookups = node.voidLookups + node.children.reduce((n, c) => n + c.subtreeVoidLookups, 0);
}
/** What each reached DNS-querying term of a record costs, e.g. `include:_spf.example.com costs 4`. */
function termCosts(node) {
    const costs = [];
    for (const t of node.terms) {
        if (!t.reached || t.cost === 0)
            continue;
        const child = t.child !== undefined ? node.children[t.child] : undefined;
        costs.push(`${t.term} costs ${1 + (child?.lookups ?? 0)}`);
    }
    return costs;
}
const FAMILY_NAME = { ipv4: 'IPv4', ipv6: 'IPv6' };
/** True for a term whose lookup depends on the client and can be void (RFC 7208 §4.6.4). */
function mayBeVoid(t) {
    if (t.name === 'ptr')
        return true;
    return t.macro && (t.name === 'a' || t.name === 'mx' || t.name === 'exists' || t.name === 'include');
}
/**
 * Counts void lookups per client address family in evaluation order (RFC 7208 §4.6.2, §4.6.4), for a client
 * that no term matches (the worst case): an `a` term whose target has A but no AAAA records is void for an
 * IPv6 client only (§5.3). Also notes the terms that can be void met once a family's budget
 * (`DEFAULT_SPF_LIMITS.maxVoidLookups`) is spent.
 */
function voidFamilyWalk(tree) {
    const out = { counts: { ipv4: 0, ipv6: 0 }, spentBefore: [] };
    const limit = DEFAULT_SPF_LIMITS.maxVoidLookups;
    const visit = (node) => {
        for (const t of node.terms) {
            if (!t.reached)
                continue;
            if (mayBeVoid(t)) {
                const families = ['ipv4', 'ipv6'].filter((f) => out.counts[f] >= limit);
                if (families.length > 0) {
                    out.spentBefore.push({ term: t.term, domain: node.domain, families, spent: { ...out.counts } });
                }
            }
            if (t.voidFamilies?.ipv4)
                out.counts.ipv4++;
            if (t.voidFamilies?.ipv6)
                out.counts.ipv6++;
            const child = t.child === undefined ? undefined : node.children[t.child];
            if (child)
                visit(child);
        }
    };
    visit(tree);
    return out;
}
/**
 * The budget findings of a policy: `spf.lookup-limit` when its worst case exceeds
 * `DEFAULT_SPF_LIMITS.maxLookups` DNS-querying terms (naming what each root term costs), and
 * `spf.void-lookup-limit` when it has more than `DEFAULT_SPF_LIMITS.maxVoidLookups` void lookups.
 *
 * @param tree the expanded tree, with subtree totals ({@link sumSubtree})
 * @param name the analyzed domain
 */
function budgetFindings(tree, name) {
    const findings = [];
    const limit = DEFAULT_SPF_LIMITS.maxLookups;
    const lookups = tree.lookups;
    if (lookups > limit) {
        const costs = termCosts(tree);
        findings.push(SPF_FINDINGS.lookupLimit(`the SPF policy of ${name} needs up to ${lookups} DNS-querying terms (limit ${limit}): ${costs.join(', ')}`, {
            name,
            ...(tree.record ? { record: tree.record } : {}),
            details: { lookups, limit, costs },
        }));
    }
    const voidLimit = DEFAULT_SPF_LIMITS.maxVoidLookups;
    const walk = voidFamilyWalk(tree);
    const { ipv4, ipv6 } = walk.counts;
    const over = ['ipv4', 'ipv6'].filter((f) => walk.counts[f] > voidLimit);
    if (over.length > 0) {
        const who = over.length === 2 && ipv4 === ipv6
            ? `${ipv4} void lookups for every client`
            : over.map((f) => `${walk.counts[f]} void lookups for ${FAMILY_NAME[f]} clients`).join(' and ');
        findings.push(SPF_FINDINGS.voidLookupLimit(`the SPF policy of ${name} has ${who} (limit ${voidLimit}): check_host() returns permerror for ${over.length === 2 ? 'every client' : `every ${FAMILY_NAME[over[0]]} client`} that no earlier term matches`, {
            name,
            details: { voidLookups: Math.max(ipv4, ipv6), ipv4, ipv6, families: over },
        }));
    }
    for (const s of walk.spentBefore) {
        const fam = s.families.length === 2 ? 'every client' : `${FAMILY_NAME[s.families[0]]} clients`;
        findings.push(SPF_FINDINGS.voidBudgetSpent(`${s.term} in the SPF record of ${s.domain}: the void-lookup budget (${voidLimit}) is already spent for ${fam} when it is reached, so its usual NXDOMAIN answer makes check_host() return permerror for ${fam}, even those that later terms authorize`, { name: s.domain, term: s.term, details: { families: s.families, spent: s.spent, limit: voidLimit } }));
    }
    return findings;
}

;// CONCATENATED MODULE: ./lib/spf/record-size.js
/**
 * Size checks of a published SPF record: character-strings over 255 octets (RFC 7208 §3.3), records over
 * 450 or 512 octets (§3.4), and records larger than a TXT RDATA can hold (RFC 1035 §3.2.1).
 *
 * @module
 */

/** The largest TXT RDATA in octets: RDLENGTH is a 16-bit field (RFC 1035 §3.2.1). */
const MAX_TXT_RDATA = 65535;
/** The largest character-string in octets (RFC 1035 §3.3.14; RFC 7208 §3.3). */
const MAX_CHARACTER_STRING = 255;
/** A record size that keeps the whole DNS answer within 512 octets (RFC 7208 §3.4), in octets. */
const RECOMMENDED_RECORD_OCTETS = 450;
/** The UDP answer size without EDNS0 (RFC 1035 §4.2.1; RFC 7208 §3.4), in octets. */
const UDP_ANSWER_OCTETS = 512;
/**
 * Size findings of a record: character-strings over 255 octets, the record over 450/512 octets (RFC 7208
 * §3.3, §3.4), or over what a TXT RDATA can hold (RFC 1035 §3.2.1).
 *
 * @param domain the owner name of the record
 * @param text the record (its character-strings joined)
 * @param strings the record's character-strings
 * @returns the findings, and the RDATA size in octets (a length octet and the octets of each character-string)
 */
function recordSizeFindings(domain, text, strings) {
    const findings = [];
    let rdata = 0;
    strings.forEach((s, i) => {
        const n = Buffer.byteLength(s, 'utf8');
        rdata += 1 + n;
        if (n > MAX_CHARACTER_STRING) {
            findings.push(SPF_FINDINGS.txtStringTooLong(`character-string ${i + 1} of the SPF record of ${domain} is ${n} octets (max ${MAX_CHARACTER_STRING})`, { name: domain, record: text, details: { index: i, octets: n } }));
        }
    });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (rdata > MAX_TXT_RDATA) {
        findings.push(SPF_FINDINGS.recordTooLarge(`the SPF record of ${domain} needs ${rdata} octets of TXT RDATA, more than the ${MAX_TXT_RDATA} a record can hold; it cannot be published and was not analyzed`, { name: domain, record: text, details: { bytes, rdataOctets: rdata, limit: MAX_TXT_RDATA } }));
    }
    else if (bytes > UDP_ANSWER_OCTETS) {
        findings.push(SPF_FINDINGS.recordOver512(`the SPF record of ${domain} is ${bytes} bytes (over ${UDP_ANSWER_OCTETS})`, {
            name: domain,
            record: text,
            details: { bytes },
        }));
    }
    else if (bytes > RECOMMENDED_RECORD_OCTETS) {
        findings.push(SPF_FINDINGS.recordOver450(`the SPF record of ${domain} is ${bytes} bytes (over ${RECOMMENDED_RECORD_OCTETS})`, {
            name: domain,
            record: text,
            details: { bytes },
        }));
    }
    return { rdataOctets: rdata, findings };
}

;// CONCATENATED MODULE: ./lib/spf/flatten.js
/**
 * Flattening suggestion: rewrite an SPF policy as ip4/ip6 terms (plus the terms that cannot be resolved
 * statically) in one record or a chain of records, within a lookup budget (RFC 7208 §4.6.4) and a size per
 * record (RFC 7208 §3.4: keep answers within 512 octets); and the bookkeeping the analysis does for it
 * ({@link FlattenPlan}: which terms are kept verbatim, which cannot be flattened).
 *
 * @module
 */


/** The most octets of one TXT character-string (RFC 1035 §3.3.14, RFC 7208 §3.3). */
const MAX_TXT_STRING_OCTETS = 255;
const octets = (s) => Buffer.byteLength(s, 'utf8');
/** Cuts `text` into pieces of at most `max` UTF-8 octets, never inside a character. */
function cutOctets(text, max) {
    const out = [];
    let piece = '';
    for (const ch of text) {
        if (octets(piece) + octets(ch) > max) {
            out.push(piece);
            piece = '';
        }
        piece += ch;
    }
    if (piece !== '' || out.length === 0)
        out.push(piece);
    return out;
}
/**
 * Splits a record's text into TXT character-strings of at most {@link MAX_TXT_STRING_OCTETS} octets, only at
 * term boundaries: a string ends before the space that starts the next term (the space begins the next
 * string), so each term is whole in one string and the strings joined without separator (RFC 7208 §3.3) give
 * the text back. A single term longer than 255 octets is cut inside, as a last resort; `cutTerms` names it.
 */
function splitTxtStrings(text) {
    const strings = [];
    const cutTerms = [];
    let current = '';
    const words = text.split(' ');
    words.forEach((word, i) => {
        const piece = i === 0 ? word : ` ${word}`;
        if (octets(current) + octets(piece) <= MAX_TXT_STRING_OCTETS) {
            current += piece;
            return;
        }
        if (current !== '')
            strings.push(current);
        if (octets(piece) <= MAX_TXT_STRING_OCTETS) {
            current = piece;
            return;
        }
        cutTerms.push(word);
        const parts = cutOctets(piece, MAX_TXT_STRING_OCTETS);
        strings.push(...parts.slice(0, -1));
        current = parts.at(-1) ?? '';
    });
    strings.push(current);
    return { strings, cutTerms };
}
function record(name, text) {
    const { strings, cutTerms } = splitTxtStrings(text);
    return {
        name,
        text,
        strings,
        bytes: octets(text),
        ...(cutTerms.length > 0
            ? {
                note: `${cutTerms.length === 1 ? 'a term is' : `${cutTerms.length} terms are`} longer than ${MAX_TXT_STRING_OCTETS} octets and cut inside (${cutTerms.map((t) => `"${t.slice(0, 40)}${t.length > 40 ? '...' : ''}"`).join(', ')}): receivers join the strings, so it still works, but check the record before publishing`,
            }
            : {}),
    };
}
/**
 * Builds a flattened policy for `domain`.
 *
 * @param blocks the authorized networks (minimal CIDR list)
 * @param kept terms kept verbatim, in order: those that depend on the message first, then the networks, then the
 *   non-pass terms (`after`) and `allTerm`, all in the published record; only networks overflow into the
 *   `_spfN` chain (a non-pass term or an `all` in an included record would only make the include not match,
 *   RFC 7208 §5.2). `exact` is false when the result needs more than 10 DNS lookups (RFC 7208 §4.6.4).
 * @param allTerm the final `all` term of the policy (e.g. `-all`), or undefined for none
 * @param budget the lookup budget the flattened policy must fit (at most `DEFAULT_SPF_LIMITS.maxLookups`, 10,
 *   for RFC 7208 §4.6.4)
 * @param maxBytes the size limit per record in bytes (default 450, RFC 7208 §3.4)
 * @param notes extra sentences for the warning (e.g. non-pass terms merged away)
 */
function suggestFlatten(domain, blocks, kept, allTerm, budget, maxBytes = RECOMMENDED_RECORD_OCTETS, notes = []) {
    // Every term that is not a pass-qualified network stays in the published (first) record: a non-pass term
    // or the final `all` inside an included record would only make that include not match (RFC 7208 §5.2),
    // and evaluation would go on in the first record. Only the networks overflow into the chain.
    const head = kept.filter((k) => !k.after).map((k) => k.term);
    const nets = blocks.map((b) => {
        const full = (b.version === 4 && b.prefix === 32) || (b.version === 6 && b.prefix === 128);
        return `ip${b.version}:${full ? b.cidr.slice(0, b.cidr.lastIndexOf('/')) : b.cidr}`;
    });
    const rootTail = [...kept.filter((k) => k.after).map((k) => k.term), ...(allTerm ? [allTerm] : [])];
    const records = [];
    const nameOf = (i) => (i === 0 ? domain : `_spf${i}.${domain}`);
    let current = ['v=spf1', ...head];
    const tail = (i) => (i === 0 ? rootTail : []);
    const len = (parts) => new TextEncoder().encode(parts.join(' ')).length;
    for (const t of nets) {
        const i = records.length;
        const reserve = ` include:${nameOf(i + 1)}`.length + len(['', ...tail(i)]);
        if (current.length > 1 && len([...current, t]) + reserve > maxBytes) {
            current.push(`include:${nameOf(i + 1)}`, ...tail(i));
            records.push(record(nameOf(i), current.join(' ')));
            current = ['v=spf1'];
        }
        current.push(t);
    }
    if (records.length === 0)
        current.push(...rootTail);
    records.push(record(nameOf(records.length), current.join(' ')));
    const lookups = kept.reduce((n, k) => n + k.cost, 0) + (records.length - 1);
    const overLimit = lookups > DEFAULT_SPF_LIMITS.maxLookups;
    const cut = records.flatMap((r) => (r.note ? [`${r.name}: ${r.note}.`] : []));
    const warning = [
        'Flattening freezes the addresses of third parties (ESPs, hosted mail): when they change their networks, ' +
            'this policy goes stale and their mail starts to fail until the records are rebuilt; re-run the analysis ' +
            'regularly or automate it.',
        ...notes,
        ...cut,
        ...(overLimit
            ? [
                `The flattened policy itself needs ${lookups} DNS lookups (limit ${DEFAULT_SPF_LIMITS.maxLookups}, RFC 7208 §4.6.4): ` +
                    'check_host() returns permerror for the clients that reach the limit, so it does not authorize the same clients.',
            ]
            : []),
    ].join(' ');
    return {
        records,
        lookups,
        budget,
        fitsBudget: lookups <= budget,
        kept: kept.map((k) => k.term),
        warning,
        exact: !overLimit,
    };
}
/** The final `all` of the policy's root chain (following redirects), for the flattened record. */
function finalAll(node) {
    if (!node)
        return undefined;
    const all = node.terms.find((t) => t.kind === 'mechanism' && t.name === 'all' && t.reached);
    if (all)
        return all.term.replace(/^\+/, '');
    const redirect = node.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect' && t.child !== undefined);
    return redirect?.child !== undefined ? finalAll(node.children[redirect.child]) : undefined;
}
/**
 * What the analysis of one policy collects for flattening: the terms kept verbatim (in order, with their
 * lookup cost), the terms that cannot become networks, and the non-pass terms of included records that a
 * flattened list loses.
 */
class FlattenPlan {
    root;
    /** Terms that depend on each message, or could not be resolved, so they are not networks. */
    notFlattenable = [];
    /** Terms kept verbatim in the flattened policy, in order. */
    kept = [];
    /** Kept terms of included records that use %{d}, which changes meaning once flattened. */
    mergedNonPass = [];
    /** @param root the analyzed domain (where the flattened policy is published) */
    constructor(root) {
        this.root = root;
    }
    /** Records a term that cannot become networks; kept verbatim in the flattened policy when `keep`. */
    notFlat(domain, term, reason, keep, cost) {
        if (!keep)
            return;
        this.notFlattenable.push({ domain, term, reason });
        this.keep(domain, term, cost, false);
    }
    /** Keeps a term verbatim for the flattened policy (a target-less ptr, a or mx gets its domain made explicit). */
    keep(domain, term, cost, after = true) {
        let t = term.replace(/^\+/, '');
        // ptr, a and mx without a domain-spec name the current domain: write it out for the root's record.
        const bare = /^([-~?]?(?:ptr|a|mx))((?:\/\d+)?(?:\/\/\d+)?)$/i.exec(t);
        if (domain !== this.root && bare)
            t = `${bare[1]}:${domain}${bare[2] ?? ''}`;
        if (domain !== this.root && /%\{d/i.test(t)) {
            this.mergedNonPass.push(`${term} (${domain}: uses %{d}, which would expand to ${this.root} once flattened)`);
        }
        this.kept.push({ term: t, cost, after });
    }
    /**
     * The flattening suggestion for the analyzed policy: the kept terms that depend on each message first, then
     * the authorized networks, then the kept non-pass terms of the root chain, then the final `all`. Refused
     * (no records) when the policy authorizes every address, or when that list could authorize other clients
     * than the policy (`set.unsafe`).
     * @param set the authorized set (authorized.ts `authorizedSet`)
     * @param blocks the authorized networks (minimal CIDR list of `set.pass`)
     * @param allTerm the policy's final `all` ({@link finalAll})
     * @param budget the lookup budget (default `DEFAULT_SPF_LIMITS.maxLookups`)
     */
    suggest(set, blocks, allTerm, budget = DEFAULT_SPF_LIMITS.maxLookups) {
        let refused;
        if (set.everything) {
            refused =
                'No flattened record is suggested: the policy authorizes every IPv4 and IPv6 address (a "+all" is ' +
                    'reached through a pass term), so any list of networks would silently narrow it. Remove the +all first.';
        }
        else if (set.unsafe.length > 0) {
            refused =
                'No flattened record is suggested: it could not authorize exactly the clients the policy authorizes, ' +
                    `because ${set.unsafe.join('; ')}.`;
        }
        if (refused) {
            return {
                records: [],
                lookups: 0,
                budget,
                fitsBudget: false,
                kept: [],
                warning: refused,
                exact: false,
                refused,
            };
        }
        const notes = [];
        if (this.mergedNonPass.length > 0) {
            notes.push(`Kept terms of included records use %{d} (${this.mergedNonPass.join(', ')}): check them before publishing.`);
        }
        if (!set.exact) {
            notes.push(`Terms that depend on each message are kept first (${set.dynamic.join(', ')}); the networks after them are exactly those the policy authorizes otherwise.`);
        }
        const out = suggestFlatten(this.root, blocks, this.kept, allTerm, budget, RECOMMENDED_RECORD_OCTETS, notes);
        out.exact = out.exact && set.exact;
        return out;
    }
}

;// CONCATENATED MODULE: ./lib/spf/macro.js
/**
 * SPF macro-strings (RFC 7208 §7): parsing into tokens with source positions, the `domain-spec` rule
 * (§7.1), and expansion (§7.3, §7.4) with transformers, delimiters, `%%`, `%_`, `%-` and upper-case URL escaping.
 *
 * @module
 */
/** Letters allowed in a `domain-spec` (RFC 7208 §7.2: `c`, `r`, `t` only in "exp" text). */
const DOMAIN_MACRO_LETTERS = new Set(['s', 'l', 'o', 'd', 'i', 'p', 'h', 'v']);
/** Letters allowed in explanation text (RFC 7208 §6.2, §7.2). */
const EXP_MACRO_LETTERS = new Set([...DOMAIN_MACRO_LETTERS, 'c', 'r', 't']);
/**
 * Parses a macro-string (RFC 7208 §7.1 `macro-string`, or `explain-string` when `allowSpace`).
 *
 * @param text the macro-string text
 * @param offset absolute position of `text` in the record, for token and error positions
 * @param letters the macro letters allowed here (e.g. {@link DOMAIN_MACRO_LETTERS})
 * @param allowSpace true for explanation text (`explain-string = *( macro-string / SP )`)
 * @returns the tokens, or the first syntax error. Never throws.
 */
function parseMacroString(text, offset, letters, allowSpace = false) {
    const tokens = [];
    let literalStart = -1;
    const flush = (end) => {
        if (literalStart >= 0) {
            tokens.push({
                type: 'literal',
                text: text.slice(literalStart, end),
                offset: offset + literalStart,
                length: end - literalStart,
            });
            literalStart = -1;
        }
    };
    let i = 0;
    while (i < text.length) {
        const ch = text.charCodeAt(i);
        if (ch === 0x25 /* % */) {
            flush(i);
            const next = text[i + 1];
            if (next === '%' || next === '_' || next === '-') {
                tokens.push({
                    type: 'escape',
                    text: `%${next}`,
                    offset: offset + i,
                    length: 2,
                });
                i += 2;
                continue;
            }
            if (next !== '{') {
                return {
                    error: {
                        code: 'invalid-macro',
                        message: `"%" must be followed by "{", "%", "_" or "-" (RFC 7208 §7.1)`,
                        offset: offset + i,
                        length: Math.min(2, text.length - i),
                    },
                };
            }
            const close = text.indexOf('}', i + 2);
            const body = close < 0 ? text.slice(i + 2) : text.slice(i + 2, close);
            const m = /^([a-zA-Z])(\d*)([rR]?)([.\-+,/_=]*)$/.exec(body);
            const errLen = close < 0 ? text.length - i : close + 1 - i;
            if (close < 0 || !m) {
                return {
                    error: {
                        code: 'invalid-macro',
                        message: `malformed macro "${text.slice(i, i + errLen)}" (RFC 7208 §7.1)`,
                        offset: offset + i,
                        length: errLen,
                    },
                };
            }
            const rawLetter = m[1] ?? '';
            const letter = rawLetter.toLowerCase();
            if (!EXP_MACRO_LETTERS.has(letter) || !letters.has(letter)) {
                const known = EXP_MACRO_LETTERS.has(letter);
                return {
                    error: {
                        code: known ? 'macro-letter-not-allowed' : 'invalid-macro',
                        message: known
                            ? `macro letter "${rawLetter}" is only allowed in explanation text (RFC 7208 §7.2)`
                            : `unknown macro letter "${rawLetter}" (RFC 7208 §7.2)`,
                        offset: offset + i,
                        length: errLen,
                    },
                };
            }
            const digitsText = m[2] ?? '';
            let digits;
            if (digitsText !== '') {
                // Keep huge values finite: any value above the number of parts means "all parts".
                digits = digitsText.length > 4 ? 9999 : Number(digitsText);
                if (digits === 0) {
                    return {
                        error: {
                            code: 'invalid-macro',
                            message: 'the DIGIT transformer must be nonzero (RFC 7208 §7.3)',
                            offset: offset + i,
                            length: errLen,
                        },
                    };
                }
            }
            const tok = {
                type: 'macro',
                text: text.slice(i, close + 1),
                letter: letter,
                urlEscape: rawLetter !== letter,
                reverse: (m[3] ?? '') !== '',
                delimiters: m[4] ?? '',
                offset: offset + i,
                length: close + 1 - i,
            };
            if (digits !== undefined)
                tok.digits = digits;
            tokens.push(tok);
            i = close + 1;
            continue;
        }
        const literal = (ch >= 0x21 && ch <= 0x7e) || (allowSpace && ch === 0x20);
        if (!literal) {
            return {
                error: {
                    code: 'invalid-character',
                    message: `character ${describeChar(text[i] ?? '')} is not allowed here (RFC 7208 §7.1, macro-literal)`,
                    offset: offset + i,
                    length: 1,
                },
            };
        }
        if (literalStart < 0)
            literalStart = i;
        i++;
    }
    flush(text.length);
    return { value: { text, tokens, offset, length: text.length } };
}
/** Describes a character for error messages (`U+0080`, `"x"`). */
function describeChar(c) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x21 || code > 0x7e)
        return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `"${c}"`;
}
/**
 * True when `label` is a `toplabel` (RFC 7208 §7.1): `( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-"
 * *( alphanum / "-" ) alphanum )`, that is letters, digits and hyphens, not all-numeric, not starting or ending
 * with `-`. One pass over the label (a backtracking regular expression here was quadratic on a long label).
 */
function isTopLabel(label) {
    if (label === '')
        return false;
    let letter = false;
    let hyphen = false;
    for (let i = 0; i < label.length; i++) {
        const c = label.charCodeAt(i);
        if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))
            letter = true;
        else if (c === 0x2d)
            hyphen = true;
        else if (c < 0x30 || c > 0x39)
            return false;
    }
    const first = label.charCodeAt(0);
    const last = label.charCodeAt(label.length - 1);
    if (first === 0x2d || last === 0x2d)
        return false;
    return letter || hyphen;
}
/** True when `text` ends in `"." toplabel ["."]` (RFC 7208 §7.1 domain-end without a macro). */
function endsInTopLabel(text) {
    const body = text.endsWith('.') ? text.slice(0, -1) : text;
    const dot = body.lastIndexOf('.');
    return dot >= 0 && isTopLabel(body.slice(dot + 1));
}
/**
 * Parses a `domain-spec` (RFC 7208 §7.1): a macro-string whose end is either a macro-expand or
 * `"." toplabel ["."]`, where a toplabel is not all-numeric and does not start or end with `-`.
 * The `c`, `r` and `t` letters are not allowed (§7.2).
 *
 * @returns the parsed domain-spec or the first syntax error. Never throws.
 */
function parseDomainSpec(text, offset) {
    if (text === '') {
        return {
            error: {
                code: 'invalid-domain-spec',
                message: 'the domain-spec is empty (RFC 7208 §7.1)',
                offset,
                length: 0,
            },
        };
    }
    const parsed = parseMacroString(text, offset, DOMAIN_MACRO_LETTERS);
    if (parsed.error)
        return parsed;
    const last = parsed.value.tokens[parsed.value.tokens.length - 1];
    if (last && last.type !== 'literal')
        return parsed;
    if (last && endsInTopLabel(last.text))
        return parsed;
    return {
        error: {
            code: 'invalid-domain-spec',
            message: `"${text}" is not a valid domain-spec: it must end in a macro or in "." and a top label that is not all-numeric (RFC 7208 §7.1)`,
            offset,
            length: text.length,
        },
    };
}
/** True when the macro-string contains at least one `%{...}` macro (escapes do not count). */
function hasMacros(ms) {
    return ms.tokens.some((t) => t.type === 'macro');
}
/**
 * Applies the transformers and delimiters of RFC 7208 §7.3 to a macro value: split on the delimiters
 * (default `.`), reverse if asked, keep the right-most `digits` parts, join with `.`.
 */
function transformValue(value, digits, reverse, delimiters) {
    const delims = delimiters === '' ? '.' : delimiters;
    const parts = [];
    let cur = '';
    for (const ch of value) {
        if (delims.includes(ch)) {
            parts.push(cur);
            cur = '';
        }
        else
            cur += ch;
    }
    parts.push(cur);
    if (reverse)
        parts.reverse();
    const kept = digits !== undefined && digits < parts.length ? parts.slice(parts.length - digits) : parts;
    return kept.join('.');
}
/** URL-escapes every character outside the RFC 3986 unreserved set (RFC 7208 §7.3, upper-case macro letters). */
function urlEscape(value) {
    let out = '';
    for (const byte of new TextEncoder().encode(value)) {
        const c = String.fromCharCode(byte);
        if (/[A-Za-z0-9\-._~]/.test(c))
            out += c;
        else
            out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
async function letterValue(letter, v) {
    switch (letter) {
        case 's':
            return v.sender;
        case 'l':
            return v.localPart;
        case 'o':
            return v.senderDomain;
        case 'd':
            return v.domain;
        case 'i':
            return v.ipDots;
        case 'p':
            return v.validatedName();
        case 'v':
            return v.ipVersionLabel;
        case 'h':
            return v.helo;
        case 'c':
            return v.ipText;
        case 'r':
            return v.receiver;
        case 't':
            return String(v.timestamp);
    }
}
/**
 * Expands a parsed macro-string (RFC 7208 §7.3, §7.4). `%%` -> `%`, `%_` -> space, `%-` -> `%20`.
 * Does not apply domain-name rules; see {@link expandDomainSpec}.
 *
 * @throws only what `values.validatedName` throws (DNS work for `%{p}`).
 */
async function expandMacroString(ms, values) {
    let out = '';
    for (const t of ms.tokens) {
        if (t.type === 'literal')
            out += t.text;
        else if (t.type === 'escape')
            out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
        else {
            const raw = await letterValue(t.letter, values);
            const transformed = transformValue(raw, t.digits, t.reverse, t.delimiters);
            out += t.urlEscape ? urlEscape(transformed) : transformed;
        }
    }
    return out;
}
/** Labels of 1 to 63 printable US-ASCII characters other than the dot (one octet each): queryable at once. */
const ASCII_NAME = /^(?:[\x21-\x2d\x2f-\x7e]{1,63}\.)*[\x21-\x2d\x2f-\x7e]{1,63}$/;
/** The largest domain name in text form, in octets (RFC 1035 §2.3.4; RFC 7208 §4.8, §7.3). */
const MAX_NAME_OCTETS = 253;
/** The largest label, in octets (RFC 1035 §2.3.4). */
const MAX_LABEL_OCTETS = 63;
/** Length of a name or label in octets: its UTF-8 encoding (a non-ASCII local-part from `%{l}`, RFC 6531). */
function macro_octets(text) {
    return Buffer.byteLength(text, 'utf8');
}
/**
 * Expands a domain-spec into a target name (RFC 7208 §4.8, §7.3): the trailing dot is ignored, and a
 * result longer than 253 octets (UTF-8, so a non-ASCII local-part counts its octets, not its characters)
 * is shortened from the left, label by label, until it fits.
 */
async function expandDomainSpec(ms, values) {
    return targetName(await expandMacroString(ms, values));
}
/**
 * Turns an expanded domain-spec into the name to query (RFC 7208 §4.8, §7.3): drops one trailing dot, then
 * removes labels from the left while the name is over 253 octets (UTF-8) and has more than one label.
 */
function targetName(expanded) {
    let name = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
    while (macro_octets(name) > MAX_NAME_OCTETS && name.includes('.'))
        name = name.slice(name.indexOf('.') + 1);
    return name;
}
/**
 * Checks that an expanded target name can be queried: non-empty labels of at most 63 octets and at most
 * 253 octets in all (RFC 1035 §2.3.4), counted in UTF-8 octets. SPF allows other octets in names
 * (RFC 7208 §7.1), so no LDH check.
 */
function isQueryableName(name) {
    if (name.length <= MAX_NAME_OCTETS && ASCII_NAME.test(name))
        return true;
    if (name === '' || macro_octets(name) > MAX_NAME_OCTETS)
        return false;
    for (const label of name.split('.'))
        if (label.length === 0 || macro_octets(label) > MAX_LABEL_OCTETS)
            return false;
    return true;
}

;// CONCATENATED MODULE: ./lib/spf/record.js
/**
 * SPF record parsing (RFC 7208 §4.5, §4.6, §5, §6, §7 and the ABNF of §12) into a typed AST in which every
 * term and every error keeps its source position, printing back to text, and record selection (§4.5).
 *
 * @module
 */


/** Mechanisms whose evaluation queries the DNS and counts toward the limit of 10 (RFC 7208 §4.6.4). */
const DNS_MECHANISMS = new Set(['include', 'a', 'mx', 'ptr', 'exists']);
const VERSION_RE = /^v=spf1(?= |$)/i;
const MODIFIER_RE = /^([A-Za-z][A-Za-z0-9\-_.]*)=/;
const MECHANISM_RE = /^(all|include|a|mx|ptr|ip4|ip6|exists)(?=$|[:/])/i;
const CIDR_SUFFIX_RE = /(?:\/(\d+))?(?:\/\/(\d+))?$/;
/** True when the text is an SPF version 1 record: starts with `v=spf1` (any case) followed by a space or the end (RFC 7208 §4.5). */
function isSpfRecord(text) {
    return VERSION_RE.test(text);
}
function fromMacroError(e) {
    return { code: e.code, message: e.message, offset: e.offset, length: e.length };
}
/**
 * Parses an SPF record (RFC 7208 §12 grammar).
 *
 * Terms are separated by one or more spaces (only U+0020, §4.6.1); every other character outside
 * `%x21-7E` is an error. Modifier names and mechanism names are case-insensitive. `redirect` and `exp`
 * may appear at most once each (§6). Positions are offsets into `text`.
 *
 * @param text the record, TXT character-strings already joined (§3.3)
 * @returns the AST and the list of errors; never throws
 */
function parseSpfRecord(text) {
    const errors = [];
    const record = { text, version: { offset: 0, length: 0 }, terms: [], mechanisms: [] };
    const m = VERSION_RE.exec(text);
    if (!m) {
        const end = text.indexOf(' ');
        errors.push({
            code: 'no-version',
            message: 'an SPF record must begin with "v=spf1" followed by a space or the end (RFC 7208 §4.5)',
            offset: 0,
            length: end < 0 ? text.length : end,
        });
        return { ok: false, record, errors };
    }
    record.version = { offset: 0, length: 6 };
    let i = 6;
    const seen = {};
    const duplicated = new Set();
    while (i < text.length) {
        if (text[i] === ' ') {
            i++;
            continue;
        }
        let j = text.indexOf(' ', i);
        if (j < 0)
            j = text.length;
        const term = parseTerm(text.slice(i, j), i);
        record.terms.push(term);
        if (term.kind === 'invalid')
            errors.push(term.error);
        else if (term.kind === 'mechanism')
            record.mechanisms.push(term);
        else if (term.name === 'redirect' || term.name === 'exp') {
            if (seen[term.name]) {
                duplicated.add(term.name);
                errors.push({
                    code: 'duplicate-modifier',
                    message: `the "${term.name}" modifier appears more than once (RFC 7208 §6)`,
                    offset: term.offset,
                    length: term.length,
                });
            }
            else
                seen[term.name] = term;
        }
        i = j;
    }
    if (seen.redirect && !duplicated.has('redirect'))
        record.redirect = seen.redirect;
    if (seen.exp && !duplicated.has('exp'))
        record.exp = seen.exp;
    return { ok: errors.length === 0, record, errors };
}
function invalid(text, offset, error) {
    const t = {
        kind: 'invalid',
        text,
        offset,
        length: text.length,
        error: {
            code: error.code,
            message: error.message,
            offset: error.offset ?? offset,
            length: error.length ?? text.length,
        },
    };
    return t;
}
/** Most characters of a term quoted in a message; a longer term is shortened with "...". */
const QUOTED_TERM_MAX = 64;
/**
 * A term (untrusted DNS text) quoted for a message: `"` and `\` backslash-escaped, characters outside printable
 * US-ASCII written as `\x..`/`\u{..}`, at most {@link QUOTED_TERM_MAX} characters (then `...`).
 */
function quoteTerm(term) {
    const chars = [...term];
    const shown = chars.slice(0, QUOTED_TERM_MAX).map((c) => {
        if (c === '"' || c === '\\')
            return `\\${c}`;
        const code = c.codePointAt(0) ?? 0;
        if (code >= 0x20 && code <= 0x7e)
            return c;
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    });
    return `"${shown.join('')}${chars.length > QUOTED_TERM_MAX ? '...' : ''}"`;
}
function firstBadChar(text) {
    for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c < 0x21 || c > 0x7e)
            return k;
    }
    return -1;
}
function parseCidr(digits, max) {
    if (!/^(0|[1-9]\d*)$/.test(digits) || digits.length > 3)
        return null;
    const n = Number(digits);
    return n <= max ? n : null;
}
function parseTerm(text, offset) {
    const mod = MODIFIER_RE.exec(text);
    if (mod)
        return parseModifier(text, offset, mod[1] ?? '');
    let q = '+';
    let qualifierExplicit = false;
    let body = text;
    let bodyOffset = offset;
    const first = text[0];
    if (first === '+' || first === '-' || first === '~' || first === '?') {
        q = first;
        qualifierExplicit = true;
        body = text.slice(1);
        bodyOffset = offset + 1;
    }
    const mm = MECHANISM_RE.exec(body);
    if (!mm) {
        const bad = firstBadChar(text);
        if (bad >= 0 && bad <= (/[:/=]/.exec(text)?.index ?? text.length)) {
            return invalid(text, offset, {
                code: 'invalid-character',
                message: `character ${describeChar(text[bad] ?? '')} is not allowed in a term; terms are separated by spaces only (RFC 7208 §4.6.1)`,
                offset: offset + bad,
                length: 1,
            });
        }
        const nameEnd = body.search(/[:/=]/);
        const name = nameEnd < 0 ? body : body.slice(0, nameEnd);
        if (body.startsWith('=') || (nameEnd >= 0 && body[nameEnd] === '=' && !qualifierExplicit)) {
            return invalid(text, offset, {
                code: 'invalid-modifier-name',
                message: `"${name}" is not a valid modifier name: a name starts with a letter and has only letters, digits, "-", "_" and "." (RFC 7208 §6, §12)`,
            });
        }
        if (name === '') {
            // Nothing before ":" or "/" (e.g. "::error::x"): there is no name to quote, so quote the term.
            return invalid(text, offset, {
                code: 'unknown-mechanism',
                message: `unknown term ${quoteTerm(text)}: no mechanism name before ${describeChar(body[0] ?? '')} (RFC 7208 §5, §12)`,
            });
        }
        return invalid(text, offset, {
            code: 'unknown-mechanism',
            message: `unknown mechanism ${quoteTerm(name)}${name === body ? '' : ` in term ${quoteTerm(text)}`} (RFC 7208 §5, §12)`,
            offset: bodyOffset,
            length: name.length,
        });
    }
    const name = (mm[1] ?? '').toLowerCase();
    const rest = body.slice(name.length);
    const restOffset = bodyOffset + name.length;
    const base = {
        kind: 'mechanism',
        qualifier: q,
        qualifierExplicit,
        text,
        offset,
        length: text.length,
    };
    const syntax = (message, at = restOffset, len = rest.length) => invalid(text, offset, { code: 'invalid-syntax', message, offset: at, length: len });
    switch (name) {
        case 'all':
            if (rest !== '')
                return syntax('"all" takes no argument or prefix length (RFC 7208 §5.1)');
            return { ...base, name };
        case 'include':
        case 'exists': {
            if (!rest.startsWith(':'))
                return syntax(`"${name}" requires ":" and a domain-spec (RFC 7208 §5.${name === 'include' ? 2 : 7})`);
            const ds = parseDomainSpec(rest.slice(1), restOffset + 1);
            if (ds.error)
                return invalid(text, offset, fromMacroError(ds.error));
            return { ...base, name, domainSpec: ds.value };
        }
        case 'ptr': {
            if (rest === '')
                return { ...base, name };
            if (!rest.startsWith(':'))
                return syntax('"ptr" takes only ":" and a domain-spec, no prefix length (RFC 7208 §5.5)');
            const ds = parseDomainSpec(rest.slice(1), restOffset + 1);
            if (ds.error)
                return invalid(text, offset, fromMacroError(ds.error));
            return { ...base, name, domainSpec: ds.value };
        }
        case 'a':
        case 'mx': {
            let arg = rest;
            let argOffset = restOffset;
            let domainText;
            if (arg.startsWith(':')) {
                arg = arg.slice(1);
                argOffset++;
                domainText = arg;
            }
            const cm = CIDR_SUFFIX_RE.exec(arg);
            const suffixLen = cm ? (cm[0] ?? '').length : 0;
            const suffixStart = arg.length - suffixLen;
            if (domainText === undefined && suffixStart !== 0) {
                return syntax(`invalid text after "${name}": expected ":" domain-spec or a dual-cidr-length (RFC 7208 §5.${name === 'a' ? 3 : 4})`);
            }
            const mech = { ...base, name };
            if (cm?.[1] !== undefined) {
                const v = parseCidr(cm[1], 32);
                if (v === null) {
                    return invalid(text, offset, {
                        code: 'invalid-cidr',
                        message: `invalid IPv4 prefix length "/${cm[1]}": 0-32 without leading zeros (RFC 7208 §5.6)`,
                        offset: argOffset + suffixStart,
                        length: cm[1].length + 1,
                    });
                }
                mech.ip4Cidr = v;
            }
            if (cm?.[2] !== undefined) {
                const v = parseCidr(cm[2], 128);
                if (v === null) {
                    return invalid(text, offset, {
                        code: 'invalid-cidr',
                        message: `invalid IPv6 prefix length "//${cm[2]}": 0-128 without leading zeros (RFC 7208 §5.6)`,
                        offset: argOffset + arg.length - cm[2].length - 2,
                        length: cm[2].length + 2,
                    });
                }
                mech.ip6Cidr = v;
            }
            if (domainText !== undefined) {
                const ds = parseDomainSpec(arg.slice(0, suffixStart), argOffset);
                if (ds.error)
                    return invalid(text, offset, fromMacroError(ds.error));
                mech.domainSpec = ds.value;
            }
            return mech;
        }
        case 'ip4':
        case 'ip6': {
            if (!rest.startsWith(':')) {
                return syntax(`"${name}" requires ":" and a network (RFC 7208 §5.6)`);
            }
            const arg = rest.slice(1);
            const argOffset = restOffset + 1;
            const slash = arg.indexOf('/');
            const network = slash < 0 ? arg : arg.slice(0, slash);
            const address = name === 'ip4' ? parseIp4(network) : parseIp6(network);
            if (!address) {
                return invalid(text, offset, {
                    code: name === 'ip4' ? 'invalid-ip4' : 'invalid-ip6',
                    message: name === 'ip4'
                        ? `"${network}" is not an ip4-network: four decimal numbers 0-255 without leading zeros (RFC 7208 §5.6)`
                        : `"${network}" is not an ip6-network (RFC 7208 §5.6, RFC 4291 §2.2)`,
                    offset: argOffset,
                    length: network.length,
                });
            }
            const mech = { ...base, name, network, address };
            if (slash >= 0) {
                const digits = arg.slice(slash + 1);
                const v = parseCidr(digits, name === 'ip4' ? 32 : 128);
                if (v === null) {
                    return invalid(text, offset, {
                        code: 'invalid-cidr',
                        message: `invalid prefix length "/${digits}": ${name === 'ip4' ? '0-32' : '0-128'} without leading zeros (RFC 7208 §5.6)`,
                        offset: argOffset + slash,
                        length: arg.length - slash,
                    });
                }
                mech.cidr = v;
            }
            return mech;
        }
    }
}
function parseModifier(text, offset, rawName) {
    const name = rawName.toLowerCase();
    const valueText = text.slice(rawName.length + 1);
    const valueOffset = offset + rawName.length + 1;
    if (name === 'redirect' || name === 'exp') {
        const ds = parseDomainSpec(valueText, valueOffset);
        if (ds.error)
            return invalid(text, offset, fromMacroError(ds.error));
        const mod = {
            kind: 'modifier',
            name,
            domainSpec: ds.value,
            text,
            offset,
            length: text.length,
        };
        return mod;
    }
    const ms = parseMacroString(valueText, valueOffset, EXP_MACRO_LETTERS);
    if (ms.error)
        return invalid(text, offset, fromMacroError(ms.error));
    return {
        kind: 'modifier',
        name: 'unknown',
        modifierName: rawName,
        value: ms.value,
        text,
        offset,
        length: text.length,
    };
}
/** Prints one term in canonical form: explicit qualifier kept, names lower-case, arguments as written. */
function printSpfTerm(term) {
    if (term.kind === 'invalid')
        return term.text;
    if (term.kind === 'modifier') {
        if (term.name === 'unknown')
            return `${term.modifierName}=${term.value.text}`;
        return `${term.name}=${term.domainSpec.text}`;
    }
    const q = term.qualifierExplicit ? term.qualifier : '';
    switch (term.name) {
        case 'all':
            return `${q}all`;
        case 'include':
        case 'exists':
            return `${q}${term.name}:${term.domainSpec.text}`;
        case 'ptr':
            return `${q}ptr${term.domainSpec ? `:${term.domainSpec.text}` : ''}`;
        case 'a':
        case 'mx': {
            let s = `${q}${term.name}`;
            if (term.domainSpec)
                s += `:${term.domainSpec.text}`;
            if (term.ip4Cidr !== undefined)
                s += `/${term.ip4Cidr}`;
            if (term.ip6Cidr !== undefined)
                s += `//${term.ip6Cidr}`;
            return s;
        }
        case 'ip4':
        case 'ip6':
            return `${q}${term.name}:${term.network}${term.cidr !== undefined ? `/${term.cidr}` : ''}`;
    }
}
/**
 * Prints a record: `v=spf1` and the terms in canonical form ({@link printSpfTerm}), separated by single
 * spaces. For a record already in that form, `printSpfRecord(parseSpfRecord(t).record) === t`.
 */
function printSpfRecord(ast) {
    return ['v=spf1', ...ast.terms.map(printSpfTerm)].join(' ');
}
/**
 * Selects the SPF record among a name's TXT records (RFC 7208 §4.5): records whose joined text begins with
 * `v=spf1` (case-insensitive) followed by a space or the end. None -> `none`; more than one -> `multiple`.
 *
 * @param txt the TXT records, each a list of character-strings (as a {@link Resolver} returns them)
 */
function selectSpfRecords(txt) {
    const records = [];
    txt.forEach((strings, index) => {
        const text = strings.join('');
        if (isSpfRecord(text))
            records.push({ index, strings: [...strings], text });
    });
    if (records.length === 0)
        return { status: 'none', records };
    if (records.length > 1)
        return { status: 'multiple', records };
    return { status: 'one', record: records[0], records };
}

;// CONCATENATED MODULE: ./lib/spf/lint.js
/**
 * Findings about one SPF record that need no DNS: syntax errors (RFC 7208 §4.6, §12), a final `+all` or
 * `?all` (§5.1), duplicate mechanisms, mechanisms after `all` (§5.1), and a root record with neither `all`
 * nor `redirect` (§4.7).
 *
 * @module
 */


/** The evidence of a term: the record, the term and its position (UTF-16 code units of the record text). */
function termEvidence(domain, record, t) {
    return { name: domain, record, term: t.text, position: { offset: t.offset, length: t.length } };
}
/** The space-separated term of `text` around `offset`. */
function termAt(text, offset) {
    let start = offset;
    while (start > 0 && text[start - 1] !== ' ')
        start--;
    let end = offset;
    while (end < text.length && text[end] !== ' ')
        end++;
    return text.slice(start, end);
}
/** The finding of a syntax error: `spf.macro-in-ip` for a macro in ip4/ip6, else `spf.syntax-error`. */
function syntaxFinding(domain, text, e) {
    const term = termAt(text, e.offset);
    const evidence = {
        name: domain,
        record: text,
        term,
        position: { offset: e.offset, length: e.length },
    };
    if (/^[+\-~?]?ip[46]:/i.test(term) && term.includes('%')) {
        return SPF_FINDINGS.macroInIp(`${term} in the SPF record of ${domain} contains a macro; ip4/ip6 take a literal network`, evidence);
    }
    return SPF_FINDINGS.syntaxError(`syntax error in the SPF record of ${domain} at position ${e.offset}: ${e.message}`, evidence);
}
/**
 * The finding of the record's first `all` (§5.1): `spf.pass-all` or `spf.neutral-all` when it ends the policy
 * (`rootChain`), `spf.pass-all` for a `+all` in an included record; none otherwise.
 */
function allFinding(domain, mech, rootChain, evidence) {
    if (rootChain) {
        if (mech.qualifier === '+') {
            return SPF_FINDINGS.passAll(`the SPF policy of ${domain} ends with "${mech.text}": every host on the Internet passes`, evidence);
        }
        if (mech.qualifier === '?') {
            return SPF_FINDINGS.neutralAll(`the SPF policy of ${domain} ends with "?all": other hosts get neutral`, evidence);
        }
        return undefined;
    }
    if (mech.qualifier === '+') {
        return SPF_FINDINGS.passAll(`the SPF record of ${domain} (included) has "${mech.text}": every host passes the include`, evidence);
    }
    return undefined;
}
/**
 * The findings about a record's terms as a whole, in this order: each mechanism written more than once
 * (`spf.duplicate-term`, in the order of their second occurrence), the mechanisms after `all`
 * (`spf.terms-after-all`), and, for the root chain, a record with neither `all` nor `redirect` (`spf.no-all`).
 *
 * @param terms the parsed terms of the record
 * @param rootChain true for the root record and the redirect targets reached from it
 * @param syntaxError true when the record has a syntax error (no `spf.no-all` then)
 */
function recordFindings(domain, record, terms, rootChain, syntaxError) {
    const findings = [];
    const allIndex = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
    const seen = new Map();
    const duplicates = new Map();
    for (const term of terms) {
        if (term.kind !== 'mechanism')
            continue;
        const key = printSpfTerm(term).toLowerCase();
        const first = seen.get(key);
        if (!first)
            seen.set(key, term);
        else {
            const list = duplicates.get(key);
            if (list)
                list.push(term);
            else
                duplicates.set(key, [first, term]);
        }
    }
    for (const dup of duplicates.values()) {
        const first = dup[0];
        findings.push(SPF_FINDINGS.duplicateTerm(`${first.text} appears ${dup.length} times in the SPF record of ${domain}`, {
            ...termEvidence(domain, record, dup[1]),
            details: { count: dup.length, offsets: dup.map((t) => t.offset) },
        }));
    }
    const afterAll = allIndex < 0
        ? []
        : terms
            .slice(allIndex + 1)
            .filter((t) => t.kind === 'mechanism')
            .map((t) => t.text);
    if (afterAll.length > 0) {
        const allTerm = terms[allIndex];
        const from = terms[allIndex + 1]?.offset ?? 0;
        findings.push(SPF_FINDINGS.termsAfterAll(`${afterAll.join(' ')} come after "${allTerm.text}" in the SPF record of ${domain} and are never evaluated`, {
            name: domain,
            record,
            term: afterAll.join(' '),
            position: { offset: from, length: record.length - from },
        }));
    }
    const hasRedirect = terms.some((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (rootChain && allIndex < 0 && !hasRedirect && !syntaxError) {
        findings.push(SPF_FINDINGS.noAll(`the SPF record of ${domain} has neither "all" nor "redirect": hosts it does not list get neutral`, { name: domain, record }));
    }
    return findings;
}

;// CONCATENATED MODULE: ./lib/spf/overlap.js
/**
 * Redundant ip4/ip6 terms of one SPF record (RFC 7208 §5.6): a network inside another network of the same
 * record. Runs in O(n log n) for n terms (a sort and one sweep), so records of thousands of terms stay fast.
 *
 * @module
 */

/**
 * Finds, for each ip4/ip6 term that is inside another term of the same record, the term it is inside.
 *
 * A term X is inside a term O (X's network contained in O's, same IP version, different canonical text) and
 * counts as redundant when O comes first (O always matches before X, whatever their qualifiers) or O comes
 * later with the same qualifier (removing X changes no result). A term inside a later term with another
 * qualifier is an exception carved out of it (`-ip4:192.0.2.9 ip4:192.0.2.0/24`) and is not reported. For
 * equal networks written differently, only the later ones are reported. When several terms contain X, the
 * largest network is named (the first of them in record order among equal networks).
 *
 * Networks are aligned CIDR blocks, so two of them are either nested or disjoint: sorting by start (and by
 * size, largest first) and sweeping with a stack of the enclosing networks finds every container; the stack
 * is at most 33 (IPv4) or 129 (IPv6) deep.
 *
 * @param terms the ip4/ip6 terms of one record, in record order
 * @returns a map from the index of each redundant term to the index of the term it is inside
 */
function redundantNetworks(terms) {
    const groups = new Map();
    for (const t of terms) {
        const [start, end] = cidrRange(t.cidr);
        const id = `${t.cidr.address.version}/${start}/${end}`;
        let g = groups.get(id);
        if (!g) {
            g = { version: t.cidr.address.version, start, end, members: [], byQualifier: new Map() };
            groups.set(id, g);
        }
        g.members.push(t);
        if (!g.byQualifier.has(t.qualifier))
            g.byQualifier.set(t.qualifier, t);
    }
    const sorted = [...groups.values()].sort((a, b) => a.version - b.version ||
        (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
        (a.end > b.end ? -1 : a.end < b.end ? 1 : 0));
    const out = new Map();
    const stack = [];
    for (const g of sorted) {
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (top.version === g.version && top.end >= g.start)
                break;
            stack.pop();
        }
        const first = g.members[0];
        const firstOtherKey = g.members.find((m) => m.key !== first.key);
        for (const x of g.members) {
            let container;
            // The largest enclosing network first.
            for (const outer of stack) {
                const head = outer.members[0];
                container = head.index < x.index ? head : outer.byQualifier.get(x.qualifier);
                if (container)
                    break;
            }
            if (!container) {
                // An equal network written differently, earlier in the record.
                const earlier = first.key !== x.key ? first : firstOtherKey;
                if (earlier && earlier.index < x.index)
                    container = earlier;
            }
            if (container)
                out.set(x.index, container.index);
        }
        stack.push(g);
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/spf/static-macro.js
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

/** The macro letters known without a client (see the module description). */
const STATIC_MACRO_LETTERS = new Set(['d', 'o']);
/** The macro letters of a macro-string whose value depends on the message or the client, each once, in order. */
function dynamicMacroLetters(ms) {
    const out = [];
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
function expandStaticDomainSpec(ms, values) {
    let out = '';
    for (const t of ms.tokens) {
        if (t.type === 'literal')
            out += t.text;
        else if (t.type === 'escape')
            out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
        else {
            if (!STATIC_MACRO_LETTERS.has(t.letter))
                return null;
            const raw = t.letter === 'd' ? values.domain : values.senderDomain;
            const transformed = transformValue(raw, t.digits, t.reverse, t.delimiters);
            out += t.urlEscape ? urlEscape(transformed) : transformed;
        }
    }
    return targetName(out);
}
/** Writes a name back as a macro-string that expands to it: `%` as `%%`, a space as `%_`. */
function escapeMacroLiteral(name) {
    return name.replace(/%/g, '%%').replace(/ /g, '%_');
}

;// CONCATENATED MODULE: ./lib/spf/tree.js
/**
 * Expansion of an SPF policy into its include/redirect tree for the static analysis: every record is read
 * and each of its terms examined whatever a client address would do (RFC 7208 §4.6, §5, §6), past the
 * lookup limit; a/mx/exists targets are resolved, pass-authorized networks collected, and the findings about
 * each record and term reported in record order.
 *
 * @module
 */














/**
 * Expands the include/redirect tree of one policy and collects its findings, DNS failures, authorized
 * networks and flattening bookkeeping. All DNS goes through one cache.
 */
class TreeExpander {
    root;
    maxNodes;
    maxTermLookups;
    findings = [];
    /** Transient DNS failures (TIMEOUT, SERVFAIL, REFUSED) met by the expansion, one per name and type. */
    dnsErrors = [];
    /**
     * The networks each ip4/ip6 term and each resolved a/mx term matches (whatever its qualifier); the input of
     * `authorizedSet` (authorized.ts). Terms missing from it depend on each message or on failed DNS.
     */
    termNetworks = new WeakMap();
    flatten;
    /** Records expanded so far. */
    nodes = 0;
    /** Records not expanded because of `maxNodes`. */
    notExpanded = 0;
    /** a/mx/exists terms resolved so far, and those left unresolved because of `maxTermLookups`. */
    termLookups = 0;
    notResolved = 0;
    /** Zone file locations of the SPF records read, by owner name (only answers from zone files have them). */
    sources = new Map();
    /** The cached resolver; its answers are not recorded in {@link dnsErrors} (see {@link query}). */
    resolver;
    /**
     * @param root the analyzed domain (normalised)
     * @param maxNodes records to expand at most
     * @param maxTermLookups a/mx/exists terms to resolve at most
     */
    constructor(resolver, root, maxNodes, maxTermLookups) {
        this.root = root;
        this.maxNodes = maxNodes;
        this.maxTermLookups = maxTermLookups;
        this.resolver = cachedResolver(resolver);
        this.flatten = new FlattenPlan(root);
    }
    /** A query of the policy's own expansion: a transient failure is recorded in {@link dnsErrors}. */
    async query(name, type) {
        const r = await this.resolver.query(name, type);
        if (resolver_isTransientFailure(r) &&
            !r.ok &&
            !this.dnsErrors.some((e) => e.name === r.name && e.type === r.type)) {
            this.dnsErrors.push(r);
        }
        return r;
    }
    /** Adds a finding for the root domain, pointing at the zone file line of its record when known. */
    add(finding) {
        const name = finding.evidence?.name;
        const source = name === undefined ? undefined : this.sources.get(name);
        if (source && finding.evidence && !finding.evidence.source) {
            finding = { ...finding, evidence: { ...finding.evidence, source } };
        }
        this.findings.push({ domain: this.root, ...finding });
    }
    /** Addresses of a name (A and AAAA); `void` when neither exists; `error` on server trouble. */
    async addresses(name) {
        const [a, aaaa] = await Promise.all([this.query(name, 'A'), this.query(name, 'AAAA')]);
        const ips = [];
        for (const r of [a, aaaa]) {
            if (!r.ok)
                continue;
            for (const t of r.records) {
                const ip = parseAnswerIp(t);
                if (ip)
                    ips.push(ip);
            }
        }
        const errs = [a, aaaa].filter((r) => resolver_isTransientFailure(r));
        const isVoid = (r) => !r.ok && (r.kind === 'NXDOMAIN' || r.kind === 'NODATA');
        const out = {
            ips,
            void: isVoid(a) && isVoid(aaaa),
            void4: isVoid(a),
            void6: isVoid(aaaa),
        };
        if (errs.length)
            out.error = errs.map((e) => `${e.type} ${e.kind}`).join(', ');
        return out;
    }
    /**
     * Expands one record and everything it reaches.
     * @param ancestors the records from the root to the one that leads here
     * @param authorized true when a pass of this record authorizes the client for the root policy
     * @param rootChain true for the root and redirect targets reached from it (where `all` is the policy's end)
     * @param viaTerm the include/redirect term of the parent that leads here
     */
    async node(domain, via, depth, ancestors, authorized, rootChain, viaTerm) {
        const node = {
            domain,
            via,
            depth,
            status: 'found',
            terms: [],
            ownLookups: 0,
            lookups: 0,
            voidLookups: 0,
            subtreeVoidLookups: 0,
            children: [],
        };
        if (viaTerm)
            node.viaTerm = viaTerm;
        if (ancestors.includes(domain)) {
            const path = [...ancestors, domain];
            node.status = 'loop';
            node.detail = `${domain} is already on the path ${path.join(' -> ')}`;
            this.add(SPF_FINDINGS.loop(`${via} loop: ${path.join(' -> ')}`, {
                name: ancestors[ancestors.length - 1] ?? domain,
                ...(viaTerm ? { term: viaTerm } : {}),
                details: { path },
            }));
            return node;
        }
        if (++this.nodes > this.maxNodes) {
            this.notExpanded++;
            node.status = 'not-expanded';
            node.detail = `more than ${this.maxNodes} records in the tree`;
            return node;
        }
        const txt = await this.query(domain, 'TXT');
        if (!txt.ok) {
            if (resolver_isTransientFailure(txt)) {
                node.status = 'dns-error';
                node.detail = `TXT ${domain}: ${txt.kind}`;
                this.add(SPF_FINDINGS.dnsError(`DNS ${txt.kind} reading the TXT records of ${domain}`, { name: domain }));
            }
            else {
                node.status = 'none';
                node.detail = txt.kind;
            }
            return node;
        }
        const sel = selectSpfRecords(txt.records);
        if (sel.status === 'none') {
            node.status = 'none';
            node.detail = 'no v=spf1 TXT record';
            return node;
        }
        if (sel.status === 'multiple') {
            node.status = 'multiple';
            node.records = sel.records.map((r) => r.text);
            this.add(SPF_FINDINGS.multipleRecords(`${domain} publishes ${sel.records.length} SPF records`, {
                name: domain,
                details: { records: node.records },
            }));
            for (const r of sel.records)
                this.checkSize(domain, r.text, r.strings);
            return node;
        }
        const text = sel.record.text;
        const at = txt.records.findIndex((strings) => strings.join('') === text);
        const source = at >= 0 ? txt.source?.[at] : undefined;
        if (source) {
            this.sources.set(domain, source);
            node.source = source;
        }
        node.record = text;
        node.strings = sel.record.strings;
        if (this.checkSize(domain, text, node.strings) > MAX_TXT_RDATA) {
            // No DNS server can serve it: report it and leave its terms alone (bounds the work on any input).
            node.status = 'invalid';
            node.detail = `the TXT record is larger than ${MAX_TXT_RDATA} octets`;
            return node;
        }
        const parsed = parseSpfRecord(text);
        if (!parsed.ok) {
            node.status = 'invalid';
            node.errors = parsed.errors;
            for (const e of parsed.errors)
                this.add(syntaxFinding(domain, text, e));
        }
        await this.terms(node, parsed.record.terms, { path: [...ancestors, domain], authorized, rootChain });
        sumSubtree(node);
        return node;
    }
    /** Reports the size findings of a record; returns its RDATA size in octets. */
    checkSize(domain, text, strings) {
        const size = recordSizeFindings(domain, text, strings);
        for (const f of size.findings)
            this.add(f);
        return size.rdataOctets;
    }
    /** Examines the terms of a record in order, then reports the findings about the record as a whole. */
    async terms(node, terms, reach) {
        const domain = node.domain;
        const record = node.record ?? '';
        // ip4/ip6 terms inside another one: one sort and one sweep for the whole record (RFC 7208 §5.6).
        const networkTerms = [];
        terms.forEach((t, index) => {
            if (t.kind === 'mechanism' && (t.name === 'ip4' || t.name === 'ip6')) {
                networkTerms.push({
                    index,
                    cidr: ipCidr(t),
                    qualifier: t.qualifier,
                    key: printSpfTerm(t).toLowerCase(),
                });
            }
        });
        const scope = {
            ...reach,
            node,
            terms,
            allIndex: terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all'),
            inside: redundantNetworks(networkTerms),
            evidence: (t) => termEvidence(domain, record, t),
        };
        for (const [index, term] of terms.entries()) {
            const info = termInfo(term, !(scope.allIndex >= 0 && index > scope.allIndex));
            node.terms.push(info);
            if (term.kind === 'modifier')
                await this.modifier(scope, term, info);
            else if (term.kind === 'mechanism')
                await this.mechanism(scope, term, index, info);
        }
        const whole = recordFindings(domain, record, terms, reach.rootChain, node.status === 'invalid');
        for (const f of whole)
            this.add(f);
    }
    /** A modifier (RFC 7208 §6): unknown ones are reported, `exp` is left alone, `redirect` is followed. */
    async modifier(scope, term, info) {
        const { node } = scope;
        const domain = node.domain;
        if (term.name === 'unknown') {
            this.add(SPF_FINDINGS.unknownModifier(`unknown modifier "${term.modifierName}" in the SPF record of ${domain}`, scope.evidence(term)));
            return;
        }
        if (term.name === 'exp')
            return;
        if (scope.allIndex >= 0) {
            // §6.1: a redirect is only used when no mechanism matches, and `all` always matches.
            info.macro = hasMacros(term.domainSpec);
            info.reached = false;
            this.add(SPF_FINDINGS.redirectIgnored(`${term.text} in the SPF record of ${domain} is never used: the record has an "all" mechanism`, scope.evidence(term)));
            return;
        }
        info.cost = 1;
        node.ownLookups++;
        const spec = this.spec(term, term.domainSpec, domain, info, scope.evidence(term));
        if (spec === null) {
            this.flatten.notFlat(domain, term.text, 'redirect target uses macros', true, 1);
            return;
        }
        await this.follow(scope, term, 'redirect', spec.target, info, scope.authorized, scope.rootChain);
    }
    /** A mechanism (RFC 7208 §5): its cost, its findings, its networks and what flattening keeps of it. */
    async mechanism(scope, mech, index, info) {
        const { node, authorized, rootChain } = scope;
        const domain = node.domain;
        const evidence = scope.evidence(mech);
        info.qualifier = mech.qualifier;
        if (DNS_MECHANISMS.has(mech.name) && info.reached) {
            info.cost = 1;
            node.ownLookups++;
        }
        const passes = authorized && mech.qualifier === '+';
        // Kept verbatim when flattening: reached terms of the root chain, and pass terms of authorized includes.
        const keepable = info.reached && (rootChain || passes);
        switch (mech.name) {
            case 'all': {
                const f = index === scope.allIndex ? allFinding(domain, mech, rootChain, evidence) : undefined;
                if (f)
                    this.add(f);
                break;
            }
            case 'ip4':
            case 'ip6': {
                const at = scope.inside.get(index);
                const container = at === undefined ? undefined : scope.terms[at];
                if (container) {
                    this.add(SPF_FINDINGS.overlappingNetworks(`${mech.text} is inside ${container.text} in the SPF record of ${domain}`, {
                        ...evidence,
                        details: { container: container.text, containerOffset: container.offset },
                    }));
                }
                this.termNetworks.set(info, [ipCidr(mech)]);
                if (!passes && rootChain && info.reached)
                    this.flatten.keep(domain, mech.text, 0);
                break;
            }
            case 'include': {
                const spec = this.spec(mech, mech.domainSpec, domain, info, evidence);
                if (spec === null) {
                    this.flatten.notFlat(domain, mech.text, 'include target uses macros', keepable, info.cost);
                    break;
                }
                const child = await this.follow(scope, mech, 'include', spec.target, info, passes && info.reached, false);
                if (!passes && rootChain && info.reached)
                    this.flatten.keep(domain, spec.text, info.cost + child.lookups);
                break;
            }
            case 'a':
            case 'mx':
                await this.addressTerm(node, mech, info, passes && info.reached, keepable, evidence);
                break;
            case 'ptr': {
                this.add(SPF_FINDINGS.ptrUsed(`${mech.text} in the SPF record of ${domain}: the ptr mechanism SHOULD NOT be used`, evidence));
                const spec = mech.domainSpec ? this.spec(mech, mech.domainSpec, domain, info, evidence) : undefined;
                this.flatten.notFlat(domain, spec?.text ?? mech.text, "ptr depends on the client's reverse DNS", keepable, info.cost);
                break;
            }
            case 'exists':
                await this.existsTerm(node, mech, info, keepable, evidence);
                break;
        }
    }
    /**
     * Follows an include mechanism or a redirect modifier into its target's record: expands the child and
     * reports a target without an SPF record (permerror for check_host(), RFC 7208 §5.2, §6.1).
     * @returns the child node
     */
    async follow(scope, term, via, target, info, authorized, rootChain) {
        const { node } = scope;
        const child = await this.node(target, via, node.depth + 1, scope.path, authorized, rootChain, term.text);
        info.child = node.children.push(child) - 1;
        if (child.status === 'none') {
            const f = via === 'include' ? SPF_FINDINGS.includeNoRecord : SPF_FINDINGS.redirectNoRecord;
            this.add(f(`${term.text} in the SPF record of ${node.domain}: ${child.domain} has no SPF record, so check_host() returns permerror`, { ...scope.evidence(term), details: { target: child.domain, reason: child.detail } }));
            if (child.detail === 'NXDOMAIN' || child.detail === 'NODATA')
                child.voidLookups = 0;
        }
        return child;
    }
    /**
     * The target of a term's domain-spec, with the macros known without a client expanded
     * (`%{d}`, `%{o}`, RFC 7208 §7.2); sets `info.target`, `info.expanded` and `info.macro`.
     * For a domain-spec with other macros, returns null and reports `spf.macro-not-checked` (reached terms).
     *
     * @returns the target name and the term's text with the target written out (for the flattened policy)
     */
    spec(term, ms, domain, info, evidence) {
        const name = expandStaticDomainSpec(ms, { domain, senderDomain: this.root });
        if (name === null) {
            info.macro = true;
            if (info.reached) {
                const letters = dynamicMacroLetters(ms);
                this.add(SPF_FINDINGS.macroNotChecked(`${term.text} in the SPF record of ${domain} depends on ${letters.map((l) => `%{${l}}`).join(', ')}, known only for each message and client: its target cannot be checked statically`, { ...evidence, details: { letters } }));
            }
            return null;
        }
        const target = (resolver_normalizeName(name) ?? name).toLowerCase();
        info.target = target;
        if (!hasMacros(ms))
            return { target, text: term.text };
        info.expanded = true;
        const at = ms.offset - term.offset;
        const text = `${term.text.slice(0, at)}${escapeMacroLiteral(target)}${term.text.slice(at + ms.length)}`;
        return { target, text };
    }
    /** Counts a term resolution against `maxTermLookups`; false (and the term marked) once the limit is reached. */
    mayResolve(info) {
        if (this.termLookups < this.maxTermLookups) {
            this.termLookups++;
            return true;
        }
        this.notResolved++;
        info.notResolved = true;
        return false;
    }
    /**
     * Marks a term's lookup as void (NXDOMAIN or NODATA, RFC 7208 §4.6.4) for the client address families in
     * `families`; when it is void for every client, counts it and reports `spf.void-lookup` (the only finding of
     * the term: a void a/mx target gets no `spf.target-no-addresses`). A lookup void for one family only is
     * counted by the family budget (`voidFamilyWalk`, budget.ts).
     */
    markVoid(node, info, evidence, target, families = { ipv4: true, ipv6: true }) {
        if (!families.ipv4 && !families.ipv6)
            return;
        info.voidFamilies = families;
        if (!(families.ipv4 && families.ipv6))
            return;
        info.void = true;
        if (info.reached)
            node.voidLookups++;
        this.add(SPF_FINDINGS.voidLookup(`${info.term} in the SPF record of ${node.domain}: ${target} does not exist or has no records`, evidence));
    }
    /** `exists` (RFC 7208 §5.7): its A lookup is checked for void lookups; it never becomes networks. */
    async existsTerm(node, mech, info, keepable, evidence) {
        const domain = node.domain;
        const spec = this.spec(mech, mech.domainSpec, domain, info, evidence);
        if (spec && this.mayResolve(info)) {
            const r = await this.query(spec.target, 'A');
            if (!r.ok && (r.kind === 'NXDOMAIN' || r.kind === 'NODATA'))
                this.markVoid(node, info, evidence, spec.target);
            else if (!r.ok && resolver_isTransientFailure(r))
                info.dnsError = `A ${spec.target}: ${r.kind}`;
        }
        this.flatten.notFlat(domain, spec?.text ?? mech.text, info.macro
            ? 'exists with macros depends on each message'
            : 'exists matches on a DNS answer, not on addresses', keepable, info.cost);
    }
    /** `a` (RFC 7208 §5.3) and `mx` (§5.4): resolves the target's addresses (through its MX hosts for mx). */
    async addressTerm(node, mech, info, passes, keepable, evidence) {
        const domain = node.domain;
        const spec = mech.domainSpec
            ? this.spec(mech, mech.domainSpec, domain, info, evidence)
            : { target: domain, text: mech.text };
        if (spec === null) {
            this.flatten.notFlat(domain, mech.text, `${mech.name} target uses macros`, keepable, info.cost);
            return;
        }
        const target = spec.target;
        info.target = target;
        if (!this.mayResolve(info)) {
            this.flatten.notFlat(domain, spec.text, 'not resolved (analysis limit)', keepable, info.cost);
            return;
        }
        const p4 = mech.ip4Cidr ?? 32;
        const p6 = mech.ip6Cidr ?? 128;
        const found = [];
        const addCidrs = (ips) => {
            for (const ip of ips)
                found.push({ address: ip, prefix: ip.version === 4 ? p4 : p6 });
        };
        let error;
        if (mech.name === 'a') {
            const r = await this.addresses(target);
            if (r.error)
                error = r.error;
            this.markVoid(node, info, evidence, target, { ipv4: r.void4, ipv6: r.void6 });
            addCidrs(r.ips);
            if (!r.error && !r.void && r.ips.length === 0) {
                this.add(SPF_FINDINGS.targetNoAddresses(`${mech.text} in the SPF record of ${domain}: ${target} has no A/AAAA records`, evidence));
            }
        }
        else {
            error = await this.mxAddresses(node, mech, info, evidence, target, addCidrs);
        }
        info.networks = mergeCidrs(found).map((b) => b.cidr);
        if (error) {
            info.dnsError = error;
            this.flatten.notFlat(domain, spec.text, `DNS error: ${error}`, keepable, info.cost);
            return;
        }
        this.termNetworks.set(info, found);
        if (!passes && keepable)
            this.flatten.keep(domain, spec.text, info.cost);
    }
    /**
     * The MX hosts of an `mx` target and their addresses (sets `info.mxHosts`); reports a void MX lookup, an
     * MX set over `DEFAULT_SPF_LIMITS.maxMxHosts` (permerror for check_host(), RFC 7208 §4.6.4), and MX hosts
     * without addresses.
     * @returns the DNS error text, when there was trouble
     */
    async mxAddresses(node, mech, info, evidence, target, addCidrs) {
        const domain = node.domain;
        const mx = await this.query(target, 'MX');
        if (!mx.ok) {
            if (resolver_isTransientFailure(mx))
                return `MX ${target}: ${mx.kind}`;
            this.markVoid(node, info, evidence, target);
            return undefined;
        }
        const hosts = [...mx.records]
            .sort((x, y) => x.priority - y.priority)
            .map((m) => m.exchange.replace(/\.$/, ''));
        info.mxHosts = hosts;
        const maxHosts = DEFAULT_SPF_LIMITS.maxMxHosts;
        if (hosts.length > maxHosts) {
            this.add(SPF_FINDINGS.mxTooManyHosts(`${mech.text} in the SPF record of ${domain}: ${target} has ${hosts.length} MX records (more than ${maxHosts} is a permerror)`, { ...evidence, details: { hosts } }));
        }
        let error;
        let addresses = 0;
        for (const h of hosts) {
            if (h === '')
                continue;
            const r = await this.addresses(h);
            if (r.error)
                error = error ? `${error}; ${h}: ${r.error}` : `${h}: ${r.error}`;
            addCidrs(r.ips);
            addresses += r.ips.length;
        }
        if (addresses === 0 && !error) {
            this.add(SPF_FINDINGS.targetNoAddresses(`${mech.text} in the SPF record of ${domain}: the MX hosts of ${target} have no A/AAAA records`, evidence));
        }
        return error;
    }
}
/** The information of a term before it is examined. */
function termInfo(term, reached) {
    return {
        term: term.text,
        offset: term.offset,
        length: term.length,
        kind: term.kind,
        name: term.kind === 'invalid'
            ? term.text
            : term.kind === 'modifier' && term.name === 'unknown'
                ? term.modifierName
                : term.name,
        cost: 0,
        reached,
        macro: false,
        void: false,
    };
}
/** The network of an ip4/ip6 mechanism (default prefix: the whole address). */
function ipCidr(mech) {
    return { address: mech.address, prefix: mech.cidr ?? (mech.name === 'ip4' ? 32 : 128) };
}

;// CONCATENATED MODULE: ./lib/spf/audit.js
/**
 * Static analysis of a domain's SPF policy: expands the whole include/redirect tree whatever a client
 * address would do (and past the limits, so everything is visible), costs every subtree against the
 * RFC 7208 §4.6.4 lookup limit, resolves the authorized networks, and reports findings from
 * {@link SPF_FINDINGS}; optionally suggests a flattened policy.
 *
 * The work is split by job: analysis.ts (the data types), tree.ts (the tree expansion and per-term findings),
 * lint.ts and record-size.ts (findings about one record's text), budget.ts (lookup and void-lookup
 * budget), flatten.ts (flattening bookkeeping and suggestion). This module runs them in order.
 *
 * @module
 */










/** Default `maxNodes`: records of the tree expanded at most. */
const DEFAULT_MAX_NODES = 200;
/** Default `maxTermLookups`: a/mx/exists terms resolved at most. */
const DEFAULT_MAX_TERM_LOOKUPS = 500;
/**
 * Analyzes the SPF policy of `domain` without a client address.
 *
 * - Expands every include and redirect (loops are cut and reported), past the lookup limit, up to
 *   `maxNodes` records; resolves at most `maxTermLookups` a/mx/exists terms (`spf.analysis-incomplete`).
 * - Macros: `%{d}` (the current domain) and `%{o}` (the analyzed domain) are known without a client and are
 *   expanded (RFC 7208 §7.2, §7.3), so such targets are checked like literal ones; a target with other macros
 *   gets `spf.macro-not-checked`.
 * - A record over 65535 octets of TXT RDATA (RFC 1035 §3.2.1) cannot be served: `spf.record-too-large`, and
 *   its terms are not analyzed. Otherwise the work is O(n log n) in the number of terms (overlapping networks:
 *   `redundantNetworks`).
 * - Costs: `lookups` is the worst case of RFC 7208 §4.6.4 (every reached DNS-querying term of the tree;
 *   terms after `all`, and a redirect made unreachable by `all`, cost nothing), compared with
 *   `DEFAULT_SPF_LIMITS.maxLookups`. Per node: own and subtree cost.
 * - Networks: the addresses the policy authorizes, computed in evaluation order (authorized.ts: per record
 *   the first matching term decides, non-pass terms remove their addresses from later pass terms, an include
 *   contributes its record's pass set, a reached `+all` gives everything), as a minimal CIDR list;
 *   macro/exists/ptr terms are listed as not flattenable and make `networks.exact` false; so does a policy
 *   over the lookup or void lookup limit (`networks.limitExceeded` says why: clients reaching the limit get
 *   permerror, RFC 7208 §4.6.4).
 * - Void lookups: counted per client address family (`voidLookupsByFamily`; an `a` target with A records
 *   only is void for IPv6 clients, RFC 7208 §5.3); `spf.void-budget-spent` when a term that can be void is
 *   reached with the budget spent. One finding per void term (`spf.void-lookup`; a void a/mx target gets no
 *   `spf.target-no-addresses`).
 * - Findings: see {@link SPF_FINDINGS}. A TIMEOUT/SERVFAIL at the domain gives `spf.dns-error`, never
 *   `spf.no-record`; the DNS failures of the policy's own records and terms are in `dnsErrors`. The probes
 *   for a v=spf1 record misplaced at `_dmarc.<domain>` and `_domainkey.<domain>` are not part of the policy:
 *   a transient failure there gives the info finding `spf.misplaced-not-checked`, not a `dnsErrors` entry.
 * - Flattening: when `options.budget` is given or the policy exceeds `DEFAULT_SPF_LIMITS.maxLookups`. The
 *   suggestion authorizes exactly `networks.blocks` (plus the kept message-dependent terms); it is refused
 *   (`flatten.refused`, no records) when the policy authorizes everything or when no list can keep its
 *   authorized set.
 *
 * Never throws for DNS or record problems.
 */
async function auditSpf(domain, options) {
    const lookupLimit = DEFAULT_SPF_LIMITS.maxLookups;
    const name = resolver_normalizeName(domain);
    if (!name?.includes('.')) {
        return {
            domain,
            status: 'none',
            record: null,
            records: [],
            tree: null,
            lookups: 0,
            lookupLimit,
            voidLookups: 0,
            voidLookupsByFamily: { ipv4: 0, ipv6: 0 },
            networks: {
                blocks: [],
                ipv4Addresses: 0,
                ipv6Addresses: 0,
                ipv6AddressCount: '0',
                exact: true,
                notFlattenable: [],
            },
            findings: [
                SPF_FINDINGS.invalidDomain(`"${domain}" is not a valid multi-label domain name`, { name: domain }, { domain }),
            ],
            dnsErrors: [],
        };
    }
    const an = new TreeExpander(options.resolver, name, options.maxNodes ?? DEFAULT_MAX_NODES, options.maxTermLookups ?? DEFAULT_MAX_TERM_LOOKUPS);
    const tree = await an.node(name, 'root', 0, [], true, true);
    for (const f of await misplacedRecordFindings(an, name))
        an.add(f);
    for (const f of type99Findings(options.zones ?? [], name))
        an.add(f);
    if (tree.status === 'none') {
        an.add(SPF_FINDINGS.noRecord(`${name} publishes no SPF record`, { name }));
    }
    const incomplete = incompleteFinding(an, name);
    if (incomplete)
        an.add(incomplete);
    for (const f of budgetFindings(tree, name))
        an.add(f);
    const notFlattenable = an.flatten.notFlattenable;
    if (notFlattenable.length > 0) {
        const n = notFlattenable.length;
        an.add(SPF_FINDINGS.notFlattenable(`${n === 1 ? '1 term' : `${n} terms`} of the SPF policy of ${name} ${n === 1 ? 'depends' : 'depend'} on each message and cannot be flattened: ${notFlattenable.map((t) => t.term).join(', ')}`, { name, details: { terms: notFlattenable } }));
    }
    const set = authorizedSet(tree, an.termNetworks);
    const blocks = setBlocks(set.pass);
    const ipv6 = countAddresses(blocks, 6);
    const networks = {
        blocks,
        ipv4Addresses: Number(countAddresses(blocks, 4)),
        ipv6Addresses: Number(ipv6),
        ipv6AddressCount: ipv6.toString(),
        exact: set.exact,
        notFlattenable,
    };
    const lookups = tree.lookups;
    const voids = voidFamilyWalk(tree).counts;
    const voidTrouble = an.findings.some((f) => f.id === 'spf.void-lookup-limit' || f.id === 'spf.void-budget-spent');
    if (lookups > lookupLimit || voidTrouble) {
        // check_host() stops with permerror for the clients that reach the limit (RFC 7208 §4.6.4), so some
        // addresses of `blocks` do not pass today.
        networks.exact = false;
        networks.limitExceeded =
            lookups > lookupLimit
                ? `the policy needs up to ${lookups} DNS lookups (limit ${lookupLimit}): clients that reach the limit get permerror`
                : 'the policy exceeds the void lookup limit: clients that reach it get permerror';
    }
    const out = {
        domain: name,
        status: audit_recordStatus(tree, an.dnsErrors, name),
        record: tree.record ?? null,
        records: tree.records ?? (tree.record ? [tree.record] : []),
        tree,
        lookups,
        lookupLimit,
        voidLookups: Math.max(voids.ipv4, voids.ipv6),
        voidLookupsByFamily: voids,
        networks,
        findings: an.findings,
        dnsErrors: an.dnsErrors,
    };
    if (tree.record && (options.budget !== undefined || lookups > lookupLimit)) {
        out.flatten = an.flatten.suggest({ ...set, everything: isFull(set.pass) }, blocks, finalAll(tree), options.budget ?? lookupLimit);
        if (lookups > lookupLimit && !out.flatten.refused) {
            out.flatten.warning +=
                ` The current policy needs up to ${lookups} DNS lookups (limit ${lookupLimit}, RFC 7208 §4.6.4) and ` +
                    'returns permerror for clients that reach the limit; the flattened record does not, so it authorizes ' +
                    'clients that fail today.';
            out.flatten.exact = false;
        }
        if (voidTrouble && !out.flatten.refused) {
            // The flattened record has no void lookups: clients that get permerror today would be authorized.
            out.flatten.warning +=
                ' The current policy returns permerror for some or all clients because of its void lookups ' +
                    '(RFC 7208 §4.6.4); the flattened record does not, so it authorizes clients that fail today.';
            out.flatten.exact = false;
        }
    }
    return out;
}
/**
 * The {@link RecordStatus} of the domain's SPF record, from the root of the tree: `dns-error` also when a
 * TIMEOUT/SERVFAIL/REFUSED answered the domain's own TXT question.
 */
function audit_recordStatus(tree, dnsErrors, name) {
    if (tree.status === 'dns-error' || dnsErrors.some((e) => e.name === name && e.type === 'TXT'))
        return 'dns-error';
    if (tree.status === 'loop' || tree.status === 'not-expanded')
        return 'found';
    return tree.status;
}
/**
 * Looks for a v=spf1 record at `_dmarc.<domain>` and `_domainkey.<domain>`, where receivers never look for
 * SPF (RFC 7208 §4.4): `spf.misplaced-record`. These probes are not part of the policy, so they do not go
 * into `dnsErrors`; a transient failure gives the info finding `spf.misplaced-not-checked`.
 */
async function misplacedRecordFindings(an, name) {
    const findings = [];
    for (const prefix of ['_dmarc', '_domainkey']) {
        const owner = `${prefix}.${name}`;
        const r = await an.resolver.query(owner, 'TXT');
        if (r.ok) {
            const spf = r.records.map((t) => t.join('')).find(isSpfRecord);
            if (spf !== undefined) {
                findings.push(SPF_FINDINGS.misplacedRecord(`${owner} has a v=spf1 record; SPF is only looked up at ${name}`, {
                    name: owner,
                    record: spf,
                }));
            }
        }
        else if (resolver_isTransientFailure(r)) {
            findings.push(SPF_FINDINGS.misplacedNotChecked(`could not check ${owner} for a misplaced v=spf1 record: DNS ${r.kind} (the SPF policy itself was analyzed)`, 
            // Not DNS trouble of the SPF policy: the catalog entry has no `dnsTrouble` flag.
            { name: owner, details: { kind: r.kind } }));
        }
    }
    return findings;
}
/** `spf.type99-record` for each SPF-type (RR 99) record of `name` in the zone files (RFC 7208 §3.1, §14.1). */
function type99Findings(zones, name) {
    const findings = [];
    for (const zone of zones) {
        for (const rr of zone.records) {
            if (rr.type === 'SPF' && rr.name === name) {
                findings.push(SPF_FINDINGS.type99Record(`${name} has a type 99 (SPF) record; RFC 7208 uses TXT records only`, {
                    name,
                    record: rr.rdata,
                    ...(zone.file ? { source: { file: zone.file, line: rr.line } } : {}),
                }));
            }
        }
    }
    return findings;
}
/** `spf.analysis-incomplete` when records were not expanded (`maxNodes`) or terms not resolved (`maxTermLookups`). */
function incompleteFinding(an, name) {
    if (an.notExpanded === 0 && an.notResolved === 0)
        return undefined;
    const parts = [];
    if (an.notExpanded > 0)
        parts.push(`${an.notExpanded} included or redirected ${an.notExpanded === 1 ? 'record was' : 'records were'} not expanded (limit ${an.maxNodes} records)`);
    if (an.notResolved > 0)
        parts.push(`${an.notResolved} a/mx/exists ${an.notResolved === 1 ? 'term was' : 'terms were'} not resolved (limit ${an.maxTermLookups})`);
    return SPF_FINDINGS.analysisIncomplete(`the SPF policy of ${name} is too large to analyze fully: ${parts.join('; ')}`, {
        name,
        details: {
            notExpanded: an.notExpanded,
            maxNodes: an.maxNodes,
            notResolved: an.notResolved,
            maxTermLookups: an.maxTermLookups,
        },
    });
}

;// CONCATENATED MODULE: ./lib/spf/evaluation.js
/**
 * The state of one check_host() evaluation (RFC 7208 §4): the limits and the elapsed-time deadline of §4.6.4,
 * the counted DNS-querying terms and void lookups, the DNS query under the deadline, the macro values (§7.2)
 * with the validated name of `%{p}` (§5.5), and the trace.
 *
 * @module
 */





/** A permerror or temperror that ends the evaluation (thrown, caught by `checkHost`). */
class SpfStop extends Error {
    code;
    problem;
    at;
    constructor(code, problem, at) {
        super(problem);
        this.code = code;
        this.problem = problem;
        this.at = at;
    }
}
/** The state of one check_host() evaluation; the record logic is in check-domain.ts and mechanisms.ts. */
class SpfEvaluation {
    resolver;
    limits;
    now;
    ip;
    sender;
    helo;
    receiver;
    /** DNS-querying terms counted so far (RFC 7208 §4.6.4). */
    lookups = 0;
    /** Void lookups counted so far (RFC 7208 §4.6.4). */
    voidLookups = 0;
    trace = [];
    ptrNames;
    /** The one time limit of the evaluation: its own (§4.6.4), or a shared one that passes sooner. */
    limit;
    ownLimit;
    ipStrings;
    peek;
    constructor(resolver, limits, now, ip, sender, helo, receiver, outer) {
        this.resolver = resolver;
        this.limits = limits;
        this.now = now;
        this.ip = ip;
        this.sender = sender;
        this.helo = helo;
        this.receiver = receiver;
        this.peek = resolver.peek;
        this.ownLimit = !outer || outer.remainingMs >= limits.timeoutMs;
        this.limit = this.ownLimit
            ? new deadline_Deadline(limits.timeoutMs, `time limit of ${limits.timeoutMs} ms`, now)
            : outer;
    }
    /** Stops the evaluation's timer (call when it is over). */
    dispose() {
        if (this.ownLimit)
            this.limit.dispose();
    }
    timeLimit() {
        return new SpfStop('temperror', this.ownLimit
            ? `time limit of ${this.limits.timeoutMs} ms exceeded (RFC 7208 §4.6.4)`
            : `${this.limit.what} was exceeded (RFC 7208 §4.6.4)`);
    }
    /**
     * One DNS query under the evaluation's time limit (one timer for the whole evaluation, not one per query).
     * A resolver that rejects (a broken resolver) gives SERVFAIL.
     * @throws SpfStop temperror when the limit has passed or passes before the answer
     */
    async query(name, type) {
        if (this.limit.passed)
            throw this.timeLimit();
        // an answer the resolver already holds (a shared cache) needs no race against the limit
        const held = this.peek?.call(this.resolver, name, type);
        if (held)
            return held;
        return this.limit.race(resolver_queryOrServfail(this.resolver, name, type), () => {
            throw this.timeLimit();
        });
    }
    /** The macro values (RFC 7208 §7.2) for a check_host() of `domain`; the address forms are computed once. */
    macroValues(domain) {
        this.ipStrings ??= { dots: dotFormat(this.ip), text: formatIp(this.ip) };
        return {
            sender: this.sender.full,
            localPart: this.sender.local,
            senderDomain: this.sender.domain,
            domain,
            ipDots: this.ipStrings.dots,
            ipText: this.ipStrings.text,
            ipVersionLabel: this.ip.version === 4 ? 'in-addr' : 'ip6',
            helo: this.helo,
            receiver: this.receiver,
            timestamp: Math.floor(this.now() / 1000),
            validatedName: () => this.validatedName(domain),
        };
    }
    /**
     * Expands a term's domain-spec for the current `domain`; no domain-spec means `domain` itself (§4.8). A
     * domain-spec without macros is its literal text: no macro value is computed for it.
     */
    async expandTarget(spec, domain) {
        if (!spec)
            return domain;
        if (!hasMacros(spec))
            return targetName(literalText(spec));
        return expandDomainSpec(spec, this.macroValues(domain));
    }
    /** The address record type that can match the client: `A` for IPv4, `AAAA` for IPv6 (RFC 7208 §5.3). */
    addressType() {
        return this.ip.version === 4 ? 'A' : 'AAAA';
    }
    /** True when one of the answer addresses, with the term's prefix length, covers the client (RFC 7208 §5.3, §5.4). */
    matchesAny(records, ip4Cidr = 32, ip6Cidr = 128) {
        const prefix = this.ip.version === 4 ? ip4Cidr : ip6Cidr;
        return records.some((r) => {
            const a = parseAnswerIp(r);
            return a !== null && cidrMatch(this.ip, a, prefix);
        });
    }
    /** Keeps the names whose address lookup returns the client address (RFC 7208 §5.5 validation). */
    async validate(names) {
        const out = [];
        for (const raw of names) {
            const name = raw.replace(/\.$/, '');
            if (!isQueryableName(name))
                continue;
            const addr = await this.query(name, this.addressType());
            if (!addr.ok)
                continue; // §5.5: a DNS error on the address lookup skips that name
            if (this.matchesAny(addr.records))
                out.push(name);
        }
        return out;
    }
    /** The validated names of the client for `%{p}`: at most maxPtrNames PTR names considered (§4.6.4). */
    validatedNames() {
        this.ptrNames ??= (async () => {
            const ptr = await this.query(ip_reverseName(this.ip), 'PTR');
            if (!ptr.ok)
                return [];
            return this.validate(ptr.records.slice(0, this.limits.maxPtrNames));
        })();
        return this.ptrNames;
    }
    /** `%{p}` (RFC 7208 §7.3): a validated name, preferring `<domain>` or a subdomain of it; `unknown` if none. */
    async validatedName(domain) {
        const names = await this.validatedNames();
        const d = domain.toLowerCase();
        const exact = names.find((n) => n.toLowerCase() === d);
        if (exact)
            return exact;
        const sub = names.find((n) => n.toLowerCase().endsWith(`.${d}`));
        if (sub)
            return sub;
        return names[0] ?? 'unknown';
    }
    /** Counts a DNS-querying term. @throws SpfStop permerror past `maxLookups` (§4.6.4). */
    countLookup(at) {
        this.lookups++;
        if (this.lookups > this.limits.maxLookups) {
            throw new SpfStop('permerror', `more than ${this.limits.maxLookups} DNS-querying terms (include, a, mx, ptr, exists, redirect) (RFC 7208 §4.6.4)`, at);
        }
    }
    /** Counts a void lookup. @throws SpfStop permerror past `maxVoidLookups` (§4.6.4). */
    countVoid(at) {
        this.voidLookups++;
        if (this.voidLookups > this.limits.maxVoidLookups) {
            throw new SpfStop('permerror', `more than ${this.limits.maxVoidLookups} void lookups (RFC 7208 §4.6.4)`, at);
        }
    }
    /**
     * Checks a term's DNS answer.
     * @returns true when the lookup was void (NXDOMAIN or NODATA), false for an answer or a BADNAME
     * @throws SpfStop temperror on a transient failure (TIMEOUT, SERVFAIL, REFUSED; RFC 7208 §5)
     */
    isVoid(answer, at) {
        if (answer.ok)
            return false;
        if (resolver_isTransientFailure(answer)) {
            throw new SpfStop('temperror', `DNS ${answer.kind} for ${answer.type} ${answer.name}${answer.message ? ` (${answer.message})` : ''} (RFC 7208 §5)`, at);
        }
        return answer.kind === 'NXDOMAIN' || answer.kind === 'NODATA';
    }
    /** Adds a term's outcome to the trace, with the counts so far. */
    pushTerm(at, outcome, detail) {
        const ev = {
            type: 'term',
            domain: at.domain,
            depth: at.depth,
            term: at.term,
            offset: at.offset,
            length: at.length,
            outcome,
            lookups: this.lookups,
            voidLookups: this.voidLookups,
        };
        if (detail)
            ev.detail = detail;
        this.trace.push(ev);
    }
    /** Runs a term's evaluation; a permerror/temperror it raises is traced at the term, then rethrown. */
    async traced(at, run) {
        try {
            return await run();
        }
        catch (e) {
            if (e instanceof SpfStop)
                this.pushTerm(at, e.code, e.problem);
            throw e;
        }
    }
}
/** The text of a macro-string without macros: its literals, with `%%`, `%_` and `%-` expanded (§7.3). */
function literalText(ms) {
    let out = '';
    for (const t of ms.tokens) {
        if (t.type === 'literal')
            out += t.text;
        else if (t.type === 'escape')
            out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/spf/mechanisms.js
/**
 * The mechanisms of RFC 7208 §5 that match by themselves: `all` (§5.1), `a` (§5.3), `mx` (§5.4), `ptr` (§5.5),
 * `ip4`/`ip6` (§5.6) and `exists` (§5.7), with the DNS-querying-term, void-lookup and MX-host limits of
 * §4.6.4. `include` (§5.2) evaluates another record and is in check-domain.ts.
 *
 * @module
 */




/**
 * Evaluates one mechanism other than `include` (which check-domain.ts evaluates) for the client of `ev`, in the
 * record of `domain`.
 *
 * @param at the term's location, for limit errors and the trace
 * @returns true when the mechanism matches
 * @throws SpfStop permerror past a limit (§4.6.4), temperror on a transient DNS failure (§5) or the time limit
 * @throws Error for `include` (a bug in the caller)
 */
async function matchMechanism(ev, mech, domain, at) {
    switch (mech.name) {
        case 'all':
            return true;
        case 'ip4':
        case 'ip6':
            return cidrMatch(ev.ip, mech.address, mech.cidr ?? (mech.name === 'ip4' ? 32 : 128));
        case 'a':
            return matchA(ev, mech, domain, at);
        case 'mx':
            return matchMx(ev, mech, domain, at);
        case 'ptr':
            return matchPtr(ev, mech, domain, at);
        case 'exists':
            return matchExists(ev, mech, domain, at);
        case 'include':
            throw new Error('include is evaluated by checkDomain, not matchMechanism');
    }
}
/** `a` (§5.3): an address of the target, with the term's prefix lengths, covers the client. */
async function matchA(ev, mech, domain, at) {
    ev.countLookup(at);
    const target = await ev.expandTarget(mech.domainSpec, domain);
    if (!isQueryableName(target))
        return false;
    const answer = await ev.query(target, ev.addressType());
    if (ev.isVoid(answer, at))
        ev.countVoid(at);
    if (!answer.ok)
        return false;
    return ev.matchesAny(answer.records, mech.ip4Cidr, mech.ip6Cidr);
}
/** `mx` (§5.4): an address of one of the target's MX hosts (at most `maxMxHosts`) covers the client. */
async function matchMx(ev, mech, domain, at) {
    ev.countLookup(at);
    const target = await ev.expandTarget(mech.domainSpec, domain);
    if (!isQueryableName(target))
        return false;
    const answer = await ev.query(target, 'MX');
    if (ev.isVoid(answer, at))
        ev.countVoid(at);
    if (!answer.ok)
        return false;
    if (answer.records.length > ev.limits.maxMxHosts) {
        throw new SpfStop('permerror', `${target} has ${answer.records.length} MX records, more than ${ev.limits.maxMxHosts} (RFC 7208 §4.6.4)`, at);
    }
    const hosts = [...answer.records].sort((x, y) => x.priority - y.priority);
    for (const mx of hosts) {
        const host = mx.exchange.replace(/\.$/, '');
        if (host === '' || !isQueryableName(host))
            continue; // null MX (RFC 7505)
        const addr = await ev.query(host, ev.addressType());
        if (!addr.ok) {
            if (resolver_isTransientFailure(addr))
                ev.isVoid(addr, at); // throws temperror (§5)
            continue; // an MX host without addresses does not match, and is not a void lookup of the term
        }
        if (ev.matchesAny(addr.records, mech.ip4Cidr, mech.ip6Cidr))
            return true;
    }
    return false;
}
/** `ptr` (§5.5): a validated PTR name of the client is the target or a subdomain of it. */
async function matchPtr(ev, mech, domain, at) {
    ev.countLookup(at);
    const target = (await ev.expandTarget(mech.domainSpec, domain)).toLowerCase();
    if (!isQueryableName(target))
        return false;
    const ptr = await ev.query(ip_reverseName(ev.ip), 'PTR');
    if (!ptr.ok) {
        // §5.5: a DNS error on the PTR lookup means no match; an empty answer is a void lookup.
        if (ptr.kind === 'NXDOMAIN' || ptr.kind === 'NODATA')
            ev.countVoid(at);
        return false;
    }
    const inTarget = (n) => {
        const name = n.toLowerCase().replace(/\.$/, '');
        return name === target || name.endsWith(`.${target}`);
    };
    const candidates = ptr.records.slice(0, ev.limits.maxPtrNames).filter(inTarget);
    const names = await ev.validate(candidates);
    return names.length > 0;
}
/** `exists` (§5.7): the target has an A record (whatever the client's address family). */
async function matchExists(ev, mech, domain, at) {
    ev.countLookup(at);
    const target = await ev.expandTarget(mech.domainSpec, domain);
    if (!isQueryableName(target))
        return false;
    const answer = await ev.query(target, 'A');
    if (ev.isVoid(answer, at))
        ev.countVoid(at);
    return answer.ok;
}

;// CONCATENATED MODULE: ./lib/spf/record-cache.js
/**
 * Parsed SPF records, kept by their text: check_host() evaluations over the same records (a batch, a
 * long-running verifier, the includes every sender shares) parse each record once. Bounded in entries and in
 * characters held; the least recently used go first. A record's parse depends on its text alone, so entries
 * never go stale.
 *
 * @module
 */

/** Most records kept. */
const RECORD_CACHE_ENTRIES = 1000;
/** Most characters of record text kept, in all (4 Mi; an SPF record is rarely over 1 KiB). */
const RECORD_CACHE_CHARS = 4 * 1024 * 1024;
const cache = new Map();
let chars = 0;
/**
 * {@link parseSpfRecord} through the cache. The result is shared between evaluations: callers must not change it.
 *
 * @param text the record text (the TXT record's strings joined).
 */
function parseSpfRecordCached(text) {
    const hit = cache.get(text);
    if (hit) {
        // most recently used last
        cache.delete(text);
        cache.set(text, hit);
        return hit;
    }
    const parsed = parseSpfRecord(text);
    if (text.length > RECORD_CACHE_CHARS)
        return parsed;
    cache.set(text, parsed);
    chars += text.length;
    while (cache.size > RECORD_CACHE_ENTRIES || chars > RECORD_CACHE_CHARS) {
        const oldest = cache.keys().next().value;
        cache.delete(oldest);
        chars -= oldest.length;
    }
    return parsed;
}
/** How many records and characters the cache holds (for tests and benchmarks). */
function recordCacheSize() {
    return { entries: cache.size, chars };
}

;// CONCATENATED MODULE: ./lib/spf/check-domain.js
/**
 * check_host() for one domain (RFC 7208 §4.4-§4.7): fetch and select the SPF record, parse it, evaluate its
 * mechanisms in order, and follow `include` (§5.2) and `redirect` (§6.1) into other records.
 *
 * @module
 */






/** The deepest include/redirect nesting followed; the lookup limit stops honest policies long before. */
const MAX_DEPTH = 64;
const QUALIFIER_RESULT = {
    '+': 'pass',
    '-': 'fail',
    '~': 'softfail',
    '?': 'neutral',
};
/**
 * check_host() for one domain (RFC 7208 §4): the record at `domain`, evaluated.
 *
 * @param depth include/redirect hops from the checked domain
 * @param path the hops that led here
 * @param via how this record was reached
 * @returns `none` when the domain has no SPF record (§4.5), else the result of its record
 * @throws SpfStop permerror (several records, a syntax error, a limit) or temperror (DNS, time limit)
 */
async function checkDomain(ev, domain, depth, path, via) {
    if (depth > MAX_DEPTH) {
        throw new SpfStop('permerror', `include/redirect nesting deeper than ${MAX_DEPTH} levels`);
    }
    const record = (status, more = {}) => ev.trace.push({ type: 'record', domain, depth, via, status, ...more });
    const txt = await ev.query(domain, 'TXT');
    if (!txt.ok) {
        if (resolver_isTransientFailure(txt)) {
            record('dns-error', { detail: txt.kind });
            throw new SpfStop('temperror', `DNS ${txt.kind} looking up the TXT records of ${domain} (RFC 7208 §4.4)`);
        }
        record('none', { detail: txt.kind });
        return { result: 'none' };
    }
    const sel = selectSpfRecords(txt.records);
    if (sel.status === 'none') {
        record('none', { detail: 'no v=spf1 TXT record' });
        return { result: 'none' };
    }
    if (sel.status === 'multiple') {
        record('multiple', { detail: `${sel.records.length} records` });
        throw new SpfStop('permerror', `${domain} publishes ${sel.records.length} SPF records (RFC 7208 §4.5)`);
    }
    const text = sel.record?.text ?? '';
    const parsed = parseSpfRecordCached(text);
    if (!parsed.ok) {
        const e = parsed.errors[0];
        record('invalid', { record: text, detail: e?.message });
        // The term holding the error (the whole record for a bad version).
        const t = e
            ? parsed.record.terms.find((x) => e.offset >= x.offset && e.offset <= x.offset + x.length)
            : undefined;
        const at = t
            ? { domain, term: t.text, offset: t.offset, length: t.length, depth }
            : e
                ? {
                    domain,
                    term: text.slice(e.offset, e.offset + e.length),
                    offset: e.offset,
                    length: e.length,
                    depth,
                }
                : undefined;
        throw new SpfStop('permerror', `syntax error in the SPF record of ${domain} at position ${e?.offset}: ${e?.message} (RFC 7208 §4.6)`, at);
    }
    record('found', { record: text });
    return evaluateRecord(ev, parsed.record, domain, depth, path);
}
/** Evaluates a parsed record (RFC 7208 §4.6): the first matching mechanism decides, else redirect, else neutral. */
async function evaluateRecord(ev, record, domain, depth, path) {
    for (const mech of record.mechanisms) {
        const at = { domain, term: mech.text, offset: mech.offset, length: mech.length, depth };
        const matched = await ev.traced(at, () => mechanismMatch(ev, mech, domain, depth, path, at));
        ev.pushTerm(at, matched ? 'match' : 'no-match');
        if (!matched)
            continue;
        const decision = matched.inner
            ? { ...matched.inner, qualifier: mech.qualifier }
            : {
                kind: 'mechanism',
                domain,
                record: record.text,
                term: mech.text,
                offset: mech.offset,
                length: mech.length,
                mechanism: mech.name,
                qualifier: mech.qualifier,
                depth,
                path,
            };
        const out = { result: QUALIFIER_RESULT[mech.qualifier], decision };
        if (record.exp)
            out.expFrom = { domain, exp: record.exp };
        return out;
    }
    const redirect = record.redirect;
    if (redirect) {
        const at = {
            domain,
            term: redirect.text,
            offset: redirect.offset,
            length: redirect.length,
            depth,
        };
        return ev.traced(at, async () => {
            const { inner, hop } = await followHop(ev, 'redirect', redirect, domain, depth, path, at);
            ev.pushTerm(at, 'match', `redirect to ${hop.target}: ${inner.result}`);
            return inner;
        });
    }
    return {
        result: 'neutral',
        decision: { kind: 'default', domain, record: record.text, qualifier: '?', depth, path },
    };
}
/** One mechanism: null for no match; for an include match, the inner decision and the hop. */
async function mechanismMatch(ev, mech, domain, depth, path, at) {
    if (mech.name !== 'include')
        return (await matchMechanism(ev, mech, domain, at)) ? {} : null;
    const { inner, hop } = await followHop(ev, 'include', mech, domain, depth, path, at);
    // §5.2: only a pass of the included record is a match; fail, softfail and neutral are not.
    if (inner.result !== 'pass')
        return null;
    return inner.decision ? { inner: inner.decision, hop } : { hop };
}
/** The RFC section of each hop, for error messages. */
const HOP_SECTION = { include: '§5.2', redirect: '§6.1' };
/**
 * Follows an `include` mechanism (§5.2) or a `redirect` modifier (§6.1): counts it as a DNS-querying term,
 * expands its domain-spec and runs check_host() on the target.
 *
 * @returns the target's outcome (never `none`) and the hop taken
 * @throws SpfStop permerror when the target is not a valid name or has no SPF record, and what the target's
 *   own evaluation throws
 */
async function followHop(ev, via, term, domain, depth, path, at) {
    ev.countLookup(at);
    const target = await ev.expandTarget(term.domainSpec, domain);
    const section = HOP_SECTION[via];
    if (!isQueryableName(target)) {
        throw new SpfStop('permerror', `${via} target "${target}" is not a valid domain name (RFC 7208 ${section})`, at);
    }
    const hop = { via, domain, term: term.text, offset: term.offset, length: term.length, target };
    const inner = await checkDomain(ev, target, depth + 1, [...path, hop], via);
    if (inner.result === 'none') {
        throw new SpfStop('permerror', `${via} target ${target} has no SPF record (RFC 7208 ${section})`, at);
    }
    return { inner, hop };
}

;// CONCATENATED MODULE: ./lib/spf/exp.js
/**
 * The explanation of a fail (RFC 7208 §6.2): the `exp=` modifier's domain-spec is expanded, its single TXT
 * record fetched, and the text expanded as an explain-string. Any problem means "no explanation", never an
 * error of check_host().
 *
 * @module
 */


/**
 * The explanation string for a fail (RFC 7208 §6.2), or undefined when none applies; each outcome is traced
 * (`exp` events: `used` or `ignored` with the reason).
 *
 * @param from the record (its domain and its `exp=` modifier) whose mechanism decided the fail
 * @returns the expanded text (untrusted third-party text), or undefined
 */
async function fetchExplanation(ev, from) {
    const ignore = (detail) => {
        ev.trace.push({ type: 'exp', domain: from.domain, status: 'ignored', detail });
        return undefined;
    };
    // A time limit or DNS trouble while expanding `%{p}` or fetching the text drops the explanation only.
    const orIgnore = async (run) => {
        try {
            return { value: await run() };
        }
        catch (e) {
            if (e instanceof SpfStop)
                return { problem: e.problem };
            throw e;
        }
    };
    const expanded = await orIgnore(() => expandDomainSpec(from.exp.domainSpec, ev.macroValues(from.domain)));
    if ('problem' in expanded)
        return ignore(expanded.problem);
    const target = expanded.value;
    if (!isQueryableName(target))
        return ignore(`"${target}" is not a valid domain name`);
    const fetched = await orIgnore(() => ev.query(target, 'TXT'));
    if ('problem' in fetched)
        return ignore(fetched.problem);
    const answer = fetched.value;
    if (!answer.ok)
        return ignore(`DNS ${answer.kind} for TXT ${target}`);
    if (answer.records.length !== 1)
        return ignore(`${target} has ${answer.records.length} TXT records, not one`);
    const text = (answer.records[0] ?? []).join('');
    const parsed = parseMacroString(text, 0, EXP_MACRO_LETTERS, true);
    if (parsed.error)
        return ignore(`explanation text has a syntax error: ${parsed.error.message}`);
    const out = await orIgnore(() => expandMacroString(parsed.value, ev.macroValues(from.domain)));
    if ('problem' in out)
        return ignore(out.problem);
    ev.trace.push({ type: 'exp', domain: from.domain, status: 'used', detail: target });
    return out.value;
}

;// CONCATENATED MODULE: ./lib/spf/identity.js
/**
 * The identities check_host() is run for and its initial processing: which identity an SMTP receiver checks
 * (MAIL FROM, or HELO for a null reverse-path; RFC 7208 §2.3, §2.4), the split of `<sender>` (§4.3), and the
 * checks on `<domain>` (§4.3) with U-labels converted to A-labels (RFC 8616 §4).
 *
 * @module
 */

/**
 * The check_host() a receiver runs (RFC 7208 §2.4): the MAIL FROM identity with `<domain>` = the part after
 * the last `@`; for a null reverse-path, `postmaster@<helo>` with `<domain>` = the HELO name (identity `helo`).
 */
function identity_identityCheck(params) {
    let from = String(params.mailFrom ?? '').trim();
    if (from.startsWith('<') && from.endsWith('>'))
        from = from.slice(1, -1).trim();
    const helo = String(params.helo ?? '').trim();
    const common = {
        ip: params.ip,
        helo,
        ...(params.receiver !== undefined ? { receiver: params.receiver } : {}),
    };
    if (from === '') {
        return { identity: 'helo', params: { ...common, domain: helo, sender: `postmaster@${helo}` } };
    }
    const at = from.lastIndexOf('@');
    const domain = at < 0 ? from : from.slice(at + 1);
    return { identity: 'mailfrom', params: { ...common, domain, sender: from } };
}
/**
 * Splits a sender into local-part and domain (the domain follows the last `@`); `postmaster` for an empty
 * local-part (RFC 7208 §4.3), `fallbackDomain` when there is no domain.
 */
function splitSender(sender, fallbackDomain) {
    const s = sender.trim();
    const at = s.lastIndexOf('@');
    const local = at < 0 ? '' : s.slice(0, at);
    const domain = at < 0 ? s || fallbackDomain : s.slice(at + 1);
    const localPart = local === '' ? 'postmaster' : local;
    return { full: `${localPart}@${domain}`, local: localPart, domain };
}
/**
 * Checks `<domain>` for the initial-processing rules of RFC 7208 §4.3: not a domain literal, labels of
 * 1..63 octets, at most 253 octets, and more than one label. U-labels are converted to A-labels (RFC 8616 §4).
 * @returns the normalised (lower-case, no trailing dot) domain, or null when check_host() must return none.
 *   Never throws.
 */
function initialDomain(domain) {
    try {
        let d = domain.trim();
        if (d.endsWith('.'))
            d = d.slice(0, -1);
        if (d.startsWith('['))
            return null;
        if (/[^\x00-\x7f]/.test(d)) {
            const labels = d.split('.').map((l) => (/[^\x00-\x7f]/.test(l) ? new URL(`http://${l}`).hostname : l));
            d = labels.join('.');
        }
        d = d.toLowerCase();
        if (!isQueryableName(d) || !d.includes('.'))
            return null;
        if (/[\x00-\x20\x7f]/.test(d))
            return null;
        return d;
    }
    catch {
        return null; // a U-label that is not valid IDNA
    }
}

;// CONCATENATED MODULE: ./lib/spf/check-host.js
/**
 * The check_host() function of RFC 7208 (§4, §5, §6) with the processing limits of §4.6.4, the explanation
 * of §6.2, and a trace of what was fetched and tried; plus {@link verifySpfIdentity}, which does what a
 * receiving MTA does with MAIL FROM and HELO (§2.3, §2.4).
 *
 * The work is split by job: limits.ts (the §4.6.4 limits), result.ts (the data types), evaluation.ts (the
 * state of one evaluation: counts, deadline, DNS query, macro values), check-domain.ts (one domain's record,
 * include and redirect), mechanisms.ts (the other mechanisms), exp.ts (§6.2) and identity.ts (§2.4, §4.3).
 * This module is the entry point and re-exports the public types.
 *
 * @module
 */







/**
 * check_host() (RFC 7208 §4): evaluates the SPF policy of `domain` for a client address and sender.
 *
 * - DNS failures map per the RFC: NXDOMAIN/NODATA of a term's lookup are void lookups; TIMEOUT, SERVFAIL and
 *   REFUSED are temperror (never "no record"); a PTR lookup error is a no-match (§5.5).
 * - Limits (§4.6.4, configurable via `options.limits`): more than 10 DNS-querying terms, more than 2 void
 *   lookups, or an `mx` with more than 10 hosts give permerror; PTR names past the 10th are ignored; the
 *   elapsed-time limit (20 s by default) gives temperror.
 * - The explanation (§6.2) is fetched only for a fail and only from the record whose term decided it.
 *
 * Bad input does not throw: a malformed `ip` gives `permerror` with `problem` saying so (the check cannot be
 * done for that input, and retrying will not help); a malformed or single-label `domain` gives `none` (§4.3).
 *
 * @returns the result with its trace
 * @throws TypeError (as a rejection) when `options.limits` is not an object or holds a limit that is not a number
 * @throws RangeError (as a rejection) when a limit is NaN, infinite, fractional or below its minimum (0 for the
 *   counts, 1 ms for `timeoutMs`); see `resolveSpfLimits`
 */
async function checkHost(params, options) {
    const limits = resolveSpfLimits(options.limits);
    const now = options.now ?? Date.now;
    const ip = parseClientIp(String(params.ip ?? ''));
    const domain = initialDomain(String(params.domain ?? ''));
    const sender = splitSender(String(params.sender ?? ''), domain ?? String(params.domain ?? ''));
    const base = {
        domain: domain ?? String(params.domain ?? ''),
        sender: sender.full,
        ip: ip ? formatIp(ip) : String(params.ip ?? ''),
        lookups: 0,
        voidLookups: 0,
        limits,
        trace: [],
    };
    const withHelo = (r) => params.helo !== undefined ? { ...r, helo: params.helo } : r;
    if (!ip) {
        return withHelo({
            ...base,
            result: 'permerror',
            problem: `"${String(params.ip ?? '')}" is not an IP address; check_host() needs the client address (RFC 7208 §4.1)`,
        });
    }
    if (!domain) {
        return withHelo({
            ...base,
            result: 'none',
            problem: `"${String(params.domain ?? '')}" is not a valid multi-label domain name (RFC 7208 §4.3)`,
        });
    }
    const ev = new SpfEvaluation(options.resolver, limits, now, ip, sender, params.helo ?? '', params.receiver ?? 'unknown', options.deadline);
    const finish = (r) => withHelo({ ...base, ...r, lookups: ev.lookups, voidLookups: ev.voidLookups, trace: ev.trace });
    try {
        const out = await checkDomain(ev, domain, 0, [], 'check');
        if (out.result === 'none') {
            return finish({ result: 'none', problem: `${domain} publishes no SPF record (RFC 7208 §4.5)` });
        }
        const r = { result: out.result };
        if (out.decision)
            r.decidedBy = out.decision;
        if (out.result === 'fail' && out.expFrom) {
            const text = await fetchExplanation(ev, out.expFrom);
            if (text !== undefined)
                r.explanation = text;
        }
        return finish(r);
    }
    catch (e) {
        if (e instanceof SpfStop) {
            const r = { result: e.code, problem: e.problem };
            if (e.at)
                r.problemAt = e.at;
            return finish(r);
        }
        return finish({
            result: 'temperror',
            problem: `internal error: ${e instanceof Error ? e.message : String(e)}`,
        });
    }
    finally {
        ev.dispose();
    }
}
/**
 * Does what a receiver does (RFC 7208 §2.4): checks the MAIL FROM identity with `<domain>` = the part after
 * the last `@`; for a null reverse-path, checks `postmaster@<helo>` with `<domain>` = the HELO name
 * (identity `helo`). Bad input gives the results documented on {@link checkHost}.
 *
 * @throws TypeError / RangeError (as a rejection) for bad `options.limits`, as {@link checkHost}
 */
async function verifySpfIdentity(params, options) {
    const check = identityCheck(params);
    const r = await checkHost(check.params, options);
    return { identity: check.identity, ...r };
}

;// CONCATENATED MODULE: ./lib/spf/explain.js
/**
 * Turns a check_host() result and its trace into a few plain sentences.
 *
 * @module
 */
const MEANING = {
    pass: 'the client is authorized',
    fail: 'the client is not authorized',
    softfail: 'the client is probably not authorized',
    neutral: 'the domain makes no assertion about the client',
    none: 'the domain publishes no SPF policy',
    permerror: 'the policy could not be interpreted',
    temperror: 'a transient DNS error prevented a verdict',
};
function reach(d) {
    if (d.path.length === 0)
        return '';
    const includes = d.path.filter((h) => h.via === 'include').length;
    const hops = d.path.map((h) => `${h.term} in ${h.domain}`).join(', then ');
    if (includes === d.path.length) {
        return `, reached through include at depth ${d.depth} (${hops})`;
    }
    return `, reached through ${hops} (depth ${d.depth})`;
}
/**
 * Explains an SPF result in a few sentences, e.g.
 * `SPF pass for example.com: the client is authorized. 203.0.113.5 matched ip4:203.0.113.0/24 in the record of
 * _spf.esp.example, reached through include at depth 2 (...); the result comes from "include:_spf.esp.example".
 * 4 of 10 lookups used.`
 *
 * The text includes record content from DNS (terms, explanation) as is: renderers must escape it.
 */
function explainSpf(result) {
    const s = [`SPF ${result.result} for ${result.domain}: ${MEANING[result.result]}.`];
    const d = result.decidedBy;
    if (d?.kind === 'mechanism') {
        let sentence = `${result.ip} matched ${d.term} in the record of ${d.domain}${reach(d)}`;
        const first = d.path[0];
        if (first && first.via === 'include') {
            sentence += `; the result comes from the qualifier of "${first.term}"`;
        }
        s.push(`${sentence}.`);
    }
    else if (d?.kind === 'default') {
        s.push(`${result.ip} matched no mechanism in the record of ${d.domain}${reach(d)}, which has no redirect, so the default result is neutral (RFC 7208 §4.7).`);
    }
    if (result.problem) {
        const at = result.problemAt;
        s.push(at
            ? `${result.problem} (term "${at.term}" at position ${at.offset} of the record of ${at.domain}${at.depth ? `, depth ${at.depth}` : ''}).`
            : `${result.problem}.`);
    }
    if (result.explanation !== undefined)
        s.push(`The domain's explanation: "${result.explanation}".`);
    const used = `${result.lookups} of ${result.limits.maxLookups} lookups used`;
    const voids = result.voidLookups
        ? `, ${result.voidLookups} of ${result.limits.maxVoidLookups} void lookups`
        : '';
    s.push(`${used}${voids}.`);
    return s.join(' ');
}

;// CONCATENATED MODULE: ./lib/spf/index.js
/**
 * SPF (RFC 7208): record parsing, check_host() with trace and limits, explanations, the audit (static analysis).
 * The entry module: other folders import SPF from here only, never from the files behind it.
 *
 * @module
 */








;// CONCATENATED MODULE: ./lib/tlsrpt/findings.js
/**
 * The TLS-RPT findings catalog (RFC 8460): the `_smtp._tls` TXT record and its reporting URIs.
 *
 * @module
 */

/** Every TLS-RPT finding, one factory per key; `TLSRPT_FINDINGS.definitions` feeds the catalog. */
const TLSRPT_FINDINGS = defineFindings({
    dnsError: {
        id: 'tlsrpt.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS failure while checking TLS-RPT',
        rfc: 'RFC 8460 §3',
        remediation: 'Check that the domain’s name servers answer TXT queries for _smtp._tls.<domain>; retry later.',
    },
    noRecord: {
        id: 'tlsrpt.no-record',
        severity: 'info',
        title: 'No TLS-RPT record',
        rfc: 'RFC 8460 §3',
        remediation: 'Publish "_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls-reports@<domain>"" to receive reports of TLS failures (useful with MTA-STS).',
    },
    multipleRecords: {
        id: 'tlsrpt.multiple-records',
        severity: 'error',
        title: 'Several TLS-RPT records',
        rfc: 'RFC 8460 §3',
        remediation: 'Publish exactly one "v=TLSRPTv1" TXT record at _smtp._tls.<domain>; with several, senders send no reports.',
    },
    invalidRecord: {
        id: 'tlsrpt.invalid-record',
        severity: 'error',
        title: 'Malformed TLS-RPT record',
        rfc: 'RFC 8460 §3',
        remediation: 'Write the record as "v=TLSRPTv1; rua=<uri>[,<uri>]" with fields separated by ";".',
    },
    missingRua: {
        id: 'tlsrpt.missing-rua',
        severity: 'error',
        title: 'TLS-RPT record without rua',
        rfc: 'RFC 8460 §3',
        remediation: 'Add "rua=mailto:<address>" or "rua=https://<endpoint>": without it senders have nowhere to report.',
    },
    invalidRua: {
        id: 'tlsrpt.invalid-rua',
        severity: 'error',
        title: 'Invalid TLS-RPT reporting URI',
        rfc: 'RFC 8460 §3',
        remediation: 'Use "mailto:" with one address or an "https:" URL; percent-encode commas and semicolons inside a URI.',
    },
});

;// CONCATENATED MODULE: ./lib/tlsrpt/record.js
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
function isTlsRptRecord(text) {
    return /^v=TLSRPTv1[ \t]*(;|$)/.test(text);
}
const tlsrpt_record_EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const record_EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
/** A mailbox: local-part "@" domain, conservatively (RFC 5321 §4.1.2 dot-atom local part, LDH domain). */
const MAILBOX = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** Checks one reporting URI: `mailto:` with one address (RFC 6068), or an `https:` URL with a host. */
function checkReportUri(uri) {
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
            if (u.hostname === '')
                return { uri, scheme: 'https', error: 'the URL has no host' };
            return { uri, scheme: 'https' };
        }
        catch {
            return { uri, scheme: 'https', error: 'not a valid URL' };
        }
    }
    return {
        uri,
        scheme: null,
        error: scheme ? `scheme "${scheme}:" is not mailto or https` : 'not a URI (no scheme)',
    };
}
function decodeURIComponentSafe(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return null;
    }
}
/** Parses a TLS-RPT record (character-strings already joined) per RFC 8460 §3. Never throws. */
function parseTlsRptRecord(text) {
    const out = { rua: [], hasRua: false, extensions: [], errors: [] };
    const parts = text.split(';');
    const version = (parts[0] ?? '').trim();
    if (version !== 'v=TLSRPTv1')
        out.errors.push(`the record must start with "v=TLSRPTv1" (found "${version}")`);
    for (let i = 1; i < parts.length; i++) {
        const field = parts[i].trim();
        if (field === '') {
            if (i !== parts.length - 1)
                out.errors.push('empty field between two ";"');
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
                if (u === '')
                    out.rua.push({ uri: u, scheme: null, error: 'empty URI' });
                else
                    out.rua.push(checkReportUri(u));
            }
        }
        else if (!tlsrpt_record_EXT_NAME.test(name) || !record_EXT_VALUE.test(value)) {
            out.errors.push(`field "${field}" is not a valid extension`);
        }
        else {
            out.extensions.push({ name, value });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/tlsrpt/audit.js
/**
 * `auditTlsRpt`: a domain's SMTP TLS Reporting record (RFC 8460 §3) at `_smtp._tls.<domain>`.
 *
 * @module
 */



/**
 * Audits `domain`'s TLS-RPT record. Findings: `tlsrpt.no-record`, `tlsrpt.multiple-records`,
 * `tlsrpt.invalid-record`, `tlsrpt.missing-rua`, `tlsrpt.invalid-rua`, `tlsrpt.dns-error`.
 *
 * @param domain - a normalised domain name.
 * @returns the {@link TlsRptAudit}; never throws.
 */
async function auditTlsRpt(domain, options) {
    const name = `_smtp._tls.${domain}`;
    const findings = [];
    const o = { domain };
    const out = { domain, status: 'none', record: null, rua: [], findings };
    const cand = await readTaggedRecord(options.resolver, name, isTlsRptRecord, out, {
        label: 'TLS-RPT record',
        version: 'v=TLSRPTv1',
        severalMean: 'senders send no reports',
        findings: TLSRPT_FINDINGS,
    });
    if (!cand)
        return out;
    out.record = { name, text: cand.text, ...(cand.source ? { source: cand.source } : {}) };
    const evidence = { name, record: cand.text, ...(cand.source ? { source: cand.source } : {}) };
    const parsed = parseTlsRptRecord(cand.text);
    out.rua = parsed.rua;
    for (const e of parsed.errors)
        findings.push(TLSRPT_FINDINGS.invalidRecord(`${name}: ${e}`, evidence, o));
    if (!parsed.hasRua)
        findings.push(TLSRPT_FINDINGS.missingRua(`${name} has no rua field`, evidence, o));
    for (const u of parsed.rua)
        if (u.error)
            findings.push(TLSRPT_FINDINGS.invalidRua(`${name}: rua URI "${u.uri}": ${u.error}`, { ...evidence, term: u.uri }, o));
    out.status = parsed.rua.some((u) => !u.error) ? 'found' : 'invalid';
    return out;
}

;// CONCATENATED MODULE: ./lib/tlsrpt/index.js
/**
 * TLS-RPT (RFC 8460): the entry module other folders import from: the audit of the `_smtp._tls` record, its
 * parser, and the findings.
 *
 * @module
 */


;// CONCATENATED MODULE: ./lib/audit/cross-checks.js
/**
 * Checks that need two protocol sections at once; the domain audit composes them (protocol modules never import
 * each other's internals).
 *
 * @module
 */

/**
 * True when the SPF policy lets some host pass: authorized networks (ip4/ip6, resolved a/mx through
 * pass-qualified includes), terms that cannot be resolved to networks (exists, ptr, macros), or a `+all`.
 */
function spfAuthorizesHosts(spf) {
    if (spf.record === null)
        return false;
    return (spf.networks.blocks.length > 0 ||
        spf.networks.notFlattenable.length > 0 ||
        spf.findings.some((f) => f.id === 'spf.pass-all'));
}
/**
 * `mx.null-mx-spf-authorizes` (RFC 7505 §4.2): a domain that publishes a null MX accepts no mail, so it should
 * send none; an SPF policy that authorizes hosts contradicts that (and bounces of its mail cannot be delivered).
 */
function nullMxSpfFindings(mx, spf) {
    if (!mx.nullMx || mx.statusDetail !== 'null-mx' || !spfAuthorizesHosts(spf))
        return [];
    return [
        MX_FINDINGS.nullMxSpfAuthorizes(`${mx.domain} publishes a null MX (it accepts no mail) but its SPF policy authorizes hosts to send for it`, {
            name: mx.domain,
            ...(spf.record ? { record: spf.record } : {}),
            details: {
                networks: spf.networks.blocks.length,
                unresolvedTerms: spf.networks.notFlattenable.map((n) => n.term),
            },
        }, { domain: mx.domain }),
    ];
}
/** The DMARC facts BIMI's prerequisite needs (draft-brand-indicators-for-message-identification §7.1). */
function bimiDmarcPolicy(dmarc) {
    if (dmarc.findings.some((f) => f.id === 'dmarc.dns-error'))
        return { found: false, undetermined: true };
    const eff = dmarc.effective;
    if (!dmarc.record || !eff)
        return { found: false };
    return {
        found: true,
        p: dmarc.policy ?? eff.p,
        sp: eff.sp,
        pct: eff.pct,
        testing: eff.testing,
    };
}

;// CONCATENATED MODULE: ./lib/arc/findings.js
/**
 * ARC findings (RFC 8617).
 *
 * @module
 */

/** The ARC findings catalog (RFC 8617 chain validation); see docs/findings.md. */
const ARC_FINDINGS = defineFindings({
    chainInvalid: {
        id: 'arc.chain-invalid',
        severity: 'warning',
        title: 'ARC chain structure is invalid',
        rfc: 'RFC 8617 §5.2',
        remediation: 'An intermediary added incomplete or duplicate ARC sets, or a set has an invalid instance or cv=; the chain cannot vouch for earlier results.',
    },
    tooManySets: {
        id: 'arc.too-many-sets',
        severity: 'warning',
        title: 'More than 50 ARC sets',
        rfc: 'RFC 8617 §4.2.1, §5.2',
        remediation: 'A chain may have at most 50 sets (i=1..50); longer chains fail.',
    },
    sealInvalid: {
        id: 'arc.seal-invalid',
        severity: 'warning',
        title: 'An ARC-Seal does not verify',
        rfc: 'RFC 8617 §5.2 step 6',
        remediation: 'The ARC headers changed after sealing, or the sealer published the wrong key.',
    },
    messageSignatureInvalid: {
        id: 'arc.ams-invalid',
        severity: 'warning',
        title: 'The newest ARC-Message-Signature does not verify',
        rfc: 'RFC 8617 §5.2 step 4',
        remediation: 'The message changed after the newest intermediary sealed it.',
    },
    keyError: {
        id: 'arc.key-error',
        severity: 'warning',
        title: 'An ARC key is missing or unusable',
        rfc: 'RFC 8617 §5.2, RFC 6376 §6.1.2',
        remediation: 'The sealer must publish its key at <s>._domainkey.<d>.',
    },
    dnsError: {
        id: 'arc.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'An ARC key could not be fetched (DNS error)',
        rfc: 'RFC 8617 §5.2',
        remediation: 'A temporary DNS failure: the chain could not be validated; retry later.',
    },
});

;// CONCATENATED MODULE: ./lib/audit/findings.js
/**
 * Findings of the domain audit itself (not of one protocol): the per-domain time limit of batch audits.
 *
 * @module
 */

/** The audit's own findings; `AUDIT_FINDINGS.definitions` feeds the catalog. */
const AUDIT_FINDINGS = defineFindings({
    timeout: {
        id: 'audit.timeout',
        severity: 'error',
        dnsTrouble: true,
        title: 'Audit stopped at the time limit',
        remediation: 'The domain’s DNS (or policy hosts) answered too slowly: questions still unanswered at the limit count as TIMEOUT, so parts of the report are undetermined. Retry, or raise the per-domain time limit.',
    },
});

;// CONCATENATED MODULE: ./lib/message/findings.js
/**
 * Message-level findings: the envelope, DMARC and ARC conclusions, and bulk-sender readiness (the Gmail and
 * Yahoo sender requirements in force since February 2024). Readiness items are findings, never verdicts.
 *
 * @module
 */

/** The message-level findings catalog (envelope, From, bulk-sender readiness, DMARC verdict); see docs/findings.md. */
const MESSAGE_FINDINGS = defineFindings({
    envelopeFromReceived: {
        id: 'message.envelope-from-received',
        severity: 'info',
        title: 'Envelope taken from the trace header fields',
        rfc: 'RFC 5321 §4.4',
        remediation: 'Only trust this for messages your own server received: the newest Received field is yours, older ones can be forged.',
    },
    envelopeNoPublicHop: {
        id: 'message.envelope-no-public-hop',
        severity: 'warning',
        title: 'No Received field with a public client address',
        rfc: 'RFC 5321 §4.4, RFC 1918, RFC 4193',
        remediation: 'Give the SMTP client IP with --ip (the address that connected to your border MX); SPF for an internal relay address fails or passes by accident.',
    },
    noEnvelope: {
        id: 'message.no-envelope',
        severity: 'info',
        title: 'Envelope incomplete: SPF was not checked',
        rfc: 'RFC 7208 §2.4',
        remediation: 'Pass the client IP, HELO and MAIL FROM (or trust the Received fields) to check SPF.',
    },
    dmarcFail: {
        id: 'message.dmarc-fail',
        severity: 'error',
        title: 'The message fails DMARC',
        rfc: 'RFC 9989 §5.3',
        remediation: 'Sign with a DKIM d= in the From domain, or send with a MAIL FROM in the From domain that passes SPF.',
    },
    dmarcArcOverride: {
        id: 'message.dmarc-arc-override',
        severity: 'info',
        title: 'DMARC fails, but a trusted ARC sealer vouches for the message',
        rfc: 'RFC 8617 §7.2, RFC 7489 §7.2',
        remediation: 'A receiver that trusts this intermediary may deliver the message (local policy override "trusted_forwarder").',
    },
    dnsTrouble: {
        id: 'message.dns-error',
        severity: 'error',
        dnsTrouble: true,
        title: 'DNS trouble prevented part of the verdict',
        rfc: 'RFC 8601 §2.7.1',
        remediation: 'A temporary error: verify again later.',
    },
    multipleFrom: {
        id: 'message.multiple-from',
        severity: 'error',
        title: 'More than one From header field',
        rfc: 'RFC 5322 §3.6, RFC 9989 §5.3.1',
        remediation: 'A message must have exactly one From field; DMARC cannot be applied otherwise.',
    },
    noFrom: {
        id: 'message.no-from',
        severity: 'error',
        title: 'No From header field',
        rfc: 'RFC 5322 §3.6, RFC 9989 §5.3.1',
        remediation: 'Add a From field with the author mailbox; without one DMARC cannot be applied (permerror).',
    },
    fromGroup: {
        id: 'message.from-group',
        severity: 'warning',
        title: 'From uses group syntax',
        rfc: 'RFC 5322 §3.6.2',
        remediation: 'Write the From field as a mailbox-list (e.g. "Shop Team <news@shop.test>"); group syntax ("name: addresses;") is not allowed there and receivers may reject the message.',
    },
    bulkSpf: {
        id: 'message.bulk-spf',
        severity: 'warning',
        title: 'Bulk senders: SPF does not pass',
        rfc: 'Gmail/Yahoo sender requirements 2024',
        remediation: 'Publish SPF for the MAIL FROM domain that authorizes your sending IPs.',
    },
    bulkDkim: {
        id: 'message.bulk-dkim',
        severity: 'warning',
        title: 'Bulk senders: no passing DKIM signature',
        rfc: 'Gmail/Yahoo sender requirements 2024',
        remediation: 'Sign every message with DKIM (2048-bit RSA or Ed25519 plus RSA).',
    },
    bulkDmarc: {
        id: 'message.bulk-dmarc',
        severity: 'warning',
        title: 'Bulk senders: no DMARC policy, or DMARC not aligned',
        rfc: 'Gmail/Yahoo sender requirements 2024, RFC 9989',
        remediation: 'Publish a DMARC record (p=none at least) and make SPF or DKIM align with the From domain.',
    },
    bulkListUnsubscribe: {
        id: 'message.bulk-list-unsubscribe',
        severity: 'warning',
        title: 'Bulk senders: no List-Unsubscribe with an https URI',
        rfc: 'RFC 2369 §3.2, RFC 8058 §3.1',
        remediation: 'Add List-Unsubscribe: <https://...> (a mailto: URI alone is not one-click).',
    },
    bulkOneClick: {
        id: 'message.bulk-one-click',
        severity: 'warning',
        title: 'Bulk senders: no List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        rfc: 'RFC 8058 §3.1',
        remediation: 'Add List-Unsubscribe-Post: List-Unsubscribe=One-Click and accept POSTs at the https URI.',
    },
    bulkUnsubscribeNotSigned: {
        id: 'message.bulk-unsubscribe-not-signed',
        severity: 'warning',
        title: 'Bulk senders: List-Unsubscribe headers not covered by a passing DKIM signature',
        rfc: 'RFC 8058 §4',
        remediation: 'Include List-Unsubscribe and List-Unsubscribe-Post in the DKIM h= list.',
    },
});

;// CONCATENATED MODULE: ./lib/policy/findings.js
/**
 * Findings raised by the policy gate: one per domain rule of the policy file, plus the gate's own
 * observations (an expired suppression). Their ids (`policy.*`) are in the findings catalog so that SARIF
 * rules and the documentation cover them like every protocol finding.
 *
 * @module
 */

const UNDETERMINED_REMEDIATION = 'Re-run when the DNS servers answer (the message names the query that failed), or check the record by hand; an undetermined rule never passes.';
/** Every policy-gate finding; `POLICY_FINDINGS.definitions` feeds the catalog. */
const POLICY_FINDINGS = defineFindings({
    spfRecord: {
        id: 'policy.spf-record',
        severity: 'error',
        title: 'Policy: SPF record required',
        rfc: 'RFC 7208 §4.5',
        remediation: 'Publish exactly one valid "v=spf1 ... -all" TXT record at the domain.',
    },
    spfAuthorize: {
        id: 'policy.spf-authorize',
        severity: 'error',
        title: 'Policy: sender not authorized by SPF',
        rfc: 'RFC 7208 §4',
        remediation: 'Add the sender to the SPF record (ip4:/ip6: for addresses and networks, include: for a provider), or remove it from the policy.',
    },
    spfAll: {
        id: 'policy.spf-all',
        severity: 'error',
        title: 'Policy: SPF record does not end with the required all',
        rfc: 'RFC 7208 §5.1',
        remediation: 'End the record with the required "-all" (or "~all" where the policy accepts it).',
    },
    spfLookups: {
        id: 'policy.spf-lookups',
        severity: 'error',
        title: 'Policy: SPF lookup budget exceeded',
        rfc: 'RFC 7208 §4.6.4',
        remediation: 'Remove includes you no longer use, replace a/mx mechanisms with ip4:/ip6:, or ask providers for narrower includes.',
    },
    dmarcRecord: {
        id: 'policy.dmarc-record',
        severity: 'error',
        title: 'Policy: DMARC record required',
        rfc: 'RFC 9989 §4.10',
        remediation: 'Publish a TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=reject; rua=mailto:dmarc@<domain>".',
    },
    dmarcPolicy: {
        id: 'policy.dmarc-policy',
        severity: 'error',
        title: 'Policy: DMARC policy weaker than required',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Raise p= (or sp=/np=) to the required level once aggregate reports show legitimate mail aligned.',
    },
    dmarcRua: {
        id: 'policy.dmarc-rua',
        severity: 'error',
        title: 'Policy: DMARC aggregate reports required',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Add rua=mailto:<address> to the DMARC record.',
    },
    dmarcAlignment: {
        id: 'policy.dmarc-alignment',
        severity: 'error',
        title: 'Policy: DMARC alignment mode differs',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Set adkim=/aspf= to the wanted mode: s (strict) or r (relaxed, the default).',
    },
    dkimSelector: {
        id: 'policy.dkim-selector',
        severity: 'error',
        title: 'Policy: DKIM selector missing or unusable',
        rfc: 'RFC 6376 §3.6.2.1',
        remediation: 'Publish the public key at <selector>._domainkey.<domain> as your signing service instructs.',
    },
    dkimKeySize: {
        id: 'policy.dkim-key-size',
        severity: 'error',
        title: 'Policy: DKIM key shorter than required',
        rfc: 'RFC 8301 §3.2',
        remediation: 'Rotate to a longer RSA key (2048 bits) or an Ed25519 key under a new selector, then retire the old one.',
    },
    mtaStsMode: {
        id: 'policy.mta-sts-mode',
        severity: 'error',
        title: 'Policy: MTA-STS mode weaker than required',
        rfc: 'RFC 8461 §3.2',
        remediation: 'Publish the MTA-STS policy with the required mode (testing, then enforce) and bump the id= in the TXT record.',
    },
    // One finding per rule that can be undetermined (DNS trouble, or a check that cannot be made exact): same
    // area prefix as the rule's own finding, a title saying it could not be checked, severity warning.
    spfAuthorizeUndetermined: {
        id: 'policy.spf-authorize-undetermined',
        severity: 'warning',
        title: 'Policy: SPF authorization could not be checked',
        rfc: 'RFC 7208 §4',
        remediation: UNDETERMINED_REMEDIATION,
    },
    spfAllUndetermined: {
        id: 'policy.spf-all-undetermined',
        severity: 'warning',
        title: 'Policy: SPF all mechanism could not be checked',
        rfc: 'RFC 7208 §5.1',
        remediation: UNDETERMINED_REMEDIATION,
    },
    spfLookupsUndetermined: {
        id: 'policy.spf-lookups-undetermined',
        severity: 'warning',
        title: 'Policy: SPF lookup count could not be checked',
        rfc: 'RFC 7208 §4.6.4',
        remediation: UNDETERMINED_REMEDIATION,
    },
    dmarcPolicyUndetermined: {
        id: 'policy.dmarc-policy-undetermined',
        severity: 'warning',
        title: 'Policy: DMARC policy could not be checked',
        rfc: 'RFC 9989 §4.10',
        remediation: UNDETERMINED_REMEDIATION,
    },
    dmarcRuaUndetermined: {
        id: 'policy.dmarc-rua-undetermined',
        severity: 'warning',
        title: 'Policy: DMARC aggregate reports could not be checked',
        rfc: 'RFC 9989 §4.10',
        remediation: UNDETERMINED_REMEDIATION,
    },
    dmarcAlignmentUndetermined: {
        id: 'policy.dmarc-alignment-undetermined',
        severity: 'warning',
        title: 'Policy: DMARC alignment mode could not be checked',
        rfc: 'RFC 9989 §4.10',
        remediation: UNDETERMINED_REMEDIATION,
    },
    dkimSelectorUndetermined: {
        id: 'policy.dkim-selector-undetermined',
        severity: 'warning',
        title: 'Policy: DKIM selector could not be checked',
        rfc: 'RFC 6376 §3.6.2.1',
        remediation: UNDETERMINED_REMEDIATION,
    },
    mtaStsModeUndetermined: {
        id: 'policy.mta-sts-mode-undetermined',
        severity: 'warning',
        title: 'Policy: MTA-STS mode could not be checked',
        rfc: 'RFC 8461 §3.2',
        remediation: 'Re-run when the DNS servers answer, with HTTPS checks enabled so the MTA-STS policy file is fetched.',
    },
    suppressionExpired: {
        id: 'policy.suppression-expired',
        severity: 'warning',
        title: 'Policy: suppression expired',
        remediation: 'Fix the finding, or renew the suppression with a new expires date and an up-to-date reason.',
    },
});
/**
 * The finding a rule reports when it is `undetermined`, by the id of the rule's own finding
 * (`policy.dmarc-policy` → `policy.dmarc-policy-undetermined`), so that titles (annotations, SARIF) say the rule
 * could not be checked rather than that it failed.
 */
const UNDETERMINED_FINDING = {
    'policy.spf-authorize': POLICY_FINDINGS.spfAuthorizeUndetermined,
    'policy.spf-all': POLICY_FINDINGS.spfAllUndetermined,
    'policy.spf-lookups': POLICY_FINDINGS.spfLookupsUndetermined,
    'policy.dmarc-policy': POLICY_FINDINGS.dmarcPolicyUndetermined,
    'policy.dmarc-rua': POLICY_FINDINGS.dmarcRuaUndetermined,
    'policy.dmarc-alignment': POLICY_FINDINGS.dmarcAlignmentUndetermined,
    'policy.dkim-selector': POLICY_FINDINGS.dkimSelectorUndetermined,
    'policy.mta-sts-mode': POLICY_FINDINGS.mtaStsModeUndetermined,
};

;// CONCATENATED MODULE: ./lib/reports/findings.js
/**
 * The findings of report analysis (DMARC aggregate reports, RFC 9990; what-if and readiness), and the
 * functions that turn a what-if or a readiness result into {@link Finding}s, so that a policy gate can
 * decide and annotate from them: a what-if finding carries the zone file line of the change that causes it
 * (`evidence.source`) and the volumes (`evidence.details`).
 *
 * @module
 */

/** Every report-analysis finding, one factory per key; `REPORTS_FINDINGS.definitions` feeds the catalog. */
const REPORTS_FINDINGS = defineFindings({
    lostMail: {
        id: 'reports.whatif-lost-mail',
        severity: 'error',
        title: 'A proposed DNS change makes reported mail fail DMARC',
        rfc: 'RFC 9989 §5.3',
        remediation: 'Keep what the sender relies on (the SPF include or term, the DKIM key at its selector), or move the sender to another aligned method before making the change.',
    },
    weakenedMail: {
        id: 'reports.whatif-weakened-mail',
        severity: 'warning',
        title: 'A proposed DNS change leaves reported mail passing DMARC by one method only',
        rfc: 'RFC 9989 §5.3',
        remediation: 'The mail still passes, but a second change (or a forwarder) would make it fail: keep both SPF and DKIM aligned.',
    },
    notReady: {
        id: 'reports.enforcement-not-ready',
        severity: 'warning',
        title: 'Enforcing DMARC would affect legitimate reported mail',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Fix the senders listed first (align SPF with a MAIL FROM in the domain, or sign with an aligned DKIM d=), then enforce.',
    },
    inputRefused: {
        id: 'reports.input-refused',
        severity: 'warning',
        title: 'A report input could not be read',
        rfc: 'RFC 9990 §2',
        remediation: 'Check the file named: it is damaged, empty, or not a DMARC or SMTP TLS report.',
    },
});
const pct = (x) => `${(x * 100).toFixed(x < 0.001 && x > 0 ? 3 : 1)} %`;
/**
 * One finding per sender whose mail a proposal changes: `reports.whatif-lost-mail` for mail going from DMARC
 * pass to fail, `reports.whatif-weakened-mail` for mail left passing by one method only. The evidence names the
 * first DNS record that causes it (`name`, `record`, and `source` with the zone file line when known) and the
 * volumes in `details` (`messages`, `share` of the sender's mail, `domainShare` of the domain's, `sender`).
 */
function whatIfFindings(result) {
    const out = [];
    for (const d of result.domains) {
        for (const s of d.senders) {
            const causes = s.changes.flatMap((c) => c.causes);
            const cause = causes[0];
            const evidence = {
                details: {
                    sender: s.senderId,
                    name: s.name,
                    messages: s.lost,
                    senderMessages: s.messages,
                    share: s.lostShare,
                    domainShare: d.messages > 0 ? s.lost / d.messages : 0,
                    weakened: s.weakened,
                    disposition: s.lostDisposition,
                    changes: s.changes.map((c) => `${c.method} ${c.subject}: ${c.before} → ${c.after} (${c.messages})`),
                },
            };
            if (cause) {
                evidence.name = cause.name;
                if (Array.isArray(cause.after) && cause.after[0] !== undefined)
                    evidence.record = cause.after[0];
                const at = cause.source?.[0];
                if (at)
                    evidence.source = at;
                else if (cause.zoneFile)
                    evidence.source = { file: cause.zoneFile, line: 1 };
            }
            if (s.lost > 0) {
                out.push(REPORTS_FINDINGS.lostMail(`${s.lost} reported message(s) from ${s.name} (${pct(s.lostShare)} of its mail) would fail DMARC for ${d.domain}${cause ? ` because of the change to ${cause.type} ${cause.name}` : ''}.`, evidence, { domain: d.domain }));
            }
            else if (s.weakened > 0) {
                out.push(REPORTS_FINDINGS.weakenedMail(`${s.weakened} reported message(s) from ${s.name} would still pass DMARC for ${d.domain}, but by one method only${cause ? ` (the change to ${cause.type} ${cause.name})` : ''}.`, { ...evidence, details: { ...evidence.details, messages: s.weakened } }, { domain: d.domain }));
            }
        }
    }
    return out;
}
/** A `reports.enforcement-not-ready` finding per domain whose `p=reject` target is not ready. */
function readinessFindings(readiness) {
    return readiness
        .filter((r) => r.reject.verdict === 'not-ready')
        .map((r) => REPORTS_FINDINGS.notReady(`p=reject would affect ${r.reject.affectedLegitimate} legitimate message(s) of ${r.domain} (${pct(r.reject.legitimateShare)}); fix first: ${r.fixFirst
        .slice(0, 3)
        .map((s) => s.name)
        .join(', ')}.`, {
        name: `_dmarc.${r.domain}`,
        details: {
            affectedLegitimate: r.reject.affectedLegitimate,
            share: r.reject.legitimateShare,
            fixFirst: r.fixFirst.map((s) => s.id),
        },
    }, { domain: r.domain }));
}
/** A `reports.input-refused` finding per refused input of an ingest. */
function ingestFindings(summary) {
    return summary.refused.inputs.map((r) => REPORTS_FINDINGS.inputRefused(`${r.input}: ${r.reason}`, { details: { input: r.input, code: r.code } }));
}

;// CONCATENATED MODULE: ./lib/catalog.js
/**
 * The findings catalog: every finding definition of every module, in one list. Policy files refer to these
 * ids, SARIF `rules` are built from them, and `docs/findings.md` is generated from them.
 *
 * Each protocol folder declares its findings in `src/<area>/findings.ts` (`defineFindings`); this module only
 * gathers their `.definitions`.
 *
 * @module
 */












/** The finding groups, by area, in documentation order. */
const FINDING_GROUPS = [
    { area: 'spf', definitions: SPF_FINDINGS.definitions },
    { area: 'dmarc', definitions: DMARC_FINDINGS.definitions },
    { area: 'dkim', definitions: DKIM_FINDINGS.definitions },
    { area: 'arc', definitions: ARC_FINDINGS.definitions },
    { area: 'message', definitions: MESSAGE_FINDINGS.definitions },
    { area: 'mx', definitions: MX_FINDINGS.definitions },
    { area: 'mtasts', definitions: MTASTS_FINDINGS.definitions },
    { area: 'tlsrpt', definitions: TLSRPT_FINDINGS.definitions },
    { area: 'bimi', definitions: BIMI_FINDINGS.definitions },
    { area: 'audit', definitions: AUDIT_FINDINGS.definitions },
    { area: 'policy', definitions: POLICY_FINDINGS.definitions },
    { area: 'reports', definitions: REPORTS_FINDINGS.definitions },
];
/** Every finding definition, grouped by area, each id once. */
const FINDINGS_CATALOG = FINDING_GROUPS.flatMap((g) => g.definitions);
const BY_ID = new Map(FINDINGS_CATALOG.map((d) => [d.id, d]));
/** The definition of a finding id, or `undefined` for an id not in the catalog. */
function findingDefinition(id) {
    return BY_ID.get(id);
}
/** Ids defined more than once (must be empty; checked by the catalog test). */
function duplicateFindingIds() {
    const seen = new Set();
    const dups = new Set();
    for (const d of FINDINGS_CATALOG) {
        if (seen.has(d.id))
            dups.add(d.id);
        seen.add(d.id);
    }
    return [...dups];
}

;// CONCATENATED MODULE: ./lib/audit/dns-trouble.js
/**
 * Which findings mean "DNS trouble prevented a verdict", and the one rule that turns findings into an outcome at a
 * severity threshold: read by exit codes (1, 3), report summaries (`summary.dnsTrouble`), batch outcomes and the
 * policy gate (`undetermined`).
 *
 * @module
 */


/**
 * True for a finding whose catalog entry has `dnsTrouble: true`: a transient DNS failure (TIMEOUT, SERVFAIL,
 * REFUSED) or the audit's time limit kept a check from completing, so the finding is no observation about the
 * published records. Those are the `*.dns-error` findings (`spf.dns-error`, `dmarc.dns-error`, ...) and
 * `audit.timeout`. The finding's evidence plays no part (a `details.kind` of TIMEOUT on another finding does not
 * make it DNS trouble); an id not in the catalog is not DNS trouble.
 */
function isDnsTrouble(finding) {
    return findingDefinition(finding.id)?.dnsTrouble === true;
}
/**
 * The outcome of `findings` at the threshold `failOn`: `fail` when a finding that is not DNS trouble is at or above
 * it (DNS trouble never fails a check on its own), else `undetermined` when DNS trouble left something undecided
 * (`dnsTrouble`; by default, when a finding {@link isDnsTrouble}), else `pass`. The rule of every exit code and of
 * batch outcomes.
 */
function outcomeAt(findings, failOn, dnsTrouble = findings.some(isDnsTrouble)) {
    if (findings.some((f) => !isDnsTrouble(f) && atOrAbove(f.severity, failOn)))
        return 'fail';
    return dnsTrouble ? 'undetermined' : 'pass';
}

;// CONCATENATED MODULE: ./lib/audit/domain-name.js
/**
 * What a sending domain's name and a selector may look like, checked before any DNS question: kept apart from
 * the audit so that the CLI can validate its arguments without loading the audit.
 *
 * @module
 */

/**
 * Thrown by {@link auditDomain} for a name that cannot be audited: not a string, empty, too long, a bad label,
 * a single label, an IP address literal, or a wildcard. A sending domain is a host name (RFC 1123 §2.1 letters,
 * digits and hyphens; underscores are tolerated), written with U-labels or A-labels.
 */
class InvalidDomainError extends Error {
    domain;
    constructor(domain) {
        super(`not a valid domain name: '${domain}'`);
        this.name = 'InvalidDomainError';
        this.domain = domain;
    }
}
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
/**
 * Checks that `domain` names something that can send mail and returns its normalised form (lower-case A-labels).
 * @throws {@link InvalidDomainError} otherwise.
 */
function auditableDomain(domain) {
    const name = typeof domain === 'string' ? resolver_normalizeName(domain) : null;
    if (name === null)
        throw new InvalidDomainError(String(domain));
    const labels = name.split('.');
    if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l)) || /^\d+$/.test(labels.at(-1))) {
        throw new InvalidDomainError(domain);
    }
    return name;
}
/** True when `selector` is a valid DKIM (RFC 6376 §3.1) or BIMI selector: dot-separated host-name labels. */
function isValidSelector(selector) {
    const n = typeof selector === 'string' ? resolver_normalizeName(selector) : null;
    return n?.split('.').every((l) => HOST_LABEL.test(l)) === true;
}

;// CONCATENATED MODULE: ./lib/audit/audit.js
/**
 * `auditDomain`: everything a receiver or an auditor checks about a sending domain, as one plain
 * {@link DomainReport} that renderers and the policy gate consume.
 *
 * @module
 */














/** The JSON report format version; bumped on any incompatible change to {@link DomainReport}. */
const REPORT_SCHEMA_VERSION = 2;
/** The default time limit of one {@link auditDomain} call, in milliseconds. */
const DEFAULT_AUDIT_TIMEOUT_MS = 120_000;

/** Thrown by {@link auditDomain} for options that are not what its TSDoc says (a missing resolver, a bad selector). */
class InvalidAuditOptionError extends TypeError {
    constructor(message) {
        super(message);
        this.name = 'InvalidAuditOptionError';
    }
}
/**
 * Checks {@link AuditOptions} the way {@link auditDomain} does, so that a batch can refuse bad options once,
 * up front, instead of failing every domain.
 *
 * @throws {@link InvalidAuditOptionError} for a missing resolver, or a bad selector, DMARC mode or time limit.
 */
function validateAuditOptions(options) {
    if (!options || typeof options.resolver?.query !== 'function')
        throw new InvalidAuditOptionError('auditDomain: options.resolver (a Resolver with a query method) is required');
    if (options.dmarcMode !== undefined && options.dmarcMode !== '9989' && options.dmarcMode !== '7489')
        throw new InvalidAuditOptionError(`auditDomain: dmarcMode must be the string '9989' or '7489', not ${JSON.stringify(options.dmarcMode)}`);
    if (options.selectors !== undefined) {
        if (!Array.isArray(options.selectors))
            throw new InvalidAuditOptionError('auditDomain: selectors must be an array of strings');
        for (const sel of options.selectors) {
            if (!isValidSelector(sel))
                throw new InvalidAuditOptionError(`not a valid DKIM selector: '${String(sel)}' (RFC 6376 §3.1)`);
        }
    }
    if (options.bimiSelector !== undefined && !isValidSelector(options.bimiSelector))
        throw new InvalidAuditOptionError(`not a valid BIMI selector: '${String(options.bimiSelector)}'`);
    if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0))
        throw new InvalidAuditOptionError('auditDomain: timeoutMs must be a positive number of milliseconds');
}
/**
 * The DKIM selectors the zone files hold for `domain`: every `<selector>._domainkey.<domain>` owner name of a
 * TXT or CNAME record (a key, or a key delegated to a provider), in file order, without duplicates. Selector
 * discovery probes them before the common selectors, since DNS itself cannot list them (RFC 6376 §3.6.2.1).
 * Wildcard owners and names that are not valid selectors are left out.
 *
 * @param domain - normalised (lower-case A-labels).
 */
function zoneSelectors(domain, zones) {
    const suffix = `._domainkey.${domain}`;
    const out = new Set();
    for (const zone of zones) {
        for (const r of zone.records) {
            if ((r.type !== 'TXT' && r.type !== 'CNAME') || !r.name.endsWith(suffix))
                continue;
            const selector = r.name.slice(0, -suffix.length);
            if (selector !== '' && !selector.split('.').includes('*') && isValidSelector(selector))
                out.add(selector);
        }
    }
    return [...out];
}
/** Counts a list of findings by severity. */
function summarize(findings) {
    return { ...countBySeverity(findings), dnsTrouble: findings.some(isDnsTrouble) };
}
/**
 * Audits a domain's sender configuration: SPF (RFC 7208), DMARC (RFC 9989 §4, or RFC 7489 §6), the DKIM key
 * records at the given selectors (RFC 6376 §3.6.1, RFC 8301, RFC 8463), MX (RFC 5321 §5.1, RFC 7505, reverse
 * DNS), MTA-STS (RFC 8461), TLS-RPT (RFC 8460) and BIMI; `options.checks` turns the last four (and reverse DNS
 * and HTTPS fetching) off.
 *
 * DNS failures never throw: a TIMEOUT or SERVFAIL becomes a `*.dns-error` finding and `summary.dnsTrouble`,
 * never "no record". When `options.signal` fires, unanswered questions count as TIMEOUT and the report gets an
 * `audit.timeout` finding.
 *
 * @param domain - the domain to audit; U-labels are converted to A-labels.
 * @returns the {@link DomainReport}.
 * @throws {@link InvalidDomainError} when `domain` is not a domain that can be audited (see {@link auditableDomain});
 *   {@link InvalidAuditOptionError} when `options` lack a resolver or hold a bad selector, mode or time limit.
 */
async function auditDomain(domain, options) {
    validateAuditOptions(options);
    const name = auditableDomain(domain);
    const signal = options.signal ?? AbortSignal.timeout(options.timeoutMs ?? DEFAULT_AUDIT_TIMEOUT_MS);
    const resolver = cachedResolver(abortableResolver(options.resolver, signal));
    const now = options.now ?? (() => new Date());
    const started = now();
    const checkedAt = started.toISOString();
    const offline = options.resolver.offline === true && !options.https?.fetch;
    const checks = { ...options.checks, https: options.checks?.https ?? !offline };
    const on = (c) => checks[c] !== false;
    const https = {
        ...(options.https?.fetch ? { fetch: options.https.fetch } : {}),
        ...(options.https?.ca ? { ca: options.https.ca } : {}),
        ...(options.https?.timeoutMs ? { timeoutMs: options.https.timeoutMs } : {}),
        ...(signal ? { signal } : {}),
    };
    const skip = Promise.resolve(undefined);
    const dmarcP = auditDmarc(name, { resolver, mode: options.dmarcMode ?? '9989' });
    const [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi] = await Promise.all([
        auditSpf(name, {
            resolver,
            ...(options.spfBudget !== undefined ? { budget: options.spfBudget } : {}),
            ...(options.zones ? { zones: options.zones } : {}),
        }),
        dmarcP,
        auditDkim(name, {
            resolver,
            ...(options.selectors && options.selectors.length > 0
                ? { selectors: options.selectors }
                : { discover: true, candidates: zoneSelectors(name, options.zones ?? []) }),
        }),
        on('mx') ? auditMx(name, { resolver, reverseDns: on('reverseDns') }) : skip,
        on('mtaSts') ? auditMtaSts(name, { resolver, fetchPolicy: on('https'), ...https }) : skip,
        on('tlsRpt') ? auditTlsRpt(name, { resolver }) : skip,
        on('bimi')
            ? dmarcP.then((d) => auditBimi(name, {
                resolver,
                dmarc: bimiDmarcPolicy(d),
                fetchAssets: on('https'),
                now: started,
                ...(options.bimiSelector ? { selector: options.bimiSelector } : {}),
                ...https,
            }))
            : skip,
    ]);
    if (mx)
        mx.findings.push(...nullMxSpfFindings(mx, spf));
    const own = [];
    if (signal?.aborted)
        own.push(AUDIT_FINDINGS.timeout(`the audit of ${name} reached its time limit: questions still unanswered count as TIMEOUT`, {
            name,
            details: {
                kind: 'TIMEOUT',
                ...(typeof signal.reason === 'string' ? { reason: signal.reason } : {}),
            },
        }));
    const sections = [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi];
    const findings = sortFindings([...sections.flatMap((s) => s?.findings ?? []), ...own].map((f) => ({ ...f, domain: f.domain ?? name })));
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        domain: name,
        checkedAt,
        spf,
        dmarc,
        dkim,
        ...(mx ? { mx } : {}),
        ...(mtaSts ? { mtaSts } : {}),
        ...(tlsRpt ? { tlsRpt } : {}),
        ...(bimi ? { bimi } : {}),
        findings,
        summary: summarize(findings),
        dns: resolver.stats(),
    };
}

;// CONCATENATED MODULE: ./lib/audit/domain-list.js
/**
 * Domain lists for batch audits: the `--domains-file` format and `--shard i/n` slices.
 *
 * @module
 */

/**
 * Parses a domain list: one domain a line; `#` starts a comment (whole line or after the domain); blank lines
 * and surrounding whitespace are ignored. A line with more than one word, or a name that is not a valid domain
 * (see `normalizeName`; at least two labels) is an error. Domains are kept as written (the audit normalises them),
 * in file order. A domain that is the same name as an earlier one once normalised (`ACME.test`, `acme.test.`,
 * `bücher.example` / `xn--bcher-kva.example`) is dropped, keeping the first, and listed in `duplicates`.
 */
function parseDomainList(text) {
    const domains = [];
    const errors = [];
    const duplicates = [];
    const seen = new Map();
    text.split(/\r?\n/).forEach((raw, i) => {
        const hash = raw.indexOf('#');
        const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
        if (content === '')
            return;
        const line = i + 1;
        if (/\s/.test(content)) {
            errors.push({ line, text: content, message: 'one domain a line expected' });
            return;
        }
        const name = normalizeName(content);
        if (name === null || !name.includes('.')) {
            errors.push({ line, text: content, message: 'not a valid domain name' });
            return;
        }
        const firstLine = seen.get(name);
        if (firstLine !== undefined) {
            duplicates.push({ line, text: content, firstLine });
            return;
        }
        seen.set(name, line);
        domains.push({ domain: content, line });
    });
    return { domains, errors, duplicates };
}
/**
 * Removes names that are the same domain as an earlier one once normalised (`normalizeName`: case, one trailing
 * dot, IDNA), keeping the first as written. Names that do not normalise are kept (the audit reports them).
 * @returns the names to audit, in order, and the dropped ones.
 */
function uniqueDomains(names) {
    const seen = new Set();
    const domains = [];
    const duplicates = [];
    for (const name of names) {
        const key = resolver_normalizeName(name) ?? name;
        if (seen.has(key))
            duplicates.push(name);
        else {
            seen.add(key);
            domains.push(name);
        }
    }
    return { domains, duplicates };
}
/**
 * Parses `i/n` (1 ≤ i ≤ n, both integers; as in `jest --shard` and `playwright --shard`). For a 0-based job index
 * (a Kubernetes indexed Job's `JOB_COMPLETION_INDEX`), pass `$((JOB_COMPLETION_INDEX + 1))/n`.
 * @returns the shard, or null when the text is malformed.
 */
function parseShard(text) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    if (!m)
        return null;
    const index = Number(m[1]);
    const count = Number(m[2]);
    if (count < 1 || index < 1 || index > count || count > 1_000_000)
        return null;
    return { index, count };
}
/**
 * The deterministic slice of `items` for `shard`: the items whose 0-based position `p` has `p % count === index - 1`
 * (round-robin, so shards differ in size by at most one even when the list is sorted by size or provider).
 * Returns the items with their positions in the full list, so shard reports can be merged back into input order.
 */
function shardSlice(items, shard) {
    const out = [];
    for (let p = shard.index - 1; p < items.length; p += shard.count)
        out.push({ item: items[p], index: p });
    return out;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./lib/dns/zone-error.js
/**
 * The error a zone file that authoritative servers would refuse to load produces, with its location.
 *
 * @module
 */
/**
 * Thrown for a zone file that Knot DNS (the reference; see docs/zone-files.md) would refuse to load: a syntax
 * error, bad RDATA, an unknown type or directive, a CNAME beside other data, an `$INCLUDE` loop... The whole
 * zone is refused, as a server refuses it.
 *
 * `message` is `file:line[:column]: detail`; `detail` is the text without the location.
 */
class zone_error_ZoneParseError extends Error {
    /** The file (as given: a path or a label) holding the problem; an `$INCLUDE`d file names itself. */
    file;
    /** 1-based line of the problem; 0 when it is about the file as a whole (e.g. no origin). */
    line;
    /** 1-based column (in characters) of the offending token, when known. */
    column;
    /** The problem without its location. */
    detail;
    constructor(file, line, detail, column) {
        super(`${file}:${line}${column !== undefined ? `:${column}` : ''}: ${detail}`);
        this.name = 'ZoneParseError';
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }
}

;// CONCATENATED MODULE: ./lib/dns/zone-fields.js
/**
 * The fields of master-file records, parsed the way Knot DNS's zone scanner parses them: domain names,
 * numbers, TTLs, character-strings, hexadecimal, Base64 and Base32hex. Each parser walks its token once (no
 * regular expressions on the untrusted text) and throws a {@link ZoneParseError} at the token for what Knot
 * refuses.
 *
 * @module
 */

/** Throws a {@link ZoneParseError} at a token. */
function tokenError(ctx, tok, detail) {
    throw new zone_error_ZoneParseError(ctx.file, tok.line, detail, tok.column);
}
/** The root name. */
const ROOT = { text: '', wire: 1 };
const MAX_LABEL = 63;
const MAX_NAME_WIRE = 255;
function isDigit(c) {
    return c >= 0x30 && c <= 0x39;
}
function isAlnum(c) {
    return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
/** Reads `\DDD` at `raw[i]` (the backslash); returns the octet value, or -1 when the three digits are not there. */
function decimalEscape(raw, i) {
    const a = raw.charCodeAt(i + 1);
    const b = raw.charCodeAt(i + 2);
    const c = raw.charCodeAt(i + 3);
    if (!isDigit(a))
        return -1;
    if (!isDigit(b) || !isDigit(c))
        return -2;
    return (a - 0x30) * 100 + (b - 0x30) * 10 + (c - 0x30);
}
/** The printable form of one label octet in {@link ZoneName.text}. */
function labelChar(octet) {
    if (octet === 0x2e)
        return '\\.';
    if (octet < 0x20 || octet > 0x7e)
        return `\\${String(octet).padStart(3, '0')}`;
    if (octet >= 0x41 && octet <= 0x5a)
        return String.fromCharCode(octet + 0x20);
    return String.fromCharCode(octet);
}
/**
 * Parses a domain name field: `@` (the current origin), an absolute name (ending in `.`), or a name relative to
 * the origin. Label characters are those Knot accepts unescaped (letters, digits, `*`, `-`, `_`, `/`) and any
 * octet written as `\X` or `\DDD`.
 *
 * @param origin - the current origin (`undefined` before any is known: a relative name is then an error).
 * @throws {@link ZoneParseError} for an empty label, a label over 63 octets, a name over 255 octets, a
 *   character Knot refuses, a `\DDD` over 255, a quoted name, or a relative name without an origin.
 */
function parseName(ctx, tok, origin) {
    const raw = tok.raw;
    if (tok.quoted)
        tokenError(ctx, tok, `a domain name cannot be quoted ("${raw}")`);
    if (raw === '@') {
        if (origin === undefined)
            tokenError(ctx, tok, "'@' used before any origin is known (add $ORIGIN)");
        return origin;
    }
    if (raw === '.')
        return ROOT;
    const labels = [];
    let label = '';
    let labelLen = 0;
    let wire = 0;
    let absolute = false;
    const endLabel = (at) => {
        if (labelLen === 0)
            tokenError(ctx, tok, `empty label in domain name '${raw}'${at === 0 ? ' (it starts with a dot)' : ''}`);
        labels.push(label);
        wire += 1 + labelLen;
        label = '';
        labelLen = 0;
    };
    for (let i = 0; i < raw.length;) {
        const c = raw.charCodeAt(i);
        if (c === 0x2e) {
            endLabel(i);
            i++;
            if (i === raw.length)
                absolute = true;
            continue;
        }
        let octet;
        if (c === 0x5c) {
            const d = decimalEscape(raw, i);
            if (d === -2)
                tokenError(ctx, tok, `bad escape in domain name '${raw}' (\\DDD needs three digits)`);
            if (d >= 0) {
                if (d > 255)
                    tokenError(ctx, tok, `escape \\${raw.slice(i + 1, i + 4)} is over 255 in '${raw}'`);
                octet = d;
                i += 4;
            }
            else {
                const e = raw.charCodeAt(i + 1);
                if (e > 0x7f)
                    tokenError(ctx, tok, `non-ASCII character in domain name '${raw}' (write it as \\DDD)`);
                octet = e;
                i += 2;
            }
        }
        else if (isAlnum(c) || c === 0x2a || c === 0x2d || c === 0x5f || c === 0x2f) {
            octet = c;
            i++;
        }
        else {
            const ch = String.fromCodePoint(raw.codePointAt(i));
            const what = c > 0x7f
                ? `non-ASCII character '${ch}' (use the A-label, xn--..., of an internationalised name)`
                : c < 0x20 || c === 0x7f
                    ? `control character \\${String(c).padStart(3, '0')}`
                    : `character '${ch}' (escape it as \\${ch})`;
            tokenError(ctx, tok, `invalid domain name '${raw}': ${what}`);
        }
        labelLen++;
        if (labelLen > MAX_LABEL)
            tokenError(ctx, tok, `label over ${MAX_LABEL} octets in domain name '${raw}'`);
        label += labelChar(octet);
    }
    if (!absolute)
        endLabel(raw.length);
    const text = labels.join('.');
    if (absolute) {
        if (wire + 1 > MAX_NAME_WIRE)
            tokenError(ctx, tok, `domain name '${raw}' is over ${MAX_NAME_WIRE} octets`);
        return { text, wire: wire + 1 };
    }
    if (origin === undefined)
        tokenError(ctx, tok, `relative name '${raw}' used before any origin is known (add $ORIGIN, or write '${raw}.')`);
    if (wire + origin.wire > MAX_NAME_WIRE)
        tokenError(ctx, tok, `domain name '${raw}' with the origin is over ${MAX_NAME_WIRE} octets`);
    return { text: origin.text === '' ? text : `${text}.${origin.text}`, wire: wire + origin.wire };
}
/** True when a name token is written absolute: it ends with a dot that is not escaped (`a.` yes, `a\\.` no). */
function endsWithDot(raw) {
    if (!raw.endsWith('.'))
        return false;
    let backslashes = 0;
    for (let i = raw.length - 2; i >= 0 && raw[i] === '\\'; i--)
        backslashes++;
    return backslashes % 2 === 0;
}
/** True when `name` is `origin` or below it. */
function inZone(name, origin) {
    return origin === '' || name === origin || name.endsWith(`.${origin}`);
}
/**
 * Parses an unsigned decimal number (digits only, as Knot's scanner) no larger than `max`.
 * @throws {@link ZoneParseError} naming `what` when the token is not such a number.
 */
function parseNumber(ctx, tok, max, what) {
    const raw = tok.raw;
    if (tok.quoted || raw.length === 0)
        tokenError(ctx, tok, `${what} must be a number, not "${raw}"`);
    let v = 0;
    for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (!isDigit(c))
            tokenError(ctx, tok, `${what} must be a number, not '${raw}'`);
        v = v * 10 + (c - 0x30);
        if (v > max)
            tokenError(ctx, tok, `${what} ${raw} is over ${max}`);
    }
    return v;
}
const UINT32_MAX = 0xffffffff;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
/**
 * Parses a TTL or other time: seconds, or BIND/Knot units (`1w2d3h4m5s`, case-insensitive; every number but
 * a lone first one needs a unit), at most 2^32-1.
 *
 * @returns seconds, or `null` when `text` is not a time (`reason` says why when given).
 */
function zone_fields_timeValue(text, reason) {
    if (text.length === 0)
        return null;
    let total = 0;
    let num = -1;
    let sawUnit = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isDigit(c)) {
            num = Math.max(num, 0) * 10 + (c - 0x30);
            if (num > UINT32_MAX) {
                if (reason)
                    reason.why = 'is over 4294967295 seconds';
                return null;
            }
            continue;
        }
        const unit = UNIT_SECONDS[text[i].toLowerCase()];
        if (unit === undefined || num < 0) {
            if (reason)
                reason.why = 'is not a time (seconds, or units such as 1h30m)';
            return null;
        }
        total += num * unit;
        if (total > UINT32_MAX) {
            if (reason)
                reason.why = 'is over 4294967295 seconds';
            return null;
        }
        num = -1;
        sawUnit = true;
    }
    if (num >= 0) {
        if (sawUnit) {
            if (reason)
                reason.why = 'ends with a number without a unit (write e.g. 1h30m)';
            return null;
        }
        total = num;
    }
    return total;
}
/**
 * Parses a time field (TTL, SOA timers).
 * @throws {@link ZoneParseError} naming `what`.
 */
function parseTime(ctx, tok, what) {
    const reason = { why: 'is not a time' };
    const v = tok.quoted ? null : zone_fields_timeValue(tok.raw, reason);
    if (v === null)
        tokenError(ctx, tok, `${what} '${tok.raw}' ${reason.why}`);
    return v;
}
/**
 * Decodes a character-string token (RFC 1035 §5.1): printable ASCII, `\X` and `\DDD` escapes; in quotes also
 * space, tab, `;` and line breaks. Knot refuses other octets written raw (non-ASCII text must be `\DDD` escapes).
 *
 * @returns the octets.
 * @throws {@link ZoneParseError} for a character Knot refuses or a `\DDD` over 255.
 */
function parseTextBytes(ctx, tok) {
    const raw = tok.raw;
    const out = Buffer.allocUnsafe(raw.length);
    let n = 0;
    for (let i = 0; i < raw.length;) {
        const c = raw.charCodeAt(i);
        if (c === 0x5c) {
            const d = decimalEscape(raw, i);
            if (d === -2)
                tokenError(ctx, tok, 'bad escape in text (\\DDD needs three digits)');
            if (d >= 0) {
                if (d > 255)
                    tokenError(ctx, tok, `escape \\${raw.slice(i + 1, i + 4)} is over 255`);
                out[n++] = d;
                i += 4;
                continue;
            }
            const e = raw.charCodeAt(i + 1);
            if (e < 0x20 || e > 0x7e)
                tokenError(ctx, tok, 'a backslash must escape a printable ASCII character');
            out[n++] = e;
            i += 2;
            continue;
        }
        if (c === 0x22 && !tok.quoted)
            tokenError(ctx, tok, 'a quote inside an unquoted word (quote the whole string)');
        const printable = c > 0x20 && c < 0x7f;
        const quotedExtra = tok.quoted && (c === 0x20 || c === 0x09 || c === 0x0a);
        if (!printable && !quotedExtra) {
            const ch = String.fromCodePoint(raw.codePointAt(i));
            tokenError(ctx, tok, c > 0x7f
                ? `non-ASCII character '${ch}' in text: Knot refuses it; write its UTF-8 octets as \\DDD escapes (e.g. é is \\195\\169)`
                : `control character \\${String(c).padStart(3, '0')} in text: write it as a \\DDD escape`);
        }
        out[n++] = c;
        i++;
    }
    return out.subarray(0, n);
}
function hexValue(c) {
    if (c >= 0x30 && c <= 0x39)
        return c - 0x30;
    if (c >= 0x41 && c <= 0x46)
        return c - 0x41 + 10;
    if (c >= 0x61 && c <= 0x66)
        return c - 0x61 + 10;
    return -1;
}
/**
 * Decodes hexadecimal tokens (each an even number of hex digits, as Knot requires).
 * @returns the octets.
 * @throws {@link ZoneParseError} for no token, an odd count or a non-hex character.
 */
function parseHex(ctx, toks, what, at) {
    if (toks.length === 0)
        tokenError(ctx, at, `${what} needs hexadecimal data`);
    const parts = [];
    for (const tok of toks) {
        const raw = tok.raw;
        if (tok.quoted || raw.length % 2 !== 0)
            tokenError(ctx, tok, `${what}: '${raw}' is not hexadecimal octets (two digits each)`);
        const b = Buffer.allocUnsafe(raw.length / 2);
        for (let i = 0; i < raw.length; i += 2) {
            const h = hexValue(raw.charCodeAt(i));
            const l = hexValue(raw.charCodeAt(i + 1));
            if (h < 0 || l < 0)
                tokenError(ctx, tok, `${what}: '${raw}' is not hexadecimal`);
            b[i / 2] = h * 16 + l;
        }
        parts.push(b);
    }
    return Buffer.concat(parts);
}
function base64Value(c) {
    if (c >= 0x41 && c <= 0x5a)
        return c - 0x41;
    if (c >= 0x61 && c <= 0x7a)
        return c - 0x61 + 26;
    if (c >= 0x30 && c <= 0x39)
        return c - 0x30 + 52;
    if (c === 0x2b)
        return 62;
    if (c === 0x2f)
        return 63;
    return -1;
}
/**
 * Checks Base64 tokens (RFC 4648 §4) as Knot does: each token is whole quartets, `=` padding only at the end of
 * a quartet (`AB==`, `ABC=`).
 * @returns the decoded length in octets.
 * @throws {@link ZoneParseError} for no token or a malformed one.
 */
function parseBase64(ctx, toks, what, at) {
    if (toks.length === 0)
        tokenError(ctx, at, `${what} needs Base64 data`);
    let octets = 0;
    for (const tok of toks) {
        const raw = tok.raw;
        const bad = () => tokenError(ctx, tok, `${what}: '${raw}' is not Base64 in whole groups of four characters`);
        if (tok.quoted || raw.length % 4 !== 0)
            bad();
        for (let q = 0; q < raw.length; q += 4) {
            const a = base64Value(raw.charCodeAt(q));
            const b = base64Value(raw.charCodeAt(q + 1));
            const c = raw.charCodeAt(q + 2);
            const d = raw.charCodeAt(q + 3);
            if (a < 0 || b < 0)
                bad();
            if (c === 0x3d) {
                if (d !== 0x3d)
                    bad();
                octets += 1;
            }
            else {
                if (base64Value(c) < 0)
                    bad();
                if (d === 0x3d)
                    octets += 2;
                else if (base64Value(d) < 0)
                    bad();
                else
                    octets += 3;
            }
        }
    }
    return octets;
}
/**
 * Checks a Base32hex token (RFC 4648 §7) as Knot does, the NSEC3 next hashed owner name: groups of eight
 * characters, a short last group completed with `=`.
 * @returns the decoded length in octets.
 */
function parseBase32hex(ctx, tok, what) {
    const raw = tok.raw;
    const octetsOf = { 2: 1, 4: 2, 5: 3, 7: 4, 8: 5 };
    const bad = () => tokenError(ctx, tok, `${what}: '${raw}' is not Base32hex`);
    if (tok.quoted || raw.length === 0 || raw.length % 8 !== 0)
        bad();
    let octets = 0;
    for (let g = 0; g < raw.length; g += 8) {
        let data = 0;
        while (data < 8 && raw.charCodeAt(g + data) !== 0x3d) {
            const c = raw.charCodeAt(g + data) | 0x20;
            if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x76)))
                bad();
            data++;
        }
        for (let p = data; p < 8; p++)
            if (raw.charCodeAt(g + p) !== 0x3d)
                bad();
        const o = octetsOf[data];
        if (o === undefined || (data < 8 && g + 8 !== raw.length))
            bad();
        octets += o;
    }
    return octets;
}

;// CONCATENATED MODULE: ./lib/dns/zone-checks.js
/**
 * Zone-level checks of a parsed zone file, as Knot DNS applies them when it loads a zone (its `kzonecheck`):
 * what makes it refuse the zone is a {@link ZoneParseError}; what it loads but ignores or changes is a warning.
 *
 * Refused, as the Knot server refuses them (its mandatory checks; RFC 1034 §3.6.2, RFC 2181 §10.1, RFC 6672):
 * - a CNAME beside other data at the same name (other than RRSIG and NSEC), or two different CNAMEs;
 * - two different DNAMEs at a name, an NS beside a DNAME, or any name below a DNAME.
 *
 * Warned, as the Knot server loads them (what its optional checks and `kzonecheck` refuse is named so): in a
 * complete zone (one with an SOA at its origin), no NS at the origin, or an NS (at the origin or a delegation)
 * whose target is inside the zone without an A or AAAA record ("missing glue"). A file without an SOA at its
 * origin is a fragment, accepted as an overlay (Knot refuses it; see docs/zone-files.md): these checks are
 * skipped for it.
 *
 * Also warned: records outside the origin (ignored, as servers ignore them); duplicate records (servers keep
 * one); RRsets whose records have different TTLs; data at or below a delegation (not served by this zone); an
 * SOA below the origin; CNAME loops; a zone without records.
 *
 * @module
 */


function zone_checks_parent(name) {
    const dot = name.indexOf('.');
    return dot < 0 ? '' : name.slice(dot + 1);
}
/** A record's data in a comparable form, for duplicate detection. */
function rdataKey(r) {
    return r.data !== undefined ? JSON.stringify(r.data) : r.rdata;
}
/**
 * Checks a parsed zone as Knot does when loading it.
 *
 * @param origin - the zone's origin.
 * @param file - the zone's own file label (records and warnings from `$INCLUDE`d files carry their own).
 * @param records - the records in file order.
 * @throws {@link ZoneParseError} for what makes Knot refuse the zone (listed in the module description).
 */
function checkZone(origin, file, records) {
    const warnings = [];
    const warn = (r, message) => warnings.push(r.file === undefined ? { line: r.line, message } : { line: r.line, message, file: r.file });
    const fail = (r, detail) => {
        throw new zone_error_ZoneParseError(r.file ?? file, r.line, detail);
    };
    const where = (r) => (r.file === undefined ? `line ${r.line}` : `${r.file}:${r.line}`);
    if (records.length === 0)
        warnings.push({ line: 1, message: 'the zone file has no records' });
    // Out-of-zone data and duplicates go first: servers ignore the one and keep one of the other. Out-of-zone
    // records stay in the list (never answered: the resolver skips them), so findings can still point at them.
    const all = [];
    const kept = [];
    const nodes = new Map();
    const seen = new Map();
    for (const r of records) {
        if (!inZone(r.name, origin)) {
            warn(r, `${r.type} record for ${r.name} is outside the zone origin ${origin || '.'} and is ignored, as servers ignore it (set $ORIGIN, or put it in its own zone file)`);
            all.push(r);
            continue;
        }
        const key = `${r.name}|${r.type}|${rdataKey(r)}`;
        const first = seen.get(key);
        if (first) {
            warn(r, `duplicate ${r.type} record for ${r.name} (same as ${where(first)}); servers keep one`);
            continue;
        }
        seen.set(key, r);
        kept.push(r);
        all.push(r);
        const node = nodes.get(r.name);
        if (node)
            node.push(r);
        else
            nodes.set(r.name, [r]);
    }
    // RFC 1034 §3.6.2: a CNAME is alone at its name; RFC 6672: DNAME rules. Errors point at the later record.
    const order = new Map(kept.map((r, i) => [r, i]));
    for (const [name, list] of nodes) {
        const cnames = list.filter((r) => r.type === 'CNAME');
        if (cnames.length > 1)
            fail(cnames[1], `${name} has two CNAME records (also ${where(cnames[0])}); a name has at most one CNAME (RFC 2181 §10.1), and Knot and BIND refuse the zone`);
        const cname = cnames[0];
        if (cname) {
            const other = list.find((r) => r.type !== 'CNAME' && r.type !== 'RRSIG' && r.type !== 'NSEC');
            if (other)
                fail(order.get(other) > order.get(cname) ? other : cname, `${name} has a CNAME and other data (${other.type} at ${where(other)}, CNAME at ${where(cname)}): a CNAME must be alone at its name (RFC 1034 §3.6.2), and Knot and BIND refuse the zone`);
        }
        const dnames = list.filter((r) => r.type === 'DNAME');
        if (dnames.length > 1)
            fail(dnames[1], `${name} has two DNAME records (also ${where(dnames[0])}); Knot refuses the zone (RFC 6672 §2.4)`);
        if (dnames[0]) {
            const ns = list.find((r) => r.type === 'NS');
            if (ns && name !== origin)
                fail(ns, `${name} has an NS record beside its DNAME (${where(dnames[0])}); Knot refuses the zone (RFC 6672 §2.3)`);
        }
    }
    const dnameOwners = [...nodes.entries()]
        .filter(([, l]) => l.some((r) => r.type === 'DNAME'))
        .map(([n]) => n);
    if (dnameOwners.length > 0) {
        const dnames = new Set(dnameOwners);
        for (const r of kept) {
            for (let n = zone_checks_parent(r.name); r.name !== origin && inZone(n, origin); n = zone_checks_parent(n)) {
                if (dnames.has(n)) {
                    const d = nodes.get(n).find((x) => x.type === 'DNAME');
                    fail(r, `${r.type} record for ${r.name} is below the DNAME at ${n} (${where(d)}); a DNAME's owner has no names below it (RFC 6672 §2.3), and Knot refuses the zone`);
                }
                if (n === origin || n === '')
                    break;
            }
        }
    }
    // Delegations: names with NS below the origin. Data at or below them (other than NS/DS at the cut and A/AAAA
    // glue) is not served by this zone.
    const cuts = new Set([...nodes.entries()].filter(([n, l]) => n !== origin && l.some((r) => r.type === 'NS')).map(([n]) => n));
    const cutAbove = (name, strict) => {
        for (let n = strict ? zone_checks_parent(name) : name; inZone(n, origin) && n !== origin; n = zone_checks_parent(n)) {
            if (cuts.has(n))
                return n;
            if (n === '')
                break;
        }
        return undefined;
    };
    for (const r of kept) {
        if (r.type === 'A' || r.type === 'AAAA')
            continue;
        const cut = cutAbove(r.name, false);
        if (cut === undefined || (r.name === cut && (r.type === 'NS' || r.type === 'DS')))
            continue;
        warn(r, `${r.type} record for ${r.name} is at or below the delegation of ${cut} (NS), so this zone does not serve it; put it in the zone of ${cut}`);
    }
    // A complete zone (SOA at the origin): NS at the origin and glue, as kzonecheck checks them.
    const apex = nodes.get(origin) ?? [];
    const soa = apex.find((r) => r.type === 'SOA');
    for (const r of kept)
        if (r.type === 'SOA' && r.name !== origin)
            warn(r, `SOA record for ${r.name} is not at the zone origin ${origin || '.'} (Knot serves it as data; BIND refuses the zone)`);
    if (soa) {
        if (!apex.some((r) => r.type === 'NS'))
            warn(soa, `the zone has no NS record at its origin ${origin || '.'}: BIND and kzonecheck refuse it (Knot loads it with a warning); add e.g. "@ NS ns1.${origin || 'example'}."`);
        const existing = new Set([origin]);
        for (const name of nodes.keys())
            for (let n = name; n !== origin && n !== ''; n = zone_checks_parent(n))
                existing.add(n);
        const hasAddress = (name) => (nodes.get(name) ?? []).some((r) => r.type === 'A' || r.type === 'AAAA');
        for (const owner of [origin, ...cuts]) {
            if (owner !== origin && cutAbove(owner, true) !== undefined)
                continue; // a delegation inside a delegation
            for (const ns of nodes.get(owner).filter((r) => r.type === 'NS')) {
                const target = ns.data;
                if (!inZone(target, origin))
                    continue;
                let ok;
                if (existing.has(target))
                    ok = hasAddress(target);
                else {
                    let encloser = zone_checks_parent(target);
                    while (!existing.has(encloser) && encloser !== origin && encloser !== '')
                        encloser = zone_checks_parent(encloser);
                    if (encloser !== owner && (cuts.has(encloser) || cutAbove(encloser, true) !== undefined))
                        continue;
                    ok = hasAddress(encloser === '' ? '*' : `*.${encloser}`);
                }
                if (!ok)
                    warn(ns, `missing glue: the NS target ${target} of ${owner} is inside the zone but has no A or AAAA record; kzonecheck refuses the zone${owner === origin ? ' and so does BIND' : ''} (Knot loads it with a warning); add its address`);
            }
        }
    }
    // RRsets whose records have different TTLs: servers use one TTL for the set.
    const rrsetTtl = new Map();
    for (const r of kept) {
        const key = `${r.name}|${r.type}`;
        const first = rrsetTtl.get(key);
        if (!first)
            rrsetTtl.set(key, r);
        else if (first.ttl !== r.ttl)
            warn(r, `${r.type} records for ${r.name} have different TTLs (${first.ttl} at ${where(first)}, ${r.ttl} here); servers give the set one TTL`);
    }
    // CNAME loops: resolvers answer SERVFAIL (Knot loads them).
    const cnames = new Map();
    for (const r of kept)
        if (r.type === 'CNAME')
            cnames.set(r.name, r);
    for (const [start, rec] of cnames) {
        const path = [start];
        let target = rec.data;
        while (cnames.has(target) && !path.includes(target)) {
            path.push(target);
            target = cnames.get(target).data;
        }
        if (target === start)
            warn(rec, `CNAME loop: ${[...path, start].join(' -> ')} (resolvers answer SERVFAIL)`);
    }
    return { records: all, warnings };
}

;// CONCATENATED MODULE: ./lib/dns/zone-lexer.js
/**
 * The master-file lexer (RFC 1035 §5.1), with the rules Knot DNS's zone scanner applies: one pass over the
 * text, no regular expressions, so its time is linear in the input.
 *
 * It splits the text into entries (a record or a directive: one line, or several joined by parentheses) of
 * tokens. A token keeps its text as written (escapes `\X` and `\DDD` undecoded: what they mean depends on the
 * field, a domain name or a character-string), without its quotes.
 *
 * Refused here, as Knot refuses them: a CR byte (Knot does not accept CRLF line endings), a quoted string that
 * reaches the end of its line outside parentheses (it would swallow the next line), nested or unbalanced
 * parentheses, a backslash at the end of a line, a quote glued to other text.
 *
 * @module
 */

/**
 * The most words one entry may have: RDATA is at most 65535 octets and every RDATA word adds at least one, plus
 * the owner, TTL, class, type and a generic `\# length`. More is refused at once, which also bounds the memory
 * and time one giant line can cost.
 */
const MAX_ENTRY_TOKENS = 65535 + 6;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const zone_lexer_CR = 0x0d;
const QUOTE = 0x22;
const SEMI = 0x3b;
const LPAREN = 0x28;
const RPAREN = 0x29;
const BACKSLASH = 0x5c;
/** True for the characters that end an unquoted token. */
function isDelimiter(c) {
    return c === SPACE || c === TAB || c === LF || c === SEMI || c === LPAREN || c === RPAREN;
}
/**
 * Splits master-file text into entries, lazily (a caller may stop after the first few).
 *
 * @param text - the file's text.
 * @param file - the file label used in errors.
 * @throws {@link ZoneParseError} (file, line, column) for the lexical errors listed in the module description.
 */
function* lexZone(text, file) {
    const n = text.length;
    let i = 0;
    let line = 1;
    let lineStart = 0;
    let inParens = false;
    let parenLine = 0;
    let parenColumn = 0;
    let current = null;
    // A line that starts with a blank: its entry (owner omitted) is created at its first token, so blank lines
    // cost no allocation.
    let blankStart = false;
    let atLineStart = true;
    const col = (at) => at - lineStart + 1;
    const fail = (detail, atLine = line, atCol) => {
        throw new zone_error_ZoneParseError(file, atLine, detail, atCol);
    };
    const push = (tok) => {
        if (!current)
            current = { tokens: [], blankOwner: blankStart, line: tok.line };
        if (current.tokens.length >= MAX_ENTRY_TOKENS)
            fail(`more than ${MAX_ENTRY_TOKENS} words in one record (its data can be at most 65535 octets)`, tok.line, tok.column);
        current.tokens.push(tok);
    };
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === LF) {
            if (!inParens) {
                blankStart = false;
                if (current) {
                    const done = current;
                    current = null;
                    yield done;
                }
            }
            i++;
            line++;
            lineStart = i;
            atLineStart = true;
            continue;
        }
        if (c === zone_lexer_CR) {
            fail('carriage return (CR) byte: Knot refuses CRLF line endings; convert the file to LF line endings', line, col(i));
        }
        if (c === SPACE || c === TAB) {
            if (atLineStart && !inParens && !current)
                blankStart = true;
            atLineStart = false;
            i++;
            continue;
        }
        if (c === SEMI) {
            // A comment runs to the end of the line; Knot takes any byte in it, a CR too.
            atLineStart = false;
            const lf = text.indexOf('\n', i);
            i = lf < 0 ? n : lf;
            continue;
        }
        if (c === LPAREN) {
            if (atLineStart && !inParens && !current)
                blankStart = true;
            atLineStart = false;
            if (inParens)
                fail("'(' inside parentheses (they do not nest)", line, col(i));
            inParens = true;
            parenLine = line;
            parenColumn = col(i);
            i++;
            continue;
        }
        if (c === RPAREN) {
            atLineStart = false;
            if (!inParens)
                fail("')' without a matching '('", line, col(i));
            inParens = false;
            i++;
            continue;
        }
        atLineStart = false;
        const tokLine = line;
        const tokCol = col(i);
        if (c === QUOTE) {
            i++;
            const start = i;
            for (;;) {
                if (i >= n)
                    fail('unterminated quoted string: the closing " is missing', tokLine, tokCol);
                const q = text.charCodeAt(i);
                if (q === QUOTE)
                    break;
                if (q === BACKSLASH) {
                    const next = text.charCodeAt(i + 1);
                    if (i + 1 >= n || next === LF)
                        fail('backslash at the end of a line inside a quoted string', line, col(i));
                    if (next === zone_lexer_CR)
                        fail('carriage return (CR) byte: Knot refuses CRLF line endings; convert the file to LF line endings');
                    i += 2;
                    continue;
                }
                if (q === LF) {
                    // Knot allows a line break inside a quoted string only within parentheses; elsewhere the string would
                    // swallow the next line (and the record written there), so it is refused at the opening quote.
                    if (!inParens)
                        fail('unterminated quoted string: the closing " is missing on this line (a quoted string continues on the next line only inside parentheses)', tokLine, tokCol);
                    line++;
                    lineStart = i + 1;
                }
                else if (q === zone_lexer_CR) {
                    fail('carriage return (CR) byte: Knot refuses CRLF line endings; convert the file to LF line endings');
                }
                i++;
            }
            push({ raw: text.slice(start, i), quoted: true, line: tokLine, column: tokCol });
            i++; // the closing quote
            if (i < n && !isDelimiter(text.charCodeAt(i)) && text.charCodeAt(i) !== zone_lexer_CR)
                fail('a quoted string must be followed by white space', line, col(i));
            continue;
        }
        const start = i;
        while (i < n) {
            const t = text.charCodeAt(i);
            if (isDelimiter(t) || t === zone_lexer_CR)
                break;
            if (t === QUOTE) {
                // `key="value"` (SVCB/HTTPS parameters, RFC 9460 §2.1): the quoted value belongs to the word. Any other
                // quote inside a word is refused, as Knot refuses it.
                if (text.charCodeAt(i - 1) !== 0x3d || i === start)
                    fail('a quote inside an unquoted word (put white space before it)', line, col(i));
                i++;
                for (;;) {
                    if (i >= n || text.charCodeAt(i) === LF || text.charCodeAt(i) === zone_lexer_CR)
                        fail('unterminated quoted string: the closing " is missing on this line', tokLine, tokCol);
                    const q = text.charCodeAt(i);
                    if (q === QUOTE)
                        break;
                    i += q === BACKSLASH ? 2 : 1;
                }
                i++;
                if (i < n && !isDelimiter(text.charCodeAt(i)) && text.charCodeAt(i) !== zone_lexer_CR)
                    fail('a quoted string must be followed by white space', line, col(i));
                break;
            }
            if (t === BACKSLASH) {
                if (i + 1 >= n || text.charCodeAt(i + 1) === LF)
                    fail('backslash at the end of a line', line, col(i));
                i += 2;
                continue;
            }
            i++;
        }
        push({ raw: text.slice(start, i), quoted: false, line: tokLine, column: tokCol });
    }
    if (inParens)
        fail("'(' is never closed", parenLine, parenColumn);
    const last = current;
    if (last !== null)
        yield last;
}

;// CONCATENATED MODULE: ./lib/dns/zone-generate.js
/**
 * BIND's `$GENERATE` directive (BIND 9 Administrator Reference Manual, "BIND Primary File Extension: the
 * $GENERATE Directive"): `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`, where `$` in `lhs` and
 * `rhs` is the iterator, `${offset[,width[,base]]}` formats it (bases d, o, x, X, and n/N for reversed nibbles),
 * `$$` and `\$` are a literal `$`. Knot DNS does not support it; mailgate expands it as BIND does.
 *
 * @module
 */



/** The most records one `$GENERATE` may produce (a /16 of PTR records); more is refused, to bound memory. */
const MAX_GENERATE_RECORDS = 65536;
function parseRange(ctx, tok) {
    const raw = tok.raw;
    const dash = raw.indexOf('-');
    const slash = raw.indexOf('/');
    const num = (s) => (s.length > 0 && s.length <= 10 && /^\d+$/.test(s) ? Number(s) : Number.NaN);
    const start = num(raw.slice(0, dash));
    const stop = num(raw.slice(dash + 1, slash < 0 ? undefined : slash));
    const step = slash < 0 ? 1 : num(raw.slice(slash + 1));
    if (tok.quoted || dash < 0 || ![start, stop, step].every((n) => Number.isInteger(n) && n <= 0x7fffffff))
        tokenError(ctx, tok, `$GENERATE range '${raw}' is not start-stop or start-stop/step`);
    if (start > stop)
        tokenError(ctx, tok, `$GENERATE range '${raw}' starts after it stops`);
    if (step < 1)
        tokenError(ctx, tok, `$GENERATE step in '${raw}' must be at least 1`);
    const count = Math.floor((stop - start) / step) + 1;
    if (count > MAX_GENERATE_RECORDS)
        tokenError(ctx, tok, `$GENERATE range '${raw}' makes ${count} records; mailgate allows at most ${MAX_GENERATE_RECORDS}`);
    return { start, stop, step };
}
/** BIND's nibble format: the value's hex digits, least significant first, separated by dots, to `width` characters. */
function nibbles(value, width, upper) {
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    let out = '';
    let v = value;
    let w = width;
    do {
        out += digits[v & 0xf];
        v = Math.floor(v / 16);
        if (w > 0)
            w--;
        if (w > 0 || v !== 0) {
            out += '.';
            if (w > 0)
                w--;
        }
    } while (v !== 0 || w > 0);
    return out;
}
/** Parses a `$GENERATE` template once into pieces. */
function parseTemplate(ctx, tok) {
    const raw = tok.raw;
    const pieces = [];
    let lit = '';
    for (let i = 0; i < raw.length; i++) {
        const c = raw[i];
        if (c === '\\' && i + 1 < raw.length) {
            lit += raw.slice(i, i + 2);
            i++;
            continue;
        }
        if (c !== '$') {
            lit += c;
            continue;
        }
        if (raw[i + 1] === '$') {
            lit += '\\$';
            i++;
            continue;
        }
        if (lit)
            pieces.push(lit);
        lit = '';
        if (raw[i + 1] !== '{') {
            pieces.push({ offset: 0, width: 0, base: 'd' });
            continue;
        }
        const close = raw.indexOf('}', i + 2);
        if (close < 0)
            tokenError(ctx, tok, `$GENERATE modifier in '${raw}' has no closing '}'`);
        const parts = raw.slice(i + 2, close).split(',');
        const [offset = '0', width = '0', base = 'd'] = parts;
        const ok = parts.length <= 3 &&
            /^[-+]?\d{1,10}$/.test(offset) &&
            /^\d{1,3}$/.test(width) &&
            ['d', 'o', 'x', 'X', 'n', 'N'].includes(base);
        if (!ok)
            tokenError(ctx, tok, `$GENERATE modifier '\${${raw.slice(i + 2, close)}}' is not \${offset[,width[,base]]} (base d, o, x, X, n or N)`);
        pieces.push({ offset: Number(offset), width: Number(width), base });
        i = close;
    }
    if (lit)
        pieces.push(lit);
    return pieces;
}
function render(ctx, tok, pieces, iterator) {
    let out = '';
    for (const p of pieces) {
        if (typeof p === 'string') {
            out += p;
            continue;
        }
        const v = iterator + p.offset;
        if (v < 0)
            tokenError(ctx, tok, `$GENERATE value ${v} is below 0 (check the offset)`);
        if (p.base === 'n' || p.base === 'N')
            out += nibbles(v, p.width, p.base === 'N');
        else {
            const radix = p.base === 'd' ? 10 : p.base === 'o' ? 8 : 16;
            let s = v.toString(radix);
            if (p.base === 'X')
                s = s.toUpperCase();
            out += s.padStart(p.width, '0');
        }
    }
    return out;
}
/**
 * Expands a `$GENERATE` directive into records (their tokens; the record parser checks them as any record).
 *
 * @param args - the tokens after `$GENERATE`.
 * @param isClassOrTtl - true for a token in the TTL/class position (the record parser's rule).
 * @throws {@link ZoneParseError} for a malformed range, template or directive, or more than
 *   {@link MAX_GENERATE_RECORDS} records.
 */
function expandGenerate(ctx, directive, args, isClassOrTtl) {
    const [rangeTok, lhsTok] = args;
    if (!rangeTok || !lhsTok)
        tokenError(ctx, directive, '$GENERATE needs a range, an owner, a type and RDATA');
    const range = parseRange(ctx, rangeTok);
    let i = 2;
    const middle = [];
    while (i < args.length && middle.length < 2 && isClassOrTtl(args[i]))
        middle.push(args[i++]);
    const typeTok = args[i++];
    const rhsTok = args[i++];
    if (!typeTok || !rhsTok)
        tokenError(ctx, args[args.length - 1], '$GENERATE needs a type and RDATA after the owner');
    middle.push(typeTok);
    if (i < args.length)
        tokenError(ctx, args[i], `unexpected '${args[i].raw}' after the $GENERATE RDATA (quote RDATA of several words)`);
    const lhs = parseTemplate(ctx, lhsTok);
    const rhs = parseTemplate(ctx, rhsTok);
    const out = [];
    for (let v = range.start; v <= range.stop; v += range.step) {
        const owner = { ...lhsTok, raw: render(ctx, lhsTok, lhs, v), quoted: false };
        const text = render(ctx, rhsTok, rhs, v);
        const rdata = [];
        try {
            for (const entry of lexZone(text, ctx.file)) {
                for (const t of entry.tokens)
                    rdata.push({ ...t, line: rhsTok.line, column: rhsTok.column });
            }
        }
        catch (e) {
            if (e instanceof zone_error_ZoneParseError)
                tokenError(ctx, rhsTok, `$GENERATE RDATA '${text}': ${e.detail}`);
            throw e;
        }
        out.push({ owner, middle, rdata });
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/dns/zone-origin.js
/**
 * The origin of a zone file, as people name their files: `example.com.zone`, `example.com.db`, BIND's
 * `db.example.com`, a bare `example.com`, or `$ORIGIN example.com.` at the top of the file; an explicit mapping
 * for any other layout. An ambiguous file is an error that says how to name or map it.
 *
 * @module
 */




/**
 * File extensions that a bare file name ending in them does not mean a domain (`records.txt` is not the zone
 * `records.txt`): configuration, data and include fragments. (`.inc` is also a TLD: map such a zone explicitly.)
 */
const NOT_A_TLD = new Set([
    'txt',
    'conf',
    'cfg',
    'inc',
    'include',
    'json',
    'yaml',
    'yml',
    'toml',
    'ini',
    'bak',
    'old',
    'orig',
    'tmp',
    'swp',
    'tpl',
    'j2',
    'log',
    'rej',
    'sig',
    'signed',
    'jnl',
]);
/** A domain name of at least two labels (letters, digits, `-`, `_`), its last label not a number or a file extension. */
function domainLike(name) {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (n.length === 0 || n.length > 253)
        return undefined;
    const labels = n.split('.');
    if (labels.length < 2)
        return undefined;
    for (const l of labels) {
        if (l.length === 0 || l.length > 63)
            return undefined;
        for (let i = 0; i < l.length; i++) {
            const c = l.charCodeAt(i);
            const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
            if (!ok)
                return undefined;
        }
    }
    const tld = labels[labels.length - 1];
    if (/^\d+$/.test(tld) && !n.endsWith('.in-addr.arpa') && !n.endsWith('.ip6.arpa'))
        return undefined;
    if (NOT_A_TLD.has(tld))
        return undefined;
    return n;
}
/**
 * The origin a file name means, or `undefined` when the name is not one of the recognised patterns:
 * `ORIGIN.zone`, `ORIGIN.db` (any case), `db.ORIGIN` (BIND's convention: `db.t.example` is `t.example`), or a
 * bare `ORIGIN` of at least two labels whose last label is not a number or a common file extension.
 */
function originFromFileName(path) {
    const name = (0,external_node_path_.basename)(path);
    const lower = name.toLowerCase();
    if (lower.endsWith('.zone'))
        return domainLike(name.slice(0, -5));
    if (lower.endsWith('.db'))
        return domainLike(name.slice(0, -3));
    if (lower.startsWith('db.'))
        return domainLike(name.slice(3));
    return domainLike(name);
}
/**
 * The file's leading `$ORIGIN`: the first `$ORIGIN` directive before any record or `$INCLUDE` (only `$TTL` may
 * come before it), as written in the file; `undefined` when there is none. Reads only up to it.
 *
 * @throws {@link ZoneParseError} for a lexical error or a malformed `$ORIGIN` before the first record.
 */
function leadingOrigin(text, file) {
    const ctx = { file };
    for (const entry of lexZone(text, file)) {
        const first = entry.tokens[0];
        if (entry.blankOwner || first.quoted)
            return undefined;
        const directive = first.raw.toUpperCase();
        if (directive === '$TTL')
            continue;
        if (directive !== '$ORIGIN')
            return undefined;
        const arg = entry.tokens[1];
        if (!arg)
            return undefined; // the parser reports it
        if (!endsWithDot(arg.raw))
            return undefined;
        return { origin: parseName(ctx, arg, undefined).text, line: entry.line };
    }
    return undefined;
}
/** How to give a file an origin, for error messages. */
function howToName(file, origin = 'example.com') {
    return `name the file ${origin}.zone, ${origin}.db or db.${origin}, start it with "$ORIGIN ${origin}.", or map it explicitly (CLI: --zone-origin ${file}=${origin}; Action: zone-origins: ${file}=${origin})`;
}
/**
 * The origin of a zone file: `mapped` when given; else the origin its name means ({@link originFromFileName})
 * and its leading `$ORIGIN` ({@link leadingOrigin}), which must agree when both are there.
 *
 * @param file - the file's path or label (its base name is used), shown in errors.
 * @param text - the file's text.
 * @param mapped - an explicit origin (CLI `--zone-origin`, Action `zone-origins`, library `origin`).
 * @throws {@link ZoneParseError} when neither gives an origin, or they disagree; the message says how to name
 *   or map the file.
 */
function zoneOrigin(file, text, mapped) {
    if (mapped !== undefined)
        return mapped;
    const fromName = originFromFileName(file);
    const leading = leadingOrigin(text, file);
    if (fromName !== undefined && leading !== undefined && fromName !== leading.origin) {
        throw new zone_error_ZoneParseError(file, leading.line, `the file name says the zone is ${fromName} but its $ORIGIN says ${leading.origin || '.'}: rename the file, correct $ORIGIN, or map it explicitly (CLI: --zone-origin ${file}=${leading.origin || '.'}; Action: zone-origins)`);
    }
    const origin = leading?.origin ?? fromName;
    if (origin === undefined) {
        throw new zone_error_ZoneParseError(file, 0, `cannot tell which zone this file is: its name is not a zone name and it does not start with $ORIGIN; ${howToName(file)}`);
    }
    return origin;
}

;// CONCATENATED MODULE: ./lib/dns/txt-octets.js
/**
 * The one rule for turning a TXT record's octets into strings, shared by every source of TXT records (live DNS
 * through node or our wire client, and zone files), so that the same published octets always read the same.
 *
 * @module
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * Decodes a TXT record whose character-strings are given one UTF-16 code unit per octet (Latin-1, as node returns
 * them): as UTF-8 when every character-string is valid UTF-8, otherwise unchanged (one unit per octet). The
 * decision is per record, not per character-string: a record with one valid-UTF-8 string and one invalid string
 * keeps both in their octet form (so joining them still gives the right octets). `system.ts` documents the rule.
 *
 * @param strings the character-strings, one code unit (0..255) per octet.
 * @returns the decoded character-strings (a new array).
 */
function decodeTxtRecord(strings) {
    if (strings.every((s) => !/[^\x00-\x7f]/.test(s)))
        return [...strings];
    try {
        return strings.map((s) => UTF8.decode(Buffer.from(s, 'latin1')));
    }
    catch {
        return [...strings];
    }
}

;// CONCATENATED MODULE: ./lib/dns/zone-rdata.js
/**
 * Record types and RDATA of master files, as Knot DNS 3.2 reads them: the type mnemonics it knows, the text
 * form of each type's RDATA (field by field, as its zone scanner's grammar), and the RFC 3597 generic form
 * (`\# length hex`) for any type.
 *
 * The types mailgate answers (A, AAAA, MX, TXT, SPF, PTR, CNAME, NS, SOA) get typed data; every other type Knot
 * knows is checked field by field and kept as text. What Knot refuses is a {@link ZoneParseError}; what it
 * loads but changes (a TXT string over 255 octets, which it splits) is a warning.
 *
 * @module
 */



/** The type mnemonics Knot DNS 3.2 knows, with their numbers (IANA DNS parameters). */
const KNOWN_TYPES = new Map([
    ['A', 1],
    ['NS', 2],
    ['CNAME', 5],
    ['SOA', 6],
    ['PTR', 12],
    ['HINFO', 13],
    ['MINFO', 14],
    ['MX', 15],
    ['TXT', 16],
    ['RP', 17],
    ['AFSDB', 18],
    ['RT', 21],
    ['KEY', 25],
    ['AAAA', 28],
    ['LOC', 29],
    ['SRV', 33],
    ['NAPTR', 35],
    ['KX', 36],
    ['CERT', 37],
    ['DNAME', 39],
    ['APL', 42],
    ['DS', 43],
    ['SSHFP', 44],
    ['IPSECKEY', 45],
    ['RRSIG', 46],
    ['NSEC', 47],
    ['DNSKEY', 48],
    ['DHCID', 49],
    ['NSEC3', 50],
    ['NSEC3PARAM', 51],
    ['TLSA', 52],
    ['SMIMEA', 53],
    ['CDS', 59],
    ['CDNSKEY', 60],
    ['OPENPGPKEY', 61],
    ['CSYNC', 62],
    ['ZONEMD', 63],
    ['SVCB', 64],
    ['HTTPS', 65],
    ['SPF', 99],
    ['NID', 104],
    ['L32', 105],
    ['L64', 106],
    ['LP', 107],
    ['EUI48', 108],
    ['EUI64', 109],
    ['URI', 256],
    ['CAA', 257],
]);
const TYPE_BY_NUMBER = new Map([...KNOWN_TYPES].map(([k, v]) => [v, k]));
/** Types whose RDATA may be empty (Knot accepts `\# 0` for them, and for types it does not know). */
const MAY_BE_EMPTY = new Set(['APL']);
/**
 * The type a type token names: a known mnemonic (any case) or `TYPEn` (n in 0..65535, RFC 3597 §5), returned as
 * the mnemonic when Knot knows the number (`TYPE16` is `TXT`), else as `TYPEn`. `null` for anything else.
 */
function typeName(raw) {
    const up = raw.toUpperCase();
    if (KNOWN_TYPES.has(up))
        return up;
    if (!up.startsWith('TYPE') || up.length === 4 || up.length > 24)
        return null;
    let v = 0;
    for (let i = 4; i < up.length; i++) {
        const c = up.charCodeAt(i);
        if (c < 0x30 || c > 0x39)
            return null;
        v = v * 10 + (c - 0x30);
        if (v > 65535)
            return null;
    }
    return TYPE_BY_NUMBER.get(v) ?? `TYPE${v}`;
}
const ALGORITHMS = new Map([
    ['RSAMD5', 1],
    ['DH', 2],
    ['DSA', 3],
    ['RSASHA1', 5],
    ['DSA-NSEC3-SHA1', 6],
    ['RSASHA1-NSEC3-SHA1', 7],
    ['RSASHA256', 8],
    ['RSASHA512', 10],
    ['ECC-GOST', 12],
    ['ECDSAP256SHA256', 13],
    ['ECDSAP384SHA384', 14],
    ['ED25519', 15],
    ['ED448', 16],
    ['INDIRECT', 252],
    ['PRIVATEDNS', 253],
    ['PRIVATEOID', 254],
]);
const CERT_TYPES = new Map([
    ['PKIX', 1],
    ['SPKI', 2],
    ['PGP', 3],
    ['IPKIX', 4],
    ['ISPKI', 5],
    ['IPGP', 6],
    ['ACPKIX', 7],
    ['IACPKIX', 8],
    ['URI', 253],
    ['OID', 254],
]);
/** DS digest types Knot accepts and their digest lengths in octets (RFC 4034, 4509, 6605). */
const DS_DIGEST_OCTETS = new Map([
    [1, 20],
    [2, 32],
    [4, 48],
]);
const MAX_RDATA = 65535;
/** Walks the RDATA tokens of one record. */
class Fields {
    ctx;
    type;
    typeTok;
    toks;
    i = 0;
    constructor(ctx, type, typeTok, toks) {
        this.ctx = ctx;
        this.type = type;
        this.typeTok = typeTok;
        this.toks = toks;
    }
    /** The next token, or an error naming the missing field. */
    next(what) {
        const t = this.toks[this.i];
        if (!t) {
            const at = this.toks[this.toks.length - 1] ?? this.typeTok;
            tokenError(this.ctx, at, `${this.type} record needs ${what}`);
        }
        this.i++;
        return t;
    }
    has() {
        return this.i < this.toks.length;
    }
    /** The remaining tokens (consumed). */
    rest() {
        const r = this.toks.slice(this.i);
        this.i = this.toks.length;
        return r;
    }
    /** Errors when tokens are left over. */
    end() {
        const t = this.toks[this.i];
        if (t)
            tokenError(this.ctx, t, `unexpected data '${t.raw}' after the ${this.type} record data`);
    }
    last() {
        return this.toks[this.toks.length - 1] ?? this.typeTok;
    }
    u8(what) {
        return parseNumber(this.ctx, this.next(what), 255, what);
    }
    u16(what) {
        return parseNumber(this.ctx, this.next(what), 65535, what);
    }
    u32(what) {
        return parseNumber(this.ctx, this.next(what), 0xffffffff, what);
    }
    name(what) {
        return parseName(this.ctx, this.next(what), this.ctx.origin);
    }
    /** One character-string of at most 255 octets. */
    charString(what) {
        const tok = this.next(what);
        const b = parseTextBytes(this.ctx, tok);
        if (b.length > 255)
            tokenError(this.ctx, tok, `${what} of ${b.length} octets is over 255 (RFC 1035 §3.3)`);
        return b;
    }
    /** A mnemonic or a number, from a table. */
    mnemonic(table, max, what) {
        const tok = this.next(what);
        const named = tok.quoted ? undefined : table.get(tok.raw.toUpperCase());
        if (named !== undefined)
            return named;
        const c = tok.raw.charCodeAt(0);
        if (tok.quoted || !(c >= 0x30 && c <= 0x39))
            tokenError(this.ctx, tok, `unknown ${what} '${tok.raw}'`);
        return parseNumber(this.ctx, tok, max, what);
    }
}
function ipv4(ctx, tok, what) {
    if (tok.quoted || !(0,external_node_net_.isIPv4)(tok.raw))
        tokenError(ctx, tok, `${what} '${tok.raw}' is not an IPv4 address`);
    return tok.raw;
}
function ipv6(ctx, tok, what) {
    const raw = tok.raw;
    let ok = !tok.quoted && raw.length > 0;
    for (let i = 0; ok && i < raw.length; i++) {
        const c = raw.charCodeAt(i) | 0x20;
        ok = (c >= 0x30 && c <= 0x3a) || (c >= 0x61 && c <= 0x66) || c === 0x2e; // digits, ':', a-f, '.'
    }
    if (!ok || !(0,external_node_net_.isIPv6)(raw))
        tokenError(ctx, tok, `${what} '${raw}' is not an IPv6 address`);
    return new URL(`http://[${raw}]/`).hostname.slice(1, -1);
}
/** The type bitmap of NSEC, NSEC3 and CSYNC: type names or `TYPEn`; may be empty. */
function bitmap(f, ctx) {
    const types = new Set();
    for (const tok of f.rest()) {
        const t = tok.quoted ? null : typeName(tok.raw);
        if (t === null)
            tokenError(ctx, tok, `'${tok.raw}' in the type bitmap is not a record type`);
        types.add(KNOWN_TYPES.get(t) ?? Number(t.slice(4)));
    }
    const windows = new Map();
    for (const t of types)
        windows.set(t >> 8, Math.max(windows.get(t >> 8) ?? 0, ((t & 0xff) >> 3) + 1));
    let octets = 0;
    for (const len of windows.values())
        octets += 2 + len;
    return octets;
}
/** RRSIG timestamps: `YYYYMMDDHHmmSS` (a real UTC date) or seconds since 1970 (at most 10 digits, 32 bits). */
function timestamp(ctx, tok, what) {
    const raw = tok.raw;
    for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c < 0x30 || c > 0x39)
            tokenError(ctx, tok, `${what} '${raw}' is not a timestamp`);
    }
    if (tok.quoted || raw.length === 0)
        tokenError(ctx, tok, `${what} '${raw}' is not a timestamp`);
    if (raw.length === 14) {
        const [y, mo, d, h, mi, s] = [
            raw.slice(0, 4),
            raw.slice(4, 6),
            raw.slice(6, 8),
            raw.slice(8, 10),
            raw.slice(10, 12),
            raw.slice(12, 14),
        ].map(Number);
        const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
        const valid = y >= 1970 &&
            date.getUTCFullYear() === y &&
            date.getUTCMonth() === mo - 1 &&
            date.getUTCDate() === d &&
            h < 24 &&
            mi < 60 &&
            s < 60 &&
            date.getTime() / 1000 <= 0xffffffff;
        if (!valid)
            tokenError(ctx, tok, `${what} '${raw}' is not a valid date`);
        return;
    }
    if (raw.length > 10)
        tokenError(ctx, tok, `${what} '${raw}' is neither YYYYMMDDHHmmSS nor seconds`);
    if (Number(raw) > 0xffffffff)
        tokenError(ctx, tok, `${what} '${raw}' is over 4294967295`);
}
/** A decimal with at most `decimals` fraction digits, as Knot's LOC `float2`/`float3`; value in 10^-decimals units. */
function fixedPoint(raw, decimals) {
    const dot = raw.indexOf('.');
    const int = dot < 0 ? raw : raw.slice(0, dot);
    const frac = dot < 0 ? '' : raw.slice(dot + 1);
    if (int.length === 0 || frac.length > decimals)
        return null;
    for (const part of [int, frac])
        for (let i = 0; i < part.length; i++) {
            const c = part.charCodeAt(i);
            if (c < 0x30 || c > 0x39)
                return null;
        }
    return Number(int) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || '0');
}
/** LOC (RFC 1876 §3): `d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]`, with Knot's limits. */
function loc(f, ctx) {
    const toks = f.rest();
    let i = 0;
    const bad = (tok, why) => tokenError(ctx, tok ?? f.last(), `LOC record: ${why}`);
    const int = (tok, max, what) => {
        if (!tok)
            bad(tok, `${what} is missing`);
        const v = fixedPoint(tok.raw, 0);
        if (v === null || v > max || tok.quoted)
            bad(tok, `${what} '${tok.raw}' is not 0..${max}`);
        return v;
    };
    const coordinate = (maxDeg, hemispheres, what) => {
        int(toks[i++], maxDeg, `${what} degrees`);
        for (let part = 0; part < 2; part++) {
            const t = toks[i];
            if (!t)
                bad(t, `${what} hemisphere is missing`);
            if (hemispheres.includes(t.raw))
                return i++;
            if (part === 0)
                int(t, 59, `${what} minutes`);
            else {
                const s = fixedPoint(t.raw, 3);
                if (s === null || s > 59999)
                    bad(t, `${what} seconds '${t.raw}' is not 0..59.999`);
            }
            i++;
        }
        const h = toks[i];
        if (!h || !hemispheres.includes(h.raw))
            bad(h, `${what} hemisphere must be ${hemispheres.split('').join(' or ')}`);
        return i++;
    };
    coordinate(90, 'NS', 'latitude');
    coordinate(180, 'EW', 'longitude');
    const meters = (tok, what, max, signed) => {
        if (!tok)
            bad(tok, `${what} is missing`);
        let raw = tok.raw;
        if (raw.endsWith('m'))
            raw = raw.slice(0, -1);
        const negative = signed && raw.startsWith('-');
        if (negative)
            raw = raw.slice(1);
        const v = fixedPoint(raw, 2);
        if (v === null || v > (negative ? 10000000 : max))
            bad(tok, `${what} '${tok.raw}' is out of range`);
    };
    meters(toks[i++], 'altitude', 4284967295, true);
    for (const what of ['size', 'horizontal precision', 'vertical precision']) {
        if (i >= toks.length)
            break;
        meters(toks[i++], what, 9000000000, false);
    }
    if (i < toks.length)
        bad(toks[i], `unexpected data '${toks[i].raw}'`);
}
/** APL (RFC 3123): zero or more `[!]1:ipv4/len` or `[!]2:ipv6/len`. */
function apl(f, ctx) {
    let octets = 0;
    for (const tok of f.rest()) {
        const raw = tok.raw.startsWith('!') ? tok.raw.slice(1) : tok.raw;
        const colon = raw.indexOf(':');
        const slash = raw.lastIndexOf('/');
        const family = raw.slice(0, colon);
        const addr = raw.slice(colon + 1, slash);
        const len = raw.slice(slash + 1);
        const ok = !tok.quoted &&
            colon > 0 &&
            slash > colon &&
            /^\d{1,3}$/.test(len) &&
            ((family === '1' && (0,external_node_net_.isIPv4)(addr) && Number(len) <= 32) ||
                (family === '2' && (0,external_node_net_.isIPv6)(addr) && !addr.includes('%') && Number(len) <= 128));
        if (!ok)
            tokenError(ctx, tok, `APL item '${tok.raw}' is not [!]1:IPv4/length or [!]2:IPv6/length`);
        octets += 4 + (family === '1' ? 4 : 16);
    }
    return octets;
}
/** EUI48/EUI64 (RFC 7043): `xx-xx-...` with 6 or 8 groups of two hex digits. */
function eui(ctx, tok, groups, type) {
    const parts = tok.raw.split('-');
    const ok = !tok.quoted && parts.length === groups && parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p));
    if (!ok)
        tokenError(ctx, tok, `${type} '${tok.raw}' is not ${groups} hex pairs separated by '-'`);
}
/** NID/L64 locators (RFC 6742): four groups of four hex digits separated by ':'. */
function locator64(ctx, tok, type) {
    const parts = tok.raw.split(':');
    const ok = !tok.quoted && parts.length === 4 && parts.every((p) => /^[0-9a-fA-F]{4}$/.test(p));
    if (!ok)
        tokenError(ctx, tok, `${type} '${tok.raw}' is not four groups of four hex digits separated by ':'`);
}
/** IPSECKEY (RFC 4025): precedence, gateway type 0-3, algorithm, gateway, then the key unless algorithm is 0. */
function ipseckey(f, ctx) {
    f.u8('a precedence');
    const gtTok = f.next('a gateway type');
    const gt = parseNumber(ctx, gtTok, 3, 'IPSECKEY gateway type');
    const alg = f.u8('an algorithm');
    const gw = f.next('a gateway');
    let octets = 3;
    if (gt === 0) {
        if (gw.raw !== '.')
            tokenError(ctx, gw, "IPSECKEY gateway type 0 needs the gateway '.'");
    }
    else if (gt === 1)
        octets += ipv4(ctx, gw, 'IPSECKEY gateway') ? 4 : 0;
    else if (gt === 2)
        octets += ipv6(ctx, gw, 'IPSECKEY gateway') ? 16 : 0;
    else
        octets += parseName(ctx, gw, ctx.origin).wire;
    if (alg === 0) {
        f.end();
        return octets;
    }
    return octets + parseBase64(ctx, f.rest(), 'IPSECKEY public key', gw);
}
const SVCB_KEYS = new Map([
    ['mandatory', 0],
    ['alpn', 1],
    ['no-default-alpn', 2],
    ['port', 3],
    ['ipv4hint', 4],
    ['ech', 5],
    ['ipv6hint', 6],
]);
/** The value of an SVCB parameter: after `=`, possibly in quotes (`alpn="h2,h3"`). */
function svcbValue(raw) {
    return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}
/** SvcParams of SVCB/HTTPS (RFC 9460 §2.1) as Knot 3.2 reads them: known keys and `keyN`, unique; mandatory keys present. */
function svcbParams(f, ctx) {
    const seen = new Map();
    const mandatory = [];
    let mandatoryTok;
    let octets = 0;
    for (const tok of f.rest()) {
        if (tok.quoted)
            tokenError(ctx, tok, `SVCB parameter "${tok.raw}" cannot be quoted as a whole`);
        const eq = tok.raw.indexOf('=');
        const keyText = eq < 0 ? tok.raw : tok.raw.slice(0, eq);
        const value = eq < 0 ? undefined : svcbValue(tok.raw.slice(eq + 1));
        const key = svcbKey(keyText);
        if (key === null)
            tokenError(ctx, tok, `unknown SVCB parameter '${keyText}'`);
        if (seen.has(key))
            tokenError(ctx, tok, `SVCB parameter '${keyText}' is given twice`);
        seen.set(key, tok);
        const badValue = (why) => tokenError(ctx, tok, `SVCB parameter '${keyText}': ${why}`);
        const items = value === undefined ? [] : splitCommaList(value);
        if (key === 2) {
            if (value !== undefined)
                badValue('takes no value');
        }
        else if (key <= 6 && value === undefined)
            badValue('needs a value');
        if (key <= 6 && key !== 2 && key !== 3 && key !== 5 && items.some((x) => x === ''))
            badValue('empty item in the comma-separated list');
        if (key === 0) {
            mandatoryTok = tok;
            for (const item of items) {
                const k = svcbKey(item);
                if (k === null || k === 0)
                    badValue(`'${item}' cannot be mandatory`);
                if (mandatory.includes(k))
                    badValue(`'${item}' is listed twice`);
                mandatory.push(k);
            }
        }
        else if (key === 3) {
            if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
                badValue(`'${value}' is not a port`);
        }
        else if (key === 4) {
            for (const a of items)
                if (!(0,external_node_net_.isIPv4)(a))
                    badValue(`'${a}' is not an IPv4 address`);
        }
        else if (key === 6) {
            for (const a of items)
                if (!(0,external_node_net_.isIPv6)(a) || a.includes('%'))
                    badValue(`'${a}' is not an IPv6 address`);
        }
        else if (key === 5) {
            const fake = { ...tok, raw: value, quoted: false };
            parseBase64(ctx, [fake], 'SVCB parameter ech', tok);
        }
        octets += 4 + (value?.length ?? 0);
    }
    for (const k of mandatory)
        if (!seen.has(k))
            tokenError(ctx, mandatoryTok, 'a mandatory SVCB parameter is missing from the record');
    return octets;
}
function svcbKey(text) {
    const known = SVCB_KEYS.get(text);
    if (known !== undefined)
        return known;
    if (!/^key\d{1,5}$/.test(text))
        return null;
    const n = Number(text.slice(3));
    return n <= 65535 ? n : null;
}
/** Splits `a,b\,c` on unescaped commas. */
function splitCommaList(text) {
    const items = [];
    let cur = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\\' && i + 1 < text.length) {
            cur += text[i + 1];
            i++;
        }
        else if (c === ',') {
            items.push(cur);
            cur = '';
        }
        else
            cur += c;
    }
    items.push(cur);
    return items;
}
/**
 * Parses the text form of one record's RDATA.
 *
 * @param type - the type as {@link typeName} returns it.
 * @param typeTok - the type token (errors about missing fields point at the record's last token).
 * @param toks - the RDATA tokens.
 * @throws {@link ZoneParseError} for RDATA Knot refuses.
 */
function parseRdata(ctx, type, typeTok, toks) {
    const first = toks[0];
    if (first && !first.quoted && first.raw === '\\#')
        return parseGeneric(ctx, type, toks);
    if (!KNOWN_TYPES.has(type))
        tokenError(ctx, first ?? typeTok, `${type} has no text form: write its data in the RFC 3597 generic form (\\# length hex)`);
    const f = new Fields(ctx, type, typeTok, toks);
    const parsed = parseKnown(ctx, type, f);
    if (parsed.octets > MAX_RDATA)
        tokenError(ctx, f.last(), `${type} record data of ${parsed.octets} octets is over ${MAX_RDATA}`);
    return parsed;
}
function parseKnown(ctx, type, f) {
    switch (type) {
        case 'A': {
            const a = ipv4(ctx, f.next('an IPv4 address'), 'A record');
            f.end();
            return { data: a, octets: 4 };
        }
        case 'AAAA': {
            const a = ipv6(ctx, f.next('an IPv6 address'), 'AAAA record');
            f.end();
            return { data: a, octets: 16 };
        }
        case 'NS':
        case 'CNAME':
        case 'PTR':
        case 'DNAME': {
            const n = f.name('a domain name');
            f.end();
            return type === 'DNAME' ? { octets: n.wire } : { data: n.text, octets: n.wire };
        }
        case 'MX':
        case 'AFSDB':
        case 'RT':
        case 'KX':
        case 'LP': {
            const pref = f.u16(type === 'MX' ? 'MX preference' : `${type} preference`);
            const n = f.name('a host name');
            f.end();
            if (type !== 'MX')
                return { octets: 2 + n.wire };
            const mx = { priority: pref, exchange: n.text };
            return { data: mx, octets: 2 + n.wire };
        }
        case 'SOA': {
            const mname = f.name('a primary server name (MNAME)');
            const rname = f.name('a mailbox name (RNAME)');
            const serial = f.u32('SOA serial');
            const timers = ['SOA refresh', 'SOA retry', 'SOA expire', 'SOA minimum'].map((what) => parseTime(ctx, f.next(what), what));
            f.end();
            const soa = {
                mname: mname.text,
                rname: rname.text,
                serial,
                refresh: timers[0],
                retry: timers[1],
                expire: timers[2],
                minimum: timers[3],
            };
            return { data: soa, octets: mname.wire + rname.wire + 20 };
        }
        case 'TXT':
        case 'SPF':
            return parseTxt(ctx, type, f);
        case 'HINFO': {
            const a = f.charString('HINFO CPU');
            const b = f.charString('HINFO OS');
            f.end();
            return { octets: 2 + a.length + b.length };
        }
        case 'MINFO':
        case 'RP': {
            const a = f.name('a mailbox name');
            const b = f.name('a second domain name');
            f.end();
            return { octets: a.wire + b.wire };
        }
        case 'LOC':
            if (!f.has())
                f.next('a latitude');
            loc(f, ctx);
            return { octets: 16 };
        case 'SRV': {
            f.u16('SRV priority');
            f.u16('SRV weight');
            f.u16('SRV port');
            const n = f.name('a target host name');
            f.end();
            return { octets: 6 + n.wire };
        }
        case 'NAPTR': {
            f.u16('NAPTR order');
            f.u16('NAPTR preference');
            const a = f.charString('NAPTR flags');
            const b = f.charString('NAPTR services');
            const c = f.charString('NAPTR regexp');
            const n = f.name('a replacement domain name');
            f.end();
            return { octets: 4 + 3 + a.length + b.length + c.length + n.wire };
        }
        case 'CERT': {
            f.mnemonic(CERT_TYPES, 65535, 'certificate type');
            f.u16('a key tag');
            f.mnemonic(ALGORITHMS, 255, 'algorithm');
            return { octets: 5 + parseBase64(ctx, f.rest(), 'CERT certificate', f.last()) };
        }
        case 'APL':
            return { octets: apl(f, ctx) };
        case 'DS':
        case 'CDS': {
            const tagTok = f.next('a key tag');
            parseNumber(ctx, tagTok, 65535, 'DS key tag');
            f.mnemonic(ALGORITHMS, 255, 'algorithm');
            const digestTypeTok = f.next('a digest type');
            const digestType = parseNumber(ctx, digestTypeTok, 255, 'digest type');
            const digest = parseHex(ctx, f.rest(), `${type} digest`, digestTypeTok);
            if (type === 'DS') {
                // Knot's optional check of DS records: kzonecheck refuses the zone, the Knot server loads it.
                const want = DS_DIGEST_OCTETS.get(digestType);
                if (want === undefined)
                    ctx.warn(`DS digest type ${digestType} is not one kzonecheck accepts (1 SHA-1, 2 SHA-256, 4 SHA-384); validating resolvers ignore this DS`);
                else if (digest.length !== want)
                    ctx.warn(`DS digest of ${digest.length} octets does not fit digest type ${digestType} (${want} octets): kzonecheck and BIND refuse the zone, and validators cannot use this DS`);
            }
            return { octets: 4 + digest.length };
        }
        case 'SSHFP': {
            f.u8('SSHFP algorithm');
            const t = f.next('a fingerprint type');
            parseNumber(ctx, t, 255, 'SSHFP fingerprint type');
            return { octets: 2 + parseHex(ctx, f.rest(), 'SSHFP fingerprint', t).length };
        }
        case 'IPSECKEY':
            return { octets: ipseckey(f, ctx) };
        case 'RRSIG': {
            const covered = f.next('a type covered');
            if (covered.quoted || typeName(covered.raw) === null)
                tokenError(ctx, covered, `'${covered.raw}' is not a record type`);
            f.mnemonic(ALGORITHMS, 255, 'algorithm');
            f.u8('RRSIG labels');
            f.u32('RRSIG original TTL');
            timestamp(ctx, f.next('a signature expiration'), 'RRSIG expiration');
            timestamp(ctx, f.next('a signature inception'), 'RRSIG inception');
            f.u16('RRSIG key tag');
            const signer = f.name("a signer's name");
            return { octets: 18 + signer.wire + parseBase64(ctx, f.rest(), 'RRSIG signature', f.last()) };
        }
        case 'NSEC': {
            const n = f.name('a next domain name');
            return { octets: n.wire + bitmap(f, ctx) };
        }
        case 'KEY':
        case 'DNSKEY':
        case 'CDNSKEY': {
            f.u16(`${type} flags`);
            f.u8(`${type} protocol`);
            f.mnemonic(ALGORITHMS, 255, 'algorithm');
            return { octets: 4 + parseBase64(ctx, f.rest(), `${type} public key`, f.last()) };
        }
        case 'DHCID':
        case 'OPENPGPKEY':
            return { octets: parseBase64(ctx, f.rest(), `${type} data`, f.last()) };
        case 'NSEC3':
        case 'NSEC3PARAM': {
            f.u8('hash algorithm');
            f.u8('flags');
            f.u16('iterations');
            const saltTok = f.next('a salt');
            const salt = saltTok.raw === '-' ? 0 : parseHex(ctx, [saltTok], 'salt', saltTok).length;
            if (salt > 255)
                tokenError(ctx, saltTok, 'salt is over 255 octets');
            if (type === 'NSEC3PARAM') {
                f.end();
                return { octets: 5 + salt };
            }
            const hash = parseBase32hex(ctx, f.next('a next hashed owner name'), 'NSEC3 next hashed owner name');
            return { octets: 6 + salt + hash + bitmap(f, ctx) };
        }
        case 'TLSA':
        case 'SMIMEA': {
            f.u8(`${type} certificate usage`);
            f.u8(`${type} selector`);
            const t = f.next('a matching type');
            parseNumber(ctx, t, 255, `${type} matching type`);
            return { octets: 3 + parseHex(ctx, f.rest(), `${type} certificate association data`, t).length };
        }
        case 'CSYNC': {
            f.u32('CSYNC serial');
            f.u16('CSYNC flags');
            return { octets: 6 + bitmap(f, ctx) };
        }
        case 'ZONEMD': {
            f.u32('ZONEMD serial');
            f.u8('ZONEMD scheme');
            const t = f.next('a hash algorithm');
            parseNumber(ctx, t, 255, 'ZONEMD hash algorithm');
            return { octets: 6 + parseHex(ctx, f.rest(), 'ZONEMD digest', t).length };
        }
        case 'NID':
        case 'L64': {
            f.u16(`${type} preference`);
            locator64(ctx, f.next('a locator'), type);
            f.end();
            return { octets: 10 };
        }
        case 'L32': {
            f.u16('L32 preference');
            ipv4(ctx, f.next('a locator'), 'L32 locator');
            f.end();
            return { octets: 6 };
        }
        case 'EUI48':
        case 'EUI64': {
            eui(ctx, f.next('an address'), type === 'EUI48' ? 6 : 8, type);
            f.end();
            return { octets: type === 'EUI48' ? 6 : 8 };
        }
        case 'URI': {
            f.u16('URI priority');
            f.u16('URI weight');
            const target = parseTextBytes(ctx, f.next('a target'));
            f.end();
            return { octets: 4 + target.length };
        }
        case 'CAA': {
            f.u8('CAA flags');
            const tag = f.charString('CAA tag');
            const value = parseTextBytes(ctx, f.next('a value'));
            f.end();
            return { octets: 2 + tag.length + value.length };
        }
        case 'SVCB':
        case 'HTTPS': {
            f.u16(`${type} priority`);
            const target = f.name('a target name');
            return { octets: 2 + target.wire + svcbParams(f, ctx) };
        }
        default:
            return { octets: 0 };
    }
}
/** TXT/SPF: one or more character-strings; a string over 255 octets is split into 255-octet strings, as Knot does. */
function parseTxt(ctx, type, f) {
    const toks = f.rest();
    if (toks.length === 0)
        tokenError(ctx, f.last(), `${type} record needs at least one character-string`);
    const chunks = [];
    let octets = 0;
    for (const tok of toks) {
        const b = parseTextBytes(ctx, tok);
        if (b.length > 255) {
            const sizes = [];
            for (let at = 0; at < b.length; at += 255)
                sizes.push(Math.min(255, b.length - at));
            ctx.warn(`${type} character-string of ${b.length} octets is over 255 (RFC 1035 §3.3): Knot serves it split into ${sizes.length} strings (${sizes.join(' + ')} octets), which SPF, DKIM and DMARC join again; BIND refuses the zone. Split it into quoted strings of at most 255 octets yourself`);
        }
        if (b.length === 0) {
            chunks.push('');
            octets += 1;
        }
        for (let at = 0; at < b.length; at += 255) {
            const part = b.subarray(at, at + 255);
            chunks.push(part.toString('latin1'));
            octets += 1 + part.length;
        }
    }
    const strings = decodeTxtRecord(chunks);
    if (toks.length > 1 && toks.some((t) => !t.quoted)) {
        ctx.warn(`${type} record of ${toks.length} unquoted words is ${toks.length} character-strings, which SPF, DKIM and DMARC join without spaces ("${strings.join('')}"); quote the whole value`);
    }
    return { data: strings, octets };
}
/** Reads a domain name in uncompressed wire form at `at`; returns its text and end, or null when malformed. */
function wireName(b, at) {
    const labels = [];
    let i = at;
    for (;;) {
        if (i >= b.length)
            return null;
        const len = b[i];
        if (len === 0)
            return { text: labels.join('.'), end: i + 1 };
        if (len > 63 || i + 1 + len > b.length || i + 1 + len - at > 255)
            return null;
        let label = '';
        for (const o of b.subarray(i + 1, i + 1 + len)) {
            label +=
                o === 0x2e
                    ? '\\.'
                    : o < 0x20 || o > 0x7e
                        ? `\\${String(o).padStart(3, '0')}`
                        : String.fromCharCode(o >= 0x41 && o <= 0x5a ? o + 0x20 : o);
        }
        labels.push(label);
        i += 1 + len;
    }
}
/** Typed data from generic (RFC 3597) RDATA for the types mailgate answers, or null when it is not well formed. */
function decodeWire(type, b) {
    switch (type) {
        case 'A':
            return b.length === 4 ? [...b].join('.') : null;
        case 'AAAA': {
            if (b.length !== 16)
                return null;
            const groups = [];
            for (let i = 0; i < 16; i += 2)
                groups.push(b.readUInt16BE(i).toString(16));
            return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
        }
        case 'NS':
        case 'CNAME':
        case 'PTR': {
            const n = wireName(b, 0);
            return n && n.end === b.length ? n.text : null;
        }
        case 'MX': {
            if (b.length < 3)
                return null;
            const n = wireName(b, 2);
            return n && n.end === b.length ? { priority: b.readUInt16BE(0), exchange: n.text } : null;
        }
        case 'TXT':
        case 'SPF': {
            const strings = [];
            for (let i = 0; i < b.length;) {
                const len = b[i];
                if (i + 1 + len > b.length)
                    return null;
                strings.push(b.subarray(i + 1, i + 1 + len).toString('latin1'));
                i += 1 + len;
            }
            return strings.length > 0 ? decodeTxtRecord(strings) : null;
        }
        case 'SOA': {
            const m = wireName(b, 0);
            const r = m && wireName(b, m.end);
            if (!m || !r || r.end + 20 !== b.length)
                return null;
            const at = r.end;
            return {
                mname: m.text,
                rname: r.text,
                serial: b.readUInt32BE(at),
                refresh: b.readUInt32BE(at + 4),
                retry: b.readUInt32BE(at + 8),
                expire: b.readUInt32BE(at + 12),
                minimum: b.readUInt32BE(at + 16),
            };
        }
        default:
            return null;
    }
}
/** RFC 3597 §5 generic RDATA: `\# length hex...`, the length in octets matching the data. */
function parseGeneric(ctx, type, toks) {
    const lenTok = toks[1];
    if (!lenTok)
        tokenError(ctx, toks[0], 'generic RDATA (\\#) needs a length and hexadecimal data');
    const len = parseNumber(ctx, lenTok, 65535, 'generic RDATA length');
    const hexToks = toks.slice(2);
    if (len === 0) {
        if (hexToks.length > 0)
            tokenError(ctx, hexToks[0], 'generic RDATA of length 0 has data after it');
        if (KNOWN_TYPES.has(type) && !MAY_BE_EMPTY.has(type))
            tokenError(ctx, lenTok, `${type} record data cannot be empty`);
        return { octets: 0 };
    }
    const data = parseHex(ctx, hexToks, 'generic RDATA', lenTok);
    if (data.length !== len)
        tokenError(ctx, lenTok, `generic RDATA length ${len} does not match its ${data.length} octets of data`);
    if (type === 'A' ||
        type === 'AAAA' ||
        type === 'NS' ||
        type === 'CNAME' ||
        type === 'PTR' ||
        type === 'MX' ||
        type === 'TXT' ||
        type === 'SPF' ||
        type === 'SOA') {
        const decoded = decodeWire(type, data);
        if (decoded === null) {
            ctx.warn(`the ${type} record's generic RDATA (\\# ${len}) is not a well-formed ${type} record: Knot loads and serves it as written; mailgate does not use it`);
            return { octets: len };
        }
        return { data: decoded, octets: len };
    }
    return { octets: len };
}

;// CONCATENATED MODULE: ./lib/dns/zonefile.js
/**
 * RFC 1035 §5 master files ("zone files"), loaded exactly as an authoritative server loads them. The reference
 * is Knot DNS 3.2 (its zone scanner and the checks `kzonecheck` runs); a differential test holds mailgate's
 * accept/refuse verdict to kzonecheck's on generated zones, with BIND's `named-checkzone` as a second opinion.
 * docs/zone-files.md lists the rules and where Knot, BIND and mailgate differ.
 *
 * - Syntax: `$ORIGIN` (absolute), `$TTL`, `$INCLUDE file [origin]` (relative to the including file; an optional
 *   root refuses files outside it; loops refused), BIND's `$GENERATE` (a warning: Knot refuses it), `@`,
 *   relative and absolute names, an omitted owner, TTL and class in either order (class IN only), TTL units,
 *   parentheses, comments, quoted and unquoted character-strings with `\X` and `\DDD` escapes.
 * - Types: every type Knot 3.2 knows, each RDATA checked field by field as Knot checks it, and `TYPEn` with
 *   RFC 3597 generic RDATA (`\# length hex`). A, AAAA, MX, TXT, SPF, PTR, CNAME, NS and SOA get typed data.
 * - Refused, with file, line and column ({@link ZoneParseError}): whatever the Knot server refuses (see
 *   zone-checks.ts for the zone-level rules: a CNAME beside other data, DNAME rules).
 * - Warned ({@link ZoneWarning}): what servers load but ignore or change (out-of-zone records, a TXT string
 *   over 255 octets, which Knot splits, duplicates...), and what only kzonecheck's optional checks refuse
 *   (missing NS or glue in a complete zone). A file without an SOA is accepted as a fragment (an overlay).
 *
 * Why our own parser: the npm candidates (dns-zonefile, zone-file) lose `\DDD` escapes, give no line numbers
 * for errors and records, accept what servers refuse, and are unmaintained; findings and SARIF need the line of
 * every record.
 *
 * @module
 */













/** The largest zone file (and each `$INCLUDE`d file) read, in bytes (128 MiB): bigger files are refused. */
const MAX_ZONE_FILE_BYTES = 128 * 1024 * 1024;
/** The deepest `$INCLUDE` nesting accepted. */
const MAX_INCLUDE_DEPTH = 16;
/**
 * Parses a TTL: a number of seconds, or BIND/Knot units (`1w2d3h4m5s`, case-insensitive), at most 2^32-1.
 * @returns seconds, or `null` when `text` is not a TTL.
 */
function parseTtl(text) {
    return timeValue(text);
}
const OTHER_CLASSES = new Set(['CH', 'CS', 'HS', 'NONE', 'ANY']);
function isOtherClass(up) {
    return OTHER_CLASSES.has(up) || (up.startsWith('CLASS') && up.length > 5 && /^\d+$/.test(up.slice(5)));
}
/** True for a token in the TTL/class position of a record (a TTL starts with a digit; the class is IN). */
function isClassOrTtl(tok) {
    if (tok.quoted)
        return false;
    const c = tok.raw.charCodeAt(0);
    return (c >= 0x30 && c <= 0x39) || tok.raw.toUpperCase() === 'IN' || isOtherClass(tok.raw.toUpperCase());
}
function rdataText(toks) {
    return toks.map((t) => (t.quoted ? `"${t.raw}"` : t.raw)).join(' ');
}
/** Parses one record from its owner, TTL/class/type tokens and RDATA tokens, and adds it to the sink. */
function parseRecord(ctx, state, sink, owner, line, middle, rdataTokens, lastTok) {
    let idx = 0;
    let ttl;
    let cls;
    for (let k = 0; k < 2; k++) {
        const t = middle[idx];
        if (!t || t.quoted)
            break;
        const up = t.raw.toUpperCase();
        if (up === 'IN') {
            if (cls !== undefined)
                break;
            cls = up;
            idx++;
            continue;
        }
        if (isOtherClass(up))
            tokenError(ctx, t, `class ${t.raw} is not supported: zone files are for the IN class (Knot refuses other classes)`);
        const c = t.raw.charCodeAt(0);
        if (c >= 0x30 && c <= 0x39) {
            if (ttl !== undefined)
                tokenError(ctx, t, `a second TTL '${t.raw}' where the record type should be`);
            ttl = parseTime(ctx, t, 'TTL');
            idx++;
            continue;
        }
        break;
    }
    const typeTok = middle[idx];
    if (!typeTok)
        tokenError(ctx, lastTok, 'missing record type');
    const up = typeTok.quoted ? '' : typeTok.raw.toUpperCase();
    const type = typeTok.quoted ? null : typeName(typeTok.raw);
    if (type === null) {
        if (up === 'IN')
            tokenError(ctx, typeTok, 'the class IN is given twice');
        if (isOtherClass(up))
            tokenError(ctx, typeTok, `class ${typeTok.raw} is not supported: zone files are for the IN class (Knot refuses other classes)`);
        const c = typeTok.raw.charCodeAt(0);
        if (c >= 0x30 && c <= 0x39)
            tokenError(ctx, typeTok, `a second TTL '${typeTok.raw}' where the record type should be`);
        tokenError(ctx, typeTok, typeTok.quoted
            ? 'missing record type (a quoted string where the type should be)'
            : `unknown record type '${typeTok.raw}' (not a type Knot knows, nor TYPEn)`);
    }
    const rtoks = rdataTokens ?? middle.slice(idx + 1);
    const effectiveTtl = ttl ?? state.defaultTtl ?? state.lastTtl;
    const recordFile = ctx.file === sink.mainFile ? undefined : ctx.file;
    const warn = (message) => sink.warnings.push(recordFile === undefined ? { line, message } : { line, message, file: recordFile });
    if (effectiveTtl > 2147483647)
        warn(`TTL ${effectiveTtl} is over 2147483647; resolvers treat it as 0 (RFC 2181 §8)`);
    let parsed;
    try {
        parsed = parseRdata({ file: ctx.file, origin: state.origin, warn }, type, typeTok, rtoks);
    }
    catch (e) {
        const first = rtoks[0];
        if (e instanceof zone_error_ZoneParseError &&
            first &&
            !first.quoted &&
            first.raw === typeTok.raw &&
            rtoks.length > 1)
            tokenError(ctx, first, `the type ${type} is given twice`);
        throw e;
    }
    state.lastTtl = effectiveTtl;
    state.lastOwner = owner;
    const rec = { name: owner.text, type, ttl: effectiveTtl, rdata: rdataText(rtoks), line };
    if (parsed.data !== undefined)
        rec.data = parsed.data;
    if (recordFile !== undefined)
        rec.file = recordFile;
    sink.records.push(rec);
}
/** Scans one file (the zone's or an included one). */
function scanFile(text, file, state, sink, stack) {
    const ctx = { file };
    for (const entry of lexZone(text, file)) {
        const toks = entry.tokens;
        const first = toks[0];
        if (!entry.blankOwner && !first.quoted && first.raw.startsWith('$')) {
            const directive = first.raw.toUpperCase();
            const args = toks.slice(1);
            if (directive === '$ORIGIN') {
                const arg = args[0];
                if (!arg)
                    tokenError(ctx, first, '$ORIGIN needs a domain name');
                if (args[1])
                    tokenError(ctx, args[1], `unexpected '${args[1].raw}' after the $ORIGIN name`);
                if (!endsWithDot(arg.raw))
                    tokenError(ctx, arg, `$ORIGIN '${arg.raw}' must be an absolute name ending with a dot (Knot refuses a relative $ORIGIN), e.g. $ORIGIN ${arg.raw === '@' ? 'example.com' : arg.raw}.`);
                state.origin = parseName(ctx, arg, undefined);
                if (sink.firstOrigin === undefined)
                    sink.firstOrigin = state.origin;
            }
            else if (directive === '$TTL') {
                const arg = args[0];
                if (!arg)
                    tokenError(ctx, first, '$TTL needs a TTL');
                if (args[1])
                    tokenError(ctx, args[1], `unexpected '${args[1].raw}' after the $TTL value`);
                state.defaultTtl = parseTime(ctx, arg, '$TTL');
            }
            else if (directive === '$INCLUDE') {
                includeFile(ctx, first, args, state, sink, stack);
            }
            else if (directive === '$GENERATE') {
                sink.warnings.push({
                    line: entry.line,
                    message: '$GENERATE is a BIND extension: Knot DNS and NSD refuse the zone (mailgate expands it as BIND does)',
                    ...(file === sink.mainFile ? {} : { file }),
                });
                for (const g of expandGenerate(ctx, first, args, isClassOrTtl)) {
                    const owner = parseName(ctx, g.owner, state.origin);
                    parseRecord(ctx, state, sink, owner, entry.line, g.middle, g.rdata, g.rdata[g.rdata.length - 1] ?? first);
                }
            }
            else {
                tokenError(ctx, first, `unknown directive ${first.raw} (zone files know $ORIGIN, $TTL, $INCLUDE, and BIND's $GENERATE)`);
            }
            continue;
        }
        let owner;
        let rest;
        if (entry.blankOwner) {
            if (state.lastOwner === undefined)
                tokenError(ctx, first, 'this record has no owner name (its line starts with white space) and no record before it in this file gives one');
            owner = state.lastOwner;
            rest = toks;
        }
        else {
            owner = parseName(ctx, first, state.origin);
            rest = toks.slice(1);
        }
        parseRecord(ctx, state, sink, owner, entry.line, rest, undefined, toks[toks.length - 1]);
    }
}
/** `$INCLUDE file [origin]`: parses the file with its own scanner state (Knot's rules). */
function includeFile(ctx, directive, args, state, sink, stack) {
    const [pathTok, originTok, extra] = args;
    if (!pathTok)
        tokenError(ctx, directive, '$INCLUDE needs a file name');
    if (extra)
        tokenError(ctx, extra, `unexpected '${extra.raw}' after the $INCLUDE origin`);
    let origin = state.origin;
    if (originTok) {
        if (!endsWithDot(originTok.raw))
            tokenError(ctx, originTok, `the $INCLUDE origin '${originTok.raw}' must be an absolute name ending with a dot`);
        origin = parseName(ctx, originTok, undefined);
    }
    if (!sink.include)
        tokenError(ctx, directive, '$INCLUDE needs files to read: load the zone with loadZoneFile (or pass an include reader)');
    if (stack.length > MAX_INCLUDE_DEPTH)
        tokenError(ctx, directive, `$INCLUDE nested more than ${MAX_INCLUDE_DEPTH} levels deep`);
    const path = parseTextBytes(ctx, pathTok).toString('utf8');
    let included;
    try {
        included = sink.include(path, ctx.file);
    }
    catch (e) {
        tokenError(ctx, pathTok, `$INCLUDE ${path}: ${e.message}`);
    }
    if (stack.includes(included.id))
        tokenError(ctx, pathTok, `$INCLUDE loop: ${[...stack, included.id].join(' -> ')}`);
    if (!sink.includes.includes(included.id))
        sink.includes.push(included.id);
    const inner = {
        origin,
        defaultTtl: state.defaultTtl,
        lastTtl: state.lastTtl,
        lastOwner: undefined,
    };
    scanFile(included.text, included.file, inner, sink, [...stack, included.id]);
}
/**
 * Parses RFC 1035 master-file text as Knot DNS loads it.
 *
 * @param text - the zone file contents.
 * @param options - origin, file label, default TTL, `$INCLUDE` reader.
 * @returns the {@link Zone}: its `origin` is `options.origin` or the first `$ORIGIN`; records in file order
 *   (duplicates dropped, out-of-zone records kept but warned about and never answered); `warnings` sorted by line.
 * @throws {@link ZoneParseError} with file, line and column for anything Knot refuses (a syntax error, bad RDATA,
 *   an unknown type, class or directive, a CNAME beside other data, missing glue in a complete zone...), or
 *   when there is no origin at all.
 */
function zonefile_parseZone(text, options = {}) {
    const file = options.file ?? 'zone';
    let origin;
    if (options.origin !== undefined) {
        const o = options.origin.trim();
        if (o === '' || o === '.')
            origin = ROOT;
        else {
            const tok = { raw: o.endsWith('.') ? o : `${o}.`, quoted: false, line: 0, column: 1 };
            try {
                origin = parseName({ file }, tok, undefined);
            }
            catch (e) {
                if (e instanceof zone_error_ZoneParseError)
                    throw new zone_error_ZoneParseError(file, 0, `invalid origin '${options.origin}': ${e.detail}`);
                throw e;
            }
        }
    }
    const sink = {
        records: [],
        warnings: [],
        includes: [],
        firstOrigin: undefined,
        mainFile: file,
        include: options.include,
    };
    const state = {
        origin,
        defaultTtl: undefined,
        lastTtl: options.defaultTtl ?? 3600,
        lastOwner: undefined,
    };
    scanFile(text, file, state, sink, [options.id ?? file]);
    const zoneOriginName = origin ?? sink.firstOrigin;
    if (zoneOriginName === undefined)
        throw new zone_error_ZoneParseError(file, 0, 'no origin: pass { origin } or start the file with $ORIGIN');
    const checked = checkZone(zoneOriginName.text, file, sink.records);
    const warnings = [...sink.warnings, ...checked.warnings];
    warnings.sort((a, b) => a.line - b.line);
    const zone = { origin: zoneOriginName.text, file, records: checked.records, warnings };
    if (sink.includes.length > 0)
        zone.includes = sink.includes;
    return zone;
}
/**
 * Reads a regular file of at most {@link MAX_ZONE_FILE_BYTES}.
 * @throws the `fs` error, or an Error with `path` (and no `code`) saying why the file is not read.
 */
function readZoneText(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    const refuse = (message) => Object.assign(new Error(message), { path });
    try {
        const info = (0,external_node_fs_.fstatSync)(fd);
        if (!info.isFile())
            throw refuse('not a regular file');
        if (info.size > MAX_ZONE_FILE_BYTES)
            throw refuse(`${info.size} bytes is over the ${MAX_ZONE_FILE_BYTES}-byte limit for zone files`);
        return (0,external_node_fs_.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function isInside(path, root) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!(0,external_node_path_.isAbsolute)(rel) && rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`));
}
/**
 * The `$INCLUDE` reader of {@link loadZoneFile}: a path relative to the including file (labels are joined, and
 * read from `cwd`), optionally confined to `root` (symbolic links resolved).
 */
function fileIncludeReader(root, cwd) {
    const realRoot = root === undefined ? undefined : (0,external_node_fs_.realpathSync)((0,external_node_path_.resolve)(root));
    return (path, from) => {
        const file = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)((0,external_node_path_.dirname)(from), path);
        let id;
        try {
            id = (0,external_node_fs_.realpathSync)((0,external_node_path_.resolve)(cwd ?? '.', file));
        }
        catch (e) {
            throw new Error(`cannot read ${file} (${e.code ?? 'error'})`);
        }
        if (realRoot !== undefined && !isInside(id, realRoot))
            throw new Error(`${file} is outside ${root} (symbolic links resolved); include only files inside it`);
        let text;
        try {
            text = readZoneText(id);
        }
        catch (e) {
            const err = e;
            throw new Error(`cannot read ${file} (${err.code ?? err.message})`);
        }
        return { file, id, text };
    };
}
/**
 * Reads and parses a zone file from disk, as Knot loads it.
 *
 * The origin is `options.origin` when given, else what the file's name says (`example.com.zone`,
 * `example.com.db`, `db.example.com`, `example.com`) or its leading `$ORIGIN`; when neither says it, or they
 * disagree, the file is refused with a message saying how to name or map it. `$INCLUDE` paths are relative to
 * the including file and, with `options.root`, must be inside it.
 *
 * @throws {@link ZoneParseError} for malformed content, an ambiguous origin or a bad `$INCLUDE`; the `fs`
 *   error (ENOENT...) when the file cannot be read, or an Error when it is not a regular file or is over
 *   {@link MAX_ZONE_FILE_BYTES}.
 */
async function loadZoneFile(path, options = {}) {
    const where = (0,external_node_path_.resolve)(options.cwd ?? '.', path);
    const text = readZoneText(where);
    const origin = zoneOrigin(path, text, options.origin);
    let id = where;
    try {
        id = (0,external_node_fs_.realpathSync)(where);
    }
    catch { }
    return zonefile_parseZone(text, {
        origin,
        file: path,
        id,
        include: fileIncludeReader(options.root, options.cwd),
        ...(options.defaultTtl !== undefined ? { defaultTtl: options.defaultTtl } : {}),
    });
}
/** The `*.zone` files below a directory, recursively, in sorted order. */
async function zoneFilesBelow(dir) {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries
        .filter((e) => e.isFile() && e.name.endsWith('.zone'))
        .map((e) => join(e.parentPath, e.name))
        .sort();
}
/**
 * Loads zone files from paths that are files or directories; a directory contributes every `*.zone` file
 * below it (recursively, in sorted order). A file that another loaded file `$INCLUDE`s is part of that zone and
 * is not loaded on its own.
 *
 * @throws {@link ZoneParseError} for malformed content or an ambiguous origin; the `fs` error when a path cannot
 *   be read.
 */
async function loadZonePaths(paths, options = {}) {
    const files = [];
    for (const path of paths) {
        if ((await stat(path)).isDirectory())
            files.push(...(await zoneFilesBelow(path)));
        else
            files.push(path);
    }
    const loaded = [];
    for (const file of files) {
        let real = resolve(file);
        try {
            real = realpathSync(file);
        }
        catch { }
        try {
            const origin = options.origins?.get(resolve(file));
            const zone = await loadZoneFile(file, {
                ...(origin !== undefined ? { origin } : {}),
                ...(options.root !== undefined ? { root: options.root } : {}),
            });
            loaded.push({ file, real, zone });
        }
        catch (error) {
            if (!(error instanceof ZoneParseError))
                throw error;
            loaded.push({ file, real, error });
        }
    }
    const included = new Set(loaded.flatMap((l) => l.zone?.includes ?? []));
    const zones = [];
    for (const l of loaded) {
        if (included.has(l.real))
            continue;
        if (l.error !== undefined)
            throw l.error;
        zones.push(l.zone);
    }
    return zones;
}

;// CONCATENATED MODULE: ./lib/dns/zones.js
/**
 * A {@link Resolver} that answers from parsed zone files the way an authoritative server (plus a recursive
 * resolver's CNAME chasing) would: NXDOMAIN for names that do not exist, NODATA for names that exist without
 * the asked type (including empty non-terminals, RFC 8020), CNAMEs followed, wildcards per RFC 4592.
 *
 * @module
 */


/** The longest CNAME chain followed before the answer is SERVFAIL (as recursive resolvers cap it). */
const MAX_CNAME_CHAIN = 16;
function zones_inZone(name, origin) {
    return origin === '' || name === origin || name.endsWith(`.${origin}`);
}
function zones_parent(name) {
    const dot = name.indexOf('.');
    return dot < 0 ? '' : name.slice(dot + 1);
}
/** One index per origin, longest origin first (so the first covering index is the most specific zone). */
function buildIndex(zones) {
    const byOrigin = new Map();
    for (const zone of zones) {
        let index = byOrigin.get(zone.origin);
        if (!index) {
            index = { origin: zone.origin, nodes: new Map(), existing: new Set([zone.origin]), cuts: new Set() };
            byOrigin.set(zone.origin, index);
        }
        const zoneFile = zone.file ?? zone.origin;
        for (const record of zone.records) {
            const file = record.file ?? zoneFile;
            if (!zones_inZone(record.name, zone.origin))
                continue; // out-of-zone data is ignored, as a server would
            let node = index.nodes.get(record.name);
            if (!node) {
                node = [];
                index.nodes.set(record.name, node);
            }
            node.push({ record, file });
            if (record.type === 'NS' && record.name !== zone.origin)
                index.cuts.add(record.name);
            for (let n = record.name; n !== zone.origin && n !== ''; n = zones_parent(n))
                index.existing.add(n);
        }
    }
    return [...byOrigin.values()].sort((a, b) => b.origin.length - a.origin.length);
}
/**
 * Where `name` is answered: the zone with the longest origin covering it, unless that zone delegates the name
 * (a zone cut at or above it, below the origin): then `delegatedAt` is the cut and no zone answers it.
 */
function findZone(indexes, name) {
    const zone = indexes.find((z) => zones_inZone(name, z.origin));
    if (!zone)
        return undefined;
    if (zone.cuts.size > 0) {
        for (let n = name; n !== zone.origin && n !== ''; n = zones_parent(n)) {
            if (zone.cuts.has(n))
                return { delegatedAt: n };
        }
    }
    return { zone };
}
/**
 * The records at `name`, synthesised from a wildcard when `name` does not exist (RFC 4592 §3.3.1):
 * the closest encloser is the longest existing ancestor; `*.<closest encloser>` applies if it exists.
 */
function lookupNode(zone, name) {
    if (zone.existing.has(name))
        return zone.nodes.get(name) ?? [];
    let encloser = zones_parent(name);
    while (zones_inZone(encloser, zone.origin) && !zone.existing.has(encloser)) {
        if (encloser === zone.origin || encloser === '')
            break;
        encloser = zones_parent(encloser);
    }
    const wildcard = encloser === '' ? '*' : `*.${encloser}`;
    return zone.nodes.get(wildcard) ?? null;
}
function answerSource(entries) {
    return entries.map((e) => ({ file: e.file, line: e.record.line }));
}
/**
 * Builds a {@link Resolver} over zones.
 *
 * - A name inside a zone (the zone with the longest matching origin) is answered from that zone only. Several
 *   zone files with the same origin are one zone (their records are merged).
 * - Delegations: an NS record at a name other than the zone's origin is a zone cut (RFC 1034 §4.2.1). Names at
 *   and below the cut are not the zone's data (A/AAAA there are glue, not answers): they are treated as outside
 *   the zones (asked of `options.outside`; NXDOMAIN when `offline`; else REFUSED), unless another loaded zone
 *   has a longer origin covering them, which then answers.
 * - Records of the asked type: an answer (`source` gives each record's own file and line).
 * - A CNAME at the name (and the asked type is not CNAME): followed, within and across zones, and through
 *   `options.outside` for targets outside them; the answer lists the `cnames`. A loop or a chain longer than
 *   {@link MAX_CNAME_CHAIN} is SERVFAIL. A chain ending at a missing name gives that name's failure kind.
 * - The name exists (records of other types, or names below it): NODATA. Otherwise a wildcard (RFC 4592) or NXDOMAIN.
 * - `SPF` (type 99) records are kept in the zone but never returned for `TXT`.
 *
 * Never throws; invalid names are BADNAME.
 */
function zoneResolver(zones, options = {}) {
    const indexes = buildIndex(zones);
    // Offline (and nothing outside): a name outside the zones was not asked anywhere (DnsFailure.offline).
    const offline = options.offline === true && !options.outside;
    const offlineMark = (f) => (offline ? { ...f, offline: true } : f);
    const resolver = {
        ...(offline ? { offline: true } : {}),
        async query(rawName, type, query) {
            const name = resolver_normalizeName(rawName);
            if (name === null)
                return dnsFailure(rawName, type, 'BADNAME', 'invalid domain name');
            const cnames = [];
            const seen = new Set();
            let current = name;
            for (;;) {
                const found = findZone(indexes, current);
                if (!found || 'delegatedAt' in found) {
                    const where = found
                        ? `delegated at ${found.delegatedAt} (NS), outside the zones`
                        : 'outside the zones';
                    if (cnames.length === 0) {
                        if (options.outside)
                            return options.outside.query(current, type, query);
                        return offlineMark(dnsFailure(name, type, options.offline ? 'NXDOMAIN' : 'REFUSED', options.offline ? `${where} (offline)` : where));
                    }
                    const tail = options.outside
                        ? await options.outside.query(current, type, query)
                        : offlineMark(dnsFailure(current, type, options.offline ? 'NXDOMAIN' : 'REFUSED', `CNAME target ${current} ${where}`));
                    if (!tail.ok)
                        return { ...tail, name };
                    return { ...tail, name, cnames: [...cnames, ...(tail.cnames ?? [])] };
                }
                const entries = lookupNode(found.zone, current);
                if (entries === null) {
                    return dnsFailure(name, type, 'NXDOMAIN', cnames.length ? `CNAME target ${current} does not exist` : '');
                }
                const recs = entries.map((e) => e.record);
                const matching = entries.filter((e) => e.record.type === type && e.record.data !== undefined);
                if (matching.length > 0) {
                    const answer = {
                        ok: true,
                        name,
                        type,
                        records: matching.map((e) => e.record.data),
                        source: answerSource(matching),
                        ttl: Math.min(...matching.map((e) => e.record.ttl)),
                    };
                    if (cnames.length)
                        answer.cnames = cnames;
                    return answer;
                }
                const cname = type === 'CNAME' ? undefined : recs.find((r) => r.type === 'CNAME');
                if (cname) {
                    const target = cname.data;
                    if (seen.has(current) || cnames.length >= MAX_CNAME_CHAIN) {
                        return dnsFailure(name, type, 'SERVFAIL', 'CNAME loop or chain too long');
                    }
                    seen.add(current);
                    cnames.push(target);
                    current = target;
                    continue;
                }
                return dnsFailure(name, type, 'NODATA', '');
            }
        },
    };
    return resolver;
}
/**
 * Parses zone text and returns a closed-world (offline) resolver over it: a convenience for tests and examples.
 * @throws {@link ZoneParseError} when the text is malformed.
 */
function zoneResolverFromText(text, origin) {
    return zoneResolver([parseZone(text, origin === undefined ? {} : { origin })], { offline: true });
}

;// CONCATENATED MODULE: ./lib/dns/overlay.js
/**
 * "What-if" DNS: proposed zone files laid over another resolver (usually live DNS).
 *
 * @module
 */

/**
 * Answers names inside `zones` from the zones (authoritatively: a name missing from a proposed zone is
 * NXDOMAIN even if live DNS has it today, because the zone would replace it) and every other name, including
 * CNAME targets outside the zones and names a proposed zone delegates to other servers (at or below an NS
 * record other than its apex, unless another proposed zone covers them), from `fallback`.
 *
 * @param zones - parsed zone files (see `parseZone`/`loadZoneFile`).
 * @param fallback - the resolver for everything else, e.g. `systemResolver()`.
 */
function overlayResolver(zones, fallback) {
    return zoneResolver(zones, { outside: fallback });
}

// EXTERNAL MODULE: external "node:dns/promises"
var external_node_dns_promises_ = __webpack_require__(71553);
;// CONCATENATED MODULE: ./lib/dns/defaults.js
/**
 * Live-DNS defaults, in one place so that the library (`systemResolver`, `queryWire`), the CLI (`--dns-timeout`,
 * `--dns-tries`) and the Action (`dns-timeout`) agree.
 *
 * @module
 */
/**
 * Default time to wait for one answer from one server, per try, in milliseconds: 5000 ms (5 s), as the README,
 * the CLI and the Action document. With {@link DEFAULT_TRIES} a query against one unresponsive server gives up
 * after about 10 s.
 */
const DEFAULT_TIMEOUT_MS = 5000;
/** Default number of tries per server per query: 2. */
const DEFAULT_TRIES = 2;

;// CONCATENATED MODULE: ./lib/dns/error-codes.js
/**
 * The one table from c-ares-style error codes to {@link DnsFailureKind}s, used by `system.ts` (errors from
 * `node:dns/promises`) and `wire.ts` (our stub resolver names its failures and socket errors the same way).
 *
 * @module
 */
/**
 * How each c-ares error code (as found in `err.code` from `node:dns/promises`, and as `wire.ts` names its own
 * failures and socket errors) maps to a {@link DnsFailureKind}.
 *
 * | c-ares code | kind | why |
 * | --- | --- | --- |
 * | `ENOTFOUND` | `NXDOMAIN` | RCODE 3: the name does not exist |
 * | `ENODATA` | `NODATA` | NOERROR with no record of the type (also: an empty result array) |
 * | `ETIMEOUT` | `TIMEOUT` | no answer after all tries |
 * | `ECONNREFUSED`, `EHOSTUNREACH`, `ENETUNREACH`, `EADDRNOTAVAIL` | `TIMEOUT` | no server could be reached (e.g. ICMP port unreachable on UDP, refused TCP, no route): no answer, so "could not find out" — never a definitive NXDOMAIN/NODATA |
 * | `ECANCELLED`, `EDESTRUCTION` | `TIMEOUT` | the query was abandoned before an answer arrived |
 * | `ESERVFAIL` | `SERVFAIL` | RCODE 2 |
 * | `EBADRESP`, `EOF` | `SERVFAIL` | the server's reply was malformed or the connection closed mid-reply (a server failure) |
 * | `EREFUSED` | `REFUSED` | RCODE 5 |
 * | `ENOTIMP`, `EFORMERR` | `REFUSED` | RCODE 4 / RCODE 1: the server will not answer this question |
 * | `EBADNAME`, `EBADQUERY`, `EBADSTR` | `BADNAME` | the name cannot be put in a query |
 * | anything else (`ENOMEM`, `EFILE`, an error without a code...) | `SERVFAIL` | a local failure: treated as temporary, never as "no record" |
 */
const CARES_ERROR_KINDS = Object.freeze({
    ENOTFOUND: 'NXDOMAIN',
    ENODATA: 'NODATA',
    ETIMEOUT: 'TIMEOUT',
    ECONNREFUSED: 'TIMEOUT',
    EHOSTUNREACH: 'TIMEOUT',
    ENETUNREACH: 'TIMEOUT',
    EADDRNOTAVAIL: 'TIMEOUT',
    ECANCELLED: 'TIMEOUT',
    EDESTRUCTION: 'TIMEOUT',
    ESERVFAIL: 'SERVFAIL',
    EBADRESP: 'SERVFAIL',
    EOF: 'SERVFAIL',
    EREFUSED: 'REFUSED',
    ENOTIMP: 'REFUSED',
    EFORMERR: 'REFUSED',
    EBADNAME: 'BADNAME',
    EBADQUERY: 'BADNAME',
    EBADSTR: 'BADNAME',
});
/**
 * Maps a c-ares error code to a {@link DnsFailureKind} per {@link CARES_ERROR_KINDS}; unknown or missing codes give
 * `SERVFAIL`.
 */
function caresErrorKind(code) {
    return ((code !== undefined && Object.hasOwn(CARES_ERROR_KINDS, code) ? CARES_ERROR_KINDS[code] : undefined) ??
        'SERVFAIL');
}

// EXTERNAL MODULE: external "node:dgram"
var external_node_dgram_ = __webpack_require__(41314);
// EXTERNAL MODULE: ./node_modules/dns-packet/index.js
var dns_packet = __webpack_require__(14894);
;// CONCATENATED MODULE: ./lib/dns/wire.js
/**
 * mailgate's stub-resolver client (RFC 1035 §4.2, RFC 7766) on `dns-packet`: `systemResolver` sends every question
 * through {@link queryWire} (see `system.ts` for why not c-ares: RCODEs 6–11, CNAME loops, owner names, lone CNAMEs,
 * cancellation). Names are sent as their octets: those c-ares refuses (RFC 2181 §11 allows any octet in a label,
 * and SPF macros, RFC 7208 §7, produce `foo:bar/baz.example.com`) and those with a `\` are asked as they are.
 *
 * What {@link queryWire} does, per try:
 * - **UDP first** (RFC 1035 §4.2.1), from a connected socket on a random port, with a random 16-bit ID, RD=1 and
 *   no EDNS0 (like c-ares in Node 24: answers over 512 octets come back truncated). A datagram is accepted only
 *   when it is a response whose ID and question (name case-insensitively, type, class IN) match the query; any
 *   other datagram (spoofing, cross-talk, a late answer to an earlier try) is ignored and the wait goes on.
 * - **TC=1** → the same question again over **TCP** to the same server (2-octet length prefix, replies reassembled
 *   from partial reads, RFC 7766 §8), within the same per-try timeout.
 * - **Tries**: `tries` rounds over the server list, in order; each try waits at most `timeoutMs`. A server that
 *   answers with any RCODE other than NOERROR and NXDOMAIN is skipped in later rounds (as c-ares does); the result
 *   is the first NOERROR/NXDOMAIN answer, else the failure of the last try.
 * - **Answers**: the CNAME chain is followed from the question and only the records owned by its last name are
 *   taken; a loop or a chain over {@link MAX_CNAME_CHAIN} is `SERVFAIL`; a reply whose answer section holds only
 *   records of other names is `SERVFAIL` (`EBADRESP`); a lone CNAME without a negative answer for its target is
 *   followed by asking the target.
 * - **Cancellation**: `signal` closes the sockets at once; the result is `TIMEOUT` (`ECANCELLED`).
 *
 * The failure kinds and messages follow the c-ares table in `error-codes.ts` (`CARES_ERROR_KINDS`): no reply →
 * `TIMEOUT` (`ETIMEOUT`); connection refused or network unreachable → `TIMEOUT` (`ECONNREFUSED`, ...); RCODE 2
 * and RCODEs 6–15 → `SERVFAIL`; RCODE 5/4/1 → `REFUSED`; a reply that matched the query but could not be decoded,
 * or a TCP connection closed mid-reply → `SERVFAIL` (`EBADRESP`, `EOF`); RCODE 3 → `NXDOMAIN`; NOERROR without a
 * record of the type → `NODATA`. Sockets are always closed; nothing is thrown.
 *
 * @module
 */








/**
 * The most CNAMEs {@link queryWire} follows for one question, in the answers and through its own re-queries; a
 * longer chain is a `SERVFAIL` (`CNAME chain longer than 16`), as is a loop.
 */
const wire_MAX_CNAME_CHAIN = 16;
/**
 * Splits `ipv4`, `ipv4:port`, `ipv6`, `[ipv6]` or `[ipv6]:port` (port 1..65535, default 53) into its parts.
 *
 * @returns the address, or `null` when the string is in none of those forms (never throws).
 */
function parseServerAddress(server) {
    if (typeof server !== 'string')
        return null;
    const port = (text) => {
        if (text === undefined)
            return 53;
        const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
        return n >= 1 && n <= 65535 ? n : null;
    };
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(server);
    if (bracketed) {
        const host = bracketed[1] ?? '';
        const p = port(bracketed[2]);
        return (0,external_node_net_.isIPv6)(host) && p !== null ? { host, port: p, family: 6 } : null;
    }
    if ((0,external_node_net_.isIPv4)(server))
        return { host: server, port: 53, family: 4 };
    if ((0,external_node_net_.isIPv6)(server))
        return { host: server, port: 53, family: 6 };
    const hostPort = /^([^:]+):([^:]*)$/.exec(server);
    const p = port(hostPort?.[2]);
    return hostPort && (0,external_node_net_.isIPv4)(hostPort[1] ?? '') && p !== null
        ? { host: hostPort[1], port: p, family: 4 }
        : null;
}
/**
 * Formats 16 address octets as `inet_ntop` does (and so as node's `resolve6` returns them): RFC 5952 text
 * (lower-case hex, the first longest run of two or more zero groups as `::`), except that an IPv4-mapped
 * (`::ffff:0:0/96`) or IPv4-compatible (`::/96`, but not `::` or `::1`...) address ends in dotted-quad form.
 */
function formatIPv6(octets) {
    const words = [];
    for (let i = 0; i < 8; i++)
        words.push(((octets[2 * i] ?? 0) << 8) | (octets[2 * i + 1] ?? 0));
    let bestBase = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
        if (words[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && words[j] === 0)
            j++;
        if (j - i > bestLen) {
            bestBase = i;
            bestLen = j - i;
        }
        i = j;
    }
    if (bestLen < 2)
        bestBase = -1;
    const dotted = () => `${octets[12]}.${octets[13]}.${octets[14]}.${octets[15]}`;
    if (bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
        return bestLen === 6 ? `::${dotted()}` : `::ffff:${dotted()}`;
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
        if (i === bestBase) {
            out += '::';
            i += bestLen - 1;
            continue;
        }
        if (out !== '' && !out.endsWith(':'))
            out += ':';
        out += (words[i] ?? 0).toString(16);
    }
    return out;
}
/** Parses IPv6 text (as dns-packet decodes an AAAA record) into 16 octets; null if it is not IPv6 text. */
function ipv6Octets(text) {
    if (!(0,external_node_net_.isIPv6)(text))
        return null;
    let head = text;
    const tail = [];
    const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (v4) {
        head = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
        const [a, b, c, d] = [v4[2], v4[3], v4[4], v4[5]].map(Number);
        tail.push((a << 8) | b, (c << 8) | d);
    }
    const groups = (part) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
    const halves = head.split('::');
    const left = groups(halves[0] ?? '');
    const right = halves.length > 1 ? groups(halves[1] ?? '') : [];
    const fill = 8 - tail.length - left.length - right.length;
    const words = [...left, ...Array(halves.length > 1 ? fill : 0).fill(0), ...right, ...tail];
    if (words.length !== 8)
        return null;
    const out = new Uint8Array(16);
    words.forEach((w, i) => {
        out[2 * i] = w >> 8;
        out[2 * i + 1] = w & 0xff;
    });
    return out;
}
/** Lower-cases ASCII letters only (DNS names compare case-insensitively in ASCII, RFC 4343). */
function asciiLower(name) {
    return name.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
/** A name from a reply: without the trailing dot, lower-case (as `system.ts` returns host names). */
function hostName(name) {
    return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}
/** Whether two names are the same (ASCII case-insensitive, trailing dot ignored). */
function sameName(a, b) {
    return asciiLower(a.replace(/\.$/, '')) === asciiLower(b.replace(/\.$/, ''));
}
function failure(name, type, code) {
    return dnsFailure(name, type, caresErrorKind(code), code);
}
/** The names of RCODEs 0–11 (RFC 1035 §4.1.1, RFC 2136 §2.2, RFC 8490 §7), for failure messages. */
const RCODE_NAMES = [
    'NOERROR',
    'FORMERR',
    'SERVFAIL',
    'NXDOMAIN',
    'NOTIMP',
    'REFUSED',
    'YXDOMAIN',
    'YXRRSET',
    'NXRRSET',
    'NOTAUTH',
    'NOTZONE',
    'DSOTYPENI',
];
/**
 * RCODE → c-ares-style code for the error RCODEs: 1 `EFORMERR`, 2 `ESERVFAIL`, 4 `ENOTIMP`, 5 `EREFUSED`, and
 * `ESERVFAIL` for every other RCODE but NOERROR and NXDOMAIN (6–11, YXDOMAIN…DSOTYPENI, which make no sense in
 * the answer to a query, and 12–15, unassigned): the server did not answer the question, so nothing is known —
 * never "no record" (c-ares itself reports RCODEs 6–11 as `ENODATA`, which is why every query goes through here).
 */
function rcodeCode(rcode) {
    switch (rcode) {
        case 1:
            return 'EFORMERR';
        case 4:
            return 'ENOTIMP';
        case 5:
            return 'EREFUSED';
        default:
            return 'ESERVFAIL';
    }
}
/** The failure message for an error RCODE: the code, and the RCODE when the code does not name it. */
function rcodeMessage(rcode) {
    const code = rcodeCode(rcode);
    return rcode === 1 || rcode === 2 || rcode === 4 || rcode === 5
        ? code
        : `${code} (RCODE ${rcode}${RCODE_NAMES[rcode] ? ` ${RCODE_NAMES[rcode]}` : ''})`;
}
function buildQuestion(name, type) {
    const id = (0,external_node_crypto_.randomInt)(0, 0x10000);
    const message = dns_packet.encode({
        type: 'query',
        id,
        flags: dns_packet.RECURSION_DESIRED,
        questions: [{ type, class: 'IN', name }],
    });
    return { name, type, id, message };
}
/**
 * Checks a received message against the question: `'match'` (decoded reply in `packet`), `'bad'` (the ID matches
 * but the message is not a decodable reply to the question) or `'other'` (not for us).
 */
function match(q, message) {
    if (message.length < 12 || message.readUInt16BE(0) !== q.id)
        return { kind: 'other' };
    let packet;
    try {
        packet = dns_packet.decode(message);
    }
    catch {
        return { kind: 'bad' };
    }
    const questions = packet.questions ?? [];
    const question = questions[0];
    if (packet.type !== 'response' ||
        questions.length !== 1 ||
        question === undefined ||
        question.type !== q.type ||
        (question.class ?? 'IN') !== 'IN' ||
        !sameName(question.name, q.name)) {
        return { kind: 'other' };
    }
    return { kind: 'match', packet };
}
function errorCode(err) {
    const code = err?.code;
    return typeof code === 'string' ? code : 'ESERVFAIL';
}
/** Asks one server over UDP; waits at most `timeoutMs`, or until `signal` aborts (`ECANCELLED`). Never rejects. */
function udpExchange(server, q, timeoutMs, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve({ error: 'ECANCELLED' });
        let done = false;
        let sawBad = false;
        const socket = external_node_dgram_.createSocket(server.family === 6 ? 'udp6' : 'udp4');
        const onAbort = () => finish({ error: 'ECANCELLED' });
        const finish = (outcome) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            socket.removeAllListeners('message');
            try {
                socket.close();
            }
            catch {
                // already closed
            }
            resolve(outcome);
        };
        const timer = setTimeout(() => finish({ error: sawBad ? 'EBADRESP' : 'ETIMEOUT' }), timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.on('error', (err) => finish({ error: errorCode(err) }));
        socket.on('message', (message) => {
            const m = match(q, message);
            if (m.kind === 'match')
                finish({ reply: m.packet });
            else if (m.kind === 'bad')
                sawBad = true;
        });
        try {
            socket.connect(server.port, server.host, () => {
                if (done)
                    return;
                socket.send(q.message, (err) => {
                    if (err)
                        finish({ error: errorCode(err) });
                });
            });
        }
        catch (err) {
            finish({ error: errorCode(err) });
        }
    });
}
/**
 * Asks one server over TCP (RFC 7766); waits at most `timeoutMs` for connect and reply, or until `signal` aborts
 * (`ECANCELLED`). Never rejects.
 */
function tcpExchange(server, q, timeoutMs, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve({ error: 'ECANCELLED' });
        let done = false;
        let pending = Buffer.alloc(0);
        const socket = external_node_net_.connect({ host: server.host, port: server.port });
        const onAbort = () => finish({ error: 'ECANCELLED' });
        const finish = (outcome) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            socket.removeAllListeners('data');
            socket.destroy();
            resolve(outcome);
        };
        const timer = setTimeout(() => finish({ error: 'ETIMEOUT' }), timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.on('error', (err) => finish({ error: errorCode(err) }));
        socket.on('close', () => finish({ error: 'EOF' }));
        socket.on('connect', () => {
            const framed = Buffer.alloc(2 + q.message.length);
            framed.writeUInt16BE(q.message.length, 0);
            q.message.copy(framed, 2);
            socket.write(framed);
        });
        socket.on('data', (chunk) => {
            pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
            while (pending.length >= 2) {
                const length = pending.readUInt16BE(0);
                if (pending.length < 2 + length)
                    break;
                const message = pending.subarray(2, 2 + length);
                pending = pending.subarray(2 + length);
                const m = match(q, message);
                if (m.kind === 'match')
                    return finish({ reply: m.packet });
                if (m.kind === 'bad')
                    return finish({ error: 'EBADRESP' });
            }
        });
    });
}
/** Converts one answer record's dns-packet data to the shape `systemResolver` returns; null if unusable. */
function recordData(type, data) {
    switch (type) {
        case 'A':
            return typeof data === 'string' && (0,external_node_net_.isIPv4)(data) ? data : null;
        case 'AAAA': {
            const octets = typeof data === 'string' ? ipv6Octets(data) : null;
            return octets ? formatIPv6(octets) : null;
        }
        case 'MX': {
            const mx = data;
            if (typeof mx?.preference !== 'number' || typeof mx.exchange !== 'string')
                return null;
            return { priority: mx.preference, exchange: hostName(mx.exchange) };
        }
        case 'TXT': {
            const parts = Array.isArray(data) ? data : [data];
            const strings = parts.map((p) => (Buffer.isBuffer(p) ? p.toString('latin1') : String(p)));
            return decodeTxtRecord(strings);
        }
        case 'SOA': {
            const soa = data;
            if (typeof soa?.mname !== 'string' || typeof soa.rname !== 'string')
                return null;
            return {
                mname: hostName(soa.mname),
                rname: hostName(soa.rname),
                serial: Number(soa.serial),
                refresh: Number(soa.refresh),
                retry: Number(soa.retry),
                expire: Number(soa.expire),
                minimum: Number(soa.minimum),
            };
        }
        default:
            return typeof data === 'string' ? hostName(data) : null;
    }
}
/**
 * Reads the answer to `name`/`type` from a NOERROR or NXDOMAIN reply to the question `asked` (`name` itself, or
 * the end of the CNAME chain followed so far, listed in `cnames`, which this extends):
 *
 * - RCODE 3: `NXDOMAIN` (RFC 6604 §2: the RCODE describes the last name of the chain);
 * - the CNAME chain in the answer section is followed from `asked` (RFC 1034 §3.6.2), and the records of the type
 *   owned by its last name are the answer; a loop, or more than {@link MAX_CNAME_CHAIN} CNAMEs, is `SERVFAIL`;
 * - records owned by names outside the chain are never taken for the name asked; when the chain ends without a
 *   record of the type, such records (of any type but DNAME) make the reply unusable (`SERVFAIL`, `EBADRESP`)
 *   rather than "no record";
 * - a chain that ends at a new name without its records and without a negative answer for it (no SOA in the
 *   authority section, RFC 2308 §2.2) — what an authoritative server sends for a CNAME whose target is outside its
 *   zones — is followed by asking the target (`next`);
 * - otherwise `NODATA`.
 */
function follow(name, asked, type, reply, cnames) {
    if (((reply.flags ?? 0) & 0xf) === 3)
        return { result: failure(name, type, 'ENOTFOUND') };
    const answers = (reply.answers ?? []).filter((a) => (a.class ?? 'IN') === 'IN');
    let owner = asked;
    for (;;) {
        const here = answers.filter((a) => a.type === type && sameName(a.name, owner));
        if (here.length > 0) {
            const records = [];
            for (const a of here) {
                const data = recordData(type, a.data);
                if (data !== null)
                    records.push(data);
            }
            if (records.length === 0)
                return { result: failure(name, type, 'EBADRESP') };
            const result = { ok: true, name, type, records };
            if (cnames.length > 0)
                result.cnames = [...cnames];
            return { result };
        }
        if (type === 'CNAME')
            break;
        const cname = answers.find((a) => a.type === 'CNAME' && sameName(a.name, owner));
        const target = cname && typeof cname.data === 'string' ? hostName(cname.data) : undefined;
        if (target === undefined)
            break;
        if (sameName(target, name) || cnames.some((c) => sameName(c, target))) {
            return { result: dnsFailure(name, type, 'SERVFAIL', 'CNAME loop') };
        }
        if (cnames.length >= wire_MAX_CNAME_CHAIN) {
            return { result: dnsFailure(name, type, 'SERVFAIL', `CNAME chain longer than ${wire_MAX_CNAME_CHAIN}`) };
        }
        cnames.push(target);
        owner = target;
    }
    // no record of the type at the end of the chain: a reply whose answer section holds records of other names
    // (other than the chain's own CNAMEs and a DNAME that synthesised one) answered something else
    const chain = [asked, ...cnames];
    const stray = answers.find((a) => a.type !== 'DNAME' && !chain.some((n) => sameName(n, a.name)));
    if (stray !== undefined) {
        return {
            result: dnsFailure(name, type, 'SERVFAIL', `EBADRESP: the answer holds ${stray.type} records owned by ${hostName(stray.name)}, not by ${owner}`),
        };
    }
    const negative = (reply.authorities ?? []).some((a) => a.type === 'SOA');
    if (type !== 'CNAME' && !sameName(owner, asked) && !negative)
        return { next: owner };
    return { result: failure(name, type, 'ENODATA') };
}
/**
 * Asks `servers` one question: `tries` rounds over the list, each try waiting at most `timeoutMs` (UDP, then TCP
 * after TC). A server that answers SERVFAIL, REFUSED, NOTIMP, FORMERR or any RCODE other than NOERROR and NXDOMAIN
 * (RCODE 6–11, YXDOMAIN…DSOTYPENI, and the unassigned ones) is skipped in later rounds. Returns the first
 * NOERROR/NXDOMAIN reply, else the c-ares-style code of the last failure (`ECANCELLED` once `signal` aborts).
 */
async function ask(servers, name, type, timeoutMs, tries, signal) {
    const skipped = new Set();
    let last = { error: 'ETIMEOUT' };
    for (let round = 0; round < tries; round++) {
        for (const [index, server] of servers.entries()) {
            if (skipped.has(index))
                continue;
            if (signal?.aborted)
                return { error: 'ECANCELLED' };
            let exchange = await udpExchange(server, buildQuestion(name, type), timeoutMs, signal);
            if ('reply' in exchange && exchange.reply.flag_tc) {
                exchange = await tcpExchange(server, buildQuestion(name, type), timeoutMs, signal);
            }
            if ('error' in exchange) {
                if (exchange.error === 'ECANCELLED')
                    return exchange;
                last = exchange;
                continue;
            }
            const rcode = (exchange.reply.flags ?? 0) & 0xf;
            if (rcode === 0 || rcode === 3)
                return exchange;
            last = { error: rcodeCode(rcode), message: rcodeMessage(rcode) };
            skipped.add(index);
        }
    }
    return last;
}
/** Whether `name` can be put in a question: labels of 1..63 octets, at most 255 octets on the wire. */
function encodable(name) {
    const n = name.endsWith('.') ? name.slice(0, -1) : name;
    if (n === '')
        return false;
    const labels = n.split('.');
    return (labels.every((l) => l.length > 0 && Buffer.byteLength(l, 'utf8') <= 63) &&
        labels.reduce((sum, l) => sum + 1 + Buffer.byteLength(l, 'utf8'), 1) <= 255);
}
/**
 * Asks DNS servers one question directly over UDP (then TCP when the reply is truncated), as a stub resolver
 * (RFC 1035 §4.2, RFC 7766); see the module notes for the protocol details and the failure mapping.
 *
 * `name` is sent as given (its octets, UTF-8 for non-ASCII; no escapes: a `\` is a `\`), so pass it normalised
 * (`normalizeName`); the answer's `name` is `name` without a trailing dot. Records come in the shapes
 * `systemResolver` returns: A/AAAA canonical text (AAAA as `inet_ntop` writes it), MX `{priority, exchange}`,
 * TXT the character-strings (UTF-8 when every one is valid UTF-8, else one unit per octet), PTR/CNAME/NS names
 * lower-case without the trailing dot, SOA {@link SoaData}. `cnames` lists the CNAME chain followed, if any; a CNAME
 * query returns the record at `name` itself.
 *
 * Worst case, a question takes about `tries × servers × 2 × timeoutMs` ms (UDP, then TCP after a TC reply), times
 * the number of CNAME targets it has to ask (at most {@link MAX_CNAME_CHAIN}); `options.signal` ends it at once.
 *
 * @param name the domain name to ask about (labels 1..63 octets; else a `BADNAME` failure, nothing sent).
 * @param type the record type (class IN).
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`), `timeoutMs` (ms per try), `tries` (rounds),
 *   `signal` (cancels the question: `TIMEOUT`, `ECANCELLED`).
 * @returns the records or a {@link DnsResult} failure; never throws or rejects.
 */
async function queryWire(name, type, options) {
    const qname = name.endsWith('.') ? name.slice(0, -1) : name;
    try {
        if (!encodable(qname))
            return dnsFailure(qname, type, 'BADNAME', 'not encodable in a DNS question');
        const servers = (options.servers ?? [])
            .map(parseServerAddress)
            .filter((s) => s !== null);
        if (servers.length === 0)
            return dnsFailure(qname, type, 'TIMEOUT', 'no usable DNS server');
        const timeoutMs = Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
        const tries = Number.isInteger(options.tries) && options.tries > 0 ? options.tries : 1;
        const cnames = [];
        let asked = qname;
        for (;;) {
            const exchange = await ask(servers, asked, type, timeoutMs, tries, options.signal);
            if ('error' in exchange) {
                const f = failure(qname, type, exchange.error);
                if (exchange.message)
                    f.message = exchange.message;
                if (asked !== qname)
                    f.message += ` (asking ${asked}, the end of the CNAME chain)`;
                return f;
            }
            const step = follow(qname, asked, type, exchange.reply, cnames);
            if ('result' in step)
                return step.result;
            if (!encodable(step.next))
                return dnsFailure(qname, type, 'SERVFAIL', `bad CNAME target ${step.next}`);
            asked = step.next;
        }
    }
    catch (err) {
        return dnsFailure(qname, type, 'SERVFAIL', `wire query failed: ${String(err)}`);
    }
}

;// CONCATENATED MODULE: ./lib/dns/system.js
/**
 * Live DNS: a {@link Resolver} that asks DNS servers itself, through the stub-resolver client of `wire.ts`
 * ({@link queryWire}: UDP, TCP after TC), with configurable servers, timeout and tries. The servers default to
 * the system's (`/etc/resolv.conf`, as read by `node:dns`' c-ares). c-ares itself is not asked any more: it cannot
 * tell answers apart that must be told apart, which the wire client does:
 *
 * - **RCODEs 6–11** (YXDOMAIN … DSOTYPENI) come out of c-ares as `ENODATA`, indistinguishable from a real NODATA
 *   ("no record"); the wire client calls any RCODE other than NOERROR and NXDOMAIN a server failure (`SERVFAIL`,
 *   or `REFUSED` for REFUSED, NOTIMP, FORMERR).
 * - **CNAME loops** answered NOERROR come out of c-ares as an empty answer (NODATA); the wire client reports
 *   `SERVFAIL` (`CNAME loop`), as the zone resolver does, and caps chains at {@link MAX_CNAME_CHAIN}.
 * - **Owner names**: c-ares takes every TXT (and MX...) record of the answer section, whatever name owns it, so a
 *   record for another name was applied to the name asked; the wire client follows the CNAME chain from the
 *   question and takes only the records owned by its last name, and rejects a reply with records of the type owned
 *   by any other name (`SERVFAIL`, `EBADRESP`).
 * - **A CNAME without its target** (an authoritative server answering for a name whose CNAME points outside its
 *   zones) was NODATA; the wire client asks the target.
 * - **Cancellation**: an `AbortSignal` ({@link QueryOptions.signal}) closes the sockets of a question at once;
 *   c-ares can only cancel every query of a resolver.
 * - **Names**: c-ares refuses names that DNS allows (RFC 2181 §11) but host names do not (`foo:bar/baz.example.com`
 *   from SPF macros, RFC 7208 §7.3) and reads `\` as an escape; the wire client sends the name's octets as they are.
 *
 * What stays as node returned it: the record shapes (A/AAAA canonical text, AAAA as `inet_ntop` writes it, MX
 * `{priority, exchange}`, names lower-case without the trailing dot), no EDNS0 (answers over 512 octets come over
 * TCP), and the TXT octets rule: a record is decoded as UTF-8 when all of its character-strings are valid UTF-8, and
 * otherwise kept one UTF-16 unit per octet ({@link decodeTxtRecord}, `txt-octets.ts`, which the zone-file parser
 * applies too, so a zone file and a server publishing the same octets give the same strings). Answers that followed
 * CNAMEs carry `cnames`. Failures use the c-ares code names of {@link CARES_ERROR_KINDS} as messages.
 *
 * @module
 */







/** Re-decodes a TXT record's Latin-1 character-strings as UTF-8 when every one of them is valid UTF-8. */
/** The one c-ares error-code table (defined in `error-codes.ts`, shared with `wire.ts`). */

/** The defaults (5000 ms per try, 2 tries), shared with the CLI, the Action and `wire.ts`. */

const SERVER_HELP = 'expected an IP address with an optional port, e.g. "192.0.2.53", "192.0.2.53:5353", "2001:db8::53" or "[2001:db8::53]:5353"';
function parsePort(text, server) {
    const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) {
        throw new TypeError(`Invalid DNS server "${server}": port must be 1..65535`);
    }
    return port;
}
/**
 * Validates one server string and returns it in the form `Resolver#setServers` accepts.
 *
 * @throws TypeError when the string is not `ipv4`, `ipv4:port`, `ipv6`, `[ipv6]` or `[ipv6]:port`.
 */
function parseServer(server) {
    if (typeof server !== 'string')
        throw new TypeError(`Invalid DNS server ${String(server)}: ${SERVER_HELP}`);
    const bracketed = /^\[([^\]]*)\](?::([^:]*))?$/.exec(server);
    if (bracketed) {
        const host = bracketed[1] ?? '';
        if (!(0,external_node_net_.isIPv6)(host))
            throw new TypeError(`Invalid DNS server "${server}": "${host}" is not an IPv6 address`);
        return bracketed[2] === undefined ? host : `[${host}]:${parsePort(bracketed[2], server)}`;
    }
    if ((0,external_node_net_.isIPv4)(server) || (0,external_node_net_.isIPv6)(server))
        return server;
    const hostPort = /^([^:]+):([^:]*)$/.exec(server);
    if (hostPort && (0,external_node_net_.isIPv4)(hostPort[1] ?? ''))
        return `${hostPort[1]}:${parsePort(hostPort[2] ?? '', server)}`;
    throw new TypeError(`Invalid DNS server "${server}": ${SERVER_HELP}`);
}
function checkInteger(value, what, max) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new RangeError(`systemResolver: ${what} must be an integer from 1 to ${max}, got ${String(value)}`);
    }
    return value;
}
/**
 * Creates a {@link Resolver} that asks live DNS servers (see the module notes: our own stub resolver, `wire.ts`).
 *
 * Each question tries each server up to `tries` times, waiting at most `timeoutMs` per try (and as long again for
 * the TCP retry after a truncated UDP answer), so a question to an unresponsive single server fails with `TIMEOUT`
 * after about `tries × timeoutMs` ms. Names are normalised with {@link normalizeName} (U-labels to A-labels,
 * lower-case); an unqueryable name gives a `BADNAME` failure without any query. A CNAME chain is followed (at most
 * {@link MAX_CNAME_CHAIN} links; a loop is `SERVFAIL`), asking the target when the answer did not include it.
 * Any RCODE other than NOERROR and NXDOMAIN is DNS trouble (`SERVFAIL`, or `REFUSED`), never "no record".
 * `options.signal` (per question) cancels it: its sockets are closed and the result is `TIMEOUT`.
 *
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`; default the system's), `timeoutMs` (ms per
 *   try), `tries` (per server).
 * @throws TypeError when a server string is malformed (a usage error, not a DNS failure).
 * @throws RangeError when `timeoutMs` or `tries` is not a positive integer.
 */
function systemResolver(options = {}) {
    const timeoutMs = checkInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 2 ** 31 - 1);
    const tries = checkInteger(options.tries ?? DEFAULT_TRIES, 'tries', 100);
    const servers = (options.servers ?? []).map(parseServer);
    // c-ares reads the system configuration and checks the server list; the questions go through queryWire.
    const dns = new external_node_dns_promises_.Resolver({ timeout: timeoutMs, tries, maxTimeout: timeoutMs });
    if (servers.length > 0) {
        try {
            dns.setServers(servers);
        }
        catch (err) {
            throw new TypeError(`Invalid DNS servers ${JSON.stringify(servers)}: ${err.message}`);
        }
    }
    const wireServers = dns.getServers();
    return {
        async query(name, type, query = {}) {
            const normalized = resolver_normalizeName(name);
            if (normalized === null)
                return dnsFailure(name, type, 'BADNAME', 'not a valid domain name');
            return queryWire(normalized, type, {
                servers: wireServers,
                timeoutMs,
                tries,
                ...(query.signal ? { signal: query.signal } : {}),
            });
        },
    };
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(52210);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./lib/policy/authorize.js
/**
 * The entries of a policy's `spf.authorize` list: an IP address, a network (`address/prefix`), or
 * `include:DOMAIN`. One strict parser shared by the policy loader (which reports every bad entry with its line)
 * and the gate (which never guesses what a malformed entry meant).
 *
 * Addresses are as strict as the CLI's `--ip` (`node:net` `isIP`): four dotted decimal numbers 0-255 without
 * leading zeros (no `1.2.3` shorthand, which `inet_aton` would read as 1.2.0.3; no `01.2.3.4`, which some parsers
 * read as octal), or an RFC 4291 IPv6 address without a zone index. A prefix length is decimal without leading
 * zeros, 0-32 for IPv4 and 0-128 for IPv6 (as RFC 7208 §5.6 requires of `ip4-cidr-length`/`ip6-cidr-length`).
 *
 * @module
 */


/**
 * Parses one `spf.authorize` entry.
 *
 * @returns the entry, or `{ error }` with a sentence saying what is wrong (for `"1.2.3"`: not an IP address).
 */
function parseAuthorizeEntry(entry) {
    if (entry.toLowerCase().startsWith('include:')) {
        const target = entry.slice('include:'.length);
        const domain = resolver_normalizeName(target);
        if (target === '' || domain === null || !domain.includes('.') || /[^a-z0-9_.-]/.test(domain))
            return {
                error: `"${entry}" does not name a domain: include: must be followed by a domain name such as _spf.example.com`,
            };
        return { kind: 'include', domain };
    }
    const slash = entry.indexOf('/');
    const address = slash >= 0 ? entry.slice(0, slash) : entry;
    const version = (0,external_node_net_.isIP)(address);
    if (version === 0 || address.includes('%'))
        return {
            error: `"${entry}" is not an IP address or network: IPv4 is four decimal numbers 0-255 without leading zeros (192.0.2.1), IPv6 as in RFC 4291 (2001:db8::1)`,
        };
    if (slash < 0)
        return { kind: 'ip', address, version: version };
    const digits = entry.slice(slash + 1);
    const max = version === 4 ? 32 : 128;
    if (!/^(0|[1-9][0-9]*)$/.test(digits) || Number(digits) > max)
        return {
            error: `"${entry}" has an invalid prefix length: /0 to /${max} for IPv${version}, decimal without leading zeros`,
        };
    return { kind: 'ip', address, version: version, prefix: Number(digits) };
}

;// CONCATENATED MODULE: ./lib/policy/schema.js
/**
 * The policy file format (`.github/mailgate.yml` or JSON): its JSON Schema (draft 2020-12) and TypeScript types.
 *
 * The schema is the single source of truth: `loadPolicy` validates with it, `schema/policy.schema.json` is this
 * constant written out, and `docs/policy.md` is generated from it (see `renderPolicyReference`). Editors that
 * support JSON Schema (VS Code with the YAML extension) can use the published file for completion.
 *
 * Every object is closed (`additionalProperties: false`) so a misspelt key is an error, not a silently ignored
 * rule. The non-standard `x-error` keyword is an annotation: the message `loadPolicy` shows when that value's
 * pattern or format does not match.
 *
 * @module
 */
/** `$id` of the policy schema (also the `$schema` value a policy file may declare). */
const POLICY_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/policy.schema.json';
const DMARC_POLICY = {
    type: 'string',
    enum: ['none', 'quarantine', 'reject'],
};
const ALIGNMENT = { type: 'string', enum: ['strict', 'relaxed'] };
/** The policy JSON Schema (draft 2020-12). */
const POLICY_SCHEMA = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: POLICY_SCHEMA_ID,
    title: 'mailgate policy',
    description: "What a team requires of its domains' SPF, DKIM, DMARC and MTA-STS, and which findings it accepts. Used by `mailgate audit --policy FILE` and the GitHub Action's `policy` input.",
    type: 'object',
    additionalProperties: false,
    properties: {
        $schema: { type: 'string', description: 'The schema URL, for editors. Ignored by mailgate.' },
        version: {
            description: 'The policy format version. Only 1 exists.',
            const: 1,
            default: 1,
        },
        'fail-on': {
            description: "Findings at this severity or above fail the gate (after `findings` overrides and suppressions). `never`: only the domain rules can fail it. The Action's `fail-on` input, when set, takes precedence.",
            type: 'string',
            enum: ['error', 'warning', 'never'],
            default: 'error',
        },
        defaults: {
            description: "Rules applied to every domain. A domain under `domains` overrides them key by key at every depth: a mapping merges with the defaults' mapping (so `dmarc.alignment: {dkim: strict}` keeps the defaults' `spf` mode), a value or a list (`spf.authorize`, `dkim.selectors`) replaces the defaults' one.",
            $ref: '#/$defs/domainPolicy',
        },
        domains: {
            description: 'Rules per domain (the key is the domain name). With no `domains` input, the Action audits these domains.',
            type: 'object',
            propertyNames: {
                pattern: '^(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}\\.?$',
                'x-error': 'must be a domain name such as example.com',
            },
            additionalProperties: { $ref: '#/$defs/domainPolicy' },
        },
        findings: {
            description: 'Per finding id (see the findings catalog): a severity override and/or suppressions.',
            type: 'object',
            propertyNames: {
                pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9]+(?:-[a-z0-9]+)*$',
                'x-error': 'must be a finding id such as dmarc.policy-none',
            },
            additionalProperties: { $ref: '#/$defs/findingRule' },
        },
    },
    $defs: {
        domainPolicy: {
            description: 'What one domain must publish.',
            type: 'object',
            additionalProperties: false,
            properties: {
                spf: {
                    description: 'SPF (RFC 7208) requirements.',
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                        authorize: {
                            description: 'Senders that must be authorized. An IP address must get `pass` from check_host(). A network must get `pass` for every address: it is split at the boundaries of every network of the SPF policy (ip4/ip6 terms and the addresses of a/mx terms, through include and redirect) and check_host() runs once per range, at most 256 times per network (more ranges: undetermined unless a checked range fails). If check_host() passes through a term that can match differently within a range (ptr, a macro on the client address such as %{i}, a target whose networks the audit could not learn), the result is undetermined unless a range fails. `include:DOMAIN` must appear in the include tree (reached through `+include`). Addresses are as strict as `--ip`: IPv4 is four decimal numbers 0-255 without leading zeros (no `1.2.3` shorthand), a prefix is /0-/32 (IPv4) or /0-/128 (IPv6) without leading zeros.',
                            type: 'array',
                            items: {
                                type: 'string',
                                pattern: '^(include:[A-Za-z0-9_.-]+\\.?|[0-9A-Fa-f:.]+(/[0-9]{1,3})?)$',
                                'x-error': 'must be an IP address, a network (192.0.2.0/24, 2001:db8::/32) or include:DOMAIN',
                            },
                            uniqueItems: true,
                        },
                        all: {
                            description: 'The `all` mechanism the record must end with: `-all` requires -all; `~all` accepts ~all or -all.',
                            type: 'string',
                            enum: ['-all', '~all'],
                        },
                        'max-lookups': {
                            description: 'Most DNS-querying terms (include, a, mx, ptr, exists, redirect) check_host() may need, counted over the whole include tree (RFC 7208 §4.6.4 allows 10).',
                            type: 'integer',
                            minimum: 0,
                            maximum: 10,
                        },
                    },
                },
                dmarc: {
                    description: 'DMARC (RFC 9989 / RFC 7489) requirements: minimum policies are ordered none < quarantine < reject.',
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                        p: {
                            ...DMARC_POLICY,
                            description: "Minimum policy for mail from the domain itself: its own record's `p=`, or, for a domain without a record of its own, the `sp=` (`np=` if it does not exist) of the record it inherits.",
                        },
                        sp: {
                            ...DMARC_POLICY,
                            description: 'Minimum subdomain policy (`sp=`, defaulting to `p=` when absent).',
                        },
                        np: {
                            ...DMARC_POLICY,
                            description: 'Minimum policy for non-existent subdomains (`np=`, defaulting to `sp=`, then `p=`; RFC 9989).',
                        },
                        rua: {
                            type: 'boolean',
                            description: '`true`: an aggregate report destination (`rua=`) is required.',
                        },
                        alignment: {
                            description: "Identifier alignment wanted (`adkim=`/`aspf=`): a mode for both, or one per identifier. `strict` requires `s`; `relaxed` requires `r` (the default when the tag is absent). When both `defaults` and a domain set it, a single mode counts as that mode for both identifiers and the two merge per identifier: defaults `strict` with a domain's `{dkim: relaxed}` give `{dkim: relaxed, spf: strict}`; a domain's `relaxed` sets both.",
                            oneOf: [
                                ALIGNMENT,
                                {
                                    type: 'object',
                                    additionalProperties: false,
                                    properties: { dkim: ALIGNMENT, spf: ALIGNMENT },
                                },
                            ],
                        },
                    },
                },
                dkim: {
                    description: 'DKIM (RFC 6376) key requirements.',
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                        selectors: {
                            description: 'Selectors whose key record must exist and be usable (also audited even if not probed): not revoked (empty `p=`), a known key type (`k=rsa` or `k=ed25519`), `h=` absent or allowing sha256 (verifiers must not accept rsa-sha1, RFC 8301 §3.1), and an RSA key of at least 1024 bits (RFC 8301 §3.2).',
                            type: 'array',
                            items: {
                                type: 'string',
                                pattern: '^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$',
                                'x-error': 'must be a selector such as google or s1._subdomain',
                            },
                            uniqueItems: true,
                        },
                        'min-key-bits': {
                            description: 'Minimum RSA key size in bits for every key found (RFC 8301 requires 1024, recommends 2048). Ed25519 keys (RFC 8463) always satisfy it.',
                            type: 'integer',
                            minimum: 512,
                            maximum: 16384,
                        },
                    },
                },
                'mta-sts': {
                    description: 'MTA-STS (RFC 8461) requirements, checked when the audit reports MTA-STS. The mode is read from the policy file, so with HTTPS checks skipped the rule is undetermined.',
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                        mode: {
                            description: 'Minimum policy mode: none < testing < enforce.',
                            type: 'string',
                            enum: ['none', 'testing', 'enforce'],
                        },
                    },
                },
            },
        },
        findingRule: {
            description: 'How to treat one finding id.',
            type: 'object',
            additionalProperties: false,
            properties: {
                severity: {
                    description: 'Severity to use instead of the catalog severity.',
                    type: 'string',
                    enum: ['error', 'warning', 'info'],
                },
                suppress: {
                    description: 'Accept the finding (one suppression, or a list scoped to different domains).',
                    oneOf: [
                        { $ref: '#/$defs/suppression' },
                        { type: 'array', items: { $ref: '#/$defs/suppression' }, minItems: 1 },
                    ],
                },
            },
        },
        suppression: {
            description: 'An accepted finding: it no longer fails the gate and is reported as suppressed. After `expires` it applies no longer and the gate warns.',
            type: 'object',
            additionalProperties: false,
            required: ['reason'],
            properties: {
                reason: {
                    type: 'string',
                    minLength: 1,
                    description: 'Why the finding is accepted (shown in reports).',
                },
                expires: {
                    type: 'string',
                    pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
                    'x-error': 'must be a date written YYYY-MM-DD',
                    description: 'Last day (YYYY-MM-DD, UTC) the suppression applies; from the next day the finding counts again.',
                },
                domains: {
                    type: 'array',
                    items: { type: 'string', minLength: 1 },
                    minItems: 1,
                    description: 'Only these domains (default: every domain).',
                },
            },
        },
    },
};

;// CONCATENATED MODULE: ./lib/policy/yaml-limits.js
/**
 * Bounds on the shape of a parsed policy document, checked before it is converted to data: every alias names an
 * anchor set before it, no alias refers to a node that contains it, nesting (aliases followed) is at most
 * {@link MAX_POLICY_DEPTH} levels, and aliases add at most {@link MAX_ALIAS_NODES} nodes when expanded (a
 * "billion laughs" alias bomb is refused before anything is expanded). Both walks are iterative, so neither a
 * deep document nor a long chain of aliases can exhaust the call stack, and each node is visited once (aliases
 * are memoised), so the check is linear in the document's size.
 *
 * @module
 */

/** Most levels of nesting (mappings and lists inside one another, aliases followed); a policy needs about 6. */
const MAX_POLICY_DEPTH = 64;
/**
 * Most nodes (keys, values, list items) that aliases may add to the document when expanded: enough to share a
 * 20-key domain policy across 5,000 domains, far too few for an alias bomb to cost time.
 */
const MAX_ALIAS_NODES = 100_000;
function childrenOf(node) {
    if ((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node))
        return node.items;
    if ((0,dist/* isPair */.tO)(node))
        return [node.key, node.value].filter((x) => x !== null && x !== undefined);
    return [];
}
function offsetOf(node) {
    if ((0,dist/* isPair */.tO)(node))
        return offsetOf(node.key) ?? offsetOf(node.value);
    const range = node?.range;
    return range?.[0];
}
/**
 * Checks the bounds above on a parsed document.
 *
 * @param doc - the document from `parseDocument` (without syntax errors).
 * @param counter - the line counter given to `parseDocument`, to turn offsets into lines.
 * @returns the first problem in document order, or `null` when the document is within bounds. Never throws.
 */
function checkYamlShape(doc, counter) {
    const lineOf = (node) => {
        const offset = offsetOf(node);
        return offset === undefined ? 1 : counter.linePos(offset).line;
    };
    const root = doc.contents;
    if (root === null || root === undefined)
        return null;
    // Pass 1, document order: resolve each alias to the last anchor of that name set before it, and bound the
    // literal nesting. Anchors are set when their node starts, so `&a [*a]` resolves to its own container.
    const targets = new Map();
    const anchors = new Map();
    const pending = [{ node: root, depth: 1 }];
    while (pending.length > 0) {
        const { node, depth } = pending.pop();
        if ((0,dist/* isPair */.tO)(node)) {
            // A pair is a key and its value: not a level of its own.
        }
        else if (depth > MAX_POLICY_DEPTH) {
            return { line: lineOf(node), message: `nested more than ${MAX_POLICY_DEPTH} levels deep` };
        }
        if ((0,dist/* isAlias */.Vj)(node)) {
            const target = anchors.get(node.source);
            if (target === undefined)
                return {
                    line: lineOf(node),
                    message: `alias *${node.source} names no anchor set before it (write &${node.source} on an earlier value)`,
                };
            targets.set(node, target);
            continue;
        }
        const anchor = node?.anchor;
        if (((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node) || (0,dist/* isScalar */.jn)(node)) && anchor)
            anchors.set(anchor, node);
        const children = childrenOf(node);
        const next = (0,dist/* isPair */.tO)(node) ? depth : depth + 1;
        for (let i = children.length - 1; i >= 0; i--)
            pending.push({ node: children[i], depth: next });
    }
    if (targets.size === 0)
        return null;
    // Pass 2: expanded size and depth of every node, post-order in document order, memoised. An anchored node is
    // either finished before any alias to it is reached, or is an ancestor of the alias (a cycle).
    const memo = new Map();
    const stack = [{ node: root, children: childrenOf(root), next: 0, size: 1, depth: 0 }];
    /** Levels open on the stack (pairs are not levels). */
    let levels = (0,dist/* isPair */.tO)(root) ? 0 : 1;
    let added = 0;
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.next < frame.children.length) {
            const child = frame.children[frame.next++];
            const target = targets.get(child);
            if (target === undefined) {
                stack.push({ node: child, children: childrenOf(child), next: 0, size: 1, depth: 0 });
                if (!(0,dist/* isPair */.tO)(child))
                    levels++;
                continue;
            }
            const source = child.source;
            const known = memo.get(target);
            if (!known)
                return { line: lineOf(child), message: `alias *${source} refers to a value that contains it` };
            if (levels + known.depth > MAX_POLICY_DEPTH)
                return {
                    line: lineOf(child),
                    message: `nested more than ${MAX_POLICY_DEPTH} levels deep (alias *${source} followed)`,
                };
            added += known.size;
            if (added > MAX_ALIAS_NODES)
                return {
                    line: lineOf(child),
                    message: `aliases expand to more than ${MAX_ALIAS_NODES} values (an alias bomb?); write the values out or share fewer`,
                };
            frame.size += known.size;
            frame.depth = Math.max(frame.depth, known.depth);
            continue;
        }
        stack.pop();
        if (!(0,dist/* isPair */.tO)(frame.node))
            levels--;
        const own = { size: frame.size, depth: frame.depth + ((0,dist/* isPair */.tO)(frame.node) ? 0 : 1) };
        memo.set(frame.node, own);
        const parent = stack[stack.length - 1];
        if (parent) {
            parent.size += own.size;
            parent.depth = Math.max(parent.depth, own.depth);
        }
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/policy/load.js
/**
 * Reads a policy file (YAML or JSON), validates it against {@link POLICY_SCHEMA}, and reports every problem
 * with its line and key: `mailgate.yml:12: domains.example.com.dmarc.p: must be one of none, quarantine, reject`.
 *
 * JSON is parsed as YAML 1.2 (a superset of JSON), so both formats get line numbers. The YAML core schema is
 * used: `2026-01-31` stays a string and `on`/`yes` are not booleans.
 *
 * @module
 */







/** Thrown by {@link parsePolicy}/{@link loadPolicy} for an unreadable or invalid policy file; `issues` lists every problem. */
class PolicyError extends Error {
    /** Every problem found, in file order. */
    issues;
    /**
     * @param issues the problems (at least one)
     * @param headline the error message; default: the issues formatted with {@link formatIssue}, one per line
     */
    constructor(issues, headline) {
        super(headline ?? issues.map(formatIssue).join('\n'));
        this.name = 'PolicyError';
        this.issues = issues;
    }
}
/** One issue as a line: `file:line: path: message` (`mailgate.yml:7: defaults.dmarc.p: must be one of ...`). */
function formatIssue(issue) {
    return `${issue.file}:${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
let validator;
function compile() {
    if (!validator) {
        const ajv = new _2020.Ajv2020({ allErrors: true, verbose: true, strict: true });
        ajv.addKeyword({ keyword: 'x-error', schemaType: 'string' });
        validator = ajv.compile(POLICY_SCHEMA);
    }
    return validator;
}
function decodePointer(pointer) {
    if (pointer === '')
        return [];
    return pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
/** `['domains', 'example.com', 'spf', 'authorize', '2']` → `domains.example.com.spf.authorize[2]`. */
function dotted(path) {
    let out = '';
    for (const seg of path) {
        if (typeof seg === 'number' || /^\d+$/.test(String(seg)))
            out += `[${seg}]`;
        else
            out += out === '' ? String(seg) : `.${seg}`;
    }
    return out;
}
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j] ?? 0;
            row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length] ?? 0;
}
function suggestion(word, choices) {
    let best;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const c of choices) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3))
        ? ` (did you mean ${best}?)`
        : '';
}
const TYPE_NAMES = {
    object: 'a mapping of keys to values',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
};
function describe(e) {
    const path = decodePointer(e.instancePath);
    const xError = e.parentSchema?.['x-error'];
    switch (e.keyword) {
        case 'additionalProperties': {
            const key = String(e.params.additionalProperty);
            const allowed = Object.keys(e.parentSchema.properties ?? {});
            return {
                path: [...path, key],
                atKey: true,
                keyword: e.keyword,
                message: `unknown key${suggestion(key, allowed)}; allowed keys: ${allowed.join(', ')}`,
            };
        }
        case 'propertyNames':
            return null; // the nested error (with propertyName) says what is wrong
        case 'required': {
            const key = String(e.params.missingProperty);
            return { path, atKey: path.length > 0, keyword: e.keyword, message: `missing required key ${key}` };
        }
        case 'enum':
            return {
                path,
                atKey: false,
                keyword: e.keyword,
                message: `must be one of ${(e.params.allowedValues ?? []).join(', ')}`,
            };
        case 'const':
            return {
                path,
                atKey: false,
                keyword: e.keyword,
                message: `must be ${JSON.stringify(e.params.allowedValue)}`,
            };
        case 'type': {
            const t = String(e.params.type);
            return {
                path,
                atKey: false,
                keyword: e.keyword,
                message: `must be ${t
                    .split(',')
                    .map((x) => TYPE_NAMES[x] ?? x)
                    .join(' or ')}`,
            };
        }
        case 'pattern': {
            const propertyName = e.propertyName;
            if (propertyName !== undefined) {
                return {
                    path: [...path, propertyName],
                    atKey: true,
                    keyword: e.keyword,
                    message: typeof xError === 'string' ? xError : `key does not match ${e.schema}`,
                };
            }
            return {
                path,
                atKey: false,
                keyword: e.keyword,
                message: typeof xError === 'string' ? xError : `must match ${String(e.schema)}`,
            };
        }
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
            return {
                path,
                atKey: false,
                keyword: e.keyword,
                message: `must be ${e.params.comparison} ${e.params.limit}`,
            };
        case 'minLength':
            return { path, atKey: false, keyword: e.keyword, message: 'must not be empty' };
        case 'minItems':
            return { path, atKey: false, keyword: e.keyword, message: 'must not be an empty list' };
        case 'uniqueItems':
            return { path, atKey: false, keyword: e.keyword, message: 'must not list the same value twice' };
        case 'oneOf':
            return { path, atKey: false, keyword: e.keyword, message: 'does not match any allowed form' };
        default:
            return { path, atKey: false, keyword: e.keyword, message: e.message ?? 'is invalid' };
    }
}
/**
 * Turns ajv's errors into one message per problem. `oneOf` alternatives each report their own mismatch; where a
 * specific error exists at or below a path, the generic `type`/`oneOf` errors for that path are dropped.
 */
function simplify(errors) {
    const raw = errors.map(describe).filter((x) => x !== null);
    const key = (p) => p.join('\u0000');
    const specific = raw.filter((r) => r.keyword !== 'type' && r.keyword !== 'oneOf');
    const out = [];
    const seen = new Set();
    const typesAt = new Map();
    for (const r of raw) {
        if (r.keyword === 'type' || r.keyword === 'oneOf') {
            const covered = specific.some((s) => s.path.length >= r.path.length && r.path.every((seg, i) => s.path[i] === seg));
            if (covered)
                continue;
            const list = typesAt.get(key(r.path)) ?? [];
            list.push(r);
            typesAt.set(key(r.path), list);
            continue;
        }
        const id = `${key(r.path)}\u0001${r.message}`;
        if (!seen.has(id)) {
            seen.add(id);
            out.push(r);
        }
    }
    for (const list of typesAt.values()) {
        const types = list.filter((r) => r.keyword === 'type');
        const first = list[0];
        if (types.length === 0) {
            out.push(first);
            continue;
        }
        const wanted = [...new Set(types.map((t) => t.message.replace(/^must be /, '')))];
        out.push({ ...first, keyword: 'type', message: `must be ${wanted.join(' or ')}` });
    }
    return out;
}
/** Finds the YAML node at `path`, or the deepest ancestor present; `key` asks for the key node of the last step. */
function nodeAt(root, path, key) {
    let node = root;
    let found = node;
    for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,dist/* isPair */.tO)(p) && (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === String(seg));
            if (!pair)
                return found;
            if (key && i === path.length - 1)
                return pair.key ?? found;
            node = pair.value ?? pair.key;
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            const item = node.items[Number(seg)];
            if (item === undefined)
                return found;
            node = item;
        }
        else {
            return found;
        }
        found = node;
    }
    return found;
}
function lineFinder(root, counter) {
    return (path, key = false) => {
        if (path.length > 0 && !((0,dist/* isMap */.jh)(root) && nodeAt(root, path.slice(0, 1), true) !== root))
            return undefined;
        const node = nodeAt(root, path, key);
        const offset = node?.range?.[0];
        return offset === undefined ? undefined : counter.linePos(offset).line;
    };
}
function checkDate(text) {
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
/**
 * Checks that schema patterns cannot express: real IP addresses and prefix lengths and real domains in
 * `spf.authorize` (see `parseAuthorizeEntry`), real calendar dates. Runs on the raw data even when the schema
 * found problems (values of the wrong type are skipped: the schema reports those), so every bad entry of a list
 * is reported, not only the first.
 */
function semanticIssues(data) {
    const out = [];
    const domainPolicies = [[['defaults'], data.defaults]];
    if (isObject(data.domains))
        for (const [name, dp] of Object.entries(data.domains))
            domainPolicies.push([['domains', name], dp]);
    for (const [base, dp] of domainPolicies) {
        const spf = isObject(dp) ? dp.spf : undefined;
        const list = isObject(spf) ? spf.authorize : undefined;
        if (!Array.isArray(list))
            continue;
        list.forEach((entry, i) => {
            if (typeof entry !== 'string')
                return;
            const parsed = parseAuthorizeEntry(entry);
            if ('error' in parsed)
                out.push({
                    path: [...base, 'spf', 'authorize', String(i)],
                    atKey: false,
                    keyword: 'semantic',
                    message: parsed.error,
                });
        });
    }
    for (const [id, rule] of Object.entries(isObject(data.findings) ? data.findings : {})) {
        const suppress = isObject(rule) ? rule.suppress : undefined;
        const list = suppress === undefined ? [] : Array.isArray(suppress) ? suppress : [suppress];
        list.forEach((s, i) => {
            const expires = isObject(s) ? s.expires : undefined;
            if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !checkDate(expires)) {
                const path = ['findings', id, 'suppress', ...(Array.isArray(suppress) ? [String(i)] : []), 'expires'];
                out.push({ path, atKey: false, keyword: 'semantic', message: `${expires} is not a calendar date` });
            }
        });
    }
    return out;
}
/**
 * The keys that repeat an earlier key of the same mapping (YAML 1.2 §3.2.1.1: keys are unique), compared as
 * yaml's `uniqueKeys` does (scalars by value), and the keys that are not scalars, with the offset of the key. One
 * Set per mapping and an explicit stack instead of recursion: linear in the number of nodes, whatever the
 * nesting depth.
 */
function duplicateKeys(root) {
    const out = [];
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop();
        if ((0,dist/* isMap */.jh)(node)) {
            const seen = new Set();
            for (const pair of node.items) {
                if ((0,dist/* isScalar */.jn)(pair.key)) {
                    if (seen.has(pair.key.value))
                        out.push({ pos: pair.key.range?.[0] ?? 0, message: 'Map keys must be unique' });
                    seen.add(pair.key.value);
                }
                else if (pair.key !== null) {
                    // a mapping or sequence as a key: no policy key is one, and turning it into a string for toJS is
                    // exponential in its nesting (a line of 400 "{" took minutes)
                    out.push({
                        pos: pair.key.range?.[0] ?? 0,
                        message: 'Keys must be plain scalars (text or numbers)',
                    });
                }
                stack.push(pair.value);
            }
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            for (const item of node.items)
                stack.push(item);
        }
    }
    return out;
}
/**
 * Parses and validates policy text.
 *
 * @param text - the file content (YAML or JSON).
 * @param options.file - the name shown in issues (default `policy`).
 * @returns the {@link LoadedPolicy}; warnings list finding ids that are not in the catalog.
 * @throws {@link PolicyError} listing every syntax or schema problem with its line and key path.
 */
function parsePolicy(text, options = {}) {
    const file = options.file ?? 'policy';
    const counter = new dist/* LineCounter */.HN();
    // yaml's own unique-key check compares each key with every earlier key of its map (quadratic: a policy with
    // 200k domains never finished loading); duplicateKeys does the same check with one Set per map.
    // Each syntax error is an Error whose stack the yaml library captures: a file of 60k stray "]" took 4.5 s
    // (40k: 2 s; 0.3 s without stacks). Nothing reads those stacks, so none are captured while parsing.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let doc;
    try {
        // logLevel 'error': yaml's warnings (process.emitWarning) would reach the user's terminal; what they warn about
        // (e.g. a collection as a key) is refused below as a policy error with its line.
        doc = (0,dist/* parseDocument */.Tp)(text, {
            lineCounter: counter,
            prettyErrors: false,
            uniqueKeys: false,
            logLevel: 'error',
        });
    }
    finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
    const errors = [
        // Resource exhaustion (deep nesting) is reported once, at its first line.
        ...doc.errors
            .filter((e, i, all) => e.code !== 'RESOURCE_EXHAUSTION' || i === all.findIndex((x) => x.code === e.code))
            .map((e) => ({
            pos: e.pos[0],
            message: e.code === 'RESOURCE_EXHAUSTION'
                ? `nested too deeply to read (${e.message.split('\n')[0]}); a policy needs a few levels`
                : (e.message.split('\n')[0] ?? e.message),
        })),
        ...duplicateKeys(doc.contents),
    ].sort((a, b) => a.pos - b.pos);
    if (errors.length > 0) {
        throw new PolicyError(errors.map((e) => ({ file, line: counter.linePos(e.pos).line, path: '', message: e.message })));
    }
    // Unresolved aliases, alias cycles and bombs, deep nesting: policy errors with a line, checked before toJS.
    const shape = checkYamlShape(doc, counter);
    if (shape)
        throw new PolicyError([{ file, line: shape.line, path: '', message: shape.message }]);
    const findLine = lineFinder(doc.contents, counter);
    const issue = (r) => ({
        file,
        line: findLine(r.path, r.atKey) ?? 1,
        path: dotted(r.path),
        message: r.message,
    });
    // checkYamlShape bounded what aliases expand to, so yaml's own alias-count heuristic (which refuses an anchor
    // used more than 100 times) is off.
    const data = (doc.toJS({ maxAliasCount: -1 }) ?? {});
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new PolicyError([{ file, line: 1, path: '', message: 'must be a mapping of keys to values' }]);
    }
    const validate = compile();
    const schemaIssues = validate(data) ? [] : simplify(validate.errors ?? []);
    // One message per value: a schema problem at a path wins over a semantic one there.
    const reported = new Set(schemaIssues.map((r) => r.path.join('\u0000')));
    const semantic = semanticIssues(data).filter((r) => !reported.has(r.path.join('\u0000')));
    if (schemaIssues.length > 0 || semantic.length > 0) {
        const issues = [...schemaIssues, ...semantic].map(issue);
        issues.sort((a, b) => a.line - b.line || a.path.localeCompare(b.path, 'en', { numeric: true }));
        throw new PolicyError(issues);
    }
    const policy = data;
    const known = new Set(FINDINGS_CATALOG.map((d) => d.id));
    const warnings = Object.keys(policy.findings ?? {})
        .filter((id) => !known.has(id))
        .map((id) => ({
        file,
        line: findLine(['findings', id], true) ?? 1,
        path: `findings.${id}`,
        message: `no finding with this id in the catalog${suggestion(id, [...known])}; the rule has no effect`,
    }));
    return { policy, file, warnings, lineOf: (path) => findLine(path) };
}
/**
 * Reads and validates a policy file.
 *
 * @param path - the file path; also the name shown in issues.
 * @throws {@link PolicyError} when the file cannot be read (with the fs error code) or is invalid.
 */
async function loadPolicy(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        const code = e.code ?? String(e);
        throw new PolicyError([{ file: path, line: 0, path: '', message: `cannot read the policy file (${code})` }], `cannot read the policy file ${path} (${code})`);
    }
    return parsePolicy(text, { file: path });
}

;// CONCATENATED MODULE: ./lib/dns/limit.js
/**
 * A {@link Resolver} that keeps at most `max` questions in flight to the resolver it wraps; later questions wait
 * their turn (first come, first served). A question whose `signal` aborts while it waits leaves the queue and is
 * never sent; one in flight is cancelled through the signal, which is passed on. A batch of domains, each asking several questions at once (DKIM selector
 * probes, MX hosts, reverse DNS), would otherwise send bursts of hundreds of UDP queries: more than a socket
 * buffer or a public resolver's rate limit takes, so answers get lost and turn into timeouts.
 *
 * @module
 */

/**
 * Wraps `inner` so that at most `max` of its queries run at the same time.
 * @throws RangeError when `max` is not a positive integer.
 */
function limitedResolver(inner, max) {
    if (!Number.isInteger(max) || max < 1)
        throw new RangeError(`max must be a positive integer (got ${max})`);
    let running = 0;
    const waiting = [];
    const release = () => {
        running--;
        const next = waiting.shift();
        if (next) {
            running++;
            next();
        }
    };
    return {
        ...(inner.offline ? { offline: true } : {}),
        async query(name, type, options = {}) {
            const { signal } = options;
            if (signal?.aborted)
                return cancelled(name, type, signal);
            if (running < max)
                running++;
            else {
                // wait for a turn; a question cancelled while waiting leaves the queue and is never sent
                const turn = await new Promise((resolve) => {
                    const go = () => {
                        signal?.removeEventListener('abort', onAbort);
                        resolve(true);
                    };
                    const onAbort = () => {
                        const i = waiting.indexOf(go);
                        if (i >= 0)
                            waiting.splice(i, 1);
                        resolve(false);
                    };
                    signal?.addEventListener('abort', onAbort, { once: true });
                    waiting.push(go);
                });
                if (!turn)
                    return cancelled(name, type, signal);
            }
            try {
                return await resolver_queryOrServfail(inner, name, type, signal ? { signal } : {});
            }
            finally {
                release();
            }
        },
    };
}

;// CONCATENATED MODULE: ./lib/audit/batch.js
/**
 * `auditDomains`: audits a list of domains with bounded concurrency, one shared DNS cache (so common includes
 * such as `_spf.google.com` are asked once for the whole batch), a per-domain time limit, and results delivered
 * in input order as they become available.
 *
 * @module
 */



/** Default number of domains audited at the same time. */
const DEFAULT_CONCURRENCY = 16;
/** Default number of DNS questions in flight to the resolver at the same time, for the whole batch. */
const DEFAULT_MAX_QUERIES_IN_FLIGHT = 64;
/** Default time limit per domain, in milliseconds. */
const DEFAULT_TIMEOUT_MS_PER_DOMAIN = 60_000;
/** After the time limit, how long a domain's audit may take to wind down before it is abandoned, in ms. */
const GRACE_MS = 5_000;
function checkPositiveInt(value, name) {
    if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${name} must be a positive integer (got ${value})`);
    return value;
}
/**
 * Audits every domain of `domains` with `auditDomain` (same options), sharing one DNS cache.
 *
 * - At most `concurrency` domains are in progress, and at most `maxQueriesInFlight` questions are sent, at any time.
 * - Each domain's report is what `auditDomain` alone would return (its `dns` counts are its own questions); the
 *   batch's `dns` counts what was sent to `options.resolver` for the whole batch, and what the shared cache
 *   answered.
 * - `onResult` receives the entries in input order. Invalid names become `invalid-domain` entries; nothing
 *   is thrown for a domain.
 *
 * @throws RangeError when `concurrency`, `maxQueriesInFlight`, `timeoutMsPerDomain` or `indexes` is invalid;
 *   `InvalidAuditOptionError` (see `validateAuditOptions`) for a missing resolver or a bad selector, mode or limit,
 *   before any domain is audited.
 */
async function auditDomains(domains, options) {
    validateAuditOptions(options);
    if (!Array.isArray(domains))
        throw new TypeError('auditDomains: domains must be an array of strings');
    const concurrency = checkPositiveInt(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency');
    const timeoutMs = checkPositiveInt(options.timeoutMsPerDomain ?? DEFAULT_TIMEOUT_MS_PER_DOMAIN, 'timeoutMsPerDomain');
    const indexes = options.indexes ?? domains.map((_, i) => i);
    if (indexes.length !== domains.length)
        throw new RangeError('indexes must have one entry per domain');
    const maxInFlight = checkPositiveInt(options.maxQueriesInFlight ?? DEFAULT_MAX_QUERIES_IN_FLIGHT, 'maxQueriesInFlight');
    const { concurrency: _c, timeoutMsPerDomain: _t, maxQueriesInFlight: _m, onResult, onProgress, indexes: _i, domainSelectors, ...auditOptions } = options;
    const shared = cachedResolver(limitedResolver(options.resolver, maxInFlight));
    // `selectors` plus the domain's own.
    const selectorsOf = (domain) => domainSelectors
        ? { selectors: [...new Set([...(options.selectors ?? []), ...domainSelectors(domain)])] }
        : {};
    const startedAt = new Date();
    const started = performance.now();
    const entries = new Array(domains.length);
    let next = 0;
    let done = 0;
    let emitted = 0;
    let emitting = Promise.resolve();
    const auditOne = async (position) => {
        const domain = domains[position];
        const index = indexes[position];
        const controller = new AbortController();
        let limit;
        let grace;
        const abandoned = new Promise((resolve) => {
            limit = setTimeout(() => {
                controller.abort(`time limit of ${timeoutMs} ms reached`);
                grace = setTimeout(() => resolve({
                    index,
                    domain,
                    error: {
                        kind: 'timeout',
                        message: `${domain}: the audit did not finish within ${timeoutMs} ms (+${GRACE_MS} ms)`,
                    },
                }), GRACE_MS);
            }, timeoutMs);
        });
        // Started in a `then`, so that anything thrown (also by `domainSelectors`) is this domain's error entry.
        const audited = Promise.resolve(domain)
            .then((d) => auditDomain(d, { ...auditOptions, ...selectorsOf(d), resolver: shared, signal: controller.signal }))
            .then((report) => ({ index, domain, report }), (err) => err instanceof InvalidDomainError
            ? { index, domain, error: { kind: 'invalid-domain', message: err.message } }
            : {
                index,
                domain,
                error: {
                    kind: 'internal',
                    message: `${domain}: ${err instanceof Error ? err.message : String(err)}`,
                },
            });
        try {
            return await Promise.race([audited, abandoned]);
        }
        finally {
            clearTimeout(limit);
            clearTimeout(grace);
        }
    };
    const flush = () => {
        emitting = emitting.then(async () => {
            while (emitted < entries.length && entries[emitted] !== undefined) {
                const entry = entries[emitted];
                emitted++;
                if (onResult)
                    await onResult(entry);
            }
        });
        return emitting;
    };
    const worker = async () => {
        while (next < domains.length) {
            const position = next++;
            entries[position] = await auditOne(position);
            done++;
            onProgress?.(done, domains.length);
            await flush();
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, domains.length) }, worker));
    await flush();
    return {
        entries,
        dns: shared.stats(),
        startedAt: startedAt.toISOString(),
        elapsedMs: Math.round(performance.now() - started),
    };
}

;// CONCATENATED MODULE: ./lib/audit/view.js
/**
 * The read model of a {@link DomainReport}: the facts the tables, the CSV row, the policy gate and the pull-request
 * gate need (the SPF record and its include tree with the cost of every term, the DMARC record and where it was
 * found, each DKIM selector with its key size, a row per optional section), read from the report's protocol
 * sections in one place so that renderers do not each depend on the section types.
 *
 * Every section already says whether its record was read in one vocabulary ({@link RecordStatus}, set by the
 * protocol where it reads the record, with a `statusDetail` for its particular cases): this module copies it,
 * it translates nothing.
 *
 * All text here is untrusted DNS text: renderers escape it.
 *
 * @module
 */

/** True when the report has a DNS-trouble finding (see `isDnsTrouble`) for `area` (`spf`, `dmarc`, `dkim`...). */
function hasTrouble(findings, area) {
    return findings.some((f) => f.id.startsWith(`${area}.`) && isDnsTrouble(f));
}
/**
 * A section's state in one word for tables and CSV cells: its `statusDetail` when it has one (`null-mx`,
 * `nxdomain`, `policy-not-fetched`, `declined`), else its {@link RecordStatus}; undefined for a skipped section.
 */
function sectionState(section) {
    return section ? (section.statusDetail ?? section.status) : undefined;
}
/** `found` or `invalid`: the record is there, so its tree, costs and networks mean something. */
const readable = (status) => status === 'found' || status === 'invalid';
function spfView(analysis, findings) {
    const tree = analysis.tree;
    const view = { status: analysis.status, includes: [] };
    if (analysis.record !== null)
        view.record = analysis.record;
    const source = tree?.source ??
        findings.find((f) => f.id.startsWith('spf.') && f.evidence?.source && f.evidence.name === analysis.domain)
            ?.evidence?.source;
    if (source)
        view.source = source;
    if (tree && readable(analysis.status)) {
        view.lookups = analysis.lookups;
        view.voidLookups = analysis.voidLookups;
        view.allQualifier = effectiveAll(tree);
        view.includes = passIncludes(tree);
    }
    if (tree)
        view.tree = viewSpfTree(tree);
    return view;
}
/** The qualifier of the `all` that ends the policy: the root record's, or its redirect target's (RFC 7208 §6.1). */
function effectiveAll(node) {
    for (let n = node, hops = 0; n && hops < 12; hops++) {
        const all = n.terms.find((t) => t.kind === 'mechanism' && t.name === 'all' && t.reached);
        if (all)
            return (all.qualifier ?? '+');
        const redirect = n.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect' && t.reached);
        n = redirect?.child !== undefined ? n.children[redirect.child] : undefined;
    }
    return undefined;
}
/** Domains reached through a `+include` from the policy's root chain (root and redirect targets), recursively. */
function passIncludes(root) {
    const out = new Set();
    const walk = (n, depth) => {
        if (depth > 20)
            return;
        for (const t of n.terms) {
            if (!t.reached || t.child === undefined)
                continue;
            const child = n.children[t.child];
            if (!child)
                continue;
            if (t.kind === 'mechanism' && t.name === 'include' && (t.qualifier ?? '+') === '+') {
                out.add(child.domain.toLowerCase());
                walk(child, depth + 1);
            }
            else if (t.kind === 'modifier' && t.name === 'redirect') {
                walk(child, depth + 1);
            }
        }
    };
    walk(root, 0);
    return [...out];
}
/**
 * The {@link SpfTreeView} of an SPF include tree (`SpfAudit.tree`, also the `spf` command's analysis): every
 * node with its costs and terms, and how it was reached.
 */
function viewSpfTree(node, qualifier) {
    const v = {
        domain: node.domain,
        via: node.via,
        status: node.status,
        lookups: node.ownLookups,
        totalLookups: node.lookups,
        voidLookups: node.subtreeVoidLookups,
        terms: node.terms,
        children: [],
    };
    if (node.viaTerm !== undefined)
        v.viaTerm = node.viaTerm;
    if (qualifier !== undefined)
        v.qualifier = qualifier;
    if (node.record !== undefined)
        v.record = node.record;
    if (node.records !== undefined)
        v.records = node.records;
    if (node.detail !== undefined && node.status !== 'found')
        v.detail = node.detail;
    node.children.forEach((child, i) => {
        const term = node.terms.find((t) => t.child === i);
        v.children.push(viewSpfTree(child, child.via === 'include' ? (term?.qualifier ?? '+') : undefined));
    });
    return v;
}
function dkimView(audit) {
    return audit.selectors.map((s) => {
        const rec = s.records.find((r) => r.errors.length === 0 && !r.revoked) ?? s.records[0];
        const v = { selector: s.selector, name: s.name, status: s.status };
        if (s.statusDetail)
            v.statusDetail = s.statusDetail;
        if (rec) {
            v.record = rec.text;
            v.keyType = rec.keyType ?? rec.k;
            if (rec.bits !== undefined)
                v.bits = rec.bits;
            if (rec.source)
                v.source = rec.source;
            if (rec.t.includes('y'))
                v.testing = true;
        }
        return v;
    });
}
function extras(report) {
    const out = [];
    const d = report.domain;
    const row = (label, name, section, rec, detail) => {
        const r = { label, name, status: section.status };
        if (section.statusDetail)
            r.statusDetail = section.statusDetail;
        if (rec) {
            r.record = rec.text;
            if (rec.source)
                r.source = rec.source;
        }
        if (detail)
            r.detail = detail;
        out.push(r);
    };
    if (report.mx) {
        const mx = report.mx;
        const hosts = mx.hosts.map((h) => `${h.priority} ${h.exchange}`).join(', ');
        const record = mx.nullMx && mx.hosts.length === 0 ? '0 .' : hosts;
        const detail = mx.nullMx
            ? 'null MX: receives no mail'
            : mx.hosts.length
                ? `${mx.hosts.length} host${mx.hosts.length === 1 ? '' : 's'}`
                : undefined;
        row('MX', d, mx, record ? { text: record, ...(mx.hosts[0]?.source ? { source: mx.hosts[0].source } : {}) } : null, detail);
    }
    if (report.mtaSts) {
        const m = report.mtaSts;
        row('MTA-STS', m.record?.name ?? `_mta-sts.${d}`, m, m.record, m.mode ? `mode ${m.mode}` : m.statusDetail === 'policy-not-fetched' ? 'policy not fetched' : undefined);
    }
    if (report.tlsRpt) {
        const t = report.tlsRpt;
        row('TLS-RPT', t.record?.name ?? `_smtp._tls.${d}`, t, t.record);
    }
    if (report.bimi) {
        const b = report.bimi;
        row('BIMI', b.record?.name ?? `${b.selector}._bimi.${d}`, b, b.record, b.statusDetail === 'declined' ? 'declined (empty l= and a=)' : undefined);
    }
    return out;
}
function dmarcView(audit) {
    const d = audit.discovery;
    const view = { status: audit.status, rua: [], ruf: [] };
    if (audit.recordName)
        view.name = audit.recordName;
    if (audit.record)
        view.record = audit.record.text;
    if (audit.source && audit.source !== 'domain')
        view.inherited = true;
    const lookup = d.lookups.find((l) => l.name === audit.recordName && l.outcome === 'record');
    if (lookup?.recordSource)
        view.source = { file: lookup.recordSource.file, line: lookup.recordSource.line };
    const published = audit.record?.published;
    const eff = audit.effective;
    if (eff) {
        // The policy for the domain itself: its own p=, or the inherited record's sp=/np= (RFC 9989 §4.10.1).
        view.p = audit.policy ?? eff.p;
        view.sp = eff.sp;
        view.np = eff.np;
        view.adkim = eff.adkim;
        view.aspf = eff.aspf;
        view.rua = eff.rua.filter((u) => u.valid).map((u) => u.uri);
        view.ruf = eff.ruf.filter((u) => u.valid).map((u) => u.uri);
    }
    else if (published) {
        if (published.p)
            view.p = published.p;
        if (published.sp)
            view.sp = published.sp;
        if (published.np)
            view.np = published.np;
        if (published.adkim)
            view.adkim = published.adkim;
        if (published.aspf)
            view.aspf = published.aspf;
        view.rua = (published.rua ?? []).filter((u) => u.valid).map((u) => u.uri);
        view.ruf = (published.ruf ?? []).filter((u) => u.valid).map((u) => u.uri);
    }
    return view;
}
/** Builds the {@link ReportView} of a report. */
function viewReport(report) {
    const view = {
        domain: report.domain,
        spf: spfView(report.spf, report.findings),
        dmarc: dmarcView(report.dmarc),
        dkim: dkimView(report.dkim),
        extras: extras(report),
    };
    const unchecked = report.dkim.discovery?.unchecked ?? [];
    if (unchecked.length > 0) {
        view.dkimUnchecked = {
            count: unchecked.length,
            probed: report.dkim.discovery?.probed.length ?? unchecked.length,
            kinds: [...new Set(unchecked.map((u) => u.kind))],
        };
    }
    if (report.mtaSts) {
        const m = report.mtaSts;
        view.mtaSts = { status: m.status };
        if (m.statusDetail)
            view.mtaSts.statusDetail = m.statusDetail;
        if (m.mode)
            view.mtaSts.mode = m.mode;
    }
    return view;
}

;// CONCATENATED MODULE: ./lib/policy/gate/rules.js
/**
 * The gate's rule bookkeeping: the list a domain's checks add their {@link RuleResult}s to, the `policy.*`
 * finding of a rule that did not pass, and {@link checkRecordRule}, the one shape shared by every rule that
 * reads a value of a record (SPF `all` and lookup count; DMARC `p`/`sp`/`np`, `rua`, alignment): DNS trouble
 * is `undetermined`, a missing or unusable record is `fail`, otherwise the value is compared.
 *
 * @module
 */

/** The rule results of one domain, in the order the checks add them. */
class RuleSet {
    domain;
    pathOf;
    /** The results added so far. */
    results = [];
    /**
     * @param domain the audited domain, copied into every result
     * @param pathOf locates a `(section, key)` in the policy file (see `pathResolver`)
     */
    constructor(domain, pathOf) {
        this.domain = domain;
        this.pathOf = pathOf;
    }
    /** Adds one result for this domain. */
    add(r) {
        this.results.push({ domain: this.domain, ...r });
    }
}
/** The id of the findings a factory makes (`policy.spf-all`). */
function idOf(factory) {
    return factory('').id;
}
/**
 * A policy rule that failed or could not be checked, as a finding (so SARIF and annotations show it): the
 * rule's own finding (severity `error`) for `fail`; for `undetermined`, its `-undetermined` counterpart
 * (`policy.dmarc-policy-undetermined`, severity `warning`, titled "... could not be checked").
 * @returns the finding, or undefined for `pass` (and `suppressed`, which policy rules never are).
 */
function policyFinding(factory, domain, message, outcome, evidence) {
    if (outcome === 'pass' || outcome === 'suppressed')
        return undefined;
    if (outcome === 'undetermined') {
        // Every rule that can be undetermined has its `-undetermined` finding (warning, from the catalog).
        const undetermined = UNDETERMINED_FINDING[idOf(factory)] ?? factory;
        return undetermined(message, evidence, { domain });
    }
    return factory(message, evidence, { domain });
}
/** Adds a policy rule's result, with its `policy.*` finding when it did not pass. */
function addPolicyRule(set, rule) {
    const finding = policyFinding(rule.factory, set.domain, rule.message, rule.outcome, rule.evidence);
    set.add({
        rule: rule.rule,
        id: finding?.id ?? idOf(rule.factory),
        outcome: rule.outcome,
        message: rule.message,
        ...(rule.expected !== undefined ? { expected: rule.expected } : {}),
        ...(rule.actual !== undefined ? { actual: rule.actual } : {}),
        policyPath: set.pathOf(rule.section, rule.key, rule.subKey),
        ...(finding ? { finding } : {}),
        ...(rule.inexact ? { inexact: true } : {}),
    });
}
/**
 * Checks one rule over a record value: `undetermined` on DNS trouble (never a pass), `fail` when the record is
 * missing (with `<requirement>, but <problem>` and the record status as `actual`), else the comparison.
 */
function checkRecordRule(ctx, state, rule) {
    const base = {
        rule: `${ctx.section}.${rule.key}`,
        section: ctx.section,
        key: rule.key,
        ...(rule.subKey !== undefined ? { subKey: rule.subKey } : {}),
        evidence: ctx.evidence,
        expected: rule.expected,
    };
    switch (state.kind) {
        case 'trouble':
            addPolicyRule(ctx.set, {
                ...base,
                outcome: 'undetermined',
                message: state.why !== undefined ? `${rule.requirement}, but ${state.why}` : rule.troubleMessage,
                factory: rule.factory,
            });
            return;
        case 'missing':
            addPolicyRule(ctx.set, {
                ...base,
                outcome: 'fail',
                message: `${rule.requirement}, but ${state.problem}`,
                factory: ctx.missingFactory ?? rule.factory,
                actual: state.status,
            });
            return;
        case 'found': {
            const c = rule.compare();
            addPolicyRule(ctx.set, {
                ...base,
                outcome: c.ok ? 'pass' : 'fail',
                message: c.message,
                factory: rule.factory,
                actual: c.actual,
            });
        }
    }
}

;// CONCATENATED MODULE: ./lib/policy/gate/dkim.js
/**
 * The gate's DKIM rules: required selectors must have a key record at `<selector>._domainkey.<domain>` (RFC 6376
 * §3.6.2.1) that can verify a signature verifiers accept (not revoked, a known `k=`, `h=` allowing sha256, RSA
 * of 1024 bits or more: RFC 8301), and RSA keys must be at least `min-key-bits` long (RFC 8301 §3.2; Ed25519
 * keys, RFC 8463, are not measured in RSA bits and are skipped).
 *
 * @module
 */



/** What is wrong with a DKIM selector that has no usable key, as a clause; `status` is the audit's, if any. */
function dkimProblem(name, status) {
    switch (status) {
        case undefined:
            return 'the audit did not check this selector';
        case 'none':
            return `there is no key record at ${name}`;
        case 'revoked':
            return `the key at ${name} is revoked (empty p=)`;
        case 'invalid':
            return `the record at ${name} is not a usable DKIM key record`;
        case 'multiple':
            return `${name} has more than one key record`;
        default:
            return `the key record at ${name} is ${status}`;
    }
}
/**
 * Why a key record cannot verify any signature a verifier accepts, as a clause, or undefined when it can:
 * - a record with errors (RFC 6376 §6.1.2 step 5: ignored): an unknown `k=` (RFC 6376 §3.6.1 knows `rsa`, RFC
 *   8463 adds `ed25519`), malformed `p=`, wrong `v=` or `s=`...;
 * - a revoked key (empty `p=`, RFC 6376 §3.6.1);
 * - `h=` without `sha256`: the key may only be used with the hashes listed, and verifiers must not accept
 *   rsa-sha1 (RFC 8301 §3.1); ed25519-sha256 (RFC 8463) and rsa-sha256 both need sha256;
 * - an RSA key under 1024 bits, which verifiers must not accept (RFC 8301 §3.2).
 * @returns the clause and a short code for `actual` (`revoked`, `h=sha1`, `k=foo`, `512 bits`, `invalid`).
 */
function unusableKey(name, r) {
    if (r.revoked)
        return { clause: `the key at ${name} is revoked (empty p=)`, code: 'revoked' };
    const unknownType = r.errors.find((e) => e.startsWith('unknown key type'));
    if (unknownType) {
        return {
            clause: `the key record at ${name} has an ${unknownType}, which verifiers cannot use (RFC 6376 §3.6.1 defines rsa, RFC 8463 ed25519)`,
            code: `k=${r.k}`,
        };
    }
    if (r.errors.length > 0) {
        return { clause: `the key record at ${name} is not usable: ${r.errors.join('; ')}`, code: 'invalid' };
    }
    if (r.h !== undefined && !r.h.includes('sha256')) {
        return {
            clause: `the key at ${name} allows only h=${r.h.join(':')}, and verifiers must not accept rsa-sha1 signatures (RFC 8301 §3.1), so no acceptable signature can verify with it`,
            code: `h=${r.h.join(':')}`,
        };
    }
    if (r.keyType === 'rsa' && r.bits !== undefined && r.bits < 1024) {
        return {
            clause: `the RSA key at ${name} has ${r.bits} bits, and verifiers must not accept signatures made with keys under 1024 bits (RFC 8301 §3.2)`,
            code: `${r.bits} bits`,
        };
    }
    return undefined;
}
/**
 * The selector's usable key record, or why there is none: `undetermined` when its lookup failed with DNS
 * trouble (or it was not audited while DKIM lookups failed).
 */
function selectorState(audit, name, areaTrouble) {
    if (!audit) {
        return areaTrouble
            ? { outcome: 'undetermined', actual: 'not checked' }
            : { outcome: 'fail', clause: dkimProblem(name, undefined), actual: 'not checked' };
    }
    if (audit.status === 'dns-error') {
        return { outcome: 'undetermined', actual: 'dns-error' };
    }
    if (audit.records.length === 0) {
        return { outcome: 'fail', clause: dkimProblem(name, 'none'), actual: 'none' };
    }
    const problems = audit.records.map((r) => ({ r, problem: unusableKey(name, r) }));
    const usable = problems.find((p) => p.problem === undefined);
    if (usable)
        return { outcome: 'pass', actual: 'found', record: usable.r };
    if (problems.length === 1) {
        const only = problems[0];
        return { outcome: 'fail', clause: only.problem.clause, actual: only.problem.code, record: only.r };
    }
    return {
        outcome: 'fail',
        clause: `none of the ${problems.length} key records at ${name} is usable: ${problems.map((p) => p.problem.clause).join('; ')}`,
        actual: problems.map((p) => p.problem.code).join(', '),
        record: problems[0].r,
    };
}
/**
 * Checks the `dkim` section of a domain's rules: one result per required selector, which passes only with a
 * key record a verifier can use (see {@link unusableKey}; `undetermined` when its record could not be read,
 * or it was not audited while DKIM lookups failed), and one per found RSA key for `min-key-bits` (bits of the
 * modulus).
 */
function checkDkim(view, rules, set, report) {
    const dkim = rules.dkim;
    if (!dkim)
        return;
    const areaTrouble = hasTrouble(report.findings, 'dkim');
    for (const selector of dkim.selectors ?? []) {
        const audit = report.dkim.selectors.find((x) => x.selector.toLowerCase() === selector.toLowerCase());
        const name = audit?.name ?? `${selector}._domainkey.${view.domain}`;
        const st = selectorState(audit, name, areaTrouble);
        const message = st.outcome === 'undetermined'
            ? `The policy requires a usable DKIM key for selector ${selector} of ${view.domain}, but the key record at ${name} could not be read (${audit?.dnsError ? `DNS ${audit.dnsError}` : 'DNS errors kept the audit from checking it'})`
            : st.outcome === 'pass'
                ? `DKIM key found at ${name}`
                : `The policy requires a usable DKIM key for selector ${selector} of ${view.domain}, but ${st.clause}`;
        const record = st.record ?? audit?.records[0];
        addPolicyRule(set, {
            rule: 'dkim.selectors',
            section: 'dkim',
            key: 'selectors',
            outcome: st.outcome,
            message,
            factory: POLICY_FINDINGS.dkimSelector,
            evidence: {
                name,
                ...(record ? { record: record.text } : {}),
                ...(record?.source ? { source: record.source } : {}),
            },
            expected: selector,
            actual: st.actual,
        });
    }
    const min = dkim['min-key-bits'];
    if (min === undefined)
        return;
    for (const s of view.dkim.filter((x) => x.status === 'found')) {
        if (s.keyType === 'ed25519')
            continue;
        const ok = s.bits !== undefined && s.bits >= min;
        addPolicyRule(set, {
            rule: 'dkim.min-key-bits',
            section: 'dkim',
            key: 'min-key-bits',
            outcome: ok ? 'pass' : 'fail',
            message: ok
                ? `DKIM key ${s.selector}: ${s.bits} bits (minimum ${min})`
                : `DKIM key ${s.selector} of ${view.domain} is ${s.bits ?? 'of unknown size'}${s.bits !== undefined ? ' bits' : ''}; the policy requires at least ${min} bits`,
            factory: POLICY_FINDINGS.dkimKeySize,
            evidence: {
                name: s.name,
                ...(s.record !== undefined ? { record: s.record } : {}),
                ...(s.source ? { source: s.source } : {}),
            },
            expected: `>= ${min}`,
            actual: s.bits !== undefined ? String(s.bits) : 'unknown',
        });
    }
}

;// CONCATENATED MODULE: ./lib/policy/gate/dmarc.js
/**
 * The gate's DMARC rules (RFC 9989): the policy for the domain (`p`), its subdomains (`sp`) and non-existent
 * subdomains (`np`), aggregate reports (`rua`) and identifier alignment modes (`adkim`/`aspf`).
 *
 * Each rule is decided from the audit's DMARC section ({@link DmarcAudit}) and is `undetermined` only when the
 * data IT needs could not be read:
 * - no record applies because discovery hit a TIMEOUT/SERVFAIL/REFUSED before one was found: every rule;
 * - a record was read: `sp`, `np`, `rua` and the alignment modes are its tags, known. A DNS error later in the
 *   Tree Walk (e.g. at `_dmarc.com` while looking for the Organizational Domain) does not change them: the
 *   Author Domain's own record applies regardless (RFC 9989 §4.10.1);
 * - `p` for a domain without a record of its own is the inherited record's `sp` or `np`, chosen by whether the
 *   domain exists (RFC 9989 §4.10.1, Appendix A.4): when that test failed with a DNS error and `sp` and `np`
 *   differ in outcome, `p` is undetermined.
 * DNS errors elsewhere in the DMARC audit (report destinations, the other RFC's discovery) stay `dmarc.dns-error`
 * finding rules of their own.
 *
 * @module
 */



const DMARC_STRENGTH = { none: 0, quarantine: 1, reject: 2 };
function atLeast(have, want) {
    return (DMARC_STRENGTH[have] ?? 0) >= (DMARC_STRENGTH[want] ?? 0);
}
/** What is wrong with a domain's DMARC record when it is not `found`, as a clause. */
function dmarcProblem(view) {
    const d = view.domain;
    const name = view.dmarc.name ?? `_dmarc.${d}`;
    switch (view.dmarc.status) {
        case 'none':
            return `no DMARC record was found for ${d} (at _dmarc.${d} or an Organizational Domain above it)`;
        case 'multiple':
            return `${name} has more than one DMARC record, so receivers apply no DMARC policy`;
        case 'invalid':
            return `the DMARC record at ${name} is not valid, so receivers apply no DMARC policy`;
        default:
            return `the DMARC record of ${d} is ${view.dmarc.status}`;
    }
}
/**
 * Why no DMARC record could be read for the domain, as a clause naming the query that failed, e.g.
 * `the DMARC record of example.com could not be read (DNS TIMEOUT for _dmarc.example.com)`.
 */
function dmarcTrouble(audit) {
    const d = audit.domain;
    const err = audit.discovery.error;
    if (!err)
        return `the DMARC record of ${d} could not be read (DNS error)`;
    const dns = `DNS ${err.kind} for ${err.name}`;
    if (err.name === `_dmarc.${d}`)
        return `the DMARC record of ${d} could not be read (${dns})`;
    return `${d} has no DMARC record of its own, and the record that applies to it could not be read (${dns})`;
}
/**
 * The tag of the applied record that a policy value came from, following the defaults of RFC 9989 §4.7: `sp`
 * is `sp=` else `p=`; `np` is `np=` else `sp=` else `p=` (RFC 7489 mode has no `np`: `sp=` else `p=`).
 */
function originTag(audit, tag) {
    const published = audit.record?.published;
    if (tag === 'p' || !published)
        return tag;
    if (tag === 'np' && published.np !== undefined && audit.mode === '9989')
        return 'np';
    return published.sp !== undefined ? 'sp' : 'p';
}
/**
 * The DNS failure kind of the DMARC audit's DNS-trouble finding about `name` (its `evidence.details.kind`, the
 * `.dns-error` convention every `auditDmarc` DNS finding follows), `error` if a finding lacks it, or undefined
 * when there is no such finding.
 */
function kindOf(audit, name) {
    const f = audit.findings.find((x) => isDnsTrouble(x) && x.evidence?.name?.toLowerCase() === name);
    if (!f)
        return undefined;
    const kind = f.evidence?.details?.kind;
    return typeof kind === 'string' ? kind : 'error';
}
function policyForDomain(audit) {
    const eff = audit.effective;
    if (!eff)
        return undefined;
    if (audit.source === 'domain')
        return { options: [{ value: eff.p, tag: 'p' }] };
    const sp = { value: eff.sp, tag: originTag(audit, 'sp') };
    const np = { value: eff.np, tag: originTag(audit, 'np') };
    if (audit.mode === '9989' && eff.np !== eff.sp) {
        // The existence test asks A (and CNAME) at the domain itself; a transient failure there leaves it unknown.
        const kind = kindOf(audit, audit.domain);
        if (kind !== undefined)
            return { options: [sp, np], unknownKind: kind };
        return { options: [audit.policySource === 'np' ? np : sp] };
    }
    return { options: [sp] };
}
/**
 * Checks the `dmarc` section of a domain's rules and adds one result per rule (two for `alignment`: DKIM and
 * SPF). `sp` defaults to `p`, and `np` to `sp` then `p` (RFC 9989 §4.7); a missing tag compares as its default.
 */
function checkDmarc(view, rules, set, report) {
    const dmarc = rules.dmarc;
    if (!dmarc)
        return;
    const audit = report.dmarc;
    const d = view.domain;
    const recordName = view.dmarc.name ?? `_dmarc.${d}`;
    const state = view.dmarc.status === 'dns-error'
        ? { kind: 'trouble', why: dmarcTrouble(audit) }
        : view.dmarc.status !== 'found'
            ? { kind: 'missing', status: view.dmarc.status, problem: dmarcProblem(view) }
            : { kind: 'found' };
    const ctx = {
        set,
        section: 'dmarc',
        missingFactory: POLICY_FINDINGS.dmarcRecord,
        evidence: {
            name: recordName,
            ...(view.dmarc.record !== undefined ? { record: view.dmarc.record } : {}),
            ...(view.dmarc.source ? { source: view.dmarc.source } : {}),
        },
    };
    const unreadable = `DMARC record of ${d} could not be read (DNS error)`;
    const inherited = audit.source !== null && audit.source !== 'domain';
    if (dmarc.p !== undefined)
        checkDomainPolicy(ctx, state, audit, d, recordName, dmarc.p);
    const effective = {
        sp: view.dmarc.sp ?? view.dmarc.p,
        np: view.dmarc.np ?? view.dmarc.sp ?? view.dmarc.p,
    };
    for (const tag of ['sp', 'np']) {
        const want = dmarc[tag];
        if (want === undefined)
            continue;
        const whose = tag === 'sp' ? `subdomains of ${d}` : `non-existent subdomains of ${d}`;
        checkRecordRule(ctx, state, {
            key: tag,
            factory: POLICY_FINDINGS.dmarcPolicy,
            expected: `${tag}=${want}`,
            troubleMessage: `DMARC policy of ${d} could not be read (DNS error)`,
            requirement: `The policy requires DMARC ${tag}=${want} or stronger for ${d}`,
            compare: () => {
                const have = effective[tag] ?? 'none';
                const ok = atLeast(have, want);
                const origin = `${originTag(audit, tag)}= of ${recordName}`;
                return {
                    ok,
                    actual: `${tag}=${have}`,
                    message: inherited
                        ? ok
                            ? `The DMARC policy that applies to ${whose} is ${have} (${origin}; required: ${want} or stronger)`
                            : `The DMARC policy that applies to ${whose} is ${have} (${origin}), weaker than the required ${want}`
                        : ok
                            ? `${tag}=${have} (required: ${want} or stronger)`
                            : `DMARC ${tag}=${have} for ${d} is weaker than the required ${want}`,
                };
            },
        });
    }
    if (dmarc.rua === true) {
        checkRecordRule(ctx, state, {
            key: 'rua',
            factory: POLICY_FINDINGS.dmarcRua,
            expected: 'rua=',
            troubleMessage: unreadable,
            requirement: `The policy requires a DMARC aggregate report address (rua=) for ${d}`,
            compare: () => {
                const ok = view.dmarc.rua.length > 0;
                return {
                    ok,
                    actual: ok ? view.dmarc.rua.join(',') : 'none',
                    message: ok
                        ? `rua=${view.dmarc.rua.join(',')}`
                        : `DMARC record ${inherited ? `${recordName}, which applies to ${d},` : `of ${d}`} has no rua= (aggregate reports)`,
                };
            },
        });
    }
    if (dmarc.alignment !== undefined) {
        const wanted = typeof dmarc.alignment === 'string' ? { dkim: dmarc.alignment, spf: dmarc.alignment } : dmarc.alignment;
        for (const id of ['dkim', 'spf']) {
            const want = wanted[id];
            if (want === undefined)
                continue;
            const tag = id === 'dkim' ? 'adkim' : 'aspf';
            const wantCode = want === 'strict' ? 's' : 'r';
            checkRecordRule(ctx, state, {
                key: 'alignment',
                subKey: id,
                factory: POLICY_FINDINGS.dmarcAlignment,
                expected: `${tag}=${wantCode}`,
                troubleMessage: unreadable,
                requirement: `The policy wants ${want} ${id === 'dkim' ? 'DKIM' : 'SPF'} alignment (${tag}=${wantCode}) for ${d}`,
                compare: () => {
                    const have = view.dmarc[tag] ?? 'r';
                    const ok = have === wantCode;
                    return {
                        ok,
                        actual: `${tag}=${have}`,
                        message: ok
                            ? `${tag}=${have} (${want} alignment)`
                            : `DMARC ${tag}=${have} for ${d}${inherited ? ` (${recordName})` : ''}; the policy wants ${want} alignment (${tag}=${wantCode})`,
                    };
                },
            });
        }
    }
}
/**
 * `dmarc.p`: the policy receivers apply to mail from the domain itself. For a domain with its own record that
 * is its `p=`; for an inherited record it is that record's `sp=` (or `np=` when the domain does not exist),
 * and the message names the tag and the record (`the policy that applies to sub.example.com is none (sp= of
 * _dmarc.example.com)`).
 */
function checkDomainPolicy(ctx, base, audit, d, recordName, want) {
    const value = base.kind === 'found' ? policyForDomain(audit) : undefined;
    const outcomes = value?.options.map((o) => atLeast(o.value, want)) ?? [];
    const split = value?.unknownKind !== undefined && new Set(outcomes).size > 1;
    const state = split
        ? {
            kind: 'trouble',
            why: `whether ${d} exists could not be determined (DNS ${value.unknownKind} for ${d}), so it is unknown whether ${value.options.map((o) => `${o.tag}=${o.value}`).join(' or ')} of ${recordName} applies to it`,
        }
        : base;
    checkRecordRule(ctx, state, {
        key: 'p',
        factory: POLICY_FINDINGS.dmarcPolicy,
        expected: `p=${want}`,
        troubleMessage: `DMARC policy of ${d} could not be read (DNS error)`,
        requirement: `The policy requires DMARC p=${want} or stronger for ${d}`,
        compare: () => {
            // Several options only when they agree (both pass or both fail): report the weakest.
            const options = [...(value?.options ?? [{ value: 'none', tag: 'p' }])].sort((a, b) => (DMARC_STRENGTH[a.value] ?? 0) - (DMARC_STRENGTH[b.value] ?? 0));
            const have = options[0];
            const ok = atLeast(have.value, want);
            if (audit.source === 'domain') {
                return {
                    ok,
                    actual: `p=${have.value}`,
                    message: ok
                        ? `p=${have.value} (required: ${want} or stronger)`
                        : `DMARC p=${have.value} for ${d} is weaker than the required ${want}`,
                };
            }
            const origin = options.length > 1
                ? `${options.map((o) => `${o.tag}=${o.value}`).join(' or ')} of ${recordName}, whichever applies`
                : `${have.tag}= of ${recordName}`;
            return {
                ok,
                actual: options.map((o) => `${o.tag}=${o.value}`).join(' or '),
                message: ok
                    ? `The DMARC policy that applies to ${d} is ${have.value} (${origin}; required: ${want} or stronger)`
                    : `The DMARC policy that applies to ${d} is ${have.value} (${origin}), weaker than the required ${want}`,
            };
        },
    });
}

;// CONCATENATED MODULE: ./lib/policy/gate/domain-rules.js
/**
 * Which rules of a policy apply to a domain, and where in the policy file each rule was written.
 *
 * @module
 */
/** A domain key as compared: lower-case, without a trailing dot. */
function domainKey(name) {
    return name.toLowerCase().replace(/\.$/, '');
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * Keys whose value may be written as a shorthand string for a mapping: `dmarc.alignment: strict` stands for
 * `{ dkim: strict, spf: strict }`. When a domain and the defaults both set such a key, the shorthand is expanded
 * first, so the two merge key by key.
 */
const SHORTHANDS = {
    'dmarc.alignment': (mode) => ({ dkim: mode, spf: mode }),
};
/**
 * Merges `own` over `base` key by key, at every depth: a mapping merges with a mapping, anything else (a
 * scalar, a list) replaces. `path` is the dotted key path of the two values (`dmarc`), for {@link SHORTHANDS}.
 */
function mergeMappings(base, own, path) {
    const out = { ...base };
    for (const [key, value] of Object.entries(own)) {
        if (value === undefined)
            continue;
        const at = `${path}.${key}`;
        let b = out[key];
        let o = value;
        const expand = SHORTHANDS[at];
        if (expand && b !== undefined && (isMapping(b) || isMapping(o))) {
            if (typeof b === 'string')
                b = expand(b);
            if (typeof o === 'string')
                o = expand(o);
        }
        out[key] = isMapping(b) && isMapping(o) ? mergeMappings(b, o, at) : o;
    }
    return out;
}
/**
 * The rules that apply to `domain`: `defaults`, overridden by `domains.<domain>` key by key at every depth. A
 * mapping (a section such as `dmarc`, or `dmarc.alignment` given per identifier) merges with the defaults'
 * mapping; a scalar or a list (`spf.authorize`, `dkim.selectors`) replaces the defaults' value. The shorthand
 * `alignment: strict` counts as `{ dkim: strict, spf: strict }` when the other side is a mapping, so
 * defaults `alignment: strict` with a domain's `alignment: { dkim: relaxed }` give `{ dkim: relaxed, spf: strict }`,
 * and a domain's `alignment: relaxed` sets both identifiers.
 * Domain keys match case-insensitively and with or without a trailing dot.
 * @returns `rules`, the merged policy (sections without keys are left out), and `key`, the policy-file key of
 *   the domain entry when there is one (as written, e.g. `Example.COM.`).
 */
function domainRules(policy, domain) {
    const want = domainKey(domain);
    const key = Object.keys(policy.domains ?? {}).find((k) => domainKey(k) === want);
    const own = key !== undefined ? policy.domains?.[key] : undefined;
    const base = policy.defaults ?? {};
    const rules = {};
    for (const section of ['spf', 'dmarc', 'dkim', 'mta-sts']) {
        const merged = mergeMappings((base[section] ?? {}), (own?.[section] ?? {}), section);
        if (Object.keys(merged).length > 0)
            rules[section] = merged;
    }
    return key !== undefined ? { rules: rules, key } : { rules: rules };
}
/**
 * Locates a policy key: in the domain's own entry when it sets it, else in `defaults` (`['defaults', section,
 * key]` when neither does). With `sub` (e.g. `dkim` of `alignment`), a key written as a mapping is located at
 * its `sub` entry (`[..., 'alignment', 'dkim']`) and counts only when that entry is set; a key written as a
 * shorthand string is located at the key itself.
 * @param domainEntry the policy-file key of the domain entry (from {@link domainRules}), if any
 */
function pathResolver(policy, domainEntry) {
    const locate = (prefix, rules, section, key, sub) => {
        const value = rules?.[section]?.[key];
        if (value === undefined)
            return undefined;
        if (sub !== undefined && isMapping(value)) {
            return value[sub] !== undefined ? [...prefix, section, key, sub] : undefined;
        }
        return [...prefix, section, key];
    };
    return (section, key, sub) => {
        const own = domainEntry !== undefined ? policy.domains?.[domainEntry] : undefined;
        return ((domainEntry !== undefined ? locate(['domains', domainEntry], own, section, key, sub) : undefined) ??
            locate(['defaults'], policy.defaults, section, key, sub) ?? ['defaults', section, key]);
    };
}

;// CONCATENATED MODULE: ./lib/policy/gate/mtasts.js
/**
 * The gate's MTA-STS rule (RFC 8461): the domain's policy must be in the required mode or a stronger one
 * (`none` < `testing` < `enforce`).
 *
 * @module
 */



const MTA_STS_STRENGTH = { none: 0, testing: 1, enforce: 2 };
/**
 * Why a domain has no MTA-STS mode, from its MTA-STS section, as a clause; `undetermined` when the mode could
 * not be learnt without it being the domain's fault (the policy file was not fetched).
 */
function mtaStsProblem(audit) {
    const name = audit.record?.name ?? `_mta-sts.${audit.domain}`;
    if (audit.statusDetail === 'policy-not-fetched')
        return {
            clause: `the MTA-STS policy file of ${audit.domain} was not fetched (HTTPS checks skipped), so its mode is unknown`,
            undetermined: true,
        };
    switch (audit.status) {
        case 'none':
            return { clause: `${audit.domain} publishes no MTA-STS record (no "v=STSv1" TXT record at ${name})` };
        case 'multiple':
            return { clause: `${name} has more than one "v=STSv1" record, so senders apply no MTA-STS policy` };
        case 'invalid': {
            if (audit.record?.id === null)
                return {
                    clause: `the MTA-STS record at ${name} is not valid (no usable id=), so senders apply no policy`,
                };
            const url = audit.policy?.url ?? `https://mta-sts.${audit.domain}/.well-known/mta-sts.txt`;
            if (audit.policy?.error)
                return {
                    clause: `the MTA-STS policy file ${url} could not be fetched (${audit.policy.error.message}), so senders apply no policy`,
                };
            const errors = audit.policy?.parsed?.errors ?? [];
            return {
                clause: `the MTA-STS policy file ${url} is not valid${errors.length ? ` (${errors.join('; ')})` : ''}, so senders apply no policy`,
            };
        }
        default:
            return { clause: `the MTA-STS policy of ${audit.domain} is ${audit.status}` };
    }
}
/**
 * Checks `mta-sts.mode`: `undetermined` when the report has no MTA-STS section, a DNS error kept the record or
 * policy file from being read, or the policy file was not fetched; `fail` for no valid policy or a weaker mode.
 */
function checkMtaSts(view, rules, set, report) {
    const want = rules['mta-sts']?.mode;
    if (want === undefined)
        return;
    let outcome;
    let message;
    let actual;
    const m = report.mtaSts;
    const required = `The policy requires MTA-STS mode ${want}${want === 'enforce' ? '' : ' or stronger'} for ${view.domain}`;
    if (!m) {
        outcome = 'undetermined';
        message = `${required}, but MTA-STS was not audited (this audit has no MTA-STS section)`;
    }
    else if (m.status === 'dns-error' ||
        hasTrouble(report.findings, 'mtasts') ||
        hasTrouble(report.findings, 'mta-sts')) {
        outcome = 'undetermined';
        message = `${required}, but its MTA-STS record or policy file could not be read (DNS error)`;
        actual = 'dns-error';
    }
    else if (m.status === 'found' && m.mode) {
        const have = m.mode;
        const ok = (MTA_STS_STRENGTH[have] ?? 0) >= (MTA_STS_STRENGTH[want] ?? 0);
        outcome = ok ? 'pass' : 'fail';
        message = ok
            ? `MTA-STS mode ${have} (required: ${want} or stronger)`
            : `${required}, but its MTA-STS policy has mode ${have}`;
        actual = `mode ${have}`;
    }
    else {
        const problem = mtaStsProblem(m);
        outcome = problem.undetermined ? 'undetermined' : 'fail';
        message = `${required}, but ${problem.clause}`;
        actual =
            m.statusDetail === 'policy-not-fetched'
                ? 'policy not fetched'
                : m.status === 'none'
                    ? 'no record'
                    : m.status;
    }
    addPolicyRule(set, {
        rule: 'mta-sts.mode',
        section: 'mta-sts',
        key: 'mode',
        outcome,
        message,
        factory: POLICY_FINDINGS.mtaStsMode,
        evidence: { name: `_mta-sts.${view.domain}` },
        expected: want,
        ...(actual !== undefined ? { actual } : {}),
    });
}

;// CONCATENATED MODULE: ./lib/policy/gate/spf-ranges.js
/**
 * Address arithmetic for `spf.authorize` networks: which address ranges a domain's SPF policy treats alike.
 *
 * check_host() (RFC 7208 §4) compares the client address only through the networks of the policy: `ip4`/`ip6`
 * terms (§5.6) and the addresses an `a`/`mx` term resolves to, with its cidr lengths (§5.3, §5.4). Every other
 * term matches the same way for every address of one IP version (`include`/`redirect` recurse into records of
 * the same kind; `all` always matches; an `exists` whose target does not use the client address asks one fixed
 * name). So the result is constant over each elementary range delimited by the first address and the address
 * after the last of every network in the include/redirect tree: checking one address per range decides the
 * whole network. The exceptions are {@link OpaqueTerm}s: `ptr` (reverse DNS of the client, §5.5), targets
 * using `%{i}`, `%{c}` or `%{p}` (§7.3), and terms whose networks the audit could not learn.
 *
 * An IPv4-mapped IPv6 client (`::ffff:0:0/96`) is checked as the IPv4 address (RFC 7208 §5), so an IPv6 entry
 * covering part of that block is cut at its edges and at the IPv4 networks mapped into it.
 *
 * @module
 */




/** The first IPv4-mapped IPv6 address, `::ffff:0.0.0.0`. */
const MAPPED_FIRST = 0xffffn << 32n;
const MAPPED_LAST = MAPPED_FIRST + 0xffffffffn;
/**
 * Macro letters whose value depends on the client address: `i` and `c` (the address), `p` (its validated name)
 * (RFC 7208 §7.3; `c` is only valid in explanations, listed for safety). `v` (`in-addr`/`ip6`) is constant
 * within a range, which never spans two IP versions.
 */
const CLIENT_LETTERS = new Set(['i', 'c', 'p']);
function toBigInt(bytes) {
    let v = 0n;
    for (const b of bytes)
        v = (v << 8n) | BigInt(b);
    return v;
}
function fromBigInt(v, version) {
    const out = new Array(version === 4 ? 4 : 16).fill(0);
    let x = v;
    for (let i = out.length - 1; i >= 0; i--) {
        out[i] = Number(x & 0xffn);
        x >>= 8n;
    }
    return out;
}
/** The range of a network: `bytes` of the address and the prefix length in bits (host bits ignored). */
function rangeOf(bytes, prefix) {
    const version = bytes.length === 4 ? 4 : 6;
    const hostBits = BigInt((version === 4 ? 32 : 128) - prefix);
    const first = (toBigInt(bytes) >> hostBits) << hostBits;
    return { version, first, last: first + (1n << hostBits) - 1n };
}
/**
 * The range of an `spf.authorize` address or network entry (`192.0.2.0/24` → 192.0.2.0..192.0.2.255; an address
 * is a range of one).
 * @throws RangeError when `entry` is not an address or network as `parseAuthorizeEntry` requires (`1.2.3`,
 *   `01.2.3.4`, `10.0.0.0/33`, `include:...`): no shorthand is ever expanded into another address.
 */
function entryRange(entry) {
    const parsed = parseAuthorizeEntry(entry);
    if ('error' in parsed)
        throw new RangeError(parsed.error);
    if (parsed.kind !== 'ip')
        throw new RangeError(`"${entry}" is not an IP address or network`);
    const bytes = ipaddr.parse(parsed.address).toByteArray();
    return rangeOf(bytes, parsed.prefix ?? bytes.length * 8);
}
/** An address of the range's version as text: dotted quad, RFC 5952 IPv6, `::ffff:a.b.c.d` for IPv4-mapped. */
function addressText(version, value) {
    if (version === 6 && value >= MAPPED_FIRST && value <= MAPPED_LAST) {
        return `::ffff:${addressText(4, value - MAPPED_FIRST)}`;
    }
    const addr = ipaddr.fromByteArray(fromBigInt(value, version));
    return addr.kind() === 'ipv6' ? addr.toRFC5952String() : addr.toString();
}
/** A range as text: one address, a CIDR network when it is one (`192.0.2.0/24`), else `first-last`. */
function rangeText(r) {
    if (r.first === r.last)
        return addressText(r.version, r.first);
    const size = r.last - r.first + 1n;
    const aligned = (size & (size - 1n)) === 0n && r.first % size === 0n;
    if (aligned) {
        const prefix = (r.version === 4 ? 32 : 128) - (size.toString(2).length - 1);
        return `${addressText(r.version, r.first)}/${prefix}`;
    }
    return `${addressText(r.version, r.first)}-${addressText(r.version, r.last)}`;
}
/**
 * First and last address of a network (`192.0.2.0/24` → `192.0.2.0`, `192.0.2.255`), or the address itself.
 * The gate no longer decides a network from these two addresses alone (see {@link elementaryRanges}); kept for
 * library users.
 * @throws RangeError when `entry` is not an address or network as `parseAuthorizeEntry` requires (`1.2.3`,
 *   `01.2.3.4`, `10.0.0.0/33`).
 */
function networkEnds(entry) {
    const r = entryRange(entry);
    const first = addressText(r.version, r.first);
    return r.first === r.last ? [first] : [first, addressText(r.version, r.last)];
}
/** The key of a term in {@link SpfBoundaries.opaque}: its record's domain and its offset in the record. */
function termKey(domain, offset) {
    return `${domainKey(domain)} ${offset}`;
}
/** The macro letters of a term's domain-spec that depend on the message or client (`l`, `i`...), as `%{l}`. */
function dynamicLetters(term) {
    const parsed = parseSpfRecord(`v=spf1 ${term}`).record;
    const t = parsed.terms[0];
    const spec = t?.kind === 'mechanism' && 'domainSpec' in t
        ? t.domainSpec
        : t?.kind === 'modifier' && t.name !== 'unknown'
            ? t.domainSpec
            : undefined;
    return spec ? dynamicMacroLetters(spec) : [];
}
function macroReason(info) {
    const letters = dynamicLetters(info.term).map((l) => `%{${l}}`);
    return `its target depends on ${letters.length ? letters.join(', ') : 'macros'}, so the gate cannot know its networks`;
}
/** The network of an `ip4:`/`ip6:` term, or null when the term does not parse. */
function ipTermRange(term) {
    const t = parseSpfRecord(`v=spf1 ${term}`).record.terms[0];
    if (t?.kind !== 'mechanism' || (t.name !== 'ip4' && t.name !== 'ip6'))
        return null;
    return rangeOf(Array.from(t.address.bytes), t.cidr ?? (t.name === 'ip4' ? 32 : 128));
}
/**
 * Reads the networks and opaque terms of a domain's SPF tree (as `auditSpf` built it). Only reached terms
 * count (terms after `all` are never evaluated). Work: linear in the tree's terms and networks.
 */
function spfBoundaries(tree) {
    const out = { networks: [], opaque: new Map(), domains: new Set() };
    const opaque = (node, info, reason) => out.opaque.set(termKey(node.domain, info.offset), { domain: node.domain, term: info.term, reason });
    const recurse = (node, info, stack) => {
        if (info.macro)
            return opaque(node, info, macroReason(info));
        const child = info.child !== undefined ? node.children[info.child] : undefined;
        if (!child)
            return opaque(node, info, 'its target record was not read by the audit');
        if (child.status === 'not-expanded')
            return opaque(node, info, `${child.domain} was not expanded (${child.detail ?? 'analysis limit'})`);
        if (child.status === 'dns-error')
            return opaque(node, info, `${child.domain} could not be read (DNS error)`);
        stack.push(child);
    };
    const stack = [tree];
    for (let node = stack.pop(); node; node = stack.pop()) {
        if (node.terms.length > 0)
            out.domains.add(domainKey(node.domain));
        for (const info of node.terms) {
            if (!info.reached || info.kind === 'invalid')
                continue;
            if (info.kind === 'modifier') {
                if (info.name === 'redirect')
                    recurse(node, info, stack);
                continue;
            }
            switch (info.name) {
                case 'ip4':
                case 'ip6': {
                    const r = ipTermRange(info.term);
                    if (r)
                        out.networks.push(r);
                    else
                        opaque(node, info, 'its network could not be read');
                    break;
                }
                case 'a':
                case 'mx':
                    if (info.macro)
                        opaque(node, info, macroReason(info));
                    else if (info.notResolved)
                        opaque(node, info, 'its addresses were not resolved (analysis limit)');
                    else if (info.dnsError)
                        opaque(node, info, `resolving its addresses failed (${info.dnsError})`);
                    else if (!info.networks)
                        opaque(node, info, 'its addresses are unknown');
                    else
                        for (const n of info.networks) {
                            const [addr, prefix] = ipaddr.parseCIDR(n);
                            out.networks.push(rangeOf(addr.toByteArray(), prefix));
                        }
                    break;
                case 'ptr':
                    opaque(node, info, "ptr matches on the client's reverse DNS (RFC 7208 §5.5)");
                    break;
                case 'exists': {
                    const client = dynamicLetters(info.term).filter((l) => CLIENT_LETTERS.has(l));
                    if (client.length > 0)
                        opaque(node, info, `its target depends on ${client.map((l) => `%{${l}}`).join(', ')}, which ${client.length === 1 ? 'is' : 'are'} known only for each client address (RFC 7208 §7.3)`);
                    break;
                }
                case 'include':
                    recurse(node, info, stack);
                    break;
            }
        }
    }
    return out;
}
/**
 * The networks that can cut a range of `version`: the tree's networks of that version; for IPv6 also the
 * IPv4-mapped block and the IPv4 networks mapped into it (a mapped client is checked as IPv4).
 */
function cuttingNetworks(b, version) {
    const same = b.networks.filter((n) => n.version === version);
    if (version === 4)
        return same;
    const mapped = b.networks
        .filter((n) => n.version === 4)
        .map((n) => ({ version: 6, first: n.first + MAPPED_FIRST, last: n.last + MAPPED_FIRST }));
    return [...same, { version: 6, first: MAPPED_FIRST, last: MAPPED_LAST }, ...mapped];
}
/**
 * Splits `entry` into the elementary ranges delimited by the networks of `boundaries` that intersect it (cut
 * at each network's first address and after its last), in ascending order; their union is `entry`. Within one
 * range every non-opaque term of the tree matches all addresses or none. Work: O(n log n) in the networks.
 */
function elementaryRanges(entry, boundaries) {
    const cuts = new Set([entry.first]);
    for (const n of cuttingNetworks(boundaries, entry.version)) {
        if (n.last < entry.first || n.first > entry.last)
            continue;
        if (n.first > entry.first)
            cuts.add(n.first);
        if (n.last < entry.last)
            cuts.add(n.last + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return sorted.map((first, i) => ({
        version: entry.version,
        first,
        last: (sorted[i + 1] ?? entry.last + 1n) - 1n,
    }));
}

;// CONCATENATED MODULE: ./lib/policy/gate/types.js
/**
 * The shapes the policy gate returns: one {@link RuleResult} per checked rule, a {@link DomainGate} per report,
 * and the combined {@link GateResult}. Re-exported by `src/policy/gate.ts`, which importers use.
 *
 * @module
 */
/** Default of {@link GateOptions.maxAuthorizeChecks}: 256 check_host() runs per network entry. */
const DEFAULT_MAX_AUTHORIZE_CHECKS = 256;

;// CONCATENATED MODULE: ./lib/policy/gate/spf-authorize.js
/**
 * The `spf.authorize` rule: is each listed sender authorized by the domain's SPF policy?
 *
 * - `include:DOMAIN`: the domain must be reached through `+include` in the include tree.
 * - An address: check_host() (RFC 7208 §4) must give `pass` for it.
 * - A network: check_host() must give `pass` for every address. The network is split into the ranges the
 *   policy treats alike ({@link elementaryRanges}) and check_host() runs once per range, on its first address.
 *   It fails as soon as one range does not pass (that address is not authorized). When a pass went through a
 *   term the ranges cannot describe ({@link OpaqueTerm}: `ptr`, `%{i}`/`%{p}` targets, unresolved networks), or
 *   the network spans more ranges than `maxAuthorizeChecks`, the rule is `undetermined`, never a pass.
 *
 * @module
 */





/** `192.0.2.0-192.0.2.6: pass, 192.0.2.7: fail`; past four ranges, a count of the passing ones. */
function summary(checked) {
    if (checked.length <= 4)
        return checked.map((c) => `${rangeText(c.range)}: ${c.result}`).join(', ');
    const last = checked[checked.length - 1];
    if (last.result === 'pass')
        return `${checked.length} ranges: pass`;
    return `${checked.length - 1} ranges: pass, ${rangeText(last.range)}: ${last.result}`;
}
function spf_authorize_plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/**
 * Checks one `spf.authorize` entry.
 * @param boundaries the domain's {@link SpfBoundaries} (computed once per domain, on first use), or null when
 *   the audit has no SPF tree
 * Never throws: a malformed entry (only possible with a policy object that
 * did not go through `parsePolicy`) fails with the parser's sentence; DNS trouble is `undetermined`.
 */
async function checkAuthorization(ctx, entry, boundaries) {
    const parsed = parseAuthorizeEntry(entry);
    if ('error' in parsed)
        // Never guess what a malformed entry meant.
        return { outcome: 'fail', message: `spf.authorize entry ${parsed.error}`, actual: 'invalid entry' };
    if (ctx.rootTrouble)
        return { outcome: 'undetermined', message: `could not check ${entry}: DNS error reading the SPF record` };
    if (ctx.problem)
        return {
            outcome: 'fail',
            message: `${entry} is not authorized: ${ctx.problem.clause}`,
            actual: ctx.problem.status,
        };
    if (parsed.kind === 'include')
        return checkInclude(ctx, entry, parsed.domain);
    if (!ctx.resolver)
        return { outcome: 'undetermined', message: `could not check ${entry}: no resolver given to the gate` };
    const range = entryRange(entry);
    if (range.first === range.last)
        return checkAddress(ctx, ctx.resolver, entry, addressText(range.version, range.first));
    const b = boundaries();
    if (!b)
        return {
            outcome: 'undetermined',
            message: `could not check ${entry}: the audit has no SPF include tree for ${ctx.domain}`,
        };
    return checkNetwork(ctx, ctx.resolver, entry, range, b);
}
function checkInclude(ctx, entry, target) {
    const ok = ctx.includes.includes(target);
    if (!ok && ctx.subtreeTrouble)
        return {
            outcome: 'undetermined',
            message: `could not check ${entry}: DNS error expanding the include tree`,
        };
    return ok
        ? { outcome: 'pass', message: `SPF record of ${ctx.domain} includes ${target}` }
        : {
            outcome: 'fail',
            message: `SPF record of ${ctx.domain} does not include ${target}`,
            actual: ctx.includes.length ? `includes: ${ctx.includes.join(', ')}` : 'no includes',
        };
}
function run(ctx, resolver, ip) {
    return checkHost({ ip, domain: ctx.domain, sender: `postmaster@${ctx.domain}`, helo: ctx.domain }, { resolver });
}
async function checkAddress(ctx, resolver, entry, ip) {
    const r = await run(ctx, resolver, ip);
    if (r.result === 'temperror')
        return {
            outcome: 'undetermined',
            message: `check_host(${ip}, ${ctx.domain}) gave temperror: ${r.problem ?? 'DNS error'}`,
            actual: 'temperror',
        };
    if (r.result !== 'pass')
        return {
            outcome: 'fail',
            message: `${entry} is not authorized by SPF for ${ctx.domain}: check_host(${ip}) = ${r.result}`,
            actual: `${ip}: ${r.result}`,
        };
    return { outcome: 'pass', message: `check_host gives pass for ${entry}`, actual: `${ip}: pass` };
}
async function checkNetwork(ctx, resolver, entry, range, b) {
    const ranges = elementaryRanges(range, b);
    const max = ctx.maxChecks ?? DEFAULT_MAX_AUTHORIZE_CHECKS;
    const checked = [];
    const opaqueMet = new Map();
    for (const r of ranges.slice(0, max)) {
        const ip = addressText(r.version, r.first);
        const res = await run(ctx, resolver, ip);
        checked.push({ range: r, result: res.result });
        if (res.result === 'temperror')
            // Stop here: DNS trouble would likely repeat for every range (bounded time, never a pass).
            return {
                outcome: 'undetermined',
                message: `could not check every address of ${entry}: check_host(${ip}, ${ctx.domain}) gave temperror: ${res.problem ?? 'DNS error'}`,
                actual: summary(checked),
            };
        if (res.result !== 'pass')
            return {
                outcome: 'fail',
                message: `${entry} is not authorized by SPF for ${ctx.domain}: check_host(${ip}) = ${res.result}${r.first === r.last ? '' : ` (for ${rangeText(r)})`}`,
                actual: summary(checked),
            };
        for (const ev of res.trace) {
            if (ev.type !== 'term')
                continue;
            const key = termKey(ev.domain, ev.offset);
            const known = b.opaque.get(key);
            if (known)
                opaqueMet.set(key, known);
            else if (!b.domains.has(domainKey(ev.domain)))
                opaqueMet.set(key, {
                    domain: ev.domain,
                    term: ev.term,
                    reason: "its record is not in the audit's include tree",
                });
        }
    }
    const n = checked.length;
    if (ranges.length > n)
        return {
            outcome: 'undetermined',
            message: `could not check every address of ${entry}: the SPF policy of ${ctx.domain} treats it as ${ranges.length} separate address ranges, more than the ${spf_authorize_plural(max, 'check_host() run')} the gate makes per network; the first ${n} pass. Authorize smaller networks`,
            actual: `${summary(checked)} (${ranges.length - n} of ${ranges.length} ranges not checked)`,
            inexact: true,
        };
    if (opaqueMet.size > 0) {
        const terms = [...opaqueMet.values()].map((o) => `${o.term} in ${o.domain}: ${o.reason}`);
        return {
            outcome: 'undetermined',
            message: `could not check every address of ${entry}: check_host() gives pass for the first address of each of its ${spf_authorize_plural(n, 'range')}, but evaluated terms whose match can differ within a range (${terms.join('; ')})`,
            actual: `${summary(checked)} (not exact)`,
            inexact: true,
        };
    }
    return {
        outcome: 'pass',
        message: `check_host gives pass for every address of ${entry} (${spf_authorize_plural(n, 'range')} the SPF policy treats alike)`,
        actual: summary(checked),
    };
}

;// CONCATENATED MODULE: ./lib/policy/gate/spf.js
/**
 * The gate's SPF rules (RFC 7208): `all` (how the record ends), `max-lookups` (the worst-case count of
 * DNS-querying terms, §4.6.4) and `authorize` (see `spf-authorize.ts`).
 *
 * @module
 */





/** What is wrong with a domain's SPF record when it is not `found`, as a clause (`example.com publishes no SPF record`). */
function spfProblem(view) {
    const d = view.domain;
    switch (view.spf.status) {
        case 'none':
            return `${d} publishes no SPF record (no "v=spf1" TXT record at ${d})`;
        case 'multiple':
            return `${d} publishes more than one SPF record, so check_host() returns permerror (RFC 7208 §4.5)`;
        case 'invalid':
            return `the SPF record of ${d} has a syntax error, so check_host() returns permerror (RFC 7208 §4.6)`;
        default:
            return `the SPF record of ${d} is ${view.spf.status}`;
    }
}
/**
 * Checks the `spf` section of a domain's rules and adds one result per rule (one per `authorize` entry).
 * check_host() runs through `options.resolver`; DNS trouble makes a rule `undetermined`, never a pass.
 */
async function checkSpf(view, rules, set, report, options) {
    const spf = rules.spf;
    if (!spf)
        return;
    const d = view.domain;
    // `rootTrouble`: the record itself could not be read; `trouble`: it, or some part of the include tree, could not.
    const rootTrouble = view.spf.status === 'dns-error';
    const trouble = rootTrouble || hasTrouble(report.findings, 'spf');
    const missing = !rootTrouble && view.spf.status !== 'found';
    const base = rootTrouble
        ? { kind: 'trouble' }
        : missing
            ? { kind: 'missing', status: view.spf.status, problem: spfProblem(view) }
            : { kind: 'found' };
    const ctx = {
        set,
        section: 'spf',
        // A missing or unusable record fails the rule as policy.spf-record, as DMARC's does as policy.dmarc-record.
        missingFactory: POLICY_FINDINGS.spfRecord,
        evidence: {
            name: d,
            ...(view.spf.record !== undefined ? { record: view.spf.record } : {}),
            ...(view.spf.source ? { source: view.spf.source } : {}),
        },
    };
    if (spf.all !== undefined) {
        const want = spf.all;
        const q = view.spf.allQualifier;
        const wanted = want === '-all' ? '-all' : '~all or -all';
        // Without an `all` in the readable part, an unreadable include or redirect may still hold it.
        const state = trouble && q === undefined && !missing ? { kind: 'trouble' } : base;
        checkRecordRule(ctx, state, {
            key: 'all',
            factory: POLICY_FINDINGS.spfAll,
            expected: want,
            troubleMessage: `SPF record of ${d} could not be read (DNS error)`,
            requirement: `The policy requires the SPF record of ${d} to end with ${wanted}`,
            compare: () => {
                const actual = q === undefined ? 'no all (neutral)' : `${q}all`;
                const ok = want === '-all' ? q === '-' : q === '-' || q === '~';
                return {
                    ok,
                    actual,
                    message: ok
                        ? `SPF record ends with ${actual}`
                        : `SPF record of ${d} ends with ${actual}; the policy requires ${wanted}`,
                };
            },
        });
    }
    if (spf['max-lookups'] !== undefined) {
        const max = spf['max-lookups'];
        const used = view.spf.lookups;
        // With part of the tree unreadable the count is a lower bound: over the budget is still a failure.
        const partial = trouble && !missing && (used === undefined || used <= max);
        const state = partial || (used === undefined && view.spf.status === 'found') ? { kind: 'trouble' } : base;
        checkRecordRule(ctx, state, {
            key: 'max-lookups',
            factory: POLICY_FINDINGS.spfLookups,
            expected: `<= ${max}`,
            troubleMessage: `SPF lookup count of ${d} could not be determined (DNS error)`,
            requirement: `The policy allows at most ${max} DNS lookups for the SPF record of ${d}`,
            compare: () => {
                const ok = (used ?? 0) <= max;
                return {
                    ok,
                    actual: String(used),
                    message: ok
                        ? `SPF needs ${used} DNS lookups (budget ${max})`
                        : `SPF record of ${d} needs ${used} DNS lookups; the policy allows at most ${max}`,
                };
            },
        });
    }
    const authorize = {
        domain: d,
        includes: view.spf.includes,
        rootTrouble,
        subtreeTrouble: trouble,
        ...(missing ? { problem: { clause: spfProblem(view), status: view.spf.status } } : {}),
        ...(options.resolver ? { resolver: options.resolver } : {}),
        ...(options.maxAuthorizeChecks !== undefined ? { maxChecks: options.maxAuthorizeChecks } : {}),
    };
    let bounds;
    const boundaries = () => {
        bounds ??= report.spf.tree ? spfBoundaries(report.spf.tree) : null;
        return bounds;
    };
    for (const entry of spf.authorize ?? []) {
        const result = await checkAuthorization(authorize, entry, boundaries);
        addPolicyRule(set, {
            rule: 'spf.authorize',
            section: 'spf',
            key: 'authorize',
            outcome: result.outcome,
            message: result.message,
            factory: POLICY_FINDINGS.spfAuthorize,
            evidence: ctx.evidence,
            expected: entry,
            ...(result.actual !== undefined ? { actual: result.actual } : {}),
            ...(result.inexact ? { inexact: true } : {}),
        });
    }
}

;// CONCATENATED MODULE: ./lib/policy/gate/suppress.js
/**
 * The gate's finding rules: severity overrides, the `fail-on` threshold, and suppressions with their reason and
 * expiry date.
 *
 * @module
 */




function suppressionsOf(rule) {
    if (!rule?.suppress)
        return [];
    return Array.isArray(rule.suppress) ? rule.suppress : [rule.suppress];
}
function appliesTo(s, domain) {
    const want = domainKey(domain);
    return !s.domains || s.domains.some((d) => domainKey(d) === want);
}
/**
 * Applies the policy's `findings` section to a report's findings, adding a `finding` rule result for each
 * finding that counts: `suppressed` when an unexpired suppression (for this domain) covers it; `undetermined`
 * for a DNS-trouble finding whatever its severity; `fail` at or above `failOn` (after the severity override).
 * A suppression expires after its `expires` day (UTC, compared with `now`); each expired one adds a
 * `policy.suppression-expired` warning.
 *
 * @returns `findings`: the effective findings (overridden, without suppressed ones, plus expiry warnings);
 *   `suppressed`: the accepted findings with their suppression.
 */
function applyFindingRules(report, policy, failOn, set, now) {
    const today = now.toISOString().slice(0, 10);
    const findings = [];
    const suppressed = [];
    const expiredSeen = new Set();
    for (const original of report.findings) {
        const rule = policy.findings?.[original.id];
        const finding = rule?.severity ? finding_withPolicySeverity(original, rule.severity) : original;
        const candidates = suppressionsOf(rule).filter((s) => appliesTo(s, report.domain));
        const active = candidates.find((s) => s.expires === undefined || s.expires >= today);
        const expired = candidates.filter((s) => s.expires !== undefined && s.expires < today);
        const path = ['findings', original.id];
        if (active) {
            suppressed.push({ finding, suppression: active });
            set.add({
                rule: 'finding',
                id: finding.id,
                outcome: 'suppressed',
                message: finding.message,
                finding,
                suppression: active,
                policyPath: [...path, 'suppress'],
            });
            continue;
        }
        for (const s of expired) {
            if (expiredSeen.has(s))
                continue;
            expiredSeen.add(s);
            findings.push(POLICY_FINDINGS.suppressionExpired(`The suppression of ${original.id} expired on ${s.expires} (reason given: ${s.reason}); the finding counts again`, { term: original.id, details: { expires: s.expires, reason: s.reason } }, { domain: report.domain }));
        }
        findings.push(finding);
        // DNS trouble leaves the area unchecked whatever the finding's severity: undetermined, never a pass.
        const trouble = isDnsTrouble(finding);
        if (trouble || atOrAbove(finding.severity, failOn)) {
            set.add({
                rule: 'finding',
                id: finding.id,
                outcome: trouble ? 'undetermined' : 'fail',
                message: finding.message,
                finding,
                ...(rule ? { policyPath: path } : {}),
            });
        }
    }
    return { findings, suppressed };
}

;// CONCATENATED MODULE: ./lib/policy/gate.js
/**
 * The policy gate: checks audit reports against a {@link Policy} and says, rule by rule, what passed, what
 * failed, what was accepted (suppressed), and what could not be checked.
 *
 * Outcomes of a rule ({@link RuleOutcome}): `pass`; `fail` (the gate fails); `undetermined` (DNS trouble, or
 * a check that could not be made exact: never a pass); `suppressed` (a finding accepted by the policy).
 * The gate's status is `failed` when any rule failed, else `undetermined` when any rule is undetermined, else
 * `passed`. The CLI (`mailgate audit --policy`) and the GitHub Action use this one function.
 *
 * One module per concern under `gate/`: `spf.ts` (with `spf-authorize.ts` and `spf-ranges.ts`), `dmarc.ts`,
 * `dkim.ts`, `mtasts.ts`, `suppress.ts` (finding rules), `rules.ts` (shared rule shapes), `domain-policy.ts`.
 * This module orchestrates them and is the public entry point (importers use only this file).
 *
 * @module
 */











const OUTCOME_ORDER = { fail: 0, undetermined: 1, suppressed: 2, pass: 3 };
function checkOptions(options) {
    const max = options.maxAuthorizeChecks;
    if (max !== undefined && !(Number.isSafeInteger(max) && max >= 1))
        throw new RangeError(`maxAuthorizeChecks must be a positive integer (check_host() runs per network), not ${max}`);
}
function statusOf(rules) {
    if (rules.some((r) => r.outcome === 'fail'))
        return 'failed';
    if (rules.some((r) => r.outcome === 'undetermined'))
        return 'undetermined';
    return 'passed';
}
function countFindings(findings, suppressed) {
    return { ...countBySeverity(findings), suppressed };
}
/**
 * Checks one report against a policy.
 *
 * Policy rules (SPF `authorize`, `all`, `max-lookups`; DMARC `p`, `sp`, `np`, `rua`, `alignment`; DKIM
 * `selectors`, `min-key-bits`; MTA-STS `mode`) each give a {@link RuleResult}; every finding at or above
 * `fail-on` (after severity overrides) gives one too, `suppressed` when an unexpired suppression covers it.
 * SPF `authorize` runs check_host() (RFC 7208 §4) through `options.resolver`: once for an address; for a
 * network, once per address range the domain's SPF policy treats alike (at most `options.maxAuthorizeChecks`),
 * so every address of the network must pass. `include:DOMAIN` is looked for in the include tree.
 *
 * @returns the domain's {@link DomainGate}. Never throws for DNS reasons (DNS trouble is `undetermined`).
 * @throws RangeError (as a rejection) when `options.maxAuthorizeChecks` is not a positive integer
 */
async function gate(report, policy, options = {}) {
    checkOptions(options);
    const now = options.now?.() ?? new Date();
    const failOn = options.failOn ?? policy['fail-on'] ?? 'error';
    const { rules, key } = domainRules(policy, report.domain);
    const view = viewReport(report);
    const policyRules = new RuleSet(report.domain, pathResolver(policy, key));
    await checkSpf(view, rules, policyRules, report, options);
    checkDmarc(view, rules, policyRules, report);
    checkDkim(view, rules, policyRules, report);
    checkMtaSts(view, rules, policyRules, report);
    const findingRules = new RuleSet(report.domain, policyRules.pathOf);
    const { findings, suppressed } = applyFindingRules(report, policy, failOn, findingRules, now);
    const all = [...policyRules.results, ...findingRules.results].sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome]);
    const gateFindings = policyRules.results.flatMap((r) => r.finding && r.outcome !== 'pass' ? [r.finding] : []);
    const effective = sortFindings([...gateFindings, ...findings]);
    const status = statusOf(all);
    return {
        domain: report.domain,
        status,
        passed: status === 'passed',
        rules: all,
        findings: effective,
        suppressed,
        counts: countFindings(effective, suppressed.length),
    };
}
/** One line saying why the gate did not pass, e.g. `2 rules failed for example.com (dmarc.p, spf.all)`. */
function reasonOf(domains) {
    const failed = domains.flatMap((d) => d.rules.filter((r) => r.outcome === 'fail'));
    const undetermined = domains.flatMap((d) => d.rules.filter((r) => r.outcome === 'undetermined'));
    const names = (rs) => {
        const labels = [...new Set(rs.map((r) => (r.rule === 'finding' ? r.id : r.rule)))];
        return labels.length > 4 ? `${labels.slice(0, 4).join(', ')}, ...` : labels.join(', ');
    };
    const doms = (rs) => {
        const list = [...new Set(rs.map((r) => r.domain))];
        return list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
    };
    if (failed.length > 0) {
        return `mailgate policy failed: ${failed.length} rule${failed.length === 1 ? '' : 's'} failed for ${doms(failed)} (${names(failed)})`;
    }
    if (undetermined.length > 0) {
        const inexact = undetermined.filter((r) => r.inexact).length;
        const why = inexact === 0
            ? 'because of DNS errors'
            : inexact === undetermined.length
                ? 'exactly'
                : 'because of DNS errors or checks that cannot be made exact';
        return `mailgate policy undetermined: ${undetermined.length} rule${undetermined.length === 1 ? '' : 's'} could not be checked ${why} for ${doms(undetermined)} (${names(undetermined)})`;
    }
    return '';
}
/**
 * Checks every report against the policy (one {@link gate} call each, in order) and combines the verdicts:
 * `failed` if any domain failed, else `undetermined` if any was undetermined, else `passed`.
 *
 * @returns the {@link GateResult}; never throws for DNS reasons.
 * @throws RangeError (as a rejection) when `options.maxAuthorizeChecks` is not a positive integer
 */
async function gateReports(reports, policy, options = {}) {
    checkOptions(options);
    const domains = [];
    for (const report of reports)
        domains.push(await gate(report, policy, options));
    const rules = domains.flatMap((d) => d.rules);
    const status = statusOf(rules);
    const sum = (k) => domains.reduce((n, d) => n + d.counts[k], 0);
    return {
        status,
        passed: status === 'passed',
        failOn: options.failOn ?? policy['fail-on'] ?? 'error',
        domains,
        counts: {
            errors: sum('errors'),
            warnings: sum('warnings'),
            infos: sum('infos'),
            suppressed: sum('suppressed'),
            failed: rules.filter((r) => r.outcome === 'fail').length,
            undetermined: rules.filter((r) => r.outcome === 'undetermined').length,
        },
        reason: reasonOf(domains),
    };
}

;// CONCATENATED MODULE: ./lib/policy/run.js
/**
 * Audit-then-gate, shared by the faces: `mailgate audit --policy FILE` and the GitHub Action call this one
 * function. It audits with the one batch loop (`auditDomains`, so every audit option, the concurrency and the
 * per-domain time limit mean what they mean without a policy), adding each domain's policy selectors, and then
 * gates the reports.
 *
 * @module
 */



/**
 * Thrown by {@link auditAndGate} when a domain's audit did not complete, so there is no report to gate: `timeout`
 * when it did not wind down within a grace period after its time limit (the verdict is undetermined), `internal`
 * when it threw (a bug).
 */
class AuditIncompleteError extends Error {
    domain;
    kind;
    constructor(domain, kind, message) {
        super(message);
        this.name = 'AuditIncompleteError';
        this.domain = domain;
        this.kind = kind;
    }
}
/**
 * The DKIM selectors to audit for `domain`: the given ones plus the policy's for that domain (deduplicated).
 * Empty means "probe common selectors".
 */
function selectorsFor(domain, policy, selectors = []) {
    const fromPolicy = domainRules(policy, domain).rules.dkim?.selectors ?? [];
    return [...new Set([...selectors, ...fromPolicy])];
}
/**
 * Audits each domain with `auditDomains` (its selectors plus the policy's `dkim.selectors` for it) and gates
 * the reports against the policy.
 *
 * @returns the reports in input order, the {@link GateResult} and the batch figures.
 * @throws `InvalidDomainError` for a name that cannot be audited (checked before any DNS question);
 *   `InvalidAuditOptionError` or `RangeError` (from `auditDomains`) for bad options; {@link AuditIncompleteError}
 *   when an audit threw or did not wind down after its time limit (no report to gate: never a silent pass).
 */
async function auditAndGate(domains, options) {
    for (const domain of domains)
        auditableDomain(domain);
    const { policy, failOn, transform, ...batchOptions } = options;
    const given = batchOptions.domainSelectors;
    const { entries, ...batch } = await auditDomains(domains, {
        ...batchOptions,
        domainSelectors: (domain) => selectorsFor(domain, policy, given?.(domain)),
    });
    const reports = entries.map((entry) => {
        if (!entry.report)
            throw new AuditIncompleteError(entry.domain, entry.error?.kind === 'timeout' ? 'timeout' : 'internal', entry.error?.message ?? `${entry.domain}: the audit did not complete`);
        return transform ? transform(entry.report) : entry.report;
    });
    const gate = await gateReports(reports, policy, {
        resolver: options.resolver,
        ...(failOn ? { failOn } : {}),
        ...(options.now ? { now: options.now } : {}),
    });
    return { reports, gate, batch };
}

;// CONCATENATED MODULE: ./lib/report/escape.js
/**
 * Escaping for untrusted text (TXT records, header values, names from DNS) in every output format.
 *
 * DNS text is attacker-controlled: a TXT record may hold ANSI escape sequences, newlines, Markdown, HTML,
 * or GitHub workflow commands (`::error::`, `::add-mask::`, `::stop-commands::`). Every renderer passes such
 * text through one of these functions, so it always shows as literal text.
 *
 * @module
 */
/**
 * Characters that are invisible or change how surrounding text displays: C0 controls, DEL, C1 controls,
 * zero-width and bidirectional formatting characters, line/paragraph separators and the BOM.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/**
 * Makes control and invisible characters visible: `\x1b` for ESC, `\x0a` for a line feed, `\u{202e}` for a
 * bidirectional override. Printable text (including non-ASCII letters) is unchanged.
 *
 * @example escapeControl('v=spf1 \u001b[31m-all') === 'v=spf1 \\x1b[31m-all'
 */
function escape_escapeControl(text) {
    return text.replace(UNSAFE, (c) => {
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    });
}
/** ASCII punctuation that has a meaning in CommonMark/GFM inline text (all of it may be backslash-escaped). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~:@$^=]/g;
/**
 * Escapes text for Markdown (GitHub Flavored Markdown, as rendered in job summaries, pull-request comments and
 * READMEs) so it renders literally: control characters are made visible ({@link escapeControl}), `<`, `>`, `&`
 * and `"` become HTML entities (no tag or entity survives), and Markdown punctuation (`| * _ [ ] ( ) # ` and
 * the rest of ASCII punctuation with inline meaning) is backslash-escaped. The result is safe inside a table cell.
 */
function escapeMarkdown(text) {
    return escape_escapeControl(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}
/**
 * Renders text as a Markdown code span (for record text: shown in a monospace font, nothing interpreted).
 * Control characters are made visible; the fence is longer than any run of backticks inside; `|` is escaped
 * because GFM splits table cells at `|` even inside code spans; `<`/`>` are safe in a code span.
 */
function markdownCode(text) {
    const body = escape_escapeControl(text).replace(/\|/g, '\\|');
    if (body === '')
        return '` `';
    const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
    return `${fence}${pad}${body}${pad}${fence}`;
}
/** Escapes text for HTML element content and attribute values (`& < > " '`), after {@link escapeControl}. */
function escapeHtml(text) {
    return escape_escapeControl(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/**
 * Formats one CSV field (RFC 4180): control characters made visible, quoted when it contains `"`, `,` or a
 * space at either end, quotes doubled. A field that a spreadsheet would read as a formula (starting with `=`,
 * `+`, `-`, `@`, tab or CR) is prefixed with `'` (OWASP "CSV injection").
 */
function csvField(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value !== 'string')
        return String(value);
    let text = escape_escapeControl(value);
    if (/^[=+\-@\t\r]/.test(value))
        text = `'${text}`;
    if (/[",\n\r]/.test(text) || /^\s|\s$/.test(text))
        return `"${text.replace(/"/g, '""')}"`;
    return text;
}
/**
 * Makes a line of untrusted text safe to print on a GitHub Actions runner's standard output: control
 * characters are made visible (so the text stays on one line) and a leading `::` (a workflow command, which the
 * runner recognises after leading white space) or any `##[` (the legacy command syntax) is broken with a
 * visible backslash. Use this for anything printed outside `core.*` commands.
 */
function escapeLogLine(text) {
    return escape_escapeControl(text)
        .replace(/##\[/g, '#\\#[')
        .replace(/^(\s*):(?=:)/, '$1\\:');
}

;// CONCATENATED MODULE: ./lib/audit/batch-report.js
/**
 * The batch report: every domain's entry, a summary (domains passing, failing, undetermined; most common
 * findings) and the batch's DNS counts, as one JSON-stable object; and the merge of shard reports.
 *
 * @module
 */


/** The batch report format version. */
const BATCH_SCHEMA_VERSION = 1;
/** The `kind` of a batch report (tells it apart from a domain report or a list of them). */
const BATCH_REPORT_KIND = 'mailgate-batch-report';
/** The largest `total` a batch report may have (a bound on what a merge of untrusted files may allocate). */
const MAX_BATCH_TOTAL = 10_000_000;
/** Failing levels by strictness: `warning` fails more domains than `error`, `never` none. */
const FAIL_RANK = { never: 0, error: 1, warning: 2 };
/**
 * The 0-based input positions a shard covers in a list of `total` domains (see `shardSlice`: round-robin), at most
 * `limit` of them (default all).
 */
function shardPositions(shard, total, limit = Number.POSITIVE_INFINITY) {
    const out = [];
    for (let p = shard.index - 1; p < total && out.length < limit; p += shard.count)
        out.push(p);
    return out;
}
/** `3/3` or `2/4, 4/4`. */
function batch_report_formatShards(shards) {
    return shards.map((s) => `${s.index}/${s.count}`).join(', ');
}
/** The outcome of one domain report at `failOn` (the rule of `mailgate audit`'s exit code). */
function reportOutcome(report, failOn) {
    return outcomeAt(report.findings, failOn, report.summary.dnsTrouble);
}
/** The outcome of a batch entry: its report's, `undetermined` for a timeout, `error` otherwise. */
function entryOutcome(entry, failOn) {
    if (entry.report)
        return reportOutcome(entry.report, failOn);
    return entry.error?.kind === 'timeout' ? 'undetermined' : 'error';
}
/** Summarises entries: outcome counts and finding ids by how many domains have them. */
function summarizeBatch(entries, failOn) {
    const summary = {
        domains: entries.length,
        passing: 0,
        failing: 0,
        undetermined: 0,
        errored: 0,
        findings: [],
    };
    const counts = new Map();
    for (const e of entries) {
        const outcome = entryOutcome(e, failOn);
        if (outcome === 'pass')
            summary.passing++;
        else if (outcome === 'fail')
            summary.failing++;
        else if (outcome === 'undetermined')
            summary.undetermined++;
        else
            summary.errored++;
        const seen = new Set();
        for (const f of e.report?.findings ?? []) {
            let c = counts.get(f.id);
            if (!c) {
                c = { id: f.id, severity: f.severity, domains: 0, occurrences: 0 };
                counts.set(f.id, c);
            }
            c.occurrences++;
            if (!seen.has(f.id)) {
                seen.add(f.id);
                c.domains++;
            }
        }
    }
    summary.findings = [...counts.values()].sort((a, b) => b.domains - a.domains ||
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        a.id.localeCompare(b.id));
    return summary;
}
/** Builds the batch report of a run (`total` and `shard` describe the list it was cut from). */
function buildBatchReport(result, options = {}) {
    const failOn = options.failOn ?? 'error';
    return {
        schemaVersion: BATCH_SCHEMA_VERSION,
        kind: BATCH_REPORT_KIND,
        checkedAt: result.startedAt,
        failOn,
        total: options.total ?? result.entries.length,
        shard: options.shard ?? null,
        entries: result.entries.map((e) => ({ ...e, outcome: entryOutcome(e, failOn) })),
        summary: summarizeBatch(result.entries, failOn),
        dns: result.dns,
    };
}
/** Thrown by {@link parseBatchReport} and {@link mergeBatchReports} for input that cannot be merged. */
class BatchMergeError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BatchMergeError';
    }
}
/**
 * Checks that parsed JSON is a batch report (kind, version, entries, `total` within {@link MAX_BATCH_TOTAL}, shards,
 * `failOn`) and returns it.
 * @param label - names the input in error messages (e.g. the file name).
 * @throws {@link BatchMergeError} when it is not.
 */
function parseBatchReport(json, label) {
    const r = json;
    if (r === null || typeof r !== 'object' || r.kind !== BATCH_REPORT_KIND)
        throw new BatchMergeError(`${label} is not a mailgate batch report (run "mailgate audit --domains-file ... --format json")`);
    if (r.schemaVersion !== BATCH_SCHEMA_VERSION)
        throw new BatchMergeError(`${label} has batch report version ${String(r.schemaVersion)}, expected ${BATCH_SCHEMA_VERSION}`);
    if (!Array.isArray(r.entries) || typeof r.total !== 'number' || !r.dns || typeof r.checkedAt !== 'string')
        throw new BatchMergeError(`${label} is an incomplete batch report`);
    if (!Number.isInteger(r.total) || r.total < r.entries.length || r.total > MAX_BATCH_TOTAL)
        throw new BatchMergeError(`${label} has an invalid total (${r.total}; expected a whole number from ${r.entries.length} to ${MAX_BATCH_TOTAL})`);
    const shardOk = (x) => {
        const sh = x;
        return (sh !== null &&
            typeof sh === 'object' &&
            Number.isInteger(sh.index) &&
            Number.isInteger(sh.count) &&
            sh.index >= 1 &&
            sh.index <= sh.count &&
            sh.count <= 1_000_000);
    };
    if ((r.shard !== null && r.shard !== undefined && !shardOk(r.shard)) ||
        (r.mergedShards !== undefined && (!Array.isArray(r.mergedShards) || !r.mergedShards.every(shardOk))))
        throw new BatchMergeError(`${label} has an invalid shard (expected index/count with 1 <= index <= count)`);
    if (r.failOn === undefined || !Object.hasOwn(FAIL_RANK, r.failOn))
        throw new BatchMergeError(`${label} has no valid failOn level (${String(r.failOn)}; expected ${Object.keys(FAIL_RANK).join(', ')})`);
    return r;
}
/** The strictest failing level of `levels` (`warning` fails more domains than `error`, `never` none). */
function strictest(levels) {
    let out;
    for (const l of levels)
        if (FAIL_RANK[l] !== undefined && (out === undefined || FAIL_RANK[l] > FAIL_RANK[out]))
            out = l;
    return out ?? 'error';
}
function addStats(a, b) {
    const failures = { ...a.failures };
    for (const [k, v] of Object.entries(b.failures ?? {}))
        failures[k] = (failures[k] ?? 0) + (v ?? 0);
    return { queries: a.queries + b.queries, cacheHits: a.cacheHits + b.cacheHits, failures };
}
/**
 * Joins shard reports of one list (`mailgate audit --shard i/n`) into one report in input order: entries sorted
 * by input position, DNS counts summed, summary recomputed at `failOn` (default: the shards' level, which every
 * shard records; when shards disagree, the strictest: warning over error over never).
 *
 * With `allowPartial`, missing shards are allowed and recorded in {@link BatchReport.missing} (which shards, and
 * how many of the list's `total` domains are therefore absent); every renderer shows it.
 *
 * @throws {@link BatchMergeError} when the reports are not shards of the same list (different `total` or shard
 *   count, a whole-list report among several), a shard appears twice, an input position appears twice, or
 *   (unless `allowPartial`) a shard is missing.
 */
function mergeBatchReports(reports, options = {}) {
    if (reports.length === 0)
        throw new BatchMergeError('nothing to merge');
    const first = reports[0];
    const total = first.total;
    const shards = [];
    for (const r of reports) {
        if (r.total !== total)
            throw new BatchMergeError(`the reports come from different lists (${total} and ${r.total} domains)`);
        for (const s of r.mergedShards ?? (r.shard ? [r.shard] : []))
            shards.push(s);
        if (!r.shard && !r.mergedShards && reports.length > 1)
            throw new BatchMergeError('a report of a whole list (no --shard) cannot be merged with others');
    }
    const count = shards[0]?.count;
    if (shards.some((s) => s.count !== count))
        throw new BatchMergeError('the reports use different shard counts');
    const indexes = new Set();
    for (const s of shards) {
        if (indexes.has(s.index))
            throw new BatchMergeError(`shard ${s.index}/${s.count} appears twice`);
        indexes.add(s.index);
    }
    const missingShards = count === undefined
        ? []
        : Array.from({ length: count }, (_, i) => i + 1)
            .filter((i) => !indexes.has(i))
            .map((index) => ({ index, count }));
    if (missingShards.length > 0 && !options.allowPartial)
        throw new BatchMergeError(`missing shard(s) ${batch_report_formatShards(missingShards)} (pass --allow-partial to merge anyway)`);
    const entries = reports.flatMap((r) => r.entries).sort((a, b) => a.index - b.index);
    for (let i = 1; i < entries.length; i++)
        if (entries[i].index === entries[i - 1].index)
            throw new BatchMergeError(`input position ${entries[i].index} (${entries[i].domain}) appears in two reports`);
    const failOn = options.failOn ?? strictest(reports.map((r) => r.failOn));
    const sortedShards = [...shards].sort((a, b) => a.index - b.index);
    return {
        schemaVersion: BATCH_SCHEMA_VERSION,
        kind: BATCH_REPORT_KIND,
        checkedAt: reports.map((r) => r.checkedAt).sort()[0],
        failOn,
        total,
        shard: null,
        ...(sortedShards.length > 0 ? { mergedShards: sortedShards } : {}),
        ...(missingShards.length > 0
            ? { missing: { shards: missingShards, domains: Math.max(0, total - entries.length) } }
            : {}),
        entries: entries.map((e) => ({ ...e, outcome: entryOutcome(e, failOn) })),
        summary: summarizeBatch(entries, failOn),
        dns: reports.map((r) => r.dns).reduce(addStats, { queries: 0, cacheHits: 0, failures: {} }),
    };
}

;// CONCATENATED MODULE: ./lib/report/html-areas.js
/**
 * The state of each area of a domain report (SPF, DMARC, DKIM, MX, MTA-STS, TLS-RPT, BIMI) in one word, for the
 * chips of a domain's verdict header and the cells of the batch grid: the worst finding of the area (errors,
 * then DNS trouble, then warnings), else whether its record is published. Read from the report's findings (the
 * gate's effective findings when gated) and its sections' {@link RecordStatus}; nothing is judged again here.
 *
 * @module
 */

/** The areas, in the order of the report. */
const AREAS = [
    { label: 'SPF', prefix: 'spf' },
    { label: 'DMARC', prefix: 'dmarc' },
    { label: 'DKIM', prefix: 'dkim' },
    { label: 'MX', prefix: 'mx' },
    { label: 'MTA-STS', prefix: 'mtasts' },
    { label: 'TLS-RPT', prefix: 'tlsrpt' },
    { label: 'BIMI', prefix: 'bimi' },
];
const STATES = {
    err: { state: 'err', word: 'error', short: 'err', rank: 0 },
    dns: { state: 'dns', word: 'DNS trouble', short: 'DNS', rank: 1 },
    warn: { state: 'warn', word: 'warning', short: 'warn', rank: 2 },
    none: { state: 'none', word: 'none', short: 'none', rank: 3 },
    ok: { state: 'ok', word: 'ok', short: 'ok', rank: 4 },
    skipped: { state: 'none', word: 'not checked', short: 'skip', rank: 5 },
};
/** Whether the area's record is there: a record status, or `undefined` for a section the audit skipped. */
function published(report, prefix) {
    switch (prefix) {
        case 'spf':
            return report.spf.status;
        case 'dmarc':
            return report.dmarc.status;
        case 'dkim': {
            const s = report.dkim.selectors;
            if (s.length === 0)
                return 'none';
            return s.some((x) => x.status === 'found') ? 'found' : (s[0]?.status ?? 'none');
        }
        case 'mx':
            return report.mx?.status;
        case 'mtasts':
            return report.mtaSts?.status;
        case 'tlsrpt':
            return report.tlsRpt?.status;
        case 'bimi':
            return report.bimi?.status;
        default:
            return undefined;
    }
}
/** The state of `area` in `report`, judged by `findings` (the report's, or the gate's effective findings). */
function areaState(report, findings, area) {
    const status = published(report, area.prefix);
    if (status === undefined)
        return STATES.skipped;
    const own = findings.filter((f) => f.id.startsWith(`${area.prefix}.`));
    if (own.some((f) => f.severity === 'error' && !isDnsTrouble(f)))
        return STATES.err;
    if (own.some(isDnsTrouble) || status === 'dns-error')
        return STATES.dns;
    if (own.some((f) => f.severity === 'warning'))
        return STATES.warn;
    if (status === 'none')
        return STATES.none;
    if (status !== 'found')
        return STATES.err;
    return STATES.ok;
}

// EXTERNAL MODULE: ./lib/version.js
var version = __webpack_require__(13411);
;// CONCATENATED MODULE: ./lib/report/html-script.js
/**
 * The one inline script of the HTML reports, a progressive enhancement: the page is complete without it. It
 * adds sort buttons to the header cells of `table.sortable` (sorting by a cell's `data-v` when it has one, else
 * its text; numbers as numbers; `aria-sort` set on the sorted column), a text and outcome filter above tables with
 * `data-filter` (rows keep their `data-outcome`), and opens every `<details>` while printing. It reads no
 * untrusted text as code, builds no HTML from strings, loads nothing and sets no inline style (the page's
 * Content-Security-Policy allows this script by its SHA-256 hash and no other).
 *
 * @module
 */
/** The script text. */
const HTML_SCRIPT = `
(function(){
var d=document;
function key(row,i){var c=row.cells[i];if(!c)return '';var v=c.getAttribute('data-v');if(v===null)v=c.textContent.trim();
var n=Number(v);return v!==''&&!isNaN(n)?n:v.toLowerCase();}
d.querySelectorAll('table.sortable').forEach(function(t){
if(!t.tHead||!t.tBodies[0])return;var ths=t.tHead.rows[0].cells;
Array.prototype.forEach.call(ths,function(th,i){
var b=d.createElement('button');b.type='button';b.className='sort';
while(th.firstChild)b.appendChild(th.firstChild);th.appendChild(b);
b.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending';
Array.prototype.forEach.call(ths,function(o){o.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');
var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i);
var r=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));return asc?r:-r;});
rows.forEach(function(r){body.appendChild(r);});});});});
d.querySelectorAll('table[data-filter]').forEach(function(t){
var body=t.tBodies[0];if(!body)return;
var box=d.createElement('div');box.className='filters';
var l1=d.createElement('label');l1.textContent='Filter domains ';var q=d.createElement('input');q.type='search';l1.appendChild(q);
var l2=d.createElement('label');l2.textContent='Outcome ';var s=d.createElement('select');
['all','fail','undetermined','pass','error'].forEach(function(o){var e=d.createElement('option');e.value=o;e.textContent=o;s.appendChild(e);});
l2.appendChild(s);var out=d.createElement('output');out.setAttribute('aria-live','polite');
box.appendChild(l1);box.appendChild(l2);box.appendChild(out);
var host=t.parentNode.classList.contains('scroll')?t.parentNode:t;host.parentNode.insertBefore(box,host);
function apply(){var text=q.value.trim().toLowerCase(),o=s.value,n=0;
Array.prototype.forEach.call(body.rows,function(r){
var hit=(o==='all'||r.getAttribute('data-outcome')===o)&&(text===''||r.textContent.toLowerCase().indexOf(text)>=0);
r.hidden=!hit;if(hit)n++;});out.textContent=n+' of '+body.rows.length+' domains shown';}
q.addEventListener('input',apply);s.addEventListener('change',apply);});
var closed=[];
addEventListener('beforeprint',function(){d.querySelectorAll('details:not([open])').forEach(function(x){closed.push(x);x.open=true;});});
addEventListener('afterprint',function(){closed.forEach(function(x){x.open=false;});closed=[];});
})();
`.trim();

;// CONCATENATED MODULE: ./lib/report/html-style.js
/**
 * The style sheet of the HTML reports: one inline `<style>` element (allowed by the page's Content-Security-Policy
 * through its SHA-256 hash, so no `style="..."` attribute is used anywhere). System fonts only, no image but CSS
 * shapes; light and dark colours (`prefers-color-scheme`), a print layout (closed `<details>` print open), and a
 * fluid layout that reflows at 200% zoom: wide tables scroll inside their own box, never the page.
 *
 * Status colours always come with an icon and a word (`.s-ok` ✓ ok, `.s-err` ✗ ...): colour is never the only
 * signal.
 *
 * @module
 */
/** The CSS text (minified by hand: it is inlined in every report). */
const HTML_STYLE = `
:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1b1f24;--mut:#5b636d;--card:#fff;--line:#d5dbe1;--code:#eef1f4;
--ok:#116329;--ok-b:#d3f5dc;--warn:#7d4e00;--warn-b:#fff1c2;--err:#b3121f;--err-b:#ffe3e1;--info:#0a58ca;--info-b:#dcecff;
--dns:#6f3bc4;--dns-b:#efe4ff;--none:#555e68;--none-b:#e6e9ed;--link:#0a58ca;--bar:#c7ced6;--info2:#5b9bf0}
@media (prefers-color-scheme:dark){:root{--bg:#0e1217;--fg:#e4e9ef;--mut:#9aa4af;--card:#161c23;--line:#2f3842;
--code:#1f2730;--ok:#5ad27a;--ok-b:#10361d;--warn:#e3b341;--warn-b:#3a2c08;--err:#ff7b72;--err-b:#47171a;--info:#7cb8ff;
--info-b:#11294a;--dns:#c9a4ff;--dns-b:#2d1f4b;--none:#a3acb6;--none-b:#252d36;--link:#7cb8ff;--bar:#38424d;--info2:#3b6fb5}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif}
main{max-width:80rem;margin:0 auto;padding:1rem clamp(.5rem,2.5vw,2rem) 3rem}
a{color:var(--link)}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}
h2{font-size:1.35rem;margin:0}
h3{font-size:1.05rem;margin:1.4rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h4{font-size:.95rem;margin:1rem 0 .4rem}
p{margin:.35rem 0}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.86em}
code{background:var(--code);border-radius:4px;padding:.05em .3em;overflow-wrap:anywhere;unicode-bidi:isolate}
bdi{unicode-bidi:isolate}
.rec{display:block;white-space:pre-wrap;word-break:break-all;padding:.3em .45em}
.sub{color:var(--mut);font-size:.9em}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem clamp(.6rem,2vw,1.4rem);margin:1rem 0}
.top{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:baseline;justify-content:space-between}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
thead th{background:var(--code);font-weight:600;white-space:nowrap}
tbody th{font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.recs td:nth-child(2) code,.recs tbody th{white-space:nowrap}
.recs td:nth-child(4){min-width:16rem}.zf{font:.8em ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;color:var(--mut);overflow-wrap:anywhere;margin-top:.15rem}
td[data-over]{color:var(--err);font-weight:700}
meter{width:4rem;vertical-align:middle}.rate{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.b{display:inline-block;border-radius:999px;padding:0 .55em;font-size:.85em;font-weight:600;white-space:nowrap;border:1px solid currentColor}
.s-ok{color:var(--ok);background:var(--ok-b)}.s-warn{color:var(--warn);background:var(--warn-b)}
.s-err{color:var(--err);background:var(--err-b)}.s-info{color:var(--info);background:var(--info-b)}
.s-dns{color:var(--dns);background:var(--dns-b)}.s-none{color:var(--none);background:var(--none-b)}
.verdict{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;border-left:6px solid var(--line);padding-left:.8rem}
.verdict.s-ok{border-color:var(--ok)}.verdict.s-err{border-color:var(--err)}.verdict.s-dns{border-color:var(--dns)}.verdict.s-warn{border-color:var(--warn)}
.verdict,.verdict.s-ok,.verdict.s-err,.verdict.s-dns,.verdict.s-warn{background:none}
.big{font-size:1.05rem;padding:.15em .8em}
.chips{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;margin:.6rem 0 0;padding:0}
.chips li{border-radius:6px;padding:.05rem .5rem;font-size:.85rem;border:1px solid currentColor}
.grid td[class^=s-]{white-space:nowrap;border-left:2px solid var(--card)}.grid{font-size:.86rem}.grid th,.grid td{padding:.25rem .35rem}.grid tbody th{white-space:nowrap}abbr{text-decoration:none}
.bar{display:flex;gap:2px;max-width:32rem;margin:.3rem 0 .2rem}
.bar i{flex:1;height:1.1rem;background:var(--bar);border-radius:2px;min-width:4px}
.bar i.on{background:var(--info)}.bar i.on2{background:var(--info2)}.bar i.ok{background:var(--ok)}.bar i.over{background:var(--err)}
.bar i.gap{background:none;border:1px dashed var(--bar)}
.legend{font-size:.85rem;color:var(--mut);list-style:none;padding:0;margin:.1rem 0;display:flex;flex-wrap:wrap;gap:.1rem .9rem}
.tree,.tree ul{list-style:none;margin:0;padding-left:1.1rem}
.tree{padding-left:0}
.tree ul{border-left:2px solid var(--line);margin-left:.35rem}
.tree li{margin:.15rem 0;position:relative}
.tree ul>li::before{content:"";position:absolute;left:-1.1rem;top:.8em;width:.8rem;border-top:2px solid var(--line)}
.pips{display:inline-flex;gap:2px;vertical-align:middle;margin:0 .3rem}
.pips i{width:.55rem;height:.55rem;border-radius:2px;background:var(--info)}
.ladder{display:flex;list-style:none;padding:0;margin:.4rem 0;gap:2px;max-width:30rem}
.ladder li{flex:1;text-align:center;padding:.2rem .4rem;background:var(--none-b);color:var(--none);font-size:.88rem}
.ladder li:first-child{border-radius:6px 0 0 6px}.ladder li:last-child{border-radius:0 6px 6px 0}
.ladder li[aria-current]{font-weight:700;outline:2px solid currentColor;outline-offset:-2px}
.ladder .s-ok,.ladder .s-warn,.ladder .s-err{font-weight:700}
dl.kv{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:.4rem 0}
dl.kv dt{color:var(--mut)}dl.kv dd{margin:0;min-width:0}
.findings{list-style:none;padding:0;margin:0}
.f{border:1px solid var(--line);border-left-width:5px;border-radius:6px;padding:.45rem .7rem;margin:.45rem 0}
.f.s-err{border-left-color:var(--err)}.f.s-warn{border-left-color:var(--warn)}.f.s-info{border-left-color:var(--info)}
.f,.f.s-err,.f.s-warn,.f.s-info{background:var(--card);color:var(--fg)}
.f p{margin:.15rem 0}.f>a:first-child{font-weight:600}
.fix{color:var(--fg)}.fix strong{color:var(--mut)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem;margin:.6rem 0}
.cards div{border-radius:8px;padding:.5rem .8rem;border:1px solid currentColor}
.cards strong{display:block;font-size:1.6rem;line-height:1.2}
.nav{font-size:.9rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.5rem 0}
.filters input,.filters select{font:inherit;padding:.15rem .4rem;max-width:100%}
button.sort{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}
button.sort:hover{text-decoration:underline}
th[aria-sort=ascending] button.sort::after{content:" \\2191"}th[aria-sort=descending] button.sort::after{content:" \\2193"}
details>summary{cursor:pointer;font-weight:600;margin:.3rem 0}
footer{color:var(--mut);font-size:.85rem;margin-top:2rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
@media (max-width:40rem){dl.kv{grid-template-columns:1fr}dl.kv dt{font-weight:600}}
@media (max-width:56rem){.recs td:nth-child(2) code{white-space:normal}}
@media print{body{background:#fff;color:#000;font-size:11pt}main{max-width:none;padding:0}.card{break-inside:avoid-page;border-color:#999}
section.domain{break-before:page}section.domain:first-of-type{break-before:auto}.filters,button.sort::after{display:none}
details::details-content{content-visibility:visible;display:contents}a{color:inherit}.scroll{overflow:visible}}
`.trim();

;// CONCATENATED MODULE: ./lib/report/html-layout.js
/**
 * The frame of every HTML report: one self-contained document (inline style and script, no request of any kind)
 * with a Content-Security-Policy that forbids every load ({@link HTML_CSP}), and the small pieces the report pages
 * share: escaping, status badges (an icon and a word besides the colour), record text, zone file locations and
 * links to the RFC sections a finding cites.
 *
 * Untrusted text (DNS records, names, report fields) goes through {@link esc} (HTML text and attribute values:
 * `& < > " '` become entities, and control, bidirectional and invisible characters become visible escapes such
 * as `\u{202e}`); record text is shown in `<code>`, which the style sheet isolates (`unicode-bidi: isolate`), so
 * right-to-left letters in a record cannot reorder the text around it. No `href` is ever built from untrusted
 * text: the only links are in-page anchors (`#d-3`) and rfc-editor.org addresses built from the catalog's
 * section numbers.
 *
 * @module
 */





/** A CSP source for the SHA-256 of `text` (`'sha256-<base64>'`). */
function hashSource(text) {
    return `'sha256-${(0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('base64')}'`;
}
/**
 * The Content-Security-Policy of every report (a `<meta http-equiv>` tag in `<head>`, before any style or script):
 * nothing may load (`default-src 'none'`); the one style element and the one script run by their SHA-256 hashes;
 * images only as `data:` URLs; no `<base>`, no form submission.
 */
const HTML_CSP = [
    "default-src 'none'",
    `style-src ${hashSource(HTML_STYLE)}`,
    `script-src ${hashSource(HTML_SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
].join('; ');
/** Escapes untrusted text for HTML element content and attribute values (see the module notes). */
const html_layout_esc = escapeHtml;
/** Untrusted text in a `<code>` element (`rec`: a whole record, wrapped at any character). */
function code(text, rec = false) {
    return `<code${rec ? ' class="rec"' : ''}>${html_layout_esc(text)}</code>`;
}
/** The icon of each {@link State} (shown with a word, never alone). */
const STATE_ICON = {
    ok: '✓',
    warn: '⚠\uFE0E',
    err: '✗',
    info: 'ℹ\uFE0E',
    dns: '?',
    none: '–',
};
/** A badge: `<span class="b s-err">✗ fail</span>`. `text` is trusted (mailgate's own words) unless escaped first. */
function badge(state, text, extra = '') {
    return `<span class="b s-${state}${extra ? ` ${extra}` : ''}">${STATE_ICON[state]} ${text}</span>`;
}
/** The badge state of a {@link RecordStatus}: found ok, none grey, several or invalid an error, DNS trouble its own. */
function recordState(status) {
    switch (status) {
        case 'found':
            return 'ok';
        case 'none':
            return 'none';
        case 'dns-error':
            return 'dns';
        default:
            return 'err';
    }
}
/** The word of a {@link RecordStatus} in a badge. */
const RECORD_WORD = {
    found: 'found',
    none: 'none',
    multiple: 'several',
    invalid: 'invalid',
    'dns-error': 'DNS error',
};
/** A zone file location, `samples/zones/example.com.zone:12`, or `''`. */
function sourceText(source) {
    return source ? `<span class="mono">${html_layout_esc(source.file)}:${source.line}</span>` : '';
}
/** `1 error`, `2 warnings`. */
function html_layout_plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/**
 * The citation of a finding (`RFC 7208 §4.6, §12`, `RFC 9989 Appendix A.6`) with every RFC section linked to
 * rfc-editor.org (`https://www.rfc-editor.org/rfc/rfc7208#section-4.6`): `RFC 7208 §4.6` is one link, a further
 * `§12` another, an RFC without a section links to the RFC; other words stay text. The addresses are built from
 * digits and section numbers only.
 */
function rfcLinks(citation) {
    const out = [];
    let rfc;
    let last = 0;
    const base = 'https://www.rfc-editor.org/rfc/rfc';
    // Each alternative starts with a fixed word or sign and its quantifiers take disjoint characters: linear.
    for (const m of citation.matchAll(/RFC (\d{3,5})(?: §(\d+(?:\.\d+)*)| Appendix ([A-Z](?:\.\d+)*))?|§(\d+(?:\.\d+)*)|Appendix ([A-Z](?:\.\d+)*)/g)) {
        out.push(html_layout_esc(citation.slice(last, m.index)));
        last = m.index + m[0].length;
        if (m[1] !== undefined)
            rfc = m[1];
        const section = m[2] ?? m[4];
        const appendix = m[3] ?? m[5];
        const fragment = section !== undefined ? `#section-${section}` : appendix !== undefined ? `#appendix-${appendix}` : '';
        out.push(rfc === undefined ? html_layout_esc(m[0]) : `<a href="${base}${rfc}${fragment}">${html_layout_esc(m[0])}</a>`);
    }
    out.push(html_layout_esc(citation.slice(last)));
    return out.join('');
}
/** A table wrapped in a box that scrolls sideways on narrow screens, so the page itself never does. */
function scrollTable(table) {
    return `<div class="scroll">${table}</div>`;
}
/**
 * A complete HTML document: `<!doctype html>`, the character set and the CSP meta tag first in `<head>`, the style sheet, the main
 * content, a footer naming mailgate's version, and the script last. Opens from disk or a CI artifact as is.
 */
function html_layout_htmlDocument(page) {
    return [
        '<!doctype html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${html_layout_esc(HTML_CSP)}">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="referrer" content="no-referrer">',
        `<meta name="generator" content="mailgate ${version/* VERSION */.x}">`,
        '<link rel="icon" href="data:,">',
        `<title>${html_layout_esc(page.title)}</title>`,
        `<style>${HTML_STYLE}</style>`,
        '</head>',
        '<body>',
        '<main>',
        page.body,
        `<footer><p>Made by mailgate ${version/* VERSION */.x}. This file loads nothing: no fonts, scripts, styles or images from anywhere. Text from DNS and reports is shown as text; control and bidirectional characters appear as escapes such as <code>\\u{202e}</code>.</p></footer>`,
        '</main>',
        `<script>${HTML_SCRIPT}</script>`,
        '</body>',
        '</html>',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./lib/report/phrases.js
/**
 * Words shared by the text and Markdown renderers, so both say the same thing about the same report.
 *
 * @module
 */
/**
 * What to show in place of a record that is not there or not usable, e.g. `no SPF record`,
 * `several DMARC records (all ignored)`, `SPF record unknown: DNS error`.
 *
 * @param status - the section's status in the report's read model (`none`, `multiple`, `dns-error`, `invalid`, `revoked`).
 * @param what - the record's name, e.g. `SPF record`, `key`.
 */
function missingRecordText(status, what) {
    switch (status) {
        case 'none':
            return `no ${what}`;
        case 'multiple':
            return `several ${what}s (all ignored)`;
        case 'dns-error':
            return `${what} unknown: DNS error`;
        case 'invalid':
            return `${what} invalid`;
        case 'revoked':
            return 'key revoked (empty p=)';
        default:
            return status;
    }
}

;// CONCATENATED MODULE: ./lib/report/html-dmarc.js
/**
 * The DMARC part of a domain's HTML report: where the policy record was found and whose it is, the policy ladder
 * (none, quarantine, reject) with the domain's step, the effective tags, the `_dmarc` names asked in order with
 * each answer (RFC 9989 §4.10 DNS tree walk, or RFC 7489 §6.6.3 with the public suffix list), and, when the other
 * mode's receivers would find something else, what they find.
 *
 * @module
 */


const SOURCE_TEXT = {
    domain: "the domain's own record",
    organizational: 'inherited from the Organizational Domain',
    psd: 'the Public Suffix Domain policy',
};
const MODE_TEXT = {
    '9989': `RFC 9989 DNS tree walk (${rfcLinks('RFC 9989 §4.10')})`,
    '7489': `RFC 7489 with the public suffix list (${rfcLinks('RFC 7489 §6.6.3')})`,
};
const LADDER = ['none', 'quarantine', 'reject'];
const LADDER_STATE = { none: 'warn', quarantine: 'ok', reject: 'ok' };
/** The policy ladder: none, quarantine, reject, the domain's step marked (`aria-current`) and said in words. */
function ladder(p) {
    const steps = LADDER.map((step) => {
        const here = step === p;
        return `<li${here ? ` class="s-${LADDER_STATE[step]}" aria-current="step"` : ''}>${here ? `${step === 'none' ? '⚠\uFE0E' : '✓'} ` : ''}p=${step}${here ? '<span class="vh"> (this domain)</span>' : ''}</li>`;
    });
    return `<ol class="ladder" aria-label="DMARC policy ladder">${steps.join('')}</ol>`;
}
const OUTCOME_WORD = {
    record: 'a DMARC record',
    none: 'no record',
    multiple: 'several records',
    error: 'DNS error',
};
/** The `_dmarc` names asked, in order, with each answer. */
function lookups(d) {
    if (d.lookups.length === 0)
        return '<p class="sub">No name was asked.</p>';
    const items = d.lookups.map((l) => {
        const state = l.outcome === 'record'
            ? 'ok'
            : l.outcome === 'error'
                ? 'dns'
                : l.outcome === 'multiple'
                    ? 'err'
                    : 'none';
        const why = l.dnsKind
            ? ` <span class="sub">(${html_layout_esc(l.dnsKind)}${l.message ? `: ${html_layout_esc(l.message)}` : ''})</span>`
            : '';
        const count = l.outcome === 'multiple' && l.recordCount !== undefined ? ` (${l.recordCount})` : '';
        return `<li>${code(l.name)} ${badge(state, `${OUTCOME_WORD[l.outcome]}${count}`)}${why} ${sourceText(l.recordSource)}</li>`;
    });
    return `<ol>${items.join('')}</ol>`;
}
/** One line for what a discovery found: the record's name and the Organizational Domain, or why none. */
function found(d) {
    if (d.error && !d.recordName)
        return `undecided: DNS ${html_layout_esc(d.error.kind)} for ${code(d.error.name)}`;
    const where = d.recordName ? code(d.recordName) : 'no policy record';
    const org = d.organizationalDomain ? `; Organizational Domain ${code(d.organizationalDomain)}` : '';
    const err = d.error
        ? `; Organizational Domain undecided (DNS ${html_layout_esc(d.error.kind)} for ${code(d.error.name)})`
        : '';
    return `${where}${d.error ? err : org}`;
}
/**
 * The DMARC section: discovery, the ladder, the tags, and the other mode's answer when it differs. The names asked
 * are in a `<details>` (open when `open`); when `compact` (a report of several domains) only when the record is
 * not the domain's own.
 */
function dmarcSection(audit, view, options) {
    const open = options.open;
    const out = [];
    const rows = [];
    if (audit.recordName && audit.record) {
        rows.push([
            'Policy record',
            `${code(audit.recordName)} ${badge(recordState(audit.status), RECORD_WORD[audit.status])} <span class="sub">${audit.source ? SOURCE_TEXT[audit.source] : ''}</span> ${sourceText(view.source)}`,
        ]);
    }
    else {
        rows.push([
            'Policy record',
            `${badge(recordState(audit.status), RECORD_WORD[audit.status])} ${html_layout_esc(missingRecordText(audit.status, 'DMARC record'))}${audit.discovery.error ? ` <span class="sub">(DNS ${html_layout_esc(audit.discovery.error.kind)} for ${code(audit.discovery.error.name)})</span>` : ''}`,
        ]);
    }
    if (view.p) {
        const from = audit.policySource && audit.policySource !== 'p'
            ? ` <span class="sub">from ${audit.policySource}= of the inherited record${audit.policySource === 'np' ? `: ${html_layout_esc(audit.domain)} does not exist` : ''}</span>`
            : '';
        const testing = audit.effective?.testing
            ? ` ${badge('warn', 't=y: receivers apply one level lower')}`
            : '';
        const fallback = audit.effective?.policyBasis === 'p-none-fallback'
            ? ` ${badge('warn', 'no valid p=: acts as p=none')}`
            : '';
        rows.push(['Policy', `${ladder(view.p)}${from}${testing}${fallback}`]);
    }
    const eff = audit.effective;
    if (eff) {
        const tags = [
            `sp=${eff.sp}`,
            ...(eff.mode === '9989' ? [`np=${eff.np}`] : []),
            `adkim=${eff.adkim}`,
            `aspf=${eff.aspf}`,
            ...(eff.mode === '9989' ? [`psd=${eff.psd}`] : [`pct=${eff.pct}`]),
        ];
        rows.push(['Effective tags', tags.map((t) => code(t)).join(' ')]);
    }
    rows.push([
        'Aggregate reports (rua)',
        view.rua.length > 0 ? view.rua.map((u) => code(u)).join(' ') : badge('warn', 'none: no reports are sent'),
    ]);
    if (view.ruf.length > 0)
        rows.push(['Failure reports (ruf)', view.ruf.map((u) => code(u)).join(' ')]);
    if (audit.organizationalDomain)
        rows.push([
            'Organizational Domain',
            `${code(audit.organizationalDomain)}${audit.discovery.organizationalRule ? ` <span class="sub">(${html_layout_esc(audit.discovery.organizationalRule)})</span>` : ''}`,
        ]);
    out.push(`<dl class="kv">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);
    const c = audit.comparison;
    const same = c.recordName === audit.discovery.recordName &&
        c.organizationalDomain === audit.discovery.organizationalDomain &&
        !c.error === !audit.discovery.error;
    if (same)
        out.push(`<p>${badge('ok', 'modes agree')} Receivers following RFC ${c.mode} find the same: ${found(c)}.</p>`);
    else
        out.push(`<p>${badge('warn', 'modes disagree')} <strong>RFC ${audit.mode}</strong> (applied here): ${found(audit.discovery)}. <strong>RFC ${c.mode}</strong> receivers: ${found(c)}.</p>`);
    const walk = `<details${open ? ' open' : ''}><summary>Names asked: ${MODE_TEXT[audit.mode]}</summary>${lookups(audit.discovery)}${same ? '' : `<p>RFC ${c.mode}: ${MODE_TEXT[c.mode]}</p>${lookups(c)}`}</details>`;
    if (!options.compact || audit.status !== 'found' || audit.source !== 'domain')
        out.push(walk);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./lib/report/html-findings.js
/**
 * Findings and policy rules in HTML: a domain's findings grouped by severity (errors, warnings, then infos), each
 * with its catalog title, the sentence, where it was observed (zone file line or DNS name), what to change and the
 * RFC sections it cites, linked; and, for a gated report, every policy rule with its outcome.
 *
 * @module
 */


const SEVERITY_STATE = { error: 'err', warning: 'warn', info: 'info' };
const SEVERITY_HEADING = {
    error: 'Errors',
    warning: 'Warnings',
    info: 'Information',
};
/** The badge of a finding severity. */
function severityBadge(severity) {
    return badge(SEVERITY_STATE[severity], severity);
}
const OUTCOME_STATE = {
    fail: 'err',
    undetermined: 'dns',
    suppressed: 'none',
    pass: 'ok',
};
/** The anchor of a finding id's entry in the {@link findingsReference} (ids are the catalog's: letters, digits, `.` and `-`). */
function referenceAnchor(id) {
    return `f-${html_layout_esc(id)}`;
}
function findingItem(f, failsPolicy, linked) {
    const def = findingDefinition(f.id);
    const title = def?.title ?? f.id;
    const remediation = f.remediation ?? def?.remediation;
    const where = f.evidence?.source
        ? sourceText(f.evidence.source)
        : f.evidence?.name
            ? code(f.evidence.name)
            : '';
    const meta = [where, f.rfc ? rfcLinks(f.rfc) : ''].filter(Boolean).join(' · ');
    if (linked) {
        // One line: the title links to what the finding means (the page's findings reference), which names the id.
        // The location is the zone file line only: the message names the DNS name already.
        const head = def ? `<a href="#${referenceAnchor(f.id)}">${html_layout_esc(title)}</a>` : code(f.id);
        const line = f.evidence?.source ? ` <span class="sub">${sourceText(f.evidence.source)}</span>` : '';
        return `<li class="f s-${SEVERITY_STATE[f.severity]}">${head}${failsPolicy ? ` ${badge('err', 'fails the policy')}` : ''} <bdi>${html_layout_esc(f.message)}</bdi>${highlighted(f)}${line}</li>`;
    }
    return [
        `<li class="f s-${SEVERITY_STATE[f.severity]}">`,
        `<p>${severityBadge(f.severity)} <strong>${html_layout_esc(title)}</strong> ${code(f.id)}${failsPolicy ? ` ${badge('err', 'fails the policy')}` : ''}</p>`,
        `<p><bdi>${html_layout_esc(f.message)}</bdi></p>`,
        highlighted(f),
        meta ? `<p class="sub">${meta}</p>` : '',
        remediation && f.severity !== 'info'
            ? `<p class="fix"><strong>What to change:</strong> ${html_layout_esc(remediation)}</p>`
            : '',
        '</li>',
    ].join('');
}
/**
 * The record a finding is about with the term it points at marked (`<mark>`), when the evidence gives a position
 * inside the record; `''` otherwise. Each part is escaped on its own.
 */
function highlighted(f) {
    const record = f.evidence?.record;
    const pos = f.evidence?.position;
    if (record === undefined || !pos)
        return '';
    const { offset, length } = pos;
    if (!(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length > 0))
        return '';
    if (offset + length > record.length)
        return '';
    return `<p><code class="rec">${html_layout_esc(record.slice(0, offset))}<mark>${html_layout_esc(record.slice(offset, offset + length))}</mark>${html_layout_esc(record.slice(offset + length))}</code></p>`;
}
/**
 * What each finding id of a report of several domains means, written once instead of in every domain: the title,
 * the severity, the RFC sections (linked) and what to change. Each entry's anchor is {@link referenceAnchor}.
 */
function html_findings_findingsReference(ids) {
    const items = [];
    for (const id of [...new Set(ids)].sort()) {
        const def = findingDefinition(id);
        if (!def)
            continue;
        items.push(`<li class="f s-${SEVERITY_STATE[def.severity]}" id="${referenceAnchor(id)}"><p>${severityBadge(def.severity)} <strong>${html_layout_esc(def.title)}</strong> ${code(id)}${def.rfc ? ` <span class="sub">${rfcLinks(def.rfc)}</span>` : ''}</p>${def.remediation ? `<p class="fix"><strong>What to change:</strong> ${html_layout_esc(def.remediation)}</p>` : ''}</li>`);
    }
    if (items.length === 0)
        return '';
    return `<section class="card" id="findings-reference" aria-labelledby="findings-reference-h"><h2 id="findings-reference-h">What the findings mean</h2><p class="sub">Each finding of the domains above, once: the default severity, the RFC, and what to change.</p><ul class="findings">${items.join('')}</ul></section>`;
}
/**
 * The findings grouped by severity. Errors and warnings are listed open; information is in a closed `<details>`. Findings that fail the policy (a gate's `finding` rules) are marked. At most `max` per severity,
 * then a count of the rest. With `linked`, the RFC sections and what to change are left to the page's
 * {@link findingsReference}, which each finding id links to.
 */
function findingsSection(findings, options) {
    if (findings.length === 0)
        return `<p>${badge('ok', 'no findings')}</p>`;
    const max = options.max ?? 100;
    const failing = new Set(options.gate?.rules
        .filter((r) => r.rule === 'finding' && r.outcome !== 'suppressed')
        .map((r) => r.finding));
    const out = [];
    for (const severity of ['error', 'warning', 'info']) {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0)
            continue;
        const items = group.slice(0, max).map((f) => findingItem(f, failing.has(f), options.linked === true));
        const rest = group.length > max ? `<p class="sub">… and ${group.length - max} more (see the JSON report).</p>` : '';
        const heading = `${SEVERITY_HEADING[severity]} (${group.length})`;
        const list = `<ul class="findings">${items.join('')}</ul>${rest}`;
        out.push(severity === 'info'
            ? `<details><summary>${heading}</summary>${list}</details>`
            : `<h4>${heading}</h4>${list}`);
    }
    const suppressed = options.gate?.suppressed ?? [];
    if (suppressed.length > 0) {
        const items = suppressed.map((s) => `<li>${code(s.finding.id)} <bdi>${html_layout_esc(s.finding.message)}</bdi> <span class="sub">— suppressed: ${html_layout_esc(s.suppression.reason)}${s.suppression.expires ? ` (until ${html_layout_esc(s.suppression.expires)})` : ''}</span></li>`);
        out.push(`<details><summary>Suppressed by the policy (${suppressed.length})</summary><ul>${items.join('')}</ul></details>`);
    }
    return out.join('\n');
}
function ruleRow(r) {
    const what = r.rule === 'finding' ? code(r.id) : code(r.rule);
    const suppression = r.suppression
        ? ` <span class="sub">— suppressed: ${html_layout_esc(r.suppression.reason)}${r.suppression.expires ? ` (until ${html_layout_esc(r.suppression.expires)})` : ''}</span>`
        : '';
    return `<tr><td>${badge(OUTCOME_STATE[r.outcome], r.outcome)}</td><th scope="row">${what}</th><td>${r.expected !== undefined ? code(r.expected) : ''}</td><td>${r.actual !== undefined ? code(r.actual) : ''}</td><td><bdi>${html_layout_esc(r.message)}</bdi>${suppression}</td></tr>`;
}
/** The policy rules of a gated report: outcome, rule, expected, found, details; failing first (the gate's order). */
function rulesTable(g) {
    if (g.rules.length === 0)
        return '<p>The policy sets no rule for this domain.</p>';
    const counts = ['fail', 'undetermined', 'suppressed', 'pass']
        .map((o) => [o, g.rules.filter((r) => r.outcome === o).length])
        .filter(([, n]) => n > 0)
        .map(([o, n]) => `${n} ${o}`)
        .join(', ');
    return `<p class="sub">${html_layout_plural(g.rules.length, 'rule')}: ${counts}</p>${scrollTable(`<table class="rules"><thead><tr><th scope="col">Outcome</th><th scope="col">Rule</th><th scope="col">Expected</th><th scope="col">Found</th><th scope="col">Details</th></tr></thead><tbody>${g.rules.map(ruleRow).join('')}</tbody></table>`)}`;
}

;// CONCATENATED MODULE: ./lib/report/spf-tree.js
/**
 * The SPF include tree as every renderer shows it: one walk ({@link spfTreeItems}) in record order, the same
 * words for how a record was reached ({@link viaLabel}) and what it costs ({@link treeCost}, RFC 7208 §4.6.4).
 * The text report lists the records, the Markdown report adds each DNS-querying term with its cost, and the
 * `spf` command adds what every term resolved to; all from the analysis tree, never from the record text again.
 *
 * @module
 */
/**
 * The tree in record order: each record, then its terms, where a term that led to a record (an include or
 * redirect that was followed) is replaced by that record's own items. Records no term leads to come after
 * their parent's terms.
 */
function spfTreeItems(root) {
    const out = [];
    const walk = (node, depth) => {
        out.push({ kind: 'node', node, depth });
        const shown = new Set();
        for (const term of node.terms) {
            const child = term.child !== undefined ? node.children[term.child] : undefined;
            if (child && term.child !== undefined) {
                shown.add(term.child);
                walk(child, depth + 1);
            }
            else
                out.push({ kind: 'term', term, node, depth });
        }
        node.children.forEach((child, i) => {
            if (!shown.has(i))
                walk(child, depth + 1);
        });
    };
    walk(root, 0);
    return out;
}
/** How a record was reached, as written before its domain: `include:`, `~include:`, `redirect=`; `''` for the root. */
function viaLabel(node) {
    if (node.via === 'root')
        return '';
    if (node.via === 'redirect')
        return 'redirect=';
    return `${node.qualifier === '+' ? '' : (node.qualifier ?? '')}include:`;
}
/**
 * The lookup cost of a record (RFC 7208 §4.6.4): `12 lookups in total` for the root (the whole policy);
 * `costs 4 (1 + 3 below)` for an include or redirect (the term itself and everything below it).
 */
function treeCost(node) {
    if (node.via === 'root')
        return `${node.totalLookups} lookup${node.totalLookups === 1 ? '' : 's'} in total`;
    const cost = 1 + node.totalLookups;
    return `costs ${cost}${node.totalLookups > 0 ? ` (1 + ${node.totalLookups} below)` : ''}`;
}

;// CONCATENATED MODULE: ./lib/report/html-spf.js
/**
 * The SPF part of a domain's HTML report: the lookup budget bars (RFC 7208 §4.6.4: at most 10 DNS-querying terms
 * and 2 void lookups) and the include tree drawn as nested lists, each record with its lookup cost. The tree comes
 * from the one walk every renderer uses ({@link spfTreeItems}), with the same words ({@link viaLabel},
 * {@link treeCost}); the costs are the analysis's, never recounted from the record text.
 *
 * @module
 */


/** RFC 7208 §4.6.4's limits. */
const LOOKUP_LIMIT = 10;
const VOID_LIMIT = 2;
/** Most lines drawn in one tree (records and terms); the rest are counted. */
const MAX_TREE_LINES = 200;
/** Most segments drawn in a bar (a policy of 60 lookups draws 40 and says the number). */
const MAX_SEGMENTS = 40;
/** A segment bar: `used` segments (in groups, each a run of one class) over `limit` slots; beyond it, red. */
function html_spf_segments(groups, limit) {
    const cells = [];
    let n = 0;
    groups.forEach((size, g) => {
        for (let i = 0; i < size && n < MAX_SEGMENTS; i++, n++)
            cells.push(n >= limit ? 'over' : g % 2 === 0 ? 'on' : 'on2');
    });
    for (; n < limit; n++)
        cells.push('');
    return cells.map((c) => (c ? `<i class="${c}"></i>` : '<i></i>')).join('');
}
/** The cost of each reached DNS-querying term of the root record: what a bar's groups are made of. */
function rootCosts(tree) {
    const out = [];
    for (const term of tree.terms) {
        if (!term.reached)
            continue;
        const child = term.child !== undefined ? tree.children[term.child] : undefined;
        const cost = child ? 1 + child.totalLookups : term.cost;
        if (cost > 0)
            out.push({ term, cost });
    }
    return out;
}
/**
 * The two budget bars: DNS-querying terms of 10 (one group of segments per term of the record, as the legend
 * says) and void lookups of 2, citing RFC 7208 §4.6.4 when `cite`. `''` when the record was not expanded (none,
 * several, DNS trouble).
 */
function spfBudget(spf, cite = true) {
    if (spf.lookups === undefined || !spf.tree)
        return '';
    const lookups = spf.lookups;
    const voids = spf.voidLookups ?? 0;
    const costs = rootCosts(spf.tree);
    const over = lookups > LOOKUP_LIMIT;
    const out = [];
    out.push(`<p><strong>DNS lookups: ${lookups} of ${LOOKUP_LIMIT}</strong> ${over ? badge('err', 'over the limit: permerror') : lookups === LOOKUP_LIMIT ? badge('warn', 'at the limit') : badge('ok', `${LOOKUP_LIMIT - lookups} to spare`)}${cite ? ` <span class="sub">(${rfcLinks('RFC 7208 §4.6.4')})</span>` : ''}</p>`);
    out.push(`<div class="bar" role="img" aria-label="${lookups} of ${LOOKUP_LIMIT} DNS lookups used">${html_spf_segments(costs.map((c) => c.cost), LOOKUP_LIMIT)}</div>`);
    if (costs.length > 1 || (cite && costs.length > 0))
        out.push(`<ul class="legend">${costs.map((c) => `<li>${code(c.term.term)} ${c.cost}</li>`).join('')}</ul>`);
    out.push(`<p><strong>Void lookups: ${voids} of ${VOID_LIMIT}</strong> ${voids > VOID_LIMIT ? badge('err', 'over the limit: permerror') : voids > 0 ? badge('warn', `${voids} void`) : badge('ok', 'none')}</p>`);
    out.push(`<div class="bar" role="img" aria-label="${voids} of ${VOID_LIMIT} void lookups">${html_spf_segments(voids > 0 ? [voids] : [], VOID_LIMIT)}</div>`);
    return out.join('\n');
}
/** What is shown of a term that leads to no record: reached DNS-querying terms, invalid terms, void lookups. */
function shownTerm(term) {
    return term.kind === 'invalid' || (term.reached && (term.cost > 0 || term.void));
}
/** Pips for a cost (decoration: the text says the number). */
function pips(n) {
    return n > 0 ? `<span class="pips" aria-hidden="true">${'<i></i>'.repeat(Math.min(n, 12))}</span>` : '';
}
function nodeLine(node, showRecord, full) {
    const cost = node.via === 'root' ? node.totalLookups : 1 + node.totalLookups;
    const parts = [
        `${code(`${viaLabel(node)}${node.domain}`)}${full ? pips(cost) : ' '}<span class="sub">${treeCost(node)}</span>`,
    ];
    if (node.voidLookups > 0 && node.via !== 'root')
        parts.push(badge('warn', html_layout_plural(node.voidLookups, 'void lookup')));
    if (node.status !== 'found') {
        const state = node.status === 'loop' || node.status === 'not-expanded' ? 'warn' : recordState(node.status);
        parts.push(badge(state, html_layout_esc(node.status)));
    }
    if (node.detail)
        parts.push(`<span class="sub">${html_layout_esc(node.detail)}</span>`);
    const record = node.record ?? node.records?.join(' | ');
    return `${parts.join(' ')}${showRecord && record !== undefined ? `<div class="sub">${code(record)}</div>` : ''}`;
}
function termLine(term, full) {
    const parts = [code(term.term)];
    if (term.kind === 'invalid')
        parts.push(badge('err', 'invalid term'));
    else if (term.reached && term.cost > 0)
        parts.push(`${full ? pips(term.cost) : ''}<span class="sub">costs ${term.cost}</span>`);
    if (term.void)
        parts.push(badge('warn', 'void lookup'));
    else if (term.voidFamilies && (term.voidFamilies.ipv4 || term.voidFamilies.ipv6))
        parts.push(badge('warn', `void for ${term.voidFamilies.ipv4 ? 'IPv4' : 'IPv6'} clients`));
    if (term.dnsError)
        parts.push(badge('dns', html_layout_esc(term.dnsError)));
    if (term.macro)
        parts.push('<span class="sub">(target depends on each message)</span>');
    return parts.join(' ');
}
/**
 * The include tree as nested lists: each record reached through `include` or `redirect` under the term that
 * reaches it, with its cost (`costs 4 (1 + 3 below)`) and, below the root, its record text (unless `records` is
 * false: then no decoration either); the DNS-querying
 * terms that lead to no record (a, mx, ptr, exists, macro includes) as leaves with their cost. At most
 * {@link MAX_TREE_LINES} lines, then a count of the rest.
 */
function spfTree(tree, records = true) {
    const items = spfTreeItems(tree).filter((i) => i.kind === 'node' || shownTerm(i.term));
    const out = ['<ul class="tree">'];
    let level = 0;
    let open = false;
    for (const item of items.slice(0, MAX_TREE_LINES)) {
        const depth = item.kind === 'node' ? item.depth : item.depth + 1;
        if (depth > level) {
            // Only ever one level deeper than the open item (items come in walk order).
            out.push('<ul>');
            level++;
        }
        else {
            if (open)
                out.push('</li>');
            for (; level > depth; level--)
                out.push('</ul></li>');
        }
        out.push(`<li>${item.kind === 'node' ? nodeLine(item.node, records && item.depth > 0, records) : termLine(item.term, records)}`);
        open = true;
    }
    if (open)
        out.push('</li>');
    for (; level > 0; level--)
        out.push('</ul></li>');
    out.push('</ul>');
    if (items.length > MAX_TREE_LINES)
        out.push(`<p class="sub">… and ${items.length - MAX_TREE_LINES} more lines (see the JSON report).</p>`);
    return out.join('');
}

;// CONCATENATED MODULE: ./lib/report/paint.js
/**
 * The one painter of text output: ANSI styles when colour is wanted, plain text otherwise. Every text renderer
 * (domain reports, batch summaries, `spf`, `dmarc`, `verify`) colours through {@link painter}, so `--no-color`,
 * `NO_COLOR` and a pipe mean the same thing everywhere. Untrusted text must be escaped before it is painted.
 *
 * @module
 */
const ANSI = {
    reset: '\u001b[0m',
    bold: '\u001b[1m',
    dim: '\u001b[2m',
    red: '\u001b[31m',
    green: '\u001b[32m',
    yellow: '\u001b[33m',
    magenta: '\u001b[35m',
    cyan: '\u001b[36m',
};
/** The painter for `color`: ANSI escape sequences when true, plain text when false. */
function painter(color) {
    return (text, ...styles) => color && styles.length > 0 ? `${styles.map((s) => ANSI[s]).join('')}${text}${ANSI.reset}` : text;
}
/** The colour of each finding severity. */
const paint_SEVERITY_STYLE = {
    error: 'red',
    warning: 'yellow',
    info: 'cyan',
};
/**
 * The colour of an authentication result (SPF, DKIM, DMARC, ARC: RFC 8601 §2.7): pass green, failures red,
 * softfail and neutral yellow, temperror magenta, anything else (none) cyan.
 */
function resultStyle(result) {
    switch (result) {
        case 'pass':
            return 'green';
        case 'fail':
        case 'permerror':
        case 'policy':
            return 'red';
        case 'softfail':
        case 'neutral':
            return 'yellow';
        case 'temperror':
            return 'magenta';
        default:
            return 'cyan';
    }
}

;// CONCATENATED MODULE: ./lib/report/text.js
/**
 * The text renderer: a table of the records (SPF, DMARC and where it was found, DKIM selectors with key size),
 * the policy gate's rules when a gate ran, then one line per finding. ANSI colour only when asked for; DNS text
 * always has its control characters made visible (a TXT record may hold ESC sequences).
 *
 * @module
 */





const OUTCOME_STYLE = {
    fail: 'red',
    undetermined: 'yellow',
    suppressed: 'dim',
    pass: 'green',
};
const OUTCOME_LABEL = {
    fail: 'FAIL',
    undetermined: 'UNDETERMINED',
    suppressed: 'SUPPRESSED',
    pass: 'pass',
};
/** `1 error, 2 warnings, 0 infos`. */
function countsLine(c) {
    const n = (k, word) => `${k} ${word}${k === 1 ? '' : 's'}`;
    return `${n(c.errors, 'error')}, ${n(c.warnings, 'warning')}, ${n(c.infos, 'info')}`;
}
/** Where a record came from, e.g. ` (zones/example.com.zone:12)`. */
function at(source) {
    return source ? ` (${escape_escapeControl(source.file)}:${source.line})` : '';
}
function keyDescription(s) {
    if (s.status !== 'found')
        return s.status === 'none' ? 'no key record' : (s.statusDetail ?? s.status);
    const type = s.keyType ?? 'rsa';
    const bits = s.bits !== undefined ? ` ${s.bits} bits` : '';
    return `${type}${bits}${s.testing ? ' (testing)' : ''}`;
}
function recordRows(view, paint) {
    const rows = [];
    const spf = view.spf;
    const spfDetail = spf.status === 'found' || spf.status === 'invalid'
        ? `  [${spf.lookups ?? '?'} lookup${spf.lookups === 1 ? '' : 's'}; all: ${spf.allQualifier === undefined ? 'none' : `${spf.allQualifier}all`}]`
        : '';
    rows.push([
        'SPF',
        spf.record !== undefined
            ? `${escape_escapeControl(spf.record)}${spfDetail}${spf.status === 'invalid' ? ' (invalid)' : ''}${at(spf.source)}`
            : paint(missingRecordText(spf.status, 'SPF record'), spf.status === 'dns-error' ? 'yellow' : 'red'),
    ]);
    const dmarc = view.dmarc;
    rows.push([
        'DMARC',
        dmarc.record !== undefined
            ? `${escape_escapeControl(dmarc.record)}  [at ${escape_escapeControl(dmarc.name ?? `_dmarc.${view.domain}`)}${dmarc.inherited ? ', inherited' : ''}]${at(dmarc.source)}`
            : paint(missingRecordText(dmarc.status, 'DMARC record'), dmarc.status === 'dns-error' ? 'yellow' : 'red'),
    ]);
    if (view.dkim.length === 0 && view.dkimUnchecked) {
        const u = view.dkimUnchecked;
        rows.push([
            'DKIM',
            paint(`${u.count} of ${u.probed} common selectors could not be checked (DNS ${u.kinds.join(', ')})`, 'yellow'),
        ]);
    }
    else if (view.dkim.length === 0)
        rows.push(['DKIM', paint('no selector found (give selectors to check)', 'dim')]);
    for (const s of view.dkim) {
        rows.push(['DKIM', `${escape_escapeControl(s.selector)}: ${keyDescription(s)}${at(s.source)}`]);
    }
    for (const x of view.extras) {
        const detail = x.detail ? `  [${x.detail}]` : '';
        rows.push([
            x.label,
            x.record !== undefined
                ? `${escape_escapeControl(x.record)}${detail}${at(x.source)}`
                : `${missingRecordText(x.status, `${x.label} record`)}${detail}`,
        ]);
    }
    return rows.map(([label, value]) => `  ${paint(label.padEnd(8), 'bold')} ${value}`);
}
/** The records of the SPF include tree, one a line (at most 61), each with its cost and status. */
function treeLines(tree) {
    return spfTreeItems(tree)
        .flatMap((item) => (item.kind === 'node' ? [item] : []))
        .slice(0, 61)
        .map(({ node, depth }) => {
        const status = node.status === 'found' ? '' : ` [${node.status}]`;
        return `  ${'  '.repeat(depth + 1)}${viaLabel(node)}${escape_escapeControl(node.domain)}  ${treeCost(node)}${status}`;
    });
}
/** One finding on one line, for the `spf`, `dmarc` and `verify` text: severity, id, message, RFC section. */
function findingListLine(f, paint) {
    return `  ${paint(f.severity.padEnd(8), SEVERITY_STYLE[f.severity])}${f.id}  ${escapeControl(f.message)}${f.rfc ? ` [${f.rfc}]` : ''}`;
}
function findingLine(f, paint, suffix = '') {
    const sev = paint(f.severity.padEnd(7), paint_SEVERITY_STYLE[f.severity]);
    const where = at(f.evidence?.source);
    const line = `  ${sev} ${f.id}  ${escape_escapeControl(f.message)}${where}${suffix}`;
    // Errors and warnings say what to do and which RFC says so; infos stay one line.
    if (f.severity === 'info' || (!f.remediation && !f.rfc))
        return line;
    const fix = [f.remediation ? escape_escapeControl(f.remediation) : '', f.rfc ? `[${escape_escapeControl(f.rfc)}]` : '']
        .filter(Boolean)
        .join(' ');
    return `${line}\n${' '.repeat(10)}${paint(`fix: ${fix}`, 'dim')}`;
}
function gateLines(g, paint) {
    const out = [];
    const status = g.status === 'passed'
        ? paint('passed', 'green')
        : paint(g.status, g.status === 'failed' ? 'red' : 'yellow');
    out.push(`  ${paint('Policy', 'bold')}   ${status}`);
    // Every rule result is listed, including findings that fail the gate (at or above fail-on) or leave it
    // undetermined, so the lines here add up to the counts in the verdict line.
    for (const r of g.rules) {
        const label = paint(OUTCOME_LABEL[r.outcome].padEnd(12), OUTCOME_STYLE[r.outcome]);
        const what = r.rule === 'finding' ? escape_escapeControl(r.id) : r.rule;
        const why = r.suppression
            ? ` (suppressed: ${escape_escapeControl(r.suppression.reason)}${r.suppression.expires ? `, until ${r.suppression.expires}` : ''})`
            : r.rule === 'finding' && r.finding
                ? ` (${r.finding.severity} finding)`
                : '';
        out.push(`    ${label} ${what}  ${escape_escapeControl(r.message)}${why}`);
    }
    return out;
}
function renderOne(report, paint, g) {
    const view = viewReport(report);
    const findings = g ? g.findings : report.findings;
    const counts = g ? g.counts : report.summary;
    const lines = [];
    const dns = report.summary.dnsTrouble
        ? paint('  DNS trouble: some checks could not complete', 'yellow')
        : '';
    lines.push(`${paint(escape_escapeControl(report.domain), 'bold')}  ${countsLine(counts)}${dns}`);
    lines.push(...recordRows(view, paint));
    if (view.spf.tree && view.spf.tree.children.length > 0) {
        lines.push(`  ${paint('SPF tree', 'bold')}`);
        lines.push(...treeLines(view.spf.tree));
    }
    if (g)
        lines.push(...gateLines(g, paint));
    if (findings.length > 0) {
        lines.push('');
        const failing = new Set(g?.rules.filter((r) => r.rule === 'finding' && r.outcome !== 'suppressed').map((r) => r.finding));
        for (const f of findings)
            lines.push(findingLine(f, paint, g && failing.has(f) ? paint('  [fails the policy]', 'red') : ''));
    }
    else {
        lines.push(paint('  no findings', 'green'));
    }
    return lines.join('\n');
}
/**
 * Renders reports as text for a terminal or a log.
 *
 * @param reports - the audit reports, rendered in order.
 * @returns the text, without a trailing newline. No ANSI codes unless `options.color`.
 */
function renderText(reports, options = {}) {
    const paint = painter(options.color === true);
    const parts = reports.map((r) => renderOne(r, paint, options.gate?.domains.find((d) => d.domain === r.domain)));
    if (options.gate) {
        const g = options.gate;
        const verdict = g.status === 'passed'
            ? paint('Policy passed', 'green', 'bold')
            : paint(escape_escapeControl(g.reason), g.status === 'failed' ? 'red' : 'yellow', 'bold');
        parts.push(verdict);
    }
    return parts.join('\n\n');
}

;// CONCATENATED MODULE: ./lib/report/html-domain.js
/**
 * One domain's page of the HTML report, as a `<section>`: the verdict header (the outcome at the failing level, or
 * the policy gate's status, with an icon, a word and the state of every area), the policy rules when gated, the
 * findings grouped by severity (what to fix first), then the details: every record as published with its zone file
 * line and status, the SPF budget and include tree, DMARC discovery, and the DKIM keys. Everything is read from the report and its read model
 * ({@link viewReport}); nothing is parsed again.
 *
 * @module
 */









/** The verdict of a domain: its state, a word and the rule it was decided by. */
function domainVerdict(report, gate, failOn) {
    if (gate) {
        const rule = 'by the policy';
        if (gate.status === 'passed')
            return { state: 'ok', word: 'passes the policy', rule };
        if (gate.status === 'failed')
            return { state: 'err', word: 'fails the policy', rule };
        return { state: 'dns', word: 'undetermined: DNS trouble', rule };
    }
    const rule = failOn === 'never' ? 'no finding fails (fail on never)' : `failing at ${failOn} and above`;
    const outcome = outcomeAt(report.findings, failOn, report.summary.dnsTrouble);
    if (outcome === 'pass')
        return { state: 'ok', word: 'pass', rule };
    if (outcome === 'fail')
        return { state: 'err', word: 'fail', rule };
    return { state: 'dns', word: 'undetermined: DNS trouble', rule };
}
/** `2026-01-15 12:00 UTC` for an ISO 8601 time; the text itself when it is not one. */
function when(iso) {
    const t = Date.parse(iso);
    return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
}
function statusCell(status, detail, note) {
    const extra = [detail, note].filter((x) => x !== undefined && x !== '').map((x) => html_layout_esc(x));
    return `${badge(recordState(status), RECORD_WORD[status])}${extra.length > 0 ? `<br><span class="sub">${extra.join('; ')}</span>` : ''}`;
}
function row(label, name, status, record, source) {
    return `<tr><th scope="row">${label}</th><td>${name}</td><td>${status}</td><td>${record}${source}</td></tr>`;
}
/** A zone file location below a record in the records table. */
function html_domain_at(source) {
    return source ? `<div class="zf">${html_layout_esc(source.file)}:${source.line}</div>` : '';
}
function missing(text) {
    return `<span class="sub">${html_layout_esc(text)}</span>`;
}
/** `rsa 2048 bits, testing`: a DKIM key's facts. */
function keyFacts(s) {
    if (s.status !== 'found')
        return undefined;
    return `${s.keyType ?? 'rsa'}${s.bits !== undefined ? ` ${s.bits} bits` : ''}${s.testing ? ', testing (t=y)' : ''}`;
}
function dkimRow(s) {
    const state = s.statusDetail ?? s.status;
    return row(`DKIM <bdi>${html_layout_esc(s.selector)}</bdi>`, code(s.name), statusCell(s.status, s.statusDetail, keyFacts(s)), s.record !== undefined ? code(s.record, true) : missing(missingRecordText(state, 'key record')), html_domain_at(s.source));
}
function extraRow(x) {
    return row(html_layout_esc(x.label), code(x.name), statusCell(x.status, x.statusDetail, x.detail), x.record !== undefined ? code(x.record, true) : missing(missingRecordText(x.status, `${x.label} record`)), html_domain_at(x.source));
}
/**
 * Every record as published: SPF, DMARC (where found), each DKIM selector, MX, MTA-STS, TLS-RPT, BIMI. When
 * `compact`, the optional records that are not published (status `none`) are named in one line below the table.
 */
function recordsTable(view, compact) {
    const rows = [];
    const spf = view.spf;
    rows.push(row('SPF', code(view.domain), statusCell(spf.status), spf.record !== undefined
        ? code(spf.record, true)
        : missing(missingRecordText(spf.status, 'SPF record')), html_domain_at(spf.source)));
    const dmarc = view.dmarc;
    rows.push(row('DMARC', code(dmarc.name ?? `_dmarc.${view.domain}`), statusCell(dmarc.status, dmarc.inherited ? 'inherited' : undefined), dmarc.record !== undefined
        ? code(dmarc.record, true)
        : missing(missingRecordText(dmarc.status, 'DMARC record')), html_domain_at(dmarc.source)));
    for (const s of view.dkim)
        rows.push(dkimRow(s));
    const absent = compact ? view.extras.filter((x) => x.status === 'none') : [];
    for (const x of view.extras)
        if (!absent.includes(x))
            rows.push(extraRow(x));
    const none = absent.length > 0
        ? `<p class="sub">${badge('none', 'none')} Not published: ${absent.map((x) => `${html_layout_esc(x.label)} (${code(x.name)})`).join(', ')}.</p>`
        : '';
    return `${scrollTable(`<table class="recs"><thead><tr><th scope="col">Record</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">As published, and its zone file line</th></tr></thead><tbody>${rows.join('')}</tbody></table>`)}${none}`;
}
/** The DKIM keys: selector, key type, size, testing flag. */
function dkimSection(view) {
    if (view.dkim.length === 0) {
        const u = view.dkimUnchecked;
        return u
            ? `<p>${badge('dns', 'DNS trouble')} ${u.count} of ${u.probed} common selectors could not be checked (DNS ${html_layout_esc(u.kinds.join(', '))}).</p>`
            : `<p>${badge('none', 'no selector found')} Common selectors were probed; give the selectors you sign with (<code>--selector</code>) to check them.</p>`;
    }
    const rows = view.dkim.map((s) => {
        const found = s.status === 'found';
        return `<tr><th scope="row"><bdi>${html_layout_esc(s.selector)}</bdi></th><td>${badge(recordState(s.status), s.statusDetail ?? RECORD_WORD[s.status])}</td><td>${found || s.keyType ? html_layout_esc(s.keyType ?? 'rsa') : ''}</td><td class="n">${s.bits ?? ''}</td><td>${s.testing ? badge('warn', 't=y testing') : found ? 'no' : ''}</td></tr>`;
    });
    return scrollTable(`<table><thead><tr><th scope="col">Selector</th><th scope="col">Status</th><th scope="col">Key type</th><th scope="col" class="n">Size (bits)</th><th scope="col">Testing</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
}
const ALL_WORD = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };
function spfSection(view, open, records) {
    const spf = view.spf;
    const out = [];
    if (spf.status !== 'found' && spf.status !== 'invalid') {
        out.push(`<p>${badge(recordState(spf.status), RECORD_WORD[spf.status])} ${html_layout_esc(missingRecordText(spf.status, 'SPF record'))}.</p>`);
    }
    else {
        const all = spf.allQualifier;
        out.push(`<p>The policy ends with ${all === undefined ? `${badge('warn', 'no all')} (other hosts get neutral)` : `${code(`${all}all`)} (${ALL_WORD[all]} for every other host)`}.</p>`);
    }
    out.push(spfBudget(spf, records));
    if (spf.tree && (spf.tree.children.length > 0 || spf.tree.terms.some((t) => t.cost > 0))) {
        out.push(`<details${open ? ' open' : ''} class="spf-tree"><summary>Include tree: ${html_layout_plural(spf.tree.totalLookups, 'lookup')}</summary>${spfTree(spf.tree, records)}</details>`);
    }
    return out.join('\n');
}
/** One domain's section of the report (see the module notes). */
function html_domain_domainSection(report, options) {
    const view = viewReport(report);
    const g = options.gate;
    const findings = g ? g.findings : report.findings;
    const counts = g ? g.counts : report.summary;
    const verdict = domainVerdict(report, g, options.failOn ?? 'error');
    const id = html_layout_esc(options.id);
    const out = [`<section class="card domain" id="${id}" aria-labelledby="${id}-h">`];
    const facts = [countsLine(counts)];
    if (g?.counts.suppressed)
        facts.push(`${g.counts.suppressed} suppressed`);
    // A report of several domains says the rule and the time once, in its header.
    if (!options.several)
        facts.push(verdict.rule, `checked ${html_layout_esc(when(report.checkedAt))}`);
    out.push(`<div class="verdict s-${verdict.state}"><h2 id="${id}-h"><bdi>${html_layout_esc(report.domain)}</bdi></h2>${badge(verdict.state, verdict.word, 'big')}<span class="sub">${facts.join(' · ')}</span></div>`);
    if (report.summary.dnsTrouble)
        out.push(`<p>${badge('dns', 'DNS trouble')} Some checks could not complete (timeout, SERVFAIL or REFUSED): see the findings. This is never read as "no record".</p>`);
    if (options.several)
        out.push('<p class="nav"><a href="#overview">↑ Overview</a></p>');
    else {
        const chips = AREAS.map((a) => {
            const s = areaState(report, findings, a);
            return `<li class="s-${s.state}">${STATE_ICON[s.state]} ${a.label} ${s.word}</li>`;
        });
        out.push(`<ul class="chips" aria-label="State of each area">${chips.join('')}</ul>`);
    }
    if (g)
        out.push(`<h3>Policy rules</h3>${rulesTable(g)}`);
    out.push(`<h3>Findings</h3>${findingsSection(findings, { linked: options.several === true, ...(g ? { gate: g } : {}) })}`);
    out.push(`<h3>Records as published</h3>${recordsTable(view, options.several === true)}`);
    out.push(`<h3>SPF</h3>${spfSection(view, options.open, options.several !== true)}`);
    out.push(`<h3>DMARC</h3>${dmarcSection(report.dmarc, view.dmarc, { open: options.open, compact: options.several === true })}`);
    // In a report of several domains the key facts are in the records table's status notes.
    if (!options.several || view.dkim.length === 0)
        out.push(`<h3>DKIM keys</h3>${dkimSection(view)}`);
    out.push('</section>');
    return out.join('\n');
}

;// CONCATENATED MODULE: ./lib/report/html-overview.js
/**
 * The overview of a report of several domains (a batch, or several domains gated together): outcome counts, the
 * most common findings, and one sortable, filterable row per domain with its outcome, counts and the state of each
 * area (a compact grid: an icon and a word in every cell), linked down to the domain's section. The table is
 * complete without JavaScript; the page's script only adds sorting and filtering.
 *
 * @module
 */




/** The state and word of each outcome. */
const OUTCOME_BADGE = {
    fail: { state: 'err', word: 'fail', rank: 0 },
    error: { state: 'err', word: 'not audited', rank: 1 },
    undetermined: { state: 'dns', word: 'undetermined', rank: 2 },
    pass: { state: 'ok', word: 'pass', rank: 3 },
};
const html_overview_pct = (n, of) => (of === 0 ? '0 %' : `${Math.round((n / of) * 100)} %`);
function cards(facts) {
    const total = facts.total ?? facts.entries.length;
    const count = (o) => facts.entries.filter((e) => e.outcome === o).length;
    const items = [
        ['ok', 'passing', count('pass')],
        ['err', 'failing', count('fail')],
        ['dns', 'undetermined', count('undetermined')],
        ['err', 'not audited', count('error')],
    ];
    if (facts.missing)
        items.push(['warn', 'missing', facts.missing.domains]);
    return `<div class="cards">${items
        .map(([state, word, n]) => `<div class="s-${n > 0 ? state : 'none'}"><strong>${n}</strong>${STATE_ICON[n > 0 ? state : 'none']} ${word} <span class="sub">(${html_overview_pct(n, total)})</span></div>`)
        .join('')}</div>`;
}
function topFindings(findings, domains, top) {
    if (findings.length === 0)
        return `<p>${badge('ok', 'no findings')} in any domain.</p>`;
    const rows = findings.slice(0, top).map((f) => {
        const title = findingDefinition(f.id)?.title ?? f.id;
        return `<tr><th scope="row"><a href="#${referenceAnchor(f.id)}">${code(f.id)}</a> <span class="sub">${html_layout_esc(title)}</span></th><td>${severityBadge(f.severity)}</td><td class="n">${f.domains}</td><td class="n">${html_overview_pct(f.domains, domains)}</td><td class="n">${f.occurrences}</td></tr>`;
    });
    const more = findings.length > top
        ? `<p class="sub">${findings.length - top} more finding ids (see each domain).</p>`
        : '';
    return `${scrollTable(`<table class="sortable"><thead><tr><th scope="col">Finding</th><th scope="col">Severity</th><th scope="col" class="n">Domains</th><th scope="col" class="n">Share</th><th scope="col" class="n">Occurrences</th></tr></thead><tbody>${rows.join('')}</tbody></table>`)}${more}`;
}
function areaCells(e) {
    return AREAS.map((a) => {
        if (!e.report)
            return '<td data-v="9"></td>';
        const s = areaState(e.report, e.findings, a);
        return `<td class="s-${s.state}" data-v="${s.rank}">${STATE_ICON[s.state]} ${s.short}</td>`;
    }).join('');
}
function domainRow(e) {
    const o = OUTCOME_BADGE[e.outcome];
    const r = e.report;
    const lookups = r?.spf.tree && (r.spf.status === 'found' || r.spf.status === 'invalid') ? r.spf.lookups : undefined;
    const p = r?.dmarc.policy ?? r?.dmarc.effective?.p;
    const name = r ? `<a href="#${html_layout_esc(e.id)}"><bdi>${html_layout_esc(e.domain)}</bdi></a>` : `<bdi>${html_layout_esc(e.domain)}</bdi>`;
    const note = e.error ? `<br><span class="sub">${html_layout_esc(e.error)}</span>` : '';
    return `<tr data-outcome="${e.outcome}"><td class="n">${e.index + 1}</td><th scope="row">${name}${note}</th><td data-v="${o.rank}">${badge(o.state, o.word)}</td><td class="n">${e.counts?.errors ?? ''}</td><td class="n">${e.counts?.warnings ?? ''}</td><td class="n"${lookups !== undefined && lookups > 10 ? ' data-over="1"' : ''}>${lookups ?? ''}</td><td>${p ? html_layout_esc(p) : ''}</td>${areaCells(e)}</tr>`;
}
/**
 * The overview section (`id="overview"`): outcome cards, the `top` most common findings (default 10), and the
 * domains table with one column per area.
 */
function html_overview_overviewSection(facts, top = 10) {
    const out = ['<section class="card" id="overview" aria-labelledby="overview-h">'];
    out.push('<h2 id="overview-h">Overview</h2>');
    out.push(cards(facts));
    if (facts.missing)
        out.push(`<p>${badge('warn', 'partial')} ${html_layout_esc(facts.missing.why)}</p>`);
    out.push('<h3>Most common findings</h3>');
    out.push(topFindings(facts.findings, facts.entries.length, top));
    out.push('<h3>Domains</h3>');
    out.push('<p class="sub">Each area: ✓ ok, ⚠︎ warn(ing), ✗ err(or), ? DNS trouble, – none published, or skip(ped) by the audit. Select a domain to go to its section.</p>');
    const head = [
        '<th scope="col" class="n">#</th>',
        '<th scope="col">Domain</th>',
        '<th scope="col">Outcome</th>',
        '<th scope="col" class="n"><abbr title="Errors">Err.</abbr></th>',
        '<th scope="col" class="n"><abbr title="Warnings">Warn.</abbr></th>',
        '<th scope="col" class="n"><abbr title="SPF DNS lookups (limit 10)">Lookups</abbr></th>',
        '<th scope="col"><abbr title="DMARC policy for the domain">p=</abbr></th>',
        ...AREAS.map((a) => `<th scope="col">${a.label}</th>`),
    ];
    out.push(scrollTable(`<table class="sortable grid" data-filter="domains"><caption class="vh">Domains by outcome and area</caption><thead><tr>${head.join('')}</tr></thead><tbody>${facts.entries.map(domainRow).join('\n')}</tbody></table>`));
    out.push('</section>');
    return out.join('\n');
}

;// CONCATENATED MODULE: ./lib/report/html.js
/**
 * The HTML report of `mailgate audit --format html` and the Action's `html-file`: one self-contained file (no
 * request of any kind, a Content-Security-Policy that forbids them, inline style and script), readable from disk
 * or a CI artifact, printable, usable without JavaScript. One domain gets its page; several domains (a batch, or
 * several gated together) get an overview first ({@link overviewSection}) and a section per domain.
 *
 * @module
 */





const GATE_BADGE = {
    passed: { state: 'ok', word: 'policy passed' },
    failed: { state: 'err', word: 'policy failed' },
    undetermined: { state: 'dns', word: 'undetermined' },
};
const GATE_OUTCOME = {
    passed: 'pass',
    failed: 'fail',
    undetermined: 'undetermined',
};
/** The anchor of the domain at input position `index` (made by mailgate, never from DNS text). */
const html_anchor = (index) => `d-${index + 1}`;
function header(title, lines) {
    return `<header><h1>${html_layout_esc(title)}</h1>${lines.map((l) => `<p>${l}</p>`).join('')}</header>`;
}
function gateOf(gate, report) {
    return gate?.domains.find((d) => d.domain === report.domain);
}
/**
 * Renders domain reports (gated or not) as one HTML document: for one domain its page, for several an overview
 * with links to each domain's section. Every piece of DNS text is escaped (see `html-layout.ts`).
 * @returns the complete document, ending with a newline.
 */
function renderHtml(reports, options = {}) {
    const title = options.title ?? 'mailgate report';
    const failOn = options.failOn ?? options.gate?.failOn ?? 'error';
    const g = options.gate;
    const lines = [];
    const checked = reports.map((r) => r.checkedAt).sort()[0];
    lines.push(`<span class="sub">${html_layout_plural(reports.length, 'domain')}${checked ? ` · checked ${html_layout_esc(checked.slice(0, 16).replace('T', ' '))} UTC` : ''}</span>`);
    if (g) {
        const b = GATE_BADGE[g.status];
        lines.push(`${badge(b.state, b.word, 'big')} ${g.status === 'passed' ? `every rule holds for ${html_layout_plural(reports.length, 'domain')}.` : `<bdi>${html_layout_esc(g.reason)}</bdi>`}`);
    }
    const parts = [header(title, lines)];
    const several = reports.length > 1;
    if (several) {
        const entries = reports.map((r, index) => {
            const dg = gateOf(g, r);
            return {
                id: html_anchor(index),
                index,
                domain: r.domain,
                outcome: dg ? GATE_OUTCOME[dg.status] : reportOutcome(r, failOn),
                report: r,
                findings: dg ? dg.findings : r.findings,
                counts: dg ? dg.counts : r.summary,
            };
        });
        // The most common findings, counted over the findings each domain is judged by (the gate's, when gated).
        const counted = summarizeBatch(entries.map((e) => ({
            index: e.index,
            domain: e.domain,
            report: { ...e.report, findings: [...e.findings] },
        })), failOn);
        parts.push(html_overview_overviewSection({ entries, findings: counted.findings }));
    }
    reports.forEach((r, index) => {
        const dg = gateOf(g, r);
        parts.push(html_domain_domainSection(r, {
            id: html_anchor(index),
            failOn,
            open: !several,
            several,
            ...(dg ? { gate: dg } : {}),
        }));
    });
    if (several)
        parts.push(html_findings_findingsReference(reports.flatMap((r) => (gateOf(g, r) ?? r).findings.map((f) => f.id))));
    return html_layout_htmlDocument({ title, body: parts.join('\n') });
}
/**
 * Renders a batch report (`mailgate audit --domains-file`, `mailgate report merge`) as one HTML document: the
 * overview (outcomes, most common findings, the domains by area), then each audited domain's section; domains
 * that could not be audited are listed with why, and a partial merge says which shards are missing.
 * @returns the complete document, ending with a newline.
 */
function renderBatchHtml(report, options = {}) {
    const title = options.title ?? 'mailgate batch audit';
    const s = report.summary;
    const scope = report.shard
        ? ` (shard ${report.shard.index}/${report.shard.count} of ${report.total})`
        : report.missing
            ? ` of ${report.total} (shards ${formatShards(report.mergedShards ?? [])} merged)`
            : '';
    const asked = report.dns.queries + report.dns.cacheHits;
    const lines = [
        `${plural(s.domains, 'domain')}${scope}, failing at <strong>${report.failOn}</strong> · checked ${esc(report.checkedAt.slice(0, 16).replace('T', ' '))} UTC`,
        `<span class="sub">DNS: ${report.dns.queries} queries sent, ${report.dns.cacheHits} of ${asked} answered from the shared cache.</span>`,
    ];
    const entries = report.entries.map((e) => {
        const entry = {
            id: html_anchor(e.index),
            index: e.index,
            domain: e.report?.domain ?? e.domain,
            outcome: e.outcome,
            findings: e.report?.findings ?? [],
        };
        if (e.report) {
            entry.report = e.report;
            entry.counts = e.report.summary;
        }
        if (e.error)
            entry.error = e.error.message;
        return entry;
    });
    const missing = report.missing
        ? {
            domains: report.missing.domains,
            why: `Partial merge: shard(s) ${formatShards(report.missing.shards)} missing, so ${report.missing.domains} of ${report.total} domains were not checked.`,
        }
        : undefined;
    const parts = [
        header(title, lines),
        overviewSection({ entries, findings: s.findings, total: report.total, ...(missing ? { missing } : {}) }),
    ];
    for (const e of report.entries) {
        if (e.report)
            parts.push(domainSection(e.report, { id: html_anchor(e.index), failOn: report.failOn, open: false, several: true }));
    }
    parts.push(findingsReference(s.findings.map((f) => f.id)));
    return htmlDocument({ title, body: parts.join('\n') });
}

;// CONCATENATED MODULE: ./lib/report/json.js
/**
 * The JSON renderer. Without a gate: one {@link DomainReport} (one domain) or an array of them, each valid
 * against `schema/domain-report.schema.json`. With a gate (`--policy`, the Action's report file): a
 * {@link GatedReport} envelope valid against `schema/gated-report.schema.json`.
 *
 * @module
 */


/** Builds the {@link GatedReport} envelope. */
function gatedReport(reports, gate) {
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: 'mailgate', version: version/* VERSION */.x },
        gate,
        reports: [...reports],
    };
}
/**
 * Serialises reports: a gate envelope when `options.gate` is given, else one report object for one domain and
 * an array for several.
 */
function renderJson(reports, options = {}) {
    const value = options.gate
        ? gatedReport(reports, options.gate)
        : reports.length === 1
            ? reports[0]
            : reports;
    return JSON.stringify(value, null, options.indent ?? 2);
}

;// CONCATENATED MODULE: ./lib/report/sarif.js
/**
 * The SARIF 2.1.0 renderer, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF
 * viewers. `runs[0].tool.driver.rules` comes from the findings catalog; each finding becomes a result with its
 * `ruleId`, `level` and message, located in the zone file and line that define the record when the record came
 * from a zone file, and logically at the domain.
 *
 * Regions are whole lines: `region` has `startLine` only, never `startColumn`/`endColumn`. A finding's
 * `evidence.position` is an offset into the record text (the TXT character-strings unescaped and joined), not
 * into the zone file: in the file the same record is quoted, may be split into several character-strings or
 * across lines inside parentheses, and may use `\"`, `\\` or `\DDD` escapes (RFC 1035 §5.1), so a column
 * computed from the offset would be wrong for many records, and a renderer does not read zone files to check.
 * Instead the result's `properties` carry `term` and `termOffset`/`termLength` (UTF-16 code units into
 * `properties.record`), which locate the term exactly in the record.
 *
 * @module
 */




/** The SARIF schema URL written in `$schema`. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL = { error: 'error', warning: 'warning', info: 'note' };
/**
 * `message.text` is plain text (SARIF 2.1.0 §3.11.8), shown as is: no Markdown escaping. Control and invisible
 * characters are made visible (`\x1b`), so DNS text cannot break a viewer's line or colour it. The one syntax
 * plain text has is the embedded link `[text](target)` (§3.11.6); literal brackets and backslashes "MAY appear
 * anywhere else ... without being escaped", so they are escaped (`\[`, `\]`, `\\`) only in a text where `](`
 * could make one, which keeps untrusted text from linking anywhere.
 */
function sarifText(text) {
    const visible = escape_escapeControl(text);
    return visible.includes('](') ? visible.replace(/[\\[\]]/g, (c) => `\\${c}`) : visible;
}
/**
 * A file path as a SARIF `artifactLocation.uri` (§3.4.3: a URI reference): `\` becomes `/`, each path segment is
 * percent-encoded (RFC 3986 §2.1: spaces, `%`, `|`, `<`, backquote, `#`, `?`, `:`, control and non-ASCII
 * characters), so the result is a valid relative reference to resolve against `uriBaseId` (`%SRCROOT%`). An
 * absolute path (`/srv/zones/x.zone`, `C:\zones\x.zone`) becomes a `file:` URI and gets no `uriBaseId`.
 */
function artifactUri(file) {
    const path = file.replace(/\\/g, '/');
    // A lone surrogate cannot be UTF-8 encoded (encodeURIComponent would throw): it becomes U+FFFD first.
    const wellFormed = (seg) => seg.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
    const encode = (segments) => segments.map((seg) => encodeURIComponent(wellFormed(seg))).join('/');
    const drive = /^([A-Za-z]):\//.exec(path);
    if (drive)
        return { uri: `file:///${drive[1]}:/${encode(path.slice(3).split('/'))}` };
    if (path.startsWith('/'))
        return { uri: `file://${encode(path.split('/'))}` };
    return { uri: encode(path.replace(/^(\.\/)+/, '').split('/')), uriBaseId: '%SRCROOT%' };
}
function ruleName(id) {
    return id
        .split(/[.-]/)
        .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : ''))
        .join('');
}
function ruleOf(def) {
    const area = def.id.split('.')[0] ?? 'mailgate';
    const full = `${def.title}${def.rfc ? ` (${def.rfc})` : ''}.`;
    const remediation = def.remediation ?? 'See the finding message.';
    return {
        id: def.id,
        name: ruleName(def.id),
        shortDescription: { text: def.title },
        fullDescription: { text: full },
        help: {
            text: remediation,
            markdown: `**${def.title}**${def.rfc ? ` (${def.rfc})` : ''}\n\n${remediation}`,
        },
        defaultConfiguration: { level: LEVEL[def.severity] },
        properties: { tags: ['email', 'dns', area], precision: 'very-high' },
    };
}
function fingerprint(f, domain) {
    const e = f.evidence ?? {};
    const key = [domain, f.id, e.name ?? '', e.term ?? '', e.record ?? ''].join('\u0000');
    return (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex').slice(0, 32);
}
/**
 * Renders reports as a SARIF 2.1.0 log (one run).
 *
 * @returns the log object; serialise it with `JSON.stringify`.
 */
function renderSarif(reports, options = {}) {
    const rules = FINDINGS_CATALOG.map(ruleOf);
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const ruleIndex = (f) => {
        const known = index.get(f.id);
        if (known !== undefined)
            return known;
        const rule = ruleOf({ id: f.id, severity: f.severity, title: f.id, ...(f.rfc ? { rfc: f.rfc } : {}) });
        rules.push(rule);
        index.set(f.id, rules.length - 1);
        return rules.length - 1;
    };
    const entries = [];
    for (const report of reports) {
        const g = options.gate?.domains.find((d) => d.domain === report.domain);
        if (g) {
            for (const f of g.findings)
                entries.push({ finding: f, domain: report.domain });
            for (const s of g.suppressed)
                entries.push({ finding: s.finding, domain: report.domain, suppression: s.suppression });
        }
        else {
            for (const f of report.findings)
                entries.push({ finding: f, domain: report.domain });
        }
    }
    const results = entries.map(({ finding, domain, suppression }) => {
        const source = finding.evidence?.source ?? options.locate?.(finding);
        const location = {
            logicalLocations: [
                {
                    name: escape_escapeControl(finding.evidence?.name ?? domain),
                    fullyQualifiedName: escape_escapeControl(finding.evidence?.name ?? domain),
                    kind: 'resource',
                },
            ],
        };
        if (source) {
            location.physicalLocation = {
                artifactLocation: artifactUri(source.file),
                region: { startLine: Math.max(1, source.line) },
            };
        }
        const result = {
            ruleId: finding.id,
            ruleIndex: ruleIndex(finding),
            level: LEVEL[finding.severity],
            message: { text: sarifText(`${domain}: ${finding.message}`) },
            locations: [location],
            partialFingerprints: { 'mailgateFinding/v1': fingerprint(finding, domain) },
            properties: {
                domain,
                ...(finding.rfc ? { rfc: finding.rfc } : {}),
                ...(finding.evidence?.record !== undefined ? { record: finding.evidence.record } : {}),
                ...(finding.evidence?.term !== undefined ? { term: finding.evidence.term } : {}),
                ...(finding.evidence?.position
                    ? { termOffset: finding.evidence.position.offset, termLength: finding.evidence.position.length }
                    : {}),
            },
        };
        if (suppression) {
            result.suppressions = [
                {
                    kind: 'external',
                    status: 'accepted',
                    justification: `${suppression.reason}${suppression.expires ? ` (until ${suppression.expires})` : ''}`,
                },
            ];
        }
        return result;
    });
    const run = {
        tool: {
            driver: {
                name: 'mailgate',
                version: version/* VERSION */.x,
                semanticVersion: version/* VERSION */.x,
                informationUri: options.informationUri ?? 'https://github.com/mailgate/mailgate',
                rules,
            },
        },
        results,
    };
    if (options.category)
        run.automationDetails = { id: options.category };
    return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

;// CONCATENATED MODULE: ./lib/action/inputs.js
/**
 * The Action's inputs (see `action.yml`), parsed and checked. A bad value is an {@link ActionInputError} whose
 * message says which input to fix and how.
 *
 * @module
 */



/** A usage error: a bad input, an unreadable policy or zone file. The message says what to fix. */
class ActionInputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ActionInputError';
    }
}
/** Splits a list input on commas, newlines and white space; drops empty items and `#` comments. */
function splitList(text) {
    return text
        .split(/\r?\n/)
        .map((line) => line.replace(/(^|\s)#.*$/, ''))
        .flatMap((line) => line.split(/[,\s]+/))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/**
 * Splits a glob list on newlines and on commas outside braces (`zones/*.{zone,db}` stays one pattern); not on
 * spaces, since paths may contain them. Drops empty items and items starting with `#`.
 */
function splitGlobs(text) {
    const items = [];
    let current = '';
    let depth = 0;
    for (const c of text) {
        if (c === '\n' || c === '\r' || (c === ',' && depth === 0)) {
            items.push(current);
            current = '';
            if (c !== ',')
                depth = 0;
            continue;
        }
        if (c === '{')
            depth++;
        else if (c === '}' && depth > 0)
            depth--;
        current += c;
    }
    items.push(current);
    return items.map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
}
/**
 * Parses `zone-origins`: one `FILE=ORIGIN` per line (`#` comments and blank lines ignored), FILE relative to the
 * repository root.
 * @throws {@link ActionInputError} for a malformed line, a path that climbs out of the repository, a file given
 *   two origins.
 */
function parseZoneOrigins(text) {
    const map = new Map();
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const eq = line.lastIndexOf('=');
        const file = external_node_path_.posix.normalize(line.slice(0, eq).trim().split('\\').join('/'));
        const origin = line
            .slice(eq + 1)
            .trim()
            .toLowerCase()
            .replace(/\.$/, '');
        if (eq < 0 || line.slice(0, eq).trim() === '' || !DOMAIN.test(origin)) {
            throw new ActionInputError(`zone-origins: "${line}" is not FILE=ORIGIN (one per line, e.g. zones/main.zone=example.com)`);
        }
        if (file === '..' || file.startsWith('../') || file.startsWith('/'))
            throw new ActionInputError(`zone-origins: "${line}": the file must be a path inside the repository`);
        if (map.has(file) && map.get(file) !== origin)
            throw new ActionInputError(`zone-origins: ${file} is given two origins (${map.get(file)} and ${origin})`);
        map.set(file, origin);
    }
    return map;
}
const DOMAIN = /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}\.?$/;
function checkServer(server) {
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
    const hostPort = /^([^:]+):(\d{1,5})$/.exec(server);
    const ok = (0,external_node_net_.isIPv4)(server) ||
        (0,external_node_net_.isIPv6)(server) ||
        (bracketed !== null &&
            (0,external_node_net_.isIPv6)(bracketed[1]) &&
            (bracketed[2] === undefined || Number(bracketed[2]) <= 65535)) ||
        (hostPort !== null && (0,external_node_net_.isIPv4)(hostPort[1]) && Number(hostPort[2]) >= 1 && Number(hostPort[2]) <= 65535);
    if (!ok) {
        throw new ActionInputError(`dns-servers: "${server}" is not an IP address with an optional port (e.g. 1.1.1.1, 192.0.2.53:5353, [2001:db8::53]:53)`);
    }
    return server;
}
/**
 * Parses the Action inputs.
 * @throws {@link ActionInputError} naming the input and the expected form.
 */
function readInputs(get) {
    const domains = splitList(get('domains'));
    for (const d of domains) {
        if (!DOMAIN.test(d) && !/[^\x00-\x7f]/.test(d)) {
            throw new ActionInputError(`domains: "${d}" is not a domain name (write e.g. example.com, one per line or comma separated)`);
        }
    }
    const selectors = splitList(get('selectors'));
    for (const s of selectors) {
        if (!/^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/.test(s)) {
            throw new ActionInputError(`selectors: "${s}" is not a DKIM selector (letters, digits, "-", "_" and "." only)`);
        }
    }
    const dmarcMode = get('dmarc-mode').trim() || '9989';
    if (dmarcMode !== '9989' && dmarcMode !== '7489') {
        throw new ActionInputError(`dmarc-mode: must be 9989 (RFC 9989, the default) or 7489 (RFC 7489), not "${dmarcMode}"`);
    }
    const failOnText = get('fail-on').trim();
    if (failOnText !== '' && failOnText !== 'error' && failOnText !== 'warning' && failOnText !== 'never') {
        throw new ActionInputError(`fail-on: must be error, warning or never, not "${failOnText}"`);
    }
    const timeoutText = get('dns-timeout').trim();
    const dnsTimeoutMs = timeoutText === '' ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
    if (!Number.isInteger(dnsTimeoutMs) || dnsTimeoutMs < 1 || dnsTimeoutMs > 60_000) {
        throw new ActionInputError(`dns-timeout: must be a whole number of milliseconds from 1 to 60000, not "${timeoutText}"`);
    }
    const config = {
        domains,
        selectors,
        zoneFiles: splitGlobs(get('zone-files')),
        zoneOrigins: parseZoneOrigins(get('zone-origins')),
        dnsServers: splitList(get('dns-servers')).map(checkServer),
        dnsTimeoutMs,
        dmarcMode,
    };
    const policy = get('policy').trim();
    if (policy)
        config.policy = policy;
    if (failOnText)
        config.failOn = failOnText;
    const sarif = get('sarif-file').trim();
    if (sarif)
        config.sarifFile = sarif;
    const report = get('report-file').trim();
    if (report)
        config.reportFile = report;
    const html = get('html-file').trim();
    if (html)
        config.htmlFile = html;
    return config;
}

;// CONCATENATED MODULE: ./lib/action/zones.js
/**
 * Zone files for the Action's "what-if" mode: finding them by glob in the repository (and only there), loading
 * them, and pointing findings at the zone file line that defines (or should define) the record.
 *
 * @module
 */
// `glob` through the namespace: a named import of it would fail to link on Node.js < 22, before the library's
// own version check (src/runtime.ts) could say which version is needed.






/**
 * A zone file that servers would refuse (or whose origin is ambiguous): a usage error located at the file and
 * line (the Action annotates that line). `file` is repository-relative.
 */
class ZoneFileInputError extends ActionInputError {
    file;
    /** 1-based; 0 when the problem is the file as a whole (an ambiguous origin). */
    line;
    column;
    /** The problem without its location. */
    detail;
    constructor(error, file) {
        super(`zone-files: ${file}:${error.line}${error.column !== undefined ? `:${error.column}` : ''}: ${error.detail}`);
        this.name = 'ZoneFileInputError';
        this.file = file;
        this.line = error.line;
        this.column = error.column;
        this.detail = error.detail;
    }
}
/** Repository-relative path with `/` separators. */
function repoPath(file, workspace) {
    const rel = (0,external_node_path_.isAbsolute)(file) ? (0,external_node_path_.relative)(workspace, file) : file;
    return rel.split(external_node_path_.sep).join('/');
}
/** True when `path` is `root` or below it (both absolute and already resolved; no symbolic links followed). */
function zones_isInside(path, root) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!(0,external_node_path_.isAbsolute)(rel) && rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`));
}
const OUTSIDE_HINT = 'zone files must be in the repository (GITHUB_WORKSPACE); write patterns relative to its root, e.g. zones/*.zone';
/**
 * A `zone-files` pattern as a glob relative to the workspace: `./` and `a/../` folded, an absolute pattern inside
 * the workspace made relative, a trailing `/` or `/**` dropped (the directory then stands for the `*.zone` files
 * below it, as the CLI's `--zone DIR`).
 *
 * @throws {@link ActionInputError} when the pattern is absolute outside the workspace or climbs out of it (`..`).
 */
function workspacePattern(pattern, workspace) {
    let p = pattern;
    if ((0,external_node_path_.isAbsolute)(p)) {
        const rel = (0,external_node_path_.relative)(workspace, p);
        if ((0,external_node_path_.isAbsolute)(rel) || rel === '..' || rel.startsWith(`..${external_node_path_.sep}`))
            throw new ActionInputError(`zone-files: "${pattern}" is outside the repository; ${OUTSIDE_HINT}`);
        p = rel.split(external_node_path_.sep).join('/') || '.';
    }
    p = external_node_path_.posix.normalize(p.split(external_node_path_.sep).join('/'));
    if (p === '..' || p.startsWith('../'))
        throw new ActionInputError(`zone-files: "${pattern}" is outside the repository; ${OUTSIDE_HINT}`);
    p = p.replace(/(?:^|\/)\*\*\/?$/, '').replace(/\/+$/, '');
    return p === '' ? '.' : p;
}
/** True for the white space of a zone file line (space and tab; the line break ends the line). */
function isBlank(c) {
    return c === 0x20 || c === 0x09 || c === 0x0d;
}
/**
 * True when one line is a `$ORIGIN`/`$TTL` directive or an SOA record: `[owner] [ttl] [IN] [ttl] SOA ...`.
 * Looks at no more than the first five words, so each line costs at most its own length.
 */
function zoneLine(text, start, end) {
    let i = start;
    const ownerOmitted = i < end && isBlank(text.charCodeAt(i));
    while (i < end && isBlank(text.charCodeAt(i)))
        i++;
    if (i >= end || text.charCodeAt(i) === 0x3b)
        return false; // a blank or comment line
    const words = [];
    while (words.length < 5) {
        while (i < end && isBlank(text.charCodeAt(i)))
            i++;
        if (i >= end || text.charCodeAt(i) === 0x3b)
            break;
        const w = i;
        while (i < end && !isBlank(text.charCodeAt(i)))
            i++;
        words.push(text.slice(w, Math.min(i, w + 8)).toUpperCase());
        if (words.length === 1 && (words[0] === '$ORIGIN' || words[0] === '$TTL'))
            return true;
    }
    let k = ownerOmitted ? 0 : 1;
    const isTtl = (word) => word !== undefined && word.length > 0 && /^\d+$/.test(word);
    if (isTtl(words[k]))
        k++;
    if (words[k] === 'IN')
        k++;
    if (isTtl(words[k]))
        k++;
    return words[k] === 'SOA';
}
/**
 * True when a file's name or content says it is meant as a zone file: named `*.zone`, `*.db` or `db.*`, or
 * holding a `$ORIGIN` or `$TTL` directive or an SOA record. The Action loads only such files, so a pattern that
 * matches some other file (a config, a secret) never copies its content into the log or the reports.
 *
 * One pass over the text (line by line, a few words per line): time linear in its size, whatever it holds.
 */
function looksLikeZoneFile(file, text) {
    const name = (0,external_node_path_.basename)(file).toLowerCase();
    if (name.endsWith('.zone') || name.endsWith('.db') || name.startsWith('db.'))
        return true;
    let start = 0;
    while (start <= text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        if (zoneLine(text, start, end))
            return true;
        start = end + 1;
    }
    return false;
}
/**
 * The `*.zone` files below a directory, recursively and in sorted order (what `loadZonePaths` reads for a
 * directory; symbolic links inside are not followed).
 */
async function zones_zoneFilesBelow(dir, workspace) {
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true, recursive: true });
    return entries
        .filter((e) => e.isFile() && e.name.endsWith('.zone'))
        .map((e) => (0,external_node_path_.join)(e.parentPath, e.name))
        .sort()
        .map((abs) => ({ abs, rel: repoPath((0,external_node_path_.relative)(workspace, abs), workspace) }));
}
/** True when an exclusion matches the file or one of its directories. */
function excluded(rel, exclude) {
    const parts = rel.split('/');
    for (let n = parts.length; n > 0; n--) {
        const path = parts.slice(0, n).join('/');
        if (exclude.some((x) => (0,external_node_path_.matchesGlob)(path, x)))
            return true;
    }
    return false;
}
/** The real path of `path` (symbolic links resolved), or null when it does not resolve. */
async function realOrNull(path) {
    try {
        return await (0,promises_.realpath)(path);
    }
    catch {
        return null;
    }
}
/**
 * Expands the `zone-files` patterns and loads every file. Patterns are relative to `workspace` (a leading `!`
 * excludes); a pattern that matches a directory (also `dir/` and `dir/**`) contributes the `*.zone` files below
 * it. Each zone's `file` is its repository-relative path, so answers and findings point at it.
 *
 * Only files in the workspace are read: a pattern that climbs out of it (`../other/*.zone`, `/etc/*.conf`) and a
 * match whose real path (symbolic links resolved) is outside it are usage errors. A matched file that does not
 * look like a zone file ({@link looksLikeZoneFile}) is a usage error that names it and shows none of its text.
 *
 * Each file loads as Knot loads it (`loadZoneFile`): its origin from `origins` (the `zone-origins` input, keyed
 * by repository path), else its name or leading `$ORIGIN`; `$INCLUDE`d files must be inside the workspace too,
 * and a matched file that another one includes is part of that zone, not a zone of its own. Records and
 * warnings from included files name them by repository path.
 *
 * @throws {@link ZoneFileInputError} (file, line, column) for a file servers would refuse or whose origin is
 *   ambiguous; {@link ActionInputError} when there are only exclusions, a pattern or file is outside the
 *   workspace, a pattern contributes no file, a file is not a zone file or cannot be read, or a `zone-origins`
 *   file is not among the loaded files.
 */
async function loadZoneGlobs(patterns, workspace, origins = new Map()) {
    const includeText = patterns.filter((p) => !p.startsWith('!'));
    const excludeText = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    if (includeText.length === 0 && excludeText.length > 0) {
        throw new ActionInputError(`zone-files has only exclusions (${excludeText.map((p) => `!${p}`).join(', ')}): list the zone files to include too, e.g. zones/*.zone`);
    }
    const include = includeText.map((p) => workspacePattern(p, workspace));
    // An exclusion drops the files it matches and everything below a directory it matches.
    const exclude = excludeText
        .map((p) => workspacePattern(p, workspace))
        .flatMap((p) => (p === '.' ? ['**'] : [p, `${p}/**`]));
    const realWorkspace = await (0,promises_.realpath)(workspace).catch(() => (0,external_node_path_.resolve)(workspace));
    const files = new Map();
    for (const [i, pattern] of include.entries()) {
        let contributed = 0;
        let directories = 0;
        for await (const f of promises_.glob(pattern, { cwd: workspace, exclude })) {
            const abs = (0,external_node_path_.resolve)(workspace, f);
            const rel = repoPath((0,external_node_path_.relative)(workspace, abs), workspace) || '.';
            const real = await realOrNull(abs);
            if (real !== null && !zones_isInside(real, realWorkspace)) {
                const how = rel === '..' || rel.startsWith('../') ? '' : ' (after resolving symbolic links)';
                throw new ActionInputError(`zone-files: ${rel} is outside the repository${how}; ${OUTSIDE_HINT}`);
            }
            const info = real === null ? null : await (0,promises_.stat)(real);
            if (info?.isDirectory()) {
                directories++;
                for (const m of await zones_zoneFilesBelow(abs, workspace)) {
                    if (excluded(m.rel, exclude))
                        continue;
                    const r = await realOrNull(m.abs);
                    if (r === null || !zones_isInside(r, realWorkspace)) {
                        throw new ActionInputError(`zone-files: ${m.rel} is outside the repository (after resolving symbolic links); ${OUTSIDE_HINT}`);
                    }
                    files.set(m.rel, m.abs);
                    contributed++;
                }
                continue;
            }
            if (info && !info.isFile())
                throw new ActionInputError(`zone-files: ${rel} is not a regular file; match only zone files`);
            files.set(rel, abs);
            contributed++;
        }
        if (contributed === 0) {
            const given = includeText[i];
            throw new ActionInputError(directories > 0
                ? `zone-files: no *.zone file below "${given}" (a directory contributes the *.zone files below it; for other names use a pattern such as zones/*.db)`
                : `zone-files: no file matches "${given}" (patterns are relative to the repository root, e.g. zones/*.zone)`);
        }
    }
    for (const file of origins.keys()) {
        if (!files.has(file))
            throw new ActionInputError(`zone-origins: ${file} is not one of the zone files loaded (${[...files.keys()].join(', ') || 'none'}); give its repository path as zone-files matches it`);
    }
    const loaded = [];
    for (const [file, abs] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const real = (await realOrNull(abs)) ?? abs;
        try {
            // Read first to check that this is meant as a zone file: a config or secret matched by a broad pattern
            // is refused without parsing it, so none of its text reaches the log, the report or the summary.
            if (!looksLikeZoneFile(file, await (0,promises_.readFile)(abs, 'utf8'))) {
                throw new ActionInputError(`zone-files: ${file} is not a zone file (no .zone or .db name, no $ORIGIN, $TTL or SOA record; content not shown); match only zone files, e.g. zones/*.zone`);
            }
            const origin = origins.get(file);
            const zone = await loadZoneFile(file, {
                cwd: workspace,
                root: workspace,
                ...(origin !== undefined ? { origin } : {}),
            });
            loaded.push({ file, real, zone });
        }
        catch (e) {
            if (e instanceof ActionInputError)
                throw e;
            // Kept until we know whether another file includes this one (then it is not a zone of its own).
            if (e instanceof zone_error_ZoneParseError)
                loaded.push({ file, real, error: new ZoneFileInputError(e, repoPath(e.file, workspace)) });
            else {
                const code = e.code ?? e.message;
                throw new ActionInputError(`zone-files: cannot read ${file} (${code})`);
            }
        }
    }
    // A file another zone file $INCLUDEs is part of that zone, not a zone of its own.
    const included = new Set(loaded.flatMap((l) => l.zone?.includes ?? []));
    const zones = [];
    for (const l of loaded) {
        if (included.has(l.real))
            continue;
        if (l.error)
            throw l.error;
        if (l.zone)
            zones.push(withRepoPaths(l.zone, workspace));
    }
    return zones;
}
/** A zone whose records and warnings from `$INCLUDE`d files name them by repository path. */
function withRepoPaths(zone, workspace) {
    if (!zone.includes)
        return zone;
    return {
        ...zone,
        records: zone.records.map((r) => r.file === undefined ? r : { ...r, file: repoPath(r.file, workspace) }),
        warnings: zone.warnings.map((w) => w.file === undefined ? w : { ...w, file: repoPath(w.file, workspace) }),
    };
}
const AREA_PREFIX = {
    spf: /^v=spf1(\s|$)/i,
    dmarc: /^v=DMARC1/i,
    mtasts: /^v=STSv1/i,
    tlsrpt: /^v=TLSRPTv1/i,
    bimi: /^v=BIMI1/i,
};
/** The protocol area whose record a policy rule's finding is about (`policy.spf-lookups` → `spf`). */
const POLICY_AREA = [
    [/^policy\.spf-/, 'spf'],
    [/^policy\.dmarc-/, 'dmarc'],
    [/^policy\.dkim-/, 'dkim'],
    [/^policy\.mta-sts-/, 'mtasts'],
];
/** Findings about the policy file itself, never about a DNS record: located in the policy file by the caller. */
const POLICY_FILE_FINDINGS = new Set(['policy.suppression-expired']);
/** MX findings that mean "the record the domain should have is missing": located at the zone's SOA. */
const MX_MISSING = new Set(['mx.no-mx', 'mx.domain-not-found']);
/** The zone with the longest origin that contains `name`. */
function zoneFor(zones, name) {
    let best;
    for (const z of zones) {
        if (name === z.origin || name.endsWith(`.${z.origin}`)) {
            if (!best || z.origin.length > best.origin.length)
                best = z;
        }
    }
    return best;
}
/** Where a record is: its own file (an `$INCLUDE`d one) or the zone's. */
function zones_at(zone, r) {
    return { file: r.file ?? zone.file ?? zone.origin, line: r.line };
}
/** The zone's SOA record (else its first record, else line 1 of the file): where a missing record is added. */
function soaLocation(zone) {
    const soa = zone.records.find((r) => r.type === 'SOA' && r.name === zone.origin) ?? zone.records[0];
    return soa ? zones_at(zone, soa) : { file: zone.file ?? zone.origin, line: 1 };
}
function areaOf(id) {
    for (const [re, area] of POLICY_AREA)
        if (re.test(id))
            return area;
    return id.split('.')[0] ?? '';
}
function locateMx(finding, zone, name) {
    if (MX_MISSING.has(finding.id))
        return soaLocation(zone);
    const of = (type) => zone.records.filter((r) => r.name === name && r.type === type);
    const record = finding.evidence?.record;
    if (record !== undefined) {
        const mx = of('MX').find((r) => {
            const d = r.data;
            return d !== undefined && `${d.priority} ${d.exchange === '' ? '.' : d.exchange}` === record;
        });
        if (mx)
            return zones_at(zone, mx);
    }
    const address = finding.evidence?.details?.address;
    if (finding.id === 'mx.non-public-address' && typeof address === 'string') {
        const a = [...of('A'), ...of('AAAA')].find((r) => r.data === address);
        if (a)
            return zones_at(zone, a);
    }
    return undefined;
}
/**
 * Where in the zones a finding's record is defined, or should be added.
 *
 * - TXT-published records (SPF, DMARC, DKIM, MTA-STS, TLS-RPT, BIMI, and the policy rules about them): the TXT
 *   record at `evidence.name` whose text is `evidence.record`, else the only TXT record of the finding's kind at
 *   that name; when there is none (e.g. "no DMARC record") or several, the zone's SOA line: that is the file to
 *   change.
 * - MX: `mx.no-mx` and `mx.domain-not-found` at the SOA line; others at the MX (or the MX host's address)
 *   record they name, when it is in the zone. Reverse DNS (`mx.no-ptr`) is not in these zones: undefined.
 * - Findings about the policy file ({@link POLICY_FILE_FINDINGS}): undefined.
 */
function locateInZones(finding, zones) {
    if (POLICY_FILE_FINDINGS.has(finding.id))
        return undefined;
    const rawName = finding.evidence?.name ?? finding.domain;
    if (!rawName)
        return undefined;
    const name = resolver_normalizeName(rawName);
    if (!name)
        return undefined;
    const zone = zoneFor(zones, name);
    if (!zone)
        return undefined;
    const area = areaOf(finding.id);
    if (area === 'mx')
        return locateMx(finding, zone, name);
    const txt = zone.records.filter((r) => r.name === name && r.type === 'TXT' && Array.isArray(r.data));
    const text = (r) => resolver_joinTxt(r.data);
    const record = finding.evidence?.record;
    if (record !== undefined) {
        const exact = txt.find((r) => text(r) === record);
        if (exact)
            return zones_at(zone, exact);
    }
    const prefix = AREA_PREFIX[area];
    if (!prefix && area !== 'dkim' && area !== 'policy')
        return undefined;
    const ofKind = prefix ? txt.filter((r) => prefix.test(text(r))) : txt;
    if (ofKind.length === 1)
        return zones_at(zone, ofKind[0]);
    return soaLocation(zone);
}
/**
 * Returns the report with `evidence.source` set on every finding that the zones can locate (findings that
 * already have a source keep it). The report is copied, not changed.
 */
function withZoneSources(report, zones) {
    if (zones.length === 0)
        return report;
    const findings = report.findings.map((f) => {
        if (f.evidence?.source)
            return f;
        const source = locateInZones(f, zones);
        return source ? { ...f, evidence: { ...(f.evidence ?? {}), source } } : f;
    });
    return { ...report, findings };
}

;// CONCATENATED MODULE: ./lib/action/locate.js
/**
 * Where the Action points a finding in the repository (annotations and SARIF `physicalLocation`): the zone file
 * line, the policy file line, or a fallback file so that every SARIF result has a location code scanning accepts.
 *
 * @module
 */


/**
 * The SARIF location of last resort, used only when there is no policy file, no workflow file
 * (`GITHUB_WORKFLOW_REF` unset, i.e. not on GitHub Actions) and no zone file: the conventional policy file
 * path, where such a finding would be configured or suppressed. It need not exist: code scanning accepts a
 * result in a file that is not in the repository and shows it without a code snippet.
 */
const SARIF_PLACEHOLDER = { file: '.github/mailgate.yml', line: 1 };
/** The line of a domain's entry under `domains:` in the policy file. */
function domainEntry(loaded, domain) {
    if (!domain)
        return undefined;
    const key = domainRules(loaded.policy, domain).key;
    const line = key === undefined ? undefined : loaded.lineOf(['domains', key]);
    return line === undefined ? undefined : { file: loaded.file, line };
}
/**
 * For `policy.suppression-expired`: the `expires` line of the suppression that expired (matched by the
 * finding's `evidence.term`, `details.expires` and `details.reason`, and by domain for a list of suppressions),
 * else the suppression, else the finding id's entry under `findings:`.
 */
function suppressionLine(loaded, finding) {
    if (finding.id !== 'policy.suppression-expired')
        return undefined;
    const term = finding.evidence?.term;
    if (!term)
        return undefined;
    const details = finding.evidence?.details ?? {};
    const suppress = loaded.policy.findings?.[term]?.suppress;
    const base = ['findings', term, 'suppress'];
    let path = base;
    if (Array.isArray(suppress)) {
        const domain = finding.domain?.toLowerCase();
        const same = (i) => suppress[i].expires === details.expires && suppress[i].reason === details.reason;
        const applies = (i) => !suppress[i].domains ||
            domain === undefined ||
            suppress[i].domains.some((d) => d.toLowerCase().replace(/\.$/, '') === domain);
        const indexes = suppress.map((_, i) => i).filter(same);
        const index = indexes.find(applies) ?? indexes[0];
        if (index !== undefined)
            path = [...base, index, 'expires'];
    }
    else if (suppress) {
        path = [...base, 'expires'];
    }
    const line = loaded.lineOf(path) ?? loaded.lineOf(['findings', term]);
    return line === undefined ? undefined : { file: loaded.file, line };
}
/** The running workflow file (from `GITHUB_WORKFLOW_REF`, `owner/repo/.github/workflows/x.yml@ref`), line 1. */
function workflowFile(ref = process.env.GITHUB_WORKFLOW_REF) {
    const m = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null;
    return m?.[1] ? { file: m[1], line: 1 } : undefined;
}
/**
 * The two locators of a run.
 *
 * - `annotation`: a policy-file finding at its policy line; else the zone file line ({@link locateInZones});
 *   else the failed rule in the policy file; else the domain's entry in the policy file; else none.
 * - `sarif`: the same, then the policy file (line 1), the workflow file, the first zone file, and
 *   {@link SARIF_PLACEHOLDER}: never undefined, since code scanning rejects a result without an artifact location.
 */
function locators(ctx) {
    const { zones, loaded, gate } = ctx;
    const policyLines = new Map();
    if (loaded) {
        for (const d of gate.domains) {
            for (const r of d.rules) {
                if (!r.finding || !r.policyPath)
                    continue;
                const line = loaded.lineOf(r.policyPath);
                if (line !== undefined)
                    policyLines.set(r.finding, { file: loaded.file, line });
            }
        }
    }
    const annotation = (f) => (loaded ? suppressionLine(loaded, f) : undefined) ??
        locateInZones(f, zones) ??
        policyLines.get(f) ??
        (loaded ? domainEntry(loaded, f.domain) : undefined);
    const firstZone = zones[0];
    const fallback = (loaded ? { file: loaded.file, line: 1 } : undefined) ??
        workflowFile(ctx.workflowRef) ??
        (firstZone ? { file: firstZone.file ?? firstZone.origin, line: 1 } : undefined) ?? {
        ...SARIF_PLACEHOLDER,
    };
    return { annotation, sarif: (f) => annotation(f) ?? fallback };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./lib/action/paths.js
/**
 * Paths the Action reads and writes, kept inside the places a workflow expects: the policy file in the
 * repository (`GITHUB_WORKSPACE`), and the report and SARIF files in the workspace or under `RUNNER_TEMP`.
 * Symbolic links are resolved (realpath) before the check, so a link in the repository cannot lead outside it.
 * Outputs are never written through a symbolic link: a link at the output path (dangling or not) or a dangling
 * link among its directories is refused, and {@link writeOutputFile} checks the directory's real path again
 * after creating it and opens the file with `O_NOFOLLOW`, so a link that appears in between is not followed
 * either.
 *
 * @module
 */






/**
 * The real path of `path`: the nearest existing ancestor resolved, the rest appended; that ancestor; and the
 * first name on the way up that exists but does not resolve (a dangling or looping symbolic link), if any.
 */
async function realTarget(path) {
    let existing = path;
    let rest = '';
    let dangling;
    for (;;) {
        const real = await realOrNull(existing);
        if (real !== null)
            return { real: rest ? (0,external_node_path_.join)(real, rest) : real, existing, ...(dangling ? { dangling } : {}) };
        if (dangling === undefined && (await (0,promises_.lstat)(existing).catch(() => null))?.isSymbolicLink())
            dangling = existing;
        const parent = (0,external_node_path_.dirname)(existing);
        if (parent === existing)
            return { real: path, existing };
        rest = rest ? (0,external_node_path_.join)((0,external_node_path_.basename)(existing), rest) : (0,external_node_path_.basename)(existing);
        existing = parent;
    }
}
/** True when `path` is inside one of `roots`, lexically or after resolving the roots' own links. */
async function insideAny(path, roots) {
    for (const root of roots) {
        if (zones_isInside(path, (0,external_node_path_.resolve)(root)))
            return true;
        const real = await realOrNull(root);
        if (real !== null && zones_isInside(path, real))
            return true;
    }
    return false;
}
/** True when the real path of `path` (links resolved) is inside one of `roots` (links resolved). */
async function reallyInside(path, roots) {
    const { real } = await realTarget(path);
    for (const root of roots) {
        const realRoot = (await realOrNull(root)) ?? (0,external_node_path_.resolve)(root);
        if (zones_isInside(real, realRoot))
            return true;
    }
    return false;
}
const POLICY_HINT = 'set the policy input to a file in the repository, e.g. .github/mailgate.yml';
/**
 * Checks the `policy` input: the file must be in the workspace, also after resolving symbolic links.
 *
 * @returns the absolute path to read and the repository-relative name for messages and annotations.
 * @throws {@link ActionInputError} when the path is outside the workspace.
 */
async function policyPath(path, dirs) {
    const abs = (0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.resolve)(path) : (0,external_node_path_.resolve)(dirs.workspace, path);
    if (!(await insideAny(abs, [dirs.workspace]))) {
        throw new ActionInputError(`policy: ${path} is outside the repository (GITHUB_WORKSPACE); ${POLICY_HINT}`);
    }
    if (!(await reallyInside(abs, [dirs.workspace]))) {
        throw new ActionInputError(`policy: ${path} is outside the repository (after resolving symbolic links); ${POLICY_HINT}`);
    }
    const rel = (0,external_node_path_.relative)((0,external_node_path_.resolve)(dirs.workspace), abs);
    const file = (0,external_node_path_.isAbsolute)(path) && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? repoPath(rel, '') : path;
    return { abs, file };
}
/**
 * Checks an output input (`report-file`, `sarif-file`, `html-file`) and returns the absolute path to write. Without a value,
 * the file `fallbackName` in `RUNNER_TEMP` (else the system temporary directory). A relative path is resolved
 * against the workspace and must stay in it; an absolute path must be in the workspace or under `RUNNER_TEMP`
 * (symbolic links resolved). The path must not be a directory, and no part of its directory may be a file.
 *
 * @throws {@link ActionInputError} naming the input and saying what to give instead.
 */
async function outputPath(input, value, fallbackName, dirs) {
    if (!value)
        return (0,external_node_path_.join)(dirs.runnerTemp || (0,external_node_os_.tmpdir)(), fallbackName);
    const example = `out/${fallbackName}`;
    const abs = (0,external_node_path_.isAbsolute)(value) ? (0,external_node_path_.resolve)(value) : (0,external_node_path_.resolve)(dirs.workspace, value);
    const roots = (0,external_node_path_.isAbsolute)(value) && dirs.runnerTemp ? [dirs.workspace, dirs.runnerTemp] : [dirs.workspace];
    const where = `give a path in the repository workspace (e.g. ${example}) or an absolute path under RUNNER_TEMP`;
    if (!(await insideAny(abs, roots)))
        throw new ActionInputError(`${input}: ${value} is outside the workspace; ${where}`);
    if (!(await reallyInside(abs, roots)))
        throw new ActionInputError(`${input}: ${value} is outside the workspace (after resolving symbolic links); ${where}`);
    const { existing, dangling } = await realTarget(abs);
    const link = await (0,promises_.lstat)(abs).catch(() => null);
    if (dangling !== undefined || link?.isSymbolicLink()) {
        const which = dangling === undefined || dangling === abs ? value : `${value} (through ${dangling})`;
        throw new ActionInputError(`${input}: ${which} is a symbolic link${link?.isSymbolicLink() && dangling === undefined ? '' : ' that leads nowhere'}; outputs are not written through links, give a path to a regular file, e.g. ${example}`);
    }
    const info = await (0,promises_.stat)(existing).catch(() => null);
    if (existing === abs && info) {
        if (info.isDirectory())
            throw new ActionInputError(`${input}: ${value} is a directory, not a file; give a file path, e.g. ${external_node_path_.posix.join(value.split(external_node_path_.sep).join('/'), fallbackName)}`);
        if (!info.isFile())
            throw new ActionInputError(`${input}: ${value} is not a regular file; give a file path, e.g. ${example}`);
    }
    else if (info && !info.isDirectory()) {
        const name = zones_isInside(existing, (0,external_node_path_.resolve)(dirs.workspace))
            ? repoPath((0,external_node_path_.relative)((0,external_node_path_.resolve)(dirs.workspace), existing), '')
            : existing;
        throw new ActionInputError(`${input}: cannot create ${value}: ${name} is a file, not a directory; give a file path, e.g. ${example}`);
    }
    return abs;
}
/**
 * Writes an output file checked by {@link outputPath}: creates its directory, checks that the directory's real
 * path is still inside the workspace or `RUNNER_TEMP` (else the system temporary directory), then opens the file
 * with `O_NOFOLLOW` (a symbolic link at the path fails with `ELOOP` instead of being followed) and replaces its
 * content.
 *
 * @param input - the input that named the path (for messages).
 * @param path - the absolute path from {@link outputPath}.
 * @param text - the content, written as UTF-8.
 * @throws {@link ActionInputError} naming the input when the path is (now) a link, leads outside, or cannot be
 *   written (with the fs error code).
 */
async function writeOutputFile(input, path, text, dirs) {
    const roots = [dirs.workspace, dirs.runnerTemp || (0,external_node_os_.tmpdir)()];
    const fail = (why) => new ActionInputError(`${input}: cannot write ${path} (${why}); give a writable file path`);
    let handle;
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        const dir = await (0,promises_.realpath)((0,external_node_path_.dirname)(path));
        let inside = false;
        for (const root of roots)
            if (zones_isInside(dir, (await realOrNull(root)) ?? (0,external_node_path_.resolve)(root)))
                inside = true;
        if (!inside)
            throw fail('its directory leads outside the workspace through a symbolic link');
        const flags = external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_TRUNC | (external_node_fs_.constants.O_NOFOLLOW ?? 0);
        handle = await (0,promises_.open)(path, flags, 0o644);
        if (!(await handle.stat()).isFile())
            throw fail('not a regular file');
        await handle.writeFile(text);
    }
    catch (e) {
        if (e instanceof ActionInputError)
            throw e;
        const code = e.code ?? String(e);
        throw fail(code === 'ELOOP' ? 'it is a symbolic link' : code);
    }
    finally {
        await handle?.close();
    }
}

;// CONCATENATED MODULE: ./lib/report/markdown.js
/**
 * The Markdown renderer (GitHub Flavored Markdown): used for `--format markdown` and for the GitHub Action's
 * job summary. Per domain: the policy rules (failing first) when a gate ran, the records, the SPF include tree
 * with the lookup cost of every DNS-querying term, the findings, and what to change.
 *
 * Every piece of DNS text goes through {@link escapeMarkdown} or {@link markdownCode}: a TXT record holding
 * Markdown, HTML or workflow commands renders as literal text.
 *
 * @module
 */






const SEVERITY_ICON = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };
const OUTCOME_ICON = {
    fail: '❌ fail',
    undetermined: '⚠️ undetermined',
    suppressed: '💤 suppressed',
    pass: '✅ pass',
};
const STATUS_ICON = { passed: '✅ passed', failed: '❌ failed', undetermined: '⚠️ undetermined' };
function heading(level, text) {
    return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}
function table(head, rows) {
    return [
        `| ${head.join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
}
function where(source, options) {
    if (!source)
        return '';
    const label = `${escapeMarkdown(source.file)}:${source.line}`;
    const href = options.link?.(source);
    return href
        ? ` ([${label}](${encodeURI(href).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}))`
        : ` (${label})`;
}
function markdown_recordsTable(view, options) {
    const rows = [];
    const spf = view.spf;
    rows.push([
        'SPF',
        spf.record !== undefined ? markdownCode(spf.record) : `_${escapeMarkdown(missingRecordText(spf.status, 'SPF record'))}_`,
        `${escapeMarkdown(view.domain)}${where(spf.source, options)}`,
        spf.record !== undefined
            ? `${spf.lookups ?? '?'} lookup${spf.lookups === 1 ? '' : 's'}; ends with ${spf.allQualifier === undefined ? 'no all' : markdownCode(`${spf.allQualifier}all`)}`
            : '',
    ]);
    const dmarc = view.dmarc;
    rows.push([
        'DMARC',
        dmarc.record !== undefined
            ? markdownCode(dmarc.record)
            : `_${escapeMarkdown(missingRecordText(dmarc.status, 'DMARC record'))}_`,
        `${escapeMarkdown(dmarc.name ?? `_dmarc.${view.domain}`)}${where(dmarc.source, options)}`,
        dmarc.record !== undefined
            ? `p=${escapeMarkdown(dmarc.p ?? '?')}${dmarc.inherited ? ' (inherited)' : ''}${dmarc.rua.length ? '; rua set' : '; no rua'}`
            : '',
    ]);
    for (const s of view.dkim) {
        const key = s.status === 'found'
            ? `${escapeMarkdown(s.keyType ?? 'rsa')}${s.bits !== undefined ? ` ${s.bits} bits` : ''}${s.testing ? ' (testing)' : ''}`
            : `_${escapeMarkdown(missingRecordText(s.statusDetail ?? s.status, 'key'))}_`;
        rows.push([
            `DKIM ${escapeMarkdown(s.selector)}`,
            s.record !== undefined ? markdownCode(truncate(s.record, 60)) : '',
            `${escapeMarkdown(s.name)}${where(s.source, options)}`,
            key,
        ]);
    }
    if (view.dkim.length === 0 && view.dkimUnchecked) {
        const u = view.dkimUnchecked;
        rows.push([
            'DKIM',
            `_${u.count} of ${u.probed} common selectors could not be checked_`,
            '',
            escapeMarkdown(`DNS ${u.kinds.join(', ')}`),
        ]);
    }
    else if (view.dkim.length === 0)
        rows.push(['DKIM', '_no selector found_', '', 'give the selectors you sign with']);
    for (const x of view.extras) {
        rows.push([
            escapeMarkdown(x.label),
            x.record !== undefined
                ? markdownCode(truncate(x.record, 80))
                : `_${escapeMarkdown(missingRecordText(x.status, `${x.label} record`))}_`,
            `${escapeMarkdown(x.name)}${where(x.source, options)}`,
            x.detail ? escapeMarkdown(x.detail) : '',
        ]);
    }
    return table(['', 'Record', 'Where', 'Details'], rows);
}
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/**
 * The SPF include tree as a list: each record with its cost and, in record order, every reached DNS-querying term
 * of its record: an include/redirect that was followed as its record's line (costs 1 + its subtree), the other
 * terms (a, mx, ptr, exists, and includes whose target depends on each message) as `costs 1`; so the lines of a
 * record add up to its total (RFC 7208 §4.6.4). At most `max` lines, then `…`.
 */
function treeList(tree, max) {
    const out = [];
    for (const item of spfTreeItems(tree)) {
        if (item.kind === 'term' && !(item.term.reached && item.term.cost > 0))
            continue;
        const depth = item.kind === 'node' ? item.depth : item.depth + 1;
        if (out.length === max) {
            out.push(`${'  '.repeat(depth)}- …`);
            break;
        }
        if (item.kind === 'node') {
            const node = item.node;
            const status = node.status === 'found' ? '' : ` — _${escapeMarkdown(node.status)}_`;
            out.push(`${'  '.repeat(depth)}- ${markdownCode(`${viaLabel(node)}${node.domain}`)} — ${treeCost(node)}${status}`);
        }
        else
            out.push(`${'  '.repeat(depth)}- ${markdownCode(item.term.term)} — costs ${item.term.cost}`);
    }
    return out;
}
function markdown_ruleRow(r) {
    const what = r.rule === 'finding' ? markdownCode(r.id) : markdownCode(r.rule);
    const details = r.suppression
        ? `${escapeMarkdown(r.message)} — suppressed: ${escapeMarkdown(r.suppression.reason)}${r.suppression.expires ? ` (until ${escapeMarkdown(r.suppression.expires)})` : ''}`
        : escapeMarkdown(r.message);
    return [
        OUTCOME_ICON[r.outcome],
        what,
        r.expected !== undefined ? escapeMarkdown(r.expected) : '',
        r.actual !== undefined ? escapeMarkdown(r.actual) : '',
        details,
    ];
}
function findingRow(f, options) {
    return [SEVERITY_ICON[f.severity], markdownCode(f.id), `${escapeMarkdown(f.message)}${where(f.evidence?.source, options)}`];
}
/** Remediations for what fails or warns: one bullet per finding id (the catalog's advice). */
function whatToChange(findings) {
    const seen = new Map();
    for (const f of findings) {
        if (f.severity === 'info')
            continue;
        const def = findingDefinition(f.id);
        const remediation = f.remediation ?? def?.remediation;
        if (!remediation)
            continue;
        const entry = seen.get(f.id);
        if (entry)
            entry.count++;
        else
            seen.set(f.id, { title: def?.title ?? f.id, remediation, count: 1 });
    }
    return [...seen.entries()].map(([id, e]) => `- ${markdownCode(id)} ${escapeMarkdown(e.title)}${e.count > 1 ? ` (×${e.count})` : ''}: ${escapeMarkdown(e.remediation)}`);
}
function renderDomain(report, level, options, g) {
    const view = viewReport(report);
    const findings = g ? g.findings : report.findings;
    const counts = g ? g.counts : report.summary;
    const parts = [];
    const status = g ? ` — ${STATUS_ICON[g.status]}` : '';
    parts.push(heading(level, `${escapeMarkdown(report.domain)}${status}`));
    const extra = [countsLine(counts)];
    if (g?.counts.suppressed)
        extra.push(`${g.counts.suppressed} suppressed`);
    if (report.summary.dnsTrouble)
        extra.push('⚠️ DNS trouble: some checks could not complete');
    parts.push(extra.join(' · '));
    if (g && g.rules.length > 0) {
        parts.push(table(['Outcome', 'Rule', 'Expected', 'Found', 'Details'], g.rules.map(markdown_ruleRow)));
    }
    parts.push(markdown_recordsTable(view, options));
    if (view.spf.tree) {
        const lines = treeList(view.spf.tree, 40);
        parts.push(`<details><summary>SPF include tree: ${view.spf.lookups ?? '?'} DNS lookups of 10</summary>\n\n${lines.join('\n')}\n\n</details>`);
    }
    const max = options.maxFindings ?? 50;
    if (findings.length > 0) {
        const rows = findings.slice(0, max).map((f) => findingRow(f, options));
        parts.push(table(['Severity', 'Finding', 'Message'], rows));
        if (findings.length > max)
            parts.push(`_…and ${findings.length - max} more findings (see the JSON report)._`);
    }
    else {
        parts.push('No findings.');
    }
    const advice = whatToChange(findings);
    if (advice.length > 0)
        parts.push(`**What to change**\n\n${advice.join('\n')}`);
    return parts.join('\n\n');
}
/**
 * Renders reports (and the gate's verdict, when given) as GitHub Flavored Markdown.
 * @returns the Markdown text, ending with a newline.
 */
function renderMarkdown(reports, options = {}) {
    const level = options.headingLevel ?? 2;
    const parts = [heading(level, escapeMarkdown(options.title ?? 'mailgate report'))];
    const g = options.gate;
    if (g) {
        const verdict = g.status === 'passed'
            ? `**${STATUS_ICON.passed}**: every rule holds for ${reports.length} domain${reports.length === 1 ? '' : 's'}.`
            : `**${STATUS_ICON[g.status]}**: ${escapeMarkdown(g.reason)}`;
        parts.push(verdict);
        parts.push(table(['Domain', 'Verdict', 'Failed rules', 'Undetermined', 'Errors', 'Warnings'], g.domains.map((d) => [
            escapeMarkdown(d.domain),
            STATUS_ICON[d.status],
            String(d.rules.filter((r) => r.outcome === 'fail').length),
            String(d.rules.filter((r) => r.outcome === 'undetermined').length),
            String(d.counts.errors),
            String(d.counts.warnings),
        ])));
    }
    // Failing domains first.
    const order = { failed: 0, undetermined: 1, passed: 2 };
    const sorted = [...reports].sort((a, b) => {
        const ga = g?.domains.find((d) => d.domain === a.domain)?.status ?? 'passed';
        const gb = g?.domains.find((d) => d.domain === b.domain)?.status ?? 'passed';
        return (order[ga] ?? 2) - (order[gb] ?? 2);
    });
    for (const r of sorted) {
        parts.push(renderDomain(r, level + 1, options, g?.domains.find((d) => d.domain === r.domain)));
    }
    return `${parts.join('\n\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/action/summary.js
/**
 * The Action's job summary: the Markdown report (fitted to GitHub's size limit) and the policy file's warnings.
 *
 * @module
 */


/** GitHub accepts at most 1 MiB of job summary per step. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Most policy warnings listed in the summary (the rest are counted). */
const MAX_SUMMARY_WARNINGS = 50;
/**
 * The "Policy file warnings" section: one list item per warning (`file:line` as code, the key path and message
 * escaped), or the empty string when there is none.
 */
function policyWarningsMarkdown(warnings) {
    if (warnings.length === 0)
        return '';
    const items = warnings
        .slice(0, MAX_SUMMARY_WARNINGS)
        .map((w) => `- ${markdownCode(`${w.file}:${w.line}`)}: ${escapeMarkdown(`${w.path ? `${w.path}: ` : ''}${w.message}`)}`);
    const more = warnings.length - MAX_SUMMARY_WARNINGS;
    if (more > 0)
        items.push(`- … and ${more} more (see the annotations)`);
    return `### Policy file warnings\n\n${items.join('\n')}\n`;
}
/**
 * The job summary Markdown: the report (with fewer findings per domain, then cut at a line, when it would
 * exceed {@link SUMMARY_LIMIT_BYTES}) followed by `extra` (always kept whole).
 */
function fitSummary(reports, options, extra = '') {
    const tail = extra ? `\n${extra}` : '';
    const limit = SUMMARY_LIMIT_BYTES - 4096 - Buffer.byteLength(tail);
    let md = renderMarkdown(reports, options);
    if (Buffer.byteLength(md) <= limit)
        return `${md}${tail}`;
    md = renderMarkdown(reports, { ...options, maxFindings: 5 });
    if (Buffer.byteLength(md) <= limit)
        return `${md}${tail}`;
    const lines = md.split('\n');
    let size = 0;
    let end = 0;
    while (end < lines.length && size + Buffer.byteLength(lines[end]) + 1 <= limit)
        size += Buffer.byteLength(lines[end++]) + 1;
    return `${lines.slice(0, end).join('\n')}\n\n_The summary was cut at GitHub's 1 MiB limit; see the JSON report._\n${tail}`;
}
/**
 * The job summary of a run that stopped before auditing: what was wrong (escaped) and that nothing was audited.
 *
 * @param message - the one-line failure message (from an input, the policy file or the environment).
 * @param kind - `usage` for a bad input or policy file (the workflow must change), `internal` for a bug.
 */
function failureSummary(message, kind) {
    const what = kind === 'usage'
        ? 'The run stopped on a usage error before any domain was audited; fix the input or the policy file and re-run.'
        : 'The run stopped on an internal error; nothing was gated. Please report it with the step log.';
    return `## mailgate: not run\n\n${what}\n\n> ${escapeMarkdown(message)}`;
}

;// CONCATENATED MODULE: ./lib/action/main.js
/**
 * The GitHub Action: audits domains (optionally with proposed zone files laid over live DNS), gates them
 * against a policy file, and reports through the job summary, annotations, SARIF, a JSON report and an HTML report.
 *
 * All Action I/O goes through `@actions/core`. Untrusted DNS text never reaches a workflow command unescaped:
 * annotations and `setFailed` go through core's command escaping after {@link escapeControl}; the text report is
 * printed inside a `::stop-commands::` block with a random token, one escaped line at a time; the job summary is
 * Markdown with every DNS string escaped.
 *
 * @module
 */




















/** Most annotations emitted per run (GitHub shows at most 10 of each kind per step anyway). */
const MAX_ANNOTATIONS = 50;
function actionDirs() {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const runnerTemp = process.env.RUNNER_TEMP;
    return runnerTemp ? { workspace, runnerTemp } : { workspace };
}
/**
 * Loads the policy file (which must be in the repository). Its `file`, and that of its warnings, is the
 * repository-relative name, for annotations.
 */
async function loadPolicyInput(config, dirs) {
    if (!config.policy)
        return undefined;
    const { abs, file } = await policyPath(config.policy, dirs);
    try {
        const loaded = await loadPolicy(abs);
        return { ...loaded, file, warnings: loaded.warnings.map((w) => ({ ...w, file })) };
    }
    catch (e) {
        if (e instanceof PolicyError) {
            const first = e.issues[0];
            if (first && first.line === 0) {
                const code = /\(([^)]*)\)$/.exec(first.message)?.[1] ?? first.message;
                throw new ActionInputError(`policy: cannot read ${file} (${code}); set the policy input to a file in the repository, e.g. .github/mailgate.yml`);
            }
            // Each issue as an annotation on the policy file, then one line for setFailed.
            for (const issue of e.issues) {
                core/* error */.z3(escape_escapeControl(`${issue.path ? `${issue.path}: ` : ''}${issue.message}`), {
                    title: 'mailgate policy',
                    file,
                    startLine: issue.line,
                });
            }
            const detail = e.issues.map((i) => `${file}:${i.line}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
            throw new ActionInputError(`policy: ${file} is invalid (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}): ${detail[0]}${detail.length > 1 ? ` (and ${detail.length - 1} more, see the annotations)` : ''}`);
        }
        throw e;
    }
}
/** Drops a domain given twice (`acme.test`, `ACME.TEST.`), keeping the first, and says so in the log. */
function once(names, source) {
    const { domains, duplicates } = uniqueDomains(names);
    if (duplicates.length > 0)
        core/* info */.pq(`mailgate: ${duplicates.length} duplicate domain${duplicates.length === 1 ? '' : 's'} in ${source} audited once: ${duplicates.map((d) => escapeLogLine(d)).join(', ')}`);
    return domains;
}
function domainsToAudit(config, policy, zones) {
    if (config.domains.length > 0)
        return once(config.domains, 'the domains input');
    const fromPolicy = Object.keys(policy?.domains ?? {});
    if (fromPolicy.length > 0)
        return once(fromPolicy, 'the policy file');
    const fromZones = [...new Set(zones.map((z) => z.origin))];
    if (fromZones.length > 0)
        return fromZones;
    throw new ActionInputError('domains: no domain to audit. Set the domains input (comma or newline separated), list domains in the policy file, or give zone-files');
}
function buildResolver(config, zones) {
    let live;
    try {
        live = systemResolver({
            ...(config.dnsServers.length > 0 ? { servers: config.dnsServers } : {}),
            timeoutMs: config.dnsTimeoutMs,
            tries: 2,
        });
    }
    catch (e) {
        throw new ActionInputError(`dns-servers: ${e.message}`);
    }
    return cachedResolver(zones.length > 0 ? overlayResolver(zones, live) : live);
}
/**
 * The audit options of the Action: the same {@link BatchOptions} `mailgate audit` builds, from the inputs. The
 * zone files go with the resolver, so the audit also sees what a resolver cannot ask for (a type 99 SPF record).
 */
function auditOptionsFromInputs(config, resolver, zones) {
    return {
        resolver,
        ...(zones.length > 0 ? { zones } : {}),
        ...(config.selectors.length > 0 ? { selectors: config.selectors } : {}),
        dmarcMode: config.dmarcMode,
    };
}
/** A link to a file line in the repository on GitHub, when the run has the context for it. */
function blobLink(source) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = process.env;
    if (!server || !repo || !sha)
        return undefined;
    return `${server}/${repo}/blob/${sha}/${source.file}#L${source.line}`;
}
/** Prints the text report to the log with workflow commands stopped, one escaped line at a time. */
function logReport(text) {
    const token = `mailgate-${(0,external_node_crypto_.randomUUID)()}`;
    core/* info */.pq(`::stop-commands::${token}`);
    for (const line of text.split('\n'))
        core/* info */.pq(escapeLogLine(line));
    core/* info */.pq(`::${token}::`);
}
function annotate(gate, locate) {
    let emitted = 0;
    for (const d of gate.domains) {
        for (const f of d.findings) {
            if (f.severity === 'info' || emitted >= MAX_ANNOTATIONS)
                continue;
            const source = f.evidence?.source ?? locate(f);
            const title = `mailgate ${f.id}: ${findingDefinition(f.id)?.title ?? f.id}`;
            const props = { title: escape_escapeControl(title) };
            if (source) {
                props.file = source.file;
                props.startLine = source.line;
            }
            const message = escape_escapeControl(`${d.domain}: ${f.message}`);
            if (f.severity === 'error')
                core/* error */.z3(message, props);
            else
                core/* warning */.$e(message, props);
            emitted++;
        }
    }
    if (emitted >= MAX_ANNOTATIONS)
        core/* warning */.$e(`mailgate: only the first ${MAX_ANNOTATIONS} findings are annotated; see the job summary`);
}
/**
 * Runs the Action: reads the inputs, loads the policy and zone files, audits, gates, writes the JSON report,
 * SARIF, the HTML report, outputs, job summary and annotations, and fails the step (`core.setFailed`, one line) when the gate
 * fails or is undetermined, or on a usage error (with a message saying what to fix).
 *
 * Never throws: every error ends in `core.setFailed`.
 */
async function main_run() {
    try {
        const config = readInputs((name) => core/* getInput */.V4(name));
        const dirs = actionDirs();
        // Output paths are checked before the audit, so a bad one fails at once.
        const reportFile = await outputPath('report-file', config.reportFile, 'mailgate-report.json', dirs);
        const sarifFile = await outputPath('sarif-file', config.sarifFile, 'mailgate.sarif', dirs);
        if (reportFile === sarifFile) {
            throw new ActionInputError(`sarif-file and report-file are the same file (${config.sarifFile}); give two different paths`);
        }
        const htmlFile = await outputPath('html-file', config.htmlFile, 'mailgate-report.html', dirs);
        if (htmlFile === reportFile || htmlFile === sarifFile) {
            throw new ActionInputError(`html-file and ${htmlFile === reportFile ? 'report-file' : 'sarif-file'} are the same file (${config.htmlFile}); give different paths`);
        }
        const loaded = await loadPolicyInput(config, dirs);
        for (const w of loaded?.warnings ?? []) {
            core/* warning */.$e(escape_escapeControl(`${w.path}: ${w.message}`), {
                title: 'mailgate policy',
                file: loaded.file,
                startLine: w.line,
            });
        }
        const policy = loaded?.policy ?? {};
        const zones = await loadZoneGlobs(config.zoneFiles, dirs.workspace, config.zoneOrigins);
        // What a DNS server would ignore or change in a proposed zone (out-of-zone records, a CNAME beside other
        // data, unquoted TXT words) is annotated on its line, so the what-if result is never silently different.
        for (const zone of zones) {
            for (const w of zone.warnings) {
                core/* warning */.$e(escape_escapeControl(w.message), {
                    title: 'mailgate zone file',
                    file: w.file ?? zone.file ?? zone.origin,
                    startLine: w.line,
                });
            }
        }
        if (zones.length > 0) {
            core/* info */.pq(`mailgate: what-if mode with ${zones.length} zone file${zones.length === 1 ? '' : 's'} over live DNS: ${zones.map((z) => escapeLogLine(z.file ?? z.origin)).join(', ')}`);
        }
        const domains = domainsToAudit(config, loaded?.policy, zones);
        const resolver = buildResolver(config, zones);
        let audited;
        try {
            audited = await auditAndGate(domains, {
                ...auditOptionsFromInputs(config, resolver, zones),
                policy,
                ...(config.failOn ? { failOn: config.failOn } : {}),
                transform: (r) => withZoneSources(r, zones),
                zones,
            });
        }
        catch (e) {
            if (e instanceof InvalidDomainError)
                throw new ActionInputError(`domains: ${e.message}`);
            throw e;
        }
        const { reports, gate } = audited;
        // Annotations: the zone file line, else the policy line; SARIF results always get a file (see locators).
        const locate = locators({
            zones,
            gate,
            ...(loaded ? { loaded } : {}),
            ...(process.env.GITHUB_WORKFLOW_REF ? { workflowRef: process.env.GITHUB_WORKFLOW_REF } : {}),
        });
        await writeOutputFile('report-file', reportFile, `${JSON.stringify(gatedReport(reports, gate), null, 2)}\n`, dirs);
        const sarif = renderSarif(reports, { gate, locate: locate.sarif, category: 'mailgate/' });
        await writeOutputFile('sarif-file', sarifFile, `${JSON.stringify(sarif, null, 2)}\n`, dirs);
        await writeOutputFile('html-file', htmlFile, renderHtml(reports, { gate, title: 'mailgate: email authentication' }), dirs);
        logReport(renderText(reports, { gate }));
        annotate(gate, locate.annotation);
        const policyWarnings = loaded?.warnings ?? [];
        if (process.env.GITHUB_STEP_SUMMARY) {
            const options = { gate, link: blobLink, title: 'mailgate: email authentication' };
            const summary = fitSummary(reports, options, policyWarningsMarkdown(policyWarnings));
            await core/* summary */.z.addRaw(summary, true).write();
        }
        core/* setOutput */.uH('passed', gate.passed ? 'true' : 'false');
        core/* setOutput */.uH('errors', String(gate.counts.errors));
        // Policy file warnings (e.g. a misspelt finding id, whose rule has no effect) count as warnings too.
        core/* setOutput */.uH('warnings', String(gate.counts.warnings + policyWarnings.length));
        core/* setOutput */.uH('report', reportFile);
        core/* setOutput */.uH('sarif', sarifFile);
        core/* setOutput */.uH('html', htmlFile);
        if (!gate.passed)
            core/* setFailed */.C1(escape_escapeControl(gate.reason));
        else
            core/* info */.pq(`mailgate: policy passed for ${domains.length} domain${domains.length === 1 ? '' : 's'}`);
        return { gate, reports, reportFile, sarifFile, htmlFile };
    }
    catch (e) {
        if (e instanceof ActionInputError) {
            // A zone file servers would refuse: annotated on its line, as a server's error would point there.
            if (e instanceof ZoneFileInputError) {
                core/* error */.z3(escape_escapeControl(e.detail), {
                    title: 'mailgate zone file',
                    file: e.file,
                    ...(e.line > 0 ? { startLine: e.line } : {}),
                    ...(e.line > 0 && e.column !== undefined ? { startColumn: e.column } : {}),
                });
            }
            core/* setFailed */.C1(`mailgate: ${escape_escapeControl(e.message)}`);
            await writeFailureSummary(e.message, 'usage');
            return undefined;
        }
        if (e instanceof AuditIncompleteError && e.kind === 'timeout') {
            core/* setFailed */.C1(`mailgate: ${escape_escapeControl(e.message)}; the policy verdict is undetermined`);
            return undefined;
        }
        const err = e instanceof Error ? e : new Error(String(e));
        core/* debug */.Yz(escape_escapeControl(err.stack ?? err.message));
        core/* setFailed */.C1(`mailgate: internal error: ${escape_escapeControl(err.message)}`);
        await writeFailureSummary(`internal error: ${err.message}`, 'internal');
        return undefined;
    }
}
/** Writes {@link failureSummary} to the job summary, when the runner gives one; a failure to write is logged only. */
async function writeFailureSummary(message, kind) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await core/* summary */.z.addRaw(failureSummary(message, kind), true).write();
    }
    catch (e) {
        core/* warning */.$e(`mailgate: cannot write the job summary (${escape_escapeControl(e.message)})`);
    }
}


/***/ })

};
