/**
 * Property tests of the parsers (fast-check, seeded): on any text built from the tokens of its format, a parser
 * returns, or throws an Error at a position inside the file; every position in what it returns is inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { parseAppConfig } from '../src/parsers/app-config.ts';
import { parseDockerfile } from '../src/parsers/dockerfile.ts';
import { parseDockerignore } from '../src/parsers/dockerignore.ts';
import { parseEnv } from '../src/parsers/env.ts';
import { compileGlob } from '../src/parsers/glob.ts';
import { parseMarkdown } from '../src/parsers/markdown.ts';
import { parseNginx } from '../src/parsers/nginx.ts';
import { parsePackageJson } from '../src/parsers/package-json.ts';
import { parseScript } from '../src/parsers/script.ts';
import { parseSource } from '../src/parsers/source.ts';
import { parseSystemdUnit } from '../src/parsers/systemd.ts';
import type { ArtifactKind, SourceFile } from '../src/types.ts';

const SEED = 20261204;
const RUNS = 150;

/** Text of a format: its tokens, joined in any order, with the characters that break parsers in between. */
function textOf(tokens: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...tokens, '\n', '\r\n', ' ', '\t', '\\', '"', "'", '`', '#', '{', '}', '[', ']', '$', '\u2028', '\u0000', '\ufeff'), fc.string({ maxLength: 8 }));
  return fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
}

/** Every `{ line, column }` in a parser's result, which must point inside the file (line 1 to one past the last). */
function positionsInside(value: unknown, file: SourceFile, firstColumn: number, seen = new Set<unknown>(), depth = 0): void {
  if (!value || typeof value !== 'object' || seen.has(value) || depth > 40) return;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (typeof v.line === 'number' && typeof v.column === 'number' && (v.file === undefined || v.file === file.path)) {
    expect(v.line).toBeGreaterThanOrEqual(1);
    expect(v.line).toBeLessThanOrEqual(file.lines.length + 1);
    expect(v.column).toBeGreaterThanOrEqual(firstColumn);
  }
  for (const child of Array.isArray(value) ? value : Object.values(v)) positionsInside(child, file, firstColumn, seen, depth + 1);
}

/** `${A}` in the text of a file: written apart so it reads as the file's interpolation, not this test's. */
const INTERPOLATION = `$${'{A}'}`;

const PARSERS: { name: string; path: string; kind: ArtifactKind; tokens: string[]; parse: (file: SourceFile) => unknown }[] = [
  { name: 'Dockerfile', path: 'Dockerfile', kind: 'dockerfile', tokens: ['FROM node:22 AS build', 'RUN ', 'CMD ["node", "a.js"]', 'COPY --from=build . .', 'ENV A=1', 'ARG X', '<<EOF', 'EOF', '# escape=`', 'USER node', 'HEALTHCHECK CMD curl -f x'], parse: parseDockerfile },
  { name: '.env', path: '.env.production', kind: 'env', tokens: ['KEY=', 'export ', '"value"', "'v'", INTERPOLATION, '=', '#', 'A=1'], parse: parseEnv },
  { name: 'nginx', path: 'nginx/nginx.conf', kind: 'nginx', tokens: ['server', 'location ~ ^/a', 'include conf.d/*.conf;', 'listen 80;', 'proxy_pass http://a;', ';', '{', '}'], parse: parseNginx },
  { name: 'systemd', path: 'deploy/api.service', kind: 'systemd', tokens: ['[Service]', '[Unit]', 'ExecStart=/usr/bin/node a.js', 'User=', 'Restart=always', '='], parse: parseSystemdUnit },
  { name: 'shell script', path: 'scripts/deploy.sh', kind: 'shell', tokens: ['#!/bin/sh', 'set -e', 'if [ -z "$A" ]; then', 'fi', 'exec node', '&&', '||', ';', '$(', ')', 'f() {', 'chmod 777 x', '<<EOF'], parse: parseScript },
  { name: '.dockerignore', path: '.dockerignore', kind: 'dockerignore', tokens: ['**/', '*', '!', '[z-a]', 'node_modules', '.env*', '?'], parse: parseDockerignore },
  { name: 'Markdown', path: 'README.md', kind: 'markdown', tokens: ['# Title', '## Rollback', '```', '`NODE_ENV`', '| a | b |', '---'], parse: parseMarkdown },
  { name: 'app config', path: 'config/production.json', kind: 'app-config', tokens: ['{', '}', '"key":', '1', 'true', ',', '[', ']', '"v"'], parse: parseAppConfig },
  { name: 'package.json', path: 'package.json', kind: 'package-json', tokens: ['{', '}', '"scripts":', '"start": "node a"', '"engines": {"node": ">=22"}', ',', '"name": "a"'], parse: parsePackageJson },
  { name: 'JavaScript', path: 'src/index.ts', kind: 'source', tokens: ['k:', 'const a = ', 'process.env.X', '/re/', `\`${INTERPOLATION}\``, 'function f() {', '}', 'app.listen(3000)', '//', '/*', '*/', 'import x from "y";'], parse: parseSource },
];

describe('parsers on any text of their format', () => {
  for (const parser of PARSERS) {
    it(`${parser.name}: returns, or throws at a position inside the file`, () => {
      fc.assert(
        fc.property(textOf(parser.tokens), (text) => {
          const file = makeSourceFile(parser.path, parser.kind, text);
          let result: unknown;
          try {
            result = parser.parse(file);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            const at = error as { line?: unknown; column?: unknown };
            if (typeof at.line === 'number') {
              expect(at.line).toBeGreaterThanOrEqual(1);
              expect(at.line).toBeLessThanOrEqual(file.lines.length + 1);
            }
            return;
          }
          // Babel's own nodes count columns from 0; shipready's locations from 1.
          positionsInside(result, file, parser.kind === 'source' ? 0 : 1);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it('globs: never throw, and match the same way twice', () => {
    fc.assert(
      fc.property(textOf(['*', '**', '?', '[a-z]', '[!x]', '[z-a]', '/', '.conf', '\\']), fc.string({ maxLength: 40 }), (pattern, name) => {
        const glob = compileGlob(pattern, { globstar: true, escapes: true });
        expect(glob.matches(name)).toBe(glob.matches(name));
        expect(typeof glob.matchesOrContains(name)).toBe('boolean');
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});
