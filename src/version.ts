import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
export const DOCS_BASE = 'https://github.com/shipready/shipready/blob/main/docs/rules';

export function helpUri(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
