export const id = 130;
export const ids = [130];
export const modules = {

/***/ 58130:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SARIF_PLACEHOLDER: () => (/* binding */ SARIF_PLACEHOLDER),
/* harmony export */   domainEntry: () => (/* binding */ domainEntry),
/* harmony export */   locators: () => (/* binding */ locators),
/* harmony export */   suppressionLine: () => (/* binding */ suppressionLine),
/* harmony export */   workflowFile: () => (/* binding */ workflowFile)
/* harmony export */ });
/* harmony import */ var _policy_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7547);
/* harmony import */ var _zones_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23901);
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
    const key = (0,_policy_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .domainPolicy */ .nE)(loaded.policy, domain).key;
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
        (0,_zones_js__WEBPACK_IMPORTED_MODULE_1__.locateInZones)(f, zones) ??
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


/***/ })

};
