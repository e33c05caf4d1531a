/**
 * Rule cases as data. A case is a file (or a folder, for multi-file cases) under
 * rules/<family>/<rule>/cases/. Expectations are comment lines right after the line they point at:
 *   `# ^^^^ messageId`   carets under the expected columns (columns checked)
 *   `# expect: messageId` the line only
 * (`//` in JS/TS). Files without comments get a sibling `<file>.expect.yaml`: a list of
 * `{ line, message }` or `{ pointer, message }` (a JSON pointer into the file: the value's position is
 * checked, or the key's with `key: true`).
 * A folder may hold `case.yaml` with `{ now: YYYY-MM-DD, options: {...}, config: {...}, tracked: [paths] }`;
 * `tracked` makes the case a git work tree tracking those paths (cases are otherwise outside any work tree).
 * A case with no expectation must produce no finding.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { classifyByName } from '../src/classify.ts';
import { defaultConfig, type ResolvedConfig } from '../src/config.ts';
import { discover, makeSourceFile } from '../src/discover.ts';
import { parseJsonWithPositions } from '../src/parsers/json.ts';
import { analyze } from '../src/engine.ts';
import type { Rule } from '../src/rule.ts';
import type { Finding, SourceFile } from '../src/types.ts';

export const CASE_CLOCK = new Date('2026-06-15T12:00:00Z');

export interface Expectation {
  file: string;
  line: number;
  column?: number;
  endColumn?: number;
  messageId: string;
}

export interface RuleCase {
  name: string;
  path: string;
  files: SourceFile[];
  expectations: Expectation[];
  now: Date;
  options?: Record<string, unknown>;
  config?: Partial<ResolvedConfig>;
  /** Paths git tracks in this case; undefined: not a git work tree. */
  tracked?: string[];
  root: string;
}

const CARET = /^\s*(?:#|\/\/|;)\s*(\^+)\s+([A-Za-z][\w-]*)\s*$/;
const EXPECT = /^\s*(?:#|\/\/|;)\s*expect:\s*([A-Za-z][\w-]*)\s*$/;
const HARNESS_FILES = /(?:\.expect\.yaml|(?:^|\/)case\.yaml)$/;

/** True for a line that is an expectation (`# ^^^ id`, `# expect: id`), not content of the case. */
export function isExpectationLine(text: string): boolean {
  return CARET.test(text) || EXPECT.test(text);
}

/** Maps a case file name to the path it has in the case's project: `name--.env.production` → `.env.production`. */
export function virtualPath(fileName: string): string {
  const i = fileName.indexOf('--');
  return i === -1 ? fileName : fileName.slice(i + 2).replace(/__/g, '/');
}

export function expectationsOf(file: SourceFile, expectFile?: string): Expectation[] {
  const out: Expectation[] = [];
  if (expectFile && existsSync(expectFile)) {
    const list = parseYamlText(readFileSync(expectFile, 'utf8')) as { line?: number; pointer?: string; key?: boolean; message: string; column?: number }[];
    for (const e of list ?? []) {
      if (e.pointer !== undefined) {
        const at = parseJsonWithPositions(file).locate(e.pointer, { key: e.key });
        if (!at) throw new Error(`${expectFile}: no ${e.pointer} in ${file.path}`);
        out.push({ file: file.path, line: at.line, column: at.column, endColumn: at.endLine === at.line ? at.endColumn : undefined, messageId: e.message });
      } else if (e.line !== undefined) out.push({ file: file.path, line: e.line, column: e.column, messageId: e.message });
      else throw new Error(`${expectFile}: an expectation needs a line or a pointer`);
    }
    return out;
  }
  let target = 0;
  file.lines.forEach((text, index) => {
    const caret = CARET.exec(text);
    const expect = caret ? null : EXPECT.exec(text);
    if (!caret && !expect) {
      target = index + 1;
      return;
    }
    if (target === 0) throw new Error(`${file.path}:${index + 1}: an expectation must follow the line it points at`);
    if (caret) {
      const start = text.indexOf('^');
      out.push({ file: file.path, line: target, column: start + 1, endColumn: start + (caret[1] as string).length + 1, messageId: caret[2] as string });
    } else out.push({ file: file.path, line: target, messageId: (expect as RegExpExecArray)[1] as string });
  });
  return out;
}

export async function loadCases(ruleDir: string): Promise<RuleCase[]> {
  const casesDir = join(ruleDir, 'cases');
  if (!existsSync(casesDir)) return [];
  const cases: RuleCase[] = [];
  for (const entry of readdirSync(casesDir).sort()) {
    const path = join(casesDir, entry);
    if (entry.endsWith('.expect.yaml')) continue;
    if (statSync(path).isDirectory()) {
      const discovery = await discover({ root: path });
      const files = discovery.files.filter((f) => !HARNESS_FILES.test(f.path));
      const settings = existsSync(join(path, 'case.yaml')) ? (parseYamlText(readFileSync(join(path, 'case.yaml'), 'utf8')) ?? {}) : {};
      cases.push({
        name: entry,
        path,
        root: path,
        files,
        expectations: files.flatMap((f) => expectationsOf(f, join(path, `${f.path}.expect.yaml`))),
        now: settings.now ? new Date(`${settings.now}T12:00:00Z`) : CASE_CLOCK,
        options: settings.options,
        config: settings.config,
        tracked: settings.tracked,
      });
      continue;
    }
    const vpath = virtualPath(entry);
    const kind = classifyByName(vpath);
    if (!kind) throw new Error(`${path}: the case's name (${vpath}) is not a kind shipready reads`);
    const file = makeSourceFile(vpath, kind, readFileSync(path, 'utf8'));
    cases.push({ name: entry, path, root: casesDir, files: [file], expectations: expectationsOf(file, `${path}.expect.yaml`), now: CASE_CLOCK });
  }
  return cases;
}

/** Runs one rule (only) on a case. */
export function runCase(rule: Rule, c: RuleCase): Finding[] {
  const config = { ...defaultConfig(), ...(c.config ?? {}) };
  if (c.options) config.rules = new Map([[rule.id, { severity: rule.severity, options: c.options }]]);
  const tracked = c.tracked ? new Set(c.tracked) : undefined;
  const git = () => (tracked ? { tracked: (path: string) => tracked.has(path), holdsTracked: (dir: string) => [...tracked].some((p) => p.startsWith(`${dir}/`)), ignored: () => undefined } : undefined);
  const result = analyze({ root: c.root, files: c.files, rules: [rule], config, now: c.now, git });
  return result.findings.filter((f) => f.ruleId === rule.id);
}

/** Compares findings with expectations; returns human-readable differences (empty: the case passes). */
export function compare(findings: Finding[], expectations: Expectation[]): string[] {
  const problems: string[] = [];
  const remaining = [...findings];
  for (const e of expectations) {
    const i = remaining.findIndex(
      (f) =>
        f.file === e.file &&
        f.line === e.line &&
        f.messageId === e.messageId &&
        (e.column === undefined || f.column === e.column) &&
        (e.endColumn === undefined || f.endLine !== f.line || f.endColumn === e.endColumn),
    );
    if (i === -1) {
      const near = findings.filter((f) => f.file === e.file && f.line === e.line).map((f) => `${f.messageId}@${f.column}-${f.endColumn}`);
      problems.push(`missing ${e.messageId} at ${e.file}:${e.line}${e.column ? `:${e.column}-${e.endColumn}` : ''}${near.length ? ` (found there: ${near.join(', ')})` : ''}`);
    } else remaining.splice(i, 1);
  }
  for (const f of remaining) problems.push(`unexpected ${f.messageId} at ${f.file}:${f.line}:${f.column}-${f.endColumn}: ${f.message}`);
  return problems;
}
