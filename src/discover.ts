/**
 * Discovery: walk the root, honour .gitignore files and config `ignore` globs, skip node_modules,
 * .git, non-regular files and oversized files, never leave the root through a symbolic link,
 * never loop, and read every file of a known kind as text.
 */
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { classifyByName, commentSyntaxOf } from './classify.ts';
import type { ArtifactKind, Notice, SourceFile } from './types.ts';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Bounds that keep a hostile tree from exhausting the run. */
const MAX_DEPTH = 64;
const MAX_ENTRIES = 200_000;

export interface DiscoverOptions {
  root: string;
  /** Extra ignore globs (gitignore syntax, relative to the root). */
  ignore?: readonly string[];
  maxFileBytes?: number;
}

/** A file of a known kind that could not be used: becomes a finding. */
export interface FileProblem {
  path: string;
  kind: 'parse-error' | 'skipped';
  reason: string;
  line?: number;
  column?: number;
}

export interface Discovery {
  files: SourceFile[];
  problems: FileProblem[];
  notices: Notice[];
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Decodes file bytes as text: strips a UTF-8 BOM, splits CRLF/CR/LF lines. */
export function makeSourceFile(path: string, kind: ArtifactKind, text: string): SourceFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { path, kind, text: body, lines: body.split(/\r\n|\r|\n/), comment: commentSyntaxOf(kind, path) };
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

async function readText(abs: string, size: number): Promise<Uint8Array> {
  const handle = await open(abs, 'r');
  try {
    const buffer = new Uint8Array(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

interface IgnoreScope {
  dir: string;
  matcher: Ignore;
}

export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const root = await realpath(options.root);
  const files: SourceFile[] = [];
  const problems: FileProblem[] = [];
  const notices: Notice[] = [];
  const configIgnore = ignore().add([...(options.ignore ?? [])]);
  const visitedDirs = new Set<string>();
  let entries = 0;
  let entryLimitSaid = false;

  const isIgnored = (rel: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean => {
    const probe = isDir ? `${rel}/` : rel;
    if (configIgnore.ignores(probe)) return true;
    for (const scope of scopes) {
      const inner = scope.dir === '' ? probe : probe.slice(scope.dir.length + 1);
      if (inner !== '' && scope.matcher.ignores(inner)) return true;
    }
    return false;
  };

  /** Resolves a symbolic link; returns its target only when it stays inside the root. */
  const followLink = async (abs: string, rel: string): Promise<string | undefined> => {
    let target: string;
    try {
      target = await realpath(abs);
    } catch {
      notices.push({ file: rel, message: `${rel}: broken symbolic link, skipped` });
      return undefined;
    }
    const inside = relative(root, target);
    if (inside.startsWith('..') || inside === '..' || /^[a-zA-Z]:/.test(inside) || inside.startsWith(sep)) {
      notices.push({ file: rel, message: `${rel}: symbolic link to a path outside the scanned root, not followed` });
      return undefined;
    }
    return target;
  };

  const walk = async (absDir: string, relDir: string, scopes: IgnoreScope[], depth: number): Promise<void> => {
    const realDir = await realpath(absDir).catch(() => absDir);
    if (visitedDirs.has(realDir)) return; // a link loop or a second link to the same folder
    visitedDirs.add(realDir);
    if (depth > MAX_DEPTH) {
      notices.push({ file: relDir, message: `${relDir}: nested deeper than ${MAX_DEPTH} folders, not read` });
      return;
    }
    let names: string[];
    try {
      names = (await readdir(absDir)).sort();
    } catch (error) {
      notices.push({ file: relDir, message: `${relDir || '.'}: folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    let localScopes = scopes;
    if (names.includes('.gitignore')) {
      try {
        const st = await lstat(join(absDir, '.gitignore'));
        if (st.isFile() && st.size <= maxBytes) {
          const text = new TextDecoder().decode(await readText(join(absDir, '.gitignore'), st.size));
          localScopes = [...scopes, { dir: relDir, matcher: ignore().add(text) }];
        }
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    const isHelmChart = names.includes('Chart.yaml') || names.includes('Chart.yml');
    for (const name of names) {
      if (++entries > MAX_ENTRIES) {
        if (!entryLimitSaid) notices.push({ message: `more than ${MAX_ENTRIES} entries under the root: the rest was not read` });
        entryLimitSaid = true;
        return;
      }
      const abs = join(absDir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      let st = await lstat(abs).catch(() => undefined);
      if (!st) continue;
      let target = abs;
      if (st.isSymbolicLink()) {
        const resolved = await followLink(abs, rel);
        if (!resolved) continue;
        target = resolved;
        st = await stat(resolved).catch(() => undefined);
        if (!st) continue;
      }
      if (st.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(name)) continue;
        if (isIgnored(rel, true, localScopes)) continue;
        if (isHelmChart && name === 'templates') {
          notices.push({ file: rel, message: `${rel}: Helm chart templates are not YAML until rendered; skipped (pipe \`helm template\` output to shipready --manifests -)` });
          continue;
        }
        await walk(target, rel, localScopes, depth + 1);
        continue;
      }
      if (!st.isFile()) continue; // FIFOs, sockets and devices are never opened
      const kind = classifyByName(rel);
      if (!kind) continue;
      if (isIgnored(rel, false, localScopes)) continue;
      if (st.size > maxBytes) {
        problems.push({ path: rel, kind: 'skipped', reason: `file is ${st.size} bytes, over the ${maxBytes}-byte limit; not read` });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readText(target, st.size);
      } catch (error) {
        problems.push({ path: rel, kind: 'parse-error', reason: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      if (kind === 'lockfile') {
        files.push(makeSourceFile(rel, kind, ''));
        continue;
      }
      if (looksBinary(bytes)) {
        problems.push({ path: rel, kind: 'parse-error', reason: 'binary content (NUL bytes) in a file named like a text artifact' });
        continue;
      }
      files.push(makeSourceFile(rel, kind, new TextDecoder('utf-8').decode(bytes)));
    }
  };

  await walk(root, '', [], 0);
  return { files, problems, notices };
}

