/**
 * Ports that must not be public: the Node.js inspector, and ports named or documented (by an env var
 * such as `SOMON_MANAGEMENT_PORT=8080`) as management, admin, metrics, debug or inspector ports.
 * Shared by k8s/exposed-internal-port and compose/exposed-internal-port.
 */
import { INSPECTOR_PORT } from './settings.ts';

const INTERNAL_NAME = /(?:^|[-_.])(?:management|mgmt|admin|metrics|debug|inspector|inspect|actuator|pprof)(?:$|[-_.])/i;
const INTERNAL_ENV = /(?:^|_)(MANAGEMENT|MGMT|ADMIN|METRICS|DEBUG|INSPECTOR|INSPECT)_PORT$/i;

export interface PortFacts {
  number?: number;
  /** The port's name (a container port, Service port or compose long-syntax `name`). */
  name?: string;
  /** Environment of the process that listens on it. */
  env?: readonly { key: string; value: string | null }[];
}

/** Why a port is internal, as a noun phrase ("Node.js inspector port"), or undefined for an ordinary port. */
export function internalPortReason(port: PortFacts): string | undefined {
  if (port.number === INSPECTOR_PORT) return 'Node.js inspector port';
  if (port.name && INTERNAL_NAME.test(port.name)) return `port named "${port.name}"`;
  if (port.number === undefined) return undefined;
  for (const e of port.env ?? []) {
    const m = INTERNAL_ENV.exec(e.key);
    if (m && e.value?.trim() === String(port.number)) return `${(m[1] as string).toLowerCase()} port set by ${e.key}`;
  }
  return undefined;
}
