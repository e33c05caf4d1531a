// The fortistate guide's rateLimit option on its HTTP server.
import express from 'express';
import { startInspectorServer } from 'fortistate';

const app = express();
app.listen(3000);

startInspectorServer(universe, {
  port: 3456,
  rateLimit: {
    windowMs: 15 * 60 * 1000, // 15 minutes
    max: 100, // Limit requests
  },
});
