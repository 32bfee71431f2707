import { container } from '@sapphire/framework';
import { z } from 'zod';
import { definePlugin } from '#core/plugin-kit.ts';
import { registerForm, registerPager } from '#core/ui/kit.ts';
import { summarySections } from '../team/extension-points.ts';
import { tasksSection } from './contributions.ts';
import { createAndAnswer, formName, pagerName, renderListPage, type FormPreset, type ListData } from './flows.ts';
import { tasksSettings, timeZoneOf } from './settings.ts';
import { limits } from './tasks.ts';
import { text } from './text.ts';

export default definePlugin({
	name: 'tasks',
	version: '1.0.0',
	description: 'Tâches des équipes : /tache, /taches, /done, rappels quotidiens des échéances.',
	dependencies: ['team'],
	settings: tasksSettings,
	onLoad({ settings, contribute }) {
		contribute(summarySections, tasksSection);
		// The reminder runs daily at the configured hour, in the configured zone: both come from the
		// settings, known only now; the host reconciles schedules right after onLoad.
		const reminders = container.stores.get('scheduled-tasks').get('tasks.reminders');
		if (reminders) Object.assign(reminders, { pattern: `0 ${settings.reminderHour} * * *`, timezone: timeZoneOf(settings) });

		const unregister = [
			registerPager<ListData>(pagerName, renderListPage),
			registerForm<typeof formSchema, FormPreset['values']>(formName, {
				schema: formSchema,
				modal: ({ locale, data }) => {
					const t = text(locale);
					const preset = data ?? {};
					return {
						title: t('formTitle'),
						fields: [
							{ id: 'title', label: t('formTitleField'), maxLength: limits.title, value: preset.title ?? undefined },
							{
								id: 'description',
								label: t('formDescriptionField'),
								style: 'paragraph',
								required: false,
								maxLength: limits.description,
								value: preset.description ?? undefined
							},
							{ id: 'due', label: t('formDueField'), required: false, placeholder: t('formDuePlaceholder'), value: preset.due ?? undefined },
							{
								id: 'priority',
								label: t('formPriorityField'),
								required: false,
								placeholder: t('formPriorityPlaceholder'),
								value: preset.priority ?? undefined
							},
							{
								id: 'tags',
								label: t('formTagsField'),
								required: false,
								placeholder: t('formTagsPlaceholder'),
								value: typeof preset.tags === 'string' ? preset.tags : preset.tags?.join(', ')
							}
						]
					};
				},
				// Everything else (date, priority, tags, chantier) is checked by createTask, which writes nothing when refused.
				submit: async ({ values, data, locale, interaction }) => {
					await createAndAnswer(interaction, { ...(data ?? {}), ...values }, locale);
				}
			})
		];
		return () => unregister.forEach((undo) => undo());
	}
});

/** Lengths only: the kit reports them per field, in the member's language. */
const formSchema = z.object({
	title: z.string().trim().min(1).max(limits.title),
	description: z.string().max(limits.description).optional(),
	due: z.string().optional(),
	priority: z.string().optional(),
	tags: z.string().optional()
});
