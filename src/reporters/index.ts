/** Reporters are pure functions from the run's result to text, one module per format. */
import type { RunResult } from '../engine.ts';
import { type GithubOptions, formatGithub } from './github.ts';
import { formatHtml } from './html.ts';
import { formatJson } from './json.ts';
import { formatMarkdown } from './markdown.ts';
import { formatSarif, type SarifOptions } from './sarif.ts';
import { formatText, type TextOptions } from './text.ts';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export type ReportOptions = TextOptions & SarifOptions & GithubOptions;

export function report(format: Format, result: RunResult, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return formatText(result, options);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, options);
    case 'github':
      return formatGithub(result, options);
    case 'markdown':
      return formatMarkdown(result);
    case 'html':
      return formatHtml(result);
  }
}
