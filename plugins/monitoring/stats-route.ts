import { container } from '@sapphire/framework';
import { z } from 'zod';
import type { RouteSchema } from '#core/plugin-kit.ts';
import { globalStats } from './queries.ts';

/**
 * The totals both routes answer, from the figures cache: computed again only after a committed write
 * to a table they summarise (or after a minute, for the figures that slide with the clock).
 */
export function cachedGlobalStats() {
	return container.figures.remember('monitoring.global-stats', () => globalStats(container.db, { timeZone: container.config.TZ_DEFAULT }));
}

/** What `GET /api/stats` and `GET /stats` answer: the totals of `globalStats`. */
export const statsSchema = {
	summary: 'Totals for dashboards',
	description: 'Messages, active members, tasks, chantiers, today\'s planning and moderation cases, across every server.',
	tags: ['monitoring'],
	responses: {
		200: {
			description: 'The totals',
			schema: z.object({
				messagesTotal: z.number(),
				messagesLast24h: z.number(),
				activeMembers7d: z.number(),
				openTasks: z.number(),
				overdueTasks: z.number(),
				doneTasks: z.number(),
				activeChantiers: z.number(),
				planningToday: z.number(),
				moderationCases30d: z.number()
			})
		}
	}
} satisfies RouteSchema;
