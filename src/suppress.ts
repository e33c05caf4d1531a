/**
 * Inline suppressions: `# shipready-ignore <rule-id>[,<rule-id>] -- <reason> [until YYYY-MM-DD]` on the
 * line before or at the end of the line; `# shipready-ignore-file <rule-id> -- <reason>` anywhere.
 * Every suppression that does not do its job (no reason, unknown rule, expired, suppressed nothing,
 * misplaced) is itself a shipready/unused-suppression finding at the comment.
 */
import { Parser as YamlParser } from 'yaml';
import { didYouMean, type ResolvedConfig } from './config.ts';
import { engineFinding } from './engine.ts';
import type { Project } from './model/project.ts';
import type { ArtifactKind, Finding, Loc, SourceFile } from './types.ts';
import { lineStarts, positionAt } from './parsers/line-starts.ts';

const MARKER = 'shipready-ignore';
/** Kinds whose own syntax has comments only at the start of a line (a trailing `#` is part of the value). */
const LINE_START_COMMENTS: ReadonlySet<ArtifactKind> = new Set(['dockerfile', 'dockerignore', 'gitignore', 'systemd']);
const DIRECTIVE = /^\s*shipready-ignore(\S*)(.*)$/s;
/** `until <date>` ends the reason; only a word starting with a digit is taken as the date (`until Friday` is prose). */
const UNTIL = /\s*\buntil\s+(\d\S*)\s*$/;

/** A comment in a file: where it is and its text without the comment marker. */
interface Comment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  /** Code precedes it on its line. */
  trailing: boolean;
}

interface Directive {
  loc: Loc;
  scope: 'line' | 'file';
  /** The line whose findings a line directive suppresses. */
  target: number;
  /** The last line it covers: `target` itself, or the end of the multi-line Dockerfile instruction that starts there. */
  targetEnd: number;
  ids: string[];
  reason: string;
  until?: string;
  /** Rule ids (of `ids`) it suppressed at least one finding of. */
  used: Set<string>;
}

/** Where a `#` or `//` comment starts in a line, outside quotes; quotes open only where a token starts. */
function lineCommentStart(line: string, marker: '#' | '//'): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === '\\' && quote !== "'") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    const before = i === 0 ? ' ' : (line[i - 1] as string);
    if (c === '\\') i++;
    else if (line.startsWith(marker, i) && /\s/.test(before)) return i;
    else if ((c === '"' || c === "'" || (marker === '//' && c === '`')) && /[\s=:(,[{]/.test(before)) quote = c;
  }
  return undefined;
}

function lineComments(file: SourceFile, marker: '#' | '//'): Comment[] {
  const out: Comment[] = [];
  file.lines.forEach((text, index) => {
    const start = lineCommentStart(text, marker);
    if (start === undefined) return;
    out.push({
      line: index + 1,
      column: start + 1,
      endLine: index + 1,
      endColumn: text.length + 1,
      text: text.slice(start + marker.length),
      trailing: text.slice(0, start).trim() !== '',
    });
  });
  return out;
}

function isTrailing(file: SourceFile, line: number, column: number): boolean {
  return (file.lines[line - 1] ?? '').slice(0, column - 1).trim() !== '';
}

/** YAML comments from the concrete syntax tree: never inside quoted or block scalars. */
function yamlComments(file: SourceFile): Comment[] {
  const starts = lineStarts(file.text);
  const out: Comment[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const token = node as { type?: string; offset?: number; source?: string };
    if (token.type === 'comment' && token.offset !== undefined && token.source !== undefined) {
      const { line, column } = positionAt(starts, token.offset);
      out.push({ line, column, endLine: line, endColumn: column + token.source.length, text: token.source.slice(1), trailing: isTrailing(file, line, column) });
      return;
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit([...new YamlParser().parse(file.text)]);
  return out;
}

/** Words after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * JS/TS comments, found by one pass over the text that knows strings, template literals (and the code in their
 * `${…}`) and regular expression literals, so a `shipready-ignore` inside one of them is not a comment. Linear in
 * the file's size, whatever it holds: no parse, so no parser's error recovery to run away on hostile input.
 */
function scriptComments(file: SourceFile): Comment[] {
  const text = file.text;
  const starts = lineStarts(text);
  const out: Comment[] = [];
  const push = (from: number, to: number, body: string) => {
    const start = positionAt(starts, from);
    const end = positionAt(starts, to);
    out.push({ line: start.line, column: start.column, endLine: end.line, endColumn: end.column, text: body, trailing: isTrailing(file, start.line, start.column) });
  };
  /** Brace depth at which each open template literal's `${` began: a `}` at that depth goes back into the template. */
  const templates: number[] = [];
  let depth = 0;
  /** Whether a `/` here would start a regular expression: after an operator or at the start, not after a value. */
  let regexAllowed = true;
  let i = 0;
  const n = text.length;
  const skipTemplate = (): void => {
    // In a template literal's text: up to its closing backtick, or into a `${`.
    while (i < n) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        regexAllowed = false;
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        templates.push(depth);
        depth++;
        i += 2;
        regexAllowed = true;
        return;
      } else i++;
    }
  };
  while (i < n) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      push(i, stop, text.slice(i + 2, stop).replace(/\r$/, ''));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      push(i, stop, text.slice(i + 2, end === -1 ? n : end));
      i = stop;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      regexAllowed = false;
    } else if (c === '`') {
      i++;
      skipTemplate();
    } else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      i++;
      skipTemplate();
    } else if (c === '/' && regexAllowed) {
      // A regular expression literal, with its classes (`[/]` does not end it).
      i++;
      let inClass = false;
      while (i < n && text[i] !== '\n') {
        const r = text[i];
        if (r === '\\') i++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i++;
      }
      i++;
      regexAllowed = false;
    } else if (/[A-Za-z_$\d]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j] as string)) j++;
      regexAllowed = BEFORE_REGEX.has(text.slice(i, j));
      i = j;
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
      // After a closing bracket or a postfix operator comes a division; after anything else, an operand.
      if (!/\s/.test(c)) regexAllowed = !(c === ')' || c === ']' || c === '}' || ((c === '+' || c === '-') && next === c));
      i += (c === '+' || c === '-') && next === c ? 2 : 1;
    }
  }
  return out;
}

function commentsOf(file: SourceFile): Comment[] {
  if (file.comment === '//') return scriptComments(file);
  if (file.comment !== '#') return [];
  if (/\.ya?ml$/i.test(file.path)) return yamlComments(file);
  return lineComments(file, '#');
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** A suppression is valid through its `until` day (UTC) and expired from the next day on. */
function isExpired(until: string, now: Date): boolean {
  return now.getTime() >= new Date(`${until}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000;
}

interface Scan {
  directives: Directive[];
  /** Problems with the comments themselves: message and where. */
  problems: { loc: Loc; message: string }[];
}

/** What a `shipready-ignore` comment says, or why it suppresses nothing. */
type Parsed = { scope: Directive['scope']; name: string; ids: string[]; reason: string; until?: string } | { problem: string };

function parseDirective(comment: Comment, file: SourceFile, now: Date): Parsed | undefined {
  const match = DIRECTIVE.exec(comment.text);
  if (!match) return undefined;
  const form = match[1] as string;
  if (form !== '' && form !== '-file') {
    const fix = form.startsWith('-fi') ? `${MARKER}-file` : MARKER;
    return { problem: `\`${MARKER}${form}\` is not a suppression: write \`${fix} <rule-id> -- <reason>\`` };
  }
  if (comment.trailing && LINE_START_COMMENTS.has(file.kind)) {
    return { problem: `in this file \`${file.comment}\` starts a comment only at the start of a line, so this ${MARKER} is part of the line's value: move it to its own line above` };
  }
  const name = `${MARKER}${form}`;
  const body = match[2] as string;
  const dashes = body.indexOf('--');
  const ids = (dashes === -1 ? body : body.slice(0, dashes))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.some((id) => /\s/.test(id))) {
    return { problem: `\`${name}\` needs the rule ids it suppresses, separated by commas, then \`-- <reason>\`: write \`${name} <rule-id>[,<rule-id>] -- <reason>\`` };
  }
  let reason = dashes === -1 ? '' : body.slice(dashes + 2).trim();
  const until = UNTIL.exec(reason);
  if (until) reason = reason.slice(0, until.index).trim();
  const label = `${name} ${ids.join(',')}`;
  const date = until?.[1];
  if (date && !isRealDate(date)) return { problem: `${label}: \`until ${date}\` is not a date, so it suppresses nothing: write \`until YYYY-MM-DD\`` };
  if (!reason) return { problem: `${label} has no reason, so it suppresses nothing: say why the risk is accepted after \`--\` (\`-- <reason>\`)` };
  if (date && isExpired(date, now)) {
    return { problem: `${label} expired on ${date}, so its findings are reported again: fix them, or set a new \`until\` date if the risk is still accepted` };
  }
  return { scope: form === '-file' ? 'file' : 'line', name, ids, reason, ...(date ? { until: date } : {}) };
}

/**
 * Per Dockerfile, the instructions that span several lines (continuations, heredocs): first line → last line.
 * A comment can only stand above an instruction, so it covers all of the instruction's lines.
 */
function instructionSpans(project: Project): Map<string, Map<number, number>> {
  const spans = new Map<string, Map<number, number>>();
  for (const dockerfile of project.dockerfiles) {
    const byLine = new Map<number, number>();
    const instructions = [...dockerfile.globalArgs.map((a) => a.instruction), ...dockerfile.orphanInstructions, ...dockerfile.stages.flatMap((s) => s.instructions)];
    for (const ins of instructions) {
      const end = Math.max(ins.loc.endLine, ...ins.heredocs.map((h) => h.loc.endLine));
      if (end > ins.loc.line) byLine.set(ins.loc.line, end);
    }
    spans.set(dockerfile.file, byLine);
  }
  return spans;
}

function scanFile(file: SourceFile, now: Date, knownRuleIds: ReadonlySet<string>, spans?: ReadonlyMap<number, number>): Scan {
  const comments = commentsOf(file);
  const directives: Directive[] = [];
  const problems: Scan['problems'] = [];
  const commentOnly = new Set<number>();
  for (const c of comments) if (!c.trailing) for (let l = c.line; l <= c.endLine; l++) commentOnly.add(l);
  for (const comment of comments) {
    const parsed = parseDirective(comment, file, now);
    if (!parsed) continue;
    const loc: Loc = { file: file.path, line: comment.line, column: comment.column, endLine: comment.endLine, endColumn: comment.endColumn };
    if ('problem' in parsed) {
      problems.push({ loc, message: parsed.problem });
      continue;
    }
    const { name, ids, ...rest } = parsed;
    for (const id of ids.filter((id) => !knownRuleIds.has(id))) {
      const guess = didYouMean(id, knownRuleIds);
      problems.push({ loc, message: `${name} names ${id}, which is not a shipready rule: ${guess ? `did you mean ${guess}?` : 'correct the rule id or remove it'}` });
    }
    const known = ids.filter((id) => knownRuleIds.has(id));
    if (known.length === 0) continue;
    // A comment on its own line applies to the next line that is not a comment (suppressions may stack).
    let target = comment.endLine + 1;
    while (commentOnly.has(target)) target++;
    const line = comment.trailing ? comment.line : target;
    directives.push({ ...rest, loc, target: line, targetEnd: spans?.get(line) ?? line, ids: known, used: new Set() });
  }
  return { directives, problems };
}

function suppressing(directives: readonly Directive[], finding: Finding): Directive | undefined {
  const applies = (d: Directive) => d.ids.includes(finding.ruleId);
  return (
    directives.find((d) => d.scope === 'line' && d.target <= finding.line && finding.line <= d.targetEnd && applies(d)) ??
    directives.find((d) => d.scope === 'file' && applies(d))
  );
}

function unusedMessage(directive: Directive, id: string, config: ResolvedConfig): string {
  const name = directive.scope === 'file' ? `${MARKER}-file` : MARKER;
  if (config.rules.get(id)?.severity === 'off') return `${name} ${id} suppresses nothing: ${id} is off in the config; delete this suppression`;
  const where =
    directive.scope === 'file'
      ? 'in this file'
      : directive.target === directive.loc.line
        ? 'on this line'
        : directive.targetEnd > directive.target
          ? `on lines ${directive.target}-${directive.targetEnd}, the instruction it applies to`
          : `on line ${directive.target}, the line it applies to`;
  const fix = directive.ids.length > 1 ? `remove ${id} from it` : 'delete it';
  return `${name} ${id} suppressed nothing: there is no ${id} finding ${where}; ${fix}`;
}

/**
 * Marks the findings that inline suppressions accept (`suppressed`), and adds a
 * shipready/unused-suppression finding for every suppression that does not do its job.
 */
export function applySuppressions(
  findings: Finding[],
  project: Project,
  now: Date,
  knownRuleIds: ReadonlySet<string>,
  config: ResolvedConfig,
): Finding[] {
  const byFile = new Map<string, Directive[]>();
  const problems: Scan['problems'] = [];
  const spans = instructionSpans(project);
  for (const file of project.files) {
    if (!file.text.includes(MARKER)) continue;
    const scan = scanFile(file, now, knownRuleIds, spans.get(file.path));
    byFile.set(file.path, scan.directives);
    problems.push(...scan.problems);
  }
  for (const finding of findings) {
    const directives = byFile.get(finding.file);
    const directive = directives && suppressing(directives, finding);
    if (!directive) continue;
    directive.used.add(finding.ruleId);
    finding.suppressed = { kind: directive.scope === 'file' ? 'file' : 'inline', reason: directive.reason, ...(directive.until ? { until: directive.until } : {}) };
  }
  for (const directives of byFile.values()) {
    for (const d of directives) for (const id of d.ids) if (!d.used.has(id)) problems.push({ loc: d.loc, message: unusedMessage(d, id, config) });
  }
  const reported = problems.flatMap((p) => engineFinding('shipready/unused-suppression', p.loc, p.message, config) ?? []);
  return [...findings, ...reported];
}
