/**
 * What shipready knows about base images: which are Node images and which Node.js line they run,
 * and which programs (shell, HTTP tools) they ship.
 */
import { copyOf, type DockerInstruction, effectiveInstructions, type ImageRef, parseImageRef, rootBase, type Stage } from '../parsers/dockerfile.ts';
import { runCalls } from './commands.ts';
import { NODE_LINES } from './node-lines.ts';
import { basename } from './project.ts';

/** Image repositories that are Node.js runtimes. */
const NODE_IMAGES = [/(?:^|\/)node$/, /^distroless\/nodejs\d*(?:-debian\d+)?$/];

export function isNodeImageRef(ref: ImageRef): boolean {
  return NODE_IMAGES.some((re) => re.test(ref.name));
}

/** OS packages a RUN installs (`apk add`, `apt-get install`, `dnf`/`yum`/`microdnf install`), versions removed. */
function installedPackages(ins: DockerInstruction): string[] {
  return runCalls(ins).flatMap(({ program }) => {
    const [path = '', sub, ...rest] = program.map((w) => w.value);
    const tool = basename(path);
    const installs =
      (tool === 'apk' && sub === 'add') ||
      ((tool === 'apt-get' || tool === 'apt') && sub === 'install') ||
      ((tool === 'dnf' || tool === 'yum' || tool === 'microdnf') && sub === 'install');
    return installs ? rest.filter((w) => !w.startsWith('-')).map((w) => w.replace(/[=<>~].*$/, '')) : [];
  });
}

/** OS packages the RUNs of the stage's lineage install. */
function packagesIn(stage: Stage): Set<string> {
  return new Set(effectiveInstructions(stage, 'RUN').flatMap(installedPackages));
}

/** True when the stage's image runs Node.js: a Node base image, or a base that installs nodejs. */
export function isNodeStage(stage: Stage): boolean {
  const base = rootBase(stage);
  if (base.type === 'image' && isNodeImageRef(base.ref)) return true;
  return [...packagesIn(stage)].some((name) => name === 'nodejs' || name.startsWith('nodejs-'));
}

type Availability = 'present' | 'absent' | 'unknown';

/** A minimal base image (distroless, Chainguard: no shell, no tools) by its tag: `bare`, or a debug variant (`:debug`, `-dev`) that adds a busybox shell. */
function minimalVariant(ref: ImageRef): 'bare' | 'debug' | undefined {
  const tag = ref.tag ?? 'latest';
  if (ref.name.startsWith('distroless/')) return /(?:^|-)debug/.test(tag) ? 'debug' : 'bare';
  if (ref.name.startsWith('chainguard/')) return /(?:^|-)dev$/.test(tag) ? 'debug' : 'bare';
  return undefined;
}

/** Whether `curl`/`wget` exist in the stage's image: from the base image's family and what RUNs install or COPYs bring. */
export function httpToolIn(stage: Stage, tool: 'curl' | 'wget'): Availability {
  if (packagesIn(stage).has(tool) || copiesProgram(stage, tool)) return 'present';
  const base = rootBase(stage);
  if (base.type === 'scratch') return 'absent';
  if (base.type !== 'image') return 'unknown';
  const { name, tag = 'latest' } = base.ref;
  const minimal = minimalVariant(base.ref);
  // busybox has wget, not curl: alpine and the debug variants of minimal images.
  if (minimal) return minimal === 'bare' ? 'absent' : tool === 'wget' ? 'present' : 'unknown';
  if (/(?:^|-)alpine/.test(tag) || name === 'alpine') return tool === 'wget' ? 'present' : 'absent';
  if (/(?:^|-)slim(?:$|-)/.test(tag) || /-slim$/.test(name)) return 'absent';
  // The full node images build on buildpack-deps, which has curl and wget; bare debian/ubuntu have neither.
  if (name === 'node' || name === 'buildpack-deps') return 'present';
  if (name === 'debian' || name === 'ubuntu') return 'absent';
  return 'unknown';
}

/** True when a COPY/ADD of the stage's lineage names the program as a source or destination (`COPY --from=busybox /bin/wget /usr/bin/wget`). */
function copiesProgram(stage: Stage, program: string): boolean {
  return effectiveInstructions(stage).some((ins) => {
    const copy = copyOf(ins);
    return copy !== undefined && [...copy.sources, copy.destination].some((w) => basename(w.value.replace(/\/+$/, '')) === program);
  });
}

/** Whether the stage's image has /bin/sh: scratch and minimal images (distroless, Chainguard) have none, but their debug variants do. */
export function shellIn(stage: Stage): Availability {
  if (copiesProgram(stage, 'sh')) return 'present';
  const base = rootBase(stage);
  if (base.type === 'scratch') return 'absent';
  const minimal = base.type === 'image' ? minimalVariant(base.ref) : undefined;
  return minimal === 'bare' ? 'absent' : minimal === 'debug' ? 'present' : 'unknown';
}

/**
 * Which Node.js line a Node image runs, from its tag (`22-alpine`, `22.11.0-bookworm-slim`, `hydrogen-alpine`)
 * or, for distroless, its name (`distroless/nodejs18-debian12`). `lts` and `current` are the moving
 * aliases (`node`, `node:alpine`, `node:lts-slim`); undefined for an image that is not Node.js, or
 * when the reference does not say (a digest without a tag).
 */
type NodeImageVersion = { major: number; via: 'tag' | 'codename' | 'name' } | { alias: 'lts' | 'current' };

export function nodeImageVersion(ref: ImageRef): NodeImageVersion | undefined {
  if (!isNodeImageRef(ref)) return undefined;
  const byName = /^distroless\/nodejs(\d+)/.exec(ref.name);
  if (byName) return { major: Number(byName[1]), via: 'name' };
  const tag = ref.tag?.toLowerCase();
  if (tag === undefined) return ref.digest ? undefined : { alias: 'current' };
  const numbered = /^v?(\d+)(?:$|[.-])/.exec(tag);
  if (numbered) return { major: Number(numbered[1]), via: 'tag' };
  const first = tag.split('-')[0] ?? '';
  const byCodename = NODE_LINES.find((l) => l.codename?.toLowerCase() === first);
  if (byCodename) return { major: byCodename.major, via: 'codename' };
  if (first === 'lts') return { alias: 'lts' };
  // `latest`, `current`, and variants alone (`alpine`, `slim`, `bookworm`, `alpine3.21`) follow the newest line.
  return { alias: 'current' };
}

/** How an exec-form command of the stage's image runs node: distroless keeps it off the PATH, at /nodejs/bin/node. */
export function nodeProgramIn(stage: Stage): string {
  const base = rootBase(stage);
  return base.type === 'image' && base.ref.name.startsWith('distroless/') ? '/nodejs/bin/node' : 'node';
}

/**
 * Images of backing services a Node.js app talks to rather than is: databases, caches, queues, search,
 * object stores, mail catchers and local cloud emulators (last path segment of the repository, tag ignored).
 */
const BACKING_SERVICES = new Set([
  'postgres', 'postgis', 'postgresql', 'pgvector', 'timescaledb', 'mysql', 'mariadb', 'percona-server', 'mongo', 'mongodb', 'mongodb-community-server', 'redis', 'redis-stack', 'redis-stack-server',
  'valkey', 'keydb', 'dragonfly', 'memcached', 'rabbitmq', 'kafka', 'cp-kafka', 'redpanda', 'zookeeper', 'cp-zookeeper', 'nats', 'elasticsearch', 'opensearch', 'meilisearch', 'typesense',
  'qdrant', 'weaviate', 'chroma', 'milvus', 'clickhouse-server', 'clickhouse', 'cassandra', 'scylla', 'cockroach', 'neo4j', 'influxdb', 'couchdb', 'etcd', 'consul', 'minio', 'azurite',
  'localstack', 'dynamodb-local', 'fake-gcs-server', 'mailhog', 'mailpit', 'maildev', 'smtp4dev', 'mailcatcher', 'inbucket', 'greenmail', 'adminer', 'pgadmin4', 'redis-commander',
  'redisinsight', 'mongo-express', 'jaeger', 'all-in-one', 'zipkin', 'otel-collector', 'opentelemetry-collector', 'opentelemetry-collector-contrib', 'gotenberg', 'pgbouncer',
]);
/** Stateful stores that run as one instance unless clustered on purpose: not asked for two replicas or a disruption budget. */
const STATEFUL_STORES = /^(?:postgres|postgis|postgresql|pgvector|timescaledb|mysql|mariadb|percona-server|mongo|mongodb|mongodb-community-server|redis|redis-stack|redis-stack-server|valkey|keydb|dragonfly|memcached|clickhouse-server|clickhouse|minio|elasticsearch|opensearch|meilisearch|typesense|qdrant|neo4j|influxdb|couchdb|etcd)$/;

function imageLastSegment(image: string): string | undefined {
  const text = image.trim();
  if (text === '' || /[$}{]/.test(text)) return undefined;
  const { name } = parseImageRef(text);
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Backing services known by their full name, whose last segment alone says nothing (`temporalio/auto-setup`). */
const BACKING_SERVICE_NAMES = /^(?:temporalio\/(?:auto-setup|server|ui|admin-tools))$/;

export function isBackingServiceImage(image: string): boolean {
  const last = imageLastSegment(image);
  return last !== undefined && (BACKING_SERVICES.has(last) || BACKING_SERVICE_NAMES.test(parseImageRef(image.trim()).name));
}

/**
 * Web servers and reverse proxies, by image name and program name: they start, and answer 502 until their upstream
 * is up, whatever order compose starts them in; a container whose command ends in one runs no Node.js service.
 */
export const WEB_SERVERS: ReadonlySet<string> = new Set(['nginx', 'nginx-unprivileged', 'openresty', 'caddy', 'httpd', 'apache2', 'lighttpd', 'traefik', 'haproxy', 'envoy', 'static-web-server']);

export function isWebServerImage(image: string): boolean {
  const last = imageLastSegment(image);
  return last !== undefined && WEB_SERVERS.has(last);
}

/** Caches and queue brokers whose data refills or is re-queued: Redis and its forks, Memcached. */
const CACHES = new Set(['redis', 'redis-stack-server', 'valkey', 'keydb', 'dragonfly', 'memcached']);

export function isCacheImage(image: string): boolean {
  const last = imageLastSegment(image);
  return last !== undefined && CACHES.has(last);
}

export function isStatefulStoreImage(image: string): boolean {
  const last = imageLastSegment(image);
  return last !== undefined && STATEFUL_STORES.test(last);
}
