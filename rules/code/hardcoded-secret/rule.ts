import { issuedByProvider } from '../../../src/model/credentials.ts';
import { isExcludedPath } from '../../../src/model/service/index.ts';
import { looksMinified, MAX_SOURCE_BYTES } from '../../../src/parsers/source.ts';
import { defineRule } from '../../../src/rule.ts';
import { servicesWithCode } from '../_shared.ts';

export default defineRule({
  id: 'code/hardcoded-secret',
  title: 'No secret is written into the source',
  category: 'security',
  severity: 'error',
  rationale:
    'A secret in source code is in every clone, fork, CI log, container image and backup of the repository, readable by everyone who ever had access, and it cannot be rotated without a deploy. A literal fallback (`process.env.JWT_SECRET || "dev-secret"`) is worse: when the variable is missing in production the service starts anyway, signing with a secret that is public. In server code a literal counts when it looks like a credential (a known token format, a long random string, a chosen secret under a name that says it is one); in tests, scripts and browser code only a credential of a known format counts, since it has leaked wherever it is committed.',
  fix: 'Read the secret from the environment or a secret manager (`process.env.SESSION_SECRET`), fail at startup when it is missing instead of falling back to a literal, and rotate the value that was committed.',
  appliesTo: ['source'],
  messages: {
    literal: (d: { key: string }) => `${d.key} is set to a literal string in the source: read it from the environment or a secret manager (\`process.env.…\`) and rotate the committed value`,
    fallback: (d: { key: string }) =>
      `${d.key} falls back to a literal string when its variable is unset, so production may run with a public secret: fail at startup when it is missing instead`,
    knownFormat: (d: { kind: string }) => `this string is ${d.kind}, committed with the code: revoke and rotate it, then load it from the environment or a secret manager`,
  },
  check({ project, subject }) {
    const reported = new Set<string>();
    const at = (loc: { file: string; line: number }) => `${loc.file}:${loc.line}`;
    const servers = new Set(project.scope.servicePackages);
    for (const service of servicesWithCode(project)) {
      // Names prove a secret only in a service's own server code; libraries, static sites and tooling hold labels and keys by name.
      if (!servers.has(service.package)) continue;
      const report = subject(service.package.file);
      for (const secret of service.literalSecrets) {
        report.report(secret.fallback ? 'fallback' : 'literal', { key: secret.key }, secret.loc);
        reported.add(at(secret.loc));
      }
    }
    // Known credential formats leak wherever they are committed: tests, scripts, fixtures and browser code too.
    const git = project.git;
    for (const file of project.filesOf('source')) {
      if ((git && !git.tracked(file.path)) || /(?:^|\/)node_modules\//.test(file.path) || file.text.length > MAX_SOURCE_BYTES || looksMinified(file)) continue;
      // In tests, mocks and fixtures only a provider's token is real; a private key or a connection string there is made up.
      const shipped = !isExcludedPath(file.path);
      const found = project.credentialsIn(file.path).filter((c) => !reported.has(at(c.loc)) && (shipped || issuedByProvider(c.kind)));
      if (found.length === 0) continue;
      const owner = project.packageFor(file.path.slice(0, file.path.lastIndexOf('/') + 1).replace(/\/$/, ''));
      const report = subject(owner && !isExcludedPath(file.path) ? owner.file : file.path);
      for (const c of found) report.report('knownFormat', { kind: c.kind }, c.loc);
    }
  },
});
