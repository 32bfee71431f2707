import { container } from '@sapphire/framework';
import { eq } from 'drizzle-orm';
import { PermissionFlagsBits, Routes, type APIEmbed, type APIMessageTopLevelComponent } from 'discord.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';
import type { BotReply } from '../../emulator/types.ts';
import { guildTimeZone } from '../../core/guild-settings.ts';
import { announcements, type Announcement } from '../../plugins/admin/schema.ts';

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const buttons = (components ?? []).flatMap((row) => ('components' in row ? (row.components as { custom_id?: string; label?: string }[]) : []));
	const button = buttons.find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button`);
	return button.custom_id;
};
const textOf = (embed: APIEmbed | undefined) => [embed?.title, embed?.description].join('\n');
const allText = (reply: Pick<BotReply, 'embeds'>) => reply.embeds.map(textOf).join('\n');

/** `/annonce` end to end: scheduled, listed, posted at its time by the minute task, deleted, paused when its channel goes. */
describe('admin plugin: scheduled announcements', () => {
	let bot: TestBot;
	let zone: string;
	const admin = () => bot.server.guild.members.admin!;
	const slash = async (subcommand: string, options: Record<string, string>, userId = admin()) =>
		(await bot.server.sendSlashCommand({ name: 'annonce', subcommand, options, userId })).reply();
	const rowsWith = async (message: string) => (await container.db.select().from(announcements)).filter((row) => row.message === message);
	const rowOf = async (id: string) => (await container.db.select().from(announcements).where(eq(announcements.id, id)))[0];
	const local = (row: Announcement | undefined) => (row ? DateTime.fromJSDate(row.nextRunAt, { zone }).toFormat('HH:mm') : null);
	/** The minute task's run as if the clock showed `at`. */
	const runAt = (at: Date) => bot.monster.scheduler.runNow('admin.announcements', { at: at.toISOString() });
	const postsIn = (channelId: string, after: number) =>
		bot.server.botMessages.slice(after).filter((event) => event.kind === 'create' && event.message.channel_id === channelId).map((event) => event.message);

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin'] });
		zone = guildTimeZone(bot.server.guild.id);
	});
	afterAll(() => bot?.stop());

	it('only members who manage the server may schedule', async () => {
		await expect(slash('liste', {}, bot.server.guild.members.alice!)).rejects.toThrow('/annonce needs');
	});

	it('schedules at a clock time of the server’s zone, answers privately with the next run, and lists it', async () => {
		const channel = bot.server.guild.channels.general!;
		const reply = await slash('planifier', { salon: channel, heure: '7h30', message: 'Réunion sécurité à 7h45 @everyone', repetition: 'quotidienne' });
		expect(reply.ephemeral).toBe(true);
		expect(reply.embeds[0]?.title).toContain('Annonce planifiée');
		expect(reply.embeds[0]?.description).toContain(`<#${channel}>, chaque jour, à 07:30`);
		const [row] = await rowsWith('Réunion sécurité à 7h45 @everyone');
		expect(row).toMatchObject({ hour: 7, minute: 30, repeat: 'quotidienne', channelId: channel, authorId: admin(), pausedAt: null });
		expect(reply.embeds[0]?.description).toContain(`<t:${Math.floor(row!.nextRunAt.getTime() / 1000)}:f>`);
		expect(local(row)).toBe('07:30');
		expect(row!.nextRunAt.getTime()).toBeGreaterThan(Date.now());
		expect(row!.nextRunAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

		const list = await slash('liste', {});
		expect(list.ephemeral).toBe(true);
		expect(allText(list)).toContain(`\`${row!.id.slice(0, 8)}\` <t:${Math.floor(row!.nextRunAt.getTime() / 1000)}:f> · <#${channel}> · chaque jour · par <@${admin()}>`);
		expect(allText(list)).toContain('Réunion sécurité à 7h45');
	});

	it('answers an English member in English: /announce schedule … repeat: Working days', async () => {
		const channel = bot.server.guild.channels.general!;
		const options = { channel, time: '5pm', message: 'Site closes early', repeat: 'Working days' };
		const reply = await (await bot.server.sendSlashCommand({ name: 'announce', subcommand: 'schedule', options, userId: admin(), locale: 'en-US' })).reply();
		expect(reply.embeds[0]?.title).toContain('Announcement scheduled');
		expect(reply.embeds[0]?.description).toContain(`<#${channel}>, Monday to Friday, at 17:00`);
		const [row] = await rowsWith('Site closes early');
		expect(row).toMatchObject({ hour: 17, minute: 0, repeat: 'jours_ouvres' });
		expect(DateTime.fromJSDate(row!.nextRunAt, { zone }).weekday).toBeLessThanOrEqual(5);
		await container.db.delete(announcements).where(eq(announcements.id, row!.id));
	});

	it('takes the day typed with the time (« lundi 8h ») when no date is given', async () => {
		// The weekday after tomorrow, whatever today is: always to come.
		const day = DateTime.now().setZone(zone).plus({ days: 2 });
		const heure = `${day.setLocale('fr').toFormat('cccc')} 8h`;
		const reply = await slash('planifier', { salon: bot.server.guild.channels.general!, heure, message: 'Point hebdomadaire', repetition: 'hebdomadaire' });
		expect(reply.embeds[0]?.title).toContain('Annonce planifiée');
		const [row] = await rowsWith('Point hebdomadaire');
		expect(DateTime.fromJSDate(row!.nextRunAt, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${day.toISODate()} 08:00`);
		await container.db.delete(announcements).where(eq(announcements.id, row!.id));
	});

	it('takes next week’s weekday once its time has passed today (in heure or in date), but refuses « aujourd’hui » past', async () => {
		// Today's weekday at 0h has always passed: it means the same weekday next week.
		const today = DateTime.now().setZone(zone);
		const weekday = today.setLocale('fr').toFormat('cccc');
		const nextWeek = `${today.plus({ days: 7 }).toISODate()} 00:00`;
		const channel = bot.server.guild.channels.general!;
		expect(allText(await slash('planifier', { salon: channel, heure: `${weekday} 0h`, message: 'Semaine prochaine' }))).toContain('Annonce planifiée');
		expect(allText(await slash('planifier', { salon: channel, heure: '0h', date: weekday, message: 'Semaine prochaine' }))).toContain('Annonce planifiée');
		const rows = await rowsWith('Semaine prochaine');
		expect(rows.map((row) => DateTime.fromJSDate(row.nextRunAt, { zone }).toFormat('yyyy-MM-dd HH:mm'))).toEqual([nextWeek, nextWeek]);
		expect(allText(await slash('planifier', { salon: channel, heure: '0h', date: 'aujourd’hui', message: 'Semaine prochaine' }))).toContain('Ce moment est passé');
		for (const row of rows) await container.db.delete(announcements).where(eq(announcements.id, row.id));
	});

	it('refuses a time or a day it cannot read, and a moment already past', async () => {
		const channel = bot.server.guild.channels.general!;
		const unreadable = await slash('planifier', { salon: channel, heure: 'bientôt', message: 'x' });
		// What the member typed is refused as every input is: a warning, not an error of the bot.
		expect(unreadable.embeds[0]?.title).toBe('⚠️ Annonce refusée');
		expect(allText(unreadable)).toContain('« bientôt » n’est pas une heure');
		expect(allText(await slash('planifier', { salon: channel, heure: '25h', message: 'x' }))).toContain('« 25h » n’est pas une heure');
		expect(allText(await slash('planifier', { salon: channel, heure: '8h', message: 'x', date: '31/02' }))).toContain('« 31/02 » n’est pas un jour');
		expect(allText(await slash('planifier', { salon: channel, heure: '8h', message: 'x', date: 'hier' }))).toContain('Ce moment est passé');
		expect(allText(await slash('planifier', { salon: channel, heure: 'demain 8h', message: 'x', date: '25/12' }))).toContain('L’heure « demain 8h » donne déjà un jour, et la date « 25/12 » un autre');
		expect(await rowsWith('x')).toHaveLength(0);
	});

	it('the minute task posts it at its time, pinging nobody, then moves it to the next day at the same clock time', async () => {
		const [row] = await rowsWith('Réunion sécurité à 7h45 @everyone');
		const channel = bot.server.guild.channels.general!;
		const before = bot.server.botMessages.length;
		await runAt(new Date(row!.nextRunAt.getTime() + 20_000));
		const posted = await bot.server.waitForMessage((message) => message.channel_id === channel && message.content === 'Réunion sécurité à 7h45 @everyone');
		expect(posted.author.id).toBe(bot.server.botUser.id);
		const call = bot.server.calls.filter((candidate) => candidate.method === 'POST' && candidate.path === `/channels/${channel}/messages`).at(-1);
		expect((call?.body as { allowed_mentions?: { parse?: string[] } }).allowed_mentions?.parse).toEqual([]);
		const moved = await rowOf(row!.id);
		expect(local(moved)).toBe('07:30');
		expect(DateTime.fromJSDate(moved!.nextRunAt, { zone }).toISODate()).toBe(DateTime.fromJSDate(row!.nextRunAt, { zone }).plus({ days: 1 }).toISODate());

		// The same run again (another replica, a retry): already taken, nothing posted twice.
		await runAt(new Date(row!.nextRunAt.getTime() + 20_000));
		expect(postsIn(channel, before)).toHaveLength(1);
	});

	it('a run missed by more than an hour (the bot was down) is skipped to the next occurrence after now', async () => {
		const [row] = await rowsWith('Réunion sécurité à 7h45 @everyone');
		const channel = bot.server.guild.channels.general!;
		const before = bot.server.botMessages.length;
		const late = DateTime.fromJSDate(row!.nextRunAt, { zone }).plus({ days: 2, hours: 2 });
		await runAt(late.toJSDate());
		const skipped = await rowOf(row!.id);
		expect(DateTime.fromJSDate(skipped!.nextRunAt, { zone }).toISO()).toBe(DateTime.fromJSDate(row!.nextRunAt, { zone }).plus({ days: 3 }).toISO());
		expect(local(skipped)).toBe('07:30');
		expect(postsIn(channel, before)).toHaveLength(0);
	});

	it('deletes after the confirmation button, offered by autocomplete', async () => {
		const [row] = await rowsWith('Réunion sécurité à 7h45 @everyone');
		const choices = await bot.server.sendAutocomplete({ name: 'annonce', subcommand: 'supprimer', options: { id: 'sécurité' }, userId: admin() });
		expect(choices.map((choice) => choice.value)).toEqual([row!.id]);
		expect(choices[0]?.name).toContain('Réunion sécurité');

		const question = await slash('supprimer', { id: row!.id.slice(0, 8) });
		expect(question.ephemeral).toBe(true);
		expect(question.embeds[0]?.title).toContain('Supprimer cette annonce ?');
		expect(await rowOf(row!.id)).toBeDefined();
		const [, done] = await (await bot.server.clickButton({ messageId: question.messageId!, customId: buttonId(question.components, 'Supprimer'), userId: admin() })).waitForResponses(2);
		expect(allText(done!)).toContain('Annonce supprimée');
		expect(await rowOf(row!.id)).toBeUndefined();
		expect(allText(await slash('supprimer', { id: row!.id }))).toContain('Aucune annonce de ce serveur ne correspond');
	});

	it('a deleted channel pauses the announcement and tells the log channel; the others still go out', async () => {
		const { state } = bot.server;
		const gone = bot.server.guild.channels.planning!;
		const kept = bot.server.guild.channels.general!;
		await slash('planifier', { salon: gone, heure: '9h', message: 'Vers un salon supprimé', date: '25/12' });
		await slash('planifier', { salon: kept, heure: '9h', message: 'Joyeux Noël', date: '25/12' });
		const [doomed] = await rowsWith('Vers un salon supprimé');
		expect(local(doomed)).toBe('09:00');
		// Deleted on Discord's side only: the bot still has it in its cache, so only the post tells.
		const channel = state.channels.get(gone)!;
		state.channels.delete(gone);
		try {
			await runAt(new Date(doomed!.nextRunAt.getTime() + 1_000));
			const notice = await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs && message.embeds[0]?.title?.includes('Annonce mise en pause') === true);
			expect(notice.embeds[0]?.description).toContain(`\`${doomed!.id.slice(0, 8)}\``);
			expect(notice.embeds[0]?.description).toContain('salon supprimé');
			await bot.server.waitForMessage((message) => message.channel_id === kept && message.content === 'Joyeux Noël');
			const paused = await rowOf(doomed!.id);
			expect(paused).toMatchObject({ pauseReason: 'unknownChannel' });
			expect(paused!.pausedAt).toBeInstanceOf(Date);
			// A one-off sent is gone; the paused one stays, listed as such, and is no longer tried.
			expect(await rowsWith('Joyeux Noël')).toHaveLength(0);
			expect(allText(await slash('liste', {}))).toContain(`\`${doomed!.id.slice(0, 8)}\` **en pause** (salon supprimé ; \`/annonce reprendre\` la relance)`);
			const calls = bot.server.calls.length;
			await runAt(new Date(doomed!.nextRunAt.getTime() + 30_000));
			expect(bot.server.calls.slice(calls).some((call) => call.path === `/channels/${gone}/messages`)).toBe(false);
		} finally {
			state.channels.set(gone, channel);
		}
	});

	it('a missing permission pauses it as well, saying so', async () => {
		await slash('planifier', { salon: bot.server.guild.channels.general!, heure: '10h', message: 'Sans permission', date: '26/12', repetition: 'hebdomadaire' });
		const [row] = await rowsWith('Sans permission');
		bot.server.failNext('POST', '/channels/:channelId/messages');
		await runAt(new Date(row!.nextRunAt.getTime() + 1_000));
		const notice = await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.logs && message.embeds[0]?.description?.includes(row!.id.slice(0, 8)) === true);
		expect(notice.embeds[0]?.description).toContain('permission manquante');
		expect(notice.embeds[0]?.description).toContain(`\`/annonce reprendre ${row!.id.slice(0, 8)}\``);
		expect(await rowOf(row!.id)).toMatchObject({ pauseReason: 'missingPermission' });
	});

	it('/annonce reprendre (autocompleted with the paused ones) starts it again once fixed; a one-off already past is refused', async () => {
		const [weekly] = await rowsWith('Sans permission');
		const [oneOff] = await rowsWith('Vers un salon supprimé');
		expect(allText(await slash('liste', {}))).toContain(`\`${weekly!.id.slice(0, 8)}\` **en pause** (permission manquante ; \`/annonce reprendre\` la relance)`);
		const choices = await bot.server.sendAutocomplete({ name: 'annonce', subcommand: 'reprendre', options: { id: '' }, userId: admin() });
		expect(choices.map((choice) => choice.value).sort()).toEqual([weekly!.id, oneOff!.id].sort());

		// Its channel is still gone: refused, it stays paused.
		const { state } = bot.server;
		const gone = state.channels.get(oneOff!.channelId)!;
		state.channels.delete(oneOff!.channelId);
		try {
			const refused = await slash('reprendre', { id: oneOff!.id.slice(0, 8) });
			expect(refused.embeds[0]?.title).toBe('⚠️ Annonce refusée');
			expect(allText(refused)).toContain(`L’annonce \`${oneOff!.id.slice(0, 8)}\` reste en pause : son salon n’existe plus`);
			expect(await rowOf(oneOff!.id)).toMatchObject({ pauseReason: 'unknownChannel' });
		} finally {
			state.channels.set(oneOff!.channelId, gone);
		}
		// The one-off's moment passed while it was paused.
		await container.db.update(announcements).set({ nextRunAt: new Date(Date.now() - 3_600_000) }).where(eq(announcements.id, oneOff!.id));
		expect(allText(await slash('reprendre', { id: oneOff!.id.slice(0, 8) }))).toContain('planifiez-la de nouveau avec `/annonce planifier`');
		expect(await rowOf(oneOff!.id)).toMatchObject({ pauseReason: 'unknownChannel' });

		// The bot still may not post in the channel (no longer Administrator, Send Messages denied there): refused in the member's language, the permission named.
		const guildId = bot.server.guild.id;
		const botRole = bot.server.guild.roles.bot!;
		const botRoleGrants = (permissions: bigint) =>
			vi.waitFor(async () => {
				await container.client.rest.patch(Routes.guildRole(guildId, botRole), { body: { permissions: String(permissions) } });
				expect(container.client.guilds.cache.get(guildId)?.roles.cache.get(botRole)?.permissions.bitfield).toBe(permissions);
			});
		const general = bot.server.state.channels.get(weekly!.channelId)!;
		const denied = { id: bot.server.guild.members.bot!, type: 1 as const, allow: '0', deny: String(PermissionFlagsBits.SendMessages) };
		general.permission_overwrites = [...(general.permission_overwrites ?? []), denied];
		await botRoleGrants(PermissionFlagsBits.ViewChannel);
		try {
			const options = { id: weekly!.id.slice(0, 8) };
			const english = await (await bot.server.sendSlashCommand({ name: 'announce', subcommand: 'resume', options, userId: admin(), locale: 'en-US' })).reply();
			expect(allText(english)).toContain(`Announcement \`${weekly!.id.slice(0, 8)}\` stays paused: the bot still lacks in <#${weekly!.channelId}>: Send Messages; grant them, then resume it.`);
			expect(await rowOf(weekly!.id)).toMatchObject({ pauseReason: 'missingPermission' });
		} finally {
			general.permission_overwrites = general.permission_overwrites.filter((overwrite) => overwrite !== denied);
			await botRoleGrants(PermissionFlagsBits.Administrator);
		}
		// The permission is back (no failure queued any more): the weekly one resumes on its weekday, after now.
		const reply = await slash('reprendre', { id: weekly!.id.slice(0, 8) });
		expect(reply.ephemeral).toBe(true);
		expect(reply.embeds[0]?.title).toContain('Annonce relancée');
		const resumed = await rowOf(weekly!.id);
		expect(resumed).toMatchObject({ pausedAt: null, pauseReason: null });
		expect(resumed!.nextRunAt.getTime()).toBeGreaterThan(Date.now());
		expect(local(resumed)).toBe('10:00');
		expect(DateTime.fromJSDate(resumed!.nextRunAt, { zone }).weekday).toBe(DateTime.fromJSDate(weekly!.nextRunAt, { zone }).weekday);
		expect(reply.embeds[0]?.description).toContain(`Prochaine publication : **`);
		expect(reply.embeds[0]?.description).toContain(`<t:${Math.floor(resumed!.nextRunAt.getTime() / 1000)}:f>`);
		expect(allText(await slash('reprendre', { id: weekly!.id }))).toContain('n’est pas en pause');

		await runAt(new Date(resumed!.nextRunAt.getTime() + 1_000));
		await bot.server.waitForMessage((message) => message.channel_id === bot.server.guild.channels.general && message.content === 'Sans permission');
	});

	it('/annonce liste shows whole lines within the embed, and says how many of them when there are more', async () => {
		const channel = bot.server.guild.channels.general!;
		for (let index = 0; index < 26; index += 1) {
			await slash('planifier', { salon: channel, heure: '6h', message: `Consigne ${index + 1} : port du casque, des gants et des chaussures de sécurité sur tout le chantier`, repetition: 'jours_ouvres' });
		}
		const list = await slash('liste', {});
		const description = list.embeds[0]?.description ?? '';
		expect(description.length).toBeLessThanOrEqual(4096);
		const lines = description.split('\n');
		const shown = lines.filter((line) => line.startsWith('> ')).length;
		// Each announcement is its two lines, whole; the last line says how many are shown.
		expect(lines.filter((line) => line.startsWith('`'))).toHaveLength(shown);
		expect(lines.at(-1)).toBe(`Les ${shown} premières sont montrées.`);
	});
});
