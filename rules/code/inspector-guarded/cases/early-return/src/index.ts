import inspector from 'node:inspector';
import { startInspectorServer } from 'fortistate';

export function startDevTools(universe: unknown) {
  if (process.env.NODE_ENV === 'production') return;
  startInspectorServer(universe, { port: 3456 });
  inspector.open(9229, '127.0.0.1');
}
