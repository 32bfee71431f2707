import { DiscordApiError } from './http.ts';

/** The answer of an injected failure; by default what Discord says when the bot lacks a permission. */
export interface FaultOptions {
	/** How many matching calls fail (default 1). */
	count?: number;
	/** How many matching calls succeed first (default 0): a failure midway through a sequence. */
	after?: number;
	status?: number;
	code?: number;
	message?: string;
}

interface PlannedFault {
	method: string;
	route: string;
	toSkip: number;
	remaining: number;
	error: () => DiscordApiError;
}

/**
 * Failures a test asks for, so the bot's handling of a Discord error midway (rollback, message to
 * the member) is tested against the real client: the next matching calls answer an error instead of
 * running, and are recorded like any call.
 */
export class FaultPlan {
	readonly #planned: PlannedFault[] = [];

	add(method: string, route: string, options: FaultOptions = {}): void {
		const { status = 403, code = 50013, message = 'Missing Permissions' } = options;
		this.#planned.push({ method, route, toSkip: options.after ?? 0, remaining: options.count ?? 1, error: () => new DiscordApiError(status, code, message) });
	}

	/** The error this call must answer, if a planned failure matches it; counts the call either way. */
	take(method: string, route: string): DiscordApiError | undefined {
		const fault = this.#planned.find((planned) => planned.method === method && planned.route === route);
		if (!fault) return undefined;
		if (fault.toSkip > 0) {
			fault.toSkip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.#planned.splice(this.#planned.indexOf(fault), 1);
		return fault.error();
	}
}
