import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings, isSwitchedOff } from '../_shared.ts';

/** FORTISTATE_ENABLE_TELEMETRY, TELEMETRY_ENABLED, METRICS_ENABLED, ENABLE_METRICS, AUDIT_LOG_ENABLED; config `metrics.enabled`, `logging.enableAudit`. */
const OBSERVABILITY = /(?:^|_)(?:ENABLE_)?(?:TELEMETRY|METRICS)(?:_ENABLED?)?$|AUDIT/;
/** `NEXT_TELEMETRY_DISABLED=1` opts out of a vendor's phone-home, and a retention or path is not a switch. */
const NOT_A_SWITCH = /(?:^|_)(?:DISABLE|DISABLED|NO|OPT_OUT)(?:_|$)|_(?:DAYS|SIZE|COUNT|LIMIT|RETENTION|INTERVAL|PORT|PATH|DIR|FILE|URL|HOST|LEVEL|FORMAT|MAX|TIMEOUT)$/;

export default defineRule({
  id: 'env/observability-off',
  title: 'Production keeps telemetry, metrics and audit logging on',
  category: 'observability',
  severity: 'warning',
  rationale:
    'Metrics, telemetry and audit logs are how an incident is noticed, diagnosed and, for audit trails, reconstructed afterwards. Switched off in the production file (often to quiet a noisy development setup), they are missing exactly when they are needed, and nothing fails to tell you.',
  fix: 'Set the switch to true in production (`METRICS_ENABLED=true`, `AUDIT_LOG_ENABLED=true`); reduce volume with sampling or intervals rather than turning the signal off.',
  appliesTo: ['env', 'app-config'],
  messages: {
    off: (d: { key: string; file: string }) => `${d.key} in ${d.file} switches off metrics, telemetry or audit logging: set it to true in production`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => !s.isReference && OBSERVABILITY.test(s.name) && !NOT_A_SWITCH.test(s.name),
      (s, report) => {
        if (isSwitchedOff(s.value)) report.report('off', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
