import pino from 'pino';
import { createApp } from './app.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 3000);
/** Well under Kubernetes' 30 s termination grace period. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

let ready = false;
const app = createApp({ logger, isReady: () => ready, adminToken: process.env.ADMIN_TOKEN });

const server = app.listen(port, () => {
  ready = true;
  logger.info({ port }, 'listening');
});

function shutdown(signal) {
  if (!ready) return;
  ready = false;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error('connections did not close in time; exiting');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  server.close((err) => {
    if (err) logger.error({ err }, 'close failed');
    process.exit(err ? 1 : 0);
  });
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  logger.fatal({ reason }, 'unhandled rejection');
  process.exit(1);
});
