/**
 * GitHub Actions workflows → triggers, jobs and steps with positions. A step's `run` text is read
 * by the shell reader (src/parsers/shell.ts) with every word placed where it is written; matrix
 * values are substituted into `${{ matrix.<key> }}` so a rule sees every command a matrix runs.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type Node, type Pair, Scalar, type YAMLMap } from 'yaml';
import type { Loc, SourceFile } from '../types.ts';
import { type LocatedCommand, locatedCommands, type MappedText, mapText, PositionRecorder, parseShell } from './shell.ts';
import { mapAt, pairOf, type RangeLoc, scalarString, stringAt } from './yaml-loc.ts';

export interface Located<T> {
  value: T;
  loc: Loc;
}

export interface WorkflowRun {
  text: string;
  loc: Loc;
  /** The simple commands as written, each word placed in the file. */
  commands: LocatedCommand[];
  /**
   * The argument lists the step runs, once per matrix value substituted into `${{ matrix.<key> }}`
   * (the commands as written when the text names no matrix key).
   */
  invocations: string[][];
}

export interface WorkflowStep {
  loc: Loc;
  name?: string;
  /** An action: `actions/setup-node@v4`, `./.github/actions/test`, `docker://…`. */
  uses?: Located<string>;
  /** The action's inputs (`with:`), scalars as strings, each at its value. */
  with: ReadonlyMap<string, Located<string>>;
  run?: WorkflowRun;
  /** `working-directory` of the step, else of the job's or the workflow's `defaults.run` (relative, no `./`). */
  workingDirectory?: string;
}

export interface WorkflowJob {
  id: string;
  /** The job's key. */
  loc: Loc;
  steps: WorkflowStep[];
  /** A reusable workflow the job calls (`./.github/workflows/test.yml`, `org/repo/.github/workflows/x.yml@v1`). */
  uses?: Located<string>;
  /** For a call of a workflow of this repository: its path relative to the root. */
  calls?: string;
  /** `strategy.matrix`: each key's scalar values (from its list and from `include` entries). */
  matrix: ReadonlyMap<string, readonly string[]>;
}

export interface Workflow {
  file: string;
  name?: string;
  /** The `on:` key. */
  onLoc: Loc;
  /** Events that trigger it, each at its name: `push`, `pull_request`, `pull_request_target`, `workflow_call`, … */
  triggers: Located<string>[];
  jobs: WorkflowJob[];
}

function fail(message: string, loc: Loc | undefined): never {
  throw Object.assign(new Error(message), loc ? { line: loc.line, column: loc.column } : {});
}

function relativeDir(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  const cleaned = dir.replace(/^\.\/+/, '').replace(/\/+$/, '');
  return cleaned === '.' ? '' : cleaned;
}

/** The text of a scalar with the file position of each character (exact for literal blocks and one-line scalars). */
function mappedScalar(source: SourceFile, node: Scalar, at: RangeLoc): MappedText {
  const text = String(node.value);
  const start = at(node.range);
  if (node.type === Scalar.BLOCK_LITERAL) {
    const positions = new PositionRecorder();
    const lines = text.split('\n');
    lines.forEach((valueLine, i) => {
      const fileLine = start.line + 1 + i;
      const written = source.lines[fileLine - 1] ?? '';
      const indent = valueLine.length > 0 ? Math.max(0, written.length - valueLine.length) : 0;
      for (let c = 0; c <= valueLine.length; c++) positions.push(fileLine, indent + 1 + c);
    });
    // One position per character plus the end: the last line's extra entry is the end position.
    return positions.mapped(source.path, text);
  }
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  return mapText(source.path, text, start.line, start.column + (quoted ? 1 : 0));
}

const MATRIX_REF = /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g;

/**
 * The text as written, and once per value of each matrix key it names substituted into `${{ matrix.<key> }}`
 * (`file: ${{ matrix.dockerfile }}` → every Dockerfile the matrix lists).
 */
export function matrixVariants(text: string, matrix: ReadonlyMap<string, readonly string[]>): string[] {
  const keys = new Set([...text.matchAll(MATRIX_REF)].map((m) => m[1] as string));
  const variants = [text];
  for (const key of keys) {
    for (const value of matrix.get(key) ?? []) variants.push(text.replace(MATRIX_REF, (all, k: string) => (k === key ? value : all)));
  }
  return [...new Set(variants)];
}

function invocationsOf(text: string, matrix: ReadonlyMap<string, readonly string[]>): string[][] {
  return matrixVariants(text, matrix).flatMap((t) => parseShell(t).map((c) => c.words.map((w) => w.value)));
}

function matrixOf(job: YAMLMap): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const matrix = mapAt(job, 'strategy', 'matrix');
  const add = (key: string, value: unknown) => {
    const text = scalarString(value);
    if (text === undefined) return;
    const list = out.get(key) ?? [];
    list.push(text);
    out.set(key, list);
  };
  for (const pair of matrix?.items ?? []) {
    const key = scalarString(pair.key);
    if (key === undefined) continue;
    if (key === 'exclude' || !isSeq(pair.value)) continue;
    if (key !== 'include') for (const item of pair.value.items) add(key, item);
    else for (const entry of pair.value.items) if (isMap(entry)) for (const p of entry.items) add(scalarString(p.key) ?? '', p.value);
  }
  return out;
}

function parseStep(source: SourceFile, node: unknown, at: RangeLoc, matrix: ReadonlyMap<string, readonly string[]>, defaultDir: string | undefined): WorkflowStep {
  if (!isMap(node)) fail('a step must be a mapping (`- run: …` or `- uses: …`)', isScalar(node) || isSeq(node) ? at(node.range) : undefined);
  const inputs = new Map<string, Located<string>>();
  for (const p of mapAt(node, 'with')?.items ?? []) {
    const key = scalarString(p.key);
    const value = scalarString(p.value);
    if (key !== undefined && value !== undefined && isScalar(p.value)) inputs.set(key, { value, loc: at(p.value.range) });
  }
  const step: WorkflowStep = { loc: at(node.range), with: inputs, workingDirectory: relativeDir(stringAt(node, 'working-directory')) ?? defaultDir };
  const name = stringAt(node, 'name');
  if (name !== undefined) step.name = name;
  const uses = pairOf(node, 'uses')?.value;
  const usesText = scalarString(uses);
  if (usesText !== undefined && isScalar(uses)) step.uses = { value: usesText, loc: at(uses.range) };
  const run = pairOf(node, 'run')?.value;
  if (isScalar(run) && scalarString(run) !== undefined) {
    const mapped = mappedScalar(source, run, at);
    step.run = { text: mapped.text, loc: at(run.range), commands: locatedCommands(mapped), invocations: invocationsOf(mapped.text, matrix) };
  }
  return step;
}

function parseJob(source: SourceFile, pair: Pair<Node, Node | null>, at: RangeLoc, workflowDir: string | undefined): WorkflowJob {
  const id = scalarString(pair.key) ?? '';
  const loc = at(pair.key.range);
  const node = pair.value;
  if (!isMap(node)) fail(`job \`${id}\` must be a mapping with \`steps:\` or \`uses:\``, loc);
  const matrix = matrixOf(node);
  const defaultDir = relativeDir(stringAt(node, 'defaults', 'run', 'working-directory')) ?? workflowDir;
  const stepsNode = pairOf(node, 'steps')?.value;
  if (stepsNode && !isSeq(stepsNode)) fail(`\`steps\` of job \`${id}\` must be a list`, at(stepsNode.range));
  const job: WorkflowJob = { id, loc, steps: (stepsNode?.items ?? []).map((s) => parseStep(source, s, at, matrix, defaultDir)), matrix };
  const uses = pairOf(node, 'uses')?.value;
  const usesText = scalarString(uses);
  if (usesText !== undefined && isScalar(uses)) {
    job.uses = { value: usesText, loc: at(uses.range) };
    if (usesText.startsWith('./')) job.calls = usesText.slice(2).replace(/@.*$/, '');
  }
  return job;
}

function triggersOf(node: Node | null, at: RangeLoc): Located<string>[] {
  if (isScalar(node)) {
    const event = scalarString(node);
    return event ? [{ value: event, loc: at(node.range) }] : [];
  }
  if (isSeq(node)) return node.items.flatMap((item) => (isScalar(item) || isSeq(item) || isMap(item) ? triggersOf(item as Node, at) : []));
  if (isMap(node)) {
    return node.items.flatMap((p) => {
      const event = scalarString(p.key);
      return event !== undefined && isScalar(p.key) ? [{ value: event, loc: at(p.key.range) }] : [];
    });
  }
  return [];
}

/**
 * Reads the first document of a workflow file. Throws (with a position) when it is not a workflow; undefined for a
 * file with nothing in it (every line commented out: a workflow switched off, which GitHub never runs).
 */
export function parseWorkflow(source: SourceFile, document: Document.Parsed | undefined, at: RangeLoc): Workflow | undefined {
  const root = document?.contents;
  if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) return undefined;
  if (!isMap(root)) fail('a workflow must be a mapping with `on:` and `jobs:`', root ? at(root.range) : { file: source.path, line: 1, column: 1, endLine: 1, endColumn: 1 });
  const on = pairOf(root, 'on');
  if (!on) fail('a workflow needs `on:` (the events that trigger it)', at(root.range));
  const jobsNode = pairOf(root, 'jobs');
  if (!jobsNode || !isMap(jobsNode.value)) fail('a workflow needs `jobs:`, a mapping of job ids to jobs', jobsNode ? at(jobsNode.key.range) : at(root.range));
  const workflowDir = relativeDir(stringAt(root, 'defaults', 'run', 'working-directory'));
  const workflow: Workflow = {
    file: source.path,
    onLoc: at(on.key.range),
    triggers: triggersOf(on.value, at),
    jobs: jobsNode.value.items.filter((p): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key)).map((p) => parseJob(source, p, at, workflowDir)),
  };
  const name = stringAt(root, 'name');
  if (name !== undefined) workflow.name = name;
  return workflow;
}

/** True when the workflow runs on pull requests (`pull_request` or `pull_request_target`). */
export function runsOnPullRequests(workflow: Workflow): boolean {
  return workflow.triggers.some((t) => t.value === 'pull_request' || t.value === 'pull_request_target');
}
