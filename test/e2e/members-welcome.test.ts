import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema.ts';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';

/** Members arriving (welcome, default role) and leaving (log channel, audit), through the local Discord server. */
describe('members plugin: arrivals and departures', () => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const set = async (key: string, value: string) => {
		const reply = await (await bot.server.sendSlashCommand({ name: 'config', subcommand: 'définir', options: { plugin: 'members', clé: key, valeur: value }, userId: guild().members.admin! })).reply();
		expect(reply.embeds[0]?.title).toContain('Réglage modifié');
	};
	const reset = (key: string) => bot.server.sendSlashCommand({ name: 'config', subcommand: 'réinitialiser', options: { plugin: 'members', clé: key }, userId: guild().members.admin! }).then((handle) => handle.reply());
	const rolesOf = (userId: string) => bot.server.state.members(guild().id).get(userId)?.roles ?? [];
	const logged = (text: string) => bot.server.waitForMessage((message) => message.channel_id === guild().channels.logs && (message.embeds[0]?.description ?? '').includes(text));

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'members'] });
		if (bot.monster.host.get('members')?.status !== 'active') throw new Error(`members did not load: ${bot.monster.host.get('members')?.error}`);
	});
	afterAll(() => bot?.stop());

	it('welcomes a newcomer in the welcome channel, pointing to the rules channel, and gives the default role', async () => {
		await set('welcomeChannel', 'général');
		await set('rulesChannel', 'planning-hebdo');
		await set('defaultRole', 'Membre');
		const dora = await bot.server.memberJoins({ username: 'dora' });
		const welcome = await bot.server.waitForMessage((message) => message.channel_id === guild().channels.general);
		expect(welcome.content).toBe(`Bienvenue <@${dora}> ! Prenez un moment pour lire <#${guild().channels.planning}> avant de commencer.`);
		await eventually(() => rolesOf(dora).includes(guild().roles.member!));
		const call = bot.server.calls.find((recorded) => recorded.method === 'PUT' && recorded.route === '/guilds/:guildId/members/:userId/roles/:roleId');
		expect(call).toMatchObject({ status: 204, auditReason: 'Rôle par défaut des nouveaux membres' });
	});

	it('follows the template set with /config, both placeholders replaced', async () => {
		await set('welcomeMessage', 'Salut {membre} ! Les règles sont dans {règles}.');
		const eve = await bot.server.memberJoins({ username: 'eve' });
		const welcome = await bot.server.waitForMessage((message) => message.channel_id === guild().channels.general);
		expect(welcome.content).toBe(`Salut <@${eve}> ! Les règles sont dans <#${guild().channels.planning}>.`);
		await reset('welcomeMessage');
	});

	it('tells the log channel when the default role does not exist or Discord refuses it, and still welcomes', async () => {
		await set('defaultRole', 'Stagiaire');
		const frank = await bot.server.memberJoins({ username: 'frank' });
		expect((await logged(`à <@${frank}>`)).embeds[0]?.description).toBe(`Je n’ai pas pu donner le rôle « Stagiaire » à <@${frank}> : le rôle n’existe pas sur ce serveur`);
		expect(rolesOf(frank)).toEqual([]);
		expect((await bot.server.waitForMessage((message) => message.channel_id === guild().channels.general)).content).toContain(`<@${frank}>`);

		await set('defaultRole', 'Membre');
		bot.server.failNext('PUT', '/guilds/:guildId/members/:userId/roles/:roleId');
		const gina = await bot.server.memberJoins({ username: 'gina' });
		expect((await logged(`<@${gina}>`)).embeds[0]?.description).toContain('Missing Permissions');
		expect(rolesOf(gina)).toEqual([]);
	});

	it('tells the log channel when the welcome channel is gone', async () => {
		await set('welcomeChannel', 'accueil');
		const hugo = await bot.server.memberJoins({ username: 'hugo' });
		expect((await logged(`<@${hugo}> n’a pas`)).embeds[0]?.description).toBe(`Le salon d’accueil « accueil » est introuvable : <@${hugo}> n’a pas été accueilli.`);
	});

	it('writes a departure to the log channel and the audit log', async () => {
		const ines = await bot.server.memberJoins({ username: 'ines' });
		await bot.server.memberLeaves(ines);
		expect((await logged(`<@${ines}> (**ines**)`)).embeds[0]?.description).toBe(`<@${ines}> (**ines**) a quitté le serveur.`);
		const [line] = await bot.database.db.select().from(auditLog).where(eq(auditLog.target, ines));
		expect(line).toMatchObject({ kind: 'action_admin', guildId: guild().id, actorId: 'system', action: 'member.leave' });
	});
});
