/**
 * Another revision of the repository, linted the same way: its files read from git's objects (no checkout, no
 * `tar`, no other program), linted with its own config, and compared finding by finding. It is what "new since the
 * base" means for the Action's default gate on pull requests and for the CLI's `--new-since <ref>`: a finding is new
 * when no finding of the base has its rule, file and fingerprint.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunResult } from './engine.ts';
import { runGit } from './git-command.ts';
import { workTreeOf } from './model/git.ts';
import { type LintOptions, lint } from './lint.ts';
import type { Finding } from './types.ts';

/**
 * Writes the files of `revision` under `folder` (a path from the checkout root, '' for all) into `dir`, to lint
 * the base of a pull request: the tree from `git ls-tree`, each blob from `git cat-file --batch`. Reads git
 * objects only and runs no other program; links and submodules are left out, as the lint of a checkout would
 * not follow a link out of the root either. Returns the paths written (from the checkout root), or undefined when
 * the revision cannot be read.
 */
export function extractRevision(workspace: string, revision: string, folder: string, dir: string): string[] | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(revision)) return undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const listing = runGit(workspace, ['ls-tree', '-r', '-z', '--full-tree', revision, '--', folder || '.'], { maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }) as Buffer;
    const blobs: { sha: string; path: string }[] = [];
    for (const entry of listing.toString('utf8').split('\0')) {
      const m = /^(\d{6}) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
      if (!m || m[1] === '120000') continue;
      const path = m[3] as string;
      // git never stores these; a path that would leave `dir` is not written.
      if (path.split('/').some((part) => part === '..' || part === '' || part === '.git')) continue;
      blobs.push({ sha: m[2] as string, path });
    }
    if (blobs.length === 0) return [];
    const out = runGit(workspace, ['cat-file', '--batch'], {
      input: `${blobs.map((b) => b.sha).join('\n')}\n`,
      maxBuffer: 2 * 1024 * 1024 * 1024,
      timeout: 120_000,
      stdio: ['pipe', 'pipe', 'ignore'],
    }) as Buffer;
    let at = 0;
    for (const blob of blobs) {
      const headerEnd = out.indexOf(10, at);
      const header = out.subarray(at, headerEnd).toString('utf8');
      const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
      if (!Number.isFinite(size)) return undefined;
      const target = join(dir, blob.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, out.subarray(headerEnd + 1, headerEnd + 1 + size), { flag: 'wx' });
      at = headerEnd + 1 + size + 1;
    }
    return blobs.map((b) => b.path);
  } catch {
    return undefined;
  }
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
  /** The git work tree's root. */
  workTree: string;
  /** The commit to lint. */
  sha: string;
  /** The linted folder, relative to the work tree's root ('' for the root). */
  prefix: string;
  /** The config file the head is linted with (absolute, inside the work tree): the revision's own copy of it is used. */
  config?: string;
  /** Passed on to lint: `--rule` flags, and the rules and the clock tests pin. */
  options?: Pick<LintOptions, 'rules' | 'now' | 'ruleFlags'>;
  /** Where to write the revision's files for the while (default: the system's temp folder). */
  tempDir?: string;
}

/** The revision linted as the head is: undefined when its files cannot be read from git. */
export async function lintRevision(input: RevisionLint): Promise<RunResult | undefined> {
  const dir = mkdtempSync(join(input.tempDir ?? tmpdir(), 'shipready-revision-'));
  try {
    const written = extractRevision(input.workTree, input.sha, input.prefix, dir);
    if (!written) return undefined;
    const root = join(dir, input.prefix);
    mkdirSync(root, { recursive: true });
    const config = input.config && join(dir, relativeTo(input.workTree, input.config));
    const own = config && existsIn(config) ? config : undefined;
    // Every file of the revision is one git tracks there (what git's ignore rules ignore is not known).
    const inRoot = input.prefix === '' ? written : written.flatMap((p) => (p.startsWith(`${input.prefix}/`) ? [p.slice(input.prefix.length + 1)] : []));
    const tracked = workTreeOf(new Set(inRoot), () => undefined);
    return (await lint({ ...input.options, root, config: own, git: () => tracked })).result;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const relativeTo = (base: string, path: string) => (path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path);

function existsIn(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A finding's identity across revisions: its rule, file and fingerprint. */
export const findingKey = (f: Pick<Finding, 'ruleId' | 'file' | 'fingerprint'>) => `${f.ruleId}\u0000${f.file}\u0000${f.fingerprint}`;

/** What the head adds and what it fixes, against a base linted the same way. */
export function comparedWith(head: readonly Finding[], base: readonly Finding[]): { added: Finding[]; fixed: Finding[] } {
  const inBase = new Set(base.map(findingKey));
  const inHead = new Set(head.map(findingKey));
  return { added: head.filter((f) => !inBase.has(findingKey(f))), fixed: base.filter((f) => !inHead.has(findingKey(f)) && !f.suppressed) };
}
