import { credentialKind, fillIn, issuedByProvider } from '../../../src/model/credentials.ts';
import { isLiteralValue, isSecretLikeKey } from '../../../src/model/secrets.ts';
import { defineRule } from '../../../src/rule.ts';
import { serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/no-literal-secrets',
  title: 'Secrets reach services from secrets, env files or the shell, not literal values',
  category: 'security',
  severity: 'error',
  rationale:
    `A password or token written under \`environment:\` is in the repository's history forever, in every clone and CI log, and in \`docker inspect\` output on the host; rotating it means a commit. Compose interpolates \`\${VAR}\` from the shell or an uncommitted \`.env\`, loads \`env_file\`s, and mounts \`secrets:\` as files — all of which keep the value out of the compose file.`,
  fix: `Replace the value with \`\${VAR}\` (set in the deploy environment or an uncommitted .env), move it to an \`env_file\` that is not committed, or use compose \`secrets:\` (and \`*_FILE\` variables); rotate the value that was committed.`,
  appliesTo: ['compose'],
  messages: {
    literal: (d: { key: string; service: string }) =>
      `${d.key} of service ${d.service} is a literal value in the compose file: use \`\${${d.key}}\`, an uncommitted env_file or compose secrets, then rotate it`,
    credentialValue: (d: { key: string; service: string; kind: string }) =>
      `${d.key} of service ${d.service} holds ${d.kind}, committed in the compose file: revoke and rotate it, and pass it with \`\${${d.key}}\`, an uncommitted env_file or compose secrets`,
  },
  check({ project, subject }) {
    for (const file of project.compose) {
      for (const s of file.services) {
        const ships = project.scope.composeService(s).ships;
        // `${VAR:-default}` and other interpolations come from the deploy environment; a fill-in
        // (`your-secret-here`, `STRONG_DB_PASSWORD`) is a value to replace, not a secret that was committed.
        const literals = s.environment.filter((e) => isLiteralValue(e.value) && !e.value.includes('${') && !fillIn(e.value));
        // A private key or a connection string is only a secret where the service ships; a provider's token is one anywhere.
        const kinds = literals.map((e) => credentialKind(e.value as string, e.key)).map((k) => (k && (ships || issuedByProvider(k)) ? k : undefined));
        if (!literals.some((e, i) => kinds[i] !== undefined || (ships && isSecretLikeKey(e.key)))) {
          if (ships && s.environment.some((e) => isSecretLikeKey(e.key))) subject(serviceId(s));
          continue;
        }
        const report = subject(serviceId(s));
        literals.forEach((e, i) => {
          const kind = kinds[i];
          // A credential of a known format has leaked in any compose file; a secret-like key counts in services that ship.
          if (kind) report.report('credentialValue', { key: e.key, service: s.name, kind }, e.valueLoc);
          else if (ships && isSecretLikeKey(e.key)) report.report('literal', { key: e.key, service: s.name }, e.valueLoc);
        });
      }
    }
  },
});
