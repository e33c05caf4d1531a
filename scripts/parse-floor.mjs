// The parse floor of `npm run bench`: what linting a repository costs at the least. Walks the root as shipready
// does (no node_modules, no .git), reads every file of a kind shipready reads and parses it with the library and
// the options shipready uses: Dockerfiles with dockerfile-ast, YAML with yaml's parseAllDocuments and a line
// counter, package.json with JSON.parse, JavaScript and TypeScript with @babel/parser, env files line by line.
// Nothing else: no model, no rule, no report. Prints the number of files it parsed.
//
// Usage: node scripts/parse-floor.mjs <root>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as babelParse } from '@babel/parser';
import { DockerfileParser } from 'dockerfile-ast';
import { LineCounter, parseAllDocuments } from 'yaml';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const BABEL_OPTIONS = {
  sourceType: 'unambiguous',
    attachComment: false,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowUndeclaredExports: true,
};

/** Babel as shipready calls it: the plugin sets in turn, then the same with error recovery. */
function parseScript(text, pluginSets) {
  for (const errorRecovery of [false, true]) {
    for (const plugins of pluginSets) {
      try {
        return babelParse(text, { ...BABEL_OPTIONS, errorRecovery, plugins });
      } catch {}
    }
  }
  return undefined;
}

/** The parse of one file by its name; undefined for a kind shipready only reads (lockfiles, Markdown). */
function parserFor(name) {
  if (name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.')) return (text) => DockerfileParser.parse(text);
  if (/\.ya?ml$/.test(name)) return (text) => parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, lineCounter: new LineCounter() });
  if (name === 'package.json') {
    return (text) => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    };
  }
  if (/\.[cm]?tsx?$/.test(name) && !name.endsWith('.d.ts')) {
    const jsx = name.endsWith('x') ? ['jsx'] : [];
    return (text) => parseScript(text, [['typescript', ...jsx, 'decorators-legacy'], ['typescript', ...jsx, 'decorators']]);
  }
  if (/\.[cm]?jsx?$/.test(name)) return (text) => parseScript(text, [['jsx', 'decorators-legacy'], ['jsx', 'flow', 'decorators-legacy']]);
  if (name === '.env' || name.startsWith('.env.')) return (text) => text.split('\n').map((line) => line.split('='));
  return undefined;
}

const READ_ONLY = /^(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|\.dockerignore|\.gitignore|.*\.md)$/;

let parsed = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      continue;
    }
    if (!entry.isFile()) continue;
    const parse = parserFor(entry.name);
    if (!parse && !READ_ONLY.test(entry.name)) continue;
    const text = readFileSync(path, 'utf8');
    if (parse) {
      parse(text);
      parsed++;
    }
  }
}

walk(process.argv[2] ?? '.');
process.stdout.write(`${parsed}\n`);
