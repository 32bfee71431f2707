import { eq, sql } from 'drizzle-orm';
import type { Db } from '#core/db/client.ts';
import { webhooksLog } from './schema.ts';

export type WebhookRow = typeof webhooksLog.$inferSelect;

export interface IncomingWebhook {
	source: string;
	/** The sender's delivery id; null when it sends none (then every delivery is processed). */
	idempotencyKey: string | null;
	event?: string;
	/** What the sender was answered, when known at receipt. */
	httpStatus?: number;
	/** What identifies the delivery among its headers, never a secret. */
	headers?: Record<string, string>;
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

/** A delivery turned away before processing (no secret configured, bad signature, malformed body): kept for the record, without its idempotency key. */
export async function recordRefusedWebhook(
	db: Db,
	refused: { source: string; headers: Record<string, string>; payload: unknown; httpStatus: number; error: string }
): Promise<number> {
	const [row] = await db
		.insert(webhooksLog)
		.values({ direction: 'entrant', status: 'refuse', processedAt: new Date(), ...refused })
		.returning({ id: webhooksLog.id });
	return row!.id;
}

/**
 * The end of processing: what was created (answered to the sender), or why it failed. `releaseIdempotencyKey`
 * frees the delivery's id, so the same delivery sent again is processed again instead of answered as this one.
 */
export async function finishWebhook(
	db: Db,
	id: number,
	outcome: { status: 'traite' | 'echec'; httpStatus?: number; result?: unknown; error?: string | null; releaseIdempotencyKey?: boolean }
): Promise<void> {
	await db
		.update(webhooksLog)
		.set({
			...(outcome.releaseIdempotencyKey ? { idempotencyKey: null } : {}),
			status: outcome.status,
			httpStatus: outcome.httpStatus,
			result: outcome.result ?? null,
			error: outcome.error ?? null,
			processedAt: new Date(),
			attempts: sql`${webhooksLog.attempts} + 1`
		})
		.where(eq(webhooksLog.id, id));
}

/**
 * Takes over a delivery received `staleMs` ago or more and never answered: its process stopped while doing it.
 * True for the one caller that takes it (the row's clock restarts), so two retries never both do it.
 */
export async function takeOverStaleWebhook(db: Db, id: number, staleMs: number): Promise<boolean> {
	const taken = await db
		.update(webhooksLog)
		.set({ createdAt: sql`now()`, attempts: sql`${webhooksLog.attempts} + 1` })
		.where(sql`${webhooksLog.id} = ${id} and ${webhooksLog.httpStatus} is null and ${webhooksLog.createdAt} < now() - make_interval(secs => ${staleMs / 1000})`)
		.returning({ id: webhooksLog.id });
	return taken.length > 0;
}

export async function findWebhook(db: Db, id: number): Promise<WebhookRow | undefined> {
	const [row] = await db.select().from(webhooksLog).where(eq(webhooksLog.id, id));
	return row;
}
