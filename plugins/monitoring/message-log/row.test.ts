import type { Message } from 'discord.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { toMessageRow, withoutContent, type MessageLike } from './row.ts';

function discordMessage(overrides: Partial<MessageLike> = {}): MessageLike {
	return {
		id: '1300000000000000001',
		channelId: '200000000000000000',
		guildId: '100000000000000001',
		author: { id: '300000000000000000', bot: false },
		content: 'Voir le plan <@300000000000000001>',
		createdTimestamp: Date.UTC(2026, 10, 20, 8, 0, 0),
		editedTimestamp: null,
		attachments: new Map([
			['900', { id: '900', name: 'plan.pdf', url: 'https://cdn.example/plan.pdf', contentType: 'application/pdf', size: 2048 }]
		]),
		embeds: [{ data: { type: 'link' }, title: 'Plan', url: 'https://example.com', description: 'RDC' }],
		mentions: {
			users: new Map([['300000000000000001', {}]]),
			roles: new Map(),
			channels: new Map(),
			everyone: false
		},
		reference: { messageId: '1300000000000000000', channelId: '200000000000000000', guildId: '100000000000000001' },
		...overrides
	};
}

describe('toMessageRow', () => {
	it('accepts a discord.js Message as it is', () => {
		expectTypeOf<Message>().toExtend<MessageLike>();
	});

	it('maps ids, times, attachments, embeds, mentions and the reply', () => {
		expect(toMessageRow(discordMessage())).toEqual({
			messageId: '1300000000000000001',
			guildId: '100000000000000001',
			channelId: '200000000000000000',
			authorId: '300000000000000000',
			authorIsBot: false,
			content: 'Voir le plan <@300000000000000001>',
			createdAt: new Date('2026-11-20T08:00:00.000Z'),
			editedAt: null,
			metadata: {
				attachments: [{ id: '900', name: 'plan.pdf', url: 'https://cdn.example/plan.pdf', contentType: 'application/pdf', size: 2048 }],
				embeds: [{ type: 'link', title: 'Plan', url: 'https://example.com', description: 'RDC' }],
				mentions: { users: ['300000000000000001'], roles: [], channels: [], everyone: false },
				reply: { messageId: '1300000000000000000', channelId: '200000000000000000', guildId: '100000000000000001' }
			}
		});
	});

	it('keeps metadata empty for a plain message and strips NUL characters PostgreSQL refuses', () => {
		const row = toMessageRow(
			discordMessage({
				content: 'a\u0000b',
				attachments: new Map(),
				embeds: [],
				mentions: { users: new Map(), roles: new Map(), channels: new Map(), everyone: false },
				reference: null,
				editedTimestamp: Date.UTC(2026, 10, 20, 9)
			})
		);
		expect(row.content).toBe('ab');
		expect(row.metadata).toEqual({});
		expect(row.editedAt).toEqual(new Date('2026-11-20T09:00:00.000Z'));
	});

	it('withoutContent keeps who, when and the structure, not the text, file names or links', () => {
		const row = withoutContent(toMessageRow(discordMessage()));
		expect(row.content).toBeNull();
		expect(row.metadata.attachments).toEqual([{ id: '900', name: null, url: null, contentType: 'application/pdf', size: 2048 }]);
		expect(row.metadata.embeds).toEqual([{ type: 'link', title: null, url: null, description: null }]);
		expect(row.metadata.mentions?.users).toEqual(['300000000000000001']);
		expect(row.authorId).toBe('300000000000000000');
	});
});
