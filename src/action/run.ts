/**
 * The GitHub Action: takes its inputs, runs the same lint as the CLI, and routes the result to
 * annotations, the job summary, a SARIF file, the sticky pull-request comment, outputs and the
 * check's outcome. Filter modes narrow what annotates and gates; the score stays repository-wide.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { UnsafeTarget, writeOutputFile } from '../write-file.ts';
import { join, relative, resolve } from 'node:path';
import { isWithin } from '../discover.ts';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { ConfigError } from '../config.ts';
import type { RunResult } from '../engine.ts';
import { gate } from '../gate.ts';
import { lint, workspacePrefix } from '../lint.ts';
import { annotatedFindings, outcomeLine } from '../reporters/github.ts';
import { report } from '../reporters/index.ts';
import type { Rule } from '../rule.ts';
import { repositoryPath } from '../reporters/paths.ts';
import { planAnnotations, RunNotes, sendAnnotations } from './annotations.ts';
import { apiChanges, type Changes, extractRevision, gitChanges, scopeOf } from './changes.ts';
import { commentBody, upsertComment } from './comment.ts';
import { type ActionContext, type ActionInputs, InputError, readContext, readInputs } from './inputs.ts';
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
async function changesOf(inputs: ActionInputs, ctx: ActionContext, octokit: Octokit | undefined, notes: RunNotes): Promise<Changes | undefined> {
  const pr = ctx.pullRequest;
  if (!pr) return undefined;
  const local = gitChanges(ctx.workspace, pr.baseSha);
  if (local) return local;
  const warn = (message: string) => inputs.filterMode !== 'nofilter' && notes.send('warning', message);
  if (!octokit || !ctx.owner || !ctx.repo) {
    warn(`shipready: filter-mode ${inputs.filterMode} needs the pull request's changes, but the checkout has no history of ${pr.baseSha} and there is no github-token: every finding annotates and gates.`);
    return undefined;
  }
  try {
    return await apiChanges(octokit, ctx.owner, ctx.repo, pr.number);
  } catch (error) {
    warn(`shipready: could not list the pull request's files (${(error as Error).message}): every finding annotates and gates.`);
    return undefined;
  }
}

/** The base of the pull request, linted the same way, when the checkout has its history; else undefined. */
async function lintBase(inputs: ActionInputs, ctx: ActionContext, prefix: string, pinned: Pinned): Promise<RunResult | undefined> {
  const pr = ctx.pullRequest;
  if (!pr) return undefined;
  const dir = mkdtempSync(join(ctx.tempDir, 'shipready-base-'));
  try {
    if (!extractRevision(ctx.workspace, pr.baseSha, prefix, dir)) return undefined;
    const config = inputs.config && join(dir, relative(ctx.workspace, resolve(ctx.workspace, inputs.config)));
    return (await lint({ ...pinned, root: join(dir, prefix), config: config && existsSync(config) ? config : undefined })).result;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.tar`, { force: true });
  }
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

const keyOf = (f: { ruleId: string; file: string; fingerprint: string }) => `${f.ruleId}\u0000${f.file}\u0000${f.fingerprint}`;

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
    const linted = await lint({ ...pinned, root, config: inputs.config && resolve(ctx.workspace, inputs.config) });
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
    const scope = scopeOf(inputs.filterMode, await changesOf(inputs, ctx, octokit, notes));
    const inScope = annotatedFindings(result).filter((f) => scope.includes(f, repositoryPath(f.file, prefix)));
    const verdict = gate(result, failOn, minScore, { findings: inScope, where: scope.where });

    const base = inputs.comment && ctx.pullRequest ? await lintBase(inputs, ctx, prefix, pinned) : undefined;
    const change = changePhrase(result, base);
    const link = blobLinker(ctx.serverUrl, ctx.owner, ctx.repo, ctx.sha);
    if (inputs.summary) await writeSummary(summaryMarkdown(result, { scope, verdict, pathPrefix: prefix, link, change }), env.GITHUB_STEP_SUMMARY);

    if (inputs.comment) {
      const pr = ctx.pullRequest;
      if (!pr || !ctx.owner || !ctx.repo) core.info('shipready: comment: true has no effect outside pull_request events');
      else if (!octokit) notes.send('notice', 'shipready: no pull-request comment: no github-token was given', { title: 'shipready' });
      else {
        const inBase = new Set(base?.findings.map(keyOf));
        const newFindings = bySeverity(inScope.filter((f) => !inBase.has(keyOf(f))));
        const runUrl = env.GITHUB_RUN_ID ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
        const body = commentBody(result, { newFindings, baseKnown: base !== undefined, where: scope.where, change, status: statusLines({ scope, verdict }), markdown: { pathPrefix: prefix, link }, runUrl });
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
    if (!verdict.passed) core.setFailed(`Gate failed: ${verdict.reasons.join('; ')}`);
  } catch (error) {
    core.setOutput('passed', 'false');
    if (error instanceof InputError || error instanceof ConfigError) core.setFailed(`shipready: ${error.message}`);
    else core.setFailed(`shipready: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
