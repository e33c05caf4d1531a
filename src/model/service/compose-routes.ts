/**
 * Routes as the service answers them: each registered route under the prefixes of what it is mounted on (routers in
 * apps, plugins under their prefix, autoloaded folders, a router whose own routes are not visible answering under its
 * mount path), and the routes frameworks make from file names (Next.js, Remix, React Router).
 */
import type { PackageJson } from '../../parsers/package-json.ts';
import { dirname } from '../project.ts';
import type { Owner } from './code.ts';
import { isExcludedPath } from './files.ts';
import { joinRoute, type Mount, type PendingRoute, type Routes } from './routes.ts';
import type { Route, ServerCreation } from './types.ts';

export function composeRoutes(found: Routes, owners: ReadonlyMap<string, Owner>, servers: readonly ServerCreation[]): Route[] {
  // A plugin file under an autoloaded folder is mounted at the folder's path, below the autoload's own prefix.
  const autoloadMount = (key: string): Mount | undefined => {
    const folder = dirname(key.replace(/[#@][^#@/]*$/, ''));
    const autoload = found.autoloads.find((a) => folder === a.dir || folder.startsWith(`${a.dir}/`));
    return autoload && { parent: autoload.parent, child: key, prefix: `${autoload.prefix}/${folder.slice(autoload.dir.length)}` };
  };
  const prefixesOf = (key: string | undefined, depth: number): string[] => {
    if (key === undefined || depth > 6) return [''];
    const own = owners.get(key)?.prefix ?? '';
    const mounted = found.mounts.filter((m) => m.child === key);
    const autoloaded = mounted.length === 0 ? autoloadMount(key) : undefined;
    const incoming = autoloaded ? [autoloaded] : mounted;
    if (incoming.length === 0) return [own];
    return incoming.flatMap((m) => prefixesOf(m.parent, depth + 1).map((p) => `${p}/${m.prefix}/${own}`));
  };
  // A mount of a router whose routes are not visible here (a package's, an unresolved import) answers under its path.
  const owning = new Set([...found.routes.map((r) => r.owner), ...found.mounts.map((m) => m.parent), ...found.autoloads.map((a) => a.parent)]);
  const pending: PendingRoute[] = [...found.routes];
  for (const m of found.mounts) if (m.at && !owning.has(m.child)) pending.push({ method: 'USE', path: m.prefix, loc: m.at.loc, source: m.at.source, owner: m.parent });
  const out: Route[] = [];
  const seen = new Set<string>();
  for (const r of pending) {
    for (const prefix of prefixesOf(r.owner, 0)) {
      const path = r.path === '*' ? r.path : joinRoute(prefix, r.path);
      const key = `${r.method} ${path} ${r.loc.file}:${r.loc.line}:${r.loc.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method: r.method, path, loc: r.loc, source: r.source ?? servers[0]?.framework ?? 'express', ...(r.constantReply ? { constantReply: true } : {}), ...(r.computesHealth ? { computesHealth: true } : {}) });
    }
  }
  return out;
}

/**
 * Routes frameworks make from file names: Next.js `route.ts` files under `app/` and files under `pages/api/`, Remix and React Router
 * `app/routes/*` (flat routes: dots for slashes, `$id` for params, `_index` for the folder, `+` folders).
 */
export function fileRoutes(pkg: PackageJson, ownFiles: readonly string[]): Route[] {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const next = 'next' in deps;
  const remix = Object.keys(deps).some((d) => d.startsWith('@remix-run/') || d.startsWith('@react-router/'));
  if (!next && !remix) return [];
  const prefix = pkg.dir === '' ? '' : `${pkg.dir}/`;
  const out: Route[] = [];
  // The framework serves them: `helper` is the source of routes the repository's own calls do not register.
  const add = (path: string, file: string) => out.push({ method: 'ALL', path: joinRoute(path), loc: { file, line: 1, column: 1, endLine: 1, endColumn: 1 }, source: 'helper' });
  for (const file of ownFiles) {
    if (isExcludedPath(file)) continue;
    const rel = file.slice(prefix.length).replace(/^src\//, '');
    const stem = rel.replace(/\.[cm]?[jt]sx?$/, '');
    if (next && /^app\/(?:.*\/)?route$/.test(stem)) {
      add(stem.slice('app'.length, -'/route'.length).split('/').filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/'), file);
    } else if (next && stem.startsWith('pages/api/')) {
      add(stem.slice('pages'.length).replace(/\/index$/, ''), file);
    } else if (remix && stem.startsWith('app/routes/')) {
      const name = stem.slice('app/routes/'.length).replace(/\/route$/, '');
      const segments = name.split(/[./]/).map((s) => s.replace(/\+$/, '')).filter((s) => s !== '' && s !== '_index' && !s.startsWith('_'));
      add(segments.map((s) => (s.startsWith('$') ? `:${s.slice(1)}` : s)).join('/'), file);
    }
  }
  return out;
}
