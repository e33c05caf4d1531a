/** Entry point of dist/action.js (action.yml: runs.using node24). */
import { runAction } from './action/run.ts';

await runAction();
