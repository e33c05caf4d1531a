/** The gate: does this run pass, and if not, one line that says why. */
import type { FailOn } from './config.ts';
import type { RunResult } from './engine.ts';
import { plural } from './reporters/summary.ts';
import { type Finding, SEVERITIES, type Severity } from './types.ts';

export interface GateResult {
  passed: boolean;
  /** Why the gate failed, e.g. "3 errors at or above 'error'; score 64 below 80". Empty when passed. */
  reasons: string[];
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  if (threshold === 'never') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** The findings that may gate, when not all of them (the action gates only what a pull request changed). */
export interface GateScope {
  findings: readonly Finding[];
  /** Where those findings are, for the reason: "in changed files". */
  where: string;
}

/** `max-score-drop`: how far the score may fall from the base's (linted the same way) before the gate fails. */
export interface ScoreDrop {
  max: number;
  /** The base's score; null when it had nothing to assess. */
  base: number | null;
  /** The base's services, matched with the head's by folder. */
  services: readonly { root: string; score: number | null }[];
  /** What the base is called in the reason: "the base", "main". */
  name: string;
}

/** The score always stays repository-wide; `scope` narrows only which findings fail the gate. */
export function gate(result: RunResult, failOn: FailOn, minScore?: number, scope?: GateScope, drop?: ScoreDrop): GateResult {
  const reasons: string[] = [];
  const gating = (scope?.findings ?? result.findings).filter((f) => !f.suppressed && !f.baselined && atOrAbove(f.severity, failOn));
  if (gating.length > 0) reasons.push(`${plural(gating.length, 'finding')} at or above '${failOn}'${scope?.where ? ` ${scope.where}` : ''}`);
  if (minScore !== undefined && result.score.score !== null && result.score.score < minScore) {
    reasons.push(`score ${result.score.score} below ${minScore}`);
  }
  // A score gate over nothing (a mistyped path, a folder of other things) must not pass unseen.
  if (minScore !== undefined && result.score.score === null) reasons.push(`no score to hold to ${minScore}: the path holds nothing shipready reads`);
  // A monorepo's score is held for every service too: a neglected one is not averaged away.
  if (minScore !== undefined) {
    for (const s of result.services) if (s.score !== null && s.score < minScore) reasons.push(`service ${s.name} (${s.root || '.'}) score ${s.score} below ${minScore}`);
  }
  if (drop) reasons.push(...dropReasons(result, drop));
  return { passed: reasons.length === 0, reasons };
}

/** The repository's score, or a service's, that fell by more than the drop allows; a score that went away fell all the way. */
function dropReasons(result: RunResult, drop: ScoreDrop): string[] {
  const fell = (what: string, before: number | null, now: number | null): string[] => {
    if (before === null) return [];
    if (now === null) return [`${what} had ${before} at ${drop.name} and now has nothing to assess`];
    return before - now > drop.max ? [`${what} fell by ${before - now} since ${drop.name} (${before} → ${now}), more than ${drop.max}`] : [];
  };
  const before = new Map(drop.services.map((s) => [s.root, s.score]));
  return [
    ...fell('score', drop.base, result.score.score),
    ...result.services.flatMap((s) => (before.has(s.root) ? fell(`service ${s.name} (${s.root || '.'}) score`, before.get(s.root) ?? null, s.score) : [])),
  ];
}
