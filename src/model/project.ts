/**
 * The Project: every parsed artifact plus the links between them. Rules read only this;
 * no rule re-reads or re-parses a file.
 */
import type { Dockerfile } from '../parsers/dockerfile.ts';
import type { DockerIgnore } from '../parsers/dockerignore.ts';
import type { ArtifactKind, Loc, SourceFile } from '../types.ts';

/**
 * Something that runs an image: a Kubernetes workload's container or a compose service.
 * Filled by the manifest parsers; rules about images ask `deploymentsOf(dockerfile)`.
 */
export interface Deployment {
  platform: 'kubernetes' | 'compose';
  /** `Deployment/api` container `web`, or compose service `api`. */
  name: string;
  loc: Loc;
  /** The Dockerfile that builds its image, when the link is known. */
  dockerfile?: Dockerfile;
  /** Whether it defines its own health check (probe, compose healthcheck), disables it, or neither. */
  healthcheck: 'defined' | 'disabled' | 'none';
  /** Environment it sets for the process (literal values; null for values from secrets/references). */
  env: ReadonlyMap<string, { value: string | null; loc: Loc }>;
}

export interface Project {
  /** Absolute path of the scanned root. */
  root: string;
  files: readonly SourceFile[];
  /** Files by relative path. */
  file(path: string): SourceFile | undefined;
  /** Relative paths of every discovered file of a kind. */
  filesOf(kind: ArtifactKind): readonly SourceFile[];
  /** True when the path (relative) exists among discovered files. */
  has(path: string): boolean;
  dockerfiles: readonly Dockerfile[];
  dockerignores: readonly DockerIgnore[];
  deployments: readonly Deployment[];
  /** What runs the image this Dockerfile builds. Empty when nothing in the repository is known to. */
  deploymentsOf(dockerfile: Dockerfile): readonly Deployment[];
  /** The .dockerignore that applies to a build whose context is `dir` (relative; '' for the root). */
  dockerignoreFor(contextDir: string): DockerIgnore | undefined;
  /** Lockfiles in `dir` or any ancestor of it up to the root. */
  lockfilesFor(dir: string): readonly SourceFile[];
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** `dir` and its ancestors up to the root (''), nearest first. */
export function ancestors(dir: string): string[] {
  const out: string[] = [dir];
  let d = dir;
  while (d !== '') {
    d = dirname(d);
    out.push(d);
  }
  return out;
}

export interface ProjectParts {
  root: string;
  files: readonly SourceFile[];
  dockerfiles: readonly Dockerfile[];
  dockerignores: readonly DockerIgnore[];
  deployments: readonly Deployment[];
}

export function makeProject(parts: ProjectParts): Project {
  const byPath = new Map(parts.files.map((f) => [f.path, f]));
  const byKind = new Map<ArtifactKind, SourceFile[]>();
  for (const f of parts.files) {
    const list = byKind.get(f.kind) ?? [];
    list.push(f);
    byKind.set(f.kind, list);
  }
  const ignoreByDir = new Map(parts.dockerignores.map((d) => [dirname(d.file), d]));
  return {
    root: parts.root,
    files: parts.files,
    file: (path) => byPath.get(path),
    filesOf: (kind) => byKind.get(kind) ?? [],
    has: (path) => byPath.has(path),
    dockerfiles: parts.dockerfiles,
    dockerignores: parts.dockerignores,
    deployments: parts.deployments,
    deploymentsOf: (dockerfile) => parts.deployments.filter((d) => d.dockerfile === dockerfile),
    dockerignoreFor: (contextDir) => ignoreByDir.get(contextDir),
    lockfilesFor: (dir) => {
      const dirs = new Set(ancestors(dir));
      return (byKind.get('lockfile') ?? []).filter((f) => dirs.has(dirname(f.path)));
    },
  };
}
