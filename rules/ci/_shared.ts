/**
 * What CI steps run: the steps a workflow reaches (its jobs and the repository workflows they call),
 * and what a command line means in package-manager terms (`npm test`, `pnpm run test:ci`,
 * `npx vitest`, `yarn npm audit`), following `npm run <script>` into the package's own scripts.
 */
import type { Project } from '../../src/model/project.ts';
import type { PackageJson } from '../../src/parsers/package-json.ts';
import type { Workflow, WorkflowStep } from '../../src/parsers/workflow.ts';

export interface ReachedSteps {
  steps: WorkflowStep[];
  /** A job calls a workflow of another repository, or a step uses a local action: what they run is not known. */
  opaque: boolean;
}

/** The steps of a workflow's jobs and of every repository workflow they call (`uses: ./.github/workflows/x.yml`), each once. */
export function reachedSteps(project: Project, workflow: Workflow): ReachedSteps {
  const seen = new Set<string>();
  const out: ReachedSteps = { steps: [], opaque: false };
  const visit = (w: Workflow) => {
    if (seen.has(w.file)) return;
    seen.add(w.file);
    for (const job of w.jobs) {
      for (const step of job.steps) {
        out.steps.push(step);
        if (step.uses?.value.startsWith('./')) out.opaque = true;
      }
      if (!job.uses) continue;
      const called = job.calls ? project.workflow(job.calls) : undefined;
      if (called) visit(called);
      else out.opaque = true;
    }
  };
  visit(workflow);
  return out;
}

/** CI configurations shipready does not read: a repository that uses one of them may test and audit there. */
const OTHER_CI = /^(?:\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.travis\.ya?ml|\.drone\.ya?ml|\.buildkite\/pipeline\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/.*)$/;

export function usesOtherCi(project: Project): boolean {
  return project.files.some((f) => OTHER_CI.test(f.path));
}

import { type PackageCommand, runsThrough } from '../../src/model/package-commands.ts';
import { runnerKey, runnersIn } from '../../src/model/test-runners.ts';

export { type PackageCommand, packageCommand, runsThrough } from '../../src/model/package-commands.ts';

/** The package a step's commands run in: the package.json of its working directory, else the root's. */
export function stepPackage(project: Project, step: WorkflowStep): PackageJson | undefined {
  return project.packageFor(step.workingDirectory ?? '') ?? project.packageFor('');
}

/** Task runners of monorepos: `turbo run test`, `nx run-many -t test`, `lerna run test`, `make test`. */
const TASK_RUNNERS = new Set(['turbo', 'nx', 'lerna', 'make']);

/**
 * The runners the test scripts (`test`, `test:unit`, …) of the package and of the workspace packages below it
 * name, coverage wrappers' inner runners included: `pnpm vitest run` at a monorepo's root runs the packages' runner.
 */
function runnersOf(project: Project, pkg: PackageJson | undefined): Set<string> {
  const runners = new Set<string>();
  const packages = pkg ? project.packages.filter((p) => p === pkg || pkg.dir === '' || p.dir.startsWith(`${pkg.dir}/`)) : [];
  for (const [name, commands] of packages.flatMap((p) => Object.entries(p.scriptCommands))) {
    if (!name.startsWith('test')) continue;
    for (const words of commands) for (const key of runnersIn(words)) runners.add(key);
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

/** True when a step runs the tests: a test script, or a runner that the package's test scripts name, through the scripts it runs. */
export function stepRunsTests(project: Project, step: WorkflowStep): boolean {
  const pkg = stepPackage(project, step);
  const runners = runnersOf(project, pkg);
  return (step.run?.invocations ?? []).some((argv) => runsThrough(argv, pkg, (c) => runsTests(c, runners)));
}
