/**
 * The sticky pull-request comment: one per pull request, found by a hidden marker and updated in
 * place on every run. It shows the score and grade, the change since the base when known, the gate
 * and the new findings. A token that cannot write (pull requests from forks) posts nothing: a notice
 * says why, and the run still gates.
 */
import type { getOctokit } from '@actions/github';
import type { RunResult } from '../engine.ts';
import { findingsTable, headline, type MarkdownOptions } from '../reporters/markdown.ts';
import { plural } from '../reporters/summary.ts';
import type { Finding } from '../types.ts';
import type { RunNotes } from './annotations.ts';

export const COMMENT_MARKER = '<!-- shipready:pull-request-comment -->';
/** GitHub rejects comments over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
const COMMENT_ROWS = 50;

export interface CommentContent {
  /** Findings this pull request brings: in scope, neither suppressed nor baselined, not in the base when it is known. */
  newFindings: readonly Finding[];
  /** Findings of the base the pull request makes go away, when the base was linted. */
  fixed?: readonly Finding[];
  /** Whether the base was linted, so `newFindings` are new rather than merely in the changed scope. */
  baseKnown: boolean;
  /** Where the findings are when the base is unknown: "in changed files"; '' for the whole repository. */
  where: string;
  /** "+3 since the base (69 → 72)"; absent when unknown. */
  change?: string;
  status: string[];
  markdown: MarkdownOptions;
  /** Link to the workflow run, for the full summary. */
  runUrl?: string;
}

export function commentBody(result: RunResult, content: CommentContent): string {
  const render = (maxRows: number) => {
    const out = [COMMENT_MARKER, headline(result, content.change ? ` (${content.change})` : ''), '', ...content.status, ''];
    const n = content.newFindings.length;
    const title = content.baseKnown ? plural(n, 'new finding') : `${plural(n, 'finding')} ${content.where || 'in the repository'}`;
    out.push(`### ${title}`, '');
    if (n > 0) out.push(...findingsTable(content.newFindings, { ...content.markdown, maxRows }));
    // The base's findings are in its files, which the head may no longer have: no links into the head.
    if (content.fixed && content.fixed.length > 0) out.push('', `### ${plural(content.fixed.length, 'fixed finding')}`, '', ...findingsTable(content.fixed, { pathPrefix: content.markdown.pathPrefix, maxRows }));
    if (content.runUrl) out.push('', `[Full report in the job summary](${content.runUrl})`);
    return `${out.join('\n')}\n`;
  };
  let maxRows = COMMENT_ROWS;
  let body = render(maxRows);
  while (body.length > COMMENT_LIMIT && maxRows > 0) {
    maxRows = Math.floor(maxRows / 2);
    body = render(maxRows);
  }
  return body;
}

type Octokit = ReturnType<typeof getOctokit>;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

function status(error: unknown): number | undefined {
  const value = (error as { status?: unknown }).status;
  return typeof value === 'number' ? value : undefined;
}

/**
 * Creates the comment, or updates the one that carries the marker. Returns what it did; on a
 * permission error (403, or 404 for a token that cannot see the pull request) it posts nothing and
 * says why in a notice. Other errors warn; neither changes the gate.
 */
export async function upsertComment(octokit: Octokit, pr: PullRequestRef, body: string, notes: RunNotes): Promise<'created' | 'updated' | 'skipped'> {
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
    // Ours starts with the marker; a person quoting or pasting it elsewhere in a comment is left alone.
    const existing = comments.find((c) => c.body?.startsWith(COMMENT_MARKER));
    if (existing) {
      await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
      return 'updated';
    }
    await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
    return 'created';
  } catch (error) {
    const code = status(error);
    if (code === 403 || code === 404) {
      notes.send(
        'notice',
        `shipready: no pull-request comment: the token cannot write to this pull request (HTTP ${code}; pull requests from forks get a read-only token). The job summary and annotations have the result, and the gate still applies.`,
        { title: 'shipready' },
      );
    } else {
      notes.send('warning', `shipready: could not post the pull-request comment: ${(error as Error).message}. The gate still applies.`, { title: 'shipready' });
    }
    return 'skipped';
  }
}
