import { describe, expect, it } from 'vitest';
import { effectiveSecurity, resolvePort } from '../src/parsers/k8s.ts';
import { modelOf } from './manifest-fixture.ts';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api, tier: web}
    spec:
      securityContext:
        runAsNonRoot: true
      terminationGracePeriodSeconds: 45
      initContainers:
        - name: migrate
          image: ghcr.io/acme/api:1.4.2
          command: ["node", "dist/migrate.js"]
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          ports:
            - name: http
              containerPort: 3000
          env:
            - name: NODE_ENV
              value: production
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
          envFrom:
            - configMapRef: {name: api-config}
          resources:
            limits: {memory: 512Mi}
          livenessProbe:
            httpGet: {path: /livez, port: http}
          readinessProbe:
            exec:
              command: [node, ready.js]
          startupProbe:
            tcpSocket: {port: 3000}
          securityContext:
            runAsUser: 1000
            capabilities:
              drop: [ALL]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: api}
  ports:
    - {name: web, port: 80, targetPort: http}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api}
spec:
  maxUnavailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: In, values: [web]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 6
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: other}
spec:
  selector: {app: api}
  ports: [{port: 80}]
`;

describe('Kubernetes model', () => {
  const { project } = modelOf({ 'k8s/app.yaml': APP });
  const [w] = project.k8s.workloads;
  if (!w) throw new Error('no workload');
  const [api] = w.containers;
  const [migrate] = w.initContainers;
  if (!api || !migrate) throw new Error('no containers');

  it('reads the workload, its pod labels, replicas and grace period with positions', () => {
    expect(w).toMatchObject({ kind: 'Deployment', name: 'api', namespace: 'shop', podLabels: { app: 'api', tier: 'web' }, longRunning: true, restartPolicy: 'Always' });
    expect(w.loc).toEqual({ file: 'k8s/app.yaml', line: 4, column: 9, endLine: 4, endColumn: 12 });
    expect(w.replicas).toEqual({ value: 3, loc: { file: 'k8s/app.yaml', line: 7, column: 13, endLine: 7, endColumn: 14 } });
    expect(w.terminationGracePeriodSeconds?.value).toBe(45);
  });

  it('keeps containers and init containers apart', () => {
    expect(w.containers.map((c) => c.name)).toEqual(['api']);
    expect(migrate).toMatchObject({ name: 'migrate', init: true, sidecar: false, command: ['node', 'dist/migrate.js'] });
    expect(api.loc).toMatchObject({ line: 22, column: 17, endColumn: 20 });
  });

  it('reads ports, env (valueFrom), envFrom and resources', () => {
    expect(api.ports).toMatchObject([{ name: 'http', containerPort: 3000 }]);
    expect(api.env.map((e) => [e.name, e.value, e.valueFrom])).toEqual([
      ['NODE_ENV', 'production', false],
      ['DB_PASSWORD', null, true],
    ]);
    expect(api.envFrom).toEqual([{ kind: 'configMap', name: 'api-config' }]);
    expect(api.resources.limits.memory?.value).toBe('512Mi');
    expect(api.resources.requests.cpu).toBeUndefined();
  });

  it('reads probes of every handler and resolves named ports', () => {
    expect(api.probes.liveness?.handler).toMatchObject({ type: 'httpGet', path: '/livez', port: 'http', scheme: 'HTTP' });
    expect(api.probes.readiness?.handler).toMatchObject({ type: 'exec', command: ['node', 'ready.js'] });
    expect(api.probes.startup?.handler).toMatchObject({ type: 'tcpSocket', port: 3000 });
    expect(resolvePort(api, 'http')).toBe(3000);
    expect(resolvePort(api, '8080')).toBe(8080);
    expect(resolvePort(api, 'metrics')).toBeUndefined();
  });

  it('inherits the pod security context', () => {
    expect(effectiveSecurity(migrate).runAsNonRoot?.value).toBe(true);
    expect(effectiveSecurity(api).runAsUser?.value).toBe(1000);
    expect(api.securityContext?.drop?.value).toEqual(['ALL']);
  });

  it('links Services by selector and namespace, PDBs by label selector, HPAs by target', () => {
    expect(w.services.map((s) => `${s.namespace}/${s.name}`)).toEqual(['shop/api']);
    expect(project.k8s.services[0]?.ports).toMatchObject([{ port: 80, targetPort: 'http', name: 'web' }]);
    expect(w.pdbs.map((p) => p.name)).toEqual(['api']);
    expect(w.hpas.map((h) => h.minReplicas?.value)).toEqual([2]);
  });

  it('makes the long-running containers deployments, not the init containers', () => {
    expect(project.deployments.map((d) => [d.platform, d.name, d.healthcheck])).toEqual([['kubernetes', 'Deployment/api container api', 'defined']]);
    expect(project.deployments[0]?.env.get('DB_PASSWORD')?.value).toBeNull();
  });
});

describe('Kubernetes documents', () => {
  it('reads kind List items, CronJob job templates, bare Pods and skips other objects', () => {
    const { project } = modelOf({
      'deploy/all.yaml': `apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: CronJob
    metadata: {name: report}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers: [{name: report, image: "acme/report:1"}]
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: cfg}
    data: {A: b}
---
apiVersion: v1
kind: Pod
metadata: {name: shell, labels: {app: shell}}
spec:
  restartPolicy: Never
  containers: [{name: sh, image: "busybox:1.36"}]
`,
    });
    expect(project.k8s.workloads.map((w) => [w.kind, w.name, w.longRunning, w.containers.map((c) => c.name)])).toEqual([
      ['CronJob', 'report', false, ['report']],
      ['Pod', 'shell', false, ['sh']],
    ]);
    expect(project.k8s.workloads[1]?.podLabels).toEqual({ app: 'shell' });
    expect(project.deployments).toEqual([]);
  });

  it('reads `<stdin>` as a Kubernetes stream', () => {
    const { project } = modelOf({ '<stdin>': '---\n# Source: chart/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n' });
    expect(project.k8s.workloads.map((w) => [w.file, w.name, w.loc.line])).toEqual([['<stdin>', 'web', 5]]);
  });

  it('says once that kustomize patches are not applied, and reads image overrides', () => {
    const { project, notices } = modelOf({
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\nimages:\n  - {name: acme/api, newTag: "1.2.3"}\npatches:\n  - path: replicas.yaml\n',
      'overlays/staging/kustomization.yaml': 'resources: [../../base]\npatchesStrategicMerge: [memory.yaml]\n',
    });
    expect(project.k8s.kustomizations.map((k) => k.images)).toEqual([[{ name: 'acme/api', newTag: '1.2.3', newName: undefined, digest: undefined }], []]);
    expect(notices.filter((n) => n.message.includes('patches are not applied'))).toHaveLength(1);
  });

  it('skips Helm test hooks, which run only under `helm test`, but keeps other hooks', () => {
    const hook = (name: string, value: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations:\n    "helm.sh/hook": ${value}\nspec:\n  restartPolicy: Never\n  containers: [{name: c, image: "busybox:1.36"}]\n`;
    const { project } = modelOf({ '<stdin>': ['test', 'test-success', 'pre-install,test-failure', 'pre-upgrade'].map((v, i) => `---\n${hook(`p${i}`, v)}`).join('') });
    expect(project.k8s.workloads.map((w) => w.name)).toEqual(['p3']);
  });

  it('does not read the patches a kustomization lists as manifests', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers: [{name: api, resources: {limits: {memory: 256Mi}}}]\n';
    const { project } = modelOf({
      'deploy/base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers: [{name: api, image: "acme/api:1"}]\n',
      'deploy/overlays/prod/kustomization.yaml':
        'resources: [../../base, hpa.yaml]\npatches:\n  - path: memory.yaml\n  - patch: |-\n      - op: add\n  - path: ../shared/probes.yaml\npatchesStrategicMerge:\n  - replicas.yaml\npatchesJson6902:\n  - {path: json6902.yaml, target: {kind: Deployment, name: api}}\n',
      'deploy/overlays/prod/memory.yaml': patch,
      'deploy/overlays/prod/replicas.yaml': patch,
      'deploy/overlays/prod/json6902.yaml': patch,
      'deploy/overlays/shared/probes.yaml': patch,
      'deploy/overlays/prod/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api}\nspec:\n  scaleTargetRef: {kind: Deployment, name: api}\n  minReplicas: 2\n',
    });
    expect(project.k8s.workloads.map((w) => w.file)).toEqual(['deploy/base/deployment.yaml']);
    expect(project.k8s.hpas.map((h) => h.file)).toEqual(['deploy/overlays/prod/hpa.yaml']);
  });

  it('does not read a custom resource that reuses a core kind name', () => {
    const { project } = modelOf({ 'k8s/knative.yaml': 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers: [{image: "acme/api:1"}]\n' });
    expect(project.k8s.services).toEqual([]);
  });

  it('reads LimitRange container defaults', () => {
    const { project } = modelOf({ 'k8s/limits.yaml': 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: d}\nspec:\n  limits:\n    - type: Container\n      default: {memory: 512Mi}\n      defaultRequest: {cpu: 100m}\n' });
    expect(project.k8s.limitRanges[0]).toMatchObject({ defaultLimits: { memory: '512Mi' }, defaultRequests: { cpu: '100m' } });
  });
});
