/**
 * CORS settings: the CORS middlewares (cors, @koa/cors, @fastify/cors, hono/cors) and their `origin` and
 * `credentials` options, NestJS's `enableCors()` and `cors` option, `Access-Control-Allow-Origin` headers set by hand,
 * and config objects listing allowed origins — each with how it allows every origin (or that it does not), its scope
 * (the whole API or some routes), the path it is mounted on and whether only development runs it.
 */
import type * as t from '@babel/types';
import { type CallNode, type FunctionNode, isCall, isFunction, isMember, keyName, memberName, stringValue, unwrap } from '../../parsers/source.ts';
import type { PackageCode } from './code.ts';
import { nodeText, objectProp } from './expressions.ts';
import { guarded } from './guards.ts';
import { HEADER_METHODS, headersSet } from './headers.ts';
import type { Module } from './module.ts';
import type { CorsSetting } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

/** CORS middleware factories: module → the exported name that makes the middleware ('' = default export). */
const CORS_FACTORIES: Record<string, string> = { cors: '', '@koa/cors': '', 'koa-cors': '', 'hono/cors': 'cors' };
/**
 * Koa's CORS middlewares answer with the request's Origin when no origin is configured, and when the origin is
 * `'*'` with credentials allowed; the others send `*` itself, under which browsers expose no credentialed response.
 */
const REFLECTING_CORS = new Set(['@koa/cors', 'koa-cors']);
const FASTIFY_CORS = new Set(['@fastify/cors', 'fastify-cors']);

export class Cors implements Extractor {
  readonly settings: CorsSetting[] = [];

  constructor(private readonly code: PackageCode) {}

  call(mod: Module, { node, target, method, receiver, args, creates }: Call, ancestors: readonly t.Node[]): void {
    if (creates === 'nest') this.nestCorsOption(mod, node, objectProp(args[1], 'cors'), ancestors);
    if (target && target.module in CORS_FACTORIES && CORS_FACTORIES[target.module] === target.path) this.corsCall(mod, node, args[0], ancestors, target.module);
    if (receiver === undefined || method === undefined) return;
    if (method === 'enableCors') this.corsCall(mod, node, args[0], ancestors, 'cors');
    if (method === 'register' && args[0]) {
      const plugin = mod.target(args[0]);
      if (plugin && FASTIFY_CORS.has(plugin.module)) this.corsCall(mod, node, args[1], ancestors, plugin.module);
    }
    if (!HEADER_METHODS.has(method)) return;
    for (const { name, value: valueNode } of headersSet(args)) {
      if (name !== 'access-control-allow-origin' || !valueNode) continue;
      const value = unwrap(valueNode);
      // `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` echoes whichever site asks.
      const how = stringValue(value) === '*' ? 'header' : /\.headers?\.origin$|\.get\(origin\)$|^origin$/i.test(nodeText(value) ?? '') ? 'header-reflect' : undefined;
      if (how) this.corsAt(mod, node, ancestors, { anyOrigin: true, how, credentials: this.credentialsHeaderIn(mod) }, value);
    }
  }

  property(mod: Module, node: t.ObjectProperty, ancestors: readonly t.Node[]): void {
    const key = keyName(node.key, node.computed);
    if (!key || ancestors.at(-1)?.type !== 'ObjectExpression') return;
    if (/^(?:allowed|cors)?Origins?$/i.test(key) && key !== 'origin' && key !== 'Origin') {
      const v = unwrap(node.value);
      // A config object (`allowedOrigins: ['*']`) sets CORS for whatever reads it: the whole server.
      const how = v.type === 'ArrayExpression' && v.elements.some((e) => e && stringValue(e) === '*') ? 'wildcard-list' : stringValue(v) === '*' ? 'star' : undefined;
      if (how) this.settings.push({ loc: mod.loc(node), anyOrigin: true, how, credentials: false, scope: 'global', developmentOnly: guarded(this.code, mod, node, ancestors, 0) });
    }
  }

  /** A CORS setting where it is written: its scope (the call it is passed to) and whether only development runs it. */
  private corsAt(mod: Module, node: t.Node, ancestors: readonly t.Node[], setting: Pick<CorsSetting, 'anyOrigin' | 'how' | 'credentials'>, at: t.Node = node): void {
    this.settings.push({ ...setting, loc: mod.loc(at), ...corsScope(node, ancestors), developmentOnly: guarded(this.code, mod, node, ancestors, 0) });
  }

  /** A CORS middleware's options, as its library (`cors`, `@koa/cors`, `@fastify/cors`, `hono/cors`) reads them. */
  private corsCall(mod: Module, node: CallNode, options: t.Node | undefined, ancestors: readonly t.Node[], library: string): void {
    const o = options ? unwrap(options) : undefined;
    if (o && o.type !== 'ObjectExpression') {
      this.corsAt(mod, node, ancestors, { anyOrigin: false, how: 'restricted', credentials: false });
      return;
    }
    const credentials = o ? isTrue(objectProp(o, 'credentials')?.value) : false;
    const origin = o && objectProp(o, 'origin');
    const reflecting = REFLECTING_CORS.has(library);
    if (!origin) this.corsAt(mod, node, ancestors, { anyOrigin: true, how: reflecting ? 'reflect' : 'default', credentials });
    else {
      const allowed = corsOriginOf(origin);
      const how = reflecting && credentials && allowed.how === 'star' ? 'reflect' : allowed.how;
      this.corsAt(mod, node, ancestors, { ...allowed, how, credentials }, origin);
    }
  }

  /** `NestFactory.create(AppModule, { cors: true | {...} })`. */
  private nestCorsOption(mod: Module, node: CallNode, option: t.ObjectProperty | undefined, ancestors: readonly t.Node[]): void {
    if (!option) return;
    const v = unwrap(option.value);
    if (v.type === 'BooleanLiteral') {
      if (v.value) this.corsAt(mod, node, ancestors, { anyOrigin: true, how: 'default', credentials: false }, option);
      return;
    }
    if (v.type === 'ObjectExpression') {
      const origin = objectProp(v, 'origin');
      const credentials = isTrue(objectProp(v, 'credentials')?.value);
      if (origin) this.corsAt(mod, node, ancestors, { ...corsOriginOf(origin), credentials }, origin);
      else this.corsAt(mod, node, ancestors, { anyOrigin: true, how: 'default', credentials }, option);
    }
  }

  /** The module sets `Access-Control-Allow-Credentials: true` somewhere. */
  private credentialsHeaderIn(mod: Module): boolean {
    return mod.calls.some((n) => {
      if (!isMember(n.callee) || !HEADER_METHODS.has(memberName(n.callee) ?? '')) return false;
      const [name, value] = n.arguments as t.Node[];
      return stringValue(name)?.toLowerCase() === 'access-control-allow-credentials' && (stringValue(value) === 'true' || isTrue(value));
    });
  }
}

/** Paths public by design: static files, an SDK or embed, badges, feeds, well-known documents. */
const PUBLIC_PATH = /^\/?(?:public|static|assets|sdk|embed|widget|cdn|badges?|feed|rss|oembed|share|uploads|files|\.well-known|favicon)(?:\/|$)/i;
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all', 'route']);

/**
 * Where a CORS middleware applies: `route` when it is passed to a route (`router.get('/x', cors(), …)`), mounted
 * under a path public by design (`app.use('/static', cors())`), or set in a handler that is not a middleware of
 * the whole app; `global` for a middleware of the whole app or the framework's own option.
 */
function corsScope(node: t.Node, ancestors: readonly t.Node[]): Pick<CorsSetting, 'scope' | 'path'> {
  let child: t.Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i] as t.Node;
    if (isCall(a) && a !== node && (a.arguments as t.Node[]).includes(child) && isMember(a.callee)) {
      const method = memberName(a.callee) ?? '';
      const written = stringValue(a.arguments[0] as t.Node | undefined);
      const path = written === '*' || written === '/*' ? undefined : written;
      if (ROUTE_METHODS.has(method)) return { scope: path === undefined ? 'global' : 'route', path };
      if (method === 'use') return { scope: path !== undefined && PUBLIC_PATH.test(path) ? 'route' : 'global', path };
    }
    // A header set in a function that is not passed to `use` is a handler's: it answers for its own route.
    if (isFunction(a) && a !== node) {
      const parent = ancestors[i - 1];
      const passedTo = parent && isCall(parent) && (parent.arguments as t.Node[]).includes(a) && isMember(parent.callee) ? memberName(parent.callee) : undefined;
      if (passedTo !== 'use' && passedTo !== 'addHook' && passedTo !== 'register') return { scope: node.type === 'CallExpression' && isCorsHeaderCall(node) ? 'route' : 'global' };
    }
    child = a;
  }
  return { scope: 'global' };
}

function isCorsHeaderCall(node: t.CallExpression): boolean {
  return isMember(node.callee) && HEADER_METHODS.has(memberName(node.callee) ?? '');
}

/**
 * What an `origin` option allows: `'*'`, `true` (the request's own origin), a list with `'*'`, a callback that
 * answers every request with `true` or with the origin it was given, or something narrower.
 */
function corsOriginOf(origin: t.ObjectProperty): Pick<CorsSetting, 'anyOrigin' | 'how'> {
  const v = unwrap(origin.value);
  if (stringValue(v) === '*') return { anyOrigin: true, how: 'star' };
  if (v.type === 'BooleanLiteral' && v.value) return { anyOrigin: true, how: 'reflect' };
  if (v.type === 'ArrayExpression' && v.elements.some((e) => e && stringValue(e) === '*')) return { anyOrigin: true, how: 'wildcard-list' };
  if (isFunction(v) && echoesOrigin(v)) return { anyOrigin: true, how: 'reflect' };
  return { anyOrigin: false, how: 'restricted' };
}

/** `(origin, cb) => cb(null, true)` or `cb(null, origin)` with no test before: every origin is allowed. */
function echoesOrigin(fn: FunctionNode): boolean {
  const [originParam, callbackParam] = fn.params.map((p) => (p.type === 'Identifier' ? p.name : undefined));
  if (!callbackParam) return false;
  const body = fn.body.type === 'BlockStatement' ? fn.body.body : [fn.body];
  if (body.length !== 1) return false;
  const only = body[0] as t.Node;
  const call = unwrap(only.type === 'ExpressionStatement' ? only.expression : only.type === 'ReturnStatement' && only.argument ? only.argument : only);
  if (!isCall(call) || call.callee.type !== 'Identifier' || call.callee.name !== callbackParam) return false;
  const answer = call.arguments[1] ? unwrap(call.arguments[1] as t.Node) : undefined;
  return answer !== undefined && (isTrue(answer) || (answer.type === 'Identifier' && answer.name === originParam));
}

function isTrue(node: t.Node | null | undefined): boolean {
  const n = node ? unwrap(node) : undefined;
  return n?.type === 'BooleanLiteral' && n.value;
}
