// The dashboard's shell: session check, sign-in, navigation by #fragment, language switch.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, useCsrf, type Session } from './api.ts';
import { lang, setLang, t } from './i18n.ts';
import { ChatPage } from './pages/chat.tsx';
import { ChantiersPage } from './pages/chantiers.tsx';
import { LogsPage } from './pages/logs.tsx';
import { ModerationPage } from './pages/moderation.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PluginsPage } from './pages/plugins.tsx';
import { TasksPage } from './pages/tasks.tsx';
import { SignIn, type SignInOffers } from './sign-in.tsx';
import './style.css';

const pages = { overview: OverviewPage, plugins: PluginsPage, tasks: TasksPage, chantiers: ChantiersPage, moderation: ModerationPage, logs: LogsPage, chat: ChatPage } as const;
/** Pages that exist only in sandbox mode. */
const sandboxPages = new Set<PageName>(['chat']);
type PageName = keyof typeof pages;
const pageOf = (hash: string): PageName => (hash.replace(/^#\/?/, '') in pages ? (hash.replace(/^#\/?/, '') as PageName) : 'overview');

function App() {
	const [session, setSession] = useState<Session | null | undefined>(undefined);
	const [offers, setOffers] = useState<SignInOffers>({ sandbox: false, discord: false });
	const [page, setPage] = useState<PageName>(pageOf(location.hash));
	const [, setLangState] = useState(lang.value);

	/** Who is signed in; when nobody is, which sign-ins this server offers. */
	const loadSession = () =>
		api<Session>('/api/session')
			.then((current) => {
				useCsrf(current.csrf);
				setSession(current);
			})
			.catch((error: unknown) => {
				if (error instanceof ApiError && error.status === 401) setOffers({ sandbox: false, discord: false, ...(error.body as { signIn?: SignInOffers }).signIn });
				setSession(null);
			});

	useEffect(() => {
		const onHash = () => setPage(pageOf(location.hash));
		addEventListener('hashchange', onHash);
		void loadSession();
		return () => removeEventListener('hashchange', onHash);
	}, []);

	useEffect(() => {
		document.title = t('title');
	});

	const switchLang = () => {
		setLang(lang.value === 'fr' ? 'en' : 'fr');
		setLangState(lang.value);
	};
	const signOut = async () => {
		await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
		useCsrf('');
		// A page opened signed in never learnt the sign-ins on offer: ask now, or the sign-in page offers none.
		await loadSession();
	};

	const header = (
		<header>
			<strong class="brand">Monster</strong>
			{session && (
				<nav>
					{(Object.keys(pages) as PageName[]).filter((name) => session.sandbox || !sandboxPages.has(name)).map((name) => (
						<a href={`#/${name}`} class={name === page ? 'current' : ''} aria-current={name === page ? 'page' : undefined}>
							{t(name)}
						</a>
					))}
				</nav>
			)}
			<span class="spacer" />
			<button type="button" class="link" onClick={switchLang} lang={lang.value === 'fr' ? 'en' : 'fr'}>
				{t('language')}
			</button>
			{session && (
				<>
					<span class="user" data-testid="user">{session.user.name}</span>
					<button type="button" class="link" onClick={signOut}>
						{t('signOut')}
					</button>
				</>
			)}
		</header>
	);

	if (session === undefined) return <>{header}<main><p>{t('loading')}</p></main></>;
	if (session === null) {
		return (
			<>
				{header}
				<SignIn
					offers={offers}
					onSignedIn={(current) => {
						useCsrf(current.csrf);
						setSession(current);
					}}
				/>
			</>
		);
	}
	const Page = pages[page];
	return (
		<>
			{header}
			<main>
				<Page />
			</main>
		</>
	);
}

document.documentElement.lang = lang.value;
render(<App />, document.getElementById('app')!);
