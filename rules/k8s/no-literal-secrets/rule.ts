import { credentialKind, issuedByProvider, templateSlot } from '../../../src/model/credentials.ts';
import { isLiteralValue, isSecretLikeKey } from '../../../src/model/secrets.ts';
import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';

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
    credentialValue: (d: { key: string; container: string; kind: string }) =>
      `${d.key} of ${d.container} holds ${d.kind}, committed in the manifest: revoke and rotate it, move it into a Secret and use \`valueFrom.secretKeyRef\``,
  },
  check({ project, subject }) {
    for (const w of project.k8s.workloads) {
      const ships = project.scope.workloadShips(w);
      for (const c of [...w.initContainers, ...w.containers]) {
        const literals = c.env.filter((e) => !e.valueFrom && isLiteralValue(e.value) && !DEPENDENT_VAR.test(e.value.trim()) && !templateSlot(e.value));
        // A template's slot (`{{ aws_secret }}`) is filled before the manifest is applied; a placeholder is applied as it is. A private key or a connection string is only a secret where the workload ships; a provider's token is one anywhere.
        const kinds = literals.map((e) => credentialKind(e.value as string, e.name)).map((k) => (k && (ships || issuedByProvider(k)) ? k : undefined));
        const secretLike = c.env.some((e) => isSecretLikeKey(e.name));
        if (!(ships && secretLike) && !kinds.some((k) => k !== undefined)) continue;
        const report = subject(containerId(c));
        literals.forEach((e, i) => {
          const kind = kinds[i];
          const at = e.valueLoc ?? e.nameLoc;
          // A credential of a known format has leaked in any manifest; a secret-like key counts in manifests that ship.
          if (kind) report.report('credentialValue', { key: e.name, container: describeContainer(c), kind }, at);
          else if (ships && isSecretLikeKey(e.name)) report.report('literal', { key: e.name, container: describeContainer(c) }, at);
        });
      }
    }
  },
});
