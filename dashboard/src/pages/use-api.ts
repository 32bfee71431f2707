// Loads one API answer for a page, with its loading and error states and a reload.
import { useCallback, useEffect, useState } from 'preact/hooks';

export function useApi<T>(load: () => Promise<T>, deps: unknown[] = []) {
	const [data, setData] = useState<T | undefined>(undefined);
	const [error, setError] = useState<string | undefined>(undefined);
	const reload = useCallback(() => {
		setError(undefined);
		load().then(setData, (failure: unknown) => setError((failure as Error).message));
	}, deps);
	useEffect(reload, [reload]);
	return { data, error, reload };
}
