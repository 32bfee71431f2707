// A plugin's settings as a form generated from the JSON Schema of each key (GET /api/plugins/{name}/settings); saved through PUT, whose per-key refusals show next to their field.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { lang, t, type TextKey } from '../i18n.ts';

interface JsonSchema {
	type?: string | string[];
	enum?: unknown[];
	items?: JsonSchema;
	minimum?: number;
	maximum?: number;
	description?: string;
	anyOf?: JsonSchema[];
}

interface Setting {
	key: string;
	schema: JsonSchema;
	required: boolean;
	secret: boolean;
	value?: unknown;
	source: 'default' | 'bot' | 'server';
}

interface SettingsAnswer {
	settings: Setting[];
}

type Kind = 'boolean' | 'number' | 'integer' | 'enum' | 'text' | 'list' | 'json';

function kindOf(schema: JsonSchema): Kind {
	if (schema.enum) return 'enum';
	if (schema.type === 'boolean') return 'boolean';
	if (schema.type === 'integer' || schema.type === 'number') return schema.type;
	if (schema.type === 'string') return 'text';
	if (schema.type === 'array' && schema.items?.type === 'string' && !schema.items.enum) return 'list';
	return 'json';
}

/** What the field shows for a value (secrets show nothing: their value is never sent). */
function draftOf(setting: Setting): string | boolean {
	const kind = kindOf(setting.schema);
	if (setting.secret) return '';
	if (kind === 'boolean') return setting.value === true;
	if (setting.value === undefined || setting.value === null) return '';
	if (kind === 'list') return (setting.value as string[]).join(', ');
	if (kind === 'json') return JSON.stringify(setting.value, null, 2);
	return String(setting.value);
}

/** The value to send for what was typed; a number left as typed when it is not one, so the server's message says what is expected. */
function valueOf(setting: Setting, draft: string | boolean): unknown {
	const kind = kindOf(setting.schema);
	if (typeof draft === 'boolean') return draft;
	if (kind === 'integer' || kind === 'number') return draft.trim() !== '' && Number.isFinite(Number(draft.replace(',', '.'))) ? Number(draft.replace(',', '.')) : draft;
	if (kind === 'list') return draft.split(',').map((part) => part.trim()).filter(Boolean);
	if (kind === 'json') return JSON.parse(draft) as unknown;
	return draft;
}

export function PluginSettings({ plugin, guildId }: { plugin: string; guildId: string }) {
	const [settings, setSettings] = useState<Setting[] | null>(null);
	const [drafts, setDrafts] = useState<Record<string, string | boolean>>({});
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [status, setStatus] = useState<'' | 'saving' | 'saved'>('');
	const [failure, setFailure] = useState('');

	const show = (answer: SettingsAnswer) => {
		setSettings(answer.settings);
		setDrafts(Object.fromEntries(answer.settings.map((setting) => [setting.key, draftOf(setting)])));
	};
	const path = `/api/plugins/${encodeURIComponent(plugin)}/settings`;
	useEffect(() => {
		setSettings(null);
		api<SettingsAnswer>(`${path}${guildId ? `?guildId=${guildId}` : ''}`)
			.then(show)
			.catch((error: Error) => setFailure(error.message));
	}, [plugin, guildId]);

	const send = async (body: { values?: Record<string, unknown>; reset?: string[] }) => {
		setStatus('saving');
		setFailure('');
		try {
			show(await api<SettingsAnswer>(path, { method: 'PUT', body: { ...body, ...(guildId ? { guildId } : {}), locale: lang.value } }));
			setErrors({});
			setStatus('saved');
		} catch (error) {
			setStatus('');
			const issues = error instanceof ApiError ? (error.body as { issues?: { key: string; message: string }[] } | undefined)?.issues : undefined;
			if (issues) setErrors(Object.fromEntries(issues.map((issue) => [issue.key.split('.')[0] ?? '', issue.message])));
			else setFailure((error as Error).message);
		}
	};

	const save = (event: Event) => {
		event.preventDefault();
		if (!settings) return;
		const values: Record<string, unknown> = {};
		const reset: string[] = [];
		const local: Record<string, string> = {};
		for (const setting of settings) {
			const draft = drafts[setting.key] ?? '';
			// Unchanged fields are not sent; a secret left empty keeps its value; a field emptied goes back to the level below.
			if (draft === draftOf(setting) || (setting.secret && draft === '')) continue;
			if (draft === '' && setting.source !== 'default') {
				reset.push(setting.key);
				continue;
			}
			try {
				values[setting.key] = valueOf(setting, draft);
			} catch {
				local[setting.key] = t('invalidJson');
			}
		}
		if (Object.keys(local).length > 0) {
			setErrors(local);
			return;
		}
		void send({ values, reset });
	};

	if (failure && !settings) return <p class="error">{failure}</p>;
	if (!settings) return <p>{t('loading')}</p>;
	if (settings.length === 0) return <p class="muted">{t('noSettings')}</p>;
	const id = (key: string) => `setting-${plugin}-${key}`;
	return (
		<form class="settings" onSubmit={save} noValidate>
			{settings.map((setting) => {
				const kind = kindOf(setting.schema);
				const draft = drafts[setting.key] ?? '';
				const set = (value: string | boolean) => {
					setDrafts({ ...drafts, [setting.key]: value });
					setStatus('');
				};
				const common = { id: id(setting.key), 'data-testid': id(setting.key), 'aria-invalid': errors[setting.key] ? true : undefined };
				const onText = (event: Event) => set((event.currentTarget as HTMLInputElement).value);
				return (
					<div class="setting">
						<label for={id(setting.key)}>
							<strong>{setting.key}</strong> <small class="muted">({t(`source_${setting.source}` as TextKey)})</small>
						</label>
						{setting.schema.description && <small class="muted">{setting.schema.description}</small>}
						{kind === 'boolean' ? (
							<input type="checkbox" {...common} checked={draft === true} onChange={(event) => set((event.currentTarget as HTMLInputElement).checked)} />
						) : kind === 'enum' ? (
							<select {...common} value={String(draft)} onChange={onText}>
								{!setting.required && <option value="" />}
								{setting.schema.enum!.map((choice) => (
									<option value={String(choice)}>{String(choice)}</option>
								))}
							</select>
						) : kind === 'json' ? (
							<textarea {...common} rows={4} value={String(draft)} onInput={onText} />
						) : setting.secret ? (
							<input {...common} type="password" autocomplete="off" placeholder={setting.value !== undefined ? t('secretSet') : undefined} value={String(draft)} onInput={onText} />
						) : (
							<input
								{...common}
								type="text"
								inputMode={kind === 'integer' || kind === 'number' ? 'decimal' : undefined}
								placeholder={kind === 'list' ? t('listHint') : undefined}
								value={String(draft)}
								onInput={onText}
							/>
						)}
						{errors[setting.key] && (
							<small class="error" role="alert" data-testid={`setting-error-${plugin}-${setting.key}`}>
								{errors[setting.key]}
							</small>
						)}
						{setting.source !== 'default' && (
							<button type="button" class="link" onClick={() => void send({ reset: [setting.key] })}>
								{t('resetSetting')}
							</button>
						)}
					</div>
				);
			})}
			{(failure || errors['']) && <p class="error">{failure || errors['']}</p>}
			<div class="settings-actions">
				<button type="submit" class="primary" disabled={status === 'saving'} data-testid={`save-${plugin}`}>
					{t('save')}
				</button>
				{status === 'saved' && (
					<span class="ok" role="status" data-testid={`saved-${plugin}`}>
						{t('saved')}
					</span>
				)}
			</div>
		</form>
	);
}
