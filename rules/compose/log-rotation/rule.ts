import type { Project } from '../../../src/model/project.ts';
import { defineRule } from '../../../src/rule.ts';
import { longRunningServices, ownLoc, serviceId } from '../_shared.ts';

/** Drivers that write to the host's disk without a size bound unless `max-size` is set. */
const UNBOUNDED_DRIVERS = new Set(['json-file']);

/**
 * A script that ships configures the Docker daemon's default rotation (`"log-opts": {"max-size": …}` written to
 * daemon.json, as an installer does before it starts the compose file): every json-file container is bounded.
 */
function daemonRotates(project: Project): boolean {
  return project.scripts.some((script) => {
    const text = project.file(script.file)?.text ?? '';
    return project.scope.ships(script.file) && /daemon\.json/.test(text) && /["']?log-opts["']?\s*:/.test(text) && /max-size/.test(text);
  });
}

export default defineRule({
  id: 'compose/log-rotation',
  title: 'Container logs are rotated',
  category: 'operations',
  severity: 'info',
  rationale:
    'Docker\'s default json-file driver keeps every line a container writes, forever: a chatty or crash-looping Node.js service fills the host\'s disk in days, and then the database next to it stops writing. `max-size` and `max-file` cap it (the `local` driver rotates by default).',
  fix: 'Add `logging: {driver: json-file, options: {max-size: "10m", max-file: "3"}}` to each service (an `x-logging` anchor merged into every service keeps it in one place), or set the daemon\'s log-opts (a script of the repository that writes them to daemon.json counts).',
  appliesTo: ['compose'],
  messages: {
    unbounded: (d: { service: string }) =>
      `service ${d.service} logs with the json-file driver and no \`max-size\`, so its logs grow until the disk is full: add \`logging.options.max-size: "10m"\` and \`max-file: "3"\``,
  },
  check({ project, subject }) {
    const daemonDefault = daemonRotates(project);
    for (const s of longRunningServices(project)) {
      const driver = s.logging?.driver ?? 'json-file';
      if (!UNBOUNDED_DRIVERS.has(driver) || (daemonDefault && s.logging?.driver === undefined)) continue;
      const report = subject(serviceId(s));
      if (!s.logging?.options['max-size']) report.report('unbounded', { service: s.name }, ownLoc(s, s.logging?.loc));
    }
  },
});
