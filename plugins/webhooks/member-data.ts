/** The webhooks plugin's part of a member's data (RGPD): deliveries whose content names them. */
import { container } from '@sapphire/framework';
import { asc, or } from 'drizzle-orm';
import { jsonHolds, jsonWithout, textHolds, textWithout, type MemberDataHandler } from '#core/plugin-kit.ts';
import { webhooksLog } from './schema.ts';

const naming = (userId: string) =>
	or(jsonHolds(webhooksLog.payload, userId), jsonHolds(webhooksLog.result, userId), jsonHolds(webhooksLog.headers, userId), textHolds(webhooksLog.error, userId))!;

/**
 * The log keeps what n8n, Tally or Google sent (a task for a member, a planning entry): bot-wide, as
 * deliveries belong to no server. Erase: the rows stay as the record of each delivery, the member's id
 * replaced by the placeholder `0` wherever it appears.
 */
export const webhooksMemberData: MemberDataHandler = {
	async export({ userId }) {
		const deliveries = await container.db
			.select({ id: webhooksLog.id, source: webhooksLog.source, event: webhooksLog.event, status: webhooksLog.status, payload: webhooksLog.payload, result: webhooksLog.result, createdAt: webhooksLog.createdAt })
			.from(webhooksLog)
			.where(naming(userId))
			.orderBy(asc(webhooksLog.id));
		return { deliveries };
	},
	async erase({ userId }) {
		const rows = await container.db
			.update(webhooksLog)
			.set({
				payload: jsonWithout(webhooksLog.payload, userId),
				result: jsonWithout(webhooksLog.result, userId),
				headers: jsonWithout(webhooksLog.headers, userId),
				error: textWithout(webhooksLog.error, userId)
			})
			.where(naming(userId))
			.returning({ id: webhooksLog.id });
		return { webhooks_log_anonymised: rows.length };
	}
};
