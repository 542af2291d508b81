export const id = 287;
export const ids = [287];
export const modules = {

/***/ 41287:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   auditAndGate: () => (/* binding */ auditAndGate),
/* harmony export */   selectorsFor: () => (/* binding */ selectorsFor)
/* harmony export */ });
/* harmony import */ var _audit_audit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67587);
/* harmony import */ var _gate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7547);
/**
 * Audit-then-gate, shared by the faces: `mailgate audit --policy FILE` and the GitHub Action call this one
 * function, so both audit the same selectors and gate the same way.
 *
 * @module
 */


/**
 * The DKIM selectors to audit for `domain`: the given ones plus the policy's for that domain (deduplicated).
 * Empty means "probe common selectors".
 */
function selectorsFor(domain, policy, selectors = []) {
    const fromPolicy = (0,_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .domainPolicy */ .nE)(policy, domain).rules.dkim?.selectors ?? [];
    return [...new Set([...selectors, ...fromPolicy])];
}
/**
 * Audits each domain (with its policy selectors) and gates the reports against the policy.
 *
 * @returns the reports in input order and the {@link GateResult}.
 * @throws `InvalidDomainError` (from `auditDomain`) for a name that cannot be audited.
 */
async function auditAndGate(domains, options) {
    const reports = new Array(domains.length);
    let next = 0;
    const worker = async () => {
        while (next < domains.length) {
            const i = next++;
            const domain = domains[i];
            const selectors = selectorsFor(domain, options.policy, options.selectors);
            const report = await (0,_audit_audit_js__WEBPACK_IMPORTED_MODULE_0__.auditDomain)(domain, {
                resolver: options.resolver,
                ...(options.dmarcMode ? { dmarcMode: options.dmarcMode } : {}),
                ...(selectors.length > 0 ? { selectors } : {}),
                ...(options.checks ? { checks: options.checks } : {}),
                ...(options.now ? { now: options.now } : {}),
            });
            reports[i] = options.transform ? options.transform(report) : report;
        }
    };
    const workers = Math.max(1, Math.min(options.concurrency ?? 4, domains.length));
    await Promise.all(Array.from({ length: workers }, worker));
    const gate = await (0,_gate_js__WEBPACK_IMPORTED_MODULE_1__/* .gateReports */ .rR)(reports, options.policy, {
        resolver: options.resolver,
        ...(options.failOn ? { failOn: options.failOn } : {}),
        ...(options.now ? { now: options.now } : {}),
    });
    return { reports, gate };
}


/***/ })

};
