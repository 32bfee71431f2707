// Lists read newest first, older pages on demand (Modération, Journaux): the pages and the « Plus anciennes » button.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { useApi } from './use-api.ts';

/** `List`: the element of the list, `<ul>` unless told. */
export interface Paged<Row, List extends HTMLElement = HTMLUListElement> {
	rows: Row[];
	loaded: boolean;
	error: Error | undefined;
	reload: () => void;
	more: () => Promise<void>;
	hasMore: boolean;
	loadingMore: boolean;
	moreFailed: boolean;
	/** The last page came after « Plus anciennes »: the end of the list is said. */
	ended: boolean;
	/** The list's element (`<ul ref={pages.list}>`), whose rows take the focus when the button goes. */
	list: RefObject<List | null>;
	/** The « Plus anciennes » button's element, to know whether it had the focus. */
	button: RefObject<HTMLButtonElement | null>;
}

/** A list read a page at a time by `before` = the previous page's `nextCursor`; `deps` are its filters. */
export function usePages<Row, List extends HTMLElement = HTMLUListElement>(load: (before?: number) => Promise<{ rows: Row[]; nextCursor?: number }>, deps: unknown[]): Paged<Row, List> {
	const [older, setOlder] = useState<Row[]>([]);
	const [cursor, setCursor] = useState<number | undefined>(undefined);
	const [loadingMore, setLoadingMore] = useState(false);
	const [moreFailed, setMoreFailed] = useState(false);
	const [ended, setEnded] = useState(false);
	const list = useRef<List | null>(null);
	const button = useRef<HTMLButtonElement | null>(null);
	/**
	 * The row to focus once shown: the button had the focus and goes with the last page, which would drop the focus on
	 * the page's body. The first row that page brought, or the last one shown when it brought none.
	 */
	const landing = useRef<number | undefined>(undefined);
	useEffect(() => {
		const row = landing.current === undefined ? undefined : list.current?.children[landing.current];
		landing.current = undefined;
		if (!(row instanceof HTMLElement)) return;
		row.tabIndex = -1;
		row.focus();
	});
	/** Which first page the older rows follow: an older page asked for before the filters changed is dropped. */
	const generation = useRef(0);
	/** An older page is on its way: a second press before the page re-renders would add the same rows twice. */
	const asking = useRef(false);
	const first = useApi(() => {
		const current = ++generation.current;
		asking.current = false;
		setCursor(undefined);
		setLoadingMore(false);
		setMoreFailed(false);
		setEnded(false);
		return load().then((page) => {
			if (current === generation.current) {
				setOlder([]);
				setCursor(page.nextCursor);
			}
			return page;
		});
	}, deps);
	const more = async () => {
		if (asking.current) return;
		const current = generation.current;
		const shown = (first.data?.rows.length ?? 0) + older.length;
		asking.current = true;
		setLoadingMore(true);
		setMoreFailed(false);
		try {
			const page = await load(cursor);
			if (current !== generation.current) return;
			setOlder((rows) => [...rows, ...page.rows]);
			setCursor(page.nextCursor);
			if (page.nextCursor === undefined) {
				setEnded(true);
				if (document.activeElement === button.current) landing.current = page.rows.length > 0 ? shown : shown - 1;
			}
		} catch {
			if (current === generation.current) setMoreFailed(true);
		} finally {
			if (current === generation.current) {
				asking.current = false;
				setLoadingMore(false);
			}
		}
	};
	return {
		rows: [...(first.data?.rows ?? []), ...older],
		loaded: Boolean(first.data),
		error: first.error,
		reload: first.reload,
		more,
		hasMore: cursor !== undefined,
		loadingMore,
		moreFailed,
		ended,
		list,
		button
	};
}

/**
 * « Plus anciennes », and why it did nothing when the page failed to load: the rows shown stay, the button stays to try
 * again. While a page loads it says so with `aria-disabled` rather than `disabled`, which would drop the keyboard's focus.
 * Once the last page is in, the button goes and a polite status says the list ends (present from the start, so it is
 * heard when its words come).
 */
export function OlderButton({ pages, testId }: { pages: Paged<unknown, HTMLElement>; testId: string }) {
	return (
		<>
			{pages.moreFailed && (
				<p class="error" role="alert" data-testid={`${testId}-failed`}>
					{t('moreFailed')}
				</p>
			)}
			<p class="muted list-end" role="status" data-testid={`${testId}-end`}>
				{pages.ended ? t('endOfList') : ''}
			</p>
			{pages.hasMore && (
				<button type="button" ref={pages.button} aria-disabled={pages.loadingMore} onClick={() => void pages.more()} data-testid={testId}>
					{t('more')}
				</button>
			)}
		</>
	);
}
