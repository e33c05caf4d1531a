/**
 * GitHub annotations, one per finding that gates or informs; suppressed and baselined findings are
 * left out (they do not belong on a pull request). `annotationOf` is what the action sends through
 * @actions/core; `formatGithub` prints the same annotations as workflow commands (`::error file=…::…`).
 */
import type { RunResult } from '../engine.ts';
import type { Finding, Severity } from '../types.ts';
import { escapeCommandData, escapeCommandProperty } from './escape.ts';
import { repositoryPath } from './paths.ts';
import { countsPhrase, scorePhrase } from './summary.ts';

export interface GithubOptions {
  /**
   * Posix path of the scanned root relative to the workspace (the repository checkout), e.g.
   * `services/api`: annotations need repository-relative paths. Empty or absent: the root is the checkout.
   */
  pathPrefix?: string;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';
export const ANNOTATION_LEVELS: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };

/** An annotation as @actions/core takes it (its property names); values are raw, the sender escapes them. */
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  properties: { title: string; file?: string; startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
}

const STDIN = '<stdin>';

/** Findings that belong on a pull request: neither suppressed nor baselined. */
export function annotatedFindings(result: RunResult): Finding[] {
  return result.findings.filter((f) => !f.suppressed && !f.baselined);
}

/** Title "rule id: rule title", message with the docs link, position in the checkout. */
export function annotationOf(f: Finding, result: RunResult, pathPrefix?: string): Annotation {
  const title = result.rules.find((r) => r.id === f.ruleId)?.title;
  const position =
    f.file === STDIN
      ? {}
      : { file: repositoryPath(f.file, pathPrefix), startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
  return {
    level: ANNOTATION_LEVELS[f.severity],
    message: `${f.message}\n${f.help}`,
    properties: { title: title ? `${f.ruleId}: ${title}` : f.ruleId, ...position },
  };
}

/** The workflow command, escaped the way the runner reads it (property order as GitHub documents it). */
function command(a: Annotation): string {
  const p = a.properties;
  const props: [string, string | number | undefined][] = [
    ['file', p.file],
    ['line', p.startLine],
    ['col', p.startColumn],
    ['endLine', p.endLine],
    ['endColumn', p.endColumn],
    ['title', p.title],
  ];
  const properties = props
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`)
    .join(',');
  return `::${a.level} ${properties}::${escapeCommandData(a.message)}`;
}

/** A plain log line (not a command): the run's outcome in the job log. */
export function outcomeLine(result: RunResult): string {
  return `shipready: readiness ${scorePhrase(result)}; ${countsPhrase(result)}`;
}

export function formatGithub(result: RunResult, options: GithubOptions = {}): string {
  const lines = annotatedFindings(result).map((f) => command(annotationOf(f, result, options.pathPrefix)));
  lines.push(outcomeLine(result));
  return `${lines.join('\n')}\n`;
}
