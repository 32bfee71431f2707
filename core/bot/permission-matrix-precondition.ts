// Enforces the server's permission matrix on every plugin's commands: a global precondition for refusals, and the default level (`requiredUserPermissions`) the matrix may override.
import { CorePreconditions, Precondition, container, type Command } from '@sapphire/framework';
import {
	GuildMember,
	type AutocompleteInteraction,
	PermissionFlagsBits,
	type ChatInputCommandInteraction,
	type ContextMenuCommandInteraction,
	type Guild,
	type Message
} from 'discord.js';
import { guildSettings } from '../guild-settings.ts';
import { decide, type MatrixDecision, type Named } from '../permission-matrix.ts';

export const permissionMatrixDeniedIdentifier = 'permissionMatrixDenied';

type Target = Message | ChatInputCommandInteraction | ContextMenuCommandInteraction | AutocompleteInteraction;

/** What the matrix says about this member running this command here; null outside a server. */
export function matrixDecision(target: Target, command: Command): MatrixDecision | null {
	const guild = target.guild;
	if (!target.guildId || !guild) return null;
	const userId = 'author' in target ? target.author.id : target.user.id;
	const member = target.member;
	const roleIds = member instanceof GuildMember ? [...member.roles.cache.keys()] : (member?.roles ?? []);
	const permissions = 'author' in target ? (member instanceof GuildMember ? member.permissions : null) : target.memberPermissions;
	return decide(guildSettings(target.guildId).permissions, {
		command: { name: command.name, aliases: command.aliases, plugin: container.plugins.pluginOf(command) ?? null },
		member: {
			isOwner: guild.ownerId === userId,
			isAdministrator: permissions?.has(PermissionFlagsBits.Administrator) ?? false,
			roles: roleIds.filter((id) => id !== guild.id).map((id) => ({ id, name: guild.roles.cache.get(id)?.name ?? id }))
		},
		places: placesOf(guild, target.channelId)
	});
}

/** The channel and its parents (a thread's channel, a channel's category). */
function placesOf(guild: Guild, channelId: string | null): Named[] {
	const places: Named[] = [];
	let channel = channelId ? guild.channels.cache.get(channelId) : undefined;
	while (channel && places.length < 3) {
		places.push({ id: channel.id, name: channel.name });
		channel = channel.parentId ? guild.channels.cache.get(channel.parentId) : undefined;
	}
	return places;
}

/** Global (position 3, after the plugin gate and the rate limit, so refusals cannot flood the audit log): the matrix's refusals, with why. */
export class PermissionMatrixPrecondition extends Precondition {
	constructor(context: Precondition.LoaderContext) {
		super(context, { position: 3 });
	}

	public override messageRun(message: Message, command: Command) {
		return this.check(message, command);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction, command: Command) {
		return this.check(interaction, command);
	}

	public override contextMenuRun(interaction: ContextMenuCommandInteraction, command: Command) {
		return this.check(interaction, command);
	}

	private check(target: Target, command: Command) {
		const decision = matrixDecision(target, command);
		if (decision?.outcome !== 'deny') return this.ok();
		return this.error({ identifier: permissionMatrixDeniedIdentifier, message: `refused by the permission matrix (${decision.reason})`, context: decision });
	}
}

/**
 * Replaces Sapphire's `UserPermissions` (which checks a command's `requiredUserPermissions`): a member
 * the matrix allows by role runs the command without the default permissions; otherwise the default applies.
 */
export class MatrixUserPermissionsPrecondition extends CorePreconditions.UserPermissions {
	public override messageRun(message: Message, command: Command, context: Precondition.Context) {
		return this.allowedByMatrix(message, command) ? this.ok() : super.messageRun(message, command, context);
	}

	public override chatInputRun(interaction: ChatInputCommandInteraction, command: Command, context: Precondition.Context) {
		return this.allowedByMatrix(interaction, command) ? this.ok() : super.chatInputRun(interaction, command, context);
	}

	public override contextMenuRun(interaction: ContextMenuCommandInteraction, command: Command, context: Precondition.Context) {
		return this.allowedByMatrix(interaction, command) ? this.ok() : super.contextMenuRun(interaction, command, context);
	}

	private allowedByMatrix(target: Target, command: Command): boolean {
		return matrixDecision(target, command)?.outcome === 'allow';
	}
}
