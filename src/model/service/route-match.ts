/**
 * Questions rules ask of a service's routes: which are health (liveness) and readiness routes, whether a GET of a path
 * reaches a route the service registers (mount prefixes applied, patterns and catch-alls counted as maybe), and which
 * routes answer a path exactly.
 */
import type { Route, Service } from './types.ts';

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
