/** What code/* rules share. */
import type { Project } from '../../src/model/project.ts';
import type { Service } from '../../src/model/service.ts';

/** Services that create an HTTP server and listen, in packages that run as services (not CLIs, libraries or tooling). */
export function httpServers(project: Project): Service[] {
  return project.services.filter((s) => s.isServer && project.scope.package(s.package).role === 'service');
}

/** Services with parsed source of their own. */
export function servicesWithCode(project: Project): Service[] {
  return project.services.filter((s) => s.files.length > 0);
}
