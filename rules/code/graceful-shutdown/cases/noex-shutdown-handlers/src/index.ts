// The noex guide's health server and shutdown handlers.
import { createServer } from 'http';
import { Supervisor } from 'noex';
import { setupShutdownHandlers } from './shutdown';

const server = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404);
  res.end();
});
server.listen(Number(process.env.HEALTH_PORT ?? 8080));

const app = await Supervisor.start({ strategy: 'one_for_one', children: [] });
setupShutdownHandlers(app, () => {});
