import { describe, expect, it } from 'vitest';
import healthcheck from '../rules/docker/healthcheck/rule.ts';
import dockerNodeEnv from '../rules/docker/node-env/rule.ts';
import { defaultConfig } from '../src/config.ts';
import { evaluate } from '../src/engine.ts';
import { type ComposeService, parseShortPort } from '../src/parsers/compose.ts';
import type { Rule } from '../src/rule.ts';
import { modelOf } from './manifest-fixture.ts';

const COMPOSE = `x-defaults: &defaults
  restart: unless-stopped
  logging:
    driver: json-file
    options: {max-size: 10m}
  deploy:
    resources:
      limits: {memory: 512M, cpus: "0.5"}

services:
  api:
    <<: *defaults
    build:
      context: ./services/api
      dockerfile: Dockerfile.prod
    environment:
      NODE_ENV: production
      DB_PASSWORD:
    env_file:
      - .env.production
      - path: ./optional.env
        required: false
    ports:
      - "3000:3000"
      - "127.0.0.1:9229:9229"
      - "[::1]:9464:9464/tcp"
      - "8000-8002:8000-8002"
      - target: 8081
        published: "8081"
        host_ip: 0.0.0.0
        name: admin
    healthcheck:
      test: wget -qO- http://localhost:3000/health
      interval: 30s
    stop_grace_period: 1m30s
    depends_on:
      db:
        condition: service_healthy
  worker:
    <<: *defaults
    build: ./services/worker
    restart: always
    mem_limit: 1g
    environment:
      - NODE_ENV=production
      - QUEUE
    command: node dist/worker.js
  migrate:
    build: ./services/api
    deploy:
      restart_policy: {condition: on-failure}
    healthcheck:
      disable: true
  db:
    image: postgres:16-alpine
    depends_on: [migrate]
`;

describe('compose model', () => {
  const { project } = modelOf({ 'docker-compose.yml': COMPOSE, '.env.production': 'LOG_LEVEL=warn\n' });
  const file = project.compose[0];
  if (!file) throw new Error('no compose file');
  const byName = new Map(file.services.map((s) => [s.name, s]));
  const api = byName.get('api');
  const worker = byName.get('worker');
  const migrate = byName.get('migrate');
  if (!api || !worker || !migrate) throw new Error('missing services');

  it('lists services, not x- fields', () => {
    expect(file.services.every((s) => project.scope.composeService(s).ships)).toBe(true);
    expect(file.services.map((s) => s.name)).toEqual(['api', 'worker', 'migrate', 'db']);
    expect(api.loc).toEqual({ file: 'docker-compose.yml', line: 11, column: 3, endLine: 11, endColumn: 6 });
  });

  it('resolves merge keys: merged values, explicit keys win', () => {
    expect(api.restart?.value).toBe('unless-stopped');
    expect(api.limits.memory?.value).toBe('512M');
    expect(api.logging?.options['max-size']).toBe('10m');
    expect(worker.restart?.value).toBe('always');
    expect(worker.limits.memory?.value).toBe('512M'); // deploy.resources is read first (compose rejects two different values)
  });

  it('reads build as a string or context + dockerfile, relative to the compose file', () => {
    expect(api.build).toMatchObject({ context: 'services/api', dockerfile: 'services/api/Dockerfile.prod' });
    expect(worker.build).toMatchObject({ context: 'services/worker', dockerfile: 'services/worker/Dockerfile' });
  });

  it('reads environment as a map or a list, and env_file in every form', () => {
    expect(api.environment.map((e) => [e.key, e.value])).toEqual([
      ['NODE_ENV', 'production'],
      ['DB_PASSWORD', null],
    ]);
    expect(worker.environment.map((e) => [e.key, e.value])).toEqual([
      ['NODE_ENV', 'production'],
      ['QUEUE', null],
    ]);
    expect(api.envFiles.map((e) => [e.path, e.required])).toEqual([
      ['.env.production', true],
      ['optional.env', false],
    ]);
  });

  it('reads ports in short and long syntax with host IPs and ranges', () => {
    expect(api.ports.map((p) => [p.hostIp, p.published, p.targets, p.name])).toEqual([
      [undefined, '3000', [3000], undefined],
      ['127.0.0.1', '9229', [9229], undefined],
      ['::1', '9464', [9464], undefined],
      [undefined, '8000-8002', [8000, 8001, 8002], undefined],
      ['0.0.0.0', '8081', [8081], 'admin'],
    ]);
    expect(parseShortPort('3000')).toEqual({ hostIp: undefined, published: undefined, targets: [3000] });
    expect(parseShortPort('127.0.0.1::3000')).toEqual({ hostIp: '127.0.0.1', published: undefined, targets: [3000] });
  });

  it('reads healthchecks (string test, disable), stop_grace_period, depends_on and commands', () => {
    expect(api.healthcheck).toMatchObject({ disabled: false, test: ['CMD-SHELL', 'wget -qO- http://localhost:3000/health'] });
    expect(migrate.healthcheck?.disabled).toBe(true);
    expect(api.stopGracePeriod?.value).toBe(90_000);
    expect(api.dependsOn).toMatchObject([{ service: 'db', condition: 'service_healthy' }]);
    expect(worker.command).toEqual(['node', 'dist/worker.js']);
  });

  it('tells one-shot services from long-running ones', () => {
    expect(file.services.map((s) => [s.name, s.oneShot])).toEqual([
      ['api', false],
      ['worker', false],
      ['migrate', true],
      ['db', false],
    ]);
    expect(project.deployments.map((d) => [d.name, d.healthcheck])).toEqual([
      ['compose service api', 'defined'],
      ['compose service worker', 'none'],
      ['compose service db', 'none'],
    ]);
    expect(project.deployments[0]?.env.get('LOG_LEVEL')?.value).toBe('warn');
  });

  it('does not treat development and test compose files as production', () => {
    for (const name of ['docker-compose.dev.yml', 'compose.override.yaml', 'docker-compose-test.yml', 'compose.local.yaml']) {
      const { project } = modelOf({ [name]: 'services:\n  api:\n    image: acme/api:1\n' });
      expect(project.scope.composeService(project.compose[0]?.services[0] as ComposeService).ships, name).toBe(false);
    }
  });
});

describe('docker rules see what compose deploys', () => {
  const DOCKERFILE = 'FROM node:22-alpine\nWORKDIR /app\nCOPY dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n';

  function outcome(rule: Rule, compose: string) {
    const { project } = modelOf({ Dockerfile: DOCKERFILE, 'docker-compose.yml': compose });
    const { evaluations } = evaluate(project, [rule], defaultConfig(), new Date('2026-06-15T12:00:00Z'));
    return evaluations.find((e) => e.subject === 'Dockerfile')?.outcome;
  }

  it('docker/healthcheck passes when the compose service that builds the image has its own healthcheck', () => {
    expect(outcome(healthcheck, 'services:\n  api:\n    build: .\n')).toBe('fail');
    expect(outcome(healthcheck, 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "node", "healthcheck.js"]\n')).toBe('pass');
    expect(outcome(healthcheck, 'services:\n  api:\n    build: .\n    healthcheck:\n      disable: true\n')).toBe('fail');
  });

  it('docker/node-env passes when the compose service sets NODE_ENV=production in environment', () => {
    expect(outcome(dockerNodeEnv, 'services:\n  api:\n    build: .\n')).toBe('fail');
    expect(outcome(dockerNodeEnv, 'services:\n  api:\n    build: .\n    environment:\n      - NODE_ENV=production\n')).toBe('pass');
    // The value the service sets is what runs: compose/node-env reports development there, not at the image.
    expect(outcome(dockerNodeEnv, 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: development\n')).toBe('pass');
  });
});
