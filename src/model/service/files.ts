/**
 * Which files make up a package's code: its entry points (main, bin, exports and what `start` runs, with the source
 * counterparts of build output), its usual source folders, and how a module specifier resolves to one of its files.
 * Build output, dependencies, tests, fixtures and examples are never its code.
 */
import type { PackageJson } from '../../parsers/package-json.ts';
import { nameExclusion, pathExclusion } from '../evidence.ts';
import { commandsReached, isDevelopmentScript } from '../package-commands.ts';

/** Build output and installed dependencies: never the service's own source. */
const BUILD_OUTPUT_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit']);
const SOURCE_FOLDERS = ['src', 'lib', 'app', 'server'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib']);
/** Bounds the files one package contributes, whatever its import graph looks like. */
export const MAX_FILES_PER_PACKAGE = 2000;

/** True for paths in build output and dependencies, and for tests, fixtures, examples and build-tool config (src/model/evidence.ts). */
export function isExcludedPath(path: string): boolean {
  const segments = path.split('/');
  segments.pop();
  return segments.some((s) => BUILD_OUTPUT_DIRS.has(s)) || pathExclusion(path, 'source') !== undefined || nameExclusion(path, 'source') !== undefined;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function inDir(dir: string, rel: string): string {
  return normalise(dir === '' ? rel : `${dir}/${rel}`);
}

/** A module specifier or entry path → the source file it names, trying extensions, index files and TS's `.js` → `.ts`. */
export function resolveFile(path: string, has: (p: string) => boolean): string | undefined {
  const candidates = [path];
  const stem = path.replace(/\.[cm]?jsx?$/, '');
  if (stem !== path) candidates.push(...EXTENSIONS.map((e) => stem + e));
  candidates.push(...EXTENSIONS.map((e) => path + e), ...EXTENSIONS.map((e) => `${path}/index${e}`));
  return candidates.find((c) => has(c) && !isExcludedPath(c));
}

/** `dist/server.js` → `src/server.ts`, `server.ts`: the source counterpart of a build output path. */
function sourceCounterparts(rel: string): string[] {
  const [first, ...rest] = rel.split('/');
  if (!first || !BUILD_DIRS.has(first) || rest.length === 0) return [];
  const tail = rest[0] === 'src' ? rest.slice(1).join('/') : rest.join('/');
  return [`src/${tail}`, tail];
}

function exportTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (!value.endsWith('.d.ts') && !value.includes('*')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) exportTargets(v, out);
  else if (value && typeof value === 'object') {
    for (const [condition, v] of Object.entries(value)) if (condition !== 'types') exportTargets(v, out);
  }
}

/** The files a package's `start` script runs: `node dist/server.js`, `tsx src/index.ts`, `node .`. */
function startScriptFiles(commands: readonly string[][] = []): string[] {
  const out: string[] = [];
  for (const words of commands) {
    words.forEach((word, i) => {
      if (/^[\w./@-]+\.[cm]?[jt]sx?$/.test(word) && !word.startsWith('-')) out.push(word);
      else if ((word === '.' || word === 'dist' || word === 'build' || /^(?:\.\/)?bin\/www$/.test(word)) && /node$/.test(words[i - 1] ?? '')) out.push(word);
    });
  }
  return out;
}

/** Entry points declared by package.json: main (or index), bin, exports, and what `start` runs. */
function entryPaths(pkg: PackageJson): string[] {
  const out: string[] = [];
  out.push(pkg.main ?? 'index');
  out.push(...Object.values(pkg.bin));
  exportTargets(pkg.exports, out);
  // `"start": "npm run start-server"` → `"start-server": "node server/server.js"`: the files the scripts it runs name too.
  const reached = (pkg.scriptCommands.start ?? []).flatMap((argv) => commandsReached(argv, pkg, { packages: [] }).map((c) => [...c.argv]));
  for (const file of startScriptFiles(reached)) out.push(file === '.' ? (pkg.main ?? 'index') : file);
  return out;
}

/** The files a package ships: its entry points and its source folders, among `ownFiles` (the package's own source files). */
export function packageSources(pkg: PackageJson, ownFiles: readonly string[], containerEntries: readonly string[] = []): string[] {
  const own = new Set(ownFiles);
  const ownFile = (path: string) => own.has(path) && !isExcludedPath(path);
  const seeds: string[] = [];
  const fromContainers = containerEntries.map((path) => (pkg.dir === '' ? path : path.slice(pkg.dir.length + 1)));
  for (const entry of [...entryPaths(pkg), ...fromContainers]) {
    const rel = normalise(entry);
    for (const candidate of [rel, ...sourceCounterparts(rel)]) {
      const found = resolveFile(inDir(pkg.dir, candidate), ownFile);
      if (found) {
        seeds.push(found);
        break;
      }
    }
  }
  // A file only development scripts run (`"dev": "tsx watch src/server-dev.ts"`) is no seed; an import brings it back.
  const developmentOnly = new Set<string>();
  for (const [name, commands] of Object.entries(pkg.scriptCommands)) {
    if (!isDevelopmentScript(name)) continue;
    for (const file of startScriptFiles(commands)) {
      const found = resolveFile(inDir(pkg.dir, normalise(file)), ownFile);
      if (found && !seeds.includes(found)) developmentOnly.add(found);
    }
  }
  // Source folders are seeded whole for what no import reaches (routes loaded by a framework); when an entry lies in
  // one of them (`server/server.js`), only those: a sibling `src/` of the browser build comes in only by import.
  const allFolders = SOURCE_FOLDERS.map((f) => `${inDir(pkg.dir, f)}/`);
  const entered = allFolders.filter((f) => seeds.some((seed) => seed.startsWith(f)));
  const folders = entered.length > 0 ? entered : allFolders;
  for (const path of ownFiles) if (folders.some((f) => path.startsWith(f)) && ownFile(path) && !developmentOnly.has(path)) seeds.push(path);
  return [...new Set(seeds)].sort();
}
