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

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];

/** Splits shell text into simple commands. Comments (`#` at a word start) run to end of line. */
export function parseShell(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let current: string | null = null;
  let start = 0;
  let i = 0;
  const endWord = () => {
    if (current !== null) words.push({ value: current, offset: start, end: Math.min(i, text.length) });
    current = null;
  };
  const endCommand = (terminator: string) => {
    endWord();
    if (words.length > 0) commands.push({ words, offset: words[0]?.offset ?? 0, terminator });
    words = [];
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
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      endCommand(op);
      i += op.length;
      continue;
    }
    if (current === null) {
      current = '';
      start = i;
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
