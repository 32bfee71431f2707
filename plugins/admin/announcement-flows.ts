// What /annonce and its confirmation share: how an announcement is shown, and its deletion once confirmed.
import { container } from '@sapphire/framework';
import type { Logger } from 'pino';
import { recordAudit } from '#core/audit.ts';
import { escapeUserText, type ConfirmOutcome, type ConfirmRequest } from '#core/plugin-kit.ts';
import { deleteAnnouncement } from './announcements.ts';
import type { Announcement } from './schema.ts';
import { text } from './text.ts';

export const deleteAnnouncementAction = 'admin.delete-announcement';

/** The id as `/annonce liste` shows it and `/annonce supprimer` accepts it typed. */
export const shortId = (id: string) => id.slice(0, 8);

export const clockTime = ({ hour, minute }: Pick<Announcement, 'hour' | 'minute'>) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

export const stamp = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:f>`;

/** The first words of the message on one line, markdown and mentions neutralised. */
export function preview(message: string, length = 80): string {
	const line = message.replace(/\s+/g, ' ').trim();
	return escapeUserText(line.length > length ? `${line.slice(0, length - 1)}…` : line);
}

export function deleteOnConfirm(logger: Logger) {
	return async ({ args, locale, interaction }: ConfirmRequest<{ guildId: string; id: string }>): Promise<ConfirmOutcome> => {
		const t = text(locale);
		if (!(await deleteAnnouncement(container.db, args.guildId, args.id))) return { kind: 'warning', title: t('announceRefusedTitle'), description: t('announceAlreadyGone') };
		logger.info({ guildId: args.guildId, announcement: args.id, actorId: interaction.user.id }, 'Announcement deleted');
		await recordAudit({ kind: 'action_admin', guildId: args.guildId, actorId: interaction.user.id, action: 'announcement.delete', target: args.id });
		return { title: t('announceDeletedTitle') };
	};
}
