import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings, isSwitchedOff } from '../_shared.ts';

/** ENFORCE_HTTPS, APP_REQUIRE_HTTPS, FORCE_HTTPS, HTTPS_ONLY, REDIRECT_TO_HTTPS; config `https.enforce`, `security.enforceHttps`. */
const HTTPS_ENFORCEMENT = /(?:^|_)(?:(?:ENFORCE|REQUIRE|FORCE|REDIRECT_TO)_HTTPS|HTTPS_(?:ENFORCE|ENFORCED|REQUIRED?|ONLY|REDIRECT))$/;

export default defineRule({
  id: 'env/https',
  title: 'Production does not turn HTTPS enforcement off',
  category: 'security',
  severity: 'warning',
  rationale:
    'With HTTPS enforcement off, a request that arrives over plain HTTP is served over plain HTTP: session cookies, tokens and form posts cross the network readable and modifiable by anyone on the path, and HSTS is never sent to pin browsers to HTTPS.',
  fix: 'Set the enforcement switch to true in production (`ENFORCE_HTTPS=true`); if TLS ends at a load balancer, trust its `X-Forwarded-Proto` (`TRUSTED_PROXIES`) instead of switching enforcement off.',
  appliesTo: ['env', 'app-config'],
  messages: {
    httpsOff: (d: { key: string; file: string }) => `${d.key} in ${d.file} turns HTTPS enforcement off: set it to true in production`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => !s.isReference && HTTPS_ENFORCEMENT.test(s.name),
      (s, report) => {
        if (isSwitchedOff(s.value)) report.report('httpsOff', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
