/**
 * The job summary: the Markdown report (score and grade first, categories, what cost points) with
 * the gate's verdict, the findings in the pull request's scope linked to the blob at the commit,
 * and every finding folded in <details>; kept under GitHub's 1 MiB limit.
 */
import * as core from '@actions/core';
import type { RunResult } from '../engine.ts';
import type { GateResult } from '../gate.ts';
import { escapeMarkdown, pathToUriReference } from '../reporters/escape.ts';
import { formatMarkdown, type MarkdownOptions } from '../reporters/markdown.ts';
import { plural } from '../reporters/summary.ts';
import { repositoryPath } from '../reporters/paths.ts';
import { annotatedFindings } from '../reporters/github.ts';
import { SEVERITIES, type Finding } from '../types.ts';
import type { Scope } from './changes.ts';

/** GitHub's limit for one step's summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

export interface SummaryContext {
  scope: Scope;
  verdict: GateResult;
  pathPrefix: string;
  /** Links findings to their lines (blobLinker); absent outside a runner. */
  link?: MarkdownOptions['link'];
  /** Score change since the pull request's base, when it could be measured. */
  change?: string;
  /** How many findings of the base the pull request fixes, when the base was linted. */
  fixed?: number;
}

/** A link to the finding's lines in the blob at the commit. */
export function blobLink(blobBase: string, path: string, f: Finding): string {
  const lines = f.endLine > f.line ? `L${f.line}-L${f.endLine}` : `L${f.line}`;
  return `${blobBase}/${pathToUriReference(path)}#${lines}`;
}

/** Links to `${server}/${owner}/${repo}/blob/${sha}` when the runner names all four. */
export function blobLinker(server: string, owner?: string, repo?: string, sha?: string): MarkdownOptions['link'] {
  if (!owner || !repo || !sha) return undefined;
  const base = `${server}/${owner}/${repo}/blob/${sha}`;
  return (path, f) => blobLink(base, path, f);
}

/** Most severe first; the report's order (file, line) within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return SEVERITIES.flatMap((severity) => findings.filter((f) => f.severity === severity));
}

/** The lines after the counts: the gate, what it covered, the change since the base. */
export function statusLines(ctx: Pick<SummaryContext, 'scope' | 'verdict' | 'change' | 'fixed'>): string[] {
  // Reasons may name a service, whose name and folder the repository chooses: escaped like any repository text.
  const gateLine = ctx.verdict.passed ? '**Gate: passed.**' : `**Gate: failed**: ${escapeMarkdown(ctx.verdict.reasons.join('; '))}.`;
  const covered = ctx.scope.where
    ? `Annotations and the gate cover the findings ${ctx.scope.where} (filter-mode \`${ctx.scope.mode}\`); the score covers the whole repository.`
    : 'Annotations and the gate cover every finding in the repository.';
  const fixed = ctx.fixed ? [`Fixed since the base: ${plural(ctx.fixed, 'finding')}.`] : [];
  return [gateLine, covered, ...(ctx.change ? [`Change since the base: ${ctx.change}.`] : []), ...fixed];
}

/** The summary's Markdown, with fewer table rows (then a count of the rest) until it fits `limit` bytes. */
export function summaryMarkdown(result: RunResult, ctx: SummaryContext, limit = SUMMARY_LIMIT): string {
  const { scope, pathPrefix, link } = ctx;
  const focus = bySeverity(annotatedFindings(result).filter((f) => scope.includes(f, repositoryPath(f.file, pathPrefix))));
  const status = statusLines(ctx);
  const options: MarkdownOptions = {
    pathPrefix,
    link,
    focus: { title: scope.where ? `Findings ${scope.where}` : 'Findings by severity', findings: focus },
  };
  let maxRows = result.findings.length;
  for (;;) {
    const rowsNote = maxRows < result.findings.length ? [`The tables below show at most ${maxRows} rows each to stay under GitHub’s 1 MiB limit for a job summary; the JSON report (output \`json-file\`) has every finding.`] : [];
    const text = formatMarkdown(result, { ...options, status: [...status, ...rowsNote], maxRows });
    if (Buffer.byteLength(text) <= limit) return text;
    if (maxRows === 0) {
      // Notes alone are too long: cut at a line boundary and say so.
      const note = '\n\n…the summary was cut here to stay under GitHub’s 1 MiB limit; the SARIF and JSON files have everything.\n';
      const cut = Buffer.from(text).subarray(0, limit - Buffer.byteLength(note)).toString('utf8');
      return `${cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}${note}`;
    }
    maxRows = Math.floor(maxRows / 2);
  }
}

/** Writes the summary to GITHUB_STEP_SUMMARY; without one (not on a runner) says so in the log. */
export async function writeSummary(markdown: string, summaryFile: string | undefined): Promise<void> {
  if (!summaryFile) {
    core.info('shipready: no GITHUB_STEP_SUMMARY file: job summary not written');
    return;
  }
  await core.summary.addRaw(markdown, true).write();
}
