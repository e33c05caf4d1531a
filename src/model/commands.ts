/**
 * The programs Dockerfile instructions run, with the position of every word: the commands of a RUN
 * and the test of a HEALTHCHECK, in exec or shell form, with the script of a `sh -c '…'` read as shell.
 * Built on the parser's shellCommands(), which places words across continuations and heredoc bodies.
 */
import { containerCommand, type DockerInstruction, type Stage, shellCommands } from '../parsers/dockerfile.ts';
import { invocation, isShellProgram, type LocatedCommand, type LocatedWord, locatedCommands, mapText, parseShell } from '../parsers/shell.ts';
import type { Loc } from '../types.ts';
import { basename } from './project.ts';

export interface ProgramCall<W extends LocatedWord = LocatedWord> {
  /** Every word, leading assignments, `exec` and wrappers (sudo, env, tini, gosu, …) included. */
  words: W[];
  /** True when `exec` replaces the shell with the program. */
  exec: boolean;
  /** The words from the program name on. */
  program: W[];
  /** `VAR=value` assignments before the program (also those given to `env`): the environment the command adds for itself. */
  assignments: Map<string, string>;
}

interface Wrapper {
  /** Options that take the next word as their value. */
  valueOptions: ReadonlySet<string>;
  /** Words after the options before the command: `gosu <user> <command…>`. */
  operands: number;
}

const none: ReadonlySet<string> = new Set();
const user = (valueOptions: ReadonlySet<string> = none): Wrapper => ({ valueOptions, operands: 1 });
const plain = (valueOptions: ReadonlySet<string> = none): Wrapper => ({ valueOptions, operands: 0 });

/** Programs that drop root before running the command they are given: `gosu node node server.js`. */
export const PRIVILEGE_DROPPERS: ReadonlyMap<string, Wrapper> = new Map([
  ['gosu', user()],
  ['su-exec', user()],
  ['setuidgid', user()],
  ['s6-setuidgid', user()],
  ['chpst', plain(new Set(['-u', '-U', '-b', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c', '-r', '-t']))],
  ['setpriv', plain(new Set(['--reuid', '--regid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile']))],
]);

/** Programs that run the command given as their arguments. */
const WRAPPERS: ReadonlyMap<string, Wrapper> = new Map([
  ...PRIVILEGE_DROPPERS,
  // Init processes: they start the command as a child and forward signals to it.
  ['tini', plain(new Set(['-p', '-e']))],
  ['tini-static', plain(new Set(['-p', '-e']))],
  ['dumb-init', plain(new Set(['-r', '--rewrite']))],
  ['sudo', plain(new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U']))],
  ['env', plain(new Set(['-u', '-C', '-S', '--unset', '--chdir']))],
  ['nohup', plain()],
  ['nice', plain(new Set(['-n']))],
  ['time', plain(new Set(['-f', '-o']))],
  ['timeout', { valueOptions: new Set(['-s', '-k', '--signal', '--kill-after']), operands: 1 }],
  ['command', plain()],
]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The program a command runs: after reserved words (`then`, `do`), `VAR=value` assignments, `exec`
 * and wrappers with their options (`sudo -u app`, `env -u X A=1`, `tini --`, `gosu node`, `timeout 5`).
 * `command -v x` looks a program up without running it: its program is `command`.
 */
export function programCall<W extends LocatedWord>(words: readonly W[]): ProgramCall<W> {
  const { exec, argv } = invocation(words);
  const assignments = new Map<string, string>();
  const assign = (w: W) => assignments.set(w.value.slice(0, w.value.indexOf('=')), w.value.slice(w.value.indexOf('=') + 1));
  for (const w of words.slice(0, words.length - argv.length)) if (ASSIGNMENT.test(w.value)) assign(w);
  let i = 0;
  for (;;) {
    const word = argv[i];
    if (!word) break;
    if (ASSIGNMENT.test(word.value)) {
      assign(word);
      i++;
      continue;
    }
    const name = basename(word.value);
    const wrapper = WRAPPERS.get(name);
    if (!wrapper || (name === 'command' && /^-[vV]/.test(argv[i + 1]?.value ?? ''))) break;
    for (i++; argv[i]?.value.startsWith('-'); ) {
      const option = (argv[i] as W).value;
      i += wrapper.valueOptions.has(option) ? 2 : 1;
      if (option === '--') break;
    }
    i += wrapper.operands;
  }
  return { words: [...words], exec, program: argv.slice(i), assignments };
}

/** The script word of `sh -c '<script>'` (`bash -ec`, `/bin/sh -c` …); undefined for other programs. */
export function shellScriptOf<W extends LocatedWord>(program: readonly W[]): W | undefined {
  if (!isShellProgram(program[0]?.value ?? '')) return undefined;
  const c = program.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value));
  return c === -1 ? undefined : program[c + 1];
}

/**
 * Commands of a shell script written as one word (`sh -c "npm start"`, `["sh", "-c", "npm start"]`):
 * placed exactly when the word is on one line and written without escapes, else every word at the string.
 */
export function commandsOfString(word: LocatedWord): LocatedCommand[] {
  const { loc, value } = word;
  const quotes = loc.endColumn - loc.column - value.length;
  if (loc.line === loc.endLine && (quotes === 0 || quotes === 2)) return locatedCommands(mapText(loc.file, value, loc.line, loc.column + quotes / 2));
  return parseShell(value).map((c) => ({ words: c.words.map((w) => ({ value: w.value, loc })), terminator: c.terminator, loc }));
}

/** A call, followed by the calls of its script when it is `sh -c '…'`. */
function withScriptCalls(call: ProgramCall): ProgramCall[] {
  const script = shellScriptOf(call.program);
  return script ? [call, ...commandsOfString(script).flatMap((c) => withScriptCalls(programCall(c.words)))] : [call];
}

/** Calls of a command: its exec-form words (after `CMD` for HEALTHCHECK) as one call, or its shell commands. */
function callsOf(ins: DockerInstruction, execWords: readonly LocatedWord[]): ProgramCall[] {
  const calls = ins.exec ? [programCall(execWords)] : shellCommands(ins).map((c) => programCall(c.words));
  return calls.flatMap(withScriptCalls);
}

/** The commands a RUN executes, in order; none for other instructions. */
export function runCalls(ins: DockerInstruction): ProgramCall[] {
  return ins.keyword === 'RUN' ? callsOf(ins, ins.words) : [];
}

/**
 * The commands the container starts with: its ENTRYPOINT's and CMD's, each exec form as one call. An exec-form
 * ENTRYPOINT takes an exec-form CMD as its arguments (`["npm", "run"]` + `["start"]` runs `npm run start`), and
 * the CMD is kept as a call of its own too, which an entrypoint script runs with `exec "$@"`.
 */
export function containerCalls(stage: Stage): ProgramCall[] {
  const { entrypoint, cmd } = containerCommand(stage);
  if (entrypoint?.exec && cmd?.exec) return [...withScriptCalls(programCall([...entrypoint.words, ...cmd.words])), ...callsOf(cmd, cmd.words)];
  return [entrypoint, cmd].flatMap((ins) => (ins ? callsOf(ins, ins.words) : []));
}

/** Words of a migration or seeding task: `migrate`, `db-migrate.mjs`, `prisma migrate deploy`, `seed.js`. */
const MIGRATION_TASK = /(?:^|[-_./:])(?:migrat\w*|seed\w*)(?:$|[-_.:])/i;

/**
 * The container applies migrations or seeds data and exits: the last command it starts (after wrappers, and the last
 * of a `sh -c` script) names such a task. `migrate && exec node server.js` serves, so it is not one.
 */
export function runsOnce(stage: Stage): boolean {
  const last = containerCalls(stage).at(-1);
  return last?.program.some((w) => MIGRATION_TASK.test(w.value)) ?? false;
}

/** From the first word to the last when they are on one line, else the first word (a finding's carets stay on one line). */
export function spanOfWords(first: Loc, last: Loc): Loc {
  return first.file === last.file && first.line === last.endLine ? { ...first, endLine: last.endLine, endColumn: last.endColumn } : first;
}

type HealthcheckTest =
  /** `HEALTHCHECK NONE`: turns off a check inherited from the base image or a parent stage. */
  | { form: 'none'; at: LocatedWord }
  | {
      form: 'exec' | 'shell';
      /** The `CMD` word. */
      at: LocatedWord;
      /** The command's arguments: JSON strings (exec form) or shell words. */
      args: LocatedWord[];
      /** True when the test runs through a shell: shell form, or an exec form that starts one (`sh -c …`, `sh check.sh`). */
      needsShell: boolean;
      calls: ProgramCall[];
    };

/** The test a HEALTHCHECK instruction runs. Undefined when it has none (a syntax error Docker rejects). */
export function healthcheckTest(ins: DockerInstruction): HealthcheckTest | undefined {
  const [type, ...args] = ins.words;
  if (ins.keyword !== 'HEALTHCHECK' || !type) return undefined;
  if (type.value.toUpperCase() === 'NONE') return { form: 'none', at: type };
  if (type.value.toUpperCase() !== 'CMD' || args.length === 0) return undefined;
  const calls = callsOf(ins, args);
  if (!ins.exec) return { form: 'shell', at: type, args, needsShell: true, calls };
  return { form: 'exec', at: type, args, needsShell: isShellProgram(calls[0]?.program[0]?.value ?? ''), calls };
}
