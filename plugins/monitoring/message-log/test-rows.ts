import type { MessageRow } from './row.ts';

/** A guild message as the mapper would produce it, numbered so that tests can write many. */
export function messageRow(index: number, overrides: Partial<MessageRow> = {}): MessageRow {
	return {
		messageId: String(1_200_000_000_000_000_000n + BigInt(index)),
		guildId: '100000000000000001',
		channelId: `20000000000000000${index % 3}`,
		authorId: `30000000000000000${index % 5}`,
		authorIsBot: false,
		content: `Livraison de béton numéro ${index} demain 8h`,
		metadata: {},
		createdAt: new Date(Date.UTC(2026, 10, 20, 8, 0, 0) + index * 1000),
		editedAt: null,
		...overrides
	};
}
