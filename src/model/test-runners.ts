/**
 * Which commands run a test suite (`vitest run`, `c8 mocha`, `node --test`, `bun test`, `playwright test`), and
 * whether a package wires its tests anywhere: its scripts, or the Nx targets of its package.json and project.json.
 */
import type { PackageJson } from '../parsers/package-json.ts';

/** Test runners a test script may name. */
const RUNNERS = new Set(['vitest', 'jest', 'mocha', 'ava', 'tap', 'tape', 'uvu', 'c8', 'nyc', 'karma', 'playwright', 'cypress', 'jasmine', 'lab', 'borp', 'poku', 'ts-mocha', 'tsd', 'wdio']);
/** Runtimes whose `--test` flag runs their built-in test runner. */
const TEST_FLAG_RUNTIMES = new Set(['node', 'tsx', 'deno']);
/** Subcommands of runners that set them up rather than run tests: `playwright install`, `cypress verify`. */
const SETUP_SUBCOMMANDS = new Set(['install', 'install-deps', 'verify', 'cache', 'init', 'uninstall', 'open']);
/** Nx executors that run a test runner: `@nx/jest:jest`, `@nx/vite:test`, `@nx/playwright:playwright`, `@angular-devkit/build-angular:karma`. */
const TEST_EXECUTOR = /(?:^|[/:@-])(?:jest|vitest|test|playwright|cypress|karma|mocha|jasmine)$/;

/** `vitest`, `node --test`, `bun test`: the runner an invocation starts with (program base names first), if any. */
export function runnerKey(argv: readonly string[]): string | undefined {
  const program = argv[0];
  if (!program || SETUP_SUBCOMMANDS.has(argv[1] ?? '')) return undefined;
  if (TEST_FLAG_RUNTIMES.has(program)) return argv.includes('--test') ? `${program} --test` : undefined;
  if (program === 'bun') return argv[1] === 'test' ? 'bun test' : undefined;
  return RUNNERS.has(program) ? program : undefined;
}

/**
 * The runners a command names at any word position: `c8 vitest run`, `npx jest`, `cross-env CI=1 mocha`, and inside a
 * quoted command handed to a wrapper (`start-server-and-test start 3000 "playwright test"`, `concurrently "vitest run"`).
 */
export function runnersIn(words: readonly string[]): string[] {
  const names = words.map((w) => w.slice(w.lastIndexOf('/') + 1));
  const nested = words.filter((w) => /\s/.test(w)).flatMap((w) => runnersIn(w.trim().split(/\s+/)));
  return [...names.flatMap((_, k) => runnerKey(names.slice(k)) ?? []), ...nested];
}

/** True when a script or Nx target of the package runs a test runner, whatever its name (`test:unit`, `verify:cli`, an Nx `test` target). */
export function wiresTests(pkg: PackageJson): boolean {
  const commands = [...Object.values(pkg.scriptCommands), ...Object.values(pkg.targets).map((t) => t.commands)];
  if (commands.some((list) => list.some((words) => runnersIn(words).length > 0))) return true;
  return Object.values(pkg.targets).some((t) => t.executor !== undefined && TEST_EXECUTOR.test(t.executor));
}

/** npm's generated placeholder (`echo "Error: no test specified" && exit 1`), or a script that only echoes or succeeds. */
export function placeholderKind(script: string): 'npm' | 'noop' | undefined {
  if (/no test specified/i.test(script)) return 'npm';
  return /^\s*(?:echo\b[^&|;]*|true|exit 0|:)\s*$/.test(script) ? 'noop' : undefined;
}

/** The package's `test` script runs something. */
export function hasRealTestScript(pkg: PackageJson): boolean {
  const script = pkg.scripts.test;
  return script !== undefined && placeholderKind(script) === undefined;
}

/** The package has tests wired somewhere: a real test script, another script or an Nx target that runs a test runner. */
export function hasTests(pkg: PackageJson): boolean {
  return hasRealTestScript(pkg) || wiresTests(pkg);
}
