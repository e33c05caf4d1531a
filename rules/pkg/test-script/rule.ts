import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { defineRule } from '../../../src/rule.ts';
import { enclosingPackages, missingFieldLoc, servicePackages } from '../_shared.ts';

/** npm's generated placeholder, or a script that only echoes or succeeds without running anything. */
function isPlaceholder(script: string): boolean {
  return /no test specified/i.test(script) || /^\s*(?:echo\b[^&|;]*|true|exit 0|:)\s*$/.test(script);
}

function hasRealTestScript(pkg: PackageJson): boolean {
  const script = pkg.scripts.test;
  return script !== undefined && !isPlaceholder(script);
}

export default defineRule({
  id: 'pkg/test-script',
  title: 'package.json has a real test script',
  category: 'reliability',
  severity: 'error',
  rationale:
    '`npm test` is the one command CI systems, deployment guides and colleagues run to know whether a change is safe to ship. Without a test script, or with npm\'s "no test specified" placeholder, the pipeline either fails for the wrong reason or, worse, is changed to skip testing, and broken code reaches production.',
  fix: 'Point `scripts.test` at the test runner (`"test": "vitest run"`, `"node --test"`, `"jest"`), and run it in CI on every pull request.',
  appliesTo: ['package-json'],
  messages: {
    missing: () => 'package.json has no test script: add `"test": "<your test runner>"` (for example `"vitest run"` or `"node --test"`) so CI and `npm test` run the tests',
    placeholder: (d: { script: string }) => `the test script "${d.script}" runs no tests: replace it with the command that runs the test suite (for example \`vitest run\` or \`node --test\`)`,
  },
  check({ project, subject }) {
    for (const pkg of servicePackages(project)) {
      const script = pkg.scripts.test;
      // A workspace member whose tests run from the root's test script.
      if (script === undefined && enclosingPackages(project, pkg).some(hasRealTestScript)) continue;
      const report = subject(pkg.file);
      if (script === undefined) report.report('missing', undefined, missingFieldLoc(pkg, '/scripts'));
      else if (isPlaceholder(script)) report.report('placeholder', { script }, pkg.at('/scripts/test'));
    }
  },
});
