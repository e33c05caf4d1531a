/**
 * Markdown for job summaries and pull-request comments: score and grade first, category scores, what
 * cost the most points, then the findings. Text from the repository is escaped (escape.ts): a file
 * name cannot inject HTML, links or table cells.
 */
import type { RunResult } from '../engine.ts';
import type { Finding } from '../types.ts';
import { helpUri } from '../version.ts';
import { escapeMarkdown, markdownCode, markdownMessage, markdownUrl } from './escape.ts';
import { repositoryPath } from './paths.ts';
import {
  acceptedFindings,
  countsPhrase,
  openFindings,
  plural,
  pointsLost,
  scorePhrase,
  serviceCountsPhrase,
  serviceScorePhrase,
  setAsidePhrase,
  topCosts,
  WEIGHTS_NOTE,
} from './summary.ts';

/** Rows of the findings table; past this the table ends with a count (comments are capped at 64 KiB). */
export const MAX_MARKDOWN_ROWS = 200;

export interface MarkdownOptions {
  /** Posix path of the scanned root inside the checkout: file cells then show paths from the checkout. */
  pathPrefix?: string;
  /** A link to a finding's lines (e.g. the blob at the commit), given its path in the checkout; the file cell links there. */
  link?: (path: string, finding: Finding) => string;
  /** Lines shown right after the counts (e.g. the gate's verdict). */
  status?: string[];
  /**
   * Findings shown first under their own heading (e.g. those a pull request's changes touch); the full
   * list then follows folded in `<details>`.
   */
  focus?: { title: string; findings: readonly Finding[] };
  /** Rows per findings table (default MAX_MARKDOWN_ROWS). */
  maxRows?: number;
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** Rule ids and their docs links are ours, not the repository's. */
function ruleLink(ruleId: string): string {
  return `[${markdownCode(ruleId)}](${helpUri(ruleId)})`;
}

const position = (f: Finding) => `${f.line}:${f.column}`;

/** The first line: "## shipready readiness: **72/100**, grade **C**", then `suffix` (already Markdown). */
export function headline(result: RunResult, suffix = ''): string {
  const s = result.score;
  return `## shipready readiness: ${s.score === null ? escapeMarkdown(scorePhrase(result)) : `**${s.score}/100**, grade **${s.grade}**`}${suffix}`;
}

function fileCell(f: Finding, options: MarkdownOptions): string {
  const path = repositoryPath(f.file, options.pathPrefix);
  const code = markdownCode(path);
  return options.link ? `[${code}](${markdownUrl(options.link(path, f))})` : code;
}

/** A findings table of at most `maxRows` rows, then how many more there are. */
export function findingsTable(findings: readonly Finding[], options: MarkdownOptions = {}): string[] {
  const max = options.maxRows ?? MAX_MARKDOWN_ROWS;
  const rows = findings
    .slice(0, max)
    .map((f) => [f.baselined ? `${f.severity} (baselined)` : f.severity, fileCell(f, options), position(f), markdownMessage(f.message), ruleLink(f.ruleId)]);
  const out = table(['Severity', 'File', 'Line:Col', 'Message', 'Rule'], rows);
  if (findings.length > max) out.push('', `…and ${findings.length - max} more: run shipready locally or use \`--format sarif\` for all of them.`);
  return out;
}

export function formatMarkdown(result: RunResult, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  const s = result.score;
  out.push(headline(result), '');
  const { error, warning, info } = result.counts;
  const setAside = setAsidePhrase(result);
  out.push(`**${plural(error + warning + info, 'problem')}**: ${countsPhrase(result)}${setAside ? ` · ${setAside}` : ''}`, '');
  if (options.status?.length) out.push(...options.status, '');

  if (s.score !== null) {
    out.push(...table(['Category', 'Score'], Object.entries(s.categories).map(([name, value]) => [name, String(value)])), '');
    out.push(`${s.passedWeight} of ${s.applicableWeight} weighted checks passed (${WEIGHTS_NOTE}).`, '');
    const costs = topCosts(result, 5);
    if (costs.length > 0) {
      out.push('### What cost the most points', '');
      const rows = costs.map((c) => [ruleLink(c.ruleId), pointsLost(c), `${c.failed} of ${c.applicable}`]);
      out.push(...table(['Rule', 'Points', 'Failed'], rows), '');
    }
  }
  if (result.services.length > 0) {
    out.push('### Services', '');
    const rows = result.services.map((sv) => [escapeMarkdown(sv.name), markdownCode(sv.root || '.'), serviceScorePhrase(sv), serviceCountsPhrase(sv)]);
    out.push(...table(['Service', 'Folder', 'Score', 'Findings'], rows), '');
  }

  const open = openFindings(result);
  if (options.focus) {
    out.push(`### ${escapeMarkdown(options.focus.title)}`, '');
    out.push(...(options.focus.findings.length > 0 ? findingsTable(options.focus.findings, options) : ['None.']), '');
    if (open.length > 0) {
      // GitHub renders Markdown inside <details> only after a blank line.
      out.push('<details>', `<summary>All ${plural(open.length, 'finding')} in the repository</summary>`, '');
      out.push(...findingsTable(open, options), '', '</details>', '');
    }
  } else if (open.length > 0) {
    out.push('### Findings', '', ...findingsTable(open, options), '');
  }

  const accepted = acceptedFindings(result);
  if (accepted.length > 0) {
    out.push('### Accepted (suppressed in source)', '');
    const rows = accepted
      .slice(0, options.maxRows ?? MAX_MARKDOWN_ROWS)
      .map((f) => [fileCell(f, options), position(f), ruleLink(f.ruleId), markdownMessage(f.suppressed?.reason ?? '')]);
    out.push(...table(['File', 'Line:Col', 'Rule', 'Reason'], rows), '');
  }

  if (result.notices.length > 0) {
    out.push('### Notes', '', ...result.notices.map((n) => `- ${markdownMessage(n.message)}`), '');
  }
  return out.join('\n');
}
