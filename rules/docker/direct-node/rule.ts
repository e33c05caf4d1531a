import { commandsOfString, programCall, shellScriptOf, spanOfWords } from '../../../src/model/commands.ts';
import { basename, type Project } from '../../../src/model/project.ts';
import { imageFileText } from '../../../src/model/stage-state.ts';
import { containerCommand, type Dockerfile, type DockerInstruction, shellCommands, type Stage } from '../../../src/parsers/dockerfile.ts';
import { isShellProgram, type LocatedCommand, type LocatedWord, lastCommand, locatedCommands } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';

/** A word of the container's command line; `shell` when it stands for `/bin/sh -c <text>` of a shell-form instruction. */
interface Arg extends LocatedWord {
  shell?: { commands: LocatedCommand[]; keyword: string };
}

type Verdict =
  | { kind: 'direct' }
  /** Not a process shipready can follow (another program, a script not in the repository): not applicable. */
  | { kind: 'unknown' }
  | { kind: 'packageManager'; command: string; at: Loc }
  | { kind: 'noExec'; where: string; program: string; at: Loc };

interface Context {
  project: Project;
  dockerfile: Dockerfile;
  stage: Stage;
  /** Words `"$@"` stands for in the script being read: the arguments it was started with. */
  args: Arg[];
  depth: number;
}

const UNKNOWN: Verdict = { kind: 'unknown' };
const DIRECT: Verdict = { kind: 'direct' };
const MAX_DEPTH = 5;
const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm', 'npx', 'pnpx', 'corepack']);
const SIGNALS_FORWARDED = /^(?:SIG)?(?:TERM|INT|15|2)$/i;
/** Commands that only report, wait or set up around the process that stays: a `node` before them may still be that process. */
const INCIDENTAL = new Set(
  'echo printf exit return true false : wait sleep cat rm logger kill trap set export unset cd test [ [[ date touch mkdir chmod chown cp mv ln if then else elif fi for while until do done case esac'.split(' '),
);

/** The shell-form instruction as the single argument `/bin/sh -c` receives (no program name: its commands say what runs). */
function shellArg(ins: DockerInstruction): Arg {
  return { value: '', loc: ins.argsLoc ?? ins.keywordLoc, shell: { commands: shellCommands(ins), keyword: ins.keyword } };
}

/** The container's command line: ENTRYPOINT then CMD, as Docker combines them (a shell-form instruction is one `sh -c` argument). */
function processArgs(entrypoint: DockerInstruction | undefined, cmd: DockerInstruction | undefined): Arg[] {
  return [entrypoint, cmd].flatMap((ins) => (!ins ? [] : ins.exec ? ins.words : [shellArg(ins)]));
}

/** True when the shell traps SIGTERM or SIGINT: it forwards the signal itself (`trap 'kill -TERM $pid' TERM`). */
function trapsTerm(commands: readonly LocatedCommand[]): boolean {
  return commands.some((c) => c.words[0]?.value === 'trap' && c.words.slice(2).some((w) => SIGNALS_FORWARDED.test(w.value)));
}

/** Reads a shell's text: the process is what its last command `exec`s, else the shell keeps its child. */
function classifyShell(commands: readonly LocatedCommand[], where: string, lone: boolean, ctx: Context): Verdict {
  const last = lastCommand(commands);
  if (!last) return UNKNOWN;
  const { exec, program } = programCall(last.words);
  // A shell-form instruction that is one command is docker/exec-form's finding: read it as that command.
  if (exec || (lone && commands.length === 1)) return classify(program, ctx);
  if (trapsTerm(commands)) return UNKNOWN;
  for (const command of [...commands].reverse()) {
    const words = programCall(command.words).program;
    const verdict = classify(words, ctx);
    // Another program runs after it (`node write-env.mjs && caddy run`): node was a step before the process that stays.
    if (verdict.kind === 'unknown' && words[0] && !INCIDENTAL.has(basename(words[0].value))) return UNKNOWN;
    if (verdict.kind === 'direct') {
      const program = words[0]?.value === '$@' ? '"$@" (the CMD)' : `\`${words.map((w) => w.value).join(' ')}\``;
      return { kind: 'noExec', where, program, at: command.loc };
    }
    if (verdict.kind !== 'unknown') return verdict;
  }
  return UNKNOWN;
}

function classifyScript(path: string, args: Arg[], ctx: Context, operand = false): Verdict | undefined {
  const script = imageFileText(ctx.project, ctx.dockerfile, ctx.stage, path, { operand });
  if (!script) return undefined;
  const where = script.file === ctx.dockerfile.file ? `the script ${path}` : script.file;
  return classifyShell(locatedCommands(script), where, false, { ...ctx, args, depth: ctx.depth + 1 });
}

/** What process a command line ends up as. */
function classify(argv: readonly Arg[], ctx: Context): Verdict {
  if (ctx.depth > MAX_DEPTH) return UNKNOWN;
  // Assignments, `exec` and wrappers (`env`, tini, dumb-init, gosu …) start the program they are given.
  const [first, ...rest] = argv[0]?.shell ? argv : programCall(argv).program;
  if (!first) return UNKNOWN;
  if (first.shell) return classifyShell(first.shell.commands, `the shell-form ${first.shell.keyword}`, true, ctx);
  if (first.value === '$@' || first.value === '$*') return classify([...ctx.args, ...rest], { ...ctx, depth: ctx.depth + 1 });
  const program = basename(first.value);
  if (program === 'node' || program === 'nodejs' || program === 'pm2-runtime') return DIRECT;
  if (PACKAGE_MANAGERS.has(program)) {
    const operands = rest.filter((w) => !w.value.startsWith('-'));
    const named = operands.slice(0, operands[0]?.value === 'run' || operands[0]?.value === 'exec' ? 2 : 1);
    return { kind: 'packageManager', command: [program, ...named.map((w) => w.value)].join(' '), at: spanOfWords(first.loc, (named.at(-1) ?? first).loc) };
  }
  if (isShellProgram(program)) {
    const text = shellScriptOf([first, ...rest]);
    if (text) return classifyShell(commandsOfString(text), `\`${program} -c\``, false, ctx);
    const scriptIndex = rest.findIndex((w) => !w.value.startsWith('-') && !w.value.startsWith('+'));
    const script = rest[scriptIndex];
    return script ? (classifyScript(script.value, rest.slice(scriptIndex + 1), ctx, true) ?? UNKNOWN) : UNKNOWN;
  }
  const script = classifyScript(first.value, rest, ctx);
  if (script) return script;
  // The official image's entrypoint execs its arguments, and runs node when they start with a flag or a file.
  if (program === 'docker-entrypoint.sh') return rest[0]?.value.startsWith('-') ? DIRECT : classify(rest, ctx);
  // Node images run a bare .js CMD with node (docker-entrypoint.sh, distroless's node ENTRYPOINT).
  if (/\.[cm]?js$/.test(program)) return DIRECT;
  return UNKNOWN;
}

export default defineRule({
  id: 'docker/direct-node',
  title: "The container's process is node itself",
  category: 'reliability',
  severity: 'warning',
  rationale:
    'When npm, yarn or a shell sits between the container runtime and node, that process receives SIGTERM on every deploy, scale-down and node drain, and it does not reliably pass the signal on: node never runs its shutdown handlers, in-flight requests are cut off when SIGKILL comes after the grace period, and exit codes and logs get wrapped. A shell script must `exec` node so that node replaces it.',
  fix: 'Start node directly: `CMD ["node", "dist/server.js"]` (optionally under `tini`/`dumb-init`). In an entrypoint script, end with `exec node …` or `exec "$@"`.',
  appliesTo: ['dockerfile', 'shell'],
  messages: {
    packageManager: (d: { command: string }) =>
      `the container runs \`${d.command}\`, which stays between the runtime and node and does not pass SIGTERM on reliably: start node directly, e.g. \`CMD ["node", "dist/server.js"]\``,
    noExec: (d: { where: string; program: string }) =>
      `${d.where} runs ${d.program} without \`exec\`, so the shell stays in front of node and SIGTERM never reaches it: prefix the command with \`exec\``,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      const { entrypoint, cmd } = containerCommand(stage);
      const verdict = classify(processArgs(entrypoint, cmd), { project, dockerfile, stage, args: [], depth: 0 });
      if (verdict.kind === 'unknown') continue;
      const report = subject(name);
      if (verdict.kind === 'packageManager') report.report('packageManager', { command: verdict.command }, verdict.at);
      else if (verdict.kind === 'noExec') report.report('noExec', { where: verdict.where, program: verdict.program }, verdict.at);
    }
  },
});
