/**
 * Dockerfile → typed model with 1-based positions, built on dockerfile-ast (which handles
 * `# escape=`, line continuations, heredocs, flags and JSON forms).
 */
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Loc, SourceFile } from '../types.ts';
import { parseShell, type SimpleCommand } from './shell.ts';

export interface ImageRef {
  /** As written after variable substitution, e.g. `docker.io/library/node:22-alpine@sha256:…`. */
  raw: string;
  registry?: string;
  /** Repository path without registry, with Docker Hub's `library/` removed: `node`, `bitnami/node`. */
  name: string;
  tag?: string;
  digest?: string;
}

export interface DockerFlag {
  name: string;
  value: string | null;
  loc: Loc;
}

export interface Heredoc {
  name: string;
  body: string;
  loc: Loc;
}

export interface DockerInstruction {
  /** Upper-case keyword: RUN, COPY, … */
  keyword: string;
  loc: Loc;
  keywordLoc: Loc;
  /** Arguments with line continuations joined and flags kept, as the builder sees them. */
  args: string;
  argsLoc: Loc | null;
  flags: DockerFlag[];
  /** Arguments after flags, each with its position (shell-form words, or JSON strings). */
  words: { value: string; loc: Loc }[];
  /** Exec (JSON array) form, or null for shell form. */
  exec: string[] | null;
  heredocs: Heredoc[];
}

export interface KeyValue {
  key: string;
  /** Unquoted value; null when written without one (ARG NAME). */
  value: string | null;
  loc: Loc;
  keyLoc: Loc;
  valueLoc: Loc | null;
  instruction: DockerInstruction;
}

export type BaseImage =
  | { type: 'image'; ref: ImageRef }
  | { type: 'stage'; stage: Stage }
  | { type: 'scratch' }
  /** The image is chosen by a build argument without a usable default. */
  | { type: 'variable'; raw: string };

export interface Stage {
  index: number;
  name?: string;
  from: DockerInstruction;
  /** The image reference as written (before ARG substitution) and where. */
  fromImageText: string;
  fromImageLoc: Loc;
  base: BaseImage;
  instructions: DockerInstruction[];
  isFinal: boolean;
}

export interface Dockerfile {
  file: string;
  escape: string;
  /** ARGs declared before the first FROM, with defaults. */
  globalArgs: KeyValue[];
  stages: Stage[];
  /** The stage that becomes the image (the last one). Undefined when the file has no FROM. */
  finalStage?: Stage;
  /** Instructions before the first FROM other than ARG (a build error). */
  orphanInstructions: DockerInstruction[];
}

export function locOf(file: string, range: Range): Loc {
  return {
    file,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Splits `registry/name:tag@digest`. A first segment with `.` or `:` or equal to `localhost` is a registry. */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let name = rest.toLowerCase();
  if ((registry === undefined || registry === 'docker.io' || registry === 'index.docker.io') && name.startsWith('library/')) {
    name = name.slice('library/'.length);
  }
  return { raw, registry, name, tag: tag || undefined, digest: digest || undefined };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Substitutes `$X`/`${X}`/`${X:-d}` from build-arg defaults; returns null when a variable has no value. */
export function substitute(text: string, values: ReadonlyMap<string, string | null>): string | null {
  let unresolved = false;
  const out = text.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare) as string;
    const value = values.get(name);
    const has = value !== undefined && value !== null && value !== '';
    if (op === ':-' || op === '-') {
      if (has) return value as string;
      return word ?? '';
    }
    if (op === ':+' || op === '+') return has ? (word ?? '') : '';
    if (!has) {
      unresolved = true;
      return '';
    }
    return value as string;
  });
  return unresolved ? null : out;
}

function convertInstruction(file: string, ins: AstInstruction): DockerInstruction {
  const keyword = ins.getKeyword().toUpperCase();
  const anyIns = ins as unknown as {
    getFlags?: () => { getName(): string; getValue(): string | null; getRange(): Range }[];
    getJSONStrings?: () => { getJSONValue(): string; getRange(): Range }[];
    getHeredocs?: () => { getName(): string; getContentRange(): Range | null; getStartRange(): Range }[];
  };
  const flags: DockerFlag[] = (anyIns.getFlags?.() ?? []).map((f) => ({
    name: f.getName(),
    value: f.getValue(),
    loc: locOf(file, f.getRange()),
  }));
  const json = anyIns.getJSONStrings?.() ?? [];
  const argsRange = ins.getArgumentsRange();
  const rawArgs = ins.getArgumentsContent() ?? '';
  const exec = json.length > 0 && /^\s*(--\S+\s+)*\[/.test(rawArgs) ? json.map((s) => s.getJSONValue()) : null;
  const words = exec
    ? json.map((s) => ({ value: s.getJSONValue(), loc: locOf(file, s.getRange()) }))
    : ins
        .getArguments()
        .filter((a) => !a.getValue().startsWith('--') || !flags.some((f) => a.getValue().startsWith(`--${f.name}`)))
        .map((a) => ({ value: a.getValue(), loc: locOf(file, a.getRange()) }));
  const doc = ins as unknown as { document?: { getText(r: Range): string } };
  let heredocs: Heredoc[] = [];
  try {
    heredocs = (anyIns.getHeredocs?.() ?? []).map((h) => {
      const content = h.getContentRange();
      const body = content && doc.document ? doc.document.getText(content) : '';
      return { name: h.getName(), body, loc: locOf(file, content ?? h.getStartRange()) };
    });
  } catch {
    heredocs = [];
  }
  return {
    keyword,
    loc: locOf(file, ins.getRange()),
    keywordLoc: locOf(file, ins.getInstructionRange()),
    args: rawArgs,
    argsLoc: argsRange ? locOf(file, argsRange) : null,
    flags,
    words,
    exec,
    heredocs,
  };
}

/** ENV/ARG/LABEL pairs of an instruction, with positions. */
function pairsOf(file: string, ins: AstInstruction, converted: DockerInstruction): KeyValue[] {
  const props = (ins as unknown as { getProperties?: () => PropertyLike[] }).getProperties?.() ?? [];
  return props.map((p) => {
    const valueRange = p.getValueRange();
    return {
      key: p.getName(),
      value: p.getValue(),
      loc: locOf(file, p.getRange()),
      keyLoc: locOf(file, p.getNameRange()),
      valueLoc: valueRange ? locOf(file, valueRange) : null,
      instruction: converted,
    };
  });
}

interface PropertyLike {
  getName(): string;
  getValue(): string | null;
  getRange(): Range;
  getNameRange(): Range;
  getValueRange(): Range | null;
}

const pairCache = new WeakMap<DockerInstruction, KeyValue[]>();

/** ENV, ARG and LABEL pairs of an instruction (empty for other instructions). */
export function pairs(ins: DockerInstruction): KeyValue[] {
  return pairCache.get(ins) ?? [];
}

export function parseDockerfile(source: SourceFile): Dockerfile {
  const file = source.path;
  const ast = DockerfileParser.parse(source.text);
  const globalArgs: KeyValue[] = [];
  const orphanInstructions: DockerInstruction[] = [];
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  let current: Stage | undefined;

  for (const ins of ast.getInstructions()) {
    const converted = convertInstruction(file, ins);
    if (['ENV', 'ARG', 'LABEL'].includes(converted.keyword)) pairCache.set(converted, pairsOf(file, ins, converted));
    if (converted.keyword === 'FROM') {
      const from = ins as unknown as {
        getImage(): string | null;
        getImageRange(): Range | null;
        getBuildStage(): string | null;
      };
      const imageText = from.getImage() ?? '';
      const imageRange = from.getImageRange() ?? ins.getRange();
      const argValues = new Map(globalArgs.map((a) => [a.key, a.value]));
      const resolved = substitute(imageText, argValues);
      let base: BaseImage;
      if (resolved === null || resolved === '') base = { type: 'variable', raw: imageText };
      else if (resolved.toLowerCase() === 'scratch') base = { type: 'scratch' };
      else {
        const parent = byName.get(resolved.toLowerCase()) ?? (/^\d+$/.test(resolved) ? stages[Number(resolved)] : undefined);
        base = parent ? { type: 'stage', stage: parent } : { type: 'image', ref: parseImageRef(resolved) };
      }
      const name = from.getBuildStage() ?? undefined;
      current = {
        index: stages.length,
        name,
        from: converted,
        fromImageText: imageText,
        fromImageLoc: locOf(file, imageRange),
        base,
        instructions: [converted],
        isFinal: false,
      };
      stages.push(current);
      if (name) byName.set(name.toLowerCase(), current);
      continue;
    }
    if (!current) {
      if (converted.keyword === 'ARG') globalArgs.push(...pairs(converted));
      else orphanInstructions.push(converted);
      continue;
    }
    current.instructions.push(converted);
  }
  const finalStage = stages.at(-1);
  if (finalStage) finalStage.isFinal = true;
  return { file, escape: ast.getEscapeCharacter(), globalArgs, stages, finalStage, orphanInstructions };
}

/** The stage and the stages it is built FROM, the oldest ancestor first. */
export function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  let s: Stage | undefined = stage;
  const seen = new Set<Stage>();
  while (s && !seen.has(s)) {
    seen.add(s);
    chain.unshift(s);
    s = s.base.type === 'stage' ? s.base.stage : undefined;
  }
  return chain;
}

/** Instructions that shape the stage's image, including those inherited from parent stages. */
export function effectiveInstructions(stage: Stage, keyword?: string): DockerInstruction[] {
  const all = lineage(stage).flatMap((s) => s.instructions.filter((i) => i.keyword !== 'FROM'));
  return keyword ? all.filter((i) => i.keyword === keyword) : all;
}

/** The base image at the root of the stage's lineage. */
export function rootBase(stage: Stage): Exclude<BaseImage, { type: 'stage' }> {
  const first = lineage(stage)[0] as Stage;
  return first.base as Exclude<BaseImage, { type: 'stage' }>;
}

/** ENV values in effect at the end of the stage (inherited ones included), last write wins. */
export function effectiveEnv(stage: Stage): Map<string, KeyValue> {
  const env = new Map<string, KeyValue>();
  for (const ins of effectiveInstructions(stage, 'ENV')) for (const kv of pairs(ins)) env.set(kv.key, kv);
  return env;
}

/** Shell text a RUN executes: its shell-form arguments and heredoc bodies, or the exec form joined. */
export function runText(ins: DockerInstruction): string {
  if (ins.exec) return ins.exec.join(' ');
  const shellText = withoutFlags(ins.args);
  if (ins.heredocs.length === 0) return shellText;
  const firstLine = (shellText.split(/\r?\n/)[0] ?? '').replace(/<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*["']?/g, '');
  return [firstLine, ...ins.heredocs.map((h) => h.body)].join('\n');
}

/** Removes leading `--flag[=value]` words (RUN --mount=…, COPY --from=…). */
export function withoutFlags(args: string): string {
  return args.replace(/^(\s*--[^\s=]+(=("[^"]*"|\S)*)?)+\s*/, '');
}

/** Simple commands a RUN executes. */
export function runCommands(ins: DockerInstruction): SimpleCommand[] {
  return parseShell(runText(ins));
}
