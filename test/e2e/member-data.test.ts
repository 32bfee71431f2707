import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { ChannelType, type APIMessageTopLevelComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, apiLogs, auditLog, pluginData } from '../../core/db/schema.ts';
import { moderationCases } from '../../plugins/moderation/schema.ts';
import { messages, userStats, userStatsMonthly } from '../../plugins/monitoring/schema.ts';
import { planning } from '../../plugins/planning/schema.ts';
import { tasks } from '../../plugins/tasks/schema.ts';
import { webhooksLog } from '../../plugins/webhooks/schema.ts';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';
import { storageBackends } from '../support/databases.ts';

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const button = (components ?? []).flatMap((row) => ('components' in row ? (row.components as { label?: string; custom_id?: string }[]) : [])).find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button in ${JSON.stringify(components)}`);
	return button.custom_id;
};

/**
 * Members' data (RGPD) end to end: a member with data in every plugin's tables exports it with
 * /mesdonnees, leaves, and is erased with /oublier; then every column of every table is scanned for
 * their id. The scan knows no table by name: a new table holding member ids without a handler fails it.
 */
describe.each(storageBackends)('members’ data on %s: /mesdonnees and /oublier', (backend) => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const member = (key: string) => guild().members[key]!;
	const db = () => bot.database.db;
	const alice = () => member('alice');
	const ids: { ownTask?: string; forBob?: string; forAlice?: string; mentionsAlice?: string; bobEntry?: string; archiveKey?: string; delivery?: number } = {};

	/** Every column of every table of the public schema holding the id, as `table.column: rows`. */
	async function holdersOf(userId: string): Promise<Record<string, number>> {
		const columns = await db().execute<{ table_name: string; column_name: string }>(sql`
			select c.table_name, c.column_name from information_schema.columns c
			join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
			where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
			order by c.table_name, c.column_name`);
		const found: Record<string, number> = {};
		for (const { table_name: table, column_name: column } of rowsOf<{ table_name: string; column_name: string }>(columns)) {
			const [row] = rowsOf<{ count: number }>(
				await db().execute<{ count: number }>(sql`select count(*)::int as count from ${sql.identifier(table)} where ${sql.identifier(column)}::text like ${`%${userId}%`}`)
			);
			if (row && row.count > 0) found[`${table}.${column}`] = row.count;
		}
		return found;
	}

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks', 'planning', 'monitoring', 'webhooks', 'moderation', 'members'], database: backend });
		for (const plugin of ['admin', 'tasks', 'planning', 'monitoring', 'webhooks', 'moderation', 'members']) {
			if (bot.monster.host.get(plugin)?.status !== 'active') throw new Error(`${plugin} did not load: ${bot.monster.host.get(plugin)?.error}`);
		}
		const guildId = guild().id;
		// Messages: two of hers, and a colleague's that mentions her (text and mention list).
		await bot.server.sendMessage({ content: 'Bonjour, je commence au dépôt demain', authorId: alice() });
		await bot.server.sendMessage({ content: 'Photos envoyées', authorId: alice() });
		await bot.server.sendMessage({ content: `Merci <@${alice()}> pour les photos`, authorId: member('bob') });
		await eventually(async () => (await db().select().from(messages)).length === 3);
		await db().insert(userStats).values({ guildId, userId: alice(), day: '2026-11-30', messages: 2, activeSeconds: 600 });
		await db().insert(userStatsMonthly).values({ guildId, userId: alice(), month: '2025-10-01', messages: 40, activeSeconds: 7200 });
		// Tasks: hers alone, one she created for Bob, one the admin assigned to her, one mentioning her.
		const [own, forBob, forAlice, mentioning] = await db()
			.insert(tasks)
			.values([
				{ guildId, title: 'Commander les plaques', creatorId: alice(), assigneeId: alice() },
				{ guildId, title: 'Poser les plaques', creatorId: alice(), assigneeId: member('bob') },
				{ guildId, title: 'Relever les compteurs', creatorId: member('admin'), assigneeId: alice() },
				{ guildId, title: 'Réunion', description: `Voir avec <@${alice()}> pour le devis`, creatorId: member('bob') }
			])
			.returning({ id: tasks.id });
		Object.assign(ids, { ownTask: own!.id, forBob: forBob!.id, forAlice: forAlice!.id, mentionsAlice: mentioning!.id });
		// Planning: her own entry, and one she planned for Bob, noting her.
		const start = new Date('2026-12-07T07:00:00Z');
		const end = new Date('2026-12-07T16:00:00Z');
		const [, bobEntry] = await db()
			.insert(planning)
			.values([
				{ guildId, userId: alice(), type: 'chantier', startsAt: start, endsAt: end, createdBy: alice() },
				{ guildId, userId: member('bob'), type: 'formation', startsAt: start, endsAt: end, createdBy: alice(), note: `Binôme : <@${alice()}>` }
			])
			.returning({ id: planning.id });
		ids.bobEntry = bobEntry!.id;
		await db().insert(pluginData).values({ namespace: 'planning', key: `feed.${guildId}.${alice()}`, value: { guildId, userId: alice(), token: 'x'.repeat(32), createdAt: '2026-11-01T00:00:00Z' } });
		// Her language choice (bot_config, updated_by her), an API key she created, API calls about her.
		expect((await (await bot.server.sendSlashCommand({ name: 'langue', options: { langue: 'en' }, userId: alice() })).reply()).embeds[0]?.title).toBe('✅ Language');
		await db().insert(apiKeys).values({ name: 'tableur', keyHash: 'f'.repeat(64), scopes: ['read'], createdBy: alice() });
		await db().insert(apiLogs).values({ method: 'GET', path: `/api/discord/users/${alice()}`, status: 200, durationMs: 3, caller: alice() });
		// A webhook delivery naming her, and a chantier archive keeping her own overwrite.
		const [delivery] = await db()
			.insert(webhooksLog)
			.values({ direction: 'entrant', source: 'n8n', event: 'task', payload: { action: 'task', assignee: alice(), title: 'Nettoyer' }, result: { task: 'ok' } })
			.returning({ id: webhooksLog.id });
		ids.delivery = delivery!.id;
		ids.archiveKey = 'chantier-archive:00000000-0000-4000-8000-000000000001';
		await db()
			.insert(pluginData)
			.values({
				namespace: 'admin',
				key: ids.archiveKey,
				value: { status: 'actif', categoryName: 'CH-1', categoryPosition: 2, overwrites: { '1': [{ id: alice(), type: 1, allow: '1024', deny: '0' }, { id: guildId, type: 0, allow: '0', deny: '2048' }] } }
			});
		// Moderation cases: one about her, one she opened about Bob.
		await db()
			.insert(moderationCases)
			.values([
				{ guildId, caseNumber: 1, action: 'avertissement', targetId: alice(), moderatorId: member('admin'), reason: 'Retards répétés' },
				{ guildId, caseNumber: 2, action: 'note', targetId: member('bob'), moderatorId: alice(), reason: `Signalé par <@${alice()}>` }
			]);
		// An older audit line where she acted.
		await db().insert(auditLog).values({ kind: 'commande_refusee', guildId, actorId: alice(), action: 'creerchantier', details: { missing: ['ManageChannels'] } });
	});
	afterAll(() => bot?.stop());

	it('/mesdonnees sends the member, privately, a JSON file of everything held about them, per plugin', async () => {
		const handle = await bot.server.sendSlashCommand({ name: 'mesdonnees', userId: alice() });
		const [first, reply] = await handle.waitForResponses(2);
		expect(first).toMatchObject({ kind: 'callback', ephemeral: true });
		expect(reply?.embeds[0]?.title).toContain('Your data');
		// In English, the erasure command is named as an English client shows it.
		expect(reply?.embeds[0]?.description).toContain('ask an administrator (`/forget`).');
		expect(reply?.files).toHaveLength(1);
		expect(reply?.files[0]).toMatch(new RegExp(`^donnees-${alice()}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
		const exported = (await (await fetch(reply!.message!.attachments[0]!.url)).json()) as {
			member: { id: string };
			failed: string[];
			plugins: Record<string, Record<string, unknown>>;
		};
		expect(exported.member.id).toBe(alice());
		expect(exported.failed).toEqual([]);
		expect(Object.keys(exported.plugins).sort()).toEqual(['admin', 'core', 'moderation', 'monitoring', 'planning', 'tasks', 'team', 'webhooks']);
		const { monitoring, tasks: taskData, planning: planningData, team, core, webhooks, admin } = exported.plugins;
		expect((monitoring!.messages as { content: string }[]).map((message) => message.content)).toEqual(['Bonjour, je commence au dépôt demain', 'Photos envoyées']);
		expect(monitoring!.dailyActivity).toEqual([{ day: '2026-11-30', messages: 2, activeSeconds: 600 }]);
		expect(monitoring!.mentionedInOthersMessages).toBe(1);
		expect((taskData!.tasks as { title: string }[]).map((task) => task.title).sort()).toEqual(['Commander les plaques', 'Poser les plaques', 'Relever les compteurs', 'Réunion']);
		expect((planningData!.entries as { type: string }[]).map((entry) => entry.type).sort()).toEqual(['chantier', 'formation']);
		expect(planningData!.calendarFeed).toEqual({ createdAt: '2026-11-01T00:00:00Z' });
		expect(JSON.stringify(planningData)).not.toContain('x'.repeat(32));
		expect(team).toEqual({ language: 'en' });
		expect((core!.apiKeysCreated as { name: string }[]).map((key) => key.name)).toEqual(['tableur']);
		expect(core!.apiCalls).toHaveLength(1);
		expect((core!.auditLog as { action: string }[]).map((line) => line.action)).toEqual(['creerchantier']);
		expect((core!.settingsChanged as { key: string }[]).map((row) => row.key)).toEqual(['members.locales']);
		expect((webhooks!.deliveries as { id: number }[]).map((delivery) => delivery.id)).toEqual([ids.delivery]);
		expect(admin!.chantierArchiveOverwrites).toEqual({ '00000000-0000-4000-8000-000000000001': { '1': [{ id: alice(), type: 1, allow: '1024', deny: '0' }] } });
	});

	it('/oublier is for administrators only, and refuses what is not a member', async () => {
		await expect(bot.server.sendSlashCommand({ name: 'oublier', options: { membre: member('bob') }, userId: alice() })).rejects.toThrow('/oublier needs Administrator');
		const refused = await withCommandOpenToEveryone(bot.server, 'oublier', async () =>
			(await bot.server.sendSlashCommand({ name: 'oublier', options: { membre: member('bob') }, userId: alice() })).reply()
		);
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds[0]?.description).toContain('Administrator');
		const usage = await bot.server.sendMessage({ content: '!oublier quelqu’un', authorId: member('admin') });
		const answer = await bot.server.waitForMessage((message) => message.message_reference?.message_id === usage.id);
		expect(answer.embeds[0]?.description).toContain('« quelqu’un » n’est ni une mention ni un identifiant Discord');
		const botRefused = await (await bot.server.sendSlashCommand({ name: 'oublier', options: { membre: bot.server.botUser.id }, userId: member('admin') })).reply();
		expect(botRefused.embeds[0]?.description).toContain('rien à effacer');
	});

	it('/oublier, after the member left, asks, erases in every plugin, audits once, and no table holds their id but that line', async () => {
		await bot.server.memberLeaves(alice());
		await eventually(async () => (await db().select().from(auditLog).where(eq(auditLog.action, 'member.leave'))).length === 1);
		expect(Object.keys(await holdersOf(alice())).length).toBeGreaterThan(10);

		const question = await (await bot.server.sendSlashCommand({ name: 'oublier', options: { membre: alice() }, userId: member('admin') })).reply();
		expect(question.ephemeral).toBe(true);
		expect(question.embeds[0]?.title).toContain('Effacer les données d’alice ?');
		// Nothing happens before the answer.
		expect((await db().select().from(tasks).where(eq(tasks.id, ids.ownTask!))).length).toBe(1);
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Effacer'), userId: member('admin') })).waitForResponses(2);
		expect(done?.embeds[0]?.title).toContain('Données effacées');
		const lines = done!.embeds[0]!.description!;
		expect(lines).toContain('**tasks** : tasks_deleted 1, tasks_unassigned 1, tasks_creator_anonymised 1, tasks_mentions_anonymised 1');
		expect(lines).toContain('**monitoring** : messages_deleted 2, messages_mentions_anonymised 1, user_stats_deleted 1, user_stats_monthly_deleted 1');
		expect(lines).toContain('**planning** : planning_deleted 1, planning_creator_anonymised 1, planning_mentions_anonymised 1, calendar_feeds_deleted 1');
		expect(lines).toContain('**team** : language_choices_deleted 1');
		expect(lines).toContain('**admin** : chantier_archive_snapshots 1');
		expect(lines).toContain('**webhooks** : webhooks_log_anonymised 1');
		// Audit lines: the seeded refusal, her refused /oublier, her departure.
		expect(lines).toContain('**core** : bot_config 1, api_keys 1, api_logs 1, audit_log 3');

		// The one line naming her: the erasure's, with what was done and nothing else about her.
		expect(await holdersOf(alice())).toEqual({ 'audit_log.target': 1 });
		const [erasure] = await db().select().from(auditLog).where(eq(auditLog.target, alice()));
		expect(erasure).toMatchObject({ kind: 'action_admin', actorId: member('admin'), action: 'member.erase', details: { failed: [] } });
		// What others still need stays, without her.
		const kept = await db().select().from(tasks);
		expect(kept.find((task) => task.id === ids.ownTask)).toBeUndefined();
		expect(kept.find((task) => task.id === ids.forBob)).toMatchObject({ creatorId: '0', assigneeId: member('bob') });
		expect(kept.find((task) => task.id === ids.forAlice)).toMatchObject({ creatorId: member('admin'), assigneeId: null });
		expect(kept.find((task) => task.id === ids.mentionsAlice)?.description).toBe('Voir avec <@0> pour le devis');
		expect((await db().select().from(planning).where(eq(planning.id, ids.bobEntry!)))[0]).toMatchObject({ userId: member('bob'), createdBy: '0', note: 'Binôme : <@0>' });
		const colleague = await db().select().from(messages).where(eq(messages.authorId, member('bob')));
		expect(colleague).toEqual([expect.objectContaining({ content: 'Merci <@0> pour les photos', metadata: expect.objectContaining({ mentions: expect.objectContaining({ users: ['0'] }) }) })]);
		expect((await db().select().from(webhooksLog))[0]?.payload).toEqual({ action: 'task', assignee: '0', title: 'Nettoyer' });
		const [snapshot] = await db().select().from(pluginData).where(eq(pluginData.key, ids.archiveKey!));
		expect((snapshot!.value as { overwrites: Record<string, unknown[]> }).overwrites['1']).toEqual([{ id: guild().id, type: 0, allow: '0', deny: '2048' }]);

		// The staff hear of it without her name.
		const logged = await bot.server.waitForMessage((message) => message.channel_id === guild().channels.logs && message.embeds[0]?.title?.includes('Données d’un membre effacées') === true);
		expect(logged.embeds[0]?.description).toContain(`<@${member('admin')}> a effacé les données d’un membre`);
		expect(JSON.stringify(logged.embeds)).not.toContain(alice());
	});
});

function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A plugin whose handler throws: the others still run, the answer and the audit line name it, the log has the error. */
describe('members’ data with a failing plugin', () => {
	let bot: TestBot;
	const lines: string[] = [];
	const member = (key: string) => bot.server.guild.members[key]!;

	beforeAll(async () => {
		bot = await startTestBot({
			plugins: ['team', 'tasks', 'members'],
			pluginFolders: [join(import.meta.dirname, '../fixtures/plugins/leaky')],
			logDestination: { write: (line) => void lines.push(line) }
		});
		await bot.database.db.insert(tasks).values({ guildId: bot.server.guild.id, title: 'Ranger', creatorId: member('bob') });
		// Another server's audit line: that server's record, not erased from this one.
		await bot.database.db.insert(auditLog).values({ kind: 'action_admin', guildId: '999999999999999999', actorId: member('bob'), action: 'chantier.create' });
	});
	afterAll(() => bot?.stop());

	it('/mesdonnees still sends what the others hold, saying which plugin could not answer', async () => {
		const [, reply] = await (await bot.server.sendSlashCommand({ name: 'mesdonnees', userId: member('bob') })).waitForResponses(2);
		expect(reply?.embeds[0]?.description).toContain('Le module leaky n’a pas pu répondre');
		const exported = (await (await fetch(reply!.message!.attachments[0]!.url)).json()) as { failed: string[]; plugins: Record<string, { tasks?: unknown[] }> };
		expect(exported.failed).toEqual(['leaky']);
		expect(exported.plugins.tasks?.tasks).toHaveLength(1);
		expect(lines.some((line) => line.includes('Member data export failed in a plugin') && line.includes('export store unreachable'))).toBe(true);
	});

	it('!mesdonnees sends the file by direct message, the channel only hears that it was sent', async () => {
		const asked = await bot.server.sendMessage({ content: '!mesdonnees', authorId: member('chloe') });
		const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === asked.id);
		expect(reply.embeds[0]?.description).toBe('Je vous ai envoyé vos données en message privé.');
		expect(reply.attachments).toEqual([]);
		const dm = [...bot.server.state.channels.values()].find((channel) => channel.type === ChannelType.DM && channel.recipients?.includes(member('chloe')));
		const [sent] = bot.server.state.channelMessages(dm!.id);
		expect(sent?.attachments.map((attachment) => attachment.filename)).toEqual([expect.stringMatching(new RegExp(`^donnees-${member('chloe')}-.*\\.json$`))]);
	});

	it('/oublier erases in the others, says which failed, and audits it', async () => {
		const question = await (await bot.server.sendSlashCommand({ name: 'oublier', options: { membre: member('bob') }, userId: member('admin') })).reply();
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Effacer'), userId: member('admin') })).waitForResponses(2);
		expect(done?.embeds[0]?.title).toContain('Données effacées en partie');
		expect(done?.embeds[0]?.description).toContain('**tasks** : tasks_deleted 1');
		expect(done?.embeds[0]?.description).toContain('⚠️ leaky : échec');
		expect(await bot.database.db.select().from(tasks)).toEqual([]);
		const [erasure] = await bot.database.db.select().from(auditLog).where(eq(auditLog.action, 'member.erase'));
		expect(erasure?.details).toMatchObject({ failed: ['leaky'], results: { tasks: { tasks_deleted: 1 } } });
		expect(lines.some((line) => line.includes('Member data erasure failed in a plugin') && line.includes('erase store unreachable'))).toBe(true);

		// Run again (to retry the failed plugin): nothing left elsewhere, and still one line naming the member, the newest.
		const again = await (await bot.server.sendSlashCommand({ name: 'oublier', options: { membre: member('bob') }, userId: member('admin') })).reply();
		const [, second] = await (await bot.server.clickButton({ messageId: again.messageId!, customId: buttonId(again.components, 'Effacer'), userId: member('admin') })).waitForResponses(2);
		expect(second?.embeds[0]?.description).toContain('**tasks** : rien');
		const erasures = await bot.database.db.select().from(auditLog).where(eq(auditLog.action, 'member.erase')).orderBy(auditLog.id);
		expect(erasures.map((line) => line.target)).toEqual(['0', member('bob')]);
		expect((await bot.database.db.select().from(auditLog).where(eq(auditLog.action, 'chantier.create')))[0]?.actorId).toBe(member('bob'));
	});
});
