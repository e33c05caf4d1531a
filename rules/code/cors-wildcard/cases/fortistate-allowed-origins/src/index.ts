import { startInspectorServer } from 'fortistate';

if (process.env.NODE_ENV !== 'production') {
  startInspectorServer(universe, {
    port: 3456,
    allowedOrigins: ['*'],
//  ^^^^^^^^^^^^^^^^^^^^^ anyOrigin
  });
}
