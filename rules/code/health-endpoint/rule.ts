import { answersPath, isHealthRoute } from '../../../src/model/service/index.ts';
import { healthChecks } from '../../cross/_shared.ts';
import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

export default defineRule({
  id: 'code/health-endpoint',
  title: 'The server has a health endpoint',
  category: 'reliability',
  severity: 'error',
  rationale:
    'Load balancers, Kubernetes liveness probes, compose healthchecks and uptime monitors decide whether to send traffic to an instance, or restart it, by calling a health route. Without one they can only check that a port accepts connections, so a process that is deadlocked, out of memory or stuck on a dead dependency keeps receiving traffic. A `GET /` that answers a constant serves as one.',
  fix: 'Register a cheap `GET /health` (or `/healthz`, `/livez`) that answers 200 while the process can serve requests, and point the probes at it.',
  appliesTo: ['source'],
  messages: {
    missing: () => 'the server registers no health route: add `GET /health` (or /healthz, /livez) that answers 200 while the process can serve, and point probes at it',
  },
  check({ project, subject }) {
    const checks = healthChecks(project);
    for (const service of httpServers(project)) {
      const report = subject(service.package.file);
      if (service.routes.some(isHealthRoute) || service.helpersOf('health').length > 0) continue;
      // `GET /` that answers a constant ("App is running!") is a cheap check that the process serves: a probe can use it.
      if (service.routes.some((r) => r.path === '/' && (r.method === 'GET' || r.method === 'ALL') && r.constantReply)) continue;
      // A route the deployment's own probe or healthcheck requests is the health route, whatever its path (`GET /`).
      const probed = checks.filter((c) => c.service === service).flatMap((c) => c.requests.flatMap((r) => (r.path === undefined ? [] : [r.path])));
      if (probed.some((path) => answersPath(service, path) === true)) continue;
      report.report('missing', undefined, service.loc);
    }
  },
});
