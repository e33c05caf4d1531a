// The fortistate guide's "NEVER do this in production".
import { createUniverse, startInspectorServer } from 'fortistate';

const universe = createUniverse({
  id: 'prod-universe',
  substrate,
});
startInspectorServer(universe, { port: 3456 }); // DANGEROUS!
// expect: unguarded
