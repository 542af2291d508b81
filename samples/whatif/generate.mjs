// Regenerates the sample DMARC aggregate and SMTP TLS reports in ../reports/ (for the demo, the docs and the
// tests) with the report generator of test/support/report-generator.ts, and the proposed zone in this folder.
// Deterministic: the same seed writes the same bytes.
//
//   npx node samples/whatif/generate.mjs
//
// The reports are for mailgate-healthy.example (../zones/mailgate-healthy.example.zone): 15 daily reports
// from five receivers, January 2026, wrapped as receivers send them (plain XML, gzip, zip, messages with gzip
// or zip attachments, one mbox), and one SMTP TLS report. The proposed zone drops include:_spf.google.com from
// the domain's SPF record: the what-if shows the Google Workspace mail that the change would break.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'reports');
const { module: gen } = await runnerImport(join(here, '..', '..', 'test', 'support', 'report-generator.ts'), {
  configFile: false,
  logLevel: 'error',
});

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const reports = gen.generateReports({ reports: 20, rowsPerReport: 12, days: 20, seed: 2026 });
reports.slice(0, 15).forEach((r, i) => {
  const w = gen.wrapReport(r, gen.WRAPPINGS[i % gen.WRAPPINGS.length]);
  writeFileSync(join(out, w.name), w.data);
});
writeFileSync(join(out, 'dmarc-reports.mbox'), gen.reportMbox(reports.slice(15)));

const tls = {
  'organization-name': 'Google Inc.',
  'date-range': { 'start-datetime': '2026-01-05T00:00:00Z', 'end-datetime': '2026-01-05T23:59:59Z' },
  'contact-info': 'smtp-tls-reporting@google.com',
  'report-id': '2026-01-05T00:00:00Z_mailgate-healthy.example',
  policies: [
    {
      policy: { 'policy-type': 'no-policy-found', 'policy-domain': 'mailgate-healthy.example' },
      summary: { 'total-successful-session-count': 1840, 'total-failure-session-count': 12 },
      'failure-details': [
        {
          'result-type': 'certificate-host-mismatch',
          'sending-mta-ip': '209.85.220.41',
          'receiving-ip': '192.0.2.26',
          'receiving-mx-hostname': 'mx2.mailgate-healthy.example',
          'failed-session-count': 12,
        },
      ],
    },
  ],
};
writeFileSync(join(out, 'google.com!mailgate-healthy.example!1767571200!1767657599.json'), `${JSON.stringify(tls, null, 2)}\n`);

const zone = readFileSync(join(here, '..', 'zones', 'mailgate-healthy.example.zone'), 'utf8');
const proposed = zone
  .replace('; A healthy sending domain: every check passes.', '; PROPOSED (what-if sample): Google Workspace removed from SPF.\n; A healthy sending domain: every check passes.')
  .replace(' include:_spf.google.com', '');
if (proposed === zone) throw new Error('the sample zone no longer has include:_spf.google.com');
writeFileSync(join(here, 'mailgate-healthy.example.zone'), proposed);
console.log(`wrote ${reports.length} reports (${reports.reduce((n, r) => n + r.rows, 0)} rows) and 1 TLS report to ${out}`);
