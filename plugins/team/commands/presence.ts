import { Command, type Args } from '@sapphire/framework';
import {
	ActivityType,
	escapeMarkdown,
	type ChatInputCommandInteraction,
	type GuildMember,
	type Message,
	type PresenceStatus
} from 'discord.js';
import { buildEmbed, everyMember, fitLines, inEnglish, localeOf, respond } from '#core/plugin-kit.ts';
import { english } from '../localized.ts';
import { answerUnknownMember } from '../unknown-member.ts';
import { text } from '../text.ts';

/** Discord's limit on a field's value: a large team's offline members pass it. */
const fieldLimit = 1024;

const groups = [
	{ statuses: ['online'], label: 'statusOnline', key: 'online' },
	{ statuses: ['dnd'], label: 'statusDnd', key: 'dnd' },
	{ statuses: ['idle'], label: 'statusIdle', key: 'idle' },
	{ statuses: ['offline', 'invisible'], label: 'statusOffline', key: 'offline' }
] as const;

/** `/presence [membre]`: the team's statuses, grouped with counts, with custom statuses. */
export class PresenceCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'presence',
			aliases: ['presences'],
			description: text('en')('presenceDescription'),
			prefixUsage: { fr: text('fr')('usagePresence'), en: text('en')('usagePresence') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('presence')
				.setDescription(text('fr')('presenceDescription'))
				.setDescriptionLocalizations(english('presenceDescription'))
				.setContexts(0)
				.addUserOption((option) =>
					option
						.setName('membre')
						.setNameLocalizations(inEnglish('member'))
						.setDescription(text('fr')('presenceMemberOption'))
						.setDescriptionLocalizations(english('presenceMemberOption'))
				)
		);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction<'cached'>) {
		return this.answer(interaction, interaction.options.getMember('membre'));
	}

	public override async messageRun(message: Message<true>, args: Args) {
		const member = await args.pick('member').catch(() => null);
		// A name that designates nobody is said, not answered with the whole team as if no one were asked for.
		if (!member && !args.finished) return answerUnknownMember(message, await args.rest('string'), text(localeOf(message))('presenceTitle'));
		return this.answer(message, member);
	}

	private async answer(target: ChatInputCommandInteraction<'cached'> | Message<true>, member: GuildMember | null) {
		const t = text(localeOf(target as { locale?: string }));
		if (member) {
			const group = groups.find(({ statuses }) => (statuses as readonly string[]).includes(statusOf(member)))!;
			const custom = customStatus(member);
			const embed = buildEmbed({
				kind: 'info',
				title: t('presenceMemberTitle', { member: member.displayName }),
				description: [t(group.label), custom && `*${custom}*`].filter(Boolean).join('\n')
			});
			return respond(target, { embeds: [embed], ephemeral: true });
		}
		const members = [...(await everyMember(target.guild)).values()].filter((candidate) => !candidate.user.bot);
		const counts: Record<string, number> = {};
		const fields = groups.map(({ statuses, label, key }) => {
			const inGroup = members
				.filter((candidate) => (statuses as readonly string[]).includes(statusOf(candidate)))
				.sort((a, b) => a.displayName.localeCompare(b.displayName));
			counts[key] = inGroup.length;
			const lines = inGroup.map((candidate) => {
				const custom = customStatus(candidate);
				return `${escapeMarkdown(candidate.displayName)}${custom ? ` — *${custom}*` : ''}`;
			});
			return { name: `${t(label)} (${inGroup.length})`, value: fitLines(lines, fieldLimit, (count) => t('presenceMore', { count })) || t('nobody') };
		});
		const embed = buildEmbed({ kind: 'info', title: t('presenceTitle'), description: t('presenceSummary', counts as Record<string, number>), fields });
		return respond(target, { embeds: [embed] });
	}
}

function statusOf(member: GuildMember): PresenceStatus {
	return member.presence?.status ?? 'offline';
}

/** The member's custom status text, escaped so it cannot format or ping. */
function customStatus(member: GuildMember): string | null {
	const state = member.presence?.activities.find((activity) => activity.type === ActivityType.Custom)?.state;
	return state ? escapeMarkdown(state).replace(/@/g, '@\u200b') : null;
}
