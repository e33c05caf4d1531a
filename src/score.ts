/** The readiness score, as DESIGN.md defines it, from the run's evaluations. */
import { CATEGORIES, type Category, type Evaluation, type RuleCost, type Score, type Severity } from './types.ts';

export const WEIGHTS: Record<Severity, number> = { error: 5, warning: 2, info: 1 };

export function gradeOf(score: number): NonNullable<Score['grade']> {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/** An accepted (suppressed) failure counts as passed. */
function passed(e: Evaluation): boolean {
  return e.outcome === 'pass' || e.accepted === true;
}

export function computeScore(evaluations: readonly Evaluation[]): Score {
  let applicableWeight = 0;
  let passedWeight = 0;
  const byCategory = new Map<Category, { total: number; passed: number }>();
  const byRule = new Map<string, { lost: number; failed: number; applicable: number }>();
  for (const e of evaluations) {
    const w = WEIGHTS[e.severity];
    applicableWeight += w;
    const cat = byCategory.get(e.category) ?? { total: 0, passed: 0 };
    cat.total += w;
    const rule = byRule.get(e.ruleId) ?? { lost: 0, failed: 0, applicable: 0 };
    rule.applicable++;
    if (passed(e)) {
      passedWeight += w;
      cat.passed += w;
    } else {
      rule.lost += w;
      rule.failed++;
    }
    byCategory.set(e.category, cat);
    byRule.set(e.ruleId, rule);
  }
  if (applicableWeight === 0) {
    return { score: null, grade: null, categories: {}, passedWeight: 0, applicableWeight: 0, costs: [] };
  }
  const score = Math.round((100 * passedWeight) / applicableWeight);
  const categories: Partial<Record<Category, number>> = {};
  for (const name of CATEGORIES) {
    const c = byCategory.get(name);
    if (c && c.total > 0) categories[name] = Math.round((100 * c.passed) / c.total);
  }
  const costs: RuleCost[] = [...byRule.entries()]
    .filter(([, r]) => r.failed > 0)
    .map(([ruleId, r]) => ({
      ruleId,
      points: Math.round((1000 * r.lost) / applicableWeight) / 10,
      failed: r.failed,
      applicable: r.applicable,
    }))
    .sort((a, b) => b.points - a.points || a.ruleId.localeCompare(b.ruleId));
  return { score, grade: gradeOf(score), categories, passedWeight, applicableWeight, costs };
}
