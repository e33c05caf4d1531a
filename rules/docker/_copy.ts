/** COPY/ADD source paths: which name node_modules or the whole build context. Shared by the docker/* rules. */

/** A source path written relative to its root, without `./` and trailing slashes: `./app/` → `app`, `.` → ``. */
function cleanSource(path: string): string {
  return path
    .replace(/^(?:\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/** `node_modules`, `./node_modules/`, `app/node_modules`, `/app/node_modules`. */
export function isNodeModulesPath(path: string): boolean {
  return /(?:^|\/)node_modules$/.test(cleanSource(path));
}

/** `.` or `./`: the whole build context. */
export function isWholeContext(path: string): boolean {
  return path !== '' && cleanSource(path) === '';
}
