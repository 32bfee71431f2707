import {
	LabelBuilder,
	ModalBuilder,
	TextInputBuilder,
	TextInputStyle,
	type CommandInteraction,
	type MessageComponentInteraction,
	type ModalSubmitInteraction
} from 'discord.js';
import type { z } from 'zod';
import type { Locale } from '../i18n.ts';
import { encodeCustomId, newStateKey } from './custom-id.ts';
import { NamedRegistry } from './registry.ts';
import { localeOfTarget, requesterOf } from './target.ts';
import { uiText } from './ui-text.ts';
import { defaultUiTimeoutMs, saveUiState, type UiState } from './ui-state.ts';

export interface FormField {
	/** Key of the value in the validated object. */
	id: string;
	/** At most 45 characters (Discord's limit). */
	label: string;
	style?: 'short' | 'paragraph';
	/** Default true; an empty optional field reaches the schema as `undefined`. */
	required?: boolean;
	minLength?: number;
	maxLength?: number;
	placeholder?: string;
	/** Pre-filled text. */
	value?: string;
}

/** A modal of up to 5 text fields. */
export function buildModal({ customId, title, fields }: { customId: string; title: string; fields: FormField[] }): ModalBuilder {
	if (fields.length > 5) throw new Error(`a modal holds at most 5 fields, got ${fields.length}`);
	return new ModalBuilder()
		.setCustomId(customId)
		.setTitle(title.slice(0, 45))
		.addLabelComponents(
			fields.map((field) => {
				const input = new TextInputBuilder()
					.setCustomId(field.id)
					.setStyle(field.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short)
					.setRequired(field.required ?? true);
				if (field.minLength !== undefined) input.setMinLength(field.minLength);
				if (field.maxLength !== undefined) input.setMaxLength(field.maxLength);
				if (field.placeholder) input.setPlaceholder(field.placeholder.slice(0, 100));
				if (field.value) input.setValue(field.value);
				return new LabelBuilder().setLabel(field.label.slice(0, 45)).setTextInputComponent(input);
			})
		);
}

/** The raw text of each field, by id. */
export function submittedValues(interaction: ModalSubmitInteraction, fields: FormField[]): Record<string, string> {
	return Object.fromEntries(fields.map((field) => [field.id, interaction.fields.getTextInputValue(field.id)]));
}

export type FormResult<Output> = { ok: true; values: Output } | { ok: false; problems: string };

/**
 * Checks submitted text against a zod schema (use `z.coerce.number()` for numbers). Refusals come
 * back as one line per field, labelled as in the modal, in the member's language; `.refine()`
 * messages are shown as written.
 */
export function validateForm<Schema extends z.ZodType>(
	values: Record<string, string>,
	fields: FormField[],
	schema: Schema,
	locale: Locale
): FormResult<z.output<Schema>> {
	const input = Object.fromEntries(fields.map((field) => [field.id, (field.required ?? true) || values[field.id] ? values[field.id] : undefined]));
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, values: result.data };
	const text = uiText(locale);
	const labelOf = (path: PropertyKey[]) => fields.find((field) => field.id === path[0])?.label ?? String(path[0] ?? '?');
	const lines = result.error.issues.map((issue) => {
		// zod 4 issues do not carry the input: an empty field is recognised from the submitted text.
		const empty = issue.path.length > 0 && !values[String(issue.path[0])];
		return text('problem', { label: labelOf(issue.path), problem: empty ? text('required') : describeIssue(issue, locale) });
	});
	return { ok: false, problems: [...new Set(lines)].join('\n') };
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, locale: Locale): string {
	const text = uiText(locale);
	switch (issue.code) {
		case 'invalid_type':
			return issue.expected === 'int' ? text('notAnInteger') : issue.expected === 'number' ? text('notANumber') : text('invalid');
		case 'too_small':
			return issue.origin === 'string' ? text('tooShort', { min: Number(issue.minimum) }) : text('tooSmall', { min: Number(issue.minimum) });
		case 'too_big':
			return issue.origin === 'string' ? text('tooLong', { max: Number(issue.maximum) }) : text('tooBig', { max: Number(issue.maximum) });
		case 'invalid_format':
			return text('badFormat');
		case 'invalid_value':
			return text('badChoice');
		case 'custom':
			return issue.message;
		default:
			return text('invalid');
	}
}

export interface FormRequest<Data> {
	locale: Locale;
	data: Data;
}

export interface FormSubmission<Values, Data> extends FormRequest<Data> {
	values: Values;
	/** Not yet answered: reply to it (e.g. with `respond`). */
	interaction: ModalSubmitInteraction;
}

export interface FormDefinition<Schema extends z.ZodType, Data> {
	schema: Schema;
	/** Title and fields in the member's language; `data` is what `openForm` was given. */
	modal: (request: FormRequest<Data>) => { title: string; fields: FormField[] };
	/** Runs once the values pass the schema. */
	submit: (submission: FormSubmission<z.output<Schema>, Data>) => void | Promise<void>;
}

type AnyForm = FormDefinition<z.ZodType, unknown>;

const forms = new NamedRegistry<AnyForm>('form');

/** Call from the plugin's `onLoad` and return the result, so unloading the plugin unregisters it. */
export function registerForm<Schema extends z.ZodType, Data = undefined>(name: string, definition: FormDefinition<Schema, Data>): () => void {
	return forms.register(name, definition as unknown as AnyForm);
}

export interface OpenFormOptions<Data> {
	/** A name given to `registerForm`. */
	form: string;
	/** JSON context the submit handler gets back (e.g. the id of the record being edited). */
	data?: Data;
	locale?: Locale;
	/** How long the form (and a refused draft) stays answerable; default 5 minutes. */
	timeoutMs?: number;
}

/** Shows a registered form as a modal; must be the first answer to the interaction. */
export async function openForm<Data>(interaction: CommandInteraction | MessageComponentInteraction, options: OpenFormOptions<Data>): Promise<void> {
	if (!forms.get(options.form)) throw new Error(`no form registered as "${options.form}"`);
	const timeoutMs = options.timeoutMs ?? defaultUiTimeoutMs;
	const key = newStateKey();
	const state: UiState = {
		kind: 'form',
		name: options.form,
		requesterId: requesterOf(interaction),
		locale: options.locale ?? localeOfTarget(interaction),
		timeoutMs,
		expiresAt: Date.now() + timeoutMs,
		data: options.data ?? null
	};
	await saveUiState(key, state);
	await showForm(interaction, key, state);
}

/** Shows the form of `state`, filled with the refused draft if any. False when the form is no longer registered. */
export async function showForm(interaction: CommandInteraction | MessageComponentInteraction, key: string, state: UiState): Promise<boolean> {
	const definition = forms.get(state.name);
	if (!definition) return false;
	const { title, fields } = definition.modal({ locale: state.locale, data: state.data });
	const filled = fields.map((field) => ({ ...field, value: state.draft?.[field.id] ?? field.value }));
	await interaction.showModal(buildModal({ customId: encodeCustomId({ kind: 'form', key, action: 'submit' }), title, fields: filled }));
	return true;
}

export type SubmitOutcome = { status: 'gone' } | { status: 'done' } | { status: 'refused'; problems: string; draft: Record<string, string> };

/** Validates a submission of `state`'s form and runs its `submit` when valid. */
export async function submitForm(interaction: ModalSubmitInteraction, state: UiState): Promise<SubmitOutcome> {
	const definition = forms.get(state.name);
	if (!definition) return { status: 'gone' };
	const { fields } = definition.modal({ locale: state.locale, data: state.data });
	const draft = submittedValues(interaction, fields);
	const result = validateForm(draft, fields, definition.schema, state.locale);
	if (!result.ok) return { status: 'refused', problems: result.problems, draft };
	await definition.submit({ values: result.values, data: state.data, locale: state.locale, interaction });
	return { status: 'done' };
}
