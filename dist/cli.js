#!/usr/bin/env node
// The bin: turns on Node's compile cache (Node >= 22.1; NODE_DISABLE_COMPILE_CACHE=1 turns it off), kept in the
// user's own cache folder rather than the shared temp folder, then runs the bundle. A cache that cannot be
// written only costs the start-up it would have saved.
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

try {
  module.enableCompileCache?.(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'shipready', 'compile-cache'));
} catch {}
await import('./cli-main.js');
