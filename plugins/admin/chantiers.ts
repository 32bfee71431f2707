/**
 * A chantier's Discord space, from creation to archive: the category and its channels made from the
 * template together with team's `chantiers` row (all or nothing), archived read-only at the bottom of
 * the list and brought back as it was.
 */
import { container } from '@sapphire/framework';
import { ChannelType, type CategoryChannel, type Guild, type GuildChannel, type NonThreadGuildBasedChannel } from 'discord.js';
import { pluginDataStore } from '#core/db/plugin-data.ts';
import type { Logger } from '#core/log.ts';
import { emitBotEvent } from '#core/plugin-kit.ts';
import { chantierByCode, insertChantier, setChantierStatus, type Chantier, type ChantierStatus } from '../team/public.ts';
import {
	archivedName,
	categoryName,
	checkChantierInput,
	readOnlyDenied,
	readOnlyOverwrites,
	resolveOverwrites,
	type ChantierInput,
	type InputProblem,
	type Overwrite
} from './chantier-template.ts';
import type { AdminSettings } from './settings.ts';

export type Refusal =
	| { reason: 'input'; problems: InputProblem[] }
	| { reason: 'codeTaken'; code: string }
	| { reason: 'unknownRole'; role: string; channel: string }
	| { reason: 'discord'; message: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

interface Context {
	actorId: string;
	timeZone: string;
	now: Date;
	logger: Logger;
}

/** Why Discord refused, as it said it ("Missing Permissions"), never a stack. */
function discordMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the category, its channels and the chantiers row. If Discord refuses any step, what was
 * already created is deleted again and no row is written; so is it when the code was taken meanwhile.
 */
export async function createChantier(
	guild: Guild,
	input: ChantierInput,
	settings: AdminSettings,
	context: Context
): Promise<Outcome<{ chantier: Chantier; channels: GuildChannel[] }>> {
	const checked = checkChantierInput(input, context.timeZone, context.now);
	if (!checked.ok) return { ok: false, refusal: { reason: 'input', problems: checked.problems } };
	const chantier = checked.value;
	if (await chantierByCode(container.db, guild.id, chantier.code)) return { ok: false, refusal: { reason: 'codeTaken', code: chantier.code } };
	const roles = [...guild.roles.cache.values()].map(({ id, name }) => ({ id, name }));
	const plan: { name: string; type: ChannelType.GuildText | ChannelType.GuildVoice; topic?: string; overwrites: Overwrite[] }[] = [];
	for (const template of settings.chantierChannels) {
		const resolved = resolveOverwrites(template, roles, guild.id);
		if (!resolved.ok) return { ok: false, refusal: { reason: 'unknownRole', role: resolved.unknownRole, channel: template.name } };
		plan.push({ name: template.name, type: template.type === 'vocal' ? ChannelType.GuildVoice : ChannelType.GuildText, topic: template.topic, overwrites: resolved.overwrites });
	}

	const reason = `Chantier ${chantier.code} (${context.actorId})`;
	const created: GuildChannel[] = [];
	try {
		const category = await guild.channels.create({ name: categoryName(settings.chantierCategoryName, chantier), type: ChannelType.GuildCategory, reason });
		created.push(category);
		for (const channel of plan) {
			created.push(
				await guild.channels.create({
					name: channel.name,
					type: channel.type,
					parent: category.id,
					permissionOverwrites: channel.overwrites,
					reason,
					...(channel.type === ChannelType.GuildText && channel.topic ? { topic: channel.topic } : {})
				})
			);
		}
		const main = created.find((channel) => channel.type === ChannelType.GuildText)!;
		const row = await insertChantier(container.db, { guildId: guild.id, ...chantier, discordCategoryId: category.id, discordChannelId: main.id });
		if (!row) {
			await removeAll(created, context.logger);
			return { ok: false, refusal: { reason: 'codeTaken', code: chantier.code } };
		}
		emitBotEvent({ type: 'chantier.created', guildId: guild.id, data: chantierEventData(row) });
		return { ok: true, value: { chantier: row, channels: created.slice(1) } };
	} catch (error) {
		context.logger.warn({ err: error, code: chantier.code, created: created.map((channel) => channel.id) }, 'Chantier creation failed; removing what was created');
		await removeAll(created, context.logger);
		return { ok: false, refusal: { reason: 'discord', message: discordMessage(error) } };
	}
}

/** Deletes channels, last created first; a channel that cannot be deleted is logged and the others still go. */
async function removeAll(channels: GuildChannel[], logger: Logger): Promise<void> {
	for (const channel of [...channels].reverse()) {
		await channel.delete('Rollback of a failed chantier creation').catch((error: unknown) => logger.error({ err: error, channel: channel.id }, 'Could not remove a channel of a failed chantier creation'));
	}
}

/** What archiving changed, kept (plugin_data) so that unarchiving gives it all back. */
interface ArchiveSnapshot {
	status: ChantierStatus;
	categoryName: string;
	categoryPosition: number;
	overwrites: Record<string, { id: string; type: number; allow: string; deny: string }[]>;
}

const store = () => pluginDataStore(container.db, 'admin');
const snapshotPrefix = 'chantier-archive:';
const snapshotKey = (chantierId: string) => `${snapshotPrefix}${chantierId}`;

/** The member's own overwrites kept in archive snapshots, per chantier id (members' data export). */
export async function memberOverwritesInArchives(userId: string): Promise<Record<string, Record<string, ArchiveSnapshot['overwrites'][string]>>> {
	const found: Record<string, Record<string, ArchiveSnapshot['overwrites'][string]>> = {};
	for (const { key, value } of await store().list<ArchiveSnapshot>(snapshotPrefix)) {
		for (const [channelId, overwrites] of Object.entries(value.overwrites)) {
			const own = overwrites.filter((overwrite) => overwrite.id === userId);
			if (own.length > 0) (found[key.slice(snapshotPrefix.length)] ??= {})[channelId] = own;
		}
	}
	return found;
}

/** Drops the member's overwrites from archive snapshots (members' data erasure): unarchiving then gives them none. */
export async function forgetMemberInArchives(userId: string): Promise<number> {
	let changed = 0;
	for (const { key, value } of await store().list<ArchiveSnapshot>(snapshotPrefix)) {
		const overwrites = Object.fromEntries(Object.entries(value.overwrites).map(([channelId, list]) => [channelId, list.filter((overwrite) => overwrite.id !== userId)]));
		if (JSON.stringify(overwrites) === JSON.stringify(value.overwrites)) continue;
		await store().set(key, { ...value, overwrites });
		changed++;
	}
	return changed;
}

async function categoryOf(guild: Guild, chantier: Chantier): Promise<CategoryChannel | undefined> {
	if (!chantier.discordCategoryId) return undefined;
	const channel = guild.channels.cache.get(chantier.discordCategoryId) ?? (await guild.channels.fetch(chantier.discordCategoryId).catch(() => null));
	return channel?.type === ChannelType.GuildCategory ? channel : undefined;
}

/** The chantier's channels now: its category's children, in their order. */
export async function channelsOf(guild: Guild, chantier: Chantier): Promise<{ category: CategoryChannel | undefined; channels: NonThreadGuildBasedChannel[] }> {
	const category = await categoryOf(guild, chantier);
	const channels = category ? [...category.children.cache.values()].sort((a, b) => a.position - b.position) : [];
	return { category, channels };
}

const overwritesOf = (channel: CategoryChannel | NonThreadGuildBasedChannel): Overwrite[] =>
	'permissionOverwrites' in channel
		? [...channel.permissionOverwrites.cache.values()].map((overwrite) => ({ id: overwrite.id, type: overwrite.type, allow: overwrite.allow.bitfield, deny: overwrite.deny.bitfield }))
		: [];

/**
 * Archives a chantier: its category renamed `YYYY-nom` and moved to the bottom, every channel (and
 * the category) read-only, the status `archive`. If Discord refuses a step, what changed is put back.
 * Answers how many channels were made read-only; a chantier whose category is gone is archived all the same.
 */
export async function archiveChantier(guild: Guild, chantier: Chantier, context: Context): Promise<Outcome<{ channels: number; categoryFound: boolean }>> {
	const { category, channels } = await channelsOf(guild, chantier);
	const snapshot: ArchiveSnapshot = { status: chantier.status, categoryName: category?.name ?? '', categoryPosition: category?.position ?? 0, overwrites: {} };
	const reason = `Chantier ${chantier.code} archivé (${context.actorId})`;
	if (category) {
		for (const channel of [category, ...channels]) {
			snapshot.overwrites[channel.id] = overwritesOf(channel).map((overwrite) => ({ ...overwrite, allow: String(overwrite.allow), deny: String(overwrite.deny) }));
		}
		try {
			const lastCategory = guild.channels.cache.filter((channel) => channel.type === ChannelType.GuildCategory).size - 1;
			await category.edit({ name: archivedName(chantier, context.timeZone, context.now), reason });
			await category.setPosition(lastCategory, { reason });
			for (const channel of [category, ...channels]) {
				if ('permissionOverwrites' in channel) await channel.permissionOverwrites.set(readOnlyOverwrites(overwritesOf(channel), guild.id), reason);
			}
		} catch (error) {
			context.logger.warn({ err: error, chantier: chantier.code }, 'Archiving failed on Discord; putting the category back');
			await restore(guild, category, snapshot, context.logger);
			return { ok: false, refusal: { reason: 'discord', message: discordMessage(error) } };
		}
	}
	await store().set(snapshotKey(chantier.id), snapshot);
	await setChantierStatus(container.db, chantier.id, 'archive');
	emitBotEvent({ type: 'chantier.archived', guildId: guild.id, data: chantierEventData(chantier) });
	return { ok: true, value: { channels: channels.length, categoryFound: Boolean(category) } };
}

/** What the bot's event bus (and so n8n) learns of a chantier. */
const chantierEventData = (chantier: Chantier) => ({ id: chantier.id, code: chantier.code, name: chantier.name, categoryId: chantier.discordCategoryId, channelId: chantier.discordChannelId });

/** Brings an archived chantier back as it was before: name, position, overwrites and status. */
export async function unarchiveChantier(guild: Guild, chantier: Chantier, settings: AdminSettings, context: Context): Promise<Outcome<{ status: ChantierStatus; categoryFound: boolean }>> {
	const saved = await store().get<ArchiveSnapshot>(snapshotKey(chantier.id));
	const { category, channels } = await channelsOf(guild, chantier);
	if (category) {
		// Archived before this plugin kept what it changed (by hand, say): the template's name, and writing allowed again.
		const snapshot = saved ?? {
			status: 'actif',
			categoryName: categoryName(settings.chantierCategoryName, chantier),
			categoryPosition: category.position,
			overwrites: Object.fromEntries(
				[category, ...channels].map((channel) => [
					channel.id,
					overwritesOf(channel).map((overwrite) => ({ ...overwrite, allow: String(overwrite.allow), deny: String(overwrite.id === guild.id ? overwrite.deny & ~readOnlyDenied : overwrite.deny) }))
				])
			)
		};
		try {
			await restore(guild, category, snapshot, context.logger, true);
		} catch (error) {
			return { ok: false, refusal: { reason: 'discord', message: discordMessage(error) } };
		}
	}
	const status = saved?.status && saved.status !== 'archive' ? saved.status : 'actif';
	await setChantierStatus(container.db, chantier.id, status);
	await store().delete(snapshotKey(chantier.id));
	return { ok: true, value: { status, categoryFound: Boolean(category) } };
}

/** Puts a category and its channels back as the snapshot says; throws the first refusal when `strict`, else logs. */
async function restore(guild: Guild, category: CategoryChannel, snapshot: ArchiveSnapshot, logger: Logger, strict = false): Promise<void> {
	const attempt = async (step: () => Promise<unknown>) => {
		try {
			await step();
		} catch (error) {
			if (strict) throw error;
			logger.error({ err: error, category: category.id }, 'Could not put back part of a chantier category');
		}
	};
	if (category.name !== snapshot.categoryName && snapshot.categoryName) await attempt(() => category.setName(snapshot.categoryName));
	await attempt(() => category.setPosition(snapshot.categoryPosition));
	for (const [channelId, overwrites] of Object.entries(snapshot.overwrites)) {
		const channel = guild.channels.cache.get(channelId);
		if (!channel || !('permissionOverwrites' in channel)) continue;
		await attempt(() => channel.permissionOverwrites.set(overwrites.map((overwrite) => ({ id: overwrite.id, type: overwrite.type, allow: BigInt(overwrite.allow), deny: BigInt(overwrite.deny) }))));
	}
}
