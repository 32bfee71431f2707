/** What to pass to `node --import` so a child process runs the project's TypeScript as `npm start` does. */
export const typeScriptLoader = new URL('./typescript.mjs', import.meta.url).href;
