/** Helpers shared by the compose/* rules. */
import { groupBy } from '../../src/model/index-by.ts';
import { healthcheckTest } from '../../src/model/commands.ts';
import { runsNode } from '../../src/model/links.ts';
import { basename, dirname, type Project } from '../../src/model/project.ts';
import type { ComposeService } from '../../src/parsers/compose.ts';
import { effectiveInstructions } from '../../src/parsers/dockerfile.ts';
import type { Loc } from '../../src/types.ts';

/**
 * Services that ship (src/model/scope.ts): not in development, test or example files, not dev servers or dev-only
 * profiles — and not override fragments (no image, no build), which are judged merged into their base service.
 */
export function productionServices(project: Project): ComposeService[] {
  return project.compose.flatMap((f) =>
    f.services.filter((s) => {
      const use = project.scope.composeService(s);
      return use.ships && !use.fragment;
    }),
  );
}

/**
 * The services compose merges into each one when it is started from several files of one folder
 * (`-f docker-compose.yml -f docker-compose.prod.yml`): the same-named services of the folder's other
 * production compose files. A setting one of them writes counts for the service.
 */
function companionIndex(project: Project): (s: ComposeService) => ComposeService[] {
  const key = (s: ComposeService) => `${dirname(s.file)}\0${s.name}`;
  const byKey = groupBy(
    project.compose.flatMap((f) => f.services.filter((o) => project.scope.composeService(o).ships)),
    key,
  );
  return (s) => (byKey.get(key(s)) ?? []).filter((o) => o.file !== s.file);
}

/** `docker-compose.prod.yml`, `compose.production.yaml`: an override file applied last, over the base file. */
const PRODUCTION_OVERRIDE = /(?:^|[.-])(?:prod|production)(?=[.-])/i;

/**
 * The service as compose runs it with its companion files (see companionsOf): a production override file's
 * settings win, then the service's own, then the other files'.
 */
function composed(s: ComposeService, companions: readonly ComposeService[]): ComposeService {
  const rank = (o: ComposeService) => (o !== s && PRODUCTION_OVERRIDE.test(basename(o.file)) ? 0 : o === s ? 1 : 2);
  const all = [s, ...companions].sort((a, b) => rank(a) - rank(b));
  const first = <T>(pick: (o: ComposeService) => T | undefined): T | undefined => all.map(pick).find((v) => v !== undefined);
  const environment = all.flatMap((o) => o.environment).filter((e, i, list) => list.findIndex((x) => x.key === e.key) === i);
  return {
    ...s,
    image: first((o) => o.image),
    build: first((o) => o.build),
    dockerfile: first((o) => o.dockerfile),
    command: first((o) => (o.command.length > 0 ? o.command : undefined)) ?? [],
    entrypoint: first((o) => (o.entrypoint.length > 0 ? o.entrypoint : undefined)) ?? [],
    environment,
    envFiles: all.flatMap((o) => o.envFiles),
    limits: { memory: first((o) => o.limits.memory), cpus: first((o) => o.limits.cpus) },
    healthcheck: first((o) => o.healthcheck),
    restart: first((o) => o.restart),
    restartPolicy: first((o) => o.restartPolicy),
    logging: first((o) => o.logging),
  };
}

const longRunning = new WeakMap<Project, readonly ComposeService[]>();

/** Production services that run until stopped (not migrations and other one-shot services), as composed with their companion files; computed once per project. */
export function longRunningServices(project: Project): readonly ComposeService[] {
  let services = longRunning.get(project);
  if (!services) {
    const companionsOf = companionIndex(project);
    services = productionServices(project)
      .filter((s) => project.scope.composeService(s).role !== 'job')
      .map((s) => composed(s, companionsOf(s)));
    longRunning.set(project, services);
  }
  return services;
}

/** Where to report about a setting of a composed service: the setting when its own file writes it, else the service's key. */
export function ownLoc(s: ComposeService, loc: Loc | undefined): Loc {
  return loc?.file === s.file ? loc : s.loc;
}

/** The program the service starts: its entrypoint, else its command. */
export function commandOf(s: ComposeService): string[] {
  return s.entrypoint.length > 0 ? s.entrypoint : s.command;
}

/**
 * A Node.js service: built from a Node Dockerfile, a Node image, or a node/npm command in an image built here —
 * not an image that only serves built files (http-server, nginx), which Node.js settings do not change.
 */
export function isNodeService(project: Project, s: ComposeService): boolean {
  if (s.dockerfile && project.scope.image(s.dockerfile).serves === 'static') return false;
  return runsNode(s.dockerfile, s.image?.value, commandOf(s), project.scope.composeService(s).stage);
}

/** The repository's own app (built here, or its image linked to a Dockerfile here), or a Node.js service — not a database or proxy image. */
export function isApp(project: Project, s: ComposeService): boolean {
  return s.build !== undefined || s.dockerfile !== undefined || isNodeService(project, s);
}

export function serviceId(s: ComposeService): string {
  return `${s.file}#${s.name}`;
}

/** Whether the image's Dockerfile declares a health check in the stage the service runs: true, false, or undefined when the Dockerfile is not here. */
export function imageHasHealthcheck(project: Project, s: ComposeService): boolean | undefined {
  const stage = s.dockerfile && project.scope.composeService(s).stage;
  if (!stage) return undefined;
  const last = effectiveInstructions(stage, 'HEALTHCHECK').at(-1);
  return last !== undefined && healthcheckTest(last)?.form !== 'none';
}
