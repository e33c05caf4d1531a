/**
 * One service per shipped package: the files its code is made of (its entry points and source folders, and what they
 * import relatively; code that runs in the browser left out), each parsed and walked once (module.ts), analysed
 * together (analysis.ts), and the service assembled from what the extractors found — its kind, routes with mounts
 * applied and file-based routes added, shutdown budget, env reads less those Next.js defines at build time.
 */
import { builtinModules } from 'node:module';
import type * as t from '@babel/types';
import type { PackageJson } from '../../parsers/package-json.ts';
import { keyName, type SourceModule, unwrap } from '../../parsers/source.ts';
import type { SourceFile } from '../../types.ts';
import { dirname } from '../project.ts';
import { Analysis } from './analysis.ts';
import { composeRoutes, fileRoutes } from './compose-routes.ts';
import { inDir, isExcludedPath, MAX_FILES_PER_PACKAGE, packageSources, resolveFile } from './files.ts';
import { Module } from './module.ts';
import { shutdownBudget } from './shutdown.ts';
import type { Service } from './types.ts';

export interface ServiceInput {
  packages: readonly PackageJson[];
  /** Every discovered source file. */
  sources: readonly SourceFile[];
  packageFor(dir: string): PackageJson | undefined;
  /** Parses a file once (reporting parse errors); undefined when it is skipped or broken. */
  parse(file: SourceFile): SourceModule | undefined;
  /** Reports a file whose AST the analysis failed on (its facts are left out). */
  onError(file: string, error: unknown): void;
  /** Scripts the package's container images start with `node <script>` (paths relative to the root). */
  containerEntries?: ReadonlyMap<PackageJson, readonly string[]>;
  /** Whether the package ships (its folder is not a test, example or docs folder: src/model/scope.ts). */
  ships(pkg: PackageJson): boolean;
}

/** Next.js's config file, whose `env` key defines build-time constants. */
const NEXT_CONFIG = /(?:^|\/)next\.config\.[cm]?[jt]s$/;

/**
 * The names next.config's `env` key defines: Next.js replaces `process.env.cloudUrl` with the value at build time, so
 * the code's reads of those names are constants, not variables a deployer sets.
 */
function nextBuildEnv(mod: Module): Set<string> {
  const names = new Set<string>();
  for (const node of mod.nodes) {
    if (node.type !== 'ObjectProperty' || keyName(node.key, node.computed) !== 'env') continue;
    const value = unwrap(node.value as t.Node);
    if (value.type !== 'ObjectExpression') continue;
    for (const p of value.properties) if (p.type === 'ObjectProperty' || p.type === 'ObjectMethod') names.add(keyName(p.key, p.computed) ?? '');
  }
  return names;
}

/** UI frameworks whose modules render in the browser. */
const UI_FRAMEWORKS = new Set(['react', 'react-dom', 'vue', 'svelte', 'solid-js', 'preact', '@angular/core', 'react-native', 'lit']);
/** Exports of route modules that run on the server beside a component (Remix, React Router, Next.js). */
const SERVER_EXPORTS = new Set(['loader', 'action', 'getServerSideProps', 'getStaticProps', 'generateMetadata', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'middleware', 'handler', 'config']);

/**
 * A module that runs in the browser: `'use client'`, a `*.client.*` file, or one that loads a UI framework and
 * exports nothing that runs on the server (a route's `loader` or `action`, an API handler).
 */
function isBrowserModule(mod: Module): boolean {
  if (mod.program.directives.some((d) => d.value.value === 'use client') || /\.client\.[cm]?[jt]sx?$/.test(mod.file)) return true;
  const ui = mod.runtimeSpecifiers.some((spec) => UI_FRAMEWORKS.has(packageNameOf(spec) ?? ''));
  return ui && ![...mod.exports.keys()].some((name) => SERVER_EXPORTS.has(name));
}

/** The package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`); undefined for relative paths and Node built-ins. */
function packageNameOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec === '') return undefined;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name === undefined || builtinModules.includes(name) ? undefined : name;
}

/** One service per shipped package, in package order. */
export function buildServices(input: ServiceInput): Service[] {
  const sources = new Map(input.sources.map((f) => [f.path, f]));
  // Each source file belongs to the nearest package.json above it: grouped once, not searched per package.
  const filesByPackage = new Map<PackageJson, string[]>();
  for (const file of input.sources) {
    const owner = input.packageFor(dirname(file.path));
    if (!owner) continue;
    const list = filesByPackage.get(owner) ?? [];
    list.push(file.path);
    filesByPackage.set(owner, list);
  }
  const parsed = new Map<string, Module | null>();
  const moduleOf = (path: string): Module | undefined => {
    if (!parsed.has(path)) {
      const file = sources.get(path);
      const ast = file ? input.parse(file) : undefined;
      let mod: Module | null = null;
      try {
        mod = ast ? new Module(ast.file, ast.program) : null;
      } catch (error) {
        input.onError(path, error);
      }
      parsed.set(path, mod);
    }
    return parsed.get(path) ?? undefined;
  };
  const services: Service[] = [];
  for (const pkg of input.packages) {
    if (!input.ships(pkg) || isExcludedPath(pkg.file)) continue;
    const ownFile = (path: string) => sources.has(path) && input.packageFor(dirname(path)) === pkg && !isExcludedPath(path);
    const queue = packageSources(pkg, filesByPackage.get(pkg) ?? [], input.containerEntries?.get(pkg));
    const included = new Set(queue);
    const modules: Module[] = [];
    // The queue grows as imports are found; an index into it, not shift(), keeps a large package linear.
    for (let next = 0; next < queue.length && modules.length < MAX_FILES_PER_PACKAGE; next++) {
      const mod = moduleOf(queue[next] as string);
      // Code that runs in the browser is not the server's: its keys, origins and env reads say nothing about it.
      if (!mod || isBrowserModule(mod)) continue;
      modules.push(mod);
      for (const spec of mod.specifiers) {
        if (!spec.startsWith('.')) continue;
        const target = resolveFile(inDir(dirname(mod.file), spec), ownFile);
        if (target && !included.has(target)) {
          included.add(target);
          queue.push(target);
        }
      }
    }
    modules.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const nextConfig = (filesByPackage.get(pkg) ?? []).find((f) => dirname(f) === pkg.dir && NEXT_CONFIG.test(f));
    const configModule = nextConfig === undefined ? undefined : moduleOf(nextConfig);
    services.push(makeService(pkg, modules, input.onError, filesByPackage.get(pkg) ?? [], configModule ? nextBuildEnv(configModule) : new Set()));
    // A package's syntax trees are done with once its service is built: holding every package's until the last
    // one is, was most of a large monorepo's peak memory. A file another package reaches too is parsed again.
    for (const path of included) parsed.delete(path);
    if (nextConfig !== undefined) parsed.delete(nextConfig);
  }
  return services;
}

function makeService(pkg: PackageJson, modules: Module[], onError: ServiceInput['onError'], ownFiles: readonly string[], buildDefined: ReadonlySet<string>): Service {
  const found = new Analysis(modules, onError);
  found.analyse();
  const { servers } = found.servers;
  const { listens } = found.listens;
  // Without a start script, a package whose listen calls all sit in functions it never calls is a framework or helper library.
  const httpServer = servers.length > 0 && listens.some((l) => !l.internal) && (pkg.scripts.start !== undefined || found.listens.listensAtLoad);
  const cli = Object.keys(pkg.bin).length > 0 && pkg.scripts.start === undefined && !pkg.private;
  const kind: Service['kind'] = httpServer && !cli ? 'server' : cli ? 'cli' : 'library';
  const helpers = found.helpers.helpers;
  const signalHandlers = found.signals.handlers;
  return {
    package: pkg,
    dir: pkg.dir,
    files: modules.map((m) => m.file),
    kind,
    isServer: kind === 'server',
    loc: listens[0]?.loc ?? servers[0]?.loc ?? pkg.at('/name', { key: true }),
    servers,
    listens,
    ports: listens.flatMap((l) => (l.port && (l.port.value !== undefined || l.port.env !== undefined) ? [l.port] : [])),
    routes: [...composeRoutes(found.routes, found.code.owners, servers), ...fileRoutes(pkg, ownFiles)],
    signalHandlers,
    crashHandlers: found.crashes.handlers,
    helpers,
    envReads: found.env.reads.filter((r) => !buildDefined.has(r.name)),
    cors: found.cors.settings,
    literalSecrets: found.secrets.secrets,
    envFileLoads: found.envFiles.loads,
    inspectorStarts: found.inspector.starts,
    validationBypasses: found.bypasses.bypasses,
    securityHeaders: found.headers.headers,
    structuredLogs: found.logs.logs,
    packagesImported: new Set(modules.flatMap((m) => m.runtimeSpecifiers.flatMap((spec) => packageNameOf(spec) ?? []))),
    shutdown: shutdownBudget(found.code, found.signals.sites, found.shutdown.waits, found.env.reads),
    openPaths: found.routes.openPaths,
    handlesSignal: (signal) => signalHandlers.some((h) => h.signal === signal) || (signal === 'SIGTERM' && helpers.some((h) => h.kinds.includes('shutdown'))),
    helpersOf: (kind) => helpers.filter((h) => h.kinds.includes(kind)),
  };
}
