import { basename, dirname } from '../../../src/model/project.ts';
import { defineRule } from '../../../src/rule.ts';
import { isProjectInstall, managerCommands } from '../_npm.ts';

const NPM_LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

export default defineRule({
  id: 'docker/npm-ci',
  title: 'Images install npm dependencies with npm ci',
  category: 'reliability',
  severity: 'warning',
  rationale:
    '`npm install` treats package-lock.json as a hint: it may resolve newer versions within the ranges of package.json and rewrite the lockfile, so two builds of the same commit can ship different dependencies, and a bad release published between them reaches production untested. `npm ci` installs exactly what the lockfile says, fails when it disagrees with package.json, and starts from an empty node_modules.',
  fix: 'Copy package-lock.json (or npm-shrinkwrap.json) into the image before installing and replace `npm install` with `npm ci` (`npm ci --omit=dev` in the final stage).',
  appliesTo: ['dockerfile', 'lockfile'],
  messages: {
    lockfileIgnored: (d: { command: string; lockfile: string }) =>
      `\`${d.command}\` may resolve other versions than ${d.lockfile} pins: use \`npm ci\` (with ${d.lockfile} copied into the image before it)`,
  },
  check({ project, subject }) {
    for (const dockerfile of project.builtImages) {
      const lockfile = project.lockfilesFor(dirname(dockerfile.file)).find((f) => NPM_LOCKFILES.has(basename(f.path)));
      if (!lockfile) continue;
      const installs = dockerfile.stages
        .flatMap((stage) => stage.instructions.flatMap(managerCommands))
        .filter((c) => c.manager === 'npm' && isProjectInstall(c));
      if (installs.length === 0) continue;
      const report = subject(dockerfile.file);
      for (const c of installs) {
        if (c.action === 'install') report.report('lockfileIgnored', { command: c.name, lockfile: basename(lockfile.path) }, c.nameLoc);
      }
    }
  },
});
