/**
 * Node module hook (loader thread): runs `.ts` files by erasing their types with Sucrase.
 *
 * Why not tsx: tsx's hooks bring esbuild into the loader thread and a child process beside the bot
 * (about 20 MB of resident memory more than this hook, measured with bench/footprint.ts), and its
 * output needs source maps, which makes Node also read and keep every library's `.map` file (9 MB of
 * heap). Sucrase keeps each line where it was, so stack traces name the right `.ts` lines without
 * source maps. The project's TypeScript only needs types erased (`verbatimModuleSyntax`,
 * `erasableSyntaxOnly`), the same subset Node's own type stripping runs.
 */
import { readFile } from 'node:fs/promises';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase';
import { fullCollection } from './full-collection.mjs';

const typeScriptFile = /\.m?ts$/;
/** A line that starts with a decorator (`@ApplyOptions(…)`), which Sucrase does not compile. */
const decoratorLine = /^\s*@[A-Za-z_$]/m;

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
	if (!url.startsWith('file:')) return nextLoad(url, context);
	const path = fileURLToPath(url);
	if (!typeScriptFile.test(path) || path.includes('/node_modules/')) return nextLoad(url, context);
	const source = await readFile(path, 'utf8');
	if (decoratorLine.test(source)) return { format: 'module', source: await compileDecorators(source, path), shortCircuit: true };
	const { code } = transform(source, {
		transforms: ['typescript'],
		// Node runs today's JavaScript as it is; only the types go.
		disableESTransforms: true,
		// `verbatimModuleSyntax`: an import without `type` stays, for its side effects too.
		keepUnusedImports: true,
		filePath: path
	});
	collectWhenIdle();
	return { format: 'module', source: code, shortCircuit: true };
}

/**
 * Compiling the bot's few hundred files leaves this thread's heap full of garbage that V8 would keep
 * for as long as the thread is idle, i.e. for good (10-20 MB of the bot's resident memory, varying from
 * one start to the next). One full collection once no file has loaded for a quarter of a second gives it back (a few ms each).
 */
let idleCollection;
function collectWhenIdle() {
	clearTimeout(idleCollection);
	idleCollection = setTimeout(fullCollection, 250);
	idleCollection.unref();
}

/**
 * Plugins written the Sapphire way use TypeScript's decorators (`experimentalDecorators`), so such a
 * file goes through esbuild, loaded only then. Its lines move: stack traces there name compiled lines.
 */
async function compileDecorators(source, path) {
	const { transform: compile } = await import('esbuild');
	const { code } = await compile(source, {
		loader: 'ts',
		format: 'esm',
		target: 'node20',
		sourcefile: path,
		tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: true, verbatimModuleSyntax: true } }
	});
	return code;
}
