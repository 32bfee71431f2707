/** The admin plugin's part of a member's data (RGPD): their permission overwrites kept by chantier archives. */
import type { MemberDataHandler } from '#core/plugin-kit.ts';
import { forgetMemberInArchives, memberOverwritesInArchives } from './chantiers.ts';

/** Bot-wide (a snapshot is keyed by chantier): unarchiving after the erasure gives the member no overwrite back. */
export const adminMemberData: MemberDataHandler = {
	async export({ userId }) {
		return { chantierArchiveOverwrites: await memberOverwritesInArchives(userId) };
	},
	async erase({ userId }) {
		return { chantier_archive_snapshots: await forgetMemberInArchives(userId) };
	}
};
