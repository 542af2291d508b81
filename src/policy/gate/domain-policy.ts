/**
 * Which rules of a policy apply to a domain, and where in the policy file each rule was written.
 *
 * @module
 */

import type { DomainPolicy, Policy } from '../schema.js';
import type { PolicyPathOf } from './rules.js';

/** A domain key as compared: lower-case, without a trailing dot. */
export function domainKey(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * The rules that apply to `domain`: `defaults`, overridden key by key (within each section) by `domains.<domain>`.
 * Domain keys match case-insensitively and with or without a trailing dot.
 * @returns `rules`, the merged policy (sections without keys are left out), and `key`, the policy-file key of
 *   the domain entry when there is one (as written, e.g. `Example.COM.`).
 */
export function domainPolicy(policy: Policy, domain: string): { rules: DomainPolicy; key?: string } {
  const want = domainKey(domain);
  const key = Object.keys(policy.domains ?? {}).find((k) => domainKey(k) === want);
  const own = key !== undefined ? policy.domains?.[key] : undefined;
  const base = policy.defaults ?? {};
  const rules: DomainPolicy = {};
  for (const section of ['spf', 'dmarc', 'dkim', 'mta-sts'] as const) {
    const merged = { ...(base[section] ?? {}), ...(own?.[section] ?? {}) };
    if (Object.keys(merged).length > 0) (rules as Record<string, unknown>)[section] = merged;
  }
  return key !== undefined ? { rules, key } : { rules };
}

/**
 * Locates a policy key: `['domains', <key>, section, key]` when the domain's own entry sets it, else
 * `['defaults', section, key]`.
 * @param domainEntry the policy-file key of the domain entry (from {@link domainPolicy}), if any
 */
export function pathResolver(policy: Policy, domainEntry: string | undefined): PolicyPathOf {
  return (section, key) => {
    const own = domainEntry !== undefined ? policy.domains?.[domainEntry] : undefined;
    if (own && (own as Record<string, Record<string, unknown> | undefined>)[section]?.[key] !== undefined) {
      return ['domains', domainEntry!, section, key];
    }
    return ['defaults', section, key];
  };
}
