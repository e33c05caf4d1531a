/** What env/* rules share: walking production settings by file, and reading values. */
import type { Project } from '../../src/model/project.ts';
import type { Setting } from '../../src/model/settings-model.ts';
import { isFalsy } from '../../src/model/settings.ts';
import type { Messages, Reporter } from '../../src/rule.ts';

/**
 * Calls `check` on every production setting `reads` accepts, with the reporter of its file. A production
 * file is a subject of the rule only when it holds a setting the rule reads (references excluded by `reads`).
 */
export function checkProductionSettings<M extends Messages>(
  project: Project,
  subject: (name: string) => Reporter<M>,
  reads: (setting: Setting) => boolean,
  check: (setting: Setting, reporter: Reporter<M>) => void,
): void {
  for (const setting of project.productionSettings) if (reads(setting)) check(setting, subject(setting.file));
}

/** Explicitly switched off (`false`, `0`, `no`, `off`, `disabled`): an empty value is not a decision. */
export function isSwitchedOff(value: string): boolean {
  return value.trim() !== '' && isFalsy(value);
}

const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'changethis',
  'secret',
  'password',
  'passwd',
  'todo',
  'tbd',
  'fixme',
  'replaceme',
  'placeholder',
  'example',
  'dummy',
  'sample',
  'default',
  'none',
  'null',
  'undefined',
]);

/**
 * A value written to be replaced: empty, `changeme`/`CHANGE_ME`, `secret`, `password`, `xxx`, `<…>`, `{{…}}`,
 * `todo`, `replace-me`, `change_me_in_production`, `your-secret-key-here`, `insert-token-here`.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || /^<[^<>]*>$/.test(trimmed) || /^\{\{.*\}\}$/.test(trimmed) || /^(?:\*{3,}|\.{3,})$/.test(trimmed)) return true;
  const word = trimmed.toLowerCase().replace(/[\s_.-]+/g, '');
  return PLACEHOLDER_WORDS.has(word) || /^x{3,}$/.test(word) || /^your[a-z0-9]*$/.test(word) || /^(?:insert|enter|put|add|replace|change)[a-z0-9]*here$/.test(word) || /^(?:changeme|replaceme|setme)/.test(word);
}

/** Values no one uses as a secret: booleans, numbers and durations, URLs without credentials, lowercase paths. */
export function isClearlyNotSecret(value: string): boolean {
  const v = value.trim();
  return (
    /^(?:true|false|yes|no|on|off|enabled|disabled)$/i.test(v) ||
    /^-?\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y)?$/i.test(v) ||
    /^https?:\/\/[^@\s]+$/i.test(v) ||
    /^(?:\/[a-z0-9._-]+)+\/?$/.test(v)
  );
}
