import { PassThrough } from 'node:stream';
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscordServer, type DiscordServer } from '../emulator/index.ts';
import { createTestClient, loginTestClient } from '../emulator/test-client.ts';
import { startTerminalChat } from './terminal.ts';

describe('terminal chat: forms', () => {
	let server: DiscordServer;
	let client: Client;

	afterEach(async () => {
		await client.destroy();
		await server.stop();
	});

	it('shows labels, current values and required marks; a partial answer keeps the shown values; a missing required field keeps the form open', async () => {
		server = await startDiscordServer();
		client = createTestClient(server);
		const submitted: Record<string, string>[] = [];
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand()) {
				const field = (id: string, label: string, required: boolean, value?: string) => {
					const input = new TextInputBuilder().setCustomId(id).setStyle(TextInputStyle.Short).setRequired(required).setPlaceholder('demain, lundi');
					if (value) input.setValue(value);
					return new LabelBuilder().setLabel(label).setTextInputComponent(input);
				};
				await interaction.showModal(
					new ModalBuilder()
						.setCustomId('edit')
						.setTitle('Modifier la tâche')
						.addLabelComponents(field('title', 'Intitulé', true), field('due', 'Échéance', false, 'demain'))
				);
			} else if (interaction.isModalSubmit()) {
				submitted.push({ title: interaction.fields.getTextInputValue('title'), due: interaction.fields.getTextInputValue('due') });
				await interaction.reply({ content: 'saved' });
			}
		});
		await loginTestClient(client, server);
		await client.guilds.cache.get(server.guild.id)!.commands.set([{ name: 'edit', description: 'Edit' }]);

		const input = new PassThrough();
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const chat = startTerminalChat({ server, input, output });
		const waitFor = (text: string) => vi.waitFor(() => expect(printed).toContain(text), { timeout: 5_000 });

		input.write('/edit\n');
		await waitFor(['Formulaire « Modifier la tâche » (* obligatoire) :', '  title * Intitulé : (vide ; par exemple demain, lundi)', '  due     Échéance : "demain"'].join('\n'));
		input.write(':modal due=lundi\n');
		// Said as the form shows it, in the reader's language.
		await waitFor('! Modifier la tâche : le champ « Intitulé » est obligatoire');
		expect(server.openModals.map((modal) => modal.custom_id)).toEqual(['edit']);
		input.write(':modal title="Poser la porte"\n');
		await waitFor('saved');
		expect(submitted).toEqual([{ title: 'Poser la porte', due: 'demain' }]);
		input.write(':quit\n');
		await chat.closed;
	});
});
