/**
 * Which Dockerfile builds the image a deployment runs. A compose `build` links directly; otherwise config
 * `images` (image name → Dockerfile path) decides; otherwise an image whose last path segment (tag and
 * digest removed) equals a package.json `name` or the name of the folder holding a Dockerfile is linked to
 * that Dockerfile, and a Notice says which link was assumed. No link is better than a wrong one: when the
 * guess is ambiguous nothing is linked.
 */
import { basename as baseOfPath } from 'node:path';
import { type ComposeFile, type ComposeService, parseCompose, resolveExtends } from '../parsers/compose.ts';
import { type Dockerfile, parseImageRef, type Stage } from '../parsers/dockerfile.ts';
import type { ParsedEnv } from '../parsers/env.ts';
import { type Container, emptyManifests, type K8sManifests, linkK8s, parseK8s, parseKustomization } from '../parsers/k8s.ts';
import type { PackageJson } from '../parsers/package-json.ts';
import { YamlFile } from '../parsers/yaml-view.ts';
import type { Loc, Notice, SourceFile } from '../types.ts';
import type { ParsedYaml } from './build.ts';
import type { ImageBuild } from './image-builds.ts';
import type { Scope } from './scope.ts';
import { basename, type Deployment, dirname } from './project.ts';
import { isNodeImageRef, isNodeStage } from './images.ts';
import { isReference } from './secrets.ts';
import { groupBy, indexBy } from './index-by.ts';

/** An image reference we can read: no template or variable left in it. */
export function isLiteralImage(image: string): boolean {
  return image.trim() !== '' && !/[$}{]/.test(image);
}

/** `ghcr.io/acme/api:1.2@sha256:…` → `ghcr.io/acme/api`. */
function repositoryOf(image: string): { full: string; name: string; tag?: string } {
  const ref = parseImageRef(image.trim());
  const registry = ref.registry && !/^(?:index\.)?docker\.io$/.test(ref.registry) ? ref.registry : undefined;
  return { full: registry ? `${registry}/${ref.name}` : ref.name, name: ref.name, ...(ref.tag ? { tag: ref.tag } : {}) };
}

/**
 * The literal part of a tag a build gives its image: the whole name, or its repository when only the tag is an
 * expression (`ghcr.io/acme/api:${{ github.sha }}`); undefined when the repository itself is an expression.
 */
function taggedName(tag: string): { full: string; tag?: string } | undefined {
  const at = tag.search(/\$/);
  if (at === -1) return repositoryOf(tag);
  const literal = tag.slice(0, at);
  if (!literal.endsWith(':') || literal.length < 2) return undefined;
  return { full: repositoryOf(literal.slice(0, -1)).full };
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1).toLowerCase();
}

/** Among several Dockerfiles of one folder, the production one: plain `Dockerfile`/`Containerfile`. */
function preferred(candidates: readonly Dockerfile[]): Dockerfile | undefined {
  const unique = [...new Set(candidates)];
  if (unique.length === 1) return unique[0];
  const dirs = new Set(unique.map((d) => dirname(d.file)));
  if (dirs.size !== 1) return undefined;
  const plain = unique.filter((d) => /^(?:dockerfile|containerfile)$/i.test(basename(d.file)));
  return plain.length === 1 ? plain[0] : undefined;
}

export class ImageLinker {
  readonly notices: Notice[] = [];
  private readonly byPath: Map<string, Dockerfile>;
  /** Dockerfiles by folder, by their folder's name (the root's: the checkout's), and packages by their name's last segment. */
  private readonly dockerfilesByDir: Map<string, Dockerfile[]>;
  private readonly dockerfilesByFolderName: Map<string, Dockerfile[]>;
  private readonly packagesBySegment: Map<string | undefined, PackageJson[]>;
  private readonly cache = new Map<string, Dockerfile | undefined>();
  /** Dockerfiles by the names builds tag their images with: `repo:tag`, or the repository alone when the tag is computed. */
  private readonly builtAs = new Map<string, Set<Dockerfile>>();

  constructor(
    private readonly root: string,
    private readonly dockerfiles: readonly Dockerfile[],
    packages: readonly PackageJson[],
    private readonly configured: Readonly<Record<string, string>>,
    builds: readonly ImageBuild[] = [],
  ) {
    this.byPath = new Map(dockerfiles.map((d) => [d.file, d]));
    for (const build of builds) {
      const dockerfile = this.byPath.get(build.dockerfile);
      if (!dockerfile) continue;
      for (const tag of build.tags) {
        const name = taggedName(tag);
        if (!name) continue;
        // A tag CI computes (`:${{ github.sha }}`) may be any tag: the repository alone is the key.
        const key = tag.includes('$') ? name.full : `${name.full}:${name.tag ?? 'latest'}`;
        const set = this.builtAs.get(key) ?? new Set();
        set.add(dockerfile);
        this.builtAs.set(key, set);
      }
    }
    this.dockerfilesByDir = groupBy(dockerfiles, (d) => dirname(d.file));
    this.packagesBySegment = groupBy(packages, (p) => (p.name ? lastSegment(p.name) : undefined));
    this.dockerfilesByFolderName = groupBy(dockerfiles, (d) => {
      const dir = dirname(d.file);
      return (dir === '' ? baseOfPath(root) : basename(dir)).toLowerCase();
    });
  }

  /** The Dockerfile a compose `build` names (a path relative to the root). */
  forBuild(path: string | undefined): Dockerfile | undefined {
    return path === undefined ? undefined : this.byPath.get(path);
  }

  /** The Dockerfile that builds `image`, from config or an assumption stated as a Notice. */
  forImage(image: string, usedIn: string): Dockerfile | undefined {
    if (!isLiteralImage(image) || this.dockerfiles.length === 0) return undefined;
    const repo = repositoryOf(image);
    const key = repo.tag ? `${repo.full}:${repo.tag}` : repo.full;
    if (this.cache.has(key)) return this.cache.get(key);
    const found = this.configuredFor(repo, usedIn) ?? this.builtFor(repo) ?? this.assumedFor(repo, usedIn);
    this.cache.set(key, found);
    return found;
  }

  /** The Dockerfile a build of the repository tags with this name (`-t acme/base:2`), or with its repository and a computed tag. */
  private builtFor(repo: { full: string; tag?: string }): Dockerfile | undefined {
    const set = this.builtAs.get(`${repo.full}:${repo.tag ?? 'latest'}`) ?? this.builtAs.get(repo.full);
    return set?.size === 1 ? [...set][0] : undefined;
  }

  private configuredFor(repo: { full: string; name: string }, usedIn: string): Dockerfile | undefined {
    for (const [key, path] of Object.entries(this.configured)) {
      const k = repositoryOf(key);
      const matches = k.full === repo.full || k.full === repo.name || (!key.includes('/') && k.name === lastSegment(repo.name));
      if (!matches) continue;
      const dockerfile = this.byPath.get(path.replace(/^\.\//, ''));
      if (!dockerfile) this.notices.push({ file: usedIn, message: `config \`images\` maps ${key} to ${path}, which is not a Dockerfile shipready found: the image is not linked` });
      return dockerfile;
    }
    return undefined;
  }

  private assumedFor(repo: { full: string; name: string }, usedIn: string): Dockerfile | undefined {
    const segment = lastSegment(repo.name);
    const candidates: Dockerfile[] = [];
    const reasons = new Set<string>();
    for (const pkg of this.packagesBySegment.get(segment) ?? []) {
      const inDir = this.dockerfilesByDir.get(pkg.dir) ?? [];
      if (inDir.length > 0) reasons.add(`package ${pkg.name}`);
      candidates.push(...inDir);
    }
    for (const d of this.dockerfilesByFolderName.get(segment) ?? []) {
      const dir = dirname(d.file);
      candidates.push(d);
      reasons.add(`folder ${dir === '' ? baseOfPath(this.root) : dir}`);
    }
    const dockerfile = preferred(candidates);
    if (dockerfile) {
      this.notices.push({
        file: usedIn,
        message: `assumed image ${repo.full} is built by ${dockerfile.file} (its name matches ${[...reasons].sort().join(' and ')}); map it under \`images\` in .shipready.yml if not`,
      });
    }
    return dockerfile;
  }
}

const envFilePath = (e: ParsedEnv) => e.file;

/** Compose interpolation with a default (`${NODE_ENV:-production}`) reads as its default; other references are unknown (null). */
function composeValue(value: string | null): string | null {
  if (value === null) return null;
  const withDefault = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(value.trim());
  if (withDefault) return withDefault[1] ?? null;
  return isReference(value) || value.includes('${') ? null : value;
}

/**
 * The environment a compose service's process gets: its env files (those in the repository), then
 * `environment`. `complete` is false when an env file it loads is not in the repository (its values are unknown).
 */
export function composeEnvironment(service: ComposeService, envFiles: readonly ParsedEnv[]): { env: Map<string, { value: string | null; loc: Loc }>; complete: boolean } {
  const env = new Map<string, { value: string | null; loc: Loc }>();
  let complete = true;
  for (const ref of service.envFiles) {
    const file = indexBy(envFiles, envFilePath).get(ref.path)?.[0];
    if (!file) complete = false;
    for (const e of file?.entries ?? []) env.set(e.key, { value: composeValue(e.value), loc: e.loc });
  }
  for (const e of service.environment) env.set(e.key, { value: composeValue(e.value), loc: e.valueLoc });
  return { env, complete };
}

const NODE_PROGRAMS = new Set(['node', 'nodejs', 'npm', 'npx', 'yarn', 'pnpm', 'tsx', 'ts-node']);

/**
 * True when a container or compose service runs Node.js: built from a Dockerfile whose stage it runs is a Node
 * image (or whose command starts with node/npm/yarn/pnpm), or running a Node image such as `node:22-alpine`. An
 * image of unknown origin is not judged: what it sets is not visible here. `stage` is the stage the deployment
 * runs (its Dockerfile's production stage by default).
 */
export function runsNode(dockerfile: Dockerfile | undefined, image: string | undefined, command: readonly string[], stage: Stage | undefined = dockerfile?.productionStage): boolean {
  if (stage) return isNodeStage(stage) || NODE_PROGRAMS.has(basename(command[0] ?? ''));
  return image !== undefined && isLiteralImage(image) && isNodeImageRef(parseImageRef(image.trim()));
}

/** A Kubernetes container as a run of its image: what it sets, the probes it defines, the Dockerfile of its image. */
export function containerRun(c: Container, stage?: Stage): Deployment {
  const defined = c.probes.liveness || c.probes.readiness || c.probes.startup;
  return {
    platform: 'kubernetes',
    name: `${c.workload.kind}/${c.workload.name} ${c.init ? 'init container' : 'container'} ${c.name}`,
    loc: c.loc,
    dockerfile: c.dockerfile,
    stage,
    healthcheck: defined ? 'defined' : 'none',
    env: new Map(c.env.map((e) => [e.name, { value: e.value, loc: e.valueLoc ?? e.nameLoc }])),
    envComplete: c.envFrom.length === 0,
    runner: { platform: 'kubernetes', container: c },
  };
}

/**
 * What runs images until stopped in production: the containers of long-running workloads that ship, and the
 * compose services that ship and are not one-shot jobs, each with the stage of its Dockerfile it runs.
 */
export function deploymentsOf(k8s: K8sManifests, compose: readonly ComposeFile[], envFiles: readonly ParsedEnv[], scope: Scope): Deployment[] {
  const deployments: Deployment[] = [];
  for (const w of k8s.workloads) {
    if (!w.longRunning || !scope.workloadShips(w)) continue;
    for (const c of w.containers) deployments.push(containerRun(c, c.dockerfile && scope.runtimeStages(c.dockerfile).at(-1)));
  }
  for (const file of compose) {
    for (const s of file.services) {
      const use = scope.composeService(s);
      if (!use.ships || use.role === 'job') continue;
      const { env, complete } = composeEnvironment(s, envFiles);
      deployments.push({
        platform: 'compose',
        name: `compose service ${s.name}`,
        loc: s.loc,
        dockerfile: s.dockerfile,
        stage: use.stage,
        healthcheck: s.healthcheck ? (s.healthcheck.disabled ? 'disabled' : 'defined') : 'none',
        env,
        envComplete: complete,
        runner: { platform: 'compose', service: s },
      });
    }
  }
  return deployments;
}

export interface ManifestInput {
  root: string;
  yamlFiles: readonly ParsedYaml[];
  dockerfiles: readonly Dockerfile[];
  packages: readonly PackageJson[];
  envFiles: readonly ParsedEnv[];
  images: Readonly<Record<string, string>>;
  /** Image builds of CI and package scripts: the names they tag link images to Dockerfiles. */
  imageBuilds?: readonly ImageBuild[];
  /** Runs a parser; a throw becomes a parse error of the file. */
  attempt: <T>(file: SourceFile, parse: () => T) => T | undefined;
}

export interface ManifestModel {
  k8s: K8sManifests;
  compose: ComposeFile[];
  /** Links image names to the repository's Dockerfiles (config `images`, then names). */
  linker: ImageLinker;
  notices: Notice[];
}

/** Parses Kubernetes, kustomize and compose files, links workloads to Services/PDBs/HPAs and images to Dockerfiles. */
export function buildManifests(input: ManifestInput): ManifestModel {
  const k8s = emptyManifests();
  const compose: ComposeFile[] = [];
  const notices: Notice[] = [];
  for (const { file, documents } of input.yamlFiles) {
    if (file.kind !== 'kustomization') continue;
    const kustomization = input.attempt(file, () => parseKustomization(new YamlFile(file, documents)));
    if (kustomization) k8s.kustomizations.push(kustomization);
  }
  const patchFiles = new Set(k8s.kustomizations.flatMap((k) => k.patchFiles));
  for (const { file, documents } of input.yamlFiles) {
    const yaml = new YamlFile(file, documents);
    if (file.kind === 'k8s') {
      if (patchFiles.has(file.path)) continue;
      const parsed = input.attempt(file, () => parseK8s(yaml));
      if (parsed) for (const key of Object.keys(parsed) as (keyof K8sManifests)[]) (k8s[key] as unknown[]).push(...parsed[key]);
    } else if (file.kind === 'compose') {
      const parsed = input.attempt(file, () => parseCompose(yaml));
      if (parsed) compose.push(parsed);
    }
  }
  linkK8s(k8s);
  resolveExtends(compose);
  const patched = k8s.kustomizations.filter((k) => k.patches);
  if (patched.length > 0) {
    notices.push({
      file: patched[0]?.file,
      message: `kustomize patches are not applied (${patched.map((k) => k.file).join(', ')}): findings are about the manifests as written, before patches`,
    });
  }

  const linker = new ImageLinker(input.root, input.dockerfiles, input.packages, input.images, input.imageBuilds);
  for (const w of k8s.workloads) {
    for (const c of [...w.initContainers, ...w.containers]) c.dockerfile = c.image ? linker.forImage(c.image.value, w.file) : undefined;
  }
  for (const file of compose) {
    for (const s of file.services) s.dockerfile = s.build ? linker.forBuild(s.build.dockerfile) : s.image ? linker.forImage(s.image.value, s.file) : undefined;
  }
  return { k8s, compose, linker, notices };
}
