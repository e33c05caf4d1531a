import { createRequire } from 'node:module';

/** Replaced at bundle time (scripts/build.mjs) so dist/ does not carry package.json; read from it in tests. */
declare const SHIPREADY_VERSION: string | undefined;

export const VERSION: string =
  typeof SHIPREADY_VERSION === 'string' ? SHIPREADY_VERSION : (createRequire(import.meta.url)('../package.json') as { version: string }).version;
export const DOCS_BASE = 'https://github.com/shipready/shipready/blob/main/docs/rules';

export function helpUri(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
