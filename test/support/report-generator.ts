// A generator of realistic DMARC aggregate reports (RFC 7489 Appendix C / RFC 9990) for a sample domain,
// used by the tests, the benchmark (bench/reports.ts) and the bundled samples (samples/reports/generate.mjs).
//
// The traffic has the shapes real domains see: the domain's own servers (SPF and DKIM aligned), Google
// Workspace through include:_spf.google.com (SPF aligned, not DKIM-signed), Mailchimp (its own MAIL FROM and
// d=, so DMARC fails), forwarders (SPF fails, the domain's DKIM signature survives), a mailing list (breaks
// DKIM, SPF passes for the list), and spoofers. Reports are wrapped as receivers send them: plain XML, gzip,
// zip, and messages (.eml, mbox) with gzip or zip attachments. Everything is deterministic for a seed.
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { seededRandom } from '../../src/dmarc/sampler.js';

/** One kind of traffic: how its rows look. */
export interface TrafficProfile {
  id: string;
  /** Relative share of rows. */
  weight: number;
  /** Source addresses (one is picked per row). */
  ips: string[];
  /** Messages per row: [min, max]. */
  count: [number, number];
  envelopeFrom: (domain: string) => string;
  spf: 'pass' | 'fail' | 'softfail' | 'none';
  /** The policy_evaluated (aligned) SPF result. */
  spfAligned: boolean;
  dkim: Array<{ d: (domain: string) => string; s: string; result: 'pass' | 'fail' }>;
  dkimAligned: boolean;
  reason?: string;
}

function range(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${prefix}${i}`);
  return out;
}

/** The traffic of `mailgate-healthy.example` (samples/zones): see the module comment. */
export const SAMPLE_PROFILES: TrafficProfile[] = [
  {
    id: 'own-servers',
    weight: 20,
    ips: ['192.0.2.40', '192.0.2.41'],
    count: [20, 400],
    envelopeFrom: (d) => d,
    spf: 'pass',
    spfAligned: true,
    dkim: [{ d: (d) => d, s: 's2026', result: 'pass' }],
    dkimAligned: true,
  },
  {
    id: 'google-workspace',
    weight: 30,
    ips: ['209.85.220.41', '209.85.220.69', '209.85.220.73', '209.85.128.52', '74.125.82.41'],
    count: [5, 200],
    envelopeFrom: (d) => d,
    spf: 'pass',
    spfAligned: true,
    dkim: [],
    dkimAligned: false,
  },
  {
    id: 'mailchimp',
    weight: 10,
    ips: ['205.201.131.10', '205.201.131.11', '198.2.180.20', '148.105.8.30'],
    count: [50, 900],
    envelopeFrom: () => 'mail205.atl31.mcsv.net',
    spf: 'pass',
    spfAligned: false,
    dkim: [{ d: () => 'mcsv.net', s: 'k1', result: 'pass' }],
    dkimAligned: false,
  },
  {
    id: 'forwarder',
    weight: 8,
    ips: ['198.51.100.10', '198.51.100.11', '198.51.100.12'],
    count: [1, 20],
    envelopeFrom: () => 'forwarder.example.net',
    spf: 'fail',
    spfAligned: false,
    dkim: [{ d: (d) => d, s: 's2026', result: 'pass' }],
    dkimAligned: true,
    reason: 'forwarded',
  },
  {
    id: 'mailing-list',
    weight: 4,
    ips: ['198.51.100.200'],
    count: [1, 30],
    envelopeFrom: () => 'lists.example.org',
    spf: 'pass',
    spfAligned: false,
    dkim: [{ d: (d) => d, s: 's2026', result: 'fail' }],
    dkimAligned: false,
    reason: 'mailing_list',
  },
  {
    id: 'spoofer',
    weight: 12,
    ips: [...range('203.0.113.', 1, 60), ...range('198.18.7.', 1, 40)],
    count: [1, 40],
    envelopeFrom: (d) => d,
    spf: 'fail',
    spfAligned: false,
    dkim: [],
    dkimAligned: false,
  },
];

/** The reporters (receivers) that send the reports. */
export const SAMPLE_REPORTERS = [
  { org: 'google.com', email: 'noreply-dmarc-support@google.com', ns: false, upper: false },
  { org: 'Yahoo', email: 'dmarchelp@yahooinc.com', ns: false, upper: false },
  { org: 'Enterprise Outlook', email: 'dmarcreport@microsoft.com', ns: true, upper: false },
  { org: 'Fastmail Pty Ltd', email: 'reports@fastmaildmarc.com', ns: false, upper: true },
  { org: 'Zoho', email: 'noreply-dmarc@zoho.com', ns: true, upper: false },
];

/** Options of {@link generateReports}. */
export interface GenerateOptions {
  domain?: string;
  /** Number of reports. */
  reports: number;
  /** Rows per report. */
  rowsPerReport: number;
  /** Begin of the first day (seconds since the epoch); reports cover one day each, reporters in turn. */
  start?: number;
  /** Days covered (reports are spread over them). */
  days?: number;
  seed?: number;
  profiles?: TrafficProfile[];
  /** The published policy shown in the reports. */
  policy?: { p: string; sp?: string; pct?: number };
}

/** One generated report. */
export interface GeneratedReport {
  reporter: string;
  reportId: string;
  begin: number;
  end: number;
  fileName: string;
  xml: string;
  rows: number;
  messages: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Generates aggregate reports (XML text) for a sample domain; deterministic for a seed. */
export function generateReports(options: GenerateOptions): GeneratedReport[] {
  const domain = options.domain ?? 'mailgate-healthy.example';
  const rand = seededRandom(options.seed ?? 1);
  const profiles = options.profiles ?? SAMPLE_PROFILES;
  const total = profiles.reduce((n, p) => n + p.weight, 0);
  const days = options.days ?? Math.max(1, Math.ceil(options.reports / SAMPLE_REPORTERS.length));
  const start = options.start ?? 1_767_225_600; // 2026-01-01T00:00:00Z
  const policy = options.policy ?? { p: 'none', sp: 'none', pct: 100 };
  const out: GeneratedReport[] = [];
  for (let i = 0; i < options.reports; i++) {
    const rep = SAMPLE_REPORTERS[i % SAMPLE_REPORTERS.length]!;
    const day = Math.floor((i * days) / options.reports);
    const begin = start + day * 86400;
    const end = begin + 86399;
    const reportId = `${rep.org.split(/[ .]/)[0]!.toLowerCase()}-${begin}-${i}`;
    const parts: string[] = [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      rep.ns ? '<feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">\n' : '<feedback>\n',
      '  <version>1.0</version>\n',
      `  <report_metadata>\n    <org_name>${esc(rep.org)}</org_name>\n    <email>${rep.email}</email>\n`,
      `    <report_id>${reportId}</report_id>\n    <date_range>\n      <begin>${begin}</begin>\n      <end>${end}</end>\n    </date_range>\n  </report_metadata>\n`,
      `  <policy_published>\n    <domain>${domain}</domain>\n    <adkim>r</adkim>\n    <aspf>r</aspf>\n    <p>${policy.p}</p>\n`,
      policy.sp ? `    <sp>${policy.sp}</sp>\n` : '',
      policy.pct !== undefined ? `    <pct>${policy.pct}</pct>\n` : '',
      '  </policy_published>\n',
    ];
    let messages = 0;
    const up = (s: string) => (rep.upper ? s.toUpperCase() : s);
    for (let r = 0; r < options.rowsPerReport; r++) {
      let pick = rand() * total;
      let p = profiles[0]!;
      for (const candidate of profiles) {
        pick -= candidate.weight;
        if (pick < 0) {
          p = candidate;
          break;
        }
      }
      const ip = p.ips[Math.floor(rand() * p.ips.length)]!;
      const count = p.count[0] + Math.floor(rand() * (p.count[1] - p.count[0] + 1));
      messages += count;
      const dkimAligned = p.dkimAligned && p.dkim.some((d) => d.result === 'pass');
      const pass = dkimAligned || p.spfAligned;
      const disposition = pass ? 'none' : policy.p === 'none' ? 'none' : policy.p;
      parts.push(
        `  <record>\n    <row>\n      <source_ip>${ip}</source_ip>\n      <count>${count}</count>\n`,
        `      <policy_evaluated>\n        <disposition>${disposition}</disposition>\n`,
        `        <dkim>${up(dkimAligned ? 'pass' : 'fail')}</dkim>\n        <spf>${up(p.spfAligned ? 'pass' : 'fail')}</spf>\n`,
        p.reason && !pass ? `        <reason>\n          <type>${p.reason}</type>\n        </reason>\n` : '',
        '      </policy_evaluated>\n    </row>\n',
        `    <identifiers>\n      <envelope_from>${p.envelopeFrom(domain)}</envelope_from>\n      <header_from>${domain}</header_from>\n    </identifiers>\n`,
        '    <auth_results>\n',
        ...p.dkim.map(
          (d) =>
            `      <dkim>\n        <domain>${d.d(domain)}</domain>\n        <selector>${d.s}</selector>\n        <result>${up(d.result)}</result>\n      </dkim>\n`,
        ),
        `      <spf>\n        <domain>${p.envelopeFrom(domain)}</domain>\n        <scope>mfrom</scope>\n        <result>${up(p.spf)}</result>\n      </spf>\n`,
        '    </auth_results>\n  </record>\n',
      );
    }
    parts.push('</feedback>\n');
    const receiver = rep.org.includes('.') ? rep.org : `${rep.org.split(' ')[0]!.toLowerCase()}.example`;
    out.push({
      reporter: rep.org,
      reportId,
      begin,
      end,
      fileName: `${receiver}!${domain}!${begin}!${end}!${i}.xml`,
      xml: parts.join(''),
      rows: options.rowsPerReport,
      messages,
    });
  }
  return out;
}

/** A zip archive with the given files (deflated), as receivers attach them. */
export function zipFiles(files: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const body = deflateRawSync(f.data);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(f.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An RFC 5322 message carrying one report attachment (base64), as receivers send them (RFC 9990 §4). */
export function reportMessage(
  report: GeneratedReport,
  attachment: { name: string; type: string; data: Buffer },
): string {
  const b64 = attachment.data.toString('base64').replace(/.{76}/g, '$&\r\n');
  const date = new Date(report.end * 1000).toUTCString();
  return [
    `From: ${report.reporter} <dmarc-noreply@${report.reporter.includes('.') ? report.reporter : 'receiver.example'}>`,
    'To: dmarc-reports@mailgate-healthy.example',
    `Subject: Report Domain: mailgate-healthy.example Submitter: ${report.reporter} Report-ID: <${report.reportId}>`,
    `Date: ${date}`,
    `Message-ID: <${report.reportId}@receiver.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="=_report_boundary"',
    '',
    '--=_report_boundary',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `This is an aggregate report from ${report.reporter}.`,
    '',
    '--=_report_boundary',
    `Content-Type: ${attachment.type}; name="${attachment.name}"`,
    `Content-Disposition: attachment; filename="${attachment.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '--=_report_boundary--',
    '',
  ].join('\r\n');
}

/** How {@link wrapReport} packs a report. */
export type Wrapping = 'xml' | 'gz' | 'zip' | 'eml-gz' | 'eml-zip';

/** The wrappings in rotation, as a mixed inbox has them. */
export const WRAPPINGS: Wrapping[] = ['xml', 'gz', 'zip', 'eml-gz', 'eml-zip'];

/** One report as a file: its name and bytes. */
export function wrapReport(report: GeneratedReport, wrapping: Wrapping): { name: string; data: Buffer } {
  const xml = Buffer.from(report.xml, 'utf8');
  const base = report.fileName.replace(/\.xml$/, '');
  switch (wrapping) {
    case 'xml':
      return { name: report.fileName, data: xml };
    case 'gz':
      return { name: `${report.fileName}.gz`, data: gzipSync(xml) };
    case 'zip':
      return { name: `${base}.zip`, data: zipFiles([{ name: report.fileName, data: xml }]) };
    case 'eml-gz':
      return {
        name: `${base}.eml`,
        data: Buffer.from(
          reportMessage(report, {
            name: `${report.fileName}.gz`,
            type: 'application/gzip',
            data: gzipSync(xml),
          }),
        ),
      };
    case 'eml-zip':
      return {
        name: `${base}-zip.eml`,
        data: Buffer.from(
          reportMessage(report, {
            name: `${base}.zip`,
            type: 'application/zip',
            data: zipFiles([{ name: report.fileName, data: xml }]),
          }),
        ),
      };
  }
}

/** An mbox (RFC 4155) of report messages, each attachment gzip. */
export function reportMbox(reports: GeneratedReport[]): Buffer {
  const parts: string[] = [];
  for (const r of reports) {
    const msg = reportMessage(r, {
      name: `${r.fileName}.gz`,
      type: 'application/gzip',
      data: gzipSync(r.xml),
    });
    parts.push(`From dmarc-noreply@receiver.example ${new Date(r.end * 1000).toUTCString()}\n`);
    parts.push(msg.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1'), '\n');
  }
  return Buffer.from(parts.join(''));
}
