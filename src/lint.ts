/**
 * One lint, as the CLI and the GitHub Action both run it: config (file and --rule flags), the
 * pipeline with inline suppressions, then the baseline. Callers differ only in where options come
 * from and where the result goes.
 */
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { rules as allRules } from '../rules/index.ts';
import { applyBaseline, type Baseline, loadBaseline } from './baseline.ts';
import { applyRuleFlags, type FailOn, loadConfig } from './config.ts';
import { isWithin } from './discover.ts';
import { type RunOptions, type RunResult, run } from './engine.ts';
import { ENGINE_RULES, type Rule } from './rule.ts';
import { applySuppressions } from './suppress.ts';
import type { SourceFile } from './types.ts';

export interface LintOptions {
  /** Absolute path of the directory to lint. */
  root: string;
  /** Absolute path of the config file (default: the one found in root, if any). */
  config?: string;
  /** `--rule ID=SEVERITY` overrides. */
  ruleFlags?: readonly string[];
  /**
   * Baseline file: absolute path, the name messages call it by (the path as given), what they say it is (default
   * `--baseline NAME`), and the folder no link of it may lead out of (default the root). Undefined: the config's `baseline`, if any; null: none (another revision, compared finding by finding).
   */
  baseline?: { path: string; name: string; label?: string; within?: string } | null;
  /** `--write-baseline`: a baseline the config names but that does not exist yet is the one about to be written, not an error. */
  writingBaseline?: boolean;
  /** The rules to run (default: every rule in rules/index.ts). */
  rules?: readonly Rule[];
  now?: Date;
  /** Files read from elsewhere and linted with the root's (`--manifests -`). */
  extraFiles?: SourceFile[];
  /** What git tracks, when not the root's work tree (a revision read from git's objects). */
  git?: RunOptions['git'];
}

export interface Linted {
  result: RunResult;
  /** The baseline that was applied, if any. */
  baseline?: Baseline;
  /** The gate's settings from the config file (callers' own options override them). */
  failOn: FailOn;
  minScore?: number;
}

/** Throws ConfigError (exit code 2 in the CLI) for a bad config file, --rule flag or baseline. */
export async function lint(options: LintOptions): Promise<Linted> {
  const rules = options.rules ?? allRules;
  const knownIds = [...rules.map((r) => r.id), ...Object.keys(ENGINE_RULES)];
  const config = applyRuleFlags(await loadConfig(options.root, options.config, rules), options.ruleFlags ?? [], knownIds);
  const now = options.now ?? new Date();
  const named = options.baseline === null ? undefined : (options.baseline ?? config.baseline);
  const from = named && options.writingBaseline && named === config.baseline && !existsSync(named.path) ? undefined : named;
  const baseline = from && loadBaseline(from.path, from.name, from.within ?? options.root, from.label);
  const result = await run({
    root: options.root,
    config,
    rules,
    now,
    extraFiles: options.extraFiles,
    git: options.git,
    postprocess: (findings, project) => applySuppressions(findings, project, now, new Set(knownIds), config),
  });
  if (baseline && from) applyBaseline(result, baseline, from.name);
  return { result, baseline, failOn: config.failOn, minScore: config.minScore };
}

/**
 * The root relative to the GitHub workspace (the repository checkout) as a posix path, '' for the
 * checkout itself, so annotations and SARIF carry repository paths. Undefined when there is no
 * workspace or the root lies outside it.
 */
export function workspacePrefix(root: string, workspace: string | undefined): string | undefined {
  if (!workspace) return undefined;
  if (!isWithin(resolve(workspace), root)) return undefined;
  return relative(resolve(workspace), root).split(sep).join('/');
}
