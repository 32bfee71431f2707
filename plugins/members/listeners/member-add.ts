import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { findTextChannel, guildSettings, pluginLogger, pluginOf, postToLogChannel } from '#core/plugin-kit.ts';
import { findRole, welcomeRulesReference } from '../welcome.ts';
import { welcomeText } from '../members.ts';
import type { MembersSettings } from '../settings.ts';
import { text } from '../text.ts';

/** A newcomer: welcomed in the welcome channel (pinging only them) and given the default role, as the settings say. */
export class MemberAddWelcome extends Listener<typeof Events.GuildMemberAdd> {
	public constructor(context: Listener.LoaderContext, options: Listener.Options) {
		super(context, { ...options, event: Events.GuildMemberAdd });
	}

	public override async run(member: GuildMember) {
		if (member.user.bot) return;
		const settings = pluginOf<MembersSettings>(this).settings(member.guild.id);
		const staff = text(guildSettings(member.guild.id).locale);
		const logger = pluginLogger(this);
		if (settings.welcomeChannel) {
			const channel = findTextChannel(member.guild, settings.welcomeChannel);
			if (channel) {
				const content = welcomeText(settings.welcomeMessage, `<@${member.id}>`, welcomeRulesReference(member.guild, settings.rulesChannel));
				await channel.send({ content, allowedMentions: { users: [member.id] } }).catch((error: unknown) => logger.warn({ err: error, guildId: member.guild.id, channel: channel.id }, 'Could not post the welcome'));
			} else {
				logger.warn({ guildId: member.guild.id, channel: settings.welcomeChannel }, 'Welcome channel not found');
				await postToLogChannel(member.guild.id, { kind: 'warning', title: staff('welcomeChannelMissingTitle'), description: staff('welcomeChannelMissing', { channel: settings.welcomeChannel, member: `<@${member.id}>` }), source: 'member.join' });
			}
		}
		if (settings.defaultRole) {
			const role = findRole(member.guild, settings.defaultRole);
			const failed = (reason: string) =>
				postToLogChannel(member.guild.id, { kind: 'warning', title: staff('welcomeRoleFailedTitle'), description: staff('welcomeRoleFailed', { role: settings.defaultRole!, member: `<@${member.id}>`, reason }), source: 'member.join' });
			if (!role) {
				logger.warn({ guildId: member.guild.id, role: settings.defaultRole }, 'Default role not found');
				return failed(staff('welcomeRoleMissing'));
			}
			await member.roles.add(role, 'Rôle par défaut des nouveaux membres').catch(async (error: unknown) => {
				logger.warn({ err: error, guildId: member.guild.id, role: role.id }, 'Could not give the default role');
				await failed(error instanceof Error ? error.message : String(error));
			});
		}
	}
}
