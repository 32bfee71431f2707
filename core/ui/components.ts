import {
	ActionRowBuilder,
	ButtonBuilder,
	type ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIComponentInMessageActionRow,
	type TopLevelComponent
} from 'discord.js';

export type ButtonRow = ActionRowBuilder<ButtonBuilder>;

export interface ButtonSpec {
	customId: string;
	label: string;
	style: ButtonStyle;
	emoji?: string;
	disabled?: boolean;
}

export function buttonRow(buttons: ButtonSpec[]): ButtonRow {
	return new ActionRowBuilder<ButtonBuilder>().addComponents(
		buttons.map(({ customId, label, style, emoji, disabled }) => {
			const button = new ButtonBuilder().setCustomId(customId).setLabel(label).setStyle(style).setDisabled(disabled ?? false);
			return emoji ? button.setEmoji(emoji) : button;
		})
	);
}

type MessageRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const actionRows = (components: readonly TopLevelComponent[]) =>
	components.map((component) => component.toJSON()).filter((row): row is MessageRow => row.type === ComponentType.ActionRow);

/** Whether any button or menu can still be used (false once answered or greyed out). */
export function hasLiveComponents(components: readonly TopLevelComponent[]): boolean {
	return actionRows(components).some((row) => row.components.some((component) => !('disabled' in component && component.disabled)));
}

/** The same rows with every button and menu greyed out: what a dead list or confirmation shows. */
export function disabledCopy(components: readonly TopLevelComponent[]): MessageRow[] {
	return actionRows(components).map((row) => ({ ...row, components: row.components.map((component) => ({ ...component, disabled: true })) }));
}
