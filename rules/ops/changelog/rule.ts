import { dirname } from '../../../src/model/project.ts';
import { defineRule } from '../../../src/rule.ts';
import { deployablePackage } from '../_service.ts';

/** CHANGELOG.md and its common other names (HISTORY.md, CHANGES.md, RELEASES.md). */
const CHANGELOG = /(?:^|\/)(?:changelog|changes|history|releases)(?:\.(?:md|markdown|txt|rst))?$/i;

export default defineRule({
  id: 'ops/changelog',
  title: 'Production changes are recorded in a changelog',
  category: 'operations',
  severity: 'info',
  rationale:
    'When behaviour changes in production, the first question is "what changed, and when?". A changelog answers it for on-call engineers, for the people deciding whether to roll back, and for the consumers of the service, without archaeology in commit messages.',
  fix: 'Add CHANGELOG.md (Keep a Changelog format) next to package.json and record each release in it, or generate it with changesets, release-please or semantic-release.',
  appliesTo: ['markdown', 'package-json'],
  messages: {
    noChangelog: (d: { file: string }) => `the service of ${d.file} has no changelog: add CHANGELOG.md and record what each release changes`,
  },
  check({ project, subject }) {
    const pkg = deployablePackage(project);
    if (!pkg) return;
    const report = subject(pkg.file);
    // At the root or next to a package.json; `.changeset/` means changesets writes the changelog at release time.
    const packageDirs = new Set(['', ...project.packages.map((p) => p.dir)]);
    const kept = project.markdownDocs.some((doc) => (CHANGELOG.test(doc.file) && packageDirs.has(dirname(doc.file))) || doc.file.startsWith('.changeset/'));
    if (!kept) report.report('noChangelog', { file: pkg.file }, pkg.at('/name', { key: true }));
  },
});
