/**
 * Image builds the repository runs: in CI workflows (`docker/build-push-action`, `docker build` and build scripts in
 * run steps, through the package scripts a step runs) and in package scripts. Each says which Dockerfile and stage
 * it builds, the names it tags the image with, the build arguments it passes, and whether it pushes.
 */
import { escapePointer } from '../parsers/json.ts';
import type { PackageJson } from '../parsers/package-json.ts';
import { matrixVariants, type Workflow } from '../parsers/workflow.ts';
import type { Loc } from '../types.ts';
import { commandsReached, type PackageLookup } from './package-commands.ts';
import { basename, joinPath, resolveRelative } from './project.ts';

export interface ImageBuild {
  dockerfile: string;
  target?: string;
  push: boolean;
  /** Names the image is tagged with, as written (`acme/api:1.4`, `ghcr.io/acme/api:${{ github.sha }}`). */
  tags: readonly string[];
  /** `--build-arg NAME=value` / `build-args:` lines, values as written (`${{ … }}` expressions left in). */
  buildArgs: ReadonlyMap<string, string>;
  /** Built by a CI workflow (else by a package script only). */
  ci: boolean;
  loc: Loc;
}

type Parsed = Omit<ImageBuild, 'loc' | 'ci'>;

const BUILD_PROGRAMS = new Set(['docker', 'podman', 'buildah', 'nerdctl']);
const DOCKERFILE_NAME = /(?:^|\/)(?:[\w.-]+\.)?(?:dockerfile|containerfile)(?:\.[\w.-]+)?$/i;

function cleanPath(path: string): string {
  return resolveRelative('', path.trim()) ?? path.trim();
}

/** `NAME=value` lines (or comma-separated entries) of an action input, and `--build-arg NAME=value` words. */
function buildArgPairs(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const m = /^\s*([A-Za-z_][\w]*)=(.*)$/.exec(line);
    if (m) out.set(m[1] as string, (m[2] as string).trim());
  }
  return out;
}

/** A list input of an action: one entry per line or comma. */
function listInput(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** `docker build -f path/Dockerfile --target prod -t acme/api:1 --build-arg A=b --push ctx`. */
function buildCommand(argv: readonly string[], cwd: string): Parsed | undefined {
  if (!BUILD_PROGRAMS.has(basename(argv[0] ?? ''))) return undefined;
  const rest = argv.slice(1);
  const at = rest[0] === 'buildx' || rest[0] === 'image' ? 1 : 0;
  if (rest[at] !== 'build' && rest[at] !== 'bud') return undefined;
  let file: string | undefined;
  let target: string | undefined;
  let push = false;
  const tags: string[] = [];
  const args: string[] = [];
  const positional: string[] = [];
  const words = rest.slice(at + 1);
  for (let i = 0; i < words.length; i++) {
    const a = words[i] as string;
    const value = (name: string) => (a === name ? words[++i] : a.startsWith(`${name}=`) ? a.slice(name.length + 1) : undefined);
    const f = value('-f') ?? value('--file');
    if (f !== undefined) file = f;
    else if (a === '-t' || a === '--tag' || a.startsWith('--tag=')) {
      const t = value('-t') ?? value('--tag');
      if (t !== undefined) tags.push(t);
    } else if (a === '--build-arg' || a.startsWith('--build-arg=')) {
      const b = value('--build-arg');
      if (b !== undefined) args.push(b);
    } else if (a === '--target' || a.startsWith('--target=')) target = value('--target');
    else if (a === '--push' || /^--output=.*push=true/.test(a)) push = true;
    else if (/^-[a-z]$|^--(?:platform|label|cache-from|cache-to|secret|ssh|network|progress|output|iidfile|metadata-file|builder|load)$/.test(a)) i++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  if (positional.some((p) => p.includes('${{') || p.includes('$'))) return undefined;
  const context = resolveRelative(cwd, positional[0] ?? '.');
  if (context === undefined) return undefined;
  const dockerfile = file !== undefined ? resolveRelative(cwd, file) : joinPath(context, 'Dockerfile');
  if (dockerfile === undefined) return undefined;
  return { dockerfile, target, push, tags, buildArgs: buildArgPairs(args) };
}

/**
 * A build script run in place of `docker build` (`zx scripts/build-image.mjs --file=images/app/Dockerfile --push`):
 * an invocation that names a Dockerfile with `--file`, `-f` or `--dockerfile`, with `--target` and `--push` read as
 * docker reads them.
 */
function scriptBuild(argv: readonly string[], cwd: string): Parsed | undefined {
  let file: string | undefined;
  let target: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (name: string) => (a === name ? argv[i + 1] : a.startsWith(`${name}=`) ? a.slice(name.length + 1) : undefined);
    const f = value('--file') ?? value('-f') ?? value('--dockerfile');
    if (f !== undefined && DOCKERFILE_NAME.test(f) && !f.includes('$')) file = f;
    target = value('--target') ?? target;
  }
  const dockerfile = file === undefined ? undefined : resolveRelative(cwd, file);
  if (dockerfile === undefined) return undefined;
  return { dockerfile, target, push: argv.includes('--push'), tags: [], buildArgs: new Map() };
}

/** The builds a command line runs, directly or through the package scripts it names (`npm run build-docker`). */
function buildsOf(argv: readonly string[], cwd: string, pkg: PackageJson | undefined, lookup: PackageLookup): Parsed[] {
  return commandsReached(argv, pkg, lookup).flatMap(({ argv: inner }) => {
    const build = buildCommand(unwrapped(inner), cwd) ?? scriptBuild(inner, cwd);
    return build ? [build] : [];
  });
}

/** The build command a wrapper runs (`node ./extra/env2arg.js docker buildx build …`, `dotenv -- docker build …`): from the build program on. */
function unwrapped(argv: readonly string[]): readonly string[] {
  const at = argv.findIndex((w, k) => k > 0 && BUILD_PROGRAMS.has(basename(w)) && ['build', 'buildx', 'image', 'bud'].includes(argv[k + 1] ?? ''));
  return at === -1 ? argv : argv.slice(at);
}

/**
 * Every image build of the repository: of each workflow's jobs (a `docker push` in the job counts as pushing what it
 * builds) and of each package's scripts (a script CI runs is recorded twice: as CI's build, and as the script's).
 */
export function imageBuilds(workflows: readonly Workflow[], packages: readonly PackageJson[]): ImageBuild[] {
  const out: ImageBuild[] = [];
  const lookup: PackageLookup = { packages };
  const byDir = new Map(packages.map((p) => [p.dir, p]));
  const packageAt = (dir: string) => byDir.get(dir) ?? byDir.get('');
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      const jobPushes = job.steps.some((step) => step.run?.invocations.some((argv) => BUILD_PROGRAMS.has(basename(argv[0] ?? '')) && argv.includes('push')));
      for (const step of job.steps) {
        const action = step.uses?.value ?? '';
        if (/(?:^|\/)[\w-]*build-push-action(?:@|$)/.test(action)) {
          const input = (key: string) => step.with.get(key)?.value;
          const push = input('push');
          // `file: ${{ matrix.dockerfile }}`, `target: ${{ matrix.target }}`: one build per Dockerfile and stage the matrix lists.
          const variants = (key: string) => {
            const written = input(key);
            return written === undefined ? [undefined] : matrixVariants(written, job.matrix).filter((v) => !v.includes('${{'));
          };
          const common = {
            push: (push !== undefined && push.trim() !== 'false') || /push=true/.test(input('outputs') ?? ''),
            tags: listInput(input('tags')),
            buildArgs: buildArgPairs((input('build-args') ?? '').split('\n')),
            ci: true,
            loc: step.uses?.loc ?? step.loc,
          };
          for (const contextText of variants('context')) {
            const context = cleanPath(contextText ?? '.');
            for (const file of variants('file')) {
              for (const target of variants('target')) out.push({ ...common, dockerfile: file !== undefined ? cleanPath(file) : joinPath(context, 'Dockerfile'), target });
            }
          }
          continue;
        }
        const cwd = step.workingDirectory ?? '';
        for (const argv of step.run?.invocations ?? []) {
          for (const build of buildsOf(argv, cwd, packageAt(cwd), lookup)) out.push({ ...build, push: build.push || jobPushes, ci: true, loc: step.run?.loc ?? step.loc });
        }
      }
    }
  }
  for (const pkg of packages) {
    for (const [name, commands] of Object.entries(pkg.scriptCommands)) {
      for (const argv of commands) {
        const build = buildCommand(unwrapped(argv), pkg.dir);
        if (build) out.push({ ...build, ci: false, loc: pkg.at(`/scripts/${escapePointer(name)}`) });
      }
    }
  }
  return out;
}
