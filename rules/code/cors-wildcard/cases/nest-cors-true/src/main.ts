import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

const app = await NestFactory.create(AppModule, { cors: true });
//                                                ^^^^^^^^^^ anyOrigin
await app.listen(3000);
