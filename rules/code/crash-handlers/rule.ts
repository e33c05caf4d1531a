import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

export default defineRule({
  id: 'code/crash-handlers',
  title: 'Uncaught exceptions and unhandled rejections are logged, then end the process',
  category: 'reliability',
  severity: 'warning',
  rationale:
    "Without handlers, a crash writes a bare stack trace to stderr that structured log pipelines often drop, so the cause of a restart loop is invisible. A handler that swallows the error, or logs an uncaught exception and carries on, leaves the process running in an unknown state (half-open connections, broken invariants) that fails later and farther from the cause.",
  fix: "Add `process.on('uncaughtException', …)` and `process.on('unhandledRejection', …)` that log the error with your logger, then shut down gracefully and exit non-zero (close-with-grace does both); let the orchestrator restart the process.",
  appliesTo: ['source'],
  messages: {
    missing: (d: { events: string }) => `the server does not handle ${d.events}: add a handler that logs the error with your logger, then shuts down and exits non-zero`,
    swallowed: (d: { event: string }) => `the ${d.event} handler is empty, so errors vanish: log the error, then shut down and exit non-zero`,
    keepsRunning: () => 'the uncaughtException handler logs and carries on, leaving the process in an unknown state: shut down and exit non-zero after logging',
  },
  check({ project, subject }) {
    for (const service of httpServers(project)) {
      const report = subject(service.package.file);
      if (service.helpersOf('crash-handlers').length > 0) continue;
      // Since Node.js 15 an unhandled rejection is raised as an uncaught exception: an exiting handler of that covers both.
      const exitsOnUncaught = service.crashHandlers.some((h) => h.event === 'uncaughtException' && h.outcome === 'exits');
      const missing = EVENTS.filter((event) => !service.crashHandlers.some((h) => h.event === event) && !(event === 'unhandledRejection' && exitsOnUncaught));
      if (missing.length > 0) report.report('missing', { events: missing.join(' and ') }, service.loc);
      for (const handler of service.crashHandlers) {
        if (handler.outcome === 'empty') report.report('swallowed', { event: handler.event }, handler.loc);
        else if (handler.outcome === 'logs-only' && handler.event === 'uncaughtException') report.report('keepsRunning', undefined, handler.loc);
      }
    }
  },
});
