import { enablesDevTools, INSPECT_FLAG } from '../../../src/model/settings.ts';
import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings } from '../_shared.ts';

const isNodeOptions = (name: string) => name === 'NODE_OPTIONS';

export default defineRule({
  id: 'env/dev-tools-off',
  title: 'Production settings keep inspectors, devtools and debug modes off',
  category: 'security',
  severity: 'error',
  rationale:
    'An inspector, devtools server or debug mode switched on in a production env file or config gives whoever reaches its port the power to read memory, change state or run code in the process (`--inspect` is remote code execution by design), and debug modes tend to turn off the checks that protect production. The switch is usually copied from a development file and forgotten.',
  fix: 'Set the switch to `false` (or remove it) in the production env file or config, remove `--inspect*` from NODE_OPTIONS, and enable the tool only for a debugging session, on a port bound to localhost.',
  appliesTo: ['env', 'app-config'],
  messages: {
    devToolOn: (d: { key: string; file: string }) => `${d.key} turns on an inspector, devtools or debug mode in ${d.file}: set it to false for production`,
    inspectFlag: (d: { key: string; file: string }) =>
      `${d.key} in ${d.file} turns on the Node.js inspector, which opens a debugger to anyone who reaches its port: remove the inspect flag`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => isNodeOptions(s.name) || (!s.isReference && enablesDevTools(s.name, 'true')),
      (s, report) => {
        if (isNodeOptions(s.name)) {
          if (INSPECT_FLAG.test(s.value)) report.report('inspectFlag', { key: s.key, file: s.file }, s.valueLoc);
        } else if (enablesDevTools(s.name, s.value)) report.report('devToolOn', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
