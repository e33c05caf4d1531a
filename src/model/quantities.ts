/**
 * Quantities as the platforms read them: Kubernetes resource quantities (`512Mi`, `1Gi`, `500M`, `1e9`,
 * `250m` CPU), compose byte sizes (`512m`, `1g`, `1.5G`) and Go/compose durations (`30s`, `1m30s`).
 * Each returns undefined for text the platform would reject, so a rule can tell "unset" from "unreadable".
 */

const K8S_BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const K8S_DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const K8S_QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** A Kubernetes quantity in base units (bytes for memory, cores for CPU): `512Mi` → 536870912, `250m` → 0.25. */
export function parseK8sQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = K8S_QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const [, num = '', suffix, exponent] = m;
  const n = Number(num);
  if (exponent !== undefined) return n * 10 ** Number(exponent);
  return n * (suffix === undefined ? 1 : (K8S_BINARY[suffix] ?? K8S_DECIMAL[suffix] ?? 1));
}

const COMPOSE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

/** A compose byte size as docker reads it (go-units RAMInBytes: binary units, any case, optional `i`/`b`): `512m`, `1.5G`, `512MiB`, plain bytes. */
export function parseComposeBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * (COMPOSE_UNITS[(m[2] ?? '').toLowerCase()] ?? 1);
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration as compose writes it, in milliseconds: `30s` → 30000, `1m30s` → 90000, `1.5h`. A bare number is seconds (Kubernetes fields). */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (text === '' || !/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * (DURATION_UNITS[part[2] as string] ?? 0);
  return total;
}
