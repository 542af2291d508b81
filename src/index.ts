/**
 * mailgate's public API. Re-exports only: see each module for the details.
 *
 * @packageDocumentation
 */

export * from './audit/audit.js';
export { isDnsTrouble } from './audit/dns-trouble.js';
export * from './dns/cache.js';
export * from './dns/overlay.js';
export * from './dns/resolver.js';
export * from './dns/system.js';
export * from './dns/zonefile.js';
export * from './dns/zones.js';
export * from './findings/finding.js';
