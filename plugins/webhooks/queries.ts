import { sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { webhooksLog } from './schema.ts';

export interface IncomingWebhook {
	source: string;
	/** The sender's delivery id, or a hash of the body when it sends none. */
	idempotencyKey: string;
	event?: string;
	payload: unknown;
}

/**
 * Logs an incoming webhook unless the same delivery was already received. `duplicate: true` means it was:
 * answer 2xx and do not process it again.
 */
export async function recordIncomingWebhook(db: Db, webhook: IncomingWebhook): Promise<{ id: number; duplicate: boolean }> {
	const [inserted] = await db
		.insert(webhooksLog)
		.values({ direction: 'entrant', ...webhook })
		.onConflictDoNothing({
			target: [webhooksLog.source, webhooksLog.idempotencyKey],
			where: sql`idempotency_key is not null`
		})
		.returning({ id: webhooksLog.id });
	if (inserted) return { id: inserted.id, duplicate: false };
	const [existing] = await db
		.select({ id: webhooksLog.id })
		.from(webhooksLog)
		.where(sql`${webhooksLog.source} = ${webhook.source} and ${webhooksLog.idempotencyKey} = ${webhook.idempotencyKey}`);
	if (!existing) throw new Error('webhook neither inserted nor found');
	return { id: existing.id, duplicate: true };
}
