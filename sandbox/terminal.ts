import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ChannelType, InteractionResponseType, PermissionFlagsBits } from 'discord.js';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import type { BotMessageEvent, BotReply, DiscordServer, InteractionHandle } from '../emulator/index.ts';
import { interactiveComponents, renderMessage, resolveMarkup } from './render-message.ts';
import { describeForm, formAnswer } from './forms.ts';
import { explainError } from './refusal-text.ts';
import { slashCommandHelp } from './slash-help.ts';
import { terminalText } from './terminal-text.ts';

export { interactiveComponents, renderMessage } from './render-message.ts';
export type { RenderableMessage } from './render-message.ts';

export interface TerminalChatOptions {
	server: DiscordServer;
	input?: Readable;
	output?: Writable;
	/** Locale of the slash commands sent (the member's Discord language). */
	locale?: string;
	/**
	 * The language a member reads the bot's messages in (the one they chose with /langue, when the bot
	 * knows it): timestamps, embed fields and the terminal's own notes are shown in it. Default: `locale`.
	 */
	readerLocale?: (userId: string) => string;
	/** Zone in which timestamps are shown (the reader's). */
	timeZone?: string;
	/** Seeded member key or user name to speak as (default: the server's default member). */
	as?: string;
	/** Seeded channel key or channel name to start in (default: the first text channel). */
	channel?: string;
	/** Prefix of the bot's message commands: their answers are awaited on :quit (default `!`). */
	prefix?: string;
	/** How long an answer is awaited (by :quit, and by the next piped line), from when its command was sent (default 15 s). */
	answerWaitMs?: number;
}

export interface TerminalChat {
	close(): void;
	/** Resolves when the user quits or the input ends. */
	closed: Promise<void>;
}

/** How long an answer is awaited by default, from when its command was sent. */
const ANSWER_WAIT_MS = 15_000;

/** Splits on spaces, keeping `"quoted words"` (also after `key:` or `key=`) together. */
export function tokenize(line: string): string[] {
	return [...line.matchAll(/(?:[^\s"]*"[^"]*"|\S)+/g)].map((match) => match[0]);
}

function unquote(value: string): string {
	return value.replace(/^"(.*)"$/s, '$1');
}

/** An option's name as typed before its `:` (`titre`, `durée`, `supprimer_messages`), not the `8` of « 8:30 ». */
const optionName = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/**
 * `/plugins disable name:tasks` → name, subcommand tokens and options. Words after an option's value
 * that name no option continue that value, as a Discord client keeps them in the field being typed:
 * `/tache titre:Commander le béton echeance:demain` (as QUICKSTART writes it) gives the title its three words.
 */
export function parseSlashCommand(line: string): { name: string; subcommand?: string; options: Record<string, string> } {
	const [head = '', ...rest] = tokenize(line.slice(1));
	const options: Record<string, string> = {};
	const subcommand: string[] = [];
	let lastOption: string | undefined;
	for (const token of rest) {
		const separator = token.indexOf(':');
		const name = token.slice(0, separator);
		if (separator > 0 && optionName.test(name)) {
			options[name] = unquote(token.slice(separator + 1));
			lastOption = name;
		} else if (lastOption !== undefined) options[lastOption] = `${options[lastOption]} ${unquote(token)}`;
		else subcommand.push(token);
	}
	return { name: head, ...(subcommand.length > 0 ? { subcommand: subcommand.join(' ') } : {}), options };
}

/** A readline chat with the bot through the test server: the person is a seeded member. */
export function startTerminalChat(options: TerminalChatOptions): TerminalChat {
	const { server } = options;
	const output = options.output ?? process.stdout;
	const locale = options.locale ?? 'fr';
	const readerLocale = options.readerLocale ?? (() => locale);
	const timeZone = options.timeZone ?? 'Europe/Paris';
	const answerWaitMs = options.answerWaitMs ?? ANSWER_WAIT_MS;
	const guildId = server.guild.id;
	const resolveUser = (reference: string) => server.state.findUser(server.guild.members[reference] ?? reference, guildId);
	let userId = (options.as ? resolveUser(options.as)?.id : undefined) ?? server.defaultUserId;
	/**
	 * Whether the member spoken as sees this channel, as their client shows it: View Channel there (in a thread,
	 * in its parent); in no channel of a server they left (or were kicked or banned from); in their DMs.
	 */
	const sees = (id: string) => {
		const channel = server.state.channels.get(id);
		if (!channel?.guild_id) return true;
		const thread = [ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread].includes(channel.type);
		const where = thread && channel.parent_id ? channel.parent_id : id;
		return (server.state.permissionsOf(channel.guild_id, userId, where) & PermissionFlagsBits.ViewChannel) !== 0n;
	};
	/** The channels one can talk in that the member spoken as sees (a category is not one). */
	const talkChannels = () => server.state.guildChannels(guildId).filter((channel) => channel.type !== ChannelType.GuildCategory && sees(channel.id));
	/** One of those, by seed key, id, mention or name. */
	const resolveChannel = (reference: string) => {
		const id = server.guild.channels[reference] ?? reference.replace(/^<#|>$/g, '');
		const name = reference.replace(/^#/, '').toLowerCase();
		return talkChannels().find((channel) => channel.id === id || channel.name?.toLowerCase() === name);
	};

	let channelId = (options.channel ? resolveChannel(options.channel)?.id : undefined) ?? server.defaultChannelId;
	let lastInteractiveMessageId: string | null = null;
	let openModal: APIModalInteractionResponseCallbackData | null = null;
	/** The terminal's own words, in the language of the member spoken as (it follows :as). */
	const t = () => terminalText(readerLocale(userId));

	// Prompts only make sense on a terminal; piped sessions (tests, scripts) get just the conversation.
	const interactive = (output as { isTTY?: boolean }).isTTY === true;
	const input = options.input ?? process.stdin;
	// Lines read from a pipe (a script) are all there at once: each waits for the answers to those before, as a person would.
	const piped = (input as { isTTY?: boolean }).isTTY !== true;
	const rl = createInterface({ input, output, terminal: interactive });
	const channelName = (id: string) => server.state.channels.get(id)?.name ?? id;
	const userName = (id: string) => {
		const user = server.state.users.get(id);
		return user?.global_name ?? user?.username ?? id;
	};
	/** `#planning-hebdo`, or `DM → Bob Durand` for a private message to a member. */
	const placeOf = (id: string) => {
		const recipient = server.state.channels.get(id)?.recipients?.find((recipientId) => recipientId !== server.botUser.id);
		return recipient ? `DM → ${userName(recipient)}` : `#${channelName(id)}`;
	};
	const prompt = () => {
		if (!interactive) return;
		rl.setPrompt(t().prompt(channelName(channelId), userName(userId)));
		rl.prompt(true);
	};
	const print = (text: string) => {
		output.write(`${text}\n`);
	};
	/** Prints above the prompt line the person may be typing on, then redraws it. */
	const printAsync = (text: string) => {
		if (interactive) {
			clearLine(output, 0);
			cursorTo(output, 0);
		}
		print(text);
		prompt();
	};

	const onMessage = (event: BotMessageEvent) => {
		const { message } = event;
		if (event.ephemeral && message.interaction_metadata?.user.id !== userId) return;
		// Their client receives only the channels they may view: someone who left the server, only their DMs.
		if (!sees(message.channel_id)) return;
		if (event.kind === 'delete') return printAsync(t().deleted(userName(message.author.id)));
		if (interactiveComponents(message).buttons.length + interactiveComponents(message).selects.length > 0) {
			lastInteractiveMessageId = message.id;
		}
		const where = message.channel_id === channelId ? '' : `[${placeOf(message.channel_id)}] `;
		const reading = readerLocale(userId);
		printAsync(
			resolveMarkup(`${where}${renderMessage(message, { locale: reading })}`, {
				user: userName,
				channel: channelName,
				role: (id) => server.state.roles(server.guild.id).get(id)?.name ?? id,
				locale: reading,
				timeZone
			})
		);
	};
	const onInteractionResponse = (event: { userId: string; reply: BotReply }) => {
		if (event.userId !== userId) return;
		if (event.reply.type === InteractionResponseType.DeferredChannelMessageWithSource) printAsync(t().thinking(server.botUser.username));
		if (event.reply.modal) {
			openModal = event.reply.modal;
			printAsync(describeForm(event.reply.modal, readerLocale(userId)));
		}
	};
	server.on('message', onMessage);
	server.on('interactionResponse', onInteractionResponse);

	/**
	 * Answers not yet received; :quit (or the end of piped input) and the next piped line wait for them, each
	 * for a bounded time: a script goes on past a command the bot never answers, and says so.
	 */
	const awaited = new Set<Promise<unknown>>();
	const awaitAnswer = (answer: Promise<unknown>) => {
		const settled: Promise<unknown> = answer
			.catch(() => {
				if (piped) printAsync(t().noAnswer(answerWaitMs / 1000));
			})
			.finally(() => awaited.delete(settled));
		awaited.add(settled);
	};
	/** The bot's final answer to an interaction: after a deferral ("thinking…"), the reply that follows it. */
	const finalResponse = async (handle: InteractionHandle) => {
		const first = await handle.reply(answerWaitMs);
		if (first.type === InteractionResponseType.DeferredChannelMessageWithSource || first.type === InteractionResponseType.DeferredMessageUpdate) {
			await handle.waitForResponses(2, answerWaitMs);
		}
	};
	const interact = async (sent: Promise<InteractionHandle>) => awaitAnswer(finalResponse(await sent));
	/** Resolves at the bot's next message in the channel, rejects after the wait: a message command's answer. */
	const nextBotMessageIn = (channel: string) =>
		new Promise<void>((resolve, reject) => {
			const onBotMessage = (event: BotMessageEvent) => {
				if (event.kind !== 'create' || event.message.channel_id !== channel) return;
				clearTimeout(timer);
				server.off('message', onBotMessage);
				resolve();
			};
			const timer = setTimeout(() => {
				server.off('message', onBotMessage);
				reject(new Error('no answer'));
			}, answerWaitMs);
			server.on('message', onBotMessage);
		});

	const commands: Record<string, (args: string[]) => Promise<void> | void> = {
		help: () => print(t().help),
		channel: (args) => {
			const name = unquote(args.join(' '));
			const channel = resolveChannel(name);
			if (!channel) return print(t().noChannel(name));
			channelId = channel.id;
			print(t().nowIn(channelName(channelId)));
		},
		as: (args) => {
			const name = unquote(args.join(' '));
			const user = resolveUser(name);
			if (!user) return print(t().noMember(name));
			userId = user.id;
			print(t().nowSpeakingAs(userName(userId)));
		},
		channels: () =>
			print(
				talkChannels()
					.map((channel) => (channel.name?.includes(' ') ? `#"${channel.name}"` : `#${channel.name}`))
					.join('  ')
			),
		members: () =>
			print(Object.entries(server.guild.members).map(([key, id]) => `${key} (${userName(id)})`).join('  ')),
		click: async ([number = '']) => {
			const message = lastInteractiveMessageId ? server.state.messages.get(lastInteractiveMessageId) : undefined;
			const button = message ? interactiveComponents(message).buttons[Number(number) - 1] : undefined;
			if (!message || !button) return print(t().noButton(number));
			if (!button.customId) return print(t().link(button.url ?? ''));
			await interact(server.clickButton({ messageId: message.id, customId: button.customId, userId, locale }));
		},
		select: async ([number = '', ...values]) => {
			const message = lastInteractiveMessageId ? server.state.messages.get(lastInteractiveMessageId) : undefined;
			const select = message ? interactiveComponents(message).selects[Number(number) - 1] : undefined;
			if (!message || !select) return print(t().noSelect(number));
			const picked = values.join(' ').split(',').map((value) => unquote(value.trim())).filter(Boolean);
			const resolved = picked.map((value) => select.options.find((option) => option.label === value)?.value ?? value);
			await interact(server.selectOption({ messageId: message.id, customId: select.customId, values: resolved, userId, locale }));
		},
		modal: async (args) => {
			if (!openModal) return print(t().noModal);
			const fields = Object.fromEntries(
				args.map((arg) => {
					const separator = arg.indexOf('=');
					return [arg.slice(0, separator), unquote(arg.slice(separator + 1))];
				})
			);
			// A refused answer (a required field left empty) throws and leaves the form open, as Discord does.
			await interact(server.submitModal({ customId: openModal.custom_id, fields: formAnswer(openModal, fields), userId, channelId, locale }));
			openModal = null;
		}
	};

	const handleLine = async (line: string) => {
		const text = line.trim();
		if (text === '') return;
		if (text === ':quit' || text === ':q') return rl.close();
		if (text.startsWith(':')) {
			const [name = '', ...args] = tokenize(text.slice(1));
			const command = commands[name];
			if (!command) return print(t().unknownCommand(name));
			return command(args);
		}
		if (text.startsWith('/')) {
			const parsed = parseSlashCommand(text);
			const help = await slashCommandHelp(server, parsed, { guildId, userId, channelId, locale, reader: readerLocale(userId) });
			if (help !== null) return print(help);
			await interact(server.sendSlashCommand({ ...parsed, userId, channelId, locale }));
			return;
		}
		await server.sendMessage({ content: text, authorId: userId, channelId });
		// Awaited once posted (a refused post has no answer to wait for); the bot's answer comes in a later turn of the event loop.
		if (text.startsWith(options.prefix ?? '!')) awaitAnswer(nextBotMessageIn(channelId));
	};

	let queue = Promise.resolve();
	rl.on('line', (line) => {
		queue = queue
			.then(() => handleLine(line))
			.catch((error: unknown) => print(`! ${explainError(error, readerLocale(userId))}`))
			.then(async () => {
				if (piped) await Promise.all(awaited);
			})
			.then(prompt);
	});

	const closed = new Promise<void>((resolve) => {
		rl.on('close', () => {
			void queue
				.then(async () => {
					if (awaited.size > 0) print(t().waiting);
					await Promise.all(awaited);
				})
				.then(() => {
					server.off('message', onMessage);
					server.off('interactionResponse', onInteractionResponse);
					resolve();
				});
		});
	});

	print(t().welcome(server.botUser.username, server.guild.name));
	prompt();
	return { close: () => rl.close(), closed };
}
