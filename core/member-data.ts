/**
 * Members' data (RGPD: access and erasure). Each plugin that keeps something about a member
 * contributes a handler that exports it and deletes or anonymises it; `/mesdonnees` and `/oublier`
 * (members plugin) call every running plugin's handler, and the core's own, without knowing them.
 */
import { container } from '@sapphire/framework';
import { and, eq, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { apiKeys, apiLogs, auditLog, botConfig } from './db/schema.ts';
import { extensionPoint } from './host/extension-points.ts';

export interface MemberRef {
	guildId: string;
	userId: string;
}

export interface MemberDataHandler {
	/** What this plugin holds about the member in this server, as JSON (rows, settings, files' names). */
	export(member: MemberRef): Promise<unknown>;
	/** Deletes or anonymises it; answers what was done per table, for the audit line (`{ tasks_assigned: 3 }`). */
	erase(member: MemberRef): Promise<Record<string, number>>;
}

/** `ctx.contribute(memberData, { export, erase })` from the plugin's onLoad. */
export const memberData = extensionPoint<MemberDataHandler>('core.member-data');

/**
 * What replaces an erased member's id where the row must stay for others (a task they created for
 * someone else, a mention in a colleague's message): not a Discord id, so it names nobody.
 */
export const memberPlaceholder = '0';

/** A Discord id: digits only, so it is safe inside a regular expression. */
export const isMemberId = (userId: string) => /^\d{15,21}$/.test(userId);

/** The id as a whole word (never inside a longer number), escaped, for PostgreSQL's regular expressions. */
const idPattern = (userId: string) => `\\m${userId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M`;

/** True where a text column holds the id (alone, in a mention `<@id>`, in a list). */
export const textHolds = (column: SQLWrapper, userId: string): SQL => sql`coalesce(${column} ~ ${idPattern(userId)}, false)`;
/** True where a jsonb column holds the id anywhere (a key, a value, inside a string). */
export const jsonHolds = (column: SQLWrapper, userId: string): SQL => sql`coalesce(${column}::text ~ ${idPattern(userId)}, false)`;
/** The text with every occurrence of the id replaced by the placeholder (`<@123>` becomes `<@0>`). */
export const textWithout = (column: SQLWrapper, userId: string): SQL => sql`regexp_replace(${column}, ${idPattern(userId)}, ${memberPlaceholder}, 'g')`;
/** The jsonb value with every occurrence of the id replaced by the placeholder, keys and strings alike. */
export const jsonWithout = (column: SQLWrapper, userId: string): SQL => sql`regexp_replace(${column}::text, ${idPattern(userId)}, ${memberPlaceholder}, 'g')::jsonb`;

/** Per plugin (and `core`), what it held or did; the plugins whose handler threw are listed apart. */
export interface MemberDataReport<T> {
	results: Record<string, T>;
	failed: string[];
}

/** Audit lines of this server and bot-wide ones (an owner's global change); other servers keep theirs. */
const auditScope = (guildId: string) => or(eq(auditLog.guildId, guildId), isNull(auditLog.guildId));

/**
 * The core's own tables: who changed a setting (bot_config.updated_by), who created an API key, API
 * calls naming the member (all bot-wide), and the audit log of this server and of the bot, whose lines
 * keep what happened but no longer who (the erasure's own line, written after, is then the only one
 * naming the member).
 */
export const coreMemberData = (db: Db): MemberDataHandler => ({
	async export(member) {
		const { userId } = member;
		const [settingsChanged, keys, calls, audits] = await Promise.all([
			db.select({ key: botConfig.key, updatedAt: botConfig.updatedAt }).from(botConfig).where(eq(botConfig.updatedBy, userId)),
			db.select({ name: apiKeys.name, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.createdBy, userId)),
			db
				.select({ method: apiLogs.method, path: apiLogs.path, status: apiLogs.status, createdAt: apiLogs.createdAt })
				.from(apiLogs)
				.where(or(textHolds(apiLogs.caller, userId), textHolds(apiLogs.path, userId))),
			db
				.select({ kind: auditLog.kind, action: auditLog.action, actorId: auditLog.actorId, target: auditLog.target, details: auditLog.details, createdAt: auditLog.createdAt })
				.from(auditLog)
				.where(and(auditScope(member.guildId), or(textHolds(auditLog.actorId, userId), textHolds(auditLog.target, userId), jsonHolds(auditLog.details, userId))))
				.orderBy(auditLog.id)
		]);
		return { settingsChanged, apiKeysCreated: keys, apiCalls: calls, auditLog: audits };
	},
	async erase(member) {
		const { userId } = member;
		const bot = await db.update(botConfig).set({ updatedBy: memberPlaceholder }).where(eq(botConfig.updatedBy, userId)).returning({ key: botConfig.key });
		const keys = await db.update(apiKeys).set({ createdBy: memberPlaceholder }).where(eq(apiKeys.createdBy, userId)).returning({ id: apiKeys.id });
		const calls = await db
			.update(apiLogs)
			.set({ caller: sql`${textWithout(apiLogs.caller, userId)}`, path: sql`${textWithout(apiLogs.path, userId)}` })
			.where(or(textHolds(apiLogs.caller, userId), textHolds(apiLogs.path, userId)))
			.returning({ id: apiLogs.id });
		const audits = await db
			.update(auditLog)
			.set({ actorId: sql`${textWithout(auditLog.actorId, userId)}`, target: sql`${textWithout(auditLog.target, userId)}`, details: sql`${jsonWithout(auditLog.details, userId)}` })
			.where(and(auditScope(member.guildId), or(textHolds(auditLog.actorId, userId), textHolds(auditLog.target, userId), jsonHolds(auditLog.details, userId))))
			.returning({ id: auditLog.id });
		return { bot_config: bot.length, api_keys: keys.length, api_logs: calls.length, audit_log: audits.length };
	}
});

/** The handlers that run for a member: the core's, then every plugin's running bot-wide (switched off in one server or not: its data is still there). */
function handlers(): { plugin: string; value: MemberDataHandler }[] {
	return [{ plugin: 'core', value: coreMemberData(container.db) }, ...container.plugins.contributions(memberData)];
}

/** Everything held about the member, per plugin; a handler that throws is logged and listed in `failed`. */
export async function exportMemberData(member: MemberRef): Promise<MemberDataReport<unknown>> {
	const report: MemberDataReport<unknown> = { results: {}, failed: [] };
	for (const { plugin, value } of handlers()) {
		try {
			report.results[plugin] = await value.export(member);
		} catch (error) {
			container.pino.error({ err: error, plugin, guildId: member.guildId }, 'Member data export failed in a plugin');
			report.failed.push(plugin);
		}
	}
	return report;
}

/**
 * Erases the member in every plugin, then in the core's tables (last, so that what plugins did on the
 * member's behalf — a language reset — is anonymised too). The caller writes the erasure's audit line
 * after. A handler that throws is logged and listed in `failed`; the others still run.
 */
export async function eraseMemberData(member: MemberRef): Promise<MemberDataReport<Record<string, number>>> {
	const report: MemberDataReport<Record<string, number>> = { results: {}, failed: [] };
	const [core, ...plugins] = handlers();
	for (const { plugin, value } of [...plugins, core!]) {
		try {
			report.results[plugin] = await value.erase(member);
		} catch (error) {
			container.pino.error({ err: error, plugin, guildId: member.guildId }, 'Member data erasure failed in a plugin');
			report.failed.push(plugin);
		}
	}
	return report;
}
