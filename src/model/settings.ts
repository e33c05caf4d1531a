/** Reading configuration values the way the services that read them do. */

const TRUTHY = new Set(['true', '1', 'yes', 'on', 'enabled', 'enable', 'y']);
const FALSY = new Set(['false', '0', 'no', 'off', 'disabled', 'disable', 'n', '']);

export function isTruthy(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && TRUTHY.has(value.trim().toLowerCase());
}

export function isFalsy(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && FALSY.has(value.trim().toLowerCase());
}

/**
 * A setting that turns on an inspector, devtools or a debug mode (RULES.md docker/dev-tools-off,
 * env/dev-tools-off): `*INSPECTOR*`, `*DEVTOOLS*`, `*DEBUG_MODE*`, `ENABLE_DEBUG` — and, for dotted config
 * paths, `inspector.enabled`, `devtools.enabled`, `debugMode`. True only when the value is truthy.
 */
export function enablesDevTools(key: string, value: string | null | undefined): boolean {
  const name = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[.\-\s]/g, '_').toUpperCase();
  const named = name.includes('INSPECTOR') || name.includes('DEVTOOLS') || name.includes('DEV_TOOLS') || name.includes('DEBUG_MODE') || /(?:^|_)ENABLE_DEBUG$/.test(name);
  if (!named) return false;
  // Ports, hosts and paths of an inspector do not turn it on.
  if (/_(?:PORT|HOST|PATH|URL|ADDRESS|TOKEN|SECRET)$/.test(name)) return false;
  // `DISABLE_INSPECTOR=1`, `REACT_DEVTOOLS_DISABLED=true`: the switch is inverted, so only a falsy value turns it on.
  if (/(?:^|_)(?:DISABLE|DISABLED|NO)(?:_|$)/.test(name)) return isFalsy(value) && value !== '';
  return isTruthy(value);
}

/** `--inspect`, `--inspect-brk`, `--inspect=0.0.0.0:9229`, `--inspect-port` … in a command line or NODE_OPTIONS. */
export const INSPECT_FLAG = /(?:^|\s|["'[,])--inspect(?:-brk|-port|-wait)?(?:=\S*)?(?=$|\s|["'\],])/;
export const INSPECTOR_PORT = 9229;
