/** Reporters are pure functions from the run's result to text. */
import type { RunResult } from '../engine.ts';
import { formatJson } from './json.ts';
import { formatText } from './text.ts';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  color: boolean;
  quiet: boolean;
}

export function report(format: Format, result: RunResult, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return formatText(result, options);
    case 'json':
      return formatJson(result);
    default:
      throw new Error(`format ${format} is not available yet`);
  }
}
