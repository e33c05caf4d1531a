import { commandsOfString, programCall, shellScriptOf } from '../../../src/model/commands.ts';
import { INSPECT_FLAG, INSPECTOR_PORT } from '../../../src/model/settings.ts';
import { envAt } from '../../../src/model/stage-state.ts';
import { containerCommand, type DockerInstruction, effectiveInstructions } from '../../../src/parsers/dockerfile.ts';
import type { LocatedWord } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';

/** `9229`, `9229/tcp`, `9000-9300`: whether an EXPOSE word opens the inspector's TCP port. */
function exposesInspector(word: string): boolean {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(word);
  if (!match || (match[3] && match[3].toLowerCase() !== 'tcp')) return false;
  const low = Number(match[1]);
  const high = match[2] ? Number(match[2]) : low;
  return low <= INSPECTOR_PORT && INSPECTOR_PORT <= high;
}

/** Words of a CMD or ENTRYPOINT, with the script of an exec-form `sh -c '…'` split into its own words. */
function commandWords(ins: DockerInstruction): LocatedWord[] {
  const script = ins.exec ? shellScriptOf(programCall(ins.words).program) : undefined;
  return ins.words.flatMap((w) => (w === script ? commandsOfString(w).flatMap((c) => c.words) : [w]));
}

export default defineRule({
  id: 'docker/no-inspect',
  title: 'The image does not start the Node.js inspector',
  category: 'security',
  severity: 'error',
  rationale:
    'The Node.js inspector (`--inspect`) is a remote debugger: anyone who reaches its port can run arbitrary code in the process, read its memory and secrets. `--inspect=0.0.0.0` or an exposed 9229 in a production image turns a network misconfiguration into remote code execution; `--inspect-brk` also stops the app until a debugger attaches.',
  fix: 'Remove `--inspect*` from CMD, ENTRYPOINT and NODE_OPTIONS of the final stage and drop `EXPOSE 9229`; debug with a separate dev image or a compose override that adds the flag locally.',
  appliesTo: ['dockerfile'],
  messages: {
    inspectFlag: (d: { keyword: string }) =>
      `${d.keyword} starts node with the inspector, a remote debugger that runs any code sent to it: remove the --inspect flag from the production image`,
    inspectOption: (d: { key: string }) => `${d.key} turns on the inspector for every node process in the image: remove --inspect from it`,
    inspectorPort: (d: { port: string }) =>
      `EXPOSE ${d.port} publishes the Node.js inspector port: remove it (debug with a local override instead)`,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      const report = subject(name);
      const { entrypoint, cmd } = containerCommand(stage);
      for (const ins of [entrypoint, cmd]) {
        if (!ins) continue;
        for (const word of commandWords(ins)) if (INSPECT_FLAG.test(word.value)) report.report('inspectFlag', { keyword: ins.keyword }, word.loc);
      }
      // As written (`$NODE_OPTIONS --inspect`: reported at the flag) or after substitution (`ENV NODE_OPTIONS=$DEBUG_FLAGS`).
      const nodeOptions = envAt(dockerfile, stage).get('NODE_OPTIONS');
      if (nodeOptions && [nodeOptions.value, nodeOptions.pair.value].some((v) => v && INSPECT_FLAG.test(v))) {
        const { key, value, valueLoc, loc } = nodeOptions.pair;
        const flag = value && valueLoc ? commandsOfString({ value, loc: valueLoc }).flatMap((c) => c.words).find((w) => INSPECT_FLAG.test(w.value)) : undefined;
        report.report('inspectOption', { key }, flag?.loc ?? valueLoc ?? loc);
      }
      for (const expose of effectiveInstructions(stage, 'EXPOSE')) {
        for (const word of expose.words) if (exposesInspector(word.value)) report.report('inspectorPort', { port: word.value }, word.loc);
      }
    }
  },
});
