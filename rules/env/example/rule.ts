import { keyedIndex } from '../../../src/model/index-by.ts';
import { ancestors, basename, dirname, type Project } from '../../../src/model/project.ts';
import type { EnvRead } from '../../../src/model/service/index.ts';
import type { EnvFile } from '../../../src/model/settings-model.ts';
import { envAt } from '../../../src/model/stage-state.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { defineRule } from '../../../src/rule.ts';
import { codeOfStage } from '../../cross/_shared.ts';
import { isWorkspaceRoot } from '../../pkg/_shared.ts';

/**
 * Variables nobody documents in an example file: NODE_ENV (every Node deployment sets it), and what the OS, the
 * terminal, npm, CI systems and hosting platforms provide on their own.
 */
const PROVIDED =
  /^(?:NODE_ENV|NODE_APP_INSTANCE|NODE_OPTIONS|NODE_EXTRA_CA_CERTS|NODE_DEBUG|CI|HOME|PATH|PWD|HOSTNAME|USER|SHELL|TERM|TERM_PROGRAM\w*|COLORTERM|WT_SESSION|FORCE_COLOR|NO_COLOR|COLUMNS|LINES|DISPLAY|EDITOR|SSH_\w+|LC_\w+|TMPDIR|TZ|LANG|npm_\w+|pm_id|GITHUB_\w+|RUNNER_\w+|GITLAB_CI|CI_\w+|BUILDKITE\w*|KUBERNETES_\w+|K_SERVICE|K_REVISION|K_CONFIGURATION|HEROKU_\w+|DYNO|SOURCE_VERSION|VERCEL(?:_\w+)?|RENDER(?:_\w+)?|FLY_\w+|RAILWAY_\w+|AWS_\w+|ECS_\w+|LAMBDA_TASK_ROOT|NETLIFY|NETLIFY_\w+|CF_PAGES\w*|GAE_\w+|GOOGLE_CLOUD_PROJECT|GOOGLE_APPLICATION_CREDENTIALS|WEBSITE_\w+|OTEL_\w+|(?:HTTPS?|NO|ALL)_PROXY|(?:https?|no|all)_proxy|DEBUG|TESTING|TEST|JEST_WORKER_ID|VITEST\w*|\w+_TEST|TEST_\w+|\w+_TEST_\w+)$/;
/** Code that runs beside the service, not in it: migrations, seeds, scripts and build-tool config. */
const NOT_RUNTIME_FILE = /(?:^|\/)(?:migrations?|seeds?|seeders|scripts)\/|\.config\.[cm]?[jt]s$|(?:^|\/)(?:knexfile|ormconfig|data-source|drizzle\.config)\.[cm]?[jt]s$/;
/**
 * A default that points at the developer's machine: the silent fallback an undocumented variable leaves production
 * with. `0.0.0.0` alone is the address a server binds to in production too; in a URL it points nowhere.
 */
const LOCAL_DEFAULT = /localhost|127\.0\.0\.1|\[::1\]|:\/\/0\.0\.0\.0/;

/** A read an example must document: without a default the service fails or misbehaves; a localhost default silently points nowhere. */
function needsDocumenting(read: EnvRead): boolean {
  return !read.hasDefault || (read.defaultValue !== undefined && LOCAL_DEFAULT.test(read.defaultValue));
}

const keysOf = (f: EnvFile): string[] => [...f.entries.map((e) => e.key), ...f.commentedKeys];

/** The example a message names: the nearest `.env.example` when there is one, else the nearest example, shortest name first. */
function mainExample(pkg: PackageJson, examples: readonly EnvFile[]): string {
  const depth = (f: EnvFile) => (dirname(f.file).startsWith(pkg.dir) ? 0 : ancestors(pkg.dir).indexOf(dirname(f.file)));
  const files = [...examples].sort((a, b) => depth(a) - depth(b) || a.file.length - b.file.length || (a.file < b.file ? -1 : 1)).map((f) => f.file);
  return files.find((f) => basename(f) === '.env.example') ?? (files[0] as string);
}

/**
 * What the rule looks up for every service, indexed once per run: env files by folder, by package and by the
 * variables documentation files name, and the variables each package's images set.
 */
function indexOf(project: Project) {
  // Examples and deployed config document a package's variables (not tests or development files): by folder and package.
  const documents = project.envFiles.filter((f) => {
    const exclusion = project.scope.exclusionOf(f.file);
    return f.documentation ? exclusion?.evidence !== 'path' : exclusion === undefined;
  });
  const documentsOf = keyedIndex(documents, (f) => [`dir ${dirname(f.file)}`, `package ${project.packageFor(dirname(f.file))?.file ?? ''}`]);
  // Documentation files anywhere, by the variables they name.
  const keysByFile = new Map(project.envFiles.filter((f) => f.documentation && project.scope.exclusionOf(f.file)?.evidence !== 'path').map((f) => [f, new Set(keysOf(f))]));
  const naming = keyedIndex([...keysByFile.keys()], (f) => [...(keysByFile.get(f) ?? [])]);
  // An env file beside a compose file of another folder (`podman/env.sample` beside podman-compose.yml) lists what
  // that stack interpolates: it documents the stack, not the package.
  const composeDirs = new Set(project.compose.map((c) => dirname(c.file)));
  const stackFile = (f: EnvFile) => composeDirs.has(dirname(f.file));
  // ENV of the images: of the package's folder, one whose WORKDIR runs the package (`docker/Dockerfile` →
  // apps/webapp), or one of the workspace around it, built from its root (it may run any member).
  const envOfOwner = new Map<PackageJson, string[]>();
  const envOfCode = new Map<PackageJson, string[]>();
  const envOfWorkspace = new Map<string, string[]>();
  const add = <K>(map: Map<K, string[]>, key: K, names: string[]) => map.set(key, [...(map.get(key) ?? []), ...names]);
  for (const { dockerfile, stage } of project.runtimeStages) {
    const names = [...envAt(dockerfile, stage).keys()];
    const owner = project.packageFor(dirname(dockerfile.file));
    if (owner) add(envOfOwner, owner, names);
    if (owner && isWorkspaceRoot(project, owner)) add(envOfWorkspace, owner.dir, names);
    const code = codeOfStage(project, dockerfile, stage)?.package;
    if (code) add(envOfCode, code, names);
  }
  return {
    /**
     * The env files that tell a deployer about a package's variables: examples and deployed config in the
     * package's own folders and in every folder above it, up to the root.
     */
    documentingFiles(pkg: PackageJson): { examples: EnvFile[]; all: EnvFile[] } {
      const above = new Set(ancestors(pkg.dir));
      const all = documentsOf([...above].map((d) => `dir ${d}`).concat(`package ${pkg.file}`)).filter((f) => above.has(dirname(f.file)) || !stackFile(f));
      return { examples: all.filter((f) => f.documentation), all };
    },
    stackFile,
    /** Documentation files anywhere that list one of these variables. */
    naming,
    /** Whether a documentation file that lists one of the variables `read` also lists `name`. */
    listedWith(name: string, read: ReadonlySet<string>): boolean {
      return naming([name]).some((f) => read.has(name) || [...(keysByFile.get(f) ?? [])].some((k) => read.has(k)));
    },
    /** Variables the package sets for itself: ENV of its images, and assignments in its scripts (`cross-env X=1 …`). */
    setByPackage(pkg: PackageJson): Set<string> {
      const names = new Set([...(envOfOwner.get(pkg) ?? []), ...(envOfCode.get(pkg) ?? [])]);
      for (const dir of ancestors(pkg.dir).slice(1)) for (const name of envOfWorkspace.get(dir) ?? []) names.add(name);
      for (const argv of Object.values(pkg.scriptCommands).flat()) for (const word of argv) if (/^[A-Z_][A-Z0-9_]*=/.test(word)) names.add(word.slice(0, word.indexOf('=')));
      return names;
    },
  };
}

/**
 * Variables documented outside env files: set by a deployment that ships (compose `environment:`, a manifest's
 * `env:`), or named as code in the repository's Markdown (a README table of variables, a setup guide's block).
 */
function deployedOrWritten(project: Project): Set<string> {
  const names = new Set<string>();
  for (const d of project.deployments) for (const key of d.env.keys()) names.add(key);
  for (const doc of project.markdownDocs) for (const name of doc.envNames) names.add(name);
  return names;
}

export default defineRule({
  id: 'env/example',
  title: 'An example env file documents every variable the code reads',
  category: 'operations',
  severity: 'warning',
  rationale:
    'Whoever deploys the service (a colleague, a new environment, the on-call engineer restoring it) learns which variables it needs from `.env.example`. A variable the code reads but the example does not name is found in production, as a crash at startup or, worse, a silent default: a missing `DATABASE_URL` that falls back to localhost, a missing `CORS_ORIGINS` that opens CORS. A variable with a default of its own is a tuning knob and needs no line, and so is one whose absence the code tests (`const ignored = process.env.IGNORE_IP; if (ignored) …`, `Boolean(A && B)`): unset, it turns a feature off. One whose default points at localhost does need a line. A variable set by a compose file or manifest that ships, or named as code in the repository\'s Markdown (a README table of variables), is documented there, as is one listed by an example elsewhere in the repository that documents variables of the service (one example for a stack whose services share an env folder).',
  fix: 'Keep a committed `.env.example` (or `.env.sample`, `.env.template`) beside package.json or at the repository root that lists every variable the code requires, with a placeholder value and a comment on what it is; no real secrets in it.',
  appliesTo: ['source', 'env'],
  messages: {
    noExample: (d: { name: string; count: number }) =>
      `the code reads ${d.name}${d.count > 1 ? ` and ${d.count - 1} other variable${d.count > 2 ? 's' : ''}` : ''} from the environment, but no .env.example documents ${d.count > 1 ? 'them' : 'it'}: add one that lists every variable with a placeholder value`,
    undocumented: (d: { name: string; example: string }) => `${d.name} is read here but ${d.example} does not list it: add \`${d.name}=\` with a placeholder value and a comment on what it configures`,
  },
  check({ project, subject }) {
    const servers = new Set(project.scope.servicePackages);
    const documentedElsewhere = deployedOrWritten(project);
    const index = indexOf(project);
    for (const service of project.services) {
      if (!servers.has(service.package)) continue;
      const ownSettings = index.setByPackage(service.package);
      const runtimeReads = service.envReads.filter((r) => !PROVIDED.test(r.name) && !NOT_RUNTIME_FILE.test(r.loc.file) && !ownSettings.has(r.name));
      const first = runtimeReads[0];
      if (!first) continue;
      const report = subject(service.package.file);
      const own = index.documentingFiles(service.package);
      // An example elsewhere in the repository that lists variables this service reads documents it too: one example
      // for a stack whose services load their env files from one folder (`envFilePath` into the web app's folder).
      const read = new Set(runtimeReads.map((r) => r.name));
      const ownKeys = new Set(own.all.flatMap(keysOf));
      const isDocumented = (name: string) => ownKeys.has(name) || documentedElsewhere.has(name) || index.listedWith(name, read);
      // An alias read only as the fallback of a documented variable (`MONGODB_URI || MONGOLAB_URI`) is documented through it.
      const aliases = new Map<string, Set<string>>();
      for (const read of service.envReads) aliases.set(read.name, (aliases.get(read.name) ?? new Set()).add(read.aliasOf ?? ''));
      const viaAlias = (name: string) => [...(aliases.get(name) ?? [])].every((of) => of !== '' && isDocumented(of));
      // Required: no read copes with it unset (a default, a presence test), or the default points at localhost. Reported at its first read.
      const reads = new Map<string, EnvRead[]>();
      for (const read of runtimeReads) reads.set(read.name, [...(reads.get(read.name) ?? []), read]);
      const undocumented: { name: string; at: EnvRead }[] = [];
      for (const [name, list] of reads) {
        if (isDocumented(name) || viaAlias(name)) continue;
        const copes = list.some((r) => r.hasDefault && !(r.defaultValue !== undefined && LOCAL_DEFAULT.test(r.defaultValue)));
        const at = list.find(needsDocumenting);
        if (!copes && at) undocumented.push({ name, at });
      }
      const [head] = undocumented;
      if (!head) continue;
      const ownFiles = new Set(own.all);
      const examples = own.examples.length > 0 ? own.examples : index.naming(read).filter((f) => !ownFiles.has(f) && !index.stackFile(f));
      if (examples.length === 0) report.report('noExample', { name: head.name, count: undocumented.length }, head.at.loc);
      else for (const { name, at } of undocumented) report.report('undocumented', { name, example: mainExample(service.package, examples) }, at.loc);
    }
  },
});
