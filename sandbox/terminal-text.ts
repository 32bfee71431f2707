/** What the terminal chat says of its own (help, notes, how it marks messages and forms), in the reader's language: French, or English. */

const en = {
	help: `Type a message to post it in the current channel.
  /name [group] [sub] opt:value opt2:"two words"   run a slash command
  /name opt:?            show an option's choices or suggestions instead of running
  :channel <name>        switch channel (:channel "Réunion chantier")   :as <member>   speak as another member
  :click <N>             press button N of the last bot message with buttons
  :select <N> <value>[,<value>]   pick in select menu N
  :modal field=value field2="two words"   answer the open modal
  :channels  :members    list them             :help  :quit`,
	welcome: (bot: string, guild: string) => `Talking to ${bot} in ${guild}. :help for commands.`,
	prompt: (channel: string, member: string) => `[#${channel} as ${member}] > `,
	unknownCommand: (name: string) => `! unknown command :${name} (see :help)`,
	noChannel: (name: string) => `! no channel "${name}" (see :channels)`,
	nowIn: (channel: string) => `now in #${channel}`,
	noMember: (name: string) => `! no member "${name}" (see :members)`,
	nowSpeakingAs: (member: string) => `now speaking as ${member}`,
	noButton: (number: string) => `! no button ${number} on the last bot message`,
	link: (url: string) => `(link: ${url})`,
	noSelect: (number: string) => `! no select menu ${number} on the last bot message`,
	noModal: '! no modal is open',
	waiting: '(waiting for the last answers…)',
	noAnswer: (seconds: number) => `(no answer within ${seconds} s: going on)`,
	deleted: (member: string) => `(${member} deleted a message)`,
	thinking: (bot: string) => `${bot} is thinking…`,
	onlyYou: '(visible only by you)',
	edited: '(edited)',
	empty: '(empty)',
	noLabel: '(no label)',
	disabled: '(disabled)',
	pickEntities: '(pick users, roles or channels)',
	formTitle: (title: string) => `Form "${title}" (* required):`,
	formField: (label: string, shown: string) => `${label}: ${shown}`,
	emptyFor: (example: string) => `(empty; e.g. ${example})`,
	formAnswer: 'Answer with :modal field=value field2="two words" (fields left out keep the value shown)'
};

const fr: typeof en = {
	help: `Tapez un message pour le poster dans le salon courant.
  /nom [groupe] [sous-commande] opt:valeur opt2:"deux mots"   lance une commande slash
  /nom opt:?             montre les choix ou suggestions d’une option au lieu de lancer la commande
  :channel <nom>         change de salon (:channel "Réunion chantier")   :as <membre>   parle en tant qu’un autre membre
  :click <N>             appuie sur le bouton N du dernier message du bot qui en a
  :select <N> <valeur>[,<valeur>]   choisit dans le menu N
  :modal champ=valeur champ2="deux mots"   répond au formulaire ouvert
  :channels  :members    les liste             :help  :quit`,
	welcome: (bot: string, guild: string) => `Vous parlez à ${bot} sur ${guild}. :help pour les commandes.`,
	prompt: (channel: string, member: string) => `[#${channel} en tant que ${member}] > `,
	unknownCommand: (name: string) => `! commande inconnue :${name} (voir :help)`,
	noChannel: (name: string) => `! pas de salon « ${name} » (voir :channels)`,
	nowIn: (channel: string) => `vous êtes dans #${channel}`,
	noMember: (name: string) => `! pas de membre « ${name} » (voir :members)`,
	nowSpeakingAs: (member: string) => `vous parlez en tant que ${member}`,
	noButton: (number: string) => `! pas de bouton ${number} sur le dernier message du bot`,
	link: (url: string) => `(lien : ${url})`,
	noSelect: (number: string) => `! pas de menu ${number} sur le dernier message du bot`,
	noModal: '! aucun formulaire n’est ouvert',
	waiting: '(attente des dernières réponses…)',
	noAnswer: (seconds: number) => `(pas de réponse en ${seconds} s : on continue)`,
	deleted: (member: string) => `(${member} a supprimé un message)`,
	thinking: (bot: string) => `${bot} réfléchit…`,
	onlyYou: '(visible par vous seul)',
	edited: '(modifié)',
	empty: '(vide)',
	noLabel: '(sans libellé)',
	disabled: '(désactivé)',
	pickEntities: '(membres, rôles ou salons à choisir)',
	formTitle: (title: string) => `Formulaire « ${title} » (* obligatoire) :`,
	formField: (label: string, shown: string) => `${label} : ${shown}`,
	emptyFor: (example: string) => `(vide ; par exemple ${example})`,
	formAnswer: 'Répondez avec :modal champ=valeur champ2="deux mots" (un champ omis garde la valeur affichée)'
};

export type TerminalTexts = typeof en;

/** The texts for a locale tag (`fr`, `en`, `en-US`…): English for any English, French otherwise. */
export function terminalText(locale: string): TerminalTexts {
	return locale.startsWith('en') ? en : fr;
}
