import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const deploy = fileURLToPath(new URL('../../scripts/deploy.sh', import.meta.url));
const run = promisify(execFile);

function envFile(content: string, mode: number): string {
	const file = join(mkdtempSync(join(tmpdir(), 'monster-deploy-')), '.env');
	writeFileSync(file, content);
	chmodSync(file, mode);
	return file;
}

async function dryRun(file: string): Promise<{ code: number; output: string }> {
	try {
		const { stdout } = await run('bash', [deploy, '--dry-run', '--env-file', file], { env: { ...process.env, NO_COLOR: '1' } });
		return { code: 0, output: stdout };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, output: failed.stdout + failed.stderr };
	}
}

describe('scripts/deploy.sh --dry-run', () => {
	it('accepts a complete .env readable only by its owner, and changes nothing', async () => {
		const file = envFile('DISCORD_TOKEN=abc.def.ghi\nDISCORD_GUILD_IDS=123456789012345678\nPOSTGRES_PASSWORD=abcdef0123456789\n', 0o600);
		const { output } = await dryRun(file);
		expect(output).toContain(`✔ ${file} is readable only by its owner (600)`);
		expect(output).toContain(`✔ ${file}: every variable valid`);
		expect(output).not.toContain(`✘ ${file}`);
		expect(output).toContain('Plan (dry run: nothing was changed)');
	});

	it('refuses a readable .env with bad values, naming each variable, before changing anything', async () => {
		const file = envFile('DISCORD_TOKEN=abc\nDISCORD_GUILD_IDS=123456789012345678\nPOSTGRES_PASSWORD=short\nAPI_PORT=abc\n', 0o644);
		const { code, output } = await dryRun(file);
		expect(code).toBe(1);
		expect(output).toContain(`✘ ${file} has mode 644`);
		expect(output).toMatch(/✘ .*: POSTGRES_PASSWORD: letters and digits only/);
		expect(output).toMatch(/✘ .*: API_PORT: /);
		expect(output).not.toMatch(/DISCORD_GUILD_IDS/);
	});

	it('says so when there is no .env', async () => {
		const { code, output } = await dryRun('/nonexistent/.env');
		expect(code).toBe(1);
		expect(output).toContain('✘ /nonexistent/.env: not found');
	});

	it('prints its usage with --help', async () => {
		const { stdout } = await run('bash', [deploy, '--help']);
		expect(stdout).toContain('Usage: scripts/deploy.sh');
	});
});
