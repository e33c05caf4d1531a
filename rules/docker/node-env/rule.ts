import { serverRunsProduction } from '../../../src/model/node-env.ts';
import { codeOfStage } from '../../cross/_shared.ts';
import { isNodeStage, WEB_SERVERS } from '../../../src/model/images.ts';
import { envAt } from '../../../src/model/stage-state.ts';
import { containerCalls } from '../../../src/model/commands.ts';
import { basename } from '../../../src/model/project.ts';
import { describeStage } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';

export default defineRule({
  id: 'docker/node-env',
  title: 'The image runs Node.js with NODE_ENV=production',
  category: 'performance',
  severity: 'error',
  rationale:
    'Express, Next.js, React server rendering and many libraries switch on NODE_ENV: without `production` Express recompiles view templates on every request and returns stack traces to clients, other frameworks keep dev-only checks and verbose logging on, and npm installs devDependencies. A Node image should set it itself rather than rely on every runtime to remember it. It counts as set when the command the container runs sets it for the server (`NODE_ENV=production node .` in the start script it runs), when the server sets it itself (`next start`, Next.js standalone `server.js`, `remix-serve`), and when every deployment of the image sets NODE_ENV: then the deployment\'s value is what runs, and compose/node-env or k8s/node-env judges it. A container whose command ends in a web server (`node write-env.mjs && caddy run`) runs no Node.js service.',
  fix: 'Add `ENV NODE_ENV=production` to the final stage (or set NODE_ENV=production in every manifest that runs the image).',
  appliesTo: ['dockerfile', 'k8s', 'compose'],
  messages: {
    missing: (d: { stage: string }) =>
      `${d.stage} runs Node.js without NODE_ENV=production: add \`ENV NODE_ENV=production\``,
    notProduction: (d: { value: string }) =>
      `NODE_ENV is "${d.value}" in the final image, so frameworks run in development mode: set \`ENV NODE_ENV=production\``,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      // An image that only serves built files (http-server, nginx) runs no Node.js service of the repository.
      if (project.scope.image(dockerfile).serves === 'static') continue;
      if (!isNodeStage(stage)) continue;
      // `node write-env.mjs && caddy run …`: node only prepares the files a web server then serves.
      const last = containerCalls(stage).at(-1)?.program[0]?.value;
      if (last !== undefined && WEB_SERVERS.has(basename(last))) continue;
      // A stage that runs a command-line tool or a published package (`WORKDIR /app/apps/cli`, `node index.mjs`) starts no framework.
      const code = codeOfStage(project, dockerfile, stage);
      if (code && project.scope.package(code.package).role === 'library') continue;
      const report = subject(name);
      // Where every deployment sets NODE_ENV, its value is what runs (compose/node-env and k8s judge it), not the image's.
      const deployments = project.deploymentsOf(dockerfile, stage);
      if (deployments.length > 0 && deployments.every((d) => d.env.get('NODE_ENV') !== undefined)) continue;
      // `CMD ["env", "NODE_ENV=production", "node", "server.js"]`, a start script that sets it, a server that sets it itself.
      if (serverRunsProduction(dockerfile, stage, project)) continue;
      const nodeEnv = envAt(dockerfile, stage).get('NODE_ENV');
      if (!nodeEnv) report.report('missing', { stage: describeStage(dockerfile, stage) }, stage.fromImageLoc);
      // A value from a build argument without a default is chosen at build time: unknown here.
      else if (nodeEnv.value !== null && nodeEnv.value !== 'production') {
        report.report('notProduction', { value: nodeEnv.value }, nodeEnv.pair.valueLoc ?? nodeEnv.pair.loc);
      }
    }
  },
});
