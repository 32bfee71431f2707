import { PassThrough } from 'node:stream';
import { PermissionFlagsBits } from 'discord.js';
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
		await waitFor('type (required): Type\n  one of: Chantier, Congés');
		input.write('/planifier type:chantier chantier:?\n');
		await waitFor('chantier: Work site\n  suggestions: CH-01 (CH-01 — Jaurès)');
		input.write('/planifier type:ouvres\n');
		await waitFor('! /planifier: "ouvres" is not a choice of option "type" (one of: Chantier, Congés)');
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
		expect(french).toContain('commande : Une commande');
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

/** `/planifier` for a French client, `/plan` for an English one: its options and choices too. */
const plan = {
	name: 'planifier',
	name_localizations: { 'en-US': 'plan' },
	description: 'Planifie',
	options: [
		{
			type: 3,
			name: 'type',
			description: 'Type',
			required: true,
			choices: [
				{ name: 'Chantier', name_localizations: { 'en-US': 'Work site' }, value: 'chantier' },
				{ name: 'Congés', name_localizations: { 'en-US': 'Leave' }, value: 'conges' }
			]
		},
		{ type: 3, name: 'debut', name_localizations: { 'en-US': 'start' }, description: 'Début', required: true },
		{ type: 4, name: 'semaines', name_localizations: { 'en-US': 'weeks' }, description: 'Semaines', max_value: 8 }
	]
};

describe('terminal chat: what the local server refuses, in the reader’s language', () => {
	let server: DiscordServer;
	let client: Client;

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	/** Everything the chat printed for these lines. */
	const run = async (options: { locale?: string; readerLocale?: (userId: string) => string }, lines: string[]) => {
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output, ...options });
		input.end(`${lines.join('\n')}\n`);
		await chat.closed;
		return printed;
	};

	it('says why, and helps, in French or English, naming the command, options and choices as the member’s Discord client shows them', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: `planned ${interaction.options.getString('type')}` });
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([plan, { name: 'purge', description: 'Purge', default_member_permissions: String(PermissionFlagsBits.ManageMessages) }]);
		const bob = server.guild.members.bob!;

		// A French Discord; Bob reads the bot in English (/langue), with the names his French client shows.
		const french = await run({ readerLocale: (userId) => (userId === bob ? 'en' : 'fr') }, [
			'/planifier',
			'/planifier type:ete debut:lundi',
			'/planifier type:chantier debut:lundi semaines:9',
			'/planifier foo',
			'/purge',
			':as bob',
			'/planifier type:chantier',
			'/planifr',
			'/planifier type:?'
		]);
		expect(french).toContain('! /planifier : il manque les options obligatoires type, debut\n');
		expect(french).toContain('! /planifier : « ete » n’est pas un choix de l’option « type » (au choix : Chantier, Congés)\n');
		expect(french).toContain('! /planifier : l’option « semaines » vaut au plus 8 (9 saisi)\n');
		expect(french).toContain('! /planifier n’a pas de sous-commande : « foo » n’en est pas une (une option s’écrit nom:valeur)\n');
		expect(french).toContain('! /purge demande la permission « Gérer les messages » : Discord ne vous la propose pas\n');
		expect(french).toContain('! /planifier: the required option debut is missing\n');
		// The help follows the same reader language as the refusals.
		expect(french).toContain('! /planifr is not a command here. Did you mean /planifier?\n');
		expect(french).toContain('type (required): Type\n  one of: Chantier, Congés\n');

		const english = await run({ locale: 'en' }, ['/plan type:summer start:monday', '/plan weeks:two', '/purge']);
		expect(english).toContain('! /plan: "summer" is not a choice of option "type" (one of: Work site, Leave)\n');
		expect(english).toContain('! /plan: option "weeks" needs a whole number, not "two"\n');
		expect(english).toContain('! /purge needs the "Manage Messages" permission: Discord does not offer it to you\n');
	});

	it('takes a choice by the name the member’s client shows, whatever the case and accents, and lists choices by those names', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: `planned ${interaction.options.getString('type')}` });
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([plan]);

		const french = await run({}, ['/planifier type:?', '/planifier type:CONGES debut:lundi', '/planifier type:Chantier debut:lundi', '/planifier semaines:?']);
		expect(french).toContain('type (obligatoire) : Type\n  au choix : Chantier, Congés\n');
		// An option without choices is described by what it takes, in the reader's language.
		expect(french).toContain('semaines : Semaines\n  nombre entier\n');
		expect(french).toMatch(/planned conges[^]*planned chantier/);
		const english = await run({ locale: 'en' }, ['/plan type:?', '/plan type:leave start:monday', '/plan type:work site start:monday', '/plan weeks:?']);
		expect(english).toContain('weeks: Semaines\n  whole number\n');
		expect(english).toContain('type (required): Type\n  one of: Work site, Leave\n');
		expect(english).toContain('planned conges');
	});

	it('points to and helps with only the commands Discord’s client offers the member; one it hides is still refused when run', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: `purged ${interaction.options.getInteger('nombre')}` });
		});
		await loginTestClient(client, server);
		const purge = {
			name: 'purge',
			description: 'Supprime des messages',
			default_member_permissions: String(PermissionFlagsBits.ManageMessages),
			options: [{ type: 4, name: 'nombre', description: 'Combien', required: true }]
		};
		await client.guilds.cache.get(server.guild.id)!.commands.set([plan, purge]);

		// Alice may not manage messages: her client lists no /purge. Bob may.
		const printed = await run({}, ['/purg', '/purge nombre:?', ':as bob', '/purg', '/purge nombre:?', '/purge nombre:3']);
		const [alice = '', bob = ''] = printed.split('vous parlez en tant que Bob Durand');
		expect(alice).toContain('! /purg n’est pas une commande ici.\n');
		expect(alice).not.toContain('Combien');
		expect(alice).toContain('! /purge demande la permission « Gérer les messages » : Discord ne vous la propose pas\n');
		expect(bob).toContain('! /purg n’est pas une commande ici. Vouliez-vous dire /purge ?\n');
		expect(bob).toContain('nombre (obligatoire) : Combien\n');
		expect(bob).toContain('purged 3');
	});
});
