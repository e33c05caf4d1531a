/**
 * Model facts the cross/* rules read: health-check requests, route answers with prefixes, shutdown budgets
 * under a deployment's env, Node version specs, preStop sleeps, probe value positions, setup-node inputs.
 */
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { admitsMajor, lowestMajors, nodeVersionSpec, versionFileEntry } from '../src/model/node-versions.ts';
import { localRequests } from '../src/model/probes.ts';
import { answersPath, budgetUnder, envDurationMs, type Service } from '../src/model/service/index.ts';
import { parseWorkflow } from '../src/parsers/workflow.ts';
import { yamlLocator } from '../src/parsers/yaml-loc.ts';
import type { Loc } from '../src/types.ts';
import { modelOf } from './manifest-fixture.ts';

const PKG = JSON.stringify({ name: 'api', scripts: { start: 'node src/server.js' } });
const loc: Loc = { file: 'Dockerfile', line: 1, column: 1, endLine: 1, endColumn: 1 };

function service(server: string, more: Record<string, string> = {}): Service {
  const s = modelOf({ 'package.json': PKG, 'src/server.js': server, ...more }).project.services[0];
  if (!s) throw new Error('no service');
  return s;
}

describe('local requests of a health check', () => {
  const words = (...values: string[]) => values.map((value) => ({ value, loc }));

  it('reads curl/wget URLs, with and without a scheme, ports from env references, and drops the query', () => {
    expect(localRequests(words('curl', '-f', 'http://localhost:8080/health?full=1'))).toMatchObject([{ path: '/health', port: { number: 8080 }, scheme: 'http' }]);
    expect(localRequests(words('wget', '-qO-', '127.0.0.1:3000/ready'))).toMatchObject([{ path: '/ready', port: { number: 3000 } }]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the check's own text, with the reference it expands
    expect(localRequests(words('curl', 'http://localhost:${PORT:-3000}/healthz'))).toMatchObject([{ port: { env: 'PORT', fallback: 3000 } }]);
    expect(localRequests(words('curl', 'https://localhost/'))).toMatchObject([{ path: '/', scheme: 'https' }]);
    expect(localRequests(words('curl', 'http://localhost/'))[0]?.port).toBeUndefined();
  });

  it('reads node -e scripts: URLs, template ports and { port, path } options', () => {
    expect(localRequests(words('node', '-e', "require('http').get('http://localhost:3000/health', (r) => process.exit(r.statusCode === 200 ? 0 : 1))"))).toMatchObject([
      { path: '/health', port: { number: 3000 } },
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the check's own text, with the reference it expands
    expect(localRequests(words('node', '-e', 'fetch(`http://localhost:${process.env.PORT || 3000}/live`)'))).toMatchObject([{ path: '/live', port: { env: 'PORT', fallback: 3000 } }]);
    expect(localRequests(words('node', '-e', "require('http').get({ host: 'localhost', port: 4000, path: '/healthz' }, (r) => process.exit(0))"))).toMatchObject([
      { path: '/healthz', port: { number: 4000 } },
    ]);
  });

  it('ignores other hosts, look-alike host names and ports it cannot read', () => {
    expect(localRequests(words('curl', 'http://api:3000/health'))).toEqual([]);
    expect(localRequests(words('curl', 'http://localhost.example.com/health'))).toEqual([]);
    expect(localRequests(words('curl', 'http://localhost:$$PORT/health'))).toEqual([]);
    expect(localRequests(words('echo', 'localhost'))).toMatchObject([{ path: '/' }]);
    expect(localRequests(words('echo', 'see localhost:3000'))).toEqual([]);
  });

  it('places the URL inside a quoted word written on one line', () => {
    const word = { value: 'curl -f http://localhost:3000/health', loc: { file: 'Dockerfile', line: 3, column: 20, endLine: 3, endColumn: 58 } };
    expect(localRequests([word])[0]?.loc).toMatchObject({ line: 3, column: 29, endColumn: 57 });
  });
});

describe('whether a route answers a path', () => {
  it('applies mount prefixes, params and optional params, case and trailing slashes', () => {
    const s = service(
      "const express = require('express');\nconst api = express.Router();\napi.get('/users/:id/:tab?', h);\napi.get('/Health/', h);\nconst app = express();\napp.use('/api', api);\napp.listen(3000);",
    );
    expect(answersPath(s, '/api/health')).toBe(true);
    expect(answersPath(s, '/api/users/7')).toBe(true);
    expect(answersPath(s, '/api/users/7/posts')).toBe(true);
    expect(answersPath(s, '/health')).toBe(false);
    expect(answersPath(s, '/api/users')).toBe(false);
  });

  it('cannot tell with a catch-all, a static file server, a global prefix or plain node:http routing', () => {
    expect(answersPath(service("const app = require('express')();\napp.get('/a', h);\napp.get('/assets/*', h);\napp.listen(3000);"), '/assets/x.css')).toBeUndefined();
    expect(answersPath(service("const app = require('express')();\napp.get('/a', h);\napp.get('/assets/*', h);\napp.listen(3000);"), '/b')).toBe(false);
    expect(answersPath(service("const express = require('express');\nconst app = express();\napp.use(express.static('public'));\napp.get('/a', h);\napp.listen(3000);"), '/b')).toBeUndefined();
    expect(answersPath(service("const http = require('http');\nhttp.createServer((req, res) => { if (req.url === '/a') return res.end(); res.end('ok'); }).listen(3000);"), '/b')).toBeUndefined();
    expect(answersPath(service("const app = require('express')();\napp.listen(3000);"), '/health')).toBeUndefined();
  });

  it('reads a framework app served through http.createServer as the framework routes', () => {
    const s = service("const http = require('http');\nconst express = require('express');\nconst app = express();\napp.get('/health', h);\nhttp.createServer(app).listen(3000);");
    expect(answersPath(s, '/healthz')).toBe(false);
  });
});

describe('the shutdown budget under an environment', () => {
  const env = (values: Record<string, string>) => (name: string) => (values[name] === undefined ? undefined : { value: values[name] as string, loc });

  it('replaces a wait read from a variable the environment sets, scaled as the code scales its fallback', () => {
    const s = service("const server = require('express')().listen(3000);\nprocess.on('SIGTERM', () => { setTimeout(() => process.exit(1), (Number(process.env.SHUTDOWN_TIMEOUT_S) || 30) * 1000); });");
    expect(s.shutdown).toMatchObject({ budgetMs: 30_000, waits: [{ kind: 'forced-exit', env: { name: 'SHUTDOWN_TIMEOUT_S', fallback: 30 } }] });
    expect(budgetUnder(s, env({ SHUTDOWN_TIMEOUT_S: '45' }), ['SHUTDOWN_TIMEOUT_S']).budgetMs).toBe(45_000);
    expect(budgetUnder(s, env({}), []).budgetMs).toBe(30_000);
  });

  it('counts a shutdown variable the code reads but does not tie to a wait', () => {
    const s = service("const config = { grace: process.env.GRACEFUL_SHUTDOWN_MS };\nrequire('express')().listen(3000);");
    expect(budgetUnder(s, env({ GRACEFUL_SHUTDOWN_MS: '40000' }), ['GRACEFUL_SHUTDOWN_MS'])).toMatchObject({ budgetMs: 40_000, waits: [{ kind: 'env' }] });
    expect(budgetUnder(s, env({ REQUEST_TIMEOUT: '40000' }), ['REQUEST_TIMEOUT']).budgetMs).toBeUndefined();
  });

  it('reads durations by unit or name', () => {
    expect(envDurationMs('SHUTDOWN_TIMEOUT', '30s')).toBe(30_000);
    expect(envDurationMs('SHUTDOWN_TIMEOUT_MS', '500')).toBe(500);
    expect(envDurationMs('SHUTDOWN_TIMEOUT', '20')).toBe(20_000);
    expect(envDurationMs('SHUTDOWN_TIMEOUT_SECONDS', '1500')).toBe(1_500_000);
    expect(envDurationMs('SHUTDOWN_TIMEOUT', 'soon')).toBeUndefined();
  });
});

describe('Node versions outside images', () => {
  const now = new Date('2026-06-15T00:00:00Z');

  it('reads version files and setup-node inputs', () => {
    expect(nodeVersionSpec('v22.3.0', now)).toEqual({ major: 22 });
    expect(nodeVersionSpec('22.x', now)).toEqual({ major: 22 });
    expect(nodeVersionSpec('lts/iron', now)).toEqual({ major: 20 });
    expect(nodeVersionSpec('lts/*', now)).toEqual({ major: 24 });
    expect(nodeVersionSpec('lts/-1', now)).toEqual({ major: 22 });
    expect(nodeVersionSpec('>=20', now)).toEqual({ range: '>=20' });
    expect(nodeVersionSpec('node', now)).toBeUndefined();
  });

  it('reads ranges: lowest majors and whether a major is admitted', () => {
    expect(lowestMajors('^20 || >=22')).toEqual([20, 22]);
    expect(admitsMajor('>=20', 22)).toBe(true);
    expect(admitsMajor('^20.11.0', 22)).toBe(false);
    expect(admitsMajor('not a range', 22)).toBe(false);
  });

  it('takes the first line of a version file that is not a comment, with its position', () => {
    const file = makeSourceFile('.nvmrc', 'node-version-file', '# pinned\n  v22.3.0  \n');
    expect(versionFileEntry(file)).toEqual({ text: 'v22.3.0', loc: { file: '.nvmrc', line: 2, column: 3, endLine: 2, endColumn: 10 } });
  });
});

describe('manifest and workflow facts', () => {
  it('reads preStop sleeps, probe value positions and command items', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: api:1',
      '      command: ["node", "--max-old-space-size=400"]',
      '      lifecycle:',
      '        preStop:',
      '          exec:',
      '            command: ["/bin/sh", "-c", "sleep 15"]',
      '      livenessProbe:',
      '        httpGet:',
      '          path: /health',
      '          port: http',
    ].join('\n');
    const c = modelOf({ 'pod.yaml': yaml }).project.k8s.workloads[0]?.containers[0];
    expect(c?.preStop?.sleepMs).toBe(15_000);
    expect(c?.commandWords.map((w) => [w.value, w.loc.line, w.loc.column])).toEqual([
      ['node', 9, 17],
      ['--max-old-space-size=400', 9, 25],
    ]);
    expect(c?.probes.liveness?.handler).toMatchObject({ pathLoc: { line: 16, column: 17 }, portLoc: { line: 17, column: 17 } });
    const sleepAction = yaml.replace('          exec:\n            command: ["/bin/sh", "-c", "sleep 15"]', '          sleep:\n            seconds: 5');
    expect(modelOf({ 'pod.yaml': sleepAction }).project.k8s.workloads[0]?.containers[0]?.preStop?.sleepMs).toBe(5000);
  });

  it("reads a step's `with` inputs, numbers as written", () => {
    const file = makeSourceFile('.github/workflows/ci.yml', 'workflow', ['on: push', 'jobs:', '  t:', '    steps:', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 22', "          cache: 'npm'"].join('\n'));
    const wf = parseWorkflow(file, parseAllDocuments(file.text)[0] as never, yamlLocator(file));
    const inputs = wf?.jobs[0]?.steps[0]?.with;
    expect(inputs?.get('node-version')).toMatchObject({ value: '22', loc: { line: 7, column: 25 } });
    expect(inputs?.get('cache')?.value).toBe('npm');
  });
});
