/** Markdown documents → their headings with positions (ATX `## Title` and setext `Title\n===`), outside code fences. */
import type { Loc, SourceFile } from '../types.ts';

export interface MarkdownHeading {
  level: number;
  text: string;
  loc: Loc;
}

export interface MarkdownDoc {
  file: string;
  headings: MarkdownHeading[];
  /**
   * Names written like environment variables (`DATABASE_URL`, `PORT`) in code spans, code blocks and table rows:
   * what the document tells a deployer to set.
   */
  envNames: Set<string>;
  /** URLs the text links to, outside code blocks (`[notes](https://github.com/o/r/releases)`, a bare URL). */
  links: string[];
}

const URL = /https?:\/\/[^\s)<>\]"'`]+/g;

/** `DATABASE_URL`, `PORT`, `NODE_OPTIONS`: capitals, digits and underscores, two characters or more. */
const ENV_NAME = /(?<![\w$.-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![\w$(-])/g;
const CODE_SPAN = /(`+)([^`]+?)\1/g;

function addNames(names: Set<string>, text: string): void {
  for (const m of text.matchAll(ENV_NAME)) if (m[0].length >= 2) names.add(m[0]);
}

export function parseMarkdown(source: SourceFile): MarkdownDoc {
  const headings: MarkdownHeading[] = [];
  const envNames = new Set<string>();
  const links: string[] = [];
  let fence: string | undefined;
  source.lines.forEach((line, i) => {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (!fence || (fenceMark[0] === fence[0] && fenceMark.length >= fence.length))) {
      fence = fence ? undefined : fenceMark;
      return;
    }
    if (fence) {
      addNames(envNames, line);
      return;
    }
    for (const url of line.matchAll(URL)) links.push(url[0]);
    if (/^\s*\|/.test(line)) addNames(envNames, line);
    else for (const span of line.matchAll(CODE_SPAN)) addNames(envNames, span[2] as string);
    const atx = /^( {0,3})(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    const at = (text: string, column: number, row: number): MarkdownHeading['loc'] => ({ file: source.path, line: row, column, endLine: row, endColumn: column + text.length });
    if (atx) {
      const text = (atx[3] ?? '').trim();
      headings.push({ level: (atx[2] as string).length, text, loc: at(line.trim(), (atx[1] as string).length + 1, i + 1) });
      return;
    }
    const previous = source.lines[i - 1];
    if (i > 0 && previous !== undefined && previous.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*$/.test(line) && !/^ {0,3}(?:[-*+] |#|>|`{3}|~{3})/.test(previous)) {
      const text = previous.trim();
      // The underline belongs to the heading above; a paragraph line directly above it would make it one too.
      if (!headings.some((h) => h.loc.line === i)) headings.push({ level: line.trim().startsWith('=') ? 1 : 2, text, loc: at(text, previous.length - previous.trimStart().length + 1, i) });
    }
  });
  return { file: source.path, headings, envNames, links };
}
