// Lists read newest first, older pages on demand (Modération, Journaux): the pages and the « Plus anciennes » button.
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { useApi } from './use-api.ts';

export interface Paged<Row> {
	rows: Row[];
	loaded: boolean;
	error: Error | undefined;
	reload: () => void;
	more: () => Promise<void>;
	hasMore: boolean;
	loadingMore: boolean;
	moreFailed: boolean;
}

/** A list read a page at a time by `before` = the previous page's `nextCursor`; `deps` are its filters. */
export function usePages<Row>(load: (before?: number) => Promise<{ rows: Row[]; nextCursor?: number }>, deps: unknown[]): Paged<Row> {
	const [older, setOlder] = useState<Row[]>([]);
	const [cursor, setCursor] = useState<number | undefined>(undefined);
	const [loadingMore, setLoadingMore] = useState(false);
	const [moreFailed, setMoreFailed] = useState(false);
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
		asking.current = true;
		setLoadingMore(true);
		setMoreFailed(false);
		try {
			const page = await load(cursor);
			if (current !== generation.current) return;
			setOlder((rows) => [...rows, ...page.rows]);
			setCursor(page.nextCursor);
		} catch {
			if (current === generation.current) setMoreFailed(true);
		} finally {
			if (current === generation.current) {
				asking.current = false;
				setLoadingMore(false);
			}
		}
	};
	return { rows: [...(first.data?.rows ?? []), ...older], loaded: Boolean(first.data), error: first.error, reload: first.reload, more, hasMore: cursor !== undefined, loadingMore, moreFailed };
}

/**
 * « Plus anciennes », and why it did nothing when the page failed to load: the rows shown stay, the button stays to try
 * again. While a page loads it says so with `aria-disabled` rather than `disabled`, which would drop the keyboard's focus.
 */
export function OlderButton({ pages, testId }: { pages: Paged<unknown>; testId: string }) {
	return (
		<>
			{pages.moreFailed && (
				<p class="error" role="alert" data-testid={`${testId}-failed`}>
					{t('moreFailed')}
				</p>
			)}
			{pages.hasMore && (
				<button type="button" aria-disabled={pages.loadingMore} onClick={() => void pages.more()} data-testid={testId}>
					{t('more')}
				</button>
			)}
		</>
	);
}
