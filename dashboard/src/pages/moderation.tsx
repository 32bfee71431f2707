// Moderation: the cases (GET /api/moderation/cases: action, member, text or number) and the audit log (GET /api/audit), newest first, older pages on demand.
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { intlLocale, pageTexts } from '../i18n.ts';
import { LoadFailed, pluginIsOff } from './load-failed.tsx';
import { useMembers, type Member } from './members.ts';
import { OlderButton, usePages } from './paged-list.tsx';

const w = pageTexts(
	{
		title: 'Modération',
		cases: 'Sanctions',
		audit: 'Journal d’audit',
		action: 'Action',
		member: 'Membre',
		all: 'Toutes',
		everyone: 'Tout le monde',
		search: 'Recherche',
		searchPlaceholder: 'Motif ou n° de sanction',
		filter: 'Filtrer',
		noCases: 'Aucune sanction.',
		noAudit: 'Aucune ligne.',
		auditFailed: 'Le journal d’audit n’a pas pu être chargé.',
		by: 'par {moderator}',
		revoked: 'levée',
		until: 'jusqu’au {date}',
		kind: 'Type',
		actionPrefix: 'Action commençant par',
		casesOff: 'Le plugin moderation est éteint : les sanctions ne sont pas lisibles.',
		casesFailed: 'Les sanctions n’ont pas pu être chargées.',
		a_avertissement: 'Avertissement',
		a_exclusion_temporaire: 'Exclusion temporaire',
		a_fin_exclusion: 'Fin d’exclusion',
		a_expulsion: 'Expulsion',
		a_bannissement: 'Bannissement',
		a_debannissement: 'Débannissement',
		a_note: 'Note',
		k_commande_refusee: 'Commande refusée',
		k_action_admin: 'Action d’admin',
		k_changement_config: 'Changement de configuration'
	},
	{
		title: 'Moderation',
		cases: 'Cases',
		audit: 'Audit log',
		action: 'Action',
		member: 'Member',
		all: 'All',
		everyone: 'Everyone',
		search: 'Search',
		searchPlaceholder: 'Reason or case number',
		filter: 'Filter',
		noCases: 'No case.',
		noAudit: 'No line.',
		auditFailed: 'The audit log could not be loaded.',
		by: 'by {moderator}',
		revoked: 'lifted',
		until: 'until {date}',
		kind: 'Kind',
		actionPrefix: 'Action starting with',
		casesOff: 'The moderation plugin is off: the cases cannot be read.',
		casesFailed: 'The cases could not be loaded.',
		a_avertissement: 'Warning',
		a_exclusion_temporaire: 'Timeout',
		a_fin_exclusion: 'Timeout lifted',
		a_expulsion: 'Kick',
		a_bannissement: 'Ban',
		a_debannissement: 'Unban',
		a_note: 'Note',
		k_commande_refusee: 'Refused command',
		k_action_admin: 'Admin action',
		k_changement_config: 'Configuration change'
	}
);

const actions = ['avertissement', 'exclusion_temporaire', 'fin_exclusion', 'expulsion', 'bannissement', 'debannissement', 'note'] as const;
const kinds = ['commande_refusee', 'action_admin', 'changement_config'] as const;

interface Case {
	caseNumber: number;
	action: (typeof actions)[number];
	targetId: string;
	targetName: string | null;
	moderatorId: string;
	moderatorName: string | null;
	reason: string | null;
	expiresAt: string | null;
	revokedAt: string | null;
	createdAt: string;
}
interface AuditEntry {
	id: number;
	kind: (typeof kinds)[number];
	actorId: string;
	action: string;
	target: string | null;
	details: Record<string, unknown>;
	createdAt: string;
}

const when = (instant: string) => new Date(instant).toLocaleString(intlLocale(), { dateStyle: 'short', timeStyle: 'short' });

function Cases({ members }: { members: Member[] }) {
	const [action, setAction] = useState('');
	const [member, setMember] = useState('');
	const [typed, setTyped] = useState('');
	const [search, setSearch] = useState('');
	const cases = usePages<Case>(async (before) => {
		const params = new URLSearchParams({ limit: '25' });
		if (action) params.set('action', action);
		if (member) params.set('member', member);
		if (search) params.set('search', search);
		if (before !== undefined) params.set('before', String(before));
		const page = await api<{ cases: Case[]; nextCursor?: number }>(`/api/moderation/cases?${params}`);
		return { rows: page.cases, nextCursor: page.nextCursor };
	}, [action, member, search]);
	return (
		<section aria-labelledby="cases-title">
			<h2 id="cases-title">{w('cases')}</h2>
			<form
				class="filters"
				onSubmit={(event) => {
					event.preventDefault();
					setSearch(typed.trim());
				}}
			>
				<label>
					{w('action')}
					<select value={action} onChange={(event) => setAction(event.currentTarget.value)} data-testid="case-action">
						<option value="">{w('all')}</option>
						{actions.map((value) => (
							<option value={value}>{w(`a_${value}`)}</option>
						))}
					</select>
				</label>
				<label>
					{w('member')}
					<select value={member} onChange={(event) => setMember(event.currentTarget.value)} data-testid="case-member">
						<option value="">{w('everyone')}</option>
						{members.map((one) => (
							<option value={one.id}>{one.displayName}</option>
						))}
					</select>
				</label>
				<label>
					{w('search')}
					<input type="search" placeholder={w('searchPlaceholder')} value={typed} onInput={(event) => setTyped(event.currentTarget.value)} data-testid="case-search" />
				</label>
				<button type="submit">{w('filter')}</button>
			</form>
			{cases.error && <LoadFailed message={pluginIsOff(cases.error) ? w('casesOff') : w('casesFailed')} onRetry={cases.reload} testId="cases-failed" />}
			{cases.loaded && cases.rows.length === 0 && <p class="muted">{w('noCases')}</p>}
			<ul class="log-lines" ref={cases.list} data-testid="case-list">
				{cases.rows.map((row) => (
					<li class="log" data-testid={`case-${row.caseNumber}`}>
						<strong>#{row.caseNumber}</strong> <span class="tag">{w(`a_${row.action}`)}</span> {row.targetName ?? row.targetId} · {w('by', { moderator: row.moderatorName ?? row.moderatorId })} · {when(row.createdAt)}
						{row.expiresAt && !row.revokedAt && ` · ${w('until', { date: when(row.expiresAt) })}`}
						{row.revokedAt && <span class="tag">{w('revoked')}</span>}
						{row.reason && <div class="muted">{row.reason}</div>}
					</li>
				))}
			</ul>
			<OlderButton pages={cases} testId="cases-older" />
		</section>
	);
}

function AuditLog({ members }: { members: Member[] }) {
	const [kind, setKind] = useState('');
	const [typed, setTyped] = useState('');
	const [prefix, setPrefix] = useState('');
	const lines = usePages<AuditEntry>(async (before) => {
		const params = new URLSearchParams({ limit: '50' });
		if (kind) params.set('kind', kind);
		if (prefix) params.set('action', prefix);
		if (before !== undefined) params.set('before', String(before));
		const page = await api<{ entries: AuditEntry[]; nextCursor?: number }>(`/api/audit?${params}`);
		return { rows: page.entries, nextCursor: page.nextCursor };
	}, [kind, prefix]);
	return (
		<section aria-labelledby="audit-title">
			<h2 id="audit-title">{w('audit')}</h2>
			<form
				class="filters"
				onSubmit={(event) => {
					event.preventDefault();
					setPrefix(typed.trim());
				}}
			>
				<label>
					{w('kind')}
					<select value={kind} onChange={(event) => setKind(event.currentTarget.value)} data-testid="audit-kind">
						<option value="">{w('all')}</option>
						{kinds.map((value) => (
							<option value={value}>{w(`k_${value}`)}</option>
						))}
					</select>
				</label>
				<label>
					{w('actionPrefix')}
					<input value={typed} placeholder="chantier." onInput={(event) => setTyped(event.currentTarget.value)} data-testid="audit-action" />
				</label>
				<button type="submit">{w('filter')}</button>
			</form>
			{lines.error && <LoadFailed message={w('auditFailed')} onRetry={lines.reload} testId="audit-failed" />}
			{lines.loaded && lines.rows.length === 0 && <p class="muted">{w('noAudit')}</p>}
			<ul class="log-lines" ref={lines.list} data-testid="audit-list">
				{lines.rows.map((row) => (
					<li class="log">
						<span class="meta">{when(row.createdAt)}</span> <span class="tag">{w(`k_${row.kind}`)}</span> <strong>{row.action}</strong>
						{row.target && ` → ${row.target}`} · {members.find((member) => member.id === row.actorId)?.displayName ?? row.actorId}
					</li>
				))}
			</ul>
			<OlderButton pages={lines} testId="audit-older" />
		</section>
	);
}

export function ModerationPage() {
	const members = useMembers();
	return (
		<>
			<h1>{w('title')}</h1>
			<Cases members={members} />
			<AuditLog members={members} />
		</>
	);
}
