/** The team plugin's part of a member's data (RGPD): the language they chose with /langue. */
import { container } from '@sapphire/framework';
import type { MemberDataHandler } from '#core/plugin-kit.ts';

/** Bot-wide, like /langue itself: the erasure forgets the choice on every instance. */
export const teamMemberData: MemberDataHandler = {
	async export({ userId }) {
		return { language: container.memberLocales.chosen(userId) ?? null };
	},
	async erase({ userId }) {
		if (!container.memberLocales.chosen(userId)) return { language_choices_deleted: 0 };
		await container.memberLocales.set(userId, null);
		return { language_choices_deleted: 1 };
	}
};
