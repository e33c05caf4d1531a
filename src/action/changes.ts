/**
 * What a pull request changed, line by line: from `git diff --unified=0 <base>...HEAD` when the
 * checkout has the history, else from the pulls API (paginated; patches parsed; a file without a
 * patch counts as changed whole). The filter modes then decide which findings annotate and gate.
 */
import { runGit } from '../git-command.ts';
import type { getOctokit } from '@actions/github';
import type { Finding } from '../types.ts';
import type { FilterMode } from './inputs.ts';

type Range = readonly [start: number, end: number];

/** One changed file: its added lines and the lines its hunks cover (added lines and their context). */
export interface FileChange {
  /** No patch (binary or too large for the API): every line counts as changed. */
  whole: boolean;
  added: Range[];
  hunks: Range[];
}

/** Changed files by path from the checkout root (posix). */
export type Changes = Map<string, FileChange>;

/** Lines of context a hunk shows on either side of a change (GitHub's and git's default). */
const CONTEXT = 3;
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

function addRange(ranges: Range[], start: number, end: number): void {
  if (end >= start) ranges.push([start, end]);
}

/**
 * Parses the hunks of one file's patch. With context lines (the API's patches) hunks cover them;
 * with `--unified=0` they are widened by the context git would have shown, so both sources agree.
 */
export function parsePatch(lines: readonly string[]): FileChange {
  const change: FileChange = { whole: false, added: [], hunks: [] };
  let line = 0;
  let runStart = 0;
  const endRun = () => {
    if (runStart) addRange(change.added, runStart, line - 1);
    runStart = 0;
  };
  for (const text of lines) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      endRun();
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      // `+c,0` (lines removed only) sits after line c.
      const first = count === 0 ? start + 1 : start;
      const last = count === 0 ? start : start + count - 1;
      addRange(change.hunks, Math.max(1, first - CONTEXT), last + CONTEXT);
      line = start;
      continue;
    }
    if (line === 0) continue;
    if (text.startsWith('+')) {
      if (!runStart) runStart = line;
      line++;
      continue;
    }
    endRun();
    if (text.startsWith(' ')) line++;
    // '-' (removed) and '\' (no newline at end of file) do not move the new side.
  }
  endRun();
  return change;
}

/** Unquotes a path git wrote in C style ("a\tb\303\251"): escapes and octal UTF-8 bytes. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  const body = Buffer.from(text.slice(1, -1), 'utf8');
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (byte !== 92) {
      bytes.push(byte);
      continue;
    }
    const next = String.fromCharCode(body[i + 1] ?? 0);
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.subarray(i + 1, i + 4).toString('latin1'), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? body[i + 1] ?? 92);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The path after `+++ b/` or `rename to `, unquoted; undefined for /dev/null. Git ends a `+++` name
 * that holds a space with a tab (a tab inside a name is always quoted, so the last one is git's).
 */
function pathAfter(rest: string, prefix: string): string | undefined {
  const path = unquoteGitPath(rest.endsWith('\t') ? rest.slice(0, -1) : rest);
  if (path === '/dev/null') return undefined;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Parses `git diff --unified=0 --src-prefix=a/ --dst-prefix=b/` output into changed files. */
export function parseGitDiff(text: string): Changes {
  const changes: Changes = new Map();
  let path: string | undefined;
  let patch: string[] = [];
  // Lines still to come in the current hunk (old side, new side): inside a hunk, `+++ x` is content.
  let oldLeft = 0;
  let newLeft = 0;
  const flush = () => {
    if (path !== undefined) changes.set(path, parsePatch(patch));
    path = undefined;
    patch = [];
  };
  for (const line of text.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      patch.push(line);
      if (line.startsWith('+')) newLeft--;
      else if (line.startsWith('-')) oldLeft--;
      else if (line.startsWith(' ')) {
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      patch.push(line);
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
    } else if (line.startsWith('diff --git ')) {
      flush();
    } else if (line.startsWith('rename to ')) {
      path = pathAfter(line.slice('rename to '.length), '');
    } else if (line.startsWith('+++ ')) {
      path = pathAfter(line.slice(4), 'b/');
    }
  }
  flush();
  return changes;
}

function git(workspace: string, args: string[]): string {
  return runGit(workspace, ['-c', 'core.quotePath=true', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }) as string;
}

/** The pull request's changes from the local history; undefined when the checkout lacks it (shallow clone, no repository). */
export function gitChanges(workspace: string, baseSha: string): Changes | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(baseSha)) return undefined;
  try {
    const diff = git(workspace, [
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--find-renames',
      '--unified=0',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--relative',
      `${baseSha}...HEAD`,
      '--',
    ]);
    return parseGitDiff(diff);
  } catch {
    return undefined;
  }
}

type Octokit = ReturnType<typeof getOctokit>;

/** The pull request's changes from the pulls API: every page of listFiles, each patch parsed. */
export async function apiChanges(octokit: Octokit, owner: string, repo: string, pullNumber: number): Promise<Changes> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const changes: Changes = new Map();
  for (const file of files) {
    if (file.status === 'removed') continue;
    changes.set(file.filename, file.patch === undefined ? { whole: true, added: [], hunks: [] } : parsePatch(file.patch.split('\n')));
  }
  return changes;
}

const overlaps = (ranges: readonly Range[], start: number, end: number) => ranges.some(([a, b]) => a <= end && start <= b);

/** Which findings annotate and gate: the filter mode applied to the pull request's changes. */
export interface Scope {
  mode: FilterMode;
  /** For the gate's reason and the summary: "in changed files"; '' for nofilter. */
  where: string;
  includes(f: Finding, path: string): boolean;
  /** Whether the finding touches a line the pull request added (annotated first). */
  onAddedLines(f: Finding, path: string): boolean;
}

export const WHERE: Record<FilterMode, string> = {
  new: 'new since the base',
  added: 'on added lines',
  diff_context: 'in the diff',
  file: 'in changed files',
  nofilter: '',
};

/**
 * `new`: the findings the base does not have (`isNew`, from src/revision.ts's comparison). The other modes by the pull request's changes. Without what the mode needs (a push, no diff or
 * no base to be had) every finding is in scope.
 */
export function scopeOf(mode: FilterMode, changes: Changes | undefined, isNew?: (f: Finding) => boolean): Scope {
  const effective: FilterMode = mode === 'new' ? (isNew ? 'new' : 'nofilter') : changes ? mode : 'nofilter';
  const touches = (f: Finding, path: string, which: 'added' | 'hunks') => {
    const change = changes?.get(path);
    if (!change) return false;
    return change.whole || overlaps(change[which], f.line, Math.max(f.line, f.endLine));
  };
  return {
    mode: effective,
    where: WHERE[effective],
    includes(f, path) {
      switch (effective) {
        case 'nofilter':
          return true;
        case 'new':
          return isNew?.(f) === true;
        case 'file':
          return changes?.has(path) === true;
        case 'diff_context':
          return touches(f, path, 'hunks');
        case 'added':
          return touches(f, path, 'added');
      }
    },
    onAddedLines: (f, path) => touches(f, path, 'added'),
  };
}
