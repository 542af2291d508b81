export const id = 547;
export const ids = [547];
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

/***/ 7547:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  nE: () => (/* reexport */ domainPolicy),
  rR: () => (/* binding */ gateReports)
});

// UNUSED EXPORTS: DEFAULT_MAX_AUTHORIZE_CHECKS, gate, networkEnds

// EXTERNAL MODULE: ./lib/audit/view.js
var audit_view = __webpack_require__(29658);
// EXTERNAL MODULE: ./lib/findings/finding.js
var findings_finding = __webpack_require__(86939);
// EXTERNAL MODULE: ./lib/dns/resolver.js
var resolver = __webpack_require__(97893);
// EXTERNAL MODULE: ./lib/policy/findings.js
var policy_findings = __webpack_require__(57814);
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
        const undetermined = policy_findings/* UNDETERMINED_FINDING */.R[idOf(factory)] ?? factory;
        return { ...undetermined(message, evidence, { domain }), severity: 'warning' };
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
    if (audit.status === 'error' && (!audit.dnsError || resolver/* TRANSIENT_FAILURES */.$l.has(audit.dnsError))) {
        return { outcome: 'undetermined', actual: 'dns-error' };
    }
    if (audit.status !== 'found' || audit.records.length === 0) {
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
    const areaTrouble = (0,audit_view/* hasTrouble */._5)(report.findings, 'dkim');
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
            factory: policy_findings/* POLICY_FINDINGS */.I.dkimSelector,
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
            factory: policy_findings/* POLICY_FINDINGS */.I.dkimKeySize,
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
    const f = audit.findings.find((x) => (0,audit_view/* isTroubleFinding */.Dt)(x) && x.evidence?.name?.toLowerCase() === name);
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
        missingFactory: policy_findings/* POLICY_FINDINGS */.I.dmarcRecord,
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
            factory: policy_findings/* POLICY_FINDINGS */.I.dmarcPolicy,
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
            factory: policy_findings/* POLICY_FINDINGS */.I.dmarcRua,
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
                factory: policy_findings/* POLICY_FINDINGS */.I.dmarcAlignment,
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
        factory: policy_findings/* POLICY_FINDINGS */.I.dmarcPolicy,
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

;// CONCATENATED MODULE: ./lib/policy/gate/domain-policy.js
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
function domainPolicy(policy, domain) {
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
 * @param domainEntry the policy-file key of the domain entry (from {@link domainPolicy}), if any
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
    switch (audit.status) {
        case 'absent':
            return { clause: `${audit.domain} publishes no MTA-STS record (no "v=STSv1" TXT record at ${name})` };
        case 'not-fetched':
            return {
                clause: `the MTA-STS policy file of ${audit.domain} was not fetched (HTTPS checks skipped), so its mode is unknown`,
                undetermined: true,
            };
        case 'invalid': {
            if (!audit.record)
                return { clause: `${name} has more than one "v=STSv1" record, so senders apply no MTA-STS policy` };
            if (audit.record.id === null)
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
        (0,audit_view/* hasTrouble */._5)(report.findings, 'mtasts') ||
        (0,audit_view/* hasTrouble */._5)(report.findings, 'mta-sts')) {
        outcome = 'undetermined';
        message = `${required}, but its MTA-STS record or policy file could not be read (DNS error)`;
        actual = 'dns-error';
    }
    else if (m.status === 'valid' && m.mode) {
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
            m.status === 'not-fetched' ? 'policy not fetched' : m.status === 'absent' ? 'no record' : m.status;
    }
    addPolicyRule(set, {
        rule: 'mta-sts.mode',
        section: 'mta-sts',
        key: 'mode',
        outcome,
        message,
        factory: policy_findings/* POLICY_FINDINGS */.I.mtaStsMode,
        evidence: { name: `_mta-sts.${view.domain}` },
        expected: want,
        ...(actual !== undefined ? { actual } : {}),
    });
}

// EXTERNAL MODULE: ./lib/dns/deadline.js
var deadline = __webpack_require__(54603);
// EXTERNAL MODULE: ./lib/spf/ip.js
var spf_ip = __webpack_require__(41290);
// EXTERNAL MODULE: ./lib/spf/macro.js
var macro = __webpack_require__(6451);
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
            ? new deadline/* Deadline */.B2(limits.timeoutMs, `time limit of ${limits.timeoutMs} ms`, now)
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
        const answer = this.resolver.query(name, type).catch((err) => ({
            ok: false,
            name,
            type,
            kind: 'SERVFAIL',
            message: err instanceof Error ? err.message : String(err),
        }));
        return this.limit.race(answer, () => {
            throw this.timeLimit();
        });
    }
    /** The macro values (RFC 7208 §7.2) for a check_host() of `domain`; the address forms are computed once. */
    macroValues(domain) {
        this.ipStrings ??= { dots: (0,spf_ip/* dotFormat */.re)(this.ip), text: (0,spf_ip/* formatIp */.v_)(this.ip) };
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
        if (!(0,macro/* hasMacros */.G$)(spec))
            return (0,macro/* targetName */.je)(literalText(spec));
        return (0,macro/* expandDomainSpec */.wQ)(spec, this.macroValues(domain));
    }
    /** The address record type that can match the client: `A` for IPv4, `AAAA` for IPv6 (RFC 7208 §5.3). */
    addressType() {
        return this.ip.version === 4 ? 'A' : 'AAAA';
    }
    /** True when one of the answer addresses, with the term's prefix length, covers the client (RFC 7208 §5.3, §5.4). */
    matchesAny(records, ip4Cidr = 32, ip6Cidr = 128) {
        const prefix = this.ip.version === 4 ? ip4Cidr : ip6Cidr;
        return records.some((r) => {
            const a = (0,spf_ip/* parseAnswerIp */.d$)(r);
            return a !== null && (0,spf_ip/* cidrMatch */.YL)(this.ip, a, prefix);
        });
    }
    /** Keeps the names whose address lookup returns the client address (RFC 7208 §5.5 validation). */
    async validate(names) {
        const out = [];
        for (const raw of names) {
            const name = raw.replace(/\.$/, '');
            if (!(0,macro/* isQueryableName */.ML)(name))
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
            const ptr = await this.query((0,spf_ip/* reverseName */.A8)(this.ip), 'PTR');
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
        if ((0,resolver/* isTransientFailure */.Ri)(answer)) {
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
            return (0,spf_ip/* cidrMatch */.YL)(ev.ip, mech.address, mech.cidr ?? (mech.name === 'ip4' ? 32 : 128));
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
    if (!(0,macro/* isQueryableName */.ML)(target))
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
    if (!(0,macro/* isQueryableName */.ML)(target))
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
        if (host === '' || !(0,macro/* isQueryableName */.ML)(host))
            continue; // null MX (RFC 7505)
        const addr = await ev.query(host, ev.addressType());
        if (!addr.ok) {
            if ((0,resolver/* isTransientFailure */.Ri)(addr))
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
    if (!(0,macro/* isQueryableName */.ML)(target))
        return false;
    const ptr = await ev.query((0,spf_ip/* reverseName */.A8)(ev.ip), 'PTR');
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
    if (!(0,macro/* isQueryableName */.ML)(target))
        return false;
    const answer = await ev.query(target, 'A');
    if (ev.isVoid(answer, at))
        ev.countVoid(at);
    return answer.ok;
}

// EXTERNAL MODULE: ./lib/spf/record.js
var spf_record = __webpack_require__(48558);
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
    const parsed = (0,spf_record/* parseSpfRecord */.sw)(text);
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
        if ((0,resolver/* isTransientFailure */.Ri)(txt)) {
            record('dns-error', { detail: txt.kind });
            throw new SpfStop('temperror', `DNS ${txt.kind} looking up the TXT records of ${domain} (RFC 7208 §4.4)`);
        }
        record('none', { detail: txt.kind });
        return { result: 'none' };
    }
    const sel = (0,spf_record/* selectSpfRecords */.O5)(txt.records);
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
        record('syntax-error', { record: text, detail: e?.message });
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
    if (!(0,macro/* isQueryableName */.ML)(target)) {
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
    const expanded = await orIgnore(() => (0,macro/* expandDomainSpec */.wQ)(from.exp.domainSpec, ev.macroValues(from.domain)));
    if ('problem' in expanded)
        return ignore(expanded.problem);
    const target = expanded.value;
    if (!(0,macro/* isQueryableName */.ML)(target))
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
    const parsed = (0,macro/* parseMacroString */.R0)(text, 0, macro/* EXP_MACRO_LETTERS */.to, true);
    if (parsed.error)
        return ignore(`explanation text has a syntax error: ${parsed.error.message}`);
    const out = await orIgnore(() => (0,macro/* expandMacroString */.Wb)(parsed.value, ev.macroValues(from.domain)));
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
        if (!(0,macro/* isQueryableName */.ML)(d) || !d.includes('.'))
            return null;
        if (/[\x00-\x20\x7f]/.test(d))
            return null;
        return d;
    }
    catch {
        return null; // a U-label that is not valid IDNA
    }
}

// EXTERNAL MODULE: ./lib/spf/limits.js
var spf_limits = __webpack_require__(72308);
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
    const limits = (0,spf_limits/* resolveSpfLimits */.EM)(options.limits);
    const now = options.now ?? Date.now;
    const ip = (0,spf_ip/* parseClientIp */.QI)(String(params.ip ?? ''));
    const domain = initialDomain(String(params.domain ?? ''));
    const sender = splitSender(String(params.sender ?? ''), domain ?? String(params.domain ?? ''));
    const base = {
        domain: domain ?? String(params.domain ?? ''),
        sender: sender.full,
        ip: ip ? (0,spf_ip/* formatIp */.v_)(ip) : String(params.ip ?? ''),
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

// EXTERNAL MODULE: ./lib/policy/authorize.js
var authorize = __webpack_require__(50549);
// EXTERNAL MODULE: ./node_modules/ipaddr.js/lib/ipaddr.js
var ipaddr = __webpack_require__(48280);
// EXTERNAL MODULE: ./lib/spf/static-macro.js
var static_macro = __webpack_require__(68972);
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
    const parsed = (0,authorize/* parseAuthorizeEntry */.p)(entry);
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
    const parsed = (0,spf_record/* parseSpfRecord */.sw)(`v=spf1 ${term}`).record;
    const t = parsed.terms[0];
    const spec = t?.kind === 'mechanism' && 'domainSpec' in t
        ? t.domainSpec
        : t?.kind === 'modifier' && t.name !== 'unknown'
            ? t.domainSpec
            : undefined;
    return spec ? (0,static_macro/* dynamicMacroLetters */.hn)(spec) : [];
}
function macroReason(info) {
    const letters = dynamicLetters(info.term).map((l) => `%{${l}}`);
    return `its target depends on ${letters.length ? letters.join(', ') : 'macros'}, so the gate cannot know its networks`;
}
/** The network of an `ip4:`/`ip6:` term, or null when the term does not parse. */
function ipTermRange(term) {
    const t = (0,spf_record/* parseSpfRecord */.sw)(`v=spf1 ${term}`).record.terms[0];
    if (t?.kind !== 'mechanism' || (t.name !== 'ip4' && t.name !== 'ip6'))
        return null;
    return rangeOf(Array.from(t.address.bytes), t.cidr ?? (t.name === 'ip4' ? 32 : 128));
}
/**
 * Reads the networks and opaque terms of a domain's SPF tree (as `analyzeSpf` built it). Only reached terms
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
function plural(n, word) {
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
    const parsed = (0,authorize/* parseAuthorizeEntry */.p)(entry);
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
            message: `could not check every address of ${entry}: the SPF policy of ${ctx.domain} treats it as ${ranges.length} separate address ranges, more than the ${plural(max, 'check_host() run')} the gate makes per network; the first ${n} pass. Authorize smaller networks`,
            actual: `${summary(checked)} (${ranges.length - n} of ${ranges.length} ranges not checked)`,
            inexact: true,
        };
    if (opaqueMet.size > 0) {
        const terms = [...opaqueMet.values()].map((o) => `${o.term} in ${o.domain}: ${o.reason}`);
        return {
            outcome: 'undetermined',
            message: `could not check every address of ${entry}: check_host() gives pass for the first address of each of its ${plural(n, 'range')}, but evaluated terms whose match can differ within a range (${terms.join('; ')})`,
            actual: `${summary(checked)} (not exact)`,
            inexact: true,
        };
    }
    return {
        outcome: 'pass',
        message: `check_host gives pass for every address of ${entry} (${plural(n, 'range')} the SPF policy treats alike)`,
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
    const trouble = rootTrouble || (0,audit_view/* hasTrouble */._5)(report.findings, 'spf');
    const missing = !rootTrouble && view.spf.status !== 'found';
    const base = rootTrouble
        ? { kind: 'trouble' }
        : missing
            ? { kind: 'missing', status: view.spf.status, problem: spfProblem(view) }
            : { kind: 'found' };
    const ctx = {
        set,
        section: 'spf',
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
            factory: policy_findings/* POLICY_FINDINGS */.I.spfAll,
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
            factory: policy_findings/* POLICY_FINDINGS */.I.spfLookups,
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
            factory: policy_findings/* POLICY_FINDINGS */.I.spfAuthorize,
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
    const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : findings_finding/* SEVERITY_RANK */.f3[failOn];
    const today = now.toISOString().slice(0, 10);
    const findings = [];
    const suppressed = [];
    const expiredSeen = new Set();
    for (const original of report.findings) {
        const rule = policy.findings?.[original.id];
        const finding = rule?.severity ? { ...original, severity: rule.severity } : original;
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
            findings.push(policy_findings/* POLICY_FINDINGS */.I.suppressionExpired(`The suppression of ${original.id} expired on ${s.expires} (reason given: ${s.reason}); the finding counts again`, { term: original.id, details: { expires: s.expires, reason: s.reason } }, { domain: report.domain }));
        }
        findings.push(finding);
        // DNS trouble leaves the area unchecked whatever the finding's severity: undetermined, never a pass.
        const trouble = (0,audit_view/* isTroubleFinding */.Dt)(finding);
        if (trouble || findings_finding/* SEVERITY_RANK */.f3[finding.severity] >= threshold) {
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
    const count = (s) => findings.filter((f) => f.severity === s).length;
    return { errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed };
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
    const { rules, key } = domainPolicy(policy, report.domain);
    const view = (0,audit_view/* viewReport */.ab)(report);
    const policyRules = new RuleSet(report.domain, pathResolver(policy, key));
    await checkSpf(view, rules, policyRules, report, options);
    checkDmarc(view, rules, policyRules, report);
    checkDkim(view, rules, policyRules, report);
    checkMtaSts(view, rules, policyRules, report);
    const findingRules = new RuleSet(report.domain, policyRules.pathOf);
    const { findings, suppressed } = applyFindingRules(report, policy, failOn, findingRules, now);
    const all = [...policyRules.results, ...findingRules.results].sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome]);
    const gateFindings = policyRules.results.flatMap((r) => r.finding && r.outcome !== 'pass' ? [r.finding] : []);
    const effective = (0,findings_finding/* sortFindings */.Tc)([...gateFindings, ...findings]);
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


/***/ })

};
