/**
 * gitignore-syntax patterns from repository files and the config, through the `ignore` library, which compiles
 * each line to a regular expression: a line it cannot compile (32 KiB of text is too large an expression) is
 * left out and said, never thrown.
 */
import ignore, { type Ignore } from 'ignore';

/** The longest pattern read: no real one comes near it, and the library's expression for 32 KiB does not compile. */
export const MAX_PATTERN_CHARS = 4096;

export interface IgnoreRules {
  matcher: Ignore;
  /** Lines left out (1-based, of the text or list given) and why. */
  skipped: { line: number; reason: string }[];
}

function problemOf(line: string): string | undefined {
  if (line.length > MAX_PATTERN_CHARS) return `a pattern longer than ${MAX_PATTERN_CHARS} characters`;
  try {
    // Compiles the line alone first: what the library cannot compile stays out of the matcher.
    ignore().add(line).ignores('x');
  } catch {
    return 'a pattern that cannot be compiled';
  }
  return undefined;
}

/** A matcher of the patterns (the text of a .gitignore, or a list of globs), without the lines it cannot run safely. */
export function ignoreRules(patterns: string | readonly string[]): IgnoreRules {
  const lines = typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns;
  const matcher = ignore();
  const skipped: IgnoreRules['skipped'] = [];
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const reason = problemOf(line);
    if (reason) skipped.push({ line: index + 1, reason });
    else matcher.add(line);
  });
  return { matcher, skipped };
}
