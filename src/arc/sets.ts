/**
 * The ARC header fields of a message (RFC 8617 §4.1), read once from the message model and grouped into ARC
 * sets by instance (§4.2.1): each ARC-Seal and ARC-Message-Signature parsed as a tag-list (RFC 6376 §3.2), each
 * ARC-Authentication-Results read for its leading `i=N;`.
 *
 * @module
 */

import type { HeaderField, MessageHeaderSection } from '../mail/message.js';
import { parseTagList, splitColonList, stripFws, type TagList } from '../mail/tag-list.js';
import { parseAuthResultsValue } from './aar.js';

/** RFC 8617 §4.2.1: instance values range from 1 to 50. */
export const MAX_ARC_SETS = 50;

/** The three header fields of an ARC set, by their lower-case names. */
export type ArcFieldKey = 'arc-seal' | 'arc-message-signature' | 'arc-authentication-results';

/** One ARC header field as read. */
export interface ArcField {
  key: ArcFieldKey;
  field: HeaderField;
  /** The instance `i=` (for ARC-Authentication-Results: the leading `i=N;`). */
  instance: number;
  /** The tag-list (ARC-Seal, ARC-Message-Signature). */
  tags?: TagList;
}

/** The fields of one instance; a key holding more than one field makes the chain invalid. */
export interface ArcInstanceFields {
  instance: number;
  fields: Map<ArcFieldKey, ArcField[]>;
}

/** RFC 8617 §4.2.1 instance: 1*2DIGIT (1 to 50; a longer or other value is not an instance). */
const INSTANCE = /^[0-9]{1,2}$/;

/** The instance written in an ARC header field, or undefined when it has none that is valid. */
function instanceOf(key: ArcFieldKey, field: HeaderField, tags: TagList | undefined): number | undefined {
  if (key === 'arc-authentication-results') {
    const parsed = parseAuthResultsValue(field.value);
    return parsed.instance !== undefined && parsed.instance >= 1 ? parsed.instance : undefined;
  }
  const i = tags?.map.get('i');
  if (i === undefined || !INSTANCE.test(i)) return undefined;
  const n = Number(i);
  return n >= 1 ? n : undefined;
}

const KEYS: readonly ArcFieldKey[] = ['arc-seal', 'arc-message-signature', 'arc-authentication-results'];

/**
 * Groups the ARC header fields by instance, oldest first. Fields without a valid instance are returned apart
 * (`unnumbered`): a chain that has them is not valid.
 */
export function collectArcFields(header: MessageHeaderSection): {
  instances: ArcInstanceFields[];
  unnumbered: ArcField[];
} {
  const byInstance = new Map<number, ArcInstanceFields>();
  const unnumbered: ArcField[] = [];
  for (const key of KEYS) {
    for (const field of header.all(key)) {
      const tags = key === 'arc-authentication-results' ? undefined : parseTagList(field.value);
      const instance = instanceOf(key, field, tags);
      const f: ArcField = { key, field, instance: instance ?? 0 };
      if (tags) f.tags = tags;
      if (instance === undefined) {
        unnumbered.push(f);
        continue;
      }
      let set = byInstance.get(instance);
      if (!set) {
        set = { instance, fields: new Map() };
        byInstance.set(instance, set);
      }
      const list = set.fields.get(key);
      if (list) list.push(f);
      else set.fields.set(key, [f]);
    }
  }
  return { instances: [...byInstance.values()].sort((a, b) => a.instance - b.instance), unnumbered };
}

/** An ARC-Message-Signature's tags, interpreted (RFC 8617 §4.1.2: the DKIM-Signature tags, `i=` the instance). */
export interface ArcMessageSignatureTags {
  algorithm: string;
  keyAlgorithm: string;
  hashAlgorithm: string;
  headerCanon: string;
  bodyCanon: string;
  /** `h=` names as written. */
  signedHeaders: string[];
  bodyHash: string;
  signature: string;
  sdid: string;
  selector: string;
  bodyLength?: number;
}

/** Splits `a=` into its key and hash parts. */
export function splitAlgorithm(a: string): {
  algorithm: string;
  keyAlgorithm: string;
  hashAlgorithm: string;
} {
  const algorithm = a.toLowerCase();
  const dash = algorithm.indexOf('-');
  return {
    algorithm,
    keyAlgorithm: dash < 0 ? algorithm : algorithm.slice(0, dash),
    hashAlgorithm: dash < 0 ? '' : algorithm.slice(dash + 1),
  };
}

/** Reads an ARC-Message-Signature's tags (after the required tags were checked). */
export function amsTags(tags: TagList): ArcMessageSignatureTags {
  const get = (n: string) => tags.map.get(n) ?? '';
  const c = get('c').toLowerCase();
  const [hc, bc] = c === '' ? ['simple', 'simple'] : c.split('/');
  const l = tags.map.get('l');
  const out: ArcMessageSignatureTags = {
    ...splitAlgorithm(get('a')),
    headerCanon: (hc ?? '').trim(),
    bodyCanon: (bc ?? 'simple').trim(),
    signedHeaders: splitColonList(get('h')),
    bodyHash: stripFws(get('bh')),
    signature: stripFws(get('b')),
    sdid: get('d').toLowerCase().replace(/\.$/, ''),
    selector: get('s'),
  };
  if (l !== undefined && /^[0-9]{1,76}$/.test(l)) out.bodyLength = Number(l);
  return out;
}
