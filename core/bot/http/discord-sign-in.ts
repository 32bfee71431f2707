/**
 * The dashboard's Discord sign-in: OAuth2's authorization-code flow (scope `identify`) against
 * DISCORD_API_URL, so the local Discord server answers it in the sandbox and tests. A small explicit
 * flow rather than @sapphire/plugin-api's: that one calls discord.com's fixed URLs and needs its cookie
 * middleware, which the core unloads. Only the bot's owners and each server's admins get in.
 */
import { container } from '@sapphire/framework';
import { PermissionFlagsBits, type Guild } from 'discord.js';
import { everyGuild } from '../../bot-guilds.ts';
import { guildSettings } from '../../guild-settings.ts';
import { isEveryone, refersTo, rulesFor, type PermissionMatrix } from '../../permission-matrix.ts';

export interface DiscordSignInOptions {
	clientId: string;
	clientSecret: string;
	/** The Discord API's base (`https://discord.com/api`, or the local server's): the authorize page is `<base without /api>/oauth2/authorize`. */
	apiUrl: string;
	/** Where browsers reach the bot; by default the request's own Host. */
	publicUrl?: string;
}

export interface DiscordUser {
	id: string;
	name: string;
}

let options: DiscordSignInOptions | undefined;

export function configureDiscordSignIn(given: DiscordSignInOptions | undefined): void {
	options = given;
}

export const discordSignInAvailable = () => options !== undefined;

/** The callback Discord sends the browser back to; the same string goes to the authorize page and the code exchange. */
export function redirectUri(host: string | undefined): string {
	return `${options?.publicUrl ?? `http://${host ?? '127.0.0.1'}`}/api/session/discord/callback`;
}

export function authorizeUrl(state: string, redirect: string): string {
	if (!options) throw new Error('Discord sign-in is not configured');
	const url = new URL(`${options.apiUrl.replace(/\/api\/?$/, '')}/oauth2/authorize`);
	url.search = new URLSearchParams({ response_type: 'code', client_id: options.clientId, scope: 'identify', redirect_uri: redirect, state, prompt: 'none' }).toString();
	return url.href;
}

export class DiscordSignInError extends Error {}

/** Exchanges the code for an access token, then asks Discord who it belongs to. */
export async function userOfCode(code: string, redirect: string): Promise<DiscordUser> {
	if (!options) throw new DiscordSignInError('Discord sign-in is not configured');
	const api = `${options.apiUrl.replace(/\/$/, '')}/v10`;
	const tokenResponse = await fetch(`${api}/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: options.clientId, client_secret: options.clientSecret }),
		signal: AbortSignal.timeout(10_000)
	});
	const token = (await tokenResponse.json().catch(() => ({}))) as { access_token?: string; error?: string };
	if (!tokenResponse.ok || !token.access_token) throw new DiscordSignInError(`code exchange refused (${tokenResponse.status} ${token.error ?? ''})`.trim());
	const userResponse = await fetch(`${api}/users/@me`, { headers: { authorization: `Bearer ${token.access_token}` }, signal: AbortSignal.timeout(10_000) });
	if (!userResponse.ok) throw new DiscordSignInError(`GET /users/@me answered ${userResponse.status}`);
	const user = (await userResponse.json()) as { id: string; username: string; global_name?: string | null };
	return { id: user.id, name: user.global_name ?? user.username };
}

/**
 * The roles the matrix lets run `/config` (the admin plugin's commands): the `config` command's rule
 * if it names roles, else the `admin` group's. `@everyone` never admits anyone to the dashboard.
 */
export function matrixAdminRoles(matrix: PermissionMatrix): string[] {
	const rule = rulesFor(matrix, { name: 'config', aliases: [], plugin: 'admin' }).find(({ rule: { roles } }) => roles !== undefined);
	return (rule?.rule.roles ?? []).filter((reference) => !isEveryone(reference));
}

async function isAdminOf(guild: Guild, userId: string): Promise<boolean> {
	if (guild.ownerId === userId) return true;
	const member = await guild.members.fetch({ user: userId, force: true }).catch(() => undefined);
	if (!member) return false;
	if (member.permissions.has(PermissionFlagsBits.Administrator)) return true;
	const adminRoles = matrixAdminRoles(guildSettings(guild.id).permissions);
	return member.roles.cache.some((role) => role.id !== guild.id && adminRoles.some((reference) => refersTo(reference, { id: role.id, name: role.name })));
}

/**
 * Whether this Discord user may use the dashboard, and where: one of the bot's owners (BOT_OWNER_IDS),
 * or in a server of the bot its owner, a member holding Administrator or a role the permission matrix
 * lets run the admin commands. Undefined: refused. `guildIds` limits a session to the servers it
 * administers when the bot serves several (the rule of `/config` and `/plugins` for bot-wide changes).
 */
export async function dashboardAccess(userId: string): Promise<{ guildIds?: string[] } | undefined> {
	const { config } = container;
	if (config.BOT_OWNER_IDS.includes(userId)) return {};
	const guildIds: string[] = [];
	// Every server of the bot, whichever process holds its shard (or none here: PROCESS_ROLE=api).
	for await (const guild of everyGuild()) {
		if (await isAdminOf(guild, userId)) guildIds.push(guild.id);
	}
	if (guildIds.length === 0) return undefined;
	return config.DISCORD_GUILD_IDS.length <= 1 ? {} : { guildIds };
}
