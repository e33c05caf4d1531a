/**
 * End to end on hostile input: the BUILT CLI (dist/cli.js, `npm run build`) over a repository of
 * broken YAML, alias bombs, deep nesting, binary, huge and one-line files, a FIFO, links out of the
 * root and hostile file names. It must finish well under a minute and 1.5 GB, name every file it
 * could not parse, still report the real finding, and exit 0/1/2 with a message, never a stack trace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');
const RSS_MARK = 'shipready-test-maxrss-kb=';
/** Preloaded into the CLI process: reports its own peak RSS (getrusage ru_maxrss) when it exits. */
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${RSS_MARK}'+process.resourceUsage().maxRSS+'\\n'))`;
const MiB = 1024 * 1024;
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;

const HOSTILE_NAME = '<img src=x onerror=alert(1)> 100%,a:b.yaml';
const NEWLINE_NAME = 'new\nline.yaml';

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parse errors the run must name: path → what the message says. */
const PARSE_ERRORS: Record<string, RegExp> = {
  'k8s/broken.yaml': /could not be parsed: .+/,
  'k8s/lol.yaml': /aliases expand past the limit of 1000 expansions/,
  'k8s/deep-flow.yaml': /nested deeper than 256 levels/,
  'k8s/open-brackets.yaml': /nested deeper than 256 levels/,
  'packages/deep/package.json': /nested deeper than 256 levels/,
  'bin/Dockerfile': /binary content/,
  'utf16/.env.production': /UTF-16/,
  [HOSTILE_NAME]: /could not be parsed/,
  [NEWLINE_NAME]: /could not be parsed/,
};

let tmp: string;
let root: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-hostile-'));
  root = join(tmp, 'repo');
  const outside = join(tmp, 'outside');
  const write = (path: string, content: string | Uint8Array) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, '.env.production'), 'API_TOKEN=outside-secret\n');

  // The one real finding: a Dockerfile that runs as root.
  write('Dockerfile', 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n');
  write('package.json', '{ "name": "api", "version": "1.0.0", "scripts": { "start": "node server.js" } }\n');

  write('k8s/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [1, 2\n  b: "unterminated\n');
  write('k8s/lol.yaml', aliasBomb());
  write('k8s/deep-flow.yaml', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
  write('k8s/open-brackets.yaml', '['.repeat(4 * MiB));
  write('k8s/many-tokens.yaml', `[${','.repeat(1_000_000)}]\n`);
  write('packages/deep/package.json', `{"a":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`);
  write('k8s/long-line.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  blob: ${'x'.repeat(4 * MiB)}\n`);
  write('long/Dockerfile', `FROM node:22\nUSER node\nRUN echo ${'x '.repeat(2 * MiB)}\n`);
  write('long/api.Dockerfile', `FROM node:22\nUSER node\nRUN echo ${'x'.repeat(200 * 1024)}\n`);
  write('scripts/deep.sh', `#!/bin/sh\n${'$('.repeat(2 * MiB)}\n`);
  write('long/.env.production', `BLOB=${'y'.repeat(4 * MiB)}\n`);
  write('long/src/index.js', `export const blob = "${'z'.repeat(4 * MiB)}";\n`);
  write('huge/.env.production', `A=${'x'.repeat(6 * MiB)}\n`);
  write('bin/Dockerfile', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
  write('utf16/.env.production', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x3d, 0x00, 0x31, 0x00]));
  write('crlf/.env.production', '\ufeffPORT=3000\r\nLOG_LEVEL=info\r\n');
  write('invalid-utf8/.env.production', new Uint8Array([0x41, 0x3d, 0xc3, 0x28, 0xff, 0x0a]));
  write('mkdocs.yml', 'site_name: docs\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n');
  write('.github/dependabot.yml', 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: "/"\n    schedule: { interval: weekly }\n');
  write('chart/Chart.yaml', 'apiVersion: v2\nname: api\nversion: 1.0.0\n');
  write('chart/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.x }}\nspec:\n  {{- include "x" . | nindent 2 }}\n');
  write(HOSTILE_NAME, 'apiVersion: v1\nkind: [\n');
  write(NEWLINE_NAME, 'services:\n  api:\n    image: [x\n');
  write('-leading-dash.env', 'A=1\n');
  write('ünïcødé 日本.yaml', 'a: 1\n');
  write(`${Array.from({ length: 80 }, (_, i) => `d${i}`).join('/')}/Dockerfile`, 'FROM node:22\n');

  execFileSync('mkfifo', [join(root, 'k8s', 'fifo.yaml'), join(root, 'fifo.Dockerfile')]);
  symlinkSync(outside, join(root, 'escape'));
  symlinkSync(join(outside, '.env.production'), join(root, '.env'));
  symlinkSync('/etc/passwd', join(root, 'passwd.env'));
  symlinkSync('.', join(root, 'self-loop'));
  symlinkSync('loop-b.yaml', join(root, 'loop-a.yaml'));
  symlinkSync('loop-a.yaml', join(root, 'loop-b.yaml'));
  symlinkSync('nowhere.yaml', join(root, 'broken-link.yaml'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  rssMiB: number;
}

function cli(args: string[]): CliRun {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * MiB });
  const mark = child.stderr.split('\n').find((line) => line.startsWith(RSS_MARK));
  return {
    code: child.status,
    signal: child.signal,
    stdout: child.stdout,
    stderr: child.stderr.replace(/\n?shipready-test-maxrss-kb=\d+\n/, ''),
    ms: performance.now() - start,
    rssMiB: mark ? Number(mark.slice(RSS_MARK.length)) / 1024 : Number.NaN,
  };
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

describe('hostile repository through the built CLI', () => {
  it('finishes fast and small, names every unparsable file and still reports the real finding', () => {
    expect(existsSync(CLI), 'dist/cli.js is missing: run `npm run build`').toBe(true);
    const output = join(tmp, 'report.sarif');
    const run = cli([root, '--format', 'sarif', '--output', output]);

    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code, run.stderr).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
    expect(run.rssMiB).toBeLessThan(1024);

    const sarif = JSON.parse(readFileSync(output, 'utf8')) as { version: string; runs: { results: SarifResult[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]?.results ?? [];
    const fileOf = (r: SarifResult) => decodeURIComponent(r.locations[0]?.physicalLocation.artifactLocation.uri ?? '');

    const nonRoot = results.filter((r) => r.ruleId === 'docker/non-root').map((r) => [fileOf(r), r.locations[0]?.physicalLocation.region.startLine]);
    expect(nonRoot).toContainEqual(['Dockerfile', 1]);

    const parseErrors = new Map(results.filter((r) => r.ruleId === 'shipready/parse-error').map((r) => [fileOf(r), r.message.text]));
    for (const [path, reason] of Object.entries(PARSE_ERRORS)) {
      expect(parseErrors.get(path), `parse error for ${JSON.stringify(path)}`).toMatch(reason);
      expect(parseErrors.get(path)).toContain(path); // the message names the file, hostile name intact
    }
    // Files that are fine, merely unusual, are not parse errors.
    for (const path of ['mkdocs.yml', '.github/dependabot.yml', 'chart/Chart.yaml', 'k8s/long-line.yaml', 'long/api.Dockerfile', 'long/.env.production', 'long/src/index.js', 'crlf/.env.production', 'invalid-utf8/.env.production', 'ünïcødé 日本.yaml']) {
      expect(parseErrors.has(path), `no parse error for ${path}`).toBe(false);
    }
    expect([...parseErrors.keys()].some((p) => p.startsWith('chart/templates/'))).toBe(false);

    const skipped = results.filter((r) => r.ruleId === 'shipready/skipped-file').map(fileOf).sort();
    expect(skipped).toEqual(['huge/.env.production', 'k8s/many-tokens.yaml', 'long/Dockerfile', 'scripts/deep.sh']);

    // Nothing outside the root was read: neither the linked folder nor the linked files.
    const files = new Set(results.map(fileOf));
    expect([...files].filter((f) => f.startsWith('escape/') || f === '.env' || f === 'passwd.env')).toEqual([]);
    expect(readFileSync(output, 'utf8')).not.toContain('outside-secret');
  });

  it('reports the notices of skipped links, FIFOs, templates and deep folders in the JSON report', () => {
    const run = cli([root, '--format', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { notices: { message: string }[] };
    const notices = report.notices.map((n) => n.message);
    expect(notices).toEqual(
      expect.arrayContaining([
        'escape: symbolic link to a path outside the scanned root, not followed',
        '.env: symbolic link to a path outside the scanned root, not followed',
        'passwd.env: symbolic link to a path outside the scanned root, not followed',
        'loop-a.yaml: symbolic link loop, skipped',
        'broken-link.yaml: broken symbolic link, skipped',
        'k8s/fifo.yaml: not a regular file (a FIFO, socket or device), not read',
        'fifo.Dockerfile: not a regular file (a FIFO, socket or device), not read',
        expect.stringMatching(/^chart\/templates: Helm chart templates are not YAML until rendered/),
        expect.stringMatching(/nested deeper than 64 folders, not read$/),
      ]),
    );
  });

  it('ends with exit code 2 and a one-line message when the root is not a readable folder', () => {
    for (const target of [join(tmp, 'does-not-exist'), join(root, 'Dockerfile'), join(root, 'k8s', 'fifo.yaml'), join(root, 'broken-link.yaml')]) {
      const run = cli([target]);
      expect(run.code, `${target}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/^shipready: .+\n$/);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
  });
});

describe('patterns from repository text through the built CLI', () => {
  /** One repository per reproducer: each ended in an internal error or ran past 30 s before patterns were compiled safely. */
  const REPRODUCERS: Record<string, Record<string, string>> = {
    'a .gitignore line of 32 KiB': { '.gitignore': `${'a'.repeat(32_768)}\nnode_modules\n` },
    'an invalid bracket range in a COPY an ENTRYPOINT resolves against': {
      Dockerfile: 'FROM node:22-alpine\nCOPY [z-a] /app/\nUSER node\nENTRYPOINT ["/app/start.sh"]\n',
    },
    'a COPY glob of 25 stars against a 200-character file name': {
      Dockerfile: `FROM node:22-alpine\nCOPY ${'*'.repeat(25)}y.sh /app/\nUSER node\nENTRYPOINT ["/app/${'x'.repeat(200)}.sh"]\n`,
      [`${'x'.repeat(200)}.sh`]: '#!/bin/sh\nexec node server.js\n',
    },
    'an invalid bracket range and 25 stars in an nginx include': {
      'nginx/nginx.conf': `events {}\nhttp {\n  include conf.d/[z-a].conf;\n  include conf.d/${'*'.repeat(25)}y.conf;\n}\n`,
      [`nginx/conf.d/${'x'.repeat(200)}.conf`]: 'server { listen 80; location / { return 200; } }\n',
    },
    '1,600 nested duplicate labels in a JS file (Babel recovery made over a million errors)': {
      'package.json': '{ "name": "api", "private": true, "main": "src/index.js", "scripts": { "test": "node --test" }, "dependencies": { "express": "^5.1.0" } }\n',
      'src/index.js': `${'k:\n'.repeat(1600)}export const a = 1;\n`,
    },
    'a catastrophic nginx location regex': {
      'nginx/nginx.conf': `events {}\nhttp {\n  server {\n    listen 80;\n    location ~ ^(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*$ { proxy_pass http://app:3000; }\n  }\n}\n`,
    },
  };

  for (const [what, files] of Object.entries(REPRODUCERS)) {
    it(`reports, within seconds, on ${what}`, () => {
      const root = mkdtempSync(join(tmpdir(), 'shipready-patterns-'));
      try {
        writeFileSync(join(root, 'package.json'), '{ "name": "api", "private": true, "scripts": { "test": "node --test" } }\n');
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(join(root, path, '..'), { recursive: true });
          writeFileSync(join(root, path), text);
        }
        const run = cli([root, '--format', 'json']);
        expect(run.signal, 'killed by the 60 s timeout').toBeNull();
        expect(run.stderr).not.toMatch(/internal error/);
        expect([0, 1], run.stderr).toContain(run.code);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
        expect(run.rssMiB).toBeLessThan(1024);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
