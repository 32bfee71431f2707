import { Command, type MessageCommand } from '@sapphire/framework';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { escapeUserText, inEnglish, type Locale, localeOf } from '#core/plugin-kit.ts';
import { chantierByChannel, findChantier } from '../../team/public.ts';
import { autocompleteChantier, autocompleteTag } from '../autocomplete.ts';
import { answerList, findMember, warn } from '../flows.ts';
import { parseListArgs } from '../prefix.ts';
import { parsePriority, parseStatusChoice, parseTags, priorities, type ListOptions, type StatusChoice, type TaskPriority, type TaskProblem } from '../tasks.ts';
import { en, text } from '../text.ts';

const statusChoices: StatusChoice[] = ['ouvertes', 'a_faire', 'en_cours', 'en_attente', 'terminee', 'annulee', 'toutes'];

interface Wanted {
	status?: StatusChoice;
	priority?: TaskPriority;
	assigneeId?: string;
	chantierCode?: string;
	chantierId?: string;
	tag?: string;
	overdue?: boolean;
}

/** `/taches` (EN `/tasks`) and `!taches [filtres]`: the guild's tasks, most urgent first, 8 a page. */
export class TachesCommand extends Command {
	public constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, {
			...options,
			name: 'taches',
			aliases: ['tasks', 'tâches'],
			description: text('en')('listDescription'),
			prefixUsage: { fr: text('fr')('helpList'), en: text('en')('helpList') },
			runIn: ['GUILD_ANY']
		});
	}

	public override registerApplicationCommands(registry: Command.Registry) {
		const fr = text('fr');
		registry.registerChatInputCommand((builder) =>
			builder
				.setName('taches')
				.setNameLocalizations(inEnglish('tasks'))
				.setDescription(fr('listDescription'))
				.setDescriptionLocalizations(en('listDescription'))
				.setContexts(0)
				.addStringOption((option) =>
					option
						.setName('statut')
						.setNameLocalizations(inEnglish('status'))
						.setDescription(fr('optStatus'))
						.setDescriptionLocalizations(en('optStatus'))
						.addChoices(...statusChoices.map((status) => ({ name: fr(`status_${status}`), name_localizations: en(`status_${status}`), value: status })))
				)
				.addStringOption((option) =>
					option
						.setName('priorite')
						.setNameLocalizations(inEnglish('priority'))
						.setDescription(fr('optPriorityFilter'))
						.setDescriptionLocalizations(en('optPriorityFilter'))
						.addChoices(...priorities.map((priority) => ({ name: fr(`priority_${priority}`), name_localizations: en(`priority_${priority}`), value: priority })))
				)
				.addUserOption((option) =>
					option
						.setName('assigne')
						.setNameLocalizations(inEnglish('assignee'))
						.setDescription(fr('optAssigneeFilter'))
						.setDescriptionLocalizations(en('optAssigneeFilter'))
				)
				.addStringOption((option) =>
					option
						.setName('chantier')
						.setNameLocalizations(inEnglish('site'))
						.setDescription(fr('optChantierFilter'))
						.setDescriptionLocalizations(en('optChantierFilter'))
						.setAutocomplete(true)
				)
				.addStringOption((option) => option.setName('tag').setDescription(fr('optTag')).setDescriptionLocalizations(en('optTag')).setAutocomplete(true))
				.addBooleanOption((option) =>
					option
						.setName('en_retard')
						.setNameLocalizations(inEnglish('overdue'))
						.setDescription(fr('optOverdue'))
						.setDescriptionLocalizations(en('optOverdue'))
				)
		);
	}

	public override async autocompleteRun(interaction: Command.AutocompleteInteraction) {
		const focused = interaction.options.getFocused(true);
		if (focused.name === 'chantier') return autocompleteChantier(interaction, focused.value);
		return autocompleteTag(interaction, focused.value, false);
	}

	public override async chatInputRun(interaction: ChatInputCommandInteraction) {
		const options = interaction.options;
		await this.list(interaction, localeOf(interaction), {
			status: (options.getString('statut') as StatusChoice | null) ?? undefined,
			priority: (options.getString('priorite') as TaskPriority | null) ?? undefined,
			assigneeId: options.getUser('assigne')?.id,
			chantierCode: options.getString('chantier') ?? undefined,
			tag: options.getString('tag') ?? undefined,
			overdue: options.getBoolean('en_retard') ?? undefined
		});
	}

	public override async messageRun(message: Message, _args: unknown, context: MessageCommand.RunContext) {
		const locale = localeOf(message);
		const raw = message.content.slice(context.commandPrefix.length).trim().slice(context.commandName.length).trim();
		const args = parseListArgs(raw);
		const problems: TaskProblem[] = args.unknown.map((word) => ({ code: 'unknownOption', vars: { word } }));
		const status = args.status ? parseStatusChoice(args.status) : undefined;
		if (args.status && !status) problems.push({ code: 'unknownFilter', vars: { value: args.status, key: 'statut' } });
		const priority = args.priority ? parsePriority(args.priority) : undefined;
		if (args.priority && !priority) problems.push({ code: 'badPriority', vars: { value: args.priority } });
		let assigneeId = args.mine ? message.author.id : args.assigneeId;
		if (!assigneeId && args.assigneeName) {
			assigneeId = await findMember(message.guild!, args.assigneeName);
			if (!assigneeId) problems.push({ code: 'unknownMember', vars: { name: args.assigneeName } });
		}
		let chantierId: string | undefined;
		if (args.chantierChannelId) {
			const chantier = await chantierByChannel(this.container.db, args.chantierChannelId);
			if (chantier?.guildId === message.guildId) chantierId = chantier.id;
			else problems.push({ code: 'unknownChantier', vars: { code: `<#${args.chantierChannelId}>` } });
		}
		if (problems.length > 0) return warn(message, problems, locale);
		await this.list(message, locale, { status, priority, assigneeId, chantierCode: args.chantier, chantierId, tag: args.tag, overdue: args.overdue });
	}

	private async list(target: ChatInputCommandInteraction | Message, locale: Locale, wanted: Wanted) {
		const t = text(locale);
		let chantierId = wanted.chantierId;
		let chantierLabel = wanted.chantierCode;
		if (wanted.chantierCode) {
			const chantier = await findChantier(this.container.db, target.guildId!, wanted.chantierCode);
			if (!chantier) return warn(target, [{ code: 'unknownChantier', vars: { code: wanted.chantierCode } }], locale);
			chantierId = chantier.id;
			chantierLabel = chantier.code;
		}
		const tag = wanted.tag ? parseTags(wanted.tag)[0] : undefined;
		const options: ListOptions = {
			guildId: target.guildId!,
			...(wanted.status ? { status: wanted.status } : {}),
			...(wanted.priority ? { priority: wanted.priority } : {}),
			...(wanted.assigneeId ? { assigneeId: wanted.assigneeId } : {}),
			...(chantierId ? { chantierId } : {}),
			...(tag ? { tag } : {}),
			...(wanted.overdue ? { overdue: true } : {})
		};
		const pair = (name: Parameters<typeof t>[0], value: string) => t('filterPair', { name: t(name), value });
		const filters = [
			wanted.status && wanted.status !== 'ouvertes' ? pair('status', t(`status_${wanted.status}`)) : null,
			wanted.priority ? pair('priority', t(`priority_${wanted.priority}`)) : null,
			wanted.assigneeId ? pair('assignee', `<@${wanted.assigneeId}>`) : null,
			chantierId ? pair('chantier', escapeUserText(chantierLabel ?? '')) : null,
			tag ? pair('tags', `\`${tag.replace(/`/g, "'")}\``) : null,
			wanted.overdue ? `⚠️ ${t('overdueMark')}` : null
		].filter(Boolean);
		await answerList(target, { options, filters: filters.join(' · ') }, locale);
	}
}
