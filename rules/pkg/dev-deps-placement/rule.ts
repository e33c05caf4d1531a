import { defineRule } from '../../../src/rule.ts';
import { dependencyLoc, servicePackages } from '../_shared.ts';

/** Build, test and lint tools: never needed by the running service. */
const DEV_TOOLS = new Set(['typescript', 'jest', 'ts-jest', 'vitest', 'mocha', 'chai', 'sinon', 'nyc', 'c8', 'supertest', 'eslint', 'prettier', '@biomejs/biome', 'nodemon', 'ts-node', 'ts-node-dev', 'husky', 'lint-staged']);
/** Scripts that run where the service is installed for production (`npm ci --omit=dev` runs the install hooks). */
const RUNTIME_SCRIPTS = ['start', 'prestart', 'poststart', 'preinstall', 'install', 'postinstall'];

function isDevTool(name: string): boolean {
  return DEV_TOOLS.has(name) || name.startsWith('@types/') || name.startsWith('@typescript-eslint/') || /^eslint-(?:plugin|config)-/.test(name);
}

/** An `exports` map with a `types` condition anywhere: the package ships declarations. */
function hasTypesCondition(exports: unknown): boolean {
  if (Array.isArray(exports)) return exports.some(hasTypesCondition);
  if (!exports || typeof exports !== 'object') return false;
  return Object.entries(exports).some(([key, value]) => key === 'types' || hasTypesCondition(value));
}

/** Frameworks that build the app into its own output for production: their apps ship the build, not node_modules as declared. */
const BUNDLING_FRAMEWORKS = ['next', 'nuxt', '@sveltejs/kit', 'astro', '@remix-run/dev', '@react-router/dev', '@angular/core', 'gatsby'];

/** Servers a package runs beside a framework's build (a Nest backend that also renders a Next.js frontend): its node_modules ship. */
const SERVERS = ['express', 'fastify', 'koa', 'hono', '@nestjs/core', '@hapi/hapi'];

/** The command a package's binary is run by: `typescript` → `tsc`. */
const BINARIES: Record<string, string> = { typescript: 'tsc', 'ts-node': 'ts-node', nodemon: 'nodemon', 'ts-node-dev': 'ts-node-dev', husky: 'husky' };

export default defineRule({
  id: 'pkg/dev-deps-placement',
  title: 'Build and test tools are devDependencies',
  category: 'performance',
  severity: 'warning',
  rationale:
    'Everything in `dependencies` is installed in production (`npm ci --omit=dev` keeps it): TypeScript, test runners, linters and type packages add tens of megabytes to the image, slow every deploy and cold start, and widen the attack surface with code that never runs in production. Apps a framework builds into its own output (Next.js, Nuxt, SvelteKit, Astro, Remix and React Router, Angular, Gatsby) ship that output, so they are not judged, unless the package also runs a server of its own (express, Nest, …).',
  fix: 'Move the tool to devDependencies (`npm i -D <name>`), build before the production install (multi-stage Dockerfile), and start the service from the built output.',
  appliesTo: ['package-json'],
  messages: {
    devTool: (d: { name: string; others?: number }) =>
      d.others
        ? `${d.name} and ${d.others} other type package${d.others > 1 ? 's' : ''} (@types/*) are listed in dependencies, so production installs ship them: move them to devDependencies`
        : `${d.name} is a build/test tool listed in dependencies, so production installs ship it: move it to devDependencies (\`npm i -D ${d.name}\`)`,
  },
  check({ project, subject }) {
    for (const pkg of servicePackages(project)) {
      const names = Object.keys(pkg.dependencies);
      if (names.length === 0) continue;
      // What a bundling framework ships is its build output (Next.js traces the files it needs): placement changes
      // nothing that runs — unless the package also runs a server of its own, whose node_modules ship as declared.
      const bundled = BUNDLING_FRAMEWORKS.some((f) => f in pkg.dependencies || f in pkg.devDependencies) && !SERVERS.some((s) => s in pkg.dependencies);
      if (project.scope.package(pkg).role === 'static-site' || bundled) continue;
      const report = subject(pkg.file);
      const runtimeCommands = RUNTIME_SCRIPTS.map((s) => pkg.scripts[s] ?? '').join(' ');
      // A library that publishes types (`types`, `typings`, or a `types` condition in `exports`) needs the @types its declarations import.
      const json = pkg.json.value as Record<string, unknown>;
      const publishesTypes = !pkg.private && (['types', 'typings'].some((k) => json[k] !== undefined) || hasTypesCondition(json.exports));
      // A package whose own code loads the tool (a code generator importing `typescript`, an ESLint plugin) uses it at run time.
      const imported = project.serviceOf(pkg)?.packagesImported;
      const misplaced = names.filter((name) => {
        if (!isDevTool(name) || imported?.has(name)) return false;
        if (name.startsWith('@types/') && publishesTypes) return false;
        const binary = BINARIES[name] ?? name;
        return !new RegExp(`(?:^|[\\s/;&|(])${binary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|\\s)`).test(runtimeCommands); // used where production installs run
      });
      // Type packages are one problem however many there are: reported once, at the first.
      const types = misplaced.filter((name) => name.startsWith('@types/'));
      for (const name of misplaced.filter((n) => !n.startsWith('@types/'))) report.report('devTool', { name }, dependencyLoc(pkg, 'dependencies', name));
      const firstType = types[0];
      if (firstType) report.report('devTool', { name: firstType, others: types.length - 1 }, dependencyLoc(pkg, 'dependencies', firstType));
    }
  },
});
