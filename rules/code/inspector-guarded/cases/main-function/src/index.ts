// Inside a function is not a guard: main() runs in production too.
import inspector from 'node:inspector';

async function main() {
  await loadConfig();
  inspector.open(9229, '0.0.0.0');
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unguarded
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
