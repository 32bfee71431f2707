import { z } from 'zod';
import type { RouteSchema } from '#core/plugin-kit.ts';

/** What `GET /api/stats` and `GET /stats` answer: the totals of the stats_globales view. */
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
