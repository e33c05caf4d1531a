/**
 * The GitHub Action: takes its inputs, runs the same lint as the CLI, and routes the result to
 * annotations, the job summary, a SARIF file, the sticky pull-request comment, outputs and the
 * check's outcome. Filter modes narrow what annotates and gates; the score stays repository-wide.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { UnsafeTarget, writeOutputFile } from '../write-file.ts';
import { join, relative, resolve, sep } from 'node:path';
import { isWithin } from '../discover.ts';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { ConfigError } from '../config.ts';
import type { RunResult } from '../engine.ts';
import { gate } from '../gate.ts';
import { lint, workspacePrefix } from '../lint.ts';
import { annotatedFindings, outcomeLine } from '../reporters/github.ts';
import { printable } from '../reporters/escape.ts';
import { report } from '../reporters/index.ts';
import type { Rule } from '../rule.ts';
import { repositoryPath } from '../reporters/paths.ts';
import { planAnnotations, RunNotes, sendAnnotations } from './annotations.ts';
import { apiChanges, type Changes, gitChanges, scopeOf } from './changes.ts';
import { comparedWith, fetchCommit, lintRevision, renamesSince, type RevisionResult, resolveCommit } from '../revision.ts';
import { commentBody, upsertComment } from './comment.ts';
import { type ActionContext, type ActionInputs, type FilterMode, InputError, readContext, readInputs } from './inputs.ts';
import { blobLinker, bySeverity, statusLines, summaryMarkdown, writeSummary } from './summary.ts';

type Octokit = ReturnType<typeof getOctokit>;

/** The job log gets the text report; stop-commands keeps names in it from being read as workflow commands. */
function logReport(result: RunResult): void {
  const token = randomUUID();
  core.startGroup('shipready report');
  core.info(`::stop-commands::${token}`);
  core.info(report('text', result, { color: false }).replace(/^(?=.)/gm, '  '));
  core.info(`::${token}::`);
  core.endGroup();
  core.info(outcomeLine(result));
}

function writeFile(path: string, text: string, what: string, root: string | undefined): void {
  try {
    writeOutputFile(path, text, root, { createFolders: true });
  } catch (error) {
    if (error instanceof UnsafeTarget) throw new InputError(`${what} ${path}: ${error.message}`);
    throw new InputError(`${what} ${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * The pull request's changed lines: local history first, the pulls API second; undefined means "gate
 * everything". nofilter gates everything anyway and uses them only to annotate changed lines first,
 * so it does not warn when they cannot be had.
 */
async function changesOf(mode: FilterMode, ctx: ActionContext, octokit: Octokit | undefined, notes: RunNotes, quiet = false): Promise<Changes | undefined> {
  const pr = ctx.pullRequest;
  if (!pr) return undefined;
  const local = gitChanges(ctx.workspace, pr.baseSha);
  if (local) return local;
  // nofilter and new gate without them; they only put annotations on changed lines first.
  const warn = (message: string) => !quiet && mode !== 'nofilter' && mode !== 'new' && notes.send('warning', message);
  if (!octokit || !ctx.owner || !ctx.repo) {
    warn(`shipready: filter-mode ${mode} needs the pull request's changes, but the checkout has no history of ${pr.baseSha} and there is no github-token: every finding annotates and gates.`);
    return undefined;
  }
  try {
    return await apiChanges(octokit, ctx.owner, ctx.repo, pr.number);
  } catch (error) {
    warn(`shipready: could not list the pull request's files (${(error as Error).message}): every finding annotates and gates.`);
    return undefined;
  }
}

/**
 * The base of the pull request, linted the same way with its own config: from the checkout's history, else after
 * fetching the base commit (a shallow checkout has only the head). A checkout of the pull request's merge commit
 * (`refs/pull/N/merge`, checkout's default) was merged onto the base branch as it was then, which may be newer than
 * the event's base sha: its first parent is the base. Paths are compared through real paths, as the lint reads them.
 */
async function lintBase(inputs: ActionInputs, ctx: ActionContext, root: string, pinned: Pinned): Promise<RevisionResult | undefined> {
  const pr = ctx.pullRequest;
  if (!pr) return undefined;
  const workTree = realpathSync(ctx.workspace);
  const prefix = relative(workTree, realpathSync(root)).split(sep).join('/');
  const config = inputs.config ? resolve(ctx.workspace, inputs.config) : undefined;
  const mergedOnto = resolveCommit(workTree, 'HEAD^2') === pr.headSha ? resolveCommit(workTree, 'HEAD^1') : undefined;
  const sha = mergedOnto ?? pr.baseSha;
  if (resolveCommit(workTree, sha) === undefined && !fetchCommit(workTree, sha)) return { reason: 'it is not in the checkout and could not be fetched' };
  return lintRevision({ workTree, sha, prefix, config, options: pinned, tempDir: ctx.tempDir, renames: renamesSince(workTree, sha) });
}

/** "+3 since the base (69 → 72)". */
export function changePhrase(head: RunResult, base: RunResult | undefined): string | undefined {
  const now = head.score.score;
  const before = base?.score.score;
  if (now === null || before === null || before === undefined) return undefined;
  const delta = now - before;
  const sign = delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0';
  return `${sign} since the base (${before} → ${now})`;
}

function setOutputs(result: RunResult, passed: boolean, sarifFile: string | undefined, jsonFile: string): void {
  core.setOutput('score', result.score.score ?? '');
  core.setOutput('grade', result.score.grade ?? '');
  core.setOutput('errors', result.counts.error);
  core.setOutput('warnings', result.counts.warning);
  core.setOutput('notices', result.counts.info);
  core.setOutput('passed', passed ? 'true' : 'false');
  core.setOutput('sarif-file', sarifFile ?? '');
  core.setOutput('json-file', jsonFile);
}

/** What tests pin so outcomes do not move as rules are added: the rules and the clock. */
export interface Pinned {
  rules?: readonly Rule[];
  now?: Date;
}

export async function runAction(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), pinned: Pinned = {}): Promise<void> {
  try {
    const inputs = readInputs(env);
    const ctx = readContext(env, cwd);
    const root = resolve(ctx.workspace, inputs.path);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`input path: '${inputs.path}' is not a directory in the workspace`);
    // A folder the checkout links elsewhere is not the repository's to lint.
    if (!isWithin(realpathSync(ctx.workspace), realpathSync(root))) throw new InputError(`input path: '${inputs.path}' leads outside the workspace through a symbolic link`);
    const linted = await lint({
      ...pinned,
      root,
      config: inputs.config && resolve(ctx.workspace, inputs.config),
      baseline: inputs.baseline
        ? { path: resolve(ctx.workspace, inputs.baseline), name: inputs.baseline, label: `input baseline ${inputs.baseline}`, within: ctx.workspace }
        : undefined,
    });
    const { result } = linted;
    const prefix = workspacePrefix(root, ctx.workspace) ?? '';
    const failOn = inputs.failOn ?? linted.failOn;
    const minScore = inputs.minScore ?? linted.minScore;
    logReport(result);

    // The checkout is the repository's: a sarif-file there must not be a link it committed.
    if (inputs.sarifFile) writeFile(resolve(ctx.workspace, inputs.sarifFile), report('sarif', result, { color: false, pathPrefix: prefix }), 'input sarif-file', ctx.workspace);
    const jsonFile = join(ctx.tempDir, `shipready-${ctx.step}.json`);
    writeFile(jsonFile, report('json', result, { color: false }), 'JSON report', undefined);

    const octokit = inputs.token ? getOctokit(inputs.token, { baseUrl: ctx.apiUrl }) : undefined;
    const notes = new RunNotes();
    const pr = ctx.pullRequest;
    const baseLint = pr && (inputs.filterMode === 'new' || inputs.comment || inputs.maxScoreDrop !== undefined) ? await lintBase(inputs, ctx, root, pinned) : undefined;
    const base = baseLint && 'result' in baseLint ? baseLint.result : undefined;
    // Without its base, a pull request is gated on the findings in the files it changes (all of them when those are unknown too).
    const mode: FilterMode = inputs.filterMode === 'new' && pr && !base ? 'file' : inputs.filterMode;
    const changes = await changesOf(mode, ctx, octokit, notes, mode !== inputs.filterMode);
    if (pr && baseLint && 'reason' in baseLint && inputs.filterMode === 'new') {
      notes.send('warning', `shipready: filter-mode new needs the pull request's base ${pr.baseSha}, but ${baseLint.reason}: ${changes ? 'the findings in changed files gate' : 'every finding annotates and gates'} instead.`);
    }
    const unheld = baseLint && 'unheld' in baseLint ? baseLint.unheld : [];
    const compared = base && comparedWith(result.findings, base.findings, unheld);
    const added = compared && new Set(compared.added);
    const scope = scopeOf(mode, changes, added && ((f) => added.has(f)));
    const inScope = annotatedFindings(result).filter((f) => scope.includes(f, repositoryPath(f.file, prefix)));
    const drop = base && inputs.maxScoreDrop !== undefined ? { max: inputs.maxScoreDrop, base: base.score.score, services: base.services, name: 'the base' } : undefined;
    if (pr && baseLint && 'reason' in baseLint && inputs.maxScoreDrop !== undefined) {
      notes.send('warning', `shipready: max-score-drop needs the pull request's base ${pr.baseSha}, but ${baseLint.reason}: the score's drop is not gated.`);
    }
    const verdict = gate(result, failOn, minScore, { findings: inScope, where: scope.where }, drop);

    const fixed = compared?.fixed;
    const change = changePhrase(result, base);
    const link = blobLinker(ctx.serverUrl, ctx.owner, ctx.repo, ctx.sha);
    if (inputs.summary) await writeSummary(summaryMarkdown(result, { scope, verdict, pathPrefix: prefix, link, change, fixed: fixed?.length }), env.GITHUB_STEP_SUMMARY);

    if (inputs.comment) {
      if (!pr || !ctx.owner || !ctx.repo) core.info('shipready: comment: true has no effect outside pull_request events');
      else if (!octokit) notes.send('notice', 'shipready: no pull-request comment: no github-token was given', { title: 'shipready' });
      else {
        const newFindings = bySeverity(added ? inScope.filter((f) => added.has(f)) : inScope);
        const runUrl = env.GITHUB_RUN_ID ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
        const body = commentBody(result, {
          newFindings,
          fixed: fixed && bySeverity(fixed),
          baseKnown: base !== undefined,
          where: scope.where,
          change,
          status: statusLines({ scope, verdict, fixed: fixed?.length }),
          markdown: { pathPrefix: prefix, link },
          runUrl,
        });
        const done = await upsertComment(octokit, { owner: ctx.owner, repo: ctx.repo, number: pr.number }, body, notes);
        core.info(`shipready: pull-request comment ${done}`);
      }
    }

    // Last but the gate's reason (an error annotation too), so the findings take what the run's notes leave.
    if (inputs.annotations) {
      const reserved = { ...notes.sent, error: notes.sent.error + (verdict.passed ? 0 : 1) };
      sendAnnotations(planAnnotations(result, scope, prefix, inputs.summary ? 'The job summary' : 'The step log', reserved));
    }

    setOutputs(result, verdict.passed, inputs.sarifFile, jsonFile);
    if (!verdict.passed) core.setFailed(`Gate failed: ${printable(verdict.reasons.join('; '))}`);
  } catch (error) {
    core.setOutput('passed', 'false');
    if (error instanceof InputError || error instanceof ConfigError) core.setFailed(`shipready: ${error.message}`);
    else core.setFailed(`shipready: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
