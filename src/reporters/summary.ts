/** Facts and phrases every human-readable format shows the same way: counts, score, what cost points. */
import type { RunResult } from '../engine.ts';
import type { ServiceScore } from '../service-scores.ts';
import { type Finding, type RuleCost, SEVERITIES } from '../types.ts';

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

/** A service's score as reports write it: "72/100 (C)", or that there is nothing to assess in its folder. */
export function serviceScorePhrase(s: ServiceScore): string {
  return s.score === null ? 'nothing to assess' : `${s.score}/100 (${s.grade})`;
}

/** "1 error, 2 warnings": a service's gating findings, or "no findings". */
export function serviceCountsPhrase(s: ServiceScore): string {
  const parts = SEVERITIES.filter((sev) => s.counts[sev] > 0).map((sev) => plural(s.counts[sev], sev === 'info' ? 'info finding' : sev));
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}
