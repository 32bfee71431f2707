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

/** The member's Discord locale (`fr`, `en-US`, `en-GB`…) mapped to one we speak; otherwise the bot's default. */
export function localeOf(source?: { locale?: string | null } | null): Locale {
	const tag = source?.locale?.slice(0, 2);
	return tag === 'fr' || tag === 'en' ? tag : defaultLocale;
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
