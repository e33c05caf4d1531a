/**
 * Kubernetes manifests → workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod),
 * their containers and init containers, Services, PodDisruptionBudgets, HorizontalPodAutoscalers and
 * LimitRanges, with positions; `kind: List` items included, Helm test hooks left out. linkK8s() then links
 * Services, PDBs and HPAs to the workloads they select or target.
 */
import { keyedIndex } from '../model/index-by.ts';
import { dirname, resolveRelative } from '../model/project.ts';
import type { Loc } from '../types.ts';
import type { Dockerfile } from './dockerfile.ts';
import type { YamlFile, YamlView } from './yaml-view.ts';

export interface Located<T> {
  value: T;
  loc: Loc;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'Pod';
const WORKLOAD_KINDS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);

interface K8sObject {
  file: string;
  kind: string;
  name: string;
  /** Undefined when the manifest leaves it to the deploy command (`kubectl -n`, kustomize). */
  namespace?: string;
  /** metadata.name's value, or `kind:` when unnamed. */
  loc: Loc;
}

export type ProbeHandler =
  /** `pathLoc`/`portLoc`: the `path:`/`port:` values, when written; `host` is set when the probe targets another host than the pod. */
  | { type: 'httpGet'; path: string; port?: string | number; scheme: string; host?: string; loc: Loc; pathLoc?: Loc; portLoc?: Loc }
  | { type: 'tcpSocket'; port?: string | number; loc: Loc; portLoc?: Loc }
  | { type: 'grpc'; port?: string | number; loc: Loc; portLoc?: Loc }
  /** `words`: the command's items with their positions. */
  | { type: 'exec'; command: string[]; words: Located<string>[]; loc: Loc };

export interface Probe {
  kind: 'liveness' | 'readiness' | 'startup';
  /** The `livenessProbe:` key. */
  loc: Loc;
  handler?: ProbeHandler;
}

export interface ContainerPort {
  containerPort: number;
  name?: string;
  loc: Loc;
}

export interface EnvVar {
  name: string;
  /** The literal `value:`; null when it comes from `valueFrom` (secret, config map, field) or is absent. */
  value: string | null;
  valueFrom: boolean;
  nameLoc: Loc;
  /** The `value:` scalar, when written. */
  valueLoc?: Loc;
}

export interface Resources {
  limits: { memory?: Located<string>; cpu?: Located<string> };
  requests: { memory?: Located<string>; cpu?: Located<string> };
  /** The `resources:` key, when written. */
  loc?: Loc;
}

/** Security settings as written at one level (pod or container). */
export interface SecuritySettings {
  runAsNonRoot?: Located<boolean>;
  runAsUser?: Located<number>;
  allowPrivilegeEscalation?: Located<boolean>;
  privileged?: Located<boolean>;
  readOnlyRootFilesystem?: Located<boolean>;
  /** capabilities.drop */
  drop?: Located<string[]>;
  /** The `securityContext:` key. */
  loc: Loc;
}

export interface Container {
  workload: Workload;
  /** Listed under initContainers (a sidecar when its restartPolicy is Always). */
  init: boolean;
  sidecar: boolean;
  name: string;
  /** The `name:` value (the item's start when unnamed). */
  loc: Loc;
  image?: Located<string>;
  command: string[];
  args: string[];
  /** `command` and `args` items with their positions. */
  commandWords: Located<string>[];
  argsWords: Located<string>[];
  /** The `lifecycle.preStop` hook: `sleepMs` when it sleeps a known time (`sleep: {seconds}`, `exec: [sleep, 5]`, `sh -c "sleep 5"`). */
  preStop?: { sleepMs?: number; loc: Loc };
  ports: ContainerPort[];
  env: EnvVar[];
  /** Names of the config maps and secrets `envFrom` loads. */
  envFrom: { kind: 'configMap' | 'secret'; name: string }[];
  resources: Resources;
  probes: { liveness?: Probe; readiness?: Probe; startup?: Probe };
  securityContext?: SecuritySettings;
  /** The Dockerfile that builds its image (filled by the model's image links). */
  dockerfile?: Dockerfile;
}

export interface Workload extends K8sObject {
  kind: WorkloadKind;
  /** `spec.replicas` (Deployment, StatefulSet, ReplicaSet); undefined means the default, 1. */
  replicas?: Located<number>;
  /** Labels of the pods it creates (the pod template's, or a Pod's own). */
  podLabels: Record<string, string>;
  podSecurityContext?: SecuritySettings;
  terminationGracePeriodSeconds?: Located<number>;
  /** Pod restartPolicy (Always when unset, except Jobs). */
  restartPolicy: string;
  containers: Container[];
  initContainers: Container[];
  /** Runs until stopped: not a Job, CronJob or a Pod with restartPolicy Never/OnFailure. */
  longRunning: boolean;
  /** Names of the PersistentVolumeClaims its pods mount (`volumes[].persistentVolumeClaim.claimName`). */
  claimNames: string[];
  /** Filled by linkK8s: a mounted claim that only one node can mount read-write (ReadWriteOnce, ReadWriteOncePod). */
  singleNodeClaim?: Claim;
  /** Filled by linkK8s. */
  services: K8sService[];
  pdbs: Pdb[];
  hpas: Hpa[];
}

export interface ServicePort {
  port: number;
  /** As written; undefined means the same number as `port`. */
  targetPort?: string | number;
  name?: string;
  nodePort?: number;
  /** The port entry's `port:` value. */
  loc: Loc;
}

export interface K8sService extends K8sObject {
  kind: 'Service';
  type: string;
  /** Undefined: no selector (endpoints managed by hand). */
  selector?: Record<string, string>;
  ports: ServicePort[];
  workloads: Workload[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface Pdb extends K8sObject {
  kind: 'PodDisruptionBudget';
  selector?: LabelSelector;
}

export interface Hpa extends K8sObject {
  kind: 'HorizontalPodAutoscaler';
  target?: { kind: string; name: string };
  minReplicas?: Located<number>;
  maxReplicas?: number;
}

export interface Claim extends K8sObject {
  kind: 'PersistentVolumeClaim';
  accessModes: string[];
}

/** LimitRange container defaults: they give containers limits and requests the manifest leaves out. */
export interface LimitRange extends K8sObject {
  kind: 'LimitRange';
  defaultLimits: { memory?: string; cpu?: string };
  defaultRequests: { memory?: string; cpu?: string };
}

export interface K8sManifests {
  workloads: Workload[];
  services: K8sService[];
  pdbs: Pdb[];
  hpas: Hpa[];
  limitRanges: LimitRange[];
  claims: Claim[];
  kustomizations: Kustomization[];
  /** Images a `skaffold.yaml` builds (`build.artifacts[].image`, profiles included): skaffold tags them when it deploys. */
  skaffoldImages: string[];
}

export function emptyManifests(): K8sManifests {
  return { workloads: [], services: [], pdbs: [], hpas: [], limitRanges: [], claims: [], kustomizations: [], skaffoldImages: [] };
}

function located<T>(view: YamlView | undefined, read: (v: YamlView) => T | undefined): Located<T> | undefined {
  if (!view) return undefined;
  const value = read(view);
  return value === undefined ? undefined : { value, loc: view.loc };
}

function portValue(view: YamlView | undefined): string | number | undefined {
  if (!view) return undefined;
  return view.number ?? view.string;
}

function probeOf(kind: Probe['kind'], view: YamlView | undefined): Probe | undefined {
  if (!view || view.isNull) return undefined;
  const http = view.get('httpGet');
  const tcp = view.get('tcpSocket');
  const grpc = view.get('grpc');
  const exec = view.get('exec');
  let handler: ProbeHandler | undefined;
  if (http) {
    handler = {
      type: 'httpGet',
      path: http.get('path')?.string ?? '/',
      port: portValue(http.get('port')),
      scheme: (http.get('scheme')?.string ?? 'HTTP').toUpperCase(),
      host: http.get('host')?.string,
      loc: http.keyLoc,
      pathLoc: http.get('path')?.loc,
      portLoc: http.get('port')?.loc,
    };
  } else if (tcp) handler = { type: 'tcpSocket', port: portValue(tcp.get('port')), loc: tcp.keyLoc, portLoc: tcp.get('port')?.loc };
  else if (grpc) handler = { type: 'grpc', port: portValue(grpc.get('port')), loc: grpc.keyLoc, portLoc: grpc.get('port')?.loc };
  else if (exec) handler = { type: 'exec', command: exec.get('command')?.strings() ?? [], words: wordsOf(exec.get('command')), loc: exec.keyLoc };
  return { kind, loc: view.keyLoc, handler };
}

/** How long a preStop hook sleeps: `sleep: {seconds: 5}`, `exec: {command: [sleep, "5"]}` or a shell script that sleeps. */
function preStopOf(view: YamlView | undefined): Container['preStop'] {
  if (!view || view.isNull) return undefined;
  const seconds = view.at('sleep', 'seconds')?.number;
  if (seconds !== undefined) return { sleepMs: seconds * 1000, loc: view.keyLoc };
  const script = (view.at('exec', 'command')?.strings() ?? []).join(' ');
  const sleep = /(?:^|[\s;&|/])sleep\s+(\d+(?:\.\d+)?)s?(?:$|[\s;&|])/.exec(script);
  return { sleepMs: sleep ? Number(sleep[1]) * 1000 : undefined, loc: view.keyLoc };
}

function securityOf(view: YamlView | undefined): SecuritySettings | undefined {
  if (!view?.isMap) return undefined;
  const drop = view.at('capabilities', 'drop');
  return {
    runAsNonRoot: located(view.get('runAsNonRoot'), (v) => v.boolean),
    runAsUser: located(view.get('runAsUser'), (v) => v.number),
    allowPrivilegeEscalation: located(view.get('allowPrivilegeEscalation'), (v) => v.boolean),
    privileged: located(view.get('privileged'), (v) => v.boolean),
    readOnlyRootFilesystem: located(view.get('readOnlyRootFilesystem'), (v) => v.boolean),
    drop: drop ? { value: drop.strings(), loc: drop.keyLoc } : undefined,
    loc: view.keyLoc,
  };
}

function quantity(view: YamlView | undefined): Located<string> | undefined {
  return located(view, (v) => v.string);
}

function wordsOf(view: YamlView | undefined): Located<string>[] {
  return (view?.items() ?? []).flatMap((item) => (item.string === undefined ? [] : [{ value: item.string, loc: item.loc }]));
}

function containerOf(workload: Workload, view: YamlView, init: boolean): Container {
  const nameView = view.get('name');
  const resources = view.get('resources');
  const envFrom: Container['envFrom'] = [];
  for (const item of view.get('envFrom')?.items() ?? []) {
    const cm = item.at('configMapRef', 'name')?.string;
    const secret = item.at('secretRef', 'name')?.string;
    if (cm) envFrom.push({ kind: 'configMap', name: cm });
    if (secret) envFrom.push({ kind: 'secret', name: secret });
  }
  return {
    workload,
    init,
    sidecar: init && view.get('restartPolicy')?.string === 'Always',
    name: nameView?.string ?? '',
    loc: nameView?.loc ?? view.loc,
    image: located(view.get('image'), (v) => v.string),
    command: view.get('command')?.strings() ?? [],
    args: view.get('args')?.strings() ?? [],
    commandWords: wordsOf(view.get('command')),
    argsWords: wordsOf(view.get('args')),
    preStop: preStopOf(view.at('lifecycle', 'preStop')),
    ports: (view.get('ports')?.items() ?? []).flatMap((p) => {
      const number = p.get('containerPort')?.number;
      return number === undefined ? [] : [{ containerPort: number, name: p.get('name')?.string, loc: p.get('containerPort')?.loc ?? p.loc }];
    }),
    env: (view.get('env')?.items() ?? []).flatMap((e) => {
      const name = e.get('name');
      if (!name?.string) return [];
      const value = e.get('value');
      return [{ name: name.string, value: value?.string ?? null, valueFrom: e.get('valueFrom') !== undefined, nameLoc: name.loc, valueLoc: value?.loc }];
    }),
    envFrom,
    resources: {
      limits: { memory: quantity(resources?.at('limits', 'memory')), cpu: quantity(resources?.at('limits', 'cpu')) },
      requests: { memory: quantity(resources?.at('requests', 'memory')), cpu: quantity(resources?.at('requests', 'cpu')) },
      loc: resources?.keyLoc,
    },
    probes: {
      liveness: probeOf('liveness', view.get('livenessProbe')),
      readiness: probeOf('readiness', view.get('readinessProbe')),
      startup: probeOf('startup', view.get('startupProbe')),
    },
    securityContext: securityOf(view.get('securityContext')),
  };
}

function objectOf(file: string, doc: YamlView, kind: string): K8sObject {
  const meta = doc.get('metadata');
  const name = meta?.get('name') ?? meta?.get('generateName');
  return { file, kind, name: name?.string ?? '(unnamed)', namespace: meta?.get('namespace')?.string, loc: name?.loc ?? doc.get('kind')?.loc ?? doc.loc };
}

function selectorOf(view: YamlView | undefined): LabelSelector | undefined {
  if (!view?.isMap) return undefined;
  return {
    matchLabels: view.get('matchLabels')?.record() ?? {},
    matchExpressions: (view.get('matchExpressions')?.items() ?? []).map((e) => ({
      key: e.get('key')?.string ?? '',
      operator: e.get('operator')?.string ?? '',
      values: e.get('values')?.strings() ?? [],
    })),
  };
}

function workloadOf(file: string, doc: YamlView, kind: WorkloadKind): Workload {
  const spec = doc.get('spec');
  const template = kind === 'Pod' ? doc : kind === 'CronJob' ? spec?.at('jobTemplate', 'spec', 'template') : spec?.get('template');
  const podSpec = kind === 'Pod' ? spec : template?.get('spec');
  const oneShot = kind === 'Job' || kind === 'CronJob';
  const restartPolicy = podSpec?.get('restartPolicy')?.string ?? (oneShot ? 'OnFailure' : 'Always');
  const workload: Workload = {
    ...objectOf(file, doc, kind),
    kind,
    replicas: kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet' ? located(spec?.get('replicas'), (v) => v.number) : undefined,
    podLabels: template?.at('metadata', 'labels')?.record() ?? {},
    podSecurityContext: securityOf(podSpec?.get('securityContext')),
    terminationGracePeriodSeconds: located(podSpec?.get('terminationGracePeriodSeconds'), (v) => v.number),
    restartPolicy,
    containers: [],
    initContainers: [],
    longRunning: !oneShot && restartPolicy === 'Always',
    claimNames: (podSpec?.get('volumes')?.items() ?? []).flatMap((v) => v.at('persistentVolumeClaim', 'claimName')?.string ?? []),
    services: [],
    pdbs: [],
    hpas: [],
  };
  workload.containers = (podSpec?.get('containers')?.items() ?? []).map((c) => containerOf(workload, c, false));
  workload.initContainers = (podSpec?.get('initContainers')?.items() ?? []).map((c) => containerOf(workload, c, true));
  return workload;
}

/** API groups of the kinds modelled here: a custom resource that reuses a name (Knative's `Service`) is not read as one. */
const API_GROUPS: Record<string, RegExp> = {
  Deployment: /^(?:apps|extensions)\//,
  StatefulSet: /^apps\//,
  DaemonSet: /^(?:apps|extensions)\//,
  ReplicaSet: /^(?:apps|extensions)\//,
  Job: /^batch\//,
  CronJob: /^batch\//,
  Pod: /^v1$/,
  Service: /^v1$/,
  PodDisruptionBudget: /^policy\//,
  HorizontalPodAutoscaler: /^autoscaling\//,
  LimitRange: /^v1$/,
  PersistentVolumeClaim: /^v1$/,
};

/** A Helm test hook (`helm.sh/hook: test`): a Pod or Job that only `helm test` runs, never part of the release. */
function isHelmTest(doc: YamlView): boolean {
  const hooks = doc.at('metadata', 'annotations', 'helm.sh/hook')?.string ?? '';
  return hooks.split(',').some((h) => /^test(?:-success|-failure)?$/.test(h.trim()));
}

function addObject(out: K8sManifests, file: string, doc: YamlView, depth: number): void {
  const kind = doc.get('kind')?.string;
  const apiVersion = doc.get('apiVersion')?.string;
  if (!kind || !apiVersion) return;
  if (apiVersion.startsWith('skaffold/')) {
    const builds = [doc.get('build'), ...(doc.get('profiles')?.items() ?? []).map((p) => p.get('build'))];
    for (const build of builds) for (const artifact of build?.get('artifacts')?.items() ?? []) if (artifact.get('image')?.string) out.skaffoldImages.push(artifact.get('image')?.string as string);
    return;
  }
  if (kind === 'List' || (kind.endsWith('List') && doc.get('items')?.isSeq)) {
    if (depth < 4) for (const item of doc.get('items')?.items() ?? []) addObject(out, file, item, depth + 1);
    return;
  }
  if (API_GROUPS[kind] && !API_GROUPS[kind].test(apiVersion)) return;
  if (isHelmTest(doc)) return;
  if (WORKLOAD_KINDS.has(kind)) {
    out.workloads.push(workloadOf(file, doc, kind as WorkloadKind));
    return;
  }
  const spec = doc.get('spec');
  switch (kind) {
    case 'Service': {
      const selector = spec?.get('selector');
      out.services.push({
        ...objectOf(file, doc, kind),
        kind,
        type: spec?.get('type')?.string ?? 'ClusterIP',
        selector: selector?.isMap ? selector.record() : undefined,
        ports: (spec?.get('ports')?.items() ?? []).flatMap((p) => {
          const port = p.get('port');
          if (port?.number === undefined) return [];
          return [{ port: port.number, targetPort: portValue(p.get('targetPort')), name: p.get('name')?.string, nodePort: p.get('nodePort')?.number, loc: port.loc }];
        }),
        workloads: [],
      });
      return;
    }
    case 'PodDisruptionBudget':
      out.pdbs.push({ ...objectOf(file, doc, kind), kind, selector: selectorOf(spec?.get('selector')) });
      return;
    case 'HorizontalPodAutoscaler': {
      const ref = spec?.get('scaleTargetRef');
      const targetKind = ref?.get('kind')?.string;
      const targetName = ref?.get('name')?.string;
      out.hpas.push({
        ...objectOf(file, doc, kind),
        kind,
        target: targetKind && targetName ? { kind: targetKind, name: targetName } : undefined,
        minReplicas: located(spec?.get('minReplicas'), (v) => v.number),
        maxReplicas: spec?.get('maxReplicas')?.number,
      });
      return;
    }
    case 'PersistentVolumeClaim':
      out.claims.push({ ...objectOf(file, doc, kind), kind, accessModes: spec?.get('accessModes')?.strings() ?? [] });
      return;
    case 'LimitRange': {
      const container = (spec?.get('limits')?.items() ?? []).find((l) => (l.get('type')?.string ?? 'Container') === 'Container');
      const pick = (v: YamlView | undefined) => ({ memory: v?.get('memory')?.string, cpu: v?.get('cpu')?.string });
      out.limitRanges.push({ ...objectOf(file, doc, kind), kind, defaultLimits: pick(container?.get('default')), defaultRequests: pick(container?.get('defaultRequest')) });
      return;
    }
    default:
  }
}

/** Every Kubernetes object of a file shipready models. */
export function parseK8s(yaml: YamlFile): K8sManifests {
  const out = emptyManifests();
  for (const doc of yaml.roots()) addObject(out, yaml.path, doc, 0);
  return out;
}

export function matchesLabels(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** A label selector (matchLabels + matchExpressions); an empty selector selects every pod, as in policy/v1. */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  if (!matchesLabels(selector.matchLabels, labels)) return false;
  return selector.matchExpressions.every((e) => {
    const has = e.key in labels;
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return has && e.values.includes(value as string);
      case 'NotIn':
        return !has || !e.values.includes(value as string);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** Objects in namespaces that may be the same: equal, or either left to the deploy command. */
function sameNamespace(a: { namespace?: string }, b: { namespace?: string }): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

/** `app=api`: a label as an index key. */
const labelKey = (name: string, value: string) => `${name}\0${value}`;

/**
 * Links Services, PDBs and HPAs to the workloads they select or target (in place). A selector lists labels every
 * selected pod has, so a Service or PDB is looked up by its first label among the pod's labels, then matched in
 * full: linear in the manifests, not workloads × selectors. A PDB that selects by expressions only is tried on every workload.
 */
export function linkK8s(all: K8sManifests): void {
  const firstLabel = (selector: Record<string, string> | undefined) => {
    const [entry] = Object.entries(selector ?? {});
    return entry ? [labelKey(entry[0], entry[1])] : [];
  };
  const servicesWith = keyedIndex(all.services, (s) => firstLabel(s.selector));
  const pdbsWith = keyedIndex(all.pdbs, (p) => (p.selector ? firstLabel(p.selector.matchLabels) : []));
  const unkeyedPdbs = all.pdbs.filter((p) => p.selector && Object.keys(p.selector.matchLabels).length === 0);
  const hpasFor = keyedIndex(all.hpas, (h) => (h.target ? [labelKey(h.target.kind, h.target.name)] : []));
  const claimsNamed = keyedIndex(all.claims, (c) => [c.name]);
  const singleNode = (c: Claim) => c.accessModes.length > 0 && c.accessModes.every((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod');
  for (const w of all.workloads) {
    if (w.kind === 'Job' || w.kind === 'CronJob') continue; // Services and PDBs are about serving pods
    const labels = w.podLabels;
    const podKeys = Object.entries(labels).map(([k, v]) => labelKey(k, v));
    for (const s of servicesWith(podKeys)) {
      if (!s.selector || !sameNamespace(s, w)) continue;
      if (matchesLabels(s.selector, labels)) {
        s.workloads.push(w);
        w.services.push(s);
      }
    }
    const pdbs = podKeys.length === 0 ? [] : unkeyedPdbs.length === 0 ? pdbsWith(podKeys) : all.pdbs;
    for (const p of pdbs) if (p.selector && sameNamespace(p, w) && matchesSelector(p.selector, labels)) w.pdbs.push(p);
    for (const h of hpasFor([labelKey(w.kind, w.name)])) if (sameNamespace(h, w)) w.hpas.push(h);
    w.singleNodeClaim = claimsNamed(w.claimNames).find((c) => sameNamespace(c, w) && singleNode(c));
  }
}

/** Stable subject name of a workload: `k8s/app.yaml#Deployment/api`. */
export function workloadId(w: Workload): string {
  return `${w.file}#${w.kind}/${w.name}`;
}

/** Stable subject name of a container: `k8s/app.yaml#Deployment/api/web`. */
export function containerId(c: Container): string {
  return `${workloadId(c.workload)}/${c.init ? 'init:' : ''}${c.name}`;
}

/** How a message names a container: `container "web" of Deployment/api`. */
export function describeContainer(c: Container): string {
  return `${c.init ? 'init container' : 'container'} "${c.name}" of ${c.workload.kind}/${c.workload.name}`;
}

/** The number a probe or Service port refers to in a container: numbers as they are, names through `ports[].name`. */
export function resolvePort(c: Container, port: string | number | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports.find((p) => p.name === port)?.containerPort;
}

/** Container security settings in effect: the container's own, else the pod's (runAsNonRoot, runAsUser). */
export function effectiveSecurity(c: Container): { runAsNonRoot?: Located<boolean>; runAsUser?: Located<number> } {
  const own = c.securityContext;
  const pod = c.workload.podSecurityContext;
  return { runAsNonRoot: own?.runAsNonRoot ?? pod?.runAsNonRoot, runAsUser: own?.runAsUser ?? pod?.runAsUser };
}

/** What a kustomization.yaml says about the manifests it builds. Patches are not applied by shipready. */
export interface Kustomization {
  file: string;
  /** `images:` overrides: a `newTag` or `digest` gives the named image a tag the base manifest may lack. */
  images: { name: string; newName?: string; newTag?: string; digest?: string }[];
  /** True when it patches its resources (`patches`, `patchesStrategicMerge`, `patchesJson6902`). */
  patches: boolean;
  /** The patch files it names, relative to the root: partial objects, not manifests. */
  patchFiles: string[];
}

const PATCH_KEYS = ['patches', 'patchesStrategicMerge', 'patchesJson6902'];

export function parseKustomization(yaml: YamlFile): Kustomization {
  const root = yaml.roots()[0];
  return {
    file: yaml.path,
    images: (root?.get('images')?.items() ?? []).flatMap((i) => {
      const name = i.get('name')?.string;
      return name ? [{ name, newName: i.get('newName')?.string, newTag: i.get('newTag')?.string, digest: i.get('digest')?.string }] : [];
    }),
    patches: PATCH_KEYS.some((k) => (root?.get(k)?.items().length ?? 0) > 0),
    // `- path: x.yaml` or `- x.yaml` (patchesStrategicMerge); inline patches (`patch:`, a YAML string) name no file.
    patchFiles: PATCH_KEYS.flatMap((k) => root?.get(k)?.items() ?? []).flatMap((item) => {
      const path = item.isMap ? item.get('path')?.string : item.string;
      const file = path === undefined || path.includes('\n') ? undefined : resolveRelative(dirname(yaml.path), path.trim());
      return file === undefined ? [] : [file];
    }),
  };
}
