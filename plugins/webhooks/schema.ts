import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from '#core/db/columns.ts';

export const webhookDirection = pgEnum('webhook_direction', ['entrant', 'sortant']);
/** `refuse`: not accepted (bad or missing signature, receiver without its secret, malformed body); never processed. */
export const webhookStatus = pgEnum('webhook_status', ['recu', 'traite', 'echec', 'refuse']);

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
		/** What identifies the delivery among its headers (content type, user agent, sender's ids); never a secret or signature. */
		headers: jsonb('headers'),
		payload: jsonb('payload'),
		/** What processing created (ids of tasks, entries, messages), as answered to the sender. */
		result: jsonb('result'),
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
