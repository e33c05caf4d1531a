import { defineRule } from '../../../src/rule.ts';
import { servicesWithCode } from '../_shared.ts';

export default defineRule({
  id: 'code/validation-bypass',
  title: 'Validation and authentication cannot be switched off by an env flag',
  category: 'security',
  severity: 'error',
  rationale:
    'A flag such as `SKIP_VALIDATION` or `SKIP_AUTH` turns a security control into configuration: one wrong env file, a copied staging manifest or a debugging session left in place, and production accepts invalid or unauthenticated input with no code change to review.',
  fix: 'Remove the flag and always enforce the check; if tests need to bypass it, inject a test double in the test setup instead of reading an env variable in production code (or refuse the flag at startup when NODE_ENV is production).',
  appliesTo: ['source'],
  messages: {
    bypass: (d: { flag: string }) =>
      `${d.flag} lets an env variable switch off validation or authentication: always enforce the check, and bypass it in tests through test setup, not production code`,
  },
  check({ project, subject }) {
    for (const service of servicesWithCode(project)) {
      const report = subject(service.package.file);
      for (const bypass of service.validationBypasses) report.report('bypass', { flag: bypass.flag }, bypass.loc);
    }
  },
});
