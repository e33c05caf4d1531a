/**
 * What a command line means in package-manager terms (`npm test`, `pnpm run test:ci`, `npx vitest`, `yarn npm
 * audit`), following `npm run <script>` into the package's own scripts: for CI steps, start scripts and the
 * commands container images run.
 */
import type { PackageJson } from '../parsers/package-json.ts';
import { resolveRelative } from './project.ts';

/** A command line in package-manager terms. */
export type PackageCommand =
  /** Runs a package script (`npm test`, `npm run lint`, `pnpm build`), or — for `pnpm x`/`yarn x`/`bun x` — a script or a binary. */
  | { type: 'script'; name: string; orBinary: boolean; argv: string[]; target?: PackageTarget }
  /** A package manager's own command: `audit`, `bun test`. */
  | { type: 'builtin'; name: string; argv: string[] }
  /** Any other program (through npx/exec/dlx or directly): its argv, the program's base name first. */
  | { type: 'program'; argv: string[] };

/**
 * The package a package-manager command runs in, when a flag names another: a folder (`--prefix web`, `pnpm -C
 * web`, `--filter ./apps/server`, `--cwd`) relative to the current package, or a package name (`pnpm --filter
 * @acme/api`, `yarn workspace @acme/api`); npm's `-w`/`--workspace` takes either.
 */
export interface PackageTarget {
  dir?: string;
  name?: string;
}

const MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const LAUNCHERS = new Set(['npx', 'pnpx', 'bunx']);
const WRAPPERS = new Set(['sudo', 'env', 'time', 'command', 'exec', 'nohup', 'xvfb-run', 'cross-env', 'dotenv']);
/** Flags of package managers that take a value before the command (`npm --prefix web test`). */
const VALUE_FLAGS = new Set(['--prefix', '-C', '--dir', '--filter', '-F', '--cwd', '--workspace']);
const NPM_TEST = new Set(['test', 't', 'tst', 'cit', 'install-ci-test', 'it', 'install-test']);
const NPM_LIFECYCLE = new Set(['start', 'stop', 'restart']);
const RUN = new Set(['run', 'run-script', 'rum', 'urn']);
const EXEC = new Set(['exec', 'x', 'dlx']);
/** Commands of pnpm/yarn/bun that are not scripts. */
const MANAGER_BUILTINS = new Set(['install', 'i', 'add', 'remove', 'ci', 'audit', 'publish', 'pack', 'link', 'outdated', 'update', 'upgrade', 'why', 'config', 'init', 'build', 'create', 'set', 'version', 'info', 'login']);

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The words from the program on: leading `NAME=value` assignments and wrappers (`sudo`, `env`, `cross-env`) removed. */
function programArgv(argv: readonly string[]): string[] {
  let i = 0;
  while (i < argv.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i] as string) || WRAPPERS.has(baseName(argv[i] as string)))) i++;
  return argv.slice(i);
}

/** The first word that is not a flag (skipping the values of flags that take one), and its index. */
function firstOperand(words: readonly string[], from: number, npm: boolean): number {
  let i = from;
  while (i < words.length) {
    const w = words[i] as string;
    if (!w.startsWith('-')) return i;
    i += VALUE_FLAGS.has(w) || (npm && w === '-w') ? 2 : 1;
  }
  return i;
}

const DIR_FLAGS = new Set(['--prefix', '-C', '--dir', '--cwd']);
const FILTER_FLAGS = new Set(['--filter', '-F']);
const WORKSPACE_FLAGS = new Set(['-w', '--workspace']);

/** The package a manager's flags name (before `--`): see PackageTarget. A glob or a `...` selector of several packages names none. */
function targetOf(words: readonly string[], npm: boolean): PackageTarget | undefined {
  const end = words.indexOf('--');
  const flags = end === -1 ? words : words.slice(0, end);
  for (let i = 1; i < flags.length; i++) {
    const word = flags[i] as string;
    const eq = word.indexOf('=');
    const flag = eq === -1 ? word : word.slice(0, eq);
    const value = eq === -1 ? flags[i + 1] : word.slice(eq + 1);
    if (value === undefined || value.includes('*')) continue;
    if (DIR_FLAGS.has(flag)) return { dir: value };
    if (FILTER_FLAGS.has(flag)) {
      const selector = value.replace(/^\{(.*)\}$/, '$1');
      if (selector.startsWith('.') && !selector.includes('...')) return { dir: selector };
      if (!/^[.!^]|\.\.\.|[[\]]/.test(selector)) return { name: selector };
    }
    if (npm && WORKSPACE_FLAGS.has(flag)) return /^\.{0,2}\//.test(value) || (value.includes('/') && !value.startsWith('@')) ? { dir: value } : { name: value };
  }
  return undefined;
}

/** The value of `--name=value`, `--name value` or `-n value` among a command's words. */
function optionValue(words: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as string;
    for (const name of names) {
      if (word === name) return words[i + 1];
      if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
    }
  }
  return undefined;
}

/** One package a selector names (`@acme/web`), not several (`a,b`, `apps/*`, `...web`, `!docs`). */
const onePackage = (selector: string | undefined): string | undefined => (selector && /^[@\w][\w@/.-]*$/.test(selector) && !selector.includes('...') ? selector : undefined);

/**
 * A task runner's command that runs one script of one package: `nx run web:build`, `nx build web`,
 * `nx run-many --target=start --projects=@acme/web`, `turbo run start --filter=@acme/web`.
 */
function taskRunnerCommand(program: string, words: readonly string[]): PackageCommand | undefined {
  const operands = words.slice(1).filter((w, k, all) => !w.startsWith('-') && !(k > 0 && /^-[a-z]$|^--(?:target|targets|projects|filter|configuration)$/.test(all[k - 1] as string)));
  if (program === 'nx') {
    const [first, second] = operands;
    if (first === 'run-many') {
      const target = optionValue(words, ['--target', '--targets', '-t']);
      const project = onePackage(optionValue(words, ['--projects', '-p']));
      return target && !target.includes(',') && project ? { type: 'script', name: target, orBinary: false, argv: [...words], target: { name: project } } : undefined;
    }
    if (first === 'run' && second?.includes(':')) {
      const [project, target] = second.split(':');
      return project && target ? { type: 'script', name: target, orBinary: false, argv: [...words], target: { name: project } } : undefined;
    }
    if (first && second && !['affected', 'graph', 'reset', 'daemon', 'generate', 'g', 'migrate', 'show', 'init', 'add', 'release', 'format', 'exec'].includes(first)) {
      const project = onePackage(second);
      return project ? { type: 'script', name: first, orBinary: false, argv: [...words], target: { name: project } } : undefined;
    }
    return undefined;
  }
  const task = operands[0] === 'run' ? operands[1] : operands[0];
  const project = onePackage(optionValue(words, ['--filter', '-F']));
  return task && project ? { type: 'script', name: task, orBinary: false, argv: [...words], target: { name: project } } : undefined;
}

export function packageCommand(argv: readonly string[]): PackageCommand | undefined {
  const words = programArgv(argv);
  const program = baseName(words[0] ?? '');
  if (!program) return undefined;
  if (program === 'nx' || program === 'turbo') return taskRunnerCommand(program, words) ?? { type: 'program', argv: [program, ...words.slice(1)] };
  if (LAUNCHERS.has(program)) {
    const at = words.findIndex((w, k) => k > 0 && !w.startsWith('-') && !['-p', '--package'].includes(words[k - 1] as string));
    return at === -1 ? undefined : { type: 'program', argv: [baseName(words[at] as string), ...words.slice(at + 1)] };
  }
  if (!MANAGERS.has(program)) return { type: 'program', argv: [program, ...words.slice(1)] };
  const npm = program === 'npm';
  let at = firstOperand(words, 1, npm);
  let sub = words[at];
  // `yarn workspace api test`, `yarn workspaces foreach -A run test`, `yarn workspaces run test`, `pnpm -r test`.
  let target = targetOf(words, npm);
  if (program === 'yarn' && sub === 'workspace') {
    if (words[at + 1] !== undefined) target = { name: words[at + 1] as string };
    at = firstOperand(words, at + 2, false);
    sub = words[at];
  } else if (program === 'yarn' && sub === 'workspaces') {
    at = firstOperand(words, at + 1 + (words[at + 1] === 'foreach' ? 1 : 0), false);
    sub = words[at];
  } else if (program === 'pnpm' && sub === 'recursive') {
    at = firstOperand(words, at + 1, false);
    sub = words[at];
  }
  if (sub === undefined) return undefined;
  const rest = words.slice(at + 1);
  if (program === 'yarn' && sub === 'npm' && rest[0] === 'audit') return { type: 'builtin', name: 'audit', argv: words };
  if (sub === 'audit') return { type: 'builtin', name: 'audit', argv: words };
  if (program === 'bun' && sub === 'test') return { type: 'builtin', name: 'test', argv: words };
  const inTarget = target ? { target } : {};
  if (NPM_TEST.has(sub) && (npm || sub === 'test' || sub === 't' || sub === 'tst')) return { type: 'script', name: 'test', orBinary: false, argv: words, ...inTarget };
  // `npm start`, `npm stop`, `npm restart` run the script of that name.
  if (npm && NPM_LIFECYCLE.has(sub)) return { type: 'script', name: sub, orBinary: false, argv: words, ...inTarget };
  if (RUN.has(sub)) {
    const name = rest[firstOperand(rest, 0, false)];
    return name === undefined ? undefined : { type: 'script', name, orBinary: false, argv: words, ...inTarget };
  }
  if (EXEC.has(sub)) {
    const i = firstOperand(rest, 0, false);
    return rest[i] === undefined ? undefined : { type: 'program', argv: [baseName(rest[i] as string), ...rest.slice(i + 1)] };
  }
  if (npm || MANAGER_BUILTINS.has(sub)) return { type: 'builtin', name: sub, argv: words };
  return { type: 'script', name: sub, orBinary: true, argv: words, ...inTarget };
}

/** The packages of the repository, for following a script into the package it names or `cd`s into. */
export interface PackageLookup {
  readonly packages: readonly PackageJson[];
}

const indexes = new WeakMap<readonly PackageJson[], { byDir: Map<string, PackageJson>; byName: Map<string, PackageJson> }>();

/** The packages of a lookup by folder and by name (the first of each), indexed once per list. */
function indexOf(lookup: PackageLookup): { byDir: Map<string, PackageJson>; byName: Map<string, PackageJson> } {
  let index = indexes.get(lookup.packages);
  if (!index) {
    index = { byDir: new Map(), byName: new Map() };
    for (const p of lookup.packages) {
      if (!index.byDir.has(p.dir)) index.byDir.set(p.dir, p);
      if (p.name !== undefined && !index.byName.has(p.name)) index.byName.set(p.name, p);
    }
    indexes.set(lookup.packages, index);
  }
  return index;
}

/** A command a command line runs, with the variables set for it (`NODE_ENV=production node .`, an earlier `export`). */
export interface ReachedCommand {
  argv: readonly string[];
  env: ReadonlyMap<string, string>;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** The variables a command line sets for its program: leading `NAME=value`, and those after `env` or `cross-env`. */
function ownAssignments(argv: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const word of argv) {
    const m = ASSIGNMENT.exec(word);
    if (m) out.push([m[1] as string, m[2] as string]);
    else if (!WRAPPERS.has(baseName(word))) break;
  }
  return out;
}

/**
 * Every command a command line runs, through the package scripts it names (`npm start` → `NODE_ENV=production
 * node .`), following `cd <dir>` in a script into the package there, with the variables in effect for each.
 */
export function commandsReached(
  argv: readonly string[],
  pkg: PackageJson | undefined,
  lookup: PackageLookup,
  inherited: ReadonlyMap<string, string> = new Map(),
  depth = 0,
): ReachedCommand[] {
  const env = new Map([...inherited, ...ownAssignments(argv)]);
  const out: ReachedCommand[] = [{ argv, env }];
  const command = packageCommand(argv);
  if (command?.type !== 'script' || depth >= 4 || !pkg) return out;
  const { byDir, byName } = indexOf(lookup);
  const packageAt = (dir: string) => byDir.get(dir);
  const { target } = command;
  const dir = target?.dir !== undefined ? resolveRelative(pkg.dir, target.dir) : undefined;
  let current: PackageJson | undefined = target === undefined ? pkg : dir !== undefined ? packageAt(dir) : target.name === undefined ? undefined : byName.get(target.name);
  if (!current) return out;
  const start = current;
  const scriptEnv = new Map(env);
  for (const inner of scriptCommands(start, command.name)) {
    const [program, ...args] = inner;
    if (program === 'cd') {
      const dir: string | undefined = current && args[0] !== undefined ? resolveRelative(current.dir, args[0]) : undefined;
      current = dir === undefined ? undefined : packageAt(dir);
    } else if (program === 'export') {
      for (const word of args) {
        const m = ASSIGNMENT.exec(word);
        if (m) scriptEnv.set(m[1] as string, m[2] as string);
      }
    } else out.push(...commandsReached(inner, current, lookup, scriptEnv, depth + 1));
  }
  return out;
}

/**
 * The commands a container's command line reaches, starting in the package its image runs, or in the root package
 * when a root-context image runs a script only the root has (`pnpm start:static:widget` in apps/widget/Dockerfile,
 * the root's `nx run-many --target=start:static --projects=@acme/widget`).
 */
export function commandsReachedFromImage(argv: readonly string[], pkg: PackageJson | undefined, lookup: PackageLookup, inherited?: ReadonlyMap<string, string>): ReachedCommand[] {
  const command = packageCommand(argv);
  const root = indexOf(lookup).byDir.get('');
  const ownsScript = command?.type !== 'script' || command.target !== undefined || pkg?.scripts[command.name] !== undefined;
  return commandsReached(argv, !ownsScript && root?.scripts[command.name] !== undefined ? root : pkg, lookup, inherited);
}

/** The argv of every command of a package script, for following `npm run <name>` into it. */
function scriptCommands(pkg: PackageJson | undefined, name: string): string[][] {
  return pkg?.scriptCommands[name] ?? [];
}

/**
 * True when a command line does what `matches` recognises, directly or through the package scripts
 * it runs (`npm run ci` where `ci` is `npm run lint && npm test`), up to a few scripts deep.
 */
export function runsThrough(argv: readonly string[], pkg: PackageJson | undefined, matches: (command: PackageCommand) => boolean, depth = 0): boolean {
  const command = packageCommand(argv);
  if (!command) return false;
  if (matches(command)) return true;
  if (command.type !== 'script' || depth >= 4) return false;
  return scriptCommands(pkg, command.name).some((inner) => runsThrough(inner, pkg, matches, depth + 1));
}


/** Programs that run a server process: node and its runners, process managers, framework servers (`next start`). */
const SERVER_PROGRAMS = new Set(['node', 'nodejs', 'ts-node', 'tsx', 'bun', 'deno', 'pm2', 'pm2-runtime', 'forever', 'nodemon', 'ts-node-dev', 'tsnd', 'node-dev', 'remix-serve', 'react-router-serve', 'probot']);
const FRAMEWORK_SERVERS: Record<string, readonly string[]> = { next: ['start'], nest: ['start'], nuxt: ['start', 'preview'], nuxi: ['start', 'preview'], strapi: ['start'], medusa: ['start'], keystone: ['start'], fastify: ['start'], sails: ['lift'] };
/** Programs that serve a folder of built files. */
const STATIC_SERVERS = new Set(['serve', 'http-server', 'sirv', 'live-server', 'static-server', 'nginx', 'caddy', 'httpd', 'lighttpd', 'static-web-server']);

/** True for a command that starts a server process (`node dist/server.js`, `pm2-runtime start`, `next start`) — not a build or watch tool. */
export function startsServer(command: PackageCommand): boolean {
  if (command.type !== 'program') return false;
  const [program = '', sub] = command.argv;
  if (SERVER_PROGRAMS.has(program)) return !(program === 'tsx' && sub === undefined) && !(program === 'bun' && (sub === 'build' || sub === 'test' || sub === 'install'));
  return FRAMEWORK_SERVERS[program]?.includes(sub ?? '') === true;
}

/** True for a command that serves built files (`http-server build`, `serve -s dist`, `vite preview`, `nginx -g 'daemon off;'`). */
export function servesStaticFiles(command: PackageCommand): boolean {
  if (command.type !== 'program') return false;
  const [program = '', sub] = command.argv;
  return STATIC_SERVERS.has(program) || ((program === 'vite' || program === 'astro') && sub === 'preview');
}

/** True when one of the commands of the package's script `name` does what `matches` recognises, through the scripts it runs. */
export function scriptDoes(pkg: PackageJson, name: string, matches: (command: PackageCommand) => boolean): boolean {
  return (pkg.scriptCommands[name] ?? []).some((argv) => runsThrough(argv, pkg, matches));
}

/** Script names that start a development server (`dev`, `start:dev`, `dev:backend`, `watch`). */
const DEVELOPMENT_SCRIPT = /^(?:dev|develop|start:dev|dev:[\w:-]+|watch|serve:dev|start-dev|start:watch|debug|start:debug)$/;

/** True for the name of a script that starts a development server. */
export function isDevelopmentScript(name: string): boolean {
  return DEVELOPMENT_SCRIPT.test(name);
}
