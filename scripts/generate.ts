/** Regenerates rules/index.ts (and, through docs.ts, docs/rules and the README rule table). */
import { writeFileSync } from 'node:fs';
import { ruleFolders, indexSource } from './rule-folders.ts';

const ids = ruleFolders('rules');
writeFileSync('rules/index.ts', indexSource(ids));
console.log(`rules/index.ts: ${ids.length} rules`);
