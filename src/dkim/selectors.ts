/**
 * Common DKIM selectors, for discovery when the caller names none. DNS offers no way to list the selectors
 * under `_domainkey` (RFC 6376 §3.1 leaves them to the signer), so discovery can only probe names that are
 * commonly used: finding none never proves a domain has no DKIM key.
 *
 * Each entry says where the selector comes from: `documented` means the provider's own setup documentation
 * tells customers to publish that selector; `observed` means it is widely seen in published DNS (and in the
 * selector lists of other checkers) but is not a documented default.
 *
 * @module
 */

/** A selector worth probing, with who uses it and where that comes from. */
export interface CommonSelector {
  selector: string;
  /** Who publishes keys at this selector. */
  provider: string;
  /** `documented`: in the provider's setup guide; `observed`: commonly seen, not a documented default. */
  basis: 'documented' | 'observed';
  /** Where the selector comes from (a documentation page title or a note). */
  source: string;
}

/** The probed selectors, in probe order. */
export const COMMON_SELECTORS: readonly CommonSelector[] = [
  {
    selector: 'selector1',
    provider: 'Microsoft 365',
    basis: 'documented',
    source: 'Microsoft Learn, "How to use DKIM for email in your custom domain" (CNAMEs selector1/selector2)',
  },
  {
    selector: 'selector2',
    provider: 'Microsoft 365',
    basis: 'documented',
    source: 'Microsoft Learn, as selector1',
  },
  {
    selector: 'google',
    provider: 'Google Workspace',
    basis: 'documented',
    source: 'Google Workspace Admin Help, "Set up DKIM" (default selector prefix "google")',
  },
  {
    selector: 's1',
    provider: 'Twilio SendGrid',
    basis: 'documented',
    source: 'SendGrid docs, "How to Set Up Domain Authentication" (automated security CNAMEs s1/s2)',
  },
  { selector: 's2', provider: 'Twilio SendGrid', basis: 'documented', source: 'SendGrid docs, as s1' },
  {
    selector: 'k2',
    provider: 'Mailchimp',
    basis: 'documented',
    source: 'Mailchimp help, "Set up email domain authentication" (CNAMEs k2/k3 to dkim2/dkim3.mcsv.net)',
  },
  { selector: 'k3', provider: 'Mailchimp', basis: 'documented', source: 'Mailchimp help, as k2' },
  {
    selector: 'k1',
    provider: 'Mailchimp (older setups), Mailgun',
    basis: 'observed',
    source: 'Older Mailchimp instructions used k1; Mailgun also offers k1',
  },
  {
    selector: 'mandrill',
    provider: 'Mailchimp Transactional (Mandrill)',
    basis: 'documented',
    source: 'Mandrill docs, "SPF and DKIM" (mandrill._domainkey)',
  },
  {
    selector: 'amazonses',
    provider: 'Amazon SES (legacy TXT setup)',
    basis: 'observed',
    source:
      'Legacy SES DKIM; Easy DKIM publishes three random 32-character token selectors, which cannot be discovered',
  },
  {
    selector: 'mx',
    provider: 'Mailgun',
    basis: 'observed',
    source: 'Mailgun domain setup (older domains use mx._domainkey)',
  },
  {
    selector: 'pic',
    provider: 'Mailgun',
    basis: 'observed',
    source: 'Mailgun domain setup (selector shown in the DNS records page)',
  },
  { selector: 'krs', provider: 'Mailgun', basis: 'observed', source: 'Mailgun domain setup' },
  {
    selector: 'smtp',
    provider: 'Mailgun, generic',
    basis: 'observed',
    source: 'Mailgun domain setup; generic MTAs',
  },
  {
    selector: 'mailo',
    provider: 'Mailgun',
    basis: 'observed',
    source: 'Mailgun domain setup (newer domains)',
  },
  {
    selector: 'mailjet',
    provider: 'Mailjet',
    basis: 'documented',
    source: 'Mailjet docs, "Authenticate your domain" (mailjet._domainkey)',
  },
  {
    selector: 'zmail',
    provider: 'Zoho Mail',
    basis: 'observed',
    source: 'Zoho Mail admin console default selector',
  },
  {
    selector: 'protonmail',
    provider: 'Proton Mail',
    basis: 'documented',
    source: 'Proton support, "How to set up DKIM" (CNAMEs protonmail, protonmail2, protonmail3)',
  },
  {
    selector: 'protonmail2',
    provider: 'Proton Mail',
    basis: 'documented',
    source: 'Proton support, as protonmail',
  },
  {
    selector: 'protonmail3',
    provider: 'Proton Mail',
    basis: 'documented',
    source: 'Proton support, as protonmail',
  },
  {
    selector: 'fm1',
    provider: 'Fastmail',
    basis: 'documented',
    source: 'Fastmail help, "Custom domains" (CNAMEs fm1, fm2, fm3)',
  },
  { selector: 'fm2', provider: 'Fastmail', basis: 'documented', source: 'Fastmail help, as fm1' },
  { selector: 'fm3', provider: 'Fastmail', basis: 'documented', source: 'Fastmail help, as fm1' },
  {
    selector: 'sig1',
    provider: 'iCloud custom domains',
    basis: 'observed',
    source: 'iCloud+ custom domain setup',
  },
  {
    selector: 'cm',
    provider: 'Campaign Monitor',
    basis: 'observed',
    source: 'Campaign Monitor domain setup',
  },
  {
    selector: 'default',
    provider: 'cPanel, DirectAdmin, OpenDKIM, rspamd',
    basis: 'observed',
    source: 'The default selector of common hosting panels and signer configurations',
  },
  {
    selector: 'dkim',
    provider: 'generic (rspamd examples, many MTAs)',
    basis: 'observed',
    source: 'Common choice',
  },
  { selector: 'mail', provider: 'generic', basis: 'observed', source: 'Common choice' },
  { selector: 's1024', provider: 'Yahoo, generic', basis: 'observed', source: 'Seen on large senders' },
  { selector: 's2048', provider: 'Yahoo, generic', basis: 'observed', source: 'Seen on large senders' },
];

/** CNAME target suffixes that identify the provider hosting a delegated key. */
export const PROVIDER_CNAME_SUFFIXES: readonly { suffix: string; provider: string }[] = [
  { suffix: 'onmicrosoft.com', provider: 'Microsoft 365' },
  { suffix: 'sendgrid.net', provider: 'Twilio SendGrid' },
  { suffix: 'mcsv.net', provider: 'Mailchimp' },
  { suffix: 'mandrillapp.com', provider: 'Mailchimp Transactional (Mandrill)' },
  { suffix: 'amazonses.com', provider: 'Amazon SES' },
  { suffix: 'mailgun.org', provider: 'Mailgun' },
  { suffix: 'protonmail.ch', provider: 'Proton Mail' },
  { suffix: 'messagingengine.com', provider: 'Fastmail' },
  { suffix: 'hubspotemail.net', provider: 'HubSpot' },
  { suffix: 'zoho.com', provider: 'Zoho' },
];

/** The provider a CNAME target belongs to, when known. */
export function providerForCname(target: string): string | undefined {
  const t = target.toLowerCase().replace(/\.$/, '');
  return PROVIDER_CNAME_SUFFIXES.find((p) => t === p.suffix || t.endsWith(`.${p.suffix}`))?.provider;
}
