/** The GitHub Action's modules and runAction() in process, with @actions/core mocked. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import nonRoot from '../rules/docker/non-root/rule.ts';
import { ACTION_END, ACTION_START, withActionTable } from '../scripts/action-docs.ts';
import { PER_LEVEL, planAnnotations } from '../src/action/annotations.ts';
import { parseGitDiff, parsePatch, scopeOf, unquoteGitPath } from '../src/action/changes.ts';
import { COMMENT_LIMIT, COMMENT_MARKER, commentBody } from '../src/action/comment.ts';
import { changePhrase, runAction } from '../src/action/run.ts';
import { makeBaseline } from '../src/baseline.ts';
import { lint } from '../src/lint.ts';
import { blobLink, summaryMarkdown } from '../src/action/summary.ts';
import type { GateResult } from '../src/gate.ts';
import { hostileResult, NODE_USER_DOCKERFILE, NOW, ROOT_DOCKERFILE, resultOf } from './reporter-fixture.ts';
import { gitRepository } from './git-fixture.ts';

const inputs = new Map<string, string>();
vi.mock('@actions/core', () => ({
  getInput: vi.fn((name: string) => inputs.get(name) ?? ''),
  error: vi.fn(),
  warning: vi.fn(),
  notice: vi.fn(),
  info: vi.fn(),
  startGroup: vi.fn(),
  endGroup: vi.fn(),
  setOutput: vi.fn(),
  setFailed: vi.fn(),
  summary: { addRaw: vi.fn().mockReturnThis(), write: vi.fn().mockResolvedValue(undefined) },
}));
const core = await import('@actions/core');

describe('changed lines', () => {
  it('parses an API patch: added lines, and hunks with their context', () => {
    const patch = ['@@ -1,4 +1,5 @@', ' FROM node:22', '-RUN a', '+RUN b', '+RUN c', ' WORKDIR /app', ' CMD x', '@@ -20,0 +22,1 @@', '+USER node', '\\ No newline at end of file'];
    expect(parsePatch(patch)).toEqual({ whole: false, added: [[2, 3], [22, 22]], hunks: [[1, 8], [19, 25]] });
  });

  it('parses git diff --unified=0 with renames, quoted names and content that looks like a header', () => {
    const diff = [
      'diff --git a/Dockerfile b/Dockerfile',
      'index 1..2 100644',
      '--- a/Dockerfile',
      '+++ b/Dockerfile',
      '@@ -2 +2,2 @@',
      '-RUN a',
      '+++ not a header',
      '+RUN c',
      '@@ -9,2 +10,0 @@',
      '-x',
      '-y',
      'diff --git a/old.yml b/new.yml',
      'similarity index 100%',
      'rename from old.yml',
      'rename to new.yml',
      'diff --git "a/we\\"ird\\n\\303\\251" "b/we\\"ird\\n\\303\\251"',
      '--- /dev/null',
      '+++ "b/we\\"ird\\n\\303\\251"',
      '@@ -0,0 +1 @@',
      '+FROM node',
      'diff --git a/gone b/gone',
      '--- a/gone',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
    ].join('\n');
    const changes = parseGitDiff(diff);
    expect([...changes.keys()]).toEqual(['Dockerfile', 'new.yml', 'we"ird\né']);
    expect(changes.get('Dockerfile')).toEqual({ whole: false, added: [[2, 3]], hunks: [[1, 6], [8, 13]] });
    expect(changes.get('new.yml')).toEqual({ whole: false, added: [], hunks: [] });
    expect(changes.get('we"ird\né')?.added).toEqual([[1, 1]]);
    expect(unquoteGitPath('plain name')).toBe('plain name');
  });

  it('reads names with a space, which git ends with a tab on the +++ line', () => {
    const diff = [
      'diff --git a/dir with space/Dockerfile b/dir with space/Dockerfile',
      '--- a/dir with space/Dockerfile\t',
      '+++ b/dir with space/Dockerfile\t',
      '@@ -1 +1 @@',
      '-FROM node:20',
      '+FROM node:22',
      'diff --git "a/we%ird: a,b\\nc/Dockerfile" "b/we%ird: a,b\\nc/Dockerfile"',
      '--- /dev/null',
      '+++ "b/we%ird: a,b\\nc/Dockerfile"\t',
      '@@ -0,0 +1 @@',
      '+FROM node:22',
    ].join('\n');
    expect([...parseGitDiff(diff).keys()]).toEqual(['dir with space/Dockerfile', 'we%ird: a,b\nc/Dockerfile']);
  });

  it('puts findings in scope by filter mode; without changes every finding is in scope', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE, 'c/Dockerfile': ROOT_DOCKERFILE });
    const [a, b, c] = result.findings;
    const changes = new Map([
      ['a/Dockerfile', { whole: false, added: [[1, 1] as const], hunks: [[1, 4] as const] }],
      ['b/Dockerfile', { whole: false, added: [[5, 5] as const], hunks: [[1, 8] as const] }],
    ]);
    const inScope = (mode: Parameters<typeof scopeOf>[0]) => [a!, b!, c!].map((f) => scopeOf(mode, changes).includes(f, f.file));
    expect(inScope('added')).toEqual([true, false, false]);
    expect(inScope('diff_context')).toEqual([true, true, false]);
    expect(inScope('file')).toEqual([true, true, false]);
    expect(inScope('nofilter')).toEqual([true, true, true]);
    const push = scopeOf('added', undefined);
    expect(push.mode).toBe('nofilter');
    expect(push.where).toBe('');
    expect(push.includes(c!, c!.file)).toBe(true);
    expect(scopeOf('file', new Map([['c/Dockerfile', { whole: true, added: [], hunks: [] }]])).onAddedLines(c!, 'c/Dockerfile')).toBe(true);
  });
});

describe('annotations', () => {
  const manyFiles = (n: number, text = ROOT_DOCKERFILE) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${String(i).padStart(2, '0')}/Dockerfile`, text]));

  it('sends the most severe first, added lines first, at most 10 per level, and one notice for the rest', () => {
    const result = resultOf(manyFiles(25));
    for (const f of result.findings.slice(0, 12)) f.severity = 'warning';
    for (const f of result.findings.slice(12, 14)) f.severity = 'info';
    const changed = new Map([['s13/Dockerfile', { whole: false, added: [[1, 1] as const], hunks: [[1, 4] as const] }], ['s20/Dockerfile', { whole: true, added: [], hunks: [] }]]);
    const scope = scopeOf('nofilter', changed);
    const plan = planAnnotations(result, scope, '', 'The job summary');
    const levels = plan.annotations.map((a) => a.level);
    expect(levels).toEqual([...Array(PER_LEVEL).fill('error'), ...Array(PER_LEVEL).fill('warning'), 'notice', 'notice', 'notice']);
    expect(plan.omitted).toBe(3); // 11 errors and 12 warnings: 1 + 2 left out
    // Findings on added lines lead their level.
    expect(plan.annotations[0]!.properties.file).toBe('s20/Dockerfile');
    expect(plan.annotations[20]).toEqual({
      level: 'notice',
      message: '3 more findings not annotated: GitHub shows 10 annotations per level in a step, the most severe were sent first. The job summary lists them all.',
      properties: { title: 'shipready' },
    });
    expect(plan.annotations[21]!.properties.file).toBe('s13/Dockerfile');
  });

  it('leaves room for the omission notice among notices', () => {
    const result = resultOf(manyFiles(12));
    for (const f of result.findings) f.severity = 'info';
    const plan = planAnnotations(result, scopeOf('nofilter', undefined), '', 'The step log');
    expect(plan.annotations).toHaveLength(PER_LEVEL);
    expect(plan.annotations[0]!.message).toMatch(/^3 more findings not annotated/);
    expect(plan.omitted).toBe(3);
  });

  it('annotates only in-scope findings, at paths from the checkout, with rule id and title', () => {
    const result = resultOf(manyFiles(3));
    const scope = scopeOf('file', new Map([['services/api/s01/Dockerfile', { whole: true, added: [], hunks: [] }]]));
    const plan = planAnnotations(result, scope, 'services/api', 'The job summary');
    expect(plan.annotations).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(/never sets USER[\s\S]*\nhttps:\/\/github\.com\/shipready\/shipready\/blob\/main\/docs\/rules\/docker\/non-root\.md$/),
        properties: { title: 'docker/non-root: The container runs as a non-root user', file: 'services/api/s01/Dockerfile', startLine: 1, startColumn: 6, endLine: 1, endColumn: 13 },
      },
    ]);
    expect(plan.omitted).toBe(0);
  });

  it('leaves room for the action\'s own annotations at each level', () => {
    const result = resultOf(manyFiles(12));
    for (const f of result.findings.slice(11)) f.severity = 'info';
    const plan = planAnnotations(result, scopeOf('nofilter', undefined), '', 'The job summary', { error: 1, notice: 1 });
    const count = (level: string) => plan.annotations.filter((a) => a.level === level).length;
    expect(count('error')).toBe(PER_LEVEL - 1);
    expect(count('notice')).toBe(1 + 1); // the one info finding and the omission notice
    expect(plan.omitted).toBe(2);
  });

  it('passes hostile names to the toolkit unchanged (it escapes them)', () => {
    const plan = planAnnotations(hostileResult(), scopeOf('nofilter', undefined), '', 'The job summary');
    expect(plan.annotations.map((a) => a.properties.file)).toContain('line\nbreak\r::error file=x::pwned/Dockerfile');
  });
});

const passed: GateResult = { passed: true, reasons: [] };
const BLOB = 'https://github.example/o/r/blob/abc123';

describe('job summary', () => {
  it('shows score, gate, scope, linked findings in scope and every finding folded', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b (1)/Dockerfile': ROOT_DOCKERFILE, 'c/Dockerfile': NODE_USER_DOCKERFILE });
    const scope = scopeOf('file', new Map([['svc/a/Dockerfile', { whole: true, added: [], hunks: [] }]]));
    const verdict: GateResult = { passed: false, reasons: ["1 finding at or above 'error' in changed files"] };
    const md = summaryMarkdown(result, { scope, verdict, pathPrefix: 'svc', link: (path, f) => blobLink(BLOB, path, f), change: '−33 since the base (66 → 33)' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## shipready readiness: **33/100**, grade **F**');
    // Escaped like repository text (a reason may name a service): Markdown renders \' as '.
    expect(md).toContain("**Gate: failed**: 1 finding at or above \\'error\\' in changed files.\n");
    expect(md).toContain('Annotations and the gate cover the findings in changed files (filter-mode `file`); the score covers the whole repository.');
    expect(md).toContain('Change since the base: −33 since the base (66 → 33).');
    expect(md).toContain('| Category | Score |');
    expect(md).toContain('weighted checks passed (error 5, warning 2, info 1).');
    expect(md).toContain('### Findings in changed files\n\n| Severity | File | Line:Col | Message | Rule |');
    expect(md).toContain(`| error | [\`svc/a/Dockerfile\`](${BLOB}/svc/a/Dockerfile#L1) | 1:6 |`);
    expect(md).toContain(`[\`svc/b (1)/Dockerfile\`](${BLOB}/svc/b%20%281%29/Dockerfile#L1)`);
    expect(md).toContain('<details>\n<summary>All 2 findings in the repository</summary>\n\n| Severity |');
    const focus = md.slice(md.indexOf('### Findings in changed files'), md.indexOf('<details>'));
    expect(focus).not.toContain('b (1)');
  });

  it('links a span of lines', () => {
    const f = resultOf({ Dockerfile: ROOT_DOCKERFILE }).findings[0]!;
    expect(blobLink(BLOB, 'x y/Dockerfile', { ...f, line: 2, endLine: 4 })).toBe(`${BLOB}/x%20y/Dockerfile#L2-L4`);
  });

  it('stays under the size limit by cutting table rows and saying how many are left out', () => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`s${i}/Dockerfile`, ROOT_DOCKERFILE]));
    const result = resultOf(files);
    const md = summaryMarkdown(result, { scope: scopeOf('nofilter', undefined), verdict: passed, pathPrefix: '' }, 60_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/…and \d+ more: run shipready locally/);
    expect(md).toMatch(/^The tables below show at most \d+ rows each to stay under GitHub’s 1 MiB limit for a job summary; the JSON report \(output `json-file`\) has every finding\.$/m);
    expect(md.startsWith('## shipready readiness: ')).toBe(true);
    expect(summaryMarkdown(resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE }), { scope: scopeOf('nofilter', undefined), verdict: passed, pathPrefix: '' })).not.toContain('1 MiB');
  });
});

describe('pull-request comment', () => {
  it('carries the marker, score, change, gate and new findings', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE });
    const body = commentBody(result, {
      newFindings: result.findings,
      baseKnown: true,
      where: 'in changed files',
      change: '−100 since the base (100 → 0)',
      status: ['**Gate: passed.**'],
      markdown: { pathPrefix: '', link: (path, f) => blobLink(BLOB, path, f) },
      runUrl: 'https://github.example/o/r/actions/runs/7',
    });
    expect(body.split('\n').slice(0, 4)).toEqual([COMMENT_MARKER, '## shipready readiness: **0/100**, grade **F** (−100 since the base (100 → 0))', '', '**Gate: passed.**']);
    expect(body).toContain('### 1 new finding\n\n| Severity | File |');
    expect(body).toContain(`[\`a/Dockerfile\`](${BLOB}/a/Dockerfile#L1)`);
    expect(body).toContain('[Full report in the job summary](https://github.example/o/r/actions/runs/7)');
  });

  it('names the scope when the base is unknown, and stays under the comment limit', () => {
    const files = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`${'long-folder-name-'.repeat(8)}${i}/Dockerfile`, ROOT_DOCKERFILE]));
    const result = resultOf(files);
    const body = commentBody(result, { newFindings: result.findings, baseKnown: false, where: 'in changed files', status: [], markdown: {} });
    expect(body).toContain('### 400 findings in changed files');
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain('…and 350 more');
  });

  it('says how the score moved', () => {
    const worse = resultOf({ Dockerfile: ROOT_DOCKERFILE });
    const better = resultOf({ Dockerfile: NODE_USER_DOCKERFILE });
    expect(changePhrase(worse, better)).toBe('−100 since the base (100 → 0)');
    expect(changePhrase(better, worse)).toBe('+100 since the base (0 → 100)');
    expect(changePhrase(better, better)).toBe('±0 since the base (100 → 100)');
    expect(changePhrase(better, undefined)).toBeUndefined();
    expect(changePhrase(better, resultOf({}))).toBeUndefined();
  });
});

describe('runAction', () => {
  let tmp: string;
  let workspace: string;
  let baseSha: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: tmp } }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  };

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'shipready-action-'));
    workspace = join(tmp, 'repo');
    mkdirSync(workspace);
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    git('config', 'commit.gpgsign', 'false');
    // The base: one service already running as root (old debt), one clean.
    write('services/old/Dockerfile', ROOT_DOCKERFILE);
    write('services/new/Dockerfile', NODE_USER_DOCKERFILE);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    baseSha = git('rev-parse', 'HEAD');
    // The pull request drops USER from the clean one.
    write('services/new/Dockerfile', ROOT_DOCKERFILE);
    git('commit', '-q', '-am', 'pr');
    writeFileSync(join(tmp, 'event.json'), JSON.stringify({ pull_request: { number: 7, base: { sha: baseSha }, head: { sha: git('rev-parse', 'HEAD') } } }));
  });

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeEach(() => {
    inputs.clear();
    vi.clearAllMocks();
  });

  const env = (extra: Record<string, string> = {}) => ({
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(tmp, 'event.json'),
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_SHA: 'abc123',
    GITHUB_SERVER_URL: 'https://github.example',
    RUNNER_TEMP: tmp,
    GITHUB_STEP_SUMMARY: join(tmp, 'summary.md'),
    ...extra,
  });
  const run = (extra?: Record<string, string>) => runAction(env(extra), workspace, { rules: [nonRoot], now: NOW });
  const outputs = () => Object.fromEntries(vi.mocked(core.setOutput).mock.calls.map(([k, v]) => [k, String(v)]));

  it('gates by default what is new since the base, linted from the history, and says what the pull request fixed', async () => {
    await run();
    expect(vi.mocked(core.error).mock.calls.map(([, p]) => p?.file)).toEqual(['services/new/Dockerfile']);
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 1 finding at or above 'error' new since the base");
    const summary = vi.mocked(core.summary.addRaw).mock.calls[0]![0];
    expect(summary).toContain('filter-mode `new`');
    expect(summary).not.toContain('Fixed since the base');
  });

  it('takes a baseline: recorded findings stay out of the gate, and a missing one fails the step naming it', async () => {
    const { result } = await lint({ root: workspace, rules: [nonRoot], now: NOW });
    const recorded = makeBaseline(result.findings.filter((f) => f.file === 'services/old/Dockerfile'));
    writeFileSync(join(workspace, 'baseline.json'), JSON.stringify(recorded));
    try {
      inputs.set('filter-mode', 'nofilter');
      inputs.set('baseline', 'baseline.json');
      await run();
      expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 1 finding at or above 'error'");
      vi.clearAllMocks();
      inputs.set('baseline', 'nope.json');
      await run();
      expect(core.setFailed).toHaveBeenCalledExactlyOnceWith('shipready: input baseline nope.json: no such file; create it with --write-baseline nope.json');
      // A link the checkout commits that leads out of the workspace is not read, though the linted path is a subfolder.
      writeFileSync(join(tmp, 'outside-baseline.json'), JSON.stringify(recorded));
      symlinkSync(join(tmp, 'outside-baseline.json'), join(workspace, 'linked-baseline.json'));
      vi.clearAllMocks();
      inputs.set('path', 'services');
      inputs.set('baseline', 'linked-baseline.json');
      await run();
      expect(core.setFailed).toHaveBeenCalledExactlyOnceWith('shipready: input baseline linked-baseline.json: a symbolic link to a file outside the linted repository, not read');
    } finally {
      rmSync(join(workspace, 'baseline.json'));
      rmSync(join(workspace, 'linked-baseline.json'), { force: true });
    }
  });

  it('fails when the score falls by more than max-score-drop from the base', async () => {
    inputs.set('fail-on', 'never');
    inputs.set('max-score-drop', '10');
    await run();
    // The base: one of two images runs as root (50); the pull request makes both do (0).
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith('Gate failed: score fell by 50 since the base (50 → 0), more than 10');
    vi.clearAllMocks();
    inputs.set('max-score-drop', '50');
    await run();
    expect(core.setFailed).not.toHaveBeenCalled();
    vi.clearAllMocks();
    inputs.set('max-score-drop', 'lots');
    await run();
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("shipready: input max-score-drop: 'lots' is not a whole number from 0 to 100");
  });

  it('gates only the changed files (from local history) and keeps the score repository-wide', async () => {
    inputs.set('filter-mode', 'file');
    await run();
    expect(vi.mocked(core.error).mock.calls.map(([, p]) => p?.file)).toEqual(['services/new/Dockerfile']);
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 1 finding at or above 'error' in changed files");
    expect(outputs()).toMatchObject({ score: '0', grade: 'F', errors: '2', warnings: '0', notices: '0', passed: 'false', 'sarif-file': '' });
    expect(outputs()['json-file']).toBe(join(tmp, 'shipready-shipready.json'));
    const summary = vi.mocked(core.summary.addRaw).mock.calls[0]![0];
    expect(summary).toContain('### Findings in changed files');
    expect(summary).toContain('(https://github.example/o/r/blob/abc123/services/new/Dockerfile#L1)');
  });

  it('gates every finding with nofilter, and on push events', async () => {
    inputs.set('filter-mode', 'nofilter');
    await run();
    expect(vi.mocked(core.error)).toHaveBeenCalledTimes(2);
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 2 findings at or above 'error'");
    vi.clearAllMocks();
    inputs.clear();
    await run({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(tmp, 'no-such-event.json') });
    expect(vi.mocked(core.error)).toHaveBeenCalledTimes(2);
  });

  it('passes when the changed lines are clean, and the score can still gate', async () => {
    inputs.set('filter-mode', 'added');
    inputs.set('path', 'services/old');
    await run();
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(outputs()).toMatchObject({ passed: 'true', score: '0' });
    vi.clearAllMocks();
    inputs.set('min-score', '50');
    await run();
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith('Gate failed: score 0 below 50');
  });

  it('writes SARIF with uris from the checkout root when path is a subfolder', async () => {
    inputs.set('path', 'services');
    inputs.set('sarif-file', 'out/shipready.sarif');
    inputs.set('annotations', 'false');
    inputs.set('summary', 'false');
    await run();
    const sarif = JSON.parse(readFileSync(join(workspace, 'out/shipready.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'services/new/Dockerfile',
      'services/old/Dockerfile',
    ]);
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${workspace}/`);
    expect(outputs()['sarif-file']).toBe('out/shipready.sarif');
    expect(core.error).not.toHaveBeenCalled();
    expect(core.summary.addRaw).not.toHaveBeenCalled();
  });

  it('refuses a sarif-file that the checkout holds as a link, and leaves its target alone', async () => {
    const target = join(tmpdir(), `shipready-action-outside-${process.pid}.txt`);
    writeFileSync(target, 'precious\n');
    try {
      symlinkSync(target, join(workspace, 'linked.sarif'));
      inputs.set('sarif-file', 'linked.sarif');
      inputs.set('annotations', 'false');
      inputs.set('summary', 'false');
      await run();
      expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^shipready: input sarif-file .*linked\.sarif: is a symbolic link inside the linted repository/));
      expect(readFileSync(target, 'utf8')).toBe('precious\n');
    } finally {
      rmSync(join(workspace, 'linked.sarif'), { force: true });
      rmSync(target, { force: true });
    }
  });

  it('refuses a path that the checkout links outside the workspace', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'shipready-action-elsewhere-'));
    try {
      symlinkSync(elsewhere, join(workspace, 'escape'));
      inputs.set('path', 'escape');
      await run();
      expect(core.setFailed).toHaveBeenCalledWith("shipready: input path: 'escape' leads outside the workspace through a symbolic link");
    } finally {
      rmSync(join(workspace, 'escape'), { force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('fails with a message naming a bad input', async () => {
    inputs.set('fail-on', 'fatal');
    await run();
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("shipready: input fail-on: 'fatal' is not one of error, warning, info, never");
    vi.clearAllMocks();
    inputs.clear();
    inputs.set('annotations', 'yes');
    await run();
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("shipready: input annotations: 'yes' is not a boolean (true or false)");
    vi.clearAllMocks();
    inputs.clear();
    inputs.set('path', 'nowhere');
    await run();
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("shipready: input path: 'nowhere' is not a directory in the workspace");
  });

  it('leaves an error annotation free for the gate\'s reason', async () => {
    const crowded = join(tmp, 'crowded');
    for (let i = 0; i < 12; i++) {
      mkdirSync(join(crowded, `s${String(i).padStart(2, '0')}`), { recursive: true });
      writeFileSync(join(crowded, `s${String(i).padStart(2, '0')}/Dockerfile`), ROOT_DOCKERFILE);
    }
    await runAction(env({ GITHUB_WORKSPACE: crowded, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '' }), crowded, { rules: [nonRoot], now: NOW });
    expect(core.error).toHaveBeenCalledTimes(PER_LEVEL - 1);
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 12 findings at or above 'error'");
    expect(vi.mocked(core.notice).mock.calls.map(([m]) => m)).toEqual([expect.stringMatching(/^3 more findings not annotated/)]);
  });

  it('with nofilter on a pull request, annotates findings on changed lines first', async () => {
    const repo = join(tmp, 'nofilter');
    mkdirSync(join(repo, 'a'), { recursive: true });
    mkdirSync(join(repo, 'z'), { recursive: true });
    const g = gitRepository(repo, tmp);
    writeFileSync(join(repo, 'a/Dockerfile'), ROOT_DOCKERFILE);
    writeFileSync(join(repo, 'z/Dockerfile'), NODE_USER_DOCKERFILE);
    g('add', '.');
    g('commit', '-q', '-m', 'base');
    const base = g('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'z/Dockerfile'), ROOT_DOCKERFILE.replace('node:22', 'node:24'));
    g('commit', '-q', '-am', 'pr');
    writeFileSync(join(tmp, 'event-nofilter.json'), JSON.stringify({ pull_request: { number: 7, base: { sha: base }, head: { sha: g('rev-parse', 'HEAD') } } }));
    inputs.set('filter-mode', 'nofilter');
    await runAction(env({ GITHUB_WORKSPACE: repo, GITHUB_EVENT_PATH: join(tmp, 'event-nofilter.json') }), repo, { rules: [nonRoot], now: NOW });
    expect(vi.mocked(core.error).mock.calls.map(([, p]) => p?.file)).toEqual(['z/Dockerfile', 'a/Dockerfile']);
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 2 findings at or above 'error'");
    expect(core.warning).not.toHaveBeenCalled();
  });

  it('without history or token, gates everything and says why', async () => {
    const shallow = join(tmp, 'plain');
    mkdirSync(shallow);
    writeFileSync(join(shallow, 'Dockerfile'), ROOT_DOCKERFILE);
    await runAction(env({ GITHUB_WORKSPACE: shallow }), shallow, { rules: [nonRoot], now: NOW });
    // One warning: the default mode's base cannot be had, and neither can the changes the file mode would use.
    expect(vi.mocked(core.warning).mock.calls.map(([m]) => m)).toEqual([
      expect.stringMatching(/^shipready: filter-mode new needs the pull request's base [0-9a-f]{40}, but it is not in the checkout and could not be fetched: every finding annotates and gates instead\.$/),
    ]);
    expect(core.setFailed).toHaveBeenCalledExactlyOnceWith("Gate failed: 1 finding at or above 'error'");
    vi.clearAllMocks();
    inputs.set('filter-mode', 'file');
    await runAction(env({ GITHUB_WORKSPACE: shallow }), shallow, { rules: [nonRoot], now: NOW });
    expect(vi.mocked(core.warning).mock.calls[0]![0]).toMatch(/^shipready: filter-mode file needs the pull request's changes, but the checkout has no history/);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8'));

  it('runs dist/action.js on node24 and declares the documented inputs and outputs', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(Object.keys(action.inputs)).toEqual(['path', 'config', 'baseline', 'fail-on', 'min-score', 'max-score-drop', 'sarif-file', 'annotations', 'summary', 'comment', 'filter-mode', 'github-token']);
    expect(Object.keys(action.outputs)).toEqual(['score', 'grade', 'errors', 'warnings', 'notices', 'passed', 'sarif-file', 'json-file']);
    for (const input of Object.values<{ required?: boolean }>(action.inputs)) expect(input.required).toBe(false);
    expect(action.branding).toBeDefined();
  });

  it('README.md has the current inputs and outputs table between its markers', () => {
    const readme = readFileSync('README.md', 'utf8');
    const updated = withActionTable(readme, readFileSync('action.yml', 'utf8'));
    expect(updated, `README.md needs ${ACTION_START} and ${ACTION_END}`).toBeDefined();
    expect(readme, 'run npm run generate').toBe(updated);
  });
});
