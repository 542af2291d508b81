/** Structural checks of rendered Markdown used by the renderer and Action tests. */

/** Removes code spans (any backtick fence length) from a line of Markdown. */
export function stripCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] === '`') {
      let n = 0;
      while (line[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      let j = i + n;
      let close = -1;
      while (j < line.length) {
        const k = line.indexOf(fence, j);
        if (k < 0) break;
        if (line[k + n] !== '`' && line[k - 1] !== '`') {
          close = k;
          break;
        }
        j = k + 1;
      }
      if (close < 0) {
        out += line.slice(i, i + n);
        i += n;
        continue;
      }
      out += 'CODE';
      i = close + n;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

/** Number of cell separators (unescaped `|`) in a table row. */
export function pipeCount(row: string): number {
  return (row.replace(/\\./g, '').match(/\|/g) ?? []).length;
}

/**
 * Problems in rendered Markdown: a table row whose cell count differs from its header, a line that is a workflow
 * command, raw HTML, raw control characters, or hostile DNS text (emphasis, links, workflow commands) outside a
 * code span.
 */
export function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  let header = -1;
  for (const [n, line] of md.split('\n').entries()) {
    if (/^\s*::/.test(line)) problems.push(`line ${n + 1} is a workflow command: ${line}`);
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line))
      problems.push(`line ${n + 1} has a control character`);
    const text = stripCodeSpans(line);
    if (/<(?!\/?(details|summary)>)[a-z!/]/i.test(text)) problems.push(`line ${n + 1} has raw HTML: ${line}`);
    for (const hostile of ['**bold**', '[l](', '::error::', '::add-mask::', '::stop-commands::', '##[']) {
      if (text.includes(hostile))
        problems.push(`line ${n + 1} has "${hostile}" outside a code span: ${line}`);
    }
    if (line.startsWith('|')) {
      const pipes = pipeCount(text);
      if (header < 0) header = pipes;
      else if (pipes !== header)
        problems.push(`line ${n + 1} has ${pipes} cell separators, the header ${header}: ${line}`);
    } else {
      header = -1;
    }
  }
  return problems;
}
