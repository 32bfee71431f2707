// The moderation plugin as moderators and members meet it, through the local Discord server and the real discord.js client.
import { container } from '@sapphire/framework';
import type { APIMessageTopLevelComponent } from 'discord.js';
import { and, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../core/days.ts';
import { auditLog } from '../../core/db/schema.ts';
import { guildTimeZone } from '../../core/guild-settings.ts';
import { calendarDay } from '../../core/i18n.ts';
import { memberData, memberPlaceholder } from '../../core/member-data.ts';
import type { BotReply, StoredMessage } from '../../emulator/index.ts';
import { moderationCases } from '../../plugins/moderation/schema.ts';
import { eventually, startTestBot, withCommandOpenToEveryone, type TestBot } from '../support/bot.ts';

interface Button {
	custom_id?: string;
	label?: string;
}

const buttonId = (components: readonly APIMessageTopLevelComponent[] | undefined, label: string) => {
	const button = (components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : [])).find((candidate) => candidate.label === label);
	if (!button?.custom_id) throw new Error(`no "${label}" button in ${JSON.stringify(components)}`);
	return button.custom_id;
};

describe('moderation plugin', () => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const id = (key: string) => guild().members[key]!;
	const state = () => bot.server.state;
	const db = () => bot.database.db;
	/** The member's last answer: the deferred reply filled in, or the reply. */
	const run = async (name: string, options: Record<string, string | number>, userKey: string): Promise<BotReply> => {
		const handle = await bot.server.sendSlashCommand({ name, options, userId: id(userKey) });
		const first = await handle.reply();
		if (first.type !== 5) return first;
		const responses = await handle.waitForResponses(2);
		return responses[1]!;
	};
	const press = async (reply: { messageId: string | null; components?: readonly APIMessageTopLevelComponent[] }, label: string, userKey: string) => {
		const handle = await bot.server.clickButton({ messageId: reply.messageId!, customId: buttonId(reply.components, label), userId: id(userKey) });
		const first = await handle.reply();
		if (first.type === 5 || first.type === 6) return (await handle.waitForResponses(2))[1]!;
		return first;
	};
	const cases = (targetKey: string) => db().select().from(moderationCases).where(eq(moderationCases.targetId, id(targetKey))).orderBy(moderationCases.caseNumber);
	const audits = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action));
	const modLog = (predicate: (message: StoredMessage) => boolean = () => true) =>
		bot.server.waitForMessage((message) => message.channel_id === guild().channels.logs && predicate(message));
	const dmsTo = (userKey: string) => {
		const channel = [...state().channels.values()].find((candidate) => candidate.recipients?.includes(id(userKey)));
		return channel ? state().channelMessages(channel.id) : [];
	};
	/** The DM to the member was posted before the call removing them, while they still shared the server with the bot. */
	const dmSentBefore = (userKey: string, method: string, route: string) => {
		const dm = [...state().channels.values()].find((candidate) => candidate.recipients?.includes(id(userKey)))!;
		const told = bot.server.calls.findLastIndex((call) => call.method === 'POST' && call.path === `/channels/${dm.id}/messages` && call.status === 200);
		const removed = bot.server.calls.findLastIndex((call) => call.method === method && call.route === route);
		return told >= 0 && told < removed;
	};
	const config = async (key: string, value: string) =>
		(await bot.server.sendSlashCommand({ name: 'config', subcommand: 'définir', options: { plugin: 'moderation', clé: key, valeur: value }, userId: id('admin') })).reply();

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'moderation'] });
		if (bot.monster.host.get('moderation')?.status !== 'active') throw new Error(`moderation did not load: ${bot.monster.host.get('moderation')?.error}`);
		// As a server is usually ordered: Admin above Chef de chantier above Membre, the bot's role on top.
		const roles = guild().roles;
		await bot.server.moveRoles({ [roles.member!]: 1, [roles.foreman!]: 2, [roles.admin!]: 3, [roles.bot!]: 4 });
	});
	afterAll(() => bot?.stop());

	it('/warn opens case n°1, DMs the member, posts to the mod log and writes the audit line', async () => {
		const reply = await run('warn', { membre: id('alice'), raison: 'Propos déplacés' }, 'bob');
		expect(reply.ephemeral).toBe(true);
		expect(reply.embeds[0]?.title).toBe('✅ Cas n°1 · Avertissement');
		expect(reply.embeds[0]?.description).toContain(`**Membre** : <@${id('alice')}>`);
		expect(reply.embeds[0]?.description).toContain('**Raison** : Propos déplacés');
		expect(reply.embeds[0]?.description).toContain('**Message privé** : envoyé');
		expect(await cases('alice')).toEqual([expect.objectContaining({ caseNumber: 1, action: 'avertissement', moderatorId: id('bob'), reason: 'Propos déplacés' })]);
		const dm = dmsTo('alice').at(-1)!;
		expect(dm.embeds[0]?.description).toContain('Vous avez reçu un avertissement sur **Monster Sandbox**');
		expect(dm.embeds[0]?.description).toContain('Raison : Propos déplacés');
		const logged = await modLog();
		expect(logged.embeds[0]?.title).toBe('⚠️ Cas n°1 · Avertissement');
		expect(logged.embeds[0]?.description).toContain(`**Modérateur** : <@${id('bob')}>`);
		expect(await audits('moderation.warn')).toEqual([
			expect.objectContaining({ kind: 'action_admin', actorId: id('bob'), target: id('alice'), details: expect.objectContaining({ case: 1, dm: true }) })
		]);
	});

	it('refuses, with the reason and privately: the bot, oneself, the owner, a higher or equal role, an unknown member, a member without the permission', async () => {
		const refusal = async (options: Record<string, string>, userKey = 'bob') => {
			const reply = await run('warn', { raison: 'test', ...options }, userKey);
			expect(reply.ephemeral).toBe(true);
			return reply.embeds[0]?.description;
		};
		expect(await refusal({ membre: id('bot') })).toBe('Je ne peux pas me sanctionner moi-même.');
		expect(await refusal({ membre: id('bob') })).toBe('Vous ne pouvez pas vous sanctionner vous-même.');
		expect(await refusal({ membre: id('admin') })).toBe(`<@${id('admin')}> est propriétaire du serveur : personne ne peut le sanctionner.`);
		const ghost = state().addUser('fantome');
		expect(await refusal({ membre: ghost.id })).toBe(`<@${ghost.id}> n’est pas membre de ce serveur.`);
		// Chloé becomes a Chef de chantier too: the same rank as Bob.
		const chloe = state().members(guild().id).get(id('chloe'))!;
		chloe.roles.push(guild().roles.foreman!);
		await bot.server.dispatch('GUILD_MEMBER_UPDATE', { guild_id: guild().id, ...state().memberPayload(guild().id, id('chloe')) });
		expect(await refusal({ membre: id('chloe') })).toBe(`Le rôle le plus haut de <@${id('chloe')}> (Chef de chantier) est au niveau du vôtre ou au-dessus.`);
		// The bot's role below Chef de chantier: the owner may act, the bot cannot.
		await bot.server.moveRoles({ [guild().roles.bot!]: 2, [guild().roles.foreman!]: 3 });
		expect(await refusal({ membre: id('chloe') }, 'admin')).toContain('est au niveau du mien ou au-dessus : placez mon rôle plus haut');
		await bot.server.moveRoles({ [guild().roles.foreman!]: 2, [guild().roles.bot!]: 4 });
		chloe.roles = chloe.roles.filter((role) => role !== guild().roles.foreman);
		await bot.server.dispatch('GUILD_MEMBER_UPDATE', { guild_id: guild().id, ...state().memberPayload(guild().id, id('chloe')) });
		// Discord offers /warn only to members who may time out, unless the server's admin opens it to more of them.
		await expect(run('warn', { membre: id('chloe'), raison: 'test' }, 'alice')).rejects.toThrow('/warn needs ModerateMembers (default_member_permissions)');
		const denied = await withCommandOpenToEveryone(bot.server, 'warn', () => refusal({ membre: id('chloe') }, 'alice'));
		expect(denied).toContain('Exclure temporairement des membres');
		expect(await cases('chloe')).toEqual([]);
		// The permission refusal is audited by the core, after its answer; the hierarchy refusals by the plugin.
		expect(await eventually(async () => (await audits('warn')).length === 1 && audits('warn'))).toEqual([expect.objectContaining({ kind: 'commande_refusee', actorId: id('alice') })]);
		expect((await audits('moderation.warn')).filter((row) => row.kind === 'commande_refusee').map((row) => (row.details as { reason: string }).reason)).toEqual([
			'targetBot',
			'targetSelf',
			'targetOwner',
			'targetAboveModerator',
			'targetAboveBot'
		]);
	});

	it('/timeout takes 10m, 2h, 3j, 2 heures up to 28 days, says when a duration is wrong, and says when the DM could not be sent', async () => {
		const bad = await run('timeout', { membre: id('alice'), durée: 'demain' }, 'bob');
		expect(bad.embeds[0]?.description).toBe('« demain » n’est pas une durée : écrivez par exemple 10m, 2h ou 3j.');
		const tooLong = await run('timeout', { membre: id('alice'), durée: '29j' }, 'bob');
		expect(tooLong.embeds[0]?.description).toBe('« 29j » dépasse 28 jours, le plus long que Discord permette.');
		const zero = await run('timeout', { membre: id('alice'), durée: '0m' }, 'bob');
		expect(zero.embeds[0]?.description).toBe('« 0m » ne dure rien : écrivez par exemple 10m, 2h ou 3j.');
		expect(bot.server.calls.filter((call) => call.method === 'PATCH' && call.route === '/guilds/:guildId/members/:userId')).toEqual([]);

		bot.server.refuseDirectMessages(id('alice'));
		const reply = await run('timeout', { membre: id('alice'), durée: '2 heures', raison: 'Spam' }, 'bob');
		expect(reply.embeds[0]?.title).toBe('✅ Cas n°2 · Exclusion temporaire');
		expect(reply.embeds[0]?.description).toContain('**Durée** : 2 h');
		expect(reply.embeds[0]?.description).toContain('**Message privé** : impossible : le membre n’accepte pas les messages privés du bot');
		const until = Date.parse(state().members(guild().id).get(id('alice'))!.communicationDisabledUntil!);
		expect(until - Date.now()).toBeGreaterThan(7_000_000);
		expect(until - Date.now()).toBeLessThanOrEqual(7_200_000);
		const patch = bot.server.calls.findLast((call) => call.method === 'PATCH' && call.route === '/guilds/:guildId/members/:userId')!;
		expect(patch).toMatchObject({ auditReason: 'Spam', status: 200 });
		expect((await cases('alice'))[1]).toMatchObject({ action: 'exclusion_temporaire', expiresAt: new Date(until) });
		bot.server.refuseDirectMessages(id('alice'), false);

		// Discord keeps one end time: a second timeout replaces the first, and says so.
		const shorter = await run('timeout', { membre: id('alice'), durée: '30m' }, 'bob');
		expect(shorter.embeds[0]?.title).toBe('✅ Cas n°3 · Exclusion temporaire');
		expect(shorter.embeds[0]?.description).toContain(`**Remplace** : l’exclusion en cours, qui finissait <t:${Math.floor(until / 1000)}:f>`);
		const replaced = await cases('alice');
		expect(replaced[1]).toMatchObject({ revokedBy: id('bob'), revokedAt: expect.any(Date) });
		expect(replaced[2]).toMatchObject({ action: 'exclusion_temporaire', revokedAt: null });
		const logged = await modLog((message) => message.embeds[0]?.title === '⚠️ Cas n°3 · Exclusion temporaire');
		expect(logged.embeds[0]?.description).toContain('**Remplace** :');
		const record = await run('casier', { membre: id('alice') }, 'bob');
		expect(record.embeds[0]?.description).toContain('**n°2** · Exclusion temporaire (2 h, levée) ·');
		expect(record.embeds[0]?.description).toContain(`**n°3** · Exclusion temporaire (30 min, en cours, fin <t:${Math.floor(replaced[2]!.expiresAt!.getTime() / 1000)}:R>) ·`);
	});

	it('/untimeout lifts it (a case of its own, the timeout marked lifted) and refuses a member who is not timed out', async () => {
		const reply = await run('untimeout', { membre: id('alice') }, 'bob');
		expect(reply.embeds[0]?.title).toBe('✅ Cas n°4 · Fin d’exclusion temporaire');
		expect(state().members(guild().id).get(id('alice'))!.communicationDisabledUntil).toBeNull();
		expect((await cases('alice'))[2]).toMatchObject({ revokedBy: id('bob'), revokedAt: expect.any(Date) });
		const again = await run('untimeout', { membre: id('alice') }, 'bob');
		expect(again.embeds[0]?.description).toBe(`<@${id('alice')}> n’est pas exclu temporairement.`);
	});

	it('escalation is off by default; switched on, the third warning within 30 days times the member out', async () => {
		for (const reason of ['un', 'deux', 'trois']) await run('warn', { membre: id('chloe'), raison: reason }, 'bob');
		expect(state().members(guild().id).get(id('chloe'))!.communicationDisabledUntil).toBeNull();

		expect((await config('escalation', '{"enabled":true,"warnings":3,"days":30,"timeout":"1h"}')).embeds[0]?.title).toContain('Réglage modifié');
		const bad = await config('escalation', '{"enabled":true,"timeout":"bientôt"}');
		expect(bad.embeds[0]?.description).toContain('une durée comme 10m, 2h ou 3j');
		const english = await (await bot.server.sendSlashCommand({ name: 'config', subcommand: 'définir', options: { plugin: 'moderation', clé: 'escalation', valeur: '{"timeout":"soon"}' }, userId: id('admin'), locale: 'en-US' })).reply();
		expect(english.embeds[0]?.description).toBe('**escalation.timeout**: a duration such as 10m, 2h or 3d, 28 days at most');
		const reply = await run('warn', { membre: id('chloe'), raison: 'quatre' }, 'bob');
		expect(reply.embeds[0]?.description).toMatch(/Escalade : 4 avertissements en 30 jours, <@\d+> est exclu temporairement pour 1 h \(cas n°\d+\)\./);
		expect(state().members(guild().id).get(id('chloe'))!.communicationDisabledUntil).not.toBeNull();
		const automatic = (await cases('chloe')).at(-1)!;
		expect(automatic).toMatchObject({ action: 'exclusion_temporaire', moderatorId: bot.server.botUser.id, reason: 'Escalade automatique : 4 avertissements en 30 jours' });
		expect(await audits('moderation.escalation')).toHaveLength(1);
		await config('escalation', '{"enabled":false}');
	});

	it('/kick asks first; cancelled, nothing happens; confirmed, the member is out and the case opened', async () => {
		const question = await run('kick', { membre: id('chloe'), raison: 'Comportement' }, 'admin');
		expect(question.embeds[0]?.title).toBe(`⚠️ Expulser <@${id('chloe')}> ?`);
		const cancelled = await press(question, 'Annuler', 'admin');
		expect(cancelled.embeds[0]?.title).toBe('ℹ️ Action annulée');
		expect(state().members(guild().id).has(id('chloe'))).toBe(true);

		const again = await run('kick', { membre: id('chloe'), raison: 'Comportement' }, 'admin');
		const done = await press(again, 'Expulser', 'admin');
		expect(done.embeds[0]?.title).toMatch(/^✅ Cas n°\d+ · Expulsion$/);
		expect(state().members(guild().id).has(id('chloe'))).toBe(false);
		expect(dmsTo('chloe').at(-1)?.embeds[0]?.description).toContain('Vous avez été expulsé de **Monster Sandbox**');
		expect(dmSentBefore('chloe', 'DELETE', '/guilds/:guildId/members/:userId')).toBe(true);
		expect(done.embeds[0]?.description).toContain('**Message privé** : envoyé');
		expect(bot.server.calls.findLast((call) => call.method === 'DELETE' && call.route === '/guilds/:guildId/members/:userId')).toMatchObject({ auditReason: 'Comportement', status: 204 });
		// Bob may time out, not kick: Discord does not offer him /kick, and the bot refuses it if the server's admin does.
		await expect(run('kick', { membre: id('alice') }, 'bob')).rejects.toThrow('/kick needs KickMembers (default_member_permissions)');
		expect((await withCommandOpenToEveryone(bot.server, 'kick', () => run('kick', { membre: id('alice') }, 'bob'))).embeds[0]?.description).toContain('Expulser des membres');
	});

	it('/ban asks, bans with the last day of messages deleted; /unban lifts it and refuses a user who is not banned', async () => {
		const recent = await bot.server.sendMessage({ authorId: id('alice'), content: 'pub pub pub' });
		const question = await run('ban', { membre: id('alice'), supprimer_messages: 1, raison: 'Publicité' }, 'admin');
		expect(question.embeds[0]?.description).toContain('Ses messages du dernier jour seront supprimés.');
		const done = await press(question, 'Bannir', 'admin');
		expect(done.embeds[0]?.title).toMatch(/^✅ Cas n°\d+ · Bannissement$/);
		expect(done.embeds[0]?.description).toContain('**Messages supprimés** : du dernier jour');
		expect(state().bans(guild().id).get(id('alice'))).toEqual({ userId: id('alice'), reason: 'Publicité' });
		expect(dmsTo('alice').at(-1)?.embeds[0]?.description).toContain('Vous avez été banni de **Monster Sandbox**');
		expect(dmSentBefore('alice', 'PUT', '/guilds/:guildId/bans/:userId')).toBe(true);
		expect(state().messages.has(recent.id)).toBe(false);
		expect(bot.server.calls.findLast((call) => call.method === 'PUT' && call.route === '/guilds/:guildId/bans/:userId')?.body).toEqual({ delete_message_seconds: 86_400 });

		const unban = await run('unban', { utilisateur: id('alice'), raison: 'Fin de la sanction' }, 'admin');
		expect(unban.embeds[0]?.title).toMatch(/^✅ Cas n°\d+ · Débannissement$/);
		// Banned, she shares no server with the bot: Discord refuses the DM, and the moderator is told why.
		expect(unban.embeds[0]?.description).toContain(
			'**Message privé** : impossible : l’utilisateur n’est pas sur le serveur, et Discord ne remet les messages privés d’un bot qu’aux membres d’un serveur en commun'
		);
		expect(state().bans(guild().id).size).toBe(0);
		const notBanned = await run('unban', { utilisateur: id('alice') }, 'admin');
		expect(notBanned.embeds[0]?.description).toBe(`<@${id('alice')}> n’est pas banni de ce serveur.`);
		expect((await cases('alice')).map((row) => row.action)).toEqual(['avertissement', 'exclusion_temporaire', 'exclusion_temporaire', 'fin_exclusion', 'bannissement', 'debannissement']);
		// Unbanned, Alice comes back with an invite.
		state().addMember(guild().id, id('alice'), [guild().roles.member!]);
		await bot.server.dispatch('GUILD_MEMBER_ADD', { guild_id: guild().id, ...state().memberPayload(guild().id, id('alice')) });
	});

	it('/casier lists a member’s cases five a page; /case shows one and edits its reason, audited', async () => {
		// The record is titled with the name members see, as elsewhere: Chloé, expelled, by her Discord display name.
		state().users.get(id('chloe'))!.global_name = 'Chloé Martin';
		const first = await run('casier', { membre: id('chloe') }, 'bob');
		expect(first.embeds[0]?.title).toBe('ℹ️ Casier de Chloé Martin · 6 cas');
		expect(first.embeds[0]?.footer?.text).toContain('1/2');
		// The cases are dated in words, in the server's zone, like every other date the bot writes.
		const today = calendarDay(todayIn(guildTimeZone(guild().id), new Date()), 'fr');
		expect(first.embeds[0]?.description).toContain(`· Expulsion · ${today} · par`);
		const next = await press(first, 'Suivant', 'bob');
		expect(next.embeds[0]?.description).toContain('un');
		expect(next.embeds[0]?.footer?.text).toContain('2/2');
		// Bob, still a member, by his nickname on this server.
		state().members(guild().id).get(id('bob'))!.nick = 'Bob du dépôt';
		const nobody = await run('casier', { membre: id('bob') }, 'admin');
		expect(nobody.embeds[0]?.title).toBe('ℹ️ Casier de Bob du dépôt · 0 cas');
		expect(nobody.embeds[0]?.description).toBe(`<@${id('bob')}> n’a aucun cas sur ce serveur.`);

		const shown = await run('case', { numéro: 1 }, 'bob');
		expect(shown.embeds[0]?.title).toBe('ℹ️ Cas n°1 · Avertissement');
		expect(shown.embeds[0]?.description).toContain('**Raison** : Propos déplacés');
		const edited = await run('case', { numéro: 1, raison: 'Insultes envers un collègue' }, 'bob');
		expect(edited.embeds[0]?.title).toBe('✅ Cas n°1 : raison modifiée');
		expect(edited.embeds[0]?.description).toContain('Avant : Propos déplacés\nMaintenant : Insultes envers un collègue');
		expect((await cases('alice'))[0]?.reason).toBe('Insultes envers un collègue');
		expect(await audits('moderation.case.reason')).toEqual([
			expect.objectContaining({ actorId: id('bob'), details: { case: 1, before: 'Propos déplacés', after: 'Insultes envers un collègue' } })
		]);
		expect((await modLog((message) => message.embeds[0]?.title?.includes('raison modifiée') ?? false)).embeds[0]?.description).toContain('Maintenant : Insultes envers un collègue');
		expect((await run('case', { numéro: 999 }, 'bob')).embeds[0]?.description).toBe('Aucun cas n°999 sur ce serveur.');
	});

	it('« Signaler » sends the message and its author to the moderators with buttons: warn, time out, delete; members may not press them', async () => {
		const doubtful = await bot.server.sendMessage({ authorId: id('bob'), content: 'message douteux' });
		const own = await (await bot.server.sendMessageCommand({ name: 'Signaler', messageId: doubtful.id, userId: id('bob') })).reply();
		expect(own.embeds[0]?.description).toBe('Vous ne pouvez pas signaler votre propre message.');
		const thanks = await (await bot.server.sendMessageCommand({ name: 'Signaler', messageId: doubtful.id, userId: id('admin') })).reply();
		expect(thanks).toMatchObject({ ephemeral: true });
		expect(thanks.embeds[0]?.title).toContain('Merci');
		const report = await modLog((message) => message.embeds[0]?.title?.includes('Message signalé') ?? false);
		expect(report.embeds[0]?.description).toContain(`<@${id('admin')}> signale un message de <@${id('bob')}>`);
		expect(report.embeds[0]?.description).toContain('>>> message douteux');
		const reportReply = { messageId: report.id, components: report.components };

		const denied = await press(reportReply, 'Avertir', 'alice');
		expect(denied.embeds[0]?.description).toBe('Ce bouton demande la permission « Exclure temporairement des membres ».');
		const warned = await press(reportReply, 'Avertir', 'admin');
		expect(warned.embeds[0]?.title).toMatch(/^✅ Cas n°\d+ · Avertissement$/);
		expect((await cases('bob')).at(-1)?.reason).toContain(`/channels/${guild().id}/${doubtful.channel_id}/${doubtful.id}`);
		const timedOut = await press(reportReply, 'Exclure 1 h', 'admin');
		expect(timedOut.embeds[0]?.title).toMatch(/^✅ Cas n°\d+ · Exclusion temporaire$/);
		expect(timedOut.embeds[0]?.description).toContain('**Durée** : 1 h');
		expect(state().members(guild().id).get(id('bob'))!.communicationDisabledUntil).not.toBeNull();
		const deleted = await press(reportReply, 'Supprimer le message', 'admin');
		expect(deleted.embeds[0]?.title).toContain('message supprimé');
		expect(state().messages.has(doubtful.id)).toBe(false);
		expect(state().messages.get(report.id)?.embeds[0]?.description).toContain(`<@${id('admin')}> : message supprimé`);
		const gone = await press(reportReply, 'Supprimer le message', 'admin');
		expect(gone.embeds[0]?.description).toBe('Le message n’existe plus.');
	});

	it('/aide describes « Signaler » as the message menu it is, in French or English, not as a slash command', async () => {
		const list = await (await bot.server.sendSlashCommand({ name: 'help', userId: id('alice') })).reply();
		const moderation = list.embeds[0]?.fields?.find((field) => field.name === 'moderation')?.value;
		expect(moderation).toBe('`Signaler` (clic droit sur un message › Applications) — Signale un message aux modérateurs');
		const english = await (await bot.server.sendSlashCommand({ name: 'help', userId: id('alice'), locale: 'en-US' })).reply();
		expect(english.embeds[0]?.fields?.find((field) => field.name === 'moderation')?.value).toBe('`Report` (right-click a message › Apps) — Reports a message to the moderators');
		await bot.server.sendMessage({ authorId: id('alice'), content: '!aide Signaler' });
		const detail = await bot.server.waitForMessage((message) => message.embeds[0]?.title === 'ℹ️ Aide : Signaler');
		expect(detail.embeds[0]?.description).toBe('Signale un message aux modérateurs');
		expect(detail.embeds[0]?.fields?.[0]).toMatchObject({ name: 'Utilisation', value: 'clic droit sur un message › Applications › **Signaler**' });
	});

	it('answers a slash-only command typed with the prefix with its slash form, in the member’s language, and does nothing else', async () => {
		const before = (await cases('bob')).length;
		const typed = await bot.server.sendMessage({ authorId: id('admin'), content: '!timeout bob 10m' });
		const reply = await bot.server.waitForMessage((message) => message.message_reference?.message_id === typed.id);
		expect(reply.embeds[0]).toMatchObject({ title: 'ℹ️ Commande slash', description: 'Cette commande n’a pas de forme `!` : tapez `/timeout`.' });
		expect(await cases('bob')).toHaveLength(before);

		await (await bot.server.sendSlashCommand({ name: 'langue', options: { langue: 'en' }, userId: id('admin') })).reply();
		try {
			const english = await bot.server.sendMessage({ authorId: id('admin'), content: '!casier bob' });
			const answer = await bot.server.waitForMessage((message) => message.message_reference?.message_id === english.id);
			expect(answer.embeds[0]).toMatchObject({ title: 'ℹ️ Slash command', description: 'This command has no `!` form: type `/record`.' });
		} finally {
			await (await bot.server.sendSlashCommand({ name: 'langue', options: { langue: 'auto' }, userId: id('admin') })).reply();
		}
	});

	it('exports a member’s cases and, on erasure, leaves no case holding their id, as target or as moderator', async () => {
		const handlers = container.plugins.contributions(memberData, guild().id).filter((entry) => entry.plugin === 'moderation');
		expect(handlers).toHaveLength(1);
		const handler = handlers[0]!.value;
		const exported = (await handler.export({ guildId: guild().id, userId: id('bob') })) as { asTarget: { caseNumber: number }[]; asModerator: number[] };
		expect(exported.asTarget).toHaveLength(2);
		expect(exported.asModerator.length).toBeGreaterThan(5);
		const erased = await handler.erase({ guildId: guild().id, userId: id('bob') });
		expect(erased).toMatchObject({ moderation_cases_target: 2, moderation_cases_revoked_by: 2 });
		expect(erased.moderation_cases_moderator).toBe(exported.asModerator.length);
		const left = await db()
			.select()
			.from(moderationCases)
			.where(and(eq(moderationCases.guildId, guild().id), or(eq(moderationCases.targetId, id('bob')), eq(moderationCases.moderatorId, id('bob')), eq(moderationCases.revokedBy, id('bob')))));
		expect(left).toEqual([]);
		// Numbers and actions stay: the server's record is still whole, without who or why.
		expect(await db().select().from(moderationCases).where(and(eq(moderationCases.guildId, guild().id), eq(moderationCases.targetId, memberPlaceholder))).orderBy(moderationCases.caseNumber)).toEqual([
			expect.objectContaining({ action: 'avertissement', reason: null }),
			expect.objectContaining({ action: 'exclusion_temporaire', reason: null })
		]);
	});
});
