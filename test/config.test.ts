/** Config: discovery, schema validation with positions and suggestions, extends, --rule flags, the CLI. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.ts';
import { main } from '../src/cli.ts';
import { applyRuleFlags, ConfigError, defaultConfig, didYouMean, loadConfig, type RuleMeta, readStructured, resolveConfig } from '../src/config.ts';
import { ENGINE_RULES } from '../src/rule.ts';

/** A registry with one rule that takes options, to test option validation. */
const KNOWN: RuleMeta[] = [
  { id: 'docker/non-root', severity: 'error' },
  { id: 'docker/healthcheck', severity: 'warning' },
  {
    id: 'pkg/lockfile-age',
    severity: 'info',
    options: {
      schema: { type: 'object', additionalProperties: false, properties: { maxAgeDays: { type: 'integer', minimum: 1 } } },
      defaults: { maxAgeDays: 90 },
    },
  },
];

function yaml(text: string, name = '.shipready.yml') {
  return resolveConfig(readStructured(name, text, 'yaml'), KNOWN);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config validation', () => {
  it('reads every key', () => {
    const config = yaml(
      [
        'extends: recommended',
        'rules:',
        '  docker/non-root: off',
        '  docker/healthcheck: info',
        '  pkg/lockfile-age: [warning, { maxAgeDays: 30 }]',
        'ignore: [fixtures/**]',
        'production: [deploy/*.env]',
        'images:',
        '  ghcr.io/acme/api: services/api/Dockerfile',
        'failOn: warning',
        'minScore: 80',
        '',
      ].join('\n'),
    );
    expect(config).toMatchObject({
      extends: 'recommended',
      ignore: ['fixtures/**'],
      production: ['deploy/*.env'],
      images: { 'ghcr.io/acme/api': 'services/api/Dockerfile' },
      failOn: 'warning',
      minScore: 80,
    });
    expect([...config.rules]).toEqual([
      ['docker/non-root', { severity: 'off' }],
      ['docker/healthcheck', { severity: 'info' }],
      ['pkg/lockfile-age', { severity: 'warning', options: { maxAgeDays: 30 } }],
    ]);
  });

  it('an empty file is the defaults', () => {
    expect(yaml('')).toEqual(defaultConfig());
    expect(yaml('# nothing yet\n')).toEqual(defaultConfig());
  });

  it('unknown rule id: file, line:column, key path and a suggestion', () => {
    expect(errorOf(() => yaml('extends: recommended\nrules:\n  docker/healthcheck: off\n  docker/non-rot: error\n'))).toBe(
      '.shipready.yml:4:3: rules.docker/non-rot: unknown rule id; did you mean docker/non-root?',
    );
    expect(errorOf(() => yaml('rules:\n  non-root: off\n'))).toBe('.shipready.yml:2:3: rules.non-root: unknown rule id; did you mean docker/non-root?');
    expect(errorOf(() => yaml('rules:\n  k8s/zzz: off\n'))).toBe('.shipready.yml:2:3: rules.k8s/zzz: unknown rule id');
  });

  it('unknown top-level key: a suggestion, or the list of keys', () => {
    expect(errorOf(() => yaml('ignores: [dist]\n'))).toBe('.shipready.yml:1:1: ignores: unknown key; did you mean ignore?');
    expect(errorOf(() => yaml('plugins: []\n'))).toMatch(/^\.shipready\.yml:1:1: plugins: unknown key; expected one of \$schema, extends, rules, ignore, production, development, images, failOn, minScore, baseline$/);
  });

  it('bad values: severity, extends, failOn, minScore, globs', () => {
    expect(errorOf(() => yaml('rules:\n  docker/non-root: warn\n'))).toBe(
      '.shipready.yml:2:20: rules.docker/non-root: expected one of off, error, warning, info; did you mean warning?',
    );
    expect(errorOf(() => yaml('rules:\n  docker/non-root: [off]\n'))).toBe(
      '.shipready.yml:2:21: rules.docker/non-root[0]: expected one of error, warning, info',
    );
    expect(errorOf(() => yaml('extends: strcit\n'))).toBe('.shipready.yml:1:10: extends: expected one of recommended, strict; did you mean strict?');
    expect(errorOf(() => yaml('failOn: errors\n'))).toBe('.shipready.yml:1:9: failOn: expected one of error, warning, info, never; did you mean error?');
    expect(errorOf(() => yaml('minScore: 101\n'))).toBe('.shipready.yml:1:11: minScore: expected at most 100');
    expect(errorOf(() => yaml('minScore: 7.5\n'))).toBe('.shipready.yml:1:11: minScore: expected a whole number');
    expect(errorOf(() => yaml('ignore: dist\n'))).toBe('.shipready.yml:1:9: ignore: expected a list');
    expect(errorOf(() => yaml('ignore:\n  - dist\n  - 3\n'))).toBe('.shipready.yml:3:5: ignore[1]: expected a string');
    expect(errorOf(() => yaml('images:\n  api: {path: x}\n'))).toBe('.shipready.yml:2:8: images.api: expected a string');
    expect(errorOf(() => yaml('- rules\n'))).toBe('.shipready.yml:1:1: expected a mapping');
  });

  it('reports every problem, in file order', () => {
    expect(errorOf(() => yaml('minScore: -1\nrules:\n  docker/non-rot: off\n')).split('\n')).toEqual([
      '.shipready.yml:1:11: minScore: expected at least 0',
      '.shipready.yml:3:3: rules.docker/non-rot: unknown rule id; did you mean docker/non-root?',
    ]);
  });

  it("validates options against the rule's own schema", () => {
    expect(errorOf(() => yaml('rules:\n  pkg/lockfile-age: [info, { maxAgeDays: 0 }]\n'))).toBe(
      '.shipready.yml:2:42: rules.pkg/lockfile-age[1].maxAgeDays: expected at least 1',
    );
    expect(errorOf(() => yaml('rules:\n  pkg/lockfile-age:\n    - info\n    - maxAgeDay: 3\n'))).toBe(
      '.shipready.yml:4:7: rules.pkg/lockfile-age[1].maxAgeDay: unknown key; did you mean maxAgeDays?',
    );
    expect(errorOf(() => yaml('rules:\n  docker/non-root: [error, { strict: true }]\n'))).toBe(
      '.shipready.yml:2:28: rules.docker/non-root[1]: docker/non-root takes no options: write the severity alone',
    );
    expect(errorOf(() => yaml('rules:\n  docker/non-root: [error, warning, info]\n'))).toMatch(/rules\.docker\/non-root: must NOT have more than 2 items/);
  });

  it('invalid YAML: the position of the syntax error', () => {
    expect(errorOf(() => yaml('rules:\n  docker/non-root: off\n  docker/non-root: error\n'))).toBe('.shipready.yml:3:3: invalid YAML: Map keys must be unique');
    expect(errorOf(() => yaml('ignore: [dist\n'))).toMatch(/^\.shipready\.yml:2:1: invalid YAML: /);
  });

  it('JSON configs: same checks, strict JSON syntax', () => {
    const json = (text: string) => resolveConfig(readStructured('.shipready.json', text, 'json'), KNOWN);
    expect(json('{ "failOn": "warning" }').failOn).toBe('warning');
    expect(errorOf(() => json('{\n  "rules": { "docker/non-root": "of" }\n}'))).toBe(
      '.shipready.json:2:33: rules.docker/non-root: expected one of off, error, warning, info; did you mean off?',
    );
    expect(errorOf(() => json('{\n  "failOn": "error",\n}'))).toBe('.shipready.json:3:1: invalid JSON: Expected double-quoted property name');
  });
});

describe('extends', () => {
  it('strict raises every rule the config does not set by one level; set rules keep their severity', () => {
    const config = yaml('extends: strict\nrules:\n  docker/healthcheck: warning\n');
    expect(config.rules.get('docker/non-root')).toEqual({ severity: 'error' });
    expect(config.rules.get('docker/healthcheck')).toEqual({ severity: 'warning' });
    expect(config.rules.get('pkg/lockfile-age')).toEqual({ severity: 'warning' });
    expect(config.rules.get('shipready/unused-suppression')).toEqual({ severity: 'error' });
    expect(config.rules.get('shipready/skipped-file')).toEqual({ severity: 'warning' });
    expect(config.failOn).toBe('error');
  });

  it('--rule flags still override strict', () => {
    const config = applyRuleFlags(yaml('extends: strict\n'), ['docker/healthcheck=info'], KNOWN.map((r) => r.id));
    expect(config.rules.get('docker/healthcheck')).toEqual({ severity: 'info' });
  });
});

describe('--rule flags', () => {
  const ids = KNOWN.map((r) => r.id);
  it('sets the severity and keeps configured options', () => {
    const config = applyRuleFlags(yaml('rules:\n  pkg/lockfile-age: [info, { maxAgeDays: 30 }]\n'), ['pkg/lockfile-age=error', 'docker/non-root=off'], ids);
    expect(config.rules.get('pkg/lockfile-age')).toEqual({ severity: 'error', options: { maxAgeDays: 30 } });
    expect(config.rules.get('docker/non-root')).toEqual({ severity: 'off' });
  });

  it('unknown ids, bad severities and malformed flags are ConfigErrors', () => {
    expect(errorOf(() => applyRuleFlags(defaultConfig(), ['docker/non-rot=off'], ids))).toBe(
      '--rule docker/non-rot=off: unknown rule id docker/non-rot; did you mean docker/non-root?',
    );
    expect(errorOf(() => applyRuleFlags(defaultConfig(), ['docker/non-root=warn'], ids))).toBe(
      '--rule docker/non-root=warn: expected a severity of off, error, warning, info; did you mean warning?',
    );
    expect(errorOf(() => applyRuleFlags(defaultConfig(), ['docker/non-root'], ids))).toMatch(/^--rule docker\/non-root: expected ID=SEVERITY/);
  });
});

describe('didYouMean', () => {
  it('finds typos, completions and bare rule names; nothing when far', () => {
    expect(didYouMean('docker/non-rot', ['docker/non-root', 'docker/healthcheck'])).toBe('docker/non-root');
    expect(didYouMean('warn', ['error', 'warning', 'info'])).toBe('warning');
    expect(didYouMean('healthcheck', ['docker/non-root', 'docker/healthcheck'])).toBe('docker/healthcheck');
    expect(didYouMean('kubernetes', ['docker/non-root', 'docker/healthcheck'])).toBeUndefined();
  });
});

describe('the shipped schema', () => {
  it('is in the package and accepts every shipped rule id', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
    const schema = JSON.parse(readFileSync('schema/config.schema.json', 'utf8'));
    const validate = new Ajv({ strictTuples: false }).compile(schema);
    const every = Object.fromEntries([...rules.map((r) => r.id), ...Object.keys(ENGINE_RULES)].map((id) => [id, 'warning']));
    expect(validate({ extends: 'strict', rules: every, failOn: 'never', minScore: 0 })).toBe(true);
    // The full registry (with every rule's options schema) compiles and accepts the same.
    expect(resolveConfig(readStructured('.shipready.json', JSON.stringify({ rules: every }), 'json')).rules.size).toBe(Object.keys(every).length);
  });
});

describe('loading from disk', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const make = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'shipready-config-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('finds .shipready.yml, .shipready.yaml or .shipready.json in the root', async () => {
    for (const name of ['.shipready.yml', '.shipready.yaml']) {
      expect(await loadConfig(make({ [name]: 'failOn: info\n' }), undefined, KNOWN)).toMatchObject({ file: name, failOn: 'info' });
      rmSync(dir, { recursive: true });
    }
    expect(await loadConfig(make({ '.shipready.json': '{"failOn":"never"}' }), undefined, KNOWN)).toMatchObject({ file: '.shipready.json', failOn: 'never' });
  });

  it('no file: the defaults; two files: an error', async () => {
    expect(await loadConfig(make({}))).toEqual(defaultConfig());
    rmSync(dir, { recursive: true });
    await expect(loadConfig(make({ '.shipready.yml': '', '.shipready.json': '{}' }))).rejects.toThrow(/\.shipready\.yml and \.shipready\.json: more than one config file/);
  });

  it('--config FILE: used instead; missing file is an error', async () => {
    const root = make({ 'ci.yml': 'minScore: 70\n', '.shipready.yml': 'minScore: 10\n' });
    expect(await loadConfig(root, join(root, 'ci.yml'), KNOWN)).toMatchObject({ file: 'ci.yml', minScore: 70 });
    await expect(loadConfig(root, join(root, 'nope.yml'), KNOWN)).rejects.toThrow('--config nope.yml: no such file');
  });

  it('a FIFO named like the config is refused without being opened for a blocking read', async () => {
    const root = make({});
    execFileSync('mkfifo', [join(root, '.shipready.yml')]);
    await expect(loadConfig(root, undefined, KNOWN)).rejects.toThrow('.shipready.yml: not a regular file');
  });

  it('a deeply nested config is a config error, not a crash', async () => {
    const root = make({ '.shipready.yml': '['.repeat(100_000) });
    await expect(loadConfig(root, undefined, KNOWN)).rejects.toThrow(/\.shipready\.yml:1:257: nested deeper than 256 levels/);
  });
});

describe('the CLI with a config', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function cli(files: Record<string, string>, argv: string[] = []) {
    const dir = mkdtempSync(join(tmpdir(), 'shipready-cli-config-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let stdout = '';
    let stderr = '';
    const code = await main([dir, '--format', 'json', ...argv], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      isTTY: false,
      env: {},
      cwd: dir,
      now: new Date('2026-06-15T12:00:00Z'),
    });
    return { code, stdout, stderr };
  }

  const ROOT_IMAGE = 'FROM node:22-slim\nHEALTHCHECK CMD node healthcheck.js\nUSER root\nCMD ["node", "server.js"]\n';
  /** Every other rule off, so these tests see docker/non-root alone whatever rules arrive. */
  const ONLY_NON_ROOT = rules
    .filter((r) => r.id !== 'docker/non-root')
    .map((r) => `  ${r.id}: off\n`)
    .join('');

  it('a bad config exits 2 and names file, position and key', async () => {
    const { code, stderr, stdout } = await cli({ '.shipready.yml': 'rules:\n  docker/non-rot: off\n', Dockerfile: ROOT_IMAGE });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('shipready: .shipready.yml:2:3: rules.docker/non-rot: unknown rule id; did you mean docker/non-root?\n');
  });

  it('rules, failOn and minScore from the config apply; flags override them', async () => {
    const files = { '.shipready.yml': `rules:\n  docker/non-root: warning\n${ONLY_NON_ROOT}failOn: warning\n`, Dockerfile: ROOT_IMAGE };
    const configured = await cli(files);
    expect(configured.code).toBe(1);
    const finding = (JSON.parse(configured.stdout) as { findings: { ruleId: string; severity: string }[] }).findings.find((f) => f.ruleId === 'docker/non-root');
    expect(finding?.severity).toBe('warning');
    expect((await cli(files, ['--fail-on', 'error'])).code).toBe(0);
    expect((await cli(files, ['--rule', 'docker/non-root=off'])).code).toBe(0);
    expect((await cli({ '.shipready.yml': 'minScore: 100\nfailOn: never\n', Dockerfile: ROOT_IMAGE })).code).toBe(1);
    expect((await cli({ '.shipready.yml': 'minScore: 100\nfailOn: never\n', Dockerfile: ROOT_IMAGE }, ['--min-score', '0'])).code).toBe(0);
  });

  it('a bad --rule exits 2', async () => {
    const { code, stderr } = await cli({ Dockerfile: ROOT_IMAGE }, ['--rule', 'docker/nonroot=off']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--rule docker\/nonroot=off: unknown rule id docker\/nonroot; did you mean docker\/non-root\?/);
  });
});
