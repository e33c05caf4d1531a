/**
 * .dockerignore → patterns with positions and a matcher following Docker's rules:
 * patterns are relative to the context root, `**` matches any number of directories,
 * `!` re-includes, the last matching pattern wins, and a directory excluded excludes its contents.
 */
import type { Loc, SourceFile } from '../types.ts';

interface DockerIgnorePattern {
  pattern: string;
  negated: boolean;
  loc: Loc;
  regex: RegExp;
}

export interface DockerIgnore {
  file: string;
  patterns: DockerIgnorePattern[];
  /** True when the path (relative to the build context, posix) is left out of the context. */
  excludes(path: string): boolean;
}

function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') i++;
        // As Docker compiles it: `**` at the end matches everything, elsewhere any number of whole folders.
        re += i + 1 >= glob.length ? '.*' : '(?:.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < glob.length) {
      i++;
      re += (glob[i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  // A pattern matches the path itself or anything below it (an excluded directory takes its contents).
  return new RegExp(`^${re}(?:/.*)?$`);
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
      regex: globToRegex(body),
    });
  });
  return {
    file: source.path,
    patterns,
    excludes(path: string) {
      const p = clean(path);
      let excluded = false;
      for (const pat of patterns) if (pat.regex.test(p)) excluded = !pat.negated;
      return excluded;
    },
  };
}
