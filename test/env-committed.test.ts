/** env/committed-secret needs a real git repository, which a harness case folder cannot be. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import rule from '../rules/env/committed-secret/rule.ts';
import { run } from '../src/engine.ts';

// shipready-ignore code/hardcoded-secret -- a made-up key the tests plant in throwaway repositories
const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const dirs: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipready-git-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: root, stdio: 'ignore' });
}

const scan = (root: string) => run({ root, rules: [rule], now: new Date('2026-06-15T12:00:00Z') });

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('env/committed-secret with git', () => {
  it('reports secrets in tracked env files that ship, and credentials of known formats in any tracked env file', async () => {
    const root = tree({
      '.env': `PORT=3000\nSTRIPE_API_KEY=${SECRET}\nSESSION_SECRET=changeme\nDB_PASSWORD=\${DB_PASSWORD}\nTOKEN_TTL=3600\n`,
      '.env.example': `STRIPE_API_KEY=${SECRET}\nSESSION_SECRET=correcthorsebatterystaple\n`,
      '.env.test': `STRIPE_API_KEY=${SECRET}\nSESSION_SECRET=correcthorsebatterystaple\n`,
      'apps/api/.env.production': `JWT_SECRET=${SECRET}\nSESSION_SECRET=correcthorsebatterystaple\nSMTP_PASSWORD=\n`,
      '.env.local': `STRIPE_API_KEY=${SECRET}\n`,
    });
    git(root, 'init', '-q');
    git(root, 'add', '.env', '.env.example', '.env.test', 'apps/api/.env.production');
    const result = await scan(root);
    const found = result.findings.map((f) => [f.messageId, f.file, f.line]);
    // The tracked `.env` is committed on purpose: its content is the finding, not the missing ignore rule.
    expect(found).toEqual([
      ['credentialValue', '.env', 2],
      ['credentialValue', '.env.example', 1],
      ['credentialValue', '.env.test', 1],
      ['credentialValue', 'apps/api/.env.production', 1],
      ['trackedSecret', 'apps/api/.env.production', 2],
    ]);
    expect(result.findings.every((f) => !f.message.includes(SECRET) && !f.message.includes('correcthorse'))).toBe(true);
    expect(result.evaluations.map((e) => [e.subject, e.outcome])).toEqual([
      ['.env', 'fail'],
      ['.env.example', 'fail'],
      ['.env.test', 'fail'],
      ['apps/api/.env.production', 'fail'],
    ]);
  });

  it('asks git itself what it ignores, nested .gitignore files and .git/info/exclude included, also when a subfolder is linted', async () => {
    const root = tree({ 'services/api/package.json': '{"name":"api","dependencies":{"dotenv":"^16.4.5"}}', 'services/web/package.json': '{"name":"web","dependencies":{"dotenv":"^16.4.5"}}', 'services/web/.gitignore': '.env\n' });
    git(root, 'init', '-q');
    writeFileSync(join(root, '.git/info/exclude'), 'services/api/.env\n');
    expect((await scan(root)).findings).toEqual([]);
    expect((await scan(join(root, 'services/api'))).findings).toEqual([]);
    writeFileSync(join(root, '.git/info/exclude'), '');
    const found = (await scan(root)).findings.map((f) => [f.messageId, f.message]);
    expect(found).toEqual([['envNotIgnored', expect.stringMatching(/^services\/api\/\.env is not ignored/)]]);
  });

  it('a framework that commits .env defaults by convention (Next.js, Vite) is not asked to ignore it', async () => {
    const root = tree({ 'package.json': '{"name":"web","dependencies":{"next":"^16.0.0"}}', '.env.example': 'NEXT_PUBLIC_API_URL=http://localhost:3000\n', '.gitignore': '.env.local\n' });
    git(root, 'init', '-q');
    expect((await scan(root)).findings).toEqual([]);
  });

  it('passes when .gitignore keeps .env out and nothing secret is tracked', async () => {
    const root = tree({ '.gitignore': '.env\n.env.*\n!.env.example\n', '.env.example': 'STRIPE_API_KEY=<your key>\n', '.env': `STRIPE_API_KEY=${SECRET}\n` });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    const result = await scan(root);
    expect(result.findings).toEqual([]);
    expect(result.evaluations.map((e) => [e.subject, e.outcome])).toEqual([['.gitignore', 'pass']]);
  });

  it('never lets a repository config make git run a command', async () => {
    const root = tree({ '.env': `STRIPE_API_KEY=${SECRET}\n` });
    git(root, 'init', '-q');
    git(root, 'add', '.env');
    git(root, 'config', 'core.fsmonitor', `touch ${join(root, 'pwned')}`);
    const result = await scan(root);
    expect(result.findings.map((f) => f.messageId)).toContain('credentialValue');
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });

  it('is not applicable outside a git repository without a .gitignore', async () => {
    const root = tree({ '.env': `STRIPE_API_KEY=${SECRET}\n` });
    const result = await scan(root);
    expect(result.findings).toEqual([]);
    expect(result.evaluations).toEqual([]);
  });
});

describe('env rules and secret values', () => {
  it('no env/* finding message contains a value', async () => {
    const secrets = [SECRET, 'Xy7Qp2Lm9Rt4Vb8N', 'hunter2hunter2', 'your-secret-key-here', 'changeme', 'replace-me'];
    const root = tree({
      '.env.production': [
        `STRIPE_API_KEY=${secrets[0]}`,
        `JWT_SECRET=${secrets[1]}`,
        `DB_PASSWORD="${secrets[2]}"`,
        `SESSION_SECRET=${secrets[3]}`,
        `ADMIN_TOKEN=${secrets[4]}`,
        `COOKIE_SECRET=${secrets[5]}`,
        'SESSION_ID_LENGTH=16',
        'NODE_ENV=development',
        'LOG_LEVEL=verbose',
        'CORS_ORIGIN=*',
        'ENFORCE_HTTPS=false',
        'SANITIZE_ERROR_MESSAGES=false',
        'DATA_DIR_PERMISSIONS=0777',
        'REQUEST_TIMEOUT=-1',
        'METRICS_ENABLED=false',
        'FORTISTATE_ENABLE_INSPECTOR=true',
        'NODE_OPTIONS=--inspect=0.0.0.0:9229',
        `BROKEN = ${secrets[0]}`,
      ].join('\n'),
    });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    const { rules } = await import('../rules/index.ts');
    const envRules = rules.filter((r) => r.id.startsWith('env/'));
    const result = await run({ root, rules: envRules, now: new Date('2026-06-15T12:00:00Z') });
    const fired = new Set(result.findings.map((f) => f.ruleId));
    // Every env rule that reads this file fired, so every message shape was checked.
    for (const rule of envRules) if (rule.id !== 'env/example') expect(fired, rule.id).toContain(rule.id);
    for (const finding of result.findings) {
      for (const value of [...secrets, 'development', 'verbose', '0.0.0.0:9229', '0777']) expect(finding.message, finding.ruleId).not.toContain(value);
    }
  });
});
