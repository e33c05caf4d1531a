import { ancestors, basename, dirname, type Project } from '../../../src/model/project.ts';
import type { EnvRead } from '../../../src/model/service.ts';
import type { EnvFile } from '../../../src/model/settings-model.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { defineRule } from '../../../src/rule.ts';

/**
 * Variables nobody documents in an example file: NODE_ENV (every Node deployment sets it), and what the OS,
 * npm, CI systems and hosting platforms provide on their own.
 */
const PROVIDED =
  /^(?:NODE_ENV|NODE_APP_INSTANCE|CI|HOME|PATH|PWD|HOSTNAME|USER|SHELL|TERM|TMPDIR|TZ|npm_\w+|pm_id|GITHUB_\w+|RUNNER_\w+|GITLAB_CI|CI_\w+|BUILDKITE\w*|KUBERNETES_\w+|K_SERVICE|K_REVISION|K_CONFIGURATION|HEROKU_\w+|DYNO|SOURCE_VERSION|VERCEL(?:_\w+)?|RENDER(?:_\w+)?|FLY_\w+|RAILWAY_\w+|AWS_LAMBDA_\w+|AWS_EXECUTION_ENV|AWS_REGION|LAMBDA_TASK_ROOT|NETLIFY|NETLIFY_\w+|CF_PAGES\w*|GAE_\w+|GOOGLE_CLOUD_PROJECT|WEBSITE_\w+)$/;
/** Code that runs beside the service, not in it: migrations, seeds, scripts and build-tool config. */
const NOT_RUNTIME_FILE = /(?:^|\/)(?:migrations?|seeds?|seeders|scripts)\/|\.config\.[cm]?[jt]s$|(?:^|\/)(?:knexfile|ormconfig|data-source|drizzle\.config)\.[cm]?[jt]s$/;
/** A default that points at the developer's machine: the silent fallback an undocumented variable leaves production with. */
const LOCAL_DEFAULT = /(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])/;

/** A read an example must document: without a default the service fails or misbehaves; a localhost default silently points nowhere. */
function needsDocumenting(read: EnvRead): boolean {
  return !read.hasDefault || (read.defaultValue !== undefined && LOCAL_DEFAULT.test(read.defaultValue));
}

/** The example files nearest a package: in its own folders, else in the nearest folder above that has one. Never a test fixture's. */
function nearestExamples(project: Project, pkg: PackageJson): EnvFile[] {
  const examples = project.envFiles.filter((f) => f.documentation && project.scope.exclusionOf(f.file)?.evidence !== 'path');
  const own = examples.filter((f) => project.packageFor(dirname(f.file)) === pkg);
  if (own.length > 0) return own;
  for (const dir of ancestors(pkg.dir)) {
    const here = examples.filter((f) => dirname(f.file) === dir);
    if (here.length > 0) return here;
  }
  return [];
}

/** The example a message names: `.env.example` when there is one, else the shortest name. */
function mainExample(examples: readonly EnvFile[]): string {
  const files = examples.map((f) => f.file).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return files.find((f) => basename(f) === '.env.example') ?? (files[0] as string);
}

export default defineRule({
  id: 'env/example',
  title: 'An example env file documents every variable the code reads',
  category: 'operations',
  severity: 'warning',
  rationale:
    'Whoever deploys the service (a colleague, a new environment, the on-call engineer restoring it) learns which variables it needs from `.env.example`. A variable the code reads but the example does not name is found in production, as a crash at startup or, worse, a silent default: a missing `DATABASE_URL` that falls back to localhost, a missing `CORS_ORIGINS` that opens CORS. A variable with a default of its own is a tuning knob and needs no line; one whose default points at localhost does.',
  fix: 'Keep a committed `.env.example` (or `.env.sample`, `.env.template`) beside package.json or at the repository root that lists every variable the code requires, with a placeholder value and a comment on what it is; no real secrets in it.',
  appliesTo: ['source', 'env'],
  messages: {
    noExample: (d: { name: string; count: number }) =>
      `the code reads ${d.name}${d.count > 1 ? ` and ${d.count - 1} other variable${d.count > 2 ? 's' : ''}` : ''} from the environment, but no .env.example documents ${d.count > 1 ? 'them' : 'it'}: add one that lists every variable with a placeholder value`,
    undocumented: (d: { name: string; example: string }) => `${d.name} is read here but ${d.example} does not list it: add \`${d.name}=\` with a placeholder value and a comment on what it configures`,
  },
  check({ project, subject }) {
    const servers = new Set(project.scope.servicePackages);
    for (const service of project.services) {
      if (!servers.has(service.package)) continue;
      const firstReads = new Map<string, EnvRead>();
      for (const read of service.envReads) if (!PROVIDED.test(read.name) && !NOT_RUNTIME_FILE.test(read.loc.file) && !firstReads.has(read.name)) firstReads.set(read.name, read);
      const first = [...firstReads.values()][0];
      if (!first) continue;
      const report = subject(service.package.file);
      const examples = nearestExamples(project, service.package);
      if (examples.length === 0) {
        report.report('noExample', { name: first.name, count: firstReads.size }, first.loc);
        continue;
      }
      const documented = new Set(examples.flatMap((f) => f.entries.map((e) => e.key)));
      const example = mainExample(examples);
      // An alias read only as the fallback of a documented variable (`MONGODB_URI || MONGOLAB_URI`) is documented through it.
      const aliases = new Map<string, Set<string>>();
      for (const read of service.envReads) aliases.set(read.name, (aliases.get(read.name) ?? new Set()).add(read.aliasOf ?? ''));
      const viaAlias = (name: string) => [...(aliases.get(name) ?? [])].every((of) => of !== '' && documented.has(of));
      // A variable counts as required when any read of it is: its first such read is where to point.
      const required = new Map<string, EnvRead>();
      for (const read of service.envReads) if (firstReads.has(read.name) && !NOT_RUNTIME_FILE.test(read.loc.file) && needsDocumenting(read) && !required.has(read.name)) required.set(read.name, read);
      for (const [name, read] of required) if (!documented.has(name) && !viaAlias(name)) report.report('undocumented', { name, example }, read.loc);
    }
  },
});
