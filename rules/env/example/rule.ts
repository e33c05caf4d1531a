import { ancestors, dirname } from '../../../src/model/project.ts';
import type { EnvRead } from '../../../src/model/service.ts';
import { defineRule } from '../../../src/rule.ts';

/**
 * Variables nobody documents in an example file: NODE_ENV (every Node deployment sets it), and what the OS,
 * npm, CI systems and hosting platforms provide on their own.
 */
const PROVIDED =
  /^(?:NODE_ENV|NODE_APP_INSTANCE|CI|HOME|PATH|PWD|HOSTNAME|USER|SHELL|TERM|TMPDIR|npm_\w+|pm_id|GITHUB_\w+|RUNNER_\w+|GITLAB_CI|CI_\w+|BUILDKITE\w*|KUBERNETES_SERVICE_\w+|K_SERVICE|K_REVISION|K_CONFIGURATION|DYNO|VERCEL(?:_\w+)?|RENDER(?:_\w+)?|FLY_\w+|RAILWAY_\w+|AWS_LAMBDA_\w+|AWS_EXECUTION_ENV|LAMBDA_TASK_ROOT)$/;

export default defineRule({
  id: 'env/example',
  title: 'An example env file documents every variable the code reads',
  category: 'operations',
  severity: 'warning',
  rationale:
    'Whoever deploys the service (a colleague, a new environment, the on-call engineer restoring it) learns which variables it needs from `.env.example`. A variable the code reads but the example does not name is found in production, as a crash at startup or, worse, a silent default: a missing `DATABASE_URL` that falls back to localhost, a missing `CORS_ORIGINS` that opens CORS.',
  fix: 'Keep a committed `.env.example` (or `.env.sample`, `.env.template`) beside package.json that lists every variable the code reads, with a placeholder value and a comment on what it is; no real secrets in it.',
  appliesTo: ['source', 'env'],
  messages: {
    noExample: (d: { name: string; count: number }) =>
      `the code reads ${d.name}${d.count > 1 ? ` and ${d.count - 1} other variable${d.count > 2 ? 's' : ''}` : ''} from the environment, but no .env.example documents ${d.count > 1 ? 'them' : 'it'}: add one that lists every variable with a placeholder value`,
    undocumented: (d: { name: string; example: string }) => `${d.name} is read here but ${d.example} does not list it: add \`${d.name}=\` with a placeholder value and a comment on what it configures`,
  },
  check({ project, subject }) {
    for (const service of project.services) {
      const firstReads = new Map<string, EnvRead>();
      for (const read of service.envReads) if (!PROVIDED.test(read.name) && !firstReads.has(read.name)) firstReads.set(read.name, read);
      const first = [...firstReads.values()][0];
      if (!first) continue;
      const report = subject(service.package.file);
      const above = new Set(ancestors(service.dir));
      const examples = project.envFiles.filter((f) => f.documentation && (above.has(dirname(f.file)) || project.packageFor(dirname(f.file)) === service.package));
      if (examples.length === 0) {
        report.report('noExample', { name: first.name, count: firstReads.size }, first.loc);
        continue;
      }
      const documented = new Set(examples.flatMap((f) => f.entries.map((e) => e.key)));
      const example = examples.map((f) => f.file).sort((a, b) => b.length - a.length)[0] as string;
      // An alias read only as the fallback of a documented variable (`MONGODB_URI || MONGOLAB_URI`) is documented through it.
      const aliases = new Map<string, Set<string>>();
      for (const read of service.envReads) aliases.set(read.name, (aliases.get(read.name) ?? new Set()).add(read.aliasOf ?? ''));
      const viaAlias = (name: string) => [...(aliases.get(name) ?? [])].every((of) => of !== '' && documented.has(of));
      for (const [name, read] of firstReads) if (!documented.has(name) && !viaAlias(name)) report.report('undocumented', { name, example }, read.loc);
    }
  },
});
