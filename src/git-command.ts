/**
 * Running git on a stranger's repository. git is found on PATH by absolute path, skipping `.`, relative and empty
 * entries (a repository's own `./git` is never run); the environment loses the variables that point git at another
 * repository, and every call turns off what a repository's config could make git run: fsmonitor, hooks, pagers.
 * Callers that diff add `--no-textconv --no-ext-diff` (filters and external diff programs are the repository's).
 */
import { type ExecFileSyncOptions, execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

let found: string | null | undefined;

/** The absolute path of git on PATH, or undefined when there is none (only absolute PATH entries are searched). */
export function gitExecutable(path = process.env.PATH ?? ''): string | undefined {
  if (found !== undefined && path === process.env.PATH) return found ?? undefined;
  let result: string | null = null;
  for (const dir of path.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, 'git');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) {
        result = candidate;
        break;
      }
    } catch {
      // not here
    }
  }
  if (path === process.env.PATH) found = result;
  return result ?? undefined;
}

/** The environment for git: the caller's, without what would point it elsewhere or make it ask or page. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', PAGER: 'cat' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_EXTERNAL_DIFF', 'GIT_CONFIG_PARAMETERS']) delete env[name];
  return env;
}

/** Options that keep a repository's own config from running anything. */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat', '-c', 'diff.external='];

/** Runs git in `cwd`; throws like execFileSync (and when git is not on PATH). */
export function runGit(cwd: string, args: readonly string[], options: Omit<ExecFileSyncOptions, 'cwd' | 'env'> = {}): string | Buffer {
  const git = gitExecutable();
  if (!git) throw Object.assign(new Error('git is not on PATH'), { code: 'ENOENT' });
  return execFileSync(git, [...SAFE_CONFIG, ...args], { stdio: ['ignore', 'pipe', 'ignore'], ...options, cwd, env: gitEnv() });
}
