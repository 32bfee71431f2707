import { PassThrough } from 'node:stream';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../emulator/index.ts';
import { createTestClient, loginTestClient } from '../emulator/test-client.ts';
import { startTerminalChat } from './terminal.ts';

describe('terminal chat: slash commands Discord would not send', () => {
	let server: DiscordServer;
	let client: Client;

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('says a command does not exist and suggests the nearest, shows choices for opt:?, and prints what the server refuses', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		const received: string[] = [];
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isAutocomplete()) {
				await interaction.respond([{ name: 'CH-01 — Jaurès', value: 'CH-01' }]);
			} else if (interaction.isChatInputCommand()) {
				received.push(interaction.options.getString('type') ?? '');
				await interaction.reply({ content: 'planned' });
			}
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([
			{
				name: 'planifier',
				description: 'Plan',
				options: [
					{ type: 3, name: 'type', description: 'Type', required: true, choices: [{ name: 'Chantier', value: 'chantier' }, { name: 'Congés', value: 'conges' }] },
					{ type: 3, name: 'chantier', description: 'Work site', autocomplete: true }
				]
			},
			{ name: 'ping', description: 'Ping' }
		]);

		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output });
		const waitFor = (text: string) => vi.waitFor(() => expect(printed).toContain(text), { timeout: 5_000 });

		input.write('/planifer type:chantier\n');
		await waitFor('! /planifer is not a command here. Did you mean /planifier?');
		input.write('/Ping\n');
		await waitFor('! /Ping is not a command here. Did you mean /ping?');
		input.write('/rapport\n');
		await waitFor('! /rapport is not a command here (/aide lists them).');
		input.write('/planifier type:?\n');
		await waitFor('type (required): Type\n  one of: chantier (Chantier), conges (Congés)');
		input.write('/planifier type:chantier chantier:?\n');
		await waitFor('chantier: Work site\n  suggestions: CH-01 (CH-01 — Jaurès)');
		input.write('/planifier type:ouvres\n');
		await waitFor('! /planifier: option "type" must be one of: chantier (Chantier), conges (Congés) (got "ouvres")');
		input.write('/planifier type:conges\n');
		await waitFor('planned');
		expect(received).toEqual(['conges']);
		input.write(':quit\n');
		await chat.closed;
	});
});
