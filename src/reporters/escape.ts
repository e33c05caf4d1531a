/**
 * Escaping for every output format, in one place. File names and messages can carry text from the
 * scanned repository (a file called `<script>.env`, an env key with a newline): each format escapes
 * them here and nowhere else.
 */

/** Terminal and plain text: control characters become visible `\uXXXX` so they cannot drive the terminal. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The longest line shipready writes to standard error: a message quoting 32 KiB of a repository's text is cut. */
const MAX_STDERR_LINE = 1000;

/**
 * Standard error, line by line: control characters made visible, each line cut to a readable length, and no
 * line that begins with `::` (a GitHub runner would execute it as a workflow command). Messages that quote
 * repository text escape it where they quote it (printable), so its newlines never start a line here.
 */
export function stderrText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const shown = printable(line);
      const cut = shown.length > MAX_STDERR_LINE ? `${shown.slice(0, MAX_STDERR_LINE)}…` : shown;
      return cut.startsWith('::') ? ` ${cut}` : cut;
    })
    .join('\n');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Markdown text (also inside a GFM table cell): every ASCII punctuation character is backslash-escaped,
 * which CommonMark allows for all of them. That rules out HTML, links, images, emphasis and autolinks
 * (`https\://`, `www\.`), and `\|` keeps a pipe from splitting the table cell.
 */
export function escapeMarkdown(text: string): string {
  return printable(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * Markdown code span for a literal such as a file name or a rule id: nothing inside is interpreted.
 * The fence is one backtick longer than the longest run inside; pipes are escaped for GFM tables
 * (the table parser removes the backslash before the code span is read).
 */
export function markdownCode(text: string): string {
  const body = printable(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') || body.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A message's `backticked` parts (our messages quote instructions that way) and the text between,
 * so Markdown and HTML can show them as code. Each part is escaped on its own, so a name with
 * stray backticks only changes which parts look like code, never what is interpreted.
 */
function codeParts(text: string): { code: boolean; text: string }[] {
  return text.split(/`([^`\n]+)`/).map((part, i) => ({ code: i % 2 === 1, text: part }));
}

/** A message in Markdown (table cells too): escaped text, with its `backticked` parts as code spans. */
export function markdownMessage(text: string): string {
  return codeParts(text)
    .map((part) => (part.code ? markdownCode(part.text) : escapeMarkdown(part.text)))
    .join('');
}

/** A message in HTML: escaped text, with its `backticked` parts in <code>. */
export function htmlMessage(text: string): string {
  return codeParts(text)
    .map((part) => (part.code ? `<code>${escapeHtml(part.text)}</code>` : escapeHtml(part.text)))
    .join('');
}

/**
 * A URL as a Markdown link destination: whitespace, `<`, `>`, parentheses and backslashes are
 * percent-encoded so the destination cannot end early or turn into more Markdown.
 */
export function markdownUrl(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => (encodeURIComponent(c) === c ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(c)));
}

/** GitHub workflow command message (the part after `::`). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub workflow command property value (`file=`, `title=`): data escaping plus `:` and `,`. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * A root-relative posix path as a relative URI reference: each segment percent-encoded, so spaces,
 * `%`, `#`, `?`, `:` and non-ASCII names stay one path and never become a scheme, query or fragment.
 */
export function pathToUriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
