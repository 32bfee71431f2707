// The Overview's activity charts: messages (GET /api/stats/messages) and tasks (GET /api/stats/tasks) per day and per member, over 7, 30 or 90 days.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { DayChart, MemberBars } from '../charts.tsx';
import { pageTexts } from '../i18n.ts';
import { useApi } from './use-api.ts';

const w = pageTexts(
	{
		activity: 'Activité',
		period: 'Période',
		days: '{days} j',
		messagesPerDay: 'Messages par jour',
		messagesPerMember: 'Messages par membre',
		tasksPerDay: 'Tâches par jour',
		tasksPerMember: 'Tâches terminées par membre',
		created: 'Créées',
		done: 'Terminées',
		messages: 'Messages',
		nobody: 'Personne sur la période.',
		messagesUnavailable: 'Messages indisponibles (plugin monitoring éteint ?)',
		tasksUnavailable: 'Tâches indisponibles (plugin tasks éteint ?)'
	},
	{
		activity: 'Activity',
		period: 'Period',
		days: '{days} d',
		messagesPerDay: 'Messages per day',
		messagesPerMember: 'Messages per member',
		tasksPerDay: 'Tasks per day',
		tasksPerMember: 'Tasks completed per member',
		created: 'Created',
		done: 'Done',
		messages: 'Messages',
		nobody: 'Nobody in this period.',
		messagesUnavailable: 'Messages unavailable (monitoring plugin off?)',
		tasksUnavailable: 'Tasks unavailable (tasks plugin off?)'
	}
);

interface MessageSeries {
	perDay: { day: string; messages: number }[];
	perMember: { userId: string; name: string | null; messages: number }[];
}
interface TaskSeries {
	perDay: { day: string; created: number; done: number }[];
	perMember: { userId: string; name: string | null; done: number }[];
}

const periods = ['7', '30', '90'] as const;

export function ActivityCharts() {
	const [days, setDays] = useState<(typeof periods)[number]>('30');
	const messages = useApi(() => api<MessageSeries>(`/api/stats/messages?days=${days}`), [days]);
	const tasks = useApi(() => api<TaskSeries>(`/api/stats/tasks?days=${days}`), [days]);
	return (
		<section aria-labelledby="activity-title">
			<h2 id="activity-title">{w('activity')}</h2>
			<div class="segmented" role="group" aria-label={w('period')}>
				{periods.map((period) => (
					<button type="button" class={period === days ? 'primary' : ''} aria-pressed={period === days} data-testid={`period-${period}`} onClick={() => setDays(period)}>
						{w('days', { days: period })}
					</button>
				))}
			</div>
			<div class="charts">
				{messages.error && <p class="muted">{w('messagesUnavailable')}</p>}
				{messages.data && (
					<>
						<DayChart
							testId="chart-messages-day"
							title={w('messagesPerDay')}
							days={messages.data.perDay.map((row) => row.day)}
							series={[{ label: w('messages'), color: 'var(--accent)', values: messages.data.perDay.map((row) => row.messages) }]}
						/>
						<MemberBars testId="chart-messages-member" title={w('messagesPerMember')} empty={w('nobody')} rows={messages.data.perMember.map((row) => ({ name: row.name ?? row.userId, value: row.messages }))} />
					</>
				)}
				{tasks.error && <p class="muted">{w('tasksUnavailable')}</p>}
				{tasks.data && (
					<>
						<DayChart
							testId="chart-tasks-day"
							title={w('tasksPerDay')}
							days={tasks.data.perDay.map((row) => row.day)}
							series={[
								{ label: w('created'), color: 'var(--accent)', values: tasks.data.perDay.map((row) => row.created) },
								{ label: w('done'), color: 'var(--ok)', values: tasks.data.perDay.map((row) => row.done) }
							]}
						/>
						<MemberBars testId="chart-tasks-member" title={w('tasksPerMember')} empty={w('nobody')} rows={tasks.data.perMember.map((row) => ({ name: row.name ?? row.userId, value: row.done }))} />
					</>
				)}
			</div>
		</section>
	);
}
