/** git on a stranger's repository: found by absolute path, nothing of the repository's run, the base read from git's objects. */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractRevision } from '../src/revision.ts';
import { gitExecutable, runGit } from '../src/git-command.ts';
import { gitRepository } from './git-fixture.ts';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-git-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('git on PATH', () => {
  it("skips `.`, relative and empty entries: a repository's own ./git is never the git that runs", () => {
    const repo = join(tmp, 'planted');
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, 'git'), '#!/bin/sh\ntouch planted-ran\n');
    chmodSync(join(repo, 'git'), 0o755);
    const real = gitExecutable();
    expect(real).toMatch(/^\//);
    // Relative entries only (the cwd would be the repository): no git at all, rather than the planted one.
    expect(gitExecutable('.:bin::planted')).toBeUndefined();
    expect(gitExecutable(`.:/nonexistent:${process.env.PATH}`)).toBe(real);
  });

  it('runs no hook, fsmonitor or pager a repository configures', () => {
    const repo = join(tmp, 'hooked');
    const git = gitRepository(repo, tmp);
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'a');
    git('config', 'core.fsmonitor', `touch ${join(repo, 'fsmonitor-ran')}`);
    git('config', 'core.hooksPath', 'hooks');
    mkdirSync(join(repo, 'hooks'));
    writeFileSync(join(repo, 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${join(repo, 'hook-ran')}\n`);
    chmodSync(join(repo, 'hooks', 'post-checkout'), 0o755);
    expect(String(runGit(repo, ['ls-files'], { encoding: 'utf8' }))).toBe('a.txt\n');
    expect(existsSync(join(repo, 'fsmonitor-ran'))).toBe(false);
    expect(existsSync(join(repo, 'hook-ran'))).toBe(false);
  });
});

describe("the base of a pull request, from git's objects", () => {
  it('writes the files of the revision under the folder, links as links (the lint never follows one out of its root)', () => {
    const repo = join(tmp, 'base');
    const git = gitRepository(repo, tmp);
    mkdirSync(join(repo, 'services', 'api'), { recursive: true });
    writeFileSync(join(repo, 'services', 'api', 'Dockerfile'), 'FROM node:22\n');
    writeFileSync(join(repo, 'services', 'api', 'bin.dat'), Buffer.from([0, 1, 2, 255, 10, 13]));
    writeFileSync(join(repo, 'README.md'), '# root\n');
    symlinkSync('/etc/passwd', join(repo, 'services', 'api', 'passwd'));
    git('add', '-A');
    git('-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'base');
    const sha = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'services', 'api', 'Dockerfile'), 'FROM node:24\n');

    const out = join(tmp, 'base-out');
    expect(extractRevision(repo, sha, 'services', out)?.written.sort()).toEqual(['services/api/Dockerfile', 'services/api/bin.dat', 'services/api/passwd']);
    expect(readFileSync(join(out, 'services', 'api', 'Dockerfile'), 'utf8')).toBe('FROM node:22\n');
    expect([...readFileSync(join(out, 'services', 'api', 'bin.dat'))]).toEqual([0, 1, 2, 255, 10, 13]);
    expect(existsSync(join(out, 'README.md'))).toBe(false);
    expect(lstatSync(join(out, 'services', 'api', 'passwd')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, 'services', 'api', 'passwd'))).toBe('/etc/passwd');
    expect(extractRevision(repo, 'not-a-sha', '', join(tmp, 'none'))).toBeUndefined();
  });
});
