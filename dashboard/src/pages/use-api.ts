// Loads one API answer for a page, with its loading and error states and a reload; only the latest request's answer is kept.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export function useApi<T>(load: () => Promise<T>, deps: unknown[] = []) {
	const [data, setData] = useState<T | undefined>(undefined);
	const [error, setError] = useState<Error | undefined>(undefined);
	/** The number of the latest request: a slower answer to an earlier one (older filters) would show over the newer. */
	const latest = useRef(0);
	const reload = useCallback(() => {
		const request = ++latest.current;
		setError(undefined);
		load().then(
			(answer) => {
				if (request === latest.current) setData(answer);
			},
			(failure: unknown) => {
				if (request === latest.current) setError(failure as Error);
			}
		);
	}, deps);
	useEffect(reload, [reload]);
	return { data, error, reload };
}
