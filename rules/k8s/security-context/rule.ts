import { containerId, describeContainer, effectiveSecurity } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { allContainers } from '../_shared.ts';

export default defineRule({
  id: 'k8s/security-context',
  title: 'Containers run as non-root and cannot escalate privileges',
  category: 'security',
  severity: 'error',
  rationale:
    'A container that may run as root, or whose process may gain privileges through setuid binaries, turns any remote-code-execution bug in the app or its dependencies into root inside the container — with the node\'s kernel, mounted service-account tokens and host paths one step away. `runAsNonRoot: true` makes the kubelet refuse to start a root image; `allowPrivilegeEscalation: false` sets no_new_privs so nothing in the container can become root later. Hardening beyond these two is k8s/security-context-hardening.',
  fix: 'Set `securityContext.runAsNonRoot: true` on the pod (or each container; a non-zero `runAsUser` also does) and `securityContext.allowPrivilegeEscalation: false` on every container, and build the image with `USER node` so it starts.',
  appliesTo: ['k8s'],
  messages: {
    runAsNonRoot: (d: { container: string }) =>
      `${d.container} may run as root: set \`securityContext.runAsNonRoot: true\` (on the pod or the container) and run the image as an unprivileged user`,
    rootUser: (d: { container: string }) => `${d.container} runs as root (runAsUser: 0): use an unprivileged user id and set \`runAsNonRoot: true\``,
    rootAllowed: (d: { container: string }) => `${d.container} sets runAsNonRoot: false: set it to true and run the image as an unprivileged user`,
    privilegeEscalation: (d: { container: string }) =>
      `${d.container} does not set \`securityContext.allowPrivilegeEscalation: false\`, so setuid binaries can make its process root: add it to the container`,
    privileged: (d: { container: string }) => `${d.container} runs privileged, with every capability of the host: remove \`privileged: true\``,
  },
  check({ project, subject }) {
    for (const c of allContainers(project)) {
      const report = subject(containerId(c));
      const container = describeContainer(c);
      const { runAsNonRoot, runAsUser } = effectiveSecurity(c);
      const nonRootUser = runAsUser !== undefined && runAsUser.value > 0;
      if (runAsUser?.value === 0) report.report('rootUser', { container }, runAsUser.loc);
      else if (runAsNonRoot?.value === false && !nonRootUser) report.report('rootAllowed', { container }, runAsNonRoot.loc);
      else if (runAsNonRoot?.value !== true && !nonRootUser) report.report('runAsNonRoot', { container }, c.securityContext?.loc ?? c.loc);
      const own = c.securityContext;
      if (own?.privileged?.value === true) report.report('privileged', { container }, own.privileged.loc);
      else if (own?.allowPrivilegeEscalation?.value !== false) {
        report.report('privilegeEscalation', { container }, own?.allowPrivilegeEscalation?.loc ?? own?.loc ?? c.loc);
      }
    }
  },
});
