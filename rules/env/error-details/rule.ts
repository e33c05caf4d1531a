import { isTruthy } from '../../../src/model/settings.ts';
import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings, isSwitchedOff } from '../_shared.ts';

/** SANITIZE_ERROR_MESSAGES, SANITIZE_ERRORS; config `errors.sanitize`. Anchored: the lookaheads run once, not at every position of a long key. */
const SANITIZE = /^(?=.*(?:^|_)SANITIZE(?:_|$))(?=.*(?:^|_)ERRORS?(?:_|$))/;
/** EXPOSE_STACK_TRACES, INCLUDE_STACK_TRACE, SHOW_STACK; config `errors.exposeStack`, `showStackTrace`. */
const STACK = /(?:^|_)(?:(?:EXPOSE|SHOW|INCLUDE|SEND|RETURN)_STACKS?|STACK_TRACES?)(?:_|$)/;
/** HIDE_STACK_TRACE=true hides them; STACK_TRACE_LIMIT=10 is a depth, not a switch. */
const NOT_AN_EXPOSING_SWITCH = /(?:^|_)(?:HIDE|SUPPRESS|DISABLE|STRIP|OMIT|REMOVE|NO|MASK|REDACT)(?:_|$)|_(?:LIMIT|DEPTH|SIZE|LENGTH|MAX|COUNT|LINES|FRAMES)$/;

export default defineRule({
  id: 'env/error-details',
  title: 'Production does not send stack traces or raw error messages to clients',
  category: 'security',
  severity: 'warning',
  rationale:
    'Stack traces and unsanitized error messages tell an attacker which frameworks, versions, file paths, queries and internal hostnames the service uses, and sometimes echo secrets or personal data from the failing operation. Production should log the details and answer with a generic message and a request id.',
  fix: 'Set the sanitizing switch on (`SANITIZE_ERROR_MESSAGES=true`) and stack-trace exposure off (`EXPOSE_STACK_TRACES=false`) in production; keep the details in the logs.',
  appliesTo: ['env', 'app-config'],
  messages: {
    unsanitized: (d: { key: string; file: string }) => `${d.key} in ${d.file} turns error sanitizing off: set it to true in production and keep the details in the logs`,
    exposesStack: (d: { key: string; file: string }) => `${d.key} in ${d.file} sends stack traces to clients: set it to false in production and keep the details in the logs`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => !s.isReference && (SANITIZE.test(s.name) || (STACK.test(s.name) && !NOT_AN_EXPOSING_SWITCH.test(s.name))),
      (s, report) => {
        if (SANITIZE.test(s.name)) {
          if (isSwitchedOff(s.value)) report.report('unsanitized', { key: s.key, file: s.file }, s.valueLoc);
        } else if (isTruthy(s.value)) report.report('exposesStack', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
