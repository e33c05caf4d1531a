import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

export default defineRule({
  id: 'code/security-headers',
  title: 'The server sends security headers',
  category: 'security',
  severity: 'info',
  rationale:
    'Headers such as Strict-Transport-Security, Content-Security-Policy, X-Content-Type-Options and X-Frame-Options tell browsers to refuse downgrades, script injection, MIME sniffing and clickjacking. Frameworks do not send them by default, and a response without them leaves those defences off for every page and API response the service serves.',
  fix: 'Use helmet (`app.use(helmet())`; @fastify/helmet, koa-helmet, hono `secureHeaders()`) or set the headers explicitly, at the app or at the proxy in front of it.',
  appliesTo: ['source'],
  messages: {
    missing: () => 'the server sets no security headers: add helmet (`app.use(helmet())`, @fastify/helmet, koa-helmet, hono secureHeaders) or set them at the proxy',
  },
  check({ project, subject }) {
    for (const service of httpServers(project)) {
      const report = subject(service.package.file);
      if (service.helpersOf('security-headers').length > 0 || service.securityHeaders.length > 0) continue;
      report.report('missing', undefined, service.loc);
    }
  },
});
