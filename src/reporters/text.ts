/** Text: findings grouped by file, then counts, score, grade and what cost the most points. */
import pc from 'picocolors';
import type { RunResult } from '../engine.ts';
import type { Finding, Severity } from '../types.ts';

export interface TextOptions {
  color: boolean;
  quiet?: boolean;
}

/** Removes control characters so hostile file names and messages cannot drive the terminal. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(result: RunResult, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const lines: string[] = [];
  const shown = result.findings.filter((f) => !f.suppressed && (!options.quiet || f.severity === 'error'));
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) {
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
      const base = f.baselined ? c.dim(' (baselined)') : '';
      lines.push(`  ${c.dim(pos)}  ${sev}  ${printable(f.message)}${base}  ${c.dim(f.ruleId)}`);
    }
    lines.push('');
  }
  for (const notice of result.notices) lines.push(c.dim(`note: ${printable(notice.message)}`));
  if (result.notices.length > 0) lines.push('');

  const suppressed = result.findings.filter((f) => f.suppressed).length;
  const baselined = result.findings.filter((f) => f.baselined).length;
  const { error, warning, info } = result.counts;
  const extras = [suppressed ? `${suppressed} suppressed` : '', baselined ? `${baselined} baselined` : ''].filter(Boolean);
  lines.push(
    `${c.bold(plural(error + warning + info, 'problem'))} (${paint.error(plural(error, 'error'))}, ${paint.warning(plural(warning, 'warning'))}, ${paint.info(`${info} info`)})${extras.length ? `, ${extras.join(', ')}` : ''}`,
  );
  const s = result.score;
  if (s.score === null) {
    lines.push('Readiness score: nothing to assess (no rule applied to this repository)');
  } else {
    lines.push(`Readiness score: ${c.bold(String(s.score))}/100, grade ${c.bold(s.grade ?? '')}`);
    const cats = Object.entries(s.categories).map(([name, v]) => `${name} ${v}`);
    if (cats.length) lines.push(c.dim(`  ${cats.join(' · ')}`));
    lines.push(c.dim(`  ${s.passedWeight} of ${s.applicableWeight} weighted checks passed (error 5, warning 2, info 1)`));
    const top = s.costs.slice(0, 3);
    if (top.length) {
      lines.push('  Costing the most points:');
      for (const cost of top) lines.push(`    -${cost.points.toFixed(1).padStart(5)}  ${cost.ruleId} (${cost.failed} of ${cost.applicable} failed)`);
    }
  }
  return `${lines.join('\n')}\n`;
}
