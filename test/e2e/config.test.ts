import { container } from '@sapphire/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema.ts';
import { startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

/** `/config` as admins use it, through the local Discord server; the bot believes it serves two servers. */
describe('admin plugin: /config reads and writes plugins’ and the core’s settings', () => {
	let bot: TestBot;
	const admin = () => bot.server.guild.members.admin!;
	const guildId = () => bot.server.guild.id;
	const config = async (subcommand: string, options: Record<string, string>, userId = admin(), locale?: string) =>
		(await bot.server.sendSlashCommand({ name: 'config', subcommand, options, userId, ...(locale ? { locale } : {}) })).reply();
	const tasksSettings = (guild: string | null = guildId()) => container.plugins.contextOf<{ reminderHour: number }>('tasks')!.settings(guild);

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'tasks'], env: { DISCORD_GUILD_IDS: '100000000000000001,100000000000000002' } });
	});
	afterAll(() => bot?.stop());

	it('sets a plugin’s setting for this server at once, audits it and tells the log channel', async () => {
		const answer = await config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: '8' });
		expect(answer.ephemeral).toBe(true);
		expect(answer.embeds[0]?.title).toContain('Réglage modifié');
		expect(answer.embeds[0]?.description).toContain('**reminderHour** : 7 → **8** (ce serveur)');
		expect(tasksSettings().reminderHour).toBe(8);
		expect(tasksSettings(null).reminderHour).toBe(7);
		const posted = await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs);
		expect(posted.embeds[0]?.description).toContain(`<@${admin()}>`);
		expect(posted.embeds[0]?.description).toContain('reminderHour');
		const rows = await bot.database.db.select().from(auditLog);
		expect(rows).toContainEqual(
			expect.objectContaining({ kind: 'changement_config', guildId: guildId(), actorId: admin(), action: 'config.set', target: 'tasks.reminderHour', details: { scope: 'guild', before: 7, after: 8 } })
		);
	});

	it('refuses a value the plugin’s schema refuses, naming the field, in French, and changes nothing', async () => {
		const answer = await config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: '30' });
		expect(answer.ephemeral).toBe(true);
		// A refused input is a warning, not an error of the bot.
		expect(answer.embeds[0]?.title).toBe('⚠️ Valeur refusée');
		expect(answer.embeds[0]?.description).toBe('**reminderHour** : Trop grand : nombre doit être <=23');
		const notANumber = await config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: 'sept heures' });
		expect(notANumber.embeds[0]?.description).toMatch(/^\*\*reminderHour\*\* : Entrée invalide : nombre attendu/);
		expect(tasksSettings().reminderHour).toBe(8);
		const english = await config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: '30' }, admin(), 'en-US');
		expect(english.embeds[0]?.description).toContain('Too big');
	});

	it('refuses an unknown plugin or key privately, listing what exists', async () => {
		const unknownPlugin = await config('voir', { plugin: 'météo' });
		expect(unknownPlugin.ephemeral).toBe(true);
		expect(unknownPlugin.embeds[0]?.title).toBe('⚠️ Impossible');
		expect(unknownPlugin.embeds[0]?.description).toContain('« météo » n’a pas de réglages');
		expect(unknownPlugin.embeds[0]?.description).toContain('`core`, `admin`, `tasks`');
		const unknownKey = await config('définir', { plugin: 'tasks', clé: 'heure', valeur: '8' });
		expect(unknownKey.embeds[0]?.description).toContain('« tasks » n’a pas de réglage « heure »');
		expect(unknownKey.embeds[0]?.description).toContain('`reminderHour`, `reminderChannel`');
	});

	it('refuses members who are not administrators', async () => {
		const set = () => config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: '9' }, bot.server.guild.members.alice!);
		await expect(set()).rejects.toThrow('/config needs Administrator');
		const refused = await withCommandOpenToEveryone(bot.server, 'config', set);
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds[0]?.title).toBe('⚠️ Action refusée');
		expect(tasksSettings().reminderHour).toBe(8);
	});

	it('shows the values that apply and where each comes from', async () => {
		const shown = await config('voir', { plugin: 'tasks' });
		expect(shown.embeds[0]?.title).toContain('Réglages de « tasks » (ce serveur)');
		expect(shown.embeds[0]?.description).toContain('**reminderHour** = `8` · réglé pour ce serveur');
		expect(shown.embeds[0]?.description).toContain('**reminderChannel** = `—` · par défaut');
	});

	it('lets only the bot’s owners change a setting for every server', async () => {
		const refused = await config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: '6', portee: 'global' });
		expect(refused.embeds[0]?.description).toContain('BOT_OWNER_IDS');
		expect(tasksSettings(null).reminderHour).toBe(7);
		container.config.BOT_OWNER_IDS.push(admin());
		try {
			const done = await config('définir', { plugin: 'tasks', clé: 'reminderHour', valeur: '6', portee: 'global' });
			expect(done.embeds[0]?.description).toContain('(tout le bot)');
			expect(tasksSettings(null).reminderHour).toBe(6);
			// The server's own value still wins there.
			expect(tasksSettings().reminderHour).toBe(8);
		} finally {
			container.config.BOT_OWNER_IDS.pop();
		}
	});

	it('resets a server’s value to the bot’s', async () => {
		const answer = await config('réinitialiser', { plugin: 'tasks', clé: 'reminderHour' });
		expect(answer.embeds[0]?.description).toContain('**reminderHour** : 8 → **6** (ce serveur)');
		expect(tasksSettings().reminderHour).toBe(6);
		const rows = await bot.database.db.select().from(auditLog);
		expect(rows).toContainEqual(expect.objectContaining({ action: 'config.reset', target: 'tasks.reminderHour' }));
	});

	it('reaches the core’s settings: the log channel moves at once, and a channel mention is taken as the channel', async () => {
		const answer = await config('définir', { plugin: 'core', clé: 'logChannel', valeur: `<#${bot.server.guild.channels.adminOnly}>` });
		expect(answer.embeds[0]?.title).toContain('Réglage modifié');
		// The notice of this very change already goes to the new channel.
		const posted = await bot.server.waitForMessage((message) => message.embeds[0]?.description?.includes(`<@${admin()}> : « core » · **logChannel**`) ?? false);
		expect(posted.channel_id).toBe(bot.server.guild.channels.adminOnly);
		const zone = await config('définir', { plugin: 'core', clé: 'timezone', valeur: 'Mars/Olympus' });
		expect(zone.embeds[0]?.description).toBe('**timezone** : un fuseau horaire IANA, par exemple Europe/Paris');
		const typedInLowerCase = await config('définir', { plugin: 'core', clé: 'timezone', valeur: 'america/new_york' });
		expect(typedInLowerCase.embeds[0]?.description).toContain('**America/New_York**');
		expect(container.settings.resolve('core', container.coreSettings, guildId()).timezone).toBe('America/New_York');
		const link = await config('définir', { plugin: 'core', clé: 'timezone', valeur: 'America/Montreal' });
		expect(link.embeds[0]?.description).toContain('**America/Montreal**');
		await config('réinitialiser', { plugin: 'core', clé: 'timezone' });
	});

	it('warns, and saves all the same, when a channel setting names no text channel of the server', async () => {
		const missing = await config('définir', { plugin: 'tasks', clé: 'reminderChannel', valeur: 'nimporte' });
		expect(missing.embeds[0]?.title).toContain('Réglage modifié');
		expect(missing.embeds[0]?.description).toContain('⚠️ Ce serveur n’a pas de salon textuel « nimporte » : rien n’y sera publié tant qu’il n’existe pas.');
		expect(container.plugins.contextOf<{ reminderChannel?: string }>('tasks')!.settings(guildId()).reminderChannel).toBe('nimporte');
		const english = await config('définir', { plugin: 'tasks', clé: 'reminderChannel', valeur: '#nowhere' }, admin(), 'en-GB');
		expect(english.embeds[0]?.description).toContain('⚠️ This server has no text channel "#nowhere": nothing will be posted there until it exists.');
		const found = await config('définir', { plugin: 'tasks', clé: 'reminderChannel', valeur: '#Général' });
		expect(found.embeds[0]?.description).not.toContain('⚠️');
		await config('réinitialiser', { plugin: 'tasks', clé: 'reminderChannel' });
		// A text setting that names no channel is not checked.
		expect((await config('définir', { plugin: 'core', clé: 'timezone', valeur: 'Europe/Paris' })).embeds[0]?.description).not.toContain('⚠️');
	});

	it('keeps a secret setting out of answers, the log channel and the audit log: a webhook URL carries its token', async () => {
		const url = 'https://discord.com/api/webhooks/123456789012345678/secret-webhook-token';
		const answer = await config('définir', { plugin: 'core', clé: 'alertsWebhook', valeur: url });
		expect(answer.embeds[0]?.title).toContain('Réglage modifié');
		expect(answer.embeds[0]?.description).toContain('**alertsWebhook** : — → **••••••**');
		expect(container.settings.resolve('core', container.coreSettings, guildId()).alertsWebhook).toBe(url);
		const shown = await config('voir', { plugin: 'core', clé: 'alertsWebhook' });
		expect(shown.embeds[0]?.description).toContain('••••••');
		await bot.server.waitForMessage((message) => message.embeds[0]?.description?.includes('alertsWebhook') ?? false);
		const everything = [
			...bot.server.state.channelMessages(bot.server.guild.channels.logs!),
			...bot.server.state.channelMessages(bot.server.guild.channels.adminOnly!)
		].map((message) => JSON.stringify(message.embeds));
		expect(everything.join('')).not.toContain('secret-webhook-token');
		const rows = await bot.database.db.select().from(auditLog);
		expect(JSON.stringify(rows)).not.toContain('secret-webhook-token');
		expect(rows).toContainEqual(expect.objectContaining({ target: 'core.alertsWebhook', details: { scope: 'guild', before: null, after: '••••••' } }));
	});

	it('autocompletes the plugins with settings, then their keys with the value that applies', async () => {
		const plugins = await bot.server.sendAutocomplete({ name: 'config', subcommand: 'voir', options: { plugin: '' }, userId: admin() });
		expect(plugins.map((choice) => choice.value)).toEqual(['core', 'admin', 'tasks']);
		const keys = await bot.server.sendAutocomplete({ name: 'config', subcommand: 'définir', options: { plugin: 'tasks', clé: 'rem' }, focused: 'clé', userId: admin() });
		expect(keys).toEqual([
			{ name: 'reminderHour = 6', value: 'reminderHour' },
			{ name: 'reminderChannel = —', value: 'reminderChannel' }
		]);
		const locales = await bot.server.sendAutocomplete({ name: 'config', subcommand: 'définir', options: { plugin: 'core', clé: 'locale', valeur: '' }, focused: 'valeur', userId: admin() });
		expect(locales).toEqual([
			{ name: 'fr', value: 'fr' },
			{ name: 'en', value: 'en' }
		]);
		const hour = await bot.server.sendAutocomplete({ name: 'config', subcommand: 'définir', options: { plugin: 'tasks', clé: 'reminderHour', valeur: '' }, focused: 'valeur', userId: admin() });
		expect(hour).toEqual([{ name: '6', value: '6' }]);
	});

	it('has a prefix form with the same checks', async () => {
		const sent = await bot.server.sendMessage({ content: '!config définir tasks reminderChannel #général', authorId: admin() });
		const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
		expect(reply.embeds[0]?.description).toContain('**reminderChannel** : — → **#général**');
		expect(container.plugins.contextOf<{ reminderChannel?: string }>('tasks')!.settings(guildId()).reminderChannel).toBe('#général');
	});
});
