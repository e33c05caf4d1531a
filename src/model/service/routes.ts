/**
 * Routes as the code registers them: framework calls (`app.get('/x', h)`, `router.route('/p').post(h)`, fastify and
 * hapi route objects, koa-router's named routes), mounts of routers and plugins under a prefix (`app.use('/api', r)`,
 * `app.route('/p', sub)`, `fastify.register(plugin, { prefix })`, @fastify/autoload folders), NestJS controllers,
 * plain node:http routing (`req.url === '/health'`, `switch (pathname)`) and the routes helper libraries serve
 * (express-actuator, terminus's health checks, lightship); and what may answer paths the routes do not list: static
 * file servers and a global prefix. compose-routes.ts applies the mounts afterwards.
 */
import type * as t from '@babel/types';
import { chainText, type FunctionNode, isCall, isFunction, isMember, keyName, type MemberNode, memberName, stringValue, unwrap, walk } from '../../parsers/source.ts';
import type { Loc } from '../../types.ts';
import { dirname } from '../project.ts';
import { chainBase, type PackageCode } from './code.ts';
import { nodeText, objectProp } from './expressions.ts';
import { inDir } from './files.ts';
import type { Module } from './module.ts';
import type { Framework } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

/** Plugins that register every plugin file of a folder, each under its folder's path (`routes/health/index.js` → `/health`). */
const FASTIFY_AUTOLOAD = new Set(['@fastify/autoload', 'fastify-autoload']);

/** Static file servers: module → the exported name that makes one ('' = default export). */
const STATIC_SERVERS: Record<string, string> = {
  express: 'static',
  'serve-static': '',
  'koa-static': '',
  sirv: '',
  'serve-handler': '',
  '@fastify/static': '',
  'fastify-static': '',
  'hono/serve-static': 'serveStatic',
  'hono/bun': 'serveStatic',
  '@hono/node-server/serve-static': 'serveStatic',
};

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
const NEST_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'All']);
/** Receivers that are HTTP clients, whose `.get('/x', …)` is a request, not a route. */
const CLIENT_NAMES = /^(?:axios|got|ky|http|https|request|superagent|supertest|agent|client|fetch|api[A-Z]\w*Client|\w*Client)$/;
const SERVERISH_NAMES = /^(?:app|application|router|routes|server|srv|fastify|instance|api|r|hono|web)$/i;
const URLISH_MEMBERS = new Set(['url', 'pathname', 'path', 'originalUrl']);
const URLISH_NAMES = /^(?:url|pathname|path|route|reqPath|requestPath|urlPath)$/;

export interface PendingRoute {
  method: string;
  path: string;
  loc: Loc;
  /** Undefined: the service's framework (a plugin or router file that creates no server itself). */
  source?: Framework | 'helper';
  owner?: string;
  constantReply?: boolean;
  computesHealth?: boolean;
}

export interface Mount {
  parent?: string;
  child: string;
  prefix: string;
  /** Where an app mounts the child under a path (`app.use('/health', router)`), for the route the mount itself is. */
  at?: { loc: Loc; source?: Framework };
}

/** A folder of route plugins that @fastify/autoload mounts on `parent`, each under `prefix` and its folder's path. */
interface AutoloadFolder {
  parent?: string;
  dir: string;
  prefix: string;
}

export class Routes implements Extractor {
  readonly routes: PendingRoute[] = [];
  readonly mounts: Mount[] = [];
  readonly autoloads: AutoloadFolder[] = [];
  readonly openPaths: { reason: string; loc: Loc }[] = [];

  constructor(private readonly code: PackageCode) {}

  call(mod: Module, { node, target, method, receiver, args }: Call, ancestors: readonly t.Node[]): void {
    if (target) {
      // express-actuator serves `/health`, `/info` and `/metrics` under its basePath.
      if (target.module === 'express-actuator' && target.path === '') {
        const base = stringValue(objectProp(args[0], 'basePath')?.value) ?? '';
        for (const path of ['/health', '/info', '/metrics']) this.routes.push({ method: 'GET', path: `${base.replace(/\/$/, '')}${path}`, loc: mod.loc(node), source: 'helper' });
      }
      if (STATIC_SERVERS[target.module] === target.path) this.openPaths.push({ reason: `a static file server (${target.path ? `${target.module}.${target.path}` : target.module})`, loc: mod.loc(node) });
      // Shutdown helpers that serve probes: terminus its `healthChecks` (`createTerminus(server, { healthChecks })`), lightship three.
      if (target.module === '@godaddy/terminus' && target.path === 'createTerminus') {
        const checks = objectProp(args[1], 'healthChecks')?.value;
        const c = checks ? unwrap(checks) : undefined;
        if (c?.type === 'ObjectExpression') {
          for (const p of c.properties) {
            if (p.type === 'SpreadElement') continue;
            const path = keyName(p.key, p.computed);
            if (isPathLiteral(path)) this.routes.push({ method: 'GET', path, loc: mod.loc(p.key), source: 'helper' });
          }
        }
      }
      if (target.module === 'lightship' && target.path === 'createLightship') for (const path of ['/health', '/live', '/ready']) this.routes.push({ method: 'GET', path, loc: mod.loc(node), source: 'helper' });
    }
    if (receiver === undefined || method === undefined) return;
    if (method === 'setGlobalPrefix') this.openPaths.push({ reason: 'a global route prefix (setGlobalPrefix)', loc: mod.loc(node) });
    if (method === 'register' && args[0]) {
      const plugin = mod.target(args[0]);
      if (plugin && STATIC_SERVERS[plugin.module] === plugin.path) this.openPaths.push({ reason: `a static file server (${plugin.module})`, loc: mod.loc(node) });
      const child = this.code.ownerKey(mod, args[0]);
      if (child) this.mounts.push({ parent: this.code.ownerKey(mod, receiver), child, prefix: stringValue(objectProp(args[1], 'prefix')?.value) ?? '' });
      const dir = plugin && FASTIFY_AUTOLOAD.has(plugin.module) ? autoloadDir(mod.file, objectProp(args[1], 'dir')?.value) : undefined;
      if (dir !== undefined) this.autoloads.push({ parent: this.code.ownerKey(mod, receiver), dir, prefix: stringValue(objectProp(objectProp(args[1], 'options')?.value, 'prefix')?.value) ?? '' });
    }
    if (HTTP_METHODS.has(method) || method === 'use' || method === 'route') this.routeCall(mod, receiver, method, args, ancestors);
  }

  /** `switch (req.url) { case '/health': … }`: plain node:http routing. */
  switchStatement(mod: Module, node: t.SwitchStatement): void {
    if (!this.isUrlish(node.discriminant)) return;
    for (const c of node.cases) {
      const path = stringValue(c.test);
      if (c.test && isPathLiteral(path)) this.routes.push({ method: 'ALL', path, loc: mod.loc(c.test), source: 'node-http' });
    }
  }

  private routeCall(mod: Module, receiver: t.Node, method: string, args: t.Node[], ancestors: readonly t.Node[]): void {
    // app.route('/p').get(h).post(h): the path comes from the chain
    let chain = receiver;
    while (isCall(chain) && isMember(chain.callee) && HTTP_METHODS.has(memberName(chain.callee) ?? '')) chain = unwrap(chain.callee.object);
    if (isCall(chain) && isMember(chain.callee) && memberName(chain.callee) === 'route' && HTTP_METHODS.has(method)) {
      const base = unwrap(chain.callee.object);
      for (const p of pathsOf(chain.arguments[0] as t.Node, mod)) this.routes.push({ method: method.toUpperCase(), path: p.path, loc: mod.loc(p.node), source: this.frameworkOf(mod, base), owner: this.receiverOwner(mod, base, ancestors) });
      return;
    }
    // `this.use('/health', new HealthController(db).router)` in an app class: a path mounted on the app itself.
    // Other calls on `this` may be an HTTP client's (`this.get('/users')`), so only a mount with a path counts.
    const mountOnThis = receiver.type === 'ThisExpression' && method === 'use' && args.length >= 2 && isPathLiteral(stringValue(args[0]));
    if (!mountOnThis && !this.routeReceiver(mod, receiver, ancestors)) return;
    const owner = this.receiverOwner(mod, receiver, ancestors);
    const source = this.frameworkOf(mod, receiver);
    if (method === 'route') {
      const first = args[0] ? unwrap(args[0]) : undefined;
      // fastify/hapi route objects: { method, url | path }
      const objects = first?.type === 'ArrayExpression' ? first.elements : [first];
      for (const o of objects) {
        if (o?.type !== 'ObjectExpression') continue;
        const url = objectProp(o, 'url') ?? objectProp(o, 'path');
        const methods = objectProp(o, 'method')?.value;
        const names = methods ? (unwrap(methods).type === 'ArrayExpression' ? (unwrap(methods) as t.ArrayExpression).elements.map((e) => (e ? stringValue(e) : undefined)) : [stringValue(methods)]) : ['ALL'];
        for (const p of pathsOf(url?.value, mod)) for (const m of names) this.routes.push({ method: (m ?? 'ALL').toUpperCase(), path: p.path, loc: mod.loc(p.node), source, owner });
      }
      // hono: app.route('/p', subApp)
      if (args.length === 2 && args[1]) {
        const prefix = stringValue(args[0]);
        const child = this.code.ownerKey(mod, args[1]);
        if (prefix !== undefined && child) this.mounts.push({ parent: owner, child, prefix });
      }
      return;
    }
    if (args.length < 2 && method !== 'use') return;
    // koa-router named routes: router.get('name', '/path', handler)
    const pathArg = !isPathLiteral(stringValue(args[0])) && stringValue(args[0]) !== undefined && isPathLiteral(stringValue(args[1])) ? args[1] : args[0];
    const paths = pathsOf(pathArg, mod);
    if (method === 'use') {
      const rest = args.slice(paths.length > 0 ? 1 : 0);
      const mounted = rest.map((a) => this.mountedOwner(mod, a)).filter((k): k is string => k !== undefined);
      for (const p of paths) {
        // A mount answers under its path; when the mounted router's own routes are not visible here, the path is all
        // there is to know (composeRoutes adds it then): `app.use('/health', healthRouter)`.
        for (const child of mounted) this.mounts.push({ parent: owner, child, prefix: p.path, at: { loc: mod.loc(p.node), source } });
        if (mounted.length === 0) this.routes.push({ method: 'USE', path: p.path, loc: mod.loc(p.node), source, owner });
      }
      if (paths.length === 0) for (const child of mounted) this.mounts.push({ parent: owner, child, prefix: '' });
      return;
    }
    const handler = args.at(-1);
    const fn = handler !== undefined && isFunction(unwrap(handler)) ? (unwrap(handler) as FunctionNode) : undefined;
    const reply = fn ? replyOf(fn) : {};
    for (const p of paths) this.routes.push({ method: method === 'del' ? 'DELETE' : method.toUpperCase(), path: p.path, loc: mod.loc(p.node), source, owner, ...reply });
  }

  /** A mounted router (`app.use('/p', router)`, `router.routes()`), not a plain middleware. */
  private mountedOwner(mod: Module, arg: t.Node): string | undefined {
    const n = unwrap(arg);
    if (n.type !== 'Identifier' && !isCall(n)) return undefined;
    const key = this.code.ownerKey(mod, n);
    if (!key) return undefined;
    if (isCall(n)) return key;
    // an identifier: a router when it is known as one, or when it is imported from the package (a routes module)
    const def = this.code.definition(mod, n.name);
    return this.code.owners.has(key) || def.mod !== mod ? key : undefined;
  }

  private routeReceiver(mod: Module, receiver: t.Node, ancestors: readonly t.Node[]): boolean {
    // `express().use(json()).get('/healthz', …).post(…)`: the app the chain starts from.
    if (isCall(unwrap(receiver))) {
      const owned = this.code.ownerOf(mod, receiver) !== undefined;
      if (owned || chainBase(receiver) !== unwrap(receiver)) return owned;
    }
    if (receiver.type === 'Identifier') {
      if (CLIENT_NAMES.test(receiver.name)) return false;
      if (this.code.ownerOf(mod, receiver)) return true;
      if (mod.imports.has(receiver.name) && !mod.imports.get(receiver.name)?.module.startsWith('.')) return false;
      return SERVERISH_NAMES.test(receiver.name) || this.paramOf(receiver.name, ancestors) !== undefined;
    }
    if (receiver.type === 'ThisExpression') return false;
    const text = chainText(receiver);
    return text !== undefined && SERVERISH_NAMES.test(text.split('.').pop() ?? '') && !CLIENT_NAMES.test(text.split('.').pop() ?? '');
  }

  /** The function whose first parameter is `name` (a fastify plugin's instance, a router factory's router). */
  private paramOf(name: string, ancestors: readonly t.Node[]): FunctionNode | undefined {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (isFunction(a)) {
        const first = a.params[0];
        if (first?.type === 'Identifier' && first.name === name) return a;
      }
    }
    return undefined;
  }

  private receiverOwner(mod: Module, receiver: t.Node, ancestors: readonly t.Node[]): string | undefined {
    if (receiver.type === 'Identifier') {
      const fn = this.paramOf(receiver.name, ancestors);
      if (fn) return this.code.functionKey(mod, fn);
    }
    return this.code.ownerKey(mod, receiver);
  }

  private frameworkOf(mod: Module, receiver: t.Node): Framework | undefined {
    return this.code.ownerOf(mod, receiver)?.framework;
  }

  /** A NestJS controller: `@Controller('users')` and its methods' `@Get(':id')`, `@Post()`, … */
  classNode(mod: Module, node: t.ClassDeclaration | t.ClassExpression): void {
    const controller = node.decorators?.map((d) => unwrap(d.expression)).find((e): e is t.CallExpression => e.type === 'CallExpression' && chainText(e.callee)?.split('.').pop() === 'Controller');
    if (!controller) return;
    const arg = controller.arguments[0] as t.Node | undefined;
    const prefixes = arg ? (unwrap(arg).type === 'ObjectExpression' ? [stringValue(objectProp(arg, 'path')?.value) ?? ''] : nestPaths(arg)) : [''];
    for (const member of node.body.body) {
      if (member.type !== 'ClassMethod' || !member.decorators) continue;
      for (const d of member.decorators) {
        const e = unwrap(d.expression);
        if (e.type !== 'CallExpression') continue;
        const name = chainText(e.callee)?.split('.').pop() ?? '';
        if (!NEST_METHODS.has(name)) continue;
        const methodPaths = e.arguments[0] ? nestPaths(e.arguments[0] as t.Node) : [''];
        const reply = replyOf(member);
        for (const prefix of prefixes) for (const path of methodPaths) this.routes.push({ method: name.toUpperCase(), path: joinRoute(prefix, path), loc: mod.loc(e), source: 'nest', ...reply });
      }
    }
  }

  /** `req.url === '/health'` (with `req.method === 'GET' &&` before it): plain node:http routing. */
  binary(mod: Module, node: t.BinaryExpression, ancestors: readonly t.Node[]): void {
    if (!['===', '==', '!==', '!='].includes(node.operator)) return;
    const [literal, other] = stringValue(node.right) !== undefined ? [node.right, node.left] : [node.left, node.right];
    const path = stringValue(literal);
    if (!isPathLiteral(path) || !this.isUrlish(other)) return;
    let method = 'ALL';
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (a.type !== 'LogicalExpression' || a.operator !== '&&') break;
      for (const side of [a.left, a.right]) {
        const s = unwrap(side);
        if (s.type === 'BinaryExpression' && isMember(unwrap(s.left)) && memberName(unwrap(s.left) as MemberNode) === 'method') method = stringValue(s.right)?.toUpperCase() ?? method;
      }
    }
    this.routes.push({ method, path, loc: mod.loc(literal), source: 'node-http' });
  }

  private isUrlish(node: t.Node): boolean {
    const n = unwrap(node);
    if (n.type === 'Identifier') return URLISH_NAMES.test(n.name);
    return isMember(n) && URLISH_MEMBERS.has(memberName(n) ?? '');
  }
}

export function joinRoute(...parts: string[]): string {
  const joined = parts.join('/').replace(/\/{2,}/g, '/');
  const withSlash = joined.startsWith('/') ? joined : `/${joined}`;
  return withSlash.length > 1 ? withSlash.replace(/\/$/, '') : withSlash;
}

function isPathLiteral(value: string | undefined): value is string {
  return value !== undefined && (value.startsWith('/') || value === '*');
}

/** The string paths of a route argument: `'/x'` or `['/x', '/y']`. */
/**
 * The path a route argument names: a literal, an array of them, or a constant of the module (`const HEALTH = '/healthz'`,
 * `ENDPOINTS.health` of `const ENDPOINTS = { health: '/healthz' }`). The route's position stays the argument's.
 */
function pathsOf(node: t.Node | undefined, mod: Module): { path: string; node: t.Node }[] {
  if (!node) return [];
  const n = unwrap(node);
  const single = stringValue(n) ?? constantPath(n, mod);
  if (isPathLiteral(single)) return [{ path: single, node: n }];
  if (n.type === 'ArrayExpression') return n.elements.flatMap((e) => (e && isPathLiteral(stringValue(e)) ? [{ path: stringValue(e) as string, node: e }] : []));
  return [];
}

function constantPath(n: t.Node, mod: Module): string | undefined {
  if (n.type === 'Identifier') {
    const init = mod.inits.get(n.name);
    return init ? stringValue(init) : undefined;
  }
  if (isMember(n) && !n.computed && n.object.type === 'Identifier' && n.property.type === 'Identifier') {
    const init = mod.inits.get(n.object.name);
    return init && unwrap(init).type === 'ObjectExpression' ? stringValue(objectProp(unwrap(init), n.property.name)?.value as t.Node | undefined) : undefined;
  }
  return undefined;
}

function nestPaths(node: t.Node): string[] {
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return [s];
  if (n.type === 'ArrayExpression') return n.elements.flatMap((e) => (e && stringValue(e) !== undefined ? [stringValue(e) as string] : []));
  return [''];
}

/** Response methods that send what they are given: `res.send`, `res.json`, `reply.code(200).send`, `c.text`, `ctx.body =`. */
const RESPONSE_METHODS = new Set(['send', 'json', 'end', 'sendStatus', 'status', 'code', 'text', 'body', 'type', 'header', 'set', 'setHeader', 'writeHead', 'write']);

/** A literal, or an object/array of literals: what a constant answer is made of. */
function isConstant(node: t.Node | null | undefined): boolean {
  const n = node ? unwrap(node) : undefined;
  if (!n) return true;
  if (n.type === 'StringLiteral' || n.type === 'NumericLiteral' || n.type === 'BooleanLiteral' || n.type === 'NullLiteral') return true;
  if (n.type === 'TemplateLiteral') return n.expressions.length === 0;
  if (n.type === 'ObjectExpression') return n.properties.every((p) => p.type === 'ObjectProperty' && isConstant(p.value as t.Node));
  if (n.type === 'ArrayExpression') return n.elements.every((e) => e === null || isConstant(e));
  return false;
}

/**
 * A handler that answers with a constant and calls nothing else (`(req, res) => res.send('ok')`,
 * `@Get('health') check() { return { status: 'ok' } }`): it proves the process answers, and checks no dependency.
 */
function answersConstant(fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const body = fn.body.type === 'BlockStatement' ? fn.body.body : [fn.body];
  if (body.length === 0 || body.length > 3) return false;
  const responseCall = (node: t.Node): boolean => {
    const n = unwrap(node);
    if (!isCall(n) || !isMember(n.callee) || !RESPONSE_METHODS.has(memberName(n.callee) ?? '')) return false;
    const receiver = unwrap(n.callee.object);
    return (receiver.type === 'Identifier' || isCall(receiver) ? receiver.type === 'Identifier' || responseCall(receiver) : false) && n.arguments.every((a) => isConstant(a as t.Node));
  };
  return body.every((statement) => {
    const st = statement as t.Node;
    if (st.type === 'ExpressionStatement') {
      const e = unwrap(st.expression);
      return responseCall(e) || (e.type === 'AssignmentExpression' && isMember(e.left) && isConstant(e.right));
    }
    if (st.type === 'ReturnStatement') return isConstant(st.argument) || responseCall(st.argument as t.Node);
    return fn.body.type !== 'BlockStatement' && (isConstant(st) || responseCall(st));
  });
}

/** Calls that reach a dependency or a health indicator: `prisma.$queryRaw`, `redis.ping()`, terminus's `health.check([...])`. */
const DEPENDENCY_CHECKS = /^(?:check|checkHealth|healthCheck|isHealthy|pingCheck|ping|query|\$queryRaw|\$queryRawUnsafe|raw|authenticate)$/;

/**
 * A handler that computes health: it asks a dependency or a health indicator (`await sequelize.query('SELECT 1')`,
 * `redis.ping()`, `return this.health.check([() => this.db.pingCheck('db')])`), so a dependency that is down fails
 * the request, or it answers a 5xx status itself (`res.status(draining ? 503 : 200)`). Awaiting anything else (a file
 * read) proves nothing.
 */
function computesHealth(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (n) => {
    if (found) return;
    if (n.type === 'NumericLiteral' && n.value >= 500 && n.value <= 599) found = true;
    else if (isCall(n) && isMember(n.callee) && DEPENDENCY_CHECKS.test(memberName(n.callee) ?? '')) found = true;
  });
  return found;
}

/** What a route handler's body shows of its reply: a constant answer, or one that computes health. */
function replyOf(fn: FunctionNode): Pick<PendingRoute, 'constantReply' | 'computesHealth'> {
  if (answersConstant(fn)) return { constantReply: true };
  return computesHealth(fn) ? { computesHealth: true } : {};
}

/**
 * The folder an autoload `dir` option names, from the root: `path.join(__dirname, 'routes')`,
 * `join(import.meta.dirname, 'routes')`, `path.resolve(dirname(fileURLToPath(import.meta.url)), 'routes')`.
 */
function autoloadDir(file: string, node: t.Node | undefined): string | undefined {
  const n = node && unwrap(node);
  if (!n || !isCall(n) || !['join', 'resolve'].includes((isMember(n.callee) ? memberName(n.callee) : n.callee.type === 'Identifier' ? n.callee.name : '') ?? '')) return undefined;
  const [base, ...rest] = n.arguments as t.Node[];
  // `__dirname`, `import.meta.dirname`, `path.dirname(…)`: the folder of the file that registers the plugin
  const b = base && unwrap(base);
  const baseName = !b ? undefined : b.type === 'Identifier' ? b.name : isMember(b) ? memberName(b) : isCall(b) ? nodeText(b) : undefined;
  if (!baseName || !/dirname$/i.test(baseName) || rest.length === 0) return undefined;
  const parts = rest.map((a) => stringValue(a));
  if (parts.some((p) => p === undefined)) return undefined;
  return inDir(dirname(file), parts.join('/'));
}
