// The inspector opens CORS to every origin only outside production: a development branch is not the API.
import { startInspectorServer } from 'fortistate';

if (process.env.NODE_ENV !== 'production') {
  startInspectorServer(universe, {
    port: 3456,
    allowedOrigins: ['*'],
  });
}
