import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findManifestFile, importManifest, listPieceFiles } from './loader.ts';
import { pluginDescription } from './manifest.ts';
import { isPieceModule } from './piece-kinds.ts';

// Inside the project, so that a plugin's `#core/...` imports resolve as they do for real plugins.
const tmpRoot = fileURLToPath(new URL('../../test/.tmp/', import.meta.url));
let folder: string;
let version = 0;

function plugin(name: string, files: Record<string, string>): string {
	folder = join(tmpRoot, `loader-${process.pid}-${Date.now()}`, name);
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(folder, path)), { recursive: true });
		writeFileSync(join(folder, path), content);
	}
	return folder;
}

const manifest = (fields: string) => `import { definePlugin } from '#core/plugin-kit.ts';\nexport default definePlugin({ ${fields} });\n`;

afterEach(() => rmSync(dirname(folder), { recursive: true, force: true }));

describe('plugin loader', () => {
	it('lists only the piece modules it will import: no tests, declarations, private or stray files', async () => {
		const dir = plugin('probe', {
			'plugin.ts': manifest("name: 'probe', version: '1.0.0', description: 'x'"),
			'commands/ping.ts': '',
			'commands/ping.test.ts': '',
			'commands/_draft.ts': '',
			'commands/types.d.ts': '',
			'commands/notes.md': '',
			'listeners/nested/ready.ts': '',
			'helpers.ts': ''
		});
		const files = (await listPieceFiles(dir)).map((file) => file.slice(dir.length + 1));
		expect(files).toEqual(['commands/ping.ts', 'listeners/nested/ready.ts']);
		expect(isPieceModule('x.spec.mts')).toBe(false);
		expect(isPieceModule('.hidden.ts')).toBe(false);
	});

	it('finds the manifest, and says so when a folder has none', async () => {
		const dir = plugin('probe', { 'commands/ping.ts': '' });
		expect(findManifestFile(dir)).toBeUndefined();
		await expect(importManifest(dir, String(++version))).rejects.toThrow('no plugin.ts manifest');
	});

	it('refuses a manifest naming the bad field, or whose name is not its folder’s', async () => {
		const bad = plugin('probe', { 'plugin.ts': manifest("name: 'probe', version: 'one', description: 'x'") });
		await expect(importManifest(bad, String(++version))).rejects.toThrow(/invalid manifest: version: a semantic version/);
		rmSync(dirname(folder), { recursive: true, force: true });
		const misnamed = plugin('probe', { 'plugin.ts': manifest("name: 'other', version: '1.0.0', description: 'x'") });
		await expect(importManifest(misnamed, String(++version))).rejects.toThrow('manifest name "other" must equal its folder name "probe"');
	});

	it('takes a description per language, or one for every language, and refuses a language missing', async () => {
		const both = plugin('probe', { 'plugin.ts': manifest("name: 'probe', version: '1.0.0', description: { fr: 'Dit bonjour.', en: 'Says hello.' }") });
		const described = await importManifest(both, String(++version));
		expect([pluginDescription(described, 'fr'), pluginDescription(described, 'en')]).toEqual(['Dit bonjour.', 'Says hello.']);
		rmSync(dirname(folder), { recursive: true, force: true });
		const plain = await importManifest(plugin('probe', { 'plugin.ts': manifest("name: 'probe', version: '1.0.0', description: 'Says hello.'") }), String(++version));
		expect([pluginDescription(plain, 'fr'), pluginDescription(plain, 'en')]).toEqual(['Says hello.', 'Says hello.']);
		rmSync(dirname(folder), { recursive: true, force: true });
		const frenchOnly = plugin('probe', { 'plugin.ts': manifest("name: 'probe', version: '1.0.0', description: { fr: 'Dit bonjour.' }") });
		await expect(importManifest(frenchOnly, String(++version))).rejects.toThrow(/invalid manifest: description/);
	});

	it('names the file when a manifest does not even import', async () => {
		const dir = plugin('probe', { 'plugin.ts': 'export default = ;\n' });
		await expect(importManifest(dir, String(++version))).rejects.toThrow(/plugin\.ts/);
	});

	it('reads the defaults of optional fields', async () => {
		const dir = plugin('probe', { 'plugin.ts': manifest("name: 'probe', version: '1.2.3', description: 'x'") });
		expect(await importManifest(dir, String(++version))).toMatchObject({
			name: 'probe',
			dependencies: [],
			enabledByDefault: true,
			required: false,
			discordPermissions: []
		});
	});
});
