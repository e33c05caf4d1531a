import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { productionEnvMatcher, settingName } from '../src/model/settings-model.ts';
import { parseEnv } from '../src/parsers/env.ts';

const parse = (text: string, path = '.env.production') => parseEnv(makeSourceFile(path, 'env', text));
const values = (text: string) => Object.fromEntries(parse(text).entries.map((e) => [e.key, e.value]));

describe('env parser', () => {
  it('reads the seeds: trailing comments after whitespace, blank lines, comment lines', () => {
    const env = parse(
      [
        '# Inspector/API Server (if using)',
        'FORTISTATE_PORT=3456',
        'FORTISTATE_SESSION_SECRET=your-secret-key-here',
        '',
        'FORTISTATE_CONSTRAINT_TIMEOUT=5000  # Max time for constraint checks (ms)',
        'FORTISTATE_ENABLE_INSPECTOR=false   # Disable inspector in production',
      ].join('\n'),
    );
    expect(env.problems).toEqual([]);
    expect(Object.fromEntries(env.entries.map((e) => [e.key, e.value]))).toEqual({
      FORTISTATE_PORT: '3456',
      FORTISTATE_SESSION_SECRET: 'your-secret-key-here',
      FORTISTATE_CONSTRAINT_TIMEOUT: '5000',
      FORTISTATE_ENABLE_INSPECTOR: 'false',
    });
    const timeout = env.entries[2];
    expect(timeout?.keyLoc).toEqual({ file: '.env.production', line: 5, column: 1, endLine: 5, endColumn: 30 });
    expect(timeout?.valueLoc).toEqual({ file: '.env.production', line: 5, column: 31, endLine: 5, endColumn: 35 });
    expect(timeout?.loc).toMatchObject({ line: 5, column: 1, endLine: 5, endColumn: 74 });
  });

  it('keeps # inside values unless it follows whitespace, and inside quotes always', () => {
    expect(values('A=abc#def\nB="x # y" # note\nC=\'p#q\'\nD= # only a comment\nE=#start')).toEqual({
      A: 'abc#def',
      B: 'x # y',
      C: 'p#q',
      D: '',
      E: '#start',
    });
  });

  it('reads export, quotes, escapes and empty values', () => {
    expect(values('export A=1\nB="line\\nnext"\nC=\'raw\\n\'\nD=`tick`\nE=\nF=""\nG="say \\"hi\\""')).toEqual({
      A: '1',
      B: 'line\nnext',
      C: 'raw\\n',
      D: 'tick',
      E: '',
      F: '',
      G: 'say "hi"',
    });
  });

  it('reads a multi-line double-quoted value and positions it over its lines', () => {
    const env = parse('PRIVATE_KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1\n');
    expect(env.problems).toEqual([]);
    const key = env.entries[0];
    expect(key?.value).toBe('-----BEGIN KEY-----\nabc\n-----END KEY-----');
    expect(key?.valueLoc).toMatchObject({ line: 1, column: 13, endLine: 3, endColumn: 19 });
    expect(env.entries[1]?.keyLoc.line).toBe(4);
  });

  it('handles CRLF line endings', () => {
    const env = parse('A=1\r\nB="two"\r\nC=3 # c\r\n');
    expect(env.problems).toEqual([]);
    expect(Object.fromEntries(env.entries.map((e) => [e.key, e.value]))).toEqual({ A: '1', B: 'two', C: '3' });
  });

  it('keeps references as references, except in single quotes or escaped', () => {
    const env = parse(`A=\${DB_PASSWORD}\nB="postgres://\${USER}:$PASS@db"\nC='\${LITERAL}'\nD=\${X:-fallback}\nE="cost \\$5"`);
    const refs = Object.fromEntries(env.entries.map((e) => [e.key, e.references]));
    expect(refs).toEqual({ A: ['DB_PASSWORD'], B: ['USER', 'PASS'], C: [], D: ['X'], E: [] });
    expect(env.entries[0]?.value).toBe(`\${DB_PASSWORD}`);
  });

  it('collects syntax problems per line instead of throwing', () => {
    const env = parse(['JUST_A_WORD', 'KEY = value', 'OPEN="never closed', 'OK=1', 'OK=2', '1BAD=x', 'TAIL="a" b', 'KEY: value'].join('\n'));
    expect(env.problems.map((p) => [p.kind, p.loc.line, p.loc.column, p.loc.endColumn])).toEqual([
      ['notAssignment', 1, 1, 12],
      ['spaceAroundEquals', 2, 4, 7],
      ['unclosedQuote', 3, 6, 19],
      ['duplicateKey', 5, 1, 3],
      ['invalidKey', 6, 1, 5],
      ['textAfterQuote', 7, 10, 11],
      ['notAssignment', 8, 1, 11],
    ]);
    expect(env.problems.find((p) => p.kind === 'duplicateKey')).toMatchObject({ key: 'OK', firstLine: 4 });
    // Entries are still recorded, so other rules see them.
    expect(env.entries.map((e) => e.key)).toEqual(['KEY', 'OPEN', 'OK', 'OK', '1BAD', 'TAIL']);
  });

  it('reports an unclosed quote where it opens, not where a later value closes it', () => {
    const env = parse('A="open\nB=1\nC="x"\n');
    expect(env.problems.map((p) => [p.kind, p.loc.line])).toEqual([['unclosedQuote', 1]]);
    expect(env.entries.map((e) => e.key)).toEqual(['A', 'B', 'C']);
  });

  it('does not flag a space after = when only a comment follows', () => {
    expect(parse('A= # nothing here').problems).toEqual([]);
  });
});

describe('production env files', () => {
  const isProduction = productionEnvMatcher(['deploy/live.env']);
  it.each([
    ['.env.production', true],
    ['.env.prod', true],
    ['.env.production.local', true],
    ['apps/api/.env.production', true],
    ['production.env', true],
    ['api.production.env', true],
    ['deploy/live.env', true],
    ['.env', false],
    ['.env.development', false],
    ['.env.staging', false],
    ['.env.example', false],
    ['.env.production.example', false],
    ['.env.production.sample', false],
    ['.env.template', false],
  ])('%s → %s', (path, expected) => {
    expect(isProduction(path)).toBe(expected);
  });
});

describe('setting names', () => {
  it.each([
    ['LOG_LEVEL', 'LOG_LEVEL'],
    ['logging.level', 'LOGGING_LEVEL'],
    ['logLevel', 'LOG_LEVEL'],
    ['memoryLimitMB', 'MEMORY_LIMIT_MB'],
    ['cors.origin.0', 'CORS_ORIGIN'],
    ['security.enforceHTTPS', 'SECURITY_ENFORCE_HTTPS'],
    ['HTTPSEnabled', 'HTTPS_ENABLED'],
  ])('%s → %s', (key, name) => {
    expect(settingName(key)).toBe(name);
  });
});
