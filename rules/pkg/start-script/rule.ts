import { PLATFORM_CONFIG } from '../../../src/classify.ts';
import { containerCalls } from '../../../src/model/commands.ts';
import { runsThrough } from '../../../src/model/package-commands.ts';
import { basename, dirname, type Project, type RuntimeStage } from '../../../src/model/project.ts';
import { INSPECT_FLAG } from '../../../src/model/settings.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { defineRule } from '../../../src/rule.ts';
import { shippedPackages } from '../_shared.ts';

/** Development runners, as they appear in a command line. */
const DEV_RUNNERS: { tool: string; pattern: RegExp }[] = [
  { tool: 'nodemon', pattern: /(?:^|[\s/;&|(])nodemon(?:$|\s)/ },
  { tool: 'ts-node-dev', pattern: /(?:^|[\s/;&|(])(?:ts-node-dev|tsnd)(?:$|\s)/ },
  { tool: 'ts-node', pattern: /(?:^|[\s/;&|(])ts-node(?:-esm)?(?:$|\s)|--(?:loader|import|require)[= ]ts-node/ },
  { tool: 'tsx watch', pattern: /(?:^|[\s/;&|(])tsx\s+(?:\S+\s+)*?(?:watch|--watch)(?:$|\s)/ },
  { tool: 'node --watch', pattern: /(?:^|[\s/;&|(])node\s+(?:\S+\s+)*?--watch(?:-path(?:=\S+)?)?(?:$|\s)/ },
  { tool: 'babel-node', pattern: /(?:^|[\s/;&|(])babel-node(?:$|\s)/ },
  // `nx serve` runs the @nx/js:node executor, which rebuilds and restarts on every file change (watch is on by default).
  { tool: 'nx serve', pattern: /(?:^|[\s/;&|(])nx\s+serve(?:$|\s)/ },
  { tool: 'nest start --watch', pattern: /(?:^|[\s/;&|(])nest\s+start\s+(?:\S+\s+)*?--(?:watch|debug)(?:$|\s|=)/ },
];

/**
 * Whether production runs the package's start script: yes unless the package has runtime images and none of
 * them starts with `npm start` (or `yarn start`, `pnpm start`, through the scripts it runs) — then `start` is a
 * developer's command and the image's CMD is what runs.
 */
function runsStart(stages: readonly RuntimeStage[], owner: (s: RuntimeStage) => PackageJson | undefined): boolean {
  return stages.some((r) => containerCalls(r.stage).some((call) => runsThrough(call.program.map((w) => w.value), owner(r), (c) => c.type !== 'program' && c.name === 'start')));
}

/**
 * Whether a package without an image of its own may have its start script run in production: a platform that runs
 * `npm start` (Procfile, app.json, Railway, Nixpacks) may run it, and so may a repository without images. Where the
 * repository's images all start their own commands (an s6 or supervisor init, `node dist/index.js`), `start` is a
 * developer's command. Asked once per run.
 */
function startMayRunWithoutImage(project: Project): boolean {
  if (project.runtimeStages.length === 0 || project.files.some((f) => PLATFORM_CONFIG.has(basename(f.path).toLowerCase()) || NPM_START_PLATFORMS.test(basename(f.path)))) return true;
  return runsStart(project.runtimeStages, (r) => project.packageFor(dirname(r.dockerfile.file)));
}

function startRunsInProduction(project: Project, pkg: PackageJson, withoutImage: () => boolean): boolean {
  const images = project.runtimeStagesOwnedBy(pkg);
  return images.length > 0 ? runsStart(images, () => pkg) : withoutImage();
}

/** More platforms whose builds run `npm start` by default: Render blueprints, App Engine, Elastic Beanstalk. */
const NPM_START_PLATFORMS = /^(?:render\.ya?ml|app\.ya?ml|Dockerrun\.aws\.json)$/;

export default defineRule({
  id: 'pkg/start-script',
  title: 'The start script runs the app as production runs it',
  category: 'reliability',
  severity: 'error',
  rationale:
    'Platforms, `npm start`-based images and process managers run `scripts.start` in production (when the package has an image whose CMD starts something else, that command is what runs, and `start` is a developer\'s). A start script that runs nodemon, ts-node or a watch mode restarts on file changes, compiles TypeScript in memory at every boot (slow starts, a larger heap, dev dependencies required at runtime), and one with `--inspect` opens a debugger that lets anyone who reaches the port run code in the process.',
  fix: 'Make `start` run the built output with node (`"start": "node dist/server.js"`) and move the development command to `dev` (`"dev": "tsx watch src/server.ts"`).',
  appliesTo: ['package-json'],
  messages: {
    devRunner: (d: { tool: string }) => `the start script runs ${d.tool}, a development runner: make start run the built output with node (\`node dist/server.js\`) and move this command to a \`dev\` script`,
    inspect: () => 'the start script opens the Node.js inspector (--inspect), which lets anyone who reaches its port run code in the process: remove the flag from start and keep it in a `debug` script',
  },
  check({ project, subject }) {
    let withoutImage: boolean | undefined;
    const mayRun = () => (withoutImage ??= startMayRunWithoutImage(project));
    for (const pkg of shippedPackages(project)) {
      const script = pkg.scripts.start;
      if (script === undefined || !startRunsInProduction(project, pkg, mayRun)) continue;
      const report = subject(pkg.file);
      const at = pkg.at('/scripts/start');
      const runner = DEV_RUNNERS.find((r) => r.pattern.test(script));
      if (runner) report.report('devRunner', { tool: runner.tool }, at);
      if (INSPECT_FLAG.test(script)) report.report('inspect', undefined, at);
    }
  },
});
