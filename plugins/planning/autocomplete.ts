import { container } from '@sapphire/framework';
import type { SlashCommandStringOption } from 'discord.js';
import { DateTime } from 'luxon';
import { inEnglish, intlLocale, type Locale } from '#core/plugin-kit.ts';
import { suggestChantiers } from '../team/public.ts';
import { searchEntries, shortId, withChantiers } from './planning.ts';
import { planningSettings } from './settings.ts';
import { english, text, typeLabel } from './text.ts';

const clip = (value: string) => (value.length > 100 ? `${value.slice(0, 99)}…` : value);

/** Chantiers matching what is typed: "CH-01 — École Jaurès", value the chantier's id. */
export async function chantierChoices(guildId: string | null, typed: string) {
	if (!guildId) return [];
	const rows = await suggestChantiers(container.db, guildId, typed);
	return rows.map((chantier) => ({ name: clip(`${chantier.code} — ${chantier.name}`), value: chantier.id }));
}

/**
 * Entries matching what is typed (reference, type or note): the member's own, or everyone's for a
 * manager. Autocomplete cannot show Discord timestamps: times are written in the planning's zone.
 */
export async function entryChoices({ guildId, userId, typed, locale, everyone }: { guildId: string | null; userId: string; typed: string; locale: Locale; everyone: boolean }) {
	if (!guildId) return [];
	const { timeZone } = planningSettings(guildId);
	const rows = await withChantiers(container.db, await searchEntries(container.db, { guildId, userId: everyone ? undefined : userId, typed }));
	const guild = container.client.guilds.cache.get(guildId);
	return rows.map((entry) => {
		const when = DateTime.fromJSDate(entry.startsAt, { zone: timeZone }).setLocale(intlLocale(locale)).toFormat(entry.allDay ? 'ccc dd/LL' : 'ccc dd/LL HH:mm');
		const who = everyone ? (guild?.members.cache.get(entry.userId)?.displayName ?? null) : null;
		const name = [shortId(entry.id), when, typeLabel(locale, entry.type), entry.chantier?.code, who, entry.note].filter(Boolean).join(' · ');
		return { name: clip(name), value: entry.id };
	});
}

/** The required, autocompleted `entree` option of the commands that act on one planning entry. */
export function entryOption(option: SlashCommandStringOption): SlashCommandStringOption {
	return option
		.setName('entree')
		.setNameLocalizations(inEnglish('entry'))
		.setDescription(text('fr')('entryOption'))
		.setDescriptionLocalizations(english('entryOption'))
		.setRequired(true)
		.setAutocomplete(true);
}
