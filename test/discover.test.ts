/**
 * Discovery (walk, .gitignore, links, non-regular files, size and structure bounds, decoding) and
 * the YAML step of the model builder (parse errors, alias bombs, tags, classification by content).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.ts';
import { type Discovery, decodeSourceFile, discover, type FileProblem, MAX_YAML_DEPTH, MAX_YAML_TOKENS, yamlStructureProblem } from '../src/discover.ts';
import { buildModel } from '../src/model/build.ts';
import type { ArtifactKind, SourceFile } from '../src/types.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-discover-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

let repoCount = 0;
/** Writes a repository (path → text or bytes) under a fresh folder and returns the folder. */
function repo(files: Record<string, string | Uint8Array>): string {
  const dir = join(tmp, `repo-${++repoCount}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Discovery, failing fast instead of hanging should it ever block on a FIFO. */
async function discoverWithin(root: string, options: { ignore?: string[]; maxFileBytes?: number } = {}, ms = 10_000): Promise<Discovery> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`discover() did not return within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([discover({ root, ...options }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const HINT = ' (exclude it with `ignore` in .shipready.yml if it is generated)';
const paths = (d: Discovery) => d.files.map((f) => f.path).sort();
const notices = (d: Discovery) => d.notices.map((n) => n.message);

describe('ignore rules', () => {
  it('honours nested .gitignore files relative to their folder, nearest first, with negations', async () => {
    const root = repo({
      '.gitignore': 'dist/\n.env.local\n*.log.yaml\n',
      'dist/Dockerfile': 'FROM node:22\n',
      '.env.local': 'A=1\n',
      'Dockerfile': 'FROM node:22\n',
      'generated.yaml': 'a: 1\n',
      'build.log.yaml': 'a: 1\n',
      'svc/.gitignore': '!.env.local\ngenerated.yaml\n/only-here.yaml\n',
      'svc/.env.local': 'A=1\n',
      'svc/generated.yaml': 'a: 1\n',
      'svc/only-here.yaml': 'a: 1\n',
      'svc/deeper/only-here.yaml': 'a: 1\n',
      'svc/deeper/generated.yaml': 'a: 1\n',
      'svc/deeper/x.log.yaml': 'a: 1\n',
    });
    // Not read: dist/ and .env.local (root file), svc/generated.yaml and svc/deeper/generated.yaml (an unanchored
    // pattern applies below its folder), svc/only-here.yaml (anchored), svc/deeper/x.log.yaml (the root file
    // applies where nothing nearer decides). Read: svc/.env.local (a nearer negation wins).
    expect(paths(await discoverWithin(root))).toEqual([
      '.gitignore',
      'Dockerfile',
      'generated.yaml',
      'svc/.env.local',
      'svc/.gitignore',
      'svc/deeper/only-here.yaml',
    ]);
  });

  it('reads tracked files a .gitignore matches, as git does (it ignores only untracked files); config ignore still wins', async () => {
    const root = repo({ '.gitignore': '.env*\ngenerated/\n', '.env.example': 'A=\n', '.env': 'A=1\n', 'generated/Dockerfile': 'FROM node:22\n', 'generated/other.yaml': 'a: 1\n' });
    const trackedFiles = new Set(['.gitignore', '.env.example', 'generated/Dockerfile']);
    const tracked = { file: (p: string) => trackedFiles.has(p), dir: (d: string) => [...trackedFiles].some((p) => p.startsWith(`${d}/`)) };
    expect(paths(await discover({ root, tracked }))).toEqual(['.env.example', '.gitignore', 'generated/Dockerfile']);
    expect(paths(await discover({ root, tracked, ignore: ['.env.example'] }))).toEqual(['.gitignore', 'generated/Dockerfile']);
  });

  it('applies config ignore globs from the root, over any .gitignore negation', async () => {
    const root = repo({
      'fixtures/Dockerfile': 'FROM node:22\n',
      'fixtures/.gitignore': '!Dockerfile\n',
      'deploy/k8s.generated.yaml': 'a: 1\n',
      'deploy/k8s.yaml': 'a: 1\n',
    });
    const found = paths(await discoverWithin(root, { ignore: ['fixtures/', '*.generated.yaml'] }));
    expect(found).toEqual(['deploy/k8s.yaml']);
  });

  it('never reads node_modules or .git', async () => {
    const root = repo({
      'node_modules/pkg/package.json': '{}',
      'node_modules/pkg/Dockerfile': 'FROM x\n',
      '.git/config.yaml': 'a: 1\n',
      'package.json': '{}',
    });
    expect(paths(await discoverWithin(root))).toEqual(['package.json']);
  });
});

describe('files that are not plain readable text', () => {
  it('skips files over the size cap with a skipped problem, and never reads lockfiles', async () => {
    const root = repo({ 'Dockerfile': `FROM node:22\n# ${'x'.repeat(2000)}\n`, 'package-lock.json': 'x'.repeat(5000), '.env': 'A=1\n' });
    const d = await discoverWithin(root, { maxFileBytes: 1024 });
    expect(d.problems).toEqual([{ path: 'Dockerfile', kind: 'skipped', reason: `2 KiB, over the 1 KiB size limit${HINT}` }]);
    expect(paths(d)).toEqual(['.env', 'package-lock.json']);
  });

  it('caps kinds whose parsers are costly on pathological text tighter', async () => {
    const root = repo({ 'Dockerfile': `FROM node:22\nRUN ${'x '.repeat(150 * 1024)}\n`, 'run.sh': 'echo hi\n' });
    const d = await discoverWithin(root);
    expect(d.problems).toEqual([{ path: 'Dockerfile', kind: 'skipped', reason: `300 KiB, over the 256 KiB size limit for a Dockerfile${HINT}` }]);
    expect(paths(d)).toEqual(['run.sh']);
  });

  it('says the size and limit in MiB', async () => {
    const root = repo({ 'big.yaml': `a: ${'x'.repeat(3 * 1024 * 1024)}\n` });
    const d = await discoverWithin(root, { maxFileBytes: 2 * 1024 * 1024 });
    expect(d.problems[0]?.reason).toBe(`3 MiB, over the 2 MiB size limit${HINT}`);
  });

  it('never opens a FIFO, even one named like an artifact (discovery returns)', async () => {
    const root = repo({ 'Dockerfile': 'FROM node:22\n' });
    mkdirSync(join(root, 'k8s'));
    execFileSync('mkfifo', [join(root, 'k8s', 'deploy.yaml'), join(root, '.env.production')]);
    const d = await discoverWithin(root, {}, 5000);
    expect(paths(d)).toEqual(['Dockerfile']);
    expect(notices(d)).toEqual([
      '.env.production: not a regular file (a FIFO, socket or device), not read',
      'k8s/deploy.yaml: not a regular file (a FIFO, socket or device), not read',
    ]);
  });

  it('never opens a FIFO named .gitignore', async () => {
    const root = repo({ 'Dockerfile': 'FROM node:22\n' });
    execFileSync('mkfifo', [join(root, '.gitignore')]);
    expect(paths(await discoverWithin(root, {}, 5000))).toEqual(['Dockerfile']);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file as a parse error (not testable as root)', async () => {
    const root = repo({ 'Dockerfile': 'FROM node:22\n' });
    chmodSync(join(root, 'Dockerfile'), 0o000);
    const d = await discoverWithin(root);
    expect(d.problems).toEqual([{ path: 'Dockerfile', kind: 'parse-error', reason: 'could not be read (EACCES)' }]);
  });

  it('reports binary and UTF-16 content named like a text artifact as a parse error', async () => {
    const root = repo({
      'Dockerfile': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]),
      'k8s.yaml': new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]),
    });
    const d = await discoverWithin(root);
    expect(d.files).toEqual([]);
    expect(d.problems).toEqual([
      { path: 'Dockerfile', kind: 'parse-error', reason: 'binary content (NUL bytes) in a file named like a text artifact' },
      { path: 'k8s.yaml', kind: 'parse-error', reason: 'UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8' },
    ]);
  });

  it('reads source with a NUL in a string literal, and leaves binary data under a source extension alone', async () => {
    const video = new Uint8Array(4096).map((_, i) => (i % 188 === 0 ? 0x47 : 0));
    const root = repo({ 'src/sep.ts': new TextEncoder().encode("export const SEP = '\u0000';\n"), 'assets/clip.ts': video });
    const d = await discoverWithin(root);
    expect(d.files.map((f) => f.path)).toEqual(['src/sep.ts']);
    expect(d.files[0]?.text).toContain('\u0000');
    expect(d.problems).toEqual([]);
  });

  it('strips a UTF-8 BOM, splits CRLF lines and decodes invalid UTF-8 without failing', async () => {
    const bom = new TextEncoder().encode('\ufeffFROM node:22\r\nUSER node\r\n');
    const invalid = new Uint8Array([...new TextEncoder().encode('A=1\nB='), 0xc3, 0x28, 0xff, 0x0a]);
    const root = repo({ 'Dockerfile': bom, '.env': invalid });
    const d = await discoverWithin(root);
    const dockerfile = d.files.find((f) => f.path === 'Dockerfile');
    expect(dockerfile?.text.startsWith('FROM')).toBe(true);
    expect(dockerfile?.lines).toEqual(['FROM node:22', 'USER node', '']);
    expect(d.files.find((f) => f.path === '.env')?.lines[1]).toBe('B=\ufffd(\ufffd');
    expect(d.problems).toEqual([]);
  });
});

describe('symbolic links', () => {
  it('follows links inside the root, never out of it, and never loops', async () => {
    const outside = repo({ 'Dockerfile': 'FROM node:22\n', 'secret.env': 'TOKEN=x\n' });
    const root = repo({ 'app/Dockerfile': 'FROM node:22\n', 'app/.env.production': 'A=1\n' });
    symlinkSync('app/.env.production', join(root, '.env'));
    symlinkSync('app', join(root, 'linked-app'));
    symlinkSync('app', join(root, 'zz-second-link'));
    symlinkSync(outside, join(root, 'outside-dir'));
    symlinkSync(join(outside, 'secret.env'), join(root, 'outside.env'));
    symlinkSync('..', join(root, 'app', 'parent-loop'));
    symlinkSync('loop-b', join(root, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(root, 'loop-b'));
    symlinkSync('missing.yaml', join(root, 'broken.yaml'));
    mkdirSync(join(root, '..foo'));
    writeFileSync(join(root, '..foo', 'Dockerfile'), 'FROM node:22\n');
    symlinkSync('..foo', join(root, 'dots-link'));
    const d = await discoverWithin(root);
    // Folders reached both directly and through links are read once, under their real path.
    expect(paths(d)).toEqual(['..foo/Dockerfile', '.env', 'app/.env.production', 'app/Dockerfile']);
    expect(d.files.find((f) => f.path === '.env')?.text).toBe('A=1\n');
    expect(notices(d).sort()).toEqual([
      'broken.yaml: broken symbolic link, skipped',
      'loop-a.yaml: symbolic link loop, skipped',
      'loop-b: symbolic link loop, skipped',
      'outside-dir: symbolic link to a path outside the scanned root, not followed',
      'outside.env: symbolic link to a path outside the scanned root, not followed',
    ]);
  });

  it('reads a folder that is only reachable through a link under the link', async () => {
    const root = repo({ 'shared/deploy/k8s.yaml': 'a: 1\n', '.gitignore': 'shared/\n' });
    symlinkSync('shared/deploy', join(root, 'deploy'));
    expect(paths(await discoverWithin(root))).toContain('deploy/k8s.yaml');
  });
});

describe('hostile trees and names', () => {
  it('discovers hostile file names with the name intact', async () => {
    const names = ['with space.Dockerfile', '100%.env', 'a:b.yaml', 'a,b.yaml', 'new\nline.yaml', '<script>alert(1)</script>.yaml', 'ünïcødé-日本.yaml', '-rf.yaml', '--help.env'];
    const root = repo(Object.fromEntries(names.map((n) => [n, n.endsWith('.env') ? 'A=1\n' : n.endsWith('.yaml') ? 'a: 1\n' : 'FROM node:22\n'])));
    const d = await discoverWithin(root);
    expect(paths(d)).toEqual([...names].sort());
    expect(d.problems).toEqual([]);
  });

  it('stops at a bounded folder depth, with a notice', async () => {
    const deep = Array.from({ length: 70 }, (_, i) => `d${i}`).join('/');
    const root = repo({ [`${deep}/Dockerfile`]: 'FROM node:22\n', 'Dockerfile': 'FROM node:22\n' });
    const d = await discoverWithin(root);
    expect(paths(d)).toEqual(['Dockerfile']);
    expect(notices(d)).toHaveLength(1);
    expect(notices(d)[0]).toMatch(/nested deeper than 64 folders, not read$/);
  });

  it('skips Helm chart templates beside Chart.yaml with a notice, never a parse error', async () => {
    const root = repo({
      'chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
      'chart/values.yaml': 'replicaCount: 2\nservices:\n  api:\n    image:\n      repository: api\n      tag: "1.0"\n',
      'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.x }}\nspec:\n  {{- include "x" . | nindent 2 }}\n',
      'chart/templates/_helpers.tpl': '{{- define "x" -}}\n{{- end }}\n',
      'other/templates/config.yaml': 'a: 1\n',
    });
    const d = await discoverWithin(root);
    expect(paths(d)).toEqual(['chart/Chart.yaml', 'chart/values.yaml', 'other/templates/config.yaml']);
    expect(notices(d)).toEqual(['chart/templates: Helm chart templates are not YAML until rendered, so they were not read (scan the output of `helm template` instead)']);
    const model = build(d.files);
    expect(model.problems).toEqual([]);
    // Chart.yaml has an apiVersion but no kind; values.yaml has `services:` of image maps: plain YAML, both.
    expect(model.project.files.map((f) => [f.path, f.kind])).toEqual([
      ['chart/Chart.yaml', 'yaml'],
      ['chart/values.yaml', 'yaml'],
      ['other/templates/config.yaml', 'yaml'],
    ]);
  });
});

function source(path: string, text: string, kind: ArtifactKind = 'yaml'): SourceFile | FileProblem {
  const decoded = decodeSourceFile(path, kind, new TextEncoder().encode(text));
  if (!decoded) throw new Error(`${path} was dropped as binary`);
  return decoded;
}

function build(files: readonly SourceFile[]) {
  return buildModel('/repo', files, defaultConfig(), { git: () => undefined });
}

/** Decodes and builds one YAML file: its problem (from discovery's bounds or the parser) and its refined kind. */
function yamlOutcome(path: string, text: string, kind: ArtifactKind = 'yaml'): { problem?: FileProblem; kind?: ArtifactKind; ms: number } {
  const start = performance.now();
  const decoded = source(path, text, kind);
  if ('reason' in decoded) return { problem: decoded, ms: performance.now() - start };
  const model = build([decoded]);
  return { problem: model.problems[0], kind: model.project.files[0]?.kind, ms: performance.now() - start };
}

describe('YAML structure bounds (before any parser sees the text)', () => {
  it('turns 10k levels of flow nesting into a parse error with a position, fast', () => {
    // The mapping under `b:` is one level, so the 256th bracket (column 3 + 256) is one too many.
    const { problem, ms } = yamlOutcome('k8s/deep.yaml', `a: 1\nb: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(problem).toEqual({ path: 'k8s/deep.yaml', kind: 'parse-error', reason: `nested deeper than ${MAX_YAML_DEPTH} levels`, line: 2, column: 3 + MAX_YAML_DEPTH });
    expect(ms).toBeLessThan(2000);
  });

  it('bounds five million open brackets (which exhaust the yaml parser) and deep JSON', () => {
    const open = yamlOutcome('k8s/open.yaml', '['.repeat(5_000_000));
    expect(open.problem?.kind).toBe('parse-error');
    expect(open.ms).toBeLessThan(2000);
    const json = yamlOutcome('package.json', `{"a":${'{"b":'.repeat(100_000)}1${'}'.repeat(100_001)}`, 'package-json');
    expect(json.problem).toMatchObject({ kind: 'parse-error', line: 1 });
  });

  it('bounds compact block nesting on one line, not long flow lines', () => {
    expect(yamlStructureProblem('seq.yaml', `${'- '.repeat(100_000)}x\n`)?.kind).toBe('parse-error');
    expect(yamlStructureProblem('map.yaml', `${'a: '.repeat(100_000)}x\n`)?.kind).toBe('parse-error');
    const wide = `{${Array.from({ length: 2000 }, (_, i) => `k${i}: v`).join(', ')}}\n`;
    expect(yamlStructureProblem('wide.yaml', wide)).toBeUndefined();
    // Brackets inside scalars and comments are text, not nesting.
    const text = `${Array.from({ length: 400 }, (_, i) => `k${i}: echo [x "[" '{' # [[[`).join('\n')}\n`;
    expect(yamlStructureProblem('scalars.yaml', text)).toBeUndefined();
  });

  it('skips a file with more tokens than the limit, as a skipped file', () => {
    const { problem, ms } = yamlOutcome('k8s/commas.yaml', `[${','.repeat(MAX_YAML_TOKENS + 10)}]`);
    expect(problem).toEqual({ path: 'k8s/commas.yaml', kind: 'skipped', reason: `more than ${MAX_YAML_TOKENS} YAML tokens, too many to analyse${HINT}` });
    expect(ms).toBeLessThan(2000);
  });

  it('parses a 4 MiB single-line value quickly', () => {
    const { problem, kind, ms } = yamlOutcome('long.yaml', `key: ${'x'.repeat(4 * 1024 * 1024)}\n`);
    expect(problem).toBeUndefined();
    expect(kind).toBe('yaml');
    expect(ms).toBeLessThan(3000);
  });
});

describe('YAML parse errors', () => {
  it('reports broken YAML with the line and column of the first error', () => {
    const { problem } = yamlOutcome('k8s/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [1, 2\n  b: "unterminated\n');
    expect(problem).toMatchObject({ path: 'k8s/broken.yaml', kind: 'parse-error', line: expect.any(Number), column: expect.any(Number) });
    expect(problem?.line).toBeGreaterThan(1);
  });

  it('turns an alias bomb into a parse error, fast', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { problem, ms } = yamlOutcome('docker-compose.yml', `${levels.join('\n')}\n`);
    expect(problem).toEqual({
      path: 'docker-compose.yml',
      kind: 'parse-error',
      reason: 'its aliases expand past the limit of 1000 expansions, as an alias bomb does: write repeated values out instead of aliasing them',
      line: undefined,
      column: undefined,
    });
    expect(ms).toBeLessThan(1000);
  });

  it('leaves YAML of no kind it reads alone when it is beyond the bounds (a generated OpenAPI spec)', () => {
    expect(decodeSourceFile('docs/openapi.yaml', 'yaml', new TextEncoder().encode(`[${','.repeat(MAX_YAML_TOKENS + 10)}]`))).toBeUndefined();
  });

  it('leaves YAML of no kind it reads alone when it does not parse (test data, another CI system), and says how many in a notice', () => {
    expect(yamlOutcome('test/files/bomb.yaml', 'a: &a [x, x]\nb: [*a, *a\n')).toMatchObject({ problem: undefined });
    expect(yamlOutcome('.travis.yml', 'services:\n  - docker\nscript: |\nnot indented: [\n')).toMatchObject({ problem: undefined });
    expect(yamlOutcome('stack.yml', 'services:\n  api:\n    image: [acme/api\n').problem).toMatchObject({ kind: 'parse-error' });
    expect(yamlOutcome('k8s/app.yaml', 'apiVersion: v1\nkind: [Service\n').problem).toMatchObject({ kind: 'parse-error' });
    const decoded = source('data/spec.yml', 'a: "unclosed\n');
    if ('reason' in decoded) throw new Error(decoded.reason);
    expect(build([decoded]).notices).toEqual([{ message: expect.stringMatching(/^1 YAML file of no kind shipready reads .* did not parse and was skipped$/) }]);
  });

  it('keeps documents usable despite unknown tags (mkdocs !!python, CloudFormation !Ref) and duplicate keys', () => {
    const mkdocs = 'site_name: docs\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n';
    expect(yamlOutcome('mkdocs.yml', mkdocs)).toMatchObject({ problem: undefined, kind: 'yaml' });
    expect(yamlOutcome('cfn.yaml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n')).toMatchObject({ problem: undefined });
    expect(yamlOutcome('dup.yaml', 'a: 1\na: 2\n')).toMatchObject({ problem: undefined });
  });

  it('reads files that are not manifests without false parse errors', () => {
    const dependabot = 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: "/"\n    schedule:\n      interval: weekly\n';
    expect(yamlOutcome('.github/dependabot.yml', dependabot)).toMatchObject({ problem: undefined, kind: 'dependabot' });
    const openapi = 'openapi: 3.1.0\ninfo: { title: API, version: "1" }\npaths:\n  /items:\n    get:\n      responses:\n        "200": { description: ok }\n';
    expect(yamlOutcome('openapi.yaml', openapi)).toMatchObject({ problem: undefined, kind: 'yaml' });
    expect(yamlOutcome('empty.yaml', '')).toMatchObject({ problem: undefined, kind: 'yaml' });
    expect(yamlOutcome('comments.yaml', '# nothing but a comment\n')).toMatchObject({ problem: undefined, kind: 'yaml' });
  });
});

describe('YAML classification by content', () => {
  it('finds Kubernetes manifests in any document of a stream', () => {
    expect(yamlOutcome('deploy/all.yaml', 'a: 1\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\n').kind).toBe('k8s');
    expect(yamlOutcome('x.yaml', 'apiVersion: 1\nkind: [a]\n').kind).toBe('yaml');
  });

  it('finds compose files by name, or by services that run images under any other name', () => {
    expect(yamlOutcome('compose.yaml', 'services:\n  api:\n    build: .\n').kind).toBe('compose');
    expect(yamlOutcome('docker-compose.prod.yml', 'services:\n  api: {}\n').kind).toBe('compose');
    expect(yamlOutcome('deploy/stack.yml', 'services:\n  api:\n    image: api:1\n  db:\n    image: postgres:17\n').kind).toBe('compose');
    expect(yamlOutcome('values.yaml', 'services:\n  api:\n    image: { repository: api, tag: "1" }\n').kind).toBe('yaml');
    expect(yamlOutcome('ci.yaml', 'services:\n  - docker\n').kind).toBe('yaml');
  });

  it('keeps the parsed documents in the model for the parsers of refined kinds', () => {
    const decoded = source('k8s/app.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: api }\n---\napiVersion: v1\nkind: ConfigMap\n');
    if ('reason' in decoded) throw new Error(decoded.reason);
    const { project } = build([decoded]);
    expect(project.yamlFiles).toHaveLength(1);
    expect(project.yamlFiles[0]?.file.kind).toBe('k8s');
    expect(project.yamlFiles[0]?.documents.map((d) => d.get('kind'))).toEqual(['Service', 'ConfigMap']);
  });
});

describe('classifyByName', () => {
  it('reads Dockerfile variants but not source or templates that start with dockerfile.', async () => {
    const { classifyByName } = await import('../src/classify.ts');
    for (const name of ['Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'svc/dockerfile.alpine']) expect(classifyByName(name)).toBe('dockerfile');
    expect(classifyByName('Dockerfile.dockerignore')).toBe('dockerignore');
    for (const name of ['src/parsers/dockerfile.ts', 'dockerfile.test.js', 'Dockerfile.md', 'Dockerfile.tmpl', 'Dockerfile.j2']) expect(classifyByName(name)).not.toBe('dockerfile');
  });

  it('leaves REUSE license sidecars alone: `.env.license` annotates `.env`, it is not an env file', async () => {
    const { classifyByName } = await import('../src/classify.ts');
    for (const name of ['docker/.env.license', 'frontend/.env.test.license', 'Dockerfile.license', 'package.json.license']) expect(classifyByName(name), name).toBeUndefined();
    expect(classifyByName('docker/.env')).toBe('env');
  });

  it('leaves templates to their engine, and reads env examples named without the dot as documentation', async () => {
    const { classifyByName, isDocumentationEnv } = await import('../src/classify.ts');
    for (const name of ['templates/.env.hbs', 'deploy/docker-compose.yml.j2', 'Dockerfile.ejs', 'k8s/deployment.yaml.tpl']) expect(classifyByName(name), name).toBeUndefined();
    for (const name of ['ENVEXAMPLE', 'env.example', 'config/env-sample']) {
      expect(classifyByName(name), name).toBe('env');
      expect(isDocumentationEnv(name), name).toBe(true);
    }
    expect(classifyByName('.env.template')).toBe('env');
    expect(classifyByName('environment.ts')).toBe('source');
  });
});
