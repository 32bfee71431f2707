import { z } from 'zod';

/**
 * Stored in `bot_config` (`plugins.webhooks.settings`, and per server), read through the plugin context.
 * A Tally form (or a Google channel) is processed in every server whose settings map its id (a bot-wide
 * mapping applies in every server the bot serves: map them per server when there are several).
 */

/** A Tally field named by its key (`question_3EKz4n`, stable when the question is reworded) or its label. */
const field = z.string().trim().min(1).max(200);
/** Several fields are joined with a space: a date question and a time question make one start. */
const fields = z.union([field, z.array(field).min(1).max(4)]);

const taskMapping = z.object({
	create: z.literal('task'),
	title: fields,
	description: fields.optional(),
	due: fields.optional(),
	priority: fields.optional(),
	tags: fields.optional(),
	/** A field holding the assignee's Discord id (a hidden field filled by the link shared with them). */
	assignee: fields.optional(),
	chantier: fields.optional(),
	/** Values used when the form has no such field or it was left empty, e.g. `{ "priority": "haute" }`. */
	defaults: z
		.object({ priority: z.string().max(20), tags: z.string().max(200), chantier: z.string().max(60), due: z.string().max(60) })
		.partial()
		.default({})
});

const planningMapping = z.object({
	create: z.literal('planning'),
	/** A field holding the member's Discord id, mention or name. */
	member: fields,
	start: fields,
	end: fields,
	type: fields.optional(),
	chantier: fields.optional(),
	note: fields.optional(),
	defaults: z.object({ type: z.string().max(30), chantier: z.string().max(60) }).partial().default({})
});

export const tallyFormMapping = z.discriminatedUnion('create', [taskMapping, planningMapping]);
export type TallyFormMapping = z.output<typeof tallyFormMapping>;

/** A Google Calendar watched through a push channel: its events become planning entries of one member. */
export const googleCalendar = z.object({
	/** The `id` given when opening the watch channel (`events.watch`), sent back in `X-Goog-Channel-ID`. */
	channelId: z.string().regex(/^[A-Za-z0-9/_+=-]{1,64}$/, 'a channel id (letters, digits, -_/+=)'),
	calendarId: z.string().min(1).max(200),
	/** Whose planning the events fill: a Discord id. */
	member: z.string().regex(/^\d{5,25}$/, 'a Discord id'),
	/** The entries' type (`chantier`, `congés`, `formation`…). */
	type: z.string().max(30).default('chantier')
});
export type GoogleCalendar = z.output<typeof googleCalendar>;

export const webhooksSettings = z.object({
	/** Tally form id (as in `tally.so/r/<id>`) → what its responses create. */
	tallyForms: z.record(z.string().regex(/^[A-Za-z0-9_-]{3,40}$/, 'a Tally form id such as "wM4xQz"'), tallyFormMapping).default({}),
	googleCalendars: z.array(googleCalendar).max(50).default([])
});

export type WebhooksSettings = z.output<typeof webhooksSettings>;
