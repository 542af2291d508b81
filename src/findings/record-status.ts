/**
 * The one status vocabulary of every record section of a domain report: SPF, DMARC, each DKIM selector, MX,
 * MTA-STS, TLS-RPT and BIMI each say with a {@link RecordStatus} whether their record was read, set by the
 * protocol where it reads the record. A section that has a particular case to add (a null MX, a declined BIMI
 * record, a revoked DKIM key, an MTA-STS policy that was not fetched) says it in its `statusDetail`.
 *
 * @module
 */

/**
 * Whether a protocol's record was read, and if not, why.
 * - `found`: the record is there and usable (a section's `statusDetail` may qualify it, e.g. a null MX);
 * - `none`: there is none (NXDOMAIN, NODATA, or no record of the protocol among the TXT records);
 * - `multiple`: several records where one is allowed, so receivers use none;
 * - `invalid`: a record is there but receivers cannot use it;
 * - `dns-error`: a TIMEOUT, SERVFAIL or REFUSED left it unknown (never reported as `none`).
 */
export type RecordStatus = 'found' | 'none' | 'multiple' | 'invalid' | 'dns-error';

/** Every {@link RecordStatus}, in the order above. */
export const RECORD_STATUSES: readonly RecordStatus[] = ['found', 'none', 'multiple', 'invalid', 'dns-error'];
