/**
 * parse → model: one parser per artifact kind; parse failures become problems (reported as
 * shipready/parse-error) and the run goes on.
 */
import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import type { FileProblem } from '../discover.ts';
import { type Dockerfile, parseDockerfile } from '../parsers/dockerfile.ts';
import { type DockerIgnore, parseDockerignore } from '../parsers/dockerignore.ts';
import { nxTargets, type PackageJson, parsePackageJson } from '../parsers/package-json.ts';
import type { ResolvedConfig } from '../config.ts';
import { type AppConfig, parseAppConfig } from '../parsers/app-config.ts';
import { parseEnv } from '../parsers/env.ts';
import { type MarkdownDoc, parseMarkdown } from '../parsers/markdown.ts';
import { expandIncludes, type NginxConfig, parseNginx } from '../parsers/nginx.ts';
import { parseScript, type ShellScript } from '../parsers/script.ts';
import { parseSystemdUnit, type SystemdUnit } from '../parsers/systemd.ts';
import { parseWorkflow, type Workflow } from '../parsers/workflow.ts';
import { yamlLocator } from '../parsers/yaml-loc.ts';
import { parseSource } from '../parsers/source.ts';
import { type GitWorkTree, readGitWorkTree } from './git.ts';
import { type EnvFile, envFileOf, productionEnvMatcher } from './settings-model.ts';
import { COMPOSE_NAME, looksLikeKnownYaml } from '../classify.ts';
import type { ArtifactKind, Notice, SourceFile } from '../types.ts';
import { buildManifests, deploymentsOf } from './links.ts';
import { imageBuilds } from './image-builds.ts';
import { buildScope } from './scope.ts';
import { type Deployment, dirname, joinPath, makeProject, type Project } from './project.ts';
import { buildServices } from './service/index.ts';
import { containerCalls } from './commands.ts';
import { workdirAt } from './stage-state.ts';

/**
 * YAML alias expansion is capped so an alias bomb ("billion laughs") is a parse error, not a hang.
 * Nesting and size were bounded by discovery (src/discover.ts) before the text got here.
 */
const YAML_MAX_ALIAS_COUNT = 1000;
const WORKFLOW_PATH = /(?:^|\/)\.github\/workflows\/[^/]+$/;
const DEPENDABOT_PATH = /(?:^|\/)\.github\/dependabot\.ya?ml$/;

export interface ParsedYaml {
  /** The file, its kind refined by content (k8s, compose, workflow, dependabot, kustomization or yaml). */
  file: SourceFile;
  /** Every document of the stream, in order; none has errors. Parsers of the refined kinds read these. */
  documents: Document.Parsed[];
}

export interface BuiltModel {
  project: Project;
  problems: FileProblem[];
  /** Remarks about the model: assumed image links, kustomize patches not applied. */
  notices: Notice[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A compose file: top-level `services` is a mapping, and the file is named like one or (any other
 * name, `-f stack.yml`) every service is a mapping and one has a string `image` or a `build` —
 * so Helm values with a `services:` key of image maps stay plain YAML.
 */
function isCompose(path: string, value: Record<string, unknown>): boolean {
  const services = value.services;
  if (!isRecord(services)) return false;
  if (COMPOSE_NAME.test(path)) return true;
  const list = Object.values(services);
  return list.length > 0 && list.every(isRecord) && list.some((s) => typeof s.image === 'string' || 'build' in s);
}

/** Parses YAML whose kind is unknown: a failure is counted, not reported. */
function tryParseYaml(file: SourceFile, onFailure: () => void): ReturnType<typeof parseYaml> | undefined {
  try {
    return parseYaml(file);
  } catch {
    onFailure();
    return undefined;
  }
}

/** Decides the kind of a YAML file from its path and documents. */
function yamlKind(path: string, values: readonly unknown[]): ArtifactKind {
  if (WORKFLOW_PATH.test(path)) return 'workflow';
  if (DEPENDABOT_PATH.test(path)) return 'dependabot';
  const maps = values.filter(isRecord);
  if (maps.some((v) => typeof v.apiVersion === 'string' && typeof v.kind === 'string')) return 'k8s';
  if (maps.some((v) => isCompose(path, v))) return 'compose';
  return 'yaml';
}

/**
 * Parses a YAML stream. Only errors make it a parse error: warnings — an unresolved tag such as
 * mkdocs' `!!python/name:…` or CloudFormation's `!Ref` — leave a usable document (the tagged node
 * keeps its plain value), and duplicate keys are left to the rules of the file's kind.
 */
export function parseYaml(file: SourceFile): { documents: Document.Parsed[]; values: unknown[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(file.text, { prettyErrors: false, uniqueKeys: false, lineCounter });
  const list = Array.isArray(documents) ? documents : [];
  const values: unknown[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw Object.assign(new Error(error.message.split('\n')[0]), { line, column: col });
    }
    try {
      values.push(doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }));
    } catch (e) {
      if (!(e instanceof ReferenceError)) throw e;
      throw new Error(`its aliases expand past the limit of ${YAML_MAX_ALIAS_COUNT} expansions, as an alias bomb does: write repeated values out instead of aliasing them`);
    }
  }
  return { documents: list, values };
}

export interface BuildOptions {
  /** Overrides how git is asked what it tracks (tests; standard input has no work tree). */
  git?: () => GitWorkTree | undefined;
}

export function buildModel(root: string, files: readonly SourceFile[], config: ResolvedConfig, options: BuildOptions = {}): BuiltModel {
  const problems: FileProblem[] = [];
  const dockerfiles: Dockerfile[] = [];
  const dockerignores: DockerIgnore[] = [];
  const deployments: Deployment[] = [];
  const packages: PackageJson[] = [];
  const classified: SourceFile[] = [];
  const envFiles: EnvFile[] = [];
  const appConfigs: AppConfig[] = [];
  const yamlFiles: ParsedYaml[] = [];
  const workflows: Workflow[] = [];
  const systemdUnits: SystemdUnit[] = [];
  const nginxFiles: NginxConfig[] = [];
  const scripts: ShellScript[] = [];
  const markdownDocs: MarkdownDoc[] = [];
  const isProductionEnv = productionEnvMatcher(config.production);
  let unreadYaml = 0;

  const attempt = <T>(file: SourceFile, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      const e = error as { line?: number; column?: number };
      problems.push({ path: file.path, kind: 'parse-error', reason: errorMessage(error), line: e.line, column: e.column });
      return undefined;
    }
  };

  const nxProjects = new Map<string, PackageJson['targets']>();
  for (const file of files) {
    switch (file.kind) {
      case 'dockerfile': {
        const df = attempt(file, () => parseDockerfile(file));
        if (df) dockerfiles.push(df);
        classified.push(file);
        break;
      }
      case 'dockerignore': {
        const di = attempt(file, () => parseDockerignore(file));
        if (di) dockerignores.push(di);
        classified.push(file);
        break;
      }
      case 'package-json': {
        const pkg = attempt(file, () => parsePackageJson(file));
        if (pkg) packages.push(pkg);
        classified.push(file);
        break;
      }
      case 'env': {
        // Syntax problems are part of the model (env/syntax reports them), so an env file always parses.
        envFiles.push(envFileOf(parseEnv(file), isProductionEnv));
        classified.push(file);
        break;
      }
      case 'app-config': {
        const appConfig = attempt(file, () => parseAppConfig(file));
        if (appConfig) appConfigs.push(appConfig);
        classified.push(file);
        break;
      }
      case 'yaml':
      case 'kustomization':
      case 'k8s': {
        // A YAML file is of a kind shipready reads only by its name or content; one that does not parse and says
        // neither (a CI config of another system, test data, an OpenAPI spec) is left alone, not reported.
        const parsed = file.kind === 'yaml' && !looksLikeKnownYaml(file.path, file.text) ? tryParseYaml(file, () => unreadYaml++) : attempt(file, () => parseYaml(file));
        const kind = parsed && file.kind === 'yaml' ? yamlKind(file.path, parsed.values) : file.kind;
        const refined = kind === file.kind ? file : { ...file, kind };
        if (parsed) yamlFiles.push({ file: refined, documents: parsed.documents });
        classified.push(refined);
        const workflow = parsed && kind === 'workflow' ? attempt(file, () => parseWorkflow(refined, parsed.documents[0], yamlLocator(refined))) : undefined;
        if (workflow) workflows.push(workflow);
        break;
      }
      case 'systemd': {
        const unit = attempt(file, () => parseSystemdUnit(file));
        if (unit) systemdUnits.push(unit);
        classified.push(file);
        break;
      }
      case 'nginx': {
        const nginx = attempt(file, () => parseNginx(file));
        if (nginx) nginxFiles.push(nginx);
        classified.push(file);
        break;
      }
      case 'shell':
        scripts.push(parseScript(file));
        classified.push(file);
        break;
      case 'markdown':
        markdownDocs.push(parseMarkdown(file));
        classified.push(file);
        break;
      case 'nx-project': {
        // `project.json` is also a name other tools use: one that does not parse is left alone.
        try {
          nxProjects.set(dirname(file.path), nxTargets(JSON.parse(file.text)));
        } catch {}
        classified.push(file);
        break;
      }
      default:
        classified.push(file);
    }
  }
  // Nx merges a project.json's targets over those of the package.json beside it.
  for (const pkg of packages) Object.assign(pkg.targets, nxProjects.get(pkg.dir));

  const builds = imageBuilds(workflows, packages);
  const manifests = buildManifests({ root, yamlFiles, dockerfiles, packages, envFiles, images: config.images, imageBuilds: builds, attempt });
  let project: Project | undefined;
  const scope = buildScope({
    files: classified,
    production: config.production,
    development: config.development,
    dockerfiles,
    compose: manifests.compose,
    workloads: manifests.k8s.workloads,
    imageBuilds: builds,
    packages,
    // Official images (`node`, `postgres`) are never built here: only namespaced names can name a repository's own image.
    dockerfileOfImage: (image, usedIn) => (image.includes('/') ? manifests.linker.forImage(image, usedIn) : undefined),
    serviceKind: (pkg) => project?.serviceOf(pkg)?.kind,
  });
  deployments.push(...deploymentsOf(manifests.k8s, manifests.compose, envFiles, scope));
  project = makeProject({
    scope,
    k8s: manifests.k8s,
    compose: manifests.compose,
    root,
    files: classified,
    dockerfiles,
    dockerignores,
    packages,
    deployments,
    envFiles,
    appConfigs,
    yamlFiles,
    workflows,
    imageBuilds: builds,
    systemdUnits,
    nginxConfigs: expandIncludes(nginxFiles),
    scripts,
    markdownDocs,
    git: options.git ?? (() => readGitWorkTree(root)),
    services: (p) =>
      buildServices({
        packages,
        sources: p.filesOf('source'),
        packageFor: p.packageFor,
        parse: (file) => attempt(file, () => parseSource(file)),
        onError: (path, error) => problems.push({ path, kind: 'parse-error', reason: `could not be analysed: ${errorMessage(error)}` }),
        containerEntries: nodeEntriesOfImages(p, p.packageFor),
        ships: (pkg) => scope.ships(pkg.file),
      }),
  });
  // Source is parsed here, not on a rule's first look, so its parse errors are reported whichever rules run.
  void project.services;
  if (unreadYaml > 0) {
    manifests.notices.push({ message: `${unreadYaml} YAML ${unreadYaml === 1 ? 'file' : 'files'} of no kind shipready reads (not a manifest, compose file or workflow by name or content) did not parse and ${unreadYaml === 1 ? 'was' : 'were'} skipped` });
  }
  // Assumptions about images that only excluded files run are not worth a line.
  const linkNotices = manifests.linker.notices.filter((n) => n.file === undefined || scope.ships(n.file));
  return { project, problems, notices: [...manifests.notices, ...linkNotices] };
}

/**
 * The scripts Dockerfiles start with `node <script>`, per owning package, as repository paths: the
 * container's path made relative to the WORKDIR is read relative to the build context (the Dockerfile's
 * folder). A path that names no source file in the package is dropped later, when sources are resolved.
 */
function nodeEntriesOfImages(project: Project, packageFor: (dir: string) => PackageJson | undefined): Map<PackageJson, string[]> {
  const entries = new Map<PackageJson, string[]>();
  for (const { dockerfile, stage } of project.runtimeStages) {
    const context = dirname(dockerfile.file);
    const pkg = packageFor(context);
    if (!pkg) continue;
    const workdir = workdirAt(dockerfile, stage).replace(/\/+$/, '');
    for (const call of containerCalls(stage)) {
      const [program, ...args] = call.program.map((w) => w.value);
      if (!program || !/^(?:.*\/)?node(?:js)?$/.test(program)) continue;
      const script = args.find((a) => !a.startsWith('-'));
      if (!script || !/\.[cm]?[jt]s$/.test(script)) continue;
      const inContainer = script.startsWith('/') ? (workdir !== '' && script.startsWith(`${workdir}/`) ? script.slice(workdir.length + 1) : undefined) : script;
      if (inContainer === undefined) continue;
      const list = entries.get(pkg) ?? [];
      list.push(joinPath(context, inContainer.replace(/^\.\//, '')));
      entries.set(pkg, list);
    }
  }
  return entries;
}
