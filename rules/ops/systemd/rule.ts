import { isFalsy, isTruthy } from '../../../src/model/settings.ts';
import { defineRule } from '../../../src/rule.ts';

const ROOT = /^(?:root|0)$/;
/** Container runtimes and their compose front ends: a unit that runs one supervises a container, not a process of its own. */
const CONTAINER_RUNTIMES = new Set(['docker', 'podman', 'docker-compose', 'podman-compose', 'nerdctl']);

/** The container runtime a unit's ExecStart runs, and whether it leaves the container in the background (`up -d`, `run --detach`). */
function containerStart(execStart: string | undefined): { detached: boolean } | undefined {
  // `ExecStart=-/usr/bin/docker …`: systemd's prefixes (`-`, `@`, `+`, `!`, `:`) come before the path.
  const words = (execStart ?? '').trim().replace(/^[-@+!:]+/, '').split(/\s+/);
  const program = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (!CONTAINER_RUNTIMES.has(program)) return undefined;
  return { detached: words.some((w) => w === '--detach' || (/^-[a-z]*d[a-z]*$/.test(w) && w.length <= 4)) };
}

export default defineRule({
  id: 'ops/systemd',
  title: 'systemd services run unprivileged, restart on failure and have a memory limit',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'A unit without `User=` runs the Node.js process as root, so any remote-code-execution bug owns the host. Without `Restart=` a crash leaves the service down until someone notices; without `NoNewPrivileges=yes` a compromised process can still gain privileges through setuid binaries; without a memory limit a leak grows until the kernel OOM killer picks a victim — possibly the database next to it. A unit that runs a container judges only what is its own: the user, privileges and memory of the container are set by the runtime or the compose file, and one started in the background (`up -d`, `RemainAfterExit=yes`) is restarted by them too.',
  fix: 'In [Service], set `User=` to a dedicated account (or `DynamicUser=yes`), `Restart=on-failure` (with `RestartSec=`), `NoNewPrivileges=yes` and `MemoryMax=` a little above the heap limit (`--max-old-space-size`).',
  appliesTo: ['systemd'],
  messages: {
    noUser: () => 'no `User=`: the service runs as root — add `User=` with a dedicated account (or `DynamicUser=yes`)',
    rootUser: (d: { user: string }) => `\`User=${d.user}\` runs the service as root: use a dedicated unprivileged account (or \`DynamicUser=yes\`)`,
    noRestart: () => 'no `Restart=`: a crashed service stays down — add `Restart=on-failure` (and `RestartSec=5`)',
    restartNo: () => '`Restart=no` leaves a crashed service down: use `Restart=on-failure` (and `RestartSec=5`)',
    noNoNewPrivileges: () => 'no `NoNewPrivileges=yes`: the process can gain privileges through setuid binaries — add `NoNewPrivileges=yes`',
    newPrivileges: () => '`NoNewPrivileges` is switched off: set `NoNewPrivileges=yes`',
    noMemoryLimit: () => 'no memory limit: a leak grows until the OOM killer picks a victim — add `MemoryMax=` (a little above the Node.js heap limit)',
    unlimitedMemory: () => '`MemoryMax=infinity` sets no limit: give the service a size (`MemoryMax=1G`, a little above the Node.js heap limit)',
  },
  check({ project, subject }) {
    for (const unit of project.systemdUnits) {
      const service = unit.section('Service');
      if (!service) continue; // not a runnable service unit (a template fragment or a unit of another type)
      const report = subject(unit.file);
      const at = service.loc;
      // A unit that runs a container: the container's user, privileges and memory are the runtime's flags or the
      // compose file's (compose/* rules judge them); started in the background, its restart policy is theirs too.
      const container = containerStart(unit.last('Service', 'ExecStart')?.value);
      const remains = isTruthy(unit.last('Service', 'RemainAfterExit')?.value);
      if (container && (container.detached || remains)) continue;

      const user = unit.last('Service', 'User');
      if (!container && !isTruthy(unit.last('Service', 'DynamicUser')?.value)) {
        if (!user) report.report('noUser', undefined, at);
        else if (ROOT.test(user.value)) report.report('rootUser', { user: user.value }, user.valueLoc);
      }

      // A oneshot unit (a job a timer starts) runs to completion: restarting it is not the point.
      const oneshot = unit.last('Service', 'Type')?.value === 'oneshot';
      const restart = unit.last('Service', 'Restart');
      if (!restart && !oneshot) report.report('noRestart', undefined, at);
      else if (restart?.value === 'no' && !oneshot) report.report('restartNo', undefined, restart.valueLoc);

      if (container) continue;
      const nnp = unit.last('Service', 'NoNewPrivileges');
      if (!nnp) report.report('noNoNewPrivileges', undefined, at);
      else if (isFalsy(nnp.value)) report.report('newPrivileges', undefined, nnp.valueLoc);

      const memory = unit.last('Service', 'MemoryMax') ?? unit.last('Service', 'MemoryLimit');
      if (!memory) report.report('noMemoryLimit', undefined, at);
      else if (memory.value === 'infinity') report.report('unlimitedMemory', undefined, memory.valueLoc);
    }
  },
});
