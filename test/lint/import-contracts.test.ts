// The project's ESLint config refuses imports that break the contracts between core and plugins, on a small fixture project.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '..', '..');
const manifest = (name: string, dependencies: string[]) =>
	`const definePlugin = (manifest: object) => manifest;\nexport default definePlugin({ name: '${name}', version: '1.0.0', dependencies: ${JSON.stringify(dependencies)} });\n`;

/** A project laid out like Monster: core, emulator, test helpers, and three plugins; beta depends on alpha only. */
const files: Record<string, string> = {
	'package.json': JSON.stringify({ type: 'module', imports: { '#core/*': './core/*', '#test/*': './test/*' } }),
	'core/kit.ts': 'export const kit = 1;\n',
	// The plugin kit: one name of core/days.ts, all of core/ui/kit.ts, which re-exports core/ui/pager.ts.
	'core/plugin-kit.ts': "export { parseDay } from './days.ts';\nexport * from './ui/kit.ts';\n",
	'core/days.ts': 'export const parseDay = 1;\nexport const isTimeZone = 2;\n',
	'core/ui/kit.ts': "export { paginate } from './pager.ts';\nexport const confirm = 1;\n",
	'core/ui/pager.ts': 'export const paginate = 1;\nexport const pagerInternals = 2;\n',
	'core/reads-days.ts': "import { parseDay } from './days.ts';\nimport { confirm } from '#core/ui/kit.ts';\nexport const inCore = [parseDay, confirm];\n",
	'core/reads-plugin.ts': "import { alphaApi } from '../plugins/alpha/public.ts';\nexport const fromCore = alphaApi;\n",
	'emulator/reads-plugin.ts': "import type { AlphaRow } from '../plugins/alpha/schema.ts';\nexport type FromEmulator = AlphaRow;\n",
	'emulator/uses-core.ts': "import { kit } from '../core/kit.ts';\nexport const fromEmulator = kit;\n",
	'test/support/helper.ts': 'export const helper = 1;\n',
	'plugins/alpha/plugin.ts': manifest('alpha', []),
	'plugins/alpha/public.ts': "export { alphaApi } from './internal.ts';\n",
	'plugins/alpha/internal.ts': 'export const alphaApi = 1;\n',
	'plugins/alpha/schema.ts': 'export interface AlphaRow { id: string }\n',
	'plugins/gamma/plugin.ts': manifest('gamma', []),
	'plugins/gamma/public.ts': 'export const gammaApi = 1;\n',
	'plugins/beta/plugin.ts': manifest('beta', ['alpha']),
	'plugins/beta/own.ts': 'export const own = 1;\n',
	'plugins/beta/allowed.ts': [
		"import { readFileSync } from 'node:fs';",
		"import { kit } from '#core/kit.ts';",
		"import { alphaApi } from '../alpha/public.ts';",
		"import { own } from './own.ts';",
		'export const allowed = [readFileSync, kit, alphaApi, own];',
		''
	].join('\n'),
	'plugins/beta/through-kit.ts': [
		"import { confirm, paginate, parseDay } from '#core/plugin-kit.ts';",
		"import { isTimeZone } from '#core/days.ts';",
		"import { pagerInternals } from '#core/ui/pager.ts';",
		'export const throughKit = [confirm, paginate, parseDay, isTimeZone, pagerInternals];',
		''
	].join('\n'),
	'plugins/beta/kit-name-from-core.ts': "import { isTimeZone, parseDay } from '#core/days.ts';\nexport const fromCore = [isTimeZone, parseDay];\n",
	'plugins/beta/kit-module-from-core.ts': "import type * as ui from '#core/ui/kit.ts';\nexport type FromCore = typeof ui;\n",
	'plugins/beta/kit-name-behind-kit.ts': "export { paginate } from '#core/ui/pager.ts';\n",
	'plugins/beta/commands/nested.ts': "import { alphaApi } from '../../alpha/public.ts';\nimport { own } from '../own.ts';\nexport const nested = [alphaApi, own];\n",
	'plugins/beta/schema.ts': "import type { AlphaRow } from '../alpha/schema.ts';\nexport type BetaRow = AlphaRow & { beta: true };\n",
	'plugins/beta/beta.test.ts': "import type { AlphaRow } from '../alpha/schema.ts';\nimport { helper } from '#test/support/helper.ts';\nexport const inTest: [AlphaRow?, number] = [undefined, helper];\n",
	'plugins/beta/internal-of-dependency.ts': "import { alphaApi } from '../alpha/internal.ts';\nexport const internal = alphaApi;\n",
	'plugins/beta/schema-outside-schema.ts': "import type { AlphaRow } from '../alpha/schema.ts';\nexport type Outside = AlphaRow;\n",
	'plugins/beta/undeclared.ts': "import { gammaApi } from '../gamma/public.ts';\nexport const undeclared = gammaApi;\n",
	'plugins/beta/reexports-undeclared.ts': "export { gammaApi } from '../gamma/public.ts';\n",
	'plugins/beta/test-helper-outside-tests.ts': "import { helper } from '#test/support/helper.ts';\nexport const outside = helper;\n",
	'plugins/alpha/reads-dependent.ts': "import { own } from '../beta/own.ts';\nexport const backwards = own;\n"
};

describe('ESLint import contracts between core and plugins', () => {
	let folder: string;
	let violations: Map<string, string[]>;
	let kitViolations: Map<string, string[]>;

	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'monster-lint-'));
		for (const [path, content] of Object.entries(files)) {
			mkdirSync(dirname(join(folder, path)), { recursive: true });
			writeFileSync(join(folder, path), content);
		}
		cpSync(join(projectRoot, 'eslint.config.js'), join(folder, 'eslint.config.js'));
		symlinkSync(join(projectRoot, 'node_modules'), join(folder, 'node_modules'), 'dir');
		const results = await new ESLint({ cwd: folder }).lintFiles(['.']);
		const byFile = (rule: string) =>
			new Map(
				results
					.map((result) => [relative(folder, result.filePath), result.messages.filter((message) => message.ruleId === rule).map((message) => message.message)] as const)
					.filter(([, messages]) => messages.length > 0)
			);
		violations = byFile('boundaries/dependencies');
		kitViolations = byFile('no-restricted-imports');
	}, 120_000);
	afterAll(() => {
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	it('refuses the core (emulator included) importing a plugin', () => {
		expect(violations.get('core/reads-plugin.ts')).toEqual([expect.stringContaining('The core never imports a plugin')]);
		expect(violations.get('emulator/reads-plugin.ts')).toHaveLength(1);
	});

	it('refuses a plugin importing a plugin it does not declare, or a plugin that depends on it', () => {
		expect(violations.get('plugins/beta/undeclared.ts')).toEqual([expect.stringContaining('dependencies of plugins/beta/plugin.ts')]);
		expect(violations.get('plugins/beta/reexports-undeclared.ts')).toHaveLength(1);
		expect(violations.get('plugins/alpha/reads-dependent.ts')).toEqual([expect.stringContaining('plugins/alpha may import only')]);
	});

	it('refuses a declared dependency’s internal file, and its schema outside schema.ts and tests', () => {
		expect(violations.get('plugins/beta/internal-of-dependency.ts')).toHaveLength(1);
		expect(violations.get('plugins/beta/schema-outside-schema.ts')).toHaveLength(1);
	});

	it('refuses test helpers outside test files', () => {
		expect(violations.get('plugins/beta/test-helper-outside-tests.ts')).toHaveLength(1);
	});

	it('allows #core, own files, packages, a declared dependency’s public.ts, and its schema.ts from schema.ts and tests', () => {
		expect([...violations.keys()].sort()).toEqual([
			'core/reads-plugin.ts',
			'emulator/reads-plugin.ts',
			'plugins/alpha/reads-dependent.ts',
			'plugins/beta/internal-of-dependency.ts',
			'plugins/beta/reexports-undeclared.ts',
			'plugins/beta/schema-outside-schema.ts',
			'plugins/beta/test-helper-outside-tests.ts',
			'plugins/beta/undeclared.ts'
		]);
	});

	it('refuses a plugin taking from a core module what the kit exports, read from the kit’s re-exports', () => {
		expect(kitViolations.get('plugins/beta/kit-name-from-core.ts')).toEqual([expect.stringMatching(/^'parseDay' import from '#core\/days\.ts' is restricted\. A plugin takes what the kit exports from #core\/plugin-kit\.ts/)]);
		expect(kitViolations.get('plugins/beta/kit-module-from-core.ts')).toEqual([expect.stringContaining("'#core/ui/kit.ts' import is restricted")]);
		expect(kitViolations.get('plugins/beta/kit-name-behind-kit.ts')).toEqual([expect.stringContaining("'paginate' import from '#core/ui/pager.ts' is restricted")]);
	});

	it('allows what the kit leaves out of a module, and the core importing the modules behind the kit', () => {
		expect([...kitViolations.keys()].sort()).toEqual(['plugins/beta/kit-module-from-core.ts', 'plugins/beta/kit-name-behind-kit.ts', 'plugins/beta/kit-name-from-core.ts']);
	});
});
