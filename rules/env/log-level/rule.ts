import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings } from '../_shared.ts';

/** LOG_LEVEL, APP_LOG_LEVEL; config `logging.level`, `log.level`, `logger.level`, `logLevel`. */
const LOG_LEVEL = /(?:^|_)(?:LOG|LOGGING|LOGGER)_LEVEL$/;
const VERBOSE_LEVELS = new Set(['debug', 'trace', 'silly', 'verbose', 'all']);

export default defineRule({
  id: 'env/log-level',
  title: 'Production logs at info or above, not debug or trace',
  category: 'observability',
  severity: 'warning',
  rationale:
    'Debug and trace logging in production multiplies log volume and cost, slows hot paths (pino and winston still format every debug line they emit), buries the lines that matter during an incident, and routinely writes request bodies, headers and tokens to places with weaker access control than the database.',
  fix: 'Set the production log level to `info` (or `warn`), and raise it temporarily, for one instance, when debugging.',
  appliesTo: ['env', 'app-config'],
  messages: {
    verbose: (d: { key: string; file: string }) => `${d.key} in ${d.file} logs below info (a debugging level): use info or warn in production`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => LOG_LEVEL.test(s.name) && !s.isReference,
      (s, report) => {
        if (VERBOSE_LEVELS.has(s.value.trim().toLowerCase())) report.report('verbose', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
