// Routes whose URL is fixed by the caller (a form's webhook setting, a scrape config) live outside the API prefix.
import { RouterRoot, type Route } from '@sapphire/plugin-api';

/**
 * plugin-api puts every route under its prefix (`/api/`). A route declaring its path with a leading
 * slash (`route: '/webhook/tally'`) is served at exactly that path instead. Called before the route
 * enters the store, where the router reads its path.
 */
export function applyRootedPath(route: Route): void {
	const declared = (route.options as Route.Options).route;
	if (declared?.startsWith('/')) Object.defineProperty(route, 'path', { value: RouterRoot.normalize(declared), enumerable: true });
}
