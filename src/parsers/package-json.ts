/** package.json → the facts rules need, with positions for every key (JSON pointer → Loc). */
import type { Loc, SourceFile } from '../types.ts';
import { type JsonWithPositions, parseJsonWithPositions } from './json.ts';
import { parseShell } from './shell.ts';

export interface PackageJson {
  file: string;
  /** Folder of the package, relative to the root ('' for the root). */
  dir: string;
  name?: string;
  main?: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  /** Each script's simple commands as argv words (quotes removed), read once here for every rule. */
  scriptCommands: Record<string, string[][]>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: Record<string, string>;
  /** Nx targets, from the package.json `nx` block and a project.json beside it (which wins): executor and commands. */
  targets: Record<string, NxTarget>;
  workspaces: string[];
  private: boolean;
  type?: string;
  /** The `exports` field as written. */
  exports?: unknown;
  json: JsonWithPositions;
  /** Location of the value at a JSON pointer, or of the whole file's first line when the key is absent. */
  at(pointer: string, options?: { key?: boolean }): Loc;
}

export interface NxTarget {
  executor?: string;
  /** The shell commands of `nx:run-commands` (`command`, `options.command`, `options.commands`) as argv words. */
  commands: string[][];
}

/** The targets of an Nx project configuration (`{ targets: { test: { executor, options: { command } } } }`). */
export function nxTargets(config: unknown): Record<string, NxTarget> {
  const targets = isObject(config) ? config.targets : undefined;
  if (!isObject(targets)) return {};
  const out: Record<string, NxTarget> = {};
  for (const [name, target] of Object.entries(targets)) {
    if (!isObject(target)) continue;
    const options = isObject(target.options) ? target.options : {};
    const listed = Array.isArray(options.commands) ? options.commands.map((c) => (isObject(c) ? c.command : c)) : [];
    const texts = [target.command, options.command, ...listed].filter((c): c is string => typeof c === 'string');
    out[name] = {
      executor: typeof target.executor === 'string' ? target.executor : undefined,
      commands: texts.flatMap((text) => parseShell(text).map((c) => c.words.map((w) => w.value))),
    };
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function parsePackageJson(source: SourceFile): PackageJson {
  const json = parseJsonWithPositions(source);
  const value = json.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw Object.assign(new Error('package.json must hold a JSON object'), { line: 1, column: 1 });
  const pkg = value as Record<string, unknown>;
  const slash = source.path.lastIndexOf('/');
  const bin = typeof pkg.bin === 'string' ? { [String(pkg.name ?? 'bin')]: pkg.bin } : stringRecord(pkg.bin);
  const workspacesField = pkg.workspaces;
  const workspaces = Array.isArray(workspacesField)
    ? workspacesField.filter((w): w is string => typeof w === 'string')
    : Array.isArray((workspacesField as { packages?: unknown })?.packages)
      ? ((workspacesField as { packages: unknown[] }).packages.filter((w) => typeof w === 'string') as string[])
      : [];
  const scripts = stringRecord(pkg.scripts);
  const firstLine: Loc = { file: source.path, line: 1, column: 1, endLine: 1, endColumn: (source.lines[0]?.length ?? 0) + 1 };
  return {
    file: source.path,
    dir: slash === -1 ? '' : source.path.slice(0, slash),
    name: typeof pkg.name === 'string' ? pkg.name : undefined,
    main: typeof pkg.main === 'string' ? pkg.main : undefined,
    bin,
    scripts,
    scriptCommands: Object.fromEntries(Object.entries(scripts).map(([name, text]) => [name, parseShell(text).map((c) => c.words.map((w) => w.value))])),
    dependencies: stringRecord(pkg.dependencies),
    devDependencies: stringRecord(pkg.devDependencies),
    engines: stringRecord(pkg.engines),
    targets: nxTargets(pkg.nx),
    workspaces,
    private: pkg.private === true,
    type: typeof pkg.type === 'string' ? pkg.type : undefined,
    exports: pkg.exports,
    json,
    at: (pointer, options) => json.locate(pointer, options) ?? firstLine,
  };
}
