// The noex guide's loadConfig, with no .env.example in the repository.
export function loadConfig() {
  const env = process.env.NODE_ENV || 'development';
  return {
    env,
    logLevel: process.env.LOG_LEVEL || 'info',
    database: {
      host: process.env.DB_HOST || 'localhost',
//          ^^^^^^^^^^^^^^^^^^^ noExample
      port: parseInt(process.env.DB_PORT || '5432', 10),
    },
  };
}
