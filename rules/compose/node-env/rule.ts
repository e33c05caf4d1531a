import { composeEnvironment } from '../../../src/model/links.ts';
import { imageNodeEnv } from '../../../src/model/node-env.ts';
import { defineRule } from '../../../src/rule.ts';
import { isNodeService, longRunningServices, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/node-env',
  title: 'Node.js services run with NODE_ENV=production',
  category: 'performance',
  severity: 'error',
  rationale:
    'Express, Next.js and many libraries switch on NODE_ENV: without `production` Express recompiles views per request and sends stack traces to clients, and other frameworks keep dev-only checks and verbose logging on. The official node images do not set it, so the image or the compose file must. A Node.js service is one built from a Node Dockerfile, running a node image, or starting node/npm in an image built here; databases and proxies are not judged.',
  fix: 'Add `NODE_ENV: production` under the service\'s `environment:` (or to the env_file it loads), or `ENV NODE_ENV=production` to the final stage of the Dockerfile it builds.',
  appliesTo: ['compose', 'dockerfile', 'env'],
  messages: {
    missing: (d: { service: string }) =>
      `service ${d.service} runs Node.js without NODE_ENV=production (neither its environment nor its image sets it): add \`NODE_ENV: production\` under \`environment:\``,
    notProduction: (d: { service: string; value: string }) => `service ${d.service} sets NODE_ENV to "${d.value}", so frameworks run in development mode: set it to production`,
  },
  check({ project, subject }) {
    for (const s of longRunningServices(project)) {
      if (!isNodeService(project, s)) continue;
      const report = subject(serviceId(s));
      const { env, complete } = composeEnvironment(s, project.envFiles);
      const own = env.get('NODE_ENV');
      if (own) {
        // A value another compose file writes is reported by that file's service.
        const inOtherComposeFile = own.loc.file !== s.file && project.compose.some((f) => f.file === own.loc.file);
        if (own.value !== null && own.value !== 'production' && !inOtherComposeFile) report.report('notProduction', { service: s.name, value: own.value }, own.loc);
        continue;
      }
      const fromImage = imageNodeEnv(project, s.dockerfile, project.scope.composeService(s).stage);
      // An env_file that is not in the repository may set it; a build argument sets the image's value at build time.
      if (!complete || fromImage === 'production' || fromImage === null) continue;
      report.report('missing', { service: s.name }, s.loc);
    }
  },
});
