/**
 * The pipeline: discover → parse → model → rules → suppress → score. Reporters and the gate
 * take the RunResult this returns.
 */
import { countServiceFindings, type ServiceScore, serviceScores } from './service-scores.ts';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defaultConfig, type ResolvedConfig } from './config.ts';
import { discover, type FileProblem } from './discover.ts';
import { type BuildOptions, buildModel } from './model/build.ts';
import { type GitWorkTree, readGitWorkTree } from './model/git.ts';
import type { Project } from './model/project.ts';
import type { Excluded } from './model/scope.ts';
import { ENGINE_RULES, type Rule } from './rule.ts';
import { computeScore } from './score.ts';
import type { Counts, Evaluation, Finding, Loc, Notice, RawFinding, Score, Severity, SourceFile } from './types.ts';
import { helpUri, VERSION } from './version.ts';

export interface RunOptions {
  root: string;
  /** Overrides how git is asked what it tracks (tests). */
  git?: () => GitWorkTree | undefined;
  config?: ResolvedConfig;
  /** The rules to run (default: every rule in rules/index.ts). */
  rules?: readonly Rule[];
  /** The clock (default: now). */
  now?: Date;
  /** Files to analyse instead of discovering the root (tests, stdin). */
  files?: SourceFile[];
  /** Files read from elsewhere and analysed with the discovered ones (`--manifests -`: standard input as `<stdin>`). */
  extraFiles?: SourceFile[];
}

export interface RunResult {
  version: string;
  root: string;
  findings: Finding[];
  evaluations: Evaluation[];
  score: Score;
  /** One score per deployable unit when the repository has several (src/service-scores.ts); empty otherwise. */
  services: ServiceScore[];
  /** Findings that gate: neither suppressed nor baselined. */
  counts: Counts;
  notices: Notice[];
  /** Artifacts left out of production judgement (development, tests, examples, build-only images), with the reason. */
  excluded: Excluded[];
  /** Metadata of every rule that ran (for SARIF and docs links). */
  rules: RuleInfo[];
  config: ResolvedConfig;
}

export interface RuleInfo {
  id: string;
  title: string;
  category: Rule['category'];
  severity: Severity;
  rationale: string;
  fix: string;
  /** Judges the repository as a whole: not in any service's score. */
  repositoryLevel?: true;
}

/** Effective severity of a rule under a config, or 'off'. */
export function severityOf(rule: Pick<Rule, 'id' | 'severity'>, config: ResolvedConfig): Severity | 'off' {
  return config.rules.get(rule.id)?.severity ?? rule.severity;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Fingerprint: rule, file, the offending line's text (whitespace-normalised) and the message id,
 * plus an occurrence counter for identical lines — so it survives edits elsewhere in the file.
 */
export function fingerprintFindings(findings: Finding[], fileText: (path: string) => string[] | undefined): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const line = fileText(f.file)?.[f.line - 1] ?? '';
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.messageId ?? ''}\u0000${normalise(line)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function engineFinding(ruleId: keyof typeof ENGINE_RULES, loc: Loc, message: string, config: ResolvedConfig): Finding | undefined {
  const meta = ENGINE_RULES[ruleId];
  const severity = severityOf(meta, config);
  if (severity === 'off') return undefined;
  return {
    ruleId,
    severity,
    category: meta.category,
    ...loc,
    message,
    help: helpUri(ruleId),
    fingerprint: '',
  };
}

export function problemFinding(problem: FileProblem, config: ResolvedConfig): Finding | undefined {
  const line = problem.line ?? 1;
  const column = problem.column ?? 1;
  const loc: Loc = { file: problem.path, line, column, endLine: line, endColumn: column };
  if (problem.kind === 'skipped') return engineFinding('shipready/skipped-file', loc, `${problem.path} was not checked: ${problem.reason}`, config);
  return engineFinding('shipready/parse-error', loc, `${problem.path} could not be parsed: ${problem.reason}`, config);
}

/** Runs every enabled rule over the project; returns evaluations and findings (unsuppressed). */
export function evaluate(project: Project, rules: readonly Rule[], config: ResolvedConfig, now: Date): { evaluations: Evaluation[]; findings: Finding[] } {
  const evaluations: Evaluation[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === 'off') continue;
    const options = { ...(rule.options?.defaults ?? {}), ...(config.rules.get(rule.id)?.options ?? {}) };
    const bySubject = new Map<string, Evaluation>();
    rule.check({
      project,
      options,
      now,
      subject(name: string) {
        let evaluation = bySubject.get(name);
        if (!evaluation) {
          evaluation = { ruleId: rule.id, subject: name, severity, category: rule.category, outcome: 'pass' };
          bySubject.set(name, evaluation);
          evaluations.push(evaluation);
        }
        const current = evaluation;
        return {
          report(messageId: string, data: unknown, at: Loc) {
            const make = rule.messages[messageId];
            if (!make) throw new Error(`${rule.id}: unknown message id '${messageId}'`);
            const raw: RawFinding = { messageId, message: make(data), loc: at };
            current.outcome = 'fail';
            findings.push({
              ruleId: rule.id,
              severity,
              category: rule.category,
              file: raw.loc.file,
              line: raw.loc.line,
              column: raw.loc.column,
              endLine: raw.loc.endLine,
              endColumn: raw.loc.endColumn,
              message: raw.message,
              help: helpUri(rule.id),
              fingerprint: '',
              subject: current.subject,
              messageId,
            });
          },
        };
      },
    });
  }
  return { evaluations, findings };
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.suppressed && !f.baselined) counts[f.severity]++;
  return counts;
}

/** Marks evaluations whose every finding was suppressed inline as accepted. */
export function acceptSuppressed(evaluations: Evaluation[], findings: readonly Finding[]): void {
  const open = new Set<string>();
  const any = new Set<string>();
  for (const f of findings) {
    if (!f.subject) continue;
    const key = `${f.ruleId}\u0000${f.subject}`;
    any.add(key);
    if (!f.suppressed) open.add(key);
  }
  for (const e of evaluations) {
    const key = `${e.ruleId}\u0000${e.subject}`;
    if (e.outcome === 'fail' && any.has(key) && !open.has(key)) e.accepted = true;
  }
}

export interface AnalyzeInput {
  root: string;
  files: SourceFile[];
  problems?: FileProblem[];
  notices?: Notice[];
  rules: readonly Rule[];
  config: ResolvedConfig;
  now: Date;
  /** Overrides how git is asked what it tracks (tests). */
  git?: BuildOptions['git'];
  /** Post-processing of findings before scoring (suppressions, baseline). */
  postprocess?: (findings: Finding[], project: Project) => Finding[];
}

export function analyze(input: AnalyzeInput): RunResult {
  const { config } = input;
  const model = buildModel(input.root, input.files, config, { git: input.git });
  const { evaluations, findings } = evaluate(model.project, input.rules, config, input.now);
  for (const problem of [...(input.problems ?? []), ...model.problems]) {
    const f = problemFinding(problem, config);
    if (f) findings.push(f);
  }
  const processed = input.postprocess ? input.postprocess(findings, model.project) : findings;
  processed.sort(compareFindings);
  fingerprintFindings(processed, (path) => model.project.file(path)?.lines);
  acceptSuppressed(evaluations, processed);
  evaluations.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  const ruleInfos: RuleInfo[] = input.rules
    .map((r) => ({ id: r.id, title: r.title, category: r.category, severity: severityOf(r, config), rationale: r.rationale, fix: r.fix, ...(r.repositoryLevel ? { repositoryLevel: r.repositoryLevel } : {}) }))
    .filter((r): r is RuleInfo => r.severity !== 'off');
  for (const meta of Object.values(ENGINE_RULES)) {
    const severity = severityOf(meta, config);
    if (severity !== 'off') ruleInfos.push({ ...meta, severity });
  }
  const excluded = [...model.project.scope.excluded];
  const excludedNotice: Notice[] =
    excluded.length === 0
      ? []
      : [
          {
            message: `${excluded.length} ${excluded.length === 1 ? 'artifact was' : 'artifacts were'} left out as development, test, example or build-only (\`--format json\` lists each as \`excluded\`, with the reason); list globs under \`production\` or \`development\` in .shipready.yml to decide otherwise`,
          },
        ];
  const result: RunResult = {
    version: VERSION,
    root: input.root,
    findings: processed,
    evaluations,
    score: computeScore(evaluations),
    services: serviceScores(model.project, evaluations, input.rules),
    counts: countFindings(processed),
    notices: [...(input.notices ?? []), ...model.notices, ...excludedNotice],
    excluded,
    rules: ruleInfos,
    config,
  };
  countServiceFindings(result);
  return result;
}

/** Discovers the root and analyses it. */
export async function run(options: RunOptions & { postprocess?: AnalyzeInput['postprocess'] }): Promise<RunResult> {
  const config = options.config ?? defaultConfig();
  const root = resolve(options.root);
  const rules = options.rules ?? (await import('../rules/index.ts')).rules;
  const now = options.now ?? new Date();
  if (options.files) {
    return analyze({ root, files: options.files, rules, config, now, postprocess: options.postprocess });
  }
  // git is asked once: discovery reads tracked files that a .gitignore matches, and rules ask what is tracked.
  const gitTree = options.git ? options.git() : readGitWorkTree(root);
  const tracked = gitTree && { file: (path: string) => gitTree.tracked(path), dir: (path: string) => gitTree.holdsTracked(path) };
  const discovery = await discover({ root, ignore: config.ignore, tracked });
  return analyze({
    git: () => gitTree,
    root,
    files: [...discovery.files, ...(options.extraFiles ?? [])],
    problems: discovery.problems,
    notices: discovery.notices,
    rules,
    config,
    now,
    postprocess: options.postprocess,
  });
}
