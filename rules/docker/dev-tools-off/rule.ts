import { enablesDevTools } from '../../../src/model/settings.ts';
import { envAt } from '../../../src/model/stage-state.ts';
import { defineRule } from '../../../src/rule.ts';

export default defineRule({
  id: 'docker/dev-tools-off',
  title: 'The image does not switch on an inspector, devtools or a debug mode',
  category: 'security',
  severity: 'error',
  rationale:
    'Development inspectors, devtools bridges and debug modes expose internal state, accept commands or turn off safeguards (validation, sanitised errors, auth shortcuts); they are built for a trusted laptop. An ENV in the final stage switches them on for every container started from the image, whatever the deployment intended.',
  fix: 'Remove the ENV from the final stage (or set it to false); if a debug build is needed, make it a separate stage or image that production never runs.',
  appliesTo: ['dockerfile'],
  messages: {
    devToolsOn: (d: { key: string }) =>
      `ENV ${d.key} switches on a development inspector, devtools or debug mode in the production image: remove it or set it to false`,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      const report = subject(name);
      for (const { value, pair } of envAt(dockerfile, stage).values()) if (enablesDevTools(pair.key, value)) report.report('devToolsOn', { key: pair.key }, pair.loc);
    }
  },
});
