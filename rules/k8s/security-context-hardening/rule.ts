import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { allContainers } from '../_shared.ts';

export default defineRule({
  id: 'k8s/security-context-hardening',
  title: 'Containers have a read-only root filesystem and drop all capabilities',
  category: 'security',
  severity: 'warning',
  rationale:
    'The second half of k8s/security-context, kept apart because it needs changes to the app as well as the manifest. A writable root filesystem lets an attacker who got code execution drop tools and persist changes in the container; Linux capabilities the runtime grants by default (NET_RAW, CHOWN, SETUID, …) widen what that code can do. A Node.js server needs neither: it writes to mounted volumes or emptyDir at most.',
  fix: 'Set `securityContext.readOnlyRootFilesystem: true` (mount an `emptyDir` at /tmp or wherever the app writes) and `securityContext.capabilities.drop: [ALL]` on every container; add back a single capability only if the app really needs it.',
  appliesTo: ['k8s'],
  messages: {
    writableRoot: (d: { container: string }) =>
      `${d.container} has a writable root filesystem: set \`securityContext.readOnlyRootFilesystem: true\` and mount an emptyDir where the app writes`,
    capabilities: (d: { container: string }) =>
      `${d.container} keeps the runtime's default Linux capabilities: set \`securityContext.capabilities.drop: [ALL]\``,
  },
  check({ project, subject }) {
    for (const c of allContainers(project)) {
      const report = subject(containerId(c));
      const container = describeContainer(c);
      const sc = c.securityContext;
      if (sc?.readOnlyRootFilesystem?.value !== true) report.report('writableRoot', { container }, sc?.readOnlyRootFilesystem?.loc ?? sc?.loc ?? c.loc);
      if (!sc?.drop?.value.some((cap) => cap.toUpperCase() === 'ALL')) report.report('capabilities', { container }, sc?.drop?.loc ?? sc?.loc ?? c.loc);
    }
  },
});
