// Overview: the bot's health (GET /api/health/detailed), the totals (GET /api/stats) and the activity charts.
import { api } from '../api.ts';
import { duration, t, type TextKey } from '../i18n.ts';
import { ActivityCharts } from './activity.tsx';
import { LoadFailed, pluginIsOff } from './load-failed.tsx';
import { useApi } from './use-api.ts';

interface Report {
	ok: boolean;
	roundTripMs?: number;
	[detail: string]: unknown;
}
interface Health {
	status: 'ok' | 'degraded';
	failing: string[];
	version: string;
	uptimeSeconds: number;
	gateway: Report;
	database: Report;
	cache: Report;
	queue: Report;
}
type Stats = Record<string, number>;

const components = ['gateway', 'database', 'cache', 'queue'] as const;
const totals: TextKey[] = ['messagesTotal', 'messagesLast24h', 'activeMembers7d', 'openTasks', 'overdueTasks', 'doneTasks', 'activeChantiers', 'planningToday', 'moderationCases30d'];

export function OverviewPage() {
	const health = useApi(() => api<Health>('/api/health/detailed', { accept: [503] }));
	const stats = useApi(() => api<Stats>('/api/stats'));
	return (
		<>
			<h1>{t('overview')}</h1>
			<section aria-labelledby="health-title">
				<h2 id="health-title">{t('health')}</h2>
				{health.error && <LoadFailed message={t('healthFailed')} onRetry={health.reload} testId="health-failed" />}
				{!health.data && !health.error && <p>{t('loading')}</p>}
				{health.data && (
					<>
						<p class={`status ${health.data.status}`} data-testid="health-status">
							{health.data.status === 'ok' ? t('healthOk') : t('healthDegraded', { failing: health.data.failing.join(', ') })}
						</p>
						<ul class="cards">
							{components.map((name) => {
								const report = health.data![name];
								return (
									<li class={`card ${report.ok ? 'ok' : 'down'}`} data-testid={`health-${name}`}>
										<span class="label">{t(name)}</span>
										<strong>{report.ok ? t('ok') : t('down')}</strong>
										{typeof report.roundTripMs === 'number' && <small>{report.roundTripMs} ms</small>}
									</li>
								);
							})}
						</ul>
						<p class="meta">
							{t('version')} {health.data.version} · {t('uptime')} {duration(health.data.uptimeSeconds)}
						</p>
					</>
				)}
			</section>
			<section aria-labelledby="totals-title">
				<h2 id="totals-title">{t('totals')}</h2>
				{stats.error && <LoadFailed message={pluginIsOff(stats.error) ? t('statsOff') : t('statsFailed')} onRetry={stats.reload} testId="stats-failed" />}
				{stats.data && (
					<ul class="cards">
						{totals.map((key) => (
							<li class="card" data-testid={`total-${key}`}>
								<span class="label">{t(key)}</span>
								<strong>{stats.data![key] ?? '—'}</strong>
							</li>
						))}
					</ul>
				)}
			</section>
			<ActivityCharts />
		</>
	);
}
