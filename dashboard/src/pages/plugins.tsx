// Plugins: each plugin's state bot-wide or in one server (GET /api/plugins), switched through PUT /api/plugins/{name}, reloaded through POST /api/plugins/{name}/reload, and its settings form.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { lang, t, type TextKey } from '../i18n.ts';
import { LoadFailed } from './load-failed.tsx';
import { PluginSettings } from './plugin-settings.tsx';
import { useApi } from './use-api.ts';

interface PluginState {
	name: string;
	version?: string;
	description?: string;
	required: boolean;
	dependencies: string[];
	state: 'active' | 'off' | 'waiting' | 'failed' | 'skipped';
	error?: string;
	settings: boolean;
}

interface PluginList {
	plugins: PluginState[];
	servers: { id: string; name: string }[];
	/** False for an admin of only some of the bot's servers: they act per server. */
	botWide: boolean;
}

type ReloadOutcome = 'loaded' | 'reloaded' | 'unchanged' | 'refused' | 'failed' | 'waiting' | 'skipped' | 'removed';

/** What both PUT /api/plugins/{name} and POST /api/plugins/{name}/reload refuse alike: a plugin gone (404), a server out of the session's reach (403). */
function requestRefusal(plugin: string, failure: Error, guildId: string | undefined): string | undefined {
	if (!(failure instanceof ApiError)) return undefined;
	if (failure.status === 404) return t('pluginGone', { plugin });
	if (failure.status === 403) return guildId ? t('outOfReachServer') : t('outOfReachBot');
	return undefined;
}

/** A switch refused, from the 409's machine-readable `reason` (`required`, `dependencies` with the plugins off). */
function switchRefusal(plugin: string, failure: Error, guildId: string): string {
	const refusal = failure instanceof ApiError && failure.status === 409 ? (failure.body as { reason?: string; dependencies?: string[] }) : undefined;
	if (refusal?.reason === 'required') return t('switchRequired', { plugin });
	if (refusal?.reason === 'dependencies') return t('switchDependencies', { plugin, dependencies: (refusal.dependencies ?? []).join(', ') });
	return requestRefusal(plugin, failure, guildId || undefined) ?? t('switchFailed', { plugin });
}

export function PluginsPage() {
	const [guildId, setGuildId] = useState('');
	const language = lang.value;
	const list = useApi(() => api<PluginList>(`/api/plugins?locale=${language}${guildId ? `&guildId=${guildId}` : ''}`), [guildId, language]);
	const [busy, setBusy] = useState('');
	const [error, setError] = useState('');
	const [notice, setNotice] = useState('');
	const [open, setOpen] = useState('');
	const botWide = list.data?.botWide ?? true;
	useEffect(() => {
		if (!botWide && !guildId && list.data?.servers[0]) setGuildId(list.data.servers[0].id);
	}, [botWide, guildId, list.data]);
	const act = async (plugin: PluginState, action: () => Promise<void>, failed: (failure: Error) => string) => {
		setBusy(plugin.name);
		setError('');
		setNotice('');
		try {
			await action();
			list.reload();
		} catch (failure) {
			setError(failed(failure as Error));
		} finally {
			setBusy('');
		}
	};
	const flip = (plugin: PluginState) =>
		act(
			plugin,
			async () => {
				await api(`/api/plugins/${encodeURIComponent(plugin.name)}`, { method: 'PUT', body: { enabled: plugin.state === 'off', ...(guildId ? { guildId } : {}) } });
			},
			(failure) => switchRefusal(plugin.name, failure, guildId)
		);
	const reload = (plugin: PluginState) =>
		act(
			plugin,
			async () => {
				const { outcome } = await api<{ outcome: ReloadOutcome }>(`/api/plugins/${encodeURIComponent(plugin.name)}/reload`, { method: 'POST', body: {} });
				if (outcome === 'refused') setError(t('reloadRefused', { plugin: plugin.name }));
				else if (outcome === 'failed') setError(t('reloadBroken', { plugin: plugin.name }));
				else setNotice(t('reloadOutcome', { plugin: plugin.name, outcome: t(`outcome_${outcome}`) }));
			},
			(failure) => requestRefusal(plugin.name, failure, undefined) ?? t('reloadFailed', { plugin: plugin.name })
		);
	return (
		<>
			<h1>{t('plugins')}</h1>
			<p class="muted">{t('pluginsHelp')}</p>
			{list.data && list.data.servers.length > 0 && (
				<label class="scope">
					{t('pluginScope')}{' '}
					<select data-testid="plugin-scope" value={guildId} onChange={(event) => setGuildId((event.currentTarget as HTMLSelectElement).value)}>
						{botWide && <option value="">{t('scopeBot')}</option>}
						{list.data.servers.map((server) => (
							<option value={server.id}>{server.name}</option>
						))}
					</select>
				</label>
			)}
			{list.error && <LoadFailed message={t('pluginsFailed')} onRetry={list.reload} testId="plugins-failed" />}
			{error && (
				<p class="error" role="alert" data-testid="plugin-error">
					{error}
				</p>
			)}
			{notice && (
				<p role="status" data-testid="plugin-notice">
					{notice}
				</p>
			)}
			{!list.data && !list.error && <p>{t('loading')}</p>}
			<ul class="plugins">
				{list.data?.plugins.map((plugin) => (
					<li class="plugin" data-testid={`plugin-${plugin.name}`} data-state={plugin.state}>
						<div class="plugin-head">
							<strong>{plugin.name}</strong>
							<small>{plugin.version}</small>
							<span class={`badge ${plugin.state}`}>{t(`state_${plugin.state}` as TextKey)}</span>
						</div>
						{plugin.description && <p>{plugin.description}</p>}
						{plugin.dependencies.length > 0 && (
							<p class="muted">
								{t('dependsOn')} {plugin.dependencies.join(', ')}
							</p>
						)}
						{plugin.error && plugin.state !== 'active' && <p class="error">{plugin.error}</p>}
						<div class="plugin-actions">
							{plugin.required ? (
								<small class="muted">{t('required')}</small>
							) : (
								(plugin.state === 'active' || plugin.state === 'off') && (
									<button type="button" disabled={busy === plugin.name} onClick={() => flip(plugin)} data-testid={`switch-${plugin.name}`}>
										{plugin.state === 'off' ? t('switchOn') : t('switchOff')}
									</button>
								)
							)}
							{botWide && (
								<button type="button" disabled={busy === plugin.name} onClick={() => reload(plugin)} data-testid={`reload-${plugin.name}`}>
									{t('reload')}
								</button>
							)}
							{plugin.settings && (
								<button type="button" aria-expanded={open === plugin.name} onClick={() => setOpen(open === plugin.name ? '' : plugin.name)} data-testid={`settings-${plugin.name}`}>
									{open === plugin.name ? t('hideSettings') : t('settings')}
								</button>
							)}
						</div>
						{open === plugin.name && <PluginSettings plugin={plugin.name} guildId={guildId} />}
					</li>
				))}
			</ul>
		</>
	);
}
