export const id = 123;
export const ids = [123];
export const modules = {

/***/ 20123:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SARIF_SCHEMA: () => (/* binding */ SARIF_SCHEMA),
/* harmony export */   artifactUri: () => (/* binding */ artifactUri),
/* harmony export */   renderSarif: () => (/* binding */ renderSarif),
/* harmony export */   sarifText: () => (/* binding */ sarifText)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15476);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(13411);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(72527);
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
    const visible = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeControl */ .hN)(text);
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
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(key).digest('hex').slice(0, 32);
}
/**
 * Renders reports as a SARIF 2.1.0 log (one run).
 *
 * @returns the log object; serialise it with `JSON.stringify`.
 */
function renderSarif(reports, options = {}) {
    const rules = _catalog_js__WEBPACK_IMPORTED_MODULE_1__.FINDINGS_CATALOG.map(ruleOf);
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
                    name: (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeControl */ .hN)(finding.evidence?.name ?? domain),
                    fullyQualifiedName: (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeControl */ .hN)(finding.evidence?.name ?? domain),
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
                version: _version_js__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .x,
                semanticVersion: _version_js__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .x,
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


/***/ })

};
