import { defineRule } from '../../../src/rule.ts';
import { servicesWithCode } from '../_shared.ts';

export default defineRule({
  id: 'code/hardcoded-secret',
  title: 'No secret is written into the source',
  category: 'security',
  severity: 'error',
  rationale:
    'A secret in source code is in every clone, fork, CI log, container image and backup of the repository, readable by everyone who ever had access, and it cannot be rotated without a deploy. A literal fallback (`process.env.JWT_SECRET || "dev-secret"`) is worse: when the variable is missing in production the service starts anyway, signing with a secret that is public.',
  fix: 'Read the secret from the environment or a secret manager (`process.env.SESSION_SECRET`), fail at startup when it is missing instead of falling back to a literal, and rotate the value that was committed.',
  appliesTo: ['source'],
  messages: {
    literal: (d: { key: string }) => `${d.key} is set to a literal string in the source: read it from the environment or a secret manager (\`process.env.…\`) and rotate the committed value`,
    fallback: (d: { key: string }) =>
      `${d.key} falls back to a literal string when its variable is unset, so production may run with a public secret: fail at startup when it is missing instead`,
  },
  check({ project, subject }) {
    for (const service of servicesWithCode(project)) {
      const report = subject(service.package.file);
      for (const secret of service.literalSecrets) report.report(secret.fallback ? 'fallback' : 'literal', { key: secret.key }, secret.loc);
    }
  },
});
