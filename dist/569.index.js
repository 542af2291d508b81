export const id = 569;
export const ids = [569];
export const modules = {

/***/ 50549:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ parseAuthorizeEntry)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var _dns_resolver_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97893);
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
        const domain = (0,_dns_resolver_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeName */ .Pc)(target);
        if (target === '' || domain === null || !domain.includes('.') || /[^a-z0-9_.-]/.test(domain))
            return {
                error: `"${entry}" does not name a domain: include: must be followed by a domain name such as _spf.example.com`,
            };
        return { kind: 'include', domain };
    }
    const slash = entry.indexOf('/');
    const address = slash >= 0 ? entry.slice(0, slash) : entry;
    const version = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(address);
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


/***/ }),

/***/ 45569:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PolicyError: () => (/* binding */ PolicyError),
  loadPolicy: () => (/* binding */ loadPolicy)
});

// UNUSED EXPORTS: formatIssue, parsePolicy

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(52210);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./lib/catalog.js + 2 modules
var catalog = __webpack_require__(15476);
// EXTERNAL MODULE: ./lib/policy/authorize.js
var authorize = __webpack_require__(50549);
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
            const parsed = (0,authorize/* parseAuthorizeEntry */.p)(entry);
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
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
        throw new PolicyError(doc.errors.map((e) => ({
            file,
            line: counter.linePos(e.pos[0]).line,
            path: '',
            message: e.message.split('\n')[0] ?? e.message,
        })));
    }
    const findLine = lineFinder(doc.contents, counter);
    const issue = (r) => ({
        file,
        line: findLine(r.path, r.atKey) ?? 1,
        path: dotted(r.path),
        message: r.message,
    });
    const data = (doc.toJS() ?? {});
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
    const known = new Set(catalog.FINDINGS_CATALOG.map((d) => d.id));
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


/***/ })

};
