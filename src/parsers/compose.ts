/**
 * Compose files → services with positions: build (string or context/dockerfile), image, environment
 * (list or map), env_file (string, list, or `{path, required}`), ports (short and long syntax, host IPs),
 * limits (`deploy.resources.limits`, `mem_limit`, `cpus`), healthcheck (incl. `disable: true`), restart
 * policy, stop_grace_period, depends_on and logging. Anchors, merge keys and `x-` fields are resolved
 * by the YAML view the way compose resolves them.
 */
import { dirname, joinPath, resolveRelative } from '../model/project.ts';
import { parseDuration } from '../model/quantities.ts';
import type { Loc } from '../types.ts';
import type { Dockerfile } from './dockerfile.ts';
import type { Located } from './k8s.ts';
import type { YamlFile, YamlView } from './yaml-view.ts';
import { parseShell } from './shell.ts';

export interface ComposeEnv {
  key: string;
  /** Null when the value is passed from the shell (`- KEY`, `KEY:` with nothing). */
  value: string | null;
  /** The key (map form) or the whole `KEY=value` item (list form). */
  keyLoc: Loc;
  /** The value (map form) or the whole item (list form). */
  valueLoc: Loc;
}

export interface ComposePort {
  hostIp?: string;
  /** Published host port or range, as written; undefined when compose picks one. */
  published?: string;
  /** Container ports (a range gives several). */
  targets: number[];
  name?: string;
  loc: Loc;
}

export interface ComposeBuild {
  /** The build context, relative to the repository root (undefined: a URL or outside the root). */
  context?: string;
  /** The Dockerfile path relative to the root (undefined with `dockerfile_inline` or a remote context). */
  dockerfile?: string;
  /** The stage `target:` builds, when written. */
  target?: string;
  loc: Loc;
}

export interface ComposeHealthcheck {
  disabled: boolean;
  /** The test as a list (`["CMD", "curl", …]`, or `["CMD-SHELL", "…"]` for a string). */
  test: string[];
  loc: Loc;
  /** The `test:` value, when written. */
  testLoc?: Loc;
  /** The words the check runs: CMD's arguments, or CMD-SHELL's script split into words (`$$` is a `$`). */
  commandWords: string[];
}

export interface ComposeService {
  file: string;
  name: string;
  /** The service's key. */
  loc: Loc;
  image?: Located<string>;
  build?: ComposeBuild;
  command: string[];
  entrypoint: string[];
  /** The `command:` / `entrypoint:` values, when written. */
  commandLoc?: Loc;
  entrypointLoc?: Loc;
  environment: ComposeEnv[];
  envFiles: { path: string; required: boolean; loc: Loc }[];
  ports: ComposePort[];
  limits: { memory?: Located<string>; cpus?: Located<string> };
  healthcheck?: ComposeHealthcheck;
  /** `restart:` */
  restart?: Located<string>;
  /** `deploy.restart_policy.condition` (`any` when the policy is written without one). */
  restartPolicy?: Located<string>;
  /** Milliseconds. */
  stopGracePeriod?: Located<number>;
  dependsOn: { service: string; condition?: string; loc: Loc }[];
  logging?: { driver?: string; options: Record<string, string>; loc: Loc };
  /**
   * Runs once and exits (a migration, a seed): `restart: "no"`, a restart_policy with condition `none`, another
   * service waits for it with `condition: service_completed_successfully`, or `on-failure` on a service whose
   * name or command names a run-once task (`migrate`, `seed`). `on-failure` alone is not a sign: long-running
   * servers use it too, to be restarted when they crash.
   */
  oneShot: boolean;
  /** `profiles:`: a service with profiles starts only when one of them is enabled. */
  profiles: string[];
  /** `volumes:` entries, short (`./src:/app/src:ro`) and long syntax. */
  volumes: ComposeVolume[];
  /** The `volumes:` key, when written. */
  volumesLoc?: Loc;
  /** `extends:` — the service it builds on (in `file`, relative to the root, or in the same file). */
  extends?: { file: string; service: string };
  /** Runs as several instances: `deploy.replicas` or `scale` above 1 or set by a variable, or `deploy.mode: global`. */
  scaled: boolean;
  /** `stdin_open: true` with `tty: true`: a shell or CLI box someone attaches to, not a service. */
  interactive: boolean;
  /** The Dockerfile that builds its image (filled by the model's image links). */
  dockerfile?: Dockerfile;
}

export interface ComposeVolume {
  /** `bind` for a host path (`./src`, `/srv/x`, `~/x`, `${PWD}`), `volume` for a named volume, `tmpfs`. */
  type: 'bind' | 'volume' | 'tmpfs' | 'other';
  /** The host path or volume name, as written; undefined for an anonymous volume. */
  source?: string;
  target?: string;
  readOnly: boolean;
  loc: Loc;
}

export interface ComposeFile {
  file: string;
  /** The top-level `name:`, the compose project's name (`workflows-test`). */
  projectName?: string;
  services: ComposeService[];
}

function buildOf(composeDir: string, view: YamlView | undefined): ComposeBuild | undefined {
  if (!view) return undefined;
  if (view.isScalar) {
    const context = resolveRelative(composeDir, view.string ?? '.');
    return { context, dockerfile: context === undefined ? undefined : joinPath(context, 'Dockerfile'), loc: view.loc };
  }
  const context = resolveRelative(composeDir, view.get('context')?.string ?? '.');
  const inline = view.get('dockerfile_inline') !== undefined;
  const name = view.get('dockerfile')?.string ?? 'Dockerfile';
  const dockerfile = context === undefined || inline ? undefined : resolveRelative(context, name);
  return { context, dockerfile, target: view.get('target')?.string, loc: view.get('dockerfile')?.loc ?? view.keyLoc };
}

function environmentOf(view: YamlView | undefined): ComposeEnv[] {
  if (!view) return [];
  if (view.isSeq) {
    return view.items().flatMap((item) => {
      const text = item.string;
      if (text === undefined) return [];
      const eq = text.indexOf('=');
      const key = eq === -1 ? text : text.slice(0, eq);
      return [{ key: key.trim(), value: eq === -1 ? null : text.slice(eq + 1), keyLoc: item.loc, valueLoc: item.loc }];
    });
  }
  return view.entries().map(([key, v]) => ({ key, value: v.isNull ? null : (v.string ?? null), keyLoc: v.keyLoc, valueLoc: v.loc }));
}

function envFilesOf(composeDir: string, view: YamlView | undefined): ComposeService['envFiles'] {
  if (!view) return [];
  const items = view.isSeq ? view.items() : [view];
  return items.flatMap((item) => {
    const path = item.isMap ? item.get('path')?.string : item.string;
    const resolved = path === undefined ? undefined : resolveRelative(composeDir, path);
    if (resolved === undefined) return [];
    return [{ path: resolved, required: item.isMap ? item.get('required')?.boolean !== false : true, loc: item.loc }];
  });
}

/** Container ports of `3000`, `3000-3002`, with a sanity cap on range size. */
function portRange(text: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return [];
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (end < start || end - start > 1000) return [start];
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** Short syntax: `[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`, IPv6 host IPs in brackets. */
export function parseShortPort(text: string): Omit<ComposePort, 'loc'> {
  let rest = text.trim().replace(/\/(?:tcp|udp|sctp)$/i, '');
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]*)\]:/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = rest.slice(v6[0].length);
  }
  const parts = rest.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop();
  if (parts.length > 0 && hostIp === undefined) hostIp = parts.join(':');
  return { hostIp, published: published === '' ? undefined : published, targets: portRange(target) };
}

function portsOf(view: YamlView | undefined): ComposePort[] {
  return (view?.items() ?? []).map((item) => {
    if (item.isMap) {
      const target = item.get('target');
      return {
        hostIp: item.get('host_ip')?.string,
        published: item.get('published')?.string,
        targets: target?.string === undefined ? [] : portRange(target.string),
        name: item.get('name')?.string,
        loc: target?.loc ?? item.loc,
      };
    }
    return { ...parseShortPort(item.string ?? ''), loc: item.loc };
  });
}

function extendsOf(file: string, composeDir: string, view: YamlView | undefined): ComposeService['extends'] {
  if (!view) return undefined;
  if (view.string !== undefined) return { file, service: view.string };
  const service = view.get('service')?.string;
  const other = view.get('file')?.string;
  const path = other === undefined ? file : resolveRelative(composeDir, other);
  return service && path ? { file: path, service } : undefined;
}

/**
 * Applies `extends:`: each service takes from the service it extends (and that one's own base, a few levels
 * deep) what it does not set itself — healthcheck, restart policy, limits, logging, image, build, command —
 * and the base's environment under its own. Files are the repository's compose files, by path.
 */
export function resolveExtends(files: readonly ComposeFile[]): void {
  const byKey = new Map(files.flatMap((f) => f.services.map((s) => [`${f.file}\u0000${s.name}`, s] as const)));
  const resolved = new Set<ComposeService>();
  const resolve = (s: ComposeService, depth: number): void => {
    if (resolved.has(s) || !s.extends || depth > 5) return;
    resolved.add(s);
    const base = byKey.get(`${s.extends.file}\u0000${s.extends.service}`);
    if (!base || base === s) return;
    resolve(base, depth + 1);
    s.healthcheck ??= base.healthcheck;
    s.restart ??= base.restart;
    s.restartPolicy ??= base.restartPolicy;
    s.limits = { memory: s.limits.memory ?? base.limits.memory, cpus: s.limits.cpus ?? base.limits.cpus };
    s.logging ??= base.logging;
    s.image ??= base.image;
    s.build ??= base.build;
    s.stopGracePeriod ??= base.stopGracePeriod;
    if (s.command.length === 0) s.command = base.command;
    if (s.entrypoint.length === 0) s.entrypoint = base.entrypoint;
    const own = new Set(s.environment.map((e) => e.key));
    s.environment = [...base.environment.filter((e) => !own.has(e.key)), ...s.environment];
  };
  for (const f of files) for (const s of f.services) resolve(s, 0);
  // What a service inherits (a `restart: "no"`) can make it a one-shot job.
  for (const f of files) for (const s of f.services) if (s.extends) s.oneShot = isOneShot(s, f.services);
}

/** A host path as compose reads one: relative (`.`, `./x`, `../x`), absolute, home (`~`) or a variable (`${PWD}`). */
const HOST_PATH = /^(?:\.{1,2}(?:\/|$)|\/|~|\$\{?PWD\b|\$\{?HOME\b)/;

function volumesOf(view: YamlView | undefined): ComposeVolume[] {
  return (view?.items() ?? []).map((item) => {
    if (item.isMap) {
      const type = item.get('type')?.string ?? 'volume';
      return {
        type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
        source: item.get('source')?.string,
        target: item.get('target')?.string,
        readOnly: item.get('read_only')?.boolean === true,
        loc: item.loc,
      };
    }
    const parts = (item.string ?? '').split(':');
    if (parts.length === 1) return { type: 'volume', target: parts[0], readOnly: false, loc: item.loc };
    const [source = '', target, mode = ''] = parts;
    const bind = HOST_PATH.test(source) || /^[A-Za-z]$/.test(source);
    return { type: bind ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro'), loc: item.loc };
  });
}

function commandOf(view: YamlView | undefined): string[] {
  if (!view) return [];
  if (view.isSeq) return view.strings();
  // Compose splits a string as a shell would split words (quotes group, no operators run): `sh -c "a; exit 0"` is three words.
  const text = view.string ?? '';
  const commands = parseShell(text);
  return commands.length === 1 && commands[0] ? commands[0].words.map((w) => w.value) : text.split(/\s+/).filter((w) => w !== '');
}

function located<T>(view: YamlView | undefined, value: T | undefined): Located<T> | undefined {
  return view && value !== undefined ? { value, loc: view.loc } : undefined;
}

function isScaled(view: YamlView): boolean {
  if (view.at('deploy', 'mode')?.string === 'global') return true;
  const count = view.at('deploy', 'replicas') ?? view.get('scale');
  if (!count) return false;
  const n = count.number ?? Number(count.string);
  return Number.isFinite(n) ? n > 1 : (count.string ?? '').includes('$');
}

function serviceOf(file: string, composeDir: string, name: string, view: YamlView): ComposeService {
  const limits = view.at('deploy', 'resources', 'limits');
  const memory = limits?.get('memory') ?? view.get('mem_limit');
  const cpus = limits?.get('cpus') ?? view.get('cpus');
  const health = view.get('healthcheck');
  const policy = view.at('deploy', 'restart_policy');
  const grace = view.get('stop_grace_period');
  const dependsOn = view.get('depends_on');
  const logging = view.get('logging');
  const test = health?.get('test');
  const testList = test?.isSeq ? test.strings() : test?.string !== undefined ? ['CMD-SHELL', test.string] : [];
  return {
    file,
    name,
    loc: view.keyLoc,
    image: located(view.get('image'), view.get('image')?.string),
    build: buildOf(composeDir, view.get('build')),
    command: commandOf(view.get('command')),
    entrypoint: commandOf(view.get('entrypoint')),
    commandLoc: view.get('command')?.loc,
    entrypointLoc: view.get('entrypoint')?.loc,
    environment: environmentOf(view.get('environment')),
    envFiles: envFilesOf(composeDir, view.get('env_file')),
    ports: portsOf(view.get('ports')),
    limits: { memory: located(memory, memory?.string), cpus: located(cpus, cpus?.string) },
    healthcheck: health
      ? {
          disabled: health.get('disable')?.boolean === true || (test?.strings()[0] ?? '').toUpperCase() === 'NONE',
          test: testList,
          loc: health.keyLoc,
          testLoc: test?.loc,
          commandWords: healthcheckWords(testList),
        }
      : undefined,
    restart: located(view.get('restart'), view.get('restart')?.string),
    restartPolicy: policy ? { value: policy.get('condition')?.string ?? 'any', loc: policy.keyLoc } : undefined,
    stopGracePeriod: located(grace, grace?.string === undefined ? undefined : parseDuration(grace.string)),
    dependsOn: dependsOn?.isSeq
      ? dependsOn.items().flatMap((i) => (i.string === undefined ? [] : [{ service: i.string, loc: i.loc }]))
      : (dependsOn?.entries() ?? []).map(([service, v]) => ({ service, condition: v.get('condition')?.string, loc: v.keyLoc })),
    logging: logging ? { driver: logging.get('driver')?.string, options: logging.get('options')?.record() ?? {}, loc: logging.keyLoc } : undefined,
    oneShot: false,
    profiles: view.get('profiles')?.strings() ?? [],
    volumes: volumesOf(view.get('volumes')),
    volumesLoc: view.get('volumes')?.keyLoc,
    extends: extendsOf(file, composeDir, view.get('extends')),
    scaled: isScaled(view),
    interactive: view.get('stdin_open')?.boolean === true && view.get('tty')?.boolean === true,
  };
}

const ONE_SHOT_RESTARTS = new Set(['no', 'none']);
/** Names and commands of run-once tasks: `migrate`, `db-migrations`, `node dist/seed.js`. */
const ONE_SHOT_TASK = /(?:^|[-_./\s:])(?:migrat\w*|seed\w*|setup|init|bootstrap)(?:$|[-_.\s:])/i;

/** The words of the last command a service's command line runs (`sh -c "migrate && exit"` → its last part). */
function lastCommandWords(service: ComposeService): string[] {
  const argv = service.entrypoint.length > 0 ? [...service.entrypoint, ...service.command] : service.command;
  const script = argv.length >= 3 && /(?:^|\/)(?:ba)?sh$/.test(argv[0] ?? '') && /^-\w*c$/.test(argv[1] ?? '') ? argv.slice(2).join(' ') : undefined;
  if (script === undefined) return argv;
  return parseShell(script).at(-1)?.words.map((w) => w.value) ?? [];
}

function isOneShot(service: ComposeService, all: readonly ComposeService[]): boolean {
  const policy = service.restart?.value ?? service.restartPolicy?.value;
  if (policy !== undefined && ONE_SHOT_RESTARTS.has(policy)) return true;
  // Without a policy compose runs it once; `on-failure` retries a task until it succeeds. Either way, a service named
  // for a run-once task, or whose command ends with one (`npx prisma migrate deploy`), is a job.
  if ((policy === undefined || policy.startsWith('on-failure')) && [service.name, ...lastCommandWords(service)].some((w) => ONE_SHOT_TASK.test(w))) return true;
  // A command line that ends with `exit 0` (`sh -c "mc mb store/public; exit 0"`) finishes.
  if (policy === undefined && lastCommandWords(service)[0] === 'exit') return true;
  return all.some((s) => s.dependsOn.some((d) => d.service === service.name && d.condition === 'service_completed_successfully'));
}

/** The services of a compose file (the first document; compose reads one). */
export function parseCompose(yaml: YamlFile): ComposeFile {
  const root = yaml.roots()[0];
  const dir = dirname(yaml.path);
  const services = (root?.get('services')?.entries() ?? []).filter(([, v]) => v.isMap).map(([name, v]) => serviceOf(yaml.path, dir, name, v));
  for (const s of services) s.oneShot = isOneShot(s, services);
  const projectName = root?.get('name')?.string;
  return { file: yaml.path, ...(projectName ? { projectName } : {}), services };
}

/** The words a compose healthcheck runs; `$$` is compose's escape for a `$` the container's shell expands. */
function healthcheckWords(test: readonly string[]): string[] {
  const [type = '', ...rest] = test;
  const unescaped = rest.map((t) => t.replace(/\$\$/g, '$'));
  if (type.toUpperCase() !== 'CMD-SHELL') return unescaped;
  return unescaped.flatMap((script) => parseShell(script).flatMap((cmd) => cmd.words.map((w) => w.value)));
}
