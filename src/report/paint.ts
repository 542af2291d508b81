/**
 * The one painter of text output: ANSI styles when colour is wanted, plain text otherwise. Every text renderer
 * (domain reports, batch summaries, `spf`, `dmarc`, `verify`) colours through {@link painter}, so `--no-color`,
 * `NO_COLOR` and a pipe mean the same thing everywhere. Untrusted text must be escaped before it is painted.
 *
 * @module
 */

import type { Severity } from '../findings/finding.js';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
} as const;

/** A text style. */
export type Style = Exclude<keyof typeof ANSI, 'reset'>;

/** Paints `text` with `styles` (all of them, in order); returns `text` unchanged without colour or styles. */
export type Paint = (text: string, ...styles: Style[]) => string;

/** The painter for `color`: ANSI escape sequences when true, plain text when false. */
export function painter(color: boolean): Paint {
  return (text, ...styles) =>
    color && styles.length > 0 ? `${styles.map((s) => ANSI[s]).join('')}${text}${ANSI.reset}` : text;
}

/** The colour of each finding severity. */
export const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
};

/**
 * The colour of an authentication result (SPF, DKIM, DMARC, ARC: RFC 8601 §2.7): pass green, failures red,
 * softfail and neutral yellow, temperror magenta, anything else (none) cyan.
 */
export function resultStyle(result: string): Style {
  switch (result) {
    case 'pass':
      return 'green';
    case 'fail':
    case 'permerror':
    case 'policy':
      return 'red';
    case 'softfail':
    case 'neutral':
      return 'yellow';
    case 'temperror':
      return 'magenta';
    default:
      return 'cyan';
  }
}
