import type { CorsSetting } from '../../../src/model/service.ts';
import { defineRule } from '../../../src/rule.ts';

const HOW: Record<Exclude<CorsSetting['how'], 'restricted'>, string> = {
  default: 'CORS is enabled without an origin, and the default allows every origin',
  star: "CORS allows origin '*' (every site)",
  reflect: 'CORS origin `true` reflects whatever Origin a request sends, so every site is allowed',
  'wildcard-list': "the allowed origins include '*' (every site)",
  header: "Access-Control-Allow-Origin is set to '*' (every site)",
};

export default defineRule({
  id: 'code/cors-wildcard',
  title: 'CORS is not open to every origin',
  category: 'security',
  severity: 'error',
  rationale:
    'CORS decides which websites may call the API from a browser with the visitor\'s network position and, when credentials are allowed, their cookies. Allowing every origin lets any page a user visits read responses from the API: internal data, tokens in bodies, and (with reflected origins and credentials) the user\'s own account.',
  fix: 'List the origins that need access (`cors({ origin: ["https://app.example.com"] })`), or read them from configuration (`origin: process.env.CORS_ORIGINS.split(",")`), or decide per request with a function; enable CORS only on routes browsers call.',
  appliesTo: ['source'],
  messages: {
    anyOrigin: (d: { how: string }) => `${d.how}: list the allowed origins (\`origin: ['https://app.example.com']\`) or read them from configuration`,
  },
  check({ project, subject }) {
    for (const service of project.services) {
      if (service.cors.length === 0) continue;
      const report = subject(service.package.file);
      for (const setting of service.cors) {
        if (setting.anyOrigin && setting.how !== 'restricted') report.report('anyOrigin', { how: HOW[setting.how] }, setting.loc);
      }
    }
  },
});
