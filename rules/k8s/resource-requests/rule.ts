import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { allContainers, limitRangesFor } from '../_shared.ts';

export default defineRule({
  id: 'k8s/resource-requests',
  title: 'Every container requests CPU and memory',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'The scheduler places pods by their requests. A container that requests nothing is "BestEffort": it lands on nodes that cannot hold it, is throttled first under CPU contention and evicted first under memory pressure, so latency and restarts follow the neighbours\' load rather than its own. Kubernetes copies a limit into a missing request, so a container with limits is covered.',
  fix: 'Set `resources.requests.cpu` and `resources.requests.memory` on every container from its steady-state usage (e.g. `cpu: 100m`, `memory: 256Mi`), or give the namespace a LimitRange with `defaultRequest`.',
  appliesTo: ['k8s'],
  messages: {
    missing: (d: { container: string; missing: string[] }) =>
      `${d.container} requests no ${d.missing.join(' or ')}: set \`resources.requests.${d.missing[0]}\`${d.missing.length > 1 ? ` and \`.${d.missing[1]}\`` : ''} so the scheduler reserves what it needs`,
  },
  check({ project, subject }) {
    for (const c of allContainers(project)) {
      const report = subject(containerId(c));
      const ranges = limitRangesFor(project, c.workload);
      const missing = (['cpu', 'memory'] as const).filter(
        (r) => !c.resources.requests[r] && !c.resources.limits[r] && !ranges.some((l) => l.defaultRequests[r] ?? l.defaultLimits[r]),
      );
      if (missing.length > 0) report.report('missing', { container: describeContainer(c), missing }, c.resources.loc ?? c.loc);
    }
  },
});
