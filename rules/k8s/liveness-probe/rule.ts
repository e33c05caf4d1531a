import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { servingContainers } from '../_shared.ts';

export default defineRule({
  id: 'k8s/liveness-probe',
  title: 'Long-running containers have a livenessProbe',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Kubernetes restarts a container whose process exits, but not one whose process is alive and stuck: a Node.js server with a blocked event loop, a deadlocked connection pool or an exhausted heap that thrashes in GC keeps its pod "Running" forever. A liveness probe lets the kubelet notice and restart it. Jobs, CronJobs and init containers run to completion and need none.',
  fix: 'Add a `livenessProbe` that checks the process itself (an HTTP `/livez` that does not call dependencies, or a tcpSocket), with `periodSeconds`/`failureThreshold` generous enough not to kill a busy but healthy pod.',
  appliesTo: ['k8s'],
  messages: {
    missing: (d: { container: string }) => `${d.container} has no livenessProbe, so a hung process is never restarted: add one that checks the process itself (e.g. httpGet /livez)`,
  },
  check({ project, subject }) {
    for (const c of servingContainers(project)) {
      const report = subject(containerId(c));
      if (!c.probes.liveness) report.report('missing', { container: describeContainer(c) }, c.loc);
    }
  },
});
