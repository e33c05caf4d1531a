import { defineRule } from '../../../src/rule.ts';
import { longRunningServices, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/restart',
  title: 'Each service has a restart policy',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Compose restarts nothing by default: a Node.js process that crashes on an unhandled rejection, is OOM-killed or exits when the host reboots stays down until someone notices. Supervisors such as noex\'s "let it crash" design assume something restarts the process.',
  fix: 'Add `restart: unless-stopped` (or `always`) to every long-running service, or `deploy.restart_policy: {condition: any}` for Swarm; one-shot services say `restart: "no"`.',
  appliesTo: ['compose'],
  messages: {
    missing: (d: { service: string }) => `service ${d.service} has no restart policy, so a crash or a host reboot leaves it down: add \`restart: unless-stopped\``,
  },
  check({ project, subject }) {
    for (const s of longRunningServices(project)) {
      const report = subject(serviceId(s));
      if (!s.restart && !s.restartPolicy) report.report('missing', { service: s.name }, s.loc);
    }
  },
});
