import { ButtonStyle, type EmbedBuilder } from 'discord.js';
import type { Locale } from '../i18n.ts';
import { buttonRow, type ButtonRow } from './components.ts';
import { encodeCustomId, newStateKey } from './custom-id.ts';
import { footerText } from './embeds.ts';
import { greyOutWhenExpired } from './expiry.ts';
import { NamedRegistry } from './registry.ts';
import { respondWithMessage } from './respond.ts';
import { localeOfTarget, requesterOf, type UiTarget } from './target.ts';
import { uiText } from './ui-text.ts';
import { defaultUiTimeoutMs, saveUiState, type UiState } from './ui-state.ts';

export interface PageRequest<Data> {
	/** 1-based. */
	page: number;
	data: Data;
	locale: Locale;
}

export interface PageView {
	/** The kit sets the footer ("<bot> · Page 2/3"). */
	embed: EmbedBuilder;
	totalPages: number;
	/** The list was not counted to its end: `totalPages` is a lower bound, shown as "Page 2/125+". */
	morePages?: boolean;
	/** Added to the footer after the page, e.g. why the count is a lower bound. */
	footerNote?: string;
}

/** Builds one page from the list's data; called again on every press, possibly by another replica. */
export type PageRenderer<Data> = (request: PageRequest<Data>) => PageView | Promise<PageView>;

const pagers = new NamedRegistry<PageRenderer<unknown>>('pager');

/** Call from the plugin's `onLoad` and return the result, so unloading the plugin unregisters it. */
export function registerPager<Data>(name: string, render: PageRenderer<Data>): () => void {
	return pagers.register(name, render as PageRenderer<unknown>);
}

export interface PaginateOptions<Data> {
	/** A name given to `registerPager`. */
	pager: string;
	/** JSON kept in the cache for the list's lifetime: filters, or the items themselves for short lists. */
	data: Data;
	/** Only this member may turn pages; the member who ran the command by default. */
	requesterId?: string;
	locale?: Locale;
	/** Buttons die after this long without a press (default 5 minutes). */
	timeoutMs?: number;
	ephemeral?: boolean;
	page?: number;
}

/** Sends page `options.page` (1 by default) with ⬅️ ➡️ buttons when there is more than one page. */
export async function paginate<Data>(target: UiTarget, options: PaginateOptions<Data>): Promise<void> {
	const locale = options.locale ?? localeOfTarget(target);
	const timeoutMs = options.timeoutMs ?? defaultUiTimeoutMs;
	const key = newStateKey();
	const state: UiState = {
		kind: 'page',
		name: options.pager,
		requesterId: options.requesterId ?? requesterOf(target),
		locale,
		timeoutMs,
		expiresAt: Date.now() + timeoutMs,
		data: options.data
	};
	const view = await renderPage(key, state, options.page ?? 1);
	if (!view) throw new Error(`no pager registered as "${options.pager}"`);
	const paged = view.components.length > 0;
	if (paged) await saveUiState(key, state);
	const message = await respondWithMessage(target, { embeds: view.embeds, components: view.components, ephemeral: options.ephemeral });
	if (paged && message) greyOutWhenExpired('page', key, target, message, state.expiresAt);
}

/** The embed and buttons of one page, or null when its pager is gone (plugin unloaded). */
export async function renderPage(key: string, state: UiState, requestedPage: number): Promise<{ embeds: EmbedBuilder[]; components: ButtonRow[] } | null> {
	const render = pagers.get(state.name);
	if (!render) return null;
	const request = { data: state.data, locale: state.locale };
	let page = Math.max(1, requestedPage || 1);
	let view = await render({ ...request, page });
	// The list may have shrunk since the last press.
	if (page > view.totalPages && view.totalPages >= 1) {
		page = view.totalPages;
		view = await render({ ...request, page });
	}
	const totalPages = Math.max(1, view.totalPages);
	const text = uiText(state.locale);
	const pageText = `${text('page', { page, total: totalPages })}${view.morePages ? '+' : ''}`;
	view.embed.setFooter({ text: footerText(view.footerNote ? `${pageText} · ${view.footerNote}` : pageText) });
	if (totalPages === 1) return { embeds: [view.embed], components: [] };
	const id = (target: number) => encodeCustomId({ kind: 'page', key, action: String(target) });
	// The target page is in the custom id: two quick presses cannot lose an update, and the state stays read-only.
	const row = buttonRow([
		{ customId: id(page - 1), label: text('previous'), emoji: '⬅️', style: ButtonStyle.Secondary, disabled: page <= 1 },
		{ customId: id(page + 1), label: text('next'), emoji: '➡️', style: ButtonStyle.Secondary, disabled: page >= totalPages }
	]);
	return { embeds: [view.embed], components: [row] };
}

/** For lists kept whole in `data`: the items of one page and the page count. */
export function slicePage<Item>(items: readonly Item[], page: number, pageSize: number): { items: Item[]; totalPages: number } {
	const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
	const current = Math.min(Math.max(1, page), totalPages);
	return { items: items.slice((current - 1) * pageSize, current * pageSize), totalPages };
}
