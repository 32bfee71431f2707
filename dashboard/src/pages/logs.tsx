// Logs: the process's recent log lines (GET /api/logs?source=process), filtered by level and plugin, older pages on demand.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { intlLocale, t } from '../i18n.ts';
import { LoadFailed } from './load-failed.tsx';
import { OlderButton, usePages } from './paged-list.tsx';

interface Line {
	seq: number;
	time: string;
	level: string;
	plugin?: string;
	msg?: string;
	fields: Record<string, unknown>;
}
interface Page {
	lines: Line[];
	nextCursor?: number;
}

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function LogsPage() {
	const [level, setLevel] = useState('');
	const [plugin, setPlugin] = useState('');
	const lines = usePages<Line, HTMLOListElement>(async (before) => {
		const params = new URLSearchParams({ source: 'process', limit: '100' });
		if (level) params.set('level', level);
		if (plugin.trim()) params.set('plugin', plugin.trim());
		if (before !== undefined) params.set('before', String(before));
		const page = await api<Page>(`/api/logs?${params}`);
		return { rows: page.lines, nextCursor: page.nextCursor };
	}, [level, plugin]);
	return (
		<>
			<h1>{t('logs')}</h1>
			<form class="filters" onSubmit={(event) => event.preventDefault()}>
				<label>
					{t('level')}
					<select value={level} onChange={(event) => setLevel(event.currentTarget.value)} data-testid="log-level">
						<option value="">{t('all')}</option>
						{levels.map((name) => (
							<option value={name}>{name}</option>
						))}
					</select>
				</label>
				<label>
					{t('plugin')}
					<input value={plugin} onChange={(event) => setPlugin(event.currentTarget.value)} placeholder="tasks" data-testid="log-plugin" />
				</label>
				<button type="button" onClick={lines.reload}>
					{t('refresh')}
				</button>
			</form>
			{lines.error && <LoadFailed message={t('logsFailed')} onRetry={lines.reload} testId="log-failed" />}
			{lines.loaded && lines.rows.length === 0 && <p class="muted">{t('noLines')}</p>}
			<ol class="log-lines" ref={lines.list} data-testid="log-lines">
				{lines.rows.map((line) => (
					<li class={`log ${line.level}`}>
						<time dateTime={line.time}>{new Date(line.time).toLocaleTimeString(intlLocale())}</time> <span class="level">{line.level}</span>
						{line.plugin && <span class="tag">{line.plugin}</span>} <span class="msg">{line.msg}</span>
					</li>
				))}
			</ol>
			<OlderButton pages={lines} testId="log-older" />
		</>
	);
}
