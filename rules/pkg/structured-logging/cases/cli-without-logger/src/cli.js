#!/usr/bin/env node
// A CLI with a local preview server: not a service, so no structured logger is required.
import http from 'node:http';

http.createServer((req, res) => res.end('preview')).listen(0);
console.log('done');
