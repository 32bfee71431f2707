// `/annonce planifier|liste|supprimer|reprendre`: messages the bot posts in a channel at a clock time of the server's zone.
import { Command } from '@sapphire/framework';
import { ChannelType, DiscordAPIError, PermissionFlagsBits, PermissionsBitField, type ChatInputCommandInteraction, type Guild, type SlashCommandStringOption } from 'discord.js';
import { DateTime } from 'luxon';
import { recordAudit } from '#core/audit.ts';
import { buildEmbed, confirm, dateInWords, guildTimeZone, inEnglish, localeOf, parseDayTime, pluginLogger, respond, todayIn, type Locale } from '#core/plugin-kit.ts';
import { clockTime, deleteAnnouncementAction, preview, shortId, stamp } from '../announcement-flows.ts';
import { findAnnouncement, firstRun, insertAnnouncement, listAnnouncements, resumeAnnouncement, resumedRun } from '../announcements.ts';
import { announcementRepeat, type Announcement, type AnnouncementRepeat } from '../schema.ts';
import { text } from '../text.ts';

const fr = text('fr');
const en = (key: Parameters<ReturnType<typeof text>>[0]) => inEnglish(text('en')(key));
const shownInList = 25;
/** Characters of an embed's description. */
const embedDescriptionLimit = 4096;

type GuildInteraction = ChatInputCommandInteraction<'cached' | 'raw'>;

/** `id` of `supprimer` and `reprendre`: the announcement, autocompleted. */
const announcementIdOption = (option: SlashCommandStringOption) =>
	option.setName('id').setDescription(fr('announceIdOption')).setDescriptionLocalizations(en('announceIdOption')).setRequired(true).setAutocomplete(true);

/** A run in words (in the server's zone), then as a Discord timestamp each member sees in their own. */
const runInWords = (run: Date, locale: Locale, zone: string) =>
	({ when: dateInWords(run, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }), stamp: stamp(run) });

/** What the bot needs in an announcement's channel to post it (text only, no embed). */
const postPermissions = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];

type PostProblem = { reason: 'unknownChannel' } | { reason: 'missingPermission'; missing: string[] };

/** Why posting in `channelId` would still fail, asked of Discord (not the cache, which may keep a deleted channel); null when it would not. */
async function postProblem(guild: Guild, channelId: string): Promise<PostProblem | null> {
	const channel = await guild.channels.fetch(channelId, { force: true }).catch((error: unknown) => {
		if (error instanceof DiscordAPIError && (error.code === 10003 || error.status === 404)) return null;
		// Discord hides a channel the bot may not view (Missing Access).
		if (error instanceof DiscordAPIError && (error.code === 50001 || error.status === 403)) return 'hidden' as const;
		throw error;
	});
	if (!channel) return { reason: 'unknownChannel' };
	const granted = channel === 'hidden' ? new PermissionsBitField() : channel.permissionsFor(guild.members.me ?? (await guild.members.fetchMe()));
	const missing = new PermissionsBitField(postPermissions).remove(granted).toArray();
	return missing.length > 0 ? { reason: 'missingPermission', missing } : null;
}

/** A refusal shown to the member, in their language. */
class Refused extends Error {}

export class AnnonceCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'annonce',
			description: text('en')('announceDescription'),
			requiredUserPermissions: [PermissionFlagsBits.ManageGuild],
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('annonce')
				.setNameLocalizations(inEnglish('announce'))
				.setDescription(fr('announceDescription'))
				.setDescriptionLocalizations(en('announceDescription'))
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
				.setContexts(0)
				.addSubcommand((sub) =>
					sub
						.setName('planifier')
						.setNameLocalizations(inEnglish('schedule'))
						.setDescription(fr('announceScheduleDescription'))
						.setDescriptionLocalizations(en('announceScheduleDescription'))
						.addChannelOption((option) =>
							option
								.setName('salon')
								.setNameLocalizations(inEnglish('channel'))
								.setDescription(fr('announceChannelOption'))
								.setDescriptionLocalizations(en('announceChannelOption'))
								.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
								.setRequired(true)
						)
						.addStringOption((option) =>
							option.setName('heure').setNameLocalizations(inEnglish('time')).setDescription(fr('announceTimeOption')).setDescriptionLocalizations(en('announceTimeOption')).setRequired(true).setMaxLength(20)
						)
						.addStringOption((option) =>
							option
								.setName('message')
								.setNameLocalizations(inEnglish('message'))
								.setDescription(fr('announceMessageOption'))
								.setDescriptionLocalizations(en('announceMessageOption'))
								.setRequired(true)
								.setMaxLength(2000)
						)
						.addStringOption((option) =>
							option
								.setName('repetition')
								.setNameLocalizations(inEnglish('repeat'))
								.setDescription(fr('announceRepeatOption'))
								.setDescriptionLocalizations(en('announceRepeatOption'))
								.addChoices(
									...announcementRepeat.enumValues.map((repeat) => ({
										name: fr('announceRepeatChoice', { repeat }),
										name_localizations: inEnglish(text('en')('announceRepeatChoice', { repeat })),
										value: repeat
									}))
								)
						)
						.addStringOption((option) =>
							option.setName('date').setNameLocalizations(inEnglish('date')).setDescription(fr('announceDateOption')).setDescriptionLocalizations(en('announceDateOption')).setMaxLength(40)
						)
				)
				.addSubcommand((sub) =>
					sub.setName('liste').setNameLocalizations(inEnglish('list')).setDescription(fr('announceListDescription')).setDescriptionLocalizations(en('announceListDescription'))
				)
				.addSubcommand((sub) =>
					sub
						.setName('supprimer')
						.setNameLocalizations(inEnglish('delete'))
						.setDescription(fr('announceDeleteDescription'))
						.setDescriptionLocalizations(en('announceDeleteDescription'))
						.addStringOption(announcementIdOption)
				)
				.addSubcommand((sub) =>
					sub
						.setName('reprendre')
						.setNameLocalizations(inEnglish('resume'))
						.setDescription(fr('announceResumeDescription'))
						.setDescriptionLocalizations(en('announceResumeDescription'))
						.addStringOption(announcementIdOption)
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		const typed = interaction.options.getFocused().trim().toLowerCase();
		const t = text(localeOf(interaction));
		const rows = interaction.guildId ? await listAnnouncements(this.container.db, interaction.guildId, 100) : [];
		const zone = interaction.guildId ? guildTimeZone(interaction.guildId) : 'UTC';
		// `reprendre` offers only the paused ones.
		const pausedOnly = interaction.options.getSubcommand() === 'reprendre';
		await interaction.respond(
			rows
				.filter((row) => !pausedOnly || row.pausedAt)
				.filter((row) => row.id.startsWith(typed) || row.message.toLowerCase().includes(typed))
				.slice(0, 25)
				.map((row) => {
					const when = DateTime.fromJSDate(row.nextRunAt, { zone }).toFormat('dd/MM HH:mm');
					const repeat = t('announceRepeat', { repeat: row.repeat });
					return { name: `${shortId(row.id)} · ${when} · ${repeat} · ${row.message.replace(/\s+/g, ' ')}`.slice(0, 100), value: row.id };
				})
		);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		if (!interaction.inGuild()) return;
		const locale = localeOf(interaction);
		try {
			const subcommand = interaction.options.getSubcommand();
			if (subcommand === 'planifier') return await this.schedule(interaction, locale);
			if (subcommand === 'liste') return await this.list(interaction, locale);
			if (subcommand === 'reprendre') return await this.resume(interaction, locale);
			return await this.askDelete(interaction, locale);
		} catch (error) {
			if (!(error instanceof Refused)) throw error;
			await respond(interaction, { embeds: [buildEmbed({ kind: 'warning', title: text(locale)('announceRefusedTitle'), description: error.message, locale })], ephemeral: true });
		}
	}

	private async schedule(interaction: GuildInteraction, locale: Locale) {
		const t = text(locale);
		const now = new Date();
		const zone = guildTimeZone(interaction.guildId);
		// The id is enough (the channel types are checked by Discord); the channel itself may not be cached.
		const channelId = String(interaction.options.get('salon', true).value);
		const channel = interaction.guild?.channels.cache.get(channelId);
		if (channel && !channel.isTextBased()) throw new Refused(t('announceNotText'));
		const typedTime = interaction.options.getString('heure', true);
		const time = parseDayTime(typedTime, zone, now);
		if (!time.ok || !time.hasTime) throw new Refused(t('announceBadTime', { value: typedTime }));
		const clock = DateTime.fromJSDate(time.at, { zone });
		// The day comes from `date`, or from `heure` (`lundi 8h`), not both.
		const typedDate = interaction.options.getString('date');
		if (typedDate && time.hasDay) throw new Refused(t('announceTwoDays', { time: typedTime, date: typedDate }));
		// Read as a moment only to know whether a weekday (`lundi`) or a date was typed; its day is what counts.
		const typedDay = typedDate ? parseDayTime(typedDate, zone, now) : time.hasDay ? time : null;
		if (typedDay && !typedDay.ok) throw new Refused(t('announceBadDate', { value: typedDate! }));
		const schedule = { hour: clock.hour, minute: clock.minute, repeat: (interaction.options.getString('repetition') ?? 'aucune') as AnnouncementRepeat };
		const first = firstRun(schedule, zone, now, typedDay?.ok ? { date: todayIn(zone, typedDay.at), weekday: !typedDay.hasDate } : undefined);
		if (!first) throw new Refused(t('announcePast'));
		const row = await insertAnnouncement(this.container.db, {
			...schedule,
			guildId: interaction.guildId,
			channelId,
			authorId: interaction.user.id,
			message: interaction.options.getString('message', true),
			nextRunAt: first
		});
		pluginLogger(this).info({ guildId: row.guildId, announcement: row.id, channelId, repeat: row.repeat, nextRunAt: first }, 'Announcement scheduled');
		await recordAudit({ kind: 'action_admin', guildId: row.guildId, actorId: row.authorId, action: 'announcement.schedule', target: row.id, details: { channelId, repeat: row.repeat } });
		const description = t('announceScheduledBody', { channel: `<#${channelId}>`, repeat: t('announceRepeat', { repeat: row.repeat }), time: clockTime(row), zone, ...runInWords(first, locale, zone) });
		await respond(interaction, { embeds: [buildEmbed({ kind: 'success', title: t('announceScheduledTitle'), description, locale })], ephemeral: true });
	}

	private async list(interaction: GuildInteraction, locale: Locale) {
		const t = text(locale);
		const rows = await listAnnouncements(this.container.db, interaction.guildId, shownInList + 1);
		const lines = rows.slice(0, shownInList).map((row) => {
			const vars = { id: shortId(row.id), channel: `<#${row.channelId}>`, repeat: t('announceRepeat', { repeat: row.repeat }), author: row.authorId, words: preview(row.message) };
			return row.pausedAt
				? t('announceListPaused', { ...vars, reason: t('announcePauseReason', { reason: row.pauseReason ?? '' }) })
				: t('announceListLine', { ...vars, stamp: stamp(row.nextRunAt) });
		});
		// Whole announcements only, as many as the embed holds with the note saying how many: a line cut short
		// would break its mention, and the ones past the cut would vanish without a word.
		const shown: string[] = [];
		for (const line of lines) {
			const withNote = [...shown, line, t('announceListMore', { count: shown.length + 1 })].join('\n');
			if (withNote.length > embedDescriptionLimit) break;
			shown.push(line);
		}
		if (rows.length > shown.length) shown.push(t('announceListMore', { count: shown.length }));
		const description = shown.length > 0 ? shown.join('\n') : t('announceListEmpty');
		await respond(interaction, { embeds: [buildEmbed({ kind: 'info', title: t('announceListTitle'), description, locale })], ephemeral: true });
	}

	/**
	 * Clears the pause once the cause is fixed: the next run is computed from now; a one-off already past is refused,
	 * and so is one whose channel is gone or where the bot still may not post (it stays paused).
	 */
	private async resume(interaction: GuildInteraction, locale: Locale) {
		const t = text(locale);
		const row = await this.typedAnnouncement(interaction, locale);
		if (!row.pausedAt) throw new Refused(t('announceNotPaused', { id: shortId(row.id) }));
		const zone = guildTimeZone(interaction.guildId);
		const next = resumedRun(row, zone, new Date());
		if (!next) throw new Refused(t('announceResumePast'));
		const problem = await postProblem(interaction.guild ?? (await this.container.client.guilds.fetch(interaction.guildId)), row.channelId);
		if (problem) {
			const missing = problem.reason === 'missingPermission' ? problem.missing.map((permission) => t('announcePermission', { permission })).join(', ') : '';
			throw new Refused(t('announceStillBroken', { id: shortId(row.id), reason: problem.reason, channel: `<#${row.channelId}>`, missing }));
		}
		if (!(await resumeAnnouncement(this.container.db, row, next))) throw new Refused(t('announceNotPaused', { id: shortId(row.id) }));
		pluginLogger(this).info({ guildId: row.guildId, announcement: row.id, actorId: interaction.user.id, nextRunAt: next }, 'Announcement resumed');
		await recordAudit({ kind: 'action_admin', guildId: row.guildId, actorId: interaction.user.id, action: 'announcement.resume', target: row.id, details: { pauseReason: row.pauseReason } });
		const description = t('announceResumedBody', { channel: `<#${row.channelId}>`, repeat: t('announceRepeat', { repeat: row.repeat }), time: clockTime(row), zone, ...runInWords(next, locale, zone) });
		await respond(interaction, { embeds: [buildEmbed({ kind: 'success', title: t('announceResumedTitle'), description, locale })], ephemeral: true });
	}

	/** The announcement the `id` option names (its id or first characters), else refused. */
	private async typedAnnouncement(interaction: GuildInteraction, locale: Locale): Promise<Announcement> {
		const typed = interaction.options.getString('id', true);
		const row = await findAnnouncement(this.container.db, interaction.guildId, typed);
		if (!row) throw new Refused(text(locale)('announceUnknown', { id: preview(typed, 40) }));
		return row;
	}

	private async askDelete(interaction: GuildInteraction, locale: Locale) {
		const t = text(locale);
		const row = await this.typedAnnouncement(interaction, locale);
		await confirm(interaction, {
			action: deleteAnnouncementAction,
			args: { guildId: row.guildId, id: row.id },
			title: t('announceDeleteTitle'),
			description: t('announceDeleteBody', { repeat: t('announceRepeat', { repeat: row.repeat }), channel: `<#${row.channelId}>`, time: clockTime(row), words: preview(row.message, 200) }),
			confirmLabel: t('announceDeleteConfirm'),
			locale,
			ephemeral: true
		});
	}
}
