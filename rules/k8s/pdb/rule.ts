import { workloadId } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { minimumReplicas, shippedWorkloads } from '../_shared.ts';

export default defineRule({
  id: 'k8s/pdb',
  title: 'A replicated Deployment or StatefulSet is covered by a PodDisruptionBudget',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'Replicas protect against crashes, not against voluntary disruptions: a node upgrade or cluster-autoscaler scale-down may drain every node that holds the workload\'s pods at once, and without a PodDisruptionBudget nothing stops it from evicting all of them together. A PDB makes drains wait until enough replicas are ready elsewhere.',
  fix: 'Add a `policy/v1` PodDisruptionBudget whose selector matches the pod labels, with `maxUnavailable: 1` (or `minAvailable` below the replica count so drains can still proceed).',
  appliesTo: ['k8s'],
  messages: {
    missing: (d: { workload: string; replicas: number }) =>
      `${d.workload} runs ${d.replicas} replicas but no PodDisruptionBudget selects its pods, so a node drain may evict them all at once: add one with \`maxUnavailable: 1\``,
  },
  check({ project, subject }) {
    for (const w of shippedWorkloads(project)) {
      if (w.kind !== 'Deployment' && w.kind !== 'StatefulSet') continue;
      const replicas = minimumReplicas(w);
      if (replicas < 2) continue;
      const report = subject(workloadId(w));
      if (w.pdbs.length === 0) report.report('missing', { workload: `${w.kind}/${w.name}`, replicas }, w.loc);
    }
  },
});
