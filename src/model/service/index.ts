/**
 * The service model: what a package's own source says about how it runs in production — whether it
 * is an HTTP server, its routes, signal and crash handlers, the helpers it uses, every environment
 * variable it reads, its CORS settings, literal secrets, inspector starts, validation bypasses, the
 * shutdown budget and the ports it listens on. Built once from the Babel ASTs of the package's entry
 * points and usual source folders (plus what they import relatively); rules read only this.
 *
 * Each file is walked once (module.ts), and the analysis (analysis.ts) hands each node of that walk to small
 * extractors, one per concern: routes (routes.ts, mounts applied in compose-routes.ts), listens and ports, signal and
 * crash handlers, the shutdown budget, helpers, env reads and env files, CORS, literal secrets, security headers,
 * structured logs, inspector starts and validation bypasses. services.ts assembles a Service from what they found.
 */
export { isExcludedPath } from './files.ts';
export { answersPath, isHealthRoute, isReadinessRoute, routesFor } from './route-match.ts';
export { buildServices, type ServiceInput } from './services.ts';
export { budgetUnder, envDurationMs, isShutdownEnv } from './shutdown.ts';
export type {
  CorsSetting,
  CrashHandler,
  EnvFileLoad,
  EnvRead,
  Framework,
  Helper,
  HelperKind,
  InspectorStart,
  Listen,
  LiteralSecret,
  Port,
  Route,
  ServerCreation,
  Service,
  ShutdownBudget,
  ShutdownWait,
  SignalHandler,
  ValidationBypass,
} from './types.ts';
