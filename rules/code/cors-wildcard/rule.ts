import type { CorsSetting } from '../../../src/model/service/index.ts';
import { defineRule } from '../../../src/rule.ts';
import { probeEndpointOnly } from '../_shared.ts';

/** How a setting opens CORS to every origin, as messages say it (shared with code/cors-credentials). */
export const HOW: Record<Exclude<CorsSetting['how'], 'restricted'>, string> = {
  default: 'CORS is enabled without an origin, and the default allows every origin',
  star: "CORS allows origin '*' (every site)",
  reflect: 'the CORS origin reflects whatever Origin a request sends (`origin: true`, or a callback that allows every origin), so every site is allowed',
  'wildcard-list': "the allowed origins include '*' (every site)",
  header: "Access-Control-Allow-Origin is set to '*' (every site)",
  'header-reflect': "Access-Control-Allow-Origin echoes the request's Origin, so every site is allowed",
};

export default defineRule({
  id: 'code/cors-wildcard',
  title: 'The whole API is not opened to every origin',
  category: 'security',
  severity: 'info',
  rationale:
    'CORS decides which websites may call the API from a browser with the visitor\'s network position. A global middleware that allows every origin lets any page a user visits read the API\'s responses: internal data, and whatever an intranet-only API returns. Without credentials that is often deliberate (a public API), so this is worth a look rather than a block; a wildcard on routes public by design (static files, an SDK, badges), on one part of the service mounted under a path while it answers others (`app.use("/api/v1/*", cors())` for a token-authenticated public API beside the app\'s own pages), or in a development-only branch is not reported, and credentials with a wildcard are code/cors-credentials.',
  fix: 'List the origins that need access (`cors({ origin: ["https://app.example.com"] })`), or read them from configuration (`origin: process.env.CORS_ORIGINS.split(",")`), or decide per request with a function; enable CORS only on routes browsers call.',
  appliesTo: ['source'],
  messages: {
    anyOrigin: (d: { how: string }) => `${d.how}: list the allowed origins (\`origin: ['https://app.example.com']\`) or read them from configuration`,
  },
  check({ project, subject }) {
    for (const service of project.services) {
      // A probe endpoint beside a worker's real work answers no browser.
      if (probeEndpointOnly(service)) continue;
      // A middleware mounted under a path (`app.use('/api/v1/*', cors())`) while the service answers other paths
      // opens one part of it, chosen on purpose: not the whole API.
      const underPath = (c: CorsSetting, path: string) => {
        const prefix = (c.path ?? '').replace(/\/?\*$/, '').replace(/\/$/, '');
        return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
      };
      const part = (c: CorsSetting) => c.path !== undefined && service.routes.some((r) => /^\/[\w-]/.test(r.path) && !underPath(c, r.path));
      const global = service.cors.filter((c) => c.scope === 'global' && !c.developmentOnly && !part(c));
      if (global.length === 0) continue;
      const report = subject(service.package.file);
      // One policy written twice in a file for the same paths (`app.use(cors())` and `app.options('*', cors())`
      // for preflights) is one finding.
      const seen = new Set<string>();
      for (const setting of global) {
        const policy = `${setting.loc.file}\0${setting.path ?? '*'}\0${setting.how}`;
        if (!setting.anyOrigin || setting.how === 'restricted' || seen.has(policy)) continue;
        seen.add(policy);
        report.report('anyOrigin', { how: HOW[setting.how] }, setting.loc);
      }
    }
  },
});
