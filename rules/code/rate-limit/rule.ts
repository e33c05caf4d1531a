import { defineRule } from '../../../src/rule.ts';
import { httpServers } from '../_shared.ts';

export default defineRule({
  id: 'code/rate-limit',
  title: 'The server limits request rates',
  category: 'security',
  severity: 'info',
  rationale:
    'Without a rate limit one client (a scraper, a retry loop, a credential-stuffing script) can take all of the service\'s capacity, run up costs of downstream calls, and try passwords or tokens as fast as the server answers.',
  fix: 'Apply a rate limiter (express-rate-limit, @fastify/rate-limit, koa-ratelimit, @nestjs/throttler), at least on authentication and expensive routes, or enforce limits at the gateway in front of the service.',
  appliesTo: ['source'],
  messages: {
    missing: () => 'the server applies no rate limit: add a limiter (express-rate-limit, @fastify/rate-limit, @nestjs/throttler), at least on login and expensive routes, or limit at the gateway',
  },
  check({ project, subject }) {
    for (const service of httpServers(project)) {
      const report = subject(service.package.file);
      if (service.helpersOf('rate-limit').length > 0) continue;
      report.report('missing', undefined, service.loc);
    }
  },
});
