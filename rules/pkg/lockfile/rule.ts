import { defineRule } from '../../../src/rule.ts';
import { missingFieldLoc, shippedPackages } from '../_shared.ts';

const LOCKFILE_OF: Record<string, string> = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock', bun: 'bun.lock' };
const INSTALL_OF: Record<string, string> = { npm: 'npm install', pnpm: 'pnpm install', yarn: 'yarn install', bun: 'bun install' };

export default defineRule({
  id: 'pkg/lockfile',
  title: 'A lockfile is committed',
  category: 'reliability',
  severity: 'error',
  rationale:
    'Without a committed lockfile every install resolves version ranges afresh: the image built today and the one built tomorrow can run different dependency versions than the ones that were tested, a compromised or broken patch release goes straight to production, and `npm ci` (the reproducible install) refuses to run at all. A published library is not asked: its lockfile never reaches the projects that install it; nor is tooling with only devDependencies above packages that lock their own (a root that runs the apps\' dev servers), of which nothing ships.',
  fix: 'Run the package manager once (`npm install` writes package-lock.json), commit the lockfile, keep it out of .gitignore, and install with `npm ci` in CI and in the Dockerfile.',
  appliesTo: ['package-json', 'lockfile'],
  messages: {
    missing: (d: { lockfile: string; install: string }) =>
      `no lockfile is committed for this package (nor for a workspace above it): run \`${d.install}\` and commit ${d.lockfile} so every install gets the tested dependency versions`,
  },
  check({ project, subject }) {
    for (const pkg of shippedPackages(project)) {
      if (Object.keys(pkg.dependencies).length + Object.keys(pkg.devDependencies).length === 0) continue; // nothing to lock
      // A published library's lockfile never reaches its users: what they install resolves their own.
      if (!pkg.private && project.scope.package(pkg).role === 'library') continue;
      // Tooling with only devDependencies above packages that lock their own (a root that runs the apps' dev servers
      // and tests, beside server/yarn.lock and frontend/yarn.lock): nothing it installs ships.
      const below = pkg.dir === '' ? '' : `${pkg.dir}/`;
      const membersLock = () => project.packages.some((p) => p !== pkg && p.dir.startsWith(below) && project.lockfilesFor(p.dir).some((l) => l.path.startsWith(`${p.dir}/`)));
      if (Object.keys(pkg.dependencies).length === 0 && project.scope.package(pkg).role === 'tooling' && membersLock()) continue;
      const report = subject(pkg.file);
      if (project.lockfilesFor(pkg.dir).length > 0) continue;
      const declared = (pkg.json.value as { packageManager?: unknown }).packageManager;
      const manager = typeof declared === 'string' ? (declared.split('@')[0] ?? 'npm') : 'npm';
      const field = Object.keys(pkg.dependencies).length > 0 ? '/dependencies' : '/devDependencies';
      report.report('missing', { lockfile: LOCKFILE_OF[manager] ?? 'package-lock.json', install: INSTALL_OF[manager] ?? 'npm install' }, missingFieldLoc(pkg, field));
    }
  },
});
