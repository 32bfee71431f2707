import { InteractionHandler, InteractionHandlerTypes, container } from '@sapphire/framework';
import { ButtonStyle, MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import { coreText } from '../bot/text.ts';
import { answerConfirm } from './confirm.ts';
import { buttonRow, disabledCopy } from './components.ts';
import { decodeCustomId, encodeCustomId, type UiCustomId } from './custom-id.ts';
import { buildEmbed, refusalEmbed, safeMentions } from './embeds.ts';
import { showForm, submitForm } from './form.ts';
import { renderPage } from './pager.ts';
import { pluginOfName } from './registry.ts';
import { localeOfTarget } from './target.ts';
import { uiText } from './ui-text.ts';
import { extendUiState, loadUiState, saveUiState, takeUiState, type UiState } from './ui-state.ts';

type ExpiredText = 'expiredList' | 'expired' | 'expiredForm';
type UiInteraction = ButtonInteraction | ModalSubmitInteraction;

const ephemeral = { flags: MessageFlags.Ephemeral, allowedMentions: safeMentions } as const;

/**
 * Answers presses on the kit's buttons (`ui:page|confirm|form:<key>:<action>`) from the state in
 * the cache, so any replica, or this one after a restart, can answer them.
 */
export class UiButtonHandler extends InteractionHandler {
	constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	public override parse(interaction: ButtonInteraction) {
		const id = decodeCustomId(interaction.customId);
		return id ? this.some(id) : this.none();
	}

	public override async run(interaction: ButtonInteraction, { kind, key, action }: UiCustomId) {
		if (kind === 'page') {
			const state = await loadUiState(key, 'page');
			if (!state) return expire(interaction, 'expiredList');
			if (!(await mayUse(interaction, state))) return;
			const view = await renderPage(key, state, Number(action));
			if (!view) return expire(interaction, 'expiredList');
			await extendUiState(key, state);
			await interaction.update({ ...view, allowedMentions: safeMentions });
		} else if (kind === 'confirm') {
			const pending = await loadUiState(key, 'confirm');
			if (pending && !(await mayUse(interaction, pending))) return;
			// Taken, not just read: a double press, or presses on two replicas, run the action once.
			const state = pending && (await takeUiState(key, 'confirm'));
			if (!state || !(await answerConfirm(interaction, state, action === 'yes'))) return expire(interaction, 'expired');
		} else {
			const state = await loadUiState(key, 'form');
			if (!state) return expire(interaction, 'expiredForm');
			if (!(await mayUse(interaction, state))) return;
			if (!(await showForm(interaction, key, state))) return expire(interaction, 'expiredForm');
		}
	}
}

/** Receives the kit's forms (`ui:form:<key>:submit`): validates, then runs the form's `submit`. */
export class UiModalHandler extends InteractionHandler {
	constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.ModalSubmit });
	}

	public override parse(interaction: ModalSubmitInteraction) {
		const id = decodeCustomId(interaction.customId);
		return id?.kind === 'form' && id.action === 'submit' ? this.some(id) : this.none();
	}

	public override async run(interaction: ModalSubmitInteraction, { key }: UiCustomId) {
		const state = await loadUiState(key, 'form');
		if (!state) return expire(interaction, 'expiredForm');
		if (!(await mayUse(interaction, state))) return;
		// Taken before running: the same form submitted twice (or on two replicas) runs once.
		if (!(await takeUiState(key, 'form'))) return expire(interaction, 'expiredForm');
		const outcome = await submitForm(interaction, state);
		if (outcome.status === 'gone') return expire(interaction, 'expiredForm');
		if (outcome.status === 'done') return;
		// Kept as a draft, so "Fix the form" reopens the modal with what the member typed.
		await saveUiState(key, { ...state, draft: outcome.draft, expiresAt: Date.now() + state.timeoutMs });
		const text = uiText(state.locale);
		const embed = buildEmbed({ kind: 'error', title: text('invalidTitle'), description: `${text('invalidIntro')}\n${outcome.problems}`, locale: state.locale });
		const reopen = buttonRow([{ customId: encodeCustomId({ kind: 'form', key, action: 'reopen' }), label: text('reopen'), style: ButtonStyle.Primary }]);
		await interaction.reply({ embeds: [embed], components: [reopen], ...ephemeral });
	}
}

/** Only the requester may press, and only while the plugin behind the state is on in this guild. */
async function mayUse(interaction: UiInteraction, state: UiState): Promise<boolean> {
	const locale = localeOfTarget(interaction);
	if (interaction.user.id !== state.requesterId) {
		await interaction.reply({ embeds: [refusalEmbed(locale, uiText(locale)('notYours'))], ...ephemeral });
		return false;
	}
	const plugin = pluginOfName(state.name);
	if (container.plugins.get(plugin) && !container.plugins.isActive(plugin, interaction.guildId)) {
		await interaction.reply({ embeds: [refusalEmbed(locale, coreText(locale)('pluginDisabled', { plugin }))], ...ephemeral });
		return false;
	}
	return true;
}

/** Greys out the buttons of the message pressed (if any) and tells the member to start again. */
async function expire(interaction: UiInteraction, textKey: ExpiredText): Promise<void> {
	const locale = localeOfTarget(interaction);
	const embed = buildEmbed({ kind: 'warning', title: uiText(locale)(textKey), locale });
	if (interaction.isButton()) {
		await interaction.update({ components: disabledCopy(interaction.message.components), allowedMentions: safeMentions });
		await interaction.followUp({ embeds: [embed], ...ephemeral });
	} else {
		await interaction.reply({ embeds: [embed], ...ephemeral });
	}
}
