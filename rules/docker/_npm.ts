/**
 * Package-manager commands in RUN instructions (npm, yarn, pnpm, bun): which action, which flags,
 * and whether an install or prune leaves devDependencies out. Shared by the docker/* dependency rules.
 */
import { type ProgramCall, runCalls, spanOfWords } from '../../src/model/commands.ts';
import { basename } from '../../src/model/project.ts';
import type { DockerInstruction } from '../../src/parsers/dockerfile.ts';
import type { LocatedWord } from '../../src/parsers/shell.ts';
import type { Loc } from '../../src/types.ts';

type Manager = 'npm' | 'yarn' | 'pnpm' | 'bun';

interface ManagerFlag {
  /** Without leading dashes: `omit`, `P`. */
  name: string;
  /** `dev` in `--omit=dev` or `--omit dev`; null for a bare switch. */
  value: string | null;
  word: LocatedWord;
}

export interface ManagerCommand {
  manager: Manager;
  /** The words that name the command, without flags or operands: `npm ci`, `yarn`, `yarn workspaces focus`. */
  name: string;
  /** Where those words are (the program word alone when they span lines). */
  nameLoc: Loc;
  /** `install` (npm install/i, yarn, yarn install, yarn workspaces focus, pnpm install, bun install), `ci`, `prune`, or `other`. */
  action: 'install' | 'ci' | 'prune' | 'other';
  command: ProgramCall;
  instruction: DockerInstruction;
  flags: ManagerFlag[];
  /** Positional words after the action: package names for an install. */
  operands: LocatedWord[];
}

const NPM_ACTIONS: Record<string, ManagerCommand['action']> = {
  install: 'install',
  i: 'install',
  in: 'install',
  ins: 'install',
  inst: 'install',
  insta: 'install',
  instal: 'install',
  isnt: 'install',
  isnta: 'install',
  isntal: 'install',
  isntall: 'install',
  ci: 'ci',
  'clean-install': 'ci',
  ic: 'ci',
  'install-clean': 'ci',
  'isntall-clean': 'ci',
  prune: 'prune',
};

/** Flags that take the next word as their value when written without `=`. */
const VALUE_FLAGS: Record<Manager, ReadonlySet<string>> = {
  npm: new Set(['omit', 'include', 'only', 'also', 'registry', 'cache', 'prefix', 'loglevel', 'workspace', 'w', 'userconfig', 'globalconfig', 'tag', 'install-strategy', 'location']),
  yarn: new Set(['modules-folder', 'cache-folder', 'network-timeout', 'network-concurrency', 'mutex', 'registry', 'cwd']),
  pnpm: new Set(['filter', 'F', 'dir', 'C', 'store-dir', 'reporter', 'workspace-concurrency', 'registry']),
  bun: new Set(['cwd', 'registry', 'cache-dir', 'backend']),
};

const MANAGERS = new Set<string>(['npm', 'yarn', 'pnpm', 'bun']);

function splitArguments(manager: Manager, words: readonly LocatedWord[]): { flags: ManagerFlag[]; positionals: LocatedWord[] } {
  const flags: ManagerFlag[] = [];
  const positionals: LocatedWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as LocatedWord;
    if (!/^--?[A-Za-z]/.test(word.value)) {
      positionals.push(word);
      continue;
    }
    const body = word.value.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq !== -1) {
      flags.push({ name: body.slice(0, eq), value: body.slice(eq + 1), word });
      continue;
    }
    const next = words[i + 1];
    if (VALUE_FLAGS[manager].has(body) && next && !next.value.startsWith('-')) {
      flags.push({ name: body, value: next.value, word });
      i++;
    } else flags.push({ name: body, value: null, word });
  }
  return { flags, positionals };
}

function classify(command: ProgramCall, instruction: DockerInstruction): ManagerCommand | undefined {
  let program = command.program;
  if (program[0]?.value === 'corepack') program = program.slice(1);
  const tool = basename(program[0]?.value ?? '');
  if (!MANAGERS.has(tool)) return undefined;
  const manager = tool as Manager;
  const { flags, positionals } = splitArguments(manager, program.slice(1));
  const [sub, ...operands] = positionals;
  const nameAt = (last: LocatedWord | undefined): Loc => spanOfWords((program[0] as LocatedWord).loc, (last ?? (program[0] as LocatedWord)).loc);
  const base = { manager, name: sub ? `${tool} ${sub.value}` : tool, nameLoc: nameAt(sub), command, instruction, flags };
  if (manager === 'npm') return { ...base, action: (sub && NPM_ACTIONS[sub.value]) || 'other', operands };
  if (manager === 'yarn') {
    if (!sub || sub.value === 'install') return { ...base, action: 'install', operands };
    // `yarn workspaces focus [workspace…]` installs the named workspaces' dependencies, not new packages.
    if (sub.value === 'workspaces' && operands[0]?.value === 'focus') return { ...base, name: 'yarn workspaces focus', nameLoc: nameAt(operands[0]), action: 'install', operands: [] };
    return { ...base, action: 'other', operands };
  }
  if (sub?.value === 'install' || sub?.value === 'i') return { ...base, action: 'install', operands };
  if (manager === 'pnpm' && sub?.value === 'prune') return { ...base, action: 'prune', operands };
  return { ...base, action: 'other', operands };
}

/** Package-manager commands a RUN executes, in order. */
export function managerCommands(instruction: DockerInstruction): ManagerCommand[] {
  return runCalls(instruction).flatMap((command) => classify(command, instruction) ?? []);
}

/** Installs the project's own dependencies from its manifest (npm ci, bare npm install, yarn, …), not named or global packages. */
export function isProjectInstall(c: ManagerCommand): boolean {
  if (c.action === 'ci') return true;
  return c.action === 'install' && c.operands.length === 0 && !c.flags.some((f) => f.name === 'g' || f.name === 'global');
}

function flagValue(c: ManagerCommand, ...names: string[]): ManagerFlag | undefined {
  return c.flags.findLast((f) => names.includes(f.name));
}

function switchOn(flag: ManagerFlag | undefined): boolean | undefined {
  if (!flag) return undefined;
  return flag.value === null || flag.value === 'true';
}

function listsDev(c: ManagerCommand, name: string): boolean {
  return c.flags.some((f) => f.name === name && (f.value ?? '').split(',').includes('dev'));
}

function omitsDevWhen(c: ManagerCommand, production: boolean): boolean {
  switch (c.manager) {
    case 'npm': {
      if (listsDev(c, 'include') || listsDev(c, 'also') || switchOn(flagValue(c, 'dev')) || switchOn(flagValue(c, 'production')) === false) return false;
      const only = flagValue(c, 'only')?.value;
      return listsDev(c, 'omit') || only === 'prod' || only === 'production' || switchOn(flagValue(c, 'production')) === true || production;
    }
    case 'yarn':
      return switchOn(flagValue(c, 'production', 'prod')) ?? production;
    case 'pnpm':
      if (switchOn(flagValue(c, 'dev', 'D'))) return false;
      return switchOn(flagValue(c, 'prod', 'P', 'production')) ?? production;
    case 'bun':
      return switchOn(flagValue(c, 'production', 'p')) ?? production;
  }
}

/**
 * Whether an install, ci or prune leaves devDependencies out: `--omit=dev`, `--production`,
 * `--prod`/`-P`, or NODE_ENV=production in effect (npm, yarn 1 and pnpm then skip them), unless a
 * flag such as `--include=dev` asks for them. The command's own `NODE_ENV=…` prefix wins over `nodeEnv`;
 * null means NODE_ENV comes from a build argument without a default. Undefined: that build argument decides.
 */
export function omitsDev(c: ManagerCommand, nodeEnv: string | null | undefined): boolean | undefined {
  const prefix = c.command.assignments.get('NODE_ENV');
  const value = prefix?.includes('$') ? null : (prefix ?? nodeEnv);
  if (value !== null) return omitsDevWhen(c, value === 'production');
  const withProduction = omitsDevWhen(c, true);
  return withProduction === omitsDevWhen(c, false) ? withProduction : undefined;
}

/** `--only=production`, `--only=prod` and `--production` on npm install/ci/prune: deprecated since npm 7 (`--production=false` asks for the opposite). */
export function deprecatedProductionFlags(c: ManagerCommand): ManagerFlag[] {
  if (c.manager !== 'npm' || c.action === 'other') return [];
  return c.flags.filter((f) => (f.name === 'production' && switchOn(f)) || (f.name === 'only' && (f.value === 'prod' || f.value === 'production')));
}

/** Commands that install only production dependencies with this manager. */
export function prodInstallCommands(manager: Manager): readonly string[] {
  switch (manager) {
    case 'npm':
      return ['npm ci --omit=dev'];
    case 'yarn':
      return ['yarn install --production --frozen-lockfile', 'yarn workspaces focus --all --production'];
    case 'pnpm':
      return ['pnpm install --prod --frozen-lockfile'];
    case 'bun':
      return ['bun install --production --frozen-lockfile'];
  }
}

/** The command that removes devDependencies after a build with this manager; yarn and bun have none. */
export function pruneCommand(manager: Manager): string | undefined {
  if (manager === 'npm') return 'npm prune --omit=dev';
  if (manager === 'pnpm') return 'pnpm prune --prod';
  return undefined;
}
