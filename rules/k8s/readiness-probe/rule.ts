import { type Container, containerId, describeContainer, resolvePort, type Workload } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { shippedWorkloads } from '../_shared.ts';

/** Ports a container shows it listens on: its declared container ports, else the ports its probes check. */
function listensOn(c: Container, target: string | number): boolean {
  const byNumber = typeof target === 'number' || /^\d+$/.test(target);
  if (c.ports.some((p) => (byNumber ? p.containerPort === Number(target) : p.name === target))) return true;
  const probePorts = Object.values(c.probes).flatMap((p) => (p?.handler && 'port' in p.handler ? [resolvePort(c, p.handler.port)] : []));
  return byNumber && probePorts.includes(Number(target));
}

/**
 * The containers a workload's Services send traffic to: those that listen on a targeted port. When no container
 * shows which, a container with a readinessProbe is taken to be the server (its sidecars need none); else all of them.
 */
function targetedContainers(w: Workload): Container[] {
  const targets = w.services.flatMap((s) => s.ports.map((p) => p.targetPort ?? p.port));
  const hit = w.containers.filter((c) => targets.some((t) => listensOn(c, t)));
  if (hit.length > 0) return hit;
  const ready = w.containers.filter((c) => c.probes.readiness);
  return ready.length > 0 ? ready : w.containers;
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
    for (const w of shippedWorkloads(project)) {
      if (!w.longRunning || w.services.length === 0) continue;
      const service = w.services.map((s) => s.name).join(', ');
      for (const c of targetedContainers(w)) {
        const report = subject(containerId(c));
        if (!c.probes.readiness) report.report('missing', { container: describeContainer(c), service }, c.loc);
      }
    }
  },
});
