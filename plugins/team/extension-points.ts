import { extensionPoint, type Locale } from '#core/plugin-kit.ts';

/** The period a summary or a statistic covers, in the guild's time zone. */
export interface Period {
	guildId: string;
	from: Date;
	to: Date;
	timeZone: string;
	locale: Locale;
}

export interface SummarySection {
	title: string;
	lines: string[];
	/** Optional chart data; /resume draws the first one it receives. */
	chart?: { title: string; labels: string[]; series: { name: string; values: number[] }[] };
}

/**
 * `/resume` shows one section per contributing plugin (messages, tasks, planning…).
 * Contribute from your manifest: `onLoad({ contribute }) { contribute(summarySections, async (period) => …) }`.
 */
export const summarySections = extensionPoint<(period: Period) => Promise<SummarySection | null>>('team.summary-sections');

export interface MemberStat {
	name: string;
	value: string;
}

/** The periods `/stats` offers, in days: daily figures must be kept at least as long as the longest. */
export const statsPeriods = [7, 30, 90] as const;

/** `/stats` shows the figures each contributing plugin gives for one member over the period. */
export const memberStats = extensionPoint<(period: Period & { userId: string }) => Promise<MemberStat[]>>('team.member-stats');

/** What `/chantier` shows a section about: one chantier, over the current week in the guild's time zone. */
export interface ChantierPeriod extends Period {
	chantierId: string;
}

/**
 * `/chantier` (admin plugin) shows one section per contributing plugin: open tasks, who is planned
 * there this week… Contributions read their own tables by `chantierId`; return null to show nothing.
 */
export const chantierSections = extensionPoint<(period: ChantierPeriod) => Promise<SummarySection | null>>('team.chantier-sections');
