// The sign-in page: Discord (OAuth2, a plain link: the bot redirects to Discord and back) and, in sandbox mode, one click as the seeded admin.
import { useEffect, useState } from 'preact/hooks';
import { api, type Session } from './api.ts';
import { t, type TextKey } from './i18n.ts';

/** What GET /api/session says this server offers when nobody is signed in. */
export interface SignInOffers {
	sandbox: boolean;
	discord: boolean;
}

/** Why the Discord sign-in came back without a session (`/dashboard?signIn=…`, set by its callback). */
const outcomes = ['refused', 'cancelled', 'expired', 'failed'] as const;

export function SignIn({ offers, onSignedIn }: { offers: SignInOffers; onSignedIn: (session: Session) => void }) {
	const [error, setError] = useState('');
	const [outcome] = useState(() => outcomes.find((name) => name === new URLSearchParams(location.search).get('signIn')));
	useEffect(() => {
		// Said once: a reload of the page should not repeat it.
		if (location.search) history.replaceState(null, '', location.pathname + location.hash);
	}, []);
	const signInSandbox = async () => {
		try {
			onSignedIn(await api<Session>('/api/session/sandbox', { method: 'POST', body: {} }));
		} catch (failure) {
			setError((failure as Error).message);
		}
	};
	return (
		<main class="sign-in">
			<h1>{t('signInTitle')}</h1>
			{outcome && (
				<p class="error" role="alert" data-testid="sign-in-outcome">
					{t(`signIn_${outcome}` as TextKey)}
				</p>
			)}
			{offers.discord && (
				<p>
					<a class="button primary" href="/api/session/discord" data-testid="discord-sign-in">
						{t('signInDiscord')}
					</a>
				</p>
			)}
			{offers.sandbox && (
				<>
					<p>{t('signInSandboxHelp')}</p>
					<button type="button" class={offers.discord ? '' : 'primary'} data-testid="sandbox-sign-in" onClick={signInSandbox}>
						{t('signInSandbox')}
					</button>
				</>
			)}
			{!offers.discord && !offers.sandbox && <p>{t('signInUnavailable')}</p>}
			{error && <p class="error">{error}</p>}
		</main>
	);
}
