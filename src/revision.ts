/**
 * Another revision of the repository, linted the same way: its files read from git's objects (no checkout, no
 * `tar`, no other program), linted with its own config, and compared finding by finding. It is what "new since the
 * base" means for the Action's default gate on pull requests and for the CLI's `--new-since <ref>`: a finding is new
 * when no finding of the base has its rule, file and fingerprint.
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { findingKey } from './baseline.ts';
import { ConfigError } from './config.ts';
import { DEFAULT_MAX_FILE_BYTES, makeSourceFile, readRegularFile } from './discover.ts';
import { fingerprintFindings, type RunResult } from './engine.ts';
import { runGit } from './git-command.ts';
import { checkIgnore, workTreeOf } from './model/git.ts';
import { type LintOptions, lint } from './lint.ts';
import type { Finding } from './types.ts';

/** What a revision holds under a folder, as written: its files, and the submodules (commits) it does not hold. */
export interface Extracted {
  /** Paths written (from the checkout root): files and links. */
  written: string[];
  /** Submodule folders (from the checkout root): a checkout may hold their files, the revision's objects do not. */
  submodules: string[];
}

/**
 * Writes the files of `revision` under `folder` (a path from the checkout root, '' for all; a single file's path
 * writes that file) into `dir`: the tree from `git ls-tree`, each blob from `git cat-file --batch`. Reads git objects
 * only and runs no other program. Links are written as links, after every file, so no write goes through one; the
 * lint reads them as it reads a checkout's (never out of its root). Undefined when the revision cannot be read.
 */
export function extractRevision(workspace: string, revision: string, folder: string, dir: string): Extracted | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(revision)) return undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const listing = runGit(workspace, ['ls-tree', '-r', '-z', '--full-tree', revision, '--', folder || '.'], { maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }) as Buffer;
    const blobs: { sha: string; path: string; link: boolean }[] = [];
    const submodules: string[] = [];
    for (const entry of listing.toString('utf8').split('\0')) {
      const m = /^(\d{6}) (blob|commit) ([0-9a-f]+)\t(.+)$/s.exec(entry);
      if (!m) continue;
      const path = m[4] as string;
      // git never stores these; a path that would leave `dir` (on any platform) is not written.
      if (path.split('/').some((part) => part === '..' || part === '' || part === '.git' || /[\\:]/.test(part))) continue;
      if (m[2] === 'commit') submodules.push(path);
      else blobs.push({ sha: m[3] as string, path, link: m[1] === '120000' });
    }
    if (blobs.length === 0) return { written: [], submodules };
    const out = runGit(workspace, ['cat-file', '--batch'], {
      input: `${blobs.map((b) => b.sha).join('\n')}\n`,
      maxBuffer: 2 * 1024 * 1024 * 1024,
      timeout: 120_000,
      stdio: ['pipe', 'pipe', 'ignore'],
    }) as Buffer;
    const links: { target: string; path: string }[] = [];
    let at = 0;
    for (const blob of blobs) {
      const headerEnd = out.indexOf(10, at);
      const header = out.subarray(at, headerEnd).toString('utf8');
      const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
      if (!Number.isFinite(size)) return undefined;
      const body = out.subarray(headerEnd + 1, headerEnd + 1 + size);
      at = headerEnd + 1 + size + 1;
      if (blob.link) {
        links.push({ target: body.toString('utf8'), path: blob.path });
        continue;
      }
      const target = join(dir, blob.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, body, { flag: 'wx' });
    }
    for (const link of links) {
      const target = join(dir, link.path);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(link.target, target);
    }
    return { written: blobs.map((b) => b.path), submodules };
  } catch {
    return undefined;
  }
}

/**
 * Files git sees renamed between the revision and the work tree (its rename detection, as `git diff -M` shows them):
 * old path → new path, both from the work tree's root. Empty when git cannot tell.
 */
export function renamesSince(workTree: string, sha: string): Map<string, string> {
  const renames = new Map<string, string>();
  try {
    const out = String(runGit(workTree, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--name-status', '-z', sha, '--'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }));
    const fields = out.split('\0');
    for (let i = 0; i < fields.length; ) {
      const status = fields[i] ?? '';
      if (/^[RC]\d*$/.test(status)) {
        if (status.startsWith('R')) renames.set(fields[i + 1] as string, fields[i + 2] as string);
        i += 3;
      } else i += status === '' ? 1 : 2;
    }
  } catch {
    // no renames known: a moved file's findings count as new, as before
  }
  return renames;
}

/** The commit a ref names (`main`, `origin/main~3`, a sha), or undefined when git does not know it. */
export function resolveCommit(cwd: string, ref: string): string | undefined {
  try {
    const out = String(runGit(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { encoding: 'utf8', timeout: 30_000 })).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** The root of the git work tree that holds `dir`, or undefined outside one (or without git). */
export function workTreeRoot(dir: string): string | undefined {
  try {
    return String(runGit(dir, ['rev-parse', '--show-toplevel'], { encoding: 'utf8', timeout: 30_000 })).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Fetches one commit from `origin` into a shallow checkout (the Action's base when checkout fetched only the head). */
export function fetchCommit(cwd: string, sha: string): boolean {
  if (!/^[0-9a-f]{40,64}$/i.test(sha)) return false;
  try {
    runGit(cwd, ['fetch', '--depth=1', '--no-tags', '--quiet', 'origin', sha], { timeout: 120_000 });
    return true;
  } catch {
    return false;
  }
}

export interface RevisionLint {
  /** The git work tree's root (a real path). */
  workTree: string;
  /** The commit to lint. */
  sha: string;
  /** The linted folder, relative to the work tree's root ('' for the root). */
  prefix: string;
  /** The config file the head is linted with (absolute): the revision's copy when it is in the work tree, else the same file. */
  config?: string;
  /** Passed on to lint: `--rule` flags, files read from elsewhere (`--manifests -`), and the rules and the clock tests pin. */
  options?: Pick<LintOptions, 'rules' | 'now' | 'ruleFlags' | 'extraFiles'>;
  /** Where to write the revision's files for the while (default: the system's temp folder). */
  tempDir?: string;
  /** Files renamed since the revision (renamesSince): their findings are matched under the new name. */
  renames?: ReadonlyMap<string, string>;
}

/** The revision linted, with the folders (relative to the linted root) whose files it does not hold; or why it could not be. */
export type RevisionResult = { result: RunResult; unheld: string[] } | { reason: string };

/** A path from the work tree's root as the linted folder `prefix` names it; undefined outside it. */
function inFolder(prefix: string, path: string): string | undefined {
  if (prefix === '') return path;
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : undefined;
}

/** The revision linted as the head is (its files, its own copy of the config, the same flags and extra files). */
export async function lintRevision(input: RevisionLint): Promise<RevisionResult> {
  const dir = mkdtempSync(join(input.tempDir ?? tmpdir(), 'shipready-revision-'));
  try {
    const extracted = extractRevision(input.workTree, input.sha, input.prefix, dir);
    if (!extracted) return { reason: 'its files could not be read from git' };
    const root = join(dir, input.prefix);
    mkdirSync(root, { recursive: true });
    const config = input.config && configAt(input, dir);
    // Every file of the revision is one git tracks there; what its ignore rules ignore, git answers from the
    // revision's own .gitignore files (those above the folder too) in a repository of its own, and the checkout's excludes.
    const inRoot = (p: string) => inFolder(input.prefix, p) ?? [];
    const ignores = ignoreRulesOf(input, dir);
    const tracked = workTreeOf(new Set(extracted.written.flatMap(inRoot)), (paths) => (ignores ? checkIgnore(root, paths) : undefined));
    try {
      // No baseline: the revision's findings are compared one by one, and a baseline it names was not extracted.
      const { result } = await lint({ ...input.options, root, config: config ?? undefined, git: () => tracked, baseline: null });
      followRenames(result.findings, input, root);
      return { result, unheld: extracted.submodules.flatMap(inRoot) };
    } catch (error) {
      if (error instanceof ConfigError) return { reason: `its config is invalid: ${error.message}` };
      throw error;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Findings of files renamed since the revision, moved to the new name and fingerprinted as the head fingerprints
 * them there (from the revision's lines): a moved file's findings are the same findings, not new ones.
 */
function followRenames(findings: Finding[], input: RevisionLint, root: string): void {
  const inRoot = (p: string) => inFolder(input.prefix, p);
  const moved = new Map<string, string>();
  for (const [from, to] of input.renames ?? []) {
    const [a, b] = [inRoot(from), inRoot(to)];
    if (a !== undefined && b !== undefined) moved.set(a, b);
  }
  const renamed = findings.filter((f) => moved.has(f.file));
  if (renamed.length === 0) return;
  const oldName = new Map<string, string>();
  for (const f of renamed) {
    const to = moved.get(f.file) as string;
    oldName.set(to, f.file);
    f.file = to;
  }
  // Read as discovery reads: a regular file within the size cap (the head has no lines for one it skipped either).
  const lines = (path: string) => {
    try {
      const file = join(root, oldName.get(path) ?? path);
      if (lstatSync(file).isSymbolicLink()) return undefined;
      const bytes = readRegularFile(file, DEFAULT_MAX_FILE_BYTES);
      return bytes instanceof Uint8Array ? makeSourceFile(path, 'other', new TextDecoder().decode(bytes)).lines : undefined;
    } catch {
      return undefined;
    }
  };
  fingerprintFindings(renamed, lines);
}

/**
 * Makes `dir` a repository of its own whose ignore rules are the revision's: the .gitignore files of the folders
 * above the linted one (those inside were extracted with it) and the checkout's `info/exclude`. False when git
 * cannot set it up; the lint then reads the .gitignore files of its root, as without git.
 */
function ignoreRulesOf(input: RevisionLint, dir: string): boolean {
  try {
    runGit(dir, ['init', '-q']);
    const parts = input.prefix === '' ? [] : input.prefix.split('/');
    for (let i = 0; i < parts.length; i++) extractRevision(input.workTree, input.sha, [...parts.slice(0, i), '.gitignore'].join('/'), dir);
    const exclude = String(runGit(input.workTree, ['rev-parse', '--git-path', 'info/exclude'], { encoding: 'utf8', timeout: 30_000 })).trim();
    const source = isAbsolute(exclude) ? exclude : join(input.workTree, exclude);
    if (existsIn(source)) writeFileSync(join(dir, '.git', 'info', 'exclude'), readFileSync(source));
    return true;
  } catch {
    return false;
  }
}

/** The revision's copy of the head's config file, written into `dir`; the same file when it is outside the work tree; null when the revision has none. */
function configAt(input: RevisionLint, dir: string): string | null {
  const config = realpathSync(input.config as string);
  const inTree = relative(input.workTree, config);
  if (inTree.startsWith('..') || isAbsolute(inTree)) return config;
  const path = inTree.split(sep).join('/');
  const copy = join(dir, path);
  if (!existsIn(copy)) extractRevision(input.workTree, input.sha, path, dir);
  return existsIn(copy) ? copy : null;
}

function existsIn(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * What the head adds and what it fixes against a base linted the same way, among the findings that gate (neither
 * suppressed nor baselined). A finding in a folder the base does not hold (a submodule: the checkout has its files,
 * the base's objects do not) is not new.
 */
export function comparedWith(head: readonly Finding[], base: readonly Finding[], unheld: readonly string[] = []): { added: Finding[]; fixed: Finding[] } {
  const gating = (f: Finding) => !f.suppressed && !f.baselined;
  const inBase = new Set(base.map(findingKey));
  const inHead = new Set(head.map(findingKey));
  const held = (f: Finding) => !unheld.some((dir) => f.file === dir || f.file.startsWith(`${dir}/`));
  return {
    added: head.filter((f) => gating(f) && held(f) && !inBase.has(findingKey(f))),
    fixed: base.filter((f) => gating(f) && !inHead.has(findingKey(f))),
  };
}
