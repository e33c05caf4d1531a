import type { ImageBuild } from '../../../src/model/image-builds.ts';
import { nodeImageVersion } from '../../../src/model/images.ts';
import { supportedLtsLines } from '../../../src/model/node-lines.ts';
import { type Dockerfile, type ImageRef, parseImageRef, type Stage, substitute, variablesIn } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';

/**
 * The base images a stage is built FROM where it ships. A FROM that names build arguments is resolved with the
 * values the repository's CI builds of the Dockerfile pass (`build-args: BASE_IMAGE=acme/base@${{ steps.base.outputs.digest }}`)
 * when every such build passes one; a value CI computes (`${{ … }}`) is not known, unless it ends in a digest.
 * Otherwise the defaults of the ARGs decide.
 */
function basesOf(dockerfile: Dockerfile, stage: Stage, builds: readonly ImageBuild[]): ImageRef[] {
  if (stage.base.type !== 'image') return [];
  const names = variablesIn(stage.fromImageText);
  const overriding = builds.filter((b) => names.some((n) => b.buildArgs.has(n)));
  if (names.length === 0 || overriding.length === 0 || overriding.length < builds.length) return [stage.base.ref];
  const defaults = new Map(dockerfile.globalArgs.map((a) => [a.key, a.value]));
  return overriding.flatMap((build) => {
    const resolved = substitute(stage.fromImageText, new Map([...defaults, ...build.buildArgs]));
    if (resolved === null || /@(?:sha256:|\$\{\{)/.test(resolved) || resolved.includes('${{')) return [];
    return [parseImageRef(resolved)];
  });
}

export default defineRule({
  id: 'docker/base-image-pinned',
  title: 'Every base image is pinned to an explicit version tag',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'An untagged or `:latest` base image is whatever the registry serves on the day of the build: two builds of the same commit can ship different operating systems, libraries or Node.js majors, a rebuild to fix an unrelated bug can bring a breaking upgrade, and a rollback does not roll the base back. Node\'s aliases (`lts`, `current`, `alpine`, `slim`) move to a new major the day it is released. A FROM chosen by a build argument is judged with the value the repository\'s CI builds pass (a digest CI pins counts), else with the argument\'s default.',
  fix: 'Give every FROM a version tag (`node:22-alpine`, `node:22.11.0-bookworm-slim`) and let a bot such as Dependabot or Renovate propose upgrades; pin a digest (`node:22-alpine@sha256:…`) for fully reproducible builds.',
  appliesTo: ['dockerfile'],
  messages: {
    untagged: (d: { image: string }) =>
      `FROM ${d.image} has no tag, so it means :latest and each build may pull a different image: pin a version tag (or a digest)`,
    latest: (d: { image: string }) => `FROM ${d.image} uses the moving :latest tag: pin a version tag (or a digest)`,
    floatingNode: (d: { image: string; pinned: string }) =>
      `FROM ${d.image} follows a new Node.js major when one is released: pin the major, e.g. \`${d.pinned}\``,
  },
  check({ project, subject, now }) {
    const major = supportedLtsLines(now).at(-1)?.major ?? '<major>';
    for (const dockerfile of project.builtImages) {
      if (dockerfile.stages.length === 0) continue;
      const report = subject(dockerfile.file);
      const builds = project.imageBuilds.filter((b) => b.ci && b.dockerfile === dockerfile.file);
      for (const stage of dockerfile.stages) {
        // a stage, scratch, or an image chosen at build time have no tag of their own
        const reported = new Set<string>();
        for (const ref of basesOf(dockerfile, stage, builds)) {
          const image = ref.raw;
          if (ref.digest || reported.has(image)) continue;
          reported.add(image);
          const version = ref.name === 'node' ? nodeImageVersion(ref) : undefined;
          if (!ref.tag) report.report('untagged', { image }, stage.fromImageLoc);
          else if (ref.tag === 'latest') report.report('latest', { image }, stage.fromImageLoc);
          else if (version && 'alias' in version) {
            const variant = ref.tag.replace(/^(?:lts|current)(?=-|$)/, '').replace(/^(?=[^-])/, '-');
            report.report('floatingNode', { image, pinned: `node:${major}${variant}` }, stage.fromImageLoc);
          }
        }
      }
    }
  },
});
