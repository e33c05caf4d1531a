// The guide's "Only enable in development".
import { createUniverse, startInspectorServer } from 'fortistate';

const universe = createUniverse({ id: 'prod-universe', substrate });

if (process.env.NODE_ENV === 'development') {
  startInspectorServer(universe, {
    port: 3456,
    requireSessions: true,
    sessionSecret: process.env.SESSION_SECRET,
  });
}
