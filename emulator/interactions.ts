import type { EventEmitter } from 'node:events';
import {
	ApplicationCommandType,
	ComponentType,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	MessageType
} from 'discord.js';
import type {
	APIApplicationCommand,
	APIApplicationCommandOptionChoice,
	APIInteractionDataResolved,
	APIModalInteractionResponseCallbackData,
	APIUser
} from 'discord.js';
import { hiddenCommand } from './command-access.ts';
import { errors } from './http.ts';
import type { UploadedFile } from './http.ts';
import { randomToken } from './ids.ts';
import { CommandRefused } from './refusals.ts';
import { localizedName } from './localized-names.ts';
import type { SnowflakeGenerator } from './ids.ts';
import type { Gateway } from './gateway.ts';
import type { MessageBody, MessageService } from './messages.ts';
import { buildCommandOptions } from './slash-options.ts';
import type { DiscordState, StoredMessage } from './state.ts';
import type {
	AutocompleteInput,
	BotReply,
	ComponentInput,
	InteractionHandle,
	MessageCommandInput,
	ModalInput,
	SelectInput,
	SlashCommandInput
} from './types.ts';

/** Flags a response may set on its message. */
const RESPONSE_FLAGS =
	MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;
const DEFAULT_TIMEOUT_MS = 5000;

interface TrackedInteraction {
	id: string;
	token: string;
	type: InteractionType;
	name?: string;
	guildId?: string;
	channelId: string;
	user: APIUser;
	/** The message a component was on: what type 6/7 responses change. */
	sourceMessageId?: string;
	/** `@original`: the response message. */
	originalMessageId?: string;
	acknowledged: boolean;
	responses: BotReply[];
	listeners: Set<() => void>;
}

export interface InteractionDefaults {
	guildId: string;
	channelId: string;
	userId: string;
	locale: string;
}

interface InteractionContext {
	userId?: string;
	channelId?: string;
	locale?: string;
}

/** Component as found in a message, whatever its nesting (rows, sections, labels, containers). */
interface AnyComponent {
	type: number;
	custom_id?: string;
	disabled?: boolean;
	components?: AnyComponent[];
	component?: AnyComponent;
	accessory?: AnyComponent;
	id?: number;
	required?: boolean;
	min_values?: number;
	label?: string;
	placeholder?: string;
	emoji?: { name?: string | null };
}

export function findComponent(components: readonly unknown[] | undefined, customId: string): AnyComponent | undefined {
	for (const component of (components ?? []) as AnyComponent[]) {
		if (component.custom_id === customId) return component;
		const nested = [...(component.components ?? []), ...(component.component ? [component.component] : []), ...(component.accessory ? [component.accessory] : [])];
		const found = findComponent(nested, customId);
		if (found) return found;
	}
	return undefined;
}

/** Simulates users' interactions and handles the bot's responses to them. */
export class InteractionRegistry {
	readonly #byId = new Map<string, TrackedInteraction>();
	readonly #byToken = new Map<string, TrackedInteraction>();
	/** Modals shown, by custom id, with the interaction that opened them. */
	readonly #openModals = new Map<string, { modal: APIModalInteractionResponseCallbackData; opener: TrackedInteraction }>();

	private readonly state: DiscordState;
	private readonly ids: SnowflakeGenerator;
	private readonly gateway: Gateway;
	private readonly messages: MessageService;
	private readonly events: EventEmitter;
	private readonly applicationId: string;
	private readonly botUser: APIUser;
	private readonly defaults: InteractionDefaults;

	constructor(
		state: DiscordState,
		ids: SnowflakeGenerator,
		gateway: Gateway,
		messages: MessageService,
		events: EventEmitter,
		applicationId: string,
		botUser: APIUser,
		defaults: InteractionDefaults
	) {
		this.state = state;
		this.ids = ids;
		this.gateway = gateway;
		this.messages = messages;
		this.events = events;
		this.applicationId = applicationId;
		this.botUser = botUser;
		this.defaults = defaults;
	}

	// ---- simulated users ----------------------------------------------

	async slashCommand(input: SlashCommandInput): Promise<InteractionHandle> {
		return this.#command(input, InteractionType.ApplicationCommand);
	}

	/** A member picks a message command in a message's "Apps" menu (application command type 3). */
	async messageCommand(input: MessageCommandInput): Promise<InteractionHandle> {
		const message = this.state.messages.get(input.messageId);
		if (!message) throw new CommandRefused({ reason: 'messageGone' }, `No message ${input.messageId}`);
		const command = this.state.findCommand(input.name, message.guild_id, ApplicationCommandType.Message, input.locale ?? this.defaults.locale);
		if (!command) throw new CommandRefused({ reason: 'noMessageCommand', typed: input.name }, `No message command "${input.name}" is registered: Discord's menu would not offer it`);
		this.#refuseHiddenCommand(command, message.channel_id, input.userId ?? this.defaults.userId, `« ${localizedName(command, input.locale ?? this.defaults.locale)} »`);
		const data = {
			id: command.id,
			name: command.name,
			type: ApplicationCommandType.Message,
			...(command.guild_id ? { guild_id: command.guild_id } : {}),
			target_id: message.id,
			resolved: { messages: { [message.id]: message } }
		};
		return this.#start(InteractionType.ApplicationCommand, { ...input, channelId: message.channel_id }, data, undefined, command.name);
	}

	async autocomplete(input: AutocompleteInput): Promise<InteractionHandle> {
		const names = Array.isArray(input.options) ? [] : Object.keys(input.options ?? {});
		return this.#command(input, InteractionType.ApplicationCommandAutocomplete, input.focused ?? names.at(-1));
	}

	async button(input: ComponentInput): Promise<InteractionHandle> {
		const { message, component } = this.#componentOn(input.messageId, input.customId, 'button');
		if (component.type !== ComponentType.Button) throw new CommandRefused({ reason: 'noSuchComponent', kind: 'button' }, `"${input.customId}" is not a button`);
		return this.#start(InteractionType.MessageComponent, input, { custom_id: input.customId, component_type: ComponentType.Button }, message);
	}

	async select(input: SelectInput): Promise<InteractionHandle> {
		const { message, component } = this.#componentOn(input.messageId, input.customId, 'select');
		const guildId = message.guild_id;
		const resolved = this.#resolveSelected(component.type, input.values, guildId);
		return this.#start(
			InteractionType.MessageComponent,
			input,
			{ custom_id: input.customId, component_type: component.type, values: input.values, ...(resolved ? { resolved } : {}) },
			message
		);
	}

	async modal(input: ModalInput): Promise<InteractionHandle> {
		const open = this.#openModals.get(input.customId);
		if (!open) throw new CommandRefused({ reason: 'formClosed' }, `No modal "${input.customId}" is open (the bot must show it first)`);
		// Discord keeps a refused form open: it is closed only once its values are accepted.
		const components = fillModal(open.modal, input.fields);
		this.#openModals.delete(input.customId);
		const source = open.opener.sourceMessageId ? this.state.messages.get(open.opener.sourceMessageId) : undefined;
		const context = { channelId: open.opener.channelId, userId: open.opener.user.id, ...input };
		return this.#start(
			InteractionType.ModalSubmit,
			context,
			{ custom_id: input.customId, components },
			source
		);
	}

	/** Modals currently waiting for an answer. */
	openModals(): APIModalInteractionResponseCallbackData[] {
		return [...this.#openModals.values()].map((open) => open.modal);
	}

	// ---- the bot's side (REST) ------------------------------------------

	async callback(interactionId: string, token: string, body: { type: InteractionResponseType; data?: unknown }, files: UploadedFile[], withResponse: boolean): Promise<unknown> {
		const tracked = this.#byId.get(interactionId);
		if (!tracked || tracked.token !== token) throw errors.unknownInteraction();
		if (tracked.acknowledged) throw errors.alreadyAcknowledged();
		const data = (body.data ?? {}) as MessageBody & Record<string, unknown>;
		let message: StoredMessage | null = null;
		const extra: Partial<BotReply> = {};

		switch (body.type) {
			case InteractionResponseType.ChannelMessageWithSource:
				message = await this.#createResponseMessage(tracked, { ...data, flags: (data.flags ?? 0) & RESPONSE_FLAGS }, files);
				break;
			case InteractionResponseType.DeferredChannelMessageWithSource:
				message = await this.#createResponseMessage(tracked, { flags: MessageFlags.Loading | ((data.flags ?? 0) & MessageFlags.Ephemeral) }, []);
				break;
			case InteractionResponseType.DeferredMessageUpdate:
				tracked.originalMessageId = tracked.sourceMessageId;
				break;
			case InteractionResponseType.UpdateMessage: {
				const source = tracked.sourceMessageId ? this.state.messages.get(tracked.sourceMessageId) : undefined;
				if (!source) throw errors.unknownMessage();
				tracked.originalMessageId = source.id;
				message = await this.messages.edit(source, data, files, { source: 'interaction', interactionId: tracked.id });
				break;
			}
			case InteractionResponseType.ApplicationCommandAutocompleteResult:
				extra.choices = (data.choices as APIApplicationCommandOptionChoice[] | undefined) ?? [];
				break;
			case InteractionResponseType.Modal: {
				const modal = data as unknown as APIModalInteractionResponseCallbackData;
				this.#openModals.set(modal.custom_id, { modal, opener: tracked });
				extra.modal = modal;
				break;
			}
			default:
				break;
		}
		tracked.acknowledged = true;
		this.#record(tracked, { kind: 'callback', type: body.type, message, ...extra });
		if (!withResponse) return undefined;
		return {
			interaction: {
				id: tracked.id,
				type: tracked.type,
				response_message_id: message?.id,
				response_message_loading: body.type === InteractionResponseType.DeferredChannelMessageWithSource,
				response_message_ephemeral: ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0
			},
			resource: { type: body.type, ...(message ? { message } : {}) }
		};
	}

	/** The interaction a webhook token belongs to, if it is one. */
	byToken(applicationId: string, token: string): TrackedInteraction | undefined {
		return applicationId === this.applicationId ? this.#byToken.get(token) : undefined;
	}

	responseMessage(tracked: TrackedInteraction, messageId: string): StoredMessage {
		const id = messageId === '@original' ? tracked.originalMessageId : messageId;
		const message = id ? this.state.messages.get(id) : undefined;
		if (!message) throw errors.unknownMessage();
		return message;
	}

	async editResponse(tracked: TrackedInteraction, messageId: string, body: MessageBody, files: UploadedFile[]): Promise<StoredMessage> {
		const message = await this.messages.edit(this.responseMessage(tracked, messageId), body, files, { source: 'interaction', interactionId: tracked.id });
		this.#record(tracked, { kind: 'editReply', type: null, message });
		return message;
	}

	async deleteResponse(tracked: TrackedInteraction, messageId: string): Promise<void> {
		const message = this.responseMessage(tracked, messageId);
		await this.messages.delete(message, { source: 'interaction', interactionId: tracked.id });
		this.#record(tracked, { kind: 'deleteReply', type: null, message });
	}

	/** A follow-up after a deferral replaces the "thinking" message, as on Discord. */
	async followUp(tracked: TrackedInteraction, body: MessageBody, files: UploadedFile[]): Promise<StoredMessage> {
		const original = tracked.originalMessageId ? this.state.messages.get(tracked.originalMessageId) : undefined;
		const message =
			original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0
				? await this.messages.edit(original, body, files, { source: 'interaction', interactionId: tracked.id })
				: await this.messages.create({
						channelId: tracked.channelId,
						author: this.botUser,
						body: { ...body, flags: (body.flags ?? 0) & RESPONSE_FLAGS },
						files,
						source: 'interaction',
						interactionId: tracked.id,
						extra: this.#responseExtra(tracked)
					});
		this.#record(tracked, { kind: 'followUp', type: null, message });
		return message;
	}

	// ---- internals ---------------------------------------------------------

	#command(input: SlashCommandInput, type: InteractionType, focused?: string): Promise<InteractionHandle> {
		const channelId = input.channelId ?? this.defaults.channelId;
		const guildId = this.state.channels.get(channelId)?.guild_id;
		const userId = input.userId ?? this.defaults.userId;
		const locale = input.locale ?? this.defaults.locale;
		// The member may type the name shown in their language (`/aide`): Discord sends the command's own name.
		const command = this.state.findCommand(input.name, guildId, ApplicationCommandType.ChatInput, locale);
		if (command) this.#refuseHiddenCommand(command, channelId, userId, `/${localizedName(command, locale)}`);
		const name = command?.name ?? input.name;
		const { options, resolved } = buildCommandOptions(this.state, command, input, { guildId, userId, locale }, focused);
		const data = {
			id: command?.id ?? this.ids.next(),
			name,
			type: ApplicationCommandType.ChatInput,
			...(command?.guild_id ? { guild_id: command.guild_id } : {}),
			options,
			...(Object.keys(resolved).length > 0 ? { resolved } : {})
		};
		return this.#start(type, input, data, undefined, name);
	}

	/** Discord's client does not offer the command to this user here (see `hiddenCommand`): sending it is refused. */
	#refuseHiddenCommand(command: APIApplicationCommand, channelId: string, userId: string, shown: string): void {
		const refused = hiddenCommand(this.state, command, channelId, userId, shown);
		if (refused) throw refused;
	}

	#componentOn(messageId: string, customId: string, kind: 'button' | 'select'): { message: StoredMessage; component: AnyComponent } {
		const message = this.state.messages.get(messageId);
		if (!message) throw new CommandRefused({ reason: 'messageGone' }, `No message ${messageId}`);
		const component = findComponent(message.components, customId);
		if (!component) throw new CommandRefused({ reason: 'noSuchComponent', kind }, `Message ${messageId} has no component "${customId}"`);
		if (component.disabled) {
			const label = component.label ?? component.placeholder ?? component.emoji?.name ?? null;
			throw new CommandRefused({ reason: 'componentDisabled', kind, label }, `Component "${customId}" is disabled`);
		}
		return { message, component };
	}

	#resolveSelected(type: number, values: string[], guildId: string | undefined): APIInteractionDataResolved | undefined {
		if (type === ComponentType.StringSelect) return undefined;
		const resolved: Record<string, Record<string, unknown>> = {};
		for (const value of values) {
			const user = this.state.users.get(value);
			if (user && (type === ComponentType.UserSelect || type === ComponentType.MentionableSelect)) {
				resolved.users = { ...resolved.users, [value]: user };
				if (guildId && this.state.members(guildId).has(value)) {
					const { user: _user, ...member } = this.state.memberPayload(guildId, value);
					resolved.members = { ...resolved.members, [value]: { ...member, permissions: this.state.permissionsOf(guildId, value).toString() } };
				}
			}
			const role = guildId ? this.state.roles(guildId).get(value) : undefined;
			if (role) resolved.roles = { ...resolved.roles, [value]: role };
			const channel = this.state.channels.get(value);
			if (channel && type === ComponentType.ChannelSelect) {
				resolved.channels = { ...resolved.channels, [value]: { id: channel.id, name: channel.name ?? null, type: channel.type, permissions: '0' } };
			}
		}
		return resolved as APIInteractionDataResolved;
	}

	async #start(type: InteractionType, context: InteractionContext, data: Record<string, unknown>, message?: StoredMessage, name?: string): Promise<InteractionHandle> {
		const channelId = context.channelId ?? message?.channel_id ?? this.defaults.channelId;
		const channel = this.state.channels.get(channelId);
		if (!channel) throw new Error(`No channel ${channelId}`);
		const user = this.state.users.get(context.userId ?? this.defaults.userId);
		if (!user) throw new Error(`No user ${context.userId}`);
		const guildId = channel.guild_id;
		const tracked: TrackedInteraction = {
			id: this.ids.next(),
			token: `interaction.${randomToken()}`,
			type,
			...(name ? { name } : {}),
			...(guildId ? { guildId } : {}),
			channelId,
			user,
			...(message ? { sourceMessageId: message.id } : {}),
			acknowledged: false,
			responses: [],
			listeners: new Set()
		};
		this.#byId.set(tracked.id, tracked);
		this.#byToken.set(tracked.token, tracked);

		const locale = context.locale ?? this.defaults.locale;
		const who = guildId
			? {
					member: {
						...this.state.memberPayload(guildId, user.id),
						permissions: this.state.permissionsOf(guildId, user.id, channelId).toString()
					}
				}
			: { user };
		await this.gateway.dispatch('INTERACTION_CREATE', {
			id: tracked.id,
			application_id: this.applicationId,
			type,
			token: tracked.token,
			version: 1,
			data,
			...(guildId
				? {
						guild_id: guildId,
						guild: { id: guildId, locale: this.state.guilds.get(guildId)?.preferredLocale ?? 'en-US', features: [] },
						guild_locale: this.state.guilds.get(guildId)?.preferredLocale ?? 'en-US'
					}
				: {}),
			channel: this.state.channelPayload(channel),
			channel_id: channelId,
			...who,
			...(message ? { message } : {}),
			locale,
			app_permissions: guildId ? this.state.permissionsOf(guildId, this.botUser.id, channelId).toString() : '0',
			entitlements: [],
			authorizing_integration_owners: guildId ? { 0: guildId } : { 1: user.id },
			context: guildId ? 0 : 1,
			attachment_size_limit: 26_214_400
		});
		return this.#handle(tracked);
	}

	#handle(tracked: TrackedInteraction): InteractionHandle {
		const waitForResponses = (count: number, timeoutMs = DEFAULT_TIMEOUT_MS) =>
			new Promise<BotReply[]>((resolve, reject) => {
				const check = () => {
					if (tracked.responses.length < count) return false;
					clearTimeout(timer);
					tracked.listeners.delete(check);
					resolve(tracked.responses.slice());
					return true;
				};
				const timer = setTimeout(() => {
					tracked.listeners.delete(check);
					const label = tracked.name ? `/${tracked.name}` : `interaction type ${tracked.type}`;
					reject(new Error(`${label}: expected ${count} bot response(s) within ${timeoutMs} ms, got ${tracked.responses.length}`));
				}, timeoutMs);
				if (!check()) tracked.listeners.add(check);
			});
		return {
			id: tracked.id,
			token: tracked.token,
			responses: tracked.responses,
			waitForResponses,
			reply: async (timeoutMs?: number) => {
				const [first] = await waitForResponses(1, timeoutMs);
				if (!first) throw new Error('unreachable: no first response');
				return first;
			}
		};
	}

	async #createResponseMessage(tracked: TrackedInteraction, body: MessageBody, files: UploadedFile[]): Promise<StoredMessage> {
		const message = await this.messages.create({
			channelId: tracked.channelId,
			author: this.botUser,
			body,
			files,
			source: 'interaction',
			interactionId: tracked.id,
			extra: this.#responseExtra(tracked)
		});
		tracked.originalMessageId = message.id;
		return message;
	}

	#responseExtra(tracked: TrackedInteraction): Partial<StoredMessage> {
		return {
			webhook_id: this.applicationId,
			application_id: this.applicationId,
			type: tracked.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
			interaction_metadata: {
				id: tracked.id,
				type: tracked.type,
				user: tracked.user,
				authorizing_integration_owners: tracked.guildId ? { 0: tracked.guildId } : { 1: tracked.user.id },
				...(tracked.name ? { name: tracked.name } : {})
			} as StoredMessage['interaction_metadata']
		};
	}

	#record(tracked: TrackedInteraction, reply: Pick<BotReply, 'kind' | 'type' | 'message'> & Partial<BotReply>): void {
		const message = reply.message;
		const flags = message?.flags ?? 0;
		const full: BotReply = {
			content: message?.content ?? '',
			embeds: message?.embeds ?? [],
			components: (message?.components ?? []) as BotReply['components'],
			flags,
			ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
			files: message?.attachments.map((attachment) => attachment.filename) ?? [],
			messageId: message?.id ?? null,
			...reply,
			message: message ? structuredClone(message) : null
		};
		tracked.responses.push(full);
		this.events.emit('interactionResponse', { interactionId: tracked.id, userId: tracked.user.id, channelId: tracked.channelId, reply: full });
		for (const listener of [...tracked.listeners]) listener();
	}
}

/**
 * What Discord's client refuses to submit: a required field left empty, a value too short or too long.
 * `label` is the field's as the form shows it (its Label component's, else its own).
 */
function refuseFieldValue(modal: APIModalInteractionResponseCallbackData, field: AnyComponent, label: string, value: string): void {
	const { min_length: min, max_length: max } = field as { min_length?: number; max_length?: number };
	const subject = { form: modal.title, field: label };
	if (field.required !== false && value === '') throw new CommandRefused({ reason: 'fieldRequired', ...subject }, `Modal "${modal.custom_id}": field "${field.custom_id}" is required`);
	if (value !== '' && min !== undefined && value.length < min) {
		throw new CommandRefused({ reason: 'fieldTooShort', ...subject, min, length: value.length }, `Modal "${modal.custom_id}": field "${field.custom_id}" needs at least ${min} characters`);
	}
	if (max !== undefined && value.length > max) {
		throw new CommandRefused({ reason: 'fieldTooLong', ...subject, max, length: value.length }, `Modal "${modal.custom_id}": field "${field.custom_id}" takes at most ${max} characters`);
	}
}

/** The modal's components with the user's values filled in, shaped like Discord's submission. */
function fillModal(modal: APIModalInteractionResponseCallbackData, fields: Record<string, string>): unknown[] {
	const used = new Set<string>();
	const known: string[] = [];
	const fill = (component: AnyComponent, label?: string): Record<string, unknown> => {
		const customId = component.custom_id ?? '';
		const value = fields[customId];
		known.push(customId);
		if (value !== undefined) used.add(customId);
		if (component.type === ComponentType.TextInput) {
			refuseFieldValue(modal, component, label ?? component.label ?? customId, value ?? '');
			return { type: component.type, id: component.id, custom_id: customId, value: value ?? '' };
		}
		return { type: component.type, id: component.id, custom_id: customId, values: value === undefined || value === '' ? [] : value.split(',') };
	};
	const components = (modal.components as unknown as AnyComponent[]).map((top) => {
		if (top.type === ComponentType.ActionRow) return { type: top.type, id: top.id, components: (top.components ?? []).map((component) => fill(component)) };
		if (top.component) return { type: top.type, id: top.id, component: fill(top.component, top.label) };
		return { type: top.type, id: top.id };
	});
	const unknown = Object.keys(fields).filter((field) => !used.has(field));
	if (unknown.length > 0) {
		throw new CommandRefused({ reason: 'unknownFields', form: modal.title, typed: unknown, fields: known }, `Modal "${modal.custom_id}" has no field(s) ${unknown.join(', ')}`);
	}
	return components;
}
