/** The .dockerignore matcher follows Docker's pattern rules (moby/patternmatcher). */
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { parseDockerignore } from '../src/parsers/dockerignore.ts';

function matcher(...lines: string[]) {
  return parseDockerignore(makeSourceFile('.dockerignore', 'dockerignore', lines.join('\n')));
}

describe('dockerignore matcher', () => {
  it('a pattern excludes the path and everything below it, at the context root only', () => {
    const m = matcher('node_modules');
    expect(m.excludes('node_modules')).toBe(true);
    expect(m.excludes('node_modules/express/index.js')).toBe(true);
    expect(m.excludes('packages/api/node_modules')).toBe(false);
    expect(m.excludes('node_modules_cache')).toBe(false);
  });

  it('leading and trailing slashes and ./ do not change a pattern', () => {
    for (const pattern of ['/node_modules', 'node_modules/', './node_modules', '/node_modules/']) {
      expect(matcher(pattern).excludes('node_modules'), pattern).toBe(true);
    }
  });

  it('**/ matches any number of folders, none included', () => {
    const m = matcher('**/node_modules');
    expect(m.excludes('node_modules')).toBe(true);
    expect(m.excludes('packages/api/node_modules/x.js')).toBe(true);
  });

  it('** inside a name matches whole folders, not part of a name, as Docker compiles it', () => {
    const m = matcher('**.env');
    expect(m.excludes('.env')).toBe(true);
    expect(m.excludes('config/.env')).toBe(true);
    expect(m.excludes('prod.env')).toBe(false);
    expect(matcher('logs/**').excludes('logs/a/b.log')).toBe(true);
  });

  it('* and ? stay within one path segment', () => {
    const m = matcher('.env*', '*.md', 'file?.txt');
    expect(m.excludes('.env')).toBe(true);
    expect(m.excludes('.env.production')).toBe(true);
    expect(m.excludes('config/.env')).toBe(false);
    expect(m.excludes('README.md')).toBe(true);
    expect(m.excludes('docs/guide.md')).toBe(false);
    expect(m.excludes('file1.txt')).toBe(true);
    expect(m.excludes('file10.txt')).toBe(false);
  });

  it('the last matching pattern wins, and ! re-includes', () => {
    const m = matcher('# secrets', '.env*', '!.env.example');
    expect(m.excludes('.env')).toBe(true);
    expect(m.excludes('.env.example')).toBe(false);
  });

  it('an allow-list excludes everything it does not re-include', () => {
    const m = matcher('*', '!src', '!package*.json');
    expect(m.excludes('.env')).toBe(true);
    expect(m.excludes('.git')).toBe(true);
    expect(m.excludes('node_modules')).toBe(true);
    expect(m.excludes('src/index.ts')).toBe(false);
    expect(m.excludes('package-lock.json')).toBe(false);
  });

  it('patterns are cleaned like paths: repeated slashes and .. segments', () => {
    expect(matcher('config//secrets').excludes('config/secrets/key.pem')).toBe(true);
    expect(matcher('tmp/../.git').excludes('.git')).toBe(true);
  });
});
