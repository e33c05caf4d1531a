import { defineRule } from '../../../src/rule.ts';
import { HOW } from '../cors-wildcard/rule.ts';

export default defineRule({
  id: 'code/cors-credentials',
  title: 'Credentials are never allowed together with a wildcard or a reflected origin',
  category: 'security',
  severity: 'error',
  rationale:
    "With credentials allowed, the browser sends the visitor's cookies and authorization with cross-site requests and lets the calling page read the answers. Combined with an origin that echoes whichever site asks (`origin: true`, a callback that returns the request's origin, an `Access-Control-Allow-Origin` header copied from the request, Koa's CORS middleware without an origin or with `'*'`), any page the user visits can act as the user: read their data, and with cookie sessions change it. Unlike an open CORS policy without credentials, this is never deliberate. A literal `Access-Control-Allow-Origin: *` is not reported here: browsers expose no credentialed response under it (the open policy is code/cors-wildcard's finding).",
  fix: "List the origins that may send credentials (`cors({ origin: ['https://app.example.com'], credentials: true })`, or check the request's origin against that list in the callback), or drop `credentials: true` where no cookie or authorization is needed.",
  appliesTo: ['source'],
  messages: {
    credentialsAnyOrigin: (d: { how: string }) =>
      `${d.how}, and credentials are allowed: any site can act as the signed-in user. Check the origin against an allow-list (\`origin: ['https://app.example.com']\`), or drop \`credentials: true\``,
  },
  check({ project, subject }) {
    // Every service that configures CORS is judged; development-only settings never reach production.
    for (const service of project.services) {
      if (service.cors.length === 0) continue;
      const report = subject(service.package.file);
      for (const setting of service.cors) {
        const { how } = setting;
        // A literal `*` is sent as `*`, and browsers expose no credentialed response under it.
        if ((how === 'reflect' || how === 'header-reflect') && setting.anyOrigin && setting.credentials && !setting.developmentOnly) report.report('credentialsAnyOrigin', { how: HOW[how] }, setting.loc);
      }
    }
  },
});
