import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { allContainers, implausibleMemory, limitRangesFor } from '../_shared.ts';

export default defineRule({
  id: 'k8s/resource-limits',
  title: 'Every container sets a memory limit',
  category: 'reliability',
  severity: 'error',
  rationale:
    'A container without a memory limit can grow until the node runs out of memory; the kernel then kills processes on that node — often not the leaking one — and the kubelet evicts neighbours. With a limit, the leaking container alone is OOM-killed and restarted, and the scheduler can place pods by what they may use. Node.js also sizes its heap from the memory it sees, so a limit is what keeps `--max-old-space-size` honest. Init containers count: they are scheduled with the same rules.',
  fix: 'Set `resources.limits.memory` on every container and init container (e.g. `512Mi`), sized from the process\'s observed peak plus headroom, or give the namespace a LimitRange with a default memory limit.',
  appliesTo: ['k8s'],
  messages: {
    missing: (d: { container: string }) => `${d.container} sets no memory limit: add \`resources.limits.memory\` (e.g. 512Mi) so a leak kills this container, not the node's other pods`,
    invalid: (d: { container: string; value: string }) => `the memory limit "${d.value}" of ${d.container} is not a Kubernetes quantity: write it with a binary suffix such as 512Mi or 1Gi`,
    tiny: (d: { container: string; value: string }) =>
      `the memory limit "${d.value}" of ${d.container} is under 1 MiB (a lower-case m means milli): write 512Mi-style binary units`,
  },
  check({ project, subject }) {
    for (const c of allContainers(project)) {
      const report = subject(containerId(c));
      const container = describeContainer(c);
      const memory = c.resources.limits.memory;
      if (!memory) {
        if (limitRangesFor(project, c.workload).some((l) => l.defaultLimits.memory)) continue;
        report.report('missing', { container }, c.resources.loc ?? c.loc);
        continue;
      }
      const problem = implausibleMemory(memory.value);
      if (problem) report.report(problem, { container, value: memory.value }, memory.loc);
    }
  },
});
