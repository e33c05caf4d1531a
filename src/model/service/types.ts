/**
 * The model's types: a service as the rules read it (servers, listens and ports, routes, signal and crash handlers,
 * helpers, env reads, CORS settings, literal secrets, env file loads, inspector starts, validation bypasses and the
 * shutdown budget), each fact with the location in the code it comes from.
 */
import type { PackageJson } from '../../parsers/package-json.ts';
import type { Loc } from '../../types.ts';

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
  /** The handler reaches something outside the process or can answer a failure (`await db.query(…)`, `res.status(503)`): it computes health. */
  computesHealth?: boolean;
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
