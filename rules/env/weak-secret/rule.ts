import { isSecretLikeKey } from '../../../src/model/secrets.ts';
import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings, isClearlyNotSecret, isPlaceholder } from '../_shared.ts';

const MIN_LENGTH = 32;
/** Settings that size generated secrets: session ids, secrets, tokens. */
const SECRET_LENGTH = /(?:^|_)(?:ID|SECRET|TOKEN|KEY)_LENGTH$/;

export default defineRule({
  id: 'env/weak-secret',
  title: `Production secrets are at least ${MIN_LENGTH} characters long`,
  category: 'security',
  severity: 'warning',
  rationale: `A short secret can be guessed or brute-forced offline: an HMAC session secret or JWT key of a dozen characters falls to a GPU in hours, and a session id shorter than ${MIN_LENGTH} characters is within reach of online guessing at scale. Secrets written by hand in an env file are also rarely random.`,
  fix: `Use a random value of at least ${MIN_LENGTH} characters (\`openssl rand -base64 48\`), injected from the deployment's secret store, and set \`*_ID_LENGTH\`/\`*_SECRET_LENGTH\` to ${MIN_LENGTH} or more.`,
  appliesTo: ['env', 'app-config'],
  messages: {
    short: (d: { key: string; file: string }) =>
      `${d.key} in ${d.file} is shorter than ${MIN_LENGTH} characters: replace it with a random value of at least ${MIN_LENGTH} characters`,
    shortLength: (d: { key: string; file: string }) => `${d.key} in ${d.file} is below ${MIN_LENGTH}: generate ids and secrets of at least ${MIN_LENGTH} characters`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) =>
        !s.isReference &&
        ((SECRET_LENGTH.test(s.name) && /^\d+$/.test(s.value.trim())) ||
          // Placeholders and empty values are env/placeholder-secret's: one finding per problem.
          (isSecretLikeKey(s.name) && !isPlaceholder(s.value) && !isClearlyNotSecret(s.value))),
      (s, report) => {
        if (SECRET_LENGTH.test(s.name)) {
          if (Number(s.value.trim()) < MIN_LENGTH) report.report('shortLength', { key: s.key, file: s.file }, s.valueLoc);
        } else if (s.value.length < MIN_LENGTH) report.report('short', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
