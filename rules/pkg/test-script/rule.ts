import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { joinPath, type Project } from '../../../src/model/project.ts';
import { hasRealTestScript, hasTests, placeholderKind, runnersIn, wiresTests } from '../../../src/model/test-runners.ts';
import { defineRule } from '../../../src/rule.ts';
import { enclosingPackages, isWorkspaceRoot, missingFieldLoc, servicePackages } from '../_shared.ts';

/** `name` stands in `text` as a word of a command (bounded by blanks, quotes, `=` or a following `/`). */
function namesWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (/[\s"'=]/.test(before) && /[\s"'/]/.test(after)) return true;
  }
  return false;
}

/** Another package's script runs a test runner against this package, named as a word of the command (`start-server-and-test "npm start -w @acme/web" … "playwright test"`). */
function testedBySibling(project: Project, pkg: PackageJson): boolean {
  const name = pkg.name;
  if (name === undefined || name.length < 3) return false;
  return project.packages.some(
    (p) =>
      p !== pkg &&
      Object.entries(p.scriptCommands).some(([script, commands]) => namesWord(p.scripts[script] ?? '', name) && commands.some((words) => runnersIn(words).length > 0)),
  );
}

/**
 * A workspace root whose test runner covers its members: a script that runs a runner, or a runner config that runs
 * several packages' tests in one run (jest's `projects`, a vitest workspace or `projects`).
 */
function testsMembers(project: Project, root: PackageJson): boolean {
  if (hasTests(root)) return true;
  return ['jest', 'vitest'].flatMap((runner) => ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'].map((ext) => `${runner}.config.${ext}`)).concat(['vitest.workspace.ts', 'vitest.workspace.js', 'vitest.workspace.mts', 'vitest.workspace.json']).some((name) => {
    const file = project.file(joinPath(root.dir, name));
    return file !== undefined && (name.startsWith('vitest.workspace') || /\b(?:projects|workspace)\s*:/.test(file.text));
  });
}

/** Tests are wired for the package, though not as `npm test`: another script or an Nx target runs a test runner, an enclosing package tests it, a sibling's test suite starts it, or (for a workspace root) a member has tests. */
function testedOtherwise(project: Project, pkg: PackageJson): boolean {
  if (wiresTests(pkg) || testedBySibling(project, pkg)) return true;
  if (enclosingPackages(project, pkg).some((root) => hasRealTestScript(root) || (isWorkspaceRoot(project, root) && testsMembers(project, root)))) return true;
  if (!isWorkspaceRoot(project, pkg)) return false;
  const below = pkg.dir === '' ? '' : `${pkg.dir}/`;
  return project.packages.some((p) => p !== pkg && p.dir.startsWith(below) && hasTests(p));
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
    // The script is described, never quoted: a command line can hold a credential.
    placeholder: (d: { kind: 'npm' | 'noop' }) =>
      `the test script ${d.kind === 'npm' ? "is npm's \"no test specified\" placeholder" : 'only echoes or succeeds'} and runs no tests: replace it with the command that runs the test suite (for example \`vitest run\` or \`node --test\`)`,
  },
  check({ project, subject }) {
    for (const pkg of servicePackages(project)) {
      const script = pkg.scripts.test;
      if (script === undefined && testedOtherwise(project, pkg)) continue;
      const report = subject(pkg.file);
      const kind = script === undefined ? undefined : placeholderKind(script);
      if (script === undefined) report.report('missing', undefined, missingFieldLoc(pkg, '/scripts'));
      else if (kind) report.report('placeholder', { kind }, pkg.at('/scripts/test'));
    }
  },
});
