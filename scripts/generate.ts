/** Regenerates rules/index.ts, docs/rules, the README rule table and the README action table (from action.yml). */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACTION_END, ACTION_START, withActionTable } from './action-docs.ts';
import { allMetas, DOCS_DIR, README_END, README_START, readmeTable, renderDocs, withReadmeTable } from './docs.ts';
import { indexSource, loadRuleFolders, ruleFolders } from './rule-folders.ts';

const ids = ruleFolders('rules');
writeFileSync('rules/index.ts', indexSource(ids));
console.log(`rules/index.ts: ${ids.length} rules`);

const rules = (await loadRuleFolders('rules', ids)).map((r) => r.rule);
const docs = await renderDocs(rules);
rmSync(DOCS_DIR, { recursive: true, force: true }); // pages of removed rules go too
for (const [path, text] of docs) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
console.log(`${DOCS_DIR}: ${docs.size} pages`);

const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : undefined;
const updated = readme === undefined ? undefined : withReadmeTable(readme, readmeTable(allMetas(rules)));
if (updated === undefined) {
  // test/meta.test.ts fails on this; the rest of the generation is still worth having.
  console.warn(`README.md: no rule table written: add ${README_START} and ${README_END} where it belongs`);
} else {
  writeFileSync('README.md', updated);
  console.log('README.md: rule table');
}

// Read again: the rule table above may just have changed it.
const readmeNow = existsSync('README.md') ? readFileSync('README.md', 'utf8') : undefined;
const withAction = readmeNow === undefined ? undefined : withActionTable(readmeNow, readFileSync('action.yml', 'utf8'));
if (withAction === undefined) {
  // test/action.test.ts fails on this.
  console.warn(`README.md: no action table written: add ${ACTION_START} and ${ACTION_END} where it belongs`);
} else {
  writeFileSync('README.md', withAction);
  console.log('README.md: action inputs and outputs');
}
