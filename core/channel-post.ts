// A message or an embed posted to a server's channel on an integration's behalf (HTTP API, n8n): one contract and one way to fail.
import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { z } from 'zod';
import { findTextChannel } from './channels.ts';
import { buildEmbed, embedKinds, footerText, safeMentions } from './ui/embeds.ts';

export const channelReference = z.string().trim().min(1).max(100).describe('A channel id, mention (<#id>), name or #name');

/** Discord's cap on an embed's characters all together; past it the whole message is refused. */
const maxEmbedCharacters = 6000;

export const embedInput = z
	.object({
		kind: z.enum(['info', 'success', 'warning', 'error']).default('info'),
		title: z.string().trim().min(1).max(240),
		description: z.string().max(4096).optional(),
		url: z.url({ protocol: /^https?$/ }).optional(),
		fields: z
			.array(z.object({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean().optional() }))
			.max(25)
			.optional()
	})
	.check((check) => {
		const { kind, title, description, fields } = check.value;
		// Counted as Discord counts the embed the bot sends: with the kind's icon before the title and the bot's footer.
		const characters =
			`${embedKinds[kind].icon} ${title}`.length +
			(description?.length ?? 0) +
			(fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
			footerText().length;
		if (characters > maxEmbedCharacters) {
			check.issues.push({
				code: 'custom',
				input: check.value,
				message: `${characters} characters with the title's icon and the footer (title, description, fields' names and values): Discord takes ${maxEmbedCharacters} at most`
			});
		}
	});

export const postedMessage = z.object({ id: z.string(), channelId: z.string(), url: z.string() });

export type ChannelPostOutcome =
	| { ok: true; message: z.output<typeof postedMessage> }
	| { ok: false; reason: 'unknownChannel' }
	| { ok: false; reason: 'refused'; error: string };

/** Posts to a text channel named by id or name; nobody is pinged; a Discord refusal (missing permission) comes back, never thrown. */
export async function postToChannel(
	guild: Guild,
	channel: string,
	{ content, embed }: { content?: string; embed?: z.output<typeof embedInput> }
): Promise<ChannelPostOutcome> {
	const target = findTextChannel(guild, channel);
	if (!target) return { ok: false, reason: 'unknownChannel' };
	const built = embed ? buildEmbed({ kind: embed.kind, title: embed.title, description: embed.description, fields: embed.fields }) : undefined;
	if (built && embed?.url) built.setURL(embed.url);
	try {
		const sent = await target.send({ content: content || undefined, embeds: built ? [built] : [], allowedMentions: safeMentions });
		return { ok: true, message: { id: sent.id, channelId: sent.channelId, url: sent.url } };
	} catch (error) {
		container.pino.warn({ err: error, channel: target.id }, 'Message refused by Discord');
		return { ok: false, reason: 'refused', error: (error as Error).message };
	}
}
