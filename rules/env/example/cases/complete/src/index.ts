import { cleanEnv, port, str } from 'envalid';

export const env = cleanEnv(process.env, {
  DATABASE_URL: str(),
  PORT: port({ default: 3000 }),
});
if (process.env.NODE_ENV !== 'production' && process.env.CI) console.log('dev');
