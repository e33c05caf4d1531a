import type { Deployment } from '../../../src/model/project.ts';
import { budgetUnder, type ShutdownWait } from '../../../src/model/service/index.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { at, codeOfImage, runEnv } from '../_shared.ts';

/** Kubernetes' terminationGracePeriodSeconds and docker's stop timeout when unset. */
const KUBERNETES_DEFAULT_MS = 30_000;
const COMPOSE_DEFAULT_MS = 10_000;

interface Grace {
  ms: number;
  /** The written setting, when there is one. */
  loc?: Loc;
  field: 'terminationGracePeriodSeconds' | 'stop_grace_period';
  /** Time a preStop hook sleeps before SIGTERM is sent, out of the same period. */
  preStopMs: number;
}

function graceOf(d: Deployment): Grace | undefined {
  const runner = d.runner;
  if (runner?.platform === 'kubernetes') {
    const written = runner.container.workload.terminationGracePeriodSeconds;
    return { ms: written ? written.value * 1000 : KUBERNETES_DEFAULT_MS, loc: written?.loc, field: 'terminationGracePeriodSeconds', preStopMs: runner.container.preStop?.sleepMs ?? 0 };
  }
  if (runner?.platform === 'compose') {
    const written = runner.service.stopGracePeriod;
    return { ms: written?.value ?? COMPOSE_DEFAULT_MS, loc: written?.loc, field: 'stop_grace_period', preStopMs: 0 };
  }
  return undefined;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The waits that make up the budget, for messages: the forced exit, or each wait that adds to it. */
function describeWaits(waits: readonly ShutdownWait[], budgetMs: number): string {
  const forced = waits.find((w) => w.kind === 'forced-exit' && w.ms === budgetMs);
  const shown = forced ? [forced] : waits;
  const what = (w: ShutdownWait) =>
    w.kind === 'forced-exit' ? 'a forced exit' : w.kind === 'env' || w.kind === 'env-default' ? (w.env?.name ?? 'an env setting') : w.kind === 'helper-default' ? "a shutdown helper's default" : w.kind === 'option' ? 'a timeout option' : 'a timer';
  const listed = shown.slice(0, 3).map((w) => `${what(w)}${w.env && w.kind !== 'env' && w.kind !== 'env-default' ? ` (${w.env.name})` : ''} of ${seconds(w.ms)} at ${at(w.loc)}`);
  return shown.length > 3 ? `${listed.join(', ')} and ${shown.length - 3} more` : listed.join(', ');
}

export default defineRule({
  id: 'cross/grace-period',
  title: 'The platform waits for the shutdown the code does',
  category: 'reliability',
  severity: 'warning',
  rationale:
    "On a rollout, scale-down or node drain, Kubernetes (after any preStop hook) and docker send SIGTERM, wait terminationGracePeriodSeconds (30 s by default) or stop_grace_period (10 s by default), then SIGKILL. A service whose SIGTERM handler drains connections, waits for in-flight jobs or sleeps longer than that is killed mid-shutdown: requests fail, jobs are lost, connections are cut. The budget lives in the code (setTimeout, shutdown timeouts, helper options) or its env (SHUTDOWN_TIMEOUT_MS); the period lives in the manifest.",
  fix: 'Set terminationGracePeriodSeconds / stop_grace_period above the longest shutdown the code waits (plus any preStop sleep and a few seconds of margin), or shorten the shutdown timeouts to fit.',
  appliesTo: ['k8s', 'compose', 'source', 'env'],
  messages: {
    budgetTooLong: (d: { budget: string; waits: string; field: string; grace: string; preStop?: string; defaulted: boolean; needed: string }) =>
      `the SIGTERM path waits up to ${d.budget} (${d.waits}), but ${d.defaulted ? `the default ${d.field}` : d.field} of ${d.grace}${d.preStop ? `, less a preStop sleep of ${d.preStop},` : ''} leaves it less before SIGKILL: set ${d.field} to at least ${d.needed} or shorten the shutdown`,
  },
  check({ project, subject }) {
    for (const d of project.deployments) {
      const service = codeOfImage(project, d.dockerfile);
      const grace = graceOf(d);
      if (!service || !grace) continue;
      const env = runEnv(d.dockerfile, d);
      const budget = budgetUnder(
        service,
        (name) => {
          const set = env.get(name);
          return set?.value ? { value: set.value, loc: set.loc } : undefined;
        },
        env.names(),
      );
      if (budget.budgetMs === undefined) continue;
      const report = subject(`${d.loc.file}#${d.name}`);
      if (budget.budgetMs <= grace.ms - grace.preStopMs) continue;
      const neededMs = budget.budgetMs + grace.preStopMs;
      report.report(
        'budgetTooLong',
        {
          budget: seconds(budget.budgetMs),
          waits: describeWaits(budget.waits, budget.budgetMs),
          field: grace.field,
          grace: seconds(grace.ms),
          preStop: grace.preStopMs > 0 ? seconds(grace.preStopMs) : undefined,
          defaulted: grace.loc === undefined,
          needed: grace.field === 'stop_grace_period' ? `${Math.ceil(neededMs / 1000)}s` : String(Math.ceil(neededMs / 1000)),
        },
        grace.loc ?? d.loc,
      );
    }
  },
});
