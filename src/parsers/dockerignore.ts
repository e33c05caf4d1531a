/**
 * .dockerignore → patterns with positions and a matcher following Docker's rules:
 * patterns are relative to the context root, `**` matches any number of directories,
 * `!` re-includes, the last matching pattern wins, and a directory excluded excludes its contents.
 */
import type { Loc, SourceFile } from '../types.ts';
import { compileGlob, type Glob } from './glob.ts';

interface DockerIgnorePattern {
  pattern: string;
  negated: boolean;
  loc: Loc;
  glob: Glob;
}

export interface DockerIgnore {
  file: string;
  patterns: DockerIgnorePattern[];
  /** True when the path (relative to the build context, posix) is left out of the context. */
  excludes(path: string): boolean;
}

/** Cleans like Go's filepath.Clean (Docker cleans every pattern): `./a//b/../c/` → `a/c`; leading `/` dropped. */
function clean(pattern: string): string {
  const out: string[] = [];
  for (const part of pattern.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function parseDockerignore(source: SourceFile): DockerIgnore {
  const patterns: DockerIgnorePattern[] = [];
  source.lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const negated = trimmed.startsWith('!');
    const body = clean((negated ? trimmed.slice(1) : trimmed).trim());
    if (body === '') return;
    const column = raw.indexOf(trimmed) + 1;
    patterns.push({
      pattern: trimmed,
      negated,
      loc: { file: source.path, line: index + 1, column, endLine: index + 1, endColumn: column + trimmed.length },
      // As Docker reads it: `**` for any number of folders; a pattern also takes what is below what it matches.
      glob: compileGlob(body, { globstar: true, escapes: true }),
    });
  });
  return {
    file: source.path,
    patterns,
    excludes(path: string) {
      const p = clean(path);
      let excluded = false;
      for (const pat of patterns) if (pat.glob.matchesOrContains(p)) excluded = !pat.negated;
      return excluded;
    },
  };
}
