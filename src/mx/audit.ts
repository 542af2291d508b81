/**
 * `auditMx`: the mail exchangers a domain publishes (RFC 5321 §5.1), null MX (RFC 7505), the hosts' addresses,
 * and for each address its PTR records and forward-confirmed reverse DNS, which bulk-sender rules expect.
 *
 * @module
 */

import { isIP } from 'node:net';
import {
  type DnsResult,
  type DnsSource,
  isNotCheckedOffline,
  isTransientFailure,
  type Resolver,
} from '../dns/resolver.js';
import type { Evidence, Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import { MX_FINDINGS as F } from './findings.js';
import { MAX_PTR_NAMES, nonPublicRange, reverseDns } from './reverse.js';

/** One address of a mail exchanger, with its reverse DNS when checked. */
export interface MxAddress {
  address: string;
  family: 4 | 6;
  /** PTR names, at most `MAX_PTR_NAMES` (10, the ones checked; absent when reverse DNS was not checked). */
  ptr?: string[];
  /** Forward-confirmed reverse DNS: true, false, or null when undecided (no PTR, DNS failure); absent when not checked. */
  fcrdns?: boolean | null;
  /**
   * `offline` when reverse DNS was not (fully) checked: the reverse name, or the PTR names to confirm, are outside
   * the zone files of an offline resolver (no `mx.no-ptr` or `mx.fcrdns-mismatch` is then reported).
   */
  reverseDnsNotChecked?: 'offline';
}

/** One MX record and what its exchange resolves to. */
export interface MxHost {
  /** The preference (lower is preferred), 0..65535. */
  priority: number;
  /** The exchange host name, lower-case, no trailing dot. */
  exchange: string;
  /** The canonical name when the exchange is an alias (CNAME). */
  canonicalName?: string;
  /** True when the exchange is written as an IP address (not allowed: RFC 1035 §3.3.9). */
  ipLiteral: boolean;
  /** A then AAAA addresses, in answer order. */
  addresses: MxAddress[];
  /** Where the MX record was defined, when it came from a zone file. */
  source?: DnsSource;
  /**
   * `offline` when the exchange's addresses were not looked up: the host is outside the zone files of an
   * offline resolver (`addresses` is then empty, and no `mx.no-address` is reported).
   */
  notChecked?: 'offline';
}

/**
 * The MX section of a domain report.
 * - `status`: `found` (MX records), `none` (no MX: RFC 5321 §5.1 implicit MX applies; or the domain does not
 *   exist), `dns-error` (the MX query failed transiently).
 * - `statusDetail`: `null-mx` (only a null MX, RFC 7505: the domain accepts no mail), `nxdomain` (the domain does
 *   not exist).
 */
export interface MxAudit {
  domain: string;
  status: RecordStatus;
  statusDetail?: 'null-mx' | 'nxdomain';
  /** True when the domain publishes a null MX (`MX 0 .`), alone or (wrongly) with others. */
  nullMx: boolean;
  /** The MX records naming hosts, sorted by preference then name (a null MX is not listed here). */
  hosts: MxHost[];
  /** Whether PTR/FCrDNS were checked (see {@link MxAuditOptions.reverseDns}). */
  reverseDnsChecked: boolean;
  findings: Finding[];
}

/** Options for {@link auditMx}. */
export interface MxAuditOptions {
  resolver: Resolver;
  /** Check PTR and FCrDNS for each address (default true). */
  reverseDns?: boolean;
  /** At most this many MX hosts are resolved and checked, in preference order (default 16). */
  maxHosts?: number;
}

/** True when a failure means "could not find out" (as opposed to "there is nothing"). */
const transient = (r: DnsResult): boolean => isTransientFailure(r);

function dnsErrorFinding(domain: string, r: DnsResult & { ok: false }, what: string): Finding {
  return F.dnsError(
    `${what}: ${r.type} ${r.name} failed (${r.kind})`,
    {
      name: r.name,
      details: { kind: r.kind, type: r.type, ...(r.message ? { message: r.message } : {}) },
    },
    { domain },
  );
}

function isIpLiteral(exchange: string): boolean {
  const bare = exchange.replace(/^\[|\]$/g, '');
  return isIP(bare) !== 0 || /^\d+\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * Audits the MX records of `domain`.
 *
 * Findings: `mx.domain-not-found`, `mx.no-mx`, `mx.null-mx`, `mx.null-mx-mixed`, `mx.null-mx-preference`,
 * `mx.ip-literal`, `mx.cname`, `mx.no-address`, `mx.non-public-address`, `mx.no-ptr`, `mx.fcrdns-mismatch`,
 * and `mx.dns-error` when a TIMEOUT/SERVFAIL/REFUSED leaves a check undecided. (`mx.null-mx-spf-authorizes`
 * needs the SPF analysis and is added by the domain audit.)
 *
 * Offline (a resolver over zone files only), a third-party name outside the zones (an MX host at a provider,
 * the `in-addr.arpa` name of its address) was never asked: such names are "not checked (offline)" in the data
 * ({@link MxHost.notChecked}, {@link MxAddress.reverseDnsNotChecked}) and listed in one
 * `mx.not-checked-offline` info, never `mx.no-address`, `mx.no-ptr` or `mx.fcrdns-mismatch`.
 *
 * @param domain - a normalised domain name (lower-case A-labels).
 * @returns the {@link MxAudit}; never throws for DNS reasons.
 */
export async function auditMx(domain: string, options: MxAuditOptions): Promise<MxAudit> {
  const { resolver } = options;
  const checkReverse = options.reverseDns ?? true;
  const maxHosts = options.maxHosts ?? 16;
  const findings: Finding[] = [];
  const base = { domain, nullMx: false, hosts: [] as MxHost[], reverseDnsChecked: checkReverse, findings };
  const answer = await resolver.query(domain, 'MX');
  if (!answer.ok) {
    if (answer.kind === 'NXDOMAIN' || answer.kind === 'BADNAME') {
      findings.push(
        F.domainNotFound(`${domain} does not exist (${answer.kind})`, { name: domain }, { domain }),
      );
      return { ...base, status: 'none', statusDetail: 'nxdomain' };
    }
    if (answer.kind === 'NODATA') {
      findings.push(
        F.noMx(
          `${domain} publishes no MX record; senders fall back to its A/AAAA records (implicit MX)`,
          {
            name: domain,
          },
          { domain },
        ),
      );
      return { ...base, status: 'none' };
    }
    findings.push(dnsErrorFinding(domain, answer, `MX records of ${domain}`));
    return { ...base, status: 'dns-error' };
  }

  const records = answer.records
    .map((r, i) => ({ ...r, exchange: r.exchange.toLowerCase(), source: answer.source?.[i] }))
    .sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
  const evidence = (r: (typeof records)[number]): Evidence => ({
    name: domain,
    record: `${r.priority} ${r.exchange === '' ? '.' : r.exchange}`,
    ...(r.source ? { source: r.source } : {}),
  });

  const nulls = records.filter((r) => r.exchange === '');
  const named = records.filter((r) => r.exchange !== '');
  const nullMx = nulls.length > 0;
  if (nullMx) {
    const n = nulls[0]!;
    findings.push(F.nullMx(`${domain} publishes a null MX: it accepts no mail`, evidence(n), { domain }));
    if (named.length > 0)
      findings.push(
        F.nullMxMixed(
          `${domain} publishes a null MX together with ${named.length} other MX record(s)`,
          { ...evidence(n), details: { others: named.map((r) => r.exchange) } },
          { domain },
        ),
      );
    for (const r of nulls.filter((x) => x.priority !== 0))
      findings.push(
        F.nullMxPreference(`the null MX of ${domain} has preference ${r.priority}, not 0`, evidence(r), {
          domain,
        }),
      );
    if (named.length === 0) return { ...base, nullMx, status: 'found', statusDetail: 'null-mx' };
  }

  const checked = named.slice(0, maxHosts);
  const hosts = await Promise.all(
    checked.map(async (r): Promise<{ host: MxHost; findings: Finding[]; notChecked: string[] }> => {
      const hostFindings: Finding[] = [];
      /** Names outside the zones of an offline resolver, not asked: one `mx.not-checked-offline` lists them. */
      const notChecked: string[] = [];
      const host: MxHost = {
        priority: r.priority,
        exchange: r.exchange,
        ipLiteral: isIpLiteral(r.exchange),
        addresses: [],
        ...(r.source ? { source: r.source } : {}),
      };
      if (host.ipLiteral) {
        hostFindings.push(
          F.ipLiteral(`MX ${r.exchange} of ${domain} is an IP address, not a host name`, evidence(r), {
            domain,
          }),
        );
        return { host, findings: hostFindings, notChecked };
      }
      const [a, aaaa, cname] = await Promise.all([
        resolver.query(r.exchange, 'A'),
        resolver.query(r.exchange, 'AAAA'),
        resolver.query(r.exchange, 'CNAME'),
      ]);
      const alias = cname.ok
        ? cname.records[0]
        : (a.ok && a.cnames?.at(-1)) || (aaaa.ok && aaaa.cnames?.at(-1));
      if (alias) {
        host.canonicalName = alias;
        hostFindings.push(
          F.cname(
            `MX ${r.exchange} of ${domain} is an alias (CNAME) for ${alias}`,
            {
              ...evidence(r),
              details: { canonicalName: alias },
            },
            { domain },
          ),
        );
      }
      if (a.ok) for (const address of a.records) host.addresses.push({ address, family: 4 });
      if (aaaa.ok) for (const address of aaaa.records) host.addresses.push({ address, family: 6 });
      for (const res of [a, aaaa, cname])
        if (!res.ok && transient(res))
          hostFindings.push(dnsErrorFinding(domain, res, `MX host ${r.exchange}`));
      if (host.addresses.length === 0 && isNotCheckedOffline(a) && isNotCheckedOffline(aaaa)) {
        host.notChecked = 'offline';
        notChecked.push(`${r.exchange} (A/AAAA)`);
      } else if (host.addresses.length === 0 && !transient(a) && !transient(aaaa)) {
        const kind = !a.ok ? a.kind : 'NODATA';
        hostFindings.push(
          F.noAddress(
            `MX ${r.exchange} of ${domain} has no A or AAAA record (${kind})`,
            {
              ...evidence(r),
              details: { kind },
            },
            { domain },
          ),
        );
      }
      for (const addr of host.addresses) {
        const range = nonPublicRange(addr.address);
        if (range)
          hostFindings.push(
            F.nonPublicAddress(
              `MX ${r.exchange} of ${domain} resolves to ${addr.address} (${range})`,
              {
                name: r.exchange,
                details: { address: addr.address, range },
              },
              { domain },
            ),
          );
      }
      if (checkReverse) {
        const rdns = await Promise.all(host.addresses.map((addr) => reverseDns(addr.address, resolver)));
        host.addresses.forEach((addr, i) => {
          const rev = rdns[i]!;
          addr.ptr = rev.ptr;
          addr.fcrdns = rev.fcrdns;
          if (rev.notCheckedOffline && rev.fcrdns === null && !rev.dnsError) {
            addr.reverseDnsNotChecked = 'offline';
            const names = rev.notCheckedOffline.map(
              (n) => `${n} (${rev.ptr.length === 0 ? 'PTR' : 'A/AAAA'})`,
            );
            notChecked.push(...names.map((n) => `${n} for ${addr.address}`));
          } else if (rev.dnsError) {
            hostFindings.push(
              F.dnsError(
                `reverse DNS of ${addr.address} (MX ${r.exchange}): ${rev.dnsError.type} ${rev.dnsError.name} failed (${rev.dnsError.kind})`,
                {
                  name: rev.dnsError.name,
                  details: { kind: rev.dnsError.kind, type: rev.dnsError.type, address: addr.address },
                },
                { domain },
              ),
            );
          } else if (rev.ptr.length === 0) {
            hostFindings.push(
              F.noPtr(
                `${addr.address} (MX ${r.exchange} of ${domain}) has no PTR record`,
                {
                  name: r.exchange,
                  details: { address: addr.address },
                },
                { domain },
              ),
            );
          } else if (rev.fcrdns === false) {
            hostFindings.push(
              F.fcrdnsMismatch(
                `${addr.address} (MX ${r.exchange} of ${domain}) has PTR ${rev.ptr.join(', ')}${rev.ptrIgnored ? ` (and ${rev.ptrIgnored} more, not checked: at most ${MAX_PTR_NAMES} are)` : ''}, which does not resolve back to it`,
                {
                  name: r.exchange,
                  details: {
                    address: addr.address,
                    ptr: rev.ptr,
                    ...(rev.ptrIgnored ? { ptrIgnored: rev.ptrIgnored } : {}),
                  },
                },
                { domain },
              ),
            );
          }
        });
      }
      return { host, findings: hostFindings, notChecked };
    }),
  );
  for (const h of hosts) findings.push(...h.findings);
  const notChecked = hosts.flatMap((h) => h.notChecked);
  if (notChecked.length > 0)
    findings.push(
      F.notCheckedOffline(
        `not checked (offline): ${notChecked.length} name${notChecked.length === 1 ? '' : 's'} outside the zone files: ${notChecked.join(', ')}`,
        { name: domain, details: { names: notChecked } },
        { domain },
      ),
    );
  return {
    ...base,
    nullMx,
    status: 'found',
    hosts: hosts.map((h) => h.host),
  };
}
