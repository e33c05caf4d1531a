import express from 'express';
import type { CompilerOptions } from 'typescript';

export const options: CompilerOptions = {};
const app = express();
app.listen(3000);
