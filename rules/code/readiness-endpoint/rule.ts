import { basename, type Project } from '../../../src/model/project.ts';
import { isHealthRoute, isReadinessRoute, type Route, type Service } from '../../../src/model/service/index.ts';
import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

/** A route only for liveness (`/live`, `/livez`, `/health/liveness`, `/alive`). */
function isLivenessOnly(route: Route): boolean {
  return isHealthRoute(route) && /^(?:live|livez|liveness|alive)$/i.test(route.path.split('/').pop() ?? '');
}

/**
 * Readiness is served: a readiness route or helper, a health route whose handler computes health (it waits on the
 * database or answers 503, so an instance cut off from what it needs drops out of rotation), or a health route beside
 * a liveness-only one (`/health` and `/health/live`).
 */
function servesReadiness(service: Service): boolean {
  if (service.routes.some(isReadinessRoute) || service.helpersOf('readiness').length > 0) return true;
  if (service.routes.some((r) => isHealthRoute(r) && !isLivenessOnly(r) && r.computesHealth)) return true;
  return service.routes.some(isLivenessOnly) && service.routes.some((r) => isHealthRoute(r) && !isLivenessOnly(r));
}

/**
 * Something in what ships takes an instance out of rotation by its readiness: Kubernetes (manifests or a Helm
 * chart), or compose services run as several replicas. With no deployment in the repository the platform is not
 * known, and the finding stands; a single compose instance has no other instance to send the traffic to.
 */
function readinessConsumed(project: Project): boolean {
  const { scope } = project;
  if (project.k8s.workloads.some((w) => scope.workloadShips(w))) return true;
  if (project.files.some((f) => /^Chart\.ya?ml$/.test(basename(f.path)) && scope.ships(f.path))) return true;
  const compose = project.compose.flatMap((c) => c.services).filter((s) => scope.composeService(s).ships);
  return compose.length === 0 || compose.some((s) => s.scaled);
}

export default defineRule({
  id: 'code/readiness-endpoint',
  title: 'The server has a readiness endpoint distinct from liveness',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Liveness says "restart me if this fails"; readiness says "stop sending me traffic for now". A service that is starting up, warming caches, draining on shutdown or cut off from its database should be taken out of the load balancer, not restarted. With one endpoint for both, a database outage restarts every instance at once, and a draining instance keeps receiving requests. The rule applies where something routes by readiness — Kubernetes, replicated compose services, or a platform the repository does not show — and not to a service deployed only as a single compose instance.',
  fix: 'Add `GET /ready` (or /readyz, /health/ready) that checks what the service needs to serve (database, caches, shutdown flag) and answers 503 when it cannot, and use it for the readiness probe.',
  appliesTo: ['source'],
  messages: {
    missing: () => 'the server registers no readiness route: add `GET /ready` (or /readyz, /health/ready) that answers 503 while dependencies are down or the server is draining, distinct from liveness',
  },
  check({ project, subject }) {
    if (!readinessConsumed(project)) return;
    for (const service of httpServers(project)) {
      if (servesReadiness(service)) continue;
      subject(service.package.file).report('missing', undefined, service.loc);
    }
  },
});
