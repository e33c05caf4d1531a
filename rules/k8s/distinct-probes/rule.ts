import type { Project } from '../../../src/model/project.ts';
import { routesFor } from '../../../src/model/service/index.ts';
import { type Container, containerId, describeContainer, type ProbeHandler, resolvePort } from '../../../src/parsers/k8s.ts';
import { serviceOfImage } from '../../cross/_shared.ts';
import { defineRule } from '../../../src/rule.ts';
import { servingContainers } from '../_shared.ts';

/** What a probe checks, with named ports resolved: equal keys are the same check. */
function checkKey(c: Container, h: ProbeHandler): string {
  switch (h.type) {
    case 'httpGet':
      return `http ${h.scheme} ${resolvePort(c, h.port) ?? h.port} ${h.path}`;
    case 'tcpSocket':
    case 'grpc':
      return `${h.type} ${resolvePort(c, h.port) ?? h.port}`;
    case 'exec':
      return `exec ${JSON.stringify(h.command)}`;
  }
}

/**
 * A check that can only fail with the process itself, so sharing it restarts nothing a dependency broke: a TCP
 * connect or a gRPC health call, or an HTTP path whose every route in the image's code answers a constant.
 */
function processOnly(project: Project, c: Container, h: ProbeHandler): boolean {
  if (h.type === 'tcpSocket' || h.type === 'grpc') return true;
  if (h.type !== 'httpGet') return false;
  const service = serviceOfImage(project, c.dockerfile);
  const routes = service ? routesFor(service, h.path) : [];
  return routes.length > 0 && routes.every((r) => r.constantReply === true);
}

export default defineRule({
  id: 'k8s/distinct-probes',
  title: 'Liveness and readiness probes are different checks',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Readiness answers "should this pod get traffic now?" and may fail when a dependency is down or the pod is overloaded; liveness answers "is this process beyond repair?" and restarts it when it fails. When both call the same endpoint and it checks dependencies, a database outage or a traffic spike fails liveness too, and Kubernetes restarts every pod at once — turning a partial outage into a full one and throwing away warm caches. A shared TCP or gRPC check, or an endpoint the code shows answering a constant, checks the process alone and is fine.',
  fix: 'Point the livenessProbe at a cheap endpoint that only proves the process responds (`/livez`, or a tcpSocket), and keep dependency checks in the readinessProbe (`/readyz`).',
  appliesTo: ['k8s'],
  messages: {
    same: (d: { container: string; check: string }) =>
      `the livenessProbe and readinessProbe of ${d.container} are the same check (${d.check}), so a failing dependency restarts every pod: point liveness at a process-only endpoint such as /livez`,
  },
  check({ project, subject }) {
    for (const c of servingContainers(project)) {
      const liveness = c.probes.liveness;
      const readiness = c.probes.readiness;
      if (!liveness?.handler || !readiness?.handler) continue;
      const report = subject(containerId(c));
      const key = checkKey(c, liveness.handler);
      if (key === checkKey(c, readiness.handler) && !processOnly(project, c, liveness.handler)) {
        const h = liveness.handler;
        const check = h.type === 'httpGet' ? `GET ${h.path} on port ${h.port ?? '?'}` : h.type === 'exec' ? `exec ${h.command.join(' ')}` : `${h.type} port ${h.port ?? '?'}`;
        report.report('same', { container: describeContainer(c), check }, liveness.loc);
      }
    }
  },
});
