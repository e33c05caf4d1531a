/** Helpers shared by the compose/* rules. */
import { runsNode } from '../../src/model/links.ts';
import type { Project } from '../../src/model/project.ts';
import { type ComposeService, isDevelopmentOnly } from '../../src/parsers/compose.ts';

/**
 * Services of production compose files (not `docker-compose.dev.yml`, `compose.override.yaml`, `compose.test.yaml`, …),
 * except those only a development, test or debug profile starts.
 */
export function productionServices(project: Project): ComposeService[] {
  return project.compose.filter((f) => f.production).flatMap((f) => f.services.filter((s) => !isDevelopmentOnly(s)));
}

/** Production services that run until stopped (not migrations and other one-shot services). */
export function longRunningServices(project: Project): ComposeService[] {
  return productionServices(project).filter((s) => !s.oneShot);
}

/** The program the service starts: its entrypoint, else its command. */
export function commandOf(s: ComposeService): string[] {
  return s.entrypoint.length > 0 ? s.entrypoint : s.command;
}

/** A Node.js service: built from a Node Dockerfile, a Node image, or a node/npm command in an image built here. */
export function isNodeService(s: ComposeService): boolean {
  return runsNode(s.dockerfile, s.image?.value, commandOf(s));
}

/** The repository's own app (built here, or its image linked to a Dockerfile here), or a Node.js service — not a database or proxy image. */
export function isApp(s: ComposeService): boolean {
  return s.build !== undefined || s.dockerfile !== undefined || isNodeService(s);
}

export function serviceId(s: ComposeService): string {
  return `${s.file}#${s.name}`;
}
