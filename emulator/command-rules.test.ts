import { ApplicationCommandType, DiscordAPIError, SlashCommandBuilder, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, type DiscordServer } from './index.ts';
import { createTestClient, loginTestClient } from './test-client.ts';

/** What Discord answers to a bulk overwrite it refuses: 50035, its errors keyed by each refused command's index. */
async function refusal(sent: Promise<unknown>): Promise<{ code: unknown; errors: unknown }> {
	const error = await sent.then(() => undefined, (caught: unknown) => caught);
	expect(error).toBeInstanceOf(DiscordAPIError);
	return { code: (error as DiscordAPIError).code, errors: ((error as DiscordAPIError).rawError as { errors?: unknown }).errors };
}

const reason = (code: string, message: string) => ({ _errors: [{ code, message }] });

describe('application commands the local server refuses, as Discord does', () => {
	let server: DiscordServer;
	let client: Client;
	const set = (commands: unknown[]) => client.guilds.cache.get(server.guild.id)!.commands.set(commands as never);
	const fine = new SlashCommandBuilder().setName('fine').setDescription('Fine').toJSON();

	beforeAll(async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		await loginTestClient(client, server);
	});

	afterAll(async () => {
		await client.destroy();
		await server.stop();
	});

	it('refuses the whole list for a required option after an optional one, naming the command by its index', async () => {
		const careless = new SlashCommandBuilder()
			.setName('careless')
			.setDescription('Careless')
			.addStringOption((option) => option.setName('note').setDescription('Note'))
			.addStringOption((option) => option.setName('when').setDescription('When').setRequired(true))
			.toJSON();
		expect(await refusal(set([fine, careless]))).toEqual({
			code: 50035,
			errors: { 1: { options: reason('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options') } }
		});
		expect([...server.state.commandScope(server.guild.id).values()].map((command) => command.name)).not.toContain('fine');
	});

	it('refuses a repeated name, an upper-case or spaced name, a missing description and options with the same name', async () => {
		const errors = (await refusal(
			set([
				fine,
				{ ...fine },
				{ name: 'Grand', description: 'x' },
				{ name: 'a b', description: 'x' },
				{ name: 'mute', description: '' },
				{ name: 'twice', description: 'x', options: [{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'a', description: 'a' }] }
			])
		)).errors as Record<string, unknown>;
		expect(Object.keys(errors)).toEqual(['1', '2', '3', '4', '5']);
		expect(errors[1]).toEqual({ name: reason('APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique') });
		expect(errors[4]).toEqual({ description: reason('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.') });
	});

	it('takes menus named with capitals and spaces, and the same name for a slash command and a menu', async () => {
		const registered = await set([fine, { name: 'Signaler ce message', type: ApplicationCommandType.Message }, { name: 'fine', type: ApplicationCommandType.User }]);
		expect(registered.size).toBe(3);
	});
});
