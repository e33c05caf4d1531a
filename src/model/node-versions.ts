/**
 * Node.js versions as projects write them outside images: `engines.node` ranges, `.nvmrc`/`.node-version`
 * files (`22`, `v22.3.0`, `lts/*`, `lts/iron`) and `actions/setup-node` inputs (`22.x`, `>=20`, `lts/*`).
 */
import semver from 'semver';
import type { Loc, SourceFile } from '../types.ts';
import { NODE_LINES, supportedLtsLines } from './node-lines.ts';

/** The oldest major each alternative of a range admits: `^20 || >=22` → [20, 22]. */
export function lowestMajors(range: string): number[] {
  return new semver.Range(range).set.map((comparators) => semver.minVersion(new semver.Range(comparators.map((c) => c.value).join(' ') || '*'))?.major ?? 0);
}

/** True when some version of the major satisfies the range; false for a range semver cannot read. */
export function admitsMajor(range: string, major: number): boolean {
  try {
    return semver.intersects(range, `${major}.x`);
  } catch {
    return false;
  }
}

/** What a version text says: one major (`22`, `v22.3.0`, `22.x`, `lts/iron`, `lts/*` today), a range (`>=20`), or nothing readable (`node`, `latest`). */
export type NodeVersionSpec = { major: number } | { range: string };

export function nodeVersionSpec(text: string, now: Date): NodeVersionSpec | undefined {
  const value = text.trim().toLowerCase();
  const exact = /^v?(\d+)(?:\.(?:\d+|x|\*)){0,2}$/.exec(value);
  if (exact) return { major: Number(exact[1]) };
  const lts = /^lts\/(.+)$/.exec(value);
  if (lts) {
    const name = lts[1] as string;
    const supported = supportedLtsLines(now);
    if (name === '*') return supported.length > 0 ? { major: (supported.at(-1) as { major: number }).major } : undefined;
    const back = /^-(\d+)$/.exec(name);
    if (back) {
      const line = supported.at(-1 - Number(back[1]));
      return line && { major: line.major };
    }
    const line = NODE_LINES.find((l) => l.codename?.toLowerCase() === name);
    return line && { major: line.major };
  }
  return semver.validRange(value) !== null && /[<>=^~|]/.test(value) ? { range: value } : undefined;
}

/** The version a `.nvmrc`/`.node-version` file names: its first line that is not blank or a `#` comment, and where. */
export function versionFileEntry(file: SourceFile): { text: string; loc: Loc } | undefined {
  for (const [i, line] of file.lines.entries()) {
    const text = line.replace(/#.*$/, '').trim();
    if (text === '') continue;
    const column = line.indexOf(text) + 1;
    return { text, loc: { file: file.path, line: i + 1, column, endLine: i + 1, endColumn: column + text.length } };
  }
  return undefined;
}
