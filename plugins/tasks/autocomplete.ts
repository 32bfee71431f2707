import { container } from '@sapphire/framework';
import type { AutocompleteInteraction } from 'discord.js';
import { dateInWords, localeOf, parseDay } from '#core/plugin-kit.ts';
import { suggestChantiers } from '../team/public.ts';
import { clock } from './flows.ts';
import { suggestTasks, tagsInUse } from './task-queries.ts';
import { shortCode } from './tasks.ts';
import { text } from './text.ts';
import { priorityIcon } from './views.ts';

/** Choices of the commands' options; Discord shows at most 25, each name at most 100 characters. */

const choice = (name: string, value: string) => ({ name: name.length > 100 ? `${name.slice(0, 99)}…` : name, value: value.slice(0, 100) });

export async function autocompleteTask(interaction: AutocompleteInteraction, typed: string, openOnly: boolean) {
	const locale = localeOf(interaction);
	const t = text(locale);
	const found = await suggestTasks(container.db, interaction.guildId!, typed.trim(), { openOnly });
	await interaction.respond(
		found.map((task) => {
			const due = task.dueDate ? ` · ${t('due')} ${task.dueDate}` : '';
			return choice(`${priorityIcon[task.priority]} #${shortCode(task)} ${task.title}${due}`, task.id);
		})
	);
}

export async function autocompleteChantier(interaction: AutocompleteInteraction, typed: string) {
	const found = await suggestChantiers(container.db, interaction.guildId!, typed);
	await interaction.respond(found.map((chantier) => choice(`${chantier.code} — ${chantier.name}`, chantier.code)));
}

/** Tags already in use that start with the last one being typed (`a, b, ele` → `a, b, electricite`). */
export async function autocompleteTag(interaction: AutocompleteInteraction, typed: string, several: boolean) {
	const parts = several ? typed.split(',') : [typed];
	const last = parts.pop()!.trim().replace(/^#/, '');
	const before = parts.map((part) => part.trim()).filter(Boolean);
	const tags = (await tagsInUse(container.db, interaction.guildId!, last)).filter((tag) => !before.includes(tag));
	const values = tags.map((tag) => [...before, tag].join(', '));
	if (last && !tags.includes(last.toLowerCase())) values.unshift([...before, last.toLowerCase()].join(', '));
	await interaction.respond(values.slice(0, 25).map((value) => choice(value, value)));
}

/** Shows the day a due date will be read as, before the member sends the command. */
export async function autocompleteDue(interaction: AutocompleteInteraction, typed: string) {
	const locale = localeOf(interaction);
	const t = text(locale);
	const now = clock(interaction.guildId);
	const suggestions = typed.trim() ? [typed.trim()] : locale === 'fr' ? ["aujourd'hui", 'demain', 'lundi', 'vendredi'] : ['today', 'tomorrow', 'monday', 'friday'];
	const choices = suggestions.flatMap((entry) => {
		const parsed = parseDay(entry, now.timeZone, now.now);
		if (!parsed.ok) return [choice(`${entry} — ${t('dueUnrecognised', { value: entry })}`, entry)];
		const day = dateInWords(new Date(`${parsed.date}T12:00:00Z`), locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		return [choice(`${entry} → ${day}`, parsed.date)];
	});
	await interaction.respond(choices);
}
