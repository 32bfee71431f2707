/** User-facing text is French by default, English available. Code and identifiers stay English. */
export type Locale = 'fr' | 'en';

export const locales: readonly Locale[] = ['fr', 'en'];

let defaultLocale: Locale = 'fr';

export function setDefaultLocale(locale: Locale): void {
	defaultLocale = locale;
}

export function getDefaultLocale(): Locale {
	return defaultLocale;
}

/** Languages members chose with /langue, by user id; filled and kept current by MemberLocales. */
const chosenLocales = new Map<string, Locale>();

export function setChosenLocales(choices: Iterable<[string, Locale]>): void {
	chosenLocales.clear();
	for (const [userId, locale] of choices) chosenLocales.set(userId, locale);
}

let serverLocale: (guildId: string) => Locale | undefined = () => undefined;

/** How to read a server's language setting (set by the core at start: `guildSettings(guildId).locale`). */
export function setServerLocaleSource(source: (guildId: string) => Locale | undefined): void {
	serverLocale = source;
}

/**
 * The language to answer in: the one the member chose with /langue; else their Discord language
 * (`fr`, `en-US`, `en-GB`…) when we speak it (slash commands carry it, messages do not); else the
 * server's language setting; else the bot's default.
 */
export function localeOf(
	source?: { locale?: string | null; guildId?: string | null; user?: { id: string }; author?: { id: string } } | null
): Locale {
	const userId = source?.user?.id ?? source?.author?.id;
	const chosen = userId ? chosenLocales.get(userId) : undefined;
	if (chosen) return chosen;
	const tag = source?.locale?.slice(0, 2);
	if (tag === 'fr' || tag === 'en') return tag;
	return (source?.guildId ? serverLocale(source.guildId) : undefined) ?? defaultLocale;
}

type Vars = Record<string, string | number>;

export type Translator<Key extends string> = (key: Key, vars?: Vars) => string;

/**
 * Declares a catalogue: the French text is the reference, and the English one must have the same keys
 * (checked by the compiler). `{name}` placeholders are filled from `vars`.
 */
export function defineMessages<const Fr extends Record<string, string>>(catalogue: { fr: Fr; en: Record<keyof Fr, string> }) {
	return (locale: Locale): Translator<Extract<keyof Fr, string>> =>
		(key, vars) => {
			const template = (catalogue[locale] as Record<string, string>)[key] ?? catalogue.fr[key] ?? key;
			return template.replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
		};
}

/** Discord localizations for an English text: Discord wants each English locale named. */
export function inEnglish(value: string): { 'en-US': string; 'en-GB': string } {
	return { 'en-US': value, 'en-GB': value };
}
