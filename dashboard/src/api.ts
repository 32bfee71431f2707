// Calls the bot's documented HTTP API with the session cookie, adding the CSRF token to state-changing calls.
export interface Session {
	user: { id: string; name: string };
	csrf: string;
	sandbox: boolean;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown
	) {
		super(typeof body === 'object' && body && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${status}`);
	}
}

let csrf = '';
export const useCsrf = (token: string) => {
	csrf = token;
};

/** JSON from the API; `accept` lists statuses answered with a usable body besides 2xx (e.g. 503 for health). */
export async function api<T>(path: string, options: { method?: string; body?: unknown; accept?: number[] } = {}): Promise<T> {
	const method = options.method ?? 'GET';
	const headers: Record<string, string> = { accept: 'application/json' };
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
	const response = await fetch(path, { method, headers, credentials: 'same-origin', body: options.body === undefined ? undefined : JSON.stringify(options.body) });
	const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
	if (!response.ok && !options.accept?.includes(response.status)) throw new ApiError(response.status, body);
	return body as T;
}
