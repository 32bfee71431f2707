import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from '#core/db/columns.ts';

export const webhookDirection = pgEnum('webhook_direction', ['entrant', 'sortant']);
export const webhookStatus = pgEnum('webhook_status', ['recu', 'traite', 'echec']);

export const webhooksLog = pgTable(
	'webhooks_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		direction: webhookDirection('direction').notNull(),
		/** Sender or target, e.g. `github`, `erp`. */
		source: text('source').notNull(),
		event: text('event'),
		/** The sender's delivery id (or a hash of the body): the same delivery received twice is processed once. */
		idempotencyKey: text('idempotency_key'),
		status: webhookStatus('status').notNull().default('recu'),
		httpStatus: integer('http_status'),
		payload: jsonb('payload'),
		error: text('error'),
		attempts: integer('attempts').notNull().default(0),
		processedAt: instant('processed_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		// `recordIncomingWebhook` inserts with ON CONFLICT on this index: a redelivery finds the first row.
		uniqueIndex('webhooks_log_idempotency_key')
			.on(table.source, table.idempotencyKey)
			.where(sql`idempotency_key is not null`)
	]
);
