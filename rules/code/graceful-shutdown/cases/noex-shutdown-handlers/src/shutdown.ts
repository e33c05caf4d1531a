import { Supervisor, type SupervisorRef } from 'noex';

export function setupShutdownHandlers(app: SupervisorRef, stopPolling: () => void) {
  let isShuttingDown = false;

  async function shutdown(signal: string) {
    if (isShuttingDown) return;
    isShuttingDown = true;
    console.log(`Received ${signal}, starting graceful shutdown...`);
    stopPolling();
    await new Promise((r) => setTimeout(r, 5000));
    await Supervisor.stop(app, 'shutdown');
    process.exit(0);
  }

  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
