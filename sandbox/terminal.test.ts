import { PassThrough } from 'node:stream';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscordServer } from '../emulator/index.ts';
import { eventually } from '../test/support/bot.ts';
import type { DiscordServer } from '../emulator/index.ts';
import { createTestClient, loginTestClient } from '../emulator/test-client.ts';
import { parseSlashCommand, renderMessage, startTerminalChat } from './terminal.ts';
import type { RenderableMessage } from './terminal.ts';

const bot = { id: '1', username: 'monster', global_name: 'Monster', discriminator: '0', avatar: null, bot: true };

describe('renderMessage', () => {
	it('renders embeds, numbered buttons, selects, files and the ephemeral mark', () => {
		const message: RenderableMessage = {
			author: bot,
			content: 'Désactiver le plugin ?',
			flags: MessageFlags.Ephemeral,
			embeds: [{ title: 'Plugin tasks', description: 'Gestion des tâches', fields: [{ name: 'Version', value: '1.2.0' }], footer: { text: 'Monster' } }],
			components: [
				{
					type: ComponentType.ActionRow,
					components: [
						{ type: ComponentType.Button, custom_id: 'ok', label: 'Confirmer', emoji: { name: '✅' }, style: ButtonStyle.Success },
						{ type: ComponentType.Button, custom_id: 'no', label: 'Annuler', style: ButtonStyle.Danger, disabled: true }
					]
				},
				{
					type: ComponentType.ActionRow,
					components: [
						{ type: ComponentType.StringSelect, custom_id: 'pick', placeholder: 'Plugin', options: [{ label: 'Tâches', value: 'tasks' }, { label: 'polls', value: 'polls' }] }
					]
				}
			],
			attachments: [{ id: '9', filename: 'rapport.pdf', size: 10, url: 'http://x/rapport.pdf', proxy_url: 'http://x/rapport.pdf' }]
		};
		expect(renderMessage(message)).toBe(
			[
				'Monster [bot] (visible only by you):',
				'Désactiver le plugin ?',
				'  │ Plugin tasks',
				'  │ Gestion des tâches',
				'  │ Version: 1.2.0',
				'  │ — Monster',
				'[1 ✅ Confirmer] [2 Annuler (disabled)]',
				'<select 1: Plugin> Tâches (tasks) | polls',
				'📎 rapport.pdf'
			].join('\n')
		);
		expect(renderMessage(message, { locale: 'fr' })).toContain('  │ Version : 1.2.0');
	});

	it('parses slash command lines', () => {
		expect(parseSlashCommand('/plugins disable name:tasks note:"two words"')).toEqual({
			name: 'plugins',
			subcommand: 'disable',
			options: { name: 'tasks', note: 'two words' }
		});
		// Typed as a Discord client takes it, without quotes: the words go on with the value before them.
		expect(parseSlashCommand('/tache titre:Commander le béton echeance:demain 8h')).toEqual({
			name: 'tache',
			options: { titre: 'Commander le béton', echeance: 'demain 8h' }
		});
		expect(parseSlashCommand('/annonce planifier salon:général heure:lundi 8h message:Rendez-vous à 8:30')).toEqual({
			name: 'annonce',
			subcommand: 'planifier',
			options: { salon: 'général', heure: 'lundi 8h', message: 'Rendez-vous à 8:30' }
		});
	});
});

describe('terminal chat', () => {
	let server: DiscordServer;
	let client: Client;

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('sends typed lines and prints the bot replies, slash commands and button clicks', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		client.on('messageCreate', async (message) => {
			if (!message.author.bot && message.content === '!ping') await message.reply('pong');
		});
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand()) {
				await interaction.reply({
					content: `disable ${interaction.options.getString('name')}`,
					components: [{ type: 1, components: [{ type: 2, custom_id: 'yes', label: 'Oui', style: 1 }] }],
					flags: MessageFlags.Ephemeral
				});
			} else if (interaction.isButton()) {
				await interaction.update({ content: 'done', components: [] });
			}
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([
			{ name: 'plugins', description: 'p', options: [{ type: 1, name: 'disable', description: 'd', options: [{ type: 3, name: 'name', description: 'n', required: true }] }] }
		]);

		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output });
		const waitFor = (text: string) => vi.waitFor(() => expect(printed).toContain(text), { timeout: 5_000 });

		input.write('!ping\n');
		await waitFor('Monster [bot]:\npong');
		input.write('/plugins disable name:tasks\n');
		await waitFor('(visible par vous seul):\ndisable tasks\n[1 Oui]');
		input.write(':click 1\n');
		await waitFor('(modifié):\ndone');
		input.write(':channel planning-hebdo\n');
		await waitFor('vous êtes dans #planning-hebdo');
		input.write(':quit\n');
		await chat.closed;
	});
});

describe('terminal chat reading a script', () => {
	it('sends each piped line once the answers to the one before have come, and goes on past a command never answered', async () => {
		const server = await startDiscordServer();
		const client = createTestClient(server);
		/** What the bot received and answered, in order. */
		const steps: string[] = [];
		client.on('interactionCreate', async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			steps.push(`received ${interaction.commandName}`);
			if (interaction.commandName === 'mute') return;
			if (interaction.commandName === 'slow') {
				await interaction.deferReply();
				// Work the next line must not overtake (a sanction written before the record is read).
				await new Promise((resolve) => setTimeout(resolve, 200));
				steps.push('slow done');
				await interaction.editReply('slow answered');
			} else {
				await interaction.reply('fast answered');
			}
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([
			{ name: 'slow', description: 'Slow' },
			{ name: 'fast', description: 'Fast' },
			{ name: 'mute', description: 'Never answered' }
		]);
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		try {
			const chat = startTerminalChat({ server, input, output, answerWaitMs: 1_000 });
			input.end('/slow\n/fast\n/mute\n/fast\n');
			await chat.closed;
			expect(steps).toEqual(['received slow', 'slow done', 'received fast', 'received mute', 'received fast']);
			expect(printed).toMatch(/slow answered[^]*fast answered[^]*\(pas de réponse en 1 s : on continue\)[^]*fast answered/);
		} finally {
			await client.destroy();
			await server.stop();
		}
	});
});

describe('terminal chat of a former member reading a script', () => {
	it('waits for no answer to a post refused', async () => {
		const server = await startDiscordServer();
		const chloe = server.guild.members.chloe!;
		await server.memberLeaves(chloe);
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		try {
			const chat = startTerminalChat({ server, input, output, as: 'chloe', answerWaitMs: 500 });
			input.end('!aide\n');
			await chat.closed;
			expect(printed).toContain(`! Vous n’êtes pas membre de ${server.guild.name} : Discord ne vous en montre pas les salons`);
			expect(printed).not.toContain('pas de réponse');
		} finally {
			await server.stop();
		}
	});
});

describe('terminal chat channels', () => {
	it('switches to the text channel, not the category of the same name, and reaches names with spaces', async () => {
		const server = await startDiscordServer();
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output });
		const posted = (channelId: string, content: string) =>
			eventually(() => server.state.channelMessages(channelId).some((message) => message.content === content));
		try {
			input.write(':channel planning-hebdo\n:channel général\nbonjour\n');
			await posted(server.guild.channels.general!, 'bonjour');
			input.write(':channel "Réunion chantier"\nen route\n');
			await posted(server.guild.channels.meeting!, 'en route');
			input.write(':quit\n');
			await chat.closed;
			expect(printed).toContain('vous êtes dans #Réunion chantier');
			expect(server.state.channelMessages(server.guild.channels.generalCategory!)).toEqual([]);
		} finally {
			await server.stop();
		}
	});
});

describe('terminal chat of a member who may not view a channel', () => {
	it('shows them neither its messages nor the channel, as their client does not; whoever may view it sees both', async () => {
		const server = await startDiscordServer();
		const client = createTestClient(server);
		await loginTestClient(client, server);
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output });
		const adminOnly = await client.channels.fetch(server.guild.channels.adminOnly!);
		const post = async (content: string) => {
			if (!adminOnly?.isSendable()) throw new Error('no #admin-only');
			await adminOnly.send(content);
		};
		try {
			// Alice, a plain member, may not view #admin-only.
			input.write(':channels\n:channel admin-only\n');
			await vi.waitFor(() => expect(printed).toContain('! pas de salon « admin-only »'), { timeout: 5_000 });
			expect(printed).not.toContain('#admin-only');
			await post('réservé aux admins');
			input.write(':as camille\n');
			await vi.waitFor(() => expect(printed).toContain('vous parlez en tant que Camille (admin)'), { timeout: 5_000 });
			await post('pour Camille');
			await vi.waitFor(() => expect(printed).toContain('[#admin-only] Monster [bot]:\npour Camille'), { timeout: 5_000 });
			input.write(':channels\n:quit\n');
			await chat.closed;
			expect(printed).not.toContain('réservé aux admins');
			expect(printed).toMatch(/#admin-only/);
		} finally {
			await client.destroy();
			await server.stop();
		}
	});
});

describe('terminal chat language', () => {
	it('writes its own notes in the language of the member spoken as: the one they chose, else the default', async () => {
		const server = await startDiscordServer();
		const bob = server.guild.members.bob!;
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output, readerLocale: (userId) => (userId === bob ? 'en' : 'fr') });
		const waitFor = (text: string) => vi.waitFor(() => expect(printed).toContain(text), { timeout: 5_000 });
		try {
			input.write(':help\n');
			await waitFor('Tapez un message pour le poster dans le salon courant.');
			input.write(':as bob\n:help\n:channel nulle-part\n');
			await waitFor('! no channel "nulle-part" (see :channels)');
			expect(printed).toContain('now speaking as Bob Durand');
			expect(printed).toContain('Type a message to post it in the current channel.');
			input.write(':as alice\n:click 1\n');
			await waitFor('! pas de bouton 1 sur le dernier message du bot');
			input.write(':quit\n');
			await chat.closed;
		} finally {
			await server.stop();
		}
	});
});

describe('terminal chat of a former member', () => {
	it('shows whoever left the server or was banned from it none of its channel messages, as their client no longer receives them', async () => {
		const server = await startDiscordServer();
		const client = createTestClient(server);
		await loginTestClient(client, server);
		const bob = server.guild.members.bob!;
		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output, as: 'bob' });
		const general = await client.channels.fetch(server.defaultChannelId);
		const post = async (content: string) => {
			if (!general?.isSendable()) throw new Error('no #général');
			await general.send(content);
		};
		try {
			await post('avant son départ');
			await vi.waitFor(() => expect(printed).toContain('avant son départ'), { timeout: 5_000 });
			await server.memberLeaves(bob);
			await post('pendant son absence');
			// What they type there is refused, as their Discord no longer shows them the channel; said in their language.
			input.write('toujours là ?\n');
			await vi.waitFor(() => expect(printed).toContain(`! Vous n’êtes pas membre de ${server.guild.name} : Discord ne vous en montre pas les salons`), { timeout: 5_000 });
			await server.memberJoins({ userId: bob });
			await post('à son retour');
			await vi.waitFor(() => expect(printed).toContain('à son retour'), { timeout: 5_000 });
			const guild = client.guilds.cache.get(server.guild.id)!;
			await guild.members.ban(bob);
			await post('pendant son bannissement');
			await guild.members.unban(bob);
			await server.memberJoins({ userId: bob });
			await post('une fois réintégré');
			await vi.waitFor(() => expect(printed).toContain('une fois réintégré'), { timeout: 5_000 });
			expect(printed).not.toContain('pendant son absence');
			expect(printed).not.toContain('pendant son bannissement');
			input.write(':quit\n');
			await chat.closed;
		} finally {
			await client.destroy();
			await server.stop();
		}
	});
});

describe('resolveMarkup', () => {
	it('shows timestamps, mentions, channels and roles as a reader sees them', async () => {
		const { resolveMarkup } = await import('./render-message.ts');
		const names = {
			user: (id: string) => ({ '1': 'Alice Martin' })[id] ?? id,
			channel: () => 'général',
			role: () => 'Chef de chantier',
			locale: 'fr',
			timeZone: 'Europe/Paris',
			now: new Date('2026-11-25T10:00:00Z')
		};
		const dueTomorrow = Date.UTC(2026, 10, 26, 11) / 1000;
		expect(resolveMarkup(`<@1> doit finir le <t:${dueTomorrow}:D> (<t:${dueTomorrow}:R>) dans <#2>, voir <@&3>`, names)).toBe(
			'@Alice Martin doit finir le 26 novembre 2026 (demain) dans #général, voir @Chef de chantier'
		);
		expect(resolveMarkup(`<t:${dueTomorrow}:t>`, names)).toBe('12:00');
	});
});
