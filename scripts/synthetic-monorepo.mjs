// A synthetic monorepo of Node.js services, the same for `npm run bench` and the golden report of
// test/golden.test.ts: each service has a multi-stage Dockerfile, .dockerignore, .env.production,
// .env.example, package.json, package-lock.json, three source files, a Kubernetes Deployment and Service,
// and a compose file. Service i is the same text for every run and every size.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The files of one service: what a real Node.js service repository holds. */
export function serviceFiles(i) {
  const name = `svc-${String(i).padStart(4, '0')}`;
  return {
    Dockerfile: [
      'FROM node:22-alpine AS build',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      '',
      'FROM node:22-alpine',
      'ENV NODE_ENV=production',
      'WORKDIR /app',
      'COPY --from=build /app/package.json /app/package-lock.json ./',
      'RUN npm ci --omit=dev && npm cache clean --force',
      'COPY --from=build /app/dist ./dist',
      'USER node',
      'EXPOSE 3000',
      'HEALTHCHECK CMD wget -qO- http://localhost:3000/healthz || exit 1',
      'CMD ["node", "dist/index.js"]',
      '',
    ].join('\n'),
    '.dockerignore': 'node_modules\n.git\n.env*\n!.env.example\ndist\ncoverage\n',
    '.env.production': `PORT=3000\nLOG_LEVEL=info\nSERVICE_NAME=${name}\nDATABASE_URL=postgres://db.internal:5432/${name}\nREQUEST_TIMEOUT_MS=5000\n`,
    '.env.example': `PORT=3000\nLOG_LEVEL=debug\nDATABASE_URL=postgres://localhost:5432/${name}\n`,
    'package.json': `${JSON.stringify(
      {
        name,
        version: '1.0.0',
        private: true,
        type: 'module',
        engines: { node: '>=22' },
        scripts: { build: 'tsc -p .', start: 'node dist/index.js', test: 'node --test' },
        dependencies: { express: '^4.21.2', pino: '^9.6.0', pg: '^8.13.1' },
        devDependencies: { typescript: '^5.7.3' },
      },
      null,
      2,
    )}\n`,
    'package-lock.json': `${JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '1.0.0' } } }, null, 2)}\n`,
    'src/index.js': [
      "import express from 'express';",
      "import pino from 'pino';",
      "import { routes } from './routes.js';",
      '',
      'const log = pino();',
      'const app = express();',
      "app.get('/healthz', (_req, res) => res.send('ok'));",
      "app.use('/api', routes);",
      'const server = app.listen(Number(process.env.PORT ?? 3000), () => log.info("listening"));',
      "process.on('SIGTERM', () => server.close(() => process.exit(0)));",
      '',
    ].join('\n'),
    'src/routes.js': [
      "import { Router } from 'express';",
      "import { query } from './db.js';",
      '',
      'export const routes = Router();',
      "routes.get('/items', async (_req, res, next) => {",
      '  try {',
      "    res.json(await query('select * from items'));",
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    ].join('\n'),
    'src/db.js': [
      "import pg from 'pg';",
      '',
      'const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });',
      'export async function query(text, params) {',
      '  const { rows } = await pool.query(text, params);',
      '  return rows;',
      '}',
      '',
    ].join('\n'),
    'k8s/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  replicas: 2',
      '  selector:',
      `    matchLabels: { app: ${name} }`,
      '  template:',
      '    metadata:',
      `      labels: { app: ${name} }`,
      '    spec:',
      '      containers:',
      '        - name: app',
      `          image: registry.example.com/${name}:1.0.0`,
      '          ports: [{ containerPort: 3000 }]',
      '          resources:',
      '            requests: { cpu: 100m, memory: 128Mi }',
      '            limits: { memory: 256Mi }',
      '          readinessProbe:',
      '            httpGet: { path: /healthz, port: 3000 }',
      '          livenessProbe:',
      '            httpGet: { path: /healthz, port: 3000 }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      `  selector: { app: ${name} }`,
      '  ports: [{ port: 80, targetPort: 3000 }]',
      '',
    ].join('\n'),
    'docker-compose.yml': [
      'services:',
      '  app:',
      '    build: .',
      '    env_file: .env.production',
      '    ports: ["3000:3000"]',
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost:3000/healthz"]',
      '    depends_on: [db]',
      '  db:',
      '    image: postgres:17-alpine',
      '',
    ].join('\n'),
  };
}

/** Writes a monorepo of `n` services into the empty folder `root`; returns the number of files written. */
export function writeMonorepo(root, n) {
  let count = 0;
  const write = (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    count++;
  };
  write(join(root, 'package.json'), `${JSON.stringify({ name: 'monorepo', private: true, workspaces: ['services/*'] }, null, 2)}\n`);
  write(join(root, '.gitignore'), 'node_modules/\ndist/\n.env\n');
  for (let i = 0; i < n; i++) {
    for (const [path, text] of Object.entries(serviceFiles(i))) write(join(root, 'services', `svc-${String(i).padStart(4, '0')}`, path), text);
  }
  return count;
}
