/** Entry point of dist/cli-main.js, which the bin dist/cli.js loads (scripts/build.mjs). */
import { setFlagsFromString } from 'node:v8';
import { main } from './cli.ts';
import { stderrText } from './reporters/escape.ts';

// V8 grows the young generation towards a size set from the machine's memory (128 MiB of semi-spaces on a
// 24 GiB machine), most of a large run's peak RSS. Keeping it at its start size costs 5-7 % more time and saves a
// quarter to a third of the peak (npm run bench, Node 24, 2 cores: 3000 services 9.1 s / 964 MiB without it,
// 9.8 s / 839 MiB with it; 1000 services 3.4 s / 470 MiB and 3.7 s / 357 MiB). Growth factor 2 saves nothing.
setFlagsFromString('--semi-space-growth-factor=1');

function fail(error: unknown): never {
  process.stderr.write(stderrText(`shipready: internal error: ${error instanceof Error ? error.message : String(error)}\n`));
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
