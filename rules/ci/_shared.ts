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

export { type PackageCommand, packageCommand, runsThrough } from '../../src/model/package-commands.ts';

/** The package a step's commands run in: the package.json of its working directory, else the root's. */
export function stepPackage(project: Project, step: WorkflowStep): PackageJson | undefined {
  return project.packageFor(step.workingDirectory ?? '') ?? project.packageFor('');
}
