import { container } from '@sapphire/framework';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, TimestampStyles, time, type EmbedBuilder, type Guild } from 'discord.js';
import { DateTime } from 'luxon';
import { addDays, buildEmbed, escapeUserText, labelled, todayIn, type Locale } from '#core/plugin-kit.ts';
import { addMonths, dayLabel, firstOfMonth, mondayOf, monthLabel } from './dates.ts';
import { chunkLines, embedCharacters, embedLimits, packEmbeds } from './embed-limits.ts';
import { entriesInRange, entriesOnDay, isInSeries, monthRange, shortId, weekRange, type PlanningEntry, type ViewEntry } from './planning.ts';
import { countPlanningInRange, type TypeCounts } from './queries.ts';
import { parseStoredRule, describeRrule } from './recurrence.ts';
import { planningSettings } from './settings.ts';
import { text, typeIcons, typeLabel } from './text.ts';

export type ViewMode = 'week' | 'month';

/** Entries read for one page of a view: more than an embed holds, so a page ends where the description is full. */
const pageEntries = 40;
/** Room for the days of a view in the embed's description (Discord allows 4,096 characters). */
const descriptionRoom = 3_900;
/** A view counts its entries no further than this; beyond, it says "more than". */
export const viewCountCap = 1_000;

export interface ViewRequest {
	guildId: string;
	/** Null: the whole team. */
	memberId: string | null;
	mode: ViewMode;
	/** Any day of the period, `YYYY-MM-DD`. */
	anchor: string;
	locale: Locale;
	/** Who may press the navigation buttons. */
	requesterId: string;
	/** A later page of the period: the entries after `after.id` (keyset), `after.shown` of them on the earlier pages. */
	after?: { id: string; shown: number } | null;
}

/**
 * Navigation buttons carry their whole state: `planning:nav:<w|m>:<day>:<member|all>:<requester>`, then
 * a tag, or for the next page `<entries shown so far>.<last entry's id in base64url>` (a custom id holds
 * 100 characters: the id's 36-character text would not fit beside two member ids).
 */
export const navPrefix = 'planning:nav:';

export function navCustomId(request: Pick<ViewRequest, 'mode' | 'anchor' | 'memberId' | 'requesterId'>): string {
	return `${navPrefix}${request.mode === 'week' ? 'w' : 'm'}:${request.anchor}:${request.memberId ?? 'all'}:${request.requesterId}`;
}

export function parseNavCustomId(customId: string): Omit<ViewRequest, 'guildId' | 'locale'> | null {
	const match = /^planning:nav:([wm]):(\d{4}-\d{2}-\d{2}):(\d+|all):(\d+)(?::(?:(\d{1,6})\.([\w-]{22})|\w+))?$/.exec(customId);
	if (!match) return null;
	return {
		mode: match[1] === 'w' ? 'week' : 'month',
		anchor: match[2]!,
		memberId: match[3] === 'all' ? null : match[3]!,
		requesterId: match[4]!,
		after: match[6] ? { id: uuidFromBase64(match[6]), shown: Number(match[5]) } : null
	};
}

const uuidToBase64 = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');

function uuidFromBase64(value: string): string {
	const hex = Buffer.from(value, 'base64url').toString('hex').padEnd(32, '0');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The embed and navigation buttons of a week or month view. A busy team's month holds thousands of
 * entries: the view reads one page of them in (start, id) order, as many as its description holds,
 * and a "next" button carries the last one (keyset); the counts stop at `viewCountCap`.
 */
export async function renderView(request: ViewRequest, guild: Guild | null) {
	const { timeZone } = planningSettings(request.guildId);
	const t = text(request.locale);
	const start = request.mode === 'week' ? mondayOf(request.anchor) : firstOfMonth(request.anchor);
	const range = request.mode === 'week' ? weekRange(start, timeZone) : monthRange(start, timeZone);
	const scope = { guildId: request.guildId, userId: request.memberId, range };
	const [fetched, counts] = await Promise.all([
		entriesInRange(container.db, { ...scope, after: request.after?.id, limit: pageEntries + 1 }),
		countPlanningInRange(container.db, scope, viewCountCap)
	]);
	const who = request.memberId ? await memberName(guild, request.memberId) : null;
	const title =
		request.mode === 'week'
			? who
				? t('weekTitle', { who, day: dayLabel(start, request.locale) })
				: t('teamWeekTitle', { day: dayLabel(start, request.locale) })
			: who
				? t('monthTitle', { who, month: monthLabel(start, request.locale) })
				: t('teamMonthTitle', { month: monthLabel(start, request.locale) });
	let shown = fetched.slice(0, pageEntries);
	let description = daySections(shown, request, start, range, timeZone);
	while (description.length > descriptionRoom && shown.length > 1) {
		shown = shown.slice(0, -1);
		description = daySections(shown, request, start, range, timeZone);
	}
	const before = request.after?.shown ?? 0;
	const more = fetched.length > shown.length;
	const footerNote =
		before > 0 || more
			? t(counts.capped ? 'pageFooterCapped' : 'pageFooter', { from: before + 1, to: before + shown.length, total: counts.total })
			: undefined;
	const summary = counts.capped ? t('countCapped', { total: counts.total }) : typeCounts(counts.byType, request.locale);
	const embed = buildEmbed({
		kind: 'info',
		title,
		description: description || t('nothing'),
		fields: summary ? [{ name: t('summary'), value: summary }] : undefined,
		footerNote
	});
	const last = shown.at(-1);
	const next = more && last ? { id: last.id, shown: before + shown.length } : null;
	return { embeds: [embed], components: [navRow(request, start, next)] };
}

/** The entries under their days: a month lists each entry once, on its first day in the month; a week repeats long entries daily. */
function daySections(entries: ViewEntry[], request: ViewRequest, start: string, range: { start: Date }, timeZone: string): string {
	const days =
		request.mode === 'week'
			? Array.from({ length: 7 }, (_, index) => addDays(start, index))
			: Array.from({ length: DateTime.fromISO(start).daysInMonth! }, (_, index) => addDays(start, index));
	const sections: string[] = [];
	for (const day of days) {
		const onDay =
			request.mode === 'week'
				? entriesOnDay(entries, day, timeZone)
				: entries.filter((entry) => (entry.startsAt < range.start ? start : todayIn(timeZone, entry.startsAt)) === day);
		if (onDay.length === 0) continue;
		const lines = onDay.map((entry) => entryLine(entry, request.locale, { withMember: !request.memberId }));
		sections.push(`**${capitalize(dayLabel(day, request.locale))}**\n${lines.join('\n')}`);
	}
	return sections.join('\n\n');
}

function navRow(request: ViewRequest, start: string, next: { id: string; shown: number } | null) {
	const t = text(request.locale);
	const week = request.mode === 'week';
	const today = todayIn(planningSettings(request.guildId).timeZone, new Date());
	const id = (anchor: string, tag: string) => `${navCustomId({ ...request, anchor })}:${tag}`;
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(id(week ? addDays(start, -7) : addMonths(start, -1), 'prev'))
			.setLabel(week ? t('previousWeek') : t('previousMonth'))
			.setEmoji('⬅️')
			.setStyle(ButtonStyle.Secondary),
		new ButtonBuilder().setCustomId(id(today, 'today')).setLabel(t('today')).setStyle(ButtonStyle.Primary),
		new ButtonBuilder()
			.setCustomId(id(week ? addDays(start, 7) : addMonths(start, 1), 'next'))
			.setLabel(week ? t('nextWeek') : t('nextMonth'))
			.setEmoji('➡️')
			.setStyle(ButtonStyle.Secondary)
	);
	if (next) {
		row.addComponents(
			new ButtonBuilder()
				.setCustomId(id(start, `${next.shown}.${uuidToBase64(next.id)}`))
				.setLabel(t('nextPage'))
				.setEmoji('⏬')
				.setStyle(ButtonStyle.Secondary)
		);
	}
	return row;
}

function typeCounts(byType: TypeCounts, locale: Locale): string | null {
	const counted = Object.entries(byType) as [PlanningEntry['type'], number][];
	if (counted.length === 0) return null;
	return counted.map(([type, count]) => `${typeIcons[type]} ${labelled(typeLabel(locale, type), String(count), locale)}`).join(' · ');
}

/**
 * One entry as members read it: times as Discord timestamps (each reader sees their local time),
 * member as a mention (rendered, never pinging: replies use allowedMentions), user text escaped.
 */
export function entryLine(entry: ViewEntry, locale: Locale, { withMember = false, withDay = false } = {}): string {
	const t = text(locale);
	const { timeZone } = planningSettings(entry.guildId);
	const sameDay = todayIn(timeZone, entry.startsAt) === todayIn(timeZone, new Date(entry.endsAt.getTime() - 1));
	const when = entry.allDay
		? sameDay
			? `${withDay ? `${time(entry.startsAt, TimestampStyles.LongDate)} · ` : ''}${t('allDay')}`
			: `${time(entry.startsAt, TimestampStyles.ShortDate)} → ${time(new Date(entry.endsAt.getTime() - 1), TimestampStyles.ShortDate)}`
		: sameDay
			? `${withDay ? `${time(entry.startsAt, TimestampStyles.ShortDate)} ` : ''}${time(entry.startsAt, TimestampStyles.ShortTime)}–${time(entry.endsAt, TimestampStyles.ShortTime)}`
			: `${time(entry.startsAt, TimestampStyles.ShortDateTime)} → ${time(entry.endsAt, TimestampStyles.ShortDateTime)}`;
	const parts = [
		`${typeIcons[entry.type]} ${when}`,
		withMember ? `<@${entry.userId}>` : null,
		`**${typeLabel(locale, entry.type)}**${entry.chantier ? ` ${escapeUserText(entry.chantier.code)} ${escapeUserText(entry.chantier.name)}` : ''}`,
		entry.note ? `*${escapeUserText(entry.note.length > 120 ? `${entry.note.slice(0, 119)}…` : entry.note)}*` : null,
		entry.status === 'prevu' ? null : t(`status_${entry.status}`),
		isInSeries(entry) ? '🔁' : null,
		`\`${shortId(entry.id)}\``
	].filter(Boolean);
	const line = parts.join(' · ');
	return entry.status === 'annule' ? `~~${line}~~` : line;
}

/** A longer description of one entry, for confirmations and results. */
export function entrySummary(entry: ViewEntry, locale: Locale): string {
	const line = entryLine(entry, locale, { withMember: true, withDay: true });
	if (!entry.rrule) return line;
	const { timeZone } = planningSettings(entry.guildId);
	return `${line}\n🔁 ${text(locale)('series', { rule: describeRrule(parseStoredRule(entry.rrule, { start: entry.startsAt, timeZone }), locale) })}`;
}

export async function memberName(guild: Guild | null, userId: string): Promise<string> {
	const member = guild ? (guild.members.cache.get(userId) ?? (await guild.members.fetch(userId).catch(() => null))) : null;
	const name = member?.displayName ?? container.client.users.cache.get(userId)?.displayName ?? userId;
	return escapeUserText(name);
}

/**
 * The week's planning of a guild as messages to post in order: a header, then one embed per day with
 * entries (readable on a phone). Each message stays within Discord's limits (10 embeds, 6,000
 * characters of embeds); a day too long for one embed continues in the next ones, titled "(suite)".
 * Every entry of the week is listed, none is dropped.
 */
export async function weeklyMessages(guildId: string, locale: Locale, now = new Date()): Promise<EmbedBuilder[][]> {
	const { timeZone } = planningSettings(guildId);
	const t = text(locale);
	const monday = mondayOf(todayIn(timeZone, now));
	const entries = await entriesInRange(container.db, { guildId, range: weekRange(monday, timeZone) });
	const header = buildEmbed({ kind: 'info', title: t('weeklyTitle', { day: dayLabel(monday, locale, true) }) });
	const embeds: EmbedBuilder[] = [];
	for (let index = 0; index < 7; index++) {
		const day = addDays(monday, index);
		const onDay = entriesOnDay(entries, day, timeZone);
		if (onDay.length === 0) continue;
		const lines = onDay
			.sort((a, b) => a.userId.localeCompare(b.userId) || a.startsAt.getTime() - b.startsAt.getTime())
			.map((entry) => entryLine(entry, locale, { withMember: true }));
		const label = capitalize(dayLabel(day, locale));
		const title = (part: number) => (part === 0 ? t('weeklyDay', { day: label }) : t('weeklyDayContinued', { day: label }));
		// What an embed of this day costs besides its description (title with icon, footer), so that a
		// full one still fits alone in a message.
		const overhead = embedCharacters(buildEmbed({ kind: 'info', title: title(1) }).toJSON());
		const room = Math.min(embedLimits.description, embedLimits.charactersPerMessage - overhead);
		for (const [part, description] of chunkLines(lines, room).entries()) embeds.push(buildEmbed({ kind: 'info', title: title(part), description }));
	}
	if (embeds.length === 0) header.setDescription(t('weeklyEmpty'));
	return packEmbeds([header, ...embeds], (embed) => embedCharacters(embed.toJSON()));
}

const capitalize = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
