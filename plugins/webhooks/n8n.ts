import type { Guild } from 'discord.js';
import { z } from 'zod';
import { channelReference, embedInput, postToChannel } from '#core/plugin-kit.ts';
import { entryBody, submitEntry } from '../planning/public.ts';
import { createTaskBody, submitTask } from '../tasks/public.ts';
import type { Issue } from './receiver.ts';

/** What an n8n workflow may ask: a message or an embed in a channel, a task, a planning entry (as `POST /api/tasks` and `POST /api/discord/planning` take them, `locale` included). */

const snowflake = z.string().regex(/^\d{5,25}$/, 'a Discord id');
const common = {
	/** The server; may be left out when the bot serves one. */
	guildId: snowflake.optional(),
	/** The workflow's id for this delivery: sent again (a retried node), it is done once and answered the same; a refused one is done again. */
	eventId: z.string().min(1).max(200).optional()
};

export const n8nAction = z.discriminatedUnion('action', [
	z.object({ action: z.literal('message'), ...common, channel: channelReference, content: z.string().trim().min(1).max(2000) }),
	z.object({ action: z.literal('embed'), ...common, channel: channelReference, content: z.string().max(2000).optional(), embed: embedInput }),
	createTaskBody.extend({ action: z.literal('task'), ...common }),
	entryBody.extend({ action: z.literal('planning'), ...common })
]);
export type N8nAction = z.output<typeof n8nAction>;

/** What to answer the workflow, and how the log row ends. */
export type ActionOutcome = { ok: true; httpStatus: number; body: Record<string, unknown> } | { ok: false; httpStatus: number; body: Record<string, unknown>; error: string };

const refused = (httpStatus: number, error: string, details: Record<string, unknown>): ActionOutcome => ({ ok: false, httpStatus, error, body: { error, ...details } });
const badField = (path: string, message: string) => refused(400, 'Invalid request', { issues: [{ in: 'body', path, message }] satisfies Issue[] });

/** Does what the workflow asked in a server; a Discord refusal (missing permission) is a 502 naming it, never a crash. */
export async function runAction(action: N8nAction, guild: Guild): Promise<ActionOutcome> {
	const guildId = guild.id;
	switch (action.action) {
		case 'message':
		case 'embed': {
			const posted = await postToChannel(guild, action.channel, action);
			if (posted.ok) return { ok: true, httpStatus: 201, body: { message: posted.message } };
			return posted.reason === 'unknownChannel'
				? badField('channel', `no text channel "${action.channel}" in the server`)
				: refused(502, `Discord refused the message: ${posted.error}`, {});
		}
		case 'task': {
			const { action: _action, guildId: _guild, eventId: _event, locale, ...request } = action;
			const outcome = await submitTask({ ...request, guildId }, locale);
			return outcome.ok
				? { ok: true, httpStatus: 201, body: { task: outcome.task } }
				: refused(400, 'Task refused', { problems: outcome.problems });
		}
		case 'planning': {
			const { action: _action, guildId: _guild, eventId: _event, locale, ...request } = action;
			const outcome = await submitEntry({ ...request, guildId }, locale);
			return outcome.ok
				? { ok: true, httpStatus: 201, body: { entry: outcome.entry, occurrences: outcome.occurrences } }
				: refused(outcome.problems.some((problem) => problem.code === 'clash') ? 409 : 400, 'Planning entry refused', { problems: outcome.problems });
		}
	}
}
