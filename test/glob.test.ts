/** Glob matching without regular expressions: Docker's, nginx's and COPY's wildcards, and patterns built to break a regex engine. */
import { describe, expect, it } from 'vitest';
import { compileGlob, globMatches } from '../src/parsers/glob.ts';

describe('globMatches', () => {
  it('matches stars, question marks and classes within one path segment', () => {
    expect(globMatches('*.conf', 'default.conf')).toBe(true);
    expect(globMatches('*.conf', 'conf.d/default.conf')).toBe(false);
    expect(globMatches('conf.d/*.conf', 'conf.d/default.conf')).toBe(true);
    expect(globMatches('start-?.sh', 'start-1.sh')).toBe(true);
    expect(globMatches('start-?.sh', 'start-12.sh')).toBe(false);
    expect(globMatches('[a-c]*.sh', 'boot.sh')).toBe(true);
    expect(globMatches('[!a-c]*.sh', 'boot.sh')).toBe(false);
    expect(globMatches('[^a-c]*.sh', 'run.sh')).toBe(true);
    expect(globMatches('[]]x', ']x')).toBe(true);
    expect(globMatches('a*b*c', 'aXbYc')).toBe(true);
    expect(globMatches('a*b*c', 'aXbY')).toBe(false);
    expect(globMatches('', '')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
  });

  it('reads an invalid range as matching nothing and an unclosed bracket as a literal, instead of throwing', () => {
    expect(globMatches('[z-a]', 'm')).toBe(false);
    expect(globMatches('[z-a]', '[z-a]')).toBe(false);
    expect(globMatches('conf.d/[z-a].conf', 'conf.d/a.conf')).toBe(false);
    expect(globMatches('file[1', 'file[1')).toBe(true);
  });

  it("reads `**` as Docker does with globstar: everything at the end, whole folders elsewhere", () => {
    const g = { globstar: true };
    expect(globMatches('**/.env', '.env', g)).toBe(true);
    expect(globMatches('**/.env', 'apps/web/.env', g)).toBe(true);
    expect(globMatches('a/**/b', 'a/b', g)).toBe(true);
    expect(globMatches('a/**/b', 'a/x/y/b', g)).toBe(true);
    expect(globMatches('a/**/b', 'a/xb', g)).toBe(false);
    expect(globMatches('dist/**', 'dist/a/b.js', g)).toBe(true);
    expect(globMatches('**', 'any/thing', g)).toBe(true);
    expect(globMatches('**.env', 'config/.env', g)).toBe(true);
    expect(globMatches('**.env', 'prod.env', g)).toBe(false);
    expect(globMatches('**/.env', 'apps/web/.env', {})).toBe(false);
  });

  it('takes an excluded folder with its contents when asked', () => {
    const glob = compileGlob('node_modules', { globstar: true });
    expect(glob.matchesOrContains('node_modules/a/index.js')).toBe(true);
    expect(glob.matchesOrContains('node_modules')).toBe(true);
    expect(glob.matchesOrContains('node_modules2/a.js')).toBe(false);
    expect(glob.matches('node_modules/a/index.js')).toBe(false);
  });

  it('reads escapes only when asked', () => {
    expect(globMatches('\\*.sh', '*.sh', { escapes: true })).toBe(true);
    expect(globMatches('\\*.sh', 'a.sh', { escapes: true })).toBe(false);
  });

  it('stays linear on patterns that make a backtracking engine hang', () => {
    const name = `${'a'.repeat(5000)}b`;
    // Growth ratio, not a time limit: 10× the input takes far less than the 100× a quadratic walk would.
    const time = (n: number) => {
      const pattern = `${'*a'.repeat(25)}*c`;
      const text = name.slice(0, n);
      const start = performance.now();
      for (let k = 0; k < 5; k++) expect(globMatches(pattern, text)).toBe(false);
      return performance.now() - start;
    };
    time(500);
    const small = Math.max(time(500), 0.5);
    const large = time(5000);
    expect(large / small).toBeLessThan(40);
    expect(globMatches('*'.repeat(25), 'x'.repeat(200))).toBe(true);
    expect(globMatches(`${'*'.repeat(25)}y`, 'x'.repeat(200))).toBe(false);
  });
});
