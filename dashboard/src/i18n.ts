// The dashboard's words, French by default with English; the choice is kept in the browser.
const fr = {
	title: 'Monster — tableau de bord',
	overview: 'Vue d’ensemble',
	plugins: 'Plugins',
	logs: 'Journaux',
	chat: 'Chat (bac à sable)',
	tasks: 'Tâches',
	chantiers: 'Chantiers',
	moderation: 'Modération',
	signOut: 'Se déconnecter',
	signInTitle: 'Connexion',
	signInSandbox: 'Se connecter comme l’admin du bac à sable',
	signInSandboxHelp: 'Mode bac à sable : un clic suffit, vous êtes l’admin du serveur Discord local.',
	signInUnavailable: 'Aucune connexion n’est configurée sur ce serveur (DISCORD_CLIENT_ID et DISCORD_CLIENT_SECRET). Utilisez l’API avec une clé (/apikey).',
	signInDiscord: 'Se connecter avec Discord',
	signIn_refused: 'Accès refusé : le tableau de bord est réservé aux propriétaires du bot et aux administrateurs d’un serveur (Administrateur, ou un rôle admin de la matrice des permissions).',
	signIn_cancelled: 'Connexion Discord annulée.',
	signIn_expired: 'Demande de connexion expirée ou inconnue de ce navigateur : recommencez.',
	signIn_failed: 'Discord n’a pas confirmé la connexion : réessayez plus tard.',
	loading: 'Chargement…',
	error: 'Erreur',
	retry: 'Réessayer',
	health: 'Santé',
	healthOk: 'Tout va bien',
	healthDegraded: 'Dégradé : {failing}',
	healthFailed: 'L’état du bot n’a pas pu être lu.',
	gateway: 'Passerelle Discord',
	database: 'PostgreSQL',
	cache: 'Redis / cache',
	queue: 'File de tâches',
	ok: 'OK',
	down: 'En panne',
	version: 'Version',
	uptime: 'Démarré depuis',
	totals: 'Totaux',
	statsOff: 'Le plugin monitoring est éteint : les totaux ne sont pas comptés.',
	statsFailed: 'Les totaux n’ont pas pu être chargés.',
	messagesTotal: 'Messages',
	messagesLast24h: 'Messages (24 h)',
	activeMembers7d: 'Membres actifs (7 j)',
	openTasks: 'Tâches ouvertes',
	overdueTasks: 'Tâches en retard',
	doneTasks: 'Tâches terminées',
	activeChantiers: 'Chantiers actifs',
	planningToday: 'Planning du jour',
	moderationCases30d: 'Sanctions (30 j)',
	state_active: 'Actif',
	state_off: 'Éteint',
	state_waiting: 'En attente',
	state_failed: 'En échec',
	state_skipped: 'Ignoré',
	switchOn: 'Allumer',
	switchOff: 'Éteindre',
	required: 'requis',
	dependsOn: 'Dépend de',
	pluginsHelp: 'Allumer, éteindre ou recharger un plugin, pour tout le bot ou un serveur (comme /plugins), et modifier ses réglages (comme /config).',
	pluginsFailed: 'La liste des plugins n’a pas pu être chargée.',
	pluginScope: 'Portée',
	scopeBot: 'Tout le bot',
	reload: 'Recharger',
	reloadOutcome: 'Rechargement de {plugin} : {outcome}',
	outcome_loaded: 'chargé',
	outcome_reloaded: 'rechargé',
	outcome_unchanged: 'inchangé (ses fichiers n’ont pas changé)',
	outcome_waiting: 'en attente de ses dépendances',
	outcome_skipped: 'ignoré (sauté au démarrage)',
	outcome_removed: 'retiré (son dossier n’existe plus)',
	reloadRefused: '{plugin} n’a pas été rechargé : la nouvelle version est refusée, l’ancienne continue (raison dans sa fiche).',
	reloadBroken: '{plugin} n’a pas pu être chargé (raison dans sa fiche).',
	reloadFailed: 'Le rechargement de {plugin} n’a pas abouti : réessayez.',
	switchRequired: '{plugin} est requis : il ne peut pas être éteint.',
	switchDependencies: '{plugin} ne peut pas être allumé tant que ces plugins sont éteints : {dependencies}.',
	switchFailed: 'Le changement de {plugin} n’a pas abouti : réessayez.',
	pluginGone: 'Le bot n’a plus de plugin {plugin}.',
	outOfReachServer: 'Vous n’êtes pas administrateur de ce serveur.',
	outOfReachBot: 'Seuls les propriétaires du bot changent ce qui vaut pour tout le bot : choisissez un serveur.',
	settings: 'Réglages',
	hideSettings: 'Masquer les réglages',
	save: 'Enregistrer',
	saved: 'Réglages enregistrés.',
	resetSetting: 'Valeur par défaut',
	source_default: 'par défaut',
	source_bot: 'valeur du bot',
	source_server: 'valeur du serveur',
	secretSet: 'défini (vide = inchangé)',
	listHint: 'valeurs séparées par des virgules',
	invalidJson: 'JSON invalide',
	noSettings: 'Aucun réglage.',
	level: 'Niveau',
	plugin: 'Plugin',
	all: 'Tous',
	refresh: 'Actualiser',
	noLines: 'Aucune ligne.',
	more: 'Plus anciennes',
	moreFailed: 'Les plus anciennes n’ont pas pu être chargées : réessayez.',
	endOfList: 'Fin de la liste.',
	logsFailed: 'Les journaux n’ont pas pu être chargés.',
	labelled: '{label} : {value}',
	language: 'Language: English'
};

export type TextKey = keyof typeof fr;

const en: Record<TextKey, string> = {
	title: 'Monster — dashboard',
	overview: 'Overview',
	plugins: 'Plugins',
	logs: 'Logs',
	chat: 'Chat (sandbox)',
	tasks: 'Tasks',
	chantiers: 'Chantiers',
	moderation: 'Moderation',
	signOut: 'Sign out',
	signInTitle: 'Sign in',
	signInSandbox: 'Sign in as the sandbox admin',
	signInSandboxHelp: 'Sandbox mode: one click and you are the admin of the local Discord server.',
	signInUnavailable: 'No sign-in is configured on this server (DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET). Use the API with a key (/apikey).',
	signInDiscord: 'Sign in with Discord',
	signIn_refused: 'Access refused: the dashboard is for the bot’s owners and a server’s administrators (Administrator, or an admin role of the permission matrix).',
	signIn_cancelled: 'Discord sign-in cancelled.',
	signIn_expired: 'Sign-in request expired or unknown to this browser: try again.',
	signIn_failed: 'Discord did not confirm the sign-in: try again later.',
	loading: 'Loading…',
	error: 'Error',
	retry: 'Retry',
	health: 'Health',
	healthOk: 'All good',
	healthDegraded: 'Degraded: {failing}',
	healthFailed: 'The bot’s health could not be read.',
	gateway: 'Discord gateway',
	database: 'PostgreSQL',
	cache: 'Redis / cache',
	queue: 'Task queue',
	ok: 'OK',
	down: 'Down',
	version: 'Version',
	uptime: 'Up for',
	totals: 'Totals',
	statsOff: 'The monitoring plugin is off: the totals are not counted.',
	statsFailed: 'The totals could not be loaded.',
	messagesTotal: 'Messages',
	messagesLast24h: 'Messages (24 h)',
	activeMembers7d: 'Active members (7 d)',
	openTasks: 'Open tasks',
	overdueTasks: 'Overdue tasks',
	doneTasks: 'Done tasks',
	activeChantiers: 'Active chantiers',
	planningToday: 'Today’s planning',
	moderationCases30d: 'Moderation cases (30 d)',
	state_active: 'Active',
	state_off: 'Off',
	state_waiting: 'Waiting',
	state_failed: 'Failed',
	state_skipped: 'Skipped',
	switchOn: 'Switch on',
	switchOff: 'Switch off',
	required: 'required',
	dependsOn: 'Depends on',
	pluginsHelp: 'Switch a plugin on or off or reload it, for the whole bot or one server (as /plugins), and edit its settings (as /config).',
	pluginsFailed: 'The plugins could not be loaded.',
	pluginScope: 'Scope',
	scopeBot: 'Whole bot',
	reload: 'Reload',
	reloadOutcome: 'Reload of {plugin}: {outcome}',
	outcome_loaded: 'loaded',
	outcome_reloaded: 'reloaded',
	outcome_unchanged: 'unchanged (its files did not change)',
	outcome_waiting: 'waiting for its dependencies',
	outcome_skipped: 'skipped (left out at start-up)',
	outcome_removed: 'removed (its folder is gone)',
	reloadRefused: '{plugin} was not reloaded: the new version is refused, the previous one keeps running (reason on its card).',
	reloadBroken: '{plugin} could not be loaded (reason on its card).',
	reloadFailed: 'Reloading {plugin} did not go through: try again.',
	switchRequired: '{plugin} is required: it cannot be switched off.',
	switchDependencies: '{plugin} cannot be switched on while these plugins are off: {dependencies}.',
	switchFailed: 'Switching {plugin} did not go through: try again.',
	pluginGone: 'The bot no longer has a plugin named {plugin}.',
	outOfReachServer: 'You are not an admin of this server.',
	outOfReachBot: 'Only the bot’s owners change things bot-wide: choose a server.',
	settings: 'Settings',
	hideSettings: 'Hide settings',
	save: 'Save',
	saved: 'Settings saved.',
	resetSetting: 'Default value',
	source_default: 'default',
	source_bot: 'bot value',
	source_server: 'server value',
	secretSet: 'set (empty = unchanged)',
	listHint: 'values separated by commas',
	invalidJson: 'invalid JSON',
	noSettings: 'No settings.',
	level: 'Level',
	plugin: 'Plugin',
	all: 'All',
	refresh: 'Refresh',
	noLines: 'No lines.',
	more: 'Older',
	moreFailed: 'The older ones could not be loaded: try again.',
	endOfList: 'End of the list.',
	logsFailed: 'The logs could not be loaded.',
	labelled: '{label}: {value}',
	language: 'Langue : français'
};

export type Lang = 'fr' | 'en';
const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('monster.lang');
/** The current language; the app re-renders after setLang. */
export const lang = { value: (stored === 'en' ? 'en' : 'fr') as Lang };

export function setLang(next: Lang): void {
	lang.value = next;
	localStorage.setItem('monster.lang', next);
	document.documentElement.lang = next;
}

export function t(key: TextKey, values: Record<string, string | number> = {}): string {
	const text = (lang.value === 'en' ? en : fr)[key];
	return text.replace(/\{(\w+)\}/g, (_match, name: string) => String(values[name] ?? `{${name}}`));
}

/** The Intl locale of the current language: dates and times as a reader of that language writes them. */
export const intlLocale = () => (lang.value === 'en' ? 'en-GB' : 'fr-FR');

/**
 * A calendar day (`YYYY-MM-DD`) in words in the current language, with these Intl options: « lundi 1er mars »,
 * "Monday 1 Mar". French writes the first of a month spelled out as an ordinal, which Intl does not; the bot
 * does the same in its own dateInWords (core/i18n.ts), which this browser bundle does not import.
 */
export function dayInWords(day: string, options: Intl.DateTimeFormatOptions): string {
	const ordinalFirst = lang.value === 'fr' && (options.month === 'long' || options.month === 'short');
	return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' })
		.formatToParts(new Date(`${day}T00:00:00Z`))
		.map((part) => (ordinalFirst && part.type === 'day' && part.value === '1' ? '1er' : part.value))
		.join('');
}

export function duration(seconds: number): string {
	const days = Math.floor(seconds / 86_400);
	const hours = Math.floor((seconds % 86_400) / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	return days > 0 ? `${days} j ${hours} h`.replace(' j', lang.value === 'en' ? ' d' : ' j') : `${hours} h ${minutes} min`;
}

/** A page's own words (French and English side by side), kept in the page's file: `const w = pageTexts(fr, en)`. */
export function pageTexts<Key extends string>(french: Record<Key, string>, english: Record<Key, string>) {
	return (key: Key, values: Record<string, string | number> = {}): string =>
		(lang.value === 'en' ? english : french)[key].replace(/\{(\w+)\}/g, (_match, name: string) => String(values[name] ?? `{${name}}`));
}
