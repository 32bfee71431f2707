import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { DiscordAPIError, RESTJSONErrorCodes, type Guild } from 'discord.js';
import { botGuild, getDefaultLocale, pluginLogger } from '#core/plugin-kit.ts';
import { findChantier } from '../../team/public.ts';
import { feedEntries, feedTokenOwner, revokeFeedToken, seriesHeads, type FeedToken } from '../planning.ts';
import { planningSettings } from '../settings.ts';
import { text } from '../text.ts';

/**
 * `GET /api/planning.ics?member=<id>&token=<t>` (or `?chantier=<code>&token=<t>`): an iCalendar
 * feed phones subscribe to. Public (no API key: a phone cannot send one); the per-member token in
 * the URL is the credential, revocable with `/calendrier revoquer`. Unknown or revoked tokens get 404.
 * The token works only while its owner is a member of its guild: once they leave (or are removed) the
 * token is revoked and the feed answers 404, like an unknown token.
 */
export class PlanningIcsRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'planning.ics', methods: ['GET'], auth: 'public', schema: { summary: 'A member\'s or a chantier\'s planning as an iCalendar feed', description: 'Query: `member` or `chantier`, and `token` (the credential: a phone cannot send a key).', tags: ['planning'], responses: { 200: { description: 'iCalendar', contentType: 'text/calendar' }, 404: { description: 'Unknown or revoked link', schema: z.object({ error: z.string() }) } } } });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const query = request.query as Record<string, string | string[] | undefined>;
		const single = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
		const token = single('token') ?? '';
		const owner = await feedTokenOwner(this.container.db, token);
		const member = single('member');
		const chantierReference = single('chantier');
		if (!owner || (member && member !== owner.userId) || !this.container.plugins.isActive('planning', owner.guildId)) {
			response.status(404).json({ error: 'Not Found: unknown or revoked calendar link' });
			return;
		}
		const { db } = this.container;
		const guild = await botGuild(owner.guildId);
		const membership = guild ? await this.membership(guild, owner) : 'gone';
		if (membership === 'unknown') {
			response.setHeader('Retry-After', '300');
			response.status(503).json({ error: 'Service Unavailable: try again later' });
			return;
		}
		if (membership === 'gone') {
			response.status(404).json({ error: 'Not Found: unknown or revoked calendar link' });
			return;
		}
		const { timeZone } = planningSettings(owner.guildId);
		const locale = single('lang') === 'en' ? 'en' : single('lang') === 'fr' ? 'fr' : getDefaultLocale();
		let scope: { guildId: string; userId?: string; chantierId?: string } = { guildId: owner.guildId, userId: owner.userId };
		let name = `${text(locale)('calendarTitle')} — ${guild?.members.cache.get(owner.userId)?.displayName ?? 'Monster'}`;
		if (chantierReference) {
			const chantier = await findChantier(db, owner.guildId, chantierReference);
			if (!chantier) {
				response.status(404).json({ error: 'Not Found: unknown chantier' });
				return;
			}
			scope = { guildId: owner.guildId, chantierId: chantier.id };
			name = `${chantier.code} — ${chantier.name}`;
		}
		const since = new Date(Date.now() - 365 * 86_400_000);
		const entries = await feedEntries(db, scope, since);
		const headIds = [...new Set(entries.map((entry) => entry.recurrenceId).filter((id): id is string => id !== null))];
		// The feed builder (and ical-generator) is loaded by the first feed asked for: most bots never serve one.
		const { buildFeed } = await import('../ics.ts');
		const body = buildFeed({
			name,
			entries,
			heads: await seriesHeads(db, headIds),
			timeZone,
			locale,
			since,
			memberName: chantierReference ? (userId) => guild?.members.cache.get(userId)?.displayName : undefined,
			channelLink: (channelId) => `https://discord.com/channels/${owner.guildId}/${channelId}`
		});
		response.setHeader('Content-Disposition', 'inline; filename="planning.ics"');
		response.setHeader('Cache-Control', 'private, max-age=300');
		response.status(200).setContentType('text/calendar; charset=utf-8' as never).end(body);
	}

	/**
	 * Whether the token's owner still belongs to its guild, asked of Discord (not the cache, which may
	 * miss a departure). A member who left loses the token: it is revoked, so a later request stops at
	 * the unknown-token check. When Discord cannot answer, nothing is revoked ('unknown').
	 */
	private async membership(guild: Guild, owner: FeedToken): Promise<'member' | 'gone' | 'unknown'> {
		try {
			await guild.members.fetch({ user: owner.userId, force: true });
			return 'member';
		} catch (error) {
			const gone = error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.UnknownMember || error.code === RESTJSONErrorCodes.UnknownUser);
			const logger = pluginLogger(this);
			if (!gone) {
				logger.warn({ err: error, guildId: owner.guildId, userId: owner.userId }, 'Calendar feed: could not check the owner’s membership');
				return 'unknown';
			}
			await revokeFeedToken(this.container.db, owner.guildId, owner.userId);
			logger.info({ guildId: owner.guildId, userId: owner.userId }, 'Calendar feed token revoked: its owner left the guild');
			return 'gone';
		}
	}
}
