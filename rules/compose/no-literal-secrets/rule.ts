import { asksToBeReplaced, credentialKind, issuedByProvider } from '../../../src/model/credentials.ts';
import { isLiteralValue, isSecretLikeKey } from '../../../src/model/secrets.ts';
import type { ComposeEnv } from '../../../src/parsers/compose.ts';
import { defineRule } from '../../../src/rule.ts';
import { serviceId } from '../_shared.ts';

const SECRET_FILE = /^(?:file:\/\/\S+|\/run\/secrets\/\S+)$/i;

/** Words in a comment that tell the operator to put their own value there (`# NOTE: Please UPDATE THIS PASSWORD!`, `# change me`). */
const REPLACE_NOTE = /\b(?:update|change|replace|set|generate)\b[^#]*\b(?:this|these|me|it|password|secret|key|token|value|before)\b/i;

/** The entry at `line` is marked as a value to replace: by a comment at its end or on the comment lines just above it. */
function markedToReplace(lines: readonly string[], line: number): boolean {
  const inline = /\s#(.*)$/.exec(lines[line - 1] ?? '')?.[1];
  if (inline !== undefined && REPLACE_NOTE.test(inline)) return true;
  for (let k = line - 2; k >= 0 && k >= line - 3; k--) {
    const comment = /^\s*#(.*)$/.exec(lines[k] ?? '')?.[1];
    if (comment === undefined) return false;
    if (REPLACE_NOTE.test(comment)) return true;
  }
  return false;
}

/** The non-empty literal default of a whole-value interpolation: `${SECRET:-value}`, `${SECRET-value}`. */
function defaultOf(value: string): string | undefined {
  const m = /^\$\{[A-Za-z_]\w*:?-([^}$]+)\}$/.exec(value.trim());
  return m?.[1]?.trim() || undefined;
}

export default defineRule({
  id: 'compose/no-literal-secrets',
  title: 'Secrets reach services from secrets, env files or the shell, not literal values',
  category: 'security',
  severity: 'error',
  rationale:
    `A password or token written under \`environment:\` is in the repository's history forever, in every clone and CI log, and in \`docker inspect\` output on the host; rotating it means a commit. Compose interpolates \`\${VAR}\` from the shell or an uncommitted \`.env\`, loads \`env_file\`s, and mounts \`secrets:\` as files — all of which keep the value out of the compose file. A default (\`\${SECRET_KEY:-value}\`) is a literal too: it is what runs wherever the variable was forgotten.`,
  fix: `Replace the value with \`\${VAR}\` (set in the deploy environment or an uncommitted .env), move it to an \`env_file\` that is not committed, or use compose \`secrets:\` (and \`*_FILE\` variables); rotate the value that was committed.`,
  appliesTo: ['compose'],
  messages: {
    literal: (d: { key: string; service: string }) =>
      `${d.key} of service ${d.service} is a literal value in the compose file: use \`\${${d.key}}\`, an uncommitted env_file or compose secrets, then rotate it`,
    fallback: (d: { key: string; service: string }) =>
      `${d.key} of service ${d.service} falls back to a literal value when the variable is unset, so the stack starts with a secret everyone can read: require it with \`\${${d.key}:?}\` (or use compose secrets), then rotate the default`,
    credentialValue: (d: { key: string; service: string; kind: string }) =>
      `${d.key} of service ${d.service} holds ${d.kind}, committed in the compose file: revoke and rotate it, and pass it with \`\${${d.key}}\`, an uncommitted env_file or compose secrets`,
  },
  check({ project, subject }) {
    for (const file of project.compose) {
      const lines = project.file(file.file)?.lines ?? [];
      for (const s of file.services) {
        const ships = project.scope.composeService(s).ships;
        // `${VAR}` and other interpolations come from the deploy environment (a literal default is judged below); a fill-in
        // (`your-secret-here`, `STRONG_DB_PASSWORD`) is a value to replace, not a secret that was committed.
        // `file:///run/secrets/token`, `/run/secrets/db_password`: where the secret is read from, not the secret.
        const literals = s.environment.filter((e) => isLiteralValue(e.value) && !e.value.includes('${') && !asksToBeReplaced(e.value) && !SECRET_FILE.test(e.value.trim()));
        // A credential of a known format has leaked in any compose file; a secret-like key counts in services that ship,
        // unless a comment marks the value as one to replace (`# NOTE: Please UPDATE THIS PASSWORD!`).
        const found = literals.flatMap((e): { e: ComposeEnv; kind: string | undefined }[] => {
          const kind = credentialKind(e.value as string, e.key);
          if (kind && (ships || issuedByProvider(kind))) return [{ e, kind }];
          return ships && isSecretLikeKey(e.key) && !markedToReplace(lines, e.valueLoc.line) ? [{ e, kind: undefined }] : [];
        });
        // `${SECRET_KEY:-k3J9…}`: the default is what runs when the variable is unset.
        const fallbacks = ships
          ? s.environment.filter((e) => {
              const fallback = e.value === null ? undefined : defaultOf(e.value);
              return fallback !== undefined && isSecretLikeKey(e.key) && !/^\d+$/.test(fallback) && !SECRET_FILE.test(fallback) && !asksToBeReplaced(fallback) && !markedToReplace(lines, e.valueLoc.line);
            })
          : [];
        if (found.length === 0 && fallbacks.length === 0) {
          if (ships && s.environment.some((e) => isSecretLikeKey(e.key))) subject(serviceId(s));
          continue;
        }
        const report = subject(serviceId(s));
        for (const e of fallbacks) report.report('fallback', { key: e.key, service: s.name }, e.valueLoc);
        for (const { e, kind } of found) {
          if (kind) report.report('credentialValue', { key: e.key, service: s.name, kind }, e.valueLoc);
          else report.report('literal', { key: e.key, service: s.name }, e.valueLoc);
        }
      }
    }
  },
});
