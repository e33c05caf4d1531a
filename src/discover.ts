/**
 * Discovery: walk the root, honour .gitignore files and config `ignore` globs, skip node_modules,
 * .git, non-regular files and oversized files, never leave the root through a symbolic link,
 * never loop, and read every file of a known kind as text. Every input bound of the run lives
 * here (size, depth, entries, YAML structure), so the parsers after it only ever see bounded text.
 */
import { closeSync, constants, type Dirent, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { ignoreRules } from './model/ignore-rules.ts';
import { Lexer } from 'yaml';
import { classifyByName, commentSyntaxOf, looksLikeKnownYaml } from './classify.ts';
import type { ArtifactKind, Notice, SourceFile } from './types.ts';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Bounds that keep a hostile tree from exhausting the run. */
const MAX_DEPTH = 64;
const MAX_ENTRIES = 200_000;
/**
 * YAML and JSON are parsed with the `yaml` package, whose parser holds every open collection and
 * every token of a document in memory: ten thousand nested `[` cost it seconds, five million run it
 * out of memory. Real configuration nests a few dozen levels and a 1 MB manifest has ~250k tokens.
 */
export const MAX_YAML_DEPTH = 256;
export const MAX_YAML_TOKENS = 250_000;
/** The `yaml` lexer's control tokens (document start, flow error end, scalar marker): they take no room in the text. */
const SCALAR_TOKEN = '\x1f';
const LEXER_CONTROL_TOKENS = new Set(['\x02', '\x18', SCALAR_TOKEN]);
/** Decodes UTF-8: a leading BOM is dropped (as git does for .gitignore), invalid bytes become U+FFFD. */
const UTF8 = new TextDecoder('utf-8');
const EXCLUDE_HINT = ' (exclude it with `ignore` in .shipready.yml if it is generated)';
const NOT_REGULAR = 'not a regular file (a FIFO, socket or device), not read';
/**
 * Tighter size caps for kinds whose real files are small and whose parsers cost far more than linear
 * time and memory on pathological text: dockerfile-ast takes 10 s and 2.5 GB for a 4 MiB RUN of words,
 * the shell parser 7 s and 1.5 GB for 4 MiB of nested `$(`. At 256 KiB each stays under a second.
 */
const KIND_CAPS: Partial<Record<ArtifactKind, { bytes: number; name: string }>> = {
  dockerfile: { bytes: 256 * 1024, name: 'a Dockerfile' },
  dockerignore: { bytes: 256 * 1024, name: 'a .dockerignore' },
  shell: { bytes: 256 * 1024, name: 'a shell script' },
  nginx: { bytes: 256 * 1024, name: 'an nginx config' },
  systemd: { bytes: 256 * 1024, name: 'a systemd unit' },
};
/** Kinds whose text is parsed with the `yaml` package (JSON is YAML 1.2 flow). */
const YAML_PARSED_KINDS = new Set<ArtifactKind>(['yaml', 'kustomization', 'app-config', 'package-json']);

export interface DiscoverOptions {
  root: string;
  /** Extra ignore globs (gitignore syntax, relative to the root). */
  ignore?: readonly string[];
  maxFileBytes?: number;
  /**
   * What git tracks, when the root is in a work tree: a tracked file is read even when a `.gitignore` matches it
   * (git ignores only untracked files), and a folder that holds one is walked. Config `ignore` always applies.
   */
  tracked?: { file(path: string): boolean; dir(path: string): boolean };
}

/** A file of a known kind that could not be used: becomes a finding. */
export interface FileProblem {
  path: string;
  kind: 'parse-error' | 'skipped';
  reason: string;
  line?: number;
  column?: number;
}

export interface Discovery {
  files: SourceFile[];
  problems: FileProblem[];
  notices: Notice[];
}

/** Decodes file text: strips a UTF-8 BOM, splits CRLF/CR/LF lines. */
export function makeSourceFile(path: string, kind: ArtifactKind, text: string): SourceFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { path, kind, text: body, lines: body.split(/\r\n|\r|\n/), comment: commentSyntaxOf(kind, path) };
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The quick answer for most files: every token takes at least one character (bar one control token
 * before each scalar), and only `[`, `{`, `-`, `?` and `:` open a level, so a short text with few
 * of them cannot break either bound and needs no lexing.
 */
function withinBoundsByCharacters(text: string): boolean {
  if (2 * text.length + 16 >= MAX_YAML_TOKENS) return false;
  let openers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x5b || c === 0x7b || c === 0x2d || c === 0x3f || c === 0x3a) && ++openers > MAX_YAML_DEPTH) return false;
  }
  return true;
}

/**
 * Bounds the structure of YAML/JSON text before any parser sees it, with the `yaml` package's own
 * lexer (linear, constant memory): nesting depth — flow collections plus the block indicators
 * (`- `, `? `, `: `) that open collections on one line — and the number of tokens.
 */
export function yamlStructureProblem(path: string, text: string): FileProblem | undefined {
  if (withinBoundsByCharacters(text)) return undefined;
  let depth = 0;
  let lineDepth = 0;
  let tokens = 0;
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (++tokens > MAX_YAML_TOKENS) {
      return { path, kind: 'skipped', reason: `more than ${MAX_YAML_TOKENS} YAML tokens, too many to analyse${EXCLUDE_HINT}` };
    }
    if (scalarNext) {
      // The text of a scalar: `-`, `[` or `:` inside it are characters, not structure.
      scalarNext = false;
    } else if (token === SCALAR_TOKEN) {
      scalarNext = true;
    } else if (token === '[' || token === '{') {
      depth++;
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    } else if (token === '\n' || token === '\r\n') {
      lineDepth = 0;
    } else if (depth === 0 && (token === '-' || token === '?' || token === ':')) {
      lineDepth++;
    }
    if (depth + lineDepth > MAX_YAML_DEPTH) {
      return { path, kind: 'parse-error', reason: `nested deeper than ${MAX_YAML_DEPTH} levels`, ...lineColumnAt(text, offset) };
    }
    if (!LEXER_CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return undefined;
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/**
 * JavaScript and TypeScript may hold a raw NUL in a string literal; a file with many is not source but binary
 * data under a source extension (an MPEG transport stream named `.ts`): not a file shipready reads.
 */
function binarySource(bytes: Uint8Array): boolean {
  let nuls = 0;
  for (const b of bytes.subarray(0, 8000)) if (b === 0 && ++nuls > 4) return true;
  return false;
}

/**
 * Turns the bytes of a file of a known kind into a SourceFile, or says why it can't be used:
 * binary or UTF-16 content, or YAML/JSON beyond the structure bounds. Invalid UTF-8 is decoded
 * with replacement characters (positions stay right; the parsers report what then doesn't parse).
 */
export function decodeSourceFile(path: string, kind: ArtifactKind, bytes: Uint8Array): SourceFile | FileProblem | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { path, kind: 'parse-error', reason: 'UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8' };
  }
  if (kind === 'source') return binarySource(bytes) ? undefined : makeSourceFile(path, kind, UTF8.decode(bytes));
  if (hasNul(bytes)) return { path, kind: 'parse-error', reason: 'binary content (NUL bytes) in a file named like a text artifact' };
  const file = makeSourceFile(path, kind, UTF8.decode(bytes));
  const problem = YAML_PARSED_KINDS.has(kind) ? yamlStructureProblem(path, file.text) : undefined;
  // YAML of no kind shipready reads (an OpenAPI spec, test data) is not worth a finding when it cannot be read.
  if (problem && kind === 'yaml' && !looksLikeKnownYaml(path, file.text)) return undefined;
  return problem ?? file;
}

function noticeOn(file: string, message: string): Notice {
  return { file, message: `${file}: ${message}` };
}

function sizeText(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'bytes'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * Reads a regular file of at most `maxBytes` bytes. Returns undefined when the path is not a regular
 * file, its size when it is over the limit. O_NONBLOCK: a FIFO put in a file's place after the walk
 * is opened without waiting for a writer, seen for what it is, and closed. Synchronous on purpose:
 * for many small files it costs half the CPU of the promise API's thread-pool round trips.
 */
export function readRegularFile(abs: string, maxBytes: number): Uint8Array | number | undefined {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > maxBytes) return st.size;
    const bytes = new Uint8Array(st.size);
    let length = 0;
    while (length < bytes.length) {
      const bytesRead = readSync(fd, bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return bytes.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** .gitignore files in effect for a folder, the nearest last: the nearest file that decides wins (git's order). */
interface IgnoreScope {
  dir: string;
  matcher: Ignore;
}

/** A folder still to walk: its real path, the path it is reported under, and the ignore files above it. */
interface Folder {
  real: string;
  rel: string;
  scopes: IgnoreScope[];
  depth: number;
}

/** True when `path` is `base` or lies below it (both absolute; no link is followed here). */
export function isWithin(base: string, path: string): boolean {
  const rel = relative(base, path);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || /^[a-zA-Z]:/.test(rel) || isAbsolute(rel));
}

/**
 * Walks the root and reads every file of a known kind. Synchronous inside (see readRegularFile);
 * async in signature so callers need not change should the walk ever want parallel I/O.
 */
export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const root = realpathSync(options.root);
  const files: SourceFile[] = [];
  const problems: FileProblem[] = [];
  const notices: Notice[] = [];
  const configIgnore = ignoreRules(options.ignore ?? []).matcher;
  const visited = new Set<string>();
  /** Folders reached through a link: walked after the tree itself, so a folder is reported under its real path. */
  const linkedFolders: Folder[] = [];
  let entries = 0;

  const note = (file: string, message: string): void => {
    notices.push(noticeOn(file, message));
  };

  const isIgnored = (rel: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean => {
    const probe = isDir ? `${rel}/` : rel;
    if (configIgnore.ignores(probe)) return true;
    if (options.tracked && (isDir ? options.tracked.dir(rel) : options.tracked.file(rel))) return false;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i] as IgnoreScope;
      const result = scope.matcher.test(scope.dir === '' ? probe : probe.slice(scope.dir.length + 1));
      if (result.ignored) return true;
      if (result.unignored) return false; // a nearer `!pattern` re-includes what a farther file ignored
    }
    return false;
  };

  const insideRoot = (target: string): boolean => isWithin(root, target);

  /** Resolves a link; its real target and type, or undefined (with a notice) when it must not be followed. */
  const followLink = (abs: string, rel: string): { real: string; isDir: boolean; isFile: boolean } | undefined => {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (error) {
      const code = errorCode(error);
      note(rel, code === 'ELOOP' ? 'symbolic link loop, skipped' : code === 'ENOENT' ? 'broken symbolic link, skipped' : `symbolic link could not be resolved (${code}), skipped`);
      return undefined;
    }
    if (!insideRoot(real)) {
      note(rel, 'symbolic link to a path outside the scanned root, not followed');
      return undefined;
    }
    const st = statSync(real, { throwIfNoEntry: false });
    return st && { real, isDir: st.isDirectory(), isFile: st.isFile() };
  };

  const readScope = (folder: Folder): IgnoreScope[] => {
    let bytes: Uint8Array | number | undefined;
    try {
      bytes = readRegularFile(join(folder.real, '.gitignore'), maxBytes);
    } catch {
      bytes = undefined;
    }
    // An unreadable, oversized or irregular .gitignore ignores nothing.
    if (!(bytes instanceof Uint8Array)) return folder.scopes;
    const { matcher, skipped } = ignoreRules(UTF8.decode(bytes));
    const file = folder.rel === '' ? '.gitignore' : `${folder.rel}/.gitignore`;
    for (const { line, reason } of skipped) note(file, `line ${line} is ${reason}: it is left out, and what it names is read`);
    return [...folder.scopes, { dir: folder.rel, matcher }];
  };

  const read = (rel: string, abs: string, kind: ArtifactKind): void => {
    // Lockfiles matter by their presence only: never read (a big monorepo's lockfile exceeds any cap).
    if (kind === 'lockfile') {
      files.push(makeSourceFile(rel, kind, ''));
      return;
    }
    const kindCap = KIND_CAPS[kind];
    const cap = kindCap && kindCap.bytes < maxBytes ? kindCap : undefined;
    let bytes: Uint8Array | number | undefined;
    try {
      bytes = readRegularFile(abs, cap?.bytes ?? maxBytes);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' && rel.includes('\ufffd')) note(rel, 'file name is not valid UTF-8, not read');
      else problems.push({ path: rel, kind: 'parse-error', reason: `the file is not readable (${code})` });
      return;
    }
    if (bytes === undefined) {
      note(rel, NOT_REGULAR);
    } else if (typeof bytes === 'number') {
      // Source that large is a bundle or generated, never the service's own code: not worth a finding.
      if (kind === 'source') return;
      const limit = cap ? `${sizeText(cap.bytes)} size limit for ${cap.name}` : `${sizeText(maxBytes)} size limit`;
      problems.push({ path: rel, kind: 'skipped', reason: `${sizeText(bytes)}, over the ${limit}${EXCLUDE_HINT}` });
    } else {
      const decoded = decodeSourceFile(rel, kind, bytes);
      if (decoded === undefined) return;
      if ('reason' in decoded) problems.push(decoded);
      else files.push(decoded);
    }
  };

  const walk = (folder: Folder): void => {
    if (visited.has(folder.real)) return; // a link loop, or a second way to the same folder
    visited.add(folder.real);
    if (folder.depth > MAX_DEPTH) {
      note(folder.rel, `nested deeper than ${MAX_DEPTH} folders, not read`);
      return;
    }
    let dirents: Dirent[];
    try {
      dirents = readdirSync(folder.real, { withFileTypes: true });
    } catch (error) {
      if (folder.rel === '') throw error; // the root itself: a usage error the CLI reports
      note(folder.rel, `folder could not be read (${errorCode(error)})`);
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(dirents.map((d) => d.name));
    const scopes = names.has('.gitignore') ? readScope(folder) : folder.scopes;
    const isHelmChart = names.has('Chart.yaml') || names.has('Chart.yml');
    for (const dirent of dirents) {
      if (++entries > MAX_ENTRIES) {
        if (entries === MAX_ENTRIES + 1) notices.push({ message: `more than ${MAX_ENTRIES} entries under the root: the rest was not read` });
        return;
      }
      const { name } = dirent;
      const rel = folder.rel === '' ? name : `${folder.rel}/${name}`;
      let real = join(folder.real, name);
      let isDir = dirent.isDirectory();
      let isFile = dirent.isFile();
      const isLink = dirent.isSymbolicLink();
      if (isDir && ALWAYS_SKIPPED_DIRS.has(name)) continue;
      if (isLink) {
        const target = followLink(real, rel);
        if (!target) continue;
        ({ real, isDir, isFile } = target);
      }
      if (isDir) {
        if (isIgnored(rel, true, scopes)) continue;
        if (isHelmChart && name === 'templates') {
          note(rel, 'Helm chart templates are not YAML until rendered, so they were not read (scan the output of `helm template` instead)');
          continue;
        }
        const sub: Folder = { real, rel, scopes, depth: folder.depth + 1 };
        if (isLink) linkedFolders.push(sub);
        else walk(sub);
        continue;
      }
      const kind = classifyByName(rel);
      if (!kind || isIgnored(rel, false, scopes)) continue;
      // FIFOs, sockets and devices are never opened: reading one could block the run forever.
      if (isFile) read(rel, real, kind);
      else note(rel, NOT_REGULAR);
    }
  };

  walk({ real: root, rel: '', scopes: [], depth: 0 });
  for (let i = 0; i < linkedFolders.length; i++) walk(linkedFolders[i] as Folder);
  return { files, problems, notices };
}
