import { NestFactory } from '@nestjs/core';
import './app.module';

const app = await NestFactory.create(AppModule);
await app.listen(3000);
