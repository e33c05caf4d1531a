import { posix } from 'node:path';
import { ancestors, basename, dirname, joinPath, type Project } from '../../../src/model/project.ts';
import { workdirAt } from '../../../src/model/stage-state.ts';
import { copyOf, type Dockerfile, lineage, type Stage, stageByRef } from '../../../src/parsers/dockerfile.ts';
import type { DockerIgnore } from '../../../src/parsers/dockerignore.ts';
import { defineRule } from '../../../src/rule.ts';
import { isWholeContext } from '../_copy.ts';

/**
 * What a whole-context copy must leave out, and the paths that prove a pattern does. The repository's .git folder
 * is only in a context at the repository root (`atRootOnly`).
 */
const REQUIRED = [
  // `.env*`: these and the env files the context holds (see check()).
  { pattern: '.env*', paths: ['.env', '.env.production'], atRootOnly: false },
  { pattern: 'node_modules', paths: ['node_modules'], atRootOnly: false },
  { pattern: '.git', paths: ['.git'], atRootOnly: true },
] as const;

/** True when the build context may be the repository root: a plain .dockerignore sits at its context's root; a `<Dockerfile>.dockerignore` does not say. */
function contextMayBeRoot(ignore: DockerIgnore): boolean {
  return basename(ignore.file) !== '.dockerignore' || dirname(ignore.file) === '';
}

const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * The .dockerignore a build of this Dockerfile uses: `<Dockerfile name>.dockerignore` beside it, else the
 * nearest .dockerignore in its folder or above (a Dockerfile in `docker/` is usually built with the root as context).
 */
function ignoreFileFor(project: Project, dockerfile: Dockerfile): DockerIgnore | undefined {
  const dir = dirname(dockerfile.file);
  const own = joinPath(dir, `${basename(dockerfile.file)}.dockerignore`);
  const specific = project.dockerignores.find((d) => d.file === own);
  if (specific) return specific;
  for (const contextDir of ancestors(dir)) {
    const found = project.dockerignoreFor(contextDir);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether what a stage copied from the context (into `contextDest`, an absolute folder) can be in the image a target
 * stage makes: the stage is the target or one it is built FROM, or the target (or its lineage) copies from that stage
 * a folder that holds the copy (`COPY --from=build /app ./`). A build stage whose output the final stage takes as
 * artifacts only (`COPY --from=build /app/dist ./dist`, or a folder the build wrote elsewhere) ships no `.env` or
 * `.git` from the context.
 */
function reachesImage(dockerfile: Dockerfile, stage: Stage, contextDest: string, target: Stage): boolean {
  const chain = lineage(target);
  if (chain.includes(stage)) return true;
  return chain.some((s) =>
    s.instructions.some((ins) => {
      const copy = copyOf(ins);
      const from = copy?.from?.value ? stageByRef(dockerfile, copy.from.value) : undefined;
      if (!copy || !from || !lineage(from).includes(stage)) return false;
      // COPY --from reads its sources from the root of the other stage.
      return copy.sources.some(({ value }) => {
        const path = posix.resolve('/', value);
        return path === '/' || contextDest === path || contextDest.startsWith(`${path}/`);
      });
    }),
  );
}

export default defineRule({
  id: 'docker/dockerignore',
  title: 'Copying the whole build context leaves out .env files, node_modules and .git',
  category: 'security',
  severity: 'error',
  rationale:
    '`COPY . .` copies everything the build context holds unless .dockerignore leaves it out: local `.env` files with real credentials end up in an image layer anyone who can pull the image can read, host node_modules overwrite the clean install with modules built for another platform, and .git ships the full history (including secrets removed from the code long ago) while busting the layer cache on every commit. A copy into a build stage whose output the final image takes only as artifacts (`COPY --from=build /app/dist ./dist`) does not ship the context, and is not reported.',
  fix: 'Add a .dockerignore beside the Dockerfile with at least `.env*`, `node_modules` and `.git` (re-include templates with `!.env.example`), or copy only what the build needs (`COPY package*.json ./`, `COPY src ./src`).',
  appliesTo: ['dockerfile', 'dockerignore'],
  messages: {
    missingIgnore: (d: { instruction: string; source: string }) =>
      `\`${d.instruction} ${d.source}\` copies the whole build context and no .dockerignore applies, so .env files, node_modules and .git go into the image: add a .dockerignore with ${list(REQUIRED.map((r) => r.pattern))}`,
    incomplete: (d: { instruction: string; source: string; ignoreFile: string; missing: string[] }) =>
      `\`${d.instruction} ${d.source}\` copies the whole build context and ${d.ignoreFile} does not exclude ${list(d.missing)}: add ${d.missing.length === 1 ? 'it' : 'them'} to ${d.ignoreFile}`,
  },
  check({ project, subject }) {
    for (const dockerfile of project.builtImages) {
      // The stages that make the image: the runtime stages, or a build-only image's final stage.
      const runtime = project.scope.runtimeStages(dockerfile);
      const targets = runtime.length > 0 ? runtime : dockerfile.finalStage ? [dockerfile.finalStage] : [];
      const first = dockerfile.stages
        .flatMap((stage) => stage.instructions.map((ins) => ({ ins, stage })))
        .flatMap(({ ins, stage }) => {
          const copy = copyOf(ins);
          if (!copy || copy.from) return [];
          const dest = posix.resolve(workdirAt(dockerfile, stage, ins), copy.destination.value);
          return copy.sources.filter((w) => isWholeContext(w.value)).map((source) => ({ ins, source, stage, dest }));
        })
        .find(({ stage, dest }) => targets.some((target) => reachesImage(dockerfile, stage, dest, target)));
      if (!first) continue;
      const report = subject(dockerfile.file);
      const facts = { instruction: first.ins.keyword, source: first.source.value };
      const ignore = ignoreFileFor(project, dockerfile);
      if (!ignore) {
        report.report('missingIgnore', facts, first.source.loc);
        continue;
      }
      const atRoot = contextMayBeRoot(ignore);
      // The env files to keep out: `.env` and `.env.production` (a developer's, ignored by git but in the context of a
      // local build), and every other env file of the context that is not a template (`config/.env.production`).
      const context = basename(ignore.file) === '.dockerignore' ? dirname(ignore.file) : '';
      const inContext = (path: string) => context === '' || path.startsWith(`${context}/`);
      const present = project.envFiles.filter((e) => !e.documentation && inContext(e.file)).map((e) => (context === '' ? e.file : e.file.slice(context.length + 1)));
      const missing = REQUIRED.filter((r) => (atRoot || !r.atRootOnly) && !(r.pattern === '.env*' ? [...r.paths, ...present] : r.paths).every((p) => ignore.excludes(p))).map((r) =>
        // An env file in a subfolder that `.env*` leaves in: the pattern that reaches it.
        r.pattern === '.env*' && r.paths.every((p) => ignore.excludes(p)) ? '**/.env*' : r.pattern,
      );
      if (missing.length > 0) report.report('incomplete', { ...facts, ignoreFile: ignore.file, missing }, first.source.loc);
    }
  },
});
