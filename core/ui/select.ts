import { ActionRowBuilder, StringSelectMenuBuilder } from 'discord.js';
import type { Locale } from '../i18n.ts';
import { uiText } from './ui-text.ts';

export interface SelectChoice {
	label: string;
	value: string;
	description?: string;
	emoji?: string;
	default?: boolean;
}

export interface SelectOptions {
	/** The plugin's own id, handled by its own interaction handler (not `ui:`). */
	customId: string;
	choices: SelectChoice[];
	placeholder?: string;
	minValues?: number;
	maxValues?: number;
	/** 1-based page of choices when there are more than 25. */
	page?: number;
	locale: Locale;
}

/** Discord shows at most 25 options; paged menus keep two for "Back…" and "More…". */
const maxOptions = 25;
const choicesPerPage = maxOptions - 2;
const pageValuePrefix = 'ui:select-page:';

/**
 * A string select menu. Up to 25 choices are shown as they are. Beyond that ("more…" strategy),
 * the menu shows 23 choices of `page` plus "Back…"/"More…" entries: when the member picks one,
 * `requestedSelectPage(values)` returns the page to show and the plugin's handler answers with
 * `interaction.update({ components: [buildSelect({ ...same, page })] })`. For hundreds of choices
 * prefer a command option with autocomplete.
 */
export function buildSelect(options: SelectOptions): ActionRowBuilder<StringSelectMenuBuilder> {
	const paged = options.choices.length > maxOptions;
	const totalPages = paged ? Math.ceil(options.choices.length / choicesPerPage) : 1;
	const page = Math.min(Math.max(1, options.page ?? 1), totalPages);
	const shown = paged ? options.choices.slice((page - 1) * choicesPerPage, page * choicesPerPage) : options.choices;
	const text = uiText(options.locale);
	const entries = shown.map((choice) => ({
		label: choice.label.slice(0, 100),
		value: choice.value,
		...(choice.description ? { description: choice.description.slice(0, 100) } : {}),
		...(choice.emoji ? { emoji: choice.emoji } : {}),
		...(choice.default ? { default: true } : {})
	}));
	if (page > 1) entries.unshift({ label: text('back'), value: `${pageValuePrefix}${page - 1}`, description: text('backDescription') });
	if (page < totalPages) entries.push({ label: text('more'), value: `${pageValuePrefix}${page + 1}`, description: text('moreDescription') });
	const menu = new StringSelectMenuBuilder()
		.setCustomId(options.customId)
		.addOptions(entries)
		.setMinValues(Math.min(options.minValues ?? 1, entries.length))
		.setMaxValues(Math.min(options.maxValues ?? 1, entries.length));
	if (options.placeholder) menu.setPlaceholder(options.placeholder.slice(0, 150));
	return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu);
}

/** The page asked for when the member picked "Back…" or "More…", else null (a real choice). */
export function requestedSelectPage(values: readonly string[]): number | null {
	const entry = values.find((value) => value.startsWith(pageValuePrefix));
	return entry ? Number(entry.slice(pageValuePrefix.length)) : null;
}
