import { describe, expect, it } from 'vitest';
import { formatDuration, maxTimeoutMs, parseDuration } from './duration.ts';

describe('moderation durations', () => {
	it('reads what moderators type, in French or English units', () => {
		expect(parseDuration('10m')).toEqual({ ok: true, ms: 600_000 });
		expect(parseDuration('2h')).toEqual({ ok: true, ms: 7_200_000 });
		expect(parseDuration('3j')).toEqual({ ok: true, ms: 3 * 86_400_000 });
		expect(parseDuration('3d')).toEqual({ ok: true, ms: 3 * 86_400_000 });
		expect(parseDuration(' 1h 30min ')).toEqual({ ok: true, ms: 5_400_000 });
		// Minutes after hours without their unit, as French writes an hour and a half.
		expect(parseDuration('1h30')).toEqual({ ok: true, ms: 5_400_000 });
		expect(parseDuration('2j 1h 5')).toEqual({ ok: true, ms: 2 * 86_400_000 + 3_900_000 });
		expect(parseDuration('28j')).toEqual({ ok: true, ms: maxTimeoutMs });
	});

	it('reads units written in words, as moderators type them on a phone', () => {
		expect(parseDuration('2 heures')).toEqual({ ok: true, ms: 7_200_000 });
		expect(parseDuration('1 Heure 30')).toEqual({ ok: true, ms: 5_400_000 });
		expect(parseDuration('1 jour')).toEqual({ ok: true, ms: 86_400_000 });
		expect(parseDuration('30 minutes')).toEqual({ ok: true, ms: 1_800_000 });
		expect(parseDuration('10 mn')).toEqual({ ok: true, ms: 600_000 });
		expect(parseDuration('2 semaines')).toEqual({ ok: true, ms: 14 * 86_400_000 });
		expect(parseDuration('3 days 2 hours')).toEqual({ ok: true, ms: 3 * 86_400_000 + 7_200_000 });
		expect(parseDuration('1 week')).toEqual({ ok: true, ms: 7 * 86_400_000 });
		expect(parseDuration('1 mois')).toEqual({ ok: false, reason: 'format' });
		expect(parseDuration('5 semaines')).toEqual({ ok: false, reason: 'tooLong' });
	});

	it('refuses what is not a duration, zero, and more than 28 days', () => {
		expect(parseDuration('demain')).toEqual({ ok: false, reason: 'format' });
		expect(parseDuration('10')).toEqual({ ok: false, reason: 'format' });
		expect(parseDuration('2j30')).toEqual({ ok: false, reason: 'format' });
		// Two numbers side by side are not one: « 30 2h » is not 302 hours.
		expect(parseDuration('30 2h')).toEqual({ ok: false, reason: 'format' });
		expect(parseDuration('1h 3 0')).toEqual({ ok: false, reason: 'format' });
		expect(parseDuration('-2h')).toEqual({ ok: false, reason: 'format' });
		expect(parseDuration('0m')).toEqual({ ok: false, reason: 'zero' });
		expect(parseDuration('29j')).toEqual({ ok: false, reason: 'tooLong' });
		expect(parseDuration('4sem1j')).toEqual({ ok: false, reason: 'tooLong' });
	});

	it('writes durations largest unit first', () => {
		expect(formatDuration(5_400_000, 'fr')).toBe('1 h 30 min');
		expect(formatDuration(3 * 86_400_000, 'fr')).toBe('3 j');
		expect(formatDuration(3 * 86_400_000, 'en-US')).toBe('3 d');
		expect(formatDuration(30_000, 'fr')).toBe('30 s');
	});
});
