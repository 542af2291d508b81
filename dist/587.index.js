export const id = 587;
export const ids = [587,805];
export const modules = {

/***/ 67587:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_AUDIT_TIMEOUT_MS: () => (/* binding */ DEFAULT_AUDIT_TIMEOUT_MS),
  InvalidAuditOptionError: () => (/* binding */ InvalidAuditOptionError),
  InvalidDomainError: () => (/* binding */ InvalidDomainError),
  REPORT_SCHEMA_VERSION: () => (/* binding */ REPORT_SCHEMA_VERSION),
  auditDomain: () => (/* binding */ auditDomain),
  auditableDomain: () => (/* binding */ auditableDomain),
  isValidSelector: () => (/* binding */ isValidSelector),
  summarize: () => (/* binding */ summarize),
  validateAuditOptions: () => (/* binding */ validateAuditOptions)
});

// EXTERNAL MODULE: ./node_modules/tldts/dist/cjs/index.js
var cjs = __webpack_require__(20935);
// EXTERNAL MODULE: ./lib/dns/resolver.js
var dns_resolver = __webpack_require__(97893);
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
        return (0,dns_resolver/* isTransientFailure */.Ri)(txt)
            ? { status: 'dns-error', name, kind: txt.kind }
            : { status: 'none', name, kind: txt.kind };
    }
    const records = [];
    txt.records.forEach((strings, i) => {
        const text = (0,dns_resolver/* joinTxt */.vc)(strings);
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
async function fetchPolicy(url, options) {
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
    const host = (0,dns_resolver/* normalizeName */.Pc)(rawHost);
    if (host === null)
        return fail(url, 'bad-url', `'${url}' has an invalid host name`);
    const started = Date.now();
    if (options.signal?.aborted)
        return fail(url, 'timeout', `fetching ${url} was aborted`);
    const resolved = await resolveHost(host, options.resolver);
    if (!resolved.ok) {
        if ((0,dns_resolver/* isAbsent */.W0)(resolved.kind))
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

// EXTERNAL MODULE: ./lib/bimi/findings.js
var bimi_findings = __webpack_require__(18545);
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
    if (res.kind !== 'dns' || !res.dnsKind || !(0,dns_resolver/* isTransientFailure */.Ri)(res.dnsKind))
        return undefined;
    const host = hostOf(res.url);
    return bimi_findings/* BIMI_FINDINGS */.t.dnsError(`the ${what} ${res.url} could not be fetched: resolving ${host} failed (${res.dnsKind}); the ${what} is unchecked, not broken`, {
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
        status: 'absent',
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
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.noRecord(`${domain} publishes no BIMI record at ${own}`, { name: own }, o));
        return out;
    }
    if (found.kind === 'dns-error') {
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.dnsError(`TXT ${found.name} failed (${found.failure})`, { name: found.name, details: { kind: found.failure, type: 'TXT' } }, o));
        out.status = 'dns-error';
        return out;
    }
    if (found.kind === 'multiple') {
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.multipleRecords(`${found.name} has ${found.records.length} BIMI records: receivers show no logo`, {
            name: found.name,
            details: { records: found.records },
        }, o));
        out.status = 'invalid';
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
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.invalidRecord(`${found.name}: ${e}`, evidence, o));
    if (rec.location === '' && !rec.authority) {
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.declined(`${domain} declines BIMI (empty l= and a=)`, evidence, o));
        out.status = 'declined';
        return out;
    }
    let usable = rec.errors.length === 0;
    if (rec.location === null || rec.location === '') {
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.missingLocation(`${found.name} has no logo location (l=)`, evidence, o));
        usable = false;
    }
    else if (!isHttpsUrl(rec.location)) {
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.invalidLocation(`${found.name}: l=${rec.location} is not an https URL`, { ...evidence, term: `l=${rec.location}` }, o));
        usable = false;
    }
    const authorityOk = rec.authority !== null && rec.authority !== '' && isHttpsUrl(rec.authority);
    if (rec.authority === null || rec.authority === '')
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.noAuthority(`${found.name} has no mark certificate location (a=)`, evidence, o));
    else if (!authorityOk) {
        findings.push(bimi_findings/* BIMI_FINDINGS */.t.invalidAuthority(`${found.name}: a=${rec.authority} is not an https URL`, { ...evidence, term: `a=${rec.authority}` }, o));
        usable = false;
    }
    out.status = usable ? 'published' : 'invalid';
    if (options.dmarc && !options.dmarc.undetermined) {
        const shortfall = dmarcShortfall(options.dmarc);
        out.dmarcEnforced = shortfall === null;
        if (shortfall)
            findings.push(bimi_findings/* BIMI_FINDINGS */.t.dmarcNotEnforced(`${domain} publishes BIMI but ${shortfall}: receivers show no logo`, {
                name: `_dmarc.${domain}`,
                details: { ...options.dmarc },
            }, o));
    }
    if (options.fetchAssets === false)
        return out;
    const fetch = options.fetch ?? fetchPolicy;
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
                bimi_findings/* BIMI_FINDINGS */.t.logoFetchFailed(`logo ${logoRes.message}`, { ...evidence, details: { url: logoUrl, kind: logoRes.kind } }, o));
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
                findings.push(bimi_findings/* BIMI_FINDINGS */.t.logoContentType(`logo ${logoUrl} served as ${JSON.stringify(logoRes.contentType ?? '(none)')}`, {
                    ...evidence,
                    details: { url: logoUrl, contentType: logoRes.contentType },
                }, o));
            if (logoRes.body.length > LOGO_SIZE_LIMIT)
                findings.push(bimi_findings/* BIMI_FINDINGS */.t.logoLarge(`logo ${logoUrl} is ${logoRes.body.length} bytes (over ${LOGO_SIZE_LIMIT})`, {
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
                findings.push(bimi_findings/* BIMI_FINDINGS */.t.logoInvalid(`logo ${logoUrl}: ${e.message}${e.code ? ` (${e.code})` : ''}`, {
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
                bimi_findings/* BIMI_FINDINGS */.t.certificateFetchFailed(`mark certificate ${certRes.message}`, { ...evidence, details: { url: certUrl, kind: certRes.kind } }, o));
        }
        else {
            out.certificate = await checkCertificate(certUrl, certRes.body, logoUrl, logoBody, found.name, selector, options.now);
            const c = out.certificate;
            if (!c.valid)
                findings.push(bimi_findings/* BIMI_FINDINGS */.t.certificateInvalid(`mark certificate ${certUrl}: ${c.error?.message ?? 'does not validate'}`, {
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

// EXTERNAL MODULE: ./lib/dkim/findings.js
var dkim_findings = __webpack_require__(90489);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
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
 * Parses an RFC 6376 §3.2 tag-list. Never throws: problems are listed in `errors` (a character that no
 * tag-list may contain, such as U+00A0 where only SP, HTAB and folding are white space; empty tag-specs other
 * than one trailing `;`; parts without `=`; invalid tag names; characters outside VALCHAR) and `duplicates`.
 *
 * @param text the tag-list (a header field value, or a TXT record's strings joined).
 */
function parseTagList(text) {
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
            const spec = trimFws(text.slice(start, end));
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
            const name = trimFws(text.slice(start, eq));
            const raw = text.slice(eq + 1, end);
            if (!tag_list_TAG_NAME.test(name)) {
                errors.push(`invalid tag name ${JSON.stringify(clip(name))}`);
            }
            else {
                if (foreign >= 0 && foreign < end && FOREIGN.test(raw)) {
                    errors.push(`tag ${name}= has characters outside the allowed range`);
                }
                let value = trimFws(raw);
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
function stripFws(value) {
    return FWS_INSIDE.test(value) ? value.replace(FWS_RUN, '') : value;
}
/** Splits a colon-separated list (`h=`, key `h=`/`s=`/`t=`), trimming FWS and dropping empty entries. */
function splitColonList(value) {
    return value
        .split(':')
        .map(trimFws)
        .filter((v) => v !== '');
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
 * Reads a public key from base64 `p=` data as node:crypto sees it.
 *
 * @param p the base64 data, FWS already removed.
 * @param keyType the record's `k=` (`rsa` or `ed25519`).
 * @returns the key info, or an `error` sentence (malformed base64, not a key, wrong type).
 */
function inspectPublicKey(p, keyType) {
    const { key, error } = readPublicKey(p, keyType);
    return key ? { key } : { error: error ?? 'p= is not a public key' };
}
/**
 * Like {@link inspectPublicKey}, also returning the node:crypto KeyObject (one `createPublicKey` per key; its
 * size is read from the KeyObject's `asymmetricKeyDetails`).
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
    return readDkimKeyRecord(text).record;
}
/** {@link parseDkimKeyRecord}, also returning the KeyObject the verifier uses. */
function readDkimKeyRecord(text) {
    const tags = parseTagList(text);
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
        rec.hashAlgorithms = splitColonList(h).map((x) => x.toLowerCase());
    const s = get('s');
    if (s !== undefined) {
        rec.serviceTypes = splitColonList(s).map((x) => x.toLowerCase());
        if (!rec.serviceTypes.includes('*') && !rec.serviceTypes.includes('email')) {
            errors.push(`s=${s} does not include email or *`);
        }
    }
    const t = get('t');
    if (t !== undefined) {
        rec.flags = splitColonList(t).map((x) => x.toLowerCase());
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
        rec.publicKey = stripFws(p);
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
        out.push(dkim_findings/* DKIM_FINDINGS */.B.keyRevoked(`The key at ${name} is revoked (empty p=).`, ev, {
            severity: 'warning',
            remediation: 'Fine if the selector was retired on purpose; make sure no signer still uses it.',
        }));
        return out;
    }
    const unknownType = r.errors.find((e) => e.startsWith('unknown key type'));
    if (unknownType)
        out.push(dkim_findings/* DKIM_FINDINGS */.B.keyUnknownType(`The key record at ${name} has an ${unknownType}.`, { ...ev, term: 'k=' }));
    const other = r.errors.filter((e) => e !== unknownType);
    if (other.length)
        out.push(dkim_findings/* DKIM_FINDINGS */.B.keyMalformed(`The key record at ${name} is unusable: ${other.join('; ')}.`, ev));
    if (r.keyType === 'rsa' && r.bits !== undefined) {
        if (r.bits < 1024) {
            out.push(dkim_findings/* DKIM_FINDINGS */.B.rsaKeyTooShort(`The RSA key at ${name} has ${r.bits} bits; verifiers reject keys under 1024 bits.`, { ...ev, details: { bits: r.bits } }));
        }
        else if (r.bits < 2048) {
            out.push(dkim_findings/* DKIM_FINDINGS */.B.rsaKeyBelow2048(`The RSA key at ${name} has ${r.bits} bits; 2048 are recommended.`, {
                ...ev,
                details: { bits: r.bits },
            }));
        }
    }
    if (r.t.includes('y'))
        out.push(dkim_findings/* DKIM_FINDINGS */.B.keyTesting(`The key at ${name} has t=y (testing mode).`, { ...ev, term: 't=y' }));
    if (r.h && r.h.length > 0) {
        const unknown = r.h.filter((x) => x !== 'sha1' && x !== 'sha256');
        if (!r.h.includes('sha256')) {
            out.push(dkim_findings/* DKIM_FINDINGS */.B.keySha1Only(`The key at ${name} allows no sha256 (h=${r.h.join(':')}): verifiers accept only rsa-sha256 and ed25519-sha256 (RFC 8301 §3.1), so no signature can use this key.`, { ...ev, term: 'h=' }));
        }
        else if (unknown.length > 0) {
            out.push(dkim_findings/* DKIM_FINDINGS */.B.keyUnknownHash(`The key at ${name} lists unknown hash algorithms in h=: ${unknown.join(', ')}.`, {
                ...ev,
                term: 'h=',
            }));
        }
    }
    for (const w of r.warnings)
        out.push(dkim_findings/* DKIM_FINDINGS */.B.keyRecordLint(`The key record at ${name}: ${w}.`, ev));
    return out;
}
async function auditSelector(domain, selector, origin, resolver) {
    const name = `${selector}._domainkey.${domain}`;
    const audit = { selector, name, status: 'found', origin, records: [] };
    const findings = [];
    const res = await resolver.query(name, 'TXT');
    if (!res.ok) {
        audit.dnsError = res.kind;
        if ((0,dns_resolver/* isAbsent */.W0)(res.kind)) {
            audit.status = 'missing';
            if (origin === 'given') {
                findings.push(dkim_findings/* DKIM_FINDINGS */.B.noKey(`No DKIM key at ${name} (${res.kind}).`, { name }));
            }
        }
        else {
            audit.status = 'error';
            findings.push(dkim_findings/* DKIM_FINDINGS */.B.dnsError(`The lookup of ${name} failed (${res.kind}); the key could not be checked.`, { name }));
        }
        return { audit, findings };
    }
    if (res.cnames?.length) {
        audit.cnames = res.cnames;
        const target = res.cnames[res.cnames.length - 1] ?? '';
        const provider = providerForCname(target);
        if (provider)
            audit.provider = provider;
        findings.push(dkim_findings/* DKIM_FINDINGS */.B.keyViaCname(`${name} is a CNAME to ${res.cnames.join(' -> ')}${provider ? ` (${provider})` : ''}.`, {
            name,
            details: { cnames: res.cnames },
        }));
    }
    if (!audit.provider) {
        const common = COMMON_SELECTORS.find((c) => c.selector === selector);
        if (common && origin === 'discovered')
            audit.provider = common.provider;
    }
    res.records.forEach((strings, i) => {
        const text = (0,dns_resolver/* joinTxt */.vc)(strings);
        audit.records.push(view(strings, parseDkimKeyRecord(text), res.source?.[i]));
    });
    if (audit.records.length > 1) {
        findings.push(dkim_findings/* DKIM_FINDINGS */.B.multipleKeyRecords(`${audit.records.length} TXT records at ${name}; verifiers use one of them unpredictably.`, {
            name,
            details: { records: audit.records.map((r) => r.text) },
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
 *   below it. Then {@link COMMON_SELECTORS} are probed unless `discover` is false.
 *
 * Never throws for DNS reasons: failures are findings (`dkim.dns-error`): one per given selector, and one in
 * all for the probed selectors that could not be checked (how many, and the failure kinds).
 *
 * @param domain the domain (U-labels are converted to A-labels).
 */
async function auditDkim(domain, options) {
    const name = (0,dns_resolver/* normalizeName */.Pc)(domain) ?? domain.toLowerCase();
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
            out.findings.push(dkim_findings/* DKIM_FINDINGS */.B.noDomainKeyTree(tree.note, { name: treeName }));
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
    const probed = probing ? COMMON_SELECTORS.map((c) => c.selector).filter((s) => !given.includes(s)) : [];
    const probes = probed.map((s) => auditSelector(name, s, 'discovered', options.resolver));
    const [givenResults, probeResults] = await Promise.all([Promise.all(checks), Promise.all(probes)]);
    for (const r of givenResults) {
        out.selectors.push(r.audit);
        out.findings.push(...r.findings);
    }
    const found = [];
    const unchecked = [];
    for (const r of probeResults) {
        if (r.audit.status === 'missing')
            continue;
        if (r.audit.status === 'error') {
            // aggregated below: one finding for all the probes DNS trouble left unchecked
            unchecked.push({ selector: r.audit.selector, kind: r.audit.dnsError ?? 'SERVFAIL' });
            continue;
        }
        out.selectors.push(r.audit);
        out.findings.push(...r.findings);
        if (r.audit.status === 'found')
            found.push(r.audit.selector);
    }
    if (discover && out.domainKeyTree?.status !== 'nxdomain') {
        out.discovery = { probed, found, unchecked, note: DISCOVERY_NOTE };
        if (unchecked.length > 0)
            out.findings.push(uncheckedFinding(name, probed.length, unchecked));
        const checked = probed.length - unchecked.length;
        if (found.length === 0 && given.length === 0 && checked > 0) {
            const partly = unchecked.length > 0 ? ` checked (${unchecked.length} could not be)` : '';
            out.findings.push(dkim_findings/* DKIM_FINDINGS */.B.noSelectorFound(`None of the ${checked} common selectors${partly} has a key at ${name}. ${DISCOVERY_NOTE}`, {
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
    return dkim_findings/* DKIM_FINDINGS */.B.dnsError(`${all} common selector${probed === 1 ? '' : 's'} probed under _domainkey.${domain} could not be checked (DNS ${kinds}); whether keys exist there is unknown.`, {
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

;// CONCATENATED MODULE: ./lib/dmarc/guard.js
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
function guardedResolver(inner, log) {
    return {
        async query(name, type) {
            log?.push(`${type} ${name}`);
            try {
                return await inner.query(name, type);
            }
            catch (e) {
                return (0,dns_resolver/* dnsFailure */.O$)(name, type, 'SERVFAIL', `resolver error: ${e instanceof Error ? e.message : String(e)}`);
            }
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
/** The number of labels in a name (`a.example.com` has 3). */
function labelCount(domain) {
    return domain === '' ? 0 : domain.split('.').length;
}
/** True when `domain` is `ancestor` or a subdomain of it. */
function isAtOrBelow(domain, ancestor) {
    return domain === ancestor || domain.endsWith(`.${ancestor}`);
}
/** The last `n` labels of `domain` (the whole name when it has fewer). */
function lastLabels(domain, n) {
    return domain.split('.').slice(-n).join('.');
}
/** The top-level label (`com` for `a.example.com`). */
function topLabel(domain) {
    const i = domain.lastIndexOf('.');
    return i < 0 ? domain : domain.slice(i + 1);
}
/** True for an RFC 5321 address literal (`[192.0.2.1]`) or a bare IP address: not a DNS name. */
function isAddressLiteral(domain) {
    return domain.startsWith('[') || /^[0-9.]+$/.test(domain) || domain.includes(':');
}

// EXTERNAL MODULE: ./lib/dmarc/findings.js
var dmarc_findings = __webpack_require__(58675);
;// CONCATENATED MODULE: ./lib/dmarc/record.js
/**
 * DMARC Policy Record parser and linter (RFC 9989 §4.7 tags, §4.8 formal definition; RFC 7489 §6.3 for the
 * historic `pct`, `rf` and `ri`).
 *
 * The record uses the DKIM tag-list syntax (RFC 6376 §3.2). Parsing never throws: every problem is a
 * {@link Finding} pointing at the tag (`evidence.position` is an offset into the record text), and the
 * values a receiver would apply (defaults, `np` falling back to `sp` then `p`, the §4.10.1 "act as p=none"
 * rule) are computed by {@link effectivePolicy}.
 *
 * @module
 */


/** The policy values, weakest first. */
const POLICY_STRENGTH = { none: 0, quarantine: 1, reject: 2 };
/** The tag names RFC 9989 §4.7 defines, plus the historic ones RFC 7489 §6.3 defined. */
const KNOWN_TAGS = new Set([
    'v',
    'p',
    'sp',
    'np',
    'psd',
    't',
    'adkim',
    'aspf',
    'fo',
    'rua',
    'ruf',
    'pct',
    'rf',
    'ri',
]);
/** Tags RFC 9989 removed (Appendix C.5.2). */
const HISTORIC_TAGS = new Set(['pct', 'rf', 'ri']);
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
/** Policy strength comparison: true when `a` is weaker than `b`. */
function weaker(a, b) {
    return POLICY_STRENGTH[a] < POLICY_STRENGTH[b];
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
        const domain = (0,dns_resolver/* normalizeName */.Pc)(address.slice(at + 1));
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
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.syntax(`'${seg.text}' is not a name=value tag; it is ignored`, ev(seg.text, position)));
            continue;
        }
        const rawName = seg.text.slice(0, eq).trim();
        const afterEq = seg.text.slice(eq + 1);
        const lead = afterEq.length - afterEq.trimStart().length;
        const value = afterEq.trim();
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(rawName)) {
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.syntax(`'${rawName}' is not a valid tag name; the tag is ignored`, ev(seg.text, position)));
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
        findings.splice(0, findings.length, dmarc_findings/* DMARC_FINDINGS */.x.notDmarcRecord(`Not a DMARC record: ${why}; receivers ignore it`, ev(text, { offset: 0, length: text.length })));
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
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.invalidValue(`${tag.name}=${tag.value} is not valid (${expected}); the tag is ignored`, ev(`${tag.rawName}=${tag.value}`, tag.position)));
    };
    for (const tag of tags.slice(1)) {
        const term = `${tag.rawName}=${tag.value}`;
        if (tag.rawName !== tag.name && KNOWN_TAGS.has(tag.name)) {
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.tagCase(`Tag name '${tag.rawName}' should be written '${tag.name}'`, ev(term, tag.position)));
        }
        if (!KNOWN_TAGS.has(tag.name)) {
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.unknownTag(`Unknown tag '${tag.rawName}' is ignored`, ev(term, tag.position)));
            continue;
        }
        const prev = seen.get(tag.name);
        if (prev || tag.name === 'v') {
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.duplicateTag(`Tag '${tag.name}' appears more than once; this parser uses the first (${prev ? `${prev.name}=${prev.value}` : 'v=DMARC1'}), RFC 6376 §3.2 makes the record invalid`, ev(term, tag.position)));
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
                        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.invalidUri(`${tag.name}: '${u.raw}' is not a valid reporting URI: ${u.problem}`, uev));
                        continue;
                    }
                    if (u.scheme !== 'mailto') {
                        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.uriScheme(`${tag.name}: '${u.uri}' uses ${u.scheme}:, which receivers need not support`, uev));
                    }
                    if (u.sizeLimit) {
                        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.uriSizeLimit(`${tag.name}: '${u.raw}' carries an obsolete size limit !${u.sizeLimit}`, uev));
                    }
                }
                if (uris.some((u) => u.valid))
                    published[tag.name] = uris.filter((u) => u.valid);
                else
                    invalidTags.push(tag.name);
                if (uris.length > 2) {
                    findings.push(dmarc_findings/* DMARC_FINDINGS */.x.tooManyUris(`${tag.name} lists ${uris.length} URIs; RFC 7489 receivers need only send to two`, ev(`${tag.rawName}=${tag.value}`, tag.position)));
                }
                break;
            }
        }
    }
    const effective = effectivePolicyOf(published, invalidTags, '9989');
    lint(text, seen, published, invalidTags, effective, findings);
    return { text, isDmarc: true, tags, published, invalidTags, effective, findings };
}
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
function effectivePolicy(parsed, mode) {
    if (!parsed.isDmarc)
        return null;
    return effectivePolicyOf(parsed.published, parsed.invalidTags, mode);
}
function lint(text, seen, published, invalidTags, effective, findings) {
    const at = (name) => {
        const tag = seen.get(name);
        return tag
            ? { record: text, term: `${tag.rawName}=${tag.value}`, position: tag.position }
            : { record: text, position: { offset: 0, length: text.length } };
    };
    if (effective === null) {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.recordUnusable(published.p === undefined
            ? 'The record has no valid p= tag and no valid rua= URI: receivers apply no DMARC processing'
            : 'The record has an invalid sp= or np= tag and no valid rua= URI: receivers apply no DMARC processing', at(published.p === undefined ? 'p' : invalidTags.includes('sp') ? 'sp' : 'np')));
    }
    else if (effective.policyBasis === 'p-none-fallback') {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.policyMissing(published.p === undefined
            ? 'No valid p= tag: receivers act as if p=none was published'
            : 'An invalid sp= or np= tag makes receivers act as if only p=none was published', at(published.p === undefined ? 'p' : invalidTags.includes('sp') ? 'sp' : 'np')));
    }
    if (published.p === 'none') {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.policyNone('p=none: failing mail is not quarantined or rejected (monitoring only)', at('p')));
    }
    if (published.p && published.sp && weaker(published.sp, published.p)) {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.subdomainPolicyWeaker(`sp=${published.sp} is weaker than p=${published.p} for existing subdomains`, at('sp')));
    }
    if (published.p && published.np) {
        const base = published.sp ?? published.p;
        if (weaker(published.np, base)) {
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.npWeaker(`np=${published.np} is weaker than ${published.sp ? 'sp' : 'p'}=${base} for non-existent subdomains`, at('np')));
        }
    }
    if (published.t === 'y') {
        const p = published.p ?? 'none';
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.testing(p === 'none'
            ? 't=y (test mode) has no effect on p=none'
            : `t=y (test mode): RFC 9989 receivers apply ${p === 'reject' ? 'quarantine' : 'none'} instead of ${p}`, at('t')));
    }
    for (const name of ['pct', 'rf', 'ri']) {
        if (seen.has(name)) {
            findings.push(dmarc_findings/* DMARC_FINDINGS */.x.historicTag(`${name}= is historic: RFC 9989 receivers ignore it`, at(name)));
        }
    }
    if (published.pct !== undefined && published.pct < 100) {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.pctPartial(`pct=${published.pct}: RFC 7489 receivers apply the policy to ${published.pct}% of failing mail (and the next weaker policy to the rest); RFC 9989 receivers ignore pct`, at('pct')));
    }
    if (!published.rua) {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.noRua(seen.has('rua')
            ? 'rua= has no valid URI: no aggregate reports will be sent'
            : 'No rua= tag: no aggregate reports will be sent', at('rua')));
    }
    if (seen.has('fo') && !published.ruf) {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.foIgnored('fo= is ignored because there is no valid ruf= destination', at('fo')));
    }
    if (published.psd === 'y') {
        findings.push(dmarc_findings/* DMARC_FINDINGS */.x.psdDeclared('psd=y: this record declares its domain a Public Suffix Domain (its children are organizations)', at('psd')));
    }
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
 * Queries the DMARC record of one domain (RFC 9989 §4.10 steps 1–2): TXT at `_dmarc.<domain>`, character-strings
 * joined, records not starting with v=DMARC1 set aside, several v=DMARC1 records reported as `multiple`.
 */
async function lookupDmarcRecord(resolver, domain) {
    const name = dmarcName(domain);
    const res = await resolver.query(name, 'TXT');
    if (!res.ok) {
        if ((0,dns_resolver/* isAbsent */.W0)(res.kind)) {
            return { domain, name, outcome: 'none', dnsKind: res.kind };
        }
        return { domain, name, outcome: 'error', dnsKind: res.kind, message: res.message };
    }
    const parsed = res.records.map((strings) => parseDmarcRecord((0,dns_resolver/* joinTxt */.vc)(strings)));
    const dmarcIndex = parsed.map((p, i) => (p.isDmarc ? i : -1)).filter((i) => i >= 0);
    const dmarc = dmarcIndex.map((i) => parsed[i]);
    const other = parsed.filter((p) => !p.isDmarc).map((p) => p.text);
    const out = { domain, name, outcome: 'none' };
    if (other.length) {
        out.otherTxt = other;
        out.ignored = [];
        parsed.forEach((p, i) => {
            if (p.isDmarc)
                return;
            const item = { text: p.text, reason: p.notDmarcReason ?? 'not a DMARC record' };
            const src = res.source?.[i];
            if (src)
                item.source = src;
            out.ignored.push(item);
        });
    }
    if (res.source)
        out.source = res.source;
    if (dmarc.length === 1) {
        out.outcome = 'record';
        out.record = dmarc[0];
        const src = res.source?.[dmarcIndex[0]];
        if (src)
            out.recordSource = src;
    }
    else if (dmarc.length > 1) {
        out.outcome = 'multiple';
        out.records = dmarc;
    }
    return out;
}
/**
 * A memoising record lookup: each `_dmarc` name is queried once, so that the Tree Walks of one message (the
 * Author Domain's and each identifier's) share their answers. `queries` lists the names asked, in order.
 */
function createRecordLookup(resolver) {
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
function organizationalDomain7489(domain) {
    const name = (0,dns_resolver/* normalizeName */.Pc)(domain);
    if (name === null || domain.trim().startsWith('.'))
        return null;
    const org = (0,cjs/* getDomain */.FB)(name, { allowPrivateDomains: true, extractHostname: false, validateHostname: false });
    return org ? org.toLowerCase() : null;
}
/** The RFC 9989 Organizational Domain of `domain` by a Tree Walk; `domain` null when a DNS error left it unknown. */
async function organizationalDomain9989(domain, lookup) {
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
async function discoverPolicy(domain, options) {
    const mode = options.mode ?? '9989';
    const lookup = options.lookup ?? createRecordLookup(guardedResolver(options.resolver));
    const lookups = [];
    const tracked = async (d) => {
        const r = await lookup(d);
        lookups.push(r);
        return r;
    };
    const name = (0,dns_resolver/* normalizeName */.Pc)(domain);
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
    if (name === null || isAddressLiteral(name)) {
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
        const org = organizationalDomain7489(name);
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
async function domainExists(resolver, domain) {
    const queries = [`A ${domain}`];
    const a = await resolver.query(domain, 'A');
    if (a.ok || a.kind === 'NODATA')
        return { exists: true, queries };
    if ((0,dns_resolver/* isTransientFailure */.Ri)(a.kind)) {
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
    if ((0,dns_resolver/* isAbsent */.W0)(c.kind))
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
function assertDmarcOptions(options, caller) {
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
    assertDmarcOptions(options, 'auditDmarc');
    const mode = options.mode ?? '9989';
    const resolver = guardedResolver(options.resolver);
    const lookup = createRecordLookup(resolver);
    const name = (0,dns_resolver/* normalizeName */.Pc)(domain) ?? domain;
    const [discovery, comparison] = await Promise.all([
        discoverPolicy(name, { resolver, mode, lookup }),
        discoverPolicy(name, { resolver, mode: otherMode(mode), lookup }),
    ]);
    const findings = [];
    // `rules`: whose rules produced the finding; in RFC 7489 mode its RFC 7489 section is cited when it has one.
    const add = (f, rules = mode) => {
        const rfc = rules === '7489' ? dmarc_findings/* DMARC_RFC7489_CITATIONS */.f[f.id] : undefined;
        findings.push({ ...f, ...(rfc ? { rfc } : {}), domain: name });
    };
    const dnsErrors = new Set();
    const dnsError = (err, what, rules = mode) => {
        const key = `${err.name} ${err.kind}`;
        if (dnsErrors.has(key))
            return;
        dnsErrors.add(key);
        add(dmarc_findings/* DMARC_FINDINGS */.x.dnsError(`DNS ${err.kind} for ${err.name} (${what}); the result is undecided, not "no policy"`, {
            name: err.name,
            details: { kind: err.kind, step: what },
        }), rules);
    };
    const effective = discovery.record ? effectivePolicy(discovery.record, mode) : null;
    const audit = {
        domain: name,
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
        add(dmarc_findings/* DMARC_FINDINGS */.x.noRecord(`'${domain}' is not a domain name that can publish a DMARC record`, { name: domain }));
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
        add(dmarc_findings/* DMARC_FINDINGS */.x.multipleRecords(`${l.records.length} DMARC records at ${l.name}; receivers discard them all`, {
            name: l.name,
            details: { records: l.records.map((r) => r.text) },
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
                add(dmarc_findings/* DMARC_FINDINGS */.x.spfAtDmarc(`${own.name} holds an SPF record instead of a DMARC record`, {
                    name: own.name,
                    record: txt,
                }));
            }
        }
        const apex = await resolver.query(name, 'TXT');
        if (apex.ok) {
            for (const strings of apex.records) {
                const p = parseDmarcRecord((0,dns_resolver/* joinTxt */.vc)(strings));
                if (p.isDmarc) {
                    add(dmarc_findings/* DMARC_FINDINGS */.x.recordAtApex(`A v=DMARC1 record is published at ${name} itself, where receivers never look`, {
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
            add(dmarc_findings/* DMARC_FINDINGS */.x.noRecord(`No DMARC record applies to ${name} (asked ${discovery.queries.join(', ')})`, {
                name: `_dmarc.${name}`,
                details: { queries: discovery.queries },
            }));
        }
    }
    else {
        const applied = discovery.lookups.find((l) => l.name === discovery.recordName && l.outcome === 'record');
        if (discovery.source !== 'domain') {
            add(dmarc_findings/* DMARC_FINDINGS */.x.inheritedPolicy(`${name} has no DMARC record of its own; the record at ${discovery.recordName} applies${discovery.source === 'psd' ? ' (a Public Suffix Domain policy)' : ''}`, recordEvidence(applied)));
            if (discovery.source === 'psd') {
                add(dmarc_findings/* DMARC_FINDINGS */.x.psdPolicy(`Only the Public Suffix Domain policy at ${discovery.recordName} covers ${name}; its Organizational Domain ${discovery.organizationalDomain} publishes none`, recordEvidence(applied)));
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
                const ex = await domainExists(resolver, name);
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
            const orgEff = org.record ? effectivePolicy(org.record, mode) : null;
            if (orgEff && weaker(effective.p, orgEff.sp)) {
                add(dmarc_findings/* DMARC_FINDINGS */.x.subdomainWeakens(`${discovery.recordName} publishes p=${effective.p}, weaker than the ${orgEff.sp === orgEff.p ? 'p' : 'sp'}=${orgEff.sp} that ${org.name} sets for its subdomains`, recordEvidence(applied, { term: `p=${effective.p}` })));
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
        add(dmarc_findings/* DMARC_FINDINGS */.x.modeDivergence(`RFC 9989 and RFC 7489 receivers disagree for ${name}: ${by(a)}; ${by(b)}`, {
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
            out.push(dmarc_findings/* DMARC_FINDINGS */.x.recordIgnored(`${l.name} TXT "${txt.text}" is not a DMARC record and is ignored: ${txt.reason}; ${instead(d)}`, ev));
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
                    ? Promise.resolve(organizationalDomain7489(d) ?? d)
                    : organizationalDomain9989(d, lookup).then((o) => {
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
                    ok = res.records.some((s) => parseDmarcRecord((0,dns_resolver/* joinTxt */.vc)(s)).isDmarc);
                else if (['NXDOMAIN', 'NODATA', 'BADNAME'].includes(res.kind))
                    ok = false;
                else {
                    ok = null;
                    dnsError({ kind: res.kind, name: authName, message: res.message }, 'external report authorization');
                }
                authChecked.set(authName, ok);
                if (ok === false) {
                    add(dmarc_findings/* DMARC_FINDINGS */.x.externalDestinationUnauthorized(`${tag}=${u.uri} is outside ${policyDomain}'s organization and ${authName} has no v=DMARC1 record: receivers will not send it reports`, { name: authName, term: u.raw, details: { destination: u.domain } }, {
                        remediation: `Ask ${u.domain} to publish TXT "v=DMARC1" at ${authName} (or at *._report._dmarc.${u.domain} for every domain it accepts reports for), or send reports to an address at ${policyDomain}; until then receivers do not send reports to ${u.uri}.`,
                    }));
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
                add(dmarc_findings/* DMARC_FINDINGS */.x.reportDomainNoMx(state === 'null-mx'
                    ? `Report domain ${u.domain} publishes a null MX (RFC 7505): it accepts no mail`
                    : gone
                        ? `Report domain ${u.domain} does not exist (${mx.ok ? '' : mx.kind}): reports cannot be delivered`
                        : address?.exists === false
                            ? `Report domain ${u.domain} has no MX and no A/AAAA records: reports cannot be delivered at all`
                            : address?.exists === true
                                ? `Report domain ${u.domain} has no MX records; reports rely on its A/AAAA records (the implicit MX of RFC 5321 §5.1)`
                                : `Report domain ${u.domain} has no MX records; reports rely on the address-record fallback at best (its A/AAAA records are unknown: DNS trouble)`, { name: u.domain, term: u.raw }, undeliverable ? { severity: 'error' } : undefined));
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

// EXTERNAL MODULE: ./lib/dns/cache.js
var cache = __webpack_require__(23805);
// EXTERNAL MODULE: ./lib/findings/finding.js
var finding = __webpack_require__(86939);
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
 * to use and the section status that goes with it (`dns-error`, `absent` or `invalid`).
 */
function oneTaggedRecord(domain, txt, words) {
    const o = { domain };
    const { name } = txt;
    if (txt.status === 'dns-error') {
        const finding = words.dnsError(`TXT ${name} failed (${txt.kind})`, { name, details: { kind: txt.kind, type: 'TXT' } }, o);
        return { status: 'dns-error', finding };
    }
    if (txt.status === 'none') {
        const what = txt.kind ? words.label : `"${words.version}" record`;
        return {
            status: 'absent',
            finding: words.noRecord(`${domain} publishes no ${what} at ${name}`, { name }, o),
        };
    }
    if (txt.records.length > 1) {
        const finding = words.multipleRecords(`${name} has ${txt.records.length} "${words.version}" records: ${words.severalMean}`, { name, details: { records: txt.records.map((c) => c.text) } }, o);
        return { status: 'invalid', finding };
    }
    return { record: txt.records[0] };
}

// EXTERNAL MODULE: ./lib/mtasts/findings.js
var mtasts_findings = __webpack_require__(90816);
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
 * Parses an MTA-STS TXT record (character-strings already joined) per RFC 8461 §3.1. Never throws: problems
 * are listed in `errors`. When `id` appears twice the first one counts (as in mailauth and common senders).
 */
function parseStsRecord(text) {
    const errors = [];
    const extensions = [];
    let id = null;
    const parts = text.split(';');
    const version = (parts[0] ?? '').replace(/[ \t]+$/, '');
    if (version !== 'v=STSv1')
        errors.push(`the record must start with "v=STSv1" (found "${version}")`);
    let sawId = false;
    for (let i = 1; i < parts.length; i++) {
        const raw = parts[i];
        const field = raw.replace(/^[ \t]+|[ \t]+$/g, '');
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
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyHostMissing(`policy host mta-sts.${domain} has no A/AAAA record (${failure.dnsKind})`, evidence, o);
        case 'dns':
            return mtasts_findings/* MTASTS_FINDINGS */.s.dnsError(`resolving policy host mta-sts.${domain} failed (${failure.dnsKind})`, {
                ...evidence,
                details: { ...evidence.details, kind: failure.dnsKind },
            }, o);
        case 'tls':
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyCertificate(`the certificate of mta-sts.${domain} is not valid: ${failure.message}`, evidence, o);
        case 'redirect':
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyRedirect(failure.message, evidence, o);
        case 'http-status':
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyHttpStatus(failure.message, evidence, o);
        case 'too-large':
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyTooLarge(failure.message, evidence, o);
        case 'timeout':
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyTimeout(failure.message, evidence, o);
        default:
            return mtasts_findings/* MTASTS_FINDINGS */.s.policyUnreachable(failure.message, evidence, o);
    }
}
async function mxHostsOf(domain, resolver) {
    const mx = await resolver.query(domain, 'MX');
    if (mx.ok)
        return [...new Set(mx.records.map((r) => r.exchange.toLowerCase()).filter((e) => e !== ''))].sort();
    if ((0,dns_resolver/* isTransientFailure */.Ri)(mx))
        return mtasts_findings/* MTASTS_FINDINGS */.s.dnsError(`MX ${domain} failed (${mx.kind}): MX coverage by the policy is undecided`, {
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
        status: 'absent',
        record: null,
        policy: null,
        mode: null,
        maxAge: null,
        mx: [],
        findings,
    };
    const txt = await queryTaggedTxt(resolver, name, isStsRecord);
    const one = oneTaggedRecord(domain, txt, {
        label: 'MTA-STS record',
        version: 'v=STSv1',
        severalMean: 'senders apply no MTA-STS policy',
        dnsError: mtasts_findings/* MTASTS_FINDINGS */.s.dnsError,
        noRecord: mtasts_findings/* MTASTS_FINDINGS */.s.noRecord,
        multipleRecords: mtasts_findings/* MTASTS_FINDINGS */.s.multipleRecords,
    });
    if (!('record' in one)) {
        findings.push(one.finding);
        out.status = one.status;
        return out;
    }
    const cand = one.record;
    const parsed = parseStsRecord(cand.text);
    out.record = { name, text: cand.text, id: parsed.id, ...(cand.source ? { source: cand.source } : {}) };
    const recordEvidence = { name, record: cand.text, ...(cand.source ? { source: cand.source } : {}) };
    for (const e of parsed.errors)
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.invalidRecord(`${name}: ${e}`, recordEvidence, o));
    if (parsed.id === null) {
        out.status = 'invalid';
        return out;
    }
    const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
    if (options.fetchPolicy === false) {
        out.policy = { url, fetched: false };
        out.status = 'not-fetched';
        return out;
    }
    const fetch = options.fetch ?? fetchPolicy;
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
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.policyContentType(`${url} was served as ${JSON.stringify(res.contentType ?? '(none)')}, not text/plain`, {
            ...policyEvidence,
            details: { url, contentType: res.contentType },
        }, o));
    }
    for (const e of policy.errors) {
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.policyInvalid(`${url}: ${e}`, policyEvidence, o));
        usable = false;
    }
    if (policy.syntaxWarnings.length > 0)
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.policySyntax(`${url}: ${policy.syntaxWarnings.join('; ')}`, {
            ...policyEvidence,
            details: { url, problems: policy.syntaxWarnings },
        }, o));
    if (!usable) {
        out.status = 'invalid';
        return out;
    }
    out.mode = policy.mode;
    out.maxAge = policy.maxAge;
    out.status = 'valid';
    if (policy.maxAge !== null && policy.maxAge < SHORT_MAX_AGE)
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.maxAgeShort(`${url}: max_age ${policy.maxAge} s is under one day`, {
            ...policyEvidence,
            term: `max_age: ${policy.maxAge}`,
        }, o));
    if (policy.mode === 'testing')
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.modeTesting(`${domain}'s MTA-STS policy is in testing mode: senders report but still deliver`, policyEvidence, o));
    if (policy.mode === 'none')
        findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.modeNone(`${domain}'s MTA-STS policy has mode none: senders apply no policy`, policyEvidence, o));
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
                    findings.push(mtasts_findings/* MTASTS_FINDINGS */.s.mxNotCovered(`MX ${host} is not covered by ${domain}'s MTA-STS policy (mx: ${policy.mx.join(', ')}): senders ${policy.mode === 'enforce' ? 'will not deliver to it' : 'report failures for it'}`, { ...policyEvidence, term: host, details: { url, host, patterns: policy.mx } }, o));
            }
    }
    return out;
}

// EXTERNAL MODULE: ./lib/mx/findings.js
var mx_findings = __webpack_require__(1235);
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
        if ((0,dns_resolver/* isAbsent */.W0)(ptr.kind))
            return { ptr: [], fcrdns: null };
        return { ptr: [], fcrdns: null, dnsError: { name, type: 'PTR', kind: ptr.kind } };
    }
    const all = [...new Set(ptr.records.map((r) => r.toLowerCase()))];
    const names = all.slice(0, MAX_PTR_NAMES);
    const base = all.length > names.length ? { ptr: names, ptrIgnored: all.length - names.length } : { ptr: names };
    const type = ipaddr.parse(address).kind() === 'ipv4' ? 'A' : 'AAAA';
    let dnsError;
    for (const host of names) {
        const fwd = await resolver.query(host, type);
        if (fwd.ok) {
            if (fwd.records.some((r) => sameAddress(r, address)))
                return { ...base, fcrdns: true, confirmedBy: host };
        }
        else if ((0,dns_resolver/* isTransientFailure */.Ri)(fwd)) {
            dnsError ??= { name: host, type, kind: fwd.kind };
        }
    }
    return dnsError ? { ...base, fcrdns: null, dnsError } : { ...base, fcrdns: false };
}

;// CONCATENATED MODULE: ./lib/mx/audit.js
/**
 * `auditMx`: the mail exchangers a domain publishes (RFC 5321 §5.1), null MX (RFC 7505), the hosts' addresses,
 * and for each address its PTR records and forward-confirmed reverse DNS, which bulk-sender rules expect.
 *
 * @module
 */




/** True when a failure means "could not find out" (as opposed to "there is nothing"). */
const audit_transient = (r) => (0,dns_resolver/* isTransientFailure */.Ri)(r);
function dnsErrorFinding(domain, r, what) {
    return mx_findings/* MX_FINDINGS */.J.dnsError(`${what}: ${r.type} ${r.name} failed (${r.kind})`, {
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
            findings.push(mx_findings/* MX_FINDINGS */.J.domainNotFound(`${domain} does not exist (${answer.kind})`, { name: domain }, { domain }));
            return { ...base, status: 'nxdomain' };
        }
        if (answer.kind === 'NODATA') {
            findings.push(mx_findings/* MX_FINDINGS */.J.noMx(`${domain} publishes no MX record; senders fall back to its A/AAAA records (implicit MX)`, {
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
        findings.push(mx_findings/* MX_FINDINGS */.J.nullMx(`${domain} publishes a null MX: it accepts no mail`, evidence(n), { domain }));
        if (named.length > 0)
            findings.push(mx_findings/* MX_FINDINGS */.J.nullMxMixed(`${domain} publishes a null MX together with ${named.length} other MX record(s)`, { ...evidence(n), details: { others: named.map((r) => r.exchange) } }, { domain }));
        for (const r of nulls.filter((x) => x.priority !== 0))
            findings.push(mx_findings/* MX_FINDINGS */.J.nullMxPreference(`the null MX of ${domain} has preference ${r.priority}, not 0`, evidence(r), {
                domain,
            }));
        if (named.length === 0)
            return { ...base, nullMx, status: 'null-mx' };
    }
    const checked = named.slice(0, maxHosts);
    const hosts = await Promise.all(checked.map(async (r) => {
        const hostFindings = [];
        const host = {
            priority: r.priority,
            exchange: r.exchange,
            ipLiteral: isIpLiteral(r.exchange),
            addresses: [],
            ...(r.source ? { source: r.source } : {}),
        };
        if (host.ipLiteral) {
            hostFindings.push(mx_findings/* MX_FINDINGS */.J.ipLiteral(`MX ${r.exchange} of ${domain} is an IP address, not a host name`, evidence(r), {
                domain,
            }));
            return { host, findings: hostFindings };
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
            hostFindings.push(mx_findings/* MX_FINDINGS */.J.cname(`MX ${r.exchange} of ${domain} is an alias (CNAME) for ${alias}`, {
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
        if (host.addresses.length === 0 && !audit_transient(a) && !audit_transient(aaaa)) {
            const kind = !a.ok ? a.kind : 'NODATA';
            hostFindings.push(mx_findings/* MX_FINDINGS */.J.noAddress(`MX ${r.exchange} of ${domain} has no A or AAAA record (${kind})`, {
                ...evidence(r),
                details: { kind },
            }, { domain }));
        }
        for (const addr of host.addresses) {
            const range = nonPublicRange(addr.address);
            if (range)
                hostFindings.push(mx_findings/* MX_FINDINGS */.J.nonPublicAddress(`MX ${r.exchange} of ${domain} resolves to ${addr.address} (${range})`, {
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
                if (rev.dnsError) {
                    hostFindings.push(mx_findings/* MX_FINDINGS */.J.dnsError(`reverse DNS of ${addr.address} (MX ${r.exchange}): ${rev.dnsError.type} ${rev.dnsError.name} failed (${rev.dnsError.kind})`, {
                        name: rev.dnsError.name,
                        details: { kind: rev.dnsError.kind, type: rev.dnsError.type, address: addr.address },
                    }, { domain }));
                }
                else if (rev.ptr.length === 0) {
                    hostFindings.push(mx_findings/* MX_FINDINGS */.J.noPtr(`${addr.address} (MX ${r.exchange} of ${domain}) has no PTR record`, {
                        name: r.exchange,
                        details: { address: addr.address },
                    }, { domain }));
                }
                else if (rev.fcrdns === false) {
                    hostFindings.push(mx_findings/* MX_FINDINGS */.J.fcrdnsMismatch(`${addr.address} (MX ${r.exchange} of ${domain}) has PTR ${rev.ptr.join(', ')}${rev.ptrIgnored ? ` (and ${rev.ptrIgnored} more, not checked: at most ${MAX_PTR_NAMES} are)` : ''}, which does not resolve back to it`, {
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
        return { host, findings: hostFindings };
    }));
    for (const h of hosts)
        findings.push(...h.findings);
    return {
        ...base,
        nullMx,
        status: nullMx && named.length === 0 ? 'null-mx' : 'hosts',
        hosts: hosts.map((h) => h.host),
    };
}

// EXTERNAL MODULE: ./lib/spf/ip.js
var spf_ip = __webpack_require__(41290);
;// CONCATENATED MODULE: ./lib/spf/networks.js
/**
 * CIDR arithmetic for SPF analysis: merging a set of networks into the minimal list of CIDR blocks that
 * covers exactly the same addresses, and counting addresses.
 *
 * @module
 */

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
/** Formats a network as `address/prefix` with host bits cleared. */
function formatCidr(c) {
    const [start] = cidrRange(c);
    return `${formatIp(fromBig(start, c.address.version))}/${c.prefix}`;
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
                cidr: `${(0,spf_ip/* formatIp */.v_)(fromBig(start, version))}/${prefix}`,
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
    if (node.status !== 'ok') {
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

// EXTERNAL MODULE: ./lib/spf/findings.js
var spf_findings = __webpack_require__(21013);
// EXTERNAL MODULE: ./lib/spf/limits.js
var limits = __webpack_require__(72308);
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
    const limit = limits/* DEFAULT_SPF_LIMITS */.H8.maxVoidLookups;
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
    const limit = limits/* DEFAULT_SPF_LIMITS */.H8.maxLookups;
    const lookups = tree.lookups;
    if (lookups > limit) {
        const costs = termCosts(tree);
        findings.push(spf_findings/* SPF_FINDINGS */.Z.lookupLimit(`the SPF policy of ${name} needs up to ${lookups} DNS-querying terms (limit ${limit}): ${costs.join(', ')}`, {
            name,
            ...(tree.record ? { record: tree.record } : {}),
            details: { lookups, limit, costs },
        }));
    }
    const voidLimit = limits/* DEFAULT_SPF_LIMITS */.H8.maxVoidLookups;
    const walk = voidFamilyWalk(tree);
    const { ipv4, ipv6 } = walk.counts;
    const over = ['ipv4', 'ipv6'].filter((f) => walk.counts[f] > voidLimit);
    if (over.length > 0) {
        const who = over.length === 2 && ipv4 === ipv6
            ? `${ipv4} void lookups for every client`
            : over.map((f) => `${walk.counts[f]} void lookups for ${FAMILY_NAME[f]} clients`).join(' and ');
        findings.push(spf_findings/* SPF_FINDINGS */.Z.voidLookupLimit(`the SPF policy of ${name} has ${who} (limit ${voidLimit}): check_host() returns permerror for ${over.length === 2 ? 'every client' : `every ${FAMILY_NAME[over[0]]} client`} that no earlier term matches`, {
            name,
            details: { voidLookups: Math.max(ipv4, ipv6), ipv4, ipv6, families: over },
        }));
    }
    for (const s of walk.spentBefore) {
        const fam = s.families.length === 2 ? 'every client' : `${FAMILY_NAME[s.families[0]]} clients`;
        findings.push(spf_findings/* SPF_FINDINGS */.Z.voidBudgetSpent(`${s.term} in the SPF record of ${s.domain}: the void-lookup budget (${voidLimit}) is already spent for ${fam} when it is reached, so its usual NXDOMAIN answer makes check_host() return permerror for ${fam}, even those that later terms authorize`, { name: s.domain, term: s.term, details: { families: s.families, spent: s.spent, limit: voidLimit } }));
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
            findings.push(spf_findings/* SPF_FINDINGS */.Z.txtStringTooLong(`character-string ${i + 1} of the SPF record of ${domain} is ${n} octets (max ${MAX_CHARACTER_STRING})`, { name: domain, record: text, details: { index: i, octets: n } }));
        }
    });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (rdata > MAX_TXT_RDATA) {
        findings.push(spf_findings/* SPF_FINDINGS */.Z.recordTooLarge(`the SPF record of ${domain} needs ${rdata} octets of TXT RDATA, more than the ${MAX_TXT_RDATA} a record can hold; it cannot be published and was not analyzed`, { name: domain, record: text, details: { bytes, rdataOctets: rdata, limit: MAX_TXT_RDATA } }));
    }
    else if (bytes > UDP_ANSWER_OCTETS) {
        findings.push(spf_findings/* SPF_FINDINGS */.Z.recordOver512(`the SPF record of ${domain} is ${bytes} bytes (over ${UDP_ANSWER_OCTETS})`, {
            name: domain,
            record: text,
            details: { bytes },
        }));
    }
    else if (bytes > RECOMMENDED_RECORD_OCTETS) {
        findings.push(spf_findings/* SPF_FINDINGS */.Z.recordOver450(`the SPF record of ${domain} is ${bytes} bytes (over ${RECOMMENDED_RECORD_OCTETS})`, {
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


function splitStrings(text) {
    const out = [];
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 255)
        out.push(new TextDecoder().decode(bytes.slice(i, i + 255)));
    return out.length ? out : [''];
}
function record(name, text) {
    return { name, text, strings: splitStrings(text), bytes: new TextEncoder().encode(text).length };
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
    const overLimit = lookups > limits/* DEFAULT_SPF_LIMITS */.H8.maxLookups;
    const warning = [
        'Flattening freezes the addresses of third parties (ESPs, hosted mail): when they change their networks, ' +
            'this policy goes stale and their mail starts to fail until the records are rebuilt; re-run the analysis ' +
            'regularly or automate it.',
        ...notes,
        ...(overLimit
            ? [
                `The flattened policy itself needs ${lookups} DNS lookups (limit ${limits/* DEFAULT_SPF_LIMITS */.H8.maxLookups}, RFC 7208 §4.6.4): ` +
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
    suggest(set, blocks, allTerm, budget = limits/* DEFAULT_SPF_LIMITS */.H8.maxLookups) {
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

// EXTERNAL MODULE: ./lib/spf/record.js
var spf_record = __webpack_require__(48558);
// EXTERNAL MODULE: ./lib/spf/macro.js
var macro = __webpack_require__(6451);
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

;// CONCATENATED MODULE: ./lib/spf/record-lint.js
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
        return spf_findings/* SPF_FINDINGS */.Z.macroInIp(`${term} in the SPF record of ${domain} contains a macro; ip4/ip6 take a literal network`, evidence);
    }
    return spf_findings/* SPF_FINDINGS */.Z.syntaxError(`syntax error in the SPF record of ${domain} at position ${e.offset}: ${e.message}`, evidence);
}
/**
 * The finding of the record's first `all` (§5.1): `spf.pass-all` or `spf.neutral-all` when it ends the policy
 * (`rootChain`), `spf.pass-all` for a `+all` in an included record; none otherwise.
 */
function allFinding(domain, mech, rootChain, evidence) {
    if (rootChain) {
        if (mech.qualifier === '+') {
            return spf_findings/* SPF_FINDINGS */.Z.passAll(`the SPF policy of ${domain} ends with "${mech.text}": every host on the Internet passes`, evidence);
        }
        if (mech.qualifier === '?') {
            return spf_findings/* SPF_FINDINGS */.Z.neutralAll(`the SPF policy of ${domain} ends with "?all": other hosts get neutral`, evidence);
        }
        return undefined;
    }
    if (mech.qualifier === '+') {
        return spf_findings/* SPF_FINDINGS */.Z.passAll(`the SPF record of ${domain} (included) has "${mech.text}": every host passes the include`, evidence);
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
        const key = (0,spf_record/* printSpfTerm */.lw)(term).toLowerCase();
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
        findings.push(spf_findings/* SPF_FINDINGS */.Z.duplicateTerm(`${first.text} appears ${dup.length} times in the SPF record of ${domain}`, {
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
        findings.push(spf_findings/* SPF_FINDINGS */.Z.termsAfterAll(`${afterAll.join(' ')} come after "${allTerm.text}" in the SPF record of ${domain} and are never evaluated`, {
            name: domain,
            record,
            term: afterAll.join(' '),
            position: { offset: from, length: record.length - from },
        }));
    }
    const hasRedirect = terms.some((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (rootChain && allIndex < 0 && !hasRedirect && !syntaxError) {
        findings.push(spf_findings/* SPF_FINDINGS */.Z.noAll(`the SPF record of ${domain} has neither "all" nor "redirect": hosts it does not list get neutral`, { name: domain, record }));
    }
    return findings;
}

// EXTERNAL MODULE: ./lib/spf/static-macro.js
var static_macro = __webpack_require__(68972);
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
        this.resolver = (0,cache.cachedResolver)(resolver);
        this.flatten = new FlattenPlan(root);
    }
    /** A query of the policy's own expansion: a transient failure is recorded in {@link dnsErrors}. */
    async query(name, type) {
        const r = await this.resolver.query(name, type);
        if ((0,dns_resolver/* isTransientFailure */.Ri)(r) &&
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
                const ip = (0,spf_ip/* parseAnswerIp */.d$)(t);
                if (ip)
                    ips.push(ip);
            }
        }
        const errs = [a, aaaa].filter((r) => (0,dns_resolver/* isTransientFailure */.Ri)(r));
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
            status: 'ok',
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
            this.add(spf_findings/* SPF_FINDINGS */.Z.loop(`${via} loop: ${path.join(' -> ')}`, {
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
            if ((0,dns_resolver/* isTransientFailure */.Ri)(txt)) {
                node.status = 'dns-error';
                node.detail = `TXT ${domain}: ${txt.kind}`;
                this.add(spf_findings/* SPF_FINDINGS */.Z.dnsError(`DNS ${txt.kind} reading the TXT records of ${domain}`, { name: domain }));
            }
            else {
                node.status = 'none';
                node.detail = txt.kind;
            }
            return node;
        }
        const sel = (0,spf_record/* selectSpfRecords */.O5)(txt.records);
        if (sel.status === 'none') {
            node.status = 'none';
            node.detail = 'no v=spf1 TXT record';
            return node;
        }
        if (sel.status === 'multiple') {
            node.status = 'multiple';
            node.records = sel.records.map((r) => r.text);
            this.add(spf_findings/* SPF_FINDINGS */.Z.multipleRecords(`${domain} publishes ${sel.records.length} SPF records`, {
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
            node.status = 'syntax-error';
            node.detail = `the TXT record is larger than ${MAX_TXT_RDATA} octets`;
            return node;
        }
        const parsed = (0,spf_record/* parseSpfRecord */.sw)(text);
        if (!parsed.ok) {
            node.status = 'syntax-error';
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
                    key: (0,spf_record/* printSpfTerm */.lw)(t).toLowerCase(),
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
        const whole = recordFindings(domain, record, terms, reach.rootChain, node.status === 'syntax-error');
        for (const f of whole)
            this.add(f);
    }
    /** A modifier (RFC 7208 §6): unknown ones are reported, `exp` is left alone, `redirect` is followed. */
    async modifier(scope, term, info) {
        const { node } = scope;
        const domain = node.domain;
        if (term.name === 'unknown') {
            this.add(spf_findings/* SPF_FINDINGS */.Z.unknownModifier(`unknown modifier "${term.modifierName}" in the SPF record of ${domain}`, scope.evidence(term)));
            return;
        }
        if (term.name === 'exp')
            return;
        if (scope.allIndex >= 0) {
            // §6.1: a redirect is only used when no mechanism matches, and `all` always matches.
            info.macro = (0,macro/* hasMacros */.G$)(term.domainSpec);
            info.reached = false;
            this.add(spf_findings/* SPF_FINDINGS */.Z.redirectIgnored(`${term.text} in the SPF record of ${domain} is never used: the record has an "all" mechanism`, scope.evidence(term)));
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
        if (spf_record/* DNS_MECHANISMS */.HC.has(mech.name) && info.reached) {
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
                    this.add(spf_findings/* SPF_FINDINGS */.Z.overlappingNetworks(`${mech.text} is inside ${container.text} in the SPF record of ${domain}`, {
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
                this.add(spf_findings/* SPF_FINDINGS */.Z.ptrUsed(`${mech.text} in the SPF record of ${domain}: the ptr mechanism SHOULD NOT be used`, evidence));
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
            const f = via === 'include' ? spf_findings/* SPF_FINDINGS */.Z.includeNoRecord : spf_findings/* SPF_FINDINGS */.Z.redirectNoRecord;
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
        const name = (0,static_macro/* expandStaticDomainSpec */.OA)(ms, { domain, senderDomain: this.root });
        if (name === null) {
            info.macro = true;
            if (info.reached) {
                const letters = (0,static_macro/* dynamicMacroLetters */.hn)(ms);
                this.add(spf_findings/* SPF_FINDINGS */.Z.macroNotChecked(`${term.text} in the SPF record of ${domain} depends on ${letters.map((l) => `%{${l}}`).join(', ')}, known only for each message and client: its target cannot be checked statically`, { ...evidence, details: { letters } }));
            }
            return null;
        }
        const target = ((0,dns_resolver/* normalizeName */.Pc)(name) ?? name).toLowerCase();
        info.target = target;
        if (!(0,macro/* hasMacros */.G$)(ms))
            return { target, text: term.text };
        info.expanded = true;
        const at = ms.offset - term.offset;
        const text = `${term.text.slice(0, at)}${(0,static_macro/* escapeMacroLiteral */.DD)(target)}${term.text.slice(at + ms.length)}`;
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
        this.add(spf_findings/* SPF_FINDINGS */.Z.voidLookup(`${info.term} in the SPF record of ${node.domain}: ${target} does not exist or has no records`, evidence));
    }
    /** `exists` (RFC 7208 §5.7): its A lookup is checked for void lookups; it never becomes networks. */
    async existsTerm(node, mech, info, keepable, evidence) {
        const domain = node.domain;
        const spec = this.spec(mech, mech.domainSpec, domain, info, evidence);
        if (spec && this.mayResolve(info)) {
            const r = await this.query(spec.target, 'A');
            if (!r.ok && (r.kind === 'NXDOMAIN' || r.kind === 'NODATA'))
                this.markVoid(node, info, evidence, spec.target);
            else if (!r.ok && (0,dns_resolver/* isTransientFailure */.Ri)(r))
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
                this.add(spf_findings/* SPF_FINDINGS */.Z.targetNoAddresses(`${mech.text} in the SPF record of ${domain}: ${target} has no A/AAAA records`, evidence));
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
            if ((0,dns_resolver/* isTransientFailure */.Ri)(mx))
                return `MX ${target}: ${mx.kind}`;
            this.markVoid(node, info, evidence, target);
            return undefined;
        }
        const hosts = [...mx.records]
            .sort((x, y) => x.priority - y.priority)
            .map((m) => m.exchange.replace(/\.$/, ''));
        info.mxHosts = hosts;
        const maxHosts = limits/* DEFAULT_SPF_LIMITS */.H8.maxMxHosts;
        if (hosts.length > maxHosts) {
            this.add(spf_findings/* SPF_FINDINGS */.Z.mxTooManyHosts(`${mech.text} in the SPF record of ${domain}: ${target} has ${hosts.length} MX records (more than ${maxHosts} is a permerror)`, { ...evidence, details: { hosts } }));
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
            this.add(spf_findings/* SPF_FINDINGS */.Z.targetNoAddresses(`${mech.text} in the SPF record of ${domain}: the MX hosts of ${target} have no A/AAAA records`, evidence));
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

;// CONCATENATED MODULE: ./lib/spf/analyze.js
/**
 * Static analysis of a domain's SPF policy: expands the whole include/redirect tree whatever a client
 * address would do (and past the limits, so everything is visible), costs every subtree against the
 * RFC 7208 §4.6.4 lookup limit, resolves the authorized networks, and reports findings from
 * {@link SPF_FINDINGS}; optionally suggests a flattened policy.
 *
 * The work is split by job: analysis.ts (the data types), tree.ts (the tree expansion and per-term findings),
 * record-lint.ts and record-size.ts (findings about one record's text), budget.ts (lookup and void-lookup
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
async function analyzeSpf(domain, options) {
    const lookupLimit = limits/* DEFAULT_SPF_LIMITS */.H8.maxLookups;
    const name = (0,dns_resolver/* normalizeName */.Pc)(domain);
    if (!name?.includes('.')) {
        return {
            domain,
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
                spf_findings/* SPF_FINDINGS */.Z.invalidDomain(`"${domain}" is not a valid multi-label domain name`, { name: domain }, { domain }),
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
        an.add(spf_findings/* SPF_FINDINGS */.Z.noRecord(`${name} publishes no SPF record`, { name }));
    }
    const incomplete = incompleteFinding(an, name);
    if (incomplete)
        an.add(incomplete);
    for (const f of budgetFindings(tree, name))
        an.add(f);
    const notFlattenable = an.flatten.notFlattenable;
    if (notFlattenable.length > 0) {
        const n = notFlattenable.length;
        an.add(spf_findings/* SPF_FINDINGS */.Z.notFlattenable(`${n === 1 ? '1 term' : `${n} terms`} of the SPF policy of ${name} ${n === 1 ? 'depends' : 'depend'} on each message and cannot be flattened: ${notFlattenable.map((t) => t.term).join(', ')}`, { name, details: { terms: notFlattenable } }));
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
            const spf = r.records.map((t) => t.join('')).find(spf_record/* isSpfRecord */.X9);
            if (spf !== undefined) {
                findings.push(spf_findings/* SPF_FINDINGS */.Z.misplacedRecord(`${owner} has a v=spf1 record; SPF is only looked up at ${name}`, {
                    name: owner,
                    record: spf,
                }));
            }
        }
        else if ((0,dns_resolver/* isTransientFailure */.Ri)(r)) {
            findings.push(spf_findings/* SPF_FINDINGS */.Z.misplacedNotChecked(`could not check ${owner} for a misplaced v=spf1 record: DNS ${r.kind} (the SPF policy itself was analyzed)`, 
            // Not `details.kind`: this is no DNS trouble of the SPF policy (src/audit/view.ts isTroubleFinding).
            { name: owner, details: { dnsFailure: r.kind } }));
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
                findings.push(spf_findings/* SPF_FINDINGS */.Z.type99Record(`${name} has a type 99 (SPF) record; RFC 7208 uses TXT records only`, {
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
    return spf_findings/* SPF_FINDINGS */.Z.analysisIncomplete(`the SPF policy of ${name} is too large to analyze fully: ${parts.join('; ')}`, {
        name,
        details: {
            notExpanded: an.notExpanded,
            maxNodes: an.maxNodes,
            notResolved: an.notResolved,
            maxTermLookups: an.maxTermLookups,
        },
    });
}

// EXTERNAL MODULE: ./lib/tlsrpt/findings.js
var tlsrpt_findings = __webpack_require__(46811);
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
    const out = { domain, status: 'absent', record: null, rua: [], findings };
    const txt = await queryTaggedTxt(options.resolver, name, isTlsRptRecord);
    const one = oneTaggedRecord(domain, txt, {
        label: 'TLS-RPT record',
        version: 'v=TLSRPTv1',
        severalMean: 'senders send no reports',
        dnsError: tlsrpt_findings/* TLSRPT_FINDINGS */.j.dnsError,
        noRecord: tlsrpt_findings/* TLSRPT_FINDINGS */.j.noRecord,
        multipleRecords: tlsrpt_findings/* TLSRPT_FINDINGS */.j.multipleRecords,
    });
    if (!('record' in one)) {
        findings.push(one.finding);
        out.status = one.status;
        return out;
    }
    const cand = one.record;
    out.record = { name, text: cand.text, ...(cand.source ? { source: cand.source } : {}) };
    const evidence = { name, record: cand.text, ...(cand.source ? { source: cand.source } : {}) };
    const parsed = parseTlsRptRecord(cand.text);
    out.rua = parsed.rua;
    for (const e of parsed.errors)
        findings.push(tlsrpt_findings/* TLSRPT_FINDINGS */.j.invalidRecord(`${name}: ${e}`, evidence, o));
    if (!parsed.hasRua)
        findings.push(tlsrpt_findings/* TLSRPT_FINDINGS */.j.missingRua(`${name} has no rua field`, evidence, o));
    for (const u of parsed.rua)
        if (u.error)
            findings.push(tlsrpt_findings/* TLSRPT_FINDINGS */.j.invalidRua(`${name}: rua URI "${u.uri}": ${u.error}`, { ...evidence, term: u.uri }, o));
    out.status = parsed.rua.some((u) => !u.error) ? 'valid' : 'invalid';
    return out;
}

;// CONCATENATED MODULE: ./lib/audit/abort.js
/**
 * A {@link Resolver} that stops waiting when an `AbortSignal` fires: every question still pending, and every
 * later one, is answered at once as a `TIMEOUT` failure. This is how a domain audit honours a time limit without
 * hanging and without throwing away what it already learned: the protocol audits finish with `*.dns-error`
 * findings for what was still unanswered.
 *
 * @module
 */

/** Wraps `inner` so that questions fail as TIMEOUT once `signal` is aborted. The inner queries are not cancelled. */
function abortableResolver(inner, signal) {
    return {
        query(name, type) {
            const timeout = () => (0,dns_resolver/* dnsFailure */.O$)(name, type, 'TIMEOUT', 'audit time limit reached');
            if (signal.aborted)
                return Promise.resolve(timeout());
            return new Promise((resolve) => {
                const onAbort = () => resolve(timeout());
                signal.addEventListener('abort', onAbort, { once: true });
                inner.query(name, type).then((r) => {
                    signal.removeEventListener('abort', onAbort);
                    resolve(r);
                }, (err) => {
                    signal.removeEventListener('abort', onAbort);
                    resolve((0,dns_resolver/* dnsFailure */.O$)(name, type, 'SERVFAIL', `resolver error: ${String(err)}`));
                });
            });
        },
    };
}

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
    if (!mx.nullMx || mx.status !== 'null-mx' || !spfAuthorizesHosts(spf))
        return [];
    return [
        mx_findings/* MX_FINDINGS */.J.nullMxSpfAuthorizes(`${mx.domain} publishes a null MX (it accepts no mail) but its SPF policy authorizes hosts to send for it`, {
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

// EXTERNAL MODULE: ./lib/audit/dns-trouble.js
var dns_trouble = __webpack_require__(3102);
// EXTERNAL MODULE: ./lib/audit/findings.js
var audit_findings = __webpack_require__(29501);
;// CONCATENATED MODULE: ./lib/audit/audit.js
/**
 * `auditDomain`: everything a receiver or an auditor checks about a sending domain, as one plain
 * {@link DomainReport} that renderers and the policy gate consume.
 *
 * @module
 */














/** The JSON report format version; bumped on any incompatible change to {@link DomainReport}. */
const REPORT_SCHEMA_VERSION = 1;
/** The default time limit of one {@link auditDomain} call, in milliseconds. */
const DEFAULT_AUDIT_TIMEOUT_MS = 120_000;
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
/** Thrown by {@link auditDomain} for options that are not what its TSDoc says (a missing resolver, a bad selector). */
class InvalidAuditOptionError extends TypeError {
    constructor(message) {
        super(message);
        this.name = 'InvalidAuditOptionError';
    }
}
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
/**
 * Checks that `domain` names something that can send mail and returns its normalised form (lower-case A-labels).
 * @throws {@link InvalidDomainError} otherwise.
 */
function auditableDomain(domain) {
    const name = typeof domain === 'string' ? (0,dns_resolver/* normalizeName */.Pc)(domain) : null;
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
    const n = typeof selector === 'string' ? (0,dns_resolver/* normalizeName */.Pc)(selector) : null;
    return n?.split('.').every((l) => HOST_LABEL.test(l)) === true;
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
/** Counts a list of findings by severity. */
function summarize(findings) {
    const count = (s) => findings.filter((f) => f.severity === s).length;
    return {
        errors: count('error'),
        warnings: count('warning'),
        infos: count('info'),
        dnsTrouble: findings.some(dns_trouble/* isDnsTrouble */.N),
    };
}
function withCounting(resolver) {
    return (0,cache.cachedResolver)(resolver);
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
    const resolver = withCounting(signal ? abortableResolver(options.resolver, signal) : options.resolver);
    const now = options.now ?? (() => new Date());
    const started = now();
    const checkedAt = started.toISOString();
    const checks = options.checks ?? {};
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
        analyzeSpf(name, {
            resolver,
            ...(options.spfBudget !== undefined ? { budget: options.spfBudget } : {}),
            ...(options.zones ? { zones: options.zones } : {}),
        }),
        dmarcP,
        auditDkim(name, {
            resolver,
            ...(options.selectors && options.selectors.length > 0
                ? { selectors: options.selectors }
                : { discover: true }),
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
        own.push(audit_findings/* AUDIT_FINDINGS */.F.timeout(`the audit of ${name} reached its time limit: questions still unanswered count as TIMEOUT`, {
            name,
            details: {
                kind: 'TIMEOUT',
                ...(typeof signal.reason === 'string' ? { reason: signal.reason } : {}),
            },
        }));
    const sections = [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi];
    const findings = (0,finding/* sortFindings */.Tc)([...sections.flatMap((s) => s?.findings ?? []), ...own].map((f) => ({ ...f, domain: f.domain ?? name })));
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


/***/ }),

/***/ 23805:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cachedResolver: () => (/* binding */ cachedResolver)
/* harmony export */ });
/* harmony import */ var _resolver_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97893);
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
 * - An inner resolver that throws (it must not) gives a SERVFAIL, treated like any transient failure.
 */
function cachedResolver(inner) {
    const cache = new Map();
    const settled = new Map();
    const stats = { queries: 0, cacheHits: 0, failures: {} };
    return {
        peek(name, type) {
            const hit = settled.get(`${(0,_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(name) ?? name}\u0000${type}`);
            if (hit)
                stats.cacheHits++;
            return hit;
        },
        query(name, type) {
            const key = `${(0,_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(name) ?? name}\u0000${type}`;
            const hit = cache.get(key);
            if (hit) {
                stats.cacheHits++;
                return hit;
            }
            stats.queries++;
            const p = inner
                .query(name, type)
                // A resolver must not throw; if one does, the question fails as SERVFAIL rather than crashing a batch.
                .catch((err) => (0,_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .dnsFailure */ .O$)(name, type, 'SERVFAIL', `resolver error: ${String(err)}`))
                .then((r) => {
                if (!r.ok)
                    stats.failures[r.kind] = (stats.failures[r.kind] ?? 0) + 1;
                // Transient failures are shared with the askers already waiting, never memoised.
                if ((0,_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransientFailure */ .Ri)(r)) {
                    if (cache.get(key) === p)
                        cache.delete(key);
                }
                else if (cache.get(key) === p)
                    settled.set(key, r);
                return r;
            });
            cache.set(key, p);
            return p;
        },
        stats: () => ({ ...stats, failures: { ...stats.failures } }),
        clear: () => {
            cache.clear();
            settled.clear();
        },
    };
}


/***/ })

};
