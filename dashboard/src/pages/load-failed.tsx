// A list that failed to load, said in the page's language (the API's and the browser's reasons are English), with a retry.
import { t } from '../i18n.ts';

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
