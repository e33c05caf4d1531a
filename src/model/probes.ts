/**
 * What a health-check command asks of the container it runs in: the local HTTP requests of `curl`/`wget`
 * URLs, `node -e "http.get('http://localhost:3000/health', …)"` scripts and their `{ port, path }` option
 * objects. Shared by the Docker HEALTHCHECK, compose healthcheck and Kubernetes exec-probe readers.
 */
import type { LocatedWord } from '../parsers/shell.ts';
import type { Loc } from '../types.ts';

/** A port as a check writes it: a number, or an env variable (`$PORT`, `${PORT:-3000}`, `${process.env.PORT || 3000}`) with its fallback. */
export type PortRef = { number: number } | { env: string; fallback?: number };

export interface LocalRequest {
  /** The path without query or fragment (`/` when the URL has none); undefined when the check names only a port. */
  path?: string;
  /** Undefined: the scheme's default (80, 443) applies. */
  port?: PortRef;
  scheme: 'http' | 'https';
  /** The URL (or the whole word when it cannot be placed exactly). */
  loc: Loc;
}

const PORT_TEXT = String.raw`\d+|\$\{[^}]*\}|\$[A-Za-z_]\w*`;
const LOCAL_URL = new RegExp(String.raw`(?:(https?):\/\/)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?![\w.-])(?::(${PORT_TEXT}))?(?![:\w])(\/[^\s'"\x60)<>,;]*)?`, 'gi');
const OPTION_PORT = /\bport\s*:\s*(\d+|process\.env\.(\w+)(?:\s*(?:\|\||\?\?)\s*['"]?(\d+)['"]?)?)/;
const OPTION_PATH = /\bpath\s*:\s*['"](\/[^'"]*)['"]/;

/** `3000`, `$PORT`, `${PORT}`, `${PORT:-3000}`, `${process.env.PORT || 3000}` → a port reference. */
export function portRefOf(text: string): PortRef | undefined {
  if (/^\d+$/.test(text)) return { number: Number(text) };
  const m = /^\$\{?(?:process\.env\.)?([A-Za-z_]\w*)(?:\s*(?::?-|\|\||\?\?)\s*['"]?(\d+)['"]?)?\}?$/.exec(text);
  if (!m) return undefined;
  return { env: m[1] as string, fallback: m[2] === undefined ? undefined : Number(m[2]) };
}

/** The span of `value.slice(start, end)` in the file, when the word is written on one line without escapes; else the word. */
export function spanWithin(word: LocatedWord, start: number, end: number): Loc {
  const { loc, value } = word;
  const quotes = loc.endColumn - loc.column - value.length;
  if (loc.line !== loc.endLine || (quotes !== 0 && quotes !== 2)) return loc;
  const column = loc.column + quotes / 2 + start;
  return { ...loc, column, endColumn: column + (end - start) };
}

function pathOf(raw: string | undefined): string {
  const path = (raw ?? '/').replace(/[?#].*$/, '');
  return path === '' ? '/' : path;
}

/** The requests a check makes to its own container (localhost, 127.0.0.1, 0.0.0.0, [::1]), once each. */
export function localRequests(words: readonly LocatedWord[]): LocalRequest[] {
  const out: LocalRequest[] = [];
  const seen = new Set<string>();
  const add = (request: LocalRequest) => {
    const key = `${request.scheme} ${JSON.stringify(request.port)} ${request.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(request);
  };
  for (const word of words) {
    let found = false;
    for (const m of word.value.matchAll(LOCAL_URL)) {
      // Without a scheme, only a word that is the URL itself (`curl localhost:3000/health`).
      if (m[1] === undefined && (m.index !== 0 || m[0].length !== word.value.length)) continue;
      const port = m[2] === undefined ? undefined : portRefOf(m[2]);
      if (m[2] !== undefined && port === undefined) continue;
      found = true;
      add({ path: pathOf(m[3]), port, scheme: (m[1]?.toLowerCase() ?? 'http') as 'http' | 'https', loc: spanWithin(word, m.index, m.index + m[0].length) });
    }
    // node -e "http.get({ port: 3000, path: '/health' }, …)"
    if (found || !/\bhttps?\b/.test(word.value) || !/\.(?:get|request)\s*\(/.test(word.value)) continue;
    const port = OPTION_PORT.exec(word.value);
    if (!port) continue;
    const path = OPTION_PATH.exec(word.value);
    const ref: PortRef = port[2] ? { env: port[2], fallback: port[3] === undefined ? undefined : Number(port[3]) } : { number: Number(port[1]) };
    add({ path: pathOf(path?.[1]), port: ref, scheme: /\bhttps\b/.test(word.value) ? 'https' : 'http', loc: word.loc });
  }
  return out;
}
