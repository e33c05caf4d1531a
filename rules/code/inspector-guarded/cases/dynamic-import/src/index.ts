// node:inspector loaded lazily with a dynamic import is still the inspector.
const inspector = await import('node:inspector');
inspector.open(9229, '0.0.0.0');
// expect: unguarded

if (process.env.NODE_ENV === 'development') {
  const { open } = await import('inspector');
  open(9229, '127.0.0.1');
}
