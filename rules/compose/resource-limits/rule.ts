import { parseComposeBytes } from '../../../src/model/quantities.ts';
import { defineRule } from '../../../src/rule.ts';
import { longRunningServices, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/resource-limits',
  title: 'Each service has memory and CPU limits',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'A container without limits can take the whole host: a memory leak pushes the host into swapping and the kernel OOM killer picks a victim — maybe the database next to it — and a busy loop starves every other service of CPU. With limits, the runaway container alone is killed or throttled, and Node.js sizes its heap to the memory it may use.',
  fix: 'Set `deploy.resources.limits: {memory: 512M, cpus: "1.0"}` (compose v2 applies it outside Swarm too), or `mem_limit: 512m` and `cpus: 1.0`.',
  appliesTo: ['compose'],
  messages: {
    missing: (d: { service: string }) =>
      `service ${d.service} has no memory or CPU limit, so one leak or busy loop can take the host: set \`deploy.resources.limits.memory\` and \`.cpus\``,
    noMemory: (d: { service: string }) => `service ${d.service} has no memory limit, so a leak can exhaust the host: set \`deploy.resources.limits.memory\` (or \`mem_limit\`)`,
    noCpu: (d: { service: string }) => `service ${d.service} has no CPU limit, so a busy loop can starve the other services: set \`deploy.resources.limits.cpus\` (or \`cpus\`)`,
    invalidMemory: (d: { service: string; value: string }) => `the memory limit "${d.value}" of service ${d.service} is not a size compose reads: write it like 512m or 1g`,
  },
  check({ project, subject }) {
    for (const s of longRunningServices(project)) {
      const report = subject(serviceId(s));
      const { memory, cpus } = s.limits;
      if (!memory && !cpus) report.report('missing', { service: s.name }, s.loc);
      else if (!memory) report.report('noMemory', { service: s.name }, s.loc);
      else if (!cpus) report.report('noCpu', { service: s.name }, s.loc);
      // A value another file writes is reported by that file's service.
      if (memory && memory.loc.file === s.file && !memory.value.includes('$') && parseComposeBytes(memory.value) === undefined) {
        report.report('invalidMemory', { service: s.name, value: memory.value }, memory.loc);
      }
    }
  },
});
