/** What a member of a given locale reads and types for a command, subcommand, option or choice: its localized text, or its own. */

export type Localizations = Partial<Record<string, string | null>> | null | undefined;

export interface Named {
	name: string;
	name_localizations?: Localizations;
}

/**
 * The text Discord's client shows in this locale: `fr` → `aide` for `help`. A bare language
 * (`en`, as the sandbox chats send it) takes that language's first regional text (`en-US`).
 */
export function inLocale(value: string, localizations: Localizations, locale: string | undefined): string {
	if (!locale || !localizations) return value;
	const exact = localizations[locale];
	if (exact) return exact;
	if (locale.includes('-')) return value;
	return Object.entries(localizations).find(([key, text]) => key.split('-')[0] === locale && text)?.[1] ?? value;
}

export function localizedName(named: Named, locale: string | undefined): string {
	return inLocale(named.name, named.name_localizations, locale);
}

/** Whether `typed` names this: its own name, or the one shown in this locale. */
export function isNamed(named: Named, typed: string, locale: string | undefined): boolean {
	return named.name === typed || localizedName(named, locale) === typed;
}

/** Lower case without accents: `Congés` and `conges` are typed alike. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The choice a member picks by typing it: its value, else its value or the name shown in their language
 * whatever the case and accents (`high` or `Haute` for `haute`, whose English name is High).
 */
export function findChoice<T extends Named & { value: string | number }>(choices: readonly T[], typed: string | number | boolean, locale: string | undefined): T | undefined {
	const text = folded(String(typed));
	return (
		choices.find((choice) => String(choice.value) === String(typed)) ??
		choices.find((choice) => folded(String(choice.value)) === text || folded(localizedName(choice, locale)) === text)
	);
}
