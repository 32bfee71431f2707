// The address of the client behind an HTTP request: the socket's own, or, behind a reverse proxy the
// configuration trusts (API_TRUST_PROXY), the address that proxy forwarded in X-Forwarded-For.
import type { IncomingMessage } from 'node:http';
import { container } from '@sapphire/framework';
import proxyAddr from 'proxy-addr';

let compiled: { from: readonly string[]; trust: ReturnType<typeof proxyAddr.compile> } | undefined;

/**
 * The client's address for rate limits, `api_logs` and logs. Without API_TRUST_PROXY, X-Forwarded-For is ignored
 * (anyone can send one); with it, proxy-addr walks the header back from the socket through the trusted proxies only.
 */
export function clientAddress(request: IncomingMessage): string {
	const proxies = container.config.API_TRUST_PROXY;
	if (proxies.length === 0 || request.socket.remoteAddress === undefined) return request.socket.remoteAddress ?? 'unknown';
	if (compiled?.from !== proxies) compiled = { from: proxies, trust: proxyAddr.compile([...proxies]) };
	return proxyAddr(request, compiled.trust);
}
