/**
 * What the cross/* rules share: which service an image runs, the environment its process gets (image ENV,
 * then what the deployment sets), the ports that service listens on under that environment, and every
 * health check (Kubernetes probe, compose healthcheck, Docker HEALTHCHECK) with the requests it makes.
 */
import { healthcheckTest } from '../../src/model/commands.ts';
import { type LocalRequest, localRequests, type PortRef } from '../../src/model/probes.ts';
import { type Deployment, dirname, type Project } from '../../src/model/project.ts';
import type { Service } from '../../src/model/service/index.ts';
import { envAt, workdirAt } from '../../src/model/stage-state.ts';
import type { Dockerfile, Stage } from '../../src/parsers/dockerfile.ts';
import { effectiveInstructions } from '../../src/parsers/dockerfile.ts';
import { describeContainer, resolvePort } from '../../src/parsers/k8s.ts';
import type { Loc } from '../../src/types.ts';

/** `file:line`, as messages name a place. */
export function at(loc: Loc): string {
  return `${loc.file}:${loc.line}`;
}

/** The code an image runs: the service of the package nearest its Dockerfile. */
export function codeOfImage(project: Project, dockerfile: Dockerfile | undefined): Service | undefined {
  const pkg = dockerfile && project.packageFor(dirname(dockerfile.file));
  return pkg && project.serviceOf(pkg);
}

/**
 * The code a stage runs: the package whose folder its WORKDIR ends in (`WORKDIR /app/apps/cli` → apps/cli, one
 * target of a Dockerfile that builds several), else the package nearest its Dockerfile.
 */
export function codeOfStage(project: Project, dockerfile: Dockerfile, stage: Stage): Service | undefined {
  const segments = workdirAt(dockerfile, stage).split('/').filter(Boolean);
  // The longest tail of the WORKDIR that is a package's folder.
  for (let i = 0; i < segments.length; i++) {
    const named = project.packageIn(segments.slice(i).join('/'));
    if (named) return project.serviceOf(named);
  }
  return codeOfImage(project, dockerfile);
}

/** The HTTP server an image runs: its code, when that is a server. */
export function serviceOfImage(project: Project, dockerfile: Dockerfile | undefined): Service | undefined {
  const service = codeOfImage(project, dockerfile);
  return service?.isServer ? service : undefined;
}

/** How a message names a service: its package name, else its package.json. */
export function serviceName(service: Service): string {
  return service.package.name ? `package ${service.package.name}` : service.package.file;
}

export interface EnvValue {
  /** Null: set from a secret, config map or reference whose value is not in the repository. */
  value: string | null;
  loc: Loc;
}

/** The environment a container's process starts with. */
export interface RunEnv {
  get(name: string): EnvValue | undefined;
  names(): string[];
  /** False when part of it is not in the repository (`envFrom`, an env file that is not here): an unset name may be set. */
  complete: boolean;
}

/** The image's ENV, overridden by what the deployment sets (manifest env, compose environment and env files). */
export function runEnv(dockerfile: Dockerfile | undefined, deployment?: Pick<Deployment, 'env' | 'envComplete' | 'stage'>, imageStage?: Stage): RunEnv {
  const env = new Map<string, EnvValue>();
  const stage = deployment?.stage ?? imageStage ?? dockerfile?.productionStage;
  if (dockerfile && stage) for (const [name, v] of envAt(dockerfile, stage)) env.set(name, { value: v.value, loc: v.pair.valueLoc ?? v.pair.loc });
  for (const [name, v] of deployment?.env ?? []) env.set(name, v);
  return { get: (name) => env.get(name), names: () => [...env.keys()], complete: deployment?.envComplete !== false };
}

/**
 * The settings that tell what a port is (`SOMON_MANAGEMENT_PORT=8080`): the process's environment, and the
 * variables the code of the image reads its listen ports from, at the code's default when the environment leaves them unset.
 */
export function portSettings(project: Project, dockerfile: Dockerfile | undefined, deployment?: Pick<Deployment, 'env' | 'envComplete' | 'stage'>): { key: string; value: string | null }[] {
  const env = runEnv(dockerfile, deployment);
  const out = env.names().map((key) => ({ key, value: env.get(key)?.value ?? null }));
  for (const listen of codeOfImage(project, dockerfile)?.listens ?? []) {
    const port = listen.port;
    if (port?.env !== undefined && port.value !== undefined && env.get(port.env) === undefined) out.push({ key: port.env, value: String(port.value) });
  }
  return out;
}

export interface ListenPort {
  port: number;
  /** Where the number comes from, for messages: `PORT=8080 at k8s/app.yaml:20`, `the code's default with PORT unset, src/server.js:7`. */
  how: string;
}

/** The ports the service listens on under an environment; `unknown` when some listen's port cannot be told. */
export function listenPorts(service: Service, env: RunEnv): { ports: ListenPort[]; unknown: boolean } {
  const ports: ListenPort[] = [];
  let unknown = false;
  for (const listen of service.listens) {
    const port = listen.port;
    const set = port?.env === undefined ? undefined : env.get(port.env);
    if (set) {
      if (set.value !== null && /^\d+$/.test(set.value.trim())) ports.push({ port: Number(set.value), how: `${port?.env}=${set.value.trim()} at ${at(set.loc)}` });
      else unknown = true;
    } else if (port?.value !== undefined && (port.env === undefined || env.complete)) {
      ports.push({ port: port.value, how: port.env === undefined ? at(port.loc) : `the code's default with ${port.env} unset, ${at(port.loc)}` });
    } else unknown = true;
  }
  return { ports, unknown };
}

/** The number a port reference stands for under an environment: the variable's value, else the fallback written with it. */
export function resolvePortRef(ref: PortRef, env: RunEnv): number | undefined {
  if ('number' in ref) return ref.number;
  const set = env.get(ref.env);
  if (set) return set.value !== null && /^\d+$/.test(set.value.trim()) ? Number(set.value) : undefined;
  return env.complete ? ref.fallback : undefined;
}

export interface ProbeRequest {
  path?: string;
  pathLoc: Loc;
  /** A number, a port reference to resolve, a Kubernetes port name no container port has, or the scheme's default. */
  port: { number: number } | { ref: PortRef } | { unknownName: string } | { default: number };
  portLoc: Loc;
}

export interface HealthCheck {
  /** Subject of the evaluation: `k8s/app.yaml#Deployment/api/web:liveness`. */
  id: string;
  /** As messages name it: `the liveness probe of container "web" of Deployment/api`. */
  what: string;
  service: Service;
  /** The environments the check runs under (a Docker HEALTHCHECK: the image's, and that of each compose service that uses it). */
  envs: RunEnv[];
  /** Ports the manifest or image declares (containerPort, compose ports, EXPOSE). */
  declared: number[];
  /** Names of the container's declared ports (Kubernetes). */
  portNames: string[];
  requests: ProbeRequest[];
}

function fromLocal(r: LocalRequest): ProbeRequest {
  return { path: r.path, pathLoc: r.loc, port: r.port ? { ref: r.port } : { default: r.scheme === 'https' ? 443 : 80 }, portLoc: r.loc };
}

/** EXPOSE ports of the stage a deployment runs (`3000`, `3000/tcp`). */
function exposedPorts(stage: Stage | undefined): number[] {
  if (!stage) return [];
  return effectiveInstructions(stage, 'EXPOSE').flatMap((ins) => ins.words.flatMap((w) => (/^\d+(?:\/\w+)?$/.test(w.value) ? [Number.parseInt(w.value, 10)] : [])));
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0']);

function kubernetesChecks(d: Deployment, service: Service): HealthCheck[] {
  if (d.runner?.platform !== 'kubernetes') return [];
  const c = d.runner.container;
  const out: HealthCheck[] = [];
  for (const probe of [c.probes.liveness, c.probes.readiness, c.probes.startup]) {
    const h = probe?.handler;
    if (!probe || !h) continue;
    let requests: ProbeRequest[] = [];
    if (h.type === 'exec') requests = localRequests(h.words).map(fromLocal);
    else if (h.type !== 'httpGet' || h.host === undefined || LOCAL_HOSTS.has(h.host)) {
      const portLoc = h.portLoc ?? h.loc;
      const number = resolvePort(c, h.port);
      const port: ProbeRequest['port'] | undefined =
        number !== undefined ? { number } : typeof h.port === 'string' ? { unknownName: h.port } : undefined;
      if (port) requests = [{ path: h.type === 'httpGet' ? h.path : undefined, pathLoc: (h.type === 'httpGet' && h.pathLoc) || h.loc, port, portLoc }];
    }
    if (requests.length === 0) continue;
    out.push({
      id: `${c.workload.file}#${c.workload.kind}/${c.workload.name}/${c.name}:${probe.kind}`,
      what: `the ${probe.kind} probe of ${describeContainer(c)}`,
      service,
      envs: [runEnv(d.dockerfile, d)],
      declared: c.ports.map((p) => p.containerPort),
      portNames: c.ports.flatMap((p) => (p.name ? [p.name] : [])),
      requests,
    });
  }
  return out;
}

function composeCheck(d: Deployment, service: Service): HealthCheck | undefined {
  if (d.runner?.platform !== 'compose') return undefined;
  const s = d.runner.service;
  const check = s.healthcheck;
  if (!check || check.disabled) return undefined;
  const loc = check.testLoc ?? check.loc;
  const requests = localRequests(check.commandWords.map((value) => ({ value, loc }))).map(fromLocal);
  if (requests.length === 0) return undefined;
  return {
    id: `${s.file}#${s.name}:healthcheck`,
    what: `the healthcheck of compose service ${s.name}`,
    service,
    envs: [runEnv(d.dockerfile, d)],
    declared: [...s.ports.flatMap((p) => p.targets), ...exposedPorts(d.stage ?? d.dockerfile?.productionStage)],
    portNames: [],
    requests,
  };
}

function dockerfileCheck(project: Project, dockerfile: Dockerfile, stage: Stage, service: Service): HealthCheck | undefined {
  const ins = effectiveInstructions(stage, 'HEALTHCHECK').at(-1);
  const test = ins && healthcheckTest(ins);
  if (!test || test.form === 'none') return undefined;
  const requests = localRequests(test.calls.flatMap((c) => c.words)).map(fromLocal);
  if (requests.length === 0) return undefined;
  // Compose services without a healthcheck of their own run the image's, under their environment.
  const users = project.deploymentsOf(dockerfile, stage).filter((d) => d.platform === 'compose' && d.healthcheck === 'none');
  return {
    id: `${dockerfile.file}#HEALTHCHECK`,
    what: `the HEALTHCHECK of ${dockerfile.file}`,
    service,
    envs: [runEnv(dockerfile, undefined, stage), ...users.map((d) => runEnv(dockerfile, d))],
    declared: exposedPorts(stage),
    portNames: [],
    requests,
  };
}

/** Every health check whose service is known: Kubernetes probes, compose healthchecks and Docker HEALTHCHECKs. */
export function healthChecks(project: Project): HealthCheck[] {
  const out: HealthCheck[] = [];
  for (const { dockerfile, stage } of project.runtimeStages) {
    const service = serviceOfImage(project, dockerfile);
    const check = service && dockerfileCheck(project, dockerfile, stage, service);
    if (check) out.push(check);
  }
  for (const d of project.deployments) {
    const service = serviceOfImage(project, d.dockerfile);
    if (!service) continue;
    out.push(...kubernetesChecks(d, service));
    const check = composeCheck(d, service);
    if (check) out.push(check);
  }
  return out;
}
