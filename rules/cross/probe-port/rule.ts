import { defineRule } from '../../../src/rule.ts';
import { healthChecks, type ListenPort, listenPorts, type ProbeRequest, resolvePortRef, type RunEnv } from '../_shared.ts';
import type { Service } from '../../../src/model/service/index.ts';

type Verdict =
  | { ok: true }
  | { ok: false; messageId: 'notListening'; port: number; listening: ListenPort[] }
  | { ok: false; messageId: 'notDeclared'; port: number; declared: number[] };

/** Whether a request's port reaches the app under one environment; ok when it cannot be told. */
function verdict(port: number | undefined, service: Service, env: RunEnv, declared: readonly number[]): Verdict {
  if (port === undefined) return { ok: true };
  const { ports, unknown } = listenPorts(service, env);
  if (ports.some((p) => p.port === port)) return { ok: true };
  if (!unknown && ports.length > 0) return { ok: false, messageId: 'notListening', port, listening: ports };
  // Some listen port is unknown: the declared ports are the best account of where the app listens.
  if (declared.length === 0 || declared.includes(port)) return { ok: true };
  return { ok: false, messageId: 'notDeclared', port, declared: [...new Set(declared)] };
}

function portOf(request: ProbeRequest, env: RunEnv): number | undefined {
  const p = request.port;
  if ('number' in p) return p.number;
  if ('default' in p) return p.default;
  if ('ref' in p) return resolvePortRef(p.ref, env);
  return undefined;
}

const list = (ports: readonly ListenPort[]) => ports.map((p) => `${p.port} (${p.how})`).join(', ');

export default defineRule({
  id: 'cross/probe-port',
  title: "Health checks target a port the app listens on",
  category: 'reliability',
  severity: 'error',
  rationale:
    'A probe or health check that connects to a port nothing listens on always fails: Kubernetes restarts a healthy container in a loop (liveness) or never sends it traffic (readiness), and Docker marks it unhealthy. The port in the manifest, the EXPOSE line and the port the code listens on (`process.env.PORT || 3000`, under the PORT the deployment sets) drift apart silently; only reading them together shows it.',
  fix: "Point the probe or HEALTHCHECK at the port the app listens on (the `PORT` the deployment sets, else the code's default), or a named port that resolves to it; keep containerPort/EXPOSE in step.",
  appliesTo: ['k8s', 'compose', 'dockerfile', 'source'],
  messages: {
    notListening: (d: { what: string; port: number; listening: string; app: number }) =>
      `${d.what} checks port ${d.port}, but the app listens on ${d.listening}: point the check at port ${d.app} or make the app listen on ${d.port}`,
    notDeclared: (d: { what: string; port: number; declared: string }) =>
      `${d.what} checks port ${d.port}, which the container does not declare (it declares ${d.declared}) and the code is not seen listening on: point the check at the app's port`,
    unknownName: (d: { what: string; name: string; names: string }) =>
      `${d.what} names port "${d.name}", but the container declares no port of that name${d.names ? ` (it declares ${d.names})` : ''}: name a declared port or write its number`,
  },
  check({ project, subject }) {
    for (const check of healthChecks(project)) {
      const report = subject(check.id);
      for (const request of check.requests) {
        if ('unknownName' in request.port) {
          report.report('unknownName', { what: check.what, name: request.port.unknownName, names: check.portNames.map((n) => `"${n}"`).join(', ') }, request.portLoc);
          continue;
        }
        const verdicts = check.envs.map((env) => verdict(portOf(request, env), check.service, env, check.declared));
        const first = verdicts[0];
        if (!first || first.ok || verdicts.some((v) => v.ok)) continue;
        if (first.messageId === 'notListening') {
          report.report('notListening', { what: check.what, port: first.port, listening: list(first.listening), app: (first.listening[0] as ListenPort).port }, request.portLoc);
        } else report.report('notDeclared', { what: check.what, port: first.port, declared: first.declared.join(', ') }, request.portLoc);
      }
    }
  },
});
