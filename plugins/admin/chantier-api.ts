/** What the chantier routes share: a chantier as JSON, the request's guild, refusals in the caller's language (the bot's default when not given). */
import { z } from 'zod';
import { getDefaultLocale, type Locale } from '#core/plugin-kit.ts';
import type { Chantier } from '../team/public.ts';
import { refusalText } from './chantier-flows.ts';
import type { Refusal } from './chantiers.ts';

export const snowflake = z.string().regex(/^\d{5,25}$/, 'a Discord id');

export const chantierSchema = z.object({
	id: z.string(),
	code: z.string(),
	name: z.string(),
	status: z.enum(['actif', 'en_pause', 'termine', 'archive']),
	client: z.string().nullable(),
	address: z.string().nullable(),
	startsOn: z.string().nullable(),
	endsOn: z.string().nullable(),
	discordChannelId: z.string().nullable(),
	createdAt: z.string()
});

export const chantierJson = (chantier: Chantier): z.output<typeof chantierSchema> => ({
	id: chantier.id,
	code: chantier.code,
	name: chantier.name,
	status: chantier.status,
	client: chantier.client,
	address: chantier.address,
	startsOn: chantier.startsOn,
	endsOn: chantier.endsOn,
	discordChannelId: chantier.discordChannelId,
	createdAt: chantier.createdAt.toISOString()
});

export const refusalSchema = z.object({ error: z.string(), reason: z.string(), message: z.string() });

/** A refusal as the commands word it (`wording`: the creation's by default), in `locale` (the bot's default language when absent). */
export const refusalJson = (refusal: Refusal, locale: Locale = getDefaultLocale(), wording: (locale: Locale, refusal: Refusal) => string = refusalText) => ({
	error: 'Refused',
	reason: refusal.reason,
	message: wording(locale, refusal)
});

/** A chantier route's `locale`: the language its refusals are worded in. */
export const localeSchema = z.enum(['fr', 'en']).optional().describe('Language of the refusal\'s message; the bot\'s default when absent');
