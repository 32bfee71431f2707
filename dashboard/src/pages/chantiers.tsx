// Chantiers: the list with each one's lifecycle state (GET /api/chantiers), a chantier created (POST /api/chantiers, as
// /creerchantier) and archived after the command's question (GET then POST /api/chantiers/{code}/archive, as /archiverchantier).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { dayInWords, lang, pageTexts } from '../i18n.ts';
import { LoadFailed } from './load-failed.tsx';
import { problemLines } from './members.ts';
import { useApi } from './use-api.ts';

const w = pageTexts(
	{
		title: 'Chantiers',
		status: 'État',
		all: 'Tous',
		s_actif: 'Actif',
		s_en_pause: 'En pause',
		s_termine: 'Terminé',
		s_archive: 'Archivé',
		none: 'Aucun chantier.',
		listFailed: 'La liste des chantiers n’a pas pu être chargée.',
		total: '{total} chantier(s)',
		client: 'Client',
		dates: 'Dates',
		create: 'Nouveau chantier',
		createHelp: 'Crée la catégorie et les salons du modèle du serveur, comme /creerchantier.',
		code: 'Code',
		name: 'Nom',
		address: 'Adresse',
		start: 'Début',
		end: 'Fin',
		add: 'Créer',
		created: 'Chantier {code} créé : {channels}.',
		archive: 'Archiver',
		question: 'Archiver {code} ?',
		questionBody: 'La catégorie « {category} » devient « {archived} », déplacée en bas ; {count} salon(s) passent en lecture seule.',
		questionNoCategory: 'Sa catégorie Discord est introuvable : seul l’état du chantier change.',
		confirm: 'Confirmer l’archivage',
		cancel: 'Annuler',
		archived: 'Chantier {code} archivé.',
		gone: 'Le chantier {code} n’existe plus.',
		alreadyArchived: 'Le chantier {code} est déjà archivé.',
		archiveFailed: 'L’archivage de {code} n’a pas abouti : réessayez.',
		previous: 'Précédents',
		next: 'Suivants'
	},
	{
		title: 'Chantiers',
		status: 'State',
		all: 'All',
		s_actif: 'Active',
		s_en_pause: 'Paused',
		s_termine: 'Finished',
		s_archive: 'Archived',
		none: 'No chantier.',
		listFailed: 'The chantiers could not be loaded.',
		total: '{total} chantier(s)',
		client: 'Client',
		dates: 'Dates',
		create: 'New chantier',
		createHelp: 'Creates the category and channels of the server’s template, as /newsite.',
		code: 'Code',
		name: 'Name',
		address: 'Address',
		start: 'Start',
		end: 'End',
		add: 'Create',
		created: 'Chantier {code} created: {channels}.',
		archive: 'Archive',
		question: 'Archive {code}?',
		questionBody: 'The category “{category}” becomes “{archived}”, moved to the bottom; {count} channel(s) become read-only.',
		questionNoCategory: 'Its Discord category is gone: only the chantier’s state changes.',
		confirm: 'Confirm the archive',
		cancel: 'Cancel',
		archived: 'Chantier {code} archived.',
		gone: 'Chantier {code} no longer exists.',
		alreadyArchived: 'Chantier {code} is already archived.',
		archiveFailed: 'Archiving {code} did not go through: try again.',
		previous: 'Previous',
		next: 'Next'
	}
);

type State = 'actif' | 'en_pause' | 'termine' | 'archive';
interface Chantier {
	id: string;
	code: string;
	name: string;
	status: State;
	client: string | null;
	startsOn: string | null;
	endsOn: string | null;
}
interface Question {
	chantier: Chantier;
	category: string | null;
	archivedName: string;
	channels: number;
	alreadyArchived: boolean;
}
/** What the last action did, or why it did not. */
interface Notice {
	text: string;
	failed: boolean;
}

/** Why asking or archiving failed, in the page's words: the API says « not found » and « already archived » in English. */
function archiveFailure(code: string, failure: unknown): Notice {
	const status = failure instanceof ApiError ? failure.status : undefined;
	if (status === 404) return { text: w('gone', { code }), failed: true };
	if (status === 409) return { text: w('alreadyArchived', { code }), failed: true };
	// Discord refused a step: the command's own words say which, in the page's language.
	if (status === 502) return { text: problemLines(failure).join(' '), failed: true };
	return { text: w('archiveFailed', { code }), failed: true };
}

const states: State[] = ['actif', 'en_pause', 'termine', 'archive'];
const pageSize = 20;

/** A chantier's start or end day in words in the page's language (« 1er décembre 2026 »), `…` when not set. */
const day = (iso: string | null) => (iso ? <time dateTime={iso}>{dayInWords(iso, { day: 'numeric', month: 'long', year: 'numeric' })}</time> : '…');

function CreateChantier({ onCreated }: { onCreated: (message: string) => void }) {
	const empty = { code: '', name: '', client: '', address: '', startsOn: '', endsOn: '' };
	const [fields, setFields] = useState(empty);
	const [problems, setProblems] = useState<string[]>([]);
	const [busy, setBusy] = useState(false);
	const field = (name: keyof typeof empty, label: string, required = false) => (
		<label>
			{label}
			<input name={name} required={required} value={fields[name]} data-testid={`chantier-${name}`} onInput={(event) => setFields({ ...fields, [name]: event.currentTarget.value })} />
		</label>
	);
	const submit = async (event: Event) => {
		event.preventDefault();
		setBusy(true);
		setProblems([]);
		try {
			const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, value.trim()]));
			const answer = await api<{ chantier: Chantier; channels: { name: string }[] }>('/api/chantiers', { method: 'POST', body: { ...body, locale: lang.value } });
			setFields(empty);
			onCreated(w('created', { code: answer.chantier.code, channels: answer.channels.map((channel) => `#${channel.name}`).join(', ') }));
		} catch (failure) {
			setProblems(problemLines(failure));
		} finally {
			setBusy(false);
		}
	};
	return (
		<form class="panel form-grid" onSubmit={submit} data-testid="chantier-form">
			<h2>{w('create')}</h2>
			<p class="muted">{w('createHelp')}</p>
			{field('code', w('code'), true)}
			{field('name', w('name'), true)}
			{field('client', w('client'))}
			{field('address', w('address'))}
			{field('startsOn', w('start'))}
			{field('endsOn', w('end'))}
			<button type="submit" class="primary" disabled={busy} data-testid="chantier-create">
				{w('add')}
			</button>
			{problems.length > 0 && (
				<ul class="error" data-testid="chantier-problems">
					{problems.map((problem) => (
						<li>{problem}</li>
					))}
				</ul>
			)}
		</form>
	);
}

/**
 * The command's question before archiving, as a modal dialog: the browser keeps Tab inside it, makes the page behind
 * inert and turns Escape into Cancel. It closes through `close()` (never just dropped from the page) so `onClose` runs
 * once, whichever way it ended.
 */
function ArchiveQuestion({ question, onConfirm, onClose }: { question: Question; onConfirm: () => void; onClose: () => void }) {
	const dialog = useRef<HTMLDialogElement>(null);
	useEffect(() => {
		if (!dialog.current?.open) dialog.current?.showModal();
	}, []);
	return (
		<dialog ref={dialog} class="confirm" role="alertdialog" aria-labelledby="archive-question" aria-describedby="archive-consequence" data-testid="archive-question" onClose={onClose}>
			<h2 id="archive-question">{w('question', { code: question.chantier.code })}</h2>
			<p id="archive-consequence">{question.category ? w('questionBody', { category: question.category, archived: question.archivedName, count: question.channels }) : w('questionNoCategory')}</p>
			<div class="pager">
				<button
					type="button"
					class="danger"
					data-testid="archive-confirm"
					onClick={() => {
						onConfirm();
						dialog.current?.close();
					}}
				>
					{w('confirm')}
				</button>
				{/* The safe answer takes the focus when the question opens. */}
				<button type="button" autofocus onClick={() => dialog.current?.close()}>
					{w('cancel')}
				</button>
			</div>
		</dialog>
	);
}

export function ChantiersPage() {
	const [status, setStatus] = useState('');
	const [offset, setOffset] = useState(0);
	const [notice, setNotice] = useState<Notice | null>(null);
	const [question, setQuestion] = useState<Question | null>(null);
	/** The Archive button that asked, to come back to; the notice, focused when that button is gone (archived, or found archived already). */
	const opener = useRef<HTMLElement | null>(null);
	const noticeLine = useRef<HTMLParagraphElement>(null);
	const openerGone = useRef(false);
	useEffect(() => {
		// Focus goes to what happened rather than to the page's top.
		if (openerGone.current && notice) noticeLine.current?.focus();
		openerGone.current = false;
	}, [notice]);
	const list = useApi(() => api<{ total: number; chantiers: Chantier[] }>(`/api/chantiers?limit=${pageSize}&offset=${offset}${status ? `&status=${status}` : ''}`), [status, offset]);
	const ask = async (chantier: Chantier, event: Event) => {
		opener.current = event.currentTarget as HTMLElement;
		setNotice(null);
		try {
			const asked = await api<Question>(`/api/chantiers/${encodeURIComponent(chantier.code)}/archive`);
			if (!asked.alreadyArchived) return setQuestion(asked);
			// Archived since the list was read (by /archiverchantier, or another tab): nothing to ask, and its button goes.
			openerGone.current = true;
			setNotice({ text: w('alreadyArchived', { code: chantier.code }), failed: true });
			list.reload();
		} catch (failure) {
			setNotice(archiveFailure(chantier.code, failure));
		}
	};
	const confirmArchive = async (code: string) => {
		openerGone.current = true;
		try {
			await api(`/api/chantiers/${encodeURIComponent(code)}/archive`, { method: 'POST', body: { confirm: true, locale: lang.value } });
			setNotice({ text: w('archived', { code }), failed: false });
		} catch (failure) {
			setNotice(archiveFailure(code, failure));
		}
		list.reload();
	};
	return (
		<>
			<h1>{w('title')}</h1>
			<CreateChantier
				onCreated={(message) => {
					setNotice({ text: message, failed: false });
					list.reload();
				}}
			/>
			{notice && (
				<p class={notice.failed ? 'error' : 'notice'} role={notice.failed ? 'alert' : 'status'} tabIndex={-1} ref={noticeLine} data-testid="chantier-notice">
					{notice.text}
				</p>
			)}
			{question && (
				<ArchiveQuestion
					question={question}
					onConfirm={() => void confirmArchive(question.chantier.code)}
					onClose={() => {
						setQuestion(null);
						// Chromium gives the focus back by itself; Safari does not focus a clicked button, so the dialog would give it to the page.
						if (!openerGone.current) opener.current?.focus();
					}}
				/>
			)}
			<div class="filters">
				<label>
					{w('status')}
					<select
						value={status}
						data-testid="chantier-status"
						onChange={(event) => {
							setStatus(event.currentTarget.value);
							setOffset(0);
						}}
					>
						<option value="">{w('all')}</option>
						{states.map((state) => (
							<option value={state}>{w(`s_${state}`)}</option>
						))}
					</select>
				</label>
			</div>
			{list.error && <LoadFailed message={w('listFailed')} onRetry={list.reload} testId="chantier-list-failed" />}
			{list.data && (
				<>
					<p class="meta">{w('total', { total: list.data.total })}</p>
					{list.data.chantiers.length === 0 && <p class="muted">{w('none')}</p>}
					<ul class="plugins" data-testid="chantier-list">
						{list.data.chantiers.map((chantier) => (
							<li class="plugin" data-testid={`chantier-${chantier.code}`} data-state={chantier.status}>
								<div class="plugin-head">
									<strong>{chantier.code}</strong>
									<span>{chantier.name}</span>
									<span class={`badge ${chantier.status === 'actif' ? 'active' : chantier.status === 'en_pause' ? 'waiting' : ''}`}>{w(`s_${chantier.status}`)}</span>
								</div>
								{chantier.client && (
									<p>
										<span class="label">{w('client')}</span> {chantier.client}
									</p>
								)}
								{(chantier.startsOn || chantier.endsOn) && (
									<p>
										<span class="label">{w('dates')}</span> {day(chantier.startsOn)} → {day(chantier.endsOn)}
									</p>
								)}
								{chantier.status !== 'archive' && (
									<button type="button" onClick={(event) => ask(chantier, event)} data-testid={`archive-${chantier.code}`}>
										{w('archive')}
									</button>
								)}
							</li>
						))}
					</ul>
					<div class="pager">
						<button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
							{w('previous')}
						</button>
						<button type="button" disabled={offset + pageSize >= list.data.total} onClick={() => setOffset(offset + pageSize)}>
							{w('next')}
						</button>
					</div>
				</>
			)}
		</>
	);
}
