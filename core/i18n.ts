/** User-facing text is French by default, English available. Code and identifiers stay English. */
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
export type Locale = 'fr' | 'en';

export const locales: readonly Locale[] = ['fr', 'en'];

let defaultLocale: Locale = 'fr';

export function setDefaultLocale(locale: Locale): void {
	defaultLocale = locale;
}

export function getDefaultLocale(): Locale {
	return defaultLocale;
}

/** The message commands' prefix (`DISCORD_PREFIX`): every text writes `{prefix}tache`, never a fixed `!tache`. */
let commandPrefix = '!';

export function setCommandPrefix(prefix: string): void {
	commandPrefix = prefix;
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
 * Under vitest a mistyped key or a missing value throws, so a test fails on it; a running bot shows
 * the key (or the `{name}` placeholder) and reports it, so a member still gets an answer.
 */
const strictTexts = Boolean(process.env.VITEST);
let reportTextProblem: (problem: string) => void = () => undefined;

/** Where a running bot reports a mistyped text key or a missing value (set by the core at start: the log). */
export function setTextProblemReporter(report: (problem: string) => void): void {
	reportTextProblem = report;
}

function textProblem(problem: string): void {
	if (strictTexts) throw new Error(problem);
	reportTextProblem(problem);
}

/**
 * French elides "de" and "que" before a vowel: "Activité d’Alice", "Planning de Bob". A French text
 * says `de {member}`; the name is only known when the text is filled, so such a placeholder becomes
 * an ICU select on a value the kit adds (`member__elided`).
 */
const elidable = /(^|[\s(«])(de|De|que|Que) \{(\w+)\}/g;
const startsWithVowel = /^[aeiouàâäéèêëîïôöùûüœæh]/i;
const elisionKey = (name: string) => `${name}__elided`;

interface CompiledText {
	/** The ICU message, elisions included. */
	source: string;
	locale: Locale;
	/** Built on the text's first use: the catalogues hold well over a thousand texts, most never shown in a run. */
	format?: IntlMessageFormat;
	/** Placeholders whose value decides an elision before them. */
	elisions: string[];
	/** Every placeholder, so a missing value is caught before intl-messageformat throws on it. */
	placeholders: Set<string>;
}

/** Parses the text now (a malformed one fails when its plugin loads) but keeps only what filling it needs. */
function compile(template: string, locale: Locale, where: string): CompiledText {
	const elisions: string[] = [];
	const source =
		locale === 'fr'
			? template.replace(elidable, (_whole, before: string, word: string, name: string) => {
					elisions.push(name);
					const elided = `${word.slice(0, word.length - 1)}’`;
					return `${before}{${elisionKey(name)}, select, yes {${elided}} other {${word} }}{${name}}`;
				})
			: template;
	let ast: MessageFormatElement[];
	try {
		// `ignoreTag`: `<@{id}>` and `<t:…>` are Discord's syntax, not rich-text tags.
		ast = parse(source, { ignoreTag: true });
	} catch (error) {
		throw new Error(`text ${where} is not a valid ICU message: ${(error as Error).message}`, { cause: error });
	}
	const placeholders = new Set<string>();
	const collect = (elements: MessageFormatElement[]) => {
		for (const element of elements) {
			if ('value' in element && typeof element.value === 'string' && element.type !== 0 && !element.value.endsWith('__elided')) placeholders.add(element.value);
			if ('options' in element) for (const option of Object.values(element.options)) collect(option.value);
		}
	};
	collect(ast);
	return { source, locale, elisions, placeholders };
}

const formatOf = (text: CompiledText) => (text.format ??= new IntlMessageFormat(text.source, text.locale, undefined, { ignoreTag: true }));

/**
 * Declares a catalogue: the French text is the reference, and the English one must have the same keys
 * (checked by the compiler). Texts are ICU messages (intl-messageformat): `{name}` placeholders,
 * plurals (`{count, plural, one {# message} other {# messages}}`), selects. Every text is parsed
 * here, so a malformed one fails when its plugin loads, not when a member first sees it.
 */
export function defineMessages<const Fr extends Record<string, string>>(catalogue: { fr: Fr; en: Record<keyof Fr, string> }) {
	const compiled = Object.fromEntries(
		locales.map((locale) => [
			locale,
			new Map(Object.entries(catalogue[locale] as Record<string, string>).map(([key, template]) => [key, compile(template, locale, `${locale}.${key}`)]))
		])
	) as Record<Locale, Map<string, CompiledText>>;
	return (locale: Locale): Translator<Extract<keyof Fr, string>> =>
		(key, vars = {}) => {
			const text = compiled[locale].get(key) ?? compiled.fr.get(key);
			if (!text) {
				textProblem(`unknown text key "${key}"`);
				return key;
			}
			const values: Record<string, string | number> = { ...vars };
			for (const name of text.placeholders) {
				if (name in values) continue;
				if (name === 'prefix') {
					values.prefix = commandPrefix;
					continue;
				}
				textProblem(`text "${key}" needs a value for {${name}}`);
				values[name] = `{${name}}`;
			}
			for (const name of text.elisions) values[elisionKey(name)] = startsWithVowel.test(String(values[name])) ? 'yes' : 'other';
			return formatOf(text).format(values) as string;
		};
}

/** The language tag dates and numbers are written with: French of France, British English (day before month). */
export function intlLocale(locale: Locale): 'fr-FR' | 'en-GB' {
	return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

const wordFormats = new Map<string, Intl.DateTimeFormat>();
const relativeDays = new Map<Locale, Intl.RelativeTimeFormat>();

/**
 * A date in words, as Intl writes it in the member's language with these options: "lundi 1er mars à
 * 09:00", "Monday 1 March at 09:00". French writes the first of a month spelled out as an ordinal
 * (« 1er mars »), which Intl does not: every date the bot spells goes through here.
 */
export function dateInWords(date: Date, locale: Locale, options: Intl.DateTimeFormatOptions): string {
	const key = `${locale} ${JSON.stringify(options)}`;
	let format = wordFormats.get(key);
	if (!format) wordFormats.set(key, (format = new Intl.DateTimeFormat(intlLocale(locale), options)));
	const spelledMonth = options.month === 'long' || options.month === 'short';
	const ordinalFirst = locale === 'fr' && spelledMonth;
	return format
		.formatToParts(date)
		.map((part) => (ordinalFirst && part.type === 'day' && part.value === '1' ? '1er' : part.value))
		.join('');
}

/** A calendar day (`YYYY-MM-DD`) in words: "1er janvier 2027", "1 January 2027". */
export function calendarDay(day: string, locale: Locale): string {
	return dateInWords(new Date(`${day}T00:00:00Z`), locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * How far a calendar day is from `today` (both `YYYY-MM-DD`, today in the server's zone): « demain »,
 * « aujourd’hui », « il y a 3 jours »; "tomorrow", "today", "3 days ago".
 */
export function relativeDay(day: string, today: string, locale: Locale): string {
	let format = relativeDays.get(locale);
	if (!format) relativeDays.set(locale, (format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' })));
	return format.format(Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000), 'day');
}

/** A label and its value on one line: French puts a space before the colon (« Priorité : haute »), English does not. */
export function labelled(label: string, value: string, locale: Locale): string {
	return `${label}${locale === 'fr' ? ' : ' : ': '}${value}`;
}

/** Discord localizations for an English text: Discord wants each English locale named. */
export function inEnglish(value: string): { 'en-US': string; 'en-GB': string } {
	return { 'en-US': value, 'en-GB': value };
}
