/** Facts and phrases every human-readable format shows the same way: counts, score, what cost points. */
import type { RunResult } from '../engine.ts';
import type { Finding, RuleCost } from '../types.ts';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 errors, 1 warning, 0 info" — findings that gate (neither suppressed nor baselined). */
export function countsPhrase(result: RunResult): string {
  const { error, warning, info } = result.counts;
  return `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info`;
}

/** "2 suppressed, 1 baselined", or '' when neither. */
export function setAsidePhrase(result: RunResult): string {
  const suppressed = result.findings.filter((f) => f.suppressed).length;
  const baselined = result.findings.filter((f) => f.baselined && !f.suppressed).length;
  return [suppressed ? `${suppressed} suppressed` : '', baselined ? `${baselined} baselined` : ''].filter(Boolean).join(', ');
}

export const NOTHING_TO_ASSESS = 'nothing to assess (no rule applied to this repository)';

export const WEIGHTS_NOTE = 'error 5, warning 2, info 1';

/** "72/100, grade C", or the nothing-to-assess sentence. */
export function scorePhrase(result: RunResult): string {
  const { score, grade } = result.score;
  return score === null ? NOTHING_TO_ASSESS : `${score}/100, grade ${grade}`;
}

/** The rules that cost the most points, most first. */
export function topCosts(result: RunResult, n = 3): RuleCost[] {
  return result.score.costs.slice(0, n);
}

/** "-5.3" */
export function pointsLost(cost: RuleCost): string {
  return `-${cost.points.toFixed(1)}`;
}

/** Findings a reader should act on or know about: everything but the suppressed (listed separately as accepted). */
export function openFindings(result: RunResult): Finding[] {
  return result.findings.filter((f) => !f.suppressed);
}

export function acceptedFindings(result: RunResult): Finding[] {
  return result.findings.filter((f) => f.suppressed);
}
