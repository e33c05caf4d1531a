/**
 * Dockerfile → typed model with 1-based positions, built on dockerfile-ast (which handles
 * `# escape=`, line continuations, heredocs, flags and JSON forms).
 */
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Loc, SourceFile } from '../types.ts';
import { isShellProgram, type LocatedCommand, type LocatedWord, locatedCommands, type MappedText, mapText, PositionRecorder, parseShell, sliceMapped, spanOf } from './shell.ts';

export interface ImageRef {
  /** As written after variable substitution, e.g. `docker.io/library/node:22-alpine@sha256:…`. */
  raw: string;
  registry?: string;
  /** Repository path without registry, with Docker Hub's `library/` removed: `node`, `bitnami/node`. */
  name: string;
  tag?: string;
  digest?: string;
}

interface DockerFlag {
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
  /** Where the arguments are written (flags included). */
  argsLoc: Loc | null;
  flags: DockerFlag[];
  /**
   * Arguments after flags, each with its position: shell-form words, or the JSON strings of the exec
   * form (quotes included in the position). For HEALTHCHECK, the `CMD` (or `NONE`) word comes first.
   */
  words: LocatedWord[];
  /** Exec (JSON array) form of the command (for HEALTHCHECK, of what follows `CMD`), or null for shell form. */
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

type BaseImage =
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
}

export interface Dockerfile {
  file: string;
  escape: string;
  /** ARGs declared before the first FROM, with defaults. */
  globalArgs: KeyValue[];
  stages: Stage[];
  /** The stage that becomes the image (the last one). Undefined when the file has no FROM. */
  finalStage?: Stage;
  /**
   * The stage production runs: the final stage, or, when that one is named for development or tests
   * (`AS dev`, `AS test`) or starts no command after a stage named for production that does (an artifact
   * stage), the last stage named for production (`AS production`, `AS runtime`, `AS release`).
   * Undefined when no stage is known to be the production one. Whether the file ships at all (a
   * `Dockerfile.dev`, a base image) is the scope model's question (src/model/scope.ts).
   */
  productionStage?: Stage;
  /** Instructions before the first FROM other than ARG (a build error). */
  orphanInstructions: DockerInstruction[];
}

function locOf(file: string, range: Range): Loc {
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
/** The names of the variables a text uses (`${NODE_TAG}`, `$BASE`, `${A:-b}`), as `substitute` reads them. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => (m[1] ?? m[4]) as string);
}

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

interface AstDocument {
  getText(range?: Range): string;
  offsetAt(position: Range['start']): number;
  positionAt(offset: number): Range['start'];
}

/** The instruction's arguments as the builder joins them (continuations removed), mapped to the file. */
function argumentText(file: string, ins: AstInstruction, doc: AstDocument): MappedText {
  let text = '';
  const positions = new PositionRecorder();
  let after = { line: 1, column: 1 };
  for (const range of ins.getArgumentsRanges()) {
    const start = doc.offsetAt(range.start);
    const piece = doc.getText(range);
    for (let i = 0; i < piece.length; i++) {
      const p = doc.positionAt(start + i);
      positions.push(p.line + 1, p.character + 1);
    }
    text += piece;
    after = { line: range.end.line + 1, column: range.end.character + 1 };
  }
  positions.push(after.line, after.column);
  return positions.mapped(file, text);
}

/** Offsets `[start, end)` of the JSON string literals (quotes included) in text that parsed as a JSON array. */
function jsonStringSpans(text: string, from: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    const start = i;
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    spans.push([start, i + 1]);
  }
  return spans;
}

/** The exec (JSON array of strings) form, as the builder decides it: text that parses as one; anything else is shell form. */
function execForm(text: string): string[] | null {
  if (!text.trimStart().startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** Length of the leading `--flag[=value]` words (RUN --mount=…, COPY --from=…, HEALTHCHECK --interval=…). */
function flagsLength(args: string): number {
  return /^(\s*--[^\s=]+(=("[^"]*"|\S)*)?)+\s*/.exec(args)?.[0].length ?? 0;
}

/** Instructions that have an exec form besides the shell form (HEALTHCHECK after its `CMD` word). */
const COMMAND_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** The instruction's command text (for HEALTHCHECK, what follows `CMD`), mapped to the file; undefined for other instructions. */
const commandTexts = new WeakMap<DockerInstruction, MappedText>();
/** The SHELL in effect at each instruction that runs a shell-form command. */
const shellsOf = new WeakMap<DockerInstruction, readonly string[]>();

function convertInstruction(file: string, ins: AstInstruction): DockerInstruction {
  const keyword = ins.getKeyword().toUpperCase();
  const anyIns = ins as unknown as {
    getFlags?: () => { getName(): string; getValue(): string | null; getRange(): Range }[];
    getJSONStrings?: () => unknown[];
    getHeredocs?: () => { getName(): string; getContentRange(): Range | null; getStartRange(): Range }[];
    document: AstDocument;
  };
  const doc = anyIns.document;
  const flags: DockerFlag[] = (anyIns.getFlags?.() ?? []).map((f) => ({
    name: f.getName(),
    value: f.getValue(),
    loc: locOf(file, f.getRange()),
  }));
  const mapped = argumentText(file, ins, doc);
  const argsRange = ins.getArgumentsRange();
  const rawArgs = mapped.text;
  const flagsEnd = flagsLength(rawArgs);
  // HEALTHCHECK [flags] CMD <command>: the command starts after the `CMD` word.
  const commandStart = keyword === 'HEALTHCHECK' ? flagsEnd + (/^CMD\s+/i.exec(rawArgs.slice(flagsEnd))?.[0].length ?? rawArgs.length) : flagsEnd;
  // Only instructions that have a JSON form (RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME, HEALTHCHECK CMD) can be in exec form.
  const exec = anyIns.getJSONStrings || keyword === 'HEALTHCHECK' ? execForm(rawArgs.slice(commandStart)) : null;
  let heredocs: Heredoc[] = [];
  // Heredoc bodies start on the line after their marker: the instruction's own words end before.
  let bodyLine = Number.POSITIVE_INFINITY;
  try {
    heredocs = (anyIns.getHeredocs?.() ?? []).map((h) => {
      const content = h.getContentRange();
      const body = content ? doc.getText(content) : '';
      bodyLine = Math.min(bodyLine, h.getStartRange().start.line + 2);
      return { name: h.getName(), body, loc: locOf(file, content ?? h.getStartRange()) };
    });
  } catch {
    heredocs = [];
  }
  const afterFlags = { line: mapped.lines[flagsEnd] ?? 0, column: mapped.columns[flagsEnd] ?? 0 };
  const shellWords = ins
    .getArguments()
    .map((a) => ({ value: a.getValue(), loc: locOf(file, a.getRange()) }))
    .filter((w) => w.loc.line < bodyLine && (w.loc.line > afterFlags.line || (w.loc.line === afterFlags.line && w.loc.column >= afterFlags.column)));
  const execWords = jsonStringSpans(rawArgs, commandStart).map(([start, end], i) => ({ value: exec?.[i] ?? '', loc: spanOf(mapped, start, end) }));
  const words = exec ? [...(keyword === 'HEALTHCHECK' ? shellWords.slice(0, 1) : []), ...execWords] : shellWords;
  const converted: DockerInstruction = {
    keyword,
    loc: locOf(file, ins.getRange()),
    keywordLoc: locOf(file, ins.getInstructionRange()),
    argsLoc: argsRange ? locOf(file, argsRange) : null,
    flags,
    words,
    exec,
    heredocs,
  };
  if (COMMAND_KEYWORDS.has(keyword) && commandStart < rawArgs.length) commandTexts.set(converted, sliceMapped(mapped, commandStart));
  return converted;
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

/** Words that mark a Dockerfile or a stage for development or tests, not production. */
const DEVELOPMENT_NAMES = new Set(['dev', 'develop', 'development', 'local', 'debug', 'test', 'tests', 'testing', 'devcontainer', 'watch', 'e2e', 'ci']);
const PRODUCTION_NAMES = new Set(['prod', 'production', 'release', 'runtime', 'runner', 'final', 'deploy']);
const nameWords = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/);

/** True for a stage or build target named for development or tests (`dev`, `test`, `development`). */
export function isDevelopmentName(name: string): boolean {
  return nameWords(name).some((w) => DEVELOPMENT_NAMES.has(w));
}

/** The stage production runs (see Dockerfile.productionStage). */
function productionStageOf(stages: readonly Stage[]): Stage | undefined {
  const final = stages.at(-1);
  const namedForProduction = stages.filter((s) => s !== final && s.name !== undefined && nameWords(s.name).some((w) => PRODUCTION_NAMES.has(w)));
  if (final?.name && isDevelopmentName(final.name)) return namedForProduction.at(-1);
  // A final stage that starts nothing of its own, after a production stage that does, packages or uploads build
  // output (`FROM … AS upload-artifact`, built with `--target release` for production).
  const startsSomething = (stage: Stage) => lineage(stage).some((s) => s.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  if (final && !startsSomething(final)) return namedForProduction.findLast(startsSomething) ?? final;
  return final;
}

/** The shell Linux images run shell-form commands with. */
const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export function parseDockerfile(source: SourceFile): Dockerfile {
  const file = source.path;
  // A BOM would shift every column of the first line (SourceFile already drops it; other callers may not).
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  const ast = DockerfileParser.parse(text);
  const globalArgs: KeyValue[] = [];
  const orphanInstructions: DockerInstruction[] = [];
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  /** The SHELL each stage ends with: a child stage starts with its parent's. */
  const stageShells = new Map<Stage, readonly string[]>();
  let current: Stage | undefined;
  let shell: readonly string[] = DEFAULT_SHELL;

  for (const ins of ast.getInstructions()) {
    const converted = convertInstruction(file, ins);
    if (['ENV', 'ARG', 'LABEL'].includes(converted.keyword)) pairCache.set(converted, pairsOf(file, ins, converted));
    if (converted.keyword === 'SHELL' && converted.exec?.length) shell = converted.exec;
    if (COMMAND_KEYWORDS.has(converted.keyword)) shellsOf.set(converted, shell);
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
        // FROM refers to earlier stages by name only (an index is accepted by COPY --from, not by FROM).
        const parent = byName.get(resolved.toLowerCase());
        base = parent ? { type: 'stage', stage: parent } : { type: 'image', ref: parseImageRef(resolved) };
      }
      const name = from.getBuildStage() ?? undefined;
      if (current) stageShells.set(current, shell);
      shell = (base.type === 'stage' && stageShells.get(base.stage)) || DEFAULT_SHELL;
      current = {
        index: stages.length,
        name,
        from: converted,
        fromImageText: imageText,
        fromImageLoc: locOf(file, imageRange),
        base,
        instructions: [converted],
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
  if (current) stageShells.set(current, shell);
  return { file, escape: ast.getEscapeCharacter(), globalArgs, stages, finalStage: stages.at(-1), productionStage: productionStageOf(stages), orphanInstructions };
}

/** The stage and the stages it is built FROM, the oldest ancestor first. */
export function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  let s: Stage | undefined = stage;
  const seen = new Set<Stage>();
  while (s && !seen.has(s)) {
    seen.add(s);
    chain.push(s);
    s = s.base.type === 'stage' ? s.base.stage : undefined;
  }
  return chain.reverse();
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

const HEREDOC_MARKER = /<<-?\s*(["']?)[A-Za-z_][A-Za-z0-9_]*\1/g;

/**
 * Shell text of a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK, mapped to the file: its command
 * without flags; for a RUN with heredocs, the first line (markers blanked) and, when the shell runs
 * them, the heredoc bodies (`RUN <<EOF`, `RUN <<EOF bash`), not when a program reads them as input
 * (`RUN python3 <<EOF`). None under a SHELL that is not a POSIX shell (powershell, cmd).
 */
function shellTexts(ins: DockerInstruction): MappedText[] {
  const command = commandTexts.get(ins);
  if (!command || ins.exec || !isShellProgram(shellsOf.get(ins)?.[0] ?? '')) return [];
  if (ins.heredocs.length === 0) return [command];
  const lineEnd = command.text.search(/[\r\n]/);
  const firstText = (lineEnd === -1 ? command.text : command.text.slice(0, lineEnd)).replace(HEREDOC_MARKER, (m) => ' '.repeat(m.length));
  const first: MappedText = { file: command.file, text: firstText, lines: command.lines.subarray(0, firstText.length + 1), columns: command.columns.subarray(0, firstText.length + 1) };
  const bodies = ins.heredocs.map((h) => mapText(command.file, h.body, h.loc.line, h.loc.column));
  const commands = parseShell(firstText);
  if (commands.length === 0) return bodies;
  const only = commands.length === 1 ? commands[0] : undefined;
  if (only && isShellProgram(only.words[0]?.value ?? '') && only.words.slice(1).every((w) => w.value.startsWith('-') && !w.value.includes('c'))) return bodies;
  return [first];
}

/**
 * Simple commands of a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK (its test, after `CMD`), each
 * word with its position in the Dockerfile (quotes removed, continuations and heredoc bodies followed).
 * Empty for the exec form, other instructions, and a SHELL that is not a POSIX shell.
 */
export function shellCommands(ins: DockerInstruction): LocatedCommand[] {
  return shellTexts(ins).flatMap(locatedCommands);
}

/**
 * The ENTRYPOINT and CMD the container starts with, as the builder sets them: the last of each wins,
 * an ENTRYPOINT clears a CMD inherited from an earlier stage (not one set in its own stage), and a
 * shell-form ENTRYPOINT ignores CMD (none is returned then). Defaults of the base image itself are not known here.
 */
export function containerCommand(stage: Stage): { entrypoint?: DockerInstruction; cmd?: DockerInstruction } {
  let entrypoint: DockerInstruction | undefined;
  let cmd: DockerInstruction | undefined;
  for (const s of lineage(stage)) {
    let cmdSet = false;
    for (const ins of s.instructions) {
      if (ins.keyword === 'CMD') {
        cmd = ins;
        cmdSet = true;
      } else if (ins.keyword === 'ENTRYPOINT') {
        entrypoint = ins;
        if (!cmdSet) cmd = undefined;
      }
    }
  }
  return { entrypoint, cmd: entrypoint && !entrypoint.exec ? undefined : cmd };
}

/** A stage named by `COPY --from=` / `RUN --mount=from=`: a stage name (any case) or a stage index. */
export function stageByRef(dockerfile: Dockerfile, ref: string): Stage | undefined {
  const lower = ref.toLowerCase();
  const named = dockerfile.stages.find((s) => s.name?.toLowerCase() === lower);
  if (named) return named;
  return /^\d+$/.test(ref) ? dockerfile.stages[Number(ref)] : undefined;
}

interface Copy {
  /** `--from=<stage name|index|image>`; undefined when the sources are in the build context. */
  from?: DockerFlag;
  /** Every word but the destination: paths, URLs, or heredoc markers (`<<EOF`). */
  sources: LocatedWord[];
  destination: LocatedWord;
}

/** What a COPY or ADD copies where; undefined for other instructions and for one without a destination. */
export function copyOf(ins: DockerInstruction): Copy | undefined {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return undefined;
  const destination = ins.words.at(-1);
  if (!destination || ins.words.length < 2) return undefined;
  return { from: ins.flags.find((f) => f.name === 'from'), sources: ins.words.slice(0, -1), destination };
}

/** Where the tag of the stage's image is written (`22-alpine` of `node:22-alpine`), or the whole reference. */
export function imageTagLoc(stage: Stage): Loc {
  const loc = stage.fromImageLoc;
  const text = stage.fromImageText;
  if (stage.base.type !== 'image' || loc.line !== loc.endLine || text.includes('$')) return loc;
  const { tag } = parseImageRef(text);
  if (!tag) return loc;
  const at = text.indexOf('@');
  const end = at === -1 ? text.length : at;
  return { ...loc, column: loc.column + end - tag.length, endColumn: loc.column + end };
}

/** How messages name a stage production runs: `the final stage (FROM node:22)`, or `stage prod (FROM base), which production runs`. */
export function describeStage(dockerfile: Dockerfile, stage: Stage): string {
  if (stage === dockerfile.finalStage) return `the final stage (FROM ${stage.fromImageText})`;
  return `stage ${stage.name ?? stage.index} (FROM ${stage.fromImageText}), which production runs,`;
}
