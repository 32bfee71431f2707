import type { Piece } from '@sapphire/framework';
import { describe, expect, it } from 'vitest';
import { gatePiece, guildIdOf, type PluginGate } from './gates.ts';

/** A gate with plugins switched off per guild, recording what it was asked to do. */
function gateWith(offIn: Record<string, string[]>) {
	const calls = { errors: [] as { plugin: string; subject: unknown }[], disabledReplies: [] as string[] };
	const gate: PluginGate = {
		isActive: (plugin, guildId) => !(offIn[plugin] ?? []).includes(guildId ?? 'bot-wide'),
		reportError: (plugin, _piece, _error, subject) => void calls.errors.push({ plugin, subject }),
		replyDisabled: async (plugin) => void calls.disabledReplies.push(plugin)
	};
	return { gate, calls };
}

/** Sapphire's Option, as far as the gate reads it. */
interface Claim {
	isNone(): boolean;
	unwrap(): unknown;
}
const some = (value: unknown): Claim => ({ isNone: () => false, unwrap: () => value });
const none: Claim = { isNone: () => true, unwrap: () => undefined };

/** The shape of an interaction handler the gate relies on: parse returning an Option, run. */
function handler(prefix: string, ran: string[]) {
	return {
		name: `${prefix}.handler`,
		some,
		parse: (interaction: { customId: string }): Claim | Promise<Claim> => (interaction.customId.startsWith(prefix) ? some(interaction.customId) : none),
		run: async (interaction: { customId: string }, _data?: unknown) => void ran.push(interaction.customId)
	};
}

const press = (customId: string, guildId = 'g1') => ({ customId, guildId });

describe('gates around a plugin’s pieces', () => {
	it('leaves another plugin’s buttons alone when its own plugin is off', async () => {
		const { gate, calls } = gateWith({ tasks: ['g1'] });
		const ran: string[] = [];
		const tasksHandler = handler('tasks-', ran);
		gatePiece('interaction-handlers', tasksHandler as unknown as Piece, 'tasks', gate);
		const claim = (await tasksHandler.parse(press('planning-next'))) ;
		expect(claim.isNone()).toBe(true);
		expect(calls.disabledReplies).toEqual([]);
	});

	it('answers "disabled" for its own button when its plugin is off there, and runs it elsewhere', async () => {
		const { gate, calls } = gateWith({ tasks: ['g1'] });
		const ran: string[] = [];
		const tasksHandler = handler('tasks-', ran);
		gatePiece('interaction-handlers', tasksHandler as unknown as Piece, 'tasks', gate);
		const off = (await tasksHandler.parse(press('tasks-undo'))) ;
		await tasksHandler.run(press('tasks-undo'), off.unwrap() as never);
		expect(calls.disabledReplies).toEqual(['tasks']);
		expect(ran).toEqual([]);
		const on = (await tasksHandler.parse(press('tasks-undo', 'g2'))) ;
		await tasksHandler.run(press('tasks-undo', 'g2'), on.unwrap() as never);
		expect(ran).toEqual(['tasks-undo']);
	});

	it('skips a listener where its plugin is off, and reports a listener error without answering anyone', async () => {
		const { gate, calls } = gateWith({ monitoring: ['g1'] });
		const heard: string[] = [];
		const listener = {
			name: 'monitoring.message-create',
			run: async (message: { guildId: string; content: string }) => {
				if (message.content === 'boom') throw new Error('boom');
				heard.push(message.content);
			}
		};
		gatePiece('listeners', listener as unknown as Piece, 'monitoring', gate);
		await listener.run({ guildId: 'g1', content: 'ignored' });
		await listener.run({ guildId: 'g2', content: 'heard' });
		await listener.run({ guildId: 'g2', content: 'boom' });
		expect(heard).toEqual(['heard']);
		expect(calls.errors).toEqual([{ plugin: 'monitoring', subject: undefined }]);
	});

	it('gates a scheduled task on the bot-wide switch only', async () => {
		const { gate } = gateWith({ planning: ['bot-wide'] });
		let runs = 0;
		const task = { name: 'planning.weekly', run: async () => void runs++ };
		gatePiece('scheduled-tasks', task as unknown as Piece, 'planning', gate);
		await task.run();
		expect(runs).toBe(0);
	});

	it('finds the guild of an event from guildId or guild.id', () => {
		expect(guildIdOf([{ guildId: '1' }])).toBe('1');
		expect(guildIdOf(['text', { guild: { id: '2' } }])).toBe('2');
		expect(guildIdOf([{ author: {} }])).toBeNull();
	});
});
