import { Route, type ApiRequest, type ApiResponse } from '@sapphire/plugin-api';
import { z } from 'zod';
import { pluginLogger, pluginOf } from '#core/plugin-kit.ts';
import { missingGoogleConfig, resourceStates, watchesOf } from '../google.ts';
import { finishWebhook, recordIncomingWebhook } from '../queries.ts';
import { Delivery, maxBodyBytes, receiverSchema } from '../receiver.ts';
import type { WebhooksSettings } from '../settings.ts';
import { sameSecret } from '../signatures.ts';

/**
 * `POST /webhook/google`: Google Calendar push notifications (the `address` of an `events.watch`
 * channel opened with `token` = GOOGLE_CHANNEL_TOKEN). `X-Goog-Channel-Token` and the channel id are
 * checked; `sync` (the channel opened) and `exists` (something changed) are answered 200 at once and the
 * calendar is synced from the queue (`webhooks.google`); each message number is done once.
 */
const schema = receiverSchema(
	'Google Calendar push notifications',
	'Headers only: `X-Goog-Channel-Token` = GOOGLE_CHANNEL_TOKEN, `X-Goog-Channel-ID` of a watched calendar, `X-Goog-Resource-State` sync, exists or not_exists; each message number is done once.',
	{
		200: { description: 'Received (synced from the queue), a duplicate, or ignored', schema: z.object({ received: z.literal(true), id: z.number(), duplicate: z.boolean().optional(), ignored: z.boolean().optional() }) },
		404: { description: 'No watched calendar has this channel id', schema: z.object({ error: z.string() }) }
	}
);

export class GoogleWebhookRoute extends Route {
	public constructor(context: Route.LoaderContext, options: Route.Options) {
		super(context, { ...options, route: '/webhook/google', methods: ['POST'], auth: 'public', bodyLimit: maxBodyBytes, schema });
	}

	public override async run(request: ApiRequest, response: ApiResponse) {
		const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : '');
		const delivery = new Delivery('google', request, response, pluginLogger(this), {
			credential: 'x-goog-channel-token',
			ids: ['x-goog-channel-id', 'x-goog-resource-id', 'x-goog-resource-state', 'x-goog-message-number', 'x-goog-channel-expiration']
		});
		const missing = missingGoogleConfig(this.container.config);
		if (missing.length > 0) return delivery.refuse(503, `Google receiver not configured: ${missing.join(', ')} not set`);
		const token = header('x-goog-channel-token');
		if (!token) return delivery.refuse(401, 'Missing X-Goog-Channel-Token header');
		if (!sameSecret(token, this.container.config.GOOGLE_CHANNEL_TOKEN!)) return delivery.refuse(401, 'Invalid X-Goog-Channel-Token');
		// Notifications carry no body: anything sent was read (and bounded) only to free the connection.
		if (delivery.readRaw() === null) return delivery.refuse(413, `Body larger than ${maxBodyBytes} bytes`);

		const channelId = header('x-goog-channel-id');
		const state = header('x-goog-resource-state');
		if (!channelId || !(resourceStates as readonly string[]).includes(state)) {
			const issues = [
				...(channelId ? [] : [{ in: 'header' as const, path: 'X-Goog-Channel-ID', message: 'required' }]),
				...((resourceStates as readonly string[]).includes(state) ? [] : [{ in: 'header' as const, path: 'X-Goog-Resource-State', message: `one of ${resourceStates.join(', ')}` }])
			];
			return delivery.refuse(400, 'Invalid request', { issues });
		}
		if ((await watchesOf(pluginOf<WebhooksSettings>(this), channelId)).length === 0) return delivery.refuse(404, `Unknown channel ${channelId.slice(0, 64)}`);

		const messageNumber = header('x-goog-message-number');
		const { id, duplicate } = await recordIncomingWebhook(this.container.db, {
			source: 'google',
			idempotencyKey: messageNumber ? `${channelId}:${messageNumber}` : null,
			event: state,
			httpStatus: 200,
			headers: delivery.headers,
			payload: null
		});
		if (duplicate) return response.status(200).json({ received: true, duplicate: true, id });
		if (state === 'not_exists') {
			await finishWebhook(this.container.db, id, { status: 'traite', httpStatus: 200, result: { ignored: 'the watched resource no longer exists' } });
			return response.status(200).json({ received: true, ignored: true, id });
		}
		await this.container.scheduler.runLater('webhooks.google', 0, { deliveryId: id, channelId });
		response.status(200).json({ received: true, id });
	}
}
