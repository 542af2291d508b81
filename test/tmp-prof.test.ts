import { it } from 'vitest';
import { extractAuthorDomain } from '../src/dmarc/author.js';
import { parseReceived } from '../src/message/envelope.js';
import { parsePolicy } from '../src/policy/load.js';

it('p', () => {
  for (const n of [5000, 10000, 20000]) {
    let t = performance.now();
    extractAuthorDomain([']'.repeat(n)]);
    console.log('from ]', n, (performance.now() - t).toFixed(0));
    t = performance.now();
    try {
      parsePolicy(']'.repeat(n));
    } catch {}
    console.log('policy ]', n, (performance.now() - t).toFixed(0));
    t = performance.now();
    parseReceived(')'.repeat(n));
    console.log('received )', n, (performance.now() - t).toFixed(0));
  }
});
