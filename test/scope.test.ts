/** The scope model: what ships, and why (src/model/scope.ts, src/model/evidence.ts). */
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { headerExclusion, nameExclusion, pathExclusion } from '../src/model/evidence.ts';
import type { ComposeService } from '../src/parsers/compose.ts';
import { modelOf } from './manifest-fixture.ts';

const NODE_IMAGE = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';

function service(project: ReturnType<typeof modelOf>['project'], file: string, name: string): ComposeService {
  const s = project.compose.find((c) => c.file === file)?.services.find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name} in ${file}`);
  return s;
}

function dockerfile(project: ReturnType<typeof modelOf>['project'], file: string) {
  const d = project.dockerfiles.find((x) => x.file === file);
  if (!d) throw new Error(`no Dockerfile ${file}`);
  return d;
}

describe('what a file says about itself', () => {
  it('folders of tests, fixtures, examples, docs and local tooling, relative to the linted root', () => {
    for (const path of ['e2e/Dockerfile', 'apps/web/cypress/docker-compose.yml', 'examples/api/Dockerfile', 'docs/setup/docker-compose.yml', '.devcontainer/Dockerfile', 'test-app/Dockerfile', 'apps/api-e2e/Dockerfile', 'local/compose.yaml', 'packages/x/__tests__/a.ts', 'tools/seed/docker-compose.yml', 'extra/templates/proxy/compose.yaml', 'packages/api-docs/package.json']) {
      expect(pathExclusion(path), path).toBeDefined();
    }
    for (const path of ['Dockerfile', 'apps/api/Dockerfile', 'services/testing-service-name-like/Dockerfile', 'deploy/docker-compose.yml', 'src/latest/Dockerfile']) expect(pathExclusion(path), path).toBeUndefined();
  });

  it('inside source trees, only folders that cannot be features', () => {
    expect(pathExclusion('src/auth/local/strategy.ts', 'source')).toBeUndefined();
    expect(pathExclusion('src/demo/seed.ts', 'source')).toBeUndefined();
    expect(pathExclusion('docker/local/docker-compose.yml', 'compose')).toBeDefined();
    expect(pathExclusion('src/__tests__/app.ts', 'source')).toBeDefined();
    expect(pathExclusion('src/tools/parse.ts', 'source')).toBeUndefined();
    expect(pathExclusion('src/templates/email.ts', 'source')).toBeUndefined();
    expect(pathExclusion('src/api-docs/index.ts', 'source')).toBeUndefined();
  });

  it('names for development, tests and CI, by the words beyond the kind name', () => {
    for (const [path, kind] of [
      ['Dockerfile.dev', 'dockerfile'],
      ['dev.Dockerfile', 'dockerfile'],
      ['Dockerfile.integration', 'dockerfile'],
      ['docker-compose.dev.yml', 'compose'],
      ['compose.local.yaml', 'compose'],
      ['docker-compose.override.yml', 'compose'],
      ['docker-compose-test.yml', 'compose'],
      ['docker-compose.build.yml', 'compose'],
      ['.env.development', 'env'],
      ['.env.test', 'env'],
      ['src/app.spec.ts', 'source'],
      ['vite.config.ts', 'source'],
    ] as const) {
      expect(nameExclusion(path, kind), path).toBeDefined();
    }
    for (const [path, kind] of [
      ['Dockerfile', 'dockerfile'],
      ['Dockerfile.prod', 'dockerfile'],
      ['docker-compose.yml', 'compose'],
      ['docker-compose.prod.yml', 'compose'],
      ['.env.production', 'env'],
      ['src/devices.ts', 'source'],
      ['src/latest.ts', 'source'],
    ] as const) {
      expect(nameExclusion(path, kind), path).toBeUndefined();
    }
  });

  it('a header comment that says the file is not for production, not one that points elsewhere', () => {
    const says = (text: string) => headerExclusion(makeSourceFile('docker-compose.yml', 'compose', text));
    expect(says('# This compose file is for demonstration only, do not use in prod.\nservices: {}\n')?.reason).toMatch(/do not use in prod/);
    expect(says('# -- DO NOT USE IN PRODUCTION! --\nservices: {}\n')).toBeDefined();
    expect(says('# NOTE: please do not use this configuration for production setups.\nservices: {}\n')).toBeDefined();
    expect(says('# It is **not** intended for production use.\nservices: {}\n')).toBeDefined();
    expect(says('# Core local-dev stack: the minimum a contributor needs\nservices: {}\n')).toBeDefined();
    expect(says('# Docker Compose configuration for integration tests\nservices: {}\n')).toBeDefined();
    expect(says('# This contains the services required to develop and test Acme\n# locally: several databases, a cache and a tracer.\nservices: {}\n')).toBeDefined();
    expect(says('# Publishes every package to a local registry for testing / local dev purposes\nservices: {}\n')).toBeDefined();
    expect(says('### EXAMPLE DOCKER COMPOSE ###\nservices: {}\n')).toBeDefined();
    expect(says('#  used to nuke the dev environment for engineers\nservices: {}\n')).toBeDefined();
    expect(says('# Production stack. For local development, see docker-compose.dev.yml\nservices: {}\n')).toBeUndefined();
    expect(says('# For an example configuration, see docs/deploy.md\nservices: {}\n')).toBeUndefined();
    expect(says('# The production stack.\n# Run it locally with docker compose up.\nservices: {}\n')).toBeUndefined();
    expect(says('# Set this to production before deploying\nservices: {}\n')).toBeUndefined();
    expect(says('# Promotes the image from the dev environment to production\nservices: {}\n')).toBeUndefined();
    expect(says('services:\n  # for local development only\n  api: {}\n')).toBeUndefined();
  });
});

describe('what a folder says about the files in it', () => {
  const COMPOSE = 'services:\n  app:\n    build:\n      context: ..\n      dockerfile: docker/Dockerfile\n    ports: ["3030:3030"]\n';
  const PUSH = 'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          file: docker/Dockerfile\n          push: true\n';

  it('a README that calls its folder internal, or says production is elsewhere, takes the files beside it out of production', () => {
    for (const readme of ['# Internal Docker files\n\nIf you want to self-host, look in ../hosting.\n', "# Docker\n\nIf you're looking for self-hosting files you're in the wrong place.\n", '# Dev stack\n\nThese files are for local development only.\n']) {
      const project = modelOf({ 'docker/README.md': readme, 'docker/docker-compose.yml': COMPOSE, 'docker/Dockerfile': NODE_IMAGE, 'docker/.env.production': 'API_URL=https://api.internal\n' }).project;
      expect(project.scope.exclusionOf('docker/docker-compose.yml'), readme).toMatchObject({ evidence: 'header', reason: expect.stringMatching(/^the README of its folder says/) });
      expect(project.scope.ships('docker/.env.production')).toBe(false);
    }
  });

  it('CI that pushes an image from that folder still ships it; a README about something else, or the root README, says nothing', () => {
    const pushed = modelOf({ 'docker/README.md': '# Internal Docker files\n', 'docker/Dockerfile': NODE_IMAGE, '.github/workflows/release.yml': PUSH }).project;
    expect(pushed.scope.image(dockerfile(pushed, 'docker/Dockerfile')).role).toBe('runtime');
    const plain = modelOf({ 'docker/README.md': '# Docker\n\nBuild the image with `docker build -f docker/Dockerfile .`.\n', 'docker/docker-compose.yml': COMPOSE }).project;
    expect(plain.scope.exclusionOf('docker/docker-compose.yml')).toBeUndefined();
    const root = modelOf({ 'README.md': '# Internal tooling files\n', 'docker-compose.yml': 'services:\n  app:\n    build: .\n' , Dockerfile: NODE_IMAGE }).project;
    expect(root.scope.exclusionOf('docker-compose.yml')).toBeUndefined();
  });
});

describe('what the documentation says of a compose file', () => {
  const STACK = 'services:\n  db:\n    image: mongo:7\n  app:\n    image: ghcr.io/acme/app:1.2.0\n    ports: ["3000:3000"]\n';
  const shipsWith = (doc: string, compose = 'docker-compose.yml') => {
    const project = modelOf({ 'docs/self-host/production.mdx': doc, [compose]: STACK }).project;
    return project.scope.composeService(service(project, compose, 'app')).ships;
  };

  it('a sentence that names it, or "the docker-compose file", as meant for a local dev machine or staging sets it apart', () => {
    expect(shipsWith('The default settings in the `docker-compose` file are meant to get you up and running quickly on a local dev machine. In production, use the chart.\n')).toBe(false);
    expect(shipsWith('The docker-compose.proxy.yml stack is for testing purposes.\n', 'docker-compose.proxy.yml')).toBe(false);
    expect(shipsWith('docker-compose.yml is not meant for production use.\n')).toBe(false);
  });

  it('a sentence that also speaks of production or of another compose file, or says nothing of development, does not', () => {
    expect(shipsWith('Use docker-compose.yml in production and docker-compose.dev.yml for local development.\n')).toBe(true);
    expect(shipsWith('For local development, run docker-compose.override.yml beside docker-compose.yml.\n')).toBe(true);
    expect(shipsWith('Deploy with docker-compose.yml on any host with Docker.\n')).toBe(true);
  });
});

describe('Dockerfiles: runtime, build-only or development', () => {
  it('the only Dockerfile is a runtime image at its production stage', () => {
    const { project } = modelOf({ Dockerfile: NODE_IMAGE });
    expect(project.scope.image(dockerfile(project, 'Dockerfile')).role).toBe('runtime');
    expect(project.runtimeStages.map((r) => r.subject)).toEqual(['Dockerfile']);
  });

  it('a Dockerfile.dev is development, unless CI builds and pushes it', () => {
    const dev = modelOf({ 'Dockerfile.dev': NODE_IMAGE, Dockerfile: NODE_IMAGE }).project;
    expect(dev.scope.image(dockerfile(dev, 'Dockerfile.dev'))).toMatchObject({ role: 'development', exclusion: { evidence: 'name' } });
    const workflow = 'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          file: Dockerfile.dev\n          push: true\n';
    const pushed = modelOf({ 'Dockerfile.dev': NODE_IMAGE, '.github/workflows/release.yml': workflow }).project;
    expect(pushed.scope.image(dockerfile(pushed, 'Dockerfile.dev')).role).toBe('runtime');
  });

  it('a Dockerfile named through the build matrix is one CI builds and pushes', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  image:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        include:',
      '          - { component: web, dockerfile: ./web/Dockerfile }',
      '          - { component: worker, dockerfile: ./worker/Dockerfile }',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: .',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow's own expression
      '          file: ${{ matrix.dockerfile }}',
      '          push: true',
      '',
    ].join('\n');
    const compose = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: ./web/Dockerfile\n';
    const { project } = modelOf({ 'web/Dockerfile': NODE_IMAGE, 'worker/Dockerfile': NODE_IMAGE, 'docker-compose.dev.yml': compose, '.github/workflows/release.yml': workflow });
    expect(['web/Dockerfile', 'worker/Dockerfile'].map((f) => project.scope.image(dockerfile(project, f)).role)).toEqual(['runtime', 'runtime']);
  });

  it('a build script that CI runs with `--file` and `--push` builds and pushes that Dockerfile', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  image:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        file: [Dockerfile, Dockerfile.migrate]',
      '    steps:',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow's own expression
      '      - run: node scripts/build-image.mjs --file=images/app/${{ matrix.file }} --tag app --push',
      '',
    ].join('\n');
    const compose = 'services:\n  app:\n    build:\n      context: ../..\n      dockerfile: images/app/Dockerfile\n';
    const files = { 'images/app/Dockerfile': NODE_IMAGE, 'images/app/Dockerfile.migrate': NODE_IMAGE, 'examples/stack/docker-compose.yml': compose };
    const pushed = modelOf({ ...files, '.github/workflows/release.yml': workflow }).project;
    expect(['images/app/Dockerfile', 'images/app/Dockerfile.migrate'].map((f) => pushed.scope.image(dockerfile(pushed, f)).role)).toEqual(['runtime', 'runtime']);
    // Without the push the script only builds (a check), and an example's compose file deploys nothing.
    const checked = modelOf({ ...files, '.github/workflows/release.yml': workflow.replace(' --push', '') }).project;
    expect(checked.scope.image(dockerfile(checked, 'images/app/Dockerfile')).role).not.toBe('runtime');
  });

  it('a docker build in CI without a push is not a deployment', () => {
    const workflow = 'on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -f Dockerfile.test -t app-test .\n';
    const { project } = modelOf({ 'Dockerfile.test': NODE_IMAGE, '.github/workflows/ci.yml': workflow });
    expect(project.scope.image(dockerfile(project, 'Dockerfile.test')).role).toBe('development');
  });

  it('a base or builder image is build-only: by its name, or because another Dockerfile builds FROM it', () => {
    const byName = modelOf({ 'Dockerfile.base': 'FROM node:22\nRUN npm i -g pnpm\n', Dockerfile: NODE_IMAGE }).project;
    expect(byName.scope.image(dockerfile(byName, 'Dockerfile.base')).role).toBe('build-only');
    const byUse = modelOf({ 'toolchain/Dockerfile': 'FROM node:22\nRUN npm i -g pnpm\n', 'api/Dockerfile': 'FROM acme/toolchain:1\nCOPY . .\nCMD ["node", "server.js"]\n' }, { images: { 'acme/toolchain': 'toolchain/Dockerfile' } }).project;
    expect(byUse.scope.image(dockerfile(byUse, 'toolchain/Dockerfile'))).toMatchObject({ role: 'build-only', exclusion: { evidence: 'deployment' } });
    expect(byUse.scope.image(dockerfile(byUse, 'api/Dockerfile')).role).toBe('runtime');
  });

  it('a build that tags an image links the name to its Dockerfile: a FROM of that name makes it build-only', () => {
    const deps = 'FROM node:22-bookworm-slim AS runtime-deps\nRUN apt-get update && apt-get install -y --no-install-recommends sqlite3\n';
    const app = 'FROM acme/kuma:deps2 AS release\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server/server.js"]\n';
    const script = (tag: string) => JSON.stringify({ name: 'kuma', scripts: { 'build-deps': `docker buildx build -f docker/runtime-deps.dockerfile -t ${tag} --target runtime-deps . --push` } });
    const workflow = 'on: workflow_dispatch\njobs:\n  deps:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build-deps\n';
    const files = (tag: string) => ({ 'package.json': script(tag), 'docker/runtime-deps.dockerfile': deps, 'docker/Dockerfile': app, '.github/workflows/deps.yml': workflow });
    const tagged = modelOf(files('acme/kuma:deps2')).project;
    expect(tagged.imageBuilds.map((b) => [b.dockerfile, b.target, b.tags, b.push, b.ci])).toContainEqual(['docker/runtime-deps.dockerfile', 'runtime-deps', ['acme/kuma:deps2'], true, true]);
    expect(tagged.scope.image(dockerfile(tagged, 'docker/runtime-deps.dockerfile'))).toMatchObject({ role: 'build-only', exclusion: { evidence: 'deployment' } });
    expect(tagged.scope.image(dockerfile(tagged, 'docker/Dockerfile')).role).toBe('runtime');
    // Another tag of the same repository is another image: the FROM is not linked by the tag, and CI pushes the file as its own image.
    const other = modelOf(files('acme/kuma:nightly')).project;
    expect(other.scope.image(dockerfile(other, 'docker/runtime-deps.dockerfile')).role).toBe('runtime');
  });

  it('a compose service that builds `target:` runs that stage', () => {
    const multi = 'FROM node:22 AS base\nWORKDIR /app\nFROM base AS api\nCMD ["node", "api.js"]\nFROM base AS worker\nCMD ["node", "worker.js"]\n';
    const compose = 'services:\n  api:\n    build: {context: ., target: api}\n  worker:\n    build: {context: ., target: worker}\n';
    const { project } = modelOf({ Dockerfile: multi, 'docker-compose.yml': compose });
    expect(project.runtimeStages.map((r) => r.subject)).toEqual(['Dockerfile#api', 'Dockerfile#worker']);
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'worker')).stage?.name).toBe('worker');
  });

  it('the config overrides every other signal', () => {
    const dev = modelOf({ Dockerfile: NODE_IMAGE, 'Dockerfile.dev': NODE_IMAGE }, { production: ['Dockerfile.dev'], development: ['Dockerfile'] }).project;
    expect(dev.scope.image(dockerfile(dev, 'Dockerfile.dev')).role).toBe('runtime');
    expect(dev.scope.image(dockerfile(dev, 'Dockerfile'))).toMatchObject({ role: 'development', exclusion: { evidence: 'config' } });
  });
});

describe('compose files and services', () => {
  it('a file of only backing services on loopback is a local development stack; with the app it ships', () => {
    const stack = 'services:\n  db:\n    image: postgres:16\n    ports: ["127.0.0.1:5432:5432"]\n  cache:\n    image: redis:7\n    ports: ["127.0.0.1:6379:6379"]\n  mail:\n    image: axllent/mailpit\n';
    const local = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': stack }).project;
    expect(local.scope.composeService(service(local, 'docker-compose.yml', 'db'))).toMatchObject({ ships: false, exclusion: { evidence: 'content' } });
    const withApp = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': `${stack}  api:\n    build: .\n` }).project;
    expect(withApp.scope.composeService(service(withApp, 'docker-compose.yml', 'db'))).toMatchObject({ ships: true, role: 'backing' });
    expect(withApp.scope.composeService(service(withApp, 'docker-compose.yml', 'api'))).toMatchObject({ ships: true, role: 'app' });
  });

  it('a comment above a compose service that says it is for local development leaves that service out', () => {
    const compose = 'services:\n  api:\n    image: acme/api:1.4.2\n  # minio is only used for local development. In production, use any S3-compatible storage.\n  blob-storage:\n    image: minio/minio:RELEASE.2024-01-01T00-00-00Z\n    environment:\n      MINIO_ROOT_PASSWORD: password\n  # The database. Back it up.\n  db:\n    image: postgres:16\n';
    const { project } = modelOf({ 'docker-compose.yml': compose });
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'blob-storage'))).toMatchObject({ ships: false, exclusion: { evidence: 'header' } });
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'db')).ships).toBe(true);
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'api')).ships).toBe(true);
    // A commented-out service between the comment and the next service: the comment speaks of what it comments out.
    const commentedOut = 'services:\n  api:\n    image: acme/api:1.4.2\n  # Uncomment for local development only:\n  # mailhog:\n  #   image: mailhog/mailhog\n  postgres:\n    image: postgres:16\n';
    const p2 = modelOf({ 'docker-compose.yml': commentedOut }).project;
    expect(p2.scope.composeService(service(p2, 'docker-compose.yml', 'postgres')).ships).toBe(true);
  });

  it('a compose project named for tests, and a folder whose README says it is no longer used, do not ship', () => {
    const compose = 'name: workflows-test\nservices:\n  workflows:\n    build: .\n    ports: ["3000:3000"]\n';
    const { project } = modelOf({ 'apps/workflows/docker-compose.yaml': compose, 'docker-compose.yaml': 'name: status\nservices:\n  api:\n    image: acme/api:1.4.2\n' });
    expect(project.scope.composeService(service(project, 'apps/workflows/docker-compose.yaml', 'workflows'))).toMatchObject({ ships: false, exclusion: { evidence: 'name' } });
    expect(project.scope.composeService(service(project, 'docker-compose.yaml', 'api')).ships).toBe(true);
    const retired = modelOf({ 'apps/screenshot/README.md': '# Screenshot service\n\nThis is not used anymore.\n', 'apps/screenshot/Dockerfile': NODE_IMAGE }).project;
    expect(retired.scope.exclusionOf('apps/screenshot/Dockerfile')?.reason).toMatch(/not used anymore/);
  });

  it('a container that only waits for `docker exec` is a job, not a service', () => {
    const compose = 'services:\n  api:\n    image: acme/api:1.4.2\n  admin-cli:\n    image: acme/admin-cli:1.4.2\n    command: tail -f /dev/null\n  worker:\n    image: acme/api:1.4.2\n    command: ["node", "worker.js"]\n';
    const { project } = modelOf({ 'docker-compose.yml': compose });
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'admin-cli')).role).toBe('job');
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'worker')).role).toBe('app');
  });

  it('a file whose every app service is development is a development stack: its databases and proxies too', () => {
    const preview = 'services:\n  app:\n    image: ghcr.io/acme/notes:develop\n    depends_on: [db]\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: notes\n  proxy:\n    image: caddy:2\n';
    const p = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': preview }).project;
    for (const name of ['app', 'db', 'proxy']) expect(p.scope.composeService(service(p, 'docker-compose.yml', name)).ships, name).toBe(false);
    expect(p.scope.composeService(service(p, 'docker-compose.yml', 'db')).exclusion?.reason).toMatch(/every app service/);
    // One app service that ships is enough for the file to ship.
    const mixed = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': `${preview}  worker:\n    image: ghcr.io/acme/notes-worker:1.4.2\n` }).project;
    expect(mixed.scope.composeService(service(mixed, 'docker-compose.yml', 'db')).ships).toBe(true);
  });

  it('an app service that sets NODE_ENV=development is development when the repository ships the app another way', () => {
    const dev = 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: development\n    ports: ["3001:3001"]\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: password\n';
    const release = 'services:\n  api:\n    image: acme/api:1.4.2\n    environment:\n      NODE_ENV: production\n';
    const both = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yaml': dev, 'docker-compose.release.yaml': release }).project;
    expect(both.scope.composeService(service(both, 'docker-compose.yaml', 'api'))).toMatchObject({ ships: false, exclusion: { evidence: 'content' } });
    expect(both.scope.composeService(service(both, 'docker-compose.yaml', 'db')).ships).toBe(false);
    expect(both.scope.composeService(service(both, 'docker-compose.release.yaml', 'api')).ships).toBe(true);
    // Third-party images beside the app services that are built here (dashboards, a workflow engine's UI) go with the stack.
    const observed = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yaml': `${dev}  grafana:\n    image: grafana/grafana:11.2.0\n`, 'docker-compose.release.yaml': release }).project;
    expect(observed.scope.composeService(service(observed, 'docker-compose.yaml', 'grafana')).ships).toBe(false);
    // The repository's only deployment: NODE_ENV=development there is the finding compose/node-env reports, not a reason to look away.
    const only = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yaml': dev }).project;
    expect(only.scope.composeService(service(only, 'docker-compose.yaml', 'api')).ships).toBe(true);
    // Two files that both set NODE_ENV=development do not vouch for each other.
    const twins = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yaml': dev, 'compose.prod.yaml': dev }).project;
    expect(twins.scope.composeService(service(twins, 'compose.prod.yaml', 'api')).ships).toBe(true);
    // Nor does a preview stack that runs a `:develop` tag.
    const preview = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yaml': dev, 'compose.preview.yaml': 'services:\n  api:\n    image: acme/api:develop\n' }).project;
    expect(preview.scope.composeService(service(preview, 'docker-compose.yaml', 'api')).ships).toBe(true);
  });

  it('backing services that publish ports for an app outside compose are a local stack too; without ports, nothing says so', () => {
    const published = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n' }).project;
    expect(published.scope.composeService(service(published, 'docker-compose.yml', 'db')).ships).toBe(false);
    const internal = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n' }).project;
    expect(internal.scope.composeService(service(internal, 'docker-compose.yml', 'db')).ships).toBe(true);
  });

  it('a service that mounts the source and runs a dev server is development; the same service without the mount ships', () => {
    const dev = 'services:\n  api:\n    build: .\n    command: npm run dev\n    volumes:\n      - .:/app\n      - /app/node_modules\n';
    const { project } = modelOf({ Dockerfile: NODE_IMAGE, 'package.json': '{"name":"api"}', 'docker-compose.yml': dev });
    expect(project.scope.composeService(service(project, 'docker-compose.yml', 'api'))).toMatchObject({ ships: false, exclusion: { reason: expect.stringMatching(/development server/) } });
    const prod = modelOf({ Dockerfile: NODE_IMAGE, 'docker-compose.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - uploads:/app/uploads\nvolumes:\n  uploads: {}\n' }).project;
    expect(prod.scope.composeService(service(prod, 'docker-compose.yml', 'api')).ships).toBe(true);
  });

  it('a service that builds a development Dockerfile or stage, or only starts under a dev profile, is development', () => {
    const compose = 'services:\n  a:\n    build: {context: ., dockerfile: Dockerfile.dev}\n  b:\n    build: {context: ., target: development}\n  c:\n    image: acme/tools:1\n    profiles: [debug]\n  d:\n    build: .\n';
    const { project } = modelOf({ Dockerfile: NODE_IMAGE, 'Dockerfile.dev': NODE_IMAGE, 'compose.yaml': compose });
    expect(['a', 'b', 'c', 'd'].map((n) => project.scope.composeService(service(project, 'compose.yaml', n)).ships)).toEqual([false, false, false, true]);
  });

  it('the report lists what was left out, with reasons', () => {
    const { project } = modelOf({ Dockerfile: NODE_IMAGE, 'Dockerfile.dev': NODE_IMAGE, 'e2e/docker-compose.yml': 'services:\n  api:\n    build: ..\n' });
    expect(project.scope.excluded).toEqual([
      { file: 'Dockerfile.dev', reason: 'named for development (Dockerfile.dev)' },
      { file: 'e2e/docker-compose.yml', reason: 'in a test folder (e2e/)' },
    ]);
  });
});

describe('packages', () => {
  it('a server, a static site, a published library, an internal library and tooling', () => {
    const { project } = modelOf({
      'package.json': '{"name":"root","private":true,"workspaces":["apps/*","packages/*"]}',
      'apps/api/package.json': '{"name":"api","private":true,"scripts":{"start":"node dist/server.js"},"dependencies":{"express":"^4","shared":"*"}}',
      'apps/web/package.json': '{"name":"web","private":true,"scripts":{"build":"vite build"},"dependencies":{"react":"^19"},"devDependencies":{"vite":"^7"}}',
      'packages/sdk/package.json': '{"name":"@acme/sdk","exports":"./dist/index.js","files":["dist"]}',
      'packages/shared/package.json': '{"name":"shared","private":true,"main":"src/index.ts"}',
      'packages/eslint-config/package.json': '{"name":"eslint-config-acme","private":true}',
    });
    const roles = Object.fromEntries(project.packages.map((p) => [p.dir, project.scope.package(p).role]));
    expect(roles).toEqual({ '': 'tooling', 'apps/api': 'service', 'apps/web': 'static-site', 'packages/sdk': 'library', 'packages/shared': 'library', 'packages/eslint-config': 'tooling' });
  });

  it('an Astro site is static unless a server adapter is installed', () => {
    const { project } = modelOf({
      'landing/package.json': '{"name":"landing","private":true,"scripts":{"build":"astro build","preview":"astro preview"},"dependencies":{"astro":"^6"}}',
      'shop/package.json': '{"name":"shop","private":true,"scripts":{"build":"astro build","start":"node dist/server/entry.mjs"},"dependencies":{"astro":"^6","@astrojs/node":"^9"}}',
    });
    const roles = Object.fromEntries(project.packages.map((p) => [p.dir, project.scope.package(p).role]));
    expect(roles).toEqual({ landing: 'static-site', shop: 'service' });
  });

  it('a published CLI with a start script, and a published library whose code listens at load, are libraries; an image makes a service', () => {
    const { project } = modelOf({
      'package.json': '{"name":"root","private":true,"workspaces":["packages/*"]}',
      'packages/cli/package.json': '{"name":"acme-tunnel","bin":{"acme-tunnel":"bin/index.js"},"scripts":{"start":"node ."},"main":"lib/index.js"}',
      'packages/core/package.json': '{"name":"@acme/core","exports":"./dist/index.js","dependencies":{"express":"^5"}}',
      'packages/core/src/index.ts': "import express from 'express';\nexpress().listen(3000);",
      'packages/server/package.json': '{"name":"acme-server","bin":{"acme-server":"bin/server.js"},"scripts":{"start":"node bin/server.js"},"dependencies":{"express":"^5"}}',
      'packages/server/Dockerfile': 'FROM node:22-alpine\nCOPY . .\nUSER node\nCMD ["node", "bin/server.js"]\n',
    });
    const roles = Object.fromEntries(project.packages.map((p) => [p.dir, project.scope.package(p).role]));
    expect(roles).toMatchObject({ 'packages/cli': 'library', 'packages/core': 'library', 'packages/server': 'service' });
  });

  it('a package in an examples folder does not ship', () => {
    const { project } = modelOf({ 'package.json': '{"name":"lib"}', 'examples/server/package.json': '{"name":"example-server","scripts":{"start":"node index.js"}}' });
    const example = project.packages.find((p) => p.dir === 'examples/server');
    expect(example && project.scope.package(example)).toMatchObject({ ships: false, role: 'service' });
  });
});
