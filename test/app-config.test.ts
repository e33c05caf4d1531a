import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { appConfigSettings } from '../src/model/settings-model.ts';
import { parseAppConfig } from '../src/parsers/app-config.ts';

const parse = (path: string, text: string) => parseAppConfig(makeSourceFile(path, 'app-config', text));
const flat = (path: string, text: string) => Object.fromEntries(parse(path, text).settings.map((s) => [s.path, s.value]));

describe('app config parser', () => {
  it('flattens the seed production.json to dotted paths with positions', () => {
    const text = ['{', '  "orchestrator": {', '    "logging": {', '      "level": "info",', '      "enableAudit": true,', '      "maxLogFiles": 5', '    }', '  }', '}'].join('\n');
    const config = parse('config/production.json', text);
    expect(config.settings.map((s) => [s.path, s.value])).toEqual([
      ['orchestrator.logging.level', 'info'],
      ['orchestrator.logging.enableAudit', 'true'],
      ['orchestrator.logging.maxLogFiles', '5'],
    ]);
    expect(config.settings[0]?.keyLoc).toEqual({ file: 'config/production.json', line: 4, column: 7, endLine: 4, endColumn: 14 });
    expect(config.settings[0]?.valueLoc).toEqual({ file: 'config/production.json', line: 4, column: 16, endLine: 4, endColumn: 22 });
  });

  it('rejects what JSON.parse rejects, with a position', () => {
    expect(() => parse('config/production.json', '{\n  "a": 1,\n}')).toThrow(/JSON/);
    try {
      parse('config/production.json', '{\n  "a": 1,\n}');
    } catch (error) {
      expect((error as { line?: number }).line).toBe(3);
    }
  });

  it('reads YAML: nested maps, sequences numbered, numbers as written, nulls left out', () => {
    expect(flat('config/production.yaml', 'logging:\n  level: debug\ncors:\n  origin: ["*"]\nstorage:\n  dirPermissions: 0750\ninspector:\n  enabled: true\nempty:\n')).toEqual({
      'logging.level': 'debug',
      'cors.origin.0': '*',
      'storage.dirPermissions': '0750',
      'inspector.enabled': 'true',
    });
  });

  it('follows aliases and merge keys, pointing at where the alias is used', () => {
    const config = parse('config/prod.yaml', 'defaults: &d\n  level: warn\nlevel: &l debug\nlogging:\n  <<: *d\n  again: *l\n');
    const again = config.settings.find((s) => s.path === 'logging.again');
    expect(again?.value).toBe('debug');
    expect(again?.valueLoc.line).toBe(6);
    expect(config.settings.map((s) => s.path)).toContain('logging.level');
  });

  it('throws on invalid YAML with a position', () => {
    expect(() => parse('config/production.yml', 'a: [1, 2\nb: 1\n')).toThrow();
  });

  it('bounds alias expansion', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
    expect(() => parse('config/production.yaml', bomb)).toThrow(/too many settings/);
  });

  it('becomes settings: UPPER_SNAKE names, references flagged', () => {
    const settings = appConfigSettings(parse('config/production.yaml', `logging:\n  level: info\ndb:\n  password: \${DB_PASSWORD}\n`));
    expect(settings.map((s) => [s.name, s.isReference, s.source])).toEqual([
      ['LOGGING_LEVEL', false, 'app-config'],
      ['DB_PASSWORD', true, 'app-config'],
    ]);
  });
});
