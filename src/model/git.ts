/**
 * What git knows about the scanned root: which files are tracked (one `git ls-files`, run lazily,
 * with a timeout; git is a tool of the machine, not repository code) and what `.gitignore` files ignore.
 */
import { runGit } from '../git-command.ts';
import { ignoreRules } from './ignore-rules.ts';
import type { SourceFile } from '../types.ts';

export interface GitWorkTree {
  /** True when the path (relative to the scanned root, posix) is tracked by git. */
  tracked(path: string): boolean;
  /** True when a folder (relative to the scanned root) holds a tracked file, at any depth. */
  holdsTracked(dir: string): boolean;
  /**
   * The paths (relative to the scanned root) git's own ignore rules ignore, whether or not they exist: every
   * `.gitignore` up to the repository's root and `.git/info/exclude` — not the user's global excludes file,
   * which CI does not have. Undefined when git cannot answer.
   */
  ignored(paths: readonly string[]): ReadonlySet<string> | undefined;
}

const GIT_TIMEOUT_MS = 10_000;

/** The work tree the root is in, or undefined when git is missing, times out or the root is not in a repository. */
export function readGitWorkTree(root: string): GitWorkTree | undefined {
  try {
    const out = runGit(root, ['ls-files', '-z'], { encoding: 'utf8', timeout: GIT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }) as string;
    return workTreeOf(new Set(out.split('\0').filter((p) => p !== '')), (paths) => checkIgnore(root, paths));
  } catch {
    return undefined;
  }
}

/** A work tree from the paths git tracks (relative to the scanned root) and a way to ask what its ignore rules ignore. */
export function workTreeOf(tracked: ReadonlySet<string>, ignored: GitWorkTree['ignored']): GitWorkTree {
  let dirs: Set<string> | undefined;
  const holdsTracked = (dir: string) => {
    if (!dirs) {
      dirs = new Set();
      for (const path of tracked) for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) dirs.add(path.slice(0, i));
    }
    return dirs.has(dir);
  };
  return { tracked: (path) => tracked.has(path), holdsTracked, ignored };
}

/** `git check-ignore --no-index` for many paths at once (exit code 1 means none is ignored). */
export function checkIgnore(root: string, paths: readonly string[]): ReadonlySet<string> | undefined {
  if (paths.length === 0) return new Set();
  try {
    const out = runGit(root, ['-c', 'core.excludesFile=/dev/null', 'check-ignore', '--no-index', '--stdin', '-z'], {
      encoding: 'utf8',
      input: `${paths.join('\0')}\0`,
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'ignore'],
    }) as string;
    return new Set(out.split('\0').filter((p) => p !== ''));
  } catch (error) {
    const status = (error as { status?: number }).status;
    return status === 1 ? new Set() : undefined;
  }
}

/**
 * What the `.gitignore` files in the path's folder and its ancestors decide for it (gitignore semantics: deeper
 * files and later patterns win): `ignored`, `included` when a `!` pattern re-includes it, undefined when none names it.
 */
export function gitignored(gitignores: readonly SourceFile[], path: string): 'ignored' | 'included' | undefined {
  const scopes = gitignores
    .map((f) => ({ dir: f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '', file: f }))
    .filter((s) => s.dir === '' || path.startsWith(`${s.dir}/`))
    .sort((a, b) => a.dir.length - b.dir.length);
  let decision: 'ignored' | 'included' | undefined;
  for (const scope of scopes) {
    const result = ignoreRules(scope.file.text).matcher.test(scope.dir === '' ? path : path.slice(scope.dir.length + 1));
    if (result.ignored) decision = 'ignored';
    else if (result.unignored) decision = 'included';
  }
  return decision;
}
