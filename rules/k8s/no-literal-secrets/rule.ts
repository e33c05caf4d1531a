import { isLiteralValue, isSecretLikeKey } from '../../../src/model/secrets.ts';
import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { allContainers } from '../_shared.ts';

/** `$(OTHER_VAR)`: Kubernetes expands it from the container's other variables. */
const DEPENDENT_VAR = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;

export default defineRule({
  id: 'k8s/no-literal-secrets',
  title: 'Secrets reach containers from Secrets, not literal env values',
  category: 'security',
  severity: 'error',
  rationale:
    'A password or token written as an env `value:` is in the repository\'s history forever, in every clone, CI log and `kubectl get -o yaml`, readable by anyone who can read the Deployment — and rotating it means a commit. A Secret referenced with `valueFrom.secretKeyRef` keeps the value out of the manifest and under RBAC.',
  fix: 'Move the value into a Secret (created by your secret manager, sealed-secrets or external-secrets) and reference it with `valueFrom: {secretKeyRef: {name: …, key: …}}`; rotate the value that was committed.',
  appliesTo: ['k8s'],
  messages: {
    literal: (d: { key: string; container: string }) =>
      `${d.key} of ${d.container} is a literal value in the manifest: move it into a Secret and use \`valueFrom.secretKeyRef\`, then rotate it`,
  },
  check({ project, subject }) {
    for (const c of allContainers(project)) {
      const secrets = c.env.filter((e) => isSecretLikeKey(e.name));
      if (secrets.length === 0) continue;
      const report = subject(containerId(c));
      for (const e of secrets) {
        if (e.valueFrom || !isLiteralValue(e.value) || DEPENDENT_VAR.test(e.value.trim())) continue;
        report.report('literal', { key: e.name, container: describeContainer(c) }, e.valueLoc ?? e.nameLoc);
      }
    }
  },
});
