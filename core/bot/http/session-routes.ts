// GET/DELETE /api/session, the Discord sign-in (GET /api/session/discord and its callback) and POST /api/session/sandbox: who is signed in to the dashboard, sign-in, sign-out.
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { authorizeUrl, dashboardAccess, discordSignInAvailable, DiscordSignInError, redirectUri, userOfCode } from './discord-sign-in.ts';
import { inputOf, type RouteSchema } from './route-spec.ts';
import { endSession, sandboxSignIn, sessionOf, startOAuthState, startSession, takeOAuthState, type DashboardSession } from './session.ts';
import { clientAddress } from './client-address.ts';

const sessionAnswer = z.object({
	user: z.object({ id: z.string(), name: z.string() }),
	csrf: z.string().describe('Echo it in the x-csrf-token header of every state-changing call made with the session cookie'),
	sandbox: z.boolean(),
	guildIds: z.array(z.string()).optional().describe('The only servers this session may change things in (an admin of some servers when the bot serves several); absent: all, and bot-wide')
});
const signInOptions = z.object({ sandbox: z.boolean(), discord: z.boolean() });

const answer = (session: DashboardSession) => ({
	user: { id: session.userId, name: session.name },
	csrf: session.csrf,
	sandbox: sandboxSignIn() !== undefined,
	...(session.guildIds ? { guildIds: session.guildIds } : {})
});

export class SessionRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: 'session',
			methods: ['GET', 'DELETE'],
			auth: 'public',
			schema: {
				summary: 'The dashboard session: who is signed in (GET), sign out (DELETE)',
				description: 'The session is an encrypted, authenticated cookie (`monster_session`); DELETE needs the session\'s CSRF token in `x-csrf-token`.',
				tags: ['dashboard'],
				responses: {
					200: { description: 'Signed in', schema: sessionAnswer },
					204: { description: 'Signed out' },
					401: { description: 'Not signed in; says which sign-ins this server offers', schema: z.object({ error: z.string(), signIn: signInOptions }) },
					403: { description: 'Sign-out without the CSRF token', schema: z.object({ error: z.string() }) }
				}
			}
		});
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const session = sessionOf(request);
		if (request.method === 'DELETE') {
			if (session && request.headers['x-csrf-token'] !== session.csrf) {
				response.status(403).json({ error: 'Forbidden: send the session\'s CSRF token in "x-csrf-token"' });
				return;
			}
			endSession(response);
			response.status(204).end();
			return;
		}
		if (!session) {
			response.status(401).json({ error: 'Not signed in', signIn: { sandbox: sandboxSignIn() !== undefined, discord: discordSignInAvailable() } });
			return;
		}
		response.json(answer(session));
	}
}

export class SandboxSignInRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: 'session/sandbox',
			methods: ['POST'],
			auth: 'public',
			schema: {
				summary: 'Sandbox only: sign in to the dashboard as the seeded admin',
				description: 'Answers 404 outside sandbox mode (with DISCORD_TOKEN set). Sets the session cookie.',
				tags: ['dashboard'],
				body: z.object({}).optional(),
				responses: { 200: { description: 'Signed in', schema: sessionAnswer }, 404: { description: 'Not in sandbox mode', schema: z.object({ error: z.string() }) } }
			}
		});
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		const admin = sandboxSignIn();
		if (!admin) {
			response.status(404).json({ error: 'Not Found' });
			return;
		}
		const session = startSession(response, admin);
		this.container.pino.info({ user: admin.id, ip: clientAddress(request) }, 'Dashboard: sandbox sign-in as the seeded admin');
		response.json(answer(session));
	}
}

function redirect(response: ApiResponse, location: string): void {
	response.status(302).setHeader('location', location);
	response.setHeader('cache-control', 'no-store');
	response.end();
}

export class DiscordSignInRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, {
			...options,
			route: 'session/discord',
			methods: ['GET'],
			auth: 'public',
			schema: {
				summary: 'Sign in to the dashboard with Discord (OAuth2): redirects to Discord\'s authorize page',
				description:
					'Sets a short-lived `monster_oauth_state` cookie holding the `state` sent to Discord; the callback must bring the same back (against cross-site sign-in forgery). Needs DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET; 404 otherwise.',
				tags: ['dashboard'],
				responses: { 302: { description: 'To Discord\'s authorize page' }, 404: { description: 'Discord sign-in is not configured', schema: z.object({ error: z.string() }) } }
			}
		});
	}

	public override run(request: ApiRequest, response: ApiResponse) {
		if (!discordSignInAvailable()) {
			response.status(404).json({ error: 'Not Found' });
			return;
		}
		redirect(response, authorizeUrl(startOAuthState(response), redirectUri(request.headers.host)));
	}
}

const callbackSchema = {
	summary: 'Discord sends the browser back here after the sign-in: checks the state, exchanges the code, admits admins only',
	description:
		'Redirects to `/dashboard` signed in (session cookie set) when the Discord user is one of the bot\'s owners, a server\'s owner, a member holding Administrator or a role the permission matrix lets run the admin commands; otherwise to `/dashboard?signIn=refused` (or `cancelled`, `expired` for a missing or wrong state, `failed`).',
	tags: ['dashboard'],
	query: z.object({ code: z.string().max(200).optional(), state: z.string().max(200).optional(), error: z.string().max(200).optional() }),
	responses: { 302: { description: 'To the dashboard, signed in or with why not' }, 404: { description: 'Discord sign-in is not configured', schema: z.object({ error: z.string() }) } }
} satisfies RouteSchema;

export class DiscordCallbackRoute extends Route {
	constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: 'session/discord/callback', methods: ['GET'], auth: 'public', schema: callbackSchema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		if (!discordSignInAvailable()) {
			response.status(404).json({ error: 'Not Found' });
			return;
		}
		const { code, state, error } = inputOf(request, callbackSchema).query;
		const log = this.container.pino;
		const ip = clientAddress(request);
		if (!takeOAuthState(request, response, state)) {
			log.warn({ ip }, 'Dashboard: Discord sign-in refused, its state is missing or not this browser\'s');
			return redirect(response, '/dashboard?signIn=expired');
		}
		if (error || !code) return redirect(response, '/dashboard?signIn=cancelled');
		let user;
		try {
			user = await userOfCode(code, redirectUri(request.headers.host));
		} catch (failure) {
			log.warn({ ip, err: failure instanceof DiscordSignInError ? failure.message : failure }, 'Dashboard: Discord sign-in failed');
			return redirect(response, '/dashboard?signIn=failed');
		}
		const access = await dashboardAccess(user.id);
		if (!access) {
			log.warn({ user: user.id, ip }, 'Dashboard: Discord sign-in refused, not an admin');
			return redirect(response, '/dashboard?signIn=refused');
		}
		startSession(response, user, access.guildIds);
		log.info({ user: user.id, ip, guildIds: access.guildIds ?? 'all' }, 'Dashboard: Discord sign-in');
		redirect(response, '/dashboard');
	}
}
