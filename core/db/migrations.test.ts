import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, storageBackends, type TestDatabase } from '../../test/support/databases.ts';
import { migrationsFolder } from './client.ts';

interface Journal {
	entries: { idx: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
const tags = journal.entries.map((entry) => entry.tag);
const workDir = mkdtempSync(join(tmpdir(), 'monster-migrations-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations, as a database at that point saw it. */
function migrationsUpTo(count: number): string {
	const folder = join(workDir, `first-${count}`);
	cpSync(migrationsFolder, folder, { recursive: true });
	const kept = journal.entries.slice(0, count);
	writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
	for (const file of readdirSync(folder)) {
		if (file.endsWith('.sql') && !kept.some((entry) => file === `${entry.tag}.sql`)) rmSync(join(folder, file));
	}
	return folder;
}

async function migrateWith(database: TestDatabase, folder: string): Promise<void> {
	if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
	else await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
}

async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
	return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Names of tables, indexes, triggers, functions and views: what a migration run must leave identical. */
async function schemaObjects(database: TestDatabase): Promise<string[]> {
	const found = await rows<{ name: string }>(
		database,
		sql`select 'table ' || tablename as name from pg_tables where schemaname = 'public'
			union all select 'index ' || indexname from pg_indexes where schemaname = 'public'
			union all select 'trigger ' || tgname || ' on ' || tgrelid::regclass from pg_trigger where not tgisinternal
			union all select 'function ' || proname from pg_proc where pronamespace = 'public'::regnamespace
			union all select 'view ' || viewname from pg_views where schemaname = 'public'
			union all select 'type ' || typname from pg_type where typnamespace = 'public'::regnamespace and typtype = 'e'`
	);
	return found.map((row) => row.name).sort();
}

describe.each(storageBackends)('migrations on %s', (kind) => {
	it('apply to an empty database, then again as a no-op', async () => {
		const database = await createTestDatabase(kind, { migrate: false });
		try {
			await database.migrate();
			const before = await schemaObjects(database);
			expect(before).toEqual(expect.arrayContaining(['table messages', 'view stats_globales', 'function cleanup_old_messages']));
			await database.migrate();
			expect(await schemaObjects(database)).toEqual(before);
		} finally {
			await database.destroy();
		}
	});

	it('every hand-written and generated statement can run twice', async () => {
		const database = await createTestDatabase(kind);
		try {
			const before = await schemaObjects(database);
			for (const tag of tags) {
				const statements = readFileSync(join(migrationsFolder, `${tag}.sql`), 'utf8').split('--> statement-breakpoint');
				for (const statement of statements) {
					await expect(database.db.execute(sql.raw(statement)), `${tag}: ${statement.slice(0, 80)}`).resolves.toBeDefined();
				}
			}
			expect(await schemaObjects(database)).toEqual(before);
		} finally {
			await database.destroy();
		}
	});

	it('upgrade a database holding data from the migration before this data layer (0001_core)', async () => {
		const database = await createTestDatabase(kind, { migrate: false });
		try {
			await migrateWith(database, migrationsUpTo(tags.indexOf('0001_core') + 1));
			await database.db.execute(sql`insert into bot_config (key, value) values ('plugins.enabled', '["tasks"]')`);
			await database.migrate();
			const [config] = await rows<{ value: unknown }>(database, sql`select value from bot_config where key = 'plugins.enabled'`);
			expect(config?.value).toEqual(['tasks']);
			expect(await schemaObjects(database)).toContain('trigger set_updated_at on bot_config');
		} finally {
			await database.destroy();
		}
	});

	it('upgrade a database holding data from the previous migration (N-1)', async () => {
		const database = await createTestDatabase(kind, { migrate: false });
		try {
			await migrateWith(database, migrationsUpTo(tags.length - 1));
			await database.db.execute(sql`insert into tasks (guild_id, title, creator_id, status) values ('g', 'Commander le béton', 'u', 'a_faire')`);
			await database.db.execute(
				sql`insert into messages (message_id, channel_id, author_id, content, created_at) values ('m1', 'c', 'u', 'bonjour', now())`
			);
			await database.migrate();
			await database.db.execute(sql`update tasks set status = 'terminee'`);
			const [task] = await rows<{ completed: boolean; bumped: boolean }>(
				database,
				sql`select completed_at is not null as completed, updated_at > created_at as bumped from tasks`
			);
			expect(task).toEqual({ completed: true, bumped: true });
			const [message] = await rows<{ content: string }>(database, sql`select content from messages where message_id = 'm1'`);
			expect(message?.content).toBe('bonjour');
		} finally {
			await database.destroy();
		}
	});

	it('creates exactly the documented indexes (README: 15 primary keys, 7 unique, 20 secondary)', async () => {
		const database = await createTestDatabase(kind);
		try {
			const indexes = (await schemaObjects(database)).filter((name) => name.startsWith('index ')).map((name) => name.slice(6));
			const primaryKeys = indexes.filter((name) => name.endsWith('_pkey'));
			const unique = indexes.filter((name) => name.endsWith('_key'));
			const secondary = indexes.filter((name) => name.endsWith('_idx'));
			expect(primaryKeys).toHaveLength(15);
			expect(unique).toEqual([
				'api_keys_hash_key',
				'api_keys_name_key',
				'chantiers_channel_key',
				'chantiers_guild_code_key',
				'messages_message_id_key',
				'moderation_cases_guild_number_key',
				'webhooks_log_idempotency_key'
			]);
			expect(secondary).toEqual([
				'announcements_due_idx',
				'announcements_guild_idx',
				'chantiers_active_idx',
				'message_words_trgm_idx',
				'messages_content_fts_idx',
				'messages_created_at_idx',
				'moderation_cases_target_idx',
				'planning_ends_idx',
				'planning_guild_starts_idx',
				'planning_long_ends_idx',
				'planning_recurrence_idx',
				'planning_user_ends_idx',
				'plugin_data_value_idx',
				'tasks_completed_at_idx',
				'tasks_created_at_idx',
				'tasks_guild_status_due_idx',
				'tasks_open_assignee_due_idx',
				'tasks_open_chantier_due_idx',
				'tasks_open_urgency_idx',
				'tasks_tags_idx'
			]);
			expect(indexes).toHaveLength(42);
		} finally {
			await database.destroy();
		}
	});

	it('every table with updated_at has the trigger that keeps it', async () => {
		const database = await createTestDatabase(kind);
		try {
			const missing = await rows<{ table_name: string }>(
				database,
				sql`select c.table_name from information_schema.columns c
					where c.table_schema = 'public' and c.column_name = 'updated_at'
						and c.table_name in (select tablename from pg_tables where schemaname = 'public')
						and not exists (
							select 1 from pg_trigger t
							where t.tgrelid = format('%I', c.table_name)::regclass and t.tgname = 'set_updated_at'
						)`
			);
			expect(missing).toEqual([]);
		} finally {
			await database.destroy();
		}
	});
});
