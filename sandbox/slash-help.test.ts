import { PassThrough } from 'node:stream';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../emulator/index.ts';
import { createTestClient, loginTestClient } from '../emulator/test-client.ts';
import { startTerminalChat } from './terminal.ts';

/** Named `aide` for a French member, `help` (and its option `command`) for an English one, as Monster's `/help`. */
const help = {
	name: 'help',
	name_localizations: { fr: 'aide' },
	description: 'Liste les commandes',
	description_localizations: { 'en-US': 'Lists the commands' },
	options: [{ type: 3, name: 'commande', name_localizations: { 'en-US': 'command' }, description: 'Une commande', description_localizations: { 'en-US': 'A command' } }]
};

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
			} else if (interaction.isChatInputCommand() && interaction.commandName === 'help') {
				await interaction.reply({ content: `help for ${interaction.options.getString('commande')}` });
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
			{ name: 'ping', description: 'Ping' },
			help
		]);

		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output, locale: 'en' });
		const waitFor = (text: string) => vi.waitFor(() => expect(printed).toContain(text), { timeout: 5_000 });

		input.write('/planifer type:chantier\n');
		await waitFor('! /planifer is not a command here. Did you mean /planifier?');
		input.write('/Ping\n');
		await waitFor('! /Ping is not a command here. Did you mean /ping?');
		input.write('/rapport\n');
		await waitFor('! /rapport is not a command here (/help lists them).');
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

describe('terminal chat: commands by the names shown in the member’s language', () => {
	let server: DiscordServer;
	let client: Client;

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('runs /aide commande:… in French and /help command:… in English, and only points to names it then accepts', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		const received: string[] = [];
		client.on('interactionCreate', async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			received.push(`${interaction.commandName} ${interaction.options.getString('commande')}`);
			await interaction.reply({ content: `help for ${interaction.options.getString('commande')}` });
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([help]);

		const run = async (locale: string | undefined, lines: string[]) => {
			const input = new PassThrough();
			const output = new PassThrough();
			let printed = '';
			output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
			const chat = startTerminalChat({ server, input, output, ...(locale ? { locale } : {}) });
			input.end(`${lines.join('\n')}\n`);
			await chat.closed;
			return printed;
		};

		// The terminal's language is the bot's default one: French unless told otherwise.
		const french = await run(undefined, ['/aide commande:tache', '/aide commande:?', '/aid', '/rapport', '/help commande:ping']);
		expect(french).toContain('help for tache');
		expect(french).toContain('commande: Une commande');
		expect(french).toContain('! /aid n’est pas une commande ici. Vouliez-vous dire /aide ?');
		expect(french).toContain('! /rapport n’est pas une commande ici (/aide les liste).');
		expect(french).toContain('help for ping');

		const english = await run('en', ['/help command:planifier', '/help command:?', '/hepl', '/rapport']);
		expect(english).toContain('help for planifier');
		expect(english).toContain('command: A command');
		expect(english).toContain('! /hepl is not a command here. Did you mean /help?');
		expect(english).toContain('! /rapport is not a command here (/help lists them).');
		// The bot gets the command's own names, whatever the member typed.
		expect(received).toEqual(['help tache', 'help ping', 'help planifier']);
	});
});
