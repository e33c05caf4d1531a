/** What code/* rules share. */
import type { Project } from '../../src/model/project.ts';
import { isHealthRoute, isReadinessRoute, type Service } from '../../src/model/service.ts';

/** Services that create an HTTP server and listen, in packages that run as services (not CLIs, libraries or tooling). */
export function httpServers(project: Project): Service[] {
  return project.services.filter((s) => s.isServer && project.scope.package(s.package).role === 'service' && !probeEndpointOnly(s));
}

/**
 * A probe endpoint beside a process's real work (a worker's `healthServer`, a `healthcheck.js` sidecar): health
 * routes only, on a server named for them. It holds no request worth draining, sets no headers anyone reads, and
 * needs no rate limit or readiness of its own. A server that is named for nothing stays judged, however few its routes.
 */
function probeEndpointOnly(service: Service): boolean {
  const namedForProbes = (text: string) => /health|probe|liveness|readiness|heartbeat/i.test(text);
  return (
    service.routes.length > 0 &&
    service.routes.every((r) => isHealthRoute(r) || isReadinessRoute(r) || r.path === '/') &&
    service.listens.every((l) => namedForProbes(l.receiver ?? '') || namedForProbes(l.loc.file.slice(l.loc.file.lastIndexOf('/') + 1)))
  );
}

/** Services with parsed source of their own. */
export function servicesWithCode(project: Project): Service[] {
  return project.services.filter((s) => s.files.length > 0);
}
