import { composeEnvironment } from '../../../src/model/links.ts';
import { internalPortReason } from '../../../src/model/ports.ts';
import { INSPECT_FLAG, INSPECTOR_PORT } from '../../../src/model/settings.ts';
import { defineRule } from '../../../src/rule.ts';
import { portSettings } from '../../cross/_shared.ts';
import { commandOf, productionServices, serviceId } from '../_shared.ts';

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** The port `--inspect[=host:]port` in a command listens on (9229 without one). */
function inspectorPort(command: readonly string[]): number | undefined {
  const text = command.join(' ');
  if (!INSPECT_FLAG.test(text)) return undefined;
  const port = /--inspect(?:-brk|-port|-wait)?=(?:[^\s:]*:)?(\d+)/.exec(text);
  return port ? Number(port[1]) : INSPECTOR_PORT;
}

export default defineRule({
  id: 'compose/exposed-internal-port',
  title: 'Debug, management and metrics ports are not published on all interfaces',
  category: 'security',
  severity: 'error',
  rationale: `A port in \`ports:\` without a host IP is published on every interface of the host — and Docker's iptables rules bypass host firewalls such as ufw. The Node.js inspector (port ${INSPECTOR_PORT}) is remote code execution for anyone who connects; management and admin ports change the running service; metrics leak internals. Bound to 127.0.0.1 they stay reachable for an operator on the host or an SSH tunnel.`,
  fix: 'Publish these ports as `127.0.0.1:9090:9090` (or not at all: services on the same compose network reach each other without `ports:`), and never run `--inspect` in production.',
  appliesTo: ['compose'],
  messages: {
    exposed: (d: { service: string; port: number; reason: string }) =>
      `service ${d.service} publishes port ${d.port}, the ${d.reason}, on all interfaces: bind it to 127.0.0.1 (\`127.0.0.1:${d.port}:${d.port}\`) or stop publishing it`,
  },
  check({ project, subject }) {
    for (const s of productionServices(project)) {
      if (s.ports.length === 0) continue;
      const report = subject(serviceId(s));
      const { env: deployed, complete } = composeEnvironment(s, project.envFiles);
      const env = portSettings(project, s.dockerfile, { env: deployed, envComplete: complete });
      const inspector = inspectorPort(commandOf(s).concat(s.environment.filter((e) => e.key === 'NODE_OPTIONS').map((e) => e.value ?? '')));
      for (const port of s.ports) {
        if (port.hostIp !== undefined && LOOPBACK.test(port.hostIp)) continue;
        for (const number of port.targets) {
          const reason = number === inspector ? 'Node.js inspector port' : internalPortReason({ number, name: port.name, env });
          if (reason) {
            report.report('exposed', { service: s.name, port: number, reason }, port.loc);
            break;
          }
        }
      }
    }
  },
});
