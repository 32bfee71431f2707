import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { APIEmbed, APIMessage } from 'discord.js';
import { terminalText } from './terminal-text.ts';

export { resolveMarkup, type MarkupNames } from './markup.ts';

/** The parts of a message the renderer reads: any APIMessage (or stored message) fits. */
export type RenderableMessage = Pick<APIMessage, 'author' | 'content' | 'embeds' | 'attachments'> &
	Partial<Pick<APIMessage, 'components' | 'flags' | 'edited_timestamp'>>;

export interface RenderedButton {
	customId: string | null;
	/** Its emoji and label; empty when it has neither. */
	label: string;
	disabled: boolean;
	url: string | null;
}

export interface RenderedSelect {
	customId: string;
	type: ComponentType;
	placeholder: string | null;
	options: { label: string; value: string }[];
	disabled: boolean;
}

/** Loose view of any component, whatever its nesting. */
interface AnyComponent {
	type: number;
	custom_id?: string;
	label?: string;
	emoji?: { name?: string | null };
	style?: number;
	url?: string;
	disabled?: boolean;
	placeholder?: string;
	options?: { label: string; value: string }[];
	content?: string;
	components?: AnyComponent[];
	accessory?: AnyComponent;
	items?: { media: { url: string } }[];
	file?: { url: string };
}

function componentsOf(message: RenderableMessage): AnyComponent[] {
	return (message.components ?? []) as unknown as AnyComponent[];
}

function walk(components: AnyComponent[], visit: (component: AnyComponent) => void): void {
	for (const component of components) {
		visit(component);
		walk([...(component.components ?? []), ...(component.accessory ? [component.accessory] : [])], visit);
	}
}

const SELECT_TYPES = new Set<number>([
	ComponentType.StringSelect,
	ComponentType.UserSelect,
	ComponentType.RoleSelect,
	ComponentType.MentionableSelect,
	ComponentType.ChannelSelect
]);

/** Buttons and select menus in display order: what `:click N` and `:select N` refer to. */
export function interactiveComponents(message: RenderableMessage): { buttons: RenderedButton[]; selects: RenderedSelect[] } {
	const buttons: RenderedButton[] = [];
	const selects: RenderedSelect[] = [];
	walk(componentsOf(message), (component) => {
		if (component.type === ComponentType.Button) {
			buttons.push({
				customId: component.custom_id ?? null,
				label: [component.emoji?.name, component.label].filter(Boolean).join(' '),
				disabled: component.disabled ?? false,
				url: component.style === ButtonStyle.Link ? (component.url ?? null) : null
			});
		} else if (SELECT_TYPES.has(component.type) && component.custom_id) {
			selects.push({
				customId: component.custom_id,
				type: component.type,
				placeholder: component.placeholder ?? null,
				options: component.options?.map(({ label, value }) => ({ label, value })) ?? [],
				disabled: component.disabled ?? false
			});
		}
	});
	return { buttons, selects };
}

/** `Priorité : Haute` in French, `Priority: High` in English, as the bot's own texts write it. */
const fieldSeparator = (locale: string) => (locale.startsWith('fr') ? ' : ' : ': ');

function renderEmbed(embed: APIEmbed, locale: string): string[] {
	const lines: string[] = [];
	if (embed.author?.name) lines.push(embed.author.name);
	if (embed.title) lines.push(embed.url ? `${embed.title} <${embed.url}>` : embed.title);
	if (embed.description) lines.push(...embed.description.split('\n'));
	for (const field of embed.fields ?? []) {
		const [first = '', ...rest] = field.value.split('\n');
		lines.push(`${field.name}${fieldSeparator(locale)}${first}`, ...rest.map((line) => `  ${line}`));
	}
	if (embed.image?.url) lines.push(`[image ${embed.image.url}]`);
	if (embed.footer?.text) lines.push(`— ${embed.footer.text}`);
	return lines.map((line) => `  │ ${line}`);
}

/** Text of components v2 layouts (text displays, sections, separators, media). */
function renderLayout(components: AnyComponent[]): string[] {
	const lines: string[] = [];
	walk(components, (component) => {
		if (component.type === ComponentType.TextDisplay && component.content) lines.push(...component.content.split('\n'));
		else if (component.type === ComponentType.Separator) lines.push('────────');
		else if (component.type === ComponentType.MediaGallery) lines.push(...(component.items ?? []).map((item) => `[image ${item.media.url}]`));
		else if (component.type === ComponentType.File && component.file) lines.push(`📎 ${component.file.url.replace(/^attachment:\/\//, '')}`);
	});
	return lines;
}

/** A message as readable terminal text: author, content, embeds, numbered buttons, selects, files. */
export function renderMessage(message: RenderableMessage, { locale = 'en' }: { locale?: string } = {}): string {
	const t = terminalText(locale);
	const flags = message.flags ?? 0;
	const author = message.author.global_name ?? message.author.username;
	const header = [
		`${author}${message.author.bot ? ' [bot]' : ''}`,
		(flags & MessageFlags.Ephemeral) !== 0 ? t.onlyYou : '',
		message.edited_timestamp ? t.edited : ''
	]
		.filter(Boolean)
		.join(' ');
	const lines = [`${header}:`];
	if (message.content) lines.push(...message.content.split('\n'));
	lines.push(...renderLayout(componentsOf(message)));
	for (const embed of message.embeds) lines.push(...renderEmbed(embed, locale));

	const { buttons, selects } = interactiveComponents(message);
	if (buttons.length > 0) {
		lines.push(
			buttons
				.map((button, index) => {
					const suffix = [button.url ? `→ ${button.url}` : '', button.disabled ? t.disabled : ''].filter(Boolean).join(' ');
					return `[${index + 1} ${button.label || t.noLabel}${suffix ? ` ${suffix}` : ''}]`;
				})
				.join(' ')
		);
	}
	selects.forEach((select, index) => {
		const choices = select.options.map((option) => (option.label === option.value ? option.value : `${option.label} (${option.value})`));
		const title = `<select ${index + 1}${select.placeholder ? `: ${select.placeholder}` : ''}${select.disabled ? ` ${t.disabled}` : ''}>`;
		lines.push(`${title} ${choices.length > 0 ? choices.join(' | ') : t.pickEntities}`);
	});
	for (const attachment of message.attachments) lines.push(`📎 ${attachment.filename}`);
	if (lines.length === 1) lines.push(t.empty);
	return lines.join('\n');
}
