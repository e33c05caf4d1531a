// Skip flags that do not touch validation or authentication.
if (process.env.SKIP_MIGRATIONS !== 'true') {
  await runMigrations();
}
const cache = process.env.DISABLE_CACHE ? new NoopCache() : new RedisCache();
