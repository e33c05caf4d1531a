import { defineRule } from '../../../src/rule.ts';

export default defineRule({
  id: 'code/inspector-guarded',
  title: 'Development inspectors are started only outside production',
  category: 'security',
  severity: 'error',
  rationale:
    "An inspector or debugger server (Node's `inspector.open()`, a state inspector such as `startInspectorServer`) exposes the process's memory and often lets clients run code or change state. Started unconditionally, it ships to production with the service and listens on a port anyone on the network may reach.",
  fix: "Start it only in development: wrap the call in `if (process.env.NODE_ENV === 'development')` (or an explicit `ENABLE_INSPECTOR` switch that production never sets), or remove it from the service's code.",
  appliesTo: ['source'],
  messages: {
    unguarded: (d: { callee: string }) =>
      `${d.callee}(…) runs unconditionally, so production starts it too: wrap it in \`if (process.env.NODE_ENV === 'development')\` or an explicit opt-in switch`,
  },
  check({ project, subject }) {
    for (const service of project.services) {
      if (service.inspectorStarts.length === 0) continue;
      const report = subject(service.package.file);
      for (const start of service.inspectorStarts) if (!start.guarded) report.report('unguarded', { callee: start.callee }, start.loc);
    }
  },
});
