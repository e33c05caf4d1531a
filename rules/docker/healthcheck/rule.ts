import { healthcheckTest, runsOnce } from '../../../src/model/commands.ts';
import { isNodeStage, nodeProgramIn } from '../../../src/model/images.ts';
import type { Deployment, Project } from '../../../src/model/project.ts';
import { type Dockerfile, describeStage, effectiveInstructions, rootBase, type Stage } from '../../../src/parsers/dockerfile.ts';
import { codeOfStage } from '../../cross/_shared.ts';
import { defineRule } from '../../../src/rule.ts';

/**
 * The image serves requests: it EXPOSEs a port, a deployment publishes one, or it runs Node.js code that is (or, not
 * being in the repository, may be) an HTTP server. A non-Node image (a Go binary) without a port serves nothing, nor
 * does an image that runs the migrations and exits.
 */
function serves(project: Project, dockerfile: Dockerfile, stage: Stage, deployments: readonly Deployment[]): boolean {
  if (effectiveInstructions(stage, 'EXPOSE').length > 0) return true;
  if (deployments.some((d) => (d.runner?.platform === 'kubernetes' ? d.runner.container.ports.length > 0 || d.runner.container.workload.services.length > 0 : (d.runner?.service.ports.length ?? 0) > 0))) return true;
  if (!isNodeStage(stage) || runsOnce(stage)) return false;
  const code = codeOfStage(project, dockerfile, stage);
  return !code || code.files.length === 0 || code.isServer;
}

export default defineRule({
  id: 'docker/healthcheck',
  title: 'The image declares a HEALTHCHECK, or every deployment of it defines its own',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Without a health check, Docker, compose and Swarm consider a container healthy as long as its process exists: a Node.js server stuck in an endless loop, deadlocked on a pool or unable to reach its database keeps receiving traffic and is never restarted. Kubernetes ignores HEALTHCHECK and uses probes instead, so the rule passes when every deployment of the image found in the repository defines its own.',
  fix: 'Add `HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "healthcheck.js"]` to the final stage, where healthcheck.js requests the health endpoint and exits 1 on an error or a status other than 200 (node is in every Node image; curl often is not; distroless: `/nodejs/bin/node`), or define a probe/healthcheck in every manifest that runs the image.',
  appliesTo: ['dockerfile', 'k8s', 'compose'],
  messages: {
    missing: (d: { stage: string; suggestion: string }) =>
      `${d.stage} declares no HEALTHCHECK, so a hung process counts as healthy: add ${d.suggestion}`,
    disabled: (d: { stage: string; suggestion: string }) =>
      `HEALTHCHECK NONE turns off the health check of ${d.stage.replace(/,$/, '')}, so a hung process counts as healthy: replace it with ${d.suggestion}`,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      const base = rootBase(stage);
      if (base.type === 'scratch') continue;
      const deployments = project.deploymentsOf(dockerfile, stage);
      if (deployments.length > 0 && deployments.every((d) => d.healthcheck === 'defined')) {
        subject(name);
        continue;
      }
      const last = effectiveInstructions(stage, 'HEALTHCHECK').at(-1);
      if (!last && base.type === 'variable') continue; // the base image is unknown: it may declare its own check
      // A check asks a server: an image that exposes no port, is published by no deployment and runs no server (a CLI,
      // a queue worker, a push client) has nothing to ask.
      if (!last && !serves(project, dockerfile, stage, deployments)) continue;
      const report = subject(name);
      const suggestion = isNodeStage(stage)
        ? `\`HEALTHCHECK CMD ["${nodeProgramIn(stage)}", "healthcheck.js"]\` with a script that requests the app's health endpoint`
        : "a `HEALTHCHECK CMD …` that requests the service's health endpoint with a program the image has";
      const facts = { stage: describeStage(dockerfile, stage), suggestion };
      if (!last) {
        report.report('missing', facts, stage.fromImageLoc);
        continue;
      }
      const test = healthcheckTest(last);
      if (test?.form === 'none') report.report('disabled', facts, test.at.loc);
    }
  },
});
