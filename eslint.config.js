import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/**
 * The `dependencies` a plugin's manifest declares: the string literals of the first
 * `dependencies: [...]` property in its plugin.ts. Anything else (a variable, a spread) declares
 * nothing here, so the lint errs on the strict side.
 */
function declaredDependencies(manifestFile) {
	const source = ts.createSourceFile(manifestFile, readFileSync(manifestFile, 'utf8'), ts.ScriptTarget.Latest);
	let found = [];
	const visit = (node) => {
		if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'dependencies' && ts.isArrayLiteralExpression(node.initializer)) {
			found = node.initializer.elements.filter(ts.isStringLiteralLike).map((element) => element.text);
			return;
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** Every plugin folder of plugins/ with a manifest, and the plugins it declares it depends on. */
function pluginGraph() {
	const folder = join(root, 'plugins');
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'plugin.ts')))
		.map((entry) => ({ plugin: entry.name, dependencies: declaredDependencies(join(folder, entry.name, 'plugin.ts')) }));
}

const plugin = (name) => ({ type: 'plugin', captured: { plugin: name } });
const contractMessage =
	'plugins/{{from.element.captured.plugin}} may import only #core/…, its own files, and public.ts (schema.ts from its schema.ts and tests) of a plugin listed in the dependencies of plugins/{{from.element.captured.plugin}}/plugin.ts';

/**
 * The contracts between the core and the plugins (PLUGINS.md, "What a plugin may import"), checked by
 * eslint-plugin-boundaries: it classifies each file (core, a plugin, test helpers) and each import,
 * resolved by eslint-import-resolver-typescript (which knows the `#core/*` and `#test/*` imports of
 * package.json). Declared dependencies are read from the manifests each time the lint starts.
 */
const importContracts = {
	files: ['**/*.ts'],
	plugins: { boundaries },
	settings: {
		'boundaries/root-path': root,
		'import/resolver': { typescript: { alwaysTryTypes: false } },
		'boundaries/elements': [
			{ type: 'plugin', pattern: 'plugins/*', capture: ['plugin'], partialMatch: false },
			{ type: 'core', pattern: ['core', 'emulator', 'sandbox'], partialMatch: false },
			{ type: 'test', pattern: 'test', partialMatch: false }
		],
		'boundaries/files': [{ category: 'test', pattern: '**/*.test.ts' }]
	},
	rules: {
		'boundaries/dependencies': [
			'error',
			{
				default: 'allow',
				// Later policies override earlier ones: each plugin starts from "nothing local", then gains what it may use.
				policies: [
					{ from: { element: { type: 'core' } }, disallow: { to: { element: { type: 'plugin' } } }, message: 'The core never imports a plugin: plugins reach the core, not the other way round.' },
					{ from: { element: { type: 'plugin' } }, disallow: { to: { origin: 'local' } }, message: contractMessage },
					{ from: { element: { type: 'plugin' } }, allow: { to: { element: { type: 'plugin', captured: { plugin: '{{from.element.captured.plugin}}' } } } } },
					{ from: { element: { type: 'plugin' } }, allow: { to: { element: { type: 'core' } } } },
					{ from: { element: { type: 'plugin' }, file: { categories: 'test' } }, allow: { to: { element: { type: 'test' } } } },
					...pluginGraph()
						.filter(({ dependencies }) => dependencies.length > 0)
						.flatMap(({ plugin: name, dependencies }) => [
							{ from: { element: plugin(name) }, allow: { to: { element: { ...plugin(dependencies), fileInternalPath: 'public.ts' } } } },
							{
								from: [{ element: { ...plugin(name), fileInternalPath: 'schema.ts' } }, { element: plugin(name), file: { categories: 'test' } }],
								allow: { to: { element: { ...plugin(dependencies), fileInternalPath: 'schema.ts' } } }
							}
						])
				]
			}
		]
	}
};

export default tseslint.config(
	{ ignores: ['node_modules/', 'data/', 'migrations/', 'coverage/', 'test/.tmp/', 'dashboard/dist/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': 'error'
		}
	},
	importContracts
);
