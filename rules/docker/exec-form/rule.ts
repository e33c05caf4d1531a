import { containerCalls, programCall } from '../../../src/model/commands.ts';
import { isNodeStage } from '../../../src/model/images.ts';
import { basename } from '../../../src/model/project.ts';
import { redactedWords } from '../../../src/model/secrets.ts';
import { containerCommand, type DockerInstruction, type Stage, shellCommands } from '../../../src/parsers/dockerfile.ts';
import { lastCommand } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';

/** `CMD ["node", "server.js"]` for a shell-form instruction that is one plain command; undefined when it needs a shell. */
function execFormOf(ins: DockerInstruction): string | undefined {
  const commands = shellCommands(ins);
  const [only] = commands;
  if (commands.length !== 1 || !only || only.words.some((w) => /[$`*?~]/.test(w.value))) return undefined;
  // The fix quotes the command, never a credential on it (`--api-key=…`).
  return `${ins.keyword} [${redactedWords(only.words.map((w) => w.value))
    .map((w) => JSON.stringify(w))
    .join(', ')}]`;
}

/** A shell whose last command is `exec …` is replaced by that program: signals reach it. */
function execsLast(ins: DockerInstruction): boolean {
  const last = lastCommand(shellCommands(ins));
  return last !== undefined && programCall(last.words).exec;
}

const NODE_PROGRAMS = new Set(['node', 'nodejs', 'npm', 'npx', 'yarn', 'pnpm']);

/** True when the container runs Node.js: a Node image, or a command that starts node or a package manager. */
function runsNode(stage: Stage): boolean {
  return isNodeStage(stage) || containerCalls(stage).some((c) => NODE_PROGRAMS.has(basename(c.program[0]?.value ?? '')));
}

export default defineRule({
  id: 'docker/exec-form',
  title: 'CMD and ENTRYPOINT are in exec form, so SIGTERM reaches node',
  category: 'reliability',
  severity: 'error',
  rationale:
    'In shell form (`CMD node server.js`) Docker runs `/bin/sh -c "node server.js"`: the shell is PID 1 and does not forward SIGTERM, so on every deploy, scale-down or node drain the app never hears the stop signal, cannot finish in-flight requests or close connections, and is killed with SIGKILL when the grace period runs out. Exec form (a JSON array) starts node itself.',
  fix: 'Write CMD and ENTRYPOINT as JSON arrays: `CMD ["node", "server.js"]`. When a shell is really needed, put the commands in a script that ends with `exec node …`, or start the shell command with `exec`.',
  appliesTo: ['dockerfile'],
  messages: {
    shellForm: (d: { keyword: string; execForm?: string }) =>
      `${d.keyword} is in shell form, so /bin/sh is PID 1 and SIGTERM never reaches node: ${d.execForm ? `write \`${d.execForm}\`` : 'write it as a JSON array, or put the commands in a script that ends with `exec node …`'}`,
    shellCmdArgs: (d: { execForm?: string }) =>
      `CMD is in shell form, so the ENTRYPOINT runs \`/bin/sh -c …\` and node is a child of that shell, out of reach of SIGTERM: ${d.execForm ? `write \`${d.execForm}\`` : 'write it as a JSON array'}`,
  },
  check({ project, subject }) {
    for (const { stage, subject: name } of project.runtimeStages) {
      const { entrypoint, cmd } = containerCommand(stage);
      if ((!entrypoint && !cmd) || !runsNode(stage)) continue;
      const report = subject(name);
      const shellForm = [entrypoint, cmd].find((ins) => ins && !ins.exec && !execsLast(ins));
      if (!shellForm) continue;
      const at = shellForm.argsLoc ?? shellForm.keywordLoc;
      const execForm = execFormOf(shellForm);
      if (shellForm === cmd && entrypoint?.exec?.length) report.report('shellCmdArgs', { execForm }, at);
      else report.report('shellForm', { keyword: shellForm.keyword, execForm }, at);
    }
  },
});
