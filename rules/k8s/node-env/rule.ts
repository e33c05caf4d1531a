import { runsNode } from '../../../src/model/links.ts';
import { imageNodeEnv } from '../../../src/model/node-env.ts';
import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { servingContainers } from '../_shared.ts';

export default defineRule({
  id: 'k8s/node-env',
  title: 'Node.js containers run with NODE_ENV=production',
  category: 'performance',
  severity: 'error',
  rationale:
    'Express, Next.js and many libraries switch on NODE_ENV: without `production` Express recompiles views per request and sends stack traces to clients, and other frameworks keep dev-only checks and verbose logging on. The official node images do not set it, so either the image (ENV in the Dockerfile) or the manifest must.',
  fix: 'Add `- name: NODE_ENV` / `value: production` to the container\'s env, or `ENV NODE_ENV=production` to the final stage of the Dockerfile that builds the image.',
  appliesTo: ['k8s', 'dockerfile'],
  messages: {
    missing: (d: { container: string }) =>
      `${d.container} runs Node.js without NODE_ENV=production (neither its env nor its image sets it): add \`- name: NODE_ENV\` with \`value: production\``,
    notProduction: (d: { container: string; value: string }) =>
      `${d.container} sets NODE_ENV to "${d.value}", so frameworks run in development mode: set it to production`,
  },
  check({ project, subject }) {
    for (const c of servingContainers(project)) {
      const stage = c.dockerfile && project.scope.runtimeStages(c.dockerfile).at(-1);
      if ((c.dockerfile && project.scope.image(c.dockerfile).serves === 'static') || !runsNode(c.dockerfile, c.image?.value, c.command, stage)) continue;
      const report = subject(containerId(c));
      const own = c.env.find((e) => e.name === 'NODE_ENV');
      const container = describeContainer(c);
      if (own) {
        if (own.value !== null && own.value !== 'production') report.report('notProduction', { container, value: own.value }, own.valueLoc ?? own.nameLoc);
        continue;
      }
      // envFrom loads keys this repository may not show; a build argument sets the image's value at build time.
      if (c.envFrom.length > 0) continue;
      const fromImage = imageNodeEnv(project, c.dockerfile, stage);
      if (fromImage === 'production' || fromImage === null) continue;
      report.report('missing', { container }, c.loc);
    }
  },
});
