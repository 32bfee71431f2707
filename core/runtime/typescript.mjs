// Preloaded by `npm start` (node --import ./core/runtime/typescript.mjs core/main.ts): lets Node run the
// project's TypeScript. Plain JavaScript, because nothing can load TypeScript before this file runs.
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
