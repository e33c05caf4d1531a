/**
 * Shell scripts (`*.sh`, `*.bash`) → the facts operations rules need, with positions: the shebang,
 * where errexit (`set -e`, `set -euo pipefail`, `set -o errexit`, `#!/bin/bash -e`) is turned on
 * before the first command, the first command, and every `chmod` with the mode it sets.
 * Words come from the shell reader (src/parsers/shell.ts); nothing is run.
 */
import type { Loc, SourceFile } from '../types.ts';
import { invocation, isShellProgram, type LocatedCommand, type LocatedWord, locatedCommands, mapText } from './shell.ts';

export interface Shebang {
  /** The program that runs the script: `bash` for `#!/bin/bash` and for `#!/usr/bin/env bash`. */
  interpreter: string;
  args: string[];
  loc: Loc;
}

export interface ChmodCall {
  /** The mode as written: `777`, `-R`'s `0777`, `a+rwx`, `o+w`. */
  mode: string;
  /** The mode lets every user write (others' write bit), sticky-bit modes such as 1777 excepted. */
  worldWritable: boolean;
  recursive: boolean;
  /** The mode word. */
  loc: Loc;
}

export interface ShellScript {
  file: string;
  shebang?: Shebang;
  commands: LocatedCommand[];
  /** The first command that runs something (not `set`, `shopt`, `trap`, an assignment or a function definition). */
  firstCommand?: LocatedCommand;
  /** Where errexit is turned on before the first command (the `set` command or the shebang); undefined when it is not. */
  errexit?: Loc;
  /** The top-level commands that run something (outside function bodies; not setup builtins such as `set` or `export`), in order. */
  steps: LocatedCommand[];
  chmods: ChmodCall[];
}

/** Builtins that only configure the shell: they may come before `set -e`. */
const SETUP_BUILTINS = new Set(['set', 'shopt', 'trap', 'umask', 'export', 'readonly', 'declare', 'typeset', ':']);
/** Words after which `chmod` is the program a command runs. */
const CHMOD_LAUNCHERS = new Set(['sudo', 'doas', 'command', 'exec', 'nohup', '-exec', '-execdir', 'xargs']);
const NUMERIC_MODE = /^[0-7]{3,4}$/;
const SYMBOLIC_MODE = /^[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*$/;

function setsErrexit(words: readonly string[]): boolean {
  return words.some((w, k) => /^-[A-Za-z]*e[A-Za-z]*$/.test(w) || (w === '-o' && words[k + 1] === 'errexit'));
}

function readShebang(source: SourceFile): Shebang | undefined {
  const first = source.lines[0] ?? '';
  if (!first.startsWith('#!')) return undefined;
  const words = first.slice(2).trim().split(/\s+/).filter(Boolean);
  let [program = '', ...args] = words;
  if (program.endsWith('/env')) {
    const rest = args.filter((a) => a !== '-S');
    program = rest[0] ?? '';
    args = rest.slice(1);
  }
  return { interpreter: program.slice(program.lastIndexOf('/') + 1), args, loc: { file: source.path, line: 1, column: 1, endLine: 1, endColumn: first.length + 1 } };
}

function worldWritable(mode: string): boolean {
  if (NUMERIC_MODE.test(mode)) {
    const digits = mode.padStart(4, '0');
    const sticky = (Number(digits[0]) & 1) === 1;
    return !sticky && (Number(digits[3]) & 2) === 2;
  }
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    return m !== null && /[oa]/.test(m[1] as string) && m[2] !== '-' && (m[3] as string).includes('w');
  });
}

function chmodOf(words: readonly LocatedWord[]): ChmodCall | undefined {
  const at = words.findIndex((w, k) => w.value.slice(w.value.lastIndexOf('/') + 1) === 'chmod' && (k === 0 || CHMOD_LAUNCHERS.has((words[k - 1] as LocatedWord).value)));
  if (at === -1) return undefined;
  let recursive = false;
  for (const word of words.slice(at + 1)) {
    if (NUMERIC_MODE.test(word.value) || SYMBOLIC_MODE.test(word.value)) return { mode: word.value, worldWritable: worldWritable(word.value), recursive, loc: word.loc };
    if (!word.value.startsWith('-')) return undefined;
    if (word.value === '--recursive' || /^-[A-Za-z]*R/.test(word.value)) recursive = true;
  }
  return undefined;
}

/** True for `name()` (a function definition: its body runs only when called) and `function name`. */
function startsFunction(command: LocatedCommand): boolean {
  const first = command.words[0]?.value ?? '';
  return first === 'function' || (command.terminator === '(' && command.words.length === 1 && /^[A-Za-z_][\w-]*$/.test(first));
}

export function parseScript(source: SourceFile): ShellScript {
  const commands = locatedCommands(mapText(source.path, source.text));
  const shebang = readShebang(source);
  const script: ShellScript = { file: source.path, commands, chmods: [], steps: [] };
  if (shebang) script.shebang = shebang;
  if (shebang && isShellProgram(shebang.interpreter) && setsErrexit(shebang.args)) script.errexit = shebang.loc;
  // Function bodies are skipped: `depth` counts the braces open since a definition, `pending` waits for its `{`.
  let depth = 0;
  let pending = false;
  let decided = false;
  for (const command of commands) {
    const chmod = chmodOf(command.words);
    if (chmod) script.chmods.push(chmod);
    const first = command.words[0]?.value;
    if (startsFunction(command) && depth === 0) {
      pending = !command.words.some((w) => w.value === '{');
      depth = pending ? 0 : 1;
      continue;
    }
    if (pending || depth > 0) {
      if (first === '{') depth++;
      if (first === '}') depth--;
      pending = false;
      continue;
    }
    const argv = invocation(command.words).argv.map((w) => w.value);
    // `LATEST=$(ls -t backups | head -1)` runs commands: a step that can fail, and errexit stops on it.
    if (argv.length === 0 && !command.words.some((w) => /\$\(|`/.test(w.value))) continue;
    const setup = argv.length > 0 && SETUP_BUILTINS.has(argv[0] as string);
    if (!setup) script.steps.push(command);
    if (decided) continue;
    if (argv[0] === 'set' && setsErrexit(argv.slice(1))) {
      script.errexit ??= command.loc;
      decided = true;
    } else if (!setup) {
      script.firstCommand = command;
      decided = true;
    }
  }
  return script;
}
