/**
 * What a build stage has in effect at an instruction, as the builder computes it: its environment
 * (ENV, with ARG defaults and earlier ENVs substituted), its working directory, and where a file in
 * its image came from.
 */
import { posix } from 'node:path';
import { copyOf, type DockerInstruction, type Dockerfile, effectiveInstructions, type Heredoc, type KeyValue, lineage, pairs, type Stage, stageByRef, substitute } from '../parsers/dockerfile.ts';
import { type MappedText, mapText } from '../parsers/shell.ts';
import { globMatches } from '../parsers/glob.ts';
import { ancestors, dirname, joinPath, type Project } from './project.ts';

interface EnvValue {
  /** The value after substitution; null when it uses a build argument or variable without a default. */
  value: string | null;
  /** The ENV pair that set it: its value as written, and where. */
  pair: KeyValue;
}

interface Scope {
  env: Map<string, EnvValue>;
  /** Build arguments of the stage that holds the instruction (values after substitution). */
  args: Map<string, string | null>;
  workdir: string;
}

/** Scopes already computed, stage by stage and instruction by instruction (`null`: the end of the stage). */
const scopes = new WeakMap<Stage, Map<DockerInstruction | null, Readonly<Scope>>>();

/** ENV, ARG and WORKDIR in effect just before `before` (at the end of the stage when omitted); computed once per stage and instruction. */
function scopeAt(dockerfile: Dockerfile, stage: Stage, before?: DockerInstruction): Readonly<Scope> {
  const ofStage = scopes.get(stage) ?? new Map<DockerInstruction | null, Readonly<Scope>>();
  scopes.set(stage, ofStage);
  const known = ofStage.get(before ?? null);
  if (known) return known;
  const scope = computeScope(dockerfile, stage, before);
  ofStage.set(before ?? null, scope);
  return scope;
}

function computeScope(dockerfile: Dockerfile, stage: Stage, before?: DockerInstruction): Scope {
  const globals = new Map(dockerfile.globalArgs.map((a) => [a.key, a.value]));
  const scope: Scope = { env: new Map(), args: new Map(), workdir: '/' };
  for (const s of lineage(stage)) {
    // ARGs are scoped to the stage that declares them; ENVs and WORKDIR are inherited.
    scope.args = new Map();
    // What `$NAME` means here, kept up to date pair by pair (an ENV overrides an ARG of the same name):
    // rebuilding it for every pair made one ENV of many pairs quadratic.
    const values = new Map<string, string | null>([...scope.env].map(([k, v]) => [k, v.value] as const));
    for (const ins of s.instructions) {
      if (ins === before) return scope;
      if (ins.keyword === 'ARG') {
        for (const kv of pairs(ins)) {
          const value = kv.value === null ? (globals.get(kv.key) ?? null) : substitute(kv.value, values);
          scope.args.set(kv.key, value);
          if (!scope.env.has(kv.key)) values.set(kv.key, value);
        }
      } else if (ins.keyword === 'ENV') {
        for (const kv of pairs(ins)) {
          const value = kv.value === null ? null : substitute(kv.value, values);
          scope.env.set(kv.key, { value, pair: kv });
          values.set(kv.key, value);
        }
      } else if (ins.keyword === 'WORKDIR' && ins.words[0]) {
        // A WORKDIR from a build argument without a default is unknown: keep the last known one.
        const dir = substitute(ins.words[0].value, values);
        if (dir) scope.workdir = posix.resolve(scope.workdir, dir);
      }
    }
  }
  return scope;
}

/**
 * ENV values in effect just before `before` (at the end of the stage when omitted), inherited ones
 * included, with build-argument defaults and earlier ENVs substituted; an ENV overrides an ARG of the same name.
 */
export function envAt(dockerfile: Dockerfile, stage: Stage, before?: DockerInstruction): ReadonlyMap<string, EnvValue> {
  return scopeAt(dockerfile, stage, before).env;
}

/** The environment a RUN sees: the stage's build arguments and the ENV values in effect (ENV wins). Null: set from a build argument without a default. */
export function runEnvAt(dockerfile: Dockerfile, stage: Stage, before: DockerInstruction): Map<string, string | null> {
  const { env, args } = scopeAt(dockerfile, stage, before);
  return new Map([...args, ...[...env].map(([k, v]) => [k, v.value] as const)]);
}

/** The working directory in effect just before `before` (at the end of the stage when omitted): `/` by default. */
export function workdirAt(dockerfile: Dockerfile, stage: Stage, before?: DockerInstruction): string {
  return scopeAt(dockerfile, stage, before).workdir;
}

type FileSource =
  /** A path relative to the build context. */
  | { type: 'context'; path: string; instruction: DockerInstruction }
  | { type: 'heredoc'; heredoc: Heredoc; instruction: DockerInstruction };

const MAX_STAGE_HOPS = 8;

/** Source paths a COPY of `src` to `dest` would have put at `target` (all absolute, normalized). */
function copiedFrom(src: string, destAbs: string, destIsDir: boolean, target: string): string[] {
  const out: string[] = [];
  const name = posix.basename(target);
  const srcName = posix.basename(src);
  const wildcard = /[*?[]/.test(src);
  if (!destIsDir && !wildcard && target === destAbs) out.push(src);
  if (destIsDir && posix.dirname(target) === destAbs && (wildcard ? globMatches(srcName, name) : srcName === name)) {
    out.push(posix.join(posix.dirname(src), name));
  }
  const prefix = destAbs === '/' ? '/' : `${destAbs}/`;
  if (!wildcard && target.startsWith(prefix)) out.push(posix.join(src, target.slice(prefix.length)));
  return [...new Set(out)];
}

/**
 * Where the file at `imagePath` in the stage's image may come from: every COPY/ADD that could have
 * written it, the latest first, as a build-context path or a heredoc; `COPY --from=<stage>` is
 * followed into that stage. A context path is a candidate: whether it exists decides (the Project knows).
 */
export function fileSources(dockerfile: Dockerfile, stage: Stage, imagePath: string, hops = 0): FileSource[] {
  if (hops > MAX_STAGE_HOPS) return [];
  const target = posix.resolve('/', imagePath);
  const out: FileSource[] = [];
  for (const ins of effectiveInstructions(stage).reverse()) {
    const copy = copyOf(ins);
    if (!copy) continue;
    const destAbs = posix.resolve(workdirAt(dockerfile, stage, ins), copy.destination.value);
    const destIsDir = copy.destination.value.endsWith('/') || copy.destination.value === '.' || copy.sources.length > 1;
    const fromStage = copy.from?.value ? stageByRef(dockerfile, copy.from.value) : undefined;
    if (copy.from && !fromStage) continue; // copied from an external image
    for (const { value: src } of copy.sources) {
      if (src.startsWith('<<')) {
        const heredoc = ins.heredocs.find((h) => h.name === src.replace(/^<<-?(["']?)(.*)\1$/, '$2'));
        if (heredoc && (destIsDir ? posix.join(destAbs, heredoc.name) : destAbs) === target) out.push({ type: 'heredoc', heredoc, instruction: ins });
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
      for (const source of copiedFrom(posix.resolve('/', src), destAbs, destIsDir, target)) {
        if (fromStage) out.push(...fileSources(dockerfile, fromStage, source, hops + 1));
        else out.push({ type: 'context', path: source.slice(1) || '.', instruction: ins });
      }
    }
  }
  return out;
}

const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * The text of the file a command names in the stage's image (`/entrypoint.sh`, `./start.sh`, or a bare
 * name looked up on the PATH), when the Dockerfile puts it there from a heredoc or from the repository
 * (the build context is taken to be the Dockerfile's folder, or the nearest folder above that has the file).
 */
export function imageFileText(project: Project, dockerfile: Dockerfile, stage: Stage, path: string, opts: { operand?: boolean } = {}): MappedText | undefined {
  const inWorkdir = posix.resolve(workdirAt(dockerfile, stage), path);
  // A command name without a slash is looked up on PATH; a file a shell is given to read (`sh start.sh`) is opened from the working directory first.
  const onPath = PATH_DIRS.map((d) => `${d}/${path}`);
  const candidates = path.startsWith('/') ? [path] : path.includes('/') ? [inWorkdir] : opts.operand ? [inWorkdir, ...onPath] : onPath;
  for (const candidate of candidates) {
    for (const source of fileSources(dockerfile, stage, candidate)) {
      if (source.type === 'heredoc') return mapText(dockerfile.file, source.heredoc.body, source.heredoc.loc.line, source.heredoc.loc.column);
      for (const context of ancestors(dirname(dockerfile.file))) {
        const file = project.file(posix.normalize(joinPath(context, source.path)));
        if (file) return mapText(file.path, file.text);
      }
    }
  }
  return undefined;
}
