/** Text: findings grouped by file, the accepted (suppressed) ones with their reasons, then counts, score, grade, category scores and what cost the most points. */
import pc from 'picocolors';
import type { RunResult } from '../engine.ts';
import type { Finding, Severity } from '../types.ts';
import { printable } from './escape.ts';
import {
  acceptedFindings,
  countsPhrase,
  NOTHING_TO_ASSESS,
  openFindings,
  plural,
  pointsLost,
  serviceCountsPhrase,
  serviceScorePhrase,
  setAsidePhrase,
  topCosts,
  WEIGHTS_NOTE,
} from './summary.ts';

export interface TextOptions {
  color: boolean;
  /** Errors only (no warnings, info or notes). */
  quiet?: boolean;
}

export function formatText(result: RunResult, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of openFindings(result)) {
    if (options.quiet && f.severity !== 'error') continue;
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(c.underline(printable(file)));
    const width = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of findings) {
      const pos = `${f.line}:${f.column}`.padEnd(width);
      const sev = paint[f.severity](f.severity.padEnd(7));
      const baselined = f.baselined ? c.dim(' (baselined)') : '';
      lines.push(`  ${c.dim(pos)}  ${sev}  ${printable(f.message)}${baselined}  ${c.dim(f.ruleId)}`);
    }
    lines.push('');
  }
  const accepted = options.quiet ? [] : acceptedFindings(result);
  if (accepted.length > 0) {
    lines.push('Accepted (suppressed in source):');
    for (const f of accepted) lines.push(c.dim(`  ${printable(f.file)}:${f.line}:${f.column}  ${f.ruleId}  ${printable(f.suppressed?.reason ?? '')}`));
    lines.push('');
  }
  if (!options.quiet && result.notices.length > 0) {
    for (const notice of result.notices) lines.push(c.dim(`note: ${printable(notice.message)}`));
    lines.push('');
  }

  const { error, warning, info } = result.counts;
  const setAside = setAsidePhrase(result);
  lines.push(`${c.bold(plural(error + warning + info, 'problem'))} (${countsPhrase(result)})${setAside ? `, ${setAside}` : ''}`);
  const s = result.score;
  if (s.score === null) {
    lines.push(`Readiness score: ${NOTHING_TO_ASSESS}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Readiness score: ${c.bold(String(s.score))}/100, grade ${c.bold(s.grade ?? '')}`);
  const categories = Object.entries(s.categories).map(([name, value]) => `${name} ${value}`);
  lines.push(c.dim(`  ${categories.join(' · ')}`));
  lines.push(c.dim(`  ${s.passedWeight} of ${s.applicableWeight} weighted checks passed (${WEIGHTS_NOTE})`));
  const top = topCosts(result);
  if (top.length > 0) {
    lines.push('  Costing the most points:');
    for (const cost of top) lines.push(`    ${pointsLost(cost).padStart(5)}  ${cost.ruleId} (${cost.failed} of ${cost.applicable} failed)`);
  }
  if (result.services.length > 0) {
    lines.push('  Services:');
    for (const s of result.services) lines.push(`    ${printable(s.name)} (${printable(s.root || '.')})  ${serviceScorePhrase(s)}  ${c.dim(serviceCountsPhrase(s))}`);
  }
  return `${lines.join('\n')}\n`;
}
