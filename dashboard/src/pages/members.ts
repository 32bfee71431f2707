// What several pages share: the server's members (GET /api/discord/users) and the problems a refused edit names.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';

export interface Member {
	id: string;
	displayName: string;
	bot: boolean;
}

interface Problem {
	code?: string;
	path?: string;
	message: string;
}

/** What a refused edit names (`problems` from the commands' checks, `issues` from the schema, a refusal's `message`), as lines to show. */
export function problemLines(failure: unknown): string[] {
	if (failure instanceof ApiError && typeof failure.body === 'object' && failure.body) {
		const body = failure.body as { problems?: Problem[]; issues?: Problem[]; message?: string };
		const lines = [...(body.problems ?? []), ...(body.issues ?? []).map((issue) => ({ message: `${issue.path}: ${issue.message}` }))].map((problem) => problem.message);
		if (body.message) lines.push(body.message);
		if (lines.length > 0) return lines;
	}
	return [(failure as Error).message];
}

/** The server's members, bots left out; empty when the team plugin is off. */
export function useMembers() {
	const [members, setMembers] = useState<Member[]>([]);
	useEffect(() => {
		api<{ users: Member[] }>('/api/discord/users').then((answer) => setMembers(answer.users.filter((member) => !member.bot)), () => setMembers([]));
	}, []);
	return members;
}
