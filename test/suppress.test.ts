/** Inline suppressions: syntax per comment style, reasons, expiry, unknown ids, unused suppressions, the score. */
import { describe, expect, it } from 'vitest';
import nonRoot from '../rules/docker/non-root/rule.ts';
import { classifyByName } from '../src/classify.ts';
import { defaultConfig, type ResolvedConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { analyze, type RunResult } from '../src/engine.ts';
import { defineRule, ENGINE_RULES, type Rule } from '../src/rule.ts';
import { applySuppressions } from '../src/suppress.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

/** A test rule: one subject per file, a finding at every `FLAG` (stands in for rules on any file kind). */
const flag = defineRule({
  id: 'test/flag',
  title: 'No line says FLAG',
  category: 'operations',
  severity: 'warning',
  rationale: 'test',
  fix: 'test',
  appliesTo: ['yaml', 'env', 'source', 'shell', 'dockerfile', 'package-json'],
  messages: { flagged: (_: object) => 'FLAG found: remove it' },
  check({ project, subject }) {
    for (const file of project.files) {
      const report = subject(file.path);
      file.lines.forEach((text, i) => {
        const column = text.indexOf('FLAG');
        if (column !== -1) report.report('flagged', {}, { file: file.path, line: i + 1, column: column + 1, endLine: i + 1, endColumn: column + 5 });
      });
    }
  },
});

const RULES: readonly Rule[] = [nonRoot, flag];
const KNOWN = new Set([...RULES.map((r) => r.id), ...Object.keys(ENGINE_RULES)]);

function lint(files: Record<string, string>, options: { config?: ResolvedConfig; now?: Date; suppress?: boolean } = {}): RunResult {
  const config = options.config ?? defaultConfig();
  const now = options.now ?? NOW;
  return analyze({
    root: '/repo',
    files: Object.entries(files).map(([path, text]) => makeSourceFile(path, classifyByName(path) ?? 'other', text)),
    rules: RULES,
    config,
    now,
    postprocess: options.suppress === false ? undefined : (findings, project) => applySuppressions(findings, project, now, KNOWN, config),
  });
}

const open = (r: RunResult) => r.findings.filter((f) => !f.suppressed);
const unused = (r: RunResult) => r.findings.filter((f) => f.ruleId === 'shipready/unused-suppression');

describe('inline suppression in a Dockerfile', () => {
  const dockerfile = ['FROM node:22-slim', 'WORKDIR /app', '# shipready-ignore docker/non-root -- runs under gVisor, see ADR-12', 'USER root', ''].join('\n');

  it('suppresses the finding on the next line and keeps it, marked, in the result', () => {
    const result = lint({ Dockerfile: dockerfile });
    const finding = result.findings.find((f) => f.ruleId === 'docker/non-root');
    expect(finding?.line).toBe(4);
    expect(finding?.suppressed).toEqual({ kind: 'inline', reason: 'runs under gVisor, see ADR-12' });
    expect(open(result)).toEqual([]);
    expect(result.counts).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('counts the suppressed evaluation as passed (accepted) in the score', () => {
    const suppressed = lint({ Dockerfile: dockerfile });
    const plain = lint({ Dockerfile: dockerfile }, { suppress: false });
    const evaluation = suppressed.evaluations.find((e) => e.ruleId === 'docker/non-root');
    expect(evaluation).toMatchObject({ outcome: 'fail', accepted: true });
    expect(suppressed.score.score).toBe(100);
    expect(plain.score.score).toBeLessThan(100);
    expect(plain.score.costs.map((c) => c.ruleId)).toContain('docker/non-root');
    expect(suppressed.score.costs.map((c) => c.ruleId)).not.toContain('docker/non-root');
  });

  it('lets stacked suppression comments all apply to the first line after them', () => {
    const text = ['FROM node:22-slim', '# shipready-ignore docker/non-root -- sandboxed', '# shipready-ignore test/flag -- fixture', 'USER root # FLAG', ''].join('\n');
    const result = lint({ Dockerfile: text });
    expect(open(result)).toEqual([]);
  });

  it('does not apply across a blank line', () => {
    const text = ['FROM node:22-slim', '# shipready-ignore docker/non-root -- sandboxed', '', 'USER root', ''].join('\n');
    const result = lint({ Dockerfile: text });
    expect(open(result).map((f) => [f.ruleId, f.line])).toEqual([
      ['shipready/unused-suppression', 2],
      ['docker/non-root', 4],
    ]);
  });

  it('covers every line of the multi-line instruction below it (continuations, heredocs), and only that instruction', () => {
    const text = [
      'FROM node:22-slim',
      'USER node',
      '# shipready-ignore test/flag -- continued instruction',
      'RUN echo one \\',
      '  && echo FLAG',
      '# shipready-ignore test/flag -- heredoc body',
      'RUN <<EOF',
      'echo FLAG',
      'EOF',
      'RUN echo FLAG',
      '',
    ].join('\n');
    const result = lint({ Dockerfile: text });
    expect(open(result).map((f) => [f.ruleId, f.line])).toEqual([['test/flag', 10]]);
    expect(result.findings.filter((f) => f.suppressed).map((f) => f.line)).toEqual([5, 8]);
    const unusedText = ['FROM node:22-slim', 'USER node', '# shipready-ignore test/flag -- nothing here', 'RUN echo one \\', '  && echo two', ''].join('\n');
    expect(unused(lint({ Dockerfile: unusedText }))[0]?.message).toBe(
      'shipready-ignore test/flag suppressed nothing: there is no test/flag finding on lines 4-5, the instruction it applies to; delete it',
    );
  });

  it('reports a trailing suppression, which Docker would read as part of the instruction', () => {
    const result = lint({ Dockerfile: 'FROM node:22-slim\nUSER root # shipready-ignore docker/non-root -- sandboxed\n' });
    expect(result.findings.find((f) => f.ruleId === 'docker/non-root')?.suppressed).toBeUndefined();
    expect(unused(result)).toHaveLength(1);
    expect(unused(result)[0]).toMatchObject({ line: 2, column: 11, severity: 'warning' });
    expect(unused(result)[0]?.message).toMatch(/only at the start of a line.*move it to its own line above/);
  });
});

describe('comment syntax per file', () => {
  it('YAML: at the end of the line, and on the line before', () => {
    const result = lint({
      'app.yaml': ['a: FLAG # shipready-ignore test/flag -- fixture value', '# shipready-ignore test/flag -- second fixture', 'b: FLAG', ''].join('\n'),
    });
    expect(open(result)).toEqual([]);
    expect(result.findings.filter((f) => f.suppressed)).toHaveLength(2);
  });

  it('YAML: never inside a quoted or block scalar', () => {
    const result = lint({
      'app.yaml': ['a: "FLAG # shipready-ignore test/flag -- not a comment"', 'b: |', '  # shipready-ignore test/flag -- text, not a comment', '  FLAG', ''].join('\n'),
    });
    expect(open(result).map((f) => [f.ruleId, f.line])).toEqual([
      ['test/flag', 1],
      ['test/flag', 4],
    ]);
  });

  it('env files: `#` after whitespace, not inside quotes or glued to a value', () => {
    const result = lint({
      '.env.production': ['A=FLAG # shipready-ignore test/flag -- documented default', 'B="FLAG # shipready-ignore test/flag -- quoted"', 'C=FLAG#shipready-ignore test/flag -- glued', ''].join('\n'),
    });
    expect(open(result).map((f) => f.line)).toEqual([2, 3]);
  });

  it('JS/TS: `//` comments, never inside strings or template literals', () => {
    const result = lint({
      'src/server.ts': [
        'const a = "FLAG"; // shipready-ignore test/flag -- test value',
        'const b = "FLAG // shipready-ignore test/flag -- a string";',
        'const c = `FLAG // shipready-ignore test/flag -- a template`;',
        '// shipready-ignore test/flag -- next line',
        'const d = "FLAG";',
        '',
      ].join('\n'),
    });
    expect(open(result).map((f) => f.line)).toEqual([2, 3]);
  });

  it('JS/TS: never inside a regular expression or the code of a template, always in a block comment', () => {
    const result = lint({
      'src/server.ts': [
        'const a = /https?:\\/\\/FLAG \\/\\/ shipready-ignore test\\/flag -- a regex/.test(x) && "FLAG";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own template literal
        'const b = `${x ? "FLAG" : `// shipready-ignore test/flag -- nested`}`;',
        'const c = total / count / 2; const d = "FLAG"; /* shipready-ignore test/flag -- after a division */',
        '/* shipready-ignore test/flag -- a block above */',
        'const e = "FLAG";',
        '',
      ].join('\n'),
    });
    expect(open(result).map((f) => f.line)).toEqual([1, 2]);
  });

  it('JS: the comment scan stays linear on input that makes a parser recover again and again', () => {
    const labels = `${'k:\n'.repeat(1600)}const a = "FLAG"; // shipready-ignore test/flag -- after many labels\n`;
    const start = performance.now();
    const result = lint({ 'src/labels.js': labels });
    expect(open(result)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it('JS: a file the parser cannot read still has its line comments read', () => {
    const result = lint({ 'src/broken.js': 'const a = "FLAG" // shipready-ignore test/flag -- fixture\nfunction (\n' });
    expect(open(result)).toEqual([]);
  });

  it('`#` comments are not `//` comments and vice versa', () => {
    const result = lint({ 'src/a.ts': 'const a = "FLAG"; # shipready-ignore test/flag -- wrong syntax\n' });
    expect(open(result).map((f) => f.ruleId)).toEqual(['test/flag']);
  });

  it('JSON files cannot carry suppressions', () => {
    const result = lint({ 'package.json': '{ "name": "FLAG", "x": "# shipready-ignore test/flag -- no" }\n' });
    expect(open(result).map((f) => f.ruleId)).toEqual(['test/flag']);
  });
});

describe('file-wide suppression', () => {
  it('suppresses the rule anywhere in the file, and only that rule', () => {
    const result = lint({
      'app.yaml': ['a: FLAG', 'b: 2', '# shipready-ignore-file test/flag -- generated fixture', 'c: FLAG', ''].join('\n'),
      'other.yaml': 'd: FLAG\n',
    });
    expect(result.findings.filter((f) => f.suppressed).map((f) => [f.file, f.line, f.suppressed?.kind])).toEqual([
      ['app.yaml', 1, 'file'],
      ['app.yaml', 4, 'file'],
    ]);
    expect(open(result).map((f) => f.file)).toEqual(['other.yaml']);
  });
});

describe('suppressions that do not do their job', () => {
  it('without a reason: suppresses nothing and is reported', () => {
    const result = lint({ 'app.yaml': 'a: FLAG # shipready-ignore test/flag\nb: FLAG # shipready-ignore test/flag --   \n' });
    expect(open(result).filter((f) => f.ruleId === 'test/flag')).toHaveLength(2);
    expect(unused(result).map((f) => f.message)).toEqual([
      'shipready-ignore test/flag has no reason, so it suppresses nothing: say why the risk is accepted after `--` (`-- <reason>`)',
      'shipready-ignore test/flag has no reason, so it suppresses nothing: say why the risk is accepted after `--` (`-- <reason>`)',
    ]);
  });

  it('naming an unknown rule: says which rule was probably meant', () => {
    const result = lint({ Dockerfile: 'FROM node:22-slim\n# shipready-ignore docker/non-rot -- sandboxed\nUSER root\n' });
    expect(unused(result).map((f) => f.message)).toEqual(['shipready-ignore names docker/non-rot, which is not a shipready rule: did you mean docker/non-root?']);
    expect(result.findings.find((f) => f.ruleId === 'docker/non-root')?.suppressed).toBeUndefined();
  });

  it('that suppressed nothing: a warning at the comment, naming the line it applies to', () => {
    const result = lint({ 'app.yaml': 'a: 1\n  # shipready-ignore test/flag -- stale\nb: 2\n' });
    expect(unused(result)).toHaveLength(1);
    expect(unused(result)[0]).toMatchObject({ file: 'app.yaml', line: 2, column: 3, endColumn: 40, severity: 'warning', category: 'operations' });
    expect(unused(result)[0]?.message).toBe('shipready-ignore test/flag suppressed nothing: there is no test/flag finding on line 3, the line it applies to; delete it');
  });

  it('listing several rules: reports only the rule that matched nothing', () => {
    const result = lint({ Dockerfile: 'FROM node:22-slim\n# shipready-ignore docker/non-root, test/flag -- sandboxed\nUSER root\n' });
    expect(open(result).map((f) => f.message)).toEqual([
      'shipready-ignore test/flag suppressed nothing: there is no test/flag finding on line 3, the line it applies to; remove test/flag from it',
    ]);
  });

  it('a file-wide suppression that matched nothing', () => {
    const result = lint({ 'app.yaml': '# shipready-ignore-file test/flag -- generated\na: 1\n' });
    expect(unused(result).map((f) => f.message)).toEqual(['shipready-ignore-file test/flag suppressed nothing: there is no test/flag finding in this file; delete it']);
  });

  it('for a rule that is off in the config: says so', () => {
    const config = defaultConfig();
    config.rules.set('test/flag', { severity: 'off' });
    const result = lint({ 'app.yaml': 'a: FLAG # shipready-ignore test/flag -- fixture\n' }, { config });
    expect(unused(result).map((f) => f.message)).toEqual(['shipready-ignore test/flag suppresses nothing: test/flag is off in the config; delete this suppression']);
  });

  it('an unknown directive form and one without rule ids', () => {
    const result = lint({ 'app.yaml': 'a: FLAG # shipready-ignore-next-line test/flag -- x\nb: 1 # shipready-ignore -- why\n' });
    expect(unused(result).map((f) => f.message)).toEqual([
      '`shipready-ignore-next-line` is not a suppression: write `shipready-ignore <rule-id> -- <reason>`',
      '`shipready-ignore` needs the rule ids it suppresses, separated by commas, then `-- <reason>`: write `shipready-ignore <rule-id>[,<rule-id>] -- <reason>`',
    ]);
  });

  it('a mention of shipready-ignore inside a comment is not a suppression', () => {
    const result = lint({ 'app.yaml': '# we do not use shipready-ignore here\na: 1\n' });
    expect(result.findings).toEqual([]);
  });

  it('unused-suppression findings follow the config like any rule', () => {
    const config = defaultConfig();
    config.rules.set('shipready/unused-suppression', { severity: 'off' });
    expect(lint({ 'app.yaml': 'a: 1 # shipready-ignore test/flag\n' }, { config }).findings).toEqual([]);
    config.rules.set('shipready/unused-suppression', { severity: 'error' });
    expect(unused(lint({ 'app.yaml': 'a: 1 # shipready-ignore test/flag\n' }, { config }))[0]?.severity).toBe('error');
  });
});

describe('expiry', () => {
  const text = 'a: FLAG # shipready-ignore test/flag -- vendor fix pending until 2026-06-30\n';

  it('suppresses through the until date (inclusive) and records it', () => {
    for (const now of [NOW, new Date('2026-06-30T23:59:59Z')]) {
      const result = lint({ 'app.yaml': text }, { now });
      expect(result.findings[0]?.suppressed).toEqual({ kind: 'inline', reason: 'vendor fix pending', until: '2026-06-30' });
      expect(unused(result)).toEqual([]);
    }
  });

  it('after the date: stops suppressing and says it expired', () => {
    const result = lint({ 'app.yaml': text }, { now: new Date('2026-07-01T00:00:00Z') });
    expect(open(result).map((f) => [f.ruleId, f.line])).toEqual([
      ['test/flag', 1],
      ['shipready/unused-suppression', 1],
    ]);
    expect(unused(result)[0]?.message).toBe(
      'shipready-ignore test/flag expired on 2026-06-30, so its findings are reported again: fix them, or set a new `until` date if the risk is still accepted',
    );
  });

  it('`until` followed by words is part of the reason', () => {
    const result = lint({ 'app.yaml': 'a: FLAG # shipready-ignore test/flag -- kept until Friday\n' });
    expect(result.findings[0]?.suppressed).toEqual({ kind: 'inline', reason: 'kept until Friday' });
  });

  it('an impossible date suppresses nothing', () => {
    const result = lint({ 'app.yaml': 'a: FLAG # shipready-ignore test/flag -- later until 2026-02-30\n' });
    expect(open(result).map((f) => f.ruleId)).toEqual(['test/flag', 'shipready/unused-suppression']);
    expect(unused(result)[0]?.message).toMatch(/`until 2026-02-30` is not a date/);
  });
});
