/** What code/* rules share. */
import type { Project } from '../../src/model/project.ts';
import type { Service } from '../../src/model/service.ts';

/** Services that create an HTTP server and listen (CLIs and libraries are not). */
export function httpServers(project: Project): Service[] {
  return project.services.filter((s) => s.isServer);
}

/** Services with parsed source of their own. */
export function servicesWithCode(project: Project): Service[] {
  return project.services.filter((s) => s.files.length > 0);
}
