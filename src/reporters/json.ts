/** JSON: the documented, stable shape (see README "JSON output"). */
import type { RunResult } from '../engine.ts';

export function formatJson(result: RunResult): string {
  const out = {
    version: result.version,
    root: result.root,
    score: result.score.score,
    grade: result.score.grade,
    categories: result.score.categories,
    counts: result.counts,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      category: f.category,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      help: f.help,
      fingerprint: f.fingerprint,
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
      ...(f.baselined ? { baselined: f.baselined } : {}),
    })),
    evaluations: result.evaluations.map((e) => ({
      ruleId: e.ruleId,
      subject: e.subject,
      severity: e.severity,
      category: e.category,
      outcome: e.outcome,
      ...(e.accepted ? { accepted: true } : {}),
    })),
    scoreExplanation: {
      passedWeight: result.score.passedWeight,
      applicableWeight: result.score.applicableWeight,
      costs: result.score.costs,
    },
    notices: result.notices,
    excluded: result.excluded,
    services: result.services,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
