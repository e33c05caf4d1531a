/**
 * What ships: for every artifact, whether it is part of what runs in production, and why. Rules ask this
 * model; none keeps its own list of development-looking names.
 *
 * Signals, strongest first: the config (`production` and `development` globs), the deployment graph
 * (something that ships runs it: a compose service, a Kubernetes workload, a CI step that pushes the
 * image), the content (a compose service that mounts the source and runs a dev server, a compose file of
 * only local backing services), then what a file says about itself — its name, its folder (relative to the
 * linted root) and its header comment (src/model/evidence.ts).
 */
import { indexBy } from './index-by.ts';
import { ignoreRules } from './ignore-rules.ts';
import type { ComposeFile, ComposeService } from '../parsers/compose.ts';
import { type Dockerfile, isDevelopmentName, rootBase, type Stage, stageByRef } from '../parsers/dockerfile.ts';
import type { Workload } from '../parsers/k8s.ts';
import type { PackageJson } from '../parsers/package-json.ts';
import type { SourceFile } from '../types.ts';
import { commentExclusion, composeMentions, documentedDevelopment, type Exclusion, pathExclusion, readmeExclusion, selfExclusion } from './evidence.ts';
import { isBackingServiceImage, isWebServerImage } from './images.ts';
import { containerCalls } from './commands.ts';
import { commandsReachedFromImage, isDevelopmentScript, packageCommand, scriptDoes, servesStaticFiles as servesStatic, startsServer } from './package-commands.ts';
import type { ImageBuild } from './image-builds.ts';
import { ancestors, basename, dirname, joinPath, resolveRelative } from './project.ts';

export type { Evidence, Exclusion } from './evidence.ts';

/** What the report lists for each artifact left out of production judgement. */
export interface Excluded {
  file: string;
  /** The part of the file, when the file itself ships: `compose service web`. */
  part?: string;
  reason: string;
}

/**
 * How a Dockerfile's image is used. `runtime`: something runs it in production (or nothing says otherwise);
 * `build-only`: a base or builder image other images are built from, judged by build rules only;
 * `development`: a dev, test or example image, not judged.
 */
export interface ImageUse {
  role: 'runtime' | 'build-only' | 'development';
  /** The stages production runs: the targets the deployments build, else the production stage. Empty unless runtime. */
  stages: readonly Stage[];
  /**
   * `static` when every stage production runs serves built files (an nginx or caddy base, or a command that runs
   * http-server, serve or `vite preview`, directly or through a package script): not a Node.js service.
   */
  serves: 'app' | 'static';
  /** Why it is not a runtime image. */
  exclusion?: Exclusion;
}

/** A compose service's part: the app, a backing service (database, cache, mail catcher), or a one-shot job. */
export type ComposeRole = 'app' | 'backing' | 'job';

export interface ComposeServiceUse {
  ships: boolean;
  role: ComposeRole;
  /** Neither image nor build: an override compose merges into the same service of another file, not a service of its own. */
  fragment?: boolean;
  exclusion?: Exclusion;
  /** The stage of its Dockerfile it runs (`build.target`, else the production stage), when built here. */
  stage?: Stage;
}

/**
 * What a package is: a `service` (a server or something a Dockerfile, compose file or workload deploys), a
 * `static-site` (built into files that a web server serves), a `library` (published for others to install)
 * or `tooling` (a workspace root, shared config, scripts).
 */
export type PackageRole = 'service' | 'static-site' | 'library' | 'tooling';

export interface PackageUse {
  ships: boolean;
  role: PackageRole;
  exclusion?: Exclusion;
}

export interface Scope {
  /** Whether the file ships (its own signals and the config; parts of a file have their own verdicts below). */
  ships(path: string): boolean;
  /** Why a file does not ship; undefined when it does. */
  exclusionOf(path: string): Exclusion | undefined;
  image(dockerfile: Dockerfile): ImageUse;
  /** The stages of a Dockerfile production runs (empty for build-only and development images). */
  runtimeStages(dockerfile: Dockerfile): readonly Stage[];
  composeService(service: ComposeService): ComposeServiceUse;
  workloadShips(workload: Workload): boolean;
  package(pkg: PackageJson): PackageUse;
  /**
   * The packages that run as services in production, in package order: those whose role is `service`, or, in a
   * repository with none, its root package unless that is a library or a static site (a single-package app says little about itself).
   */
  readonly servicePackages: readonly PackageJson[];
  /** Every artifact left out, with the reason, in path order. */
  readonly excluded: readonly Excluded[];
}

export interface ScopeInput {
  files: readonly SourceFile[];
  production: readonly string[];
  development: readonly string[];
  dockerfiles: readonly Dockerfile[];
  compose: readonly ComposeFile[];
  workloads: readonly Workload[];
  /** Image builds of CI workflows and package scripts (src/model/image-builds.ts). */
  imageBuilds: readonly ImageBuild[];
  packages: readonly PackageJson[];
  /** The Dockerfile that builds an image named in a FROM (the model's image links), if it is in the repository. */
  dockerfileOfImage: (image: string, usedIn: string) => Dockerfile | undefined;
  /** What the package's source does (server, CLI, library), computed on first ask. */
  serviceKind: (pkg: PackageJson) => 'server' | 'cli' | 'library' | undefined;
}

/** File kinds the scope judges; the rest (workflows, docs, lockfiles) are not production artifacts. */
const JUDGED_KINDS = new Set(['dockerfile', 'compose', 'k8s', 'kustomization', 'env', 'app-config', 'package-json', 'shell', 'systemd', 'nginx']);

/** Words of a Dockerfile's name or folder that mark a base or builder image (`Dockerfile.base`, `builder-go.dockerfile`, `base-images/`). */
const BASE_IMAGE_WORDS = new Set(['base', 'builder', 'buildenv', 'toolchain']);
const BASE_IMAGE_FOLDER = /(?:^|\/)(?:base-?images?|builders?)(?:\/|$)/i;

/** Words of a Dockerfile's name that say it is the production one (`prod.Dockerfile`, `Dockerfile.release`). */
const PRODUCTION_WORDS = new Set(['prod', 'production', 'release', 'runtime', 'deploy', 'server', 'app', 'api', 'web', 'worker']);

/** Commands that start a development server with reloading. */
const DEV_PROGRAMS = new Set(['nodemon', 'ts-node-dev', 'tsnd', 'node-dev', 'webpack-dev-server', 'vite', 'next-dev']);
const SOURCE_FOLDER = /^(?:src|app|apps|lib|server|packages|client|web|frontend|backend|api)$/;

function words(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** True for a command that runs a development server: `npm run dev`, `nodemon`, `node --watch`, `next dev`, `tsx watch`. */
export function isDevCommand(argv: readonly string[]): boolean {
  const [program = '', ...args] = argv.map((w) => basename(w));
  if (DEV_PROGRAMS.has(program)) return true;
  if (args.includes('--watch') || args.includes('-w') && program === 'tsc') return true;
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(program)) {
    const script = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args[0];
    return script !== undefined && isDevelopmentScript(script);
  }
  if (program === 'next' || program === 'nuxt' || program === 'astro' || program === 'remix') return args[0] === 'dev';
  if (program === 'tsx' || program === 'bun') return args[0] === 'watch' || args.includes('--watch');
  if (program === 'nest') return args.includes('--watch') || args.includes('-w');
  return false;
}

/** The argument lists a compose command or entrypoint runs (`sh -c "npm i && npm run dev"` split into its commands). */
function composeCommands(s: ComposeService): string[][] {
  const argv = s.entrypoint.length > 0 ? [...s.entrypoint, ...s.command] : s.command;
  const shell = /^(?:\/bin\/)?(?:ba)?sh$/.test(argv[0] ?? '') && argv[1] === '-c' ? argv.slice(2).join(' ') : undefined;
  const text = shell ?? argv.join(' ');
  return text.split(/&&|\|\||;|\|/).map((part) => part.trim().split(/\s+/).filter((w) => w !== ''));
}

/** A toolbox container that only waits (`tail -f /dev/null`, `sleep infinity`) for someone to `docker exec` into it: a job, not a service. */
function onlyWaitsInCompose(s: ComposeService): boolean {
  return onlyWaitCalls(s.command.length > 0 || s.entrypoint.length > 0 ? composeCommands(s) : []);
}

/** Commands that only wait (`sleep infinity`, `sleep 60`, `tail -f /dev/null`), of a container or a compose service. */
function onlyWaitCalls(calls: readonly (readonly string[])[]): boolean {
  return calls.length > 0 && calls.every(([program, ...args]) => program === 'sleep' || (program === 'tail' && args.includes('/dev/null')));
}

export function buildScope(input: ScopeInput): Scope {
  const development = ignoreRules(input.development).matcher;
  const production = ignoreRules(input.production).matcher;
  const configured = (path: string): 'production' | 'development' | undefined => {
    if (input.development.length > 0 && development.ignores(path)) return 'development';
    if (input.production.length > 0 && production.ignores(path)) return 'production';
    return undefined;
  };
  const configExclusion: Exclusion = { evidence: 'config', reason: 'matched by a `development` glob in the config' };

  // Files: config, then what the file says about itself, then what the README of its folder says about it.
  const readmes = new Map<string, Exclusion | undefined>();
  for (const file of input.files) {
    if (file.kind === 'markdown' && /^readme\.md$/i.test(basename(file.path)) && dirname(file.path) !== '') readmes.set(dirname(file.path), readmeExclusion(file));
  }
  const fileExclusions = new Map<string, Exclusion | undefined>();
  for (const file of input.files) {
    if (!JUDGED_KINDS.has(file.kind) && file.kind !== 'source') continue;
    const setting = configured(file.path);
    const own = setting === undefined ? (selfExclusion(file) ?? (file.kind === 'source' ? undefined : readmes.get(dirname(file.path)))) : undefined;
    fileExclusions.set(file.path, setting === 'development' ? configExclusion : own);
  }
  const exclusionOf = (path: string): Exclusion | undefined => {
    if (fileExclusions.has(path)) return fileExclusions.get(path);
    if (path === '<stdin>') return undefined;
    const setting = configured(path);
    return setting === 'development' ? configExclusion : setting === 'production' ? undefined : pathExclusion(path);
  };

  // Compose files: a file the documentation sets apart for development, or that runs only local backing services.
  const mentions = composeMentions(input.files.filter((f) => f.kind === 'markdown' && !/(?:^|\/)(?:CHANGELOG|HISTORY|RELEASES?)(?:\.[\w-]+)?\.mdx?$/i.test(f.path)));
  const composeFileExclusion = new Map<string, Exclusion | undefined>();
  for (const file of input.compose) {
    const own = exclusionOf(file.file);
    composeFileExclusion.set(file.file, own ?? (configured(file.file) === 'production' ? undefined : (documentedDevelopment(mentions, file.file) ?? projectNameExclusion(file) ?? localStackExclusion(file))));
  }

  const workloadShips = (w: Workload) => exclusionOf(w.file) === undefined;
  const filesByPath = new Map(input.files.map((f) => [f.path, f]));
  const byPath = new Map(input.dockerfiles.map((d) => [d.file, d]));
  // Keyed by file and name: rules read services merged with their companion files, which are copies.
  const composeUses = new Map<string, ComposeServiceUse>();
  const composeKey = (s: ComposeService) => `${s.file}\u0000${s.name}`;
  // NODE_ENV=development on an app service says it is for development where the repository ships the app another way
  // (another compose file, Kubernetes manifests, a Helm chart); where it is the only deployment, it is a finding.
  // Another compose file counts when it runs the app without a development NODE_ENV (two dev stacks do not vouch for each other).
  const releasesApp = (c: ComposeFile) => composeFileExclusion.get(c.file) === undefined && c.services.some((s) => (s.build !== undefined || s.image !== undefined) && !isBackingService(s) && !setsDevelopmentEnv(s) && previewTag(s) === undefined);
  const releasing = input.compose.filter(releasesApp);
  const shipsOtherwise = input.workloads.some(workloadShips) || input.files.some((f) => /(?:^|\/)Chart\.ya?ml$/.test(f.path) && exclusionOf(f.path) === undefined);
  const shipsElsewhere = (file: ComposeFile) => shipsOtherwise || releasing.some((c) => c !== file);
  for (const file of input.compose) {
    const fileExclusion = composeFileExclusion.get(file.file);
    const context = { exclusionOf, dockerfiles: byPath, files: input.files, fileAt: (path: string) => filesByPath.get(path), devEnvMeansDevelopment: shipsElsewhere(file) };
    const uses = file.services.map((s) => composeServiceUse(s, fileExclusion, context));
    const stack = fileExclusion ? undefined : developmentStackExclusion(file, uses);
    if (stack) composeFileExclusion.set(file.file, stack);
    for (const [i, s] of file.services.entries()) composeUses.set(composeKey(s), stack ? composeServiceUse(s, stack, context) : (uses[i] as ComposeServiceUse));
  }

  // Env files compose reads (`env_file:`, and the `.env` beside a compose file for interpolation): the services that
  // read one decide whether it ships, over what its name says; no own word of development is needed to leave it out.
  const envReaders = new Map<string, { ships: boolean; by: string }[]>();
  const readBy = (path: string, ships: boolean, by: string) => envReaders.set(path, [...(envReaders.get(path) ?? []), { ships, by }]);
  for (const file of input.compose) {
    readBy(joinPath(dirname(file.file), '.env'), file.services.some((s) => composeUses.get(composeKey(s))?.ships), file.file);
    for (const s of file.services) for (const env of s.envFiles) readBy(env.path, composeUses.get(composeKey(s))?.ships === true, `${file.file} (service ${s.name})`);
  }
  for (const [path, readers] of envReaders) {
    if (!fileExclusions.has(path) || configured(path) !== undefined) continue;
    const own = fileExclusions.get(path);
    if (readers.some((r) => r.ships)) {
      if (own?.evidence === 'name') fileExclusions.set(path, undefined);
    } else if (own === undefined) fileExclusions.set(path, { evidence: 'deployment', reason: `only ${readers[0]?.by}, which does not ship, reads it` });
  }

  // The deployment graph: what runs each Dockerfile's image, and at which stage.
  const deployedStages = new Map<Dockerfile, Set<Stage | undefined>>();
  const addDeployment = (d: Dockerfile | undefined, stage: Stage | undefined) => {
    if (!d) return;
    const set = deployedStages.get(d) ?? new Set();
    set.add(stage);
    deployedStages.set(d, set);
  };
  // Compose files that build a Dockerfile without shipping (a dev stack, a deprecated profile): if nothing else runs it, it does not ship either.
  const builtOnlyBy = new Map<Dockerfile, string>();
  for (const file of input.compose) {
    for (const s of file.services) {
      const use = composeUses.get(composeKey(s));
      if (use?.ships && s.dockerfile) addDeployment(s.dockerfile, use.stage);
      else if (s.dockerfile && !builtOnlyBy.has(s.dockerfile)) builtOnlyBy.set(s.dockerfile, `${file.file} (service ${s.name})`);
    }
  }
  for (const w of input.workloads) {
    if (!workloadShips(w)) continue;
    for (const c of [...w.initContainers, ...w.containers]) addDeployment(c.dockerfile, undefined);
  }
  const builtByCommand = new Set(input.imageBuilds.filter((b) => b.push).map((b) => b.dockerfile));
  const pushedByCi = new Map<Dockerfile, Set<Stage | undefined>>();
  for (const build of input.imageBuilds) {
    const d = byPath.get(build.dockerfile);
    if (!d || !build.push || !build.ci) continue;
    const set = pushedByCi.get(d) ?? new Set();
    set.add(build.target === undefined ? undefined : stageByRef(d, build.target));
    pushedByCi.set(d, set);
  }
  // Images other Dockerfiles of the repository build FROM.
  const usedAsBase = new Set<Dockerfile>();
  for (const d of input.dockerfiles) {
    for (const stage of d.stages) {
      if (stage.base.type !== 'image') continue;
      const base = input.dockerfileOfImage(stage.base.ref.raw, d.file);
      if (base && base !== d) usedAsBase.add(base);
    }
  }

  const imageUses = new Map<Dockerfile, ImageUse>();
  const packagesByDir = new Map(input.packages.map((p) => [p.dir, p]));
  const packageOf = (dir: string) => ancestors(dir).map((a) => packagesByDir.get(a)).find((p) => p !== undefined);
  const image = (d: Dockerfile): ImageUse => {
    let use = imageUses.get(d);
    if (!use) {
      const facts = {
        configured: configured(d.file),
        deployed: deployedStages.get(d),
        pushed: pushedByCi.get(d),
        usedAsBase: usedAsBase.has(d),
        own: fileExclusions.get(d.file),
        // A build of CI or of a package script that pushes it (`docker build -f docker/Dockerfile -t acme/app:pr --push`) publishes it.
        builtOnlyBy: builtByCommand.has(d.file) ? undefined : builtOnlyBy.get(d),
        othersDeployed: deployedStages.size > 0 || pushedByCi.size > 0,
        // The repository's only Dockerfile, or the plain one at its root, is its runtime image unless it says otherwise.
        primary: input.dockerfiles.length === 1 || /^(?:dockerfile|containerfile)$/i.test(d.file),
        idles: d.productionStage !== undefined && onlyWaits(d.productionStage),
      };
      const found = imageUseOf(d, facts);
      const pkg = packageOf(dirname(d.file));
      use = { ...found, serves: found.stages.length > 0 && found.stages.every((stage) => servesStaticFiles(stage, pkg, input.packages)) ? 'static' : 'app' };
      imageUses.set(d, use);
    }
    return use;
  };

  const packageUses = new Map<PackageJson, PackageUse>();
  // Names other packages of the repository install (`workspace:*`, `file:`, or a version): internal libraries.
  const dependedOn = new Set(input.packages.flatMap((p) => [...Object.keys(p.dependencies), ...Object.keys(p.devDependencies)]));
  const pkgUse = (pkg: PackageJson): PackageUse => {
    let use = packageUses.get(pkg);
    if (!use) {
      use = packageUseOf(pkg, exclusionOf(pkg.file), input, image, dependedOn);
      packageUses.set(pkg, use);
    }
    return use;
  };

  let excluded: Excluded[] | undefined;
  let servicePackages: PackageJson[] | undefined;
  return {
    ships: (path) => exclusionOf(path) === undefined,
    exclusionOf,
    image,
    runtimeStages: (d) => image(d).stages,
    composeService: (s) => composeUses.get(composeKey(s)) ?? { ships: true, role: 'app' },
    workloadShips,
    package: pkgUse,
    get servicePackages() {
      if (!servicePackages) {
        const shipped = input.packages.filter((p) => pkgUse(p).ships);
        const services = shipped.filter((p) => pkgUse(p).role === 'service');
        const root = shipped.find((p) => p.dir === '');
        const rootRole = root && pkgUse(root).role;
        // Without a service, the root speaks for the repository, unless it is only a workspace harness (a framework's monorepo).
        const harness = root !== undefined && root.workspaces.length > 0 && rootRole !== 'service';
        servicePackages = services.length > 0 ? services : root && !harness && (rootRole === 'tooling' || rootRole === 'service') ? [root] : [];
      }
      return servicePackages;
    },
    get excluded() {
      excluded ??= listExcluded(input, exclusionOf, composeFileExclusion, (s) => composeUses.get(composeKey(s)), image, pkgUse);
      return excluded;
    },
  };
}

/** A compose project named for development or tests (`name: workflows-test`, `name: api-dev`): what it runs is that. */
function projectNameExclusion(file: ComposeFile): Exclusion | undefined {
  const name = file.projectName;
  if (name === undefined || name.includes('$') || !/(?:^|[-_.])(?:dev|development|test|tests|testing|e2e)(?:$|[-_.])/i.test(name)) return undefined;
  return { evidence: 'name', reason: `its compose project is named ${name}` };
}

/**
 * A compose file whose every service is a backing service (a public image, or a build FROM one) or a one-shot job
 * of a public image that sets one up, with nothing that builds or runs the app, and that publishes their ports to
 * the host — for an app started outside compose — or only on loopback: a local development stack.
 */
function localStackExclusion(file: ComposeFile): Exclusion | undefined {
  if (file.services.length === 0) return undefined;
  const publicImage = (s: ComposeService) => s.build === undefined && s.dockerfile === undefined && s.image !== undefined;
  const backing = file.services.filter(isBackingService);
  // Beside them, one-shot jobs from public images may set them up (`minio/mc` making buckets).
  const backingOnly = backing.length > 0 && file.services.every((s) => backing.includes(s) || (publicImage(s) && s.oneShot));
  if (!backingOnly || !backing.some((s) => s.ports.some((p) => p.published !== undefined || isLoopback(p.hostIp)))) return undefined;
  const jobs = backing.length < file.services.length ? ' and jobs that set them up,' : '';
  return { evidence: 'content', reason: `it runs only backing services (databases, caches, mail catchers)${jobs} with ports for the host, and nothing that builds or runs the app: a local development stack` };
}

/** A database, cache or mail catcher: a public image of one, or a build FROM one (`FROM postgres:15` with init scripts). */
function isBackingService(s: ComposeService): boolean {
  if (s.build === undefined && s.dockerfile === undefined) return s.image !== undefined && isBackingServiceImage(s.image.value);
  const base = s.dockerfile?.productionStage && rootBase(s.dockerfile.productionStage);
  return base?.type === 'image' && isBackingServiceImage(base.ref.raw);
}

function isLoopback(host: string | undefined): boolean {
  return host !== undefined && /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);
}

function setsDevelopmentEnv(s: ComposeService): boolean {
  return s.environment.some((e) => e.key === 'NODE_ENV' && /^dev/i.test(e.value ?? ''));
}

/** The service runs the repository's own app: it builds a Dockerfile here, runs an image built here, or a preview tag of one. */
function runsOwnApp(s: ComposeService, use: ComposeServiceUse): boolean {
  return use.role === 'app' && (s.build !== undefined || s.dockerfile !== undefined || previewTag(s) !== undefined);
}

/** The development or preview tag (`:develop`, `:nightly`, `:pr-123`) of the image a service runs without building it. */
function previewTag(s: ComposeService): string | undefined {
  const image = s.image?.value ?? '';
  const tag = s.build === undefined && image.includes(':') && !/[$}{]/.test(image) ? image.slice(image.lastIndexOf(':') + 1) : undefined;
  return tag !== undefined && PREVIEW_TAG.test(tag) ? tag : undefined;
}

/**
 * A compose file whose every service that runs the repository's app is development (a dev server on mounted source,
 * a preview tag, NODE_ENV=development beside a release deployment), and whose other services are databases, caches,
 * proxies and jobs: a development stack as a whole, its databases and proxies included.
 */
function developmentStackExclusion(file: ComposeFile, uses: readonly ComposeServiceUse[]): Exclusion | undefined {
  const own = file.services.flatMap((s, i) => (runsOwnApp(s, uses[i] as ComposeServiceUse) ? [uses[i] as ComposeServiceUse] : []));
  if (own.length === 0 || own.some((u) => u.ships || u.exclusion?.evidence !== 'content')) return undefined;
  // Beside services that build the app, any other image is a third party's (Grafana, a workflow engine's UI). Beside a
  // preview tag alone, only proxies: an image that is not built here may be the app's release.
  const builds = file.services.some((s) => s.build !== undefined);
  const supporting = file.services.every((s, i) => {
    const use = uses[i] as ComposeServiceUse;
    if (!use.ships || runsOwnApp(s, use) || use.role !== 'app') return true;
    return s.build === undefined && s.dockerfile === undefined && (builds || (s.image !== undefined && isWebServerImage(s.image.value)));
  });
  if (!supporting) return undefined;
  const reasons = [...new Set(own.map((u) => u.exclusion?.reason))].join('; ');
  return { evidence: 'content', reason: `every app service in it is development (${reasons}): a development stack, with its databases and proxies` };
}

interface ServiceContext {
  exclusionOf: (path: string) => Exclusion | undefined;
  dockerfiles: ReadonlyMap<string, Dockerfile>;
  files: readonly SourceFile[];
  fileAt: (path: string) => SourceFile | undefined;
  /** The repository ships the app another way: NODE_ENV=development here marks a development service. */
  devEnvMeansDevelopment: boolean;
}

function composeServiceUse(s: ComposeService, fileExclusion: Exclusion | undefined, { exclusionOf, dockerfiles, files, fileAt, devEnvMeansDevelopment }: ServiceContext): ComposeServiceUse {
  const role: ComposeRole = s.oneShot || s.interactive || onlyWaitsInCompose(s) ? 'job' : isBackingService(s) ? 'backing' : 'app';
  const target = s.build?.target;
  const stage = s.dockerfile ? (target !== undefined ? stageByRef(s.dockerfile, target) : undefined) ?? (target === undefined ? s.dockerfile.productionStage : undefined) : undefined;
  const base = { role, stage };
  if (fileExclusion) return { ...base, ships: false, exclusion: fileExclusion };
  const source = fileAt(s.file);
  const said = source && commentExclusion(source, s.loc.line);
  if (said) return { ...base, ships: false, exclusion: said };
  const devProfiles = s.profiles.length > 0 && s.profiles.every((p) => DEV_PROFILE.test(p));
  if (devProfiles) return { ...base, ships: false, exclusion: { evidence: 'content', reason: `only the ${s.profiles.join(', ')} profile starts it` } };
  if (target !== undefined && isDevelopmentName(target)) return { ...base, ships: false, exclusion: { evidence: 'content', reason: `it builds the ${target} stage of its Dockerfile` } };
  const image = s.image?.value ?? '';
  const tag = previewTag(s);
  if (tag !== undefined) return { ...base, ships: false, exclusion: { evidence: 'content', reason: `it runs a development or preview tag (:${tag})` } };
  if (s.build === undefined && TEST_IMAGE.test(image.replace(/[:@].*$/, ''))) return { ...base, ships: false, exclusion: { evidence: 'content', reason: 'it runs an image made for tests' } };
  const dockerfileExclusion = s.build?.dockerfile !== undefined && dockerfiles.has(s.build.dockerfile) ? exclusionOf(s.build.dockerfile) : undefined;
  if (dockerfileExclusion && dockerfileExclusion.evidence !== 'config') return { ...base, ships: false, exclusion: { evidence: 'content', reason: `it builds ${s.build?.dockerfile}, which is ${dockerfileExclusion.reason}` } };
  const devEnv = setsDevelopmentEnv(s);
  if (mountsSource(s, files) && (composeCommands(s).some(isDevCommand) || devEnv)) {
    return { ...base, ships: false, exclusion: { evidence: 'content', reason: 'it mounts the source tree and runs a development server' } };
  }
  if (devEnv && role === 'app' && devEnvMeansDevelopment) return { ...base, ships: false, exclusion: { evidence: 'content', reason: 'it sets NODE_ENV=development, while the repository deploys the app another way' } };
  return { ...base, ships: true, ...(s.image === undefined && s.build === undefined && !s.extends ? { fragment: true } : {}) };
}

const DEV_PROFILE = /^(?:dev|development|local|test|tests|testing|e2e|ci|debug|tools?|admin-tools|mock|mocks|deprecated|legacy|old|preview)$/i;
/** Image tags of development branches and previews (`:develop`, `:nightly`, `:pr-123`): what a preview stack runs, never a release. */
const PREVIEW_TAG = /^(?:dev|develop|development|nightly|snapshot|preview|pr-\d+|canary-dev)$/i;
/** Images made for tests (`rroemhild/test-openldap`, `mock-oauth2-server`): fixtures of a test stack. */
const TEST_IMAGE = /(?:^|[/-])(?:test|tests|mock|mocks|fake|stub)(?:$|[/-])/i;

/** A bind mount of a folder that holds the repository's source (`.:/app`, `./src:/app/src`, `../..:/workspace`). */
function mountsSource(s: ComposeService, files: readonly SourceFile[]): boolean {
  return s.volumes.some((v) => {
    if (v.type !== 'bind' || v.source === undefined) return false;
    const dir = resolveRelative(dirname(s.file), v.source.replace(/^\$\{?PWD\}?/, '.'));
    if (dir === undefined) return false;
    if (SOURCE_FOLDER.test(basename(dir)) || dir === '' || dir === dirname(s.file)) return true;
    const prefix = dir === '' ? '' : `${dir}/`;
    return files.some((f) => (f.kind === 'package-json' || f.kind === 'source') && f.path.startsWith(prefix));
  });
}

interface ImageFacts {
  configured?: 'production' | 'development';
  /** Stages shipping compose services and workloads run (undefined: the production stage). */
  deployed?: ReadonlySet<Stage | undefined>;
  pushed?: ReadonlySet<Stage | undefined>;
  usedAsBase: boolean;
  own?: Exclusion;
  /** A compose service that does not ship builds it (and nothing that ships runs it). */
  builtOnlyBy?: string;
  /** Something that ships runs or pushes some Dockerfile of the repository. */
  othersDeployed: boolean;
  /** The only Dockerfile, or the root's. */
  primary: boolean;
  /** Its production stage only waits (`sleep 60`, `tail -f /dev/null`): a helper container files are copied out of. */
  idles: boolean;
}

/** A container command that only waits: `sleep 60s`, `sleep infinity`, `tail -f /dev/null`. */
function onlyWaits(stage: Stage): boolean {
  return onlyWaitCalls(containerCalls(stage).map((c) => c.program.map((w) => w.value)));
}

function imageUseOf(d: Dockerfile, facts: ImageFacts): Omit<ImageUse, 'serves'> {
  const stagesOf = (set: ReadonlySet<Stage | undefined>): Stage[] => {
    const out = new Set<Stage>();
    for (const s of set) {
      const stage = s ?? d.productionStage;
      if (stage) out.add(stage);
    }
    return [...out].sort((a, b) => a.index - b.index);
  };
  const runtime = (set: ReadonlySet<Stage | undefined>): Omit<ImageUse, 'serves'> => ({ role: 'runtime', stages: stagesOf(set) });
  const atProductionStage = new Set<Stage | undefined>([undefined]);
  if (facts.configured === 'development') return { role: 'development', stages: [], exclusion: { evidence: 'config', reason: 'matched by a `development` glob in the config' } };
  if (facts.configured === 'production') return runtime(facts.deployed ?? facts.pushed ?? atProductionStage);
  if (facts.deployed) return runtime(facts.pushed ? new Set([...facts.deployed, ...facts.pushed]) : facts.deployed);
  const baseName = [...words(basename(d.file)), ...words(basename(dirname(d.file)))].some((w) => BASE_IMAGE_WORDS.has(w)) || BASE_IMAGE_FOLDER.test(d.file);
  if (facts.usedAsBase || baseName) {
    const reason = facts.usedAsBase ? 'another Dockerfile of the repository builds FROM its image' : `named as a base or builder image (${d.file})`;
    return { role: 'build-only', stages: [], exclusion: { evidence: facts.usedAsBase ? 'deployment' : 'name', reason: `a build-only image: ${reason}` } };
  }
  if (facts.pushed) return runtime(facts.pushed);
  if (facts.own) return { role: 'development', stages: [], exclusion: facts.own };
  if (facts.idles) return { role: 'development', stages: [], exclusion: { evidence: 'content', reason: 'its container only waits (sleep): a helper image that runs no service' } };
  if (facts.primary) return d.productionStage ? runtime(atProductionStage) : { role: 'development', stages: [], exclusion: { evidence: 'content', reason: 'it has no stage production runs' } };
  if (facts.builtOnlyBy) return { role: 'development', stages: [], exclusion: { evidence: 'deployment', reason: `only ${facts.builtOnlyBy}, which does not ship, builds it` } };
  // `Dockerfile.bun` beside the images CI pushes: an alternative nothing builds or deploys.
  const name = basename(d.file).toLowerCase();
  const variant = name !== 'dockerfile' && name !== 'containerfile' && !words(name).some((w) => PRODUCTION_WORDS.has(w));
  if (variant && facts.othersDeployed) return { role: 'development', stages: [], exclusion: { evidence: 'deployment', reason: 'a variant nothing builds or deploys, while the repository deploys other Dockerfiles' } };
  if (!d.productionStage) {
    const final = d.finalStage;
    return { role: 'development', stages: [], exclusion: { evidence: 'content', reason: final?.name ? `its final stage (${final.name}) is a development or test stage` : 'it has no stage' } };
  }
  return runtime(atProductionStage);
}

/** Frontend frameworks and build tools whose packages compile to files served by a web server. */
const FRONTEND_DEPENDENCIES = ['react', 'react-dom', 'vue', 'svelte', '@sveltejs/kit', '@angular/core', 'solid-js', 'preact', 'lit', 'astro'];
/** Astro builds static files unless a server adapter (`@astrojs/node`) is installed. */
const FRONTEND_BUILDERS = ['vite', 'react-scripts', '@vue/cli-service', '@angular/cli', 'parcel', 'webpack', '@rsbuild/core', '@rspack/cli', 'astro'];
/** Web servers a static site's image serves its files with. */
const STATIC_SERVER_IMAGES = /(?:^|\/)(?:nginx|nginx-unprivileged|caddy|httpd|lighttpd|static-web-server)$/;

const dockerfileDir = (d: Dockerfile) => dirname(d.file);

function packageUseOf(pkg: PackageJson, exclusion: Exclusion | undefined, input: ScopeInput, image: (d: Dockerfile) => ImageUse, dependedOn: ReadonlySet<string>): PackageUse {
  const role = packageRole(pkg, input, image, dependedOn);
  return exclusion ? { ships: false, role, exclusion } : { ships: true, role };
}

function packageRole(pkg: PackageJson, input: ScopeInput, image: (d: Dockerfile) => ImageUse, dependedOn: ReadonlySet<string>): PackageRole {
  const kind = input.serviceKind(pkg);
  const ownImages = (indexBy(input.dockerfiles, dockerfileDir).get(pkg.dir) ?? []).filter((d) => image(d).role === 'runtime');
  // A command-line tool (a `bin`, no image of its own, and no start script or published for others to run) may start
  // a local server — a dev tunnel, a studio — but nothing deploys it: tooling, not a service.
  if (Object.keys(pkg.bin).length > 0 && ownImages.length === 0 && (pkg.scripts.start === undefined || !pkg.private)) return kind === 'cli' || !pkg.private ? 'library' : 'tooling';
  // Laid out for publishing (or published by a prepublish script), with no image: others install it. With no start
  // script, whatever servers its code can start; with one, unless its own code serves (a `start` that runs a
  // watcher or a generator is a contributor's convenience).
  const json = pkg.json.value as Record<string, unknown>;
  const publishing = ['prepublishOnly', 'prepublish', 'prepack'].some((s) => pkg.scripts[s] !== undefined);
  const publishable = !pkg.private && (publishing || ['files', 'publishConfig', 'exports', 'types', 'typings', 'module', 'peerDependencies'].some((k) => json[k] !== undefined));
  if (publishable && ownImages.length === 0 && (pkg.scripts.start === undefined || kind !== 'server')) return 'library';
  if (kind === 'server') return 'service';
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const imagesServeFiles = ownImages.length > 0 && ownImages.every((d) => image(d).serves === 'static');
  const frontend = FRONTEND_DEPENDENCIES.some((d) => d in deps) && FRONTEND_BUILDERS.some((d) => d in deps) && !SERVER_DEPENDENCIES.some((d) => d in pkg.dependencies);
  const startsServerProcess = scriptDoes(pkg, 'start', startsServer);
  if (imagesServeFiles || scriptDoes(pkg, 'start', servesStatic) || (frontend && !startsServerProcess && ownImages.length === 0)) return 'static-site';
  if (ownImages.length > 0 || (startsServerProcess && pkg.workspaces.length === 0)) return 'service';
  // Installed by others: another package of the repository depends on it, or it is laid out for publishing.
  if ((pkg.name !== undefined && dependedOn.has(pkg.name)) || publishable || kind === 'cli') return 'library';
  if (SERVER_DEPENDENCIES.some((d) => d in pkg.dependencies) && pkg.workspaces.length === 0) return 'service';
  return 'tooling';
}

const SERVER_DEPENDENCIES = ['express', 'fastify', 'koa', 'hono', '@nestjs/core', '@hapi/hapi', 'next', 'nuxt', '@remix-run/node', '@remix-run/serve', '@react-router/node', '@sveltejs/adapter-node', '@astrojs/node'];

/**
 * The stage serves built files: a web server's image that starts no command of its own, or a command that serves
 * files, through the scripts it runs — of the Dockerfile's package, or of the root package when a root-context build
 * runs one of the root's scripts (`pnpm start:static:widget` → `nx run-many --target=… --projects=@acme/widget`).
 */
function servesStaticFiles(stage: Stage, pkg: PackageJson | undefined, packages: readonly PackageJson[]): boolean {
  const calls = containerCalls(stage).map((c) => c.program.map((w) => w.value));
  const base = rootBase(stage);
  if (calls.length === 0) return base.type === 'image' && STATIC_SERVER_IMAGES.test(base.ref.name);
  return calls.every((argv) =>
    commandsReachedFromImage(argv, pkg, { packages }).some((reached) => {
      const c = packageCommand(reached.argv);
      return c !== undefined && servesStatic(c);
    }),
  );
}

function listExcluded(
  input: ScopeInput,
  exclusionOf: (path: string) => Exclusion | undefined,
  composeFileExclusion: ReadonlyMap<string, Exclusion | undefined>,
  composeUse: (s: ComposeService) => ComposeServiceUse | undefined,
  image: (d: Dockerfile) => ImageUse,
  pkgUse: (pkg: PackageJson) => PackageUse,
): Excluded[] {
  const out: Excluded[] = [];
  const dockerfiles = new Set(input.dockerfiles.map((d) => d.file));
  const composeFiles = new Set(input.compose.map((c) => c.file));
  for (const file of input.files) {
    if (!JUDGED_KINDS.has(file.kind) || dockerfiles.has(file.path) || composeFiles.has(file.path) || file.kind === 'package-json') continue;
    const exclusion = exclusionOf(file.path);
    if (exclusion) out.push({ file: file.path, reason: exclusion.reason });
  }
  for (const d of input.dockerfiles) {
    const use = image(d);
    if (use.exclusion) out.push({ file: d.file, reason: use.exclusion.reason });
  }
  for (const c of input.compose) {
    const fileExclusion = composeFileExclusion.get(c.file);
    if (fileExclusion) {
      out.push({ file: c.file, reason: fileExclusion.reason });
      continue;
    }
    for (const s of c.services) {
      const use = composeUse(s);
      if (use?.exclusion) out.push({ file: c.file, part: `compose service ${s.name}`, reason: use.exclusion.reason });
    }
  }
  for (const pkg of input.packages) {
    const use = pkgUse(pkg);
    if (use.exclusion) out.push({ file: pkg.file, reason: use.exclusion.reason });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.part ?? '') < (b.part ?? '') ? -1 : 1));
}
