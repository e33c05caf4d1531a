#!/usr/bin/env node
// A published CLI that serves a local preview: not a production service.
import { createServer } from 'node:http';

createServer((req, res) => res.end('preview')).listen(4000);
