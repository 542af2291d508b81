export const id = 494;
export const ids = [494];
export const modules = {

/***/ 21413:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ko: () => (/* binding */ readInputs),
/* harmony export */   VA: () => (/* binding */ ActionInputError)
/* harmony export */ });
/* unused harmony exports splitList, splitGlobs */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var _dns_defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91341);
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
const DOMAIN = /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}\.?$/;
function checkServer(server) {
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
    const hostPort = /^([^:]+):(\d{1,5})$/.exec(server);
    const ok = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(server) ||
        (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(server) ||
        (bracketed !== null &&
            (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(bracketed[1]) &&
            (bracketed[2] === undefined || Number(bracketed[2]) <= 65535)) ||
        (hostPort !== null && (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(hostPort[1]) && Number(hostPort[2]) >= 1 && Number(hostPort[2]) <= 65535);
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
    const dnsTimeoutMs = timeoutText === '' ? _dns_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_TIMEOUT_MS */ .t : Number(timeoutText);
    if (!Number.isInteger(dnsTimeoutMs) || dnsTimeoutMs < 1 || dnsTimeoutMs > 60_000) {
        throw new ActionInputError(`dns-timeout: must be a whole number of milliseconds from 1 to 60000, not "${timeoutText}"`);
    }
    const config = {
        domains,
        selectors,
        zoneFiles: splitGlobs(get('zone-files')),
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
    return config;
}


/***/ }),

/***/ 494:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: MAX_ANNOTATIONS, SUMMARY_LIMIT_BYTES

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./lib/report/escape.js
var report_escape = __webpack_require__(72527);
// EXTERNAL MODULE: ./lib/version.js
var version = __webpack_require__(13411);
// EXTERNAL MODULE: ./lib/action/inputs.js
var inputs = __webpack_require__(21413);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./lib/action/zones.js
var zones = __webpack_require__(23901);
;// CONCATENATED MODULE: ./lib/action/paths.js
/**
 * Paths the Action reads and writes, kept inside the places a workflow expects: the policy file in the
 * repository (`GITHUB_WORKSPACE`), and the report and SARIF files in the workspace or under `RUNNER_TEMP`.
 * Symbolic links are resolved (realpath) before the check, so a link in the repository cannot lead outside it.
 *
 * @module
 */





async function realOrNull(path) {
    try {
        return await (0,promises_.realpath)(path);
    }
    catch {
        return null;
    }
}
/** The real path of `path`: the nearest existing ancestor resolved, the rest appended; and that ancestor. */
async function realTarget(path) {
    let existing = path;
    let rest = '';
    for (;;) {
        const real = await realOrNull(existing);
        if (real !== null)
            return { real: rest ? (0,external_node_path_.join)(real, rest) : real, existing };
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
        if ((0,zones.isInside)(path, (0,external_node_path_.resolve)(root)))
            return true;
        const real = await realOrNull(root);
        if (real !== null && (0,zones.isInside)(path, real))
            return true;
    }
    return false;
}
/** True when the real path of `path` (links resolved) is inside one of `roots` (links resolved). */
async function reallyInside(path, roots) {
    const { real } = await realTarget(path);
    for (const root of roots) {
        const realRoot = (await realOrNull(root)) ?? (0,external_node_path_.resolve)(root);
        if ((0,zones.isInside)(real, realRoot))
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
        throw new inputs/* ActionInputError */.VA(`policy: ${path} is outside the repository (GITHUB_WORKSPACE); ${POLICY_HINT}`);
    }
    if (!(await reallyInside(abs, [dirs.workspace]))) {
        throw new inputs/* ActionInputError */.VA(`policy: ${path} is outside the repository (after resolving symbolic links); ${POLICY_HINT}`);
    }
    const rel = (0,external_node_path_.relative)((0,external_node_path_.resolve)(dirs.workspace), abs);
    const file = (0,external_node_path_.isAbsolute)(path) && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? (0,zones.repoPath)(rel, '') : path;
    return { abs, file };
}
/**
 * Checks an output input (`report-file`, `sarif-file`) and returns the absolute path to write. Without a value,
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
        throw new inputs/* ActionInputError */.VA(`${input}: ${value} is outside the workspace; ${where}`);
    if (!(await reallyInside(abs, roots)))
        throw new inputs/* ActionInputError */.VA(`${input}: ${value} is outside the workspace (after resolving symbolic links); ${where}`);
    const { existing } = await realTarget(abs);
    const info = await (0,promises_.stat)(existing).catch(() => null);
    if (existing === abs && info) {
        if (info.isDirectory())
            throw new inputs/* ActionInputError */.VA(`${input}: ${value} is a directory, not a file; give a file path, e.g. ${external_node_path_.posix.join(value.split(external_node_path_.sep).join('/'), fallbackName)}`);
        if (!info.isFile())
            throw new inputs/* ActionInputError */.VA(`${input}: ${value} is not a regular file; give a file path, e.g. ${example}`);
    }
    else if (info && !info.isDirectory()) {
        const name = (0,zones.isInside)(existing, (0,external_node_path_.resolve)(dirs.workspace))
            ? (0,zones.repoPath)((0,external_node_path_.relative)((0,external_node_path_.resolve)(dirs.workspace), existing), '')
            : existing;
        throw new inputs/* ActionInputError */.VA(`${input}: cannot create ${value}: ${name} is a file, not a directory; give a file path, e.g. ${example}`);
    }
    return abs;
}

// EXTERNAL MODULE: ./lib/action/summary.js + 2 modules
var summary = __webpack_require__(14063);
;// CONCATENATED MODULE: ./lib/action/main.js
/**
 * The GitHub Action: audits domains (optionally with proposed zone files laid over live DNS), gates them
 * against a policy file, and reports through the job summary, annotations, SARIF and a JSON report.
 *
 * All Action I/O goes through `@actions/core`. Untrusted DNS text never reaches a workflow command unescaped:
 * annotations and `setFailed` go through core's command escaping after {@link escapeControl}; the text report is
 * printed inside a `::stop-commands::` block with a random token, one escaped line at a time; the job summary is
 * Markdown with every DNS string escaped.
 *
 * @module
 */









/**
 * The modules an audit needs, loaded once the inputs are read (the Action prints its first line before): the
 * audit, the gate, the renderers, DNS. The policy loader and the zone-file loader are loaded only when the inputs
 * name a policy or zone files.
 */
async function auditModules() {
    const [audit, domainList, catalog, cache, overlay, system, run, json, sarif, text, locate, summary] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(280), __webpack_require__.e(302), __webpack_require__.e(587)]).then(__webpack_require__.bind(__webpack_require__, 67587)),
        __webpack_require__.e(/* import() */ 920).then(__webpack_require__.bind(__webpack_require__, 2920)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 15476)),
        __webpack_require__.e(/* import() */ 805).then(__webpack_require__.bind(__webpack_require__, 23805)),
        __webpack_require__.e(/* import() */ 985).then(__webpack_require__.bind(__webpack_require__, 87985)),
        Promise.all(/* import() */[__webpack_require__.e(894), __webpack_require__.e(122)]).then(__webpack_require__.bind(__webpack_require__, 122)),
        Promise.all(/* import() */[__webpack_require__.e(280), __webpack_require__.e(302), __webpack_require__.e(587), __webpack_require__.e(547), __webpack_require__.e(287)]).then(__webpack_require__.bind(__webpack_require__, 41287)),
        Promise.all(/* import() */[__webpack_require__.e(280), __webpack_require__.e(302), __webpack_require__.e(587), __webpack_require__.e(406)]).then(__webpack_require__.bind(__webpack_require__, 97406)),
        __webpack_require__.e(/* import() */ 123).then(__webpack_require__.bind(__webpack_require__, 20123)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 44639)),
        Promise.all(/* import() */[__webpack_require__.e(280), __webpack_require__.e(547), __webpack_require__.e(130)]).then(__webpack_require__.bind(__webpack_require__, 58130)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 14063)),
    ]);
    return {
        InvalidDomainError: audit.InvalidDomainError,
        uniqueDomains: domainList.uniqueDomains,
        findingDefinition: catalog.findingDefinition,
        cachedResolver: cache.cachedResolver,
        overlayResolver: overlay.overlayResolver,
        systemResolver: system.systemResolver,
        auditAndGate: run.auditAndGate,
        gatedReport: json.gatedReport,
        renderSarif: sarif.renderSarif,
        renderText: text.renderText,
        locators: locate.locators,
        fitSummary: summary.fitSummary,
        policyWarningsMarkdown: summary.policyWarningsMarkdown,
    };
}
/** What the inputs ask for, for the log (names escaped). */
function startLine(config) {
    const parts = [
        config.domains.length ? `${config.domains.length} domain${config.domains.length === 1 ? '' : 's'}` : '',
        config.policy ? `policy ${(0,report_escape/* escapeLogLine */._P)(config.policy)}` : '',
        config.zoneFiles.length ? `zone files ${config.zoneFiles.map((z) => (0,report_escape/* escapeLogLine */._P)(z)).join(', ')}` : '',
    ].filter((x) => x);
    return `mailgate ${version/* VERSION */.x}: ${parts.length ? parts.join('; ') : 'domains from the policy or the zone files'}`;
}
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
    const { loadPolicy, PolicyError } = await Promise.all(/* import() */[__webpack_require__.e(84), __webpack_require__.e(569)]).then(__webpack_require__.bind(__webpack_require__, 45569));
    try {
        const loaded = await loadPolicy(abs);
        return { ...loaded, file, warnings: loaded.warnings.map((w) => ({ ...w, file })) };
    }
    catch (e) {
        if (e instanceof PolicyError) {
            const first = e.issues[0];
            if (first && first.line === 0) {
                const code = /\(([^)]*)\)$/.exec(first.message)?.[1] ?? first.message;
                throw new inputs/* ActionInputError */.VA(`policy: cannot read ${file} (${code}); set the policy input to a file in the repository, e.g. .github/mailgate.yml`);
            }
            // Each issue as an annotation on the policy file, then one line for setFailed.
            for (const issue of e.issues) {
                core/* error */.z3((0,report_escape/* escapeControl */.hN)(`${issue.path ? `${issue.path}: ` : ''}${issue.message}`), {
                    title: 'mailgate policy',
                    file,
                    startLine: issue.line,
                });
            }
            const detail = e.issues.map((i) => `${file}:${i.line}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
            throw new inputs/* ActionInputError */.VA(`policy: ${file} is invalid (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}): ${detail[0]}${detail.length > 1 ? ` (and ${detail.length - 1} more, see the annotations)` : ''}`);
        }
        throw e;
    }
}
/** Drops a domain given twice (`acme.test`, `ACME.TEST.`), keeping the first, and says so in the log. */
function once(m, names, source) {
    const { domains, duplicates } = m.uniqueDomains(names);
    if (duplicates.length > 0)
        core/* info */.pq(`mailgate: ${duplicates.length} duplicate domain${duplicates.length === 1 ? '' : 's'} in ${source} audited once: ${duplicates.map((d) => (0,report_escape/* escapeLogLine */._P)(d)).join(', ')}`);
    return domains;
}
function domainsToAudit(m, config, policy, zones) {
    if (config.domains.length > 0)
        return once(m, config.domains, 'the domains input');
    const fromPolicy = Object.keys(policy?.domains ?? {});
    if (fromPolicy.length > 0)
        return once(m, fromPolicy, 'the policy file');
    const fromZones = [...new Set(zones.map((z) => z.origin))];
    if (fromZones.length > 0)
        return fromZones;
    throw new inputs/* ActionInputError */.VA('domains: no domain to audit. Set the domains input (comma or newline separated), list domains in the policy file, or give zone-files');
}
function buildResolver(m, config, zones) {
    let live;
    try {
        live = m.systemResolver({
            ...(config.dnsServers.length > 0 ? { servers: config.dnsServers } : {}),
            timeoutMs: config.dnsTimeoutMs,
            tries: 2,
        });
    }
    catch (e) {
        throw new inputs/* ActionInputError */.VA(`dns-servers: ${e.message}`);
    }
    return m.cachedResolver(zones.length > 0 ? m.overlayResolver(zones, live) : live);
}
/** A link to a file line in the repository on GitHub, when the run has the context for it. */
function blobLink(source) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = process.env;
    if (!server || !repo || !sha)
        return undefined;
    return `${server}/${repo}/blob/${sha}/${source.file}#L${source.line}`;
}
/** Writes an output file; a failure is a usage error naming the input. */
async function writeOutput(input, path, text) {
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        await (0,promises_.writeFile)(path, text);
    }
    catch (e) {
        const code = e.code ?? String(e);
        throw new inputs/* ActionInputError */.VA(`${input}: cannot write ${path} (${code}); give a writable file path`);
    }
}
/** Prints the text report to the log with workflow commands stopped, one escaped line at a time. */
function logReport(text) {
    const token = `mailgate-${(0,external_node_crypto_.randomUUID)()}`;
    core/* info */.pq(`::stop-commands::${token}`);
    for (const line of text.split('\n'))
        core/* info */.pq((0,report_escape/* escapeLogLine */._P)(line));
    core/* info */.pq(`::${token}::`);
}
function annotate(m, gate, locate) {
    let emitted = 0;
    for (const d of gate.domains) {
        for (const f of d.findings) {
            if (f.severity === 'info' || emitted >= MAX_ANNOTATIONS)
                continue;
            const source = f.evidence?.source ?? locate(f);
            const title = `mailgate ${f.id}: ${m.findingDefinition(f.id)?.title ?? f.id}`;
            const props = { title: (0,report_escape/* escapeControl */.hN)(title) };
            if (source) {
                props.file = source.file;
                props.startLine = source.line;
            }
            const message = (0,report_escape/* escapeControl */.hN)(`${d.domain}: ${f.message}`);
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
 * SARIF, outputs, job summary and annotations, and fails the step (`core.setFailed`, one line) when the gate
 * fails or is undetermined, or on a usage error (with a message saying what to fix).
 *
 * Never throws: every error ends in `core.setFailed`.
 */
async function run() {
    try {
        const config = (0,inputs/* readInputs */.Ko)((name) => core/* getInput */.V4(name));
        core/* info */.pq(startLine(config));
        // the audit's modules load while the outputs, the policy and the zone files are checked
        const loading = auditModules();
        loading.catch(() => undefined);
        const dirs = actionDirs();
        // Output paths are checked before the audit, so a bad one fails at once.
        const reportFile = await outputPath('report-file', config.reportFile, 'mailgate-report.json', dirs);
        const sarifFile = await outputPath('sarif-file', config.sarifFile, 'mailgate.sarif', dirs);
        if (reportFile === sarifFile) {
            throw new inputs/* ActionInputError */.VA(`sarif-file and report-file are the same file (${config.sarifFile}); give two different paths`);
        }
        const loaded = await loadPolicyInput(config, dirs);
        for (const w of loaded?.warnings ?? []) {
            core/* warning */.$e((0,report_escape/* escapeControl */.hN)(`${w.path}: ${w.message}`), {
                title: 'mailgate policy',
                file: loaded.file,
                startLine: w.line,
            });
        }
        const policy = loaded?.policy ?? {};
        const zoneFiles = config.zoneFiles.length > 0 ? await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 23901)) : undefined;
        const zones = zoneFiles ? await zoneFiles.loadZoneGlobs(config.zoneFiles, dirs.workspace) : [];
        // What a DNS server would ignore or change in a proposed zone (out-of-zone records, a CNAME beside other
        // data, unquoted TXT words) is annotated on its line, so the what-if result is never silently different.
        for (const zone of zones) {
            for (const w of zone.warnings) {
                core/* warning */.$e((0,report_escape/* escapeControl */.hN)(w.message), {
                    title: 'mailgate zone file',
                    file: zone.file ?? zone.origin,
                    startLine: w.line,
                });
            }
        }
        if (zones.length > 0) {
            core/* info */.pq(`mailgate: what-if mode with ${zones.length} zone file${zones.length === 1 ? '' : 's'} over live DNS: ${zones.map((z) => (0,report_escape/* escapeLogLine */._P)(z.file ?? z.origin)).join(', ')}`);
        }
        const m = await loading;
        const domains = domainsToAudit(m, config, loaded?.policy, zones);
        const resolver = buildResolver(m, config, zones);
        let audited;
        try {
            audited = await m.auditAndGate(domains, {
                resolver,
                policy,
                selectors: config.selectors,
                dmarcMode: config.dmarcMode,
                ...(config.failOn ? { failOn: config.failOn } : {}),
                ...(zoneFiles ? { transform: (r) => zoneFiles.withZoneSources(r, zones) } : {}),
            });
        }
        catch (e) {
            if (e instanceof m.InvalidDomainError)
                throw new inputs/* ActionInputError */.VA(`domains: ${e.message}`);
            throw e;
        }
        const { reports, gate } = audited;
        // Annotations: the zone file line, else the policy line; SARIF results always get a file (see locators).
        const locate = m.locators({
            zones,
            gate,
            ...(loaded ? { loaded } : {}),
            ...(process.env.GITHUB_WORKFLOW_REF ? { workflowRef: process.env.GITHUB_WORKFLOW_REF } : {}),
        });
        await writeOutput('report-file', reportFile, `${JSON.stringify(m.gatedReport(reports, gate), null, 2)}\n`);
        const sarif = m.renderSarif(reports, { gate, locate: locate.sarif, category: 'mailgate/' });
        await writeOutput('sarif-file', sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);
        logReport(m.renderText(reports, { gate }));
        annotate(m, gate, locate.annotation);
        const policyWarnings = loaded?.warnings ?? [];
        if (process.env.GITHUB_STEP_SUMMARY) {
            const options = { gate, link: blobLink, title: 'mailgate: email authentication' };
            const summary = m.fitSummary(reports, options, m.policyWarningsMarkdown(policyWarnings));
            await core/* summary */.z.addRaw(summary, true).write();
        }
        core/* setOutput */.uH('passed', gate.passed ? 'true' : 'false');
        core/* setOutput */.uH('errors', String(gate.counts.errors));
        // Policy file warnings (e.g. a misspelt finding id, whose rule has no effect) count as warnings too.
        core/* setOutput */.uH('warnings', String(gate.counts.warnings + policyWarnings.length));
        core/* setOutput */.uH('report', reportFile);
        core/* setOutput */.uH('sarif', sarifFile);
        if (!gate.passed)
            core/* setFailed */.C1((0,report_escape/* escapeControl */.hN)(gate.reason));
        else
            core/* info */.pq(`mailgate: policy passed for ${domains.length} domain${domains.length === 1 ? '' : 's'}`);
        return { gate, reports, reportFile, sarifFile };
    }
    catch (e) {
        if (e instanceof inputs/* ActionInputError */.VA) {
            core/* setFailed */.C1(`mailgate: ${(0,report_escape/* escapeControl */.hN)(e.message)}`);
            return undefined;
        }
        const err = e instanceof Error ? e : new Error(String(e));
        core/* debug */.Yz((0,report_escape/* escapeControl */.hN)(err.stack ?? err.message));
        core/* setFailed */.C1(`mailgate: internal error: ${(0,report_escape/* escapeControl */.hN)(err.message)}`);
        return undefined;
    }
}


/***/ }),

/***/ 14063:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_SUMMARY_WARNINGS: () => (/* binding */ MAX_SUMMARY_WARNINGS),
  SUMMARY_LIMIT_BYTES: () => (/* binding */ SUMMARY_LIMIT_BYTES),
  fitSummary: () => (/* binding */ fitSummary),
  policyWarningsMarkdown: () => (/* binding */ policyWarningsMarkdown)
});

// EXTERNAL MODULE: ./lib/report/escape.js
var report_escape = __webpack_require__(72527);
// EXTERNAL MODULE: ./lib/audit/view.js
var audit_view = __webpack_require__(29658);
// EXTERNAL MODULE: ./lib/catalog.js + 2 modules
var catalog = __webpack_require__(15476);
// EXTERNAL MODULE: ./lib/spf/record.js
var spf_record = __webpack_require__(48558);
// EXTERNAL MODULE: ./lib/spf/static-macro.js
var static_macro = __webpack_require__(68972);
;// CONCATENATED MODULE: ./lib/spf/term-costs.js
/**
 * The lookup cost of each DNS-querying term of one SPF record (RFC 7208 §4.6.4), in record order, for
 * renderers that list a policy's costs term by term.
 *
 * @module
 */


/**
 * The reached DNS-querying terms of `record` (terms after `all` and a redirect that `all` makes
 * unreachable cost nothing and are left out), as the analysis costs them.
 * @param record the SPF record text
 * @param domain the domain whose record it is (for `%{d}`)
 * @param root the analyzed domain (for `%{o}`)
 */
function recordTermCosts(record, domain, root) {
    const terms = (0,spf_record/* parseSpfRecord */.sw)(record).record.terms;
    const allIndex = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
    const out = [];
    terms.forEach((t, i) => {
        if (allIndex >= 0 && i > allIndex)
            return;
        if (t.kind === 'mechanism' && spf_record/* DNS_MECHANISMS */.HC.has(t.name)) {
            const spec = 'domainSpec' in t ? t.domainSpec : undefined;
            const follows = t.name === 'include' &&
                spec !== undefined &&
                (0,static_macro/* expandStaticDomainSpec */.OA)(spec, { domain, senderDomain: root }) !== null;
            out.push({ term: t.text, name: t.name, cost: 1, follows });
        }
        else if (t.kind === 'modifier' && t.name === 'redirect' && allIndex < 0) {
            const follows = (0,static_macro/* expandStaticDomainSpec */.OA)(t.domainSpec, { domain, senderDomain: root }) !== null;
            out.push({ term: t.text, name: 'redirect', cost: 1, follows });
        }
    });
    return out;
}

// EXTERNAL MODULE: ./lib/report/phrases.js
var phrases = __webpack_require__(34120);
// EXTERNAL MODULE: ./lib/report/text.js
var report_text = __webpack_require__(44639);
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
    const label = `${(0,report_escape/* escapeMarkdown */.FV)(source.file)}:${source.line}`;
    const href = options.link?.(source);
    return href
        ? ` ([${label}](${encodeURI(href).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}))`
        : ` (${label})`;
}
function recordsTable(view, options) {
    const rows = [];
    const spf = view.spf;
    rows.push([
        'SPF',
        spf.record !== undefined ? (0,report_escape/* markdownCode */.D9)(spf.record) : `_${(0,report_escape/* escapeMarkdown */.FV)((0,phrases/* missingRecordText */.l)(spf.status, 'SPF record'))}_`,
        `${(0,report_escape/* escapeMarkdown */.FV)(view.domain)}${where(spf.source, options)}`,
        spf.record !== undefined
            ? `${spf.lookups ?? '?'} lookup${spf.lookups === 1 ? '' : 's'}; ends with ${spf.allQualifier === undefined ? 'no all' : (0,report_escape/* markdownCode */.D9)(`${spf.allQualifier}all`)}`
            : '',
    ]);
    const dmarc = view.dmarc;
    rows.push([
        'DMARC',
        dmarc.record !== undefined
            ? (0,report_escape/* markdownCode */.D9)(dmarc.record)
            : `_${(0,report_escape/* escapeMarkdown */.FV)((0,phrases/* missingRecordText */.l)(dmarc.status, 'DMARC record'))}_`,
        `${(0,report_escape/* escapeMarkdown */.FV)(dmarc.name ?? `_dmarc.${view.domain}`)}${where(dmarc.source, options)}`,
        dmarc.record !== undefined
            ? `p=${(0,report_escape/* escapeMarkdown */.FV)(dmarc.p ?? '?')}${dmarc.inherited ? ' (inherited)' : ''}${dmarc.rua.length ? '; rua set' : '; no rua'}`
            : '',
    ]);
    for (const s of view.dkim) {
        const key = s.status === 'found'
            ? `${(0,report_escape/* escapeMarkdown */.FV)(s.keyType ?? 'rsa')}${s.bits !== undefined ? ` ${s.bits} bits` : ''}${s.testing ? ' (testing)' : ''}`
            : `_${(0,report_escape/* escapeMarkdown */.FV)((0,phrases/* missingRecordText */.l)(s.status, 'key'))}_`;
        rows.push([
            `DKIM ${(0,report_escape/* escapeMarkdown */.FV)(s.selector)}`,
            s.record !== undefined ? (0,report_escape/* markdownCode */.D9)(truncate(s.record, 60)) : '',
            `${(0,report_escape/* escapeMarkdown */.FV)(s.name)}${where(s.source, options)}`,
            key,
        ]);
    }
    if (view.dkim.length === 0 && view.dkimUnchecked) {
        const u = view.dkimUnchecked;
        rows.push([
            'DKIM',
            `_${u.count} of ${u.probed} common selectors could not be checked_`,
            '',
            (0,report_escape/* escapeMarkdown */.FV)(`DNS ${u.kinds.join(', ')}`),
        ]);
    }
    else if (view.dkim.length === 0)
        rows.push(['DKIM', '_no selector found_', '', 'give the selectors you sign with']);
    for (const x of view.extras) {
        rows.push([
            (0,report_escape/* escapeMarkdown */.FV)(x.label),
            x.record !== undefined
                ? (0,report_escape/* markdownCode */.D9)(truncate(x.record, 80))
                : `_${(0,report_escape/* escapeMarkdown */.FV)((0,phrases/* missingRecordText */.l)(x.status, `${x.label} record`))}_`,
            `${(0,report_escape/* escapeMarkdown */.FV)(x.name)}${where(x.source, options)}`,
            x.detail ? (0,report_escape/* escapeMarkdown */.FV)(x.detail) : '',
        ]);
    }
    return table(['', 'Record', 'Where', 'Details'], rows);
}
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/**
 * One node of the SPF tree and, in record order, every DNS-querying term of its record with its cost: an
 * include/redirect with a child record as that child's line (costs 1 + its subtree), the other terms (a, mx,
 * ptr, exists, and includes whose target depends on each message) as `costs 1`; so the lines of a node add
 * up to its total (RFC 7208 §4.6.4).
 */
function treeList(node, depth, out, budget, root = node.domain) {
    if (budget.left-- <= 0) {
        if (budget.left === -1)
            out.push(`${'  '.repeat(depth)}- …`);
        return;
    }
    const how = node.via === 'root'
        ? ''
        : node.via === 'include'
            ? `${node.qualifier === '+' ? '' : (node.qualifier ?? '')}include:`
            : 'redirect=';
    const status = node.status === 'found' ? '' : ` — _${(0,report_escape/* escapeMarkdown */.FV)(node.status)}_`;
    const cost = (0,report_text.treeCost)(node);
    out.push(`${'  '.repeat(depth)}- ${(0,report_escape/* markdownCode */.D9)(`${how}${node.domain}`)} — ${cost}${status}`);
    const children = [...node.children];
    const terms = node.record === undefined ? [] : recordTermCosts(node.record, node.domain, root);
    for (const t of terms) {
        const child = t.follows ? children.shift() : undefined;
        if (child)
            treeList(child, depth + 1, out, budget, root);
        else if (budget.left-- > 0)
            out.push(`${'  '.repeat(depth + 1)}- ${(0,report_escape/* markdownCode */.D9)(t.term)} — costs ${t.cost}`);
        else if (budget.left === -1)
            out.push(`${'  '.repeat(depth + 1)}- …`);
    }
    for (const c of children)
        treeList(c, depth + 1, out, budget, root);
}
function ruleRow(r) {
    const what = r.rule === 'finding' ? (0,report_escape/* markdownCode */.D9)(r.id) : (0,report_escape/* markdownCode */.D9)(r.rule);
    const details = r.suppression
        ? `${(0,report_escape/* escapeMarkdown */.FV)(r.message)} — suppressed: ${(0,report_escape/* escapeMarkdown */.FV)(r.suppression.reason)}${r.suppression.expires ? ` (until ${(0,report_escape/* escapeMarkdown */.FV)(r.suppression.expires)})` : ''}`
        : (0,report_escape/* escapeMarkdown */.FV)(r.message);
    return [
        OUTCOME_ICON[r.outcome],
        what,
        r.expected !== undefined ? (0,report_escape/* escapeMarkdown */.FV)(r.expected) : '',
        r.actual !== undefined ? (0,report_escape/* escapeMarkdown */.FV)(r.actual) : '',
        details,
    ];
}
function findingRow(f, options) {
    return [SEVERITY_ICON[f.severity], (0,report_escape/* markdownCode */.D9)(f.id), `${(0,report_escape/* escapeMarkdown */.FV)(f.message)}${where(f.evidence?.source, options)}`];
}
/** Remediations for what fails or warns: one bullet per finding id (the catalog's advice). */
function whatToChange(findings) {
    const seen = new Map();
    for (const f of findings) {
        if (f.severity === 'info')
            continue;
        const def = (0,catalog.findingDefinition)(f.id);
        const remediation = f.remediation ?? def?.remediation;
        if (!remediation)
            continue;
        const entry = seen.get(f.id);
        if (entry)
            entry.count++;
        else
            seen.set(f.id, { title: def?.title ?? f.id, remediation, count: 1 });
    }
    return [...seen.entries()].map(([id, e]) => `- ${(0,report_escape/* markdownCode */.D9)(id)} ${(0,report_escape/* escapeMarkdown */.FV)(e.title)}${e.count > 1 ? ` (×${e.count})` : ''}: ${(0,report_escape/* escapeMarkdown */.FV)(e.remediation)}`);
}
function renderDomain(report, level, options, g) {
    const view = (0,audit_view/* viewReport */.ab)(report);
    const findings = g ? g.findings : report.findings;
    const counts = g ? g.counts : report.summary;
    const parts = [];
    const status = g ? ` — ${STATUS_ICON[g.status]}` : '';
    parts.push(heading(level, `${(0,report_escape/* escapeMarkdown */.FV)(report.domain)}${status}`));
    const extra = [(0,report_text.countsLine)(counts)];
    if (g?.counts.suppressed)
        extra.push(`${g.counts.suppressed} suppressed`);
    if (report.summary.dnsTrouble)
        extra.push('⚠️ DNS trouble: some checks could not complete');
    parts.push(extra.join(' · '));
    if (g && g.rules.length > 0) {
        parts.push(table(['Outcome', 'Rule', 'Expected', 'Found', 'Details'], g.rules.map(ruleRow)));
    }
    parts.push(recordsTable(view, options));
    if (view.spf.tree) {
        const lines = [];
        treeList(view.spf.tree, 0, lines, { left: 40 });
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
    const parts = [heading(level, (0,report_escape/* escapeMarkdown */.FV)(options.title ?? 'mailgate report'))];
    const g = options.gate;
    if (g) {
        const verdict = g.status === 'passed'
            ? `**${STATUS_ICON.passed}**: every rule holds for ${reports.length} domain${reports.length === 1 ? '' : 's'}.`
            : `**${STATUS_ICON[g.status]}**: ${(0,report_escape/* escapeMarkdown */.FV)(g.reason)}`;
        parts.push(verdict);
        parts.push(table(['Domain', 'Verdict', 'Failed rules', 'Undetermined', 'Errors', 'Warnings'], g.domains.map((d) => [
            (0,report_escape/* escapeMarkdown */.FV)(d.domain),
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
        .map((w) => `- ${(0,report_escape/* markdownCode */.D9)(`${w.file}:${w.line}`)}: ${(0,report_escape/* escapeMarkdown */.FV)(`${w.path ? `${w.path}: ` : ''}${w.message}`)}`);
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


/***/ }),

/***/ 23901:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   POLICY_FILE_FINDINGS: () => (/* binding */ POLICY_FILE_FINDINGS),
/* harmony export */   isInside: () => (/* binding */ isInside),
/* harmony export */   loadZoneGlobs: () => (/* binding */ loadZoneGlobs),
/* harmony export */   locateInZones: () => (/* binding */ locateInZones),
/* harmony export */   looksLikeZoneFile: () => (/* binding */ looksLikeZoneFile),
/* harmony export */   repoPath: () => (/* binding */ repoPath),
/* harmony export */   withZoneSources: () => (/* binding */ withZoneSources),
/* harmony export */   workspacePattern: () => (/* binding */ workspacePattern)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _dns_resolver_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(97893);
/* harmony import */ var _dns_zonefile_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67791);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(21413);
/**
 * Zone files for the Action's "what-if" mode: finding them by glob in the repository (and only there), loading
 * them, and pointing findings at the zone file line that defines (or should define) the record.
 *
 * @module
 */





/** Repository-relative path with `/` separators. */
function repoPath(file, workspace) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file) ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, file) : file;
    return rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
}
/** True when `path` is `root` or below it (both absolute and already resolved; no symbolic links followed). */
function isInside(path, root) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path);
    return rel === '' || (!(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) && rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`));
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
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(p)) {
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, p);
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) || rel === '..' || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`))
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: "${pattern}" is outside the repository; ${OUTSIDE_HINT}`);
        p = rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/') || '.';
    }
    p = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(p.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/'));
    if (p === '..' || p.startsWith('../'))
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: "${pattern}" is outside the repository; ${OUTSIDE_HINT}`);
    p = p.replace(/(?:^|\/)\*\*\/?$/, '').replace(/\/+$/, '');
    return p === '' ? '.' : p;
}
/**
 * True when a file's name or content says it is meant as a zone file: named `*.zone`, `*.db` or `db.*`, or
 * holding a `$ORIGIN` or `$TTL` directive or an SOA record. The Action loads only such files, so a pattern that
 * matches some other file (a config, a secret) never copies its content into the log or the reports.
 */
function looksLikeZoneFile(file, text) {
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(file);
    return (/\.(zone|db)$/i.test(name) ||
        /^db\./i.test(name) ||
        /^\s*\$(ORIGIN|TTL)\s/im.test(text) ||
        /^\S*\s+(?:\d+\s+)?(?:IN\s+)?(?:\d+\s+)?SOA\s/im.test(text));
}
/**
 * The `*.zone` files below a directory, recursively and in sorted order (what `loadZonePaths` reads for a
 * directory; symbolic links inside are not followed).
 */
async function zoneFilesBelow(dir, workspace) {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true, recursive: true });
    return entries
        .filter((e) => e.isFile() && e.name.endsWith('.zone'))
        .map((e) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(e.parentPath, e.name))
        .sort()
        .map((abs) => ({ abs, rel: repoPath((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, abs), workspace) }));
}
/** True when an exclusion matches the file or one of its directories. */
function excluded(rel, exclude) {
    const parts = rel.split('/');
    for (let n = parts.length; n > 0; n--) {
        const path = parts.slice(0, n).join('/');
        if (exclude.some((x) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.matchesGlob)(path, x)))
            return true;
    }
    return false;
}
async function realOrNull(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(path);
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
 * @throws {@link ActionInputError} when there are only exclusions, a pattern or file is outside the workspace, a
 *   pattern contributes no file, a file is not a zone file, or a file cannot be read or parsed (the message gives
 *   the file and line).
 */
async function loadZoneGlobs(patterns, workspace) {
    const includeText = patterns.filter((p) => !p.startsWith('!'));
    const excludeText = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    if (includeText.length === 0 && excludeText.length > 0) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files has only exclusions (${excludeText.map((p) => `!${p}`).join(', ')}): list the zone files to include too, e.g. zones/*.zone`);
    }
    const include = includeText.map((p) => workspacePattern(p, workspace));
    // An exclusion drops the files it matches and everything below a directory it matches.
    const exclude = excludeText
        .map((p) => workspacePattern(p, workspace))
        .flatMap((p) => (p === '.' ? ['**'] : [p, `${p}/**`]));
    const realWorkspace = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(workspace).catch(() => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace));
    const files = new Map();
    for (const [i, pattern] of include.entries()) {
        let contributed = 0;
        let directories = 0;
        for await (const f of (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.glob)(pattern, { cwd: workspace, exclude })) {
            const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, f);
            const rel = repoPath((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, abs), workspace) || '.';
            const real = await realOrNull(abs);
            if (real !== null && !isInside(real, realWorkspace)) {
                const how = rel === '..' || rel.startsWith('../') ? '' : ' (after resolving symbolic links)';
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: ${rel} is outside the repository${how}; ${OUTSIDE_HINT}`);
            }
            const info = real === null ? null : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(real);
            if (info?.isDirectory()) {
                directories++;
                for (const m of await zoneFilesBelow(abs, workspace)) {
                    if (excluded(m.rel, exclude))
                        continue;
                    const r = await realOrNull(m.abs);
                    if (r === null || !isInside(r, realWorkspace)) {
                        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: ${m.rel} is outside the repository (after resolving symbolic links); ${OUTSIDE_HINT}`);
                    }
                    files.set(m.rel, m.abs);
                    contributed++;
                }
                continue;
            }
            if (info && !info.isFile())
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: ${rel} is not a regular file; match only zone files`);
            files.set(rel, abs);
            contributed++;
        }
        if (contributed === 0) {
            const given = includeText[i];
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(directories > 0
                ? `zone-files: no *.zone file below "${given}" (a directory contributes the *.zone files below it; for other names use a pattern such as zones/*.db)`
                : `zone-files: no file matches "${given}" (patterns are relative to the repository root, e.g. zones/*.zone)`);
        }
    }
    const zones = [];
    for (const [file, abs] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        let zone;
        try {
            // Read first to check that this is meant as a zone file: a config or secret matched by a broad pattern
            // is refused without parsing it, so none of its text reaches the log, the report or the summary.
            if (!looksLikeZoneFile(file, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(abs, 'utf8'))) {
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: ${file} is not a zone file (no .zone or .db name, no $ORIGIN, $TTL or SOA record; content not shown); match only zone files, e.g. zones/*.zone`);
            }
            zone = await (0,_dns_zonefile_js__WEBPACK_IMPORTED_MODULE_3__/* .loadZoneFile */ .br)(abs);
        }
        catch (e) {
            if (e instanceof _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA)
                throw e;
            if (e instanceof _dns_zonefile_js__WEBPACK_IMPORTED_MODULE_3__/* .ZoneParseError */ .gT) {
                const detail = e.message.slice(e.message.indexOf(': ', `${e.file}:${e.line}`.length) + 2);
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: ${file}:${e.line}: ${detail}`);
            }
            const code = e.code ?? 'error';
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionInputError */ .VA(`zone-files: cannot read ${file} (${code})`);
        }
        zone.file = file;
        zones.push(zone);
    }
    return zones;
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
/** The line of the zone's SOA record (else its first record, else 1): where a missing record is added. */
function soaLine(zone) {
    const soa = zone.records.find((r) => r.type === 'SOA' && r.name === zone.origin);
    return (soa ?? zone.records[0])?.line ?? 1;
}
function areaOf(id) {
    for (const [re, area] of POLICY_AREA)
        if (re.test(id))
            return area;
    return id.split('.')[0] ?? '';
}
function locateMx(finding, zone, name) {
    if (MX_MISSING.has(finding.id))
        return soaLine(zone);
    const at = (type) => zone.records.filter((r) => r.name === name && r.type === type);
    const record = finding.evidence?.record;
    if (record !== undefined) {
        const mx = at('MX').find((r) => {
            const d = r.data;
            return d !== undefined && `${d.priority} ${d.exchange === '' ? '.' : d.exchange}` === record;
        });
        if (mx)
            return mx.line;
    }
    const address = finding.evidence?.details?.address;
    if (finding.id === 'mx.non-public-address' && typeof address === 'string') {
        const a = [...at('A'), ...at('AAAA')].find((r) => r.data === address);
        if (a)
            return a.line;
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
    const name = (0,_dns_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeName */ .Pc)(rawName);
    if (!name)
        return undefined;
    const zone = zoneFor(zones, name);
    if (!zone)
        return undefined;
    const file = zone.file ?? zone.origin;
    const area = areaOf(finding.id);
    if (area === 'mx') {
        const line = locateMx(finding, zone, name);
        return line === undefined ? undefined : { file, line };
    }
    const txt = zone.records.filter((r) => r.name === name && r.type === 'TXT' && Array.isArray(r.data));
    const text = (r) => (0,_dns_resolver_js__WEBPACK_IMPORTED_MODULE_2__/* .joinTxt */ .vc)(r.data);
    const record = finding.evidence?.record;
    if (record !== undefined) {
        const exact = txt.find((r) => text(r) === record);
        if (exact)
            return { file, line: exact.line };
    }
    const prefix = AREA_PREFIX[area];
    if (!prefix && area !== 'dkim' && area !== 'policy')
        return undefined;
    const ofKind = prefix ? txt.filter((r) => prefix.test(text(r))) : txt;
    if (ofKind.length === 1)
        return { file, line: ofKind[0].line };
    return { file, line: soaLine(zone) };
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


/***/ }),

/***/ 3102:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ isDnsTrouble)
/* harmony export */ });
/**
 * Which findings mean "DNS trouble prevented a verdict" (exit code 3, the gate's `undetermined` outcome).
 *
 * @module
 */
/**
 * True for a finding that records a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) rather than an
 * observation about the published records. By convention such findings have ids ending in `.dns-error`
 * (`spf.dns-error`, `dmarc.dns-error`, `dkim.dns-error`, ...). `audit.timeout` (the per-domain time limit of a
 * batch audit was reached, so unanswered questions count as TIMEOUT) is DNS trouble too.
 */
function isDnsTrouble(finding) {
    return finding.id.endsWith('.dns-error') || finding.id === 'audit.timeout';
}


/***/ }),

/***/ 29501:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ AUDIT_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * Findings of the domain audit itself (not of one protocol): the per-domain time limit of batch audits.
 *
 * @module
 */

/** The audit's own findings; `AUDIT_FINDINGS.definitions` feeds the catalog. */
const AUDIT_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
    timeout: {
        id: 'audit.timeout',
        severity: 'error',
        title: 'Audit stopped at the time limit',
        remediation: 'The domain’s DNS (or policy hosts) answered too slowly: questions still unanswered at the limit count as TIMEOUT, so parts of the report are undetermined. Retry, or raise the per-domain time limit.',
    },
});


/***/ }),

/***/ 29658:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dt: () => (/* binding */ isTroubleFinding),
/* harmony export */   _5: () => (/* binding */ hasTrouble),
/* harmony export */   ab: () => (/* binding */ viewReport)
/* harmony export */ });
/* harmony import */ var _dns_resolver_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97893);
/* harmony import */ var _dns_trouble_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3102);
/**
 * A flat, renderer-friendly view of a {@link DomainReport}: the facts the tables, the CSV row and the policy
 * gate need (the SPF record and its include tree, the DMARC record and where it was found, each DKIM selector
 * with its key size), read from the report's protocol sections in one place so that renderers do not each
 * depend on the section types.
 *
 * All text here is untrusted DNS text: renderers escape it.
 *
 * @module
 */


/** True when the report has a DNS-trouble finding for `area` (`spf`, `dmarc`, `dkim`...). */
function hasTrouble(findings, area) {
    return findings.some((f) => f.id.startsWith(`${area}.`) && isTroubleFinding(f));
}
/**
 * True for a finding that records a transient DNS failure: the `.dns-error` convention (`isDnsTrouble`), or a
 * finding whose `evidence.details.kind` is TIMEOUT, SERVFAIL or REFUSED.
 */
function isTroubleFinding(f) {
    if ((0,_dns_trouble_js__WEBPACK_IMPORTED_MODULE_1__/* .isDnsTrouble */ .N)(f))
        return true;
    const kind = f.evidence?.details?.kind;
    return typeof kind === 'string' && _dns_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .TRANSIENT_FAILURES */ .$l.has(kind);
}
function spfView(analysis, findings) {
    const tree = analysis.tree;
    const troubleAtRoot = analysis.dnsErrors.some((e) => e.name === analysis.domain && e.type === 'TXT');
    let status;
    if (troubleAtRoot || tree?.status === 'dns-error')
        status = 'dns-error';
    else if (analysis.records.length > 1 || tree?.status === 'multiple')
        status = 'multiple';
    else if (analysis.record === null)
        status = 'none';
    else if (tree?.status === 'syntax-error')
        status = 'invalid';
    else
        status = 'found';
    const view = { status, includes: [] };
    if (analysis.record !== null)
        view.record = analysis.record;
    const source = analysis.tree?.source ??
        findings.find((f) => f.id.startsWith('spf.') && f.evidence?.source && f.evidence.name === analysis.domain)
            ?.evidence?.source;
    if (source)
        view.source = source;
    if (tree && status !== 'dns-error' && status !== 'none' && status !== 'multiple') {
        view.lookups = analysis.lookups;
        view.voidLookups = analysis.voidLookups;
        view.allQualifier = effectiveAll(tree);
        view.includes = passIncludes(tree);
    }
    if (tree)
        view.tree = treeView(tree, 'root');
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
const TREE_STATUS = {
    ok: 'found',
    none: 'none',
    multiple: 'multiple',
    'syntax-error': 'invalid',
    'dns-error': 'dns-error',
    loop: 'loop',
    'not-expanded': 'limit',
};
function treeView(node, via, qualifier) {
    const v = {
        domain: node.domain,
        via,
        status: TREE_STATUS[node.status] ?? 'invalid',
        lookups: node.ownLookups,
        totalLookups: node.lookups,
        children: [],
    };
    if (qualifier !== undefined)
        v.qualifier = qualifier;
    if (node.record !== undefined)
        v.record = node.record;
    node.children.forEach((child, i) => {
        const term = node.terms.find((t) => t.child === i);
        const childVia = term?.kind === 'modifier' ? 'redirect' : 'include';
        v.children.push(treeView(child, childVia, childVia === 'include' ? (term?.qualifier ?? '+') : undefined));
    });
    return v;
}
function dkimView(audit) {
    return audit.selectors.map((s) => {
        const usable = s.records.find((r) => r.errors.length === 0 && !r.revoked);
        const rec = usable ?? s.records[0];
        let status;
        if (s.status === 'error')
            status = s.dnsError && !_dns_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .TRANSIENT_FAILURES */ .$l.has(s.dnsError) ? 'none' : 'dns-error';
        else if (s.status === 'missing' || !rec)
            status = 'none';
        else if (usable)
            status = 'found';
        else if (rec.revoked)
            status = 'revoked';
        else
            status = 'invalid';
        const v = { selector: s.selector, name: s.name, status };
        if (rec) {
            v.record = rec.text;
            if (rec.keyType)
                v.keyType = rec.keyType;
            else
                v.keyType = rec.k;
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
function mtaStsView(audit) {
    const status = audit.status === 'valid'
        ? 'found'
        : audit.status === 'absent'
            ? 'none'
            : audit.status === 'dns-error'
                ? 'dns-error'
                : 'invalid';
    const v = { status };
    if (audit.mode)
        v.mode = audit.mode;
    return v;
}
const SECTION_STATUS = {
    valid: 'found',
    published: 'found',
    hosts: 'found',
    'null-mx': 'found',
    declined: 'found',
    'not-fetched': 'found',
    absent: 'none',
    none: 'none',
    nxdomain: 'none',
    'dns-error': 'dns-error',
    invalid: 'invalid',
};
function extras(report) {
    const out = [];
    const d = report.domain;
    const row = (label, name, status, rec, detail) => {
        const r = { label, name, status: SECTION_STATUS[status] ?? 'invalid' };
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
        row('MX', d, mx.status, record ? { text: record, ...(mx.hosts[0]?.source ? { source: mx.hosts[0].source } : {}) } : null, detail);
    }
    if (report.mtaSts) {
        const m = report.mtaSts;
        row('MTA-STS', m.record?.name ?? `_mta-sts.${d}`, m.status, m.record, m.mode ? `mode ${m.mode}` : m.status === 'not-fetched' ? 'policy not fetched' : undefined);
    }
    if (report.tlsRpt) {
        const t = report.tlsRpt;
        row('TLS-RPT', t.record?.name ?? `_smtp._tls.${d}`, t.status, t.record);
    }
    if (report.bimi) {
        const b = report.bimi;
        row('BIMI', b.record?.name ?? `${b.selector}._bimi.${d}`, b.status, b.record, b.status === 'declined' ? 'declined (empty l= and a=)' : undefined);
    }
    return out;
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
    if (report.mtaSts)
        view.mtaSts = mtaStsView(report.mtaSts);
    return view;
}
function dmarcView(audit) {
    const d = audit.discovery;
    let status;
    if (audit.record)
        status = audit.record.isDmarc && audit.effective ? 'found' : 'invalid';
    else if (d.noRecordReason === 'dns-error')
        status = 'dns-error';
    else if (d.noRecordReason === 'multiple-records')
        status = 'multiple';
    else
        status = 'none';
    const view = { status, rua: [], ruf: [] };
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


/***/ }),

/***/ 18545:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ BIMI_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * The BIMI findings catalog (draft-brand-indicators-for-message-identification): the assertion record at
 * `<selector>._bimi.<domain>`, the SVG Tiny PS logo, the mark certificate (VMC/CMC), and the DMARC enforcement
 * prerequisite.
 *
 * @module
 */

const DRAFT = 'draft-brand-indicators-for-message-identification';
/** Every BIMI finding, one factory per key; `BIMI_FINDINGS.definitions` feeds the catalog. */
const BIMI_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
    dnsError: {
        id: 'bimi.dns-error',
        severity: 'error',
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


/***/ }),

/***/ 15476:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FINDINGS_CATALOG: () => (/* binding */ FINDINGS_CATALOG),
  FINDING_GROUPS: () => (/* binding */ FINDING_GROUPS),
  duplicateFindingIds: () => (/* binding */ duplicateFindingIds),
  findingDefinition: () => (/* binding */ findingDefinition)
});

// EXTERNAL MODULE: ./lib/findings/finding.js
var finding = __webpack_require__(86939);
;// CONCATENATED MODULE: ./lib/arc/findings.js
/**
 * ARC findings (RFC 8617).
 *
 * @module
 */

/** The ARC findings catalog (RFC 8617 chain validation); see docs/findings.md. */
const ARC_FINDINGS = (0,finding/* defineFindings */.IP)({
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
        title: 'An ARC key could not be fetched (DNS error)',
        rfc: 'RFC 8617 §5.2',
        remediation: 'A temporary DNS failure: the chain could not be validated; retry later.',
    },
});

// EXTERNAL MODULE: ./lib/audit/findings.js
var findings = __webpack_require__(29501);
// EXTERNAL MODULE: ./lib/bimi/findings.js
var bimi_findings = __webpack_require__(18545);
// EXTERNAL MODULE: ./lib/dkim/findings.js
var dkim_findings = __webpack_require__(90489);
// EXTERNAL MODULE: ./lib/dmarc/findings.js
var dmarc_findings = __webpack_require__(58675);
;// CONCATENATED MODULE: ./lib/message/findings.js
/**
 * Message-level findings: the envelope, DMARC and ARC conclusions, and bulk-sender readiness (the Gmail and
 * Yahoo sender requirements in force since February 2024). Readiness items are findings, never verdicts.
 *
 * @module
 */

/** The message-level findings catalog (envelope, From, bulk-sender readiness, DMARC verdict); see docs/findings.md. */
const MESSAGE_FINDINGS = (0,finding/* defineFindings */.IP)({
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

// EXTERNAL MODULE: ./lib/mtasts/findings.js
var mtasts_findings = __webpack_require__(90816);
// EXTERNAL MODULE: ./lib/mx/findings.js
var mx_findings = __webpack_require__(1235);
// EXTERNAL MODULE: ./lib/policy/findings.js
var policy_findings = __webpack_require__(57814);
// EXTERNAL MODULE: ./lib/spf/findings.js
var spf_findings = __webpack_require__(21013);
// EXTERNAL MODULE: ./lib/tlsrpt/findings.js
var tlsrpt_findings = __webpack_require__(46811);
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
    { area: 'spf', definitions: spf_findings/* SPF_FINDINGS */.Z.definitions },
    { area: 'dmarc', definitions: dmarc_findings/* DMARC_FINDINGS */.x.definitions },
    { area: 'dkim', definitions: dkim_findings/* DKIM_FINDINGS */.B.definitions },
    { area: 'arc', definitions: ARC_FINDINGS.definitions },
    { area: 'message', definitions: MESSAGE_FINDINGS.definitions },
    { area: 'mx', definitions: mx_findings/* MX_FINDINGS */.J.definitions },
    { area: 'mtasts', definitions: mtasts_findings/* MTASTS_FINDINGS */.s.definitions },
    { area: 'tlsrpt', definitions: tlsrpt_findings/* TLSRPT_FINDINGS */.j.definitions },
    { area: 'bimi', definitions: bimi_findings/* BIMI_FINDINGS */.t.definitions },
    { area: 'audit', definitions: findings/* AUDIT_FINDINGS */.F.definitions },
    { area: 'policy', definitions: policy_findings/* POLICY_FINDINGS */.I.definitions },
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


/***/ }),

/***/ 90489:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ DKIM_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * The DKIM findings: observations on signatures (src/dkim/verify.ts) and on published key records
 * (src/dkim/key.ts). Severities here are the catalog defaults; a configurable policy rule set to `warn` emits
 * its finding with severity `warning`.
 *
 * @module
 */

/** The DKIM findings catalog (RFC 6376, RFC 8301, RFC 8463): signature and key-record observations; see docs/findings.md. */
const DKIM_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
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
    timestampInFuture: {
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
        title: 'Key revoked (empty p=)',
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


/***/ }),

/***/ 58675:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ DMARC_RFC7489_CITATIONS),
/* harmony export */   x: () => (/* binding */ DMARC_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * The DMARC findings catalog: record lint (RFC 9989 §4.7, §4.8), discovery problems (RFC 9989 §4.10,
 * RFC 7489 §6.6.3) and audit observations (reporting, RFC 9990 §4; subdomain policies; the two modes).
 *
 * @module
 */

/** Every DMARC finding, one factory per key; `DMARC_FINDINGS.definitions` feeds the catalog. */
const DMARC_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
    // --- record syntax (src/dmarc/record.ts) ---
    notDmarcRecord: {
        id: 'dmarc.not-dmarc-record',
        severity: 'error',
        title: 'Record does not start with v=DMARC1',
        rfc: 'RFC 9989 §4.7',
        remediation: 'Start the record with "v=DMARC1;" exactly: the v tag first, the value "DMARC1" in upper case.',
    },
    syntax: {
        id: 'dmarc.syntax',
        severity: 'warning',
        title: 'Malformed tag',
        rfc: 'RFC 9989 §4.8',
        remediation: 'Write every tag as name=value and separate tags with ";". Receivers ignore malformed parts.',
    },
    unknownTag: {
        id: 'dmarc.unknown-tag',
        severity: 'info',
        title: 'Unknown tag (ignored)',
        rfc: 'RFC 9989 §4.7',
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
        remediation: 'Use one of the values the RFC defines for the tag; an invalid value is replaced by the default.',
    },
    invalidUri: {
        id: 'dmarc.invalid-uri',
        severity: 'error',
        title: 'Invalid reporting URI',
        rfc: 'RFC 9989 §4.8',
        remediation: 'Write each destination as a URI, e.g. "mailto:dmarc@example.com"; encode "," and "!" as %2C and %21.',
    },
    uriScheme: {
        id: 'dmarc.uri-scheme',
        severity: 'info',
        title: 'Reporting URI is not mailto:',
        rfc: 'RFC 9989 §4.7',
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
        remediation: 'Publish a valid p= (none, quarantine or reject) and a rua= reporting URI; without either, receivers apply no DMARC processing.',
    },
    policyMissing: {
        id: 'dmarc.policy-missing',
        severity: 'warning',
        title: 'No valid p= tag: treated as p=none',
        rfc: 'RFC 9989 §4.10.1',
        remediation: 'Publish p=none, p=quarantine or p=reject explicitly.',
    },
    policyNone: {
        id: 'dmarc.policy-none',
        severity: 'warning',
        title: 'Policy is p=none (monitoring only)',
        rfc: 'RFC 9989 §3.2.12',
        remediation: 'Once aggregate reports show all legitimate mail aligned, move to p=quarantine, then p=reject.',
    },
    subdomainPolicyWeaker: {
        id: 'dmarc.subdomain-policy-weaker',
        severity: 'warning',
        title: 'sp= weaker than p=',
        rfc: 'RFC 9989 §4.7',
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
        remediation: 'Remove pct (RFC 9989 receivers ignore it) or set it to 100; use t=y to test.',
    },
    noRua: {
        id: 'dmarc.no-rua',
        severity: 'warning',
        title: 'No aggregate report destination (rua=)',
        rfc: 'RFC 9989 §4.7, §5.1.3',
        remediation: 'Add rua=mailto:... so that receivers send aggregate reports; without it none are sent.',
    },
    tooManyUris: {
        id: 'dmarc.too-many-uris',
        severity: 'warning',
        title: 'More than two URIs in rua= or ruf=',
        rfc: 'RFC 7489 §6.2, RFC 9989 Appendix C.7',
        remediation: 'List at most two destinations: RFC 7489 receivers only have to support two.',
    },
    foIgnored: {
        id: 'dmarc.fo-ignored',
        severity: 'info',
        title: 'fo= without ruf= is ignored',
        rfc: 'RFC 9989 §4.7',
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
        remediation: 'Publish a TXT record at _dmarc.<domain>, e.g. "v=DMARC1; p=none; rua=mailto:dmarc@<domain>".',
    },
    recordAtApex: {
        id: 'dmarc.record-at-apex',
        severity: 'error',
        title: 'DMARC record published at the domain instead of _dmarc',
        rfc: 'RFC 9989 §4.5',
        remediation: 'Move the v=DMARC1 TXT record to the name _dmarc.<domain>; receivers never look at the domain itself.',
    },
    spfAtDmarc: {
        id: 'dmarc.spf-at-dmarc',
        severity: 'error',
        title: 'SPF record published at _dmarc',
        rfc: 'RFC 9989 §4.5, RFC 7208 §3',
        remediation: 'Publish the SPF record at the domain itself and a v=DMARC1 record at _dmarc.<domain>.',
    },
    recordIgnored: {
        id: 'dmarc.record-ignored',
        severity: 'warning',
        title: 'TXT record at _dmarc ignored: not a valid DMARC record',
        rfc: 'RFC 9989 §4.7, §4.10',
        remediation: 'Start the record with "v=DMARC1;" exactly (the v tag first, "DMARC1" in upper case, nothing before it); ' +
            'until then receivers discard it and apply the parent or Organizational Domain policy, or none.',
    },
    multipleRecords: {
        id: 'dmarc.multiple-records',
        severity: 'error',
        title: 'Several DMARC records at one name',
        rfc: 'RFC 9989 §4.10, RFC 7489 §6.6.3',
        remediation: 'Publish exactly one v=DMARC1 TXT record per name; with several, receivers discard them all.',
    },
    inheritedPolicy: {
        id: 'dmarc.inherited-policy',
        severity: 'info',
        title: 'Policy inherited from the Organizational Domain or a PSD',
        rfc: 'RFC 9989 §4.10.1',
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
        title: 'DNS error during DMARC discovery',
        rfc: 'RFC 9989 §4.10.1, §5.3.6',
        remediation: 'Retry later; check the authoritative servers of the names that failed. A timeout is not "no policy".',
    },
    externalDestinationUnauthorized: {
        id: 'dmarc.external-destination-unauthorized',
        severity: 'warning',
        title: 'External report destination not authorized',
        rfc: 'RFC 9990 §4',
        remediation: 'Ask the destination to publish TXT "v=DMARC1" at <domain>._report._dmarc.<destination> (or a wildcard); otherwise receivers do not send it reports.',
    },
    reportDomainNoMx: {
        id: 'dmarc.report-domain-no-mx',
        severity: 'warning',
        title: 'Report destination domain has no MX',
        rfc: 'RFC 5321 §5.1, RFC 7505',
        remediation: 'Use a report address at a domain that receives mail (MX records, not a null MX).',
    },
    subdomainWeakens: {
        id: 'dmarc.subdomain-weakens',
        severity: 'warning',
        title: 'Subdomain record weakens the organizational policy',
        rfc: 'RFC 9989 §4.10.1',
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
 * The RFC 7489 sections of the findings whose rule RFC 7489 also has, by finding id: in RFC 7489 mode the
 * audit cites these instead of the RFC 9989 sections of the catalog. Findings about RFC 9989 additions
 * (np, psd, t, the Tree Walk, historic tags) keep their RFC 9989 citation.
 */
const DMARC_RFC7489_CITATIONS = {
    'dmarc.not-dmarc-record': 'RFC 7489 §6.3',
    'dmarc.syntax': 'RFC 7489 §6.4',
    'dmarc.unknown-tag': 'RFC 7489 §6.3',
    'dmarc.invalid-value': 'RFC 7489 §6.3, §6.4',
    'dmarc.invalid-uri': 'RFC 7489 §6.2, §6.4',
    'dmarc.uri-scheme': 'RFC 7489 §6.2',
    'dmarc.record-unusable': 'RFC 7489 §6.6.3',
    'dmarc.policy-missing': 'RFC 7489 §6.6.3',
    'dmarc.policy-none': 'RFC 7489 §6.3',
    'dmarc.subdomain-policy-weaker': 'RFC 7489 §6.3',
    'dmarc.pct-partial': 'RFC 7489 §6.3',
    'dmarc.no-rua': 'RFC 7489 §6.3, §7.2',
    'dmarc.too-many-uris': 'RFC 7489 §6.2',
    'dmarc.fo-ignored': 'RFC 7489 §6.3',
    'dmarc.no-record': 'RFC 7489 §6.6.3',
    'dmarc.record-at-apex': 'RFC 7489 §6.1',
    'dmarc.spf-at-dmarc': 'RFC 7489 §6.1, RFC 7208 §3',
    'dmarc.record-ignored': 'RFC 7489 §6.3, §6.6.3',
    'dmarc.multiple-records': 'RFC 7489 §6.6.3',
    'dmarc.inherited-policy': 'RFC 7489 §6.6.3',
    'dmarc.dns-error': 'RFC 7489 §6.6.3',
    'dmarc.external-destination-unauthorized': 'RFC 7489 §7.1',
    'dmarc.subdomain-weakens': 'RFC 7489 §6.6.3',
};


/***/ }),

/***/ 54603:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ Deadline)
/* harmony export */ });
/* unused harmony exports MAX_TIMER_DELAY_MS, delay */
/* harmony import */ var _resolver_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97893);
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
class Deadline {
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
        return (0,_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .dnsFailure */ .O$)(name, type, 'TIMEOUT', `${this.what} was exceeded`);
    }
    /** Stops the timer (the work is done). */
    dispose() {
        this.timer.cancel();
    }
}


/***/ }),

/***/ 91341:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ DEFAULT_TRIES),
/* harmony export */   t: () => (/* binding */ DEFAULT_TIMEOUT_MS)
/* harmony export */ });
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


/***/ }),

/***/ 97893:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ TRANSIENT_FAILURES),
/* harmony export */   O$: () => (/* binding */ dnsFailure),
/* harmony export */   Pc: () => (/* binding */ normalizeName),
/* harmony export */   Ri: () => (/* binding */ isTransientFailure),
/* harmony export */   W0: () => (/* binding */ isAbsent),
/* harmony export */   vc: () => (/* binding */ joinTxt)
/* harmony export */ });
/* unused harmony exports RR_TYPES, DEFINITIVE_FAILURES, ABSENT_FAILURES, DnsError */
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73136);
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
/** Kinds that mean "the DNS answered: there is nothing" (as opposed to "we could not find out"). */
const DEFINITIVE_FAILURES = new Set(['NXDOMAIN', 'NODATA']);
/**
 * Kinds that mean "we could not find out" rather than "there is nothing": a check is undetermined (SPF
 * temperror, RFC 7208 §2.6.6; a `*.dns-error` finding), never "no record".
 */
const TRANSIENT_FAILURES = new Set(['TIMEOUT', 'SERVFAIL', 'REFUSED']);
/** True for a failed result (or a failure kind) that is transient: see {@link TRANSIENT_FAILURES}. */
function isTransientFailure(result) {
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
function isAbsent(result) {
    if (typeof result === 'string')
        return ABSENT_FAILURES.has(result);
    return !result.ok && ABSENT_FAILURES.has(result.kind);
}
/** An exception carrying a {@link DnsFailure}, for code paths that prefer to throw. */
class DnsError extends Error {
    failure;
    constructor(failure) {
        super(`${failure.type} ${failure.name}: ${failure.kind}${failure.message ? ` (${failure.message})` : ''}`);
        this.name = 'DnsError';
        this.failure = failure;
    }
    get kind() {
        return this.failure.kind;
    }
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
function normalizeName(name) {
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
            const ascii = (0,node_url__WEBPACK_IMPORTED_MODULE_0__.domainToASCII)(label);
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
/** Joins a TXT record's character-strings into one string (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
function joinTxt(strings) {
    return strings.join('');
}


/***/ }),

/***/ 49284:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ decodeTxtRecord)
/* harmony export */ });
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


/***/ }),

/***/ 67791:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   br: () => (/* binding */ loadZoneFile),
/* harmony export */   gT: () => (/* binding */ ZoneParseError)
/* harmony export */ });
/* unused harmony exports parseTtl, parseZone, isQueryableType, loadZonePaths */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _resolver_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97893);
/* harmony import */ var _txt_octets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(49284);
/**
 * RFC 1035 §5 master-file ("zone file") parser.
 *
 * Supported: `$ORIGIN`, `$TTL`, `@`, relative and absolute owner names, omitted owner (a line starting with
 * white space repeats the previous owner), omitted TTL and class in either order, parentheses across lines,
 * `;` comments, quoted and unquoted character-strings with `\X` and `\DDD` escapes, several strings per TXT
 * (their octets decoded once per record by `decodeTxtRecord`, exactly as live answers are),
 * BIND-style TTL units (`1h`, `2d`, `1w3d`), and the types A, AAAA, MX, TXT, SPF (type 99, kept for audits),
 * PTR, CNAME, NS, SOA. Any other type (CAA, SRV, DS, `TYPE65`...) is kept as opaque text so that real zones
 * from DNS-as-code repositories load; such records make their owner name exist but are never answered.
 * `$INCLUDE` and `$GENERATE` are rejected with a {@link ZoneParseError}.
 *
 * Why our own parser: the npm candidates (dns-zonefile, zone-file) lose `\DDD` escapes, give no line numbers
 * for errors and records, and are unmaintained; findings and SARIF need the line of every record.
 *
 * @module
 */





/** Thrown for a malformed zone file; `file` and `line` (1-based) locate the problem. */
class ZoneParseError extends Error {
    file;
    line;
    constructor(file, line, message) {
        super(`${file}:${line}: ${message}`);
        this.name = 'ZoneParseError';
        this.file = file;
        this.line = line;
    }
}
const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);
/** Splits a master file into logical lines (parentheses joined), honouring quotes, escapes and comments. */
function tokenize(text, file) {
    const out = [];
    let line = 1;
    let depth = 0;
    let current = null;
    let atLineStart = true;
    let i = 0;
    const bytes = [];
    // A token keeps its octets; its text is valid UTF-8 decoded, else one character per octet (Latin-1). TXT data
    // is not taken from this text but decoded from the octets once per record (see parseRdata).
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const flushBytes = () => {
        const buf = Buffer.from(bytes);
        bytes.length = 0;
        try {
            return { text: utf8.decode(buf), bytes: buf };
        }
        catch {
            return { text: buf.toString('latin1'), bytes: buf };
        }
    };
    const pushToken = (tok) => {
        if (!current)
            current = { tokens: [], blankOwner: false, line: tok.line };
        current.tokens.push(tok);
    };
    const endLine = () => {
        if (current && current.tokens.length > 0)
            out.push(current);
        current = null;
    };
    const pushChar = (ch) => {
        for (const b of Buffer.from(ch, 'utf8'))
            bytes.push(b);
    };
    // Reads an escape at text[i] === '\\'; returns the new index.
    const readEscape = (start, tokLine) => {
        const d = text.slice(start + 1, start + 4);
        if (/^\d{3}$/.test(d)) {
            const v = Number(d);
            if (v > 255)
                throw new ZoneParseError(file, tokLine, `escape \\${d} is over 255`);
            bytes.push(v);
            return start + 4;
        }
        const next = text[start + 1];
        if (next === undefined)
            throw new ZoneParseError(file, tokLine, 'backslash at end of file');
        if (next === '\n')
            throw new ZoneParseError(file, tokLine, 'backslash before end of line');
        const cp = text.codePointAt(start + 1);
        pushChar(String.fromCodePoint(cp));
        return start + 1 + (cp > 0xffff ? 2 : 1);
    };
    while (i < text.length) {
        const ch = text[i];
        if (ch === '\n') {
            line++;
            if (depth === 0)
                endLine();
            atLineStart = true;
            i++;
            continue;
        }
        if (ch === '\r') {
            i++;
            continue;
        }
        if (ch === ' ' || ch === '\t') {
            if (atLineStart && depth === 0) {
                current = { tokens: [], blankOwner: true, line };
            }
            atLineStart = false;
            i++;
            continue;
        }
        atLineStart = false;
        if (ch === ';') {
            while (i < text.length && text[i] !== '\n')
                i++;
            continue;
        }
        if (ch === '(') {
            depth++;
            i++;
            continue;
        }
        if (ch === ')') {
            if (depth === 0)
                throw new ZoneParseError(file, line, "unbalanced ')'");
            depth--;
            i++;
            continue;
        }
        if (ch === '"') {
            const tokLine = line;
            i++;
            let closed = false;
            while (i < text.length) {
                const c = text[i];
                if (c === '"') {
                    closed = true;
                    i++;
                    break;
                }
                if (c === '\\') {
                    i = readEscape(i, tokLine);
                    continue;
                }
                if (c === '\n')
                    line++;
                pushChar(c);
                i++;
            }
            if (!closed)
                throw new ZoneParseError(file, tokLine, 'unterminated quoted string');
            pushToken({ ...flushBytes(), quoted: true, line: tokLine });
            continue;
        }
        // Unquoted token.
        const tokLine = line;
        while (i < text.length) {
            const c = text[i];
            if (c === ' ' ||
                c === '\t' ||
                c === '\n' ||
                c === '\r' ||
                c === ';' ||
                c === '(' ||
                c === ')' ||
                c === '"')
                break;
            if (c === '\\') {
                i = readEscape(i, tokLine);
                continue;
            }
            const cp = text.codePointAt(i);
            pushChar(String.fromCodePoint(cp));
            i += cp > 0xffff ? 2 : 1;
        }
        pushToken({ ...flushBytes(), quoted: false, line: tokLine });
    }
    if (depth !== 0)
        throw new ZoneParseError(file, line, "unbalanced '(' at end of file");
    endLine();
    return out;
}
/**
 * Parses a TTL: a number of seconds, or BIND units (`1w2d3h4m5s`, case-insensitive).
 * @returns seconds, or `null` when `text` is not a TTL.
 */
function parseTtl(text) {
    if (/^\d+$/.test(text))
        return Number(text);
    if (!/^(\d+[wdhms])+$/i.test(text))
        return null;
    const mult = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
    let total = 0;
    for (const m of text.toLowerCase().matchAll(/(\d+)([wdhms])/g))
        total += Number(m[1]) * mult[m[2]];
    return total;
}
function absoluteName(name, origin, file, line) {
    if (name === '@') {
        if (origin === undefined)
            throw new ZoneParseError(file, line, "'@' used before any $ORIGIN");
        return origin;
    }
    if (name === '.')
        return '';
    let full;
    if (name.endsWith('.'))
        full = name.slice(0, -1);
    else {
        if (origin === undefined)
            throw new ZoneParseError(file, line, `relative name '${name}' used before any $ORIGIN`);
        full = origin === '' ? name : `${name}.${origin}`;
    }
    const norm = (0,_resolver_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeName */ .Pc)(full);
    if (norm === null)
        throw new ZoneParseError(file, line, `invalid domain name '${name}'`);
    return norm;
}
/**
 * Parses RFC 1035 master-file text.
 *
 * @param text - the zone file contents.
 * @param options - origin, file label, default TTL.
 * @returns the {@link Zone}; its `origin` is `options.origin` or the first `$ORIGIN`.
 * @throws {@link ZoneParseError} with file and line for a malformed line, an unknown directive, bad RDATA
 *   (e.g. an A record that is not an IPv4 address), or no origin at all.
 */
function parseZone(text, options = {}) {
    const file = options.file ?? 'zone';
    let origin;
    if (options.origin !== undefined) {
        const o = options.origin === '.' || options.origin === '' ? '' : (0,_resolver_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeName */ .Pc)(options.origin);
        if (o === null)
            throw new ZoneParseError(file, 0, `invalid origin '${options.origin}'`);
        origin = o;
    }
    let zoneOrigin = origin;
    let defaultTtl;
    let lastTtl = options.defaultTtl ?? 3600;
    let lastOwner;
    const records = [];
    const warnings = [];
    for (const ll of tokenize(text, file)) {
        const toks = ll.tokens;
        const first = toks[0];
        if (!first.quoted && first.text.startsWith('$') && !ll.blankOwner) {
            const directive = first.text.toUpperCase();
            if (directive === '$ORIGIN') {
                const arg = toks[1];
                if (!arg)
                    throw new ZoneParseError(file, ll.line, '$ORIGIN needs a name');
                origin = absoluteName(arg.text, origin, file, ll.line);
                if (zoneOrigin === undefined)
                    zoneOrigin = origin;
            }
            else if (directive === '$TTL') {
                const ttl = toks[1] ? parseTtl(toks[1].text) : null;
                if (ttl === null)
                    throw new ZoneParseError(file, ll.line, '$TTL needs a TTL');
                defaultTtl = ttl;
            }
            else {
                throw new ZoneParseError(file, ll.line, `unsupported directive ${first.text}`);
            }
            continue;
        }
        let idx = 0;
        let owner;
        if (ll.blankOwner) {
            if (lastOwner === undefined)
                throw new ZoneParseError(file, ll.line, 'record without an owner name');
            owner = lastOwner;
        }
        else {
            owner = absoluteName(first.text, origin, file, ll.line);
            idx = 1;
        }
        let ttl;
        // [ttl] [class] type  |  [class] [ttl] type
        for (let k = 0; k < 2; k++) {
            const t = toks[idx];
            if (!t || t.quoted)
                break;
            const up = t.text.toUpperCase();
            if (CLASSES.has(up)) {
                if (up !== 'IN')
                    throw new ZoneParseError(file, ll.line, `class ${up} is not supported (only IN)`);
                idx++;
                continue;
            }
            const asTtl = parseTtl(t.text);
            if (asTtl !== null && ttl === undefined) {
                ttl = asTtl;
                idx++;
                continue;
            }
            break;
        }
        const typeTok = toks[idx];
        if (!typeTok || typeTok.quoted)
            throw new ZoneParseError(file, ll.line, 'missing record type');
        const type = typeTok.text.toUpperCase();
        if (!/^[A-Z][A-Z0-9-]*$/.test(type))
            throw new ZoneParseError(file, ll.line, `invalid type '${typeTok.text}'`);
        const rtoks = toks.slice(idx + 1);
        const effectiveTtl = ttl ?? defaultTtl ?? lastTtl;
        if (effectiveTtl > 2147483647)
            warnings.push({
                line: ll.line,
                message: `TTL ${effectiveTtl} is over 2147483647; resolvers treat it as 0 (RFC 2181 §8)`,
            });
        lastTtl = effectiveTtl;
        lastOwner = owner;
        const rdata = rtoks.map((t) => (t.quoted ? JSON.stringify(t.text) : t.text)).join(' ');
        const data = parseRdata(type, rtoks, origin, file, ll.line, warnings);
        const rec = { name: owner, type, ttl: effectiveTtl, rdata, line: ll.line };
        if (data !== undefined)
            rec.data = data;
        records.push(rec);
    }
    if (zoneOrigin === undefined) {
        throw new ZoneParseError(file, 0, 'no origin: pass { origin } or start the file with $ORIGIN');
    }
    warnings.push(...checkZone(zoneOrigin, records));
    warnings.sort((a, b) => a.line - b.line);
    return { origin: zoneOrigin, file, records, warnings };
}
function under(name, origin) {
    return origin === '' || name === origin || name.endsWith(`.${origin}`);
}
/**
 * Problems a DNS server would reject or silently change, reported as warnings so that a proposed zone is
 * never evaluated differently from what the user believes it says:
 * - records outside the zone's origin (a server ignores out-of-zone data);
 * - a CNAME beside other data at the same name (RFC 1034 §3.6.2, RFC 2181 §10.1), and CNAME loops;
 * - TXT records made of several unquoted words, which SPF and DKIM join without spaces (RFC 7208 §3.3);
 * - data at or below a delegation (an NS record below the origin, RFC 1034 §4.2.1) other than the NS and DS
 *   records at the cut and A/AAAA glue: the delegated zone answers for those names, not this one;
 * - a zone without any record.
 */
function checkZone(origin, records) {
    const warnings = [];
    if (records.length === 0)
        warnings.push({ line: 1, message: 'the zone file has no records' });
    const byName = new Map();
    for (const r of records) {
        if (!under(r.name, origin)) {
            warnings.push({
                line: r.line,
                message: `${r.type} record for ${r.name} is outside the zone origin ${origin || '.'} and is ignored (set $ORIGIN, or put it in its own zone file)`,
            });
            continue;
        }
        const list = byName.get(r.name) ?? [];
        list.push(r);
        byName.set(r.name, list);
    }
    const cuts = [...byName.entries()]
        .filter(([name, list]) => name !== origin && list.some((r) => r.type === 'NS'))
        .map(([name]) => name);
    for (const r of records) {
        if (!under(r.name, origin) || r.type === 'A' || r.type === 'AAAA')
            continue;
        const cut = cuts.find((c) => under(r.name, c));
        if (cut === undefined || (r.name === cut && (r.type === 'NS' || r.type === 'DS')))
            continue;
        warnings.push({
            line: r.line,
            message: `${r.type} record for ${r.name} is at or below the delegation of ${cut} (NS), so this zone does not serve it; put it in the zone of ${cut}`,
        });
    }
    const cnames = new Map();
    for (const [name, list] of byName) {
        const cname = list.find((r) => r.type === 'CNAME');
        if (!cname)
            continue;
        cnames.set(name, cname);
        const others = list.filter((r) => r.type !== 'CNAME');
        if (others.length > 0 || list.filter((r) => r.type === 'CNAME').length > 1) {
            warnings.push({
                line: cname.line,
                message: `${name} has a CNAME and other records (${[...new Set(others.map((r) => r.type))].join(', ') || 'CNAME'}); a CNAME must be alone at its name (RFC 1034 §3.6.2), so resolvers see only one of them`,
            });
        }
    }
    for (const [start, rec] of cnames) {
        const seen = new Set([start]);
        let target = rec.data;
        while (cnames.has(target) && !seen.has(target)) {
            seen.add(target);
            target = cnames.get(target).data;
        }
        if (seen.has(target) && target === start) {
            warnings.push({
                line: rec.line,
                message: `CNAME loop: ${[...seen, start].join(' -> ')} (resolvers answer SERVFAIL)`,
            });
        }
    }
    return warnings;
}
/**
 * The origin a file without `$ORIGIN` most likely means when none of its records is inside the origin
 * taken from its file name (every name was written absolute): its SOA owner, else the longest common
 * suffix of the owner names when it has at least two labels.
 */
function inferOrigin(zone) {
    if (zone.records.length === 0 || zone.records.some((r) => under(r.name, zone.origin)))
        return undefined;
    const soa = zone.records.filter((r) => r.type === 'SOA');
    if (soa.length === 1)
        return soa[0].name;
    const split = zone.records.map((r) => r.name.split('.').reverse());
    const common = [];
    for (let i = 0;; i++) {
        const label = split[0][i];
        if (label === undefined || split.some((l) => l[i] !== label))
            break;
        common.push(label);
    }
    return common.length >= 2 ? common.reverse().join('.') : undefined;
}
function need(toks, n, type, file, line) {
    if (toks.length !== n)
        throw new ZoneParseError(file, line, `${type} record needs ${n} field${n > 1 ? 's' : ''}, got ${toks.length}`);
}
function canonicalIPv6(text) {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}
function parseRdata(type, toks, origin, file, line, warnings) {
    switch (type) {
        case 'A': {
            need(toks, 1, type, file, line);
            const a = toks[0].text;
            if (!(0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIPv4)(a))
                throw new ZoneParseError(file, line, `A record '${a}' is not an IPv4 address`);
            return a;
        }
        case 'AAAA': {
            need(toks, 1, type, file, line);
            const a = toks[0].text;
            if (!(0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIPv6)(a))
                throw new ZoneParseError(file, line, `AAAA record '${a}' is not an IPv6 address`);
            return canonicalIPv6(a);
        }
        case 'MX': {
            need(toks, 2, type, file, line);
            const pref = toks[0].text;
            if (!/^\d+$/.test(pref) || Number(pref) > 65535)
                throw new ZoneParseError(file, line, `MX preference '${pref}' is not 0..65535`);
            const mx = {
                priority: Number(pref),
                exchange: absoluteName(toks[1].text, origin, file, line),
            };
            return mx;
        }
        case 'TXT':
        case 'SPF': {
            if (toks.length === 0)
                throw new ZoneParseError(file, line, `${type} record needs at least one string`);
            // Decoded once per record from the octets, by the rule live answers follow (decodeTxtRecord), so that a
            // zone and a server publishing the same octets give the same strings.
            const strings = (0,_txt_octets_js__WEBPACK_IMPORTED_MODULE_4__/* .decodeTxtRecord */ .m)(toks.map((t) => t.bytes.toString('latin1')));
            if (toks.length > 1 && toks.some((t) => !t.quoted)) {
                warnings.push({
                    line,
                    message: `${type} record of ${toks.length} unquoted words is ${toks.length} character-strings, which SPF, DKIM and DMARC join without spaces ("${strings.join('')}"); quote the whole value`,
                });
            }
            for (const t of toks) {
                const len = t.bytes.length;
                if (len > 255)
                    warnings.push({
                        line,
                        message: `${type} character-string of ${len} octets exceeds 255 (RFC 1035 §3.3); a DNS server would reject it`,
                    });
            }
            return strings;
        }
        case 'PTR':
        case 'CNAME':
        case 'NS': {
            need(toks, 1, type, file, line);
            return absoluteName(toks[0].text, origin, file, line);
        }
        case 'SOA': {
            need(toks, 7, type, file, line);
            const nums = toks.slice(2).map((t) => parseTtl(t.text));
            if (nums.some((n) => n === null))
                throw new ZoneParseError(file, line, 'SOA timers must be numbers');
            const [serial, refresh, retry, expire, minimum] = nums;
            const soa = {
                mname: absoluteName(toks[0].text, origin, file, line),
                rname: absoluteName(toks[1].text, origin, file, line),
                serial: serial,
                refresh: refresh,
                retry: retry,
                expire: expire,
                minimum: minimum,
            };
            return soa;
        }
        default:
            return undefined;
    }
}
/** True when `type` is one the {@link Resolver} answers. */
function isQueryableType(type) {
    return RR_TYPES.includes(type);
}
/**
 * Reads and parses a zone file from disk.
 *
 * The origin is, in order: `options.origin`, the file's first `$ORIGIN`, or the file name without a trailing
 * `.zone`/`.db`/`.txt` (so `example.com.zone` has origin `example.com`) — unless every name in the file is
 * absolute and outside that name, in which case it is the file's SOA owner, else the longest common suffix
 * (at least two labels) of its names. Records outside the origin are ignored, with a warning in `warnings`.
 *
 * @throws {@link ZoneParseError} for malformed content; the `fs` error (ENOENT...) when the file cannot be read.
 */
async function loadZoneFile(path, options = {}) {
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    if (options.origin !== undefined || /^\s*\$ORIGIN\s/im.test(text))
        return parseZone(text, { ...options, file: path });
    const zone = parseZone(text, {
        ...options,
        origin: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path).replace(/\.(zone|db|txt)$/i, ''),
        file: path,
    });
    const inferred = inferOrigin(zone);
    return inferred === undefined ? zone : parseZone(text, { ...options, origin: inferred, file: path });
}
/**
 * Loads zone files from paths that are files or directories; a directory contributes every `*.zone` file
 * below it (recursively, in sorted order).
 *
 * @throws {@link ZoneParseError} for malformed content; the `fs` error when a path cannot be read.
 */
async function loadZonePaths(paths) {
    const zones = [];
    for (const path of paths) {
        if ((await stat(path)).isDirectory()) {
            const entries = await readdir(path, { withFileTypes: true, recursive: true });
            const files = entries
                .filter((e) => e.isFile() && e.name.endsWith('.zone'))
                .map((e) => join(e.parentPath, e.name))
                .sort();
            for (const file of files)
                zones.push(await loadZoneFile(file));
        }
        else
            zones.push(await loadZoneFile(path));
    }
    return zones;
}


/***/ }),

/***/ 86939:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ defineFindings),
/* harmony export */   Tc: () => (/* binding */ sortFindings),
/* harmony export */   f3: () => (/* binding */ SEVERITY_RANK)
/* harmony export */ });
/**
 * The shape of an audit observation. Every protocol module declares its findings with {@link defineFindings};
 * `src/catalog.ts` gathers them into the one catalog that policy files, reports and the generated
 * documentation refer to by id.
 *
 * @module
 */
/** Severity ranks for sorting and thresholds (`error` highest). */
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
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
        factories[key] = (message, evidence, overrides) => {
            const f = { id: def.id, severity: def.severity, message };
            if (evidence)
                f.evidence = evidence;
            if (def.rfc)
                f.rfc = def.rfc;
            if (def.remediation)
                f.remediation = def.remediation;
            return { ...f, ...overrides };
        };
    }
    return Object.assign(factories, {
        definitions: Object.values(defs),
    });
}
/** Sorts findings most severe first, then by id, without mutating the input. */
function sortFindings(findings) {
    return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id));
}


/***/ }),

/***/ 90816:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ MTASTS_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * The MTA-STS findings catalog (RFC 8461): the `_mta-sts` TXT record, the policy fetched over HTTPS, and
 * whether the policy covers every MX host.
 *
 * @module
 */

/** Every MTA-STS finding, one factory per key; `MTASTS_FINDINGS.definitions` feeds the catalog. */
const MTASTS_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
    dnsError: {
        id: 'mtasts.dns-error',
        severity: 'error',
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


/***/ }),

/***/ 1235:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ MX_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * The MX findings catalog: the mail exchangers a domain publishes (RFC 5321 §5.1, RFC 7505 null MX) and the
 * reverse DNS of their addresses (PTR and forward-confirmed reverse DNS).
 *
 * @module
 */

/** Every MX finding, one factory per key; `MX_FINDINGS.definitions` feeds the catalog. */
const MX_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
    dnsError: {
        id: 'mx.dns-error',
        severity: 'error',
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
    fcrdnsMismatch: {
        id: 'mx.fcrdns-mismatch',
        severity: 'warning',
        title: 'Reverse DNS is not forward-confirmed',
        rfc: 'RFC 8601 §3',
        remediation: 'Make the PTR name resolve (A/AAAA) back to the same address (forward-confirmed reverse DNS, "iprev").',
    },
});


/***/ }),

/***/ 57814:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ POLICY_FINDINGS),
/* harmony export */   R: () => (/* binding */ UNDETERMINED_FINDING)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * Findings raised by the policy gate: one per domain rule of the policy file, plus the gate's own
 * observations (an expired suppression). Their ids (`policy.*`) are in the findings catalog so that SARIF
 * rules and the documentation cover them like every protocol finding.
 *
 * @module
 */

const UNDETERMINED_REMEDIATION = 'Re-run when the DNS servers answer (the message names the query that failed), or check the record by hand; an undetermined rule never passes.';
/** Every policy-gate finding; `POLICY_FINDINGS.definitions` feeds the catalog. */
const POLICY_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
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


/***/ }),

/***/ 72527:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D9: () => (/* binding */ markdownCode),
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   _P: () => (/* binding */ escapeLogLine),
/* harmony export */   hN: () => (/* binding */ escapeControl)
/* harmony export */ });
/* unused harmony exports escapeHtml, csvField */
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
function escapeControl(text) {
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
    return escapeControl(text)
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
    const body = escapeControl(text).replace(/\|/g, '\\|');
    if (body === '')
        return '` `';
    const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
    return `${fence}${pad}${body}${pad}${fence}`;
}
/** Escapes text for HTML element content and attribute values (`& < > " '`), after {@link escapeControl}. */
function escapeHtml(text) {
    return escapeControl(text)
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
    let text = escapeControl(value);
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
    return escapeControl(text)
        .replace(/##\[/g, '#\\#[')
        .replace(/^(\s*):(?=:)/, '$1\\:');
}


/***/ }),

/***/ 34120:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ missingRecordText)
/* harmony export */ });
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


/***/ }),

/***/ 44639:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   countsLine: () => (/* binding */ countsLine),
/* harmony export */   renderText: () => (/* binding */ renderText),
/* harmony export */   treeCost: () => (/* binding */ treeCost)
/* harmony export */ });
/* harmony import */ var _audit_view_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29658);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(72527);
/* harmony import */ var _phrases_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34120);
/**
 * The text renderer: a table of the records (SPF, DMARC and where it was found, DKIM selectors with key size),
 * the policy gate's rules when a gate ran, then one line per finding. ANSI colour only when asked for; DNS text
 * always has its control characters made visible (a TXT record may hold ESC sequences).
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
    cyan: '\u001b[36m',
};
function painter(color) {
    return (text, ...styles) => color && styles.length > 0 ? `${styles.map((s) => ANSI[s]).join('')}${text}${ANSI.reset}` : text;
}
const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' };
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
    return source ? ` (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(source.file)}:${source.line})` : '';
}
function keyDescription(s) {
    if (s.status !== 'found')
        return s.status === 'none' ? 'no key record' : s.status;
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
            ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(spf.record)}${spfDetail}${spf.status === 'invalid' ? ' (invalid)' : ''}${at(spf.source)}`
            : paint((0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .missingRecordText */ .l)(spf.status, 'SPF record'), spf.status === 'dns-error' ? 'yellow' : 'red'),
    ]);
    const dmarc = view.dmarc;
    rows.push([
        'DMARC',
        dmarc.record !== undefined
            ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(dmarc.record)}  [at ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(dmarc.name ?? `_dmarc.${view.domain}`)}${dmarc.inherited ? ', inherited' : ''}]${at(dmarc.source)}`
            : paint((0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .missingRecordText */ .l)(dmarc.status, 'DMARC record'), dmarc.status === 'dns-error' ? 'yellow' : 'red'),
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
        rows.push(['DKIM', `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(s.selector)}: ${keyDescription(s)}${at(s.source)}`]);
    }
    for (const x of view.extras) {
        const detail = x.detail ? `  [${x.detail}]` : '';
        rows.push([
            x.label,
            x.record !== undefined
                ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(x.record)}${detail}${at(x.source)}`
                : `${(0,_phrases_js__WEBPACK_IMPORTED_MODULE_2__/* .missingRecordText */ .l)(x.status, `${x.label} record`)}${detail}`,
        ]);
    }
    return rows.map(([label, value]) => `  ${paint(label.padEnd(8), 'bold')} ${value}`);
}
/** The lookup cost of a tree node: the whole policy for the root, else the include/redirect term plus its subtree. */
function treeCost(node) {
    if (node.via === 'root')
        return `${node.totalLookups} lookup${node.totalLookups === 1 ? '' : 's'} in total`;
    const cost = 1 + node.totalLookups;
    return `costs ${cost}${node.totalLookups > 0 ? ` (1 + ${node.totalLookups} below)` : ''}`;
}
function treeLines(node, depth, out) {
    if (out.length > 60)
        return;
    const how = node.via === 'root'
        ? ''
        : node.via === 'include'
            ? `${node.qualifier === '+' ? '' : (node.qualifier ?? '')}include:`
            : 'redirect=';
    const status = node.status === 'found' ? '' : ` [${node.status}]`;
    out.push(`  ${'  '.repeat(depth + 1)}${how}${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(node.domain)}  ${treeCost(node)}${status}`);
    for (const c of node.children)
        treeLines(c, depth + 1, out);
}
function findingLine(f, paint, suffix = '') {
    const sev = paint(f.severity.padEnd(7), SEVERITY_STYLE[f.severity]);
    const where = at(f.evidence?.source);
    const line = `  ${sev} ${f.id}  ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(f.message)}${where}${suffix}`;
    // Errors and warnings say what to do and which RFC says so; infos stay one line.
    if (f.severity === 'info' || (!f.remediation && !f.rfc))
        return line;
    const fix = [f.remediation ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(f.remediation) : '', f.rfc ? `[${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(f.rfc)}]` : '']
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
        const what = r.rule === 'finding' ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(r.id) : r.rule;
        const why = r.suppression
            ? ` (suppressed: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(r.suppression.reason)}${r.suppression.expires ? `, until ${r.suppression.expires}` : ''})`
            : r.rule === 'finding' && r.finding
                ? ` (${r.finding.severity} finding)`
                : '';
        out.push(`    ${label} ${what}  ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(r.message)}${why}`);
    }
    return out;
}
function renderOne(report, paint, g) {
    const view = (0,_audit_view_js__WEBPACK_IMPORTED_MODULE_0__/* .viewReport */ .ab)(report);
    const findings = g ? g.findings : report.findings;
    const counts = g ? g.counts : report.summary;
    const lines = [];
    const dns = report.summary.dnsTrouble
        ? paint('  DNS trouble: some checks could not complete', 'yellow')
        : '';
    lines.push(`${paint((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(report.domain), 'bold')}  ${countsLine(counts)}${dns}`);
    lines.push(...recordRows(view, paint));
    if (view.spf.tree && view.spf.tree.children.length > 0) {
        lines.push(`  ${paint('SPF tree', 'bold')}`);
        const tree = [];
        treeLines(view.spf.tree, 0, tree);
        lines.push(...tree);
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
            : paint((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)(g.reason), g.status === 'failed' ? 'red' : 'yellow', 'bold');
        parts.push(verdict);
    }
    return parts.join('\n\n');
}


/***/ }),

/***/ 21013:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ SPF_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(72308);
/**
 * The SPF findings catalog (ids `spf.*`). Each entry has a stable id, a severity, a title, the RFC section and
 * what to change. {@link analyzeSpf} produces these.
 *
 * The `type 99` (SPF RR) check of RFC 7208 §3.1/§14.1 needs the zone files: the {@link Resolver} contract has
 * no type-99 query, so `spf.type99-record` is only reported when `analyzeSpf` is given `zones`.
 *
 * @module
 */


const { maxLookups, maxVoidLookups, maxMxHosts } = _limits_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_SPF_LIMITS */ .H8;
/**
 * The SPF findings catalog: one `FindingFactory` per key, `(message, evidence?, overrides?) => Finding`,
 * which fills in the entry's id (`spf.<slug>`), severity, RFC section and remediation (e.g.
 * `SPF_FINDINGS.lookupLimit('...', { name: 'example.com' })`); and `definitions`, every entry, which the lead
 * aggregates into the catalog (docs/findings.md). `analyzeSpf` reports them. The limits in titles and
 * remediations are those of `DEFAULT_SPF_LIMITS` (RFC 7208 §4.6.4). Ids are stable: policy files name them.
 */
const SPF_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
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


/***/ }),

/***/ 41290:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A8: () => (/* binding */ reverseName),
/* harmony export */   P0: () => (/* binding */ parseIp4),
/* harmony export */   Pp: () => (/* binding */ parseIp6),
/* harmony export */   QI: () => (/* binding */ parseClientIp),
/* harmony export */   YL: () => (/* binding */ cidrMatch),
/* harmony export */   d$: () => (/* binding */ parseAnswerIp),
/* harmony export */   re: () => (/* binding */ dotFormat),
/* harmony export */   v_: () => (/* binding */ formatIp)
/* harmony export */ });
/* unused harmony export unmapIp */
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
function reverseName(ip) {
    return `${dotFormat(ip).split('.').reverse().join('.')}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa`;
}
/** Parses an address as given by a {@link Resolver} answer (A or AAAA record data). */
function parseAnswerIp(text) {
    return text.includes(':') ? parseIp6(text) : parseIp4(text);
}


/***/ }),

/***/ 72308:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EM: () => (/* binding */ resolveSpfLimits),
/* harmony export */   H8: () => (/* binding */ DEFAULT_SPF_LIMITS)
/* harmony export */ });
/* harmony import */ var _dns_deadline_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54603);
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


/***/ }),

/***/ 6451:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G$: () => (/* binding */ hasMacros),
/* harmony export */   Ip: () => (/* binding */ describeChar),
/* harmony export */   ML: () => (/* binding */ isQueryableName),
/* harmony export */   R0: () => (/* binding */ parseMacroString),
/* harmony export */   VM: () => (/* binding */ urlEscape),
/* harmony export */   Wb: () => (/* binding */ expandMacroString),
/* harmony export */   XS: () => (/* binding */ parseDomainSpec),
/* harmony export */   je: () => (/* binding */ targetName),
/* harmony export */   oV: () => (/* binding */ transformValue),
/* harmony export */   to: () => (/* binding */ EXP_MACRO_LETTERS),
/* harmony export */   wQ: () => (/* binding */ expandDomainSpec)
/* harmony export */ });
/* unused harmony exports DOMAIN_MACRO_LETTERS, MAX_NAME_OCTETS, MAX_LABEL_OCTETS */
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
const TOPLABEL_END = /\.([a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\.?$/i;
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
    if (last && TOPLABEL_END.test(last.text))
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
function octets(text) {
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
    while (octets(name) > MAX_NAME_OCTETS && name.includes('.'))
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
    if (name === '' || octets(name) > MAX_NAME_OCTETS)
        return false;
    for (const label of name.split('.'))
        if (label.length === 0 || octets(label) > MAX_LABEL_OCTETS)
            return false;
    return true;
}


/***/ }),

/***/ 48558:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HC: () => (/* binding */ DNS_MECHANISMS),
/* harmony export */   O5: () => (/* binding */ selectSpfRecords),
/* harmony export */   X9: () => (/* binding */ isSpfRecord),
/* harmony export */   lw: () => (/* binding */ printSpfTerm),
/* harmony export */   sw: () => (/* binding */ parseSpfRecord)
/* harmony export */ });
/* unused harmony export printSpfRecord */
/* harmony import */ var _ip_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41290);
/* harmony import */ var _macro_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6451);
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
                message: `character ${(0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .describeChar */ .Ip)(text[bad] ?? '')} is not allowed in a term; terms are separated by spaces only (RFC 7208 §4.6.1)`,
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
        return invalid(text, offset, {
            code: 'unknown-mechanism',
            message: `unknown mechanism "${name}" (RFC 7208 §5, §12)`,
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
            const ds = (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDomainSpec */ .XS)(rest.slice(1), restOffset + 1);
            if (ds.error)
                return invalid(text, offset, fromMacroError(ds.error));
            return { ...base, name, domainSpec: ds.value };
        }
        case 'ptr': {
            if (rest === '')
                return { ...base, name };
            if (!rest.startsWith(':'))
                return syntax('"ptr" takes only ":" and a domain-spec, no prefix length (RFC 7208 §5.5)');
            const ds = (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDomainSpec */ .XS)(rest.slice(1), restOffset + 1);
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
                const ds = (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDomainSpec */ .XS)(arg.slice(0, suffixStart), argOffset);
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
            const address = name === 'ip4' ? (0,_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIp4 */ .P0)(network) : (0,_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIp6 */ .Pp)(network);
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
        const ds = (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDomainSpec */ .XS)(valueText, valueOffset);
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
    const ms = (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMacroString */ .R0)(valueText, valueOffset, _macro_js__WEBPACK_IMPORTED_MODULE_0__/* .EXP_MACRO_LETTERS */ .to);
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


/***/ }),

/***/ 68972:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ escapeMacroLiteral),
/* harmony export */   OA: () => (/* binding */ expandStaticDomainSpec),
/* harmony export */   hn: () => (/* binding */ dynamicMacroLetters)
/* harmony export */ });
/* unused harmony export STATIC_MACRO_LETTERS */
/* harmony import */ var _macro_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6451);
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
            const transformed = (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .transformValue */ .oV)(raw, t.digits, t.reverse, t.delimiters);
            out += t.urlEscape ? (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .urlEscape */ .VM)(transformed) : transformed;
        }
    }
    return (0,_macro_js__WEBPACK_IMPORTED_MODULE_0__/* .targetName */ .je)(out);
}
/** Writes a name back as a macro-string that expands to it: `%` as `%%`, a space as `%_`. */
function escapeMacroLiteral(name) {
    return name.replace(/%/g, '%%').replace(/ /g, '%_');
}


/***/ }),

/***/ 46811:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ TLSRPT_FINDINGS)
/* harmony export */ });
/* harmony import */ var _findings_finding_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86939);
/**
 * The TLS-RPT findings catalog (RFC 8460): the `_smtp._tls` TXT record and its reporting URIs.
 *
 * @module
 */

/** Every TLS-RPT finding, one factory per key; `TLSRPT_FINDINGS.definitions` feeds the catalog. */
const TLSRPT_FINDINGS = (0,_findings_finding_js__WEBPACK_IMPORTED_MODULE_0__/* .defineFindings */ .IP)({
    dnsError: {
        id: 'tlsrpt.dns-error',
        severity: 'error',
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


/***/ })

};
