/**
 * Inline suppressions: `# shipready-ignore <rule-id>[,<rule-id>] -- <reason> [until YYYY-MM-DD]` on the
 * line before or at the end of the line; `# shipready-ignore-file <rule-id> -- <reason>` anywhere.
 */
import type { Project } from './model/project.ts';
import type { Finding } from './types.ts';

export function applySuppressions(findings: Finding[], _project: Project, _now: Date, _knownRuleIds: ReadonlySet<string>): Finding[] {
  return findings;
}
