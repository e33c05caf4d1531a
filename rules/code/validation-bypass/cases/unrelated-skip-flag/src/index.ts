// Skip flags that do not touch validation or authentication.
if (process.env.SKIP_MIGRATIONS !== 'true') {
  await runMigrations();
}
const cache = process.env.DISABLE_CACHE ? new NoopCache() : new RedisCache();
// The env schema's own check, skipped while an image is built without its runtime secrets: no request is let through.
export const envOptions = { skipValidation: Boolean(process.env.CI) || Boolean(process.env.SKIP_ENV_VALIDATION) };
if (!process.env.SKIP_CONFIG_VALIDATION) validateConfig(loadConfig());
