import { type Container, containerId, describeContainer, type Workload } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';

/** The containers a workload's Services send traffic to: those declaring a targeted port; all when no port matches. */
function targetedContainers(w: Workload): Container[] {
  const hit = new Set<Container>();
  for (const service of w.services) {
    for (const port of service.ports) {
      const target = port.targetPort ?? port.port;
      const byNumber = typeof target === 'number' || /^\d+$/.test(target);
      for (const c of w.containers) if (c.ports.some((p) => (byNumber ? p.containerPort === Number(target) : p.name === target))) hit.add(c);
    }
  }
  return hit.size > 0 ? w.containers.filter((c) => hit.has(c)) : w.containers;
}

export default defineRule({
  id: 'k8s/readiness-probe',
  title: 'Containers behind a Service have a readinessProbe',
  category: 'reliability',
  severity: 'error',
  rationale:
    'Without a readiness probe a pod joins its Service\'s endpoints as soon as its container starts, before the Node.js server listens, has connected to its database or warmed its caches: every rollout and restart sends requests to pods that refuse or fail them. A readiness probe also takes an overloaded or draining pod out of rotation without killing it. Only workloads behind a Service receive traffic, so only they need one.',
  fix: 'Add a `readinessProbe` (e.g. `httpGet: {path: /readyz, port: http}`) to the container that serves the Service\'s port; let the endpoint fail while the app starts up, drains on SIGTERM, or cannot reach what it needs to serve.',
  appliesTo: ['k8s'],
  messages: {
    missing: (d: { container: string; service: string }) =>
      `${d.container} receives traffic from Service ${d.service} but has no readinessProbe, so requests reach it before it can serve them: add one (e.g. httpGet /readyz)`,
  },
  check({ project, subject }) {
    for (const w of project.k8s.workloads) {
      if (!w.longRunning || w.services.length === 0) continue;
      const service = w.services.map((s) => s.name).join(', ');
      for (const c of targetedContainers(w)) {
        const report = subject(containerId(c));
        if (!c.probes.readiness) report.report('missing', { container: describeContainer(c), service }, c.loc);
      }
    }
  },
});
