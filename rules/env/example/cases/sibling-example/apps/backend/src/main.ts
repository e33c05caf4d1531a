// The backend's variables are listed in the web app's example, which the deployer of the stack fills in.
import { NestFactory } from '@nestjs/core';

const bucket = process.env.STORAGE_BUCKET;
const db = process.env.DATABASE_URL;
const queue = process.env.QUEUE_URL;
//            ^^^^^^^^^^^^^^^^^^^^^ undocumented
export async function bootstrap(module: unknown) {
  const app = await NestFactory.create(module as never);
  await app.listen(3000);
  return { app, bucket, db, queue };
}
