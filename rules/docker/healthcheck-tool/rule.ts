import { healthcheckTest } from '../../../src/model/commands.ts';
import { httpToolIn, nodeProgramIn, shellIn } from '../../../src/model/images.ts';
import { basename } from '../../../src/model/project.ts';
import { effectiveInstructions } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';

const HTTP_TOOLS = new Set(['curl', 'wget']);

export default defineRule({
  id: 'docker/healthcheck-tool',
  title: 'The HEALTHCHECK runs only programs the image has',
  category: 'reliability',
  severity: 'error',
  rationale:
    'A health check that calls a missing program exits non-zero on every run: the container is marked unhealthy right after its start period, compose and Swarm restart or withhold it forever, and the logs only say "executable file not found". `node:*-alpine` images have busybox wget but no curl; `*-slim`, distroless and Chainguard images have neither, and distroless has no /bin/sh to run a shell-form check at all.',
  fix: 'Check with node, which every Node image has: `HEALTHCHECK CMD ["node", "healthcheck.js"]` (distroless: `["/nodejs/bin/node", "healthcheck.js"]`), or install the tool in the final stage (`RUN apk add --no-cache curl`), or use wget on alpine.',
  appliesTo: ['dockerfile'],
  messages: {
    missingTool: (d: { tool: string; image: string; node: string }) =>
      `the HEALTHCHECK runs ${d.tool}, which ${d.image} does not have, so the check always fails: check with node (\`HEALTHCHECK CMD ["${d.node}", "healthcheck.js"]\`) or install ${d.tool} in the final stage`,
    noShell: (d: { image: string; node: string }) =>
      `this HEALTHCHECK runs through /bin/sh, which ${d.image} does not have, so the check always fails: write it in exec form, e.g. \`HEALTHCHECK CMD ["${d.node}", "healthcheck.js"]\``,
  },
  check({ project, subject }) {
    for (const { stage, subject: name } of project.runtimeStages) {
      const last = effectiveInstructions(stage, 'HEALTHCHECK').at(-1);
      const test = last && healthcheckTest(last);
      if (!test || test.form === 'none') continue;
      const report = subject(name);
      const facts = { image: stage.fromImageText, node: nodeProgramIn(stage) };
      if (test.needsShell && shellIn(stage) === 'absent') {
        const at = test.form === 'shell' ? test.at : (test.args[0] ?? test.at);
        report.report('noShell', facts, at.loc);
      }
      for (const call of test.calls) {
        const program = call.program[0];
        const tool = basename(program?.value ?? '');
        if (!program || !HTTP_TOOLS.has(tool)) continue;
        if (httpToolIn(stage, tool as 'curl' | 'wget') === 'absent') report.report('missingTool', { ...facts, tool }, program.loc);
      }
    }
  },
});
