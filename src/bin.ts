/** Entry point of dist/cli.js. */
import { main } from './cli.ts';

function fail(error: unknown): never {
  process.stderr.write(`shipready: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

/** Standard input to its end, as UTF-8 (`--manifests -`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.on('uncaughtException', fail);
// `shipready | head`: the reader went away; the report is no longer wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fail(error);
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin.isTTY ? undefined : readStdin,
}).catch(fail);
