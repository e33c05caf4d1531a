/**
 * Repository-level operations rules (runbook, security policy, changelog) apply to repositories that
 * look like a deployable service, not to libraries: a package.json plus something that runs it.
 */
import type { Project } from '../../src/model/project.ts';
import type { PackageJson } from '../../src/parsers/package-json.ts';

/**
 * The package.json that stands for the deployable service (the root's when there is one), or undefined
 * for a library, a CLI or an empty folder. Deployable: a package.json plus a Dockerfile (a dev container's
 * excepted), a Kubernetes workload, a compose service, a systemd unit, a `start` script or server source.
 */
export function deployablePackage(project: Project): PackageJson | undefined {
  const first = project.packageFor('') ?? project.packages[0];
  if (!first) return undefined;
  const runsSomewhere =
    project.dockerfiles.some((d) => !d.file.startsWith('.devcontainer/')) ||
    project.k8s.workloads.length > 0 ||
    project.compose.some((c) => c.services.length > 0) ||
    project.systemdUnits.length > 0;
  if (runsSomewhere) return first;
  return project.packages.find((p) => p.scripts.start !== undefined || project.serviceOf(p)?.isServer === true);
}
