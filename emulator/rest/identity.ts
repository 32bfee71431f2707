import { bodyObject } from '../context.ts';
import type { ServerContext } from '../context.ts';
import { errors } from '../http.ts';
import { param } from '../router.ts';
import type { Router } from '../router.ts';

export interface GatewayDiscovery {
	gatewayUrl(): string;
	/** What `GET /gateway/bot` recommends: Discord's count follows the bot's guilds. */
	recommendedShards(): number;
	/** Shards that may IDENTIFY at once (`session_start_limit.max_concurrency`). */
	maxConcurrency: number;
}

/** Gateway discovery, users and the application. */
export function registerIdentityRoutes(router: Router, context: ServerContext, gateway: GatewayDiscovery): void {
	const { state, botUser, applicationId } = context;

	const sessionStartLimit = { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: gateway.maxConcurrency };
	router.add('GET', '/gateway/bot', () => ({ url: gateway.gatewayUrl(), shards: gateway.recommendedShards(), session_start_limit: sessionStartLimit }));
	router.add('GET', '/gateway', () => ({ url: gateway.gatewayUrl() }), { requiresBotToken: false });

	// With a user's OAuth2 token (scope identify): that user; with the bot's token: the bot.
	router.add('GET', '/users/@me', (request) => (request.bearerUserId ? state.userPayload(request.bearerUserId) : botUser), { acceptsBearer: true });
	router.add('PATCH', '/users/@me', (request) => {
		const body = bodyObject(request.body);
		if (typeof body.username === 'string') botUser.username = body.username;
		return botUser;
	});
	router.add('GET', '/users/:userId', (request) => {
		const user = state.users.get(param(request, 'userId'));
		if (!user) throw errors.unknownUser();
		return user;
	});

	const application = () => ({
		id: applicationId,
		name: botUser.username,
		icon: null,
		description: '',
		bot_public: true,
		bot_require_code_grant: false,
		bot: botUser,
		owner: state.users.get([...state.guilds.values()][0]?.ownerId ?? '') ?? botUser,
		verify_key: '0'.repeat(64),
		team: null,
		flags: 0,
		approximate_guild_count: state.guilds.size
	});
	router.add('GET', '/applications/@me', application);
	router.add('GET', '/oauth2/applications/@me', application);
}
