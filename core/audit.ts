import { container } from '@sapphire/framework';
import { auditLog } from './db/schema.ts';

export type AuditKind = (typeof auditLog.kind.enumValues)[number];

export interface AuditEntry {
	kind: AuditKind;
	guildId?: string | null;
	/** A Discord user id, `api:<key>` or `system`. */
	actorId: string;
	/** Command name, admin action (`plugin.disable`) or config key. */
	action: string;
	target?: string | null;
	details?: Record<string, unknown>;
}

/**
 * Writes one line of the audit log (refused commands, admin actions, configuration changes). A failed
 * write is logged, never thrown: accountability must not break the action it records.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
	try {
		await container.db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
	} catch (error) {
		container.pino.error({ err: error, audit: entry }, 'Audit log write failed');
	}
}
