import { container } from '@sapphire/framework';
import type { APIEmbed } from 'discord.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../support/bot.ts';
import { defaultSeed } from '../../emulator/index.ts';
import { embedCharacters } from '../../plugins/planning/embed-limits.ts';
import { shortId } from '../../plugins/planning/planning.ts';
import { planning } from '../../plugins/planning/schema.ts';

const zone = 'Europe/Paris';

/**
 * The weekly post of a busy week. The local Discord server checks the 10 embeds of a message but not
 * Discord's 6,000 characters of embeds, so the sizes are checked here from what the bot posted.
 */
describe('planning weekly post of a busy week', () => {
	let bot: TestBot;
	// A Monday far enough ahead that no other test plans anything that week.
	const monday = DateTime.now().setZone(zone).startOf('week').plus({ weeks: 20 });
	// Ten team members (only their mentions are shown: they need not be in the local server).
	const members = Array.from({ length: 10 }, (_, index) => `${910_000_000_000_000_000n + BigInt(index)}`);
	let seeded: { id: string; userId: string; day: number }[] = [];

	const postsIn = (channelId: string, after: number) =>
		bot.server.botMessages.slice(after).filter((event) => event.kind === 'create' && event.message.channel_id === channelId);

	beforeAll(async () => {
		bot = await startTestBot({ plugins: ['team', 'admin', 'planning'] });
		const rows = [];
		for (const [memberIndex, userId] of members.entries()) {
			for (let day = 0; day < 5; day++) {
				// Wednesday is the busiest: three entries each, more than one embed can hold.
				const slots = day === 2 ? [7, 10, 13] : [7];
				for (const hour of slots) {
					const start = monday.plus({ days: day }).set({ hour, minute: memberIndex });
					rows.push({
						guildId: bot.server.guild.id,
						userId,
						type: 'chantier' as const,
						startsAt: start.toJSDate(),
						endsAt: start.plus({ hours: 3 }).toJSDate(),
						note: `Membre ${memberIndex + 1}, jour ${day + 1}, ${hour} h : coffrage, ferraillage et coulage de la dalle du deuxième étage, puis nettoyage complet du chantier`,
						createdBy: userId
					});
				}
			}
		}
		const inserted = await container.db.insert(planning).values(rows).returning();
		seeded = inserted.map((row) => ({ id: row.id, userId: row.userId, day: Math.floor(DateTime.fromJSDate(row.startsAt, { zone }).diff(monday, 'days').days) }));
	});
	afterAll(() => bot?.stop());

	it('posts every entry once, in as many messages as Discord’s limits require', async () => {
		const before = bot.server.botMessages.length;
		await bot.monster.scheduler.runNow('planning.weekly', { now: monday.plus({ hours: 6 }).toISO() });
		const posts = postsIn(bot.server.guild.channels.planning!, before).map((event) => event.message);
		const embeds: APIEmbed[] = posts.flatMap((post) => post.embeds);
		// In one message, as before the fix, Discord would have refused the whole week.
		expect(embeds.reduce((sum, embed) => sum + embedCharacters(embed), 0)).toBeGreaterThan(6_000);

		expect(posts.length).toBeGreaterThanOrEqual(3);
		for (const post of posts) {
			expect(post.embeds.length).toBeGreaterThan(0);
			expect(post.embeds.length).toBeLessThanOrEqual(10);
			expect(post.embeds.reduce((sum, embed) => sum + embedCharacters(embed), 0)).toBeLessThanOrEqual(6_000);
			for (const embed of post.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4_096);
		}
		const calls = bot.server.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${bot.server.guild.channels.planning}/messages`).slice(-posts.length);
		for (const call of calls) expect((call.body as { allowed_mentions?: { parse?: string[] } }).allowed_mentions?.parse).toEqual([]);

		// The header first, then the days in order; Wednesday continues in a "(suite)" embed.
		expect(embeds[0]?.title).toContain(`Planning de la semaine du ${monday.setLocale('fr').toFormat('cccc d LLLL yyyy')}`);
		const titles = embeds.slice(1).map((embed) => embed.title ?? '');
		const wednesday = monday.plus({ days: 2 }).setLocale('fr').toFormat('d LLLL');
		expect(titles.filter((title) => title.includes(wednesday)).length).toBeGreaterThanOrEqual(2);
		expect(titles.filter((title) => title.includes(wednesday)).slice(1).every((title) => title.includes('(suite)'))).toBe(true);
		expect(titles.filter((title) => title.includes('(suite)')).every((title) => title.includes(wednesday))).toBe(true);

		// Every entry exactly once, under its own day.
		const all = embeds.map((embed) => embed.description ?? '').join('\n');
		for (const entry of seeded) {
			expect(all.split(`\`${shortId(entry.id)}\``).length - 1, `entry ${entry.id}`).toBe(1);
			const day = monday.plus({ days: entry.day }).setLocale('fr').toFormat('d LLLL');
			const holder = embeds.find((embed) => embed.description?.includes(`\`${shortId(entry.id)}\``));
			expect(holder?.title).toContain(day);
			expect(holder?.description).toContain(`<@${entry.userId}>`);
		}
		expect(seeded).toHaveLength(10 * 4 + 10 * 3);
	});

	it('one guild’s failure does not keep the other guilds from their post (the error is logged)', async () => {
		const { state } = bot.server;
		const other = state.seedGuild(defaultSeed(), bot.server.botUser);
		await bot.server.dispatch('GUILD_CREATE', state.guildCreatePayload(other.id, false));
		await eventually(() => container.client.guilds.cache.get(other.id));
		// Break the guild the task handles first: its planning channel disappears on Discord's side
		// only (the bot still has it in its cache), so sending there fails.
		const [first] = [...container.client.guilds.cache.keys()];
		const [broken, healthy] = first === other.id ? [other, bot.server.guild] : [bot.server.guild, other];
		const channelId = broken.channels.planning!;
		const channel = state.channels.get(channelId)!;
		state.channels.delete(channelId);
		try {
			const before = bot.server.botMessages.length;
			await bot.monster.scheduler.runNow('planning.weekly', { now: monday.plus({ hours: 6 }).toISO() });
			// The broken guild was tried (Discord refused), then the other one got its post.
			expect(bot.server.calls.some((call) => call.method === 'POST' && call.path === `/channels/${channelId}/messages` && call.status === 404)).toBe(true);
			expect(postsIn(channelId, before)).toHaveLength(0);
			const posted = postsIn(healthy.channels.planning!, before);
			expect(posted.length).toBeGreaterThan(0);
			expect(posted[0]!.message.embeds[0]?.title).toContain('Planning de la semaine');
		} finally {
			state.channels.set(channelId, channel);
		}
	});
});
