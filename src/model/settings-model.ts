/**
 * Production settings, wherever they are written: env files marked for production and production app
 * config files, as one list of key/value settings with positions. env/* rules read this view, so a
 * production config that turns on the inspector or debug logging is caught in either place.
 */
import { ignoreRules } from './ignore-rules.ts';
import { isDocumentationEnv } from '../classify.ts';
import type { AppConfig } from '../parsers/app-config.ts';
import { type ParsedEnv, referencesIn } from '../parsers/env.ts';
import type { Loc } from '../types.ts';

export interface EnvFile extends ParsedEnv {
  /** Named for production (`.env.production`, `.env.prod`, `production.env`, `*.production.env`) or matched by config `production` globs. */
  production: boolean;
  /** `.env.example`, `.env.sample`, `.env.template`, …: documents variables, placeholders expected. */
  documentation: boolean;
}

export interface Setting {
  /** As written: the env name (`LOG_LEVEL`) or the dotted config path (`logging.level`). */
  key: string;
  /** The key in UPPER_SNAKE form for matching: `logging.level` → `LOGGING_LEVEL`, `logLevel` → `LOG_LEVEL`; sequence indexes dropped. */
  name: string;
  value: string;
  /** The key. */
  loc: Loc;
  /** The value as written; the key when the value is empty. */
  valueLoc: Loc;
  file: string;
  source: 'env' | 'app-config';
  /** The value refers to another variable (`${VAR}`): its real value is not in the repository. */
  isReference: boolean;
}

const PRODUCTION_ENV_NAME = /^(?:\.env\.(?:production|prod)(?:\..+)?|(?:.+\.)?(?:production|prod)\.env)$/i;

/** Decides which env files are production: by name, or by the config's `production` globs (gitignore syntax). */
export function productionEnvMatcher(globs: readonly string[]): (path: string) => boolean {
  const configured = ignoreRules(globs).matcher;
  return (path) => {
    if (isDocumentationEnv(path)) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    return PRODUCTION_ENV_NAME.test(name) || (globs.length > 0 && configured.ignores(path));
  };
}

export function envFileOf(parsed: ParsedEnv, isProduction: (path: string) => boolean): EnvFile {
  return { ...parsed, production: isProduction(parsed.file), documentation: isDocumentationEnv(parsed.file) };
}

/** `logging.level` → `LOGGING_LEVEL`, `memoryLimitMB` → `MEMORY_LIMIT_MB`, `cors.origin.0` → `CORS_ORIGIN`. */
export function settingName(key: string): string {
  return key
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .map((segment) =>
      segment
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
        .replace(/[-\s]/g, '_'),
    )
    .join('_')
    .toUpperCase();
}

export function envSettings(env: EnvFile): Setting[] {
  return env.entries.map((e) => ({
    key: e.key,
    name: settingName(e.key),
    value: e.value,
    loc: e.keyLoc,
    valueLoc: e.value === '' ? e.keyLoc : e.valueLoc,
    file: env.file,
    source: 'env',
    isReference: e.references.length > 0,
  }));
}

/**
 * A config value that names an environment variable (`"secret": "FEATHERS_AUTH_SECRET"`, `"mongodb": "MONGODB_URL"`):
 * @feathersjs/configuration replaces such values with the variable's value. Placeholders (`CHANGE_ME`) are not names.
 */
const ENV_NAME_VALUE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const PLACEHOLDER_NAME = /(?:^|_)(?:CHANGE|REPLACE|TODO|FIXME|TBD|X{3,}|YOUR|HERE|PLACEHOLDER|EXAMPLE|DUMMY|SAMPLE)(?:_|$)/;

function namesEnvVariable(value: string): boolean {
  return ENV_NAME_VALUE.test(value) && !PLACEHOLDER_NAME.test(value);
}

export function appConfigSettings(config: AppConfig): Setting[] {
  return config.settings.map((s) => ({
    key: s.path,
    name: settingName(s.path),
    value: s.value,
    loc: s.keyLoc,
    valueLoc: s.value === '' ? s.keyLoc : s.valueLoc,
    file: config.file,
    source: 'app-config',
    isReference: referencesIn(s.value).length > 0 || namesEnvVariable(s.value),
  }));
}

/** Every setting of production env files and production app config files, file by file in path order. */
export function productionSettingsOf(envFiles: readonly EnvFile[], appConfigs: readonly AppConfig[]): Setting[] {
  const bySource = [...envFiles.filter((e) => e.production).map(envSettings), ...appConfigs.map(appConfigSettings)];
  return bySource.filter((list) => list.length > 0).sort((a, b) => ((a[0] as Setting).file < (b[0] as Setting).file ? -1 : 1)).flat();
}
