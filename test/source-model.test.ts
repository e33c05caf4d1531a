/** The service model (src/model/service/index.ts) on small in-memory repositories, framework by framework. */
import { describe, expect, it } from 'vitest';
import { classifyByName } from '../src/classify.ts';
import { defaultConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { buildModel } from '../src/model/build.ts';
import { isHealthRoute, type Route, type Service } from '../src/model/service/index.ts';

const PKG = JSON.stringify({ name: 'svc', private: true, main: 'dist/server.js', scripts: { start: 'node dist/server.js' } });

function model(files: Record<string, string>) {
  const sources = Object.entries({ 'package.json': PKG, ...files }).map(([path, text]) => makeSourceFile(path, classifyByName(path) ?? 'source', text));
  return buildModel('/nonexistent', sources, defaultConfig());
}

function service(files: Record<string, string>): Service {
  const s = model(files).project.services[0];
  if (!s) throw new Error('no service');
  return s;
}

const routes = (s: Service) => s.routes.map((r) => `${r.method} ${r.path}`).sort();

describe('which files are parsed', () => {
  it('follows entry points, usual folders and relative imports; skips tests, build output and scripts', () => {
    const s = service({
      'src/server.ts': "import { app } from './app';\napp.listen(3000);",
      'src/app.ts': "import express from 'express';\nexport const app = express();",
      'src/app.test.ts': 'this is not parsed (',
      'dist/server.js': 'neither is this (',
      'scripts/seed.ts': 'nor this (',
      'src/routes/health.ts': 'export {};',
    });
    expect(s.files).toEqual(['src/app.ts', 'src/routes/health.ts', 'src/server.ts']);
  });

  it('seeds the usual folders an entry lies in; the others only by import or when no entry resolves', () => {
    const kuma = model({
      'package.json': JSON.stringify({ name: 'x', scripts: { start: 'npm run start-server', 'start-server': 'node server/server.js', dev: 'vite --config ./config/vite.config.js' } }),
      'server/server.js': "const { util } = require('../lib/util.js');\nrequire('http').createServer().listen(3001);",
      'server/routes/status.js': 'module.exports = {};',
      'lib/util.js': 'exports.util = 1;',
      'src/mixins/socket.js': "export default { data() { return { token: 'autoLogin' }; } };",
    }).project.services[0];
    expect(kuma?.files).toEqual(['lib/util.js', 'server/routes/status.js', 'server/server.js']);
    const noEntry = model({ 'package.json': JSON.stringify({ name: 'x' }), 'src/a.ts': 'export {};', 'lib/b.js': 'export {};' }).project.services[0];
    expect(noEntry?.files).toEqual(['lib/b.js', 'src/a.ts']);
  });

  it('a file only development scripts run is not seeded from its folder', () => {
    const s = model({
      'package.json': JSON.stringify({ name: 'x', scripts: { start: 'node dist/server.js', dev: 'tsx watch src/server-dev.ts' } }),
      'src/server.ts': 'export {};',
      'src/server-dev.ts': "import './server';",
    }).project.services[0];
    expect(s?.files).toEqual(['src/server.ts']);
  });

  it('maps a start script in dist/ to its src/ counterpart and follows imports outside the usual folders', () => {
    const s = model({
      'package.json': JSON.stringify({ name: 'x', scripts: { start: 'node build/index.js' } }),
      'index.ts': "import './routes/health';",
      'routes/health.ts': 'export {};',
    }).project.services[0];
    expect(s?.files).toEqual(['index.ts', 'routes/health.ts']);
  });

  it('valid code is never a parse error: a decorator on a computed member (NestJS DTOs), Flow annotations in plain .js', () => {
    const m = model({
      'src/dto.ts': 'export class Dto {\n  @IsString()\n  @IsNotEmpty()\n  [Kind.Provider]: string;\n  constructor(@Inject(X) private readonly x: X) {}\n}\n',
      'src/config.js': "// A Config object tells how an app is configured.\nimport type { Options } from './types';\nexport class Config {\n  static get(id: string, mount: string): ?Config { return null; }\n}\n",
    });
    expect(m.problems).toEqual([]);
    expect(m.project.services[0]?.files).toEqual(['src/config.js', 'src/dto.ts']);
  });

  it('reads t3-env schemas for what is required, and not the runtimeEnv handover as reads of its own', () => {
    const s = service({
      'src/env.ts': [
        "import { createEnv } from '@t3-oss/env-nextjs';",
        "import { z } from 'zod';",
        'export const env = createEnv({',
        '  server: { DATABASE_URL: z.string(), QUEUE_SIZE: z.coerce.number().default(10) },',
        '  client: { NEXT_PUBLIC_HOST: z.string().optional() },',
        '  runtimeEnv: { DATABASE_URL: process.env.DATABASE_URL, QUEUE_SIZE: process.env.QUEUE_SIZE, NEXT_PUBLIC_HOST: process.env.NEXT_PUBLIC_HOST },',
        '});',
      ].join('\n'),
    });
    expect(s.envReads.map((r) => [r.name, r.hasDefault])).toEqual([
      ['DATABASE_URL', false],
      ['QUEUE_SIZE', true],
      ['NEXT_PUBLIC_HOST', true],
    ]);
  });

  it('leaves browser code out of the server: client components, *.client files, UI modules without server exports', () => {
    const m = model({
      'src/server.ts': "import express from 'express';\nimport './routes/users';\nimport './components/Login';\nimport './lib/api.client';\nimport './widgets/banner';\nexpress().listen(3000);",
      'src/routes/users.tsx': "import { json } from '@remix-run/node';\nimport { useLoaderData } from 'react-router';\nimport React from 'react';\nexport const loader = () => json({ token: process.env.API_TOKEN });\nexport default function Users() { return null; }",
      'src/components/Login.tsx': "'use client';\nexport const Login = () => fetch('/api', { credentials: 'include' });",
      'src/lib/api.client.ts': 'export const key = process.env.NEXT_PUBLIC_KEY;',
      'src/widgets/banner.ts': "import { h } from 'preact';\nexport const banner = process.env.BANNER_TEXT;",
    });
    expect(m.project.services[0]?.files).toEqual(['src/routes/users.tsx', 'src/server.ts']);
    expect(m.project.services[0]?.envReads.map((r) => r.name)).toEqual(['API_TOKEN']);
  });

  it('reports a file Babel cannot parse as a parse error with its position, and skips minified files', () => {
    const m = model({ 'src/broken.js': 'const x = {\n  a: 1,,\n  function (\n', 'src/bundle.min.js': 'var a=1;' });
    expect(m.problems).toEqual([expect.objectContaining({ path: 'src/broken.js', kind: 'parse-error', line: expect.any(Number), column: expect.any(Number) })]);
    expect(m.project.services[0]?.files).toEqual([]);
  });
});

describe('servers, listens and ports', () => {
  it('express with a port from the environment and a default', () => {
    const s = service({
      'src/server.js': "const express = require('express');\nconst app = express();\nconst PORT = process.env.PORT || 3000;\napp.listen(PORT, () => {});",
    });
    expect(s.kind).toBe('server');
    expect(s.servers.map((x) => x.framework)).toEqual(['express']);
    expect(s.ports).toEqual([expect.objectContaining({ env: 'PORT', value: 3000 })]);
    expect(s.loc).toMatchObject({ file: 'src/server.js', line: 4, column: 1 });
  });

  it('fastify listening on an options object', () => {
    const s = service({ 'src/server.ts': "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\nawait app.listen({ port: 8080, host: '0.0.0.0' });" });
    expect(s.isServer).toBe(true);
    expect(s.ports.map((p) => p.value)).toEqual([8080]);
  });

  it('a library that builds an app but never listens is not a server; nor is a published CLI', () => {
    expect(service({ 'src/index.ts': "import express from 'express';\nexport function makeApp() { return express(); }" }).kind).toBe('library');
    const cli = model({
      'package.json': JSON.stringify({ name: 'tool', bin: { tool: 'src/cli.js' } }),
      'src/cli.js': "import http from 'node:http';\nhttp.createServer(() => {}).listen(0);",
    }).project.services[0];
    expect(cli?.kind).toBe('cli');
    expect(cli?.isServer).toBe(false);
  });

  it('a process whose only listen is on loopback or an ephemeral port (an in-process proxy) is no server', () => {
    const proxy = "import http from 'node:http';\nconst server = http.createServer(() => {});\n";
    expect(service({ 'src/index.ts': `${proxy}server.listen(0, '127.0.0.1');` }).isServer).toBe(false);
    expect(service({ 'src/index.ts': `${proxy}server.listen(9100, 'localhost');` }).isServer).toBe(false);
    expect(service({ 'src/index.ts': `${proxy}server.listen(9100, '0.0.0.0');` }).isServer).toBe(true);
    expect(service({ 'src/index.ts': `${proxy}server.listen(0, '127.0.0.1');\nserver.listen({ port: 3000 });` }).isServer).toBe(true);
  });

  it('hono on @hono/node-server, koa, hapi and NestJS', () => {
    expect(service({ 'src/index.ts': "import { Hono } from 'hono';\nimport { serve } from '@hono/node-server';\nconst app = new Hono();\nserve({ fetch: app.fetch, port: 8787 });" }).ports.map((p) => p.value)).toEqual([8787]);
    expect(service({ 'src/index.js': "const Koa = require('koa');\nconst app = new Koa();\napp.listen(3000);" }).servers[0]?.framework).toBe('koa');
    const hapi = service({ 'src/index.js': "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: 3000 });\nawait server.start();" });
    expect(hapi.isServer).toBe(true);
    expect(hapi.ports.map((p) => p.value)).toEqual([3000]);
    const nest = service({ 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\nawait app.listen(process.env.PORT ?? 3000);" });
    expect(nest.servers[0]?.framework).toBe('nest');
    expect(nest.ports).toEqual([expect.objectContaining({ env: 'PORT', value: 3000 })]);
  });
});

describe('routes', () => {
  it('a mount answers under its path when the mounted router\'s routes are not visible, on an app or on `this` in an app class', () => {
    const s = service({
      'src/server.ts': [
        "import express from 'express';",
        "import { healthRouter } from '@acme/health';",
        "import { HealthController } from './health.controller';",
        'class App {',
        '  constructor(db) {',
        '    this.app = express();',
        "    this.use('/readyz', new HealthController(db).router);",
        '  }',
        '}',
        'const app = express();',
        "app.use('/health', healthRouter);",
        'app.listen(3000);',
      ].join('\n'),
      'src/health.controller.ts': "import { Router } from 'express';\nexport class HealthController { router = Router(); }",
    });
    expect(routes(s)).toEqual(['USE /health', 'USE /readyz']);
    expect(isHealthRoute(s.routes.find((r) => r.path === '/health') as Route)).toBe(true);
  });

  it('routes of file-based frameworks: Next.js route handlers and API pages, Remix and React Router flat routes', () => {
    const next = model({
      'package.json': '{"name":"web","private":true,"scripts":{"start":"node server.js"},"dependencies":{"next":"^16.0.0","express":"^5.1.0"}}',
      'server.js': "const express = require('express');\nexpress().listen(3000);",
      'src/app/api/health/route.ts': 'export function GET() { return Response.json({ ok: true }); }',
      'src/app/(marketing)/pricing/route.ts': 'export function GET() {}',
      'pages/api/users/index.ts': 'export default function handler() {}',
      'app/api/health/route.test.ts': 'test("x", () => {});',
    }).project.services[0] as Service;
    expect(routes(next)).toEqual(['ALL /api/health', 'ALL /api/users', 'ALL /pricing']);
    const remix = model({
      'package.json': '{"name":"app","private":true,"scripts":{"start":"node server.js"},"dependencies":{"@remix-run/node":"^2.0.0","express":"^5.1.0"}}',
      'server.js': "const express = require('express');\nexpress().listen(3000);",
      'app/routes/api+/health.ts': 'export const loader = () => new Response("ok");',
      'app/routes/users.$id.tsx': 'export const loader = () => null;',
      'app/routes/_index.tsx': 'export default function Index() {}',
    }).project.services[0] as Service;
    expect(routes(remix)).toEqual(['ALL /', 'ALL /api/health', 'ALL /users/:id']);
  });

  it('express app and routers mounted across files', () => {
    const s = service({
      'src/server.ts': "import express from 'express';\nimport health from './routes/health';\nimport { api } from './routes/api';\nconst app = express();\napp.use(express.json());\napp.use('/health', health);\napp.use('/api/v1', api);\napp.get('/', (req, res) => res.send('hi'));\napp.route('/items').get(list).post(create);\napp.listen(3000);",
      'src/routes/health.ts': "import { Router } from 'express';\nconst router = Router();\nrouter.get('/', (req, res) => res.json({ ok: true }));\nrouter.get('/ready', ready);\nexport default router;",
      'src/routes/api.ts': "import express from 'express';\nexport const api = express.Router();\napi.get('/users/:id', getUser);\napi.post(['/a', '/b'], h);",
    });
    expect(routes(s)).toEqual(['GET /', 'POST /api/v1/a', 'POST /api/v1/b', 'GET /api/v1/users/:id', 'GET /health', 'GET /health/ready', 'GET /items', 'POST /items'].sort());
    const health = s.routes.find((r) => r.path === '/health');
    expect(health?.loc).toMatchObject({ file: 'src/routes/health.ts', line: 3, column: 12, endColumn: 15 });
  });

  it('HTTP clients are not routes', () => {
    const s = service({ 'src/server.js': "import express from 'express';\nimport axios from 'axios';\nconst app = express();\nawait axios.get('/health', { timeout: 1 });\nconst cache = new Map();\ncache.get('/x');\napp.listen(1);" });
    expect(routes(s)).toEqual([]);
  });

  it('fastify shorthand, route objects and plugins registered with a prefix', () => {
    const s = service({
      'src/app.ts': "import Fastify from 'fastify';\nimport routes from './routes';\nconst app = Fastify();\napp.get('/healthz', async () => ({ ok: true }));\napp.route({ method: ['GET', 'HEAD'], url: '/readyz', handler });\napp.register(routes, { prefix: '/v1' });\napp.listen({ port: 3000 });",
      'src/routes.ts': "export default async function routes(fastify) {\n  fastify.get('/items', async () => []);\n}",
    });
    expect(routes(s)).toEqual(['GET /healthz', 'GET /readyz', 'GET /v1/items', 'HEAD /readyz']);
  });

  it('koa-router with a prefix and named routes; hono with basePath and mounted sub-apps', () => {
    const koa = service({
      'src/index.js': "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router({ prefix: '/api' });\nrouter.get('health', '/health', (ctx) => { ctx.body = 'ok'; });\napp.use(router.routes());\napp.listen(3000);",
    });
    expect(routes(koa)).toEqual(['GET /api/health']);
    const hono = service({
      'src/index.ts': "import { Hono } from 'hono';\nimport { serve } from '@hono/node-server';\nconst app = new Hono();\nconst v1 = new Hono().basePath('/v1');\nv1.get('/users', (c) => c.json([]));\napp.route('/api', v1);\napp.get('/livez', (c) => c.text('ok'));\nserve(app);",
    });
    expect(routes(hono)).toEqual(['GET /api/v1/users', 'GET /livez']);
  });

  it('node:http handlers comparing req.url, switching on it, or on a parsed pathname', () => {
    const s = service({
      'src/server.ts': [
        "import { createServer } from 'node:http';",
        'const server = createServer((req, res) => {',
        "  if (req.url === '/health') return res.end('ok');",
        "  if (req.method === 'GET' && req.url === '/ready') return res.end('ok');",
        "  const { pathname } = new URL(req.url ?? '/', 'http://x');",
        "  if (pathname === '/metrics') return res.end();",
        "  if (new URL(req.url, 'http://x').pathname === '/version') return res.end();",
        '  switch (req.url) {',
        "    case '/ping': res.end('pong'); break;",
        '  }',
        '});',
        'server.listen(8080);',
      ].join('\n'),
    });
    expect(routes(s)).toEqual(['ALL /health', 'ALL /metrics', 'ALL /ping', 'ALL /version', 'GET /ready']);
  });

  it('NestJS controllers and method decorators', () => {
    const s = service({
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport './health.controller';\nconst app = await NestFactory.create(AppModule);\nawait app.listen(3000);",
      'src/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('health')\nexport class HealthController {\n  constructor(@Inject(X) private readonly x: X) {}\n  @Get()\n  check() {}\n  @Get('ready')\n  ready() {}\n}",
    });
    expect(routes(s)).toEqual(['GET /health', 'GET /health/ready']);
  });

  it('routes served by helpers: terminus health checks and lightship', () => {
    const s = service({
      'src/server.js': "import http from 'http';\nimport { createTerminus } from '@godaddy/terminus';\nconst server = http.createServer(app);\ncreateTerminus(server, { healthChecks: { '/healthcheck': check, '/ready': ready }, timeout: 5000 });\nserver.listen(3000);",
    });
    expect(routes(s)).toEqual(['GET /healthcheck', 'GET /ready']);
    expect(s.handlesSignal('SIGTERM')).toBe(true);
    expect(s.shutdown.budgetMs).toBe(5000);
  });
});

describe('signals, crash handlers and the shutdown budget', () => {
  it('signals handed to a helper are handled; a monitor of uncaught exceptions logs and lets the process crash; kill sends', () => {
    const s = service({
      'src/server.ts': [
        "import express from 'express';",
        "import { shutdown } from './lib/shutdown';",
        'const app = express();',
        'app.listen(3000);',
        "shutdown.cleanupOnSignals('SIGINT', 'SIGTERM');",
        "process.on('uncaughtExceptionMonitor', (err) => console.error(err));",
        "process.kill(process.pid, 'SIGHUP');",
      ].join('\n'),
    });
    expect(s.signalHandlers.map((h) => h.signal)).toEqual(['SIGINT', 'SIGTERM']);
    expect(s.handlesSignal('SIGTERM')).toBe(true);
    expect(s.crashHandlers).toEqual([expect.objectContaining({ event: 'uncaughtException', outcome: 'exits' })]);
  });

  it('a listen on something that is not a server (an observable, a drag handle) is not one', () => {
    const s = service({ 'src/index.ts': "import express from 'express';\nexport const app = express();\nlayout.drag.listen(() => {});\nemitter.listen('x');" });
    expect(s.listens).toEqual([]);
    expect(s.isServer).toBe(false);
  });

  it('the noex guide: SIGTERM and SIGINT call shutdown, which waits 5 s; crash handlers log and shut down or carry on', () => {
    const s = service({
      'src/server.ts': [
        "import { createServer } from 'http';",
        'createServer(handler).listen(3000);',
        'function setupShutdownHandlers(app, stopPolling) {',
        '  async function shutdown(signal) {',
        '    stopPolling();',
        '    await new Promise((r) => setTimeout(r, 5000));',
        "    await Supervisor.stop(app, 'shutdown');",
        '    process.exit(0);',
        '  }',
        "  process.on('SIGTERM', () => shutdown('SIGTERM'));",
        "  process.on('SIGINT', () => shutdown('SIGINT'));",
        "  process.on('uncaughtException', (error) => {",
        "    console.error('Uncaught exception:', error);",
        "    shutdown('uncaughtException');",
        '  });',
        "  process.on('unhandledRejection', (reason) => {",
        "    console.error('Unhandled rejection:', reason);",
        '  });',
        '}',
      ].join('\n'),
    });
    expect(s.signalHandlers.map((h) => [h.signal, h.calls])).toEqual([
      ['SIGTERM', ['shutdown']],
      ['SIGINT', ['shutdown']],
    ]);
    expect(s.crashHandlers.map((h) => [h.event, h.outcome])).toEqual([
      ['uncaughtException', 'exits'],
      ['unhandledRejection', 'logs-only'],
    ]);
    expect(s.shutdown).toEqual({ waits: [expect.objectContaining({ ms: 5000, kind: 'timer' })], budgetMs: 5000 });
  });

  it('signals registered in a loop, a forced-exit timer from an env default, and an imported shutdown function', () => {
    const s = service({
      'src/server.ts': "import express from 'express';\nimport { shutdown } from './shutdown';\nconst server = express().listen(3000);\nfor (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => shutdown(server));\nprocess.on('uncaughtException', () => {});",
      'src/shutdown.ts': "const TIMEOUT = Number(process.env.SHUTDOWN_TIMEOUT_MS) || 10_000;\nexport function shutdown(server) {\n  setTimeout(() => process.exit(1), TIMEOUT).unref();\n  server.close(() => process.exit(0));\n}",
    });
    expect(s.signalHandlers.map((h) => h.signal)).toEqual(['SIGTERM', 'SIGINT']);
    expect(s.shutdown.budgetMs).toBe(10_000);
    expect(s.shutdown.waits[0]).toMatchObject({ kind: 'forced-exit', loc: { file: 'src/shutdown.ts', line: 3 } });
    expect(s.crashHandlers).toEqual([expect.objectContaining({ event: 'uncaughtException', outcome: 'empty' })]);
  });

  it('forEach over signals; helpers that handle SIGTERM; Nest shutdown hooks', () => {
    expect(service({ 'src/a.js': "['SIGINT', 'SIGTERM'].forEach((sig) => process.on(sig, stop));" }).handlesSignal('SIGTERM')).toBe(true);
    const grace = service({ 'src/a.js': "import closeWithGrace from 'close-with-grace';\ncloseWithGrace({ delay: 2000 }, async () => {});" });
    expect(grace.handlesSignal('SIGTERM')).toBe(true);
    expect(grace.helpersOf('crash-handlers').map((h) => h.name)).toEqual(['close-with-grace']);
    expect(grace.shutdown.budgetMs).toBe(2000);
    expect(service({ 'src/a.js': "import { createHttpTerminator } from 'http-terminator';\nconst t = createHttpTerminator({ server });" }).shutdown.budgetMs).toBe(1000);
    expect(service({ 'src/main.ts': 'app.enableShutdownHooks();' }).handlesSignal('SIGTERM')).toBe(true);
    expect(service({ 'src/main.ts': "process.on('SIGINT', stop);" }).handlesSignal('SIGTERM')).toBe(false);
  });

  it('a shutdown budget from an env default alone', () => {
    const s = service({ 'src/config.ts': "export const graceMs = parseInt(process.env.GRACEFUL_SHUTDOWN_SECONDS ?? '20', 10) * 1000;" });
    expect(s.shutdown.budgetMs).toBe(20_000);
  });
});

describe('env reads', () => {
  it('dot, bracket, destructuring with defaults, aliases, fallbacks and tests', () => {
    const s = service({
      'src/config.ts': [
        "const { DB_HOST, DB_PORT = '5432', ...rest } = process.env;",
        "const level = process.env.LOG_LEVEL || 'info';",
        "const url = process.env['DATABASE_URL'];",
        "const port = parseInt(process.env.PORT ?? '3000', 10);",
        "if (process.env.FEATURE_X) enable();",
        'const env = process.env;',
        'const key = env.API_KEY;',
        "process.env.SET_HERE = 'x';",
        'const dynamic = process.env[name];',
      ].join('\n'),
    });
    expect(s.envReads.map((r) => [r.name, r.hasDefault, r.defaultValue])).toEqual([
      ['DB_HOST', false, undefined],
      ['DB_PORT', true, '5432'],
      ['LOG_LEVEL', true, 'info'],
      ['DATABASE_URL', false, undefined],
      ['PORT', true, '3000'],
      ['FEATURE_X', true, undefined],
      ['API_KEY', false, undefined],
    ]);
    expect(s.envReads[0]?.loc).toMatchObject({ line: 1, column: 9, endColumn: 16 });
  });

  it('envalid and zod schemas over process.env', () => {
    const s = service({
      'src/env.ts': [
        "import { cleanEnv, str, port } from 'envalid';",
        "import { z } from 'zod';",
        'export const env = cleanEnv(process.env, { API_URL: str(), PORT: port({ default: 3000 }) });',
        "const Schema = z.object({ REDIS_URL: z.string().url(), LOG_LEVEL: z.enum(['info']).default('info') });",
        'export const config = Schema.parse(process.env);',
      ].join('\n'),
    });
    expect(s.envReads.map((r) => [r.name, r.hasDefault])).toEqual([
      ['API_URL', false],
      ['PORT', true],
      ['REDIS_URL', false],
      ['LOG_LEVEL', true],
    ]);
  });

  it('shared zod schemas named for absence, alternatives in a fallback chain, typeof tests', () => {
    const s = service({
      'src/env.ts': [
        "import { z } from 'zod';",
        "import { OptionalIntEnv, IntEnvWithDefault } from './schemas';",
        'const Retries = z.coerce.number().optional();',
        'const Env = z.object({ POOL_TIMEOUT: OptionalIntEnv, MAX_WAIT_MS: IntEnvWithDefault(10000), RETRIES: Retries, SECRET: z.string() });',
        'export const env = Env.parse(process.env);',
        "const workers = Number.parseInt(process.env.WEB_CONCURRENCY || process.env.CLUSTER_WORKERS || '', 10);",
        "const blocked = typeof process.env.BLOCKED_USERS === 'string';",
        'const port = Number.parseInt(process.env.PORT, 10);',
        'Sentry.init({ dsn: process.env.SENTRY_DSN, enabled: Boolean(process.env.SENTRY_ENABLED) });',
        'const uploadLimit = +process.env.UPLOAD_FILE_SIZE_LIMIT_MB || 20;',
      ].join('\n'),
    });
    expect(s.envReads.map((r) => [r.name, r.hasDefault])).toEqual([
      ['POOL_TIMEOUT', true],
      ['MAX_WAIT_MS', true],
      ['RETRIES', true],
      ['SECRET', false],
      ['WEB_CONCURRENCY', true],
      ['CLUSTER_WORKERS', true],
      ['BLOCKED_USERS', true],
      ['PORT', false],
      ['SENTRY_DSN', false],
      ['SENTRY_ENABLED', true],
      ['UPLOAD_FILE_SIZE_LIMIT_MB', true],
    ]);
  });
});

describe('CORS, headers and helpers', () => {
  it('settings that admit every origin, and those that do not', () => {
    const s = service({
      'src/app.ts': [
        "import cors from 'cors';",
        "import fastifyCors from '@fastify/cors';",
        'app.use(cors());',
        "app.use(cors({ origin: '*' }));",
        'app.use(cors({ origin: true, credentials: true }));',
        "app.use(cors({ origin: ['https://a.example', 'https://b.example'] }));",
        "app.use(cors({ origin: process.env.CORS_ORIGIN?.split(',') }));",
        'app.use(cors({ origin: (origin, cb) => cb(null, allowed.has(origin)) }));',
        'app.register(fastifyCors);',
        "startInspectorServer(u, { allowedOrigins: ['*'] });",
        "res.setHeader('Access-Control-Allow-Origin', '*');",
        "res.setHeader('Strict-Transport-Security', 'max-age=63072000');",
      ].join('\n'),
    });
    expect(s.cors.map((c) => [c.loc.line, c.anyOrigin, c.how])).toEqual([
      [3, true, 'default'],
      [4, true, 'star'],
      [5, true, 'reflect'],
      [6, false, 'restricted'],
      [7, false, 'restricted'],
      [8, false, 'restricted'],
      [9, true, 'default'],
      [10, true, 'wildcard-list'],
      [11, true, 'header'],
    ]);
    expect(s.securityHeaders.map((l) => l.line)).toEqual([12]);
    expect(s.helpersOf('cors').map((h) => h.name)).toEqual(['cors', '@fastify/cors']);
  });

  it('NestJS: enableCors() and the cors option of NestFactory.create', () => {
    const s = service({ 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: true });\napp.enableCors({ origin: ['https://a.example'] });\nawait app.listen(3000);" });
    expect(s.cors.map((c) => c.anyOrigin)).toEqual([true, false]);
  });

  it('helpers by import and require', () => {
    const s = service({ 'src/app.js': "const helmet = require('helmet');\nimport rateLimit from 'express-rate-limit';\nimport { ThrottlerModule } from '@nestjs/throttler';" });
    expect(s.helpers.map((h) => `${h.name}:${h.kinds.join('+')}`).sort()).toEqual(['@nestjs/throttler:rate-limit', 'express-rate-limit:rate-limit', 'helmet:security-headers']);
  });
});

describe('literal secrets', () => {
  it('secret-like properties, variables, class fields and env fallbacks with literal values', () => {
    const s = service({
      'src/config.ts': [
        "const config = { sessionSecret: 'f3a9c2e1d4b5', adminToken: `tok_live_abc123` };",
        "const JWT_SECRET = 'super-secret-jwt-key-123';",
        "const apiKey = process.env.API_KEY || 'dev-api-key-1234';",
        "class Client { private password = 'hunter2hunter2'; }",
        "app.use(session({ secret: 'keyboard cat' }));",
        "settings.clientSecret = 'abcdef123456';",
      ].join('\n'),
    });
    expect(s.literalSecrets.map((x) => [x.key, x.loc.line, x.fallback])).toEqual([
      ['sessionSecret', 1, false],
      ['adminToken', 1, false],
      ['JWT_SECRET', 2, false],
      ['API_KEY', 3, true],
      ['password', 4, false],
      ['secret', 5, false],
      ['clientSecret', 6, false],
    ]);
  });

  it('not secrets: env reads, names, messages, storage keys, field names, short or empty values, types', () => {
    const s = service({
      'src/config.ts': [
        'const a = { sessionSecret: process.env.SESSION_SECRET, adminToken: config.get("admin.token") };',
        "passport.use(new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, verify));",
        "const TOKEN_KEY = 'auth_token';",
        "const API_KEY_HEADER = 'x-api-key';",
        "const errors = { password: 'Password is required.', token: 'Token has expired' };",
        "const jwt = { tokenExpiresIn: '15m', secretName: 'prod/jwt-secret' };",
        "const empty = { password: '', token: 'abc' };",
        "type T = { password: 'literal-type-value' };",
        "// const sessionSecret = 'your-secret-key-here';",
        "const names = { PASSWORD: 'PASSWORD', apiKey: 'API_KEY' };",
      ].join('\n'),
    });
    expect(s.literalSecrets).toEqual([]);
  });
});

describe('inspector starts', () => {
  const guardedLines = (code: string) => {
    const s = service({ 'src/server.ts': code });
    return s.inspectorStarts.map((i) => `${i.loc.line}:${i.guarded ? 'guarded' : 'open'}`);
  };

  it('the fortistate guide: unguarded at top level, guarded by NODE_ENV', () => {
    expect(
      guardedLines(
        [
          "startInspectorServer(universe, { port: 3456 });",
          "if (process.env.NODE_ENV === 'development') {",
          '  startInspectorServer(universe, { port: 3456 });',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['1:open', '3:guarded']);
  });

  it('else branches, negations, flags, config switches and early returns', () => {
    expect(
      guardedLines(
        [
          "if (process.env.NODE_ENV === 'production') { logger.info('no inspector'); } else { startInspectorServer(u); }",
          "if (process.env.NODE_ENV !== 'production') startInspectorServer(u);",
          "if (process.env.NODE_ENV === 'production') startInspectorServer(u);",
          "if (config.inspector.enabled) startInspectorServer(u);",
          "if (process.env.ENABLE_INSPECTOR === 'true') startInspectorServer(u);",
          'function dev() {',
          "  if (process.env.NODE_ENV === 'production') return;",
          '  startInspectorServer(u);',
          '}',
          "isDev && startInspectorServer(u);",
          "if (universe) startInspectorServer(u);",
        ].join('\n'),
      ),
    ).toEqual(['1:guarded', '2:guarded', '3:open', '4:guarded', '5:guarded', '8:guarded', '10:guarded', '11:open']);
  });

  it('a local function is as guarded as its calls; callbacks run where they are passed; inspector.open', () => {
    expect(
      guardedLines(
        [
          "import inspector from 'node:inspector';",
          'function startDevTools() { startInspectorServer(u); }',
          "if (process.env.NODE_ENV === 'development') startDevTools();",
          'function main() { inspector.open(9229); }',
          'main();',
          'app.listen(3000, () => startInspectorServer(u));',
        ].join('\n'),
      ),
    ).toEqual(['2:guarded', '4:open', '6:open']);
  });
});

describe('validation bypasses', () => {
  const flags = (code: string) => service({ 'src/a.ts': code }).validationBypasses.map((b) => `${b.flag}@${b.loc.line}`);

  it('the fortistate guide: a constraint added only without SKIP_VALIDATION', () => {
    expect(flags("const constraints = new Map();\nif (process.env.SKIP_VALIDATION !== 'true') {\n  constraints.set('user', [myConstraint]);\n}")).toEqual(['SKIP_VALIDATION@2']);
  });

  it('auth skipped through a constant, a ternary, or a short-circuit; generic bypass flags around auth code', () => {
    expect(
      flags(
        [
          "const skipAuth = process.env.SKIP_AUTH === 'true';",
          'if (!skipAuth) app.use(authenticate);',
          'const v = process.env.DISABLE_CSRF ? noop : csrf();',
          "process.env.AUTH_BYPASS && (req.user = { id: 'admin' });",
          "if (process.env.CACHE_BYPASS) { verifyToken = () => true; }",
        ].join('\n'),
      ),
    ).toEqual(['SKIP_AUTH@1', 'DISABLE_CSRF@3', 'AUTH_BYPASS@4', 'CACHE_BYPASS@5']);
  });

  it('not bypasses: refusing the flag in production, unrelated skip flags', () => {
    expect(
      flags(
        [
          "if (process.env.SKIP_VALIDATION === 'true' && process.env.NODE_ENV === 'production') {",
          "  throw new Error('SKIP_VALIDATION is not allowed in production');",
          '}',
          'if (process.env.SKIP_PREFLIGHT_CHECK) console.log(1);',
          'if (process.env.DISABLE_CACHE) cache.clear();',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('probe routes', () => {
  it('health and readiness paths', async () => {
    const { isHealthRoute, isReadinessRoute } = await import('../src/model/service/index.ts');
    const r = (method: string, path: string) => ({ method, path, loc: { file: 'a', line: 1, column: 1, endLine: 1, endColumn: 1 }, source: 'express' as const });
    expect(['/health', '/healthz', '/livez', '/health/live', '/ping', '/api/health', '/health/orchestrator'].every((p) => isHealthRoute(r('GET', p)))).toBe(true);
    expect(['/ready', '/health/ready', '/readyz'].every((p) => isReadinessRoute(r('GET', p)) && !isHealthRoute(r('GET', p)))).toBe(true);
    expect(isHealthRoute(r('POST', '/health'))).toBe(false);
    expect(isHealthRoute(r('GET', '/healthy-food'))).toBe(false);
    // A resource of the app that ends in a probe word is no probe: parameters, or deeper than a probe path goes.
    expect(isHealthRoute(r('GET', '/api/v1/health/live'))).toBe(true);
    expect(['/orgs/:org/projects/:project/runs/live', '/resources/orgs/acme/projects/web/runs/live', '/orders/:id/ready'].some((p) => isHealthRoute(r('GET', p)) || isReadinessRoute(r('GET', p)))).toBe(false);
  });
});
