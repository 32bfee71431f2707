import { container } from '@sapphire/framework';
import { z } from 'zod';
import { botGuild, findMember, getDefaultLocale, type Locale } from '#core/plugin-kit.ts';
import { createEntry, softDelete, updateEntry, withChantiers, type PlanningEntry, type PlanningError, type ViewEntry, type WriteResult } from './planning.ts';
import { planningSettings } from './settings.ts';
import { InputError, parseTimes, parseType, problemText, resolveChantier } from './support.ts';
import { text } from './text.ts';

/** Planning entries asked for by integrations (webhooks, scripts), with the same checks as `/planifier`. */

const snowflake = z.string().regex(/^\d{5,25}$/, 'a Discord id');

/** The body of `POST /api/discord/planning`, and of n8n's `planning` action: one contract, so they cannot drift. */
export const entryBody = z.object({
	/** The server; may be left out when the bot serves one. */
	guildId: snowflake.optional(),
	member: z.string().min(1).describe('A Discord id, a mention, or a name (user name, display name or nickname) that designates one member'),
	type: z.string().optional().describe('chantier (default), congés, formation…'),
	start: z.string().min(1),
	end: z.string().min(1),
	chantier: z.string().optional().describe('A chantier code'),
	note: z.string().max(500).optional(),
	force: z.boolean().optional(),
	createdBy: snowflake.optional(),
	locale: z.enum(['fr', 'en']).optional().describe('Language of the problems\' messages; the bot\'s default when absent')
});

export interface EntryRequest {
	guildId: string;
	/** The member planned: a Discord id, a mention, or a name (user name, display name or nickname). */
	member: string;
	/** As typed (`chantier`, `congés`, `leave`…); `chantier` when absent. */
	type?: string | null;
	/** As members type them (`lundi 8h`, `25/12`, `2026-12-25 08:00`) or ISO with an offset; days alone make an all-day entry. */
	start: string;
	end: string;
	/** A chantier code of the guild. */
	chantier?: string | null;
	note?: string | null;
	/** Who asked for it; the bot itself when absent. */
	createdBy?: string | null;
	/** Write even when the member already has entries at that time. */
	force?: boolean;
}

export interface EntryProblem {
	code: string;
	message: string;
	/** The entries in the way, for `clash`. */
	clashes?: EntryJson[];
}

export type EntryOutcome = { ok: true; entry: EntryJson; occurrences: number } | { ok: false; problems: EntryProblem[] };

export type EntryJson = ReturnType<typeof entryJson>;

/** What `entryJson` answers, as the HTTP routes describe it in /openapi.json. */
export const entryJsonSchema = z.object({
	id: z.string(),
	memberId: z.string(),
	type: z.string(),
	status: z.string(),
	startsAt: z.string(),
	endsAt: z.string(),
	allDay: z.boolean(),
	chantier: z.string().nullable(),
	note: z.string().nullable()
});

export function entryJson(entry: ViewEntry | PlanningEntry) {
	return {
		id: entry.id,
		memberId: entry.userId,
		type: entry.type,
		status: entry.status,
		startsAt: entry.startsAt.toISOString(),
		endsAt: entry.endsAt.toISOString(),
		allDay: entry.allDay,
		chantier: 'chantier' in entry ? (entry.chantier?.code ?? null) : null,
		note: entry.note
	};
}

/**
 * Adds an entry as `/planifier` does, in the guild's time zone; an overlap is refused (problem `clash`,
 * with the entries in the way) unless `force`. What to fix comes back in `locale` (the bot's default language when absent).
 */
export async function submitEntry(request: EntryRequest, locale: Locale = getDefaultLocale()): Promise<EntryOutcome> {
	const t = text(locale);
	const userId = await memberIdOf(request.guildId, request.member);
	if (!userId) return { ok: false, problems: [{ code: 'unknownMember', message: t('unknownMember', { value: request.member.slice(0, 40) }) }] };
	const type = parseType(request.type ?? 'chantier');
	if (!type) return { ok: false, problems: [{ code: 'badType', message: t('badType', { value: (request.type ?? '').slice(0, 30) }) }] };
	return outcomeOf(async () => {
		const times = parseTimes(request.start, request.end, locale, request.guildId);
		const chantierId = await resolveChantier(request.guildId, request.chantier);
		return createEntry(
			container.db,
			{ guildId: request.guildId, userId, createdBy: request.createdBy ?? container.client.user!.id, type, ...times, chantierId, note: request.note ?? null },
			{ timeZone: planningSettings(request.guildId).timeZone, force: request.force }
		);
	}, locale);
}

/**
 * The member an integration names: by id or mention, looked up like a name so that an id of nobody on the
 * server (a typo, someone who left) is refused rather than planned; by name more often than by id (a Tally
 * answer, a spreadsheet column).
 */
async function memberIdOf(guildId: string, typed: string): Promise<string | null> {
	const guild = await botGuild(guildId);
	return guild && typed.trim() ? ((await findMember(guild, typed.trim()))?.id ?? null) : null;
}

export interface EntryRevision {
	start: string;
	end: string;
	type?: string | null;
	note?: string | null;
	/** Write even when the new times overlap the member's other entries. */
	force?: boolean;
}

/** Moves or edits an entry an integration added (a calendar event that changed), with the same checks; `unknownEntry` once it is deleted. */
export async function reviseEntry(guildId: string, id: string, revision: EntryRevision): Promise<EntryOutcome> {
	const locale = getDefaultLocale();
	const type = revision.type ? parseType(revision.type) : undefined;
	if (type === null) return { ok: false, problems: [{ code: 'badType', message: text(locale)('badType', { value: String(revision.type).slice(0, 30) }) }] };
	return outcomeOf(() => {
		const times = parseTimes(revision.start, revision.end, locale, guildId);
		return updateEntry(container.db, { guildId, id }, { ...times, type, note: revision.note }, { timeZone: planningSettings(guildId).timeZone, force: revision.force });
	});
}

/** Deletes (softly, as `/supprimerplanning`) an entry an integration added; false when it was already gone. */
export async function withdrawEntry(guildId: string, id: string): Promise<boolean> {
	try {
		return (await softDelete(container.db, { guildId, id })) > 0;
	} catch (error) {
		if ((error as PlanningError).problem === 'unknownEntry') return false;
		throw error;
	}
}

/** A write's result as the integration sees it: the entry, the clashes in the way, or what to fix in `locale`. */
async function outcomeOf(write: () => Promise<WriteResult>, locale: Locale = getDefaultLocale()): Promise<EntryOutcome> {
	try {
		const result = await write();
		if (result.status === 'clash') {
			const clashes = (await withChantiers(container.db, result.clashes)).map(entryJson);
			return { ok: false, problems: [{ code: 'clash', message: text(locale)('clashTitle'), clashes }] };
		}
		const [entry] = await withChantiers(container.db, [result.entry]);
		return { ok: true, entry: entryJson(entry!), occurrences: result.occurrences };
	} catch (error) {
		const message = problemText(locale, error);
		if (message === null) throw error;
		const code = error instanceof InputError ? error.key : (error as PlanningError).problem;
		return { ok: false, problems: [{ code, message }] };
	}
}
