// Sandbox chat: the local Discord server drawn as Discord draws it (GET /api/sandbox, /api/sandbox/channels/{id}/messages),
// live through the Server-Sent Events of /api/sandbox/events; the composer posts as a seeded member or runs a slash command,
// and buttons, selects and forms are sent as real interactions (/api/sandbox/messages/{id}/buttons|selects, /api/sandbox/modals).
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { intlLocale, lang } from '../i18n.ts';
import { ct } from './chat-text.ts';
import { Markup, type Names } from './chat-markup.tsx';
import './chat.css';

interface World {
	guild: { id: string; name: string };
	bot: { id: string; name: string };
	channels: { id: string; name: string; kind: 'text' | 'voice' | 'category' | 'other'; parentId: string | null; topic: string | null }[];
	members: { id: string; name: string; key?: string; bot: boolean }[];
	roles: { id: string; name: string; color: number }[];
	commands: { name: string; names: string[]; description: string; options: { name: string; description: string; required: boolean }[]; subcommands: string[] }[];
	defaultChannelId: string;
	defaultMemberId: string;
}

interface Embed {
	title?: string;
	url?: string;
	description?: string;
	color?: number;
	author?: { name?: string };
	fields?: { name: string; value: string; inline?: boolean }[];
	footer?: { text?: string };
	timestamp?: string;
	image?: { url?: string };
	thumbnail?: { url?: string };
}

interface Component {
	type: number;
	custom_id?: string;
	label?: string;
	style?: number;
	url?: string;
	disabled?: boolean;
	emoji?: { name?: string | null };
	placeholder?: string;
	max_values?: number;
	options?: { label: string; value: string; description?: string; default?: boolean }[];
	content?: string;
	accent_color?: number | null;
	components?: Component[];
	accessory?: Component;
	items?: { media: { url: string } }[];
	file?: { url: string };
}

interface ChatMessage {
	id: string;
	channelId: string;
	author: { id: string; name: string; bot: boolean };
	content: string;
	timestamp: string;
	editedTimestamp: string | null;
	ephemeral: boolean;
	visibleTo?: string;
	loading: boolean;
	embeds: Embed[];
	components: Component[];
	attachments: { id: string; filename: string }[];
	command?: { name?: string; userId: string };
	replyTo?: { id: string; author: string; content: string };
	mentions: Record<string, string>;
}

/** A line the page adds itself, never sent: a command's help, or why it was not sent. */
interface LocalNote {
	id: string;
	channelId: string;
	note: string;
	timestamp: string;
}

interface Outcome {
	interactionId?: string;
	answered?: boolean;
	help?: string;
	modal?: Modal;
}

interface Modal {
	customId: string;
	title: string;
	fields: { customId: string; label: string; required: boolean; value: string; placeholder: string | null; paragraph: boolean }[];
}

type FeedEvent = { kind: 'create' | 'update'; message: ChatMessage } | { kind: 'delete'; id: string; channelId: string } | { kind: 'channels' };

const hex = (color: number | null | undefined) => (color ? `#${color.toString(16).padStart(6, '0')}` : undefined);
const avatarHue = (id: string) => Number(BigInt(id) % 360n);

function when(iso: string): string {
	const date = new Date(iso);
	const language = intlLocale();
	const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(date);
	if (date.toDateString() === new Date().toDateString()) return ct('today', { time });
	return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/**
 * The server as the member's Discord client shows it in the channel (by default the admin's, in the default channel):
 * only the commands it offers them there, named in the page's language.
 */
const worldFor = (memberId: string, channelId: string) =>
	api<World>(`/api/sandbox?${new URLSearchParams({ ...(memberId ? { userId: memberId, channelId } : {}), locale: lang.value })}`);

export function ChatPage() {
	const [world, setWorld] = useState<World | null | undefined>(undefined);
	const [channelId, setChannelId] = useState('');
	const [memberId, setMemberId] = useState('');
	const [messages, setMessages] = useState<ChatMessage[]>([]);
	const [notes, setNotes] = useState<LocalNote[]>([]);
	const [unread, setUnread] = useState<Set<string>>(new Set());
	const [live, setLive] = useState(false);
	const [modal, setModal] = useState<Modal | null>(null);
	const [error, setError] = useState('');
	const channelRef = useRef('');
	channelRef.current = channelId;
	const list = useRef<HTMLOListElement>(null);
	/** Whether the reader is at the end of the list: new messages then keep it there, as Discord does. */
	const atEnd = useRef(true);

	const memberRef = useRef('');
	memberRef.current = memberId;

	useEffect(() => {
		worldFor('', '')
			.then((loaded) => {
				setWorld(loaded);
				setChannelId(loaded.defaultChannelId);
				setMemberId(loaded.defaultMemberId);
			})
			.catch((failure: unknown) => {
				if (failure instanceof ApiError && failure.status === 404) setWorld(null);
				else setError((failure as Error).message);
			});
	}, []);

	// The commands offered change with the member spoken as, the channel and the language: the server is read again for them.
	const language = lang.value;
	useEffect(() => {
		if (!memberId || !channelId) return undefined;
		let current = true;
		worldFor(memberId, channelId).then(
			(loaded) => current && setWorld(loaded),
			(failure: unknown) => setError((failure as Error).message)
		);
		return () => {
			current = false;
		};
	}, [memberId, channelId, language]);

	const ready = Boolean(world);
	useEffect(() => {
		if (!ready) return undefined;
		const feed = new EventSource('/api/sandbox/events');
		feed.onopen = () => setLive(true);
		feed.onerror = () => setLive(false);
		feed.onmessage = (event: MessageEvent<string>) => {
			const change = JSON.parse(event.data) as FeedEvent;
			if (change.kind === 'channels') {
				worldFor(memberRef.current, channelRef.current).then(setWorld, (failure: unknown) => setError((failure as Error).message));
				return;
			}
			const changedChannel = change.kind === 'delete' ? change.channelId : change.message.channelId;
			if (changedChannel !== channelRef.current) {
				if (change.kind === 'create') setUnread((current) => new Set(current).add(changedChannel));
				return;
			}
			setMessages((current) => {
				if (change.kind === 'delete') return current.filter((message) => message.id !== change.id);
				const at = current.findIndex((message) => message.id === change.message.id);
				if (at < 0) return [...current, change.message];
				return current.map((message, index) => (index === at ? change.message : message));
			});
		};
		return () => feed.close();
	}, [ready]);

	useEffect(() => {
		if (!channelId) return;
		atEnd.current = true;
		setMessages([]);
		setUnread((current) => {
			const next = new Set(current);
			next.delete(channelId);
			return next;
		});
		api<{ messages: ChatMessage[] }>(`/api/sandbox/channels/${channelId}/messages?limit=100`).then(
			(history) =>
				// Messages that came on the feed while the history loaded are kept.
				setMessages((current) => [...history.messages.filter((message) => !current.some((live) => live.id === message.id)), ...current]),
			(failure: unknown) => setError((failure as Error).message)
		);
	}, [channelId]);

	const names: Names = useMemo(
		() => ({
			user: (id) => world?.members.find((member) => member.id === id)?.name ?? messages.find((message) => message.mentions[id])?.mentions[id] ?? id,
			role: (id) => world?.roles.find((role) => role.id === id)?.name ?? id,
			channel: (id) => world?.channels.find((channel) => channel.id === id)?.name ?? id
		}),
		[world, messages]
	);

	const count = messages.length + notes.length;
	useEffect(() => {
		if (atEnd.current && list.current) list.current.scrollTop = list.current.scrollHeight;
	}, [count, messages]);

	const addNote = (note: string) => setNotes((current) => [...current, { id: `note-${Date.now()}-${current.length}`, channelId, note, timestamp: new Date().toISOString() }]);
	/** Runs a call that starts an interaction; a form the bot opens is shown, a refusal is said in the channel. */
	const interact = async (call: () => Promise<Outcome>) => {
		try {
			const outcome = await call();
			if (outcome.help) addNote(outcome.help);
			if (outcome.answered === false) addNote(ct('noAnswer'));
			if (outcome.modal) setModal(outcome.modal);
		} catch (failure) {
			addNote(ct('notSent', { reason: (failure as Error).message }));
		}
	};
	const actions: Actions = {
		click: (message, customId) => interact(() => api<Outcome>(`/api/sandbox/messages/${message.id}/buttons`, { method: 'POST', body: { customId, userId: memberId, locale: lang.value } })),
		select: (message, customId, values) =>
			interact(() => api<Outcome>(`/api/sandbox/messages/${message.id}/selects`, { method: 'POST', body: { customId, userId: memberId, locale: lang.value, values } }))
	};

	if (world === null) return <p class="muted">{ct('sandboxOnly')}</p>;
	if (!world) return error ? <p class="error">{error}</p> : <p>{ct('channels')}…</p>;

	const channel = world.channels.find((candidate) => candidate.id === channelId);
	const speakers = world.members.filter((member) => !member.bot);
	const timeline: (ChatMessage | LocalNote)[] = [...messages, ...notes.filter((note) => note.channelId === channelId)].sort((a, b) => a.timestamp.localeCompare(b.timestamp));

	return (
		<div class="chat" data-testid="chat">
			<nav class="channels" aria-label={ct('channels')}>
				<strong class="guild">{world.guild.name}</strong>
				{world.channels
					.filter((candidate) => candidate.kind === 'text')
					.map((candidate) => (
						<button
							type="button"
							class={`channel${candidate.id === channelId ? ' current' : ''}${unread.has(candidate.id) ? ' unread' : ''}`}
							aria-current={candidate.id === channelId ? 'true' : undefined}
							data-testid={`channel-${candidate.name}`}
							onClick={() => setChannelId(candidate.id)}
						>
							# {candidate.name}
						</button>
					))}
			</nav>
			<section class="room">
				<div class="room-head">
					<strong># {channel?.name}</strong>
					{channel?.topic && <span class="muted topic">{channel.topic}</span>}
					<span class={`live ${live ? 'on' : ''}`} data-testid="chat-live">
						{live ? ct('live') : ct('offline')}
					</span>
				</div>
				{error && <p class="error">{error}</p>}
				<ol
					class="messages"
					data-testid="messages"
					aria-live="polite"
					ref={list}
					onScroll={(event) => {
						const element = event.currentTarget;
						atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
					}}
				>
					{timeline.length === 0 && <li class="muted">{ct('noMessages')}</li>}
					{timeline.map((item) =>
						'note' in item ? (
							<li class="message note" data-testid="chat-note">
								<div class="line">
									<div class="avatar system">!</div>
									<div class="body">
										<div class="content">{item.note}</div>
										<div class="ephemeral">{ct('onlyYou', { name: names.user(memberId) })}</div>
									</div>
								</div>
							</li>
						) : (
							<MessageView message={item} world={world} names={names} actions={actions} />
						)
					)}
				</ol>
				<Composer world={world} channel={channel?.name ?? ''} channelId={channelId} memberId={memberId} speakers={speakers} onMember={setMemberId} interact={interact} />
			</section>
			{modal && (
				<ModalDialog
					modal={modal}
					onClose={() => setModal(null)}
					onSubmit={async (fields) => {
						const outcome = await api<Outcome>('/api/sandbox/modals', { method: 'POST', body: { customId: modal.customId, userId: memberId, channelId, locale: lang.value, fields } });
						if (outcome.answered === false) addNote(ct('noAnswer'));
						if (outcome.modal) setModal(outcome.modal);
						return outcome.modal;
					}}
				/>
			)}
		</div>
	);
}

interface Actions {
	click(message: ChatMessage, customId: string): Promise<void>;
	select(message: ChatMessage, customId: string, values: string[]): Promise<void>;
}

function MessageView({ message, world, names, actions }: { message: ChatMessage; world: World; names: Names; actions: Actions }) {
	return (
		<li class={`message${message.ephemeral ? ' is-ephemeral' : ''}`} data-testid="chat-message" data-author={message.author.name} data-id={message.id}>
			{message.command && <div class="used muted">{ct('usedCommand', { name: names.user(message.command.userId), command: message.command.name ?? '…' })}</div>}
			{message.replyTo && (
				<div class="used muted">
					↱ <strong>{message.replyTo.author}</strong> {message.replyTo.content}
				</div>
			)}
			<div class="line">
				<div class="avatar" style={{ backgroundColor: `hsl(${avatarHue(message.author.id)} 45% 45%)` }} aria-hidden="true">
					{message.author.name.slice(0, 1).toUpperCase()}
				</div>
				<div class="body">
					<div class="head">
						<strong class="author">{message.author.name}</strong>
						{message.author.bot && <span class="bot-tag">{ct('bot')}</span>}
						<time class="muted" dateTime={message.timestamp}>
							{when(message.timestamp)}
						</time>
					</div>
					{message.loading && <div class="muted thinking">{ct('thinking', { name: message.author.name })}</div>}
					{message.content && (
						<div class="content">
							<Markup text={message.content} names={names} />
							{message.editedTimestamp && <small class="muted"> {ct('edited')}</small>}
						</div>
					)}
					<Components components={message.components} message={message} world={world} names={names} actions={actions} />
					{message.embeds.map((embed) => (
						<EmbedView embed={embed} names={names} />
					))}
					{message.attachments.map((attachment) => (
						<div class="attachment">📎 {attachment.filename}</div>
					))}
					{message.ephemeral && <div class="ephemeral">{ct('onlyYou', { name: message.visibleTo ? names.user(message.visibleTo) : '?' })}</div>}
				</div>
			</div>
		</li>
	);
}

function EmbedView({ embed, names }: { embed: Embed; names: Names }) {
	const borderColor = hex(embed.color);
	return (
		<article class="embed" style={borderColor ? { borderLeftColor: borderColor } : undefined} data-testid="embed">
			{embed.author?.name && <div class="embed-author">{embed.author.name}</div>}
			{embed.title && (
				<div class="embed-title">
					{embed.url ? (
						<a href={embed.url} target="_blank" rel="noreferrer noopener">
							{embed.title}
						</a>
					) : (
						<Markup text={embed.title} names={names} />
					)}
				</div>
			)}
			{embed.description && (
				<div class="embed-description">
					<Markup text={embed.description} names={names} />
				</div>
			)}
			{(embed.fields?.length ?? 0) > 0 && (
				<div class="embed-fields">
					{embed.fields!.map((field) => (
						<div class={`embed-field${field.inline ? ' inline' : ''}`}>
							<div class="embed-field-name">
								<Markup text={field.name} names={names} />
							</div>
							<div>
								<Markup text={field.value} names={names} />
							</div>
						</div>
					))}
				</div>
			)}
			{embed.image?.url && <div class="muted">🖼 {embed.image.url.replace(/^attachment:\/\//, '')}</div>}
			{(embed.footer?.text || embed.timestamp) && (
				<div class="embed-footer muted">
					{[embed.footer?.text, embed.timestamp ? when(embed.timestamp) : ''].filter(Boolean).join(' • ')}
				</div>
			)}
		</article>
	);
}

const buttonStyles = ['', 'primary', 'secondary', 'success', 'danger', 'link', 'premium'];

function Components({ components, message, world, names, actions }: { components: Component[]; message: ChatMessage; world: World; names: Names; actions: Actions }) {
	const draw = (component: Component): ComponentChildren => {
		switch (component.type) {
			case 1:
				return <div class="row">{component.components?.map(draw)}</div>;
			case 2: {
				const label = [component.emoji?.name, component.label].filter(Boolean).join(' ');
				if (component.style === 5 && component.url) {
					return (
						<a class="dc-button link" href={component.url} target="_blank" rel="noreferrer noopener">
							{label} ↗
						</a>
					);
				}
				return (
					<button type="button" class={`dc-button ${buttonStyles[component.style ?? 2] ?? 'secondary'}`} disabled={component.disabled} onClick={() => actions.click(message, component.custom_id!)}>
						{label || '…'}
					</button>
				);
			}
			case 3:
			case 5:
			case 6:
			case 7:
			case 8: {
				const options =
					component.type === 3
						? (component.options ?? [])
						: [
								...(component.type === 5 || component.type === 7 ? world.members.map((member) => ({ label: member.name, value: member.id })) : []),
								...(component.type === 6 || component.type === 7 ? world.roles.map((role) => ({ label: `@${role.name}`, value: role.id })) : []),
								...(component.type === 8 ? world.channels.filter((channel) => channel.kind !== 'category').map((channel) => ({ label: `#${channel.name}`, value: channel.id })) : [])
							];
				if ((component.max_values ?? 1) > 1) {
					return <MultiSelect options={options} placeholder={component.placeholder ?? ct('choose')} disabled={component.disabled} onPick={(values) => actions.select(message, component.custom_id!, values)} />;
				}
				return (
					<select
						class="dc-select"
						disabled={component.disabled}
						aria-label={component.placeholder ?? ct('choose')}
						onChange={(event) => {
							const value = event.currentTarget.value;
							if (value) void actions.select(message, component.custom_id!, [value]);
						}}
					>
						<option value="">{component.placeholder ?? ct('choose')}</option>
						{options.map((option) => (
							<option value={option.value}>{option.label}</option>
						))}
					</select>
				);
			}
			case 9:
				return (
					<div class="section">
						<div>{component.components?.map(draw)}</div>
						{component.accessory && draw(component.accessory)}
					</div>
				);
			case 10:
				return (
					<div class="text-display">
						<Markup text={component.content ?? ''} names={names} />
					</div>
				);
			case 12:
				return <div class="muted">{component.items?.map((item) => `🖼 ${item.media.url.replace(/^attachment:\/\//, '')}`).join('  ')}</div>;
			case 13:
				return <div class="attachment">📎 {component.file?.url.replace(/^attachment:\/\//, '')}</div>;
			case 14:
				return <hr class="separator" />;
			case 17: {
				const borderColor = hex(component.accent_color);
				return (
					<div class="container" style={borderColor ? { borderLeftColor: borderColor } : undefined}>
						{component.components?.map(draw)}
					</div>
				);
			}
			default:
				return null;
		}
	};
	if (components.length === 0) return null;
	return <div class="components">{components.map(draw)}</div>;
}

/** A select menu taking several values: chosen in a list, sent with one press, as Discord sends them when the menu closes. */
function MultiSelect({ options, placeholder, disabled, onPick }: { options: { label: string; value: string }[]; placeholder: string; disabled?: boolean; onPick: (values: string[]) => Promise<void> }) {
	const [picked, setPicked] = useState<string[]>([]);
	return (
		<div class="multi-select">
			<select
				class="dc-select"
				multiple
				size={Math.min(options.length, 5)}
				disabled={disabled}
				aria-label={placeholder}
				onChange={(event) => setPicked([...event.currentTarget.selectedOptions].map((option) => option.value))}
			>
				{options.map((option) => (
					<option value={option.value}>{option.label}</option>
				))}
			</select>
			<button type="button" class="dc-button primary" disabled={disabled || picked.length === 0} onClick={() => onPick(picked)}>
				{ct('choose').replace('…', '')} ({picked.length})
			</button>
		</div>
	);
}

function Composer(props: {
	world: World;
	channel: string;
	channelId: string;
	memberId: string;
	speakers: World['members'];
	onMember: (id: string) => void;
	interact: (call: () => Promise<Outcome>) => Promise<void>;
}) {
	const [text, setText] = useState('');
	const field = useRef<HTMLInputElement>(null);
	const [busy, setBusy] = useState(false);
	const typedName = /^\/(\S*)$|^\/(\S+)\s/.exec(text);
	const prefix = (typedName?.[1] ?? typedName?.[2] ?? '').toLowerCase();
	// A command is found by any name the local server takes for it (`/tache` in English too), as the terminal finds it; it is shown by the page's language's name.
	const matches = (name: string) => (typedName?.[2] ? name.toLowerCase() === prefix : name.toLowerCase().startsWith(prefix));
	const suggestions = typedName ? props.world.commands.filter((command) => command.names.some(matches)).slice(0, 6) : [];

	const send = async (event: Event) => {
		event.preventDefault();
		const line = text.trim();
		if (!line || busy) return;
		setBusy(true);
		// Sent with the button, which the emptied line disables: the focus goes back to the line, for the next one and for the form the bot may open.
		field.current?.focus();
		setText('');
		try {
			if (line.startsWith('/')) await props.interact(() => api<Outcome>('/api/sandbox/commands', { method: 'POST', body: { channelId: props.channelId, userId: props.memberId, locale: lang.value, line } }));
			else await props.interact(() => api<Outcome>('/api/sandbox/messages', { method: 'POST', body: { channelId: props.channelId, userId: props.memberId, locale: lang.value, content: line } }));
		} finally {
			setBusy(false);
		}
	};
	return (
		<form class="composer" onSubmit={send}>
			{suggestions.length > 0 && (
				<ul class="suggestions" data-testid="command-suggestions">
					{suggestions.map((command) => (
						<li>
							<button type="button" class="link" onClick={() => setText(`/${command.name} `)}>
								/{command.name}
							</button>{' '}
							{command.subcommands.length > 0 && <code>{command.subcommands.join(' | ')}</code>}{' '}
							{command.options.map((option) => (
								<code title={option.description}>
									{option.name}:{option.required ? '*' : ''}
								</code>
							))}{' '}
							<span class="muted">{command.description}</span>
						</li>
					))}
				</ul>
			)}
			<label class="speaker">
				<span class="muted">{ct('speakAs')}</span>
				<select value={props.memberId} data-testid="chat-member" onChange={(event) => props.onMember(event.currentTarget.value)}>
					{props.speakers.map((member) => (
						<option value={member.id}>{member.name}</option>
					))}
				</select>
			</label>
			<div class="compose-line">
				<input
					type="text"
					ref={field}
					value={text}
					data-testid="chat-input"
					aria-label={ct('placeholder', { channel: props.channel })}
					placeholder={ct('placeholder', { channel: props.channel })}
					maxLength={4000}
					onInput={(event) => setText(event.currentTarget.value)}
				/>
				<button type="submit" class="primary" disabled={busy || !text.trim()} data-testid="chat-send">
					{ct('send')}
				</button>
			</div>
		</form>
	);
}

/** A form the bot opened; `onSubmit` answers it and gives the bot's next form, if any. */
function ModalDialog({ modal, onClose, onSubmit }: { modal: Modal; onClose: () => void; onSubmit: (fields: Record<string, string>) => Promise<Modal | undefined> }) {
	const dialog = useRef<HTMLDialogElement>(null);
	const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(modal.fields.map((field) => [field.customId, field.value])));
	const [error, setError] = useState('');
	useEffect(() => {
		if (!dialog.current?.open) dialog.current?.showModal();
	}, []);
	const submit = async (event: Event) => {
		event.preventDefault();
		setError('');
		try {
			// Answered: closed here rather than dropped from the page, so the browser gives the focus back to where it was (the composer, or the button pressed).
			if (!(await onSubmit(values))) dialog.current?.close();
		} catch (failure) {
			setError((failure as Error).message);
		}
	};
	return (
		<dialog ref={dialog} class="dc-modal" data-testid="chat-modal" onClose={onClose}>
			<form onSubmit={submit}>
				<h2>{modal.title}</h2>
				{modal.fields.map((field) => {
					const common = {
						value: values[field.customId] ?? '',
						required: field.required,
						placeholder: field.placeholder ?? undefined,
						name: field.customId,
						onInput: (event: Event) => setValues({ ...values, [field.customId]: (event.currentTarget as HTMLInputElement).value })
					};
					return (
						<label class="field">
							<span>
								{field.label}
								{field.required && <span class="required"> *</span>}
							</span>
							{field.paragraph ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
						</label>
					);
				})}
				{error && (
					<p class="error" role="alert">
						{error}
					</p>
				)}
				<div class="actions">
					<button type="button" class="link" onClick={() => dialog.current?.close()}>
						{ct('cancel')}
					</button>
					<button type="submit" class="primary" data-testid="chat-modal-submit">
						{ct('submit')}
					</button>
				</div>
			</form>
		</dialog>
	);
}
