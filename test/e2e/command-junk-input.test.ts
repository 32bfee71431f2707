// Junk that Discord accepts, sent to every command the bot registered and to every message command: each is answered, never with the internal error.
import { container, type Command } from '@sapphire/framework';
import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, InteractionResponseType, PermissionFlagsBits } from 'discord.js';
import type { APIApplicationCommand, APIApplicationCommandOption, APIEmbed, APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.ts';
import type { BotReply, InteractionHandle, SlashOptionValue } from '../../emulator/types.ts';

const plugins = ['team', 'admin', 'members', 'tasks', 'planning', 'monitoring', 'moderation', 'webhooks'];

/** Texts a member may type in any string option: blank, too many digits, impossible dates, paths, mentions, markdown, zalgo, emoji, bidi marks. */
const junkTexts = [
	'   ',
	'9'.repeat(40),
	'2026-02-30',
	'../../etc/passwd',
	'@everyone',
	'<@123>',
	'**gras** __souligné__ `code` ||caché|| # titre',
	'Z̷̡̛͎a̵̱͑l̴̰̈g̸̣̋o̶̗͝',
	'😀👍🏽🏳️‍🌈',
	'\u202eetircé à l’envers\u200f',
	"' OR 1=1 --",
	'<#1>',
	'-1',
	'31/02 25h61 -> hier'
];
/** A string as long as the option allows (Discord's own limit is 6,000 characters). */
const longest = (option: { max_length?: number }) => 'é'.repeat(option.max_length ?? 6000);

interface LogLine {
	level: number;
	msg: string;
	reference?: string;
	plugin?: string;
	piece?: string;
	err?: { message?: string };
}

/** The internal error a member sees when a piece throws (French or English). */
const internalError = /(référence|reference) [0-9a-f]{6}\)/;
const showsInternalError = (message: { content: string; embeds: APIEmbed[] }) =>
	[message.content, ...message.embeds.flatMap((embed) => [embed.title, embed.description])].some((text) => internalError.test(text ?? ''));

/** One command as a member can type it: a command, or one of its subcommands, with the options it takes there. */
interface Leaf {
	command: APIApplicationCommand;
	subcommand?: string;
	options: APIApplicationCommandOption[];
}

function leavesOf(command: APIApplicationCommand): Leaf[] {
	const options = command.options ?? [];
	if (!options.some((option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup)) {
		return [{ command, options }];
	}
	return options.flatMap((option) => {
		if (option.type === ApplicationCommandOptionType.Subcommand) return [{ command, subcommand: option.name, options: option.options ?? [] }];
		if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
			return (option.options ?? []).map((subcommand) => ({ command, subcommand: `${option.name} ${subcommand.name}`, options: subcommand.options ?? [] }));
		}
		return [];
	});
}

/** Discord shows a member a command only if they hold its default permissions ("0": administrators only). */
function shownTo(command: APIApplicationCommand, permissions: bigint): boolean {
	const needed = command.default_member_permissions;
	if (needed == null || (permissions & PermissionFlagsBits.Administrator) !== 0n) return true;
	return needed !== '0' && (BigInt(needed) & ~permissions) === 0n;
}

/** The name a member reads in `!aide` (`!aide`, not `!help`). */
function prefixNameOf(command: Command): string {
	return /`!([^\s`]+)/.exec(Object.values(command.options.prefixUsage ?? {}).join('\n'))?.[1] ?? command.name;
}

describe('Discord commands: junk input', () => {
	let bot: TestBot;
	let stranger: APIUser;
	const logs: LogLine[] = [];
	const member = (key: string) => bot.server.guild.members[key]!;
	const pluginErrors = async () => {
		const text = await (await fetch(`${bot.monster.apiUrl}/metrics`)).text();
		return [...text.matchAll(/^plugin_errors_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
	};
	/** Errors logged since `from`: what a failure report names. */
	const errorsSince = (from: number) =>
		logs.slice(from).filter((line) => line.level >= 50).map((line) => `${line.plugin ?? ''}/${line.piece ?? ''} ${line.msg}: ${line.err?.message ?? ''}`);
	/** The rate limit (10 a minute per member and command) would answer in the command's place. */
	const forgetRateLimits = () => container.cache.deleteByPrefix('ratelimit.');

	beforeAll(async () => {
		bot = await startTestBot({ plugins, logDestination: { write: (line) => void logs.push(JSON.parse(line) as LogLine) } });
		for (const plugin of plugins) {
			if (bot.monster.host.get(plugin)?.status !== 'active') throw new Error(`${plugin} did not load: ${bot.monster.host.get(plugin)?.error}`);
		}
		// Someone Discord knows who is not on the server: a user option accepts their id.
		stranger = bot.server.state.addUser('inconnu');
	});
	afterAll(() => bot?.stop());

	/** The values of variant `index` for an option, as Discord would accept them. */
	function junkFor(option: APIApplicationCommandOption, index: number, senderId: string): SlashOptionValue {
		const pick = <T>(values: readonly T[]) => values[index % values.length]!;
		if ('choices' in option && option.choices?.length) return pick(option.choices.map((choice) => choice.value));
		const guild = bot.server.guild;
		const users = [bot.server.botUser.id, senderId, member('admin'), stranger.id];
		const roles = Object.values(guild.roles);
		switch (option.type) {
			case ApplicationCommandOptionType.String: {
				const { min_length: min = 0, max_length: max = 6000 } = option;
				return pick([...junkTexts, longest(option)].map((text) => text.slice(0, max).padEnd(min, '·')));
			}
			case ApplicationCommandOptionType.Integer:
			case ApplicationCommandOptionType.Number: {
				const min = option.min_value ?? Number.MIN_SAFE_INTEGER;
				const max = option.max_value ?? Number.MAX_SAFE_INTEGER;
				const fractions = option.type === ApplicationCommandOptionType.Number ? [0.5, -0.000001] : [];
				return pick([min, max, 0, -1, 1, ...fractions].filter((value) => value >= min && value <= max));
			}
			case ApplicationCommandOptionType.Boolean:
				return pick([true, false]);
			case ApplicationCommandOptionType.User:
				return pick(users);
			case ApplicationCommandOptionType.Role:
				return pick(roles);
			case ApplicationCommandOptionType.Mentionable:
				return pick([...users, ...roles]);
			case ApplicationCommandOptionType.Channel: {
				const kinds = option.channel_types;
				const channels = bot.server.state.guildChannels(guild.id).filter((channel) => !kinds?.length || kinds.includes(channel.type as never));
				return pick(channels.map((channel) => channel.id));
			}
			default:
				throw new Error(`no junk for option type ${option.type}`);
		}
	}

	/** Every junk variant of a leaf: each option filled (cycling through its junk), then the required ones alone, cycling again. */
	function variantsOf(leaf: Leaf, senderId: string): Record<string, SlashOptionValue>[] {
		const count = Math.max(1, ...leaf.options.map((option) => ('choices' in option && option.choices?.length ? option.choices.length : junkTexts.length + 1)));
		const variants = Array.from({ length: count }, (_, index) =>
			Object.fromEntries(leaf.options.map((option, position) => [option.name, junkFor(option, index + position, senderId)]))
		);
		const required = leaf.options.filter((option) => option.required);
		if (required.length === leaf.options.length) return variants;
		const requiredOnly = Array.from({ length: count }, (_, index) =>
			Object.fromEntries(required.map((option, position) => [option.name, junkFor(option, index + position, senderId)]))
		);
		return [...new Map([...variants, ...requiredOnly].map((variant) => [JSON.stringify(variant), variant])).values()];
	}

	/** Waits for the answer (and what follows a deferral) and says what is wrong with it, if anything. */
	async function check(label: string, handle: InteractionHandle, logsFrom: number): Promise<string[]> {
		let responses: BotReply[];
		try {
			const first = await handle.reply();
			responses = first.type === InteractionResponseType.DeferredChannelMessageWithSource ? await handle.waitForResponses(2) : [first];
		} catch (error) {
			return [`${label}: no answer (${(error as Error).message}) ${errorsSince(logsFrom).join(' | ')}`];
		}
		const problems = responses.filter(showsInternalError).map((reply) => `${label}: internal error « ${reply.embeds[0]?.description ?? reply.content} »`);
		const logged = errorsSince(logsFrom);
		if (logged.length > 0) problems.push(`${label}: logged ${logged.join(' | ')}`);
		return problems;
	}

	/** Posts a prefix command and says what is wrong with the bot's reply to it, if anything. */
	async function sendPrefix(label: string, content: string, authorId: string, channelId?: string): Promise<string[]> {
		await forgetRateLimits();
		const logsFrom = logs.length;
		const message = await bot.server.sendMessage({ content, authorId, ...(channelId ? { channelId } : {}) });
		const reply = await bot.server.waitForMessage((candidate) => candidate.message_reference?.message_id === message.id).catch((error: Error) => error);
		if (reply instanceof Error) return [`${label}: no answer (${reply.message}) ${errorsSince(logsFrom).join(' | ')}`];
		const problems = showsInternalError(reply) ? [`${label}: internal error « ${reply.embeds[0]?.description ?? reply.content} »`] : [];
		return [...problems, ...errorsSince(logsFrom).map((line) => `${label}: logged ${line}`)];
	}

	it('answers junk in every option of every slash command, as an administrator and as a member', { timeout: 240_000 }, async () => {
		const errorsBefore = await pluginErrors();
		const guildId = bot.server.guild.id;
		const commands = [...bot.server.state.commandScope(guildId).values(), ...bot.server.state.commandScope('global').values()];
		const slashCommands = commands.filter((command) => (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput);
		const voiceChannelId = bot.server.guild.channels.meeting!;
		const failures: string[] = [];
		let sent = 0;
		for (const senderKey of ['admin', 'alice']) {
			const senderId = member(senderKey);
			const permissions = bot.server.state.permissionsOf(guildId, senderId, bot.server.defaultChannelId);
			for (const command of slashCommands.filter((candidate) => shownTo(candidate, permissions))) {
				for (const leaf of leavesOf(command)) {
					const typed = { name: command.name, ...(leaf.subcommand ? { subcommand: leaf.subcommand } : {}), userId: senderId };
					const named = `${senderKey} /${command.name}${leaf.subcommand ? ` ${leaf.subcommand}` : ''}`;
					for (const [index, options] of variantsOf(leaf, senderId).entries()) {
						// Every other variant in English: both languages' texts get the junk. Every third in a voice channel's chat.
						const locale = index % 2 === 0 ? 'fr' : 'en-US';
						const channelId = index % 3 === 2 ? voiceChannelId : bot.server.defaultChannelId;
						const label = `${named} ${locale}${channelId === voiceChannelId ? ' (voice)' : ''} ${JSON.stringify(options).slice(0, 160)}`;
						await forgetRateLimits();
						const logsFrom = logs.length;
						failures.push(...(await check(label, await bot.server.sendSlashCommand({ ...typed, options, locale, channelId }), logsFrom)));
						sent += 1;
					}
					for (const option of leaf.options.filter((candidate) => 'autocomplete' in candidate && candidate.autocomplete)) {
						for (let index = 0; index <= junkTexts.length; index += 1) {
							const value = junkFor(option, index, senderId);
							const label = `${named} autocomplete ${option.name}=${JSON.stringify(value).slice(0, 80)}`;
							const logsFrom = logs.length;
							await bot.server.sendAutocomplete({ ...typed, options: { [option.name]: value }, focused: option.name }).then(
								() => failures.push(...errorsSince(logsFrom).map((line) => `${label}: logged ${line}`)),
								(error: Error) => failures.push(`${label}: no answer (${error.message})`)
							);
							sent += 1;
						}
					}
				}
			}
		}
		expect(slashCommands.length).toBeGreaterThan(30);
		expect(sent).toBeGreaterThan(1000);
		expect(failures).toEqual([]);
		expect(await pluginErrors()).toBe(errorsBefore);
	});

	it('answers every message menu command run on odd messages, as an administrator and as a member', async () => {
		const errorsBefore = await pluginErrors();
		const guildId = bot.server.guild.id;
		const menuCommands = [...bot.server.state.commandScope(guildId).values()].filter((command) => command.type === ApplicationCommandType.Message);
		const targets = [
			await bot.server.sendMessage({ content: 'ä'.repeat(2000), authorId: member('bob') }),
			await bot.server.sendMessage({ content: `@everyone ${junkTexts.join(' ')}`.slice(0, 2000), authorId: member('admin') }),
			await bot.server.sendMessage({ content: '||```\n' + '*'.repeat(100), authorId: member('alice') })
		];
		const ping = await bot.server.sendMessage({ content: '!ping', authorId: member('bob') });
		targets.push(await bot.server.waitForMessage((message) => message.message_reference?.message_id === ping.id));
		const failures: string[] = [];
		for (const senderKey of ['admin', 'alice']) {
			for (const command of menuCommands) {
				for (const target of targets) {
					const logsFrom = logs.length;
					const handle = await bot.server.sendMessageCommand({ name: command.name, messageId: target.id, userId: member(senderKey) });
					failures.push(...(await check(`${senderKey} « ${command.name} » on ${target.content.slice(0, 40)}`, handle, logsFrom)));
				}
			}
		}
		expect(menuCommands.length).toBeGreaterThan(0);
		expect(failures).toEqual([]);
		expect(await pluginErrors()).toBe(errorsBefore);
	});

	it('answers junk arguments of every message command, as an administrator and as a member', { timeout: 240_000 }, async () => {
		const errorsBefore = await pluginErrors();
		const guild = bot.server.guild;
		const voice = bot.server.state.guildChannels(guild.id).find((channel) => channel.type === ChannelType.GuildVoice)!;
		// Fewer than the slash options get: a word that is not a mention makes Sapphire's member argument ask the gateway,
		// and discord.js sends at most 120 gateway requests a minute (the answers would then wait in its queue).
		const oddArguments = [
			'',
			'   ',
			'9'.repeat(40),
			'2026-02-30',
			'../../etc/passwd',
			'@everyone <@123>',
			'Z̷̡̛͎a̵̱͑l̴̰̈g̸̣̋o̶̗͝ 😀👍🏽🏳️‍🌈 \u202eetircé\u200f',
			`<@${bot.server.botUser.id}> <#${voice.id}> <@&${guild.id}>`,
			`<@${stranger.id}>`,
			'"guillemet jamais fermé',
			'priorite: echeance:"" tags:,,, --global',
			'ä'.repeat(1900)
		];
		const answering = [...container.stores.get('commands').values()].filter((command) => typeof command.messageRun === 'function');
		const failures: string[] = [];
		let sent = 0;
		for (const senderKey of ['admin', 'alice']) {
			for (const command of answering) {
				const usage = Object.values(command.options.prefixUsage ?? {}).join('\n');
				const typed = prefixNameOf(command);
				// The words that choose a subcommand (`!config voir …`).
				const subcommands = [...new Set([...usage.matchAll(/^`![^\s`]+ ([\p{L}-]+)/gmu)].map((match) => match[1]!))];
				const argumentLists = [...oddArguments, ...subcommands.flatMap((word) => [word, ...oddArguments.slice(1, 4).map((junk) => `${word} ${junk}`)])];
				for (const content of new Set(argumentLists.map((junk) => `!${typed} ${junk}`.trimEnd()))) {
					failures.push(...(await sendPrefix(`${senderKey} ${content.slice(0, 120)}`, content, member(senderKey))));
					sent += 1;
				}
			}
		}
		expect(answering.length).toBeGreaterThan(20);
		expect(sent).toBeGreaterThan(500);
		expect(failures).toEqual([]);
		expect(await pluginErrors()).toBe(errorsBefore);
	});

	it('answers every message command typed in a direct message or a voice channel’s chat, with and without arguments', async () => {
		const errorsBefore = await pluginErrors();
		// The bot opens the conversation (the data export comes by direct message); the member then types commands there.
		const asked = await bot.server.sendMessage({ content: '!mesdonnees', authorId: member('chloe') });
		await bot.server.waitForMessage((message) => message.message_reference?.message_id === asked.id);
		const dm = [...bot.server.state.channels.values()].find((channel) => channel.type === ChannelType.DM && channel.recipients?.includes(member('chloe')))!;
		const answering = [...container.stores.get('commands').values()].filter((command) => typeof command.messageRun === 'function');
		const failures: string[] = [];
		const places = { DM: dm.id, voice: bot.server.guild.channels.meeting! };
		for (const command of answering) {
			const typed = prefixNameOf(command);
			for (const [place, channelId] of Object.entries(places)) {
				for (const content of [`!${typed}`, `!${typed} ${junkTexts[1]} ${junkTexts[5]}`]) {
					failures.push(...(await sendPrefix(`${place} ${content}`, content, member('chloe'), channelId)));
				}
			}
		}
		expect(answering.length).toBeGreaterThan(20);
		expect(failures).toEqual([]);
		expect(await pluginErrors()).toBe(errorsBefore);
	});
});
