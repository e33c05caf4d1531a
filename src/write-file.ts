/**
 * Writing shipready's own outputs (`--output`, `--write-baseline`, the Action's SARIF and JSON reports) so that a
 * repository cannot redirect them: a target inside the linted root that is a symbolic link, or that a linked
 * folder would carry outside the root, is refused; every file is written to a temporary file beside the target
 * and renamed over it, so nothing is written through a link and a reader never sees half a report.
 */
import { lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isWithin } from './discover.ts';

export class UnsafeTarget extends Error {}

/** The real path of the nearest folder of `path` that exists. */
function realFolder(path: string): string {
  let dir = dirname(path);
  for (;;) {
    try {
      return join(realpathSync(dir), relative(dir, dirname(path)));
    } catch {
      const up = dirname(dir);
      if (up === dir) return dirname(path);
      dir = up;
    }
  }
}

/**
 * Writes `text` to `path` (absolute). `root` is the linted root: a target that lies in it lexically must stay in it
 * once links are followed, and must not itself be a link.
 */
export function writeOutputFile(path: string, text: string, root: string | undefined, options: { createFolders?: boolean } = {}): void {
  if (root !== undefined) {
    const realRoot = realpathSync(root);
    const lexicalRoot = resolve(root);
    if (isWithin(lexicalRoot, path) || isWithin(realRoot, path)) {
      let link = false;
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        link = false;
      }
      if (link) throw new UnsafeTarget('is a symbolic link inside the linted repository; shipready does not write through it');
      if (!isWithin(realRoot, realFolder(path))) throw new UnsafeTarget('is in a folder of the linted repository that links outside it; shipready does not write there');
    }
  }
  if (options.createFolders) mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.shipready-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
