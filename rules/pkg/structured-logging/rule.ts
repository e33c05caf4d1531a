import { defineRule } from '../../../src/rule.ts';
import { enclosingPackages, missingFieldLoc } from '../_shared.ts';

/** Loggers that write structured (JSON) records; fastify logs through pino. */
function isStructuredLogger(name: string): boolean {
  return /(?:^|[/-])(?:pino|winston|bunyan)(?:$|[/-])/.test(name) || name.startsWith('@opentelemetry/') || ['roarr', 'tslog', '@logtape/logtape', 'fastify', 'nestjs-pino'].includes(name);
}

export default defineRule({
  id: 'pkg/structured-logging',
  title: 'A server logs with a structured logger',
  category: 'observability',
  severity: 'info',
  rationale:
    "Production logs are read by machines before people: log platforms index fields, alerts match on levels and error codes, and traces join on request ids. `console.log` text cannot be filtered by level, carries no request context and breaks multi-line stack traces into separate records, so incidents take longer to diagnose.",
  fix: 'Add a structured logger (`npm i pino`, or winston with the JSON format, or OpenTelemetry logs), log objects with a level and a request id, and keep console.* out of request paths.',
  appliesTo: ['package-json', 'source'],
  messages: {
    missing: () => 'this HTTP server has no structured logger among its dependencies: add one (`npm i pino`, or winston with JSON output) and log objects with levels instead of console text',
  },
  check({ project, subject }) {
    for (const service of project.services) {
      if (!service.isServer) continue;
      const pkg = service.package;
      const report = subject(pkg.file);
      const dependencies = [pkg, ...enclosingPackages(project, pkg)].flatMap((p) => Object.keys(p.dependencies));
      if (dependencies.some(isStructuredLogger)) continue;
      report.report('missing', undefined, missingFieldLoc(pkg, '/dependencies'));
    }
  },
});
