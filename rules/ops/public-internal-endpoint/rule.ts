import { RE2JS } from 're2js';
import { INSPECTOR_PORT } from '../../../src/model/settings.ts';
import { type LocationModifier, locationMatch, type NginxDirective } from '../../../src/parsers/nginx.ts';
import { defineRule } from '../../../src/rule.ts';

/** First path segments of endpoints meant for operators, not the internet. `/status` is left out: public status pages and health checks live there. */
const INTERNAL_SEGMENTS = new Set(['metrics', 'config', 'admin', 'debug', '_debug', '__debug', 'inspector', '_inspector', 'actuator']);
/** Paths a regular-expression location is tried against: internal ones, and public ones that make it too broad to judge. */
const INTERNAL_SAMPLES = [...INTERNAL_SEGMENTS].flatMap((s) => [`/${s}`, `/${s}/`, `/${s}/env`]);
const PUBLIC_SAMPLES = ['/', '/index.html', '/api/users'];
const PROXY_DIRECTIVES = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'grpc_pass', 'scgi_pass']);
const AUTH_DIRECTIVES = ['auth_basic', 'auth_request', 'auth_jwt'];
/** Loopback and private addresses: a server that listens only there is not reachable from the internet. */
const PRIVATE_LISTEN = /^(?:unix:|localhost|127\.|\[::1\]|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

/** True for a location of an internal path (not a public one, nor a pattern too broad to judge). */
function isInternalPath(modifier: LocationModifier, path: string): boolean {
  if (modifier === '@') return false;
  if (modifier === '~' || modifier === '~*') {
    // The repository's regex runs on RE2 (linear time: `^(.*)*(.*)*…$` cannot hang the run); one RE2 cannot
    // read (a lookahead, an invalid range) cannot be judged.
    let re: RE2JS;
    try {
      re = RE2JS.compile(path, modifier === '~*' ? RE2JS.CASE_INSENSITIVE : 0);
    } catch {
      return false;
    }
    const test = (sample: string) => re.matcher(sample).find();
    return !PUBLIC_SAMPLES.some(test) && INTERNAL_SAMPLES.some(test);
  }
  const [first, second] = path.split('/').filter(Boolean);
  if (!first || !INTERNAL_SEGMENTS.has(first.toLowerCase())) return false;
  // Spring-style /actuator/health and /actuator/info are meant to be reachable.
  return !(first.toLowerCase() === 'actuator' && /^(?:health|info)/i.test(second ?? ''));
}

/** A proxy to the Node.js inspector's port (`proxy_pass http://127.0.0.1:9229`): every path of it is the debugger. */
function proxiesToInspector(proxy: NginxDirective): boolean {
  return new RegExp(`^[a-z]+://[^/]*:${INSPECTOR_PORT}(?:/|$)`, 'i').test(proxy.args[0]?.value ?? '');
}

/** True when a server block listens only on loopback or private addresses (or a unix socket). */
function listensPrivately(server: readonly NginxDirective[]): boolean {
  const listens = server.filter((d) => d.name === 'listen');
  return listens.length > 0 && listens.every((d) => PRIVATE_LISTEN.test(d.args[0]?.value ?? ''));
}

/**
 * True when access to a location is restricted, with nginx's inheritance: the innermost level that has
 * `allow`/`deny` rules decides (rules are tried in order; a `deny all` must come before any `allow all`),
 * and the innermost `auth_basic`/`auth_request`/`auth_jwt` applies unless it is `off`.
 */
function isRestricted(levels: readonly (readonly NginxDirective[])[]): boolean {
  const access = levels.find((level) => level.some((d) => d.name === 'allow' || d.name === 'deny'));
  for (const rule of access?.filter((d) => d.name === 'allow' || d.name === 'deny') ?? []) {
    if (rule.args[0]?.value !== 'all') continue;
    if (rule.name === 'deny') return true;
    break;
  }
  return AUTH_DIRECTIVES.some((name) => {
    const level = levels.find((l) => l.some((d) => d.name === name));
    const directive = level?.find((d) => d.name === name);
    return directive !== undefined && directive.args[0]?.value !== 'off';
  });
}

export default defineRule({
  id: 'ops/public-internal-endpoint',
  title: 'nginx does not expose metrics, admin, config, debug or inspector endpoints to the internet',
  category: 'security',
  severity: 'error',
  rationale:
    'Metrics, admin panels, config dumps, debuggers and inspectors are built for operators: they leak internal hostnames, versions, environment and traffic patterns, and some let the caller change state or run code. A reverse proxy that forwards them with no `allow`/`deny` or authentication publishes them to anyone who guesses the path — and these paths are the first ones scanners try.',
  fix: 'In the location (or its server block), allow only internal networks and end with `deny all;` (`allow 10.0.0.0/8; deny all;`), or require `auth_basic`/`auth_request`; better, serve metrics and admin on a separate port or server that listens only on a private address.',
  appliesTo: ['nginx'],
  messages: {
    publicEndpoint: (d: { path: string; directive: string }) =>
      `location ${d.path} is forwarded (${d.directive}) to anyone who asks: restrict it (\`allow 10.0.0.0/8; deny all;\`), require auth_basic/auth_request, or serve it on a private listen address`,
  },
  check({ project, subject }) {
    for (const config of project.nginxConfigs) {
      const report = subject(config.file);
      const visit = (directives: readonly NginxDirective[], levels: readonly (readonly NginxDirective[])[], privateServer: boolean) => {
        for (const d of directives) {
          if (!d.block || d.name === 'stream' || d.name === 'if') continue;
          const inner = [d.block, ...levels];
          if (d.name === 'server') {
            visit(d.block, inner, listensPrivately(d.block));
            continue;
          }
          const match = locationMatch(d);
          if (match && !privateServer) {
            const proxy = d.block.find((x) => PROXY_DIRECTIVES.has(x.name));
            const closed = d.block.some((x) => x.name === 'return' || x.name === 'internal');
            if (proxy && !closed && (isInternalPath(match.modifier, match.path) || proxiesToInspector(proxy)) && !isRestricted(inner)) {
              report.report('publicEndpoint', { path: match.path, directive: proxy.name }, match.loc);
            }
          }
          visit(d.block, inner, privateServer);
        }
      };
      visit(config.directives, [config.directives], false);
    }
  },
});
