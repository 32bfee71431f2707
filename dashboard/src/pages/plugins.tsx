// Plugins: each plugin's bot-wide state (GET /api/plugins), switched on or off through PUT /api/plugins/{name}.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { t, type TextKey } from '../i18n.ts';
import { useApi } from './use-api.ts';

interface PluginState {
	name: string;
	version?: string;
	description?: string;
	required: boolean;
	dependencies: string[];
	state: 'active' | 'off' | 'waiting' | 'failed' | 'skipped';
	error?: string;
}

export function PluginsPage() {
	const list = useApi(() => api<{ plugins: PluginState[] }>('/api/plugins'));
	const [busy, setBusy] = useState('');
	const [error, setError] = useState('');
	const flip = async (plugin: PluginState) => {
		setBusy(plugin.name);
		setError('');
		try {
			await api(`/api/plugins/${encodeURIComponent(plugin.name)}`, { method: 'PUT', body: { enabled: plugin.state === 'off' } });
			list.reload();
		} catch (failure) {
			setError(`${plugin.name}: ${(failure as Error).message}`);
		} finally {
			setBusy('');
		}
	};
	return (
		<>
			<h1>{t('plugins')}</h1>
			<p class="muted">{t('pluginsHelp')}</p>
			{(error || list.error) && (
				<p class="error" role="alert">
					{error || list.error}
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
						{plugin.required ? (
							<small class="muted">{t('required')}</small>
						) : (
							(plugin.state === 'active' || plugin.state === 'off') && (
								<button type="button" disabled={busy === plugin.name} onClick={() => flip(plugin)} data-testid={`switch-${plugin.name}`}>
									{plugin.state === 'off' ? t('switchOn') : t('switchOff')}
								</button>
							)
						)}
					</li>
				))}
			</ul>
		</>
	);
}
