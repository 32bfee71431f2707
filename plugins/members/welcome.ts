/** Finding what the welcome settings name on the server: the default role and the rules channel. */
import type { Guild, Role } from 'discord.js';
import { findTextChannel } from '#core/plugin-kit.ts';

/** A role by id, mention or name (any case); never @everyone or a role managed by an integration. */
export function findRole(guild: Guild, wanted: string): Role | undefined {
	const id = wanted.replace(/^<@&(\d+)>$/, '$1');
	const name = wanted.replace(/^@/, '').toLowerCase();
	const role = guild.roles.cache.get(id) ?? guild.roles.cache.find((candidate) => candidate.name.toLowerCase() === name);
	return role && role.id !== guild.id && !role.managed ? role : undefined;
}

/** The rules channel as a link when the server has it, else its name as typed. */
export function welcomeRulesReference(guild: Guild, rules: string): string {
	const channel = findTextChannel(guild, rules);
	return channel ? `<#${channel.id}>` : `#${rules.replace(/^#/, '')}`;
}
