// The dashboard's session: an AES-256-GCM sealed cookie (encrypted and authenticated, node:crypto), keyed by DASHBOARD_SECRET, with a CSRF token.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';

export const sessionCookie = 'monster_session';
/** The header every state-changing call made with the session cookie must carry, equal to the session's `csrf`. */
export const csrfHeader = 'x-csrf-token';
const lifetimeSeconds = 12 * 3600;

export interface DashboardSession {
	userId: string;
	name: string;
	/** Double-submit token: the page reads it from GET /api/session and echoes it in `x-csrf-token`. */
	csrf: string;
	/** Expiry, in ms since the epoch: checked inside the sealed payload, whatever the browser keeps. */
	expiresAt: number;
	/**
	 * The servers this admin may act on, when the bot serves several and they are not one of its owners
	 * (as `/config` and `/plugins` keep bot-wide changes for BOT_OWNER_IDS); absent: every server and bot-wide.
	 */
	guildIds?: string[];
}

/** Whether a session may change things in this server (or bot-wide, without one). */
export function sessionMayActOn(session: Pick<DashboardSession, 'guildIds'>, guildId: string | undefined | null): boolean {
	if (!session.guildIds) return true;
	return guildId ? session.guildIds.includes(guildId) : false;
}

/** The same for any request: API keys are not limited to servers; a session may be. */
export function callerMayActOn(request: ApiRequest, guildId: string | undefined | null): boolean {
	const session = callerSession(request);
	return !session || sessionMayActOn(session, guildId);
}

/** The servers a caller is limited to (a dashboard session of one server's admin); undefined: every one. */
export function callerGuildIds(request: ApiRequest): string[] | undefined {
	return callerSession(request)?.guildIds;
}

/** The session a call is made with: none when it carries a key, which wins over a cookie. */
function callerSession(request: ApiRequest): DashboardSession | undefined {
	return request.headers.authorization || request.headers['x-api-key'] ? undefined : sessionOf(request);
}

let key: Buffer = randomBytes(32);
let secureCookie = false;
let sandboxAdmin: { id: string; name: string } | undefined;

/**
 * DASHBOARD_SECRET (at least 32 characters) keys the cookie; without it a random key per process is
 * used, so sessions end when the bot restarts. `secure` adds the cookie's Secure flag (HTTPS deployments).
 */
export function configureSessions(options: { secret?: string; secure?: boolean; sandboxAdmin?: { id: string; name: string } }): void {
	key = options.secret ? createHash('sha256').update(`monster-dashboard:${options.secret}`).digest() : randomBytes(32);
	secureCookie = options.secure ?? false;
	sandboxAdmin = options.sandboxAdmin;
}

/** The seeded admin of the local Discord server, in sandbox mode only. */
export const sandboxSignIn = () => sandboxAdmin;

export function seal(session: DashboardSession): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The session in a sealed value, or undefined when forged, tampered with, sealed by another key, or expired. */
export function unseal(value: string): DashboardSession | undefined {
	try {
		const raw = Buffer.from(value, 'base64url');
		if (raw.length < 29) return undefined;
		const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
		decipher.setAuthTag(raw.subarray(12, 28));
		const session = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as DashboardSession;
		return session.expiresAt > Date.now() ? session : undefined;
	} catch {
		return undefined;
	}
}

function cookieValue(request: ApiRequest, name: string): string | undefined {
	for (const part of (request.headers.cookie ?? '').split(';')) {
		const [cookieName, ...value] = part.trim().split('=');
		if (cookieName === name) return value.join('=');
	}
	return undefined;
}

export const sessionOf = (request: ApiRequest): DashboardSession | undefined => {
	const value = cookieValue(request, sessionCookie);
	return value ? unseal(value) : undefined;
};

/** Whether a state-changing request carries the session's CSRF token (compared in constant time). */
export function csrfMatches(request: ApiRequest, session: DashboardSession): boolean {
	const given = request.headers[csrfHeader];
	if (typeof given !== 'string') return false;
	const a = Buffer.from(given);
	const b = Buffer.from(session.csrf);
	return a.length === b.length && timingSafeEqual(a, b);
}

const cookieAttributes = () => `Path=/; HttpOnly; SameSite=Strict${secureCookie ? '; Secure' : ''}`;

/** Adds a Set-Cookie header to those already set (a sign-in sets the session and clears the OAuth2 state). */
function addCookie(response: ApiResponse, cookie: string): void {
	const current = response.getHeader('set-cookie');
	response.setHeader('set-cookie', [...(Array.isArray(current) ? current : current === undefined ? [] : [String(current)]), cookie]);
}

/** The OAuth2 `state`, kept in the browser between the redirect to Discord and the callback. */
export const oauthStateCookie = 'monster_oauth_state';
const oauthStateAttributes = () =>
	// Lax, not Strict: the callback is a navigation coming back from Discord's site, which Strict would strip it from.
	`Path=/api/session/discord; HttpOnly; SameSite=Lax${secureCookie ? '; Secure' : ''}`;

/** A fresh random state, remembered for 10 minutes in its own cookie; the callback must bring the same back. */
export function startOAuthState(response: ApiResponse): string {
	const state = randomBytes(24).toString('base64url');
	addCookie(response, `${oauthStateCookie}=${state}; Max-Age=600; ${oauthStateAttributes()}`);
	return state;
}

/** Whether the callback's `state` is the one this browser was sent away with (then forgotten: one use). */
export function takeOAuthState(request: ApiRequest, response: ApiResponse, given: string | undefined): boolean {
	const kept = cookieValue(request, oauthStateCookie);
	addCookie(response, `${oauthStateCookie}=; Max-Age=0; ${oauthStateAttributes()}`);
	if (!kept || !given) return false;
	const a = Buffer.from(kept);
	const b = Buffer.from(given);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function startSession(response: ApiResponse, user: { id: string; name: string }, guildIds?: string[]): DashboardSession {
	const session: DashboardSession = {
		userId: user.id,
		name: user.name,
		csrf: randomBytes(24).toString('base64url'),
		expiresAt: Date.now() + lifetimeSeconds * 1000,
		...(guildIds ? { guildIds } : {})
	};
	addCookie(response, `${sessionCookie}=${seal(session)}; Max-Age=${lifetimeSeconds}; ${cookieAttributes()}`);
	return session;
}

export function endSession(response: ApiResponse): void {
	addCookie(response, `${sessionCookie}=; Max-Age=0; ${cookieAttributes()}`);
}
