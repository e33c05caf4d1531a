import { basename } from '../../../src/model/project.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { runsOnPullRequests, type Workflow } from '../../../src/parsers/workflow.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Project } from '../../../src/model/project.ts';
import { type PackageCommand, reachedSteps, runsThrough, stepPackage, usesOtherCi } from '../_shared.ts';

/** Test runners a package's test script may name; a CI step that runs one of those runs the tests. */
const RUNNERS = new Set(['vitest', 'jest', 'mocha', 'ava', 'tap', 'tape', 'uvu', 'c8', 'nyc', 'karma', 'playwright', 'cypress', 'jasmine', 'lab', 'borp', 'poku', 'ts-mocha', 'tsd']);
/** Runtimes whose `--test` flag runs their built-in test runner. */
const TEST_FLAG_RUNTIMES = new Set(['node', 'tsx', 'deno']);
/** Task runners of monorepos: `turbo run test`, `nx run-many -t test`, `lerna run test`, `make test`. */
const TASK_RUNNERS = new Set(['turbo', 'nx', 'lerna', 'make']);

/** Subcommands of runners that set them up rather than run tests: `playwright install`, `cypress verify`. */
const SETUP_SUBCOMMANDS = new Set(['install', 'install-deps', 'verify', 'cache', 'init', 'uninstall']);

/** `vitest`, `node --test`: how a program invocation names its test runner. */
function runnerKey(argv: readonly string[]): string | undefined {
  const program = argv[0];
  if (!program || SETUP_SUBCOMMANDS.has(argv[1] ?? '')) return undefined;
  if (TEST_FLAG_RUNTIMES.has(program)) return argv.includes('--test') ? `${program} --test` : undefined;
  return RUNNERS.has(program) ? program : undefined;
}

/**
 * The runners the test scripts (`test`, `test:unit`, …) of the package and of the workspace packages below it
 * name, coverage wrappers' inner runners included: `pnpm vitest run` at a monorepo's root runs the packages' runner.
 */
function runnersOf(project: Project, pkg: PackageJson | undefined): Set<string> {
  const runners = new Set<string>();
  const packages = pkg ? project.packages.filter((p) => p === pkg || pkg.dir === '' || p.dir.startsWith(`${pkg.dir}/`)) : [];
  for (const [name, commands] of packages.flatMap((p) => Object.entries(p.scriptCommands))) {
    if (!name.startsWith('test')) continue;
    for (const words of commands) {
      // `c8 vitest run`, `npx jest`, `cross-env CI=1 mocha`: every word position may start the runner.
      words.forEach((_, k) => {
        const key = runnerKey(words.slice(k).map((w) => w.slice(w.lastIndexOf('/') + 1)));
        if (key) runners.add(key);
      });
    }
  }
  return runners;
}

function isTaskRunnerTest(argv: readonly string[]): boolean {
  if (!TASK_RUNNERS.has(argv[0] ?? '')) return false;
  return argv.slice(1).some((w) => /^(?:--target=|-t=)?test/.test(w) && !w.startsWith('--test'));
}

function runsTests(command: PackageCommand, runners: ReadonlySet<string>): boolean {
  // `yarn turbo test`, `pnpm nx run-many -t test`: a package manager running a task runner's binary
  if (command.type === 'script') return command.name.startsWith('test') || (command.orBinary && (runners.has(command.name) || isTaskRunnerTest(command.argv.slice(command.argv.indexOf(command.name)))));
  if (command.type === 'builtin') return command.name === 'test';
  const key = runnerKey(command.argv);
  return (key !== undefined && runners.has(key)) || isTaskRunnerTest(command.argv);
}

/** True when a job of the workflow (or a workflow it calls) runs the tests, or calls something shipready cannot see into. */
function workflowTests(project: Project, workflow: Workflow): 'tests' | 'opaque' | 'none' {
  const reached = reachedSteps(project, workflow);
  for (const step of reached.steps) {
    const pkg = stepPackage(project, step);
    const runners = runnersOf(project, pkg);
    if ((step.run?.invocations ?? []).some((argv) => runsThrough(argv, pkg, (c) => runsTests(c, runners)))) return 'tests';
  }
  return reached.opaque ? 'opaque' : 'none';
}

function managerOf(project: Project, pkg: PackageJson): string {
  const locks = project.lockfilesFor(pkg.dir).map((f) => basename(f.path));
  if (locks.includes('pnpm-lock.yaml')) return 'pnpm';
  if (locks.includes('yarn.lock')) return 'yarn';
  if (locks.includes('bun.lock') || locks.includes('bun.lockb')) return 'bun';
  return 'npm';
}

export default defineRule({
  id: 'ci/tests',
  title: 'A workflow runs the test script on pull requests',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Tests that only run on a laptop, or only after a merge, do not stop a broken change from reaching the main branch and the next deploy. A pull-request check that runs the test script is what lets branch protection block the merge; without it, every release depends on someone remembering to run the suite.',
  fix: 'Add a workflow under .github/workflows triggered `on: pull_request` whose job checks out the code, installs dependencies (`npm ci`) and runs `npm test` (or the package manager and runner the project uses), then require that check in branch protection.',
  appliesTo: ['workflow', 'package-json'],
  messages: {
    noWorkflow: (d: { run: string }) => `no GitHub workflow runs the tests: add .github/workflows/ci.yml that runs \`${d.run}\` on pull_request`,
    notOnPullRequests: (d: { workflow: string }) =>
      `${d.workflow} runs the tests but not on pull requests: add \`pull_request\` to its \`on:\` so a failing test blocks the merge`,
    noTestStep: (d: { workflow: string; run: string }) => `no job of ${d.workflow} (run on pull requests) runs the tests: add a step \`run: ${d.run}\``,
    noPullRequestWorkflow: (d: { run: string }) => `no workflow runs on pull requests: add \`pull_request\` to \`on:\` and a step that runs \`${d.run}\``,
  },
  check({ project, subject }) {
    const pkg = project.packageFor('') ?? project.packages[0];
    if (!pkg) return;
    if (usesOtherCi(project)) return;
    const report = subject('.github/workflows');
    const run = `${managerOf(project, pkg)} test`;
    // Reusable workflows (only `on: workflow_call`) count through their callers.
    const workflows = project.workflows.filter((w) => w.triggers.some((t) => t.value !== 'workflow_call'));
    if (workflows.length === 0) {
      // at() falls back to the file's first line when there is no test script.
      report.report('noWorkflow', { run }, pkg.at('/scripts/test', { key: true }));
      return;
    }
    const verdicts = workflows.map((w) => ({ workflow: w, onPr: runsOnPullRequests(w), tests: workflowTests(project, w) }));
    if (verdicts.some((v) => v.onPr && v.tests !== 'none')) return;
    const elsewhere = verdicts.find((v) => v.tests === 'tests');
    if (elsewhere) {
      report.report('notOnPullRequests', { workflow: elsewhere.workflow.file }, elsewhere.workflow.onLoc);
      return;
    }
    const onPr = verdicts.find((v) => v.onPr);
    if (onPr) report.report('noTestStep', { workflow: onPr.workflow.file, run }, onPr.workflow.onLoc);
    else report.report('noPullRequestWorkflow', { run }, (workflows[0] as Workflow).onLoc);
  },
});
