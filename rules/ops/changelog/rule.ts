import { dirname, type Project } from '../../../src/model/project.ts';
import { defineRule } from '../../../src/rule.ts';
import { deployablePackage } from '../_service.ts';

/** CHANGELOG.md and its common other names (HISTORY.md, CHANGES.md, RELEASES.md). */
const CHANGELOG = /(?:^|\/)(?:changelog|changes|history|releases)(?:\.(?:mdx?|markdown|txt|rst))?$/i;
/**
 * Release tooling that writes the release notes when a release is cut: changesets, release-please, semantic-release,
 * release-it, release-drafter, conventional-changelog, `gh release create --generate-notes`.
 */
const RELEASE_NOTES_TOOLS = ['@changesets/cli', 'semantic-release', 'release-it', 'conventional-changelog-cli', 'standard-version', 'lerna-changelog', 'auto-changelog', 'changelogen', 'release-please'];
const RELEASE_NOTES_ACTIONS = /^(?:googleapis\/release-please-action|google-github-actions\/release-please-action|release-drafter\/release-drafter|changesets\/action|cycjimmy\/semantic-release-action|softprops\/action-gh-release|ncipollo\/release-action|mikepenz\/release-changelog-builder-action|TriPSs\/conventional-changelog-action)@/;

/** A GitHub repository's releases page (`https://github.com/acme/app/releases`, `…/releases/latest`). */
const RELEASES_PAGE = /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/releases(?:\/(?:latest|tag\/[^/]+))?\/?$/;

function releaseNotesGenerated(project: Project): boolean {
  if (project.packages.some((p) => RELEASE_NOTES_TOOLS.some((tool) => tool in p.dependencies || tool in p.devDependencies))) return true;
  // A workflow that runs when a GitHub release is published: the releases, with their notes, are cut there.
  if (project.workflows.some((w) => w.triggers.some((t) => t.value === 'release'))) return true;
  return project.workflows.some((w) =>
    w.jobs.some((j) => j.steps.some((s) => RELEASE_NOTES_ACTIONS.test(s.uses?.value ?? '') || (s.run?.invocations ?? []).some((argv) => argv[0] === 'gh' && argv[1] === 'release' && argv.includes('--generate-notes')))),
  );
}

export default defineRule({
  id: 'ops/changelog',
  title: 'Production changes are recorded in a changelog',
  category: 'operations',
  severity: 'info',
  rationale:
    'When behaviour changes in production, the first question is "what changed, and when?". A changelog answers it for on-call engineers, for the people deciding whether to roll back, and for the consumers of the service, without archaeology in commit messages. Release notes written by release tooling, or on GitHub Releases (linked from the README, or cut by a workflow that runs when a release is published), count as one.',
  fix: 'Add CHANGELOG.md (Keep a Changelog format) next to package.json and record each release in it, generate it with changesets, release-please or semantic-release, or write release notes on GitHub Releases and link them from the README.',
  appliesTo: ['markdown', 'package-json'],
  repositoryLevel: true,
  messages: {
    noChangelog: (d: { file: string }) => `the service of ${d.file} has no changelog: add CHANGELOG.md and record what each release changes`,
  },
  check({ project, subject }) {
    const pkg = deployablePackage(project);
    if (!pkg) return;
    const report = subject(pkg.file);
    // At the root or next to a package.json; `.changeset/` means changesets writes the changelog at release time.
    const packageDirs = new Set(['', ...project.packages.map((p) => p.dir)]);
    // Release notes kept on GitHub Releases, where the docs send readers, are a changelog too.
    const kept =
      project.markdownDocs.some((doc) => (CHANGELOG.test(doc.file) && packageDirs.has(dirname(doc.file))) || doc.file.startsWith('.changeset/') || doc.links.some((url) => RELEASES_PAGE.test(url))) ||
      releaseNotesGenerated(project);
    if (!kept) report.report('noChangelog', { file: pkg.file }, pkg.at('/name', { key: true }));
  },
});
