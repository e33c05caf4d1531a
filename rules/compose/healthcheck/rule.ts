import { defineRule } from '../../../src/rule.ts';
import { imageHasHealthcheck, isApp, longRunningServices, ownLoc, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/healthcheck',
  title: 'Each app service has a healthcheck',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Without a health check compose considers a container healthy as long as its process exists: a Node.js server stuck on a blocked event loop or a lost database connection keeps its place, `depends_on: condition: service_healthy` cannot wait for it, and Swarm or an orchestrator reading the status never replaces it. One-shot services (migrations) and third-party images such as databases are not judged here.',
  fix: 'Add `healthcheck: {test: ["CMD", "node", "healthcheck.js"], interval: 30s, timeout: 5s, retries: 3}` to the service (or a HEALTHCHECK to the Dockerfile it builds), where the script requests the app\'s health endpoint.',
  appliesTo: ['compose', 'dockerfile'],
  messages: {
    missing: (d: { service: string }) =>
      `service ${d.service} has no healthcheck and its image declares none, so a hung process counts as healthy: add \`healthcheck:\` with a test that requests its health endpoint`,
    disabled: (d: { service: string }) =>
      `service ${d.service} runs until stopped but disables its healthcheck: remove \`disable: true\` and give it a test that requests its health endpoint`,
  },
  check({ project, subject }) {
    for (const s of longRunningServices(project)) {
      if (!isApp(project, s)) continue;
      const own = s.healthcheck;
      const fromImage = imageHasHealthcheck(project, s);
      // Built from a Dockerfile that is not in the repository: whether its image declares a check is unknown.
      if (!own && s.build && fromImage === undefined) continue;
      const report = subject(serviceId(s));
      if (own?.disabled) report.report('disabled', { service: s.name }, ownLoc(s, own.loc));
      else if (!own && fromImage !== true) report.report('missing', { service: s.name }, s.loc);
    }
  },
});
