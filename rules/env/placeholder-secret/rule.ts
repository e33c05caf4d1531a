import { isSecretLikeKey } from '../../../src/model/secrets.ts';
import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings, isPlaceholder } from '../_shared.ts';

export default defineRule({
  id: 'env/placeholder-secret',
  title: 'Production secrets are real values, not placeholders',
  category: 'security',
  severity: 'error',
  rationale:
    'A production env file or config that still says `your-secret-key-here`, `changeme` or `<your token>` for a session secret, token or password ships a secret that anyone who has read the README knows. Session cookies and tokens signed with it can be forged, and the service usually starts without complaint, so nobody notices. An empty value is not one: it leaves the variable unset, which the service refuses or reads as "feature off".',
  fix: "Generate a real secret (`openssl rand -base64 48`), put it in the deployment's secret store and inject it from there (a Kubernetes Secret, a compose secret, or a reference such as `SESSION_SECRET=$SESSION_SECRET` resolved at deploy time) instead of writing it in the file.",
  appliesTo: ['env', 'app-config'],
  messages: {
    placeholder: (d: { key: string; file: string }) =>
      `${d.key} in ${d.file} holds a placeholder, not a secret: generate a real one and inject it from the deployment's secret store`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      // Empty means unset or disabled (and, in node-config, "set elsewhere"): not a value written to be replaced.
      (s) => isSecretLikeKey(s.name) && !s.isReference && s.value.trim() !== '',
      (s, report) => {
        if (isPlaceholder(s.value)) report.report('placeholder', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
