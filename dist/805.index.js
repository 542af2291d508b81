export const id = 805;
export const ids = [805];
export const modules = {

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
