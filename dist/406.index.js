export const id = 406;
export const ids = [406];
export const modules = {

/***/ 97406:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gatedReport: () => (/* binding */ gatedReport),
/* harmony export */   renderJson: () => (/* binding */ renderJson)
/* harmony export */ });
/* harmony import */ var _audit_audit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67587);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(13411);
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
        schemaVersion: _audit_audit_js__WEBPACK_IMPORTED_MODULE_0__.REPORT_SCHEMA_VERSION,
        tool: { name: 'mailgate', version: _version_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION */ .x },
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


/***/ })

};
