/**
 * Rule documentation from rule metadata and cases: docs/rules/<family>/<rule>.md, the docs/rules index
 * and the README's rule table. Pure text builders plus one loader; `npm run generate` writes what
 * `renderDocs` returns and test/meta.test.ts compares it with the files on disk.
 */
import { join } from 'node:path';
import { commentSyntaxOf } from '../src/classify.ts';
import { ENGINE_RULES, type Rule } from '../src/rule.ts';
import type { Finding, SourceFile } from '../src/types.ts';
import { CASE_CLOCK, isExpectationLine, loadCases, type RuleCase, runCase } from '../test/harness.ts';

export const DOCS_DIR = 'docs/rules';
export const README_START = '<!-- rules:start -->';
export const README_END = '<!-- rules:end -->';

export type RuleMeta = Pick<Rule, 'id' | 'title' | 'category' | 'severity' | 'rationale' | 'fix'>;

/** A rule with what its cases show: the examples for its page and one real message per message id. */
export interface DocumentedRule {
  rule: Rule;
  failing?: Example;
  passing?: Example;
  /** messageId → a message the rule produced on one of its cases. */
  sampleMessages: ReadonlyMap<string, string>;
}

interface Example {
  /** What the case sets besides its files (its date, options or config), shown so the example reads right. */
  settings: string[];
  files: { path: string; language: string; lines: string[] }[];
  /** Findings on the example, with lines counted in the shown text. */
  findings: { file: string; line: number; column: number; message: string }[];
}

// ---------------------------------------------------------------- markdown escaping

/** Splits text into code spans (odd indexes) and the text between them (even indexes). */
function spans(text: string): string[] {
  return text.split(/(`+[^`]*?`+)/);
}

/** Markdown text from metadata or messages: `<` outside code spans would start an HTML tag. */
export function inline(text: string): string {
  return spans(text)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&(?=[#\w]+;)/g, '&amp;').replace(/</g, '&lt;')))
    .join('');
}

/** A table cell: one line, and `|` escaped even inside code spans (GFM splits cells before code spans). */
export function cell(text: string): string {
  return inline(text.replace(/\s*[\r\n]+\s*/g, ' ')).replace(/\|/g, '\\|');
}

export function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function codeBlock(language: string, lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${lines.join('\n')}\n${fence}`;
}

const BY_EXTENSION: Record<string, string> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'jsx',
  ts: 'ts',
  mts: 'ts',
  cts: 'ts',
  tsx: 'tsx',
  sh: 'sh',
  bash: 'sh',
  service: 'ini',
  conf: 'nginx',
  md: 'markdown',
};
const BY_KIND: Partial<Record<SourceFile['kind'], string>> = { dockerfile: 'dockerfile', dockerignore: 'gitignore', gitignore: 'gitignore', env: 'dotenv' };

function languageOf(file: SourceFile): string {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return BY_KIND[file.kind] ?? BY_EXTENSION[ext] ?? 'text';
}

// ---------------------------------------------------------------- examples from cases

/** A case's file as shown in the docs: expectation lines removed, trailing blank lines dropped. */
function shownLines(file: SourceFile): string[] {
  const lines = file.lines.filter((l) => !isExpectationLine(l));
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines;
}

/** The line a finding at `line` has once the expectation lines above it are removed. */
function shownLine(file: SourceFile, line: number): number {
  return line - file.lines.slice(0, line - 1).filter(isExpectationLine).length;
}

/** A case's settings that differ from the harness defaults. */
function settingsOf(c: RuleCase): string[] {
  const out: string[] = [];
  if (c.now.getTime() !== CASE_CLOCK.getTime()) out.push(`on ${c.now.toISOString().slice(0, 10)}`);
  if (c.options) out.push(`with options \`${JSON.stringify(c.options)}\``);
  if (c.config) out.push(`with config \`${JSON.stringify(c.config)}\``);
  return out;
}

function example(c: RuleCase, findings: readonly Finding[]): Example {
  return {
    settings: settingsOf(c),
    files: c.files.map((f) => ({ path: f.path, language: languageOf(f), lines: shownLines(f) })),
    findings: findings.map((f) => {
      const file = c.files.find((s) => s.path === f.file);
      return { file: f.file, line: file ? shownLine(file, f.line) : f.line, column: f.column, message: f.message };
    }),
  };
}

function contentLines(c: RuleCase): string[] {
  return c.files.flatMap((f) => shownLines(f).map((l) => l.trim()).filter(Boolean));
}

/** Share of (trimmed, non-blank) lines two cases have in common (Dice coefficient). */
function similarity(a: RuleCase, b: RuleCase): number {
  const left = contentLines(a);
  const right = contentLines(b);
  const pool = new Map<string, number>();
  for (const l of left) pool.set(l, (pool.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of right) {
    const n = pool.get(l) ?? 0;
    if (n > 0) {
      common++;
      pool.set(l, n - 1);
    }
  }
  return left.length + right.length === 0 ? 0 : (2 * common) / (left.length + right.length);
}

/**
 * Runs a rule's cases and picks its examples: of the cases that expect the rule's first (main) message
 * and the passing cases, the pair most alike — the typical flaw next to its fix, not an edge case —
 * preferring cases that keep the harness's date and defaults. Ties go to the first by name.
 */
export function documentRule(rule: Rule, cases: readonly RuleCase[]): DocumentedRule {
  const sampleMessages = new Map<string, string>();
  const results = cases.map((c) => {
    const findings = runCase(rule, c);
    for (const f of findings) if (f.messageId && !sampleMessages.has(f.messageId)) sampleMessages.set(f.messageId, f.message);
    return { c, findings };
  });
  const primary = Object.keys(rule.messages)[0];
  const showsPrimary = results.filter((r) => r.c.expectations.some((e) => e.messageId === primary));
  const failingCases = showsPrimary.length > 0 ? showsPrimary : results.filter((r) => r.c.expectations.length > 0);
  const passingCases = results.filter((r) => r.c.expectations.length === 0);
  let failing = failingCases[0];
  let passing = passingCases[0];
  let best = -1;
  for (const f of failingCases) {
    for (const p of passingCases) {
      // Cases on the harness's own date and defaults first: they read right without a note.
      const score = similarity(f.c, p.c) + (settingsOf(f.c).length + settingsOf(p.c).length === 0 ? 1 : 0);
      if (score > best) [failing, passing, best] = [f, p, score];
    }
  }
  return {
    rule,
    failing: failing && example(failing.c, failing.findings),
    passing: passing && example(passing.c, passing.findings),
    sampleMessages,
  };
}

// ---------------------------------------------------------------- pages

const GENERATED = '<!-- Generated by `npm run generate` from the rule metadata and cases; do not edit. -->';

function header(meta: RuleMeta, reads?: readonly string[]): string[] {
  const facts = [`- Severity: ${meta.severity}${meta.severity === 'error' ? ' (fails the gate by default)' : ''}`, `- Category: ${meta.category}`];
  if (reads) facts.push(`- Reads: ${reads.join(', ')}`);
  return [GENERATED, '', `# ${meta.id}`, '', `**${inline(meta.title)}**`, '', ...facts, '', '## Why', '', inline(meta.rationale), '', '## How to fix', '', inline(meta.fix), ''];
}

function exampleSection(title: string, ex: Example): string[] {
  const out = [`### ${title}`, ''];
  if (ex.settings.length > 0) out.push(`${ex.settings.join(', ')}:`, '');
  for (const file of ex.files) out.push(`\`${file.path}\``, '', codeBlock(file.language, file.lines), '');
  if (ex.findings.length > 0) {
    out.push('shipready reports:', '');
    for (const f of ex.findings) out.push(`- \`${f.file}:${f.line}:${f.column}\` ${inline(f.message.replace(/\s+/g, ' '))}`);
    out.push('');
  }
  return out;
}

function optionsSection(rule: Rule): string[] {
  if (!rule.options) return [];
  const properties = (rule.options.schema.properties ?? {}) as Record<string, { type?: string | string[]; enum?: unknown[]; items?: { type?: string }; description?: string }>;
  const defaults = rule.options.defaults as Record<string, unknown>;
  const typeOf = (p: (typeof properties)[string]) =>
    p.enum ? p.enum.map((v) => JSON.stringify(v)).join(' or ') : p.type === 'array' && p.items?.type ? `array of ${p.items.type}` : [p.type ?? 'any'].flat().join(' or ');
  const rows = Object.entries(properties).map(([name, p]) => [`\`${name}\``, typeOf(p), defaults[name] === undefined ? '' : `\`${JSON.stringify(defaults[name])}\``, p.description ?? '']);
  return [
    '## Options',
    '',
    table(['Option', 'Type', 'Default', 'Description'], rows),
    '',
    codeBlock('yaml', ['# .shipready.yml', 'rules:', `  ${rule.id}: [${rule.severity}, ${JSON.stringify(defaults)}]`]),
    '',
  ];
}

function configurationSection(meta: RuleMeta, commentSyntax?: string): string[] {
  const out = [
    '## Configuration',
    '',
    'Change its severity, or turn it off, in `.shipready.yml`:',
    '',
    codeBlock('yaml', ['rules:', `  ${meta.id}: ${meta.severity === 'error' ? 'warning' : 'error'} # or off`]),
    '',
  ];
  if (commentSyntax) {
    out.push(`Accept one finding with a comment on the line before it: \`${commentSyntax} shipready-ignore ${meta.id} -- <reason>\`.`, '');
  }
  return out;
}

/** docs/rules/<family>/<rule>.md for a rule module. */
export function ruleDoc(doc: DocumentedRule): string {
  const { rule } = doc;
  const out = header(rule, rule.appliesTo);
  if (doc.failing || doc.passing) out.push('## Examples', '');
  if (doc.failing) out.push(...exampleSection('Fails', doc.failing));
  if (doc.passing) out.push(...exampleSection('Passes', doc.passing));
  const messages = Object.keys(rule.messages).map((id) => [`\`${id}\``, doc.sampleMessages.get(id) ?? '']);
  out.push('## Messages', '', table(['Id', 'Example'], messages), '');
  out.push(...optionsSection(rule));
  const comment = rule.appliesTo.map((kind) => commentSyntaxOf(kind, '')).find((syntax) => syntax !== 'none');
  out.push(...configurationSection(rule, comment));
  out.push(`Source and cases: [\`rules/${rule.id}/\`](../../../rules/${rule.id}/)`, '');
  return out.join('\n');
}

/** docs/rules/shipready/<name>.md for a finding the engine itself reports. */
export function engineRuleDoc(meta: RuleMeta): string {
  const out = header(meta);
  out.push('This finding comes from the engine, not from a rule module.', '');
  out.push(...configurationSection(meta));
  return out.join('\n');
}

function familyOf(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

/** docs/rules/README.md: every rule, by family. */
export function docsIndex(metas: readonly RuleMeta[]): string {
  const families = [...new Set(metas.map((m) => familyOf(m.id)))].sort();
  const out = [GENERATED, '', '# Rules', '', `${metas.length} rules in ${families.length} families. The severity is the default; change it per rule in \`.shipready.yml\`.`, ''];
  for (const family of families) {
    const rows = metas.filter((m) => familyOf(m.id) === family).map((m) => [`[${m.id}](${m.id}.md)`, m.severity, m.category, m.title]);
    out.push(`## ${family}`, '', table(['Rule', 'Severity', 'Category', 'Requirement'], rows), '');
  }
  return out.join('\n');
}

/** The README's rule table (what goes between the markers). */
export function readmeTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => [familyOf(m.id), `[${m.id}](${DOCS_DIR}/${m.id}.md)`, m.severity, m.category, m.title]);
  return `${table(['Family', 'Rule', 'Severity', 'Category', 'Requirement'], rows)}\n`;
}

/** The README with its rule table replaced; undefined when the markers are missing. */
export function withReadmeTable(readme: string, tableText: string): string | undefined {
  return replaceBetween(readme, README_START, README_END, tableText);
}

/** `text` with `content` between the two markers (content ends with a newline); undefined when a marker is missing. */
export function replaceBetween(text: string, startMarker: string, endMarker: string, content: string): string | undefined {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start === -1 || end < start) return undefined;
  return `${text.slice(0, start + startMarker.length)}\n${content}${text.slice(end)}`;
}

function byId(a: RuleMeta, b: RuleMeta): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every rule's metadata, engine rules included, sorted by id. */
export function allMetas(rules: readonly Rule[]): RuleMeta[] {
  return [...rules, ...Object.values(ENGINE_RULES)].sort(byId);
}

/** Every file under docs/rules, by path (relative to the repository root), for these rules. */
export async function renderDocs(rules: readonly Rule[], rulesDir = 'rules'): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const rule of [...rules].sort(byId)) {
    files.set(`${DOCS_DIR}/${rule.id}.md`, ruleDoc(documentRule(rule, await loadCases(join(rulesDir, rule.id)))));
  }
  for (const meta of Object.values(ENGINE_RULES)) files.set(`${DOCS_DIR}/${meta.id}.md`, engineRuleDoc(meta));
  files.set(`${DOCS_DIR}/README.md`, docsIndex(allMetas(rules)));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
