/** The baseline: today's findings recorded so the gate asks only "did this change make it worse?". */
import type { Finding } from './types.ts';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  /** For people to fill: why this finding is accepted for now. */
  reason: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export function makeBaseline(findings: readonly Finding[]): Baseline {
  return {
    version: 1,
    entries: findings
      .filter((f) => !f.suppressed)
      .map((f) => ({ ruleId: f.ruleId, file: f.file, fingerprint: f.fingerprint, reason: '' })),
  };
}
