// The Overview's activity charts: messages (GET /api/stats/messages) and tasks (GET /api/stats/tasks) per day and per member, over 7, 30 or 90 days.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { DayChart, MemberBars } from '../charts.tsx';
import { pageTexts } from '../i18n.ts';
import { LoadFailed, pluginIsOff } from './load-failed.tsx';
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
		messagesOff: 'Le plugin monitoring est éteint : les messages ne sont pas comptés.',
		messagesFailed: 'Les messages n’ont pas pu être chargés.',
		tasksOff: 'Le plugin tasks est éteint : les tâches ne sont pas comptées.',
		tasksFailed: 'Les tâches n’ont pas pu être chargées.'
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
		messagesOff: 'The monitoring plugin is off: the messages are not counted.',
		messagesFailed: 'The messages could not be loaded.',
		tasksOff: 'The tasks plugin is off: the tasks are not counted.',
		tasksFailed: 'The tasks could not be loaded.'
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
				{messages.error && <LoadFailed message={pluginIsOff(messages.error) ? w('messagesOff') : w('messagesFailed')} onRetry={messages.reload} testId="messages-failed" />}
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
				{tasks.error && <LoadFailed message={pluginIsOff(tasks.error) ? w('tasksOff') : w('tasksFailed')} onRetry={tasks.reload} testId="task-series-failed" />}
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
