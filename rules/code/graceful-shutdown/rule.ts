import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

export default defineRule({
  id: 'code/graceful-shutdown',
  title: 'The server shuts down gracefully on SIGTERM',
  category: 'reliability',
  severity: 'error',
  rationale:
    'Docker, Kubernetes, systemd and every PaaS stop a process with SIGTERM, then kill it after a grace period. A server that does not handle SIGTERM dies at once on every deploy, scale-in and node drain: in-flight requests fail, connections and transactions are cut, and queued work is lost. Handling SIGINT alone covers Ctrl-C, not the orchestrator.',
  fix: "Handle SIGTERM: stop accepting connections (`server.close()`), finish in-flight work, close pools, then exit, with a timer that forces the exit before the platform's grace period ends — or use @godaddy/terminus, http-terminator, close-with-grace, or NestJS `app.enableShutdownHooks()`.",
  appliesTo: ['source'],
  messages: {
    missing: () =>
      "the server never handles SIGTERM, so every deploy kills it mid-request: add `process.on('SIGTERM', …)` that closes the server and exits (or use close-with-grace, @godaddy/terminus or http-terminator)",
    sigintOnly: () => "only SIGINT is handled, but Docker and Kubernetes stop containers with SIGTERM: handle SIGTERM the same way (`process.on('SIGTERM', shutdown)`)",
  },
  check({ project, subject }) {
    for (const service of httpServers(project)) {
      const report = subject(service.package.file);
      if (service.handlesSignal('SIGTERM')) continue;
      const sigint = service.signalHandlers.find((h) => h.signal === 'SIGINT');
      if (sigint) report.report('sigintOnly', undefined, sigint.loc);
      else report.report('missing', undefined, service.loc);
    }
  },
});
