/**
 * The service model: what a package's own source says about how it runs in production — whether it
 * is an HTTP server, its routes, signal and crash handlers, the helpers it uses, every environment
 * variable it reads, its CORS settings, literal secrets, inspector starts, validation bypasses, the
 * shutdown budget and the ports it listens on. Built once from the Babel ASTs of the package's entry
 * points and usual source folders (plus what they import relatively); rules read only this.
 */
import { builtinModules } from 'node:module';
import type * as t from '@babel/types';
import type { PackageJson } from '../parsers/package-json.ts';
import {
  type CallNode,
  chainText,
  type FunctionNode,
  isCall,
  isFunction,
  isMember,
  keyName,
  locOf,
  type MemberNode,
  memberName,
  type SourceModule,
  stringValue,
  unwrap,
  walk,
} from '../parsers/source.ts';
import type { Loc, SourceFile } from '../types.ts';
import { nameExclusion, pathExclusion } from './evidence.ts';
import { commandsReached, isDevelopmentScript } from './package-commands.ts';
import { dirname } from './project.ts';
import { parseDuration } from './quantities.ts';
import { credentialKind, fillIn, looksRandom, secretShaped } from './credentials.ts';
import { isSecretLikeKey, namesSecretItself } from './secrets.ts';

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nest' | 'hapi' | 'node-http';

export interface ServerCreation {
  framework: Framework;
  loc: Loc;
}

/** A port as the code gives it: a literal, an env variable (with its default), or unknown (loc only). */
export interface Port {
  value?: number;
  env?: string;
  loc: Loc;
}

export interface Listen {
  loc: Loc;
  port?: Port;
  /** Bound to loopback or an ephemeral port (`listen(0, '127.0.0.1')`): a helper inside the process, not a served endpoint. */
  internal?: boolean;
  /** The name of what listens, as written (`app`, `healthServer`), when it has one. */
  receiver?: string;
}

export interface Route {
  /** GET, POST, …, ALL (any method), USE (a middleware mounted at the path). */
  method: string;
  /** Full path with mount prefixes applied: `/health`, `/api/users/:id`. */
  path: string;
  loc: Loc;
  /** The framework that registers it, or `helper` for routes a library serves (lightship, terminus). */
  source: Framework | 'helper';
  /** The handler answers with a constant (`res.send('ok')`, `return { status: 'ok' }`): it checks the process alone, no dependency. */
  constantReply?: boolean;
}

export interface SignalHandler {
  signal: string;
  loc: Loc;
  /** What the handler calls, as written (`shutdown`, `server.close`). */
  calls: string[];
}

export interface CrashHandler {
  event: 'uncaughtException' | 'unhandledRejection';
  loc: Loc;
  /** `exits`: exits, rethrows or shuts down; `logs-only`: carries on; `empty`: swallows the error. */
  outcome: 'exits' | 'logs-only' | 'empty';
}

export type HelperKind = 'shutdown' | 'security-headers' | 'rate-limit' | 'cors' | 'crash-handlers' | 'health' | 'readiness';

export interface Helper {
  /** The module imported (`helmet`), or the API called (`enableShutdownHooks`). */
  name: string;
  kinds: readonly HelperKind[];
  loc: Loc;
}

export interface EnvRead {
  name: string;
  /** The code copes with it unset: a `||`/`??` fallback, a destructuring default, or a presence test. */
  hasDefault: boolean;
  /** Read only as the fallback of another variable (`process.env.MONGODB_URI || process.env.MONGOLAB_URI`): that variable's name. */
  aliasOf?: string;
  /** The literal fallback, when there is one. */
  defaultValue?: string;
  loc: Loc;
}

export interface CorsSetting {
  loc: Loc;
  anyOrigin: boolean;
  /**
   * How every origin is allowed (or `restricted`): the library default, `'*'`, `true` or a callback that echoes the
   * request's origin, a list holding `'*'`, a header set to `'*'` or to the request's Origin.
   */
  how: 'default' | 'star' | 'reflect' | 'wildcard-list' | 'header' | 'header-reflect' | 'restricted';
  /** Credentials (cookies, authorization) are allowed: `credentials: true`, `Access-Control-Allow-Credentials: true`. */
  credentials: boolean;
  /** `global`: for the whole API (a middleware without a path, `enableCors`); `route`: for some routes, or a path that is public by design (static files, an SDK). */
  scope: 'global' | 'route';
  /** The path it is mounted on (`app.use('/api', cors())`); undefined for every path (no path, `*`, `/*`). */
  path?: string;
  /** Inside a branch only development takes (`if (!isProduction)`, `NODE_ENV === 'development'`). */
  developmentOnly: boolean;
}

export interface LiteralSecret {
  key: string;
  loc: Loc;
  /** A fallback after an env read (`process.env.X || 'dev-secret'`). */
  fallback: boolean;
}

/** A dotenv load: `dotenv.config()`, `config({ path: '.env.local' })`, `import 'dotenv/config'`. */
export interface EnvFileLoad {
  /** The file it names (relative to the working directory), `.env` for the default; undefined when computed. */
  path: string | undefined;
  loc: Loc;
}

export interface InspectorStart {
  callee: string;
  loc: Loc;
  guarded: boolean;
}

export interface ValidationBypass {
  flag: string;
  loc: Loc;
}

export interface ShutdownWait {
  ms: number;
  loc: Loc;
  /** A timer, a timer that forces the exit, a timeout option, a helper's default, an env default, a value the deployment's env sets. */
  kind: 'timer' | 'forced-exit' | 'option' | 'helper-default' | 'env-default' | 'env';
  /** The env variable the wait is read from (`Number(process.env.SHUTDOWN_TIMEOUT_MS) || 10000`) and the fallback the code gives it. */
  env?: { name: string; fallback?: number };
}

export interface ShutdownBudget {
  waits: ShutdownWait[];
  /** The earliest forced exit when there is one, else the sum of the waits; undefined when nothing waits. */
  budgetMs?: number;
}

export interface Service {
  package: PackageJson;
  dir: string;
  /** The parsed source files of the package (relative paths). */
  files: readonly string[];
  /** `server`: creates an HTTP server and listens; `cli`: a published bin without a start script; else `library`. */
  kind: 'server' | 'cli' | 'library';
  isServer: boolean;
  /** Where to report what the service lacks: its first listen call, else its first server, else package.json. */
  loc: Loc;
  servers: ServerCreation[];
  listens: Listen[];
  ports: Port[];
  routes: Route[];
  signalHandlers: SignalHandler[];
  crashHandlers: CrashHandler[];
  helpers: Helper[];
  envReads: EnvRead[];
  cors: CorsSetting[];
  literalSecrets: LiteralSecret[];
  /** Where the code loads env files with dotenv (none when it loads them otherwise, as with `node -r dotenv/config`). */
  envFileLoads: EnvFileLoad[];
  inspectorStarts: InspectorStart[];
  validationBypasses: ValidationBypass[];
  /** Packages the code loads at run time (`typescript` for `import ts from 'typescript'`; Node built-ins left out). */
  packagesImported: ReadonlySet<string>;
  /** Explicit security headers set by hand (`res.setHeader('Strict-Transport-Security', …)`). */
  securityHeaders: Loc[];
  /** Log records written as JSON by the code itself (`console.log(JSON.stringify({ level, msg, … }))`): a logger of its own. */
  structuredLogs: Loc[];
  shutdown: ShutdownBudget;
  /** What may answer paths `routes` does not list: static file servers, a global prefix the routes lack. */
  openPaths: { reason: string; loc: Loc }[];
  /** True when a handler or a helper handles the signal. */
  handlesSignal(signal: string): boolean;
  helpersOf(kind: HelperKind): Helper[];
}

/** Next.js's config file, whose `env` key defines build-time constants. */
const NEXT_CONFIG = /(?:^|\/)next\.config\.[cm]?[jt]s$/;
const LIVENESS_SEGMENT = /^_?(?:health|healthz|healthcheck|health-check|health_check|live|livez|liveness|ping|heartbeat|alive)$/i;
/** `/status` and `/api/status` answer for the process; `/orders/:id/status` is a resource's. */
const STATUS_ROUTE = /^(?:\/[\w-]+)?\/status$/i;
const READINESS_SEGMENT = /^(?:ready|readyz|readiness)$/i;
/** Methods a probe's GET reaches. */
const PROBE_METHODS = new Set(['GET', 'HEAD', 'ALL', 'USE']);

/**
 * The segments of a path a probe can call: at most four, none a parameter or a wildcard (`/api/v1/health/live`) —
 * `/orgs/:org/runs/live` is a resource of the app, not a probe.
 */
function probeSegments(route: Route): string[] | undefined {
  if (!PROBE_METHODS.has(route.method)) return undefined;
  const segments = route.path.split('/').filter((s) => s !== '');
  return segments.length <= 4 && !segments.some((s) => /[:*{(]/.test(s)) ? segments : undefined;
}

/** A readiness route: `/ready`, `/readyz`, `/health/ready`, `/api/readiness`. */
export function isReadinessRoute(route: Route): boolean {
  return READINESS_SEGMENT.test(probeSegments(route)?.at(-1) ?? '');
}

/** A health (liveness) route: `/health`, `/healthz`, `/live`, `/livez`, `/health/live`, `/ping`, `/api/health`. */
export function isHealthRoute(route: Route): boolean {
  const segments = probeSegments(route);
  return segments !== undefined && !isReadinessRoute(route) && (segments.some((s) => LIVENESS_SEGMENT.test(s)) || STATUS_ROUTE.test(route.path));
}

/** A route path as a request path compares with it: lower case (express and koa ignore case), no trailing or doubled slash. */
function normalisePath(path: string): string {
  const p = `/${path}`.replace(/\/{2,}/g, '/').toLowerCase();
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

/** Segments of a route match those of a path: `:param` matches one segment, `:param?` may be missing at the end. */
function segmentsMatch(route: readonly string[], path: readonly string[], prefix: boolean): boolean {
  for (const [i, seg] of route.entries()) {
    const part = path[i];
    if (part === undefined) return seg.startsWith(':') && seg.endsWith('?') && route.slice(i + 1).every((s) => s.startsWith(':') && s.endsWith('?'));
    if (!seg.startsWith(':') && seg !== part) return false;
  }
  return prefix || path.length <= route.length;
}

/** Characters that make a route pattern match more than its literal segments: wildcards, regex groups, optional braces. */
const PATTERN = /[*({]/;

/** true: a GET of `path` reaches the route; false: it does not; undefined: the route is a pattern (a catch-all) that may. */
function routeAnswers(route: Route, path: string): boolean | undefined {
  const pattern = route.path.search(PATTERN);
  const routePath = normalisePath(pattern === -1 ? route.path : route.path.slice(0, route.path.lastIndexOf('/', pattern) + 1));
  const split = (p: string) => p.split('/').filter(Boolean);
  const matches = segmentsMatch(split(routePath), split(normalisePath(path)), pattern !== -1 || route.method === 'USE');
  return pattern !== -1 && matches ? undefined : matches;
}

/**
 * Whether a GET of `path` (query removed) reaches a route the service registers, mount prefixes applied:
 * undefined when the code cannot tell — no routes known, a catch-all or wildcard route that covers the
 * path, a static file server or global prefix, or plain node:http routing (its fall-through may answer any path;
 * `http.createServer(app)` around a framework app is not that).
 */
export function answersPath(service: Service, path: string): boolean | undefined {
  const plainHttp = service.servers.every((s) => s.framework === 'node-http') || service.routes.some((r) => r.source === 'node-http');
  if (service.routes.length === 0 || service.openPaths.length > 0 || plainHttp) return undefined;
  const target = path.replace(/[?#].*$/, '');
  let maybe = false;
  for (const route of service.routes) {
    if (!PROBE_METHODS.has(route.method)) continue;
    const answer = routeAnswers(route, target);
    if (answer === true) return true;
    if (answer === undefined) maybe = true;
  }
  return maybe ? undefined : false;
}

/**
 * The routes that answer a GET of `path` exactly (not through a pattern), so a caller can read what their
 * handlers do. Empty when none does or the code cannot tell.
 */
export function routesFor(service: Service, path: string): Route[] {
  const target = path.replace(/[?#].*$/, '');
  return service.routes.filter((route) => PROBE_METHODS.has(route.method) && route.method !== 'USE' && routeAnswers(route, target) === true);
}

// ---------------------------------------------------------------------------------------------
// Which files make up a package's code

/** Build output and installed dependencies: never the service's own source. */
const BUILD_OUTPUT_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit']);
const SOURCE_FOLDERS = ['src', 'lib', 'app', 'server'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib']);
/** Bounds the files one package contributes, whatever its import graph looks like. */
const MAX_FILES_PER_PACKAGE = 2000;

/** True for paths in build output and dependencies, and for tests, fixtures, examples and build-tool config (src/model/evidence.ts). */
export function isExcludedPath(path: string): boolean {
  const segments = path.split('/');
  segments.pop();
  return segments.some((s) => BUILD_OUTPUT_DIRS.has(s)) || pathExclusion(path, 'source') !== undefined || nameExclusion(path, 'source') !== undefined;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function inDir(dir: string, rel: string): string {
  return normalise(dir === '' ? rel : `${dir}/${rel}`);
}

/** A module specifier or entry path → the source file it names, trying extensions, index files and TS's `.js` → `.ts`. */
function resolveFile(path: string, has: (p: string) => boolean): string | undefined {
  const candidates = [path];
  const stem = path.replace(/\.[cm]?jsx?$/, '');
  if (stem !== path) candidates.push(...EXTENSIONS.map((e) => stem + e));
  candidates.push(...EXTENSIONS.map((e) => path + e), ...EXTENSIONS.map((e) => `${path}/index${e}`));
  return candidates.find((c) => has(c) && !isExcludedPath(c));
}

/** `dist/server.js` → `src/server.ts`, `server.ts`: the source counterpart of a build output path. */
function sourceCounterparts(rel: string): string[] {
  const [first, ...rest] = rel.split('/');
  if (!first || !BUILD_DIRS.has(first) || rest.length === 0) return [];
  const tail = rest[0] === 'src' ? rest.slice(1).join('/') : rest.join('/');
  return [`src/${tail}`, tail];
}

function exportTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (!value.endsWith('.d.ts') && !value.includes('*')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) exportTargets(v, out);
  else if (value && typeof value === 'object') {
    for (const [condition, v] of Object.entries(value)) if (condition !== 'types') exportTargets(v, out);
  }
}

/** The files a package's `start` script runs: `node dist/server.js`, `tsx src/index.ts`, `node .`. */
function startScriptFiles(commands: readonly string[][] = []): string[] {
  const out: string[] = [];
  for (const words of commands) {
    words.forEach((word, i) => {
      if (/^[\w./@-]+\.[cm]?[jt]sx?$/.test(word) && !word.startsWith('-')) out.push(word);
      else if ((word === '.' || word === 'dist' || word === 'build' || /^(?:\.\/)?bin\/www$/.test(word)) && /node$/.test(words[i - 1] ?? '')) out.push(word);
    });
  }
  return out;
}

/** Entry points declared by package.json: main (or index), bin, exports, and what `start` runs. */
function entryPaths(pkg: PackageJson): string[] {
  const out: string[] = [];
  out.push(pkg.main ?? 'index');
  out.push(...Object.values(pkg.bin));
  exportTargets(pkg.exports, out);
  // `"start": "npm run start-server"` → `"start-server": "node server/server.js"`: the files the scripts it runs name too.
  const reached = (pkg.scriptCommands.start ?? []).flatMap((argv) => commandsReached(argv, pkg, { packages: [] }).map((c) => [...c.argv]));
  for (const file of startScriptFiles(reached)) out.push(file === '.' ? (pkg.main ?? 'index') : file);
  return out;
}

// ---------------------------------------------------------------------------------------------
// One parsed file, indexed

interface ImportBinding {
  module: string;
  /** `default`, `*` (namespace or CommonJS module), or the imported name. */
  imported: string;
}

const PROCESS_MODULES = new Set(['process', 'node:process']);

function normaliseModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

function requiredModule(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) return stringValue(n.arguments[0]);
  // `await import('node:inspector')`: a lazily loaded module binds its namespace as `require` does
  if (n.type === 'AwaitExpression') {
    const loaded = unwrap(n.argument);
    if (loaded.type === 'ImportExpression') return stringValue(loaded.source);
    if (loaded.type === 'CallExpression' && loaded.callee.type === 'Import') return stringValue(loaded.arguments[0]);
  }
  return undefined;
}

/**
 * A call that tests a value: `Boolean(x)`, a predicate (`isEmpty(x)`, `_.isNil(x)`, `hasValue(x)`), a conversion to
 * a boolean (`stringToBoolean(x)`, `toBool(x)`, `parseBoolean(x)`: false when unset).
 */
function isPredicateCall(node: t.Node): boolean {
  if (!isCall(node)) return false;
  const callee = chainText(node.callee) ?? '';
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  return last === 'Boolean' || /^(?:is|has)[A-Z]\w*$/.test(last) || /^(?:\w*To|parse|as|env)?Bool(?:ean)?$/i.test(last);
}

/** Where a process writes log lines: the console, or its standard streams. */
const LOG_SINKS = /^(?:console\.(?:log|info|warn|error|debug)|process\.(?:stdout|stderr)\.write)$/;

/** `console.log(JSON.stringify({ time, level, msg }))`: one JSON record per line, with a level and a message. */
function isJsonLogRecord(callee: t.Node, args: readonly t.Node[]): boolean {
  if (!LOG_SINKS.test(chainText(callee) ?? '')) return false;
  const first = args[0] ? unwrap(args[0]) : undefined;
  if (!first || !isCall(first) || chainText(first.callee) !== 'JSON.stringify') return false;
  const record = first.arguments[0] ? unwrap(first.arguments[0] as t.Node) : undefined;
  if (record?.type !== 'ObjectExpression') return false;
  const keys = new Set(record.properties.flatMap((p) => (p.type === 'ObjectProperty' ? [keyName(p.key, p.computed) ?? ''] : [])));
  return (keys.has('level') || keys.has('severity')) && (keys.has('msg') || keys.has('message'));
}

/** A value fixed in the code: a literal, arithmetic of literals (`2 * 60 * 1000`), a constant's name (`DEFAULT_TIMEOUT_MS`). */
function isConstantExpression(node: t.Node): boolean {
  const n = unwrap(node);
  if (isLiteralValueNode(n)) return true;
  if (n.type === 'Identifier') return /^[A-Z][A-Z0-9_]*$/.test(n.name);
  if (n.type === 'UnaryExpression') return n.operator === '-' && isConstantExpression(n.argument);
  return n.type === 'BinaryExpression' && n.left.type !== 'PrivateName' && isConstantExpression(n.left) && isConstantExpression(n.right);
}

/** True for a node that tests an operand for presence or a value: a condition, `&&`/`||`/`??`, `!`, a predicate call, an equality. */
function isPresenceTest(node: t.Node): boolean {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LogicalExpression':
      return true;
    case 'UnaryExpression':
      return node.operator === '!';
    case 'BinaryExpression':
      return ['===', '!==', '==', '!='].includes(node.operator);
    default:
      return isPredicateCall(node);
  }
}

/** The operand a presence test tests (for `&&`/`||`/`??` and equalities, the left one; a condition's whole test). */
function presenceTested(node: t.Node): t.Node | null | undefined {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return node.test;
    case 'LogicalExpression':
    case 'BinaryExpression':
      return node.left as t.Node;
    case 'UnaryExpression':
      return node.argument;
    default:
      return isCall(node) ? (node.arguments[0] as t.Node | undefined) : undefined;
  }
}

class Module {
  readonly imports = new Map<string, ImportBinding>();
  /** Initialisers of variables by name; null when the name is declared more than once (ambiguous). */
  readonly inits = new Map<string, t.Node | null>();
  readonly functions = new Map<string, FunctionNode>();
  /** Exported name → local name (`default` → the local or `default` for anonymous functions). */
  readonly exports = new Map<string, string>();
  readonly envAliases = new Set<string>();
  readonly specifiers: string[] = [];
  /** Specifiers loaded at run time: type-only imports and exports left out. */
  readonly runtimeSpecifiers: string[] = [];
  readonly parents = new Map<t.Node, t.Node>();
  /** Variables whose value the module tests for presence somewhere (`if (x)`, `x && …`, `!x`, `Boolean(x)`, `isEmpty(x)`, `x === undefined`). */
  readonly testedNames = new Set<string>();
  /** Every node in the walk's order (depth-first, in source order), and each one's depth: the file's one walk, for replay(). */
  readonly nodes: t.Node[] = [];
  private readonly depths: number[] = [];
  /** Every call and construction (`f()`, `a?.b()`, `new X()`), in walk order. */
  readonly calls: CallNode[] = [];
  readonly declarators: t.VariableDeclarator[] = [];
  /** Every `if` and `?:`, in walk order. */
  readonly conditionals: (t.IfStatement | t.ConditionalExpression)[] = [];

  /** The one walk of the file's AST: everything later passes read is indexed or collected here. */
  constructor(
    readonly file: string,
    readonly program: t.Program,
  ) {
    walk(program, (node, ancestors) => {
      const parent = ancestors.at(-1);
      if (parent) this.parents.set(node, parent);
      this.nodes.push(node);
      this.depths.push(ancestors.length);
      this.index(node);
    });
  }

  /**
   * Visits the nodes again in the walk's order, each with the ancestors the walk gave it (nearest last), without
   * walking the tree again. The analysis is a second phase because it needs what the walk collects first: the whole
   * file's bindings (a name may be declared below its use, a variable tested anywhere) and every file's apps and routers.
   */
  replay(visit: (node: t.Node, ancestors: readonly t.Node[]) => void): void {
    const ancestors: t.Node[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i] as t.Node;
      ancestors.length = this.depths[i] as number;
      visit(node, ancestors);
      ancestors.push(node);
    }
  }

  loc(node: t.Node): Loc {
    return locOf(this.file, node);
  }

  private declare(name: string, init: t.Node | null | undefined): void {
    this.inits.set(name, this.inits.has(name) ? null : (init ?? null));
  }

  /** Records the variables an expression in a test position tests: `a && b`, `!a`, `(a)`. */
  private tested(node: t.Node | null | undefined): void {
    const n = node ? unwrap(node) : undefined;
    if (n?.type === 'Identifier') this.testedNames.add(n.name);
    else if (n?.type === 'LogicalExpression') {
      this.tested(n.left);
      this.tested(n.right);
    } else if (n?.type === 'UnaryExpression' && n.operator === '!') this.tested(n.argument);
  }

  private index(node: t.Node): void {
    if (isPresenceTest(node)) this.tested(presenceTested(node));
    if (isCall(node)) this.calls.push(node);
    if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') this.conditionals.push(node);
    switch (node.type) {
      case 'ImportDeclaration': {
        const module = normaliseModule(node.source.value);
        this.specifiers.push(node.source.value);
        if (node.importKind === 'type') break;
        this.runtimeSpecifiers.push(node.source.value);
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && s.importKind === 'type') continue;
          const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : (keyName(s.imported, false) ?? '');
          this.imports.set(s.local.name, { module, imported });
          if (PROCESS_MODULES.has(node.source.value) && imported === 'env') this.envAliases.add(s.local.name);
        }
        break;
      }
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          this.specifiers.push(node.moduleReference.expression.value);
          if (node.importKind !== 'type') this.runtimeSpecifiers.push(node.moduleReference.expression.value);
          this.imports.set(node.id.name, { module: normaliseModule(node.moduleReference.expression.value), imported: '*' });
        }
        break;
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) this.specifiers.push(node.source.value);
        if (node.source && node.exportKind !== 'type') this.runtimeSpecifiers.push(node.source.value);
        if (node.type === 'ExportNamedDeclaration') {
          const decl = node.declaration;
          if (decl?.type === 'FunctionDeclaration' || decl?.type === 'ClassDeclaration') {
            if (decl.id) this.exports.set(decl.id.name, decl.id.name);
          } else if (decl?.type === 'VariableDeclaration') {
            for (const d of decl.declarations) if (d.id.type === 'Identifier') this.exports.set(d.id.name, d.id.name);
          }
          if (!node.source) {
            for (const s of node.specifiers) {
              if (s.type === 'ExportSpecifier') this.exports.set(keyName(s.exported, false) ?? s.local.name, s.local.name);
            }
          }
        }
        break;
      case 'ExportDefaultDeclaration': {
        const decl = node.declaration;
        if (decl.type === 'Identifier') this.exports.set('default', decl.name);
        else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) this.exports.set('default', decl.id.name);
        else {
          this.exports.set('default', 'default');
          if (isFunction(decl)) this.functions.set('default', decl);
          else this.declare('default', decl);
        }
        break;
      }
      case 'FunctionDeclaration':
        if (node.id) this.functions.set(node.id.name, node);
        break;
      case 'VariableDeclarator':
        this.declarators.push(node);
        this.indexDeclarator(node);
        break;
      case 'AssignmentExpression': {
        // CommonJS exports: module.exports = x, module.exports.name = x, exports.name = x
        const target = chainText(node.left);
        const exported = target === 'module.exports' ? 'default' : /^(?:module\.)?exports\.(\w+)$/.exec(target ?? '')?.[1];
        if (!exported || node.operator !== '=') break;
        const value = unwrap(node.right);
        if (value.type === 'Identifier') this.exports.set(exported, value.name);
        else if (isFunction(value)) {
          this.functions.set(`exports:${exported}`, value);
          this.exports.set(exported, `exports:${exported}`);
        } else if (exported === 'default' && value.type === 'ObjectExpression') {
          for (const p of value.properties) {
            if (p.type !== 'ObjectProperty') continue;
            const name = keyName(p.key, p.computed);
            const v = unwrap(p.value);
            if (name && v.type === 'Identifier') this.exports.set(name, v.name);
          }
        }
        break;
      }
      case 'CallExpression':
      case 'ImportExpression': {
        const spec = node.type === 'CallExpression' ? (node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require') ? stringValue(node.arguments[0]) : undefined) : stringValue(node.source);
        if (spec !== undefined) this.specifiers.push(spec);
        if (spec !== undefined) this.runtimeSpecifiers.push(spec);
        break;
      }
      default:
    }
  }

  private indexDeclarator(node: t.VariableDeclarator): void {
    const init = node.init ? unwrap(node.init) : undefined;
    // const x = require('m'), require('m').default, require('m').name
    const direct = requiredModule(init);
    const viaMember = init && isMember(init) ? requiredModule(init.object) : undefined;
    if (node.id.type === 'Identifier') {
      const name = node.id.name;
      if (direct !== undefined) this.imports.set(name, { module: normaliseModule(direct), imported: '*' });
      else if (viaMember !== undefined && init && isMember(init)) {
        const member = memberName(init) ?? '';
        this.imports.set(name, { module: normaliseModule(viaMember), imported: member === 'default' ? '*' : member });
      } else if (init && isProcessEnv(init, this)) this.envAliases.add(name);
      else {
        this.declare(name, init);
        if (init && isFunction(init)) this.functions.set(name, init);
      }
      return;
    }
    if (node.id.type !== 'ObjectPattern') return;
    for (const p of node.id.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const key = keyName(p.key, p.computed);
      const local = p.value.type === 'Identifier' ? p.value.name : p.value.type === 'AssignmentPattern' && p.value.left.type === 'Identifier' ? p.value.left.name : undefined;
      if (!key || !local) continue;
      if (direct !== undefined) this.imports.set(local, { module: normaliseModule(direct), imported: key });
      else if (init?.type === 'Identifier' && init.name === 'process' && key === 'env') this.envAliases.add(local);
    }
  }

  /** The nearest ancestors of a node, outermost first (from the parent index). */
  ancestorsOf(node: t.Node): t.Node[] {
    const out: t.Node[] = [];
    let current = this.parents.get(node);
    while (current) {
      out.push(current);
      current = this.parents.get(current);
    }
    return out.reverse();
  }

  /** The module and name path an expression refers to: `http.createServer` → { module: 'http', path: 'createServer' }. */
  target(expr: t.Node): { module: string; path: string } | undefined {
    const n = unwrap(expr);
    if (n.type === 'Identifier') {
      const binding = this.imports.get(n.name);
      if (!binding) return undefined;
      return { module: binding.module, path: binding.imported === 'default' || binding.imported === '*' ? '' : binding.imported };
    }
    const required = requiredModule(n);
    if (required !== undefined) return { module: normaliseModule(required), path: '' };
    if (isMember(n)) {
      const base = this.target(n.object);
      const name = memberName(n);
      if (!base || name === undefined) return undefined;
      if (name === 'default' && base.path === '') return base;
      return { module: base.module, path: base.path === '' ? name : `${base.path}.${name}` };
    }
    return undefined;
  }
}

function isProcessEnv(node: t.Node, mod: Module): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return mod.envAliases.has(n.name);
  if (!isMember(n) || memberName(n) !== 'env') return false;
  const object = unwrap(n.object);
  if (object.type === 'Identifier') return object.name === 'process';
  return isMember(object) && memberName(object) === 'process' && chainText(object.object) === 'globalThis';
}

/** `process.env.X` (or `env.X` through an alias of process.env). */
function isProcessEnvRead(mod: Module, node: t.Node): boolean {
  const n = unwrap(node);
  return isMember(n) && isProcessEnv(n.object, mod);
}

// ---------------------------------------------------------------------------------------------
// Tables

const CREATIONS: Record<string, Record<string, Framework>> = {
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

const ROUTERS: Record<string, Record<string, Framework>> = {
  express: { Router: 'express' },
  'koa-router': { '': 'koa' },
  '@koa/router': { '': 'koa' },
};

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

/** CORS middleware factories: module → the exported name that makes the middleware ('' = default export). */
/**
 * What an imported package helps with: the known helpers, and packages named for rate limiting
 * (`limiter-es6-compat`, `@acme/rate-limiter`, `koa-throttle`), whose limiter may guard socket events as well as routes.
 */
function helperKindsOf(module: string): readonly HelperKind[] {
  if (HELPERS[module]) return HELPERS[module];
  return !module.startsWith('.') && /(?:^|[/@-])(?:rate-?limit(?:er|ing)?|limiter|throttl(?:e|er|ing))(?:$|[-/])/.test(module) ? ['rate-limit'] : [];
}

const CORS_FACTORIES: Record<string, string> = { cors: '', '@koa/cors': '', 'koa-cors': '', 'hono/cors': 'cors' };
/**
 * Koa's CORS middlewares answer with the request's Origin when no origin is configured, and when the origin is
 * `'*'` with credentials allowed; the others send `*` itself, under which browsers expose no credentialed response.
 */
const REFLECTING_CORS = new Set(['@koa/cors', 'koa-cors']);
const FASTIFY_CORS = new Set(['@fastify/cors', 'fastify-cors']);
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

/** Helpers that shut down on their own, with their option key and default wait (ms). */
const SHUTDOWN_HELPER_CALLS: Record<string, { option: string; defaultMs: number; optionArg: number }> = {
  '@godaddy/terminus:createTerminus': { option: 'timeout', defaultMs: 1000, optionArg: 1 },
  'close-with-grace:': { option: 'delay', defaultMs: 10_000, optionArg: 0 },
  'http-terminator:createHttpTerminator': { option: 'gracefulTerminationTimeout', defaultMs: 1000, optionArg: 0 },
  'http-graceful-shutdown:': { option: 'timeout', defaultMs: 30_000, optionArg: 1 },
  'lightship:createLightship': { option: 'gracefulShutdownTimeout', defaultMs: 60_000, optionArg: 0 },
};

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
const NEST_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'All']);
/** Receivers that are HTTP clients, whose `.get('/x', …)` is a request, not a route. */
const CLIENT_NAMES = /^(?:axios|got|ky|http|https|request|superagent|supertest|agent|client|fetch|api[A-Z]\w*Client|\w*Client)$/;
const SERVERISH_NAMES = /^(?:app|application|router|routes|server|srv|fastify|instance|api|r|hono|web)$/i;
const URLISH_MEMBERS = new Set(['url', 'pathname', 'path', 'originalUrl']);
const URLISH_NAMES = /^(?:url|pathname|path|route|reqPath|requestPath|urlPath)$/;
/** Calls that convert an env value without supplying a default (`parseInt(process.env.PORT, 10)`: 10 is the radix). */
const CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'String', 'Boolean', 'JSON.parse']);
/** Names of what a server listens on: `app`, `server`, `httpServer`, `fastify`, `instance`, `this` (a class that extends one). */
const LISTENER_NAMES = /server|app|api|srv|fastify|koa|hono|instance|http|gateway|service|nest|web|listener|^this$/i;
/** Helpers that take signal names to handle (`cleanupOnSignals`, `gracefulShutdown`, `onExitSignals`); never `kill`. */
const SIGNAL_HELPER = /signals?|shutdown|graceful|terminat|exithook|onexit|cleanup/i;

/** `'SIGTERM'` or `['SIGINT', 'SIGTERM']` as written in a call's arguments. */
function signalLiterals(node: t.Node): string[] {
  const n = unwrap(node);
  const values = n.type === 'ArrayExpression' ? n.elements.map((e) => (e && e.type !== 'SpreadElement' ? stringValue(e) : undefined)) : [stringValue(n)];
  return values.filter((v): v is string => v === 'SIGTERM' || v === 'SIGINT' || v === 'SIGHUP' || v === 'SIGQUIT');
}

function receiverName(receiver: t.Node): string | undefined {
  return receiver.type === 'ThisExpression' ? 'this' : receiver.type === 'Identifier' ? receiver.name : isMember(receiver) ? memberName(receiver) : undefined;
}

function receiverIsProcess(callee: t.Node): boolean {
  return isMember(callee) && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as t.Identifier).name === 'process';
}
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|::1)$/;
const DOTENV_MODULES = new Set(['dotenv', 'dotenv-flow', '@dotenvx/dotenvx']);
const DOTENV_PRELOADS = new Set(['dotenv/config', 'dotenv-flow/config', '@dotenvx/dotenvx/config']);
const SIGNAL_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const SECURITY_HEADERS = new Set(['strict-transport-security', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']);

/** Names that are not secrets though a secret word is in them: `passwordField`, `tokenExpiresIn`, `secretName`. */
const NOT_SECRET_WORDS = new Set(['field', 'fields', 'name', 'names', 'header', 'param', 'params', 'prefix', 'type', 'label', 'placeholder', 'env', 'var', 'variable', 'path', 'url', 'uri', 'endpoint', 'route', 'length', 'min', 'max', 'pattern', 'regex', 'message', 'msg', 'error', 'text', 'title', 'description', 'hint', 'selector', 'id', 'expires', 'expiry', 'expiration', 'in', 'ttl', 'age', 'lifetime', 'mode', 'algorithm', 'alg', 'strategy', 'column', 'attribute', 'hash', 'policy', 'rules', 'schema', 'location', 'file', 'dir', 'count', 'size', 'version', 'format', 'input', 'query']);
const SECRET_WORDS = ['secret', 'password', 'passwd', 'token', 'key', 'credential'];
/** A value that says it is a secret: `dev-secret`, `changeme`, `keyboard cat`, `s3cr3t-key`. */
const SAYS_SECRET = /secret|s3cr3t|pass|pwd|key|token|changeme|keyboard cat|^shh/i;

const BYPASS_FLAG = /(?:^|_)(?:SKIP|DISABLE|DISABLED|BYPASS|NO|IGNORE)(?:_|$)|BYPASS/;
const SECURITY_CONCEPT = /(?:^|_)(?:VALIDATIONS?|VALIDATE|VALIDATOR|AUTH\w*|VERIFY|VERIFICATION|CONSTRAINTS?|CSRF|SIGNATURES?|PERMISSIONS?|ACL|SECURITY|SANITI[SZ]\w*)(?:_|$)/;
const OWN_SETTINGS = /(?:^|_)(?:ENV|ENVS|ENVIRONMENT|CONFIG|CONFIGURATION|SETTINGS)_(?:VALIDATIONS?|VALIDATE|CHECKS?)(?:_|$)/;
const SECURITY_CODE = /valid|constraint|auth|verif|permission|guard|csrf|signature|saniti[sz]|schema/i;

const PROD_WORDS = new Set(['production', 'prod']);
const DEV_WORDS = new Set(['development', 'dev', 'test', 'testing', 'local', 'debug', 'staging']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 'enabled']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'disabled']);
const ENV_NAME = /^(?:node_?env|env|environment|app_?env|mode|stage)$/i;

/** Shutdown waits from env defaults: `SHUTDOWN_TIMEOUT_MS`, `GRACEFUL_SHUTDOWN_SECONDS`. */
const SHUTDOWN_ENV = /(?:SHUTDOWN|GRACE|DRAIN|TERMINAT)\w*(?:TIMEOUT|DELAY|PERIOD|MS|SECONDS?|SECS?)|(?:TIMEOUT|DELAY)\w*(?:SHUTDOWN|GRACE|DRAIN)/;

/** A variable that holds a shutdown wait: `SHUTDOWN_TIMEOUT_MS`, `GRACEFUL_SHUTDOWN_SECONDS`, `DRAIN_DELAY`. */
export function isShutdownEnv(name: string): boolean {
  return SHUTDOWN_ENV.test(name);
}

/** A duration an env variable gives, in ms: units written (`30s`), else by its name (`_SECONDS`, `_MS`), else seconds below 1000. */
export function envDurationMs(name: string, value: string): number | undefined {
  const text = value.trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text) ? parseDuration(text) : undefined;
  const n = Number(text);
  return /SECONDS?$|SECS?$|_S$/.test(name) || (!/MS$/.test(name) && n < 1000) ? n * 1000 : n;
}

/** The earliest forced exit when there is one, else the sum of the waits; undefined when nothing waits. */
function budgetOf(waits: readonly ShutdownWait[]): number | undefined {
  const forced = waits.filter((w) => w.kind === 'forced-exit').map((w) => w.ms);
  return forced.length > 0 ? Math.min(...forced) : waits.length > 0 ? waits.reduce((sum, w) => sum + w.ms, 0) : undefined;
}

/**
 * The shutdown budget under a deployment's environment: a wait read from a variable the environment sets
 * takes its value (scaled as the code scales its fallback: `(Number(process.env.S) || 30) * 1000`); a
 * shutdown variable no wait is tied to counts as a wait when the code reads it elsewhere or waits on nothing.
 */
export function budgetUnder(service: Service, envValue: (name: string) => { value: string; loc: Loc } | undefined, envNames: Iterable<string>): ShutdownBudget {
  const tied = new Set<string>();
  const waits = service.shutdown.waits.map((w): ShutdownWait => {
    if (!w.env) return w;
    tied.add(w.env.name);
    const set = envValue(w.env.name);
    const direct = set && envDurationMs(w.env.name, set.value);
    if (!set || direct === undefined) return w;
    const scaled = w.env.fallback && /^\d+(?:\.\d+)?$/.test(set.value.trim()) ? (w.ms * Number(set.value)) / w.env.fallback : direct;
    return { ...w, ms: scaled, loc: set.loc, kind: w.kind === 'forced-exit' ? w.kind : 'env' };
  });
  const reads = new Set(service.envReads.map((r) => r.name));
  for (const name of envNames) {
    if (tied.has(name) || !isShutdownEnv(name) || !(reads.has(name) || service.shutdown.waits.length === 0)) continue;
    const set = envValue(name);
    const ms = set && envDurationMs(name, set.value);
    if (set && ms !== undefined) waits.push({ ms, loc: set.loc, kind: 'env', env: { name } });
  }
  return { waits, budgetMs: budgetOf(waits) };
}

// ---------------------------------------------------------------------------------------------
// Expression helpers

function nodeText(node: t.Node): string | undefined {
  const n = unwrap(node);
  if (isCall(n)) return chainText(n.callee);
  return chainText(n);
}

function lastWord(name: string): string {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.]+/).filter(Boolean);
  return parts.at(-1) ?? '';
}

/**
 * A literal that could be a secret value: not empty, not a message, not a name of one. `envFallback`: the
 * literal an env read of a secret falls back to, which is a secret value whatever it looks like.
 */
function plausibleSecret(key: string, value: string, envFallback = false): boolean {
  const v = value.trim();
  if (v.length < 6) return false;
  if (/\s/.test(v) && (v.split(/\s+/).length >= 3 || /[.!?:]$/.test(v))) return false; // a message
  if (/^[A-Z][A-Z0-9_]+$/.test(v)) return false; // the name of an env variable
  if (/^(?:https?:)?\/\//.test(v) || v.startsWith('/')) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squash(v) === squash(key)) return false;
  // `auth_token`, `x-api-key`: identifier-like values that name a secret are storage keys and header names;
  // but what a `…Secret` key holds is the secret itself (`sessionSecret: 'super-secret-session-key'`).
  if (!envFallback && lastWord(key) !== 'secret' && /^[a-z_.:-]+$/i.test(v) && SECRET_WORDS.some((w) => v.toLowerCase().includes(w))) return false;
  return true;
}

/**
 * Words that make what a name holds a marker or a value to refuse, not a secret in use: `REDACTED_CREDENTIAL_VALUE`,
 * `placeholderToken`, and containers of known-bad values (`WEAK_DEFAULTS`, `COMMON_PASSWORDS`, `leakedKeys`).
 */
const MARKER_WORDS = new Set(['redacted', 'masked', 'mask', 'placeholder', 'sentinel', 'blank', 'dummy', 'fake', 'example', 'sample', 'mock', 'weak', 'insecure', 'known', 'common', 'leaked', 'compromised', 'banned', 'forbidden', 'blocked', 'blocklist', 'denylist', 'blacklist', 'rejected', 'obfuscated', 'deleted', 'removed', 'revoked', 'expired', 'invalid']);

function markerName(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => MARKER_WORDS.has(w));
}

function secretKey(key: string): boolean {
  return isSecretLikeKey(key) && !NOT_SECRET_WORDS.has(lastWord(key)) && !markerName(key);
}

/** The name of the variable or property an object literal is the value of (`const WEAK_DEFAULTS = { … }`). */
function containerName(ancestors: readonly t.Node[]): string | undefined {
  let i = ancestors.length - 2;
  const wrapper = (n: t.Node | undefined) =>
    n !== undefined && (/^(?:TSAsExpression|TSSatisfiesExpression|TSNonNullExpression|ParenthesizedExpression|TypeCastExpression)$/.test(n.type) || (isCall(n) && chainText(n.callee) === 'Object.freeze'));
  while (i > 0 && wrapper(ancestors[i])) i--;
  const holder = ancestors[i];
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  if (holder?.type === 'ObjectProperty') return keyName(holder.key, holder.computed);
  if (holder?.type === 'AssignmentExpression') return holder.left.type === 'Identifier' ? holder.left.name : isMember(holder.left) ? memberName(holder.left) : undefined;
  return undefined;
}

/** Names of keys public by design: publishable and site keys, analytics write keys, client ids, DSNs, browser-exposed env. */
const PUBLIC_KEY_NAME = /publishable|public|^(?:next_public|vite|react_app|expo_public|nuxt_public|gatsby)_|site_?key|write_?key|ingest|dsn|client_?id|measurement|tracking/i;
/** Values public by design: Stripe publishable keys, PostHog project keys, Google browser API keys. */
const PUBLIC_KEY_VALUE = /^(?:pk_(?:live|test)_|phc_|AIza)/;

/**
 * Evidence that a literal assigned to a secret-like name is a secret and not a label, a storage key or an
 * identifier: a credential of a known format; or, not public by design, a long random-looking string, or a
 * secret-shaped value under a key that names the secret itself (`sessionSecret: 'super-secret-session-key'`).
 */
function secretEvidence(key: string, value: string): boolean {
  if (credentialKind(value, key) !== undefined) return true;
  if (PUBLIC_KEY_NAME.test(key) || PUBLIC_KEY_VALUE.test(value.trim())) return false;
  return looksRandom(value) || (namesSecretItself(key) && secretShaped(key, value));
}

function joinRoute(...parts: string[]): string {
  const joined = parts.join('/').replace(/\/{2,}/g, '/');
  const withSlash = joined.startsWith('/') ? joined : `/${joined}`;
  return withSlash.length > 1 ? withSlash.replace(/\/$/, '') : withSlash;
}

function isPathLiteral(value: string | undefined): value is string {
  return value !== undefined && (value.startsWith('/') || value === '*');
}

/** The string paths of a route argument: `'/x'` or `['/x', '/y']`. */
function pathsOf(node: t.Node | undefined): { path: string; node: t.Node }[] {
  if (!node) return [];
  const n = unwrap(node);
  const single = stringValue(n);
  if (isPathLiteral(single)) return [{ path: single, node: n }];
  if (n.type === 'ArrayExpression') return n.elements.flatMap((e) => (e && isPathLiteral(stringValue(e)) ? [{ path: stringValue(e) as string, node: e }] : []));
  return [];
}

function objectProp(node: t.Node | undefined, name: string): t.ObjectProperty | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type !== 'ObjectExpression') return undefined;
  return n.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && keyName(p.key, p.computed) === name);
}

function statementsOf(body: t.Node): t.Node[] {
  const n = unwrap(body);
  if (n.type === 'BlockStatement') return n.body;
  return [n];
}

/** A branch that only refuses (throws, exits or logs): reading a flag to refuse it is not a bypass. */
function refusesOnly(branch: t.Node | null | undefined): boolean {
  if (!branch) return true;
  return statementsOf(branch).every((s) => {
    if (s.type === 'ThrowStatement') return true;
    const expr = s.type === 'ExpressionStatement' ? unwrap(s.expression) : s;
    if (!isCall(expr)) return false;
    const callee = chainText(expr.callee) ?? '';
    return callee === 'process.exit' || /^(?:console|logger|log)\./.test(callee);
  });
}

function identifiersIn(node: t.Node): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'Identifier') out.push(n.name);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The package's code, analysed

interface PendingRoute {
  method: string;
  path: string;
  loc: Loc;
  /** Undefined: the service's framework (a plugin or router file that creates no server itself). */
  source?: Framework | 'helper';
  owner?: string;
  constantReply?: boolean;
}

interface Mount {
  parent?: string;
  child: string;
  prefix: string;
  /** Where an app mounts the child under a path (`app.use('/health', router)`), for the route the mount itself is. */
  at?: { loc: Loc; source?: Framework };
}

interface Owner {
  framework: Framework;
  prefix: string;
}

/** A folder of route plugins that @fastify/autoload mounts on `parent`, each under `prefix` and its folder's path. */
interface AutoloadFolder {
  parent?: string;
  dir: string;
  prefix: string;
}

interface SignalSite {
  mod: Module;
  signal: string;
  handler?: t.Node;
}

class ServiceBuilder {
  readonly servers: ServerCreation[] = [];
  readonly listens: Listen[] = [];
  readonly routes: PendingRoute[] = [];
  readonly mounts: Mount[] = [];
  readonly autoloads: AutoloadFolder[] = [];
  readonly owners = new Map<string, Owner>();
  readonly signalHandlers: SignalHandler[] = [];
  readonly signalSites: SignalSite[] = [];
  readonly crashHandlers: CrashHandler[] = [];
  readonly helpers: Helper[] = [];
  readonly envReads: EnvRead[] = [];
  readonly cors: CorsSetting[] = [];
  readonly literalSecrets: LiteralSecret[] = [];
  readonly envFileLoads: EnvFileLoad[] = [];
  /** Objects that only hand env variables to a schema that declares them (t3-env's `runtimeEnv`): not reads of their own. */
  private readonly envHandovers = new Set<t.Node>();
  readonly inspectorStarts: InspectorStart[] = [];
  readonly validationBypasses: ValidationBypass[] = [];
  readonly securityHeaders: Loc[] = [];
  readonly structuredLogs: Loc[] = [];
  readonly helperWaits: ShutdownWait[] = [];
  readonly openPaths: { reason: string; loc: Loc }[] = [];
  /** Some listen call runs when the program starts (not only inside a function the package never calls: a library's API). */
  listensAtLoad = false;
  private readonly byFile: Map<string, Module>;

  constructor(
    readonly modules: readonly Module[],
    private readonly onError: (file: string, error: unknown) => void,
  ) {
    this.byFile = new Map(modules.map((m) => [m.file, m]));
  }

  /** The module a relative specifier of `from` names, among the package's parsed files. */
  resolve(from: Module, spec: string): Module | undefined {
    if (!spec.startsWith('.')) return undefined;
    const path = resolveFile(inDir(dirname(from.file), spec), (p) => this.byFile.has(p));
    return path ? this.byFile.get(path) : undefined;
  }

  /** The module and local name an identifier finally refers to, following relative imports. */
  definition(mod: Module, name: string, depth = 0): { mod: Module; name: string } {
    const binding = mod.imports.get(name);
    if (!binding || depth > 5) return { mod, name };
    const target = this.resolve(mod, binding.module);
    if (!target) return { mod, name };
    const exported = binding.imported === '*' ? 'default' : binding.imported;
    const local = target.exports.get(exported);
    return local ? this.definition(target, local, depth + 1) : { mod: target, name: exported };
  }

  functionNamed(mod: Module, name: string): { mod: Module; fn: FunctionNode } | undefined {
    const def = this.definition(mod, name);
    const fn = def.mod.functions.get(def.name);
    return fn ? { mod: def.mod, fn } : undefined;
  }

  /** The key that identifies a route owner (an app, router or plugin) across files. */
  ownerKey(mod: Module, expr: t.Node): string | undefined {
    const n = unwrap(expr);
    if (n.type === 'Identifier') {
      const def = this.definition(mod, n.name);
      return `${def.mod.file}#${def.name}`;
    }
    if (isCall(n) && isMember(n.callee) && ['routes', 'middleware', 'allowedMethods'].includes(memberName(n.callee) ?? '')) return this.ownerKey(mod, n.callee.object);
    if (isFunction(n)) return `${mod.file}@${n.start ?? 0}`;
    return undefined;
  }

  /** The key of a function (for plugin functions whose first parameter receives routes). */
  functionKey(mod: Module, fn: FunctionNode): string {
    const parent = mod.parents.get(fn);
    if (fn.type === 'FunctionDeclaration' && fn.id) return `${mod.file}#${fn.id.name}`;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `${mod.file}#${parent.id.name}`;
    if (parent?.type === 'ExportDefaultDeclaration') return `${mod.file}#default`;
    for (const [name, f] of mod.functions) if (f === fn) return `${mod.file}#${name}`;
    return `${mod.file}@${fn.start ?? 0}`;
  }

  analyse(): void {
    // Owners first, so a route registered in one file on an app or router made in another is known.
    for (const mod of this.modules) {
      this.guard(mod, () => {
        for (const node of mod.declarators) this.registerOwner(mod, node);
      });
    }
    for (const mod of this.modules) this.guard(mod, () => this.analyseModule(mod));
  }

  /** An AST shape the analysis did not expect costs that file's facts, never the run. */
  private guard(mod: Module, analyse: () => void): void {
    try {
      analyse();
    } catch (error) {
      this.onError(mod.file, error);
    }
  }

  private analyseModule(mod: Module): void {
    this.importedHelpers(mod);
    mod.replay((node, ancestors) => {
      switch (node.type) {
        case 'CallExpression':
        case 'OptionalCallExpression':
        case 'NewExpression':
          this.call(mod, node, ancestors);
          break;
        case 'MemberExpression':
        case 'OptionalMemberExpression':
          this.member(mod, node, ancestors);
          break;
        case 'VariableDeclarator':
          this.declarator(mod, node);
          break;
        case 'ObjectProperty':
          this.property(mod, node, ancestors);
          break;
        case 'ImportDeclaration':
          // `import 'dotenv/config'` loads `.env` from the working directory.
          if (DOTENV_PRELOADS.has(node.source.value)) this.envFileLoads.push({ path: '.env', loc: mod.loc(node) });
          break;
        case 'ClassProperty':
          if (node.value && node.key.type === 'Identifier') this.secretAssignment(mod, node.key.name, node.value);
          break;
        case 'AssignmentExpression': {
          const target = node.left.type === 'Identifier' ? node.left.name : isMember(node.left) ? memberName(node.left) : undefined;
          if (target && node.operator === '=') this.secretAssignment(mod, target, node.right);
          break;
        }
        case 'BinaryExpression':
          this.urlComparison(mod, node, ancestors);
          break;
        case 'SwitchStatement':
          if (this.isUrlish(node.discriminant)) {
            for (const c of node.cases) {
              const path = stringValue(c.test);
              if (c.test && isPathLiteral(path)) this.routes.push({ method: 'ALL', path, loc: mod.loc(c.test), source: 'node-http' });
            }
          }
          break;
        case 'ClassDeclaration':
        case 'ClassExpression':
          this.nestController(mod, node);
          break;
        default:
      }
    });
  }

  private importedHelpers(mod: Module): void {
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

  // --- calls -----------------------------------------------------------------------------------

  private call(mod: Module, node: CallNode, ancestors: readonly t.Node[]): void {
    const callee = unwrap(node.callee);
    const target = mod.target(callee);
    const method = isMember(callee) ? memberName(callee) : undefined;
    const args = node.arguments as t.Node[];
    if (isJsonLogRecord(callee, args)) this.structuredLogs.push(mod.loc(node));

    if (target) {
      const framework = CREATIONS[target.module]?.[target.path];
      if (framework) {
        this.servers.push({ framework, loc: mod.loc(node) });
        if (framework === 'hapi') {
          const port = this.portOf(mod, objectProp(args[0], 'port')?.value);
          if (port) this.listen(mod, node, ancestors, port);
        }
        if (framework === 'nest') this.nestCorsOption(mod, node, objectProp(args[1], 'cors'), ancestors);
      }
      if (target.module === '@hono/node-server' && target.path === 'serve') this.listen(mod, node, ancestors, this.portOf(mod, objectProp(args[0], 'port')?.value));
      if (target.module in CORS_FACTORIES && CORS_FACTORIES[target.module] === target.path) this.corsCall(mod, node, args[0], ancestors, target.module);
      // express-actuator serves `/health`, `/info` and `/metrics` under its basePath.
      if (target.module === 'express-actuator' && target.path === '') {
        const base = stringValue(objectProp(args[0], 'basePath')?.value) ?? '';
        for (const path of ['/health', '/info', '/metrics']) this.routes.push({ method: 'GET', path: `${base.replace(/\/$/, '')}${path}`, loc: mod.loc(node), source: 'helper' });
      }
      if (STATIC_SERVERS[target.module] === target.path) this.openPaths.push({ reason: `a static file server (${target.path ? `${target.module}.${target.path}` : target.module})`, loc: mod.loc(node) });
      const helper = SHUTDOWN_HELPER_CALLS[`${target.module}:${target.path}`];
      if (helper) this.helperCall(mod, node, target.module, args, helper);
      if (DOTENV_MODULES.has(target.module) && target.path === 'config') this.envFileLoad(mod, node, args[0]);
      if (target.module === 'inspector' && target.path === 'open') this.inspector(mod, node, 'inspector.open', ancestors);
      if (target.module === 'envalid' && target.path === 'cleanEnv' && args[0] && isProcessEnv(args[0], mod)) this.schemaEnvReads(mod, args[1], (v) => objectProp(isCall(unwrap(v)) ? (unwrap(v) as CallNode).arguments[0] : undefined, 'default') !== undefined);
      // t3-env: `createEnv({ server: {X: z.string()}, client: {…}, runtimeEnv: {X: process.env.X} })` — the schemas say
      // what is required; the runtimeEnv map only hands each variable over.
      if (/^@t3-oss\/env-/.test(target.module) && target.path === 'createEnv' && args[0] && unwrap(args[0]).type === 'ObjectExpression') {
        const options = args[0] as t.ObjectExpression;
        for (const key of ['server', 'client', 'shared']) this.schemaEnvReads(mod, objectProp(options, key)?.value, (value) => this.schemaCopes(mod, value));
        const handover = objectProp(options, 'runtimeEnv')?.value ?? objectProp(options, 'experimental__runtimeEnv')?.value;
        if (handover) this.envHandovers.add(unwrap(handover));
      }
    }

    const calleeName = callee.type === 'Identifier' ? callee.name : method;
    // `shutdown.cleanupOnSignals('SIGINT', 'SIGTERM')`, `onSignals(['SIGTERM'], close)`: a helper given the signals to handle.
    // Inside a `process.on(signal, …)` handler, such a call is what the handler does, not a handler of its own.
    const inHandler = () => ancestors.some((a) => isCall(a) && receiverIsProcess(a.callee) && SIGNAL_METHODS.has((isMember(a.callee) && memberName(a.callee)) || ''));
    if (calleeName !== undefined && SIGNAL_HELPER.test(calleeName) && !(receiverIsProcess(callee) && SIGNAL_METHODS.has(method ?? '')) && !inHandler()) {
      for (const signal of args.flatMap((a) => signalLiterals(a))) this.signalHandlers.push({ signal, loc: mod.loc(node), calls: [calleeName] });
    }
    if (calleeName === 'require' && DOTENV_PRELOADS.has(stringValue(args[0]) ?? '')) this.envFileLoads.push({ path: '.env', loc: mod.loc(node) });
    if (calleeName === 'startInspectorServer') this.inspector(mod, node, 'startInspectorServer', ancestors);
    if (isMember(callee) && (method === 'parse' || method === 'safeParse' || method === 'parseAsync') && args[0] && isProcessEnv(args[0], mod)) this.zodEnvReads(mod, callee.object);

    if (!isMember(callee) || method === undefined) return;
    const receiver = unwrap(callee.object);
    if (receiver.type === 'Identifier' && receiver.name === 'process' && SIGNAL_METHODS.has(method)) this.processListener(mod, node, args, ancestors);
    if (method === 'listen' && this.listensOn(mod, receiver)) {
      const host = stringValue(args[1]) ?? stringValue(objectProp(args[0], 'host')?.value);
      const port = this.portOf(mod, args[0]);
      this.listen(mod, node, ancestors, port, (host !== undefined && LOOPBACK.test(host)) || port?.value === 0, receiverName(receiver));
    }
    if (method === 'start' && this.ownerOf(mod, receiver)?.framework === 'hapi') this.listen(mod, node, ancestors, undefined);
    if (method === 'enableShutdownHooks') this.helpers.push({ name: 'enableShutdownHooks', kinds: ['shutdown'], loc: mod.loc(node) });
    // A project's own limiter mounted as middleware: `app.use(apiRateLimiter)`, `app.use('/api', createRateLimitMiddleware(…))`.
    if (method === 'use') {
      const limiter = args.map((a) => nodeText(isCall(unwrap(a)) ? (unwrap(a) as CallNode).callee : a) ?? '').find((text) => /rate_?limit|throttl/i.test(text));
      if (limiter) this.helpers.push({ name: limiter, kinds: ['rate-limit'], loc: mod.loc(node) });
    }
    if (method === 'enableCors') this.corsCall(mod, node, args[0], ancestors, 'cors');
    if (method === 'setGlobalPrefix') this.openPaths.push({ reason: 'a global route prefix (setGlobalPrefix)', loc: mod.loc(node) });
    if (method === 'register' && args[0]) {
      const plugin = mod.target(args[0]);
      if (plugin && FASTIFY_CORS.has(plugin.module)) this.corsCall(mod, node, args[1], ancestors, plugin.module);
      if (plugin && STATIC_SERVERS[plugin.module] === plugin.path) this.openPaths.push({ reason: `a static file server (${plugin.module})`, loc: mod.loc(node) });
      const child = this.ownerKey(mod, args[0]);
      if (child) this.mounts.push({ parent: this.ownerKey(mod, receiver), child, prefix: stringValue(objectProp(args[1], 'prefix')?.value) ?? '' });
      const dir = plugin && FASTIFY_AUTOLOAD.has(plugin.module) ? autoloadDir(mod.file, objectProp(args[1], 'dir')?.value) : undefined;
      if (dir !== undefined) this.autoloads.push({ parent: this.ownerKey(mod, receiver), dir, prefix: stringValue(objectProp(objectProp(args[1], 'options')?.value, 'prefix')?.value) ?? '' });
    }
    if (['setHeader', 'header', 'set', 'append'].includes(method)) this.header(mod, node, args, ancestors);
    if (HTTP_METHODS.has(method) || method === 'use' || method === 'route') this.routeCall(mod, receiver, method, args, ancestors);
  }

  /** `dotenv.config({ path: '.env.local' })`: each literal path (dotenv 16 takes a list); `.env` without one. */
  private envFileLoad(mod: Module, node: CallNode, options: t.Node | undefined): void {
    const path = objectProp(options, 'path')?.value;
    if (path === undefined) {
      this.envFileLoads.push({ path: '.env', loc: mod.loc(node) });
      return;
    }
    const value = unwrap(path);
    const paths = value.type === 'ArrayExpression' ? value.elements.map((e) => (e && e.type !== 'SpreadElement' ? stringValue(e) : undefined)) : [stringValue(value)];
    for (const p of paths) this.envFileLoads.push({ path: p, loc: mod.loc(node) });
  }

  /**
   * A receiver of `.listen()` that can be a server: a server the code created (`express()`, `http.createServer(app)`),
   * a call or construction in place, or a name that says so (`server`, `app`, `httpServer`, `this`) — not an
   * observable, an emitter or a drag handle (`layout.drag.listen(cb)`).
   */
  private listensOn(mod: Module, receiver: t.Node): boolean {
    if (isCall(receiver) || this.ownerOf(mod, receiver)) return true;
    const name = receiverName(receiver);
    return name !== undefined && LISTENER_NAMES.test(name);
  }

  private listen(mod: Module, node: CallNode, ancestors: readonly t.Node[], port: Port | undefined, internal = false, receiver?: string): void {
    this.listens.push({ loc: mod.loc(node), port, ...(internal ? { internal } : {}), ...(receiver ? { receiver } : {}) });
    if (!this.listensAtLoad && this.runsAtLoad(mod, ancestors, 0)) this.listensAtLoad = true;
  }

  /**
   * Whether code runs when the program starts: at module level, in a callback or an IIFE, or in a named
   * function (or method) that the package calls, or passes as a callback, from code that runs. A function
   * only exported or assigned (a framework's `listen` method) is API for others to call. Unknown: runs.
   */
  private runsAtLoad(mod: Module, ancestors: readonly t.Node[], depth: number): boolean {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (!isFunction(a)) continue;
      const parent = ancestors[i - 1];
      // a callback or an IIFE runs where the call is
      if (parent && isCall(parent) && (parent.callee === a || (parent.arguments as t.Node[]).includes(a))) continue;
      const name = functionName(a, parent);
      if (name === undefined || depth > 3) return true;
      return this.callersOf(name, mod, a).some((c) => this.runsAtLoad(c.mod, c.mod.ancestorsOf(c.node), depth + 1));
    }
    return true;
  }

  /** Calls of a function by name (`name()`, `x.name()`, `new name()`) and calls that pass it (`app.ready(name)`), outside the function itself. */
  private callersOf(name: string, fnMod: Module, fn: t.Node): { mod: Module; node: t.Node }[] {
    const out: { mod: Module; node: t.Node }[] = [];
    for (const mod of this.modules) {
      for (const n of mod.calls) {
        if (mod === fnMod && (n.start ?? 0) >= (fn.start ?? 0) && (n.end ?? 0) <= (fn.end ?? 0)) continue;
        const callee = unwrap(n.callee);
        const called = callee.type === 'Identifier' ? callee.name : isMember(callee) ? memberName(callee) : undefined;
        const passed = (n.arguments as t.Node[]).some((arg) => {
          const a = unwrap(arg);
          return a.type === 'Identifier' && a.name === name;
        });
        if (called === name || passed) out.push({ mod, node: n });
      }
    }
    return out;
  }

  private ownerOf(mod: Module, receiver: t.Node): Owner | undefined {
    const key = this.ownerKey(mod, receiver);
    return key ? this.owners.get(key) : undefined;
  }

  private declarator(mod: Module, node: t.VariableDeclarator): void {
    if (node.id.type === 'ObjectPattern' && node.init && isProcessEnv(node.init, mod)) {
      for (const p of node.id.properties) {
        if (p.type !== 'ObjectProperty') continue;
        const name = keyName(p.key, p.computed);
        if (!name) continue;
        const fallback = p.value.type === 'AssignmentPattern' ? p.value.right : undefined;
        this.envReads.push({ name, hasDefault: fallback !== undefined, defaultValue: fallback ? literalText(fallback) : undefined, loc: mod.loc(p.key) });
      }
      return;
    }
    if (node.id.type === 'Identifier' && node.init) this.secretAssignment(mod, node.id.name, node.init);
  }

  /** `const app = express()`, `const router = new Router({ prefix })`, `const api = new Hono().basePath('/api')`. */
  private registerOwner(mod: Module, node: t.VariableDeclarator): void {
    if (node.id.type !== 'Identifier' || !node.init) return;
    let init = unwrap(node.init);
    if (init.type === 'AwaitExpression' && init.argument) init = unwrap(init.argument);
    let prefix = '';
    if (isCall(init) && isMember(init.callee) && memberName(init.callee) === 'basePath') {
      prefix = stringValue(init.arguments[0] as t.Node) ?? '';
      init = unwrap(init.callee.object);
    }
    if (!isCall(init)) return;
    const target = mod.target(init.callee);
    if (!target) return;
    const framework = CREATIONS[target.module]?.[target.path] ?? ROUTERS[target.module]?.[target.path];
    if (!framework) return;
    if (ROUTERS[target.module]?.[target.path] === 'koa') prefix = stringValue(objectProp(init.arguments[0] as t.Node, 'prefix')?.value) ?? prefix;
    this.owners.set(`${mod.file}#${node.id.name}`, { framework, prefix });
  }

  private routeCall(mod: Module, receiver: t.Node, method: string, args: t.Node[], ancestors: readonly t.Node[]): void {
    // app.route('/p').get(h).post(h): the path comes from the chain
    let chain = receiver;
    while (isCall(chain) && isMember(chain.callee) && HTTP_METHODS.has(memberName(chain.callee) ?? '')) chain = unwrap(chain.callee.object);
    if (isCall(chain) && isMember(chain.callee) && memberName(chain.callee) === 'route' && HTTP_METHODS.has(method)) {
      const base = unwrap(chain.callee.object);
      for (const p of pathsOf(chain.arguments[0] as t.Node)) this.routes.push({ method: method.toUpperCase(), path: p.path, loc: mod.loc(p.node), source: this.frameworkOf(mod, base), owner: this.receiverOwner(mod, base, ancestors) });
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
        for (const p of pathsOf(url?.value)) for (const m of names) this.routes.push({ method: (m ?? 'ALL').toUpperCase(), path: p.path, loc: mod.loc(p.node), source, owner });
      }
      // hono: app.route('/p', subApp)
      if (args.length === 2 && args[1]) {
        const prefix = stringValue(args[0]);
        const child = this.ownerKey(mod, args[1]);
        if (prefix !== undefined && child) this.mounts.push({ parent: owner, child, prefix });
      }
      return;
    }
    if (args.length < 2 && method !== 'use') return;
    // koa-router named routes: router.get('name', '/path', handler)
    const pathArg = !isPathLiteral(stringValue(args[0])) && stringValue(args[0]) !== undefined && isPathLiteral(stringValue(args[1])) ? args[1] : args[0];
    const paths = pathsOf(pathArg);
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
    const constantReply = handler !== undefined && isFunction(unwrap(handler)) && answersConstant(unwrap(handler) as FunctionNode);
    for (const p of paths) this.routes.push({ method: method === 'del' ? 'DELETE' : method.toUpperCase(), path: p.path, loc: mod.loc(p.node), source, owner, constantReply });
  }

  /** A mounted router (`app.use('/p', router)`, `router.routes()`), not a plain middleware. */
  private mountedOwner(mod: Module, arg: t.Node): string | undefined {
    const n = unwrap(arg);
    if (n.type !== 'Identifier' && !isCall(n)) return undefined;
    const key = this.ownerKey(mod, n);
    if (!key) return undefined;
    if (isCall(n)) return key;
    // an identifier: a router when it is known as one, or when it is imported from the package (a routes module)
    const def = this.definition(mod, n.name);
    return this.owners.has(key) || def.mod !== mod ? key : undefined;
  }

  private routeReceiver(mod: Module, receiver: t.Node, ancestors: readonly t.Node[]): boolean {
    if (receiver.type === 'Identifier') {
      if (CLIENT_NAMES.test(receiver.name)) return false;
      if (this.ownerOf(mod, receiver)) return true;
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
      if (fn) return this.functionKey(mod, fn);
    }
    return this.ownerKey(mod, receiver);
  }

  private frameworkOf(mod: Module, receiver: t.Node): Framework | undefined {
    return this.ownerOf(mod, receiver)?.framework;
  }

  private nestController(mod: Module, node: t.ClassDeclaration | t.ClassExpression): void {
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
        const constantReply = answersConstant(member);
        for (const prefix of prefixes) for (const path of methodPaths) this.routes.push({ method: name.toUpperCase(), path: joinRoute(prefix, path), loc: mod.loc(e), source: 'nest', constantReply });
      }
    }
  }

  private urlComparison(mod: Module, node: t.BinaryExpression, ancestors: readonly t.Node[]): void {
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

  // --- process listeners -------------------------------------------------------------------

  private processListener(mod: Module, node: CallNode, args: t.Node[], ancestors: readonly t.Node[]): void {
    const signals = this.signalNames(args[0], ancestors);
    const handler = args[1] ? this.handlerBody(mod, args[1]) : undefined;
    for (const signal of signals) {
      if (signal.startsWith('SIG')) {
        this.signalHandlers.push({ signal, loc: mod.loc(node), calls: handler ? this.callsIn(handler.node) : [] });
        this.signalSites.push({ mod: handler?.mod ?? mod, signal, handler: handler?.node });
      } else if (signal === 'uncaughtException' || signal === 'unhandledRejection') {
        this.crashHandlers.push({ event: signal, loc: mod.loc(node), outcome: handler ? this.crashOutcome(handler.mod, handler.node) : 'exits' });
      } else if (signal === 'uncaughtExceptionMonitor') {
        // A monitor observes the error and Node's default crash goes on: log, then exit.
        this.crashHandlers.push({ event: 'uncaughtException', loc: mod.loc(node), outcome: 'exits' });
      }
    }
  }

  /** The signal names of `process.on(X, …)`: a literal, or the variable of a loop/forEach over literals. */
  private signalNames(arg: t.Node | undefined, ancestors: readonly t.Node[]): string[] {
    if (!arg) return [];
    const literal = stringValue(arg);
    if (literal !== undefined) return [literal];
    const n = unwrap(arg);
    if (n.type !== 'Identifier') return [];
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      let list: t.Node | undefined;
      if (a.type === 'ForOfStatement' && a.left.type === 'VariableDeclaration' && a.left.declarations[0]?.id.type === 'Identifier' && a.left.declarations[0].id.name === n.name) list = a.right;
      if (isFunction(a) && a.params[0]?.type === 'Identifier' && a.params[0].name === n.name) {
        const call = ancestors[i - 1];
        if (call && isCall(call) && isMember(call.callee) && memberName(call.callee) === 'forEach') list = call.callee.object;
      }
      if (list) {
        const l = unwrap(list);
        return l.type === 'ArrayExpression' ? l.elements.flatMap((e) => (e && stringValue(e) !== undefined ? [stringValue(e) as string] : [])) : [];
      }
    }
    return [];
  }

  /** A handler's function node: inline, or a function it names (in this file or imported). */
  private handlerBody(mod: Module, handler: t.Node): { mod: Module; node: FunctionNode } | undefined {
    const n = unwrap(handler);
    if (isFunction(n)) return { mod, node: n };
    if (n.type === 'Identifier') {
      const found = this.functionNamed(mod, n.name);
      return found ? { mod: found.mod, node: found.fn } : undefined;
    }
    // handler.bind(x), () => shutdown() are covered; a call returning a handler (`makeShutdown(server)`) is unknown
    return undefined;
  }

  private callsIn(fn: t.Node): string[] {
    const out: string[] = [];
    walk(fn, (n) => {
      if (isCall(n)) {
        const text = chainText(n.callee);
        if (text && !out.includes(text)) out.push(text);
      }
    });
    return out;
  }

  private crashOutcome(mod: Module, fn: FunctionNode): CrashHandler['outcome'] {
    const body = fn.body;
    if (body.type === 'BlockStatement' && body.body.length === 0) return 'empty';
    return this.exitsIn(mod, fn, new Set()) ? 'exits' : 'logs-only';
  }

  /** Whether a function exits, rethrows or shuts down (following the functions it calls, a few levels deep). */
  private exitsIn(mod: Module, fn: t.Node, seen: Set<t.Node>): boolean {
    if (seen.has(fn) || seen.size > 8) return false;
    seen.add(fn);
    let exits = false;
    walk(fn, (n) => {
      if (exits) return;
      if (n.type === 'ThrowStatement') exits = true;
      else if (n.type === 'AssignmentExpression' && chainText(n.left) === 'process.exitCode') exits = true;
      else if (isCall(n)) {
        const text = chainText(n.callee) ?? '';
        if (/^process\.(?:exit|kill|abort)$/.test(text) || /shutdown|exit|terminate|kill|crash|die|abort|stop|close/i.test(text.split('.').pop() ?? '')) exits = true;
        const callee = unwrap(n.callee);
        if (callee.type === 'Identifier') {
          const found = this.functionNamed(mod, callee.name);
          if (found && this.exitsIn(found.mod, found.fn, seen)) exits = true;
        }
      }
    });
    return exits;
  }

  // --- env, secrets, CORS, headers ---------------------------------------------------------

  private member(mod: Module, node: MemberNode, ancestors: readonly t.Node[]): void {
    if (!isProcessEnv(node.object, mod) || ancestors.some((a) => this.envHandovers.has(a))) return;
    const name = memberName(node);
    if (name === undefined) return;
    const parent = ancestors.at(-1);
    if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
    if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return;
    const fallback = this.fallbackOf(mod, node, ancestors);
    const read: EnvRead = { name, hasDefault: fallback.hasDefault, defaultValue: fallback.value ? literalText(fallback.value) : undefined, loc: mod.loc(node) };
    // `process.env.MONGODB_URI || process.env.MONGOLAB_URI`: the second is an older or platform name for the first
    if (parent?.type === 'LogicalExpression' && parent.right === node && (parent.operator === '||' || parent.operator === '??')) read.aliasOf = firstEnvName(mod, parent.left);
    this.envReads.push(read);
    if (BYPASS_FLAG.test(name)) this.bypass(mod, node, name, ancestors);
    // `jwt.sign(payload, process.env.JWT_SECRET || 'superSecret')`: the fallback is the secret production runs with when the variable is missing
    const literal = fallback.value ? stringValue(fallback.value) : undefined;
    if (literal !== undefined && fallback.value && secretKey(name) && namesSecretItself(name) && plausibleSecret(name, literal, true) && !fillIn(literal)) {
      const loc = mod.loc(unwrap(fallback.value));
      if (!this.literalSecrets.some((s) => s.loc.line === loc.line && s.loc.column === loc.column && s.loc.file === loc.file)) this.literalSecrets.push({ key: name, loc, fallback: true });
    }
  }

  /** How an env read copes with an unset variable: climbs through conversions to a `||`/`??` or a test. */
  private fallbackOf(mod: Module, node: t.Node, ancestors: readonly t.Node[]): { hasDefault: boolean; value?: t.Node } {
    let child: t.Node = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (a.type === 'LogicalExpression') {
        if (a.left === child && (a.operator === '||' || a.operator === '??')) return { hasDefault: true, value: a.right };
        // `process.env.A || process.env.B || ''`: B is an alternative, and the chain's fallback is B's too.
        if (a.right === child && (a.operator === '||' || a.operator === '??')) {
          child = a;
          continue;
        }
        if (a.left === child && a.operator === '&&') return { hasDefault: true };
        // `A && process.env.B`: B's value is the expression's; `Boolean(A && B)` tests it.
        if (a.right === child && a.operator === '&&') {
          child = a;
          continue;
        }
        return { hasDefault: false };
      }
      if ((a.type === 'ConditionalExpression' || a.type === 'IfStatement') && a.test === child) return { hasDefault: true };
      if (a.type === 'UnaryExpression' && (a.operator === '!' || a.operator === 'typeof')) return { hasDefault: true };
      if (a.type === 'BinaryExpression') return { hasDefault: true };
      // `parseEnvInt(process.env.TIMEOUT, 30000)`, `bool(process.env.X, false)`: a parser that takes the default after the value.
      const conversion = isCall(a) && CONVERSIONS.has(chainText(a.callee) ?? '');
      // `process.env.ALLOWED_IPS?.split(',')`: optional chaining copes with an unset variable.
      if (a.type === 'OptionalMemberExpression' && a.object === child && a.optional) return { hasDefault: true };
      // `Boolean(process.env.SENTRY_DSN)`, `isEmpty(process.env.X)`: a presence test, false when unset.
      if (isPredicateCall(a) && a !== child) return { hasDefault: true };
      // `const ignored = process.env.IGNORE_IP; if (ignored) …`: a variable of the read's value that the module tests.
      if (a.type === 'VariableDeclarator' && a.init === child && a.id.type === 'Identifier' && mod.inits.get(a.id.name) === unwrap(child) && mod.testedNames.has(a.id.name)) {
        return { hasDefault: true };
      }
      if (isCall(a) && a.callee !== child && !conversion) {
        const args = a.arguments as t.Node[];
        const at = args.indexOf(child);
        const fallback = at === -1 ? undefined : args.slice(at + 1).find((arg) => isLiteralValueNode(arg));
        if (fallback) return { hasDefault: true, value: fallback };
        // `parseEnvInt(process.env.JOB_TIMEOUT_MS, 2 * 60 * 60 * 1000)`, `(…, DEFAULT_WINDOW_HOURS)`: a constant after it.
        if (at !== -1 && args.slice(at + 1).some(isConstantExpression)) return { hasDefault: true };
      }
      const passes =
        // `+process.env.PORT || 3000`: a number conversion, like Number().
        (a.type === 'UnaryExpression' && a.operator === '+') ||
        a.type === 'TSAsExpression' ||
        a.type === 'TSNonNullExpression' ||
        a.type === 'ParenthesizedExpression' ||
        (isMember(a) && a.object === child) ||
        (isCall(a) && (a.callee === child || conversion));
      if (!passes) return { hasDefault: false };
      child = a;
    }
    return { hasDefault: false };
  }

  private schemaEnvReads(mod: Module, schema: t.Node | undefined, hasDefault: (value: t.Node) => boolean): void {
    const n = schema ? unwrap(schema) : undefined;
    if (n?.type !== 'ObjectExpression') return;
    for (const p of n.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const name = keyName(p.key, p.computed);
      if (name) this.envReads.push({ name, hasDefault: hasDefault(p.value), loc: mod.loc(p.key) });
    }
  }

  /** `schema.parse(process.env)` where schema is `z.object({...})` (inline or a local constant). */
  private zodEnvReads(mod: Module, schema: t.Node): void {
    let n: t.Node | null | undefined = unwrap(schema);
    if (n.type === 'Identifier') n = mod.inits.get(n.name);
    for (let depth = 0; n && depth < 10; depth++) {
      n = unwrap(n);
      if (!isCall(n)) return;
      if (isMember(n.callee) && memberName(n.callee) === 'object') {
        this.schemaEnvReads(mod, n.arguments[0] as t.Node, (value) => this.schemaCopes(mod, value));
        return;
      }
      n = isMember(n.callee) ? n.callee.object : undefined;
    }
  }

  /**
   * A zod schema that accepts a missing variable: `.default(…)`, `.optional()`, `.nullish()`, `.catch(…)`, or a
   * shared schema named for it (`OptionalIntEnv`, `IntEnvWithDefault(10000)`), or a local constant holding one.
   */
  private schemaCopes(mod: Module, value: t.Node, depth = 0): boolean {
    if (/\.(?:default|optional|nullish|catch)\(/.test(this.chainMethods(value))) return true;
    // `z.preprocess(fn, z.enum([…]).default('a'))`, `z.pipe(…)`: the schema given as an argument decides.
    const call = unwrap(value);
    if (isCall(call) && /^(?:preprocess|pipe|lazy)$/.test(isMember(call.callee) ? (memberName(call.callee) ?? '') : '') && depth < 3) {
      if ((call.arguments as t.Node[]).some((arg) => !isFunction(unwrap(arg)) && this.schemaCopes(mod, arg, depth + 1))) return true;
    }
    let base = unwrap(value);
    while (isCall(base)) base = unwrap(isMember(base.callee) ? base.callee.object : base.callee);
    const name = base.type === 'Identifier' ? base.name : isMember(base) ? memberName(base) : undefined;
    if (name === undefined) return false;
    if (/optional|default|nullish/i.test(name)) return true;
    const init = base.type === 'Identifier' ? mod.inits.get(base.name) : undefined;
    return init !== undefined && init !== null && depth < 3 && this.schemaCopes(mod, init, depth + 1);
  }

  private chainMethods(node: t.Node): string {
    const out: string[] = [];
    let n: t.Node = unwrap(node);
    while (isCall(n) && isMember(n.callee)) {
      out.push(`.${memberName(n.callee)}(`);
      n = unwrap(n.callee.object);
    }
    return out.join('');
  }

  private property(mod: Module, node: t.ObjectProperty, ancestors: readonly t.Node[]): void {
    const key = keyName(node.key, node.computed);
    if (!key || ancestors.at(-1)?.type !== 'ObjectExpression') return;
    const container = containerName(ancestors);
    if (!(container && markerName(container))) this.secretAssignment(mod, key, node.value);
    if (/^rate_?limit(?:er|ing)?$/i.test(key) && unwrap(node.value).type === 'ObjectExpression') this.helpers.push({ name: key, kinds: ['rate-limit'], loc: mod.loc(node) });
    if (/^(?:allowed|cors)?Origins?$/i.test(key) && key !== 'origin' && key !== 'Origin') {
      const v = unwrap(node.value);
      // A config object (`allowedOrigins: ['*']`) sets CORS for whatever reads it: the whole server.
      const how = v.type === 'ArrayExpression' && v.elements.some((e) => e && stringValue(e) === '*') ? 'wildcard-list' : stringValue(v) === '*' ? 'star' : undefined;
      if (how) this.cors.push({ loc: mod.loc(node), anyOrigin: true, how, credentials: false, scope: 'global', developmentOnly: this.guarded(mod, node, ancestors, 0) });
    }
  }

  private secretAssignment(mod: Module, key: string, valueNode: t.Node): void {
    if (!secretKey(key)) return;
    const value = unwrap(valueNode);
    const literal = stringValue(value);
    if (literal !== undefined) {
      if (secretEvidence(key, literal)) this.literalSecrets.push({ key, loc: mod.loc(value), fallback: false });
      return;
    }
    // `secret: config.secret || 'k3J9…'` (a fallback of an env read is the env read's, in member()). What a value
    // falls back to is as often a label (`apiKey: ctx.apiKey ?? 'internal-agent'`, `|| 'unknown'`): the literal
    // itself must look like a secret, generated or saying so (`|| 'dev-secret'`).
    if (value.type === 'LogicalExpression' && (value.operator === '||' || value.operator === '??') && !isProcessEnvRead(mod, value.left)) {
      const fallback = stringValue(value.right);
      if (fallback !== undefined && secretEvidence(key, fallback) && (looksRandom(fallback) || credentialKind(fallback, key) !== undefined || SAYS_SECRET.test(fallback))) {
        this.literalSecrets.push({ key, loc: mod.loc(unwrap(value.right)), fallback: true });
      }
    }
  }

  /** A CORS setting where it is written: its scope (the call it is passed to) and whether only development runs it. */
  private corsAt(mod: Module, node: t.Node, ancestors: readonly t.Node[], setting: Pick<CorsSetting, 'anyOrigin' | 'how' | 'credentials'>, at: t.Node = node): void {
    this.cors.push({ ...setting, loc: mod.loc(at), ...corsScope(node, ancestors), developmentOnly: this.guarded(mod, node, ancestors, 0) });
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

  private header(mod: Module, node: CallNode, args: t.Node[], ancestors: readonly t.Node[]): void {
    // `res.set({ 'X-Frame-Options': 'DENY', … })`: every pair of the object is a header.
    const pairs = args[0] && unwrap(args[0]);
    if (pairs?.type === 'ObjectExpression') {
      for (const p of pairs.properties) {
        const name = p.type === 'ObjectProperty' ? keyName(p.key, p.computed) : undefined;
        if (name && p.type === 'ObjectProperty') this.headerSet(mod, node, name.toLowerCase(), p.key, p.value as t.Node, ancestors);
      }
      return;
    }
    const name = stringValue(args[0])?.toLowerCase();
    if (name) this.headerSet(mod, node, name, args[0] as t.Node, args[1], ancestors);
  }

  private headerSet(mod: Module, node: CallNode, name: string, nameNode: t.Node, valueNode: t.Node | undefined, ancestors: readonly t.Node[]): void {
    if (name === 'access-control-allow-origin' && valueNode) {
      const value = unwrap(valueNode);
      // `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` echoes whichever site asks.
      const how = stringValue(value) === '*' ? 'header' : /\.headers?\.origin$|\.get\(origin\)$|^origin$/i.test(nodeText(value) ?? '') ? 'header-reflect' : undefined;
      if (how) this.corsAt(mod, node, ancestors, { anyOrigin: true, how, credentials: this.credentialsHeaderIn(mod) }, value);
    }
    if (SECURITY_HEADERS.has(name)) this.securityHeaders.push(mod.loc(nameNode));
  }

  /** The module sets `Access-Control-Allow-Credentials: true` somewhere. */
  private credentialsHeaderIn(mod: Module): boolean {
    return mod.calls.some((n) => {
      if (!isMember(n.callee) || !['setHeader', 'header', 'set', 'append'].includes(memberName(n.callee) ?? '')) return false;
      const [name, value] = n.arguments as t.Node[];
      return stringValue(name)?.toLowerCase() === 'access-control-allow-credentials' && (stringValue(value) === 'true' || isTrue(value));
    });
  }


  // --- helpers' options: routes and shutdown waits -------------------------------------------

  private helperCall(mod: Module, node: CallNode, module: string, args: t.Node[], helper: { option: string; defaultMs: number; optionArg: number }): void {
    const options = args[helper.optionArg];
    const option = objectProp(options, helper.option);
    const ms = option ? numberOf(mod, option.value) : undefined;
    this.helperWaits.push(ms !== undefined && option ? { ms, loc: mod.loc(option), kind: 'option', env: envSourceOf(mod, option.value) } : { ms: helper.defaultMs, loc: mod.loc(node), kind: 'helper-default' });
    if (module === '@godaddy/terminus') {
      const checks = objectProp(options, 'healthChecks')?.value;
      const c = checks ? unwrap(checks) : undefined;
      if (c?.type === 'ObjectExpression') {
        for (const p of c.properties) {
          if (p.type === 'SpreadElement') continue;
          const path = keyName(p.key, p.computed);
          if (isPathLiteral(path)) this.routes.push({ method: 'GET', path, loc: mod.loc(p.key), source: 'helper' });
        }
      }
    }
    if (module === 'lightship') for (const path of ['/health', '/live', '/ready']) this.routes.push({ method: 'GET', path, loc: mod.loc(node), source: 'helper' });
  }

  // --- inspector and bypasses --------------------------------------------------------------

  private inspector(mod: Module, node: CallNode, callee: string, ancestors: readonly t.Node[]): void {
    this.inspectorStarts.push({ callee, loc: mod.loc(node), guarded: this.guarded(mod, node, ancestors, 0) });
  }

  /**
   * Whether code runs only outside production: inside a branch of a NODE_ENV/enable-flag test that
   * admits it, after an early return on such a test, or in a local function whose every call is guarded.
   */
  private guarded(mod: Module, node: t.Node, ancestors: readonly t.Node[], depth: number): boolean {
    let child: t.Node = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
        const p = polarity(mod, a.test);
        if ((a.consequent === child && p === 'allow') || (a.alternate === child && p === 'deny')) return true;
      }
      if (a.type === 'LogicalExpression' && a.right === child) {
        const p = polarity(mod, a.left);
        if ((a.operator === '&&' && p === 'allow') || (a.operator === '||' && p === 'deny')) return true;
      }
      if (a.type === 'BlockStatement' || a.type === 'Program') {
        const statements = a.body as t.Node[];
        const index = statements.indexOf(child);
        for (const s of statements.slice(0, Math.max(index, 0))) {
          if (s.type === 'IfStatement' && !s.alternate && exitsEarly(s.consequent) && polarity(mod, s.test) === 'deny') return true;
        }
      }
      if (isFunction(a)) {
        const parent = ancestors[i - 1];
        // a callback passed to a call runs where the call is: keep climbing
        if (parent && isCall(parent) && (parent.arguments as t.Node[]).includes(a)) {
          child = a;
          continue;
        }
        return this.everyCallGuarded(mod, a, depth);
      }
      child = a;
    }
    return false;
  }

  /** A local named function is guarded when it is called, and every call of it is guarded; unknown callers count as guarded. */
  private everyCallGuarded(mod: Module, fn: FunctionNode, depth: number): boolean {
    const key = this.functionKey(mod, fn);
    const name = key.includes('#') ? key.slice(key.indexOf('#') + 1) : undefined;
    if (!name || depth > 3) return true;
    const calls = mod.calls.filter((n) => {
      const callee = unwrap(n.callee);
      return (callee.type === 'Identifier' && callee.name === name) || (isMember(callee) && callee.object.type === 'ThisExpression' && memberName(callee) === name);
    });
    if (calls.length === 0) return true;
    return calls.every((c) => this.guarded(mod, c, mod.ancestorsOf(c), depth + 1));
  }

  private bypass(mod: Module, node: t.Node, flag: string, ancestors: readonly t.Node[]): void {
    // `SKIP_ENV_VALIDATION` (t3-env, for image builds without runtime secrets) checks the service's own settings, not requests.
    if (OWN_SETTINGS.test(flag)) return;
    const explicit = SECURITY_CONCEPT.test(flag);
    const controlled = this.controlledBranches(mod, node, ancestors);
    if (controlled === undefined) {
      if (explicit) this.validationBypasses.push({ flag, loc: mod.loc(node) });
      return;
    }
    if (controlled.every((branches) => branches.every((b) => refusesOnly(b)))) return;
    const mentionsSecurity = controlled.some((branches) => branches.some((b) => b && identifiersIn(b).some((id) => SECURITY_CODE.test(id))));
    if (explicit || mentionsSecurity) this.validationBypasses.push({ flag, loc: mod.loc(node) });
  }

  /** The branches an env flag controls: of the conditional it is tested in, or of those testing the constant it sets. */
  private controlledBranches(mod: Module, node: t.Node, ancestors: readonly t.Node[]): (t.Node | null | undefined)[][] | undefined {
    let child = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && a.test === child) return [[a.consequent, a.alternate]];
      if (a.type === 'LogicalExpression' && a.left === child && a.operator !== '??' && ancestors[i - 1]?.type === 'ExpressionStatement') return [[a.right]];
      if (a.type === 'VariableDeclarator' && a.id.type === 'Identifier') {
        const alias = a.id.name;
        const out: (t.Node | null | undefined)[][] = [];
        for (const n of mod.conditionals) if (identifiersIn(n.test).includes(alias)) out.push([n.consequent, n.alternate]);
        return out.length > 0 ? out : undefined;
      }
      if (isFunction(a) || a.type === 'ExpressionStatement' || a.type === 'ObjectProperty') return undefined;
      child = a;
    }
    return undefined;
  }

  // --- ports and the shutdown budget -------------------------------------------------------

  portOf(mod: Module, arg: t.Node | undefined | null, depth = 0): Port | undefined {
    if (!arg || depth > 4) return undefined;
    const n = unwrap(arg);
    const loc = mod.loc(n);
    if (n.type === 'ObjectExpression') {
      const port = objectProp(n, 'port');
      return port ? this.portOf(mod, port.value, depth + 1) : undefined;
    }
    if (isFunction(n)) return undefined;
    const env = envNameOf(mod, n);
    if (env) return { env, loc };
    if (n.type === 'LogicalExpression') {
      const left = this.portOf(mod, n.left, depth + 1);
      const right = numberOf(mod, n.right);
      return { ...left, value: left?.value ?? right, loc };
    }
    if (n.type === 'Identifier') {
      const init = mod.inits.get(n.name);
      const inner = init ? this.portOf(mod, init, depth + 1) : undefined;
      return inner ? { ...inner, loc } : { loc };
    }
    if (isCall(n) && ['Number', 'parseInt', 'String'].includes(chainText(n.callee) ?? '')) {
      const inner = this.portOf(mod, n.arguments[0] as t.Node, depth + 1);
      return inner ? { ...inner, loc } : { loc };
    }
    if (n.type === 'UnaryExpression' && n.operator === '+') return this.portOf(mod, n.argument, depth + 1);
    const value = numberOf(mod, n);
    return value !== undefined ? { value, loc } : { loc };
  }

  shutdownBudget(): ShutdownBudget {
    const waits: ShutdownWait[] = [];
    const seen = new Set<t.Node>();
    for (const site of this.signalSites) {
      if (site.signal === 'SIGTERM' && site.handler) this.waitsIn(site.mod, site.handler, waits, seen);
    }
    waits.push(...this.helperWaits);
    if (waits.length === 0) {
      for (const read of this.envReads) {
        if (!SHUTDOWN_ENV.test(read.name) || read.defaultValue === undefined) continue;
        const value = Number(read.defaultValue);
        const ms = envDurationMs(read.name, read.defaultValue);
        if (!Number.isFinite(value) || ms === undefined) continue;
        waits.push({ ms, loc: read.loc, kind: 'env-default', env: { name: read.name, fallback: value } });
      }
    }
    return { waits, budgetMs: budgetOf(waits) };
  }

  private waitsIn(mod: Module, fn: t.Node, out: ShutdownWait[], seen: Set<t.Node>): void {
    if (seen.has(fn) || seen.size > 20) return;
    seen.add(fn);
    walk(fn, (n) => {
      if (isCall(n)) {
        const callee = unwrap(n.callee);
        const args = n.arguments as t.Node[];
        const target = mod.target(callee);
        const name = chainText(callee) ?? '';
        if (name === 'setTimeout' && target === undefined && args[1]) {
          const ms = numberOf(mod, args[1]);
          const forced = args[0] !== undefined && this.callsIn(args[0]).some((c) => /^process\.(?:exit|kill|abort)$/.test(c));
          if (ms !== undefined) out.push({ ms, loc: mod.loc(args[1]), kind: forced ? 'forced-exit' : 'timer', env: envSourceOf(mod, args[1]) });
        } else if (target?.module === 'timers/promises' && target.path === 'setTimeout' && args[0]) {
          const ms = numberOf(mod, args[0]);
          if (ms !== undefined) out.push({ ms, loc: mod.loc(args[0]), kind: 'timer', env: envSourceOf(mod, args[0]) });
        }
        if (callee.type === 'Identifier') {
          const found = this.functionNamed(mod, callee.name);
          if (found) this.waitsIn(found.mod, found.fn, out, seen);
        }
      }
      if (n.type === 'ObjectProperty') {
        const key = keyName(n.key, n.computed) ?? '';
        if (/timeout|delay|grace/i.test(key)) {
          const value = numberOf(mod, n.value);
          if (value !== undefined) out.push({ ms: /seconds?$|secs?$/i.test(key) ? value * 1000 : value, loc: mod.loc(n), kind: 'option', env: envSourceOf(mod, n.value) });
        }
      }
    });
  }
}

/** The name a function is called by: its own, its variable's, its property's or method's (a constructor: its class's). */
function functionName(fn: FunctionNode, parent: t.Node | undefined): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (fn.type === 'ClassMethod' || fn.type === 'ObjectMethod' || fn.type === 'ClassPrivateMethod') {
    if (fn.type === 'ClassMethod' && fn.kind === 'constructor') return undefined;
    return fn.key.type === 'PrivateName' ? fn.key.id.name : keyName(fn.key, fn.computed ?? false);
  }
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression') return parent.left.type === 'Identifier' ? parent.left.name : isMember(parent.left) ? memberName(parent.left) : undefined;
  if (parent?.type === 'ObjectProperty' || parent?.type === 'ClassProperty') return keyName(parent.key, parent.computed);
  return undefined;
}

function literalText(node: t.Node): string | undefined {
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (n.type === 'NumericLiteral' || n.type === 'BooleanLiteral') return String(n.value);
  return undefined;
}

/** The package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`); undefined for relative paths and Node built-ins. */
function packageNameOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec === '') return undefined;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name === undefined || builtinModules.includes(name) ? undefined : name;
}

/** The first env variable an expression reads, in source order: `process.env.A || process.env.B` → A. */
function firstEnvName(mod: Module, node: t.Node): string | undefined {
  let found: string | undefined;
  walk(node, (n) => {
    if (found === undefined && isMember(n) && isProcessEnv(n.object, mod)) found = memberName(n);
  });
  return found;
}

/** The env variable an expression reads directly (`process.env.PORT`, `env.PORT`). */
function envNameOf(mod: Module, node: t.Node): string | undefined {
  const n = unwrap(node);
  return isMember(n) && isProcessEnv(n.object, mod) ? memberName(n) : undefined;
}

/** A number an expression evaluates to without running anything: literals, arithmetic, constants, env fallbacks. */
function numberOf(mod: Module, node: t.Node | null | undefined, depth = 0): number | undefined {
  if (!node || depth > 6) return undefined;
  const n = unwrap(node);
  if (n.type === 'NumericLiteral') return n.value;
  const s = stringValue(n);
  if (s !== undefined) return s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined;
  if (n.type === 'Identifier') return numberOf(mod, mod.inits.get(n.name), depth + 1);
  if (n.type === 'BinaryExpression') {
    const l = numberOf(mod, n.left as t.Node, depth + 1);
    const r = numberOf(mod, n.right, depth + 1);
    if (l === undefined || r === undefined) return undefined;
    if (n.operator === '*') return l * r;
    if (n.operator === '+') return l + r;
    if (n.operator === '-') return l - r;
    if (n.operator === '/' && r !== 0) return l / r;
    return undefined;
  }
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) return numberOf(mod, n.left, depth + 1) ?? numberOf(mod, n.right, depth + 1);
  if (isCall(n) && ['Number', 'parseInt', 'parseFloat'].includes(chainText(n.callee) ?? '')) return numberOf(mod, n.arguments[0] as t.Node, depth + 1);
  if (n.type === 'UnaryExpression' && n.operator === '+') return numberOf(mod, n.argument, depth + 1);
  return undefined;
}

/** The env variable a number is read from, with the code's literal fallback: `Number(process.env.X) || 10000`, `const t = (+process.env.X || 5) * 1000`. */
function envSourceOf(mod: Module, node: t.Node | null | undefined, depth = 0): ShutdownWait['env'] {
  if (!node || depth > 6) return undefined;
  const n = unwrap(node);
  const name = envNameOf(mod, n);
  if (name) return { name };
  if (n.type === 'Identifier') return envSourceOf(mod, mod.inits.get(n.name), depth + 1);
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) {
    const left = envSourceOf(mod, n.left, depth + 1);
    return left && { name: left.name, fallback: left.fallback ?? numberOf(mod, n.right) };
  }
  if (n.type === 'BinaryExpression') return envSourceOf(mod, n.left as t.Node, depth + 1) ?? envSourceOf(mod, n.right, depth + 1);
  if (isCall(n) && ['Number', 'parseInt', 'parseFloat'].includes(chainText(n.callee) ?? '')) return envSourceOf(mod, n.arguments[0] as t.Node, depth + 1);
  if (n.type === 'UnaryExpression' && n.operator === '+') return envSourceOf(mod, n.argument, depth + 1);
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

/** A literal a default can be: a string, number or boolean (a template without substitutions too). */
function isLiteralValueNode(node: t.Node): boolean {
  const n = unwrap(node);
  return n.type === 'NumericLiteral' || n.type === 'BooleanLiteral' || stringValue(n) !== undefined;
}

function isTrue(node: t.Node | null | undefined): boolean {
  const n = node ? unwrap(node) : undefined;
  return n?.type === 'BooleanLiteral' && n.value;
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
  return isMember(node.callee) && ['setHeader', 'header', 'set', 'append'].includes(memberName(node.callee) ?? '');
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

function exitsEarly(branch: t.Node): boolean {
  const last = statementsOf(branch).at(-1);
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

type Polarity = 'allow' | 'deny' | undefined;

function flip(p: Polarity): Polarity {
  return p === 'allow' ? 'deny' : p === 'deny' ? 'allow' : undefined;
}

/** `allow`: the test is true only outside production (or with a dev tool switched on); `deny`: only in production. */
function polarity(mod: Module, test: t.Node): Polarity {
  const n = unwrap(test);
  if (n.type === 'UnaryExpression' && n.operator === '!') return flip(polarity(mod, n.argument));
  if (n.type === 'LogicalExpression') {
    const ps = [polarity(mod, n.left), polarity(mod, n.right)];
    const allow = ps.includes('allow');
    const deny = ps.includes('deny');
    return allow && !deny ? 'allow' : deny && !allow ? 'deny' : undefined;
  }
  if (n.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(n.operator)) {
    const negated = n.operator.startsWith('!');
    const [literal, other] = stringValue(n.right) !== undefined ? [stringValue(n.right), n.left as t.Node] : [stringValue(n.left as t.Node), n.right];
    if (literal === undefined) return undefined;
    const value = literal.toLowerCase();
    let p: Polarity;
    if (mentionsEnvironment(mod, other)) p = PROD_WORDS.has(value) ? 'deny' : DEV_WORDS.has(value) ? 'allow' : undefined;
    else if (namePolarity(mod, other) === 'allow') p = TRUE_WORDS.has(value) ? 'allow' : FALSE_WORDS.has(value) ? 'deny' : undefined;
    return negated ? flip(p) : p;
  }
  if (isCall(n)) {
    const callee = chainText(n.callee) ?? '';
    if (callee === 'Boolean' && n.arguments[0]) return polarity(mod, n.arguments[0] as t.Node);
    if (isMember(n.callee) && memberName(n.callee) === 'includes' && n.arguments[0] && mentionsEnvironment(mod, n.arguments[0] as t.Node)) {
      const list = unwrap(n.callee.object);
      if (list.type !== 'ArrayExpression') return undefined;
      const values = list.elements.map((e) => (e ? stringValue(e)?.toLowerCase() : undefined));
      if (values.every((v) => v !== undefined && DEV_WORDS.has(v))) return 'allow';
      if (values.every((v) => v !== undefined && PROD_WORDS.has(v))) return 'deny';
    }
    return undefined;
  }
  return namePolarity(mod, n);
}

/** What a flag's name says: `isProduction` → deny; `isDev`, `ENABLE_INSPECTOR`, `config.inspector.enabled` → allow. */
function namePolarity(mod: Module, node: t.Node): Polarity {
  const text = envNameOf(mod, node) ?? nodeText(node);
  if (!text) return undefined;
  if (/is_?prod(?:uction)?\b|^prod(?:uction)?$|is_?production/i.test(text)) return 'deny';
  if (/is_?dev(?:elopment)?|is_?local|debug|inspector|dev_?tools|enable|enabled$/i.test(text)) return 'allow';
  return undefined;
}

function mentionsEnvironment(mod: Module, node: t.Node): boolean {
  const n = unwrap(node);
  const env = envNameOf(mod, n);
  if (env) return ENV_NAME.test(env);
  const text = chainText(n);
  return text !== undefined && ENV_NAME.test(text.split('.').pop() ?? '');
}

// ---------------------------------------------------------------------------------------------
// Building the services of a project


/** The files a package ships: its entry points and its source folders, among `ownFiles` (the package's own source files). */
function packageSources(pkg: PackageJson, ownFiles: readonly string[], containerEntries: readonly string[] = []): string[] {
  const own = new Set(ownFiles);
  const ownFile = (path: string) => own.has(path) && !isExcludedPath(path);
  const seeds: string[] = [];
  const fromContainers = containerEntries.map((path) => (pkg.dir === '' ? path : path.slice(pkg.dir.length + 1)));
  for (const entry of [...entryPaths(pkg), ...fromContainers]) {
    const rel = normalise(entry);
    for (const candidate of [rel, ...sourceCounterparts(rel)]) {
      const found = resolveFile(inDir(pkg.dir, candidate), ownFile);
      if (found) {
        seeds.push(found);
        break;
      }
    }
  }
  // A file only development scripts run (`"dev": "tsx watch src/server-dev.ts"`) is no seed; an import brings it back.
  const developmentOnly = new Set<string>();
  for (const [name, commands] of Object.entries(pkg.scriptCommands)) {
    if (!isDevelopmentScript(name)) continue;
    for (const file of startScriptFiles(commands)) {
      const found = resolveFile(inDir(pkg.dir, normalise(file)), ownFile);
      if (found && !seeds.includes(found)) developmentOnly.add(found);
    }
  }
  // Source folders are seeded whole for what no import reaches (routes loaded by a framework); when an entry lies in
  // one of them (`server/server.js`), only those: a sibling `src/` of the browser build comes in only by import.
  const allFolders = SOURCE_FOLDERS.map((f) => `${inDir(pkg.dir, f)}/`);
  const entered = allFolders.filter((f) => seeds.some((seed) => seed.startsWith(f)));
  const folders = entered.length > 0 ? entered : allFolders;
  for (const path of ownFiles) if (folders.some((f) => path.startsWith(f)) && ownFile(path) && !developmentOnly.has(path)) seeds.push(path);
  return [...new Set(seeds)].sort();
}

/**
 * The names next.config's `env` key defines: Next.js replaces `process.env.cloudUrl` with the value at build time, so
 * the code's reads of those names are constants, not variables a deployer sets.
 */
function nextBuildEnv(mod: Module): Set<string> {
  const names = new Set<string>();
  for (const node of mod.nodes) {
    if (node.type !== 'ObjectProperty' || keyName(node.key, node.computed) !== 'env') continue;
    const value = unwrap(node.value as t.Node);
    if (value.type !== 'ObjectExpression') continue;
    for (const p of value.properties) if (p.type === 'ObjectProperty' || p.type === 'ObjectMethod') names.add(keyName(p.key, p.computed) ?? '');
  }
  return names;
}

export interface ServiceInput {
  packages: readonly PackageJson[];
  /** Every discovered source file. */
  sources: readonly SourceFile[];
  packageFor(dir: string): PackageJson | undefined;
  /** Parses a file once (reporting parse errors); undefined when it is skipped or broken. */
  parse(file: SourceFile): SourceModule | undefined;
  /** Reports a file whose AST the analysis failed on (its facts are left out). */
  onError(file: string, error: unknown): void;
  /** Scripts the package's container images start with `node <script>` (paths relative to the root). */
  containerEntries?: ReadonlyMap<PackageJson, readonly string[]>;
  /** Whether the package ships (its folder is not a test, example or docs folder: src/model/scope.ts). */
  ships(pkg: PackageJson): boolean;
}

/** UI frameworks whose modules render in the browser. */
const UI_FRAMEWORKS = new Set(['react', 'react-dom', 'vue', 'svelte', 'solid-js', 'preact', '@angular/core', 'react-native', 'lit']);
/** Exports of route modules that run on the server beside a component (Remix, React Router, Next.js). */
const SERVER_EXPORTS = new Set(['loader', 'action', 'getServerSideProps', 'getStaticProps', 'generateMetadata', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'middleware', 'handler', 'config']);

/**
 * A module that runs in the browser: `'use client'`, a `*.client.*` file, or one that loads a UI framework and
 * exports nothing that runs on the server (a route's `loader` or `action`, an API handler).
 */
function isBrowserModule(mod: Module): boolean {
  if (mod.program.directives.some((d) => d.value.value === 'use client') || /\.client\.[cm]?[jt]sx?$/.test(mod.file)) return true;
  const ui = mod.runtimeSpecifiers.some((spec) => UI_FRAMEWORKS.has(packageNameOf(spec) ?? ''));
  return ui && ![...mod.exports.keys()].some((name) => SERVER_EXPORTS.has(name));
}

/** One service per shipped package, in package order. */
export function buildServices(input: ServiceInput): Service[] {
  const sources = new Map(input.sources.map((f) => [f.path, f]));
  // Each source file belongs to the nearest package.json above it: grouped once, not searched per package.
  const filesByPackage = new Map<PackageJson, string[]>();
  for (const file of input.sources) {
    const owner = input.packageFor(dirname(file.path));
    if (!owner) continue;
    const list = filesByPackage.get(owner) ?? [];
    list.push(file.path);
    filesByPackage.set(owner, list);
  }
  const parsed = new Map<string, Module | null>();
  const moduleOf = (path: string): Module | undefined => {
    if (!parsed.has(path)) {
      const file = sources.get(path);
      const ast = file ? input.parse(file) : undefined;
      let mod: Module | null = null;
      try {
        mod = ast ? new Module(ast.file, ast.program) : null;
      } catch (error) {
        input.onError(path, error);
      }
      parsed.set(path, mod);
    }
    return parsed.get(path) ?? undefined;
  };
  const services: Service[] = [];
  for (const pkg of input.packages) {
    if (!input.ships(pkg) || isExcludedPath(pkg.file)) continue;
    const ownFile = (path: string) => sources.has(path) && input.packageFor(dirname(path)) === pkg && !isExcludedPath(path);
    const queue = packageSources(pkg, filesByPackage.get(pkg) ?? [], input.containerEntries?.get(pkg));
    const included = new Set(queue);
    const modules: Module[] = [];
    while (queue.length > 0 && modules.length < MAX_FILES_PER_PACKAGE) {
      const mod = moduleOf(queue.shift() as string);
      // Code that runs in the browser is not the server's: its keys, origins and env reads say nothing about it.
      if (!mod || isBrowserModule(mod)) continue;
      modules.push(mod);
      for (const spec of mod.specifiers) {
        if (!spec.startsWith('.')) continue;
        const target = resolveFile(inDir(dirname(mod.file), spec), ownFile);
        if (target && !included.has(target)) {
          included.add(target);
          queue.push(target);
        }
      }
    }
    modules.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const nextConfig = (filesByPackage.get(pkg) ?? []).find((f) => dirname(f) === pkg.dir && NEXT_CONFIG.test(f));
    const configModule = nextConfig === undefined ? undefined : moduleOf(nextConfig);
    services.push(makeService(pkg, modules, input.onError, filesByPackage.get(pkg) ?? [], configModule ? nextBuildEnv(configModule) : new Set()));
  }
  return services;
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

/**
 * Routes frameworks make from file names: Next.js `route.ts` files under `app/` and files under `pages/api/`, Remix and React Router
 * `app/routes/*` (flat routes: dots for slashes, `$id` for params, `_index` for the folder, `+` folders).
 */
function fileRoutes(pkg: PackageJson, ownFiles: readonly string[]): Route[] {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const next = 'next' in deps;
  const remix = Object.keys(deps).some((d) => d.startsWith('@remix-run/') || d.startsWith('@react-router/'));
  if (!next && !remix) return [];
  const prefix = pkg.dir === '' ? '' : `${pkg.dir}/`;
  const out: Route[] = [];
  // The framework serves them: `helper` is the source of routes the repository's own calls do not register.
  const add = (path: string, file: string) => out.push({ method: 'ALL', path: joinRoute(path), loc: { file, line: 1, column: 1, endLine: 1, endColumn: 1 }, source: 'helper' });
  for (const file of ownFiles) {
    if (isExcludedPath(file)) continue;
    const rel = file.slice(prefix.length).replace(/^src\//, '');
    const stem = rel.replace(/\.[cm]?[jt]sx?$/, '');
    if (next && /^app\/(?:.*\/)?route$/.test(stem)) {
      add(stem.slice('app'.length, -'/route'.length).split('/').filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/'), file);
    } else if (next && stem.startsWith('pages/api/')) {
      add(stem.slice('pages'.length).replace(/\/index$/, ''), file);
    } else if (remix && stem.startsWith('app/routes/')) {
      const name = stem.slice('app/routes/'.length).replace(/\/route$/, '');
      const segments = name.split(/[./]/).map((s) => s.replace(/\+$/, '')).filter((s) => s !== '' && s !== '_index' && !s.startsWith('_'));
      add(segments.map((s) => (s.startsWith('$') ? `:${s.slice(1)}` : s)).join('/'), file);
    }
  }
  return out;
}

function composeRoutes(builder: ServiceBuilder): Route[] {
  // A plugin file under an autoloaded folder is mounted at the folder's path, below the autoload's own prefix.
  const autoloadMount = (key: string): Mount | undefined => {
    const folder = dirname(key.replace(/[#@][^#@/]*$/, ''));
    const autoload = builder.autoloads.find((a) => folder === a.dir || folder.startsWith(`${a.dir}/`));
    return autoload && { parent: autoload.parent, child: key, prefix: `${autoload.prefix}/${folder.slice(autoload.dir.length)}` };
  };
  const prefixesOf = (key: string | undefined, depth: number): string[] => {
    if (key === undefined || depth > 6) return [''];
    const own = builder.owners.get(key)?.prefix ?? '';
    const mounted = builder.mounts.filter((m) => m.child === key);
    const autoloaded = mounted.length === 0 ? autoloadMount(key) : undefined;
    const incoming = autoloaded ? [autoloaded] : mounted;
    if (incoming.length === 0) return [own];
    return incoming.flatMap((m) => prefixesOf(m.parent, depth + 1).map((p) => `${p}/${m.prefix}/${own}`));
  };
  // A mount of a router whose routes are not visible here (a package's, an unresolved import) answers under its path.
  const owning = new Set([...builder.routes.map((r) => r.owner), ...builder.mounts.map((m) => m.parent), ...builder.autoloads.map((a) => a.parent)]);
  const pending: PendingRoute[] = [...builder.routes];
  for (const m of builder.mounts) if (m.at && !owning.has(m.child)) pending.push({ method: 'USE', path: m.prefix, loc: m.at.loc, source: m.at.source, owner: m.parent });
  const out: Route[] = [];
  const seen = new Set<string>();
  for (const r of pending) {
    for (const prefix of prefixesOf(r.owner, 0)) {
      const path = r.path === '*' ? r.path : joinRoute(prefix, r.path);
      const key = `${r.method} ${path} ${r.loc.file}:${r.loc.line}:${r.loc.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method: r.method, path, loc: r.loc, source: r.source ?? builder.servers[0]?.framework ?? 'express', ...(r.constantReply ? { constantReply: true } : {}) });
    }
  }
  return out;
}

function makeService(pkg: PackageJson, modules: Module[], onError: ServiceInput['onError'], ownFiles: readonly string[], buildDefined: ReadonlySet<string>): Service {
  const builder = new ServiceBuilder(modules, onError);
  builder.analyse();
  // Without a start script, a package whose listen calls all sit in functions it never calls is a framework or helper library.
  const httpServer = builder.servers.length > 0 && builder.listens.some((l) => !l.internal) && (pkg.scripts.start !== undefined || builder.listensAtLoad);
  const cli = Object.keys(pkg.bin).length > 0 && pkg.scripts.start === undefined && !pkg.private;
  const kind: Service['kind'] = httpServer && !cli ? 'server' : cli ? 'cli' : 'library';
  const firstLine = pkg.at('/name', { key: true });
  const helpers = builder.helpers;
  const signalHandlers = builder.signalHandlers;
  return {
    package: pkg,
    dir: pkg.dir,
    files: modules.map((m) => m.file),
    kind,
    isServer: kind === 'server',
    loc: builder.listens[0]?.loc ?? builder.servers[0]?.loc ?? firstLine,
    servers: builder.servers,
    listens: builder.listens,
    ports: builder.listens.flatMap((l) => (l.port && (l.port.value !== undefined || l.port.env !== undefined) ? [l.port] : [])),
    routes: [...composeRoutes(builder), ...fileRoutes(pkg, ownFiles)],
    signalHandlers,
    crashHandlers: builder.crashHandlers,
    helpers,
    envReads: builder.envReads.filter((r) => !buildDefined.has(r.name)),
    cors: builder.cors,
    literalSecrets: builder.literalSecrets,
    envFileLoads: builder.envFileLoads,
    inspectorStarts: builder.inspectorStarts,
    validationBypasses: builder.validationBypasses,
    securityHeaders: builder.securityHeaders,
    structuredLogs: builder.structuredLogs,
    packagesImported: new Set(modules.flatMap((m) => m.runtimeSpecifiers.flatMap((spec) => packageNameOf(spec) ?? []))),
    shutdown: builder.shutdownBudget(),
    openPaths: builder.openPaths,
    handlesSignal: (signal) => signalHandlers.some((h) => h.signal === signal) || (signal === 'SIGTERM' && helpers.some((h) => h.kinds.includes('shutdown'))),
    helpersOf: (kind) => helpers.filter((h) => h.kinds.includes(kind)),
  };
}
