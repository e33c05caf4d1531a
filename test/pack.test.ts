/**
 * The npm package: what `npm pack` puts in it, and that the packed CLI installs and runs with no
 * network (everything is bundled into dist/cli-main.js, which the bin dist/cli.js loads; the package has no runtime dependencies).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

/** npm's own warnings go to stderr; only stdout is read. PATH puts this Node first for npm and the bin's shebang. */
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };

function npm(args: string[], cwd = '.'): string {
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm package', () => {
  const temp = mkdtempSync(join(tmpdir(), 'shipready-pack-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('has no runtime dependencies: dist/ is self-contained', () => {
    expect(Object.keys((pkg as { dependencies?: object }).dependencies ?? {})).toEqual([]);
    expect(pkg.bin).toEqual({ shipready: 'dist/cli.js' });
  });

  it('ships the CLI, the schemas and the docs, and no sources, tests or cases', () => {
    const [report] = JSON.parse(npm(['pack', '--dry-run', '--json'])) as { files: { path: string }[] }[];
    const paths = (report?.files ?? []).map((f) => f.path);
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('dist/cli-main.js');
    expect(paths).toContain('schema/config.schema.json');
    expect(paths).toContain('docs/rules/README.md');
    expect(paths).toContain('README.md');
    const stray = paths.filter((p) => !/^(?:dist|schema|docs)\/|^(?:package\.json|README\.md|LICENSE(?:\.\w+)?|action\.yml)$/.test(p));
    expect(stray).toEqual([]);
  });

  it('installs offline from the tarball and runs as `shipready`', () => {
    const tarball = join(temp, npm(['pack', '--pack-destination', temp]).trim().split('\n').at(-1) ?? '');
    expect(tarball).toBe(join(temp, `shipready-${pkg.version}.tgz`));
    const prefix = join(temp, 'prefix');
    npm(['install', '--offline', '--no-audit', '--no-fund', '--cache', join(temp, 'cache'), '--prefix', prefix, tarball]);
    const bin = join(prefix, 'node_modules', '.bin', 'shipready');

    const version = spawnSync(bin, ['--version'], { env, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(pkg.version);

    const lint = spawnSync(bin, [resolve('examples/seeds-service'), '--no-color'], { cwd: temp, env, encoding: 'utf8' });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain('docker/non-root');
    expect(lint.stdout).toContain('Readiness score: ');
  }, 120_000);
});
