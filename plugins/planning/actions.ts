import { container } from '@sapphire/framework';
import { z } from 'zod';
import { buildEmbed, confirm, registerConfirmAction, registerForm, respond, type ConfirmOutcome, type Locale, type UiTarget } from '#core/plugin-kit.ts';
import { DateTime } from 'luxon';
import {
	createEntry,
	findEntry,
	noteMaxLength,
	shortId,
	softDelete,
	updateEntry,
	withChantiers,
	type EntryChanges,
	type EntryInput,
	type PlanningEntry,
	type WriteResult
} from './planning.ts';
import { planningSettings } from './settings.ts';
import { answerProblem, InputError, parseTimes, parseType, problemText, resolveChantier } from './support.ts';
import { text } from './text.ts';
import { entryLine, entrySummary, memberName } from './views.ts';

/** Dates travel as ISO strings inside the UI kit's cached state. */
type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K] };

export interface CreateArgs {
	input: Serialized<EntryInput> & { startsAt: string; endsAt: string };
}

export interface UpdateArgs {
	guildId: string;
	id: string;
	changes: Serialized<EntryChanges>;
}

export interface DeleteArgs {
	guildId: string;
	id: string;
	series: boolean;
}

export interface EditFormData {
	guildId: string;
	id: string;
	values: { type: string; debut: string; fin: string; chantier: string; note: string };
}

const reviveChanges = (changes: Serialized<EntryChanges>): EntryChanges => ({
	...changes,
	startsAt: changes.startsAt ? new Date(changes.startsAt) : undefined,
	endsAt: changes.endsAt ? new Date(changes.endsAt) : undefined
});

const serializeChanges = (changes: EntryChanges): Serialized<EntryChanges> => ({
	...changes,
	startsAt: changes.startsAt?.toISOString(),
	endsAt: changes.endsAt?.toISOString()
});

/** Turns a write into what the member sees; a mistake found late (e.g. the start passed meanwhile) becomes a warning. */
async function outcomeOf(locale: Locale, write: () => Promise<WriteResult>, title: 'createdTitle' | 'editedTitle'): Promise<ConfirmOutcome> {
	const t = text(locale);
	try {
		const result = await write();
		if (result.status === 'clash') return { kind: 'warning', title: t('clashTitle') };
		const [entry] = await withChantiers(container.db, [result.entry]);
		const what = entrySummary(entry!, locale);
		const description =
			result.occurrences > 1
				? t('createdSeriesBody', { what, count: result.occurrences, id: shortId(result.entry.id) })
				: t('createdBody', { what, id: shortId(result.entry.id) });
		return { title: result.occurrences > 1 ? t('createdSeriesTitle') : t(title), description };
	} catch (error) {
		const problem = problemText(locale, error);
		if (problem === null) throw error;
		return { kind: 'warning', title: t('problemTitle'), description: problem };
	}
}

/** Asks whether to write despite overlapping entries; pressing "confirm" runs the registered action with `force`. */
export async function askAboutClashes(
	target: UiTarget,
	locale: Locale,
	clashes: PlanningEntry[],
	request: { action: 'planning.create'; args: CreateArgs } | { action: 'planning.update'; args: UpdateArgs },
	userId: string
): Promise<void> {
	const t = text(locale);
	const guild = 'guild' in target ? target.guild : null;
	const rows = await withChantiers(container.db, clashes.slice(0, 10));
	const list = rows.map((row) => `• ${entryLine(row, locale, { withDay: true })}`).join('\n');
	await confirm(target, {
		action: request.action,
		args: request.args,
		title: t('clashTitle'),
		description: t('clashBody', { who: await memberName(guild, userId), count: clashes.length, list, action: request.action === 'planning.create' ? 'create' : 'save' }),
		confirmLabel: request.action === 'planning.create' ? t('clashConfirm') : t('clashSaveConfirm'),
		locale,
		ephemeral: true
	});
}

const editSchema = z.object({
	type: z.string().trim().min(1).max(30),
	debut: z.string().trim().min(1).max(60),
	fin: z.string().trim().min(1).max(60),
	chantier: z.string().trim().max(60).optional(),
	note: z.string().trim().max(noteMaxLength).optional()
});

/** Pre-filled modal values: dates as `YYYY-MM-DD HH:mm` in the planning's zone (parsed back exactly). */
export function formValuesOf(entry: PlanningEntry & { chantier: { code: string } | null }): EditFormData['values'] {
	const { timeZone } = planningSettings(entry.guildId);
	const local = (date: Date, format: string) => DateTime.fromJSDate(date, { zone: timeZone }).toFormat(format);
	return {
		type: entry.type,
		debut: entry.allDay ? local(entry.startsAt, 'yyyy-MM-dd') : local(entry.startsAt, 'yyyy-MM-dd HH:mm'),
		fin: entry.allDay ? local(new Date(entry.endsAt.getTime() - 1), 'yyyy-MM-dd') : local(entry.endsAt, 'yyyy-MM-dd HH:mm'),
		chantier: entry.chantier?.code ?? '',
		note: entry.note ?? ''
	};
}

/**
 * Applies what a member typed in the edit form (or after `!modifierplanning`): only fields that
 * changed are written; asks about overlaps like `/planifier`.
 */
export async function applyEdit(
	target: UiTarget,
	locale: Locale,
	{ guildId, id, before, typed }: { guildId: string; id: string; before: EditFormData['values']; typed: Partial<EditFormData['values']> }
): Promise<void> {
	const t = text(locale);
	try {
		const changes: EntryChanges = {};
		if (typed.type !== undefined && typed.type !== before.type) {
			const type = parseType(typed.type);
			if (!type) throw new InputError('badType', { value: typed.type.slice(0, 30) });
			changes.type = type;
		}
		const debut = typed.debut ?? before.debut;
		const fin = typed.fin ?? before.fin;
		if (debut !== before.debut || fin !== before.fin) Object.assign(changes, parseTimes(debut, fin, locale, guildId));
		if (typed.chantier !== undefined && typed.chantier !== before.chantier) changes.chantierId = await resolveChantier(guildId, typed.chantier);
		if (typed.note !== undefined && typed.note !== before.note) changes.note = typed.note || null;
		const { timeZone } = planningSettings(guildId);
		const result = await updateEntry(container.db, { guildId, id }, changes, { timeZone });
		if (result.status === 'clash') {
			const entry = await findEntry(container.db, guildId, id);
			await askAboutClashes(target, locale, result.clashes, { action: 'planning.update', args: { guildId, id, changes: serializeChanges(changes) } }, entry?.userId ?? '');
			return;
		}
		const [entry] = await withChantiers(container.db, [result.entry]);
		await respond(target, { embeds: [buildEmbed({ kind: 'success', title: t('editedTitle'), description: entrySummary(entry!, locale) })] });
	} catch (error) {
		await answerProblem(target, locale, error);
	}
}

/** The plugin's confirmations and form, registered at load (see plugin.ts). */
export function registerPlanningUi(): Array<() => void> {
	return [
		registerConfirmAction<CreateArgs>('planning.create', ({ args, locale }) =>
			outcomeOf(locale, () => createEntry(container.db, args.input, { timeZone: planningSettings(args.input.guildId).timeZone, force: true }), 'createdTitle')
		),
		registerConfirmAction<UpdateArgs>('planning.update', ({ args, locale }) =>
			outcomeOf(
				locale,
				() => updateEntry(container.db, { guildId: args.guildId, id: args.id }, reviveChanges(args.changes), { timeZone: planningSettings(args.guildId).timeZone, force: true }),
				'editedTitle'
			)
		),
		registerConfirmAction<DeleteArgs>('planning.delete', async ({ args, locale }) => {
			const t = text(locale);
			try {
				const count = await softDelete(container.db, args);
				return { title: t('deletedTitle'), description: t('deletedBody', { count }) };
			} catch (error) {
				const problem = problemText(locale, error);
				if (problem === null) throw error;
				return { kind: 'warning', title: t('problemTitle'), description: problem };
			}
		}),
		registerForm<typeof editSchema, EditFormData>('planning.edit', {
			schema: editSchema,
			modal: ({ locale, data }) => {
				const t = text(locale);
				return {
					title: t('editFormTitle', { id: shortId(data.id) }),
					fields: [
						{ id: 'type', label: t('fieldType'), value: data.values.type, maxLength: 30 },
						{ id: 'debut', label: t('fieldStart'), value: data.values.debut, maxLength: 60 },
						{ id: 'fin', label: t('fieldEnd'), value: data.values.fin, maxLength: 60 },
						{ id: 'chantier', label: t('fieldChantier'), value: data.values.chantier, required: false, maxLength: 60 },
						{ id: 'note', label: t('fieldNote'), value: data.values.note, required: false, style: 'paragraph', maxLength: noteMaxLength }
					]
				};
			},
			submit: ({ values, data, locale, interaction }) =>
				applyEdit(interaction, locale, {
					guildId: data.guildId,
					id: data.id,
					before: data.values,
					typed: { ...values, chantier: values.chantier ?? '', note: values.note ?? '' }
				})
		})
	];
}
