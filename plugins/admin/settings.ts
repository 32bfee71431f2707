import { PermissionFlagsBits } from 'discord.js';
import { z } from 'zod';
import { inEachLanguage } from '#core/plugin-kit.ts';

/** A Discord permission by its name in discord.js: `SendMessages`, `ViewChannel`, `AttachFiles`… */
const permissionName = z.enum(Object.keys(PermissionFlagsBits) as [keyof typeof PermissionFlagsBits, ...(keyof typeof PermissionFlagsBits)[]]);

/** What a role may or may not do in one channel; `@everyone`, a role's name (any case) or its id. */
const overwriteTemplate = z.object({
	role: z.string().trim().min(1).max(100),
	allow: z.array(permissionName).default([]),
	deny: z.array(permissionName).default([])
});

const channelTemplate = z.object({
	name: z.string().trim().min(1).max(100),
	type: z.enum(['texte', 'vocal']).default('texte'),
	topic: z.string().max(1024).optional(),
	overwrites: z.array(overwriteTemplate).max(20).default([])
});

export type ChannelTemplate = z.output<typeof channelTemplate>;

/**
 * Stored in `bot_config` (`plugins.admin.settings`, and per server), changed with `/config admin …`.
 * The template of a chantier's Discord space: what `/creerchantier` creates.
 */
export const adminSettings = z.object({
	/** Name of a new chantier's category: `{code}` and `{nom}` are replaced. */
	chantierCategoryName: z.string().trim().min(1).max(100).default('{code} · {nom}'),
	/** The channels of a new chantier's category, in order; the first text channel is the chantier's own. */
	chantierChannels: z
		.array(channelTemplate)
		.min(1)
		.max(20)
		.refine((channels) => channels.some((channel) => channel.type === 'texte'), inEachLanguage({ fr: 'au moins un salon texte', en: 'at least one text channel' }))
		.default([
			{ name: 'général', type: 'texte', overwrites: [] },
			{ name: 'photos', type: 'texte', topic: 'Photos du chantier', overwrites: [] },
			{ name: 'planning', type: 'texte', topic: 'Planning du chantier (publié par le bot et les responsables)', overwrites: [{ role: '@everyone', allow: [], deny: ['SendMessages'] }] },
			{ name: 'documents', type: 'texte', topic: 'Plans, devis et comptes rendus', overwrites: [] }
		])
});

export type AdminSettings = z.output<typeof adminSettings>;
