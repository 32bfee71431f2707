// scripts/slim-node-modules.sh, which the Dockerfile runs on the image's node_modules.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type * as Echarts from 'echarts';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe('scripts/slim-node-modules.sh', () => {
	const modules = join(mkdtempSync(join(tmpdir(), 'monster-slim-')), 'node_modules');
	afterAll(() => rmSync(dirname(modules), { recursive: true, force: true }));
	const file = (path: string) => {
		mkdirSync(dirname(join(modules, path)), { recursive: true });
		writeFileSync(join(modules, path), 'x');
	};

	it('keeps what runs and drops maps, declarations, tests and the echarts files never loaded', async () => {
		cpSync(join(root, 'node_modules', 'echarts'), join(modules, 'echarts'), { recursive: true });
		const kept = ['pino/lib/tools.js', 'pino/LICENSE', 'pino/package.json', '@scope/test/index.js', '@scope/tool/index.js', 'tool/lib/test/helper.js'];
		const dropped = ['pino/lib/tools.js.map', 'pino/pino.d.ts', 'pino/README.md', 'pino/test/basic.test.js', '@types/node/index.d.ts', 'zrender/lib/zrender.js', '@scope/tool/__tests__/a.js', 'tool/index.d.mts'];
		for (const path of [...kept, ...dropped]) file(path);

		const { stderr } = await run('bash', [join(root, 'scripts/slim-node-modules.sh'), modules]);
		expect(stderr).toMatch(/^slim-node-modules: \d+ bytes -> \d+ bytes\n$/);
		for (const path of kept) expect(existsSync(join(modules, path)), path).toBe(true);
		for (const path of dropped) expect(existsSync(join(modules, path)), path).toBe(false);
		expect(existsSync(join(modules, 'echarts/lib'))).toBe(false);
		expect(existsSync(join(modules, 'echarts/dist/echarts.esm.mjs'))).toBe(false);
	});

	it('leaves an echarts that core/ui/chart.ts can still draw with', () => {
		const echarts = createRequire(join(modules, 'index.js'))('echarts') as typeof Echarts;
		const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 200, height: 100 });
		chart.setOption({ animation: false, xAxis: { type: 'category', data: ['lun'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [3] }] });
		expect(chart.renderToSVGString()).toContain('<svg');
		chart.dispose();
	});

	it('refuses a folder that is not a node_modules', async () => {
		const failure = await run('bash', [join(root, 'scripts/slim-node-modules.sh'), tmpdir()]).catch((error: unknown) => error as { code: number; stderr: string });
		expect(failure).toMatchObject({ code: 1 });
		expect((failure as { stderr: string }).stderr).toContain('does not look like Monster');
	});
});
