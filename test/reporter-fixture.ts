/** Run results for reporter tests: the real engine over in-memory Dockerfiles, with one known rule. */
import nonRoot from '../rules/docker/non-root/rule.ts';
import { defaultConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { analyze, type RunResult } from '../src/engine.ts';

export const NOW = new Date('2026-06-15T12:00:00Z');
export const ROOT = '/srv/my repo #1';

/** A Dockerfile that fails docker/non-root on line 1, columns 6-13 (`node:22`). */
export const ROOT_DOCKERFILE = 'FROM node:22\nCMD ["node", "server.js"]\n';
export const NODE_USER_DOCKERFILE = 'FROM node:22\nUSER node\nCMD ["node", "server.js"]\n';

/** File names a repository can contain, chosen to break every output format that does not escape. */
export const HOSTILE_DIRS = [
  'dir with space',
  '100%',
  '#frag?q=1',
  'ünïcødé ✓',
  'a:b,c',
  'line\nbreak\r::error file=x::pwned',
  '<script>alert(1)</script>',
  '[click](https://evil.example)',
  'pipe|`tick`',
  '..',
];

export function resultOf(files: Record<string, string>, root = ROOT): RunResult {
  return analyze({
    root,
    files: Object.entries(files).map(([path, text]) => makeSourceFile(path, 'dockerfile', text)),
    rules: [nonRoot],
    config: defaultConfig(),
    now: NOW,
  });
}

/** One failing Dockerfile under every hostile directory name, plus one on standard input. */
export function hostileResult(): RunResult {
  const files: Record<string, string> = { '<stdin>': ROOT_DOCKERFILE };
  for (const dir of HOSTILE_DIRS) files[`${dir}/Dockerfile`] = ROOT_DOCKERFILE;
  return resultOf(files);
}
