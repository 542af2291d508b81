import { it } from 'vitest';
import { runSuite } from './suite.js';
import { suiteResolver } from './suite-resolver.js';
it('debug', async () => {
  const file = process.env.SUITE ?? '/work/shared/conformance/spf/rfc7208-tests.yml';
  const out = await runSuite(file, (z) => suiteResolver(z));
  let ok = 0;
  for (const o of out) {
    if (o.ok) ok++;
    if (!o.ok || !o.preferred || process.env.ALL) console.log(o.ok ? 'OK ' : 'BAD', o.id, '|', o.expected.join('/'), 'got', o.actual, '|', o.explanationExpected ?? '', '|', o.explanationActual ?? '', '|', o.problem ?? '');
  }
  console.log(`${ok}/${out.length}`);
});
