/**
 * The grammar of the prefix commands, as plain functions (unit-tested in prefix.test.ts).
 *
 *   !tache <intitulé> [échéance] [clé:valeur…] [@membre] [#CODE]
 *   !taches [statut:…] [priorite:…] [tag:…] [@membre | moi] [#CODE] [retard]
 *   !done <code | intitulé>
 *
 * Words are separated by spaces; a value with spaces goes in quotes: `desc:"deux mots"` (or « »).
 * Keys are read without accents or case (`priorité:`, `Priorite:`). A word that is not a known
 * `key:value`, a mention or a `#CODE` belongs to the title. A due date at the end of the title
 * (`… demain`, `… lundi`, `… 25/12`) is taken as the due date unless `echeance:` is given.
 */

export interface CreateArgs {
	title: string;
	description?: string;
	priority?: string;
	due?: string;
	tags?: string;
	/** From a `<@id>` mention. */
	assigneeId?: string;
	/** From `@name` typed without the mention picker: resolved against the guild's members. */
	assigneeName?: string;
	/** `#CODE` or `chantier:CODE`. */
	chantier?: string;
	/** From a `<#id>` channel mention: the chantier whose channel it is. */
	chantierChannelId?: string;
}

export interface ListArgs {
	status?: string;
	priority?: string;
	tag?: string;
	assigneeId?: string;
	assigneeName?: string;
	mine?: boolean;
	chantier?: string;
	chantierChannelId?: string;
	overdue?: boolean;
	/** Words that mean nothing here: the command says so instead of guessing. */
	unknown: string[];
}

const createKeys: Record<string, keyof CreateArgs | 'assignee'> = {
	priorite: 'priority',
	prio: 'priority',
	p: 'priority',
	priority: 'priority',
	echeance: 'due',
	date: 'due',
	due: 'due',
	pour_le: 'due',
	tags: 'tags',
	tag: 'tags',
	etiquettes: 'tags',
	desc: 'description',
	description: 'description',
	details: 'description',
	chantier: 'chantier',
	site: 'chantier',
	pour: 'assignee',
	assigne: 'assignee',
	assignee: 'assignee',
	a: 'assignee',
	titre: 'title',
	title: 'title'
};

const listKeys: Record<string, 'status' | 'priority' | 'tag' | 'chantier' | 'assignee'> = {
	statut: 'status',
	status: 'status',
	etat: 'status',
	priorite: 'priority',
	prio: 'priority',
	p: 'priority',
	priority: 'priority',
	tag: 'tag',
	tags: 'tag',
	etiquette: 'tag',
	chantier: 'chantier',
	site: 'chantier',
	pour: 'assignee',
	assigne: 'assignee',
	assignee: 'assignee'
};

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

/** Splits on spaces, keeping quoted values (`"…"`, `«…»`, `“…”`) whole and dropping their quotes. */
export function tokenize(raw: string): string[] {
	const tokens: string[] = [];
	const pattern = /(?:[^\s"«“]*)(?:"[^"]*"?|«[^»]*»?|“[^”]*”?)|\S+/g;
	for (const match of raw.matchAll(pattern)) {
		const token = match[0].replace(/"([^"]*)"?|«\s*([^»]*?)\s*»?$|“([^”]*)”?/g, (_whole, a?: string, b?: string, c?: string) => a ?? b ?? c ?? '');
		if (token) tokens.push(token);
	}
	return tokens;
}

type Token =
	| { kind: 'key'; key: string; value: string; raw: string }
	| { kind: 'user'; id: string }
	| { kind: 'userName'; name: string }
	| { kind: 'channel'; id: string }
	| { kind: 'code'; code: string }
	| { kind: 'word'; word: string };

function classify(token: string, keys: Record<string, string>): Token {
	const user = /^<@!?(\d+)>$/.exec(token);
	if (user) return { kind: 'user', id: user[1]! };
	const channel = /^<#(\d+)>$/.exec(token);
	if (channel) return { kind: 'channel', id: channel[1]! };
	const userName = /^@([\w.-]{2,32})$/.exec(token);
	if (userName && !['everyone', 'here'].includes(userName[1]!)) return { kind: 'userName', name: userName[1]! };
	const code = /^#([\p{L}\d][\p{L}\d_-]*)$/u.exec(token);
	if (code) return { kind: 'code', code: code[1]! };
	const pair = /^([\p{L}_-]+):(.*)$/su.exec(token);
	if (pair) {
		const key = fold(pair[1]!).replace(/-/g, '_');
		if (key in keys) return { kind: 'key', key: keys[key]!, value: pair[2]!, raw: token };
	}
	return { kind: 'word', word: token };
}

/** `!tache …`: the title words and the options; the due date at the end of the title is left to the caller (it needs the clock). */
export function parseCreateArgs(raw: string): CreateArgs {
	const args: CreateArgs = { title: '' };
	const words: string[] = [];
	for (const token of tokenize(raw)) {
		const item = classify(token, createKeys);
		if (item.kind === 'user') args.assigneeId = item.id;
		else if (item.kind === 'userName') args.assigneeName = item.name;
		else if (item.kind === 'channel') args.chantierChannelId = item.id;
		else if (item.kind === 'code') args.chantier = item.code;
		else if (item.kind === 'word') words.push(item.word);
		else if (item.key === 'assignee') {
			const value = classify(item.value, {});
			if (value.kind === 'user') args.assigneeId = value.id;
			else args.assigneeName = item.value.replace(/^@/, '');
		} else if (item.key === 'title') words.push(item.value);
		else if (item.key === 'chantier') {
			const value = classify(item.value, {});
			if (value.kind === 'channel') args.chantierChannelId = value.id;
			else args.chantier = item.value.replace(/^#/, '');
		} else if (item.key === 'tags') args.tags = args.tags ? `${args.tags},${item.value}` : item.value;
		else args[item.key as 'priority' | 'due' | 'description'] = item.value;
	}
	args.title = words.join(' ');
	return args;
}

const mineWords = new Set(['moi', 'mes', 'mine', 'me']);
const overdueWords = new Set(['retard', 'en_retard', 'enretard', 'overdue', 'late']);

/** `!taches …`: filters. */
export function parseListArgs(raw: string): ListArgs {
	const args: ListArgs = { unknown: [] };
	for (const token of tokenize(raw)) {
		const item = classify(token, listKeys);
		if (item.kind === 'user') args.assigneeId = item.id;
		else if (item.kind === 'userName') args.assigneeName = item.name;
		else if (item.kind === 'channel') args.chantierChannelId = item.id;
		else if (item.kind === 'code') args.chantier = item.code;
		else if (item.kind === 'word') {
			const word = fold(item.word).replace(/-/g, '_');
			if (mineWords.has(word)) args.mine = true;
			else if (overdueWords.has(word)) args.overdue = true;
			else args.unknown.push(item.word);
		} else if (item.key === 'assignee') {
			const value = classify(item.value, {});
			if (value.kind === 'user') args.assigneeId = value.id;
			else if (mineWords.has(fold(item.value))) args.mine = true;
			else args.assigneeName = item.value.replace(/^@/, '');
		} else if (item.key === 'chantier') {
			const value = classify(item.value, {});
			if (value.kind === 'channel') args.chantierChannelId = value.id;
			else args.chantier = item.value.replace(/^#/, '');
		} else args[item.key as 'status' | 'priority' | 'tag'] = item.value;
	}
	return args;
}
