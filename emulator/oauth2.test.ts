import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordServer } from './index.ts';
import type { DiscordServer } from './index.ts';

/** The OAuth2 authorization-code flow a web sign-in goes through, by plain HTTP as a browser and a back end would. */
describe('OAuth2 authorization-code flow', () => {
	let server: DiscordServer;
	const redirectUri = 'http://127.0.0.1:1/callback';
	const authorize = (extra: Record<string, string> = {}) => {
		const url = new URL(server.apiUrl.replace(/\/api$/, '/oauth2/authorize'));
		for (const [key, value] of Object.entries({ response_type: 'code', client_id: server.applicationId, redirect_uri: redirectUri, scope: 'identify', state: 'xyz', ...extra })) {
			url.searchParams.set(key, value);
		}
		return fetch(url, { redirect: 'manual' });
	};
	const exchange = (code: string, overrides: Record<string, string> = {}) =>
		fetch(`${server.apiUrl}/v10/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: server.applicationId, client_secret: server.oauth2.clientSecret, ...overrides })
		});

	beforeEach(async () => {
		server = await startDiscordServer();
	});
	afterEach(() => server.stop());

	it('shows a consent page listing the members, and refuses a wrong client id', async () => {
		const page = await authorize();
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('data-testid="consent-alice"');
		expect(html).toContain('data-testid="consent-camille"');
		expect(html).not.toContain('consent-Monster');
		expect((await authorize({ client_id: '1' })).status).toBe(400);
	});

	it('redirects back with a code and the state; the code gives a token once; the token gives the user', async () => {
		const alice = server.guild.members.alice!;
		const consent = await authorize({ login_as: alice });
		expect(consent.status).toBe(302);
		const back = new URL(consent.headers.get('location')!);
		expect(back.origin + back.pathname).toBe(redirectUri);
		expect(back.searchParams.get('state')).toBe('xyz');
		const code = back.searchParams.get('code')!;

		expect(await (await exchange(code, { client_secret: 'wrong' })).json()).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
		const token = await exchange(code);
		expect(token.status).toBe(200);
		const { access_token, token_type } = (await token.json()) as { access_token: string; token_type: string };
		expect(token_type).toBe('Bearer');
		expect((await exchange(code)).status).toBe(400);

		const me = await fetch(`${server.apiUrl}/v10/users/@me`, { headers: { authorization: `Bearer ${access_token}` } });
		expect(await me.json()).toMatchObject({ id: alice, username: 'alice' });
		expect((await fetch(`${server.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
		expect((await fetch(`${server.apiUrl}/v10/guilds/${server.guild.id}`, { headers: { authorization: `Bearer ${access_token}` } })).status).toBe(401);
	});

	it('sends a refusal back as access_denied', async () => {
		const refused = await authorize({ login_as: 'deny' });
		const back = new URL(refused.headers.get('location')!);
		expect(back.searchParams.get('error')).toBe('access_denied');
		expect(back.searchParams.get('state')).toBe('xyz');
	});
});
