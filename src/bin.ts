/** Entry point of dist/cli.js. */
import { main } from './cli.ts';

process.on('uncaughtException', (error) => {
  process.stderr.write(`shipready: internal error: ${error.message}\n`);
  process.exit(2);
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
