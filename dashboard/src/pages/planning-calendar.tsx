// The planning's week or month (GET /api/planning?view=&day=), days in the server's time zone, and an entry added as /planifier does (POST /api/discord/planning).
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { dayInWords, intlLocale, lang, pageTexts } from '../i18n.ts';
import { LoadFailed, pluginIsOff } from './load-failed.tsx';
import { problemLines, type Member } from './members.ts';
import { useApi } from './use-api.ts';

const w = pageTexts(
	{
		planning: 'Planning',
		week: 'Semaine',
		month: 'Mois',
		previous_week: 'Semaine précédente',
		next_week: 'Semaine suivante',
		previous_month: 'Mois précédent',
		next_month: 'Mois suivant',
		today: 'Aujourd’hui',
		empty: 'Rien de prévu.',
		planningOff: 'Le plugin planning est éteint : le planning n’est pas lisible.',
		planningFailed: 'Le planning n’a pas pu être chargé.',
		allDay: 'journée',
		add: 'Ajouter au planning',
		member: 'Membre',
		type: 'Type',
		start: 'Début',
		end: 'Fin',
		timeHelp: 'lundi 8h, 25/12, 2026-12-25 08:00…',
		code: 'Chantier (code)',
		note: 'Note',
		force: 'Malgré un chevauchement',
		save: 'Ajouter',
		added: 'Entrée ajoutée au planning.',
		ty_chantier: 'Chantier',
		ty_conges: 'Congés',
		ty_formation: 'Formation',
		ty_reunion: 'Réunion',
		ty_autre: 'Autre'
	},
	{
		planning: 'Planning',
		week: 'Week',
		month: 'Month',
		previous_week: 'Previous week',
		next_week: 'Next week',
		previous_month: 'Previous month',
		next_month: 'Next month',
		today: 'Today',
		empty: 'Nothing planned.',
		planningOff: 'The planning plugin is off: the planning cannot be read.',
		planningFailed: 'The planning could not be loaded.',
		allDay: 'all day',
		add: 'Add to the planning',
		member: 'Member',
		type: 'Type',
		start: 'Start',
		end: 'End',
		timeHelp: 'monday 8am, 25/12, 2026-12-25 08:00…',
		code: 'Chantier (code)',
		note: 'Note',
		force: 'Even if it overlaps',
		save: 'Add',
		added: 'Entry added to the planning.',
		ty_chantier: 'Site',
		ty_conges: 'Leave',
		ty_formation: 'Training',
		ty_reunion: 'Meeting',
		ty_autre: 'Other'
	}
);

interface Entry {
	id: string;
	memberId: string;
	memberName: string | null;
	type: 'chantier' | 'conges' | 'formation' | 'reunion' | 'autre';
	status: string;
	startsAt: string;
	endsAt: string;
	allDay: boolean;
	chantier: string | null;
	note: string | null;
}
interface Period {
	from: string;
	to: string;
	timeZone: string;
	entries: Entry[];
}

const addDays = (day: string, days: number) => {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
};
const addMonths = (day: string, months: number) => {
	const date = new Date(`${day.slice(0, 8)}01T00:00:00Z`);
	date.setUTCMonth(date.getUTCMonth() + months);
	return date.toISOString().slice(0, 10);
};
const todayHere = () => new Date().toLocaleDateString('en-CA');

/** The days `from`..`to` (exclusive instant) as `YYYY-MM-DD` in the time zone, and each entry's days. */
function dayGrid(period: Period) {
	const format = new Intl.DateTimeFormat('en-CA', { timeZone: period.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
	const dayOf = (instant: string, offsetMs = 0) => format.format(new Date(new Date(instant).getTime() + offsetMs));
	const days: string[] = [];
	for (let day = dayOf(period.from), last = dayOf(period.to, -1); day <= last; day = addDays(day, 1)) days.push(day);
	const byDay = new Map<string, Entry[]>(days.map((day) => [day, []]));
	for (const entry of period.entries) {
		for (let day = dayOf(entry.startsAt), last = dayOf(entry.endsAt, -1); day <= last; day = addDays(day, 1)) byDay.get(day)?.push(entry);
	}
	return { days, byDay };
}

const types = ['chantier', 'conges', 'formation', 'reunion', 'autre'] as const;

function AddEntry({ members, onAdded }: { members: Member[]; onAdded: () => void }) {
	const empty = { member: '', type: 'chantier', start: '', end: '', chantier: '', note: '' };
	const [fields, setFields] = useState(empty);
	const [force, setForce] = useState(false);
	const [problems, setProblems] = useState<string[]>([]);
	const [busy, setBusy] = useState(false);
	const set = (name: keyof typeof empty) => (event: { currentTarget: { value: string } }) => setFields({ ...fields, [name]: event.currentTarget.value });
	const submit = async (event: Event) => {
		event.preventDefault();
		setBusy(true);
		setProblems([]);
		try {
			const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, value.trim()]));
			await api('/api/discord/planning', { method: 'POST', body: { ...body, locale: lang.value, ...(force ? { force: true } : {}) } });
			setFields(empty);
			setForce(false);
			onAdded();
		} catch (failure) {
			setProblems(problemLines(failure));
		} finally {
			setBusy(false);
		}
	};
	return (
		<form class="panel form-grid" onSubmit={submit} data-testid="planning-form">
			<h3>{w('add')}</h3>
			<label>
				{w('member')}
				<select required value={fields.member} onChange={set('member')} data-testid="planning-member">
					<option value="" />
					{members.map((member) => (
						<option value={member.id}>{member.displayName}</option>
					))}
				</select>
			</label>
			<label>
				{w('type')}
				<select value={fields.type} onChange={set('type')} data-testid="planning-type">
					{types.map((type) => (
						<option value={type}>{w(`ty_${type}`)}</option>
					))}
				</select>
			</label>
			<label>
				{w('start')}
				<input required placeholder={w('timeHelp')} value={fields.start} onInput={set('start')} data-testid="planning-start" />
			</label>
			<label>
				{w('end')}
				<input required placeholder={w('timeHelp')} value={fields.end} onInput={set('end')} data-testid="planning-end" />
			</label>
			<label>
				{w('code')}
				<input value={fields.chantier} onInput={set('chantier')} />
			</label>
			<label>
				{w('note')}
				<input maxLength={500} value={fields.note} onInput={set('note')} data-testid="planning-note" />
			</label>
			<label class="check">
				<input type="checkbox" checked={force} onChange={(event) => setForce(event.currentTarget.checked)} data-testid="planning-force" />
				{w('force')}
			</label>
			<button type="submit" class="primary" disabled={busy} data-testid="planning-add">
				{w('save')}
			</button>
			{problems.length > 0 && (
				<ul class="error" data-testid="planning-problems">
					{problems.map((problem) => (
						<li>{problem}</li>
					))}
				</ul>
			)}
		</form>
	);
}

export function PlanningCalendar({ members }: { members: Member[] }) {
	const [view, setView] = useState<'week' | 'month'>('week');
	const [day, setDay] = useState(todayHere());
	const [notice, setNotice] = useState('');
	const period = useApi(() => api<Period>(`/api/planning?view=${view}&day=${day}`), [view, day]);
	const locale = intlLocale();
	const nameOf = (entry: Entry) => entry.memberName ?? members.find((member) => member.id === entry.memberId)?.displayName ?? entry.memberId;
	const time = (instant: string, timeZone: string) => new Date(instant).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone });
	const shift = (direction: number) => setDay(view === 'week' ? addDays(day, 7 * direction) : addMonths(day, direction));
	const grid = period.data ? dayGrid(period.data) : undefined;
	return (
		<section aria-labelledby="planning-title" data-testid="planning">
			<h2 id="planning-title">{w('planning')}</h2>
			<AddEntry
				members={members}
				onAdded={() => {
					setNotice(w('added'));
					period.reload();
				}}
			/>
			{notice && (
				<p class="notice" role="status" data-testid="planning-notice">
					{notice}
				</p>
			)}
			<div class="filters">
				<div class="segmented" role="group">
					{(['week', 'month'] as const).map((choice) => (
						<button type="button" class={choice === view ? 'primary' : ''} aria-pressed={choice === view} data-testid={`view-${choice}`} onClick={() => setView(choice)}>
							{w(choice)}
						</button>
					))}
				</div>
				<div class="segmented" role="group">
					<button type="button" onClick={() => shift(-1)} aria-label={w(`previous_${view}`)}>
						‹
					</button>
					<button type="button" onClick={() => setDay(todayHere())}>
						{w('today')}
					</button>
					<button type="button" onClick={() => shift(1)} aria-label={w(`next_${view}`)}>
						›
					</button>
				</div>
			</div>
			{period.error && <LoadFailed message={pluginIsOff(period.error) ? w('planningOff') : w('planningFailed')} onRetry={period.reload} testId="planning-failed" />}
			{period.data && grid && view === 'week' && (
				<ol class="week" data-testid="calendar-week">
					{grid.days.map((key) => (
						<li class="week-day">
							<h3>{dayInWords(key, { weekday: 'long', day: 'numeric', month: 'short' })}</h3>
							{grid.byDay.get(key)!.length === 0 ? (
								<p class="muted">{w('empty')}</p>
							) : (
								<ul class="entries">
									{grid.byDay.get(key)!.map((entry) => (
										<li class={`entry ${entry.type} ${entry.status}`} data-testid="calendar-entry">
											<strong>{nameOf(entry)}</strong> · {w(`ty_${entry.type}`)}
											{entry.chantier && ` ${entry.chantier}`} · {entry.allDay ? w('allDay') : `${time(entry.startsAt, period.data!.timeZone)}–${time(entry.endsAt, period.data!.timeZone)}`}
											{entry.note && <small> — {entry.note}</small>}
										</li>
									))}
								</ul>
							)}
						</li>
					))}
				</ol>
			)}
			{period.data && grid && view === 'month' && (
				<div class="month" data-testid="calendar-month">
					<p class="meta">{dayInWords(grid.days[0]!, { month: 'long', year: 'numeric' })}</p>
					<div class="month-grid">
						{Array.from({ length: (new Date(`${grid.days[0]}T00:00:00Z`).getUTCDay() + 6) % 7 }, () => (
							<span class="month-cell blank" />
						))}
						{grid.days.map((key) => {
							const entries = grid.byDay.get(key)!;
							return (
								<span class={`month-cell ${entries.length > 0 ? 'busy' : ''}`} title={entries.map((entry) => `${nameOf(entry)} · ${w(`ty_${entry.type}`)}`).join('\n')}>
									<b>{Number(key.slice(8))}</b>
									{entries.slice(0, 3).map((entry) => (
										<i class={`chip ${entry.type}`} data-testid="calendar-entry">
											{nameOf(entry)}
										</i>
									))}
									{entries.length > 3 && <small>+{entries.length - 3}</small>}
								</span>
							);
						})}
					</div>
				</div>
			)}
		</section>
	);
}
