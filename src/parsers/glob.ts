/**
 * Glob matching for patterns written in repository files (COPY sources, nginx `include`, .dockerignore), without
 * regular expressions: a pattern can neither fail to compile (`[z-a]`) nor backtrack (`*` repeated 25 times
 * against a long name). The pattern is compiled to a list of tokens and run as a set of states over the name,
 * so matching takes at most (pattern length × name length) steps.
 *
 * - `*` matches any characters but `/`, `?` one character but `/`.
 * - `[abc]`, `[a-z]`, `[!a]` / `[^a]` match one character but `/`; a range written backwards (`[z-a]`) matches
 *   nothing; a `[` without its `]` is a literal.
 * - With `globstar`, `**` at the end matches everything, and elsewhere any number of whole folders (`**.env`
 *   is `.env` in any folder, as Docker compiles .dockerignore); without it, `**` is `*`.
 * - `\x` is a literal `x` when `escapes` is on.
 */

type Token =
  | { type: 'char'; char: string }
  | { type: 'one' }
  | { type: 'star' }
  /** `**` at the end: anything, `/` included. */
  | { type: 'rest' }
  /** `**` elsewhere (a `/` after it is part of it): nothing, or whole folders (characters that end with `/`). */
  | { type: 'folders' }
  | { type: 'class'; negated: boolean; chars: string; ranges: [string, string][] };

export interface GlobOptions {
  globstar?: boolean;
  escapes?: boolean;
}

export interface Glob {
  /** True when the whole of `text` matches. */
  matches(text: string): boolean;
  /** True when `text` or a folder above it (a prefix that ends before a `/`) matches: an excluded folder takes its contents. */
  matchesOrContains(text: string): boolean;
}

function bracketClass(pattern: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const start = i;
  // A `]` right after the opening (or its negation) is a member, as in every glob dialect.
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i++;
  if (i >= pattern.length) return undefined;
  const body = pattern.slice(start, i);
  const chars: string[] = [];
  const ranges: [string, string][] = [];
  for (let k = 0; k < body.length; k++) {
    const from = body[k] as string;
    if (body[k + 1] === '-' && k + 2 < body.length) {
      ranges.push([from, body[k + 2] as string]);
      k += 2;
    } else chars.push(from);
  }
  return { token: { type: 'class', negated, chars: chars.join(''), ranges }, end: i };
}

function tokenize(pattern: string, options: GlobOptions): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      let run = 1;
      while (pattern[i + run] === '*') run++;
      i += run - 1;
      if (options.globstar && run >= 2) {
        if (i + 1 >= pattern.length) tokens.push({ type: 'rest' });
        else {
          tokens.push({ type: 'folders' });
          if (pattern[i + 1] === '/') i++;
        }
      } else if (tokens.at(-1)?.type !== 'star') tokens.push({ type: 'star' });
    } else if (ch === '?') tokens.push({ type: 'one' });
    else if (ch === '[') {
      const found = bracketClass(pattern, i);
      if (found) {
        tokens.push(found.token);
        i = found.end;
      } else tokens.push({ type: 'char', char: ch });
    } else if (ch === '\\' && options.escapes && i + 1 < pattern.length) {
      i++;
      tokens.push({ type: 'char', char: pattern[i] as string });
    } else tokens.push({ type: 'char', char: ch });
  }
  return tokens;
}

function inClass(token: Extract<Token, { type: 'class' }>, ch: string): boolean {
  const member = token.chars.includes(ch) || token.ranges.some(([from, to]) => from <= ch && ch <= to);
  return member !== token.negated;
}

export function compileGlob(pattern: string, options: GlobOptions = {}): Glob {
  const tokens = tokenize(pattern, options);
  const end = tokens.length;

  /** The states reachable without reading: a star, `**` or a folders token may match nothing. */
  const close = (states: Set<number>): Set<number> => {
    const stack = [...states];
    while (stack.length > 0) {
      const at = stack.pop() as number;
      const token = tokens[at];
      if (token && (token.type === 'star' || token.type === 'rest' || token.type === 'folders') && !states.has(at + 1)) {
        states.add(at + 1);
        stack.push(at + 1);
      }
    }
    return states;
  };

  // Inside a folder name that a folders token is reading, state `-(at + 1)`: it ends only at a `/`.
  const inside = (at: number) => -(at + 1);

  const step = (states: Set<number>, ch: string): Set<number> => {
    const next = new Set<number>();
    for (const at of states) {
      if (at < 0) {
        next.add(ch === '/' ? -at - 1 : at);
        continue;
      }
      const token = tokens[at];
      if (!token) continue;
      switch (token.type) {
        case 'char':
          if (token.char === ch) next.add(at + 1);
          break;
        case 'one':
          if (ch !== '/') next.add(at + 1);
          break;
        case 'class':
          if (ch !== '/' && inClass(token, ch)) next.add(at + 1);
          break;
        case 'star':
          if (ch !== '/') next.add(at);
          break;
        case 'rest':
          next.add(at);
          break;
        case 'folders':
          // A `/` ends a folder name (another may follow); any other character starts one.
          next.add(ch === '/' ? at : inside(at));
          break;
      }
    }
    return close(next);
  };

  const run = (text: string, prefixes: boolean): boolean => {
    let states = close(new Set([0]));
    for (let i = 0; i < text.length; i++) {
      if (prefixes && text[i] === '/' && states.has(end)) return true;
      states = step(states, text[i] as string);
      if (states.size === 0) return false;
    }
    return states.has(end);
  };

  return { matches: (text) => run(text, false), matchesOrContains: (text) => run(text, true) };
}

/** True when `text` matches `pattern` (see compileGlob). */
export function globMatches(pattern: string, text: string, options: GlobOptions = {}): boolean {
  return compileGlob(pattern, options).matches(text);
}
