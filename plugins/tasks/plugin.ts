import { z } from 'zod';
import { definePlugin, memberData } from '#core/plugin-kit.ts';
import { chantierSections, memberStats, summarySections } from '../team/public.ts';
import { chantierTasks, memberTasks, tasksSection } from './contributions.ts';
import { tasksMemberData } from './member-data.ts';
import { createAndAnswer, formName, pagerName, renderListPage, type FormPreset, type ListData } from './flows.ts';
import { tasksSettings } from './settings.ts';
import { limits } from './tasks.ts';
import { text } from './text.ts';

export default definePlugin({
	name: 'tasks',
	version: '1.0.0',
	description: {
		fr: 'Tâches des équipes : /tache, /taches, /done, rappels quotidiens des échéances.',
		en: 'Team tasks: /task, /tasks, /done, daily reminders of due dates.'
	},
	discordPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
	dependencies: ['team'],
	settings: tasksSettings,
	onLoad(ctx) {
		ctx.contribute(summarySections, tasksSection);
		ctx.contribute(memberStats, memberTasks);
		ctx.contribute(chantierSections, chantierTasks);
		ctx.contribute(memberData, tasksMemberData);
		ctx.registerPager<ListData>(pagerName, renderListPage);
		ctx.registerForm<typeof formSchema, FormPreset['values']>(formName, {
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
		});
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
