// A list that failed to load, said in the page's language (the API's and the browser's reasons are English), with a retry.
import { ApiError } from '../api.ts';
import { t } from '../i18n.ts';

/** A plugin's routes answer 404 while it is off, bot-wide (the route guard) or in this server (`refuseGuild`). */
export const pluginIsOff = (failure: Error) => failure instanceof ApiError && failure.status === 404;

export function LoadFailed({ message, onRetry, testId }: { message: string; onRetry: () => void; testId: string }) {
	return (
		<p class="error" role="alert" data-testid={testId}>
			{message}{' '}
			<button type="button" class="link" onClick={onRetry}>
				{t('retry')}
			</button>
		</p>
	);
}
