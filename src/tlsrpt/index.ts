/**
 * TLS-RPT (RFC 8460): the entry module other folders import from: the audit of the `_smtp._tls` record, its
 * parser, and the findings.
 *
 * @module
 */

export { auditTlsRpt, type TlsRptAudit } from './audit.js';
