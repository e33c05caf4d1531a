import { isDocumentationEnv } from '../../../src/classify.ts';
import { gitignored } from '../../../src/model/git.ts';
import { ancestors, basename, dirname, joinPath } from '../../../src/model/project.ts';
import { isSecretLikeKey } from '../../../src/model/secrets.ts';
import { envSettings } from '../../../src/model/settings-model.ts';
import { escapePointer } from '../../../src/parsers/json.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { isClearlyNotSecret, isPlaceholder } from '../_shared.ts';

/** Env files for test runs are committed on purpose, with throwaway values. */
const TEST_ENV = /^(?:\.env\.(?:test|testing|ci)(?:\..+)?|(?:.+\.)?(?:test|testing|ci)\.env)$/i;
/** Loaders that read `.env` from the working directory. */
const DOTENV_PACKAGES = ['dotenv', 'dotenv-flow', '@dotenvx/dotenvx', 'dotenv-expand'];

/** Looks generated or chosen as a real secret: 8+ characters mixing at least two of lower, upper, digits, symbols. */
function looksReal(value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9\s._-]/].filter((re) => re.test(value)).length;
  return value.length >= 8 && classes >= 2;
}

export default defineRule({
  id: 'env/committed-secret',
  title: 'No secret is committed to git in an env file, and .gitignore keeps .env out',
  category: 'security',
  severity: 'error',
  rationale:
    'A secret in a git-tracked env file is in every clone, fork, CI cache and backup of the repository, and stays in its history after the line is deleted: it has to be treated as leaked and rotated. The usual way it gets there is a `.env` that `.gitignore` does not exclude, committed by a `git add .`.',
  fix: 'Remove the file from git (`git rm --cached <file>`), rotate every secret it held, inject secrets from the deployment\'s secret store, add `.env` (and `.env.*` with `!.env.example`) to `.gitignore`, and commit only an `.env.example` with placeholders.',
  appliesTo: ['env', 'gitignore'],
  messages: {
    trackedSecret: (d: { key: string; file: string }) =>
      `${d.key} in ${d.file} holds a real-looking secret and the file is tracked by git: rotate the secret, remove the file from git (git rm --cached) and inject the value from a secret store`,
    envNotIgnored: (d: { path: string }) => `${d.path} is not ignored by .gitignore: add \`.env\` to .gitignore so local secrets cannot be committed`,
  },
  check({ project, subject }) {
    const git = project.git;
    if (git) {
      for (const env of project.envFiles) {
        if (env.documentation || TEST_ENV.test(basename(env.file)) || !git.tracked(env.file)) continue;
        const report = subject(env.file);
        for (const s of envSettings(env)) {
          if (isSecretLikeKey(s.name) && !s.isReference && !isPlaceholder(s.value) && !isClearlyNotSecret(s.value) && looksReal(s.value)) {
            report.report('trackedSecret', { key: s.key, file: s.file }, s.valueLoc);
          }
        }
      }
    }

    // Where a `.env` exists or would be read (documented by an example, loaded by dotenv), .gitignore must exclude it.
    const gitignores = project.filesOf('gitignore');
    if (!git && gitignores.length === 0) return;
    const readers = new Map<string, Loc>();
    const firstLine = (file: string): Loc => ({ file, line: 1, column: 1, endLine: 1, endColumn: (project.file(file)?.lines[0]?.length ?? 0) + 1 });
    for (const env of project.envFiles) {
      const dir = dirname(env.file);
      if (basename(env.file) === '.env') readers.set(dir, firstLine(env.file));
      else if (isDocumentationEnv(env.file) && !readers.has(dir)) readers.set(dir, firstLine(env.file));
    }
    for (const pkg of project.packages) {
      const loader = DOTENV_PACKAGES.find((name) => name in pkg.dependencies);
      if (loader && !readers.has(pkg.dir)) readers.set(pkg.dir, pkg.at(`/dependencies/${escapePointer(loader)}`, { key: true }));
    }
    for (const [dir, at] of [...readers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const path = joinPath(dir, '.env');
      const report = subject(joinPath(dir, '.gitignore'));
      if (gitignored(gitignores, path)) continue;
      // The nearest .gitignore is where the fix goes; without one, the file that makes `.env` likely.
      const nearest = ancestors(dir)
        .map((d) => project.file(joinPath(d, '.gitignore')))
        .find((f) => f !== undefined);
      report.report('envNotIgnored', { path }, nearest ? firstLine(nearest.path) : at);
    }
  },
});
