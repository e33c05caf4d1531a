/**
 * A small POSIX-shell reader: enough to see the simple commands of a RUN line or a script
 * (words, with quotes removed) and the operators between them. It never runs anything.
 */

export interface ShellWord {
  /** The word with quotes removed and escapes resolved. */
  value: string;
  /** Offset of the word's first character in the input text. */
  offset: number;
}

export interface SimpleCommand {
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
  const endWord = () => {
    if (current !== null) words.push({ value: current, offset: start });
    current = null;
  };
  const endCommand = (terminator: string) => {
    endWord();
    if (words.length > 0) commands.push({ words, offset: words[0]?.offset ?? 0, terminator });
    words = [];
  };
  let i = 0;
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

/** Words of a command after leading `VAR=value` assignments and wrappers such as `sudo`/`env`. */
export function commandWords(command: SimpleCommand): string[] {
  const words = command.words.map((w) => w.value);
  let i = 0;
  while (i < words.length) {
    const w = words[i] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
      i++;
      continue;
    }
    if (w === 'sudo' || w === 'env' || w === 'exec' || w === 'command' || w === 'nohup' || w === 'time') {
      i++;
      continue;
    }
    break;
  }
  return words.slice(i);
}
