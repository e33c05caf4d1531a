import { defineRule } from '../../../src/rule.ts';
import { deployablePackage, docPathsFor } from '../_service.ts';

/** Where GitHub looks for a security policy: the root, .github/ or docs/ (of the repository or of the service's package). */
const SECURITY_POLICY = /^(?:\.github\/|docs\/)?security\.(?:md|markdown)$/i;

export default defineRule({
  id: 'ops/security-policy',
  title: 'A security policy says how to report a vulnerability',
  category: 'security',
  severity: 'info',
  rationale:
    'Someone who finds a vulnerability in a running service needs a private way to report it. Without a SECURITY.md the report arrives as a public issue — the exploit published before the fix — or does not arrive at all. GitHub shows the policy on the repository and routes private advisories through it.',
  fix: 'Add SECURITY.md (at the root, in .github/ or in docs/) with the contact for private reports (an address or GitHub private vulnerability reporting), the versions supported and the expected response time.',
  appliesTo: ['markdown', 'package-json'],
  repositoryLevel: true,
  messages: {
    noSecurityPolicy: (d: { file: string }) =>
      `the service of ${d.file} has no security policy: add SECURITY.md (or .github/SECURITY.md) saying how to report a vulnerability privately`,
  },
  check({ project, subject }) {
    const pkg = deployablePackage(project);
    if (!pkg) return;
    const report = subject(pkg.file);
    if (!docPathsFor(project, pkg).some((path) => SECURITY_POLICY.test(path))) report.report('noSecurityPolicy', { file: pkg.file }, pkg.at('/name', { key: true }));
  },
});
