import { copyOf } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';
import { isNodeModulesPath } from '../_copy.ts';

export default defineRule({
  id: 'docker/no-host-node-modules',
  title: 'node_modules is installed in the image, never copied from the build context',
  category: 'reliability',
  severity: 'error',
  rationale:
    "Copying node_modules from the build context ships whatever happens to be on the build machine: devDependencies, packages missing from or newer than the lockfile, and native addons (bcrypt, sharp, sqlite3) compiled for the host's OS, libc and CPU, which crash on alpine or arm64. It also overwrites the clean install a previous RUN made, so the lockfile no longer describes the image.",
  fix: 'Delete the COPY of node_modules, add `node_modules` to .dockerignore, and install inside the image (`RUN npm ci --omit=dev`) or copy node_modules from a build stage (`COPY --from=build /app/node_modules ./node_modules`).',
  appliesTo: ['dockerfile'],
  messages: {
    hostNodeModules: (d: { source: string }) =>
      `${d.source} is copied from the build context, so the image gets the build machine's modules (devDependencies, native addons built for another platform): remove this copy and run \`npm ci --omit=dev\` in the image or copy node_modules from a build stage`,
  },
  check({ project, subject }) {
    for (const dockerfile of project.builtImages) {
      if (dockerfile.stages.length === 0) continue;
      const report = subject(dockerfile.file);
      for (const ins of dockerfile.stages.flatMap((s) => s.instructions)) {
        const copy = copyOf(ins);
        if (!copy || copy.from) continue;
        for (const source of copy.sources) {
          if (isNodeModulesPath(source.value)) report.report('hostNodeModules', { source: source.value }, source.loc);
        }
      }
    }
  },
});
