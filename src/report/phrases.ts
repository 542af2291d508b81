/**
 * Words shared by the text and Markdown renderers, so both say the same thing about the same report.
 *
 * @module
 */

/**
 * What to show in place of a record that is not there or not usable, e.g. `no SPF record`,
 * `several DMARC records (all ignored)`, `SPF record unknown: DNS error`.
 *
 * @param status - the section's status in the report's read model (`none`, `multiple`, `dns-error`, `invalid`, `revoked`).
 * @param what - the record's name, e.g. `SPF record`, `key`.
 */
export function missingRecordText(status: string, what: string): string {
  switch (status) {
    case 'none':
      return `no ${what}`;
    case 'multiple':
      return `several ${what}s (all ignored)`;
    case 'dns-error':
      return `${what} unknown: DNS error`;
    case 'invalid':
      return `${what} invalid`;
    case 'revoked':
      return 'key revoked (empty p=)';
    default:
      return status;
  }
}
