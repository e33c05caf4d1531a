import type { Setting } from '../../../src/model/settings-model.ts';
import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings } from '../_shared.ts';

/** A unit at the end of a name (`TIMEOUT_MS`, `memoryLimitMB`, `RETENTION_DAYS`) does not change what it limits. */
const UNIT_SUFFIX = /_(?:MS|MILLIS|MILLISECONDS|S|SEC|SECS|SECONDS|MINUTES|MINS|HOURS|DAYS|KB|MB|GB|BYTES)$/;
const BOUND = /(?:^|_)MAX(?:_|$)|_(?:TIMEOUT|SIZE|LIMIT)$|(?:^|_)RETENTION(?:_|$)/;
/** Minimums are not limits. */
const MINIMUM = /(?:^|_)(?:MIN|MINIMUM)(?:_|$)/;
/** Zero retries, restarts or max-age is a bound, not the absence of one. */
const ZERO_IS_BOUNDED = /(?:^|_)(?:RETRY|RETRIES|ATTEMPTS|RESTARTS|AGE)(?:_|$)/;
const UNBOUNDED_WORDS = new Set(['unlimited', 'infinity', 'infinite', 'inf', 'nolimit', 'no-limit', 'unbounded']);
const OFF_WORDS = new Set(['none', 'off', 'false', 'disabled', 'never', 'no']);
/** A number with an optional unit: `30000`, `30s`, `10mb`, `-1`, `0`. */
const AMOUNT = /^(-?\d+(?:\.\d+)?)\s*[a-z]*$/;

function isBoundName(name: string): boolean {
  const base = name.replace(UNIT_SUFFIX, '');
  return BOUND.test(base) && !MINIMUM.test(base);
}

function isUnbounded(setting: Setting): boolean {
  const value = setting.value.trim().toLowerCase();
  const zeroIsBounded = ZERO_IS_BOUNDED.test(setting.name);
  if (UNBOUNDED_WORDS.has(value)) return true;
  if (OFF_WORDS.has(value)) return !zeroIsBounded;
  const amount = AMOUNT.exec(value);
  if (!amount) return false;
  const n = Number(amount[1]);
  return n < 0 || (n === 0 && !zeroIsBounded);
}

export default defineRule({
  id: 'env/bounded-resources',
  title: 'Production limits, sizes, timeouts and retention are positive, not unlimited',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'A limit set to 0, -1 or `unlimited` usually means "no limit" to the library that reads it: a request that never times out holds a connection and memory forever, an unbounded queue, cache or upload size grows until the process is killed, and unlimited retention fills the disk. One slow dependency or one abusive client then takes the whole service down.',
  fix: 'Give every limit a positive value sized for production (`REQUEST_TIMEOUT=30000`, `MAX_BODY_SIZE=1mb`, `BACKUP_RETENTION_DAYS=30`).',
  appliesTo: ['env', 'app-config'],
  messages: {
    unbounded: (d: { key: string; file: string }) => `${d.key} in ${d.file} is zero, negative or unlimited, which most libraries read as "no limit": set a positive value`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => !s.isReference && s.value.trim() !== '' && isBoundName(s.name),
      (s, report) => {
        if (isUnbounded(s)) report.report('unbounded', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
