import { describe, expect, it } from 'vitest';
import { effectivePolicy } from '../../src/dmarc/effective.js';
import { parseDmarcRecord, parseReportingUri } from '../../src/dmarc/record.js';

const ids = (text: string) => parseDmarcRecord(text).findings.map((f) => f.id);

describe('parseDmarcRecord: RFC 9989 Appendix B records', () => {
  it('B.2.5 (subdomain, testing, two aggregate URIs), as the zone file joins it', () => {
    // The three character-strings of the B.2.5 zone entry, joined (RFC 9989 §4.5).
    const text =
      'v=DMARC1; p=quarantine; ' +
      'rua=mailto:dmarc-feedback@example.com,' +
      'mailto:tld-test@thirdparty.example.net; ' +
      't=y';
    const r = parseDmarcRecord(text);
    expect(r.isDmarc).toBe(true);
    expect(r.tags.map((t) => t.name)).toEqual(['v', 'p', 'rua', 't']);
    expect(r.published.p).toBe('quarantine');
    expect(r.published.rua?.map((u) => u.domain)).toEqual(['example.com', 'thirdparty.example.net']);
    expect(r.published.rua?.map((u) => u.address)).toEqual([
      'dmarc-feedback@example.com',
      'tld-test@thirdparty.example.net',
    ]);
    expect(r.effective).toMatchObject({ p: 'quarantine', sp: 'quarantine', np: 'quarantine', testing: true });
    expect(r.findings.map((f) => f.id)).toEqual(['dmarc.testing']);
    // positions point into the text
    const t = r.tags[3]!;
    expect(text.slice(t.position.offset, t.position.offset + t.position.length)).toBe('t=y');
    const rua = r.published.rua![1]!;
    expect(text.slice(rua.position.offset, rua.position.offset + rua.position.length)).toBe(
      'mailto:tld-test@thirdparty.example.net',
    );
  });

  it('B.2.1 monitoring mode: p=none is a warning, defaults applied', () => {
    const r = parseDmarcRecord('v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com');
    expect(r.effective).toMatchObject({
      p: 'none',
      sp: 'none',
      np: 'none',
      adkim: 'r',
      aspf: 'r',
      psd: 'u',
      testing: false,
      pct: 100,
      fo: ['0'],
      policyBasis: 'published',
    });
    expect(r.findings.map((f) => f.id)).toEqual(['dmarc.policy-none']);
  });

  it("OpenDMARC's gushi.org record: historic rf, sp=reject stronger than p", () => {
    const r = parseDmarcRecord('v=DMARC1; p=none; adkim=r; aspf=r; rf=afrf; sp=reject;');
    expect(r.published).toMatchObject({ p: 'none', sp: 'reject', adkim: 'r', aspf: 'r', rf: ['afrf'] });
    expect(r.effective).toMatchObject({ p: 'none', sp: 'reject', np: 'reject' });
    expect(ids('v=DMARC1; p=none; adkim=r; aspf=r; rf=afrf; sp=reject;').sort()).toEqual([
      'dmarc.historic-tag',
      'dmarc.no-rua',
      'dmarc.policy-none',
    ]);
  });
});

describe('parseDmarcRecord: version tag (RFC 9989 §4.7 v)', () => {
  it('v must come first', () => {
    const r = parseDmarcRecord('p=reject; v=DMARC1');
    expect(r.isDmarc).toBe(false);
    expect(r.effective).toBeNull();
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ id: 'dmarc.not-dmarc-record', severity: 'error' });
    expect(r.findings[0]!.message).toContain('must be the first tag');
  });
  it('the value is case-sensitive, the name is not', () => {
    expect(parseDmarcRecord('v=dmarc1; p=reject').isDmarc).toBe(false);
    expect(parseDmarcRecord('v=dmarc1; p=reject').findings[0]!.message).toContain("exactly 'DMARC1'");
    expect(parseDmarcRecord('V=DMARC1; p=reject').isDmarc).toBe(true);
    expect(parseDmarcRecord('v=DMARC10; p=reject').isDmarc).toBe(false);
    expect(parseDmarcRecord('v=DMARC1p=reject').isDmarc).toBe(false);
    expect(parseDmarcRecord('v=spf1 -all').isDmarc).toBe(false);
  });
  it('white space around "=" and ";" is allowed (RFC 9989 §4.8 equals, dmarc-sep)', () => {
    const r = parseDmarcRecord('  v = DMARC1 ;p =  reject ;  ');
    expect(r.isDmarc).toBe(true);
    expect(r.published.p).toBe('reject');
    const p = r.tags[1]!;
    expect(p.valuePosition).toEqual({ offset: 19, length: 6 });
  });
  it('a lone v=DMARC1 gets no DMARC processing (no p, no rua)', () => {
    const r = parseDmarcRecord('v=DMARC1');
    expect(r.isDmarc).toBe(true);
    expect(r.effective).toBeNull();
    expect(r.findings.map((f) => f.id)).toContain('dmarc.record-unusable');
  });
});

describe('parseDmarcRecord: tags and values', () => {
  it('unknown tags are ignored with an info finding', () => {
    const r = parseDmarcRecord('v=DMARC1; p=reject; foo=bar; rua=mailto:d@example.com');
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['dmarc.unknown-tag', 'info']]);
    expect(r.effective?.p).toBe('reject');
  });
  it('a duplicate tag is an error; the first occurrence is used', () => {
    const r = parseDmarcRecord('v=DMARC1; p=none; p=reject; rua=mailto:d@example.com');
    expect(r.findings.map((f) => f.id)).toContain('dmarc.duplicate-tag');
    expect(r.published.p).toBe('none');
    const dup = r.findings.find((f) => f.id === 'dmarc.duplicate-tag')!;
    expect(dup.evidence?.position).toEqual({ offset: 18, length: 8 });
    expect(parseDmarcRecord('v=DMARC1; p=none; v=DMARC1').findings.map((f) => f.id)).toContain(
      'dmarc.duplicate-tag',
    );
  });
  it('tag names in upper case are accepted with an info finding', () => {
    const r = parseDmarcRecord('v=DMARC1; P=Reject; rua=mailto:d@example.com');
    expect(r.published.p).toBe('reject');
    expect(r.findings.map((f) => f.id)).toEqual(['dmarc.tag-case']);
  });
  it('invalid values fall back to defaults (RFC 9989 §4.8)', () => {
    const r = parseDmarcRecord(
      'v=DMARC1; p=reject; adkim=x; aspf=strict; psd=maybe; t=yes; rua=mailto:d@example.com',
    );
    expect(r.invalidTags).toEqual(['adkim', 'aspf', 'psd', 't']);
    expect(r.effective).toMatchObject({ p: 'reject', adkim: 'r', aspf: 'r', psd: 'u', testing: false });
    expect(r.findings.filter((f) => f.id === 'dmarc.invalid-value')).toHaveLength(4);
  });
  it('np falls back to sp, sp to p', () => {
    expect(parseDmarcRecord('v=DMARC1; p=reject; sp=quarantine').effective).toMatchObject({
      p: 'reject',
      sp: 'quarantine',
      np: 'quarantine',
    });
    expect(parseDmarcRecord('v=DMARC1; p=quarantine; np=reject').effective).toMatchObject({
      sp: 'quarantine',
      np: 'reject',
    });
  });
  it('sp or np weaker than the policy above them is a warning', () => {
    expect(ids('v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com')).toEqual([
      'dmarc.subdomain-policy-weaker',
    ]);
    expect(ids('v=DMARC1; p=reject; np=quarantine; rua=mailto:d@example.com')).toEqual(['dmarc.np-weaker']);
    expect(ids('v=DMARC1; p=reject; sp=reject; np=reject; rua=mailto:d@example.com')).toEqual([]);
  });
  it('fo: 0 and 1 are exclusive; fo without ruf is ignored', () => {
    expect(parseDmarcRecord('v=DMARC1; p=none; fo=0:1').invalidTags).toEqual(['fo']);
    expect(parseDmarcRecord('v=DMARC1; p=none; fo=1:d:s').published.fo).toEqual(['1', 'd', 's']);
    expect(ids('v=DMARC1; p=reject; fo=1; rua=mailto:d@example.com')).toEqual(['dmarc.fo-ignored']);
    expect(ids('v=DMARC1; p=reject; fo=1; rua=mailto:d@example.com; ruf=mailto:f@example.com')).toEqual([]);
  });
  it('an empty value is invalid (1*dmarc-value)', () => {
    expect(parseDmarcRecord('v=DMARC1; p=; rua=mailto:d@example.com').invalidTags).toEqual(['p']);
  });
  it('a part that is not name=value is a syntax warning', () => {
    expect(ids('v=DMARC1; p=reject; reject; rua=mailto:d@example.com')).toEqual(['dmarc.syntax']);
    expect(ids('v=DMARC1; p=reject; 1x=y; rua=mailto:d@example.com')).toEqual(['dmarc.syntax']);
  });
  it('psd=y is declared', () => {
    expect(ids('v=DMARC1; p=reject; psd=y; rua=mailto:d@example.com')).toEqual(['dmarc.psd-declared']);
  });
});

describe('the RFC 9989 §4.10.1 p=none fallback', () => {
  it('no valid p but a valid rua: acts as p=none', () => {
    const r = parseDmarcRecord('v=DMARC1; p=block; rua=mailto:d@example.com');
    expect(r.effective).toMatchObject({ p: 'none', sp: 'none', np: 'none', policyBasis: 'p-none-fallback' });
    expect(r.findings.map((f) => f.id)).toEqual(['dmarc.invalid-value', 'dmarc.policy-missing']);
  });
  it('an invalid sp or np with a valid rua: acts as p=none', () => {
    expect(parseDmarcRecord('v=DMARC1; p=reject; sp=bad; rua=mailto:d@example.com').effective?.p).toBe(
      'none',
    );
    expect(parseDmarcRecord('v=DMARC1; p=reject; np=bad; rua=mailto:d@example.com').effective?.p).toBe(
      'none',
    );
  });
  it('no valid policy and no valid rua: no DMARC processing', () => {
    const r = parseDmarcRecord('v=DMARC1; sp=reject; rua=dmarc@example.com');
    expect(r.effective).toBeNull();
    expect(r.findings.map((f) => f.id)).toEqual([
      'dmarc.invalid-uri',
      'dmarc.record-unusable',
      'dmarc.no-rua',
    ]);
  });
});

describe('effectivePolicy per mode', () => {
  it('RFC 7489 has pct and no np, psd or t', () => {
    const r = parseDmarcRecord('v=DMARC1; p=reject; sp=quarantine; np=none; psd=n; t=y; pct=25');
    expect(effectivePolicy(r, '9989')).toMatchObject({ np: 'none', psd: 'n', testing: true, pct: 100 });
    expect(effectivePolicy(r, '7489')).toMatchObject({ np: 'quarantine', psd: 'u', testing: false, pct: 25 });
    expect(r.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['dmarc.historic-tag', 'dmarc.pct-partial', 'dmarc.testing', 'dmarc.np-weaker']),
    );
  });
  it('an invalid np only matters to RFC 9989 receivers', () => {
    const r = parseDmarcRecord('v=DMARC1; p=reject; np=bogus');
    expect(effectivePolicy(r, '9989')).toBeNull();
    expect(effectivePolicy(r, '7489')).toMatchObject({ p: 'reject', sp: 'reject' });
  });
});

describe('reporting URIs (RFC 9989 §4.8 dmarc-uri)', () => {
  it('mailto with an obsolete size limit', () => {
    const u = parseReportingUri('mailto:reports@example.com!10m');
    expect(u).toMatchObject({
      valid: true,
      scheme: 'mailto',
      uri: 'mailto:reports@example.com',
      sizeLimit: '10m',
    });
    expect(ids('v=DMARC1; p=reject; rua=mailto:reports@example.com!10m')).toEqual(['dmarc.uri-size-limit']);
  });
  it('a bare address is not a URI', () => {
    expect(parseReportingUri('reports@example.com')).toMatchObject({ valid: false });
    expect(parseReportingUri('reports@example.com').problem).toContain('mailto:');
  });
  it('percent-encoded addresses are decoded; raw "!" is rejected', () => {
    expect(parseReportingUri('mailto:dmarc%2Breports@EXAMPLE.com')).toMatchObject({
      valid: true,
      address: 'dmarc+reports@EXAMPLE.com',
      domain: 'example.com',
    });
    expect(parseReportingUri('mailto:a!b@example.com!x').valid).toBe(false);
    expect(parseReportingUri('mailto:noat').valid).toBe(false);
    expect(parseReportingUri('mailto:a@exa mple.com').valid).toBe(false);
  });
  it('non-mailto schemes are valid, with an info finding', () => {
    expect(ids('v=DMARC1; p=reject; rua=https://reports.example.com/dmarc')).toEqual(['dmarc.uri-scheme']);
  });
  it('more than two URIs is a warning', () => {
    const r = parseDmarcRecord(
      'v=DMARC1; p=reject; rua=mailto:a@example.com, mailto:b@example.com ,mailto:c@example.com',
    );
    expect(r.published.rua).toHaveLength(3);
    expect(r.findings.map((f) => f.id)).toEqual(['dmarc.too-many-uris']);
  });
  it('an empty URI in the list is invalid', () => {
    expect(ids('v=DMARC1; p=reject; rua=mailto:a@example.com,')).toEqual(['dmarc.invalid-uri']);
  });
});
