/** The gate: does this run pass, and if not, one line that says why. */
import type { FailOn } from './config.ts';
import type { RunResult } from './engine.ts';
import { SEVERITIES, type Severity } from './types.ts';

export interface GateResult {
  passed: boolean;
  /** Why the gate failed, e.g. "3 errors at or above 'error'; score 64 below 80". Empty when passed. */
  reasons: string[];
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  if (threshold === 'never') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function gate(result: RunResult, failOn: FailOn, minScore?: number): GateResult {
  const reasons: string[] = [];
  const gating = result.findings.filter((f) => !f.suppressed && !f.baselined && atOrAbove(f.severity, failOn));
  if (gating.length > 0) reasons.push(`${plural(gating.length, 'finding')} at or above '${failOn}'`);
  if (minScore !== undefined && result.score.score !== null && result.score.score < minScore) {
    reasons.push(`score ${result.score.score} below ${minScore}`);
  }
  return { passed: reasons.length === 0, reasons };
}
