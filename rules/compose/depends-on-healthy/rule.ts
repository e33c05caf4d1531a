import { isWebServerImage } from '../../../src/model/images.ts';
import { defineRule } from '../../../src/rule.ts';
import { imageHasHealthcheck, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/depends-on-healthy',
  title: 'depends_on waits for dependencies to be healthy',
  category: 'reliability',
  severity: 'info',
  rationale:
    'A plain `depends_on` only orders container starts: the app starts as soon as the database container exists, before it accepts connections, and crashes or serves errors on its first requests. `condition: service_healthy` waits for the dependency\'s healthcheck to pass (and `service_completed_successfully` for a migration to finish). A web server, proxy or static site in front of the app needs only the start order: it answers 502 until its upstream is up; `condition: service_started` written out says the same on purpose (a client that reconnects), except for a one-shot job, which must finish first.',
  fix: 'Write `depends_on: {db: {condition: service_healthy}}` and give the dependency a healthcheck (`pg_isready`, `redis-cli ping`); use `condition: service_completed_successfully` for one-shot services such as migrations.',
  appliesTo: ['compose'],
  messages: {
    notHealthy: (d: { service: string; dependency: string; hasHealthcheck: boolean }) =>
      `service ${d.service} starts as soon as ${d.dependency} starts, not when it is ready: use \`${d.dependency}: {condition: service_healthy}\`${d.hasHealthcheck ? '' : ` and give ${d.dependency} a healthcheck`}`,
    notCompleted: (d: { service: string; dependency: string }) =>
      `service ${d.service} starts as soon as the one-shot service ${d.dependency} starts, not when it has finished: use \`${d.dependency}: {condition: service_completed_successfully}\``,
  },
  check({ project, subject }) {
    for (const file of project.compose) {
      for (const s of file.services) {
        if (s.dependsOn.length === 0 || !project.scope.composeService(s).ships) continue;
        const report = subject(serviceId(s));
        // A web server or proxy in front of the app, or an image that only serves built files, starts fine before
        // its upstream is ready (it answers 502 until then): the order compose starts them in is all it needs.
        const servesFiles = s.dockerfile ? project.scope.image(s.dockerfile).serves === 'static' : s.image !== undefined && isWebServerImage(s.image.value);
        if (servesFiles) continue;
        // A console someone attaches to (stdin_open and tty), or a third party's server (a workflow engine that waits
        // for its database itself): how they start is not the app's first requests.
        const role = project.scope.composeService(s).role;
        if (s.interactive || role === 'backing') continue;
        for (const dep of s.dependsOn) {
          if (dep.condition === 'service_healthy' || dep.condition === 'service_completed_successfully') continue;
          const target = file.services.find((o) => o.name === dep.service);
          // `condition: service_started` written out asks for the start order only, on purpose (clients that reconnect).
          if (dep.condition === 'service_started' && !target?.oneShot) continue;
          if (target?.oneShot) report.report('notCompleted', { service: s.name, dependency: dep.service }, dep.loc);
          else report.report('notHealthy', { service: s.name, dependency: dep.service, hasHealthcheck: target?.healthcheck ? !target.healthcheck.disabled : target !== undefined && imageHasHealthcheck(project, target) === true }, dep.loc);
        }
      }
    }
  },
});
