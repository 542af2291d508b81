/**
 * Turns a {@link DmarcEvaluation} into one plain-language sentence, e.g.
 * "DMARC fails: SPF passed for bounce.esp.example, not aligned with example.com (organizational domains
 * differ); DKIM d=esp.example passed but is not aligned (organizational domains differ); policy reject from
 * _dmarc.example.com".
 *
 * The text contains names from DNS and from the message: renderers escape it.
 *
 * @module
 */

import type { DmarcEvaluation, IdentifierAlignment } from './evaluate.js';

function why(a: IdentifierAlignment): string {
  switch (a.reason) {
    case 'identical':
      return 'identical';
    case 'same-organizational-domain':
      return `same organizational domain ${a.organizationalDomain ?? ''}`.trim();
    case 'organizational-domains-differ':
      return 'organizational domains differ';
    case 'strict-not-identical':
      return 'strict alignment requires the identical domain';
    case 'invalid-domain':
      return 'not a domain name';
    case 'dns-error':
      return `organizational domain unknown: DNS ${a.error?.kind ?? 'error'}`;
    case 'walk-limit':
      return 'not checked: Tree Walk limit reached';
    default:
      return a.detail;
  }
}

function spfText(a: IdentifierAlignment, author: string): string {
  const id = a.identity === 'helo' ? `${a.domain} (HELO, null MAIL FROM)` : a.domain;
  if (!a.authenticated) return `SPF ${a.result || 'none'} for ${id}`;
  if (a.aligned === true) return `SPF passed for ${id}, aligned with ${author} (${why(a)})`;
  if (a.aligned === null) return `SPF passed for ${id}, alignment with ${author} unknown (${why(a)})`;
  return `SPF passed for ${id}, not aligned with ${author} (${why(a)})`;
}

function dkimText(a: IdentifierAlignment): string {
  const id = `DKIM d=${a.domain}${a.selector ? ` s=${a.selector}` : ''}`;
  if (!a.authenticated) return `${id} ${a.result || 'none'}`;
  if (a.aligned === true) return `${id} passed and is aligned (${why(a)})`;
  if (a.aligned === null) return `${id} passed, alignment unknown (${why(a)})`;
  return `${id} passed but is not aligned (${why(a)})`;
}

function policyText(e: DmarcEvaluation): string {
  if (!e.policy) return '';
  let s = `policy ${e.policy} from ${e.recordName}`;
  if (e.discovery?.source === 'psd') s += ' (Public Suffix Domain policy)';
  if (e.policySource === 'sp')
    s += e.authorDomainExists === true ? ' (sp, existing subdomain)' : ' (sp, subdomain)';
  if (e.policySource === 'np') s += ' (np, non-existent subdomain)';
  if (e.result === 'fail') {
    if (e.testing && e.disposition !== e.policy) s += `; t=y: ${e.disposition} applied`;
    if (e.sampling) {
      s += e.sampling.selected
        ? `; pct=${e.sampling.pct}: sampled`
        : `; pct=${e.sampling.pct}: not sampled, ${e.disposition} applied`;
    }
  }
  return s;
}

function core(e: DmarcEvaluation): string {
  const author = e.authorDomain ?? '';
  switch (e.result) {
    case 'permerror':
      return `DMARC cannot be evaluated (permerror): ${e.reason ?? e.author.reason}`;
    case 'none': {
      if (e.author.status === 'domain-literal') return `No DMARC policy applies: ${e.author.reason}`;
      if (e.reason === 'record unusable') {
        return `No DMARC policy applies: the record at ${e.recordName} has no valid p= (or has an invalid sp=/np=) and no valid rua=, so it gets no DMARC processing`;
      }
      const d = e.discovery;
      if (d?.noRecordReason === 'multiple-records') {
        const names = d.lookups.filter((l) => l.outcome === 'multiple').map((l) => l.name);
        return `No DMARC policy for ${author}: several DMARC records at ${names.join(', ')} are all discarded${
          e.mode === '7489' ? ' (RFC 7489 §6.6.3 step 5)' : ''
        } and no other record applies`;
      }
      return `No DMARC policy for ${author}: no DMARC record found (asked ${d?.queries.join(', ') ?? 'nothing'})`;
    }
    case 'temperror': {
      const err = e.error ? `DNS ${e.error.kind} for ${e.error.name}` : 'a DNS error';
      if (!e.record) return `DMARC temperror: ${err}; the policy for ${author} cannot be determined`;
      return `DMARC temperror: ${e.reason ?? err} (${err}); no identifier is known to align; ${policyText(e)}`;
    }
    default: {
      const parts: string[] = [];
      parts.push(e.alignment.spf ? spfText(e.alignment.spf, author) : 'no SPF result');
      if (e.alignment.dkim.length === 0) parts.push('no DKIM signature');
      for (const d of e.alignment.dkim) parts.push(dkimText(d));
      parts.push(policyText(e));
      return `DMARC ${e.result === 'pass' ? 'passes' : 'fails'}: ${parts.join('; ')}`;
    }
  }
}

/** The explanation sentence for an evaluation (see the module description). */
export function explainEvaluation(e: DmarcEvaluation): string {
  let s = core(e);
  if (e.perAuthorDomain && e.perAuthorDomain.length > 1) {
    s = `Several Author Domains (${e.author.domains.join(', ')}), each evaluated and the strictest failing policy kept (RFC 9989 §11.5): ${s}`;
  }
  if (e.mode === '7489') s += ' [RFC 7489 mode]';
  return s;
}
