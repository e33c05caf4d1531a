/**
 * A score per service: a repository with several deployable units (each shipping package that runs as a service or
 * owns a runtime image) gets, beside the repository's score, one per unit from the evaluations of the files in its
 * folder (its Dockerfiles, manifests, compose files, env files, source and package.json). Evaluations of files in no
 * unit's folder (a root Dockerfile or a `deploy/` folder beside the members of a workspace) count only in the
 * repository's score, and so do repository-level rules (CI, dependency updates, the security policy), which judge
 * the repository once. A repository with one unit has the repository's score alone.
 */
import { ancestors, dirname, joinPath, type Project } from './model/project.ts';
import type { Rule } from './rule.ts';
import { computeScore } from './score.ts';
import type { RunResult } from './engine.ts';
import type { PackageJson } from './parsers/package-json.ts';
import type { Counts, Evaluation, Score } from './types.ts';

export interface ServiceScore {
  /** The package's name, else its folder. */
  name: string;
  /** The unit's folder, relative to the root ('' for the root). */
  root: string;
  score: Score['score'];
  grade: Score['grade'];
  categories: Score['categories'];
  /** Findings that gate (neither suppressed nor baselined) in the unit's files. */
  counts: Counts;
}

/**
 * The deployable units: shipping packages that run as services or own an image production runs — not a workspace
 * root that only holds the members (its Dockerfile builds one of them: the member is the unit, the image's files
 * count in the repository's score).
 */
function units(project: Project): { name: string; root: string }[] {
  // A workspace root is a unit only when its own code is a server.
  const harness = (p: PackageJson) => (p.workspaces.length > 0 || project.has(joinPath(p.dir, 'pnpm-workspace.yaml'))) && project.serviceOf(p)?.isServer !== true;
  const packages = new Set(project.scope.servicePackages.filter((p) => !harness(p)));
  for (const { dockerfile } of project.runtimeStages) {
    const owner = project.packageFor(dirname(dockerfile.file));
    if (owner && project.scope.package(owner).ships && !harness(owner)) packages.add(owner);
  }
  return [...packages].map((p) => ({ name: p.name ?? (p.dir || '.'), root: p.dir }));
}

const repositoryLevelIds = (rules: readonly { id: string; repositoryLevel?: true }[]) => new Set(rules.filter((r) => r.repositoryLevel).map((r) => r.id));

/** The deepest of the units (by folder) that holds `file`: looked up through the file's folders, not by scanning every unit. */
function deepestHolder<T extends { root: string }>(byRoot: ReadonlyMap<string, T>, file: string): T | undefined {
  for (const dir of ancestors(dirname(file))) {
    const unit = byRoot.get(dir);
    if (unit) return unit;
  }
  return undefined;
}

export function serviceScores(project: Project, evaluations: readonly Evaluation[], rules: readonly Rule[]): ServiceScore[] {
  const all = units(project);
  if (all.length < 2) return [];
  const repositoryLevel = repositoryLevelIds(rules);
  const byUnit = new Map(all.map((u) => [u, [] as Evaluation[]]));
  const byRoot = new Map(all.map((u) => [u.root, u]));
  for (const e of evaluations) {
    if (repositoryLevel.has(e.ruleId)) continue;
    // Each file belongs to the deepest unit whose folder holds it.
    const unit = deepestHolder(byRoot, e.subject.split('#')[0] as string);
    if (unit) byUnit.get(unit)?.push(e);
  }
  return all
    .map((u) => {
      const { score, grade, categories } = computeScore(byUnit.get(u) ?? []);
      return { name: u.name, root: u.root, score, grade, categories, counts: { error: 0, warning: 0, info: 0 } };
    })
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

/** Counts each service's gating findings (neither suppressed nor baselined; engine and repository-level findings left out), in place. */
export function countServiceFindings(result: Pick<RunResult, 'services' | 'findings' | 'rules'>): void {
  const repositoryLevel = repositoryLevelIds(result.rules);
  const byRoot = new Map(result.services.map((s) => [s.root, s]));
  for (const s of result.services) s.counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) {
    if (f.suppressed || f.baselined || repositoryLevel.has(f.ruleId) || f.ruleId.startsWith('shipready/')) continue;
    const service = deepestHolder(byRoot, f.file);
    if (service) service.counts[f.severity]++;
  }
}
