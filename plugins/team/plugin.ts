import { container } from '@sapphire/framework';
import { definePlugin, memberData } from '#core/plugin-kit.ts';
import { summarySections } from './extension-points.ts';
import { teamMemberData } from './member-data.ts';
import { text } from './text.ts';

export default definePlugin({
	name: 'team',
	version: '1.0.0',
	description: {
		fr: 'Les bases de l’équipe : aide, ping, informations sur le bot, langue de chacun, présence, statistiques d’activité, résumé du jour.',
		en: 'The team’s basics: help, ping, bot information, everyone’s language, presence, activity statistics, summary of the day.'
	},
	discordPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'AttachFiles'],
	required: true,
	onLoad({ contribute }) {
		// The team's own line in /resume: who is online right now.
		contribute(summarySections, async ({ guildId, locale }) => {
			const guild = container.client.guilds.cache.get(guildId);
			if (!guild) return null;
			const people = guild.members.cache.filter((member) => !member.user.bot);
			const online = people.filter((member) => (member.presence?.status ?? 'offline') !== 'offline').size;
			return { title: text(locale)('teamSection'), lines: [text(locale)('teamOnline', { online, total: people.size })] };
		});
		contribute(memberData, teamMemberData);
	}
});
