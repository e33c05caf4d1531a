import { credentialKind, issuedByProvider } from '../../../src/model/credentials.ts';
import { gitignored } from '../../../src/model/git.ts';
import { ancestors, basename, dirname, joinPath, type Project, resolveRelative } from '../../../src/model/project.ts';
import { isSecretLikeKey } from '../../../src/model/secrets.ts';
import { appConfigSettings, envSettings, type Setting } from '../../../src/model/settings-model.ts';
import { escapePointer } from '../../../src/parsers/json.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { defineRule, type Reporter } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { isClearlyNotSecret, isPlaceholder } from '../_shared.ts';

/** Loaders that read `.env` from the working directory. */
const DOTENV_PACKAGES = ['dotenv', 'dotenv-flow', '@dotenvx/dotenvx', 'dotenv-expand', 'dotenv-cli'];
/**
 * Frameworks whose convention is a committed `.env` of defaults, with secrets in an ignored `.env.local`
 * (Next.js, Vite and what builds on it, Create React App): their `.env` is meant to be tracked.
 */
const COMMITTED_ENV_FRAMEWORKS = ['next', 'vite', 'react-scripts', 'astro', '@sveltejs/kit', 'expo'];

function loaderOf(pkg: PackageJson, imported: ReadonlySet<string> | undefined): string | undefined {
  const declared = DOTENV_PACKAGES.find((name) => name in pkg.dependencies || name in pkg.devDependencies);
  if (declared) return declared;
  const scripts = Object.values(pkg.scripts).join('\n');
  if (/--env-file(?:=|\s)\S*\.env\b/.test(scripts)) return '--env-file';
  return imported && DOTENV_PACKAGES.find((name) => imported.has(name));
}

type Messages = typeof messages;
const messages = {
  trackedSecret: (d: { key: string; file: string }) =>
    `${d.key} in ${d.file} holds a secret and the file is tracked by git: rotate the secret, remove the file from git (git rm --cached) and inject the value from a secret store`,
  credentialValue: (d: { key: string; file: string; kind: string }) =>
    `${d.key} in ${d.file} holds ${d.kind} and the file is tracked by git: revoke and rotate it, and keep real credentials out of committed files`,
  envNotIgnored: (d: { path: string }) => `${d.path} is not ignored by .gitignore: add \`${basename(d.path)}\` to .gitignore so local secrets cannot be committed`,
};

/**
 * Secrets in a tracked file. In config that ships the location is the evidence: any value of a secret-like key
 * that is not a placeholder or a reference. In documentation, tests and development files only a credential of
 * a known format counts.
 */
function checkSettings(settings: readonly Setting[], ships: boolean, report: () => Reporter<Messages>): void {
  for (const s of settings) {
    if (s.isReference || s.value.trim() === '') continue;
    const found = credentialKind(s.value, s.name);
    // A private key or a connection string is only a secret in config that ships; a provider's token is one anywhere.
    const kind = found && (ships || issuedByProvider(found)) ? found : undefined;
    if (kind) report().report('credentialValue', { key: s.key, file: s.file, kind }, s.valueLoc);
    else if (ships && isSecretLikeKey(s.name) && !isPlaceholder(s.value) && !isClearlyNotSecret(s.value)) report().report('trackedSecret', { key: s.key, file: s.file }, s.valueLoc);
  }
}

/**
 * The env files read at run time, and what says so: a loader in a package (the files its `config()` calls name,
 * else `.env` in the package's folder), an existing `.env`, an example that says to make one.
 */
/**
 * An example env file leads to a `.env` beside it when its name or text says so (`.env.example`, `# Copy to .env`)
 * or a compose file there reads one (`${VAR}` interpolation, `env_file: .env`); an example of a file kept elsewhere
 * (`/pds/pds.env` on the host) does not.
 */
function saysToMakeEnv(project: Project, example: string): boolean {
  // `.env.example`, `.env.sample`: named for the `.env` it is copied to.
  if (basename(example).startsWith('.env.')) return true;
  if (/(?:^|[\s`'"(/])\.env(?![\w.-])/m.test(project.file(example)?.text ?? '')) return true;
  const dir = dirname(example);
  return project.compose.some(
    (c) => dirname(c.file) === dir && (c.services.some((s) => s.envFiles.some((f) => basename(f.path) === '.env')) || (project.file(c.file)?.text ?? '').includes('${')),
  );
}

function envReaders(project: Project): Map<string, Loc> {
  const readers = new Map<string, Loc>();
  const firstLine = (file: string): Loc => ({ file, line: 1, column: 1, endLine: 1, endColumn: (project.file(file)?.lines[0]?.length ?? 0) + 1 });
  const loaderDirs = new Set<string>();
  for (const pkg of project.packages) {
    if (!project.scope.package(pkg).ships) continue;
    const service = project.serviceOf(pkg);
    const loader = loaderOf(pkg, service?.packagesImported);
    if (!loader) continue;
    loaderDirs.add(pkg.dir);
    const loads = service?.envFileLoads ?? [];
    if (loads.length === 0) {
      const field = loader in pkg.dependencies ? 'dependencies' : loader in pkg.devDependencies ? 'devDependencies' : undefined;
      // dotenv-flow reads a committed `.env` of defaults and keeps secrets in `.env.local`: that is the file to ignore.
      readers.set(joinPath(pkg.dir, loader === 'dotenv-flow' ? '.env.local' : '.env'), field ? pkg.at(`/${field}/${escapePointer(loader)}`, { key: true }) : pkg.at('/scripts', { key: true }));
    }
    // `config({ path: '.env.local' })` reads that file (from the working directory: the package's folder); a computed or absolute path is not followed.
    for (const load of loads) {
      const file = load.path !== undefined ? resolveRelative(pkg.dir, load.path) : undefined;
      if (file !== undefined && !readers.has(file)) readers.set(file, load.loc);
    }
  }
  for (const env of project.envFiles) {
    const dir = dirname(env.file);
    const path = joinPath(dir, '.env');
    if (loaderDirs.has(dir) || readers.has(path) || project.scope.exclusionOf(env.file)?.evidence === 'path') continue;
    if (basename(env.file) === '.env' || (env.documentation && saysToMakeEnv(project, env.file))) {
      // A framework that loads a committed `.env` of defaults keeps secrets in `.env.local`: its example documents that.
      const pkg = project.packageFor(dir);
      const framework = pkg && COMMITTED_ENV_FRAMEWORKS.some((name) => name in pkg.dependencies || name in pkg.devDependencies);
      if (!framework) readers.set(path, firstLine(env.file));
    }
  }
  return readers;
}

export default defineRule({
  id: 'env/committed-secret',
  title: 'No secret is committed to git in an env file, and .gitignore keeps .env out',
  category: 'security',
  severity: 'error',
  rationale:
    'A secret in a git-tracked env file is in every clone, fork, CI cache and backup of the repository, and stays in its history after the line is deleted: it has to be treated as leaked and rotated. The usual way it gets there is a `.env` that `.gitignore` does not exclude, committed by a `git add .`. In an env or config file that is deployed, any value of a secret-like key is a secret; in examples, tests and development files only a credential of a known format is (a real cloud or API key has leaked wherever it is committed).',
  fix: 'Remove the file from git (`git rm --cached <file>`), rotate every secret it held, inject secrets from the deployment\'s secret store, add `.env` (and `.env.*` with `!.env.example`) to `.gitignore`, and commit only an `.env.example` with placeholders.',
  appliesTo: ['env', 'app-config', 'gitignore'],
  messages,
  check({ project, subject }) {
    const git = project.git;
    if (git) {
      for (const env of project.envFiles) {
        if (!git.tracked(env.file)) continue;
        const ships = !env.documentation && project.scope.ships(env.file);
        if (ships) subject(env.file);
        checkSettings(envSettings(env), ships, () => subject(env.file));
      }
      for (const config of project.appConfigs) {
        if (!git.tracked(config.file)) continue;
        const ships = project.scope.ships(config.file);
        if (ships) subject(config.file);
        checkSettings(appConfigSettings(config), ships, () => subject(config.file));
      }
    }

    // Where a `.env` is read at run time, .gitignore must exclude it — unless the repository tracks it on purpose.
    const gitignores = project.filesOf('gitignore');
    if (!git && gitignores.length === 0) return;
    const readers = [...envReaders(project)].sort(([a], [b]) => (a < b ? -1 : 1)).filter(([path]) => !git?.tracked(path));
    const ignoredByGit = git?.ignored(readers.map(([path]) => path));
    for (const [path, at] of readers) {
      const dir = dirname(path);
      const report = subject(joinPath(dir, '.gitignore'));
      if (ignoredByGit ? ignoredByGit.has(path) : gitignored(gitignores, path) === 'ignored') continue;
      // `!packages/db/.env`: a .gitignore that re-includes the file decided to track it.
      if (gitignored(gitignores, path) === 'included') continue;
      // The nearest .gitignore is where the fix goes; without one, the file that makes `.env` likely.
      const nearest = ancestors(dir)
        .map((d) => project.file(joinPath(d, '.gitignore')))
        .find((f) => f !== undefined);
      report.report('envNotIgnored', { path }, nearest ? { file: nearest.path, line: 1, column: 1, endLine: 1, endColumn: (nearest.lines[0]?.length ?? 0) + 1 } : at);
    }
  },
});
