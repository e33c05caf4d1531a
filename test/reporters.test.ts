/** text, github, markdown, html and json reporters: specific lines, escaping of hostile names, the JSON schema. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../src/engine.ts';
import {
  escapeCommandData,
  escapeCommandProperty,
  escapeHtml,
  escapeMarkdown,
  htmlMessage,
  markdownCode,
  markdownMessage,
  pathToUriReference,
  printable,
} from '../src/reporters/escape.ts';
import { formatGithub } from '../src/reporters/github.ts';
import { formatHtml } from '../src/reporters/html.ts';
import { FORMATS, report } from '../src/reporters/index.ts';
import { formatJson } from '../src/reporters/json.ts';
import { formatMarkdown, MAX_MARKDOWN_ROWS } from '../src/reporters/markdown.ts';
import { formatText } from '../src/reporters/text.ts';
import { hostileResult, NODE_USER_DOCKERFILE, ROOT_DOCKERFILE, resultOf } from './reporter-fixture.ts';

const MESSAGE = 'the final stage (FROM node:22) never sets USER, so the container runs as root: add `USER node` after the last step that needs root';
const DOCS = 'https://github.com/shipready/shipready/blob/main/docs/rules/docker/non-root.md';
const HOSTILE_MESSAGE = 'bad <img src=x onerror=alert(1)> [a](http://x.example) | `</code><script>x</script>|` www.x.example\nnext';

/** Three Dockerfiles: a fails, b passes, c fails; c's finding becomes a warning, and a notice is added. */
function mixedResult(): RunResult {
  const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': NODE_USER_DOCKERFILE, 'c/Dockerfile': ROOT_DOCKERFILE });
  result.findings[1]!.severity = 'warning';
  result.counts = { error: 1, warning: 1, info: 0 };
  result.notices.push({ message: 'helm/templates was skipped: chart templates are not rendered' });
  return result;
}

describe('escape helpers', () => {
  it('escape each format as documented', () => {
    expect(printable('a\nb\u001b[31m')).toBe('a\\u000ab\\u001b[31m');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('a|b <i> [l](u) `c` https://x')).toBe('a\\|b \\<i\\> \\[l\\]\\(u\\) \\`c\\` https\\:\\/\\/x');
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b|c')).toBe('``a`b\\|c``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownMessage('add `USER node` | <b>`')).toBe('add `USER node` \\| \\<b\\>\\`');
    expect(htmlMessage('add `<b>` & `x')).toBe('add <code>&lt;b&gt;</code> &amp; `x');
    expect(escapeCommandData('100% a\r\nb: c,d')).toBe('100%25 a%0D%0Ab: c,d');
    expect(escapeCommandProperty('100% a\r\nb: c,d')).toBe('100%25 a%0D%0Ab%3A c%2Cd');
    expect(pathToUriReference('a b/100%/#x?.Dockerfile')).toBe('a%20b/100%25/%23x%3F.Dockerfile');
  });
});

describe('text', () => {
  it('groups findings by file as `line:col  severity  message  rule-id`', () => {
    const lines = formatText(mixedResult(), { color: false }).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'a/Dockerfile',
      `  1:6  error    ${MESSAGE}  docker/non-root`,
      '',
      'c/Dockerfile',
      `  1:6  warning  ${MESSAGE}  docker/non-root`,
      '',
      'note: helm/templates was skipped: chart templates are not rendered',
    ]);
  });

  it('ends with counts, score, grade, category scores and the rules that cost the most points', () => {
    const lines = formatText(mixedResult(), { color: false }).trimEnd().split('\n');
    expect(lines.slice(-6)).toEqual([
      '2 problems (1 error, 1 warning, 0 info)',
      'Readiness score: 33/100, grade F',
      '  security 33',
      '  5 of 15 weighted checks passed (error 5, warning 2, info 1)',
      '  Costing the most points:',
      '    -66.7  docker/non-root (2 of 3 failed)',
    ]);
  });

  it('lists at most three costly rules, most costly first', () => {
    const result = mixedResult();
    result.score.costs = ['w', 'x', 'y', 'z'].map((id, i) => ({ ruleId: `r/${id}`, points: 40 - i * 10, failed: 1, applicable: 2 }));
    const text = formatText(result, { color: false });
    expect(text).toContain('    -40.0  r/w (1 of 2 failed)\n    -30.0  r/x (1 of 2 failed)\n    -20.0  r/y (1 of 2 failed)\n');
    expect(text).not.toContain('r/z');
  });

  it('--quiet shows errors only', () => {
    const text = formatText(mixedResult(), { color: false, quiet: true });
    expect(text).toContain('a/Dockerfile\n');
    expect(text).not.toContain('c/Dockerfile');
    expect(text).not.toContain('note:');
    expect(text).toContain('Readiness score: 33/100, grade F');
  });

  it('colours only when asked', () => {
    expect(formatText(mixedResult(), { color: false })).not.toContain('\u001b[');
    expect(formatText(mixedResult(), { color: true })).toContain('\u001b[31merror  \u001b[39m');
  });

  it('says there is nothing to assess when no rule applied', () => {
    expect(formatText(resultOf({}), { color: false })).toBe(
      '0 problems (0 errors, 0 warnings, 0 info)\nReadiness score: nothing to assess (no rule applied to this repository)\n',
    );
  });

  it('marks baselined findings, lists suppressed ones apart as accepted with their reasons, and counts both', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE, 'c/Dockerfile': ROOT_DOCKERFILE });
    result.findings[0]!.suppressed = { kind: 'inline', reason: 'dropped by entrypoint' };
    result.findings[1]!.baselined = {};
    result.counts = { error: 1, warning: 0, info: 0 };
    const text = formatText(result, { color: false });
    expect(text).not.toContain('a/Dockerfile\n');
    expect(text).toContain(`  1:6  error    ${MESSAGE} (baselined)  docker/non-root\n`);
    expect(text).toContain('\nAccepted (suppressed in source):\n  a/Dockerfile:1:6  docker/non-root  dropped by entrypoint\n\n');
    expect(text).toContain('1 problem (1 error, 0 warnings, 0 info), 1 suppressed, 1 baselined\n');
    expect(formatText(result, { color: false, quiet: true })).not.toContain('Accepted');
  });

  it('prints control characters in file names and messages visibly', () => {
    const result = hostileResult();
    result.findings[0]!.message = 'clear \u001b[2J screen\r';
    const text = formatText(result, { color: false });
    expect(text).toContain('line\\u000abreak\\u000d::error file=x::pwned/Dockerfile\n');
    expect(text).toContain('clear \\u001b[2J screen\\u000d');
    // No control character but the line feeds that end lines.
    expect([...text].filter((ch) => ch !== '\n' && ch.charCodeAt(0) < 0x20)).toEqual([]);
  });
});

describe('github', () => {
  it('prints one annotation per open finding with position, title and message', () => {
    const lines = formatGithub(mixedResult()).trimEnd().split('\n');
    expect(lines).toEqual([
      `::error file=a/Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=docker/non-root%3A The container runs as a non-root user::${MESSAGE}%0A${DOCS}`,
      `::warning file=c/Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=docker/non-root%3A The container runs as a non-root user::${MESSAGE}%0A${DOCS}`,
      'shipready: readiness 33/100, grade F; 1 error, 1 warning, 0 info',
    ]);
  });

  it('uses ::notice for info and leaves suppressed and baselined findings out', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE, 'c/Dockerfile': ROOT_DOCKERFILE });
    result.findings[0]!.suppressed = { kind: 'inline', reason: 'accepted' };
    result.findings[1]!.baselined = {};
    result.findings[2]!.severity = 'info';
    const lines = formatGithub(result).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::notice file=c\/Dockerfile,line=1,/);
  });

  it('escapes %, :, , and newlines in file names so one finding is one command', () => {
    const result = resultOf({ 'we%ird: a,b\nc/Dockerfile': ROOT_DOCKERFILE });
    result.findings[0]!.message = 'line one\r\nline two 100%';
    const lines = formatGithub(result).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `::error file=we%25ird%3A a%2Cb%0Ac/Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=docker/non-root%3A The container runs as a non-root user::line one%0D%0Aline two 100%25%0A${DOCS}`,
    );
  });

  it('keeps every line a command or a plain log line for hostile names', () => {
    const lines = formatGithub(hostileResult()).trimEnd().split('\n');
    expect(lines).toHaveLength(hostileResult().findings.length + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::error (file=[^,:]*,line=1,col=6,endLine=1,endColumn=13,)?title=docker\/non-root%3A The container runs as a non-root user::/);
    expect(lines).toContain(`::error title=docker/non-root%3A The container runs as a non-root user::${MESSAGE}%0A${DOCS}`); // <stdin>: no file to point at
  });

  it('prefixes paths with the root inside the workspace', () => {
    expect(formatGithub(mixedResult(), { pathPrefix: 'services/api' })).toContain('::error file=services/api/a/Dockerfile,line=1,');
    expect(formatGithub(mixedResult(), { pathPrefix: '.' })).toContain('::error file=a/Dockerfile,line=1,');
  });
});

describe('markdown', () => {
  it('starts with the score and grade, then category scores and what cost the most points', () => {
    const md = formatMarkdown(mixedResult());
    const lines = md.split('\n');
    expect(lines[0]).toBe('## shipready readiness: **33/100**, grade **F**');
    expect(lines[2]).toBe('**2 problems**: 1 error, 1 warning, 0 info');
    expect(md).toContain('| Category | Score |\n| --- | --- |\n| security | 33 |\n');
    expect(md).toContain(`### What cost the most points\n\n| Rule | Points | Failed |\n| --- | --- | --- |\n| [\`docker/non-root\`](${DOCS}) | -66.7 | 2 of 3 |\n`);
    expect(md).toContain('| Severity | File | Line:Col | Message | Rule |');
    expect(md).toContain('- helm\\/templates was skipped\\: chart templates are not rendered');
  });

  it('says there is nothing to assess', () => {
    expect(formatMarkdown(resultOf({})).split('\n')[0]).toBe('## shipready readiness: nothing to assess \\(no rule applied to this repository\\)');
  });

  it('escapes names and messages so they cannot inject HTML, links or table cells', () => {
    const result = hostileResult();
    for (const f of result.findings) f.message = HOSTILE_MESSAGE;
    const md = formatMarkdown(result);
    const escaped = 'bad \\<img src\\=x onerror\\=alert\\(1\\)\\> \\[a\\]\\(http\\:\\/\\/x\\.example\\) \\| `</code><script>x</script>\\|` www\\.x\\.example\\\\u000anext';
    expect(md).toContain(`| error | \`<script>alert(1)</script>/Dockerfile\` | 1:6 | ${escaped} | [\`docker/non-root\`](${DOCS}) |`);
    expect(md).toContain('| error | `[click](https://evil.example)/Dockerfile` |');
    expect(md).toContain('| error | ``pipe\\|`tick`/Dockerfile`` |');
    expect(md).toContain('| error | `line\\u000abreak\\u000d::error file=x::pwned/Dockerfile` |');
    // Every findings row has exactly the five cells: no unescaped pipe, no line break inside a row.
    const rows = md.split('\n').filter((l) => l.startsWith('| error |'));
    expect(rows).toHaveLength(result.findings.length);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
  });

  it(`caps the findings table at ${MAX_MARKDOWN_ROWS} rows and says how many more there are`, () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < MAX_MARKDOWN_ROWS + 5; i++) files[`svc${String(i).padStart(3, '0')}/Dockerfile`] = ROOT_DOCKERFILE;
    const md = formatMarkdown(resultOf(files));
    expect(md.split('\n').filter((l) => l.startsWith('| error |'))).toHaveLength(MAX_MARKDOWN_ROWS);
    expect(md).toContain('…and 5 more: run shipready locally or use `--format sarif` for all of them.');
  });

  it('marks baselined findings and lists suppressed ones as accepted with their reason', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE });
    result.findings[0]!.suppressed = { kind: 'inline', reason: 'entrypoint drops to <node>' };
    result.findings[1]!.baselined = {};
    const md = formatMarkdown(result);
    expect(md).toContain('| error (baselined) | `b/Dockerfile` |');
    expect(md).toContain(`### Accepted (suppressed in source)\n\n| File | Line:Col | Rule | Reason |\n| --- | --- | --- | --- |\n| \`a/Dockerfile\` | 1:6 | [\`docker/non-root\`](${DOCS}) | entrypoint drops to \\<node\\> |`);
  });
});

describe('html', () => {
  it('is one self-contained page', () => {
    const html = formatHtml(mixedResult());
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|\ssrc=|@import|url\(/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toBe(DOCS);
    expect(html).toContain('<span class="grade">33/100</span> grade <span class="grade">F</span>');
    expect(html).toContain('<h3>a/Dockerfile</h3>');
  });

  it('escapes <script> in file names and messages', () => {
    const result = hostileResult();
    for (const f of result.findings) f.message = `<script>alert("x")</script> ${HOSTILE_MESSAGE}`;
    const html = formatHtml(result);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('<h3>&lt;script&gt;alert(1)&lt;/script&gt;/Dockerfile</h3>');
    expect(html).toContain('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; bad &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<h3>line\\u000abreak\\u000d::error file=x::pwned/Dockerfile</h3>');
  });

  it('says there is nothing to assess', () => {
    expect(formatHtml(resultOf({}))).toContain('<p class="grade">nothing to assess (no rule applied to this repository)</p>');
  });
});

describe('json', () => {
  const schema = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true });
  addFormatsModule.default(ajv);
  const validate = ajv.compile(schema);
  const valid = (text: string) => {
    const value = JSON.parse(text);
    expect(validate(value) ? [] : validate.errors).toEqual([]);
    return value;
  };

  it('keeps the documented shape and validates against schema/report.schema.json', () => {
    const json = valid(formatJson(mixedResult()));
    expect(Object.keys(json).slice(0, 8)).toEqual(['version', 'root', 'score', 'grade', 'categories', 'counts', 'findings', 'evaluations']);
    expect(json).toMatchObject({ root: '/srv/my repo #1', score: 33, grade: 'F', categories: { security: 33 }, counts: { error: 1, warning: 1, info: 0 } });
    expect(json.findings[0]).toEqual({
      ruleId: 'docker/non-root',
      severity: 'error',
      category: 'security',
      file: 'a/Dockerfile',
      line: 1,
      column: 6,
      endLine: 1,
      endColumn: 13,
      message: MESSAGE,
      help: DOCS,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(json.evaluations).toHaveLength(3);
  });

  it('validates with suppressed, baselined and hostile findings, and with nothing to assess', () => {
    const result = hostileResult();
    result.findings[0]!.suppressed = { kind: 'file', reason: 'r', until: '2026-12-31' };
    result.findings[1]!.baselined = { reason: 'later' };
    const json = valid(formatJson(result));
    expect(json.findings[0].suppressed).toEqual({ kind: 'file', reason: 'r', until: '2026-12-31' });
    expect(json.findings[1].baselined).toEqual({ reason: 'later' });
    expect(valid(formatJson(resultOf({})))).toMatchObject({ score: null, grade: null, categories: {}, findings: [], evaluations: [] });
  });

  it('lists what was left out as excluded, with the reason, and says so in one notice', () => {
    const json = valid(formatJson(resultOf({ Dockerfile: 'FROM node:22\n', 'Dockerfile.dev': 'FROM node:22\n', 'e2e/Dockerfile': 'FROM node:22\n' })));
    expect(json.excluded).toEqual([
      { file: 'Dockerfile.dev', reason: 'named for development (Dockerfile.dev)' },
      { file: 'e2e/Dockerfile', reason: 'in a test folder (e2e/)' },
    ]);
    expect(json.findings.map((f: { file: string }) => f.file)).toEqual(['Dockerfile']);
    expect(json.notices.filter((n: { message: string }) => /left out/.test(n.message))).toEqual([
      { message: expect.stringMatching(/^2 artifacts were left out as development, test, example or build-only/) },
    ]);
  });

  it('the schema rejects a report that breaks the documented shape', () => {
    const json = JSON.parse(formatJson(mixedResult()));
    json.findings[0].severity = 'fatal';
    expect(validate(json)).toBe(false);
  });
});

describe('report', () => {
  it('renders every format', () => {
    for (const format of FORMATS) expect(report(format, mixedResult(), { color: false, quiet: false }).length).toBeGreaterThan(0);
  });
});
