/**
 * What shipready knows about base images: which are Node images, and which HTTP tools they ship.
 */
import { type DockerInstruction, effectiveInstructions, type ImageRef, rootBase, runCommands, type Stage } from '../parsers/dockerfile.ts';
import { commandWords } from '../parsers/shell.ts';

/** Image repositories that are Node.js runtimes. */
const NODE_IMAGES = [/^node$/, /(?:^|\/)node$/, /^distroless\/nodejs\d*(?:-debian\d+)?$/, /^chainguard\/node$/, /^bitnami\/node$/, /^circleci\/node$/, /^cimg\/node$/];

export function isNodeImageRef(ref: ImageRef): boolean {
  return NODE_IMAGES.some((re) => re.test(ref.name));
}

/** Package-manager install commands in RUN instructions, as `{ manager, packages, instruction }`. */
export interface PackageInstall {
  manager: 'apk' | 'apt' | 'dnf' | 'yum' | 'microdnf';
  packages: string[];
  instruction: DockerInstruction;
}

export function packageInstalls(instructions: readonly DockerInstruction[]): PackageInstall[] {
  const out: PackageInstall[] = [];
  for (const ins of instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const cmd of runCommands(ins)) {
      const words = commandWords(cmd);
      const [tool, sub, ...rest] = words;
      let manager: PackageInstall['manager'] | undefined;
      if (tool === 'apk' && sub === 'add') manager = 'apk';
      else if ((tool === 'apt-get' || tool === 'apt') && sub === 'install') manager = 'apt';
      else if ((tool === 'dnf' || tool === 'yum' || tool === 'microdnf') && sub === 'install') manager = tool;
      if (!manager) continue;
      out.push({ manager, packages: rest.filter((w) => !w.startsWith('-')).map((w) => w.replace(/[=<>~].*$/, '')), instruction: ins });
    }
  }
  return out;
}

/** True when the stage's image runs Node.js: a Node base image, or a base that installs nodejs. */
export function isNodeStage(stage: Stage): boolean {
  const base = rootBase(stage);
  if (base.type === 'image' && isNodeImageRef(base.ref)) return true;
  return packageInstalls(effectiveInstructions(stage)).some((p) => p.packages.some((name) => name === 'nodejs' || name.startsWith('nodejs-') || name === 'nodejs-current'));
}

export type Availability = 'present' | 'absent' | 'unknown';

/** Whether `curl`/`wget` exist in the stage's image: from the base image's family and what RUNs install. */
export function httpToolIn(stage: Stage, tool: 'curl' | 'wget'): Availability {
  const installs = packageInstalls(effectiveInstructions(stage));
  if (installs.some((p) => p.packages.includes(tool))) return 'present';
  const base = rootBase(stage);
  if (base.type === 'scratch') return 'absent';
  if (base.type !== 'image') return 'unknown';
  const { name, tag = 'latest' } = base.ref;
  if (name.startsWith('distroless/') || name.startsWith('chainguard/')) return 'absent';
  const alpine = /(?:^|-)alpine/.test(tag) || name === 'alpine';
  if (alpine) return tool === 'wget' ? 'present' : 'absent'; // busybox has wget, not curl
  if (/(?:^|-)slim(?:$|-)/.test(tag) || /-slim$/.test(name)) return 'absent';
  if (name === 'node' || name === 'debian' || name === 'ubuntu' || name === 'buildpack-deps') {
    // The full node images build on buildpack-deps, which has curl and wget; bare debian/ubuntu have neither.
    if (name === 'node') return 'present';
    return name === 'buildpack-deps' ? 'present' : 'absent';
  }
  return 'unknown';
}
