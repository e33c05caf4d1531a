// The same inspector started whatever the environment: production opens it to every origin.
import { startInspectorServer } from 'fortistate';

startInspectorServer(universe, {
  port: 3456,
  allowedOrigins: ['*'],
//^^^^^^^^^^^^^^^^^^^^^ anyOrigin
});
