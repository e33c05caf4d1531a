import { posix } from 'node:path';
import { runEnvAt, workdirAt } from '../../../src/model/stage-state.ts';
import { copyOf, type Dockerfile, lineage, type Stage, stageByRef } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { isNodeModulesPath } from '../_copy.ts';
import { isProjectInstall, type ManagerCommand, managerCommands, omitsDev, prodInstallCommands, pruneCommand } from '../_npm.ts';

/** What a stage's node_modules holds at its end, and which step put it there. */
interface Dependencies {
  prodOnly: boolean;
  /** The install that decided what node_modules holds. */
  install: ManagerCommand;
  /** Absolute directory holding node_modules in this stage. */
  dir: string;
  /** Where to report: the install command's name (`npm ci`), or the `--from` of the COPY that brought node_modules in. */
  at: Loc;
  /** The stage it was copied from, when it was. */
  copiedFrom?: string;
}

/**
 * Folders `pnpm deploy <dir>` fills in a stage's lineage, with what their node_modules hold: production
 * dependencies only with `--prod` (`-P`).
 */
function deployOutputs(dockerfile: Dockerfile, stage: Stage): Map<string, Omit<Dependencies, 'dir' | 'at'>> {
  const out = new Map<string, Omit<Dependencies, 'dir' | 'at'>>();
  for (const s of lineage(stage)) {
    for (const ins of s.instructions) {
      for (const c of managerCommands(ins)) {
        const target = c.manager === 'pnpm' && c.name === 'pnpm deploy' ? c.operands.at(-1)?.value : undefined;
        if (target === undefined) continue;
        const prodOnly = c.flags.some((f) => f.name === 'prod' || f.name === 'P' || f.name === 'production');
        out.set(posix.resolve(workdirAt(dockerfile, s, ins), target), { prodOnly, install: c });
      }
    }
  }
  return out;
}

/** node_modules of a stage: follows installs, prunes and COPY --from of earlier stages through its lineage. */
function dependenciesOf(dockerfile: Dockerfile, stage: Stage, visiting: Set<Stage>): Dependencies | undefined {
  visiting.add(stage);
  let deps: Dependencies | undefined;
  for (const s of lineage(stage)) {
    for (const ins of s.instructions) {
      for (const c of managerCommands(ins)) {
        const nodeEnv = runEnvAt(dockerfile, s, ins).get('NODE_ENV');
        // An install whose NODE_ENV comes from a build argument without a default may be either: not reported.
        if (isProjectInstall(c)) deps = { prodOnly: omitsDev(c, nodeEnv) ?? true, install: c, dir: workdirAt(dockerfile, s, ins), at: c.nameLoc };
        else if (c.action === 'prune' && deps && omitsDev(c, nodeEnv)) deps = { ...deps, prodOnly: true };
      }
      const copy = copyOf(ins);
      const from = copy?.from;
      const source = from?.value ? stageByRef(dockerfile, from.value) : undefined;
      const excludesModules = ins.flags.some((f) => f.name === 'exclude' && (f.value ?? '').includes('node_modules'));
      if (!copy || !from || !source || visiting.has(source) || excludesModules) continue;
      const copied = dependenciesOf(dockerfile, source, visiting);
      const target = posix.resolve(workdirAt(dockerfile, s, ins), copy.destination.value);
      // `COPY --from=build /prod/api/node_modules …` after `pnpm --prod deploy /prod/api`: that folder's install, not the stage's.
      const deployed = deployOutputs(dockerfile, source);
      const modules = copied && posix.join(copied.dir, 'node_modules');
      for (const word of copy.sources) {
        const path = posix.resolve('/', word.value);
        const output = deployed.get(path.replace(/\/node_modules$/, ''));
        const installed = output ?? copied;
        let dir: string | undefined;
        if (isNodeModulesPath(path)) dir = isNodeModulesPath(target) ? posix.dirname(target) : target;
        else if (output) dir = target;
        else if (modules && (path === '/' || modules.startsWith(`${path}/`))) dir = posix.dirname(posix.join(target, posix.relative(path, modules)));
        if (installed && dir !== undefined) deps = { ...installed, dir, at: from.loc, copiedFrom: from.value ?? undefined };
      }
    }
  }
  visiting.delete(stage);
  return deps;
}

export default defineRule({
  id: 'docker/prod-deps-only',
  title: 'The image holds only production dependencies',
  category: 'security',
  severity: 'warning',
  rationale:
    'devDependencies (compilers, test runners, linters, bundlers) often outweigh the app: they make the image several times larger, slower to pull and start on every node, and every one of them is attack surface and a source of vulnerability reports that have nothing to do with what runs. Build with them in a build stage; ship only what `npm ci --omit=dev` installs. A folder that `pnpm --prod deploy` wrote holds production dependencies only, whatever the stage installed before.',
  fix: 'Install with `npm ci --omit=dev` (`yarn install --production`, `yarn workspaces focus --all --production`, `pnpm install --prod`) in the final stage, or copy node_modules from a stage that did, or run `npm prune --omit=dev` after the build.',
  appliesTo: ['dockerfile'],
  messages: {
    devDependencies: (d: { command: string; alternatives: readonly string[]; prune?: string }) =>
      `\`${d.command}\` installs devDependencies into the final image: use ${d.alternatives.map((a) => `\`${a}\``).join(' or ')}${d.prune ? `, or prune them after the build (\`${d.prune}\`)` : ''}`,
    copiedDevDependencies: (d: { stage: string; command: string; alternatives: readonly string[]; prune?: string }) =>
      `this COPY brings node_modules from stage ${d.stage}, where \`${d.command}\` installed devDependencies too: copy it from a stage that runs ${d.alternatives.map((a) => `\`${a}\``).join(' or ')}${d.prune ? `, or prune the stage first (\`${d.prune}\`)` : ''}`,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      // An image that only serves built files (http-server, nginx) runs no Node.js service of the repository.
      if (project.scope.image(dockerfile).serves === 'static') continue;
      const deps = dependenciesOf(dockerfile, stage, new Set());
      if (!deps) continue;
      const report = subject(name);
      if (deps.prodOnly) continue;
      const facts = { command: deps.install.name, alternatives: prodInstallCommands(deps.install.manager), prune: pruneCommand(deps.install.manager) };
      if (deps.copiedFrom !== undefined) report.report('copiedDevDependencies', { ...facts, stage: deps.copiedFrom }, deps.at);
      else report.report('devDependencies', facts, deps.at);
    }
  },
});
