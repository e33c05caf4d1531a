/**
 * dist/action.js run the way a runner runs it: INPUT_* variables, a pull_request payload at
 * GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, and a local HTTP server standing in
 * for the GitHub API at GITHUB_API_URL (127.0.0.1 only, bounded requests, closes by itself).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../src/action/comment.ts';
import { NODE_USER_DOCKERFILE, ROOT_DOCKERFILE } from './reporter-fixture.ts';
import { gitRepository } from './git-fixture.ts';

const ACTION = resolve('dist/action.js');
const TOKEN = 'test-token';
const HOSTILE = 'we%ird: a,b\nc';
const MAX_REQUESTS = 200;
const MAX_BODY = 1024 * 1024;

interface Comment {
  id: number;
  body: string;
}

/** The stand-in for the GitHub API: the pull request's files (two pages) and its comments. */
class Api {
  comments: Comment[] = [];
  created = 0;
  updated = 0;
  requests: string[] = [];
  readonly server: Server;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: { forbidCreate?: boolean } = {}) {
    this.server = createServer((req, res) => this.handle(req, res));
    // However the test ends, the server does not outlive it.
    this.timer = setTimeout(() => this.close(), 120_000);
    this.timer.unref();
  }

  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    clearTimeout(this.timer);
    this.server.closeAllConnections();
    this.server.close();
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(`${req.method} ${req.url}`);
    if (this.requests.length > MAX_REQUESTS) {
      this.send(res, 429, { message: 'too many requests' });
      return;
    }
    if (req.headers.authorization !== `token ${TOKEN}`) {
      this.send(res, 401, { message: 'Bad credentials' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => this.route(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  private route(req: IncomingMessage, res: ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = `${req.method} ${url.pathname}`;
    const base = `http://${req.headers.host}`;
    if (key === 'GET /repos/o/r/pulls/7/files') {
      if (url.searchParams.get('page') === '2') {
        // A file without a patch (binary or too large) changed as a whole.
        this.send(res, 200, [{ filename: `services/api/${HOSTILE}/Dockerfile`, status: 'added' }]);
        return;
      }
      const next = `<${base}/repos/o/r/pulls/7/files?per_page=100&page=2>; rel="next", <${base}/repos/o/r/pulls/7/files?per_page=100&page=2>; rel="last"`;
      const files = [
        { filename: 'services/api/Dockerfile', status: 'modified', patch: '@@ -1,2 +1,2 @@\n-FROM node:20\n+FROM node:22\n CMD ["node", "server.js"]' },
        { filename: 'services/api/gone/Dockerfile', status: 'removed', patch: '@@ -1 +0,0 @@\n-FROM node:22' },
      ];
      this.send(res, 200, files, { link: next });
      return;
    }
    if (key === 'GET /repos/o/r/issues/7/comments') {
      this.send(res, 200, this.comments);
      return;
    }
    if (key === 'POST /repos/o/r/issues/7/comments') {
      if (this.options.forbidCreate) {
        this.send(res, 403, { message: 'Resource not accessible by integration' });
        return;
      }
      const comment = { id: 100 + this.comments.length, body: (JSON.parse(text) as { body: string }).body };
      this.comments.push(comment);
      this.created++;
      this.send(res, 201, comment);
      return;
    }
    const update = /^PATCH \/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(key);
    const comment = update && this.comments.find((c) => c.id === Number(update[1]));
    if (comment) {
      comment.body = (JSON.parse(text) as { body: string }).body;
      this.updated++;
      this.send(res, 200, comment);
      return;
    }
    this.send(res, 404, { message: 'Not Found' });
    return;
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

let tmp: string;
let workspace: string;

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [, name, , value] of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[name!] = value!;
  return outputs;
}

/** Runs the bundle asynchronously (the stand-in server answers from this process meanwhile). */
async function runAction(inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmp, 'step-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(tmp, 'event.json'),
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_SHA: 'abc123',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    // Never let git find a repository above the workspace: the pulls API must answer.
    GIT_CEILING_DIRECTORIES: tmp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...extra,
  };
  const child = spawn(process.execPath, [ACTION], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') };
}

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-e2e-'));
  workspace = join(tmp, 'workspace');
  for (const dir of ['services/api', `services/api/${HOSTILE}`, 'services/api/untouched']) {
    mkdirSync(join(workspace, dir), { recursive: true });
    writeFileSync(join(workspace, dir, 'Dockerfile'), ROOT_DOCKERFILE);
  }
  writeFileSync(join(tmp, 'event.json'), JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: 'b'.repeat(40) }, head: { sha: 'c'.repeat(40) } } }));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dist/action.js on a pull request', () => {
  const inputs = { path: 'services/api', 'filter-mode': 'file', comment: 'true', 'sarif-file': 'reports/shipready.sarif', 'github-token': TOKEN };

  it('is built', () => {
    expect(existsSync(ACTION), 'run npm run build').toBe(true);
  });

  it('annotates changed files, gates, writes summary, SARIF and outputs, and keeps one comment updated', async () => {
    const api = new Api();
    const url = await api.start();
    // A person quoting the marker is not the sticky comment: it must be left as it is.
    const quoted = { id: 1, body: `why does the bot write ${COMMENT_MARKER}?` };
    api.comments.push({ ...quoted });
    try {
      const first = await runAction(inputs, { GITHUB_API_URL: url });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(1);
      const lines = annotations(first.stdout);
      // Only the changed files, at paths from the checkout; the hostile name escaped by the toolkit.
      expect(lines.some((l) => l.includes('file=services/api/Dockerfile,line=1,endLine=1,col=6,endColumn=13::'))).toBe(true);
      expect(lines.some((l) => l.includes('file=services/api/we%25ird%3A a%2Cb%0Ac/Dockerfile,line=1,'))).toBe(true);
      expect(lines.filter((l) => l.includes('untouched'))).toEqual([]);
      expect(lines.some((l) => l.startsWith('::error title=docker/non-root%3A The container runs as a non-root user,file=services/api/Dockerfile,'))).toBe(true);
      expect(first.stdout).toMatch(/^::error::Gate failed: \d+ findings? at or above 'error' in changed files$/m);

      const out = first.outputs;
      expect(out.passed).toBe('false');
      expect(out.score).toMatch(/^\d+$/);
      expect(out.grade).toMatch(/^[A-F]$/);
      expect(Number(out.errors)).toBeGreaterThanOrEqual(3);
      expect(out['sarif-file']).toBe('reports/shipready.sarif');
      const json = JSON.parse(readFileSync(out['json-file']!, 'utf8'));
      expect(json.score).toBe(Number(out.score));
      expect(json.counts.error).toBe(Number(out.errors));

      const sarif = JSON.parse(readFileSync(join(workspace, 'reports/shipready.sarif'), 'utf8'));
      const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
      expect(uris).toContain('services/api/Dockerfile');
      expect(uris).toContain('services/api/we%25ird%3A%20a%2Cb%0Ac/Dockerfile');

      expect(first.summary.startsWith(`## shipready readiness: **${out.score}/100**, grade **${out.grade}**`)).toBe(true);
      expect(first.summary).toContain('### Findings in changed files');
      expect(first.summary).toContain('(https://github.example/o/r/blob/abc123/services/api/Dockerfile#L1)');
      expect(first.summary).toContain('<details>');

      expect(api.created).toBe(1);
      expect(api.comments).toHaveLength(2);
      expect(api.comments[0]).toEqual(quoted);
      expect(api.comments[1]!.body.startsWith(`${COMMENT_MARKER}\n## shipready readiness: **${out.score}/100**`)).toBe(true);
      expect(api.comments[1]!.body).toContain('findings in changed files');
      expect(api.requests).toContain('GET /repos/o/r/pulls/7/files?per_page=100&page=2');

      const second = await runAction(inputs, { GITHUB_API_URL: url });
      expect(second.code).toBe(1);
      expect(api.comments).toHaveLength(2);
      expect(api.comments[0]).toEqual(quoted);
      expect(api.created).toBe(1);
      expect(api.updated).toBe(1);
      expect(second.stdout).toContain('shipready: pull-request comment updated');
    } finally {
      api.close();
    }
  });

  it('with a read-only token posts nothing, says why in a notice, and still gates', async () => {
    const api = new Api({ forbidCreate: true });
    const url = await api.start();
    try {
      const run = await runAction(inputs, { GITHUB_API_URL: url });
      expect(run.code).toBe(1);
      expect(api.comments).toHaveLength(0);
      expect(annotations(run.stdout)).toContainEqual(expect.stringMatching(/^::notice title=shipready::shipready: no pull-request comment: the token cannot write to this pull request \(HTTP 403;/));
      expect(run.outputs.passed).toBe('false');
    } finally {
      api.close();
    }
  });

  it('passes when fail-on is never, and gates on the score with min-score', async () => {
    const api = new Api();
    const url = await api.start();
    try {
      const never = await runAction({ ...inputs, comment: 'false', 'fail-on': 'never' }, { GITHUB_API_URL: url });
      expect(never.code).toBe(0);
      expect(never.outputs.passed).toBe('true');
      const score = await runAction({ ...inputs, comment: 'false', 'fail-on': 'never', 'min-score': '100' }, { GITHUB_API_URL: url });
      expect(score.code).toBe(1);
      expect(score.stdout).toContain(`::error::Gate failed: score ${score.outputs.score} below 100`);
    } finally {
      api.close();
    }
  });
});

describe('dist/action.js with more findings than GitHub shows', () => {
  it('keeps every level at 10 annotations, its own (gate, comment, omission) included', async () => {
    const crowded = join(tmp, 'crowded');
    for (let i = 0; i < 12; i++) {
      mkdirSync(join(crowded, `s${i}`), { recursive: true });
      writeFileSync(join(crowded, `s${i}/Dockerfile`), ROOT_DOCKERFILE);
    }
    writeFileSync(join(crowded, '.shipready.yml'), 'rules:\n  docker/healthcheck: info\n');
    const api = new Api({ forbidCreate: true });
    const url = await api.start();
    try {
      const run = await runAction({ 'filter-mode': 'nofilter', comment: 'true', 'github-token': TOKEN }, { GITHUB_API_URL: url, GITHUB_WORKSPACE: crowded });
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n');
      const level = (name: string) => lines.filter((l) => l.startsWith(`::${name} `) || l.startsWith(`::${name}::`));
      expect(level('error')).toHaveLength(10);
      expect(level('error').at(-1)).toMatch(/^::error::Gate failed: \d+ findings at or above 'error'$/);
      expect(level('warning').length).toBeLessThanOrEqual(10);
      expect(level('notice')).toHaveLength(10);
      expect(level('notice')).toContainEqual(expect.stringMatching(/^::notice title=shipready::shipready: no pull-request comment/));
      expect(level('notice')).toContainEqual(expect.stringMatching(/^::notice title=shipready::\d+ more findings not annotated/));
    } finally {
      api.close();
    }
  });
});

describe('dist/action.js on a pull request whose checkout has the history', () => {
  it('takes changed lines from git, lints the base, and comments the change and the new findings', async () => {
    const repo = join(tmp, 'history');
    mkdirSync(join(repo, 'old'), { recursive: true });
    mkdirSync(join(repo, 'new'), { recursive: true });
    const git = gitRepository(repo, tmp);
    writeFileSync(join(repo, 'old/Dockerfile'), ROOT_DOCKERFILE);
    writeFileSync(join(repo, 'new/Dockerfile'), NODE_USER_DOCKERFILE);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'new/Dockerfile'), ROOT_DOCKERFILE);
    git('commit', '-q', '-am', 'drop USER');
    writeFileSync(join(tmp, 'event-history.json'), JSON.stringify({ pull_request: { number: 7, base: { sha: base }, head: { sha: git('rev-parse', 'HEAD') } } }));
    const api = new Api();
    const url = await api.start();
    try {
      const run = await runAction(
        // Removing `USER node` adds no line: only diff_context (the hunk and its context) reaches line 1.
        { 'filter-mode': 'diff_context', comment: 'true', 'github-token': TOKEN },
        { GITHUB_API_URL: url, GITHUB_WORKSPACE: repo, GITHUB_EVENT_PATH: join(tmp, 'event-history.json') },
      );
      expect(run.code).toBe(1);
      expect(api.requests.filter((r) => r.includes('/files'))).toEqual([]);
      const files = annotations(run.stdout).filter((l) => l.startsWith('::error ')).map((l) => /file=([^,]*)/.exec(l)?.[1]);
      expect(new Set(files)).toEqual(new Set(['new/Dockerfile']));
      const body = api.comments[0]!.body;
      expect(body).toMatch(/^## shipready readiness: \*\*\d+\/100\*\*, grade \*\*[A-F]\*\* \(−\d+ since the base \(\d+ → \d+\)\)$/m);
      expect(body).toContain('### 1 new finding\n');
      expect(body).toContain('docker/non-root');
      expect(body).toContain('[`new/Dockerfile`]');
      expect(body).not.toContain('[`old/Dockerfile`]');
      expect(run.summary).toMatch(/Change since the base: −\d+ since the base/);
    } finally {
      api.close();
    }
  });
});

describe('dist/action.js with the default filter-mode, new since the base', () => {
  const CI = 'on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n';
  const DEPENDABOT = 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n';
  const PACKAGE = `${JSON.stringify({ name: 'api', version: '1.0.0', private: true, scripts: { test: 'node --test' }, dependencies: { express: '^4.21.2' } }, null, 2)}\n`;

  /** A repository whose base has CI and Dependabot, and a pull request that deletes both; returns the event file. */
  function deletesCi(name: string, baseSha?: string): { repo: string; event: string } {
    const repo = join(tmp, name);
    const git = gitRepository(repo, tmp);
    mkdirSync(join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(join(repo, 'package.json'), PACKAGE);
    writeFileSync(join(repo, 'package-lock.json'), '{"lockfileVersion": 3, "packages": {}}\n');
    writeFileSync(join(repo, '.github/workflows/ci.yml'), CI);
    writeFileSync(join(repo, '.github/dependabot.yml'), DEPENDABOT);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    git('rm', '-q', '.github/workflows/ci.yml', '.github/dependabot.yml');
    git('commit', '-q', '-m', 'drop CI');
    const event = join(tmp, `event-${name}.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: baseSha ?? base }, head: { sha: git('rev-parse', 'HEAD') } } }));
    return { repo, event };
  }

  it('fails the pull request that deletes CI and Dependabot, whose findings sit on a file it did not touch', async () => {
    const { repo, event } = deletesCi('deletes-ci');
    const env = { GITHUB_WORKSPACE: repo, GITHUB_EVENT_PATH: event };
    // The hole of the changed-files gate: package.json is not among the changed files, so nothing gates.
    const byFile = await runAction({ 'fail-on': 'warning', 'filter-mode': 'file' }, env);
    expect(byFile.code, byFile.stdout).toBe(0);
    const run = await runAction({ 'fail-on': 'warning' }, env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::Gate failed: 2 findings at or above 'warning' new since the base$/m);
    const gated = annotations(run.stdout).filter((l) => l.startsWith('::warning ') && l.includes('file=package.json'));
    expect(gated.map((l) => /title=([^:,%]+)/.exec(l)?.[1])).toEqual(expect.arrayContaining(['ci/tests', 'ci/dependency-audit']));
    expect(run.summary).toContain('filter-mode `new`');
  });

  it('falls back to the changed files, with a warning, when the base cannot be read or fetched', async () => {
    // No such commit, no origin to fetch it from, and no token for the pulls API: not even the changed files.
    const { repo, event } = deletesCi('no-base', 'd'.repeat(40));
    const run = await runAction({ 'fail-on': 'warning' }, { GITHUB_WORKSPACE: repo, GITHUB_EVENT_PATH: event });
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::shipready: filter-mode'));
    expect(warnings).toEqual([`::warning::shipready: filter-mode new needs the pull request's base ${'d'.repeat(40)}, but it is not in the checkout and could not be fetched: every finding annotates and gates instead.`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::Gate failed: 3 findings at or above 'warning'$/m);
  });
});

describe('dist/action.js on a pull request that adds hostile file names, with the history', () => {
  it('finds them in the git diff (quoted, tab-terminated) and the toolkit escapes them', async () => {
    const repo = join(tmp, 'hostile-history');
    const git = gitRepository(repo, tmp);
    writeFileSync(join(repo, 'README.md'), '# r\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    for (const dir of [HOSTILE, 'dir with space']) {
      mkdirSync(join(repo, dir));
      writeFileSync(join(repo, dir, 'Dockerfile'), ROOT_DOCKERFILE);
    }
    git('add', '.');
    git('commit', '-q', '-m', 'pr');
    writeFileSync(join(tmp, 'event-hostile.json'), JSON.stringify({ pull_request: { number: 7, base: { sha: base }, head: { sha: git('rev-parse', 'HEAD') } } }));
    const run = await runAction({ 'filter-mode': 'added' }, { GITHUB_WORKSPACE: repo, GITHUB_EVENT_PATH: join(tmp, 'event-hostile.json') });
    expect(run.code).toBe(1);
    const files = new Set(annotations(run.stdout).map((l) => /file=([^,]*)/.exec(l)?.[1]));
    expect(files).toEqual(new Set(['we%25ird%3A a%2Cb%0Ac/Dockerfile', 'dir with space/Dockerfile']));
    expect(run.stdout).toMatch(/^::error::Gate failed: 4 findings at or above 'error' on added lines$/m);
  });
});

describe('dist/action.js on a monorepo', () => {
  it('reports a score per service, the well-run one above the neglected one, and holds each to min-score', async () => {
    const repo = join(tmp, 'monorepo');
    mkdirSync(repo);
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }));
    cpSync('examples/well-run-service', join(repo, 'services', 'catalog'), { recursive: true });
    cpSync('examples/seeds-service', join(repo, 'services', 'fortistate'), { recursive: true });
    const push = { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '', GITHUB_WORKSPACE: repo };
    const run = await runAction({ 'fail-on': 'never', 'min-score': '70' }, push);
    expect(run.code).toBe(1);
    const rows = run.summary.split('\n').filter((l) => l.startsWith('| catalog') || l.startsWith('| fortistate'));
    expect(rows[0]).toMatch(/^\| catalog\\-api \| `services\/catalog` \| 100\/100 \(A\) \|/);
    const below = /^\| fortistate\\-api \| `services\/fortistate` \| (\d+)\/100/.exec(rows[1] ?? '');
    expect(Number(below?.[1])).toBeLessThan(70);
    expect(run.stdout).toMatch(new RegExp(`^::error::Gate failed: .*service fortistate-api \\(services/fortistate\\) score ${below?.[1]} below 70`, 'm'));
  });
});

describe('dist/action.js on a push', () => {
  it('passes on examples/well-run-service and fails on examples/seeds-service', async () => {
    const push = { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '', GITHUB_WORKSPACE: resolve('.') };
    const good = await runAction({ path: 'examples/well-run-service' }, push);
    expect(good.code, good.stdout).toBe(0);
    expect(good.outputs.passed).toBe('true');
    const bad = await runAction({ path: 'examples/seeds-service' }, push);
    expect(bad.code).toBe(1);
    expect(bad.outputs.passed).toBe('false');
    expect(annotations(bad.stdout).some((l) => l.includes('file=examples/seeds-service/Dockerfile'))).toBe(true);
  });
});
