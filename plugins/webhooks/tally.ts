import { container } from '@sapphire/framework';
import { z } from 'zod';
import { botGuildIds, escapeUserText, getDefaultLocale, guildSettings, postToLogChannel, type PluginContext } from '#core/plugin-kit.ts';
import { submitEntry, type EntryJson, type EntryProblem, type EntryRequest } from '../planning/public.ts';
import { submitTask, type TaskJson, type TaskRequest } from '../tasks/public.ts';
import { finishWebhook, findWebhook } from './queries.ts';
import type { TallyFormMapping, WebhooksSettings } from './settings.ts';
import { text } from './text.ts';

/** Tally form responses: their payload, their answers as text, and what a form's mapping makes of them. */

/** Every Tally delivery: `eventId` is the same when Tally retries it. */
export const tallyEnvelope = z.object({
	eventId: z.string().min(1).max(200),
	eventType: z.string().min(1).max(100),
	createdAt: z.string().optional(),
	data: z.unknown()
});

const tallyField = z.object({
	key: z.string().min(1),
	label: z.string().nullish(),
	type: z.string(),
	value: z.unknown(),
	options: z.array(z.object({ id: z.string(), text: z.string() })).optional()
});
export type TallyField = z.output<typeof tallyField>;

/** `data` of a `FORM_RESPONSE` delivery. */
export const formResponse = z.object({
	responseId: z.string().optional(),
	formId: z.string().min(1).max(100),
	formName: z.string().optional(),
	fields: z.array(tallyField).max(500)
});

/**
 * An answer as text. Choices (multiple choice, dropdown, checkboxes) come as option ids: their texts are
 * used, comma-separated; file uploads give their URLs; an unanswered question gives ''.
 */
export function answerOf(field: TallyField): string {
	const { value, options } = field;
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		return value
			.map((item) => {
				if (typeof item === 'string') return options?.find((option) => option.id === item)?.text ?? item;
				if (item && typeof item === 'object' && 'url' in item) return String((item as { url: unknown }).url);
				return typeof item === 'number' ? String(item) : '';
			})
			.filter(Boolean)
			.join(', ');
	}
	return '';
}

/** The answer to a field named by key or label (several joined by a space); undefined when empty or absent. */
function answer(fields: TallyField[], wanted: string | string[] | undefined): string | undefined {
	if (wanted === undefined) return undefined;
	const byName = (name: string) => {
		const lower = name.toLowerCase();
		const field = fields.find((candidate) => candidate.key === name) ?? fields.find((candidate) => candidate.label?.trim().toLowerCase() === lower);
		return field ? answerOf(field) : '';
	};
	const joined = (Array.isArray(wanted) ? wanted : [wanted]).map(byName).filter(Boolean).join(' ');
	return joined || undefined;
}

export type MappedRequest = { create: 'task'; request: Omit<TaskRequest, 'guildId'> } | { create: 'planning'; request: Omit<EntryRequest, 'guildId'> };

/** What a response asks for under a form's mapping; the owners (tasks, planning) check it when it is submitted. */
export function requestFrom(mapping: TallyFormMapping, fields: TallyField[]): MappedRequest {
	if (mapping.create === 'task') {
		return {
			create: 'task',
			request: {
				title: answer(fields, mapping.title) ?? '',
				description: answer(fields, mapping.description),
				due: answer(fields, mapping.due) ?? mapping.defaults.due,
				priority: answer(fields, mapping.priority) ?? mapping.defaults.priority,
				tags: answer(fields, mapping.tags) ?? mapping.defaults.tags,
				assigneeId: answer(fields, mapping.assignee),
				chantier: answer(fields, mapping.chantier) ?? mapping.defaults.chantier
			}
		};
	}
	return {
		create: 'planning',
		request: {
			member: answer(fields, mapping.member) ?? '',
			start: answer(fields, mapping.start) ?? '',
			end: answer(fields, mapping.end) ?? '',
			type: answer(fields, mapping.type) ?? mapping.defaults.type,
			chantier: answer(fields, mapping.chantier) ?? mapping.defaults.chantier,
			note: answer(fields, mapping.note)
		}
	};
}

type Created = { guildId: string; task: TaskJson } | { guildId: string; entry: EntryJson };
type Refused = { guildId: string; problems: EntryProblem[] };

/**
 * Processes a received `FORM_RESPONSE` (run from the queue, after Tally got its 200): in each server
 * whose settings map the form, a task or a planning entry. A refused one is recorded with what to fix
 * and told in the server's log channel, since nobody waits on the other end of a form.
 */
export async function processTallyResponse(context: PluginContext<WebhooksSettings>, deliveryId: number): Promise<void> {
	const delivery = await findWebhook(container.db, deliveryId);
	// A queue may run a job twice (a stalled worker): only a delivery still `recu` is processed.
	if (!delivery || delivery.status !== 'recu') return;
	const response = formResponse.parse((delivery.payload as { data: unknown }).data);
	const targets = (await botGuildIds())
		.filter((guildId) => container.plugins.isActive('webhooks', guildId))
		.map((guildId) => ({ guildId, mapping: context.settings(guildId).tallyForms[response.formId] }))
		.filter((target): target is { guildId: string; mapping: TallyFormMapping } => target.mapping !== undefined);
	if (targets.length === 0) {
		const error = `no server maps Tally form ${response.formId} (setting tallyForms)`;
		context.logger.warn({ deliveryId, formId: response.formId }, `Tally response not processed: ${error}`);
		await finishWebhook(container.db, deliveryId, { status: 'echec', error });
		return;
	}

	const created: Created[] = [];
	const refused: Refused[] = [];
	for (const { guildId, mapping } of targets) {
		const mapped = requestFrom(mapping, response.fields);
		const outcome = mapped.create === 'task' ? await submitTask({ ...mapped.request, guildId }) : await submitEntry({ ...mapped.request, guildId });
		if (outcome.ok) created.push('task' in outcome ? { guildId, task: outcome.task } : { guildId, entry: outcome.entry });
		else refused.push({ guildId, problems: outcome.problems });
	}
	const error = refused.length > 0 ? refused.flatMap(({ problems }) => problems.map((problem) => problem.message)).join(' · ') : null;
	await finishWebhook(container.db, deliveryId, { status: error ? 'echec' : 'traite', result: { created, refused }, error });
	context.logger.info({ deliveryId, formId: response.formId, created: created.length, refused: refused.length }, 'Tally response processed');
	for (const { guildId, problems } of refused) await tellRefused(guildId, response.formName ?? response.formId, problems);
}

async function tellRefused(guildId: string, form: string, problems: EntryProblem[]): Promise<void> {
	const t = text(guildSettings(guildId).locale ?? getDefaultLocale());
	await postToLogChannel(guildId, {
		kind: 'warning',
		title: t('tallyRefusedTitle'),
		description: t('tallyRefusedBody', { form: escapeUserText(form), problems: problems.map((problem) => `• ${problem.message}`).join('\n') }),
		source: 'webhooks.tally'
	});
}
