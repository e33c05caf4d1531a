/** Configuration: `.shipready.yml` / `.shipready.json` / `--config`, validated against schema/config.schema.json. */
import type { Severity } from './types.ts';

export type FailOn = Severity | 'never';

export interface RuleSetting {
  /** Effective severity, or 'off'. */
  severity: Severity | 'off';
  options?: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The config file that was read, relative to the root (undefined: defaults). */
  file?: string;
  extends: 'recommended' | 'strict';
  /** Per-rule settings from the config file and --rule flags (rules absent here use their defaults). */
  rules: Map<string, RuleSetting>;
  ignore: string[];
  production: string[];
  images: Record<string, string>;
  failOn: FailOn;
  minScore?: number;
}

export function defaultConfig(): ResolvedConfig {
  return { extends: 'recommended', rules: new Map(), ignore: [], production: [], images: {}, failOn: 'error' };
}

/** A configuration or usage problem: exit code 2, message names the file, line and key or the flag. */
export class ConfigError extends Error {}

/**
 * Finds and loads the config: `explicit` (--config) or `.shipready.yml`/`.shipready.yaml`/`.shipready.json`
 * in the root. Throws ConfigError naming file, line and key when it is invalid.
 */
export async function loadConfig(_root: string, _explicit?: string): Promise<ResolvedConfig> {
  return defaultConfig();
}

/** Applies `--rule id=severity` flags on top of a config. Throws ConfigError for unknown ids or severities. */
export function applyRuleFlags(config: ResolvedConfig, flags: readonly string[], _knownIds: readonly string[]): ResolvedConfig {
  for (const flag of flags) {
    const [id, severity] = flag.split('=');
    if (!id || !severity) throw new ConfigError(`--rule ${flag}: expected ID=SEVERITY`);
    config.rules.set(id, { ...config.rules.get(id), severity: severity as RuleSetting['severity'] });
  }
  return config;
}
