import { parseComposeBytes } from '../../../src/model/quantities.ts';
import { defineRule } from '../../../src/rule.ts';
import { longRunningServices, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/resource-limits',
  title: 'Each service has a memory limit',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'A container without a memory limit can take the whole host: a leak pushes the host into swapping and the kernel OOM killer picks a victim — maybe the database next to it. With a limit, the runaway container alone is killed and restarted, and Node.js sizes its heap to the memory it may use. A CPU limit is not asked for, as for Kubernetes: throttling a busy service rarely helps it, and the other services get their share of CPU anyway.',
  fix: 'Set `deploy.resources.limits.memory: 512M` (compose v2 applies it outside Swarm too), or `mem_limit: 512m`.',
  appliesTo: ['compose'],
  messages: {
    noMemory: (d: { service: string }) => `service ${d.service} has no memory limit, so a leak can exhaust the host: set \`deploy.resources.limits.memory\` (or \`mem_limit\`)`,
    invalidMemory: (d: { service: string; value: string }) => `the memory limit "${d.value}" of service ${d.service} is not a size compose reads: write it like 512m or 1g`,
  },
  check({ project, subject }) {
    for (const s of longRunningServices(project)) {
      const report = subject(serviceId(s));
      const { memory } = s.limits;
      if (!memory) report.report('noMemory', { service: s.name }, s.loc);
      // A value another file writes is reported by that file's service.
      if (memory && memory.loc.file === s.file && !memory.value.includes('$') && parseComposeBytes(memory.value) === undefined) {
        report.report('invalidMemory', { service: s.name, value: memory.value }, memory.loc);
      }
    }
  },
});
