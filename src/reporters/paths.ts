/** Repository paths: the scanned root can be a folder inside the checkout, and GitHub wants paths from the checkout. */

/** `services/api/` or `.` → `services/api` or `` (the checkout itself). */
export function normalPrefix(prefix: string | undefined): string {
  return prefix === undefined || prefix === '.' ? '' : prefix.replace(/\/+$/, '');
}

/** A root-relative posix path as a path from the checkout, given the root's prefix in it. */
export function repositoryPath(file: string, prefix: string | undefined): string {
  const p = normalPrefix(prefix);
  return p ? `${p}/${file}` : file;
}
