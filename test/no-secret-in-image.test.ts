/** docker/no-secret-in-image names the key of a committed secret, never its value, in every output format. */
import { describe, expect, it } from 'vitest';
import noSecretInImage from '../rules/docker/no-secret-in-image/rule.ts';
import { defaultConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { analyze } from '../src/engine.ts';
import { FORMATS, report } from '../src/reporters/index.ts';

const VALUES = ['s3cr3t-session-value-9f2c4e1a7b3d', 'fake-registry-token-4f8b2c9d1e7a'];
const DOCKERFILE = `ARG NPM_TOKEN=${VALUES[1]}\nFROM node:22-alpine\nENV SESSION_SECRET="${VALUES[0]}"\nCMD ["node", "server.js"]\n`;

describe('docker/no-secret-in-image never prints the value', () => {
  const result = analyze({
    root: '/repo',
    files: [makeSourceFile('Dockerfile', 'dockerfile', DOCKERFILE)],
    rules: [noSecretInImage],
    config: defaultConfig(),
    now: new Date('2026-06-15T12:00:00Z'),
  });

  it('reports each secret by its key', () => {
    expect(result.findings.map((f) => [f.line, f.message.split(' has ')[0]])).toEqual([
      [1, 'ARG NPM_TOKEN'],
      [3, 'ENV SESSION_SECRET'],
    ]);
    for (const f of result.findings) for (const value of VALUES) expect(f.message).not.toContain(value);
  });

  it.each(FORMATS)('%s output does not contain the value', (format) => {
    const output = report(format, result, { color: false });
    expect(output.length).toBeGreaterThan(0);
    for (const value of VALUES) expect(output).not.toContain(value);
  });
});
