/**
 * Members' data (RGPD: access and erasure). Each plugin that keeps something about a member
 * contributes a handler that exports it and deletes or anonymises it; `/mesdonnees` and `/oublier`
 * (admin plugin) call every active plugin's handler without knowing them.
 */
import { extensionPoint } from './host/extension-points.ts';

export interface MemberRef {
	guildId: string;
	userId: string;
}

export interface MemberDataHandler {
	/** What this plugin holds about the member in this server, as JSON (rows, settings, files' names). */
	export(member: MemberRef): Promise<unknown>;
	/** Deletes or anonymises it; answers what was done per table, for the audit line (`{ tasks_assigned: 3 }`). */
	erase(member: MemberRef): Promise<Record<string, number>>;
}

/** `ctx.contribute(memberData, { export, erase })` from the plugin's onLoad. */
export const memberData = extensionPoint<MemberDataHandler>('core.member-data');
