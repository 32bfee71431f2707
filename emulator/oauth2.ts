// Discord's OAuth2 authorization-code flow, enough for a web sign-in: a consent page (one button per member of the first server), code → access token, token → GET /users/@me.
import type { ServerResponse } from 'node:http';
import { DiscordApiError } from './http.ts';
import { randomToken } from './ids.ts';
import type { DiscordState } from './state.ts';

/** Discord answers token errors in OAuth2's shape (`{ error, error_description }`), not its API's. */
class OAuth2Error extends DiscordApiError {
	readonly error: string;

	constructor(
		error: string,
		description: string
	) {
		super(400, 0, description);
		this.error = error;
	}

	override toJSON(): Record<string, unknown> {
		return { error: this.error, error_description: this.message };
	}
}

interface Grant {
	userId: string;
	redirectUri: string;
	expiresAt: number;
}

/** Codes live 10 minutes and serve once; tokens a week, as Discord's. */
const codeLifetimeMs = 10 * 60_000;
const tokenLifetimeSeconds = 7 * 24 * 3600;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export class OAuth2Provider {
	/** The application's client secret: the app exchanging a code must send it with `client_id`. */
	readonly clientSecret: string;
	readonly #codes = new Map<string, Grant>();
	readonly #tokens = new Map<string, { userId: string; expiresAt: number }>();

	private readonly state: DiscordState;
	private readonly applicationId: string;
	private readonly consentGuildId: () => string;

	constructor(
		state: DiscordState,
		applicationId: string,
		consentGuildId: () => string,
		clientSecret?: string
	) {
		this.state = state;
		this.applicationId = applicationId;
		this.consentGuildId = consentGuildId;
		this.clientSecret = clientSecret ?? randomToken(32);
	}

	/**
	 * `GET /oauth2/authorize?response_type=code&client_id&redirect_uri&scope&state`: a page listing the
	 * server's members, each a link that consents as that member (`&login_as=<user id>`), and a refusal;
	 * with `login_as`, the redirect back to `redirect_uri` with `code` and `state` (or `error=access_denied`).
	 */
	authorize(url: URL, response: ServerResponse): void {
		const query = url.searchParams;
		const redirectUri = query.get('redirect_uri') ?? '';
		const refuse = (message: string): void => void response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
		if (query.get('client_id') !== this.applicationId) return refuse('Invalid OAuth2 client_id: it must be the application id');
		if (query.get('response_type') !== 'code') return refuse('Only response_type=code is supported');
		if (!/^https?:\/\//.test(redirectUri)) return refuse('Invalid OAuth2 redirect_uri');
		if (!(query.get('scope') ?? '').split(/[ +]/).includes('identify')) return refuse('The scope must include identify');
		const back = new URL(redirectUri);
		const state = query.get('state');
		if (state !== null) back.searchParams.set('state', state);

		const consent = query.get('login_as');
		if (consent === 'deny') {
			back.searchParams.set('error', 'access_denied');
			response.writeHead(302, { location: back.href }).end();
			return;
		}
		if (consent) {
			if (!this.state.users.has(consent)) return refuse(`No user ${consent}`);
			const code = randomToken(30);
			this.#codes.set(code, { userId: consent, redirectUri, expiresAt: Date.now() + codeLifetimeMs });
			back.searchParams.set('code', code);
			response.writeHead(302, { location: back.href }).end();
			return;
		}
		const members = [...this.state.members(this.consentGuildId()).keys()].map((id) => this.state.userPayload(id)).filter((user) => !user.bot);
		const link = (value: string) => {
			const target = new URL(url.href);
			target.searchParams.set('login_as', value);
			return escapeHtml(`${target.pathname}${target.search}`);
		};
		const items = members.map((user) => `<li><a data-testid="consent-${escapeHtml(user.username)}" href="${link(user.id)}">${escapeHtml(user.global_name ?? user.username)} (@${escapeHtml(user.username)})</a></li>`);
		const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Discord local — autoriser</title></head>
<body><h1>Autoriser l'application ?</h1><p>Serveur Discord local : choisissez le membre qui se connecte.</p>
<ul>${items.join('')}</ul><p><a data-testid="consent-deny" href="${link('deny')}">Refuser</a></p></body></html>`;
		response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
	}

	/** `POST /oauth2/token` (form or JSON): `grant_type=authorization_code`, `code`, `redirect_uri`, `client_id`, `client_secret`. */
	token(body: unknown): Record<string, unknown> {
		const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		if (form.client_id !== this.applicationId || form.client_secret !== this.clientSecret) throw new OAuth2Error('invalid_client', 'Invalid client');
		if (form.grant_type !== 'authorization_code') throw new OAuth2Error('unsupported_grant_type', 'Unsupported grant type');
		const grant = typeof form.code === 'string' ? this.#codes.get(form.code) : undefined;
		if (!grant || grant.expiresAt < Date.now()) throw new OAuth2Error('invalid_grant', 'Invalid "code" in request.');
		this.#codes.delete(form.code as string);
		if (form.redirect_uri !== grant.redirectUri) throw new OAuth2Error('invalid_grant', 'Invalid "redirect_uri" in request.');
		const accessToken = randomToken(30);
		this.#tokens.set(accessToken, { userId: grant.userId, expiresAt: Date.now() + tokenLifetimeSeconds * 1000 });
		return { access_token: accessToken, token_type: 'Bearer', expires_in: tokenLifetimeSeconds, refresh_token: randomToken(30), scope: 'identify' };
	}

	/** The user a `Bearer` access token stands for, if it is one this server issued and it has not expired. */
	userOf(authorization: string | undefined): string | undefined {
		const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
		const grant = token ? this.#tokens.get(token) : undefined;
		return grant && grant.expiresAt > Date.now() ? grant.userId : undefined;
	}
}
