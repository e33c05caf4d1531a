/** What pkg/* rules share: which package.json files ship, and where to point at what a package lacks. */
import { escapePointer } from '../../src/parsers/json.ts';
import type { PackageJson } from '../../src/parsers/package-json.ts';
import { ancestors, dirname, joinPath } from '../../src/model/project.ts';
import type { Project } from '../../src/model/project.ts';
import { isExcludedPath } from '../../src/model/service/index.ts';
import type { Loc } from '../../src/types.ts';

/** Packages that ship: not in test, fixture, example or documentation folders (src/model/scope.ts), not build output. */
export function shippedPackages(project: Project): PackageJson[] {
  return project.packages.filter((p) => project.scope.package(p).ships && !isExcludedPath(p.file));
}

/** The packages that run as services in production (src/model/scope.ts), build output left out. */
export function servicePackages(project: Project): PackageJson[] {
  return project.scope.servicePackages.filter((p) => !isExcludedPath(p.file));
}

/** A workspace root (`workspaces`, or a pnpm-workspace.yaml beside it): its members hold the code and the tests. */
export function isWorkspaceRoot(project: Project, pkg: PackageJson): boolean {
  return pkg.workspaces.length > 0 || project.has(joinPath(pkg.dir, 'pnpm-workspace.yaml'));
}

/** The packages above this one (a workspace root), nearest first. */
export function enclosingPackages(project: Project, pkg: PackageJson): PackageJson[] {
  if (pkg.dir === '') return [];
  return ancestors(dirname(pkg.dir)).flatMap((d) => project.packageIn(d) ?? []);
}

/** Where to report a missing field: the object it belongs in when present, else the package's name, else line 1. */
export function missingFieldLoc(pkg: PackageJson, parent: string): Loc {
  const value = pkg.json.value as Record<string, unknown>;
  if (parent !== '' && value[parent.slice(1)] !== undefined) return pkg.at(parent, { key: true });
  return pkg.at('/name', { key: true });
}

/** The key of a dependency entry: `/dependencies/@types~1node`. */
export function dependencyLoc(pkg: PackageJson, field: 'dependencies' | 'devDependencies', name: string): Loc {
  return pkg.at(`/${field}/${escapePointer(name)}`, { key: true });
}
