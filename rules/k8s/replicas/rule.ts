import { workloadId } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { minimumReplicas, runsStatefulStore, shippedWorkloads } from '../_shared.ts';

export default defineRule({
  id: 'k8s/replicas',
  title: 'A Deployment or StatefulSet behind a Service runs at least 2 replicas',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'With one replica, every rollout, node drain, eviction, OOM kill or crash takes the service down until a new pod is scheduled, pulled, started and ready — tens of seconds of errors at best. Two replicas on different nodes turn each of those into a non-event. A HorizontalPodAutoscaler with `minReplicas: 2` or more gives the same floor. A Deployment that mounts a ReadWriteOnce PersistentVolumeClaim is left alone: its pods cannot share the volume across nodes, so it runs one writer by design.',
  fix: 'Set `spec.replicas: 2` (or more), or target the workload with a HorizontalPodAutoscaler whose `minReplicas` is at least 2; spread the pods with topologySpreadConstraints or pod anti-affinity.',
  appliesTo: ['k8s'],
  messages: {
    single: (d: { workload: string; replicas: number }) =>
      `${d.workload} serves a Service with ${d.replicas} replica, so every rollout, drain or crash is downtime: set \`replicas: 2\` or more`,
    hpaMinimum: (d: { workload: string; hpa: string; replicas: number }) =>
      `HorizontalPodAutoscaler ${d.hpa} lets ${d.workload} scale down to ${d.replicas} replica while it serves a Service: set \`minReplicas: 2\``,
  },
  check({ project, subject }) {
    for (const w of shippedWorkloads(project)) {
      // A database or cache image runs as one instance unless clustered on purpose: two copies would not share its data.
      if ((w.kind !== 'Deployment' && w.kind !== 'StatefulSet') || w.services.length === 0 || runsStatefulStore(w)) continue;
      // A Deployment whose pods mount a ReadWriteOnce claim (an embedded database's files) runs one writer by design:
      // a second pod on another node cannot attach the volume.
      if (w.kind === 'Deployment' && w.singleNodeClaim) continue;
      const report = subject(workloadId(w));
      const replicas = minimumReplicas(w);
      if (replicas >= 2) continue;
      const workload = `${w.kind}/${w.name}`;
      const hpa = w.hpas[0];
      if (hpa) report.report('hpaMinimum', { workload, hpa: hpa.name, replicas }, hpa.minReplicas?.loc ?? hpa.loc);
      else report.report('single', { workload, replicas }, w.replicas?.loc ?? w.loc);
    }
  },
});
