// The server's permission matrix enforced on every plugin's commands, through the local Discord server.
import { PermissionFlagsBits } from 'discord.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema.ts';
import { startTestBot, type TestBot } from '../support/bot.ts';

describe('permission matrix: who may run which command where', () => {
	let bot: TestBot;
	const guild = () => bot.server.guild;
	const member = (key: string) => guild().members[key]!;
	const slash = async (name: string, userId: string, options: { subcommand?: string; channelId?: string; options?: Record<string, string> } = {}) =>
		(await bot.server.sendSlashCommand({ name, userId, ...options })).reply();
	const setMatrix = async (matrix: unknown) => {
		const answer = await slash('config', member('admin'), { subcommand: 'définir', options: { plugin: 'core', clé: 'permissions', valeur: JSON.stringify(matrix) } });
		expect(answer.embeds[0]?.title).toContain('Réglage modifié');
	};
	const refusals = (command: string) =>
		bot.database.db.select().from(auditLog).where(and(eq(auditLog.kind, 'commande_refusee'), eq(auditLog.action, command)));

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin'] });
	});
	afterAll(() => bot?.stop());

	it('a role the matrix allows runs a command it could not by default', async () => {
		await expect(slash('plugins', member('alice'), { subcommand: 'list' })).rejects.toThrow('/plugins needs Administrator');
		const registered = (name: string) => [...bot.server.state.commandScope(guild().id).values()].find((command) => command.name === name);
		expect(registered('plugins')?.default_member_permissions).toBe(String(PermissionFlagsBits.Administrator));
		await setMatrix({ commands: { plugins: { roles: ['Membre'] } } });
		// Discord shows it to Alice once it is pushed without its default level; the others keep theirs.
		await expect.poll(() => registered('plugins')?.default_member_permissions).toBeNull();
		expect(registered('config')?.default_member_permissions).toBe(String(PermissionFlagsBits.Administrator));
		const after = await slash('plugins', member('alice'), { subcommand: 'list' });
		expect(after.embeds[0]?.title).not.toBe('⚠️ Action refusée');
		expect(JSON.stringify(after.embeds)).toContain('team');
	});

	it('a group rule (a plugin’s name) restricts all its commands; a command rule beats it', async () => {
		await setMatrix({ groups: { team: { roles: ['Chef de chantier'] } }, commands: { help: { roles: ['@everyone'] } } });
		const refused = await slash('ping', member('alice'));
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds[0]?.description).toBe('Cette commande est réservée sur ce serveur au rôle : Chef de chantier.');
		expect((await slash('ping', member('bob'))).embeds[0]?.title).not.toBe('⚠️ Action refusée');
		// The prefix form is refused the same way.
		const sent = await bot.server.sendMessage({ content: '!ping', authorId: member('alice') });
		const prefix = await bot.server.waitForMessage((message) => message.message_reference?.message_id === sent.id);
		expect(prefix.embeds[0]?.description).toContain('réservée sur ce serveur au rôle');
		// /aide, open to everyone by its own rule, no longer lists what the group rule refuses Alice.
		const help = await slash('help', member('alice'));
		expect(JSON.stringify(help.embeds)).not.toContain('/ping');
		expect(JSON.stringify((await slash('help', member('bob'))).embeds)).toContain('/ping');
	});

	it('a channel refusal beats a role allowance, privately, audited and told to the log channel', async () => {
		await setMatrix({ groups: { team: { roles: ['Chef de chantier'] } }, commands: { ping: { deniedChannels: ['Chantiers'] } } });
		// Refused in a channel of the Chantiers category, allowed elsewhere.
		const refused = await slash('ping', member('bob'), { channelId: guild().channels.site });
		expect(refused.ephemeral).toBe(true);
		expect(refused.embeds[0]?.description).toBe('Cette commande est interdite dans « Chantiers » sur ce serveur.');
		expect((await slash('ping', member('bob'), { channelId: guild().channels.general })).embeds[0]?.title).not.toBe('⚠️ Action refusée');
		const logged = await bot.server.waitForMessage(
			(message) => message.channel_id === guild().channels.logs && (message.embeds[0]?.description ?? '').includes('interdite dans « Chantiers »')
		);
		expect(logged.embeds[0]?.description).toContain(`<@${member('bob')}> a tenté \`/ping\` dans <#${guild().channels.site}>`);
		expect(await refusals('ping')).toContainEqual(
			expect.objectContaining({
				guildId: guild().id,
				actorId: member('bob'),
				details: expect.objectContaining({ reason: 'permissionMatrixDenied', matrix: { outcome: 'deny', reason: 'channelDenied', level: 'command', place: 'Chantiers' } })
			})
		);
	});

	it('the owner and administrators bypass the matrix', async () => {
		await setMatrix({ groups: { team: { roles: ['Personne'], deniedChannels: ['Général'] } } });
		expect((await slash('ping', member('admin'), { channelId: guild().channels.general })).embeds[0]?.title).not.toBe('⚠️ Action refusée');
	});

	it('refuses a matrix that does not fit, naming the field', async () => {
		const answer = await slash('config', member('admin'), {
			subcommand: 'définir',
			options: { plugin: 'core', clé: 'permissions', valeur: JSON.stringify({ categories: { chantier: [{ role: 'Membre', allow: ['Voler'] }] } }) }
		});
		expect(answer.embeds[0]?.title).toContain('Valeur refusée');
		expect(answer.embeds[0]?.description).toContain('permissions');
	});
});
