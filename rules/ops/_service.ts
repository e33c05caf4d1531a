/**
 * Repository-level operations rules (runbook, security policy, changelog) apply to repositories that
 * look like a deployable service, not to libraries: a package.json plus something that runs it.
 */
import { dirname, type Project } from '../../src/model/project.ts';
import type { PackageJson } from '../../src/parsers/package-json.ts';

/**
 * The package.json that stands for the deployable service, or undefined for a library, a CLI or an empty
 * folder. Deployable: a shipping package.json that owns (is the nearest above) a runtime image's Dockerfile, a
 * shipping Kubernetes workload, a compose file with a shipping service or a systemd unit; else a service package
 * with a `start` script or server source. The root's package wins when it owns one; a tooling package below the
 * root (a test harness beside a compose file) owns nothing.
 */
export function deployablePackage(project: Project): PackageJson | undefined {
  const { scope } = project;
  const runnerFiles = [
    ...project.dockerfiles.filter((d) => scope.image(d).role === 'runtime').map((d) => d.file),
    ...project.k8s.workloads.filter((w) => scope.workloadShips(w)).map((w) => w.loc.file),
    ...project.compose.filter((c) => c.services.some((s) => scope.composeService(s).ships)).map((c) => c.file),
    ...project.systemdUnits.filter((u) => scope.ships(u.file)).map((u) => u.file),
  ];
  const owners = runnerFiles
    .map((file) => project.packageFor(dirname(file)))
    // A tooling package beside a compose file (`docker/package.json` that tests it) is not the service; the root stands for the repository.
    .filter((p): p is PackageJson => p !== undefined && scope.package(p).ships && (p.dir === '' || scope.package(p).role !== 'tooling'))
    .sort((a, b) => a.dir.length - b.dir.length || (a.dir < b.dir ? -1 : 1));
  if (owners[0]) return owners[0];
  return project.packages.find((p) => scope.package(p).ships && scope.package(p).role === 'service' && (p.scripts.start !== undefined || project.serviceOf(p)?.isServer === true));
}

/** Markdown documents at the repository root's level or the package's own (paths relative to either). */
export function docPathsFor(project: Project, pkg: PackageJson): string[] {
  const prefix = pkg.dir === '' ? '' : `${pkg.dir}/`;
  return project.markdownDocs.flatMap((doc) => (prefix !== '' && doc.file.startsWith(prefix) ? [doc.file, doc.file.slice(prefix.length)] : [doc.file]));
}
