import semver from 'semver';
import { isEndOfLife, NODE_LINES, nodeLine, supportedLtsLines } from '../../../src/model/node-lines.ts';
import { lowestMajors } from '../../../src/model/node-versions.ts';
import { ancestors, dirname, joinPath, type Project } from '../../../src/model/project.ts';
import { defineRule } from '../../../src/rule.ts';
import type { PackageJson } from '../../../src/parsers/package-json.ts';
import { enclosingPackages, isWorkspaceRoot, missingFieldLoc, servicePackages } from '../_shared.ts';

/** Hosting platforms that choose the Node.js line from `engines.node`: their config files, at a package's folder or the root. */
const ENGINES_READERS = ['Procfile', 'app.json', 'vercel.json', 'now.json', 'railway.json', 'railway.toml', 'nixpacks.toml', 'render.yaml'];

/**
 * A private package whose Node.js line a version file fixes (`.nvmrc`, `.node-version`, `.tool-versions`) for
 * developers and CI, on no platform that reads engines: nothing installs or deploys it by its engines field.
 */
function pinnedElsewhere(project: Project, pkg: PackageJson): boolean {
  if (!pkg.private) return false;
  const folders = ancestors(pkg.dir);
  const versionFile = project.filesOf('node-version-file').some((f) => folders.includes(dirname(f.path)));
  return versionFile && !folders.some((d) => ENGINES_READERS.some((name) => project.has(joinPath(d, name))));
}

export default defineRule({
  id: 'pkg/engines',
  title: 'package.json declares the supported Node.js lines it runs on',
  category: 'reliability',
  severity: 'warning',
  rationale:
    '`engines.node` is how npm, package managers, hosting platforms and people learn which Node.js the service needs. Without it a platform may pick any runtime; with a range whose lower bound is a line past its end of life (`>=18`), installs on that line still succeed and a deployment can run on a Node.js that gets no security fixes. A private package whose line a `.nvmrc` or `.node-version` fixes, deployed on no platform that reads engines (Heroku, Vercel, Railway, Nixpacks), needs none.',
  fix: 'Set `"engines": { "node": ">=22" }` (the oldest LTS line still supported, or newer) and keep it in step with the Dockerfile base image, `.nvmrc` and CI.',
  appliesTo: ['package-json', 'node-version-file'],
  messages: {
    missing: (d: { target: number }) => `package.json declares no engines.node: add "engines": { "node": ">=${d.target}" } so installs and platforms pick a supported Node.js line`,
    invalid: (d: { range: string }) => `engines.node "${d.range}" is not a valid semver range that any version satisfies: write a range such as ">=22"`,
    endOfLife: (d: { range: string; major: number; end?: string; target: number }) =>
      `engines.node "${d.range}" admits Node.js ${d.major}, which ${d.end ? `reached end of life on ${d.end}` : 'is long past its end of life'}: raise the lower bound to ">=${d.target}" (the oldest LTS line still supported)`,
  },
  check({ project, subject, now }) {
    const target = supportedLtsLines(now)[0]?.major ?? 22;
    const oldestKnown = Math.min(...NODE_LINES.map((l) => l.major));
    const missingAt = new Set<PackageJson>();
    for (const pkg of servicePackages(project)) {
      const range = pkg.engines.node;
      // A workspace member inherits the root's engines; where no one declares them, the workspace root is where they go, once.
      const enclosing = enclosingPackages(project, pkg);
      if (range === undefined && enclosing.some((p) => p.engines.node !== undefined)) continue;
      if (range === undefined) {
        const root = enclosing.find((p) => isWorkspaceRoot(project, p)) ?? pkg;
        if (pinnedElsewhere(project, root)) continue;
        if (!missingAt.has(root)) subject(root.file).report('missing', { target }, missingFieldLoc(root, '/engines'));
        missingAt.add(root);
        continue;
      }
      const report = subject(pkg.file);
      const at = pkg.at('/engines/node');
      if (semver.validRange(range) === null || semver.minVersion(range) === null) {
        report.report('invalid', { range }, at);
        continue;
      }
      for (const major of lowestMajors(range)) {
        const line = nodeLine(major);
        if ((line && isEndOfLife(line, now)) || (!line && major < oldestKnown)) {
          report.report('endOfLife', { range, major, end: line?.end, target }, at);
          break;
        }
      }
    }
  },
});
