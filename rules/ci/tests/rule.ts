import { basename } from '../../../src/model/project.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { runsOnPullRequests, type Workflow } from '../../../src/parsers/workflow.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Project } from '../../../src/model/project.ts';
import { reachedSteps, stepRunsTests, usesOtherCi } from '../_shared.ts';
import { hasTests } from '../../../src/model/test-runners.ts';

/** True when a job of the workflow (or a workflow it calls) runs the tests, or calls something shipready cannot see into. */
function workflowTests(project: Project, workflow: Workflow): 'tests' | 'opaque' | 'none' {
  const reached = reachedSteps(project, workflow);
  for (const step of reached.steps) {
    if (stepRunsTests(project, step)) return 'tests';
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
    'Tests that only run on a laptop, or only after a merge, do not stop a broken change from reaching the main branch and the next deploy. A pull-request check that runs the test script is what lets branch protection block the merge; without it, every release depends on someone remembering to run the suite. A repository with no tests at all is pkg/test-script\'s finding, not this one.',
  fix: 'Add a workflow under .github/workflows triggered `on: pull_request` whose job checks out the code, installs dependencies (`npm ci`) and runs `npm test` (or the package manager and runner the project uses), then require that check in branch protection.',
  appliesTo: ['workflow', 'package-json'],
  repositoryLevel: true,
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
    // With no tests anywhere there is nothing for CI to run: pkg/test-script reports the missing tests.
    if (!project.packages.some(hasTests)) return;
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
