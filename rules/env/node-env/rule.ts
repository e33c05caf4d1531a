import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings } from '../_shared.ts';

export default defineRule({
  id: 'env/node-env',
  title: 'A production env file that sets NODE_ENV sets it to production',
  category: 'reliability',
  severity: 'error',
  rationale:
    'Express, React SSR, many ORMs and logging libraries switch on `NODE_ENV === "production"`: anything else (`development`, `prod`, `Production`, empty) keeps verbose error pages with stack traces, disables view and template caching and loads development-only code paths. A production env file that sets another value overrides a correct image default.',
  fix: 'Set `NODE_ENV=production` (exactly, lower case) in the production env file, or remove the line and let the image or the deployment set it.',
  appliesTo: ['env'],
  messages: {
    notProduction: (d: { file: string }) => `NODE_ENV in ${d.file} is not \`production\`: set NODE_ENV=production (exactly, lower case)`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => s.source === 'env' && s.key === 'NODE_ENV' && !s.isReference,
      (s, report) => {
        if (s.value !== 'production') report.report('notProduction', { file: s.file }, s.valueLoc);
      },
    );
  },
});
