import { container } from '@sapphire/framework';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	PermissionFlagsBits,
	TimestampStyles,
	time,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type Guild,
	type Interaction,
	type Message,
	type MessageActionRowComponentBuilder,
	type ModalSubmitInteraction
} from 'discord.js';
import { randomBytes } from 'node:crypto';
import { buildEmbed, escapeUserText, extractTrailingDueDate, findMember as findGuildMember, getDefaultLocale, guildTimeZone, openForm, paginate, respond, respondWithMessage, todayIn, type Locale, type PageView } from '#core/plugin-kit.ts';
import { chantierByChannel, chantiersByIds } from '../team/public.ts';
import type { CreateArgs } from './prefix.ts';
import { chantierCodes } from './task-queries.ts';
import {
	completeTask,
	createTask,
	listTasks,
	resolveTask,
	shortCode,
	type Clock,
	type CreateTaskInput,
	type ListOptions,
	type Task,
	type TaskProblem,
	type TaskStatus
} from './tasks.ts';
import { text } from './text.ts';
import { problemEmbed, taskEmbed, taskLine, type ViewContext } from './views.ts';

/**
 * What the commands, the form and the buttons do, once their input is read: shared so the slash
 * and prefix forms answer the same way.
 */

type Target = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction | Message;

export const undoWindowMs = 30_000;
export const pageSize = 8;
export const formName = 'tasks.create';
export const pagerName = 'tasks.list';
export const undoPrefix = 'tasks-undo:';
export const formButtonPrefix = 'tasks-form:';

/** Now, in the server's time zone: due dates are read and "today" is counted there. */
export const clock = (guildId: string | null | undefined): Clock => ({ timeZone: guildTimeZone(guildId), now: new Date() });

export async function viewContext(locale: Locale, tasks: readonly Task[], now = clock(tasks[0]?.guildId)): Promise<ViewContext> {
	return {
		locale,
		today: todayIn(now.timeZone, now.now),
		chantiers: await chantierCodes(container.db, tasks.map((task) => task.chantierId))
	};
}

const userOf = (target: Target) => ('author' in target ? target.author : target.user);

/** Foremen (Manage Messages) and admins may complete anyone's task. */
export function canManage(target: Target): boolean {
	const permissions = 'author' in target ? target.member?.permissions : target.memberPermissions;
	return Boolean(permissions?.has(PermissionFlagsBits.ManageMessages) || permissions?.has(PermissionFlagsBits.Administrator));
}

export const warn = (target: Target, problems: TaskProblem[], locale: Locale) =>
	respond(target as Interaction | Message, { embeds: [problemEmbed(problems, locale)], ephemeral: true });

// ---- create -------------------------------------------------------------------------

/** Creates the task and answers with it, or says what to fix (ephemeral) and writes nothing. */
export async function createAndAnswer(target: Target, input: Omit<CreateTaskInput, 'guildId' | 'creatorId'>, locale: Locale): Promise<Task | null> {
	const outcome = await createTask(container.db, { ...input, guildId: target.guildId!, creatorId: userOf(target).id }, clock(target.guildId));
	if (!outcome.ok) {
		await warnWithReopen(target, outcome.problems, locale, input);
		return null;
	}
	const task = outcome.value;
	const context = await viewContext(locale, [task]);
	await respond(target as Interaction | Message, { embeds: [taskEmbed('success', text(locale)('createdTitle', { title: escapeUserText(task.title) }), task, context)] });
	return task;
}

/** A refused form gets a button that opens it again, filled with what was typed. */
async function warnWithReopen(target: Target, problems: TaskProblem[], locale: Locale, draft: Omit<CreateTaskInput, 'guildId' | 'creatorId'>) {
	if (!('customId' in target) || !target.isModalSubmit()) return warn(target, problems, locale);
	const key = await saveFormPreset(target.user.id, draft);
	const row = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
		new ButtonBuilder().setCustomId(`${formButtonPrefix}${key}`).setLabel(text(locale)('reopenForm')).setStyle(ButtonStyle.Primary)
	);
	await respond(target, { embeds: [problemEmbed(problems, locale)], components: [row], ephemeral: true });
}

/** What the form starts with (slash options given, or a refused draft), kept in the cache for 15 minutes. */
export interface FormPreset {
	requesterId: string;
	values: Omit<CreateTaskInput, 'guildId' | 'creatorId'>;
}

export async function saveFormPreset(requesterId: string, values: FormPreset['values']): Promise<string> {
	const key = randomBytes(6).toString('hex');
	await container.cache.setJson(`tasks.form.${key}`, { requesterId, values } satisfies FormPreset, 15 * 60_000);
	return key;
}

export async function loadFormPreset(key: string): Promise<FormPreset | null> {
	return container.cache.getJson<FormPreset>(`tasks.form.${key}`);
}

export async function openCreateForm(interaction: ChatInputCommandInteraction | ButtonInteraction, values: FormPreset['values'], locale: Locale) {
	await openForm(interaction, { form: formName, data: values, locale, timeoutMs: 15 * 60_000 });
}

/** `!tache` without arguments: the grammar, and a button that opens the form. */
export async function answerPrefixHelp(message: Message, locale: Locale) {
	const t = text(locale);
	const key = await saveFormPreset(message.author.id, {});
	const row = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
		new ButtonBuilder().setCustomId(`${formButtonPrefix}${key}`).setLabel(t('openForm')).setStyle(ButtonStyle.Primary).setEmoji('📝')
	);
	const embed = buildEmbed({ kind: 'info', title: t('helpTitle'), description: [t('helpCreate'), t('helpList'), t('helpDone')].join('\n\n'), locale });
	await respond(message, { embeds: [embed], components: [row] });
}

/** Turns what `!tache` read into the input of `createTask`: the trailing due date, `@name` and `<#channel>` resolved. */
export async function resolvePrefixCreate(message: Message, args: CreateArgs): Promise<{ input: Omit<CreateTaskInput, 'guildId' | 'creatorId'>; problems: TaskProblem[] }> {
	const problems: TaskProblem[] = [];
	let title = args.title;
	let due = args.due;
	if (!due) {
		const now = clock(message.guildId);
		const trailing = extractTrailingDueDate(title, now.timeZone, now.now);
		if (trailing) {
			title = trailing.rest;
			due = trailing.due;
		}
	}
	let assigneeId = args.assigneeId;
	if (!assigneeId && args.assigneeName) {
		const member = await findMember(message.guild!, args.assigneeName);
		if (member) assigneeId = member;
		else problems.push({ code: 'unknownMember', vars: { name: args.assigneeName } });
	}
	let chantier = args.chantier;
	if (!chantier && args.chantierChannelId) {
		const found = await chantierByChannel(container.db, args.chantierChannelId);
		if (found && found.guildId === message.guildId) chantier = found.code;
		else problems.push({ code: 'unknownChantier', vars: { code: `<#${args.chantierChannelId}>` } });
	}
	return { input: { title, description: args.description, priority: args.priority, due, tags: args.tags, assigneeId, chantier }, problems };
}

/** A member by user name, global name or nickname, as typed after `@`: from the member cache, not a gateway request per name. */
export async function findMember(guild: Guild, name: string): Promise<string | undefined> {
	return (await findGuildMember(guild, name))?.id;
}

// ---- list ---------------------------------------------------------------------------

export interface ListData {
	options: ListOptions;
	/** What the filters read as, for the embed (already escaped). */
	filters: string;
}

export async function answerList(target: Target, data: ListData, locale: Locale) {
	await paginate(target as Interaction | Message, { pager: pagerName, data, locale });
}

/** One page of `/taches`, run again on each press (by any replica): filters only are kept. */
export async function renderListPage({ page, data, locale }: { page: number; data: ListData; locale: Locale }): Promise<PageView> {
	const t = text(locale);
	const now = clock(data.options.guildId);
	// Offsets stay short (8 a page, as far as a member presses) and read tasks_open_urgency_idx in order.
	const { tasks, total, countCapped, next } = await listTasks(container.db, data.options, now, { offset: (page - 1) * pageSize, limit: pageSize });
	const context = await viewContext(locale, tasks, now);
	const lines = tasks.map((task, index) => `**${(page - 1) * pageSize + index + 1}.** ${taskLine(task, context)}`);
	const description = [data.filters ? t('listFilters', { filters: data.filters }) : null, lines.length ? lines.join('\n') : t('listEmpty')]
		.filter(Boolean)
		.join('\n\n');
	const embed = buildEmbed({ kind: 'info', title: t(countCapped ? 'listTitleCapped' : 'listTitle', { total }), description, locale });
	if (!countCapped) return { embed, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
	// Past the count's cap the page count is a lower bound: ➡️ stays while a next page exists.
	return { embed, totalPages: next ? Math.max(Math.ceil(total / pageSize), page + 1) : page, morePages: next !== undefined, footerNote: t('listCountCapped', { total }) };
}

// ---- done ---------------------------------------------------------------------------

interface UndoState {
	actorId: string;
	previousStatus: TaskStatus;
	guildId: string;
}

export const undoKey = (taskId: string) => `tasks.undo.${taskId}`;

/** Completes the task, answers publicly with an undo button (30 s), and tells the creator and assignee. */
export async function completeAndAnswer(target: Target, reference: string, locale: Locale): Promise<void> {
	const t = text(locale);
	const db = container.db;
	const found = await resolveTask(db, target.guildId!, reference);
	if (!found.ok) return warn(target, found.problems, locale);
	const actor = userOf(target).id;
	const outcome = await completeTask(db, { guildId: target.guildId!, taskId: found.value.id, actorId: actor, canManage: canManage(target) });
	if (!outcome.ok) return warn(target, outcome.problems, locale);
	const { task, previousStatus } = outcome.value;
	await container.cache.setJson(undoKey(task.id), { actorId: actor, previousStatus, guildId: task.guildId } satisfies UndoState, undoWindowMs);
	const context = await viewContext(locale, [task]);
	const row = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
		new ButtonBuilder().setCustomId(`${undoPrefix}${task.id}`).setLabel(t('undo')).setStyle(ButtonStyle.Secondary).setEmoji('↩️')
	);
	const body = t('doneBody', { actor, when: time(task.completedAt ?? new Date(), TimestampStyles.RelativeTime) });
	const embed = taskEmbed('success', t('doneTitle', { title: escapeUserText(task.title) }), task, context, body);
	const message = await respondWithMessage(target as Interaction | Message, { embeds: [embed], components: [row] });
	if (message) greyOutUndo(target, message);
	await notifyDone(task, actor).catch((error: unknown) => container.pino.warn({ err: error, task: task.id }, 'tasks: completion notice failed'));
}

/** Best effort, in this process: the press itself also checks the window (state gone from the cache). */
function greyOutUndo(target: Target, message: Message) {
	setTimeout(() => {
		const rows = message.components.map((row) => {
			const json = row.toJSON() as { type: number; components: Record<string, unknown>[] };
			return { ...json, components: json.components.map((component) => ({ ...component, disabled: true })) };
		});
		const edit = 'author' in target ? message.edit({ components: rows as never }) : target.editReply({ message: message.id, components: rows as never });
		void edit.catch(() => undefined);
	}, undoWindowMs + 200).unref();
}

export async function takeUndo(taskId: string): Promise<UndoState | null> {
	const state = await container.cache.getJson<UndoState>(undoKey(taskId));
	if (!state) return null;
	return (await container.cache.delete(undoKey(taskId))) === 1 ? state : null;
}

export async function peekUndo(taskId: string): Promise<UndoState | null> {
	return container.cache.getJson<UndoState>(undoKey(taskId));
}

/**
 * Tells the creator and the assignee (not the member who completed it): in the chantier's channel
 * when it has one (pinging just them), else by direct message.
 */
export async function notifyDone(task: Task, actorId: string): Promise<void> {
	const recipients = [...new Set([task.creatorId, task.assigneeId].filter((id): id is string => Boolean(id) && id !== actorId))];
	if (recipients.length === 0) return;
	const locale = getDefaultLocale();
	const t = text(locale);
	const context = await viewContext(locale, [task]);
	const embed = taskEmbed('success', t('notifyDoneTitle', { title: escapeUserText(task.title) }), task, context, t('notifyDoneBody', { actor: actorId, code: shortCode(task) }));
	const [chantier] = task.chantierId ? await chantiersByIds(container.db, [task.chantierId]) : [];
	if (chantier?.discordChannelId) {
		const channel = await container.client.channels.fetch(chantier.discordChannelId).catch(() => null);
		if (channel?.isSendable()) {
			await channel.send({ content: recipients.map((id) => `<@${id}>`).join(' '), embeds: [embed], allowedMentions: { parse: [], users: recipients } });
			return;
		}
	}
	for (const id of recipients) {
		await container.client.users
			.send(id, { embeds: [embed], allowedMentions: { parse: [] } })
			.catch((error: unknown) => container.pino.info({ err: error, user: id }, 'tasks: could not DM a completion notice'));
	}
}
