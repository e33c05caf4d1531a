import { isLiteralValue, isSecretLikeKey } from '../../../src/model/secrets.ts';
import { defineRule } from '../../../src/rule.ts';
import { productionServices, serviceId } from '../_shared.ts';

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
  },
  check({ project, subject }) {
    for (const s of productionServices(project)) {
      const secrets = s.environment.filter((e) => isSecretLikeKey(e.key));
      if (secrets.length === 0) continue;
      const report = subject(serviceId(s));
      for (const e of secrets) {
        // `${VAR:-default}` and other interpolations come from the deploy environment.
        if (isLiteralValue(e.value) && !e.value.includes('${')) report.report('literal', { key: e.key, service: s.name }, e.valueLoc);
      }
    }
  },
});
