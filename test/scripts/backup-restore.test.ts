// scripts/backup.sh and scripts/restore.sh against a real PostgreSQL and Redis, as an operator runs them.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/databases.ts';

const scripts = fileURLToPath(new URL('../../scripts/', import.meta.url));
const testRedisUrl = process.env.TEST_REDIS_URL;
const run = promisify(execFile);
const skipReason = !testPostgresUrl || !testRedisUrl ? 'skipped: set TEST_DATABASE_URL and TEST_REDIS_URL to run' : undefined;

interface Outcome {
	code: number;
	stdout: string;
	stderr: string;
}

async function script(name: 'backup.sh' | 'restore.sh', args: string[]): Promise<Outcome> {
	// Neither the caller's DATABASE_URL nor its Redis variables: each test says where to.
	const env = { PATH: process.env.PATH, HOME: process.env.HOME, COMPOSE: 'false' };
	try {
		const { stdout, stderr } = await run('bash', [join(scripts, name), ...args], { env });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as Outcome;
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

function redisDatabase(index: number): string {
	const url = new URL(testRedisUrl!);
	url.pathname = `/${index}`;
	return url.href;
}

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(text)).rows;
	} finally {
		await client.end();
	}
}

/** Per table (every schema but the system's): row count and a digest of all rows, in a stable order. */
async function contents(url: string): Promise<Record<string, string>> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows: tables } = await client.query<{ name: string }>(
			`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
			 where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`
		);
		const result: Record<string, string> = {};
		for (const { name } of tables) {
			const { rows } = await client.query<{ count: string; digest: string }>(
				`select count(*) as count, md5(coalesce(string_agg(row_text, E'\\n' order by row_text), '')) as digest
				 from (select t::text as row_text from ${name} t) rows`
			);
			result[name] = `${rows[0]!.count} rows, ${rows[0]!.digest}`;
		}
		return result;
	} finally {
		await client.end();
	}
}

function projectFolder(): string {
	const project = mkdtempSync(join(tmpdir(), 'monster-project-'));
	mkdirSync(join(project, 'config'));
	writeFileSync(join(project, '.env'), 'DISCORD_TOKEN=secret.token.value\nPOSTGRES_PASSWORD=abcdef0123456789\n', { mode: 0o600 });
	writeFileSync(join(project, 'config', 'redis-queue.conf'), 'maxmemory-policy noeviction\n');
	writeFileSync(join(project, 'docker-compose.yml'), 'services: {}\n');
	return project;
}

describe.skipIf(skipReason !== undefined)(skipReason ?? 'backup and restore', () => {
	const folders: string[] = [];
	const folder = (prefix: string) => {
		const made = mkdtempSync(join(tmpdir(), prefix));
		folders.push(made);
		return made;
	};
	afterAll(() => {
		for (const made of folders) rmSync(made, { recursive: true, force: true });
	});

	describe('a backup of a bot that has worked, restored elsewhere', () => {
		let bot: TestBot;
		let fresh: TestDatabase;
		let backups: string;
		let backup: string;
		let project: string;

		beforeAll(async () => {
			bot = await startTestBot({ database: 'postgres', plugins: ['team', 'admin', 'tasks', 'monitoring', 'planning'] });
			await bot.server.sendMessage({ content: '!tache Commander les parpaings' });
			await bot.server.waitForMessage((message) => message.embeds.length > 0);
			for (const content of ['bonjour', 'on coule la dalle à 8h', 'ok 👍']) await bot.server.sendMessage({ content });
			const start = new Date(Date.now() + 3_600_000);
			await (
				await bot.server.sendSlashCommand({ name: 'planifier', options: { type: 'chantier', debut: start.toISOString(), fin: new Date(start.getTime() + 3_600_000).toISOString() } })
			).reply();
			await bot.monster.host.setEnabled('planning', false, { actor: 'test' });
			// Every message has reached the bot's message log before it stops.
			await eventually(async () => Number((await query(bot.database.url!, 'select count(*) as n from messages'))[0]?.n) >= 4 || undefined);
			// Stopped, the bot has flushed what it buffers: the database no longer changes under the comparison.
			await bot.monster.stop();
			fresh = await createTestDatabase('postgres', { migrate: false });
			backups = folder('monster-backups-');
			project = projectFolder();
			folders.push(project);
			const made = await script('backup.sh', ['--url', bot.database.url!, '--no-redis', '--dir', backups, '--project-dir', project]);
			expect(made.code, made.stderr).toBe(0);
			backup = made.stdout.trim();
		});
		afterAll(async () => {
			await bot?.server.stop();
			await bot?.database.destroy();
			if (bot) rmSync(bot.pluginsDir, { recursive: true, force: true });
			await fresh?.destroy();
		});

		it('writes the dump, the configuration archive and their checksums, readable only by the owner', () => {
			expect(readdirSync(backup).sort()).toEqual(['SHA256SUMS', 'config.tar.gz', 'database.dump']);
			expect(statSync(backup).mode & 0o777).toBe(0o700);
			for (const file of readdirSync(backup)) expect(statSync(join(backup, file)).mode & 0o777).toBe(0o600);
		});

		it('gives a fresh database every row of every table, identical', async () => {
			const restored = await script('restore.sh', ['--db', '--url', fresh.url!, '--yes', backup]);
			expect(restored.code, restored.stderr).toBe(0);
			const original = await contents(bot.database.url!);
			expect(Object.values(original).filter((summary) => !summary.startsWith('0 rows')).length, JSON.stringify(original)).toBeGreaterThanOrEqual(4);
			expect(await contents(fresh.url!)).toEqual(original);
		});

		it('gives back .env, config/ and docker-compose.yml, after saving the current ones', async () => {
			const elsewhere = folder('monster-project-');
			writeFileSync(join(elsewhere, '.env'), 'DISCORD_TOKEN=current\n');
			const restored = await script('restore.sh', ['--config', '--dir', backups, '--project-dir', elsewhere, '--yes', 'latest']);
			expect(restored.code, restored.stderr).toBe(0);
			for (const file of ['.env', 'config/redis-queue.conf', 'docker-compose.yml']) {
				expect(readFileSync(join(elsewhere, file), 'utf8')).toBe(readFileSync(join(project, file), 'utf8'));
			}
			expect(statSync(join(elsewhere, '.env')).mode & 0o777).toBe(0o600);
			expect(readdirSync(backups).some((name) => /^pre-restore-.*-config\.tar\.gz$/.test(name))).toBe(true);
		});
	});

	it('gives another Redis database exactly the snapshot: every key, value and TTL, nothing else', async () => {
		const source = new Redis(redisDatabase(11));
		const target = new Redis(redisDatabase(10));
		try {
			await source.flushdb();
			await source.set('bull:queue:id', '42');
			await source.set('cache:session', 'été ✓', 'PX', 600_000);
			await source.hset('bull:queue:repeat:1', { name: 'reminders', pattern: '*/5 * * * *' });
			await source.zadd('bull:queue:delayed', 1700000000000, 'job-1', 1700000060000, 'job-2');
			await source.rpush('bull:queue:wait', 'a', 'b', 'c');
			await source.xadd('bull:queue:events', '*', 'event', 'added', 'jobId', '7');
			await target.set('left-over', 'from before the restore');

			const backups = folder('monster-backups-');
			const made = await script('backup.sh', ['--url', testPostgresUrl!, '--redis-url', redisDatabase(11), '--dir', backups, '--project-dir', folder('monster-empty-')]);
			expect(made.code, made.stderr).toBe(0);
			expect(readdirSync(made.stdout.trim())).toContain('redis-db11.rdb');
			const restored = await script('restore.sh', ['--redis', '--redis-url', redisDatabase(10), '--dir', backups, '--yes']);
			expect(restored.code, restored.stderr).toBe(0);

			const keys = (await source.keys('*')).sort();
			expect((await target.keys('*')).sort()).toEqual(keys);
			for (const key of keys) expect(await target.dumpBuffer(key), key).toEqual(await source.dumpBuffer(key));
			expect(await target.pttl('cache:session')).toBeGreaterThan(0);
			expect(await target.pttl('bull:queue:id')).toBe(-1);
		} finally {
			await source.flushdb();
			await target.flushdb();
			source.disconnect();
			target.disconnect();
		}
	});

	it('deletes only the backups older than the retention, by the time in their name', async () => {
		const backups = folder('monster-backups-');
		const stamp = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
		const old = [`monster-${stamp(40)}`, `monster-${stamp(31)}.sql.gz`];
		const kept = [`monster-${stamp(29)}`, `monster-${stamp(1)}`, `pre-restore-${stamp(40)}-config.tar.gz`, 'notes.txt', 'monster-latest-by-hand'];
		for (const name of [...old, ...kept]) {
			if (name.includes('.')) writeFileSync(join(backups, name), 'x');
			else mkdirSync(join(backups, name));
		}
		const made = await script('backup.sh', ['--url', testPostgresUrl!, '--no-redis', '--dir', backups, '--retention', '30', '--project-dir', folder('monster-empty-')]);
		expect(made.code, made.stderr).toBe(0);
		expect(readdirSync(backups).sort()).toEqual([...kept, made.stdout.trim().split('/').pop()!].sort());
		for (const name of old) expect(made.stderr).toContain(`removed ${join(backups, name)}`);
	});

	describe('a damaged backup', () => {
		let target: TestDatabase;
		let backups: string;
		let backup: string;
		const marker = () => query(target.url!, 'select note from keep_me');

		beforeAll(async () => {
			target = await createTestDatabase('postgres', { migrate: false });
			await query(target.url!, "create table keep_me (note text); insert into keep_me values ('still here')");
			backups = folder('monster-backups-');
			const made = await script('backup.sh', ['--url', testPostgresUrl!, '--no-redis', '--dir', backups, '--project-dir', projectFolder()]);
			expect(made.code, made.stderr).toBe(0);
			backup = made.stdout.trim();
		});
		afterAll(() => target?.destroy());

		it('is refused by its checksums before anything is touched', async () => {
			const damaged = join(backups, 'monster-20200101T000000Z');
			mkdirSync(damaged);
			for (const file of readdirSync(backup)) writeFileSync(join(damaged, file), readFileSync(join(backup, file)));
			truncateSync(join(damaged, 'database.dump'), statSync(join(damaged, 'database.dump')).size / 2);
			const project = folder('monster-project-');
			const restored = await script('restore.sh', ['--url', target.url!, '--project-dir', project, '--yes', damaged]);
			expect(restored.code).toBe(1);
			expect(restored.stderr).toContain(`restore: ${damaged} is damaged: database.dump: FAILED`);
			expect(await marker()).toEqual([{ note: 'still here' }]);
			expect(readdirSync(project)).toEqual([]);
		});

		it('is refused by pg_restore --list when the dump is unreadable though its checksum matches', async () => {
			const damaged = join(backups, 'monster-20200102T000000Z');
			mkdirSync(damaged);
			writeFileSync(join(damaged, 'database.dump'), 'PGDMP but not really a dump');
			await run('sh', ['-c', 'sha256sum database.dump > SHA256SUMS'], { cwd: damaged });
			const restored = await script('restore.sh', ['--db', '--url', target.url!, '--yes', damaged]);
			expect(restored.code).toBe(1);
			expect(restored.stderr).toContain(`restore: ${damaged}/database.dump is not a readable pg_dump archive`);
			expect(await marker()).toEqual([{ note: 'still here' }]);
		});
	});

	it('asks for confirmation, and refuses without a terminal unless --yes', async () => {
		const backups = folder('monster-backups-');
		const made = await script('backup.sh', ['--url', testPostgresUrl!, '--no-redis', '--dir', backups, '--project-dir', folder('monster-empty-')]);
		expect(made.code, made.stderr).toBe(0);
		const target = await createTestDatabase('postgres', { migrate: false });
		try {
			const refused = await script('restore.sh', ['--db', '--url', target.url!, '--dir', backups]);
			expect(refused.code).toBe(1);
			expect(refused.stderr).toContain('not a terminal: add --yes');
			expect(await query(target.url!, "select count(*)::int as tables from information_schema.tables where table_schema = 'public'")).toEqual([{ tables: 0 }]);
		} finally {
			await target.destroy();
		}
	});
});

describe('--help', () => {
	it.each(['backup.sh', 'restore.sh'] as const)('%s prints its usage', async (name) => {
		const { stdout, code } = await script(name, ['--help']);
		expect(code).toBe(0);
		expect(stdout).toContain(`Usage: scripts/${name}`);
	});
});
