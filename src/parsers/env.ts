/**
 * Env files with dotenv semantics: `export ` prefix, single/double/backtick quotes (which may span lines),
 * `#` comments (in an unquoted value only after whitespace), `${VAR}`/`$VAR` references (kept, not expanded),
 * empty values. Syntax problems are collected per line, never thrown: env/syntax reports them.
 */
import type { Loc, SourceFile } from '../types.ts';

export type EnvQuote = '"' | "'" | '`';

export interface EnvEntry {
  key: string;
  /** The value as a loader sees it: quotes removed, `\n`-style escapes of double quotes applied. */
  value: string;
  quote: EnvQuote | null;
  /** Variables the value refers to (`${VAR}`, `${VAR:-default}`, `$VAR`); none inside single quotes. */
  references: string[];
  keyLoc: Loc;
  /** The value as written, quotes included; zero-width right after `=` when the value is empty. */
  valueLoc: Loc;
  /** The whole assignment, from its first character to the end of its last line. */
  loc: Loc;
}

export type EnvProblem =
  | { kind: 'notAssignment'; loc: Loc }
  | { kind: 'invalidKey'; key: string; loc: Loc }
  | { kind: 'spaceAroundEquals'; key: string; loc: Loc }
  | { kind: 'unclosedQuote'; key: string; loc: Loc }
  | { kind: 'textAfterQuote'; key: string; loc: Loc }
  | { kind: 'duplicateKey'; key: string; firstLine: number; loc: Loc };

export interface ParsedEnv {
  file: string;
  entries: EnvEntry[];
  /** In line order. */
  problems: EnvProblem[];
  /** Keys of commented-out assignments (`# REDIS_URL=redis://…`): how examples document optional settings. */
  commentedKeys: string[];
}

const ASSIGNMENT = /^(\s*)(export\s+)?([^\s=#]+)([ \t]*)=([ \t]*)(.*)$/;
const VALID_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const REFERENCE = /(\\?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/** Variables a value refers to: `${VAR}`, `${VAR:-default}`, `$VAR`; a backslash-escaped `\$` is literal. */
export function referencesIn(raw: string): string[] {
  const names: string[] = [];
  for (const m of raw.matchAll(REFERENCE)) if (!m[1]) names.push((m[2] ?? m[3]) as string);
  return names;
}

/** A multi-line value longer than this is an unclosed quote (a PEM key is a few dozen lines); bounds the search. */
const MAX_VALUE_LINES = 1000;

/** Where the closing quote of a quoted value is: line index and column index in that line, or undefined. */
function findClosingQuote(lines: readonly string[], line: number, from: number, quote: EnvQuote): { line: number; index: number } | undefined {
  for (let l = line; l < Math.min(lines.length, line + MAX_VALUE_LINES); l++) {
    const text = lines[l] as string;
    for (let i = l === line ? from : 0; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === quote) return { line: l, index: i };
    }
  }
  return undefined;
}

export function parseEnv(source: SourceFile): ParsedEnv {
  const file = source.path;
  const lines = source.lines;
  const entries: EnvEntry[] = [];
  const problems: EnvProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const commentedKeys: string[] = [];
  const span = (line: number, start: number, endLine: number, end: number): Loc => ({ file, line: line + 1, column: start + 1, endLine: endLine + 1, endColumn: end + 1 });

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      const commented = /^#+\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(trimmed);
      if (commented) commentedKeys.push(commented[1] as string);
      continue;
    }
    const start = text.length - text.trimStart().length;
    const m = ASSIGNMENT.exec(text);
    if (!m) {
      problems.push({ kind: 'notAssignment', loc: span(i, start, i, text.trimEnd().length) });
      continue;
    }
    const [, lead = '', exported = '', key = '', before = '', after = '', rest = ''] = m;
    const keyStart = lead.length + exported.length;
    const keyLoc = span(i, keyStart, i, keyStart + key.length);
    const equalsAt = keyStart + key.length + before.length;
    let valueStart = equalsAt + 1 + after.length;
    if (!VALID_KEY.test(key)) problems.push({ kind: 'invalidKey', key, loc: keyLoc });
    if (before !== '' || (after !== '' && rest !== '' && !rest.startsWith('#'))) {
      problems.push({ kind: 'spaceAroundEquals', key, loc: span(i, keyStart + key.length, i, valueStart) });
    }

    let value: string;
    let quote: EnvQuote | null = null;
    let references: string[];
    let endLine = i;
    let valueEnd: number;
    const opening = rest[0];
    if (opening === '"' || opening === "'" || opening === '`') {
      const close = findClosingQuote(lines, i, valueStart + 1, opening);
      const tail = close ? (lines[close.line] as string).slice(close.index + 1) : '';
      const cleanTail = /^\s*(?:#.*)?$/.test(tail);
      // A quote closed on a later line by a quote that is followed by more text is almost always an
      // unclosed quote that ran into the next quoted value: report it where it opened.
      if (!close || (close.line > i && !cleanTail)) {
        problems.push({ kind: 'unclosedQuote', key, loc: span(i, valueStart, i, text.trimEnd().length) });
        value = rest.slice(1).trimEnd();
        valueEnd = text.trimEnd().length;
        references = [];
      } else {
        quote = opening;
        endLine = close.line;
        valueEnd = close.index + 1;
        const raw = close.line === i ? text.slice(valueStart + 1, close.index) : [text.slice(valueStart + 1), ...lines.slice(i + 1, close.line), (lines[close.line] as string).slice(0, close.index)].join('\n');
        value = quote === '"' ? raw.replace(/\\(.)/g, (all, ch: string) => DOUBLE_QUOTE_ESCAPES[ch] ?? all) : raw.replace(new RegExp(`\\\\${quote}`, 'g'), quote);
        references = quote === "'" ? [] : referencesIn(raw);
        if (!cleanTail) {
          const tailStart = close.index + 1 + (tail.length - tail.trimStart().length);
          problems.push({ kind: 'textAfterQuote', key, loc: span(close.line, tailStart, close.line, (lines[close.line] as string).trimEnd().length) });
        }
      }
    } else {
      // `#` starts a comment at the start of the value (after `=` and whitespace) or after whitespace.
      const comment = after !== '' && rest.startsWith('#') ? 0 : rest.search(/\s#/);
      const raw = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
      if (raw === '') valueStart = equalsAt + 1;
      value = raw;
      valueEnd = valueStart + raw.length;
      references = referencesIn(raw);
    }

    const valueLoc = span(i, valueStart, endLine, valueEnd);
    const lastLine = lines[endLine] as string;
    entries.push({ key, value, quote, references, keyLoc, valueLoc, loc: span(i, start, endLine, Math.max(lastLine.trimEnd().length, valueEnd)) });
    const first = firstLineOf.get(key);
    if (first === undefined) firstLineOf.set(key, i + 1);
    else problems.push({ kind: 'duplicateKey', key, firstLine: first, loc: keyLoc });
    i = endLine;
  }
  return { file, entries, problems, commentedKeys };
}
