/**
 * Helpers: the packages the code imports that do a production chore for it (graceful shutdown, security headers, rate
 * limiting, CORS, crash handlers, health and readiness probes), and what it uses to the same end without one —
 * NestJS's `enableShutdownHooks()`, a limiter of its own mounted as middleware, a `rateLimit` config object.
 */
import type * as t from '@babel/types';
import { type CallNode, isCall, keyName, unwrap } from '../../parsers/source.ts';
import { nodeText } from './expressions.ts';
import { type Module, normaliseModule, requiredModule } from './module.ts';
import type { Helper, HelperKind } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

const HELPERS: Record<string, readonly HelperKind[]> = {
  '@godaddy/terminus': ['shutdown'],
  'http-terminator': ['shutdown'],
  'http-graceful-shutdown': ['shutdown'],
  'close-with-grace': ['shutdown', 'crash-handlers'],
  // Registers SIGTERM, SIGINT, SIGHUP and uncaughtException handlers for the servers and workers it is given.
  '@ladjs/graceful': ['shutdown', 'crash-handlers'],
  lightship: ['shutdown', 'health', 'readiness'],
  'fastify-graceful-shutdown': ['shutdown'],
  'async-exit-hook': ['shutdown'],
  'exit-hook': ['shutdown'],
  '@sentry/node': ['crash-handlers'],
  helmet: ['security-headers'],
  '@fastify/helmet': ['security-headers'],
  'fastify-helmet': ['security-headers'],
  'koa-helmet': ['security-headers'],
  'hono/secure-headers': ['security-headers'],
  lusca: ['security-headers'],
  'express-rate-limit': ['rate-limit'],
  'express-slow-down': ['rate-limit'],
  'express-brute': ['rate-limit'],
  '@fastify/rate-limit': ['rate-limit'],
  'fastify-rate-limit': ['rate-limit'],
  'koa-ratelimit': ['rate-limit'],
  'koa2-ratelimit': ['rate-limit'],
  'rate-limiter-flexible': ['rate-limit'],
  limiter: ['rate-limit'],
  'hono-rate-limiter': ['rate-limit'],
  '@nestjs/throttler': ['rate-limit'],
  cors: ['cors'],
  '@fastify/cors': ['cors'],
  'fastify-cors': ['cors'],
  '@koa/cors': ['cors'],
  'koa-cors': ['cors'],
  'hono/cors': ['cors'],
  'fastify-healthcheck': ['health'],
};

/**
 * What an imported package helps with: the known helpers, and packages named for rate limiting
 * (`limiter-es6-compat`, `@acme/rate-limiter`, `koa-throttle`), whose limiter may guard socket events as well as routes.
 */
function helperKindsOf(module: string): readonly HelperKind[] {
  if (HELPERS[module]) return HELPERS[module];
  return !module.startsWith('.') && /(?:^|[/@-])(?:rate-?limit(?:er|ing)?|limiter|throttl(?:e|er|ing))(?:$|[-/])/.test(module) ? ['rate-limit'] : [];
}

export class Helpers implements Extractor {
  readonly helpers: Helper[] = [];

  /** The helpers a module imports or requires come first, before those it uses otherwise. */
  enterModule(mod: Module): void {
    const add = (specifier: string, node: t.Node) => {
      const name = normaliseModule(specifier);
      const kinds = helperKindsOf(name);
      if (kinds.length > 0) this.helpers.push({ name, kinds, loc: mod.loc(node) });
    };
    for (const node of mod.program.body) if (node.type === 'ImportDeclaration') add(node.source.value, node);
    for (const node of mod.calls) {
      if (node.type !== 'CallExpression') continue;
      const required = requiredModule(node);
      if (required !== undefined) add(required, node);
    }
  }

  call(mod: Module, { node, method, receiver, args }: Call): void {
    if (receiver === undefined || method === undefined) return;
    if (method === 'enableShutdownHooks') this.helpers.push({ name: 'enableShutdownHooks', kinds: ['shutdown'], loc: mod.loc(node) });
    // A project's own limiter mounted as middleware: `app.use(apiRateLimiter)`, `app.use('/api', createRateLimitMiddleware(…))`.
    if (method === 'use') {
      const limiter = args.map((a) => nodeText(isCall(unwrap(a)) ? (unwrap(a) as CallNode).callee : a) ?? '').find((text) => /rate_?limit|throttl/i.test(text));
      if (limiter) this.helpers.push({ name: limiter, kinds: ['rate-limit'], loc: mod.loc(node) });
    }
  }

  property(mod: Module, node: t.ObjectProperty, ancestors: readonly t.Node[]): void {
    const key = keyName(node.key, node.computed);
    if (!key || ancestors.at(-1)?.type !== 'ObjectExpression') return;
    if (/^rate_?limit(?:er|ing)?$/i.test(key) && unwrap(node.value).type === 'ObjectExpression') this.helpers.push({ name: key, kinds: ['rate-limit'], loc: mod.loc(node) });
  }
}
