import type { Project } from '../../../src/model/project.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../../code/_shared.ts';
import { enclosingPackages, missingFieldLoc } from '../_shared.ts';

/** Levelled loggers with structured output; fastify logs through pino, NestJS apps through nestjs-pino or winston. */
function isStructuredLogger(name: string): boolean {
  return /(?:^|[/-])(?:pino|winston|bunyan|log4js|signale|consola|loglevel)(?:$|[/-])/.test(name) || name.startsWith('@opentelemetry/') || ['roarr', 'tslog', '@logtape/logtape', 'fastify', 'nestjs-pino', '@nestjs/pino', 'nest-winston', '@google-cloud/logging', '@azure/monitor-opentelemetry', 'dd-trace', 'loglayer', 'adze'].includes(name);
}

/**
 * The dependencies a package runs with: its own, the workspace root's, and those of the workspace packages it
 * depends on (a shared `@acme/logger` that wraps pino), a few levels deep.
 */
function runtimeDependencies(project: Project, pkg: PackageJson, byName: ReadonlyMap<string, PackageJson>): string[] {
  const seen = new Set<PackageJson>();
  const names: string[] = [];
  const visit = (p: PackageJson, depth: number) => {
    if (seen.has(p) || depth > 4) return;
    seen.add(p);
    for (const name of Object.keys(p.dependencies)) {
      names.push(name);
      const local = byName.get(name);
      if (local) visit(local, depth + 1);
    }
  };
  for (const p of [pkg, ...enclosingPackages(project, pkg)]) visit(p, 0);
  return names;
}

export default defineRule({
  id: 'pkg/structured-logging',
  title: 'A server logs with a structured logger',
  category: 'observability',
  severity: 'info',
  rationale:
    "Production logs are read by machines before people: log platforms index fields, alerts match on levels and error codes, and traces join on request ids. `console.log` text cannot be filtered by level, carries no request context and breaks multi-line stack traces into separate records, so incidents take longer to diagnose. A logger of the service's own that writes one JSON record per line, with a level and a message, counts as one.",
  fix: 'Add a structured logger (`npm i pino`, or winston with the JSON format, or OpenTelemetry logs), log objects with a level and a request id, and keep console.* out of request paths.',
  appliesTo: ['package-json', 'source'],
  messages: {
    missing: () => 'this HTTP server has no structured logger among its dependencies: add one (`npm i pino`, or winston with JSON output) and log objects with levels instead of console text',
  },
  check({ project, subject }) {
    const byName = new Map(project.packages.flatMap((p) => (p.name ? [[p.name, p] as const] : [])));
    for (const service of httpServers(project)) {
      const pkg = service.package;
      const report = subject(pkg.file);
      // A logger of its own that writes JSON records with a level counts as one.
      if (runtimeDependencies(project, pkg, byName).some(isStructuredLogger) || service.structuredLogs.length > 0) continue;
      report.report('missing', undefined, missingFieldLoc(pkg, '/dependencies'));
    }
  },
});
