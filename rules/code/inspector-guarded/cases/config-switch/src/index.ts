import { startInspectorServer } from 'fortistate';
import { config } from './config';

if (config.inspector.enabled) {
  startInspectorServer(universe, { port: config.inspector.port });
}

const debugTools = process.env.ENABLE_DEVTOOLS === 'true' ? startInspectorServer(universe) : undefined;
