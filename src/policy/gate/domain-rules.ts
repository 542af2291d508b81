/**
 * Which rules of a policy apply to a domain, and where in the policy file each rule was written.
 *
 * @module
 */

import type { GateDomainRules, GatePolicy } from '../schema.js';
import type { PolicyPathOf } from './rules.js';

/** A domain key as compared: lower-case, without a trailing dot. */
export function domainKey(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

type Mapping = Record<string, unknown>;

function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys whose value may be written as a shorthand string for a mapping: `dmarc.alignment: strict` stands for
 * `{ dkim: strict, spf: strict }`. When a domain and the defaults both set such a key, the shorthand is expanded
 * first, so the two merge key by key.
 */
const SHORTHANDS: Readonly<Record<string, (value: string) => Mapping>> = {
  'dmarc.alignment': (mode) => ({ dkim: mode, spf: mode }),
};

/**
 * Merges `own` over `base` key by key, at every depth: a mapping merges with a mapping, anything else (a
 * scalar, a list) replaces. `path` is the dotted key path of the two values (`dmarc`), for {@link SHORTHANDS}.
 */
function mergeMappings(base: Mapping, own: Mapping, path: string): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(own)) {
    if (value === undefined) continue;
    const at = `${path}.${key}`;
    let b = out[key];
    let o = value;
    const expand = SHORTHANDS[at];
    if (expand && b !== undefined && (isMapping(b) || isMapping(o))) {
      if (typeof b === 'string') b = expand(b);
      if (typeof o === 'string') o = expand(o);
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
export function domainRules(policy: GatePolicy, domain: string): { rules: GateDomainRules; key?: string } {
  const want = domainKey(domain);
  const key = Object.keys(policy.domains ?? {}).find((k) => domainKey(k) === want);
  const own = key !== undefined ? policy.domains?.[key] : undefined;
  const base = policy.defaults ?? {};
  const rules: Mapping = {};
  for (const section of ['spf', 'dmarc', 'dkim', 'mta-sts', 'reports'] as const) {
    const merged = mergeMappings(
      (base[section] ?? {}) as Mapping,
      (own?.[section] ?? {}) as Mapping,
      section,
    );
    if (Object.keys(merged).length > 0) rules[section] = merged;
  }
  return key !== undefined ? { rules: rules as GateDomainRules, key } : { rules: rules as GateDomainRules };
}

/**
 * Locates a policy key: in the domain's own entry when it sets it, else in `defaults` (`['defaults', section,
 * key]` when neither does). With `sub` (e.g. `dkim` of `alignment`), a key written as a mapping is located at
 * its `sub` entry (`[..., 'alignment', 'dkim']`) and counts only when that entry is set; a key written as a
 * shorthand string is located at the key itself.
 * @param domainEntry the policy-file key of the domain entry (from {@link domainRules}), if any
 */
export function pathResolver(policy: GatePolicy, domainEntry: string | undefined): PolicyPathOf {
  const locate = (
    prefix: string[],
    rules: GateDomainRules | undefined,
    section: string,
    key: string,
    sub?: string,
  ) => {
    const value = (rules as Record<string, Mapping | undefined> | undefined)?.[section]?.[key];
    if (value === undefined) return undefined;
    if (sub !== undefined && isMapping(value)) {
      return value[sub] !== undefined ? [...prefix, section, key, sub] : undefined;
    }
    return [...prefix, section, key];
  };
  return (section, key, sub) => {
    const own = domainEntry !== undefined ? policy.domains?.[domainEntry] : undefined;
    return (
      (domainEntry !== undefined ? locate(['domains', domainEntry], own, section, key, sub) : undefined) ??
      locate(['defaults'], policy.defaults, section, key, sub) ?? ['defaults', section, key]
    );
  };
}
