import { INSPECTOR_PORT } from '../../../src/model/settings.ts';
import { type Container, type K8sService, resolvePort, type ServicePort } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { internalPortReason } from '../../../src/model/ports.ts';
import type { Project } from '../../../src/model/project.ts';
import { portSettings } from '../../cross/_shared.ts';

/** Why a Service port reaches an internal port of a selected container, or undefined. */
function internalTarget(project: Project, service: K8sService, port: ServicePort): string | undefined {
  const named = internalPortReason({ name: port.name });
  if (named) return named;
  const target = port.targetPort ?? port.port;
  const containers: Container[] = service.workloads.flatMap((w) => w.containers);
  if (containers.length === 0) return internalPortReason({ number: typeof target === 'number' ? target : undefined });
  for (const c of containers) {
    const number = resolvePort(c, target);
    if (number === undefined) continue;
    const reason = internalPortReason({
      number,
      name: c.ports.find((p) => p.containerPort === number)?.name ?? (typeof target === 'string' && !/^\d+$/.test(target) ? target : undefined),
      env: portSettings(project, c.dockerfile, project.deployments.find((d) => d.runner?.platform === 'kubernetes' && d.runner.container === c)),
    });
    if (reason) return `${reason} of container "${c.name}"`;
  }
  return undefined;
}

export default defineRule({
  id: 'k8s/exposed-internal-port',
  title: 'LoadBalancer and NodePort Services expose no management, metrics, debug or inspector port',
  category: 'security',
  severity: 'error',
  rationale: `A Service of type LoadBalancer or NodePort is reachable from outside the cluster. Management and admin endpoints change the running service, metrics leak internals and traffic patterns, and the Node.js inspector (port ${INSPECTOR_PORT}) is remote code execution for anyone who connects. These ports belong on a ClusterIP Service that only Prometheus and operators reach.`,
  fix: 'Serve the public port alone from the LoadBalancer/NodePort Service and move management, metrics and debug ports to a separate ClusterIP Service (or bind them to localhost in the app); never expose the inspector.',
  appliesTo: ['k8s'],
  messages: {
    exposed: (d: { service: string; type: string; port: number; reason: string }) =>
      `Service ${d.service} (type ${d.type}) exposes port ${d.port}, the ${d.reason}, outside the cluster: move it to a ClusterIP Service and publish only the public port`,
  },
  check({ project, subject }) {
    for (const s of project.k8s.services) {
      if ((s.type !== 'LoadBalancer' && s.type !== 'NodePort') || !project.scope.ships(s.file)) continue;
      const report = subject(`${s.file}#Service/${s.name}`);
      for (const port of s.ports) {
        const reason = internalTarget(project, s, port);
        if (reason) report.report('exposed', { service: s.name, type: s.type, port: port.port, reason }, port.loc);
      }
    }
  },
});
