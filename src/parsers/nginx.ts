/**
 * nginx configuration → directives (name, arguments, nested blocks) with positions, read with
 * nginx's own lexical rules: `#` comments, `"…"`/`'…'` quoted arguments with `\` escapes, `${var}`
 * inside words, `;` ends a directive and `{…}` opens a block. `include` is resolved afterwards,
 * within the repository only (expandIncludes).
 */
import { ancestors, dirname, joinPath } from '../model/project.ts';
import type { Loc, SourceFile } from '../types.ts';
import { compileGlob } from './glob.ts';

export interface NginxArg {
  /** Quotes removed, escapes resolved. */
  value: string;
  loc: Loc;
}

export interface NginxDirective {
  name: string;
  nameLoc: Loc;
  args: NginxArg[];
  /** From the name to the closing `;` or `}`. */
  loc: Loc;
  /** The directives of its `{…}` block (server, location, http, …); undefined for simple directives. */
  block?: NginxDirective[];
}

export interface NginxConfig {
  file: string;
  directives: NginxDirective[];
}

interface Token {
  text: string;
  /** `word` (bare or quoted) or the punctuation `{`, `}`, `;`. */
  type: 'word' | '{' | '}' | ';';
  loc: Loc;
}

function fail(message: string, loc: Loc): never {
  throw Object.assign(new Error(message), { line: loc.line, column: loc.column });
}

function tokenize(source: SourceFile): Token[] {
  const tokens: Token[] = [];
  const text = source.text;
  let line = 1;
  let column = 1;
  let i = 0;
  const advance = () => {
    const ch = text[i];
    i++;
    if (ch === '\n') {
      line++;
      column = 1;
    } else if (!(ch === '\r' && text[i] === '\n')) {
      if (ch === '\r') {
        line++;
        column = 1;
      } else column++;
    }
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      advance();
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') advance();
      continue;
    }
    const start = { line, column };
    const punctuation = (type: '{' | '}') => {
      tokens.push({ text: type, type, loc: { file: source.path, line, column, endLine: line, endColumn: column + 1 } });
      advance();
    };
    if (ch === '{' && tokens.at(-1)?.text.endsWith('_by_lua_block')) {
      // The body is Lua, not nginx syntax: only its braces (outside Lua strings and comments) matter.
      punctuation('{');
      let depth = 1;
      while (i < text.length && depth > 0) {
        const c = text[i] as string;
        if (c === '"' || c === "'") {
          advance();
          while (i < text.length && text[i] !== c) {
            if (text[i] === '\\') advance();
            advance();
          }
        } else if (c === '-' && text[i + 1] === '-') {
          while (i < text.length && text[i] !== '\n') advance();
          continue;
        } else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
        advance();
      }
      if (i >= text.length) fail('unexpected end of file: the block has no closing `}`', (tokens.at(-1) as Token).loc);
      punctuation('}');
      continue;
    }
    if (ch === '{' || ch === '}' || ch === ';') {
      advance();
      tokens.push({ text: ch, type: ch, loc: { file: source.path, line: start.line, column: start.column, endLine: line, endColumn: column } });
      continue;
    }
    let value = '';
    if (ch === '"' || ch === "'") {
      advance();
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\' && i + 1 < text.length) {
          const next = text[i + 1] as string;
          value += next === ch || next === '\\' ? next : `\\${next}`;
          advance();
          advance();
          continue;
        }
        value += text[i];
        advance();
      }
      if (i >= text.length) fail(`unterminated ${ch === '"' ? 'double' : 'single'}-quoted string`, { file: source.path, ...start, endLine: start.line, endColumn: start.column + 1 });
      advance();
    } else {
      while (i < text.length && !/[\s;{}]/.test(text[i] as string)) {
        if (text[i] === '$' && text[i + 1] === '{') {
          while (i < text.length && text[i] !== '}') {
            value += text[i];
            advance();
          }
        }
        if (text[i] === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          advance();
          advance();
          continue;
        }
        if (i < text.length) {
          value += text[i];
          advance();
        }
      }
    }
    tokens.push({ text: value, type: 'word', loc: { file: source.path, line: start.line, column: start.column, endLine: line, endColumn: column } });
  }
  return tokens;
}

export function parseNginx(source: SourceFile): NginxConfig {
  const tokens = tokenize(source);
  let i = 0;
  const parseBlock = (opener: Token | undefined): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (token.type === '}') {
        if (!opener) fail('unexpected `}`', token.loc);
        i++;
        return directives;
      }
      if (token.type !== 'word') fail(`unexpected \`${token.text}\``, token.loc);
      const args: NginxArg[] = [];
      i++;
      while (i < tokens.length && (tokens[i] as Token).type === 'word') {
        const arg = tokens[i] as Token;
        args.push({ value: arg.text, loc: arg.loc });
        i++;
      }
      const end = tokens[i];
      if (!end) fail(`unexpected end of file: \`${token.text}\` needs a closing \`;\``, token.loc);
      const directive: NginxDirective = { name: token.text, nameLoc: token.loc, args, loc: token.loc };
      if (end.type === ';') {
        i++;
        directive.loc = { ...token.loc, endLine: end.loc.endLine, endColumn: end.loc.endColumn };
      } else if (end.type === '{') {
        i++;
        directive.block = parseBlock(end);
        i--;
        const close = tokens[i] as Token;
        i++;
        directive.loc = { ...token.loc, endLine: close.loc.endLine, endColumn: close.loc.endColumn };
      } else fail(`unexpected \`}\`: \`${token.text}\` needs a closing \`;\``, end.loc);
      directives.push(directive);
    }
    if (opener) fail('unexpected end of file: the block has no closing `}`', opener.loc);
    return directives;
  };
  return { file: source.path, directives: parseBlock(undefined) };
}

/**
 * The files an `include` names, among the repository's nginx files. Relative paths are tried from
 * the including file's folder and each folder above it (nginx resolves them from its prefix); an
 * absolute path (`/etc/nginx/conf.d/*.conf`) is matched by its trailing folders (`conf.d/*.conf`).
 */
export function includedFiles(includer: string, pattern: string, files: readonly string[]): string[] {
  const segments = pattern.replace(/^\/+/, '').split('/');
  // A bare file name (`*`) alone would match anything: an absolute path keeps at least its last folder.
  const tails = pattern.startsWith('/') ? segments.map((_, k) => segments.slice(k).join('/')).filter((_, k) => k === 0 || segments.length - k >= 2) : [pattern];
  for (const dir of ancestors(dirname(includer))) {
    for (const tail of tails) {
      const glob = compileGlob(joinPath(dir, tail.replace(/^\.\//, '')));
      const found = files.filter((f) => f !== includer && glob.matches(f)).sort();
      if (found.length > 0) return found;
    }
  }
  return [];
}

/**
 * Replaces every `include` that names files of the repository by their directives (recursively,
 * each directive keeping its own file position). Returns the configs no other config includes:
 * those are the entry points nginx reads.
 */
export function expandIncludes(configs: readonly NginxConfig[]): NginxConfig[] {
  const byFile = new Map(configs.map((c) => [c.file, c]));
  const files = [...byFile.keys()];
  const reached = new Set<string>();
  const expand = (directives: readonly NginxDirective[], from: string, stack: readonly string[]): NginxDirective[] =>
    directives.flatMap((d) => {
      if (d.name === 'include' && d.args[0]) {
        const targets = includedFiles(from, d.args[0].value, files).filter((f) => !stack.includes(f));
        if (targets.length === 0) return [d];
        for (const t of targets) reached.add(t);
        return targets.flatMap((t) => expand(byFile.get(t)?.directives ?? [], t, [...stack, t]));
      }
      return d.block ? [{ ...d, block: expand(d.block, from, stack) }] : [d];
    });
  const includedByOthers = new Set(configs.flatMap((c) => includeTargets(c.directives, c.file, files)));
  // Entry points: files nothing includes, then (for include cycles) nginx.conf first, then path order.
  const order = [...configs].sort((a, b) => rank(a, includedByOthers) - rank(b, includedByOthers) || (a.file < b.file ? -1 : 1));
  const roots: NginxConfig[] = [];
  for (const c of order) {
    if (reached.has(c.file)) continue;
    reached.add(c.file);
    roots.push({ file: c.file, directives: expand(c.directives, c.file, [c.file]) });
  }
  return roots.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function includeTargets(directives: readonly NginxDirective[], from: string, files: readonly string[]): string[] {
  return directives.flatMap((d) =>
    d.name === 'include' && d.args[0] ? includedFiles(from, d.args[0].value, files) : d.block ? includeTargets(d.block, from, files) : [],
  );
}

function rank(config: NginxConfig, includedByOthers: ReadonlySet<string>): number {
  if (!includedByOthers.has(config.file)) return 0;
  return config.file.endsWith('nginx.conf') ? 1 : 2;
}

export type LocationModifier = '' | '=' | '~' | '~*' | '^~' | '@';

/** A `location [modifier] path { … }` block's match: the modifier and the path or regular expression. */
export function locationMatch(directive: NginxDirective): { modifier: LocationModifier; path: string; loc: Loc } | undefined {
  if (directive.name !== 'location' || !directive.args[0]) return undefined;
  const [first, second] = directive.args;
  if (['=', '~', '~*', '^~'].includes(first.value) && second) return { modifier: first.value as LocationModifier, path: second.value, loc: second.loc };
  // `location =/metrics` and `location @name` are written without a space.
  const glued = /^(=|~\*|~|\^~|@)(.+)$/.exec(first.value);
  if (glued) return { modifier: glued[1] as LocationModifier, path: glued[2] as string, loc: first.loc };
  return { modifier: '', path: first.value, loc: first.loc };
}
