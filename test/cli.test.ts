/** The command line, in process through main(argv, io), and the built bundle as users run it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nonRoot from '../rules/docker/non-root/rule.ts';
import committedSecret from '../rules/env/committed-secret/rule.ts';
import imageTag from '../rules/k8s/image-tag/rule.ts';
import { HELP, main } from '../src/cli.ts';
import type { Rule } from '../src/rule.ts';
import { FORMATS } from '../src/reporters/index.ts';
import { VERSION } from '../src/version.ts';
import { gitRepository } from './git-fixture.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const ROOT_DOCKERFILE = 'FROM node:22\nCMD ["node", "server.js"]\n';
const NON_ROOT_LINE = '  1:6  error    the final stage (FROM node:22) never sets USER, so the container runs as root: add `USER node` after the last step that needs root  docker/non-root';

let tmp: string;
/** A repository with one Dockerfile that runs as root: one docker/non-root error. */
let failing: string;
/** A repository whose Dockerfile sets USER node: no finding, score 100. */
let clean: string;
/** No file any rule reads: nothing to assess. */
let empty: string;

function repo(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process with docker/non-root as the only rule (unless told), so outcomes do not move as rules are added. */
async function cli(argv: string[], io: { cwd?: string; isTTY?: boolean; env?: Record<string, string>; rules?: readonly Rule[] } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: io.isTTY ?? false,
    env: io.env ?? {},
    cwd: io.cwd ?? tmp,
    now: NOW,
    rules: io.rules ?? [nonRoot],
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-cli-'));
  failing = repo('failing', { Dockerfile: ROOT_DOCKERFILE });
  clean = repo('clean', { Dockerfile: 'FROM node:22\nUSER node\nCMD ["node", "server.js"]\n' });
  empty = repo('empty', { 'README.md': '# nothing to see\n' });
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** One test per flag that HELP documents; the first test keeps the two lists equal. */
const FLAG_TESTS: Record<string, () => Promise<void>> = {
  '--format': async () => {
    const prefixes: Record<(typeof FORMATS)[number], string> = {
      text: 'Dockerfile\n',
      json: '{\n  "version"',
      sarif: '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json"',
      github: '::error file=Dockerfile,line=1,col=6,endLine=1,endColumn=13,title=docker/non-root%3A The container runs as a non-root user::',
      markdown: '## shipready readiness: **0/100**, grade **F**\n',
      html: '<!doctype html>\n',
    };
    for (const format of FORMATS) {
      const r = await cli([failing, '--format', format]);
      expect(r.code, format).toBe(1);
      expect(r.stdout.startsWith(prefixes[format]), `${format}: ${r.stdout.slice(0, 80)}`).toBe(true);
    }
    const json = JSON.parse((await cli([failing, '--format=json'])).stdout);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['docker/non-root']);
  },
  '--output': async () => {
    const out = join(tmp, 'report.sarif');
    const r = await cli([failing, '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].results).toHaveLength(1);
    expect(r.stderr).toBe("shipready: gate failed: 1 finding at or above 'error'\n");
    // Relative to the working directory; text written to a file has no colour even on a terminal.
    const text = await cli(['failing', '--output', 'report.txt'], { isTTY: true });
    expect(text.stdout).toBe('');
    expect(readFileSync(join(tmp, 'report.txt'), 'utf8')).toContain(`${NON_ROOT_LINE}\n`);
    expect(readFileSync(join(tmp, 'report.txt'), 'utf8')).not.toContain('\u001b[');
    const bad = await cli([failing, '--output', join(tmp, 'no', 'such', 'dir', 'r.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^shipready: --output .*r\.txt: cannot write \(ENOENT\)\n$/);
  },
  '--fail-on': async () => {
    expect((await cli([failing])).code).toBe(1);
    expect((await cli([failing, '--fail-on', 'error'])).code).toBe(1);
    expect((await cli([failing, '--fail-on', 'never'])).code).toBe(0);
    const asWarning = ['--rule', 'docker/non-root=warning'];
    expect((await cli([failing, ...asWarning])).code).toBe(0);
    expect((await cli([failing, ...asWarning, '--fail-on', 'warning'])).code).toBe(1);
    expect((await cli([failing, ...asWarning, '--fail-on', 'info'])).code).toBe(1);
    const asInfo = ['--rule', 'docker/non-root=info'];
    expect((await cli([failing, ...asInfo, '--fail-on', 'warning'])).code).toBe(0);
    expect((await cli([failing, ...asInfo, '--fail-on', 'info'])).code).toBe(1);
    const bad = await cli([failing, '--fail-on', 'fatal']);
    expect(bad).toMatchObject({ code: 2, stdout: '', stderr: 'shipready: --fail-on fatal: expected one of error, warning, info, never\n' });
  },
  '--min-score': async () => {
    expect((await cli([clean, '--min-score', '100'])).code).toBe(0);
    const low = await cli([failing, '--fail-on', 'never', '--min-score', '50']);
    expect(low.code).toBe(1);
    expect(low.stdout).toContain('Gate failed: score 0 below 50\n');
    expect((await cli([failing, '--fail-on', 'never', '--min-score', '0'])).code).toBe(0);
    // Nothing to assess is not a pass under a score gate: a mistyped path must not gate nothing.
    const nothing = await cli([empty, '--min-score', '90']);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain('Gate failed: no score to hold to 90: the path holds nothing shipready reads\n');
    expect((await cli([empty])).code).toBe(0);
    for (const value of ['101', '-1', '7.5', 'high']) {
      const bad = await cli([clean, `--min-score=${value}`]);
      expect(bad.code, value).toBe(2);
      expect(bad.stderr).toBe(`shipready: --min-score ${value}: expected a whole number from 0 to 100\n`);
    }
  },
  '--config': async () => {
    const config = join(tmp, 'lenient.yml');
    writeFileSync(config, 'rules:\n  docker/non-root: warning\n');
    expect((await cli([failing, '--config', config])).code).toBe(0);
    expect((await cli([failing, '--config', config, '--fail-on', 'warning'])).code).toBe(1);
    const missing = await cli([failing, '--config', join(tmp, 'missing.yml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--config');
    expect(missing.stderr).toContain('missing.yml');
  },
  '--write-baseline': async () => {
    const file = join(tmp, 'write-baseline.json');
    const r = await cli([failing, '--write-baseline', file]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(`shipready: wrote 1 findings to ${file}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8')).entries).toMatchObject([{ ruleId: 'docker/non-root', file: 'Dockerfile' }]);
  },
  '--baseline': async () => {
    const file = join(tmp, 'baseline.json');
    await cli([failing, '--write-baseline', file]);
    const r = await cli([failing, '--baseline', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' (baselined)  docker/non-root\n');
    const sarif = JSON.parse((await cli([failing, '--baseline', file, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].results[0].baselineState).toBe('unchanged');
    const missing = await cli([failing, '--baseline', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--baseline');
  },
  '--new-since': async () => {
    // The finding is in HEAD already: nothing new gates (the describe block below has the rest).
    const dir = join(tmp, 'flag-new-since');
    const git = gitRepository(dir, tmp);
    writeFileSync(join(dir, 'Dockerfile'), ROOT_DOCKERFILE);
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    const r = await cli([dir, '--new-since', 'HEAD']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(NON_ROOT_LINE);
    expect(r.stdout).toContain('Since HEAD: 0 new findings, 0 fixed findings\n');
  },
  '--max-score-drop': async () => {
    const clean = join(tmp, 'drop');
    const git = gitRepository(clean, tmp);
    writeFileSync(join(clean, 'Dockerfile'), `${ROOT_DOCKERFILE}USER node\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'clean');
    writeFileSync(join(clean, 'Dockerfile'), ROOT_DOCKERFILE);
    const fell = await cli([clean, '--new-since', 'HEAD', '--max-score-drop', '10', '--fail-on', 'never']);
    expect(fell.code).toBe(1);
    expect(fell.stdout).toContain('Gate failed: score fell by 100 since HEAD (100 → 0), more than 10\n');
    expect((await cli([clean, '--new-since', 'HEAD', '--max-score-drop', '100', '--fail-on', 'never'])).code).toBe(0);
    // A score that rises passes even a drop of 0.
    git('commit', '-q', '-am', 'root');
    writeFileSync(join(clean, 'Dockerfile'), `${ROOT_DOCKERFILE}USER node\n`);
    expect((await cli([clean, '--new-since', 'HEAD', '--max-score-drop', '0', '--fail-on', 'never'])).code).toBe(0);
    // A score that went away fell all the way: the path now holds nothing shipready reads.
    rmSync(join(clean, 'Dockerfile'));
    const gone = await cli([clean, '--new-since', 'HEAD~1', '--max-score-drop', '50', '--fail-on', 'never']);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain('Gate failed: score had 100 at HEAD~1 and now has nothing to assess\n');
    const alone = await cli([clean, '--max-score-drop', '5']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe("shipready: --max-score-drop needs --new-since REF: the score it may not fall below is that revision's\n");
  },
  '--rule': async () => {
    expect((await cli([failing, '--rule', 'docker/non-root=off'])).code).toBe(0);
    const unknown = await cli([failing, '--rule', 'docker/non-rot=off']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--rule docker/non-rot=off');
    expect((await cli([failing, '--rule', 'docker/non-root'])).code).toBe(2);
  },
  '--manifests': async () => {
    // Standard input is read as Kubernetes manifests named <stdin>, in addition to the scanned path.
    const rendered = '---\n# Source: api/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:latest\n';
    const run = async (argv: string[], stdin?: () => Promise<string>) => {
      let stdout = '';
      let stderr = '';
      const code = await main(argv, {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        isTTY: false,
        env: {},
        cwd: tmp,
        now: NOW,
        rules: [nonRoot, imageTag],
        stdin,
      });
      return { code, stdout, stderr };
    };
    const piped = await run([failing, '--manifests', '-', '--format', 'json'], async () => rendered);
    const findings = JSON.parse(piped.stdout).findings as { ruleId: string; file: string; line: number }[];
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['k8s/image-tag', '<stdin>', 12],
      ['docker/non-root', 'Dockerfile', 1],
    ]);
    const terminal = await run([clean, '--manifests', '-']);
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toContain('--manifests -: standard input is a terminal');
    expect((await run([clean, '--manifests', 'rendered.yaml'], async () => rendered)).stderr).toContain('--manifests rendered.yaml: only `-`');
  },
  '--quiet': async () => {
    const warning = await cli([failing, '--rule', 'docker/non-root=warning', '--quiet']);
    expect(warning.stdout).not.toContain('Dockerfile');
    expect(warning.stdout).toContain('1 problem (0 errors, 1 warning, 0 info)\n');
    expect((await cli([failing, '--quiet'])).stdout).toContain(`${NON_ROOT_LINE}\n`);
  },
  '--no-color': async () => {
    expect((await cli([failing], { isTTY: true })).stdout).toContain('\u001b[31merror  \u001b[39m');
    expect((await cli([failing, '--no-color'], { isTTY: true })).stdout).not.toContain('\u001b[');
    expect((await cli([failing], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli([failing], { isTTY: false })).stdout).not.toContain('\u001b[');
  },
  '--version': async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  },
  '--help': async () => {
    expect(await cli(['--help'])).toEqual({ code: 0, stdout: HELP, stderr: '' });
    expect((await cli([failing, '--format', 'json', '--help'])).stdout).toBe(HELP);
  },
};

describe('flags', () => {
  it('HELP documents exactly the flags tested here', () => {
    const documented = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(FLAG_TESTS).sort());
  });
  for (const [flag, test] of Object.entries(FLAG_TESTS)) it(flag, test);
});

describe('exit codes and usage errors', () => {
  it('0 when the gate passes, 1 when it fails; the text report ends with why', async () => {
    const pass = await cli([clean]);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toBe(
      '0 problems (0 errors, 0 warnings, 0 info)\nReadiness score: 100/100, grade A\n  security 100\n  5 of 5 weighted checks passed (error 5, warning 2, info 1)\n',
    );
    const fail = await cli([failing]);
    expect(fail.code).toBe(1);
    expect(fail.stdout.split('\n').slice(0, 2)).toEqual(['Dockerfile', NON_ROOT_LINE]);
    expect(fail.stdout.endsWith("Gate failed: 1 finding at or above 'error'\n")).toBe(true);
    expect(fail.stderr).toBe('');
  });

  it('lints the working directory by default and says when there is nothing to assess', async () => {
    expect((await cli([], { cwd: failing })).code).toBe(1);
    const r = await cli([], { cwd: empty });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Readiness score: nothing to assess (no rule applied to this repository)\n');
  });

  it('2 for an unknown flag, naming it', async () => {
    const r = await cli([failing, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("'--frobnicate'");
    expect(r.stderr).toContain('Run shipready --help for usage.');
  });

  it('2 for a flag without its value', async () => {
    const r = await cli([failing, '--format']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format');
  });

  it('2 for an unknown format, listing the formats', async () => {
    const r = await cli([failing, '--format', 'xml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'shipready: --format xml: expected one of text, json, sarif, github, markdown, html\n' });
  });

  it('2 for a path that does not exist, with a readable message and no stack trace', async () => {
    const r = await cli(['does/not/exist']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'shipready: does/not/exist: no such directory\n' });
  });

  it('2 for a file given as the path', async () => {
    const r = await cli(['failing/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("shipready: failing/Dockerfile: not a directory; give the repository's folder (default: the current directory)\n");
  });

  it('2 for two paths', async () => {
    const r = await cli([failing, clean]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`shipready: one path at most (got 2: ${failing} ${clean})\n`);
  });

  it('quotes repository text on stderr without control characters, workflow commands or secret values', async () => {
    const hostileKey = repo('hostile-config', {
      Dockerfile: ROOT_DOCKERFILE,
      '.shipready.yml': 'rules:\n  "x\\u001b]0;pwned\\u0007\\n::error::owned": error\n',
    });
    const r = await cli([hostileKey]);
    expect(r.code).toBe(2);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(r.stderr.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    expect(r.stderr).toContain('unknown rule id');
    const badJson = repo('bad-json-config', { Dockerfile: ROOT_DOCKERFILE, '.shipready.json': '{"rules": sk-live-4f9a2c}\n' });
    const j = await cli([badJson]);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/^shipready: \.shipready\.json:1:\d+: invalid JSON/);
    expect(j.stderr).not.toContain('sk-live');
  });

  it('never writes --output or --write-baseline through a link the linted repository holds', async () => {
    const outside = join(tmp, 'outside.txt');
    writeFileSync(outside, 'precious\n');
    const linked = repo('linked-output', { Dockerfile: ROOT_DOCKERFILE });
    symlinkSync(outside, join(linked, 'report.json'));
    mkdirSync(join(tmp, 'elsewhere'), { recursive: true });
    symlinkSync(join(tmp, 'elsewhere'), join(linked, 'reports'));
    for (const argv of [['--output', join(linked, 'report.json')], ['--write-baseline', join(linked, 'report.json')], ['--output', join(linked, 'reports', 'r.json')]]) {
      const r = await cli([linked, '--format', 'json', ...argv]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^shipready: --(?:output|write-baseline) .+: (?:is a symbolic link inside the linted repository|is in a folder of the linted repository that links outside it)/);
    }
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
    expect(existsSync(join(tmp, 'elsewhere', 'r.json'))).toBe(false);
    // Outside the linted root, the target is the user's to choose; the write replaces the file whole.
    const r = await cli([linked, '--format', 'json', '--output', join(tmp, 'plain-report.json')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(tmp, 'plain-report.json'), 'utf8')).version).toBeDefined();
  });

  it('does not read a config or baseline that the repository links to a file outside it', async () => {
    const secret = join(tmp, 'outside-config.yml');
    writeFileSync(secret, 'rules:\n  docker/non-root: off\n');
    const linkedConfig = repo('linked-config', { Dockerfile: ROOT_DOCKERFILE });
    symlinkSync(secret, join(linkedConfig, '.shipready.yml'));
    const r = await cli([linkedConfig]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('shipready: .shipready.yml: a symbolic link to a file outside the linted repository, not read\n');
    const linkedBaseline = repo('linked-baseline', { Dockerfile: ROOT_DOCKERFILE });
    symlinkSync(secret, join(linkedBaseline, 'baseline.json'));
    const b = await cli([linkedBaseline, '--baseline', join(linkedBaseline, 'baseline.json')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^shipready: --baseline .*baseline\.json: a symbolic link to a file outside the linted repository, not read\n$/);
  });

  it('github annotations carry paths relative to GITHUB_WORKSPACE', async () => {
    const r = await cli(['failing', '--format', 'github'], { env: { GITHUB_WORKSPACE: tmp } });
    expect(r.stdout).toContain('::error file=failing/Dockerfile,line=1,col=6,');
    expect(r.stderr).toBe("shipready: gate failed: 1 finding at or above 'error'\n");
  });
});

describe('--new-since', () => {
  /** A repository whose first commit runs one image as root; the second adds another; the third fixes the first. */
  let history: string;
  beforeAll(() => {
    history = join(tmp, 'new-since');
    const git = gitRepository(history, tmp);
    writeFileSync(join(history, 'README.md'), '# r\n');
    mkdirSync(join(history, 'old'));
    writeFileSync(join(history, 'old', 'Dockerfile'), ROOT_DOCKERFILE);
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    mkdirSync(join(history, 'new'));
    writeFileSync(join(history, 'new', 'Dockerfile'), ROOT_DOCKERFILE);
    git('add', '.');
    git('commit', '-q', '-m', 'two');
    git('tag', 'two');
    writeFileSync(join(history, 'old', 'Dockerfile'), `${ROOT_DOCKERFILE}USER node\n`);
    git('commit', '-q', '-am', 'three');
  });

  it('gates only on what the revision does not have, and says what was fixed', async () => {
    const r = await cli([history, '--new-since', 'HEAD~2', '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Since HEAD~2: 1 new finding, 1 fixed finding\n');
    expect(r.stdout.endsWith("Gate failed: 1 finding at or above 'error' new since HEAD~2\n")).toBe(true);
  });

  it('passes when every finding was there already, though findings remain', async () => {
    const r = await cli([history, '--new-since', 'two', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).counts.error).toBe(1);
    expect(r.stderr).toBe('shipready: since two: 0 new findings, 1 fixed finding\n');
  });

  it('lints a subfolder against the same subfolder of the revision', async () => {
    const r = await cli([join(history, 'new'), '--new-since', 'HEAD~1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Since HEAD~1: 0 new findings, 0 fixed findings\n');
  });

  it('finds nothing new where nothing changed: a linked Dockerfile, a config outside the folder, a submodule', async () => {
    const dir = join(tmp, 'unchanged');
    const git = gitRepository(dir, tmp);
    mkdirSync(join(dir, 'services', 'api', 'docker'), { recursive: true });
    writeFileSync(join(dir, 'services', 'api', 'docker', 'Dockerfile'), ROOT_DOCKERFILE);
    symlinkSync('docker/Dockerfile', join(dir, 'services', 'api', 'Dockerfile'));
    // A config at the root that brings examples into production: linted without it, the base would lack their findings.
    writeFileSync(join(dir, '.shipready.yml'), 'production:\n  - "**/examples/**"\n');
    mkdirSync(join(dir, 'services', 'api', 'examples'));
    writeFileSync(join(dir, 'services', 'api', 'examples', 'Dockerfile'), ROOT_DOCKERFILE);
    const sub = join(tmp, 'unchanged-sub');
    const subGit = gitRepository(sub, tmp);
    writeFileSync(join(sub, 'Dockerfile'), ROOT_DOCKERFILE);
    subGit('add', '.');
    subGit('commit', '-q', '-m', 'sub');
    git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', sub, 'services/api/vendor/tool');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(dir, 'README.md'), '# r\n');
    git('add', '.');
    git('commit', '-q', '-m', 'docs');
    const r = await cli([join(dir, 'services', 'api'), '--config', join(dir, '.shipready.yml'), '--new-since', 'HEAD~1']);
    expect(r.stdout).toContain('Since HEAD~1: 0 new findings, 0 fixed findings\n');
    expect(r.code).toBe(0);
    // The head sees all three: the linked Dockerfile, the example production judges, the submodule's.
    expect(JSON.parse((await cli([join(dir, 'services', 'api'), '--config', join(dir, '.shipready.yml'), '--format', 'json'])).stdout).counts.error).toBe(4);
  });

  it("reads the revision's ignore rules from above the folder too: nothing is counted fixed that is not", async () => {
    // The root's .gitignore keeps .env out of services/api: the head asks git, and so must the revision.
    const dir = join(tmp, 'ignored-above');
    const git = gitRepository(dir, tmp);
    mkdirSync(join(dir, 'services', 'api', 'src'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), '.env\n');
    writeFileSync(join(dir, 'services', 'api', 'package.json'), JSON.stringify({ name: 'api', scripts: { start: 'node src/index.js' }, dependencies: { dotenv: '^16.0.0', express: '^4.0.0' } }));
    writeFileSync(join(dir, 'services', 'api', 'src', 'index.js'), "require('dotenv').config();\nrequire('express')().listen(3000);\n");
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(dir, 'README.md'), '# r\n');
    git('add', '.');
    git('commit', '-q', '-m', 'docs');
    const r = await cli([join(dir, 'services', 'api'), '--new-since', 'HEAD~1'], { rules: [committedSecret] });
    expect(r.stdout).toContain('Since HEAD~1: 0 new findings, 0 fixed findings\n');
  });

  it('lints the revision without the baseline its config names (compared finding by finding instead)', async () => {
    const dir = join(tmp, 'with-baseline-key');
    const git = gitRepository(dir, tmp);
    mkdirSync(join(dir, 'services', 'api'), { recursive: true });
    writeFileSync(join(dir, 'services', 'api', 'Dockerfile'), ROOT_DOCKERFILE);
    writeFileSync(join(dir, '.shipready.yml'), 'baseline: shipready-baseline.json\n');
    writeFileSync(join(dir, 'shipready-baseline.json'), JSON.stringify({ version: 1, tool: 'shipready', entries: [] }));
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const r = await cli([join(dir, 'services', 'api'), '--config', join(dir, '.shipready.yml'), '--new-since', 'HEAD']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Since HEAD: 0 new findings, 0 fixed findings\n');
    expect(r.code).toBe(0);
  });

  it('follows renames: a moved file keeps its findings, which are not new', async () => {
    const dir = join(tmp, 'renamed');
    const git = gitRepository(dir, tmp);
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'Dockerfile'), `# the API\n${ROOT_DOCKERFILE}`);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('mv', 'api', 'server');
    git('commit', '-q', '-m', 'rename');
    const r = await cli([dir, '--new-since', 'HEAD~1']);
    expect(r.stdout).toContain('server/Dockerfile\n  2:6  error');
    expect(r.stdout).toContain('Since HEAD~1: 0 new findings, 0 fixed findings\n');
    expect(r.code).toBe(0);
  });

  it('is a usage error for a ref git does not know, or outside a work tree', async () => {
    const unknown = await cli([history, '--new-since', 'no-such-branch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('shipready: --new-since no-such-branch: git knows no commit by that name here (fetch it first)\n');
    expect(unknown.stdout).toBe('');
    const outside = await cli([failing, '--new-since', 'HEAD'], { env: { GIT_CEILING_DIRECTORIES: tmp } });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^shipready: --new-since HEAD: .* is not inside a git work tree\n$/);
  });
});

describe('the built bundle', () => {
  const bundle = new URL('../dist/cli.js', import.meta.url).pathname;
  const projectRoot = new URL('..', import.meta.url).pathname;

  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'pipe' });
  }, 120_000);

  it('starts with a shebang and runs under node', () => {
    expect(existsSync(bundle)).toBe(true);
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
  });

  it('exits 1 on a Dockerfile FROM node:22 with no USER, and 2 on a bad path', () => {
    const repository = mkdtempSync(join(tmpdir(), 'shipready-bundle-'));
    try {
      writeFileSync(join(repository, 'Dockerfile'), ROOT_DOCKERFILE);
      const r = spawnSync(process.execPath, [bundle, repository, '--no-color'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(NON_ROOT_LINE);
      const bad = spawnSync(process.execPath, [bundle, join(repository, 'missing')], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^shipready: .*missing: no such directory\n$/);
    } finally {
      rmSync(repository, { recursive: true, force: true });
    }
  });
});
