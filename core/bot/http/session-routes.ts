// GET/DELETE /api/session and POST /api/session/sandbox: who is signed in to the dashboard, sign-out, and the sandbox's one-click sign-in as the seeded admin.
import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { endSession, sandboxSignIn, sessionOf, startSession, type DashboardSession } from './session.ts';

const sessionAnswer = z.object({
	user: z.object({ id: z.string(), name: z.string() }),
	csrf: z.string().describe('Echo it in the x-csrf-token header of every state-changing call made with the session cookie'),
	sandbox: z.boolean()
});
const signInOptions = z.object({ sandbox: z.boolean(), discord: z.boolean() });

const answer = (session: DashboardSession) => ({ user: { id: session.userId, name: session.name }, csrf: session.csrf, sandbox: sandboxSignIn() !== undefined });

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
			response.status(401).json({ error: 'Not signed in', signIn: { sandbox: sandboxSignIn() !== undefined, discord: false } });
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
		this.container.pino.info({ user: admin.id, ip: request.socket.remoteAddress }, 'Dashboard: sandbox sign-in as the seeded admin');
		response.json(answer(session));
	}
}
