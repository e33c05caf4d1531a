/**
 * A small POSIX-shell reader: enough to see the simple commands of a RUN line or a script
 * (words, with quotes removed) and the operators between them. It never runs anything.
 */
import type { Loc } from '../types.ts';

interface ShellWord {
  /** The word with quotes removed and escapes resolved. */
  value: string;
  /** Offset of the word's first character in the input text. */
  offset: number;
  /** Offset just after the word's last character (closing quote included). */
  end: number;
}

interface SimpleCommand {
  words: ShellWord[];
  /** Offset of the command's first word. */
  offset: number;
  /** The operator that ended this command (`&&`, `||`, `;`, `|`, `\n`, `&`), or '' at end. */
  terminator: string;
}

const OPERATORS = ['&&', '||', ';;', ';', '|&', '|', '&', '\n', '(', ')'];
/** Redirection operators, longest first: `2>&1`'s `>&`, `&>>`, heredocs, here-strings. */
const REDIRECTIONS = ['&>>', '&>', '<<<', '<<-', '<<', '>>', '>&', '<&', '>|', '<>', '>', '<'];
/** Bounds the nesting a substitution may have, so hostile text cannot make the reader recurse deeply. */
const MAX_NESTING = 64;

/**
 * The index just after the construct that starts at `i` — `$(…)`, `$((…))`, `${…}`, `` `…` ``, `<(…)`, `>(…)`,
 * a quoted string — with nesting and quotes inside followed; the end of the text when it is not closed.
 */
function skipConstruct(text: string, i: number, depth = 0): number {
  const ch = text[i];
  if (ch === "'") {
    const close = text.indexOf("'", i + 1);
    return close === -1 ? text.length : close + 1;
  }
  if (ch === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '`') return j + 1;
    }
    return text.length;
  }
  if (ch === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
      else if (opensConstruct(text, j) && depth < MAX_NESTING) j = skipConstruct(text, j, depth + 1) - 1;
    }
    return text.length;
  }
  // `$(`, `$((`, `${`, `<(`, `>(`: to the matching close, over quotes and nested constructs.
  const open = text[i + 1] as string;
  const close = open === '{' ? '}' : ')';
  let level = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === open) level++;
    else if (c === close && --level === 0) return j + 1;
    else if ((c === "'" || c === '"' || c === '`' || opensConstruct(text, j)) && depth < MAX_NESTING) j = skipConstruct(text, j, depth + 1) - 1;
  }
  return text.length;
}

/** `$(`, `${`, `<(`, `>(` at `i`. */
function opensConstruct(text: string, i: number): boolean {
  const ch = text[i];
  const next = text[i + 1];
  return (ch === '$' && (next === '(' || next === '{')) || ((ch === '<' || ch === '>') && next === '(');
}

/** The here-document delimiter after `<<` (quotes removed), and the index after it. */
function heredocDelimiter(text: string, i: number): { delimiter: string; end: number } {
  let j = i;
  while (text[j] === ' ' || text[j] === '\t') j++;
  const startWord = j;
  while (j < text.length && !/[\s;&|<>()]/.test(text[j] as string)) j = text[j] === "'" || text[j] === '"' ? skipConstruct(text, j) : j + 1;
  return { delimiter: text.slice(startWord, j).replace(/["'\\]/g, ''), end: j };
}

/**
 * Splits shell text into simple commands. Comments (`#` at a word start) run to end of line. Redirections
 * (`2>&1`, `>/dev/null`, `&>log`, `<<EOF` with its body) are not words of the command; command and
 * parameter substitutions (`$(…)`, `` `…` ``, `${…}`) are part of the word they appear in, as written.
 */
export function parseShell(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let current: string | null = null;
  let start = 0;
  let i = 0;
  /** Here-documents whose bodies start after the current line, in order. */
  const pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  const endWord = () => {
    if (current !== null) words.push({ value: current, offset: start, end: Math.min(i, text.length) });
    current = null;
  };
  const endCommand = (terminator: string) => {
    endWord();
    if (words.length > 0) commands.push({ words, offset: words[0]?.offset ?? 0, terminator });
    words = [];
  };
  const skipHeredocBodies = () => {
    for (const { delimiter, stripTabs } of pendingHeredocs.splice(0)) {
      while (i < text.length) {
        const lineEnd = text.indexOf('\n', i);
        const line = text.slice(i, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
        i = lineEnd === -1 ? text.length : lineEnd + 1;
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
      }
    }
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (ch === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') {
      i += 3;
      continue;
    }
    if (current === null && ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
      continue;
    }
    // A redirection: `[n]>file`, `2>&1`, `&>log`, `<<EOF`. A word of digits right before it is its file descriptor.
    const redirect = opensConstruct(text, i) ? undefined : REDIRECTIONS.find((r) => text.startsWith(r, i));
    if (redirect) {
      if (current !== null && /^\d+$/.test(current) && start + current.length === i) current = null;
      endWord();
      i += redirect.length;
      if (redirect === '<<' || redirect === '<<-') {
        const { delimiter, end } = heredocDelimiter(text, i);
        pendingHeredocs.push({ delimiter, stripTabs: redirect === '<<-' });
        i = end;
        continue;
      }
      if ((redirect === '>&' || redirect === '<&') && /[\d-]/.test(text[i] ?? '')) {
        while (/[\d-]/.test(text[i] ?? '')) i++;
        continue;
      }
      // The target is the next word: skip it.
      while (text[i] === ' ' || text[i] === '\t') i++;
      while (i < text.length && !/[\s;&|<>()]/.test(text[i] as string)) i = "'\"`$".includes(text[i] as string) && (text[i] !== '$' || opensConstruct(text, i)) ? skipConstruct(text, i) : i + 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      endCommand(op);
      i += op.length;
      if (op === '\n' && pendingHeredocs.length > 0) skipHeredocBodies();
      continue;
    }
    if (current === null) {
      current = '';
      start = i;
    }
    if (opensConstruct(text, i) || ch === '`') {
      const end = skipConstruct(text, i);
      current += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      current += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1] as string)) {
          if (text[i + 1] !== '\n') current += text[i + 1];
          i += 2;
          continue;
        }
        if (opensConstruct(text, i) || text[i] === '`') {
          const end = skipConstruct(text, i);
          current += text.slice(i, end);
          i = end;
          continue;
        }
        current += text[i];
        i++;
      }
      i++;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) {
      current += text[i + 1];
      i += 2;
      continue;
    }
    current += ch;
    i++;
  }
  endCommand('');
  return commands;
}

/**
 * Text with the file position of each of its characters: `lines[i]`:`columns[i]` is where `text[i]` is,
 * and index `text.length` is just after the last character. Lets words found in joined text (Dockerfile
 * line continuations, heredoc bodies, scripts) be reported where they are written. Two typed arrays,
 * not an object per character: a large repository maps megabytes of command text.
 */
export interface MappedText {
  file: string;
  text: string;
  lines: Int32Array;
  columns: Int32Array;
}

/** Collects the position of each character of a text, then freezes them into a MappedText. */
export class PositionRecorder {
  private readonly lines: number[] = [];
  private readonly columns: number[] = [];
  push(line: number, column: number): void {
    this.lines.push(line);
    this.columns.push(column);
  }
  mapped(file: string, text: string): MappedText {
    return { file, text, lines: Int32Array.from(this.lines), columns: Int32Array.from(this.columns) };
  }
}

/** Maps text that starts at `line`:`column` of `file` (CRLF, CR and LF all end a line). */
export function mapText(file: string, text: string, line = 1, column = 1): MappedText {
  const positions = new PositionRecorder();
  let l = line;
  let c = column;
  for (let i = 0; i < text.length; i++) {
    positions.push(l, c);
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      l++;
      c = 1;
    } else if (ch !== '\r') c++;
  }
  positions.push(l, c);
  return positions.mapped(file, text);
}

/** The part of mapped text from offset `start` on. */
export function sliceMapped(mapped: MappedText, start: number): MappedText {
  return { file: mapped.file, text: mapped.text.slice(start), lines: mapped.lines.subarray(start), columns: mapped.columns.subarray(start) };
}

function positionAt(mapped: MappedText, index: number): { line: number; column: number } | undefined {
  const line = mapped.lines[index];
  const column = mapped.columns[index];
  return line === undefined || column === undefined ? undefined : { line, column };
}

/** The span of `text[start, end)` in its file. */
export function spanOf(mapped: MappedText, start: number, end: number): Loc {
  const from = positionAt(mapped, start) ?? positionAt(mapped, mapped.lines.length - 1) ?? { line: 1, column: 1 };
  const last = end > start ? positionAt(mapped, end - 1) : undefined;
  const to = last ? { line: last.line, column: last.column + 1 } : from;
  return { file: mapped.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

export interface LocatedWord {
  value: string;
  loc: Loc;
}

export interface LocatedCommand {
  words: LocatedWord[];
  terminator: string;
  loc: Loc;
}

/** Simple commands of mapped shell text, each word with its position in the file. */
export function locatedCommands(mapped: MappedText): LocatedCommand[] {
  return parseShell(mapped.text).map((command) => {
    const first = command.words[0] as ShellWord;
    const last = command.words[command.words.length - 1] as ShellWord;
    return {
      words: command.words.map((w) => ({ value: w.value, loc: spanOf(mapped, w.offset, w.end) })),
      terminator: command.terminator,
      loc: spanOf(mapped, first.offset, last.end),
    };
  });
}

/** Reserved words that may start a line before the command they introduce (`then node …`). */
const RESERVED_PREFIXES = new Set(['then', 'else', 'do', 'if', 'elif', 'while', 'until', '!', '{']);
/** Reserved words that close a compound command: no program runs there. */
const RESERVED_CLOSERS = new Set(['fi', 'done', 'esac', '}', ';;']);

/**
 * The program a command runs and whether `exec` replaces the shell with it: the words after
 * reserved words (`then`, `do`, `!` …) and `NAME=value` assignments, with a leading `exec` removed.
 */
export function invocation<W extends { value: string }>(words: readonly W[]): { exec: boolean; argv: W[] } {
  let i = 0;
  while (i < words.length && (RESERVED_PREFIXES.has((words[i] as W).value) || /^[A-Za-z_][A-Za-z0-9_]*=/.test((words[i] as W).value))) i++;
  const exec = words[i]?.value === 'exec';
  return { exec, argv: words.slice(exec ? i + 1 : i) };
}

/** The last command of a script that runs a program (closing `fi`/`done`/`esac` are skipped). */
export function lastCommand<C extends { words: readonly { value: string }[] }>(commands: readonly C[]): C | undefined {
  for (let i = commands.length - 1; i >= 0; i--) {
    const command = commands[i] as C;
    if (!RESERVED_CLOSERS.has(command.words[0]?.value ?? '')) return command;
  }
  return undefined;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** True for a POSIX shell program, by path or name (`/bin/sh`, `bash`). */
export function isShellProgram(word: string): boolean {
  return SHELLS.has(word.slice(word.lastIndexOf('/') + 1));
}
