// Tasks and planning: the task table (GET /api/tasks, keyset pages), a task created (POST /api/tasks, the checks of /tache)
// or closed (POST /api/tasks/{id}/done, as /done) from the page, and the planning's week or month (GET /api/planning).
import { useState } from 'preact/hooks';
import { api, type Session } from '../api.ts';
import { intlLocale, lang, pageTexts } from '../i18n.ts';
import { LoadFailed } from './load-failed.tsx';
import { problemLines, useMembers, type Member } from './members.ts';
import { PlanningCalendar } from './planning-calendar.tsx';
import { useApi } from './use-api.ts';

const w = pageTexts(
	{
		title: 'Tâches et planning',
		tasks: 'Tâches',
		status: 'Statut',
		assignee: 'Assigné à',
		anyone: 'Tout le monde',
		nobody: 'Personne',
		search: 'Recherche',
		searchPlaceholder: 'Mots du titre',
		filter: 'Filtrer',
		code: 'Code',
		task: 'Tâche',
		priority: 'Priorité',
		due: 'Échéance',
		actions: 'Actions',
		markDone: 'Terminée',
		none: 'Aucune tâche.',
		listFailed: 'Les tâches n’ont pas pu être chargées.',
		total: '{total} tâche(s)',
		totalCapped: 'Plus de {total} tâches',
		previous: 'Précédentes',
		next: 'Suivantes',
		create: 'Nouvelle tâche',
		titleField: 'Titre',
		dueHelp: 'demain, 25/12, 2026-12-25…',
		add: 'Créer',
		created: 'Tâche #{code} créée.',
		done: 'Tâche #{code} terminée.',
		st_ouvertes: 'Ouvertes',
		st_a_faire: 'À faire',
		st_en_cours: 'En cours',
		st_en_attente: 'En attente',
		st_terminee: 'Terminée',
		st_annulee: 'Annulée',
		st_toutes: 'Toutes',
		pr_basse: 'Basse',
		pr_normale: 'Normale',
		pr_haute: 'Haute',
		pr_urgente: 'Urgente'
	},
	{
		title: 'Tasks and planning',
		tasks: 'Tasks',
		status: 'Status',
		assignee: 'Assigned to',
		anyone: 'Anyone',
		nobody: 'Nobody',
		search: 'Search',
		searchPlaceholder: 'Words of the title',
		filter: 'Filter',
		code: 'Code',
		task: 'Task',
		priority: 'Priority',
		due: 'Due',
		actions: 'Actions',
		markDone: 'Done',
		none: 'No task.',
		listFailed: 'The tasks could not be loaded.',
		total: '{total} task(s)',
		totalCapped: 'More than {total} tasks',
		previous: 'Previous',
		next: 'Next',
		create: 'New task',
		titleField: 'Title',
		dueHelp: 'tomorrow, 25/12, 2026-12-25…',
		add: 'Create',
		created: 'Task #{code} created.',
		done: 'Task #{code} done.',
		st_ouvertes: 'Open',
		st_a_faire: 'To do',
		st_en_cours: 'In progress',
		st_en_attente: 'Waiting',
		st_terminee: 'Done',
		st_annulee: 'Cancelled',
		st_toutes: 'All',
		pr_basse: 'Low',
		pr_normale: 'Normal',
		pr_haute: 'High',
		pr_urgente: 'Urgent'
	}
);

interface Task {
	id: string;
	code: string;
	title: string;
	status: string;
	priority: string;
	dueDate: string | null;
	assigneeId: string | null;
}
interface TaskPage {
	total: number;
	totalCapped: boolean;
	next?: string;
	tasks: Task[];
}
const statusChoices = ['ouvertes', 'a_faire', 'en_cours', 'en_attente', 'terminee', 'annulee', 'toutes'] as const;
const priorities = ['basse', 'normale', 'haute', 'urgente'] as const;
const openStatuses = ['a_faire', 'en_cours', 'en_attente'];

function CreateTask({ members, onCreated }: { members: Member[]; onCreated: (task: Task) => void }) {
	const [title, setTitle] = useState('');
	const [assignee, setAssignee] = useState('');
	const [due, setDue] = useState('');
	const [priority, setPriority] = useState('normale');
	const [problems, setProblems] = useState<string[]>([]);
	const [busy, setBusy] = useState(false);
	const submit = async (event: Event) => {
		event.preventDefault();
		setBusy(true);
		setProblems([]);
		try {
			const session = await api<Session>('/api/session');
			const { task } = await api<{ task: Task }>('/api/tasks', {
				method: 'POST',
				body: { title, priority, creatorId: session.user.id, locale: lang.value, ...(assignee ? { assigneeId: assignee } : {}), ...(due.trim() ? { due: due.trim() } : {}) }
			});
			setTitle('');
			setDue('');
			onCreated(task);
		} catch (failure) {
			setProblems(problemLines(failure));
		} finally {
			setBusy(false);
		}
	};
	return (
		<form class="panel form-grid" onSubmit={submit} data-testid="task-form">
			<h2>{w('create')}</h2>
			<label>
				{w('titleField')}
				<input name="title" required maxLength={200} value={title} onInput={(event) => setTitle(event.currentTarget.value)} data-testid="task-title" />
			</label>
			<label>
				{w('assignee')}
				<select value={assignee} onChange={(event) => setAssignee(event.currentTarget.value)} data-testid="task-assignee">
					<option value="">{w('nobody')}</option>
					{members.map((member) => (
						<option value={member.id}>{member.displayName}</option>
					))}
				</select>
			</label>
			<label>
				{w('due')}
				<input name="due" placeholder={w('dueHelp')} value={due} onInput={(event) => setDue(event.currentTarget.value)} data-testid="task-due" />
			</label>
			<label>
				{w('priority')}
				<select value={priority} onChange={(event) => setPriority(event.currentTarget.value)}>
					{priorities.map((value) => (
						<option value={value}>{w(`pr_${value}`)}</option>
					))}
				</select>
			</label>
			<button type="submit" class="primary" disabled={busy} data-testid="task-create">
				{w('add')}
			</button>
			{problems.length > 0 && (
				<ul class="error" data-testid="task-problems">
					{problems.map((problem) => (
						<li>{problem}</li>
					))}
				</ul>
			)}
		</form>
	);
}

export function TasksPage() {
	const members = useMembers();
	const [status, setStatus] = useState<string>('ouvertes');
	const [assignee, setAssignee] = useState('');
	const [typed, setTyped] = useState('');
	const [search, setSearch] = useState('');
	/** Cursors of the pages before this one (keyset: `after` of each), to come back. */
	const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
	const [notice, setNotice] = useState('');
	const after = cursors.at(-1);
	const page = useApi(() => {
		const params = new URLSearchParams({ status, limit: '20' });
		if (assignee) params.set('assignee', assignee);
		if (search) params.set('search', search);
		if (after) params.set('after', after);
		return api<TaskPage>(`/api/tasks?${params}`);
	}, [status, assignee, search, after]);
	const restart = () => setCursors([undefined]);
	const nameOf = (id: string | null) => (id ? (members.find((member) => member.id === id)?.displayName ?? id) : '—');
	const markDone = async (task: Task) => {
		try {
			await api(`/api/tasks/${task.id}/done`, { method: 'POST', body: {} });
			setNotice(w('done', { code: task.code }));
			page.reload();
		} catch (failure) {
			setNotice(problemLines(failure).join(' '));
		}
	};
	const dueText = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`).toLocaleDateString(intlLocale(), { timeZone: 'UTC' }) : '—');
	return (
		<>
			<h1>{w('title')}</h1>
			<CreateTask
				members={members}
				onCreated={(task) => {
					setNotice(w('created', { code: task.code }));
					restart();
					page.reload();
				}}
			/>
			{notice && (
				<p class="notice" role="status" data-testid="task-notice">
					{notice}
				</p>
			)}
			<section aria-labelledby="tasks-title">
				<h2 id="tasks-title">{w('tasks')}</h2>
				<form
					class="filters"
					onSubmit={(event) => {
						event.preventDefault();
						setSearch(typed.trim());
						restart();
					}}
				>
					<label>
						{w('status')}
						<select
							value={status}
							data-testid="filter-status"
							onChange={(event) => {
								setStatus(event.currentTarget.value);
								restart();
							}}
						>
							{statusChoices.map((choice) => (
								<option value={choice}>{w(`st_${choice}`)}</option>
							))}
						</select>
					</label>
					<label>
						{w('assignee')}
						<select
							value={assignee}
							data-testid="filter-assignee"
							onChange={(event) => {
								setAssignee(event.currentTarget.value);
								restart();
							}}
						>
							<option value="">{w('anyone')}</option>
							{members.map((member) => (
								<option value={member.id}>{member.displayName}</option>
							))}
						</select>
					</label>
					<label>
						{w('search')}
						<input type="search" placeholder={w('searchPlaceholder')} value={typed} onInput={(event) => setTyped(event.currentTarget.value)} data-testid="filter-search" />
					</label>
					<button type="submit">{w('filter')}</button>
				</form>
				{page.error && <LoadFailed message={w('listFailed')} onRetry={page.reload} testId="task-list-failed" />}
				{page.data && (
					<>
						<p class="meta" data-testid="task-total">
							{page.data.totalCapped ? w('totalCapped', { total: page.data.total }) : w('total', { total: page.data.total })}
						</p>
						{page.data.tasks.length === 0 ? (
							<p class="muted">{w('none')}</p>
						) : (
							<table class="list" data-testid="task-table">
								<thead>
									<tr>
										<th>{w('code')}</th>
										<th>{w('task')}</th>
										<th>{w('status')}</th>
										<th>{w('priority')}</th>
										<th>{w('due')}</th>
										<th>{w('assignee')}</th>
										<th>{w('actions')}</th>
									</tr>
								</thead>
								<tbody>
									{page.data.tasks.map((task) => (
										<tr data-testid={`task-${task.code}`}>
											<td data-label={w('code')}>#{task.code}</td>
											<td data-label={w('task')} class="task-title">
												{task.title}
											</td>
											<td data-label={w('status')}>{w(`st_${task.status as (typeof statusChoices)[number]}`)}</td>
											<td data-label={w('priority')}>{w(`pr_${task.priority as (typeof priorities)[number]}`)}</td>
											<td data-label={w('due')}>{dueText(task.dueDate)}</td>
											<td data-label={w('assignee')}>{nameOf(task.assigneeId)}</td>
											<td data-label={w('actions')}>
												{openStatuses.includes(task.status) && (
													<button type="button" onClick={() => markDone(task)} data-testid={`done-${task.code}`}>
														{w('markDone')}
													</button>
												)}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						)}
						<div class="pager">
							<button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
								{w('previous')}
							</button>
							<button type="button" disabled={!page.data.next} data-testid="task-next" onClick={() => setCursors((list) => [...list, page.data!.next])}>
								{w('next')}
							</button>
						</div>
					</>
				)}
			</section>
			<PlanningCalendar members={members} />
		</>
	);
}
