/** Helpers shared by the k8s/* rules. */
import { isStatefulStoreImage } from '../../src/model/images.ts';
import type { Project } from '../../src/model/project.ts';
import { parseK8sQuantity } from '../../src/model/quantities.ts';
import type { Container, LimitRange, Workload } from '../../src/parsers/k8s.ts';

/** Workloads of manifests that ship (not test, example or development manifests: src/model/scope.ts). */
export function shippedWorkloads(project: Project): Workload[] {
  return project.k8s.workloads.filter((w) => project.scope.workloadShips(w));
}

/** A workload whose containers all run a stateful store's image (postgres, redis, mongo): a single instance by design. */
export function runsStatefulStore(w: Workload): boolean {
  return w.containers.length > 0 && w.containers.every((c) => c.image !== undefined && isStatefulStoreImage(c.image.value));
}

/** Every container of every shipped workload, init containers first (the order the kubelet starts them). */
export function allContainers(project: Project): Container[] {
  return shippedWorkloads(project).flatMap((w) => [...w.initContainers, ...w.containers]);
}

/** Containers that serve: non-init containers of shipped workloads that run until stopped. */
export function servingContainers(project: Project): Container[] {
  return shippedWorkloads(project)
    .filter((w) => w.longRunning)
    .flatMap((w) => w.containers);
}

/** The LimitRanges that apply to a workload's namespace (same namespace, or either left to the deploy command). */
export function limitRangesFor(project: Project, w: Workload): LimitRange[] {
  return project.k8s.limitRanges.filter((l) => l.namespace === undefined || w.namespace === undefined || l.namespace === w.namespace);
}

/** Replicas a workload keeps at least: an HPA's minReplicas (default 1) when one targets it, else spec.replicas (default 1). */
export function minimumReplicas(w: Workload): number {
  if (w.hpas.length > 0) return Math.max(...w.hpas.map((h) => h.minReplicas?.value ?? 1));
  return w.replicas?.value ?? 1;
}

/** Memory quantities below 1 MiB are unit mistakes (`512m` is 0.512 bytes): no Node process starts in them. */
export function implausibleMemory(text: string): 'invalid' | 'tiny' | undefined {
  const bytes = parseK8sQuantity(text);
  if (bytes === undefined) return 'invalid';
  return bytes < 2 ** 20 ? 'tiny' : undefined;
}
