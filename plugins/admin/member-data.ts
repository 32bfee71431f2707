/** The admin plugin's part of a member's data (RGPD): their permission overwrites kept by chantier archives, the announcements they wrote. */
import { container } from '@sapphire/framework';
import type { MemberDataHandler } from '#core/plugin-kit.ts';
import { announcementsOfMember, forgetMemberInAnnouncements } from './announcements.ts';
import { forgetMemberInArchives, memberOverwritesInArchives } from './chantiers.ts';

/** Bot-wide (a snapshot is keyed by chantier): unarchiving after the erasure gives the member no overwrite back. */
export const adminMemberData: MemberDataHandler = {
	async export({ guildId, userId }) {
		return { chantierArchiveOverwrites: await memberOverwritesInArchives(userId), announcements: await announcementsOfMember(container.db, guildId, userId) };
	},
	async erase({ guildId, userId }) {
		return { chantier_archive_snapshots: await forgetMemberInArchives(userId), announcements: await forgetMemberInAnnouncements(container.db, guildId, userId) };
	}
};
