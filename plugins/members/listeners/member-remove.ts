import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import { recordAudit } from '#core/audit.ts';
import { escapeUserText, guildSettings, postToLogChannel } from '#core/plugin-kit.ts';
import { text } from '../text.ts';

/** A departure (left, kicked or banned): one audit line and a line in the log channel. */
export class MemberRemoveLog extends Listener<typeof Events.GuildMemberRemove> {
	public constructor(context: Listener.LoaderContext, options: Listener.Options) {
		super(context, { ...options, event: Events.GuildMemberRemove });
	}

	public override async run(member: GuildMember | PartialGuildMember) {
		if (member.user.bot) return;
		const guildId = member.guild.id;
		await recordAudit({ kind: 'action_admin', guildId, actorId: 'system', action: 'member.leave', target: member.id, details: { joinedAt: member.joinedAt?.toISOString() ?? null } });
		const staff = text(guildSettings(guildId).locale);
		await postToLogChannel(guildId, { kind: 'info', title: staff('logLeftTitle'), description: staff('logLeft', { member: `<@${member.id}>`, name: escapeUserText(member.user.username) }), source: 'member.leave' });
	}
}
