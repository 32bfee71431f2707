import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDay, dateInWords, defineMessages, labelled, relativeDay } from './i18n.ts';

const text = defineMessages({
	fr: {
		messages: '{count, plural, one {# message} other {# messages}} aujourd’hui',
		activity: 'Activité de {member} sur {days} jours',
		mention: 'Fait par <@{actor}>',
		greeting: 'Bonjour {name}'
	},
	en: {
		messages: '{count, plural, one {# message} other {# messages}} today',
		activity: 'Activity of {member} over {days} days',
		mention: 'Done by <@{actor}>',
		greeting: 'Hello {name}'
	}
});

describe('defineMessages', () => {
	it('writes plurals with each language’s rules (French counts 0 and 1 as singular)', () => {
		expect(text('fr')('messages', { count: 0 })).toBe('0 message aujourd’hui');
		expect(text('fr')('messages', { count: 1 })).toBe('1 message aujourd’hui');
		expect(text('fr')('messages', { count: 2 })).toBe('2 messages aujourd’hui');
		expect(text('en')('messages', { count: 0 })).toBe('0 messages today');
		expect(text('en')('messages', { count: 1 })).toBe('1 message today');
	});

	it('elides French “de” before a name starting with a vowel', () => {
		expect(text('fr')('activity', { member: 'Alice', days: 7 })).toBe('Activité d’Alice sur 7 jours');
		expect(text('fr')('activity', { member: 'Hugo', days: 7 })).toBe('Activité d’Hugo sur 7 jours');
		expect(text('fr')('activity', { member: 'Bob', days: 7 })).toBe('Activité de Bob sur 7 jours');
		expect(text('fr')('activity', { member: '<@123>', days: 7 })).toBe('Activité de <@123> sur 7 jours');
		expect(text('en')('activity', { member: 'Alice', days: 7 })).toBe('Activity of Alice over 7 days');
	});

	it('leaves Discord’s <@id> syntax alone', () => {
		expect(text('fr')('mention', { actor: '42' })).toBe('Fait par <@42>');
	});

	it('fails loudly under test on a mistyped key or a missing value', () => {
		expect(() => (text('fr') as (key: string) => string)('greting')).toThrow('unknown text key "greting"');
		expect(() => text('fr')('greeting')).toThrow('text "greeting" needs a value for {name}');
	});

	it('refuses a malformed text when the catalogue is defined', () => {
		expect(() => defineMessages({ fr: { broken: 'Bonjour {name' }, en: { broken: 'Hello {name}' } })).toThrow('text fr.broken is not a valid ICU message');
	});

	it('writes calendar days in words', () => {
		expect(calendarDay('2027-01-31', 'fr')).toBe('31 janvier 2027');
		expect(calendarDay('2027-04-01', 'fr')).toBe('1er avril 2027');
		expect(calendarDay('2027-01-31', 'en')).toBe('31 January 2027');
		expect(calendarDay('2027-04-01', 'en')).toBe('1 April 2027');
	});

	it('writes the first of a month as « 1er » in French only, whatever else the date shows', () => {
		const firstOfMarch = new Date('2026-03-01T08:05:00Z');
		const moment: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' };
		expect(dateInWords(firstOfMarch, 'fr', moment)).toBe('dimanche 1er mars à 09:05');
		expect(dateInWords(firstOfMarch, 'en', moment)).toBe('Sunday 1 March at 09:05');
		expect(dateInWords(firstOfMarch, 'fr', { day: 'numeric', month: 'short', timeZone: 'UTC' })).toBe('1er mars');
		// Still the 28th of February in Honolulu; a number month and the 11th and 21st stay as they are.
		expect(dateInWords(firstOfMarch, 'fr', { day: 'numeric', month: 'long', timeZone: 'Pacific/Honolulu' })).toBe('28 février');
		expect(dateInWords(firstOfMarch, 'fr', { day: 'numeric', month: 'numeric', timeZone: 'UTC' })).toBe('01/03');
		expect(dateInWords(new Date('2026-03-11T12:00:00Z'), 'fr', { day: 'numeric', month: 'long', timeZone: 'UTC' })).toBe('11 mars');
		expect(dateInWords(new Date('2026-03-21T12:00:00Z'), 'fr', { day: 'numeric', month: 'long', timeZone: 'UTC' })).toBe('21 mars');
	});

	it('counts a day from today in the reader’s language', () => {
		const today = '2026-12-02';
		expect(['2026-12-03', today, '2026-12-01', '2026-12-06', '2026-11-29'].map((day) => relativeDay(day, today, 'fr'))).toEqual([
			'demain',
			'aujourd’hui',
			'hier',
			'dans 4 jours',
			'il y a 3 jours'
		]);
		expect(['2026-12-03', today, '2026-12-01', '2026-12-06', '2026-11-29'].map((day) => relativeDay(day, today, 'en'))).toEqual([
			'tomorrow',
			'today',
			'yesterday',
			'in 4 days',
			'3 days ago'
		]);
		// Whole days, across a change to summer time and a year end.
		expect(relativeDay('2027-03-29', '2027-03-27', 'en')).toBe('in 2 days');
		expect(relativeDay('2027-01-01', '2026-12-31', 'en')).toBe('tomorrow');
	});

	it('puts a space before a colon in French only', () => {
		expect(labelled('Priorité', 'Haute', 'fr')).toBe('Priorité : Haute');
		expect(labelled('Priority', 'High', 'en')).toBe('Priority: High');
	});

	it('parses every catalogue of the core and the plugins', async () => {
		const root = join(import.meta.dirname, '..');
		const files = [
			'core/bot/text.ts',
			'core/ui/ui-text.ts',
			'core/limits/rate-limit.ts',
			...readdirSync(join(root, 'plugins')).map((plugin) => `plugins/${plugin}/text.ts`).filter((file) => readdirSync(join(root, file, '..')).includes('text.ts'))
		];
		for (const file of files) await expect(import(join(root, file)), file).resolves.toBeDefined();
		// Plurals are ICU plurals: « 1 salon », « 4 salons », never « salon(s) ».
		for (const file of files) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/\p{L}\((?:s|es|ies|e)\)/u);
	});
});
