import { container } from '@sapphire/framework';
import { PermissionFlagsBits, type Interaction, type Message, type PermissionsBitField } from 'discord.js';
import { DateTime } from 'luxon';
import { buildEmbed, calendarDay, parseDayTime, respond, startOfDay, todayIn, type DayTime, type Locale } from '#core/plugin-kit.ts';
import { findChantier } from '../team/public.ts';
import { PlanningError, type EntryType } from './planning.ts';
import { momentLabel } from './dates.ts';
import { planningSettings } from './settings.ts';
import { text, type TextKey } from './text.ts';

/** A problem with what the member typed, told in their language. */
export class InputError extends Error {
	readonly key: TextKey;
	readonly vars: Record<string, string | number>;

	constructor(
		key: TextKey,
		vars: Record<string, string | number> = {}
	) {
		super(`planning input: ${key}`);
		this.key = key;
		this.vars = vars;
	}
}

/** The message saying what to fix, or null when `error` is not a member's mistake (then rethrow). */
export function problemText(locale: Locale, error: unknown): string | null {
	const t = text(locale);
	if (error instanceof InputError) return t(error.key, error.vars);
	if (error instanceof PlanningError) {
		const vars = { ...error.vars };
		if (typeof vars.until === 'string') vars.until = calendarDay(vars.until, locale);
		if (error.problem === 'badTransition') {
			vars.from = t(`status_${String(vars.from)}` as TextKey);
			vars.to = t(`status_${String(vars.to)}` as TextKey);
		}
		return t(error.problem, vars);
	}
	return null;
}

/** Answers a member's mistake with an ephemeral warning; rethrows anything else (the host reports it). */
export async function answerProblem(target: Interaction | Message, locale: Locale, error: unknown): Promise<void> {
	const description = problemText(locale, error);
	if (description === null) throw error;
	await respond(target, { embeds: [buildEmbed({ kind: 'warning', title: text(locale)('problemTitle'), description })], ephemeral: true });
}

/** Managers may plan, edit and delete other members' entries. */
export function isPlanner(permissions: Readonly<PermissionsBitField> | null | undefined): boolean {
	return Boolean(permissions?.any([PermissionFlagsBits.Administrator, PermissionFlagsBits.ManageMessages, PermissionFlagsBits.ManageEvents]));
}

const typeWords: Record<string, EntryType> = {
	chantier: 'chantier',
	site: 'chantier',
	'work site': 'chantier',
	worksite: 'chantier',
	conges: 'conges',
	conge: 'conges',
	leave: 'conges',
	vacances: 'conges',
	formation: 'formation',
	training: 'formation',
	reunion: 'reunion',
	meeting: 'reunion',
	autre: 'autre',
	other: 'autre'
};

export const plainWord = (value: string) =>
	value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim();

/** "Congés", "conges", "leave" → `conges`; null when unknown. */
export function parseType(value: string): EntryType | null {
	return typeWords[plainWord(value)] ?? null;
}

export interface TypedTimes {
	startsAt: Date;
	endsAt: Date;
	allDay: boolean;
}

/** A day typed in `field` could not be read: says why, quoting it (`31/02` is a date that does not exist). */
export function dateProblem(reason: 'unrecognised' | 'invalid', typed: string, field: string): InputError {
	return new InputError(reason === 'invalid' ? 'noSuchDate' : 'badDate', { value: typed.slice(0, 60), field });
}

/**
 * Start and end as typed, read by the core's day service (core/days.ts) in the planning's zone. Days
 * without hours make an all-day entry (end day included); a start without hour starts at 08:00 and an
 * end without hour ends at 17:00 when the other has one. An end that names its date ("demain 9h",
 * "25/12") means what it would mean as a start; a bare hour ("17h") is on the start's day and a weekday
 * ("vendredi 16h") the first one from the start's day. An end that comes out before the start is
 * refused with both moments spelled out, rather than moved to the next day behind the member's back.
 */
export function parseTimes(startText: string, endText: string, locale: Locale, guildId: string, now = new Date()): TypedTimes {
	const { timeZone } = planningSettings(guildId);
	const t = text(locale);
	const start = parseDayTime(startText, timeZone, now, { hour: 8, minute: 0 });
	if (!start.ok) throw dateProblem(start.reason, startText, t('startName'));
	const endDefault = { hour: 17, minute: 0 };
	const typedEnd = parseDayTime(endText, timeZone, now, endDefault);
	const end = typedEnd.ok && !typedEnd.hasDate ? parseDayTime(endText, timeZone, startOfDay(todayIn(timeZone, start.at), timeZone), endDefault) : typedEnd;
	if (!end.ok) throw dateProblem(end.reason, endText, t('endName'));
	const times = timesOf(start, end, timeZone);
	if (times.endsAt <= times.startsAt) {
		const spelled = (moment: DayTime) => momentLabel(moment.at, timeZone, locale, moment.hasTime);
		throw new InputError('endBeforeTypedStart', { start: spelled(start), end: spelled(end) });
	}
	return times;
}

function timesOf(start: DayTime, end: DayTime, timeZone: string): TypedTimes {
	if (!start.hasTime && !end.hasTime) {
		const first = DateTime.fromISO(todayIn(timeZone, start.at), { zone: timeZone });
		const last = DateTime.fromISO(todayIn(timeZone, end.at), { zone: timeZone });
		return { startsAt: first.toJSDate(), endsAt: last.plus({ days: 1 }).toJSDate(), allDay: true };
	}
	return { startsAt: start.at, endsAt: end.at, allDay: false };
}

/** A chantier typed by code or picked by id; throws what to fix when unknown. */
export async function resolveChantier(guildId: string, typed: string | null | undefined): Promise<string | null> {
	if (!typed?.trim()) return null;
	const chantier = await findChantier(container.db, guildId, typed);
	if (!chantier) throw new InputError('unknownChantier', { chantier: typed.slice(0, 40) });
	return chantier.id;
}

/** The public base of the HTTP API, for links members open from their phone. */
export function apiBaseUrl(): string {
	const configured = planningSettings().feedBaseUrl;
	if (configured) return configured.replace(/\/$/, '');
	const address = container.server.server.address();
	const port = address && typeof address === 'object' ? address.port : container.config.API_PORT;
	return `http://${container.config.API_HOST}:${port}/api`;
}

export function feedUrl(token: string, scope: { memberId?: string; chantierCode?: string }): string {
	const query = new URLSearchParams();
	if (scope.chantierCode) query.set('chantier', scope.chantierCode);
	else if (scope.memberId) query.set('member', scope.memberId);
	query.set('token', token);
	return `${apiBaseUrl()}/planning.ics?${query.toString()}`;
}

/** Splits `a ; b ; c` (prefix commands), dropping empty parts. */
export function segments(value: string): string[] {
	return value
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean);
}

/** `<@123>`, `<@!123>` or a bare id → the id. */
export function mentionedId(value: string): string | null {
	return /^<@!?(\d{15,21})>$/.exec(value.trim())?.[1] ?? (/^\d{15,21}$/.test(value.trim()) ? value.trim() : null);
}
