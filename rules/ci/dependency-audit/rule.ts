import type { Project } from '../../../src/model/project.ts';
import type { WorkflowStep } from '../../../src/parsers/workflow.ts';
import { YamlFile } from '../../../src/parsers/yaml-view.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { type PackageCommand, reachedSteps, runsThrough, stepPackage, usesOtherCi } from '../_shared.ts';

/** Programs that audit installed dependencies against an advisory database. */
const AUDIT_PROGRAMS = new Set(['audit-ci', 'better-npm-audit', 'check-audit', 'osv-scanner', 'grype']);
/** Actions that audit dependencies: GitHub's dependency review, Snyk, OSV-Scanner. */
const AUDIT_ACTIONS = [/^actions\/dependency-review-action@/, /^snyk\/actions\/node@/, /^google\/osv-scanner-action\//];
/** Scanners of a file system or an image: they read installed npm packages unless told to scan only the OS's. */
const SCANNER_ACTIONS = [/^aquasecurity\/trivy-action@/, /^anchore\/scan-action@/];

/** A scanner step that audits the packages of the application: its package or vulnerability types, when set, include libraries. */
function scansPackages(step: { uses?: { value: string }; with: ReadonlyMap<string, { value: string }> }): boolean {
  if (!SCANNER_ACTIONS.some((re) => re.test(step.uses?.value ?? ''))) return false;
  const types = step.with.get('vuln-type') ?? step.with.get('pkg-types');
  return types === undefined || /\b(?:library|all)\b/.test(types.value);
}
/** Dependabot ecosystems that cover a Node.js package (npm covers yarn and pnpm lockfiles). */
const NODE_ECOSYSTEMS = new Set(['npm', 'bun']);

function isAudit(command: PackageCommand): boolean {
  if (command.type === 'builtin') return command.name === 'audit';
  if (command.type !== 'program') return false;
  const [program, sub] = command.argv;
  return AUDIT_PROGRAMS.has(program ?? '') || (program === 'snyk' && sub === 'test');
}

/** Programs that rewrite package.json to the newest versions when given `--upgrade`/`-u` (taze: `--write`/`-w`). */
const UPGRADE_PROGRAMS = new Set(['npm-check-updates', 'ncu', 'taze']);

/** A command that moves dependencies to newer versions: `npm update`, `pnpm up`, `yarn upgrade`, `ncu -u`. */
function isUpdate(command: PackageCommand): boolean {
  if (command.type === 'builtin') return command.name === 'update' || command.name === 'upgrade';
  if (command.type === 'script') return command.orBinary && command.name === 'up';
  if (command.type !== 'program') return false;
  const [program, ...args] = command.argv;
  return UPGRADE_PROGRAMS.has(program ?? '') && args.some((a) => /^(?:-u|--upgrade|-w|--write)$/.test(a));
}

const isInstall = (command: PackageCommand) => command.type === 'builtin' && ['install', 'i'].includes(command.name);

/** A step that opens a pull request: peter-evans/create-pull-request, `gh pr create`. */
function opensPullRequest(step: WorkflowStep): boolean {
  if (/^peter-evans\/create-pull-request@/.test(step.uses?.value ?? '')) return true;
  return (step.run?.invocations ?? []).some(([program, sub, verb]) => program === 'gh' && sub === 'pr' && verb === 'create');
}

/** A step that pushes a commit: `git push`, or an action that commits (stefanzweifel/git-auto-commit-action, EndBug/add-and-commit). */
function pushesCommit(step: WorkflowStep): boolean {
  if (/^(?:stefanzweifel\/git-auto-commit-action|EndBug\/add-and-commit)@/.test(step.uses?.value ?? '')) return true;
  return (step.run?.invocations ?? []).some(([program, sub]) => program === 'git' && sub === 'push');
}

/**
 * A scheduled workflow that keeps dependencies current the way Dependabot's version updates do: it updates them
 * (`npm update`, `ncu -u`, a fresh install of the lockfile) and opens a pull request or pushes the result, or it runs
 * self-hosted Renovate. `npm update` in a build on push only changes that build; a nightly `npm update && npm test`
 * proposes nothing.
 */
function updatesOnSchedule(project: Project): boolean {
  return project.workflows.some((workflow) => {
    if (!workflow.triggers.some((t) => t.value === 'schedule')) return false;
    const { steps } = reachedSteps(project, workflow);
    const runs = (matches: (command: PackageCommand) => boolean) => steps.some((step) => (step.run?.invocations ?? []).some((argv) => runsThrough(argv, stepPackage(project, step), matches)));
    if (steps.some((step) => /^renovatebot\/github-action@/.test(step.uses?.value ?? ''))) return true;
    // What it updates must reach the repository: a pull request, or a commit it pushes.
    return (runs(isUpdate) || runs(isInstall)) && steps.some((step) => opensPullRequest(step) || pushesCommit(step));
  });
}

/** A workflow step (of any trigger) audits dependencies. */
function auditsInWorkflow(project: Project): boolean {
  return project.workflows.some((workflow) =>
    reachedSteps(project, workflow).steps.some((step) => {
      if (step.uses && (AUDIT_ACTIONS.some((re) => re.test(step.uses?.value ?? '')) || scansPackages(step))) return true;
      const pkg = stepPackage(project, step);
      return (step.run?.invocations ?? []).some((argv) => runsThrough(argv, pkg, isAudit));
    }),
  );
}

/** Dependabot configs and, for each, whether an `updates` entry covers npm (and where to say it does not). */
function dependabotConfigs(project: Project): { coversNode: boolean; loc: Loc }[] {
  return project.yamlFiles
    .filter((y) => y.file.kind === 'dependabot')
    .flatMap((y) =>
      new YamlFile(y.file, y.documents).roots().map((root) => {
        const updates = root.get('updates');
        const ecosystems = (updates?.items() ?? []).map((u) => u.get('package-ecosystem')?.string);
        return { coversNode: ecosystems.some((e) => e !== undefined && NODE_ECOSYSTEMS.has(e)), loc: updates?.keyLoc ?? root.loc };
      }),
    );
}

export default defineRule({
  id: 'ci/dependency-audit',
  title: 'Dependencies are audited: npm audit in CI, or Dependabot or Renovate keeps them updated',
  category: 'security',
  severity: 'warning',
  rationale:
    'A Node.js service ships hundreds of transitive packages, and advisories for them are published every week. Without an audit step in CI or a bot that opens update pull requests, a known-vulnerable version stays in production until someone happens to look, and the fix, when it comes, is a large risky upgrade instead of a small one. A scanner of the image or the file system (Trivy, Grype) reads the installed npm packages too, unless it is told to scan only the operating system\'s; a scheduled workflow that updates the dependencies (`npm update`, `ncu -u`, self-hosted Renovate, or a fresh install proposed as a pull request) keeps them current as Dependabot does.',
  fix: 'Add `.github/dependabot.yml` with an `npm` entry under `updates` (or a renovate.json), and/or a CI step that runs `npm audit --audit-level=high` (pnpm audit, yarn npm audit) or uses actions/dependency-review-action on pull requests.',
  appliesTo: ['package-json', 'workflow', 'dependabot', 'renovate'],
  repositoryLevel: true,
  messages: {
    noAudit: (d: { file: string }) =>
      `nothing audits the dependencies of ${d.file}: add .github/dependabot.yml with an \`npm\` update entry (or renovate.json), or a CI step that runs \`npm audit --audit-level=high\``,
    dependabotWithoutNpm: () => 'this Dependabot config has no `package-ecosystem: npm` entry, so npm dependencies are never updated: add one (`directory: "/"`)',
  },
  check({ project, subject }) {
    const pkg = project.packageFor('') ?? project.packages[0];
    if (!pkg) return;
    const report = subject(pkg.file);
    const renovate = project.filesOf('renovate').length > 0 || project.packages.some((p) => (p.json.value as Record<string, unknown> | null)?.renovate !== undefined);
    if (renovate || auditsInWorkflow(project) || updatesOnSchedule(project) || usesOtherCi(project)) return;
    const dependabot = dependabotConfigs(project);
    if (dependabot.some((d) => d.coversNode)) return;
    const first = dependabot[0];
    if (first) report.report('dependabotWithoutNpm', undefined, first.loc);
    // at() falls back to the file's first line when the package has no name.
    else report.report('noAudit', { file: pkg.file }, pkg.at('/name', { key: true }));
  },
});
