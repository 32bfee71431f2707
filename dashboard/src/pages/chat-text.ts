// The sandbox chat page's words, French by default with English (kept apart from i18n.ts, which every page shares).
import { lang } from '../i18n.ts';

const fr = {
	sandboxOnly: 'Le chat n’existe qu’en mode bac à sable (sans DISCORD_TOKEN) : il montre le serveur Discord local.',
	channels: 'Salons',
	speakAs: 'Parler en tant que',
	placeholder: 'Message dans #{channel} — ou /commande option:valeur',
	send: 'Envoyer',
	onlyYou: 'Seul·e {name} peut voir ceci',
	thinking: '{name} réfléchit…',
	usedCommand: '{name} a utilisé /{command}',
	edited: '(modifié)',
	today: 'Aujourd’hui à {time}',
	noMessages: 'Aucun message dans ce salon pour l’instant.',
	noAnswer: 'Le bot n’a pas répondu à temps.',
	notSent: 'Non envoyé : {reason}',
	cancel: 'Annuler',
	submit: 'Envoyer',
	live: 'En direct',
	offline: 'Reconnexion…',
	choose: 'Choisir…',
	bot: 'BOT'
};

const en: typeof fr = {
	sandboxOnly: 'The chat exists only in sandbox mode (without DISCORD_TOKEN): it shows the local Discord server.',
	channels: 'Channels',
	speakAs: 'Speak as',
	placeholder: 'Message #{channel} — or /command option:value',
	send: 'Send',
	onlyYou: 'Only {name} can see this',
	thinking: '{name} is thinking…',
	usedCommand: '{name} used /{command}',
	edited: '(edited)',
	today: 'Today at {time}',
	noMessages: 'No message in this channel yet.',
	noAnswer: 'The bot did not answer in time.',
	notSent: 'Not sent: {reason}',
	cancel: 'Cancel',
	submit: 'Submit',
	live: 'Live',
	offline: 'Reconnecting…',
	choose: 'Choose…',
	bot: 'BOT'
};

export function ct(key: keyof typeof fr, values: Record<string, string> = {}): string {
	return (lang.value === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? `{${name}}`);
}
