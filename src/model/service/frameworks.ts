/**
 * The frameworks: the calls that create a server or app (`express()`, `new Hono()`, `http.createServer()`,
 * `NestFactory.create()`, …) and those that create a router (`express.Router()`, koa-router), by module and exported
 * name; and the servers extractor, which records every server or app the code creates.
 */
import type { Module } from './module.ts';
import type { Framework, ServerCreation } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

export const CREATIONS: Record<string, Record<string, Framework>> = {
  express: { '': 'express' },
  '@feathersjs/express': { '': 'express' },
  '@feathersjs/koa': { koa: 'koa' },
  fastify: { '': 'fastify', fastify: 'fastify' },
  koa: { '': 'koa' },
  hono: { Hono: 'hono' },
  'hono/tiny': { Hono: 'hono' },
  'hono/quick': { Hono: 'hono' },
  '@hono/zod-openapi': { OpenAPIHono: 'hono' },
  '@nestjs/core': { 'NestFactory.create': 'nest' },
  '@hapi/hapi': { server: 'hapi', Server: 'hapi' },
  http: { createServer: 'node-http', Server: 'node-http' },
  https: { createServer: 'node-http', Server: 'node-http' },
  http2: { createServer: 'node-http', createSecureServer: 'node-http' },
};

export const ROUTERS: Record<string, Record<string, Framework>> = {
  express: { Router: 'express' },
  'koa-router': { '': 'koa' },
  '@koa/router': { '': 'koa' },
};

export class Servers implements Extractor {
  readonly servers: ServerCreation[] = [];

  call(mod: Module, { node, creates }: Call): void {
    if (creates) this.servers.push({ framework: creates, loc: mod.loc(node) });
  }
}
