/**
 * The Action's fallback location for SARIF results that nothing in the repository is about: the running workflow
 * file (the locator itself is `policy/locate.ts`, shared with the CLI).
 *
 * @module
 */

/** The running workflow file (from `GITHUB_WORKFLOW_REF`, `owner/repo/.github/workflows/x.yml@ref`), line 1. */
export function workflowFile(
  ref = process.env.GITHUB_WORKFLOW_REF,
): { file: string; line: number } | undefined {
  const m = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null;
  return m?.[1] ? { file: m[1], line: 1 } : undefined;
}
