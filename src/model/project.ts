/**
 * The Project: every parsed artifact plus the links between them. Rules read only this;
 * no rule re-reads or re-parses a file.
 */
import type { ImageBuild } from './image-builds.ts';
import { groupBy } from './index-by.ts';
import type { ComposeFile, ComposeService } from '../parsers/compose.ts';
import type { Dockerfile, Stage } from '../parsers/dockerfile.ts';
import { type Container, emptyManifests, type K8sManifests } from '../parsers/k8s.ts';
import type { DockerIgnore } from '../parsers/dockerignore.ts';
import type { PackageJson } from '../parsers/package-json.ts';
import type { ArtifactKind, Loc, SourceFile } from '../types.ts';
import type { AppConfig } from '../parsers/app-config.ts';
import type { GitWorkTree } from './git.ts';
import type { Service } from './service/index.ts';
import type { MarkdownDoc } from '../parsers/markdown.ts';
import type { NginxConfig } from '../parsers/nginx.ts';
import type { ShellScript } from '../parsers/script.ts';
import type { SystemdUnit } from '../parsers/systemd.ts';
import type { Workflow } from '../parsers/workflow.ts';
import type { ParsedYaml } from './build.ts';
import type { Scope } from './scope.ts';
import { credentialsInText } from './credentials.ts';
import { lineStarts, positionAt } from '../parsers/line-starts.ts';
import { type EnvFile, productionSettingsOf, type Setting } from './settings-model.ts';

/**
 * Something that runs an image until stopped: a container of a long-running Kubernetes workload, or a
 * service of a production compose file (one-shot jobs, init containers and migrations are not deployments).
 * Filled by the manifest model (src/model/links.ts); rules about images ask `deploymentsOf(dockerfile)`.
 */
export interface Deployment {
  platform: 'kubernetes' | 'compose';
  /** `Deployment/api` container `web`, or compose service `api`. */
  name: string;
  loc: Loc;
  /** The Dockerfile that builds its image, when the link is known. */
  dockerfile?: Dockerfile;
  /** The stage of that Dockerfile it runs (a compose `build.target`, else the production stage). */
  stage?: Stage;
  /** Whether it defines its own health check (probe, compose healthcheck), disables it, or neither. */
  healthcheck: 'defined' | 'disabled' | 'none';
  /** Environment it sets for the process (literal values; null for values from secrets/references). */
  env: ReadonlyMap<string, { value: string | null; loc: Loc }>;
  /** False when part of its environment is not in the repository (`envFrom`, an env file that is not here); set by the manifest model. */
  envComplete?: boolean;
  /** What runs it: the Kubernetes container, or the compose service (set by the manifest model). */
  runner?: { platform: 'kubernetes'; container: Container } | { platform: 'compose'; service: ComposeService };
}

export interface RuntimeStage {
  dockerfile: Dockerfile;
  stage: Stage;
  subject: string;
}

export interface Project {
  /** Absolute path of the scanned root. */
  root: string;
  /** What ships and why: which artifacts production runs, which are development, tests, examples or build-only (src/model/scope.ts). */
  scope: Scope;
  files: readonly SourceFile[];
  /** Files by relative path. */
  file(path: string): SourceFile | undefined;
  /** Relative paths of every discovered file of a kind. */
  filesOf(kind: ArtifactKind): readonly SourceFile[];
  /** True when the path (relative) exists among discovered files. */
  has(path: string): boolean;
  dockerfiles: readonly Dockerfile[];
  /**
   * The stages production runs, Dockerfile by Dockerfile (src/model/scope.ts): the production stage of each
   * runtime image, or the targets its deployments build. Development and build-only images have none.
   * `subject` names the evaluation: the file, or `file#stage` when production runs several of its stages.
   */
  runtimeStages: readonly RuntimeStage[];
  /** The runtime stages of the Dockerfiles a package owns (the package.json nearest above each). */
  runtimeStagesOwnedBy(pkg: PackageJson): readonly RuntimeStage[];
  /** Dockerfiles whose images ship or are built into what ships: runtime and build-only images (not development, test or example ones). */
  builtImages: readonly Dockerfile[];
  dockerignores: readonly DockerIgnore[];
  packages: readonly PackageJson[];
  /** The package.json nearest to `dir` (the folder itself or an ancestor). */
  packageFor(dir: string): PackageJson | undefined;
  /** The package.json of exactly the folder `dir`. */
  packageIn(dir: string): PackageJson | undefined;
  /** What each shipped package's source says about how it runs (src/model/service/index.ts), in package order. */
  services: readonly Service[];
  /** The service of a package. */
  serviceOf(pkg: PackageJson): Service | undefined;
  deployments: readonly Deployment[];
  /** Every env file (production, documentation and the rest), parsed with dotenv semantics. */
  envFiles: readonly EnvFile[];
  /** Production app config files (`config/production.json`, `config/prod.yaml`, …). */
  appConfigs: readonly AppConfig[];
  /** Settings of production env files and production app config, file by file (src/model/settings-model.ts). */
  productionSettings: readonly Setting[];
  /** The git work tree of the root (git run once, on first use); undefined without git or outside a repository. */
  readonly git: GitWorkTree | undefined;
  /** GitHub Actions workflows (`.github/workflows/*`). */
  workflows: readonly Workflow[];
  /** Image builds of CI workflows and package scripts: Dockerfile, stage, tags, build arguments (src/model/image-builds.ts). */
  imageBuilds: readonly ImageBuild[];
  /** The workflow at a path (a reusable workflow a job calls with `uses: ./.github/workflows/x.yml`). */
  workflow(path: string): Workflow | undefined;
  /** systemd units (`*.service`). */
  systemdUnits: readonly SystemdUnit[];
  /** nginx configs nginx reads first (included by no other config), with includes of repository files expanded in place. */
  nginxConfigs: readonly NginxConfig[];
  /** Shell scripts (`*.sh`, `*.bash`). */
  scripts: readonly ShellScript[];
  /** Markdown documents and their headings. */
  markdownDocs: readonly MarkdownDoc[];
  /** Every YAML file that parsed (workflows, dependabot, k8s, compose, kustomization, other YAML), with its documents; `file.kind` is the refined kind. */
  yamlFiles: readonly ParsedYaml[];
  /** Kubernetes workloads, Services, PDBs, HPAs, LimitRanges and kustomizations of every manifest (and `<stdin>`), linked. */
  k8s: K8sManifests;
  /** Every compose file and its services. */
  compose: readonly ComposeFile[];
  /** What runs the image this Dockerfile builds (at the given stage, when one is named). Empty when nothing in the repository is known to. */
  deploymentsOf(dockerfile: Dockerfile, stage?: Stage): readonly Deployment[];
  /** The .dockerignore that applies to a build whose context is `dir` (relative; '' for the root). */
  dockerignoreFor(contextDir: string): DockerIgnore | undefined;
  /** Lockfiles in `dir` or any ancestor of it up to the root. */
  lockfilesFor(dir: string): readonly SourceFile[];
  /**
   * Credentials of known formats in a file's text (src/model/credentials.ts), scanned on first ask: the evidence
   * rules use where names prove nothing, in tests, examples and development files. Never holds the value.
   */
  credentialsIn(path: string): readonly { kind: string; loc: Loc }[];
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

/** A relative path as a file in `base` names it (`a/./b/../c` normalised), relative to the root; undefined when it is absolute, a URL or leaves the root. */
export function resolveRelative(base: string, rel: string): string | undefined {
  if (rel.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(rel) || rel.startsWith('git@')) return undefined;
  const parts: string[] = base === '' ? [] : base.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
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
  scope: Scope;
  files: readonly SourceFile[];
  dockerfiles: readonly Dockerfile[];
  dockerignores: readonly DockerIgnore[];
  packages: readonly PackageJson[];
  /** Builds the services from the project (called once, on first use). */
  services?: (project: Project) => readonly Service[];
  deployments: readonly Deployment[];
  k8s?: K8sManifests;
  compose?: readonly ComposeFile[];
  envFiles?: readonly EnvFile[];
  appConfigs?: readonly AppConfig[];
  /** Reads the git work tree; called at most once, when a rule first asks. */
  git?: () => GitWorkTree | undefined;
  workflows?: readonly Workflow[];
  imageBuilds?: readonly ImageBuild[];
  systemdUnits?: readonly SystemdUnit[];
  nginxConfigs?: readonly NginxConfig[];
  scripts?: readonly ShellScript[];
  markdownDocs?: readonly MarkdownDoc[];
  yamlFiles?: readonly ParsedYaml[];
}

export function makeProject(parts: ProjectParts): Project {
  const byPath = new Map(parts.files.map((f) => [f.path, f]));
  const byKind = new Map<ArtifactKind, SourceFile[]>();
  for (const f of parts.files) {
    const list = byKind.get(f.kind) ?? [];
    list.push(f);
    byKind.set(f.kind, list);
  }
  const packageByDir = new Map(parts.packages.map((p) => [p.dir, p]));
  // Only a file named exactly .dockerignore applies to a context; `<name>.Dockerfile.dockerignore` belongs to its Dockerfile.
  const ignoreByDir = new Map(parts.dockerignores.filter((d) => basename(d.file) === '.dockerignore').map((d) => [dirname(d.file), d]));
  const envFiles = parts.envFiles ?? [];
  const appConfigs = parts.appConfigs ?? [];
  let git: GitWorkTree | undefined | null = null;
  let services: readonly Service[] | undefined;
  let serviceByPackage: Map<PackageJson, Service> | undefined;
  let builtImages: readonly Dockerfile[] | undefined;
  let stagesByOwner: Map<PackageJson | undefined, RuntimeStage[]> | undefined;
  const deploymentsByDockerfile = new Map<Dockerfile, Deployment[]>();
  for (const d of parts.deployments) if (d.dockerfile) deploymentsByDockerfile.set(d.dockerfile, [...(deploymentsByDockerfile.get(d.dockerfile) ?? []), d]);
  const lockfilesByDir = new Map<string, SourceFile[]>();
  for (const f of byKind.get('lockfile') ?? []) lockfilesByDir.set(dirname(f.path), [...(lockfilesByDir.get(dirname(f.path)) ?? []), f]);
  const workflowByPath = new Map((parts.workflows ?? []).map((w) => [w.file, w]));
  let runtimeStages: RuntimeStage[] | undefined;
  const credentials = new Map<string, { kind: string; loc: Loc }[]>();
  return {
    root: parts.root,
    scope: parts.scope,
    files: parts.files,
    file: (path) => byPath.get(path),
    filesOf: (kind) => byKind.get(kind) ?? [],
    has: (path) => byPath.has(path),
    dockerfiles: parts.dockerfiles,
    get runtimeStages() {
      runtimeStages ??= parts.dockerfiles.flatMap((dockerfile) => {
        const stages = parts.scope.runtimeStages(dockerfile);
        return stages.map((stage) => ({ dockerfile, stage, subject: stages.length === 1 ? dockerfile.file : `${dockerfile.file}#${stage.name ?? stage.index}` }));
      });
      return runtimeStages;
    },
    runtimeStagesOwnedBy(pkg) {
      stagesByOwner ??= groupBy(this.runtimeStages, ({ dockerfile }) => this.packageFor(dirname(dockerfile.file)));
      return stagesByOwner.get(pkg) ?? [];
    },
    get builtImages() {
      builtImages ??= parts.dockerfiles.filter((d) => parts.scope.image(d).role !== 'development');
      return builtImages;
    },
    dockerignores: parts.dockerignores,
    packages: parts.packages,
    packageFor: (dir) => {
      for (const d of ancestors(dir)) {
        const found = packageByDir.get(d);
        if (found) return found;
      }
      return undefined;
    },
    packageIn: (dir) => packageByDir.get(dir),
    get services() {
      services ??= parts.services?.(this) ?? [];
      return services;
    },
    serviceOf(pkg) {
      if (!serviceByPackage) {
        serviceByPackage = new Map();
        for (const s of this.services) if (!serviceByPackage.has(s.package)) serviceByPackage.set(s.package, s);
      }
      return serviceByPackage.get(pkg);
    },
    deployments: parts.deployments,
    envFiles,
    appConfigs,
    productionSettings: productionSettingsOf(
      envFiles.filter((e) => parts.scope.ships(e.file)),
      appConfigs.filter((c) => parts.scope.ships(c.file)),
    ),
    get git() {
      if (git === null) git = parts.git?.();
      return git;
    },
    workflows: parts.workflows ?? [],
    imageBuilds: parts.imageBuilds ?? [],
    workflow: (path) => workflowByPath.get(path),
    systemdUnits: parts.systemdUnits ?? [],
    nginxConfigs: parts.nginxConfigs ?? [],
    scripts: parts.scripts ?? [],
    markdownDocs: parts.markdownDocs ?? [],
    yamlFiles: parts.yamlFiles ?? [],
    k8s: parts.k8s ?? emptyManifests(),
    compose: parts.compose ?? [],
    deploymentsOf: (dockerfile, stage) => {
      const all = deploymentsByDockerfile.get(dockerfile) ?? [];
      return stage === undefined ? all : all.filter((d) => (d.stage ?? dockerfile.productionStage) === stage);
    },
    dockerignoreFor: (contextDir) => ignoreByDir.get(contextDir),
    credentialsIn: (path) => {
      let found = credentials.get(path);
      if (!found) {
        const text = byPath.get(path)?.text ?? '';
        const starts = lineStarts(text);
        found = credentialsInText(text).map((c) => {
          const start = positionAt(starts, c.start);
          const end = positionAt(starts, c.end);
          return { kind: c.kind, loc: { file: path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column } };
        });
        credentials.set(path, found);
      }
      return found;
    },
    lockfilesFor: (dir) => ancestors(dir).flatMap((d) => lockfilesByDir.get(d) ?? []),
  };
}
