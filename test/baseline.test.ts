/** Baseline: stable fingerprints, writing and reading the file, gate vs score, stale entries, errors. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nonRoot from '../rules/docker/non-root/rule.ts';
import { rules } from '../rules/index.ts';
import { applyBaseline, type Baseline, makeBaseline } from '../src/baseline.ts';
import { main } from '../src/cli.ts';
import { defaultConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { analyze, type RunResult } from '../src/engine.ts';
import { gate } from '../src/gate.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

function lintDockerfile(text: string): RunResult {
  return analyze({ root: '/repo', files: [makeSourceFile('Dockerfile', 'dockerfile', text)], rules: [nonRoot], config: defaultConfig(), now: NOW });
}

const fingerprint = (text: string) => lintDockerfile(text).findings.find((f) => f.ruleId === 'docker/non-root')?.fingerprint;

describe('fingerprints', () => {
  const original = 'FROM node:22-slim\nWORKDIR /app\nUSER root\nCMD ["node", "server.js"]\n';

  it('survive lines inserted above the finding and whitespace changes on its line', () => {
    const before = fingerprint(original);
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(`# syntax=docker/dockerfile:1\n# build the api\n${original.replace('WORKDIR /app\n', 'WORKDIR /app\nCOPY . .\nRUN npm ci\n')}`)).toBe(before);
    expect(fingerprint(original.replace('USER root', 'USER   root  '))).toBe(before);
  });

  it('change when the offending line changes', () => {
    expect(fingerprint(original.replace('USER root', 'USER 0'))).not.toBe(fingerprint(original));
  });
});

describe('applyBaseline', () => {
  const text = 'FROM node:22-slim\nUSER root\n';
  const baselineOf = (result: RunResult): Baseline => makeBaseline(result.findings);

  it('takes listed findings out of the gate but keeps them in the score', () => {
    const baseline = baselineOf(lintDockerfile(text));
    const plain = lintDockerfile(text);
    const result = lintDockerfile(text);
    applyBaseline(result, baseline, 'baseline.json');
    expect(result.findings[0]?.baselined).toEqual({});
    expect(result.counts.error).toBe(0);
    expect(gate(result, 'error').passed).toBe(true);
    expect(gate(plain, 'error').passed).toBe(false);
    expect(result.score).toEqual(plain.score);
    expect(result.score.score).toBeLessThan(100);
    expect(result.notices).toEqual([]);
  });

  it('carries the reason people wrote', () => {
    const baseline = baselineOf(lintDockerfile(text));
    for (const e of baseline.entries) e.reason = 'migrating to distroless in Q3';
    const result = lintDockerfile(text);
    applyBaseline(result, baseline, 'baseline.json');
    expect(result.findings[0]?.baselined).toEqual({ reason: 'migrating to distroless in Q3' });
  });

  it('reports entries that no longer match, so the file shrinks', () => {
    const baseline = baselineOf(lintDockerfile(text));
    const fixed = lintDockerfile('FROM node:22-slim\nUSER node\n');
    applyBaseline(fixed, baseline, 'baseline.json');
    expect(fixed.notices.map((n) => n.message)).toEqual([
      '1 baseline entry no longer matches a finding in baseline.json: the debt was paid, remove it (--baseline baseline.json --write-baseline baseline.json rewrites the file and keeps the reasons)',
      expect.stringMatching(/^baseline\.json: no longer matches: docker\/non-root in Dockerfile \(USER root is the last user/),
    ]);
  });
});

describe('makeBaseline', () => {
  it('records unsuppressed findings sorted, with message and an empty reason; keeps earlier reasons', () => {
    const result = analyze({
      root: '/repo',
      files: [makeSourceFile('b/Dockerfile', 'dockerfile', 'FROM node:22\n'), makeSourceFile('a/Dockerfile', 'dockerfile', 'FROM node:22\nUSER root\n')],
      rules: [nonRoot],
      config: defaultConfig(),
      now: NOW,
    });
    const baseline = makeBaseline(result.findings);
    expect(baseline.version).toBe(1);
    expect(baseline.tool).toBe('shipready');
    expect(baseline.entries.map((e) => [e.file, e.ruleId, e.reason])).toEqual([
      ['a/Dockerfile', 'docker/non-root', ''],
      ['b/Dockerfile', 'docker/non-root', ''],
    ]);
    expect(Object.keys(baseline.entries[0] ?? {})).toEqual(['ruleId', 'file', 'fingerprint', 'message', 'reason']);
    const first = baseline.entries[0] as Baseline['entries'][number];
    first.reason = 'accepted';
    expect(makeBaseline(result.findings, baseline).entries.map((e) => e.reason)).toEqual(['accepted', '']);
  });
});

describe('the CLI with --write-baseline and --baseline', () => {
  let dir: string;
  /** Only docker/non-root, so these tests do not depend on rules still being written. */
  const config = `rules:\n${rules
    .filter((r) => r.id !== 'docker/non-root')
    .map((r) => `  ${r.id}: off\n`)
    .join('')}`;
  const dockerfile = 'FROM node:22-slim\nHEALTHCHECK CMD node hc.js\nUSER root\nCMD ["node", "server.js"]\n';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipready-baseline-'));
    writeFileSync(join(dir, '.shipready.yml'), config);
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(['.', ...argv], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      isTTY: false,
      env: {},
      cwd: dir,
      now: NOW,
    });
    return { code, stdout, stderr };
  }
  const json = (stdout: string) =>
    JSON.parse(stdout) as { score: number; counts: { error: number }; findings: { ruleId: string; baselined?: object }[]; notices: { message: string }[] };

  it('writes the baseline, then gates only on new findings while the score still counts them', async () => {
    expect((await cli([])).code).toBe(1);
    const written = await cli(['--write-baseline', 'shipready-baseline.json']);
    expect(written.code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'shipready-baseline.json'), 'utf8')) as Baseline;
    expect(file).toMatchObject({ version: 1, tool: 'shipready', entries: [{ ruleId: 'docker/non-root', file: 'Dockerfile', reason: '' }] });

    const plain = json((await cli(['--format', 'json'])).stdout);
    const baselined = await cli(['--format', 'json', '--baseline', 'shipready-baseline.json']);
    expect(baselined.code).toBe(0);
    const result = json(baselined.stdout);
    expect(result.findings.find((f) => f.ruleId === 'docker/non-root')?.baselined).toEqual({});
    expect(result.counts.error).toBe(0);
    expect(result.score).toBe(plain.score);
    expect(result.score).toBeLessThan(100);

    // Lines added above the finding: still the same finding.
    writeFileSync(join(dir, 'Dockerfile'), `# api image\nARG NODE=22\n${dockerfile}`);
    expect((await cli(['--baseline', 'shipready-baseline.json'])).code).toBe(0);
  });

  it('a changed offending line is a new finding, and the old entry is reported as stale', async () => {
    await cli(['--write-baseline', 'b.json']);
    writeFileSync(join(dir, 'Dockerfile'), dockerfile.replace('USER root', 'USER 0'));
    const { code, stdout } = await cli(['--baseline', 'b.json']);
    expect(code).toBe(1);
    expect(stdout).toContain('note: 1 baseline entry no longer matches a finding in b.json: the debt was paid, remove it');
    expect(stdout).toContain('note: b.json: no longer matches: docker/non-root in Dockerfile');
  });

  it('--baseline with --write-baseline rewrites the file without stale entries and keeps reasons', async () => {
    writeFileSync(join(dir, 'other.Dockerfile'), 'FROM node:22-slim\nUSER root\n');
    await cli(['--write-baseline', 'b.json']);
    const file = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as Baseline;
    expect(file.entries).toHaveLength(2);
    for (const e of file.entries) e.reason = `accepted: ${e.file}`;
    writeFileSync(join(dir, 'b.json'), JSON.stringify(file));
    writeFileSync(join(dir, 'other.Dockerfile'), 'FROM node:22-slim\nUSER node\n');
    expect((await cli(['--baseline', 'b.json', '--write-baseline', 'b.json'])).code).toBe(0);
    const rewritten = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as Baseline;
    expect(rewritten.entries.map((e) => [e.file, e.reason])).toEqual([['Dockerfile', 'accepted: Dockerfile']]);
  });

  it('the config can name the baseline (relative to its own folder); --baseline overrides it', async () => {
    mkdirSync(join(dir, 'ops'));
    expect((await cli(['--write-baseline', 'ops/baseline.json'])).code).toBe(0);
    writeFileSync(join(dir, '.shipready.yml'), `${config}baseline: ops/baseline.json\n`);
    const fromConfig = await cli(['--format', 'json']);
    expect(fromConfig.code).toBe(0);
    expect(json(fromConfig.stdout).findings.find((f) => f.ruleId === 'docker/non-root')?.baselined).toEqual({});
    writeFileSync(join(dir, 'empty.json'), JSON.stringify({ version: 1, tool: 'shipready', entries: [] }));
    expect((await cli(['--baseline', 'empty.json'])).code).toBe(1);
    writeFileSync(join(dir, '.shipready.yml'), `${config}baseline: ops/missing.json\n`);
    expect(await cli([])).toMatchObject({
      code: 2,
      stderr: 'shipready: .shipready.yml: baseline ops/missing.json: no such file; create it with --write-baseline ops/missing.json\n',
    });
    // A committed config names a file of its own: not one above its folder.
    writeFileSync(join(dir, '.shipready.yml'), `${config}baseline: ../elsewhere.json\n`);
    expect(await cli([])).toMatchObject({ code: 2, stderr: "shipready: .shipready.yml: baseline ../elsewhere.json: outside the config file's folder; keep the baseline beside the config or below it\n" });
    writeFileSync(join(dir, '.shipready.yml'), `${config}baseline: ops/missing.json\n`);
    // Which is what the message says to do: the file the config names is the one being written.
    expect((await cli(['--write-baseline', 'ops/missing.json'])).code).toBe(0);
    expect((await cli([])).code).toBe(0);
  });

  it('a missing or invalid baseline exits 2 and names the file', async () => {
    expect(await cli(['--baseline', 'missing.json'])).toMatchObject({
      code: 2,
      stderr: 'shipready: --baseline missing.json: no such file; create it with --write-baseline missing.json\n',
    });
    writeFileSync(join(dir, 'broken.json'), '{ "version": 1, ');
    const broken = await cli(['--baseline', 'broken.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^shipready: broken\.json:1:\d+: invalid JSON/);
    writeFileSync(join(dir, 'wrong.json'), '{\n  "version": 2,\n  "entries": [{ "ruleId": "docker/non-root", "file": "Dockerfile", "fingerprnt": "x" }]\n}\n');
    const wrong = await cli(['--baseline', 'wrong.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split('\n')).toEqual([
      'shipready: wrong.json:2:14: version: expected 1',
      'wrong.json:3:15: entries[0]: missing required key fingerprint',
      'wrong.json:3:68: entries[0].fingerprnt: unknown key; did you mean fingerprint?',
      '(wrong.json is not a shipready baseline; write one with --write-baseline wrong.json)',
      '',
    ]);
  });

  it('a FIFO given as the baseline is refused, not waited on', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    expect(await cli(['--baseline', 'pipe.json'])).toMatchObject({ code: 2, stderr: 'shipready: --baseline pipe.json: not a regular file\n' });
  });
});
