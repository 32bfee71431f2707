/** Forms (modals) in the terminal chat: shown with labels, current values and required marks, answered field by field. */
import { ComponentType } from 'discord.js';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { terminalText } from './terminal-text.ts';

export interface FormField {
	customId: string;
	label: string;
	required: boolean;
	/** What the field holds when the form opens (pre-filled by the bot), sent unless the person types another. */
	value: string;
	placeholder: string | null;
}

interface ModalComponent {
	type: number;
	custom_id?: string;
	label?: string;
	value?: string;
	placeholder?: string;
	required?: boolean;
	components?: ModalComponent[];
	component?: ModalComponent;
}

/** The text fields of a modal, in order; a field's label comes from its Label component when it has one. */
export function formFields(modal: APIModalInteractionResponseCallbackData): FormField[] {
	const fields: FormField[] = [];
	const visit = (components: ModalComponent[], label?: string) => {
		for (const component of components) {
			if (component.type === ComponentType.TextInput && component.custom_id) {
				fields.push({
					customId: component.custom_id,
					label: label ?? component.label ?? component.custom_id,
					required: component.required !== false,
					value: component.value ?? '',
					placeholder: component.placeholder ?? null
				});
			}
			visit([...(component.components ?? []), ...(component.component ? [component.component] : [])], component.type === ComponentType.Label ? component.label : undefined);
		}
	};
	visit(modal.components as unknown as ModalComponent[]);
	return fields;
}

/**
 * Form "Nouvelle tâche":
 *   title *  Intitulé: (empty)
 *   due      Échéance: "demain" …
 */
export function describeForm(modal: APIModalInteractionResponseCallbackData, locale: string): string {
	const t = terminalText(locale);
	const fields = formFields(modal);
	const width = Math.max(...fields.map((field) => field.customId.length));
	const lines = fields.map((field) => {
		const shown = field.value ? `"${field.value}"` : field.placeholder ? t.emptyFor(field.placeholder) : t.empty;
		return `  ${field.customId.padEnd(width)} ${field.required ? '*' : ' '} ${t.formField(field.label, shown)}`;
	});
	return [t.formTitle(modal.title), ...lines, t.formAnswer].join('\n');
}

/** What the form sends: the values shown, replaced by those typed. */
export function formAnswer(modal: APIModalInteractionResponseCallbackData, typed: Record<string, string>): Record<string, string> {
	return { ...Object.fromEntries(formFields(modal).map((field) => [field.customId, field.value])), ...typed };
}
