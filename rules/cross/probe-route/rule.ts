import { answersPath, isHealthRoute, isReadinessRoute, type Route } from '../../../src/model/service/index.ts';
import { defineRule } from '../../../src/rule.ts';
import { at, healthChecks, serviceName } from '../_shared.ts';

/** Health helpers whose routes the model lists (lightship, terminus); others serve paths it cannot see. */
const LISTED_HELPERS = new Set(['lightship', '@godaddy/terminus']);

export default defineRule({
  id: 'cross/probe-route',
  title: 'HTTP health checks request a route the app registers',
  category: 'reliability',
  severity: 'error',
  rationale:
    'A probe that requests a path the app does not serve gets a 404, and a 404 is a failed check: Kubernetes restarts the container in a loop or keeps it out of the Service, Docker marks it unhealthy. Paths drift when routes move under a prefix (`app.use("/api", router)`) or get renamed (`/health` → `/healthz`) while the manifests keep the old one.',
  fix: 'Point the probe, compose healthcheck or HEALTHCHECK at the route the app serves (with its mount prefix), or register that route in the app.',
  appliesTo: ['k8s', 'compose', 'dockerfile', 'source'],
  messages: {
    noRoute: (d: { what: string; path: string; app: string; suggestion?: string }) =>
      `${d.what} requests ${d.path}, but ${d.app} registers no GET route for it: ${d.suggestion ? `point the check at ${d.suggestion}` : 'point the check at a health route the app serves'} or add the route`,
  },
  check({ project, subject }) {
    for (const check of healthChecks(project)) {
      const { service } = check;
      if (service.helpersOf('health').some((h) => !LISTED_HELPERS.has(h.name))) continue;
      const withPaths = check.requests.filter((r) => r.path !== undefined);
      if (withPaths.length === 0) continue;
      const report = subject(check.id);
      for (const request of withPaths) {
        const path = request.path as string;
        if (answersPath(service, path) !== false) continue;
        const readiness = /ready|readiness/i.test(path);
        const health: Route[] = service.routes.filter((r) => (readiness ? isReadinessRoute(r) : isHealthRoute(r)));
        const best = health[0] ?? service.routes.find((r) => isHealthRoute(r) || isReadinessRoute(r));
        report.report('noRoute', { what: check.what, path, app: serviceName(service), suggestion: best && `${best.path} (${at(best.loc)})` }, request.pathLoc);
      }
    }
  },
});
