import { nodeImageVersion } from '../../../src/model/images.ts';
import { rootBase, type Stage } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';
import { deprecatedProductionFlags, managerCommands } from '../_npm.ts';

/** npm 7, the first with `--omit`, ships with Node.js 15. */
const FIRST_NODE_WITH_NPM_7 = 15;

/** True unless the stage's Node base image is known to ship npm 6 or older. */
function hasModernNpm(stage: Stage): boolean {
  const base = rootBase(stage);
  const version = base.type === 'image' ? nodeImageVersion(base.ref) : undefined;
  return !version || !('major' in version) || version.major >= FIRST_NODE_WITH_NPM_7;
}

export default defineRule({
  id: 'docker/deprecated-npm-flag',
  title: 'npm commands skip devDependencies with --omit=dev',
  category: 'operations',
  severity: 'warning',
  rationale:
    'Since npm 7 `--only=production` and `--production` are deprecated aliases: npm prints a warning on every build and their meaning has already shifted between versions (`--production` was ignored by `npm ci` in some npm 7 releases and installed devDependencies). `--omit=dev` is the documented flag and also works with `npm prune` and `npm ls`.',
  fix: 'Replace `--only=production`, `--only=prod` and `--production` with `--omit=dev`: `RUN npm ci --omit=dev`.',
  appliesTo: ['dockerfile'],
  messages: {
    deprecated: (d: { flag: string; command: string }) =>
      `\`${d.command} ${d.flag}\` uses a flag npm 7 and later deprecate: write \`${d.command} --omit=dev\``,
  },
  check({ project, subject }) {
    for (const dockerfile of project.builtImages) {
      const commands = dockerfile.stages.flatMap((stage) => stage.instructions.flatMap((ins) => managerCommands(ins).map((c) => ({ stage, c }))));
      const npm = commands.filter(({ c }) => c.manager === 'npm' && c.action !== 'other');
      if (npm.length === 0) continue;
      const report = subject(dockerfile.file);
      for (const { stage, c } of npm) {
        if (!hasModernNpm(stage)) continue;
        for (const flag of deprecatedProductionFlags(c)) report.report('deprecated', { flag: flag.word.value, command: c.name }, flag.word.loc);
      }
    }
  },
});
