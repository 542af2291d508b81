export const id = 920;
export const ids = [920];
export const modules = {

/***/ 2920:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseDomainList: () => (/* binding */ parseDomainList),
/* harmony export */   parseShard: () => (/* binding */ parseShard),
/* harmony export */   shardSlice: () => (/* binding */ shardSlice),
/* harmony export */   uniqueDomains: () => (/* binding */ uniqueDomains)
/* harmony export */ });
/* harmony import */ var _dns_resolver_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97893);
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
        const name = (0,_dns_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(content);
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
        const key = (0,_dns_resolver_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .Pc)(name) ?? name;
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


/***/ })

};
