/** What code/* rules share. */
import type { Project } from '../../src/model/project.ts';
import { isHealthRoute, isReadinessRoute, type Service } from '../../src/model/service/index.ts';

const servers = new WeakMap<Project, readonly Service[]>();

/** Services that create an HTTP server and listen, in packages that run as services (not CLIs, libraries or tooling); found once per project. */
export function httpServers(project: Project): readonly Service[] {
  let found = servers.get(project);
  if (!found) {
    found = project.services.filter((s) => s.isServer && project.scope.package(s.package).role === 'service' && !probeEndpointOnly(s));
    servers.set(project, found);
  }
  return found;
}

/** Libraries a process does its real work with when it is not an HTTP server: job queues, stream consumers, workflow workers, schedulers. */
const WORKER_LIBRARIES = /^(?:bullmq|bull|bee-queue|@nestjs\/bull|@nestjs\/bullmq|amqplib|amqp-connection-manager|kafkajs|@confluentinc\/kafka-javascript|@temporalio\/worker|agenda|pg-boss|graphile-worker|sqs-consumer|@aws-sdk\/client-sqs|@google-cloud\/pubsub|nats|rhea|node-cron|cron|@nestjs\/schedule)$/;

/**
 * A probe endpoint beside a process's real work (a queue worker's `/health` and `/ready`, a `healthcheck.js`
 * sidecar): health and readiness routes only (or also `/`), on a server named for them or in code that does its
 * work with a job queue, a stream consumer or a scheduler. It holds no request worth draining, sets no headers
 * anyone reads, and needs no rate limit or readiness of its own. A server with nothing but a `/health` route and
 * no other work stays judged: its other routes are still to come.
 */
export function probeEndpointOnly(service: Service): boolean {
  const namedForProbes = (text: string) => /health|probe|liveness|readiness|heartbeat/i.test(text);
  if (service.routes.length === 0 || !service.routes.every((r) => isHealthRoute(r) || isReadinessRoute(r) || r.path === '/')) return false;
  if (service.openPaths.length === 0 && [...service.packagesImported].some((name) => WORKER_LIBRARIES.test(name))) return true;
  return service.listens.every((l) => namedForProbes(l.receiver ?? '') || namedForProbes(l.loc.file.slice(l.loc.file.lastIndexOf('/') + 1)));
}

/** Services with parsed source of their own. */
export function servicesWithCode(project: Project): Service[] {
  return project.services.filter((s) => s.files.length > 0);
}
