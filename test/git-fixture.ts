/** A throwaway git repository for tests: initialised on `main`, with an identity and no signing. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Creates `repo` (and its folders) as a repository; returns a `git(...args)` that runs there and trims stdout. */
export function gitRepository(repo: string, ceiling: string): (...args: string[]) => string {
  mkdirSync(repo, { recursive: true });
  // The ceiling keeps git from finding an enclosing repository (this project's) above the temp folder.
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: ceiling } }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  git('config', 'commit.gpgsign', 'false');
  return git;
}
