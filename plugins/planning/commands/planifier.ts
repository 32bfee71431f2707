import { Command, type Args } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message, PermissionsBitField } from 'discord.js';
import { buildEmbed, inEnglish, type Locale, localeOf, parseDay, respond } from '#core/plugin-kit.ts';
import { askAboutClashes, type CreateArgs } from '../actions.ts';
import { createEntry, entryTypes, noteMaxLength, shortId, withChantiers, type EntryType } from '../planning.ts';
import type { RecurrenceSpec } from '../recurrence.ts';
import { planningSettings } from '../settings.ts';
import { answerProblem, dateProblem, InputError, isPlanner, mentionedId, parseTimes, parseType, plainWord, resolveChantier, segments } from '../support.ts';
import { english, text } from '../text.ts';
import { entrySummary } from '../views.ts';
import { chantierChoices } from '../autocomplete.ts';

interface PlanRequest {
	type: EntryType;
	start: string;
	end: string;
	chantier: string | null;
	note: string | null;
	repeat: RecurrenceSpec['kind'] | null;
	interval: number;
	until: string | null;
	memberId: string;
}

/** `/planifier` and `!planifier`: adds an entry (optionally repeated), asking first when it overlaps. */
export class PlanifierCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'planifier',
			aliases: ['plan'],
			description: text('en')('planDescription'),
			prefixUsage: { fr: text('fr')('usagePlan'), en: text('en')('usagePlan') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('planifier')
				.setNameLocalizations(inEnglish('plan'))
				.setDescription(fr('planDescription'))
				.setDescriptionLocalizations(english('planDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('type')
						.setDescription(fr('typeOption'))
						.setDescriptionLocalizations(english('typeOption'))
						.setRequired(true)
						.addChoices(...entryTypes.map((type) => ({ name: fr(`type_${type}`), name_localizations: english(`type_${type}`), value: type })))
				)
				.addStringOption((option) =>
					option.setName('debut').setNameLocalizations(inEnglish('start')).setDescription(fr('startOption')).setDescriptionLocalizations(english('startOption')).setRequired(true).setMaxLength(60)
				)
				.addStringOption((option) =>
					option.setName('fin').setNameLocalizations(inEnglish('end')).setDescription(fr('endOption')).setDescriptionLocalizations(english('endOption')).setRequired(true).setMaxLength(60)
				)
				.addStringOption((option) =>
					option.setName('chantier').setNameLocalizations(inEnglish('site')).setDescription(fr('chantierOption')).setDescriptionLocalizations(english('chantierOption')).setAutocomplete(true)
				)
				.addStringOption((option) =>
					option.setName('note').setDescription(fr('noteOption')).setDescriptionLocalizations(english('noteOption')).setMaxLength(noteMaxLength)
				)
				.addStringOption((option) =>
					option
						.setName('repetition')
						.setNameLocalizations(inEnglish('repeat'))
						.setDescription(fr('repeatOption'))
						.setDescriptionLocalizations(english('repeatOption'))
						.addChoices(
							{ name: fr('repeatWeekdays'), name_localizations: english('repeatWeekdays'), value: 'weekdays' },
							{ name: fr('repeatWeekly'), name_localizations: english('repeatWeekly'), value: 'weekly' }
						)
				)
				.addIntegerOption((option) =>
					option.setName('intervalle').setNameLocalizations(inEnglish('interval')).setDescription(fr('intervalOption')).setDescriptionLocalizations(english('intervalOption')).setMinValue(1).setMaxValue(8)
				)
				.addStringOption((option) =>
					option.setName('jusqua').setNameLocalizations(inEnglish('until')).setDescription(fr('untilOption')).setDescriptionLocalizations(english('untilOption')).setMaxLength(40)
				)
				.addUserOption((option) =>
					option.setName('membre').setNameLocalizations(inEnglish('member')).setDescription(fr('planMemberOption')).setDescriptionLocalizations(english('planMemberOption'))
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		await interaction.respond(await chantierChoices(interaction.guildId, interaction.options.getFocused()));
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const options = interaction.options;
		const locale = localeOf(interaction);
		return this.plan(interaction, locale, interaction.user.id, interaction.memberPermissions, {
			type: options.getString('type', true) as EntryType,
			start: options.getString('debut', true),
			end: options.getString('fin', true),
			chantier: options.getString('chantier'),
			note: options.getString('note'),
			repeat: options.getString('repetition') as RecurrenceSpec['kind'] | null,
			interval: options.getInteger('intervalle') ?? 1,
			until: options.getString('jusqua'),
			memberId: options.getUser('membre')?.id ?? interaction.user.id
		});
	}

	/**
	 * `!planifier <type> <début> -> <fin> [; chantier CODE] [; note texte] [; répéter ouvrés|semaine|N semaines] [; jusqu'au DATE] [; membre @nom]`
	 */
	public override async messageRun(message: Message, args: Args) {
		const locale = localeOf(message);
		const rest = await args.rest('string').catch(() => '');
		try {
			const request = parsePrefix(rest, message.author.id, locale);
			await this.plan(message, locale, message.author.id, message.member?.permissions, request);
		} catch (error) {
			await answerProblem(message, locale, error);
		}
	}

	private async plan(
		target: ChatInputCommandInteraction | Message,
		locale: Locale,
		actorId: string,
		permissions: Readonly<PermissionsBitField> | null | undefined,
		request: PlanRequest
	) {
		const t = text(locale);
		const guildId = target.guildId;
		try {
			if (!guildId) throw new InputError('guildOnly');
			if (request.memberId !== actorId && !isPlanner(permissions)) throw new InputError('notAllowed');
			const { timeZone } = planningSettings(guildId);
			const times = parseTimes(request.start, request.end, locale, guildId);
			const chantierId = await resolveChantier(guildId, request.chantier);
			if (request.until && !request.repeat) throw new InputError('untilWithoutRepeat');
			let recurrence: RecurrenceSpec | null = null;
			if (request.repeat) {
				if (!request.until) throw new InputError('untilRequired');
				// Read from the start: « jusqu'au vendredi » is the first Friday of the series.
				const until = parseDay(request.until, timeZone, times.startsAt);
				if (!until.ok) throw dateProblem(until.reason, request.until, t('untilName'));
				recurrence = { kind: request.repeat, interval: request.repeat === 'weekly' ? request.interval : 1, until: until.date };
			}
			const input = {
				guildId,
				userId: request.memberId,
				createdBy: actorId,
				type: request.type,
				...times,
				chantierId,
				note: request.note,
				recurrence
			};
			const result = await createEntry(this.container.db, input, { timeZone });
			if (result.status === 'clash') {
				const args: CreateArgs = { input: { ...input, startsAt: times.startsAt.toISOString(), endsAt: times.endsAt.toISOString() } };
				await askAboutClashes(target, locale, result.clashes, { action: 'planning.create', args }, request.memberId);
				return;
			}
			const [entry] = await withChantiers(this.container.db, [result.entry]);
			const what = entrySummary(entry!, locale);
			const series = result.occurrences > 1 || recurrence !== null;
			const embed = buildEmbed({
				kind: 'success',
				title: series ? t('createdSeriesTitle') : t('createdTitle'),
				description: series
					? t('createdSeriesBody', { what, count: result.occurrences, id: shortId(result.entry.id) })
					: t('createdBody', { what, id: shortId(result.entry.id) })
			});
			await respond(target, { embeds: [embed] });
		} catch (error) {
			await answerProblem(target, locale, error);
		}
	}
}

/** Reads the prefix form; throws what to fix. */
export function parsePrefix(rest: string, authorId: string, locale: Locale): PlanRequest {
	const [head, ...options] = segments(rest);
	const t = text(locale);
	const usage = t('usage', { usage: t('usagePlan') });
	const headMatch = head ? /^(\S+)\s+(.+?)\s*(?:->|→|\s-\s|\s–\s)\s*(.+)$/.exec(head) : null;
	if (!headMatch) throw new InputError('usage', { usage: t('usagePlan') });
	const type = parseType(headMatch[1]!);
	if (!type) throw new InputError('badType', { value: headMatch[1]!.slice(0, 30) });
	const request: PlanRequest = {
		type,
		start: headMatch[2]!,
		end: headMatch[3]!,
		chantier: null,
		note: null,
		repeat: null,
		interval: 1,
		until: null,
		memberId: authorId
	};
	for (const option of options) {
		const [, rawKey = '', value = ''] = /^(jusqu[’']?(?:au|à|a)?|[^\s:]+)\s*:?\s*(.*)$/i.exec(option) ?? [];
		const key = plainWord(rawKey).replace(/[’']/g, '');
		if (['chantier', 'site'].includes(key)) request.chantier = value;
		else if (key === 'note') request.note = value;
		else if (['repeter', 'repete', 'repetition', 'repeat'].includes(key)) {
			const word = plainWord(value);
			const weeks = /^(\d+)\s*(semaines?|weeks?)$/.exec(word);
			if (/^(jours?\s+)?ouvres?$|^weekdays?$|^tous les jours ouvres$/.test(word)) request.repeat = 'weekdays';
			else if (/^(chaque\s+)?semaine$|^hebdo(madaire)?$|^weekly$|^(every\s+)?week$/.test(word)) request.repeat = 'weekly';
			else if (weeks) {
				request.repeat = 'weekly';
				request.interval = Math.min(8, Math.max(1, Number(weeks[1])));
			} else throw new InputError('unknownOption', { value: option.slice(0, 40), usage });
		} else if (['jusquau', 'jusqua', 'jusqu', 'until'].includes(key)) request.until = value;
		else if (['membre', 'member'].includes(key)) {
			const id = mentionedId(value);
			if (!id) throw new InputError('unknownMember', { value: value.slice(0, 40) });
			request.memberId = id;
		} else throw new InputError('unknownOption', { value: option.slice(0, 40), usage });
	}
	return request;
}
