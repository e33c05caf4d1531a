import { defineRule } from '../../../src/rule.ts';
import { deployablePackage } from '../_service.ts';

/** A Markdown file named for runbooks (RUNBOOK.md, docs/runbook.md, docs/runbooks/deploy.md), in any folder. */
const RUNBOOK_PATH = /(?:^|\/)runbooks?(?:[/._-]|$)/i;
/** Headings that document how to undo a release or recover the service ("Emergency Recovery", "Backup and restore"). */
const RUNBOOK_HEADING = /\b(?:rollbacks?|roll(?:ing)?[ -]back|runbooks?|(?:emergency|disaster) recovery|backups? (?:and|&) restor(?:e|ing)|restor(?:e|ing) (?:from )?(?:a |the )?backups?)\b/i;

/**
 * A link from the repository's README to documentation kept elsewhere: a docs site (`https://docs.acme.io`), a
 * self-hosting, deployment, installation or upgrade section of a site, or the repository's wiki (a page of some
 * library's `/docs` is not the service's). Operations are documented where the
 * linter cannot read; it does not claim they are missing.
 */
const EXTERNAL_DOCS = /^https?:\/\/(?:docs?\.[^/\s]+|[^/\s]+\/(?:[^\s]*\/)?(?:self-?host(?:ing|ed)?|deploy(?:ment|ing)?|install(?:ation|ing)?|upgrad(?:e|ing)|administration|operations?)(?:[/?#.-]|$)|github\.com\/[^/\s]+\/[^/\s]+\/wiki(?:[/?#]|$))/i;

export default defineRule({
  id: 'ops/runbook',
  title: 'How to operate and roll back the service is documented',
  category: 'operations',
  severity: 'info',
  rationale:
    'When a release goes wrong at 3 a.m., the person on call needs the rollback steps, the restore procedure and the usual failure modes written down, not in the head of whoever deployed last. An undocumented rollback is improvised under pressure, and improvised rollbacks are how one incident becomes two. Where the README links documentation kept elsewhere (a docs site, its self-hosting or deployment section, the wiki), the operations docs are out of the linter\'s sight and it does not report them missing.',
  fix: 'Add RUNBOOK.md (or docs/runbook.md) with how to deploy, roll back to the previous version, restore data from a backup and diagnose the common failures — or a "Rollback" section in the deployment docs.',
  appliesTo: ['markdown', 'package-json'],
  repositoryLevel: true,
  messages: {
    noRunbook: (d: { file: string }) =>
      `the service of ${d.file} has no runbook: add RUNBOOK.md (or docs/runbook.md), or a "Rollback" section to the deployment docs, saying how to roll back and restore`,
  },
  check({ project, subject }) {
    const pkg = deployablePackage(project);
    if (!pkg) return;
    const report = subject(pkg.file);
    const documented =
      project.markdownDocs.some((doc) => RUNBOOK_PATH.test(doc.file)) ||
      project.markdownDocs.some((doc) => doc.headings.some((h) => RUNBOOK_HEADING.test(h.text))) ||
      project.markdownDocs.some((doc) => /^readme\.md$/i.test(doc.file) && doc.links.some((url) => EXTERNAL_DOCS.test(url)));
    if (!documented) report.report('noRunbook', { file: pkg.file }, pkg.at('/name', { key: true }));
  },
});
