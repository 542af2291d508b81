/**
 * Names for the SPF includes and DKIM signing domains of common mail providers, so that a sender inventory
 * says "SendGrid" next to `include:sendgrid.net`. The name is decoration: senders are identified by the include
 * or `d=` itself (an include not listed here is shown by its own name). Each entry is the include the
 * provider's setup documentation tells customers to publish.
 *
 * @module
 */

/** Include targets (and DKIM `d=` domains) → provider name. Matched on the name or any parent domain. */
const PROVIDERS: ReadonlyArray<[suffix: string, name: string]> = [
  ['_spf.google.com', 'Google Workspace'],
  ['google.com', 'Google'],
  ['spf.protection.outlook.com', 'Microsoft 365'],
  ['sendgrid.net', 'SendGrid'],
  ['servers.mcsv.net', 'Mailchimp'],
  ['mcsv.net', 'Mailchimp'],
  ['mailgun.org', 'Mailgun'],
  ['amazonses.com', 'Amazon SES'],
  ['_spf.salesforce.com', 'Salesforce'],
  ['spf.mandrillapp.com', 'Mandrill'],
  ['mail.zendesk.com', 'Zendesk'],
  ['spf.brevo.com', 'Brevo'],
  ['sendinblue.com', 'Brevo'],
  ['_spf.hubspotemail.net', 'HubSpot'],
  ['spf.messagingengine.com', 'Fastmail'],
  ['zoho.com', 'Zoho'],
  ['_spf.mx.cloudflare.net', 'Cloudflare Email Routing'],
  ['spf.mtasv.net', 'Postmark'],
];

/** The provider name for an include target or signing domain, or undefined when it is not a known one. */
export function providerName(domain: string): string | undefined {
  const d = domain.toLowerCase().replace(/\.$/, '');
  for (const [suffix, name] of PROVIDERS) if (d === suffix || d.endsWith(`.${suffix}`)) return name;
  return undefined;
}
