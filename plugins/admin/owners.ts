/** Who may act for every server at once (bot-wide switches, settings and reloads). */
import { container } from '@sapphire/framework';

/** With several servers, one server's administrators must not decide for the others: only the bot's owners may. */
export function speaksForAll(actorId: string): boolean {
	const { config } = container;
	return config.DISCORD_GUILD_IDS.length <= 1 || config.BOT_OWNER_IDS.includes(actorId);
}
