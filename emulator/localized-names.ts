/** What a member of a given locale reads and types for a command, subcommand, option or choice: its localized text, or its own. */

type Localizations = Partial<Record<string, string | null>> | null | undefined;

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
