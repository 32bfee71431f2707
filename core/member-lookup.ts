// Finds a server member from what a member typed (mention, id or name), from the bot's member cache before Discord is asked.
import type { Collection, Guild, GuildMember } from 'discord.js';

/** What a name is compared with: the fields discord.js keeps on a cached member. */
export interface NamedMember {
	user: { username: string; globalName: string | null };
	nickname: string | null;
}

/**
 * A member by mention or id (cache, then one REST call), or by name when `byName`: user name, global
 * name or nickname, exact then an unambiguous prefix, ignoring case. A name goes to the gateway
 * (Request Guild Members, about 120 sends a minute per shard, shared with everything else the shard
 * sends) only while the cache does not hold the whole server, and then as one fetch of every member,
 * shared by concurrent lookups, after which the cache answers alone: the gateway keeps it up to date.
 */
export async function findMember(guild: Guild, typed: string, { byName = true }: { byName?: boolean } = {}): Promise<GuildMember | null> {
	const id = /^(?:<@!?(\d{17,20})>|(\d{17,20}))$/.exec(typed)?.slice(1).find(Boolean);
	if (id) return guild.members.fetch(id).catch(() => null);
	if (!byName) return null;
	// « @bob » typed without picking Bob in the client's list reaches the bot as text, not a mention.
	const name = withoutDiscriminator(typed.replace(/^@/, ''));
	const cached = memberNamed(guild.members.cache.values(), name);
	if (cached || hasEveryMember(guild)) return cached;
	await fetchEveryMember(guild).catch(() => undefined);
	return memberNamed(guild.members.cache.values(), name);
}

/**
 * Every member of the server, with their presence (GuildPresences intent: Discord sends the non-offline
 * ones at connection and every change after), from the cache; fetched in full only while the cache
 * lacks some, as `findMember` does. Instead of `guild.members.fetch()`, a gateway request per call.
 */
export async function everyMember(guild: Guild): Promise<Collection<string, GuildMember>> {
	if (!hasEveryMember(guild)) await fetchEveryMember(guild);
	return guild.members.cache;
}

/**
 * The one member a name designates: a user name (unique on Discord), else a single member whose global
 * name or nickname is the name, else a single member one of whose names starts with it. Several
 * candidates at a step designate nobody: the member is asked to be more precise rather than shown
 * someone else's figures.
 */
export function memberNamed<Member extends NamedMember>(members: Iterable<Member>, name: string): Member | null {
	const wanted = name.toLowerCase();
	if (!wanted) return null;
	const all = [...members];
	const namesOf = (member: Member) => [member.user.username, member.user.globalName, member.nickname].flatMap((candidate) => (candidate ? [candidate.toLowerCase()] : []));
	const byUsername = all.find((member) => member.user.username.toLowerCase() === wanted);
	if (byUsername) return byUsername;
	return single(all.filter((member) => namesOf(member).includes(wanted))) ?? single(all.filter((member) => namesOf(member).some((candidate) => candidate.startsWith(wanted))));
}

function single<T>(candidates: T[]): T | null {
	return candidates.length === 1 ? candidates[0]! : null;
}

/** Sapphire accepted the old `name#1234` form, whose number no longer designates anyone: it is dropped. */
function withoutDiscriminator(typed: string): string {
	return /^.+#\d{4}$/.test(typed) ? typed.slice(0, -5) : typed;
}

/**
 * Every member is cached when the counts agree (Discord sends them all at connection to servers of up to
 * 50 members, discord.js's `large_threshold`) or once a full fetch succeeded: joins and departures
 * (GuildMembers intent) then keep the cache current.
 */
function hasEveryMember(guild: Guild): boolean {
	return guild.members.cache.size >= guild.memberCount || fetchedInFull.has(guild);
}

const fetchedInFull = new WeakSet<Guild>();
const fullFetches = new WeakMap<Guild, Promise<unknown>>();
/** After a failed full fetch, names are looked up in the cache alone for this long, so failures cannot flood the gateway. */
const retryFullFetchAfterMs = 60_000;

/** One full member fetch per server at a time, shared by the lookups that wait for it. */
function fetchEveryMember(guild: Guild): Promise<unknown> {
	const pending = fullFetches.get(guild);
	if (pending) return pending;
	const fetch = guild.members.fetch().then(
		() => {
			fetchedInFull.add(guild);
			fullFetches.delete(guild);
		},
		(error: unknown) => {
			setTimeout(() => fullFetches.delete(guild), retryFullFetchAfterMs).unref();
			throw error;
		}
	);
	fullFetches.set(guild, fetch);
	return fetch;
}
