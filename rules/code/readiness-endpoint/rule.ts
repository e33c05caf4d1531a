import { isReadinessRoute } from '../../../src/model/service.ts';
import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

export default defineRule({
  id: 'code/readiness-endpoint',
  title: 'The server has a readiness endpoint distinct from liveness',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Liveness says "restart me if this fails"; readiness says "stop sending me traffic for now". A service that is starting up, warming caches, draining on shutdown or cut off from its database should be taken out of the load balancer, not restarted. With one endpoint for both, a database outage restarts every instance at once, and a draining instance keeps receiving requests.',
  fix: 'Add `GET /ready` (or /readyz, /health/ready) that checks what the service needs to serve (database, caches, shutdown flag) and answers 503 when it cannot, and use it for the readiness probe.',
  appliesTo: ['source'],
  messages: {
    missing: () => 'the server registers no readiness route: add `GET /ready` (or /readyz, /health/ready) that answers 503 while dependencies are down or the server is draining, distinct from liveness',
  },
  check({ project, subject }) {
    for (const service of httpServers(project)) {
      const report = subject(service.package.file);
      if (service.routes.some(isReadinessRoute) || service.helpersOf('readiness').length > 0) continue;
      report.report('missing', undefined, service.loc);
    }
  },
});
