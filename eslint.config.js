import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

/**
 * What core/plugin-kit.ts re-exports, by the `#core/…` module each name comes from: the names of each
 * `export { … } from`, or '*' (the whole module) for an `export * from`, followed into the modules
 * that re-export in turn (core/ui/kit.ts gathers core/ui/pager.ts, confirm.ts…). Read from the kit
 * each time the lint starts, so what it exports and what plugins must take from it cannot drift.
 */
function kitReExports() {
	const kit = join(root, 'core', 'plugin-kit.ts');
	if (!existsSync(kit)) return [];
	const restricted = new Map();
	const restrict = (file, names) => {
		const module = `#core/${relative(join(root, 'core'), file)}`;
		const before = restricted.get(module);
		if (before === '*' || (before && names !== '*' && [...names].every((name) => before.has(name)))) return;
		restricted.set(module, names === '*' ? '*' : new Set([...(before ?? []), ...names]));
		visit(file, names);
	};
	const visit = (file, wanted) => {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
		for (const statement of source.statements) {
			if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
			const target = join(dirname(file), statement.moduleSpecifier.text);
			const clause = statement.exportClause;
			if (!clause) restrict(target, wanted);
			else if (ts.isNamedExports(clause)) {
				const names = clause.elements.filter((element) => wanted === '*' || wanted.has(element.name.text)).map((element) => (element.propertyName ?? element.name).text);
				if (names.length > 0) restrict(target, new Set(names));
			}
		}
	};
	visit(kit, '*');
	const message =
		'A plugin takes what the kit exports from #core/plugin-kit.ts, not from the core module behind it (PLUGINS.md, "What a plugin may import"). What the kit leaves out of a module comes from that module: the members plugin\'s exportMemberData, eraseMemberData and MemberDataReport, admin\'s settings registry.';
	return [...restricted].map(([name, names]) => (names === '*' ? { name, message } : { name, importNames: [...names].sort(), message }));
}

/** Plugins, the tests' fixture plugins too, import what the kit exports from the kit (PLUGINS.md, "What a plugin may import"). */
const kitImports = {
	files: ['plugins/**/*.ts', 'test/fixtures/plugins/**/*.ts'],
	rules: { 'no-restricted-imports': ['error', { paths: kitReExports() }] }
};

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
	importContracts,
	kitImports
);
